//! Shared helpers for the integration tests: one fresh, uniquely named database per test
//! (dropped afterwards), migrations folders in temp dirs, and small query helpers.
#![allow(dead_code)]

use db::{Connection, ConnectionInfo, DbKind, Value};
use migrate::migrations_dir::{write_lock_file, MigrationsFolder};
use migrate::Target;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Provider {
    Postgres,
    Mysql,
    Sqlite,
}

impl Provider {
    pub fn kind(self) -> DbKind {
        match self {
            Provider::Postgres => DbKind::Postgres,
            Provider::Mysql => DbKind::Mysql,
            Provider::Sqlite => DbKind::Sqlite,
        }
    }

    pub fn name(self) -> &'static str {
        self.kind().provider()
    }

    /// Test SQL is written with double-quoted identifiers; MySQL wants backticks.
    pub fn sql(self, sql: &str) -> String {
        match self {
            Provider::Mysql => sql.replace('"', "`"),
            _ => sql.to_owned(),
        }
    }
}

/// A fresh database, dropped when the value is dropped.
pub struct TestDb {
    pub provider: Provider,
    pub info: ConnectionInfo,
    dir: tempfile::TempDir,
    /// The server database (PostgreSQL, MySQL), dropped with this value; SQLite files go with `dir`.
    _server: Option<test_support::FreshDatabase>,
}

impl TestDb {
    pub fn new(provider: Provider) -> TestDb {
        let dir = tempfile::tempdir().expect("temp dir");
        if provider == Provider::Sqlite {
            let info = parse(&format!("file:{}", dir.path().join("test.db").display()), dir.path());
            db::create_database(&info).expect("create test database");
            return TestDb { provider, info, dir, _server: None };
        }
        let server = test_support::FreshDatabase::new(provider.kind());
        TestDb { provider, info: server.info.clone(), dir, _server: Some(server) }
    }

    pub fn url(&self) -> String {
        self.info.url_with_secrets().to_owned()
    }

    pub fn target(&self) -> Target {
        Target::from_info(self.info.clone())
    }

    pub fn conn(&self) -> Connection {
        Connection::connect(&self.info).expect("connect")
    }

    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    pub fn query(&self, sql: &str) -> Vec<Vec<Value>> {
        self.conn().query(&self.provider.sql(sql), &[]).unwrap_or_else(|e| panic!("{sql}: {e}"))
    }

    pub fn exec(&self, sql: &str) {
        self.conn().raw_cmd(&self.provider.sql(sql)).unwrap_or_else(|e| panic!("{sql}: {e}"));
    }

    pub fn count(&self, sql: &str) -> i64 {
        self.query(sql)[0][0].as_i64().expect("count")
    }

    pub fn table_exists(&self, table: &str) -> bool {
        let sql = match self.provider {
            Provider::Postgres => format!("SELECT COUNT(*) FROM pg_tables WHERE schemaname = current_schema() AND tablename = '{table}'"),
            Provider::Mysql => format!("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = '{table}'"),
            Provider::Sqlite => format!("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '{table}'"),
        };
        self.conn().query(&sql, &[]).expect("table exists")[0][0].as_i64() == Some(1)
    }

    /// `(migration_name, checksum, finished, applied_steps_count, logs, rolled_back)` per row,
    /// in `started_at` order.
    pub fn history(&self) -> Vec<Row> {
        let sql = "SELECT migration_name, checksum, finished_at IS NOT NULL, applied_steps_count, logs, rolled_back_at IS NOT NULL, id FROM _prisma_migrations ORDER BY started_at, migration_name";
        self.conn()
            .query(sql, &[])
            .expect("read history")
            .into_iter()
            .map(|r| Row {
                name: r[0].to_text().unwrap(),
                checksum: r[1].to_text().unwrap(),
                finished: r[2].as_i64().unwrap() != 0 || r[2].as_bool() == Some(true),
                steps: r[3].as_i64().unwrap(),
                logs: r[4].to_text(),
                rolled_back: r[5].as_i64().unwrap_or(0) != 0 || r[5].as_bool() == Some(true),
                id: r[6].to_text().unwrap(),
            })
            .collect()
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub name: String,
    pub checksum: String,
    pub finished: bool,
    pub steps: i64,
    pub logs: Option<String>,
    pub rolled_back: bool,
    pub id: String,
}

fn parse(url: &str, base: &Path) -> ConnectionInfo {
    ConnectionInfo::parse(url, base).unwrap_or_else(|e| panic!("bad test URL: {e}"))
}

/// A migrations folder on disk.
pub struct Folder {
    pub dir: tempfile::TempDir,
    pub provider: Provider,
}

impl Folder {
    pub fn new(provider: Provider, migrations: &[(&str, &str)]) -> Folder {
        let folder = Folder { dir: tempfile::tempdir().expect("temp dir"), provider };
        write_lock_file(folder.path(), provider.name()).expect("lock file");
        for (name, script) in migrations {
            folder.write(name, script);
        }
        folder
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Writes (or overwrites) a migration; `"` become backticks on MySQL.
    pub fn write(&self, name: &str, script: &str) -> PathBuf {
        let dir = self.path().join(name);
        std::fs::create_dir_all(&dir).expect("migration dir");
        let file = dir.join("migration.sql");
        std::fs::write(&file, self.provider.sql(script)).expect("migration.sql");
        file
    }

    pub fn read(&self) -> MigrationsFolder {
        MigrationsFolder::read(self.path()).expect("read migrations folder")
    }

    pub fn script(&self, name: &str) -> String {
        std::fs::read_to_string(self.path().join(name).join("migration.sql")).expect("script")
    }
}

/// A small history valid on all three databases.
pub fn small_history() -> Vec<(&'static str, &'static str)> {
    vec![
        ("20240101000000_init", "-- CreateTable\nCREATE TABLE \"User\" (\n    \"id\" INTEGER NOT NULL PRIMARY KEY,\n    \"name\" TEXT NOT NULL\n);\n"),
        (
            "20240102000000_posts",
            "-- CreateTable\nCREATE TABLE \"Post\" (\n    \"id\" INTEGER NOT NULL PRIMARY KEY,\n    \"authorId\" INTEGER NOT NULL,\n    CONSTRAINT \"Post_authorId_fkey\" FOREIGN KEY (\"authorId\") REFERENCES \"User\" (\"id\") ON DELETE CASCADE\n);\n",
        ),
        ("20240103000000_seed", "INSERT INTO \"User\" (\"id\", \"name\") VALUES (1, 'a'), (2, 'b');\nINSERT INTO \"Post\" (\"id\", \"authorId\") VALUES (10, 1);\n"),
    ]
}

pub fn deploy(db: &TestDb, folder: &Folder) -> Result<migrate::DeployReport, migrate::MigrateError> {
    migrate::deploy(&db.target(), &folder.read(), &mut |_| {})
}
