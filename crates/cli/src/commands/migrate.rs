//! `migrate deploy | status | resolve | reset`: load the context, call the library, print the
//! report with Prisma's texts.

use std::io::Write;

use migrate::{MigrationsFolder, Progress, StatusOutcome};

use crate::args::{DbArgs, ResetArgs, ResolveArgs};
use crate::commands::context::DbContext;
use crate::output::{self, Exit};

pub fn deploy(args: &DbArgs) -> anyhow::Result<u8> {
    let ctx = DbContext::load(args)?;
    let folder = MigrationsFolder::read(&ctx.migrations_dir)?;
    output::info("");
    if ctx.ensure_database_exists()? {
        output::info(&ctx.created_message());
        output::info("");
    }
    print_found(&ctx, &folder);
    output::info("");
    let report = migrate::deploy(&ctx.target, &folder, &mut print_progress)?;
    output::info("");
    if report.applied.is_empty() {
        output::info("No pending migrations to apply.");
    } else {
        output::info(&format!(
            "The following migration(s) have been applied:\n\n{}\n      \nAll migrations have been successfully applied.",
            migration_tree(&report.applied)
        ));
    }
    Ok(0)
}

pub fn status(args: &DbArgs) -> anyhow::Result<u8> {
    let ctx = DbContext::load(args)?;
    let folder = MigrationsFolder::read(&ctx.migrations_dir)?;
    ctx.check_connection()?;
    // Prisma diagnoses first: when that fails, nothing follows the datasource line.
    let report = migrate::status(&ctx.target, &folder)?;
    output::info("");
    print_found(&ctx, &folder);
    let message = match report.outcome {
        StatusOutcome::UpToDate => {
            output::info("\nDatabase schema is up to date!");
            return Ok(0);
        }
        StatusOutcome::Pending { unapplied } => {
            output::info(&format!(
                "Following migration{} have not yet been applied:\n{}\n\nTo apply migrations in development run prisma migrate dev.\nTo apply migrations in production run prisma migrate deploy.",
                plural(unapplied.len()),
                unapplied.join("\n")
            ));
            return Ok(1);
        }
        StatusOutcome::Diverged { last_common, unapplied, unpersisted } => format!(
            "Your local migration history and the migrations table from your database are different:\n\nThe last common migration is: {}\n\nThe migration{} have not yet been applied:\n{}\n\nThe migration{} from the database are not found locally in prisma/migrations:\n{}",
            last_common.as_deref().unwrap_or("null"),
            plural(unapplied.len()),
            unapplied.join("\n"),
            plural(unpersisted.len()),
            unpersisted.join("\n")
        ),
        StatusOutcome::Failed { failed } => failed_message(&failed),
        StatusOutcome::NotManaged { first_local_migration: None } => "The current database is not managed by Prisma Migrate.\n        \nRead more about how to baseline an existing production database:\nhttps://pris.ly/d/migrate-baseline".to_owned(),
        StatusOutcome::NotManaged { first_local_migration: Some(first) } => format!(
            "The current database is not managed by Prisma Migrate.\n\nIf you want to keep the current database structure and data and create new migrations, baseline this database with the migration \"{first}\":\nprisma migrate resolve --applied \"{first}\"\n\nRead more about how to baseline an existing production database:\nhttps://pris.ly/d/migrate-baseline"
        ),
    };
    Err(Exit { code: 1, message: Some(message) }.into())
}

fn failed_message(failed: &[String]) -> String {
    let first = failed.first().map_or("", String::as_str);
    format!(
        "Following migration{} have failed:\n{}\n\nDuring development if the failed migration(s) have not been deployed to a production database you can then fix the migration(s) and run prisma migrate dev.\n\nThe failed migration(s) can be marked as rolled back or applied:\n      \n- If you rolled back the migration(s) manually:\nprisma migrate resolve --rolled-back \"{first}\"\n\n- If you fixed the database manually (hotfix):\nprisma migrate resolve --applied \"{first}\"\n\nRead more about how to resolve migration issues in a production database:\nhttps://pris.ly/d/migrate-resolve",
        plural(failed.len()),
        failed.join("\n")
    )
}

pub fn resolve(args: &ResolveArgs) -> anyhow::Result<u8> {
    // Prisma checks the flags after printing the schema and datasource lines.
    let ctx = DbContext::load(&args.db)?;
    let (applied, rolled_back) = (args.applied.as_deref(), args.rolled_back.as_deref());
    match (applied, rolled_back) {
        (None, None) => anyhow::bail!(
            "--applied or --rolled-back must be part of the command like:\nprisma migrate resolve --applied 20201231000000_example\nprisma migrate resolve --rolled-back 20201231000000_example"
        ),
        (Some(_), Some(_)) => anyhow::bail!("Pass either --applied or --rolled-back, not both."),
        (Some(""), _) => anyhow::bail!("--applied value must be a string like prisma migrate resolve --applied 20201231000000_example"),
        (_, Some("")) => anyhow::bail!("--rolled-back value must be a string like prisma migrate resolve --rolled-back 20201231000000_example"),
        _ => {}
    }
    ctx.check_connection()?;
    // The report ends in a blank line: Prisma's `console.log` of the command's empty result.
    if let Some(name) = applied {
        let folder = MigrationsFolder::read(&ctx.migrations_dir)?;
        migrate::resolve_applied(&ctx.target, &folder, name)?;
        output::info(&format!("\nMigration {name} marked as applied.\n"));
    } else if let Some(name) = rolled_back {
        migrate::resolve_rolled_back(&ctx.target, name)?;
        output::info(&format!("\nMigration {name} marked as rolled back.\n"));
    }
    Ok(0)
}

pub fn reset(args: &ResetArgs) -> anyhow::Result<u8> {
    let ctx = DbContext::load(&args.db)?;
    let folder = MigrationsFolder::read(&ctx.migrations_dir)?;
    if ctx.ensure_database_exists()? {
        output::info(&format!("\n{}", ctx.created_message()));
    }
    output::info("");
    if !args.force && !confirm_reset()? {
        output::info("Reset cancelled.");
        return Err(Exit { code: 130, message: None }.into());
    }
    let report = migrate::reset(&ctx.target, &folder, &mut print_progress)?;
    if report.applied.is_empty() {
        output::info("Database reset successful\n");
    } else {
        output::info(&format!(
            "\nDatabase reset successful\n\nThe following migration(s) have been applied:\n\n{}",
            migration_tree(&report.applied)
        ));
    }
    if !args.skip_seed && std::env::var_os("PRISMA_MIGRATE_SKIP_SEED").is_none() {
        super::seed::seed_if_configured()?;
    }
    // Prisma prints the command's (empty) result with `console.log`.
    output::info("");
    Ok(0)
}

fn confirm_reset() -> anyhow::Result<bool> {
    if !output::is_interactive() {
        anyhow::bail!(
            "Prisma Migrate has detected that the environment is non-interactive. It is recommended to run this command in an interactive environment.\n\nUse --force to run this command without user interaction.\nSee https://www.prisma.io/docs/reference/api-reference/command-reference#migrate-reset"
        );
    }
    let confirmed = output::confirm("Are you sure you want to reset your database? All data will be lost.")?;
    output::info("");
    Ok(confirmed)
}

fn print_found(ctx: &DbContext, folder: &MigrationsFolder) {
    let n = folder.migrations.len();
    if n == 0 {
        output::info(&format!("No migration found in {}", ctx.migrations_display()));
    } else {
        output::info(&format!("{n} migration{} found in {}", plural(n), ctx.migrations_display()));
    }
}

/// Progress goes to stderr so that stdout keeps Prisma's report.
fn print_progress(progress: Progress<'_>) {
    if let Progress::Applying { name, .. } = progress {
        let _ = writeln!(anstream::stderr(), "Applying migration `{name}`");
    }
}

fn plural(n: usize) -> &'static str {
    if n > 1 { "s" } else { "" }
}

/// Prisma's tree of applied migrations.
pub fn migration_tree(names: &[String]) -> String {
    let mut out = String::from("migrations/");
    for name in names {
        out.push_str(&format!("\n  └─ {name}/\n    └─ migration.sql"));
    }
    out
}
