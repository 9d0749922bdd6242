//! describe on SQLite files: Prisma-shaped DDL in, SqlSchema facts out.

mod describe_support;

use describe_support::SqliteFile;
use flavour::describe::{describe_sqlite, describe_sqlite_with_stats};
use sql_schema::{
    ColumnArity, ColumnTypeFamily, DefaultKind, ForeignKeyAction, IndexColumn, IndexKind, Literal, SortOrder,
    SqlSchema, Table,
};

fn table<'a>(schema: &'a SqlSchema, name: &str) -> &'a Table {
    schema.table(None, name).unwrap_or_else(|| panic!("table {name} in {schema:#?}"))
}

fn default_kind(table: &Table, column: &str) -> Option<DefaultKind> {
    table.column(column).and_then(|c| c.default.as_ref()).map(|d| d.kind.clone())
}

/// Spec §6.5: the DDL Prisma generates for the constraint-names test schema.
const CONSTRAINT_NAMES_DDL: &str = r#"
CREATE TABLE "A" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "a" TEXT NOT NULL,
    "b" TEXT NOT NULL
);
CREATE TABLE "B" (
    "a" TEXT NOT NULL,
    "b" TEXT NOT NULL,
    "aId" INTEGER NOT NULL,

    PRIMARY KEY ("a", "b"),
    CONSTRAINT "B_aId_fkey" FOREIGN KEY ("aId") REFERENCES "A" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "A_name_key" ON "A"("name");
CREATE INDEX "A_a_idx" ON "A"("a");
CREATE UNIQUE INDEX "A_a_b_key" ON "A"("a", "b");
CREATE INDEX "B_a_b_idx" ON "B"("a", "b");
"#;

#[test]
fn prisma_shaped_tables_keys_and_indexes() {
    let file = SqliteFile::with(CONSTRAINT_NAMES_DDL);
    let schema = describe_sqlite(&file.conn).expect("describe");
    let names: Vec<&str> = schema.tables.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["A", "B"], "sqlite_sequence is not a table of the schema");

    let a = table(&schema, "A");
    let id = a.column("id").unwrap();
    assert_eq!((id.tpe.family.clone(), id.tpe.arity, id.tpe.native.clone()), (ColumnTypeFamily::Int, ColumnArity::Required, None));
    assert!(id.auto_increment && id.default.is_none());
    assert_eq!(a.primary_key.as_ref().unwrap().columns, vec![IndexColumn::new("id")]);
    assert_eq!(a.indexes.len(), 3);
    let index = |name: &str| a.indexes.iter().find(|i| i.name == name).unwrap();
    assert_eq!(index("A_name_key").kind, IndexKind::Unique);
    assert_eq!(index("A_a_idx").kind, IndexKind::Normal);
    assert_eq!(index("A_a_b_key").columns, vec![IndexColumn::new("a"), IndexColumn::new("b")]);

    let b = table(&schema, "B");
    assert_eq!(b.primary_key.as_ref().unwrap().columns, vec![IndexColumn::new("a"), IndexColumn::new("b")]);
    assert!(b.columns.iter().all(|c| !c.auto_increment));
    let fk = &b.foreign_keys[0];
    assert_eq!(fk.name, None);
    assert_eq!((fk.columns.clone(), fk.referenced_table.as_str(), fk.referenced_columns.clone()), (vec!["aId".to_owned()], "A", vec!["id".to_owned()]));
    assert_eq!((fk.on_delete, fk.on_update), (ForeignKeyAction::Restrict, ForeignKeyAction::Cascade));
}

#[test]
fn indexes_come_newest_first_as_in_index_list() {
    // Created in name order, so a name sort would give the opposite order.
    let file = SqliteFile::with(
        r#"
        CREATE TABLE "T" ("id" INTEGER NOT NULL PRIMARY KEY, "a" TEXT NOT NULL, "b" TEXT NOT NULL, "c" TEXT NOT NULL);
        CREATE INDEX "T_a_idx" ON "T"("a");
        CREATE UNIQUE INDEX "T_b_key" ON "T"("b");
        CREATE INDEX "T_c_idx" ON "T"("c");
        "#,
    );
    let schema = describe_sqlite(&file.conn).expect("describe");
    let names: Vec<&str> = table(&schema, "T").indexes.iter().map(|i| i.name.as_str()).collect();
    assert_eq!(names, ["T_c_idx", "T_b_key", "T_a_idx"], "Prisma lists indexes in PRAGMA index_list order");
}

#[test]
fn types_defaults_and_index_shapes() {
    let file = SqliteFile::with(
        r#"
        CREATE TABLE "T" (
            "id" TEXT NOT NULL PRIMARY KEY,
            "i" INTEGER NOT NULL DEFAULT 42,
            "big" BIGINT DEFAULT -3,
            "f" REAL NOT NULL DEFAULT 1.50,
            "dec" DECIMAL NOT NULL DEFAULT 2.5,
            "b" BOOLEAN NOT NULL DEFAULT true,
            "s" TEXT NOT NULL DEFAULT 'it''s',
            "created" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
            "j" JSONB DEFAULT '{}',
            "bytes" BLOB,
            "weird" POINT,
            "parentId" TEXT,
            CONSTRAINT "T_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "T" ("id") ON DELETE SET NULL ON UPDATE CASCADE
        );
        CREATE INDEX "T_i_s_idx" ON "T"("i" DESC, "s");
        CREATE UNIQUE INDEX "T_s_key" ON "T"("s") WHERE "b" = 1;
        CREATE INDEX "T_expr_idx" ON "T"(lower("s"));
        CREATE TABLE "_prisma_migrations" ("id" TEXT PRIMARY KEY NOT NULL);
        CREATE VIEW "TView" AS SELECT "id" FROM "T";
        CREATE TABLE "Implicit" ("id" INTEGER PRIMARY KEY, "tId" TEXT REFERENCES "T");
        "#,
    );
    let schema = describe_sqlite(&file.conn).expect("describe");
    let names: Vec<&str> = schema.tables.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["Implicit", "T"]);
    assert_eq!(schema.views.len(), 1);

    let t = table(&schema, "T");
    use ColumnTypeFamily as F;
    let family = |c: &str| t.column(c).unwrap().tpe.family.clone();
    assert_eq!(family("id"), F::String);
    assert_eq!(family("big"), F::BigInt);
    assert_eq!(family("f"), F::Float);
    assert_eq!(family("dec"), F::Decimal);
    assert_eq!(family("b"), F::Boolean);
    assert_eq!(family("created"), F::DateTime);
    assert_eq!(family("j"), F::Json);
    assert_eq!(family("bytes"), F::Binary);
    assert_eq!(family("weird"), F::Unsupported("point".into()));
    assert!(!t.column("id").unwrap().auto_increment, "a TEXT primary key is not a rowid alias");

    let value = |literal: Literal| Some(DefaultKind::Value(literal));
    assert_eq!(default_kind(t, "i"), value(Literal::Int(42)));
    assert_eq!(default_kind(t, "big"), value(Literal::Int(-3)));
    // As Prisma prints it (a BigDecimal keeps its scale): `@default(1.50)`.
    assert_eq!(default_kind(t, "f"), value(Literal::Float("1.50".into())));
    assert_eq!(default_kind(t, "dec"), value(Literal::Float("2.5".into())));
    assert_eq!(default_kind(t, "b"), value(Literal::Boolean(true)));
    assert_eq!(default_kind(t, "s"), value(Literal::String("it's".into())));
    assert_eq!(default_kind(t, "created"), Some(DefaultKind::Now));
    assert_eq!(default_kind(t, "j"), value(Literal::Json("'{}'".into())), "Prisma keeps the quotes");

    assert!(t.indexes.iter().all(|i| i.name != "T_expr_idx"), "expression indexes are skipped");
    let desc = t.indexes.iter().find(|i| i.name == "T_i_s_idx").unwrap();
    assert_eq!(desc.columns[0].sort_order, Some(SortOrder::Desc));
    assert_eq!(desc.columns[1].sort_order, None);
    let partial = t.indexes.iter().find(|i| i.name == "T_s_key").unwrap();
    assert_eq!((partial.kind, partial.predicate.as_deref()), (IndexKind::Unique, Some("\"b\" = 1")));
    let fk = &t.foreign_keys[0];
    assert_eq!((fk.on_delete, fk.on_update), (ForeignKeyAction::SetNull, ForeignKeyAction::Cascade));

    let implicit = table(&schema, "Implicit");
    let id = implicit.column("id").unwrap();
    assert!(id.auto_increment && id.tpe.arity == ColumnArity::Required, "INTEGER PRIMARY KEY is the rowid: {id:?}");
    assert_eq!(implicit.foreign_keys[0].referenced_columns, ["id"], "REFERENCES without columns means the primary key");
}

fn many_tables_ddl(count: usize) -> String {
    let mut ddl = String::from(r#"CREATE TABLE "t0" ("id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, "name" TEXT NOT NULL);"#);
    for i in 1..count {
        ddl.push_str(&format!(
            r#"CREATE TABLE "t{i}" ("id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, "name" TEXT NOT NULL, "prevId" INTEGER NOT NULL,
                CONSTRAINT "t{i}_prevId_fkey" FOREIGN KEY ("prevId") REFERENCES "t{p}" ("id") ON DELETE RESTRICT ON UPDATE CASCADE);
               CREATE INDEX "t{i}_name_idx" ON "t{i}"("name");"#,
            p = i - 1
        ));
    }
    ddl
}

#[test]
fn query_count_does_not_grow_with_tables() {
    let counts: Vec<usize> = [3, 200]
        .into_iter()
        .map(|tables| {
            let file = SqliteFile::with(&many_tables_ddl(tables));
            let (schema, stats) = describe_sqlite_with_stats(&file.conn).unwrap();
            assert_eq!(schema.tables.len(), tables);
            assert!(schema.tables.iter().skip(1).all(|t| t.foreign_keys.len() == 1 && t.indexes.len() == 1));
            stats.queries
        })
        .collect();
    assert_eq!(counts, [4, 4]);
}
