//! Query parameters and result values.

use std::fmt;

/// A parameter or result value. Timestamps come back as ISO 8601 text (see [`format_timestamp`]).
#[derive(Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Text(String),
    Bytes(Vec<u8>),
}

impl fmt::Debug for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Null => f.write_str("Null"),
            Value::Bool(b) => write!(f, "Bool({b})"),
            Value::Int(i) => write!(f, "Int({i})"),
            Value::Float(x) => write!(f, "Float({x})"),
            Value::Text(s) => write!(f, "Text({s:?})"),
            Value::Bytes(b) => write!(f, "Bytes({} bytes)", b.len()),
        }
    }
}

impl Value {
    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::Text(s) => Some(s),
            _ => None,
        }
    }

    /// Integers, and text holding an integer (SQLite and MySQL text results).
    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Value::Int(i) => Some(*i),
            Value::Bool(b) => Some(i64::from(*b)),
            Value::Text(s) => s.trim().parse().ok(),
            _ => None,
        }
    }

    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Value::Float(x) => Some(*x),
            Value::Int(i) => Some(*i as f64),
            Value::Text(s) => s.trim().parse().ok(),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            Value::Int(i) => Some(*i != 0),
            _ => None,
        }
    }

    /// The value as text: numbers and booleans printed, bytes decoded lossily.
    pub fn to_text(&self) -> Option<String> {
        match self {
            Value::Null => None,
            Value::Bool(b) => Some(b.to_string()),
            Value::Int(i) => Some(i.to_string()),
            Value::Float(x) => Some(x.to_string()),
            Value::Text(s) => Some(s.clone()),
            Value::Bytes(b) => Some(String::from_utf8_lossy(b).into_owned()),
        }
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Self {
        Value::Text(s.to_string())
    }
}

impl From<String> for Value {
    fn from(s: String) -> Self {
        Value::Text(s)
    }
}

impl From<i64> for Value {
    fn from(i: i64) -> Self {
        Value::Int(i)
    }
}

impl From<i32> for Value {
    fn from(i: i32) -> Self {
        Value::Int(i64::from(i))
    }
}

impl From<bool> for Value {
    fn from(b: bool) -> Self {
        Value::Bool(b)
    }
}

impl From<f64> for Value {
    fn from(x: f64) -> Self {
        Value::Float(x)
    }
}

impl<T: Into<Value>> From<Option<T>> for Value {
    fn from(v: Option<T>) -> Self {
        v.map_or(Value::Null, Into::into)
    }
}

/// Formats a civil date-time as ISO 8601: `YYYY-MM-DDTHH:MM:SS[.ffffff]` plus `Z` when `utc`.
/// Fractional seconds keep their significant digits only.
pub fn format_timestamp(date: (i64, u32, u32), time: (u32, u32, u32, u32), utc: bool) -> String {
    let (y, mo, d) = date;
    let (h, mi, s, micros) = time;
    let mut out = format!("{}T{h:02}:{mi:02}:{s:02}", format_date(y, mo, d));
    if micros > 0 {
        let frac = format!("{micros:06}");
        out.push('.');
        out.push_str(frac.trim_end_matches('0'));
    }
    if utc {
        out.push('Z');
    }
    out
}

pub(crate) fn format_date(y: i64, mo: u32, d: u32) -> String {
    if (0..=9999).contains(&y) {
        format!("{y:04}-{mo:02}-{d:02}")
    } else {
        format!("{y:+05}-{mo:02}-{d:02}")
    }
}

/// Civil date of a day count since 1970-01-01 (Howard Hinnant's algorithm).
pub(crate) fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// ISO 8601 text for microseconds since 1970-01-01T00:00:00.
pub(crate) fn timestamp_from_unix_micros(micros: i64, utc: bool) -> String {
    let secs = micros.div_euclid(1_000_000);
    let frac = micros.rem_euclid(1_000_000) as u32;
    let days = secs.div_euclid(86_400);
    let tod = secs.rem_euclid(86_400) as u32;
    format_timestamp(civil_from_days(days), (tod / 3600, tod / 60 % 60, tod % 60, frac), utc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_unix_micros() {
        assert_eq!(timestamp_from_unix_micros(0, true), "1970-01-01T00:00:00Z");
        assert_eq!(timestamp_from_unix_micros(1_700_000_000_123_000, true), "2023-11-14T22:13:20.123Z");
        assert_eq!(timestamp_from_unix_micros(-1, false), "1969-12-31T23:59:59.999999");
        assert_eq!(timestamp_from_unix_micros(951_782_400_000_000, false), "2000-02-29T00:00:00");
    }
}
