//! `cargo xtask conformance format`: Prisma's reformatter fixtures (single-file and
//! multi-file, byte-exact), plus idempotence on them and on every real project's schema.

use anyhow::Context;
use psl::ast::{SourceFile, SourceFiles};
use std::path::{Path, PathBuf};

/// Scores the formatter against `<root>/prisma-engines/reformat` and `<root>/real/*/schema`.
pub fn run(root: &Path) -> anyhow::Result<()> {
    let reformat = root.join("prisma-engines/reformat");
    let single = score_single(&reformat.join("reformatter"))?;
    let multi = score_multi(&reformat.join("reformatter_multi_file"))?;
    let real = score_real(&root.join("real"))?;
    for score in [&single, &multi, &real] {
        score.print();
    }
    Ok(())
}

#[derive(Default)]
struct Score {
    name: &'static str,
    passed: usize,
    total: usize,
    idempotent: usize,
    failures: Vec<String>,
}

impl Score {
    fn record(&mut self, case: String, exact: bool, idempotent: bool) {
        self.total += 1;
        self.passed += usize::from(exact);
        self.idempotent += usize::from(idempotent);
        if !exact || !idempotent {
            let what = match (exact, idempotent) {
                (false, false) => "differs, not idempotent",
                (false, true) => "differs",
                _ => "not idempotent",
            };
            self.failures.push(format!("{case}: {what}"));
        }
    }

    fn print(&self) {
        println!(
            "format {}: {}/{} exact, {}/{} idempotent",
            self.name, self.passed, self.total, self.idempotent, self.total
        );
        for failure in &self.failures {
            println!("  FAIL {failure}");
        }
    }
}

/// `X.prisma` → `X.reformatted.prisma`, recursively.
fn score_single(dir: &Path) -> anyhow::Result<Score> {
    let mut score = Score { name: "reformatter", ..Score::default() };
    let mut inputs = Vec::new();
    collect_prisma_files(dir, &mut inputs)?;
    inputs.retain(|p| !p.to_string_lossy().ends_with(".reformatted.prisma"));
    inputs.sort();
    for input in inputs {
        let expected_path = input.with_extension("reformatted.prisma");
        let Ok(expected) = std::fs::read_to_string(&expected_path) else {
            continue;
        };
        let text = read(&input)?;
        let files = vec![("schema.prisma".to_owned(), text)];
        let once = format(&files);
        let exact = once.first().is_some_and(|(_, out)| *out == expected);
        let idempotent = format(&once) == once;
        score.record(relative(dir, &input), exact, idempotent);
    }
    Ok(score)
}

/// `D/` → `D.reformatted/`, file by file.
fn score_multi(dir: &Path) -> anyhow::Result<Score> {
    let mut score = Score { name: "reformatter_multi_file", ..Score::default() };
    let mut cases: Vec<PathBuf> = read_dir(dir)?
        .into_iter()
        .filter(|p| p.is_dir() && !p.to_string_lossy().ends_with(".reformatted"))
        .collect();
    cases.sort();
    for case in cases {
        let files = read_schema_dir(&case)?;
        let expected_dir = PathBuf::from(format!("{}.reformatted", case.display()));
        let once = format(&files);
        let exact = once.iter().all(|(name, out)| {
            std::fs::read_to_string(expected_dir.join(name)).is_ok_and(|expected| expected == *out)
        });
        let idempotent = format(&once) == once;
        score.record(relative(dir, &case), exact, idempotent);
    }
    Ok(score)
}

/// Idempotence only: formatting a formatted real-world schema changes nothing. Also counts
/// the schemas that were already formatted the way we format them (informative).
fn score_real(dir: &Path) -> anyhow::Result<Score> {
    let mut score = Score { name: "real schemas (idempotence)", ..Score::default() };
    let mut units = Vec::new();
    collect_schema_dirs(dir, &mut units)?;
    units.sort();
    let mut unchanged = 0;
    for unit in &units {
        let files = read_schema_dir(unit)?;
        let once = format(&files);
        unchanged += usize::from(once == files);
        let idempotent = format(&once) == once;
        let name = relative(dir, unit.parent().unwrap_or(unit));
        score.record(name, idempotent, idempotent);
    }
    println!("format real schemas: {unchanged}/{} already in our format", units.len());
    Ok(score)
}

/// Every folder named `schema` under `dir`.
fn collect_schema_dirs(dir: &Path, out: &mut Vec<PathBuf>) -> anyhow::Result<()> {
    for path in read_dir(dir)? {
        if !path.is_dir() {
            continue;
        }
        if path.file_name().is_some_and(|n| n == "schema") {
            out.push(path);
        } else {
            collect_schema_dirs(&path, out)?;
        }
    }
    Ok(())
}

fn format(files: &[(String, String)]) -> Vec<(String, String)> {
    let sources = SourceFiles {
        files: files.iter().map(|(path, text)| SourceFile { path: path.clone(), text: text.clone() }).collect(),
    };
    psl::format::format_schema(&sources).unwrap_or_default()
}

/// The `*.prisma` files of a folder (recursively), sorted by path, named relative to it.
fn read_schema_dir(dir: &Path) -> anyhow::Result<Vec<(String, String)>> {
    let mut paths = Vec::new();
    collect_prisma_files(dir, &mut paths)?;
    paths.sort();
    paths.iter().map(|p| Ok((relative(dir, p), read(p)?))).collect()
}

fn collect_prisma_files(dir: &Path, out: &mut Vec<PathBuf>) -> anyhow::Result<()> {
    for path in read_dir(dir)? {
        if path.is_dir() {
            collect_prisma_files(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "prisma") {
            out.push(path);
        }
    }
    Ok(())
}

fn read_dir(dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let entries = std::fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))?;
    Ok(entries.filter_map(|e| e.ok().map(|e| e.path())).collect())
}

fn read(path: &Path) -> anyhow::Result<String> {
    std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))
}

fn relative(base: &Path, path: &Path) -> String {
    path.strip_prefix(base).unwrap_or(path).to_string_lossy().into_owned()
}
