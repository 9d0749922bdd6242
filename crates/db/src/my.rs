//! MySQL / MariaDB: connecting, error mapping, parameters and result decoding.

use mysql::consts::ColumnType;
use mysql::prelude::Queryable;
use mysql::{Conn, OptsBuilder, SslOpts};

use crate::conninfo::{ConnectionInfo, Endpoint, SslAccept, SslMode};
use crate::error::{DbError, ServerError};
use crate::value::{format_date, format_timestamp, Value};

/// The binary collation id: columns with it hold bytes, not text.
const BINARY_CHARSET: u16 = 63;

pub(crate) fn connect(info: &ConnectionInfo) -> Result<Conn, DbError> {
    let Some(server) = info.server() else { return Err(DbError::Other("not a MySQL URL".into())) };
    let timeout = server.connect_timeout;
    let owned = info.clone();
    crate::conninfo::connect_with_deadline(timeout, info, move || connect_now(&owned))
}

fn connect_now(info: &ConnectionInfo) -> Result<Conn, DbError> {
    let Some(server) = info.server() else { return Err(DbError::Other("not a MySQL URL".into())) };
    let mut opts = OptsBuilder::new()
        .user(Some(server.user.clone()))
        .pass(server.password.clone())
        .db_name((!server.database.is_empty()).then(|| server.database.clone()))
        // Stay on the endpoint the URL names (the driver would otherwise switch to a local socket).
        .prefer_socket(false)
        .tcp_connect_timeout(server.connect_timeout)
        .read_timeout(server.socket_timeout)
        .write_timeout(server.socket_timeout);
    opts = match &server.endpoint {
        Endpoint::Tcp { host, port } => opts.ip_or_hostname(Some(host.clone())).tcp_port(*port),
        Endpoint::Socket { path, .. } => opts.socket(Some(path.clone())),
    };
    if server.tls.mode != SslMode::Disable {
        crate::tls::reject_identity(&server.tls)?;
        let mut ssl = SslOpts::default();
        if server.tls.accept == SslAccept::AcceptInvalidCerts {
            ssl = ssl.with_danger_accept_invalid_certs(true).with_danger_skip_domain_validation(true);
        }
        if let Some(root) = &server.tls.root_cert {
            ssl = ssl.with_root_cert_path(Some(root.clone()));
        }
        opts = opts.ssl_opts(Some(ssl));
    }
    Conn::new(opts).map_err(|e| connect_error(e, info))
}

fn connect_error(e: mysql::Error, info: &ConnectionInfo) -> DbError {
    let server = info.server();
    let user = server.map(|s| s.user.clone()).unwrap_or_default();
    let database = server.map(|s| s.database.clone()).unwrap_or_default();
    match &e {
        mysql::Error::MySqlError(my) => match my.code {
            1045 => DbError::AuthenticationFailed { user },
            1049 => DbError::DatabaseDoesNotExist { database },
            1044 => DbError::AccessDenied { database },
            _ => DbError::Server(Box::new(server_error(my))),
        },
        mysql::Error::TlsError(t) => DbError::Tls { message: t.to_string() },
        mysql::Error::DriverError(mysql::DriverError::TlsNotSupported) => {
            DbError::Tls { message: "the server does not support TLS".into() }
        }
        mysql::Error::IoError(_)
        | mysql::Error::CodecError(_)
        | mysql::Error::DriverError(mysql::DriverError::ConnectTimeout | mysql::DriverError::CouldNotConnect(_)) => {
            DbError::Unreachable { location: info.reach_location() }
        }
        other => DbError::Other(other.to_string()),
    }
}

/// Maps an error from an established connection.
pub(crate) fn error(e: mysql::Error, info: &ConnectionInfo) -> DbError {
    if is_timeout(&e) {
        return DbError::SocketTimeout { extra_hint: " — see https://pris.ly/d/mysql-connector for more details".into() };
    }
    match e {
        mysql::Error::MySqlError(my) => DbError::Server(Box::new(server_error(&my))),
        mysql::Error::IoError(_) | mysql::Error::CodecError(_) => DbError::ConnectionClosed,
        mysql::Error::DriverError(mysql::DriverError::ConnectTimeout | mysql::DriverError::CouldNotConnect(_)) => {
            DbError::Unreachable { location: info.reach_location() }
        }
        other => DbError::Other(other.to_string()),
    }
}

/// A read or write that outlived `socket_timeout` (the OS reports EAGAIN or ETIMEDOUT).
fn is_timeout(e: &mysql::Error) -> bool {
    use std::error::Error as _;
    let io = match e {
        mysql::Error::IoError(io) => Some(io),
        mysql::Error::CodecError(codec) => codec.source().and_then(|s| s.downcast_ref::<std::io::Error>()),
        _ => None,
    };
    io.is_some_and(|io| matches!(io.kind(), std::io::ErrorKind::TimedOut | std::io::ErrorKind::WouldBlock))
}

fn server_error(my: &mysql::MySqlError) -> ServerError {
    ServerError {
        code: my.code.to_string(),
        message: my.message.clone(),
        severity: None,
        detail: None,
        hint: None,
        position: None,
        raw: my.to_string(),
    }
}

/// Runs one or more statements, surfacing an error from any of them.
///
/// Returns the 1-based number of the failing statement with the error.
pub(crate) fn run_multi(conn: &mut Conn, sql: &str) -> Result<(), (usize, mysql::Error)> {
    let mut result = conn.query_iter(sql).map_err(|e| (1, e))?;
    let mut number = 0;
    while let Some(set) = result.iter() {
        number += 1;
        for row in set {
            row.map_err(|e| (number, e))?;
        }
    }
    Ok(())
}

pub(crate) fn query(conn: &mut Conn, info: &ConnectionInfo, sql: &str, params: &[Value]) -> Result<Vec<Vec<Value>>, DbError> {
    let params: Vec<mysql::Value> = params.iter().map(to_mysql).collect();
    let params = if params.is_empty() { mysql::Params::Empty } else { mysql::Params::Positional(params) };
    let prepared = match conn.prep(sql) {
        Ok(stmt) => stmt,
        // Statements the server cannot prepare (ER_UNSUPPORTED_PS) run through the text protocol.
        Err(mysql::Error::MySqlError(e)) if e.code == 1295 && params == mysql::Params::Empty => {
            let mut result = conn.query_iter(sql).map_err(|e| error(e, info))?;
            return collect(&mut result, info);
        }
        Err(e) => return Err(error(e, info)),
    };
    let mut result = conn.exec_iter(&prepared, params).map_err(|e| error(e, info))?;
    collect(&mut result, info)
}

fn collect<T: mysql::prelude::Protocol>(
    result: &mut mysql::QueryResult<'_, '_, '_, T>,
    info: &ConnectionInfo,
) -> Result<Vec<Vec<Value>>, DbError> {
    let mut rows = Vec::new();
    while let Some(set) = result.iter() {
        for row in set {
            let row = row.map_err(|e| error(e, info))?;
            let columns = row.columns();
            let values = row.unwrap();
            rows.push(values.into_iter().zip(columns.iter()).map(|(v, c)| from_mysql(v, c)).collect());
        }
    }
    Ok(rows)
}

fn to_mysql(value: &Value) -> mysql::Value {
    match value {
        Value::Null => mysql::Value::NULL,
        Value::Bool(b) => mysql::Value::Int(i64::from(*b)),
        Value::Int(i) => mysql::Value::Int(*i),
        Value::Float(x) => mysql::Value::Double(*x),
        Value::Text(s) => mysql::Value::Bytes(s.clone().into_bytes()),
        Value::Bytes(b) => mysql::Value::Bytes(b.clone()),
    }
}

fn from_mysql(value: mysql::Value, column: &mysql::Column) -> Value {
    match value {
        mysql::Value::NULL => Value::Null,
        mysql::Value::Int(i) => Value::Int(i),
        mysql::Value::UInt(u) => i64::try_from(u).map_or_else(|_| Value::Text(u.to_string()), Value::Int),
        mysql::Value::Float(x) => Value::Float(f64::from(x)),
        mysql::Value::Double(x) => Value::Float(x),
        mysql::Value::Date(y, mo, d, h, mi, s, us) => Value::Text(date_value(column.column_type(), (y, mo, d), (h, mi, s, us))),
        mysql::Value::Time(neg, days, h, mi, s, us) => {
            let hours = days * 24 + u32::from(h);
            let mut out = format!("{}{hours:02}:{mi:02}:{s:02}", if neg { "-" } else { "" });
            if us > 0 {
                out.push_str(format!(".{us:06}").trim_end_matches('0'));
            }
            Value::Text(out)
        }
        mysql::Value::Bytes(bytes) => from_text_protocol(bytes, column),
    }
}

fn date_value(ty: ColumnType, (y, mo, d): (u16, u8, u8), (h, mi, s, us): (u8, u8, u8, u32)) -> String {
    if matches!(ty, ColumnType::MYSQL_TYPE_DATE | ColumnType::MYSQL_TYPE_NEWDATE) {
        return format_date(i64::from(y), u32::from(mo), u32::from(d));
    }
    format_timestamp((i64::from(y), u32::from(mo), u32::from(d)), (u32::from(h), u32::from(mi), u32::from(s), us), false)
}

/// Text-protocol cells (and strings in the binary protocol) arrive as bytes: type them by column.
fn from_text_protocol(bytes: Vec<u8>, column: &mysql::Column) -> Value {
    use ColumnType::*;
    let ty = column.column_type();
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => return Value::Bytes(e.into_bytes()),
    };
    match ty {
        MYSQL_TYPE_TINY | MYSQL_TYPE_SHORT | MYSQL_TYPE_LONG | MYSQL_TYPE_LONGLONG | MYSQL_TYPE_INT24 | MYSQL_TYPE_YEAR => {
            text.parse().map_or(Value::Text(text), Value::Int)
        }
        MYSQL_TYPE_FLOAT | MYSQL_TYPE_DOUBLE => text.parse().map_or(Value::Text(text), Value::Float),
        MYSQL_TYPE_DATETIME | MYSQL_TYPE_TIMESTAMP | MYSQL_TYPE_DATETIME2 | MYSQL_TYPE_TIMESTAMP2 => {
            Value::Text(iso_from_mysql_text(&text))
        }
        MYSQL_TYPE_TINY_BLOB | MYSQL_TYPE_MEDIUM_BLOB | MYSQL_TYPE_LONG_BLOB | MYSQL_TYPE_BLOB | MYSQL_TYPE_VAR_STRING
        | MYSQL_TYPE_STRING | MYSQL_TYPE_VARCHAR | MYSQL_TYPE_BIT | MYSQL_TYPE_GEOMETRY
            if column.character_set() == BINARY_CHARSET =>
        {
            Value::Bytes(text.into_bytes())
        }
        _ => Value::Text(text),
    }
}

/// "2024-01-02 03:04:05.120" → "2024-01-02T03:04:05.12".
fn iso_from_mysql_text(text: &str) -> String {
    let Some((date, time)) = text.split_once(' ') else { return text.to_string() };
    let time = match time.split_once('.') {
        Some((hms, frac)) => {
            let frac = frac.trim_end_matches('0');
            if frac.is_empty() { hms.to_string() } else { format!("{hms}.{frac}") }
        }
        None => time.to_string(),
    };
    format!("{date}T{time}")
}

/// Connects without selecting a database (CREATE/DROP DATABASE).
pub(crate) fn connect_admin(info: &ConnectionInfo) -> Result<Conn, DbError> {
    let mut admin = info.clone();
    if let crate::conninfo::Target::Server(s) = &mut admin.target {
        s.database = String::new();
    }
    connect(&admin)
}
