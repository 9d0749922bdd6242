//! The command line, as Prisma's CLI spells it. Doc comments are the help texts.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// strata: schema-first migrations for Prisma schemas, in one native binary.
///
/// Reads `schema.prisma` (or a folder of `*.prisma` files) and `migrations/` exactly as Prisma
/// Migrate does, and keeps the same `_prisma_migrations` history table.
#[derive(Debug, Parser)]
#[command(name = "strata", version, propagate_version = true)]
pub struct Cli {
    /// Prisma config file (default: `prisma.config.ts` in the working directory, if any): its
    /// `schema`, `migrations.path`, `migrations.seed` and `datasource` URLs are read statically.
    #[arg(long, global = true, value_name = "PATH")]
    pub config: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate the schema (exit 1 with the diagnostics when it is invalid).
    Validate(SchemaArgs),
    /// Format the schema files in place, the way Prisma does.
    Format(FormatArgs),
    /// Migrations: dev, deploy, status, resolve, reset, diff.
    #[command(subcommand)]
    Migrate(MigrateCommand),
    /// Work on the database directly: push, pull, execute, seed.
    #[command(subcommand)]
    Db(DbCommand),
}

#[derive(Debug, Clone, Args)]
pub struct SchemaArgs {
    /// Path to the schema file, or to a folder of `*.prisma` files.
    #[arg(long, value_name = "PATH")]
    pub schema: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct FormatArgs {
    #[command(flatten)]
    pub schema: SchemaArgs,
    /// Write nothing: list the files that are not formatted and exit 1 if there are any.
    #[arg(long)]
    pub check: bool,
}

/// Options every command that talks to a database takes.
#[derive(Debug, Clone, Args)]
pub struct DbArgs {
    #[command(flatten)]
    pub schema: SchemaArgs,
    /// Database URL; overrides the datasource's `url`/`directUrl` and `DATABASE_URL`.
    #[arg(long, value_name = "URL")]
    pub url: Option<String>,
    /// Migrations folder (default: `migrations` beside the schema).
    #[arg(long, value_name = "PATH")]
    pub migrations_dir: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum MigrateCommand {
    /// Apply pending migrations (production and CI). Never resets, never creates migrations.
    Deploy(DbArgs),
    /// Show which migrations are applied, pending, failed or missing.
    Status(DbArgs),
    /// Mark a migration as applied (baselining) or as rolled back (after a failure).
    Resolve(ResolveArgs),
    /// Drop the database (or its schemas), recreate it and apply every migration.
    Reset(ResetArgs),
    /// Compare two schema sources and print the difference or the SQL script.
    Diff(DiffArgs),
    /// Create a migration from schema changes and apply it (development).
    Dev(DevArgs),
}

#[derive(Debug, Args)]
pub struct ResolveArgs {
    #[command(flatten)]
    pub db: DbArgs,
    /// Record the migration as applied without running it.
    #[arg(long, value_name = "NAME")]
    pub applied: Option<String>,
    /// Record the failed migration as rolled back.
    #[arg(long, value_name = "NAME")]
    pub rolled_back: Option<String>,
}

#[derive(Debug, Args)]
pub struct ResetArgs {
    #[command(flatten)]
    pub db: DbArgs,
    /// Skip the confirmation prompt.
    #[arg(short, long)]
    pub force: bool,
    /// Accepted for compatibility with Prisma 6; strata runs no generators.
    #[arg(long, hide = true)]
    pub skip_generate: bool,
    /// Do not run the seed command after the reset.
    #[arg(long)]
    pub skip_seed: bool,
}

#[derive(Debug, Args)]
#[command(after_help = migrate::replay_cache::REPLAY_CACHE_HELP)]
pub struct DevArgs {
    #[command(flatten)]
    pub db: DbArgs,
    /// Name of the new migration.
    #[arg(short, long)]
    pub name: Option<String>,
    /// Create the migration without applying it.
    #[arg(long)]
    pub create_only: bool,
    /// Accepted for compatibility with Prisma 6; strata runs no generators.
    #[arg(long, hide = true)]
    pub skip_generate: bool,
    /// Do not run the seed command.
    #[arg(long)]
    pub skip_seed: bool,
    /// Shadow database URL (default: the datasource's `shadowDatabaseUrl`, else a temporary one).
    #[arg(long, value_name = "URL")]
    pub shadow_database_url: Option<String>,
}

#[derive(Debug, Args)]
#[command(after_help = migrate::replay_cache::REPLAY_CACHE_HELP)]
pub struct DiffArgs {
    /// Start from an empty schema.
    #[arg(long)]
    pub from_empty: bool,
    /// Start from a schema file or folder.
    #[arg(long, value_name = "PATH", visible_alias = "from-schema-datamodel")]
    pub from_schema: Option<PathBuf>,
    /// Start from the database of the schema's datasource.
    #[arg(long, value_name = "PATH")]
    pub from_schema_datasource: Option<PathBuf>,
    /// Start from a live database.
    #[arg(long, value_name = "URL")]
    pub from_url: Option<String>,
    /// Start from a migrations folder, replayed on a shadow database.
    #[arg(long, value_name = "DIR")]
    pub from_migrations: Option<PathBuf>,
    /// Start from a plain SQL file, applied to a shadow database.
    #[arg(long, value_name = "FILE")]
    pub from_sql: Option<PathBuf>,
    /// End at an empty schema.
    #[arg(long)]
    pub to_empty: bool,
    /// End at a schema file or folder.
    #[arg(long, value_name = "PATH", visible_alias = "to-schema-datamodel")]
    pub to_schema: Option<PathBuf>,
    /// End at the database of the schema's datasource.
    #[arg(long, value_name = "PATH")]
    pub to_schema_datasource: Option<PathBuf>,
    /// End at a live database.
    #[arg(long, value_name = "URL")]
    pub to_url: Option<String>,
    /// End at a migrations folder, replayed on a shadow database.
    #[arg(long, value_name = "DIR")]
    pub to_migrations: Option<PathBuf>,
    /// End at a plain SQL file, applied to a shadow database.
    #[arg(long, value_name = "FILE")]
    pub to_sql: Option<PathBuf>,
    /// Shadow database for `--from/--to-migrations` and `--from/--to-sql`.
    #[arg(long, value_name = "URL")]
    pub shadow_database_url: Option<String>,
    /// Print the SQL script instead of a summary.
    #[arg(long)]
    pub script: bool,
    /// Exit 2 when there are differences, 0 when there are none.
    #[arg(long)]
    pub exit_code: bool,
    /// Write to a file instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum DbCommand {
    /// Run a SQL script against the database.
    Execute(ExecuteArgs),
    /// Make the database match the schema without a migration.
    Push(PushArgs),
    /// Write the database's schema into the schema file.
    Pull(PullArgs),
    /// Run the seed command of package.json `prisma.seed` (extra arguments after `--`).
    Seed(SeedArgs),
}

#[derive(Debug, Args)]
pub struct SeedArgs {
    #[command(flatten)]
    pub schema: SchemaArgs,
    /// Arguments passed on to the seed command.
    #[arg(last = true, value_name = "ARGS")]
    pub args: Vec<String>,
}

#[derive(Debug, Args)]
pub struct ExecuteArgs {
    #[command(flatten)]
    pub db: DbArgs,
    /// The script to run.
    #[arg(long, value_name = "PATH")]
    pub file: Option<PathBuf>,
    /// Read the script from standard input.
    #[arg(long)]
    pub stdin: bool,
}

#[derive(Debug, Args)]
pub struct PushArgs {
    #[command(flatten)]
    pub db: DbArgs,
    /// Apply even when the changes lose data.
    #[arg(long)]
    pub accept_data_loss: bool,
    /// Reset the database before pushing.
    #[arg(long)]
    pub force_reset: bool,
    /// Accepted for compatibility with Prisma 6; strata runs no generators.
    #[arg(long, hide = true)]
    pub skip_generate: bool,
}

#[derive(Debug, Args)]
pub struct PullArgs {
    #[command(flatten)]
    pub db: DbArgs,
    /// Print the schema instead of writing it.
    #[arg(long)]
    pub print: bool,
    /// Ignore the current schema's models (no re-introspection merge).
    #[arg(long)]
    pub force: bool,
    /// Schemas to introspect, comma separated.
    #[arg(long, value_delimiter = ',')]
    pub schemas: Vec<String>,
}
