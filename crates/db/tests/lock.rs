//! The migrate lock: a second connection waits, then times out with P1002.

mod common;

use std::sync::{Arc, Barrier};
use std::thread;
use std::time::{Duration, Instant};

use common::{TestDb, TestSqlite};
use db::{Connection, Value};

#[test]
fn postgres_second_connection_times_out_with_p1002() {
    let db = TestDb::pg();
    let mut first = db.connect();
    first.acquire_migrate_lock().unwrap();
    let mut second = db.connect();
    let started = Instant::now();
    let err = second.acquire_migrate_lock().unwrap_err();
    let waited = started.elapsed();
    assert!(waited >= Duration::from_millis(9_900) && waited < Duration::from_secs(15), "{waited:?}");
    assert_eq!(err.code(), Some("P1002"));
    assert_eq!(
        err.to_string(),
        "The database server was reached but timed out.\n\nPlease try again.\n\nPlease make sure your database server is running at the configured address.\n\nContext: Timed out trying to acquire a postgres advisory lock (SELECT pg_advisory_lock(72707369)). Timeout: 10000ms. See https://pris.ly/d/migrate-advisory-locking for details.\n"
    );
    // The failed attempt leaves the session usable, with lock_timeout back to its default.
    let rows = second.query("SHOW lock_timeout", &[]).unwrap();
    assert_eq!(rows, vec![vec![Value::Text("0".into())]]);
    // Closing the first connection releases the lock.
    drop(first);
    second.acquire_migrate_lock().unwrap();
}

#[test]
fn postgres_waiter_gets_the_lock_when_released() {
    let db = TestDb::pg();
    let mut first = db.connect();
    first.acquire_migrate_lock().unwrap();
    let info = db.info.clone();
    let waiter = thread::spawn(move || {
        let mut second = Connection::connect(&info).unwrap();
        let started = Instant::now();
        second.acquire_migrate_lock().map(|_| started.elapsed())
    });
    thread::sleep(Duration::from_millis(700));
    drop(first);
    let waited = waiter.join().unwrap().unwrap();
    assert!(waited >= Duration::from_millis(500), "{waited:?}");
}

#[test]
fn mysql_lock_is_checked() {
    // GET_LOCK names are server-wide: keep the holding time short for parallel test runs.
    let db = TestDb::mysql();
    let mut first = db.connect();
    first.acquire_migrate_lock_within(Duration::from_secs(10)).unwrap();
    let mut second = db.connect();
    let started = Instant::now();
    let err = second.acquire_migrate_lock_within(Duration::from_secs(1)).unwrap_err();
    assert!(started.elapsed() >= Duration::from_millis(900));
    assert_eq!(err.code(), Some("P1002"), "{err}");
    assert!(err.to_string().contains("Context: Timed out trying to acquire a mysql advisory lock"), "{err}");
    drop(first);
    second.acquire_migrate_lock().unwrap();
}

#[test]
fn sqlite_lock_excludes_other_connections() {
    let db = TestSqlite::new();
    let mut first = db.connect();
    first.acquire_migrate_lock().unwrap();
    // No write yet: the lock must already be held.
    let mut second = db.connect();
    let started = Instant::now();
    let err = second.acquire_migrate_lock_within(Duration::from_millis(500)).unwrap_err();
    assert!(started.elapsed() >= Duration::from_millis(450));
    assert_eq!(err.code(), Some("P1002"), "{err}");
    // Even plain reads from another connection wait for the holder.
    second.sqlite_conn().unwrap().busy_timeout(Duration::from_millis(100)).unwrap();
    assert!(second.query("SELECT COUNT(*) FROM sqlite_master", &[]).is_err());
    first.raw_cmd("CREATE TABLE t (id INTEGER)").unwrap();
    drop(first);
    second.acquire_migrate_lock().unwrap();
    second.raw_cmd("INSERT INTO t VALUES (1)").unwrap();
}

/// 16 concurrent "deployers" on one SQLite file: each takes the lock, reads the history and
/// applies what is missing. Every migration must be applied exactly once.
#[test]
fn sqlite_concurrent_deployers_apply_each_migration_once() {
    let db = TestSqlite::new();
    let deployers = 16;
    let barrier = Arc::new(Barrier::new(deployers));
    let handles: Vec<_> = (0..deployers)
        .map(|_| {
            let info = db.info.clone();
            let barrier = barrier.clone();
            thread::spawn(move || {
                barrier.wait();
                deploy_once(&info);
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap();
    }
    let mut conn = db.connect();
    let rows = conn.query("SELECT name, COUNT(*) FROM history GROUP BY name ORDER BY name", &[]).unwrap();
    assert_eq!(
        rows,
        vec![
            vec![Value::from("m1"), Value::Int(1)],
            vec![Value::from("m2"), Value::Int(1)],
            vec![Value::from("m3"), Value::Int(1)]
        ]
    );
}

fn deploy_once(info: &db::ConnectionInfo) {
    let mut conn = Connection::connect(info).unwrap();
    conn.acquire_migrate_lock().unwrap();
    conn.raw_cmd("CREATE TABLE IF NOT EXISTS history (name TEXT NOT NULL)").unwrap();
    for name in ["m1", "m2", "m3"] {
        let applied = conn.query("SELECT COUNT(*) FROM history WHERE name = ?", &[Value::from(name)]).unwrap();
        if applied[0][0].as_i64() == Some(0) {
            conn.apply_script(&format!("CREATE TABLE {name} (id INTEGER);")).unwrap();
            conn.query("INSERT INTO history (name) VALUES (?)", &[Value::from(name)]).unwrap();
        }
    }
}

/// Run by `sqlite_concurrent_processes_apply_each_migration_once` in child processes.
#[test]
#[ignore = "child process of sqlite_concurrent_processes_apply_each_migration_once"]
fn sqlite_deployer_child() {
    let path = std::env::var("STRATA_TEST_DEPLOYER_DB").expect("run by the parent test only");
    let info = db::ConnectionInfo::parse(&format!("file:{path}"), std::path::Path::new("/")).unwrap();
    deploy_once(&info);
}

#[test]
fn sqlite_concurrent_processes_apply_each_migration_once() {
    let db = TestSqlite::new();
    let path = db.info.sqlite_path().unwrap().to_path_buf();
    let exe = std::env::current_exe().unwrap();
    let children: Vec<_> = (0..16)
        .map(|_| {
            std::process::Command::new(&exe)
                .args(["--exact", "sqlite_deployer_child", "--ignored", "--quiet"])
                .env("STRATA_TEST_DEPLOYER_DB", &path)
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    }
    let mut conn = db.connect();
    let rows = conn.query("SELECT name, COUNT(*) FROM history GROUP BY name ORDER BY name", &[]).unwrap();
    let counts: Vec<i64> = rows.iter().map(|r| r[1].as_i64().unwrap()).collect();
    assert_eq!(counts, vec![1, 1, 1], "{rows:?}");
}
