//! The destructive-change check: which steps of a migration may lose data (warnings) and
//! which cannot run on a table holding data (unexecutable). Texts are Prisma's, verbatim.
//!
//! [`check`] is the pure version used for migration-file comments: it knows no row counts and
//! words every message in its "unknown" variant. [`check_with_counts`] takes the counts the
//! caller read from the database ([`Checks::queries`] lists what to count), which lets it stay
//! silent about empty tables and quote the numbers.

use crate::migration::*;
use crate::schema::{Column, ColumnArity, ColumnTypeFamily, SqlSchema, Table};
use std::collections::HashMap;

/// One message and the position of the step it concerns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub message: String,
    pub step_index: usize,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Checks {
    pub warnings: Vec<Diagnostic>,
    pub unexecutable: Vec<Diagnostic>,
}

impl Checks {
    pub fn is_empty(&self) -> bool {
        self.warnings.is_empty() && self.unexecutable.is_empty()
    }

    /// The counts [`check_with_counts`] can use for this migration, deduplicated.
    pub fn queries(migration: &Migration) -> Vec<CountQuery> {
        let mut queries = Vec::new();
        for (check, _) in plan(migration) {
            for q in check.queries() {
                if !queries.contains(&q) {
                    queries.push(q);
                }
            }
        }
        queries
    }
}

/// A count to read from the database: `SELECT COUNT(*) FROM t`, or with
/// `WHERE c IS NOT NULL` for `NonNullValues`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum CountQuery {
    Rows {
        namespace: Option<String>,
        table: String,
    },
    NonNullValues {
        namespace: Option<String>,
        table: String,
        column: String,
    },
}

/// Counts read from the database; a missing entry is unknown.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DataCounts {
    pub rows: HashMap<(Option<String>, String), u64>,
    pub non_null_values: HashMap<(Option<String>, String, String), u64>,
}

impl DataCounts {
    pub fn set(&mut self, query: CountQuery, count: u64) {
        match query {
            CountQuery::Rows { namespace, table } => {
                self.rows.insert((namespace, table), count);
            }
            CountQuery::NonNullValues {
                namespace,
                table,
                column,
            } => {
                self.non_null_values
                    .insert((namespace, table, column), count);
            }
        }
    }

    fn rows(&self, t: &TableRef) -> Option<u64> {
        self.rows
            .get(&(t.namespace.clone(), t.table.clone()))
            .copied()
    }

    fn values(&self, c: &ColumnRef) -> Option<u64> {
        self.non_null_values
            .get(&(
                c.table.namespace.clone(),
                c.table.table.clone(),
                c.column.clone(),
            ))
            .copied()
    }
}

/// The pure check: no counts, every message in its "unknown count" wording.
pub fn check(migration: &Migration) -> Checks {
    check_with_counts(migration, &DataCounts::default())
}

/// The check with counts from the database.
pub fn check_with_counts(migration: &Migration, counts: &DataCounts) -> Checks {
    let mut checks = Checks::default();
    for (check, step_index) in plan(migration) {
        let (message, is_warning) = match &check {
            Check::Warning(w) => (w.evaluate(counts), true),
            Check::Unexecutable(u) => (u.evaluate(counts), false),
        };
        let Some(message) = message else { continue };
        let target = if is_warning {
            &mut checks.warnings
        } else {
            &mut checks.unexecutable
        };
        target.push(Diagnostic {
            message,
            step_index,
        });
    }
    checks
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct TableRef {
    namespace: Option<String>,
    table: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct ColumnRef {
    table: TableRef,
    column: String,
}

fn table_ref(table: &Table) -> TableRef {
    TableRef {
        namespace: table.namespace.clone(),
        table: table.name.clone(),
    }
}

fn column_ref(table: &Table, column: &Column) -> ColumnRef {
    ColumnRef {
        table: table_ref(table),
        column: column.name.clone(),
    }
}

#[derive(Debug)]
enum Check {
    Warning(Warning),
    Unexecutable(Unexecutable),
}

impl Check {
    fn queries(&self) -> Vec<CountQuery> {
        let rows = |t: &TableRef| CountQuery::Rows {
            namespace: t.namespace.clone(),
            table: t.table.clone(),
        };
        let values = |c: &ColumnRef| CountQuery::NonNullValues {
            namespace: c.table.namespace.clone(),
            table: c.table.table.clone(),
            column: c.column.clone(),
        };
        match self {
            Check::Warning(Warning::TableDrop(t) | Warning::PrimaryKeyChange(t)) => vec![rows(t)],
            Check::Warning(
                Warning::ColumnDrop(c) | Warning::RiskyCast(c, ..) | Warning::NotCastable(c, ..),
            ) => {
                vec![rows(&c.table), values(c)]
            }
            Check::Warning(Warning::DropAndRecreateColumn(c)) => vec![rows(&c.table), values(c)],
            Check::Warning(
                Warning::UniqueConstraintAddition { .. } | Warning::EnumValueRemoval { .. },
            ) => vec![],
            Check::Unexecutable(
                Unexecutable::AddedRequiredColumn(c)
                | Unexecutable::AddedRequiredColumnWithPrismaLevelDefault(c)
                | Unexecutable::DropAndRecreateRequiredColumn(c),
            ) => vec![rows(&c.table)],
            Check::Unexecutable(
                Unexecutable::MadeOptionalRequired(c) | Unexecutable::MadeScalarList(c),
            ) => {
                vec![rows(&c.table), values(c)]
            }
        }
    }
}

#[derive(Debug)]
enum Warning {
    TableDrop(TableRef),
    ColumnDrop(ColumnRef),
    RiskyCast(ColumnRef, String, String),
    NotCastable(ColumnRef, String, String),
    DropAndRecreateColumn(ColumnRef),
    PrimaryKeyChange(TableRef),
    UniqueConstraintAddition { table: String, columns: Vec<String> },
    EnumValueRemoval { enm: String, values: Vec<String> },
}

impl Warning {
    fn evaluate(&self, counts: &DataCounts) -> Option<String> {
        let row_and_values = |c: &ColumnRef| (counts.rows(&c.table), counts.values(c));
        match self {
            Warning::TableDrop(t) => {
                let table = &t.table;
                match counts.rows(t) {
                    Some(0) => None,
                    Some(n) => Some(format!("You are about to drop the `{table}` table, which is not empty ({n} rows).")),
                    None => Some(format!(
                        "You are about to drop the `{table}` table. If the table is not empty, all the data it contains will be lost."
                    )),
                }
            }
            Warning::ColumnDrop(c) => {
                let (column, table) = (&c.column, &c.table.table);
                match row_and_values(c) {
                    (Some(0), _) | (_, Some(0)) => None,
                    (_, Some(n)) => Some(format!(
                        "You are about to drop the column `{column}` on the `{table}` table, which still contains {n} non-null values."
                    )),
                    (_, None) => Some(format!(
                        "You are about to drop the column `{column}` on the `{table}` table. All the data in the column will be lost."
                    )),
                }
            }
            Warning::RiskyCast(c, previous_type, next_type) => {
                let (column, table) = (&c.column, &c.table.table);
                match row_and_values(c) {
                    (Some(0), _) | (_, Some(0)) => None,
                    (_, Some(n)) => Some(format!(
                        "You are about to alter the column `{column}` on the `{table}` table, which contains {n} non-null values. The data in that column will be cast from `{previous_type}` to `{next_type}`."
                    )),
                    (_, None) => Some(format!(
                        "You are about to alter the column `{column}` on the `{table}` table. The data in that column could be lost. The data in that column will be cast from `{previous_type}` to `{next_type}`."
                    )),
                }
            }
            Warning::NotCastable(c, previous_type, next_type) => {
                let (column, table) = (&c.column, &c.table.table);
                match row_and_values(c) {
                    (Some(0), _) | (_, Some(0)) => None,
                    (_, Some(n)) => Some(format!(
                        "You are about to alter the column `{column}` on the `{table}` table, which contains {n} non-null values. The data in that column will be cast from `{previous_type}` to `{next_type}`. This cast may fail. Please make sure the data in the column can be cast."
                    )),
                    (_, None) => Some(format!(
                        "You are about to alter the column `{column}` on the `{table}` table. The data in that column will be cast from `{previous_type}` to `{next_type}`. This cast may fail. Please make sure the data in the column can be cast."
                    )),
                }
            }
            Warning::DropAndRecreateColumn(c) => {
                let (column, table) = (&c.column, &c.table.table);
                match row_and_values(c) {
                    (Some(0), _) | (_, Some(0)) => None,
                    (_, None) => Some(format!(
                        "The `{column}` column on the `{table}` table would be dropped and recreated. This will lead to data loss if there is data in the column."
                    )),
                    (_, Some(_)) => Some(format!(
                        "The `{column}` column on the `{table}` table would be dropped and recreated. This will lead to data loss."
                    )),
                }
            }
            Warning::PrimaryKeyChange(t) => match counts.rows(t) {
                Some(0) => None,
                _ => Some(format!(
                    "The primary key for the `{}` table will be changed. If it partially fails, the table could be left without primary key constraint.",
                    t.table
                )),
            },
            Warning::UniqueConstraintAddition { table, columns } => Some(format!(
                "A unique constraint covering the columns `[{}]` on the table `{table}` will be added. If there are existing duplicate values, this will fail.",
                columns.join(",")
            )),
            Warning::EnumValueRemoval { enm, values } => Some(format!(
                "The values [{}] on the enum `{enm}` will be removed. If these variants are still used in the database, this will fail.",
                values.join(",")
            )),
        }
    }
}

#[derive(Debug)]
enum Unexecutable {
    AddedRequiredColumn(ColumnRef),
    AddedRequiredColumnWithPrismaLevelDefault(ColumnRef),
    MadeOptionalRequired(ColumnRef),
    MadeScalarList(ColumnRef),
    DropAndRecreateRequiredColumn(ColumnRef),
}

impl Unexecutable {
    fn evaluate(&self, counts: &DataCounts) -> Option<String> {
        match self {
            Unexecutable::AddedRequiredColumn(c) => {
                let details = match counts.rows(&c.table) {
                    Some(0) => return None,
                    Some(n) => format!("There are {n} rows in this table, it is not possible to execute this step."),
                    None => "This is not possible if the table is not empty.".to_owned(),
                };
                Some(format!(
                    "Added the required column `{}` to the `{}` table without a default value. {details}",
                    c.column, c.table.table
                ))
            }
            Unexecutable::AddedRequiredColumnWithPrismaLevelDefault(c) => {
                let details = match counts.rows(&c.table) {
                    Some(0) => return None,
                    Some(n) => format!("There are {n} rows in this table, it is not possible to execute this step."),
                    None => "This is not possible if the table is not empty.".to_owned(),
                };
                Some(format!(
                    "The required column `{}` was added to the `{}` table with a prisma-level default value. {details} Please add this column as optional, then populate it before making it required.",
                    c.column, c.table.table
                ))
            }
            Unexecutable::MadeOptionalRequired(c) => {
                let (column, table) = (&c.column, &c.table.table);
                match (counts.rows(&c.table), counts.values(c)) {
                    (Some(0), _) => None,
                    (Some(rows), Some(values)) => {
                        let nulls = rows.saturating_sub(values);
                        (nulls > 0).then(|| {
                            format!("Made the column `{column}` on table `{table}` required, but there are {nulls} existing NULL values.")
                        })
                    }
                    _ => Some(format!(
                        "Made the column `{column}` on table `{table}` required. This step will fail if there are existing NULL values in that column."
                    )),
                }
            }
            Unexecutable::MadeScalarList(c) => {
                let prefix = format!(
                    "Changed the column `{}` on the `{}` table from a scalar field to a list field.",
                    c.column, c.table.table
                );
                match (counts.rows(&c.table), counts.values(c)) {
                    (Some(0), _) | (_, Some(0)) => None,
                    (_, Some(n)) => Some(format!(
                        "{prefix} There are {n} existing non-null values in that column, this step cannot be executed."
                    )),
                    (_, None) => Some(format!("{prefix} If there are non-null values in that column, this step will fail.")),
                }
            }
            Unexecutable::DropAndRecreateRequiredColumn(c) => {
                let (column, table) = (&c.column, &c.table.table);
                match counts.rows(&c.table) {
                    Some(0) => None,
                    None => Some(format!(
                        "Changed the type of `{column}` on the `{table}` table. No cast exists, the column would be dropped and recreated, which cannot be done if there is data, since the column is required."
                    )),
                    Some(_) => Some(format!(
                        "Changed the type of `{column}` on the `{table}` table. No cast exists, the column would be dropped and recreated, which cannot be done since the column is required and there is data in the table."
                    )),
                }
            }
        }
    }
}

/// The checks each step calls for, in step order.
fn plan(migration: &Migration) -> Vec<(Check, usize)> {
    let schemas = migration.schemas();
    let mut plan = Vec::new();
    for (step_index, step) in migration.steps.iter().enumerate() {
        let mut push = |check: Check| plan.push((check, step_index));
        match step {
            Step::AlterTable(alter) => {
                plan_alter_table(alter, schemas, migration.alter_column_checks, &mut push)
            }
            Step::RedefineTables(tables) => {
                for redefine in tables {
                    plan_redefine_table(redefine, schemas, &mut push);
                }
            }
            Step::DropTable(t) => push(Check::Warning(Warning::TableDrop(table_ref(
                &schemas.previous.tables[*t],
            )))),
            Step::CreateIndex {
                table: (Some(_), next),
                index,
                from_drop_and_recreate: false,
            } => {
                let table = &schemas.next.tables[*next];
                let index = &table.indexes[*index];
                if index.kind == crate::schema::IndexKind::Unique {
                    push(Check::Warning(Warning::UniqueConstraintAddition {
                        table: table.name.clone(),
                        columns: index.columns.iter().map(|c| c.name.clone()).collect(),
                    }));
                }
            }
            Step::AlterEnum(alter) if !alter.dropped_variants.is_empty() => {
                push(Check::Warning(Warning::EnumValueRemoval {
                    enm: schemas.next.enums[alter.enum_id.next].name.clone(),
                    values: alter.dropped_variants.clone(),
                }))
            }
            _ => {}
        }
    }
    plan
}

fn plan_alter_table(
    alter: &AlterTable,
    schemas: Pair<&SqlSchema>,
    checks: AlterColumnChecks,
    push: &mut impl FnMut(Check),
) {
    let tables = Pair::new(
        &schemas.previous.tables[alter.table.previous],
        &schemas.next.tables[alter.table.next],
    );
    for change in &alter.changes {
        match change {
            TableChange::DropColumn { column } => push(Check::Warning(Warning::ColumnDrop(
                column_ref(tables.previous, &tables.previous.columns[*column]),
            ))),
            TableChange::AddColumn {
                column,
                has_virtual_default,
            } => plan_added_column(tables.next, *column, *has_virtual_default, push),
            TableChange::DropPrimaryKey => push(Check::Warning(Warning::PrimaryKeyChange(
                table_ref(tables.previous),
            ))),
            TableChange::AlterColumn(alter_column) => match checks {
                AlterColumnChecks::Standard => {
                    plan_alter_column(alter_column, tables, schemas, push)
                }
                AlterColumnChecks::Mysql => {
                    plan_mysql_alter_column(alter_column, tables, schemas, push)
                }
            },
            TableChange::DropAndRecreateColumn { column, changes } => {
                plan_drop_and_recreate(tables, *column, changes, push)
            }
            TableChange::AddPrimaryKey | TableChange::RenamePrimaryKey => {}
        }
    }
}

fn plan_added_column(
    table: &Table,
    column: usize,
    has_virtual_default: bool,
    push: &mut impl FnMut(Check),
) {
    let col = &table.columns[column];
    if col.tpe.arity != ColumnArity::Required || col.default.is_some() {
        return;
    }
    let r = column_ref(table, col);
    push(Check::Unexecutable(if has_virtual_default {
        Unexecutable::AddedRequiredColumnWithPrismaLevelDefault(r)
    } else {
        Unexecutable::AddedRequiredColumn(r)
    }));
}

fn plan_alter_column(
    alter: &AlterColumn,
    tables: Pair<&Table>,
    schemas: Pair<&SqlSchema>,
    push: &mut impl FnMut(Check),
) {
    let columns = Pair::new(
        &tables.previous.columns[alter.column.previous],
        &tables.next.columns[alter.column.next],
    );
    let r = column_ref(tables.previous, columns.previous);
    let arities = columns.map(|c| c.tpe.arity);
    if alter.changes.arity
        && arities.previous == ColumnArity::Nullable
        && arities.next == ColumnArity::Required
    {
        push(Check::Unexecutable(Unexecutable::MadeOptionalRequired(
            r.clone(),
        )));
    }
    if alter.changes.arity
        && arities.previous != ColumnArity::List
        && arities.next == ColumnArity::List
    {
        push(Check::Unexecutable(Unexecutable::MadeScalarList(r.clone())));
    }
    let types = || {
        (
            display_column_type(columns.previous, schemas.previous),
            display_column_type(columns.next, schemas.next),
        )
    };
    match alter.type_change {
        Some(TypeChange::RiskyCast) => {
            let (p, n) = types();
            push(Check::Warning(Warning::RiskyCast(r, p, n)));
        }
        Some(TypeChange::NotCastable) => {
            let (p, n) = types();
            push(Check::Warning(Warning::NotCastable(r, p, n)));
        }
        None | Some(TypeChange::SafeCast) => {}
    }
}

/// MySQL's rules for an altered column.
fn plan_mysql_alter_column(
    alter: &AlterColumn,
    tables: Pair<&Table>,
    schemas: Pair<&SqlSchema>,
    push: &mut impl FnMut(Check),
) {
    let changes = &alter.changes;
    if changes.only_default_changed() {
        return;
    }
    let columns = Pair::new(
        &tables.previous.columns[alter.column.previous],
        &tables.next.columns[alter.column.next],
    );
    let r = column_ref(tables.previous, columns.previous);
    if changes.arity && columns.next.tpe.arity == ColumnArity::Required {
        push(Check::Unexecutable(Unexecutable::MadeOptionalRequired(r)));
        return;
    }
    let only_type_changed =
        changes.type_changed && !changes.arity && !changes.default && !changes.autoincrement;
    if only_type_changed {
        if let (Some(previous), Some(next)) = (
            enum_of(columns.previous, schemas.previous),
            enum_of(columns.next, schemas.next),
        ) {
            let removed: Vec<String> = previous
                .values
                .iter()
                .filter(|v| !next.values.contains(v))
                .cloned()
                .collect();
            if !removed.is_empty() {
                push(Check::Warning(Warning::EnumValueRemoval {
                    enm: next.name.clone(),
                    values: removed,
                }));
            }
            return;
        }
    }
    let types = || {
        (
            display_column_type(columns.previous, schemas.previous),
            display_column_type(columns.next, schemas.next),
        )
    };
    match alter.type_change {
        Some(TypeChange::RiskyCast) => {
            let (p, n) = types();
            push(Check::Warning(Warning::RiskyCast(r, p, n)));
        }
        Some(TypeChange::NotCastable) => {
            let (p, n) = types();
            push(Check::Warning(Warning::NotCastable(r, p, n)));
        }
        None | Some(TypeChange::SafeCast) => {}
    }
}

fn enum_of<'a>(column: &Column, schema: &'a SqlSchema) -> Option<&'a crate::schema::Enum> {
    match &column.tpe.family {
        ColumnTypeFamily::Enum(name) => schema.enums.iter().find(|e| &e.name == name),
        _ => None,
    }
}

fn plan_drop_and_recreate(
    tables: Pair<&Table>,
    column: Pair<usize>,
    changes: &ColumnChanges,
    push: &mut impl FnMut(Check),
) {
    let columns = Pair::new(
        &tables.previous.columns[column.previous],
        &tables.next.columns[column.next],
    );
    let r = column_ref(tables.previous, columns.previous);
    let next_required_without_default =
        columns.next.tpe.arity == ColumnArity::Required && columns.next.default.is_none();
    if changes.arity
        && columns.previous.tpe.arity == ColumnArity::Nullable
        && next_required_without_default
    {
        push(Check::Unexecutable(Unexecutable::AddedRequiredColumn(r)));
    } else if next_required_without_default {
        push(Check::Unexecutable(
            Unexecutable::DropAndRecreateRequiredColumn(r),
        ));
    } else {
        push(Check::Warning(Warning::DropAndRecreateColumn(r)));
    }
}

fn plan_redefine_table(
    redefine: &RedefineTable,
    schemas: Pair<&SqlSchema>,
    push: &mut impl FnMut(Check),
) {
    let tables = Pair::new(
        &schemas.previous.tables[redefine.table.previous],
        &schemas.next.tables[redefine.table.next],
    );
    if redefine.dropped_primary_key {
        push(Check::Warning(Warning::PrimaryKeyChange(table_ref(
            tables.previous,
        ))));
    }
    for &added in &redefine.added_columns {
        let virtual_default = redefine
            .added_columns_with_virtual_defaults
            .contains(&added);
        plan_added_column(tables.next, added, virtual_default, push);
    }
    for &dropped in &redefine.dropped_columns {
        push(Check::Warning(Warning::ColumnDrop(column_ref(
            tables.previous,
            &tables.previous.columns[dropped],
        ))));
    }
    for (ids, changes, type_change) in &redefine.column_pairs {
        let columns = Pair::new(
            &tables.previous.columns[ids.previous],
            &tables.next.columns[ids.next],
        );
        let became_required = columns.previous.tpe.arity == ColumnArity::Nullable
            && columns.next.tpe.arity == ColumnArity::Required;
        if !changes.type_changed && !became_required {
            continue;
        }
        let r = column_ref(tables.previous, columns.previous);
        if changes.arity
            && columns.next.tpe.arity == ColumnArity::Required
            && columns.next.default.is_none()
        {
            push(Check::Unexecutable(Unexecutable::MadeOptionalRequired(
                r.clone(),
            )));
        }
        let families = || {
            (
                family_name(&columns.previous.tpe.family, schemas.previous),
                family_name(&columns.next.tpe.family, schemas.next),
            )
        };
        match type_change {
            Some(TypeChange::RiskyCast) => {
                let (p, n) = families();
                push(Check::Warning(Warning::RiskyCast(r, p, n)));
            }
            Some(TypeChange::NotCastable) => {
                let (p, n) = families();
                push(Check::Warning(Warning::NotCastable(r, p, n)));
            }
            None | Some(TypeChange::SafeCast) => {}
        }
    }
}

/// A column type as Prisma names it in messages: the native type (`VarChar(191)`), else the
/// type family (`String`).
fn display_column_type(column: &Column, schema: &SqlSchema) -> String {
    match &column.tpe.native {
        Some(native) if native.args.is_empty() => native.name.clone(),
        Some(native) => format!("{}({})", native.name, native.args.join(",")),
        None => family_name(&column.tpe.family, schema),
    }
}

/// The family as Prisma's `Debug` prints it; an enum shows its position in the schema.
fn family_name(family: &ColumnTypeFamily, schema: &SqlSchema) -> String {
    match family {
        ColumnTypeFamily::Int => "Int".to_owned(),
        ColumnTypeFamily::BigInt => "BigInt".to_owned(),
        ColumnTypeFamily::Float => "Float".to_owned(),
        ColumnTypeFamily::Decimal => "Decimal".to_owned(),
        ColumnTypeFamily::Boolean => "Boolean".to_owned(),
        ColumnTypeFamily::String => "String".to_owned(),
        ColumnTypeFamily::DateTime => "DateTime".to_owned(),
        ColumnTypeFamily::Binary => "Binary".to_owned(),
        ColumnTypeFamily::Json => "Json".to_owned(),
        ColumnTypeFamily::Uuid => "Uuid".to_owned(),
        ColumnTypeFamily::Enum(name) => {
            let id = schema
                .enums
                .iter()
                .position(|e| &e.name == name)
                .unwrap_or_default();
            format!("Enum(EnumId({id}))")
        }
        ColumnTypeFamily::Unsupported(name) => format!("Unsupported({name:?})"),
    }
}
