//! The migrate lock (spec §3), taken by apply and resolve so concurrent runs serialise.

use crate::error::MigrateError;
use db::{Connection, DbError, DbKind};

/// Takes the lock for the lifetime of the connection.
pub fn acquire(conn: &mut Connection, kind: DbKind) -> Result<(), MigrateError> {
    match kind {
        DbKind::Sqlite => acquire_sqlite(conn),
        DbKind::Postgres | DbKind::Mysql => Ok(conn.acquire_migrate_lock()?),
    }
}

/// Prisma's lock is `PRAGMA main.locking_mode=EXCLUSIVE`, which locks only at the first write
/// and, once set, never gives back a lock taken on the way. Two deployers that both got a
/// SHARED lock while racing for the write lock would then wait on each other until the busy
/// timeout. So the exclusive lock is taken first in normal mode (where a failed attempt holds
/// nothing and the busy handler queues fairly enough), and exclusive mode is switched on while
/// holding it: the COMMIT then keeps the lock until the connection closes.
fn acquire_sqlite(conn: &mut Connection) -> Result<(), MigrateError> {
    match conn.raw_cmd("BEGIN EXCLUSIVE; PRAGMA main.locking_mode=EXCLUSIVE; COMMIT;") {
        Ok(()) => Ok(()),
        Err(err) if is_sqlite_busy(&err) => {
            Err(DbError::Timeout { context: db::SQLITE_LOCK_TIMEOUT_CONTEXT.to_owned() }.into())
        }
        Err(err) => Err(err.into()),
    }
}

/// SQLITE_BUSY / SQLITE_LOCKED, with any extended code.
fn is_sqlite_busy(err: &DbError) -> bool {
    let Some(code) = err.database_code().and_then(|c| c.parse::<i32>().ok()) else { return false };
    matches!(code & 0xff, 5 | 6)
}
