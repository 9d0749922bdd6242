//! The `_prisma_migrations` history table (spec §2): DDL, rows, and their lifecycle.

use crate::error::MigrateError;
use db::{Connection, DbKind, Value};
use time::OffsetDateTime;

pub const TABLE: &str = "_prisma_migrations";

/// The DDL Prisma runs, byte for byte, so either tool can read the other's history.
pub fn create_table_sql(kind: DbKind) -> &'static str {
    match kind {
        DbKind::Postgres => POSTGRES_DDL,
        DbKind::Mysql => MYSQL_DDL,
        DbKind::Sqlite => SQLITE_DDL,
    }
}

const POSTGRES_DDL: &str = "CREATE TABLE _prisma_migrations (
    id                      VARCHAR(36) PRIMARY KEY NOT NULL,
    checksum                VARCHAR(64) NOT NULL,
    finished_at             TIMESTAMPTZ,
    migration_name          VARCHAR(255) NOT NULL,
    logs                    TEXT,
    rolled_back_at          TIMESTAMPTZ,
    started_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    applied_steps_count     INTEGER NOT NULL DEFAULT 0
);
";

const MYSQL_DDL: &str = "CREATE TABLE _prisma_migrations (
    id                      VARCHAR(36) PRIMARY KEY NOT NULL,
    checksum                VARCHAR(64) NOT NULL,
    finished_at             DATETIME(3),
    migration_name          VARCHAR(255) NOT NULL,
    logs                    TEXT,
    rolled_back_at          DATETIME(3),
    started_at              DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    applied_steps_count     INTEGER UNSIGNED NOT NULL DEFAULT 0
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
";

const SQLITE_DDL: &str = "CREATE TABLE \"_prisma_migrations\" (
    \"id\"                    TEXT PRIMARY KEY NOT NULL,
    \"checksum\"              TEXT NOT NULL,
    \"finished_at\"           DATETIME,
    \"migration_name\"        TEXT NOT NULL,
    \"logs\"                  TEXT,
    \"rolled_back_at\"        DATETIME,
    \"started_at\"            DATETIME NOT NULL DEFAULT current_timestamp,
    \"applied_steps_count\"   INTEGER UNSIGNED NOT NULL DEFAULT 0
);
";

/// One row of `_prisma_migrations`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MigrationRecord {
    pub id: String,
    pub checksum: String,
    pub finished_at: Option<OffsetDateTime>,
    pub migration_name: String,
    pub logs: Option<String>,
    pub rolled_back_at: Option<OffsetDateTime>,
    pub started_at: OffsetDateTime,
    pub applied_steps_count: u32,
}

impl MigrationRecord {
    /// Started, neither finished nor rolled back: a failed (or interrupted) migration.
    pub fn is_failed(&self) -> bool {
        self.finished_at.is_none() && self.rolled_back_at.is_none()
    }
}

/// The history table of one database, over a borrowed connection.
pub struct History<'a> {
    conn: &'a mut Connection,
    kind: DbKind,
    /// PostgreSQL namespaces to look in for existing tables (the connection's schema first).
    namespaces: Vec<String>,
}

impl<'a> History<'a> {
    pub fn new(conn: &'a mut Connection, kind: DbKind, namespaces: Vec<String>) -> History<'a> {
        History { conn, kind, namespaces }
    }

    pub fn kind(&self) -> DbKind {
        self.kind
    }

    pub fn connection(&mut self) -> &mut Connection {
        self.conn
    }

    /// Tables of the connection's schema (plus the extra namespaces on PostgreSQL), as Prisma
    /// lists them for the emptiness check.
    pub fn table_names(&mut self) -> Result<Vec<String>, MigrateError> {
        let sql = match self.kind {
            DbKind::Postgres => {
                let mut names = vec!["current_schema()".to_owned()];
                names.extend(self.namespaces.iter().map(|ns| quote_literal(ns)));
                format!(
                    "SELECT tbl.relname::text FROM pg_class AS tbl \
                     INNER JOIN pg_namespace AS namespace ON namespace.oid = tbl.relnamespace \
                     WHERE tbl.relkind = 'r' AND namespace.nspname IN ({})",
                    names.join(", ")
                )
            }
            DbKind::Mysql => "SELECT CAST(table_name AS CHAR) FROM information_schema.tables \
                              WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE'"
                .to_owned(),
            DbKind::Sqlite => "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name ASC".to_owned(),
        };
        let rows = self.conn.query(&sql, &[])?;
        Ok(rows.iter().filter_map(|row| row.first().and_then(Value::to_text)).collect())
    }

    pub fn table_exists(&mut self) -> Result<bool, MigrateError> {
        Ok(self.table_names()?.iter().any(|t| t == TABLE))
    }

    /// Prisma's `initialize`: the table exists → fine; any other table → P3005; else create it.
    pub fn initialize(&mut self) -> Result<(), MigrateError> {
        let tables = self.table_names()?;
        if tables.iter().any(|t| t == TABLE) {
            return Ok(());
        }
        if tables.iter().any(|t| !table_is_ignored(self.kind, t)) {
            return Err(MigrateError::DatabaseSchemaNotEmpty);
        }
        self.create_table()
    }

    /// Creates the table without the emptiness check (baselining with `resolve --applied`).
    pub fn create_table(&mut self) -> Result<(), MigrateError> {
        self.conn.raw_cmd(create_table_sql(self.kind))?;
        Ok(())
    }

    /// All rows ordered by `started_at`, or `None` when the table does not exist.
    pub fn list(&mut self) -> Result<Option<Vec<MigrationRecord>>, MigrateError> {
        if !self.table_exists()? {
            return Ok(None);
        }
        let sql = format!(
            "SELECT id, checksum, {}, migration_name, logs, {}, {}, applied_steps_count \
             FROM _prisma_migrations ORDER BY started_at ASC",
            self.read_timestamp("finished_at"),
            self.read_timestamp("rolled_back_at"),
            self.read_timestamp("started_at"),
        );
        let rows = self.conn.query(&sql, &[])?;
        rows.iter().map(|row| record_from_row(row)).collect::<Result<Vec<_>, _>>().map(Some)
    }

    /// Inserts the row of a migration that starts now; returns its id.
    pub fn record_started(&mut self, name: &str, checksum: &str) -> Result<String, MigrateError> {
        let id = uuid::Uuid::new_v4().to_string();
        let sql = format!(
            "INSERT INTO _prisma_migrations (id, checksum, started_at, migration_name) VALUES ({}, {}, {}, {})",
            self.ph(1),
            self.ph(2),
            self.write_timestamp(now()),
            self.ph(3)
        );
        self.conn.query(&sql, &[Value::from(id.as_str()), Value::from(checksum), Value::from(name)])?;
        Ok(id)
    }

    /// A failed attempt recorded after the fact (its changes were rolled back): the row
    /// never finishes, so the next deploy stops with P3009 until `resolve`.
    pub fn record_failed_attempt(&mut self, name: &str, checksum: &str, logs: &str) -> Result<String, MigrateError> {
        let id = uuid::Uuid::new_v4().to_string();
        let sql = format!(
            "INSERT INTO _prisma_migrations (id, checksum, started_at, migration_name, logs) VALUES ({}, {}, {}, {}, {})",
            self.ph(1),
            self.ph(2),
            self.write_timestamp(now()),
            self.ph(3),
            self.ph(4)
        );
        let params = [Value::from(id.as_str()), Value::from(checksum), Value::from(name), Value::from(logs)];
        self.conn.query(&sql, &params)?;
        Ok(id)
    }

    /// A migration whose script ran inside the caller's open transaction: one finished row with
    /// its step counted, written after the script (the transaction makes it all or nothing).
    pub fn record_applied(&mut self, name: &str, checksum: &str, started: OffsetDateTime) -> Result<(), MigrateError> {
        let sql = format!(
            "INSERT INTO _prisma_migrations (id, checksum, started_at, finished_at, migration_name, applied_steps_count) VALUES ({}, {}, {}, {}, {}, 1)",
            self.ph(1),
            self.ph(2),
            self.write_timestamp(started),
            self.write_timestamp(now()),
            self.ph(3)
        );
        let id = uuid::Uuid::new_v4().to_string();
        self.conn.query(&sql, &[Value::from(id.as_str()), Value::from(checksum), Value::from(name)])?;
        Ok(())
    }

    pub fn record_successful_step(&mut self, id: &str) -> Result<(), MigrateError> {
        let sql = format!(
            "UPDATE _prisma_migrations SET applied_steps_count = applied_steps_count + 1 WHERE id = {}",
            self.ph(1)
        );
        self.conn.query(&sql, &[Value::from(id)])?;
        Ok(())
    }

    pub fn record_finished(&mut self, id: &str) -> Result<(), MigrateError> {
        self.set_timestamp(id, "finished_at")
    }

    pub fn record_failed_step(&mut self, id: &str, logs: &str) -> Result<(), MigrateError> {
        let sql = format!("UPDATE _prisma_migrations SET logs = {} WHERE id = {}", self.ph(1), self.ph(2));
        self.conn.query(&sql, &[Value::from(logs), Value::from(id)])?;
        Ok(())
    }

    pub fn mark_rolled_back(&mut self, id: &str) -> Result<(), MigrateError> {
        self.set_timestamp(id, "rolled_back_at")
    }

    /// `resolve --applied`: a finished row with empty logs and no applied steps.
    pub fn mark_applied(&mut self, name: &str, checksum: &str) -> Result<String, MigrateError> {
        let id = uuid::Uuid::new_v4().to_string();
        let ts = self.write_timestamp(now());
        let sql = format!(
            "INSERT INTO _prisma_migrations (id, checksum, logs, started_at, finished_at, migration_name) \
             VALUES ({}, {}, '', {ts}, {ts}, {})",
            self.ph(1),
            self.ph(2),
            self.ph(3)
        );
        self.conn.query(&sql, &[Value::from(id.as_str()), Value::from(checksum), Value::from(name)])?;
        Ok(id)
    }

    pub fn drop_table(&mut self) -> Result<(), MigrateError> {
        self.conn.raw_cmd("DROP TABLE _prisma_migrations")?;
        Ok(())
    }

    fn set_timestamp(&mut self, id: &str, column: &str) -> Result<(), MigrateError> {
        let sql = format!(
            "UPDATE _prisma_migrations SET {column} = {} WHERE id = {}",
            self.write_timestamp(now()),
            self.ph(1)
        );
        self.conn.query(&sql, &[Value::from(id)])?;
        Ok(())
    }

    fn ph(&self, n: usize) -> String {
        match self.kind {
            DbKind::Postgres => format!("${n}"),
            DbKind::Mysql | DbKind::Sqlite => "?".to_owned(),
        }
    }

    /// A timestamp literal in the representation Prisma's driver writes: `timestamptz` on
    /// PostgreSQL, UTC `DATETIME(3)` on MySQL, integer milliseconds on SQLite (quaint's
    /// encoding of `DateTime<Utc>`). Generated here, never from user input.
    fn write_timestamp(&self, ts: OffsetDateTime) -> String {
        let micros = unix_micros(ts);
        match self.kind {
            DbKind::Postgres => format!("'{}'::timestamptz", iso(ts, 6)),
            DbKind::Mysql => format!("'{}'", iso(ts, 3).replace('T', " ").trim_end_matches('Z')),
            DbKind::Sqlite => (micros.div_euclid(1000)).to_string(),
        }
    }

    /// A column expression that reads a timestamp as microseconds since the epoch (UTC),
    /// whatever the session time zone.
    fn read_timestamp(&self, column: &str) -> String {
        match self.kind {
            DbKind::Postgres => format!("CAST(EXTRACT(EPOCH FROM {column}) * 1000000 AS BIGINT)"),
            DbKind::Mysql => format!("TIMESTAMPDIFF(MICROSECOND, '1970-01-01 00:00:00', {column})"),
            // Prisma writes integer milliseconds; the column default writes text.
            DbKind::Sqlite => format!(
                "CASE WHEN typeof({column}) IN ('integer', 'real') THEN CAST({column} * 1000 AS INTEGER) \
                 ELSE CAST(ROUND((julianday({column}) - 2440587.5) * 86400000000.0) AS INTEGER) END"
            ),
        }
    }
}

/// Tables that do not make a database "non-empty" (system tables of extensions / SQLite).
fn table_is_ignored(kind: DbKind, name: &str) -> bool {
    match kind {
        DbKind::Postgres => {
            let lower = name.to_ascii_lowercase();
            ["spatial_ref_sys", "geometry_columns", "geography_columns", "raster_columns", "raster_overviews"]
                .contains(&lower.as_str())
        }
        DbKind::Mysql => false,
        DbKind::Sqlite => name.starts_with("sqlite_"),
    }
}

fn record_from_row(row: &[Value]) -> Result<MigrationRecord, MigrateError> {
    let text = |i: usize| row.get(i).and_then(Value::to_text);
    let time = |i: usize| row.get(i).and_then(Value::as_i64).and_then(from_unix_micros);
    let missing = |col: &str| MigrateError::Other(format!("Failed to extract `{col}` from `_prisma_migrations` row."));
    Ok(MigrationRecord {
        id: text(0).ok_or_else(|| missing("id"))?,
        checksum: text(1).ok_or_else(|| missing("checksum"))?,
        finished_at: time(2),
        migration_name: text(3).ok_or_else(|| missing("migration_name"))?,
        logs: text(4),
        rolled_back_at: time(5),
        started_at: time(6).ok_or_else(|| missing("started_at"))?,
        applied_steps_count: row.get(7).and_then(Value::as_i64).and_then(|n| u32::try_from(n).ok()).unwrap_or(0),
    })
}

pub(crate) fn now() -> OffsetDateTime {
    OffsetDateTime::now_utc()
}

fn unix_micros(ts: OffsetDateTime) -> i64 {
    (ts.unix_timestamp_nanos() / 1000) as i64
}

fn from_unix_micros(micros: i64) -> Option<OffsetDateTime> {
    OffsetDateTime::from_unix_timestamp_nanos(i128::from(micros) * 1000).ok()
}

/// `YYYY-MM-DDTHH:MM:SS.fffZ` with `digits` fractional digits.
fn iso(ts: OffsetDateTime, digits: usize) -> String {
    let frac = format!("{:09}", ts.nanosecond());
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{}Z",
        ts.year(),
        u8::from(ts.month()),
        ts.day(),
        ts.hour(),
        ts.minute(),
        ts.second(),
        &frac[..digits]
    )
}

/// How chrono prints a `DateTime<Utc>` (used in P3009's details): `2024-01-02 03:04:05.678 UTC`,
/// fractional digits in groups of three, omitted when zero.
pub fn display_timestamp(ts: OffsetDateTime) -> String {
    let nanos = ts.nanosecond();
    let frac = if nanos == 0 {
        String::new()
    } else if nanos.is_multiple_of(1_000_000) {
        format!(".{:03}", nanos / 1_000_000)
    } else if nanos.is_multiple_of(1_000) {
        format!(".{:06}", nanos / 1_000)
    } else {
        format!(".{nanos:09}")
    };
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}:{:02}{frac} UTC",
        ts.year(),
        u8::from(ts.month()),
        ts.day(),
        ts.hour(),
        ts.minute(),
        ts.second()
    )
}

/// A SQL string literal.
pub(crate) fn quote_literal(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn chrono_style_display() {
        assert_eq!(display_timestamp(datetime!(2024-01-02 03:04:05 UTC)), "2024-01-02 03:04:05 UTC");
        assert_eq!(display_timestamp(datetime!(2024-01-02 03:04:05.678 UTC)), "2024-01-02 03:04:05.678 UTC");
        assert_eq!(display_timestamp(datetime!(2024-01-02 03:04:05.678901 UTC)), "2024-01-02 03:04:05.678901 UTC");
    }

    #[test]
    fn iso_timestamps() {
        assert_eq!(iso(datetime!(2024-01-02 03:04:05.678901 UTC), 3), "2024-01-02T03:04:05.678Z");
        assert_eq!(iso(datetime!(2024-01-02 03:04:05 UTC), 6), "2024-01-02T03:04:05.000000Z");
    }
}
