//! Validation fixtures: `tests/fixtures/validation/**.prisma`. Each file is a schema followed by
//! its expected diagnostics in trailing `// ` lines, as Prisma 6.19 prints them: warnings as
//! `warning: <message>` lines, errors rendered in full (with colour codes). No trailing
//! comment means the schema must be valid without warnings. Adding a case = adding a file.

use psl::ast::{SourceFile, SourceFiles};
use std::path::{Path, PathBuf};

fn fixtures() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else { return };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "prisma") {
                out.push(path);
            }
        }
    }
    let mut out = Vec::new();
    walk(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/validation"), &mut out);
    out.sort();
    out
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
    let files = SourceFiles { files: vec![SourceFile { path: "schema.prisma".into(), text: text.to_owned() }] };
    let (datamodel, diags) = psl::validate::parse_and_validate(&files);
    assert_eq!(datamodel.is_some(), diags.errors.is_empty(), "a Datamodel comes back exactly when there is no error");
    let mut out = String::new();
    for w in &diags.warnings {
        out.push_str(&format!("warning: {}\n", w.message));
    }
    let errors = psl::diagnostics::Diagnostics { errors: diags.errors.clone(), warnings: Vec::new() };
    out.push_str(&psl::diagnostics::render(&errors, &files, true));
    out
}

fn normalize(s: &str) -> String {
    s.lines().map(str::trim_end).collect::<Vec<_>>().join("\n").trim_end().to_owned()
}

#[test]
fn validation_fixtures() {
    let files = fixtures();
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
