//! describe on a real MySQL / MariaDB server (TEST_MYSQL_URL): hand-written, Prisma-shaped
//! DDL in, SqlSchema facts out.

mod describe_support;

use describe_support::MyDb;
use flavour::describe::{describe_mysql, describe_mysql_with_stats};
use mysql::prelude::Queryable;
use sql_schema::{
    ColumnArity, ColumnTypeFamily, DefaultKind, ForeignKeyAction, IndexColumn, IndexKind, Literal, NativeType,
    SortOrder, SqlSchema, Table,
};

fn describe(db: &mut MyDb) -> SqlSchema {
    let name = db.name.clone();
    describe_mysql(db.conn(), &name).expect("describe")
}

fn table<'a>(schema: &'a SqlSchema, name: &str) -> &'a Table {
    schema.table(None, name).unwrap_or_else(|| panic!("table {name} in {schema:#?}"))
}

fn default_kind(table: &Table, column: &str) -> Option<DefaultKind> {
    table.column(column).and_then(|c| c.default.as_ref()).map(|d| d.kind.clone())
}

/// Spec §6.4, the DDL Prisma generates for the constraint-names test schema.
const CONSTRAINT_NAMES_DDL: &str = r#"
CREATE TABLE `A` (
    `id` INTEGER NOT NULL,
    `name` VARCHAR(191) NOT NULL,
    `a` VARCHAR(191) NOT NULL,
    `b` VARCHAR(191) NOT NULL,

    UNIQUE INDEX `A_name_key`(`name`),
    INDEX `A_a_idx`(`a`),
    UNIQUE INDEX `A_a_b_key`(`a`, `b`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE TABLE `B` (
    `a` VARCHAR(191) NOT NULL,
    `b` VARCHAR(191) NOT NULL,
    `aId` INTEGER NOT NULL,

    INDEX `B_a_b_idx`(`a`, `b`),
    PRIMARY KEY (`a`, `b`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
ALTER TABLE `B` ADD CONSTRAINT `B_aId_fkey` FOREIGN KEY (`aId`) REFERENCES `A`(`id`) ON DELETE RESTRICT ON UPDATE CASCADE;
"#;

#[test]
fn prisma_shaped_tables_keys_and_indexes() {
    let mut db = MyDb::with(CONSTRAINT_NAMES_DDL);
    let schema = describe(&mut db);
    assert_eq!(schema.tables.len(), 2);

    let a = table(&schema, "A");
    let names: Vec<&str> = a.columns.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["id", "name", "a", "b"]);
    assert_eq!(a.column("id").unwrap().tpe.native, Some(NativeType::new("Int", &[])));
    assert_eq!(a.column("name").unwrap().tpe.native, Some(NativeType::new("VarChar", &["191"])));
    let pk = a.primary_key.as_ref().unwrap();
    assert_eq!((pk.name.clone(), pk.columns.clone()), (None, vec![IndexColumn::new("id")]));
    let index = |name: &str| a.indexes.iter().find(|i| i.name == name).unwrap();
    assert_eq!(a.indexes.len(), 3);
    assert_eq!(index("A_name_key").kind, IndexKind::Unique);
    assert_eq!(index("A_a_idx").kind, IndexKind::Normal);
    assert_eq!(index("A_a_b_key").columns, vec![IndexColumn::new("a"), IndexColumn::new("b")]);

    let b = table(&schema, "B");
    assert_eq!(b.primary_key.as_ref().unwrap().columns, vec![IndexColumn::new("a"), IndexColumn::new("b")]);
    let fk = &b.foreign_keys[0];
    assert_eq!(fk.name.as_deref(), Some("B_aId_fkey"));
    assert_eq!((fk.columns.clone(), fk.referenced_table.as_str(), fk.referenced_columns.clone()), (vec!["aId".to_owned()], "A", vec!["id".to_owned()]));
    assert_eq!((fk.on_delete, fk.on_update), (ForeignKeyAction::Restrict, ForeignKeyAction::Cascade));
    // MySQL backs the foreign key with an index of the constraint's name.
    assert!(b.indexes.iter().any(|i| i.name == "B_aId_fkey" && i.columns == vec![IndexColumn::new("aId")]));
}

#[test]
fn column_types_enums_and_defaults() {
    let mut db = MyDb::with(
        r#"
        CREATE TABLE `T` (
            `id` INTEGER NOT NULL AUTO_INCREMENT,
            `big` BIGINT UNSIGNED NULL,
            `flag` BOOLEAN NOT NULL DEFAULT true,
            `tiny` TINYINT NOT NULL DEFAULT 5,
            `f` DOUBLE NOT NULL DEFAULT 1.5,
            `dec` DECIMAL(65, 30) NOT NULL DEFAULT 2.25,
            `s` VARCHAR(191) NOT NULL DEFAULT 'it''s',
            `txt` TEXT NULL,
            `ch` CHAR(3) NULL,
            `created` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
            `dt0` DATETIME NULL,
            `ts` TIMESTAMP(6) NULL,
            `d` DATE NULL,
            `j` JSON NULL,
            `bytes` LONGBLOB NULL,
            `bin` BINARY(16) NULL,
            `bit1` BIT(1) NULL,
            `mood` ENUM('HUNGRY', 'SLEEPY') NOT NULL DEFAULT 'SLEEPY',
            `u` VARCHAR(36) NOT NULL DEFAULT (uuid()),
            `g` POINT NULL,
            PRIMARY KEY (`id`)
        ) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci
        "#,
    );
    let schema = describe(&mut db);
    let t = table(&schema, "T");
    let check = |column: &str, family: ColumnTypeFamily, arity: ColumnArity, native: Option<(&str, &[&str])>| {
        let c = t.column(column).unwrap_or_else(|| panic!("column {column}"));
        assert_eq!(c.tpe.family, family, "family of {column}");
        assert_eq!(c.tpe.arity, arity, "arity of {column}");
        assert_eq!(c.tpe.native, native.map(|(n, a)| NativeType::new(n, a)), "native type of {column}");
    };
    use ColumnArity::{Nullable, Required};
    use ColumnTypeFamily as F;
    check("id", F::Int, Required, Some(("Int", &[])));
    check("big", F::BigInt, Nullable, Some(("UnsignedBigInt", &[])));
    check("flag", F::Boolean, Required, Some(("TinyInt", &[])));
    check("tiny", F::Int, Required, Some(("TinyInt", &[])));
    check("f", F::Float, Required, Some(("Double", &[])));
    check("dec", F::Decimal, Required, Some(("Decimal", &["65", "30"])));
    check("s", F::String, Required, Some(("VarChar", &["191"])));
    check("txt", F::String, Nullable, Some(("Text", &[])));
    check("ch", F::String, Nullable, Some(("Char", &["3"])));
    check("created", F::DateTime, Required, Some(("DateTime", &["3"])));
    check("dt0", F::DateTime, Nullable, Some(("DateTime", &["0"])));
    check("ts", F::DateTime, Nullable, Some(("Timestamp", &["6"])));
    check("d", F::DateTime, Nullable, Some(("Date", &[])));
    check("j", F::Json, Nullable, Some(("Json", &[])));
    check("bytes", F::Binary, Nullable, Some(("LongBlob", &[])));
    check("bin", F::Binary, Nullable, Some(("Binary", &["16"])));
    check("bit1", F::Boolean, Nullable, Some(("Bit", &["1"])));
    check("mood", F::Enum("T_mood".into()), Required, None);
    check("g", F::Unsupported("point".into()), Nullable, None);

    assert!(t.column("id").unwrap().auto_increment);
    assert_eq!(schema.enums.len(), 1);
    assert_eq!(schema.enums[0].name, "T_mood");
    assert_eq!(schema.enums[0].values, ["HUNGRY", "SLEEPY"]);

    let value = |literal: Literal| Some(DefaultKind::Value(literal));
    assert_eq!(default_kind(t, "id"), None);
    assert_eq!(default_kind(t, "flag"), value(Literal::Boolean(true)));
    assert_eq!(default_kind(t, "tiny"), value(Literal::Int(5)));
    assert_eq!(default_kind(t, "f"), value(Literal::Float("1.5".into())));
    // The catalog prints the default at the column's scale; Prisma keeps it (a BigDecimal).
    assert_eq!(default_kind(t, "dec"), value(Literal::Float("2.250000000000000000000000000000".into())));
    assert_eq!(default_kind(t, "s"), value(Literal::String("it's".into())));
    assert_eq!(default_kind(t, "created"), Some(DefaultKind::Now));
    assert_eq!(default_kind(t, "mood"), value(Literal::Enum("SLEEPY".into())));
    assert_eq!(default_kind(t, "u"), Some(DefaultKind::DbGenerated("(uuid())".into())));
    assert_eq!(default_kind(t, "txt"), None);
}

#[test]
fn index_shapes_and_ignored_tables() {
    let mut db = MyDb::with(
        r#"
        CREATE TABLE `_prisma_migrations` (`id` VARCHAR(36) NOT NULL, PRIMARY KEY (`id`));
        CREATE TABLE `P` (
            `id` INTEGER NOT NULL,
            `title` VARCHAR(191) NOT NULL,
            `body` TEXT NOT NULL,
            `n` INTEGER NOT NULL,
            INDEX `P_title_n_idx`(`title`(10), `n` DESC),
            FULLTEXT INDEX `P_title_body_idx`(`title`, `body`),
            PRIMARY KEY (`id`)
        ) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
        CREATE VIEW `PView` AS SELECT `id` FROM `P`
        "#,
    );
    let schema = describe(&mut db);
    let names: Vec<&str> = schema.tables.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["P"]);
    let p = table(&schema, "P");
    let prefix = p.indexes.iter().find(|i| i.name == "P_title_n_idx").unwrap();
    assert_eq!(prefix.columns[0].length, Some(10));
    assert_eq!(prefix.columns[1].length, None);
    // MariaDB accepts DESC but ignores it before 10.8; MySQL 8 keeps it.
    assert!(matches!(prefix.columns[1].sort_order, None | Some(SortOrder::Desc)));
    let fulltext = p.indexes.iter().find(|i| i.name == "P_title_body_idx").unwrap();
    assert_eq!(fulltext.kind, IndexKind::Fulltext);
    assert_eq!(fulltext.columns.len(), 2);
    assert_eq!(schema.views.len(), 1);
    assert_eq!(schema.views[0].name, "PView");
}

fn many_tables_ddl(count: usize) -> String {
    let mut ddl = String::from("CREATE TABLE `t0` (`id` INTEGER NOT NULL AUTO_INCREMENT, `name` VARCHAR(191) NOT NULL, PRIMARY KEY (`id`));");
    for i in 1..count {
        ddl.push_str(&format!(
            "CREATE TABLE `t{i}` (`id` INTEGER NOT NULL AUTO_INCREMENT, `name` VARCHAR(191) NOT NULL, `prevId` INTEGER NOT NULL,
                INDEX `t{i}_name_idx`(`name`), PRIMARY KEY (`id`),
                CONSTRAINT `t{i}_prevId_fkey` FOREIGN KEY (`prevId`) REFERENCES `t{p}`(`id`));",
            p = i - 1
        ));
    }
    ddl
}

/// Counted on the server: the session's `Questions` status before and after describe.
fn server_statements(db: &mut MyDb) -> (usize, usize) {
    let questions = |db: &mut MyDb| -> usize {
        let row: Option<(String, String)> = db.conn().query_first("SHOW SESSION STATUS LIKE 'Questions'").unwrap();
        row.and_then(|(_, v)| v.parse().ok()).expect("Questions status")
    };
    let before = questions(db);
    let name = db.name.clone();
    let (_, stats) = describe_mysql_with_stats(db.conn(), &name).unwrap();
    let after = questions(db);
    (after - before, stats.queries)
}

#[test]
fn query_count_does_not_grow_with_tables() {
    let mut small = MyDb::with(&many_tables_ddl(3));
    let mut large = MyDb::with(&many_tables_ddl(40));
    let small_counts = server_statements(&mut small);
    let large_counts = server_statements(&mut large);
    assert_eq!(small_counts, large_counts);
    assert!(small_counts.1 <= 7, "{small_counts:?}");
}

/// `cargo test -p flavour --test describe_mysql -- --ignored --nocapture`
#[test]
#[ignore = "builds a 1,000-table database; run by hand to measure"]
fn thousand_tables() {
    let tables = 1000;
    let build = std::time::Instant::now();
    let mut db = MyDb::with(&many_tables_ddl(tables));
    println!("built {tables} tables in {:?}", build.elapsed());
    let name = db.name.clone();
    for run in 1..=2 {
        let start = std::time::Instant::now();
        let (schema, stats) = describe_mysql_with_stats(db.conn(), &name).unwrap();
        assert_eq!(schema.tables.len(), tables);
        println!("run {run}: described {tables} tables in {:?} with {} queries", start.elapsed(), stats.queries);
    }
}
