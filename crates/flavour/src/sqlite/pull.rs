//! sqlite: pull (SqlSchema → schema language: defaults; SQLite has no native types), and view
//! columns, which describe does not keep.

use rusqlite::Connection;
use sql_schema::{Column, ColumnArity, ColumnType, DefaultKind, Literal};

use crate::describe::DescribeError;
use crate::pull::{dbgenerated, default_argument, PullExtras};

/// The `@default(…)` argument for a described default.
pub(crate) fn default_value(column: &Column, kind: &DefaultKind, enum_value: &dyn Fn(&str) -> String) -> Option<String> {
    match kind {
        // Prisma reads only `CURRENT_TIMESTAMP` as a datetime default; a literal stays the
        // database's expression.
        DefaultKind::Value(Literal::DateTime(value)) => Some(dbgenerated(&format!("'{}'", value.replace('\'', "''")))),
        _ => Some(default_argument(column, kind, enum_value, "CURRENT_TIMESTAMP")),
    }
}

const VIEW_COLUMNS_SQL: &str = "SELECT m.name, p.name, p.type FROM sqlite_master m \
     JOIN pragma_table_info(m.name) p WHERE m.type = 'view' ORDER BY m.name, p.cid";

const INDEX_ORDER_SQL: &str = "SELECT m.name, il.name FROM sqlite_master m \
     JOIN pragma_index_list(m.name) il WHERE m.type = 'table' ORDER BY m.name, il.seq";

/// The catalog's index order (Prisma renders SQLite indexes in it) and, with the `views`
/// preview feature, view columns: two queries.
pub fn extras(conn: &Connection, views: bool) -> Result<PullExtras, DescribeError> {
    let mut extras = PullExtras::default();
    let mut statement = conn.prepare(INDEX_ORDER_SQL)?;
    let mut rows = statement.query([])?;
    while let Some(row) = rows.next()? {
        let table: String = row.get(0)?;
        extras.index_order.entry((None, table)).or_default().push(row.get(1)?);
    }
    drop(rows);
    drop(statement);
    if !views {
        return Ok(extras);
    }
    let mut statement = conn.prepare(VIEW_COLUMNS_SQL)?;
    let mut rows = statement.query([])?;
    while let Some(row) = rows.next()? {
        let view: String = row.get(0)?;
        let name: String = row.get(1)?;
        let declared: String = row.get::<_, Option<String>>(2)?.unwrap_or_default();
        // Views have no constraints: every column is optional.
        let tpe = ColumnType { family: super::describe::type_family(&declared), arity: ColumnArity::Nullable, native: None };
        extras.view_columns.entry((None, view)).or_default().push(Column { name, tpe, default: None, auto_increment: false });
    }
    Ok(extras)
}

