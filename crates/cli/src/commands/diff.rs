//! `migrate diff`: turn the arguments into [`migrate::DiffSource`]s, let the library diff them,
//! print the summary or the script. Output is byte-identical to Prisma 6.19's.

use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use migrate::diff::{DiffOptions, DiffSource};
use migrate::replay::ReplayProgress;
use migrate::{MigrationsFolder, ReplayCache, ReplayOptions, Target};
use sql_schema::SqlSchema;

use crate::args::DiffArgs;
use crate::config;
use crate::output::Exit;

pub fn diff(args: &DiffArgs) -> anyhow::Result<u8> {
    let (from, to) = one_source_each(sources_from(args), sources_to(args))?;
    let mut servers = Vec::new();
    let from = resolve(from, "from", &mut servers)?;
    let to = resolve(to, "to", &mut servers)?;
    if servers.is_empty() && needs_replay(&from, &to) {
        servers.extend(default_schema_server());
    }
    let options = DiffOptions {
        shadow: args.shadow_database_url.as_deref().map(|url| Target::new(url, Path::new("."))).transpose()?,
        replay_server: servers.into_iter().next(),
        replay: ReplayOptions { cache: replay_cache(), progress: replay_progress(), ..ReplayOptions::default() },
    };
    let report = migrate::diff::diff(&from, &to, &options);
    if options.replay.progress.is_some() {
        clear_progress_line();
    }
    let report = report?;
    let text = if args.script { script_text(&report) } else { summary_text(&report.summary) };
    let exit_2 = args.exit_code && !report.is_empty;
    // Prisma writes a diff that ends in exit 2 without `console.log`'s extra newline.
    write_output(args.output.as_deref(), &text, !exit_2)?;
    if exit_2 {
        return Err(Exit { code: 2, message: None }.into());
    }
    Ok(0)
}

/// The script as the engine prints it: its empty-migration comment ends in a newline here,
/// unlike the `migration.sql` that `migrate dev --create-only` writes.
fn script_text(report: &migrate::diff::DiffReport) -> String {
    if report.is_empty {
        format!("{}\n", report.script)
    } else {
        report.script.clone()
    }
}

/// The engine's summary text, ending in exactly one newline (Prisma's `console.log` adds the
/// blank line after it).
fn summary_text(summary: &str) -> String {
    format!("{}\n", summary.trim_end_matches('\n'))
}

fn write_output(path: Option<&Path>, text: &str, console_newline: bool) -> anyhow::Result<()> {
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
            if console_newline {
                writeln!(out, "{text}")?;
            } else {
                write!(out, "{text}")?;
            }
            Ok(())
        }
    }
}

/// One side as given on the command line.
#[derive(Debug)]
enum Arg {
    Empty,
    Schema(PathBuf),
    SchemaDatasource(PathBuf),
    Url(String),
    Migrations(PathBuf),
    Sql(PathBuf),
}

fn sources_from(a: &DiffArgs) -> Vec<Arg> {
    collect(a.from_empty, &a.from_schema, &a.from_schema_datasource, &a.from_url, &a.from_migrations, &a.from_sql)
}

fn sources_to(a: &DiffArgs) -> Vec<Arg> {
    collect(a.to_empty, &a.to_schema, &a.to_schema_datasource, &a.to_url, &a.to_migrations, &a.to_sql)
}

fn collect(
    empty: bool,
    schema: &Option<PathBuf>,
    datasource: &Option<PathBuf>,
    url: &Option<String>,
    migrations: &Option<PathBuf>,
    sql: &Option<PathBuf>,
) -> Vec<Arg> {
    let mut out = Vec::new();
    if empty {
        out.push(Arg::Empty);
    }
    out.extend(schema.clone().map(Arg::Schema));
    out.extend(datasource.clone().map(Arg::SchemaDatasource));
    out.extend(url.clone().map(Arg::Url));
    out.extend(migrations.clone().map(Arg::Migrations));
    out.extend(sql.clone().map(Arg::Sql));
    out
}

/// Exactly one `--from-…` and one `--to-…`; Prisma reports both counts when both are wrong.
fn one_source_each(mut from: Vec<Arg>, mut to: Vec<Arg>) -> anyhow::Result<(Arg, Arg)> {
    let mut problems = Vec::new();
    for (side, sources) in [("from", &from), ("to", &to)] {
        if sources.len() != 1 {
            problems.push(format!("{} `--{side}-...` parameter(s) provided. 1 must be provided.", sources.len()));
        }
    }
    if !problems.is_empty() {
        // Prisma's help error: a newline, the problems, then its help text (left out here).
        bail!("\n{}", problems.join("\n"));
    }
    Ok((from.remove(0), to.remove(0)))
}

/// The library source for an argument. `servers` collects databases whose server may hold a
/// temporary shadow database for a migrations or SQL side (live sides first, then schemas'
/// datasources).
fn resolve(arg: Arg, side: &str, servers: &mut Vec<Target>) -> anyhow::Result<DiffSource> {
    Ok(match arg {
        Arg::Empty => DiffSource::Empty,
        Arg::Schema(path) => {
            let (location, datamodel) = load_datamodel(&format!("--{side}-schema-datamodel"), &path)?;
            // Only a hint for where to replay: a schema source never connects.
            if let Ok(target) = datasource_target(&location, &datamodel) {
                servers.push(target);
            }
            DiffSource::Datamodel(Box::new(datamodel))
        }
        Arg::SchemaDatasource(path) => {
            let (location, datamodel) = load_datamodel(&format!("--{side}-schema-datasource"), &path)?;
            let target = datasource_target(&location, &datamodel)?;
            servers.insert(0, target.clone());
            DiffSource::SchemaDatasource { datamodel: Box::new(datamodel), target }
        }
        Arg::Url(url) => {
            let target = Target::new(&url, Path::new("."))?;
            servers.insert(0, target.clone());
            DiffSource::Url(target)
        }
        Arg::Migrations(dir) => {
            // A typo must not read as an empty history (that diff would drop everything).
            if !dir.is_dir() {
                bail!("The migrations directory `{}` does not exist.", dir.display());
            }
            DiffSource::Migrations(MigrationsFolder::read(&dir)?)
        }
        Arg::Sql(path) => {
            let sql = std::fs::read_to_string(&path).with_context(|| format!("cannot read {}", path.display()))?;
            DiffSource::Sql { name: path.display().to_string(), sql }
        }
    })
}

fn needs_replay(from: &DiffSource, to: &DiffSource) -> bool {
    [from, to].iter().any(|s| matches!(s, DiffSource::Migrations(_) | DiffSource::Sql { .. }))
}

/// Where to replay when no side names a database: the datasource of the project's schema
/// (`prisma/schema.prisma` and the other default locations), if there is one.
fn default_schema_server() -> Option<Target> {
    let location = config::find_schema(None).ok()?;
    let files = config::read_schema(&location).ok()?;
    let (datamodel, _) = psl::parse_and_validate(&files);
    datasource_target(&location, &datamodel?).ok()
}

fn load_datamodel(flag: &str, path: &Path) -> anyhow::Result<(config::SchemaLocation, psl::datamodel::Datamodel)> {
    let location = config::find_schema_for(flag, Some(path))?;
    let files = config::read_schema(&location)?;
    // The schema engine validates it: its P1012 layout.
    let datamodel = super::schema::engine_validation(&files)?;
    Ok((location, datamodel))
}

/// The schema's datasource as a target: provider and `schemas` from the schema.
fn datasource_target(location: &config::SchemaLocation, datamodel: &psl::datamodel::Datamodel) -> anyhow::Result<Target> {
    // Prisma loads it silently here.
    let _ = config::load_dotenv(&location.dir);
    let datasource = datamodel.datasource.as_ref();
    let url = config::database_url(None, datasource)?;
    let mut target = Target::new(&url, &location.dir)?;
    if let Some(ds) = datasource {
        target = target.with_provider(ds.provider.as_str());
        target.namespaces = ds.schemas.clone();
    }
    Ok(target)
}

/// The replay cache: `$XDG_CACHE_HOME/strata`, else `~/.cache/strata`; `STRATA_REPLAY_CACHE=off`
/// turns it off. The fingerprint ties entries to this build of strata.
pub fn replay_cache() -> Option<ReplayCache> {
    if std::env::var("STRATA_REPLAY_CACHE").is_ok_and(|v| matches!(v.as_str(), "off" | "0" | "false")) {
        return None;
    }
    let dir = match std::env::var_os("XDG_CACHE_HOME").filter(|v| !v.is_empty()) {
        Some(dir) => PathBuf::from(dir),
        None => PathBuf::from(std::env::var_os("HOME").filter(|v| !v.is_empty())?).join(".cache"),
    };
    Some(ReplayCache::new(dir.join("strata"), build_fingerprint()))
}

/// The version plus the executable's size and modification time: a rebuilt binary (whose
/// describe may differ) never reads entries written by another.
fn build_fingerprint() -> String {
    let exe = std::env::current_exe().ok().and_then(|path| std::fs::metadata(path).ok());
    let stamp = exe
        .map(|meta| {
            let modified = meta.modified().ok().and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok());
            format!("{}:{}", meta.len(), modified.map_or(0, |d| d.as_nanos()))
        })
        .unwrap_or_default();
    format!("strata {} {stamp}", env!("CARGO_PKG_VERSION"))
}

/// On a terminal, replays show which migration runs (on one line of stderr, cleared afterwards);
/// piped output stays quiet.
pub fn replay_progress() -> Option<ReplayProgress> {
    use std::io::IsTerminal;
    if !std::io::stderr().is_terminal() {
        return None;
    }
    Some(ReplayProgress(std::sync::Arc::new(|event| {
        use std::io::Write;
        let mut err = std::io::stderr();
        let _ = write!(err, "\r\x1b[2KReplaying migration {}/{} on the shadow database: {}", event.index + 1, event.total, event.migration);
        let _ = err.flush();
    })))
}

pub fn clear_progress_line() {
    use std::io::Write;
    let mut err = std::io::stderr();
    let _ = write!(err, "\r\x1b[2K");
    let _ = err.flush();
}

/// Describe a live database (`db pull` uses it). `schemas`: the datasource's explicit
/// PostgreSQL schemas, if any.
pub fn describe(conn: &mut db::Connection, _info: &db::ConnectionInfo, schemas: &[String]) -> anyhow::Result<SqlSchema> {
    let options = flavour::describe::DescribeOptions { schemas: schemas.to_vec(), partial_indexes: false };
    // Through `MigrateError`, so that P4002 prints with its code as every other command's.
    flavour::describe::describe_connection(conn, &options).map_err(|e| migrate::MigrateError::Describe(Box::new(e)).into())
}
