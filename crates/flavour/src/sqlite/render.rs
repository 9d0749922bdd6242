//! sqlite: render.
