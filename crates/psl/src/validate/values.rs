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

/// Standard base64 with padding, as Prisma decodes `Bytes` defaults.
pub(crate) fn check_base64(s: &str) -> Result<(), String> {
    let bytes = s.as_bytes();
    let data_len = bytes.iter().rposition(|&c| c != b'=').map(|p| p + 1).unwrap_or(0);
    for (offset, &c) in bytes.iter().enumerate() {
        let valid = c.is_ascii_alphanumeric() || c == b'+' || c == b'/';
        if offset < data_len && !valid {
            return Err(format!("Invalid symbol {c}, offset {offset}."));
        }
    }
    if bytes.len().rem_euclid(4) != 0 {
        return Err("Invalid input length.".to_owned());
    }
    if bytes.len() - data_len > 2 {
        return Err("Invalid padding".to_owned());
    }
    Ok(())
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

/// Native type arguments must be nonnegative integers (SQL Server also accepts `Max`).
pub(crate) fn native_type_args(connector: Connector, type_name: &str, args: &[&Expression], span: Span, diags: &mut Diagnostics) {
    if args.is_empty() {
        return;
    }
    let allows_max = connector.provider == Some(Provider::SqlServer)
        && matches!(type_name, "VarChar" | "NVarChar" | "VarBinary");
    let rendered: Vec<String> = args.iter().map(|a| expr::render(a)).collect();
    let ok = rendered.iter().all(|a| a.parse::<u32>().is_ok() || (allows_max && a == "Max"));
    if !ok {
        diags.push(Diagnostic::error(
            format!("Expected a nonnegative integer, but found ({}).", rendered.join(", ")),
            span,
        ));
    }
}
