//! Dispatch of `render` (and of the differ hooks) to the flavour folders, and the script
//! assembly shared by all flavours.
//!
//! Render is a pure function of a [`Migration`]: each step reads `before` / `after` only, so a
//! reversed migration (`diff(to, from)`) renders the down script the same way.

use crate::{mysql, postgres, sqlite, Flavour};
use sql_schema::{Checks, DiffFlavour, ForeignKeyAction, Migration, SqlSchema, Step};

/// The differ hooks of a flavour.
pub fn diff_flavour(flavour: Flavour) -> &'static dyn DiffFlavour {
    match flavour {
        Flavour::Postgres => &postgres::casts::PostgresDiffFlavour,
        Flavour::Mysql => &mysql::casts::MysqlDiffFlavour { is_mariadb: false },
        Flavour::Sqlite => &sqlite::casts::SqliteDiffFlavour,
    }
}

/// `diff` with the flavour's hooks.
pub fn diff(flavour: Flavour, from: &SqlSchema, to: &SqlSchema) -> Migration {
    sql_schema::diff(from, to, diff_flavour(flavour))
}

/// `migrate diff --from-empty --to-schema … --script`: the script that creates `target` from
/// nothing (no warnings: an empty database has no data to lose).
pub fn from_empty_script(target: &SqlSchema, flavour: Flavour) -> String {
    let migration = diff(flavour, &SqlSchema::default(), target);
    render_script(flavour, &migration, &Checks::default())
}

/// The statements of one step, without trailing `;`. Empty for a step the flavour expresses
/// elsewhere (e.g. SQLite foreign keys live in CREATE TABLE).
pub fn render_step(flavour: Flavour, migration: &Migration, step: &Step) -> Vec<String> {
    let schemas = migration.schemas();
    match flavour {
        Flavour::Postgres => postgres::render::render_step(step, schemas),
        Flavour::Mysql => mysql::render::render_step(step, schemas),
        Flavour::Sqlite => sqlite::render::render_step(step, schemas),
    }
}

/// The migration script exactly as Prisma writes `migration.sql` (and `migrate diff --script`
/// prints it): the warnings comment, then each step under its `-- Header`, steps separated by
/// a blank line, every statement ending in `;\n`.
pub fn render_script(flavour: Flavour, migration: &Migration, checks: &Checks) -> String {
    if migration.steps.is_empty() {
        return "-- This is an empty migration.".to_owned();
    }

    let mut script = String::with_capacity(64 * migration.steps.len());
    if !checks.is_empty() {
        script.push_str("/*\n  Warnings:\n\n");
        for diagnostic in checks.warnings.iter().chain(&checks.unexecutable) {
            script.push_str("  - ");
            script.push_str(&diagnostic.message);
            script.push('\n');
        }
        script.push_str("\n*/\n");
    }

    let mut first = true;
    for step in &migration.steps {
        let statements = render_step(flavour, migration, step);
        if statements.is_empty() {
            continue;
        }
        if !first {
            script.push('\n');
        }
        first = false;
        script.push_str("-- ");
        script.push_str(step.description());
        script.push('\n');
        for statement in statements {
            script.push_str(&statement);
            script.push_str(";\n");
        }
    }
    script
}

/// `'…'` with `'` doubled.
pub(crate) fn quote_string(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    bytes.iter().fold(String::with_capacity(bytes.len() * 2), |mut out, b| {
        let _ = write!(out, "{b:02x}");
        out
    })
}

pub(crate) fn referential_action(action: ForeignKeyAction) -> &'static str {
    match action {
        ForeignKeyAction::NoAction => "NO ACTION",
        ForeignKeyAction::Restrict => "RESTRICT",
        ForeignKeyAction::Cascade => "CASCADE",
        ForeignKeyAction::SetNull => "SET NULL",
        ForeignKeyAction::SetDefault => "SET DEFAULT",
    }
}

pub(crate) fn sort_order(order: Option<sql_schema::SortOrder>) -> &'static str {
    match order {
        Some(sql_schema::SortOrder::Asc) => " ASC",
        Some(sql_schema::SortOrder::Desc) => " DESC",
        None => "",
    }
}
