//! `strata db pull` end to end: `--print` versus rewriting the schema file, re-introspection,
//! `--force`, and the empty-database error. Expected texts were checked against Prisma 6.19.3.
//! Needs `TEST_POSTGRES_URL` (and `TEST_MYSQL_URL` for the MySQL case).

mod common;

use std::path::Path;

use common::{Project, TestDb};

const DDL: &str = r#"
CREATE TABLE "User" (id serial PRIMARY KEY, email text NOT NULL UNIQUE);
CREATE TABLE "Post" (id serial PRIMARY KEY, "authorId" int NOT NULL REFERENCES "User"(id) ON DELETE CASCADE ON UPDATE CASCADE);
"#;

const CONFIG: &str = "generator client {\n  provider = \"prisma-client-js\"\n}\n\ndatasource db {\n  provider = \"postgresql\"\n  url      = env(\"DATABASE_URL\")\n}\n";

const MODELS: &str = "model Post {
  id       Int  @id @default(autoincrement())
  authorId Int
  User     User @relation(fields: [authorId], references: [id], onDelete: Cascade)
}

model User {
  id    Int    @id @default(autoincrement())
  email String @unique
  Post  Post[]
}
";

fn execute(url: &str, ddl: &str) {
    let info = db::ConnectionInfo::parse(url, Path::new(".")).expect("url");
    let mut conn = db::Connection::connect(&info).expect("connect");
    if let Some(client) = conn.postgres_client() {
        client.batch_execute(ddl).expect("DDL");
    } else if let Some(sqlite) = conn.sqlite_conn() {
        sqlite.execute_batch(ddl).expect("DDL");
    } else {
        conn.raw_cmd(ddl).expect("DDL");
    }
}

#[test]
fn print_writes_the_schema_to_stdout_only() {
    let db = TestDb::postgres();
    execute(&db.url, DDL);
    let project = Project::new();
    project.write("schema.prisma", CONFIG);
    let run = project.strata_env(&["db", "pull", "--print"], &[("DATABASE_URL", &db.url)]);
    run.assert_code(0);
    assert_eq!(run.stdout, format!("{CONFIG}\n{MODELS}\n\n"));
    assert_eq!(project.read("schema.prisma"), CONFIG, "--print leaves the file alone");
}

#[test]
fn pull_rewrites_the_schema_file() {
    let db = TestDb::postgres();
    execute(&db.url, DDL);
    let project = Project::new();
    project.write("schema.prisma", CONFIG);
    let run = project.strata_env(&["db", "pull"], &[("DATABASE_URL", &db.url)]);
    run.assert_code(0);
    assert_eq!(project.read("schema.prisma"), format!("{CONFIG}\n{MODELS}"));
    assert!(run.stdout.contains("- Introspecting based on datasource defined in schema.prisma\n"), "{}", run.stdout);
    assert!(run.stdout.contains("✔ Introspected 2 models and wrote them into schema.prisma in "), "{}", run.stdout);
    assert!(run.stdout.ends_with("ms\n      \nRun prisma generate to generate Prisma Client.\n\n"), "{}", run.stdout);
}

#[test]
fn reintrospection_keeps_names_and_force_drops_them() {
    let db = TestDb::postgres();
    execute(&db.url, DDL);
    let project = Project::new();
    let previous = format!(
        "{CONFIG}
model Author {{
  id    Int       @id @default(autoincrement())
  mail  String    @unique @map(\"email\")
  posts Article[]

  @@map(\"User\")
}}

model Article {{
  id       Int    @id @default(autoincrement())
  authorId Int
  author   Author @relation(fields: [authorId], references: [id], onDelete: Cascade)

  @@map(\"Post\")
}}
"
    );
    project.write("schema.prisma", &previous);
    let run = project.strata_env(&["db", "pull"], &[("DATABASE_URL", &db.url)]);
    run.assert_code(0);
    assert_eq!(project.read("schema.prisma"), previous, "re-introspection keeps every name");
    assert!(run.stdout.contains(
        "*** WARNING ***\n\nThese fields were enriched with `@map` information taken from the previous Prisma schema:\n  - Model: \"Author\", field: \"mail\"\n\nThese models were enriched with `@@map` information taken from the previous Prisma schema:\n  - \"Article\"\n  - \"Author\"\n"
    ), "{}", run.stdout);

    let run = project.strata_env(&["db", "pull", "--force"], &[("DATABASE_URL", &db.url)]);
    run.assert_code(0);
    assert_eq!(project.read("schema.prisma"), format!("{CONFIG}\n{MODELS}"));
}

#[test]
fn ignored_tables_are_reported_as_comments_with_print() {
    let db = TestDb::postgres();
    execute(&db.url, "CREATE TABLE nopk (a int);");
    let project = Project::new();
    project.write("schema.prisma", CONFIG);
    let run = project.strata_env(&["db", "pull", "--print"], &[("DATABASE_URL", &db.url)]);
    run.assert_code(0);
    assert!(run.stdout.contains("/// The underlying table does not contain a valid unique identifier and can therefore currently not be handled by Prisma Client.\nmodel nopk {\n  a Int?\n\n  @@ignore\n}\n"), "{}", run.stdout);
    assert!(run.stderr.contains("// *** WARNING ***\n// \n// The following models were ignored as they do not have a valid unique identifier or id. This is currently not supported by Prisma Client:\n//   - \"nopk\"\n// \n"), "{}", run.stderr);
}

#[test]
fn empty_database_is_p4001() {
    let project = Project::new();
    project.write("dev.db", "");
    project.write("schema.prisma", "datasource db {\n  provider = \"sqlite\"\n  url      = \"file:./dev.db\"\n}\n");
    let run = project.strata(&["db", "pull"]);
    run.assert_code(1);
    assert!(run.stdout.contains("✖ Introspecting based on datasource defined in schema.prisma"), "{}", run.stdout);
    assert!(run.stderr.contains("P4001 The introspected database was empty:\n\nprisma db pull could not create any models in your schema.prisma file"), "{}", run.stderr);
}

/// A database with only an enum is not empty to Prisma: the enum is written, and the count
/// says `0 model and wrote it` (Prisma counts `model` blocks, singular up to one).
#[test]
fn enums_alone_are_pulled() {
    let db = TestDb::postgres();
    execute(&db.url, "CREATE TYPE mood AS ENUM ('happy', 'sad');");
    let project = Project::new();
    project.write("schema.prisma", CONFIG);
    let run = project.strata_env(&["db", "pull"], &[("DATABASE_URL", &db.url)]);
    run.assert_code(0);
    assert_eq!(project.read("schema.prisma"), format!("{CONFIG}\nenum mood {{\n  happy\n  sad\n}}\n"));
    assert!(run.stdout.contains("✔ Introspected 0 model and wrote it into schema.prisma in "), "{}", run.stdout);
}

#[test]
fn sqlite_pull_validates_and_has_no_drift() {
    let project = Project::new();
    project.write("dev.db", "");
    let url = format!("file:{}", project.path("dev.db").display());
    execute(
        &url,
        "CREATE TABLE \"A\" (id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL DEFAULT 'x');\n\
         CREATE TABLE \"B\" (id INTEGER NOT NULL PRIMARY KEY, a_id INTEGER NOT NULL REFERENCES \"A\"(id) ON DELETE CASCADE);\n\
         CREATE INDEX \"B_a_id_idx\" ON \"B\"(a_id);",
    );
    project.write("schema.prisma", "datasource db {\n  provider = \"sqlite\"\n  url      = \"file:./dev.db\"\n}\n");
    project.strata(&["db", "pull"]).assert_code(0);
    project.strata(&["validate"]).assert_code(0);
    project
        .strata(&["migrate", "diff", "--from-url", &url, "--to-schema", "schema.prisma", "--exit-code"])
        .assert_code(0);
}

#[test]
fn mysql_pull_round_trips() {
    let db = TestDb::mysql();
    execute(&db.url, "CREATE TABLE `A` (`id` INT NOT NULL AUTO_INCREMENT, `label` VARCHAR(20) NULL, PRIMARY KEY (`id`))");
    let project = Project::new();
    project.write("schema.prisma", "datasource db {\n  provider = \"mysql\"\n  url      = env(\"DATABASE_URL\")\n}\n");
    let run = project.strata_env(&["db", "pull", "--print"], &[("DATABASE_URL", &db.url)]);
    run.assert_code(0);
    assert!(run.stdout.contains("model A {\n  id    Int     @id @default(autoincrement())\n  label String? @db.VarChar(20)\n}\n"), "{}", run.stdout);
}

/// A foreign key into a schema the datasource does not list stops `db pull` with P4002 and
/// Prisma's layout (code line, blank line, message).
#[test]
fn cross_schema_reference_is_p4002() {
    let db = TestDb::postgres();
    execute(&db.url, "CREATE SCHEMA auth; CREATE TABLE auth.users (id uuid PRIMARY KEY); CREATE TABLE \"Profile\" (id uuid PRIMARY KEY REFERENCES auth.users(id));");
    let p = Project::new();
    p.write("schema.prisma", CONFIG);
    let run = p.strata_env(&["db", "pull", "--print"], &[("DATABASE_URL", &db.url)]);
    run.assert_code(1);
    assert!(run.stderr.starts_with("Error: P4002\n\nThe schema of the introspected database was inconsistent: "), "{}", run.stderr);
    assert!(run.stderr.ends_with("Please add `auth` to your `schemas` property and run this command again.\n\n"), "{}", run.stderr);
}
