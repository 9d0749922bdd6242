//! A hand-written PEG parser that follows Prisma's grammar (`datamodel.pest`) rule by rule, so
//! that what matches, what falls into a catch-all line and where every span starts and ends
//! (including whitespace the grammar swallows) are the same as Prisma's.
//!
//! Conventions: each rule either succeeds, advancing `pos`, or fails and leaves `pos` where it
//! was. `skip` is pest's implicit whitespace (spaces and tabs, never line breaks) between the
//! parts of a non-atomic rule.

use super::cst::*;
use crate::ast::{FileId, Span};

/// Deeper nesting of arrays / function calls than this is treated as a syntax error instead
/// of risking the stack.
const MAX_EXPR_DEPTH: usize = 64;

pub(crate) fn parse_cst(text: &str, file: FileId) -> Cst {
    let mut p = Grammar { src: text, pos: 0, file, depth: 0, dead_ends: Default::default() };
    p.schema()
}

struct Grammar<'a> {
    src: &'a str,
    pos: usize,
    file: FileId,
    depth: usize,
    /// Per kind of block contents: positions from which the contents run to the end of the
    /// file without a closing brace. A block reaching one of them fails, so an unclosed block
    /// full of block openings costs linear, not quadratic, time.
    dead_ends: [std::collections::HashSet<usize>; 3],
}

/// The block kinds and how their contents are parsed.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Contents {
    Model,
    Enum,
    Config,
}

impl<'a> Grammar<'a> {
    // ---------------------------------------------------------------- primitives

    fn span(&self, start: usize) -> Span {
        Span::new(self.file, start, self.pos)
    }

    fn rest(&self) -> &'a str {
        &self.src[self.pos..]
    }

    fn at_end(&self) -> bool {
        self.pos >= self.src.len()
    }

    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += c.len_utf8();
        Some(c)
    }

    fn eat(&mut self, lit: &str) -> bool {
        if self.rest().starts_with(lit) {
            self.pos += lit.len();
            true
        } else {
            false
        }
    }

    fn attempt<T>(&mut self, f: impl FnOnce(&mut Self) -> Option<T>) -> Option<T> {
        let save = self.pos;
        let result = f(self);
        if result.is_none() {
            self.pos = save;
        }
        result
    }

    /// pest's implicit `WHITESPACE*`: Unicode space separators and tabs.
    fn skip(&mut self) {
        while let Some(c) = self.peek() {
            if !is_whitespace(c) {
                break;
            }
            self.pos += c.len_utf8();
        }
    }

    fn at_newline(&self) -> bool {
        matches!(self.src.as_bytes().get(self.pos), Some(b'\n' | b'\r'))
    }

    /// `NEWLINE = "\n" | "\r\n" | "\r"`
    fn newline(&mut self) -> bool {
        self.eat("\n") || self.eat("\r\n") || self.eat("\r")
    }

    /// `(!NEWLINE ~ ANY)*`
    fn rest_of_line(&mut self) {
        let len = self.rest().find(['\n', '\r']).unwrap_or(self.rest().len());
        self.pos += len;
    }

    // ---------------------------------------------------------------- schema

    fn schema(&mut self) -> Cst {
        let mut items = Vec::new();
        loop {
            self.skip();
            if self.at_end() {
                break;
            }
            let before = self.pos;
            items.push(self.top_item());
            if self.pos == before {
                // Cannot happen (CATCH_ALL always advances), but never loop forever.
                self.bump();
            }
        }
        Cst { items }
    }

    fn top_item(&mut self) -> TopItem {
        if let Some(block) = self.block() {
            return TopItem::Block(block);
        }
        if let Some(span) = self.type_alias() {
            return TopItem::TypeAlias(span);
        }
        if let Some(span) = self.arbitrary_block() {
            return TopItem::ArbitraryBlock(span);
        }
        if let Some(comments) = self.comment_block() {
            return TopItem::Comments(comments);
        }
        if let Some(span) = self.empty_lines() {
            return TopItem::EmptyLines(span);
        }
        TopItem::CatchAll(self.catch_all())
    }

    /// `model_declaration | enum_declaration | config_block`
    fn block(&mut self) -> Option<Block> {
        const KEYWORDS: [(&str, BlockKind); 6] = [
            ("model", BlockKind::Model),
            ("type", BlockKind::Type),
            ("view", BlockKind::View),
            ("enum", BlockKind::Enum),
            ("datasource", BlockKind::Datasource),
            ("generator", BlockKind::Generator),
        ];
        for (keyword, kind) in KEYWORDS {
            if !self.rest().starts_with(keyword) {
                continue;
            }
            if let Some(block) = self.attempt(|p| p.block_of(keyword, kind)) {
                return Some(block);
            }
        }
        None
    }

    fn block_of(&mut self, keyword: &str, kind: BlockKind) -> Option<Block> {
        let start = self.pos;
        if !self.eat(keyword) {
            return None;
        }
        self.skip();
        let name = self.identifier()?;
        self.skip();
        let open = self.block_open()?;
        self.skip();
        let contents = match kind {
            BlockKind::Model | BlockKind::View | BlockKind::Type => Contents::Model,
            BlockKind::Enum => Contents::Enum,
            BlockKind::Datasource | BlockKind::Generator => Contents::Config,
        };
        let items = self.block_contents(contents)?;
        self.skip();
        let close_start = self.pos;
        if !self.eat("}") {
            return None;
        }
        let close = self.span(close_start);
        Some(Block { kind, name, open, items, close, span: self.span(start) })
    }

    /// `BLOCK_OPEN = { "{" ~ (!NEWLINE ~ ANY)* ~ NEWLINE }`
    fn block_open(&mut self) -> Option<Span> {
        self.attempt(|p| {
            let start = p.pos;
            if !p.eat("{") {
                return None;
            }
            p.rest_of_line();
            p.newline().then(|| p.span(start))
        })
    }

    /// `model_contents`, `enum_contents`, `config_contents`: items separated by implicit
    /// whitespace; whitespace after the last item is left for the closing brace. `None` when
    /// the contents run to the end of the file (the block cannot close).
    fn block_contents(&mut self, contents: Contents) -> Option<Vec<BlockItem>> {
        let kind = contents as usize;
        let mut items = Vec::new();
        let mut visited = Vec::new();
        loop {
            let save = self.pos;
            if !items.is_empty() {
                self.skip();
            }
            if !self.dead_ends[kind].is_empty() && self.dead_ends[kind].contains(&self.pos) {
                break;
            }
            visited.push(self.pos);
            match self.block_item(contents) {
                Some(item) if self.pos > save => items.push(item),
                _ => {
                    self.pos = save;
                    let mut probe = self.pos;
                    probe += self.src[probe..].len() - self.src[probe..].trim_start_matches(is_whitespace).len();
                    if self.src[probe..].starts_with('}') {
                        return Some(items);
                    }
                    break;
                }
            }
        }
        self.dead_ends[kind].extend(visited);
        None
    }

    fn block_item(&mut self, contents: Contents) -> Option<BlockItem> {
        let declaration = match contents {
            Contents::Model => self.field_declaration().map(BlockItem::Field),
            Contents::Enum => self.enum_value_declaration().map(BlockItem::EnumValue),
            Contents::Config => self.key_value_line().map(BlockItem::KeyValue),
        };
        if declaration.is_some() {
            return declaration;
        }
        if contents != Contents::Config {
            if let Some(attr) = self.block_attribute_line() {
                return Some(BlockItem::Attribute(attr));
            }
        }
        if let Some(comments) = self.comment_block() {
            return Some(BlockItem::Comments(comments));
        }
        if let Some(span) = self.empty_lines() {
            return Some(BlockItem::EmptyLines(span));
        }
        if self.rest().starts_with('}') || self.at_end() || self.at_newline() {
            return None;
        }
        Some(BlockItem::CatchAll(self.catch_all()))
    }

    /// `CATCH_ALL = { (!NEWLINE ~ ANY)+ ~ NEWLINE? }`; callers ensure one character is there.
    fn catch_all(&mut self) -> Span {
        let start = self.pos;
        self.rest_of_line();
        if self.pos == start {
            self.bump();
        }
        self.newline();
        self.span(start)
    }

    /// `empty_lines = @{ (WHITESPACE* ~ NEWLINE)+ }`
    fn empty_lines(&mut self) -> Option<Span> {
        let start = self.pos;
        loop {
            let save = self.pos;
            self.skip();
            if !self.newline() {
                self.pos = save;
                break;
            }
        }
        (self.pos > start).then(|| self.span(start))
    }

    /// `type_alias = { TYPE_KEYWORD ~ identifier ~ "=" ~ base_type ~ field_attribute* }`
    fn type_alias(&mut self) -> Option<Span> {
        self.attempt(|p| {
            let start = p.pos;
            if !p.eat("type") {
                return None;
            }
            p.skip();
            p.identifier()?;
            p.skip();
            if !p.eat("=") {
                return None;
            }
            p.skip();
            p.base_type()?;
            p.skip();
            p.field_attributes();
            Some(p.span(start))
        })
    }

    /// `arbitrary_block = { identifier ~ BLOCK_OPEN ~ ((!BLOCK_CLOSE ~ ANY) | NEWLINE)* ~ BLOCK_CLOSE }`
    fn arbitrary_block(&mut self) -> Option<Span> {
        self.attempt(|p| {
            let start = p.pos;
            p.identifier()?;
            p.skip();
            p.block_open()?;
            let len = p.rest().find('}')?;
            p.pos += len + 1;
            Some(p.span(start))
        })
    }

    // ---------------------------------------------------------------- declarations

    /// `field_declaration = { identifier ~ LEGACY_COLON? ~ field_type? ~ field_attribute* ~
    /// trailing_comment? ~ NEWLINE }`
    fn field_declaration(&mut self) -> Option<FieldDecl> {
        self.attempt(|p| {
            let start = p.pos;
            let name = p.identifier()?;
            p.skip();
            let colon_start = p.pos;
            let colon = p.eat(":").then(|| p.span(colon_start));
            p.skip();
            let ty = p.field_type();
            p.skip();
            let attributes = p.field_attributes();
            p.skip();
            let trailing_comment = p.trailing_comment();
            p.skip();
            if !p.newline() {
                return None;
            }
            Some(FieldDecl { name, colon, ty, attributes, trailing_comment, span: p.span(start) })
        })
    }

    /// `enum_value_declaration = { identifier ~ field_attribute* ~ trailing_comment? ~ NEWLINE }`
    fn enum_value_declaration(&mut self) -> Option<EnumValueDecl> {
        self.attempt(|p| {
            let start = p.pos;
            let name = p.identifier()?;
            p.skip();
            let attributes = p.field_attributes();
            p.skip();
            let trailing_comment = p.trailing_comment();
            p.skip();
            if !p.newline() {
                return None;
            }
            Some(EnumValueDecl { name, attributes, trailing_comment, span: p.span(start) })
        })
    }

    /// `(key_value ~ NEWLINE)` with `key_value = { identifier ~ "=" ~ expression? ~ trailing_comment? }`
    fn key_value_line(&mut self) -> Option<KeyValue> {
        self.attempt(|p| {
            let start = p.pos;
            let name = p.identifier()?;
            p.skip();
            if !p.eat("=") {
                return None;
            }
            p.skip();
            let value = p.expression();
            p.skip();
            let trailing_comment = p.trailing_comment();
            let span = p.span(start);
            p.skip();
            if !p.newline() {
                return None;
            }
            Some(KeyValue { name, value, trailing_comment, span })
        })
    }

    /// `(block_attribute ~ NEWLINE)` with
    /// `block_attribute = { "@@" ~ path ~ arguments_list? ~ trailing_comment? }`
    fn block_attribute_line(&mut self) -> Option<Attr> {
        self.attempt(|p| {
            let start = p.pos;
            if !p.eat("@@") {
                return None;
            }
            p.skip();
            let path = p.path()?;
            p.skip();
            let args = p.arguments_list();
            p.skip();
            let trailing_comment = p.trailing_comment();
            let span = p.span(start);
            p.skip();
            if !p.newline() {
                return None;
            }
            Some(Attr { path, args, trailing_comment, span })
        })
    }

    /// `field_attribute*`
    fn field_attributes(&mut self) -> Vec<Attr> {
        let mut attrs = Vec::new();
        loop {
            let save = self.pos;
            if !attrs.is_empty() {
                self.skip();
            }
            match self.field_attribute() {
                Some(attr) => attrs.push(attr),
                None => {
                    self.pos = save;
                    return attrs;
                }
            }
        }
    }

    /// `field_attribute = { "@" ~ path ~ arguments_list? }`
    fn field_attribute(&mut self) -> Option<Attr> {
        self.attempt(|p| {
            let start = p.pos;
            if !p.eat("@") {
                return None;
            }
            p.skip();
            let path = p.path()?;
            p.skip();
            let args = p.arguments_list();
            Some(Attr { path, args, trailing_comment: None, span: p.span(start) })
        })
    }

    // ---------------------------------------------------------------- types

    /// `field_type = { unsupported_optional_list_type | list_type | optional_type |
    /// legacy_required_type | legacy_list_type | base_type }`
    fn field_type(&mut self) -> Option<TypeNode> {
        let start = self.pos;
        // The alternatives all start with the same `base_type` (but the legacy list): parse it
        // once and look at what follows, as the ordered choice would.
        let Some(base) = self.base_type() else {
            let base = self.attempt(|p| {
                if !p.eat("[") {
                    return None;
                }
                p.skip();
                let base = p.base_type()?;
                p.skip();
                p.eat("]").then_some(base)
            })?;
            return Some(TypeNode { shape: TypeShape::LegacyList, base, span: self.span(start) });
        };
        let after_base = self.pos;
        let shape = self.type_suffix().unwrap_or_else(|| {
            self.pos = after_base;
            TypeShape::Required
        });
        Some(TypeNode { shape, base, span: self.span(start) })
    }

    /// What follows a base type: `[]?`, `[]`, `?` or `!` (with implicit whitespace before each).
    fn type_suffix(&mut self) -> Option<TypeShape> {
        self.skip();
        if self.eat("[]") {
            let after_list = self.pos;
            self.skip();
            if self.eat("?") {
                return Some(TypeShape::OptionalList);
            }
            self.pos = after_list;
            return Some(TypeShape::List);
        }
        if self.eat("?") {
            return Some(TypeShape::Optional);
        }
        self.eat("!").then_some(TypeShape::LegacyRequired)
    }

    /// `base_type = { unsupported_type | identifier }` with
    /// `unsupported_type = { "Unsupported(" ~ string_literal ~ ")" }`
    fn base_type(&mut self) -> Option<BaseType> {
        let unsupported = self.attempt(|p| {
            let start = p.pos;
            if !p.eat("Unsupported(") {
                return None;
            }
            p.skip();
            let literal = p.string_literal()?;
            p.skip();
            p.eat(")").then(|| BaseType::Unsupported { span: p.span(start), literal })
        });
        if unsupported.is_some() {
            return unsupported;
        }
        self.identifier().map(BaseType::Named)
    }

    // ---------------------------------------------------------------- comments

    /// `comment_block = ${ ((doc_comment | multi_line_comment | comment) ~ NEWLINE?)+ }`
    fn comment_block(&mut self) -> Option<CommentBlock> {
        let start = self.pos;
        let mut comments = Vec::new();
        loop {
            let save = self.pos;
            self.skip();
            match self.single_comment() {
                Some(comment) => comments.push(comment),
                None => {
                    self.pos = save;
                    break;
                }
            }
            self.newline();
        }
        if comments.is_empty() {
            return None;
        }
        Some(CommentBlock { comments, span: self.span(start) })
    }

    /// `trailing_comment = ${ doc_comment | multi_line_comment | comment }`
    fn trailing_comment(&mut self) -> Option<CommentNode> {
        self.attempt(|p| {
            p.skip();
            p.single_comment()
        })
    }

    fn single_comment(&mut self) -> Option<CommentNode> {
        let start = self.pos;
        if self.eat("///") {
            let content_start = self.pos;
            self.rest_of_line();
            return Some(CommentNode {
                kind: CommentKind::Doc,
                span: self.span(start),
                content: self.span(content_start),
            });
        }
        if self.eat("//") {
            let content_start = self.pos;
            self.rest_of_line();
            return Some(CommentNode {
                kind: CommentKind::Plain,
                span: self.span(start),
                content: self.span(content_start),
            });
        }
        if self.rest().starts_with("/*") {
            let end = self.rest()[2..].find("*/")?;
            self.pos += 2 + end + 2;
            let span = self.span(start);
            return Some(CommentNode { kind: CommentKind::Multi, span, content: span });
        }
        None
    }

    // ---------------------------------------------------------------- names

    /// `identifier = @{ ALPHANUMERIC ~ ( "_" | "-" | ALPHANUMERIC)* }` (Unicode letters and digits).
    fn identifier(&mut self) -> Option<Span> {
        let start = self.pos;
        let mut chars = self.rest().chars();
        if !chars.next().is_some_and(char::is_alphanumeric) {
            return None;
        }
        let len: usize = self
            .rest()
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '-')
            .map(char::len_utf8)
            .sum();
        self.pos += len;
        Some(self.span(start))
    }

    /// `path = @{ identifier ~ ("." ~ path?)* }`
    fn path(&mut self) -> Option<Span> {
        let start = self.pos;
        self.identifier()?;
        while self.eat(".") {
            self.identifier();
        }
        Some(self.span(start))
    }

    // ---------------------------------------------------------------- expressions

    /// `arguments_list = { "(" ~ (argument ~ ("," ~ argument)*)? ~ trailing_comma? ~ ")" }`
    fn arguments_list(&mut self) -> Option<ArgList> {
        if !self.rest().starts_with('(') || self.depth >= MAX_EXPR_DEPTH {
            return None;
        }
        self.depth += 1;
        let result = self.attempt(|p| {
            let start = p.pos;
            p.eat("(");
            p.skip();
            let mut args = Vec::new();
            if let Some(first) = p.argument() {
                args.push(first);
                loop {
                    let save = p.pos;
                    p.skip();
                    let next = p.attempt(|p| {
                        if !p.eat(",") {
                            return None;
                        }
                        p.skip();
                        p.argument()
                    });
                    match next {
                        Some(arg) => args.push(arg),
                        None => {
                            p.pos = save;
                            break;
                        }
                    }
                }
            }
            p.skip();
            let comma_start = p.pos;
            let trailing_comma = p.eat(",").then(|| p.span(comma_start));
            p.skip();
            p.eat(")").then(|| ArgList { args, trailing_comma, span: p.span(start) })
        });
        self.depth -= 1;
        result
    }

    /// `argument = _{ named_argument | empty_argument | expression }`
    fn argument(&mut self) -> Option<Arg> {
        let named = self.attempt(|p| {
            let start = p.pos;
            let name = p.identifier()?;
            p.skip();
            if !p.eat(":") {
                return None;
            }
            let colon_end = p.pos;
            let value = p.attempt(|p| {
                p.skip();
                p.expression()
            });
            Some(match value {
                Some(value) => Arg::Named { name, value, span: p.span(start) },
                None => {
                    p.pos = colon_end;
                    Arg::Empty { name, span: p.span(start) }
                }
            })
        });
        if named.is_some() {
            return named;
        }
        self.expression().map(Arg::Positional)
    }

    /// `expression = { function_call | array_expression | numeric_literal | string_literal | path }`
    fn expression(&mut self) -> Option<Expr> {
        let start = self.pos;
        let function = self.attempt(|p| {
            let path = p.path()?;
            p.skip();
            let args = p.arguments_list()?;
            Some(Expr::Function { path, args, span: p.span(start) })
        });
        if function.is_some() {
            return function;
        }
        if let Some(array) = self.array_expression() {
            return Some(array);
        }
        if let Some(number) = self.numeric_literal() {
            return Some(Expr::Number(number));
        }
        if let Some(lit) = self.string_literal() {
            return Some(Expr::Str(lit));
        }
        self.path().map(Expr::Path)
    }

    /// `array_expression = { "[" ~ (expression ~ ( "," ~ expression )*)? ~ "]" }`
    fn array_expression(&mut self) -> Option<Expr> {
        if !self.rest().starts_with('[') || self.depth >= MAX_EXPR_DEPTH {
            return None;
        }
        self.depth += 1;
        let result = self.attempt(|p| {
            let start = p.pos;
            p.eat("[");
            p.skip();
            let mut items = Vec::new();
            if let Some(first) = p.expression() {
                items.push(first);
                loop {
                    let next = p.attempt(|p| {
                        p.skip();
                        if !p.eat(",") {
                            return None;
                        }
                        p.skip();
                        p.expression()
                    });
                    match next {
                        Some(item) => items.push(item),
                        None => break,
                    }
                }
            }
            p.skip();
            p.eat("]").then(|| Expr::Array { items, span: p.span(start) })
        });
        self.depth -= 1;
        result
    }

    /// `numeric_literal = @{ ("-")? ~ ASCII_DIGIT+ ~ ("." ~ ASCII_DIGIT+)? }`
    fn numeric_literal(&mut self) -> Option<Span> {
        let bytes = self.src.as_bytes();
        let start = self.pos;
        let mut i = start;
        if bytes.get(i) == Some(&b'-') {
            i += 1;
        }
        let digits = |mut i: usize| {
            while bytes.get(i).is_some_and(u8::is_ascii_digit) {
                i += 1;
            }
            i
        };
        let int_end = digits(i);
        if int_end == i {
            return None;
        }
        let mut end = int_end;
        if bytes.get(end) == Some(&b'.') {
            let frac_end = digits(end + 1);
            if frac_end > end + 1 {
                end = frac_end;
            }
        }
        self.pos = end;
        Some(self.span(start))
    }

    /// `string_literal = ${ "\"" ~ string_content ~ "\"" }`: JSON string rules; no control
    /// characters (so no line breaks) inside.
    fn string_literal(&mut self) -> Option<StrLit> {
        self.attempt(|p| {
            let start = p.pos;
            if !p.eat("\"") {
                return None;
            }
            let content_start = p.pos;
            loop {
                match p.peek()? {
                    '"' => break,
                    '\\' => {
                        p.bump();
                        if p.peek().is_some() {
                            p.bump();
                        }
                    }
                    c if (c as u32) < 0x20 => return None,
                    _ => {
                        p.bump();
                    }
                }
            }
            let content = p.span(content_start);
            p.eat("\"");
            Some(StrLit { span: p.span(start), content })
        })
    }
}

/// pest's `WHITESPACE = { SPACE_SEPARATOR | "\t" }`.
pub(crate) fn is_whitespace(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t' | '\u{a0}' | '\u{1680}' | '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{205f}' | '\u{3000}'
    )
}
