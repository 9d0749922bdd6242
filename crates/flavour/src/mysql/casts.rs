//! mysql: casts.
