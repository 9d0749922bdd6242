//! MySQL cases checked against the expectations of Prisma's own test suite (prisma-engines
//! `schema-engine/sql-migration-tests`), since no MySQL-capable Prisma runs on this machine.
//! Each `tests/mysql_snapshots/<case>.prisma` holds a `from` schema, a `to` schema and the
//! script Prisma's snapshot expects; the runner:
//!
//! 1. creates `from` on MariaDB (`TEST_MYSQL_URL`, a fresh database per case);
//! 2. diffs the described database (`migrate dev`) or the calculated `from` schema
//!    (`migrate diff`) against `to`, runs the destructive-change check and renders the script
//!    as Prisma writes it, comparing byte for byte;
//! 3. applies the script and checks the database then describes as `to` (no drift).
//!
//! Case file layout (expected lines are `// `-prefixed; `//` alone is an empty line):
//!
//! ```text
//! // source: <prisma-engines test file and test name>   (documentation only)
//! // command: diff         (optional: `migrate diff --script`, which prints no warnings)
//! // to: database           (optional, with `command: diff`: `--to-url`, the target is `to`
//! //                           created on its own database and described)
//! // server: mariadb        (optional: Prisma's MariaDB expectation; default MySQL 8)
//! // datasource: relationMode = "prisma"                (optional, added to the datasource)
//! // known script difference: <why>  (optional: our script is known to differ from Prisma's
//! //                           for a reason outside render/casts; fails once it matches)
//! // known drift: <why>     (optional: the script is known not to apply on this MariaDB, or
//! //                           the database then to describe differently from `to`, for a
//! //                           reason outside render; the case fails once that is fixed, so
//! //                           the line gets removed)
//! model A { … }             (the `from` schema; may be empty)
//! // ---- to
//! model A { … }
//! // ---- expected
//! // -- CreateTable
//! // …
//! ```

#[path = "describe_support/mod.rs"]
mod support;

use flavour::Flavour;
use mysql::prelude::Queryable;
use psl::ast::{SourceFile, SourceFiles};
use sql_schema::{DiffFlavour, SqlSchema};
use std::path::{Path, PathBuf};

const MYSQL_8: &str = "8.0.33";
const MARIADB: &str = "10.11.0-MariaDB";

struct Case {
    name: String,
    server: &'static str,
    /// `migrate diff --script` output: no warnings comment.
    is_diff: bool,
    /// The target is described from a database holding `to` (`migrate diff --to-url`).
    to_is_database: bool,
    /// Why our script is known to differ from Prisma's (outside render and casts).
    known_script_difference: Option<String>,
    /// Why the database is known not to describe as `to` after the script.
    known_drift: Option<String>,
    datasource_extra: Vec<String>,
    from: String,
    to: String,
    expected: String,
}

impl Case {
    fn read(path: &Path) -> Case {
        let text = std::fs::read_to_string(path)
            .unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
        let name = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut server = MYSQL_8;
        let mut is_diff = false;
        let mut to_is_database = false;
        let mut known_drift = None;
        let mut known_script_difference = None;
        let mut datasource_extra = Vec::new();
        let mut sections: Vec<(String, String)> = vec![("from".into(), String::new())];
        for line in text.lines() {
            if let Some(section) = line.strip_prefix("// ---- ") {
                sections.push((section.trim().to_owned(), String::new()));
                continue;
            }
            if let Some(value) = line.strip_prefix("// server:") {
                match value.trim() {
                    "mariadb" => server = MARIADB,
                    "mysql" => server = MYSQL_8,
                    other => panic!("{name}: unknown server `{other}`"),
                }
                continue;
            }
            if let Some(command) = line.strip_prefix("// command:") {
                is_diff = command.trim() == "diff";
                continue;
            }
            if let Some(target) = line.strip_prefix("// to:") {
                to_is_database = target.trim() == "database";
                continue;
            }
            if let Some(why) = line.strip_prefix("// known script difference:") {
                known_script_difference = Some(why.trim().to_owned());
                continue;
            }
            if let Some(why) = line.strip_prefix("// known drift:") {
                known_drift = Some(why.trim().to_owned());
                continue;
            }
            if let Some(extra) = line.strip_prefix("// datasource:") {
                datasource_extra.push(extra.trim().to_owned());
                continue;
            }
            if let Some((_, body)) = sections.last_mut() {
                body.push_str(line);
                body.push('\n');
            }
        }
        let mut section = |wanted: &str| {
            sections
                .iter()
                .position(|(n, _)| n == wanted)
                .map(|i| sections.remove(i).1)
                .unwrap_or_else(|| panic!("{name}: no `{wanted}` section"))
        };
        let from = section("from");
        let to = section("to");
        let expected = uncomment(&section("expected"));
        Case {
            name,
            server,
            is_diff,
            to_is_database,
            known_drift,
            known_script_difference,
            datasource_extra,
            from,
            to,
            expected,
        }
    }

    fn calculate(&self, models: &str) -> Result<SqlSchema, String> {
        let mut text = String::from(
            "datasource db {\n  provider = \"mysql\"\n  url      = \"mysql://localhost:3306/strata\"\n",
        );
        for extra in &self.datasource_extra {
            text.push_str(&format!("  {extra}\n"));
        }
        text.push_str("}\n\n");
        text.push_str(models);
        let files = SourceFiles {
            files: vec![SourceFile {
                path: "schema.prisma".into(),
                text,
            }],
        };
        let (ast, mut diagnostics) = psl::parser::parse_schema(&files);
        let (datamodel, validation) = psl::validate::validate(&ast, &files);
        diagnostics.extend(validation);
        match datamodel {
            Some(datamodel) if !diagnostics.has_errors() => {
                Ok(flavour::calculate::calculate(&datamodel, Flavour::Mysql))
            }
            _ => Err(diagnostics
                .errors
                .iter()
                .map(|d| d.message.clone())
                .collect::<Vec<_>>()
                .join("\n")),
        }
    }
}

/// `// x` → `x`, `//` → ``; trailing empty lines dropped.
fn uncomment(body: &str) -> String {
    let lines: Vec<&str> = body
        .lines()
        .map(|l| {
            l.strip_prefix("// ")
                .or_else(|| l.strip_prefix("//"))
                .unwrap_or(l)
        })
        .collect();
    lines.join("\n").trim_end().to_owned()
}

fn case_paths() -> Vec<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/mysql_snapshots");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("read {}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "prisma"))
        .collect();
    paths.sort();
    assert!(!paths.is_empty(), "no cases in {}", dir.display());
    paths
}

/// One case on a fresh MariaDB database. As `migrate dev` does, the migration starts from the
/// *described* `from` database (Prisma's create-migration snapshots come from a shadow
/// database, so e.g. index order is the database's); `migrate diff` cases start from the
/// calculated `from` schema. The script must be Prisma's, and after it the database must
/// describe as `to`.
fn run_case(case: &Case) -> Vec<String> {
    let schemas = case
        .calculate(&case.from)
        .map_err(|e| format!("`from` errors:\n{e}"))
        .and_then(|from| Ok((from, case.calculate(&case.to).map_err(|e| format!("`to` errors:\n{e}"))?)));
    let (from, to) = match schemas {
        Ok(pair) => pair,
        Err(e) => return vec![e],
    };
    let mut db = support::MyDb::new();
    if !from.tables.is_empty() {
        let setup = flavour::render::from_empty_script(&from, Flavour::Mysql);
        if let Err(e) = db.conn().query_drop(&setup) {
            return vec![format!("creating `from` failed: {e}\n{setup}")];
        }
    }
    let to = if case.to_is_database {
        match described_target(&to) {
            Ok(described) => described,
            Err(e) => return vec![e],
        }
    } else {
        to
    };
    let base = if case.is_diff {
        from
    } else {
        match describe(&mut db) {
            Ok(described) => described,
            Err(e) => return vec![e],
        }
    };

    let mut failures = Vec::new();
    let differ = flavour::render::diff_flavour_for_server(Flavour::Mysql, case.server);
    let migration = sql_schema::diff(&base, &to, differ);
    let checks = if case.is_diff {
        sql_schema::Checks::default()
    } else {
        sql_schema::check(&migration)
    };
    let script = flavour::render::render_script(Flavour::Mysql, &migration, &checks);
    if std::env::var_os("STRATA_SNAPSHOTS_PRINT").is_some() {
        println!("==== {}\n{script}", case.name);
    }
    match (script.trim_end() == case.expected, &case.known_script_difference) {
        (false, None) => failures.push(format!(
            "script differs\n--- expected (Prisma)\n{}\n--- actual\n{}",
            case.expected,
            script.trim_end()
        )),
        (true, Some(why)) => failures.push(format!(
            "the script matches now (known difference was: {why}): remove the `// known script difference:` line"
        )),
        (false, Some(_)) | (true, None) => {}
    }
    if migration.steps.is_empty() {
        return failures;
    }
    let applied = db
        .conn()
        .query_drop(&script)
        .map_err(|e| format!("the script failed on MariaDB: {e}"))
        .and_then(|()| expect_schema(&mut db, &to));
    match (applied, &case.known_drift) {
        (Err(e), None) => failures.push(e),
        (Ok(()), Some(why)) => failures.push(format!(
            "no drift any more (known drift was: {why}): remove the `// known drift:` line"
        )),
        (Err(_), Some(_)) | (Ok(()), None) => {}
    }
    failures
}

/// `to` created on a database of its own, described back.
fn described_target(to: &SqlSchema) -> Result<SqlSchema, String> {
    let mut db = support::MyDb::new();
    let setup = flavour::render::from_empty_script(to, Flavour::Mysql);
    db.conn()
        .query_drop(&setup)
        .map_err(|e| format!("creating `to` failed: {e}\n{setup}"))?;
    describe(&mut db)
}

fn describe(db: &mut support::MyDb) -> Result<SqlSchema, String> {
    let name = db.name.clone();
    flavour::describe::describe_mysql(db.conn(), &name).map_err(|e| format!("describe failed: {e}"))
}

/// The database must describe as `expected`, compared as Prisma compares on this server.
fn expect_schema(db: &mut support::MyDb, expected: &SqlSchema) -> Result<(), String> {
    let described = describe(db)?;
    let version: String = db
        .conn()
        .query_first("SELECT VERSION()")
        .ok()
        .flatten()
        .unwrap_or_default();
    let differ: &dyn DiffFlavour = flavour::render::diff_flavour_for_server(Flavour::Mysql, &version);
    let drift = sql_schema::diff(&described, expected, differ);
    if drift.is_empty() {
        return Ok(());
    }
    let drift = flavour::render::render_script(Flavour::Mysql, &drift, &Default::default());
    Err(format!("after the script, the database differs from `to`:\n{drift}"))
}

#[test]
fn mysql_snapshots_match_prisma() {
    let mut failures = Vec::new();
    let paths = case_paths();
    for path in &paths {
        let case = Case::read(path);
        for failure in run_case(&case) {
            failures.push(format!("{}: {failure}", case.name));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} MySQL snapshot case(s) failing:\n\n{}",
        failures.len(),
        paths.len(),
        failures.join("\n\n")
    );
}
