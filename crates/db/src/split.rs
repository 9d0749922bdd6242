//! A lexer-based statement splitter: finds the `;` that end statements, skipping strings,
//! quoted identifiers, dollar-quoted bodies, comments and `BEGIN … END` bodies.

use crate::DbKind;

/// One statement of a script.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Statement {
    /// The statement text, from its first token to just before its terminating `;`.
    pub text: String,
    /// Byte offset of `text` in the script.
    pub start: usize,
    /// 1-based line of the statement's first token.
    pub line: usize,
}

/// Splits a script into statements. Comments between statements are dropped; empty statements
/// (a lone `;`) are skipped. A `;` inside parentheses never ends a statement (PostgreSQL rules:
/// `CREATE RULE … DO ALSO (INSERT …; UPDATE …)`).
pub fn split_statements(script: &str, kind: DbKind) -> Vec<Statement> {
    let mut lexer = Lexer::new(script, kind);
    let mut out = Vec::new();
    let mut lines = LineCounter::default();
    let mut start: Option<usize> = None;
    let mut last_end = 0;
    let mut block = BlockTracker::default();
    let mut parens: usize = 0;
    while let Some(token) = lexer.next_token() {
        match token.kind {
            TokenKind::Space | TokenKind::Comment => continue,
            TokenKind::Semicolon if !block.inside() && parens == 0 => {
                if let Some(s) = start.take() {
                    out.push(make_statement(script, s, last_end, &mut lines));
                }
                block = BlockTracker::default();
                continue;
            }
            TokenKind::Word => block.word(&script[token.start..token.end], kind),
            TokenKind::Other => match &script[token.start..token.end] {
                "(" => parens += 1,
                ")" => parens = parens.saturating_sub(1),
                _ => {}
            },
            _ => {}
        }
        start.get_or_insert(token.start);
        last_end = token.end;
    }
    if let Some(s) = start {
        out.push(make_statement(script, s, last_end, &mut lines));
    }
    out
}

/// Counts lines incrementally, so numbering all statements stays linear in the script size.
#[derive(Default)]
struct LineCounter {
    offset: usize,
    line: usize,
}

impl LineCounter {
    /// The 1-based line of `offset`; offsets must not decrease between calls.
    fn line_at(&mut self, script: &str, offset: usize) -> usize {
        self.line += script.as_bytes()[self.offset..offset].iter().filter(|b| **b == b'\n').count();
        self.offset = offset;
        self.line + 1
    }
}

fn make_statement(script: &str, start: usize, end: usize, lines: &mut LineCounter) -> Statement {
    let line = lines.line_at(script, start);
    Statement { text: script[start..end].to_string(), start, line }
}

/// The upper-cased keywords of a statement (words outside strings, identifiers and comments).
pub fn keywords(sql: &str, kind: DbKind) -> Vec<String> {
    let mut lexer = Lexer::new(sql, kind);
    let mut words = Vec::new();
    while let Some(token) = lexer.next_token() {
        match token.kind {
            TokenKind::Word => words.push(sql[token.start..token.end].to_ascii_uppercase()),
            TokenKind::Space | TokenKind::Comment => {}
            _ => words.push(String::new()),
        }
    }
    words
}

/// Tracks `BEGIN … END` bodies whose inner `;` do not end the statement: SQLite triggers,
/// PostgreSQL `BEGIN ATOMIC` function bodies. `CASE … END` nests inside them.
#[derive(Default)]
struct BlockTracker {
    /// First words of the statement, upper-cased (enough to recognise the statement kind).
    head: Vec<String>,
    previous: String,
    depth: usize,
}

impl BlockTracker {
    fn inside(&self) -> bool {
        self.depth > 0
    }

    fn word(&mut self, word: &str, kind: DbKind) {
        let upper = word.to_ascii_uppercase();
        if self.head.len() < 4 {
            self.head.push(upper.clone());
        }
        let opens = match kind {
            DbKind::Sqlite => upper == "BEGIN" && self.is_trigger(),
            DbKind::Postgres => upper == "ATOMIC" && self.previous == "BEGIN",
            // MySQL bodies need DELIMITER, which the server-side splitting does not support either.
            DbKind::Mysql => false,
        };
        let nested_case = self.depth > 0 && upper == "CASE";
        if opens || nested_case {
            self.depth += 1;
        } else if self.depth > 0 && upper == "END" {
            self.depth -= 1;
        }
        self.previous = upper;
    }

    fn is_trigger(&self) -> bool {
        self.head.first().is_some_and(|w| w == "CREATE") && self.head.iter().skip(1).any(|w| w == "TRIGGER")
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TokenKind {
    Space,
    Comment,
    Word,
    /// Strings, quoted identifiers, dollar-quoted bodies.
    Quoted,
    Semicolon,
    Other,
}

#[derive(Clone, Copy, Debug)]
pub(crate) struct Token {
    pub kind: TokenKind,
    pub start: usize,
    pub end: usize,
}

pub(crate) struct Lexer<'a> {
    src: &'a str,
    bytes: &'a [u8],
    pos: usize,
    kind: DbKind,
}

fn is_word_start(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_' || b >= 0x80
}

fn is_word_char(b: u8) -> bool {
    is_word_start(b) || b.is_ascii_digit() || b == b'$'
}

impl<'a> Lexer<'a> {
    pub(crate) fn new(src: &'a str, kind: DbKind) -> Self {
        Lexer { src, bytes: src.as_bytes(), pos: 0, kind }
    }

    fn peek(&self, offset: usize) -> Option<u8> {
        self.bytes.get(self.pos + offset).copied()
    }

    pub(crate) fn next_token(&mut self) -> Option<Token> {
        let start = self.pos;
        let b = self.peek(0)?;
        let kind = match b {
            b if b.is_ascii_whitespace() => {
                self.eat_while(|b| b.is_ascii_whitespace());
                TokenKind::Space
            }
            b'-' if self.peek(1) == Some(b'-') && self.line_comment_allowed() => {
                self.eat_line();
                TokenKind::Comment
            }
            b'#' if self.kind == DbKind::Mysql => {
                self.eat_line();
                TokenKind::Comment
            }
            b'/' if self.peek(1) == Some(b'*') => {
                self.eat_block_comment();
                TokenKind::Comment
            }
            b';' => {
                self.pos += 1;
                TokenKind::Semicolon
            }
            b'\'' => {
                let backslash = self.kind == DbKind::Mysql;
                self.eat_quoted(b'\'', backslash);
                TokenKind::Quoted
            }
            b'"' => {
                self.eat_quoted(b'"', self.kind == DbKind::Mysql);
                TokenKind::Quoted
            }
            b'`' if self.kind != DbKind::Postgres => {
                self.eat_quoted(b'`', false);
                TokenKind::Quoted
            }
            b'[' if self.kind == DbKind::Sqlite => {
                self.pos += 1;
                self.eat_until_byte(b']');
                TokenKind::Quoted
            }
            b'$' if self.kind == DbKind::Postgres => self.dollar(),
            b'e' | b'E' if self.kind == DbKind::Postgres && self.peek(1) == Some(b'\'') => {
                self.pos += 1;
                self.eat_quoted(b'\'', true);
                TokenKind::Quoted
            }
            b if is_word_start(b) => {
                self.eat_while(is_word_char);
                TokenKind::Word
            }
            _ => {
                // Advance one character (not byte) to stay on char boundaries.
                let len = self.src[self.pos..].chars().next().map_or(1, char::len_utf8);
                self.pos += len;
                TokenKind::Other
            }
        };
        Some(Token { kind, start, end: self.pos })
    }

    /// MySQL needs whitespace (or end of input) after `--`.
    fn line_comment_allowed(&self) -> bool {
        if self.kind != DbKind::Mysql {
            return true;
        }
        self.peek(2).is_none_or(|b| b.is_ascii_whitespace())
    }

    fn eat_while(&mut self, pred: impl Fn(u8) -> bool) {
        while self.peek(0).is_some_and(&pred) {
            self.pos += 1;
        }
    }

    fn eat_line(&mut self) {
        self.eat_while(|b| b != b'\n');
    }

    fn eat_until_byte(&mut self, end: u8) {
        self.eat_while(|b| b != end);
        if self.peek(0).is_some() {
            self.pos += 1;
        }
    }

    /// Block comments nest on PostgreSQL only.
    fn eat_block_comment(&mut self) {
        let nests = self.kind == DbKind::Postgres;
        self.pos += 2;
        let mut depth = 1;
        while let Some(b) = self.peek(0) {
            if b == b'*' && self.peek(1) == Some(b'/') {
                self.pos += 2;
                depth -= 1;
                if depth == 0 {
                    return;
                }
            } else if nests && b == b'/' && self.peek(1) == Some(b'*') {
                self.pos += 2;
                depth += 1;
            } else {
                self.pos += 1;
            }
        }
    }

    /// A quoted run; the quote doubled is an escaped quote; `\x` escapes when `backslash`.
    fn eat_quoted(&mut self, quote: u8, backslash: bool) {
        self.pos += 1;
        while let Some(b) = self.peek(0) {
            if backslash && b == b'\\' {
                self.pos += 2;
                continue;
            }
            self.pos += 1;
            if b == quote {
                if self.peek(0) == Some(quote) {
                    self.pos += 1;
                    continue;
                }
                return;
            }
        }
        self.pos = self.bytes.len();
    }

    /// `$tag$ … $tag$` bodies; otherwise `$1` parameters and lone dollars.
    fn dollar(&mut self) -> TokenKind {
        let rest = &self.bytes[self.pos + 1..];
        let tag_len = rest.iter().take_while(|b| is_word_char(**b) && **b != b'$').count();
        let valid_tag = tag_len == 0 || !rest[0].is_ascii_digit();
        if !valid_tag || rest.get(tag_len) != Some(&b'$') {
            self.pos += 1;
            self.eat_while(|b| b.is_ascii_digit());
            return TokenKind::Other;
        }
        let delimiter_len = tag_len + 2;
        let delimiter = &self.src[self.pos..self.pos + delimiter_len];
        let body_start = self.pos + delimiter_len;
        match self.src[body_start..].find(delimiter) {
            Some(i) => self.pos = body_start + i + delimiter_len,
            None => self.pos = self.bytes.len(),
        }
        TokenKind::Quoted
    }
}

/// Whether a PostgreSQL statement cannot run inside a transaction block.
///
/// `server_version_num` (e.g. 150004) decides `ALTER TYPE … ADD VALUE`, which needs its own
/// transaction before PostgreSQL 12; pass `None` when unknown (treated as a modern server).
pub fn statement_needs_no_transaction(statement: &str, server_version_num: Option<u32>) -> bool {
    let words = keywords(statement, DbKind::Postgres);
    let w = |i: usize| words.get(i).map(String::as_str).unwrap_or("");
    let has = |word: &str| words.iter().any(|x| x == word);
    match w(0) {
        "VACUUM" => true,
        "CREATE" | "DROP" => {
            let object = if w(1) == "UNIQUE" { w(2) } else { w(1) };
            match object {
                "INDEX" => has("CONCURRENTLY"),
                "DATABASE" | "TABLESPACE" => true,
                "SUBSCRIPTION" => true,
                _ => false,
            }
        }
        "REINDEX" => has("CONCURRENTLY") || has("DATABASE") || has("SYSTEM"),
        "ALTER" => match w(1) {
            "SYSTEM" => true,
            "DATABASE" => has("TABLESPACE"),
            "TYPE" => has("ADD") && has("VALUE") && server_version_num.is_some_and(|v| v < 120_000),
            "TABLE" => has("DETACH") && has("PARTITION") && has("CONCURRENTLY"),
            _ => false,
        },
        "CLUSTER" => words.len() == 1,
        _ => false,
    }
}

/// Whether a PostgreSQL script holds a statement that cannot run inside a transaction block, so
/// it must be run statement by statement instead of as one implicit transaction.
pub fn script_needs_no_transaction(script: &str) -> bool {
    split_statements(script, DbKind::Postgres).iter().any(|s| statement_needs_no_transaction(&s.text, None))
}
