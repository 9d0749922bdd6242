//! Provider-specific index rules: PostgreSQL operator classes and index types, MySQL
//! key-length requirements.

use super::attrs::attribute_error;
use super::checks::Ctx;
use super::db::{IndexData, ModelIdx, OpClass, ScalarKind};
use crate::ast::FieldArity;
use crate::datamodel::{IndexKind, Provider, ScalarType};

const GIST_OPS: &[&str] = &["InetOps"];
const GIN_OPS: &[&str] = &["JsonbOps", "JsonbPathOps", "ArrayOps"];
const SPGIST_OPS: &[&str] = &["InetOps", "TextOps"];

/// BRIN operator classes, each with the native types it applies to.
const BRIN_OPS: &[(&str, &[&str])] = &[
    ("BitMinMaxOps", &["Bit"]),
    ("VarBitMinMaxOps", &["VarBit"]),
    ("BpcharBloomOps", &["Char"]),
    ("BpcharMinMaxOps", &["Char"]),
    ("ByteaBloomOps", &["ByteA"]),
    ("ByteaMinMaxOps", &["ByteA"]),
    ("DateBloomOps", &["Date"]),
    ("DateMinMaxOps", &["Date"]),
    ("DateMinMaxMultiOps", &["Date"]),
    ("Float4BloomOps", &["Real"]),
    ("Float4MinMaxOps", &["Real"]),
    ("Float4MinMaxMultiOps", &["Real"]),
    ("Float8BloomOps", &["DoublePrecision"]),
    ("Float8MinMaxOps", &["DoublePrecision"]),
    ("Float8MinMaxMultiOps", &["DoublePrecision"]),
    ("InetInclusionOps", &["Inet"]),
    ("InetBloomOps", &["Inet"]),
    ("InetMinMaxOps", &["Inet"]),
    ("InetMinMaxMultiOps", &["Inet"]),
    ("Int2BloomOps", &["SmallInt"]),
    ("Int2MinMaxOps", &["SmallInt"]),
    ("Int2MinMaxMultiOps", &["SmallInt"]),
    ("Int4BloomOps", &["Integer"]),
    ("Int4MinMaxOps", &["Integer"]),
    ("Int4MinMaxMultiOps", &["Integer"]),
    ("Int8BloomOps", &["BigInt"]),
    ("Int8MinMaxOps", &["BigInt"]),
    ("Int8MinMaxMultiOps", &["BigInt"]),
    ("NumericBloomOps", &["Decimal"]),
    ("NumericMinMaxOps", &["Decimal"]),
    ("NumericMinMaxMultiOps", &["Decimal"]),
    ("OidBloomOps", &["Oid"]),
    ("OidMinMaxOps", &["Oid"]),
    ("OidMinMaxMultiOps", &["Oid"]),
    ("TextBloomOps", &["Text", "VarChar"]),
    ("TextMinMaxOps", &["Text", "VarChar"]),
    ("TimestampBloomOps", &["Timestamp"]),
    ("TimestampMinMaxOps", &["Timestamp"]),
    ("TimestampMinMaxMultiOps", &["Timestamp"]),
    ("TimestampTzBloomOps", &["Timestamptz"]),
    ("TimestampTzMinMaxOps", &["Timestamptz"]),
    ("TimestampTzMinMaxMultiOps", &["Timestamptz"]),
    ("TimeBloomOps", &["Time"]),
    ("TimeMinMaxOps", &["Time"]),
    ("TimeMinMaxMultiOps", &["Time"]),
    ("TimeTzBloomOps", &["Timetz"]),
    ("TimeTzMinMaxOps", &["Timetz"]),
    ("TimeTzMinMaxMultiOps", &["Timetz"]),
    ("UuidBloomOps", &["Uuid"]),
    ("UuidMinMaxOps", &["Uuid"]),
    ("UuidMinMaxMultiOps", &["Uuid"]),
];

/// BRIN operator classes usable without a native type, on a Prisma scalar type.
const BRIN_SCALAR_OPS: &[(ScalarType, &[&str])] = &[
    (ScalarType::Float, &["Float8BloomOps", "Float8MinMaxOps", "Float8MinMaxMultiOps"]),
    (ScalarType::Int, &["Int4BloomOps", "Int4MinMaxOps", "Int4MinMaxMultiOps"]),
    (ScalarType::BigInt, &["Int8BloomOps", "Int8MinMaxOps", "Int8MinMaxMultiOps"]),
    (ScalarType::Decimal, &["NumericBloomOps", "NumericMinMaxOps", "NumericMinMaxMultiOps"]),
    (ScalarType::Bytes, &["ByteaBloomOps", "ByteaMinMaxOps"]),
    (ScalarType::String, &["TextBloomOps", "TextMinMaxOps"]),
    (ScalarType::DateTime, &["TimestampBloomOps", "TimestampMinMaxOps", "TimestampMinMaxMultiOps"]),
];

pub(crate) fn is_known_op_class(name: &str) -> bool {
    GIST_OPS.contains(&name)
        || GIN_OPS.contains(&name)
        || SPGIST_OPS.contains(&name)
        || BRIN_OPS.iter().any(|(n, _)| *n == name)
}

/// How Prisma prints an operator class in messages. Prisma's own display table prints
/// `UuidMinMaxMultiOps` as `BitMinMaxOps`; we print what Prisma prints.
fn display_op(name: &str) -> &str {
    match name {
        "UuidMinMaxMultiOps" => "BitMinMaxOps",
        other => other,
    }
}

fn op_supports_algo(op: &str, algo: &str) -> bool {
    match algo {
        "Gist" => GIST_OPS.contains(&op),
        "Gin" => GIN_OPS.contains(&op),
        "SpGist" => SPGIST_OPS.contains(&op),
        "Brin" => BRIN_OPS.iter().any(|(n, _)| *n == op),
        _ => false,
    }
}

pub(crate) fn model_connector_checks(ctx: &mut Ctx<'_, '_>, m: ModelIdx) {
    match ctx.connector.provider {
        Some(Provider::Postgres) => {
            for i in 0..ctx.db.models[m].attrs.indexes.len() {
                postgres_index(ctx, m, i);
            }
        }
        Some(Provider::Mysql) => mysql_key_lengths(ctx, m),
        Some(Provider::Mongo) => mongo_field_names(ctx, m),
        _ => {}
    }
}

fn native_name(ctx: &Ctx<'_, '_>, m: ModelIdx, f: usize) -> Option<String> {
    let native = ctx.db.models[m].scalar(f)?.native?;
    native.name.name.split_once('.').map(|(_, n)| n.to_owned())
}

fn postgres_index(ctx: &mut Ctx<'_, '_>, m: ModelIdx, i: usize) {
    let db = ctx.db;
    let model = &db.models[m];
    let index: &IndexData<'_> = &model.attrs.indexes[i];
    let algo = index.algorithm.as_deref().unwrap_or("BTree");
    let attr_name = index.attribute_name();
    let span = index.attr.span;
    let mut errors = Vec::new();

    for field in &index.fields {
        if matches!(field.ops, Some(OpClass::Raw(_))) {
            continue;
        }
        let op = match &field.ops {
            Some(OpClass::Named(n)) => Some(n.as_str()),
            _ => None,
        };
        if let Some(op) = op {
            if !op_supports_algo(op, algo) {
                errors.push(format!("The given operator class `{}` is not supported with the `{algo}` index type.", display_op(op)));
                continue;
            }
        }
        let name = model.field_name(field.field);
        let native = native_name(ctx, m, field.field);
        let ty = model.scalar(field.field).map(|s| s.ty.clone());
        let is_list = model.ast.fields[field.field].arity == FieldArity::List;
        let scalar = match &ty {
            Some(ScalarKind::BuiltIn(s)) => Some(*s),
            _ => None,
        };
        let generic = |native: Option<&str>, op: Option<&str>| -> Option<String> {
            match (native, op) {
                (Some(nt), Some(op)) => Some(format!(
                    "The given operator class `{}` does not support native type `{nt}` of field `{name}`.",
                    display_op(op)
                )),
                (Some(nt), None) => Some(format!("The {algo} index field type `{nt}` has no default operator class.")),
                (None, Some(op)) => Some(format!(
                    "The given operator class `{}` expects the field `{name}` to define a valid native type.",
                    display_op(op)
                )),
                (None, None) => {
                    let supported = match (&ty, algo) {
                        (Some(ScalarKind::Unsupported(_)), _) | (_, "BTree" | "Hash") => true,
                        (_, "Gist" | "SpGist") => scalar == Some(ScalarType::String),
                        (_, "Gin") => is_list || scalar == Some(ScalarType::Json),
                        _ => false,
                    };
                    (!supported).then(|| format!("The {algo} index type does not support the type of the field `{name}`."))
                }
            }
        };
        let nt = native.as_deref();
        let err = match algo {
            "Gist" => match (nt, op) {
                (Some("Inet"), Some("InetOps")) => None,
                _ => generic(nt, op),
            },
            "Gin" => match (nt, op) {
                (None, None) if scalar == Some(ScalarType::Json) => None,
                (_, None) if is_list => None,
                (Some("JsonB"), Some("JsonbOps" | "JsonbPathOps") | None) => None,
                (None, Some(op @ ("JsonbOps" | "JsonbPathOps"))) => (scalar != Some(ScalarType::Json))
                    .then(|| format!("The given operator class `{op}` points to the field `{name}` that is not of Json type.")),
                (_, Some("ArrayOps")) => (!is_list)
                    .then(|| format!("The given operator class `ArrayOps` expects the type of field `{name}` to be an array.")),
                _ => generic(nt, op),
            },
            "SpGist" => match (nt, op) {
                (Some("Inet"), Some("InetOps") | None) => None,
                (None, None) if scalar == Some(ScalarType::String) => None,
                (None, Some("TextOps")) => (scalar != Some(ScalarType::String))
                    .then(|| format!("The given operator class `TextOps` points to the field `{name}` that is not of String type.")),
                (Some("Text" | "VarChar" | "Char"), Some("TextOps") | None) => None,
                _ => generic(nt, op),
            },
            "Brin" => brin(nt, op, scalar, name).unwrap_or_else(|| generic(nt, op)),
            _ => None,
        };
        if let Some(e) = err {
            errors.push(e);
        }
    }
    if algo == "SpGist" && index.fields.len() > 1 {
        errors.push("SpGist does not support multi-column indices.".to_owned());
    }
    for e in errors {
        ctx.diags.push(attribute_error(attr_name, &e, span));
    }
}

/// `Some(result)` when the BRIN combination is decided here, `None` to fall back to the
/// generic error.
fn brin(nt: Option<&str>, op: Option<&str>, scalar: Option<ScalarType>, name: &str) -> Option<Option<String>> {
    match (nt, op) {
        (Some(nt), None) => BRIN_OPS.iter().any(|(_, types)| types.contains(&nt)).then_some(None),
        (Some(nt), Some(op)) => BRIN_OPS.iter().any(|(n, types)| *n == op && types.contains(&nt)).then_some(None),
        (None, None) => BRIN_SCALAR_OPS.iter().any(|(s, _)| Some(*s) == scalar).then_some(None),
        (None, Some(op)) => {
            let (expected, _) = BRIN_SCALAR_OPS.iter().find(|(_, ops)| ops.contains(&op))?;
            if Some(*expected) == scalar {
                return Some(None);
            }
            Some(Some(format!(
                "The given operator class `{op}` points to the field `{name}` that is not of {} type.",
                super::connector::scalar_str(*expected)
            )))
        }
    }
}

const MYSQL_KEYLESS: &[&str] = &["Text", "LongText", "MediumText", "TinyText", "Blob", "LongBlob", "MediumBlob", "TinyBlob"];

/// MySQL cannot index TEXT/BLOB columns without a prefix length.
fn mysql_key_lengths(ctx: &mut Ctx<'_, '_>, m: ModelIdx) {
    let db = ctx.db;
    let model = &db.models[m];
    if let Some(pk) = &model.attrs.pk {
        for f in &pk.fields {
            let Some(nt) = native_name(ctx, m, f.field) else { continue };
            if f.length.is_none() && MYSQL_KEYLESS.contains(&nt.as_str()) {
                ctx.diags.push(crate::diagnostics::Diagnostic::error(
                    format!("Native type `{nt}` of MySQL cannot be used on a field that is `@id` or `@@id`. Please use the `length` argument to the field in the index definition to allow this."),
                    pk.attr.span,
                ));
            }
        }
    }
    for index in &model.attrs.indexes {
        if index.kind == IndexKind::Fulltext {
            continue;
        }
        for f in &index.fields {
            let Some(nt) = native_name(ctx, m, f.field) else { continue };
            if f.length.is_some() || !MYSQL_KEYLESS.contains(&nt.as_str()) {
                continue;
            }
            let msg = if index.kind == IndexKind::Unique {
                format!("Native type `{nt}` cannot be unique in MySQL. Please use the `length` argument to the field in the index definition to allow this.")
            } else {
                format!("You cannot define an index on fields with native type `{nt}` of MySQL. Please use the `length` argument to the field in the index definition to allow this.")
            };
            ctx.diags.push(crate::diagnostics::Diagnostic::error(msg, index.attr.span));
        }
    }
}

/// MongoDB field names cannot contain `.` nor start with `$`.
fn mongo_field_names(ctx: &mut Ctx<'_, '_>, m: ModelIdx) {
    let model = &ctx.db.models[m];
    for (f, sf) in model.scalar_fields() {
        let Some(mapped) = &sf.mapped_name else { continue };
        let Some(attr) = model.ast.fields[f].attributes.iter().find(|a| a.name.name == "map") else { continue };
        if mapped.contains('.') {
            ctx.diags.push(attribute_error("@map", "The field name cannot contain a `.` character", attr.span));
        } else if mapped.starts_with('$') {
            ctx.diags.push(attribute_error("@map", "The field name cannot start with a `$` character", attr.span));
        }
    }
}
