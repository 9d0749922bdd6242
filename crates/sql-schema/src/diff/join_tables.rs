//! Implicit many-to-many join tables have two shapes: Prisma 6 gives them a primary key
//! `{table}_AB_pkey` on `(A, B)` on PostgreSQL, Prisma 5 a unique index `{table}_AB_unique`.
//! Both enforce the same uniqueness, so a database built by a Prisma 5 history is read as
//! matching a schema calculated with Prisma 6 rules. Prisma 6 itself would generate a migration
//! that swaps the index for the key; we do not, so that a team can move between Prisma 5,
//! Prisma 6 and strata without either tool asking for a migration or reporting drift.

use crate::schema::{IndexKind, SqlSchema, Table};

/// Rewrites, on either side, a legacy join table into the Prisma 6 shape where the other side
/// has that shape for the same table. Nothing else changes.
pub(crate) fn align(from: &mut SqlSchema, to: &mut SqlSchema) {
    upgrade_legacy(from, to);
    upgrade_legacy(to, from);
}

fn upgrade_legacy(legacy: &mut SqlSchema, other: &SqlSchema) {
    for table in &mut legacy.tables {
        let Some(index_pos) = legacy_unique_index(table) else {
            continue;
        };
        let Some(pk) = other
            .table(table.namespace.as_deref(), &table.name)
            .filter(|t| has_join_primary_key(t))
            .and_then(|t| t.primary_key.clone())
        else {
            continue;
        };
        table.indexes.remove(index_pos);
        table.primary_key = Some(pk);
    }
}

/// The position of `{table}_AB_unique` on plain `(A, B)` in a table without primary key.
fn legacy_unique_index(table: &Table) -> Option<usize> {
    if table.primary_key.is_some() || !table.name.starts_with('_') {
        return None;
    }
    let name = format!("{}_AB_unique", table.name);
    table.indexes.iter().position(|index| {
        index.name == name
            && index.kind == IndexKind::Unique
            && index.predicate.is_none()
            && !matches!(index.algorithm.as_deref(), Some(a) if !a.eq_ignore_ascii_case("btree"))
            && is_a_b(index.columns.iter().map(|c| {
                (
                    c.name.as_str(),
                    c.sort_order.is_none() && c.length.is_none() && c.operator_class.is_none(),
                )
            }))
    })
}

/// `{table}_AB_pkey` on plain `(A, B)`, and no legacy index beside it.
fn has_join_primary_key(table: &Table) -> bool {
    let Some(pk) = &table.primary_key else {
        return false;
    };
    let legacy = format!("{}_AB_unique", table.name);
    pk.name.as_deref() == Some(format!("{}_AB_pkey", table.name).as_str())
        && is_a_b(pk.columns.iter().map(|c| {
            (
                c.name.as_str(),
                c.sort_order.is_none() && c.length.is_none(),
            )
        }))
        && !table.indexes.iter().any(|i| i.name == legacy)
}

fn is_a_b<'a>(mut columns: impl Iterator<Item = (&'a str, bool)>) -> bool {
    matches!(
        (columns.next(), columns.next(), columns.next()),
        (Some(("A", true)), Some(("B", true)), None)
    )
}
