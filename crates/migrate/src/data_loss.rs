//! The destructive-change check against a live database (spec §5.9): the row and value counts
//! [`sql_schema::Checks::queries`] asks for are read from the database and fed to
//! [`sql_schema::check_with_counts`], so empty tables raise nothing and the messages quote the
//! numbers, as Prisma's `evaluateDataLoss` and `db push` do.

use crate::error::MigrateError;
use db::{Connection, DbKind, Value};
use sql_schema::{check_with_counts, Checks, CountQuery, DataCounts, Migration};

/// The checks of `migration` with counts read through `conn` (the database the migration
/// would run on).
pub fn check_against_database(conn: &mut Connection, migration: &Migration) -> Result<Checks, MigrateError> {
    let counts = read_counts(conn, &Checks::queries(migration))?;
    Ok(check_with_counts(migration, &counts))
}

/// Runs each count query. A table or column the database does not have (yet) leaves its count
/// unknown, as in Prisma, where the check then words its message for an unknown count.
pub fn read_counts(conn: &mut Connection, queries: &[CountQuery]) -> Result<DataCounts, MigrateError> {
    let mut counts = DataCounts::default();
    for query in queries {
        let sql = count_sql(conn.kind(), query);
        let Ok(rows) = conn.query(&sql, &[]) else { continue };
        if let Some(count) = first_count(&rows) {
            counts.set(query.clone(), count);
        }
    }
    Ok(counts)
}

fn first_count(rows: &[Vec<Value>]) -> Option<u64> {
    let value = rows.first()?.first()?.as_i64()?;
    u64::try_from(value).ok()
}

/// `SELECT COUNT(*) FROM t` / `… WHERE c IS NOT NULL`, with the flavour's quoting.
pub fn count_sql(kind: DbKind, query: &CountQuery) -> String {
    match query {
        CountQuery::Rows { namespace, table } => {
            format!("SELECT COUNT(*) FROM {}", table_name(kind, namespace.as_deref(), table))
        }
        CountQuery::NonNullValues { namespace, table, column } => format!(
            "SELECT COUNT(*) FROM {} WHERE {} IS NOT NULL",
            table_name(kind, namespace.as_deref(), table),
            db::quote_ident(kind, column)
        ),
    }
}

fn table_name(kind: DbKind, namespace: Option<&str>, table: &str) -> String {
    match namespace {
        Some(ns) if kind == DbKind::Postgres => format!("{}.{}", db::quote_ident(kind, ns), db::quote_ident(kind, table)),
        _ => db::quote_ident(kind, table),
    }
}


#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn count_queries_are_quoted_per_flavour() {
        let rows = CountQuery::Rows { namespace: Some("app".into()), table: "Us\"er".into() };
        assert_eq!(count_sql(DbKind::Postgres, &rows), "SELECT COUNT(*) FROM \"app\".\"Us\"\"er\"");
        let values = CountQuery::NonNullValues { namespace: None, table: "User".into(), column: "na`me".into() };
        assert_eq!(count_sql(DbKind::Mysql, &values), "SELECT COUNT(*) FROM `User` WHERE `na``me` IS NOT NULL");
        assert_eq!(count_sql(DbKind::Sqlite, &values), "SELECT COUNT(*) FROM \"User\" WHERE \"na`me\" IS NOT NULL");
    }
}
