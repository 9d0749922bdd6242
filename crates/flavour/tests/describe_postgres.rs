//! describe on a real PostgreSQL server (TEST_POSTGRES_URL): hand-written, Prisma-shaped DDL
//! in, SqlSchema facts out.

mod describe_support;

use describe_support::PgDb;
use flavour::describe::{describe_postgres, describe_postgres_with_stats, DescribeError, PgScope};
use sql_schema::{
    ColumnArity, ColumnTypeFamily, DefaultKind, ForeignKeyAction, IndexColumn, IndexKind, Literal, NativeType,
    SortOrder, SqlSchema, Table,
};

fn describe(db: &mut PgDb) -> SqlSchema {
    describe_postgres(db.client(), &PgScope::default_schema("public")).expect("describe")
}

fn table<'a>(schema: &'a SqlSchema, name: &str) -> &'a Table {
    schema.table(None, name).unwrap_or_else(|| panic!("table {name} in {schema:#?}"))
}

fn default_kind(table: &Table, column: &str) -> Option<DefaultKind> {
    table.column(column).and_then(|c| c.default.as_ref()).map(|d| d.kind.clone())
}

/// The DDL Prisma generates for `A{id Int @id; name String @unique; a String; b String;
/// @@unique([a,b]); @@index([a])}` and `B{…; @@id([a,b]); relation to A}` (spec §6.3).
const CONSTRAINT_NAMES_DDL: &str = r#"
CREATE TABLE "A" (
    "id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "a" TEXT NOT NULL,
    "b" TEXT NOT NULL,

    CONSTRAINT "A_pkey" PRIMARY KEY ("id")
);
CREATE TABLE "B" (
    "a" TEXT NOT NULL,
    "b" TEXT NOT NULL,
    "aId" INTEGER NOT NULL,

    CONSTRAINT "B_pkey" PRIMARY KEY ("a","b")
);
CREATE UNIQUE INDEX "A_name_key" ON "A"("name");
CREATE INDEX "A_a_idx" ON "A"("a");
CREATE UNIQUE INDEX "A_a_b_key" ON "A"("a", "b");
CREATE INDEX "B_a_b_idx" ON "B"("a", "b");
ALTER TABLE "B" ADD CONSTRAINT "B_aId_fkey" FOREIGN KEY ("aId") REFERENCES "A"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
"#;

#[test]
fn prisma_shaped_tables_keys_and_indexes() {
    let mut db = PgDb::with(CONSTRAINT_NAMES_DDL);
    let schema = describe(&mut db);
    assert_eq!(schema.tables.len(), 2);
    assert!(schema.namespaces.is_empty());

    let a = table(&schema, "A");
    let names: Vec<&str> = a.columns.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["id", "name", "a", "b"]);
    let id = a.column("id").unwrap();
    assert_eq!(id.tpe.family, ColumnTypeFamily::Int);
    assert_eq!(id.tpe.arity, ColumnArity::Required);
    assert_eq!(id.tpe.native, Some(NativeType::new("Integer", &[])));
    assert!(!id.auto_increment && id.default.is_none());
    assert_eq!(a.column("name").unwrap().tpe.native, Some(NativeType::new("Text", &[])));

    let pk = a.primary_key.as_ref().unwrap();
    assert_eq!(pk.name.as_deref(), Some("A_pkey"));
    assert_eq!(pk.columns, vec![IndexColumn::new("id")]);
    assert_eq!(a.indexes.len(), 3, "the primary key's index is not listed: {:#?}", a.indexes);
    let index = |name: &str| a.indexes.iter().find(|i| i.name == name).unwrap();
    assert_eq!(index("A_name_key").kind, IndexKind::Unique);
    assert_eq!(index("A_a_idx").kind, IndexKind::Normal);
    let ab = index("A_a_b_key");
    assert_eq!((ab.kind, ab.columns.clone()), (IndexKind::Unique, vec![IndexColumn::new("a"), IndexColumn::new("b")]));
    assert_eq!(ab.algorithm, None);
    assert_eq!(ab.predicate, None);

    let b = table(&schema, "B");
    let pk = b.primary_key.as_ref().unwrap();
    assert_eq!(pk.columns, vec![IndexColumn::new("a"), IndexColumn::new("b")]);
    assert_eq!(b.foreign_keys.len(), 1);
    let fk = &b.foreign_keys[0];
    assert_eq!(fk.name.as_deref(), Some("B_aId_fkey"));
    assert_eq!(fk.columns, ["aId"]);
    assert_eq!((fk.referenced_namespace.as_deref(), fk.referenced_table.as_str()), (None, "A"));
    assert_eq!(fk.referenced_columns, ["id"]);
    assert_eq!((fk.on_delete, fk.on_update), (ForeignKeyAction::Restrict, ForeignKeyAction::Cascade));
}

#[test]
fn column_types_arity_and_native_types() {
    let mut db = PgDb::with(
        r#"
        CREATE EXTENSION citext;
        CREATE TYPE "Mood" AS ENUM ('HUNGRY', 'SLEEPY');
        CREATE TABLE "T" (
            "id" SERIAL NOT NULL,
            "big" BIGSERIAL NOT NULL,
            "small" SMALLINT,
            "f" DOUBLE PRECISION NOT NULL,
            "r" REAL,
            "dec" DECIMAL(65,30) NOT NULL,
            "dec2" DECIMAL(10,2),
            "num" NUMERIC,
            "vc" VARCHAR(191),
            "vc_any" VARCHAR,
            "ch" CHAR(3),
            "ts" TIMESTAMP(3) NOT NULL,
            "ts_bare" TIMESTAMP,
            "tstz" TIMESTAMPTZ(6),
            "d" DATE,
            "t" TIME(2),
            "bool" BOOLEAN NOT NULL,
            "bytes" BYTEA,
            "j" JSONB,
            "js" JSON,
            "u" UUID,
            "ci" CITEXT,
            "mood" "Mood" NOT NULL,
            "moods" "Mood"[],
            "tags" TEXT[],
            "vcs" VARCHAR(10)[],
            "ints" INTEGER[] NOT NULL,
            "tsv" TSVECTOR,
            "money" MONEY,
            "x" XML,
            "bits" BIT(4),
            "vbits" VARBIT,

            CONSTRAINT "T_pkey" PRIMARY KEY ("id")
        );
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
    use ColumnArity::{List, Nullable, Required};
    use ColumnTypeFamily as F;
    check("id", F::Int, Required, Some(("Integer", &[])));
    check("big", F::BigInt, Required, Some(("BigInt", &[])));
    check("small", F::Int, Nullable, Some(("SmallInt", &[])));
    check("f", F::Float, Required, Some(("DoublePrecision", &[])));
    check("r", F::Float, Nullable, Some(("Real", &[])));
    check("dec", F::Decimal, Required, Some(("Decimal", &["65", "30"])));
    check("dec2", F::Decimal, Nullable, Some(("Decimal", &["10", "2"])));
    check("num", F::Decimal, Nullable, Some(("Decimal", &[])));
    check("vc", F::String, Nullable, Some(("VarChar", &["191"])));
    check("vc_any", F::String, Nullable, Some(("VarChar", &[])));
    check("ch", F::String, Nullable, Some(("Char", &["3"])));
    check("ts", F::DateTime, Required, Some(("Timestamp", &["3"])));
    check("ts_bare", F::DateTime, Nullable, Some(("Timestamp", &["6"])));
    check("tstz", F::DateTime, Nullable, Some(("Timestamptz", &["6"])));
    check("d", F::DateTime, Nullable, Some(("Date", &[])));
    check("t", F::DateTime, Nullable, Some(("Time", &["2"])));
    check("bool", F::Boolean, Required, Some(("Boolean", &[])));
    check("bytes", F::Binary, Nullable, Some(("ByteA", &[])));
    check("j", F::Json, Nullable, Some(("JsonB", &[])));
    check("js", F::Json, Nullable, Some(("Json", &[])));
    check("u", F::String, Nullable, Some(("Uuid", &[])));
    check("ci", F::String, Nullable, Some(("Citext", &[])));
    check("mood", F::Enum("Mood".into()), Required, None);
    check("moods", F::Enum("Mood".into()), List, None);
    check("tags", F::String, List, Some(("Text", &[])));
    check("vcs", F::String, List, Some(("VarChar", &["10"])));
    check("ints", F::Int, List, Some(("Integer", &[])));
    check("tsv", F::Unsupported("tsvector".into()), Nullable, None);
    check("money", F::Decimal, Nullable, Some(("Money", &[])));
    check("x", F::String, Nullable, Some(("Xml", &[])));
    check("bits", F::String, Nullable, Some(("Bit", &["4"])));
    check("vbits", F::String, Nullable, Some(("VarBit", &[])));

    // SERIAL columns autoincrement and keep their owned sequence as the default (render drops
    // it by name with the autoincrement); the sequence itself is not listed.
    for (serial, sequence) in [("id", "T_id_seq"), ("big", "T_big_seq")] {
        let c = t.column(serial).unwrap();
        assert!(c.auto_increment, "{serial}: {c:?}");
        assert_eq!(default_kind(t, serial), Some(DefaultKind::Sequence(sequence.into())));
    }
    assert!(schema.sequences.is_empty(), "{:?}", schema.sequences);
    // The default schema is named, for render's enum-recreation script.
    assert_eq!(schema.default_namespace.as_deref(), Some("public"));
    assert_eq!(schema.enums.len(), 1);
    assert_eq!((schema.enums[0].name.as_str(), schema.enums[0].values.clone()), ("Mood", vec!["HUNGRY".into(), "SLEEPY".into()]));
    assert_eq!(schema.enums[0].namespace, None);
    let citext = schema.extensions.iter().find(|e| e.name == "citext").expect("citext listed");
    assert_eq!(citext.schema.as_deref(), Some("public"));
    assert!(citext.version.is_some());
}

#[test]
fn defaults_are_read_back_by_family() {
    let mut db = PgDb::with(
        r#"
        CREATE TYPE "Mood" AS ENUM ('HUNGRY', 'SLEEPY');
        CREATE SEQUENCE "standalone_seq";
        CREATE TABLE "D" (
            "id" INTEGER GENERATED BY DEFAULT AS IDENTITY,
            "s" TEXT NOT NULL DEFAULT 'it''s',
            "vc" VARCHAR(10) DEFAULT 'x',
            "i" INTEGER NOT NULL DEFAULT 42,
            "neg" INTEGER NOT NULL DEFAULT -7,
            "bi" BIGINT DEFAULT 9007199254740993,
            "f" DOUBLE PRECISION DEFAULT 1.50,
            "dec" DECIMAL(65,30) DEFAULT 2.250,
            "b" BOOLEAN NOT NULL DEFAULT true,
            "now" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
            "now2" TIMESTAMPTZ DEFAULT now(),
            "fixed" TIMESTAMP(3) DEFAULT '2020-01-01 00:00:00',
            "mood" "Mood" NOT NULL DEFAULT 'SLEEPY',
            "moods" "Mood"[] DEFAULT ARRAY['SLEEPY']::"Mood"[],
            "tags" TEXT[] DEFAULT ARRAY['a', 'b']::TEXT[],
            "empty" TEXT[] DEFAULT ARRAY[]::TEXT[],
            "ints" INTEGER[] DEFAULT '{1,2}',
            "j" JSONB DEFAULT '{"a": 1}',
            "bytes" BYTEA DEFAULT '\x0aff',
            "u" UUID DEFAULT gen_random_uuid(),
            "seq" INTEGER DEFAULT nextval('standalone_seq'),
            "nul" TEXT DEFAULT NULL,
            "expr" INTEGER DEFAULT (1 + 2),
            CONSTRAINT "D_pkey" PRIMARY KEY ("id")
        );
        "#,
    );
    let schema = describe(&mut db);
    let d = table(&schema, "D");
    let value = |literal: Literal| Some(DefaultKind::Value(literal));
    let strings = |items: &[&str]| value(Literal::List(items.iter().map(|s| Literal::String((*s).into())).collect()));
    let id = d.column("id").unwrap();
    assert!(id.auto_increment && id.default.is_none(), "identity column: {id:?}");
    assert_eq!(default_kind(d, "s"), value(Literal::String("it's".into())));
    assert_eq!(default_kind(d, "vc"), value(Literal::String("x".into())));
    assert_eq!(default_kind(d, "i"), value(Literal::Int(42)));
    assert_eq!(default_kind(d, "neg"), value(Literal::Int(-7)));
    assert_eq!(default_kind(d, "bi"), value(Literal::Int(9_007_199_254_740_993)));
    // The written scale is kept, as Prisma's describer keeps it (`@default(1.50)` on pull).
    assert_eq!(default_kind(d, "f"), value(Literal::Float("1.50".into())));
    assert_eq!(default_kind(d, "dec"), value(Literal::Float("2.250".into())));
    assert_eq!(default_kind(d, "b"), value(Literal::Boolean(true)));
    assert_eq!(default_kind(d, "now"), Some(DefaultKind::Now));
    assert_eq!(default_kind(d, "now2"), Some(DefaultKind::Now));
    // A datetime literal is the database's expression to Prisma (only `now()` is read).
    let fixed = "'2020-01-01 00:00:00'::timestamp without time zone";
    assert_eq!(default_kind(d, "fixed"), Some(DefaultKind::DbGenerated(fixed.into())));
    assert_eq!(default_kind(d, "mood"), value(Literal::Enum("SLEEPY".into())));
    assert_eq!(default_kind(d, "moods"), value(Literal::List(vec![Literal::Enum("SLEEPY".into())])));
    assert_eq!(default_kind(d, "tags"), strings(&["a", "b"]));
    assert_eq!(default_kind(d, "empty"), strings(&[]));
    assert_eq!(default_kind(d, "ints"), value(Literal::List(vec![Literal::Int(1), Literal::Int(2)])));
    assert_eq!(default_kind(d, "j"), value(Literal::Json("{\"a\": 1}".into())));
    assert_eq!(default_kind(d, "bytes"), value(Literal::Bytes(vec![0x0a, 0xff])));
    assert_eq!(default_kind(d, "u"), Some(DefaultKind::DbGenerated("gen_random_uuid()".into())));
    // A sequence the column does not own: still autoincrement, as in Prisma's describer (checked
    // with Prisma 6.19.3), and the sequence is listed.
    let seq = d.column("seq").unwrap();
    assert!(seq.auto_increment);
    assert_eq!(default_kind(d, "seq"), Some(DefaultKind::Sequence("standalone_seq".into())));
    assert_eq!(schema.sequences.len(), 1, "{:?}", schema.sequences);
    assert_eq!((schema.sequences[0].namespace.as_deref(), schema.sequences[0].name.as_str()), (None, "standalone_seq"));
    assert_eq!(default_kind(d, "nul"), None);
    assert_eq!(default_kind(d, "expr"), Some(DefaultKind::DbGenerated("(1 + 2)".into())));
}

#[test]
fn index_shapes() {
    let mut db = PgDb::with(
        r#"
        CREATE TABLE "I" (
            "id" INTEGER NOT NULL,
            "a" TEXT NOT NULL,
            "b" INTEGER NOT NULL,
            "data" JSONB NOT NULL,
            "email" TEXT,
            CONSTRAINT "I_pkey" PRIMARY KEY ("id"),
            CONSTRAINT "I_b_unique_constraint" UNIQUE ("b")
        );
        CREATE INDEX "I_a_b_idx" ON "I"("a" DESC, "b");
        CREATE INDEX "I_data_idx" ON "I" USING GIN ("data" jsonb_path_ops);
        CREATE INDEX "I_data_default_idx" ON "I" USING GIN ("data");
        CREATE INDEX "I_a_hash_idx" ON "I" USING HASH ("a");
        CREATE UNIQUE INDEX "I_email_key" ON "I"("email") WHERE email IS NOT NULL;
        CREATE INDEX "I_lower_idx" ON "I"(lower("a"));
        CREATE INDEX "I_covering_idx" ON "I"("b") INCLUDE ("a");
        "#,
    );
    let schema = describe(&mut db);
    let t = table(&schema, "I");
    let index = |name: &str| t.indexes.iter().find(|i| i.name == name).unwrap_or_else(|| panic!("index {name}: {:#?}", t.indexes));
    assert!(t.indexes.iter().all(|i| i.name != "I_lower_idx"), "expression indexes are skipped");
    assert_eq!(t.indexes.len(), 7);

    let unique_constraint = index("I_b_unique_constraint");
    assert_eq!(unique_constraint.kind, IndexKind::Unique);

    let desc = index("I_a_b_idx");
    assert_eq!(desc.columns[0].sort_order, Some(SortOrder::Desc));
    assert_eq!(desc.columns[1].sort_order, None);

    let gin = index("I_data_idx");
    assert_eq!(gin.algorithm.as_deref(), Some("Gin"));
    assert_eq!(gin.columns[0].operator_class.as_deref(), Some("jsonb_path_ops"));
    assert_eq!(index("I_data_default_idx").columns[0].operator_class, None, "default operator classes are not reported");
    assert_eq!(desc.columns[0].operator_class, None);
    assert_eq!(index("I_a_hash_idx").algorithm.as_deref(), Some("Hash"));

    let partial = index("I_email_key");
    assert_eq!(partial.kind, IndexKind::Unique);
    assert_eq!(partial.predicate.as_deref(), Some("(email IS NOT NULL)"));

    // Prisma's describer lists INCLUDE columns as index columns (checked with Prisma 6.19.3).
    assert_eq!(index("I_covering_idx").columns, vec![IndexColumn::new("b"), IndexColumn::new("a")]);
}

/// Prisma keeps operator classes only on GiST, GIN, SP-GiST and BRIN indexes: a hand-written
/// BTree or Hash `text_pattern_ops` index pulls and diffs as the plain index (checked with
/// Prisma 6.19.3: `db pull` prints no `ops:`, `migrate diff` against that schema is empty).
#[test]
fn btree_and_hash_operator_classes_are_not_reported() {
    let mut db = PgDb::with(
        r#"
        CREATE TABLE "P" ("id" INTEGER PRIMARY KEY, "t" TEXT, "v" VARCHAR(10), "data" JSONB);
        CREATE INDEX "P_t_pattern_idx" ON "P" ("t" text_pattern_ops);
        CREATE UNIQUE INDEX "P_v_key" ON "P" ("v" varchar_pattern_ops);
        CREATE INDEX "P_t_hash_idx" ON "P" USING HASH ("t" text_pattern_ops);
        CREATE INDEX "P_data_idx" ON "P" USING GIN ("data" jsonb_path_ops);
        "#,
    );
    let schema = describe(&mut db);
    let t = table(&schema, "P");
    let class = |name: &str| {
        let index = t.indexes.iter().find(|i| i.name == name).unwrap_or_else(|| panic!("index {name}: {:#?}", t.indexes));
        index.columns[0].operator_class.clone()
    };
    assert_eq!(class("P_t_pattern_idx"), None);
    assert_eq!(class("P_v_key"), None);
    assert_eq!(class("P_t_hash_idx"), None);
    assert_eq!(class("P_data_idx").as_deref(), Some("jsonb_path_ops"));
}

#[test]
fn ignored_objects() {
    let mut db = PgDb::with(
        r#"
        CREATE EXTENSION pg_stat_statements;
        CREATE TABLE "_prisma_migrations" ("id" VARCHAR(36) PRIMARY KEY);
        CREATE TABLE "spatial_ref_sys" ("srid" INTEGER PRIMARY KEY);
        CREATE TABLE "measurement" ("id" INTEGER NOT NULL, "logdate" DATE NOT NULL) PARTITION BY RANGE ("logdate");
        CREATE TABLE "measurement_y2020" PARTITION OF "measurement" FOR VALUES FROM ('2020-01-01') TO ('2021-01-01');
        CREATE TABLE "Kept" ("id" INTEGER PRIMARY KEY, "m" INTEGER);
        CREATE VIEW "KeptView" AS SELECT "id" FROM "Kept";
        "#,
    );
    let schema = describe(&mut db);
    let names: Vec<&str> = schema.tables.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["Kept", "measurement"]);
    let views: Vec<&str> = schema.views.iter().map(|v| v.name.as_str()).collect();
    assert_eq!(views, ["KeptView"], "extension-owned views are left out");
    assert!(schema.views[0].definition.as_deref().is_some_and(|d| d.contains("Kept")));
    assert!(schema.extensions.iter().any(|e| e.name == "pg_stat_statements"));
}

#[test]
fn explicit_namespaces_qualify_everything() {
    let mut db = PgDb::with(
        r#"
        CREATE SCHEMA "roots";
        CREATE SCHEMA "veggies";
        CREATE TYPE "veggies"."Color" AS ENUM ('GREEN');
        CREATE TABLE "veggies"."zoodles" ("id" INTEGER NOT NULL, "color" "veggies"."Color",
            CONSTRAINT "zoodles_pkey" PRIMARY KEY ("id"));
        CREATE TABLE "roots"."shirataki" ("id" INTEGER NOT NULL, "zId" INTEGER NOT NULL,
            CONSTRAINT "shirataki_pkey" PRIMARY KEY ("id"));
        ALTER TABLE "roots"."shirataki" ADD CONSTRAINT "shirataki_zId_fkey" FOREIGN KEY ("zId")
            REFERENCES "veggies"."zoodles"("id") ON DELETE CASCADE ON UPDATE CASCADE;
        CREATE TABLE "public"."Outside" ("id" INTEGER PRIMARY KEY);
        "#,
    );
    let scope = PgScope::explicit(&["roots".into(), "veggies".into(), "missing".into()]);
    let schema = describe_postgres(db.client(), &scope).expect("describe");
    assert_eq!(schema.namespaces, ["roots", "veggies"], "schemas that do not exist are not listed");
    assert_eq!(schema.tables.len(), 2);
    let shirataki = schema.table(Some("roots"), "shirataki").expect("qualified table");
    let fk = &shirataki.foreign_keys[0];
    assert_eq!((fk.referenced_namespace.as_deref(), fk.referenced_table.as_str()), (Some("veggies"), "zoodles"));
    let zoodles = schema.table(Some("veggies"), "zoodles").unwrap();
    assert_eq!(zoodles.column("color").unwrap().tpe.family, ColumnTypeFamily::Enum("Color".into()));
    assert!(schema.find_enum(Some("veggies"), "Color").is_some());
    assert_eq!(schema.default_namespace, None, "every name is qualified already");

    // Describing only `roots` meets a foreign key into an undescribed schema.
    let error = describe_postgres(db.client(), &PgScope::explicit(&["roots".into()])).unwrap_err();
    assert!(matches!(error, DescribeError::CrossSchemaReference { ref missing_namespace, .. } if missing_namespace == "veggies"), "{error}");
}

#[test]
fn default_schema_from_the_connection() {
    let mut db = PgDb::with(r#"CREATE SCHEMA "app"; SET search_path TO "app"; CREATE TABLE "InApp" ("id" INTEGER PRIMARY KEY);"#);
    let schema = describe_postgres(db.client(), &PgScope::default()).expect("describe");
    assert_eq!(schema.tables.len(), 1);
    assert_eq!(schema.tables[0].namespace, None);
    assert_eq!(schema.default_namespace.as_deref(), Some("app"));
    assert_eq!(schema.tables[0].name, "InApp");
}

fn many_tables_ddl(count: usize) -> String {
    let mut ddl = String::from(r#"CREATE TABLE "t0" ("id" SERIAL PRIMARY KEY, "name" TEXT NOT NULL);"#);
    for i in 1..count {
        ddl.push_str(&format!(
            r#"CREATE TABLE "t{i}" ("id" SERIAL PRIMARY KEY, "name" TEXT NOT NULL, "prevId" INTEGER NOT NULL,
                CONSTRAINT "t{i}_prevId_fkey" FOREIGN KEY ("prevId") REFERENCES "t{p}"("id"));
               CREATE INDEX "t{i}_name_idx" ON "t{i}"("name");"#,
            p = i - 1
        ));
    }
    ddl
}

#[test]
fn query_count_does_not_grow_with_tables() {
    let counts: Vec<usize> = [3, 40]
        .into_iter()
        .map(|tables| {
            let mut db = PgDb::with(&many_tables_ddl(tables));
            let (schema, stats) = describe_postgres_with_stats(db.client(), &PgScope::default_schema("public")).unwrap();
            assert_eq!(schema.tables.len(), tables);
            assert!(schema.tables.iter().skip(1).all(|t| t.foreign_keys.len() == 1 && t.indexes.len() == 1));
            stats.queries
        })
        .collect();
    assert_eq!(counts[0], counts[1]);
    assert_eq!(counts[0], 9);
}

/// `cargo test -p flavour --test describe_postgres -- --ignored --nocapture`
#[test]
#[ignore = "builds a 5,000-table database; run by hand to measure"]
fn five_thousand_tables() {
    let tables = 5000;
    let mut db = PgDb::new();
    let build = std::time::Instant::now();
    // In batches: one implicit transaction for all of it would exhaust the lock table.
    let ddl = many_tables_ddl(tables);
    let statements: Vec<&str> = ddl.split_inclusive(';').collect();
    for chunk in statements.chunks(500) {
        db.client().batch_execute(&chunk.concat()).unwrap();
    }
    let built = build.elapsed();
    println!("built {tables} tables in {built:?}");
    // The first run also pays for cold catalog caches.
    for run in 1..=3 {
        let start = std::time::Instant::now();
        let (schema, stats) = describe_postgres_with_stats(db.client(), &PgScope::default_schema("public")).unwrap();
        let elapsed = start.elapsed();
        assert_eq!(schema.tables.len(), tables);
        println!("run {run}: described {tables} tables in {elapsed:?} with {} queries", stats.queries);
    }
}

#[test]
fn describe_connection_reads_the_url_schema_and_strips_partial_indexes() {
    use flavour::describe::{describe_connection, DescribeOptions};
    let db = PgDb::with(
        r#"CREATE SCHEMA "app";
           CREATE TABLE "app"."T" ("id" INTEGER PRIMARY KEY, "email" TEXT);
           CREATE UNIQUE INDEX "T_email_key" ON "app"."T"("email") WHERE "email" IS NOT NULL;
           CREATE TABLE "public"."NotRead" ("id" INTEGER PRIMARY KEY);"#,
    );
    let base = std::env::var("TEST_POSTGRES_URL").unwrap();
    let server = base.rsplit_once('/').map_or(base.as_str(), |(server, _)| server);
    let url = format!("{server}/{}?schema=app", db.name);
    let info = db::ConnectionInfo::parse(&url, std::path::Path::new("/")).unwrap();
    let mut conn = db::Connection::connect(&info).unwrap();

    let schema = describe_connection(&mut conn, &DescribeOptions::default()).unwrap();
    let names: Vec<(Option<&str>, &str)> = schema.tables.iter().map(|t| (t.namespace.as_deref(), t.name.as_str())).collect();
    assert_eq!(names, [(None, "T")]);
    assert!(schema.tables[0].indexes.is_empty(), "partial indexes are invisible without the preview feature");

    let options = DescribeOptions { partial_indexes: true, ..DescribeOptions::default() };
    let schema = describe_connection(&mut conn, &options).unwrap();
    assert_eq!(schema.tables[0].indexes[0].predicate.as_deref(), Some("(email IS NOT NULL)"));
}

#[test]
fn generated_columns_read_their_expression_as_default() {
    let mut db = PgDb::with(
        r#"CREATE TABLE "G" ("id" INTEGER PRIMARY KEY, "a" INTEGER NOT NULL,
             "double" INTEGER GENERATED ALWAYS AS ("a" * 2) STORED);"#,
    );
    let schema = describe(&mut db);
    let g = table(&schema, "G");
    assert_eq!(default_kind(g, "double"), Some(DefaultKind::DbGenerated("(a * 2)".into())));
    assert!(!g.column("double").unwrap().auto_increment);
}

/// Unsupported types are named as Prisma's describer names them: `udt_name` (no modifiers, no
/// schema, `_x` for arrays), but an extension's type keeps its own name (checked with Prisma
/// 6.19.3 db pull; a schema written that way diffs empty there).
#[test]
fn unsupported_types_use_prisma_spelling() {
    let mut db = PgDb::with(
        r#"
        CREATE EXTENSION IF NOT EXISTS hstore;
        CREATE SCHEMA IF NOT EXISTS unsupported_other;
        CREATE TYPE unsupported_other.pair AS (a int, b text);
        CREATE TABLE "S" (
            "id" INTEGER PRIMARY KEY,
            "iv" INTERVAL(3),
            "ranges" int4range[],
            "pair" unsupported_other.pair,
            "tags" hstore[]
        );
        "#,
    );
    let schema = describe(&mut db);
    let t = table(&schema, "S");
    let family = |name: &str| t.column(name).unwrap_or_else(|| panic!("column {name}")).tpe.family.clone();
    assert_eq!(family("iv"), ColumnTypeFamily::Unsupported("interval".into()));
    assert_eq!(family("ranges"), ColumnTypeFamily::Unsupported("_int4range".into()));
    assert_eq!(family("pair"), ColumnTypeFamily::Unsupported("pair".into()));
    assert_eq!(family("tags"), ColumnTypeFamily::Unsupported("hstore".into()));
}
