//! `cargo xtask conformance validation`: scores `psl::validate` against Prisma's validation
//! fixtures (`prisma-engines/validation/**.prisma`) and checks that every real project's schema
//! (`real/*/schema`) validates without errors.
//!
//! A fixture's expectation is the last run of `//` lines at column 0 that reaches the end of
//! the file (Prisma's rendered diagnostics, with colour codes); none means "valid, no warnings".

use psl::ast::{SourceFile, SourceFiles};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Verdict {
    Valid,
    Warnings,
    Errors,
}

#[derive(Default)]
struct Score {
    cases: usize,
    verdict_ok: usize,
    error_cases: usize,
    message_ok: usize,
    exact: usize,
}

pub fn run(root: &Path) -> anyhow::Result<()> {
    let corpus = corpus_dir(root);
    let mut files = Vec::new();
    collect(&corpus.join("prisma-engines/validation"), &mut files, &|p| {
        p.extension().is_some_and(|e| e == "prisma")
    })?;
    files.sort();
    anyhow::ensure!(!files.is_empty(), "no validation fixtures under {}", corpus.display());

    let mut scores: BTreeMap<String, Score> = BTreeMap::new();
    let mut failures = Vec::new();
    let mut inexact = Vec::new();
    for path in &files {
        let text = std::fs::read_to_string(path)?;
        let provider = provider_of(&text);
        let expected = expectation(&text);
        let expected_plain = strip_ansi(&expected);
        let want = verdict_of(&expected_plain);
        let sources = SourceFiles { files: vec![SourceFile { path: "schema.prisma".into(), text: text.clone() }] };
        let (_, diags) = psl::validate::parse_and_validate(&sources);
        let got = if !diags.errors.is_empty() {
            Verdict::Errors
        } else if !diags.warnings.is_empty() {
            Verdict::Warnings
        } else {
            Verdict::Valid
        };
        let rendered = psl::diagnostics::render(&diags, &sources, true);
        let score = scores.entry(provider.clone()).or_default();
        score.cases += 1;
        let rel = path.strip_prefix(&corpus).unwrap_or(path).display().to_string();
        if got == want {
            score.verdict_ok += 1;
        }
        if rendered.trim_end() == expected.trim_end() {
            score.exact += 1;
        } else if got == want {
            let (w, g) = first_difference(&strip_ansi(&expected), &strip_ansi(&rendered));
            inexact.push(format!("{} [{provider}]\n    want: {w}\n    got:  {g}", path.strip_prefix(&corpus).unwrap_or(path).display()));
        }
        let mut message_ok = true;
        if want == Verdict::Errors {
            score.error_cases += 1;
            let first = first_error(&expected_plain);
            message_ok = first.as_ref().is_some_and(|m| diags.errors.iter().any(|e| e.message.trim_end() == m.trim_end()));
            if message_ok {
                score.message_ok += 1;
            }
        }
        if got != want || !message_ok {
            let got_first = diags.warnings.iter().chain(&diags.errors).next().map(|d| d.message.clone()).unwrap_or_default();
            failures.push(format!(
                "{rel} [{provider}]: expected {want:?}, got {got:?}\n    want: {}\n    got:  {}",
                first_error(&expected_plain).or_else(|| expected_plain.lines().next().map(str::to_owned)).unwrap_or_default(),
                got_first
            ));
        }
    }

    println!("PSL validation conformance ({} cases)", files.len());
    let mut total = Score::default();
    let mut sql = Score::default();
    for (provider, s) in &scores {
        println!(
            "  {provider:<12} verdict {:>3}/{:<3} first-error message {:>3}/{:<3} exact {:>3}/{}",
            s.verdict_ok, s.cases, s.message_ok, s.error_cases, s.exact, s.cases
        );
        for acc in [&mut total] {
            add(acc, s);
        }
        if !matches!(provider.as_str(), "mongodb" | "sqlserver") {
            add(&mut sql, s);
        }
    }
    println!(
        "  {:<12} verdict {:>3}/{:<3} first-error message {:>3}/{:<3} exact {:>3}/{}",
        "SQL (no mssql/mongo)", sql.verdict_ok, sql.cases, sql.message_ok, sql.error_cases, sql.exact, sql.cases
    );
    println!(
        "  {:<12} verdict {:>3}/{:<3} first-error message {:>3}/{:<3} exact {:>3}/{}",
        "all", total.verdict_ok, total.cases, total.message_ok, total.error_cases, total.exact, total.cases
    );
    if !inexact.is_empty() {
        println!("\nRight verdict, different rendering:");
        for f in &inexact {
            println!("  {f}");
        }
    }
    if !failures.is_empty() {
        println!("\nFailures:");
        for f in &failures {
            println!("  {f}");
        }
    }

    real_schemas(&corpus)
}

fn add(acc: &mut Score, s: &Score) {
    acc.cases += s.cases;
    acc.verdict_ok += s.verdict_ok;
    acc.error_cases += s.error_cases;
    acc.message_ok += s.message_ok;
    acc.exact += s.exact;
}

/// Every `real/**/schema` (file or folder of `*.prisma`) must validate without errors.
fn real_schemas(corpus: &Path) -> anyhow::Result<()> {
    let real = corpus.join("real");
    if !real.is_dir() {
        println!("\nno real/ schemas at {}", real.display());
        return Ok(());
    }
    let mut schema_dirs = Vec::new();
    find_schema_entries(&real, &mut schema_dirs)?;
    schema_dirs.sort();
    let mut ok = 0;
    let mut failed = Vec::new();
    for entry in &schema_dirs {
        let mut paths = Vec::new();
        if entry.is_dir() {
            collect(entry, &mut paths, &|p| p.extension().is_some_and(|e| e == "prisma"))?;
            paths.sort();
        } else {
            paths.push(entry.clone());
        }
        let mut files = Vec::new();
        for p in &paths {
            let name = p.strip_prefix(entry).ok().filter(|r| !r.as_os_str().is_empty()).unwrap_or(p);
            files.push(SourceFile { path: name.display().to_string(), text: std::fs::read_to_string(p)? });
        }
        let sources = SourceFiles { files };
        let (dm, diags) = psl::validate::parse_and_validate(&sources);
        if dm.is_some() {
            ok += 1;
        } else {
            failed.push((entry.clone(), psl::diagnostics::render(&diags, &sources, false)));
        }
    }
    println!("\nReal schemas: {ok}/{} validate without errors", schema_dirs.len());
    for (path, rendered) in failed {
        println!("  FAILED {}\n{}", path.display(), indent(&rendered));
    }
    Ok(())
}

fn indent(s: &str) -> String {
    s.lines().take(40).map(|l| format!("      {l}\n")).collect()
}

fn find_schema_entries(dir: &Path, out: &mut Vec<PathBuf>) -> anyhow::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.file_name().is_some_and(|n| n == "schema") {
            out.push(path);
        } else if path.is_dir() && !path.file_name().is_some_and(|n| n == "migrations") {
            find_schema_entries(&path, out)?;
        }
    }
    Ok(())
}

fn corpus_dir(root: &Path) -> PathBuf {
    if root.join("prisma-engines").is_dir() {
        root.to_path_buf()
    } else {
        root.join("conformance")
    }
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>, keep: &dyn Fn(&Path) -> bool) -> anyhow::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            collect(&path, out, keep)?;
        } else if keep(&path) {
            out.push(path);
        }
    }
    Ok(())
}

/// The trailing run of `//` lines, without the `// ` prefix.
fn expectation(text: &str) -> String {
    let lines: Vec<&str> = text.trim_end().lines().collect();
    let start = lines.iter().rposition(|l| !l.starts_with("//")).map_or(0, |i| i + 1);
    lines[start..]
        .iter()
        .map(|l| l.strip_prefix("// ").or_else(|| l.strip_prefix("//")).unwrap_or(l))
        .collect::<Vec<_>>()
        .join("\n")
}

fn verdict_of(expected: &str) -> Verdict {
    if expected.lines().any(|l| l.starts_with("error: ") || l.starts_with("error[")) {
        Verdict::Errors
    } else if expected.lines().any(|l| l.starts_with("warning: ")) {
        Verdict::Warnings
    } else {
        Verdict::Valid
    }
}

/// The first error's message (it may span several lines, up to the `-->` line).
fn first_error(expected: &str) -> Option<String> {
    let mut lines = expected.lines().skip_while(|l| !l.starts_with("error: "));
    let first = lines.next()?.strip_prefix("error: ")?.to_owned();
    let mut msg = first;
    for l in lines {
        if l.trim_start().starts_with("-->") {
            break;
        }
        msg.push('\n');
        msg.push_str(l);
    }
    Some(msg.trim_end_matches('\n').to_owned())
}

fn strip_ansi(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\x1b' && chars.peek() == Some(&'[') {
            chars.next();
            for c in chars.by_ref() {
                if c.is_ascii_alphabetic() {
                    break;
                }
            }
            continue;
        }
        out.push(c);
    }
    out
}

/// The datasource provider written in the schema, or `none`.
fn provider_of(text: &str) -> String {
    let Some(ds) = text.find("datasource") else { return "none".into() };
    let block = &text[ds..];
    let block = &block[..block.find('}').unwrap_or(block.len())];
    for line in block.lines() {
        let line = line.trim();
        if let Some(rest) = line.strip_prefix("provider") {
            let value = rest.trim_start().trim_start_matches('=').trim();
            let value = value.trim_matches('"');
            return match value {
                "postgres" => "postgresql".into(),
                v => v.to_owned(),
            };
        }
    }
    "none".into()
}

/// The first line where two renderings differ (ignoring trailing whitespace).
fn first_difference(want: &str, got: &str) -> (String, String) {
    let mut w = want.lines();
    let mut g = got.lines();
    loop {
        match (w.next(), g.next()) {
            (None, None) => return (String::new(), String::new()),
            (a, b) if a.map(str::trim_end) != b.map(str::trim_end) => {
                return (a.unwrap_or("<end>").to_owned(), b.unwrap_or("<end>").to_owned())
            }
            _ => {}
        }
    }
}
