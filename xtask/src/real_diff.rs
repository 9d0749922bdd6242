//! `cargo xtask conformance real-diff`: for every real project's schema
//! (`real/<project>/schema` or `real/<project>/<unit>/schema`), generate the from-empty script
//! and execute it on a fresh database of the schema's provider. Every script must run without
//! error; the database is then described and re-diffed against the schema (drift is reported).
//! SQLite always runs; PostgreSQL and MySQL need `TEST_POSTGRES_URL` / `TEST_MYSQL_URL`.
//!
//! A project's schema may lean on extensions its migration history installs without declaring
//! them (`gin_trgm_ops` needs pg_trgm, a `citext` column needs citext): those are installed on
//! the fresh database first, as the project's own first migrations would.
//!
//! A unit whose history needs an extension the test server cannot install (formbricks needs
//! pgvector, which these machines lack) is generated but not executed (conformance README).

use crate::single_migration::{collect_files, drift, from_empty_script, Servers};
use anyhow::{bail, Context};
use flavour::Flavour;
use psl::ast::{SourceFile, SourceFiles};
use std::path::{Path, PathBuf};

pub fn run(root: &Path) -> anyhow::Result<()> {
    let real = root.join("real");
    let units = schema_dirs(&real)?;
    anyhow::ensure!(!units.is_empty(), "no schemas under {}", real.display());
    let servers = Servers::from_env();

    let (mut generated, mut executed, mut skipped, mut clean) = (0, 0, 0, 0);
    let mut drifts = Vec::new();
    let mut failures = Vec::new();
    for schema_dir in &units {
        let unit = schema_dir.parent().unwrap_or(schema_dir);
        let name = unit.strip_prefix(&real).unwrap_or(unit).display().to_string();
        let result = load_schema(schema_dir).and_then(|files| from_empty_script(&files));
        let (flavour, target, script) = match result {
            Ok(ok) => ok,
            Err(e) => {
                failures.push(format!("{name}: {e:#}"));
                continue;
            }
        };
        generated += 1;
        if flavour == Flavour::Postgres && !missing_extensions(unit)?.is_empty() {
            skipped += 1;
            continue;
        }
        let script = match flavour {
            Flavour::Postgres => format!("{}{script}", history_extensions(unit)?),
            _ => script,
        };
        match servers.execute_on_fresh(flavour, &script, &target.namespaces) {
            Ok(None) => skipped += 1,
            Ok(Some(described)) => {
                executed += 1;
                match drift(flavour, &described, &target) {
                    None => clean += 1,
                    Some(d) => drifts.push(format!("{name}:\n{d}")),
                }
            }
            Err(e) => failures.push(format!("{name} ({flavour:?}): {e:#}")),
        }
    }

    for d in &drifts {
        println!("DRIFT {d}");
    }
    for failure in &failures {
        println!("FAIL {failure}");
    }
    println!(
        "real-diff: {generated}/{} from-empty scripts generated, {executed} executed cleanly ({clean} with no drift on re-diff), {skipped} not executed{}",
        units.len(),
        servers.missing_note()
    );
    if !failures.is_empty() {
        bail!("{} unit(s) failed", failures.len());
    }
    Ok(())
}

/// `CREATE EXTENSION IF NOT EXISTS "x";` for every extension the unit's migrations create.
fn history_extensions(unit: &Path) -> anyhow::Result<String> {
    Ok(extensions_of_history(unit)?.iter().map(|n| format!("CREATE EXTENSION IF NOT EXISTS \"{n}\";\n")).collect())
}

/// Extensions the unit's migrations create, in order of first appearance.
pub(crate) fn extensions_of_history(unit: &Path) -> anyhow::Result<Vec<String>> {
    let migrations = unit.join("migrations");
    if !migrations.is_dir() {
        return Ok(Vec::new());
    }
    let mut scripts = Vec::new();
    collect_files(&migrations, "sql", &mut scripts)?;
    let mut names: Vec<String> = Vec::new();
    for path in scripts {
        let text = std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
        for name in created_extensions(&text) {
            if !names.contains(&name) {
                names.push(name);
            }
        }
    }
    Ok(names)
}

/// Extensions a PostgreSQL unit needs that the test server cannot install: such a unit's SQL
/// cannot run here (e.g. pgvector is not packaged for these machines).
pub(crate) fn missing_extensions(unit: &Path) -> anyhow::Result<Vec<String>> {
    let needed = extensions_of_history(unit)?;
    if needed.is_empty() {
        return Ok(Vec::new());
    }
    let Ok(url) = std::env::var("TEST_POSTGRES_URL") else { return Ok(Vec::new()) };
    let info = db::ConnectionInfo::parse(&url, Path::new("."))?;
    let mut conn = db::Connection::connect(&info)?;
    let rows = conn.query("SELECT name FROM pg_available_extensions", &[])?;
    let available: Vec<String> = rows.iter().filter_map(|r| r.first().and_then(|v| v.to_text())).collect();
    Ok(needed.into_iter().filter(|n| !available.iter().any(|a| a.eq_ignore_ascii_case(n))).collect())
}

/// Names in `CREATE EXTENSION [IF NOT EXISTS] name|"name"` statements, any case (`--` comments
/// ignored).
fn created_extensions(sql: &str) -> Vec<String> {
    let code: String = sql.lines().map(|l| l.split("--").next().unwrap_or_default()).collect::<Vec<_>>().join("\n");
    let mut names = Vec::new();
    for statement in code.split(';') {
        let words: Vec<&str> = statement.split_whitespace().collect();
        let Some(at) = words
            .windows(2)
            .position(|w| w[0].eq_ignore_ascii_case("create") && w[1].eq_ignore_ascii_case("extension"))
        else {
            continue;
        };
        let rest = &words[at + 2..];
        let rest = match rest {
            [i, n, e, tail @ ..]
                if i.eq_ignore_ascii_case("if")
                    && n.eq_ignore_ascii_case("not")
                    && e.eq_ignore_ascii_case("exists") =>
            {
                tail
            }
            _ => rest,
        };
        if let Some(name) = rest.first() {
            names.push(name.trim_matches('"').to_owned());
        }
    }
    names
}

/// Every `schema` folder (or file) one or two levels below `real/`.
fn schema_dirs(real: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for project in sorted_entries(real)? {
        let direct = project.join("schema");
        if direct.exists() {
            out.push(direct);
            continue;
        }
        for unit in sorted_entries(&project)? {
            let schema = unit.join("schema");
            if schema.exists() {
                out.push(schema);
            }
        }
    }
    Ok(out)
}

fn sorted_entries(dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let mut entries = Vec::new();
    for entry in std::fs::read_dir(dir).with_context(|| format!("listing {}", dir.display()))? {
        let path = entry?.path();
        if path.is_dir() {
            entries.push(path);
        }
    }
    entries.sort();
    Ok(entries)
}

/// A schema file, or a folder's `*.prisma` files (recursively) sorted by path, as Prisma loads
/// a multi-file schema.
pub(crate) fn load_schema(path: &Path) -> anyhow::Result<SourceFiles> {
    let mut paths = Vec::new();
    if path.is_dir() {
        collect_files(path, "prisma", &mut paths)?;
        paths.sort();
    } else {
        paths.push(path.to_path_buf());
    }
    let base = if path.is_dir() { path } else { path.parent().unwrap_or(path) };
    let files = paths
        .iter()
        .map(|p| {
            let text = std::fs::read_to_string(p).with_context(|| format!("reading {}", p.display()))?;
            let shown = p.strip_prefix(base).unwrap_or(p).display().to_string();
            Ok(SourceFile { path: shown, text })
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    anyhow::ensure!(!files.is_empty(), "no .prisma files in {}", path.display());
    Ok(SourceFiles { files })
}

#[cfg(test)]
mod tests {
    use super::created_extensions;

    #[test]
    fn finds_created_extensions_in_any_spelling() {
        let sql = "-- Create Extension\ncreate extension if not exists citext;\nCREATE EXTENSION \"uuid-ossp\" WITH SCHEMA public;\nSELECT 1;";
        assert_eq!(created_extensions(sql), vec!["citext".to_string(), "uuid-ossp".to_string()]);
    }
}
