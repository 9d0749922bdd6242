//! `db push` through the binary on all three databases. Texts checked against Prisma 6.19.3
//! (PostgreSQL and SQLite) running the same steps.

mod common;

use common::{Project, TestDb};

const USER: &str = "model User {\n  id    Int     @id @default(autoincrement())\n  email String  @unique\n  name  String?\n}\n";

struct Push {
    provider: &'static str,
    url: String,
    project: Project,
    _guard: Option<TestDb>,
}

impl Push {
    fn new(provider: &'static str) -> Push {
        let (url, guard) = match provider {
            "postgresql" => {
                let db = TestDb::postgres();
                (db.url.clone(), Some(db))
            }
            "mysql" => {
                let db = TestDb::mysql();
                (db.url.clone(), Some(db))
            }
            _ => ("file:./dev.db".to_owned(), None),
        };
        let push = Push { provider, url, project: Project::new(), _guard: guard };
        push.set_models(USER);
        push
    }

    fn set_models(&self, models: &str) {
        let datasource =
            format!("datasource db {{\n  provider = \"{}\"\n  url      = env(\"DATABASE_URL\")\n}}\n\n", self.provider);
        self.project.write("prisma/schema.prisma", &format!("{datasource}{models}"));
    }

    fn strata(&self, args: &[&str]) -> common::Run {
        self.project.strata_env(args, &[("DATABASE_URL", self.url.as_str())])
    }

    fn push(&self, flags: &[&str]) -> common::Run {
        let mut args = vec!["db", "push"];
        args.extend_from_slice(flags);
        self.strata(&args)
    }

    fn sql(&self, sql: &str) {
        let sql = if self.provider == "mysql" { sql.replace('"', "`") } else { sql.to_owned() };
        self.project.write("data.sql", &sql);
        self.strata(&["db", "execute", "--file", "data.sql", "--schema", "prisma/schema.prisma"]).assert_code(0);
    }

    /// `migrate diff` from the live database to the schema: empty when the push took effect.
    fn assert_in_sync(&self) {
        let live = if self.provider == "sqlite" { "file:./prisma/dev.db" } else { self.url.as_str() };
        let diff = self.strata(&["migrate", "diff", "--from-url", live, "--to-schema", "prisma/schema.prisma", "--exit-code"]);
        diff.assert_code(0);
    }

    fn assert_out_of_sync(&self) {
        let live = if self.provider == "sqlite" { "file:./prisma/dev.db" } else { self.url.as_str() };
        let diff = self.strata(&["migrate", "diff", "--from-url", live, "--to-schema", "prisma/schema.prisma", "--exit-code"]);
        diff.assert_code(2);
    }
}

const SUCCESS: &str = "🚀  Your database is now in sync with your Prisma schema. Done in ";

fn scenarios(provider: &'static str) {
    let p = Push::new(provider);
    let first = p.push(&[]);
    first.assert_code(0);
    assert!(first.stdout.contains(SUCCESS), "{}", first.all());
    p.assert_in_sync();

    let again = p.push(&[]);
    again.assert_code(0);
    assert!(again.stdout.ends_with("\n\nThe database is already in sync with the Prisma schema.\n\n"), "{}", again.all());

    p.sql("INSERT INTO \"User\" (email, name) VALUES ('a@x', 'A'), ('b@x', NULL);");

    // A required column on a table with rows cannot be added.
    p.set_models(&USER.replace("  name  String?\n", "  name  String?\n  age   Int\n"));
    let unexecutable = p.push(&[]);
    unexecutable.assert_code(1);
    assert!(unexecutable.stderr.contains("Error: \n⚠️ We found changes that cannot be executed:\n\n  • Added the required column `age` to the `User` table without a default value. There are 2 rows in this table, it is not possible to execute this step.\n\nYou may use the --force-reset flag to drop the database before push like prisma db push --force-reset\nAll data will be lost.\n"), "{}", unexecutable.all());
    p.assert_out_of_sync();

    // Dropping a column with data: refused without the flag, nothing applied.
    p.set_models(&USER.replace("  name  String?\n", ""));
    let refused = p.push(&[]);
    refused.assert_code(1);
    assert!(refused.stdout.contains("⚠️  There might be data loss when applying the changes:\n\n  • You are about to drop the column `name` on the `User` table, which still contains 1 non-null values.\n\n"), "{}", refused.all());
    assert!(refused.stderr.contains("Error: Use the --accept-data-loss flag to ignore the data loss warnings like prisma db push --accept-data-loss"), "{}", refused.all());
    p.assert_out_of_sync();

    let accepted = p.push(&["--accept-data-loss"]);
    accepted.assert_code(0);
    assert!(accepted.stdout.contains("which still contains 1 non-null values.\n\n\n\n🚀  Your database is now in sync"), "{}", accepted.all());
    p.assert_in_sync();

    // --force-reset empties the database first: the required column can be added.
    p.set_models(&USER.replace("  name  String?\n", "  age   Int\n"));
    let reset = p.push(&["--force-reset"]);
    reset.assert_code(0);
    let expected_reset = match provider {
        "postgresql" => "The PostgreSQL database \"strata_t_".to_owned(),
        "mysql" => "The MySQL database \"strata_t_".to_owned(),
        _ => "The SQLite database \"dev.db\" at \"file:./dev.db\" was successfully reset.\n\n🚀".to_owned(),
    };
    assert!(reset.stdout.contains(&expected_reset), "{}", reset.all());
    assert!(reset.stdout.contains("was successfully reset.\n\n🚀  Your database is now in sync with your Prisma schema."), "{}", reset.all());
    p.assert_in_sync();
}

#[test]
fn sqlite_push() {
    scenarios("sqlite");
}

#[test]
fn postgres_push() {
    scenarios("postgresql");
}

#[test]
fn mysql_push() {
    scenarios("mysql");
}
