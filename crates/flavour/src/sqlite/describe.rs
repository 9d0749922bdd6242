//! sqlite: describe.
