//! Where the commands connect, and the settings they share. Built by the caller (the CLI or
//! an application); nothing here reads the environment.

use crate::error::MigrateError;
use db::{Connection, ConnectionInfo, DbKind};
use std::path::Path;

/// The database a command works on.
#[derive(Debug, Clone)]
pub struct Target {
    pub info: ConnectionInfo,
    /// `postgresql`, `cockroachdb`, `mysql` or `sqlite`: compared with `migration_lock.toml`.
    /// Defaults to the URL's kind; pass the schema's provider when there is one.
    pub provider: String,
    /// PostgreSQL `schemas = [...]` of the datasource (multi-schema); empty otherwise.
    pub namespaces: Vec<String>,
    /// Skip the advisory lock (`PRISMA_SCHEMA_DISABLE_ADVISORY_LOCK`, read by the caller).
    pub disable_advisory_lock: bool,
}

impl Target {
    /// Parses `url`; SQLite `file:` paths are relative to `base_dir` (the schema's folder).
    pub fn new(url: &str, base_dir: &Path) -> Result<Target, MigrateError> {
        let info = ConnectionInfo::parse(url, base_dir)?;
        Ok(Target::from_info(info))
    }

    pub fn from_info(info: ConnectionInfo) -> Target {
        let provider = info.kind().provider().to_owned();
        Target { info, provider, namespaces: Vec::new(), disable_advisory_lock: false }
    }

    pub fn with_provider(mut self, provider: impl Into<String>) -> Target {
        self.provider = provider.into();
        self
    }

    pub fn kind(&self) -> DbKind {
        self.info.kind()
    }

    /// Connects. On PostgreSQL the connection's schema is created when missing, as Prisma's
    /// schema engine does on connect (else the history table would have nowhere to go).
    pub fn connect(&self) -> Result<Connection, MigrateError> {
        let mut conn = Connection::connect(&self.info)?;
        if self.kind() == DbKind::Postgres {
            ensure_pg_schema(&mut conn, self.info.schema_name().unwrap_or("public"))?;
        }
        Ok(conn)
    }

    /// Creates the database when it does not exist (Prisma does this on P1003 for
    /// dev / deploy / reset). Returns whether it was created. Safe when many deployers start
    /// at once: losing the race to create it is not an error.
    pub fn ensure_database_exists(&self) -> Result<bool, MigrateError> {
        const ATTEMPTS: u32 = 3;
        for attempt in 1..=ATTEMPTS {
            if db::database_exists(&self.info)? {
                return Ok(false);
            }
            match db::create_database(&self.info) {
                Ok(()) => return Ok(true),
                // Lost the race (P1009, or the schema the creation adds)…
                Err(_) if db::database_exists(&self.info)? => return Ok(false),
                // …or a concurrent CREATE DATABASE still holds the template (PostgreSQL 55006).
                Err(_) if attempt < ATTEMPTS => std::thread::sleep(std::time::Duration::from_millis(200)),
                Err(err) => return Err(err.into()),
            }
        }
        Ok(false)
    }

    /// The PostgreSQL schemas migrate manages: the datasource's `schemas`, else the URL's.
    pub(crate) fn postgres_schemas(&self) -> Vec<String> {
        if !self.namespaces.is_empty() {
            return self.namespaces.clone();
        }
        vec![self.info.schema_name().unwrap_or("public").to_owned()]
    }
}

fn ensure_pg_schema(conn: &mut Connection, schema: &str) -> Result<(), MigrateError> {
    let exists = |conn: &mut Connection| -> Result<bool, MigrateError> {
        Ok(!conn.query("SELECT 1 FROM pg_namespace WHERE nspname = $1", &[schema.into()])?.is_empty())
    };
    if exists(conn)? {
        return Ok(());
    }
    match conn.raw_cmd(&format!("CREATE SCHEMA IF NOT EXISTS \"{}\"", schema.replace('"', "\"\""))) {
        Ok(()) => Ok(()),
        // IF NOT EXISTS is not race-free: a concurrent deployer may have just created it.
        Err(_) if exists(conn)? => Ok(()),
        Err(err) => Err(err.into()),
    }
}
