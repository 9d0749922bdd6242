//! The Prisma Schema Language: parse schema files into an AST, validate the AST into a
//! resolved `Datamodel`, format schemas the way Prisma does, and render diagnostics.

pub mod ast;
pub mod datamodel;
pub mod diagnostics;
pub mod format;
pub mod parser;
pub mod validate;

/// Parse and validate a schema: the Datamodel when there are no errors, and every diagnostic
/// (parse errors, validation errors, warnings) in the order found.
pub use validate::parse_and_validate;
