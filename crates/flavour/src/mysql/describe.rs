//! MySQL / MariaDB: live database → [`SqlSchema`].
//!
//! Six `information_schema` queries whatever the number of tables (seven on MariaDB, which
//! stores JSON columns as LONGTEXT with a `json_valid` check that tells them apart).

use std::collections::{HashMap, HashSet};

use mysql::prelude::Queryable;
use mysql::{Conn, Row, Value};
use sql_schema::{
    Column, ColumnArity, ColumnDefault, ColumnType, ColumnTypeFamily, DefaultKind, Enum, ForeignKey,
    ForeignKeyAction, Index, IndexColumn, IndexKind, Literal, NativeType, PrimaryKey, SortOrder, SqlSchema,
    Table, View,
};

use crate::describe::{parse_int_literal, prisma_float, DescribeError, DescribeStats, MIGRATIONS_TABLE};

const VERSION_SQL: &str = "SELECT VERSION()";

const TABLES_SQL: &str = "SELECT table_name FROM information_schema.tables \
     WHERE table_schema = ? AND table_type = 'BASE TABLE' ORDER BY BINARY table_name";

const COLUMNS_SQL: &str = "SELECT table_name, column_name, data_type, column_type, \
     character_maximum_length, numeric_precision, numeric_scale, datetime_precision, \
     column_default, is_nullable, extra \
     FROM information_schema.columns WHERE table_schema = ? \
     ORDER BY BINARY table_name, ordinal_position";

const INDEXES_SQL: &str = "SELECT table_name, index_name, column_name, sub_part, collation, \
     non_unique, index_type \
     FROM information_schema.statistics WHERE table_schema = ? \
     ORDER BY BINARY table_name, BINARY index_name, seq_in_index";

const FOREIGN_KEYS_SQL: &str = "SELECT kcu.table_name, kcu.constraint_name, kcu.column_name, \
     kcu.referenced_table_schema, kcu.referenced_table_name, kcu.referenced_column_name, \
     rc.delete_rule, rc.update_rule \
     FROM information_schema.key_column_usage AS kcu \
     JOIN information_schema.referential_constraints AS rc \
       ON rc.constraint_schema = kcu.constraint_schema AND rc.constraint_name = kcu.constraint_name \
       AND rc.table_name = kcu.table_name \
     WHERE kcu.table_schema = ? AND kcu.referenced_column_name IS NOT NULL \
     ORDER BY BINARY kcu.table_name, BINARY kcu.constraint_name, kcu.ordinal_position";

const VIEWS_SQL: &str = "SELECT table_name, view_definition FROM information_schema.views \
     WHERE table_schema = ? ORDER BY BINARY table_name";

/// MariaDB only: its check constraints carry the table name.
const JSON_CHECKS_SQL: &str = "SELECT table_name, check_clause FROM information_schema.check_constraints \
     WHERE constraint_schema = ?";

pub fn describe_mysql(conn: &mut Conn, database: &str) -> Result<SqlSchema, DescribeError> {
    describe_mysql_with_stats(conn, database).map(|(schema, _)| schema)
}

pub fn describe_mysql_with_stats(conn: &mut Conn, database: &str) -> Result<(SqlSchema, DescribeStats), DescribeError> {
    let mut catalog = Catalog { conn, database, queries: 0 };
    let version = catalog.query(VERSION_SQL, false)?;
    let mariadb = version.first().and_then(|row| text(row, 0)).is_some_and(|v| v.contains("MariaDB"));
    let mut describer = Describer { mariadb, ..Describer::default() };
    describer.tables(&mut catalog)?;
    if mariadb {
        describer.json_checks(&mut catalog)?;
    }
    describer.columns(&mut catalog)?;
    describer.indexes(&mut catalog)?;
    describer.foreign_keys(&mut catalog)?;
    describer.views(&mut catalog)?;
    let stats = DescribeStats { queries: catalog.queries };
    Ok((describer.schema, stats))
}

struct Catalog<'a> {
    conn: &'a mut Conn,
    database: &'a str,
    queries: usize,
}

impl Catalog<'_> {
    /// Runs `sql`, binding the database name to its `?` when `with_database`.
    fn query(&mut self, sql: &str, with_database: bool) -> Result<Vec<Row>, DescribeError> {
        self.queries += 1;
        let rows = if with_database {
            self.conn.exec(sql, (self.database,))?
        } else {
            self.conn.query(sql)?
        };
        Ok(rows)
    }
}

/// A column as text, whatever the protocol returned.
pub(crate) fn text(row: &Row, idx: usize) -> Option<String> {
    match row.as_ref(idx)? {
        Value::NULL => None,
        Value::Bytes(bytes) => Some(String::from_utf8_lossy(bytes).into_owned()),
        Value::Int(i) => Some(i.to_string()),
        Value::UInt(u) => Some(u.to_string()),
        Value::Float(f) => Some(f.to_string()),
        Value::Double(d) => Some(d.to_string()),
        other => Some(other.as_sql(true)),
    }
}

fn number(row: &Row, idx: usize) -> Option<i64> {
    text(row, idx).and_then(|t| t.trim().parse().ok())
}

pub(crate) fn required_text(row: &Row, idx: usize) -> Result<String, DescribeError> {
    text(row, idx).ok_or_else(|| DescribeError::Catalog(format!("unexpected NULL in column {idx}")))
}

#[derive(Default)]
struct Describer {
    mariadb: bool,
    schema: SqlSchema,
    /// Table name → index in `schema.tables`.
    tables: HashMap<String, usize>,
    /// (table, column) of MariaDB JSON columns.
    json_columns: HashSet<(String, String)>,
}

impl Describer {
    fn table_mut(&mut self, name: &str) -> Option<&mut Table> {
        let idx = *self.tables.get(name)?;
        self.schema.tables.get_mut(idx)
    }

    fn tables(&mut self, catalog: &mut Catalog<'_>) -> Result<(), DescribeError> {
        for row in catalog.query(TABLES_SQL, true)? {
            let name = required_text(&row, 0)?;
            if name == MIGRATIONS_TABLE {
                continue;
            }
            self.tables.insert(name.clone(), self.schema.tables.len());
            self.schema.tables.push(Table { name, ..Table::default() });
        }
        Ok(())
    }

    fn json_checks(&mut self, catalog: &mut Catalog<'_>) -> Result<(), DescribeError> {
        for row in catalog.query(JSON_CHECKS_SQL, true)? {
            let (Some(table), Some(clause)) = (text(&row, 0), text(&row, 1)) else { continue };
            let column = clause
                .trim()
                .strip_prefix("json_valid(`")
                .and_then(|rest| rest.strip_suffix("`)"))
                .map(|column| column.replace("``", "`"));
            if let Some(column) = column {
                self.json_columns.insert((table, column));
            }
        }
        Ok(())
    }

    fn columns(&mut self, catalog: &mut Catalog<'_>) -> Result<(), DescribeError> {
        for row in catalog.query(COLUMNS_SQL, true)? {
            let table_name = required_text(&row, 0)?;
            if !self.tables.contains_key(&table_name) {
                continue; // a view's column
            }
            let column = self.column(&table_name, &row)?;
            if let Some(table) = self.table_mut(&table_name) {
                table.columns.push(column);
            }
        }
        Ok(())
    }

    fn column(&mut self, table: &str, row: &Row) -> Result<Column, DescribeError> {
        let name = required_text(row, 1)?;
        let data_type = required_text(row, 2)?.to_ascii_lowercase();
        let column_type = required_text(row, 3)?;
        let facts = TypeFacts {
            char_length: number(row, 4),
            numeric_precision: number(row, 5),
            numeric_scale: number(row, 6),
            time_precision: number(row, 7),
        };
        let raw_default = text(row, 8);
        let nullable = required_text(row, 9)?.eq_ignore_ascii_case("yes");
        let extra = text(row, 10).unwrap_or_default().to_ascii_lowercase();

        let is_json = self.mariadb && data_type == "longtext" && self.json_columns.contains(&(table.to_owned(), name.clone()));
        let (family, native) = if is_json {
            (ColumnTypeFamily::Json, Some(NativeType::new("Json", &[])))
        } else if data_type == "enum" {
            let enum_name = format!("{table}_{name}");
            self.schema.enums.push(Enum { namespace: None, name: enum_name.clone(), values: enum_values(&column_type) });
            (ColumnTypeFamily::Enum(enum_name), None)
        } else {
            column_type_of(&data_type, &column_type, &facts, raw_default.as_deref())
        };
        let arity = if nullable { ColumnArity::Nullable } else { ColumnArity::Required };
        let default = raw_default
            .and_then(|raw| parse_default(&raw, &family, &extra, self.mariadb))
            .map(|kind| ColumnDefault { kind, constraint_name: None });
        Ok(Column {
            name,
            tpe: ColumnType { family, arity, native },
            default,
            auto_increment: extra.contains("auto_increment"),
        })
    }

    fn indexes(&mut self, catalog: &mut Catalog<'_>) -> Result<(), DescribeError> {
        // Indexes with an expression key (no column name) are dropped at the end, as Prisma does.
        let mut skipped: Vec<(String, String)> = Vec::new();
        for row in catalog.query(INDEXES_SQL, true)? {
            let table_name = required_text(&row, 0)?;
            let index_name = required_text(&row, 1)?;
            let Some(column) = text(&row, 2) else {
                skipped.push((table_name, index_name));
                continue;
            };
            let mut index_column = IndexColumn::new(&column);
            index_column.length = number(&row, 3).and_then(|l| u32::try_from(l).ok());
            index_column.sort_order = (text(&row, 4).as_deref() == Some("D")).then_some(SortOrder::Desc);
            let unique = number(&row, 5) == Some(0);
            let fulltext = text(&row, 6).as_deref() == Some("FULLTEXT");
            let Some(table) = self.table_mut(&table_name) else { continue };
            if index_name == "PRIMARY" {
                let pk = table.primary_key.get_or_insert_with(|| PrimaryKey { name: None, columns: Vec::new() });
                pk.columns.push(index_column);
                continue;
            }
            let index = match table.indexes.iter().position(|index| index.name == index_name) {
                Some(position) => &mut table.indexes[position],
                None => {
                    let kind = match (unique, fulltext) {
                        (true, _) => IndexKind::Unique,
                        (false, true) => IndexKind::Fulltext,
                        (false, false) => IndexKind::Normal,
                    };
                    table.indexes.push(Index { name: index_name, kind, columns: Vec::new(), algorithm: None, predicate: None });
                    let last = table.indexes.len() - 1;
                    &mut table.indexes[last]
                }
            };
            index.columns.push(index_column);
        }
        for (table_name, index_name) in skipped {
            if let Some(table) = self.table_mut(&table_name) {
                table.indexes.retain(|index| index.name != index_name);
            }
        }
        Ok(())
    }

    fn foreign_keys(&mut self, catalog: &mut Catalog<'_>) -> Result<(), DescribeError> {
        let database = catalog.database.to_owned();
        for row in catalog.query(FOREIGN_KEYS_SQL, true)? {
            let table_name = required_text(&row, 0)?;
            let name = required_text(&row, 1)?;
            let column = required_text(&row, 2)?;
            let referenced_schema = text(&row, 3);
            let referenced_table = required_text(&row, 4)?;
            let referenced_column = required_text(&row, 5)?;
            // Foreign keys into another database or an ignored table are not part of this schema.
            let same_database = referenced_schema.as_deref().is_none_or(|s| s == database);
            if !same_database || !self.tables.contains_key(&referenced_table) {
                continue;
            }
            let on_delete = fk_action(&required_text(&row, 6)?)?;
            let on_update = fk_action(&required_text(&row, 7)?)?;
            let Some(table) = self.table_mut(&table_name) else { continue };
            let fk = match table.foreign_keys.iter().position(|fk| fk.name.as_deref() == Some(name.as_str())) {
                Some(position) => &mut table.foreign_keys[position],
                None => {
                    table.foreign_keys.push(ForeignKey {
                        name: Some(name),
                        columns: Vec::new(),
                        referenced_namespace: None,
                        referenced_table,
                        referenced_columns: Vec::new(),
                        on_delete,
                        on_update,
                    });
                    let last = table.foreign_keys.len() - 1;
                    &mut table.foreign_keys[last]
                }
            };
            fk.columns.push(column);
            fk.referenced_columns.push(referenced_column);
        }
        Ok(())
    }

    fn views(&mut self, catalog: &mut Catalog<'_>) -> Result<(), DescribeError> {
        for row in catalog.query(VIEWS_SQL, true)? {
            let view = View { namespace: None, name: required_text(&row, 0)?, definition: text(&row, 1) };
            self.schema.views.push(view);
        }
        Ok(())
    }
}

struct TypeFacts {
    char_length: Option<i64>,
    numeric_precision: Option<i64>,
    numeric_scale: Option<i64>,
    time_precision: Option<i64>,
}

/// Family and native type (Prisma's names and argument spelling), by Prisma's MySQL rules.
fn column_type_of(
    data_type: &str,
    column_type: &str,
    facts: &TypeFacts,
    raw_default: Option<&str>,
) -> (ColumnTypeFamily, Option<NativeType>) {
    use ColumnTypeFamily as F;
    let unsigned = column_type.to_ascii_lowercase().ends_with("unsigned");
    let sign = |signed: &'static str, unsigned_name: &'static str| if unsigned { unsigned_name } else { signed };
    let arg = |value: Option<i64>| value.map(|v| v.to_string()).into_iter().collect::<Vec<_>>();
    // TINYINT(1) is a Boolean unless its default says otherwise.
    let bool_default_ok = || {
        raw_default
            .and_then(|d| parse_int_literal(d.trim_matches('\'')))
            .is_none_or(|value| value == 0 || value == 1)
    };
    let (family, name, args) = match data_type {
        "int" => (F::Int, sign("Int", "UnsignedInt"), vec![]),
        "smallint" => (F::Int, sign("SmallInt", "UnsignedSmallInt"), vec![]),
        "tinyint" if display_width(column_type) == Some(1) && bool_default_ok() => (F::Boolean, "TinyInt", vec![]),
        "tinyint" => (F::Int, sign("TinyInt", "UnsignedTinyInt"), vec![]),
        "mediumint" => (F::Int, sign("MediumInt", "UnsignedMediumInt"), vec![]),
        "bigint" => (F::BigInt, sign("BigInt", "UnsignedBigInt"), vec![]),
        "decimal" => {
            let args = [facts.numeric_precision, facts.numeric_scale].iter().flatten().map(i64::to_string).collect();
            (F::Decimal, "Decimal", args)
        }
        "float" => (F::Float, "Float", vec![]),
        "double" => (F::Float, "Double", vec![]),
        "char" => (F::String, "Char", arg(facts.char_length)),
        "varchar" => (F::String, "VarChar", arg(facts.char_length)),
        "text" => (F::String, "Text", vec![]),
        "tinytext" => (F::String, "TinyText", vec![]),
        "mediumtext" => (F::String, "MediumText", vec![]),
        "longtext" => (F::String, "LongText", vec![]),
        "json" => (F::Json, "Json", vec![]),
        "set" => return (F::String, None),
        "date" => (F::DateTime, "Date", vec![]),
        "time" => (F::DateTime, "Time", arg(facts.time_precision)),
        "datetime" => (F::DateTime, "DateTime", arg(facts.time_precision)),
        "timestamp" => (F::DateTime, "Timestamp", arg(facts.time_precision)),
        "year" => (F::Int, "Year", vec![]),
        "bit" if facts.numeric_precision == Some(1) => (F::Boolean, "Bit", vec!["1".to_owned()]),
        "bit" => (F::Binary, "Bit", arg(facts.numeric_precision)),
        "binary" => (F::Binary, "Binary", arg(facts.char_length)),
        "varbinary" => (F::Binary, "VarBinary", arg(facts.char_length)),
        "blob" => (F::Binary, "Blob", vec![]),
        "tinyblob" => (F::Binary, "TinyBlob", vec![]),
        "mediumblob" => (F::Binary, "MediumBlob", vec![]),
        "longblob" => (F::Binary, "LongBlob", vec![]),
        _ => return (F::Unsupported(column_type.to_owned()), None),
    };
    (family, Some(NativeType { name: name.to_owned(), args }))
}

/// `tinyint(1)` → 1.
fn display_width(column_type: &str) -> Option<u32> {
    let (_, rest) = column_type.split_once('(')?;
    let (width, _) = rest.split_once(')')?;
    width.trim().parse().ok()
}

/// The values of `enum('a','b''c')`, in order.
fn enum_values(column_type: &str) -> Vec<String> {
    let inner = column_type
        .find('(')
        .and_then(|start| column_type.rfind(')').map(|end| &column_type[start + 1..end]))
        .unwrap_or("");
    let mut values = Vec::new();
    let mut chars = inner.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\'' {
            continue; // separators
        }
        let mut value = String::new();
        while let Some(c) = chars.next() {
            match c {
                '\'' if chars.peek() == Some(&'\'') => {
                    chars.next();
                    value.push('\'');
                }
                '\'' => break,
                '\\' => value.extend(chars.next()),
                other => value.push(other),
            }
        }
        values.push(value);
    }
    values
}

fn fk_action(rule: &str) -> Result<ForeignKeyAction, DescribeError> {
    Ok(match rule.to_ascii_uppercase().as_str() {
        "CASCADE" => ForeignKeyAction::Cascade,
        "SET NULL" => ForeignKeyAction::SetNull,
        "SET DEFAULT" => ForeignKeyAction::SetDefault,
        "RESTRICT" => ForeignKeyAction::Restrict,
        "NO ACTION" => ForeignKeyAction::NoAction,
        other => return Err(DescribeError::Catalog(format!("unknown foreign key action `{other}`"))),
    })
}

/// `column_default` read back by family, by Prisma's rules: MariaDB quotes string literals and
/// returns expressions bare; MySQL 8 returns literals bare and flags expressions
/// `DEFAULT_GENERATED`. Expressions become DbGenerated in parentheses.
fn parse_default(raw: &str, family: &ColumnTypeFamily, extra: &str, mariadb: bool) -> Option<DefaultKind> {
    use ColumnTypeFamily as F;
    if raw == "NULL" {
        return None;
    }
    let default_generated = extra.contains("default_generated");
    let is_expression = default_generated || mariadb;
    let quoted = raw.starts_with('\'');
    let fallback = || {
        if is_expression {
            DefaultKind::DbGenerated(parenthesised(raw))
        } else {
            DefaultKind::DbGenerated(raw.to_owned())
        }
    };
    let unquoted = || if quoted { unescape_string(raw) } else { raw.to_owned() };
    let string_is_expression = default_generated || (mariadb && !quoted);
    Some(match family {
        F::Int | F::BigInt => parse_int_literal(&unquoted()).map_or_else(fallback, |i| DefaultKind::Value(Literal::Int(i))),
        // As Prisma prints it, scale kept: DECIMAL(10,2) DEFAULT 0 reads back `0.00`.
        F::Float | F::Decimal => prisma_float(raw).map_or_else(fallback, |f| DefaultKind::Value(Literal::Float(f))),
        F::Boolean => match parse_int_literal(&unquoted()) {
            Some(1) => DefaultKind::Value(Literal::Boolean(true)),
            Some(0) => DefaultKind::Value(Literal::Boolean(false)),
            _ => fallback(),
        },
        F::String if string_is_expression => DefaultKind::DbGenerated(parenthesised(raw)),
        F::String => DefaultKind::Value(Literal::String(unquoted())),
        F::Enum(_) if string_is_expression => DefaultKind::DbGenerated(parenthesised(raw)),
        F::Enum(_) => DefaultKind::Value(Literal::Enum(unquoted())),
        F::DateTime if is_current_timestamp(raw) => DefaultKind::Now,
        // MySQL 8 prints datetime literals bare unless DEFAULT_GENERATED. MariaDB defaults are
        // all expressions to Prisma, quoted literals too: `('2020-01-01')` (a DateTime value
        // would pull as `@default("2020-01-01")`, which is no valid schema).
        F::DateTime if !is_expression => DefaultKind::Value(Literal::DateTime(unquoted())),
        F::DateTime => DefaultKind::DbGenerated(parenthesised(raw)),
        F::Json | F::Binary | F::Uuid | F::Unsupported(_) => fallback(),
    })
}

fn parenthesised(raw: &str) -> String {
    if raw.starts_with('(') {
        raw.to_owned()
    } else {
        format!("({raw})")
    }
}

/// `CURRENT_TIMESTAMP`, `current_timestamp()`, `current_timestamp(3)`.
fn is_current_timestamp(raw: &str) -> bool {
    let lower = raw.trim().to_ascii_lowercase();
    let Some(rest) = lower.strip_prefix("current_timestamp") else { return false };
    rest.is_empty()
        || rest
            .strip_prefix('(')
            .and_then(|r| r.strip_suffix(')'))
            .is_some_and(|digits| digits.bytes().all(|b| b.is_ascii_digit()))
}

/// A quoted MySQL string literal (`'it''s'`, `'a\nb'`) → its value.
fn unescape_string(raw: &str) -> String {
    let inner = raw.strip_prefix('\'').and_then(|r| r.strip_suffix('\'')).unwrap_or(raw);
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\'' if chars.peek() == Some(&'\'') => {
                chars.next();
                out.push('\'');
            }
            '\\' => match chars.next() {
                Some('n') => out.push('\n'),
                Some('r') => out.push('\r'),
                Some('t') => out.push('\t'),
                Some('0') => out.push('\0'),
                Some('Z') => out.push('\u{1a}'),
                Some('b') => out.push('\u{8}'),
                Some(other) => out.push(other),
                None => out.push('\\'),
            },
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mariadb_defaults() {
        use ColumnTypeFamily as F;
        let value = |l: Literal| Some(DefaultKind::Value(l));
        assert_eq!(parse_default("'it''s'", &F::String, "", true), value(Literal::String("it's".into())));
        assert_eq!(parse_default("'a\\nb'", &F::String, "", true), value(Literal::String("a\nb".into())));
        assert_eq!(parse_default("uuid()", &F::String, "", true), Some(DefaultKind::DbGenerated("(uuid())".into())));
        assert_eq!(parse_default("5", &F::Int, "", true), value(Literal::Int(5)));
        assert_eq!(parse_default("1.500", &F::Decimal, "", true), value(Literal::Float("1.500".into())));
        assert_eq!(parse_default("0.00", &F::Decimal, "", false), value(Literal::Float("0.00".into())));
        assert_eq!(parse_default("1", &F::Boolean, "", true), value(Literal::Boolean(true)));
        assert_eq!(parse_default("current_timestamp(3)", &F::DateTime, "", true), Some(DefaultKind::Now));
        assert_eq!(parse_default("NULL", &F::String, "", true), None);
        let fixed = DefaultKind::DbGenerated("('2020-01-01 00:00:00.000')".into());
        assert_eq!(parse_default("'2020-01-01 00:00:00.000'", &F::DateTime, "", true), Some(fixed));
        let mood = F::Enum("Cat_mood".into());
        assert_eq!(parse_default("'HUNGRY'", &mood, "", true), value(Literal::Enum("HUNGRY".into())));
    }

    #[test]
    fn mysql8_defaults() {
        use ColumnTypeFamily as F;
        let value = |l: Literal| Some(DefaultKind::Value(l));
        assert_eq!(parse_default("abc", &F::String, "", false), value(Literal::String("abc".into())));
        assert_eq!(parse_default("CURRENT_TIMESTAMP(3)", &F::DateTime, "default_generated", false), Some(DefaultKind::Now));
        assert_eq!(
            parse_default("uuid()", &F::String, "default_generated", false),
            Some(DefaultKind::DbGenerated("(uuid())".into()))
        );
        let day = Literal::DateTime("2020-01-01".into());
        assert_eq!(parse_default("2020-01-01", &F::DateTime, "", false), value(day));
    }

    #[test]
    fn enums_and_types() {
        assert_eq!(enum_values("enum('A','it''s','c,d')"), vec!["A", "it's", "c,d"]);
        let facts = TypeFacts { char_length: Some(191), numeric_precision: None, numeric_scale: None, time_precision: None };
        let (family, native) = column_type_of("varchar", "varchar(191)", &facts, None);
        assert_eq!((family, native), (ColumnTypeFamily::String, Some(NativeType::new("VarChar", &["191"]))));
        let (family, _) = column_type_of("tinyint", "tinyint(1)", &facts, Some("1"));
        assert_eq!(family, ColumnTypeFamily::Boolean);
        let (family, _) = column_type_of("tinyint", "tinyint(1)", &facts, Some("5"));
        assert_eq!(family, ColumnTypeFamily::Int);
        let (_, native) = column_type_of("int", "int(10) unsigned", &facts, None);
        assert_eq!(native, Some(NativeType::new("UnsignedInt", &[])));
    }
}
