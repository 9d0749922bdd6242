//! CREATE / DROP DATABASE and existence checks, through the server's maintenance connection.

use crate::connection::Connection;
use crate::conninfo::ConnectionInfo;
use crate::error::DbError;
use crate::{lite, my, pg, DbKind};

/// An identifier quoted for `kind`: `"x"` (PostgreSQL, SQLite) or `` `x` `` (MySQL), with the
/// quote character doubled inside.
pub fn quote_ident(kind: DbKind, name: &str) -> String {
    match kind {
        DbKind::Mysql => format!("`{}`", name.replace('`', "``")),
        DbKind::Postgres | DbKind::Sqlite => format!("\"{}\"", name.replace('"', "\"\"")),
    }
}

fn pg_ident(name: &str) -> String {
    quote_ident(DbKind::Postgres, name)
}

fn mysql_ident(name: &str) -> String {
    quote_ident(DbKind::Mysql, name)
}

/// Creates the database the URL names (SQLite: the file and its folder). On PostgreSQL the
/// URL's schema is created too. An existing database is P1009.
pub fn create_database(info: &ConnectionInfo) -> Result<(), DbError> {
    match info.kind() {
        DbKind::Postgres => create_pg(info),
        DbKind::Mysql => create_mysql(info),
        DbKind::Sqlite => lite::create(info),
    }
}

fn create_pg(info: &ConnectionInfo) -> Result<(), DbError> {
    let database = info.database_name().to_string();
    let mut admin = pg::connect_admin(info)?;
    let created = admin.batch_execute(&format!("CREATE DATABASE {}", pg_ident(&database)));
    drop(admin);
    let already_exists = match created {
        Ok(()) => false,
        Err(e) => match pg::error(e, info) {
            DbError::Server(se) if se.code == "42P04" => true,
            other => return Err(other),
        },
    };
    // As Prisma: make sure the schema exists even when the database already did.
    if let Some(schema) = info.schema_name() {
        let mut conn = Connection::connect(info)?;
        conn.raw_cmd(&format!("CREATE SCHEMA IF NOT EXISTS {};", pg_ident(schema)))?;
    }
    if already_exists {
        return Err(DbError::DatabaseAlreadyExists { database });
    }
    Ok(())
}

fn create_mysql(info: &ConnectionInfo) -> Result<(), DbError> {
    use mysql::prelude::Queryable;
    let database = info.database_name().to_string();
    let mut admin = my::connect_admin(info)?;
    let sql = format!("CREATE DATABASE {} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci", mysql_ident(&database));
    match admin.query_drop(sql) {
        Ok(()) => Ok(()),
        Err(mysql::Error::MySqlError(e)) if e.code == 1007 => Err(DbError::DatabaseAlreadyExists { database }),
        Err(e) => Err(my::error(e, info)),
    }
}

/// Drops the database the URL names, if it exists (SQLite: deletes the file and its journals).
/// PostgreSQL uses `WITH (FORCE)` to end other sessions, falling back without it before PG 13.
pub fn drop_database(info: &ConnectionInfo) -> Result<(), DbError> {
    match info.kind() {
        DbKind::Postgres => drop_pg(info),
        DbKind::Mysql => {
            use mysql::prelude::Queryable;
            let mut admin = my::connect_admin(info)?;
            let sql = format!("DROP DATABASE IF EXISTS {}", mysql_ident(info.database_name()));
            admin.query_drop(sql).map_err(|e| my::error(e, info))
        }
        DbKind::Sqlite => drop_sqlite(info),
    }
}

fn drop_pg(info: &ConnectionInfo) -> Result<(), DbError> {
    let name = pg_ident(info.database_name());
    let mut admin = pg::connect_admin(info)?;
    match admin.batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")) {
        Ok(()) => Ok(()),
        Err(e) => match pg::error(e, info) {
            // PostgreSQL < 13 has no WITH (FORCE).
            DbError::Server(se) if se.code == "42601" => {
                admin.batch_execute(&format!("DROP DATABASE IF EXISTS {name}")).map_err(|e| pg::error(e, info))
            }
            other => Err(other),
        },
    }
}

fn drop_sqlite(info: &ConnectionInfo) -> Result<(), DbError> {
    let Some(path) = info.sqlite_path().filter(|_| !info.is_in_memory()) else { return Ok(()) };
    for suffix in ["", "-journal", "-wal", "-shm"] {
        let mut file = path.as_os_str().to_owned();
        file.push(suffix);
        match std::fs::remove_file(&file) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(DbError::Other(format!("could not delete {}: {e}", path.display()))),
        }
    }
    Ok(())
}

/// Whether the database the URL names exists (SQLite: whether the file exists).
///
/// Connects to the database itself, as Prisma does before creating one: this needs no access
/// to the server's maintenance database (often refused on hosted servers).
pub fn database_exists(info: &ConnectionInfo) -> Result<bool, DbError> {
    match Connection::connect(info) {
        Ok(_) => Ok(true),
        Err(DbError::DatabaseDoesNotExist { .. }) => Ok(false),
        Err(e) => Err(e),
    }
}
