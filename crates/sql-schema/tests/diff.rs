//! `diff`, `check` and `drift_summary` on hand-built schemas.

mod common;

use common::*;
use sql_schema::*;

fn run(from: &SqlSchema, to: &SqlSchema) -> Migration {
    diff(from, to, &TestFlavour::default())
}

#[test]
fn identical_schemas_have_no_steps() {
    let s = generated(20, false);
    assert!(run(&s, &s).is_empty());
    assert_eq!(drift_summary(&run(&s, &s)), "No difference detected.");
}

#[test]
fn created_table_steps_are_sorted_by_kind() {
    let mut post = table(
        "Post",
        vec![int("id"), int("authorId"), text("title")],
        &["id"],
    );
    post.indexes
        .push(index("Post_title_key", IndexKind::Unique, &["title"]));
    post.foreign_keys
        .push(fk("Post_authorId_fkey", &["authorId"], "User", &["id"]));
    let user = table("User", vec![int("id")], &["id"]);
    let m = run(&SqlSchema::default(), &schema(vec![post, user]));
    assert_eq!(
        kinds(&m),
        ["CreateTable", "CreateTable", "CreateIndex", "AddForeignKey"]
    );
    assert_eq!(m.steps[0], Step::CreateTable(0));
    // A new table's unique index is no data-loss risk.
    assert!(check(&m).is_empty());
}

#[test]
fn dropped_table_drops_its_foreign_keys_first() {
    let mut post = table("Post", vec![int("id"), int("authorId")], &["id"]);
    post.foreign_keys
        .push(fk("Post_authorId_fkey", &["authorId"], "User", &["id"]));
    let user = table("User", vec![int("id")], &["id"]);
    let m = run(&schema(vec![post, user.clone()]), &schema(vec![user]));
    assert_eq!(kinds(&m), ["DropForeignKey", "DropTable"]);
    let checks = check(&m);
    assert_eq!(
        checks.warnings[0].message,
        "You are about to drop the `Post` table. If the table is not empty, all the data it contains will be lost."
    );
    assert_eq!(checks.warnings[0].step_index, 1);
}

#[test]
fn migrations_table_is_never_diffed() {
    let m = run(
        &SqlSchema::default(),
        &schema(vec![table("_prisma_migrations", vec![text("id")], &["id"])]),
    );
    assert!(m.is_empty());
}

#[test]
fn added_and_dropped_columns_are_ordered_by_name() {
    let before = schema(vec![table(
        "A",
        vec![int("id"), text("zeta"), text("alpha")],
        &["id"],
    )]);
    let after = schema(vec![table(
        "A",
        vec![int("id"), opt_text("y"), text("b")],
        &["id"],
    )]);
    let m = run(&before, &after);
    let Step::AlterTable(alter) = &m.steps[0] else {
        panic!("expected AlterTable, got {:?}", m.steps)
    };
    assert_eq!(
        alter.changes,
        [
            TableChange::DropColumn { column: 2 },
            TableChange::DropColumn { column: 1 },
            TableChange::AddColumn {
                column: 2,
                has_virtual_default: false
            },
            TableChange::AddColumn {
                column: 1,
                has_virtual_default: false
            },
        ]
    );
    let messages: Vec<String> = check(&m).into_iter_messages();
    assert_eq!(
        messages,
        [
            "You are about to drop the column `alpha` on the `A` table. All the data in the column will be lost.",
            "You are about to drop the column `zeta` on the `A` table. All the data in the column will be lost.",
            "Added the required column `b` to the `A` table without a default value. This is not possible if the table is not empty.",
        ]
    );
}

trait Messages {
    fn into_iter_messages(self) -> Vec<String>;
}

impl Messages for Checks {
    fn into_iter_messages(self) -> Vec<String> {
        self.warnings
            .into_iter()
            .chain(self.unexecutable)
            .map(|d| d.message)
            .collect()
    }
}

#[test]
fn required_column_with_prisma_level_default() {
    let before = schema(vec![table("A", vec![int("id")], &["id"])]);
    let mut after = schema(vec![table("A", vec![int("id"), text("cuid")], &["id"])]);
    after.prisma_level_defaults.push(ColumnRef {
        namespace: None,
        table: "A".into(),
        column: "cuid".into(),
    });
    let m = run(&before, &after);
    assert_eq!(
        check(&m).into_iter_messages(),
        ["The required column `cuid` was added to the `A` table with a prisma-level default value. This is not possible if the table is not empty. Please add this column as optional, then populate it before making it required."]
    );
}

fn alter_changes(m: &Migration) -> Vec<TableChange> {
    m.steps
        .iter()
        .filter_map(|s| match s {
            Step::AlterTable(a) => Some(a.changes.clone()),
            _ => None,
        })
        .flatten()
        .collect()
}

#[test]
fn nullability_changes_both_ways() {
    let before = schema(vec![table(
        "A",
        vec![int("id"), text("a"), opt_text("b")],
        &["id"],
    )]);
    let after = schema(vec![table(
        "A",
        vec![int("id"), opt_text("a"), text("b")],
        &["id"],
    )]);
    let m = run(&before, &after);
    let changes = alter_changes(&m);
    assert_eq!(changes.len(), 2);
    for change in &changes {
        let TableChange::AlterColumn(c) = change else {
            panic!("{change:?}")
        };
        assert!(c.changes.arity && !c.changes.default && !c.changes.type_changed);
    }
    assert_eq!(
        check(&m).into_iter_messages(),
        ["Made the column `b` on table `A` required. This step will fail if there are existing NULL values in that column."]
    );
}

#[test]
fn type_changes_follow_the_flavour() {
    let before = schema(vec![table(
        "A",
        vec![int("id"), int("safe"), int("gone"), text("risky")],
        &["id"],
    )]);
    let after = schema(vec![table(
        "A",
        vec![
            int("id"),
            col("safe", ColumnTypeFamily::BigInt, ColumnArity::Required),
            with_default(text("gone"), DefaultKind::Value(Literal::String("".into()))),
            col("risky", ColumnTypeFamily::Boolean, ColumnArity::Required),
        ],
        &["id"],
    )]);
    let m = run(&before, &after);
    let changes = alter_changes(&m);
    assert!(
        matches!(&changes[0], TableChange::AlterColumn(c) if c.type_change == Some(TypeChange::SafeCast))
    );
    assert!(matches!(
        &changes[1],
        TableChange::DropAndRecreateColumn { .. }
    ));
    assert!(
        matches!(&changes[2], TableChange::AlterColumn(c) if c.type_change == Some(TypeChange::RiskyCast))
    );
    assert_eq!(
        check(&m).into_iter_messages(),
        [
            "The `gone` column on the `A` table would be dropped and recreated. This will lead to data loss if there is data in the column.",
            "You are about to alter the column `risky` on the `A` table. The data in that column could be lost. The data in that column will be cast from `String` to `Boolean`.",
        ]
    );
}

#[test]
fn defaults_compare_like_prisma() {
    let one = |d: Option<DefaultKind>| {
        let c = match d {
            Some(kind) => with_default(text("c"), kind),
            None => text("c"),
        };
        schema(vec![table("A", vec![int("id"), c], &["id"])])
    };
    let same = |a: Option<DefaultKind>, b: Option<DefaultKind>| run(&one(a), &one(b)).is_empty();
    let generated = |e: &str| Some(DefaultKind::DbGenerated(e.into()));
    let string = |s: &str| Some(DefaultKind::Value(Literal::String(s.into())));
    let json = |s: &str| Some(DefaultKind::Value(Literal::Json(s.into())));

    assert!(same(
        generated("gen_random_uuid()"),
        generated("GEN_RANDOM_UUID()")
    ));
    assert!(!same(generated("now()"), generated("random()")));
    // `dbgenerated()` without an expression accepts whatever the database has.
    assert!(same(generated("nextval('x')"), generated("")));
    assert!(same(None, generated("")));
    assert!(same(json(r#"{"a": 1}"#), json(r#"{ "a":1 }"#)));
    assert!(same(
        Some(DefaultKind::Value(Literal::DateTime("2020-01-01".into()))),
        string("x")
    ));
    // A datetime value matches any default, as in Prisma's differ: PostgreSQL describes
    // datetime literals as dbgenerated, and `now()` against a datetime is not diffed either.
    let datetime = || Some(DefaultKind::Value(Literal::DateTime("2020-01-01T00:00:00.000Z".into())));
    let infinity = "'infinity'::timestamp without time zone";
    assert!(same(generated(infinity), datetime()));
    assert!(same(datetime(), generated(infinity)));
    assert!(same(Some(DefaultKind::Now), datetime()));
    assert!(same(datetime(), Some(DefaultKind::Now)));
    assert!(!same(datetime(), None));
    assert!(!same(generated(infinity), generated("'-infinity'::timestamp without time zone")));
    assert!(!same(
        Some(DefaultKind::Value(Literal::Float("1.50".into()))),
        Some(DefaultKind::Value(Literal::Int(1)))
    ));
    assert!(same(
        Some(DefaultKind::Value(Literal::Float("1.0".into()))),
        Some(DefaultKind::Value(Literal::Int(1)))
    ));
    assert!(same(
        Some(DefaultKind::Value(Literal::Enum("A".into()))),
        string("A")
    ));
    assert!(!same(None, string("x")));
    assert!(!same(string("x"), None));
    assert!(!same(Some(DefaultKind::Now), None));
    assert!(same(Some(DefaultKind::Sequence("s".into())), None));
}

#[test]
fn autoincrement_changes_are_column_changes() {
    let mut serial = int("id");
    serial.auto_increment = true;
    let m = run(
        &schema(vec![table("A", vec![int("id")], &["id"])]),
        &schema(vec![table("A", vec![serial], &["id"])]),
    );
    assert!(
        matches!(&alter_changes(&m)[0], TableChange::AlterColumn(c) if c.changes.autoincrement)
    );
    assert!(drift_summary(&m).contains("[*] Altered column `id` (column became autoincrementing)"));
}

#[test]
fn indexes_are_created_dropped_and_renamed() {
    let mut before = table("A", vec![int("id"), text("a"), text("b")], &["id"]);
    before.indexes = vec![
        index("A_a_idx", IndexKind::Normal, &["a"]),
        index("old_b", IndexKind::Unique, &["b"]),
    ];
    let mut after = table("A", vec![int("id"), text("a"), text("b")], &["id"]);
    after.indexes = vec![
        index("new_b", IndexKind::Unique, &["b"]),
        index("A_a_b_idx", IndexKind::Normal, &["a", "b"]),
    ];
    let m = run(&schema(vec![before]), &schema(vec![after]));
    assert_eq!(kinds(&m), ["DropIndex", "CreateIndex", "RenameIndex"]);
    assert_eq!(
        drift_summary(&m),
        "\n[*] Changed the `A` table\n  [-] Removed index on columns (a)\n  [+] Added index on columns (a, b)\n  [*] Renamed index `old_b` to `new_b`\n"
    );
}

#[test]
fn unique_constraint_added_to_existing_table_warns() {
    let before = table("A", vec![int("id"), text("a")], &["id"]);
    let mut after = before.clone();
    after
        .indexes
        .push(index("A_a_key", IndexKind::Unique, &["a"]));
    let m = run(&schema(vec![before]), &schema(vec![after]));
    assert_eq!(
        check(&m).into_iter_messages(),
        ["A unique constraint covering the columns `[a]` on the table `A` will be added. If there are existing duplicate values, this will fail."]
    );
}

#[test]
fn primary_key_change_drops_and_adds() {
    let before = schema(vec![table("A", vec![int("a"), int("b")], &["a"])]);
    let after = schema(vec![table("A", vec![int("a"), int("b")], &["a", "b"])]);
    let m = run(&before, &after);
    assert_eq!(
        alter_changes(&m),
        [TableChange::DropPrimaryKey, TableChange::AddPrimaryKey]
    );
    assert_eq!(
        check(&m).into_iter_messages(),
        ["The primary key for the `A` table will be changed. If it partially fails, the table could be left without primary key constraint."]
    );
}

#[test]
fn foreign_key_changes() {
    let user = table("User", vec![int("id")], &["id"]);
    let post = |key: Option<ForeignKey>| {
        let mut t = table("Post", vec![int("id"), int("authorId")], &["id"]);
        t.foreign_keys.extend(key);
        t
    };
    let key = fk("Post_authorId_fkey", &["authorId"], "User", &["id"]);
    let with = |k: Option<ForeignKey>| schema(vec![user.clone(), post(k)]);

    assert_eq!(
        kinds(&run(&with(None), &with(Some(key.clone())))),
        ["AddForeignKey"]
    );
    assert_eq!(
        kinds(&run(&with(Some(key.clone())), &with(None))),
        ["DropForeignKey"]
    );
    let mut cascade = key.clone();
    cascade.on_delete = ForeignKeyAction::Cascade;
    assert_eq!(
        kinds(&run(&with(Some(key.clone())), &with(Some(cascade)))),
        ["DropForeignKey", "AddForeignKey"]
    );
    let mut renamed = key.clone();
    renamed.name = Some("post_author".into());
    assert_eq!(
        kinds(&run(&with(Some(key)), &with(Some(renamed)))),
        ["RenameForeignKey"]
    );
}

fn enum_schema(values: &[&str]) -> SqlSchema {
    let mut s = schema(vec![table(
        "A",
        vec![
            int("id"),
            with_default(
                col(
                    "e",
                    ColumnTypeFamily::Enum("E".into()),
                    ColumnArity::Required,
                ),
                DefaultKind::Value(Literal::Enum("A".into())),
            ),
        ],
        &["id"],
    )]);
    s.enums.push(Enum {
        namespace: None,
        name: "E".into(),
        values: values.iter().map(|v| v.to_string()).collect(),
    });
    s
}

#[test]
fn enum_values_added_and_removed() {
    let flavour = TestFlavour {
        enums: true,
        ..Default::default()
    };
    let m = diff(
        &enum_schema(&["A", "B"]),
        &enum_schema(&["A", "C"]),
        &flavour,
    );
    let Step::AlterEnum(alter) = &m.steps[0] else {
        panic!("{:?}", m.steps)
    };
    assert_eq!(alter.created_variants, ["C"]);
    assert_eq!(alter.dropped_variants, ["B"]);
    assert_eq!(alter.previous_usages_as_default, [((0, 1), Some((0, 1)))]);
    assert_eq!(
        check(&m).into_iter_messages(),
        ["The values [B] on the enum `E` will be removed. If these variants are still used in the database, this will fail."]
    );
    assert_eq!(
        drift_summary(&m),
        "\n[*] Changed the `E` enum\n  [+] Added variant `C`\n  [-] Removed variant `B`\n"
    );
}

#[test]
fn enums_created_and_dropped() {
    let flavour = TestFlavour {
        enums: true,
        ..Default::default()
    };
    let mut renamed = enum_schema(&["A"]);
    renamed.enums[0].name = "F".into();
    renamed.tables[0].columns[1].tpe.family = ColumnTypeFamily::Enum("F".into());
    let m = diff(&enum_schema(&["A"]), &renamed, &flavour);
    assert_eq!(kinds(&m), ["CreateEnum", "AlterTable", "DropEnum"]);
}

#[test]
fn sqlite_style_redefinition() {
    let flavour = TestFlavour {
        redefine: true,
        ..Default::default()
    };
    let before = schema(vec![
        table("A", vec![int("id"), text("a")], &["id"]),
        table("B", vec![int("id")], &["id"]),
    ]);
    let after = schema(vec![
        table("A", vec![int("id"), opt_text("a")], &["id"]),
        table("B", vec![int("id"), opt_text("x")], &["id"]),
    ]);
    let m = diff(&before, &after, &flavour);
    // An added optional column is the one in-place change; anything else rebuilds the table.
    assert_eq!(kinds(&m), ["AlterTable", "RedefineTables"]);
    let Step::RedefineTables(tables) = &m.steps[1] else {
        unreachable!()
    };
    assert_eq!(tables.len(), 1);
    assert_eq!(tables[0].table, Pair::new(0, 0));
    assert_eq!(
        drift_summary(&m),
        "\n[*] Redefined table `A`\n\n[*] Changed the `B` table\n  [+] Added column `x`\n"
    );
}

#[test]
fn mysql_style_index_backing_foreign_key() {
    let flavour = TestFlavour {
        recreate_fks: true,
        inline_indexes: true,
        ..Default::default()
    };
    let user = table("User", vec![int("id")], &["id"]);
    let post = |unique: bool| {
        let mut t = table("Post", vec![int("id"), int("authorId")], &["id"]);
        t.foreign_keys
            .push(fk("Post_authorId_fkey", &["authorId"], "User", &["id"]));
        if unique {
            t.indexes
                .push(index("Post_authorId_key", IndexKind::Unique, &["authorId"]));
        }
        t
    };
    let m = diff(
        &schema(vec![user.clone(), post(true)]),
        &schema(vec![user.clone(), post(false)]),
        &flavour,
    );
    assert_eq!(kinds(&m), ["DropForeignKey", "DropIndex", "AddForeignKey"]);

    // A plain index on exactly the key's columns is the one the database made for the key: kept.
    let mut with_fk_index = post(false);
    with_fk_index.indexes.push(index(
        "Post_authorId_fkey",
        IndexKind::Normal,
        &["authorId"],
    ));
    assert!(diff(
        &schema(vec![user.clone(), with_fk_index.clone()]),
        &schema(vec![user.clone(), post(false)]),
        &flavour
    )
    .is_empty());

    // The other way (a pulled schema shows that index as `@@index(…, map: "…_fkey")`): it
    // exists already.
    assert!(diff(
        &schema(vec![user.clone(), post(false)]),
        &schema(vec![user.clone(), with_fk_index]),
        &flavour
    )
    .is_empty());

    // An index of another name on the same columns is a real new index.
    let mut with_idx = post(false);
    with_idx
        .indexes
        .push(index("Post_authorId_idx", IndexKind::Normal, &["authorId"]));
    let m = diff(
        &schema(vec![user.clone(), post(false)]),
        &schema(vec![user, with_idx]),
        &flavour,
    );
    assert_eq!(kinds(&m), ["CreateIndex"]);
}

#[test]
fn namespaces_are_created_when_used() {
    let mut to = schema(vec![table("A", vec![int("id")], &["id"])]);
    to.tables[0].namespace = Some("b".into());
    to.namespaces = vec!["b".into(), "a".into(), "empty".into()];
    let m = run(&SqlSchema::default(), &to);
    assert_eq!(m.steps[0], Step::CreateSchema("b".into()));
    assert_eq!(kinds(&m), ["CreateSchema", "CreateTable"]);
    assert_eq!(
        drift_summary(&m),
        "\n[+] Added Schemas\n  - b\n\n[+] Added tables\n  - A\n"
    );
}

#[test]
fn moving_a_table_between_namespaces_recreates_it() {
    let mut from = schema(vec![table("A", vec![int("id")], &["id"])]);
    from.tables[0].namespace = Some("one".into());
    from.namespaces = vec!["one".into(), "two".into()];
    let mut to = from.clone();
    to.tables[0].namespace = Some("two".into());
    let m = run(&from, &to);
    assert_eq!(kinds(&m), ["DropTable", "CreateTable"]);
}

#[test]
fn checks_with_counts() {
    let before = schema(vec![
        table("A", vec![int("id"), opt_text("a"), text("b")], &["id"]),
        table("Gone", vec![int("id")], &["id"]),
    ]);
    let after = schema(vec![table("A", vec![int("id"), text("a")], &["id"])]);
    let m = run(&before, &after);
    let queries = Checks::queries(&m);
    assert!(queries.contains(&CountQuery::Rows {
        namespace: None,
        table: "Gone".into()
    }));
    assert!(queries.contains(&CountQuery::NonNullValues {
        namespace: None,
        table: "A".into(),
        column: "b".into()
    }));

    let mut counts = DataCounts::default();
    counts.set(
        CountQuery::Rows {
            namespace: None,
            table: "Gone".into(),
        },
        0,
    );
    counts.set(
        CountQuery::Rows {
            namespace: None,
            table: "A".into(),
        },
        10,
    );
    counts.set(
        CountQuery::NonNullValues {
            namespace: None,
            table: "A".into(),
            column: "b".into(),
        },
        4,
    );
    counts.set(
        CountQuery::NonNullValues {
            namespace: None,
            table: "A".into(),
            column: "a".into(),
        },
        7,
    );
    assert_eq!(
        check_with_counts(&m, &counts).into_iter_messages(),
        [
            "You are about to drop the column `b` on the `A` table, which still contains 4 non-null values.",
            "Made the column `a` on table `A` required, but there are 3 existing NULL values.",
        ]
    );
}

#[test]
fn drift_summary_sections() {
    let before = schema(vec![table("Old", vec![int("id")], &["id"])]);
    let after = schema(vec![table("New", vec![int("id")], &["id"])]);
    assert_eq!(
        drift_summary(&run(&before, &after)),
        "\n[+] Added tables\n  - New\n\n[-] Removed tables\n  - Old\n"
    );
}

#[test]
fn large_schemas_diff() {
    let (a, b) = (generated(5000, false), generated(5000, true));
    let m = run(&a, &b);
    assert_eq!(
        kinds(&m).iter().filter(|k| **k == "AlterTable").count(),
        500
    );
    assert!(run(&a, &a).is_empty());
}

#[test]
fn renamed_index_past_the_end_of_the_previous_list_does_not_panic() {
    // The renamed index is the third of the new table but the first of the old one.
    let mut before = table("T", vec![int("id"), int("x"), int("y"), int("z")], &["id"]);
    before
        .indexes
        .push(index("old_x_idx", IndexKind::Normal, &["x"]));
    let mut after = before.clone();
    after.indexes = vec![
        index("T_y_idx", IndexKind::Normal, &["y"]),
        index("T_z_idx", IndexKind::Normal, &["z"]),
        index("T_x_idx", IndexKind::Normal, &["x"]),
    ];
    let m = run(&schema(vec![before]), &schema(vec![after]));
    assert!(kinds(&m).contains(&"RenameIndex"), "{:?}", kinds(&m));
}

/// A Prisma 5 join table (unique index) and a Prisma 6 one (primary key) enforce the same thing.
fn join_tables() -> (Table, Table) {
    let mut legacy = table("_PostToTag", vec![int("A"), int("B")], &[]);
    legacy.indexes.push(index("_PostToTag_AB_unique", IndexKind::Unique, &["A", "B"]));
    legacy.indexes.push(index("_PostToTag_B_index", IndexKind::Normal, &["B"]));
    let mut current = table("_PostToTag", vec![int("A"), int("B")], &["A", "B"]);
    current.primary_key.as_mut().unwrap().name = Some("_PostToTag_AB_pkey".into());
    current.indexes.push(index("_PostToTag_B_index", IndexKind::Normal, &["B"]));
    (legacy, current)
}

#[test]
fn legacy_join_table_unique_index_equals_primary_key() {
    let (legacy, current) = join_tables();
    assert!(run(&schema(vec![legacy.clone()]), &schema(vec![current.clone()])).is_empty());
    assert!(run(&schema(vec![current]), &schema(vec![legacy])).is_empty());
}

#[test]
fn join_table_equivalence_needs_the_exact_shape() {
    let (mut legacy, current) = join_tables();
    legacy.indexes[0].name = "_PostToTag_AB_other".into();
    let m = run(&schema(vec![legacy]), &schema(vec![current.clone()]));
    assert_eq!(kinds(&m), ["AlterTable", "DropIndex"]);

    let (mut legacy, _) = join_tables();
    legacy.indexes[0].columns.reverse();
    assert!(!run(&schema(vec![legacy]), &schema(vec![current])).is_empty());
}
