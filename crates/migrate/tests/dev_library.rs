//! `migrate::dev` (the library form of `migrate dev`) and `migrate::push` on real databases:
//! each typed outcome, and what was written and applied.

mod common;

use common::{Provider, TestDb};
use migrate::dev_command::DevInput;
use migrate::{DevOutcome, DevSettings, ReplayOptions};
use psl::ast::{SourceFile, SourceFiles};
use psl::datamodel::Datamodel;

const USER: &str = "model User {\n  id    Int     @id @default(autoincrement())\n  email String  @unique\n  name  String?\n}\n";

fn datamodel(provider: Provider, models: &str) -> Datamodel {
    let text = format!("datasource db {{\n  provider = \"{}\"\n  url      = \"unused\"\n}}\n\n{models}", provider.name());
    let files = SourceFiles { files: vec![SourceFile { path: "schema.prisma".into(), text }] };
    let (datamodel, diagnostics) = psl::parse_and_validate(&files);
    assert!(!diagnostics.has_errors(), "{diagnostics:?}");
    datamodel.expect("datamodel")
}

fn run(db: &TestDb, dir: &std::path::Path, models: &str, settings: &DevSettings) -> DevOutcome {
    let target = db.target();
    let dm = datamodel(db.provider, models);
    let input = DevInput {
        target: &target,
        shadow: None,
        migrations_dir: dir,
        datamodel: &dm,
        replay: ReplayOptions { describe: flavour::describe::DescribeOptions::for_datamodel(&dm), ..Default::default() },
    };
    migrate::dev(&input, settings, &mut |_| {}).unwrap_or_else(|e| panic!("dev: {e}"))
}

fn named(name: &str) -> DevSettings {
    DevSettings { name: name.into(), ..Default::default() }
}

fn outcomes(provider: Provider) {
    let db = TestDb::new(provider);
    let dir = tempfile::tempdir().expect("temp dir");
    let migrations = dir.path().join("migrations");

    let DevOutcome::Done(report) = run(&db, &migrations, USER, &named("init")) else { panic!("init not done") };
    let created = report.created.expect("created");
    assert!(created.directory_name.ends_with("_init"), "{created:?}");
    assert_eq!(report.applied_new, std::slice::from_ref(&created.directory_name));
    assert!(db.table_exists("User"));

    // Nothing to do: nothing written.
    let DevOutcome::Done(report) = run(&db, &migrations, USER, &named("noop")) else { panic!("noop not done") };
    assert_eq!((report.created, report.applied_new.len()), (None, 0));

    db.exec("INSERT INTO \"User\" (\"email\", \"name\") VALUES ('a', 'A'), ('b', NULL)");
    let without_name = USER.replace("  name  String?\n", "");
    let DevOutcome::NeedsConfirmation { warnings, applied_pending } = run(&db, &migrations, &without_name, &named("drop"))
    else {
        panic!("expected a confirmation")
    };
    assert!(applied_pending.is_empty());
    assert_eq!(
        warnings.iter().map(|w| w.message.as_str()).collect::<Vec<_>>(),
        ["You are about to drop the column `name` on the `User` table, which still contains 1 non-null values."]
    );

    let with_age = USER.replace("  name  String?\n", "  name  String?\n  age   Int\n");
    let DevOutcome::Unexecutable { steps, .. } = run(&db, &migrations, &with_age, &named("age")) else {
        panic!("expected unexecutable steps")
    };
    assert!(steps[0].message.contains("There are 2 rows in this table"), "{steps:?}");
    assert_eq!(std::fs::read_dir(&migrations).expect("dir").count(), 2, "one migration and the lock file");

    // Accepted: the column is dropped, with the data.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let accept = DevSettings { name: "drop".into(), accept_warnings: true, ..Default::default() };
    let DevOutcome::Done(report) = run(&db, &migrations, &without_name, &accept) else { panic!("drop not done") };
    assert_eq!(report.warnings.len(), 1);
    assert_eq!(report.applied_new.len(), 1);
    let script = std::fs::read_to_string(report.created.expect("created").script_path).expect("script");
    assert!(
        script.starts_with("/*\n  Warnings:\n\n  - You are about to drop the column `name` on the `User` table. All the data in the column will be lost.\n\n*/\n"),
        "{script}"
    );

    // A manual change is drift: reset required, nothing done.
    db.exec("CREATE TABLE \"Extra\" (\"id\" INTEGER PRIMARY KEY)");
    let DevOutcome::ResetRequired { reason } = run(&db, &migrations, &without_name, &named("x")) else {
        panic!("expected a reset")
    };
    assert!(reason.ends_with("\n[+] Added tables\n  - Extra\n"), "{reason}");
}

fn push(provider: Provider) {
    let db = TestDb::new(provider);
    let target = db.target();
    let report = migrate::push(&target, &datamodel(provider, USER), false).expect("push");
    assert!(report.executed_steps > 0 && report.warnings.is_empty(), "{report:?}");
    let again = migrate::push(&target, &datamodel(provider, USER), false).expect("push");
    assert_eq!(again, migrate::PushReport::default());

    db.exec("INSERT INTO \"User\" (\"email\", \"name\") VALUES ('a', 'A')");
    let without_name = datamodel(provider, &USER.replace("  name  String?\n", ""));
    let refused = migrate::push(&target, &without_name, false).expect("push");
    assert_eq!(refused.executed_steps, 0);
    assert_eq!(refused.warnings.len(), 1);
    assert_eq!(db.count("SELECT COUNT(\"name\") FROM \"User\""), 1, "nothing applied");
    let forced = migrate::push(&target, &without_name, true).expect("push");
    assert!(forced.executed_steps > 0);
    assert_eq!(db.count("SELECT COUNT(*) FROM \"User\""), 1, "rows kept");
}

#[test]
fn sqlite_dev_outcomes() {
    outcomes(Provider::Sqlite);
}

#[test]
fn postgres_dev_outcomes() {
    outcomes(Provider::Postgres);
}

#[test]
fn mysql_dev_outcomes() {
    outcomes(Provider::Mysql);
}

#[test]
fn sqlite_push() {
    push(Provider::Sqlite);
}

#[test]
fn postgres_push() {
    push(Provider::Postgres);
}

#[test]
fn mysql_push() {
    push(Provider::Mysql);
}
