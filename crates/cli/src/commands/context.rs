//! What every database command needs: the validated schema, the URL, the migrations folder and
//! the `migrate::Target`, plus Prisma's datasource line.

use std::path::PathBuf;

use psl::ast::SourceFiles;
use psl::datamodel::{Datamodel, Datasource};

use crate::args::DbArgs;
use crate::commands::schema;
use crate::config::{self, SchemaLocation};
use crate::output::{self, Preflight};

pub struct DbContext {
    pub location: SchemaLocation,
    pub files: SourceFiles,
    pub datamodel: Datamodel,
    pub target: migrate::Target,
    pub migrations_dir: PathBuf,
}

impl DbContext {
    /// Find and read the schema, load `.env`, resolve the URL and print the schema and
    /// datasource lines. Only the configuration is validated, as Prisma's `getConfig` does:
    /// deploy, status, resolve and reset never read the models, and migrate dev and db push
    /// validate them after the datasource line ([`DbContext::validate_models`]).
    pub fn load(args: &DbArgs) -> anyhow::Result<DbContext> {
        Self::load_with(args, true)
    }

    /// [`DbContext::load`] without the schema and datasource lines (`db execute`).
    pub fn load_quiet(args: &DbArgs) -> anyhow::Result<DbContext> {
        Self::load_with(args, false)
    }

    /// The models' validation, reported as `report` formats it.
    pub fn validate_models(&mut self, report: fn(&SourceFiles) -> anyhow::Result<Datamodel>) -> anyhow::Result<()> {
        self.datamodel = report(&self.files)?;
        Ok(())
    }

    fn load_with(args: &DbArgs, print: bool) -> anyhow::Result<DbContext> {
        let (location, files) = if print { schema::load(&args.schema)? } else { schema::read(&args.schema)? };
        let env_lines = config::load_dotenv(&location.dir);
        if print {
            output::env_loaded(&env_lines);
        }
        let datamodel = schema::parse_config_only(&files)?;
        if args.url.is_none() {
            schema::check_datasource_env(&files)?;
        }
        let datasource = datamodel.datasource.as_ref();
        let url = config::database_url(args.url.as_deref(), datasource)?;
        let mut target = migrate::Target::new(&url, &location.dir)?;
        if let Some(ds) = datasource {
            target = target.with_provider(ds.provider.as_str());
            target.namespaces = ds.schemas.clone();
        }
        target.disable_advisory_lock = advisory_lock_disabled();
        let migrations_dir = config::migrations_dir(args.migrations_dir.as_deref(), &location)?;
        // Prisma prints the line alone; each command adds the blank lines it wants.
        if print {
            output::info(datasource_line(datasource, &target.info).trim_end());
        }
        Ok(DbContext { location, files, datamodel, target, migrations_dir })
    }

    pub fn migrations_display(&self) -> String {
        config::display_path(&self.migrations_dir)
    }

    /// Prisma creates a missing database for dev, deploy, reset and db push (`ensureDatabaseExists`);
    /// true when this run created it. Its errors are printed the way Prisma prints that check's.
    pub fn ensure_database_exists(&self) -> anyhow::Result<bool> {
        self.target.ensure_database_exists().map_err(|e| Preflight(e).into())
    }

    /// Prisma's `canConnectToDatabase` before status and resolve: the connection error comes
    /// first, in that check's layout.
    pub fn check_connection(&self) -> anyhow::Result<()> {
        self.target.connect().map(drop).map_err(|e| Preflight(e).into())
    }

    /// `PostgreSQL database app created at localhost:5432`.
    pub fn created_message(&self) -> String {
        let info = &self.target.info;
        format!("{} database {} created at {}", info.kind().display_name(), info.database_name(), location_text(info))
    }
}

/// `PRISMA_SCHEMA_DISABLE_ADVISORY_LOCK` set to anything but `""` or `"0"`.
fn advisory_lock_disabled() -> bool {
    std::env::var("PRISMA_SCHEMA_DISABLE_ADVISORY_LOCK").is_ok_and(|v| !v.is_empty() && v != "0")
}

fn location_text(info: &db::ConnectionInfo) -> String {
    match info.kind() {
        db::DbKind::Sqlite => info.redacted_url(),
        _ => info.location(),
    }
}

/// `Datasource "db": PostgreSQL database "app", schema "public" at "localhost:5432"`, then a
/// blank line.
pub fn datasource_line(datasource: Option<&Datasource>, info: &db::ConnectionInfo) -> String {
    let name = datasource.map_or("db", |d| d.name.as_str());
    let mut line = format!("Datasource \"{name}\": {} database \"{}\"", info.kind().display_name(), info.database_name());
    if let Some(schema) = info.schema_name() {
        line.push_str(&format!(", schema \"{schema}\""));
    }
    line.push_str(&format!(" at \"{}\"\n", location_text(info)));
    line
}
