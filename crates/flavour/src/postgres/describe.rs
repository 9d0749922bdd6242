//! postgres: describe.
