//! Connection URLs in Prisma's forms.

use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use percent_encoding::percent_decode_str;
use url::Url;

use crate::error::DbError;
use crate::DbKind;

const URL_HELP: &str = "Please refer to the documentation in https://www.prisma.io/docs/reference/database-reference/connection-urls for constructing a correct connection string. In some cases, certain characters must be escaped. Please check the string for any illegal characters.";

const MEMORY: &str = ":memory:";

const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

/// `sslmode` (PostgreSQL).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SslMode {
    Disable,
    Prefer,
    Require,
}

/// `sslaccept`: whether the server certificate is verified.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SslAccept {
    Strict,
    AcceptInvalidCerts,
}

/// TLS settings shared by PostgreSQL and MySQL.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TlsParams {
    pub mode: SslMode,
    pub accept: SslAccept,
    /// `sslcert` / `sslrootcert`: a PEM file with the certificate(s) to trust, resolved against `base_dir`.
    pub root_cert: Option<PathBuf>,
    /// `sslidentity` (PKCS#12 client identity); accepted in the URL, not supported for connecting.
    pub identity: Option<PathBuf>,
}

/// Where a server is reached.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Endpoint {
    Tcp { host: String, port: u16 },
    /// PostgreSQL: the socket directory (`?host=/var/run/postgresql`); MySQL: the socket file (`?socket=`).
    Socket { path: String, port: u16 },
}

#[derive(Clone, PartialEq, Eq)]
pub(crate) struct ServerInfo {
    pub endpoint: Endpoint,
    /// The URL's host (`localhost` when empty), also when a socket is used.
    pub url_host: String,
    pub user: String,
    pub password: Option<String>,
    pub database: String,
    /// PostgreSQL `?schema=`.
    pub schema: Option<String>,
    pub connect_timeout: Option<Duration>,
    pub socket_timeout: Option<Duration>,
    pub tls: TlsParams,
    pub application_name: Option<String>,
    pub options: Option<String>,
}

#[derive(Clone, PartialEq, Eq)]
pub(crate) enum Target {
    Server(Box<ServerInfo>),
    /// `busy_timeout`: Prisma's `socket_timeout` URL parameter (seconds).
    Sqlite { path: PathBuf, file_name: String, busy_timeout: Option<Duration> },
}

/// A parsed connection URL. Its `Debug` form never shows the password.
#[derive(Clone, PartialEq, Eq)]
pub struct ConnectionInfo {
    kind: DbKind,
    /// The URL as given (SQLite) or parsed (servers); contains the password, never shown.
    url: String,
    pub(crate) target: Target,
}

impl fmt::Debug for ConnectionInfo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ConnectionInfo")
            .field("kind", &self.kind)
            .field("url", &self.redacted_url())
            .finish()
    }
}

impl ConnectionInfo {
    /// Parses a connection URL. SQLite `file:` paths are relative to `base_dir` (the schema's folder).
    pub fn parse(url: &str, base_dir: &Path) -> Result<ConnectionInfo, DbError> {
        let url = url.trim();
        if let Some(rest) = strip_sqlite_scheme(url) {
            return parse_sqlite(url, rest, base_dir);
        }
        let scheme = url.split_once(':').map(|(s, _)| s).unwrap_or("");
        let kind = match scheme {
            "postgresql" | "postgres" => DbKind::Postgres,
            "mysql" | "mariadb" => DbKind::Mysql,
            "" => {
                return Err(DbError::invalid_url(format!(
                    "The URL has no scheme: it must start with `postgresql://`, `postgres://`, `mysql://` or `file:`. {URL_HELP}"
                )))
            }
            other => {
                return Err(DbError::invalid_url(format!(
                    "The scheme `{other}` is not supported: the URL must start with `postgresql://`, `postgres://`, `mysql://` or `file:`."
                )))
            }
        };
        let parsed = Url::parse(url)
            .map_err(|e| DbError::invalid_url(format!("{e} in database URL. {URL_HELP}")))?;
        let server = parse_server(kind, &parsed, base_dir)?;
        Ok(ConnectionInfo { kind, url: parsed.to_string(), target: Target::Server(Box::new(server)) })
    }

    /// A private in-memory SQLite database (Prisma's SQLite shadow database).
    pub fn sqlite_in_memory() -> ConnectionInfo {
        let target = Target::Sqlite { path: PathBuf::from(MEMORY), file_name: MEMORY.to_string(), busy_timeout: None };
        ConnectionInfo { kind: DbKind::Sqlite, url: format!("file:{MEMORY}"), target }
    }

    /// Whether this is [`ConnectionInfo::sqlite_in_memory`].
    pub fn is_in_memory(&self) -> bool {
        self.sqlite_path().is_some_and(|p| p.as_os_str() == MEMORY)
    }

    pub fn kind(&self) -> DbKind {
        self.kind
    }

    /// PostgreSQL/MySQL: the database name; SQLite: the file name (e.g. "dev.db").
    pub fn database_name(&self) -> &str {
        match &self.target {
            Target::Server(s) => &s.database,
            Target::Sqlite { file_name, .. } => file_name,
        }
    }

    /// PostgreSQL: `?schema=` (default "public"); `None` elsewhere.
    pub fn schema_name(&self) -> Option<&str> {
        match &self.target {
            Target::Server(s) => s.schema.as_deref(),
            Target::Sqlite { .. } => None,
        }
    }

    /// "host:port", the socket path, or the SQLite file path.
    pub fn location(&self) -> String {
        match &self.target {
            Target::Server(s) => match &s.endpoint {
                Endpoint::Tcp { host, port } => format!("{host}:{port}"),
                Endpoint::Socket { path, .. } => path.clone(),
            },
            Target::Sqlite { path, .. } => path.display().to_string(),
        }
    }

    /// Where Prisma says it could not reach the server (P1001): `host:port`, where a PostgreSQL
    /// socket directory stands for the host and MySQL names the URL's host even with a socket.
    pub fn reach_location(&self) -> String {
        let Some(server) = self.server() else { return self.location() };
        match (&server.endpoint, self.kind) {
            (Endpoint::Tcp { host, port }, _) => format!("{host}:{port}"),
            (Endpoint::Socket { path, port }, DbKind::Postgres) => format!("{path}:{port}"),
            (Endpoint::Socket { port, .. }, _) => format!("{}:{port}", server.url_host),
        }
    }

    /// The host (or socket path) alone.
    pub fn host(&self) -> Option<&str> {
        match &self.server()?.endpoint {
            Endpoint::Tcp { host, .. } => Some(host),
            Endpoint::Socket { path, .. } => Some(path),
        }
    }

    pub fn port(&self) -> Option<u16> {
        match &self.server()?.endpoint {
            Endpoint::Tcp { port, .. } | Endpoint::Socket { port, .. } => Some(*port),
        }
    }

    /// The user name (servers only).
    pub fn user(&self) -> Option<&str> {
        match &self.target {
            Target::Server(s) => Some(&s.user),
            Target::Sqlite { .. } => None,
        }
    }

    /// SQLite: how long a statement waits for another connection's lock (`socket_timeout`).
    pub(crate) fn sqlite_busy_timeout(&self) -> Option<Duration> {
        match &self.target {
            Target::Sqlite { busy_timeout, .. } => *busy_timeout,
            Target::Server(_) => None,
        }
    }

    /// The absolute path of the SQLite file.
    pub fn sqlite_path(&self) -> Option<&Path> {
        match &self.target {
            Target::Sqlite { path, .. } => Some(path),
            Target::Server(_) => None,
        }
    }

    pub fn tls(&self) -> Option<&TlsParams> {
        match &self.target {
            Target::Server(s) => Some(&s.tls),
            Target::Sqlite { .. } => None,
        }
    }

    /// The URL with the password replaced by `****`.
    pub fn redacted_url(&self) -> String {
        redact(&self.url)
    }

    /// The full URL, password included: only for handing to a trusted child process.
    pub fn url_with_secrets(&self) -> &str {
        &self.url
    }

    /// Same server and credentials, another database (shadow databases). SQLite: a sibling file.
    pub fn with_database(&self, name: &str) -> ConnectionInfo {
        let mut info = self.clone();
        match &mut info.target {
            Target::Server(s) => {
                s.database = name.to_string();
                if let Ok(mut url) = Url::parse(&info.url) {
                    url.set_path(&format!("/{}", encode_path_segment(name)));
                    info.url = url.to_string();
                }
            }
            Target::Sqlite { path, file_name, .. } => {
                path.set_file_name(name);
                *file_name = name.to_string();
                info.url = format!("file:{}", path.display());
            }
        }
        info
    }

    pub(crate) fn server(&self) -> Option<&ServerInfo> {
        match &self.target {
            Target::Server(s) => Some(s),
            Target::Sqlite { .. } => None,
        }
    }
}

/// Characters that cannot appear raw in a URL path segment.
const PATH_SEGMENT: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'/')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'`')
    .add(b'{')
    .add(b'}');

fn encode_path_segment(name: &str) -> String {
    percent_encoding::utf8_percent_encode(name, PATH_SEGMENT).to_string()
}

/// Replaces the password of a URL, also in URLs the `url` crate cannot parse.
pub fn redact(url: &str) -> String {
    if let Ok(mut parsed) = Url::parse(url) {
        if parsed.password().is_some() && parsed.set_password(Some("****")).is_ok() {
            return parsed.to_string();
        }
        if parsed.password().is_none() && !url.contains('@') {
            return url.to_string();
        }
    }
    // Fall back to cutting between "://user:" and the last '@' before the path.
    let Some(start) = url.find("://").map(|i| i + 3) else { return url.to_string() };
    let rest = &url[start..];
    let auth_end = rest.find('/').unwrap_or(rest.len());
    let Some(at) = rest[..auth_end].rfind('@') else { return url.to_string() };
    match rest[..at].find(':') {
        Some(colon) => format!("{}{}:****{}", &url[..start], &rest[..colon], &rest[at..]),
        None => url.to_string(),
    }
}

fn strip_sqlite_scheme(url: &str) -> Option<&str> {
    url.strip_prefix("file:").or_else(|| url.strip_prefix("sqlite:"))
}

fn parse_sqlite(url: &str, rest: &str, base_dir: &Path) -> Result<ConnectionInfo, DbError> {
    let path_part = rest.split_once('?').map(|(p, _)| p).unwrap_or(rest);
    // `file://path` is accepted by SQLite's URI syntax; keep only the path.
    let path_part = path_part.strip_prefix("//").unwrap_or(path_part);
    if path_part.is_empty() {
        return Err(DbError::invalid_url(format!("The SQLite URL `{url}` has no file path.")));
    }
    let decoded = percent_decode_str(path_part).decode_utf8_lossy().into_owned();
    let raw = PathBuf::from(&decoded);
    let path = if raw.is_absolute() { raw } else { base_dir.join(raw) };
    let path = normalize(&path);
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .ok_or_else(|| DbError::invalid_url(format!("The SQLite URL `{url}` does not name a file.")))?;
    let mut busy_timeout = None;
    if let Some((_, query)) = rest.split_once('?') {
        for (key, value) in url::form_urlencoded::parse(query.as_bytes()) {
            if key == "socket_timeout" {
                busy_timeout = parse_seconds(&key, &value)?;
            }
        }
    }
    let target = Target::Sqlite { path, file_name, busy_timeout };
    Ok(ConnectionInfo { kind: DbKind::Sqlite, url: url.to_string(), target })
}

/// Removes `.` and `..` components without touching the file system.
fn normalize(path: &Path) -> PathBuf {
    use std::path::Component;
    let mut out = PathBuf::new();
    for comp in path.components() {
        match comp {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

fn decode(s: &str, what: &str) -> Result<String, DbError> {
    percent_decode_str(s)
        .decode_utf8()
        .map(|c| c.into_owned())
        .map_err(|_| DbError::invalid_url(format!("The {what} in the database URL is not valid UTF-8 after percent-decoding.")))
}

fn parse_server(kind: DbKind, url: &Url, base_dir: &Path) -> Result<ServerInfo, DbError> {
    let default_port = if kind == DbKind::Postgres { 5432 } else { 3306 };
    let port = url.port().unwrap_or(default_port);
    let user = match url.username() {
        "" if kind == DbKind::Postgres => "postgres".to_string(),
        "" => "root".to_string(),
        u => decode(u, "user name")?,
    };
    let password = url.password().map(|p| decode(p, "password")).transpose()?;
    let path = url.path().trim_start_matches('/');
    let database = match decode(path, "database name")? {
        d if d.is_empty() && kind == DbKind::Postgres => "postgres".to_string(),
        d if d.is_empty() => "mysql".to_string(),
        d => d,
    };
    let host = url.host_str().unwrap_or("").trim_start_matches('[').trim_end_matches(']').to_string();

    let host = if host.is_empty() { "localhost".to_string() } else { host };
    let mut info = ServerInfo {
        url_host: host.clone(),
        endpoint: Endpoint::Tcp { host, port },
        user,
        password,
        database,
        schema: (kind == DbKind::Postgres).then(|| "public".to_string()),
        connect_timeout: Some(DEFAULT_CONNECT_TIMEOUT),
        socket_timeout: None,
        tls: TlsParams {
            // PostgreSQL prefers TLS by default; MySQL uses it only when a TLS parameter is given.
            mode: if kind == DbKind::Postgres { SslMode::Prefer } else { SslMode::Disable },
            accept: SslAccept::AcceptInvalidCerts,
            root_cert: None,
            identity: None,
        },
        application_name: None,
        options: None,
    };
    for (key, value) in url.query_pairs() {
        apply_param(kind, &mut info, &key, &value, base_dir)?;
    }
    Ok(info)
}

fn parse_seconds(key: &str, value: &str) -> Result<Option<Duration>, DbError> {
    let secs: u64 = value.parse().map_err(|_| {
        DbError::invalid_url(format!("Invalid value `{value}` for the `{key}` parameter: expected a number of seconds."))
    })?;
    Ok((secs > 0).then(|| Duration::from_secs(secs)))
}

fn apply_param(kind: DbKind, info: &mut ServerInfo, key: &str, value: &str, base_dir: &Path) -> Result<(), DbError> {
    let port = match info.endpoint {
        Endpoint::Tcp { port, .. } | Endpoint::Socket { port, .. } => port,
    };
    match (kind, key) {
        (DbKind::Postgres, "schema") => info.schema = Some(value.to_string()),
        // A path is a Unix-socket directory; anything else a host name (as libpq does).
        (DbKind::Postgres, "host") if value.starts_with('/') => {
            info.endpoint = Endpoint::Socket { path: value.to_string(), port }
        }
        (DbKind::Postgres, "host") if !value.is_empty() => {
            info.endpoint = Endpoint::Tcp { host: value.to_string(), port }
        }
        // Prisma documents `socket=(/path/to/socket)`; the parentheses are optional.
        (DbKind::Mysql, "socket") if !value.is_empty() => {
            info.endpoint = Endpoint::Socket { path: value.replace(['(', ')'], ""), port }
        }
        // Unknown values fall back as in Prisma: `prefer` for sslmode, `strict` for sslaccept on
        // PostgreSQL; MySQL keeps accepting invalid certificates.
        (DbKind::Postgres, "sslmode") => {
            info.tls.mode = match value {
                "disable" => SslMode::Disable,
                "require" => SslMode::Require,
                _ => SslMode::Prefer,
            }
        }
        (_, "sslaccept") => {
            info.tls.accept = match (value, kind) {
                ("strict", _) => SslAccept::Strict,
                ("accept_invalid_certs", _) | (_, DbKind::Mysql) => SslAccept::AcceptInvalidCerts,
                _ => SslAccept::Strict,
            };
            enable_mysql_tls(kind, info);
        }
        (DbKind::Mysql, "sslpassword") => enable_mysql_tls(kind, info),
        (_, "sslcert" | "sslrootcert") => {
            info.tls.root_cert = Some(base_dir.join(value));
            enable_mysql_tls(kind, info);
        }
        (_, "sslidentity") => {
            info.tls.identity = Some(base_dir.join(value));
            enable_mysql_tls(kind, info);
        }
        (_, "connect_timeout") => info.connect_timeout = parse_seconds(key, value)?,
        (_, "socket_timeout") => info.socket_timeout = parse_seconds(key, value)?,
        (DbKind::Postgres, "application_name") => info.application_name = Some(value.to_string()),
        (DbKind::Postgres, "options") => info.options = Some(value.to_string()),
        // Pool and client settings (connection_limit, pool_timeout, pgbouncer, …) do not apply to
        // a single migration connection; Prisma ignores unknown parameters too.
        _ => {}
    }
    Ok(())
}

fn enable_mysql_tls(kind: DbKind, info: &mut ServerInfo) {
    if kind == DbKind::Mysql {
        info.tls.mode = SslMode::Require;
    }
}

/// Runs a blocking connect with an overall deadline: the drivers bound only the TCP connect, but
/// a server (or proxy) that accepts the socket and never answers must not hang us. On timeout the
/// worker thread is left to finish on its own and its connection is dropped.
pub(crate) fn connect_with_deadline<T: Send + 'static>(
    timeout: Option<Duration>,
    info: &ConnectionInfo,
    connect: impl FnOnce() -> Result<T, DbError> + Send + 'static,
) -> Result<T, DbError> {
    let Some(timeout) = timeout else { return connect() };
    let (tx, rx) = std::sync::mpsc::channel();
    let spawned = std::thread::Builder::new().name("db-connect".into()).spawn(move || {
        let _ = tx.send(connect());
    });
    if let Err(e) = spawned {
        return Err(DbError::Other(format!("could not start a connection thread: {e}")));
    }
    // Leave room for TLS and authentication after the TCP connect.
    match rx.recv_timeout(timeout + Duration::from_secs(1)) {
        Ok(result) => result,
        Err(_) => Err(DbError::Unreachable { location: info.reach_location() }),
    }
}
