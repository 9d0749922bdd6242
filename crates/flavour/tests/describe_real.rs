//! Real projects' histories (`../shared/conformance/real`, not part of a fresh clone, hence
//! ignored by default): apply every `migration.sql` of a unit on a fresh database, describe
//! it, and diff against the calculated schema of the unit's schema files. Prisma finds no
//! drift on any of them, so neither may we.
//!
//! `cargo test -p flavour --test describe_real -- --ignored --nocapture`
//! (STRATA_CONFORMANCE overrides the corpus location.)

mod describe_support;

use describe_support::{unique_name, MyDb, PgDb};
use flavour::describe::{describe_connection, DescribeOptions};
use flavour::Flavour;
use psl::ast::{SourceFile, SourceFiles};
use std::path::{Path, PathBuf};

/// Units whose history cannot run on these machines (pgvector is not installed).
const NOT_EXECUTABLE: &[&str] = &["formbricks__formbricks"];

/// Units whose history and schema really differ (read from their files), with the reason.
/// They are reported, not failed.
const KNOWN_DRIFT: &[(&str, &str)] = &[
    ("Peppermint-Lab__peppermint", "implicit m:n table built with Prisma 5's unique index; Prisma 6 wants a primary key"),
    ("amplication__amplication/amplication-prisma-db", "implicit m:n tables built with Prisma 5's unique index"),
    ("dyrector-io__dyrectorio", "history: ON DELETE SET NULL and leftover _prisma_migrations_* tables; schema: Cascade"),
    ("hoppscotch__hoppscotch", "GIN (trigram) indexes created in SQL only, absent from the schema"),
    ("shadcn-ui__taxonomy", "history drops the foreign keys (PlanetScale era); the schema has relations"),
];

fn corpus() -> PathBuf {
    std::env::var_os("STRATA_CONFORMANCE")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/conformance"))
        .join("real")
}

/// Directories holding both `schema/` and `migrations/`.
fn units(dir: &Path, out: &mut Vec<PathBuf>) {
    if dir.join("schema").is_dir() && dir.join("migrations").is_dir() {
        out.push(dir.to_owned());
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let mut children: Vec<PathBuf> = entries.filter_map(|e| e.ok()).map(|e| e.path()).filter(|p| p.is_dir()).collect();
    children.sort();
    for child in children {
        units(&child, out);
    }
}

fn prisma_files(dir: &Path, out: &mut Vec<SourceFile>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok()).map(|e| e.path()).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            prisma_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "prisma") {
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            out.push(SourceFile { path: path.display().to_string(), text });
        }
    }
}

fn migration_scripts(unit: &Path) -> Vec<(String, String)> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(unit.join("migrations"))
        .map(|entries| entries.filter_map(|e| e.ok()).map(|e| e.path()).filter(|p| p.join("migration.sql").is_file()).collect())
        .unwrap_or_default();
    dirs.sort();
    dirs.iter()
        .map(|d| {
            let name = d.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            (name, std::fs::read_to_string(d.join("migration.sql")).unwrap_or_default())
        })
        .collect()
}

/// Applies the unit's history to a fresh database and returns the drift summary, or None
/// when there is no drift.
fn check(unit: &Path) -> Result<Option<String>, String> {
    let mut files = Vec::new();
    prisma_files(&unit.join("schema"), &mut files);
    let (datamodel, diagnostics) = psl::parse_and_validate(&SourceFiles { files });
    let datamodel = datamodel.ok_or_else(|| format!("schema errors: {:?}", diagnostics.errors.first().map(|d| &d.message)))?;
    let datasource = datamodel.datasource.as_ref().ok_or("no datasource")?;
    let flavour = Flavour::from_provider(datasource.provider).ok_or("unsupported provider")?;
    let target = flavour::calculate::calculate(&datamodel, flavour);

    let base = Path::new("/");
    // Guards that drop the database (or directory) when the check is over.
    let (_pg, _my, _dir, url) = match flavour {
        Flavour::Postgres => {
            let db = PgDb::new();
            let url = format!("{}/{}", std::env::var("TEST_POSTGRES_URL").unwrap_or_default().rsplit_once('/').map_or("", |(h, _)| h), db.name);
            (Some(db), None, None, url)
        }
        Flavour::Mysql => {
            let db = MyDb::new();
            let url = format!("{}/{}", std::env::var("TEST_MYSQL_URL").unwrap_or_default().rsplit_once('/').map_or("", |(h, _)| h), db.name);
            (None, Some(db), None, url)
        }
        Flavour::Sqlite => {
            let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
            let path = dir.path().join(format!("{}.db", unique_name()));
            std::fs::write(&path, b"").map_err(|e| e.to_string())?;
            let url = format!("file:{}", path.display());
            (None, None, Some(dir), url)
        }
    };
    let info = db::ConnectionInfo::parse(&url, base).map_err(|e| e.to_string())?;
    let mut conn = db::Connection::connect(&info).map_err(|e| e.to_string())?;
    for (name, script) in migration_scripts(unit) {
        conn.apply_script(&script).map_err(|e| format!("migration {name} failed: {e}"))?;
    }
    let described = describe_connection(&mut conn, &DescribeOptions::for_datamodel(&datamodel)).map_err(|e| e.to_string())?;
    let migration = flavour::render::diff(flavour, &described, &target);
    if migration.steps.is_empty() {
        return Ok(None);
    }
    Ok(Some(sql_schema::drift_summary(&migration)))
}

#[test]
#[ignore = "needs ../shared/conformance and both servers"]
fn real_histories_have_no_drift() {
    let mut all = Vec::new();
    units(&corpus(), &mut all);
    assert!(!all.is_empty(), "no units under {}", corpus().display());
    let mut failures = Vec::new();
    let mut clean = 0;
    for unit in &all {
        let name = unit.strip_prefix(corpus()).unwrap_or(unit).display().to_string();
        if NOT_EXECUTABLE.iter().any(|n| name.starts_with(n)) {
            println!("SKIP  {name}");
            continue;
        }
        match check(unit) {
            Ok(None) => {
                clean += 1;
                println!("OK    {name}");
            }
            Ok(Some(summary)) => match KNOWN_DRIFT.iter().find(|(unit, _)| *unit == name) {
                Some((_, reason)) => println!("KNOWN {name}: {reason}{summary}"),
                None => {
                    println!("DRIFT {name}\n{summary}");
                    failures.push(name);
                }
            },
            Err(e) => {
                println!("ERROR {name}: {e}");
                failures.push(name);
            }
        }
    }
    println!("{clean} without drift, {} failing: {failures:?}", failures.len());
    assert!(failures.is_empty());
}

fn sql_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok()).map(|e| e.path()).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            sql_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "sql") {
            out.push(path);
        }
    }
}

/// Prisma's introspection fixtures (`prisma-engines/introspection/simple`): every DDL of our
/// three databases describes without error, and every table it creates is described.
#[test]
#[ignore = "needs ../shared/conformance and both servers"]
fn introspection_fixtures_describe() {
    let root = corpus().join("../prisma-engines/introspection/simple");
    let mut files = Vec::new();
    sql_files(&root, &mut files);
    let mut failures = Vec::new();
    let mut described = 0;
    for path in &files {
        let text = std::fs::read_to_string(path).unwrap_or_default();
        let tags = text.lines().next().unwrap_or_default();
        let ddl = text.split("/*").next().unwrap_or_default();
        let creates = ddl.to_ascii_uppercase().matches("CREATE TABLE").count();
        let result = if tags.contains("postgres") {
            let mut db = PgDb::new();
            db.client()
                .batch_execute(ddl)
                .map_err(|e| format!("{:?}", e.as_db_error().map(|d| d.message().to_owned())))
                .and_then(|_| flavour::describe::describe_postgres(db.client(), &flavour::describe::PgScope::default_schema("public")).map_err(|e| e.to_string()))
        } else if tags.contains("mysql") && !tags.contains("mysql8") {
            let mut db = MyDb::with(ddl);
            let name = db.name.clone();
            flavour::describe::describe_mysql(db.conn(), &name).map_err(|e| e.to_string())
        } else if tags.contains("sqlite") {
            let file = describe_support::SqliteFile::with(ddl);
            flavour::describe::describe_sqlite(&file.conn).map_err(|e| e.to_string())
        } else {
            continue;
        };
        let name = path.strip_prefix(&root).unwrap_or(path).display().to_string();
        match result {
            Ok(schema) if schema.tables.len() == creates => described += 1,
            Ok(schema) => failures.push(format!("{name}: {} CREATE TABLE, {} tables described", creates, schema.tables.len())),
            Err(e) => failures.push(format!("{name}: {e}")),
        }
    }
    println!("{described} fixtures described; failures: {failures:#?}");
    assert!(failures.is_empty());
}
