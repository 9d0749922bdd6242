//! The attribute checks Prisma makes while resolving a schema (before validation proper).
//! When one fails, Prisma's formatter only lays the schema out and completes no relation, so
//! the formatter needs the same verdict. Only the verdict matters here; the messages come
//! from validation.

use crate::ast::*;
use std::collections::HashSet;

const FIELD_ATTRIBUTES: [&str; 8] = ["id", "unique", "default", "map", "updatedAt", "ignore", "relation", "shardKey"];
const MODEL_ATTRIBUTES: [&str; 8] = ["id", "unique", "index", "fulltext", "map", "ignore", "schema", "shardKey"];
const REPEATABLE_MODEL_ATTRIBUTES: [&str; 3] = ["unique", "index", "fulltext"];
const ENUM_ATTRIBUTES: [&str; 2] = ["map", "schema"];

/// Whether every attribute of the schema is known, not repeated, and has arguments of the
/// right shape.
pub(super) fn attributes_are_valid(schema: &Schema) -> bool {
    let enums: Vec<&Enum> = schema
        .files
        .iter()
        .flat_map(|f| &f.tops)
        .filter_map(|t| if let Top::Enum(e) = t { Some(e) } else { None })
        .collect();
    schema.files.iter().flat_map(|f| &f.tops).all(|top| match top {
        Top::Model(m) => model_is_valid(m, &enums),
        Top::CompositeType(c) => c.fields.iter().all(|f| field_is_valid(f, &enums)),
        Top::Enum(e) => enum_is_valid(e),
        Top::Source(_) | Top::Generator(_) => true,
    })
}

fn model_is_valid(model: &Model, enums: &[&Enum]) -> bool {
    let id_fields = model.fields.iter().filter(|f| f.attributes.iter().any(|a| a.name.name == "id")).count();
    let block_id = model.attributes.iter().any(|a| a.name.name == "id");
    if id_fields + usize::from(block_id) > 1 {
        return false;
    }
    let mut seen = HashSet::new();
    let blocks_ok = model.attributes.iter().all(|attr| {
        let name = attr.name.name.as_str();
        let unique_ok = REPEATABLE_MODEL_ATTRIBUTES.contains(&name) || seen.insert(name);
        unique_ok && MODEL_ATTRIBUTES.contains(&name) && model_attribute_args_ok(attr)
    });
    blocks_ok && model.fields.iter().all(|f| field_is_valid(f, enums))
}

fn enum_is_valid(e: &Enum) -> bool {
    let mut seen = HashSet::new();
    let blocks_ok = e.attributes.iter().all(|attr| {
        let name = attr.name.name.as_str();
        seen.insert(name) && ENUM_ATTRIBUTES.contains(&name) && (name != "map" || string_argument(attr))
    });
    blocks_ok
        && e.values.iter().all(|v| {
            let mut seen = HashSet::new();
            v.attributes.iter().all(|a| seen.insert(a.name.name.as_str()) && a.name.name == "map" && string_argument(a))
        })
}

fn field_is_valid(field: &Field, enums: &[&Enum]) -> bool {
    let mut seen = HashSet::new();
    field.attributes.iter().all(|attr| {
        let name = attr.name.name.as_str();
        if !seen.insert(name) {
            return false;
        }
        if name.contains('.') {
            return true; // native types are checked by validation
        }
        FIELD_ATTRIBUTES.contains(&name) && field_attribute_ok(field, attr, enums)
    })
}

fn field_attribute_ok(field: &Field, attr: &Attribute, enums: &[&Enum]) -> bool {
    let args = &attr.arguments;
    match attr.name.name.as_str() {
        "id" | "unique" => only_named(args, &["map", "length", "sort", "clustered"]),
        "map" => string_argument(attr),
        "updatedAt" => type_name(field) == Some("DateTime") && args.arguments.is_empty(),
        "default" => default_ok(field, args, enums),
        _ => true,
    }
}

fn model_attribute_args_ok(attr: &Attribute) -> bool {
    let args = &attr.arguments;
    match attr.name.name.as_str() {
        "id" | "unique" => fields_then_named(args, &["fields", "name", "map", "clustered"]),
        "index" => fields_then_named(args, &["fields", "name", "map", "type", "clustered", "where"]),
        "fulltext" => fields_then_named(args, &["fields", "map"]),
        "map" => string_argument(attr),
        _ => true,
    }
}

/// At most one positional argument (the field list), then only the given named ones.
fn fields_then_named(args: &ArgumentsList, allowed: &[&str]) -> bool {
    args.arguments.iter().filter(|a| a.name.is_none()).count() <= 1
        && args.arguments.iter().all(|a| a.name.as_ref().filter(|n| !allowed.contains(&n.name.as_str())).is_none())
}

fn only_named(args: &ArgumentsList, allowed: &[&str]) -> bool {
    args.arguments.iter().all(|a| a.name.as_ref().is_some_and(|n| allowed.contains(&n.name.as_str())))
}

/// `@map("x")` / `@map(name: "x")`.
fn string_argument(attr: &Attribute) -> bool {
    let args = &attr.arguments.arguments;
    args.len() == 1
        && args[0].name.as_ref().filter(|n| n.name != "name").is_none()
        && matches!(args[0].value, Expression::StringValue(..))
}

/// The default value fits the field type (unknown functions are left to validation).
fn default_ok(field: &Field, args: &ArgumentsList, enums: &[&Enum]) -> bool {
    let mut value = None;
    for arg in &args.arguments {
        match &arg.name {
            None if value.is_none() => value = Some(&arg.value),
            Some(n) if n.name == "map" => {}
            _ => return false,
        }
    }
    let Some(value) = value else {
        return false;
    };
    if field.arity == FieldArity::List {
        return true;
    }
    let Some(ty) = type_name(field) else {
        return true;
    };
    match value {
        Expression::Function(name, _, _) => function_fits(name, ty),
        Expression::NumericValue(..) => matches!(ty, "Int" | "BigInt" | "Float" | "Decimal") || !is_scalar(ty),
        Expression::StringValue(..) => !matches!(ty, "Int" | "BigInt" | "Boolean") && !is_enum(ty, enums),
        Expression::ConstantValue(v, _) => match ty {
            "Boolean" => v == "true" || v == "false",
            _ if is_enum(ty, enums) => enums.iter().any(|e| e.name.name == ty && e.values.iter().any(|x| x.name.name == *v)),
            _ => !is_scalar(ty),
        },
        Expression::Array(..) => !is_scalar(ty) && !is_enum(ty, enums),
    }
}

fn function_fits(name: &str, ty: &str) -> bool {
    match name {
        "autoincrement" | "sequence" => matches!(ty, "Int" | "BigInt"),
        "cuid" | "uuid" | "nanoid" | "ulid" => ty == "String",
        "now" => ty == "DateTime",
        _ => true,
    }
}

fn is_scalar(ty: &str) -> bool {
    matches!(ty, "String" | "Boolean" | "Int" | "BigInt" | "Float" | "Decimal" | "DateTime" | "Json" | "Bytes")
}

fn is_enum(ty: &str, enums: &[&Enum]) -> bool {
    enums.iter().any(|e| e.name.name == ty)
}

fn type_name(field: &Field) -> Option<&str> {
    match &field.field_type {
        FieldType::Supported(id) => Some(id.name.as_str()),
        FieldType::Unsupported(..) => None,
    }
}
