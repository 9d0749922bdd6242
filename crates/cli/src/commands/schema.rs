//! `validate` and `format`: need no database and no environment variable.

use std::time::Instant;

use anyhow::Context;
use psl::ast::SourceFiles;

use crate::args::{FormatArgs, SchemaArgs};
use crate::config::{self, SchemaLocation};
use crate::output::{self, Exit};

/// Find and read the schema, printing Prisma's `Prisma schema loaded from …` line.
pub fn load(args: &SchemaArgs) -> anyhow::Result<(SchemaLocation, SourceFiles)> {
    let location = config::find_schema(args.schema.as_deref())?;
    let files = config::read_schema(&location)?;
    output::info(&format!("Prisma schema loaded from {}", config::display_path(&location.path)));
    Ok((location, files))
}

/// Parse and validate; on errors, an `Exit` carrying Prisma's P1012 report.
pub fn parse_and_validate(files: &SourceFiles) -> anyhow::Result<psl::datamodel::Datamodel> {
    let (datamodel, diagnostics) = psl::parse_and_validate(files);
    if !diagnostics.warnings.is_empty() {
        let only_warnings = psl::diagnostics::Diagnostics { errors: Vec::new(), warnings: diagnostics.warnings.clone() };
        eprint!("{}", psl::diagnostics::render(&only_warnings, files, output::color_stderr()));
    }
    match datamodel {
        Some(dm) if !diagnostics.has_errors() => Ok(dm),
        _ => Err(validation_error(&diagnostics, files)),
    }
}

fn validation_error(diagnostics: &psl::diagnostics::Diagnostics, files: &SourceFiles) -> anyhow::Error {
    let errors = psl::diagnostics::Diagnostics { errors: diagnostics.errors.clone(), warnings: Vec::new() };
    let rendered = psl::diagnostics::render(&errors, files, output::color_stderr());
    let message = format!(
        "{} Prisma schema validation - (validate)\nError code: P1012\n{}\nValidation Error Count: {}\n[Context: validate]",
        output::error_label(),
        rendered.trim_end(),
        diagnostics.errors.len()
    );
    Exit { code: 1, message: Some(message) }.into()
}

pub fn validate(args: &SchemaArgs) -> anyhow::Result<u8> {
    let (location, files) = load(args)?;
    parse_and_validate(&files)?;
    output::info(&format!("The schema at {} is valid 🚀", config::display_path(&location.path)));
    Ok(0)
}

pub fn format(args: &FormatArgs) -> anyhow::Result<u8> {
    let started = Instant::now();
    let (location, files) = load(&args.schema)?;
    // Prisma formats, then validates the result: on errors nothing is written.
    let formatted = psl::format::format_validated(&files).map_err(|(d, formatted)| validation_error(&d, &formatted))?;
    let changed: Vec<&(String, String)> = formatted
        .iter()
        .filter(|(path, text)| files.files.iter().any(|f| &f.path == path && &f.text != text))
        .collect();
    if args.check {
        if changed.is_empty() {
            output::info("All files are formatted correctly!");
            return Ok(0);
        }
        let list: Vec<String> = changed.iter().map(|(p, _)| format!("  {p}")).collect();
        let message = format!(
            "! There are unformatted files. Run strata format to format them.\n{}",
            list.join("\n")
        );
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
