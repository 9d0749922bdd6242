//! mysql: pull (SqlSchema → schema language: native types and defaults).

use sql_schema::{Column, ColumnTypeFamily, DefaultKind, NativeType};

use crate::pull::{dbgenerated, literal_text, native_text};

/// The native type MySQL gets for a field without `@db.*`.
fn provider_default(family: &ColumnTypeFamily) -> Option<NativeType> {
    use ColumnTypeFamily as F;
    let native = match family {
        F::String => NativeType::new("VarChar", &["191"]),
        F::Int => NativeType::new("Int", &[]),
        F::BigInt => NativeType::new("BigInt", &[]),
        F::Float => NativeType::new("Double", &[]),
        F::Decimal => NativeType::new("Decimal", &["65", "30"]),
        F::Boolean => NativeType::new("TinyInt", &[]),
        F::DateTime => NativeType::new("DateTime", &["3"]),
        F::Binary => NativeType::new("LongBlob", &[]),
        F::Json => NativeType::new("Json", &[]),
        F::Uuid | F::Enum(_) | F::Unsupported(_) => return None,
    };
    Some(native)
}

/// `VarChar(255)` where the column's type is not the provider default.
pub(crate) fn native_type(column: &Column) -> Option<String> {
    let native = column.tpe.native.as_ref()?;
    if provider_default(&column.tpe.family).as_ref() == Some(native) {
        return None;
    }
    Some(native_text(native))
}

/// The `@default(…)` argument for a described default.
pub(crate) fn default_value(column: &Column, kind: &DefaultKind, enum_value: &dyn Fn(&str) -> String) -> Option<String> {
    match kind {
        DefaultKind::Value(literal) => Some(literal_text(literal, enum_value)),
        DefaultKind::Now if column.tpe.family == ColumnTypeFamily::DateTime => Some("now()".to_owned()),
        DefaultKind::Now => Some(dbgenerated("CURRENT_TIMESTAMP")),
        DefaultKind::Sequence(_) => Some("autoincrement()".to_owned()),
        DefaultKind::DbGenerated(expr) => Some(dbgenerated(expr)),
    }
}
