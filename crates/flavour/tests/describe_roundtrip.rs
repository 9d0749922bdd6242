//! The normal-form contract between calculate and describe: schema file → calculate → render
//! (from empty) → execute on a fresh real database → describe → diff against the calculated
//! schema must find nothing. Every `.prisma` file of `tests/describe_roundtrip/` and of
//! `tests/fixtures/schemas/` is a case; its name's prefix (`postgres_`, `mysql_`, `sqlite_`)
//! says which server it needs. Adding a case is adding a file.

mod describe_support;

use describe_support::{MyDb, PgDb, SqliteFile};
use flavour::describe::{describe_mysql, describe_postgres, describe_sqlite, PgScope};
use flavour::Flavour;
use psl::ast::{SourceFile, SourceFiles};
use sql_schema::{Checks, SqlSchema};
use std::path::{Path, PathBuf};

fn cases(prefix: &str) -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let mut paths: Vec<PathBuf> = ["describe_roundtrip", "fixtures/schemas"]
        .iter()
        .filter_map(|dir| std::fs::read_dir(root.join(dir)).ok())
        .flatten()
        .map(|entry| entry.expect("directory entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "prisma"))
        .filter(|path| path.file_name().is_some_and(|n| n.to_string_lossy().starts_with(prefix)))
        .collect();
    paths.sort();
    assert!(!paths.is_empty(), "no {prefix}*.prisma cases");
    paths
}

/// The calculated schema, the datasource's explicit schemas and the flavour of a schema file.
fn calculate(path: &Path) -> Result<(Flavour, Vec<String>, SqlSchema), String> {
    let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    let files = SourceFiles { files: vec![SourceFile { path: "schema.prisma".into(), text }] };
    let (datamodel, diagnostics) = psl::parse_and_validate(&files);
    let Some(datamodel) = datamodel else {
        let messages: Vec<String> = diagnostics.errors.iter().map(|d| d.message.clone()).collect();
        return Err(format!("schema errors: {}", messages.join("; ")));
    };
    let datasource = datamodel.datasource.as_ref().ok_or("no datasource")?;
    let flavour = Flavour::from_provider(datasource.provider).ok_or("unsupported provider")?;
    let schemas = datasource.schemas.clone();
    Ok((flavour, schemas, flavour::calculate::calculate(&datamodel, flavour)))
}

/// Runs one case; the error lists what diff still found.
fn roundtrip(path: &Path) -> Result<(), String> {
    let (flavour, schemas, target) = calculate(path)?;
    let script = flavour::render::from_empty_script(&target, flavour);
    let described = match flavour {
        Flavour::Postgres => {
            let mut db = PgDb::new();
            db.client().batch_execute(&script).map_err(|e| format!("script failed: {:?}\n{script}", e.as_db_error().map(|d| d.message())))?;
            let scope = if schemas.is_empty() { PgScope::default_schema("public") } else { PgScope::explicit(&schemas) };
            describe_postgres(db.client(), &scope).map_err(|e| e.to_string())?
        }
        Flavour::Mysql => {
            let mut db = MyDb::with(&script);
            let name = db.name.clone();
            describe_mysql(db.conn(), &name).map_err(|e| e.to_string())?
        }
        Flavour::Sqlite => describe_sqlite(&SqliteFile::with(&script).conn).map_err(|e| e.to_string())?,
    };
    // Guard against a vacuous pass: every calculated table was described.
    if described.tables.len() != target.tables.len() || described.tables.iter().any(|t| t.columns.is_empty()) {
        return Err(format!("described {} tables, calculated {}", described.tables.len(), target.tables.len()));
    }
    let migration = flavour::render::diff(flavour, &described, &target);
    if migration.steps.is_empty() {
        return Ok(());
    }
    let script = flavour::render::render_script(flavour, &migration, &Checks::default());
    Err(format!("diff(described, calculated) is not empty:\n{:#?}\n{script}", migration.steps))
}

fn run(prefix: &str) {
    let failures: Vec<String> = cases(prefix)
        .iter()
        .filter_map(|path| roundtrip(path).err().map(|e| format!("── {}\n{e}", path.display())))
        .collect();
    assert!(failures.is_empty(), "{} case(s) failed:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn postgres_roundtrip() {
    run("postgres_");
}

#[test]
fn mysql_roundtrip() {
    run("mysql_");
}

#[test]
fn sqlite_roundtrip() {
    run("sqlite_");
}
