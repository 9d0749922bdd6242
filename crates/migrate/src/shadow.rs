//! Shadow databases (spec §5.2): where a migrations folder is replayed to learn the schema it
//! produces (`migrate dev`, `migrate diff --from-migrations`). The caller describes the result
//! through the connection it is handed.

use crate::error::MigrateError;
use crate::migrations_dir::MigrationDirectory;
use crate::target::Target;
use db::{Connection, DbKind};

/// Runs `f` on a fresh, empty shadow database.
///
/// - `configured` (`shadowDatabaseUrl`): that database is reset first and kept afterwards; it
///   must not be the main database.
/// - otherwise a temporary `prisma_migrate_shadow_db_<uuid>` is created on the main server
///   (P3014 when that is refused) and always dropped afterwards; SQLite uses a temporary file.
pub fn with_shadow_database<T>(
    main: &Target,
    configured: Option<&Target>,
    f: impl FnOnce(&mut Connection, &Target) -> Result<T, MigrateError>,
) -> Result<T, MigrateError> {
    match configured {
        Some(shadow) => with_configured(main, shadow, f),
        None => with_temporary(main, f),
    }
}

fn with_configured<T>(
    main: &Target,
    shadow: &Target,
    f: impl FnOnce(&mut Connection, &Target) -> Result<T, MigrateError>,
) -> Result<T, MigrateError> {
    shadow.ensure_database_exists()?;
    // The shadow database is wiped next: compare what the URLs point at, not how they are spelled.
    if same_database(main, shadow)? {
        return Err(MigrateError::Other(
            "The shadow database you configured appears to be the same as the main database. Please specify another shadow database.".to_owned(),
        ));
    }
    crate::reset::wipe(shadow)?;
    let mut conn = shadow.connect()?;
    f(&mut conn, shadow)
}

/// Whether two targets are one database however their URLs are spelled (`localhost` and
/// `127.0.0.1`, `file:dev.db` and `file:./prisma/dev.db`, extra parameters). The schema of a
/// PostgreSQL URL does not count: wiping "another schema" of the main database is still
/// wiping the main database's server-side objects.
fn same_database(main: &Target, shadow: &Target) -> Result<bool, MigrateError> {
    if main.kind() != shadow.kind() {
        return Ok(false);
    }
    if main.info.url_with_secrets() == shadow.info.url_with_secrets() {
        return Ok(true);
    }
    if main.kind() == DbKind::Sqlite {
        return Ok(same_file(main, shadow));
    }
    let mut main_conn = match main.connect() {
        Ok(conn) => conn,
        // A main database that does not exist yet cannot be the shadow database.
        Err(MigrateError::Db(err)) if err.code() == Some("P1003") => return Ok(false),
        Err(err) => return Err(err),
    };
    let mut shadow_conn = shadow.connect()?;
    Ok(database_identity(&mut main_conn)? == database_identity(&mut shadow_conn)?)
}

fn same_file(main: &Target, shadow: &Target) -> bool {
    let (Some(a), Some(b)) = (main.info.sqlite_path(), shadow.info.sqlite_path()) else { return false };
    match (resolved(a), resolved(b)) {
        (Some(a), Some(b)) => a == b,
        // Cannot tell: treat as the same, so nothing is wiped.
        _ => true,
    }
}

/// `path` made absolute through its nearest existing ancestor (symlinks and `..` resolved
/// there) followed by the names below it that do not exist yet, so that such paths compare too.
/// None when a missing part is `..` (cannot tell without the folder).
fn resolved(path: &std::path::Path) -> Option<std::path::PathBuf> {
    let absolute = std::env::current_dir().ok()?.join(path);
    let mut existing = absolute.as_path();
    let mut rest = Vec::new();
    let mut base = loop {
        if let Ok(real) = std::fs::canonicalize(existing) {
            break real;
        }
        rest.push(existing.file_name()?.to_owned());
        existing = existing.parent()?;
    };
    // `file_name()` is never `.` or `..`, so what remains are plain names.
    for part in rest.iter().rev() {
        base.push(part);
    }
    Some(base)
}

/// What identifies a database on its server, whatever the route to it.
fn database_identity(conn: &mut Connection) -> Result<Vec<String>, MigrateError> {
    let sql = match conn.kind() {
        DbKind::Postgres => {
            "SELECT current_database()::text, pg_postmaster_start_time()::text, \
             (SELECT oid::text FROM pg_database WHERE datname = current_database())"
        }
        DbKind::Mysql => "SELECT DATABASE(), @@hostname, CAST(@@port AS CHAR), @@datadir",
        DbKind::Sqlite => return Ok(Vec::new()),
    };
    let rows = conn.query(sql, &[])?;
    let row = rows.into_iter().next().unwrap_or_default();
    Ok(row.iter().map(|v| v.to_text().unwrap_or_default()).collect())
}

fn with_temporary<T>(
    main: &Target,
    f: impl FnOnce(&mut Connection, &Target) -> Result<T, MigrateError>,
) -> Result<T, MigrateError> {
    let suffix = uuid::Uuid::new_v4();
    let info = match main.kind() {
        DbKind::Sqlite => {
            let path = std::env::temp_dir().join(format!("prisma_migrate_shadow_db_{suffix}.db"));
            db::ConnectionInfo::parse(&format!("file:{}", path.display()), &std::env::temp_dir())?
        }
        DbKind::Postgres | DbKind::Mysql => main.info.with_database(&format!("prisma_migrate_shadow_db_{suffix}")),
    };
    let mut shadow = Target::from_info(info);
    shadow.provider = main.provider.clone();
    shadow.namespaces = main.namespaces.clone();
    // Registered for Ctrl-C (the CLI's interrupt handler drops it) before it exists.
    crate::replay::create_temporary_database(&shadow)?;
    let outcome = shadow.connect().and_then(|mut conn| {
        let result = f(&mut conn, &shadow);
        drop(conn);
        result
    });
    // Always dropped, also after a failure; a failed drop must not hide the outcome.
    crate::replay::drop_temporary_database(&shadow);
    outcome
}

/// Replays migrations on a (shadow) database: the optional init script first, then each
/// migration's script as a deploy would run it, without history rows. A failure is P3006.
pub fn replay(conn: &mut Connection, migrations: &[MigrationDirectory], init_script: Option<&str>) -> Result<(), MigrateError> {
    if let Some(script) = init_script {
        conn.apply_script(script)?;
    }
    for migration in migrations {
        let script = migration.read_script()?;
        conn.apply_script(script).map_err(|err| {
            let inner = crate::execute::raw_command_error(conn.kind(), err);
            MigrateError::MigrationDoesNotApplyCleanly {
                migration_name: migration.name.clone(),
                error_code: inner.code().map(|code| format!("Error code: {code}\n")).unwrap_or_default(),
                inner_error: inner.to_string(),
            }
        })?;
    }
    Ok(())
}
