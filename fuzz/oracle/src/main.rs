//! Development aid: compares psl with Prisma's own formatter and parser diagnostics.
//!
//! `strata-oracle-diff format ORACLE.json` — ORACLE.json maps schema paths to the text Prisma's
//! `format` produced (from `fmt.js --each`); prints every path where `psl::format` differs.
//! `strata-oracle-diff parse ORACLE.json` — ORACLE.json maps paths to Prisma's rendered
//! diagnostics (from `validate_each.js`); compares the syntax diagnostics (message and line).
//! `strata-oracle-diff multi DIR…` — each DIR holds a multi-file schema and `DIR.oracle.json`
//! is Prisma's `format` of all its files at once (`fmt.js DIR/*.prisma`); compares file by file.

use anyhow::Context;
use psl::ast::{SourceFile, SourceFiles};

/// Prisma's messages that come from its parser (the rest come from validation).
const PARSER_MESSAGES: [&str; 16] = [
    "This line is invalid",
    "This line is not a valid",
    "This line is not an enum value",
    "This block is invalid",
    "Invalid type definition",
    "Field declarations don't",
    "Fields are required by default",
    "To specify a list",
    "Optional lists are not supported",
    "Unknown escape sequence",
    "Invalid unicode escape",
    "This field declaration is invalid",
    "attribute for a field in a composite type",
    "should be defined in the model containing the embed",
    "A composite type cannot",
    "The name of a composite type is not persisted",
];

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("multi") {
        return multi(&args[1..]);
    }
    let (mode, path) = match args.as_slice() {
        [mode, path] => (mode.as_str(), path),
        _ => anyhow::bail!("usage: strata-oracle-diff format|parse ORACLE.json"),
    };
    let oracle: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(&std::fs::read_to_string(path).context("reading the oracle file")?)?;
    let (mut same, mut total) = (0, 0);
    for (schema_path, expected) in &oracle {
        let Some(expected) = expected.as_str() else {
            continue; // Prisma itself failed on this input
        };
        let text = std::fs::read_to_string(schema_path).with_context(|| format!("reading {schema_path}"))?;
        let files = SourceFiles { files: vec![SourceFile { path: "schema.prisma".into(), text }] };
        total += 1;
        let agree = match mode {
            "format" => {
                let got = psl::format::format_schema(&files).ok().and_then(|mut f| f.pop()).map(|f| f.1);
                got.as_deref() == Some(expected)
            }
            "parse" => {
                let (_, diags) = psl::parser::parse_schema(&files);
                let got = psl::diagnostics::render(&diags, &files, false);
                let (want, got) = (syntax_errors(expected), syntax_errors(&got));
                if want != got {
                    println!("  expected {want:?}\n  got      {got:?}");
                }
                want == got
            }
            other => anyhow::bail!("unknown mode {other}"),
        };
        if agree {
            same += 1;
        } else {
            println!("DIFF {schema_path}");
        }
    }
    println!("{mode} agreement with Prisma: {same}/{total}");
    Ok(())
}

fn multi(dirs: &[String]) -> anyhow::Result<()> {
    let mut same = 0;
    for dir in dirs {
        let oracle: Vec<(String, String)> =
            serde_json::from_str(&std::fs::read_to_string(format!("{dir}.oracle.json")).context("oracle json")?)?;
        let mut paths: Vec<_> = std::fs::read_dir(dir)?.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        let files = SourceFiles {
            files: paths
                .iter()
                .map(|p| {
                    let name = p.file_name().unwrap_or_default().to_string_lossy().into_owned();
                    Ok(SourceFile { path: name, text: std::fs::read_to_string(p)? })
                })
                .collect::<anyhow::Result<_>>()?,
        };
        let got = psl::format::format_schema(&files).unwrap_or_default();
        if got == oracle {
            same += 1;
        } else {
            for ((name, want), (_, have)) in oracle.iter().zip(&got) {
                if want != have {
                    println!("DIFF {dir}/{name}");
                }
            }
        }
    }
    println!("multi-file format agreement with Prisma: {same}/{}", dirs.len());
    Ok(())
}

/// (message, `-->` line) of every syntax error in a rendering, sorted.
fn syntax_errors(rendered: &str) -> Vec<(String, String)> {
    let lines: Vec<&str> = rendered.lines().collect();
    let mut out: Vec<(String, String)> = lines
        .iter()
        .enumerate()
        .filter_map(|(i, line)| {
            let message = line.strip_prefix("error: ")?;
            PARSER_MESSAGES.iter().any(|p| message.contains(p)).then(|| {
                (message.to_owned(), lines.get(i + 1).copied().unwrap_or("").to_owned())
            })
        })
        .collect();
    out.sort();
    out
}
