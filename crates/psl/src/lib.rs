//! The Prisma Schema Language: parse schema files into an AST, validate the AST into a
//! resolved `Datamodel`, format schemas the way Prisma does, and render diagnostics.

pub mod ast;
pub mod datamodel;
pub mod diagnostics;
pub mod format;
pub mod parser;
pub mod validate;

use ast::SourceFiles;
use datamodel::Datamodel;
use diagnostics::Diagnostics;

/// Parse and validate a schema: the Datamodel when there are no errors, and every diagnostic
/// (parse errors, validation errors, warnings) in the order found.
pub fn parse_and_validate(files: &SourceFiles) -> (Option<Datamodel>, Diagnostics) {
    let (schema, mut diagnostics) = parser::parse_schema(files);
    let (datamodel, found) = validate::validate(&schema, files);
    diagnostics.errors.extend(found.errors);
    diagnostics.warnings.extend(found.warnings);
    let datamodel = if diagnostics.has_errors() { None } else { datamodel };
    (datamodel, diagnostics)
}
