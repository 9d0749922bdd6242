//! A configured shadow database is wiped before use: one that is the main database under
//! another spelling of its URL must be refused, with the main database untouched.

mod common;

use common::{Provider, TestDb};
use migrate::shadow::with_shadow_database;
use migrate::Target;

fn assert_refused_and_untouched(db: &TestDb, shadow_url: &str) {
    db.exec(&db.provider.sql("CREATE TABLE \"keep\" (\"id\" INTEGER)"));
    db.exec(&db.provider.sql("INSERT INTO \"keep\" VALUES (1)"));
    let shadow = Target::new(shadow_url, db.dir()).expect("shadow URL parses");
    let result = with_shadow_database(&db.target(), Some(&shadow), |_, _| Ok(()));
    let err = result.expect_err("the main database must not be used as the shadow database");
    assert!(err.to_string().contains("appears to be the same as the main database"), "{err}");
    assert_eq!(db.count(&db.provider.sql("SELECT COUNT(*) FROM \"keep\"")), 1);
}

#[test]
fn sqlite_same_file_through_another_path() {
    let db = TestDb::new(Provider::Sqlite);
    let path = db.info.sqlite_path().expect("sqlite path").to_path_buf();
    let name = path.file_name().expect("file name").to_string_lossy().into_owned();
    std::fs::create_dir_all(db.dir().join("sub")).expect("mkdir");
    assert_refused_and_untouched(&db, &format!("file:./sub/../{name}"));
}

#[test]
fn postgres_same_database_through_localhost() {
    let db = TestDb::new(Provider::Postgres);
    let url = db.url().replacen("127.0.0.1", "localhost", 1);
    assert_ne!(url, db.url(), "the test URL uses 127.0.0.1");
    assert_refused_and_untouched(&db, &url);
}

#[test]
fn mysql_same_database_with_extra_parameters() {
    let db = TestDb::new(Provider::Mysql);
    let url = db.url();
    let url = if url.contains('?') { format!("{url}&connect_timeout=5") } else { format!("{url}?connect_timeout=5") };
    assert_refused_and_untouched(&db, &url);
}

#[test]
fn a_different_database_is_accepted() {
    let db = TestDb::new(Provider::Postgres);
    let other = TestDb::new(Provider::Postgres);
    let shadow = other.target();
    let used = with_shadow_database(&db.target(), Some(&shadow), |_, _| Ok(true)).expect("other database works");
    assert!(used);
}

/// A main SQLite file whose folder does not exist yet is not "any file": a shadow file
/// elsewhere is accepted, the same spelling through a missing folder is still refused.
#[test]
fn sqlite_main_file_in_a_missing_folder() {
    let dir = tempfile::tempdir().expect("temp dir");
    let main = Target::new("file:./storage/app.db", dir.path()).expect("main URL parses");
    let shadow = Target::new("file:./shadow/sh.db", dir.path()).expect("shadow URL parses");
    std::fs::create_dir_all(dir.path().join("shadow")).expect("mkdir");
    let used = with_shadow_database(&main, Some(&shadow), |_, _| Ok(true)).expect("a different file is accepted");
    assert!(used);

    let same = Target::new("file:./storage/../storage/app.db", dir.path()).expect("URL parses");
    let err = with_shadow_database(&main, Some(&same), |_, _| Ok(true)).expect_err("same file refused");
    assert!(err.to_string().contains("appears to be the same as the main database"), "{err}");
}
