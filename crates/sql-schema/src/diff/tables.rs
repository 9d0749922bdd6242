//! The comparison of one table present in both schemas.

use super::{is_required, DiffDb};
use crate::migration::*;
use crate::schema::{ColumnArity, ColumnRef, ForeignKey, Index, SortOrder, Table};

pub(crate) struct ColumnPair {
    pub(crate) ids: Pair<usize>,
    pub(crate) changes: ColumnChanges,
}

pub(crate) struct TablePair<'a> {
    pub(crate) ids: Pair<usize>,
    pub(crate) tables: Pair<&'a Table>,
    /// Columns in both tables, sorted by name (Prisma walks columns in name order).
    pub(crate) columns: Vec<ColumnPair>,
    /// Positions in the `after` table, sorted by name.
    pub(crate) added_columns: Vec<usize>,
    /// Positions in the `before` table, sorted by name.
    pub(crate) dropped_columns: Vec<usize>,
}

impl<'a> TablePair<'a> {
    pub(crate) fn new(ids: Pair<usize>, db: &DiffDb<'a>) -> Self {
        let tables = Pair::new(
            &db.schemas.previous.tables[ids.previous],
            &db.schemas.next.tables[ids.next],
        );
        // Sorted (name, position) pairs: tables are small, a binary search beats hashing.
        let mut previous_by_name: Vec<(&str, usize)> = tables
            .previous
            .columns
            .iter()
            .enumerate()
            .map(|(i, c)| (c.name.as_str(), i))
            .collect();
        previous_by_name.sort_unstable();

        let mut matched = vec![false; tables.previous.columns.len()];
        let mut pairs = Vec::new();
        let mut added_columns = Vec::new();
        for (next_id, column) in tables.next.columns.iter().enumerate() {
            let found = previous_by_name
                .binary_search_by(|(n, _)| (*n).cmp(column.name.as_str()))
                .ok();
            match found.map(|i| previous_by_name[i].1) {
                Some(prev_id) if !matched[prev_id] => {
                    matched[prev_id] = true;
                    pairs.push(Pair::new(prev_id, next_id));
                }
                _ => added_columns.push(next_id),
            }
        }
        let mut dropped_columns: Vec<usize> = (0..matched.len()).filter(|i| !matched[*i]).collect();

        let name_of_next = |i: &usize| tables.next.columns[*i].name.as_str();
        let name_of_previous = |i: &usize| tables.previous.columns[*i].name.as_str();
        pairs.sort_by(|a, b| name_of_next(&a.next).cmp(name_of_next(&b.next)));
        added_columns.sort_by(|a, b| name_of_next(a).cmp(name_of_next(b)));
        dropped_columns.sort_by(|a, b| name_of_previous(a).cmp(name_of_previous(b)));

        let columns: Vec<ColumnPair> = pairs
            .into_iter()
            .map(|ids| {
                let cols = Pair::new(
                    &tables.previous.columns[ids.previous],
                    &tables.next.columns[ids.next],
                );
                ColumnPair {
                    ids,
                    changes: db.column_changes(cols),
                }
            })
            .collect();
        TablePair {
            ids,
            tables,
            columns,
            added_columns,
            dropped_columns,
        }
    }

    /// `columns` is sorted by name: binary search.
    fn column_pair(&self, name: &str) -> Option<&ColumnPair> {
        let next = &self.tables.next.columns;
        self.columns
            .binary_search_by(|c| next[c.ids.next].name.as_str().cmp(name))
            .ok()
            .map(|i| &self.columns[i])
    }

    pub(crate) fn any_column_changed(&self) -> bool {
        self.columns
            .iter()
            .any(|c| c.changes.differs_in_something())
    }

    pub(crate) fn created_primary_key(&self) -> bool {
        self.tables.previous.primary_key.is_none() && self.tables.next.primary_key.is_some()
    }

    fn dropped_primary_key_only(&self) -> bool {
        self.tables.previous.primary_key.is_some() && self.tables.next.primary_key.is_none()
    }

    pub(crate) fn primary_key_changed(&self) -> bool {
        let (Some(previous), Some(next)) = (
            &self.tables.previous.primary_key,
            &self.tables.next.primary_key,
        ) else {
            return false;
        };
        if previous.columns.len() != next.columns.len() {
            return true;
        }
        let asc = |o: Option<SortOrder>| o.unwrap_or(SortOrder::Asc);
        let columns_differ = previous.columns.iter().zip(&next.columns).any(|(a, b)| {
            a.name != b.name || asc(a.sort_order) != asc(b.sort_order) || a.length != b.length
        });
        columns_differ
            || previous
                .columns
                .iter()
                .filter_map(|c| self.column_pair(&c.name))
                .any(|c| c.changes.type_changed)
    }

    fn dropped_primary_key(&self) -> bool {
        self.dropped_primary_key_only() || self.primary_key_changed()
    }

    fn added_primary_key(&self) -> bool {
        self.created_primary_key() || self.primary_key_changed()
    }

    /// Only named constraints can be renamed (MySQL and SQLite keys have no name of their own).
    fn renamed_primary_key(&self) -> bool {
        fn name(t: &Table) -> Option<&str> {
            t.primary_key.as_ref().and_then(|pk| pk.name.as_deref())
        }
        match (name(self.tables.previous), name(self.tables.next)) {
            (Some(previous), Some(next)) => previous != next,
            _ => false,
        }
    }

    pub(crate) fn needs_redefinition(&self, db: &DiffDb<'_>) -> bool {
        self.created_primary_key()
            || self.dropped_primary_key()
            || !self.dropped_columns.is_empty()
            || self
                .added_columns
                .iter()
                .any(|&c| is_required(&self.tables.next.columns[c]))
            || self.any_column_changed()
            || !self.created_foreign_keys(db).is_empty()
            || !self.dropped_foreign_keys(db).is_empty()
    }

    fn has_virtual_default(&self, db: &DiffDb<'_>, column: usize) -> bool {
        let table = self.tables.next;
        let name = &table.columns[column].name;
        db.schemas
            .next
            .prisma_level_defaults
            .iter()
            .any(|r: &ColumnRef| {
                r.namespace == table.namespace && r.table == table.name && &r.column == name
            })
    }

    /// The column changes of an `AlterTable`, in Prisma's execution order.
    pub(crate) fn table_changes(&self, db: &DiffDb<'_>) -> Vec<TableChange> {
        let mut changes = Vec::new();
        if self.dropped_primary_key() {
            changes.push(TableChange::DropPrimaryKey);
        }
        if self.renamed_primary_key() {
            changes.push(TableChange::RenamePrimaryKey);
        }
        changes.extend(
            self.dropped_columns
                .iter()
                .map(|&column| TableChange::DropColumn { column }),
        );
        changes.extend(
            self.added_columns
                .iter()
                .map(|&column| TableChange::AddColumn {
                    column,
                    has_virtual_default: self.has_virtual_default(db, column),
                }),
        );

        let mut altered: Vec<&ColumnPair> = self
            .columns
            .iter()
            .filter(|c| c.changes.differs_in_something())
            .collect();
        altered.sort_by_key(|c| c.ids);
        changes.extend(altered.into_iter().map(|c| match c.changes.type_change {
            Some(TypeChange::NotCastable) => TableChange::DropAndRecreateColumn {
                column: c.ids,
                changes: c.changes,
            },
            type_change => TableChange::AlterColumn(AlterColumn {
                column: c.ids,
                changes: c.changes,
                type_change,
            }),
        }));

        if self.added_primary_key() {
            changes.push(TableChange::AddPrimaryKey);
        }
        changes
    }

    pub(crate) fn redefine_table(&self, db: &DiffDb<'_>) -> RedefineTable {
        RedefineTable {
            table: self.ids,
            dropped_primary_key: self.dropped_primary_key(),
            added_columns: self.added_columns.clone(),
            added_columns_with_virtual_defaults: self
                .added_columns
                .iter()
                .copied()
                .filter(|&c| self.has_virtual_default(db, c))
                .collect(),
            dropped_columns: self.dropped_columns.clone(),
            column_pairs: self
                .columns
                .iter()
                .map(|c| (c.ids, c.changes, c.changes.type_change))
                .collect(),
        }
    }

    fn foreign_keys_match(
        &self,
        previous: &ForeignKey,
        next: &ForeignKey,
        db: &DiffDb<'_>,
    ) -> bool {
        let same_table = if db.flavour.lower_cases_table_names() {
            previous
                .referenced_table
                .eq_ignore_ascii_case(&next.referenced_table)
        } else {
            previous.referenced_table == next.referenced_table
        };
        let same_columns = previous.columns.len() == next.columns.len()
            && previous
                .columns
                .iter()
                .zip(&next.columns)
                .all(|(p, n)| p == n && self.fk_column_unchanged(p, db));

        same_table
            && previous.referenced_columns == next.referenced_columns
            && same_columns
            && previous.on_delete == next.on_delete
            && previous.on_update == next.on_update
    }

    /// A constrained column keeps its foreign key when its type is unchanged and its arity
    /// change is one the database copes with.
    fn fk_column_unchanged(&self, name: &str, db: &DiffDb<'_>) -> bool {
        let Some(pair) = self.column_pair(name) else {
            return false;
        };
        let arities = Pair::new(
            self.tables.previous.columns[pair.ids.previous].tpe.arity,
            self.tables.next.columns[pair.ids.next].tpe.arity,
        );
        let arities_ok = db
            .flavour
            .can_cope_with_foreign_key_column_becoming_non_nullable()
            || arities.previous == arities.next
            || (arities.previous == ColumnArity::Required && arities.next == ColumnArity::Nullable);
        !pair.changes.type_changed && arities_ok
    }

    pub(crate) fn created_foreign_keys(&self, db: &DiffDb<'_>) -> Vec<usize> {
        let (previous, next) = (
            &self.tables.previous.foreign_keys,
            &self.tables.next.foreign_keys,
        );
        (0..next.len())
            .filter(|&n| {
                !previous
                    .iter()
                    .any(|p| self.foreign_keys_match(p, &next[n], db))
            })
            .collect()
    }

    pub(crate) fn dropped_foreign_keys(&self, db: &DiffDb<'_>) -> Vec<usize> {
        let (previous, next) = (
            &self.tables.previous.foreign_keys,
            &self.tables.next.foreign_keys,
        );
        (0..previous.len())
            .filter(|&p| {
                !next
                    .iter()
                    .any(|n| self.foreign_keys_match(&previous[p], n, db))
            })
            .collect()
    }

    pub(crate) fn foreign_key_pairs(&self, db: &DiffDb<'_>) -> Vec<Pair<usize>> {
        let (previous, next) = (
            &self.tables.previous.foreign_keys,
            &self.tables.next.foreign_keys,
        );
        let mut taken = vec![false; next.len()];
        let mut pairs = Vec::new();
        for (p, fk) in previous.iter().enumerate() {
            let found =
                (0..next.len()).find(|&n| !taken[n] && self.foreign_keys_match(fk, &next[n], db));
            if let Some(n) = found {
                taken[n] = true;
                pairs.push(Pair::new(p, n));
            }
        }
        pairs
    }

    pub(crate) fn matching_next_foreign_key(
        &self,
        previous: usize,
        db: &DiffDb<'_>,
    ) -> Option<usize> {
        let fk = &self.tables.previous.foreign_keys[previous];
        self.tables
            .next
            .foreign_keys
            .iter()
            .position(|n| self.foreign_keys_match(fk, n, db))
    }

    fn indexes_match(previous: &Index, next: &Index, db: &DiffDb<'_>) -> bool {
        let asc = |o: Option<SortOrder>| o.unwrap_or(SortOrder::Asc);
        previous.columns.len() == next.columns.len()
            && previous.columns.iter().zip(&next.columns).all(|(a, b)| {
                a.name == b.name && a.length == b.length && asc(a.sort_order) == asc(b.sort_order)
            })
            && previous.kind == next.kind
            && db.flavour.indexes_match(previous, next)
    }

    pub(crate) fn created_indexes(&self, db: &DiffDb<'_>) -> Vec<usize> {
        let (previous, next) = (&self.tables.previous.indexes, &self.tables.next.indexes);
        (0..next.len())
            .filter(|&n| {
                !previous
                    .iter()
                    .any(|p| Self::indexes_match(p, &next[n], db))
            })
            .collect()
    }

    pub(crate) fn dropped_indexes(&self, db: &DiffDb<'_>) -> Vec<usize> {
        let (previous, next) = (&self.tables.previous.indexes, &self.tables.next.indexes);
        (0..previous.len())
            .filter(|&p| {
                !next
                    .iter()
                    .any(|n| Self::indexes_match(&previous[p], n, db))
            })
            .collect()
    }

    /// Indexes present on both sides (possibly under another name). Several indexes on the
    /// same columns are too ambiguous to pair, as in Prisma.
    pub(crate) fn index_pairs(&self, db: &DiffDb<'_>) -> Vec<Pair<usize>> {
        let (previous, next) = (&self.tables.previous.indexes, &self.tables.next.indexes);
        let same_shape = |a: &Index, b: &Index| {
            a.kind == b.kind
                && a.columns.len() == b.columns.len()
                && a.columns
                    .iter()
                    .zip(&b.columns)
                    .all(|(x, y)| x.name == y.name)
        };
        (0..previous.len())
            .filter(|&p| {
                previous
                    .iter()
                    .filter(|other| same_shape(&previous[p], other))
                    .count()
                    == 1
            })
            .filter_map(|p| {
                (0..next.len())
                    .find(|&n| Self::indexes_match(&previous[p], &next[n], db))
                    .map(|n| Pair::new(p, n))
            })
            .collect()
    }
}
