//! Errors of the migrate commands, carrying Prisma's codes and verbatim texts (spec §1.3).
//! `Display` is the message alone; the CLI prints `Error: <code>\n\n<message>` like Prisma.

use std::path::Path;

#[derive(Debug, thiserror::Error)]
pub enum MigrateError {
    /// P3005
    #[error("The database schema is not empty. Read more about how to baseline an existing production database: https://pris.ly/d/migrate-baseline")]
    DatabaseSchemaNotEmpty,

    /// P3006. `error_code` is `"Error code: Pxxxx\n"` when the inner error has a code, else empty.
    #[error("Migration `{migration_name}` failed to apply cleanly to the shadow database. \n{error_code}Error:\n{inner_error}")]
    MigrationDoesNotApplyCleanly { migration_name: String, error_code: String, inner_error: String },

    /// P3008
    #[error("The migration `{migration_name}` is already recorded as applied in the database.")]
    MigrationAlreadyApplied { migration_name: String },

    /// P3009. `details` holds one line per failed migration.
    #[error("migrate found failed migrations in the target database, new migrations will not be applied. Read more about how to resolve migration issues in a production database: https://pris.ly/d/migrate-resolve\n{details}")]
    FoundFailedMigrations { details: String, failed: Vec<String> },

    /// P3010
    #[error("The name of the migration is too long. It must not be longer than 200 characters (bytes).")]
    MigrationNameTooLong,

    /// P3011
    #[error("Migration `{migration_name}` cannot be rolled back because it was never applied to the database. Hint: did you pass in the whole migration name? (example: \"20201207184859_initial_migration\")")]
    CannotRollBackUnappliedMigration { migration_name: String },

    /// P3012
    #[error("Migration `{migration_name}` cannot be rolled back because it is not in a failed state.")]
    CannotRollBackSucceededMigration { migration_name: String },

    /// P3014. `error_code` is the inner code and a newline, or empty.
    #[error("Prisma Migrate could not create the shadow database. Please make sure the database user has permission to create databases. Read more about the shadow database (and workarounds) at https://pris.ly/d/migrate-shadow\n\nOriginal error: {error_code}\n{inner_error}")]
    ShadowDatabaseCreation { error_code: String, inner_error: String },

    /// P3015
    #[error("Could not find the migration file at {path}. Please delete the directory or restore the migration file.")]
    MigrationFileNotFound { path: String },

    /// P3017
    #[error("The migration {migration_name} could not be found. Please make sure that the migration exists, and that you included the whole name of the directory. (example: \"20201207184859_initial_migration\")")]
    MigrationToMarkAppliedNotFound { migration_name: String },

    /// P3018
    #[error("A migration failed to apply. New migrations cannot be applied before the error is recovered from. Read more about how to resolve migration issues in a production database: https://pris.ly/d/migrate-resolve\n\nMigration name: {migration_name}\n\nDatabase error code: {database_error_code}\n\nDatabase error:\n{database_error}\n")]
    ApplyMigration { migration_name: String, database_error_code: String, database_error: String },

    /// P3019
    #[error("{}", provider_switched_message(provider, expected_provider))]
    ProviderSwitched { provider: String, expected_provider: String },

    /// Connection and query errors, with their P1xxx code when they have one.
    #[error(transparent)]
    Db(Box<db::DbError>),

    /// A script failed: the database's error with P3018's details.
    #[error("{}", .0.database_error)]
    Script(Box<db::ScriptError>),

    /// P1014: `db execute` used a table that does not exist.
    #[error("The underlying table for model `{table}` does not exist.")]
    TableDoesNotExist { table: String },

    /// P2002: `db execute` violated a unique constraint.
    #[error("Unique constraint failed on the {constraint}")]
    UniqueConstraintViolation { constraint: String },

    /// `db execute` failed otherwise: the database's message, as Prisma prints it.
    #[error("{0}")]
    ExecuteFailed(String),

    #[error("{path}: {source}")]
    Io { path: String, source: std::io::Error },

    /// Describing a (shadow) database failed; P4002 for a cross-schema reference.
    #[error(transparent)]
    Describe(Box<flavour::describe::DescribeError>),

    /// strata's `--from-sql` / `--to-sql`: the SQL schema file failed on the shadow database.
    #[error("The SQL file `{source_name}` failed to apply cleanly to the shadow database.\nError:\n{inner_error}")]
    SqlSourceDoesNotApply { source_name: String, inner_error: String },

    /// Errors without a Prisma code (e.g. invariant violations), message verbatim.
    #[error("{0}")]
    Other(String),
}

fn provider_switched_message(provider: &str, expected: &str) -> String {
    let head = format!(
        "The datasource provider `{provider}` specified in your schema does not match the one specified in the migration_lock.toml, `{expected}`."
    );
    if provider == "cockroachdb" && expected == "postgresql" {
        return format!("{head} Check out the following documentation for how to resolve this: https://pris.ly/d/cockroachdb-postgresql-provider");
    }
    format!("{head} Please remove your current migration directory and start a new migration history with prisma migrate dev. Read more: https://pris.ly/d/migrate-provider-switch")
}

// Boxed: the database errors are large and every `Result` here carries a `MigrateError`.
impl From<db::DbError> for MigrateError {
    fn from(err: db::DbError) -> MigrateError {
        MigrateError::Db(Box::new(err))
    }
}

impl From<db::ScriptError> for MigrateError {
    fn from(err: db::ScriptError) -> MigrateError {
        MigrateError::Script(Box::new(err))
    }
}

impl MigrateError {
    /// Prisma's error code, e.g. `Some("P3009")`.
    pub fn code(&self) -> Option<&'static str> {
        Some(match self {
            MigrateError::DatabaseSchemaNotEmpty => "P3005",
            MigrateError::MigrationDoesNotApplyCleanly { .. } => "P3006",
            MigrateError::MigrationAlreadyApplied { .. } => "P3008",
            MigrateError::FoundFailedMigrations { .. } => "P3009",
            MigrateError::MigrationNameTooLong => "P3010",
            MigrateError::CannotRollBackUnappliedMigration { .. } => "P3011",
            MigrateError::CannotRollBackSucceededMigration { .. } => "P3012",
            MigrateError::ShadowDatabaseCreation { .. } => "P3014",
            MigrateError::MigrationFileNotFound { .. } => "P3015",
            MigrateError::MigrationToMarkAppliedNotFound { .. } => "P3017",
            MigrateError::ApplyMigration { .. } => "P3018",
            MigrateError::ProviderSwitched { .. } => "P3019",
            MigrateError::Db(err) => return err.code(),
            MigrateError::Script(err) => return err.code(),
            MigrateError::TableDoesNotExist { .. } => "P1014",
            MigrateError::UniqueConstraintViolation { .. } => "P2002",
            MigrateError::ExecuteFailed(_) => return None,
            MigrateError::Describe(err) => match **err {
                flavour::describe::DescribeError::CrossSchemaReference { .. } => "P4002",
                _ => return None,
            },
            MigrateError::SqlSourceDoesNotApply { .. } => return None,
            MigrateError::Io { .. } | MigrateError::Other(_) => return None,
        })
    }

    pub(crate) fn io(path: &Path, source: std::io::Error) -> MigrateError {
        MigrateError::Io { path: path.display().to_string(), source }
    }
}
