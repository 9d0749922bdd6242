//! mysql: pull (SqlSchema → schema language: native types and defaults), and the catalog
//! facts describe does not keep (comments, partitioned tables).

use mysql::prelude::Queryable;
use mysql::Conn;
use sql_schema::{Column, ColumnTypeFamily, DefaultKind, NativeType};

use crate::describe::DescribeError;
use crate::pull::{default_argument, PullExtras};

/// The native type MySQL gets for a field without `@db.*`.
pub(crate) fn provider_default(family: &ColumnTypeFamily) -> Option<NativeType> {
    use ColumnTypeFamily as F;
    let native = match family {
        F::String => NativeType::new("VarChar", &["191"]),
        F::Int => NativeType::new("Int", &[]),
        F::BigInt => NativeType::new("BigInt", &[]),
        F::Float => NativeType::new("Double", &[]),
        F::Decimal => NativeType::new("Decimal", &["65", "30"]),
        F::Boolean => NativeType::new("TinyInt", &[]),
        F::DateTime => NativeType::new("DateTime", &["3"]),
        F::Binary => NativeType::new("LongBlob", &[]),
        F::Json => NativeType::new("Json", &[]),
        F::Uuid | F::Enum(_) | F::Unsupported(_) => return None,
    };
    Some(native)
}

/// The `@default(…)` argument for a described default.
pub(crate) fn default_value(column: &Column, kind: &DefaultKind, enum_value: &dyn Fn(&str) -> String) -> Option<String> {
    Some(default_argument(column, kind, enum_value, "CURRENT_TIMESTAMP"))
}

/// Tables with a comment or partitions, as Prisma's describer reads them: a non-empty
/// `table_comment`, and `create_options` exactly `partitioned` (a table with other create
/// options besides is not seen as partitioned by Prisma either).
const TABLE_FACTS_SQL: &str = "SELECT table_name, table_comment <> '', create_options = 'partitioned' \
     FROM information_schema.tables \
     WHERE table_schema = ? AND table_type = 'BASE TABLE' \
     AND (table_comment <> '' OR create_options = 'partitioned') \
     ORDER BY BINARY table_name";

/// Columns with a comment, in column order.
const COLUMN_COMMENTS_SQL: &str = "SELECT table_name, column_name FROM information_schema.columns \
     WHERE table_schema = ? AND column_comment <> '' \
     ORDER BY BINARY table_name, ordinal_position";

/// Reads table and column comments and partitioned tables of `database`: two queries. Keys have
/// no namespace, as describe's.
pub fn extras(conn: &mut Conn, database: &str) -> Result<PullExtras, DescribeError> {
    let mut extras = PullExtras::default();
    let rows: Vec<mysql::Row> = conn.exec(TABLE_FACTS_SQL, (database,))?;
    for row in rows {
        let key = (None, super::describe::required_text(&row, 0)?);
        if flag(&row, 2) {
            extras.partition_tables.insert(key.clone());
        }
        if flag(&row, 1) {
            extras.comments.entry(key).or_default().push(None);
        }
    }
    let rows: Vec<mysql::Row> = conn.exec(COLUMN_COMMENTS_SQL, (database,))?;
    for row in rows {
        let key = (None, super::describe::required_text(&row, 0)?);
        let column = super::describe::required_text(&row, 1)?;
        extras.comments.entry(key).or_default().push(Some(column));
    }
    Ok(extras)
}

/// A boolean expression's value (MySQL returns 0 or 1).
fn flag(row: &mysql::Row, idx: usize) -> bool {
    super::describe::text(row, idx).is_some_and(|v| v == "1")
}
