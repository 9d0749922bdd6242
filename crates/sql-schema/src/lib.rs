//! The dialect-neutral schema (`SqlSchema`), the differ that turns two of them into migration
//! steps, and the pure destructive-change checks. Knows nothing of the schema language or of
//! any database driver; per-database behaviour enters through the flavour hooks of `diff`.

pub mod schema;

pub use schema::*;
