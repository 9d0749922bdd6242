//! `validate` and `format` through the binary: no database, no environment variable needed.

mod common;

use common::Project;

const VALID: &str = r#"datasource db {
  provider = "sqlite"
  url      = env("DATABASE_URL")
}

model User {
  id    Int    @id
  email String @unique
}
"#;

#[test]
fn validate_accepts_a_valid_schema() {
    let p = Project::new();
    p.write("prisma/schema.prisma", VALID);
    let run = p.strata_env(&["validate"], &[("DATABASE_URL", "file:./dev.db")]);
    run.assert_code(0);
    assert_eq!(run.stdout, "Prisma schema loaded from prisma/schema.prisma\nThe schema at prisma/schema.prisma is valid 🚀\n");
}

#[test]
fn validate_needs_the_datasource_env_var_as_prisma_6_does() {
    let p = Project::new();
    p.write("prisma/schema.prisma", VALID);
    let run = p.strata(&["validate"]);
    run.assert_code(1);
    assert_eq!(
        run.stderr,
        "Error: Prisma schema validation - (get-config wasm)\nError code: P1012\nerror: Environment variable not found: DATABASE_URL.\n  -->  prisma/schema.prisma:3\n   | \n 2 |   provider = \"sqlite\"\n 3 |   url      = env(\"DATABASE_URL\")\n   | \n\nValidation Error Count: 1\n[Context: getConfig]\n"
    );
    // Database commands stop at the same check, after the schema line.
    let status = p.strata(&["migrate", "status"]);
    status.assert_code(1);
    assert_eq!(status.stdout, "Prisma schema loaded from prisma/schema.prisma\n");
    assert!(status.stderr.contains("[Context: getConfig]"), "{}", status.stderr);
}

#[test]
fn missing_schema_path_names_the_flag() {
    let p = Project::new();
    let run = p.strata(&["validate", "--schema", "nope.prisma"]);
    run.assert_code(1);
    assert_eq!(run.stderr, "Error: Could not load `--schema` from provided path `nope.prisma`: file or directory not found\n");
    let diff = p.strata(&["migrate", "diff", "--from-empty", "--to-schema-datamodel", "nope.prisma"]);
    assert!(diff.stderr.contains("Could not load `--to-schema-datamodel` from provided path `nope.prisma`"), "{}", diff.stderr);
}

#[test]
fn validate_reports_p1012_with_file_and_line() {
    let p = Project::new();
    p.write("schema.prisma", &VALID.replace("email String @unique", "email String @unique @foo"));
    let run = p.strata(&["validate", "--schema", "schema.prisma"]);
    run.assert_code(1);
    let err = &run.stderr;
    assert!(err.contains("P1012"), "{err}");
    // Each snippet ends in a `   | ` line, then a blank line before the count, as in Prisma.
    assert!(err.contains("\n   | \n\nValidation Error Count: 1\n[Context: validate]\n"), "{err:?}");
    assert!(err.contains("Attribute not known: \"@foo\"."), "{err}");
    assert!(err.contains("-->  schema.prisma:8"), "{err}");
    assert!(err.contains("Validation Error Count: 1"), "{err}");
    assert!(!err.contains('\u{1b}'), "no colour when NO_COLOR is set: {err}");
}

#[test]
fn validate_points_at_a_truncated_schema() {
    let p = Project::new();
    p.write("schema.prisma", "model User {\n  id Int @id\n  name String @default(\"x\"");
    let run = p.strata(&["validate", "--schema", "schema.prisma"]);
    run.assert_code(1);
    assert!(run.stderr.contains("schema.prisma:"), "{}", run.stderr);
}

#[test]
fn missing_schema_is_a_clear_error() {
    let p = Project::new();
    let run = p.strata(&["validate"]);
    run.assert_code(1);
    assert!(run.stderr.contains("Could not find Prisma Schema"), "{}", run.stderr);
}

#[test]
fn format_rewrites_and_check_reports() {
    let p = Project::new();
    p.write("schema.prisma", "model A {\nid Int @id\n   name String\n}\n");
    let check = p.strata(&["format", "--check", "--schema", "schema.prisma"]);
    check.assert_code(1);
    assert_eq!(check.stderr, "! There are unformatted files. Run strata format to format them.\n");
    assert_eq!(p.read("schema.prisma"), "model A {\nid Int @id\n   name String\n}\n", "--check writes nothing");

    p.strata(&["format", "--schema", "schema.prisma"]).assert_code(0);
    assert_eq!(p.read("schema.prisma"), "model A {\n  id   Int    @id\n  name String\n}\n");
    p.strata(&["format", "--check", "--schema", "schema.prisma"]).assert_code(0);
}

#[test]
fn multi_file_schema_folder_validates_as_one_schema() {
    let p = Project::new();
    p.write("prisma/schema/base.prisma", "datasource db {\n  provider = \"postgresql\"\n  url      = env(\"DATABASE_URL\")\n}\n");
    p.write(
        "prisma/schema/user.prisma",
        "model User {\n  id    Int    @id\n  posts Post[]\n}\n",
    );
    p.write(
        "prisma/schema/post.prisma",
        "model Post {\n  id       Int  @id\n  authorId Int\n  author   User @relation(fields: [authorId], references: [id])\n}\n",
    );
    let run = p.strata_env(&["validate"], &[("DATABASE_URL", "postgresql://localhost/db")]);
    run.assert_code(0);
    assert!(run.stdout.contains("The schemas at prisma/schema are valid 🚀"), "{}", run.stdout);
}

#[test]
fn format_writes_nothing_when_the_schema_is_invalid() {
    let p = Project::new();
    let invalid = "model A {\nid Int @id\n  b  Strin\n}\n";
    p.write("schema.prisma", invalid);
    let run = p.strata(&["format", "--schema", "schema.prisma"]);
    run.assert_code(1);
    assert!(run.stderr.contains("P1012"), "{}", run.stderr);
    assert_eq!(p.read("schema.prisma"), invalid);
}

#[test]
fn db_seed_runs_the_package_json_command_with_extra_arguments() {
    let p = Project::new();
    p.write("prisma/schema.prisma", VALID);
    // As with Prisma (execa), no shell: the quotes reach the program as written.
    p.write("package.json", r#"{ "prisma": { "seed": "touch {\"a\":1}" } }"#);
    let run = p.strata(&["db", "seed", "--", "one", "two"]);
    run.assert_code(0);
    assert_eq!(
        run.stdout,
        "Running seed command `touch {\"a\":1} one two` ...\n\n🌱  The seed command has been executed.\n"
    );
    for file in [r#"{"a":1}"#, "one", "two"] {
        assert!(p.path(file).exists(), "{file} was not created");
    }
}

#[test]
fn db_seed_passes_dotenv_variables_to_the_command() {
    let p = Project::new();
    p.write("prisma/schema.prisma", VALID);
    p.write(".env", "SEED_FILE=from-dotenv\n");
    p.write("package.json", r#"{ "prisma": { "seed": "sh seed.sh" } }"#);
    p.write("seed.sh", "touch \"$SEED_FILE\"\n");
    let run = p.strata(&["db", "seed"]);
    run.assert_code(0);
    assert_eq!(run.stderr, "Environment variables loaded from .env\n");
    assert!(p.path("from-dotenv").exists());
}

#[test]
fn db_seed_without_a_seed_prints_a_blank_line() {
    let p = Project::new();
    p.write("prisma/schema.prisma", VALID);
    let run = p.strata(&["db", "seed"]);
    run.assert_code(0);
    assert_eq!(run.stdout, "\n");
    assert_eq!(run.stderr, "");
}

#[test]
fn db_seed_failure_exits_1() {
    let p = Project::new();
    p.write("prisma/schema.prisma", VALID);
    p.write("package.json", r#"{ "prisma": { "seed": "exit 3" } }"#);
    let run = p.strata(&["db", "seed"]);
    run.assert_code(1);
    assert_eq!(run.stderr, "\nAn error occurred while running the seed command:\nError: Command failed with ENOENT: exit 3\nspawn exit ENOENT\n");
}

#[test]
fn the_prisma_config_notice_goes_to_stderr() {
    let p = Project::new();
    p.write("db/schema.prisma", VALID);
    p.write("prisma.config.ts", "import { defineConfig } from \"prisma/config\";\n\nexport default defineConfig({\n  schema: \"db/schema.prisma\",\n});\n");
    let run = p.strata_env(&["validate"], &[("DATABASE_URL", "file:./dev.db")]);
    run.assert_code(0);
    assert!(run.stderr.starts_with("Loaded Prisma config from prisma.config.ts.\n\n"), "{}", run.stderr);
    assert_eq!(run.stdout, "Prisma schema loaded from db/schema.prisma\nThe schema at db/schema.prisma is valid 🚀\n");
}

/// A schema with errors still gets its warnings first, as Prisma 6.19.3's `format` prints them.
#[test]
fn format_prints_warnings_before_the_error_report() {
    let p = Project::new();
    p.write(
        "schema.prisma",
        "generator client {\n  provider        = \"prisma-client-js\"\n  previewFeatures = [\"multiSchema\"]\n}\n\ndatasource db {\n  provider = \"postgresql\"\n  url      = env(\"DATABASE_URL\")\n}\n\nmodel A {\n  id Int @id\n  b  Foo\n}\n",
    );
    let run = p.strata(&["format", "--schema", "schema.prisma"]);
    run.assert_code(1);
    let warning = run.stderr.find("Prisma schema warning:\n- Preview feature \"multiSchema\" is deprecated.").expect("warning printed");
    let report = run.stderr.find("Error code: P1012").expect("report printed");
    assert!(warning < report, "{}", run.stderr);
}
