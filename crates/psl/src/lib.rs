//! The Prisma Schema Language: parse schema files into an AST, validate the AST into a
//! resolved `Datamodel`, format schemas the way Prisma does, and render diagnostics.

pub mod ast;
pub mod datamodel;
pub mod diagnostics;
pub mod format;
pub mod parser;
pub mod validate;
