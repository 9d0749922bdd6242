//! `migrate status` (spec §5.4): Prisma's `diagnoseMigrationHistory` without the shadow
//! database, as a typed report the CLI renders.

use crate::error::MigrateError;
use crate::history::{History, MigrationRecord};
use crate::migrations_dir::MigrationsFolder;
use crate::target::Target;

/// How the local history relates to the database's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HistoryDiagnostic {
    /// Local migrations not yet applied.
    DatabaseIsBehind { unapplied_migration_names: Vec<String> },
    /// Rows for migrations that are not in the local folder.
    MigrationsDirectoryIsBehind { unpersisted_migration_names: Vec<String> },
    /// Both of the above.
    HistoriesDiverge {
        last_common_migration_name: Option<String>,
        unpersisted_migration_names: Vec<String>,
        unapplied_migration_names: Vec<String>,
    },
}

/// The verdict `migrate status` prints, in Prisma's order of precedence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StatusOutcome {
    /// "Following migration(s) have not yet been applied: …"
    Pending { unapplied: Vec<String> },
    /// "Your local migration history and the migrations table from your database are different: …"
    Diverged { last_common: Option<String>, unapplied: Vec<String>, unpersisted: Vec<String> },
    /// "The current database is not managed by Prisma Migrate." (+ baseline hint with the first
    /// local migration when there is one).
    NotManaged { first_local_migration: Option<String> },
    /// "Following migration(s) have failed: …"
    Failed { failed: Vec<String> },
    /// "Database schema is up to date!"
    UpToDate,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusReport {
    /// Local migration directory names, sorted.
    pub local_migrations: Vec<String>,
    pub has_migrations_table: bool,
    pub history: Option<HistoryDiagnostic>,
    pub failed_migration_names: Vec<String>,
    /// Applied migrations whose local script no longer matches the stored checksum (Prisma's
    /// status does not print these; `migrate dev` uses them).
    pub edited_migration_names: Vec<String>,
    /// Local migrations with a finished, not rolled back row, in local order: what a shadow
    /// database replays to compute the schema the database should have (drift detection).
    pub applied_migration_names: Vec<String>,
    pub outcome: StatusOutcome,
}

impl StatusReport {
    /// Prisma's exit code: 0 only when up to date.
    pub fn exit_code(&self) -> i32 {
        match self.outcome {
            StatusOutcome::UpToDate => 0,
            _ => 1,
        }
    }
}

/// Reads the history (no lock, no writes) and compares it with the folder.
pub fn status(target: &Target, folder: &MigrationsFolder) -> Result<StatusReport, MigrateError> {
    folder.check_provider(&target.provider)?;
    let mut conn = target.connect()?;
    let mut history = History::new(&mut conn, target.kind(), target.namespaces.clone());
    let records = history.list()?;
    diagnose(folder, records)
}

/// The comparison itself, separate from I/O. P3015 when an applied migration's script cannot
/// be read (its checksum cannot be compared), as in Prisma.
pub fn diagnose(folder: &MigrationsFolder, records: Option<Vec<MigrationRecord>>) -> Result<StatusReport, MigrateError> {
    let has_migrations_table = records.is_some();
    let records = records.unwrap_or_default();
    let local = &folder.migrations;

    let mut fs_not_in_db: Vec<usize> = Vec::new();
    let mut edited = Vec::new();
    for (index, migration) in local.iter().enumerate() {
        match records.iter().find(|r| r.migration_name == migration.name) {
            None => fs_not_in_db.push(index),
            Some(record) => {
                if !crate::checksum::matches(migration.read_script()?, &record.checksum) {
                    edited.push(record.migration_name.clone());
                }
            }
        }
    }
    let failed: Vec<String> = records.iter().filter(|r| r.is_failed()).map(|r| r.migration_name.clone()).collect();
    let db_not_in_fs: Vec<String> = records
        .iter()
        .filter(|r| !local.iter().any(|m| m.name == r.migration_name))
        .map(|r| r.migration_name.clone())
        .collect();
    let unapplied: Vec<String> = fs_not_in_db.iter().map(|&i| local[i].name.clone()).collect();

    let history = match (unapplied.is_empty(), db_not_in_fs.is_empty()) {
        (true, true) => None,
        (false, true) => Some(HistoryDiagnostic::DatabaseIsBehind { unapplied_migration_names: unapplied.clone() }),
        (true, false) => Some(HistoryDiagnostic::MigrationsDirectoryIsBehind { unpersisted_migration_names: db_not_in_fs }),
        (false, false) => Some(HistoryDiagnostic::HistoriesDiverge {
            last_common_migration_name: fs_not_in_db
                .first()
                .and_then(|&i| i.checked_sub(1))
                .map(|i| local[i].name.clone()),
            unpersisted_migration_names: db_not_in_fs,
            unapplied_migration_names: unapplied,
        }),
    };

    let applied_migration_names = local
        .iter()
        .filter(|m| records.iter().any(|r| r.finished_at.is_some() && r.rolled_back_at.is_none() && r.migration_name == m.name))
        .map(|m| m.name.clone())
        .collect();
    let local_migrations: Vec<String> = local.iter().map(|m| m.name.clone()).collect();
    let outcome = outcome(&history, has_migrations_table, &failed, &local_migrations);
    Ok(StatusReport {
        local_migrations,
        has_migrations_table,
        history,
        failed_migration_names: failed,
        edited_migration_names: edited,
        applied_migration_names,
        outcome,
    })
}

fn outcome(
    history: &Option<HistoryDiagnostic>,
    has_migrations_table: bool,
    failed: &[String],
    local: &[String],
) -> StatusOutcome {
    match history {
        Some(HistoryDiagnostic::DatabaseIsBehind { unapplied_migration_names }) => {
            return StatusOutcome::Pending { unapplied: unapplied_migration_names.clone() }
        }
        Some(HistoryDiagnostic::HistoriesDiverge {
            last_common_migration_name,
            unpersisted_migration_names,
            unapplied_migration_names,
        }) => {
            return StatusOutcome::Diverged {
                last_common: last_common_migration_name.clone(),
                unapplied: unapplied_migration_names.clone(),
                unpersisted: unpersisted_migration_names.clone(),
            }
        }
        _ => {}
    }
    if !has_migrations_table {
        return StatusOutcome::NotManaged { first_local_migration: local.first().cloned() };
    }
    if !failed.is_empty() {
        return StatusOutcome::Failed { failed: failed.to_vec() };
    }
    StatusOutcome::UpToDate
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::migrations_dir::{MigrationDirectory, ScriptReadError};
    use time::macros::datetime;

    fn local(names: &[&str]) -> MigrationsFolder {
        let migrations = names
            .iter()
            .map(|n| MigrationDirectory { name: n.to_string(), path: n.into(), script: Ok(format!("-- {n}\n")) })
            .collect();
        MigrationsFolder { migrations, ..Default::default() }
    }

    fn row(name: &str, finished: bool, rolled_back: bool) -> MigrationRecord {
        let ts = datetime!(2024-01-01 00:00 UTC);
        MigrationRecord {
            id: format!("id-{name}"),
            checksum: crate::checksum::compute(&format!("-- {name}\n")),
            finished_at: finished.then_some(ts),
            migration_name: name.to_owned(),
            logs: None,
            rolled_back_at: rolled_back.then_some(ts),
            started_at: ts,
            applied_steps_count: u32::from(finished),
        }
    }

    #[test]
    fn outcomes_follow_prismas_precedence() {
        let folder = local(&["a", "b", "c"]);
        let report = diagnose(&folder, Some(vec![row("a", true, false)])).unwrap();
        assert_eq!(report.outcome, StatusOutcome::Pending { unapplied: vec!["b".into(), "c".into()] });
        assert_eq!(report.applied_migration_names, ["a"]);

        // Extra rows in the database alone: Prisma still says "up to date".
        let report = diagnose(&local(&["a"]), Some(vec![row("a", true, false), row("z", true, false)])).unwrap();
        assert_eq!(
            report.history,
            Some(HistoryDiagnostic::MigrationsDirectoryIsBehind { unpersisted_migration_names: vec!["z".into()] })
        );
        assert_eq!(report.outcome, StatusOutcome::UpToDate);

        // Diverging at the first migration: no last common migration.
        let report = diagnose(&local(&["b"]), Some(vec![row("a", true, false)])).unwrap();
        assert_eq!(
            report.outcome,
            StatusOutcome::Diverged { last_common: None, unapplied: vec!["b".into()], unpersisted: vec!["a".into()] }
        );

        let report = diagnose(&local(&["a"]), Some(vec![row("a", false, false)])).unwrap();
        assert_eq!(report.outcome, StatusOutcome::Failed { failed: vec!["a".into()] });

        let report = diagnose(&local(&[]), None).unwrap();
        assert_eq!(report.outcome, StatusOutcome::NotManaged { first_local_migration: None });
        assert_eq!(report.exit_code(), 1);
    }

    #[test]
    fn unreadable_applied_script_is_p3015() {
        let mut folder = local(&["a"]);
        folder.migrations[0].script = Err(ScriptReadError { path: "a/migration.sql".into(), message: "gone".into() });
        let err = diagnose(&folder, Some(vec![row("a", true, false)])).unwrap_err();
        assert_eq!(err.code(), Some("P3015"));
    }
}
