//! Interop with Prisma: the history table strata creates has exactly the columns and types of
//! Prisma's DDL (spec §2.1), and rows in Prisma's representation are read correctly.

mod common;

use common::{deploy, Folder, Provider, TestDb};

/// Prisma's DDL as given in the spec (§2.1), for the reference table.
fn spec_ddl(provider: Provider) -> &'static str {
    match provider {
        Provider::Postgres => "CREATE TABLE _prisma_migrations (
    id                      VARCHAR(36) PRIMARY KEY NOT NULL,
    checksum                VARCHAR(64) NOT NULL,
    finished_at             TIMESTAMPTZ,
    migration_name          VARCHAR(255) NOT NULL,
    logs                    TEXT,
    rolled_back_at          TIMESTAMPTZ,
    started_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    applied_steps_count     INTEGER NOT NULL DEFAULT 0
);
",
        Provider::Mysql => "CREATE TABLE _prisma_migrations (
    id                      VARCHAR(36) PRIMARY KEY NOT NULL,
    checksum                VARCHAR(64) NOT NULL,
    finished_at             DATETIME(3),
    migration_name          VARCHAR(255) NOT NULL,
    logs                    TEXT,
    rolled_back_at          DATETIME(3),
    started_at              DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    applied_steps_count     INTEGER UNSIGNED NOT NULL DEFAULT 0
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
",
        Provider::Sqlite => "CREATE TABLE \"_prisma_migrations\" (
    \"id\"                    TEXT PRIMARY KEY NOT NULL,
    \"checksum\"              TEXT NOT NULL,
    \"finished_at\"           DATETIME,
    \"migration_name\"        TEXT NOT NULL,
    \"logs\"                  TEXT,
    \"rolled_back_at\"        DATETIME,
    \"started_at\"            DATETIME NOT NULL DEFAULT current_timestamp,
    \"applied_steps_count\"   INTEGER UNSIGNED NOT NULL DEFAULT 0
);
",
    }
}

/// One line per column: name, type, nullability, default, key / collation.
fn describe(db: &TestDb, table: &str) -> Vec<String> {
    let sql = match db.provider {
        Provider::Postgres => format!(
            "SELECT a.attname::text || ' ' || format_type(a.atttypid, a.atttypmod) || ' ' || a.attnotnull::text || ' ' || \
             COALESCE(pg_get_expr(d.adbin, d.adrelid), '-') || ' ' || \
             (EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = a.attrelid AND i.indisprimary AND a.attnum = ANY(i.indkey)))::text \
             FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum \
             WHERE a.attrelid = '{table}'::regclass AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum"
        ),
        Provider::Mysql => format!(
            "SELECT CONCAT_WS(' ', column_name, column_type, is_nullable, COALESCE(column_default, '-'), column_key, COALESCE(collation_name, '-')) \
             FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = '{table}' ORDER BY ordinal_position"
        ),
        Provider::Sqlite => format!(
            "SELECT name || ' ' || type || ' ' || \"notnull\" || ' ' || COALESCE(dflt_value, '-') || ' ' || pk FROM pragma_table_info('{table}') ORDER BY cid"
        ),
    };
    db.conn().query(&sql, &[]).unwrap().into_iter().map(|r| r[0].to_text().unwrap()).collect()
}

fn table_matches_spec(provider: Provider) {
    assert_eq!(migrate::history::create_table_sql(provider.kind()), spec_ddl(provider), "DDL text differs from Prisma's");

    // Ours, created by a deploy of an empty history.
    let ours = TestDb::new(provider);
    deploy(&ours, &Folder::new(provider, &[])).unwrap();
    // The reference, created from the spec text in another database.
    let reference = TestDb::new(provider);
    reference.conn().raw_cmd(spec_ddl(provider)).unwrap();

    let described = describe(&ours, "_prisma_migrations");
    assert_eq!(described.len(), 8);
    assert_eq!(described, describe(&reference, "_prisma_migrations"));

    // Anchors read off the spec DDL, so a wrong reference cannot hide a wrong table.
    let expected_first = match provider {
        Provider::Postgres => "id character varying(36) true - true",
        Provider::Mysql => "id varchar(36) NO - PRI utf8mb4_unicode_ci",
        Provider::Sqlite => "id TEXT 1 - 1",
    };
    assert_eq!(described[0], expected_first);
    let started_at = &described[6];
    match provider {
        Provider::Postgres => assert_eq!(started_at, "started_at timestamp with time zone true now() false"),
        Provider::Mysql => assert!(started_at.starts_with("started_at datetime(3) NO current_timestamp(3)"), "{started_at}"),
        Provider::Sqlite => assert_eq!(started_at, "started_at DATETIME 1 current_timestamp 0"),
    }
}

#[test]
fn history_table_matches_spec_postgres() {
    table_matches_spec(Provider::Postgres);
}

#[test]
fn history_table_matches_spec_mysql() {
    table_matches_spec(Provider::Mysql);
}

#[test]
fn history_table_matches_spec_sqlite() {
    table_matches_spec(Provider::Sqlite);
}

/// Rows as Prisma writes them (SQLite: integer milliseconds; PostgreSQL: timestamptz; MySQL:
/// UTC DATETIME(3)) are read back with the right instants.
fn reads_prisma_rows(provider: Provider) {
    let db = TestDb::new(provider);
    let folder = Folder::new(provider, &[("20231114000000_init", "SELECT 1;\n")]);
    db.conn().raw_cmd(spec_ddl(provider)).unwrap();
    let started = match provider {
        Provider::Postgres => "'2023-11-14 22:13:20.123+00'",
        Provider::Mysql => "'2023-11-14 22:13:20.123'",
        Provider::Sqlite => "1700000000123",
    };
    let checksum = migrate::checksum::compute("SELECT 1;\n");
    let sql = format!(
        "INSERT INTO _prisma_migrations (id, checksum, started_at, migration_name, logs) VALUES ('x', '{checksum}', {started}, '20231114000000_init', 'boom')"
    );
    db.conn().raw_cmd(&sql).unwrap();
    let err = deploy(&db, &folder).unwrap_err();
    assert_eq!(err.code(), Some("P3009"));
    let text = err.to_string();
    assert!(text.contains("The `20231114000000_init` migration started at 2023-11-14 22:13:20.123 UTC failed"), "{text}");

    // Finished by Prisma: up to date for strata.
    let finished = started;
    db.conn().raw_cmd(&format!("UPDATE _prisma_migrations SET finished_at = {finished}, applied_steps_count = 1")).unwrap();
    let status = migrate::status(&db.target(), &folder.read()).unwrap();
    assert_eq!(status.outcome, migrate::StatusOutcome::UpToDate);
    assert!(deploy(&db, &folder).unwrap().applied.is_empty());

    // A row finished by Prisma counts as applied for resolve too.
    let err = migrate::resolve_applied(&db.target(), &folder.read(), "20231114000000_init").unwrap_err();
    assert_eq!(err.code(), Some("P3008"));
}

#[test]
fn reads_prisma_rows_postgres() {
    reads_prisma_rows(Provider::Postgres);
}

#[test]
fn reads_prisma_rows_mysql() {
    reads_prisma_rows(Provider::Mysql);
}

#[test]
fn reads_prisma_rows_sqlite() {
    reads_prisma_rows(Provider::Sqlite);
}

#[test]
fn sqlite_rows_written_by_strata_use_integer_milliseconds() {
    let db = TestDb::new(Provider::Sqlite);
    let folder = Folder::new(Provider::Sqlite, &[("20240101000000_init", "CREATE TABLE a (id INTEGER);\n")]);
    deploy(&db, &folder).unwrap();
    let rows = db.conn().query("SELECT typeof(started_at), typeof(finished_at), started_at <= finished_at FROM _prisma_migrations", &[]).unwrap();
    assert_eq!(rows[0][0].to_text().as_deref(), Some("integer"));
    assert_eq!(rows[0][1].to_text().as_deref(), Some("integer"));
    assert_eq!(rows[0][2].as_i64(), Some(1));
}
