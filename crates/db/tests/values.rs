//! Parameter encoding and result decoding per database.

mod common;

use common::{TestDb, TestSqlite};
use db::Value;

fn text(s: &str) -> Value {
    Value::Text(s.to_string())
}

#[test]
fn postgres_result_types() {
    let db = TestDb::pg();
    let mut conn = db.connect();
    conn.raw_cmd("CREATE TYPE mood AS ENUM ('happy', 'sad')").unwrap();
    let sql = "SELECT true, 7::int2, 70000::int4, 9000000000::int8, 1.5::float4, 2.25::float8, \
               'héllo'::text, 'v'::varchar(3), 'c'::char(2), '\\x00ff'::bytea, \
               '2024-02-29 13:14:15.123456+02'::timestamptz, '1999-12-31 23:59:59'::timestamp, \
               '2000-01-01'::date, '1969-07-20'::date, '12:34:56.5'::time, \
               'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid, '{\"a\": 1}'::json, '{\"b\": [2]}'::jsonb, \
               'sad'::mood, NULL::text, 42::oid";
    let row = conn.query(sql, &[]).unwrap().remove(0);
    assert_eq!(
        row,
        vec![
            Value::Bool(true),
            Value::Int(7),
            Value::Int(70000),
            Value::Int(9_000_000_000),
            Value::Float(1.5),
            Value::Float(2.25),
            text("héllo"),
            text("v"),
            text("c "),
            Value::Bytes(vec![0, 255]),
            text("2024-02-29T11:14:15.123456Z"),
            text("1999-12-31T23:59:59"),
            text("2000-01-01"),
            text("1969-07-20"),
            text("12:34:56.5"),
            text("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"),
            text("{\"a\": 1}"),
            text("{\"b\": [2]}"),
            text("sad"),
            Value::Null,
            Value::Int(42),
        ]
    );
}

#[test]
fn postgres_numeric_is_exact_text() {
    let db = TestDb::pg();
    let mut conn = db.connect();
    for (literal, expected) in [
        ("0", "0"),
        ("0.00", "0.00"),
        ("-1.50", "-1.50"),
        ("12345678.000123", "12345678.000123"),
        ("0.0001", "0.0001"),
        ("100000000000000000000", "100000000000000000000"),
        ("-0.000000001", "-0.000000001"),
        ("10000", "10000"),
        ("9999.9999", "9999.9999"),
        ("'NaN'", "NaN"),
    ] {
        let rows = conn.query(&format!("SELECT {literal}::numeric"), &[]).unwrap();
        assert_eq!(rows[0][0], text(expected), "{literal}");
    }
}

#[test]
fn postgres_parameters_are_cast_by_the_server() {
    let db = TestDb::pg();
    let mut conn = db.connect();
    conn.raw_cmd("CREATE TABLE p (ts TIMESTAMPTZ, n BIGINT, b BYTEA, f BOOLEAN, d NUMERIC(10,2), u UUID, j JSONB)").unwrap();
    conn.query(
        "INSERT INTO p VALUES ($1, $2, $3, $4, $5, $6, $7)",
        &[
            text("2024-05-06T07:08:09.5Z"),
            Value::Int(-5),
            Value::Bytes(vec![1, 2, 254]),
            Value::Bool(false),
            Value::Float(3.25),
            text("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"),
            text("[1, 2]"),
        ],
    )
    .unwrap();
    let rows = conn.query("SELECT ts, n, b, f, d, u::text, j FROM p WHERE n = $1 AND f = $2", &[Value::Int(-5), Value::Bool(false)]).unwrap();
    assert_eq!(
        rows,
        vec![vec![
            text("2024-05-06T07:08:09.5Z"),
            Value::Int(-5),
            Value::Bytes(vec![1, 2, 254]),
            Value::Bool(false),
            text("3.25"),
            text("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"),
            text("[1, 2]"),
        ]]
    );
    conn.query("INSERT INTO p (ts) VALUES ($1)", &[Value::Null]).unwrap();
}

#[test]
fn mysql_result_types() {
    let db = TestDb::mysql();
    let mut conn = db.connect();
    conn.raw_cmd(
        "CREATE TABLE m (i INT, u BIGINT UNSIGNED, d DECIMAL(10,3), f DOUBLE, dt DATETIME(3), da DATE, ti TIME, \
         s VARCHAR(20), bl BLOB, bi VARBINARY(4), e ENUM('x','y'), j JSON, nothing TEXT)",
    )
    .unwrap();
    conn.query(
        "INSERT INTO m VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        &[
            Value::Int(-3),
            text("18446744073709551615"),
            text("12.5"),
            Value::Float(0.125),
            text("2024-02-29 01:02:03.450"),
            text("2024-03-01"),
            text("10:11:12"),
            text("wörd"),
            Value::Bytes(vec![0, 1, 2]),
            Value::Bytes(vec![9]),
            text("y"),
            text("{\"k\": true}"),
            Value::Null,
        ],
    )
    .unwrap();
    let expected = vec![
        Value::Int(-3),
        text("18446744073709551615"),
        text("12.500"),
        Value::Float(0.125),
        text("2024-02-29T01:02:03.45"),
        text("2024-03-01"),
        text("10:11:12"),
        text("wörd"),
        Value::Bytes(vec![0, 1, 2]),
        Value::Bytes(vec![9]),
        text("y"),
        text("{\"k\": true}"),
        Value::Null,
    ];
    assert_eq!(conn.query("SELECT * FROM m", &[]).unwrap(), vec![expected.clone()]);
}

#[test]
fn sqlite_values() {
    let db = TestSqlite::new();
    let mut conn = db.connect();
    conn.raw_cmd("CREATE TABLE s (i INTEGER, r REAL, t TEXT, b BLOB, n TEXT)").unwrap();
    conn.query("INSERT INTO s VALUES (?, ?, ?, ?, ?)", &[Value::Bool(true), Value::Float(0.5), text("x"), Value::Bytes(vec![7]), Value::Null]).unwrap();
    assert_eq!(
        conn.query("SELECT * FROM s", &[]).unwrap(),
        vec![vec![Value::Int(1), Value::Float(0.5), text("x"), Value::Bytes(vec![7]), Value::Null]]
    );
}
