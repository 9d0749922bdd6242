//! sqlite: casts.
