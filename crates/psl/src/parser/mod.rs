//! Lexer and parser: schema text → AST.
//!
//! Parsing happens in two steps: `grammar` reads the text into a concrete syntax tree (`cst`)
//! that follows Prisma's pest grammar rule by rule and keeps every comment, empty line and
//! invalid line; `lower` turns that into the AST and reports Prisma's parser diagnostics.
//! Parsing never fails: an invalid line becomes a diagnostic and parsing goes on with the next
//! line or block.

pub mod cst;
mod grammar;
mod lower;
mod strings;

use crate::ast::{FileId, Schema, SchemaAst, SourceFiles};
use crate::diagnostics::Diagnostics;

/// Parses every file of a schema.
pub fn parse_schema(files: &SourceFiles) -> (Schema, Diagnostics) {
    let mut diags = Diagnostics::default();
    let files = files
        .files
        .iter()
        .enumerate()
        .map(|(id, file)| parse_file_into(&file.text, id, &mut diags))
        .collect();
    (Schema { files }, diags)
}

/// Parses one file; `file` is its index in the `SourceFiles` (it goes into every span).
pub fn parse_file(text: &str, file: FileId) -> (SchemaAst, Diagnostics) {
    let mut diags = Diagnostics::default();
    let ast = parse_file_into(text, file, &mut diags);
    (ast, diags)
}

/// Parses one file, adding its diagnostics to `diags`.
pub fn parse_file_into(text: &str, file: FileId, diags: &mut Diagnostics) -> SchemaAst {
    let cst = parse_cst(text, file);
    lower::lower(&cst, text, file, diags)
}

/// The concrete syntax tree of one file (comments and invalid lines included), for tools that
/// need the source layout, like the formatter.
pub fn parse_cst(text: &str, file: FileId) -> cst::Cst {
    grammar::parse_cst(text, file)
}
