//! Realistic schemas of our own (`tests/fixtures/schemas/*.prisma`, one or more per provider):
//! the from-empty script of each must run without error on a fresh real database.
//!
//! PostgreSQL and MySQL schemas need `TEST_POSTGRES_URL` / `TEST_MYSQL_URL`.

mod calculate_common;

use calculate_common::{execute_on_fresh_database, from_empty_script};
use std::path::Path;

fn run(prefix: &str) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/schemas");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("listing {}: {e}", dir.display()))
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with(prefix)))
        .collect();
    paths.sort();
    assert!(!paths.is_empty(), "no {prefix}* schemas in {}", dir.display());
    for path in paths {
        let text = std::fs::read_to_string(&path).expect("reading schema");
        let (flavour, script) = from_empty_script(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert!(script.contains("CREATE TABLE"), "{}: no tables in\n{script}", path.display());
        if let Err(e) = execute_on_fresh_database(flavour, &script) {
            panic!("{}: script failed: {e}\n{script}", path.display());
        }
    }
}

#[test]
fn postgres_schemas_execute() {
    run("postgres_");
}

#[test]
fn mysql_schemas_execute() {
    run("mysql_");
}

#[test]
fn sqlite_schemas_execute() {
    run("sqlite_");
}
