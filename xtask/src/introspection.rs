//! `cargo xtask conformance introspection`: Prisma's "simple" introspection tests
//! (`prisma-engines/introspection/simple/{postgres,mysql,sqlite}/**.sql`). Each file has
//! `-- tags=…`, DDL, then a `/* … */` block with the expected `db pull` output. The DDL runs on a
//! fresh database of the tagged provider, `strata db pull --print` runs with the expected
//! schema's generator and datasource blocks, and the models, enums and views after the
//! datasource block must match exactly.
//! PostgreSQL and MySQL need `TEST_POSTGRES_URL` / `TEST_MYSQL_URL`.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, Context};

use crate::real_history::{build_strata, fresh_db};

const PROVIDERS: [&str; 3] = ["postgres", "mysql", "sqlite"];

pub fn run(root: &Path) -> anyhow::Result<()> {
    // `STRATA_BIN` runs an already built binary (while the workspace is mid-edit).
    let strata = match std::env::var_os("STRATA_BIN") {
        Some(bin) => PathBuf::from(bin),
        None => build_strata()?,
    };
    let base = root.join("prisma-engines/introspection/simple");
    let mut cases = Vec::new();
    for provider in PROVIDERS {
        collect_sql(&base.join(provider), &mut cases)?;
    }
    cases.sort();
    let mut exact = 0;
    for case in &cases {
        let name = case.strip_prefix(&base).unwrap_or(case).display().to_string();
        match run_case(&strata, case) {
            Ok(()) => {
                exact += 1;
                println!("ok   {name}");
            }
            Err(e) => println!("FAIL {name}: {e:#}"),
        }
    }
    println!("introspection: {exact}/{} exact", cases.len());
    Ok(())
}

fn collect_sql(dir: &Path, out: &mut Vec<PathBuf>) -> anyhow::Result<()> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Ok(()) };
    for entry in entries {
        let path = entry?.path();
        if path.is_dir() {
            collect_sql(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "sql") {
            out.push(path);
        }
    }
    Ok(())
}

/// A test file split into its parts.
struct Case {
    provider: &'static str,
    ddl: String,
    expected: String,
}

fn parse_case(text: &str) -> anyhow::Result<Case> {
    let tags = text
        .lines()
        .find_map(|l| l.trim().strip_prefix("-- tags="))
        .context("no `-- tags=` line")?
        .to_ascii_lowercase();
    let provider = if tags.contains("postgres") {
        "postgresql"
    } else if tags.contains("mysql") {
        "mysql"
    } else if tags.contains("sqlite") {
        "sqlite"
    } else {
        bail!("unsupported tags `{tags}`")
    };
    let start = text.rfind("/*").context("no expected block")?;
    let end = text[start..].find("*/").map(|e| start + e).context("unterminated expected block")?;
    Ok(Case { provider, ddl: text[..start].to_owned(), expected: text[start + 2..end].trim().to_owned() })
}

fn run_case(strata: &Path, path: &Path) -> anyhow::Result<()> {
    let case = parse_case(&std::fs::read_to_string(path)?)?;
    let fresh = fresh_db(case.provider)?;
    let result = pull_case(strata, &case, &fresh.url);
    (fresh.drop)();
    result
}

fn pull_case(strata: &Path, case: &Case, url: &str) -> anyhow::Result<()> {
    execute_ddl(url, &case.ddl)?;
    let dir = tempfile::tempdir()?;
    let schema = dir.path().join("schema.prisma");
    let (config, expected_models) = split_config(&case.expected);
    std::fs::write(&schema, format!("{config}\n"))?;
    let out = Command::new(strata)
        .args(["db", "pull", "--print", "--schema"])
        .arg(&schema)
        .env("NO_COLOR", "1")
        .env("DATABASE_URL", url)
        .output()?;
    if !out.status.success() {
        bail!("db pull exited {:?}: {}", out.status.code(), String::from_utf8_lossy(&out.stderr).trim());
    }
    let printed = String::from_utf8_lossy(&out.stdout);
    let (_, got) = split_config(&printed);
    if got.trim() != expected_models.trim() {
        bail!("output differs:\n--- expected\n{}\n--- got\n{}", expected_models.trim(), got.trim());
    }
    Ok(())
}

/// `(generator and datasource blocks, everything after the datasource block)`.
fn split_config(schema: &str) -> (String, String) {
    let Some(start) = schema.find("datasource ") else { return (String::new(), schema.to_owned()) };
    let Some(close) = schema[start..].find("\n}").map(|i| start + i + 2) else {
        return (schema.to_owned(), String::new());
    };
    (schema[..close].to_owned(), schema[close..].to_owned())
}

fn execute_ddl(url: &str, ddl: &str) -> anyhow::Result<()> {
    // A fresh SQLite database is a file that does not exist yet.
    if let Some(path) = url.strip_prefix("file:") {
        std::fs::File::create(path).with_context(|| format!("cannot create {path}"))?;
    }
    let info = db::ConnectionInfo::parse(url, Path::new("."))?;
    let mut conn = db::Connection::connect(&info)?;
    if let Some(client) = conn.postgres_client() {
        client.batch_execute(ddl).context("DDL")?;
        return Ok(());
    }
    if let Some(mysql) = conn.mysql_conn() {
        use mysql::prelude::Queryable;
        mysql.query_drop(ddl).context("DDL")?;
        return Ok(());
    }
    if let Some(sqlite) = conn.sqlite_conn() {
        sqlite.execute_batch(ddl).context("DDL")?;
        return Ok(());
    }
    bail!("unsupported connection")
}
