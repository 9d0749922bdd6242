//! Realistic schemas of our own (`tests/fixtures/schemas/*.prisma`, one or more per provider):
//! the from-empty script of each must run without error on a fresh real database, and
//! describing that database must give back the calculated schema (no drift).
//!
//! PostgreSQL and MySQL schemas need `TEST_POSTGRES_URL` / `TEST_MYSQL_URL`.

mod calculate_common;

use calculate_common::{calculate, execute_and_check_drift};
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
        let (flavour, target) = calculate(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert!(target.tables.len() >= 3, "{}: expected a realistic schema", path.display());
        match execute_and_check_drift(flavour, &target) {
            Ok(None) => {}
            Ok(Some(drift)) => panic!("{}: the database differs from the schema:\n{drift}", path.display()),
            Err(e) => panic!("{}: {e}", path.display()),
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
