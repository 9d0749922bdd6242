//! Beyond Prisma: the replay cache. Replaying a long migration history on a shadow database is
//! the slowest part of `migrate dev` and `migrate diff --from-migrations`; its result depends
//! only on the server, the scripts and the describe settings, so it is cached.
//!
//! - **Described schemas** are stored as JSON files in the folder the caller passes in
//!   ([`ReplayCache::dir`]; the CLI uses `$XDG_CACHE_HOME/strata`), one file per replayed
//!   prefix, keyed by a hash of the entry format, the strata build ([`ReplayCache::fingerprint`]),
//!   the provider, the server version, the connection's schema, the describe options, the init
//!   script and the ordered migration names and checksums. An unchanged history is never
//!   replayed twice. Unreadable or corrupt entries are misses, never errors; writes go to a
//!   temporary file renamed into place, so readers never see half an entry. The 512 most
//!   recently used entries are kept.
//! - **PostgreSQL templates**: when a temporary shadow database is used, the database of the
//!   last replayed history is kept on the server as `strata_replay_tpl_<hash of the prefix>`.
//!   A history that extends it is replayed by `CREATE DATABASE … TEMPLATE …` and only the new
//!   migrations. A copy of the catalog is exactly what a replay from scratch produces, so this
//!   is sound; anything going wrong with a template falls back to a full replay.
//! - MySQL, SQLite and configured shadow databases (`shadowDatabaseUrl`) replay in full on a miss.

use crate::error::MigrateError;
use crate::migrations_dir::MigrationDirectory;
use crate::replay::{replay_prefixes_on, ReplayOptions, ReplayStats};
use crate::target::Target;
use db::{Connection, ConnectionInfo, DbKind};
use sha2::{Digest, Sha256};
use sql_schema::SqlSchema;
use std::path::{Path, PathBuf};

/// Help text for the CLI's `migrate dev` and `migrate diff`: where the cache lives, how to clear it.
pub const REPLAY_CACHE_HELP: &str = "Replayed migration histories are cached in $XDG_CACHE_HOME/strata (default ~/.cache/strata), so an unchanged history is never replayed twice; on PostgreSQL the last replayed history is also kept as a `strata_replay_tpl_*` template database on the server, so appended migrations replay alone. Set STRATA_REPLAY_CACHE=off to bypass the cache; to clear it, delete that folder and drop the `strata_replay_tpl_*` databases.";

/// Bumped whenever the entry layout or the meaning of a key changes: old entries become misses.
const FORMAT_VERSION: u32 = 1;
/// Prefix of the PostgreSQL template databases (the rest is 32 hex digits: 50 bytes < 63).
pub const TEMPLATE_PREFIX: &str = "strata_replay_tpl_";
const SHADOW_PREFIX: &str = "prisma_migrate_shadow_db_";
/// Templates kept per server, over all histories (projects, branches); the oldest go first.
pub const MAX_TEMPLATES: usize = 16;

/// Where replayed schemas are cached.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReplayCache {
    /// The cache folder (created on first write); entries go to `<dir>/replay/`.
    pub dir: PathBuf,
    /// Identifies the strata build (e.g. its version and executable's modification time):
    /// a different describe implementation must not read another build's schemas.
    pub fingerprint: String,
    /// Keep templates of replayed histories (PostgreSQL template databases, SQLite files) so
    /// appended migrations replay alone (on by default).
    pub templates: bool,
}

impl ReplayCache {
    pub fn new(dir: impl Into<PathBuf>, fingerprint: impl Into<String>) -> ReplayCache {
        ReplayCache { dir: dir.into(), fingerprint: fingerprint.into(), templates: true }
    }

    fn entries_dir(&self) -> PathBuf {
        self.dir.join("replay")
    }

    fn entry_path(&self, key: &str) -> PathBuf {
        self.entries_dir().join(format!("{key}.json"))
    }
}

#[derive(serde::Serialize, serde::Deserialize)]
struct Entry {
    format: u32,
    key: String,
    schema: SqlSchema,
}

/// The cached path of [`crate::replay::schemas_of_prefixes_with_stats`].
pub(crate) fn schemas_of_prefixes(
    cache: &ReplayCache,
    main: &Target,
    shadow: Option<&Target>,
    migrations: &[MigrationDirectory],
    prefix_lengths: &[usize],
    options: &ReplayOptions,
    stats: &mut ReplayStats,
) -> Result<Vec<SqlSchema>, MigrateError> {
    let server = shadow.unwrap_or(main);
    // Without the server version there is no sound key: replay as if there were no cache (the
    // replay reports the connection problem, if that is what it is).
    let Ok(version) = server_version(server) else {
        return crate::replay::replay_uncached(main, shadow, migrations, prefix_lengths, options, stats);
    };
    let keys = HistoryKeys::new(cache, server, &version, migrations, options);
    let lengths: Vec<usize> = prefix_lengths.iter().map(|&n| n.min(migrations.len())).collect();
    let mut found: Vec<(usize, SqlSchema)> = Vec::new();
    let mut missing: Vec<usize> = Vec::new();
    for &n in &lengths {
        if found.iter().any(|(m, _)| *m == n) || missing.contains(&n) {
            continue;
        }
        match read_entry(cache, &keys.entry(n)) {
            Some(schema) => {
                stats.cache_hits += 1;
                found.push((n, schema));
            }
            None => missing.push(n),
        }
    }
    if !missing.is_empty() {
        missing.sort_unstable();
        let schemas = replay_missing(cache, main, shadow, migrations, &missing, &keys, options, stats)?;
        for (&n, schema) in missing.iter().zip(schemas) {
            write_entry(cache, &keys.entry(n), &schema);
            found.push((n, schema));
        }
    }
    Ok(lengths
        .iter()
        .map(|n| found.iter().find(|(m, _)| m == n).map(|(_, s)| s.clone()).unwrap_or_default())
        .collect())
}

#[allow(clippy::too_many_arguments)]
fn replay_missing(
    cache: &ReplayCache,
    main: &Target,
    shadow: Option<&Target>,
    migrations: &[MigrationDirectory],
    missing: &[usize],
    keys: &HistoryKeys,
    options: &ReplayOptions,
    stats: &mut ReplayStats,
) -> Result<Vec<SqlSchema>, MigrateError> {
    if cache.templates && shadow.is_none() {
        match main.kind() {
            DbKind::Postgres => return pg_template_replay(main, migrations, missing, keys, options, stats),
            DbKind::Sqlite => return sqlite_template_replay(cache, main, migrations, missing, keys, options, stats),
            DbKind::Mysql => {}
        }
    }
    crate::replay::replay_uncached(main, shadow, migrations, missing, options, stats)
}

/// The version of the server the replay runs on. SQLite's is the linked library's. The URL's
/// database may not exist yet (`migrate diff` never creates it): then the server's maintenance
/// database answers.
fn server_version(server: &Target) -> Result<String, MigrateError> {
    let maintenance = match server.kind() {
        DbKind::Sqlite => return Ok(Connection::connect(&ConnectionInfo::sqlite_in_memory())?.server_version()?),
        DbKind::Postgres => "postgres",
        DbKind::Mysql => "mysql",
    };
    let mut conn = match Connection::connect(&server.info) {
        Ok(conn) => conn,
        Err(_) => Connection::connect(&server.info.with_database(maintenance))?,
    };
    Ok(conn.server_version()?)
}

/// Hashes of every prefix of one history: template keys (what a replay produces) and entry
/// keys (what describe made of it).
struct HistoryKeys {
    templates: Vec<String>,
    entry_salt: String,
}

impl HistoryKeys {
    fn new(
        cache: &ReplayCache,
        server: &Target,
        version: &str,
        migrations: &[MigrationDirectory],
        options: &ReplayOptions,
    ) -> HistoryKeys {
        let mut hasher = Sha256::new();
        for part in [
            "strata replay",
            &server.provider,
            version,
            server.info.schema_name().unwrap_or(""),
            options.init_script.as_deref().unwrap_or(""),
        ] {
            hasher.update(part.len().to_le_bytes());
            hasher.update(part.as_bytes());
        }
        let mut templates = Vec::with_capacity(migrations.len() + 1);
        templates.push(hex(&hasher.clone().finalize()));
        for migration in migrations {
            let checksum = migration.checksum().unwrap_or_else(|| "<unreadable>".to_owned());
            for part in [migration.name.as_str(), checksum.as_str()] {
                hasher.update(part.len().to_le_bytes());
                hasher.update(part.as_bytes());
            }
            templates.push(hex(&hasher.clone().finalize()));
        }
        let entry_salt = format!("{FORMAT_VERSION}\0{}\0{:?}", cache.fingerprint, options.describe);
        HistoryKeys { templates, entry_salt }
    }

    fn entry(&self, prefix: usize) -> String {
        let mut hasher = Sha256::new();
        hasher.update(self.entry_salt.as_bytes());
        hasher.update([0]);
        hasher.update(self.templates[prefix].as_bytes());
        hex(&hasher.finalize())
    }

    fn template_name(&self, prefix: usize) -> String {
        format!("{TEMPLATE_PREFIX}{}", &self.templates[prefix][..32])
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A cached schema, or None for anything but a well-formed entry of this format and key. A hit
/// is marked recently used (its modification time), which [`trim_entries`] goes by.
fn read_entry(cache: &ReplayCache, key: &str) -> Option<SqlSchema> {
    let path = cache.entry_path(key);
    let text = std::fs::read(&path).ok()?;
    let entry: Entry = serde_json::from_slice(&text).ok()?;
    if entry.format != FORMAT_VERSION || entry.key != key {
        return None;
    }
    if let Ok(file) = std::fs::File::options().append(true).open(&path) {
        let _ = file.set_modified(std::time::SystemTime::now());
    }
    Some(entry.schema)
}

/// Entries kept in the cache folder; the least recently used go first.
const MAX_ENTRIES: usize = 512;

fn trim_entries(dir: &Path) {
    let Ok(read) = std::fs::read_dir(dir) else { return };
    let mut entries: Vec<(std::time::SystemTime, PathBuf)> = read
        .filter_map(|entry| entry.ok())
        .filter(|entry| entry.path().extension().is_some_and(|ext| ext == "json"))
        .filter_map(|entry| Some((entry.metadata().ok()?.modified().ok()?, entry.path())))
        .collect();
    if entries.len() <= MAX_ENTRIES {
        return;
    }
    entries.sort();
    let excess = entries.len() - MAX_ENTRIES;
    for (_, path) in entries.into_iter().take(excess) {
        let _ = std::fs::remove_file(path);
    }
}

/// Stores an entry atomically. A cache that cannot be written is no error: the next run replays.
fn write_entry(cache: &ReplayCache, key: &str, schema: &SqlSchema) {
    let entry = Entry { format: FORMAT_VERSION, key: key.to_owned(), schema: schema.clone() };
    let Ok(json) = serde_json::to_vec(&entry) else { return };
    if write_atomically(&cache.entries_dir(), &cache.entry_path(key), &json).is_ok() {
        trim_entries(&cache.entries_dir());
    }
}

fn write_atomically(dir: &Path, path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let tmp = dir.join(format!(".tmp-{}", uuid::Uuid::new_v4()));
    let written = std::fs::write(&tmp, bytes).and_then(|()| std::fs::rename(&tmp, path));
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    written
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL templates

/// Replays the missing prefixes on a temporary shadow database cloned from the template of the
/// longest cached prefix (or created empty), then keeps the result as the new template.
fn pg_template_replay(
    main: &Target,
    migrations: &[MigrationDirectory],
    missing: &[usize],
    keys: &HistoryKeys,
    options: &ReplayOptions,
    stats: &mut ReplayStats,
) -> Result<Vec<SqlSchema>, MigrateError> {
    let first_missing = missing.first().copied().unwrap_or(0);
    let last_missing = missing.last().copied().unwrap_or(0);
    let mut admin = pg_admin_connection(main)?;
    let existing = list_templates(&mut admin).unwrap_or_default();
    let start = (1..=first_missing).rev().find(|&p| existing.contains(&keys.template_name(p)));

    let shadow_name = format!("{SHADOW_PREFIX}{}", uuid::Uuid::new_v4());
    let mut shadow = Target::from_info(main.info.with_database(&shadow_name));
    shadow.provider = main.provider.clone();
    shadow.namespaces = main.namespaces.clone();
    let cloned = match start {
        Some(p) => clone_template(&mut admin, &shadow, &keys.template_name(p)).then_some(p),
        None => None,
    };
    if cloned.is_none() {
        crate::replay::create_temporary_database(&shadow)?;
    }
    stats.shadow_databases += 1;
    stats.shadow_names.push(crate::replay::shadow_name(&shadow.info));
    stats.from_template = cloned;
    let already = cloned.unwrap_or(0);
    let outcome = shadow.connect().and_then(|mut conn| {
        if already == 0 {
            if let Some(script) = &options.init_script {
                conn.apply_script(script)?;
            }
        }
        stats.migrations_applied += last_missing.saturating_sub(already);
        replay_prefixes_on(&mut conn, migrations, already, missing, options)
    });
    let kept = outcome.is_ok()
        && last_missing > 0
        && !existing.contains(&keys.template_name(last_missing))
        && keep_as_template(&mut admin, &shadow, &keys.template_name(last_missing));
    if !kept {
        crate::replay::drop_temporary_database(&shadow);
    }
    if kept {
        drop_older_templates(&mut admin, keys, &existing, already);
    }
    outcome
}

/// A connection to the server for CREATE / ALTER / DROP DATABASE: the main database, else the
/// `postgres` maintenance database (the main database may not exist yet).
fn pg_admin_connection(main: &Target) -> Result<Connection, MigrateError> {
    match Connection::connect(&main.info) {
        Ok(conn) => Ok(conn),
        Err(_) => Ok(Connection::connect(&main.info.with_database("postgres"))?),
    }
}

fn list_templates(admin: &mut Connection) -> Result<Vec<String>, MigrateError> {
    let rows = admin.query(
        "SELECT datname::text FROM pg_database WHERE starts_with(datname::text, $1) ORDER BY oid",
        &[TEMPLATE_PREFIX.into()],
    )?;
    Ok(rows.iter().filter_map(|row| row.first().and_then(db::Value::to_text)).collect())
}

/// Clones a template into the (registered) shadow database; false when that fails (the template
/// is in use, was just dropped, …): the caller replays from scratch.
fn clone_template(admin: &mut Connection, shadow: &Target, template: &str) -> bool {
    crate::replay::register_live_shadow(&shadow.info);
    let sql = format!("CREATE DATABASE {} TEMPLATE {}", pg_ident(shadow.info.database_name()), pg_ident(template));
    if admin.raw_cmd(&sql).is_ok() {
        return true;
    }
    crate::replay::unregister_live_shadow(&shadow.info);
    false
}

/// Renames the shadow database into the template of its history. Its connection is closed by
/// now (a database with sessions cannot be renamed).
fn keep_as_template(admin: &mut Connection, shadow: &Target, template: &str) -> bool {
    let sql = format!("ALTER DATABASE {} RENAME TO {}", pg_ident(shadow.info.database_name()), pg_ident(template));
    // The closed session's backend may still be exiting (55006: "being accessed by other users").
    for attempt in 0..20 {
        match admin.raw_cmd(&sql) {
            Ok(()) => {
                crate::replay::unregister_live_shadow(&shadow.info);
                return true;
            }
            Err(db::DbError::Server(err)) if err.code == "55006" && attempt < 19 => {
                std::thread::sleep(std::time::Duration::from_millis(25));
            }
            Err(_) => return false,
        }
    }
    false
}

/// Keeps the new template and the one it was cloned from (the history before the appended
/// migrations, useful when the newest migration is edited); drops this history's older ones,
/// then the oldest templates of any history beyond [`MAX_TEMPLATES`] on the server.
fn drop_older_templates(admin: &mut Connection, keys: &HistoryKeys, existing: &[String], cloned_from: usize) {
    let older: Vec<String> = (1..cloned_from).map(|p| keys.template_name(p)).collect();
    let mut remaining: Vec<&String> = Vec::with_capacity(existing.len());
    for name in existing {
        if older.contains(name) {
            drop_template(admin, name);
        } else {
            remaining.push(name);
        }
    }
    // `existing` is in creation order (oid); the new template is not in it.
    let excess = (remaining.len() + 1).saturating_sub(MAX_TEMPLATES);
    for name in remaining.into_iter().take(excess) {
        drop_template(admin, name);
    }
}

fn drop_template(admin: &mut Connection, name: &str) {
    // A template being cloned right now cannot be dropped: it stays until a later clean-up.
    let _ = admin.raw_cmd(&format!("DROP DATABASE IF EXISTS {}", pg_ident(name)));
}


/// Drops the PostgreSQL templates of every prefix of this history on `main`'s server (what a
/// user clearing one project's cache wants; tests clean up with it). Returns how many existed.
pub fn drop_templates_of(
    main: &Target,
    migrations: &[MigrationDirectory],
    options: &ReplayOptions,
) -> Result<usize, MigrateError> {
    if main.kind() != DbKind::Postgres {
        return Ok(0);
    }
    let version = server_version(main)?;
    let cache = options.cache.clone().unwrap_or_else(|| ReplayCache::new("", ""));
    let keys = HistoryKeys::new(&cache, main, &version, migrations, options);
    let mut admin = pg_admin_connection(main)?;
    let existing = list_templates(&mut admin)?;
    let mut dropped = 0;
    for prefix in 0..=migrations.len() {
        let name = keys.template_name(prefix);
        if existing.contains(&name) {
            admin.raw_cmd(&format!("DROP DATABASE IF EXISTS {}", pg_ident(&name)))?;
            dropped += 1;
        }
    }
    Ok(dropped)
}

/// Drops every `strata_replay_tpl_*` database on `main`'s server. Returns how many there were.
pub fn drop_all_templates(main: &Target) -> Result<usize, MigrateError> {
    if main.kind() != DbKind::Postgres {
        return Ok(0);
    }
    let mut admin = pg_admin_connection(main)?;
    let existing = list_templates(&mut admin)?;
    for name in &existing {
        admin.raw_cmd(&format!("DROP DATABASE IF EXISTS {}", pg_ident(name)))?;
    }
    Ok(existing.len())
}

// ---------------------------------------------------------------------------------------------
// SQLite templates: files in the cache folder

/// Templates kept in the cache folder; the least recently written go first.
const MAX_SQLITE_TEMPLATES: usize = 16;

/// As [`pg_template_replay`], with files: the shadow database is created in the cache folder
/// (a copy of the longest cached prefix, or empty) and renamed into the template afterwards.
#[allow(clippy::too_many_arguments)]
fn sqlite_template_replay(
    cache: &ReplayCache,
    main: &Target,
    migrations: &[MigrationDirectory],
    missing: &[usize],
    keys: &HistoryKeys,
    options: &ReplayOptions,
    stats: &mut ReplayStats,
) -> Result<Vec<SqlSchema>, MigrateError> {
    let dir = cache.entries_dir().join("sqlite");
    if std::fs::create_dir_all(&dir).is_err() {
        return crate::replay::replay_uncached(main, None, migrations, missing, options, stats);
    }
    let template_path = |prefix: usize| dir.join(format!("{}.db", keys.template_name(prefix)));
    let first_missing = missing.first().copied().unwrap_or(0);
    let last_missing = missing.last().copied().unwrap_or(0);
    let shadow_path = dir.join(format!(".{SHADOW_PREFIX}{}.db", uuid::Uuid::new_v4()));
    let shadow_info = ConnectionInfo::parse(&format!("file:{}", shadow_path.display()), &dir)?;
    let mut shadow = Target::from_info(shadow_info);
    shadow.provider = main.provider.clone();

    crate::replay::register_live_shadow(&shadow.info);
    let start = (1..=first_missing)
        .rev()
        .find(|&p| template_path(p).is_file() && std::fs::copy(template_path(p), &shadow_path).is_ok());
    if start.is_none() {
        crate::replay::create_temporary_database(&shadow)?;
    }
    stats.shadow_databases += 1;
    stats.shadow_names.push(crate::replay::shadow_name(&shadow.info));
    stats.from_template = start;
    let already = start.unwrap_or(0);
    let outcome = shadow.connect().and_then(|mut conn| {
        if already == 0 {
            if let Some(script) = &options.init_script {
                conn.apply_script(script)?;
            }
        }
        stats.migrations_applied += last_missing.saturating_sub(already);
        replay_prefixes_on(&mut conn, migrations, already, missing, options)
    });
    let kept = outcome.is_ok()
        && last_missing > 0
        && !template_path(last_missing).exists()
        && std::fs::rename(&shadow_path, template_path(last_missing)).is_ok();
    if kept {
        crate::replay::unregister_live_shadow(&shadow.info);
        for prefix in 1..already {
            let _ = std::fs::remove_file(template_path(prefix));
        }
        trim_sqlite_templates(&dir);
    } else {
        crate::replay::drop_temporary_database(&shadow);
    }
    outcome
}

/// Keeps the [`MAX_SQLITE_TEMPLATES`] most recently written template files.
fn trim_sqlite_templates(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let mut files: Vec<(std::time::SystemTime, PathBuf)> = entries
        .filter_map(|entry| entry.ok())
        .filter(|entry| entry.file_name().to_string_lossy().starts_with(TEMPLATE_PREFIX))
        .filter_map(|entry| Some((entry.metadata().ok()?.modified().ok()?, entry.path())))
        .collect();
    files.sort();
    let excess = files.len().saturating_sub(MAX_SQLITE_TEMPLATES);
    for (_, path) in files.into_iter().take(excess) {
        let _ = std::fs::remove_file(path);
    }
}

fn pg_ident(name: &str) -> String {
    db::quote_ident(db::DbKind::Postgres, name)
}
