//! Shared helpers: server URLs from the environment and self-dropping test databases.
#![allow(dead_code)]

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::path::Path;

use db::{ConnectionInfo, Connection, DbKind};

pub fn pg_url() -> String {
    std::env::var("TEST_POSTGRES_URL")
        .expect("TEST_POSTGRES_URL is not set: these tests need a PostgreSQL server (e.g. postgresql://postgres@127.0.0.1:5432/postgres)")
}

pub fn mysql_url() -> String {
    std::env::var("TEST_MYSQL_URL")
        .expect("TEST_MYSQL_URL is not set: these tests need a MySQL/MariaDB server (e.g. mysql://root@127.0.0.1:3306/test)")
}

pub fn random_hex() -> String {
    let mut h = RandomState::new().build_hasher();
    h.write_u128(std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos());
    h.write_u32(std::process::id());
    format!("{:016x}", h.finish())
}

/// A uniquely named database, created on construction and dropped on drop.
pub struct TestDb {
    pub info: ConnectionInfo,
}

impl TestDb {
    pub fn new(kind: DbKind) -> TestDb {
        let base = match kind {
            DbKind::Postgres => pg_url(),
            DbKind::Mysql => mysql_url(),
            DbKind::Sqlite => panic!("use tempfile for SQLite"),
        };
        let info = ConnectionInfo::parse(&base, Path::new(".")).unwrap().with_database(&format!("strata_t_{}", random_hex()));
        db::create_database(&info).unwrap();
        TestDb { info }
    }

    pub fn pg() -> TestDb {
        TestDb::new(DbKind::Postgres)
    }

    pub fn mysql() -> TestDb {
        TestDb::new(DbKind::Mysql)
    }

    pub fn connect(&self) -> Connection {
        Connection::connect(&self.info).unwrap()
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        let _ = db::drop_database(&self.info);
    }
}

/// A SQLite database file in a fresh temp dir.
pub struct TestSqlite {
    pub dir: tempfile::TempDir,
    pub info: ConnectionInfo,
}

impl TestSqlite {
    pub fn new() -> TestSqlite {
        let dir = tempfile::tempdir().unwrap();
        let info = ConnectionInfo::parse("file:./dev.db", dir.path()).unwrap();
        db::create_database(&info).unwrap();
        TestSqlite { dir, info }
    }

    pub fn connect(&self) -> Connection {
        Connection::connect(&self.info).unwrap()
    }
}
