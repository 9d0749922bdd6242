//! The dialect-neutral schema (`SqlSchema`), the differ that turns two of them into migration
//! steps, and the pure destructive-change checks. Knows nothing of the schema language or of
//! any database driver; per-database behaviour enters through the flavour hooks of `diff`.

pub mod schema;

pub mod check;
pub mod diff;
pub mod migration;
pub mod summary;

pub use check::{check, check_with_counts, Checks, CountQuery, DataCounts};
pub use diff::{diff, diff_owned, DiffFlavour};
pub use migration::*;
pub use schema::*;
pub use summary::drift_summary;
