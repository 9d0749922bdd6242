//! Histories with "stranger SQL" than Prisma generates, through the `strata` binary: function
//! bodies, triggers, `DO` blocks, views, partitions, concurrent indexes, extensions, CRLF and BOM,
//! empty files, MySQL routines, SQLite triggers, and an 800-migration history.
//!
//! A case is a folder under `tests/strange_sql/` named `<provider>_<name>` holding `schema.prisma`
//! and `migrations/` as a project would keep them. For every case, on a fresh database:
//! `migrate deploy` applies every migration with Prisma's checksum, a second deploy applies
//! nothing, `migrate status` exits 0, and both `migrate diff --from-url` and
//! `--from-migrations` (shadow replay) against the schema find no difference.

mod common;

use common::{Project, Run, TestDb};
use std::path::{Path, PathBuf};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/strange_sql")
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read fixture dir") {
        let entry = entry.expect("dir entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

/// A project holding the fixture's schema and migrations under `prisma/`.
fn project_of(case: &str) -> Project {
    let p = Project::new();
    copy_dir(&fixtures().join(case), &p.path("prisma"));
    p
}

struct Env {
    url: String,
    /// The URL as given on the command line (`--from-url`): SQLite paths are relative to the
    /// working directory there, to the schema's folder in the datasource.
    cli_url: String,
    cache: tempfile::TempDir,
}

impl Env {
    fn new(url: String) -> Env {
        let cli_url = url.replace("file:./", "file:./prisma/");
        Env { url, cli_url, cache: tempfile::tempdir().expect("cache dir") }
    }

    fn strata(&self, p: &Project, args: &[&str]) -> Run {
        let cache = self.cache.path().to_str().expect("utf-8 temp path");
        p.strata_env(args, &[("DATABASE_URL", &self.url), ("XDG_CACHE_HOME", cache)])
    }
}

const SCHEMA: &str = "prisma/schema.prisma";

/// (migration_name, checksum) of the finished, not rolled back rows of `_prisma_migrations`.
fn applied_rows(url: &str, base: &Path) -> Vec<(String, String)> {
    let info = db::ConnectionInfo::parse(url, base).expect("url parses");
    let mut conn = db::Connection::connect(&info).expect("connect");
    let rows = conn
        .query(
            "SELECT migration_name, checksum FROM _prisma_migrations \
             WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name",
            &[],
        )
        .expect("query history");
    rows.into_iter()
        .map(|row| match (&row[0], &row[1]) {
            (db::Value::Text(name), db::Value::Text(sum)) => (name.clone(), sum.clone()),
            other => panic!("unexpected history row {other:?}"),
        })
        .collect()
}

fn expected_rows(p: &Project) -> Vec<(String, String)> {
    let folder = migrate::MigrationsFolder::read(&p.path("prisma/migrations")).expect("read migrations");
    folder.migrations.iter().map(|m| (m.name.clone(), m.checksum().expect("readable script"))).collect()
}

/// The five checks of the module comment.
fn check_project(p: &Project, env: &Env) {
    let first = env.strata(p, &["migrate", "deploy", "--schema", SCHEMA]);
    first.assert_code(0);
    let expected = expected_rows(p);
    assert_eq!(applied_rows(&env.url, &p.path("prisma")), expected, "history rows");

    let again = env.strata(p, &["migrate", "deploy", "--schema", SCHEMA]);
    again.assert_code(0);
    assert!(again.all().contains("No pending migrations to apply."), "{}", again.all());
    assert_eq!(applied_rows(&env.url, &p.path("prisma")).len(), expected.len(), "idempotent deploy");

    let status = env.strata(p, &["migrate", "status", "--schema", SCHEMA]);
    status.assert_code(0);
    assert!(status.all().contains("Database schema is up to date!"), "{}", status.all());

    let from_url = env.strata(p, &["migrate", "diff", "--from-url", &env.cli_url, "--to-schema", SCHEMA, "--exit-code"]);
    assert_eq!(from_url.code, 0, "drift between the deployed database and the schema:\n{}", from_url.all());

    let from_migrations = ["migrate", "diff", "--from-migrations", "prisma/migrations", "--to-schema", SCHEMA, "--exit-code"];
    let replay = env.strata(p, &from_migrations);
    assert_eq!(replay.code, 0, "the replayed history differs from the schema:\n{}", replay.all());
}

fn check_postgres(case: &str) {
    let db = TestDb::postgres();
    check_project(&project_of(case), &Env::new(db.url.clone()));
}

fn check_mysql(case: &str) {
    let db = TestDb::mysql();
    check_project(&project_of(case), &Env::new(db.url.clone()));
}

fn check_sqlite(case: &str) {
    check_project(&project_of(case), &Env::new("file:./dev.db".into()));
}

#[test]
fn pg_functions_triggers() {
    check_postgres("pg_functions_triggers");
}

#[test]
fn pg_views_partitions() {
    check_postgres("pg_views_partitions");
}

#[test]
fn pg_concurrently_enums() {
    check_postgres("pg_concurrently_enums");
}

#[test]
fn pg_extensions_encoding() {
    check_postgres("pg_extensions_encoding");
}

#[test]
fn mysql_routines_views() {
    check_mysql("mysql_routines_views");
}

#[test]
fn sqlite_triggers_views() {
    check_sqlite("sqlite_triggers_views");
}
