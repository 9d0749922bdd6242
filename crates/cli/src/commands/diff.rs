//! `migrate diff`: resolve both sources to a `SqlSchema`, diff, print a summary or the script.

use std::path::{Path, PathBuf};

use anyhow::{anyhow, bail, Context};
use flavour::Flavour;
use sql_schema::SqlSchema;

use crate::args::DiffArgs;
use crate::config;
use crate::output::{self, Exit};

/// Where one side of the diff comes from.
#[derive(Debug)]
pub enum DiffSource {
    Empty,
    /// A schema file or folder, through calculate.
    Schema(PathBuf),
    /// The live database of a schema's datasource.
    SchemaDatasource(PathBuf),
    /// A live database.
    Url(String),
    /// A migrations folder replayed on a shadow database.
    Migrations(PathBuf),
    /// A SQL file applied to a shadow database.
    Sql(PathBuf),
}

/// A source resolved to its schema, with the flavour it speaks (None: empty, any flavour).
struct Resolved {
    flavour: Option<Flavour>,
    schema: SqlSchema,
}

pub fn diff(args: &DiffArgs) -> anyhow::Result<u8> {
    let from = one_source("from", sources_from(args))?;
    let to = one_source("to", sources_to(args))?;
    let from = resolve(from)?;
    let to = resolve(to)?;
    // Prisma: both sides must be the same provider, and the `from` connector wins.
    let flavour = match (from.flavour, to.flavour) {
        (Some(a), Some(b)) if a != b => bail!("The `from` and `to` sides of the diff use different database providers."),
        (Some(f), _) | (None, Some(f)) => f,
        (None, None) => Flavour::Sqlite,
    };
    let migration = flavour::render::diff(flavour, &from.schema, &to.schema);
    if args.script {
        let script = flavour::render::render_script(flavour, &migration, &sql_schema::Checks::default());
        write_output(args.output.as_deref(), &script)?;
    } else {
        write_output(args.output.as_deref(), &summary_text(&migration))?;
    }
    if args.exit_code && !migration.steps.is_empty() {
        return Err(Exit { code: 2, message: None }.into());
    }
    Ok(0)
}

/// The engine's summary text, ending in exactly one newline (Prisma's `console.log` adds the
/// blank line after it).
fn summary_text(migration: &sql_schema::Migration) -> String {
    let summary = sql_schema::drift_summary(migration);
    format!("{}\n", summary.trim_end_matches('\n'))
}

fn write_output(path: Option<&Path>, text: &str) -> anyhow::Result<()> {
    match path {
        Some(path) => {
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
            }
            std::fs::write(path, text).with_context(|| format!("cannot write {}", path.display()))
        }
        None => {
            use std::io::Write;
            let mut out = anstream::stdout();
            // Prisma prints with `console.log`: one newline more than the text has.
            writeln!(out, "{text}")?;
            Ok(())
        }
    }
}

fn sources_from(a: &DiffArgs) -> Vec<DiffSource> {
    collect(a.from_empty, &a.from_schema, &a.from_schema_datasource, &a.from_url, &a.from_migrations, &a.from_sql)
}

fn sources_to(a: &DiffArgs) -> Vec<DiffSource> {
    collect(a.to_empty, &a.to_schema, &a.to_schema_datasource, &a.to_url, &a.to_migrations, &a.to_sql)
}

fn collect(
    empty: bool,
    schema: &Option<PathBuf>,
    datasource: &Option<PathBuf>,
    url: &Option<String>,
    migrations: &Option<PathBuf>,
    sql: &Option<PathBuf>,
) -> Vec<DiffSource> {
    let mut out = Vec::new();
    if empty {
        out.push(DiffSource::Empty);
    }
    out.extend(schema.clone().map(DiffSource::Schema));
    out.extend(datasource.clone().map(DiffSource::SchemaDatasource));
    out.extend(url.clone().map(DiffSource::Url));
    out.extend(migrations.clone().map(DiffSource::Migrations));
    out.extend(sql.clone().map(DiffSource::Sql));
    out
}

fn one_source(side: &str, mut sources: Vec<DiffSource>) -> anyhow::Result<DiffSource> {
    if sources.len() != 1 {
        bail!("{} `--{side}-...` parameter(s) provided. 1 must be provided.", sources.len());
    }
    Ok(sources.remove(0))
}

fn resolve(source: DiffSource) -> anyhow::Result<Resolved> {
    match source {
        DiffSource::Empty => Ok(Resolved { flavour: None, schema: SqlSchema::default() }),
        DiffSource::Schema(path) => from_schema_file(&path),
        DiffSource::SchemaDatasource(path) => from_schema_datasource(&path),
        DiffSource::Url(url) => from_url(&url, Path::new("."), &[]),
        DiffSource::Migrations(_) | DiffSource::Sql(_) => bail!(
            "`--from-migrations`, `--to-migrations`, `--from-sql` and `--to-sql` need a shadow database, which this version of strata does not provide yet."
        ),
    }
}

fn load_datamodel(path: &Path) -> anyhow::Result<(config::SchemaLocation, psl::datamodel::Datamodel)> {
    let location = config::find_schema(Some(path))?;
    let files = config::read_schema(&location)?;
    let datamodel = super::schema::parse_and_validate(&files)?;
    Ok((location, datamodel))
}

fn flavour_of(datamodel: &psl::datamodel::Datamodel) -> anyhow::Result<Flavour> {
    let ds = datamodel.datasource.as_ref().ok_or_else(|| anyhow!("The schema has no datasource block."))?;
    Flavour::from_provider(ds.provider)
        .ok_or_else(|| anyhow!("The `{}` provider is not supported by strata.", ds.provider.as_str()))
}

fn from_schema_file(path: &Path) -> anyhow::Result<Resolved> {
    let (_, datamodel) = load_datamodel(path)?;
    let flavour = flavour_of(&datamodel)?;
    Ok(Resolved { flavour: Some(flavour), schema: flavour::calculate::calculate(&datamodel, flavour) })
}

fn from_schema_datasource(path: &Path) -> anyhow::Result<Resolved> {
    let (location, datamodel) = load_datamodel(path)?;
    config::load_dotenv(&location.dir);
    let url = config::database_url(None, datamodel.datasource.as_ref())?;
    let schemas = datamodel.datasource.as_ref().map(|d| d.schemas.clone()).unwrap_or_default();
    from_url(&url, &location.dir, &schemas)
}

/// Describe a live database. `schemas`: the datasource's explicit PostgreSQL schemas, if any.
fn from_url(url: &str, base_dir: &Path, schemas: &[String]) -> anyhow::Result<Resolved> {
    let info = db::ConnectionInfo::parse(url, base_dir)?;
    let mut conn = db::Connection::connect(&info)?;
    let schema = describe(&mut conn, &info, schemas)?;
    let flavour = match info.kind() {
        db::DbKind::Postgres => Flavour::Postgres,
        db::DbKind::Mysql => Flavour::Mysql,
        db::DbKind::Sqlite => Flavour::Sqlite,
    };
    Ok(Resolved { flavour: Some(flavour), schema })
}

pub fn describe(conn: &mut db::Connection, info: &db::ConnectionInfo, schemas: &[String]) -> anyhow::Result<SqlSchema> {
    use flavour::describe::{describe, PgScope, Target};
    let schema = if let Some(client) = conn.postgres_client() {
        let scope = if schemas.is_empty() {
            PgScope::default_schema(info.schema_name().unwrap_or("public"))
        } else {
            PgScope::explicit(schemas)
        };
        describe(Target::Postgres { client, scope: &scope })?
    } else if let Some(mysql) = conn.mysql_conn() {
        describe(Target::Mysql { conn: mysql, database: info.database_name() })?
    } else if let Some(sqlite) = conn.sqlite_conn() {
        describe(Target::Sqlite(sqlite))?
    } else {
        bail!("unsupported connection")
    };
    Ok(schema)
}
