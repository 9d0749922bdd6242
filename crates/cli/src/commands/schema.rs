//! `validate` and `format`: need no database and no environment variable.

use std::time::Instant;

use anyhow::Context;
use psl::ast::SourceFiles;

use crate::args::{FormatArgs, SchemaArgs};
use crate::config::{self, SchemaLocation};
use crate::output::{self, Exit};

/// Find and read the schema, printing Prisma's `Prisma schema loaded from …` line.
pub fn load(args: &SchemaArgs) -> anyhow::Result<(SchemaLocation, SourceFiles)> {
    let (location, files) = read(args)?;
    output::info(&format!("Prisma schema loaded from {}", config::display_path(&location.path)));
    Ok((location, files))
}

/// Find and read the schema without printing.
pub fn read(args: &SchemaArgs) -> anyhow::Result<(SchemaLocation, SourceFiles)> {
    let location = config::find_schema(args.schema.as_deref())?;
    let files = config::read_schema(&location)?;
    Ok((location, files))
}

/// Parse and validate; on errors, an `Exit` carrying Prisma's P1012 report. Warnings are not
/// printed: only `validate` and `format` show them (see [`print_warnings`]).
pub fn parse_and_validate(files: &SourceFiles) -> anyhow::Result<psl::datamodel::Datamodel> {
    let (datamodel, diagnostics) = psl::parse_and_validate(files);
    match datamodel {
        Some(dm) if !diagnostics.has_errors() => Ok(dm),
        _ => Err(validation_error(&diagnostics, files)),
    }
}

/// The schema's configuration (datasource, generators) only. Prisma's deploy, status, resolve
/// and reset read the datasource (`getConfig`) and never validate the models, so an error in a
/// model does not stop them; one in the datasource does.
pub fn parse_config_only(files: &SourceFiles) -> anyhow::Result<psl::datamodel::Datamodel> {
    if let (Some(dm), _) = psl::parse_and_validate(files) {
        return Ok(dm);
    }
    let config = config_blocks_only(files);
    let (datamodel, diagnostics) = psl::parse_and_validate(&config);
    match datamodel {
        Some(dm) => Ok(dm),
        None => Err(validation_error(&diagnostics, &config)),
    }
}

/// The files with everything but `datasource` and `generator` blocks blanked out (newlines
/// kept, so spans and line numbers stay those of the real files).
fn config_blocks_only(files: &SourceFiles) -> SourceFiles {
    let (schema, _) = psl::parser::parse_schema(files);
    let mut out = files.clone();
    for (file, ast) in out.files.iter_mut().zip(&schema.files) {
        let mut keep = vec![false; file.text.len()];
        for top in &ast.tops {
            if let psl::ast::Top::Source(block) | psl::ast::Top::Generator(block) = top {
                let end = block.span.end.min(keep.len());
                keep[block.span.start..end].iter_mut().for_each(|k| *k = true);
            }
        }
        file.text = file
            .text
            .char_indices()
            .map(|(i, c)| if keep[i] || c == '\n' { c } else { ' ' })
            .collect();
    }
    out
}

/// `validate` and `format` print the schema's warnings as Prisma's lint does.
fn print_warnings(files: &SourceFiles) {
    let (_, diagnostics) = psl::parse_and_validate(files);
    let warnings = &diagnostics.warnings;
    if warnings.is_empty() {
        return;
    }
    let mut text = format!("\nPrisma schema warning{}:", if warnings.len() > 1 { "s" } else { "" });
    for warning in warnings {
        text.push_str(&format!("\n- {}", warning.message));
    }
    eprintln!("{text}");
}

/// The full validation of commands that need the models, after their datasource line: Prisma's
/// `validate` call prints a blank line, then the report (migrate dev, validate, format).
pub fn validate_models(files: &SourceFiles) -> anyhow::Result<psl::datamodel::Datamodel> {
    let (datamodel, diagnostics) = psl::parse_and_validate(files);
    match datamodel {
        Some(dm) if !diagnostics.has_errors() => Ok(dm),
        _ => {
            let errors = psl::diagnostics::Diagnostics { errors: diagnostics.errors.clone(), warnings: Vec::new() };
            let message = p1012_message("validate wasm", "validate", &errors, files);
            Err(Exit { code: 1, message: Some(format!("\n{message}")) }.into())
        }
    }
}

/// The schema engine's P1012 (db push, migrate diff): the rendered errors alone.
pub fn engine_validation(files: &SourceFiles) -> anyhow::Result<psl::datamodel::Datamodel> {
    let (datamodel, diagnostics) = psl::parse_and_validate(files);
    match datamodel {
        Some(dm) if !diagnostics.has_errors() => Ok(dm),
        _ => {
            let errors = psl::diagnostics::Diagnostics { errors: diagnostics.errors.clone(), warnings: Vec::new() };
            let rendered = psl::diagnostics::render(&errors, files, output::color_stderr());
            let message = format!("{} P1012\n\n{rendered}\n", output::error_label());
            Err(Exit { code: 1, message: Some(message) }.into())
        }
    }
}

fn validation_error(diagnostics: &psl::diagnostics::Diagnostics, files: &SourceFiles) -> anyhow::Error {
    let errors = psl::diagnostics::Diagnostics { errors: diagnostics.errors.clone(), warnings: Vec::new() };
    let message = p1012_message("validate wasm", "validate", &errors, files);
    Exit { code: 1, message: Some(message) }.into()
}

/// Prisma's P1012 report: the rendered errors (each ends in its `   | ` line), a blank line,
/// the count and the context. Prisma then prints its CLI version, which strata leaves out.
fn p1012_message(reason: &str, context: &str, errors: &psl::diagnostics::Diagnostics, files: &SourceFiles) -> String {
    let rendered = psl::diagnostics::render(errors, files, output::color_stderr());
    format!(
        "{} Prisma schema validation - ({reason})\nError code: P1012\n{rendered}\nValidation Error Count: {}\n[Context: {context}]",
        output::error_label(),
        errors.errors.len()
    )
}

/// Prisma's `getConfig` resolves the datasource's `url` and `directUrl`: an unset environment
/// variable there is a P1012 of its own, pointing at the `env(...)` call.
pub fn check_datasource_env(files: &SourceFiles) -> anyhow::Result<()> {
    let (schema, _) = psl::parser::parse_schema(files);
    let mut errors = psl::diagnostics::Diagnostics::default();
    for ast in &schema.files {
        for top in &ast.tops {
            let psl::ast::Top::Source(block) = top else { continue };
            for property in &block.properties {
                if !matches!(property.name.name.as_str(), "url" | "directUrl") {
                    continue;
                }
                if let Some((var, span)) = env_call(property.value.as_ref()) {
                    if std::env::var_os(&var).is_none() {
                        errors.errors.push(psl::diagnostics::Diagnostic::error(format!("Environment variable not found: {var}."), span));
                    }
                }
            }
        }
    }
    if errors.errors.is_empty() {
        return Ok(());
    }
    let message = p1012_message("get-config wasm", "getConfig", &errors, files);
    Err(Exit { code: 1, message: Some(message) }.into())
}

/// `env("VAR")`: the variable and the call's span.
fn env_call(value: Option<&psl::ast::Expression>) -> Option<(String, psl::ast::Span)> {
    let psl::ast::Expression::Function(name, args, span) = value? else { return None };
    if name != "env" {
        return None;
    }
    match &args.arguments.first()?.value {
        psl::ast::Expression::StringValue(var, _) => Some((var.clone(), *span)),
        _ => None,
    }
}

pub fn validate(args: &SchemaArgs) -> anyhow::Result<u8> {
    let (location, files) = load(args)?;
    output::env_loaded(&config::load_dotenv(&location.dir));
    print_warnings(&files);
    validate_models(&files)?;
    check_datasource_env(&files)?;
    let path = config::display_path(&location.path);
    if files.files.len() > 1 {
        output::info(&format!("The schemas at {path} are valid 🚀"));
    } else {
        output::info(&format!("The schema at {path} is valid 🚀"));
    }
    Ok(0)
}

pub fn format(args: &FormatArgs) -> anyhow::Result<u8> {
    let started = Instant::now();
    let (location, files) = load(&args.schema)?;
    output::env_loaded(&config::load_dotenv(&location.dir));
    // Prisma formats, then validates the result: on errors nothing is written.
    // Prisma's format prints a blank line before the report.
    let formatted = psl::format::format_validated(&files).map_err(|(d, formatted)| {
        // Prisma prints the schema's warnings before the error report too.
        print_warnings(&formatted);
        let errors = psl::diagnostics::Diagnostics { errors: d.errors.clone(), warnings: Vec::new() };
        let message = p1012_message("validate wasm", "validate", &errors, &formatted);
        anyhow::Error::from(Exit { code: 1, message: Some(format!("\n{message}")) })
    })?;
    let formatted_files = SourceFiles {
        files: formatted.iter().map(|(path, text)| psl::ast::SourceFile { path: path.clone(), text: text.clone() }).collect(),
    };
    print_warnings(&formatted_files);
    let changed: Vec<&(String, String)> = formatted
        .iter()
        .filter(|(path, text)| files.files.iter().any(|f| &f.path == path && &f.text != text))
        .collect();
    if args.check {
        if changed.is_empty() {
            output::info("All files are formatted correctly!");
            return Ok(0);
        }
        let message = "! There are unformatted files. Run strata format to format them.".to_owned();
        return Err(Exit { code: 1, message: Some(message) }.into());
    }
    for (path, text) in &changed {
        std::fs::write(path, text).with_context(|| format!("cannot write {path}"))?;
    }
    output::info(&format!(
        "Formatted {} in {}ms 🚀",
        config::display_path(&location.path),
        started.elapsed().as_millis()
    ));
    Ok(0)
}
