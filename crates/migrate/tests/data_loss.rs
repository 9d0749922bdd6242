//! Row and value counts read from real databases for the destructive-change check.

mod common;

use common::{Provider, TestDb};
use migrate::data_loss::read_counts;
use sql_schema::{CountQuery, DataCounts};

fn counts(provider: Provider) {
    let db = TestDb::new(provider);
    db.exec("CREATE TABLE \"Cat\" (\"id\" INTEGER PRIMARY KEY, \"name\" TEXT)");
    db.exec("INSERT INTO \"Cat\" (\"id\", \"name\") VALUES (1, 'a'), (2, NULL), (3, 'c')");
    let rows = CountQuery::Rows { namespace: None, table: "Cat".into() };
    let values = CountQuery::NonNullValues { namespace: None, table: "Cat".into(), column: "name".into() };
    let missing = CountQuery::Rows { namespace: None, table: "Dog".into() };
    let mut conn = db.conn();
    let counts = read_counts(&mut conn, &[rows.clone(), values.clone(), missing]).expect("counts");

    let mut expected = DataCounts::default();
    expected.set(rows, 3);
    expected.set(values, 2);
    // The missing table stays unknown, and the connection is still usable afterwards.
    assert_eq!(counts, expected);
    assert!(conn.query("SELECT 1", &[]).is_ok());
}

#[test]
fn sqlite_counts() {
    counts(Provider::Sqlite);
}

#[test]
fn postgres_counts() {
    counts(Provider::Postgres);
}

#[test]
fn mysql_counts() {
    counts(Provider::Mysql);
}

/// Namespaced tables (multi-schema PostgreSQL) are counted in their schema.
#[test]
fn postgres_counts_in_a_namespace() {
    let db = TestDb::new(Provider::Postgres);
    db.exec("CREATE SCHEMA \"zoo\"");
    db.exec("CREATE TABLE \"zoo\".\"Cat\" (\"id\" INTEGER PRIMARY KEY)");
    db.exec("INSERT INTO \"zoo\".\"Cat\" VALUES (1), (2)");
    let rows = CountQuery::Rows { namespace: Some("zoo".into()), table: "Cat".into() };
    let counts = read_counts(&mut db.conn(), std::slice::from_ref(&rows)).expect("counts");
    let mut expected = DataCounts::default();
    expected.set(rows, 2);
    assert_eq!(counts, expected);
}
