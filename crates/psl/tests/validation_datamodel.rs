//! The resolved `Datamodel` that validation hands to later stages: constraint names (spec
//! §6.2), effective referential actions, implicit many-to-many tables, typed defaults.

use psl::ast::{SourceFile, SourceFiles};
use psl::datamodel::*;

fn datamodel(schema: &str) -> Datamodel {
    let files = SourceFiles { files: vec![SourceFile { path: "schema.prisma".into(), text: schema.to_owned() }] };
    let (dm, diags) = psl::validate::parse_and_validate(&files);
    assert!(diags.errors.is_empty(), "unexpected errors: {:?}", diags.errors);
    dm.expect("a valid schema yields a Datamodel")
}

fn model<'a>(dm: &'a Datamodel, name: &str) -> &'a Model {
    dm.models.iter().find(|m| m.name == name).expect("model exists")
}

const PG: &str = "datasource db {\n  provider = \"postgresql\"\n  url = env(\"DATABASE_URL\")\n}\n";

#[test]
fn constraint_names_use_database_names() {
    let dm = datamodel(&format!(
        "{PG}
model A {{
  id   Int    @id
  name String @unique
  a    String @map(\"col_a\")
  b    String
  bs   B[]

  @@unique([a, b])
  @@index([a])
  @@map(\"table_a\")
}}

model B {{
  a   String
  b   String
  aId Int
  A   A      @relation(fields: [aId], references: [id])

  @@index([a, b])
  @@id([a, b])
}}
"
    ));
    let a = model(&dm, "A");
    assert_eq!(a.database_name, "table_a");
    assert_eq!(a.primary_key.as_ref().map(|p| p.database_name.as_str()), Some("table_a_pkey"));
    let names: Vec<&str> = a.indexes.iter().map(|i| i.database_name.as_str()).collect();
    // Field-level uniques first, then @@index, then @@unique (Prisma's order).
    assert_eq!(names, ["table_a_name_key", "table_a_col_a_idx", "table_a_col_a_b_key"]);

    let b = model(&dm, "B");
    assert_eq!(b.primary_key.as_ref().map(|p| p.database_name.as_str()), Some("B_pkey"));
    assert_eq!(b.indexes[0].database_name, "B_a_b_idx");
    let rel = &b.relation_fields[0];
    assert_eq!(rel.fk_name.as_deref(), Some("B_aId_fkey"));
    assert_eq!(rel.fields, vec![2]);
    assert_eq!(rel.references, vec![0]);
    assert_eq!(rel.relation_name, "AToB");
}

#[test]
fn long_names_are_truncated_to_the_provider_limit() {
    let long = "x".repeat(70);
    let dm = datamodel(&format!("{PG}\nmodel {long} {{\n  id Int @id\n  v Int @unique\n}}\n"));
    let m = &dm.models[0];
    let pk = &m.primary_key.as_ref().expect("pk").database_name;
    assert_eq!(pk.len(), 63);
    assert!(pk.ends_with("_pkey"));
    assert_eq!(m.indexes[0].database_name.len(), 63);
    assert!(m.indexes[0].database_name.ends_with("_key"));
}

#[test]
fn effective_referential_actions() {
    let schema = |provider: &str| {
        format!(
            "datasource db {{\n  provider = \"{provider}\"\n  url = \"x\"\n}}
model User {{
  id       Int     @id
  posts    Post[]
  comments Comment[]
}}
model Post {{
  id     Int  @id
  userId Int
  user   User @relation(fields: [userId], references: [id])
}}
model Comment {{
  id     Int   @id
  userId Int?
  user   User? @relation(fields: [userId], references: [id], onUpdate: NoAction)
}}
"
        )
    };
    let dm = datamodel(&schema("postgresql"));
    let post = &model(&dm, "Post").relation_fields[0];
    assert_eq!((post.on_delete, post.on_update), (Some(ReferentialAction::Restrict), Some(ReferentialAction::Cascade)));
    let comment = &model(&dm, "Comment").relation_fields[0];
    assert_eq!((comment.on_delete, comment.on_update), (Some(ReferentialAction::SetNull), Some(ReferentialAction::NoAction)));
    // The back-relation side holds no actions.
    assert_eq!(model(&dm, "User").relation_fields[0].on_delete, None);

    let dm = datamodel(&schema("sqlserver"));
    let post = &model(&dm, "Post").relation_fields[0];
    assert_eq!(post.on_delete, Some(ReferentialAction::NoAction), "SQL Server has no Restrict");
}

#[test]
fn implicit_many_to_many() {
    let dm = datamodel(&format!(
        "{PG}
model Tag {{
  id    Int    @id
  posts Post[]
}}
model Post {{
  id   Int   @id
  tags Tag[]
  likedBy User[] @relation(\"Likes\")
}}
model User {{
  id    Int    @id
  likes Post[] @relation(\"Likes\")
}}
"
    ));
    let tables: Vec<(&str, &str, &str)> = dm
        .many_to_many
        .iter()
        .map(|m| (m.table_name.as_str(), dm.models[m.model_a].name.as_str(), dm.models[m.model_b].name.as_str()))
        .collect();
    assert_eq!(tables, [("_PostToTag", "Post", "Tag"), ("_Likes", "Post", "User")]);
}

#[test]
fn typed_defaults_and_native_types() {
    let dm = datamodel(&format!(
        "{PG}
enum Role {{
  USER
  ADMIN @map(\"admin\")
}}
model A {{
  id    String   @id @default(uuid()) @db.Uuid
  n     Int      @default(-3)
  f     Float    @default(1.5)
  b     Boolean  @default(true)
  role  Role     @default(ADMIN)
  at    DateTime @default(now())
  js    Json     @default(\"{{}}\")
  gen   Int      @default(dbgenerated(\"1 + 1\"))
  tags  String[] @default([\"a\", \"b\"])
  name  String   @db.VarChar(42)
}}
"
    ));
    let a = model(&dm, "A");
    let default = |name: &str| {
        a.scalar_fields.iter().find(|f| f.name == name).and_then(|f| f.default.as_ref()).map(|d| d.kind.clone())
    };
    assert_eq!(default("id"), Some(DefaultKind::Uuid));
    assert_eq!(default("n"), Some(DefaultKind::Value(Value::Int(-3))));
    assert_eq!(default("f"), Some(DefaultKind::Value(Value::Float("1.5".into()))));
    assert_eq!(default("b"), Some(DefaultKind::Value(Value::Boolean(true))));
    assert_eq!(default("role"), Some(DefaultKind::Value(Value::Enum("ADMIN".into()))));
    assert_eq!(default("at"), Some(DefaultKind::Now));
    assert_eq!(default("js"), Some(DefaultKind::Value(Value::Json("{}".into()))));
    assert_eq!(default("gen"), Some(DefaultKind::DbGenerated(Some("1 + 1".into()))));
    assert_eq!(
        default("tags"),
        Some(DefaultKind::List(vec![Value::String("a".into()), Value::String("b".into())]))
    );
    let name = a.scalar_fields.iter().find(|f| f.name == "name").expect("field");
    assert_eq!(name.native_type, Some(NativeType { name: "VarChar".into(), args: vec!["42".into()] }));
    assert_eq!(dm.enums[0].values[1].database_name, "admin");
}

#[test]
fn unset_env_var_is_not_an_error_and_url_is_kept_by_name() {
    let dm = datamodel(&format!("{PG}\nmodel A {{\n  id Int @id\n}}\n"));
    let ds = dm.datasource.expect("datasource");
    assert_eq!(ds.url, Some(StringFromEnv::Env("DATABASE_URL".into())));
    assert_eq!(ds.provider, Provider::Postgres);
}

#[test]
fn multi_file_schemas_resolve_across_files() {
    let files = SourceFiles {
        files: vec![
            SourceFile { path: "a.prisma".into(), text: format!("{PG}\nmodel A {{\n  id Int @id\n  bs B[]\n}}\n") },
            SourceFile {
                path: "b.prisma".into(),
                text: "model B {\n  id  Int @id\n  aId Int\n  a   A   @relation(fields: [aId], references: [id])\n}\n".into(),
            },
        ],
    };
    let (dm, diags) = psl::validate::parse_and_validate(&files);
    assert!(diags.errors.is_empty(), "{:?}", diags.errors);
    let dm = dm.expect("datamodel");
    assert_eq!(dm.models.len(), 2);
    assert_eq!(dm.models[1].relation_fields[0].related_model, 0);
}
