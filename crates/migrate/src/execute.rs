//! `db execute` (spec §1.1): run a script as one command, no history.

use crate::error::MigrateError;
use crate::target::Target;

/// Runs `script` on the target the way migration scripts run (one simple query on
/// PostgreSQL, statement by statement on MySQL, a batch on SQLite).
pub fn db_execute(target: &Target, script: &str) -> Result<(), MigrateError> {
    let mut conn = target.connect()?;
    Ok(conn.apply_script(script)?)
}
