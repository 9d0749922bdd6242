//! postgres: calculate. Enums are named types in their schema, `schemas` / `@@schema` place
//! objects in namespaces, implicit many-to-many tables get a primary key on `(A, B)`.

use crate::calculate::{CalculateFlavour, JoinTableUniqueness};
use psl::datamodel::{self as dm, Datamodel};
use sql_schema::{ColumnTypeFamily, Enum, Extension, NativeType, SqlSchema};

pub(crate) struct PostgresCalculator;

impl CalculateFlavour for PostgresCalculator {
    fn max_identifier_length(&self) -> usize {
        63
    }

    fn default_native_type(&self, scalar: dm::ScalarType) -> Option<NativeType> {
        let (name, args): (&str, &[&str]) = match scalar {
            dm::ScalarType::Int => ("Integer", &[]),
            dm::ScalarType::BigInt => ("BigInt", &[]),
            dm::ScalarType::Float => ("DoublePrecision", &[]),
            dm::ScalarType::Decimal => ("Decimal", &["65", "30"]),
            dm::ScalarType::Boolean => ("Boolean", &[]),
            dm::ScalarType::String => ("Text", &[]),
            dm::ScalarType::DateTime => ("Timestamp", &["3"]),
            dm::ScalarType::Json => ("JsonB", &[]),
            dm::ScalarType::Bytes => ("ByteA", &[]),
        };
        Some(NativeType::new(name, args))
    }

    fn push_enums(&self, datamodel: &Datamodel, schema: &mut SqlSchema) {
        schema.enums.extend(datamodel.enums.iter().map(|e| Enum {
            namespace: e.schema.clone(),
            name: e.database_name.clone(),
            values: e.values.iter().map(|v| v.database_name.clone()).collect(),
        }));
    }

    fn enum_column_family(
        &self,
        _schema: &mut SqlSchema,
        _table: &str,
        _column: &str,
        enm: &dm::Enum,
    ) -> ColumnTypeFamily {
        ColumnTypeFamily::Enum(enm.database_name.clone())
    }

    fn names_primary_keys(&self) -> bool {
        true
    }

    fn keeps_index_algorithm(&self) -> bool {
        true
    }

    fn supports_namespaces(&self) -> bool {
        true
    }

    fn join_table_uniqueness(&self) -> JoinTableUniqueness {
        JoinTableUniqueness::PrimaryKey
    }

    fn push_extensions(&self, datasource: &dm::Datasource, schema: &mut SqlSchema) {
        schema.extensions.extend(datasource.extensions.iter().map(|ext| Extension {
            name: ext.db_name.clone().unwrap_or_else(|| ext.name.clone()),
            schema: ext.schema.clone(),
            version: ext.version.clone(),
        }));
    }
}
