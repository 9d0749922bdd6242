//! Throwaway databases for the describe tests: each test gets its own uniquely named database
//! (or SQLite file), dropped when the guard goes out of scope, so tests run in parallel.

#![allow(dead_code)] // each test binary uses part of this

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::path::PathBuf;
use std::str::FromStr;
use std::sync::atomic::{AtomicUsize, Ordering};

/// `strata_t_<16 hex digits>`, unique across processes and calls.
pub fn unique_name() -> String {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let mut hasher = RandomState::new().build_hasher();
    hasher.write_usize(COUNTER.fetch_add(1, Ordering::Relaxed));
    hasher.write_u32(std::process::id());
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
    hasher.write_u128(nanos);
    format!("strata_t_{:016x}", hasher.finish())
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

    /// A database with every statement of `ddl` (separated by `;`) executed in it.
    pub fn with(ddl: &str) -> MyDb {
        use mysql::prelude::Queryable;
        let mut db = MyDb::new();
        for statement in ddl.split(';').map(str::trim).filter(|s| !s.is_empty()) {
            db.conn().query_drop(statement).unwrap_or_else(|e| panic!("run `{statement}`: {e}"));
        }
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

/// A SQLite database in a fresh file under the temp directory, deleted on drop.
pub struct SqliteFile {
    pub path: PathBuf,
    pub conn: rusqlite::Connection,
}

impl SqliteFile {
    pub fn with(ddl: &str) -> SqliteFile {
        let path = std::env::temp_dir().join(format!("{}.db", unique_name()));
        let conn = rusqlite::Connection::open(&path).expect("open temp SQLite file");
        conn.execute_batch(ddl).expect("run test DDL");
        SqliteFile { path, conn }
    }
}

impl Drop for SqliteFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}
