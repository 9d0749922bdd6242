//! `deploy` on real databases: rows, checksums, idempotence, P3005, status.

mod common;

use common::{deploy, small_history, Folder, Provider, TestDb};
use migrate::{MigrateError, StatusOutcome};

fn deploys_small_history(provider: Provider) {
    let db = TestDb::new(provider);
    let folder = Folder::new(provider, &small_history());

    let report = deploy(&db, &folder).expect("deploy");
    let names: Vec<&str> = small_history().iter().map(|(n, _)| *n).collect();
    assert_eq!(report.applied, names);
    assert_eq!(report.migrations_found, 3);

    let rows = db.history();
    assert_eq!(rows.iter().map(|r| r.name.as_str()).collect::<Vec<_>>(), names);
    for row in &rows {
        let script = folder.script(&row.name);
        assert_eq!(row.checksum, migrate::checksum::compute(&script), "{}", row.name);
        assert_eq!(row.checksum.len(), 64);
        assert!(row.finished && !row.rolled_back, "{row:?}");
        assert_eq!(row.steps, 1);
        assert_eq!(row.logs, None);
        let id = uuid::Uuid::parse_str(&row.id).expect("uuid id");
        assert_eq!(id.get_version_num(), 4);
    }
    assert_eq!(db.count("SELECT COUNT(*) FROM \"User\""), 2);

    // Idempotent: nothing pending the second time.
    let again = deploy(&db, &folder).expect("second deploy");
    assert!(again.applied.is_empty());
    assert_eq!(db.history().len(), 3);

    let status = migrate::status(&db.target(), &folder.read()).expect("status");
    assert_eq!(status.outcome, StatusOutcome::UpToDate);
    assert_eq!(status.exit_code(), 0);

    // A new migration is pending, then applied alone.
    folder.write("20240104000000_more", "ALTER TABLE \"User\" ADD COLUMN \"email\" TEXT;\n");
    let status = migrate::status(&db.target(), &folder.read()).expect("status");
    assert_eq!(status.outcome, StatusOutcome::Pending { unapplied: vec!["20240104000000_more".to_owned()] });
    assert_eq!(status.exit_code(), 1);
    assert_eq!(deploy(&db, &folder).unwrap().applied, ["20240104000000_more"]);
}

#[test]
fn deploys_small_history_postgres() {
    deploys_small_history(Provider::Postgres);
}

#[test]
fn deploys_small_history_mysql() {
    deploys_small_history(Provider::Mysql);
}

#[test]
fn deploys_small_history_sqlite() {
    deploys_small_history(Provider::Sqlite);
}

fn refuses_non_empty_database(provider: Provider) {
    let db = TestDb::new(provider);
    db.exec("CREATE TABLE \"existing\" (\"id\" INTEGER)");
    let folder = Folder::new(provider, &small_history());
    let err = deploy(&db, &folder).unwrap_err();
    assert_eq!(err.code(), Some("P3005"));
    assert_eq!(
        err.to_string(),
        "The database schema is not empty. Read more about how to baseline an existing production database: https://pris.ly/d/migrate-baseline"
    );
    assert!(!db.table_exists("_prisma_migrations"));

    // Like Prisma, status reports every local migration as pending (the history check comes
    // before the missing-table check), with the table absent.
    let status = migrate::status(&db.target(), &folder.read()).unwrap();
    assert!(!status.has_migrations_table);
    assert!(matches!(status.outcome, StatusOutcome::Pending { ref unapplied } if unapplied.len() == 3));

    // Baselining: resolve --applied creates the table without the emptiness check.
    migrate::resolve_applied(&db.target(), &folder.read(), "20240101000000_init").expect("baseline");
    let rows = db.history();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].logs.as_deref(), Some(""));
    assert_eq!(rows[0].steps, 0);
    assert!(rows[0].finished);
    let err = migrate::resolve_applied(&db.target(), &folder.read(), "20240101000000_init").unwrap_err();
    assert_eq!(err.code(), Some("P3008"));
    assert_eq!(err.to_string(), "The migration `20240101000000_init` is already recorded as applied in the database.");
    let err = migrate::resolve_applied(&db.target(), &folder.read(), "nope").unwrap_err();
    assert_eq!(err.code(), Some("P3017"));
}

#[test]
fn refuses_non_empty_database_postgres() {
    refuses_non_empty_database(Provider::Postgres);
}

#[test]
fn refuses_non_empty_database_mysql() {
    refuses_non_empty_database(Provider::Mysql);
}

#[test]
fn refuses_non_empty_database_sqlite() {
    refuses_non_empty_database(Provider::Sqlite);
}

#[test]
fn provider_switch_is_p3019() {
    let db = TestDb::new(Provider::Sqlite);
    let folder = Folder::new(Provider::Sqlite, &small_history());
    migrate::migrations_dir::write_lock_file(folder.path(), "postgresql").unwrap();
    let err = deploy(&db, &folder).unwrap_err();
    assert_eq!(err.code(), Some("P3019"));
    assert!(!db.table_exists("_prisma_migrations"));
}

#[test]
fn missing_migration_file_is_p3015() {
    let db = TestDb::new(Provider::Sqlite);
    let folder = Folder::new(Provider::Sqlite, &small_history());
    std::fs::create_dir(folder.path().join("20240105000000_empty")).unwrap();
    let err = deploy(&db, &folder).unwrap_err();
    assert_eq!(err.code(), Some("P3015"));
    let expected = folder.path().join("20240105000000_empty").join("migration.sql");
    assert_eq!(
        err.to_string(),
        format!("Could not find the migration file at {}. Please delete the directory or restore the migration file.", expected.display())
    );
    // The migrations before it were applied.
    assert_eq!(db.history().len(), 3);
}

#[test]
fn status_reports_divergence() {
    let db = TestDb::new(Provider::Sqlite);
    let folder = Folder::new(Provider::Sqlite, &small_history());
    deploy(&db, &folder).unwrap();
    std::fs::remove_dir_all(folder.path().join("20240103000000_seed")).unwrap();
    folder.write("20240103000000_other", "SELECT 1;");
    let status = migrate::status(&db.target(), &folder.read()).unwrap();
    assert_eq!(
        status.outcome,
        StatusOutcome::Diverged {
            last_common: Some("20240102000000_posts".into()),
            unapplied: vec!["20240103000000_other".into()],
            unpersisted: vec!["20240103000000_seed".into()],
        }
    );
    // Edited migrations are reported (for dev), not part of the outcome.
    folder.write("20240101000000_init", "-- edited\nCREATE TABLE \"User\" (\"id\" INTEGER);\n");
    let status = migrate::status(&db.target(), &folder.read()).unwrap();
    assert_eq!(status.edited_migration_names, ["20240101000000_init"]);
    // CRLF conversion alone is not an edit.
    let crlf = small_history()[1].1.replace('\n', "\r\n");
    folder.write("20240102000000_posts", &crlf);
    let status = migrate::status(&db.target(), &folder.read()).unwrap();
    assert_eq!(status.edited_migration_names, ["20240101000000_init"]);
}

#[test]
fn status_without_table_is_not_managed() {
    let db = TestDb::new(Provider::Postgres);
    let folder = Folder::new(Provider::Postgres, &[]);
    let status = migrate::status(&db.target(), &folder.read()).unwrap();
    assert_eq!(status.outcome, StatusOutcome::NotManaged { first_local_migration: None });
    assert!(!status.has_migrations_table);
    assert_eq!(status.exit_code(), 1);
}

#[test]
fn deploy_with_creates_database_and_applies() {
    let dir = tempfile::tempdir().unwrap();
    let migrations = dir.path().join("migrations");
    std::fs::create_dir(&migrations).unwrap();
    let folder = Folder { dir: tempfile::tempdir_in(dir.path()).unwrap(), provider: Provider::Sqlite };
    for (name, script) in small_history() {
        folder.write(name, script);
    }
    let mut options = migrate::DeployOptions::new("file:./app.db", folder.path());
    options.base_dir = Some(dir.path().to_path_buf());
    let report = migrate::deploy_with(&options).expect("deploy_with");
    assert!(report.database_created);
    assert_eq!(report.applied.len(), 3);
    assert!(dir.path().join("app.db").exists());
    let report = migrate::deploy_with(&options).unwrap();
    assert!(!report.database_created && report.applied.is_empty());
}

#[test]
fn reset_empties_and_reapplies() {
    for provider in [Provider::Postgres, Provider::Mysql, Provider::Sqlite] {
        let db = TestDb::new(provider);
        let folder = Folder::new(provider, &small_history());
        deploy(&db, &folder).unwrap();
        db.exec("CREATE TABLE \"stray\" (\"id\" INTEGER)");
        db.exec("INSERT INTO \"User\" (\"id\", \"name\") VALUES (3, 'c')");
        let report = migrate::reset(&db.target(), &folder.read(), &mut |_| {}).expect("reset");
        assert_eq!(report.applied.len(), 3, "{provider:?}");
        assert!(!db.table_exists("stray"), "{provider:?}");
        assert_eq!(db.count("SELECT COUNT(*) FROM \"User\""), 2, "{provider:?}");
        assert_eq!(db.history().len(), 3, "{provider:?}");
    }
}

#[test]
fn db_execute_runs_scripts() {
    let db = TestDb::new(Provider::Postgres);
    migrate::db_execute(&db.target(), "CREATE TABLE a (id int); INSERT INTO a VALUES (1), (2);").unwrap();
    assert_eq!(db.count("SELECT COUNT(*) FROM a"), 2);
    let err = migrate::db_execute(&db.target(), "SELECT * FROM missing_table;").unwrap_err();
    // The raw command's error as Prisma's engine maps it (quaint): P1014.
    assert!(matches!(err, MigrateError::TableDoesNotExist { .. }), "{err:?}");
    assert_eq!(err.code(), Some("P1014"));
    assert_eq!(err.to_string(), "The underlying table for model `missing_table` does not exist.");
}

#[test]
fn deploys_into_a_missing_postgres_schema() {
    let db = TestDb::new(Provider::Postgres);
    let url = db.url();
    let url = format!("{url}{}schema=custom_schema", if url.contains('?') { '&' } else { '?' });
    let target = migrate::Target::new(&url, db.dir()).unwrap();
    let folder = Folder::new(Provider::Postgres, &small_history());
    assert_eq!(migrate::deploy(&target, &folder.read(), &mut |_| {}).unwrap().applied.len(), 3);
    let rows = db.query("SELECT COUNT(*) FROM pg_tables WHERE schemaname = 'custom_schema'");
    assert_eq!(rows[0][0].as_i64(), Some(3), "User, Post and the history table");
    assert!(!db.table_exists("_prisma_migrations"), "nothing in public");
    let status = migrate::status(&target, &folder.read()).unwrap();
    assert_eq!(status.outcome, StatusOutcome::UpToDate);
}

#[test]
fn mysql_reset_keeps_the_database_charset() {
    let db = TestDb::new(Provider::Mysql);
    db.exec(&format!("ALTER DATABASE \"{}\" CHARACTER SET latin1 COLLATE latin1_swedish_ci", db.info.database_name()));
    let folder = Folder::new(Provider::Mysql, &small_history());
    migrate::reset(&db.target(), &folder.read(), &mut |_| {}).unwrap();
    let rows = db.query("SELECT DEFAULT_COLLATION_NAME FROM information_schema.schemata WHERE schema_name = DATABASE()");
    assert_eq!(rows[0][0].to_text().as_deref(), Some("latin1_swedish_ci"));
}
