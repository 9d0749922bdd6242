//! Running the real `strata` binary in a scratch folder, as a user would.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub struct Project {
    pub dir: tempfile::TempDir,
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Project {
    pub fn new() -> Project {
        Project { dir: tempfile::tempdir().expect("temp dir") }
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    pub fn write(&self, rel: &str, text: &str) -> &Self {
        let path = self.path(rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, text).expect("write");
        self
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path(rel)).expect("read")
    }

    pub fn strata(&self, args: &[&str]) -> Run {
        self.strata_env(args, &[])
    }

    pub fn strata_env(&self, args: &[&str], env: &[(&str, &str)]) -> Run {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_strata"));
        cmd.args(args).current_dir(self.dir.path()).env("NO_COLOR", "1").env_remove("DATABASE_URL");
        for (k, v) in env {
            cmd.env(k, v);
        }
        run(cmd.output().expect("run strata"))
    }
}

fn run(out: Output) -> Run {
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

impl Run {
    pub fn assert_code(&self, code: i32) -> &Self {
        assert_eq!(self.code, code, "exit code\n--- stdout\n{}\n--- stderr\n{}", self.stdout, self.stderr);
        self
    }

    pub fn all(&self) -> String {
        format!("{}{}", self.stdout, self.stderr)
    }
}

pub fn exists(p: &Path) -> bool {
    p.exists()
}

/// A fresh, uniquely named database on the server of `env_var`'s URL, dropped on drop.
/// Panics (fails the test loudly) when the variable is unset: CI always sets it.
pub struct TestDb {
    pub url: String,
    info: db::ConnectionInfo,
}

impl TestDb {
    pub fn postgres() -> TestDb {
        TestDb::new("TEST_POSTGRES_URL")
    }

    pub fn mysql() -> TestDb {
        TestDb::new("TEST_MYSQL_URL")
    }

    fn new(env_var: &str) -> TestDb {
        let base = std::env::var(env_var)
            .unwrap_or_else(|_| panic!("{env_var} is not set: this suite needs a real server (see .ci/run)"));
        let name = format!("strata_cli_{}", unique_suffix());
        let base_info = db::ConnectionInfo::parse(&base, Path::new(".")).expect("test URL parses");
        let info = base_info.with_database(&name);
        db::create_database(&info).expect("create test database");
        let url = replace_database(&base, &name);
        TestDb { url, info }
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        let _ = db::drop_database(&self.info);
    }
}

fn unique_suffix() -> String {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static N: AtomicUsize = AtomicUsize::new(0);
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.subsec_nanos()).unwrap_or(0);
    format!("{}_{}_{}", std::process::id(), nanos, N.fetch_add(1, Ordering::Relaxed))
}

/// `scheme://auth@host:port/db?query` with the database path replaced.
fn replace_database(url: &str, name: &str) -> String {
    let (head, query) = url.split_once('?').map_or((url, None), |(h, q)| (h, Some(q)));
    let scheme_end = head.find("://").map_or(0, |i| i + 3);
    let path_start = head[scheme_end..].find('/').map_or(head.len(), |i| scheme_end + i);
    let mut out = format!("{}/{}", &head[..path_start], name);
    if let Some(q) = query {
        out.push('?');
        out.push_str(q);
    }
    out
}
