//! Our own single-migration fixtures (`tests/fixtures/calculate/<provider>/*.prisma`), in
//! Prisma's format: line 1 `// tags=<provider>`, the schema, then `// Expected Migration:` and
//! the expected from-empty script in `// ` lines. Each script must match byte for byte, run on a
//! fresh database of its provider, and describing that database must give back the calculated
//! schema (no drift). Adding a case is adding a file.
//!
//! PostgreSQL and MySQL cases need `TEST_POSTGRES_URL` / `TEST_MYSQL_URL`.

mod calculate_common;

use calculate_common::{calculate, execute_and_check_drift, Case};
use std::path::Path;

fn fixtures(provider: &str) -> Vec<std::path::PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/calculate").join(provider);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("listing {}: {e}", dir.display()))
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "prisma"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no fixtures in {}", dir.display());
    files
}

fn run_provider(provider: &str) {
    let mut failures = Vec::new();
    for path in fixtures(provider) {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let case = Case::read(&path);
        let (flavour, target) = match calculate(&case.schema) {
            Ok(ok) => ok,
            Err(e) => {
                failures.push(format!("{name}: {e}"));
                continue;
            }
        };
        let script = flavour::render::from_empty_script(&target, flavour);
        if script != case.expected {
            failures.push(format!("{name}: script differs\n--- expected\n{}\n--- actual\n{script}", case.expected));
            continue;
        }
        match execute_and_check_drift(flavour, &target) {
            Ok(None) => {}
            Ok(Some(drift)) => failures.push(format!("{name}: the database differs from the schema:\n{drift}")),
            Err(e) => failures.push(format!("{name}: {e}")),
        }
    }
    assert!(failures.is_empty(), "{} failing case(s):\n{}", failures.len(), failures.join("\n\n"));
}

#[test]
fn postgres_single_migrations() {
    run_provider("postgres");
}

#[test]
fn mysql_single_migrations() {
    run_provider("mysql");
}

#[test]
fn sqlite_single_migrations() {
    run_provider("sqlite");
}
