//! Failing migrations: nothing of a failed transactional migration stays, its row records the
//! error, the next deploy refuses with P3009 until `resolve`, and a fixed file then deploys.

mod common;

use common::{deploy, Folder, Provider, TestDb};
use migrate::StatusOutcome;

const INIT: (&str, &str) = ("20240101000000_init", "CREATE TABLE \"A\" (\"id\" INTEGER NOT NULL PRIMARY KEY);\n");
const BROKEN_NAME: &str = "20240102000000_broken";
const BROKEN: &str = "CREATE TABLE \"B\" (\"id\" INTEGER NOT NULL PRIMARY KEY);\nINSERT INTO \"A\" (\"id\") VALUES (1);\nSELECT * FROM \"does_not_exist\";\n";
const FIXED: &str = "CREATE TABLE \"B\" (\"id\" INTEGER NOT NULL PRIMARY KEY);\nINSERT INTO \"A\" (\"id\") VALUES (1);\n";

fn failing_migration_leaves_nothing(provider: Provider) {
    let db = TestDb::new(provider);
    let folder = Folder::new(provider, &[INIT, (BROKEN_NAME, BROKEN)]);

    let err = deploy(&db, &folder).unwrap_err();
    assert_eq!(err.code(), Some("P3018"), "{err}");
    let text = err.to_string();
    assert!(text.starts_with("A migration failed to apply. New migrations cannot be applied before the error is recovered from. Read more about how to resolve migration issues in a production database: https://pris.ly/d/migrate-resolve\n\nMigration name: 20240102000000_broken\n\nDatabase error code: "), "{text}");
    assert!(text.contains("does_not_exist"), "{text}");
    if provider == Provider::Postgres {
        assert!(text.contains("Database error code: 42P01\n"), "{text}");
        assert!(text.contains("Position:"), "{text}");
    }

    // Nothing of the failed migration remains.
    assert!(db.table_exists("A"));
    assert!(!db.table_exists("B"), "{provider:?}: B survived the failed migration");
    assert_eq!(db.count("SELECT COUNT(*) FROM \"A\""), 0);

    // Its row records the error.
    let rows = db.history();
    assert_eq!(rows.len(), 2);
    assert!(rows[0].finished);
    let failed = &rows[1];
    assert_eq!(failed.name, BROKEN_NAME);
    assert!(!failed.finished && !failed.rolled_back);
    assert_eq!(failed.steps, 0);
    assert_eq!(failed.logs.as_deref(), Some(text.as_str()));
    assert_eq!(failed.checksum, migrate::checksum::compute(&folder.script(BROKEN_NAME)));

    // The next deploy refuses.
    let err = deploy(&db, &folder).unwrap_err();
    assert_eq!(err.code(), Some("P3009"));
    let p3009 = err.to_string();
    assert!(p3009.starts_with("migrate found failed migrations in the target database, new migrations will not be applied. Read more about how to resolve migration issues in a production database: https://pris.ly/d/migrate-resolve\nThe `20240102000000_broken` migration started at "), "{p3009}");
    // Prisma never loads the logs column, so P3009 never shows logs.
    assert!(p3009.ends_with(" UTC failed\n"), "{p3009}");
    let status = migrate::status(&db.target(), &folder.read()).unwrap();
    assert_eq!(status.outcome, StatusOutcome::Failed { failed: vec![BROKEN_NAME.to_owned()] });

    // resolve errors.
    let err = migrate::resolve_rolled_back(&db.target(), "20240101000000_init").unwrap_err();
    assert_eq!(err.code(), Some("P3012"));
    assert_eq!(err.to_string(), "Migration `20240101000000_init` cannot be rolled back because it is not in a failed state.");
    let err = migrate::resolve_rolled_back(&db.target(), "nope").unwrap_err();
    assert_eq!(err.code(), Some("P3011"));

    // Roll back, fix the file, deploy.
    migrate::resolve_rolled_back(&db.target(), BROKEN_NAME).expect("resolve --rolled-back");
    // Prisma's diagnosis matches local migrations with rows by name, rolled back or not, so
    // status now reports "up to date" although deploy will re-apply the migration.
    let status = migrate::status(&db.target(), &folder.read()).unwrap();
    assert_eq!(status.outcome, StatusOutcome::UpToDate);
    folder.write(BROKEN_NAME, FIXED);
    assert_eq!(deploy(&db, &folder).expect("deploy fixed").applied, [BROKEN_NAME]);
    assert!(db.table_exists("B"));
    assert_eq!(db.count("SELECT COUNT(*) FROM \"A\""), 1);

    let rows = db.history();
    assert_eq!(rows.len(), 3);
    let broken_rows: Vec<_> = rows.iter().filter(|r| r.name == BROKEN_NAME).collect();
    assert_eq!(broken_rows.iter().filter(|r| r.rolled_back && !r.finished).count(), 1);
    assert_eq!(broken_rows.iter().filter(|r| r.finished && !r.rolled_back && r.steps == 1).count(), 1);
    let status = migrate::status(&db.target(), &folder.read()).unwrap();
    assert_eq!(status.outcome, StatusOutcome::UpToDate);
}

#[test]
fn failing_migration_leaves_nothing_postgres() {
    failing_migration_leaves_nothing(Provider::Postgres);
}

#[test]
fn failing_migration_leaves_nothing_sqlite() {
    failing_migration_leaves_nothing(Provider::Sqlite);
}

/// MySQL commits DDL as it goes: the row records how far the script got, P3009 follows, and a
/// manual fix is recorded with `resolve --applied`.
#[test]
fn failing_migration_mysql_is_partial_and_resolvable() {
    let provider = Provider::Mysql;
    let db = TestDb::new(provider);
    let folder = Folder::new(provider, &[INIT, (BROKEN_NAME, BROKEN)]);
    let err = deploy(&db, &folder).unwrap_err();
    assert_eq!(err.code(), Some("P3018"));
    let text = err.to_string();
    assert!(text.contains("Database error code: 1146\n"), "{text}");
    assert!(text.contains("Please check the query number 3 from the migration file."), "{text}");
    assert!(db.table_exists("B"), "MySQL DDL is not transactional");
    let rows = db.history();
    assert_eq!(rows[1].logs.as_deref(), Some(text.as_str()));
    assert_eq!(deploy(&db, &folder).unwrap_err().code(), Some("P3009"));

    migrate::resolve_applied(&db.target(), &folder.read(), BROKEN_NAME).expect("resolve --applied");
    let rows = db.history();
    assert_eq!(rows.len(), 3);
    assert!(rows.iter().any(|r| r.name == BROKEN_NAME && r.rolled_back && !r.finished));
    assert!(rows.iter().any(|r| r.name == BROKEN_NAME && r.finished && r.logs.as_deref() == Some("")));
    assert!(deploy(&db, &folder).unwrap().applied.is_empty());
}

/// A script with its own transaction control runs the Prisma way (row outside), still works.
#[test]
fn scripts_with_their_own_transaction_run_like_prisma() {
    let provider = Provider::Postgres;
    let db = TestDb::new(provider);
    let folder = Folder::new(
        provider,
        &[
            INIT,
            ("20240102000000_tx", "BEGIN;\nCREATE TABLE \"B\" (\"id\" INTEGER);\nCOMMIT;\n"),
            ("20240103000000_concurrently", "CREATE INDEX CONCURRENTLY \"B_id_idx\" ON \"B\"(\"id\");\n"),
        ],
    );
    assert_eq!(deploy(&db, &folder).unwrap().applied.len(), 3);
    assert!(db.history().iter().all(|r| r.finished && r.steps == 1));
}
