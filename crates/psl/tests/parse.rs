//! Parser tests: the AST it builds, and the syntax diagnostics it reports.
//!
//! `tests/fixtures/parse/*.prisma` hold a schema followed by the expected (uncoloured)
//! diagnostics as trailing `// ` lines, as printed by Prisma 6.19.3 for the same schema; no
//! trailing block means no diagnostics. Adding a case = adding a file.

use psl::ast::*;
use psl::diagnostics::{self, Diagnostics};
use std::path::Path;

fn files(text: &str) -> SourceFiles {
    SourceFiles { files: vec![SourceFile { path: "schema.prisma".into(), text: text.into() }] }
}

fn parse(text: &str) -> (SchemaAst, Diagnostics) {
    psl::parser::parse_file(text, 0)
}

fn models(ast: &SchemaAst) -> Vec<&Model> {
    ast.tops.iter().filter_map(|t| if let Top::Model(m) = t { Some(m) } else { None }).collect()
}

fn error_lines(text: &str, diags: &Diagnostics) -> Vec<(usize, String)> {
    let f = files(text);
    diags.errors.iter().map(|d| (diagnostics::line_col(&f, d.span).line, d.message.clone())).collect()
}

/// Splits a fixture into its schema and the expected diagnostics (the last run of `//` lines
/// that reaches the end of the file).
fn split_fixture(text: &str) -> (&str, String) {
    let lines: Vec<&str> = text.split('\n').collect();
    let mut end = lines.len();
    if lines.last() == Some(&"") {
        end -= 1;
    }
    let mut start = end;
    while start > 0 && lines[start - 1].starts_with("//") {
        start -= 1;
    }
    if start == end {
        return (text, String::new());
    }
    let schema_len: usize = lines[..start].iter().map(|l| l.len() + 1).sum();
    let expected: String = lines[start..end]
        .iter()
        .map(|l| l.strip_prefix("// ").or_else(|| l.strip_prefix("//")).unwrap_or(l))
        .map(|l| format!("{l}\n"))
        .collect();
    (&text[..schema_len.min(text.len())], expected)
}

#[test]
fn parse_fixtures() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/parse");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("fixtures/parse exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "prisma"))
        .collect();
    paths.sort();
    assert!(!paths.is_empty());
    let mut failures = Vec::new();
    for path in &paths {
        let text = std::fs::read_to_string(path).expect("readable fixture");
        let (schema, expected) = split_fixture(&text);
        let sources = files(schema);
        let (_, diags) = psl::parser::parse_schema(&sources);
        let got = diagnostics::render(&diags, &sources, false);
        if got != expected {
            failures.push(format!("{}\n--- expected\n{expected}--- got\n{got}", path.display()));
        }
    }
    assert!(failures.is_empty(), "{} of {} parse fixtures failed:\n{}", failures.len(), paths.len(), failures.join("\n"));
}

#[test]
fn builds_the_ast() {
    let text = r#"
datasource db {
  provider = "postgresql"
  url      = env("DATABASE_URL")
}

model User {
  id      Int      @id @default(autoincrement())
  email   String   @unique @db.VarChar(255)
  tags    String[]
  bio     String?
  blob    Unsupported("circle")?
  posts   Post[]   @relation("author")

  @@index([email(sort: Desc), id], map: "idx",)
  @@map("users")
}

view V {
  id Int @unique
}

enum Role {
  USER  @map("user")
  ADMIN
  @@map("roles")
}

type Address {
  street String
}
"#;
    let (ast, diags) = parse(text);
    assert!(diags.errors.is_empty(), "{:?}", diags.errors);
    assert_eq!(ast.tops.len(), 5);

    let Top::Source(db) = &ast.tops[0] else { panic!("datasource first") };
    assert_eq!(db.name.name, "db");
    assert_eq!(db.properties.len(), 2);
    assert!(matches!(&db.properties[1].value, Some(Expression::Function(name, args, _))
        if name == "env" && matches!(&args.arguments[0].value, Expression::StringValue(s, _) if s == "DATABASE_URL")));

    let ms = models(&ast);
    let user = ms[0];
    assert!(!user.is_view);
    assert!(ms[1].is_view);
    let names: Vec<_> = user.fields.iter().map(|f| f.name.name.as_str()).collect();
    assert_eq!(names, ["id", "email", "tags", "bio", "blob", "posts"]);
    assert_eq!(user.fields[2].arity, FieldArity::List);
    assert_eq!(user.fields[3].arity, FieldArity::Optional);
    assert_eq!(user.fields[4].field_type, FieldType::Unsupported("circle".into(), user.fields[4].field_type.span()));
    assert_eq!(user.fields[4].arity, FieldArity::Optional);

    let email = &user.fields[1];
    assert_eq!(email.attributes[1].name.name, "db.VarChar");
    assert!(matches!(&email.attributes[1].arguments.arguments[0].value, Expression::NumericValue(n, _) if n == "255"));
    let default = &user.fields[0].attributes[1];
    assert!(matches!(&default.arguments.arguments[0].value, Expression::Function(f, _, _) if f == "autoincrement"));

    let index = &user.attributes[0];
    assert_eq!(index.name.name, "index");
    assert!(index.arguments.trailing_comma.is_some());
    let Expression::Array(items, _) = &index.arguments.arguments[0].value else { panic!("array") };
    assert!(matches!(&items[0], Expression::Function(name, args, _)
        if name == "email" && args.arguments[0].name.as_ref().is_some_and(|n| n.name == "sort")));
    assert!(matches!(&items[1], Expression::ConstantValue(name, _) if name == "id"));
    assert_eq!(index.arguments.arguments[1].name.as_ref().map(|n| n.name.as_str()), Some("map"));

    let Top::Enum(role) = &ast.tops[3] else { panic!("enum") };
    assert_eq!(role.values.len(), 2);
    assert_eq!(role.attributes[0].name.name, "map");
    let Top::CompositeType(address) = &ast.tops[4] else { panic!("type") };
    assert_eq!(address.fields[0].name.name, "street");
}

#[test]
fn spans_point_at_the_source() {
    let text = "model A {\n  id Int @id @default(1)\n}\n";
    let (ast, _) = parse(text);
    let field = &models(&ast)[0].fields[0];
    let slice = |s: Span| &text[s.start..s.end];
    assert_eq!(slice(field.name.span), "id");
    assert_eq!(slice(field.field_type.span()), "Int");
    // As in Prisma, an attribute without arguments extends over the whitespace after it.
    assert_eq!(slice(field.attributes[0].span), "@id ");
    assert_eq!(slice(field.attributes[1].span), "@default(1)");
    assert_eq!(slice(models(&ast)[0].span), "model A {\n  id Int @id @default(1)\n}");
    let f = files(text);
    let at = diagnostics::line_col(&f, field.attributes[1].span);
    assert_eq!((at.line, at.column), (2, 14));
    assert_eq!(diagnostics::location(&f, field.attributes[1].span), "schema.prisma:2:14");
}

#[test]
fn crlf_and_cr_parse_like_lf() {
    let lf = "/// doc\nmodel A {\n  id Int @id\n  /// name doc\n  name String? // trailing\n}\n\nenum E {\n  X\n}\n";
    for newline in ["\r\n", "\r"] {
        let text = lf.replace('\n', newline);
        let (ast, diags) = parse(&text);
        assert!(diags.errors.is_empty(), "{newline:?}: {:?}", diags.errors);
        let a = models(&ast)[0];
        assert_eq!(a.documentation.as_ref().map(|c| c.text.as_str()), Some("doc"));
        assert_eq!(a.fields.len(), 2);
        assert_eq!(a.fields[1].name.name, "name");
        assert_eq!(a.fields[1].documentation.as_ref().map(|c| c.text.as_str()), Some("name doc"));
        assert!(matches!(&ast.tops[1], Top::Enum(e) if e.values.len() == 1));
    }
}

#[test]
fn doc_comments_attach_to_the_next_item() {
    let text = r#"/// free floating

/// Model doc
/// second line
model A {
  /// field doc
  // plain comments are not documentation
  id Int @id /// trailing doc
  name String // not doc
}

/* block
   doc */
enum E {
  /// value doc
  X
}
"#;
    let (ast, diags) = parse(text);
    assert!(diags.errors.is_empty());
    let a = models(&ast)[0];
    assert_eq!(a.documentation.as_ref().unwrap().text, "Model doc\nsecond line");
    assert_eq!(a.fields[0].documentation.as_ref().unwrap().text, "field doc\ntrailing doc");
    assert!(a.fields[1].documentation.is_none());
    let Top::Enum(e) = &ast.tops[1] else { panic!("enum") };
    assert_eq!(e.documentation.as_ref().unwrap().text, "block\n   doc");
    assert_eq!(e.values[0].documentation.as_ref().unwrap().text, "value doc");
}

#[test]
fn strings_are_unescaped() {
    let text = "model A {\n  a String @default(\"q\\\"b\\\\s\\n\\u00e9\\ud83d\\ude00\")\n}\n";
    let (ast, diags) = parse(text);
    assert!(diags.errors.is_empty(), "{:?}", diags.errors);
    let value = &models(&ast)[0].fields[0].attributes[0].arguments.arguments[0].value;
    assert!(matches!(value, Expression::StringValue(s, _) if s == "q\"b\\s\né😀"), "{value:?}");
}

#[test]
fn mangled_input_reports_errors_on_the_right_line() {
    let text = "model A {\n  id Int @id\n  !!!\n}\n\nmodel B {\n  id Int @id\n";
    let (ast, diags) = parse(text);
    let errors = error_lines(text, &diags);
    assert_eq!(errors[0], (3, "Error validating: This line is not a valid field or attribute definition.".into()));
    // The unclosed block: each of its lines is reported, and parsing goes on.
    assert!(errors[1..].iter().all(|(_, m)| m.contains("does not start with any known Prisma schema keyword")));
    assert_eq!(errors[1].0, 6);
    assert_eq!(models(&ast).len(), 1);
}

#[test]
fn truncations_of_a_schema_never_panic() {
    let text = include_str!("fixtures/format/attributes_and_args.prisma");
    for end in (0..=text.len()).filter(|i| text.is_char_boundary(*i)) {
        let (_, _) = parse(&text[..end]);
        let sources = files(&text[..end]);
        let (_, diags) = psl::parser::parse_schema(&sources);
        let _ = diagnostics::render(&diags, &sources, true);
    }
}

#[test]
fn garbage_never_panics() {
    let mut seed = 0x2545_f491_4f6c_dd1d_u64;
    let alphabet: Vec<char> = "model enum{}()[]@@\"\\/*:=?!,.\n\r\t aZ09_-éu😀\u{0}".chars().collect();
    for _ in 0..2000 {
        let len = (seed % 200) as usize;
        let mut s = String::new();
        for _ in 0..len {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            s.push(alphabet[(seed % alphabet.len() as u64) as usize]);
        }
        let sources = files(&s);
        let (_, diags) = psl::parser::parse_schema(&sources);
        let _ = diagnostics::render(&diags, &sources, false);
    }
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    let depth = 100_000;
    let text = format!("model A {{\n  a Int @default({}{})\n}}\n", "[".repeat(depth), "]".repeat(depth));
    let (_, diags) = parse(&text);
    assert!(diags.has_errors());
}
