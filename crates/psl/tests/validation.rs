//! Validation fixtures: `tests/fixtures/validation/**.prisma`. Each file is a schema followed by
//! its expected diagnostics in trailing `// ` lines, as Prisma 6.19 prints them: warnings as
//! `warning: <message>` lines, errors rendered in full (with colour codes). No trailing
//! comment means the schema must be valid without warnings. Adding a case = adding a file.
//!
//! Multi-file schemas: a folder holding `schema/*.prisma` and `expected.txt` (same format,
//! without the `// ` prefixes; empty when valid). Adding a case = adding a folder.

use psl::ast::{SourceFile, SourceFiles};
use std::path::{Path, PathBuf};

fn fixture_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/validation")
}

/// Single-file cases (`*.prisma`) and multi-file cases (folders with an `expected.txt`).
fn fixtures() -> (Vec<PathBuf>, Vec<PathBuf>) {
    fn walk(dir: &Path, files: &mut Vec<PathBuf>, folders: &mut Vec<PathBuf>) {
        if dir.join("expected.txt").is_file() {
            folders.push(dir.to_path_buf());
            return;
        }
        let Ok(entries) = std::fs::read_dir(dir) else { return };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, files, folders);
            } else if path.extension().is_some_and(|e| e == "prisma") {
                files.push(path);
            }
        }
    }
    let (mut files, mut folders) = (Vec::new(), Vec::new());
    walk(&fixture_root(), &mut files, &mut folders);
    files.sort();
    folders.sort();
    (files, folders)
}

/// The trailing run of `//` lines at column 0, without their `// ` prefix.
fn expectation(text: &str) -> String {
    let lines: Vec<&str> = text.trim_end().lines().collect();
    let start = lines.iter().rposition(|l| !l.starts_with("//")).map_or(0, |i| i + 1);
    lines[start..]
        .iter()
        .map(|l| l.strip_prefix("// ").or_else(|| l.strip_prefix("//")).unwrap_or(l))
        .collect::<Vec<_>>()
        .join("\n")
}

fn actual(text: &str) -> String {
    render(&SourceFiles { files: vec![SourceFile { path: "schema.prisma".into(), text: text.to_owned() }] })
}

/// Warnings as `warning: <message>` lines, then the errors rendered Prisma's way.
fn render(files: &SourceFiles) -> String {
    let (datamodel, diags) = psl::validate::parse_and_validate(files);
    assert_eq!(datamodel.is_some(), diags.errors.is_empty(), "a Datamodel comes back exactly when there is no error");
    let mut out = String::new();
    for w in &diags.warnings {
        out.push_str(&format!("warning: {}\n", w.message));
    }
    let errors = psl::diagnostics::Diagnostics { errors: diags.errors.clone(), warnings: Vec::new() };
    out.push_str(&psl::diagnostics::render(&errors, files, true));
    out
}

fn normalize(s: &str) -> String {
    s.lines().map(str::trim_end).collect::<Vec<_>>().join("\n").trim_end().to_owned()
}

#[test]
fn validation_fixtures() {
    let (files, _) = fixtures();
    assert!(files.len() >= 40, "expected the fixture folder to hold the cases, found {}", files.len());
    let mut failures = Vec::new();
    for path in &files {
        let text = std::fs::read_to_string(path).expect("readable fixture");
        let want = normalize(&expectation(&text));
        let got = normalize(&actual(&text));
        if want != got {
            failures.push(format!("--- {}\n[expected]\n{want}\n[actual]\n{got}\n", path.display()));
        }
    }
    assert!(failures.is_empty(), "{} of {} fixtures failed:\n{}", failures.len(), files.len(), failures.join("\n"));
}

#[test]
fn multi_file_validation_fixtures() {
    let (_, folders) = fixtures();
    assert!(!folders.is_empty(), "no multi-file fixtures found");
    let mut failures = Vec::new();
    for folder in &folders {
        let mut paths: Vec<PathBuf> = std::fs::read_dir(folder.join("schema"))
            .expect("a schema folder")
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "prisma"))
            .collect();
        paths.sort();
        let files = SourceFiles {
            files: paths
                .iter()
                .map(|p| SourceFile {
                    path: format!("schema/{}", p.file_name().map(|n| n.to_string_lossy()).unwrap_or_default()),
                    text: std::fs::read_to_string(p).expect("readable schema file"),
                })
                .collect(),
        };
        let want = normalize(&std::fs::read_to_string(folder.join("expected.txt")).expect("expected.txt"));
        let got = normalize(&render(&files));
        if want != got {
            failures.push(format!("--- {}\n[expected]\n{want}\n[actual]\n{got}\n", folder.display()));
        }
    }
    assert!(failures.is_empty(), "{} of {} multi-file fixtures failed:\n{}", failures.len(), folders.len(), failures.join("\n"));
}
