//! `db seed`: run the command configured in package.json `prisma.seed`, as Prisma 6 does (also
//! after `migrate reset` unless `--skip-seed`).

use std::io::Write;
use std::process::Command;

use anyhow::{bail, Context};

use crate::args::SeedArgs;
use crate::output::{self, Exit};

pub fn seed(args: &SeedArgs) -> anyhow::Result<u8> {
    let Some(command) = configured_seed()? else {
        let _ = writeln!(
            anstream::stderr(),
            "⚠️ No seed command configured\n\nTo seed your database, add a `seed` property to the `prisma` section in your package.json, e.g. \"seed\": \"node prisma/seed.js\"."
        );
        return Ok(0);
    };
    run_seed(&command, &args.args)?;
    output::info("\n🌱  The seed command has been executed.");
    Ok(0)
}

/// Seed after a reset when a seed command is configured; silent when none is.
pub fn seed_if_configured() -> anyhow::Result<()> {
    if let Some(command) = configured_seed()? {
        run_seed(&command, &[])?;
        output::info("\n🌱  The seed command has been executed.");
    }
    Ok(())
}

/// package.json `prisma.seed` in the working directory.
fn configured_seed() -> anyhow::Result<Option<String>> {
    let Ok(text) = std::fs::read_to_string("package.json") else { return Ok(None) };
    let json: serde_json::Value = serde_json::from_str(&text).context("package.json is not valid JSON")?;
    let Some(seed) = json.get("prisma").and_then(|p| p.get("seed")) else { return Ok(None) };
    let Some(command) = seed.as_str() else {
        bail!("Provided seed command `{seed}` from `package.json` must be of type string");
    };
    if command.is_empty() {
        bail!("Provided seed command `` from `package.json` cannot be empty");
    }
    Ok(Some(command.to_owned()))
}

fn run_seed(command: &str, extra: &[String]) -> anyhow::Result<()> {
    let full = if extra.is_empty() { command.to_owned() } else { format!("{command} {}", extra.join(" ")) };
    output::info(&format!("Running seed command `{full}` ..."));
    let status = shell(&full).status().with_context(|| format!("cannot start the seed command `{full}`"))?;
    if !status.success() {
        let message = format!("\nAn error occurred while running the seed command:\nCommand failed with exit code {}: {full}", status.code().unwrap_or(-1));
        return Err(Exit { code: 1, message: Some(message) }.into());
    }
    Ok(())
}

fn shell(command: &str) -> Command {
    if cfg!(windows) {
        let mut cmd = Command::new("cmd");
        cmd.args(["/C", command]);
        cmd
    } else {
        let mut cmd = Command::new("sh");
        cmd.args(["-c", command]);
        cmd
    }
}
