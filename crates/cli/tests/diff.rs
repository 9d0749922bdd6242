//! `strata migrate diff` with the shadow-database sources, through the binary, on all three
//! databases: `--from-migrations` against the schema it was generated from exits 0 with
//! `--exit-code`, a changed schema exits 2; `--from-sql`; `--shadow-database-url`; and Ctrl-C
//! during a replay drops the temporary shadow database and exits 130.

mod common;

use common::{Project, TestDb};
use std::path::Path;

const MODELS: &str = r#"
model User {
  id    Int     @id @default(autoincrement())
  email String  @unique
  name  String?
  posts Post[]
}

model Post {
  id       Int    @id @default(autoincrement())
  title    String
  authorId Int
  author   User   @relation(fields: [authorId], references: [id])

  @@index([authorId])
}
"#;

fn schema(provider: &str, models: &str) -> String {
    format!("datasource db {{\n  provider = \"{provider}\"\n  url      = env(\"DATABASE_URL\")\n}}\n{models}")
}

/// A project whose one migration was generated from its schema by `migrate diff --script`.
fn project(provider: &str) -> (Project, tempfile::TempDir) {
    let p = Project::new();
    p.write("prisma/schema.prisma", &schema(provider, MODELS));
    p.write("prisma/migrations/migration_lock.toml", &format!("provider = \"{provider}\"\n"));
    p.strata(&[
        "migrate",
        "diff",
        "--from-empty",
        "--to-schema",
        "prisma/schema.prisma",
        "--script",
        "-o",
        "prisma/migrations/20240101000000_init/migration.sql",
    ])
    .assert_code(0);
    (p, tempfile::tempdir().expect("cache dir"))
}

fn strata(p: &Project, cache: &Path, url: &str, args: &[&str]) -> common::Run {
    let cache = cache.to_str().unwrap();
    p.strata_env(args, &[("DATABASE_URL", url), ("XDG_CACHE_HOME", cache)])
}

const FROM_MIGRATIONS: &[&str] =
    &["migrate", "diff", "--from-migrations", "prisma/migrations", "--to-schema", "prisma/schema.prisma", "--exit-code"];

fn exit_codes(provider: &str, url: &str) {
    let (p, cache) = project(provider);
    let same = strata(&p, cache.path(), url, FROM_MIGRATIONS);
    same.assert_code(0);
    assert_eq!(same.stdout, "No difference detected.\n\n");
    // Warm: the same answer from the cache.
    strata(&p, cache.path(), url, FROM_MIGRATIONS).assert_code(0);
    assert!(cache.path().join("strata/replay").read_dir().unwrap().next().is_some(), "cache written");

    p.write("prisma/schema.prisma", &schema(provider, &MODELS.replace("  name  String?\n", "  name  String?\n  age   Int?\n")));
    let changed = strata(&p, cache.path(), url, FROM_MIGRATIONS);
    changed.assert_code(2);
    // Checked against Prisma 6.19.3: exit 2 prints the summary without console.log's newline.
    assert_eq!(changed.stdout, "\n[*] Changed the `User` table\n  [+] Added column `age`\n");
    let without = strata(&p, cache.path(), url, &FROM_MIGRATIONS[..FROM_MIGRATIONS.len() - 1]);
    without.assert_code(0);
    assert_eq!(without.stdout, "\n[*] Changed the `User` table\n  [+] Added column `age`\n\n");

    // The schema's SQL as a plain SQL file.
    let sql = p.read("prisma/migrations/20240101000000_init/migration.sql");
    p.write("schema.sql", &sql);
    let from_sql = ["migrate", "diff", "--from-sql", "schema.sql", "--to-migrations", "prisma/migrations", "--exit-code"];
    strata(&p, cache.path(), url, &from_sql).assert_code(0);
    let script = strata(&p, cache.path(), url, &["migrate", "diff", "--from-sql", "schema.sql", "--to-schema", "prisma/schema.prisma", "--script"]);
    script.assert_code(0);
    assert!(script.stdout.contains("\"age\"") || script.stdout.contains("`age`"), "{}", script.stdout);

    // A broken SQL file names itself.
    p.write("broken.sql", "CREATE TABLE (;\n");
    let broken = strata(&p, cache.path(), url, &["migrate", "diff", "--from-sql", "broken.sql", "--to-empty"]);
    broken.assert_code(1);
    assert!(broken.stderr.contains("The SQL file `broken.sql` failed to apply cleanly to the shadow database."), "{}", broken.all());
}

#[test]
fn from_migrations_exit_codes_postgres() {
    let db = TestDb::postgres();
    exit_codes("postgresql", &db.url);
}

#[test]
fn from_migrations_exit_codes_mysql() {
    let db = TestDb::mysql();
    exit_codes("mysql", &db.url);
}

#[test]
fn from_migrations_exit_codes_sqlite() {
    exit_codes("sqlite", "file:./dev.db");
}

#[test]
fn broken_migration_is_p3006() {
    let db = TestDb::postgres();
    let (p, cache) = project("postgresql");
    p.write("prisma/migrations/20240102000000_broken/migration.sql", "ALTER TABLE \"Nope\" ADD COLUMN \"x\" INTEGER;\n");
    let run = strata(&p, cache.path(), &db.url, FROM_MIGRATIONS);
    run.assert_code(1);
    assert!(
        run.stderr.starts_with("Error: P3006\n\nMigration `20240102000000_broken` failed to apply cleanly to the shadow database. \n"),
        "{}",
        run.stderr
    );
}

#[test]
fn shadow_database_url_is_used_and_kept() {
    let db = TestDb::postgres();
    let shadow = TestDb::postgres();
    let (p, cache) = project("postgresql");
    let mut args = FROM_MIGRATIONS.to_vec();
    args.extend(["--shadow-database-url", &shadow.url]);
    strata(&p, cache.path(), &db.url, &args).assert_code(0);
    let mut conn = db::Connection::connect(&db::ConnectionInfo::parse(&shadow.url, Path::new(".")).unwrap()).unwrap();
    let tables = conn.query("SELECT COUNT(*) FROM pg_tables WHERE schemaname = 'public'", &[]).unwrap();
    assert_eq!(tables[0][0].as_i64(), Some(2), "the configured shadow database holds the replay");
}

#[test]
fn sqlite_history_needs_no_server() {
    let (p, cache) = project("sqlite");
    // No DATABASE_URL at all: the lock file says SQLite, the shadow database is a temp file.
    let run = p.strata_env(
        &["migrate", "diff", "--from-migrations", "prisma/migrations", "--to-empty", "--exit-code"],
        &[("XDG_CACHE_HOME", cache.path().to_str().unwrap())],
    );
    run.assert_code(2);
    assert!(run.stdout.starts_with("\n[-] Removed tables\n"), "{}", run.all());
    assert!(run.stdout.contains("\n  - User\n") && run.stdout.contains("\n  - Post\n"), "{}", run.all());
}

/// Ctrl-C while a slow migration replays: the temporary shadow database is dropped, exit 130.
fn sigint_drops_the_shadow_database(provider: &str, db: &TestDb) {
    let (p, _cache) = project(provider);
    let tag = format!("strata_sigint_{}", std::process::id());
    let (sleep, find) = match provider {
        "postgresql" => (
            format!("SELECT pg_sleep(20) /* {tag} */;\n"),
            format!("SELECT datname::text FROM pg_stat_activity WHERE query LIKE '%{tag}%' AND pid <> pg_backend_pid() AND datname LIKE 'prisma_migrate_shadow_db_%'"),
        ),
        _ => (
            format!("SELECT SLEEP(20) /* {tag} */;\n"),
            format!("SELECT CAST(DB AS CHAR) FROM information_schema.PROCESSLIST WHERE INFO LIKE '%{tag}%' AND ID <> CONNECTION_ID() AND DB LIKE 'prisma_migrate_shadow_db_%'"),
        ),
    };
    p.write("prisma/migrations/20240102000000_slow/migration.sql", &sleep);
    let started = std::time::Instant::now();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_strata"))
        .args(FROM_MIGRATIONS)
        .current_dir(p.dir.path())
        .env("DATABASE_URL", &db.url)
        .env("STRATA_REPLAY_CACHE", "off")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn strata");

    let admin_info = db::ConnectionInfo::parse(&db.url, Path::new(".")).unwrap();
    let mut admin = db::Connection::connect(&admin_info).unwrap();
    let mut shadow = None;
    for _ in 0..200 {
        if let Some(name) = admin.query(&find, &[]).unwrap().first().and_then(|r| r[0].to_text()) {
            shadow = Some(name);
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let Some(shadow) = shadow else {
        let _ = child.kill();
        panic!("the slow migration never started on a shadow database");
    };
    let pid = child.id().to_string();
    assert!(std::process::Command::new("kill").args(["-INT", &pid]).status().unwrap().success());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(130), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    assert!(started.elapsed() < std::time::Duration::from_secs(15), "the interrupted replay was waited for");
    let exists = db::database_exists(&admin_info.with_database(&shadow)).unwrap();
    assert!(!exists, "{shadow} was left behind");
}

#[test]
fn sigint_drops_the_shadow_database_postgres() {
    sigint_drops_the_shadow_database("postgresql", &TestDb::postgres());
}

#[test]
fn sigint_drops_the_shadow_database_mysql() {
    sigint_drops_the_shadow_database("mysql", &TestDb::mysql());
}

#[test]
fn missing_migrations_directory_is_an_error() {
    let (p, cache) = project("sqlite");
    let run = strata(&p, cache.path(), "file:./dev.db", &["migrate", "diff", "--from-migrations", "nope", "--to-empty"]);
    run.assert_code(1);
    assert!(run.stderr.contains("The migrations directory `nope` does not exist."), "{}", run.all());
}

#[test]
fn flag_count_errors_list_both_sides() {
    let p = Project::new();
    let none = p.strata(&["migrate", "diff"]);
    none.assert_code(1);
    assert_eq!(
        none.stderr,
        "Error: \n0 `--from-...` parameter(s) provided. 1 must be provided.\n0 `--to-...` parameter(s) provided. 1 must be provided.\n"
    );
    let empty = p.strata(&["migrate", "diff", "--from-empty", "--to-empty"]);
    empty.assert_code(1);
    assert_eq!(empty.stderr, "Error: Could not determine the connector to use for diffing.\n\n");
}

/// Prisma 6.19.3 prints an empty script with its comment line ended, then `console.log`'s
/// newline; `-o` gets the line without the second newline.
#[test]
fn empty_script_output_as_prisma_prints_it() {
    let p = Project::new();
    p.write("schema.prisma", &schema("sqlite", "model A {\n  id Int @id\n}\n"));
    let args = ["migrate", "diff", "--from-schema-datamodel", "schema.prisma", "--to-schema-datamodel", "schema.prisma", "--script"];
    let run = p.strata(&args);
    run.assert_code(0);
    assert_eq!(run.stdout, "-- This is an empty migration.\n\n");
    p.strata(&[&args[..], &["-o", "out.sql"]].concat()).assert_code(0);
    assert_eq!(p.read("out.sql"), "-- This is an empty migration.\n");
}
