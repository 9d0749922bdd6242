//! The migrations folder (spec §4): one sub-directory per migration holding `migration.sql`,
//! plus `migration_lock.toml` at the root.

use crate::error::MigrateError;
use std::path::{Path, PathBuf};

/// The script file inside each migration directory.
pub const MIGRATION_FILE: &str = "migration.sql";
/// The lock file at the root of the migrations folder.
pub const LOCK_FILE: &str = "migration_lock.toml";
/// What Prisma reads as the provider when the lock file has no `provider` line.
pub const PROVIDER_NOT_FOUND: &str = "<PROVIDER NOT FOUND>";

/// One migration directory, its script read eagerly like Prisma's CLI does (≥ 6.6).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MigrationDirectory {
    /// The directory name, e.g. `20240101120000_init`; also the `migration_name` in history.
    pub name: String,
    pub path: PathBuf,
    /// The script text, or the reason it could not be read.
    pub script: Result<String, ScriptReadError>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScriptReadError {
    pub path: PathBuf,
    pub message: String,
}

impl MigrationDirectory {
    /// The script, or P3015 when `migration.sql` is missing or unreadable.
    pub fn read_script(&self) -> Result<&str, MigrateError> {
        match &self.script {
            Ok(script) => Ok(script),
            Err(err) => Err(MigrateError::MigrationFileNotFound { path: err.path.display().to_string() }),
        }
    }

    pub fn checksum(&self) -> Option<String> {
        self.script.as_deref().ok().map(crate::checksum::compute)
    }
}

/// The migrations folder as read from disk.
#[derive(Debug, Clone, Default)]
pub struct MigrationsFolder {
    pub path: PathBuf,
    /// `migration_lock.toml` contents; `None` when the file does not exist.
    pub lock_file: Option<String>,
    /// Sorted by directory name (see [`list`]).
    pub migrations: Vec<MigrationDirectory>,
}

impl MigrationsFolder {
    /// Reads the folder. A missing folder is an empty history, as in Prisma.
    pub fn read(path: &Path) -> Result<MigrationsFolder, MigrateError> {
        Ok(MigrationsFolder {
            path: path.to_path_buf(),
            lock_file: read_lock_file(path)?,
            migrations: list(path)?,
        })
    }

    /// P3019 when the lock file names another provider than `provider` (spec §4.1).
    pub fn check_provider(&self, provider: &str) -> Result<(), MigrateError> {
        let Some(contents) = &self.lock_file else { return Ok(()) };
        let expected = provider_from_lock_file(contents);
        if expected == provider {
            return Ok(());
        }
        Err(MigrateError::ProviderSwitched { provider: provider.to_owned(), expected_provider: expected })
    }

    pub fn find(&self, name: &str) -> Option<&MigrationDirectory> {
        self.migrations.iter().find(|m| m.name == name)
    }
}

/// Every direct sub-directory is a migration, whatever its name; plain files are ignored.
///
/// Sorted by the byte order of the names, like the pre-6.6 Rust engine. Prisma ≥ 6.6 uses JS
/// `localeCompare`; both agree on the usual `YYYYMMDDHHMMSS_name` names (digits first, same
/// length). They can differ only for names that mix case or punctuation at the same position,
/// where byte order is at least stable across machines and locales.
pub fn list(dir: &Path) -> Result<Vec<MigrationDirectory>, MigrateError> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(err) => return Err(MigrateError::io(dir, err)),
    };
    let mut migrations = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|err| MigrateError::io(dir, err))?;
        // `metadata` follows symlinks, so a symlinked migration directory counts too.
        let is_dir = std::fs::metadata(entry.path()).map(|m| m.is_dir()).unwrap_or(false);
        if !is_dir {
            continue;
        }
        let name = entry.file_name().to_string_lossy().into_owned();
        migrations.push(read_migration(entry.path(), name));
    }
    migrations.sort_by(|a, b| a.name.as_bytes().cmp(b.name.as_bytes()));
    Ok(migrations)
}

fn read_migration(path: PathBuf, name: String) -> MigrationDirectory {
    let file = path.join(MIGRATION_FILE);
    let script = std::fs::read(&file)
        .map(|bytes| decode_utf8_like_node(&bytes))
        .map_err(|err| ScriptReadError { path: file, message: err.to_string() });
    MigrationDirectory { name, path, script }
}

/// Node's `fs.readFile(path, 'utf-8')`: invalid sequences become U+FFFD and a leading BOM is
/// kept, so checksums match what Prisma stores for the same file.
pub fn decode_utf8_like_node(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn read_lock_file(dir: &Path) -> Result<Option<String>, MigrateError> {
    let path = dir.join(LOCK_FILE);
    match std::fs::read(&path) {
        Ok(bytes) => Ok(Some(decode_utf8_like_node(&bytes))),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(err) => Err(MigrateError::io(&path, err)),
    }
}

/// Prisma's reading of the lock file, which is deliberately not a TOML parser: the first line
/// starting with `provider`, minus a leading `provider = `, minus surrounding quotes.
pub fn provider_from_lock_file(contents: &str) -> String {
    contents
        .lines()
        .find(|line| line.starts_with("provider"))
        .map(|line| trim_prefix_repeatedly(line, "provider = ").trim_matches('"').to_owned())
        .unwrap_or_else(|| PROVIDER_NOT_FOUND.to_owned())
}

// Mirrors Rust's `trim_start_matches`, which strips the prefix as many times as it repeats.
fn trim_prefix_repeatedly<'a>(mut s: &'a str, prefix: &str) -> &'a str {
    while let Some(rest) = s.strip_prefix(prefix) {
        s = rest;
    }
    s
}

/// The lock file text Prisma writes (verbatim, `createMigration.ts`).
pub fn lock_file_contents(provider: &str) -> String {
    format!(
        "# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = \"{provider}\"\n"
    )
}

/// Writes `migration_lock.toml` (creating the folder if needed).
pub fn write_lock_file(dir: &Path, provider: &str) -> Result<(), MigrateError> {
    std::fs::create_dir_all(dir).map_err(|err| MigrateError::io(dir, err))?;
    let path = dir.join(LOCK_FILE);
    std::fs::write(&path, lock_file_contents(provider)).map_err(|err| MigrateError::io(&path, err))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lock_file_provider_is_read_like_prisma() {
        assert_eq!(provider_from_lock_file(&lock_file_contents("postgresql")), "postgresql");
        assert_eq!(provider_from_lock_file("provider = \"mysql\"\nprovider = \"sqlite\""), "mysql");
        assert_eq!(provider_from_lock_file("# nothing\n"), PROVIDER_NOT_FOUND);
        // Not TOML: spacing matters exactly as in Prisma.
        assert_eq!(provider_from_lock_file("provider=\"sqlite\""), "provider=\"sqlite");
        assert_eq!(provider_from_lock_file("providers = \"x\""), "providers = \"x");
        assert_eq!(provider_from_lock_file("  provider = \"x\""), PROVIDER_NOT_FOUND);
    }

    #[test]
    fn lock_file_text_is_verbatim() {
        assert_eq!(
            lock_file_contents("sqlite"),
            "# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = \"sqlite\"\n"
        );
    }

    #[test]
    fn provider_mismatch_is_p3019() {
        let folder = MigrationsFolder { lock_file: Some(lock_file_contents("postgresql")), ..Default::default() };
        assert!(folder.check_provider("postgresql").is_ok());
        let err = folder.check_provider("mysql").unwrap_err();
        assert_eq!(err.code(), Some("P3019"));
        assert!(err.to_string().ends_with("Read more: https://pris.ly/d/migrate-provider-switch"));
        let err = folder.check_provider("cockroachdb").unwrap_err();
        assert!(err.to_string().ends_with("https://pris.ly/d/cockroachdb-postgresql-provider"));
        let no_lock = MigrationsFolder::default();
        assert!(no_lock.check_provider("mysql").is_ok());
    }

    #[test]
    fn listing_reads_subdirectories_sorted() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["20240102000000_b", "20240101000000_a", "20240103000000_c"] {
            std::fs::create_dir(dir.path().join(name)).unwrap();
        }
        std::fs::write(dir.path().join("20240101000000_a/migration.sql"), b"\xEF\xBB\xBFSELECT 1;\xFF").unwrap();
        std::fs::write(dir.path().join("20240102000000_b/migration.sql"), "SELECT 2;").unwrap();
        std::fs::write(dir.path().join("README.md"), "ignored").unwrap();
        write_lock_file(dir.path(), "sqlite").unwrap();

        let folder = MigrationsFolder::read(dir.path()).unwrap();
        let names: Vec<_> = folder.migrations.iter().map(|m| m.name.as_str()).collect();
        assert_eq!(names, ["20240101000000_a", "20240102000000_b", "20240103000000_c"]);
        assert_eq!(folder.migrations[0].script.as_deref(), Ok("\u{feff}SELECT 1;\u{fffd}"));
        assert_eq!(folder.migrations[1].read_script().unwrap(), "SELECT 2;");
        let err = folder.migrations[2].read_script().unwrap_err();
        assert_eq!(err.code(), Some("P3015"));
        assert!(err.to_string().starts_with("Could not find the migration file at "));
        assert_eq!(folder.lock_file.as_deref(), Some(lock_file_contents("sqlite").as_str()));
    }

    #[test]
    fn missing_folder_is_empty_history() {
        let dir = tempfile::tempdir().unwrap();
        let folder = MigrationsFolder::read(&dir.path().join("nope")).unwrap();
        assert!(folder.migrations.is_empty());
        assert!(folder.lock_file.is_none());
    }
}
