//! What differs per provider: capabilities, native types, referential actions.

use crate::datamodel::{Provider, ReferentialAction, RelationMode, ScalarType};

/// A native type constructor: `@db.Name(args)`.
pub(crate) struct NativeTypeDef {
    pub(crate) name: &'static str,
    pub(crate) required_args: usize,
    pub(crate) optional_args: usize,
    pub(crate) prisma_types: &'static [ScalarType],
}

const fn nt(
    name: &'static str,
    required_args: usize,
    optional_args: usize,
    prisma_types: &'static [ScalarType],
) -> NativeTypeDef {
    NativeTypeDef { name, required_args, optional_args, prisma_types }
}

use ScalarType as S;

const POSTGRES_TYPES: &[NativeTypeDef] = &[
    nt("SmallInt", 0, 0, &[S::Int]),
    nt("Integer", 0, 0, &[S::Int]),
    nt("BigInt", 0, 0, &[S::BigInt]),
    nt("Decimal", 0, 2, &[S::Decimal]),
    nt("Money", 0, 0, &[S::Decimal]),
    nt("Inet", 0, 0, &[S::String]),
    nt("Oid", 0, 0, &[S::Int]),
    nt("Citext", 0, 0, &[S::String]),
    nt("Real", 0, 0, &[S::Float]),
    nt("DoublePrecision", 0, 0, &[S::Float]),
    nt("VarChar", 0, 1, &[S::String]),
    nt("Char", 0, 1, &[S::String]),
    nt("Text", 0, 0, &[S::String]),
    nt("ByteA", 0, 0, &[S::Bytes]),
    nt("Timestamp", 0, 1, &[S::DateTime]),
    nt("Timestamptz", 0, 1, &[S::DateTime]),
    nt("Date", 0, 0, &[S::DateTime]),
    nt("Time", 0, 1, &[S::DateTime]),
    nt("Timetz", 0, 1, &[S::DateTime]),
    nt("Boolean", 0, 0, &[S::Boolean]),
    nt("Bit", 0, 1, &[S::String]),
    nt("VarBit", 0, 1, &[S::String]),
    nt("Uuid", 0, 0, &[S::String]),
    nt("Xml", 0, 0, &[S::String]),
    nt("Json", 0, 0, &[S::Json]),
    nt("JsonB", 0, 0, &[S::Json]),
];

const COCKROACH_TYPES: &[NativeTypeDef] = &[
    nt("Bit", 0, 1, &[S::String]),
    nt("Bool", 0, 0, &[S::Boolean]),
    nt("Bytes", 0, 0, &[S::Bytes]),
    nt("Char", 0, 1, &[S::String]),
    nt("Date", 0, 0, &[S::DateTime]),
    nt("Decimal", 0, 2, &[S::Decimal]),
    nt("Float4", 0, 0, &[S::Float]),
    nt("Float8", 0, 0, &[S::Float]),
    nt("Inet", 0, 0, &[S::String]),
    nt("Int2", 0, 0, &[S::Int]),
    nt("Int4", 0, 0, &[S::Int]),
    nt("Int8", 0, 0, &[S::BigInt]),
    nt("JsonB", 0, 0, &[S::Json]),
    nt("Oid", 0, 0, &[S::Int]),
    nt("CatalogSingleChar", 0, 0, &[S::String]),
    nt("String", 0, 1, &[S::String]),
    nt("Time", 0, 1, &[S::DateTime]),
    nt("Timestamp", 0, 1, &[S::DateTime]),
    nt("Timestamptz", 0, 1, &[S::DateTime]),
    nt("Timetz", 0, 1, &[S::DateTime]),
    nt("Uuid", 0, 0, &[S::String]),
    nt("VarBit", 0, 1, &[S::String]),
];

const MYSQL_TYPES: &[NativeTypeDef] = &[
    nt("Int", 0, 0, &[S::Int]),
    nt("UnsignedInt", 0, 0, &[S::Int]),
    nt("SmallInt", 0, 0, &[S::Int]),
    nt("UnsignedSmallInt", 0, 0, &[S::Int]),
    nt("TinyInt", 0, 0, &[S::Boolean, S::Int]),
    nt("UnsignedTinyInt", 0, 0, &[S::Boolean, S::Int]),
    nt("MediumInt", 0, 0, &[S::Int]),
    nt("UnsignedMediumInt", 0, 0, &[S::Int]),
    nt("BigInt", 0, 0, &[S::BigInt]),
    nt("UnsignedBigInt", 0, 0, &[S::BigInt]),
    nt("Decimal", 0, 2, &[S::Decimal]),
    nt("Float", 0, 0, &[S::Float]),
    nt("Double", 0, 0, &[S::Float]),
    nt("Bit", 1, 0, &[S::Boolean, S::Bytes]),
    nt("Char", 1, 0, &[S::String]),
    nt("VarChar", 1, 0, &[S::String]),
    nt("Binary", 1, 0, &[S::Bytes]),
    nt("VarBinary", 1, 0, &[S::Bytes]),
    nt("TinyBlob", 0, 0, &[S::Bytes]),
    nt("Blob", 0, 0, &[S::Bytes]),
    nt("MediumBlob", 0, 0, &[S::Bytes]),
    nt("LongBlob", 0, 0, &[S::Bytes]),
    nt("TinyText", 0, 0, &[S::String]),
    nt("Text", 0, 0, &[S::String]),
    nt("MediumText", 0, 0, &[S::String]),
    nt("LongText", 0, 0, &[S::String]),
    nt("Date", 0, 0, &[S::DateTime]),
    nt("Time", 0, 1, &[S::DateTime]),
    nt("DateTime", 0, 1, &[S::DateTime]),
    nt("Timestamp", 0, 1, &[S::DateTime]),
    nt("Year", 0, 0, &[S::Int]),
    nt("Json", 0, 0, &[S::Json]),
];

const SQLSERVER_TYPES: &[NativeTypeDef] = &[
    nt("TinyInt", 0, 0, &[S::Int]),
    nt("SmallInt", 0, 0, &[S::Int]),
    nt("Int", 0, 0, &[S::Int]),
    nt("BigInt", 0, 0, &[S::BigInt]),
    nt("Decimal", 0, 2, &[S::Decimal]),
    nt("Money", 0, 0, &[S::Float]),
    nt("SmallMoney", 0, 0, &[S::Float]),
    nt("Bit", 0, 0, &[S::Boolean, S::Int]),
    nt("Float", 0, 1, &[S::Float]),
    nt("Real", 0, 0, &[S::Float]),
    nt("Date", 0, 0, &[S::DateTime]),
    nt("Time", 0, 0, &[S::DateTime]),
    nt("DateTime", 0, 0, &[S::DateTime]),
    nt("DateTime2", 0, 0, &[S::DateTime]),
    nt("DateTimeOffset", 0, 0, &[S::DateTime]),
    nt("SmallDateTime", 0, 0, &[S::DateTime]),
    nt("Char", 0, 1, &[S::String]),
    nt("NChar", 0, 1, &[S::String]),
    nt("VarChar", 0, 1, &[S::String]),
    nt("Text", 0, 0, &[S::String]),
    nt("NVarChar", 0, 1, &[S::String]),
    nt("NText", 0, 0, &[S::String]),
    nt("Binary", 0, 1, &[S::Bytes]),
    nt("VarBinary", 0, 1, &[S::Bytes]),
    nt("Image", 0, 0, &[S::Bytes]),
    nt("Xml", 0, 0, &[S::String]),
    nt("UniqueIdentifier", 0, 0, &[S::String]),
];

const MONGO_TYPES: &[NativeTypeDef] = &[
    nt("String", 0, 0, &[S::String]),
    nt("Double", 0, 0, &[S::Float]),
    nt("Long", 0, 0, &[S::Int, S::BigInt]),
    nt("Int", 0, 0, &[S::Int]),
    nt("BinData", 0, 0, &[S::Bytes]),
    nt("ObjectId", 0, 0, &[S::String, S::Bytes]),
    nt("Bool", 0, 0, &[S::Boolean]),
    nt("Date", 0, 0, &[S::DateTime]),
    nt("Timestamp", 0, 0, &[S::DateTime]),
    nt("Json", 0, 0, &[S::Json]),
];

pub(crate) fn native_types(provider: Option<Provider>) -> &'static [NativeTypeDef] {
    match provider {
        Some(Provider::Postgres) => POSTGRES_TYPES,
        Some(Provider::Cockroach) => COCKROACH_TYPES,
        Some(Provider::Mysql) => MYSQL_TYPES,
        Some(Provider::SqlServer) => SQLSERVER_TYPES,
        Some(Provider::Mongo) => MONGO_TYPES,
        Some(Provider::Sqlite) | None => &[],
    }
}

pub(crate) fn find_native_type(provider: Option<Provider>, name: &str) -> Option<&'static NativeTypeDef> {
    native_types(provider).iter().find(|t| t.name == name)
}

/// Parses `provider = "…"`.
pub(crate) fn provider_from_str(s: &str) -> Option<Provider> {
    Some(match s {
        "postgresql" | "postgres" => Provider::Postgres,
        "mysql" => Provider::Mysql,
        "sqlite" => Provider::Sqlite,
        "sqlserver" => Provider::SqlServer,
        "cockroachdb" => Provider::Cockroach,
        "mongodb" => Provider::Mongo,
        _ => return None,
    })
}

/// The provider set for the schema; `None` when there is no datasource (Prisma's empty
/// connector, which allows almost everything).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Connector {
    pub(crate) provider: Option<Provider>,
    pub(crate) relation_mode: RelationMode,
}

const ALL_ACTIONS: [ReferentialAction; 5] = [
    ReferentialAction::Cascade,
    ReferentialAction::Restrict,
    ReferentialAction::NoAction,
    ReferentialAction::SetNull,
    ReferentialAction::SetDefault,
];

impl Connector {
    fn is(self, p: Provider) -> bool {
        self.provider == Some(p)
    }

    pub(crate) fn name(self) -> &'static str {
        match self.provider {
            Some(Provider::Postgres) => "Postgres",
            Some(Provider::Mysql) => "MySQL",
            Some(Provider::Sqlite) => "SQLite",
            Some(Provider::SqlServer) => "SQL Server",
            Some(Provider::Cockroach) => "CockroachDB",
            Some(Provider::Mongo) => "MongoDB",
            None => "Default",
        }
    }

    /// Name used in "Native type X is not supported for {name} connector."
    pub(crate) fn provider_name(self) -> &'static str {
        self.provider.map(|p| p.as_str()).unwrap_or("Default")
    }

    pub(crate) fn is_sql(self) -> bool {
        !self.is(Provider::Mongo)
    }

    pub(crate) fn supports_scalar_lists(self) -> bool {
        matches!(self.provider, Some(Provider::Postgres | Provider::Cockroach | Provider::Mongo) | None)
    }

    pub(crate) fn supports_enums(self) -> bool {
        !matches!(self.provider, Some(Provider::SqlServer))
    }

    pub(crate) fn supports_json(self) -> bool {
        !matches!(self.provider, Some(Provider::SqlServer))
    }

    pub(crate) fn supports_json_lists(self) -> bool {
        matches!(self.provider, Some(Provider::Postgres | Provider::Cockroach | Provider::Mongo) | None)
    }

    pub(crate) fn supports_decimal(self) -> bool {
        !matches!(self.provider, Some(Provider::Mongo))
    }

    pub(crate) fn supports_named_primary_keys(self) -> bool {
        matches!(self.provider, Some(Provider::Postgres | Provider::Cockroach | Provider::SqlServer) | None)
    }

    pub(crate) fn supports_named_foreign_keys(self) -> bool {
        !matches!(self.provider, Some(Provider::Mongo | Provider::Sqlite))
    }

    pub(crate) fn supports_named_default_values(self) -> bool {
        matches!(self.provider, Some(Provider::SqlServer))
    }

    pub(crate) fn supports_length_prefix(self) -> bool {
        matches!(self.provider, Some(Provider::Mysql))
    }

    pub(crate) fn supports_pk_sort_order(self) -> bool {
        matches!(self.provider, Some(Provider::SqlServer))
    }

    pub(crate) fn supports_clustering(self) -> bool {
        matches!(self.provider, Some(Provider::SqlServer))
    }

    pub(crate) fn supports_fulltext(self) -> bool {
        matches!(self.provider, Some(Provider::Mysql | Provider::Mongo))
    }

    pub(crate) fn supports_multiple_fulltext(self) -> bool {
        matches!(self.provider, Some(Provider::Mysql))
    }

    pub(crate) fn supports_fulltext_sort(self) -> bool {
        matches!(self.provider, Some(Provider::Mongo))
    }

    pub(crate) fn supports_multi_schema(self) -> bool {
        matches!(self.provider, Some(Provider::Postgres | Provider::Cockroach | Provider::SqlServer))
    }

    pub(crate) fn supports_autoincrement(self) -> bool {
        !matches!(self.provider, Some(Provider::Mongo))
    }

    /// SQLite allows `autoincrement()` only on the id; MySQL only on indexed fields.
    pub(crate) fn autoincrement_only_on_id(self) -> bool {
        matches!(self.provider, Some(Provider::Sqlite))
    }

    pub(crate) fn autoincrement_only_once(self) -> bool {
        matches!(self.provider, Some(Provider::Sqlite | Provider::Mysql | Provider::SqlServer))
    }

    pub(crate) fn autoincrement_needs_index(self) -> bool {
        matches!(self.provider, Some(Provider::Mysql | Provider::Sqlite))
    }

    pub(crate) fn supports_index_type(self, algo: &str) -> bool {
        match self.provider {
            Some(Provider::Postgres) | None => true,
            Some(Provider::Cockroach) => matches!(algo, "BTree" | "Gin"),
            _ => algo == "BTree",
        }
    }

    pub(crate) fn reference_cycle_detection(self) -> bool {
        matches!(self.provider, Some(Provider::SqlServer))
    }

    pub(crate) fn allows_relation_fields_in_arbitrary_order(self) -> bool {
        !matches!(self.provider, Some(Provider::SqlServer))
    }

    pub(crate) fn allows_set_null_on_non_nullable(self) -> bool {
        matches!(self.provider, Some(Provider::Postgres)) && self.relation_mode == RelationMode::ForeignKeys
    }

    pub(crate) fn should_suggest_missing_indexes(self) -> bool {
        self.is_sql() && self.provider.is_some() && self.relation_mode == RelationMode::Prisma
    }

    /// Actions the database (foreign keys) or Prisma (emulation) implements.
    pub(crate) fn referential_actions(self) -> Vec<ReferentialAction> {
        use ReferentialAction::*;
        match (self.relation_mode, self.provider) {
            (RelationMode::Prisma, Some(Provider::Postgres | Provider::Sqlite)) => vec![Cascade, Restrict, SetNull],
            (RelationMode::Prisma, _) => vec![Cascade, Restrict, NoAction, SetNull],
            (RelationMode::ForeignKeys, Some(Provider::SqlServer)) => vec![Cascade, NoAction, SetNull, SetDefault],
            (RelationMode::ForeignKeys, _) => ALL_ACTIONS.to_vec(),
        }
    }

    pub(crate) fn supports_action(self, action: ReferentialAction) -> bool {
        self.referential_actions().contains(&action)
    }
}

pub(crate) fn action_from_str(s: &str) -> Option<ReferentialAction> {
    Some(match s {
        "Cascade" => ReferentialAction::Cascade,
        "Restrict" => ReferentialAction::Restrict,
        "NoAction" => ReferentialAction::NoAction,
        "SetNull" => ReferentialAction::SetNull,
        "SetDefault" => ReferentialAction::SetDefault,
        _ => return None,
    })
}

pub(crate) fn action_str(a: ReferentialAction) -> &'static str {
    match a {
        ReferentialAction::Cascade => "Cascade",
        ReferentialAction::Restrict => "Restrict",
        ReferentialAction::NoAction => "NoAction",
        ReferentialAction::SetNull => "SetNull",
        ReferentialAction::SetDefault => "SetDefault",
    }
}

pub(crate) fn scalar_from_str(s: &str) -> Option<ScalarType> {
    Some(match s {
        "Int" => S::Int,
        "BigInt" => S::BigInt,
        "Float" => S::Float,
        "Decimal" => S::Decimal,
        "Boolean" => S::Boolean,
        "String" => S::String,
        "DateTime" => S::DateTime,
        "Json" => S::Json,
        "Bytes" => S::Bytes,
        _ => return None,
    })
}

pub(crate) fn scalar_str(s: ScalarType) -> &'static str {
    match s {
        S::Int => "Int",
        S::BigInt => "BigInt",
        S::Float => "Float",
        S::Decimal => "Decimal",
        S::Boolean => "Boolean",
        S::String => "String",
        S::DateTime => "DateTime",
        S::Json => "Json",
        S::Bytes => "Bytes",
    }
}
