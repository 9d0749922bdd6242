//! mysql: calculate.
