//! `migrate deploy` (spec §5.3) and the embeddable start-up API.

use crate::apply::{apply_migrations, ApplySettings, Progress};
use crate::error::MigrateError;
use crate::migrations_dir::MigrationsFolder;
use crate::target::Target;
use std::path::{Path, PathBuf};

/// What a deploy did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeployReport {
    /// Migration directories found locally.
    pub migrations_found: usize,
    /// Names applied by this run, in order (empty: "No pending migrations to apply.").
    pub applied: Vec<String>,
    /// Whether the database did not exist and was created first.
    pub database_created: bool,
}

/// Applies the pending migrations of `folder` to `target`.
pub fn deploy(
    target: &Target,
    folder: &MigrationsFolder,
    progress: &mut dyn FnMut(Progress<'_>),
) -> Result<DeployReport, MigrateError> {
    let mut conn = target.connect()?;
    let settings = ApplySettings { provider: &target.provider, disable_advisory_lock: target.disable_advisory_lock };
    let applied = apply_migrations(&mut conn, target.kind(), &target.namespaces, folder, settings, progress)?;
    Ok(DeployReport { migrations_found: folder.migrations.len(), applied, database_created: false })
}

/// Options for applications that apply their migrations at start-up.
#[derive(Clone)]
pub struct DeployOptions {
    /// `postgresql://…`, `mysql://…` or `file:./dev.db`.
    pub url: String,
    /// The folder holding the migration directories and `migration_lock.toml`.
    pub migrations_dir: PathBuf,
    /// Base for relative SQLite paths; `None` = the migrations folder's parent (the schema's
    /// folder in Prisma's layout).
    pub base_dir: Option<PathBuf>,
    /// Create the database first when it does not exist.
    pub create_database: bool,
    /// Skip the advisory lock (only when something else serialises deploys).
    pub disable_advisory_lock: bool,
}

/// Written by hand so that logging the options never prints the URL's password.
impl std::fmt::Debug for DeployOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DeployOptions")
            .field("url", &db::redact(&self.url))
            .field("migrations_dir", &self.migrations_dir)
            .field("base_dir", &self.base_dir)
            .field("create_database", &self.create_database)
            .field("disable_advisory_lock", &self.disable_advisory_lock)
            .finish()
    }
}

impl DeployOptions {
    pub fn new(url: impl Into<String>, migrations_dir: impl Into<PathBuf>) -> DeployOptions {
        DeployOptions { url: url.into(), migrations_dir: migrations_dir.into(), ..DeployOptions::default() }
    }
}

/// Creates the database when missing, takes the lock; `url` and `migrations_dir` are empty.
impl Default for DeployOptions {
    fn default() -> DeployOptions {
        DeployOptions {
            url: String::new(),
            migrations_dir: PathBuf::new(),
            base_dir: None,
            create_database: true,
            disable_advisory_lock: false,
        }
    }
}

/// Applies pending migrations at application start-up: the library form of
/// `strata migrate deploy`. Safe to call from many processes at once (the migrate lock
/// serialises them; each migration is applied exactly once).
///
/// ```no_run
/// let report = migrate::deploy_with(&migrate::DeployOptions {
///     url: std::env::var("DATABASE_URL").expect("DATABASE_URL"),
///     migrations_dir: "prisma/migrations".into(),
///     ..Default::default()
/// })?;
/// for name in &report.applied {
///     eprintln!("applied {name}");
/// }
/// # Ok::<(), migrate::MigrateError>(())
/// ```
pub fn deploy_with(options: &DeployOptions) -> Result<DeployReport, MigrateError> {
    let base_dir = options
        .base_dir
        .clone()
        .or_else(|| options.migrations_dir.parent().map(Path::to_path_buf))
        .unwrap_or_else(|| PathBuf::from("."));
    let mut target = Target::new(&options.url, &base_dir)?;
    target.disable_advisory_lock = options.disable_advisory_lock;
    let database_created = options.create_database && target.ensure_database_exists()?;
    let folder = MigrationsFolder::read(&options.migrations_dir)?;
    let mut report = deploy(&target, &folder, &mut |_| {})?;
    report.database_created = database_created;
    Ok(report)
}

#[cfg(test)]
mod tests {
    #[test]
    fn debug_never_shows_the_password() {
        let options = super::DeployOptions::new("postgresql://app:Sup3rSecret@db:5432/app", "prisma/migrations");
        let debug = format!("{options:?}");
        assert!(!debug.contains("Sup3rSecret"), "{debug}");
        assert!(debug.contains("app@db") || debug.contains("****"), "{debug}");
    }
}
