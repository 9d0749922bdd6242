//! `db pull`: describe the database, render it as models, and write the schema file (or print
//! it). Re-introspection keeps the user's names unless `--force`.

use std::path::Path;
use std::time::Instant;

use anyhow::Context;
use flavour::pull::{PullOptions, Pulled};
use flavour::Flavour;

use crate::args::PullArgs;
use crate::commands::{context, diff, schema};
use crate::config;
use crate::output::{self, Exit};

pub fn pull(args: &PullArgs) -> anyhow::Result<u8> {
    let started = Instant::now();
    // With `--print`, stdout holds the schema and nothing else.
    let location = config::find_schema(args.db.schema.schema.as_deref())?;
    let files = config::read_schema(&location)?;
    if !args.print {
        output::info(&format!("Prisma schema loaded from {}", config::display_path(&location.path)));
    }
    config::load_dotenv(&location.dir);
    let datamodel = schema::parse_and_validate(&files)?;
    let datasource = datamodel.datasource.as_ref();
    let url = config::database_url(args.db.url.as_deref(), datasource)?;
    let info = db::ConnectionInfo::parse(&url, &location.dir)?;
    if !args.print {
        output::info(&context::datasource_line(datasource, &info));
    }
    let schema_display = config::display_path(&location.path);
    if !args.print {
        output::info(&format!("- Introspecting based on datasource defined in {schema_display}"));
    }

    let schemas = if args.schemas.is_empty() {
        datasource.map(|d| d.schemas.clone()).unwrap_or_default()
    } else {
        args.schemas.clone()
    };
    let views = datamodel.preview_features.iter().any(|f| f.eq_ignore_ascii_case("views"));
    let mut conn = db::Connection::connect(&info)?;
    let described = diff::describe(&mut conn, &info, &schemas)?;
    let extras = flavour::pull::extras(&mut conn, &schemas, views)?;
    if described.tables.is_empty() && (!views || described.views.is_empty()) {
        if !args.print {
            output::info(&format!("✖ Introspecting based on datasource defined in {schema_display}"));
        }
        return Err(empty_database_error(&schema_display));
    }

    let flavour = match info.kind() {
        db::DbKind::Postgres => Flavour::Postgres,
        db::DbKind::Mysql => Flavour::Mysql,
        db::DbKind::Sqlite => Flavour::Sqlite,
    };
    let options = PullOptions {
        flavour,
        previous: (!args.force).then_some(&datamodel),
        views,
        multi_schema: !schemas.is_empty(),
        datasource_name: datasource.map_or("db", |d| d.name.as_str()),
        previous_sources: (!args.force).then_some(&files),
    };
    let pulled = flavour::pull::pull(&described, &extras, &options);

    if location.path.is_dir() && !args.force && !args.print {
        write_folder(&files, &location.path, &pulled)?;
    } else {
        // The config blocks of the file holding the datasource stay; every model, view, enum
        // and type block is replaced by the introspected ones.
        let (target_path, config_text) = config_part(&files, &location.path);
        let text = psl::format::format_layout(&format!("{}\n\n{}", config_text.trim_end(), pulled.text));
        if args.print {
            print!("{text}\n\n");
            print_warnings(&pulled, true);
            return Ok(0);
        }
        std::fs::write(&target_path, &text).with_context(|| format!("cannot write {}", target_path.display()))?;
        for other in files.files.iter().map(|f| Path::new(&f.path)).filter(|p| *p != target_path.as_path()) {
            strip_blocks_in_place(other)?;
        }
    }
    let elapsed = started.elapsed().as_millis();
    let count = pulled.models + pulled.views;
    let noun = if count == 1 { "model" } else { "models" };
    let written = if location.path.is_dir() { location.path.clone() } else { config_part(&files, &location.path).0 };
    output::info(&format!(
        "✔ Introspected {count} {noun} and wrote them into {} in {}\n      ",
        config::display_path(&written),
        duration_text(elapsed)
    ));
    print_warnings(&pulled, false);
    output::info("Run prisma generate to generate Prisma Client.\n");
    Ok(0)
}

/// Prisma's `formatms`: milliseconds below a second, else seconds with two decimals.
fn duration_text(ms: u128) -> String {
    if ms < 1000 {
        format!("{ms}ms")
    } else {
        format!("{:.2}s", ms as f64 / 1000.0)
    }
}

/// A multi-file schema: every block stays in the file that held it, new ones go to
/// `introspected.prisma` beside them (as Prisma does).
fn write_folder(files: &psl::ast::SourceFiles, dir: &Path, pulled: &Pulled) -> anyhow::Result<()> {
    let part = |file: Option<usize>| pulled.by_file.iter().find(|(f, _)| *f == file).map(|(_, t)| t.as_str());
    for (id, file) in files.files.iter().enumerate() {
        let config = rename_preview_features(&render_config(&strip_comments(&strip_blocks(&file.text))));
        let has_config = config.lines().any(|l| !l.trim().is_empty());
        let text = match (has_config, part(Some(id))) {
            (true, Some(models)) => psl::format::format_layout(&format!("{}\n\n{models}", config.trim_end())),
            (true, None) => psl::format::format_layout(&config),
            (false, Some(models)) => models.to_owned(),
            (false, None) => String::new(),
        };
        std::fs::write(&file.path, text).with_context(|| format!("cannot write {}", file.path))?;
    }
    let new_blocks = part(None).or_else(|| (pulled.by_file.is_empty()).then_some(pulled.text.as_str()));
    if let Some(models) = new_blocks.filter(|t| !t.is_empty()) {
        let path = dir.join("introspected.prisma");
        std::fs::write(&path, models).with_context(|| format!("cannot write {}", path.display()))?;
    }
    Ok(())
}

/// Prisma's P4001 report.
fn empty_database_error(schema_display: &str) -> anyhow::Error {
    let name = Path::new(schema_display).file_name().map_or(schema_display.to_owned(), |n| n.to_string_lossy().into_owned());
    let message = format!(
        "Error: \nP4001 The introspected database was empty:\n\nprisma db pull could not create any models in your {name} file and you will not be able to generate Prisma Client with the prisma generate command.\n\nTo fix this, you have two options:\n\n- manually create a table in your database.\n- make sure the database connection URL inside the datasource block in {name} points to a database that is not empty (it must contain at least one table).\n\nThen you can run prisma db pull again. \n"
    );
    Exit { code: 1, message: Some(message) }.into()
}

fn print_warnings(pulled: &Pulled, as_comments: bool) {
    let text = pulled.warnings_text();
    if text.is_empty() {
        return;
    }
    if as_comments {
        // `--print` keeps stdout a schema: the warnings go to stderr as comments.
        for line in text.split('\n') {
            eprintln!("// {line}");
        }
    } else {
        output::info(&text);
    }
}

/// The file that receives the models (the one with the datasource, else the first) and its
/// text without model, view, enum and type blocks.
fn config_part(files: &psl::ast::SourceFiles, location: &Path) -> (std::path::PathBuf, String) {
    let holder = files
        .files
        .iter()
        .find(|f| f.text.lines().any(|l| l.trim_start().starts_with("datasource ")))
        .or(files.files.first());
    match holder {
        Some(file) => {
            let config = rename_preview_features(&render_config(&strip_comments(&strip_blocks(&file.text))));
            (Path::new(&file.path).to_path_buf(), config)
        }
        None => (location.to_path_buf(), String::new()),
    }
}

fn strip_blocks_in_place(path: &Path) -> anyhow::Result<()> {
    let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let stripped = strip_blocks(&text);
    if stripped != text {
        std::fs::write(path, stripped).with_context(|| format!("cannot write {}", path.display()))?;
    }
    Ok(())
}

/// Removes top-level `model`, `view`, `enum` and `type` blocks with their `///` comments.
fn strip_blocks(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let mut keep = vec![true; lines.len()];
    let mut i = 0;
    while i < lines.len() {
        let first = lines[i].split_whitespace().next().unwrap_or("");
        let is_block = !lines[i].starts_with(char::is_whitespace)
            && matches!(first, "model" | "view" | "enum" | "type")
            && lines[i].contains('{');
        if !is_block {
            i += 1;
            continue;
        }
        let mut doc = i;
        while doc > 0 && lines[doc - 1].trim_start().starts_with("///") {
            doc -= 1;
            keep[doc] = false;
        }
        let mut depth = 0i32;
        let mut j = i;
        while j < lines.len() {
            keep[j] = false;
            depth += brace_delta(lines[j]);
            if depth <= 0 {
                break;
            }
            j += 1;
        }
        i = j + 1;
    }
    let mut out = String::new();
    for (line, kept) in lines.iter().zip(keep) {
        if kept {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// One `generator` or `datasource` block: its keyword, name and `key = value` entries.
struct ConfigBlock {
    keyword: String,
    name: String,
    entries: Vec<(String, String)>,
}

/// Prisma re-renders the config blocks from their parsed form: generators first, then the
/// datasource, each with its keys in a fixed order (generator: provider, output,
/// previewFeatures, binaryTargets, then the rest by name; datasource: provider, url, directUrl,
/// shadowDatabaseUrl, relationMode, then the rest as written). Values keep their text.
fn render_config(text: &str) -> String {
    let blocks = parse_config_blocks(text);
    if blocks.is_empty() {
        return text.to_owned();
    }
    let mut ordered: Vec<&ConfigBlock> = blocks.iter().filter(|b| b.keyword == "generator").collect();
    ordered.extend(blocks.iter().filter(|b| b.keyword != "generator"));
    let mut out = String::new();
    for block in ordered {
        if !out.is_empty() {
            out.push('\n');
        }
        let first: &[&str] = if block.keyword == "generator" {
            &["provider", "output", "previewFeatures", "binaryTargets"]
        } else {
            &["provider", "url", "directUrl", "shadowDatabaseUrl", "relationMode"]
        };
        let mut entries: Vec<&(String, String)> = Vec::new();
        for key in first {
            entries.extend(block.entries.iter().filter(|(k, _)| k == key));
        }
        let mut rest: Vec<&(String, String)> = block.entries.iter().filter(|(k, _)| !first.contains(&k.as_str())).collect();
        if block.keyword == "generator" {
            rest.sort_by(|a, b| a.0.cmp(&b.0));
        }
        entries.extend(rest);
        out.push_str(&format!("{} {} {{\n", block.keyword, block.name));
        for (key, value) in entries {
            // Custom generator settings are strings to Prisma: `true` is written `"true"`.
            let custom = block.keyword == "generator" && !first.contains(&key.as_str());
            let bare = !value.starts_with('"') && !value.starts_with('[') && !value.starts_with("env(");
            if custom && bare {
                out.push_str(&format!("  {key} = \"{value}\"\n"));
            } else {
                out.push_str(&format!("  {key} = {value}\n"));
            }
        }
        out.push_str("}\n");
    }
    out
}

fn parse_config_blocks(text: &str) -> Vec<ConfigBlock> {
    let mut blocks = Vec::new();
    let mut current: Option<ConfigBlock> = None;
    let mut pending: Option<(String, String, i32)> = None;
    for line in text.lines() {
        let trimmed = line.trim();
        if let Some((key, mut value, depth)) = pending.take() {
            if !value.ends_with('[') && !trimmed.starts_with(']') {
                value.push(' ');
            }
            value.push_str(trimmed);
            let depth = depth + bracket_delta(trimmed);
            if depth > 0 {
                pending = Some((key, value, depth));
            } else if let Some(block) = current.as_mut() {
                block.entries.push((key, value));
            }
            continue;
        }
        if current.is_none() {
            let mut words = trimmed.split_whitespace();
            if let (Some(keyword @ ("generator" | "datasource")), Some(name)) = (words.next(), words.next()) {
                current = Some(ConfigBlock { keyword: keyword.to_owned(), name: name.to_owned(), entries: Vec::new() });
            }
            continue;
        }
        if trimmed.starts_with('}') {
            blocks.extend(current.take());
            continue;
        }
        let Some((key, value)) = trimmed.split_once('=') else { continue };
        let (key, value) = (key.trim().to_owned(), value.trim().to_owned());
        let depth = bracket_delta(&value);
        if depth > 0 {
            pending = Some((key, value, depth));
        } else if let Some(block) = current.as_mut() {
            block.entries.push((key, value));
        }
    }
    blocks
}

/// Prisma writes preview features from its parsed set: current names (`fullTextSearch` became
/// `fullTextSearchPostgres` on PostgreSQL), sorted, once each.
fn rename_preview_features(config: &str) -> String {
    let postgres = config.lines().any(|l| {
        let l = l.trim();
        l.starts_with("provider") && (l.contains("\"postgresql\"") || l.contains("\"postgres\""))
    });
    let mut out: String = config
        .lines()
        .map(|line| {
            let Some(value) = line.trim_start().strip_prefix("previewFeatures").and_then(|r| r.trim_start().strip_prefix('=')) else {
                return line.to_owned();
            };
            let mut features: Vec<String> = value
                .split('"')
                .skip(1)
                .step_by(2)
                .map(|f| if postgres && f == "fullTextSearch" { "fullTextSearchPostgres".to_owned() } else { f.to_owned() })
                .collect();
            features.sort_by_key(|f| f.to_ascii_lowercase());
            features.dedup();
            let list: Vec<String> = features.iter().map(|f| format!("\"{f}\"")).collect();
            format!("  previewFeatures = [{}]", list.join(", "))
        })
        .collect::<Vec<_>>()
        .join("\n");
    out.push('\n');
    out
}

/// `[` minus `]` outside string literals.
fn bracket_delta(text: &str) -> i32 {
    let mut delta = 0;
    let mut in_string = false;
    let mut escaped = false;
    for c in text.chars() {
        if in_string {
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => in_string = true,
            '[' => delta += 1,
            ']' => delta -= 1,
            _ => {}
        }
    }
    delta
}

/// Prisma re-renders the config blocks without comments: drops every `//` and `///` comment
/// and the blank lines they leave, keeping one blank line between blocks.
fn strip_comments(text: &str) -> String {
    let mut out = String::new();
    let mut blank_pending = false;
    for line in text.lines() {
        let code = code_part(line).trim_end();
        if code.trim().is_empty() {
            blank_pending = !out.is_empty();
            continue;
        }
        if blank_pending && !code.starts_with(char::is_whitespace) && !code.starts_with('}') {
            out.push('\n');
        }
        blank_pending = false;
        out.push_str(code);
        out.push('\n');
    }
    out
}

/// The line up to a `//` comment outside string literals.
fn code_part(line: &str) -> &str {
    let mut in_string = false;
    let mut escaped = false;
    let bytes = line.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if in_string {
            match (escaped, b) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'/' if bytes.get(i + 1) == Some(&b'/') => return &line[..i],
            _ => {}
        }
    }
    line
}

/// `{` minus `}` outside string literals and `//` comments.
fn brace_delta(line: &str) -> i32 {
    let mut delta = 0;
    let mut in_string = false;
    let mut escaped = false;
    let mut prev_slash = false;
    for c in line.chars() {
        if in_string {
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => in_string = true,
            '/' if prev_slash => return delta,
            '{' => delta += 1,
            '}' => delta -= 1,
            _ => {}
        }
        prev_slash = c == '/';
    }
    delta
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drops_comments_from_config_blocks() {
        let text = "// top\n\ngenerator client {\n  // inside\n  provider = \"prisma-client-js\" // trailing\n}\n\n/// doc\ndatasource db {\n  url = \"file://x\"\n}\n";
        assert_eq!(
            strip_comments(text),
            "generator client {\n  provider = \"prisma-client-js\"\n}\n\ndatasource db {\n  url = \"file://x\"\n}\n"
        );
    }

    #[test]
    fn config_blocks_in_prisma_order() {
        let text = "datasource db {\n  url = env(\"U\")\n  provider = \"postgresql\"\n}\n\ngenerator client {\n  zeta = \"z\"\n  binaryTargets = [\n    \"native\"\n  ]\n  provider = \"prisma-client-js\"\n}\n";
        assert_eq!(
            render_config(text),
            "generator client {\n  provider = \"prisma-client-js\"\n  binaryTargets = [\"native\"]\n  zeta = \"z\"\n}\n\ndatasource db {\n  provider = \"postgresql\"\n  url = env(\"U\")\n}\n"
        );
    }

    #[test]
    fn strips_model_blocks_only() {
        let text = "// head\ndatasource db {\n  provider = \"sqlite\"\n}\n\n/// doc\nmodel A {\n  id Int @id @default(dbgenerated(\"{}\"))\n}\n\nenum E {\n  a\n}\n";
        assert_eq!(strip_blocks(text), "// head\ndatasource db {\n  provider = \"sqlite\"\n}\n\n\n");
    }
}
