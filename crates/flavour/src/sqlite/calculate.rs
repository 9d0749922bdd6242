//! sqlite: calculate.
