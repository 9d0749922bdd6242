//! Shadow databases: temporary ones are created and always dropped; configured ones are reset;
//! a failing replay is P3006.

mod common;

use common::{small_history, Folder, Provider, TestDb};
use migrate::shadow::{replay, with_shadow_database};

fn count_tables(conn: &mut db::Connection, provider: Provider) -> i64 {
    let sql = match provider {
        Provider::Postgres => "SELECT COUNT(*) FROM pg_tables WHERE schemaname = current_schema()",
        Provider::Mysql => "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE()",
        Provider::Sqlite => "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'",
    };
    conn.query(sql, &[]).unwrap()[0][0].as_i64().unwrap()
}

fn replays_on_temporary_shadow(provider: Provider) {
    let main = TestDb::new(provider);
    let folder = Folder::new(provider, &small_history());
    let migrations = folder.read();
    let (shadow_info, tables) = with_shadow_database(&main.target(), None, |conn, shadow| {
        replay(conn, &migrations.migrations, None)?;
        Ok((shadow.info.clone(), count_tables(conn, provider)))
    })
    .expect("replay");
    assert_eq!(tables, 2, "User and Post, no history table");
    assert!(shadow_info.database_name().starts_with("prisma_migrate_shadow_db_"));
    assert!(!db::database_exists(&shadow_info).unwrap(), "temporary shadow database dropped");
    assert!(!main.table_exists("User"), "the main database is untouched");

    // A broken migration: P3006, and the shadow database is still dropped.
    folder.write("20240104000000_broken", "CREATE TABLE \"X\" (\"id\" INTEGER);\nSELECT * FROM \"nope\";\n");
    let migrations = folder.read();
    let mut seen = None;
    let err = with_shadow_database(&main.target(), None, |conn, shadow| {
        seen = Some(shadow.info.clone());
        replay(conn, &migrations.migrations, None)
    })
    .unwrap_err();
    assert_eq!(err.code(), Some("P3006"));
    let text = err.to_string();
    // The inner error as Prisma's engine maps a raw command's error (quaint): P1014 here.
    assert_eq!(
        text,
        "Migration `20240104000000_broken` failed to apply cleanly to the shadow database. \nError code: P1014\nError:\nThe underlying table for model `nope` does not exist."
    );
    assert!(!db::database_exists(&seen.unwrap()).unwrap());
}

#[test]
fn replays_on_temporary_shadow_postgres() {
    replays_on_temporary_shadow(Provider::Postgres);
}

#[test]
fn replays_on_temporary_shadow_mysql() {
    replays_on_temporary_shadow(Provider::Mysql);
}

#[test]
fn replays_on_temporary_shadow_sqlite() {
    replays_on_temporary_shadow(Provider::Sqlite);
}

#[test]
fn configured_shadow_is_reset_and_kept() {
    for provider in [Provider::Postgres, Provider::Mysql, Provider::Sqlite] {
        let main = TestDb::new(provider);
        let shadow = TestDb::new(provider);
        shadow.exec("CREATE TABLE \"leftover\" (\"id\" INTEGER)");
        let folder = Folder::new(provider, &small_history());
        let migrations = folder.read();
        let tables = with_shadow_database(&main.target(), Some(&shadow.target()), |conn, _| {
            replay(conn, &migrations.migrations, Some("CREATE TABLE init_table (id INTEGER);"))?;
            Ok(count_tables(conn, provider))
        })
        .unwrap();
        assert_eq!(tables, 3, "{provider:?}: init table + User + Post, leftover gone");
        assert!(shadow.table_exists("User"), "{provider:?}: configured shadow kept");

        let err = with_shadow_database(&main.target(), Some(&main.target()), |_, _| Ok(())).unwrap_err();
        assert!(err.to_string().starts_with("The shadow database you configured appears to be the same as the main database."));
    }
}
