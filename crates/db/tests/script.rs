//! Migration-script execution (spec §5.6) on real databases.

mod common;

use common::{TestDb, TestSqlite};
use db::Value;

fn count_tables_pg(conn: &mut db::Connection) -> i64 {
    conn.query("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'public'", &[]).unwrap()[0][0]
        .as_i64()
        .unwrap()
}

#[test]
fn postgres_failure_is_atomic() {
    let db = TestDb::pg();
    let mut conn = db.connect();
    let script = "CREATE TABLE a (id INT);\nCREATE TABLE b (id INT);\nCREATE TABLE a (id INT);\n";
    let err = conn.apply_script(script).unwrap_err();
    assert_eq!(err.database_error_code.as_deref(), Some("42P07"));
    assert_eq!(count_tables_pg(&mut conn), 0, "nothing of the first two statements may remain");
}

#[test]
fn postgres_error_position_excerpt() {
    let db = TestDb::pg();
    let mut conn = db.connect();
    let script = "-- comment\nCREATE TABLE a (id INT);\n\nCREATE TABLE b (id INT);\nCREATE TABLE c (id INT);\nSELECT * FROM missing_table;\nCREATE TABLE d (id INT);\n";
    let err = conn.apply_script(script).unwrap_err();
    assert_eq!(err.database_error_code.as_deref(), Some("42P01"));
    let expected_head = "ERROR: relation \"missing_table\" does not exist\n\nPosition:\n\x1b[1m  1\x1b[0m -- comment\n\x1b[1m  2\x1b[0m CREATE TABLE a (id INT);\n\x1b[1m  3\x1b[0m\n\x1b[1m  4\x1b[0m CREATE TABLE b (id INT);\n\x1b[1m  5\x1b[0m CREATE TABLE c (id INT);\n\x1b[1m  6\x1b[1;31m SELECT * FROM missing_table;\x1b[0m\n\nDbError { severity: \"ERROR\", parsed_severity: Some(Error), code: SqlState(E42P01), message: \"relation \\\"missing_table\\\" does not exist\", detail: None, hint: None, position: Some(Original(";
    assert!(err.database_error.starts_with(expected_head), "{:?}", err.database_error);
    assert_eq!(err.source.database_code(), Some("42P01"));
}

#[test]
fn postgres_position_on_first_line_shows_line_zero() {
    let db = TestDb::pg();
    let mut conn = db.connect();
    let err = conn.apply_script("DROP TABLE nope;").unwrap_err();
    assert!(
        err.database_error.starts_with("ERROR: table \"nope\" does not exist\n\nDbError")
            || err.database_error.contains("Position:\n\x1b[1m  0\x1b[0m\n\x1b[1m  1\x1b[1;31m DROP TABLE nope;\x1b[0m"),
        "{:?}",
        err.database_error
    );
    let err = conn.apply_script("SELEC 1;").unwrap_err();
    assert!(err.database_error.contains("Position:\n\x1b[1m  0\x1b[0m\n\x1b[1m  1\x1b[1;31m SELEC 1;\x1b[0m"), "{:?}", err.database_error);
}

#[test]
fn postgres_concurrently_mixed_with_other_statements() {
    let db = TestDb::pg();
    let mut conn = db.connect();
    let script = "CREATE TABLE t (a INT, b INT);\nINSERT INTO t VALUES (1, 2);\nCREATE INDEX CONCURRENTLY t_a_idx ON t (a);\nCREATE UNIQUE INDEX CONCURRENTLY \"t_b;key\" ON t (b);\nALTER TABLE t ADD COLUMN c TEXT;\nDROP INDEX CONCURRENTLY t_a_idx;\n";
    conn.apply_script(script).unwrap();
    let rows = conn.query("SELECT indexname FROM pg_indexes WHERE tablename = 't' ORDER BY 1", &[]).unwrap();
    assert_eq!(rows, vec![vec![Value::Text("t_b;key".into())]]);
    let rows = conn.query("SELECT COUNT(*) FROM information_schema.columns WHERE table_name = 't'", &[]).unwrap();
    assert_eq!(rows[0][0].as_i64(), Some(3));
}

#[test]
fn postgres_split_script_error_positions_refer_to_the_whole_script() {
    let db = TestDb::pg();
    let mut conn = db.connect();
    let script = "CREATE TABLE t (a INT);\nCREATE INDEX CONCURRENTLY t_a_idx ON t (a);\nSELECT nope FROM t;\n";
    let err = conn.apply_script(script).unwrap_err();
    assert_eq!(err.database_error_code.as_deref(), Some("42703"));
    assert_eq!(err.statement_number, Some(3));
    assert!(err.database_error.contains("\x1b[1m  3\x1b[1;31m SELECT nope FROM t;\x1b[0m"), "{:?}", err.database_error);
    // The statements before the failure stay applied (they ran outside one transaction).
    assert_eq!(count_tables_pg(&mut conn), 1);
}

#[test]
fn postgres_functions_triggers_and_do_blocks() {
    let db = TestDb::pg();
    let mut conn = db.connect();
    let script = r#"
CREATE TABLE t (id SERIAL PRIMARY KEY, n INT, touched BOOLEAN DEFAULT false);
CREATE FUNCTION touch() RETURNS trigger AS $fn$
BEGIN
  NEW.touched := true; -- a comment; with a semicolon
  RETURN NEW;
END;
$fn$ LANGUAGE plpgsql;
CREATE TRIGGER t_touch BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION touch();
DO $$ BEGIN INSERT INTO t (n) VALUES (1); END $$;
/* nested /* comment; */ ; */
INSERT INTO t (n) VALUES (2);
"#;
    conn.apply_script(script).unwrap();
    let rows = conn.query("SELECT COUNT(*) FROM t WHERE touched", &[]).unwrap();
    assert_eq!(rows[0][0].as_i64(), Some(2));
    // The same script next to a CONCURRENTLY statement goes through the splitter.
    let db2 = TestDb::pg();
    let mut conn2 = db2.connect();
    conn2.apply_script(&format!("{script}\nCREATE INDEX CONCURRENTLY t_n ON t (n);")).unwrap();
    let rows = conn2.query("SELECT COUNT(*) FROM t WHERE touched", &[]).unwrap();
    assert_eq!(rows[0][0].as_i64(), Some(2));
}

#[test]
fn mysql_error_names_the_query_number() {
    let db = TestDb::mysql();
    let mut conn = db.connect();
    let script = "CREATE TABLE a (id INT);\n-- a comment; here\nCREATE TABLE b (id INT);\nINSERT INTO a VALUES (1);\nCREATE TABLE a (id INT);\nCREATE TABLE c (id INT);\n";
    let err = conn.apply_script(script).unwrap_err();
    assert_eq!(err.database_error_code.as_deref(), Some("1050"));
    assert_eq!(err.statement_number, Some(4));
    assert_eq!(err.database_error, "Table 'a' already exists\n\nPlease check the query number 4 from the migration file.");
    // MySQL DDL is not transactional: the first statements stay, the rest never ran.
    let rows = conn.query("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE()", &[]).unwrap();
    assert_eq!(rows[0][0].as_i64(), Some(2));
}

#[test]
fn mysql_first_statement_error_is_query_one() {
    let db = TestDb::mysql();
    let mut conn = db.connect();
    let err = conn.apply_script("SELEC 1;\nCREATE TABLE a (id INT);").unwrap_err();
    assert_eq!(err.statement_number, Some(1));
    assert_eq!(err.database_error_code.as_deref(), Some("1064"));
    assert!(err.database_error.ends_with("\n\nPlease check the query number 1 from the migration file."), "{}", err.database_error);
    conn.apply_script("CREATE TABLE ok1 (id INT); CREATE TABLE ok2 (id INT);").unwrap();
}

#[test]
fn sqlite_script_runs_as_batch() {
    let db = TestSqlite::new();
    let mut conn = db.connect();
    conn.apply_script("CREATE TABLE a (id INTEGER);\nCREATE TRIGGER tr AFTER INSERT ON a BEGIN UPDATE a SET id = id + 1; END;\nINSERT INTO a VALUES (1);").unwrap();
    assert_eq!(conn.query("SELECT id FROM a", &[]).unwrap(), vec![vec![Value::Int(2)]]);
    let err = conn.apply_script("CREATE TABLE b (id INTEGER);\nCREATE TABLE a (id INTEGER);").unwrap_err();
    // The driver's full text, as Prisma's engine reports it.
    assert!(err.database_error.starts_with("table a already exists"), "{}", err.database_error);
    assert_eq!(err.source.to_string(), "table a already exists");
    assert_eq!(err.database_error_code.as_deref(), Some("1"));
}

#[test]
fn sqlite_foreign_keys_follow_the_bundled_default() {
    // Like Prisma's engine, no pragma is sent: the bundled SQLite is built with foreign keys on.
    let db = TestSqlite::new();
    let mut conn = db.connect();
    assert_eq!(conn.query("PRAGMA foreign_keys", &[]).unwrap(), vec![vec![Value::Int(1)]]);
}

#[test]
fn raw_cmd_reports_errors_of_later_statements() {
    let db = TestDb::mysql();
    let mut conn = db.connect();
    let err = conn.raw_cmd("SELECT 1; SELECT * FROM nope").unwrap_err();
    assert_eq!(err.database_code(), Some("1146"));
}

#[test]
fn postgres_grouped_statements_stay_atomic_and_name_the_failing_statement() {
    let db = TestDb::pg();
    let mut conn = db.connect();
    let script = "CREATE TABLE a (id INT);\nSELECT nope FROM a;\nCREATE INDEX CONCURRENTLY i ON a (id);\n";
    let err = conn.apply_script(script).unwrap_err();
    assert_eq!(err.statement_number, Some(2));
    assert!(err.database_error.contains("\x1b[1m  2\x1b[1;31m SELECT nope FROM a;\x1b[0m"), "{:?}", err.database_error);
    // The ordinary statements before the CONCURRENTLY one ran as one implicit transaction.
    assert_eq!(count_tables_pg(&mut conn), 0);
    // A script without such statements is one query: no statement number.
    let err = conn.apply_script("CREATE TABLE b (id INT);\nSELECT nope FROM b;").unwrap_err();
    assert_eq!(err.statement_number, None);
}

#[test]
fn connection_reports_scripts_that_need_no_transaction() {
    let db = TestDb::pg();
    let mut conn = db.connect();
    assert!(conn.script_needs_no_transaction("CREATE INDEX CONCURRENTLY i ON t (a);").unwrap());
    assert!(!conn.script_needs_no_transaction("CREATE TABLE t (a INT);").unwrap());
    // PostgreSQL ≥ 12 runs ALTER TYPE … ADD VALUE inside a transaction.
    assert!(!conn.script_needs_no_transaction("ALTER TYPE e ADD VALUE 'x';").unwrap());
    let lite = TestSqlite::new();
    assert!(!lite.connect().script_needs_no_transaction("VACUUM;").unwrap());
}

#[test]
fn leading_byte_order_mark_is_not_sent() {
    let script = "\u{feff}-- AlterTable\r\nCREATE TABLE bom (id INT);\r\n";
    let pg = TestDb::pg();
    pg.connect().apply_script(script).unwrap();
    let my = TestDb::mysql();
    my.connect().apply_script(script).unwrap();
    let lite = TestSqlite::new();
    lite.connect().apply_script(script).unwrap();
}

#[test]
fn mysql_scripts_without_statements_run_nothing() {
    let db = TestDb::mysql();
    let mut conn = db.connect();
    conn.apply_script("").unwrap();
    conn.apply_script("-- This is an empty migration.").unwrap();
    conn.apply_script("/* only */ # comments\r\n-- here\n").unwrap();
    // A real statement after comments still runs and still fails when it should.
    let err = conn.apply_script("-- c\nSELEC 1;").unwrap_err();
    assert_eq!(err.database_error_code.as_deref(), Some("1064"));
}

#[test]
fn postgres_failed_script_with_its_own_begin_leaves_no_transaction_open() {
    let db = TestDb::pg();
    let mut conn = db.connect();
    let err = conn.apply_script("BEGIN;\nCREATE TABLE a (id INT);\nSELECT nope FROM a;\nCOMMIT;\n").unwrap_err();
    assert_eq!(err.database_error_code.as_deref(), Some("42703"));
    // The connection is usable (no aborted block) and nothing of the script remains.
    assert_eq!(count_tables_pg(&mut conn), 0);
    // The same with a statement that had to run on its own.
    let err = conn.apply_script("BEGIN;\nCREATE INDEX CONCURRENTLY i ON nope (a);\nCOMMIT;").unwrap_err();
    assert_eq!(err.database_error_code.as_deref(), Some("25001"));
    assert_eq!(count_tables_pg(&mut conn), 0);
}

#[test]
fn mysql_and_sqlite_failed_scripts_leave_no_transaction_open() {
    let db = TestDb::mysql();
    let mut conn = db.connect();
    conn.apply_script("CREATE TABLE t (id INT) ENGINE=InnoDB;").unwrap();
    let err = conn.apply_script("START TRANSACTION;\nINSERT INTO t VALUES (1);\nSELECT nope FROM t;\nCOMMIT;").unwrap_err();
    assert_eq!(err.database_error_code.as_deref(), Some("1054"));
    conn.raw_cmd("INSERT INTO t VALUES (2)").unwrap();
    // A second connection sees the autocommitted row, and not the rolled-back one.
    let rows = db.connect().query("SELECT id FROM t ORDER BY id", &[]).unwrap();
    assert_eq!(rows, vec![vec![Value::Int(2)]]);

    let lite = TestSqlite::new();
    let mut conn = lite.connect();
    let err = conn.apply_script("BEGIN;\nCREATE TABLE a (id INTEGER);\nSELECT nope FROM a;\nCOMMIT;").unwrap_err();
    assert_eq!(err.database_error_code.as_deref(), Some("1"));
    conn.raw_cmd("CREATE TABLE b (id INTEGER)").unwrap();
    let rows = lite.connect().query("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name", &[]).unwrap();
    assert_eq!(rows, vec![vec![Value::Text("b".into())]]);
}
