//! Live database → [`SqlSchema`], dispatched to the flavour folders.
//!
//! Every flavour reads its catalog with a constant number of queries (one per object kind, for
//! all tables at once), so describing a database of thousands of tables costs a handful of
//! round trips. [`DescribeStats`] reports how many statements were sent.
//!
//! What describe leaves out, as Prisma's describer and differ do: the `_prisma_migrations`
//! table, objects owned by extensions (PostGIS tables and views, …), SQLite's internal tables,
//! partitions of a partitioned table (the parent is described), expression indexes.

use sql_schema::SqlSchema;

pub use crate::postgres::describe::{describe_postgres, describe_postgres_with_stats, PgScope};
pub use crate::mysql::describe::{describe_mysql, describe_mysql_with_stats};
pub use crate::sqlite::describe::{describe_sqlite, describe_sqlite_with_stats};

/// The migrations history table: never part of a described schema.
pub(crate) const MIGRATIONS_TABLE: &str = "_prisma_migrations";

#[derive(Debug, thiserror::Error)]
pub enum DescribeError {
    #[error("error querying the PostgreSQL catalog: {}", postgres_message(.0))]
    Postgres(#[from] postgres::Error),
    #[error("error querying the MySQL catalog: {0}")]
    Mysql(#[from] mysql::Error),
    #[error("error querying the SQLite catalog: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// A foreign key points into a schema that is not described (Prisma's P4002 situation).
    /// The text is P4002's whole message: Prisma wraps its describer's message, which already
    /// starts with "The schema of the introspected database was inconsistent: ", in P4002's
    /// template with the same words, so they appear twice (checked with Prisma 6.19.3's
    /// `migrate diff`, `migrate dev` and `db pull`).
    #[error(
        "The schema of the introspected database was inconsistent: The schema of the introspected database was inconsistent: Cross schema references are only allowed when the target schema is listed in the schemas property of your datasource. `{from}` points to `{to}` in constraint `{constraint}`. Please add `{missing_namespace}` to your `schemas` property and run this command again."
    )]
    CrossSchemaReference { from: String, to: String, constraint: String, missing_namespace: String },
    /// The catalog returned something describe cannot make sense of.
    #[error("unexpected catalog data: {0}")]
    Catalog(String),
}

/// The server's message where there is one (`postgres::Error` displays only "db error").
fn postgres_message(error: &postgres::Error) -> String {
    match error.as_db_error() {
        Some(db) => format!("{}: {}", db.severity(), db.message()),
        None => error.to_string(),
    }
}

/// Counters of one describe run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DescribeStats {
    /// Statements sent to the database.
    pub queries: usize,
}

/// A connection to describe, with what each flavour needs to know.
pub enum Target<'a> {
    Postgres { client: &'a mut postgres::Client, scope: &'a PgScope },
    Mysql { conn: &'a mut mysql::Conn, database: &'a str },
    Sqlite(&'a rusqlite::Connection),
}

/// Describe whatever database `target` is, as Prisma 6.19 sees it by default: partial indexes
/// are left out (they belong to the `partialIndexes` preview feature; use
/// [`describe_connection`] with [`DescribeOptions`] to keep them). The per-flavour functions
/// return every index.
pub fn describe(target: Target<'_>) -> Result<SqlSchema, DescribeError> {
    let mut schema = match target {
        Target::Postgres { client, scope } => describe_postgres(client, scope),
        Target::Mysql { conn, database } => describe_mysql(conn, database),
        Target::Sqlite(conn) => describe_sqlite(conn),
    }?;
    strip_partial_indexes(&mut schema);
    Ok(schema)
}

/// What the schema file says about describing: which PostgreSQL schemas, and whether partial
/// indexes are part of the schema language (`previewFeatures = ["partialIndexes"]`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DescribeOptions {
    /// The datasource's `schemas = [...]` (PostgreSQL); empty when it names none.
    pub schemas: Vec<String>,
    /// Keep partial indexes. Without the preview feature Prisma (6.19) does not see them at all,
    /// so an index a migration created with a WHERE clause is never drift.
    pub partial_indexes: bool,
}

impl DescribeOptions {
    pub fn for_datamodel(datamodel: &psl::datamodel::Datamodel) -> DescribeOptions {
        let schemas = datamodel.datasource.as_ref().map(|ds| ds.schemas.clone()).unwrap_or_default();
        let partial_indexes = datamodel
            .generators
            .iter()
            .flat_map(|g| &g.preview_features)
            .any(|f| f.eq_ignore_ascii_case("partialIndexes"));
        DescribeOptions { schemas, partial_indexes }
    }
}

/// Describes the database `conn` is connected to: PostgreSQL reads the connection's schema
/// (`?schema=`, else `public`) or, when the datasource lists `schemas`, exactly those; MySQL
/// reads the connection's database; SQLite its main database.
pub fn describe_connection(conn: &mut db::Connection, options: &DescribeOptions) -> Result<SqlSchema, DescribeError> {
    describe_connection_with_stats(conn, options).map(|(schema, _)| schema)
}

pub fn describe_connection_with_stats(
    conn: &mut db::Connection,
    options: &DescribeOptions,
) -> Result<(SqlSchema, DescribeStats), DescribeError> {
    let info = conn.info();
    let default_schema = info.schema_name().unwrap_or("public").to_owned();
    let database = info.database_name().to_owned();
    let unavailable = || DescribeError::Catalog("the connection has no driver handle".into());
    let (mut schema, stats) = match conn.kind() {
        db::DbKind::Postgres => {
            let scope = PgScope { default_schema: Some(default_schema), explicit: options.schemas.clone() };
            describe_postgres_with_stats(conn.postgres_client().ok_or_else(unavailable)?, &scope)?
        }
        db::DbKind::Mysql => describe_mysql_with_stats(conn.mysql_conn().ok_or_else(unavailable)?, &database)?,
        db::DbKind::Sqlite => describe_sqlite_with_stats(conn.sqlite_conn().ok_or_else(unavailable)?)?,
    };
    if !options.partial_indexes {
        strip_partial_indexes(&mut schema);
    }
    Ok((schema, stats))
}

/// Removes partial indexes (those with a predicate), as Prisma does without `partialIndexes`.
pub fn strip_partial_indexes(schema: &mut SqlSchema) {
    for table in &mut schema.tables {
        table.indexes.retain(|index| index.predicate.is_none());
    }
}

/// Canonical text of a decimal literal, so that `1.50`, `1.5` and `'1.5'::numeric` agree:
/// no leading `+`, no leading zeros, no trailing fractional zeros, no trailing dot, no `-0`.
/// Returns None when `raw` is not a plain decimal number (exponents and all).
pub(crate) fn canonical_decimal(raw: &str) -> Option<String> {
    let raw = raw.trim();
    let (negative, digits) = match raw.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, raw.strip_prefix('+').unwrap_or(raw)),
    };
    let (int_part, frac_part) = digits.split_once('.').unwrap_or((digits, ""));
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if (int_part.is_empty() && frac_part.is_empty()) || !all_digits(int_part) || !all_digits(frac_part) {
        return None;
    }
    let int_part = int_part.trim_start_matches('0');
    let frac_part = frac_part.trim_end_matches('0');
    let mut out = String::with_capacity(digits.len() + 2);
    if negative && !(int_part.is_empty() && frac_part.is_empty()) {
        out.push('-');
    }
    out.push_str(if int_part.is_empty() { "0" } else { int_part });
    if !frac_part.is_empty() {
        out.push('.');
        out.push_str(frac_part);
    }
    Some(out)
}

/// A plain integer literal (optionally signed).
pub(crate) fn parse_int_literal(raw: &str) -> Option<i64> {
    let raw = raw.trim();
    let digits = raw.strip_prefix(['-', '+']).unwrap_or(raw);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    raw.parse().ok()
}

/// A float/decimal default as Prisma's describers (SQLite and MySQL) read one (`^'?([^']+)'?$`
/// parsed as a BigDecimal), printed as the BigDecimal prints: `1.50` stays `1.50`, `1e3` is
/// `1000`, `.5` is `0.5`.
pub(crate) fn prisma_float(raw: &str) -> Option<String> {
    let text = raw.strip_prefix('\'').unwrap_or(raw);
    let text = text.strip_suffix('\'').unwrap_or(text);
    if text.is_empty() || text.contains('\'') {
        return None;
    }
    bigdecimal_text(text)
}

/// `[+-]digits[.digits][e[+-]digits]` in BigDecimal's plain notation; None for anything else.
fn bigdecimal_text(text: &str) -> Option<String> {
    let (negative, unsigned) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    let (mantissa, exponent) = match unsigned.find(['e', 'E']) {
        Some(at) => (&unsigned[..at], unsigned[at + 1..].parse::<i64>().ok()?),
        None => (unsigned, 0),
    };
    let (int_part, frac_part) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if (int_part.is_empty() && frac_part.is_empty()) || !all_digits(int_part) || !all_digits(frac_part) {
        return None;
    }
    let scale = i64::try_from(frac_part.len()).ok()? - exponent;
    let joined = format!("{int_part}{frac_part}");
    let digits = match joined.trim_start_matches('0') {
        "" => "0",
        rest => rest,
    };
    let mut out = String::new();
    if negative && digits != "0" {
        out.push('-');
    }
    if scale <= 0 {
        out.push_str(digits);
        if digits != "0" {
            out.push_str(&"0".repeat(usize::try_from(-scale).ok()?));
        }
        return Some(out);
    }
    let scale = usize::try_from(scale).ok()?;
    if digits.len() > scale {
        let (whole, fraction) = digits.split_at(digits.len() - scale);
        out.push_str(whole);
        out.push('.');
        out.push_str(fraction);
    } else {
        out.push_str("0.");
        out.push_str(&"0".repeat(scale - digits.len()));
        out.push_str(digits);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_decimals() {
        assert_eq!(canonical_decimal("1.50").as_deref(), Some("1.5"));
        assert_eq!(canonical_decimal("001.000").as_deref(), Some("1"));
        assert_eq!(canonical_decimal("-0.0").as_deref(), Some("0"));
        assert_eq!(canonical_decimal(".5").as_deref(), Some("0.5"));
        assert_eq!(canonical_decimal("-12.340").as_deref(), Some("-12.34"));
        assert_eq!(canonical_decimal("1e5"), None);
        assert_eq!(canonical_decimal("."), None);
        assert_eq!(canonical_decimal("abc"), None);
    }

    #[test]
    fn prisma_floats() {
        assert_eq!(prisma_float("'1.50'").as_deref(), Some("1.50"));
        assert_eq!(prisma_float("1e3").as_deref(), Some("1000"));
        assert_eq!(prisma_float("-.5").as_deref(), Some("-0.5"));
        assert_eq!(prisma_float("1E-2").as_deref(), Some("0.01"));
        assert_eq!(prisma_float("'a'"), None);
        assert_eq!(prisma_float("''"), None);
    }

    #[test]
    fn int_literals() {
        assert_eq!(parse_int_literal("-12"), Some(-12));
        assert_eq!(parse_int_literal("12.0"), None);
        assert_eq!(parse_int_literal("99999999999999999999"), None);
    }
}
