//! Database access for strata: connection URLs, connections to PostgreSQL, MySQL/MariaDB and
//! SQLite, migration-script execution, the migrate lock, and create/drop database.
//!
//! Errors carry Prisma's user-facing codes ([`DbError::code`]). Nothing here prints or reads the
//! environment: callers pass configuration in.
//!
//! ```no_run
//! use db::{Connection, ConnectionInfo, DbError};
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let info = ConnectionInfo::parse("file:./dev.db", std::path::Path::new("prisma"))?;
//! let mut conn = match Connection::connect(&info) {
//!     Err(DbError::DatabaseDoesNotExist { .. }) => {
//!         db::create_database(&info)?; // as Prisma does on P1003
//!         Connection::connect(&info)?
//!     }
//!     other => other?,
//! };
//! conn.acquire_migrate_lock()?;
//! conn.apply_script("CREATE TABLE t (id INTEGER PRIMARY KEY);")?;
//! # Ok(()) }
//! ```
//!
//! Values: parameters are [`Value`]s (`$1` on PostgreSQL, `?` elsewhere; PostgreSQL receives
//! them as text and casts them itself). Results come back typed: integers, floats, booleans,
//! text, bytes; timestamps and dates as ISO 8601 text (`2024-01-02T03:04:05.123Z` for
//! `timestamptz`, no `Z` for zone-less types), NUMERIC/DECIMAL as exact text.

mod admin;
mod connection;
mod conninfo;
mod error;
mod lite;
mod my;
mod pg;
mod script;
mod split;
mod tls;
mod value;

pub use admin::{create_database, database_exists, drop_database, quote_ident};
pub use connection::{Connection, ADVISORY_LOCK_TIMEOUT};
pub use conninfo::{redact, ConnectionInfo, Endpoint, SslAccept, SslMode, TlsParams};
pub use error::{
    DbError, ScriptError, ServerError, MYSQL_LOCK_TIMEOUT_CONTEXT, PG_LOCK_TIMEOUT_CONTEXT, SQLITE_LOCK_TIMEOUT_CONTEXT,
};
pub use script::format_pg_error_position;
pub use split::{keywords, script_needs_no_transaction, split_statements, statement_needs_no_transaction, Statement};
pub use value::{format_timestamp, Value};

/// Re-exported drivers, for code that talks to a raw client (e.g. describe).
pub use mysql;
pub use postgres;
pub use rusqlite;

/// The database family of a URL or connection.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DbKind {
    Postgres,
    Mysql,
    Sqlite,
}

impl DbKind {
    /// Prisma's provider name (`migration_lock.toml`, datasource `provider`).
    pub fn provider(self) -> &'static str {
        match self {
            DbKind::Postgres => "postgresql",
            DbKind::Mysql => "mysql",
            DbKind::Sqlite => "sqlite",
        }
    }

    /// The name Prisma prints in messages ("PostgreSQL database …").
    pub fn display_name(self) -> &'static str {
        match self {
            DbKind::Postgres => "PostgreSQL",
            DbKind::Mysql => "MySQL",
            DbKind::Sqlite => "SQLite",
        }
    }
}
