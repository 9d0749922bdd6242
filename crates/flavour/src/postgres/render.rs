//! postgres: render.
