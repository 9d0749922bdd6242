//! `cargo xtask conformance single-migration`: Prisma's single-migration fixtures
//! (`prisma-engines/single_migration/**.prisma`). Each case is what
//! `migrate diff --from-empty --to-schema <file> --script` must print, byte for byte:
//! line 1 `// tags=…`, the schema, then `// Expected Migration:` and the SQL in `// ` lines.
//! Matching cases are then executed on a fresh database of the tagged provider (vitess cases
//! run on MySQL): SQLite always, PostgreSQL / MySQL when `TEST_POSTGRES_URL` /
//! `TEST_MYSQL_URL` are set; the database is described and re-diffed against the schema, which
//! must find nothing to do.

use anyhow::{anyhow, bail, Context};
use flavour::Flavour;
use psl::ast::{SourceFile, SourceFiles};
use sql_schema::SqlSchema;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

const EXPECTED_MARKER: &str = "// Expected Migration:";

pub fn run(root: &Path) -> anyhow::Result<()> {
    let dir = root.join("prisma-engines/single_migration");
    let mut paths = Vec::new();
    collect_files(&dir, "prisma", &mut paths)?;
    paths.sort();
    anyhow::ensure!(!paths.is_empty(), "no single-migration cases under {}", dir.display());

    let servers = Servers::from_env();
    let mut matched = 0;
    let mut executed = Vec::new();
    let mut report = String::new();

    for path in &paths {
        let rel = path.strip_prefix(&dir).unwrap_or(path).display().to_string();
        let case = match Case::read(path) {
            Ok(case) => case,
            Err(e) => {
                let _ = writeln!(report, "FAIL {rel}: unreadable case: {e:#}");
                continue;
            }
        };
        let (target, script) = match from_empty_script(&case.files()) {
            Ok((_, target, script)) => (target, script),
            Err(e) => {
                let _ = writeln!(report, "FAIL {rel}: {e:#}");
                continue;
            }
        };
        if script != case.expected {
            let _ = writeln!(report, "FAIL {rel}: script differs\n{}", line_diff(&case.expected, &script));
            continue;
        }
        matched += 1;
        executed.push((rel, case.database(), target, script));
    }

    print!("{report}");
    println!("single-migration: {matched}/{} scripts match", paths.len());

    let (mut ran, mut clean) = (0, 0);
    let mut exec_failures = 0;
    for (rel, database, target, script) in &executed {
        match servers.execute_on_fresh(*database, script, &target.namespaces) {
            Ok(None) => {}
            Ok(Some(described)) => {
                ran += 1;
                match drift(*database, &described, target) {
                    None => clean += 1,
                    Some(drift) => println!("DRIFT {rel}: database → schema is not empty:\n{drift}"),
                }
            }
            Err(e) => {
                exec_failures += 1;
                println!("EXEC FAIL {rel} ({database:?}): {e:#}");
            }
        }
    }
    println!(
        "single-migration: {ran}/{} matching scripts executed cleanly, {clean} with no drift on re-diff{}",
        executed.len(),
        servers.missing_note()
    );
    if exec_failures > 0 {
        bail!("{exec_failures} script(s) failed to execute");
    }
    Ok(())
}

/// The script that would turn the described database into the calculated schema; None when
/// there is nothing to do (what `migrate diff --from-url … --to-schema …` must find).
pub(crate) fn drift(flavour: Flavour, described: &SqlSchema, target: &SqlSchema) -> Option<String> {
    let migration = flavour::render::diff(flavour, described, target);
    if migration.is_empty() {
        return None;
    }
    Some(flavour::render::render_script(flavour, &migration, &sql_schema::Checks::default()))
}

/// One fixture file, split into its parts.
struct Case {
    tags: Vec<String>,
    schema: String,
    expected: String,
}

impl Case {
    fn read(path: &Path) -> anyhow::Result<Case> {
        let text = std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
        Case::parse(&text)
    }

    fn parse(text: &str) -> anyhow::Result<Case> {
        let first = text.lines().next().unwrap_or_default();
        let tags = first
            .strip_prefix("// tags=")
            .ok_or_else(|| anyhow!("line 1 is not `// tags=…`"))?
            .split(',')
            .map(|t| t.trim().to_owned())
            .collect();
        let (schema, expected) =
            text.split_once(EXPECTED_MARKER).ok_or_else(|| anyhow!("no `{EXPECTED_MARKER}` line"))?;
        let mut sql = String::new();
        for line in expected.lines().skip(1) {
            let line = line.strip_prefix("// ").or_else(|| line.strip_prefix("//")).unwrap_or(line);
            sql.push_str(line);
            sql.push('\n');
        }
        Ok(Case { tags, schema: schema.to_owned(), expected: sql })
    }

    fn files(&self) -> SourceFiles {
        SourceFiles { files: vec![SourceFile { path: "schema.prisma".into(), text: self.schema.clone() }] }
    }

    /// The database a case runs on; vitess is MySQL-compatible.
    fn database(&self) -> Flavour {
        let has = |t: &str| self.tags.iter().any(|tag| tag == t);
        if has("postgres") || has("cockroachdb") {
            Flavour::Postgres
        } else if has("sqlite") {
            Flavour::Sqlite
        } else {
            Flavour::Mysql
        }
    }
}

/// parse → validate → calculate → diff(empty, schema) → render: what
/// `migrate diff --from-empty --to-schema … --script` prints.
pub(crate) fn from_empty_script(files: &SourceFiles) -> anyhow::Result<(Flavour, SqlSchema, String)> {
    let (datamodel, diagnostics) = psl::validate::parse_and_validate(files);
    let Some(datamodel) = datamodel else {
        let messages: Vec<String> = diagnostics
            .errors
            .iter()
            .map(|d| format!("{}: {}", psl::diagnostics::location(files, d.span), d.message))
            .collect();
        bail!("schema has errors:\n  {}", messages.join("\n  "));
    };
    let provider = datamodel.datasource.as_ref().map(|ds| ds.provider).ok_or_else(|| anyhow!("no datasource"))?;
    let flavour =
        Flavour::from_provider(provider).ok_or_else(|| anyhow!("provider {} not supported", provider.as_str()))?;
    let target = flavour::calculate::calculate(&datamodel, flavour);
    let script = flavour::render::from_empty_script(&target, flavour);
    Ok((flavour, target, script))
}

/// A compact line diff: each differing line of expected (`-`) and actual (`+`).
pub(crate) fn line_diff(expected: &str, actual: &str) -> String {
    let e: Vec<&str> = expected.lines().collect();
    let a: Vec<&str> = actual.lines().collect();
    let mut out = String::new();
    for i in 0..e.len().max(a.len()) {
        let (x, y) = (e.get(i), a.get(i));
        if x == y {
            continue;
        }
        if let Some(x) = x {
            let _ = writeln!(out, "  {:>4} - {x}", i + 1);
        }
        if let Some(y) = y {
            let _ = writeln!(out, "  {:>4} + {y}", i + 1);
        }
    }
    if out.is_empty() && expected != actual {
        out.push_str("  (differs only in trailing newlines)\n");
    }
    out
}

pub(crate) fn collect_files(dir: &Path, ext: &str, out: &mut Vec<PathBuf>) -> anyhow::Result<()> {
    for entry in std::fs::read_dir(dir).with_context(|| format!("listing {}", dir.display()))? {
        let path = entry?.path();
        if path.is_dir() {
            collect_files(&path, ext, out)?;
        } else if path.extension().is_some_and(|e| e == ext) {
            out.push(path);
        }
    }
    Ok(())
}

/// The database servers scripts can run on.
pub(crate) struct Servers {
    postgres_url: Option<String>,
    mysql_url: Option<String>,
}

impl Servers {
    pub(crate) fn from_env() -> Servers {
        let var = |name| std::env::var(name).ok().filter(|v: &String| !v.is_empty());
        Servers { postgres_url: var("TEST_POSTGRES_URL"), mysql_url: var("TEST_MYSQL_URL") }
    }

    pub(crate) fn missing_note(&self) -> &'static str {
        match (&self.postgres_url, &self.mysql_url) {
            (Some(_), Some(_)) => "",
            (None, Some(_)) => " (TEST_POSTGRES_URL unset: PostgreSQL cases not executed)",
            (Some(_), None) => " (TEST_MYSQL_URL unset: MySQL cases not executed)",
            (None, None) => " (TEST_POSTGRES_URL and TEST_MYSQL_URL unset: only SQLite cases executed)",
        }
    }

    /// Runs `script` on a new, uniquely named database and describes it (PostgreSQL: in
    /// `namespaces` when the schema names some); the database is dropped afterwards. Ok(None)
    /// when no server for `flavour` is configured.
    pub(crate) fn execute_on_fresh(
        &self,
        flavour: Flavour,
        script: &str,
        namespaces: &[String],
    ) -> anyhow::Result<Option<SqlSchema>> {
        match flavour {
            Flavour::Sqlite => execute_sqlite(script).map(Some),
            Flavour::Postgres => match &self.postgres_url {
                Some(url) => execute_postgres(url, script, namespaces).map(Some),
                None => Ok(None),
            },
            Flavour::Mysql => match &self.mysql_url {
                Some(url) => execute_mysql(url, script).map(Some),
                None => Ok(None),
            },
        }
    }
}

fn fresh_database_name() -> String {
    format!("strata_x_{}", uuid::Uuid::new_v4().simple())
}

fn execute_sqlite(script: &str) -> anyhow::Result<SqlSchema> {
    let dir = tempfile::tempdir()?;
    let conn = rusqlite::Connection::open(dir.path().join("dev.db"))?;
    conn.execute_batch(script)?;
    Ok(flavour::describe::describe_sqlite(&conn)?)
}

/// The whole script as one simple query, as Prisma sends it (one implicit transaction).
fn execute_postgres(url: &str, script: &str, namespaces: &[String]) -> anyhow::Result<SqlSchema> {
    let name = fresh_database_name();
    let mut admin = postgres::Client::connect(url, postgres::NoTls).context("connecting to TEST_POSTGRES_URL")?;
    admin.batch_execute(&format!("CREATE DATABASE \"{name}\""))?;
    let result = (|| -> anyhow::Result<SqlSchema> {
        let mut config: postgres::Config = url.parse()?;
        config.dbname(&name);
        let mut client = config.connect(postgres::NoTls)?;
        client.batch_execute(script)?;
        let scope = if namespaces.is_empty() {
            flavour::describe::PgScope::default_schema("public")
        } else {
            flavour::describe::PgScope::explicit(namespaces)
        };
        Ok(flavour::describe::describe_postgres(&mut client, &scope)?)
    })();
    admin.batch_execute(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))?;
    result
}

/// Multi-statement execution on a fresh database, as Prisma does on MySQL.
fn execute_mysql(url: &str, script: &str) -> anyhow::Result<SqlSchema> {
    use mysql::prelude::Queryable;
    let name = fresh_database_name();
    let opts = mysql::Opts::from_url(url).context("parsing TEST_MYSQL_URL")?;
    let mut admin = mysql::Conn::new(opts.clone()).context("connecting to TEST_MYSQL_URL")?;
    admin.query_drop(format!("CREATE DATABASE `{name}`"))?;
    let result = (|| -> anyhow::Result<SqlSchema> {
        let opts = mysql::OptsBuilder::from_opts(opts).db_name(Some(&name));
        let mut conn = mysql::Conn::new(opts)?;
        conn.query_drop(script)?;
        Ok(flavour::describe::describe_mysql(&mut conn, &name)?)
    })();
    admin.query_drop(format!("DROP DATABASE IF EXISTS `{name}`"))?;
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_file_is_split_into_tags_schema_and_sql() {
        let text = "// tags=postgres\n// exclude=cockroachdb\n\nmodel A {\n  id Int @id\n}\n// Expected Migration:\n// -- CreateTable\n// CREATE TABLE \"A\" (\n// \n//     \"id\" INTEGER NOT NULL\n// );\n";
        let case = Case::parse(text).expect("parses");
        assert_eq!(case.tags, vec!["postgres".to_string()]);
        assert!(case.schema.contains("model A"));
        assert!(!case.schema.contains("Expected"));
        assert_eq!(case.expected, "-- CreateTable\nCREATE TABLE \"A\" (\n\n    \"id\" INTEGER NOT NULL\n);\n");
        assert_eq!(case.database(), Flavour::Postgres);
    }

    #[test]
    fn vitess_cases_run_on_mysql() {
        let case = Case::parse("// tags=vitess\n// Expected Migration:\n").expect("parses");
        assert_eq!(case.database(), Flavour::Mysql);
    }
}
