//! Plain connect, raw_cmd and query on the three databases.

mod common;

use common::{TestDb, TestSqlite};
use db::Value;

fn roundtrip(conn: &mut db::Connection, placeholder: impl Fn(usize) -> String) {
    conn.raw_cmd("CREATE TABLE t (id INTEGER PRIMARY KEY, name VARCHAR(50), score DOUBLE PRECISION, data TEXT); INSERT INTO t (id, name) VALUES (1, 'a')")
        .unwrap();
    let sql = format!("INSERT INTO t (id, name, score, data) VALUES ({}, {}, {}, {})", placeholder(1), placeholder(2), placeholder(3), placeholder(4));
    conn.query(&sql, &[Value::Int(2), Value::Text("b".into()), Value::Float(1.5), Value::Null]).unwrap();
    let rows = conn.query(&format!("SELECT id, name, score, data FROM t WHERE id = {}", placeholder(1)), &[Value::Int(2)]).unwrap();
    assert_eq!(rows, vec![vec![Value::Int(2), Value::Text("b".into()), Value::Float(1.5), Value::Null]]);
    let rows = conn.query("SELECT COUNT(*) FROM t", &[]).unwrap();
    assert_eq!(rows[0][0].as_i64(), Some(2));
    assert!(!conn.server_version().unwrap().is_empty());
}

#[test]
fn postgres_roundtrip() {
    let db = TestDb::pg();
    let mut conn = db.connect();
    roundtrip(&mut conn, |i| format!("${i}"));
    assert!(conn.postgres_client().is_some());
}

#[test]
fn mysql_roundtrip() {
    let db = TestDb::mysql();
    let mut conn = db.connect();
    roundtrip(&mut conn, |_| "?".to_string());
    assert!(conn.mysql_conn().is_some());
}

#[test]
fn sqlite_roundtrip() {
    let db = TestSqlite::new();
    let mut conn = db.connect();
    roundtrip(&mut conn, |_| "?".to_string());
    assert!(conn.sqlite_conn().is_some());
}

#[test]
fn server_versions_in_prisma_form() {
    let db = TestDb::mysql();
    let version = db.connect().server_version().unwrap();
    assert!(version.ends_with("-MariaDB") || version.ends_with("-MySQL"), "{version}");
    assert!(version.split('-').next().unwrap().split('.').all(|p| p.parse::<u16>().is_ok()), "{version}");
    let db = TestDb::pg();
    assert!(db.connect().server_version().unwrap().starts_with("PostgreSQL "));
    let lite = TestSqlite::new();
    assert!(lite.connect().server_version().unwrap().starts_with("3."));
}

#[test]
fn sqlite_in_memory_databases_are_private() {
    let info = db::ConnectionInfo::sqlite_in_memory();
    let mut a = db::Connection::connect(&info).unwrap();
    a.apply_script("CREATE TABLE t (id INTEGER); INSERT INTO t VALUES (1);").unwrap();
    assert_eq!(a.query("SELECT COUNT(*) FROM t", &[]).unwrap()[0][0], Value::Int(1));
    let mut b = db::Connection::connect(&info).unwrap();
    assert!(b.query("SELECT COUNT(*) FROM t", &[]).is_err());
    assert!(db::database_exists(&info).unwrap());
    db::create_database(&info).unwrap();
    db::drop_database(&info).unwrap();
}

#[test]
fn sqlite_directory_is_p1013() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("data.db")).unwrap();
    let info = db::ConnectionInfo::parse("file:./data.db", dir.path()).unwrap();
    assert_eq!(db::Connection::connect(&info).unwrap_err().code(), Some("P1013"));
}

/// Unix sockets: the server names its socket; the URL reaches it through `host=` / `socket=`.
#[test]
fn unix_socket_connections() {
    let pg_db = TestDb::pg();
    let mut pg = pg_db.connect();
    let dir = pg.query("SHOW unix_socket_directories", &[]).unwrap()[0][0].to_text().unwrap();
    let dir = dir.split(',').next().unwrap().trim().to_string();
    let url = format!("postgresql://postgres@localhost/postgres?host={dir}&sslmode=disable");
    let mut conn = db::Connection::connect(&db::ConnectionInfo::parse(&url, std::path::Path::new(".")).unwrap()).unwrap();
    let rows = conn.query("SELECT inet_server_addr() IS NULL", &[]).unwrap();
    assert_eq!(rows, vec![vec![Value::Bool(true)]], "connected over TCP instead of the socket");

    let my_db = TestDb::mysql();
    let mut my = my_db.connect();
    let socket = my.query("SELECT @@socket", &[]).unwrap()[0][0].to_text().unwrap();
    let base = common::mysql_url();
    let url = format!("{}?socket=({socket})", base.split('?').next().unwrap());
    let mut conn = db::Connection::connect(&db::ConnectionInfo::parse(&url, std::path::Path::new(".")).unwrap()).unwrap();
    let rows = conn.query("SELECT host FROM information_schema.processlist WHERE id = CONNECTION_ID()", &[]).unwrap();
    assert_eq!(rows, vec![vec![Value::Text("localhost".into())]], "connected over TCP instead of the socket");
}
