//! calculate through the whole front end: schema text → parse → validate → calculate, and the
//! key facts of the SqlSchema that Prisma's calculator produces for it.

mod calculate_common;

use calculate_common::calculate;
use flavour::Flavour;
use sql_schema as sql;

fn schema(text: &str) -> (Flavour, sql::SqlSchema) {
    calculate(text).unwrap_or_else(|e| panic!("{e}\n{text}"))
}

fn table<'a>(s: &'a sql::SqlSchema, name: &str) -> &'a sql::Table {
    s.tables.iter().find(|t| t.name == name).unwrap_or_else(|| panic!("no table {name}"))
}

#[test]
fn mysql_enums_are_per_column_and_named_after_mapped_names() {
    let (flavour, s) = schema(
        r#"
        datasource db {
          provider = "mysql"
          url      = env("DATABASE_URL")
        }
        enum Mood {
          HAPPY
          SAD   @map("sad")
        }
        model Cat {
          id    Int  @id
          mood  Mood @default(SAD) @map("cat_mood")
          other Mood?
          @@map("cats")
        }
        "#,
    );
    assert_eq!(flavour, Flavour::Mysql);
    let names: Vec<&str> = s.enums.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(names, vec!["cats_cat_mood", "cats_other"]);
    assert_eq!(s.enums[0].values, vec!["HAPPY".to_string(), "sad".to_string()]);
    let mood = table(&s, "cats").column("cat_mood").expect("cat_mood");
    assert_eq!(mood.tpe.family, sql::ColumnTypeFamily::Enum("cats_cat_mood".into()));
    assert_eq!(
        mood.default.as_ref().map(|d| &d.kind),
        Some(&sql::DefaultKind::Value(sql::Literal::Enum("sad".into())))
    );
}

#[test]
fn relation_mode_prisma_keeps_join_tables_but_drops_every_foreign_key() {
    let (_, s) = schema(
        r#"
        datasource db {
          provider     = "mysql"
          url          = env("DATABASE_URL")
          relationMode = "prisma"
        }
        model Post {
          id       Int    @id
          authorId Int
          author   User   @relation(fields: [authorId], references: [id])
          tags     Tag[]
          @@index([authorId])
        }
        model User {
          id    Int    @id
          posts Post[]
        }
        model Tag {
          id    String @id
          posts Post[]
        }
        "#,
    );
    assert!(s.tables.iter().all(|t| t.foreign_keys.is_empty()));
    let join = table(&s, "_PostToTag");
    let names: Vec<&str> = join.indexes.iter().map(|i| i.name.as_str()).collect();
    assert_eq!(names, vec!["_PostToTag_AB_unique", "_PostToTag_B_index"]);
    assert_eq!(join.columns[0].tpe.native, Some(sql::NativeType::new("Int", &[])));
    assert_eq!(join.columns[1].tpe.native, Some(sql::NativeType::new("VarChar", &["191"])));
}

#[test]
fn postgres_foreign_key_defaults_follow_the_relation_arity() {
    let (_, s) = schema(
        r#"
        datasource db {
          provider = "postgresql"
          url      = env("DATABASE_URL")
        }
        model User {
          id      Int      @id
          posts   Post[]
          drafts  Post[]   @relation("drafts")
        }
        model Post {
          id       Int   @id
          authorId Int
          author   User  @relation(fields: [authorId], references: [id])
          editorId Int?
          editor   User? @relation("drafts", fields: [editorId], references: [id], map: "post_editor")
        }
        "#,
    );
    let fks = &table(&s, "Post").foreign_keys;
    assert_eq!(fks.len(), 2);
    assert_eq!(fks[0].name.as_deref(), Some("Post_authorId_fkey"));
    assert_eq!((fks[0].on_delete, fks[0].on_update), (sql::ForeignKeyAction::Restrict, sql::ForeignKeyAction::Cascade));
    assert_eq!(fks[1].name.as_deref(), Some("post_editor"));
    assert_eq!((fks[1].on_delete, fks[1].on_update), (sql::ForeignKeyAction::SetNull, sql::ForeignKeyAction::Cascade));
}

#[test]
fn sqlite_rowid_alias_and_client_side_defaults() {
    let (_, s) = schema(
        r#"
        datasource db {
          provider = "sqlite"
          url      = env("DATABASE_URL")
        }
        model Profile {
          userId Int    @id
          handle String @default(cuid())
          born   DateTime @default("2000-01-01T00:00:00+01:00")
        }
        "#,
    );
    let t = table(&s, "Profile");
    assert!(t.column("userId").is_some_and(|c| c.auto_increment), "a single Int id is the rowid alias");
    assert_eq!(t.column("handle").and_then(|c| c.default.clone()), None);
    assert_eq!(s.prisma_level_defaults.len(), 1);
    assert_eq!(
        t.column("born").and_then(|c| c.default.clone()).map(|d| d.kind),
        Some(sql::DefaultKind::Value(sql::Literal::DateTime("2000-01-01 00:00:00 +01:00".into())))
    );
}

#[test]
fn postgres_multi_schema_places_tables_enums_and_join_tables() {
    let (_, s) = schema(
        r#"
        datasource db {
          provider = "postgresql"
          url      = env("DATABASE_URL")
          schemas  = ["auth", "app"]
        }
        enum Role {
          USER
          ADMIN
          @@schema("auth")
        }
        model Account {
          id    Int     @id
          role  Role
          teams Team[]
          @@schema("auth")
        }
        model Team {
          id       Int       @id
          accounts Account[]
          @@schema("app")
        }
        "#,
    );
    assert_eq!(s.namespaces, vec!["auth".to_string(), "app".to_string()]);
    assert_eq!(s.enums[0].namespace.as_deref(), Some("auth"));
    assert_eq!(table(&s, "Team").namespace.as_deref(), Some("app"));
    let join = table(&s, "_AccountToTeam");
    assert_eq!(join.namespace.as_deref(), Some("auth"), "the join table lives with model A");
    assert_eq!(join.foreign_keys[1].referenced_namespace.as_deref(), Some("app"));
}
