//! Everything that differs per database. One folder per flavour (`postgres`, `mysql`,
//! `sqlite`) with the same files in each:
//! - `calculate`: Datamodel → SqlSchema, with the provider's type and naming rules;
//! - `describe`: live database → SqlSchema;
//! - `render`: migration steps → SQL text, byte-identical to Prisma's;
//! - `casts`: which column type changes are safe, risky or impossible.
//!
//! The top-level modules dispatch on [`Flavour`].

pub mod mysql;
pub mod postgres;
pub mod sqlite;

pub mod calculate;
pub mod describe;
pub mod pull;
pub mod render;

use psl::datamodel::Provider;

/// The databases strata speaks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Flavour {
    Postgres,
    Mysql,
    Sqlite,
}

impl Flavour {
    /// The flavour serving a schema provider; None for providers strata does not migrate
    /// (SQL Server, MongoDB). CockroachDB is served by the PostgreSQL flavour for now.
    pub fn from_provider(provider: Provider) -> Option<Flavour> {
        match provider {
            Provider::Postgres | Provider::Cockroach => Some(Flavour::Postgres),
            Provider::Mysql => Some(Flavour::Mysql),
            Provider::Sqlite => Some(Flavour::Sqlite),
            Provider::SqlServer | Provider::Mongo => None,
        }
    }
}
