//! Replay → SqlSchema on all three databases: a history generated from a schema replays to the
//! schema calculate makes of it (empty diff); a broken migration is P3006 and the shadow
//! database is gone afterwards; `--from-sql` style SQL sources.

mod common;

use common::{Folder, Provider, TestDb};
use flavour::Flavour;
use migrate::replay::{schema_of_migrations, schema_of_sql, schemas_of_prefixes_with_stats, ReplayOptions};
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

fn shadow_databases(main: &TestDb) -> Vec<String> {
    let sql = match main.provider {
        Provider::Postgres => "SELECT datname::text FROM pg_database WHERE datname LIKE 'prisma_migrate_shadow_db_%'",
        Provider::Mysql => "SELECT CAST(schema_name AS CHAR) FROM information_schema.schemata WHERE schema_name LIKE 'prisma_migrate_shadow_db_%'",
        Provider::Sqlite => return Vec::new(),
    };
    main.conn().query(sql, &[]).unwrap().iter().filter_map(|r| r[0].to_text()).collect()
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
    assert_no_shadow_left(&main, &[]);
}

fn broken_migration_is_p3006(provider: Provider) {
    let main = TestDb::new(provider);
    let folder = generated_history(provider);
    folder.write("20240103000000_broken", "SELECT * FROM \"does_not_exist\";\n");
    let before = shadow_databases(&main);
    let err = schema_of_migrations(&main.target(), None, &folder.read().migrations, &ReplayOptions::default())
        .expect_err("P3006");
    assert_eq!(err.code(), Some("P3006"));
    assert!(err.to_string().starts_with("Migration `20240103000000_broken` failed to apply cleanly"), "{err}");
    assert_no_shadow_left(&main, &before);
}

/// Every shadow database that appeared since `before` disappears: parallel tests' ones go away
/// when their replay ends, a leaked one never does.
pub fn assert_no_shadow_left(main: &TestDb, before: &[String]) {
    let mut left = Vec::new();
    for _ in 0..150 {
        left = shadow_databases(main).into_iter().filter(|d| !before.contains(d)).collect();
        if left.is_empty() {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    panic!("shadow databases left behind: {left:?}");
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
