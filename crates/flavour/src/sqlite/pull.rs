//! sqlite: pull (SqlSchema → schema language: native types and defaults).
