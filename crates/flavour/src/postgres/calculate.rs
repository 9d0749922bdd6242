//! postgres: calculate.
