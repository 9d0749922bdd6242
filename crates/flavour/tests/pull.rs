//! `db pull` fixtures on real databases: `tests/pull/{postgres,mysql,sqlite}/*.sql` each hold
//! DDL, optionally a `/* previous … */` schema to re-introspect, and last a `/* … */` block with
//! the expected models, views and enums (PostgreSQL and SQLite expectations were checked
//! against Prisma 6.19.3's `db pull --print`). A `-- preview: views` line turns on views,
//! `-- schemas: a,b` lists the datasource's PostgreSQL schemas.
//! Adding a case = adding a file.
//!
//! Needs `TEST_POSTGRES_URL` and `TEST_MYSQL_URL`.

use std::path::{Path, PathBuf};

use flavour::describe::DescribeOptions;
use flavour::pull::{PullOptions, Pulled};
use flavour::Flavour;

fn env_url(var: &str) -> String {
    std::env::var(var).unwrap_or_else(|_| {
        panic!("{var} is not set: these tests need a real server (e.g. TEST_POSTGRES_URL=postgresql://postgres@127.0.0.1:5432/postgres, TEST_MYSQL_URL=mysql://root@127.0.0.1:3306/test)")
    })
}

/// A throwaway database, dropped with the guard.
struct TestDb {
    conn: db::Connection,
    admin: Option<db::ConnectionInfo>,
    _dir: Option<tempfile::TempDir>,
}

impl TestDb {
    fn new(flavour: Flavour) -> TestDb {
        let name = format!("strata_t_{}", uuid::Uuid::new_v4().simple());
        let var = match flavour {
            Flavour::Postgres => "TEST_POSTGRES_URL",
            Flavour::Mysql => "TEST_MYSQL_URL",
            Flavour::Sqlite => {
                let dir = tempfile::tempdir().expect("temp dir");
                let path = dir.path().join("dev.db");
                std::fs::File::create(&path).expect("create the SQLite file");
                let info = db::ConnectionInfo::parse(&format!("file:{}", path.display()), Path::new(".")).expect("url");
                let conn = db::Connection::connect(&info).expect("open SQLite");
                return TestDb { conn, admin: None, _dir: Some(dir) };
            }
        };
        let base = db::ConnectionInfo::parse(&env_url(var), Path::new(".")).expect("parse the test URL");
        let info = base.with_database(&name);
        db::create_database(&info).expect("create the test database");
        let conn = db::Connection::connect(&info).expect("connect to the test database");
        TestDb { conn, admin: Some(info), _dir: None }
    }

    fn execute(&mut self, ddl: &str) {
        if let Some(client) = self.conn.postgres_client() {
            client.batch_execute(ddl).expect("run test DDL");
        } else if let Some(conn) = self.conn.mysql_conn() {
            use mysql::prelude::Queryable;
            conn.query_drop(ddl).expect("run test DDL");
        } else if let Some(conn) = self.conn.sqlite_conn() {
            conn.execute_batch(ddl).expect("run test DDL");
        }
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let Some(info) = self.admin.take() {
            let _ = db::drop_database(&info);
        }
    }
}

/// One fixture file, split.
struct Fixture {
    ddl: String,
    previous: Option<String>,
    views: bool,
    /// `-- schemas: a,b`: the datasource's explicit PostgreSQL schemas.
    schemas: Vec<String>,
    expected: String,
}

fn blocks(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(start) = text[from..].find("/*").map(|i| from + i) {
        let Some(end) = text[start..].find("*/").map(|i| start + i) else { break };
        out.push((start, end + 2));
        from = end + 2;
    }
    out
}

fn parse_fixture(text: &str) -> Fixture {
    let found = blocks(text);
    let &(exp_start, exp_end) = found.last().expect("an expected /* … */ block");
    let expected = text[exp_start + 2..exp_end - 2].trim().to_owned();
    let previous = found
        .iter()
        .find(|(s, _)| text[s + 2..].trim_start().starts_with("previous"))
        .map(|&(s, e)| text[s + 2..e - 2].trim_start().trim_start_matches("previous").to_owned());
    let ddl_end = found.iter().find(|(s, _)| text[s + 2..].trim_start().starts_with("previous")).map_or(exp_start, |b| b.0);
    let views = text.lines().any(|l| l.trim() == "-- preview: views");
    let schemas = text
        .lines()
        .find_map(|l| l.trim().strip_prefix("-- schemas:"))
        .map(|list| list.split(',').map(|s| s.trim().to_owned()).collect())
        .unwrap_or_default();
    Fixture { ddl: text[..ddl_end].to_owned(), previous, views, schemas, expected }
}

fn pull_fixture(flavour: Flavour, fixture: &Fixture) -> Pulled {
    let mut db = TestDb::new(flavour);
    db.execute(&fixture.ddl);
    let options = DescribeOptions { schemas: fixture.schemas.clone(), ..DescribeOptions::default() };
    let schema = flavour::describe::describe_connection(&mut db.conn, &options).expect("describe");
    let extras = flavour::pull::extras(&mut db.conn, &fixture.schemas, fixture.views).expect("pull extras");
    let files = fixture.previous.as_ref().map(|text| psl::ast::SourceFiles {
        files: vec![psl::ast::SourceFile { path: "schema.prisma".into(), text: text.clone() }],
    });
    let previous = files.as_ref().map(|files| {
        let (datamodel, diagnostics) = psl::parse_and_validate(files);
        datamodel.unwrap_or_else(|| panic!("the previous schema is invalid: {diagnostics:?}"))
    });
    let options = PullOptions {
        flavour,
        previous: previous.as_ref(),
        views: fixture.views,
        multi_schema: !fixture.schemas.is_empty(),
        datasource_name: "db",
        previous_sources: files.as_ref(),
    };
    flavour::pull::pull(&schema, &extras, &options)
}

fn fixtures(dir: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/pull").join(dir);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "sql"))
        .collect();
    files.sort();
    files
}

fn run_fixtures(dir: &str, flavour: Flavour) {
    let mut failures = Vec::new();
    let files = fixtures(dir);
    assert!(!files.is_empty(), "no fixtures in tests/pull/{dir}");
    for path in files {
        let fixture = parse_fixture(&std::fs::read_to_string(&path).expect("read fixture"));
        let pulled = pull_fixture(flavour, &fixture);
        if pulled.text.trim() != fixture.expected {
            failures.push(format!(
                "{}\n--- expected\n{}\n--- got\n{}",
                path.display(),
                fixture.expected,
                pulled.text.trim()
            ));
        }
    }
    assert!(failures.is_empty(), "{} fixture(s) differ:\n{}", failures.len(), failures.join("\n\n"));
}

#[test]
fn postgres_fixtures() {
    run_fixtures("postgres", Flavour::Postgres);
}

#[test]
fn mysql_fixtures() {
    run_fixtures("mysql", Flavour::Mysql);
}

#[test]
fn sqlite_fixtures() {
    run_fixtures("sqlite", Flavour::Sqlite);
}

#[test]
fn ignored_and_unsupported_are_reported() {
    let fixture = parse_fixture("CREATE TABLE nopk (a int, v tsvector);\n/* */");
    let pulled = pull_fixture(Flavour::Postgres, &fixture);
    assert_eq!(pulled.models, 1);
    assert_eq!(pulled.ignored_models, vec!["nopk".to_owned()]);
    assert_eq!(pulled.unsupported_fields, vec![("nopk".to_owned(), "v".to_owned(), "tsvector".to_owned())]);
}

/// The warnings of `partition_inheritance_null_order.sql`, as Prisma 6.19.3 prints them: the
/// partition, inheritance and null ordering sections come before row level security; index
/// columns are listed by table, index and key order.
#[test]
fn partition_inheritance_and_null_order_warnings() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/pull/postgres/partition_inheritance_null_order.sql");
    let fixture = parse_fixture(&std::fs::read_to_string(path).expect("read fixture"));
    let pulled = pull_fixture(Flavour::Postgres, &fixture);
    let expected = "*** WARNING ***

The following models were ignored as they do not have a valid unique identifier or id. This is currently not supported by Prisma Client:
  - \"child\"

These tables are partition tables, which are not yet fully supported:
  - \"measurement\"

These tables are inherited tables, which are not yet fully supported:
  - \"parent\"

These index columns are having a non-default null sort order, which is not yet fully supported. Read more: https://pris.ly/d/non-default-index-null-ordering
  - Index: \"secured_a\", column: \"a\"
  - Index: \"secured_ab\", column: \"b\"
  - Index: \"secured_ab\", column: \"id\"

These tables contain row level security, which is not yet fully supported. Read more: https://pris.ly/d/row-level-security
  - \"parent\"
  - \"secured\"
";
    assert_eq!(pulled.warnings_text(), expected);
}

/// Prisma 6.19.3 lists the models it renamed for clashing names in table order.
#[test]
fn duplicate_names_across_schemas_warning() {
    let expected = r#"*** WARNING ***

These items were renamed due to their names being duplicates in the Prisma schema:
  - Type: "model", name: "first_2A"
  - Type: "model", name: "first_tbl"
  - Type: "model", name: "second_schema_1A"
  - Type: "model", name: "second_schema_tbl"
"#;
    assert_eq!(fixture_warnings(Flavour::Postgres, "postgres", "multi_schema_duplicate_names.sql"), expected);
}

/// Renamed enums come before renamed models in Prisma 6.19.3's list.
#[test]
fn duplicate_enum_names_across_schemas_warning() {
    let expected = r#"*** WARNING ***

These items were renamed due to their names being duplicates in the Prisma schema:
  - Type: "enum", name: "first_Mood"
  - Type: "enum", name: "second_Mood"
"#;
    assert_eq!(fixture_warnings(Flavour::Postgres, "postgres", "multi_schema_duplicate_enums.sql"), expected);
}

fn fixture_warnings(flavour: Flavour, dir: &str, name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/pull").join(dir).join(name);
    let fixture = parse_fixture(&std::fs::read_to_string(path).expect("read fixture"));
    pull_fixture(flavour, &fixture).warnings_text()
}

/// Prisma 6.19.3 lists warning items by table (not model name), then column or constraint
/// order; only the commented-out fields are sorted. Key and unique constraints come before the
/// foreign keys; a model's comment before its fields'.
#[test]
fn postgres_warnings_in_table_and_column_order() {
    let expected = r#"*** WARNING ***

These fields were commented out because their names are currently not supported by Prisma. Please provide valid ones that match [a-zA-Z][a-zA-Z0-9_]* using the `@map` attribute:
  - Model: "x", field(s): ["8", "9"]

The following models were commented out as we could not retrieve columns for them. Please check your privileges:
  - "empty_t"

These primary key, foreign key or unique constraints are using non-default deferring in the database, which is not yet fully supported. Read more: https://pris.ly/d/constraint-deferring
  - Model: "aa", constraint: "aa_pk"
  - Model: "aa", constraint: "bu"
  - Model: "aa", constraint: "afk"
  - Model: "aa", constraint: "zfk"
  - Model: "bb", constraint: "ab"
  - Model: "bb", constraint: "zz_pk"
  - Model: "bb", constraint: "aaa_fk"

These objects have comments defined in the database, which is not yet fully supported. Read more: https://pris.ly/d/database-comments
  - Type: "model", name: "zz"
  - Type: "field", name: "zz.b"
  - Type: "field", name: "zz.a"
"#;
    assert_eq!(fixture_warnings(Flavour::Postgres, "postgres", "no_columns_and_warning_order.sql"), expected);
}

/// Keys over typeless or nullable columns are no identifier (Prisma 6.19.3 on SQLite).
#[test]
fn sqlite_unusable_keys_warnings() {
    let expected = r#"*** WARNING ***

These fields were commented out because their names are currently not supported by Prisma. Please provide valid ones that match [a-zA-Z][a-zA-Z0-9_]* using the `@map` attribute:
  - Model: "nullable_key", field(s): ["1", "2"]

The following models were ignored as they do not have a valid unique identifier or id. This is currently not supported by Prisma Client:
  - "docs"
  - "docs_config"
  - "docs_idx"
  - "nullable_key"
  - "unique_key"

These fields are not supported by Prisma Client, because Prisma currently does not support their types:
  - Model: "docs", field: "body", original data type: ""
  - Model: "docs_config", field: "k", original data type: ""
  - Model: "docs_config", field: "v", original data type: ""
  - Model: "docs_content", field: "c0", original data type: ""
  - Model: "docs_idx", field: "segid", original data type: ""
  - Model: "docs_idx", field: "term", original data type: ""
  - Model: "docs_idx", field: "pgno", original data type: ""
  - Model: "nullable_key", field: "mm", original data type: "zz"
  - Model: "nullable_key", field: "kk", original data type: "yy"
  - Model: "unique_key", field: "b", original data type: "geometry"
"#;
    assert_eq!(fixture_warnings(Flavour::Sqlite, "sqlite", "unusable_keys_fts5.sql"), expected);
}

/// Re-introspection lists remapped fields and models in table order, and an `@map` to the
/// field's own name counts (Prisma 6.19.3 on SQLite).
#[test]
fn remapped_warnings_in_table_order() {
    let fixture = parse_fixture(
        r#"CREATE TABLE a_tab (x INT, zz GEOMETRY);
CREATE TABLE b_tab (id INT NOT NULL PRIMARY KEY, y INT);
/* previous
model Zed {
  x Int? @map("x")
  @@map("a_tab")
  @@ignore
}
model Alpha {
  id  Int  @id
  why Int? @map("y")
  @@map("b_tab")
}
*/
/* */"#,
    );
    let expected = r#"*** WARNING ***

These fields were enriched with `@map` information taken from the previous Prisma schema:
  - Model: "Zed", field: "x"
  - Model: "Alpha", field: "why"

These fields are not supported by Prisma Client, because Prisma currently does not support their types:
  - Model: "Zed", field: "zz", original data type: "geometry"

These models were enriched with `@@map` information taken from the previous Prisma schema:
  - "Zed"
  - "Alpha"
"#;
    assert_eq!(pull_fixture(Flavour::Sqlite, &fixture).warnings_text(), expected);
}

/// MySQL comments and partitioned tables give the same warnings as on PostgreSQL.
#[test]
fn mysql_comments_and_partitions_warnings() {
    let expected = r#"*** WARNING ***

These tables are partition tables, which are not yet fully supported:
  - "blocks"

These objects have comments defined in the database, which is not yet fully supported. Read more: https://pris.ly/d/database-comments
  - Type: "model", name: "c"
  - Type: "field", name: "c.id"
  - Type: "field", name: "c.z"
  - Type: "field", name: "d.id"
"#;
    assert_eq!(fixture_warnings(Flavour::Mysql, "mysql", "comments_partitions.sql"), expected);
}
