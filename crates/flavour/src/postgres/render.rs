//! postgres: render migration steps as SQL, byte-identical to Prisma's PostgreSQL renderer.
//!
//! Names are qualified with their namespace only where the schema names it explicitly
//! (`namespace: Some`), never with the connection's default schema.

use super::casts::PgType;
use crate::render::{hex, quote_string, referential_action, sort_order};
use sql_schema::*;

const INDENT: &str = "    ";

pub(crate) fn render_step(step: &Step, schemas: Pair<&SqlSchema>) -> Vec<String> {
    let (prev, next) = (schemas.previous, schemas.next);
    match step {
        Step::CreateSchema(name) => vec![format!("CREATE SCHEMA IF NOT EXISTS {}", ident(name))],
        Step::DropExtension(e) => vec![format!(
            "DROP EXTENSION {}",
            ident(&prev.extensions[*e].name)
        )],
        Step::CreateExtension(e) => vec![create_extension(&next.extensions[*e])],
        Step::AlterExtension { extension, changes } => {
            alter_extension(*extension, changes, schemas)
        }
        Step::DropView(v) => {
            let view = &prev.views[*v];
            vec![format!(
                "DROP VIEW {}",
                qualified(view.namespace.as_deref(), &view.name)
            )]
        }
        Step::CreateEnum(e) => vec![create_enum(&next.enums[*e])],
        Step::AlterEnum(alter) => alter_enum(alter, schemas),
        Step::DropForeignKey { table, foreign_key } => {
            let table = &prev.tables[*table];
            let fk = &table.foreign_keys[*foreign_key];
            vec![format!(
                "ALTER TABLE {} DROP CONSTRAINT {}",
                table_name(table),
                ident(fk.name.as_deref().unwrap_or_default())
            )]
        }
        Step::DropIndex { table, index } => {
            let table = &prev.tables[*table];
            vec![format!(
                "DROP INDEX {}",
                qualified(table.namespace.as_deref(), &table.indexes[*index].name)
            )]
        }
        Step::AlterTable(alter) => alter_table(alter, schemas),
        Step::DropTable(t) => vec![format!("DROP TABLE {}", table_name(&prev.tables[*t]))],
        Step::DropEnum(e) => {
            let enm = &prev.enums[*e];
            vec![format!(
                "DROP TYPE {}",
                qualified(enm.namespace.as_deref(), &enm.name)
            )]
        }
        Step::CreateTable(t) => {
            let table = &next.tables[*t];
            vec![create_table(table, &table_name(table), next)]
        }
        Step::RedefineTables(tables) => tables
            .iter()
            .flat_map(|r| redefine_table(r, schemas))
            .collect(),
        Step::CreateIndex {
            table: (_, t),
            index,
            ..
        } => {
            let table = &next.tables[*t];
            vec![create_index(table, &table.indexes[*index])]
        }
        Step::RenameForeignKey { table, foreign_key } => {
            let tables = Pair::new(&prev.tables[table.previous], &next.tables[table.next]);
            let name = |t: &Table, i: usize| t.foreign_keys[i].name.clone().unwrap_or_default();
            vec![format!(
                "ALTER TABLE {} RENAME CONSTRAINT {} TO {}",
                alter_table_name(tables),
                ident(&name(tables.previous, foreign_key.previous)),
                ident(&name(tables.next, foreign_key.next))
            )]
        }
        Step::AddForeignKey { table, foreign_key } => {
            let table = &next.tables[*table];
            vec![add_foreign_key(table, &table.foreign_keys[*foreign_key])]
        }
        Step::RenameIndex { table, index } => {
            let tables = Pair::new(&prev.tables[table.previous], &next.tables[table.next]);
            // PostgreSQL keeps the index in the schema of the old name: the new name must not be
            // qualified.
            vec![format!(
                "ALTER INDEX {} RENAME TO {}",
                qualified(
                    tables.next.namespace.as_deref(),
                    &tables.previous.indexes[index.previous].name
                ),
                ident(&tables.next.indexes[index.next].name)
            )]
        }
        Step::RedefineIndex { table, index } => {
            let tables = Pair::new(&prev.tables[table.previous], &next.tables[table.next]);
            vec![
                format!(
                    "DROP INDEX {}",
                    qualified(
                        tables.previous.namespace.as_deref(),
                        &tables.previous.indexes[index.previous].name
                    )
                ),
                create_index(tables.next, &tables.next.indexes[index.next]),
            ]
        }
    }
}

pub(crate) fn ident(name: &str) -> String {
    format!("\"{name}\"")
}

fn qualified(namespace: Option<&str>, name: &str) -> String {
    match namespace {
        Some(ns) => format!("\"{ns}\".\"{name}\""),
        None => ident(name),
    }
}

fn table_name(table: &Table) -> String {
    qualified(table.namespace.as_deref(), &table.name)
}

/// The name an ALTER statement uses: the new namespace (tables never move between schemas
/// in place) and the old name.
fn alter_table_name(tables: Pair<&Table>) -> String {
    qualified(tables.next.namespace.as_deref(), &tables.previous.name)
}

fn find_enum<'a>(schema: &'a SqlSchema, name: &str) -> Option<&'a Enum> {
    schema.enums.iter().find(|e| e.name == name)
}

fn enum_name(schema: &SqlSchema, name: &str) -> String {
    qualified(
        find_enum(schema, name).and_then(|e| e.namespace.as_deref()),
        name,
    )
}

fn create_extension(extension: &Extension) -> String {
    let mut sql = format!("CREATE EXTENSION IF NOT EXISTS {}", ident(&extension.name));
    let schema = extension.schema.as_deref().filter(|s| !s.is_empty());
    let version = extension.version.as_deref().filter(|v| !v.is_empty());
    if schema.is_some() || version.is_some() {
        sql.push_str(" WITH");
    }
    if let Some(schema) = schema {
        sql.push_str(&format!(" SCHEMA {}", ident(schema)));
    }
    if let Some(version) = version {
        sql.push_str(&format!(" VERSION {}", ident(version)));
    }
    sql
}

fn alter_extension(
    ids: Pair<usize>,
    changes: &[ExtensionChange],
    schemas: Pair<&SqlSchema>,
) -> Vec<String> {
    let previous = &schemas.previous.extensions[ids.previous];
    let next = &schemas.next.extensions[ids.next];
    changes
        .iter()
        .map(|change| match change {
            ExtensionChange::AlterVersion => format!(
                "ALTER EXTENSION {} UPDATE TO {}",
                ident(&previous.name),
                ident(next.version.as_deref().unwrap_or_default())
            ),
            ExtensionChange::AlterSchema => format!(
                "ALTER EXTENSION {} SET SCHEMA {}",
                ident(&previous.name),
                ident(next.schema.as_deref().unwrap_or_default())
            ),
        })
        .collect()
}

fn create_enum(enm: &Enum) -> String {
    let values: Vec<String> = enm.values.iter().map(|v| format!("'{v}'")).collect();
    format!(
        "CREATE TYPE {} AS ENUM ({})",
        qualified(enm.namespace.as_deref(), &enm.name),
        values.join(", ")
    )
}

pub(crate) fn create_table(table: &Table, name: &str, schema: &SqlSchema) -> String {
    let columns: Vec<String> = table
        .columns
        .iter()
        .map(|c| render_column(c, schema))
        .collect();
    let pk = match &table.primary_key {
        Some(pk) => {
            let constraint = pk
                .name
                .as_deref()
                .map(|n| format!("CONSTRAINT {} ", ident(n)))
                .unwrap_or_default();
            let cols: Vec<String> = pk.columns.iter().map(|c| ident(&c.name)).collect();
            format!(",\n\n{INDENT}{constraint}PRIMARY KEY ({})", cols.join(","))
        }
        None => String::new(),
    };
    format!("CREATE TABLE {name} (\n{}{pk}\n)", columns.join(",\n"))
}

/// `    "name" TYPE[ NOT NULL][ DEFAULT …]` (the indent is part of it, hence Prisma's
/// `ADD COLUMN     "x"`).
fn render_column(column: &Column, schema: &SqlSchema) -> String {
    let tpe = column_type(column, schema);
    let not_null = if column.tpe.arity == ColumnArity::Required {
        " NOT NULL"
    } else {
        ""
    };
    let default = column
        .default
        .as_ref()
        .map(|d| render_default(&d.kind, &tpe))
        .filter(|d| !d.is_empty())
        .map(|d| format!(" DEFAULT {d}"))
        .unwrap_or_default();
    format!("{INDENT}{} {tpe}{not_null}{default}", ident(&column.name))
}

pub(crate) fn column_type(column: &Column, schema: &SqlSchema) -> String {
    let array = if column.tpe.arity == ColumnArity::List {
        "[]"
    } else {
        ""
    };
    match &column.tpe.family {
        ColumnTypeFamily::Enum(name) => return format!("{}{array}", enum_name(schema, name)),
        ColumnTypeFamily::Unsupported(description) => return format!("{description}{array}"),
        _ => {}
    }
    let tpe = match column.tpe.native.as_ref().map(PgType::parse) {
        Some(native) => native_type(&native, column.auto_increment),
        None => family_default(&column.tpe.family, column.auto_increment).to_owned(),
    };
    format!("{tpe}{array}")
}

fn native_type(native: &PgType, auto_increment: bool) -> String {
    let opt = |arg: &Option<u32>| arg.map(|a| format!("({a})")).unwrap_or_default();
    match native {
        PgType::Citext => "CITEXT".into(),
        PgType::Oid => "OID".into(),
        PgType::Inet => "INET".into(),
        PgType::Money => "MONEY".into(),
        PgType::SmallInt if auto_increment => "SMALLSERIAL".into(),
        PgType::SmallInt => "SMALLINT".into(),
        PgType::Integer if auto_increment => "SERIAL".into(),
        PgType::Integer => "INTEGER".into(),
        PgType::BigInt if auto_increment => "BIGSERIAL".into(),
        PgType::BigInt => "BIGINT".into(),
        PgType::Decimal(Some((p, s))) => format!("DECIMAL({p},{s})"),
        PgType::Decimal(None) => "DECIMAL".into(),
        PgType::Real => "REAL".into(),
        PgType::DoublePrecision => "DOUBLE PRECISION".into(),
        PgType::VarChar(len) => format!("VARCHAR{}", opt(len)),
        PgType::Char(len) => format!("CHAR{}", opt(len)),
        PgType::Text => "TEXT".into(),
        PgType::ByteA => "BYTEA".into(),
        PgType::Date => "DATE".into(),
        PgType::Timestamp(p) => format!("TIMESTAMP{}", opt(p)),
        PgType::Timestamptz(p) => format!("TIMESTAMPTZ{}", opt(p)),
        PgType::Time(p) => format!("TIME{}", opt(p)),
        PgType::Timetz(p) => format!("TIMETZ{}", opt(p)),
        PgType::Boolean => "BOOLEAN".into(),
        PgType::Bit(len) => format!("BIT{}", opt(len)),
        PgType::VarBit(len) => format!("VARBIT{}", opt(len)),
        PgType::Uuid => "UUID".into(),
        PgType::Xml => "XML".into(),
        PgType::Json => "JSON".into(),
        PgType::JsonB => "JSONB".into(),
        PgType::Unknown(name, args) => format!("{name}({})", args.join(", ")),
    }
}

/// The provider default type, for a column that reached render without a native type.
fn family_default(family: &ColumnTypeFamily, auto_increment: bool) -> &'static str {
    match family {
        ColumnTypeFamily::Int if auto_increment => "SERIAL",
        ColumnTypeFamily::Int => "INTEGER",
        ColumnTypeFamily::BigInt if auto_increment => "BIGSERIAL",
        ColumnTypeFamily::BigInt => "BIGINT",
        ColumnTypeFamily::Float => "DOUBLE PRECISION",
        ColumnTypeFamily::Decimal => "DECIMAL(65,30)",
        ColumnTypeFamily::Boolean => "BOOLEAN",
        ColumnTypeFamily::String => "TEXT",
        ColumnTypeFamily::DateTime => "TIMESTAMP(3)",
        ColumnTypeFamily::Binary => "BYTEA",
        ColumnTypeFamily::Json => "JSONB",
        ColumnTypeFamily::Uuid => "UUID",
        ColumnTypeFamily::Enum(_) | ColumnTypeFamily::Unsupported(_) => "TEXT",
    }
}

/// A default expression; empty when nothing is rendered (`dbgenerated()`, sequences).
pub(crate) fn render_default(kind: &DefaultKind, full_type: &str) -> String {
    match kind {
        DefaultKind::DbGenerated(expr) => expr.clone(),
        DefaultKind::Now => "CURRENT_TIMESTAMP".into(),
        DefaultKind::Value(value) => render_literal(value, full_type),
        DefaultKind::Sequence(_) => String::new(),
    }
}

fn render_literal(value: &Literal, full_type: &str) -> String {
    match value {
        Literal::String(s) | Literal::Enum(s) | Literal::Json(s) => quote_string(s),
        Literal::DateTime(s) => format!("'{s}'"),
        Literal::Bytes(b) => format!("'\\x{}'", hex(b)),
        Literal::Int(i) => i.to_string(),
        Literal::Float(f) => f.clone(),
        Literal::Boolean(b) => b.to_string(),
        Literal::List(values) => {
            let items: Vec<String> = values
                .iter()
                .map(|v| render_literal(v, full_type))
                .collect();
            format!("ARRAY[{}]::{full_type}", items.join(", "))
        }
    }
}

pub(crate) fn create_index(table: &Table, index: &Index) -> String {
    let unique = if index.kind == IndexKind::Unique {
        "UNIQUE "
    } else {
        ""
    };
    let using = match index
        .algorithm
        .as_deref()
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("hash") => " USING HASH ",
        Some("gist") => " USING GIST ",
        Some("gin") => " USING GIN ",
        Some("spgist") => " USING SPGIST ",
        Some("brin") => " USING BRIN ",
        _ => "",
    };
    let columns: Vec<String> = index
        .columns
        .iter()
        .map(|c| {
            let opclass = c
                .operator_class
                .as_deref()
                .map(|o| format!(" {o}"))
                .unwrap_or_default();
            format!("{}{opclass}{}", ident(&c.name), sort_order(c.sort_order))
        })
        .collect();
    let predicate = index
        .predicate
        .as_deref()
        .map(|p| format!(" WHERE {p}"))
        .unwrap_or_default();
    format!(
        "CREATE {unique}INDEX {} ON {}{using}({}){predicate}",
        ident(&index.name),
        table_name(table),
        columns.join(", ")
    )
}

pub(crate) fn add_foreign_key(table: &Table, fk: &ForeignKey) -> String {
    let constraint = fk
        .name
        .as_deref()
        .map(|n| format!("CONSTRAINT {} ", ident(n)))
        .unwrap_or_default();
    let columns: Vec<String> = fk.columns.iter().map(|c| ident(c)).collect();
    let referenced: Vec<String> = fk.referenced_columns.iter().map(|c| ident(c)).collect();
    format!(
        "ALTER TABLE {} ADD {constraint}FOREIGN KEY ({}) REFERENCES {}({}) ON DELETE {} ON UPDATE {}",
        table_name(table),
        columns.join(", "),
        qualified(fk.referenced_namespace.as_deref(), &fk.referenced_table),
        referenced.join(", "),
        referential_action(fk.on_delete),
        referential_action(fk.on_update)
    )
}

fn alter_table(alter: &AlterTable, schemas: Pair<&SqlSchema>) -> Vec<String> {
    let tables = Pair::new(
        &schemas.previous.tables[alter.table.previous],
        &schemas.next.tables[alter.table.next],
    );
    let mut clauses = Vec::new();
    let mut before = Vec::new();
    let mut after = Vec::new();

    for change in &alter.changes {
        match change {
            TableChange::DropPrimaryKey => {
                let name = tables
                    .previous
                    .primary_key
                    .as_ref()
                    .and_then(|pk| pk.name.clone())
                    .unwrap_or_default();
                clauses.push(format!("DROP CONSTRAINT {}", ident(&name)));
            }
            TableChange::RenamePrimaryKey => {
                let name = |t: &Table| {
                    t.primary_key
                        .as_ref()
                        .and_then(|pk| pk.name.clone())
                        .unwrap_or_default()
                };
                clauses.push(format!(
                    "RENAME CONSTRAINT {} TO {}",
                    ident(&name(tables.previous)),
                    ident(&name(tables.next))
                ));
            }
            TableChange::AddPrimaryKey => {
                let Some(pk) = &tables.next.primary_key else {
                    continue;
                };
                let constraint = pk
                    .name
                    .as_deref()
                    .map(|n| format!("CONSTRAINT {} ", ident(n)))
                    .unwrap_or_default();
                let cols: Vec<String> = pk.columns.iter().map(|c| ident(&c.name)).collect();
                clauses.push(format!("ADD {constraint}PRIMARY KEY ({})", cols.join(", ")));
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
                let mut sink = AlterSink {
                    before: &mut before,
                    clauses: &mut clauses,
                    after: &mut after,
                };
                alter_column_clauses(tables, columns, &alter_column.changes, schemas, &mut sink);
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
    let statement = format!(
        "ALTER TABLE {} {}",
        alter_table_name(tables),
        clauses.join(",\n")
    );
    before
        .into_iter()
        .chain(std::iter::once(statement))
        .chain(after)
        .collect()
}

struct AlterSink<'s> {
    before: &'s mut Vec<String>,
    clauses: &'s mut Vec<String>,
    after: &'s mut Vec<String>,
}

/// The ALTER COLUMN clauses of one column, in Prisma's order: arity, default, autoincrement,
/// then the type change last.
fn alter_column_clauses(
    tables: Pair<&Table>,
    columns: Pair<&Column>,
    changes: &ColumnChanges,
    schemas: Pair<&SqlSchema>,
    sink: &mut AlterSink<'_>,
) {
    let prefix = format!("ALTER COLUMN {}", ident(&columns.previous.name));
    let mut set_type = false;
    let arities = columns.map(|c| c.tpe.arity);

    if changes.arity {
        use ColumnArity::*;
        match (arities.previous, arities.next) {
            (Required, Nullable) => sink.clauses.push(format!("{prefix} DROP NOT NULL")),
            (Nullable, Required) => sink.clauses.push(format!("{prefix} SET NOT NULL")),
            (List, Nullable) => {
                set_type = true;
                sink.clauses.push(format!("{prefix} DROP NOT NULL"));
            }
            (List, Required) => {
                set_type = true;
                sink.clauses.push(format!("{prefix} SET NOT NULL"));
            }
            (_, List) => set_type = true,
            _ => {}
        }
    }
    if changes.default {
        match &columns.next.default {
            Some(default) => {
                let tpe = column_type(columns.next, schemas.next);
                sink.clauses.push(format!(
                    "{prefix} SET DEFAULT {}",
                    render_default(&default.kind, &tpe)
                ));
            }
            None => drop_default(&prefix, columns, schemas.next, sink),
        }
    }
    if changes.type_changed {
        set_type = true;
    }
    if changes.autoincrement {
        if columns.previous.auto_increment {
            // The owned sequence outlives the default; it is dropped by name when the schema
            // knows it (described as the column's `Sequence` default), as Prisma does.
            drop_default(&prefix, columns, schemas.next, sink);
        } else {
            add_sequence(&prefix, tables, columns, sink);
        }
    }
    if set_type {
        sink.clauses.push(format!(
            "{prefix} SET DATA TYPE {}",
            column_type(columns.next, schemas.next)
        ));
    }
}

fn drop_default(prefix: &str, columns: Pair<&Column>, next: &SqlSchema, sink: &mut AlterSink<'_>) {
    sink.clauses.push(format!("{prefix} DROP DEFAULT"));
    let Some(DefaultKind::Sequence(sequence)) = columns.previous.default.as_ref().map(|d| &d.kind)
    else {
        return;
    };
    let still_used = next.tables.iter().flat_map(|t| &t.columns).any(|c| {
        !std::ptr::eq(c, columns.next) && matches!(c.default.as_ref().map(|d| &d.kind), Some(DefaultKind::Sequence(s)) if s == sequence)
    });
    if !still_used {
        sink.after
            .push(format!("DROP SEQUENCE {}", ident(sequence)));
    }
}

/// Imitates the sequence PostgreSQL creates for a SERIAL column.
fn add_sequence(
    prefix: &str,
    tables: Pair<&Table>,
    columns: Pair<&Column>,
    sink: &mut AlterSink<'_>,
) {
    let namespace = tables
        .next
        .namespace
        .as_deref()
        .map(|ns| format!("{}.", ident(ns)))
        .unwrap_or_default();
    let sequence =
        format!("{namespace}{}_{}_seq", tables.next.name, columns.next.name).to_lowercase();
    sink.before.push(format!("CREATE SEQUENCE {sequence}"));
    sink.clauses
        .push(format!("{prefix} SET DEFAULT nextval('{sequence}')"));
    sink.after.push(format!(
        "ALTER SEQUENCE {sequence} OWNED BY {}.{}",
        alter_table_name(tables),
        ident(&columns.next.name)
    ));
}

const MANY_VALUES_WARNING: &str = "-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.
";

fn alter_enum<'a>(alter: &AlterEnum, schemas: Pair<&'a SqlSchema>) -> Vec<String> {
    let enums = Pair::new(
        &schemas.previous.enums[alter.enum_id.previous],
        &schemas.next.enums[alter.enum_id.next],
    );
    let alter_name = qualified(enums.next.namespace.as_deref(), &enums.previous.name);

    if alter.dropped_variants.is_empty() {
        let mut statements: Vec<String> = alter
            .created_variants
            .iter()
            .map(|v| format!("ALTER TYPE {alter_name} ADD VALUE '{v}'"))
            .collect();
        if statements.len() > 1 {
            statements[0] = format!("{MANY_VALUES_WARNING}\n\n{}", statements[0]);
        }
        return statements;
    }

    let tmp_name = qualified(
        enums.next.namespace.as_deref(),
        &format!("{}_new", enums.next.name),
    );
    let old_name = format!("{}_old", enums.previous.name);
    let values: Vec<String> = enums.next.values.iter().map(|v| format!("'{v}'")).collect();
    let mut statements = vec![
        "BEGIN".to_owned(),
        format!("CREATE TYPE {tmp_name} AS ENUM ({})", values.join(", ")),
    ];

    // Prisma names the old table and the old type with their described namespace, the
    // default schema included (hence `"public"."T"` next to unqualified names).
    let default_namespace = schemas.previous.default_namespace.as_deref();
    let previous_namespace = |ns: &'a Option<String>| ns.as_deref().or(default_namespace);
    for ((t, c), _) in &alter.previous_usages_as_default {
        let table = &schemas.previous.tables[*t];
        statements.push(format!(
            "ALTER TABLE {} ALTER COLUMN {} DROP DEFAULT",
            qualified(previous_namespace(&table.namespace), &table.name),
            ident(&table.columns[*c].name)
        ));
    }

    for (table, column) in enum_columns_to_convert(enums, schemas) {
        let array = if column.tpe.arity == ColumnArity::List {
            "[]"
        } else {
            ""
        };
        let col = ident(&column.name);
        statements.push(format!(
            "ALTER TABLE {} ALTER COLUMN {col} TYPE {tmp_name}{array} USING ({col}::text::{tmp_name}{array})",
            table_name(table)
        ));
    }

    statements.push(format!(
        "ALTER TYPE {alter_name} RENAME TO {}",
        ident(&old_name)
    ));
    statements.push(format!(
        "ALTER TYPE {tmp_name} RENAME TO {}",
        ident(&enums.next.name)
    ));
    statements.push(format!(
        "DROP TYPE {}",
        qualified(previous_namespace(&enums.previous.namespace), &old_name)
    ));

    for (prev, next) in &alter.previous_usages_as_default {
        let Some((nt, nc)) = next else { continue };
        let tables = Pair::new(&schemas.previous.tables[prev.0], &schemas.next.tables[*nt]);
        let column = &tables.next.columns[*nc];
        let Some(default) = &column.default else {
            continue;
        };
        let tpe = column_type(column, schemas.next);
        statements.push(format!(
            "ALTER TABLE {} ALTER COLUMN {} SET DEFAULT {}",
            alter_table_name(tables),
            ident(&tables.previous.columns[prev.1].name),
            render_default(&default.kind, &tpe)
        ));
    }

    statements.push("COMMIT".to_owned());
    statements
}

/// Columns of `after` that use the enum and already exist with it in `before` (new tables and
/// columns are created later in the script with the new type directly).
fn enum_columns_to_convert<'a>(
    enums: Pair<&Enum>,
    schemas: Pair<&'a SqlSchema>,
) -> Vec<(&'a Table, &'a Column)> {
    let uses =
        |c: &Column, name: &str| matches!(&c.tpe.family, ColumnTypeFamily::Enum(n) if n == name);
    let mut out = Vec::new();
    // Only tables using the enum look up their previous version (a linear search).
    let using = schemas
        .next
        .tables
        .iter()
        .filter(|t| t.columns.iter().any(|c| uses(c, &enums.next.name)));
    for table in using {
        let Some(previous) = schemas
            .previous
            .table(table.namespace.as_deref(), &table.name)
        else {
            continue;
        };
        for column in table.columns.iter().filter(|c| uses(c, &enums.next.name)) {
            if previous
                .column(&column.name)
                .is_some_and(|c| uses(c, &enums.previous.name))
            {
                out.push((table, column));
            }
        }
    }
    out
}

fn redefine_table(redefine: &RedefineTable, schemas: Pair<&SqlSchema>) -> Vec<String> {
    let tables = Pair::new(
        &schemas.previous.tables[redefine.table.previous],
        &schemas.next.tables[redefine.table.next],
    );
    let temporary = format!("_prisma_new_{}", tables.next.name);
    let temporary_name = qualified(tables.next.namespace.as_deref(), &temporary);
    let mut out = vec![create_table(tables.next, &temporary_name, schemas.next)];

    for index in &tables.previous.indexes {
        out.push(format!(
            "DROP INDEX {}",
            qualified(tables.previous.namespace.as_deref(), &index.name)
        ));
    }
    let columns: Vec<String> = redefine
        .column_pairs
        .iter()
        .map(|(ids, _, _)| ident(&tables.next.columns[ids.next].name))
        .collect();
    if !columns.is_empty() {
        let list = columns.join(",");
        out.push(format!(
            "INSERT INTO {temporary_name} ({list}) SELECT {list} FROM \"{}\"",
            tables.previous.name
        ));
    }
    out.push(format!(
        "DROP TABLE {} CASCADE",
        table_name(tables.previous)
    ));
    out.push(format!(
        "ALTER TABLE {temporary_name} RENAME TO {}",
        ident(&tables.next.name)
    ));
    out.extend(
        tables
            .next
            .indexes
            .iter()
            .map(|i| create_index(tables.next, i)),
    );
    out.extend(
        tables
            .next
            .foreign_keys
            .iter()
            .map(|fk| add_foreign_key(tables.next, fk)),
    );
    out
}
