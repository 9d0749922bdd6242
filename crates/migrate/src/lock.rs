//! The migrate lock (spec §3), taken by apply and resolve so concurrent runs serialise.

use crate::error::MigrateError;
use db::{Connection, DbKind};

/// Takes the lock for the lifetime of the connection.
pub fn acquire(conn: &mut Connection, _kind: DbKind) -> Result<(), MigrateError> {
    conn.acquire_migrate_lock()?;
    Ok(())
}
