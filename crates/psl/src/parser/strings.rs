//! String literal unescaping with JSON rules (RFC 8259 §7), reporting bad escapes the way
//! Prisma does.

use crate::ast::{FileId, Span};
use crate::diagnostics::{Diagnostic, Diagnostics};

const UNKNOWN_ESCAPE: &str =
    r"Unknown escape sequence. If the value is a windows-style path, `\` must be escaped as `\\`.";
const INVALID_UNICODE: &str = "Invalid unicode escape sequence.";

/// Unescapes `content` (the text between the quotes), which starts at byte `offset` of `file`.
pub(crate) fn unescape(content: &str, offset: usize, file: FileId, diags: &mut Diagnostics) -> String {
    let mut out = String::with_capacity(content.len());
    let mut chars = content.char_indices();
    while let Some((start, c)) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let Some((_, escaped)) = chars.next() else {
            break;
        };
        match escaped {
            '"' => out.push('"'),
            '\\' => out.push('\\'),
            '/' => out.push('/'),
            'b' => out.push('\u{0008}'),
            'f' => out.push('\u{000C}'),
            'n' => out.push('\n'),
            'r' => out.push('\r'),
            't' => out.push('\t'),
            'u' => {
                let (advance, decoded) = unicode_escape(&content[start..], offset + start, file, diags);
                if let Some(decoded) = decoded {
                    out.push(decoded);
                }
                for _ in 0..advance.saturating_sub(2) {
                    chars.next();
                }
            }
            other => {
                let begin = offset + start;
                let span = Span::new(file, begin, begin + 1 + other.len_utf8());
                diags.push(Diagnostic::error(UNKNOWN_ESCAPE, span));
            }
        }
    }
    out
}

/// Decodes `\uXXXX` (or a UTF-16 surrogate pair `\uXXXX\uXXXX`) at the start of `slice`.
/// Returns how many bytes of `slice` it covers and the character, if valid.
fn unicode_escape(slice: &str, offset: usize, file: FileId, diags: &mut Diagnostics) -> (usize, Option<char>) {
    let mut report = |consumed: usize| {
        let end = (offset + slice.len()).min(offset + consumed);
        diags.push(Diagnostic::error(INVALID_UNICODE, Span::new(file, offset, end)));
    };
    let (consumed, first) = codepoint(slice);
    let Some(first) = first else {
        report(consumed.max(2));
        return (consumed, None);
    };
    if let Some(c) = char::from_u32(first.into()) {
        return (6, Some(c));
    }
    let (second_consumed, second) = codepoint(slice.get(6..).unwrap_or(""));
    let Some(second) = second else {
        report(consumed);
        return (consumed, None);
    };
    match char::decode_utf16([first, second]).next() {
        Some(Ok(c)) => (consumed * 2, Some(c)),
        _ => {
            report(consumed + second_consumed);
            (consumed * 2, None)
        }
    }
}

/// Parses `\uXXXX`: (bytes consumed, value). On failure, the bytes that looked right.
fn codepoint(slice: &str) -> (usize, Option<u16>) {
    if slice.len() < 4 || !slice.starts_with("\\u") {
        return (0, None);
    }
    let mut value = 0u16;
    let mut digits = slice[2..].chars();
    for i in 0..4u16 {
        match digits.next().and_then(|c| c.to_digit(16)) {
            // A hex digit is < 16, so this fits in u16.
            Some(nibble) => value += (nibble as u16) << ((3 - i) * 4),
            None => return (2 + i as usize, None),
        }
    }
    (6, Some(value))
}
