//! Replay → SqlSchema on all three databases: a history generated from a schema replays to the
//! schema calculate makes of it (empty diff); a broken migration is P3006 and the shadow
//! database is gone afterwards; `--from-sql` style SQL sources.

mod common;

use common::{Folder, Provider, TestDb};
use flavour::Flavour;
use migrate::replay::{
    schema_of_migrations, schema_of_sql, schemas_of_prefixes_counted, schemas_of_prefixes_with_stats, ReplayOptions,
    ReplayStats,
};
use sql_schema::SqlSchema;

const V1: &str = r#"
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

  @@index([title])
}
"#;

const V2: &str = r#"
model User {
  id        Int      @id @default(autoincrement())
  email     String   @unique
  name      String?
  createdAt DateTime @default(now())
  posts     Post[]
}

model Post {
  id       Int     @id @default(autoincrement())
  title    String
  body     String?
  authorId Int
  author   User    @relation(fields: [authorId], references: [id], onDelete: Cascade)

  @@index([title])
}

model Tag {
  name String @id
}
"#;

fn provider_line(provider: Provider) -> &'static str {
    match provider {
        Provider::Postgres => "postgresql",
        Provider::Mysql => "mysql",
        Provider::Sqlite => "sqlite",
    }
}

fn flavour(provider: Provider) -> Flavour {
    match provider {
        Provider::Postgres => Flavour::Postgres,
        Provider::Mysql => Flavour::Mysql,
        Provider::Sqlite => Flavour::Sqlite,
    }
}

pub fn datamodel(provider: Provider, models: &str) -> psl::datamodel::Datamodel {
    let text = format!(
        "datasource db {{\n  provider = \"{}\"\n  url      = \"file:dev.db\"\n}}\n{models}",
        provider_line(provider)
    );
    let files = psl::ast::SourceFiles {
        files: vec![psl::ast::SourceFile { path: "schema.prisma".into(), text }],
    };
    let (dm, diagnostics) = psl::parse_and_validate(&files);
    dm.unwrap_or_else(|| panic!("invalid test schema: {diagnostics:?}"))
}

fn calculate(provider: Provider, models: &str) -> SqlSchema {
    flavour::calculate::calculate(&datamodel(provider, models), flavour(provider))
}

/// A history as `migrate dev` would write it: V1 from empty, then V1 → V2.
fn generated_history(provider: Provider) -> Folder {
    let f = flavour(provider);
    let v1 = calculate(provider, V1);
    let v2 = calculate(provider, V2);
    let first = flavour::render::from_empty_script(&v1, f);
    let step = flavour::render::diff(f, &v1, &v2);
    let second = flavour::render::render_script(f, &step, &sql_schema::Checks::default());
    let folder = Folder::new(provider, &[]);
    // Written raw: the rendered SQL is already in the provider's quoting.
    for (name, script) in [("20240101000000_init", first), ("20240102000000_v2", second)] {
        let dir = folder.path().join(name);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("migration.sql"), script).unwrap();
    }
    folder
}

fn assert_no_diff(provider: Provider, from: &SqlSchema, to: &SqlSchema) {
    let migration = flavour::render::diff(flavour(provider), from, to);
    assert!(migration.steps.is_empty(), "unexpected diff:\n{}", sql_schema::drift_summary(&migration));
}

fn replay_equals_calculate(provider: Provider) {
    let main = TestDb::new(provider);
    let folder = generated_history(provider);
    let migrations = folder.read().migrations;
    let options = ReplayOptions::default();
    let replayed = schema_of_migrations(&main.target(), None, &migrations, &options).expect("replay");
    assert_no_diff(provider, &replayed, &calculate(provider, V2));

    // Both prefixes from one replay: the first equals V1.
    let (schemas, stats) =
        schemas_of_prefixes_with_stats(&main.target(), None, &migrations, &[1, 2], &options).expect("replay prefixes");
    assert_no_diff(provider, &schemas[0], &calculate(provider, V1));
    assert_no_diff(provider, &schemas[1], &calculate(provider, V2));
    assert_eq!((stats.shadow_databases, stats.migrations_applied, stats.cache_hits), (1, 2, 0));
    assert_gone(&main, &stats);
}

fn broken_migration_is_p3006(provider: Provider) {
    let main = TestDb::new(provider);
    let folder = generated_history(provider);
    folder.write("20240103000000_broken", "SELECT * FROM \"does_not_exist\";\n");
    let mut stats = ReplayStats::default();
    let err = schemas_of_prefixes_counted(&main.target(), None, &folder.read().migrations, &[3], &ReplayOptions::default(), &mut stats)
        .expect_err("P3006");
    assert_eq!(err.code(), Some("P3006"));
    assert!(err.to_string().starts_with("Migration `20240103000000_broken` failed to apply cleanly"), "{err}");
    assert_gone(&main, &stats);
}

/// The shadow databases a replay used are gone (a configured one would be kept; none is here).
pub fn assert_gone(main: &TestDb, stats: &ReplayStats) {
    assert!(!stats.shadow_names.is_empty(), "no shadow database recorded");
    for name in &stats.shadow_names {
        let exists = match main.provider {
            Provider::Sqlite => std::path::Path::new(name).exists(),
            _ => db::database_exists(&main.info.with_database(name)).unwrap(),
        };
        assert!(!exists, "shadow database {name} left behind");
    }
}

fn sql_source(provider: Provider) {
    let main = TestDb::new(provider);
    let v1 = calculate(provider, V1);
    let script = flavour::render::from_empty_script(&v1, flavour(provider));
    let schema = schema_of_sql(&main.target(), None, "schema.sql", &script, &ReplayOptions::default()).expect("sql");
    assert_no_diff(provider, &schema, &v1);

    let err = schema_of_sql(&main.target(), None, "bad.sql", "CREATE TABLE (;", &ReplayOptions::default())
        .expect_err("bad sql");
    assert!(err.to_string().starts_with("The SQL file `bad.sql` failed to apply cleanly to the shadow database."), "{err}");
}

#[test]
fn replay_equals_calculate_postgres() {
    replay_equals_calculate(Provider::Postgres);
}

#[test]
fn replay_equals_calculate_mysql() {
    replay_equals_calculate(Provider::Mysql);
}

#[test]
fn replay_equals_calculate_sqlite() {
    replay_equals_calculate(Provider::Sqlite);
}

#[test]
fn broken_migration_is_p3006_postgres() {
    broken_migration_is_p3006(Provider::Postgres);
}

#[test]
fn broken_migration_is_p3006_mysql() {
    broken_migration_is_p3006(Provider::Mysql);
}

#[test]
fn broken_migration_is_p3006_sqlite() {
    broken_migration_is_p3006(Provider::Sqlite);
}

#[test]
fn sql_source_postgres() {
    sql_source(Provider::Postgres);
}

#[test]
fn sql_source_mysql() {
    sql_source(Provider::Mysql);
}

#[test]
fn sql_source_sqlite() {
    sql_source(Provider::Sqlite);
}

// ---------------------------------------------------------------------------------------------
// The replay cache

/// A history no other test has (a unique comment changes the checksums), so templates and
/// entries are this test's own.
fn unique_history(provider: Provider) -> Folder {
    let folder = generated_history(provider);
    let tag = uuid::Uuid::new_v4().simple().to_string();
    for m in folder.read().migrations {
        let path = m.path.join("migration.sql");
        let script = std::fs::read_to_string(&path).unwrap();
        std::fs::write(&path, format!("-- {tag}\n{script}")).unwrap();
    }
    folder
}

fn cached_options(dir: &std::path::Path) -> ReplayOptions {
    ReplayOptions { cache: Some(migrate::ReplayCache::new(dir, "test build")), ..ReplayOptions::default() }
}

fn cache_hits_skip_replay(provider: Provider) {
    let main = TestDb::new(provider);
    let folder = unique_history(provider);
    let cache_dir = tempfile::tempdir().unwrap();
    let options = cached_options(cache_dir.path());
    let target = main.target();
    // Every shadow database any call used, checked gone at the end.
    let mut used = ReplayStats::default();
    let mut run = |migrations: &[migrate::MigrationDirectory], lengths: &[usize]| {
        let mut stats = ReplayStats::default();
        let result = schemas_of_prefixes_counted(&target, None, migrations, lengths, &options, &mut stats);
        used.shadow_names.extend(stats.shadow_names.iter().cloned());
        (result, stats)
    };

    let migrations = folder.read().migrations;
    let (cold, stats) = run(&migrations, &[2]);
    let cold = cold.expect("cold");
    assert_eq!((stats.shadow_databases, stats.migrations_applied, stats.cache_hits), (1, 2, 0));
    assert_no_diff(provider, &cold[0], &calculate(provider, V2));

    // Unchanged history: nothing replayed, same schema.
    let (warm, stats) = run(&migrations, &[2]);
    assert_eq!((stats.shadow_databases, stats.migrations_applied, stats.cache_hits), (0, 0, 1));
    assert_eq!(warm.expect("warm"), cold);

    // An edited migration is a different history.
    migrate::replay_cache::drop_templates_of(&target, &migrations, &options).unwrap();
    let edited = folder.path().join("20240102000000_v2/migration.sql");
    let script = std::fs::read_to_string(&edited).unwrap();
    std::fs::write(&edited, format!("{script}\n-- edited\n")).unwrap();
    let migrations = folder.read().migrations;
    let (result, stats) = run(&migrations, &[2]);
    result.expect("edited");
    assert_eq!((stats.cache_hits, stats.shadow_databases), (0, 1));

    // Corrupt entries are misses, replaced by good ones.
    for entry in std::fs::read_dir(cache_dir.path().join("replay")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "json") {
            std::fs::write(path, b"{ not json").unwrap();
        }
    }
    let (again, stats) = run(&migrations, &[2]);
    assert_eq!((stats.cache_hits, stats.shadow_databases), (0, 1));
    assert_no_diff(provider, &again.expect("corrupt")[0], &calculate(provider, V2));
    let (result, stats) = run(&migrations, &[2]);
    result.expect("rewritten");
    assert_eq!((stats.cache_hits, stats.shadow_databases), (1, 0));

    // A failing migration is never cached, and still P3006 on the next call.
    folder.write("20240103000000_broken", "SELECT * FROM \"does_not_exist\";\n");
    let migrations = folder.read().migrations;
    for _ in 0..2 {
        let (result, _) = run(&migrations, &[3]);
        assert_eq!(result.expect_err("P3006").code(), Some("P3006"));
    }
    migrate::replay_cache::drop_templates_of(&target, &migrations, &options).unwrap();
    assert_gone(&main, &used);
}

#[test]
fn cache_hits_skip_replay_postgres() {
    cache_hits_skip_replay(Provider::Postgres);
}

#[test]
fn cache_hits_skip_replay_mysql() {
    cache_hits_skip_replay(Provider::Mysql);
}

#[test]
fn cache_hits_skip_replay_sqlite() {
    cache_hits_skip_replay(Provider::Sqlite);
}

/// An appended migration replays alone, on a clone of the previous history's template (a
/// PostgreSQL template database, a SQLite file); drift (applied prefix) and the whole history
/// come from one replay.
fn appended_migration_uses_template(provider: Provider) {
    let main = TestDb::new(provider);
    let folder = unique_history(provider);
    let cache_dir = tempfile::tempdir().unwrap();
    let options = cached_options(cache_dir.path());
    let target = main.target();
    let two = folder.read().migrations;
    let (_, stats) = schemas_of_prefixes_with_stats(&target, None, &two, &[2], &options).expect("cold");
    assert_eq!((stats.from_template, stats.migrations_applied), (None, 2));

    folder.write("20240103000000_comments", "CREATE TABLE \"Comment\" (\"id\" INTEGER NOT NULL PRIMARY KEY);\n");
    let three = folder.read().migrations;
    let (schemas, stats) =
        schemas_of_prefixes_with_stats(&target, None, &three, &[2, 3], &options).expect("appended");
    assert_eq!((stats.from_template, stats.migrations_applied, stats.cache_hits), (Some(2), 1, 1));
    assert!(schemas[0].table(None, "Comment").is_none());
    assert!(schemas[1].table(None, "Comment").is_some());
    assert_no_diff(provider, &schemas[0], &calculate(provider, V2));

    // The same answer as a replay without any cache.
    let fresh = schema_of_migrations(&target, None, &three, &ReplayOptions::default()).expect("uncached");
    assert_eq!(schemas[1], fresh);

    // A new entry format (other build) with the template still there: clone, apply nothing.
    let other_build = ReplayOptions { cache: Some(migrate::ReplayCache::new(cache_dir.path(), "other build")), ..ReplayOptions::default() };
    let (schemas, stats) = schemas_of_prefixes_with_stats(&target, None, &three, &[3], &other_build).expect("other");
    assert_eq!((stats.from_template, stats.migrations_applied), (Some(3), 0));
    assert_eq!(schemas[0], fresh);

    assert_gone(&main, &stats);
    let dropped = migrate::replay_cache::drop_templates_of(&target, &three, &options).unwrap();
    if provider == Provider::Postgres {
        // The server is shared (benchmarks clear templates, other tests' templates count toward
        // the cap): the exact number kept is checked on SQLite, whose templates are this test's.
        assert!(dropped >= 1, "the new template is kept");
    } else {
        let files = std::fs::read_dir(cache_dir.path().join("replay/sqlite")).unwrap().count();
        assert_eq!(files, 2, "the new template file and the one it was copied from");
    }
}

#[test]
fn appended_migration_uses_template_postgres() {
    appended_migration_uses_template(Provider::Postgres);
}

#[test]
fn appended_migration_uses_template_sqlite() {
    appended_migration_uses_template(Provider::Sqlite);
}

/// MySQL cannot clone a database: an appended migration replays the whole history.
#[test]
fn appended_migration_replays_in_full_mysql() {
    let main = TestDb::new(Provider::Mysql);
    let folder = unique_history(Provider::Mysql);
    let cache_dir = tempfile::tempdir().unwrap();
    let options = cached_options(cache_dir.path());
    let target = main.target();
    schemas_of_prefixes_with_stats(&target, None, &folder.read().migrations, &[2], &options).expect("cold");
    folder.write("20240103000000_comments", "CREATE TABLE \"Comment\" (\"id\" INTEGER NOT NULL PRIMARY KEY);\n");
    let (_, stats) = schemas_of_prefixes_with_stats(&target, None, &folder.read().migrations, &[2, 3], &options)
        .expect("appended");
    assert_eq!((stats.from_template, stats.migrations_applied, stats.cache_hits), (None, 3, 1));
}
