//! The diff-scenario suite: `tests/diff_scenarios/<case>.prisma` holds a `from` schema, a `to`
//! schema and the expected migration script per flavour. For every flavour the runner:
//!
//! 1. parses and validates both schemas (a datasource block for the flavour is prepended),
//!    calculates their `SqlSchema`s, diffs, runs the pure destructive-change check and renders
//!    the script as `migrate dev` writes it (warnings comment included), and compares it with
//!    the expected text;
//! 2. on a real database (`TEST_POSTGRES_URL`, `TEST_MYSQL_URL`, a SQLite temp file) creates
//!    `from`, applies the rendered script, describes the database and checks that diffing it
//!    against `to` is empty; then applies the reversed migration (down) and checks the
//!    database is `from` again.
//!
//! Case file layout (expected lines are `// `-prefixed; `//` alone is an empty line):
//!
//! ```text
//! // flavours: postgres, sqlite          (optional, default: all three)
//! // datasource: schemas = ["a", "b"]    (optional, added to the datasource block)
//! // from-datasource: schemas = ["a"]    (optional, replaces it for `from` only: a database
//! //                                        holds only the schemas that exist)
//! model A { … }                          (the `from` schema; may be empty)
//! // ---- to
//! model A { … }
//! // ---- postgres
//! // -- AlterTable
//! // ALTER TABLE …
//! // ---- mysql
//! // ---- sqlite
//! ```
//!
//! `STRATA_SCENARIOS_PRINT=1` prints every rendered script (to write a new case's expectation,
//! which must then be checked against Prisma, never pasted unchecked).

#[path = "describe_support/mod.rs"]
mod support;

use flavour::describe::{describe_mysql, describe_postgres, describe_sqlite, PgScope};
use flavour::Flavour;
use psl::ast::{SourceFile, SourceFiles};
use sql_schema::{DiffFlavour, SqlSchema};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

const FLAVOURS: [(Flavour, &str); 3] = [
    (Flavour::Postgres, "postgres"),
    (Flavour::Mysql, "mysql"),
    (Flavour::Sqlite, "sqlite"),
];

struct Case {
    name: String,
    flavours: Vec<Flavour>,
    datasource_extra: Vec<String>,
    from_datasource_extra: Option<Vec<String>>,
    from: String,
    to: String,
    expected: Vec<(Flavour, String)>,
}

fn flavour_by_name(name: &str) -> Flavour {
    FLAVOURS
        .iter()
        .find(|(_, n)| *n == name.trim())
        .map(|(f, _)| *f)
        .unwrap_or_else(|| panic!("unknown flavour `{name}`"))
}

impl Case {
    fn read(path: &Path) -> Case {
        let text = std::fs::read_to_string(path)
            .unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
        let name = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut flavours: Vec<Flavour> = FLAVOURS.iter().map(|(f, _)| *f).collect();
        let mut datasource_extra = Vec::new();
        let mut from_datasource_extra: Option<Vec<String>> = None;
        let mut sections: Vec<(String, String)> = vec![("from".into(), String::new())];

        for line in text.lines() {
            if let Some(section) = line.strip_prefix("// ---- ") {
                sections.push((section.trim().to_owned(), String::new()));
                continue;
            }
            if let Some(list) = line.strip_prefix("// flavours:") {
                flavours = list.split(',').map(flavour_by_name).collect();
                continue;
            }
            if let Some(extra) = line.strip_prefix("// datasource:") {
                datasource_extra.push(extra.trim().to_owned());
                continue;
            }
            if let Some(extra) = line.strip_prefix("// from-datasource:") {
                from_datasource_extra
                    .get_or_insert_with(Vec::new)
                    .push(extra.trim().to_owned());
                continue;
            }
            if let Some((_, body)) = sections.last_mut() {
                body.push_str(line);
                body.push('\n');
            }
        }

        let mut from = String::new();
        let mut to = None;
        let mut expected = Vec::new();
        for (section, body) in sections {
            match section.as_str() {
                "from" => from = body,
                "to" => to = Some(body),
                flavour => expected.push((flavour_by_name(flavour), uncomment(&body))),
            }
        }
        let to = to.unwrap_or_else(|| panic!("{name}: no `// ---- to` section"));
        Case {
            name,
            flavours,
            datasource_extra,
            from_datasource_extra,
            from,
            to,
            expected,
        }
    }

    fn expected(&self, flavour: Flavour) -> Option<&str> {
        self.expected
            .iter()
            .find(|(f, _)| *f == flavour)
            .map(|(_, e)| e.as_str())
    }

    fn schema_text(&self, flavour: Flavour, models: &str, is_from: bool) -> String {
        let (provider, url) = match flavour {
            Flavour::Postgres => ("postgresql", "postgresql://localhost:5432/strata"),
            Flavour::Mysql => ("mysql", "mysql://localhost:3306/strata"),
            Flavour::Sqlite => ("sqlite", "file:dev.db"),
        };
        let mut text =
            format!("datasource db {{\n  provider = \"{provider}\"\n  url      = \"{url}\"\n");
        let extras = match &self.from_datasource_extra {
            Some(from_extra) if is_from => from_extra,
            _ => &self.datasource_extra,
        };
        for extra in extras {
            let _ = writeln!(text, "  {extra}");
        }
        text.push_str("}\n\n");
        text.push_str(models);
        text
    }

    fn calculate(
        &self,
        flavour: Flavour,
        models: &str,
        is_from: bool,
    ) -> Result<SqlSchema, String> {
        let text = self.schema_text(flavour, models, is_from);
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
                Ok(flavour::calculate::calculate(&datamodel, flavour))
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
    let mut text = lines.join("\n");
    while text.ends_with('\n') {
        text.pop();
    }
    text
}

fn cases() -> Vec<Case> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/diff_scenarios");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("read {}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "prisma"))
        .collect();
    paths.sort();
    assert!(!paths.is_empty(), "no scenarios in {}", dir.display());
    paths.iter().map(|p| Case::read(p)).collect()
}

/// A rendered scenario, ready to be executed.
struct Rendered {
    case: String,
    from: SqlSchema,
    to: SqlSchema,
    script: String,
}

/// Step 1 for every case of a flavour: the rendered scripts, and the mismatches.
fn render_all(flavour: Flavour, failures: &mut Vec<String>) -> Vec<Rendered> {
    let print = std::env::var_os("STRATA_SCENARIOS_PRINT").is_some();
    let mut rendered = Vec::new();
    for case in cases()
        .into_iter()
        .filter(|c| c.flavours.contains(&flavour))
    {
        let schemas = case
            .calculate(flavour, &case.from, true)
            .and_then(|f| Ok((f, case.calculate(flavour, &case.to, false)?)));
        let (from, to) = match schemas {
            Ok(pair) => pair,
            Err(e) => {
                failures.push(format!("{} ({flavour:?}): schema errors:\n{e}", case.name));
                continue;
            }
        };
        let migration = flavour::render::diff(flavour, &from, &to);
        let script =
            flavour::render::render_script(flavour, &migration, &sql_schema::check(&migration));
        if print {
            println!("==== {} ({flavour:?})\n{script}", case.name);
        }
        match case.expected(flavour) {
            Some(expected) if expected == script.trim_end() => {}
            Some(expected) => failures.push(format!(
                "{} ({flavour:?}): script differs\n--- expected\n{expected}\n--- actual\n{}",
                case.name,
                script.trim_end()
            )),
            None => failures.push(format!(
                "{} ({flavour:?}): no `// ---- {}` section",
                case.name,
                name_of(flavour)
            )),
        }
        rendered.push(Rendered {
            case: case.name,
            from,
            to,
            script,
        });
    }
    rendered
}

fn name_of(flavour: Flavour) -> &'static str {
    FLAVOURS
        .iter()
        .find(|(f, _)| *f == flavour)
        .map(|(_, n)| *n)
        .unwrap_or("?")
}

fn finish(flavour: Flavour, failures: Vec<String>) {
    assert!(
        failures.is_empty(),
        "{} {flavour:?} scenario failure(s):\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

/// A throwaway database of one flavour.
trait TestDb {
    fn execute(&mut self, sql: &str) -> Result<(), String>;
    fn describe(&mut self) -> Result<SqlSchema, String>;
}

struct Pg {
    db: support::PgDb,
    scope: PgScope,
}

impl TestDb for Pg {
    fn execute(&mut self, sql: &str) -> Result<(), String> {
        self.db
            .client()
            .batch_execute(sql)
            .map_err(|e| format!("{e:?}"))
    }

    fn describe(&mut self) -> Result<SqlSchema, String> {
        describe_postgres(self.db.client(), &self.scope).map_err(|e| e.to_string())
    }
}

struct My(support::MyDb);

impl TestDb for My {
    fn execute(&mut self, sql: &str) -> Result<(), String> {
        use mysql::prelude::Queryable;
        self.0.conn().query_drop(sql).map_err(|e| e.to_string())
    }

    fn describe(&mut self) -> Result<SqlSchema, String> {
        let name = self.0.name.clone();
        describe_mysql(self.0.conn(), &name).map_err(|e| e.to_string())
    }
}

struct Lite(support::SqliteFile);

impl TestDb for Lite {
    fn execute(&mut self, sql: &str) -> Result<(), String> {
        self.0.conn.execute_batch(sql).map_err(|e| e.to_string())
    }

    fn describe(&mut self) -> Result<SqlSchema, String> {
        describe_sqlite(&self.0.conn).map_err(|e| e.to_string())
    }
}

/// Describe the database and diff it against `expected`: Err with the drift script if any.
fn expect_schema<D: TestDb>(
    db: &mut D,
    flavour: Flavour,
    differ: &dyn DiffFlavour,
    expected: &SqlSchema,
) -> Result<(), String> {
    let described = db.describe().map_err(|e| format!("describe failed: {e}"))?;
    let drift = sql_schema::diff(&described, expected, differ);
    if drift.is_empty() {
        return Ok(());
    }
    let script = flavour::render::render_script(flavour, &drift, &Default::default());
    Err(format!(
        "the database differs from the expected schema:\n{script}"
    ))
}

/// Step 2 for one case. As `migrate dev` does, the migration applied is the diff from the
/// *described* `from` database to `to`; after it the database must be exactly `to`. When that
/// script differs from the schema-to-schema one (e.g. MySQL's leftover foreign-key indexes),
/// the latter must still execute on a fresh `from`. Then the reversed migration (down) must
/// bring the database back to `from`.
fn db_phase<D: TestDb>(
    flavour: Flavour,
    differ: &dyn DiffFlavour,
    case: &Rendered,
    mut fresh: impl FnMut() -> D,
    failures: &mut Vec<String>,
) {
    let name = &case.case;
    let setup = flavour::render::from_empty_script(&case.from, flavour);
    let has_from = !(case.from.tables.is_empty() && case.from.enums.is_empty());
    let build_from = |db: &mut D| if has_from { db.execute(&setup) } else { Ok(()) };

    let mut db = fresh();
    if let Err(e) = build_from(&mut db) {
        failures.push(format!(
            "{name} ({flavour:?}): creating `from` failed: {e}\n{setup}"
        ));
        return;
    }
    let described = match db.describe() {
        Ok(schema) => schema,
        Err(e) => return failures.push(format!("{name} ({flavour:?}): describe failed: {e}")),
    };
    let migration = sql_schema::diff(&described, &case.to, differ);
    let script =
        flavour::render::render_script(flavour, &migration, &sql_schema::check(&migration));
    if std::env::var_os("STRATA_SCENARIOS_PRINT").is_some() {
        println!("==== {name} ({flavour:?}) from the database\n{script}");
    }
    if let Err(e) = db.execute(&script) {
        failures.push(format!(
            "{name} ({flavour:?}): the migration from the database failed: {e}\n{script}"
        ));
        return;
    }
    if let Err(e) = expect_schema(&mut db, flavour, differ, &case.to) {
        failures.push(format!("{name} ({flavour:?}): after the migration: {e}"));
        return;
    }

    // The down migration: the reversed diff, rendered the same way, must bring `from` back.
    let down = match db.describe() {
        Ok(now) => sql_schema::diff(&now, &case.from, differ),
        Err(e) => return failures.push(format!("{name} ({flavour:?}): describe failed: {e}")),
    };
    let down_script = flavour::render::render_script(flavour, &down, &sql_schema::check(&down));
    if let Err(e) = db.execute(&down_script) {
        failures.push(format!(
            "{name} ({flavour:?}): the down migration failed: {e}\n{down_script}"
        ));
    } else if let Err(e) = expect_schema(&mut db, flavour, differ, &case.from) {
        failures.push(format!(
            "{name} ({flavour:?}): after the down migration: {e}\n{down_script}"
        ));
    }

    if script.trim_end() == case.script.trim_end() {
        return;
    }
    let mut db = fresh();
    if let Err(e) = build_from(&mut db).and_then(|()| db.execute(&case.script)) {
        failures.push(format!(
            "{name} ({flavour:?}): the schema-to-schema migration failed: {e}\n{}",
            case.script
        ));
    }
}

#[test]
fn postgres_scenarios() {
    let flavour = Flavour::Postgres;
    let mut failures = Vec::new();
    for case in &render_all(flavour, &mut failures) {
        let scope = || {
            if case.to.namespaces.is_empty() {
                PgScope::default_schema("public")
            } else {
                PgScope::explicit(&case.to.namespaces)
            }
        };
        let fresh = || Pg {
            db: support::PgDb::new(),
            scope: scope(),
        };
        db_phase(
            flavour,
            flavour::render::diff_flavour(flavour),
            case,
            fresh,
            &mut failures,
        );
    }
    finish(flavour, failures);
}

#[test]
fn mysql_scenarios() {
    use mysql::prelude::Queryable;
    let flavour = Flavour::Mysql;
    let mut failures = Vec::new();
    let rendered = render_all(flavour, &mut failures);
    let version: String = support::MyDb::new()
        .conn()
        .query_first("SELECT VERSION()")
        .ok()
        .flatten()
        .unwrap_or_default();
    let differ = flavour::render::diff_flavour_for_server(flavour, &version);
    for case in &rendered {
        db_phase(
            flavour,
            differ,
            case,
            || My(support::MyDb::new()),
            &mut failures,
        );
    }
    finish(flavour, failures);
}

#[test]
fn sqlite_scenarios() {
    let flavour = Flavour::Sqlite;
    let mut failures = Vec::new();
    for case in &render_all(flavour, &mut failures) {
        let fresh = || Lite(support::SqliteFile::with(""));
        db_phase(
            flavour,
            flavour::render::diff_flavour(flavour),
            case,
            fresh,
            &mut failures,
        );
    }
    finish(flavour, failures);
}
