//! SQLite: live database → [`SqlSchema`].
//!
//! Four statements whatever the number of tables: `sqlite_master`, then the table-valued
//! pragma functions (`pragma_table_info`, `pragma_index_list` + `pragma_index_xinfo`,
//! `pragma_foreign_key_list`) joined against it, for all tables at once.

use std::collections::HashMap;

use rusqlite::{Connection, Row};
use sql_schema::{
    Column, ColumnArity, ColumnDefault, ColumnType, ColumnTypeFamily, DefaultKind, ForeignKey,
    ForeignKeyAction, Index, IndexColumn, IndexKind, Literal, PrimaryKey, SortOrder, SqlSchema, Table,
    View,
};

use crate::describe::{prisma_float, DescribeError, DescribeStats, MIGRATIONS_TABLE};

const MASTER_SQL: &str =
    "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE type IN ('table', 'view', 'index') ORDER BY name";

const COLUMNS_SQL: &str = "SELECT m.name, p.name, p.type, p.\"notnull\", p.dflt_value, p.pk \
     FROM sqlite_master AS m JOIN pragma_table_info(m.name) AS p \
     WHERE m.type = 'table' ORDER BY m.name, p.cid";

/// Key columns of every index (`key = 1` leaves out the rowid tail of `index_xinfo`), in
/// `index_list` order (newest first), as Prisma lists them: its DropIndex steps follow it.
const INDEXES_SQL: &str = "SELECT m.name, il.name, il.\"unique\", il.origin, il.partial, ii.name, ii.\"desc\" \
     FROM sqlite_master AS m JOIN pragma_index_list(m.name) AS il \
     JOIN pragma_index_xinfo(il.name) AS ii \
     WHERE m.type = 'table' AND ii.key = 1 ORDER BY m.name, il.seq, ii.seqno";

const FOREIGN_KEYS_SQL: &str = "SELECT m.name, fk.id, fk.\"table\", fk.\"from\", fk.\"to\", fk.on_update, fk.on_delete \
     FROM sqlite_master AS m JOIN pragma_foreign_key_list(m.name) AS fk \
     WHERE m.type = 'table' ORDER BY m.name, fk.id, fk.seq";

pub fn describe_sqlite(conn: &Connection) -> Result<SqlSchema, DescribeError> {
    describe_sqlite_with_stats(conn).map(|(schema, _)| schema)
}

pub fn describe_sqlite_with_stats(conn: &Connection) -> Result<(SqlSchema, DescribeStats), DescribeError> {
    let mut describer = Describer::default();
    describer.master(conn)?;
    describer.columns(conn)?;
    describer.indexes(conn)?;
    describer.foreign_keys(conn)?;
    let stats = DescribeStats { queries: describer.queries };
    Ok((describer.schema, stats))
}

/// SQLite's own tables, Cloudflare D1's, and the migrations table, as Prisma ignores them.
fn is_ignored_table(name: &str) -> bool {
    let d1_internal = name
        .strip_prefix("_cf_")
        .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_uppercase()));
    name == MIGRATIONS_TABLE || name.starts_with("sqlite_") || name == "d1_migrations" || d1_internal
}

#[derive(Default)]
struct Describer {
    schema: SqlSchema,
    /// Table name → index in `schema.tables`.
    tables: HashMap<String, usize>,
    /// Index name → its CREATE INDEX text, for partial-index predicates.
    index_sql: HashMap<String, String>,
    /// Statements run.
    queries: usize,
}

impl Describer {
    fn master(&mut self, conn: &Connection) -> Result<(), DescribeError> {
        self.queries += 1;
        let mut statement = conn.prepare(MASTER_SQL)?;
        let mut rows = statement.query([])?;
        while let Some(row) = rows.next()? {
            let kind: String = row.get(0)?;
            let name: String = row.get(1)?;
            let sql: Option<String> = row.get(3)?;
            match kind.as_str() {
                "table" if !is_ignored_table(&name) => {
                    self.tables.insert(name.clone(), self.schema.tables.len());
                    self.schema.tables.push(Table { name, ..Table::default() });
                }
                "view" => self.schema.views.push(View { namespace: None, name, definition: sql }),
                "index" => {
                    if let Some(sql) = sql {
                        self.index_sql.insert(name, sql);
                    }
                }
                _ => (),
            }
        }
        Ok(())
    }

    fn table_mut(&mut self, name: &str) -> Option<&mut Table> {
        let idx = *self.tables.get(name)?;
        self.schema.tables.get_mut(idx)
    }

    fn columns(&mut self, conn: &Connection) -> Result<(), DescribeError> {
        self.queries += 1;
        let mut statement = conn.prepare(COLUMNS_SQL)?;
        let mut rows = statement.query([])?;
        // (table, pk position, column position) of primary key columns.
        let mut pk_columns: Vec<(String, i64, usize)> = Vec::new();
        // Table → its primary key columns declared `INTEGER`.
        let mut integer_pk: HashMap<String, Vec<String>> = HashMap::new();
        while let Some(row) = rows.next()? {
            let table_name: String = row.get(0)?;
            let pk: i64 = row.get(5)?;
            let column = column(row)?;
            let Some(table) = self.table_mut(&table_name) else { continue };
            if pk > 0 {
                if row.get::<_, String>(2)?.eq_ignore_ascii_case("integer") {
                    integer_pk.entry(table_name.clone()).or_default().push(column.name.clone());
                }
                pk_columns.push((table_name, pk, table.columns.len()));
            }
            table.columns.push(column);
        }
        pk_columns.sort();
        for (table_name, _, column_idx) in pk_columns {
            let Some(table) = self.table_mut(&table_name) else { continue };
            let name = table.columns[column_idx].name.clone();
            let pk = table.primary_key.get_or_insert_with(|| PrimaryKey { name: None, columns: Vec::new() });
            pk.columns.push(IndexColumn::new(&name));
        }
        for (table_name, columns) in integer_pk {
            if let Some(table) = self.table_mut(&table_name) {
                mark_rowid_alias(table, &columns);
            }
        }
        Ok(())
    }

    fn indexes(&mut self, conn: &Connection) -> Result<(), DescribeError> {
        self.queries += 1;
        let mut statement = conn.prepare(INDEXES_SQL)?;
        let mut rows = statement.query([])?;
        // Indexes on expressions or the rowid have a key column without a name: skipped.
        let mut skipped: Vec<(String, String)> = Vec::new();
        while let Some(row) = rows.next()? {
            let table_name: String = row.get(0)?;
            let index_name: String = row.get(1)?;
            let origin: String = row.get(3)?;
            if origin == "pk" {
                continue;
            }
            let column: Option<String> = row.get(5)?;
            let descending: bool = row.get(6)?;
            let predicate = if row.get::<_, bool>(4)? {
                self.index_sql.get(&index_name).and_then(|sql| where_clause(sql))
            } else {
                None
            };
            let is_unique: bool = row.get(2)?;
            let Some(table) = self.table_mut(&table_name) else { continue };
            let Some(column) = column else {
                skipped.push((table_name, index_name));
                continue;
            };
            let index = match table.indexes.iter_mut().position(|index| index.name == index_name) {
                Some(position) => &mut table.indexes[position],
                None => {
                    let kind = if is_unique { IndexKind::Unique } else { IndexKind::Normal };
                    let index = Index { name: index_name, kind, columns: Vec::new(), algorithm: None, predicate };
                    table.indexes.push(index);
                    let last = table.indexes.len() - 1;
                    &mut table.indexes[last]
                }
            };
            let mut index_column = IndexColumn::new(&column);
            index_column.sort_order = descending.then_some(SortOrder::Desc);
            index.columns.push(index_column);
        }
        for (table_name, index_name) in skipped {
            if let Some(table) = self.table_mut(&table_name) {
                table.indexes.retain(|index| index.name != index_name);
            }
        }
        Ok(())
    }

    fn foreign_keys(&mut self, conn: &Connection) -> Result<(), DescribeError> {
        self.queries += 1;
        let mut statement = conn.prepare(FOREIGN_KEYS_SQL)?;
        let mut rows = statement.query([])?;
        // (table, id) → foreign key under construction, plus whether a referenced column was missing.
        let mut pending: Vec<((String, i64), ForeignKey, bool)> = Vec::new();
        while let Some(row) = rows.next()? {
            let table_name: String = row.get(0)?;
            let id: i64 = row.get(1)?;
            let referenced: String = row.get(2)?;
            let from: String = row.get(3)?;
            let to: Option<String> = row.get(4)?;
            let key = (table_name, id);
            if pending.last().map(|(k, _, _)| k) != Some(&key) {
                let fk = ForeignKey {
                    name: None,
                    columns: Vec::new(),
                    referenced_namespace: None,
                    referenced_table: referenced,
                    referenced_columns: Vec::new(),
                    on_delete: fk_action(&row.get::<_, String>(6)?)?,
                    on_update: fk_action(&row.get::<_, String>(5)?)?,
                };
                pending.push((key, fk, false));
            }
            if let Some((_, fk, implicit)) = pending.last_mut() {
                fk.columns.push(from);
                match to {
                    Some(to) => fk.referenced_columns.push(to),
                    None => *implicit = true,
                }
            }
        }
        for ((table_name, _), fk, implicit) in pending {
            if let Some(fk) = self.resolve_foreign_key(fk, implicit) {
                if let Some(table) = self.table_mut(&table_name) {
                    table.foreign_keys.push(fk);
                }
            }
        }
        Ok(())
    }

    /// Resolves the referenced table's real name (SQLite names are case-insensitive) and, for
    /// `REFERENCES t` without columns, its primary key. None when the table is not described.
    fn resolve_foreign_key(&self, mut fk: ForeignKey, implicit: bool) -> Option<ForeignKey> {
        let referenced = self
            .schema
            .tables
            .iter()
            .find(|table| table.name == fk.referenced_table)
            .or_else(|| self.schema.tables.iter().find(|t| t.name.eq_ignore_ascii_case(&fk.referenced_table)))?;
        fk.referenced_table = referenced.name.clone();
        if implicit {
            let pk = referenced.primary_key.as_ref()?;
            if pk.columns.len() != fk.columns.len() {
                return None;
            }
            fk.referenced_columns = pk.columns.iter().map(|c| c.name.clone()).collect();
        }
        Some(fk)
    }
}

fn column(row: &Row<'_>) -> Result<Column, DescribeError> {
    let name: String = row.get(1)?;
    let declared: String = row.get(2)?;
    let not_null: bool = row.get(3)?;
    let default: Option<String> = row.get(4)?;
    let arity = if not_null { ColumnArity::Required } else { ColumnArity::Nullable };
    let tpe = ColumnType { family: type_family(&declared), arity, native: None };
    let default = default
        .and_then(|raw| parse_default(&raw, &tpe.family))
        .map(|kind| ColumnDefault { kind, constraint_name: None });
    Ok(Column { name, tpe, default, auto_increment: false })
}

/// A single-column primary key declared `INTEGER` is an alias of the rowid: it always
/// autoincrements and is never NULL (Prisma's rule, with or without the AUTOINCREMENT keyword).
fn mark_rowid_alias(table: &mut Table, declared_integer: &[String]) {
    let Some(pk) = &table.primary_key else { return };
    let [pk_column] = pk.columns.as_slice() else { return };
    if !declared_integer.contains(&pk_column.name) {
        return;
    }
    let pk_name = pk_column.name.clone();
    let Some(column) = table.columns.iter_mut().find(|c| c.name == pk_name) else { return };
    column.auto_increment = true;
    column.tpe.arity = ColumnArity::Required;
    column.default = None;
}

/// The family of a declared column type, by Prisma's SQLite rules.
pub(crate) fn type_family(declared: &str) -> ColumnTypeFamily {
    use ColumnTypeFamily as F;
    let lower = declared.to_ascii_lowercase();
    match lower.as_str() {
        "int" | "integer" | "serial" => F::Int,
        "bigint" => F::BigInt,
        "real" | "float" | "double" => F::Float,
        "boolean" => F::Boolean,
        "text" => F::String,
        "date" | "datetime" | "timestamp" => F::DateTime,
        "binary" | "blob" => F::Binary,
        "jsonb" => F::Json,
        s if s.contains("char") => F::String,
        s if s.contains("numeric") || s.contains("decimal") => F::Decimal,
        _ => F::Unsupported(lower),
    }
}

fn fk_action(action: &str) -> Result<ForeignKeyAction, DescribeError> {
    Ok(match action.to_ascii_uppercase().as_str() {
        "NO ACTION" => ForeignKeyAction::NoAction,
        "RESTRICT" => ForeignKeyAction::Restrict,
        "CASCADE" => ForeignKeyAction::Cascade,
        "SET NULL" => ForeignKeyAction::SetNull,
        "SET DEFAULT" => ForeignKeyAction::SetDefault,
        other => return Err(DescribeError::Catalog(format!("unknown foreign key action `{other}`"))),
    })
}

/// A `dflt_value` (the default's SQL text) read back by family; what is not a literal of the
/// family stays database text.
fn parse_default(raw: &str, family: &ColumnTypeFamily) -> Option<DefaultKind> {
    use ColumnTypeFamily as F;
    let trimmed = raw.trim();
    if trimmed.eq_ignore_ascii_case("null") {
        return None;
    }
    let generated = || DefaultKind::DbGenerated(raw.to_owned());
    let bare = unparenthesise(trimmed);
    let text = unquote(bare).unwrap_or_else(|| bare.to_owned());
    Some(match family {
        F::Int | F::BigInt => prisma_int(trimmed).map_or_else(generated, |i| DefaultKind::Value(Literal::Int(i))),
        F::Float | F::Decimal => prisma_float(trimmed).map_or_else(generated, |f| DefaultKind::Value(Literal::Float(f))),
        F::Boolean => match (prisma_int(trimmed), trimmed.to_ascii_lowercase().as_str()) {
            (Some(1), _) | (None, "true") => DefaultKind::Value(Literal::Boolean(true)),
            (Some(0), _) | (None, "false") => DefaultKind::Value(Literal::Boolean(false)),
            _ => generated(),
        },
        F::String => match unquote(trimmed) {
            Some(value) => DefaultKind::Value(Literal::String(value)),
            None => DefaultKind::Value(Literal::String(trimmed.to_owned())),
        },
        // Prisma keeps the SQL text, quotes and all (`@default("'{}'")`); JSON defaults that do
        // not parse compare as equal, so this shows no drift against `@default("{}")`.
        F::Json => DefaultKind::Value(Literal::Json(raw.to_owned())),
        F::DateTime => {
            let lower = bare.to_ascii_lowercase();
            let is_now = matches!(
                lower.as_str(),
                "current_timestamp" | "datetime('now')" | "datetime('now', 'localtime')"
            );
            match unquote(bare) {
                _ if is_now => DefaultKind::Now,
                Some(text) => DefaultKind::Value(Literal::DateTime(text)),
                None => generated(),
            }
        }
        F::Enum(_) => DefaultKind::Value(Literal::Enum(text)),
        F::Binary | F::Uuid | F::Unsupported(_) => generated(),
    })
}

/// An integer default as Prisma's describer reads one (`^'?(-?\d+)'?$`): `7`, `'7'`, `-7`;
/// not `+7`, `' 7'` or `(7)`, which stay database expressions.
fn prisma_int(raw: &str) -> Option<i64> {
    let text = raw.strip_prefix('\'').unwrap_or(raw);
    let text = text.strip_suffix('\'').unwrap_or(text);
    let digits = text.strip_prefix('-').unwrap_or(text);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

/// `(x)` → `x`, repeatedly, when the parentheses enclose the whole text.
fn unparenthesise(mut text: &str) -> &str {
    while let Some(inner) = text.strip_prefix('(').and_then(|t| t.strip_suffix(')')) {
        if !balanced(inner) {
            break;
        }
        text = inner.trim();
    }
    text
}

fn balanced(text: &str) -> bool {
    let mut depth = 0i32;
    for c in text.chars() {
        depth += match c {
            '(' => 1,
            ')' => -1,
            _ => 0,
        };
        if depth < 0 {
            return false;
        }
    }
    depth == 0
}

/// The contents of `'…'` (with `''` escapes) or `"…"`, when `text` is exactly one such literal.
fn unquote(text: &str) -> Option<String> {
    let quote = text.chars().next().filter(|c| *c == '\'' || *c == '"')?;
    let inner = text.strip_prefix(quote)?.strip_suffix(quote)?;
    let doubled = format!("{quote}{quote}");
    let single = quote.to_string();
    // A lone quote inside means `text` was not a single literal.
    if inner.replace(&doubled, "").contains(quote) {
        return None;
    }
    Some(inner.replace(&doubled, &single))
}

/// The predicate of a partial index: the text after the last top-level `WHERE` of its
/// CREATE INDEX statement, outside quotes and parentheses.
fn where_clause(sql: &str) -> Option<String> {
    let bytes = sql.as_bytes();
    let mut depth = 0i32;
    let mut quote: Option<u8> = None;
    let mut found = None;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => (),
            None => match b {
                b'\'' | b'"' | b'`' => quote = Some(b),
                b'[' => quote = Some(b']'),
                b'(' => depth += 1,
                b')' => depth -= 1,
                _ if depth == 0 && is_keyword_at(bytes, i, b"WHERE") => found = Some(i + 5),
                _ => (),
            },
        }
        i += 1;
    }
    let predicate = sql.get(found?..)?.trim();
    (!predicate.is_empty()).then(|| predicate.to_owned())
}

fn is_keyword_at(bytes: &[u8], at: usize, keyword: &[u8]) -> bool {
    let is_word = |b: &u8| b.is_ascii_alphanumeric() || *b == b'_';
    let end = at + keyword.len();
    end <= bytes.len()
        && bytes[at..end].eq_ignore_ascii_case(keyword)
        && (at == 0 || !is_word(&bytes[at - 1]))
        && !bytes.get(end).is_some_and(is_word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults() {
        use ColumnTypeFamily as F;
        let value = |l: Literal| Some(DefaultKind::Value(l));
        assert_eq!(parse_default("'it''s'", &F::String), value(Literal::String("it's".into())));
        assert_eq!(parse_default("42", &F::Int), value(Literal::Int(42)));
        assert_eq!(parse_default("'-42'", &F::Int), value(Literal::Int(-42)));
        assert_eq!(parse_default("1.50", &F::Decimal), value(Literal::Float("1.50".into())));
        assert_eq!(parse_default("true", &F::Boolean), value(Literal::Boolean(true)));
        assert_eq!(parse_default("0", &F::Boolean), value(Literal::Boolean(false)));
        assert_eq!(parse_default("CURRENT_TIMESTAMP", &F::DateTime), Some(DefaultKind::Now));
        assert_eq!(parse_default("NULL", &F::String), None);
        assert_eq!(parse_default("'{}'", &F::Json), value(Literal::Json("'{}'".into())));
        assert_eq!(parse_default("'2020-01-01 00:00:00'", &F::DateTime), value(Literal::DateTime("2020-01-01 00:00:00".into())));
        let expr = "(abs(random()))";
        assert_eq!(parse_default(expr, &F::Int), Some(DefaultKind::DbGenerated(expr.into())));
    }

    /// What Prisma 6.19.3's `db pull` makes of these `dflt_value`s (checked with the CLI).
    #[test]
    fn defaults_read_as_prisma_reads_them() {
        use ColumnTypeFamily as F;
        let value = |l: Literal| Some(DefaultKind::Value(l));
        let generated = |raw: &str| Some(DefaultKind::DbGenerated(raw.into()));
        assert_eq!(parse_default("TRUE", &F::Boolean), value(Literal::Boolean(true)));
        assert_eq!(parse_default("'1'", &F::Boolean), value(Literal::Boolean(true)));
        assert_eq!(parse_default("'0'", &F::Boolean), value(Literal::Boolean(false)));
        assert_eq!(parse_default("'false'", &F::Boolean), generated("'false'"));
        assert_eq!(parse_default("'TRUE'", &F::Boolean), generated("'TRUE'"));
        assert_eq!(parse_default("\"true\"", &F::Boolean), generated("\"true\""));
        assert_eq!(parse_default("'7'", &F::Int), value(Literal::Int(7)));
        assert_eq!(parse_default("+7", &F::Int), generated("+7"));
        assert_eq!(parse_default("' 7'", &F::Int), generated("' 7'"));
        assert_eq!(parse_default("(-42)", &F::Int), generated("(-42)"));
        assert_eq!(parse_default("'-9'", &F::BigInt), value(Literal::Int(-9)));
        assert_eq!(parse_default("'1.50'", &F::Float), value(Literal::Float("1.50".into())));
        assert_eq!(parse_default("1e3", &F::Float), value(Literal::Float("1000".into())));
        assert_eq!(parse_default(".5", &F::Decimal), value(Literal::Float("0.5".into())));
        assert_eq!(parse_default("-1.5", &F::Float), value(Literal::Float("-1.5".into())));
        assert_eq!(parse_default("1E-2", &F::Float), value(Literal::Float("0.01".into())));
        assert_eq!(parse_default("abs(1)", &F::Float), generated("abs(1)"));
    }

    #[test]
    fn where_clauses() {
        let sql = r#"CREATE UNIQUE INDEX "idx" ON "User" ("email") WHERE "deletedAt" IS NULL"#;
        assert_eq!(where_clause(sql).as_deref(), Some("\"deletedAt\" IS NULL"));
        let sql = r#"CREATE INDEX "idx" ON "t" ("col") WHERE name = 'it''s WHERE ok'"#;
        assert_eq!(where_clause(sql).as_deref(), Some("name = 'it''s WHERE ok'"));
        assert_eq!(where_clause(r#"CREATE INDEX "idx" ON "t" ("col WHERE ")"#), None);
        assert_eq!(where_clause(r#"CREATE INDEX "nowhere" ON "t" ("c")"#), None);
    }

    #[test]
    fn families() {
        assert_eq!(type_family("VARCHAR(255)"), ColumnTypeFamily::String);
        assert_eq!(type_family("DECIMAL(10,2)"), ColumnTypeFamily::Decimal);
        assert_eq!(type_family("INTEGER"), ColumnTypeFamily::Int);
        assert_eq!(type_family("JSONB"), ColumnTypeFamily::Json);
        assert_eq!(type_family("POINT"), ColumnTypeFamily::Unsupported("point".into()));
    }
}
