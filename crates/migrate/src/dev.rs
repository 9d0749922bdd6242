//! The history part of `migrate dev`'s diagnosis (Prisma's `devDiagnostic`): whether the
//! development database must be reset, and why, in Prisma's words. Drift itself (a diff of
//! the replayed history against the database) is computed by the caller and passed in.

use crate::status::{HistoryDiagnostic, StatusReport};

const DRIFT_DETECTED: &str = "Drift detected: Your database schema is not in sync with your migration history.

The following is a summary of the differences between the expected database schema given your migrations files, and the actual schema of the database.

It should be understood as the set of changes to get from the expected schema to the actual schema.
";

const FIRST_TIME: &str = "
If you are running this the first time on an existing database, please make sure to read this documentation page:
https://www.prisma.io/docs/guides/database/developing-with-prisma-migrate/troubleshooting-development
";

/// The reason to reset, or `None` to go on creating a migration. `drift_summary` is the drift
/// summary of a non-empty diff from the applied history to the database, if any. Several
/// reasons are listed as `- reason` lines; pending local migrations alone are no reason.
pub fn reset_reason(report: &StatusReport, drift_summary: Option<&str>) -> Option<String> {
    let mut reasons: Vec<String> = Vec::new();
    reasons.extend(report.failed_migration_names.iter().map(|n| format!("The migration `{n}` failed.")));
    reasons.extend(
        report.edited_migration_names.iter().map(|n| format!("The migration `{n}` was modified after it was applied.")),
    );
    if let Some(summary) = drift_summary {
        let mut reason = DRIFT_DETECTED.to_owned();
        if !report.has_migrations_table {
            reason.push_str(FIRST_TIME);
        }
        reason.push_str(summary);
        reasons.push(reason);
    }
    match &report.history {
        Some(HistoryDiagnostic::HistoriesDiverge { last_common_migration_name, unpersisted_migration_names, .. }) => {
            let details = last_common_migration_name
                .as_ref()
                .map(|last| {
                    format!(
                        " Last common migration: `{last}`. Migrations applied to the database but absent from the migrations directory are: {}",
                        unpersisted_migration_names.join(", ")
                    )
                })
                .unwrap_or_default();
            reasons.push(format!("The migrations recorded in the database diverge from the local migrations directory.{details}"));
        }
        Some(HistoryDiagnostic::MigrationsDirectoryIsBehind { unpersisted_migration_names }) => reasons.push(format!(
            "The following migration(s) are applied to the database but missing from the local migrations directory: {}",
            unpersisted_migration_names.join(", ")
        )),
        None | Some(HistoryDiagnostic::DatabaseIsBehind { .. }) => {}
    }
    match reasons.len() {
        0 => None,
        1 => reasons.pop(),
        _ => Some(reasons.iter().map(|r| format!("- {r}\n")).collect()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::status::StatusOutcome;

    fn report() -> StatusReport {
        StatusReport {
            local_migrations: vec![],
            has_migrations_table: true,
            history: None,
            failed_migration_names: vec![],
            edited_migration_names: vec![],
            applied_migration_names: vec![],
            outcome: StatusOutcome::UpToDate,
        }
    }

    #[test]
    fn no_reason_when_only_pending() {
        let mut r = report();
        r.history = Some(HistoryDiagnostic::DatabaseIsBehind { unapplied_migration_names: vec!["a".into()] });
        assert_eq!(reset_reason(&r, None), None);
    }

    #[test]
    fn single_and_multiple_reasons() {
        let mut r = report();
        r.failed_migration_names = vec!["a".into()];
        assert_eq!(reset_reason(&r, None).as_deref(), Some("The migration `a` failed."));
        r.edited_migration_names = vec!["b".into()];
        r.history = Some(HistoryDiagnostic::HistoriesDiverge {
            last_common_migration_name: Some("x".into()),
            unpersisted_migration_names: vec!["y".into(), "z".into()],
            unapplied_migration_names: vec![],
        });
        assert_eq!(
            reset_reason(&r, None).unwrap(),
            "- The migration `a` failed.\n- The migration `b` was modified after it was applied.\n- The migrations recorded in the database diverge from the local migrations directory. Last common migration: `x`. Migrations applied to the database but absent from the migrations directory are: y, z\n"
        );
    }

    #[test]
    fn drift_reason_mentions_first_time_without_table() {
        let mut r = report();
        r.has_migrations_table = false;
        let reason = reset_reason(&r, Some("\n[+] Added tables\n  - User\n")).unwrap();
        assert!(reason.starts_with("Drift detected: Your database schema is not in sync with your migration history.\n\n"));
        assert!(reason.contains("It should be understood as the set of changes to get from the expected schema to the actual schema.\n\nIf you are running this the first time"));
        assert!(reason.ends_with("troubleshooting-development\n\n[+] Added tables\n  - User\n"));
    }
}
