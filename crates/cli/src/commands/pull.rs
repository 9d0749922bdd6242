//! `db pull`: describe the database, render it as models, and write the schema file (or print
//! it). Re-introspection keeps the user's names unless `--force`.

use std::path::Path;
use std::time::Instant;

use anyhow::Context;
use flavour::pull::{PullOptions, Pulled};
use flavour::Flavour;
use psl::ast::{ConfigBlock, Expression, SchemaAst, Top};

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
    // Enums alone are something to pull (Prisma prints them); views only with the preview.
    if described.tables.is_empty() && described.enums.is_empty() && (!views || described.views.is_empty()) {
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
    let postgres = datasource.is_some_and(|d| d.provider == psl::datamodel::Provider::Postgres);

    let written = if location.path.is_dir() && !args.force && !args.print {
        write_folder(&files, &location.path, &pulled, postgres)?;
        location.path.clone()
    } else {
        // The config blocks of the file holding the datasource stay; every model, view, enum
        // and type block is replaced by the introspected ones.
        let (target_path, config_text) = config_part(&files, &location.path, postgres);
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
        if location.path.is_dir() { location.path.clone() } else { target_path }
    };
    let elapsed = started.elapsed().as_millis();
    output::info(&format!(
        "✔ Introspected {} into {} in {}\n      ",
        models_text(pulled.models),
        config::display_path(&written),
        duration_text(elapsed)
    ));
    print_warnings(&pulled, false);
    output::info("Run prisma generate to generate Prisma Client.\n");
    Ok(0)
}

/// Prisma counts the `model` blocks of the written schema (views and enums are not counted):
/// `0 model and wrote it`, `1 model and wrote it`, `2 models and wrote them`.
fn models_text(models: usize) -> String {
    if models > 1 {
        format!("{models} models and wrote them")
    } else {
        format!("{models} model and wrote it")
    }
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
fn write_folder(files: &psl::ast::SourceFiles, dir: &Path, pulled: &Pulled, postgres: bool) -> anyhow::Result<()> {
    let part = |file: Option<usize>| pulled.by_file.iter().find(|(f, _)| *f == file).map(|(_, t)| t.as_str());
    let (ast, _) = psl::parser::parse_schema(files);
    for (id, (file, file_ast)) in files.files.iter().zip(&ast.files).enumerate() {
        let config = render_config(file_ast, &file.text, postgres);
        let has_config = !config.is_empty();
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
/// config blocks as Prisma re-renders them.
fn config_part(files: &psl::ast::SourceFiles, location: &Path, postgres: bool) -> (std::path::PathBuf, String) {
    let (ast, _) = psl::parser::parse_schema(files);
    let holder = ast
        .files
        .iter()
        .find(|f| f.tops.iter().any(|t| matches!(t, Top::Source(_))))
        .or(ast.files.first());
    match holder {
        Some(file) => {
            let source = &files.files[file.file];
            (Path::new(&source.path).to_path_buf(), render_config(file, &source.text, postgres))
        }
        None => (location.to_path_buf(), String::new()),
    }
}

fn strip_blocks_in_place(path: &Path) -> anyhow::Result<()> {
    let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let (ast, _) = psl::parser::parse_file(&text, 0);
    let stripped = strip_blocks(&ast, &text);
    if stripped != text {
        std::fs::write(path, stripped).with_context(|| format!("cannot write {}", path.display()))?;
    }
    Ok(())
}

/// `text` without its top-level `model`, `view`, `enum` and `type` blocks, each taken with its
/// `///` documentation lines and the rest of its last line.
fn strip_blocks(ast: &SchemaAst, text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut kept_from = 0;
    for span in ast.tops.iter().filter_map(data_block_span) {
        let start = doc_lines_start(text, line_start(text, span.start));
        let end = text[span.end..].find('\n').map_or(text.len(), |i| span.end + i + 1);
        out.push_str(&text[kept_from..start.max(kept_from)]);
        kept_from = end;
    }
    out.push_str(&text[kept_from.min(text.len())..]);
    out
}

fn data_block_span(top: &Top) -> Option<psl::ast::Span> {
    match top {
        Top::Model(m) => Some(m.span),
        Top::Enum(e) => Some(e.span),
        Top::CompositeType(c) => Some(c.span),
        Top::Source(_) | Top::Generator(_) => None,
    }
}

fn line_start(text: &str, at: usize) -> usize {
    text[..at].rfind('\n').map_or(0, |i| i + 1)
}

/// Moves `start` (a line start) up over the `///` lines right above it.
fn doc_lines_start(text: &str, mut start: usize) -> usize {
    while start > 0 {
        let previous = line_start(text, start - 1);
        if !text[previous..start].trim_start().starts_with("///") {
            break;
        }
        start = previous;
    }
    start
}

/// Prisma re-renders the config blocks from their parsed form, without comments: generators
/// first, then the datasource, each with its keys in a fixed order (generator: provider, output,
/// previewFeatures, binaryTargets, then the rest by name; datasource: provider, url, directUrl,
/// shadowDatabaseUrl, relationMode, then the rest as written). Values keep their text.
fn render_config(ast: &SchemaAst, text: &str, postgres: bool) -> String {
    let generators = ast.tops.iter().filter_map(|t| match t {
        Top::Generator(g) => Some(("generator", g)),
        _ => None,
    });
    let sources = ast.tops.iter().filter_map(|t| match t {
        Top::Source(s) => Some(("datasource", s)),
        _ => None,
    });
    let blocks: Vec<String> = generators.chain(sources).map(|(keyword, block)| render_block(keyword, block, text, postgres)).collect();
    blocks.join("\n")
}

fn render_block(keyword: &str, block: &ConfigBlock, text: &str, postgres: bool) -> String {
    let first: &[&str] = if keyword == "generator" {
        &["provider", "output", "previewFeatures", "binaryTargets"]
    } else {
        &["provider", "url", "directUrl", "shadowDatabaseUrl", "relationMode"]
    };
    let with_value = || block.properties.iter().filter_map(|p| Some((p.name.name.as_str(), p.value.as_ref()?)));
    let mut entries: Vec<(&str, &Expression)> = Vec::new();
    for key in first {
        entries.extend(with_value().filter(|(k, _)| k == key));
    }
    let mut rest: Vec<(&str, &Expression)> = with_value().filter(|(k, _)| !first.contains(k)).collect();
    if keyword == "generator" {
        rest.sort_by(|a, b| a.0.cmp(b.0));
    }
    entries.extend(rest);
    let mut out = format!("{keyword} {} {{\n", block.name.name);
    for (key, value) in entries {
        let rendered = match value {
            _ if key == "previewFeatures" => preview_features(value, postgres),
            // Custom generator settings are strings to Prisma: `true` is written `"true"`.
            Expression::ConstantValue(..) | Expression::NumericValue(..) if !first.contains(&key) => {
                format!("\"{}\"", expression_text(value, text))
            }
            _ => expression_text(value, text),
        };
        out.push_str(&format!("  {key} = {rendered}\n"));
    }
    out.push_str("}\n");
    out
}

/// A value as written, arrays on one line.
fn expression_text(value: &Expression, text: &str) -> String {
    match value {
        Expression::Array(items, _) => {
            let items: Vec<String> = items.iter().map(|i| expression_text(i, text)).collect();
            format!("[{}]", items.join(", "))
        }
        other => {
            let span = other.span();
            text[span.start..span.end].to_owned()
        }
    }
}

/// Prisma writes preview features from its parsed set: current names (`fullTextSearch` became
/// `fullTextSearchPostgres` on PostgreSQL), sorted, once each.
fn preview_features(value: &Expression, postgres: bool) -> String {
    let Expression::Array(items, _) = value else { return String::from("[]") };
    let mut features: Vec<&str> = items
        .iter()
        .filter_map(|i| match i {
            Expression::StringValue(f, _) if postgres && f == "fullTextSearch" => Some("fullTextSearchPostgres"),
            Expression::StringValue(f, _) => Some(f.as_str()),
            _ => None,
        })
        .collect();
    features.sort_by_key(|f| f.to_ascii_lowercase());
    features.dedup();
    let list: Vec<String> = features.iter().map(|f| format!("\"{f}\"")).collect();
    format!("[{}]", list.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ast(text: &str) -> SchemaAst {
        psl::parser::parse_file(text, 0).0
    }

    #[test]
    fn config_blocks_in_prisma_order_without_comments() {
        let text = "// top\ndatasource db {\n  // inside\n  url = env(\"U\") // trailing\n  provider = \"postgresql\"\n}\n\n/// doc\ngenerator client {\n  zeta = true\n  previewFeatures = [\"views\", \"fullTextSearch\", \"views\"]\n  binaryTargets = [\"native\",\"x\"]\n  provider = \"prisma-client-js\"\n}\n";
        assert_eq!(
            render_config(&ast(text), text, true),
            "generator client {\n  provider = \"prisma-client-js\"\n  previewFeatures = [\"fullTextSearchPostgres\", \"views\"]\n  binaryTargets = [\"native\", \"x\"]\n  zeta = \"true\"\n}\n\ndatasource db {\n  provider = \"postgresql\"\n  url = env(\"U\")\n}\n"
        );
    }

    #[test]
    fn strips_model_blocks_with_their_docs_only() {
        let text = "// head\ndatasource db {\n  provider = \"sqlite\"\n}\n\n/// doc\nmodel A {\n  id Int @id @default(dbgenerated(\"{}\"))\n}\n\nenum E {\n  a\n}\n// tail\n";
        assert_eq!(strip_blocks(&ast(text), text), "// head\ndatasource db {\n  provider = \"sqlite\"\n}\n\n\n// tail\n");
    }
}
