//! Migration-script execution (spec §5.6) and the error texts P3018 needs.

use crate::connection::{Connection, Inner};
use crate::error::ScriptError;
use crate::split::{split_statements, statement_needs_no_transaction};
use crate::{lite, my, pg, DbKind};
use mysql::prelude::Queryable;

/// Runs a script the way Prisma does:
/// - PostgreSQL: the whole script as one simple query (one implicit transaction), unless it holds
///   statements that cannot run in a transaction block; then consecutive ordinary statements
///   still run together as one implicit transaction, and each such statement runs on its own.
/// - MySQL: one multi-statement query; errors name the failing statement's number.
/// - SQLite: one `execute_batch` (no implicit transaction).
///
/// A leading UTF-8 byte-order mark (editors on Windows write one) is not sent: every server
/// reads it as part of the first token and fails with a syntax error. The checksum, computed by
/// the caller over the file's bytes, keeps it.
pub(crate) fn apply(conn: &mut Connection, script: &str) -> Result<(), ScriptError> {
    let script = script.strip_prefix('\u{feff}').unwrap_or(script);
    match conn.kind() {
        DbKind::Postgres => apply_pg(conn, script),
        DbKind::Mysql => apply_mysql(conn, script),
        DbKind::Sqlite => apply_sqlite(conn, script),
    }
}

/// A piece of a script sent as one simple query.
struct Chunk {
    start: usize,
    end: usize,
    /// Byte offsets (start, end) of its statements, numbered from `first_number`.
    statements: Vec<(usize, usize)>,
    first_number: usize,
}

impl Chunk {
    /// The 1-based number of the statement the error is in: the only one, or the one holding the
    /// error position (`position_byte`, an offset in the script).
    fn statement_number(&self, position_byte: Option<usize>) -> Option<usize> {
        if self.statements.len() == 1 {
            return Some(self.first_number);
        }
        let pos = position_byte?;
        let index = self.statements.iter().rposition(|(start, _)| *start <= pos)?;
        Some(self.first_number + index)
    }
}

fn pg_chunks(script: &str, version: Option<u32>) -> Vec<Chunk> {
    let statements = split_statements(script, DbKind::Postgres);
    let alone: Vec<bool> = statements.iter().map(|s| statement_needs_no_transaction(&s.text, version)).collect();
    if !alone.contains(&true) {
        return vec![Chunk { start: 0, end: script.len(), statements: Vec::new(), first_number: 1 }];
    }
    let mut chunks: Vec<Chunk> = Vec::new();
    let mut open = false;
    for (index, (s, alone)) in statements.iter().zip(alone).enumerate() {
        let end = s.start + s.text.len();
        match chunks.last_mut() {
            Some(last) if open && !alone => {
                last.end = end;
                last.statements.push((s.start, end));
            }
            _ => {
                chunks.push(Chunk { start: s.start, end, statements: vec![(s.start, end)], first_number: index + 1 });
                open = !alone;
            }
        }
    }
    chunks
}

fn apply_pg(conn: &mut Connection, script: &str) -> Result<(), ScriptError> {
    let needs_version = script.to_ascii_uppercase().contains("VALUE");
    let version = if needs_version { conn.pg_server_version_num().ok().flatten() } else { None };
    let chunks = pg_chunks(script, version);
    let info = conn.info.clone();
    let Inner::Postgres(client) = &mut conn.inner else { return Err(kind_mismatch()) };
    for chunk in &chunks {
        let Err(e) = client.simple_query(&script[chunk.start..chunk.end]) else { continue };
        end_open_transaction(client);
        let Some(db) = e.as_db_error() else {
            let statement_number = chunk.statement_number(None);
            // As Prisma: the driver's own text when the server sent no error.
            let database_error = e.to_string();
            let source = pg::error(e, &info);
            return Err(ScriptError { database_error_code: None, database_error, statement_number, source });
        };
        let position_char = match db.position() {
            Some(postgres::error::ErrorPosition::Original(p)) => Some(script[..chunk.start].chars().count() + *p as usize),
            _ => None,
        };
        let position_byte = position_char.and_then(|p| script.char_indices().nth(p.saturating_sub(1)).map(|(b, _)| b));
        let statement_number = chunk.statement_number(position_byte);
        let position = position_char.map(|p| format_pg_error_position(script, p)).unwrap_or_default();
        let database_error = format!("{db}{position}\n\n{db:?}");
        return Err(ScriptError {
            database_error_code: Some(db.code().code().to_string()),
            database_error,
            statement_number,
            source: pg::error(e, &info),
        });
    }
    Ok(())
}

/// After a failed script: a `BEGIN` of the script's own leaves its transaction block open (and
/// aborted), which would swallow the history update that records the failure ("current
/// transaction is aborted"). Rolling it back restores the state before the script; with no
/// block open the server only warns. A failure here (connection gone) surfaces on the next query.
fn end_open_transaction(client: &mut postgres::Client) {
    let _ = client.batch_execute("ROLLBACK");
}

/// `kind()` comes from the same ConnectionInfo that chose the driver, so this cannot happen.
fn kind_mismatch() -> ScriptError {
    let source = crate::error::DbError::Other("connection kind and driver disagree".into());
    ScriptError { database_error_code: None, database_error: source.to_string(), statement_number: None, source }
}

/// Prisma's "Position:" excerpt for a PostgreSQL error: up to four numbered lines before the
/// failing one (with a line 0 when the script is shorter), then the failing line, in bold and red.
///
/// Like Prisma, `position` (PostgreSQL counts characters, 1-based) is compared with byte offsets.
pub fn format_pg_error_position(script: &str, position: usize) -> String {
    let mut previous: [&str; 5] = [""; 5];
    let mut byte_index = 0;
    for (line_idx, line) in script.lines().enumerate() {
        let line_number = line_idx + 1;
        byte_index += line.len() + 1;
        if position > byte_index {
            previous = [previous[1], previous[2], previous[3], previous[4], line];
            continue;
        }
        let numbered: Vec<String> = previous
            .iter()
            .enumerate()
            .filter_map(|(idx, l)| line_number.checked_sub(previous.len() - idx).map(|n| (n, l)))
            .map(|(n, l)| format!("\x1b[1m{n:>3}\x1b[0m{}{l}", if l.is_empty() { "" } else { " " }))
            .collect();
        return format!(
            "\n\nPosition:\n{}\n\x1b[1m{line_number:>3}\x1b[1;31m {line}\x1b[0m",
            numbered.join("\n")
        );
    }
    String::new()
}

fn apply_mysql(conn: &mut Connection, script: &str) -> Result<(), ScriptError> {
    // The server answers a query of only comments with ER_EMPTY_QUERY (1065); a migration that
    // holds no statement (`-- This is an empty migration.`) has nothing to run.
    if split_statements(script, DbKind::Mysql).is_empty() {
        return Ok(());
    }
    let info = conn.info.clone();
    let Inner::Mysql(c) = &mut conn.inner else { return Err(kind_mismatch()) };
    let Err((number, e)) = my::run_multi(c, script) else { return Ok(()) };
    // As on PostgreSQL: a `START TRANSACTION` of the script's own must not stay open around the
    // history update that records the failure. Without one, ROLLBACK does nothing.
    let _ = c.query_drop("ROLLBACK");
    let (code, database_error) = match &e {
        mysql::Error::MySqlError(se) => (
            Some(se.code.to_string()),
            format!("{}\n\nPlease check the query number {number} from the migration file.", se.message),
        ),
        other => (None, other.to_string()),
    };
    Err(ScriptError { database_error_code: code, database_error, statement_number: Some(number), source: my::error(e, &info) })
}

fn apply_sqlite(conn: &mut Connection, script: &str) -> Result<(), ScriptError> {
    let Inner::Sqlite(c) = &mut conn.inner else { return Err(kind_mismatch()) };
    let Err(e) = c.execute_batch(script) else { return Ok(()) };
    // As on PostgreSQL: end a `BEGIN` of the script's own that the error left open.
    if !c.is_autocommit() {
        let _ = c.execute_batch("ROLLBACK");
    }
    // As Prisma's engine: the driver's full message (for syntax errors it names the rest of
    // the script and the offset) and the extended result code.
    let database_error = e.to_string();
    let source = lite::error(e);
    let code = source.database_code().map(str::to_string);
    Err(ScriptError { database_error_code: code, database_error, statement_number: None, source })
}
