//! Shared helpers: server URLs from the environment and self-dropping test databases
//! (both from `test-support`), plus a SQLite file in a temporary folder.
#![allow(dead_code)]

use db::{Connection, ConnectionInfo, DbKind};
use test_support::FreshDatabase;

pub fn pg_url() -> String {
    test_support::server_url(DbKind::Postgres)
}

pub fn mysql_url() -> String {
    test_support::server_url(DbKind::Mysql)
}

/// A name part unique across parallel tests.
pub fn random_hex() -> String {
    test_support::unique_name("x")
}

/// A uniquely named database, created on construction and dropped on drop.
pub struct TestDb {
    pub info: ConnectionInfo,
    _server: FreshDatabase,
}

impl TestDb {
    pub fn new(kind: DbKind) -> TestDb {
        let server = FreshDatabase::new(kind);
        TestDb { info: server.info.clone(), _server: server }
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
