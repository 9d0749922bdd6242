//! `SqlSchema`: the dialect-neutral description of a database schema. Both the schema file
//! (through `calculate`) and a live database (through `describe`) become one, so that `diff`
//! never knows where its inputs came from.
//!
//! Names are database names. Tables, enums, views and sequences are identified by
//! `(namespace, name)`; `namespace: None` is the connection's default schema.
//!
//! Normal form (calculate and describe must both produce it, or diff sees phantom changes):
//! - `ColumnType::native` is `Some` on PostgreSQL and MySQL for every builtin-typed column, with the
//!   provider's default filled in when the schema has no `@db.*` (PostgreSQL: String→Text,
//!   Int→Integer, BigInt→BigInt, Float→DoublePrecision, Decimal→Decimal(65,30), Boolean→Boolean,
//!   DateTime→Timestamp(3), Bytes→ByteA, Json→JsonB; MySQL: String→VarChar(191), Int→Int,
//!   BigInt→BigInt, Float→Double, Decimal→Decimal(65,30), Boolean→TinyInt, DateTime→DateTime(3),
//!   Bytes→LongBlob, Json→Json). Names and arguments are spelled as in the schema language
//!   (`VarChar`, `["191"]`). Enum and unsupported columns, and every SQLite column, have `None`.
//! - An autoincrementing column has `auto_increment: true` and `default: None` on every flavour
//!   (describe folds SERIAL / `nextval` of the column's owned sequence, AUTO_INCREMENT, and
//!   SQLite's `INTEGER PRIMARY KEY AUTOINCREMENT` into the flag); its sequence is not listed.
//!   Describe may keep `DefaultKind::Sequence(name)` of the owned sequence as the default
//!   (diff treats it as equal to no default): render then drops that sequence by name when the
//!   autoincrement goes away, as Prisma does.
//! - Tables, indexes, foreign keys and enums are sorted by nothing in particular: diff matches
//!   them by name (foreign keys by name, or by columns where a database keeps no name). Their
//!   order is still the order of the rendered steps of one kind (Prisma sorts CreateTable,
//!   CreateIndex, AddForeignKey… by position), so calculate keeps the schema file's order.
//! - `namespace: Some(..)` only where the schema names its namespaces (`schemas = [..]`):
//!   render qualifies exactly those names (`"users"."Test"`), never the default schema.
//!
//! Every type is `serde`-serializable: the replay cache (`migrate::replay_cache`) stores described
//! schemas as JSON.

#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct SqlSchema {
    /// Namespaces (PostgreSQL schemas) that are explicitly part of this schema, in order.
    pub namespaces: Vec<String>,
    pub tables: Vec<Table>,
    pub enums: Vec<Enum>,
    pub views: Vec<View>,
    pub sequences: Vec<Sequence>,
    pub extensions: Vec<Extension>,
    /// Columns whose schema default is computed by the client (`cuid()`, `uuid()`, `nanoid()`,
    /// `ulid()`): no database default, but the destructive-change check words its message
    /// differently when such a required column is added. Calculate fills it; describe leaves it
    /// empty.
    pub prisma_level_defaults: Vec<ColumnRef>,
    /// The connection's default schema (PostgreSQL `public`) when this schema was described
    /// from a database; None when calculated. Prisma's enum-recreation script names the old
    /// table and type with it (`ALTER TABLE "public"."T" … DROP DEFAULT`), so render needs it.
    pub default_namespace: Option<String>,
}

/// A column named by its table's `(namespace, name)` and its own name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct ColumnRef {
    pub namespace: Option<String>,
    pub table: String,
    pub column: String,
}

impl SqlSchema {
    pub fn table(&self, namespace: Option<&str>, name: &str) -> Option<&Table> {
        self.tables.iter().find(|t| t.name == name && t.namespace.as_deref() == namespace)
    }

    pub fn find_enum(&self, namespace: Option<&str>, name: &str) -> Option<&Enum> {
        self.enums.iter().find(|e| e.name == name && e.namespace.as_deref() == namespace)
    }
}

#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Table {
    pub namespace: Option<String>,
    pub name: String,
    pub columns: Vec<Column>,
    pub primary_key: Option<PrimaryKey>,
    /// Unique, normal and fulltext indexes (not the primary key).
    pub indexes: Vec<Index>,
    pub foreign_keys: Vec<ForeignKey>,
}

impl Table {
    pub fn column(&self, name: &str) -> Option<&Column> {
        self.columns.iter().find(|c| c.name == name)
    }
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Column {
    pub name: String,
    pub tpe: ColumnType,
    pub default: Option<ColumnDefault>,
    /// SERIAL / AUTO_INCREMENT / SQLite's INTEGER PRIMARY KEY AUTOINCREMENT.
    pub auto_increment: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum ColumnArity {
    Required,
    Nullable,
    List,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum ColumnTypeFamily {
    Int,
    BigInt,
    Float,
    Decimal,
    Boolean,
    String,
    DateTime,
    Binary,
    Json,
    Uuid,
    /// An enum of this schema, by database name (same namespace as the enum's entry in
    /// `SqlSchema::enums`). MySQL enums are per column, named `{table}_{column}`.
    Enum(String),
    /// A type Prisma does not map: the database's own spelling of it.
    Unsupported(String),
}

/// A native type in Prisma's vocabulary (`VarChar` with args `["191"]`, `Timestamp` with
/// `["3"]`). Calculate fills in the provider default when the schema has no `@db.*`;
/// describe maps the database's type back to it. SQLite has none.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct NativeType {
    pub name: String,
    pub args: Vec<String>,
}

impl NativeType {
    pub fn new(name: &str, args: &[&str]) -> Self {
        NativeType { name: name.to_owned(), args: args.iter().map(|a| (*a).to_owned()).collect() }
    }
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ColumnType {
    pub family: ColumnTypeFamily,
    pub arity: ColumnArity,
    pub native: Option<NativeType>,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ColumnDefault {
    pub kind: DefaultKind,
    /// The default constraint's name (SQL Server only).
    pub constraint_name: Option<String>,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum DefaultKind {
    Value(Literal),
    /// `CURRENT_TIMESTAMP` / `now()`.
    Now,
    /// `nextval('seq')`, with the sequence name.
    Sequence(String),
    /// An expression used as is. The empty string is `dbgenerated()` without an argument:
    /// nothing is rendered and any database default matches it.
    DbGenerated(String),
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Literal {
    String(String),
    Int(i64),
    /// Float and Decimal as decimal text, not normalized: calculate keeps the schema's spelling
    /// (`1.50`, an integer as `1`), describe the scale the database prints (PostgreSQL
    /// `DEFAULT 1.50` is `1.50`, MySQL `DECIMAL(10,2) DEFAULT 0` is `0.00`), as `db pull`
    /// writes them. Diff compares them by value.
    Float(String),
    Boolean(bool),
    /// An enum value's database name.
    Enum(String),
    Bytes(Vec<u8>),
    Json(String),
    /// A datetime value as written (calculate, MySQL and SQLite describe). PostgreSQL describe
    /// never produces one: a datetime literal default is `DbGenerated` there, as in Prisma.
    DateTime(String),
    List(Vec<Literal>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum SortOrder {
    Asc,
    Desc,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct IndexColumn {
    pub name: String,
    pub sort_order: Option<SortOrder>,
    pub length: Option<u32>,
    pub operator_class: Option<String>,
}

impl IndexColumn {
    pub fn new(name: &str) -> Self {
        IndexColumn { name: name.to_owned(), sort_order: None, length: None, operator_class: None }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum IndexKind {
    Normal,
    Unique,
    Fulltext,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Index {
    pub name: String,
    pub kind: IndexKind,
    pub columns: Vec<IndexColumn>,
    /// PostgreSQL `USING` method (`BTree`, `Hash`, `Gist`, `Gin`, `SpGist`, `Brin`); None = BTree.
    pub algorithm: Option<String>,
    /// Partial index predicate.
    pub predicate: Option<String>,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct PrimaryKey {
    /// Constraint name where the database has one (PostgreSQL `{table}_pkey`).
    pub name: Option<String>,
    pub columns: Vec<IndexColumn>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum ForeignKeyAction {
    NoAction,
    Restrict,
    Cascade,
    SetNull,
    SetDefault,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ForeignKey {
    /// None where the database keeps no name (some SQLite foreign keys).
    pub name: Option<String>,
    pub columns: Vec<String>,
    pub referenced_namespace: Option<String>,
    pub referenced_table: String,
    pub referenced_columns: Vec<String>,
    pub on_delete: ForeignKeyAction,
    pub on_update: ForeignKeyAction,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Enum {
    pub namespace: Option<String>,
    pub name: String,
    /// Database names of the values, in order.
    pub values: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct View {
    pub namespace: Option<String>,
    pub name: String,
    pub definition: Option<String>,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Sequence {
    pub namespace: Option<String>,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Extension {
    pub name: String,
    pub schema: Option<String>,
    pub version: Option<String>,
}
