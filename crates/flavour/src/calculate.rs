//! Datamodel → SqlSchema: what the schema file wants, in the dialect-neutral normal form
//! described at the top of `sql_schema::schema`.
//!
//! The walk is Prisma's (`sql_schema_calculator`): model tables in source order (views are not
//! migrated; `@@ignore`d models and `@ignore`d fields still are), then foreign keys, then the
//! implicit many-to-many join tables. Insertion order matters: the differ and the renderer keep
//! it, and Prisma's scripts order created tables, indexes and foreign keys by it.
//! What differs per database lives in the flavour folders behind [`CalculateFlavour`].
//!
//! Checked against Prisma 6.19.3: the from-empty scripts of the 23 PostgreSQL and SQLite real
//! schemas of the conformance corpus come out byte-identical through diff and render.

use crate::Flavour;
use psl::datamodel::{self as dm, Datamodel};
use sql_schema::{
    Column, ColumnArity, ColumnDefault, ColumnRef, ColumnType, ColumnTypeFamily, DefaultKind, ForeignKey,
    ForeignKeyAction, Index, IndexColumn, IndexKind, Literal, NativeType, PrimaryKey, SortOrder, SqlSchema, Table,
};

/// The SqlSchema a schema file asks for on `flavour`.
pub fn calculate(datamodel: &Datamodel, flavour: Flavour) -> SqlSchema {
    match flavour {
        Flavour::Postgres => calculate_with(datamodel, &crate::postgres::calculate::PostgresCalculator),
        Flavour::Mysql => calculate_with(datamodel, &crate::mysql::calculate::MysqlCalculator),
        Flavour::Sqlite => calculate_with(datamodel, &crate::sqlite::calculate::SqliteCalculator),
    }
}

/// How the implicit many-to-many join table makes `(A, B)` unique.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum JoinTableUniqueness {
    /// `CONSTRAINT "{table}_AB_pkey" PRIMARY KEY ("A","B")` (PostgreSQL since Prisma 6).
    PrimaryKey,
    /// `CREATE UNIQUE INDEX "{table}_AB_unique"`.
    UniqueIndex,
}

/// The per-database rules of calculate. Each flavour folder implements it.
pub(crate) trait CalculateFlavour {
    fn max_identifier_length(&self) -> usize;

    /// The native type of a builtin scalar without `@db.*`; None where the database has none.
    fn default_native_type(&self, scalar: dm::ScalarType) -> Option<NativeType>;

    /// Whether `@db.*` attributes are kept (SQLite has no native types).
    fn keeps_native_types(&self) -> bool {
        true
    }

    /// Pushes the enums the database stores as named types (PostgreSQL). Called before tables.
    fn push_enums(&self, _datamodel: &Datamodel, _schema: &mut SqlSchema) {}

    /// The column family of an enum-typed column; may push a per-column enum (MySQL).
    fn enum_column_family(&self, schema: &mut SqlSchema, table: &str, column: &str, enm: &dm::Enum)
        -> ColumnTypeFamily;

    /// An enum default value (the value's database name) as this database keeps it.
    fn enum_default(&self, db_value: &str) -> Literal {
        Literal::Enum(db_value.to_owned())
    }

    /// Whether `@default(autoincrement())` makes a column of this type autoincrement.
    fn can_autoincrement(&self, _tpe: &dm::FieldType) -> bool {
        true
    }

    /// SQLite's rowid alias: a single-column Int primary key autoincrements by itself.
    fn is_implicit_autoincrement(&self, _model: &dm::Model, _field: dm::ScalarFieldId) -> bool {
        false
    }

    /// Whether primary keys carry a constraint name (PostgreSQL).
    fn names_primary_keys(&self) -> bool {
        false
    }

    /// Whether index `type:` is kept (PostgreSQL `USING`).
    fn keeps_index_algorithm(&self) -> bool {
        false
    }

    /// Whether `schemas = [...]` / `@@schema` place objects in namespaces.
    fn supports_namespaces(&self) -> bool {
        false
    }

    fn join_table_uniqueness(&self) -> JoinTableUniqueness {
        JoinTableUniqueness::UniqueIndex
    }

    /// Pushes the datasource's `extensions` (PostgreSQL).
    fn push_extensions(&self, _datasource: &dm::Datasource, _schema: &mut SqlSchema) {}

    /// An index column's `ops:` argument, as written, in the database's spelling; None where
    /// the database has no operator classes.
    fn operator_class(&self, _written: &str) -> Option<String> {
        None
    }
}

pub(crate) fn calculate_with(datamodel: &Datamodel, flavour: &dyn CalculateFlavour) -> SqlSchema {
    let mut schema = SqlSchema::default();
    schema.tables.reserve(datamodel.models.len() + datamodel.many_to_many.len());
    let uses_foreign_keys = !matches!(&datamodel.datasource, Some(ds) if ds.relation_mode == dm::RelationMode::Prisma);

    if let Some(ds) = &datamodel.datasource {
        if flavour.supports_namespaces() {
            schema.namespaces = ds.schemas.clone();
        }
        flavour.push_extensions(ds, &mut schema);
    }

    flavour.push_enums(datamodel, &mut schema);

    for model in migrated_models(datamodel) {
        let table = model_table(datamodel, model, flavour, &mut schema);
        push_prisma_level_defaults(model, &table, &mut schema);
        schema.tables.push(table);
    }

    if uses_foreign_keys {
        push_foreign_keys(datamodel, flavour, &mut schema);
    }

    for m2m in &datamodel.many_to_many {
        if let Some(table) = join_table(datamodel, m2m, flavour, uses_foreign_keys) {
            schema.tables.push(table);
        }
    }

    schema
}

/// Models that become tables: every model but views.
fn migrated_models(datamodel: &Datamodel) -> impl Iterator<Item = &dm::Model> {
    datamodel.models.iter().filter(|m| !m.is_view)
}

/// Columns whose default the client computes (`cuid()`, `uuid()`, `nanoid()`, `ulid()`).
fn push_prisma_level_defaults(model: &dm::Model, table: &Table, schema: &mut SqlSchema) {
    let client_side = model.scalar_fields.iter().filter(|f| {
        matches!(
            f.default.as_ref().map(|d| &d.kind),
            Some(dm::DefaultKind::Cuid | dm::DefaultKind::Uuid | dm::DefaultKind::Nanoid | dm::DefaultKind::Ulid)
        )
    });
    schema.prisma_level_defaults.extend(client_side.map(|f| ColumnRef {
        namespace: table.namespace.clone(),
        table: table.name.clone(),
        column: f.database_name.clone(),
    }));
}

fn namespace_of(model: &dm::Model, flavour: &dyn CalculateFlavour) -> Option<String> {
    model.schema.clone().filter(|_| flavour.supports_namespaces())
}

fn model_table(
    datamodel: &Datamodel,
    model: &dm::Model,
    flavour: &dyn CalculateFlavour,
    schema: &mut SqlSchema,
) -> Table {
    let columns = model
        .scalar_fields
        .iter()
        .enumerate()
        .map(|(id, field)| field_column(datamodel, model, id, field, flavour, schema))
        .collect();

    Table {
        namespace: namespace_of(model, flavour),
        name: model.database_name.clone(),
        columns,
        primary_key: model.primary_key.as_ref().map(|pk| primary_key(model, pk, flavour)),
        indexes: model.indexes.iter().map(|index| model_index(model, index, flavour)).collect(),
        foreign_keys: Vec::new(),
    }
}

fn field_column(
    datamodel: &Datamodel,
    model: &dm::Model,
    field_id: dm::ScalarFieldId,
    field: &dm::ScalarField,
    flavour: &dyn CalculateFlavour,
    schema: &mut SqlSchema,
) -> Column {
    let arity = column_arity(field.arity);
    let (tpe, default) = match &field.r#type {
        dm::FieldType::Scalar(scalar) => {
            let native = if flavour.keeps_native_types() {
                field.native_type.as_ref().map(native_type).or_else(|| flavour.default_native_type(*scalar))
            } else {
                None
            };
            let tpe = ColumnType { family: scalar_family(*scalar), arity, native };
            (tpe, field.default.as_ref().and_then(|d| scalar_default(model, field, *scalar, &d.kind)))
        }
        dm::FieldType::Enum(enum_id) => {
            let Some(enm) = datamodel.enums.get(*enum_id) else {
                // Validation resolves every enum; an unresolved one is kept as an opaque type.
                let tpe = ColumnType { family: ColumnTypeFamily::Unsupported(String::new()), arity, native: None };
                return Column { name: field.database_name.clone(), tpe, default: None, auto_increment: false };
            };
            let family = flavour.enum_column_family(schema, &model.database_name, &field.database_name, enm);
            let tpe = ColumnType { family, arity, native: None };
            (tpe, field.default.as_ref().and_then(|d| enum_default(enm, &d.kind, flavour)))
        }
        dm::FieldType::Unsupported(description) => {
            let tpe = ColumnType { family: ColumnTypeFamily::Unsupported(description.clone()), arity, native: None };
            (tpe, field.default.as_ref().and_then(|d| dbgenerated_default(&d.kind)))
        }
    };

    let wants_autoincrement = matches!(field.default.as_ref().map(|d| &d.kind), Some(dm::DefaultKind::Autoincrement))
        && flavour.can_autoincrement(&field.r#type);
    let auto_increment = wants_autoincrement || flavour.is_implicit_autoincrement(model, field_id);

    Column { name: field.database_name.clone(), tpe, default, auto_increment }
}

fn column_arity(arity: dm::Arity) -> ColumnArity {
    match arity {
        dm::Arity::Required => ColumnArity::Required,
        dm::Arity::Optional => ColumnArity::Nullable,
        dm::Arity::List => ColumnArity::List,
    }
}

fn scalar_family(scalar: dm::ScalarType) -> ColumnTypeFamily {
    match scalar {
        dm::ScalarType::Int => ColumnTypeFamily::Int,
        dm::ScalarType::BigInt => ColumnTypeFamily::BigInt,
        dm::ScalarType::Float => ColumnTypeFamily::Float,
        dm::ScalarType::Decimal => ColumnTypeFamily::Decimal,
        dm::ScalarType::Boolean => ColumnTypeFamily::Boolean,
        dm::ScalarType::String => ColumnTypeFamily::String,
        dm::ScalarType::DateTime => ColumnTypeFamily::DateTime,
        dm::ScalarType::Json => ColumnTypeFamily::Json,
        dm::ScalarType::Bytes => ColumnTypeFamily::Binary,
    }
}

fn native_type(native: &dm::NativeType) -> NativeType {
    NativeType { name: native.name.clone(), args: native.args.clone() }
}

fn column_default(kind: DefaultKind) -> Option<ColumnDefault> {
    Some(ColumnDefault { kind, constraint_name: None })
}

/// The database default of a builtin-typed field. Client-side generators (`cuid()`, `uuid()`,
/// `nanoid()`, `ulid()`) and `autoincrement()` (a column flag) produce none.
fn scalar_default(
    model: &dm::Model,
    field: &dm::ScalarField,
    scalar: dm::ScalarType,
    kind: &dm::DefaultKind,
) -> Option<ColumnDefault> {
    match kind {
        dm::DefaultKind::Value(value) => column_default(DefaultKind::Value(literal(scalar, value)?)),
        dm::DefaultKind::List(values) => {
            let items = values.iter().map(|v| literal(scalar, v)).collect::<Option<Vec<_>>>()?;
            column_default(DefaultKind::Value(Literal::List(items)))
        }
        dm::DefaultKind::Now => column_default(DefaultKind::Now),
        dm::DefaultKind::DbGenerated(_) => dbgenerated_default(kind),
        dm::DefaultKind::Sequence => column_default(DefaultKind::Sequence(format!(
            "prisma_sequence_{}_{}",
            model.database_name, field.database_name
        ))),
        dm::DefaultKind::Autoincrement
        | dm::DefaultKind::Auto
        | dm::DefaultKind::Cuid
        | dm::DefaultKind::Uuid
        | dm::DefaultKind::Nanoid
        | dm::DefaultKind::Ulid => None,
    }
}

/// `dbgenerated("expr")`, or `dbgenerated()` as the empty expression (render nothing, match
/// any database default).
fn dbgenerated_default(kind: &dm::DefaultKind) -> Option<ColumnDefault> {
    match kind {
        dm::DefaultKind::DbGenerated(expr) => {
            column_default(DefaultKind::DbGenerated(expr.clone().unwrap_or_default()))
        }
        _ => None,
    }
}

/// A typed literal in the column's family. None for a value that cannot be a default of this
/// type (validation rejects those; calculate never panics on them).
fn literal(scalar: dm::ScalarType, value: &dm::Value) -> Option<Literal> {
    use dm::ScalarType as S;
    use dm::Value as V;
    let lit = match (scalar, value) {
        (S::String, V::String(s)) => Literal::String(s.clone()),
        (S::Int | S::BigInt, V::Int(i)) => Literal::Int(*i),
        (S::Float | S::Decimal, V::Float(f)) => Literal::Float(f.clone()),
        (S::Float | S::Decimal, V::Int(i)) => Literal::Float(i.to_string()),
        // Decimal defaults may be written as strings (`@default("1.50")`).
        (S::Decimal, V::String(s)) => Literal::Float(s.clone()),
        (S::Boolean, V::Boolean(b)) => Literal::Boolean(*b),
        (S::DateTime, V::DateTime(s) | V::String(s)) => Literal::DateTime(display_datetime(s)),
        (S::Json, V::Json(s) | V::String(s)) => Literal::Json(s.clone()),
        (S::Bytes, V::Bytes(b64) | V::String(b64)) => Literal::Bytes(decode_base64(b64)?),
        _ => return None,
    };
    Some(lit)
}

/// An RFC 3339 timestamp the way Prisma prints it in a default (chrono's `DateTime` display):
/// `2024-01-01T00:00:00Z` → `2024-01-01 00:00:00 +00:00`, fractions as 3, 6 or 9 digits.
/// Text that is not RFC 3339 is kept as written.
fn display_datetime(text: &str) -> String {
    parse_rfc3339(text).unwrap_or_else(|| text.to_owned())
}

fn parse_rfc3339(text: &str) -> Option<String> {
    let (date, rest) = text.split_once(['T', 't', ' '])?;
    let valid_date = date.len() == 10
        && date.bytes().enumerate().all(|(i, b)| if i == 4 || i == 7 { b == b'-' } else { b.is_ascii_digit() });
    if !valid_date {
        return None;
    }
    let offset_at = rest.find(['Z', 'z', '+', '-'])?;
    let (time, offset) = rest.split_at(offset_at);
    let (hms, fraction) = time.split_once('.').unwrap_or((time, ""));
    let valid_hms = hms.len() == 8
        && hms.bytes().enumerate().all(|(i, b)| if i == 2 || i == 5 { b == b':' } else { b.is_ascii_digit() });
    if !valid_hms || fraction.len() > 9 || !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let offset = match offset {
        "Z" | "z" => "+00:00".to_owned(),
        o if o.len() == 6 && o.as_bytes()[3] == b':' => o.to_owned(),
        _ => return None,
    };
    let nanos: u32 = format!("{fraction:0<9}").parse().ok()?;
    let fraction = match (nanos, nanos % 1_000_000, nanos % 1_000) {
        (0, _, _) => String::new(),
        (_, 0, _) => format!(".{:03}", nanos / 1_000_000),
        (_, _, 0) => format!(".{:06}", nanos / 1_000),
        _ => format!(".{nanos:09}"),
    };
    Some(format!("{date} {hms}{fraction} {offset}"))
}

fn enum_default(enm: &dm::Enum, kind: &dm::DefaultKind, flavour: &dyn CalculateFlavour) -> Option<ColumnDefault> {
    let value = |v: &dm::Value| match v {
        dm::Value::Enum(name) => {
            enm.values.iter().find(|ev| &ev.name == name).map(|ev| flavour.enum_default(&ev.database_name))
        }
        _ => None,
    };
    match kind {
        dm::DefaultKind::Value(v) => column_default(DefaultKind::Value(value(v)?)),
        dm::DefaultKind::List(values) => {
            let items = values.iter().map(value).collect::<Option<Vec<_>>>()?;
            column_default(DefaultKind::Value(Literal::List(items)))
        }
        other => dbgenerated_default(other),
    }
}

/// Standard base64 (padding optional), as Prisma accepts in `Bytes` defaults.
fn decode_base64(text: &str) -> Option<Vec<u8>> {
    fn sextet(c: u8) -> Option<u32> {
        Some(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        } as u32)
    }
    let digits = text.trim_end_matches('=').as_bytes();
    if digits.len() % 4 == 1 {
        return None;
    }
    let mut out = Vec::with_capacity(digits.len() * 3 / 4);
    for chunk in digits.chunks(4) {
        let mut acc = 0u32;
        for (i, c) in chunk.iter().enumerate() {
            acc |= sextet(*c)? << (18 - 6 * i);
        }
        let bytes = acc.to_be_bytes();
        out.extend_from_slice(&bytes[1..chunk.len()]);
    }
    Some(out)
}

fn index_column(model: &dm::Model, field: &dm::IndexField, flavour: &dyn CalculateFlavour) -> IndexColumn {
    let name = model.scalar_fields.get(field.field).map(|f| f.database_name.clone()).unwrap_or_default();
    IndexColumn {
        name,
        sort_order: field.sort_order.map(|s| match s {
            dm::SortOrder::Asc => SortOrder::Asc,
            dm::SortOrder::Desc => SortOrder::Desc,
        }),
        length: field.length,
        operator_class: field.operator_class.as_deref().and_then(|ops| flavour.operator_class(ops)),
    }
}

fn primary_key(model: &dm::Model, pk: &dm::PrimaryKey, flavour: &dyn CalculateFlavour) -> PrimaryKey {
    PrimaryKey {
        name: Some(pk.database_name.clone()).filter(|_| flavour.names_primary_keys()),
        columns: pk
            .fields
            .iter()
            .map(|f| IndexColumn { operator_class: None, ..index_column(model, f, flavour) })
            .collect(),
    }
}

fn model_index(model: &dm::Model, index: &dm::Index, flavour: &dyn CalculateFlavour) -> Index {
    let kind = match index.kind {
        dm::IndexKind::Unique => IndexKind::Unique,
        dm::IndexKind::Normal => IndexKind::Normal,
        dm::IndexKind::Fulltext => IndexKind::Fulltext,
    };
    // BTree is the default method: normal form keeps it as None.
    let algorithm =
        index.algorithm.clone().filter(|a| flavour.keeps_index_algorithm() && !a.eq_ignore_ascii_case("BTree"));
    Index {
        name: index.database_name.clone(),
        kind,
        columns: index.fields.iter().map(|f| index_column(model, f, flavour)).collect(),
        algorithm,
        predicate: index.where_clause.clone(),
    }
}

fn referential_action(action: dm::ReferentialAction) -> ForeignKeyAction {
    match action {
        dm::ReferentialAction::Cascade => ForeignKeyAction::Cascade,
        dm::ReferentialAction::Restrict => ForeignKeyAction::Restrict,
        dm::ReferentialAction::NoAction => ForeignKeyAction::NoAction,
        dm::ReferentialAction::SetNull => ForeignKeyAction::SetNull,
        dm::ReferentialAction::SetDefault => ForeignKeyAction::SetDefault,
    }
}

/// One foreign key per relation field holding `fields: [...]`, in model then field order
/// (the order in which Prisma discovers relations).
fn push_foreign_keys(datamodel: &Datamodel, flavour: &dyn CalculateFlavour, schema: &mut SqlSchema) {
    // Model tables are the first tables of the schema, in `migrated_models` order.
    for (table_idx, model) in migrated_models(datamodel).enumerate() {
        let fks: Vec<ForeignKey> = model
            .relation_fields
            .iter()
            .filter(|rf| !rf.fields.is_empty())
            .filter_map(|rf| foreign_key(datamodel, model, rf, flavour))
            .collect();
        if let Some(table) = schema.tables.get_mut(table_idx) {
            table.foreign_keys.extend(fks);
        }
    }
}

fn foreign_key(
    datamodel: &Datamodel,
    model: &dm::Model,
    rf: &dm::RelationField,
    flavour: &dyn CalculateFlavour,
) -> Option<ForeignKey> {
    let referenced = datamodel.models.get(rf.related_model)?;
    if referenced.is_view {
        return None;
    }
    let columns: Vec<String> =
        rf.fields.iter().filter_map(|id| model.scalar_fields.get(*id)).map(|f| f.database_name.clone()).collect();
    let referenced_columns: Vec<String> = rf
        .references
        .iter()
        .filter_map(|id| referenced.scalar_fields.get(*id))
        .map(|f| f.database_name.clone())
        .collect();
    // Prisma's defaults, for a Datamodel that left the effective actions out.
    let default_on_delete =
        if rf.arity == dm::Arity::Optional { ForeignKeyAction::SetNull } else { ForeignKeyAction::Restrict };
    let name = rf
        .fk_name
        .clone()
        .unwrap_or_else(|| default_fk_name(&model.database_name, &columns, flavour.max_identifier_length()));
    Some(ForeignKey {
        name: Some(name),
        columns,
        referenced_namespace: namespace_of(referenced, flavour),
        referenced_table: referenced.database_name.clone(),
        referenced_columns,
        on_delete: rf.on_delete.map(referential_action).unwrap_or(default_on_delete),
        on_update: rf.on_update.map(referential_action).unwrap_or(ForeignKeyAction::Cascade),
    })
}

/// `{table}_{cols}_fkey`, the prefix cut to fit the identifier limit (spec §6.2).
fn default_fk_name(table: &str, columns: &[String], max_len: usize) -> String {
    let prefix = format!("{table}_{}", columns.join("_"));
    let suffix = "_fkey";
    format!("{}{suffix}", truncate_bytes(&prefix, max_len.saturating_sub(suffix.len())))
}

/// The longest prefix of `s` of at most `max` bytes ending on a char boundary.
fn truncate_bytes(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

fn truncate_chars(s: &str, max: usize) -> String {
    s.chars().take(max).collect()
}

/// The join table of an implicit many-to-many relation (spec §6.2): columns `A` and `B` typed
/// like the two models' id columns, `(A, B)` unique, an index on `B`, and cascading foreign keys.
fn join_table(
    datamodel: &Datamodel,
    m2m: &dm::ManyToMany,
    flavour: &dyn CalculateFlavour,
    uses_foreign_keys: bool,
) -> Option<Table> {
    let model_a = datamodel.models.get(m2m.model_a)?;
    let model_b = datamodel.models.get(m2m.model_b)?;
    if model_a.is_view || model_b.is_view {
        return None;
    }
    let max_len = flavour.max_identifier_length();
    let name = truncate_chars(&m2m.table_name, max_len);
    let (a_column, a_type) = id_column(datamodel, model_a, flavour)?;
    let (b_column, b_type) = id_column(datamodel, model_b, flavour)?;

    let columns = vec![
        Column { name: "A".into(), tpe: a_type, default: None, auto_increment: false },
        Column { name: "B".into(), tpe: b_type, default: None, auto_increment: false },
    ];

    let ab = vec![IndexColumn::new("A"), IndexColumn::new("B")];
    let (primary_key, unique) = match flavour.join_table_uniqueness() {
        JoinTableUniqueness::PrimaryKey => {
            let pk_name = format!("{}_AB_pkey", truncate_chars(&name, max_len - "_AB_pkey".len()));
            let pk_name = Some(pk_name).filter(|_| flavour.names_primary_keys());
            (Some(PrimaryKey { name: pk_name, columns: ab }), None)
        }
        JoinTableUniqueness::UniqueIndex => {
            let index_name = format!("{}_AB_unique", truncate_chars(&name, max_len - "_AB_unique".len()));
            let index =
                Index { name: index_name, kind: IndexKind::Unique, columns: ab, algorithm: None, predicate: None };
            (None, Some(index))
        }
    };
    let b_index = Index {
        name: format!("{}_B_index", truncate_chars(&name, max_len - 8)),
        kind: IndexKind::Normal,
        columns: vec![IndexColumn::new("B")],
        algorithm: None,
        predicate: None,
    };

    let foreign_keys = if uses_foreign_keys {
        let (a_fk, b_fk) = join_table_fk_names(&name, max_len);
        vec![join_table_fk(a_fk, "A", model_a, a_column, flavour), join_table_fk(b_fk, "B", model_b, b_column, flavour)]
    } else {
        Vec::new()
    };

    Some(Table {
        namespace: namespace_of(model_a, flavour),
        name,
        columns,
        primary_key,
        indexes: unique.into_iter().chain(std::iter::once(b_index)).collect(),
        foreign_keys,
    })
}

/// Prisma cuts the table name so that `_A_fkey` / `_B_fkey` always fit; note the `>=` on the B
/// side, which cuts a name of exactly the limit too (kept for byte-identical names).
fn join_table_fk_names(table: &str, max_len: usize) -> (String, String) {
    let limit = max_len - "_fkey".len() - 2;
    let a = if table.len() > limit { truncate_bytes(table, limit) } else { table };
    let b = if table.len() >= limit { truncate_bytes(table, limit) } else { table };
    (format!("{a}_A_fkey"), format!("{b}_B_fkey"))
}

fn join_table_fk(
    name: String,
    column: &str,
    referenced: &dm::Model,
    referenced_column: String,
    flavour: &dyn CalculateFlavour,
) -> ForeignKey {
    ForeignKey {
        name: Some(name),
        columns: vec![column.to_owned()],
        referenced_namespace: namespace_of(referenced, flavour),
        referenced_table: referenced.database_name.clone(),
        referenced_columns: vec![referenced_column],
        on_delete: ForeignKeyAction::Cascade,
        on_update: ForeignKeyAction::Cascade,
    }
}

/// The first primary-key column of a model and its type as a required column (the join table
/// references it).
fn id_column(datamodel: &Datamodel, model: &dm::Model, flavour: &dyn CalculateFlavour) -> Option<(String, ColumnType)> {
    let pk_field = model.primary_key.as_ref()?.fields.first()?.field;
    let field = model.scalar_fields.get(pk_field)?;
    // Enum-typed ids on MySQL would push a per-column enum; compute into a scratch schema.
    let mut scratch = SqlSchema::default();
    let column = field_column(datamodel, model, pk_field, field, flavour, &mut scratch);
    Some((column.name, ColumnType { arity: ColumnArity::Required, ..column.tpe }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_decodes_with_and_without_padding() {
        assert_eq!(decode_base64("aGVsbG8="), Some(b"hello".to_vec()));
        assert_eq!(decode_base64("aGVsbG8"), Some(b"hello".to_vec()));
        assert_eq!(decode_base64(""), Some(Vec::new()));
        assert_eq!(decode_base64("a"), None);
        assert_eq!(decode_base64("a$=="), None);
    }

    #[test]
    fn datetimes_print_like_prisma() {
        assert_eq!(display_datetime("2024-01-01T00:00:00Z"), "2024-01-01 00:00:00 +00:00");
        assert_eq!(display_datetime("2024-01-01T10:20:30.5+05:30"), "2024-01-01 10:20:30.500 +05:30");
        assert_eq!(display_datetime("2024-01-01T10:20:30.1234Z"), "2024-01-01 10:20:30.123400 +00:00");
        assert_eq!(display_datetime("not a date"), "not a date");
    }

    #[test]
    fn fk_names_are_cut_on_char_boundaries() {
        let cols = vec!["é".repeat(40)];
        let name = default_fk_name("t", &cols, 63);
        assert!(name.len() <= 63, "{name}");
        assert!(name.ends_with("_fkey"));
    }

    #[test]
    fn join_table_fk_names_cut_b_at_the_limit() {
        let exact = "x".repeat(63 - 7);
        let (a, b) = join_table_fk_names(&exact, 63);
        assert_eq!(a, format!("{exact}_A_fkey"));
        assert_eq!(b, format!("{exact}_B_fkey"));
        let long = "y".repeat(70);
        let (a, b) = join_table_fk_names(&long, 63);
        assert_eq!(a.len(), 63);
        assert_eq!(b.len(), 63);
    }
}
