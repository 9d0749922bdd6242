//! The migrate commands as a library: the migrations folder and lock file, the
//! `_prisma_migrations` history table, and `deploy`, `status`, `resolve`, `reset` and
//! `db execute`, all returning typed reports. Nothing here prints or reads the environment;
//! the CLI renders reports and maps [`MigrateError::code`] to Prisma's `Error: Pxxxx` output.
//!
//! Applications can apply their migrations at start-up with [`deploy_with`].

pub mod apply;
pub mod checksum;
pub mod deploy;
pub mod error;
pub mod execute;
pub mod history;
pub mod lock;
pub mod migrations_dir;
pub mod naming;
pub mod reset;
pub mod resolve;
pub mod script_analysis;
pub mod status;
pub mod target;

pub use apply::{apply_migrations, ApplySettings, Progress};
pub use deploy::{deploy, deploy_with, DeployOptions, DeployReport};
pub use error::MigrateError;
pub use execute::db_execute;
pub use migrations_dir::{MigrationDirectory, MigrationsFolder};
pub use reset::reset;
pub use resolve::{resolve_applied, resolve_rolled_back};
pub use status::{status, HistoryDiagnostic, StatusOutcome, StatusReport};
pub use target::Target;
