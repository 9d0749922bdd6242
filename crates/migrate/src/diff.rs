//! `migrate diff` as a library (spec §5.7): two sources resolved to `(Flavour, SqlSchema)`, then
//! the migration between them, its script and its summary. Nothing is written to either side.
//!
//! Sources are Prisma's (empty, schema files, a schema's datasource, a URL, a migrations folder)
//! plus one Prisma lacks: a plain SQL schema file, applied to a shadow database and described.
//! Reading schema files and resolving `env()` URLs is the caller's job.

use crate::error::MigrateError;
use crate::migrations_dir::MigrationsFolder;
use crate::replay::{schema_of_migrations, schema_of_sql, ReplayOptions};
use crate::target::Target;
use db::{ConnectionInfo, DbKind};
use flavour::describe::DescribeOptions;
use flavour::Flavour;
use psl::datamodel::Datamodel;
use sql_schema::{Migration, SqlSchema};

/// One side of the diff.
#[derive(Debug, Clone)]
pub enum DiffSource {
    /// Nothing: any flavour.
    Empty,
    /// A validated schema (`--from-schema` / `--from-schema-datamodel`), through calculate.
    Datamodel(Box<Datamodel>),
    /// The live database of a schema's datasource (`--from-schema-datasource`), described with
    /// the schema's namespaces and preview features. `target` is the resolved datasource URL.
    SchemaDatasource { datamodel: Box<Datamodel>, target: Target },
    /// A live database (`--from-url`).
    Url(Target),
    /// A migrations folder, replayed on a shadow database (`--from-migrations`).
    Migrations(MigrationsFolder),
    /// A plain SQL schema file applied to a shadow database (strata's `--from-sql`). `name` is
    /// how errors refer to it (its path).
    Sql { name: String, sql: String },
}

/// Where migrations and SQL sources are replayed, and how replays are described and cached.
#[derive(Debug, Clone, Default)]
pub struct DiffOptions {
    /// `--shadow-database-url`: reset, used, kept.
    pub shadow: Option<Target>,
    /// Without `shadow`, a temporary shadow database is created on this server (the caller
    /// passes `--url` or the schema's datasource). SQLite histories need none: a temporary file.
    pub replay_server: Option<Target>,
    /// Describe options (used where neither side is a schema) and the replay cache.
    pub replay: ReplayOptions,
}

/// The difference from `from` to `to`.
#[derive(Debug, Clone)]
pub struct DiffReport {
    pub flavour: Flavour,
    pub migration: Migration,
    /// The SQL script (`--script`): `-- This is an empty migration.` when empty.
    pub script: String,
    /// The drift summary, as Prisma's engine returns it (`No difference detected.` when empty).
    pub summary: String,
    pub is_empty: bool,
}

/// Resolves both sides and diffs them. Both sides must speak the same provider; `from` wins.
pub fn diff(from: &DiffSource, to: &DiffSource, options: &DiffOptions) -> Result<DiffReport, MigrateError> {
    let describe = describe_options(from, to, &options.replay.describe);
    let hint = [from, to].into_iter().find_map(schema_flavour);
    let (from_flavour, from_schema) = resolve_with_hint(from, options, &describe, hint)?;
    let (to_flavour, to_schema) = resolve_with_hint(to, options, &describe, hint)?;
    let flavour = match (from_flavour, to_flavour) {
        (Some(a), Some(b)) if a != b => {
            return Err(MigrateError::Other(
                "The `from` and `to` sides of the diff use different database providers.".to_owned(),
            ))
        }
        (Some(f), _) | (None, Some(f)) => f,
        // Nothing names a database (e.g. `--from-empty --to-empty`): Prisma's engine refuses.
        (None, None) => return Err(MigrateError::Other("Could not determine the connector to use for diffing.".to_owned())),
    };
    let migration = flavour::render::diff(flavour, &from_schema, &to_schema);
    let script = flavour::render::render_script(flavour, &migration, &sql_schema::Checks::default());
    let summary = sql_schema::drift_summary(&migration);
    let is_empty = migration.steps.is_empty();
    Ok(DiffReport { flavour, migration, script, summary, is_empty })
}

/// As Prisma's engine: the namespaces and preview features of the schema sides (a union when
/// both are schemas) apply to describing every side, e.g. a `--from-migrations` replay of a
/// multi-schema project.
fn describe_options(from: &DiffSource, to: &DiffSource, fallback: &DescribeOptions) -> DescribeOptions {
    let mut union: Option<DescribeOptions> = None;
    for source in [from, to] {
        let (DiffSource::Datamodel(dm) | DiffSource::SchemaDatasource { datamodel: dm, .. }) = source else {
            continue;
        };
        let options = DescribeOptions::for_datamodel(dm);
        let merged = union.get_or_insert_with(DescribeOptions::default);
        for schema in options.schemas {
            if !merged.schemas.contains(&schema) {
                merged.schemas.push(schema);
            }
        }
        merged.partial_indexes |= options.partial_indexes;
    }
    union.unwrap_or_else(|| fallback.clone())
}

/// A source's schema and flavour (None: the empty source, any flavour). `describe` is how live
/// and replayed sides are described ([`diff`] passes the union of the schema sides' options).
pub fn resolve(
    source: &DiffSource,
    options: &DiffOptions,
    describe: &DescribeOptions,
) -> Result<(Option<Flavour>, SqlSchema), MigrateError> {
    resolve_with_hint(source, options, describe, None)
}

/// `hint`: the other side's schema flavour, which lets a SQLite replay go without a server.
fn resolve_with_hint(
    source: &DiffSource,
    options: &DiffOptions,
    describe: &DescribeOptions,
    hint: Option<Flavour>,
) -> Result<(Option<Flavour>, SqlSchema), MigrateError> {
    match source {
        DiffSource::Empty => Ok((None, SqlSchema::default())),
        DiffSource::Datamodel(dm) => {
            let flavour = flavour_of_datamodel(dm)?;
            Ok((Some(flavour), flavour::calculate::calculate(dm, flavour)))
        }
        DiffSource::SchemaDatasource { datamodel, target } => {
            let flavour = flavour_of_datamodel(datamodel)?;
            Ok((Some(flavour), describe_live(target, describe)?))
        }
        DiffSource::Url(target) => Ok((Some(flavour_of_kind(target.kind())), describe_live(target, describe)?)),
        DiffSource::Migrations(folder) => {
            let sqlite = hint == Some(Flavour::Sqlite) || schema_flavour(source) == Some(Flavour::Sqlite);
            let (main, shadow, flavour) = replay_place(options, sqlite, "migrations")?;
            let replay = ReplayOptions { describe: describe.clone(), ..options.replay.clone() };
            Ok((Some(flavour), schema_of_migrations(&main, shadow, &folder.migrations, &replay)?))
        }
        DiffSource::Sql { name, sql } => {
            let (main, shadow, flavour) = replay_place(options, hint == Some(Flavour::Sqlite), "sql")?;
            let replay = ReplayOptions { describe: describe.clone(), ..options.replay.clone() };
            Ok((Some(flavour), schema_of_sql(&main, shadow, name, sql, &replay)?))
        }
    }
}

fn describe_live(target: &Target, describe: &DescribeOptions) -> Result<SqlSchema, MigrateError> {
    let mut conn = db::Connection::connect(&target.info)?;
    crate::replay::describe_shadow(&mut conn, describe)
}

/// Where a replay runs: `(main, shadow)` for [`crate::shadow::with_shadow_database`], and the
/// flavour it speaks. A configured shadow database is reset and used; otherwise a temporary
/// database is created on `replay_server`. SQLite (by the lock file or the other side's schema)
/// needs no server: the shadow database is a temporary file.
fn replay_place<'a>(
    options: &'a DiffOptions,
    sqlite_hint: bool,
    flag: &str,
) -> Result<(Target, Option<&'a Target>, Flavour), MigrateError> {
    if let Some(shadow) = &options.shadow {
        // `main` only serves the "same as the main database" check here.
        let main = options.replay_server.clone().unwrap_or_else(in_memory_sqlite);
        return Ok((main, Some(shadow), flavour_of_kind(shadow.kind())));
    }
    if let Some(server) = &options.replay_server {
        return Ok((server.clone(), None, flavour_of_kind(server.kind())));
    }
    if sqlite_hint {
        return Ok((in_memory_sqlite(), None, Flavour::Sqlite));
    }
    Err(MigrateError::Other(format!(
        "`--from-{flag}` / `--to-{flag}` need a database to replay on: pass `--shadow-database-url`, or a `--url` / `--schema` whose database server can hold a temporary shadow database."
    )))
}

fn in_memory_sqlite() -> Target {
    Target::from_info(ConnectionInfo::sqlite_in_memory())
}

/// A side's flavour where it is known without connecting: a schema's provider, a migrations
/// folder's lock file.
fn schema_flavour(source: &DiffSource) -> Option<Flavour> {
    match source {
        DiffSource::Datamodel(dm) | DiffSource::SchemaDatasource { datamodel: dm, .. } => {
            flavour_of_datamodel(dm).ok()
        }
        DiffSource::Migrations(folder) => {
            let provider = crate::migrations_dir::provider_from_lock_file(folder.lock_file.as_deref()?);
            match provider.as_str() {
                "postgresql" | "postgres" | "cockroachdb" => Some(Flavour::Postgres),
                "mysql" => Some(Flavour::Mysql),
                "sqlite" => Some(Flavour::Sqlite),
                _ => None,
            }
        }
        _ => None,
    }
}

fn flavour_of_datamodel(datamodel: &Datamodel) -> Result<Flavour, MigrateError> {
    let ds = datamodel
        .datasource
        .as_ref()
        .ok_or_else(|| MigrateError::Other("The schema has no datasource block.".to_owned()))?;
    Flavour::from_provider(ds.provider).ok_or_else(|| {
        MigrateError::Other(format!("The `{}` provider is not supported by strata.", ds.provider.as_str()))
    })
}

pub fn flavour_of_kind(kind: DbKind) -> Flavour {
    match kind {
        DbKind::Postgres => Flavour::Postgres,
        DbKind::Mysql => Flavour::Mysql,
        DbKind::Sqlite => Flavour::Sqlite,
    }
}
