//! Dispatch of `render` (and of the differ hooks) to the flavour folders, and the script
//! assembly shared by all flavours.
//!
//! Render is a pure function of a [`Migration`]: each step reads `before` / `after` only, so a
//! reversed migration (`diff(to, from)`) renders the down script the same way.

use crate::{mysql, postgres, sqlite, Flavour};
use sql_schema::{Checks, CountQuery, DiffFlavour, ForeignKeyAction, Migration, SqlSchema, Step};

/// The differ hooks of a flavour.
pub fn diff_flavour(flavour: Flavour) -> &'static dyn DiffFlavour {
    match flavour {
        Flavour::Postgres => &postgres::casts::PostgresDiffFlavour,
        Flavour::Mysql => &mysql::casts::MysqlDiffFlavour { is_mariadb: false },
        Flavour::Sqlite => &sqlite::casts::SqliteDiffFlavour,
    }
}

/// The differ hooks for a connected server, by its version string (`SELECT VERSION()`):
/// MariaDB cannot rename indexes and keeps JSON as LONGTEXT, as Prisma accounts for.
pub fn diff_flavour_for_server(flavour: Flavour, server_version: &str) -> &'static dyn DiffFlavour {
    match flavour {
        Flavour::Mysql if server_version.contains("MariaDB") => {
            &mysql::casts::MysqlDiffFlavour { is_mariadb: true }
        }
        other => diff_flavour(other),
    }
}

/// `diff` with the flavour's hooks.
pub fn diff(flavour: Flavour, from: &SqlSchema, to: &SqlSchema) -> Migration {
    sql_schema::diff(from, to, diff_flavour(flavour))
}

/// `migrate diff --from-empty --to-schema … --script`: the script that creates `target` from
/// nothing (no warnings: an empty database has no data to lose).
pub fn from_empty_script(target: &SqlSchema, flavour: Flavour) -> String {
    let migration = diff(flavour, &SqlSchema::default(), target);
    render_script(flavour, &migration, &Checks::default())
}

/// The statements of one step, without trailing `;`. Empty for a step the flavour expresses
/// elsewhere (e.g. SQLite foreign keys live in CREATE TABLE).
pub fn render_step(flavour: Flavour, migration: &Migration, step: &Step) -> Vec<String> {
    let schemas = migration.schemas();
    match flavour {
        Flavour::Postgres => postgres::render::render_step(step, schemas),
        Flavour::Mysql => mysql::render::render_step(step, schemas),
        Flavour::Sqlite => sqlite::render::render_step(step, schemas),
    }
}

/// The migration script exactly as Prisma writes `migration.sql` (and `migrate diff --script`
/// prints it): the warnings comment, then each step under its `-- Header`, steps separated by
/// a blank line, every statement ending in `;\n`.
pub fn render_script(flavour: Flavour, migration: &Migration, checks: &Checks) -> String {
    if migration.steps.is_empty() {
        return "-- This is an empty migration.".to_owned();
    }

    let mut script = String::with_capacity(64 * migration.steps.len());
    if !checks.is_empty() {
        script.push_str("/*\n  Warnings:\n\n");
        for diagnostic in checks.warnings.iter().chain(&checks.unexecutable) {
            script.push_str("  - ");
            script.push_str(&diagnostic.message);
            script.push('\n');
        }
        script.push_str("\n*/\n");
    }

    let mut first = true;
    for step in &migration.steps {
        let statements = render_step(flavour, migration, step);
        if statements.is_empty() {
            continue;
        }
        if !first {
            script.push('\n');
        }
        first = false;
        script.push_str("-- ");
        script.push_str(step.description());
        script.push('\n');
        for statement in statements {
            script.push_str(&statement);
            script.push_str(";\n");
        }
    }
    script
}

/// The SQL of a count the destructive-change check can use (`migrate dev`, `db push`), as
/// Prisma queries it; the result's first column is the count.
pub fn count_query_sql(flavour: Flavour, query: &CountQuery) -> String {
    let quote = |name: &str| match flavour {
        Flavour::Mysql => format!("`{name}`"),
        Flavour::Postgres | Flavour::Sqlite => format!("\"{name}\""),
    };
    let table = |namespace: &Option<String>, table: &str| match (flavour, namespace) {
        (Flavour::Postgres, Some(ns)) => format!("{}.{}", quote(ns), quote(table)),
        _ => quote(table),
    };
    match query {
        CountQuery::Rows {
            namespace,
            table: t,
        } => format!("SELECT COUNT(*) FROM {}", table(namespace, t)),
        CountQuery::NonNullValues {
            namespace,
            table: t,
            column,
        } => {
            format!(
                "SELECT COUNT(*) FROM {} WHERE {} IS NOT NULL",
                table(namespace, t),
                quote(column)
            )
        }
    }
}

/// `'…'` with `'` doubled.
pub(crate) fn quote_string(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    bytes
        .iter()
        .fold(String::with_capacity(bytes.len() * 2), |mut out, b| {
            let _ = write!(out, "{b:02x}");
            out
        })
}

pub(crate) fn referential_action(action: ForeignKeyAction) -> &'static str {
    match action {
        ForeignKeyAction::NoAction => "NO ACTION",
        ForeignKeyAction::Restrict => "RESTRICT",
        ForeignKeyAction::Cascade => "CASCADE",
        ForeignKeyAction::SetNull => "SET NULL",
        ForeignKeyAction::SetDefault => "SET DEFAULT",
    }
}

pub(crate) fn sort_order(order: Option<sql_schema::SortOrder>) -> &'static str {
    match order {
        Some(sql_schema::SortOrder::Asc) => " ASC",
        Some(sql_schema::SortOrder::Desc) => " DESC",
        None => "",
    }
}

#[cfg(test)]
mod tests {
    //! Render snapshots on hand-built schemas (what calculate / describe produce), for the
    //! shapes Prisma's fixtures and the Prisma 6.19.3 CLI show.

    use super::{diff, render_script, Flavour};
    use sql_schema::*;

    fn native(name: &str, args: &[&str]) -> Option<NativeType> {
        Some(NativeType::new(name, args))
    }

    fn col(
        name: &str,
        family: ColumnTypeFamily,
        arity: ColumnArity,
        native: Option<NativeType>,
    ) -> Column {
        Column {
            name: name.into(),
            tpe: ColumnType {
                family,
                arity,
                native,
            },
            default: None,
            auto_increment: false,
        }
    }

    fn with_default(mut column: Column, kind: DefaultKind) -> Column {
        column.default = Some(ColumnDefault {
            kind,
            constraint_name: None,
        });
        column
    }

    fn pg_int(name: &str) -> Column {
        col(
            name,
            ColumnTypeFamily::Int,
            ColumnArity::Required,
            native("Integer", &[]),
        )
    }

    fn pg_text(name: &str, arity: ColumnArity) -> Column {
        col(name, ColumnTypeFamily::String, arity, native("Text", &[]))
    }

    fn pk(name: Option<&str>, columns: &[&str]) -> Option<PrimaryKey> {
        Some(PrimaryKey {
            name: name.map(Into::into),
            columns: columns.iter().map(|c| IndexColumn::new(c)).collect(),
        })
    }

    fn index(name: &str, kind: IndexKind, columns: &[&str]) -> Index {
        Index {
            name: name.into(),
            kind,
            columns: columns.iter().map(|c| IndexColumn::new(c)).collect(),
            algorithm: None,
            predicate: None,
        }
    }

    fn fk(
        name: &str,
        columns: &[&str],
        ns: Option<&str>,
        table: &str,
        referenced: &[&str],
    ) -> ForeignKey {
        ForeignKey {
            name: Some(name.into()),
            columns: columns.iter().map(|c| c.to_string()).collect(),
            referenced_namespace: ns.map(Into::into),
            referenced_table: table.into(),
            referenced_columns: referenced.iter().map(|c| c.to_string()).collect(),
            on_delete: ForeignKeyAction::Restrict,
            on_update: ForeignKeyAction::Cascade,
        }
    }

    fn table(
        ns: Option<&str>,
        name: &str,
        columns: Vec<Column>,
        primary_key: Option<PrimaryKey>,
    ) -> Table {
        Table {
            namespace: ns.map(Into::into),
            name: name.into(),
            columns,
            primary_key,
            indexes: Vec::new(),
            foreign_keys: Vec::new(),
        }
    }

    fn script(flavour: Flavour, from: &SqlSchema, to: &SqlSchema) -> String {
        let migration = diff(flavour, from, to);
        render_script(flavour, &migration, &sql_schema::check(&migration))
    }

    fn lines(text: &str) -> String {
        text.strip_prefix('\n').unwrap_or(text).to_owned()
    }

    #[test]
    fn count_queries() {
        use super::count_query_sql;
        let rows = CountQuery::Rows {
            namespace: Some("app".into()),
            table: "User".into(),
        };
        let values = CountQuery::NonNullValues {
            namespace: None,
            table: "User".into(),
            column: "bio".into(),
        };
        assert_eq!(
            count_query_sql(Flavour::Postgres, &rows),
            r#"SELECT COUNT(*) FROM "app"."User""#
        );
        assert_eq!(
            count_query_sql(Flavour::Mysql, &rows),
            "SELECT COUNT(*) FROM `User`"
        );
        assert_eq!(
            count_query_sql(Flavour::Sqlite, &values),
            r#"SELECT COUNT(*) FROM "User" WHERE "bio" IS NOT NULL"#
        );
    }

    #[test]
    fn empty_migration() {
        let schema = SqlSchema::default();
        assert_eq!(
            script(Flavour::Postgres, &schema, &schema),
            "-- This is an empty migration."
        );
    }

    /// Prisma's `multi_schema_basic` single-migration fixture.
    #[test]
    fn postgres_multi_schema() {
        let mut to = SqlSchema {
            namespaces: vec!["public".into(), "security".into(), "users".into()],
            ..Default::default()
        };
        let mut test = table(
            Some("users"),
            "Test",
            vec![pg_int("id"), pg_text("name", ColumnArity::Required)],
            pk(Some("Test_pkey"), &["id"]),
        );
        test.indexes
            .push(index("Test_name_key", IndexKind::Unique, &["name"]));
        let enum_col = col(
            "type",
            ColumnTypeFamily::Enum("UserType".into()),
            ColumnArity::Required,
            None,
        );
        let mut test4 = table(
            Some("public"),
            "Test4",
            vec![pg_int("id")],
            pk(Some("Test4_pkey"), &["id"]),
        );
        test4.foreign_keys.push(fk(
            "Test4_id_fkey",
            &["id"],
            Some("security"),
            "Test5",
            &["id"],
        ));
        to.tables = vec![
            test,
            table(
                Some("public"),
                "Test2",
                vec![pg_int("id")],
                pk(Some("Test2_pkey"), &["id"]),
            ),
            table(
                Some("security"),
                "Test3",
                vec![pg_int("id"), enum_col],
                pk(Some("Test3_pkey"), &["id"]),
            ),
            test4,
            table(
                Some("security"),
                "Test5",
                vec![pg_int("id")],
                pk(Some("Test5_pkey"), &["id"]),
            ),
        ];
        to.enums.push(Enum {
            namespace: Some("users".into()),
            name: "UserType".into(),
            values: vec!["Bacteria".into(), "Archea".into(), "Eukaryote".into()],
        });

        let expected = r#"
-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "security";

-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "users";

-- CreateEnum
CREATE TYPE "users"."UserType" AS ENUM ('Bacteria', 'Archea', 'Eukaryote');

-- CreateTable
CREATE TABLE "users"."Test" (
    "id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,

    CONSTRAINT "Test_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "public"."Test2" (
    "id" INTEGER NOT NULL,

    CONSTRAINT "Test2_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "security"."Test3" (
    "id" INTEGER NOT NULL,
    "type" "users"."UserType" NOT NULL,

    CONSTRAINT "Test3_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "public"."Test4" (
    "id" INTEGER NOT NULL,

    CONSTRAINT "Test4_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "security"."Test5" (
    "id" INTEGER NOT NULL,

    CONSTRAINT "Test5_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Test_name_key" ON "users"."Test"("name");

-- AddForeignKey
ALTER TABLE "public"."Test4" ADD CONSTRAINT "Test4_id_fkey" FOREIGN KEY ("id") REFERENCES "security"."Test5"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
"#;
        assert_eq!(
            script(Flavour::Postgres, &SqlSchema::default(), &to),
            lines(expected)
        );
        // A namespace listed in the datasource but holding nothing is not created.
        to.namespaces.push("unused".into());
        assert_eq!(
            script(Flavour::Postgres, &SqlSchema::default(), &to),
            lines(expected)
        );
    }

    /// Prisma's `enum_fields` (PostgreSQL) and `scalar_lists_with_enum_and_int_id` fixtures.
    #[test]
    fn postgres_enums_defaults_and_lists() {
        let enm = |name: &str, values: &[&str]| Enum {
            namespace: None,
            name: name.into(),
            values: values.iter().map(|v| v.to_string()).collect(),
        };
        let enum_col =
            |name: &str, e: &str, arity| col(name, ColumnTypeFamily::Enum(e.into()), arity, None);
        let value = |v: &str| DefaultKind::Value(Literal::Enum(v.into()));
        let to = SqlSchema {
            tables: vec![table(
                None,
                "MyTable",
                vec![
                    pg_int("id"),
                    with_default(
                        enum_col("a", "Activity", ColumnArity::Required),
                        value("SLEEPING"),
                    ),
                    with_default(enum_col("k", "Kind", ColumnArity::Nullable), value("error")),
                    enum_col("l", "Kind", ColumnArity::List),
                    pg_text("strings", ColumnArity::List),
                ],
                pk(Some("MyTable_pkey"), &["id"]),
            )],
            enums: vec![
                enm("Activity", &["DANCING", "SLEEPING"]),
                enm("Kind", &["info", "error"]),
            ],
            ..Default::default()
        };
        let expected = r#"
-- CreateEnum
CREATE TYPE "Activity" AS ENUM ('DANCING', 'SLEEPING');

-- CreateEnum
CREATE TYPE "Kind" AS ENUM ('info', 'error');

-- CreateTable
CREATE TABLE "MyTable" (
    "id" INTEGER NOT NULL,
    "a" "Activity" NOT NULL DEFAULT 'SLEEPING',
    "k" "Kind" DEFAULT 'error',
    "l" "Kind"[],
    "strings" TEXT[],

    CONSTRAINT "MyTable_pkey" PRIMARY KEY ("id")
);
"#;
        assert_eq!(
            script(Flavour::Postgres, &SqlSchema::default(), &to),
            lines(expected)
        );
    }

    /// Column changes, enum recreation, a foreign key action change and an index rename, as
    /// the Prisma 6.19.3 CLI prints them (the previous side described from a database, so the
    /// SERIAL's sequence has its real name). Warnings come first, then unexecutable steps,
    /// each in step order; Integer → BigInt is a safe cast, so it has no warning.
    #[test]
    fn postgres_alter_table_and_enum() {
        let mood = |values: &[&str]| Enum {
            namespace: None,
            name: "Mood".into(),
            values: values.iter().map(|v| v.to_string()).collect(),
        };
        let enum_value = |v: &str| DefaultKind::Value(Literal::Enum(v.into()));
        let mood_col = |d: &str| {
            with_default(
                col(
                    "mood",
                    ColumnTypeFamily::Enum("Mood".into()),
                    ColumnArity::Required,
                    None,
                ),
                enum_value(d),
            )
        };
        let moods_col = |d: &str| {
            with_default(
                col(
                    "moods",
                    ColumnTypeFamily::Enum("Mood".into()),
                    ColumnArity::List,
                    None,
                ),
                DefaultKind::Value(Literal::List(vec![Literal::Enum(d.into())])),
            )
        };
        let owner = |action| {
            let mut owner = table(
                None,
                "Owner",
                vec![pg_int("id"), pg_int("catId")],
                pk(Some("Owner_pkey"), &["id"]),
            );
            let mut key = fk("Owner_catId_fkey", &["catId"], None, "Cat", &["id"]);
            key.on_delete = action;
            owner.foreign_keys.push(key);
            owner
        };

        // Described from the database: the SERIAL keeps its owned sequence as its default.
        let mut serial = with_default(pg_int("id"), DefaultKind::Sequence("Cat_id_seq".into()));
        serial.auto_increment = true;
        let mut cat_before = table(
            None,
            "Cat",
            vec![
                serial,
                pg_text("name", ColumnArity::Required),
                col(
                    "age",
                    ColumnTypeFamily::Int,
                    ColumnArity::Nullable,
                    native("Integer", &[]),
                ),
                mood_col("HUNGRY"),
                moods_col("HUNGRY"),
                pg_text("tags", ColumnArity::List),
            ],
            pk(Some("Cat_pkey"), &["id"]),
        );
        cat_before
            .indexes
            .push(index("Cat_name_idx", IndexKind::Normal, &["name"]));
        let before = SqlSchema {
            tables: vec![cat_before, owner(ForeignKeyAction::Restrict)],
            enums: vec![mood(&["HUNGRY", "SLEEPY", "MOODY"])],
            ..Default::default()
        };

        let tags_default = DefaultKind::Value(Literal::List(vec![
            Literal::String("a".into()),
            Literal::String("b'c".into()),
        ]));
        let mut cat_after = table(
            None,
            "Cat",
            vec![
                pg_int("id"),
                with_default(
                    pg_text("name", ColumnArity::Nullable),
                    DefaultKind::Value(Literal::String("x".into())),
                ),
                col(
                    "age",
                    ColumnTypeFamily::BigInt,
                    ColumnArity::Required,
                    native("BigInt", &[]),
                ),
                mood_col("SLEEPY"),
                moods_col("SLEEPY"),
                with_default(pg_text("tags", ColumnArity::List), tags_default),
                col(
                    "color",
                    ColumnTypeFamily::String,
                    ColumnArity::Required,
                    native("VarChar", &["20"]),
                ),
            ],
            pk(Some("Cat_pkey"), &["id"]),
        );
        cat_after
            .indexes
            .push(index("cat_name", IndexKind::Normal, &["name"]));
        cat_after
            .indexes
            .push(index("Cat_age_key", IndexKind::Unique, &["age"]));
        let after = SqlSchema {
            tables: vec![cat_after, owner(ForeignKeyAction::Cascade)],
            enums: vec![mood(&["HUNGRY", "SLEEPY", "HAPPY", "SAD"])],
            ..Default::default()
        };

        let expected = r#"
/*
  Warnings:

  - The values [MOODY] on the enum `Mood` will be removed. If these variants are still used in the database, this will fail.
  - A unique constraint covering the columns `[age]` on the table `Cat` will be added. If there are existing duplicate values, this will fail.
  - Added the required column `color` to the `Cat` table without a default value. This is not possible if the table is not empty.
  - Made the column `age` on table `Cat` required. This step will fail if there are existing NULL values in that column.

*/
-- AlterEnum
BEGIN;
CREATE TYPE "Mood_new" AS ENUM ('HUNGRY', 'SLEEPY', 'HAPPY', 'SAD');
ALTER TABLE "Cat" ALTER COLUMN "mood" DROP DEFAULT;
ALTER TABLE "Cat" ALTER COLUMN "moods" DROP DEFAULT;
ALTER TABLE "Cat" ALTER COLUMN "mood" TYPE "Mood_new" USING ("mood"::text::"Mood_new");
ALTER TABLE "Cat" ALTER COLUMN "moods" TYPE "Mood_new"[] USING ("moods"::text::"Mood_new"[]);
ALTER TYPE "Mood" RENAME TO "Mood_old";
ALTER TYPE "Mood_new" RENAME TO "Mood";
DROP TYPE "Mood_old";
ALTER TABLE "Cat" ALTER COLUMN "mood" SET DEFAULT 'SLEEPY';
ALTER TABLE "Cat" ALTER COLUMN "moods" SET DEFAULT ARRAY['SLEEPY']::"Mood"[];
COMMIT;

-- DropForeignKey
ALTER TABLE "Owner" DROP CONSTRAINT "Owner_catId_fkey";

-- AlterTable
ALTER TABLE "Cat" ADD COLUMN     "color" VARCHAR(20) NOT NULL,
ALTER COLUMN "id" DROP DEFAULT,
ALTER COLUMN "name" DROP NOT NULL,
ALTER COLUMN "name" SET DEFAULT 'x',
ALTER COLUMN "age" SET NOT NULL,
ALTER COLUMN "age" SET DATA TYPE BIGINT,
ALTER COLUMN "mood" SET DEFAULT 'SLEEPY',
ALTER COLUMN "moods" SET DEFAULT ARRAY['SLEEPY']::"Mood"[],
ALTER COLUMN "tags" SET DEFAULT ARRAY['a', 'b''c']::TEXT[];
DROP SEQUENCE "Cat_id_seq";

-- CreateIndex
CREATE UNIQUE INDEX "Cat_age_key" ON "Cat"("age");

-- AddForeignKey
ALTER TABLE "Owner" ADD CONSTRAINT "Owner_catId_fkey" FOREIGN KEY ("catId") REFERENCES "Cat"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- RenameIndex
ALTER INDEX "Cat_name_idx" RENAME TO "cat_name";
"#;
        assert_eq!(script(Flavour::Postgres, &before, &after), lines(expected));
    }

    /// Removing an enum value against a described database (default schema `public`), as
    /// Prisma 6.19.3's `migrate diff --from-migrations` prints it: the old table and type are
    /// qualified, the rest is not.
    #[test]
    fn postgres_enum_recreation_from_database() {
        let schema = |values: &[&str], default_namespace: Option<&str>| {
            let status = with_default(
                col(
                    "status",
                    ColumnTypeFamily::Enum("Status".into()),
                    ColumnArity::Required,
                    None,
                ),
                DefaultKind::Value(Literal::Enum("TODO".into())),
            );
            SqlSchema {
                tables: vec![table(
                    None,
                    "Task",
                    vec![pg_int("id"), status],
                    pk(Some("Task_pkey"), &["id"]),
                )],
                enums: vec![Enum {
                    namespace: None,
                    name: "Status".into(),
                    values: values.iter().map(|v| v.to_string()).collect(),
                }],
                default_namespace: default_namespace.map(Into::into),
                ..Default::default()
            }
        };
        let migration = diff(
            Flavour::Postgres,
            &schema(&["TODO", "DOING", "BLOCKED"], Some("public")),
            &schema(&["TODO", "DOING", "DONE"], None),
        );
        let expected = r#"
-- AlterEnum
BEGIN;
CREATE TYPE "Status_new" AS ENUM ('TODO', 'DOING', 'DONE');
ALTER TABLE "public"."Task" ALTER COLUMN "status" DROP DEFAULT;
ALTER TABLE "Task" ALTER COLUMN "status" TYPE "Status_new" USING ("status"::text::"Status_new");
ALTER TYPE "Status" RENAME TO "Status_old";
ALTER TYPE "Status_new" RENAME TO "Status";
DROP TYPE "public"."Status_old";
ALTER TABLE "Task" ALTER COLUMN "status" SET DEFAULT 'TODO';
COMMIT;
"#;
        assert_eq!(
            render_script(Flavour::Postgres, &migration, &Checks::default()),
            lines(expected)
        );
    }

    #[test]
    fn postgres_enum_added_values_comment() {
        let e = |values: &[&str]| SqlSchema {
            enums: vec![Enum {
                namespace: None,
                name: "E".into(),
                values: values.iter().map(|v| v.to_string()).collect(),
            }],
            ..Default::default()
        };
        let expected = r#"
-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "E" ADD VALUE 'B';
ALTER TYPE "E" ADD VALUE 'C';
"#;
        assert_eq!(
            script(Flavour::Postgres, &e(&["A"]), &e(&["A", "B", "C"])),
            lines(expected)
        );
        assert_eq!(
            script(Flavour::Postgres, &e(&["A"]), &e(&["A", "B"])),
            "-- AlterEnum\nALTER TYPE \"E\" ADD VALUE 'B';\n"
        );
    }

    fn my_col(
        name: &str,
        family: ColumnTypeFamily,
        arity: ColumnArity,
        n: &str,
        args: &[&str],
    ) -> Column {
        col(name, family, arity, native(n, args))
    }

    /// Prisma's `create_constraint_name_tests_w_implicit_names` (MySQL) with a foreign key, and
    /// `enum_fields` (MySQL).
    #[test]
    fn mysql_create_tables() {
        let varchar = |name: &str| {
            my_col(
                name,
                ColumnTypeFamily::String,
                ColumnArity::Required,
                "VarChar",
                &["191"],
            )
        };
        let int = |name: &str| {
            my_col(
                name,
                ColumnTypeFamily::Int,
                ColumnArity::Required,
                "Int",
                &[],
            )
        };
        let mut a = table(
            None,
            "A",
            vec![int("id"), varchar("name"), varchar("a"), varchar("b")],
            pk(None, &["id"]),
        );
        a.indexes = vec![
            index("A_name_key", IndexKind::Unique, &["name"]),
            index("A_a_idx", IndexKind::Normal, &["a"]),
            index("A_a_b_key", IndexKind::Unique, &["a", "b"]),
        ];
        let mut b = table(
            None,
            "B",
            vec![varchar("a"), varchar("b"), int("aId")],
            pk(None, &["a", "b"]),
        );
        b.indexes = vec![index("B_a_b_idx", IndexKind::Normal, &["a", "b"])];
        b.foreign_keys
            .push(fk("B_aId_fkey", &["aId"], None, "A", &["id"]));
        let enum_col = |name: &str, e: &str, arity, d: &str| {
            with_default(
                col(name, ColumnTypeFamily::Enum(e.into()), arity, None),
                DefaultKind::Value(Literal::Enum(d.into())),
            )
        };
        let mut id = int("id");
        id.auto_increment = true;
        let t = table(
            None,
            "MyTable",
            vec![
                id,
                enum_col("k", "MyTable_k", ColumnArity::Nullable, "error"),
                enum_col("r", "MyTable_r", ColumnArity::Required, "succeeded"),
            ],
            pk(None, &["id"]),
        );
        let to = SqlSchema {
            tables: vec![a, b, t],
            enums: vec![
                Enum {
                    namespace: None,
                    name: "MyTable_k".into(),
                    values: vec!["info".into(), "error".into()],
                },
                Enum {
                    namespace: None,
                    name: "MyTable_r".into(),
                    values: vec!["succeeded".into(), "failed".into()],
                },
            ],
            ..Default::default()
        };
        let expected = r#"
-- CreateTable
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

-- CreateTable
CREATE TABLE `B` (
    `a` VARCHAR(191) NOT NULL,
    `b` VARCHAR(191) NOT NULL,
    `aId` INTEGER NOT NULL,

    INDEX `B_a_b_idx`(`a`, `b`),
    PRIMARY KEY (`a`, `b`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `MyTable` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `k` ENUM('info', 'error') NULL DEFAULT 'error',
    `r` ENUM('succeeded', 'failed') NOT NULL DEFAULT 'succeeded',

    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- AddForeignKey
ALTER TABLE `B` ADD CONSTRAINT `B_aId_fkey` FOREIGN KEY (`aId`) REFERENCES `A`(`id`) ON DELETE RESTRICT ON UPDATE CASCADE;
"#;
        assert_eq!(
            script(Flavour::Mysql, &SqlSchema::default(), &to),
            lines(expected)
        );
    }

    /// Dropping a unique index that backs a foreign key on MySQL: drop the key, drop the
    /// index, re-add the key (verbatim from Prisma's `migrations/diff.rs`).
    #[test]
    fn mysql_index_backing_foreign_key() {
        let int = |name: &str, arity| my_col(name, ColumnTypeFamily::Int, arity, "Int", &[]);
        let user = table(
            None,
            "User",
            vec![int("id", ColumnArity::Required)],
            pk(None, &["id"]),
        );
        let post = |unique: bool| {
            let mut post = table(
                None,
                "Post",
                vec![
                    int("id", ColumnArity::Required),
                    int("authorId", ColumnArity::Nullable),
                ],
                pk(None, &["id"]),
            );
            let mut key = fk("Post_authorId_fkey", &["authorId"], None, "User", &["id"]);
            key.on_delete = ForeignKeyAction::SetNull;
            post.foreign_keys.push(key);
            if unique {
                post.indexes
                    .push(index("Post_authorId_key", IndexKind::Unique, &["authorId"]));
            }
            post
        };
        let before = SqlSchema {
            tables: vec![user.clone(), post(true)],
            ..Default::default()
        };
        let after = SqlSchema {
            tables: vec![user, post(false)],
            ..Default::default()
        };
        let migration = diff(Flavour::Mysql, &before, &after);
        let expected = "-- DropForeignKey\nALTER TABLE `Post` DROP FOREIGN KEY `Post_authorId_fkey`;\n\n-- DropIndex\nDROP INDEX `Post_authorId_key` ON `Post`;\n\n-- AddForeignKey\nALTER TABLE `Post` ADD CONSTRAINT `Post_authorId_fkey` FOREIGN KEY (`authorId`) REFERENCES `User`(`id`) ON DELETE SET NULL ON UPDATE CASCADE;\n";
        assert_eq!(
            render_script(Flavour::Mysql, &migration, &Checks::default()),
            expected
        );
    }

    fn lite(name: &str, family: ColumnTypeFamily, arity: ColumnArity) -> Column {
        col(name, family, arity, None)
    }

    /// Prisma's `constraint_names_basic` (SQLite).
    #[test]
    fn sqlite_create_tables() {
        let text = |name: &str| lite(name, ColumnTypeFamily::String, ColumnArity::Required);
        let int = |name: &str| lite(name, ColumnTypeFamily::Int, ColumnArity::Required);
        let mut a = table(
            None,
            "A",
            vec![int("id"), text("name"), text("a"), text("b")],
            pk(Some("A_pkey"), &["id"]),
        );
        a.indexes = vec![
            index("SingleUnique", IndexKind::Unique, &["name"]),
            index("SingleIndex", IndexKind::Normal, &["a"]),
            index("NamedCompoundUnique", IndexKind::Unique, &["a", "b"]),
            index("UnNamedCompoundUnique", IndexKind::Unique, &["a", "b"]),
        ];
        let mut b = table(
            None,
            "B",
            vec![text("a"), text("b"), int("aId")],
            pk(Some("B_pkey"), &["a", "b"]),
        );
        b.indexes = vec![index("CompoundIndex", IndexKind::Normal, &["a", "b"])];
        b.foreign_keys
            .push(fk("B_aId_fkey", &["aId"], None, "A", &["id"]));
        let to = SqlSchema {
            tables: vec![a, b],
            ..Default::default()
        };
        let expected = r#"
-- CreateTable
CREATE TABLE "A" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "a" TEXT NOT NULL,
    "b" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "B" (
    "a" TEXT NOT NULL,
    "b" TEXT NOT NULL,
    "aId" INTEGER NOT NULL,

    PRIMARY KEY ("a", "b"),
    CONSTRAINT "B_aId_fkey" FOREIGN KEY ("aId") REFERENCES "A" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "SingleUnique" ON "A"("name");

-- CreateIndex
CREATE INDEX "SingleIndex" ON "A"("a");

-- CreateIndex
CREATE UNIQUE INDEX "NamedCompoundUnique" ON "A"("a", "b");

-- CreateIndex
CREATE UNIQUE INDEX "UnNamedCompoundUnique" ON "A"("a", "b");

-- CreateIndex
CREATE INDEX "CompoundIndex" ON "B"("a", "b");
"#;
        assert_eq!(
            script(Flavour::Sqlite, &SqlSchema::default(), &to),
            lines(expected)
        );
    }

    /// A column made required with a default and a new required foreign key redefine both
    /// tables (as the Prisma 6.19.3 CLI prints it).
    #[test]
    fn sqlite_redefine_tables() {
        let int = |name: &str, arity| lite(name, ColumnTypeFamily::Int, arity);
        let a = |name: Column| {
            let mut t = table(
                None,
                "A",
                vec![int("id", ColumnArity::Required), name],
                pk(None, &["id"]),
            );
            t.indexes.clear();
            t
        };
        let b = |arity| {
            let mut t = table(
                None,
                "B",
                vec![
                    int("x", ColumnArity::Required),
                    int("y", ColumnArity::Required),
                    int("aId", arity),
                ],
                pk(None, &["x", "y"]),
            );
            t.indexes.push(index("B_x_key", IndexKind::Unique, &["x"]));
            let mut key = fk("B_aId_fkey", &["aId"], None, "A", &["id"]);
            if arity == ColumnArity::Nullable {
                key.on_delete = ForeignKeyAction::SetNull;
            }
            t.foreign_keys.push(key);
            t
        };
        let before = SqlSchema {
            tables: vec![
                a(lite(
                    "name",
                    ColumnTypeFamily::String,
                    ColumnArity::Nullable,
                )),
                b(ColumnArity::Nullable),
            ],
            ..Default::default()
        };
        let named = with_default(
            lite("name", ColumnTypeFamily::String, ColumnArity::Required),
            DefaultKind::Value(Literal::String("x".into())),
        );
        let after = SqlSchema {
            tables: vec![a(named), b(ColumnArity::Required)],
            ..Default::default()
        };
        let expected = r#"
-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_A" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL DEFAULT 'x'
);
INSERT INTO "new_A" ("id", "name") SELECT "id", coalesce("name", 'x') AS "name" FROM "A";
DROP TABLE "A";
ALTER TABLE "new_A" RENAME TO "A";
CREATE TABLE "new_B" (
    "x" INTEGER NOT NULL,
    "y" INTEGER NOT NULL,
    "aId" INTEGER NOT NULL,

    PRIMARY KEY ("x", "y"),
    CONSTRAINT "B_aId_fkey" FOREIGN KEY ("aId") REFERENCES "A" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_B" ("aId", "x", "y") SELECT "aId", "x", "y" FROM "B";
DROP TABLE "B";
ALTER TABLE "new_B" RENAME TO "B";
CREATE UNIQUE INDEX "B_x_key" ON "B"("x");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
"#;
        let migration = diff(Flavour::Sqlite, &before, &after);
        assert_eq!(
            render_script(Flavour::Sqlite, &migration, &Checks::default()),
            lines(expected)
        );
        let checks = sql_schema::check(&migration);
        assert_eq!(
            checks.unexecutable.iter().map(|d| d.message.as_str()).collect::<Vec<_>>(),
            ["Made the column `aId` on table `B` required. This step will fail if there are existing NULL values in that column."]
        );
    }
}
