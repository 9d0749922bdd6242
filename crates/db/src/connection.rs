//! One open connection to PostgreSQL, MySQL or SQLite.

use std::time::Duration;

use crate::conninfo::ConnectionInfo;
use crate::error::{DbError, ScriptError, MYSQL_LOCK_TIMEOUT_CONTEXT, PG_LOCK_TIMEOUT_CONTEXT, SQLITE_LOCK_TIMEOUT_CONTEXT};
use crate::value::Value;
use crate::{lite, my, pg, DbKind};

/// Prisma's `ADVISORY_LOCK_TIMEOUT`.
pub const ADVISORY_LOCK_TIMEOUT: Duration = Duration::from_secs(10);

/// P1002 with the lock context; the timeout in the text follows the actual limit.
fn lock_timeout(context: &str, timeout: Duration) -> DbError {
    let context = context.replace("Timeout: 10000ms", &format!("Timeout: {}ms", timeout.as_millis()));
    DbError::Timeout { context }
}

pub(crate) enum Inner {
    Postgres(postgres::Client),
    Mysql(mysql::Conn),
    Sqlite(rusqlite::Connection),
}

/// An open connection. Dropping it closes the connection (and releases the migrate lock).
pub struct Connection {
    pub(crate) info: ConnectionInfo,
    pub(crate) inner: Inner,
}

impl std::fmt::Debug for Connection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Connection").field("info", &self.info).finish_non_exhaustive()
    }
}

impl Connection {
    /// Connects. A missing database is P1003 (for SQLite: a missing file).
    pub fn connect(info: &ConnectionInfo) -> Result<Connection, DbError> {
        let inner = match info.kind() {
            DbKind::Postgres => Inner::Postgres(pg::connect(info)?),
            DbKind::Mysql => Inner::Mysql(my::connect(info)?),
            DbKind::Sqlite => Inner::Sqlite(lite::connect(info)?),
        };
        Ok(Connection { info: info.clone(), inner })
    }

    pub fn kind(&self) -> DbKind {
        self.info.kind()
    }

    pub fn info(&self) -> &ConnectionInfo {
        &self.info
    }

    /// Runs one or more statements and discards their results.
    pub fn raw_cmd(&mut self, sql: &str) -> Result<(), DbError> {
        match &mut self.inner {
            Inner::Postgres(c) => c.batch_execute(sql).map_err(|e| pg::error(e, &self.info)),
            Inner::Mysql(c) => my::run_multi(c, sql).map_err(|(_, e)| my::error(e, &self.info)),
            Inner::Sqlite(c) => c.execute_batch(sql).map_err(lite::error),
        }
    }

    /// Runs one statement with parameters (`$1` on PostgreSQL, `?` on MySQL and SQLite) and
    /// returns its rows.
    pub fn query(&mut self, sql: &str, params: &[Value]) -> Result<Vec<Vec<Value>>, DbError> {
        match &mut self.inner {
            Inner::Postgres(c) => pg::query(c, &self.info, sql, params),
            Inner::Mysql(c) => my::query(c, &self.info, sql, params),
            Inner::Sqlite(c) => lite::query(c, sql, params),
        }
    }

    /// Executes a migration script as Prisma does (spec §5.6). PostgreSQL: one simple query (one
    /// implicit transaction), or, when the script holds statements that cannot run in a
    /// transaction ([`crate::statement_needs_no_transaction`]), runs of ordinary statements
    /// together and those statements alone. MySQL: one multi-statement query. SQLite: one batch.
    /// The error carries what P3018 needs.
    pub fn apply_script(&mut self, script: &str) -> Result<(), ScriptError> {
        crate::script::apply(self, script)
    }

    /// Takes the migrate lock for the life of this connection (spec §3). Waits up to 10 s, then
    /// fails with P1002. The caller decides whether to skip it (Prisma's
    /// `PRISMA_SCHEMA_DISABLE_ADVISORY_LOCK`).
    pub fn acquire_migrate_lock(&mut self) -> Result<(), DbError> {
        self.acquire_migrate_lock_within(ADVISORY_LOCK_TIMEOUT)
    }

    /// [`Connection::acquire_migrate_lock`] with another wait limit (whole seconds on MySQL,
    /// at least one).
    ///
    /// - PostgreSQL: `SELECT pg_advisory_lock(72707369)`, a session lock scoped to the database.
    /// - MySQL: `SELECT GET_LOCK('prisma_migrate', n)`, server-wide; its result is checked.
    ///   Skipped on PlanetScale (`.psdb.cloud` hosts), as in Prisma.
    /// - SQLite: `PRAGMA main.locking_mode=EXCLUSIVE` inside an exclusive transaction, so the
    ///   file lock is taken now and kept until the connection closes.
    pub fn acquire_migrate_lock_within(&mut self, timeout: Duration) -> Result<(), DbError> {
        match &mut self.inner {
            Inner::Postgres(_) => self.pg_lock(timeout),
            Inner::Mysql(_) => self.mysql_lock(timeout),
            Inner::Sqlite(_) => self.sqlite_lock(timeout),
        }
    }

    fn pg_lock(&mut self, timeout: Duration) -> Result<(), DbError> {
        // The wait is bounded on the server (lock_timeout also applies to advisory locks), so a
        // timed-out attempt leaves nothing queued behind it.
        self.raw_cmd(&format!("SET lock_timeout = {}", timeout.as_millis().max(1)))?;
        let locked = self.raw_cmd("SELECT pg_advisory_lock(72707369)");
        let reset = self.raw_cmd("RESET lock_timeout");
        match locked {
            Err(DbError::Server(e)) if e.code == "55P03" => Err(lock_timeout(PG_LOCK_TIMEOUT_CONTEXT, timeout)),
            Err(e) => Err(e),
            Ok(()) => reset,
        }
    }

    fn mysql_lock(&mut self, timeout: Duration) -> Result<(), DbError> {
        // As Prisma: PlanetScale ends sessions holding a lock for more than 20 s, so no lock there.
        if self.info.url_with_secrets().contains(".psdb.cloud") {
            return Ok(());
        }
        let secs = timeout.as_secs().max(1);
        let rows = self.query(&format!("SELECT GET_LOCK('prisma_migrate', {secs})"), &[])?;
        match rows.first().and_then(|r| r.first()).and_then(Value::as_i64) {
            Some(1) => Ok(()),
            Some(_) => Err(lock_timeout(MYSQL_LOCK_TIMEOUT_CONTEXT, timeout)),
            None => Err(DbError::Other("GET_LOCK('prisma_migrate') failed (returned NULL)".into())),
        }
    }

    fn sqlite_lock(&mut self, timeout: Duration) -> Result<(), DbError> {
        let Inner::Sqlite(conn) = &mut self.inner else { return Ok(()) };
        conn.busy_timeout(timeout).map_err(lite::error)?;
        // Take the file lock now, in normal locking mode so that a failed attempt gives back the
        // shared lock it got on the way (in exclusive mode it would keep it, and waiting
        // deployers would deadlock each other). Switching to exclusive mode inside the
        // transaction makes SQLite keep the lock after COMMIT until the connection closes.
        let taken = conn.execute_batch("BEGIN EXCLUSIVE; PRAGMA main.locking_mode=EXCLUSIVE; COMMIT;");
        if taken.is_err() && !conn.is_autocommit() {
            let _ = conn.execute_batch("ROLLBACK;");
        }
        conn.busy_timeout(self.info.sqlite_busy_timeout().unwrap_or(lite::BUSY_TIMEOUT)).map_err(lite::error)?;
        match taken {
            Ok(()) => Ok(()),
            Err(e) if lite::is_busy(&e) => Err(lock_timeout(SQLITE_LOCK_TIMEOUT_CONTEXT, timeout)),
            Err(e) => Err(lite::error(e)),
        }
    }

    /// The server's version as Prisma's `getDatabaseVersion` reports it: PostgreSQL's
    /// `SELECT version()`, `"<major>.<minor>.<patch>-MariaDB"` / `"…-MySQL"`, SQLite's
    /// `sqlite_version()`.
    pub fn server_version(&mut self) -> Result<String, DbError> {
        let sql = match self.kind() {
            DbKind::Postgres => "SELECT version()",
            DbKind::Mysql => "SELECT @@version",
            DbKind::Sqlite => "SELECT sqlite_version()",
        };
        let rows = self.query(sql, &[])?;
        let text = rows
            .first()
            .and_then(|r| r.first())
            .and_then(Value::to_text)
            .ok_or_else(|| DbError::Other("the server did not report its version".into()))?;
        let Inner::Mysql(conn) = &self.inner else { return Ok(text) };
        let (major, minor, patch) = conn.server_version();
        let flavour = if text.contains("MariaDB") { "MariaDB" } else { "MySQL" };
        Ok(format!("{major}.{minor}.{patch}-{flavour}"))
    }

    /// Whether [`Connection::apply_script`] will run this script outside a transaction block
    /// (PostgreSQL only; accounts for the server version, e.g. `ALTER TYPE … ADD VALUE` before
    /// PostgreSQL 12). Callers must not wrap such a script in `BEGIN … COMMIT`.
    pub fn script_needs_no_transaction(&mut self, script: &str) -> Result<bool, DbError> {
        if self.kind() != DbKind::Postgres {
            return Ok(false);
        }
        let version = if script.to_ascii_uppercase().contains("VALUE") { self.pg_server_version_num()? } else { None };
        Ok(crate::split::split_statements(script, DbKind::Postgres)
            .iter()
            .any(|s| crate::split::statement_needs_no_transaction(&s.text, version)))
    }

    /// PostgreSQL `server_version_num` (e.g. 150004).
    pub fn pg_server_version_num(&mut self) -> Result<Option<u32>, DbError> {
        if self.kind() != DbKind::Postgres {
            return Ok(None);
        }
        let rows = self.query("SELECT current_setting('server_version_num')", &[])?;
        Ok(rows.first().and_then(|r| r.first()).and_then(Value::as_i64).and_then(|v| u32::try_from(v).ok()))
    }

    pub fn postgres_client(&mut self) -> Option<&mut postgres::Client> {
        match &mut self.inner {
            Inner::Postgres(c) => Some(c),
            _ => None,
        }
    }

    pub fn mysql_conn(&mut self) -> Option<&mut mysql::Conn> {
        match &mut self.inner {
            Inner::Mysql(c) => Some(c),
            _ => None,
        }
    }

    pub fn sqlite_conn(&mut self) -> Option<&mut rusqlite::Connection> {
        match &mut self.inner {
            Inner::Sqlite(c) => Some(c),
            _ => None,
        }
    }
}
