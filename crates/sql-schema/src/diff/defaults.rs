//! Whether two column defaults are the same, following Prisma's differ: a schema file and a
//! database spell some defaults differently (datetimes, JSON, `dbgenerated()`), so a naive
//! comparison would report changes that are not there.

use super::flavour::DiffFlavour;
use crate::migration::Pair;
use crate::schema::{Column, ColumnDefault, ColumnTypeFamily, DefaultKind, Literal};

pub(crate) fn defaults_match(columns: Pair<&Column>, flavour: &dyn DiffFlavour) -> bool {
    let is_json = |c: &Column| c.tpe.family == ColumnTypeFamily::Json;
    if flavour.should_ignore_json_defaults() && (is_json(columns.previous) || is_json(columns.next))
    {
        return true;
    }

    let (prev, next) = (
        columns.previous.default.as_ref(),
        columns.next.default.as_ref(),
    );
    let names_match = prev.and_then(|d| d.constraint_name.as_ref())
        == next.and_then(|d| d.constraint_name.as_ref());
    let is_datetime = |c: &Column| c.tpe.family == ColumnTypeFamily::DateTime;
    let either_datetime = is_datetime(columns.previous) || is_datetime(columns.next);

    kinds_match(
        prev.map(kind),
        next.map(kind),
        either_datetime,
        flavour,
        names_match,
    )
}

fn kind(default: &ColumnDefault) -> &DefaultKind {
    &default.kind
}

fn kinds_match(
    prev: Option<&DefaultKind>,
    next: Option<&DefaultKind>,
    either_datetime: bool,
    flavour: &dyn DiffFlavour,
    names_match: bool,
) -> bool {
    use DefaultKind::*;

    match (prev, next) {
        (Some(DbGenerated(_)), Some(Value(Literal::List(_))))
        | (Some(Value(Literal::List(_))), Some(DbGenerated(_)))
            if either_datetime =>
        {
            true
        }
        (Some(Value(Literal::List(p))), Some(Value(Literal::List(n)))) => {
            list_defaults_match(p, n, flavour)
        }
        // A datetime value matches any other default (PostgreSQL describes datetime literals
        // as dbgenerated, and `now()` is not compared with it either): Prisma's differ cannot
        // compare datetimes and never diffs them.
        (Some(Value(Literal::DateTime(_))), Some(_)) | (Some(_), Some(Value(Literal::DateTime(_)))) => true,
        (Some(Value(p)), Some(Value(n))) => literals_match(p, n, flavour) && names_match,
        (Some(Value(_)), Some(Now) | None) => false,
        (Some(Now), Some(Now)) => true,
        (Some(Now), None | Some(Value(_))) => false,
        (Some(DbGenerated(_)), Some(Value(_) | Now) | None) => false,
        (_, Some(DbGenerated(n))) if n.is_empty() => true,
        (Some(Sequence(_)), None) => true,
        (Some(Sequence(_)), Some(Value(_) | Now)) => false,
        (None, None) => true,
        (None, Some(Value(_) | Now)) => false,
        (Some(DbGenerated(p)), Some(DbGenerated(n))) => p.eq_ignore_ascii_case(n) && names_match,
        (_, Some(DbGenerated(_))) => false,
        (_, Some(Sequence(_))) => true,
    }
}

/// Scalar literal equality with the cross-spellings a database introduces.
fn literals_match(prev: &Literal, next: &Literal, flavour: &dyn DiffFlavour) -> bool {
    use Literal::*;

    match (prev, next) {
        (Json(p), Json(n)) | (String(p), Json(n)) | (Json(p), String(n)) => {
            json_defaults_match(p, n)
        }
        // Datetimes print in too many ways to compare; Prisma never diffs them.
        (DateTime(_), _) | (_, DateTime(_)) => true,
        (String(p) | Enum(p), String(n) | Enum(n)) => p == n,
        (Int(_) | Float(_), Int(_) | Float(_)) => numbers_match(prev, next),
        (String(s) | Enum(s), Bytes(b)) | (Bytes(b), String(s) | Enum(s)) => {
            flavour.string_matches_bytes(s, b)
        }
        _ => prev == next,
    }
}

fn list_defaults_match(prev: &[Literal], next: &[Literal], flavour: &dyn DiffFlavour) -> bool {
    prev.len() == next.len()
        && prev
            .iter()
            .zip(next)
            .all(|(p, n)| literals_match(p, n, flavour))
}

/// JSON compares by value; text that does not parse is given the benefit of the doubt.
fn json_defaults_match(prev: &str, next: &str) -> bool {
    match (
        serde_json::from_str::<serde_json::Value>(prev),
        serde_json::from_str::<serde_json::Value>(next),
    ) {
        (Ok(p), Ok(n)) => p == n,
        _ => true,
    }
}

/// Numeric equality across `1`, `1.0` and `1.00` (the schema and the database print numbers
/// differently; Prisma compares decimals by value).
fn numbers_match(prev: &Literal, next: &Literal) -> bool {
    match (number_text(prev), number_text(next)) {
        (Some(p), Some(n)) => normalize_number(&p) == normalize_number(&n),
        _ => false,
    }
}

fn number_text(literal: &Literal) -> Option<String> {
    match literal {
        Literal::Int(i) => Some(i.to_string()),
        Literal::Float(f) => Some(f.clone()),
        _ => None,
    }
}

fn normalize_number(text: &str) -> String {
    let text = text.trim();
    let (sign, digits) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text.strip_prefix('+').unwrap_or(text)),
    };
    let (int_part, frac_part) = digits.split_once('.').unwrap_or((digits, ""));
    let int_part = int_part.trim_start_matches('0');
    let frac_part = frac_part.trim_end_matches('0');
    let int_part = if int_part.is_empty() { "0" } else { int_part };
    let sign = if int_part == "0" && frac_part.is_empty() {
        ""
    } else {
        sign
    };
    if frac_part.is_empty() {
        format!("{sign}{int_part}")
    } else {
        format!("{sign}{int_part}.{frac_part}")
    }
}

#[cfg(test)]
mod tests {
    use super::normalize_number;

    #[test]
    fn numbers_normalize() {
        assert_eq!(normalize_number("1.50"), "1.5");
        assert_eq!(normalize_number("001"), "1");
        assert_eq!(normalize_number("-0.0"), "0");
        assert_eq!(normalize_number("2.0"), "2");
    }
}
