//! Validation: AST → Datamodel, with Prisma's diagnostics.
//!
//! The phases follow Prisma's (psl `parser-database` then `psl-core`), because the order of
//! diagnostics is part of the output: names, types, attributes and relations first (each pass
//! only when the previous had no error), then the configuration blocks, then — only for a
//! schema without errors so far — the provider-specific validation pipeline.

mod attrs;
mod build;
mod checks;
mod config;
mod connector;
mod db;
mod defaults;
mod expr;
mod indexes;
mod naming;
mod relations;
mod values;

use crate::ast::{Schema, SourceFiles, Top};
use crate::datamodel::{Datamodel, RelationMode};
use crate::diagnostics::Diagnostics;

/// Validates a parsed schema. Returns the resolved `Datamodel` when there is no error (warnings
/// are allowed), and every diagnostic found.
pub fn validate(schema: &Schema, _files: &SourceFiles) -> (Option<Datamodel>, Diagnostics) {
    validate_parsed(schema, false)
}

/// `parse_failed`: the parser reported errors. Prisma's validation pipeline (the checks after
/// name, type and attribute resolution) returns early on any error so far, the parser's included.
fn validate_parsed(schema: &Schema, parse_failed: bool) -> (Option<Datamodel>, Diagnostics) {
    let mut diags = Diagnostics::default();
    let db = db::build(schema, &mut diags);

    let mut generators = Vec::new();
    let mut sources = Vec::new();
    for top in schema.files.iter().flat_map(|f| &f.tops) {
        match top {
            Top::Generator(g) => generators.push(g),
            Top::Source(s) => sources.push(s),
            _ => {}
        }
    }
    let config = config::load(&generators, &sources, &mut diags);

    let Some(db) = db else { return (None, diags) };
    if parse_failed || diags.has_errors() {
        return (None, diags);
    }
    let connector = connector::Connector {
        provider: config.datasource.as_ref().map(|d| d.provider),
        relation_mode: config.datasource.as_ref().map(|d| d.relation_mode).unwrap_or(RelationMode::ForeignKeys),
    };
    let names = checks::run(&db, connector, &config, naming::Namespace::build(&db, connector), &mut diags);
    if diags.has_errors() {
        return (None, diags);
    }
    (Some(build::datamodel(&db, config, connector, &names.index_names)), diags)
}

/// Parses and validates in one go (a convenience for callers and tests).
pub fn parse_and_validate(files: &SourceFiles) -> (Option<Datamodel>, Diagnostics) {
    let (schema, mut diags) = crate::parser::parse_schema(files);
    let (dm, more) = validate_parsed(&schema, diags.has_errors());
    diags.errors.extend(more.errors);
    diags.warnings.extend(more.warnings);
    (dm.filter(|_| diags.errors.is_empty()), diags)
}
