//! mysql: calculate. Enums are inline column types: each enum-typed column gets its own enum,
//! named `{table}_{column}`; there are no namespaces and no named primary keys.

use crate::calculate::CalculateFlavour;
use psl::datamodel as dm;
use sql_schema::{ColumnTypeFamily, Enum, NativeType, SqlSchema};

pub(crate) struct MysqlCalculator;

impl CalculateFlavour for MysqlCalculator {
    fn max_identifier_length(&self) -> usize {
        64
    }

    fn default_native_type(&self, scalar: dm::ScalarType) -> Option<NativeType> {
        let (name, args): (&str, &[&str]) = match scalar {
            dm::ScalarType::Int => ("Int", &[]),
            dm::ScalarType::BigInt => ("BigInt", &[]),
            dm::ScalarType::Float => ("Double", &[]),
            dm::ScalarType::Decimal => ("Decimal", &["65", "30"]),
            dm::ScalarType::Boolean => ("TinyInt", &[]),
            dm::ScalarType::String => ("VarChar", &["191"]),
            dm::ScalarType::DateTime => ("DateTime", &["3"]),
            dm::ScalarType::Json => ("Json", &[]),
            dm::ScalarType::Bytes => ("LongBlob", &[]),
        };
        Some(NativeType::new(name, args))
    }

    fn enum_column_family(
        &self,
        schema: &mut SqlSchema,
        table: &str,
        column: &str,
        enm: &dm::Enum,
    ) -> ColumnTypeFamily {
        let name = format!("{table}_{column}");
        schema.enums.push(Enum {
            namespace: None,
            name: name.clone(),
            values: enm.values.iter().map(|v| v.database_name.clone()).collect(),
        });
        ColumnTypeFamily::Enum(name)
    }
}
