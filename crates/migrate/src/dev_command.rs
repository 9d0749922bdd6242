//! `migrate dev` (spec §5.1) as library stages the CLI calls in Prisma's order, printing and
//! prompting between them, plus [`dev`], which runs them all without prompts.
//!
//! 1. [`diagnose`]: history diagnostics and drift (the applied migrations replayed on a shadow
//!    database vs the live database) → a reset reason, or none. The same replay also yields
//!    the schema of the whole history, kept for step 3.
//! 2. [`apply_pending`]: local migrations not applied yet.
//! 3. [`evaluate_data_loss`]: whole history → schema file, checked with the live database's
//!    counts.
//! 4. [`create_migration`]: `YYYYMMDDHHMMSS_<slug>/migration.sql` and the lock file.
//! 5. [`apply_pending`] again applies the new migration.

use crate::apply::{apply_migrations, ApplySettings, Progress};
use crate::error::MigrateError;
use crate::migrations_dir::{MigrationDirectory, MigrationsFolder};
use crate::naming::CreatedMigration;
use crate::replay::ReplayOptions;
use crate::status::StatusReport;
use crate::target::Target;
use flavour::Flavour;
use psl::datamodel::Datamodel;
use sql_schema::check::Diagnostic;
use sql_schema::{Checks, Migration, SqlSchema};
use std::path::Path;
use time::OffsetDateTime;

/// What every stage needs.
#[derive(Debug, Clone)]
pub struct DevInput<'a> {
    /// The development database.
    pub target: &'a Target,
    /// `shadowDatabaseUrl`, else a temporary database on the target's server.
    pub shadow: Option<&'a Target>,
    pub migrations_dir: &'a Path,
    /// The validated schema file.
    pub datamodel: &'a Datamodel,
    /// Describe settings and the replay cache.
    pub replay: ReplayOptions,
}

impl DevInput<'_> {
    pub fn flavour(&self) -> Flavour {
        crate::push::flavour_of(self.target, self.datamodel)
    }
}

/// The outcome of [`diagnose`].
#[derive(Debug, Clone)]
pub struct DevDiagnosis {
    pub status: StatusReport,
    /// Prisma's reset reason (failed, edited, drift, diverging or missing migrations); the
    /// CLI prints it and exits 130.
    pub reset_reason: Option<String>,
    /// The schema the whole local history produces (for [`evaluate_data_loss`]).
    pub migrations_schema: SqlSchema,
}

/// Step 1: Prisma's `devDiagnostic`. A migration that does not replay is P3006.
pub fn diagnose(input: &DevInput<'_>, folder: &MigrationsFolder) -> Result<DevDiagnosis, MigrateError> {
    folder.check_provider(&input.target.provider)?;
    let status = crate::status::status(input.target, folder)?;
    let (applied_schema, migrations_schema) = replay_history(input, folder, &status.applied_migration_names)?;
    let mut conn = input.target.connect()?;
    let live = crate::push::describe_live(&mut conn, input.datamodel)?;
    let drift = sql_schema::diff(&applied_schema, &live, crate::push::differ(&mut conn, input.flavour())?);
    let summary = (!drift.steps.is_empty()).then(|| drift_summary_text(&drift));
    let reset_reason = crate::dev::reset_reason(&status, summary.as_deref());
    Ok(DevDiagnosis { status, reset_reason, migrations_schema })
}

/// The drift summary as Prisma embeds it after the drift text: starting with a blank line.
fn drift_summary_text(drift: &Migration) -> String {
    let summary = sql_schema::drift_summary(drift);
    if summary.starts_with('\n') {
        summary
    } else {
        format!("\n{summary}")
    }
}

/// The schemas of the applied migrations and of the whole history. One replay when the applied
/// migrations are a prefix of the local ones (the usual case), else two.
fn replay_history(
    input: &DevInput<'_>,
    folder: &MigrationsFolder,
    applied_names: &[String],
) -> Result<(SqlSchema, SqlSchema), MigrateError> {
    let all = &folder.migrations;
    let is_prefix = applied_names.len() <= all.len() && all.iter().zip(applied_names).all(|(m, n)| &m.name == n);
    if is_prefix {
        let mut schemas = crate::replay::schemas_of_prefixes(
            input.target,
            input.shadow,
            all,
            &[applied_names.len(), all.len()],
            &input.replay,
        )?;
        let whole = schemas.pop().unwrap_or_default();
        let applied = schemas.pop().unwrap_or_default();
        return Ok((applied, whole));
    }
    let applied: Vec<MigrationDirectory> = all.iter().filter(|m| applied_names.contains(&m.name)).cloned().collect();
    let applied_schema = crate::replay::schema_of_migrations(input.target, input.shadow, &applied, &input.replay)?;
    let whole = crate::replay::schema_of_migrations(input.target, input.shadow, all, &input.replay)?;
    Ok((applied_schema, whole))
}

/// Steps 2 and 5: applies the local migrations the database does not have; returns their names.
pub fn apply_pending(
    input: &DevInput<'_>,
    folder: &MigrationsFolder,
    progress: &mut dyn FnMut(Progress<'_>),
) -> Result<Vec<String>, MigrateError> {
    let target = input.target;
    let mut conn = target.connect()?;
    let settings = ApplySettings { provider: &target.provider, disable_advisory_lock: target.disable_advisory_lock };
    apply_migrations(&mut conn, target.kind(), &target.namespaces, folder, settings, progress)
}

/// The migration from the history to the schema file, and what it would do to the data.
#[derive(Debug, Clone)]
pub struct DataLossEvaluation {
    pub migration: Migration,
    /// Checked with the development database's counts: what the CLI shows and asks about.
    pub checks: Checks,
}

impl DataLossEvaluation {
    pub fn migration_steps(&self) -> usize {
        self.migration.steps.len()
    }

    /// The `migration.sql` Prisma writes: its warnings header comes from the pure check (no
    /// counts), so the file does not depend on the data of one developer's database.
    pub fn script(&self, flavour: Flavour) -> String {
        flavour::render::render_script(flavour, &self.migration, &sql_schema::check(&self.migration))
    }
}

/// Step 3: Prisma's `evaluateDataLoss`.
pub fn evaluate_data_loss(input: &DevInput<'_>, migrations_schema: &SqlSchema) -> Result<DataLossEvaluation, MigrateError> {
    let flavour = input.flavour();
    let wanted = flavour::calculate::calculate(input.datamodel, flavour);
    let mut conn = input.target.connect()?;
    let migration = sql_schema::diff(migrations_schema, &wanted, crate::push::differ(&mut conn, flavour)?);
    let checks = crate::data_loss::check_against_database(&mut conn, &migration)?;
    Ok(DataLossEvaluation { migration, checks })
}

/// Step 4: writes the new migration (and rewrites `migration_lock.toml`). Nothing is written
/// for an empty diff unless `create_only` (then the script is `-- This is an empty migration.`).
pub fn create_migration(
    input: &DevInput<'_>,
    evaluation: &DataLossEvaluation,
    name: &str,
    create_only: bool,
    now: OffsetDateTime,
) -> Result<Option<CreatedMigration>, MigrateError> {
    if evaluation.migration.steps.is_empty() && !create_only {
        return Ok(None);
    }
    let script = evaluation.script(input.flavour());
    crate::naming::create_migration(input.migrations_dir, name, &script, &input.target.provider, now).map(Some)
}

/// [`create_migration`] stamped with the current UTC time.
pub fn create_migration_now(
    input: &DevInput<'_>,
    evaluation: &DataLossEvaluation,
    name: &str,
    create_only: bool,
) -> Result<Option<CreatedMigration>, MigrateError> {
    create_migration(input, evaluation, name, create_only, OffsetDateTime::now_utc())
}

/// Decisions [`dev`] takes without asking.
#[derive(Debug, Clone, Default)]
pub struct DevSettings {
    /// The migration name (slugified); empty: the timestamp alone.
    pub name: String,
    /// Write the migration without applying it; unexecutable steps do not stop it.
    pub create_only: bool,
    /// Go on despite data-loss warnings (what answering the prompt with yes does).
    pub accept_warnings: bool,
}

/// What [`dev`] did, or why it stopped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DevOutcome {
    /// The database must be reset (Prisma prints the reason and exits 130). Nothing was done.
    ResetRequired { reason: String },
    /// Steps that cannot run on the data (without `create_only`). Nothing was written.
    Unexecutable { applied_pending: Vec<String>, steps: Vec<Diagnostic> },
    /// Data-loss warnings that need a confirmation. Nothing was written.
    NeedsConfirmation { applied_pending: Vec<String>, warnings: Vec<Diagnostic> },
    Done(DevReport),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DevReport {
    /// Pending migrations applied before the diff.
    pub applied_pending: Vec<String>,
    /// Unexecutable steps listed and accepted (`create_only`).
    pub unexecutable: Vec<Diagnostic>,
    /// Warnings accepted.
    pub warnings: Vec<Diagnostic>,
    /// The migration written, if any.
    pub created: Option<CreatedMigration>,
    /// Migrations applied after creating (the new one; empty with `create_only`).
    pub applied_new: Vec<String>,
}

/// `migrate dev` without prompts. The database is created first when missing.
pub fn dev(
    input: &DevInput<'_>,
    settings: &DevSettings,
    progress: &mut dyn FnMut(Progress<'_>),
) -> Result<DevOutcome, MigrateError> {
    input.target.ensure_database_exists()?;
    let folder = MigrationsFolder::read(input.migrations_dir)?;
    let diagnosis = diagnose(input, &folder)?;
    if let Some(reason) = diagnosis.reset_reason {
        return Ok(DevOutcome::ResetRequired { reason });
    }
    let applied_pending = apply_pending(input, &folder, progress)?;
    let evaluation = evaluate_data_loss(input, &diagnosis.migrations_schema)?;
    let checks = evaluation.checks.clone();
    if !checks.unexecutable.is_empty() && !settings.create_only {
        return Ok(DevOutcome::Unexecutable { applied_pending, steps: checks.unexecutable });
    }
    if !checks.warnings.is_empty() && !settings.accept_warnings {
        return Ok(DevOutcome::NeedsConfirmation { applied_pending, warnings: checks.warnings });
    }
    let created = create_migration_now(input, &evaluation, &settings.name, settings.create_only)?;
    let applied_new = if settings.create_only || created.is_none() {
        Vec::new()
    } else {
        apply_pending(input, &MigrationsFolder::read(input.migrations_dir)?, progress)?
    };
    Ok(DevOutcome::Done(DevReport {
        applied_pending,
        unexecutable: checks.unexecutable,
        warnings: checks.warnings,
        created,
        applied_new,
    }))
}
