//! `kill -9` at random moments during a deploy never needs manual repair: after each kill a
//! new deploy finishes the job, every migration ends up applied exactly once, and status is in
//! sync. The child process is this test binary re-run on the ignored `child_deploy` test.

mod common;

use common::{Folder, Provider, TestDb};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

const MIGRATIONS: usize = 80;
const KILLS: usize = 8;
const URL_VAR: &str = "STRATA_KILL_TEST_URL";
const DIR_VAR: &str = "STRATA_KILL_TEST_MIGRATIONS";

/// Run only as the child of `kill_during_deploy_*` (which sets the variables).
#[test]
#[ignore = "child process of the kill_during_deploy tests"]
fn child_deploy() {
    let url = std::env::var(URL_VAR).expect("child_deploy runs only as a child process");
    let dir = std::env::var(DIR_VAR).expect("child_deploy runs only as a child process");
    let mut options = migrate::DeployOptions::new(url, dir);
    options.create_database = false;
    migrate::deploy_with(&options).expect("child deploy");
}

/// Each migration does some work, then logs its own name: a migration applied twice, or
/// applied without its history row, shows up as a log count other than one.
fn long_history(provider: Provider) -> Folder {
    history(provider, true)
}

/// `heavy`: each migration also fills a table (and sleeps on PostgreSQL), to widen the
/// windows a kill can land in.
fn history(provider: Provider, heavy: bool) -> Folder {
    let mut migrations: Vec<(String, String)> =
        vec![("20240101000000_log".into(), "CREATE TABLE \"applied_log\" (\"name\" VARCHAR(100) NOT NULL);\n".into())];
    for i in 1..MIGRATIONS {
        let name = format!("20240101{i:06}_step{i}");
        let work = match provider {
            _ if !heavy => String::new(),
            Provider::Postgres => format!(
                "INSERT INTO \"t{i}\" SELECT generate_series(1, 2000);\nSELECT pg_sleep(0.01);\n"
            ),
            _ => format!(
                "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 20000) INSERT INTO \"t{i}\" SELECT x FROM c;\n"
            ),
        };
        let script = format!(
            "CREATE TABLE \"t{i}\" (\"id\" INTEGER NOT NULL PRIMARY KEY);\n{work}INSERT INTO \"applied_log\" (\"name\") VALUES ('{name}');\n"
        );
        migrations.push((name, script));
    }
    let borrowed: Vec<(&str, &str)> = migrations.iter().map(|(n, s)| (n.as_str(), s.as_str())).collect();
    Folder::new(provider, &borrowed)
}

/// A small xorshift generator seeded from the clock; the seed is printed for reproduction.
struct Rng(u64);

impl Rng {
    fn from_clock() -> Rng {
        let seed = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_nanos() as u64).unwrap_or(1) | 1;
        eprintln!("kill test seed: {seed}");
        Rng(seed)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

/// Every finished row's migration was logged once; nothing else was logged; no failed rows.
fn assert_consistent(db: &TestDb) -> usize {
    if !db.table_exists("_prisma_migrations") {
        return 0;
    }
    let rows = db.history();
    assert!(rows.iter().all(|r| r.finished && r.steps == 1), "interrupted deploy left an unfinished row: {rows:?}");
    let mut names: Vec<&str> = rows.iter().map(|r| r.name.as_str()).collect();
    names.dedup();
    assert_eq!(names.len(), rows.len(), "a migration was recorded twice");
    if rows.iter().any(|r| r.name == "20240101000000_log") {
        let logged = db.query("SELECT \"name\", COUNT(*) FROM \"applied_log\" GROUP BY \"name\"");
        assert!(logged.iter().all(|r| r[1].as_i64() == Some(1)), "a migration ran twice: {logged:?}");
        let logged_names: Vec<String> = logged.iter().map(|r| r[0].to_text().unwrap()).collect();
        for name in &logged_names {
            assert!(rows.iter().any(|r| &r.name == name), "{name} ran but is not recorded");
        }
        assert_eq!(logged_names.len() + 1, rows.len(), "a recorded migration did not run");
    } else {
        assert!(rows.is_empty());
    }
    rows.len()
}

fn kill_during_deploy(provider: Provider) {
    let db = TestDb::new(provider);
    let folder = long_history(provider);
    let mut rng = Rng::from_clock();
    let mut progress = Vec::new();

    for _ in 0..KILLS {
        let mut child = spawn_child(&db, &folder);
        let started = Instant::now();
        std::thread::sleep(Duration::from_millis(20 + rng.below(150)));
        let finished_on_its_own = child.try_wait().expect("poll child").is_some();
        if !finished_on_its_own {
            child.kill().expect("kill -9 the child"); // SIGKILL on Unix
        }
        child.wait().expect("reap child");
        let applied = assert_consistent(&db);
        progress.push((started.elapsed().as_millis(), applied, finished_on_its_own));
        if applied == MIGRATIONS {
            break;
        }
    }
    eprintln!("{provider:?}: (ms alive, migrations recorded, finished on its own) per run: {progress:?}");
    assert!(progress.iter().any(|(_, _, done)| !done), "no run was killed");

    // A final deploy finishes the job without any repair.
    common::deploy(&db, &folder).expect("deploy after kills");
    assert_eq!(assert_consistent(&db), MIGRATIONS);
    let status = migrate::status(&db.target(), &folder.read()).unwrap();
    assert_eq!(status.outcome, migrate::StatusOutcome::UpToDate);
    assert_eq!(db.count("SELECT COUNT(*) FROM \"applied_log\""), MIGRATIONS as i64 - 1);
}

#[test]
fn kill_during_deploy_postgres() {
    kill_during_deploy(Provider::Postgres);
}

#[test]
fn kill_during_deploy_sqlite() {
    kill_during_deploy(Provider::Sqlite);
}

fn spawn_child(db: &TestDb, folder: &Folder) -> std::process::Child {
    Command::new(std::env::current_exe().expect("test binary path"))
        .args(["child_deploy", "--exact", "--ignored", "--test-threads=1", "--quiet"])
        .env(URL_VAR, db.url())
        .env(DIR_VAR, folder.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn child deploy")
}

/// 16 deploy processes at once: all succeed, each migration applied exactly once. Processes
/// (not threads) because SQLite file locks between processes are where lock-upgrade deadlocks
/// show up.
fn concurrent_processes(provider: Provider) {
    let db = TestDb::new(provider);
    // Light migrations: the lock is held briefly, so no waiter reaches the 10 s lock timeout
    // even on a loaded machine (a longer first deploy makes the others fail with P1002, as in
    // Prisma).
    let folder = history(provider, false);
    let children: Vec<_> = (0..16).map(|_| spawn_child(&db, &folder)).collect();
    for child in children {
        let output = child.wait_with_output().expect("wait child");
        let (stdout, stderr) = (String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
        assert!(output.status.success(), "{provider:?} deploy process failed:\n{stdout}\n{stderr}");
    }
    assert_eq!(assert_consistent(&db), MIGRATIONS);
}

#[test]
fn sixteen_concurrent_deploy_processes_sqlite() {
    concurrent_processes(Provider::Sqlite);
}

#[test]
fn sixteen_concurrent_deploy_processes_postgres() {
    concurrent_processes(Provider::Postgres);
}
