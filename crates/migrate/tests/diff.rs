//! Library `migrate diff`: a migrations folder replayed against the schema it was generated
//! from is an empty diff, a changed schema is not; SQL sources; provider mismatch.

mod common;

use common::{Folder, Provider, TestDb};
use migrate::diff::{diff, DiffOptions, DiffSource};
use migrate::MigrationsFolder;

const SCHEMA: &str = r#"
model User {
  id    Int    @id @default(autoincrement())
  email String @unique
  posts Post[]
}

model Post {
  id       Int    @id
  authorId Int
  author   User   @relation(fields: [authorId], references: [id])
}
"#;

fn datamodel(provider: Provider, models: &str) -> Box<psl::datamodel::Datamodel> {
    let text = format!("datasource db {{\n  provider = \"{}\"\n  url      = \"file:dev.db\"\n}}\n{models}", provider.name());
    let files = psl::ast::SourceFiles { files: vec![psl::ast::SourceFile { path: "schema.prisma".into(), text }] };
    let (dm, diagnostics) = psl::parse_and_validate(&files);
    Box::new(dm.unwrap_or_else(|| panic!("invalid test schema: {diagnostics:?}")))
}

/// The migration `migrate dev` would create for SCHEMA, as a folder.
fn history(provider: Provider) -> Folder {
    let report = diff(&DiffSource::Empty, &DiffSource::Datamodel(datamodel(provider, SCHEMA)), &DiffOptions::default())
        .expect("from empty");
    let folder = Folder::new(provider, &[]);
    let dir = folder.path().join("20240101000000_init");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("migration.sql"), &report.script).unwrap();
    folder
}

fn options_for(main: &TestDb) -> DiffOptions {
    DiffOptions { replay_server: Some(main.target()), ..DiffOptions::default() }
}

fn migrations_against_schema(provider: Provider) {
    let main = TestDb::new(provider);
    let folder = history(provider);
    let migrations = DiffSource::Migrations(MigrationsFolder::read(folder.path()).unwrap());
    let options = if provider == Provider::Sqlite { DiffOptions::default() } else { options_for(&main) };
    let same = diff(&migrations, &DiffSource::Datamodel(datamodel(provider, SCHEMA)), &options).expect("diff");
    assert!(same.is_empty, "{}", same.summary);
    assert_eq!(same.summary, "No difference detected.");
    assert_eq!(same.script, "-- This is an empty migration.");

    let changed = SCHEMA.replace("email String @unique", "email String @unique\n  name String?");
    let other = diff(&migrations, &DiffSource::Datamodel(datamodel(provider, &changed)), &options).expect("diff");
    assert!(!other.is_empty);
    assert!(other.summary.contains("[*] Changed the `User` table") && other.summary.contains("[+] Added column `name`"), "{}", other.summary);

    // The same history given as a SQL file.
    let sql = std::fs::read_to_string(folder.path().join("20240101000000_init/migration.sql")).unwrap();
    let sql = DiffSource::Sql { name: "schema.sql".into(), sql };
    let report = diff(&sql, &DiffSource::Datamodel(datamodel(provider, SCHEMA)), &options).expect("sql diff");
    assert!(report.is_empty, "{}", report.summary);

    // The live database: empty until the migration is applied.
    let live = DiffSource::Url(main.target());
    let report = diff(&live, &migrations, &options).expect("url diff");
    assert!(!report.is_empty);
    migrate::deploy(&main.target(), &MigrationsFolder::read(folder.path()).unwrap(), &mut |_| {}).expect("deploy");
    let report = diff(&live, &migrations, &options).expect("url diff");
    assert!(report.is_empty, "{}", report.summary);
}

#[test]
fn migrations_against_schema_postgres() {
    migrations_against_schema(Provider::Postgres);
}

#[test]
fn migrations_against_schema_mysql() {
    migrations_against_schema(Provider::Mysql);
}

#[test]
fn migrations_against_schema_sqlite() {
    migrations_against_schema(Provider::Sqlite);
}

#[test]
fn providers_must_match() {
    let err = diff(
        &DiffSource::Datamodel(datamodel(Provider::Sqlite, SCHEMA)),
        &DiffSource::Datamodel(datamodel(Provider::Postgres, SCHEMA)),
        &DiffOptions::default(),
    )
    .expect_err("mismatch");
    assert_eq!(err.to_string(), "The `from` and `to` sides of the diff use different database providers.");
}

#[test]
fn empty_to_empty_names_no_connector() {
    let err = diff(&DiffSource::Empty, &DiffSource::Empty, &DiffOptions::default()).expect_err("no connector");
    assert_eq!(err.to_string(), "Could not determine the connector to use for diffing.");
}

#[test]
fn migrations_need_a_server() {
    let folder = history(Provider::Postgres);
    let migrations = DiffSource::Migrations(MigrationsFolder::read(folder.path()).unwrap());
    let err = diff(&migrations, &DiffSource::Empty, &DiffOptions::default()).expect_err("no server");
    assert!(err.to_string().contains("need a database to replay on"), "{err}");
}

/// A multi-schema project: the replay is described with the schema's namespaces, so the
/// migrations folder matches the schema it was generated from.
#[test]
fn multi_schema_migrations_against_schema_postgres() {
    let main = TestDb::new(Provider::Postgres);
    let text = r#"
generator client {
  provider        = "prisma-client-js"
  previewFeatures = ["multiSchema"]
}

datasource db {
  provider = "postgresql"
  url      = "postgresql://localhost/db"
  schemas  = ["base", "auth"]
}

model User {
  id    Int    @id
  posts Post[]
  @@schema("auth")
}

model Post {
  id       Int  @id
  authorId Int
  author   User @relation(fields: [authorId], references: [id])
  @@schema("base")
}
"#;
    let files = psl::ast::SourceFiles { files: vec![psl::ast::SourceFile { path: "schema.prisma".into(), text: text.into() }] };
    let (dm, diagnostics) = psl::parse_and_validate(&files);
    let dm = Box::new(dm.unwrap_or_else(|| panic!("{diagnostics:?}")));
    let script = diff(&DiffSource::Empty, &DiffSource::Datamodel(dm.clone()), &DiffOptions::default()).unwrap().script;
    assert!(script.contains("CREATE SCHEMA IF NOT EXISTS \"auth\""), "{script}");
    let folder = Folder::new(Provider::Postgres, &[]);
    std::fs::create_dir_all(folder.path().join("20240101000000_init")).unwrap();
    std::fs::write(folder.path().join("20240101000000_init/migration.sql"), script).unwrap();
    let migrations = DiffSource::Migrations(MigrationsFolder::read(folder.path()).unwrap());
    let report = diff(&migrations, &DiffSource::Datamodel(dm), &options_for(&main)).expect("diff");
    assert!(report.is_empty, "{}", report.summary);
}
