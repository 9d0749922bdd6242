//! Literal checks for defaults (RFC 3339 datetimes, base64, JSON) and native type arguments.

use super::connector::Connector;
use super::expr;
use crate::ast::{Expression, Span};
use crate::datamodel::Provider;
use crate::diagnostics::{Diagnostic, Diagnostics};

/// RFC 3339 as chrono parses it; the error texts are chrono's.
pub(crate) fn parse_rfc3339(s: &str) -> Result<(), &'static str> {
    let b = s.as_bytes();
    let mut i = 0;
    let digits = |i: &mut usize, n: usize| -> Result<u32, &'static str> {
        let mut v = 0u32;
        for _ in 0..n {
            match b.get(*i) {
                None => return Err("premature end of input"),
                Some(c) if c.is_ascii_digit() => v = v * 10 + u32::from(c - b'0'),
                Some(_) => return Err("input contains invalid characters"),
            }
            *i += 1;
        }
        Ok(v)
    };
    let expect = |i: &mut usize, chars: &[u8]| -> Result<(), &'static str> {
        match b.get(*i) {
            None => Err("premature end of input"),
            Some(c) if chars.contains(c) => {
                *i += 1;
                Ok(())
            }
            Some(_) => Err("input contains invalid characters"),
        }
    };
    let _year = digits(&mut i, 4)?;
    expect(&mut i, b"-")?;
    let month = digits(&mut i, 2)?;
    expect(&mut i, b"-")?;
    let day = digits(&mut i, 2)?;
    expect(&mut i, b"Tt ")?;
    let hour = digits(&mut i, 2)?;
    expect(&mut i, b":")?;
    let minute = digits(&mut i, 2)?;
    expect(&mut i, b":")?;
    let second = digits(&mut i, 2)?;
    if b.get(i) == Some(&b'.') {
        i += 1;
        let start = i;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        if i == start {
            return Err(if i >= b.len() { "premature end of input" } else { "input contains invalid characters" });
        }
    }
    match b.get(i) {
        None => return Err("premature end of input"),
        Some(b'Z' | b'z') => i += 1,
        Some(b'+' | b'-') => {
            i += 1;
            let oh = digits(&mut i, 2)?;
            expect(&mut i, b":")?;
            let om = digits(&mut i, 2)?;
            if oh > 23 || om > 59 {
                return Err("input is out of range");
            }
        }
        Some(_) => return Err("input contains invalid characters"),
    }
    if i != b.len() {
        return Err("trailing input");
    }
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) || hour > 23 || minute > 59 || second > 60 {
        return Err("input is out of range");
    }
    Ok(())
}

/// Standard base64 (padding optional), as Prisma decodes `Bytes` defaults. The error detail is
/// the one Prisma prints whatever the cause.
pub(crate) fn check_base64(s: &str) -> Result<(), String> {
    let bytes = s.trim_end_matches('=').as_bytes();
    let valid = bytes.iter().all(|&c| c.is_ascii_alphanumeric() || c == b'+' || c == b'/')
        && bytes.len().rem_euclid(4) != 1
        && s.len() - bytes.len() <= 2;
    if valid {
        Ok(())
    } else {
        Err("Could not convert from `base64 encoded bytes` to `PrismaValue::Bytes`".to_owned())
    }
}

/// A small JSON well-formedness check (Prisma parses Json defaults with serde_json).
pub(crate) fn check_json(s: &str) -> Result<(), String> {
    let mut p = JsonParser { b: s.as_bytes(), i: 0 };
    p.ws();
    p.value()?;
    p.ws();
    if p.i != p.b.len() {
        return Err(p.err("trailing characters"));
    }
    Ok(())
}

struct JsonParser<'s> {
    b: &'s [u8],
    i: usize,
}

impl JsonParser<'_> {
    fn err(&self, what: &str) -> String {
        let upto = &self.b[..self.i.min(self.b.len())];
        let line = upto.iter().filter(|&&c| c == b'\n').count() + 1;
        let col = upto.iter().rev().take_while(|&&c| c != b'\n').count() + 1;
        format!("{what} at line {line} column {col}")
    }

    fn ws(&mut self) {
        while self.b.get(self.i).is_some_and(|c| matches!(c, b' ' | b'\n' | b'\r' | b'\t')) {
            self.i += 1;
        }
    }

    fn value(&mut self) -> Result<(), String> {
        match self.b.get(self.i) {
            None => Err(self.err("EOF while parsing a value")),
            Some(b'{') => self.object(),
            Some(b'[') => self.array(),
            Some(b'"') => self.string(),
            Some(b't') => self.literal("true"),
            Some(b'f') => self.literal("false"),
            Some(b'n') => self.literal("null"),
            Some(c) if *c == b'-' || c.is_ascii_digit() => self.number(),
            Some(_) => Err(self.err("expected value")),
        }
    }

    fn literal(&mut self, lit: &str) -> Result<(), String> {
        if self.b[self.i..].starts_with(lit.as_bytes()) {
            self.i += lit.len();
            Ok(())
        } else {
            Err(self.err("expected ident"))
        }
    }

    fn number(&mut self) -> Result<(), String> {
        if self.b.get(self.i) == Some(&b'-') {
            self.i += 1;
        }
        let start = self.i;
        while self.b.get(self.i).is_some_and(|c| c.is_ascii_digit() || matches!(c, b'.' | b'e' | b'E' | b'+' | b'-')) {
            self.i += 1;
        }
        if self.i == start {
            return Err(self.err("invalid number"));
        }
        Ok(())
    }

    fn string(&mut self) -> Result<(), String> {
        self.i += 1;
        loop {
            match self.b.get(self.i) {
                None => return Err(self.err("EOF while parsing a string")),
                Some(b'"') => {
                    self.i += 1;
                    return Ok(());
                }
                Some(b'\\') => self.i += 2,
                Some(_) => self.i += 1,
            }
        }
    }

    fn array(&mut self) -> Result<(), String> {
        self.i += 1;
        self.ws();
        if self.b.get(self.i) == Some(&b']') {
            self.i += 1;
            return Ok(());
        }
        loop {
            self.ws();
            self.value()?;
            self.ws();
            match self.b.get(self.i) {
                Some(b',') => self.i += 1,
                Some(b']') => {
                    self.i += 1;
                    return Ok(());
                }
                None => return Err(self.err("EOF while parsing a list")),
                Some(_) => return Err(self.err("expected `,` or `]`")),
            }
        }
    }

    fn object(&mut self) -> Result<(), String> {
        self.i += 1;
        self.ws();
        if self.b.get(self.i) == Some(&b'}') {
            self.i += 1;
            return Ok(());
        }
        loop {
            self.ws();
            if self.b.get(self.i) != Some(&b'"') {
                return Err(self.err("key must be a string"));
            }
            self.string()?;
            self.ws();
            if self.b.get(self.i) != Some(&b':') {
                return Err(self.err("expected `:`"));
            }
            self.i += 1;
            self.ws();
            self.value()?;
            self.ws();
            match self.b.get(self.i) {
                Some(b',') => self.i += 1,
                Some(b'}') => {
                    self.i += 1;
                    return Ok(());
                }
                None => return Err(self.err("EOF while parsing an object")),
                Some(_) => return Err(self.err("expected `,` or `}`")),
            }
        }
    }
}

/// Native type arguments: nonnegative integers (SQL Server also accepts `Max`), in range.
pub(crate) fn native_type_args(connector: Connector, type_name: &str, args: &[&Expression], span: Span, diags: &mut Diagnostics) {
    if args.is_empty() {
        return;
    }
    let allows_max = connector.provider == Some(Provider::SqlServer)
        && matches!(type_name, "VarChar" | "NVarChar" | "VarBinary");
    let rendered: Vec<String> = args.iter().map(|a| expr::render(a)).collect();
    let found = format!("({})", rendered.join(", "));
    let ok = rendered.iter().all(|a| a.parse::<u32>().is_ok() || (allows_max && a == "Max"));
    let two_args = type_name == "Decimal" && matches!(connector.provider, Some(Provider::Postgres | Provider::Cockroach | Provider::Mysql | Provider::SqlServer));
    if two_args && (rendered.len() != 2 || !ok) {
        diags.push(Diagnostic::error(format!("Expected two nonnegative integers, but found {found}."), span));
        return;
    }
    if !ok {
        diags.push(Diagnostic::error(format!("Expected a nonnegative integer, but found {found}."), span));
        return;
    }
    let nums: Vec<u32> = rendered.iter().filter_map(|a| a.parse().ok()).collect();
    if let Some(message) = out_of_range(connector.provider, type_name, &nums) {
        diags.push(Diagnostic::error(message, span));
    }
}

/// Prisma's range checks on native type arguments.
fn out_of_range(provider: Option<Provider>, type_name: &str, args: &[u32]) -> Option<String> {
    let (db, full) = match provider {
        Some(Provider::Postgres) => ("Postgres", format!("{type_name}({})", join(args))),
        Some(Provider::Mysql) => ("MySQL", format!("{type_name}({})", join(args))),
        _ => return None,
    };
    let first = *args.first()?;
    let range = |what: &str, lo: u32, hi: u32| -> Option<String> {
        let hi_text = group_thousands(hi);
        Some(format!("Argument M is out of range for native type `{full}` of {db}: {what} can range from {lo} to {hi_text}."))
    };
    match (provider, type_name) {
        (Some(Provider::Postgres), "Timestamp" | "Timestamptz" | "Time" | "Timetz") if first > 6 => range("M", 0, 6),
        (Some(Provider::Mysql), "Time" | "DateTime" | "Timestamp") if first > 6 => range("M", 0, 6),
        (Some(Provider::Mysql), "VarChar") if first > 65_535 => range("M", 0, 65_535),
        (Some(Provider::Mysql), "Char") if first > 255 => range("M", 0, 255),
        (Some(Provider::Mysql), "Decimal") if !(1..=65).contains(&first) => range("Precision", 1, 65),
        (Some(Provider::Mysql), "Decimal") if args.get(1).is_some_and(|s| *s > 30) => range("Scale", 0, 30),
        _ => None,
    }
}

fn join(args: &[u32]) -> String {
    args.iter().map(u32::to_string).collect::<Vec<_>>().join(",")
}

fn group_thousands(n: u32) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        // A comma before every group of three digits counted from the right.
        if i > 0 && (digits.len() - i).rem_euclid(3) == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}
