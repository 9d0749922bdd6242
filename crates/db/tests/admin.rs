//! create_database / drop_database / database_exists.

mod common;

use std::path::Path;

use common::{mysql_url, pg_url, random_hex};
use db::{Connection, ConnectionInfo};

fn lifecycle(base: &str) {
    let info = ConnectionInfo::parse(base, Path::new(".")).unwrap().with_database(&format!("strata_t_{}", random_hex()));
    assert!(!db::database_exists(&info).unwrap());
    assert_eq!(Connection::connect(&info).unwrap_err().code(), Some("P1003"));
    db::create_database(&info).unwrap();
    assert!(db::database_exists(&info).unwrap());
    let err = db::create_database(&info).unwrap_err();
    assert_eq!(err.code(), Some("P1009"), "{err}");
    assert_eq!(err.to_string(), format!("Database `{}` already exists on the database server", info.database_name()));
    // An open session does not prevent dropping (PostgreSQL: WITH (FORCE)).
    let mut open = Connection::connect(&info).unwrap();
    open.raw_cmd("CREATE TABLE t (id INT)").unwrap();
    db::drop_database(&info).unwrap();
    assert!(!db::database_exists(&info).unwrap());
    db::drop_database(&info).unwrap();
}

#[test]
fn postgres_create_and_drop() {
    lifecycle(&pg_url());
}

#[test]
fn postgres_create_makes_the_schema() {
    let url = format!("{}?schema=tenant_{}", pg_url().split('?').next().unwrap(), random_hex());
    let info = ConnectionInfo::parse(&url, Path::new(".")).unwrap().with_database(&format!("strata_t_{}", random_hex()));
    db::create_database(&info).unwrap();
    let mut conn = Connection::connect(&info).unwrap();
    conn.raw_cmd("CREATE TABLE in_schema (id INT)").unwrap();
    let rows = conn.query("SELECT table_schema FROM information_schema.tables WHERE table_name = 'in_schema'", &[]).unwrap();
    assert_eq!(rows[0][0].as_str(), info.schema_name());
    drop(conn);
    db::drop_database(&info).unwrap();
}

#[test]
fn mysql_create_and_drop() {
    lifecycle(&mysql_url());
}

#[test]
fn sqlite_create_and_drop() {
    let dir = tempfile::tempdir().unwrap();
    let info = ConnectionInfo::parse("file:./nested/dir/dev.db", dir.path()).unwrap();
    assert!(!db::database_exists(&info).unwrap());
    assert_eq!(Connection::connect(&info).unwrap_err().code(), Some("P1003"));
    db::create_database(&info).unwrap();
    assert!(dir.path().join("nested/dir/dev.db").exists());
    Connection::connect(&info).unwrap().raw_cmd("CREATE TABLE t (id INTEGER)").unwrap();
    db::drop_database(&info).unwrap();
    assert!(!db::database_exists(&info).unwrap());
}
