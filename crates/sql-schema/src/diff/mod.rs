//! `diff`: two `SqlSchema`s in, the migration steps between them out.
//!
//! Generic over databases: everything dialect-specific goes through [`DiffFlavour`]. Items are
//! matched by name through hash maps, so the cost is linear in the size of the schemas.

mod defaults;
mod flavour;
mod join_tables;
mod tables;

pub use flavour::DiffFlavour;

use crate::migration::*;
use crate::schema::{Column, ColumnArity, ColumnTypeFamily, SqlSchema, Table};
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use tables::TablePair;

/// The table the migration engine keeps its history in: never diffed.
const MIGRATIONS_TABLE_NAME: &str = "_prisma_migrations";

/// Compute the steps that turn `from` into `to`. The migration keeps copies of both schemas;
/// [`diff_owned`] moves them in instead.
pub fn diff(from: &SqlSchema, to: &SqlSchema, flavour: &dyn DiffFlavour) -> Migration {
    diff_owned(from.clone(), to.clone(), flavour)
}

/// [`diff`] for callers that own the schemas (calculate and describe results), without copies.
pub fn diff_owned(mut from: SqlSchema, mut to: SqlSchema, flavour: &dyn DiffFlavour) -> Migration {
    join_tables::align(&mut from, &mut to);
    let steps = DiffDb::new(Pair::new(&from, &to), flavour).steps();
    Migration {
        before: from,
        after: to,
        steps,
        alter_column_checks: flavour.alter_column_checks(),
    }
}

/// FNV-1a: the differ hashes many short names, where SipHash's setup cost dominates.
#[derive(Default)]
pub(crate) struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut hash = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for b in bytes {
            hash ^= u64::from(*b);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = hash;
    }
}

pub(crate) type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;

type TableKey<'a> = (Option<&'a str>, Cow<'a, str>);

/// The matched view of both schemas the step builders read.
pub(crate) struct DiffDb<'a> {
    pub(crate) schemas: Pair<&'a SqlSchema>,
    pub(crate) flavour: &'a dyn DiffFlavour,
    /// Tables in both schemas, in `before` order.
    pub(crate) pairs: Vec<TablePair<'a>>,
    created_tables: Vec<usize>,
    dropped_tables: Vec<usize>,
    /// `before` table position → position in `pairs`.
    pair_of_previous: Vec<Option<usize>>,
    /// Table keys (namespace, name) of the `before` schema, to find a table by reference.
    previous_keys: FastMap<TableKey<'a>, usize>,
    redefined: HashSet<Pair<usize>>,
    /// Enum name → position, per schema (columns reference enums by name).
    enums_by_name: Pair<FastMap<&'a str, usize>>,
}

impl<'a> DiffDb<'a> {
    fn new(schemas: Pair<&'a SqlSchema>, flavour: &'a dyn DiffFlavour) -> Self {
        let key = |t: &'a Table| -> TableKey<'a> {
            let name = if flavour.lower_cases_table_names() {
                Cow::Owned(t.name.to_ascii_lowercase())
            } else {
                Cow::Borrowed(t.name.as_str())
            };
            (t.namespace.as_deref(), name)
        };
        let ignored =
            |t: &Table| t.name == MIGRATIONS_TABLE_NAME || flavour.table_should_be_ignored(&t.name);

        let mut previous_keys =
            FastMap::with_capacity_and_hasher(schemas.previous.tables.len(), Default::default());
        for (i, table) in schemas
            .previous
            .tables
            .iter()
            .enumerate()
            .filter(|(_, t)| !ignored(t))
        {
            previous_keys.entry(key(table)).or_insert(i);
        }

        let enums_by_name = schemas.map(|s| {
            let mut map = FastMap::with_capacity_and_hasher(s.enums.len(), Default::default());
            for (i, e) in s.enums.iter().enumerate() {
                map.entry(e.name.as_str()).or_insert(i);
            }
            map
        });

        let mut db = DiffDb {
            schemas,
            flavour,
            pairs: Vec::new(),
            created_tables: Vec::new(),
            dropped_tables: Vec::new(),
            pair_of_previous: vec![None; schemas.previous.tables.len()],
            previous_keys,
            redefined: HashSet::new(),
            enums_by_name,
        };

        let mut matched_previous = vec![false; schemas.previous.tables.len()];
        let mut pair_ids = Vec::new();
        for (i, table) in schemas
            .next
            .tables
            .iter()
            .enumerate()
            .filter(|(_, t)| !ignored(t))
        {
            match db.previous_keys.get(&key(table)) {
                Some(&p) if !matched_previous[p] => {
                    matched_previous[p] = true;
                    pair_ids.push(Pair::new(p, i));
                }
                _ => db.created_tables.push(i),
            }
        }
        db.dropped_tables = (0..schemas.previous.tables.len())
            .filter(|i| !ignored(&schemas.previous.tables[*i]) && !matched_previous[*i])
            .collect();

        // Pairs in `before` order, like Prisma's table map.
        pair_ids.sort();
        db.pairs = pair_ids
            .into_iter()
            .map(|ids| TablePair::new(ids, &db))
            .collect();
        for (i, pair) in db.pairs.iter().enumerate() {
            db.pair_of_previous[pair.ids.previous] = Some(i);
        }

        if flavour.redefines_changed_tables() {
            db.redefined = db
                .pairs
                .iter()
                .filter(|p| p.needs_redefinition(&db))
                .map(|p| p.ids)
                .collect();
        }
        db
    }

    pub(crate) fn enum_of(&self, side: Side, column: &Column) -> Option<usize> {
        match &column.tpe.family {
            ColumnTypeFamily::Enum(name) => self
                .side(&self.enums_by_name, side)
                .get(name.as_str())
                .copied(),
            _ => None,
        }
    }

    fn side<'m, T>(&self, pair: &'m Pair<T>, side: Side) -> &'m T {
        match side {
            Side::Previous => &pair.previous,
            Side::Next => &pair.next,
        }
    }

    pub(crate) fn column_type_change(&self, columns: Pair<&Column>) -> Option<TypeChange> {
        self.flavour.column_type_change(columns, self.schemas)
    }

    pub(crate) fn column_changes(&self, columns: Pair<&Column>) -> ColumnChanges {
        let type_change = self.column_type_change(columns);
        ColumnChanges {
            arity: columns.previous.tpe.arity != columns.next.tpe.arity,
            default: !defaults::defaults_match(columns, self.flavour),
            type_changed: type_change.is_some(),
            autoincrement: self.flavour.column_autoincrement_changed(columns),
            type_change,
        }
    }

    fn is_redefined(&self, ids: Pair<usize>) -> bool {
        self.redefined.contains(&ids)
    }

    /// Whether the `before` table a foreign key references is being redefined.
    fn referenced_table_is_redefined(&self, namespace: Option<&str>, name: &str) -> bool {
        if self.redefined.is_empty() {
            return false;
        }
        let name = if self.flavour.lower_cases_table_names() {
            Cow::Owned(name.to_ascii_lowercase())
        } else {
            Cow::Borrowed(name)
        };
        self.previous_keys
            .get(&(namespace, name))
            .and_then(|&p| self.pair_of_previous[p])
            .is_some_and(|i| self.is_redefined(self.pairs[i].ids))
    }

    fn steps(&self) -> Vec<Step> {
        let mut steps = Vec::new();
        self.push_extension_steps(&mut steps);
        self.push_created_schema_steps(&mut steps);
        self.push_created_table_steps(&mut steps);
        self.push_dropped_table_steps(&mut steps);
        self.push_dropped_index_steps(&mut steps);
        self.push_created_index_steps(&mut steps);
        self.push_altered_table_steps(&mut steps);
        self.push_redefined_table_steps(&mut steps);
        if self.flavour.has_enum_types() {
            self.push_enum_steps(&mut steps);
        }
        steps.sort();
        steps.dedup();
        move_drop_unique_after_added_primary_key(&mut steps, self.schemas);
        steps
    }

    fn push_extension_steps(&self, steps: &mut Vec<Step>) {
        let previous: HashMap<&str, usize> = self
            .schemas
            .previous
            .extensions
            .iter()
            .enumerate()
            .map(|(i, e)| (e.name.as_str(), i))
            .collect();
        for (next_id, next) in self.schemas.next.extensions.iter().enumerate() {
            let Some(&prev_id) = previous.get(next.name.as_str()) else {
                steps.push(Step::CreateExtension(next_id));
                continue;
            };
            let prev = &self.schemas.previous.extensions[prev_id];
            let changed = |a: &Option<String>, b: &Option<String>| match (a, b) {
                (Some(a), Some(b)) => !a.is_empty() && !b.is_empty() && a != b,
                _ => false,
            };
            let mut changes = Vec::new();
            if changed(&prev.version, &next.version) {
                changes.push(ExtensionChange::AlterVersion);
            }
            if changed(&prev.schema, &next.schema) {
                changes.push(ExtensionChange::AlterSchema);
            }
            if !changes.is_empty() {
                steps.push(Step::AlterExtension {
                    extension: Pair::new(prev_id, next_id),
                    changes,
                });
            }
        }
    }

    /// Namespaces new in `after` that hold a table or a new enum (an empty namespace listed in
    /// the datasource is not created, as in Prisma).
    fn push_created_schema_steps(&self, steps: &mut Vec<Step>) {
        let previous: HashSet<&str> = self
            .schemas
            .previous
            .namespaces
            .iter()
            .map(String::as_str)
            .collect();
        let mut used: HashSet<&str> = HashSet::new();
        for s in [self.schemas.previous, self.schemas.next] {
            used.extend(s.tables.iter().filter_map(|t| t.namespace.as_deref()));
        }
        let previous_enums: HashSet<(Option<&str>, &str)> = self
            .schemas
            .previous
            .enums
            .iter()
            .map(|e| (e.namespace.as_deref(), e.name.as_str()))
            .collect();
        if self.flavour.has_enum_types() {
            used.extend(
                self.schemas
                    .next
                    .enums
                    .iter()
                    .filter(|e| {
                        !previous_enums.contains(&(e.namespace.as_deref(), e.name.as_str()))
                    })
                    .filter_map(|e| e.namespace.as_deref()),
            );
        }
        let mut seen = HashSet::new();
        for ns in &self.schemas.next.namespaces {
            if !previous.contains(ns.as_str()) && used.contains(ns.as_str()) && seen.insert(ns) {
                steps.push(Step::CreateSchema(ns.clone()));
            }
        }
    }

    fn push_created_table_steps(&self, steps: &mut Vec<Step>) {
        for &table_id in &self.created_tables {
            steps.push(Step::CreateTable(table_id));
            let table = &self.schemas.next.tables[table_id];
            if self.flavour.should_push_foreign_keys_from_created_tables() {
                for fk in 0..table.foreign_keys.len() {
                    steps.push(Step::AddForeignKey {
                        table: table_id,
                        foreign_key: fk,
                    });
                }
            }
            if self.flavour.should_create_indexes_from_created_tables() {
                for index in 0..table.indexes.len() {
                    steps.push(Step::CreateIndex {
                        table: (None, table_id),
                        index,
                        from_drop_and_recreate: false,
                    });
                }
            }
        }
    }

    fn push_dropped_table_steps(&self, steps: &mut Vec<Step>) {
        for &table_id in &self.dropped_tables {
            steps.push(Step::DropTable(table_id));
            if !self.flavour.should_drop_foreign_keys_from_dropped_tables() {
                continue;
            }
            let table = &self.schemas.previous.tables[table_id];
            for fk in 0..table.foreign_keys.len() {
                steps.push(Step::DropForeignKey {
                    table: table_id,
                    foreign_key: fk,
                });
            }
        }
    }

    fn non_redefined_pairs(&self) -> impl Iterator<Item = &TablePair<'a>> + '_ {
        self.pairs.iter().filter(|p| !self.is_redefined(p.ids))
    }

    fn push_dropped_index_steps(&self, steps: &mut Vec<Step>) {
        let mut drop_indexes: Vec<(usize, usize)> = Vec::new();
        let mut recreate_fks: Vec<(Pair<usize>, usize)> = Vec::new();

        for pair in self.non_redefined_pairs() {
            let dropped_fks: HashSet<usize> = pair.dropped_foreign_keys(self).into_iter().collect();
            for index_id in pair.dropped_indexes(self) {
                if self
                    .flavour
                    .should_recreate_fks_covered_by_deleted_indexes()
                {
                    let index = &pair.tables.previous.indexes[index_id];
                    let covered: Vec<usize> = fks_covered_by_index(pair.tables.previous, index)
                        .filter(|fk| !dropped_fks.contains(fk))
                        .collect();
                    // A plain index exactly on a foreign key's columns that left the schema is
                    // the one the database made for the key: keep it.
                    let is_fk_index = index.kind == crate::schema::IndexKind::Normal
                        && covered.iter().any(|fk| {
                            pair.tables.previous.foreign_keys[*fk].columns.len()
                                == index.columns.len()
                        });
                    if is_fk_index {
                        continue;
                    }
                    recreate_fks.extend(covered.into_iter().map(|fk| (pair.ids, fk)));
                }
                drop_indexes.push((pair.ids.previous, index_id));
            }
            // MariaDB rejects `DROP COLUMN c, ADD COLUMN c` while an index names `c` (1089):
            // the index goes first, and comes back after the column.
            for index in self.indexes_over_recreated_columns(pair) {
                if self
                    .flavour
                    .should_recreate_fks_covered_by_deleted_indexes()
                {
                    let previous_index = &pair.tables.previous.indexes[index.previous];
                    recreate_fks.extend(
                        fks_covered_by_index(pair.tables.previous, previous_index)
                            .filter(|fk| !dropped_fks.contains(fk))
                            .map(|fk| (pair.ids, fk)),
                    );
                }
                drop_indexes.push((pair.ids.previous, index.previous));
            }
        }

        if !self.redefined.is_empty() && self.flavour.should_drop_indexes_from_dropped_tables() {
            for &table_id in &self.dropped_tables {
                let table = &self.schemas.previous.tables[table_id];
                drop_indexes.extend((0..table.indexes.len()).map(|i| (table_id, i)));
            }
        }

        for (table, index) in drop_indexes {
            steps.push(Step::DropIndex { table, index });
        }
        recreate_fks.sort();
        recreate_fks.dedup();
        for (tables, fk) in recreate_fks {
            steps.push(Step::DropForeignKey {
                table: tables.previous,
                foreign_key: fk,
            });
            if let Some(next_fk) = self
                .pair_by_ids(tables)
                .and_then(|p| p.matching_next_foreign_key(fk, self))
            {
                steps.push(Step::AddForeignKey {
                    table: tables.next,
                    foreign_key: next_fk,
                });
            }
        }
    }

    fn pair_by_ids(&self, ids: Pair<usize>) -> Option<&TablePair<'a>> {
        self.pair_of_previous
            .get(ids.previous)
            .copied()
            .flatten()
            .map(|i| &self.pairs[i])
    }

    fn push_created_index_steps(&self, steps: &mut Vec<Step>) {
        for pair in self.non_redefined_pairs() {
            for index in pair.created_indexes(self) {
                if self.is_implicit_foreign_key_index(pair, index) {
                    continue;
                }
                steps.push(Step::CreateIndex {
                    table: (Some(pair.ids.previous), pair.ids.next),
                    index,
                    from_drop_and_recreate: false,
                });
            }

            for index in self.indexes_over_recreated_columns(pair) {
                steps.push(Step::CreateIndex {
                    table: (Some(pair.ids.previous), pair.ids.next),
                    index: index.next,
                    from_drop_and_recreate: true,
                });
            }
        }
    }

    /// A created plain index named after a kept foreign key on exactly its columns: the
    /// database already made it for the key (what `db pull` shows as `@@index(…, map: …)`).
    fn is_implicit_foreign_key_index(&self, pair: &TablePair<'a>, index: usize) -> bool {
        if !self.flavour.foreign_keys_create_indexes() {
            return false;
        }
        let index = &pair.tables.next.indexes[index];
        if index.kind != crate::schema::IndexKind::Normal {
            return false;
        }
        pair.tables.previous.foreign_keys.iter().any(|fk| {
            fk.name.as_deref() == Some(index.name.as_str())
                && fk.columns.len() == index.columns.len()
                && fk
                    .columns
                    .iter()
                    .zip(&index.columns)
                    .all(|(f, i)| *f == i.name)
        })
    }

    /// Kept indexes over a column that is dropped and recreated, where the flavour must
    /// drop them before and recreate them after the column.
    fn indexes_over_recreated_columns(&self, pair: &TablePair<'a>) -> Vec<Pair<usize>> {
        if !self.flavour.indexes_should_be_recreated_after_column_drop() {
            return Vec::new();
        }
        let recreated: HashSet<&str> = pair
            .columns
            .iter()
            .filter(|c| c.changes.type_change == Some(TypeChange::NotCastable))
            .map(|c| pair.tables.next.columns[c.ids.next].name.as_str())
            .collect();
        if recreated.is_empty() {
            return Vec::new();
        }
        pair.index_pairs(self)
            .into_iter()
            .filter(|index| {
                pair.tables.next.indexes[index.next]
                    .columns
                    .iter()
                    .any(|c| recreated.contains(c.name.as_str()))
            })
            .collect()
    }

    fn push_altered_table_steps(&self, steps: &mut Vec<Step>) {
        for pair in self.non_redefined_pairs() {
            for fk in pair.created_foreign_keys(self) {
                steps.push(Step::AddForeignKey {
                    table: pair.ids.next,
                    foreign_key: fk,
                });
            }
            for fk in pair.dropped_foreign_keys(self) {
                steps.push(Step::DropForeignKey {
                    table: pair.ids.previous,
                    foreign_key: fk,
                });
            }
            for fks in pair.foreign_key_pairs(self) {
                self.push_foreign_key_pair_changes(pair, fks, steps);
            }

            // Indexes dropped and recreated around a column come back under their new name.
            let recreated = self.indexes_over_recreated_columns(pair);
            for index in pair.index_pairs(self) {
                let previous_name = &pair.tables.previous.indexes[index.previous].name;
                let next_name = &pair.tables.next.indexes[index.next].name;
                if previous_name == next_name || recreated.contains(&index) {
                    continue;
                }
                steps.push(if self.flavour.can_rename_index() {
                    Step::RenameIndex {
                        table: pair.ids,
                        index,
                    }
                } else {
                    Step::RedefineIndex {
                        table: pair.ids,
                        index,
                    }
                });
            }

            let changes = pair.table_changes(self);
            if !changes.is_empty() {
                steps.push(Step::AlterTable(AlterTable {
                    table: pair.ids,
                    changes,
                }));
            }
        }
    }

    fn push_foreign_key_pair_changes(
        &self,
        pair: &TablePair<'a>,
        fks: Pair<usize>,
        steps: &mut Vec<Step>,
    ) {
        let previous = &pair.tables.previous.foreign_keys[fks.previous];
        let next = &pair.tables.next.foreign_keys[fks.next];

        if !self.flavour.can_redefine_tables_with_inbound_foreign_keys()
            && self.referenced_table_is_redefined(
                previous.referenced_namespace.as_deref(),
                &previous.referenced_table,
            )
        {
            steps.push(Step::DropForeignKey {
                table: pair.ids.previous,
                foreign_key: fks.previous,
            });
            steps.push(Step::AddForeignKey {
                table: pair.ids.next,
                foreign_key: fks.next,
            });
            return;
        }
        if self.flavour.has_unnamed_foreign_keys() {
            return;
        }
        let (Some(prev_name), Some(next_name)) = (&previous.name, &next.name) else {
            return;
        };
        // Implicit many-to-many join tables got conventional key names late: never rename them.
        if prev_name == next_name
            || (is_implicit_m2m(pair.tables.previous) && is_implicit_m2m(pair.tables.next))
        {
            return;
        }
        if self.flavour.can_rename_foreign_key() {
            steps.push(Step::RenameForeignKey {
                table: pair.ids,
                foreign_key: fks,
            });
        } else {
            steps.push(Step::AddForeignKey {
                table: pair.ids.next,
                foreign_key: fks.next,
            });
            steps.push(Step::DropForeignKey {
                table: pair.ids.previous,
                foreign_key: fks.previous,
            });
        }
    }

    fn push_redefined_table_steps(&self, steps: &mut Vec<Step>) {
        let redefines: Vec<RedefineTable> = self
            .pairs
            .iter()
            .filter(|p| self.is_redefined(p.ids))
            .map(|p| p.redefine_table(self))
            .collect();
        if !redefines.is_empty() {
            steps.push(Step::RedefineTables(redefines));
        }
    }

    fn push_enum_steps(&self, steps: &mut Vec<Step>) {
        let key = |e: &'a crate::schema::Enum| (e.namespace.as_deref(), e.name.as_str());
        let previous: HashMap<(Option<&str>, &str), usize> = self
            .schemas
            .previous
            .enums
            .iter()
            .enumerate()
            .map(|(i, e)| (key(e), i))
            .collect();
        let next: HashMap<(Option<&str>, &str), usize> = self
            .schemas
            .next
            .enums
            .iter()
            .enumerate()
            .map(|(i, e)| (key(e), i))
            .collect();

        for (prev_id, prev) in self.schemas.previous.enums.iter().enumerate() {
            let Some(&next_id) = next.get(&key(prev)) else {
                steps.push(Step::DropEnum(prev_id));
                continue;
            };
            let next_enum = &self.schemas.next.enums[next_id];
            let created: Vec<String> = next_enum
                .values
                .iter()
                .filter(|v| !prev.values.contains(v))
                .cloned()
                .collect();
            let dropped: Vec<String> = prev
                .values
                .iter()
                .filter(|v| !next_enum.values.contains(v))
                .cloned()
                .collect();
            if created.is_empty() && dropped.is_empty() {
                continue;
            }
            let ids = Pair::new(prev_id, next_id);
            steps.push(Step::AlterEnum(AlterEnum {
                enum_id: ids,
                created_variants: created,
                dropped_variants: dropped,
                previous_usages_as_default: self.previous_usages_as_default(ids),
            }));
        }
        for (next_id, e) in self.schemas.next.enums.iter().enumerate() {
            if !previous.contains_key(&key(e)) {
                steps.push(Step::CreateEnum(next_id));
            }
        }
    }

    /// Columns that use the enum with a default in `before` (they lose the default while the
    /// type is swapped), paired with the `after` column that gets it back.
    fn previous_usages_as_default(&self, ids: Pair<usize>) -> Vec<(ColumnPos, Option<ColumnPos>)> {
        let uses = |side: Side, c: &Column, id: usize| {
            self.enum_of(side, c) == Some(id) && c.default.is_some()
        };
        let mut usages = Vec::new();
        for &t in &self.dropped_tables {
            let table = &self.schemas.previous.tables[t];
            for (c, column) in table.columns.iter().enumerate() {
                if uses(Side::Previous, column, ids.previous) {
                    usages.push(((t, c), None));
                }
            }
        }
        for pair in &self.pairs {
            for &c in &pair.dropped_columns {
                if uses(
                    Side::Previous,
                    &pair.tables.previous.columns[c],
                    ids.previous,
                ) {
                    usages.push(((pair.ids.previous, c), None));
                }
            }
            for columns in &pair.columns {
                if !uses(
                    Side::Previous,
                    &pair.tables.previous.columns[columns.ids.previous],
                    ids.previous,
                ) {
                    continue;
                }
                let next = &pair.tables.next.columns[columns.ids.next];
                let next_usage =
                    uses(Side::Next, next, ids.next).then_some((pair.ids.next, columns.ids.next));
                usages.push(((pair.ids.previous, columns.ids.previous), next_usage));
            }
        }
        usages
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Side {
    Previous,
    Next,
}

/// Foreign keys whose columns are the leftmost columns of the index (MySQL reuses such an
/// index for the key).
fn fks_covered_by_index<'t>(
    table: &'t Table,
    index: &'t crate::schema::Index,
) -> impl Iterator<Item = usize> + 't {
    let can_cover = index.kind != crate::schema::IndexKind::Fulltext;
    table
        .foreign_keys
        .iter()
        .enumerate()
        .filter(move |(_, fk)| {
            can_cover
                && fk.columns.len() <= index.columns.len()
                && fk
                    .columns
                    .iter()
                    .zip(&index.columns)
                    .all(|(a, b)| *a == b.name)
        })
        .map(|(i, _)| i)
}

fn is_implicit_m2m(table: &Table) -> bool {
    table.columns.len() == 2 && table.column("A").is_some() && table.column("B").is_some()
}

/// A unique index dropped from a table without primary key whose columns become the new
/// primary key must be dropped after the key is added (Prisma's partial-order fix-up).
fn move_drop_unique_after_added_primary_key(steps: &mut Vec<Step>, schemas: Pair<&SqlSchema>) {
    let mut i = 0;
    while i < steps.len() {
        let Step::DropIndex { table, index } = steps[i] else {
            i += 1;
            continue;
        };
        let prev_table = &schemas.previous.tables[table];
        let dropped = &prev_table.indexes[index];
        if dropped.kind != crate::schema::IndexKind::Unique || prev_table.primary_key.is_some() {
            i += 1;
            continue;
        }
        let target = steps[i + 1..]
            .iter()
            .position(|s| adds_primary_key_on(s, table, dropped, schemas));
        match target {
            Some(offset) => {
                // `offset` counts from the step after the DropIndex: once that is removed, the
                // AlterTable sits at `i + offset`, and the DropIndex goes right after it.
                let step = steps.remove(i);
                steps.insert(i + offset + 1, step);
            }
            None => i += 1,
        }
    }
}

fn adds_primary_key_on(
    step: &Step,
    table: usize,
    index: &crate::schema::Index,
    schemas: Pair<&SqlSchema>,
) -> bool {
    let Step::AlterTable(alter) = step else {
        return false;
    };
    if alter.table.previous != table || !alter.changes.contains(&TableChange::AddPrimaryKey) {
        return false;
    }
    let prev_table = &schemas.previous.tables[table];
    let keeps_columns = alter.changes.iter().all(|change| match change {
        TableChange::DropColumn { column } => !index
            .columns
            .iter()
            .any(|c| c.name == prev_table.columns[*column].name),
        TableChange::DropAndRecreateColumn { column, .. } => !index
            .columns
            .iter()
            .any(|c| c.name == prev_table.columns[column.previous].name),
        _ => true,
    });
    let next_table = &schemas.next.tables[alter.table.next];
    keeps_columns
        && next_table.primary_key.as_ref().is_some_and(|pk| {
            pk.columns.len() == index.columns.len()
                && pk
                    .columns
                    .iter()
                    .zip(&index.columns)
                    .all(|(a, b)| a.name == b.name)
        })
}

/// Whether a column is required (not nullable, not a list).
pub(crate) fn is_required(column: &Column) -> bool {
    column.tpe.arity == ColumnArity::Required
}
