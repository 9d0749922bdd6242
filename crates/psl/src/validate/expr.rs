//! Expression helpers: Prisma's rendering of expressions inside messages, and the coercions
//! (`string`, `constant`, …) that report Prisma's type-mismatch errors.

use crate::ast::{ArgumentsList, Expression, Span};
use crate::diagnostics::{Diagnostic, Diagnostics};
use std::fmt::Write as _;

/// How an expression is written back in messages (`"x"`, `[a, b]`, `f(a: 1)`).
pub(crate) fn render(expr: &Expression) -> String {
    let mut out = String::new();
    render_into(expr, &mut out);
    out
}

fn render_into(expr: &Expression, out: &mut String) {
    match expr {
        Expression::NumericValue(v, _) | Expression::ConstantValue(v, _) => out.push_str(v),
        Expression::StringValue(v, _) => render_string(v, out),
        Expression::Function(name, args, _) => {
            out.push_str(name);
            out.push('(');
            render_args(args, out);
            out.push(')');
        }
        Expression::Array(items, _) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                render_into(item, out);
            }
            out.push(']');
        }
    }
}

fn render_args(args: &ArgumentsList, out: &mut String) {
    for (i, arg) in args.arguments.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        if let Some(name) = &arg.name {
            let _ = write!(out, "{}: ", name.name);
        }
        render_into(&arg.value, out);
    }
}

fn render_string(v: &str, out: &mut String) {
    out.push('"');
    for c in v.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out.push('"');
}

/// The value kind as Prisma names it in "received … value".
pub(crate) fn describe(expr: &Expression) -> &'static str {
    match expr {
        Expression::NumericValue(..) => "numeric",
        Expression::StringValue(..) => "string",
        Expression::ConstantValue(..) => "literal",
        Expression::Function(..) => "functional",
        Expression::Array(..) => "array",
    }
}

pub(crate) fn type_mismatch(expected: &str, expr: &Expression) -> Diagnostic {
    Diagnostic::error(
        format!(
            "Expected a {expected} value, but received {} value `{}`.",
            describe(expr),
            render(expr)
        ),
        expr.span(),
    )
}

pub(crate) fn as_string(expr: &Expression) -> Option<&str> {
    match expr {
        Expression::StringValue(s, _) => Some(s),
        _ => None,
    }
}

pub(crate) fn as_constant(expr: &Expression) -> Option<&str> {
    match expr {
        Expression::ConstantValue(s, _) => Some(s),
        _ => None,
    }
}

pub(crate) fn string<'a>(expr: &'a Expression, diags: &mut Diagnostics) -> Option<&'a str> {
    let s = as_string(expr);
    if s.is_none() {
        diags.push(type_mismatch("string", expr));
    }
    s
}

pub(crate) fn string_with_span<'a>(expr: &'a Expression, diags: &mut Diagnostics) -> Option<(&'a str, Span)> {
    string(expr, diags).map(|s| (s, expr.span()))
}

pub(crate) fn constant<'a>(expr: &'a Expression, diags: &mut Diagnostics) -> Option<&'a str> {
    let s = as_constant(expr);
    if s.is_none() {
        diags.push(type_mismatch("constant", expr));
    }
    s
}

pub(crate) fn boolean(expr: &Expression, diags: &mut Diagnostics) -> Option<bool> {
    let b = match as_constant(expr) {
        Some("true") => Some(true),
        Some("false") => Some(false),
        _ => None,
    };
    if b.is_none() {
        diags.push(type_mismatch("boolean", expr));
    }
    b
}

pub(crate) fn integer(expr: &Expression, diags: &mut Diagnostics) -> Option<i64> {
    let i = match expr {
        Expression::NumericValue(n, _) => n.parse::<i64>().ok(),
        _ => None,
    };
    if i.is_none() {
        diags.push(type_mismatch("numeric", expr));
    }
    i
}

/// Prisma accepts a single value where a list is expected (`fields: a` == `fields: [a]`).
pub(crate) fn array<'a, T>(
    expr: &'a Expression,
    diags: &mut Diagnostics,
    mut each: impl FnMut(&'a Expression, &mut Diagnostics) -> Option<T>,
) -> Option<Vec<T>> {
    match expr {
        Expression::Array(items, _) => {
            let mut out = Vec::with_capacity(items.len());
            let mut valid = true;
            for item in items {
                match each(item, diags) {
                    Some(v) => out.push(v),
                    None => valid = false,
                }
            }
            valid.then_some(out)
        }
        other => each(other, diags).map(|v| vec![v]),
    }
}

/// `env("X")`?
pub(crate) fn is_env(expr: &Expression) -> bool {
    matches!(expr, Expression::Function(name, _, _) if name == "env")
}
