//! mysql: render migration steps as SQL, byte-identical to Prisma's MySQL renderer. Indexes
//! of new tables are inline; enums are column types; changes go through `MODIFY`.

use super::casts::{MyType, K};
use crate::render::{hex, quote_string, referential_action, sort_order};
use sql_schema::*;

const INDENT: &str = "    ";

pub(crate) fn render_step(step: &Step, schemas: Pair<&SqlSchema>) -> Vec<String> {
    let (prev, next) = (schemas.previous, schemas.next);
    match step {
        Step::CreateTable(t) => vec![create_table(&next.tables[*t], next)],
        Step::DropTable(t) => vec![format!("DROP TABLE {}", ident(&prev.tables[*t].name))],
        Step::AddForeignKey { table, foreign_key } => {
            let table = &next.tables[*table];
            vec![add_foreign_key(table, &table.foreign_keys[*foreign_key])]
        }
        Step::DropForeignKey { table, foreign_key } => {
            let table = &prev.tables[*table];
            let name = table.foreign_keys[*foreign_key]
                .name
                .as_deref()
                .unwrap_or_default();
            vec![format!(
                "ALTER TABLE {} DROP FOREIGN KEY {}",
                ident(&table.name),
                ident(name)
            )]
        }
        Step::CreateIndex {
            table: (_, t),
            index,
            ..
        } => {
            let table = &next.tables[*t];
            vec![create_index(table, &table.indexes[*index])]
        }
        Step::DropIndex { table, index } => {
            let table = &prev.tables[*table];
            vec![drop_index(table, &table.indexes[*index])]
        }
        Step::RenameIndex { table, index } => {
            let tables = Pair::new(&prev.tables[table.previous], &next.tables[table.next]);
            vec![format!(
                "ALTER TABLE {} RENAME INDEX {} TO {}",
                ident(&tables.previous.name),
                ident(&tables.previous.indexes[index.previous].name),
                ident(&tables.next.indexes[index.next].name)
            )]
        }
        Step::RedefineIndex { table, index } => {
            // Create first: a foreign key may still rely on the old index.
            let tables = Pair::new(&prev.tables[table.previous], &next.tables[table.next]);
            vec![
                create_index(tables.next, &tables.next.indexes[index.next]),
                drop_index(tables.previous, &tables.previous.indexes[index.previous]),
            ]
        }
        Step::AlterTable(alter) => alter_table(alter, schemas),
        Step::DropView(v) => vec![format!("DROP VIEW {}", ident(&prev.views[*v].name))],
        // Enums, schemas, extensions and table redefinitions do not exist as steps on MySQL.
        Step::CreateSchema(_)
        | Step::DropExtension(_)
        | Step::CreateExtension(_)
        | Step::AlterExtension { .. }
        | Step::CreateEnum(_)
        | Step::AlterEnum(_)
        | Step::DropEnum(_)
        | Step::RedefineTables(_)
        | Step::RenameForeignKey { .. } => Vec::new(),
    }
}

fn ident(name: &str) -> String {
    format!("`{name}`")
}

fn create_table(table: &Table, schema: &SqlSchema) -> String {
    let columns: Vec<String> = table
        .columns
        .iter()
        .map(|c| format!("{INDENT}{}", render_column(c, schema)))
        .collect();
    let indexes: Vec<String> = table
        .indexes
        .iter()
        .map(|i| format!("{INDENT}{}", index_clause(i)))
        .collect();
    let mut sql = format!(
        "CREATE TABLE {} (\n{}",
        ident(&table.name),
        columns.join(",\n")
    );
    let pk = table
        .primary_key
        .as_ref()
        .filter(|pk| !pk.columns.is_empty());
    if !indexes.is_empty() || pk.is_some() {
        sql.push_str(",\n\n");
    }
    sql.push_str(&indexes.join(",\n"));
    if let Some(pk) = pk {
        if !indexes.is_empty() {
            sql.push_str(",\n");
        }
        sql.push_str(&format!(
            "{INDENT}PRIMARY KEY ({})",
            key_columns(&pk.columns)
        ));
    }
    sql.push_str("\n) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
    sql
}

/// `` `a`(10) DESC, `b` ``
fn key_columns(columns: &[IndexColumn]) -> String {
    columns
        .iter()
        .map(|c| {
            let length = c.length.map(|l| format!("({l})")).unwrap_or_default();
            format!("{}{length}{}", ident(&c.name), sort_order(c.sort_order))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn index_kind(index: &Index) -> &'static str {
    match index.kind {
        IndexKind::Normal => "",
        IndexKind::Unique => "UNIQUE ",
        IndexKind::Fulltext => "FULLTEXT ",
    }
}

fn index_clause(index: &Index) -> String {
    format!(
        "{}INDEX {}({})",
        index_kind(index),
        ident(&index.name),
        key_columns(&index.columns)
    )
}

fn create_index(table: &Table, index: &Index) -> String {
    format!(
        "CREATE {}INDEX {} ON {}({})",
        index_kind(index),
        ident(&index.name),
        ident(&table.name),
        key_columns(&index.columns)
    )
}

fn drop_index(table: &Table, index: &Index) -> String {
    format!(
        "DROP INDEX {} ON {}",
        ident(&index.name),
        ident(&table.name)
    )
}

fn add_foreign_key(table: &Table, fk: &ForeignKey) -> String {
    let constraint = fk
        .name
        .as_deref()
        .map(|n| format!("CONSTRAINT {} ", ident(n)))
        .unwrap_or_default();
    let columns: Vec<String> = fk.columns.iter().map(|c| ident(c)).collect();
    let referenced: Vec<String> = fk.referenced_columns.iter().map(|c| ident(c)).collect();
    format!(
        "ALTER TABLE {} ADD {constraint}FOREIGN KEY ({}) REFERENCES {}({}) ON DELETE {} ON UPDATE {}",
        ident(&table.name),
        columns.join(", "),
        ident(&fk.referenced_table),
        referenced.join(", "),
        referential_action(fk.on_delete),
        referential_action(fk.on_update)
    )
}

/// `` `name` TYPE NOT NULL|NULL[ AUTO_INCREMENT][ DEFAULT …] ``
fn render_column(column: &Column, schema: &SqlSchema) -> String {
    let not_null = if column.tpe.arity == ColumnArity::Required {
        " NOT NULL"
    } else {
        " NULL"
    };
    let auto_increment = if column.auto_increment {
        " AUTO_INCREMENT"
    } else {
        ""
    };
    let default = renderable_default(column)
        .map(|kind| format!(" DEFAULT {}", render_default(column, kind)))
        .unwrap_or_default();
    format!(
        "{} {}{not_null}{auto_increment}{default}",
        ident(&column.name),
        column_type(column, schema)
    )
}

/// MySQL holds no JSON defaults, and binary ones only as expressions.
fn renderable_default(column: &Column) -> Option<&DefaultKind> {
    let kind = &column.default.as_ref()?.kind;
    let is_db_generated = matches!(kind, DefaultKind::DbGenerated(_));
    match kind {
        DefaultKind::Sequence(_) => None,
        DefaultKind::DbGenerated(e) if e.is_empty() => None,
        _ if column.tpe.family == ColumnTypeFamily::Json => None,
        _ if column.tpe.family == ColumnTypeFamily::Binary && !is_db_generated => None,
        _ => Some(kind),
    }
}

fn render_default(column: &Column, kind: &DefaultKind) -> String {
    match kind {
        DefaultKind::DbGenerated(expr) => expr.clone(),
        DefaultKind::Now => {
            let precision = column
                .tpe
                .native
                .as_ref()
                .and_then(MyType::parse)
                // Prisma's `timestamp_precision()`: TIME's precision counts too.
                .filter(|t| matches!(t.kind, K::DateTime | K::Timestamp | K::Time))
                .and_then(|t| t.arg)
                .unwrap_or(3);
            format!("CURRENT_TIMESTAMP({precision})")
        }
        DefaultKind::Value(value) => render_literal(value),
        DefaultKind::Sequence(_) => String::new(),
    }
}

fn render_literal(value: &Literal) -> String {
    match value {
        Literal::String(s) | Literal::Enum(s) | Literal::Json(s) => quote_string(s),
        Literal::DateTime(s) => format!("'{}'", rfc3339(s)),
        Literal::Bytes(b) => format!("0x{}", hex(b)),
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

/// Prisma prints MySQL datetime defaults with chrono's `to_rfc3339()`
/// (`2018-01-27T08:00:00+00:00`), not the `2018-01-27 08:00:00 +00:00` display the schema
/// holds. Text of another shape (a described default, `2020-01-01 00:00:00.000`) is kept.
fn rfc3339(text: &str) -> String {
    let mut parts = text.split(' ');
    let (Some(date), Some(time), Some(offset), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return text.to_owned();
    };
    let is_offset = offset.len() == 6
        && (offset.starts_with('+') || offset.starts_with('-'))
        && offset.as_bytes()[3] == b':';
    if !is_offset {
        return text.to_owned();
    }
    format!("{date}T{time}{offset}")
}

fn column_type(column: &Column, schema: &SqlSchema) -> String {
    match &column.tpe.family {
        ColumnTypeFamily::Enum(name) => {
            let values = schema
                .enums
                .iter()
                .find(|e| &e.name == name)
                .map(|e| e.values.as_slice())
                .unwrap_or_default();
            let values: Vec<String> = values.iter().map(|v| format!("'{v}'")).collect();
            return format!("ENUM({})", values.join(", "));
        }
        ColumnTypeFamily::Unsupported(description) => return description.clone(),
        _ => {}
    }
    match column.tpe.native.as_ref().and_then(MyType::parse) {
        Some(native) => native_type(&native, column.tpe.family == ColumnTypeFamily::Boolean),
        None => family_default(&column.tpe.family).to_owned(),
    }
}

fn native_type(native: &MyType, is_boolean: bool) -> String {
    let opt = |arg: Option<u32>| arg.map(|a| format!("({a})")).unwrap_or_default();
    let sized = |name: &str| format!("{name}({})", native.arg.unwrap_or(1));
    match native.kind {
        K::Int => "INTEGER".into(),
        K::SmallInt => "SMALLINT".into(),
        K::TinyInt if is_boolean => "BOOLEAN".into(),
        K::TinyInt => "TINYINT".into(),
        K::MediumInt => "MEDIUMINT".into(),
        K::BigInt => "BIGINT".into(),
        K::Decimal => match native.decimal {
            Some((p, s)) => format!("DECIMAL({p}, {s})"),
            None => "DECIMAL".into(),
        },
        K::Float => "FLOAT".into(),
        K::Double => "DOUBLE".into(),
        K::Bit => sized("BIT"),
        K::Char => sized("CHAR"),
        K::VarChar => sized("VARCHAR"),
        K::Binary => sized("BINARY"),
        K::VarBinary => sized("VARBINARY"),
        K::TinyBlob => "TINYBLOB".into(),
        K::Blob => "BLOB".into(),
        K::MediumBlob => "MEDIUMBLOB".into(),
        K::LongBlob => "LONGBLOB".into(),
        K::TinyText => "TINYTEXT".into(),
        K::Text => "TEXT".into(),
        K::MediumText => "MEDIUMTEXT".into(),
        K::LongText => "LONGTEXT".into(),
        K::Date => "DATE".into(),
        K::Time => format!("TIME{}", opt(native.arg)),
        K::DateTime => format!("DATETIME{}", opt(native.arg)),
        K::Timestamp => format!("TIMESTAMP{}", opt(native.arg)),
        K::Year => "YEAR".into(),
        K::Json => "JSON".into(),
        K::UnsignedInt => "INTEGER UNSIGNED".into(),
        K::UnsignedSmallInt => "SMALLINT UNSIGNED".into(),
        K::UnsignedTinyInt => "TINYINT UNSIGNED".into(),
        K::UnsignedMediumInt => "MEDIUMINT UNSIGNED".into(),
        K::UnsignedBigInt => "BIGINT UNSIGNED".into(),
    }
}

/// The provider default type, for a column that reached render without a native type.
fn family_default(family: &ColumnTypeFamily) -> &'static str {
    match family {
        ColumnTypeFamily::Int => "INTEGER",
        ColumnTypeFamily::BigInt => "BIGINT",
        ColumnTypeFamily::Float => "DOUBLE",
        ColumnTypeFamily::Decimal => "DECIMAL(65, 30)",
        ColumnTypeFamily::Boolean => "BOOLEAN",
        ColumnTypeFamily::String | ColumnTypeFamily::Uuid => "VARCHAR(191)",
        ColumnTypeFamily::DateTime => "DATETIME(3)",
        ColumnTypeFamily::Binary => "LONGBLOB",
        ColumnTypeFamily::Json => "JSON",
        ColumnTypeFamily::Enum(_) | ColumnTypeFamily::Unsupported(_) => "TEXT",
    }
}

fn alter_table(alter: &AlterTable, schemas: Pair<&SqlSchema>) -> Vec<String> {
    let tables = Pair::new(
        &schemas.previous.tables[alter.table.previous],
        &schemas.next.tables[alter.table.next],
    );
    let mut clauses = Vec::new();
    for change in &alter.changes {
        match change {
            TableChange::DropPrimaryKey => clauses.push("DROP PRIMARY KEY".to_owned()),
            // MySQL primary keys have no name of their own.
            TableChange::RenamePrimaryKey => {}
            TableChange::AddPrimaryKey => {
                if let Some(pk) = &tables.next.primary_key {
                    clauses.push(format!("ADD PRIMARY KEY ({})", key_columns(&pk.columns)));
                }
            }
            TableChange::AddColumn { column, .. } => {
                clauses.push(format!(
                    "ADD COLUMN {}",
                    render_column(&tables.next.columns[*column], schemas.next)
                ));
            }
            TableChange::DropColumn { column } => {
                clauses.push(format!(
                    "DROP COLUMN {}",
                    ident(&tables.previous.columns[*column].name)
                ));
            }
            TableChange::AlterColumn(alter_column) => {
                let columns = Pair::new(
                    &tables.previous.columns[alter_column.column.previous],
                    &tables.next.columns[alter_column.column.next],
                );
                clauses.push(alter_column_clause(
                    columns,
                    &alter_column.changes,
                    schemas.next,
                ));
            }
            TableChange::DropAndRecreateColumn { column, .. } => {
                clauses.push(format!(
                    "DROP COLUMN {}",
                    ident(&tables.previous.columns[column.previous].name)
                ));
                clauses.push(format!(
                    "ADD COLUMN {}",
                    render_column(&tables.next.columns[column.next], schemas.next)
                ));
            }
        }
    }
    if clauses.is_empty() {
        return Vec::new();
    }
    vec![format!(
        "ALTER TABLE {} {}",
        ident(&tables.previous.name),
        clauses.join(",\n    ")
    )]
}

/// MySQL has no portable SET DEFAULT for expressions: everything but a dropped default is a
/// full `MODIFY` of the column.
fn alter_column_clause(
    columns: Pair<&Column>,
    changes: &ColumnChanges,
    next: &SqlSchema,
) -> String {
    if changes.only_default_changed() && columns.next.default.is_none() {
        return format!(
            "ALTER COLUMN {} DROP DEFAULT",
            ident(&columns.previous.name)
        );
    }

    // `dbgenerated()` in the schema says "keep what the database has": carry the described
    // expression over.
    let kinds = columns.map(|c| c.default.as_ref().map(|d| &d.kind));
    let carried;
    let new_default = match (kinds.previous, kinds.next) {
        (Some(DefaultKind::DbGenerated(previous)), Some(DefaultKind::DbGenerated(next)))
            if next.is_empty() && !previous.is_empty() =>
        {
            carried = DefaultKind::DbGenerated(previous.clone());
            Some(&carried)
        }
        (_, next) => next,
    };
    let default = new_default
        .filter(|k| !matches!(k, DefaultKind::DbGenerated(e) if e.is_empty()))
        .map(|k| render_default(columns.next, k))
        .filter(|d| !d.is_empty())
        .map(|d| format!(" DEFAULT {d}"))
        .unwrap_or_default();
    let not_null = if columns.next.tpe.arity == ColumnArity::Required {
        " NOT NULL"
    } else {
        " NULL"
    };
    let auto_increment = if columns.next.auto_increment {
        " AUTO_INCREMENT"
    } else {
        ""
    };
    format!(
        "MODIFY {} {}{not_null}{default}{auto_increment}",
        ident(&columns.next.name),
        column_type(columns.next, next)
    )
}

#[cfg(test)]
mod tests {
    use super::rfc3339;

    #[test]
    fn datetime_defaults_print_as_rfc3339() {
        assert_eq!(rfc3339("2018-01-27 08:00:00 +00:00"), "2018-01-27T08:00:00+00:00");
        assert_eq!(rfc3339("2018-01-27 08:00:00.123 -02:30"), "2018-01-27T08:00:00.123-02:30");
        assert_eq!(rfc3339("2020-01-01 00:00:00.000"), "2020-01-01 00:00:00.000");
        assert_eq!(rfc3339("now"), "now");
    }
}
