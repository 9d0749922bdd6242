//! `db execute`: Prisma's `DbExecute.ts` (no schema or datasource lines, `--url` xor `--schema`).

use std::io::Read;

use crate::args::ExecuteArgs;
use crate::commands::context::DbContext;
use crate::output;

pub fn execute(args: &ExecuteArgs) -> anyhow::Result<u8> {
    check_args(args)?;
    let script = read_script(args)?;
    let target = match &args.db.url {
        Some(url) => migrate::Target::new(url, std::path::Path::new("."))?,
        None => DbContext::load_quiet(&args.db)?.target,
    };
    migrate::db_execute(&target, &script)?;
    output::info("Script executed successfully.");
    Ok(0)
}

/// Prisma's checks, in its order.
fn check_args(args: &ExecuteArgs) -> anyhow::Result<()> {
    let help = "See `strata db execute -h`";
    match (&args.file, args.stdin) {
        (Some(_), true) => anyhow::bail!("--stdin and --file cannot be used at the same time. Only 1 must be provided. \n{help}"),
        (None, false) => anyhow::bail!("Either --stdin or --file must be provided.\n{help}"),
        _ => {}
    }
    match (&args.db.url, &args.db.schema.schema) {
        (Some(_), Some(_)) => anyhow::bail!("--url and --schema cannot be used at the same time. Only 1 must be provided.\n{help}"),
        (None, None) => anyhow::bail!("Either --url or --schema must be provided.\n{help}"),
        _ => Ok(()),
    }
}

fn read_script(args: &ExecuteArgs) -> anyhow::Result<String> {
    let Some(file) = &args.file else {
        let mut script = String::new();
        std::io::stdin().read_to_string(&mut script)?;
        return Ok(script);
    };
    std::fs::read_to_string(file).map_err(|err| match err.kind() {
        std::io::ErrorKind::NotFound => anyhow::anyhow!("Provided --file at {} doesn't exist.", file.display()),
        _ => anyhow::anyhow!("An error occurred while reading the provided --file at {}\n{err}", file.display()),
    })
}
