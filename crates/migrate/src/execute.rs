//! `db execute` (spec §1.1): run a script as one command, no history.

use db::{DbKind, ServerError};

use crate::error::MigrateError;
use crate::target::Target;

/// Runs `script` on the target the way migration scripts run (one simple query on
/// PostgreSQL, statement by statement on MySQL, a batch on SQLite).
///
/// A failing statement is reported the way Prisma's engine reports a raw command's error (its
/// `quaint` error mapping), not with the P3018 details a migration gets.
pub fn db_execute(target: &Target, script: &str) -> Result<(), MigrateError> {
    // Prisma's engine opens a SQLite file read-write-create here (no existence check).
    if target.kind() == DbKind::Sqlite {
        target.ensure_database_exists()?;
    }
    let mut conn = target.connect()?;
    conn.apply_script(script).map_err(|err| raw_command_error(target.kind(), err))
}

/// A script's failure as Prisma's engine reports a raw command's (`quaint` error mapping):
/// `db execute`, and the inner error of P3006 when a migration fails on the shadow database.
pub(crate) fn raw_command_error(kind: DbKind, err: db::ScriptError) -> MigrateError {
    match err.source.server_error() {
        Some(server) => execute_error(kind, server),
        None => MigrateError::Db(Box::new(err.source)),
    }
}

/// P1014 for a missing table, P2002 for a unique violation, else the database's message.
fn execute_error(kind: DbKind, e: &ServerError) -> MigrateError {
    if let Some(table) = missing_table(kind, e) {
        return MigrateError::TableDoesNotExist { table };
    }
    if kind == DbKind::Postgres && e.code == "23505" {
        return MigrateError::UniqueConstraintViolation { constraint: pg_unique_fields(e) };
    }
    MigrateError::ExecuteFailed(message(kind, e))
}

/// The table named by a "table does not exist" error, as quaint parses it.
fn missing_table(kind: DbKind, e: &ServerError) -> Option<String> {
    let quoted = |text: &str, quote: char| text.split_whitespace().nth(1).and_then(|s| s.split(quote).nth(1)).map(str::to_owned);
    match kind {
        DbKind::Postgres if e.code == "42P01" => quoted(&e.message, '"'),
        // `Table 'db.nope' doesn't exist`: quaint keeps the part after the last dot.
        DbKind::Mysql if e.code == "1146" => quoted(&e.message, '\'').and_then(|t| t.rsplit('.').next().map(str::to_owned)),
        DbKind::Sqlite => e.message.strip_prefix("no such table: ").map(str::to_owned),
        _ => None,
    }
}

/// `fields: (`email`)` from `Key (email)=(a) already exists.`
fn pg_unique_fields(e: &ServerError) -> String {
    let fields = e.detail.as_deref().and_then(|d| d.split(")=(").next()).and_then(|d| d.split(" (").nth(1));
    match fields {
        Some(fields) => {
            let list: Vec<String> = fields.replace('"', "").split(", ").map(|f| format!("`{f}`")).collect();
            format!("fields: ({})", list.join(","))
        }
        None => "(not available)".to_owned(),
    }
}

/// quaint's original message: on PostgreSQL the server's `SEVERITY: message` with its DETAIL and
/// HINT lines, except for the codes quaint maps to a kind of its own (message alone).
fn message(kind: DbKind, e: &ServerError) -> String {
    const PG_PLAIN: [&str; 7] = ["23503", "3D000", "28000", "28P01", "40001", "42703", "42P04"];
    // A not-null violation keeps its DETAIL line (`Failing row contains (…).`).
    if kind == DbKind::Postgres && e.code == "23502" {
        return e.detail.clone().unwrap_or_else(|| e.message.clone());
    }
    if kind != DbKind::Postgres || PG_PLAIN.contains(&e.code.as_str()) {
        return e.message.clone();
    }
    let mut text = format!("{}: {}", e.severity.as_deref().unwrap_or("ERROR"), e.message);
    if let Some(detail) = &e.detail {
        text.push_str(&format!("\nDETAIL: {detail}"));
    }
    if let Some(hint) = &e.hint {
        text.push_str(&format!("\nHINT: {hint}"));
    }
    text
}
