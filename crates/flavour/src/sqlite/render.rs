//! sqlite: render migration steps as SQL, byte-identical to Prisma's SQLite renderer. Foreign
//! keys are part of CREATE TABLE; every change but an added column redefines the table.

use crate::render::{hex, quote_string, referential_action, sort_order};
use sql_schema::*;

const INDENT: &str = "    ";

pub(crate) fn render_step(step: &Step, schemas: Pair<&SqlSchema>) -> Vec<String> {
    let (prev, next) = (schemas.previous, schemas.next);
    match step {
        Step::CreateTable(t) => {
            let table = &next.tables[*t];
            vec![create_table(table, &table.name)]
        }
        // No statement can break a cycle of foreign keys between dropped tables but this.
        Step::DropTable(t) => vec![
            "PRAGMA foreign_keys=off".to_owned(),
            format!("DROP TABLE {}", ident(&prev.tables[*t].name)),
            "PRAGMA foreign_keys=on".to_owned(),
        ],
        Step::CreateIndex {
            table: (_, t),
            index,
            ..
        } => {
            let table = &next.tables[*t];
            vec![create_index(table, &table.indexes[*index])]
        }
        Step::DropIndex { table, index } => vec![drop_index(&prev.tables[*table].indexes[*index])],
        Step::RedefineIndex { table, index } => {
            let tables = Pair::new(&prev.tables[table.previous], &next.tables[table.next]);
            vec![
                drop_index(&tables.previous.indexes[index.previous]),
                create_index(tables.next, &tables.next.indexes[index.next]),
            ]
        }
        Step::AlterTable(alter) => alter_table(alter, schemas),
        Step::RedefineTables(tables) => redefine_tables(tables, schemas),
        Step::DropView(v) => vec![format!("DROP VIEW {}", ident(&prev.views[*v].name))],
        // Foreign keys, enums, schemas and extensions have no statements of their own here.
        Step::CreateSchema(_)
        | Step::DropExtension(_)
        | Step::CreateExtension(_)
        | Step::AlterExtension { .. }
        | Step::CreateEnum(_)
        | Step::AlterEnum(_)
        | Step::DropEnum(_)
        | Step::DropForeignKey { .. }
        | Step::AddForeignKey { .. }
        | Step::RenameForeignKey { .. }
        | Step::RenameIndex { .. } => Vec::new(),
    }
}

fn ident(name: &str) -> String {
    format!("\"{name}\"")
}

/// The single-column primary key column, which SQLite declares inline.
fn single_pk_column(table: &Table) -> Option<&str> {
    match table.primary_key.as_ref().map(|pk| pk.columns.as_slice()) {
        Some([only]) => Some(only.name.as_str()),
        _ => None,
    }
}

fn create_table(table: &Table, name: &str) -> String {
    let single_pk = single_pk_column(table);
    let columns: Vec<String> = table
        .columns
        .iter()
        .map(|c| {
            format!(
                "{INDENT}{}",
                render_column(c, single_pk == Some(c.name.as_str()))
            )
        })
        .collect();
    let mut sql = format!("CREATE TABLE {} (\n{}", ident(name), columns.join(",\n"));

    if single_pk.is_none() {
        if let Some(pk) = table
            .primary_key
            .as_ref()
            .filter(|pk| !pk.columns.is_empty())
        {
            let cols: Vec<String> = pk.columns.iter().map(|c| ident(&c.name)).collect();
            sql.push_str(&format!(",\n\n{INDENT}PRIMARY KEY ({})", cols.join(", ")));
        }
    }
    for fk in &table.foreign_keys {
        sql.push_str(&format!(",\n{INDENT}{}", foreign_key(fk)));
    }
    sql.push_str("\n)");
    sql
}

fn foreign_key(fk: &ForeignKey) -> String {
    let constraint = fk
        .name
        .as_deref()
        .map(|n| format!("CONSTRAINT {} ", ident(n)))
        .unwrap_or_default();
    let columns: Vec<String> = fk.columns.iter().map(|c| ident(c)).collect();
    let referenced: Vec<String> = fk.referenced_columns.iter().map(|c| ident(c)).collect();
    format!(
        "{constraint}FOREIGN KEY ({}) REFERENCES {} ({}) ON DELETE {} ON UPDATE {}",
        columns.join(", "),
        ident(&fk.referenced_table),
        referenced.join(", "),
        referential_action(fk.on_delete),
        referential_action(fk.on_update)
    )
}

/// `"name" TYPE[ NOT NULL][ PRIMARY KEY[ AUTOINCREMENT]][ DEFAULT …]`. A single Int primary
/// key is always AUTOINCREMENT, as in Prisma.
fn render_column(column: &Column, is_single_pk: bool) -> String {
    let not_null = if column.tpe.arity == ColumnArity::Nullable {
        ""
    } else {
        " NOT NULL"
    };
    let primary_key = if is_single_pk { " PRIMARY KEY" } else { "" };
    let autoincrement = if is_single_pk && column.tpe.family == ColumnTypeFamily::Int {
        " AUTOINCREMENT"
    } else {
        ""
    };
    let default = column
        .default
        .as_ref()
        .and_then(|d| render_default(&d.kind))
        .map(|d| format!(" DEFAULT {d}"))
        .unwrap_or_default();
    format!(
        "{} {}{not_null}{primary_key}{autoincrement}{default}",
        ident(&column.name),
        column_type(&column.tpe.family)
    )
}

fn column_type(family: &ColumnTypeFamily) -> &str {
    match family {
        ColumnTypeFamily::Boolean => "BOOLEAN",
        ColumnTypeFamily::DateTime => "DATETIME",
        ColumnTypeFamily::Float => "REAL",
        ColumnTypeFamily::Decimal => "DECIMAL",
        ColumnTypeFamily::Int => "INTEGER",
        ColumnTypeFamily::BigInt => "BIGINT",
        ColumnTypeFamily::String | ColumnTypeFamily::Uuid | ColumnTypeFamily::Enum(_) => "TEXT",
        ColumnTypeFamily::Binary => "BLOB",
        ColumnTypeFamily::Json => "JSONB",
        ColumnTypeFamily::Unsupported(description) => description,
    }
}

/// None when nothing is rendered (`dbgenerated()`, sequences).
fn render_default(kind: &DefaultKind) -> Option<String> {
    let rendered = match kind {
        DefaultKind::DbGenerated(expr) if expr.is_empty() => return None,
        DefaultKind::DbGenerated(expr) => expr.clone(),
        DefaultKind::Sequence(_) => return None,
        DefaultKind::Now => "CURRENT_TIMESTAMP".to_owned(),
        DefaultKind::Value(value) => render_literal(value),
    };
    Some(rendered)
}

fn render_literal(value: &Literal) -> String {
    match value {
        Literal::String(s) | Literal::Enum(s) | Literal::Json(s) => quote_string(s),
        Literal::Bytes(b) => format!("'{}'", hex(b)),
        Literal::DateTime(s) => format!("'{s}'"),
        Literal::Int(i) => i.to_string(),
        Literal::Float(f) => f.clone(),
        Literal::Boolean(b) => b.to_string(),
        Literal::List(values) => values
            .iter()
            .map(render_literal)
            .collect::<Vec<_>>()
            .join(", "),
    }
}

fn create_index(table: &Table, index: &Index) -> String {
    let unique = if index.kind == IndexKind::Unique {
        "UNIQUE "
    } else {
        ""
    };
    let columns: Vec<String> = index
        .columns
        .iter()
        .map(|c| format!("{}{}", ident(&c.name), sort_order(c.sort_order)))
        .collect();
    let predicate = index
        .predicate
        .as_deref()
        .map(|p| format!(" WHERE {p}"))
        .unwrap_or_default();
    let create = format!(
        "CREATE {unique}INDEX {} ON {}({}){predicate}",
        ident(&index.name),
        ident(&table.name),
        columns.join(", ")
    );
    // Names starting with `sqlite_` are reserved unless the schema is writable.
    if index.name.starts_with("sqlite_") {
        format!("Pragma writable_schema=1;\n{create};\nPragma writable_schema=0")
    } else {
        create
    }
}

fn drop_index(index: &Index) -> String {
    format!("DROP INDEX {}", ident(&index.name))
}

/// SQLite's only in-place change: adding a column.
fn alter_table(alter: &AlterTable, schemas: Pair<&SqlSchema>) -> Vec<String> {
    let tables = Pair::new(
        &schemas.previous.tables[alter.table.previous],
        &schemas.next.tables[alter.table.next],
    );
    alter
        .changes
        .iter()
        .filter_map(|change| match change {
            TableChange::AddColumn { column, .. } => Some(format!(
                "ALTER TABLE {} ADD COLUMN {}",
                ident(&tables.previous.name),
                render_column(&tables.next.columns[*column], false)
            )),
            _ => None,
        })
        .collect()
}

/// SQLite's "other kinds of table schema changes": create the new table, copy, drop, rename,
/// with foreign key checks deferred and off (`defer_foreign_keys` for Cloudflare D1).
fn redefine_tables(redefines: &[RedefineTable], schemas: Pair<&SqlSchema>) -> Vec<String> {
    let mut out = vec![
        "PRAGMA defer_foreign_keys=ON".to_owned(),
        "PRAGMA foreign_keys=OFF".to_owned(),
    ];
    for redefine in redefines {
        let tables = Pair::new(
            &schemas.previous.tables[redefine.table.previous],
            &schemas.next.tables[redefine.table.next],
        );
        let temporary = format!("new_{}", tables.next.name);
        out.push(create_table(tables.next, &temporary));
        if let Some(copy) = copy_statement(redefine, tables, &temporary) {
            out.push(copy);
        }
        out.push(format!("DROP TABLE {}", ident(&tables.previous.name)));
        out.push(format!(
            "ALTER TABLE {} RENAME TO {}",
            ident(&temporary),
            ident(&tables.next.name)
        ));
        out.extend(
            tables
                .next
                .indexes
                .iter()
                .map(|i| create_index(tables.next, i)),
        );
    }
    out.push("PRAGMA foreign_keys=ON".to_owned());
    out.push("PRAGMA defer_foreign_keys=OFF".to_owned());
    out
}

/// The copy of the kept columns; a column that became required with a default is filled in
/// with `coalesce` (SQLite has no DEFAULT keyword in expressions).
fn copy_statement(
    redefine: &RedefineTable,
    tables: Pair<&Table>,
    temporary: &str,
) -> Option<String> {
    if redefine.column_pairs.is_empty() {
        return None;
    }
    let mut destination = Vec::new();
    let mut source = Vec::new();
    for (ids, changes, _) in &redefine.column_pairs {
        let columns = Pair::new(
            &tables.previous.columns[ids.previous],
            &tables.next.columns[ids.next],
        );
        destination.push(ident(&columns.next.name));
        let default = columns
            .next
            .default
            .as_ref()
            .and_then(|d| render_default(&d.kind));
        match default {
            Some(default) if changes.arity && columns.next.tpe.arity == ColumnArity::Required => {
                let name = ident(&columns.previous.name);
                source.push(format!("coalesce({name}, {default}) AS {name}"));
            }
            _ => source.push(ident(&columns.previous.name)),
        }
    }
    Some(format!(
        "INSERT INTO {} ({}) SELECT {} FROM {}",
        ident(temporary),
        destination.join(", "),
        source.join(", "),
        ident(&tables.previous.name)
    ))
}
