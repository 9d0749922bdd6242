//! The formatter: Prisma's layout, idempotent.
