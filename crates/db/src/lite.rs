//! SQLite: opening files, error mapping, parameters and results.

use std::time::Duration;

use rusqlite::types::ValueRef;
use rusqlite::{Connection, OpenFlags};

use crate::conninfo::ConnectionInfo;
use crate::error::{DbError, ServerError};
use crate::value::Value;

/// How long a statement waits for another connection's lock before failing with SQLITE_BUSY
/// (rusqlite's default, which Prisma keeps unless the URL sets `socket_timeout`).
pub(crate) const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

pub(crate) fn connect(info: &ConnectionInfo) -> Result<Connection, DbError> {
    let Some(path) = info.sqlite_path() else { return Err(DbError::Other("not a SQLite URL".into())) };
    if info.is_in_memory() {
        return Connection::open_in_memory().map_err(error);
    }
    if !path.exists() {
        return Err(DbError::DatabaseDoesNotExist { database: info.database_name().to_string() });
    }
    if path.is_dir() {
        return Err(DbError::InvalidUrl { details: format!("{} is a directory, not a SQLite database file.", path.display()) });
    }
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_URI | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags).map_err(error)?;
    // No pragmas, as in Prisma's engine: foreign keys follow the bundled build's default (on).
    conn.busy_timeout(info.sqlite_busy_timeout().unwrap_or(BUSY_TIMEOUT)).map_err(error)?;
    Ok(conn)
}

/// Creates the file (and its folder) if missing.
pub(crate) fn create(info: &ConnectionInfo) -> Result<(), DbError> {
    let Some(path) = info.sqlite_path() else { return Err(DbError::Other("not a SQLite URL".into())) };
    if info.is_in_memory() {
        return Ok(());
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .map_err(|e| DbError::Other(format!("could not create the folder {}: {e}", parent.display())))?;
    }
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE;
    let conn = Connection::open_with_flags(path, flags).map_err(error)?;
    // An empty file is a valid database; touch the header so tools recognise it.
    conn.execute_batch("PRAGMA user_version;").map_err(error)?;
    Ok(())
}

pub(crate) fn error(e: rusqlite::Error) -> DbError {
    match e {
        rusqlite::Error::SqliteFailure(err, message) => {
            DbError::Server(Box::new(server_error(err.extended_code, message.unwrap_or_else(|| err.to_string()))))
        }
        // SQLite's own message, without rusqlite's "in <sql> at offset N" suffix.
        rusqlite::Error::SqlInputError { error, msg, .. } => DbError::Server(Box::new(server_error(error.extended_code, msg))),
        other => DbError::Other(other.to_string()),
    }
}

fn server_error(code: i32, message: String) -> ServerError {
    ServerError {
        code: code.to_string(),
        raw: message.clone(),
        message,
        severity: None,
        detail: None,
        hint: None,
        position: None,
    }
}

/// True for SQLITE_BUSY / SQLITE_LOCKED errors.
pub(crate) fn is_busy(e: &rusqlite::Error) -> bool {
    let code = match e {
        rusqlite::Error::SqliteFailure(err, _) | rusqlite::Error::SqlInputError { error: err, .. } => err.code,
        _ => return false,
    };
    matches!(code, rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
}

pub(crate) fn query(conn: &mut Connection, sql: &str, params: &[Value]) -> Result<Vec<Vec<Value>>, DbError> {
    let mut stmt = conn.prepare(sql).map_err(error)?;
    let columns = stmt.column_count();
    let params: Vec<rusqlite::types::Value> = params.iter().map(to_sqlite).collect();
    let mut rows = stmt.query(rusqlite::params_from_iter(params)).map_err(error)?;
    let mut out = Vec::new();
    while let Some(row) = rows.next().map_err(error)? {
        let mut values = Vec::with_capacity(columns);
        for i in 0..columns {
            values.push(from_sqlite(row.get_ref(i).map_err(error)?));
        }
        out.push(values);
    }
    Ok(out)
}

fn to_sqlite(value: &Value) -> rusqlite::types::Value {
    use rusqlite::types::Value as V;
    match value {
        Value::Null => V::Null,
        Value::Bool(b) => V::Integer(i64::from(*b)),
        Value::Int(i) => V::Integer(*i),
        Value::Float(x) => V::Real(*x),
        Value::Text(s) => V::Text(s.clone()),
        Value::Bytes(b) => V::Blob(b.clone()),
    }
}

fn from_sqlite(value: ValueRef<'_>) -> Value {
    match value {
        ValueRef::Null => Value::Null,
        ValueRef::Integer(i) => Value::Int(i),
        ValueRef::Real(x) => Value::Float(x),
        ValueRef::Text(t) => Value::Text(String::from_utf8_lossy(t).into_owned()),
        ValueRef::Blob(b) => Value::Bytes(b.to_vec()),
    }
}
