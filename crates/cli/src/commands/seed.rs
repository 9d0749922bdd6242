//! `db seed`: run the command configured in package.json `prisma.seed`, as Prisma 6 does (also
//! after `migrate reset` unless `--skip-seed`).

use std::process::Command;

use anyhow::{bail, Context};

use crate::args::SeedArgs;
use crate::output::{self, Exit};

pub fn seed(args: &SeedArgs) -> anyhow::Result<u8> {
    // Prisma loads `.env` first (and says so): the seed command inherits its variables.
    let schema_dir = args.schema.schema.as_deref().and_then(std::path::Path::parent).unwrap_or(std::path::Path::new("prisma"));
    output::env_loaded(&crate::config::load_dotenv(schema_dir));
    let Some(command) = configured_seed()? else {
        // Prisma 6 says nothing (7 warns); its `console.log` of the empty result is a blank line.
        output::info("");
        return Ok(0);
    };
    run_seed(&command, &args.args)?;
    output::info("\n🌱  The seed command has been executed.");
    Ok(0)
}

/// Seed after a reset when a seed command is configured; silent when none is.
pub fn seed_if_configured() -> anyhow::Result<()> {
    if let Some(command) = configured_seed()? {
        output::info("");
        run_seed(&command, &[])?;
        output::info("\n🌱  The seed command has been executed.");
    }
    Ok(())
}

/// The Prisma config's `migrations.seed`, else package.json `prisma.seed` in the working
/// directory (Prisma 6 reads them in this order).
fn configured_seed() -> anyhow::Result<Option<String>> {
    if let Some(command) = crate::config::prisma_config()?.map(|c| c.seed()).transpose()?.flatten() {
        return Ok(Some(command));
    }
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
    let failure = match spawn(&full).and_then(|mut child| child.wait()) {
        Ok(status) if status.success() => return Ok(()),
        Ok(status) => match status.code() {
            Some(code) => format!("Command failed with exit code {code}: {full}"),
            None => format!("Command was killed by a signal: {full}"),
        },
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
            let program = split_command(&full).into_iter().next().unwrap_or_default();
            format!("Command failed with ENOENT: {full}\nspawn {program} ENOENT")
        }
        Err(err) => format!("Command failed: {full}\n{err}"),
    };
    let message = format!("\nAn error occurred while running the seed command:\nError: {failure}");
    Err(Exit { code: 1, message: Some(message) }.into())
}

/// Prisma runs the seed command with execa's `command`: split on spaces (a backslash keeps a
/// space), no shell, so quotes reach the program as written (`ts-node --compiler-options
/// {"module":"CommonJS"} prisma/seed.ts`).
fn spawn(command: &str) -> std::io::Result<std::process::Child> {
    if cfg!(windows) {
        // `npx` and friends are `.cmd` shims there, which only a shell finds.
        return Command::new("cmd").args(["/C", command]).spawn();
    }
    let mut parts = split_command(command).into_iter();
    let program = parts.next().unwrap_or_default();
    Command::new(program).args(parts).spawn()
}

/// execa's `parseCommand`: trim, split on runs of spaces, rejoin a token ending in `\`.
fn split_command(command: &str) -> Vec<String> {
    let mut tokens: Vec<String> = Vec::new();
    for token in command.trim().split(' ').filter(|t| !t.is_empty()) {
        match tokens.last_mut() {
            Some(last) if last.ends_with('\\') => {
                last.pop();
                last.push(' ');
                last.push_str(token);
            }
            _ => tokens.push(token.to_owned()),
        }
    }
    tokens
}

#[cfg(test)]
mod tests {
    use super::split_command;

    #[test]
    fn splits_like_execa() {
        assert_eq!(
            split_command(r#"  ts-node --compiler-options {"module":"CommonJS"}  my\ seed.ts "#),
            ["ts-node", "--compiler-options", r#"{"module":"CommonJS"}"#, "my seed.ts"]
        );
    }
}
