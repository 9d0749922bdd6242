//! The migrate commands as a library: the migrations folder and lock file, the
//! `_prisma_migrations` history table, and `deploy`, `status`, `resolve`, `reset` and
//! `db execute`, all returning typed reports, plus shadow databases for replaying a
//! migrations folder ([`shadow`]). Nothing here prints or reads the environment;
//! the CLI renders reports and maps [`MigrateError::code`] to Prisma's `Error: Pxxxx` output.
//!
//! Applications can apply their migrations at start-up with [`deploy_with`].
//!
//! Compatibility with Prisma (spec §2–§5): the same `_prisma_migrations` DDL, rows, checksums
//! and lock; the same error codes and texts. Choices worth knowing:
//! - Migration directories are sorted by byte order of their names (Prisma ≥ 6.6 uses JS
//!   `localeCompare`; identical for `YYYYMMDDHHMMSS_name` names).
//! - Scripts are decoded like Node's `readFile(…, 'utf-8')` (BOM kept, invalid bytes → U+FFFD)
//!   so checksums equal Prisma's.
//! - Timestamps are written as Prisma's native engine writes them (SQLite: integer
//!   milliseconds) and read in any of the forms found in the wild (integer or ISO text).
//! - `logs` of a failed row holds the P3018 text (Prisma's also appends an internal span
//!   trace). P3009 never shows logs, as in Prisma, whose engine never loads them.
//!
//! Beyond Prisma:
//! - On PostgreSQL and SQLite, a migration that can run in a transaction runs in the same
//!   transaction as its history row ([`apply`]): a deploy killed at any moment needs no repair.
//!   A failed one leaves nothing behind but a failed row (so the next deploy stops with P3009).
//!   SQLite table redefinitions get foreign keys turned off before the transaction, where the
//!   script's own `PRAGMA foreign_keys=OFF` would be a no-op.
//! - Concurrent deploys are safe also while the database or its PostgreSQL schema is being
//!   created, and the SQLite lock cannot deadlock between deployers ([`lock`]).

pub mod apply;
pub mod checksum;
pub mod data_loss;
pub mod deploy;
pub mod diff;
pub mod dev;
pub mod dev_command;
pub mod error;
pub mod execute;
pub mod history;
pub mod lock;
pub mod migrations_dir;
pub mod naming;
pub mod push;
pub mod replay;
pub mod replay_cache;
pub mod reset;
pub mod resolve;
pub mod script_analysis;
pub mod shadow;
pub mod status;
pub mod target;

pub use apply::{apply_migrations, ApplySettings, Progress};
pub use diff::{DiffOptions, DiffReport, DiffSource};
pub use deploy::{deploy, deploy_with, DeployOptions, DeployReport};
pub use error::MigrateError;
pub use execute::db_execute;
pub use dev_command::{dev, DevInput, DevOutcome, DevReport, DevSettings};
pub use migrations_dir::{MigrationDirectory, MigrationsFolder};
pub use push::{push, PushReport};
pub use replay::{schema_of_migrations, schema_of_sql, schemas_of_prefixes, ReplayOptions};
pub use replay_cache::ReplayCache;
pub use reset::reset;
pub use resolve::{resolve_applied, resolve_rolled_back};
pub use status::{status, HistoryDiagnostic, StatusOutcome, StatusReport};
pub use target::Target;
