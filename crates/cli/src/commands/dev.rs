//! `migrate dev`: the library's stages in Prisma's order (`MigrateDev.ts`), with its texts,
//! prompts and exit codes printed here.

use std::io::Write;

use anyhow::bail;
use migrate::dev_command::{self, DataLossEvaluation, DevInput};
use migrate::MigrationsFolder;
use sql_schema::check::Diagnostic;

use crate::args::DevArgs;
use crate::commands::context::DbContext;
use crate::commands::migrate::migration_tree;
use crate::config;
use crate::output::{self, Exit};

const NON_INTERACTIVE: &str = "Prisma Migrate has detected that the environment is non-interactive, which is not supported.

`prisma migrate dev` is an interactive command designed to create new migrations and evolve the database in development.
To apply existing migrations in deployments, use prisma migrate deploy.
See https://www.prisma.io/docs/reference/api-reference/command-reference#migrate-deploy";

pub fn dev(args: &DevArgs) -> anyhow::Result<u8> {
    let mut ctx = DbContext::load(&args.db)?;
    output::info("");
    ctx.validate_models(super::schema::validate_models)?;
    let shadow = shadow_target(&ctx, args.shadow_database_url.as_deref())?;
    let database_created = ctx.ensure_database_exists()?;
    if database_created {
        output::info(&format!("{}\n", ctx.created_message()));
    }
    let input = DevInput {
        target: &ctx.target,
        shadow: shadow.as_ref(),
        migrations_dir: &ctx.migrations_dir,
        datamodel: &ctx.datamodel,
        replay: replay_options(&ctx.datamodel),
    };
    let folder = MigrationsFolder::read(&ctx.migrations_dir)?;
    let diagnosis = dev_command::diagnose(&input, &folder)?;
    if let Some(reason) = &diagnosis.reset_reason {
        output::info(&format!("{reason}\n{}", reset_target_line(&ctx.target)));
        output::info("\nYou may use prisma migrate reset to drop the development database.\nAll data will be lost.");
        return Err(Exit { code: 130, message: None }.into());
    }

    let applied_pending = dev_command::apply_pending(&input, &folder, &mut |_| {})?;
    if !applied_pending.is_empty() {
        output::info(&format!(
            "\nThe following migration(s) have been applied:\n\n{}",
            migration_tree(&applied_pending)
        ));
    }

    let evaluation = dev_command::evaluate_data_loss(&input, &diagnosis.migrations_schema)?;
    check_unexecutable(&evaluation.checks.unexecutable, args.create_only)?;
    confirm_warnings(&evaluation.checks.warnings, args.create_only)?;

    let name = migration_name(&evaluation, args)?;
    let created = dev_command::create_migration_now(&input, &evaluation, &name, args.create_only)?;
    if args.create_only {
        let name = created.map(|c| c.directory_name).unwrap_or_default();
        output::info(&format!(
            "Prisma Migrate created the following migration without applying it {name}\n\nYou can now edit it and apply it by running prisma migrate dev."
        ));
        return Ok(0);
    }
    let applied_new = match created {
        Some(_) => dev_command::apply_pending(&input, &MigrationsFolder::read(&ctx.migrations_dir)?, &mut |_| {})?,
        None => Vec::new(),
    };
    print_result(&ctx, &applied_pending, &applied_new);
    // Prisma 6 seeds a database that this run created.
    if database_created && !args.skip_seed && std::env::var_os("PRISMA_MIGRATE_SKIP_SEED").is_none() {
        super::seed::seed_if_configured()?;
    }
    // Prisma prints the command's (empty) result with `console.log`.
    output::info("");
    Ok(0)
}

fn print_result(ctx: &DbContext, applied_pending: &[String], applied_new: &[String]) {
    if !applied_pending.is_empty() {
        output::info("");
    }
    if applied_new.is_empty() {
        if applied_pending.is_empty() {
            output::info("Already in sync, no schema change or pending migration was found.");
        } else {
            output::info("Your database is now in sync with your schema.");
        }
        return;
    }
    let tree = migration_tree(applied_new);
    let root = relative_migrations_dir(ctx);
    let tree = tree.strip_prefix("migrations/").map_or(tree.clone(), |rest| format!("{root}/{rest}"));
    output::info(&format!(
        "\nThe following migration(s) have been created and applied from new schema changes:\n\n{tree}\n\nYour database is now in sync with your schema."
    ));
}

/// Prisma prints the tree under the migrations folder relative to the working directory.
fn relative_migrations_dir(ctx: &DbContext) -> String {
    let dir = &ctx.migrations_dir;
    let absolute = if dir.is_absolute() { dir.clone() } else { std::env::current_dir().map(|c| c.join(dir)).unwrap_or(dir.clone()) };
    match std::env::current_dir().ok().and_then(|cwd| absolute.strip_prefix(&cwd).ok().map(|p| p.to_path_buf())) {
        Some(relative) => config::display_path(&relative),
        None => ctx.migrations_display(),
    }
}

/// Unexecutable steps stop `migrate dev`; with `--create-only` they are listed (on stderr) and
/// the migration is written anyway.
fn check_unexecutable(steps: &[Diagnostic], create_only: bool) -> anyhow::Result<()> {
    if steps.is_empty() {
        return Ok(());
    }
    let mut lines = vec!["\n⚠️ We found changes that cannot be executed:\n".to_owned()];
    lines.extend(steps.iter().map(|d| format!("  • Step {} {}", d.step_index, d.message)));
    output::info("");
    if create_only {
        let _ = writeln!(anstream::stderr(), "{}\n", lines.join("\n"));
        return Ok(());
    }
    bail!(
        "{}\n\nYou can use prisma migrate dev --create-only to create the migration file, and manually modify it to address the underlying issue(s).\nThen run prisma migrate dev to apply it and verify it works.\n",
        lines.join("\n")
    )
}

/// Warnings are listed, then confirmed on a terminal; elsewhere Prisma refuses.
fn confirm_warnings(warnings: &[Diagnostic], create_only: bool) -> anyhow::Result<()> {
    if warnings.is_empty() {
        return Ok(());
    }
    let mut text = String::from("\n⚠️  Warnings for the current datasource:\n\n");
    for warning in warnings {
        text.push_str(&format!("  • {}\n", warning.message));
    }
    output::info(&text);
    if !output::is_interactive() {
        bail!("{NON_INTERACTIVE}");
    }
    let question = if create_only {
        "Are you sure you want to create this migration?"
    } else {
        "Are you sure you want to create and apply this migration?"
    };
    if !output::confirm(question)? {
        output::info("Migration cancelled.");
        return Err(Exit { code: 130, message: None }.into());
    }
    Ok(())
}

/// `--name`, else the prompt on a terminal, else empty (Prisma's `getMigrationName`). Only
/// asked when there is something to write.
fn migration_name(evaluation: &DataLossEvaluation, args: &DevArgs) -> anyhow::Result<String> {
    if evaluation.migration_steps() == 0 && !args.create_only {
        return Ok(String::new());
    }
    // An empty `--name` counts as none, as in Prisma.
    if let Some(name) = args.name.as_ref().filter(|n| !n.is_empty()) {
        return Ok(name.clone());
    }
    if !output::is_interactive() {
        return Ok(String::new());
    }
    let mut stdout = anstream::stdout();
    write!(stdout, "? Enter a name for the new migration: › ")?;
    stdout.flush()?;
    let mut answer = String::new();
    if std::io::stdin().read_line(&mut answer)? == 0 {
        output::info("Canceled by user.");
        return Err(Exit { code: 130, message: None }.into());
    }
    Ok(answer.trim_end_matches(['\r', '\n']).to_owned())
}

fn shadow_target(ctx: &DbContext, cli_url: Option<&str>) -> anyhow::Result<Option<migrate::Target>> {
    let Some(url) = config::shadow_database_url(cli_url, ctx.datamodel.datasource.as_ref())? else {
        return Ok(None);
    };
    let mut shadow = migrate::Target::new(&url, &ctx.location.dir)?.with_provider(ctx.target.provider.clone());
    shadow.namespaces = ctx.target.namespaces.clone();
    Ok(Some(shadow))
}

/// Describe settings from the schema and the replay cache `migrate diff` uses (shared entries).
pub fn replay_options(datamodel: &psl::datamodel::Datamodel) -> migrate::ReplayOptions {
    migrate::ReplayOptions {
        describe: flavour::describe::DescribeOptions::for_datamodel(datamodel),
        cache: super::diff::replay_cache(),
        ..Default::default()
    }
}

/// `We need to reset the "public" schema at "localhost:5432"` and its MySQL/SQLite forms.
fn reset_target_line(target: &migrate::Target) -> String {
    let info = &target.info;
    let mut line = match info.kind() {
        db::DbKind::Postgres if !target.namespaces.is_empty() => {
            format!("We need to reset the following schemas: \"{}\"", target.namespaces.join(", "))
        }
        db::DbKind::Postgres => match info.schema_name() {
            Some(schema) => format!("We need to reset the \"{schema}\" schema"),
            None => "We need to reset the database schema".to_owned(),
        },
        kind => format!("We need to reset the {} database \"{}\"", kind_name(kind), info.database_name()),
    };
    line.push_str(&format!(" at \"{}\"", location_text(info)));
    line
}

pub fn kind_name(kind: db::DbKind) -> &'static str {
    match kind {
        db::DbKind::Postgres => "PostgreSQL",
        db::DbKind::Mysql => "MySQL",
        db::DbKind::Sqlite => "SQLite",
    }
}

pub fn location_text(info: &db::ConnectionInfo) -> String {
    match info.kind() {
        db::DbKind::Sqlite => info.redacted_url(),
        _ => info.location(),
    }
}
