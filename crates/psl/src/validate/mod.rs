//! Validation: AST → Datamodel, with Prisma's diagnostics.
