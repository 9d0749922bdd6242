//! Migrations folder → [`SqlSchema`] (spec §5.1, §5.2): the migrations are replayed on a shadow
//! database and the result is described. Used by `migrate diff --from/--to-migrations` and by
//! `migrate dev` (drift: the applied prefix; data-loss evaluation: every migration).
//!
//! The shadow database is always dropped (a configured one is reset and kept), also when a
//! migration fails (P3006) and, through [`crate::shadow`]'s registry, on Ctrl-C.

use crate::error::MigrateError;
use crate::migrations_dir::MigrationDirectory;
use crate::shadow::{replay, with_shadow_database};
use crate::target::Target;
use db::{Connection, ConnectionInfo};
use flavour::describe::DescribeOptions;
use sql_schema::SqlSchema;

/// How a history is replayed and described.
#[derive(Debug, Clone, Default)]
pub struct ReplayOptions {
    /// What the schema file says about describing (namespaces, `partialIndexes`):
    /// `DescribeOptions::for_datamodel(&datamodel)` when there is a datamodel.
    pub describe: DescribeOptions,
    /// Run on the shadow database before the first migration (Prisma 7's `initShadowDb`).
    pub init_script: Option<String>,
    /// Where replayed schemas are cached; `None` replays every time.
    pub cache: Option<crate::replay_cache::ReplayCache>,
    /// Told about each migration as it starts on a shadow database (the CLI shows progress).
    pub progress: Option<ReplayProgress>,
}

/// A migration about to be replayed: `index` (0-based) of `total` in the history.
#[derive(Debug, Clone, Copy)]
pub struct ReplayEvent<'a> {
    pub migration: &'a str,
    pub index: usize,
    pub total: usize,
}

/// A progress callback for [`ReplayOptions::progress`].
#[derive(Clone)]
pub struct ReplayProgress(pub std::sync::Arc<dyn Fn(ReplayEvent<'_>) + Send + Sync>);

impl std::fmt::Debug for ReplayProgress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ReplayProgress")
    }
}

/// The schema the migrations produce, replayed on `shadow` (reset first, kept) or on a
/// temporary database on `main`'s server (always dropped). A failing migration is P3006, a
/// missing script P3015.
pub fn schema_of_migrations(
    main: &Target,
    shadow: Option<&Target>,
    migrations: &[MigrationDirectory],
    options: &ReplayOptions,
) -> Result<SqlSchema, MigrateError> {
    let mut schemas = schemas_of_prefixes(main, shadow, migrations, &[migrations.len()], options)?;
    Ok(schemas.pop().unwrap_or_default())
}

/// The schemas of several prefixes of one history, from one replay: `prefix_lengths[i]`
/// migrations give `result[i]` (lengths above `migrations.len()` are capped). `migrate dev`
/// asks for the applied prefix (drift) and the whole history (data-loss evaluation) at once.
///
/// A failure is reported for the first migration that fails (P3006 names it), so a caller can
/// tell whether it lies inside a given prefix.
pub fn schemas_of_prefixes(
    main: &Target,
    shadow: Option<&Target>,
    migrations: &[MigrationDirectory],
    prefix_lengths: &[usize],
    options: &ReplayOptions,
) -> Result<Vec<SqlSchema>, MigrateError> {
    schemas_of_prefixes_with_stats(main, shadow, migrations, prefix_lengths, options).map(|(schemas, _)| schemas)
}

/// What one call cost: how much was replayed and what came from the cache.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReplayStats {
    /// Shadow databases created (or configured ones reset).
    pub shadow_databases: usize,
    /// Migration scripts run on a shadow database.
    pub migrations_applied: usize,
    /// Prefixes whose schema came from the cache.
    pub cache_hits: usize,
    /// The prefix length of the template the shadow database was cloned from.
    pub from_template: Option<usize>,
    /// Names of the shadow databases used (SQLite: file paths), e.g. to check they are gone.
    pub shadow_names: Vec<String>,
}

/// [`schemas_of_prefixes`], also reporting what it cost.
pub fn schemas_of_prefixes_with_stats(
    main: &Target,
    shadow: Option<&Target>,
    migrations: &[MigrationDirectory],
    prefix_lengths: &[usize],
    options: &ReplayOptions,
) -> Result<(Vec<SqlSchema>, ReplayStats), MigrateError> {
    let mut stats = ReplayStats::default();
    let schemas = schemas_of_prefixes_counted(main, shadow, migrations, prefix_lengths, options, &mut stats)?;
    Ok((schemas, stats))
}

/// [`schemas_of_prefixes`], adding what it cost to `stats`, also when it fails.
pub fn schemas_of_prefixes_counted(
    main: &Target,
    shadow: Option<&Target>,
    migrations: &[MigrationDirectory],
    prefix_lengths: &[usize],
    options: &ReplayOptions,
    stats: &mut ReplayStats,
) -> Result<Vec<SqlSchema>, MigrateError> {
    match &options.cache {
        Some(cache) => {
            crate::replay_cache::schemas_of_prefixes(cache, main, shadow, migrations, prefix_lengths, options, stats)
        }
        None => replay_uncached(main, shadow, migrations, prefix_lengths, options, stats),
    }
}

pub(crate) fn replay_uncached(
    main: &Target,
    shadow: Option<&Target>,
    migrations: &[MigrationDirectory],
    prefix_lengths: &[usize],
    options: &ReplayOptions,
    stats: &mut ReplayStats,
) -> Result<Vec<SqlSchema>, MigrateError> {
    stats.shadow_databases += 1;
    with_shadow_database(main, shadow, |conn, shadow| {
        stats.shadow_names.push(shadow_name(&shadow.info));
        if let Some(script) = &options.init_script {
            conn.apply_script(script)?;
        }
        stats.migrations_applied += prefix_lengths.iter().map(|&n| n.min(migrations.len())).max().unwrap_or(0);
        replay_prefixes_on(conn, migrations, 0, prefix_lengths, options)
    })
}

/// How [`ReplayStats::shadow_names`] names a shadow database.
pub(crate) fn shadow_name(info: &ConnectionInfo) -> String {
    match info.sqlite_path() {
        Some(path) => path.display().to_string(),
        None => info.database_name().to_owned(),
    }
}

/// Replays `migrations[already..]` on `conn` (which holds the first `already` of them), stopping
/// at each requested prefix length to describe. Results are in the order of `prefix_lengths`.
pub(crate) fn replay_prefixes_on(
    conn: &mut Connection,
    migrations: &[MigrationDirectory],
    already: usize,
    prefix_lengths: &[usize],
    options: &ReplayOptions,
) -> Result<Vec<SqlSchema>, MigrateError> {
    let mut cuts: Vec<usize> = prefix_lengths.iter().map(|&n| n.clamp(already, migrations.len())).collect();
    cuts.sort_unstable();
    cuts.dedup();
    let mut applied = already;
    let mut described: Vec<(usize, SqlSchema)> = Vec::with_capacity(cuts.len());
    for cut in cuts {
        for (index, migration) in migrations.iter().enumerate().take(cut).skip(applied) {
            if let Some(progress) = &options.progress {
                (progress.0)(ReplayEvent { migration: &migration.name, index, total: migrations.len() });
            }
            replay(conn, std::slice::from_ref(migration), None)?;
        }
        applied = cut;
        described.push((cut, describe_shadow(conn, &options.describe)?));
    }
    Ok(prefix_lengths
        .iter()
        .map(|&n| {
            let n = n.clamp(already, migrations.len());
            described.iter().find(|(cut, _)| *cut == n).map(|(_, s)| s.clone()).unwrap_or_default()
        })
        .collect())
}

/// Describes a shadow database as the main database would be described.
pub(crate) fn describe_shadow(conn: &mut Connection, options: &DescribeOptions) -> Result<SqlSchema, MigrateError> {
    flavour::describe::describe_connection(conn, options).map_err(|err| MigrateError::Describe(Box::new(err)))
}

/// The schema a plain SQL schema file produces: applied to a shadow database, then described
/// (strata's `--from-sql` / `--to-sql`). A failing script names the file.
pub fn schema_of_sql(
    main: &Target,
    shadow: Option<&Target>,
    source_name: &str,
    sql: &str,
    options: &ReplayOptions,
) -> Result<SqlSchema, MigrateError> {
    with_shadow_database(main, shadow, |conn, _| {
        if let Some(script) = &options.init_script {
            conn.apply_script(script)?;
        }
        conn.apply_script(sql).map_err(|err| MigrateError::SqlSourceDoesNotApply {
            source_name: source_name.to_owned(),
            inner_error: err.database_error,
        })?;
        describe_shadow(conn, &options.describe)
    })
}

// ---------------------------------------------------------------------------------------------
// Temporary shadow databases alive in this process, so that Ctrl-C can drop them.

static LIVE_SHADOWS: std::sync::Mutex<Vec<ConnectionInfo>> = std::sync::Mutex::new(Vec::new());

pub(crate) fn register_live_shadow(info: &ConnectionInfo) {
    if let Ok(mut live) = LIVE_SHADOWS.lock() {
        live.push(info.clone());
    }
}

pub(crate) fn unregister_live_shadow(info: &ConnectionInfo) {
    if let Ok(mut live) = LIVE_SHADOWS.lock() {
        live.retain(|other| other.url_with_secrets() != info.url_with_secrets());
    }
}

/// Drops every temporary shadow database this process has created and not yet dropped. For
/// an interrupt handler (the CLI's Ctrl-C): PostgreSQL's `WITH (FORCE)` ends the session still
/// replaying into it. Returns how many were dropped.
pub fn drop_live_shadow_databases() -> usize {
    let live = match LIVE_SHADOWS.lock() {
        Ok(mut live) => std::mem::take(&mut *live),
        Err(poisoned) => std::mem::take(&mut *poisoned.into_inner()),
    };
    live.iter()
        .filter(|info| {
            end_mysql_sessions(info);
            db::drop_database(info).is_ok()
        })
        .count()
}

/// MySQL's DROP DATABASE waits for the metadata locks of a statement still running in the
/// database (the interrupted replay): end those sessions first. PostgreSQL's drop uses
/// `WITH (FORCE)`; SQLite has no sessions to end.
fn end_mysql_sessions(info: &ConnectionInfo) {
    if info.kind() != db::DbKind::Mysql {
        return;
    }
    let Ok(mut conn) = Connection::connect(info) else { return };
    let sql = "SELECT ID FROM information_schema.PROCESSLIST WHERE DB = DATABASE() AND ID <> CONNECTION_ID()";
    let Ok(rows) = conn.query(sql, &[]) else { return };
    for id in rows.iter().filter_map(|row| row.first().and_then(db::Value::as_i64)) {
        let _ = conn.raw_cmd(&format!("KILL {id}"));
    }
}

/// Creates a temporary shadow database (registered for Ctrl-C before it exists), P3014 when
/// the server refuses.
pub(crate) fn create_temporary_database(shadow: &Target) -> Result<(), MigrateError> {
    register_live_shadow(&shadow.info);
    db::create_database(&shadow.info).map_err(|err| {
        unregister_live_shadow(&shadow.info);
        MigrateError::ShadowDatabaseCreation {
            error_code: err.code().map(|c| format!("Error code: {c}\n")).unwrap_or_default(),
            inner_error: err.to_string(),
        }
    })
}

/// Drops a temporary shadow database; a failed drop must not hide the outcome of the replay.
pub(crate) fn drop_temporary_database(shadow: &Target) {
    let _ = db::drop_database(&shadow.info);
    unregister_live_shadow(&shadow.info);
}
