//! mysql: render.
