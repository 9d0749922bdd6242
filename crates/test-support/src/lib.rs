//! For integration tests only: where the CI database servers are, and fresh databases on them.
//!
//! `.ci/run` exports `TEST_POSTGRES_URL` and `TEST_MYSQL_URL`. A suite that needs a server whose
//! variable is unset panics, naming the variable: it never passes silently.

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

use db::{ConnectionInfo, DbKind};

/// The server URL for `kind` from the environment; panics when it is unset.
pub fn server_url(kind: DbKind) -> String {
    let var = match kind {
        DbKind::Postgres => "TEST_POSTGRES_URL",
        DbKind::Mysql => "TEST_MYSQL_URL",
        DbKind::Sqlite => panic!("SQLite needs no server: use a file in a temporary folder"),
    };
    std::env::var(var).unwrap_or_else(|_| {
        panic!("{var} is not set: this suite needs a real server (.ci/run starts one and sets it, e.g. {var}=postgresql://postgres@127.0.0.1:5432/postgres or mysql://root@127.0.0.1:3306/test)")
    })
}

/// `{prefix}_{pid}_{nanos}_{n}`: unique across the parallel tests of all test binaries.
pub fn unique_name(prefix: &str) -> String {
    static N: AtomicUsize = AtomicUsize::new(0);
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.subsec_nanos());
    format!("{prefix}_{}_{nanos}_{}", std::process::id(), N.fetch_add(1, Ordering::Relaxed))
}

/// A uniquely named database on the CI server of its kind, created now and dropped on drop.
pub struct FreshDatabase {
    /// The database's URL, password included (tests pass it to the binary).
    pub url: String,
    pub info: ConnectionInfo,
}

impl FreshDatabase {
    /// Panics when the server's variable is unset or the database cannot be created.
    pub fn new(kind: DbKind) -> FreshDatabase {
        let base = ConnectionInfo::parse(&server_url(kind), Path::new(".")).expect("the test server URL parses");
        let info = base.with_database(&unique_name("strata_t"));
        db::create_database(&info).expect("create the test database");
        FreshDatabase { url: info.url_with_secrets().to_owned(), info }
    }

    pub fn postgres() -> FreshDatabase {
        FreshDatabase::new(DbKind::Postgres)
    }

    pub fn mysql() -> FreshDatabase {
        FreshDatabase::new(DbKind::Mysql)
    }
}

impl Drop for FreshDatabase {
    fn drop(&mut self) {
        let _ = db::drop_database(&self.info);
    }
}
