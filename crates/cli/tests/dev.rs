//! `migrate dev` through the binary on all three databases. Expected texts and migration
//! scripts were checked against Prisma 6.19.3 (PostgreSQL and SQLite; its wasm engine has no
//! MySQL) running the same steps.

mod common;

use common::{Project, TestDb};

const USER: &str = "model User {\n  id    Int     @id @default(autoincrement())\n  email String  @unique\n  name  String?\n}\n";

const USER_AND_POST: &str = "model User {\n  id    Int     @id @default(autoincrement())\n  email String  @unique\n  name  String?\n  posts Post[]\n}\n\nmodel Post {\n  id        Int      @id @default(autoincrement())\n  title     String\n  published Boolean  @default(false)\n  createdAt DateTime @default(now())\n  authorId  Int\n  author    User     @relation(fields: [authorId], references: [id])\n\n  @@index([authorId])\n}\n";

/// What Prisma 6.19.3 writes for the `Post` model added to a migrated `User`.
const ADD_POST_POSTGRES: &str = r#"-- CreateTable
CREATE TABLE "Post" (
    "id" SERIAL NOT NULL,
    "title" TEXT NOT NULL,
    "published" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "authorId" INTEGER NOT NULL,

    CONSTRAINT "Post_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Post_authorId_idx" ON "Post"("authorId");

-- AddForeignKey
ALTER TABLE "Post" ADD CONSTRAINT "Post_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
"#;

const ADD_POST_SQLITE: &str = r#"-- CreateTable
CREATE TABLE "Post" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "title" TEXT NOT NULL,
    "published" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "authorId" INTEGER NOT NULL,
    CONSTRAINT "Post_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "Post_authorId_idx" ON "Post"("authorId");
"#;

/// A database for one test: its provider, URL and lifetime guard.
struct Db {
    provider: &'static str,
    url: String,
    _guard: Option<TestDb>,
}

fn sqlite() -> Db {
    Db { provider: "sqlite", url: "file:./dev.db".into(), _guard: None }
}

fn postgres() -> Db {
    let db = TestDb::postgres();
    Db { provider: "postgresql", url: db.url.clone(), _guard: Some(db) }
}

fn mysql() -> Db {
    let db = TestDb::mysql();
    Db { provider: "mysql", url: db.url.clone(), _guard: Some(db) }
}

struct Dev {
    db: Db,
    project: Project,
}

impl Dev {
    fn new(db: Db, models: &str) -> Dev {
        let dev = Dev { db, project: Project::new() };
        dev.set_models(models);
        dev
    }

    fn set_models(&self, models: &str) {
        let datasource =
            format!("datasource db {{\n  provider = \"{}\"\n  url      = env(\"DATABASE_URL\")\n}}\n\n", self.db.provider);
        self.project.write("prisma/schema.prisma", &format!("{datasource}{models}"));
    }

    fn strata(&self, args: &[&str]) -> common::Run {
        self.project.strata_env(args, &[("DATABASE_URL", self.db.url.as_str()), ("STRATA_REPLAY_CACHE", "off")])
    }

    fn dev(&self, args: &[&str]) -> common::Run {
        let mut all = vec!["migrate", "dev"];
        all.extend_from_slice(args);
        self.strata(&all)
    }

    /// Runs SQL on the development database through `db execute`.
    fn sql(&self, sql: &str) {
        self.project.write("data.sql", sql);
        self.strata(&["db", "execute", "--file", "data.sql", "--schema", "prisma/schema.prisma"]).assert_code(0);
    }

    /// Nothing was applied: the live database still differs from the schema file.
    fn assert_live_differs_from_schema(&self) {
        let live = if self.db.provider == "sqlite" { "file:./prisma/dev.db" } else { self.db.url.as_str() };
        let diff = self.strata(&["migrate", "diff", "--from-url", live, "--to-schema", "prisma/schema.prisma", "--exit-code"]);
        diff.assert_code(2);
    }

    fn quote(&self, ident: &str) -> String {
        if self.db.provider == "mysql" {
            format!("`{ident}`")
        } else {
            format!("\"{ident}\"")
        }
    }

    /// Migration directory names, sorted.
    fn migrations(&self) -> Vec<String> {
        let Ok(entries) = std::fs::read_dir(self.project.path("prisma/migrations")) else { return Vec::new() };
        let mut names: Vec<String> = entries
            .filter_map(Result::ok)
            .filter(|e| e.path().is_dir())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    fn script(&self, name: &str) -> String {
        self.project.read(&format!("prisma/migrations/{name}/migration.sql"))
    }

    fn named(&self, suffix: &str) -> String {
        self.migrations().into_iter().find(|n| n.ends_with(suffix)).unwrap_or_else(|| panic!("no migration *{suffix}"))
    }
}

/// Directory names have a one-second resolution (as in Prisma): two migrations created in the
/// same second would sort by name, not by creation.
fn next_second() {
    std::thread::sleep(std::time::Duration::from_millis(1100));
}

fn assert_timestamped(name: &str, slug: &str) {
    let (ts, rest) = name.split_at(14);
    assert!(ts.chars().all(|c| c.is_ascii_digit()), "{name}");
    assert_eq!(rest, format!("_{slug}"), "{name}");
}

/// New models → one migration per run, created and applied; no change → nothing created;
/// `--create-only` writes an empty migration that the next run applies.
fn lifecycle(db: Db) {
    let d = Dev::new(db, USER);
    let first = d.dev(&["--name", "init"]);
    first.assert_code(0);
    let init = d.named("_init");
    assert_timestamped(&init, "init");
    assert!(first.stdout.contains(&format!(
        "\n\nThe following migration(s) have been created and applied from new schema changes:\n\nprisma/migrations/\n  └─ {init}/\n    └─ migration.sql\n\nYour database is now in sync with your schema.\n\n"
    )), "{}", first.all());
    let lock = d.project.read("prisma/migrations/migration_lock.toml");
    assert!(lock.ends_with(&format!("provider = \"{}\"\n", d.db.provider)), "{lock}");

    let again = d.dev(&[]);
    again.assert_code(0);
    assert!(again.stdout.ends_with("Already in sync, no schema change or pending migration was found.\n\n"), "{}", again.all());
    assert_eq!(d.migrations().len(), 1);

    d.set_models(USER_AND_POST);
    next_second();
    d.dev(&["--name", "Add Post"]).assert_code(0);
    let script = d.script(&d.named("_add_post"));
    match d.db.provider {
        "postgresql" => assert_eq!(script, ADD_POST_POSTGRES),
        "sqlite" => assert_eq!(script, ADD_POST_SQLITE),
        _ => {
            assert!(script.starts_with("-- CreateTable\nCREATE TABLE `Post` (\n    `id` INTEGER NOT NULL AUTO_INCREMENT,"), "{script}");
            assert!(script.contains("INDEX `Post_authorId_idx`(`authorId`),"), "{script}");
            assert!(script.ends_with("-- AddForeignKey\nALTER TABLE `Post` ADD CONSTRAINT `Post_authorId_fkey` FOREIGN KEY (`authorId`) REFERENCES `User`(`id`) ON DELETE RESTRICT ON UPDATE CASCADE;\n"), "{script}");
        }
    }
    d.strata(&["migrate", "status"]).assert_code(0);

    next_second();
    let empty = d.dev(&["--create-only", "--name", "draft"]);
    empty.assert_code(0);
    let draft = d.named("_draft");
    assert_eq!(d.script(&draft), "-- This is an empty migration.");
    assert!(empty.stdout.contains(&format!(
        "Prisma Migrate created the following migration without applying it {draft}\n\nYou can now edit it and apply it by running prisma migrate dev.\n"
    )), "{}", empty.all());
    d.strata(&["migrate", "status"]).assert_code(1);

    let pending = d.dev(&[]);
    pending.assert_code(0);
    assert!(pending.stdout.contains(&format!(
        "\nThe following migration(s) have been applied:\n\nmigrations/\n  └─ {draft}/\n    └─ migration.sql\n\nYour database is now in sync with your schema.\n"
    )), "{}", pending.all());
    assert_eq!(d.migrations().len(), 3);
    d.strata(&["migrate", "status"]).assert_code(0);
}

/// Dropping a column that holds data asks for confirmation (refused when not interactive);
/// a required column on a non-empty table cannot run; neither writes nor applies anything.
/// `--create-only` writes the migration anyway, with the pure warnings header.
fn data_loss(db: Db) {
    let d = Dev::new(db, USER);
    d.dev(&["--name", "init"]).assert_code(0);
    let user = d.quote("User");
    d.sql(&format!("INSERT INTO {user} (email, name) VALUES ('a@x', 'A'), ('b@x', 'B'), ('c@x', NULL);"));

    d.set_models(&USER.replace("  name  String?\n", ""));
    let drop = d.dev(&["--name", "drop_name"]);
    drop.assert_code(1);
    assert!(drop.stdout.contains("\n⚠️  Warnings for the current datasource:\n\n  • You are about to drop the column `name` on the `User` table, which still contains 2 non-null values.\n"), "{}", drop.all());
    assert!(drop.stderr.contains("Error: Prisma Migrate has detected that the environment is non-interactive, which is not supported.\n\n`prisma migrate dev` is an interactive command designed to create new migrations and evolve the database in development.\nTo apply existing migrations in deployments, use prisma migrate deploy.\nSee https://www.prisma.io/docs/reference/api-reference/command-reference#migrate-deploy"), "{}", drop.all());
    assert_eq!(d.migrations().len(), 1);
    d.assert_live_differs_from_schema();

    d.set_models(&USER.replace("  name  String?\n", "  name  String?\n  age   Int\n"));
    let required = d.dev(&["--name", "age"]);
    required.assert_code(1);
    assert!(required.stderr.contains("Error: \n⚠️ We found changes that cannot be executed:\n\n  • Step 0 Added the required column `age` to the `User` table without a default value. There are 3 rows in this table, it is not possible to execute this step.\n\nYou can use prisma migrate dev --create-only to create the migration file, and manually modify it to address the underlying issue(s).\nThen run prisma migrate dev to apply it and verify it works.\n"), "{}", required.all());
    assert_eq!(d.migrations().len(), 1);

    next_second();
    let draft = d.dev(&["--name", "age", "--create-only"]);
    draft.assert_code(0);
    assert!(draft.stderr.contains("  • Step 0 Added the required column `age` to the `User` table without a default value. There are 3 rows in this table, it is not possible to execute this step.\n"), "{}", draft.all());
    let script = d.script(&d.named("_age"));
    assert!(script.starts_with("/*\n  Warnings:\n\n  - Added the required column `age` to the `User` table without a default value. This is not possible if the table is not empty.\n\n*/\n"), "{script}");
    // Written, not applied.
    d.strata(&["migrate", "status"]).assert_code(1);
}

/// Edited and failed migrations and manual changes are reset reasons: exit 130, nothing done.
fn reset_reasons(db: Db) {
    let d = Dev::new(db, USER);
    d.dev(&["--name", "init"]).assert_code(0);
    let init = d.named("_init");
    let original = d.script(&init);
    let target_line = match d.db.provider {
        "postgresql" => "We need to reset the \"public\" schema at ",
        "sqlite" => "We need to reset the SQLite database \"dev.db\" at \"file:./dev.db\"",
        _ => "We need to reset the MySQL database \"strata_t_",
    };

    d.project.write(&format!("prisma/migrations/{init}/migration.sql"), &format!("{original}\n-- edited\n"));
    let edited = d.dev(&[]);
    edited.assert_code(130);
    assert!(edited.stdout.contains(&format!("The migration `{init}` was modified after it was applied.\n{target_line}")), "{}", edited.all());
    assert!(edited.stdout.ends_with("\nYou may use prisma migrate reset to drop the development database.\nAll data will be lost.\n"), "{}", edited.all());
    d.project.write(&format!("prisma/migrations/{init}/migration.sql"), &original);

    let extra = d.quote("Extra");
    d.sql(&format!("CREATE TABLE {extra} (id INTEGER PRIMARY KEY);"));
    let drift = d.dev(&[]);
    drift.assert_code(130);
    assert!(drift.stdout.contains("Drift detected: Your database schema is not in sync with your migration history.\n\nThe following is a summary of the differences between the expected database schema given your migrations files, and the actual schema of the database.\n\nIt should be understood as the set of changes to get from the expected schema to the actual schema.\n\n[+] Added tables\n  - Extra\n\nWe need to reset"), "{}", drift.all());
    d.sql(&format!("DROP TABLE {extra};"));
    d.dev(&[]).assert_code(0);

    // A migration that replays on an empty shadow database but fails on the data.
    let user = d.quote("User");
    d.sql(&format!("INSERT INTO {user} (email) VALUES ('a@x');"));
    let not_null = match d.db.provider {
        "postgresql" => "ALTER TABLE \"User\" ALTER COLUMN \"name\" SET NOT NULL;\n",
        "mysql" => "ALTER TABLE `User` MODIFY `name` VARCHAR(191) NOT NULL;\n",
        _ => "CREATE TABLE \"Check\" (\"id\" INTEGER NOT NULL PRIMARY KEY);\nINSERT INTO \"Check\" (\"id\") SELECT 1 FROM \"User\" WHERE \"name\" IS NULL;\nINSERT INTO \"Check\" (\"id\") SELECT 1 FROM \"User\" WHERE \"name\" IS NULL;\n",
    };
    d.project.write("prisma/migrations/20990101000000_require_name/migration.sql", not_null);
    d.strata(&["migrate", "deploy"]).assert_code(1);
    let failed = d.dev(&[]);
    failed.assert_code(130);
    assert!(failed.stdout.contains("The migration `20990101000000_require_name` failed.\n"), "{}", failed.all());

    // The failed migration's folder removed: it is also missing locally. Several reasons, as a list.
    std::fs::remove_dir_all(d.project.path("prisma/migrations/20990101000000_require_name")).expect("remove");
    let missing = d.dev(&[]);
    missing.assert_code(130);
    assert!(missing.stdout.contains("\n- The migration `20990101000000_require_name` failed.\n- The following migration(s) are applied to the database but missing from the local migrations directory: 20990101000000_require_name\n\nWe need to reset"), "{}", missing.all());
}

#[test]
fn sqlite_lifecycle() {
    lifecycle(sqlite());
}

#[test]
fn postgres_lifecycle() {
    lifecycle(postgres());
}

#[test]
fn mysql_lifecycle() {
    lifecycle(mysql());
}

#[test]
fn sqlite_data_loss() {
    data_loss(sqlite());
}

#[test]
fn postgres_data_loss() {
    data_loss(postgres());
}

#[test]
fn mysql_data_loss() {
    data_loss(mysql());
}

#[test]
fn sqlite_reset_reasons() {
    reset_reasons(sqlite());
}

#[test]
fn postgres_reset_reasons() {
    reset_reasons(postgres());
}

#[test]
fn mysql_reset_reasons() {
    reset_reasons(mysql());
}

#[test]
fn long_names_are_cut_to_200_characters_not_refused() {
    let p = Project::new();
    p.write("prisma/schema.prisma", &format!("datasource db {{\n  provider = \"sqlite\"\n  url      = \"file:./dev.db\"\n}}\n\n{USER}"));
    let name = "x".repeat(250);
    let run = p.strata(&["migrate", "dev", "--create-only", "--name", &name]);
    run.assert_code(0);
    let dirs: Vec<String> = std::fs::read_dir(p.path("prisma/migrations"))
        .expect("migrations folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n != "migration_lock.toml")
        .collect();
    assert_eq!(dirs.len(), 1, "{dirs:?}");
    assert_timestamped(&dirs[0], &"x".repeat(200));
}
