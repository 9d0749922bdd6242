//! `cargo xtask conformance <corpus>`: scores strata against `../shared/conformance`.
//! Not part of `cargo test`: a clone without `../shared` still passes its tests.

mod format;
mod introspection;
mod real_diff;
mod real_history;
mod single_migration;
mod validation;

use std::path::PathBuf;

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = conformance_root()?;
    match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["conformance", rest @ ..] => run(&root, rest),
        _ => {
            eprintln!("usage: cargo xtask conformance [psl|validation|format|single-migration|real|history|introspection|all]");
            std::process::exit(2);
        }
    }
}

fn run(root: &std::path::Path, which: &[&str]) -> anyhow::Result<()> {
    let which = if which.is_empty() { &["all"][..] } else { which };
    for corpus in which {
        match *corpus {
            "all" => run(root, &["psl", "single-migration", "real", "history", "introspection"])?,
            "psl" => run(root, &["validation", "format"])?,
            "validation" => validation::run(root)?,
            "format" => format::run(root)?,
            "single-migration" => single_migration::run(root)?,
            "real" => real_diff::run(root)?,
            "history" => real_history::run(root)?,
            "introspection" => introspection::run(root)?,
            other => anyhow::bail!("unknown corpus `{other}`"),
        }
    }
    Ok(())
}

/// `STRATA_CONFORMANCE_DIR`, else `../shared/conformance` beside the workspace.
fn conformance_root() -> anyhow::Result<PathBuf> {
    if let Ok(dir) = std::env::var("STRATA_CONFORMANCE_DIR") {
        return Ok(PathBuf::from(dir));
    }
    let workspace = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let dir = workspace.join("../shared/conformance");
    anyhow::ensure!(dir.is_dir(), "no conformance corpus at {} (set STRATA_CONFORMANCE_DIR)", dir.display());
    Ok(dir)
}
