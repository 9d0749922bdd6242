//! Shared by the calculate fixture tests: the from-empty pipeline and fresh real databases.
//! Databases are real: PostgreSQL and MySQL from `TEST_POSTGRES_URL` / `TEST_MYSQL_URL` (the
//! tests panic when the variable is unset), SQLite in a temporary file. Each run gets its own
//! uniquely named database, dropped afterwards, so tests run in parallel.

#![allow(dead_code)]

use flavour::Flavour;
use psl::ast::{SourceFile, SourceFiles};
use std::path::Path;

/// A fixture in Prisma's single-migration format.
pub struct Case {
    pub schema: String,
    pub expected: String,
}

impl Case {
    pub fn read(path: &Path) -> Case {
        let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
        let (schema, expected) = text
            .split_once("// Expected Migration:")
            .unwrap_or_else(|| panic!("{}: no `// Expected Migration:` line", path.display()));
        let mut sql = String::new();
        for line in expected.lines().skip(1) {
            sql.push_str(line.strip_prefix("// ").or_else(|| line.strip_prefix("//")).unwrap_or(line));
            sql.push('\n');
        }
        Case { schema: schema.to_owned(), expected: sql }
    }
}

pub fn source_files(text: &str) -> SourceFiles {
    SourceFiles { files: vec![SourceFile { path: "schema.prisma".into(), text: text.to_owned() }] }
}

/// The calculated SqlSchema of a schema text, or its errors.
pub fn calculate(text: &str) -> Result<(Flavour, sql_schema::SqlSchema), String> {
    let files = source_files(text);
    let (datamodel, diagnostics) = psl::validate::parse_and_validate(&files);
    let Some(datamodel) = datamodel else {
        let messages: Vec<String> = diagnostics.errors.iter().map(|d| d.message.clone()).collect();
        return Err(format!("schema errors: {}", messages.join("; ")));
    };
    let provider = datamodel.datasource.as_ref().map(|ds| ds.provider).ok_or("no datasource")?;
    let flavour = Flavour::from_provider(provider).ok_or("unsupported provider")?;
    Ok((flavour, flavour::calculate::calculate(&datamodel, flavour)))
}

/// What `migrate diff --from-empty --to-schema … --script` prints.
pub fn from_empty_script(text: &str) -> Result<(Flavour, String), String> {
    let (flavour, target) = calculate(text)?;
    Ok((flavour, flavour::render::from_empty_script(&target, flavour)))
}

fn env_url(var: &str) -> String {
    match std::env::var(var) {
        Ok(url) if !url.is_empty() => url,
        _ => panic!("{var} is not set: this test needs a real server (see README, `.ci/run` sets it)"),
    }
}

fn fresh_name() -> String {
    format!("strata_t_{}", uuid::Uuid::new_v4().simple())
}

/// Runs `script` on a new database of `flavour` and describes the result; the database is
/// dropped afterwards. `namespaces` are the datasource's `schemas` (PostgreSQL).
pub fn execute_and_describe(
    flavour: Flavour,
    script: &str,
    namespaces: &[String],
) -> Result<sql_schema::SqlSchema, String> {
    match flavour {
        Flavour::Sqlite => execute_sqlite(script),
        Flavour::Postgres => execute_postgres(&env_url("TEST_POSTGRES_URL"), script, namespaces),
        Flavour::Mysql => execute_mysql(&env_url("TEST_MYSQL_URL"), script),
    }
}

/// Executes the from-empty script of `target`, describes the database, and returns the drift
/// between the described and the calculated schema as a script (None when there is none).
pub fn execute_and_check_drift(flavour: Flavour, target: &sql_schema::SqlSchema) -> Result<Option<String>, String> {
    let script = flavour::render::from_empty_script(target, flavour);
    let described = execute_and_describe(flavour, &script, &target.namespaces)?;
    let drift = flavour::render::diff(flavour, &described, target);
    if drift.is_empty() {
        return Ok(None);
    }
    Ok(Some(flavour::render::render_script(flavour, &drift, &sql_schema::Checks::default())))
}

fn execute_sqlite(script: &str) -> Result<sql_schema::SqlSchema, String> {
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    let conn = rusqlite::Connection::open(dir.path().join("dev.db")).map_err(|e| e.to_string())?;
    conn.execute_batch(script).map_err(|e| e.to_string())?;
    flavour::describe::describe_sqlite(&conn).map_err(|e| format!("describe: {e}"))
}

/// The whole script in one simple query, as Prisma sends it.
fn execute_postgres(url: &str, script: &str, namespaces: &[String]) -> Result<sql_schema::SqlSchema, String> {
    let name = fresh_name();
    let mut admin = postgres::Client::connect(url, postgres::NoTls).expect("connecting to TEST_POSTGRES_URL");
    admin.batch_execute(&format!("CREATE DATABASE \"{name}\"")).expect("creating the test database");
    let result = (|| {
        let mut config: postgres::Config = url.parse().map_err(|e: postgres::Error| e.to_string())?;
        config.dbname(&name);
        let mut client = config.connect(postgres::NoTls).map_err(|e| e.to_string())?;
        client.batch_execute(script).map_err(|e| format!("{e}: {:?}", e.as_db_error().map(|d| d.message())))?;
        let scope = if namespaces.is_empty() {
            flavour::describe::PgScope::default_schema("public")
        } else {
            flavour::describe::PgScope::explicit(namespaces)
        };
        flavour::describe::describe_postgres(&mut client, &scope).map_err(|e| format!("describe: {e}"))
    })();
    admin
        .batch_execute(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
        .expect("dropping the test database");
    result
}

fn execute_mysql(url: &str, script: &str) -> Result<sql_schema::SqlSchema, String> {
    use mysql::prelude::Queryable;
    let name = fresh_name();
    let opts = mysql::Opts::from_url(url).expect("parsing TEST_MYSQL_URL");
    let mut admin = mysql::Conn::new(opts.clone()).expect("connecting to TEST_MYSQL_URL");
    admin.query_drop(format!("CREATE DATABASE `{name}`")).expect("creating the test database");
    let result = (|| {
        let opts = mysql::OptsBuilder::from_opts(opts).db_name(Some(&name));
        let mut conn = mysql::Conn::new(opts).map_err(|e| e.to_string())?;
        conn.query_drop(script).map_err(|e| e.to_string())?;
        flavour::describe::describe_mysql(&mut conn, &name).map_err(|e| format!("describe: {e}"))
    })();
    admin.query_drop(format!("DROP DATABASE IF EXISTS `{name}`")).expect("dropping the test database");
    result
}
