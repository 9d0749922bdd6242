//! Histories with "stranger SQL" than Prisma generates, through the `strata` binary: function
//! bodies, triggers, `DO` blocks, views, partitions, concurrent indexes, extensions, CRLF and BOM,
//! empty files, MySQL routines, SQLite triggers, and an 800-migration history.
//!
//! A case is a folder under `tests/strange_sql/` named `<provider>_<name>` (`pg_`, `mysql_`,
//! `sqlite_`) holding `schema.prisma` and `migrations/` as a project would keep them; one test per
//! provider runs every folder of that provider. For every case, on a fresh database:
//! `migrate deploy` applies every migration with Prisma's checksum, a second deploy applies
//! nothing, `migrate status` exits 0, and both `migrate diff --from-url` and
//! `--from-migrations` (shadow replay) against the schema find no difference, and `migrate dev`
//! with the unchanged schema creates nothing.

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

    // `migrate dev` with the unchanged schema: no drift on the shadow replay, nothing created.
    let dev = env.strata(p, &["migrate", "dev", "--name", "noop", "--schema", SCHEMA]);
    dev.assert_code(0);
    assert!(dev.all().contains("Already in sync"), "{}", dev.all());
    assert_eq!(expected_rows(p), expected, "migrate dev created a migration");
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

/// Runs `check` on every case folder whose name starts with `prefix`, and fails naming each case
/// that failed: adding a case is adding a folder.
fn check_cases(prefix: &str, check: fn(&str)) {
    let mut cases: Vec<String> = std::fs::read_dir(fixtures())
        .expect("read strange_sql")
        .map(|e| e.expect("dir entry").file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with(prefix))
        .collect();
    cases.sort();
    assert!(!cases.is_empty(), "no {prefix}* cases");
    let failed: Vec<&String> = cases
        .iter()
        .filter(|case| std::panic::catch_unwind(|| check(case)).is_err())
        .collect();
    assert!(failed.is_empty(), "failed cases (see the panics above): {failed:?}");
}

#[test]
fn postgres_cases() {
    check_cases("pg_", check_postgres);
}

#[test]
fn mysql_cases() {
    check_cases("mysql_", check_mysql);
}

#[test]
fn sqlite_cases() {
    check_cases("sqlite_", check_sqlite);
}

/// A long history as a project accumulates it: one model per migration, with now and then a
/// column added to the previous model, a relation to it, an index, or a function (PostgreSQL) /
/// trigger (SQLite). Generated into the project (not committed):
/// `(schema.prisma, [(folder name, migration.sql)])`.
fn long_history(count: usize, provider: &str) -> (String, Vec<(String, String)>) {
    let pg = provider == "postgresql";
    let mut models: Vec<Vec<String>> = Vec::with_capacity(count);
    let mut migrations = Vec::with_capacity(count);
    for i in 0..count {
        let with_parent = i > 0 && i % 11 == 5;
        let mut sql = create_model_sql(i, with_parent, pg);
        let mut fields = vec![
            "  id        Int      @id @default(autoincrement())".to_string(),
            "  name      String".to_string(),
            "  createdAt DateTime @default(now())".to_string(),
        ];
        if i > 0 && i % 7 == 3 {
            sql.push_str(&format!("\n-- AlterTable\nALTER TABLE \"M{}\" ADD COLUMN \"extra\" INTEGER;\n", i - 1));
            models[i - 1].push("  extra     Int?".to_string());
        }
        if with_parent {
            fields.push("  parentId  Int?".to_string());
            fields.push(format!("  parent    M{}? @relation(fields: [parentId], references: [id])", i - 1));
            models[i - 1].push(format!("  children  M{i}[]"));
        }
        if i % 13 == 0 {
            sql.push_str(&format!("\n-- CreateIndex\nCREATE INDEX \"M{i}_name_idx\" ON \"M{i}\"(\"name\");\n"));
            fields.push("\n  @@index([name])".to_string());
        }
        if i % 100 == 50 {
            sql.push_str(&if pg {
                format!("\nCREATE FUNCTION m{i}_name_len(n text) RETURNS integer AS $$\nBEGIN\n  RETURN length(n); -- 'len'\nEND;\n$$ LANGUAGE plpgsql;\n")
            } else {
                format!("\nCREATE TRIGGER \"M{i}_trim\" AFTER INSERT ON \"M{i}\"\nBEGIN\n  UPDATE \"M{i}\" SET \"name\" = trim(NEW.\"name\") WHERE \"id\" = NEW.\"id\";\nEND;\n")
            });
        }
        models.push(fields);
        migrations.push((format!("{}_m{i}", 20_200_101_000_000u64 + i as u64), sql));
    }
    let mut schema = format!("datasource db {{\n  provider = \"{provider}\"\n  url      = env(\"DATABASE_URL\")\n}}\n");
    for (i, fields) in models.iter().enumerate() {
        // Block attributes go last.
        let (attrs, plain): (Vec<&String>, Vec<&String>) = fields.iter().partition(|f| f.contains("@@"));
        let body: Vec<&str> = plain.into_iter().chain(attrs).map(String::as_str).collect();
        schema.push_str(&format!("\nmodel M{i} {{\n{}\n}}\n", body.join("\n")));
    }
    (schema, migrations)
}

/// The `CREATE TABLE` (and foreign key) of model `i`, as Prisma writes them.
fn create_model_sql(i: usize, with_parent: bool, pg: bool) -> String {
    let parent = i.saturating_sub(1);
    if pg {
        let parent_column = if with_parent { "    \"parentId\" INTEGER,\n" } else { "" };
        let mut sql = format!(
            "-- CreateTable\nCREATE TABLE \"M{i}\" (\n    \"id\" SERIAL NOT NULL,\n    \"name\" TEXT NOT NULL,\n{parent_column}    \
             \"createdAt\" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,\n\n    CONSTRAINT \"M{i}_pkey\" PRIMARY KEY (\"id\")\n);\n"
        );
        if with_parent {
            sql.push_str(&format!(
                "\n-- AddForeignKey\nALTER TABLE \"M{i}\" ADD CONSTRAINT \"M{i}_parentId_fkey\" FOREIGN KEY (\"parentId\") \
                 REFERENCES \"M{parent}\"(\"id\") ON DELETE SET NULL ON UPDATE CASCADE;\n"
            ));
        }
        return sql;
    }
    let (parent_column, parent_fk) = if with_parent {
        (
            "    \"parentId\" INTEGER,\n".to_string(),
            format!(
                ",\n    CONSTRAINT \"M{i}_parentId_fkey\" FOREIGN KEY (\"parentId\") REFERENCES \"M{parent}\" (\"id\") \
                 ON DELETE SET NULL ON UPDATE CASCADE"
            ),
        )
    } else {
        (String::new(), String::new())
    };
    format!(
        "-- CreateTable\nCREATE TABLE \"M{i}\" (\n    \"id\" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,\n    \"name\" TEXT NOT NULL,\n\
         {parent_column}    \"createdAt\" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP{parent_fk}\n);\n"
    )
}

fn long_history_project(count: usize, provider: &str) -> Project {
    let (schema, migrations) = long_history(count, provider);
    let p = Project::new();
    p.write("prisma/schema.prisma", &schema);
    p.write("prisma/migrations/migration_lock.toml", &format!("provider = \"{provider}\"\n"));
    for (name, sql) in &migrations {
        p.write(&format!("prisma/migrations/{name}/migration.sql"), sql);
    }
    p
}

#[test]
fn pg_long_history() {
    let db = TestDb::postgres();
    check_project(&long_history_project(820, "postgresql"), &Env::new(db.url.clone()));
}

#[test]
fn sqlite_long_history() {
    check_project(&long_history_project(820, "sqlite"), &Env::new("file:./dev.db".into()));
}

/// A foreign key into a schema the datasource does not list (Supabase's `auth.users`): every
/// command that describes the database stops with Prisma's P4002, word for word.
#[test]
fn pg_cross_schema_reference_is_p4002() {
    let db = TestDb::postgres();
    let env = Env::new(db.url.clone());
    let p = Project::new();
    p.write("prisma/schema.prisma", "datasource db {\n  provider = \"postgresql\"\n  url      = env(\"DATABASE_URL\")\n}\n\nmodel Profile {\n  id   String  @id @db.Uuid\n  name String?\n}\n");
    p.write("prisma/migrations/migration_lock.toml", "provider = \"postgresql\"\n");
    p.write(
        "prisma/migrations/20240101000000_init/migration.sql",
        "CREATE SCHEMA IF NOT EXISTS auth;\nCREATE TABLE IF NOT EXISTS auth.users (id uuid PRIMARY KEY);\n\
         CREATE TABLE \"Profile\" (\"id\" UUID NOT NULL, \"name\" TEXT, CONSTRAINT \"Profile_pkey\" PRIMARY KEY (\"id\"));\n\
         ALTER TABLE \"Profile\" ADD CONSTRAINT \"Profile_id_fkey\" FOREIGN KEY (\"id\") REFERENCES auth.users(id) ON DELETE CASCADE;\n",
    );
    env.strata(&p, &["migrate", "deploy", "--schema", SCHEMA]).assert_code(0);
    let diff = env.strata(&p, &["migrate", "diff", "--from-url", &env.cli_url, "--to-schema", SCHEMA, "--exit-code"]);
    diff.assert_code(1);
    let expected = "Error: P4002\n\nThe schema of the introspected database was inconsistent: The schema of the introspected \
        database was inconsistent: Cross schema references are only allowed when the target schema is listed in the schemas \
        property of your datasource. `public.Profile` points to `auth.users` in constraint `Profile_id_fkey`. Please add \
        `auth` to your `schemas` property and run this command again.";
    assert!(diff.stderr.contains(expected), "{}", diff.stderr);
}
