//! The concrete syntax tree: every line of a file as Prisma's grammar sees it, including
//! comments, empty lines and unparseable lines. `lower` turns it into the AST; the formatter
//! works on it directly (it needs the trivia the AST drops).
//!
//! Spans are byte ranges of the file text; `text[span.start..span.end]` is the node as written.

use crate::ast::Span;

/// One parsed file.
#[derive(Debug, Clone, Default)]
pub struct Cst {
    pub items: Vec<TopItem>,
}

#[derive(Debug, Clone)]
pub enum TopItem {
    Block(Block),
    /// `type Alias = Base @attr` (rejected by Prisma, kept verbatim by the formatter).
    TypeAlias(Span),
    /// `name { … }` without a known keyword.
    ArbitraryBlock(Span),
    Comments(CommentBlock),
    EmptyLines(Span),
    /// A line that matches nothing; the span includes its line break.
    CatchAll(Span),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    Model,
    View,
    Type,
    Enum,
    Datasource,
    Generator,
}

impl BlockKind {
    pub fn keyword(self) -> &'static str {
        match self {
            BlockKind::Model => "model",
            BlockKind::View => "view",
            BlockKind::Type => "type",
            BlockKind::Enum => "enum",
            BlockKind::Datasource => "datasource",
            BlockKind::Generator => "generator",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Block {
    pub kind: BlockKind,
    pub name: Span,
    /// `{` through the end of its line (Prisma ignores anything after the brace).
    pub open: Span,
    pub items: Vec<BlockItem>,
    pub close: Span,
    /// Keyword to closing brace.
    pub span: Span,
}

#[derive(Debug, Clone)]
pub enum BlockItem {
    Field(FieldDecl),
    EnumValue(EnumValueDecl),
    KeyValue(KeyValue),
    /// A block attribute (`@@…`), with its trailing comment if any.
    Attribute(Attr),
    Comments(CommentBlock),
    EmptyLines(Span),
    /// A line that is not valid in this block; the span includes its line break.
    CatchAll(Span),
}

#[derive(Debug, Clone)]
pub struct FieldDecl {
    pub name: Span,
    /// The legacy `name: Type` colon.
    pub colon: Option<Span>,
    pub ty: Option<TypeNode>,
    pub attributes: Vec<Attr>,
    pub trailing_comment: Option<CommentNode>,
    /// Name through the line break.
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TypeShape {
    Required,
    Optional,
    List,
    /// `T[]?`: rejected, but parsed.
    OptionalList,
    /// `T!` (Prisma 1).
    LegacyRequired,
    /// `[T]` (Prisma 1).
    LegacyList,
}

#[derive(Debug, Clone)]
pub struct TypeNode {
    pub shape: TypeShape,
    pub base: BaseType,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub enum BaseType {
    Named(Span),
    /// `Unsupported("…")`: the whole call and the string literal inside.
    Unsupported { span: Span, literal: StrLit },
}

impl BaseType {
    pub fn span(&self) -> Span {
        match self {
            BaseType::Named(s) => *s,
            BaseType::Unsupported { span, .. } => *span,
        }
    }
}

/// A field attribute (`@x(…)`) or block attribute (`@@x(…)`).
#[derive(Debug, Clone)]
pub struct Attr {
    /// The dotted name after the `@`/`@@`.
    pub path: Span,
    pub args: Option<ArgList>,
    /// Block attributes only.
    pub trailing_comment: Option<CommentNode>,
    /// As Prisma's grammar delimits it: includes whitespace after the name when no arguments follow.
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct ArgList {
    pub args: Vec<Arg>,
    pub trailing_comma: Option<Span>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub enum Arg {
    Named { name: Span, value: Expr, span: Span },
    /// `name:` with no value.
    Empty { name: Span, span: Span },
    Positional(Expr),
}

#[derive(Debug, Clone)]
pub enum Expr {
    Function { path: Span, args: ArgList, span: Span },
    Array { items: Vec<Expr>, span: Span },
    Number(Span),
    Str(StrLit),
    Path(Span),
}

impl Expr {
    pub fn span(&self) -> Span {
        match self {
            Expr::Function { span, .. } | Expr::Array { span, .. } => *span,
            Expr::Number(s) | Expr::Path(s) => *s,
            Expr::Str(lit) => lit.span,
        }
    }
}

/// A string literal: `span` includes the quotes, `content` does not.
#[derive(Debug, Clone, Copy)]
pub struct StrLit {
    pub span: Span,
    pub content: Span,
}

#[derive(Debug, Clone)]
pub struct EnumValueDecl {
    pub name: Span,
    pub attributes: Vec<Attr>,
    pub trailing_comment: Option<CommentNode>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct KeyValue {
    pub name: Span,
    pub value: Option<Expr>,
    pub trailing_comment: Option<CommentNode>,
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CommentKind {
    /// `/// …`
    Doc,
    /// `// …`
    Plain,
    /// `/* … */`
    Multi,
}

#[derive(Debug, Clone, Copy)]
pub struct CommentNode {
    pub kind: CommentKind,
    /// From the first slash to the end of the comment (no line break, no leading whitespace).
    pub span: Span,
    /// For `//` and `///`: the text after the slashes, up to the line break.
    /// For `/* */`: the same as `span`.
    pub content: Span,
}

/// Consecutive comment lines (no empty line between them).
#[derive(Debug, Clone)]
pub struct CommentBlock {
    pub comments: Vec<CommentNode>,
    pub span: Span,
}
