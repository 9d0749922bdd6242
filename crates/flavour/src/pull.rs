//! `db pull`: SqlSchema → Prisma schema text (models, relations, names), per-flavour details in the flavour folders.
