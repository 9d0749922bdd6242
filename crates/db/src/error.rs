//! Errors with Prisma's user-facing codes and texts (spec §1.3, current P1xxx texts).

use std::fmt;

/// The advisory-lock timeout context, verbatim from Prisma (spec §3).
pub const PG_LOCK_TIMEOUT_CONTEXT: &str = "Timed out trying to acquire a postgres advisory lock (SELECT pg_advisory_lock(72707369)). Timeout: 10000ms. See https://pris.ly/d/migrate-advisory-locking for details.";

/// Same shape as the PostgreSQL text; Prisma never reports this case (it ignores GET_LOCK's result).
pub const MYSQL_LOCK_TIMEOUT_CONTEXT: &str = "Timed out trying to acquire a mysql advisory lock (SELECT GET_LOCK('prisma_migrate', 10)). Timeout: 10000ms. See https://pris.ly/d/migrate-advisory-locking for details.";

/// Same shape again, for the exclusive SQLite file lock.
pub const SQLITE_LOCK_TIMEOUT_CONTEXT: &str = "Timed out trying to acquire an exclusive lock on the SQLite database file (PRAGMA main.locking_mode=EXCLUSIVE). Timeout: 10000ms. See https://pris.ly/d/migrate-advisory-locking for details.";

/// An error reported by the database server for a statement.
#[derive(Clone, PartialEq, Eq)]
pub struct ServerError {
    /// SQLSTATE on PostgreSQL, the error number on MySQL, the extended result code name on SQLite.
    pub code: String,
    /// The server's primary message.
    pub message: String,
    /// PostgreSQL: `ERROR`, `FATAL`, …
    pub severity: Option<String>,
    pub detail: Option<String>,
    pub hint: Option<String>,
    /// PostgreSQL: 1-based character position in the statement text.
    pub position: Option<u32>,
    /// The driver's own rendering (PostgreSQL: the `DbError { .. }` debug form Prisma prints).
    pub raw: String,
}

impl fmt::Debug for ServerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ServerError")
            .field("code", &self.code)
            .field("message", &self.message)
            .field("position", &self.position)
            .finish_non_exhaustive()
    }
}

impl fmt::Display for ServerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// A database error. Variants that correspond to a Prisma code render Prisma's text.
///
/// No variant ever holds a password: connection errors carry only user, database and location.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum DbError {
    /// P1000
    #[error("Authentication failed against database server, the provided database credentials for `{user}` are not valid.\n\nPlease make sure to provide valid database credentials for the database server at the configured address.")]
    AuthenticationFailed { user: String },
    /// P1001
    #[error("Can't reach database server at `{location}`\n\nPlease make sure your database server is running at `{location}`.")]
    Unreachable { location: String },
    /// P1002
    #[error("The database server was reached but timed out.\n\nPlease try again.\n\nPlease make sure your database server is running at the configured address.\n\nContext: {context}\n")]
    Timeout { context: String },
    /// P1008 (`extra_hint` starts with " — see …" or is empty).
    #[error("Socket timeout (the database failed to respond to a query within the configured timeout{extra_hint}).")]
    SocketTimeout { extra_hint: String },
    /// P1003
    #[error("Database `{database}` does not exist")]
    DatabaseDoesNotExist { database: String },
    /// P1009
    #[error("Database `{database}` already exists on the database server")]
    DatabaseAlreadyExists { database: String },
    /// P1010
    #[error("User was denied access on the database `{database}`")]
    AccessDenied { database: String },
    /// P1011
    #[error("Error opening a TLS connection: {message}")]
    Tls { message: String },
    /// P1013
    #[error("The provided database string is invalid. {details}")]
    InvalidUrl { details: String },
    /// P1017
    #[error("Server has closed the connection.")]
    ConnectionClosed,
    /// P3000
    #[error("Failed to create database: {database_error}")]
    DatabaseCreationFailed { database_error: String },
    /// A statement failed on the server (no Prisma code of its own; P3018 wraps it).
    #[error("{0}")]
    Server(Box<ServerError>),
    /// Anything else from a driver or the file system (message only).
    #[error("{0}")]
    Other(String),
}

impl DbError {
    /// The Prisma error code, where one applies.
    pub fn code(&self) -> Option<&'static str> {
        Some(match self {
            DbError::AuthenticationFailed { .. } => "P1000",
            DbError::Unreachable { .. } => "P1001",
            DbError::Timeout { .. } => "P1002",
            DbError::DatabaseDoesNotExist { .. } => "P1003",
            DbError::SocketTimeout { .. } => "P1008",
            DbError::DatabaseAlreadyExists { .. } => "P1009",
            DbError::AccessDenied { .. } => "P1010",
            DbError::Tls { .. } => "P1011",
            DbError::InvalidUrl { .. } => "P1013",
            DbError::ConnectionClosed => "P1017",
            DbError::DatabaseCreationFailed { .. } => "P3000",
            DbError::Server(_) | DbError::Other(_) => return None,
        })
    }

    /// The server's error, when the database reported one (SQLSTATE / error number + message).
    pub fn server_error(&self) -> Option<&ServerError> {
        match self {
            DbError::Server(e) => Some(e),
            _ => None,
        }
    }

    /// The database's own error code (SQLSTATE, MySQL error number, SQLite code name).
    pub fn database_code(&self) -> Option<&str> {
        self.server_error().map(|e| e.code.as_str())
    }

    pub(crate) fn invalid_url(details: impl Into<String>) -> DbError {
        DbError::InvalidUrl { details: details.into() }
    }
}

/// A migration script failed: everything P3018 / P3006 need.
#[derive(Debug, thiserror::Error)]
#[error("{database_error}")]
pub struct ScriptError {
    /// The database's error code ("Database error code:" in P3018), when the server reported one.
    pub database_error_code: Option<String>,
    /// The full "Database error:" text, formatted as Prisma does: on PostgreSQL with the
    /// `Position:` excerpt, on MySQL with "Please check the query number N from the migration file."
    pub database_error: String,
    /// 1-based number of the failing statement, when the script was run statement by statement.
    pub statement_number: Option<usize>,
    /// The underlying error.
    pub source: DbError,
}

impl ScriptError {
    /// The Prisma code of the underlying error, if it is a connection-level one (P1001, P1017…).
    pub fn code(&self) -> Option<&'static str> {
        self.source.code()
    }
}
