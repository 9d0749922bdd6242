//! `@default(…)`: typing of literals and functions against the field type, Prisma's messages.

use super::attrs::{attribute_error, Args};
use super::connector::scalar_str;
use super::db::{Db, DefaultData, FieldIdx, ModelIdx, ScalarKind};
use super::expr;
use crate::ast::{Argument, Expression, FieldArity};
use crate::datamodel::ScalarType;
use crate::diagnostics::Diagnostics;

pub(crate) const KNOWN_FUNCTIONS: &[&str] =
    &["autoincrement", "ulid", "cuid", "dbgenerated", "nanoid", "now", "uuid", "auto"];

pub(crate) fn visit_default<'a>(
    db: &Db<'a>,
    m: ModelIdx,
    f: FieldIdx,
    ty: &ScalarKind,
    args: &mut Args<'a>,
    diags: &mut Diagnostics,
) -> Option<DefaultData<'a>> {
    let value = match args.default_arg("value") {
        Ok(v) => v,
        Err(e) => {
            diags.push(e);
            return None;
        }
    };
    let mapped_name = match args.optional("map").and_then(|e| expr::string(e, diags)) {
        Some("") => {
            diags.push(args.error("The `map` argument cannot be an empty string."));
            None
        }
        Some(s) => Some(s.to_owned()),
        None => None,
    };
    let arity = db.models[m].ast.fields[f].arity;
    let ok = DefaultData { value, mapped_name: mapped_name.clone(), attr: args.attr };

    if let Expression::Function(name, fargs, _) = value {
        if name == "dbgenerated" {
            return dbgenerated_args(&fargs.arguments, args, diags).then_some(ok);
        }
    }
    let accepted = match ty {
        ScalarKind::Composite(_) => {
            let model = &db.models[m];
            diags.push(crate::diagnostics::Diagnostic::error(
                format!(
                    "Error validating field `{}` in composite type `{}`: Defaults on fields of type composite are not supported. Please remove the `@default` attribute.",
                    model.field_name(f),
                    model.name()
                ),
                args.attr.span,
            ));
            false
        }
        ScalarKind::Enum(e) => {
            let values: Vec<&str> = db.enums[*e].ast.values.iter().map(|v| v.name.name.as_str()).collect();
            if arity == FieldArity::List {
                enum_list_default(value, &values, args, diags)
            } else {
                enum_default(value, &values, args, diags)
            }
        }
        ScalarKind::BuiltIn(st) => builtin_default(*st, value, mapped_name.is_some(), arity, args, diags),
        ScalarKind::Unsupported(_) => {
            diags.push(args.error("Only @default(dbgenerated(\"...\")) can be used for Unsupported types."));
            false
        }
    };
    accepted.then_some(ok)
}

fn builtin_default(
    st: ScalarType,
    value: &Expression,
    named: bool,
    arity: FieldArity,
    args: &Args<'_>,
    diags: &mut Diagnostics,
) -> bool {
    let Expression::Function(name, fargs, _) = value else {
        if arity == FieldArity::List {
            return list_default(st, value, args, diags);
        }
        if matches!(value, Expression::Array(..)) {
            diags.push(args.error("The default value of a non-list field cannot be a list."));
            return false;
        }
        return scalar_literal(st, value, args, diags);
    };
    let fargs = &fargs.arguments;
    match (st, name.as_str()) {
        (_, "autoincrement") if named => {
            diags.push(args.error("Naming an autoincrement default value is not allowed."));
            false
        }
        (ScalarType::Int | ScalarType::BigInt, "autoincrement") => empty_args(name, fargs, args, diags),
        (ScalarType::String, "ulid") => empty_args(name, fargs, args, diags),
        (ScalarType::String, "cuid") => uid_args(name, fargs, &[1, 2], args, diags),
        (ScalarType::String, "uuid") => uid_args(name, fargs, &[4, 7], args, diags),
        (ScalarType::String, "nanoid") => nanoid_args(fargs, args, diags),
        (ScalarType::DateTime, "now") => empty_args(name, fargs, args, diags),
        (_, "auto") => {
            if fargs.is_empty() {
                true
            } else {
                diags.push(args.error("`auto()` takes no arguments"));
                false
            }
        }
        // Unknown functions are judged by the connector later.
        (_, n) if !KNOWN_FUNCTIONS.contains(&n) => true,
        (st, n) => {
            diags.push(args.error(&format!(
                "The function `{n}()` cannot be used on fields of type `{}`.",
                scalar_str(st)
            )));
            false
        }
    }
}

fn scalar_literal(st: ScalarType, value: &Expression, args: &Args<'_>, diags: &mut Diagnostics) -> bool {
    use ScalarType as S;
    match (st, value) {
        (S::String | S::Json | S::Bytes | S::DateTime, Expression::StringValue(..))
        | (S::Int | S::BigInt | S::Float | S::Decimal, Expression::NumericValue(..))
        | (S::Decimal, Expression::StringValue(..)) => true,
        (S::Boolean, Expression::ConstantValue(v, span)) => {
            if v == "true" || v == "false" {
                true
            } else {
                diags.push(attribute_error("@default", "A boolean literal must be `true` or `false`.", *span));
                false
            }
        }
        (st, value) => {
            diags.push(args.error(&format!(
                "Expected a {} value, but found `{}`.",
                scalar_str(st),
                expr::render(value)
            )));
            false
        }
    }
}

fn list_default(st: ScalarType, value: &Expression, args: &Args<'_>, diags: &mut Diagnostics) -> bool {
    let Expression::Array(values, _) = value else {
        diags.push(args.error("The default value of a list field must be a list."));
        return false;
    };
    values.iter().all(|v| scalar_literal(st, v, args, diags))
}

fn enum_default(value: &Expression, values: &[&str], args: &Args<'_>, diags: &mut Diagnostics) -> bool {
    match value {
        Expression::ConstantValue(v, _) if values.contains(&v.as_str()) => true,
        Expression::ConstantValue(v, _) => {
            diags.push(args.error(&format!(
                "The defined default value `{v}` is not a valid value of the enum specified for the field."
            )));
            false
        }
        bad => {
            diags.push(args.error(&format!("Expected an enum value, but found `{}`.", expr::render(bad))));
            false
        }
    }
}

fn enum_list_default(value: &Expression, values: &[&str], args: &Args<'_>, diags: &mut Diagnostics) -> bool {
    match value {
        Expression::Array(items, _) => items.iter().all(|v| enum_default(v, values, args, diags)),
        bad => {
            diags.push(args.error(&format!("Expected an enum value, but found `{}`.", expr::render(bad))));
            false
        }
    }
}

fn empty_args(name: &str, fargs: &[Argument], args: &Args<'_>, diags: &mut Diagnostics) -> bool {
    if fargs.is_empty() {
        return true;
    }
    diags.push(args.error(&format!(
        "The `{name}` function does not take any argument. Consider changing this default to `{name}()`."
    )));
    false
}

fn uid_args(name: &str, fargs: &[Argument], valid: &[u8], args: &Args<'_>, diags: &mut Diagnostics) -> bool {
    let single = || diags_msg(&format!("`{name}()` takes a single Int argument."));
    if fargs.len() > 1 {
        diags.push(args.error(&single()));
    }
    match fargs.first().map(|a| &a.value) {
        None => true,
        Some(Expression::NumericValue(v, _)) => match v.parse::<u8>().ok() {
            Some(v) if valid.contains(&v) => true,
            _ => {
                let list = match valid {
                    [a, b] => format!("{a} or {b}"),
                    _ => valid.iter().map(u8::to_string).collect::<Vec<_>>().join(", "),
                };
                diags.push(args.error(&format!(
                    "`{name}()` takes either no argument, or a single integer argument which is either {list}."
                )));
                false
            }
        },
        Some(_) => {
            diags.push(args.error(&single()));
            false
        }
    }
}

fn diags_msg(s: &str) -> String {
    s.to_owned()
}

fn nanoid_args(fargs: &[Argument], args: &Args<'_>, diags: &mut Diagnostics) -> bool {
    if fargs.len() > 1 {
        diags.push(args.error("`nanoid()` takes a single Int argument."));
    }
    match fargs.first().map(|a| &a.value) {
        None => true,
        Some(Expression::NumericValue(v, _)) => match v.parse::<u8>().ok() {
            Some(v) if v >= 2 => true,
            _ => {
                diags.push(args.error(
                    "`nanoid()` takes either no argument, or a single integer argument between 2 and 255.",
                ));
                false
            }
        },
        Some(_) => {
            diags.push(args.error("`nanoid()` takes a single Int argument."));
            false
        }
    }
}

fn dbgenerated_args(fargs: &[Argument], args: &Args<'_>, diags: &mut Diagnostics) -> bool {
    if fargs.len() > 1 {
        diags.push(args.error("`dbgenerated()` takes a single String argument"));
    }
    match fargs.first().map(|a| &a.value) {
        Some(Expression::StringValue(v, _)) if v.is_empty() => {
            diags.push(args.error("dbgenerated() takes either no argument, or a single nonempty string argument."));
            false
        }
        None | Some(Expression::StringValue(..)) => true,
        _ => {
            diags.push(args.error("`dbgenerated()` takes a single String argument"));
            false
        }
    }
}
