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

/// A fresh database on the CI server (`TestDb::postgres()`, `TestDb::mysql()`), dropped on drop;
/// `.url` is what the binary gets.
#[allow(unused_imports)] // not every test binary needs a server
pub use test_support::FreshDatabase as TestDb;
