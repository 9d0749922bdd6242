//! PostgreSQL: live database → [`SqlSchema`].
//!
//! Nine catalog queries whatever the number of tables (scope, tables, enums, sequences,
//! columns, indexes, foreign keys, views, extensions), all on `pg_catalog` rather than
//! `information_schema`, which is much slower on large databases.

use std::collections::{HashMap, HashSet};

use postgres::types::ToSql;
use postgres::{Client, Row};
use sql_schema::{
    Column, ColumnArity, ColumnDefault, ColumnType, ColumnTypeFamily, DefaultKind, Enum, Extension,
    ForeignKey, ForeignKeyAction, Index, IndexColumn, IndexKind, Literal, NativeType, PrimaryKey,
    Sequence, SortOrder, SqlSchema, Table, View,
};

use crate::describe::{
    canonical_decimal, parse_int_literal, DescribeError, DescribeStats, MIGRATIONS_TABLE,
};

/// Which PostgreSQL schemas (namespaces) to read.
///
/// With no explicit schemas, only the default schema is read and everything in it has
/// namespace `None`. With explicit schemas (the datasource's `schemas = [...]`), exactly those
/// are read and every object carries its namespace, the default schema included.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PgScope {
    /// The connection's default schema (`?schema=`); None asks the server (`current_schema()`,
    /// falling back to `public`).
    pub default_schema: Option<String>,
    /// The datasource's `schemas`, in order; empty when the schema file names none.
    pub explicit: Vec<String>,
}

impl PgScope {
    /// Read only `schema`, reported as the default namespace (None).
    pub fn default_schema(schema: &str) -> PgScope {
        PgScope { default_schema: Some(schema.to_owned()), explicit: Vec::new() }
    }

    /// Read exactly `schemas`, every object qualified with its namespace.
    pub fn explicit(schemas: &[String]) -> PgScope {
        PgScope { default_schema: None, explicit: schemas.to_vec() }
    }
}

pub fn describe_postgres(client: &mut Client, scope: &PgScope) -> Result<SqlSchema, DescribeError> {
    describe_postgres_with_stats(client, scope).map(|(schema, _)| schema)
}

pub fn describe_postgres_with_stats(
    client: &mut Client,
    scope: &PgScope,
) -> Result<(SqlSchema, DescribeStats), DescribeError> {
    let mut catalog = Catalog { client, queries: 0 };
    let schema = Describer::run(&mut catalog, scope)?;
    Ok((schema, DescribeStats { queries: catalog.queries }))
}

/// The client, counting statements.
struct Catalog<'a> {
    client: &'a mut Client,
    queries: usize,
}

impl Catalog<'_> {
    fn query(&mut self, sql: &str, params: &[&(dyn ToSql + Sync)]) -> Result<Vec<Row>, DescribeError> {
        self.queries += 1;
        Ok(self.client.query(sql, params)?)
    }
}

/// Excludes objects that belong to an extension (PostGIS' `spatial_ref_sys`, …).
macro_rules! not_extension_owned {
    ($catalog:literal, $oid:literal) => {
        concat!(
            " NOT EXISTS (SELECT 1 FROM pg_depend dep WHERE dep.classid = '",
            $catalog,
            "'::regclass AND dep.objid = ",
            $oid,
            " AND dep.deptype = 'e')"
        )
    };
}

const SCOPE_SQL: &str = "SELECT current_schema()::text, \
     ARRAY(SELECT nspname::text FROM pg_namespace WHERE nspname::text = ANY($1::text[]))";

const TABLES_SQL: &str = concat!(
    "SELECT c.oid::int8, n.nspname::text, c.relname::text \
     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
     WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition \
     AND n.nspname::text = ANY($1::text[]) AND",
    not_extension_owned!("pg_class", "c.oid"),
    " ORDER BY n.nspname, c.relname"
);

const ENUMS_SQL: &str = concat!(
    "SELECT n.nspname::text, t.typname::text, \
     array_agg(e.enumlabel::text ORDER BY e.enumsortorder) \
     FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace \
     JOIN pg_enum e ON e.enumtypid = t.oid \
     WHERE n.nspname::text = ANY($1::text[]) AND",
    not_extension_owned!("pg_type", "t.oid"),
    " GROUP BY n.nspname, t.typname ORDER BY n.nspname, t.typname"
);

/// Sequences, with the column owning each (SERIAL: deptype 'a'; identity: 'i').
const SEQUENCES_SQL: &str = concat!(
    "SELECT n.nspname::text, c.relname::text, d.refobjid::int8, a.attname::text \
     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
     LEFT JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = c.oid \
       AND d.refclassid = 'pg_class'::regclass AND d.refobjsubid > 0 AND d.deptype IN ('a', 'i') \
     LEFT JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid \
     WHERE c.relkind = 'S' AND n.nspname::text = ANY($1::text[]) AND",
    not_extension_owned!("pg_class", "c.oid"),
    " ORDER BY n.nspname, c.relname"
);

/// Columns of every table; a domain column is described by its base type, as
/// `information_schema` does.
const COLUMNS_SQL: &str = "SELECT a.attrelid::int8 AS table_oid, a.attname::text AS name, \
     a.attnotnull AS not_null, a.attidentity::text AS identity, \
     (t.typelem <> 0 AND t.typlen = -1) AS is_array, \
     COALESCE(CASE WHEN t.typelem <> 0 AND t.typlen = -1 THEN e.typname END, t.typname)::text AS type_name, \
     COALESCE(CASE WHEN t.typelem <> 0 AND t.typlen = -1 THEN e.typtype END, t.typtype)::text AS type_kind, \
     COALESCE(CASE WHEN t.typelem <> 0 AND t.typlen = -1 THEN en.nspname END, tn.nspname)::text AS type_ns, \
     CASE WHEN dt.typtype = 'd' THEN dt.typtypmod ELSE a.atttypmod END AS typmod, \
     format_type(t.oid, CASE WHEN dt.typtype = 'd' THEN dt.typtypmod ELSE a.atttypmod END) AS formatted, \
     t.typname::text AS udt_name, \
     EXISTS (SELECT 1 FROM pg_depend dep WHERE dep.classid = 'pg_type'::regclass AND dep.deptype = 'e' \
       AND dep.objid = COALESCE(CASE WHEN t.typelem <> 0 AND t.typlen = -1 THEN e.oid END, t.oid)) AS extension_type, \
     pg_get_expr(ad.adbin, ad.adrelid) AS default_expr \
     FROM pg_attribute a \
     JOIN pg_class c ON c.oid = a.attrelid \
     JOIN pg_namespace n ON n.oid = c.relnamespace \
     JOIN pg_type dt ON dt.oid = a.atttypid \
     JOIN pg_type t ON t.oid = CASE WHEN dt.typtype = 'd' THEN dt.typbasetype ELSE dt.oid END \
     JOIN pg_namespace tn ON tn.oid = t.typnamespace \
     LEFT JOIN pg_type e ON e.oid = t.typelem \
     LEFT JOIN pg_namespace en ON en.oid = e.typnamespace \
     LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum \
     WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition \
     AND n.nspname::text = ANY($1::text[]) AND a.attnum > 0 AND NOT a.attisdropped \
     ORDER BY a.attrelid, a.attnum";

/// One row per column of every index; expression keys have no column name. `INCLUDE` columns
/// count as index columns, as in Prisma's describer (they have no sort option or class).
const INDEXES_SQL: &str = "SELECT i.indrelid::int8 AS table_oid, ic.relname::text AS index_name, \
     i.indisunique AS is_unique, i.indisprimary AS is_primary, am.amname::text AS method, \
     pg_get_expr(i.indpred, i.indrelid) AS predicate, a.attname::text AS column_name, \
     COALESCE((i.indoption[k.ord - 1] & 1) = 1, false) AS descending, opc.opcname::text AS opclass, \
     opc.opcdefault AS opclass_is_default \
     FROM pg_index i \
     JOIN pg_class ic ON ic.oid = i.indexrelid \
     JOIN pg_class tc ON tc.oid = i.indrelid \
     JOIN pg_namespace n ON n.oid = tc.relnamespace \
     JOIN pg_am am ON am.oid = ic.relam \
     CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord) \
     LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum AND k.attnum <> 0 \
     LEFT JOIN pg_opclass opc ON opc.oid = i.indclass[k.ord - 1] \
     WHERE n.nspname::text = ANY($1::text[]) AND NOT i.indisexclusion \
     AND tc.relkind IN ('r', 'p') AND NOT tc.relispartition \
     ORDER BY i.indrelid, ic.relname, k.ord";

/// Foreign keys with their columns in constraint order. Constraints cloned onto partitions
/// (`conparentid <> 0`) are left out: the parent's constraint is the one described.
const FOREIGN_KEYS_SQL: &str = "SELECT con.conrelid::int8, con.conname::text, \
     con.confdeltype::text, con.confupdtype::text, rn.nspname::text, rc.relname::text, \
     ARRAY(SELECT att.attname::text FROM unnest(con.conkey) WITH ORDINALITY AS k(attnum, ord) \
           JOIN pg_attribute att ON att.attrelid = con.conrelid AND att.attnum = k.attnum ORDER BY k.ord), \
     ARRAY(SELECT att.attname::text FROM unnest(con.confkey) WITH ORDINALITY AS k(attnum, ord) \
           JOIN pg_attribute att ON att.attrelid = con.confrelid AND att.attnum = k.attnum ORDER BY k.ord) \
     FROM pg_constraint con \
     JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace \
     JOIN pg_class rc ON rc.oid = con.confrelid JOIN pg_namespace rn ON rn.oid = rc.relnamespace \
     WHERE con.contype = 'f' AND con.conparentid = 0 AND n.nspname::text = ANY($1::text[]) \
     ORDER BY con.conrelid, con.conname";

const VIEWS_SQL: &str = concat!(
    "SELECT n.nspname::text, c.relname::text, pg_get_viewdef(c.oid) \
     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
     WHERE c.relkind = 'v' AND n.nspname::text = ANY($1::text[]) AND",
    not_extension_owned!("pg_class", "c.oid"),
    " ORDER BY n.nspname, c.relname"
);

const EXTENSIONS_SQL: &str = "SELECT e.extname::text, n.nspname::text, e.extversion::text \
     FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace ORDER BY e.extname";

/// Tables Prisma's differ ignores by name: PostGIS catalogs created outside an extension.
fn is_ignored_table(name: &str) -> bool {
    name == MIGRATIONS_TABLE
        || name.eq_ignore_ascii_case("spatial_ref_sys")
        || name.eq_ignore_ascii_case("geometry_columns")
}

struct Describer {
    /// The namespaces read.
    read: Vec<String>,
    /// Whether objects carry their namespace (explicit schemas) or None (default schema only).
    qualify: bool,
    schema: SqlSchema,
    /// Table oid → index in `schema.tables`.
    tables: HashMap<i64, usize>,
    /// (namespace, name) of every described enum.
    enums: HashSet<(String, String)>,
    /// (namespace, name) of every sequence in the described namespaces, owned by a column or not.
    sequence_names: HashSet<(String, String)>,
}

impl Describer {
    fn run(catalog: &mut Catalog<'_>, scope: &PgScope) -> Result<SqlSchema, DescribeError> {
        let mut describer = Describer::scope(catalog, scope)?;
        describer.tables(catalog)?;
        describer.enums(catalog)?;
        describer.sequences(catalog)?;
        describer.columns(catalog)?;
        describer.indexes(catalog)?;
        describer.foreign_keys(catalog)?;
        describer.views(catalog)?;
        describer.extensions(catalog)?;
        Ok(describer.schema)
    }

    fn scope(catalog: &mut Catalog<'_>, scope: &PgScope) -> Result<Describer, DescribeError> {
        let rows = catalog.query(SCOPE_SQL, &[&scope.explicit])?;
        let row = rows.first().ok_or_else(|| DescribeError::Catalog("no scope row".into()))?;
        let current: Option<String> = row.try_get(0)?;
        let existing: Vec<String> = row.try_get(1)?;
        let qualify = !scope.explicit.is_empty();
        // Reading the default schema names it: Prisma's enum-recreation script qualifies the
        // old table and type with it (`"public"."Task"`).
        let default_namespace = (!qualify)
            .then(|| scope.default_schema.clone().or(current).unwrap_or_else(|| "public".into()));
        let read = match &default_namespace {
            Some(default) => vec![default.clone()],
            None => scope.explicit.clone(),
        };
        // Only schemas that exist are part of the described schema (diff creates the others).
        let namespaces = scope.explicit.iter().filter(|ns| existing.contains(ns)).cloned().collect();
        Ok(Describer {
            read,
            qualify,
            schema: SqlSchema { namespaces, default_namespace, ..SqlSchema::default() },
            tables: HashMap::new(),
            enums: HashSet::new(),
            sequence_names: HashSet::new(),
        })
    }

    fn namespace(&self, ns: &str) -> Option<String> {
        self.qualify.then(|| ns.to_owned())
    }

    fn tables(&mut self, catalog: &mut Catalog<'_>) -> Result<(), DescribeError> {
        for row in catalog.query(TABLES_SQL, &[&self.read])? {
            let oid: i64 = row.try_get(0)?;
            let ns: String = row.try_get(1)?;
            let name: String = row.try_get(2)?;
            if is_ignored_table(&name) {
                continue;
            }
            self.tables.insert(oid, self.schema.tables.len());
            self.schema.tables.push(Table { namespace: self.namespace(&ns), name, ..Table::default() });
        }
        Ok(())
    }

    fn enums(&mut self, catalog: &mut Catalog<'_>) -> Result<(), DescribeError> {
        for row in catalog.query(ENUMS_SQL, &[&self.read])? {
            let ns: String = row.try_get(0)?;
            let name: String = row.try_get(1)?;
            let values: Vec<String> = row.try_get(2)?;
            self.schema.enums.push(Enum { namespace: self.namespace(&ns), name: name.clone(), values });
            self.enums.insert((ns, name));
        }
        Ok(())
    }

    fn sequences(&mut self, catalog: &mut Catalog<'_>) -> Result<(), DescribeError> {
        for row in catalog.query(SEQUENCES_SQL, &[&self.read])? {
            let ns: String = row.try_get(0)?;
            let name: String = row.try_get(1)?;
            let owner_table: Option<i64> = row.try_get(2)?;
            let owner_column: Option<String> = row.try_get(3)?;
            // Owned by a column (SERIAL, identity): folded into `auto_increment`.
            if owner_table.is_none() || owner_column.is_none() {
                self.schema.sequences.push(Sequence { namespace: self.namespace(&ns), name: name.clone() });
            }
            self.sequence_names.insert((ns, name));
        }
        Ok(())
    }

    fn columns(&mut self, catalog: &mut Catalog<'_>) -> Result<(), DescribeError> {
        for row in catalog.query(COLUMNS_SQL, &[&self.read])? {
            let oid: i64 = row.try_get("table_oid")?;
            let Some(&table_idx) = self.tables.get(&oid) else { continue };
            let column = self.column(&row)?;
            self.schema.tables[table_idx].columns.push(column);
        }
        Ok(())
    }

    fn column(&self, row: &Row) -> Result<Column, DescribeError> {
        let name: String = row.try_get("name")?;
        let not_null: bool = row.try_get("not_null")?;
        let identity: String = row.try_get("identity")?;
        let is_array: bool = row.try_get("is_array")?;
        let type_name: String = row.try_get("type_name")?;
        let type_kind: String = row.try_get("type_kind")?;
        let type_ns: String = row.try_get("type_ns")?;
        let typmod: i32 = row.try_get("typmod")?;
        let formatted: String = row.try_get("formatted")?;
        let default_expr: Option<String> = row.try_get("default_expr")?;

        let arity = match (is_array, not_null) {
            (true, _) => ColumnArity::List,
            (false, true) => ColumnArity::Required,
            (false, false) => ColumnArity::Nullable,
        };
        // Enums first: a user type may share a builtin's name in another schema.
        let is_enum = type_kind == "e" && self.enums.contains(&(type_ns, type_name.clone()));
        let (family, native) = match builtin_type(&type_name, typmod, is_array) {
            _ if is_enum => (ColumnTypeFamily::Enum(type_name), None),
            Some((family, native)) if type_kind != "e" => (family, Some(native)),
            _ => (ColumnTypeFamily::Unsupported(unsupported_spelling(row, &formatted)?), None),
        };
        let tpe = ColumnType { family, arity, native };

        let mut auto_increment = !identity.is_empty();
        let mut default = None;
        // A generated column's expression lives in pg_attrdef too; Prisma reads it as the
        // column's default, so `@default(dbgenerated("…"))` on such a column matches.
        if let Some(expr) = default_expr {
            match parse_default(&expr, &tpe, &self.sequence_names) {
                // Keeping the sequence's name lets render drop it when the autoincrement goes
                // away (`DROP SEQUENCE "B_id_seq"`), as Prisma does; diff sees it as no default.
                ParsedDefault::Sequence(sequence) => {
                    auto_increment = true;
                    default = Some(ColumnDefault { kind: DefaultKind::Sequence(sequence), constraint_name: None });
                }
                ParsedDefault::Null => (),
                ParsedDefault::Kind(kind) => default = Some(ColumnDefault { kind, constraint_name: None }),
            }
        }
        Ok(Column { name, tpe, default, auto_increment })
    }

    fn indexes(&mut self, catalog: &mut Catalog<'_>) -> Result<(), DescribeError> {
        let rows = catalog.query(INDEXES_SQL, &[&self.read])?;
        let mut rows = rows.iter().peekable();
        while let Some(first) = rows.next() {
            let oid: i64 = first.try_get("table_oid")?;
            let index_name: String = first.try_get("index_name")?;
            let mut group = vec![first];
            while let Some(next) = rows.peek() {
                let same = next.try_get::<_, i64>("table_oid")? == oid && next.try_get::<_, String>("index_name")? == index_name;
                if !same {
                    break;
                }
                group.extend(rows.next());
            }
            if let Some(&table_idx) = self.tables.get(&oid) {
                push_index(&mut self.schema.tables[table_idx], index_name, &group)?;
            }
        }
        Ok(())
    }

    fn foreign_keys(&mut self, catalog: &mut Catalog<'_>) -> Result<(), DescribeError> {
        for row in catalog.query(FOREIGN_KEYS_SQL, &[&self.read])? {
            let oid: i64 = row.try_get(0)?;
            let Some(&table_idx) = self.tables.get(&oid) else { continue };
            let name: String = row.try_get(1)?;
            let referenced_ns: String = row.try_get(4)?;
            let referenced_table: String = row.try_get(5)?;
            if !self.read.contains(&referenced_ns) {
                let table = &self.schema.tables[table_idx];
                return Err(DescribeError::CrossSchemaReference {
                    from: format!("{}.{}", self.read.first().map_or("", String::as_str), table.name),
                    to: format!("{referenced_ns}.{referenced_table}"),
                    constraint: name,
                    missing_namespace: referenced_ns,
                });
            }
            let on_delete = fk_action(&row.try_get::<_, String>(2)?)?;
            let on_update = fk_action(&row.try_get::<_, String>(3)?)?;
            let fk = ForeignKey {
                name: Some(name),
                columns: row.try_get(6)?,
                referenced_namespace: self.namespace(&referenced_ns),
                referenced_table,
                referenced_columns: row.try_get(7)?,
                on_delete,
                on_update,
            };
            self.schema.tables[table_idx].foreign_keys.push(fk);
        }
        Ok(())
    }

    fn views(&mut self, catalog: &mut Catalog<'_>) -> Result<(), DescribeError> {
        for row in catalog.query(VIEWS_SQL, &[&self.read])? {
            let ns: String = row.try_get(0)?;
            let view = View { namespace: self.namespace(&ns), name: row.try_get(1)?, definition: row.try_get(2)? };
            self.schema.views.push(view);
        }
        Ok(())
    }

    fn extensions(&mut self, catalog: &mut Catalog<'_>) -> Result<(), DescribeError> {
        for row in catalog.query(EXTENSIONS_SQL, &[])? {
            let extension = Extension { name: row.try_get(0)?, schema: row.try_get(1)?, version: row.try_get(2)? };
            self.schema.extensions.push(extension);
        }
        Ok(())
    }
}

/// An unsupported type as Prisma's describer names it: `information_schema`'s `udt_name` (no
/// modifiers, no schema, `_x` for an array of `x`), except that a type an extension owns keeps
/// its `format_type` spelling without `[]` (checked with Prisma 6.19.3: `interval(3)` →
/// `interval`, `int4range[]` → `_int4range`, `other.pair` → `pair`, `hstore[]` → `hstore`).
fn unsupported_spelling(row: &Row, formatted: &str) -> Result<String, DescribeError> {
    let extension_type: bool = row.try_get("extension_type")?;
    if extension_type {
        return Ok(formatted.strip_suffix("[]").unwrap_or(formatted).to_owned());
    }
    Ok(row.try_get("udt_name")?)
}

/// Adds one index (all rows of one index, in key order) to its table: the primary key, or a
/// unique/normal index. Indexes on expressions are skipped, as Prisma does.
fn push_index(table: &mut Table, name: String, rows: &[&Row]) -> Result<(), DescribeError> {
    let Some(first) = rows.first() else { return Ok(()) };
    let is_unique: bool = first.try_get("is_unique")?;
    let is_primary: bool = first.try_get("is_primary")?;
    let method: String = first.try_get("method")?;
    let predicate: Option<String> = first.try_get("predicate")?;
    let algorithm = index_algorithm(&method);
    // Prisma keeps operator classes only where the schema language can name them (GiST, GIN,
    // SP-GiST, BRIN): a BTree or Hash `text_pattern_ops` index is the plain index to it.
    let has_classes = !matches!(algorithm.as_deref(), None | Some("Hash"));
    let mut columns = Vec::with_capacity(rows.len());
    for row in rows {
        let Some(column) = row.try_get::<_, Option<String>>("column_name")? else { return Ok(()) };
        let descending: bool = row.try_get("descending")?;
        let opclass: Option<String> = row.try_get("opclass")?;
        let opclass_is_default: Option<bool> = row.try_get("opclass_is_default")?;
        columns.push(IndexColumn {
            name: column,
            sort_order: descending.then_some(SortOrder::Desc),
            length: None,
            // The column type's default class is what an index without `ops:` gets: None.
            operator_class: opclass.filter(|_| has_classes && opclass_is_default == Some(false)),
        });
    }
    if is_primary {
        table.primary_key = Some(PrimaryKey { name: Some(name), columns });
        return Ok(());
    }
    let kind = if is_unique { IndexKind::Unique } else { IndexKind::Normal };
    table.indexes.push(Index { name, kind, columns, algorithm, predicate });
    Ok(())
}

/// The `USING` method in Prisma's spelling; None for BTree and for methods Prisma does not
/// know (which it treats as BTree).
fn index_algorithm(method: &str) -> Option<String> {
    let name = match method {
        "hash" => "Hash",
        "gist" => "Gist",
        "gin" => "Gin",
        "spgist" => "SpGist",
        "brin" => "Brin",
        _ => return None,
    };
    Some(name.to_owned())
}

fn fk_action(code: &str) -> Result<ForeignKeyAction, DescribeError> {
    Ok(match code {
        "a" => ForeignKeyAction::NoAction,
        "r" => ForeignKeyAction::Restrict,
        "c" => ForeignKeyAction::Cascade,
        "n" => ForeignKeyAction::SetNull,
        "d" => ForeignKeyAction::SetDefault,
        other => return Err(DescribeError::Catalog(format!("unknown foreign key action `{other}`"))),
    })
}

/// The family and native type (Prisma's names and argument spelling) of a builtin type, by
/// `pg_type.typname` of the element type. None for enums and unsupported types.
pub(crate) fn builtin_type(type_name: &str, typmod: i32, is_array: bool) -> Option<(ColumnTypeFamily, NativeType)> {
    use ColumnTypeFamily as F;
    let args = |values: &[Option<i32>]| -> Vec<String> { values.iter().flatten().map(i32::to_string).collect() };
    let char_length = (typmod >= 4).then(|| typmod - 4);
    let bit_length = (typmod >= 0).then_some(typmod);
    // information_schema reports 6 for an unconstrained scalar datetime; for arrays Prisma
    // reads the precision from the formatted type, which has none.
    let time_precision = if typmod >= 0 { Some(typmod) } else { (!is_array).then_some(6) };
    let (family, name, args) = match type_name {
        "int2" => (F::Int, "SmallInt", vec![]),
        "int4" => (F::Int, "Integer", vec![]),
        "int8" => (F::BigInt, "BigInt", vec![]),
        "oid" => (F::Int, "Oid", vec![]),
        "float4" => (F::Float, "Real", vec![]),
        "float8" => (F::Float, "DoublePrecision", vec![]),
        "bool" => (F::Boolean, "Boolean", vec![]),
        "text" => (F::String, "Text", vec![]),
        "citext" => (F::String, "Citext", vec![]),
        "varchar" => (F::String, "VarChar", args(&[char_length])),
        "bpchar" => (F::String, "Char", args(&[char_length])),
        "char" => (F::String, "Char", vec![]),
        "date" => (F::DateTime, "Date", vec![]),
        "bytea" => (F::Binary, "ByteA", vec![]),
        "json" => (F::Json, "Json", vec![]),
        "jsonb" => (F::Json, "JsonB", vec![]),
        // The schema language has no uuid scalar: a `@db.Uuid` field is a String.
        "uuid" => (F::String, "Uuid", vec![]),
        "xml" => (F::String, "Xml", vec![]),
        "bit" => (F::String, "Bit", args(&[bit_length])),
        "varbit" => (F::String, "VarBit", args(&[bit_length])),
        "numeric" => (F::Decimal, "Decimal", numeric_args(typmod)),
        "money" => (F::Decimal, "Money", vec![]),
        "time" => (F::DateTime, "Time", args(&[time_precision])),
        "timetz" => (F::DateTime, "Timetz", args(&[time_precision])),
        "timestamp" => (F::DateTime, "Timestamp", args(&[time_precision])),
        "timestamptz" => (F::DateTime, "Timestamptz", args(&[time_precision])),
        "inet" => (F::String, "Inet", vec![]),
        _ => return None,
    };
    Some((family, NativeType { name: name.to_owned(), args }))
}

/// `numeric(p,s)` from its type modifier; none for an unconstrained numeric.
fn numeric_args(typmod: i32) -> Vec<String> {
    if typmod < 4 {
        return Vec::new();
    }
    let packed = typmod - 4;
    let precision = (packed >> 16) & 0xffff;
    // The scale is an 11-bit signed field since PostgreSQL 15.
    let scale = ((packed & 0x7ff) ^ 1024) - 1024;
    vec![precision.to_string(), scale.to_string()]
}

// --- Defaults ----------------------------------------------------------------------------

#[derive(Debug, PartialEq)]
enum ParsedDefault {
    /// `nextval` of a described sequence (its unqualified name): the column autoincrements.
    Sequence(String),
    /// `NULL` (possibly cast): no default.
    Null,
    Kind(DefaultKind),
}

/// Reads a `pg_get_expr` default back into a default of the column's family. What does not
/// parse as a literal of the family is kept as the database's own text (DbGenerated).
///
/// `nextval` of any described sequence (`sequences`: namespace, name) is autoincrement, whether
/// a column owns the sequence (SERIAL) or it was created by hand: Prisma's describer matches the
/// sequence by name only (checked with Prisma 6.19.3: `db pull` gives `@default(autoincrement())`
/// and `@default(autoincrement())` shows no drift).
fn parse_default(expr: &str, tpe: &ColumnType, sequences: &HashSet<(String, String)>) -> ParsedDefault {
    let tokens = tokenize(expr);
    let mut parser = Parser { tokens: &tokens, pos: 0 };
    if parser.peek_keyword("null") {
        return ParsedDefault::Null;
    }
    if let Some(sequence) = parser.nextval() {
        let known = sequences.iter().any(|(ns, name)| {
            *name == sequence.name && sequence.namespace.as_ref().is_none_or(|given| given == ns)
        });
        if known {
            return ParsedDefault::Sequence(sequence.name);
        }
    }
    parser.pos = 0;
    let literal = if tpe.arity == ColumnArity::List {
        parser.list(&tpe.family)
    } else {
        parser.scalar(&tpe.family)
    };
    match literal.filter(|_| parser.at_end()) {
        Some(ScalarDefault::Now) => ParsedDefault::Kind(DefaultKind::Now),
        Some(ScalarDefault::Literal(literal)) => ParsedDefault::Kind(DefaultKind::Value(literal)),
        None => ParsedDefault::Kind(DefaultKind::DbGenerated(expr.to_owned())),
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Ident(String),
    QuotedIdent(String),
    Str(String),
    Number(String),
    Cast,
    Symbol(char),
}

fn tokenize(input: &str) -> Vec<Token> {
    let chars: Vec<char> = input.chars().collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            c if c.is_whitespace() => i += 1,
            '\'' => {
                let (text, next) = quoted(&chars, i + 1, '\'', false);
                tokens.push(Token::Str(text));
                i = next;
            }
            'E' | 'e' if chars.get(i + 1) == Some(&'\'') => {
                let (text, next) = quoted(&chars, i + 2, '\'', true);
                tokens.push(Token::Str(text));
                i = next;
            }
            '"' => {
                let (text, next) = quoted(&chars, i + 1, '"', false);
                tokens.push(Token::QuotedIdent(text));
                i = next;
            }
            ':' if chars.get(i + 1) == Some(&':') => {
                tokens.push(Token::Cast);
                i += 2;
            }
            c if c.is_ascii_digit() => {
                let start = i;
                while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '.') {
                    i += 1;
                }
                tokens.push(Token::Number(chars[start..i].iter().collect()));
            }
            c if c.is_alphabetic() || c == '_' => {
                let start = i;
                while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_' || chars[i] == '$') {
                    i += 1;
                }
                tokens.push(Token::Ident(chars[start..i].iter().collect()));
            }
            other => {
                tokens.push(Token::Symbol(other));
                i += 1;
            }
        }
    }
    tokens
}

/// The contents of a quoted token starting after its opening quote; doubled quotes stand
/// for one. With `c_style`, backslash escapes are decoded (`E'…'`).
fn quoted(chars: &[char], mut i: usize, quote: char, c_style: bool) -> (String, usize) {
    let mut out = String::new();
    while i < chars.len() {
        let c = chars[i];
        if c == quote {
            if chars.get(i + 1) == Some(&quote) {
                out.push(quote);
                i += 2;
                continue;
            }
            return (out, i + 1);
        }
        if c_style && c == '\\' {
            if let Some(&next) = chars.get(i + 1) {
                out.push(match next {
                    'n' => '\n',
                    'r' => '\r',
                    't' => '\t',
                    'b' => '\u{8}',
                    'f' => '\u{c}',
                    other => other,
                });
                i += 2;
                continue;
            }
        }
        out.push(c);
        i += 1;
    }
    (out, i)
}

enum ScalarDefault {
    Now,
    Literal(Literal),
}

struct SequenceRef {
    namespace: Option<String>,
    name: String,
}

struct Parser<'a> {
    tokens: &'a [Token],
    pos: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.pos)
    }

    fn next(&mut self) -> Option<&Token> {
        let token = self.tokens.get(self.pos);
        self.pos += 1;
        token
    }

    fn at_end(&self) -> bool {
        self.pos >= self.tokens.len()
    }

    fn eat_symbol(&mut self, symbol: char) -> bool {
        let found = self.peek() == Some(&Token::Symbol(symbol));
        if found {
            self.pos += 1;
        }
        found
    }

    fn peek_keyword(&self, keyword: &str) -> bool {
        matches!(self.peek(), Some(Token::Ident(word)) if word.eq_ignore_ascii_case(keyword))
    }

    /// Skips any number of `::type` casts (`::character varying(10)[]`, `::"Schema"."Enum"`).
    fn casts(&mut self) -> Option<()> {
        while self.peek() == Some(&Token::Cast) {
            self.pos += 1;
            let mut saw_name = false;
            while let Some(Token::Ident(_) | Token::QuotedIdent(_) | Token::Symbol('.')) = self.peek() {
                saw_name = true;
                self.pos += 1;
            }
            if !saw_name {
                return None;
            }
            if self.eat_symbol('(') {
                while !self.eat_symbol(')') {
                    self.next()?;
                }
            }
            while self.eat_symbol('[') {
                if !self.eat_symbol(']') {
                    return None;
                }
            }
        }
        Some(())
    }

    /// `nextval('seq'::regclass)` and its variants, with the sequence named in the argument.
    fn nextval(&mut self) -> Option<SequenceRef> {
        if !self.peek_keyword("nextval") {
            return None;
        }
        self.pos += 1;
        if !self.eat_symbol('(') {
            return None;
        }
        let nested = self.eat_symbol('(');
        let Some(Token::Str(argument)) = self.next().cloned() else { return None };
        self.casts()?;
        if nested && !self.eat_symbol(')') {
            return None;
        }
        self.casts()?;
        if !self.eat_symbol(')') || !self.at_end() {
            return None;
        }
        let parts: Vec<String> = tokenize(&argument)
            .into_iter()
            .filter_map(|token| match token {
                Token::Ident(name) => Some(name.to_lowercase()),
                Token::QuotedIdent(name) => Some(name),
                _ => None,
            })
            .collect();
        match parts.as_slice() {
            [name] => Some(SequenceRef { namespace: None, name: name.clone() }),
            [ns, name] => Some(SequenceRef { namespace: Some(ns.clone()), name: name.clone() }),
            _ => None,
        }
    }

    /// One literal of `family`, possibly parenthesised and cast.
    fn scalar(&mut self, family: &ColumnTypeFamily) -> Option<ScalarDefault> {
        if self.eat_symbol('(') {
            let inner = self.scalar(family)?;
            if !self.eat_symbol(')') {
                return None;
            }
            if matches!(inner, ScalarDefault::Now) && self.peek() == Some(&Token::Cast) {
                return None;
            }
            self.casts()?;
            return Some(inner);
        }
        let value = match (self.next()?.clone(), family) {
            (Token::Ident(word), ColumnTypeFamily::DateTime) => return self.now(&word),
            (Token::Str(text), _) => literal_from_text(&text, family)?,
            (Token::Ident(word), ColumnTypeFamily::Boolean) => Literal::Boolean(parse_bool(&word)?),
            (Token::Ident(word), ColumnTypeFamily::Enum(_)) => Literal::Enum(word),
            (Token::Number(digits), _) => literal_from_text(&digits, family)?,
            (Token::Symbol('-'), _) => match self.next()? {
                Token::Number(digits) => literal_from_text(&format!("-{digits}"), family)?,
                _ => return None,
            },
            _ => return None,
        };
        self.casts()?;
        Some(ScalarDefault::Literal(value))
    }

    /// `now()` or `CURRENT_TIMESTAMP`, after the identifier. `CURRENT_TIMESTAMP(3)` is not
    /// `now()` to Prisma: it stays `dbgenerated(…)` (checked with Prisma 6.19.3 db pull).
    fn now(&mut self, word: &str) -> Option<ScalarDefault> {
        if word.eq_ignore_ascii_case("now") {
            if !(self.eat_symbol('(') && self.eat_symbol(')')) {
                return None;
            }
        } else if !word.eq_ignore_ascii_case("current_timestamp") || self.peek() == Some(&Token::Symbol('(')) {
            return None;
        }
        // A cast makes it another expression to Prisma: `(now())::date` is dbgenerated.
        if self.peek() == Some(&Token::Cast) {
            return None;
        }
        Some(ScalarDefault::Now)
    }

    /// `ARRAY[…]` (possibly parenthesised and cast) or an array literal `'{…}'`.
    fn list(&mut self, family: &ColumnTypeFamily) -> Option<ScalarDefault> {
        if self.eat_symbol('(') {
            let inner = self.list(family)?;
            if !self.eat_symbol(')') {
                return None;
            }
            self.casts()?;
            return Some(inner);
        }
        if let Some(Token::Str(text)) = self.peek().cloned() {
            self.pos += 1;
            self.casts()?;
            let values = parse_array_literal(&text)?
                .iter()
                .map(|element| literal_from_text(element, family))
                .collect::<Option<Vec<_>>>()?;
            return Some(ScalarDefault::Literal(Literal::List(values)));
        }
        if !self.peek_keyword("array") {
            return None;
        }
        self.pos += 1;
        if !self.eat_symbol('[') {
            return None;
        }
        let mut values = Vec::new();
        if !self.eat_symbol(']') {
            loop {
                match self.scalar(family)? {
                    ScalarDefault::Literal(value) => values.push(value),
                    ScalarDefault::Now => return None,
                }
                if self.eat_symbol(']') {
                    break;
                }
                if !self.eat_symbol(',') {
                    return None;
                }
            }
        }
        self.casts()?;
        Some(ScalarDefault::Literal(Literal::List(values)))
    }
}

fn parse_bool(word: &str) -> Option<bool> {
    match word.to_ascii_lowercase().as_str() {
        "true" | "t" => Some(true),
        "false" | "f" => Some(false),
        _ => None,
    }
}

/// A decimal literal as Prisma's describer reads it (a BigDecimal): the scale, trailing
/// fractional zeros included, is kept, so `DEFAULT 1.50` pulls as `@default(1.50)` (checked
/// with Prisma 6.19.3); leading zeros, a `+` and the sign of zero are not. Diff compares
/// numbers by value. None when `raw` is not a plain decimal number.
fn scaled_decimal(raw: &str) -> Option<String> {
    canonical_decimal(raw)?;
    let raw = raw.trim();
    let (negative, digits) = match raw.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, raw.strip_prefix('+').unwrap_or(raw)),
    };
    let (int_part, frac_part) = digits.split_once('.').unwrap_or((digits, ""));
    let int_part = int_part.trim_start_matches('0');
    let int_part = if int_part.is_empty() { "0" } else { int_part };
    let zero = int_part == "0" && frac_part.bytes().all(|b| b == b'0');
    let mut out = String::with_capacity(digits.len() + 2);
    if negative && !zero {
        out.push('-');
    }
    out.push_str(int_part);
    if !frac_part.is_empty() {
        out.push('.');
        out.push_str(frac_part);
    }
    Some(out)
}

/// A literal of `family` from its text (the contents of a string literal, or digits).
fn literal_from_text(text: &str, family: &ColumnTypeFamily) -> Option<Literal> {
    use ColumnTypeFamily as F;
    Some(match family {
        F::String => Literal::String(text.to_owned()),
        F::Json => Literal::Json(text.to_owned()),
        F::Enum(_) => Literal::Enum(text.to_owned()),
        F::Int | F::BigInt => Literal::Int(parse_int_literal(text)?),
        F::Float | F::Decimal => Literal::Float(scaled_decimal(text)?),
        F::Boolean => Literal::Boolean(parse_bool(text.trim())?),
        F::Binary => Literal::Bytes(decode_hex_bytea(text)?),
        // Prisma reads only `now()` / `CURRENT_TIMESTAMP` on a datetime column: a datetime
        // literal (and a list of them) is the database's expression, dbgenerated. Diff matches
        // it with any datetime value of the schema, as Prisma's differ does.
        F::DateTime | F::Uuid | F::Unsupported(_) => return None,
    })
}

/// `\x0a1b` (bytea hex output) → bytes.
fn decode_hex_bytea(text: &str) -> Option<Vec<u8>> {
    let hex = text.strip_prefix("\\x")?;
    if hex.len() % 2 != 0 {
        return None;
    }
    (0..hex.len())
        .step_by(2)
        .map(|i| hex.get(i..i + 2).and_then(|pair| u8::from_str_radix(pair, 16).ok()))
        .collect()
}

/// The elements of a one-dimensional array literal `{a,"b c",NULL}`; None for NULL elements
/// and nested arrays, which no schema default produces.
fn parse_array_literal(text: &str) -> Option<Vec<String>> {
    let inner = text.trim().strip_prefix('{')?.strip_suffix('}')?;
    let mut elements = Vec::new();
    if inner.trim().is_empty() {
        return Some(elements);
    }
    let mut chars = inner.chars().peekable();
    loop {
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        let element = if chars.next_if_eq(&'"').is_some() {
            let mut out = String::new();
            loop {
                match chars.next()? {
                    '\\' => out.push(chars.next()?),
                    '"' => break,
                    c => out.push(c),
                }
            }
            out
        } else {
            let mut out = String::new();
            while let Some(c) = chars.next_if(|c| *c != ',') {
                if c == '{' || c == '"' {
                    return None;
                }
                out.push(c);
            }
            let out = out.trim().to_owned();
            if out.eq_ignore_ascii_case("null") {
                return None;
            }
            out
        };
        elements.push(element);
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        match chars.next() {
            None => return Some(elements),
            Some(',') => continue,
            Some(_) => return None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn column(family: ColumnTypeFamily, arity: ColumnArity) -> ColumnType {
        ColumnType { family, arity, native: None }
    }

    fn parse(expr: &str, family: ColumnTypeFamily) -> ParsedDefault {
        parse_default(expr, &column(family, ColumnArity::Required), &HashSet::new())
    }

    fn value(literal: Literal) -> ParsedDefault {
        ParsedDefault::Kind(DefaultKind::Value(literal))
    }

    #[test]
    fn scalar_defaults() {
        use ColumnTypeFamily as F;
        assert_eq!(parse("'it''s'::text", F::String), value(Literal::String("it's".into())));
        assert_eq!(parse("'a'::character varying", F::String), value(Literal::String("a".into())));
        assert_eq!(parse("E'a\\nb'::text", F::String), value(Literal::String("a\nb".into())));
        assert_eq!(parse("42", F::Int), value(Literal::Int(42)));
        assert_eq!(parse("'-42'::integer", F::Int), value(Literal::Int(-42)));
        assert_eq!(parse("(-42)", F::BigInt), value(Literal::Int(-42)));
        assert_eq!(parse("1.50", F::Decimal), value(Literal::Float("1.50".into())));
        assert_eq!(parse("'3.0'::numeric", F::Decimal), value(Literal::Float("3.0".into())));
        assert_eq!(parse("true", F::Boolean), value(Literal::Boolean(true)));
        assert_eq!(parse("'HUNGRY'::\"Mood\"", F::Enum("Mood".into())), value(Literal::Enum("HUNGRY".into())));
        assert_eq!(parse("'{}'::jsonb", F::Json), value(Literal::Json("{}".into())));
        assert_eq!(parse("'\\x0aff'::bytea", F::Binary), value(Literal::Bytes(vec![10, 255])));
        assert_eq!(parse("now()", F::DateTime), ParsedDefault::Kind(DefaultKind::Now));
        assert_eq!(parse("CURRENT_TIMESTAMP", F::DateTime), ParsedDefault::Kind(DefaultKind::Now));
        assert_eq!(parse("CURRENT_TIMESTAMP(3)", F::DateTime), ParsedDefault::Kind(DefaultKind::DbGenerated("CURRENT_TIMESTAMP(3)".into())));
        let cast = "(now())::timestamp without time zone";
        assert_eq!(parse(cast, F::DateTime), ParsedDefault::Kind(DefaultKind::DbGenerated(cast.into())));
        assert_eq!(parse("(now())::date", F::DateTime), ParsedDefault::Kind(DefaultKind::DbGenerated("(now())::date".into())));
        assert_eq!(parse("NULL::text", F::String), ParsedDefault::Null);
        let generated = "gen_random_uuid()";
        assert_eq!(parse(generated, F::String), ParsedDefault::Kind(DefaultKind::DbGenerated(generated.into())));
        let datetime = "'2020-01-01 00:00:00'::timestamp without time zone";
        assert_eq!(parse(datetime, F::DateTime), ParsedDefault::Kind(DefaultKind::DbGenerated(datetime.into())));
        let shifted = "(now() + '1 day'::interval)";
        assert_eq!(parse(shifted, F::DateTime), ParsedDefault::Kind(DefaultKind::DbGenerated(shifted.into())));
        let expr = "(1 + 2)";
        assert_eq!(parse(expr, F::Int), ParsedDefault::Kind(DefaultKind::DbGenerated(expr.into())));
    }

    #[test]
    fn list_defaults() {
        let list = |expr: &str, family: ColumnTypeFamily| {
            parse_default(expr, &column(family, ColumnArity::List), &HashSet::new())
        };
        let strings = |items: &[&str]| value(Literal::List(items.iter().map(|s| Literal::String((*s).into())).collect()));
        assert_eq!(list("ARRAY['a'::text, 'b'::text]", ColumnTypeFamily::String), strings(&["a", "b"]));
        assert_eq!(list("ARRAY[]::text[]", ColumnTypeFamily::String), strings(&[]));
        assert_eq!(list("'{a,\"b c\"}'::text[]", ColumnTypeFamily::String), strings(&["a", "b c"]));
        assert_eq!(
            list("(ARRAY[]::character varying[])::character varying(10)[]", ColumnTypeFamily::String),
            strings(&[])
        );
        assert_eq!(
            list("ARRAY[1, '-4'::integer]", ColumnTypeFamily::Int),
            value(Literal::List(vec![Literal::Int(1), Literal::Int(-4)]))
        );
        assert_eq!(
            list("ARRAY['SLEEPY'::\"Mood\"]", ColumnTypeFamily::Enum("Mood".into())),
            value(Literal::List(vec![Literal::Enum("SLEEPY".into())]))
        );
    }

    #[test]
    fn sequences() {
        let int = column(ColumnTypeFamily::Int, ColumnArity::Required);
        let known = |ns: &str, name: &str| HashSet::from([(ns.to_owned(), name.to_owned())]);
        let cat = known("public", "Cat_id_seq");
        let serial = "nextval('\"Cat_id_seq\"'::regclass)";
        assert_eq!(parse_default(serial, &int, &cat), ParsedDefault::Sequence("Cat_id_seq".into()));
        let qualified = "nextval('public.\"Cat_id_seq\"'::regclass)";
        assert_eq!(parse_default(qualified, &int, &cat), ParsedDefault::Sequence("Cat_id_seq".into()));
        let other_schema = "nextval('other.\"Cat_id_seq\"'::regclass)";
        assert_eq!(
            parse_default(other_schema, &int, &cat),
            ParsedDefault::Kind(DefaultKind::DbGenerated(other_schema.into()))
        );
        assert_eq!(parse_default("nextval('T_C_SEQ')", &int, &known("public", "t_c_seq")), ParsedDefault::Sequence("t_c_seq".into()));
        // A sequence that is not described (e.g. dropped, or in no read schema) stays text.
        assert_eq!(
            parse_default(serial, &int, &HashSet::new()),
            ParsedDefault::Kind(DefaultKind::DbGenerated(serial.into()))
        );
    }

    #[test]
    fn native_types() {
        let varchar = builtin_type("varchar", 195, false).map(|(_, native)| native);
        assert_eq!(varchar, Some(NativeType::new("VarChar", &["191"])));
        assert_eq!(builtin_type("varchar", -1, false).map(|(_, n)| n), Some(NativeType::new("VarChar", &[])));
        let numeric = builtin_type("numeric", (65 << 16 | 30) + 4, false).map(|(_, n)| n);
        assert_eq!(numeric, Some(NativeType::new("Decimal", &["65", "30"])));
        assert_eq!(builtin_type("timestamp", 3, false).map(|(_, n)| n), Some(NativeType::new("Timestamp", &["3"])));
        assert_eq!(builtin_type("timestamp", -1, false).map(|(_, n)| n), Some(NativeType::new("Timestamp", &["6"])));
        assert_eq!(builtin_type("timestamp", -1, true).map(|(_, n)| n), Some(NativeType::new("Timestamp", &[])));
        assert!(builtin_type("tsvector", -1, false).is_none());
    }
}
