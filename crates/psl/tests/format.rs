//! Formatter fixtures: `tests/fixtures/format/X.prisma` formats to `X.formatted.prisma`
//! (expected outputs produced by Prisma 6.19.3's own formatter), and formatting is idempotent.
//! Adding a case = adding the pair of files.

use psl::ast::{SourceFile, SourceFiles};
use std::path::{Path, PathBuf};

fn fixtures() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/format");
    let mut inputs: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("fixtures/format exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| {
            let name = p.file_name().unwrap_or_default().to_string_lossy();
            name.ends_with(".prisma") && !name.ends_with(".formatted.prisma")
        })
        .collect();
    inputs.sort();
    inputs
}

fn format(text: &str) -> String {
    let files = SourceFiles { files: vec![SourceFile { path: "schema.prisma".into(), text: text.into() }] };
    let mut out = psl::format::format_schema(&files).expect("format never fails");
    out.remove(0).1
}

#[test]
fn format_fixtures() {
    let mut failures = Vec::new();
    let inputs = fixtures();
    assert!(!inputs.is_empty(), "no format fixtures found");
    for input in &inputs {
        let text = std::fs::read_to_string(input).expect("readable fixture");
        let expected_path = input.with_extension("formatted.prisma");
        let expected = std::fs::read_to_string(&expected_path)
            .unwrap_or_else(|_| panic!("missing expected output {}", expected_path.display()));
        let once = format(&text);
        if once != expected {
            failures.push(format!("{}:\n--- expected\n{expected}\n--- got\n{once}", input.display()));
            continue;
        }
        let twice = format(&once);
        if twice != once {
            failures.push(format!("{}: not idempotent:\n{twice}", input.display()));
        }
    }
    assert!(failures.is_empty(), "{} of {} format fixtures failed:\n{}", failures.len(), inputs.len(), failures.join("\n"));
}

#[test]
fn multi_file_relation_completion_goes_to_the_right_file() {
    let files = SourceFiles {
        files: vec![
            SourceFile { path: "a.prisma".into(), text: "model A {\n  id Int @id\n  b B\n}\n".into() },
            SourceFile { path: "b.prisma".into(), text: "model B {\n  id String @id\n}\n".into() },
        ],
    };
    let out = psl::format::format_schema(&files).expect("format never fails");
    assert_eq!(out[0].0, "a.prisma");
    assert_eq!(
        out[0].1,
        "model A {\n  id  Int    @id\n  b   B      @relation(fields: [bId], references: [id])\n  bId String\n}\n"
    );
    assert_eq!(out[1].1, "model B {\n  id String @id\n  as A[]\n}\n");
}

#[test]
fn format_of_garbage_keeps_it() {
    let text = "\u{0}\u{1}garbage {{{ \n}}}\n";
    let once = format(text);
    assert_eq!(format(&once), once);
}

#[test]
fn format_validated_reports_errors_in_the_formatted_text() {
    // As `prisma format`: the error points at line 12 of the formatted schema (line 10 of the input).
    let text = "model A {\n  id Int @id\n  b B\n}\nmodel B {\n  id Int @id\n}\nmodel C {\n id Int @id\n x Foo\n}\n";
    let files = SourceFiles { files: vec![SourceFile { path: "schema.prisma".into(), text: text.into() }] };
    let Err((diags, formatted)) = psl::format::format_validated(&files) else {
        panic!("an unknown type is a validation error");
    };
    let lines: Vec<usize> = diags.errors.iter().map(|d| psl::diagnostics::line_col(&formatted, d.span).line).collect();
    assert_eq!(lines, [12]);

    let valid = "datasource db {\n  provider = \"sqlite\"\n  url = \"file:dev.db\"\n}\n\nmodel A {\n  id Int @id\n}\n";
    let files = SourceFiles { files: vec![SourceFile { path: "schema.prisma".into(), text: valid.into() }] };
    let out = psl::format::format_validated(&files).map_err(|(d, _)| d.errors).expect("valid schema");
    assert_eq!(out[0].1, valid.replace("url = ", "url      = "));
}
