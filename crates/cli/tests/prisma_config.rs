//! A Prisma 7 project: the schema, migrations folder, seed command and URL live in
//! `prisma.config.ts`, and the datasource block has no `url`. strata finds them all without a
//! flag, as Prisma does.

mod common;

use common::{Project, TestDb};

const SCHEMA: &str = "datasource db {\n  provider = \"postgresql\"\n}\n\nmodel User {\n  id Int @id @default(autoincrement())\n}\n";

const MIGRATION: &str = "-- CreateTable\nCREATE TABLE \"User\" (\n    \"id\" SERIAL NOT NULL,\n\n    CONSTRAINT \"User_pkey\" PRIMARY KEY (\"id\")\n);\n";

/// A project with its schema in `db/schema.prisma` and migrations in `db/history`: neither is a
/// place strata would look without the config file.
fn project(config: &str) -> Project {
    let p = Project::new();
    p.write("prisma.config.ts", config);
    p.write("db/schema.prisma", SCHEMA);
    p.write("db/history/migration_lock.toml", "provider = \"postgresql\"\n");
    p.write("db/history/20240101000000_init/migration.sql", MIGRATION);
    p
}

const CONFIG: &str = r#"import "dotenv/config";
import path from "node:path";
import { defineConfig, env } from "prisma/config";

export default defineConfig({
  schema: path.join(__dirname, "db", "schema.prisma"),
  migrations: {
    path: "./db/history",
    seed: "echo seeded-by-config",
  },
  datasource: {
    url: env("APP_DATABASE_URL"),
  },
});
"#;

#[test]
fn deploy_and_status_read_schema_migrations_and_url_from_the_config() {
    let db = TestDb::postgres();
    let p = project(CONFIG);
    let env = [("APP_DATABASE_URL", db.url.as_str())];

    let deploy = p.strata_env(&["migrate", "deploy"], &env);
    deploy.assert_code(0);
    assert!(deploy.all().contains("Loaded Prisma config from prisma.config.ts."), "{}", deploy.all());
    assert!(deploy.all().contains("1 migration found in db/history"), "{}", deploy.all());
    assert!(deploy.all().contains("Applying migration `20240101000000_init`"), "{}", deploy.all());

    let status = p.strata_env(&["migrate", "status"], &env);
    status.assert_code(0);
    assert!(status.all().contains("Database schema is up to date!"), "{}", status.all());
}

#[test]
fn seed_comes_from_the_config() {
    let p = project(CONFIG);
    let seed = p.strata(&["db", "seed"]);
    seed.assert_code(0);
    assert!(seed.all().contains("Running seed command `echo seeded-by-config` ..."), "{}", seed.all());
    assert!(seed.stdout.contains("seeded-by-config") || seed.stderr.contains("seeded-by-config"));
}

#[test]
fn explicit_config_flag_and_flags_over_config() {
    let p = project(CONFIG);
    std::fs::rename(p.path("prisma.config.ts"), p.path("other.config.ts")).expect("rename");
    // Without the file at its default name nothing points at db/schema.prisma.
    let missing = p.strata(&["validate"]);
    assert_eq!(missing.code, 1, "{}", missing.all());
    p.strata(&["validate", "--config", "other.config.ts"]).assert_code(0);
    // --schema wins over the config's `schema`.
    p.write("elsewhere.prisma", "datasource db {\n  provider = \"sqlite\"\n}\n\nmodel Broken {\n  id Strin @id\n}\n");
    let flagged = p.strata(&["validate", "--config", "other.config.ts", "--schema", "elsewhere.prisma"]);
    assert_eq!(flagged.code, 1, "{}", flagged.all());
    assert!(flagged.all().contains("elsewhere.prisma"), "{}", flagged.all());
}

#[test]
fn an_unreadable_setting_names_the_file_and_the_flag() {
    let p = project("export default defineConfig({\n  schema: resolveSchema(),\n});\n");
    let run = p.strata(&["validate"]);
    assert_eq!(run.code, 1, "{}", run.all());
    assert!(run.all().contains("strata cannot evaluate `schema: resolveSchema()` in prisma.config.ts"), "{}", run.all());
    assert!(run.all().contains("Use --schema instead."), "{}", run.all());
}

/// With a config file Prisma 6 loads no `.env` itself; the config's `import "dotenv/config"`
/// reads the working directory's. Without that import, `.env` stays unread.
#[test]
fn dotenv_is_left_to_the_config_file() {
    let db = TestDb::postgres();
    let p = project(CONFIG);
    p.write(".env", &format!("APP_DATABASE_URL={}\n", db.url));
    let status = p.strata(&["migrate", "status"]);
    assert!(status.stderr.contains("Prisma config detected, skipping environment variable loading."), "{}", status.all());
    assert!(status.all().contains("Following migration have not yet been applied:"), "{}", status.all());

    let without_import = CONFIG.replace("import \"dotenv/config\";\n", "");
    p.write("prisma.config.ts", &without_import);
    let unset = p.strata(&["migrate", "status"]);
    assert_eq!(unset.code, 1, "{}", unset.all());
    assert!(unset.all().contains("No database URL"), "{}", unset.all());
}
