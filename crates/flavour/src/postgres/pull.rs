//! postgres: pull (SqlSchema → schema language: native types and defaults), and the catalog
//! facts describe does not keep (view columns, expression indexes).

use postgres::Client;
use sql_schema::{Column, ColumnArity, ColumnType, ColumnTypeFamily, DefaultKind, NativeType};

use crate::describe::DescribeError;
use crate::pull::{default_argument, PullExtras};

/// The native type PostgreSQL gets for a field without `@db.*`.
pub(crate) fn provider_default(family: &ColumnTypeFamily) -> Option<NativeType> {
    use ColumnTypeFamily as F;
    let native = match family {
        F::String => NativeType::new("Text", &[]),
        F::Int => NativeType::new("Integer", &[]),
        F::BigInt => NativeType::new("BigInt", &[]),
        F::Float => NativeType::new("DoublePrecision", &[]),
        F::Decimal => NativeType::new("Decimal", &["65", "30"]),
        F::Boolean => NativeType::new("Boolean", &[]),
        F::DateTime => NativeType::new("Timestamp", &["3"]),
        F::Binary => NativeType::new("ByteA", &[]),
        F::Json => NativeType::new("JsonB", &[]),
        F::Uuid => NativeType::new("Uuid", &[]),
        F::Enum(_) | F::Unsupported(_) => return None,
    };
    Some(native)
}

/// The `@default(…)` argument for a described default.
pub(crate) fn default_value(column: &Column, kind: &DefaultKind, enum_value: &dyn Fn(&str) -> String) -> Option<String> {
    Some(default_argument(column, kind, enum_value, "now()"))
}

/// Indexes on expressions, and indexes with a column whose null ordering is not the default for
/// its direction (`ASC NULLS FIRST`, `DESC NULLS LAST`: `indoption` bit 1 is DESC, bit 2 is
/// NULLS FIRST), with those columns in key order. Partial indexes are left out: Prisma's
/// introspection never sees them, so a partial expression index gets no note or warning.
const INDEX_FACTS_SQL: &str = "SELECT n.nspname::text, tc.relname::text, ic.relname::text, i.indexprs IS NOT NULL, \
     ARRAY(SELECT a.attname::text FROM unnest(i.indkey::int2[], i.indoption::int2[]) WITH ORDINALITY AS k(attnum, opt, ord) \
           JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum \
           WHERE k.opt & 3 IN (1, 2) ORDER BY k.ord) \
     FROM pg_index i \
     JOIN pg_class tc ON tc.oid = i.indrelid \
     JOIN pg_class ic ON ic.oid = i.indexrelid \
     JOIN pg_namespace n ON n.oid = tc.relnamespace \
     WHERE n.nspname::text = ANY($1::text[]) AND tc.relkind IN ('r', 'p') AND i.indpred IS NULL \
     AND (i.indexprs IS NOT NULL OR EXISTS (SELECT 1 FROM unnest(i.indoption::int2[]) o WHERE o & 3 IN (1, 2))) \
     ORDER BY tc.relname, ic.relname";

/// Check constraints, and deferrable constraints as Prisma lists them: the key and unique ones
/// (its indexes, by name), then the foreign keys.
const CONSTRAINTS_SQL: &str = "SELECT n.nspname::text, t.relname::text, con.conname::text, con.contype::text \
     FROM pg_constraint con \
     JOIN pg_class t ON t.oid = con.conrelid \
     JOIN pg_namespace n ON n.oid = t.relnamespace \
     WHERE n.nspname::text = ANY($1::text[]) AND t.relkind IN ('r', 'p') \
     AND (con.contype = 'c' OR (con.condeferrable AND con.contype IN ('p', 'u', 'f'))) \
     ORDER BY t.relname, con.contype = 'f', con.conname";

/// Table comments (column NULL), column comments, row level security, partitioned tables and
/// tables with subclasses (comment NULL). `relhassubclass` is what Prisma's describer reads: a
/// partitioned table with partitions is a partition table, a plain table with children an
/// inherited one (the flag stays set after the last child is dropped, for Prisma too).
const TABLE_FACTS_SQL: &str = "SELECT n.nspname::text, c.relname::text, a.attname::text, d.description IS NOT NULL, \
     c.relrowsecurity, c.relhassubclass AND c.relkind = 'p', c.relhassubclass AND c.relkind = 'r' \
     FROM pg_class c \
     JOIN pg_namespace n ON n.oid = c.relnamespace \
     LEFT JOIN pg_description d ON d.objoid = c.oid AND d.classoid = 'pg_class'::regclass \
     LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = d.objsubid AND d.objsubid > 0 \
     WHERE n.nspname::text = ANY($1::text[]) AND c.relkind IN ('r', 'p') \
     AND (d.description IS NOT NULL OR c.relrowsecurity OR c.relhassubclass) \
     ORDER BY c.relname, d.objsubid";

/// The schema of each enum-typed column's enum (arrays of enums too).
const COLUMN_ENUM_SCHEMAS_SQL: &str = "SELECT n.nspname::text, c.relname::text, a.attname::text, tn.nspname::text \
     FROM pg_attribute a \
     JOIN pg_class c ON c.oid = a.attrelid \
     JOIN pg_namespace n ON n.oid = c.relnamespace \
     JOIN pg_type t ON t.oid = a.atttypid \
     JOIN pg_type et ON et.oid = CASE WHEN t.typcategory = 'A' THEN t.typelem ELSE t.oid END \
     JOIN pg_namespace tn ON tn.oid = et.typnamespace \
     WHERE et.typtype = 'e' AND a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p', 'v', 'm') \
     AND n.nspname::text = ANY($1::text[])";

const VIEW_COLUMNS_SQL: &str = "SELECT n.nspname::text, c.relname::text, a.attname::text, \
     CASE WHEN t.typcategory = 'A' THEN et.typname ELSE t.typname END::text AS type_name, \
     a.atttypmod, t.typcategory = 'A' AS is_array, \
     (CASE WHEN t.typcategory = 'A' THEN et.typtype ELSE t.typtype END)::text AS type_kind, \
     format_type(a.atttypid, a.atttypmod) AS formatted, t.typname::text AS udt_name, \
     EXISTS (SELECT 1 FROM pg_depend dep WHERE dep.classid = 'pg_type'::regclass AND dep.deptype = 'e' \
       AND dep.objid = CASE WHEN t.typcategory = 'A' THEN et.oid ELSE t.oid END) AS extension_type \
     FROM pg_attribute a \
     JOIN pg_class c ON c.oid = a.attrelid \
     JOIN pg_namespace n ON n.oid = c.relnamespace \
     JOIN pg_type t ON t.oid = a.atttypid \
     LEFT JOIN pg_type et ON et.oid = t.typelem \
     WHERE c.relkind IN ('v', 'm') AND a.attnum > 0 AND NOT a.attisdropped AND n.nspname::text = ANY($1::text[]) \
     ORDER BY n.nspname, c.relname, a.attnum";

/// Reads view columns (when `views`), expression indexes and non-default null orderings, check
/// and deferrable constraints, comments, row level security, partitioned and inherited tables,
/// and with several explicit schemas the schemas of enum-typed columns' enums: at most five
/// queries.
/// `schemas`: the described PostgreSQL schemas; `explicit`: whether the datasource lists them
/// (then namespaces are kept on the keys, as describe does).
pub fn extras(client: &mut Client, schemas: &[String], explicit: bool, views: bool) -> Result<PullExtras, DescribeError> {
    let mut extras = PullExtras::default();
    let namespace = |ns: String| explicit.then_some(ns);
    for row in client.query(INDEX_FACTS_SQL, &[&schemas])? {
        let key = (namespace(row.try_get(0)?), row.try_get::<_, String>(1)?);
        let index: String = row.try_get(2)?;
        let on_expression: bool = row.try_get(3)?;
        let null_ordering: Vec<String> = row.try_get(4)?;
        if !null_ordering.is_empty() {
            let columns = null_ordering.into_iter().map(|column| (index.clone(), column));
            extras.null_ordering.entry(key.clone()).or_default().extend(columns);
        }
        if on_expression {
            extras.expression_indexes.entry(key.clone()).or_default().push(index);
            extras.expression_index_tables.insert(key);
        }
    }
    // Enum names can repeat across schemas only when several are described.
    if explicit && schemas.len() > 1 {
        for row in client.query(COLUMN_ENUM_SCHEMAS_SQL, &[&schemas])? {
            let key = (namespace(row.try_get(0)?), row.try_get::<_, String>(1)?);
            extras.column_enum_namespaces.insert((key, row.try_get(2)?), row.try_get(3)?);
        }
    }
    for row in client.query(CONSTRAINTS_SQL, &[&schemas])? {
        let key = (namespace(row.try_get(0)?), row.try_get::<_, String>(1)?);
        let name: String = row.try_get(2)?;
        let kind: String = row.try_get(3)?;
        let target = if kind == "c" { &mut extras.check_constraints } else { &mut extras.deferrable_constraints };
        target.entry(key).or_default().push(name);
    }
    for row in client.query(TABLE_FACTS_SQL, &[&schemas])? {
        let key = (namespace(row.try_get(0)?), row.try_get::<_, String>(1)?);
        let column: Option<String> = row.try_get(2)?;
        let has_comment: bool = row.try_get(3)?;
        let rls: bool = row.try_get(4)?;
        let partitioned: bool = row.try_get(5)?;
        let inherited: bool = row.try_get(6)?;
        if rls {
            extras.row_level_security.insert(key.clone());
        }
        if partitioned {
            extras.partition_tables.insert(key.clone());
        }
        if inherited {
            extras.inherited_tables.insert(key.clone());
        }
        if has_comment {
            extras.comments.entry(key).or_default().push(column);
        }
    }
    if !views {
        return Ok(extras);
    }
    for row in client.query(VIEW_COLUMNS_SQL, &[&schemas])? {
        let key = (namespace(row.try_get(0)?), row.try_get::<_, String>(1)?);
        let name: String = row.try_get(2)?;
        let type_name: String = row.try_get(3)?;
        let typmod: i32 = row.try_get(4)?;
        let is_array: bool = row.try_get(5)?;
        let type_kind: String = row.try_get(6)?;
        let formatted: String = row.try_get(7)?;
        let udt_name: String = row.try_get(8)?;
        let extension_type: bool = row.try_get(9)?;
        // Unsupported types are spelled as for table columns (see describe).
        let unsupported = if extension_type { formatted.trim_end_matches("[]").to_owned() } else { udt_name };
        let tpe = view_column_type(&type_name, typmod, is_array, &type_kind, unsupported);
        extras.view_columns.entry(key).or_default().push(Column { name, tpe, default: None, auto_increment: false });
    }
    Ok(extras)
}

/// A view column's type: the same builtin types as a table column (Prisma describes both
/// alike), enums by name, anything else `Unsupported`.
fn view_column_type(type_name: &str, typmod: i32, is_array: bool, type_kind: &str, unsupported: String) -> ColumnType {
    use ColumnTypeFamily as F;
    let arity = if is_array { ColumnArity::List } else { ColumnArity::Nullable };
    if type_kind == "e" {
        return ColumnType { family: F::Enum(type_name.to_owned()), arity, native: None };
    }
    match crate::postgres::describe::builtin_type(type_name, typmod, is_array) {
        Some((family, native)) => ColumnType { family, arity, native: Some(native) },
        None => ColumnType { family: F::Unsupported(unsupported), arity, native: None },
    }
}
