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
    if shadow.info.url_with_secrets() == main.info.url_with_secrets() {
        return Err(MigrateError::Other(
            "The shadow database you configured appears to be the same as the main database. Please specify another shadow database.".to_owned(),
        ));
    }
    shadow.ensure_database_exists()?;
    crate::reset::wipe(shadow)?;
    let mut conn = shadow.connect()?;
    f(&mut conn, shadow)
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
        conn.apply_script(script).map_err(|err| MigrateError::MigrationDoesNotApplyCleanly {
            migration_name: migration.name.clone(),
            error_code: String::new(),
            inner_error: err.database_error,
        })?;
    }
    Ok(())
}
