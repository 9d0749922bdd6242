//! How a command finds its inputs (DESIGN.md "Configuration"): the schema files, `.env`, the
//! database URL and the migrations folder. The only place besides `main` that reads the
//! environment.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use anyhow::{bail, Context};
use psl::ast::{SourceFile, SourceFiles};

use crate::output;
use crate::prisma_config::PrismaConfig;

/// `--config`, set once by `main` before any command runs.
static CONFIG_PATH: OnceLock<Option<PathBuf>> = OnceLock::new();
/// The Prisma config file, read on first use (an error is kept as its message).
static PRISMA_CONFIG: OnceLock<Result<Option<PrismaConfig>, String>> = OnceLock::new();

pub fn set_prisma_config_path(path: Option<PathBuf>) {
    let _ = CONFIG_PATH.set(path);
}

/// The project's Prisma config file (`--config`, else `prisma.config.ts` here), if any. The first
/// call reads it and says so, as Prisma does.
pub fn prisma_config() -> anyhow::Result<Option<&'static PrismaConfig>> {
    let loaded = PRISMA_CONFIG.get_or_init(|| {
        let explicit = CONFIG_PATH.get().and_then(Option::as_deref);
        let config = PrismaConfig::find(explicit).map_err(|e| format!("{e:#}"))?;
        if let Some(config) = &config {
            // On stderr, as Prisma writes it.
            output::note(&format!("Loaded Prisma config from {}.\n", display_path(&config.file)));
        }
        Ok(config)
    });
    match loaded {
        Ok(config) => Ok(config.as_ref()),
        Err(message) => bail!("{message}"),
    }
}

/// The schema as found on disk.
pub struct SchemaLocation {
    /// The file, or the folder of a multi-file schema.
    pub path: PathBuf,
    /// The folder that holds the schema: relative SQLite paths and `migrations/` start here.
    pub dir: PathBuf,
}

/// Prisma 6.19's default locations, in its order; then strata's `prisma/schema` folder.
const DEFAULT_FILES: [&str; 2] = ["schema.prisma", "prisma/schema.prisma"];
const DEFAULT_FOLDER: &str = "prisma/schema";

/// `--schema`, else the Prisma config's `schema`, else package.json `prisma.schema`, else the
/// default locations.
pub fn find_schema(arg: Option<&Path>) -> anyhow::Result<SchemaLocation> {
    find_schema_for("--schema", arg)
}

/// [`find_schema`] for a flag of another name (`migrate diff --to-schema-datamodel`), which
/// Prisma names when the path does not exist.
pub fn find_schema_for(flag: &str, arg: Option<&Path>) -> anyhow::Result<SchemaLocation> {
    if let Some(path) = arg {
        if !path.exists() {
            bail!("Could not load `{flag}` from provided path `{}`: file or directory not found", display_path(path));
        }
        return Ok(location(path.to_path_buf()));
    }
    if let Some(path) = prisma_config()?.map(PrismaConfig::schema).transpose()?.flatten() {
        if !path.exists() {
            bail!("Could not load schema from `{}` provided by the Prisma config file: file or directory not found", display_path(&path));
        }
        return Ok(location(path));
    }
    if let Some(path) = package_json_schema()? {
        if !path.exists() {
            bail!(
                "Could not load schema from `{}` provided by \"prisma.schema\" config of `package.json`: file or directory not found",
                display_path(&path)
            );
        }
        return Ok(location(path));
    }
    for candidate in DEFAULT_FILES {
        let path = PathBuf::from(candidate);
        if path.is_file() {
            return Ok(location(path));
        }
    }
    let folder = PathBuf::from(DEFAULT_FOLDER);
    if folder.is_dir() && has_prisma_files(&folder) {
        return Ok(location(folder));
    }
    // Prisma's text, less the Prisma Config file strata does not read.
    bail!(
        "Could not find Prisma Schema that is required for this command.\n\
         You can either provide it with `--schema` argument,\n\
         set it as `prisma.schema` in your package.json,\n\
         or put it into the default location (`./prisma/schema.prisma`, or `./schema.prisma`.\n\
         Checked following paths:\n\n\
         schema.prisma: file not found\n\
         prisma/schema.prisma: file not found\n\
         prisma/schema: directory not found\n\n\
         See also https://pris.ly/d/prisma-schema-location"
    )
}

fn location(path: PathBuf) -> SchemaLocation {
    let dir = if path.is_dir() {
        path.clone()
    } else {
        path.parent().map(Path::to_path_buf).unwrap_or_default()
    };
    let dir = if dir.as_os_str().is_empty() { PathBuf::from(".") } else { dir };
    SchemaLocation { path, dir }
}

fn package_json_schema() -> anyhow::Result<Option<PathBuf>> {
    let Ok(text) = std::fs::read_to_string("package.json") else { return Ok(None) };
    let json: serde_json::Value =
        serde_json::from_str(&text).context("package.json is not valid JSON")?;
    let schema = json.get("prisma").and_then(|p| p.get("schema")).and_then(|s| s.as_str());
    Ok(schema.map(PathBuf::from))
}

fn has_prisma_files(dir: &Path) -> bool {
    let mut found = Vec::new();
    collect_prisma_files(dir, &mut found).is_ok() && !found.is_empty()
}

fn collect_prisma_files(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            // `migrations/` sits inside a schema folder and holds no schema files.
            collect_prisma_files(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "prisma") {
            out.push(path);
        }
    }
    Ok(())
}

/// Read the schema's files: one file, or every `*.prisma` under a folder, sorted by path.
pub fn read_schema(location: &SchemaLocation) -> anyhow::Result<SourceFiles> {
    let mut paths = Vec::new();
    if location.path.is_dir() {
        collect_prisma_files(&location.path, &mut paths)
            .with_context(|| format!("cannot read {}", location.path.display()))?;
        paths.sort();
        if paths.is_empty() {
            bail!("No .prisma files found in {}", location.path.display());
        }
    } else {
        paths.push(location.path.clone());
    }
    let mut files = SourceFiles::default();
    for path in paths {
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("cannot read {}", path.display()))?;
        files.files.push(SourceFile { path: display_path(&path), text });
    }
    Ok(files)
}

/// Paths as the user typed them, without a leading `./`.
pub fn display_path(path: &Path) -> String {
    let s = path.to_string_lossy();
    s.strip_prefix("./").unwrap_or(&s).to_string()
}

/// Load `.env` files the way Prisma 6 does (`loadEnvFile`): the project root's (beside the
/// nearest package.json) first, then the first of `<schema dir>/.env`, `prisma/.env`, `.env`.
/// Variables already set win. Returns Prisma's `Environment variables loaded from …` lines.
/// With a Prisma config file, Prisma loads nothing itself and leaves `.env` to the file: its
/// `import "dotenv/config"` reads the working directory's.
pub fn load_dotenv(schema_dir: &Path) -> Vec<String> {
    if let Ok(Some(config)) = prisma_config() {
        if config.loads_dotenv {
            let _ = dotenvy::from_path(".env");
        }
        return vec!["Prisma config detected, skipping environment variable loading.".to_owned()];
    }
    let root = project_root_env();
    let schema_env = [schema_dir.join(".env"), PathBuf::from("prisma/.env"), PathBuf::from(".env")]
        .into_iter()
        .find(|p| p.is_file());
    let same = |a: &Path, b: &Path| a.canonicalize().ok().is_some_and(|a| b.canonicalize().ok() == Some(a));
    let mut loaded = Vec::new();
    for path in root.iter().chain(schema_env.iter().filter(|s| !root.as_deref().is_some_and(|r| same(r, s)))) {
        if dotenvy::from_path(path).is_ok() {
            loaded.push(format!("Environment variables loaded from {}", relative_to_cwd(path)));
        }
    }
    loaded
}

/// `.env` beside the nearest package.json above the working directory, if there is one.
fn project_root_env() -> Option<PathBuf> {
    let cwd = std::env::current_dir().ok()?;
    let root = cwd.ancestors().find(|dir| dir.join("package.json").is_file())?;
    let env = root.join(".env");
    env.is_file().then_some(env)
}

fn relative_to_cwd(path: &Path) -> String {
    let absolute = std::env::current_dir().map(|cwd| cwd.join(path)).unwrap_or_else(|_| path.to_path_buf());
    let cwd = std::env::current_dir().unwrap_or_default();
    match absolute.strip_prefix(&cwd) {
        Ok(relative) => display_path(relative),
        Err(_) => display_path(path),
    }
}

/// The migrations folder: `--migrations-dir`, else the Prisma config's `migrations.path`, else
/// `migrations` beside the schema.
pub fn migrations_dir(cli_dir: Option<&Path>, location: &SchemaLocation) -> anyhow::Result<PathBuf> {
    if let Some(dir) = cli_dir {
        return Ok(dir.to_path_buf());
    }
    if let Some(dir) = prisma_config()?.map(PrismaConfig::migrations_path).transpose()?.flatten() {
        return Ok(dir);
    }
    Ok(location.dir.join("migrations"))
}

/// The URL a database command connects to: `--url`, else the datasource's `directUrl` (what
/// Prisma uses for migrations), else its `url`, else the Prisma config's `datasource.url`, else
/// `DATABASE_URL`.
pub fn database_url(
    cli_url: Option<&str>,
    datasource: Option<&psl::datamodel::Datasource>,
) -> anyhow::Result<String> {
    if let Some(url) = cli_url {
        return Ok(url.to_owned());
    }
    if let Some(ds) = datasource {
        if let Some(value) = ds.direct_url.as_ref().or(ds.url.as_ref()) {
            return resolve_env(value);
        }
    }
    if let Some(url) = prisma_config()?.map(PrismaConfig::datasource_url).transpose()?.flatten() {
        return Ok(url);
    }
    std::env::var("DATABASE_URL").map_err(|_| {
        anyhow::anyhow!(
            "No database URL: pass --url, set `url` in the datasource block or `datasource.url` in prisma.config.ts, or set the DATABASE_URL environment variable."
        )
    })
}

/// The shadow database URL from `--shadow-database-url`, the datasource's `shadowDatabaseUrl`
/// or the Prisma config's `datasource.shadowDatabaseUrl`.
pub fn shadow_database_url(
    cli_url: Option<&str>,
    datasource: Option<&psl::datamodel::Datasource>,
) -> anyhow::Result<Option<String>> {
    if let Some(url) = cli_url {
        return Ok(Some(url.to_owned()));
    }
    match datasource.and_then(|ds| ds.shadow_database_url.as_ref()) {
        Some(value) => resolve_env(value).map(Some),
        None => Ok(prisma_config()?.map(PrismaConfig::shadow_database_url).transpose()?.flatten()),
    }
}

fn resolve_env(value: &psl::datamodel::StringFromEnv) -> anyhow::Result<String> {
    use psl::datamodel::StringFromEnv;
    match value {
        StringFromEnv::Literal(s) => Ok(s.clone()),
        StringFromEnv::Env(var) => std::env::var(var).map_err(|_| {
            anyhow::anyhow!("Prisma schema validation\nError code: P1012\nerror: Environment variable not found: {var}.")
        }),
    }
}
