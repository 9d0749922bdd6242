//! `migrate reset` (spec §5.5): empty the database, then apply every migration.

use crate::apply::Progress;
use crate::deploy::{deploy, DeployReport};
use crate::error::MigrateError;
use crate::migrations_dir::MigrationsFolder;
use crate::target::Target;
use db::DbKind;

/// Drops everything migrate manages, then deploys the whole folder.
pub fn reset(
    target: &Target,
    folder: &MigrationsFolder,
    progress: &mut dyn FnMut(Progress<'_>),
) -> Result<DeployReport, MigrateError> {
    let database_created = target.ensure_database_exists()?;
    if !database_created {
        wipe(target)?;
    }
    let mut report = deploy(target, folder, progress)?;
    report.database_created = database_created;
    Ok(report)
}

/// Empties the database without applying anything.
pub fn wipe(target: &Target) -> Result<(), MigrateError> {
    match target.kind() {
        DbKind::Postgres => wipe_postgres(target),
        DbKind::Mysql => wipe_mysql(target),
        DbKind::Sqlite => wipe_sqlite(target),
    }
}

fn wipe_postgres(target: &Target) -> Result<(), MigrateError> {
    let mut conn = target.connect()?;
    for schema in target.postgres_schemas() {
        let ident = db::quote_ident(DbKind::Postgres, &schema);
        // IF EXISTS: a schema listed in the datasource may not have been created yet.
        conn.raw_cmd(&format!("DROP SCHEMA IF EXISTS {ident} CASCADE"))?;
        conn.raw_cmd(&format!("CREATE SCHEMA {ident}"))?;
    }
    // The history table may live in the connection's schema outside the list; an error only
    // means it is already gone.
    let _ = conn.raw_cmd("DROP TABLE _prisma_migrations");
    Ok(())
}

/// Drops and recreates the database, keeping its character set and collation (Prisma's
/// plain `CREATE DATABASE` would fall back to the server's defaults).
fn wipe_mysql(target: &Target) -> Result<(), MigrateError> {
    let mut conn = target.connect()?;
    let name = target.info.database_name();
    let rows = conn.query(
        "SELECT DEFAULT_CHARACTER_SET_NAME, DEFAULT_COLLATION_NAME FROM information_schema.schemata WHERE schema_name = ?",
        &[name.into()],
    )?;
    let text = |i: usize| rows.first().and_then(|r| r.get(i)).and_then(db::Value::to_text);
    let options = match (text(0), text(1)) {
        (Some(charset), Some(collation)) if is_plain_word(&charset) && is_plain_word(&collation) => {
            format!(" CHARACTER SET {charset} COLLATE {collation}")
        }
        _ => String::new(),
    };
    let ident = db::quote_ident(DbKind::Mysql, name);
    conn.raw_cmd(&format!("DROP DATABASE {ident}"))?;
    conn.raw_cmd(&format!("CREATE DATABASE {ident}{options}"))?;
    Ok(())
}

fn is_plain_word(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Truncates the file (keeping its permissions and any open handles' path valid) and removes
/// leftover journal files, with no connection open.
fn wipe_sqlite(target: &Target) -> Result<(), MigrateError> {
    let Some(path) = target.info.sqlite_path() else { return Ok(()) };
    match std::fs::OpenOptions::new().write(true).open(path) {
        Ok(file) => file.set_len(0).map_err(|err| MigrateError::io(path, err))?,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {}
        Err(err) => return Err(MigrateError::io(path, err)),
    }
    for suffix in ["-journal", "-wal", "-shm"] {
        let mut sidecar = path.as_os_str().to_owned();
        sidecar.push(suffix);
        let _ = std::fs::remove_file(std::path::PathBuf::from(sidecar));
    }
    Ok(())
}

