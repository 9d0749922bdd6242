//! `db execute`.

use std::io::Read;

use anyhow::Context;

use crate::args::ExecuteArgs;
use crate::commands::context::DbContext;
use crate::output;

pub fn execute(args: &ExecuteArgs) -> anyhow::Result<u8> {
    let script = read_script(args)?;
    // With `--url` and no `--schema`, no schema is needed (as in Prisma).
    let target = match (&args.db.url, &args.db.schema.schema) {
        (Some(url), None) => migrate::Target::new(url, std::path::Path::new("."))?,
        _ => DbContext::load(&args.db)?.target,
    };
    migrate::db_execute(&target, &script)?;
    output::info("Script executed successfully.");
    Ok(0)
}

fn read_script(args: &ExecuteArgs) -> anyhow::Result<String> {
    match (&args.file, args.stdin) {
        (Some(_), true) => anyhow::bail!("--stdin and --file cannot be used at the same time. Only 1 must be provided. \nSee `strata db execute -h`"),
        (None, false) => anyhow::bail!("Either --stdin or --file must be provided.\nSee `strata db execute -h`"),
        (Some(file), false) => std::fs::read_to_string(file)
            .with_context(|| format!("Provided --file at {} doesn't exist.", file.display())),
        (None, true) => {
            let mut script = String::new();
            std::io::stdin().read_to_string(&mut script).context("cannot read standard input")?;
            Ok(script)
        }
    }
}
