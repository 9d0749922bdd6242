//! mysql: describe.
