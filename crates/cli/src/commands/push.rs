//! `db push`: Prisma's `DbPush.ts` texts around `migrate::push`.

use std::time::Instant;

use anyhow::bail;

use crate::args::PushArgs;
use crate::commands::context::DbContext;
use crate::commands::dev::{kind_name, location_text};
use crate::output::{self, Exit};

pub fn push(args: &PushArgs) -> anyhow::Result<u8> {
    // Blank lines as Prisma's `DbPush.ts` writes them: each report starts with its own.
    let mut ctx = DbContext::load(&args.db)?;
    match ctx.ensure_database_exists() {
        Ok(true) => output::info(&format!("\n{}", ctx.created_message())),
        Ok(false) => {}
        Err(err) => {
            output::info("");
            return Err(err);
        }
    }
    // The schema engine validates the models when it pushes.
    ctx.validate_models(super::schema::engine_validation)?;
    let reset = args.force_reset;
    if reset {
        output::info("");
        migrate::reset::wipe(&ctx.target)?;
        output::info(&reset_message(&ctx.target));
    }
    let started = Instant::now();
    let mut report = migrate::push(&ctx.target, &ctx.datamodel, args.accept_data_loss)?;
    if !report.unexecutable.is_empty() {
        output::info("");
        let mut lines = vec!["\n⚠️ We found changes that cannot be executed:\n".to_owned()];
        lines.extend(report.unexecutable.iter().map(|m| format!("  • {m}")));
        bail!(
            "{}\n\nYou may use the --force-reset flag to drop the database before push like prisma db push --force-reset\nAll data will be lost.\n      ",
            lines.join("\n")
        );
    }
    if !report.warnings.is_empty() {
        let mut text = String::from("\n⚠️  There might be data loss when applying the changes:\n\n");
        for warning in &report.warnings {
            text.push_str(&format!("  • {warning}\n\n"));
        }
        output::info(&text);
        if !args.accept_data_loss {
            if !output::is_interactive() {
                bail!("Use the --accept-data-loss flag to ignore the data loss warnings like prisma db push --accept-data-loss");
            }
            output::info("");
            if !output::confirm("Do you want to ignore the warning(s)?")? {
                output::info("Push cancelled.");
                return Err(Exit { code: 130, message: None }.into());
            }
            report = migrate::push(&ctx.target, &ctx.datamodel, true)?;
        }
    }
    if !reset && report.warnings.is_empty() && report.executed_steps == 0 {
        output::info("\nThe database is already in sync with the Prisma schema.");
    } else {
        output::info(&format!(
            "\n🚀  Your database is now in sync with your Prisma schema. Done in {}",
            elapsed(started.elapsed().as_millis())
        ));
    }
    // Prisma prints the command's (empty) result with `console.log`.
    output::info("");
    Ok(0)
}

/// Prisma's `ap`: milliseconds below a second, else seconds with two decimals.
fn elapsed(ms: u128) -> String {
    if ms < 1000 {
        format!("{ms}ms")
    } else {
        format!("{:.2}s", ms as f64 / 1000.0)
    }
}

/// `The PostgreSQL database "app" schema "public" at "localhost:5432" was successfully reset.`
fn reset_message(target: &migrate::Target) -> String {
    let info = &target.info;
    let mut text = format!("The {} database \"{}\"", kind_name(info.kind()), info.database_name());
    let many = target.namespaces.len() > 1;
    if !target.namespaces.is_empty() {
        text.push_str(&format!(" schema{} \"{}\"", if many { "s" } else { "" }, target.namespaces.join(", ")));
    } else if let Some(schema) = info.schema_name() {
        text.push_str(&format!(" schema \"{schema}\""));
    }
    text.push_str(&format!(" at \"{}\" {} successfully reset.", location_text(info), if many { "were" } else { "was" }));
    text
}
