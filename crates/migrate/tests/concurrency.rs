//! 16 concurrent deploys on one database, each with its own connection: all succeed and every
//! migration is applied exactly once (the migrate lock serialises them).

mod common;

use common::{Folder, Provider, TestDb};
use std::sync::{Arc, Barrier};

const DEPLOYERS: usize = 16;
const MIGRATIONS: usize = 8;

fn history(provider: Provider) -> Folder {
    let mut migrations: Vec<(String, String)> =
        vec![("20240101000000_log".into(), "CREATE TABLE \"applied_log\" (\"name\" VARCHAR(100) NOT NULL);\n".into())];
    for i in 1..MIGRATIONS {
        let name = format!("20240101{i:06}_m{i}");
        let script = format!(
            "CREATE TABLE \"t{i}\" (\"id\" INTEGER NOT NULL PRIMARY KEY);\nINSERT INTO \"applied_log\" (\"name\") VALUES ('{name}');\n"
        );
        migrations.push((name, script));
    }
    let borrowed: Vec<(&str, &str)> = migrations.iter().map(|(n, s)| (n.as_str(), s.as_str())).collect();
    Folder::new(provider, &borrowed)
}

fn concurrent_deploys(provider: Provider) {
    let db = TestDb::new(provider);
    let folder = history(provider);
    let migrations = Arc::new(folder.read());
    let barrier = Arc::new(Barrier::new(DEPLOYERS));
    let handles: Vec<_> = (0..DEPLOYERS)
        .map(|_| {
            let target = db.target();
            let migrations = Arc::clone(&migrations);
            let barrier = Arc::clone(&barrier);
            std::thread::spawn(move || {
                barrier.wait();
                migrate::deploy(&target, &migrations, &mut |_| {})
            })
        })
        .collect();

    let mut applied: Vec<String> = Vec::new();
    for handle in handles {
        let report = handle.join().expect("deploy thread panicked").unwrap_or_else(|e| panic!("{provider:?}: {e}"));
        applied.extend(report.applied);
    }
    applied.sort();
    let expected: Vec<String> = migrations.migrations.iter().map(|m| m.name.clone()).collect();
    assert_eq!(applied, expected, "each migration applied by exactly one deployer");

    let rows = db.history();
    assert_eq!(rows.len(), MIGRATIONS);
    assert!(rows.iter().all(|r| r.finished && r.steps == 1));
    let logged = db.query("SELECT \"name\", COUNT(*) FROM \"applied_log\" GROUP BY \"name\"");
    assert_eq!(logged.len(), MIGRATIONS - 1);
    assert!(logged.iter().all(|r| r[1].as_i64() == Some(1)));
}

#[test]
fn sixteen_concurrent_deploys_postgres() {
    concurrent_deploys(Provider::Postgres);
}

#[test]
fn sixteen_concurrent_deploys_mysql() {
    concurrent_deploys(Provider::Mysql);
}

#[test]
fn sixteen_concurrent_deploys_sqlite() {
    concurrent_deploys(Provider::Sqlite);
}

/// Someone else holds the PostgreSQL advisory lock: deploy gives up after 10 s with P1002.
#[test]
fn lock_timeout_is_p1002_postgres() {
    let db = TestDb::new(Provider::Postgres);
    let mut holder = db.conn();
    holder.raw_cmd("SELECT pg_advisory_lock(72707369)").unwrap();
    let folder = history(Provider::Postgres);
    let err = common::deploy(&db, &folder).unwrap_err();
    assert_eq!(err.code(), Some("P1002"));
    assert_eq!(
        err.to_string(),
        "The database server was reached but timed out.\n\nPlease try again.\n\nPlease make sure your database server is running at the configured address.\n\nContext: Timed out trying to acquire a postgres advisory lock (SELECT pg_advisory_lock(72707369)). Timeout: 10000ms. See https://pris.ly/d/migrate-advisory-locking for details.\n"
    );
    assert!(!db.table_exists("_prisma_migrations"));
    // Disabling the lock (PRISMA_SCHEMA_DISABLE_ADVISORY_LOCK) skips the wait.
    let mut target = db.target();
    target.disable_advisory_lock = true;
    assert_eq!(migrate::deploy(&target, &folder.read(), &mut |_| {}).unwrap().applied.len(), MIGRATIONS);
    drop(holder);
}

#[test]
fn lock_timeout_is_p1002_mysql() {
    let db = TestDb::new(Provider::Mysql);
    let mut holder = db.conn();
    holder.query("SELECT GET_LOCK('prisma_migrate', 10)", &[]).unwrap();
    let err = common::deploy(&db, &history(Provider::Mysql)).unwrap_err();
    assert_eq!(err.code(), Some("P1002"));
    assert!(err.to_string().contains("GET_LOCK('prisma_migrate', 10)"), "{err}");
    drop(holder);
}

/// Another connection holds the SQLite migrate lock: deploy gives up after the busy timeout.
#[test]
fn lock_timeout_is_p1002_sqlite() {
    let db = TestDb::new(Provider::Sqlite);
    let mut holder = db.conn();
    migrate::lock::acquire(&mut holder, db::DbKind::Sqlite).unwrap();
    let err = common::deploy(&db, &history(Provider::Sqlite)).unwrap_err();
    assert_eq!(err.code(), Some("P1002"), "{err}");
    assert!(err.to_string().contains(db::SQLITE_LOCK_TIMEOUT_CONTEXT), "{err}");
    drop(holder);
    assert_eq!(common::deploy(&db, &history(Provider::Sqlite)).unwrap().applied.len(), MIGRATIONS);
}

/// The first deployers also race to create a missing PostgreSQL schema.
#[test]
fn sixteen_concurrent_deploys_into_a_missing_schema_postgres() {
    let db = TestDb::new(Provider::Postgres);
    let url = db.url();
    let url = format!("{url}{}schema=raced", if url.contains('?') { '&' } else { '?' });
    let migrations = Arc::new(history(Provider::Postgres).read());
    let barrier = Arc::new(Barrier::new(DEPLOYERS));
    let handles: Vec<_> = (0..DEPLOYERS)
        .map(|_| {
            let target = migrate::Target::new(&url, db.dir()).unwrap();
            let (migrations, barrier) = (Arc::clone(&migrations), Arc::clone(&barrier));
            std::thread::spawn(move || {
                barrier.wait();
                migrate::deploy(&target, &migrations, &mut |_| {}).map(|r| r.applied.len())
            })
        })
        .collect();
    let applied: usize = handles.into_iter().map(|h| h.join().unwrap().unwrap_or_else(|e| panic!("{e}"))).sum();
    assert_eq!(applied, MIGRATIONS);
    assert_eq!(db.count("SELECT COUNT(*) FROM raced._prisma_migrations WHERE finished_at IS NOT NULL"), MIGRATIONS as i64);
}

/// Application start-up from many processes at once on a database that does not exist yet:
/// one creates it, all apply or see the same history.
#[test]
fn sixteen_concurrent_deploy_with_create_database_mysql() {
    let db = TestDb::new(Provider::Mysql);
    db::drop_database(&db.info).unwrap();
    let folder = history(Provider::Mysql);
    let barrier = Arc::new(Barrier::new(DEPLOYERS));
    let handles: Vec<_> = (0..DEPLOYERS)
        .map(|_| {
            let options = migrate::DeployOptions::new(db.url(), folder.path());
            let barrier = Arc::clone(&barrier);
            std::thread::spawn(move || {
                barrier.wait();
                migrate::deploy_with(&options)
            })
        })
        .collect();
    let reports: Vec<_> = handles.into_iter().map(|h| h.join().unwrap().unwrap_or_else(|e| panic!("{e}"))).collect();
    assert_eq!(reports.iter().filter(|r| r.database_created).count(), 1);
    assert_eq!(reports.iter().map(|r| r.applied.len()).sum::<usize>(), MIGRATIONS);
    assert_eq!(db.history().len(), MIGRATIONS);
}

/// Same on PostgreSQL, with a schema in the URL: database and schema creation both race.
#[test]
fn sixteen_concurrent_deploy_with_create_database_postgres() {
    let db = TestDb::new(Provider::Postgres);
    db::drop_database(&db.info).unwrap();
    let url = db.url();
    let url = format!("{url}{}schema=app", if url.contains('?') { '&' } else { '?' });
    let folder = history(Provider::Postgres);
    let barrier = Arc::new(Barrier::new(DEPLOYERS));
    let handles: Vec<_> = (0..DEPLOYERS)
        .map(|_| {
            let options = migrate::DeployOptions::new(url.clone(), folder.path());
            let barrier = Arc::clone(&barrier);
            std::thread::spawn(move || {
                barrier.wait();
                migrate::deploy_with(&options)
            })
        })
        .collect();
    let reports: Vec<_> = handles.into_iter().map(|h| h.join().unwrap().unwrap_or_else(|e| panic!("{e}"))).collect();
    assert_eq!(reports.iter().filter(|r| r.database_created).count(), 1);
    assert_eq!(reports.iter().map(|r| r.applied.len()).sum::<usize>(), MIGRATIONS);
    assert_eq!(db.count("SELECT COUNT(*) FROM app._prisma_migrations"), MIGRATIONS as i64);
}
