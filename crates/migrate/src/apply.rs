//! `applyMigrations` (spec §2.4), shared by deploy, reset and (later) dev.

use crate::error::MigrateError;
use crate::history::{display_timestamp, History, MigrationRecord};
use crate::migrations_dir::{MigrationDirectory, MigrationsFolder};
use crate::script_analysis::{execution, Execution};
use db::{Connection, DbKind, ScriptError};

/// Progress of a long operation, for the caller to render (the library never prints).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Progress<'a> {
    /// About to apply the `index`-th (0-based) of `total` pending migrations.
    Applying { name: &'a str, index: usize, total: usize },
    Applied { name: &'a str },
}

/// Settings of one apply run.
#[derive(Debug, Clone, Copy, Default)]
pub struct ApplySettings<'a> {
    /// The provider name checked against `migration_lock.toml` (`postgresql`, `cockroachdb`, …).
    pub provider: &'a str,
    /// Skip the advisory lock (the caller sets this from `PRISMA_SCHEMA_DISABLE_ADVISORY_LOCK`).
    pub disable_advisory_lock: bool,
}

/// Applies every pending migration in order; returns the names applied.
///
/// Beyond Prisma: on PostgreSQL and SQLite a script that can run in a transaction runs in the
/// same transaction as the insert and the completion of its history row, so a process killed
/// at any moment leaves the migration either applied and recorded, or absent. A failing
/// transactional migration leaves nothing of itself; its failure row is recorded after the
/// rollback so that the next deploy refuses with P3009 until `migrate resolve`.
pub fn apply_migrations(
    conn: &mut Connection,
    kind: DbKind,
    namespaces: &[String],
    folder: &MigrationsFolder,
    settings: ApplySettings<'_>,
    progress: &mut dyn FnMut(Progress<'_>),
) -> Result<Vec<String>, MigrateError> {
    folder.check_provider(settings.provider)?;
    if !settings.disable_advisory_lock {
        crate::lock::acquire(conn, kind)?;
    }
    let mut history = History::new(conn, kind, namespaces.to_vec());
    history.initialize()?;
    let records = history.list()?.unwrap_or_default();
    detect_failed_migrations(&records)?;

    let pending: Vec<&MigrationDirectory> = folder
        .migrations
        .iter()
        .filter(|m| !records.iter().any(|r| r.rolled_back_at.is_none() && r.migration_name == m.name))
        .collect();

    let mut applied = Vec::with_capacity(pending.len());
    for (index, migration) in pending.iter().enumerate() {
        progress(Progress::Applying { name: &migration.name, index, total: pending.len() });
        apply_one(&mut history, migration)?;
        progress(Progress::Applied { name: &migration.name });
        applied.push(migration.name.clone());
    }
    Ok(applied)
}

/// P3009 when a migration started and neither finished nor was rolled back.
pub fn detect_failed_migrations(records: &[MigrationRecord]) -> Result<(), MigrateError> {
    let failed: Vec<&MigrationRecord> = records.iter().filter(|r| r.is_failed()).collect();
    if failed.is_empty() {
        return Ok(());
    }
    // Prisma's P3009 template can append " with the following logs:", but its engine never
    // loads `logs` from the table (`MigrationRecord.logs` is always `None`), so the details
    // never show them; the text is kept identical.
    let details: String = failed
        .iter()
        .map(|r| format!("The `{}` migration started at {} failed\n", r.migration_name, display_timestamp(r.started_at)))
        .collect();
    Err(MigrateError::FoundFailedMigrations {
        details,
        failed: failed.iter().map(|r| r.migration_name.clone()).collect(),
    })
}

fn apply_one(history: &mut History<'_>, migration: &MigrationDirectory) -> Result<(), MigrateError> {
    let script = migration.read_script()?;
    let checksum = crate::checksum::compute(script);
    match execution(history.kind(), script) {
        Execution::Transactional { foreign_keys_off } => {
            apply_in_transaction(history, &migration.name, script, &checksum, foreign_keys_off)
        }
        Execution::NonTransactional => apply_like_prisma(history, &migration.name, script, &checksum),
    }
}

/// Prisma's sequence: insert the row, run the script, count the step and finish the row; on
/// failure store the error in `logs`.
fn apply_like_prisma(history: &mut History<'_>, name: &str, script: &str, checksum: &str) -> Result<(), MigrateError> {
    let id = history.record_started(name, checksum)?;
    match history.connection().apply_script(script) {
        Ok(()) => {
            history.record_successful_step(&id)?;
            history.record_finished(&id)
        }
        Err(err) => {
            let err = apply_error(name, err);
            history.record_failed_step(&id, &err.to_string())?;
            Err(err)
        }
    }
}

fn apply_in_transaction(
    history: &mut History<'_>,
    name: &str,
    script: &str,
    checksum: &str,
    foreign_keys_off: bool,
) -> Result<(), MigrateError> {
    let restore_foreign_keys = if foreign_keys_off { Some(disable_sqlite_foreign_keys(history.connection())?) } else { None };
    let outcome = run_in_transaction(history, name, script, checksum);
    if let Some(previous) = restore_foreign_keys {
        let pragma = if previous { "PRAGMA foreign_keys=ON" } else { "PRAGMA foreign_keys=OFF" };
        let restored = history.connection().raw_cmd(pragma);
        if outcome.is_ok() {
            restored?;
        }
    }
    match outcome {
        Ok(()) => Ok(()),
        Err(TxFailure::Script(err)) => {
            // Best effort: if even this fails (e.g. the connection died), nothing of the
            // migration was kept, so the next deploy simply tries it again.
            let _ = history.record_failed_attempt(name, checksum, &err.to_string());
            Err(*err)
        }
        Err(TxFailure::Other(err)) => Err(*err),
    }
}

enum TxFailure {
    /// The script failed; the transaction was rolled back.
    Script(Box<MigrateError>),
    /// Bookkeeping or connection failure; the transaction was rolled back where possible.
    Other(Box<MigrateError>),
}

fn run_in_transaction(history: &mut History<'_>, name: &str, script: &str, checksum: &str) -> Result<(), TxFailure> {
    let other = |err: MigrateError| TxFailure::Other(Box::new(err));
    history.connection().raw_cmd("BEGIN").map_err(|e| other(e.into()))?;
    // Inside the transaction the row's intermediate states are never seen: it is written once,
    // finished, after the script (two statements fewer per migration than Prisma's sequence).
    let steps = (|| {
        let started = crate::history::now();
        history.connection().apply_script(script).map_err(|err| TxFailure::Script(Box::new(apply_error(name, err))))?;
        history.record_applied(name, checksum, started).map_err(other)
    })();
    match steps {
        Ok(()) => history.connection().raw_cmd("COMMIT").map_err(|e| other(e.into())),
        Err(failure) => {
            // The server may already have ended the transaction (e.g. SQLite on some errors);
            // then ROLLBACK fails harmlessly.
            let _ = history.connection().raw_cmd("ROLLBACK");
            Err(failure)
        }
    }
}

/// Turns SQLite foreign keys off outside any transaction; returns whether they were on.
fn disable_sqlite_foreign_keys(conn: &mut Connection) -> Result<bool, MigrateError> {
    let rows = conn.query("PRAGMA foreign_keys", &[])?;
    let was_on = rows.first().and_then(|r| r.first()).and_then(db::Value::as_i64).unwrap_or(0) != 0;
    conn.raw_cmd("PRAGMA foreign_keys=OFF")?;
    Ok(was_on)
}

/// P3018 for a failed script.
pub(crate) fn apply_error(name: &str, err: ScriptError) -> MigrateError {
    MigrateError::ApplyMigration {
        migration_name: name.to_owned(),
        database_error_code: err.database_error_code.clone().unwrap_or_else(|| "none".to_owned()),
        database_error: err.database_error,
    }
}
