//! `migrate resolve --applied | --rolled-back` (spec §2.4 markMigrationApplied /
//! markMigrationRolledBack).

use crate::error::MigrateError;
use crate::history::History;
use crate::migrations_dir::MigrationsFolder;
use crate::target::Target;

/// Records `name` as applied without running it (baselining, or a hotfix done by hand).
/// Marks its failed rows rolled back first.
pub fn resolve_applied(target: &Target, folder: &MigrationsFolder, name: &str) -> Result<(), MigrateError> {
    folder.check_provider(&target.provider)?;
    let mut conn = target.connect()?;
    if !target.disable_advisory_lock {
        crate::lock::acquire(&mut conn, target.kind())?;
    }
    let not_found = || MigrateError::MigrationToMarkAppliedNotFound { migration_name: name.to_owned() };
    let migration = folder.find(name).ok_or_else(not_found)?;
    let checksum = migration.checksum().ok_or_else(not_found)?;

    let mut history = History::new(&mut conn, target.kind(), target.namespaces.clone());
    let records = match history.list()? {
        Some(records) => records,
        None => {
            // Baselining: the table is created without the emptiness check.
            history.create_table()?;
            Vec::new()
        }
    };
    let rows: Vec<_> = records.iter().filter(|r| r.migration_name == name).collect();
    if rows.iter().any(|r| r.finished_at.is_some()) {
        return Err(MigrateError::MigrationAlreadyApplied { migration_name: name.to_owned() });
    }
    for row in rows.iter().filter(|r| r.is_failed()) {
        history.mark_rolled_back(&row.id)?;
    }
    history.mark_applied(name, &checksum)?;
    Ok(())
}

/// Marks the failed rows of `name` rolled back, so the next deploy applies it again.
pub fn resolve_rolled_back(target: &Target, name: &str) -> Result<(), MigrateError> {
    let mut conn = target.connect()?;
    if !target.disable_advisory_lock {
        crate::lock::acquire(&mut conn, target.kind())?;
    }
    let mut history = History::new(&mut conn, target.kind(), target.namespaces.clone());
    let Some(records) = history.list()? else {
        return Err(MigrateError::Other(
            "Invariant violation: called markMigrationRolledBack on a database without migrations table.".to_owned(),
        ));
    };
    let rows: Vec<_> = records.iter().filter(|r| r.migration_name == name).collect();
    if rows.is_empty() {
        return Err(MigrateError::CannotRollBackUnappliedMigration { migration_name: name.to_owned() });
    }
    if rows.iter().all(|r| r.finished_at.is_some()) {
        return Err(MigrateError::CannotRollBackSucceededMigration { migration_name: name.to_owned() });
    }
    for row in rows.iter().filter(|r| r.is_failed()) {
        history.mark_rolled_back(&row.id)?;
    }
    Ok(())
}
