//! Throwaway databases for the describe tests: each test gets its own uniquely named database
//! (or SQLite file), dropped when the guard goes out of scope, so tests run in parallel.

#![allow(dead_code)] // each test binary uses part of this

use std::str::FromStr;

/// `strata_t_<32 hex digits>`.
pub fn unique_name() -> String {
    format!("strata_t_{}", uuid::Uuid::new_v4().simple())
}

fn env_url(var: &str) -> String {
    std::env::var(var).unwrap_or_else(|_| {
        panic!("{var} is not set: these tests need a real server (e.g. {var}=postgresql://postgres@127.0.0.1:5432/postgres or mysql://root@127.0.0.1:3306/test)")
    })
}

pub struct PgDb {
    pub name: String,
    admin: postgres::Client,
    client: Option<postgres::Client>,
}

impl PgDb {
    pub fn new() -> PgDb {
        let url = env_url("TEST_POSTGRES_URL");
        let mut admin = postgres::Client::connect(&url, postgres::NoTls).expect("connect to TEST_POSTGRES_URL");
        let name = unique_name();
        admin.batch_execute(&format!("CREATE DATABASE \"{name}\"")).expect("create test database");
        let mut config = postgres::Config::from_str(&url).expect("parse TEST_POSTGRES_URL");
        config.dbname(&name);
        let client = config.connect(postgres::NoTls).expect("connect to the test database");
        PgDb { name, admin, client: Some(client) }
    }

    /// A database with `ddl` executed in it.
    pub fn with(ddl: &str) -> PgDb {
        let mut db = PgDb::new();
        db.client().batch_execute(ddl).expect("run test DDL");
        db
    }

    pub fn client(&mut self) -> &mut postgres::Client {
        self.client.as_mut().expect("client is open until drop")
    }
}

impl Drop for PgDb {
    fn drop(&mut self) {
        drop(self.client.take());
        let _ = self.admin.batch_execute(&format!("DROP DATABASE IF EXISTS \"{}\" WITH (FORCE)", self.name));
    }
}

pub struct MyDb {
    pub name: String,
    admin: mysql::Conn,
    conn: Option<mysql::Conn>,
}

impl MyDb {
    pub fn new() -> MyDb {
        use mysql::prelude::Queryable;
        let url = env_url("TEST_MYSQL_URL");
        let opts = mysql::Opts::from_url(&url).expect("parse TEST_MYSQL_URL");
        let mut admin = mysql::Conn::new(opts.clone()).expect("connect to TEST_MYSQL_URL");
        let name = unique_name();
        admin
            .query_drop(format!("CREATE DATABASE `{name}` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"))
            .expect("create test database");
        let opts = mysql::OptsBuilder::from_opts(opts).db_name(Some(name.clone()));
        let conn = mysql::Conn::new(opts).expect("connect to the test database");
        MyDb { name, admin, conn: Some(conn) }
    }

    /// A database with the statements of `ddl` executed in it (one multi-statement query).
    pub fn with(ddl: &str) -> MyDb {
        use mysql::prelude::Queryable;
        let mut db = MyDb::new();
        db.conn().query_drop(ddl).unwrap_or_else(|e| panic!("run test DDL: {e}\n{ddl}"));
        db
    }

    pub fn conn(&mut self) -> &mut mysql::Conn {
        self.conn.as_mut().expect("connection is open until drop")
    }
}

impl Drop for MyDb {
    fn drop(&mut self) {
        use mysql::prelude::Queryable;
        drop(self.conn.take());
        let _ = self.admin.query_drop(format!("DROP DATABASE IF EXISTS `{}`", self.name));
    }
}

/// A SQLite database in a fresh file of a temporary directory, deleted on drop.
pub struct SqliteFile {
    pub conn: rusqlite::Connection,
    _dir: tempfile::TempDir,
}

impl SqliteFile {
    pub fn with(ddl: &str) -> SqliteFile {
        let dir = tempfile::tempdir().expect("temporary directory");
        let conn = rusqlite::Connection::open(dir.path().join("dev.db")).expect("open SQLite file");
        conn.execute_batch(ddl).expect("run test DDL");
        SqliteFile { conn, _dir: dir }
    }
}
