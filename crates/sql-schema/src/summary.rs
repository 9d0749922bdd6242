//! The human summary of a migration (`[+] Added tables` …), as `migrate diff` prints it
//! without `--script` and as drift reports embed it. Format and ordering are Prisma's.

use crate::migration::*;
use crate::schema::{Column, IndexKind, Table};
use std::collections::BTreeSet;

/// Sections in the order they are printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Section {
    AddedSchema,
    AlteredExtension,
    CreatedExtension,
    AddedEnum,
    AddedTable,
    RemovedEnum,
    RemovedTable,
    RemovedView,
    RedefinedTable,
    ChangedEnum,
    ChangedTable,
}

/// The drift / diff summary of a migration; `No difference detected.` when it is empty.
pub fn drift_summary(migration: &Migration) -> String {
    if migration.steps.is_empty() {
        return "No difference detected.".to_owned();
    }
    let schemas = migration.schemas();

    let mut items: BTreeSet<(Section, &str, usize)> = BTreeSet::new();
    for (idx, step) in migration.steps.iter().enumerate() {
        let prev_table = |t: usize| schemas.previous.tables[t].name.as_str();
        let next_table = |t: usize| schemas.next.tables[t].name.as_str();
        let item = match step {
            Step::CreateSchema(_) => Some((Section::AddedSchema, "")),
            Step::DropView(v) => Some((
                Section::RemovedView,
                schemas.previous.views[*v].name.as_str(),
            )),
            Step::CreateEnum(_) => Some((Section::AddedEnum, "")),
            Step::AlterEnum(alter) => Some((
                Section::ChangedEnum,
                schemas.previous.enums[alter.enum_id.previous].name.as_str(),
            )),
            Step::DropForeignKey { table, .. } | Step::DropIndex { table, .. } => {
                Some((Section::ChangedTable, prev_table(*table)))
            }
            Step::AlterTable(alter) => {
                Some((Section::ChangedTable, prev_table(alter.table.previous)))
            }
            Step::DropTable(_) => Some((Section::RemovedTable, "")),
            Step::DropEnum(_) => Some((Section::RemovedEnum, "")),
            Step::CreateTable(_) => Some((Section::AddedTable, "")),
            Step::RedefineTables(redefines) => {
                for r in redefines {
                    items.insert((Section::RedefinedTable, prev_table(r.table.previous), idx));
                }
                None
            }
            Step::RenameForeignKey { table, .. } => {
                Some((Section::ChangedTable, next_table(table.next)))
            }
            Step::CreateIndex { table: (_, t), .. } | Step::AddForeignKey { table: t, .. } => {
                Some((Section::ChangedTable, next_table(*t)))
            }
            Step::RenameIndex { table, .. } | Step::RedefineIndex { table, .. } => {
                Some((Section::ChangedTable, prev_table(table.previous)))
            }
            Step::CreateExtension(e) => Some((
                Section::CreatedExtension,
                schemas.next.extensions[*e].name.as_str(),
            )),
            Step::AlterExtension { extension, .. } => Some((
                Section::AlteredExtension,
                schemas.previous.extensions[extension.previous]
                    .name
                    .as_str(),
            )),
            Step::DropExtension(_) => None,
        };
        if let Some((section, name)) = item {
            items.insert((section, name, idx));
        }
    }

    let mut out = String::new();
    let mut state: Option<(Section, &str)> = None;
    for (section, name, idx) in items {
        if state != Some((section, name)) {
            push_header(&mut out, section, name);
        }
        state = Some((section, name));
        push_item(&mut out, &migration.steps[idx], schemas);
    }
    out
}

fn push_header(out: &mut String, section: Section, name: &str) {
    match section {
        // Prisma 6.19 lists new schemas; older engines left them out.
        Section::AddedSchema => out.push_str("\n[+] Added Schemas\n"),
        Section::AddedEnum => out.push_str("\n[+] Added enums\n"),
        Section::AddedTable => out.push_str("\n[+] Added tables\n"),
        Section::RemovedEnum => out.push_str("\n[-] Removed enums\n"),
        Section::RemovedTable => out.push_str("\n[-] Removed tables\n"),
        Section::RemovedView => out.push_str("\n[-] Removed views\n"),
        Section::RedefinedTable => out.push_str(&format!("\n[*] Redefined table `{name}`\n")),
        Section::ChangedEnum => out.push_str(&format!("\n[*] Changed the `{name}` enum\n")),
        Section::ChangedTable => out.push_str(&format!("\n[*] Changed the `{name}` table\n")),
        Section::CreatedExtension => out.push_str("\n[+] Added extensions\n"),
        Section::AlteredExtension => {
            out.push_str(&format!("\n[*] Changed the `{name}` extension\n"))
        }
    }
}

fn push_item(out: &mut String, step: &Step, schemas: Pair<&crate::schema::SqlSchema>) {
    let line = |out: &mut String, text: &str| {
        out.push_str(text);
        out.push('\n');
    };
    match step {
        Step::CreateSchema(name) => line(out, &format!("  - {name}")),
        Step::CreateEnum(e) => line(out, &format!("  - {}", schemas.next.enums[*e].name)),
        Step::AlterEnum(alter) => {
            for v in &alter.created_variants {
                line(out, &format!("  [+] Added variant `{v}`"));
            }
            for v in &alter.dropped_variants {
                line(out, &format!("  [-] Removed variant `{v}`"));
            }
        }
        Step::DropForeignKey { table, foreign_key } => {
            let fk = &schemas.previous.tables[*table].foreign_keys[*foreign_key];
            line(
                out,
                &format!(
                    "  [-] Removed foreign key on columns ({})",
                    fk.columns.join(", ")
                ),
            );
        }
        Step::DropIndex { table, index } => {
            let index = &schemas.previous.tables[*table].indexes[*index];
            line(
                out,
                &format!(
                    "  [-] Removed {}index on columns ({})",
                    unique_word(index.kind),
                    index_columns(index)
                ),
            );
        }
        Step::AlterTable(alter) => push_alter_table(out, alter, schemas),
        Step::DropTable(t) => line(out, &format!("  - {}", schemas.previous.tables[*t].name)),
        Step::DropEnum(e) => line(out, &format!("  - {}", schemas.previous.enums[*e].name)),
        Step::CreateTable(t) => line(out, &format!("  - {}", schemas.next.tables[*t].name)),
        Step::RenameForeignKey { table, foreign_key } => {
            let prev = &schemas.previous.tables[table.previous].foreign_keys[foreign_key.previous];
            let next = &schemas.next.tables[table.next].foreign_keys[foreign_key.next];
            let name = |n: &Option<String>| n.clone().unwrap_or_default();
            line(
                out,
                &format!(
                    "  [*] Renamed the foreign key \"{}\" to \"{}\"",
                    name(&prev.name),
                    name(&next.name)
                ),
            );
        }
        Step::CreateIndex {
            table: (_, t),
            index,
            ..
        } => {
            let index = &schemas.next.tables[*t].indexes[*index];
            line(
                out,
                &format!(
                    "  [+] Added {}index on columns ({})",
                    unique_word(index.kind),
                    index_columns(index)
                ),
            );
        }
        Step::AddForeignKey { table, foreign_key } => {
            let fk = &schemas.next.tables[*table].foreign_keys[*foreign_key];
            line(
                out,
                &format!(
                    "  [+] Added foreign key on columns ({})",
                    fk.columns.join(", ")
                ),
            );
        }
        Step::RenameIndex { table, index } => {
            let prev = &schemas.previous.tables[table.previous].indexes[index.previous].name;
            let next = &schemas.next.tables[table.next].indexes[index.next].name;
            line(out, &format!("  [*] Renamed index `{prev}` to `{next}`"));
        }
        Step::RedefineIndex { table, index } => {
            let prev = &schemas.previous.tables[table.previous].indexes[index.previous].name;
            line(out, &format!("  [*] Redefined index `{prev}`"));
        }
        Step::CreateExtension(e) => line(out, &format!("  - {}", schemas.next.extensions[*e].name)),
        Step::DropView(_)
        | Step::RedefineTables(_)
        | Step::AlterExtension { .. }
        | Step::DropExtension(_) => {}
    }
}

fn push_alter_table(
    out: &mut String,
    alter: &AlterTable,
    schemas: Pair<&crate::schema::SqlSchema>,
) {
    let tables = Pair::new(
        &schemas.previous.tables[alter.table.previous],
        &schemas.next.tables[alter.table.next],
    );
    for change in &alter.changes {
        match change {
            TableChange::AddColumn { column, .. } => {
                out.push_str(&format!(
                    "  [+] Added column `{}`\n",
                    tables.next.columns[*column].name
                ));
            }
            TableChange::AlterColumn(alter_column) => {
                let columns = column_pair(tables, alter_column.column);
                out.push_str(&format!(
                    "  [*] Altered column `{}` {}\n",
                    columns.next.name,
                    column_changes(columns, &alter_column.changes)
                ));
            }
            TableChange::DropColumn { column } => {
                out.push_str(&format!(
                    "  [-] Removed column `{}`\n",
                    tables.previous.columns[*column].name
                ));
            }
            TableChange::DropAndRecreateColumn { column, changes } => {
                let columns = column_pair(tables, *column);
                out.push_str(&format!(
                    "  [*] Column `{}` would be dropped and recreated {}\n",
                    columns.next.name,
                    column_changes(columns, changes)
                ));
            }
            TableChange::DropPrimaryKey => {
                out.push_str(&format!(
                    "  [-] Dropped the primary key on columns ({})\n",
                    pk_columns(tables.previous)
                ));
            }
            TableChange::RenamePrimaryKey => {
                out.push_str(&format!(
                    "  [*] Renamed the primary key on columns ({})\n",
                    pk_columns(tables.previous)
                ));
            }
            TableChange::AddPrimaryKey => {
                // Prisma prints the closing parenthesis twice here; kept for identical output.
                out.push_str(&format!(
                    "  [+] Added primary key on columns ({})\n)\n",
                    pk_columns(tables.next)
                ));
            }
        }
    }
}

fn column_pair(tables: Pair<&Table>, ids: Pair<usize>) -> Pair<&Column> {
    Pair::new(
        &tables.previous.columns[ids.previous],
        &tables.next.columns[ids.next],
    )
}

fn column_changes(columns: Pair<&Column>, changes: &ColumnChanges) -> String {
    let mut parts = Vec::new();
    if changes.arity {
        parts.push(format!(
            "changed from {:?} to {:?}",
            columns.previous.tpe.arity, columns.next.tpe.arity
        ));
    }
    if changes.default {
        parts.push(format!(
            "default changed from `{:?}` to `{:?}`",
            columns.previous.default.as_ref().map(|d| &d.kind),
            columns.next.default.as_ref().map(|d| &d.kind)
        ));
    }
    if changes.type_changed {
        parts.push("type changed".to_owned());
    }
    if changes.autoincrement {
        parts.push(if columns.previous.auto_increment {
            "column is no longer autoincrementing".to_owned()
        } else {
            "column became autoincrementing".to_owned()
        });
    }
    format!("({})", parts.join(", "))
}

fn unique_word(kind: IndexKind) -> &'static str {
    if kind == IndexKind::Unique {
        "unique "
    } else {
        ""
    }
}

fn index_columns(index: &crate::schema::Index) -> String {
    index
        .columns
        .iter()
        .map(|c| c.name.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

fn pk_columns(table: &Table) -> String {
    table
        .primary_key
        .as_ref()
        .map(|pk| {
            pk.columns
                .iter()
                .map(|c| c.name.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        })
        .unwrap_or_default()
}
