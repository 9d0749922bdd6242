//! `db push` (spec §5.8): make the live database match the schema file without a migration.
//! The live database is described, diffed against the schema, checked with counts read from
//! the database, and the steps are applied one statement at a time, as Prisma's `schemaPush`.

use crate::error::MigrateError;
use crate::target::Target;
use db::{Connection, DbKind};
use flavour::describe::DescribeOptions;
use flavour::Flavour;
use psl::datamodel::Datamodel;
use sql_schema::{DiffFlavour, Migration, SqlSchema};

/// What a push did, or why it did nothing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PushReport {
    /// Data-loss warnings, with counts (Prisma's texts). Without `accept_data_loss` nothing was
    /// applied when there are any.
    pub warnings: Vec<String>,
    /// Steps that cannot run on this database's data; nothing was applied when there are any.
    pub unexecutable: Vec<String>,
    /// Migration steps applied (0: nothing changed).
    pub executed_steps: usize,
}

/// Pushes `datamodel` to `target`. With `accept_data_loss` (Prisma's `force`) warnings do not
/// stop the push; unexecutable steps always do.
pub fn push(target: &Target, datamodel: &Datamodel, accept_data_loss: bool) -> Result<PushReport, MigrateError> {
    let flavour = flavour_of(target, datamodel);
    let mut conn = target.connect()?;
    let live = describe_live(&mut conn, datamodel)?;
    let wanted = flavour::calculate::calculate(datamodel, flavour);
    let migration = sql_schema::diff(&live, &wanted, differ(&mut conn, flavour)?);
    let checks = crate::data_loss::check_against_database(&mut conn, &migration)?;
    let mut report = PushReport {
        warnings: checks.warnings.into_iter().map(|d| d.message).collect(),
        unexecutable: checks.unexecutable.into_iter().map(|d| d.message).collect(),
        executed_steps: 0,
    };
    if !report.unexecutable.is_empty() || (!report.warnings.is_empty() && !accept_data_loss) {
        return Ok(report);
    }
    report.executed_steps = apply_steps(&mut conn, flavour, &migration)?;
    Ok(report)
}

/// The flavour serving the schema's provider, else the URL's.
pub fn flavour_of(target: &Target, datamodel: &Datamodel) -> Flavour {
    datamodel.datasource.as_ref().and_then(|ds| Flavour::from_provider(ds.provider)).unwrap_or(match target.kind() {
        DbKind::Postgres => Flavour::Postgres,
        DbKind::Mysql => Flavour::Mysql,
        DbKind::Sqlite => Flavour::Sqlite,
    })
}

/// The differ hooks for the server `conn` is connected to: on MySQL, whether it is MariaDB
/// (no index renames, JSON kept as LONGTEXT), as Prisma decides per connection.
pub fn differ(conn: &mut Connection, flavour: Flavour) -> Result<&'static dyn DiffFlavour, MigrateError> {
    if flavour != Flavour::Mysql {
        return Ok(flavour::render::diff_flavour(flavour));
    }
    let version = conn.server_version()?;
    Ok(flavour::render::diff_flavour_for_server(flavour, &version))
}

/// The live database as the schema file's datasource sees it.
pub fn describe_live(conn: &mut Connection, datamodel: &Datamodel) -> Result<SqlSchema, MigrateError> {
    flavour::describe::describe_connection(conn, &DescribeOptions::for_datamodel(datamodel))
        .map_err(|err| MigrateError::Describe(Box::new(err)))
}

/// Runs every statement of every step, in order; returns the number of steps.
fn apply_steps(conn: &mut Connection, flavour: Flavour, migration: &Migration) -> Result<usize, MigrateError> {
    for step in &migration.steps {
        for statement in flavour::render::render_step(flavour, migration, step) {
            conn.raw_cmd(&statement)?;
        }
    }
    Ok(migration.steps.len())
}
