//! `cargo xtask conformance history`: every real project's migration history, through the
//! `strata` binary as a user runs it, on a fresh database of its provider:
//! 1. `migrate deploy` applies the whole history;
//! 2. each `_prisma_migrations.checksum` is the SHA-256 hex of its `migration.sql`;
//! 3. `migrate status` exits 0;
//! 4. `migrate diff --from-schema-datasource <schema> --to-schema <schema> --exit-code` exits 0
//!    (no drift: the project's schema matches what its own history built);
//! 5. `db pull --force` into a schema holding only the project's datasource block gives a schema
//!    with no drift against the database (`migrate diff --from-… --to-schema <pulled>` exits 0);
//! 6. `db pull` into a copy of the project's own schema leaves it equal as a schema
//!    (`migrate diff --from-schema <own> --to-schema <pulled> --exit-code` exits 0).
//! Steps 5 and 6 run even when step 4 finds drift: pull is judged against the database.
//! PostgreSQL and MySQL need `TEST_POSTGRES_URL` / `TEST_MYSQL_URL`.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, Context};
use sha2::{Digest, Sha256};

const STEPS: [&str; 8] = ["deploy", "checksums", "status", "no drift", "pull fresh", "pull own", "replay", "dev no-op"];

pub fn run(root: &Path) -> anyhow::Result<()> {
    let strata = build_strata()?;
    let real = root.join("real");
    let units = history_units(&real)?;
    let mut passed = [0usize; STEPS.len()];
    let mut failures = Vec::new();
    let mut ran = 0;
    for unit in &units {
        let name = unit.strip_prefix(&real).unwrap_or(unit).display().to_string();
        let missing = crate::real_diff::missing_extensions(unit)?;
        if !missing.is_empty() {
            println!("skip {name} (needs extensions this server lacks: {})", missing.join(", "));
            continue;
        }
        ran += 1;
        let started = std::time::Instant::now();
        match run_unit(&strata, unit, &mut passed) {
            Ok(()) => println!("ok   {name} ({} ms)", started.elapsed().as_millis()),
            Err(e) => {
                println!("FAIL {name}: {e:#}");
                failures.push(name);
            }
        }
    }
    for (step, n) in STEPS.iter().zip(passed) {
        println!("history: {step:<10} {n}/{ran}");
    }
    if !failures.is_empty() {
        bail!("{} unit(s) failed: {}", failures.len(), failures.join(", "));
    }
    Ok(())
}

pub(crate) fn build_strata() -> anyhow::Result<PathBuf> {
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let status = Command::new(env!("CARGO")).args(["build", "-q", "-p", "cli"]).current_dir(&workspace).status()?;
    anyhow::ensure!(status.success(), "cargo build -p cli failed");
    Ok(workspace.join("target/debug/strata"))
}

/// Units (folders holding `schema` and `migrations`).
fn history_units(real: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for project in sorted_dirs(real)? {
        if project.join("migrations").is_dir() {
            out.push(project);
            continue;
        }
        for unit in sorted_dirs(&project)? {
            if unit.join("migrations").is_dir() {
                out.push(unit);
            }
        }
    }
    Ok(out)
}

fn sorted_dirs(dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("cannot read {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    Ok(dirs)
}

/// The schema argument: the single file, or the folder of a multi-file schema.
fn schema_arg(unit: &Path) -> PathBuf {
    let dir = unit.join("schema");
    let entries: Vec<PathBuf> = std::fs::read_dir(&dir).map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect()).unwrap_or_default();
    match entries.as_slice() {
        [single] if single.extension().is_some_and(|e| e == "prisma") => single.clone(),
        _ => dir,
    }
}

/// The provider of the schema's datasource, read by the schema parser (a provider named in a
/// comment, such as a commented-out second datasource, does not count).
fn provider_of(schema: &Path) -> anyhow::Result<String> {
    let mut paths = Vec::new();
    if schema.is_dir() {
        crate::single_migration::collect_files(schema, "prisma", &mut paths)?;
    } else {
        paths.push(schema.to_path_buf());
    }
    let mut files = psl::ast::SourceFiles::default();
    for path in paths {
        let text = std::fs::read_to_string(&path)?;
        files.files.push(psl::ast::SourceFile { path: path.display().to_string(), text });
    }
    let (ast, _) = psl::parser::parse_schema(&files);
    let provider = ast
        .files
        .iter()
        .flat_map(|f| &f.tops)
        .filter_map(|top| match top {
            psl::ast::Top::Source(block) => block.properties.iter().find(|p| p.name.name == "provider"),
            _ => None,
        })
        .find_map(|p| match &p.value {
            Some(psl::ast::Expression::StringValue(value, _)) => Some(value.clone()),
            _ => None,
        });
    match provider.as_deref() {
        Some("postgresql" | "postgres") => Ok("postgresql".to_owned()),
        Some(other @ ("mysql" | "sqlite")) => Ok(other.to_owned()),
        _ => bail!("no SQL provider found in {}", schema.display()),
    }
}

/// Environment variables named in `env("…")`: every URL variable points at the test database,
/// the shadow database variables are left unset.
fn env_vars(schema: &Path) -> anyhow::Result<Vec<(String, bool)>> {
    let mut files = Vec::new();
    if schema.is_dir() {
        crate::single_migration::collect_files(schema, "prisma", &mut files)?;
    } else {
        files.push(schema.to_path_buf());
    }
    let mut vars = Vec::new();
    for f in files {
        for line in std::fs::read_to_string(f)?.lines() {
            let Some(start) = line.find("env(\"") else { continue };
            let rest = &line[start + 5..];
            let Some(end) = rest.find('"') else { continue };
            let shadow = line.trim_start().starts_with("shadowDatabaseUrl");
            vars.push((rest[..end].to_owned(), shadow));
        }
    }
    Ok(vars)
}

pub(crate) struct FreshDb {
    pub(crate) url: String,
    pub(crate) drop: Box<dyn FnOnce()>,
    _dir: Option<tempfile::TempDir>,
}

pub(crate) fn fresh_db(provider: &str) -> anyhow::Result<FreshDb> {
    let name = format!("strata_hist_{}", uuid::Uuid::new_v4().simple());
    let base_var = match provider {
        "postgresql" => "TEST_POSTGRES_URL",
        "mysql" => "TEST_MYSQL_URL",
        _ => {
            let dir = tempfile::tempdir()?;
            let url = format!("file:{}", dir.path().join("dev.db").display());
            return Ok(FreshDb { url, drop: Box::new(|| {}), _dir: Some(dir) });
        }
    };
    let base = std::env::var(base_var).with_context(|| format!("{base_var} is not set"))?;
    let info = db::ConnectionInfo::parse(&base, Path::new("."))?.with_database(&name);
    db::create_database(&info)?;
    let (head, query) = base.split_once('?').map_or((base.as_str(), None), |(h, q)| (h, Some(q)));
    let scheme_end = head.find("://").map_or(0, |i| i + 3);
    let path_start = head[scheme_end..].find('/').map_or(head.len(), |i| scheme_end + i);
    let mut url = format!("{}/{}", &head[..path_start], name);
    if let Some(q) = query {
        url = format!("{url}?{q}");
    }
    Ok(FreshDb { url, drop: Box::new(move || { let _ = db::drop_database(&info); }), _dir: None })
}

fn run_unit(strata: &Path, unit: &Path, passed: &mut [usize; STEPS.len()]) -> anyhow::Result<()> {
    let schema = schema_arg(unit);
    let migrations = unit.join("migrations");
    let provider = provider_of(&schema)?;
    let fresh = fresh_db(&provider)?;
    let result = check_unit(strata, &schema, &migrations, &fresh.url, passed);
    (fresh.drop)();
    if provider != "sqlite" {
        let shadow = db::ConnectionInfo::parse(&shadow_url(&fresh.url)?, Path::new("."))?;
        let _ = db::drop_database(&shadow);
    }
    result
}

fn check_unit(strata: &Path, schema: &Path, migrations: &Path, url: &str, passed: &mut [usize; STEPS.len()]) -> anyhow::Result<()> {
    let vars = env_vars(schema)?;
    let strata_run = |args: &[&str]| -> anyhow::Result<std::process::Output> {
        let mut cmd = Command::new(strata);
        cmd.args(args).env("NO_COLOR", "1").env("DATABASE_URL", url);
        for (var, shadow) in &vars {
            if *shadow {
                cmd.env_remove(var);
            } else {
                cmd.env(var, url);
            }
        }
        Ok(cmd.output()?)
    };
    let schema_s = schema.to_string_lossy();
    let migrations_s = migrations.to_string_lossy();
    let expect_ok = |what: &str, out: std::process::Output| -> anyhow::Result<()> {
        if out.status.success() {
            return Ok(());
        }
        let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
        let tail: Vec<&str> = text.lines().rev().take(25).collect::<Vec<_>>().into_iter().rev().collect();
        bail!("{what} exited {:?}:\n{}", out.status.code(), tail.join("\n"))
    };

    // `--url` wins over a literal URL in the datasource (which may point into this read-only corpus).
    let db_args = ["--schema", &*schema_s, "--migrations-dir", &*migrations_s, "--url", url];
    expect_ok("migrate deploy", strata_run(&[&["migrate", "deploy"][..], &db_args].concat())?)?;
    passed[0] += 1;
    check_checksums(url, schema, migrations)?;
    passed[1] += 1;
    expect_ok("migrate status", strata_run(&[&["migrate", "status"][..], &db_args].concat())?)?;
    passed[2] += 1;
    // The datasource's own URL (through the environment) when it has one, so that multi-schema
    // datasources are described with their `schemas`; else the test database's URL.
    let from: [&str; 2] = if vars.iter().any(|(_, shadow)| !shadow) {
        ["--from-schema-datasource", &schema_s]
    } else {
        ["--from-url", url]
    };
    let drift = expect_ok(
        "migrate diff (drift)",
        strata_run(&["migrate", "diff", from[0], from[1], "--to-schema", &schema_s, "--exit-code"])?,
    );
    if drift.is_ok() {
        passed[3] += 1;
    }
    let fresh = check_pull_fresh(schema, url, &strata_run, &expect_ok, vars.iter().any(|(_, shadow)| !shadow));
    if fresh.is_ok() {
        passed[4] += 1;
    }
    let own = check_pull_own(schema, url, &strata_run, &expect_ok);
    if own.is_ok() {
        passed[5] += 1;
    }
    let replay = expect_ok(
        "migrate diff --from-migrations",
        strata_run(&["migrate", "diff", "--from-migrations", &migrations_s, "--to-schema", &schema_s, "--exit-code", "--shadow-database-url", &shadow_url(url)?])?,
    );
    if replay.is_ok() {
        passed[6] += 1;
    }
    let dev = check_dev_noop(schema, migrations, url, &strata_run);
    if dev.is_ok() {
        passed[7] += 1;
    }
    let errors: Vec<String> = [
        drift.err(),
        fresh.context("db pull --force into an empty schema").err(),
        own.context("db pull into the project's schema").err(),
        replay.err(),
        dev.context("migrate dev with the unchanged schema").err(),
    ]
    .into_iter()
    .flatten()
    .map(|e| format!("{e:#}"))
    .collect();
    if !errors.is_empty() {
        bail!("{}", errors.join("\n"));
    }
    Ok(())
}

type StrataRun<'a> = dyn Fn(&[&str]) -> anyhow::Result<std::process::Output> + 'a;
type ExpectOk<'a> = dyn Fn(&str, std::process::Output) -> anyhow::Result<()> + 'a;

/// Step 5: pull into a schema holding only the datasource block, then diff the database
/// against the pulled schema.
fn check_pull_fresh(schema: &Path, url: &str, strata_run: &StrataRun<'_>, expect_ok: &ExpectOk<'_>, has_env_url: bool) -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let pulled = dir.path().join("schema.prisma");
    std::fs::write(&pulled, format!("{}\n", datasource_block(schema)?))?;
    let pulled_s = pulled.to_string_lossy();
    expect_ok("db pull --force", strata_run(&["db", "pull", "--force", "--schema", &pulled_s, "--url", url])?)?;
    let from: [&str; 2] = if has_env_url { ["--from-schema-datasource", &pulled_s] } else { ["--from-url", url] };
    expect_ok(
        "migrate diff (pulled schema vs database)",
        strata_run(&["migrate", "diff", from[0], from[1], "--to-schema", &pulled_s, "--exit-code"])?,
    )
}

/// Step 6: pull into a copy of the project's schema, then compare it with the original.
fn check_pull_own(schema: &Path, url: &str, strata_run: &StrataRun<'_>, expect_ok: &ExpectOk<'_>) -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let copy = if schema.is_dir() {
        let target = dir.path().join("schema");
        let mut files = Vec::new();
        crate::single_migration::collect_files(schema, "prisma", &mut files)?;
        for file in files {
            let rel = file.strip_prefix(schema).unwrap_or(&file);
            let dest = target.join(rel);
            if let Some(parent) = dest.parent() {
                std::fs::create_dir_all(parent)?;
            }
            std::fs::copy(&file, dest)?;
        }
        target
    } else {
        let target = dir.path().join("schema.prisma");
        std::fs::copy(schema, &target)?;
        target
    };
    let copy_s = copy.to_string_lossy();
    let schema_s = schema.to_string_lossy();
    expect_ok("db pull", strata_run(&["db", "pull", "--schema", &copy_s, "--url", url])?)?;
    expect_ok(
        "migrate diff (own schema vs pulled)",
        strata_run(&["migrate", "diff", "--from-schema", &schema_s, "--to-schema", &copy_s, "--exit-code"])?,
    )
}

/// The project's `datasource` block, as written.
fn datasource_block(schema: &Path) -> anyhow::Result<String> {
    let mut files = Vec::new();
    if schema.is_dir() {
        crate::single_migration::collect_files(schema, "prisma", &mut files)?;
    } else {
        files.push(schema.to_path_buf());
    }
    for file in files {
        let text = std::fs::read_to_string(&file)?;
        let Some(start) = text.lines().position(|l| l.trim_start().starts_with("datasource ")) else { continue };
        let lines: Vec<&str> = text.lines().collect();
        let end = (start..lines.len()).find(|&i| lines[i].trim_start().starts_with('}')).unwrap_or(lines.len() - 1);
        return Ok(lines[start..=end].join("\n"));
    }
    bail!("no datasource block in {}", schema.display())
}

fn check_checksums(url: &str, schema: &Path, migrations: &Path) -> anyhow::Result<()> {
    let base = if schema.is_dir() { schema } else { schema.parent().unwrap_or(Path::new(".")) };
    let info = db::ConnectionInfo::parse(url, base)?;
    let mut conn = db::Connection::connect(&info)?;
    let rows = conn.query("SELECT migration_name, checksum FROM _prisma_migrations", &[])?;
    let mut checked = 0;
    for row in rows {
        let name = row.first().and_then(|v| v.to_text()).unwrap_or_default();
        let stored = row.get(1).and_then(|v| v.to_text()).unwrap_or_default();
        let script = std::fs::read(migrations.join(&name).join("migration.sql"))?;
        let expected: String = Sha256::digest(&script).iter().map(|b| format!("{b:02x}")).collect();
        anyhow::ensure!(stored == expected, "checksum of {name}: stored {stored}, file {expected}");
        checked += 1;
    }
    let on_disk = std::fs::read_dir(migrations)?.filter_map(|e| e.ok()).filter(|e| e.path().is_dir()).count();
    anyhow::ensure!(checked == on_disk, "{checked} history rows for {on_disk} migration folders");
    Ok(())
}

/// A shadow database beside the test database (SQLite: a file beside it), so that replays never
/// touch the server's other databases.
fn shadow_url(url: &str) -> anyhow::Result<String> {
    if let Some(path) = url.strip_prefix("file:") {
        return Ok(format!("file:{path}.shadow.db"));
    }
    let (head, query) = url.split_once('?').map_or((url, None), |(h, q)| (h, Some(q)));
    let mut shadow = format!("{head}_shadow");
    if let Some(q) = query {
        shadow = format!("{shadow}?{q}");
    }
    Ok(shadow)
}

/// `migrate dev` on the deployed database with the unchanged schema: exit 0 and no new
/// migration folder. Runs on a copy of the (read-only) migrations folder.
fn check_dev_noop(
    schema: &Path,
    migrations: &Path,
    url: &str,
    strata_run: &dyn Fn(&[&str]) -> anyhow::Result<std::process::Output>,
) -> anyhow::Result<()> {
    let copy = tempfile::tempdir()?;
    let target = copy.path().join("migrations");
    copy_dir(migrations, &target)?;
    let before = std::fs::read_dir(&target)?.count();
    let out = strata_run(&[
        "migrate", "dev", "--schema", &schema.to_string_lossy(), "--migrations-dir", &target.to_string_lossy(),
        "--url", url, "--skip-seed", "--shadow-database-url", &shadow_url(url)?,
    ])?;
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    anyhow::ensure!(out.status.success(), "exited {:?}:\n{}", out.status.code(), text.lines().rev().take(20).collect::<Vec<_>>().into_iter().rev().collect::<Vec<_>>().join("\n"));
    let after = std::fs::read_dir(&target)?.count();
    anyhow::ensure!(after == before, "created {} migration folder(s):\n{text}", after - before);
    Ok(())
}

fn copy_dir(from: &Path, to: &Path) -> anyhow::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let path = entry?.path();
        let dest = to.join(path.file_name().unwrap_or_default());
        if path.is_dir() {
            copy_dir(&path, &dest)?;
        } else {
            std::fs::copy(&path, &dest)?;
        }
    }
    Ok(())
}
