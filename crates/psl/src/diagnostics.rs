//! Errors and warnings about a schema, with the span they point at.
//! Rendering them Prisma's way (`error: …` / `-->  schema.prisma:LINE` / snippet) lives here too.
//! Prisma's layout (the line before, the span highlighted in place rather than underlined with
//! carets, the lines a multi-line span covers) is not one `annotate-snippets` can produce, so it
//! is written out directly.

use crate::ast::{SourceFiles, Span};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The message exactly as Prisma words it (e.g. `Error parsing attribute "@id": …`).
    pub message: String,
    pub span: Span,
}

impl Diagnostic {
    pub fn error(message: impl Into<String>, span: Span) -> Self {
        Diagnostic { severity: Severity::Error, message: message.into(), span }
    }

    pub fn warning(message: impl Into<String>, span: Span) -> Self {
        Diagnostic { severity: Severity::Warning, message: message.into(), span }
    }
}

/// Errors and warnings collected while parsing and validating.
#[derive(Debug, Clone, Default)]
pub struct Diagnostics {
    pub errors: Vec<Diagnostic>,
    pub warnings: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn push(&mut self, d: Diagnostic) {
        match d.severity {
            Severity::Error => self.errors.push(d),
            Severity::Warning => self.warnings.push(d),
        }
    }

    pub fn has_errors(&self) -> bool {
        !self.errors.is_empty()
    }

    /// Appends all of `other`'s errors and warnings.
    pub fn extend(&mut self, other: Diagnostics) {
        self.errors.extend(other.errors);
        self.warnings.extend(other.warnings);
    }
}

/// A 1-based line and column (column counted in characters) in one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

/// Where `span` starts, as line:column. Out-of-range offsets are clamped to the file's end.
pub fn line_col(files: &SourceFiles, span: Span) -> LineCol {
    let text = files.files.get(span.file).map(|f| f.text.as_str()).unwrap_or("");
    let offset = floor_char_boundary(text, span.start);
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    LineCol { line, column: before[line_start..].chars().count() + 1 }
}

/// `path:line:column` of the start of `span`, as the CLI prints it.
pub fn location(files: &SourceFiles, span: Span) -> String {
    let path = files.files.get(span.file).map(|f| f.path.as_str()).unwrap_or("");
    let LineCol { line, column } = line_col(files, span);
    format!("{path}:{line}:{column}")
}

// ANSI styles, as Prisma's `colored` output writes them.
const BOLD: &str = "\x1b[1m";
const ERROR: &str = "\x1b[1;91m";
const WARNING: &str = "\x1b[1;93m";
const GUTTER: &str = "\x1b[1;94m";
const UNDERLINE: &str = "\x1b[4m";
const RESET: &str = "\x1b[0m";

/// Renders all diagnostics Prisma's way: warnings first, then errors, each as
///
/// ```text
/// error: <message>
///   -->  schema.prisma:LINE
///    |
///  6 | <line before>
///  7 | <line with the span>
///    |
/// ```
///
/// With `color`, the span is highlighted exactly as Prisma's terminal output does; without it,
/// the same text with no escape codes.
pub fn render(diags: &Diagnostics, files: &SourceFiles, color: bool) -> String {
    let mut out = String::new();
    for d in diags.warnings.iter().chain(&diags.errors) {
        render_one(&mut out, d, files, color);
    }
    out
}

/// Renders a single diagnostic (see [`render`]).
pub fn render_one(out: &mut String, d: &Diagnostic, files: &SourceFiles, color: bool) {
    let (file_name, text) = match files.files.get(d.span.file) {
        Some(f) => (f.path.as_str(), f.text.as_str()),
        None => ("", ""),
    };
    let style = Style { color };
    let (title, title_style) = match d.severity {
        Severity::Error => ("error", ERROR),
        Severity::Warning => ("warning", WARNING),
    };

    let start = floor_char_boundary(text, d.span.start);
    let end = floor_char_boundary(text, d.span.end.max(start));
    let start_line = text[..start].matches('\n').count();
    let end_line = text[..end].matches('\n').count();
    let lines: Vec<&str> = text.split('\n').collect();
    let line = lines.get(start_line).copied().unwrap_or("");
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let start_in_line = start - line_start;
    let end_in_line = floor_char_boundary(line, (start_in_line + (end - start)).min(line.len()));

    out.push_str(&style.paint(title_style, title));
    out.push_str(": ");
    out.push_str(&style.paint(BOLD, &d.message));
    out.push('\n');
    out.push_str(&format!(
        "  {}  {}\n",
        style.paint(GUTTER, "-->"),
        style.paint(UNDERLINE, &format!("{file_name}:{}", start_line + 1))
    ));
    out.push_str(&style.gutter(0));
    out.push('\n');
    out.push_str(&style.numbered_line(start_line, &lines));
    out.push('\n');

    let offending = &line[start_in_line..end_in_line];
    out.push_str(&style.gutter(start_line + 1));
    out.push_str(&line[..start_in_line]);
    out.push_str(&style.paint(title_style, offending));
    out.push_str(&line[end_in_line..]);
    out.push('\n');
    if offending.is_empty() {
        out.push_str(&style.gutter(0));
        out.push_str(&" ".repeat(start_in_line));
        out.push_str(&style.paint(title_style, "^ Unexpected token."));
        out.push('\n');
    }
    for line_number in start_line + 2..end_line + 2 {
        out.push_str(&style.numbered_line(line_number, &lines));
        out.push('\n');
    }
    out.push_str(&style.gutter(0));
    out.push('\n');
}

struct Style {
    color: bool,
}

impl Style {
    /// Styled text (even empty text gets the codes, as with Prisma's `colored`).
    fn paint(&self, style: &str, text: &str) -> String {
        if !self.color {
            return text.to_owned();
        }
        format!("{style}{text}{RESET}")
    }

    /// ` 7 | ` (or `   | ` for 0).
    fn gutter(&self, line_number: usize) -> String {
        let text = if line_number > 0 { format!("{line_number:2} | ") } else { "   | ".to_owned() };
        self.paint(GUTTER, &text)
    }

    /// The gutter and the text of 1-based line `line_number`, or just the gutter when there is
    /// no such line.
    fn numbered_line(&self, line_number: usize, lines: &[&str]) -> String {
        if line_number > 0 && line_number <= lines.len() {
            format!("{}{}", self.gutter(line_number), lines[line_number - 1])
        } else {
            self.gutter(line_number)
        }
    }
}

fn floor_char_boundary(text: &str, mut index: usize) -> usize {
    if index >= text.len() {
        return text.len();
    }
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}
