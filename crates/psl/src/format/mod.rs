//! The formatter: Prisma's layout, idempotent.
//!
//! As `prisma format` does, it first completes relations when the schema resolves (missing
//! back-relation fields, missing `@relation(fields: […], references: […])` and the scalar fields
//! they need: see `relations`), then prints every file in Prisma's layout (see `render`).

mod checks;
mod inflect;
mod relations;
mod render;
mod table;

use crate::ast::{FileId, SourceFiles};
use crate::diagnostics::Diagnostics;
use crate::parser;

/// Prisma formats with two spaces.
const INDENT_WIDTH: usize = 2;

/// Formats every file of a schema; returns `(path, formatted text)` per file, in order.
///
/// Like Prisma's `reformat`, this never fails on a schema with errors: invalid lines are kept
/// verbatim, and relations are only completed when the schema has no parse or resolution
/// errors. The `Err` case is kept for callers that want to refuse such schemas; it is not used.
pub fn format_schema(files: &SourceFiles) -> Result<Vec<(String, String)>, Diagnostics> {
    let insertions = relations::missing_bits(files);
    let formatted = files
        .files
        .iter()
        .enumerate()
        .map(|(id, file)| {
            let text = match insertions.get(&id) {
                Some(bits) => relations::enrich(&file.text, bits),
                None => file.text.clone(),
            };
            (file.path.clone(), format_text_layout(&text, id))
        })
        .collect();
    Ok(formatted)
}

/// What `prisma format` (6.19) does: format, then validate the formatted schema. On validation
/// errors Prisma writes nothing and reports them (P1012) with positions in the *formatted*
/// text, so the error carries the formatted files to render the diagnostics against.
pub fn format_validated(files: &SourceFiles) -> Result<Vec<(String, String)>, (Diagnostics, SourceFiles)> {
    let formatted = format_schema(files).map_err(|diags| (diags, files.clone()))?;
    let formatted_files = SourceFiles {
        files: formatted
            .iter()
            .map(|(path, text)| crate::ast::SourceFile { path: path.clone(), text: text.clone() })
            .collect(),
    };
    let (_, diags) = crate::validate::parse_and_validate(&formatted_files);
    if diags.has_errors() {
        return Err((diags, formatted_files));
    }
    Ok(formatted)
}

/// Formats a single-file schema (relations completed as in [`format_schema`]).
pub fn format_text(text: &str) -> String {
    let files = SourceFiles {
        files: vec![crate::ast::SourceFile { path: "schema.prisma".to_owned(), text: text.to_owned() }],
    };
    match format_schema(&files) {
        Ok(mut out) if !out.is_empty() => out.swap_remove(0).1,
        _ => format_text_layout(text, 0),
    }
}

/// Only the layout: no relation completion.
pub fn format_layout(text: &str) -> String {
    format_text_layout(text, 0)
}

fn format_text_layout(text: &str, file: FileId) -> String {
    let cst = parser::parse_cst(text, file);
    render::render_file(text, &cst, INDENT_WIDTH)
}
