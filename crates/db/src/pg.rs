//! PostgreSQL: connecting, error mapping, parameters and result decoding.

use std::error::Error as StdError;
use std::io;

use postgres::types::{FromSql, IsNull, Kind, ToSql, Type};
use postgres::{Client, NoTls};
use tokio_postgres_rustls::MakeRustlsConnect;

use crate::conninfo::{ConnectionInfo, Endpoint, ServerInfo, SslMode};
use crate::error::{DbError, ServerError};
use crate::value::{civil_from_days, format_date, format_timestamp, timestamp_from_unix_micros, Value};

/// Microseconds between 1970-01-01 and 2000-01-01 (PostgreSQL's epoch).
const PG_EPOCH_MICROS: i64 = 946_684_800_000_000;
const PG_EPOCH_DAYS: i64 = 10_957;

pub(crate) fn connect(info: &ConnectionInfo) -> Result<Client, DbError> {
    let Some(server) = info.server() else { return Err(DbError::Other("not a PostgreSQL URL".into())) };
    let timeout = server.connect_timeout;
    let owned = info.clone();
    crate::conninfo::connect_with_deadline(timeout, info, move || connect_now(&owned))
}

fn connect_now(info: &ConnectionInfo) -> Result<Client, DbError> {
    let Some(server) = info.server() else { return Err(DbError::Other("not a PostgreSQL URL".into())) };
    let config = config(server, &server.database);
    let result = match server.tls.mode {
        SslMode::Disable => config.connect(NoTls),
        SslMode::Prefer | SslMode::Require => {
            let tls = MakeRustlsConnect::new(crate::tls::client_config(&server.tls)?);
            config.connect(tls)
        }
    };
    let mut client = result.map_err(|e| connect_error(e, info, server))?;
    let mut session = Vec::new();
    if let Some(schema) = &server.schema {
        session.push(format!("SET search_path = \"{}\"", schema.replace('"', "\"\"")));
    }
    // Prisma bounds every query by `socket_timeout` on the client; the server-side statement
    // timeout gives the same limit to a synchronous client (its error maps to P1008).
    if let Some(timeout) = server.socket_timeout {
        session.push(format!("SET statement_timeout = {}", timeout.as_millis()));
    }
    if !session.is_empty() {
        client.batch_execute(&session.join("; ")).map_err(|e| error(e, info))?;
    }
    Ok(client)
}

fn config(server: &ServerInfo, database: &str) -> postgres::Config {
    let mut config = postgres::Config::new();
    config.user(&server.user).dbname(database);
    if let Some(password) = &server.password {
        config.password(password);
    }
    match &server.endpoint {
        Endpoint::Tcp { host, port } => {
            config.host(host).port(*port);
        }
        Endpoint::Socket { path, port } => {
            set_socket(&mut config, path);
            config.port(*port);
        }
    }
    if let Some(timeout) = server.connect_timeout {
        config.connect_timeout(timeout);
    }
    if let Some(timeout) = server.socket_timeout {
        config.tcp_user_timeout(timeout);
    }
    if let Some(name) = &server.application_name {
        config.application_name(name);
    }
    if let Some(options) = &server.options {
        config.options(options);
    }
    config.ssl_mode(match server.tls.mode {
        SslMode::Disable => postgres::config::SslMode::Disable,
        SslMode::Prefer => postgres::config::SslMode::Prefer,
        SslMode::Require => postgres::config::SslMode::Require,
    });
    config
}

#[cfg(unix)]
fn set_socket(config: &mut postgres::Config, path: &str) {
    config.host_path(path);
}

#[cfg(not(unix))]
fn set_socket(config: &mut postgres::Config, path: &str) {
    config.host(path);
}

fn io_error_in_chain<'a>(e: &'a (dyn StdError + 'static)) -> Option<&'a io::Error> {
    let mut current: Option<&(dyn StdError + 'static)> = Some(e);
    while let Some(err) = current {
        if let Some(io) = err.downcast_ref::<io::Error>() {
            return Some(io);
        }
        current = err.source();
    }
    None
}

fn chain_text(e: &(dyn StdError + 'static)) -> String {
    let mut parts = vec![e.to_string()];
    let mut current = e.source();
    while let Some(err) = current {
        let text = err.to_string();
        if !parts.iter().any(|p| p.contains(&text)) {
            parts.push(text);
        }
        current = err.source();
    }
    parts.join(": ")
}

fn connect_error(e: postgres::Error, info: &ConnectionInfo, server: &ServerInfo) -> DbError {
    if let Some(db) = e.as_db_error() {
        return match db.code().code() {
            "28P01" => DbError::AuthenticationFailed { user: server.user.clone() },
            "3D000" => DbError::DatabaseDoesNotExist { database: server.database.clone() },
            "28000" | "42501" => DbError::AccessDenied { database: server.database.clone() },
            _ => DbError::Server(Box::new(server_error(db))),
        };
    }
    let text = e.to_string();
    if text.contains("TLS") {
        return DbError::Tls { message: chain_text(&e) };
    }
    if e.is_closed() {
        return DbError::ConnectionClosed;
    }
    match io_error_in_chain(&e) {
        Some(_) => DbError::Unreachable { location: info.reach_location() },
        None => DbError::Other(chain_text(&e)),
    }
}

/// Maps an error from an established connection.
pub(crate) fn error(e: postgres::Error, info: &ConnectionInfo) -> DbError {
    if let Some(db) = e.as_db_error() {
        if db.code().code() == "57014" && db.message().contains("statement timeout") {
            return socket_timeout();
        }
        return DbError::Server(Box::new(server_error(db)));
    }
    if e.is_closed() {
        return DbError::ConnectionClosed;
    }
    match io_error_in_chain(&e) {
        Some(io) if io.kind() == io::ErrorKind::TimedOut => socket_timeout(),
        Some(_) => DbError::Unreachable { location: info.reach_location() },
        None => DbError::Other(chain_text(&e)),
    }
}

fn socket_timeout() -> DbError {
    DbError::SocketTimeout { extra_hint: " — see https://pris.ly/d/postgresql-connector for more details".into() }
}

fn server_error(db: &postgres::error::DbError) -> ServerError {
    let position = match db.position() {
        Some(postgres::error::ErrorPosition::Original(p)) => Some(*p),
        _ => None,
    };
    ServerError {
        code: db.code().code().to_string(),
        message: db.message().to_string(),
        severity: Some(db.severity().to_string()),
        detail: db.detail().map(str::to_string),
        hint: db.hint().map(str::to_string),
        position,
        raw: format!("{db:?}"),
    }
}

/// Runs a parameterised query; parameters are sent in text format so the server casts them.
pub(crate) fn query(client: &mut Client, info: &ConnectionInfo, sql: &str, params: &[Value]) -> Result<Vec<Vec<Value>>, DbError> {
    let params: Vec<Param<'_>> = params.iter().map(Param).collect();
    let refs: Vec<&(dyn ToSql + Sync)> = params.iter().map(|p| p as &(dyn ToSql + Sync)).collect();
    let rows = client.query(sql, &refs).map_err(|e| error(e, info))?;
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let mut values = Vec::with_capacity(row.len());
        for i in 0..row.len() {
            let cell: Cell = row.try_get(i).map_err(|e| error(e, info))?;
            values.push(cell.0);
        }
        out.push(values);
    }
    Ok(out)
}

#[derive(Debug)]
struct Param<'a>(&'a Value);

impl ToSql for Param<'_> {
    fn to_sql(&self, _ty: &Type, out: &mut bytes::BytesMut) -> Result<IsNull, Box<dyn StdError + Sync + Send>> {
        let text = match self.0 {
            Value::Null => return Ok(IsNull::Yes),
            Value::Bool(b) => if *b { "true" } else { "false" }.to_string(),
            Value::Int(i) => i.to_string(),
            Value::Float(x) => x.to_string(),
            Value::Text(s) => s.clone(),
            Value::Bytes(b) => {
                let mut s = String::with_capacity(2 + 2 * b.len());
                s.push_str("\\x");
                for byte in b {
                    s.push_str(&format!("{byte:02x}"));
                }
                s
            }
        };
        out.extend_from_slice(text.as_bytes());
        Ok(IsNull::No)
    }

    fn accepts(_ty: &Type) -> bool {
        true
    }

    fn encode_format(&self, _ty: &Type) -> postgres::types::Format {
        postgres::types::Format::Text
    }

    postgres::types::to_sql_checked!();
}

/// One result cell decoded from the binary format.
struct Cell(Value);

impl<'a> FromSql<'a> for Cell {
    fn from_sql(ty: &Type, raw: &'a [u8]) -> Result<Self, Box<dyn StdError + Sync + Send>> {
        Ok(Cell(decode(ty, raw)?))
    }

    fn from_sql_null(_ty: &Type) -> Result<Self, Box<dyn StdError + Sync + Send>> {
        Ok(Cell(Value::Null))
    }

    fn accepts(_ty: &Type) -> bool {
        true
    }
}

fn be<const N: usize>(raw: &[u8]) -> Result<[u8; N], Box<dyn StdError + Sync + Send>> {
    raw.try_into().map_err(|_| "unexpected value length".into())
}

fn text(raw: &[u8]) -> Result<Value, Box<dyn StdError + Sync + Send>> {
    Ok(Value::Text(std::str::from_utf8(raw)?.to_string()))
}

fn decode(ty: &Type, raw: &[u8]) -> Result<Value, Box<dyn StdError + Sync + Send>> {
    if matches!(ty.kind(), Kind::Enum(_)) {
        return text(raw);
    }
    let value = match *ty {
        Type::BOOL => Value::Bool(raw.first().is_some_and(|b| *b != 0)),
        Type::INT2 => Value::Int(i64::from(i16::from_be_bytes(be(raw)?))),
        Type::INT4 => Value::Int(i64::from(i32::from_be_bytes(be(raw)?))),
        Type::INT8 => Value::Int(i64::from_be_bytes(be(raw)?)),
        Type::OID => Value::Int(i64::from(u32::from_be_bytes(be(raw)?))),
        Type::FLOAT4 => Value::Float(f64::from(f32::from_be_bytes(be(raw)?))),
        Type::FLOAT8 => Value::Float(f64::from_be_bytes(be(raw)?)),
        Type::TEXT | Type::VARCHAR | Type::BPCHAR | Type::NAME | Type::UNKNOWN | Type::JSON | Type::XML => text(raw)?,
        Type::CHAR => Value::Text(String::from_utf8_lossy(raw).into_owned()),
        Type::JSONB => text(raw.get(1..).unwrap_or_default())?,
        Type::BYTEA => Value::Bytes(raw.to_vec()),
        Type::TIMESTAMP | Type::TIMESTAMPTZ => {
            let micros = i64::from_be_bytes(be(raw)?);
            let utc = *ty == Type::TIMESTAMPTZ;
            match micros {
                i64::MAX => Value::Text("infinity".into()),
                i64::MIN => Value::Text("-infinity".into()),
                m => Value::Text(timestamp_from_unix_micros(m.saturating_add(PG_EPOCH_MICROS), utc)),
            }
        }
        Type::DATE => {
            let days = i64::from(i32::from_be_bytes(be(raw)?));
            let (y, m, d) = civil_from_days(days + PG_EPOCH_DAYS);
            Value::Text(format_date(y, m, d))
        }
        Type::TIME => {
            let micros = i64::from_be_bytes(be(raw)?);
            let secs = (micros / 1_000_000) as u32;
            let ts = format_timestamp((2000, 1, 1), (secs / 3600, secs / 60 % 60, secs % 60, (micros % 1_000_000) as u32), false);
            Value::Text(ts.split_once('T').map(|(_, t)| t.to_string()).unwrap_or(ts))
        }
        Type::UUID => Value::Text(format_uuid(raw)),
        Type::NUMERIC => Value::Text(decode_numeric(raw)?),
        _ if ty.name() == "citext" => text(raw)?,
        _ => Value::Bytes(raw.to_vec()),
    };
    Ok(value)
}

fn format_uuid(raw: &[u8]) -> String {
    let hex: String = raw.iter().map(|b| format!("{b:02x}")).collect();
    if hex.len() != 32 {
        return hex;
    }
    format!("{}-{}-{}-{}-{}", &hex[..8], &hex[8..12], &hex[12..16], &hex[16..20], &hex[20..])
}

/// NUMERIC binary format: ndigits, weight, sign, dscale, then base-10000 digits.
fn decode_numeric(raw: &[u8]) -> Result<String, Box<dyn StdError + Sync + Send>> {
    let word = |i: usize| -> Result<u16, Box<dyn StdError + Sync + Send>> {
        Ok(u16::from_be_bytes(be(raw.get(i * 2..i * 2 + 2).ok_or("short numeric")?)?))
    };
    let ndigits = word(0)? as usize;
    let weight = word(1)? as i16 as i32;
    let sign = word(2)?;
    let dscale = word(3)? as usize;
    match sign {
        0xC000 => return Ok("NaN".into()),
        0xD000 => return Ok("Infinity".into()),
        0xF000 => return Ok("-Infinity".into()),
        _ => {}
    }
    let digits: Vec<u16> = (0..ndigits).map(|i| word(4 + i)).collect::<Result<_, _>>()?;
    let digit_at = |pos: i32| -> u16 { usize::try_from(pos).ok().and_then(|p| digits.get(p).copied()).unwrap_or(0) };
    let mut int_part = String::new();
    for w in (0..=weight).rev() {
        let d = digit_at(weight - w);
        if int_part.is_empty() {
            if d != 0 {
                int_part = d.to_string();
            }
        } else {
            int_part.push_str(&format!("{d:04}"));
        }
    }
    if int_part.is_empty() {
        int_part.push('0');
    }
    let mut frac = String::new();
    let mut pos = weight + 1;
    while frac.len() < dscale {
        frac.push_str(&format!("{:04}", digit_at(pos)));
        pos += 1;
    }
    frac.truncate(dscale);
    let mut out = String::new();
    if sign == 0x4000 {
        out.push('-');
    }
    out.push_str(&int_part);
    if !frac.is_empty() {
        out.push('.');
        out.push_str(&frac);
    }
    Ok(out)
}

/// Connects to the server's maintenance database for CREATE/DROP DATABASE: `postgres`, else
/// `template1`, else `defaultdb` (the only one on some hosted servers), as Prisma does.
pub(crate) fn connect_admin(info: &ConnectionInfo) -> Result<Client, DbError> {
    for db in ["postgres", "template1", "defaultdb"] {
        match connect(&info.with_database(db)) {
            Ok(c) => return Ok(c),
            Err(DbError::DatabaseDoesNotExist { .. } | DbError::AccessDenied { .. }) => {}
            Err(e) => return Err(e),
        }
    }
    Err(DbError::DatabaseCreationFailed {
        database_error: "Prisma could not connect to a default database (`postgres` or `template1`), it cannot create the specified database.".into(),
    })
}
