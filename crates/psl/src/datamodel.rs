//! The validated, resolved schema. Produced by `validate`, consumed by every later stage
//! (calculate, diff, pull's re-introspection). Everything here is already checked: names are
//! resolved to ids, defaults are typed, constraint names (spec §6.2) are computed, and relation
//! referential actions are the effective ones (explicit, else the provider's default).

use crate::ast::Span;

/// Index into `Datamodel::models`.
pub type ModelId = usize;
/// Index into `Datamodel::enums`.
pub type EnumId = usize;
/// Index into `Model::scalar_fields`.
pub type ScalarFieldId = usize;
/// Index into `Model::relation_fields`.
pub type RelationFieldId = usize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Provider {
    Postgres,
    Mysql,
    Sqlite,
    SqlServer,
    Cockroach,
    Mongo,
}

impl Provider {
    /// The string used in `provider = "…"` and in `migration_lock.toml`.
    pub fn as_str(self) -> &'static str {
        match self {
            Provider::Postgres => "postgresql",
            Provider::Mysql => "mysql",
            Provider::Sqlite => "sqlite",
            Provider::SqlServer => "sqlserver",
            Provider::Cockroach => "cockroachdb",
            Provider::Mongo => "mongodb",
        }
    }

    /// Maximum identifier length, for constraint-name truncation.
    pub fn max_identifier_length(self) -> usize {
        match self {
            Provider::Postgres | Provider::Cockroach => 63,
            Provider::Mysql => 64,
            Provider::SqlServer => 128,
            Provider::Sqlite => 10_000,
            Provider::Mongo => 127,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StringFromEnv {
    Literal(String),
    /// `env("VAR")`: the variable's name. Resolved by the caller, never here.
    Env(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RelationMode {
    #[default]
    ForeignKeys,
    Prisma,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Extension {
    pub name: String,
    pub db_name: Option<String>,
    pub schema: Option<String>,
    pub version: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Datasource {
    /// The block name (`db`); also the native-type prefix (`@db.…`).
    pub name: String,
    pub provider: Provider,
    /// The provider string as written (e.g. `postgres` is accepted as `postgresql`).
    pub provider_str: String,
    pub url: Option<StringFromEnv>,
    pub direct_url: Option<StringFromEnv>,
    pub shadow_database_url: Option<StringFromEnv>,
    pub relation_mode: RelationMode,
    /// `schemas = [...]`, in the order written.
    pub schemas: Vec<String>,
    pub extensions: Vec<Extension>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct Generator {
    pub name: String,
    pub provider: Option<StringFromEnv>,
    pub output: Option<StringFromEnv>,
    pub preview_features: Vec<String>,
    /// Every other key, as written (value rendered back as source text).
    pub config: Vec<(String, String)>,
    pub span: Span,
}

#[derive(Debug, Clone, Default)]
pub struct Datamodel {
    pub datasource: Option<Datasource>,
    pub generators: Vec<Generator>,
    /// Models and views, in source order (files in order, then blocks in order).
    pub models: Vec<Model>,
    pub enums: Vec<Enum>,
    /// Implicit many-to-many relations (each needs a join table).
    pub many_to_many: Vec<ManyToMany>,
    /// Preview features from all generators, deduplicated.
    pub preview_features: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Model {
    pub name: String,
    /// `@@map` or the name.
    pub database_name: String,
    /// `@@schema("x")`; `None` means the datasource's default schema.
    pub schema: Option<String>,
    pub is_view: bool,
    /// `@@ignore`.
    pub ignored: bool,
    pub documentation: Option<String>,
    pub scalar_fields: Vec<ScalarField>,
    pub relation_fields: Vec<RelationField>,
    pub primary_key: Option<PrimaryKey>,
    /// `@unique`, `@@unique`, `@@index`, `@@fulltext`, as Prisma orders them: field-level
    /// `@unique` in field order, then every `@@index`, then every `@@unique`, then every
    /// `@@fulltext` (each group in source order).
    pub indexes: Vec<Index>,
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Arity {
    Required,
    Optional,
    List,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ScalarType {
    Int,
    BigInt,
    Float,
    Decimal,
    Boolean,
    String,
    DateTime,
    Json,
    Bytes,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldType {
    Scalar(ScalarType),
    Enum(EnumId),
    /// `Unsupported("…")`.
    Unsupported(String),
}

/// A native type attribute, e.g. `@db.VarChar(255)` → name `VarChar`, args `["255"]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NativeType {
    pub name: String,
    pub args: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct ScalarField {
    pub name: String,
    /// `@map` or the name.
    pub database_name: String,
    pub arity: Arity,
    pub r#type: FieldType,
    pub native_type: Option<NativeType>,
    pub default: Option<DefaultValue>,
    /// `@updatedAt`.
    pub is_updated_at: bool,
    /// `@ignore`.
    pub ignored: bool,
    pub documentation: Option<String>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct DefaultValue {
    pub kind: DefaultKind,
    /// `@default(…, map: "x")` (SQL Server default constraint name).
    pub map: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum DefaultKind {
    /// A literal of the field's type.
    Value(Value),
    /// A list literal for a list field.
    List(Vec<Value>),
    Autoincrement,
    Now,
    /// `dbgenerated("expr")`, or `dbgenerated()` (None).
    DbGenerated(Option<String>),
    /// `sequence(...)` (CockroachDB).
    Sequence,
    /// `auto()` (MongoDB).
    Auto,
    /// Client-side generators: no database default.
    Cuid,
    Uuid,
    Nanoid,
    Ulid,
}

/// A typed literal.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    String(String),
    /// Int and BigInt.
    Int(i64),
    /// Float and Decimal, as written.
    Float(String),
    Boolean(bool),
    /// An enum value's Prisma name (`Enum::values` has the database name).
    Enum(String),
    /// Bytes, base64 as written in the schema.
    Bytes(String),
    /// Json, the string content.
    Json(String),
    /// DateTime, the string as written (RFC 3339).
    DateTime(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortOrder {
    Asc,
    Desc,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexField {
    pub field: ScalarFieldId,
    pub sort_order: Option<SortOrder>,
    pub length: Option<u32>,
    /// `ops: X` (PostgreSQL operator class), as written.
    pub operator_class: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IndexKind {
    Unique,
    Normal,
    Fulltext,
}

#[derive(Debug, Clone)]
pub struct Index {
    pub kind: IndexKind,
    pub fields: Vec<IndexField>,
    /// The client name (`@@unique(name: "x")`), if any.
    pub name: Option<String>,
    /// The database name: `map:` or the default from spec §6.2.
    pub database_name: String,
    /// `type: Hash` etc. (PostgreSQL `USING`), as written.
    pub algorithm: Option<String>,
    pub clustered: Option<bool>,
    /// `where: "…"` (partial index), if any.
    pub where_clause: Option<String>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct PrimaryKey {
    pub fields: Vec<IndexField>,
    pub name: Option<String>,
    /// `map:` or `{table}_pkey`. Providers without named primary keys still get the default.
    pub database_name: String,
    pub clustered: Option<bool>,
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReferentialAction {
    Cascade,
    Restrict,
    NoAction,
    SetNull,
    SetDefault,
}

#[derive(Debug, Clone)]
pub struct RelationField {
    pub name: String,
    pub arity: Arity,
    pub related_model: ModelId,
    /// The relation name: explicit, or Prisma's generated one (`AToB`, models sorted).
    pub relation_name: String,
    /// `fields: [...]` on this side (empty on the back-relation side and for m:n).
    pub fields: Vec<ScalarFieldId>,
    /// `references: [...]` (fields of `related_model`).
    pub references: Vec<ScalarFieldId>,
    /// Effective actions on the side that holds `fields` (explicit or provider default).
    pub on_delete: Option<ReferentialAction>,
    pub on_update: Option<ReferentialAction>,
    /// The foreign key's database name (`map:` or `{table}_{cols}_fkey`), on the side holding
    /// `fields`.
    pub fk_name: Option<String>,
    pub ignored: bool,
    pub documentation: Option<String>,
    pub span: Span,
}

/// An implicit many-to-many relation, needing a join table (spec §6.2).
#[derive(Debug, Clone)]
pub struct ManyToMany {
    pub relation_name: String,
    /// `_AToB` or `_{relationName}`.
    pub table_name: String,
    /// Model whose id column is `A` (alphabetically first), and the one for `B`.
    pub model_a: ModelId,
    pub model_b: ModelId,
    /// Schema of the join table (the first model's).
    pub schema: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Enum {
    pub name: String,
    /// `@@map` or the name.
    pub database_name: String,
    pub schema: Option<String>,
    pub values: Vec<EnumValue>,
    pub documentation: Option<String>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct EnumValue {
    pub name: String,
    /// `@map` or the name.
    pub database_name: String,
    pub documentation: Option<String>,
}
