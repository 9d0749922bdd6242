//! sqlite: calculate. No native types, no namespaces; enums are plain TEXT columns; a
//! single-column Int primary key is the rowid alias and autoincrements (spec §6.5).

use crate::calculate::CalculateFlavour;
use psl::datamodel as dm;
use sql_schema::{ColumnTypeFamily, Literal, NativeType, SqlSchema};

pub(crate) struct SqliteCalculator;

impl CalculateFlavour for SqliteCalculator {
    fn max_identifier_length(&self) -> usize {
        10_000
    }

    fn default_native_type(&self, _scalar: dm::ScalarType) -> Option<NativeType> {
        None
    }

    fn keeps_native_types(&self) -> bool {
        false
    }

    fn enum_column_family(
        &self,
        _schema: &mut SqlSchema,
        _table: &str,
        _column: &str,
        _enm: &dm::Enum,
    ) -> ColumnTypeFamily {
        ColumnTypeFamily::String
    }

    /// The column is TEXT, so its default is the value's name as a string literal.
    fn enum_default(&self, db_value: &str) -> Literal {
        Literal::String(db_value.to_owned())
    }

    /// Only the INTEGER rowid alias autoincrements: a `BigInt @id @default(autoincrement())` is
    /// a plain `BIGINT PRIMARY KEY` (what Prisma renders, and what the database describes).
    fn can_autoincrement(&self, tpe: &dm::FieldType) -> bool {
        *tpe == dm::FieldType::Scalar(dm::ScalarType::Int)
    }

    fn is_implicit_autoincrement(&self, model: &dm::Model, field: dm::ScalarFieldId) -> bool {
        let Some(pk) = &model.primary_key else { return false };
        let is_sole_pk_field = pk.fields.len() == 1 && pk.fields[0].field == field;
        let is_int =
            model.scalar_fields.get(field).is_some_and(|f| f.r#type == dm::FieldType::Scalar(dm::ScalarType::Int));
        is_sole_pk_field && is_int
    }
}
