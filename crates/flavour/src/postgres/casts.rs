//! postgres: casts.
