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

    /// Sorted by name, as Prisma keeps the datasource's extension list (and so creates them).
    fn push_extensions(&self, datasource: &dm::Datasource, schema: &mut SqlSchema) {
        let mut extensions: Vec<Extension> = datasource
            .extensions
            .iter()
            .map(|ext| Extension {
                name: ext.db_name.clone().unwrap_or_else(|| ext.name.clone()),
                schema: ext.schema.clone(),
                version: ext.version.clone(),
            })
            .collect();
        extensions.sort_by(|a, b| a.name.cmp(&b.name));
        schema.extensions.extend(extensions);
    }

    fn operator_class(&self, written: &str) -> Option<String> {
        Some(operator_class_sql(written))
    }
}

/// `raw("text_pattern_ops")` → `text_pattern_ops`; a named class (`JsonbPathOps`,
/// `TimestampTzMinMaxMultiOps`) → PostgreSQL's name (`jsonb_path_ops`,
/// `timestamptz_minmax_multi_ops`).
fn operator_class_sql(written: &str) -> String {
    if let Some(raw) = written.strip_prefix("raw(").and_then(|r| r.strip_suffix(')')) {
        return raw.trim().trim_matches('"').to_owned();
    }
    // Split at capitals (digits stay with their word), then glue the words PostgreSQL writes
    // as one: min+max, var+bit, timestamp+tz, time+tz.
    let mut words: Vec<String> = Vec::new();
    for c in written.chars() {
        match words.last_mut() {
            Some(word) if !c.is_ascii_uppercase() => word.push(c.to_ascii_lowercase()),
            _ => words.push(c.to_ascii_lowercase().to_string()),
        }
    }
    let mut glued: Vec<String> = Vec::with_capacity(words.len());
    for word in words {
        let joins = matches!(
            (glued.last().map(String::as_str), word.as_str()),
            (Some("min"), "max") | (Some("var"), "bit") | (Some("timestamp" | "time"), "tz")
        );
        match glued.last_mut() {
            Some(last) if joins => last.push_str(&word),
            _ => glued.push(word),
        }
    }
    glued.join("_")
}

/// Whether an operator class (PostgreSQL's name) is the default one of its index method, i.e.
/// the same index as none at all: describe omits those, calculate keeps what the schema wrote
/// (render prints it), so the differ must treat the two as equal. Prisma's list: `inet_ops`
/// (default only for SP-GiST), `jsonb_ops`, `array_ops`, `text_ops`, `inet_inclusion_ops` and
/// the BRIN `*_minmax_ops`; bloom, multi-minmax, `jsonb_path_ops` and raw classes are not.
pub fn is_default_operator_class(opclass: &str, algorithm: Option<&str>) -> bool {
    match opclass {
        "inet_ops" => algorithm.is_some_and(|a| a.eq_ignore_ascii_case("SpGist")),
        "jsonb_ops" | "array_ops" | "text_ops" | "inet_inclusion_ops" => true,
        other => other.ends_with("_minmax_ops"),
    }
}

#[cfg(test)]
mod tests {
    use super::{is_default_operator_class, operator_class_sql};

    #[test]
    fn default_operator_classes() {
        assert!(is_default_operator_class("jsonb_ops", Some("Gin")));
        assert!(!is_default_operator_class("jsonb_path_ops", Some("Gin")));
        assert!(is_default_operator_class("inet_ops", Some("SpGist")));
        assert!(!is_default_operator_class("inet_ops", Some("Gist")));
        assert!(is_default_operator_class("int4_minmax_ops", Some("Brin")));
        assert!(!is_default_operator_class("int4_minmax_multi_ops", Some("Brin")));
        assert!(!is_default_operator_class("gin_trgm_ops", Some("Gin")));
    }

    #[test]
    fn operator_classes_get_postgres_names() {
        assert_eq!(operator_class_sql("raw(\"text_pattern_ops\")"), "text_pattern_ops");
        assert_eq!(operator_class_sql("JsonbPathOps"), "jsonb_path_ops");
        assert_eq!(operator_class_sql("InetOps"), "inet_ops");
        assert_eq!(operator_class_sql("VarBitMinMaxOps"), "varbit_minmax_ops");
        assert_eq!(operator_class_sql("TimestampTzMinMaxMultiOps"), "timestamptz_minmax_multi_ops");
        assert_eq!(operator_class_sql("TimeTzBloomOps"), "timetz_bloom_ops");
        assert_eq!(operator_class_sql("Float4MinMaxOps"), "float4_minmax_ops");
        assert_eq!(operator_class_sql("Int8BloomOps"), "int8_bloom_ops");
    }
}
