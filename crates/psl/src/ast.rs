//! The syntax tree of a Prisma schema. Produced by `parser`, read by `validate` and `format`.
//!
//! Every node carries a `Span` (byte offsets into one source file, plus that file's id) so that
//! diagnostics can point at file:line:column. Doc comments (`///`) are kept on the node they
//! precede; plain `//` comments are kept as trivia for the formatter.

/// Index of a file in [`SourceFiles`].
pub type FileId = usize;

/// A byte range in one source file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Span {
    pub file: FileId,
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(file: FileId, start: usize, end: usize) -> Self {
        Span { file, start, end }
    }
}

/// The schema's source files, in the order given (a single file, or a folder's `*.prisma` files
/// sorted by name).
#[derive(Debug, Clone, Default)]
pub struct SourceFiles {
    pub files: Vec<SourceFile>,
}

#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The path as the user should see it in diagnostics (e.g. `schema.prisma`).
    pub path: String,
    pub text: String,
}

/// One parsed file.
#[derive(Debug, Clone, Default)]
pub struct SchemaAst {
    pub file: FileId,
    pub tops: Vec<Top>,
}

/// All files of a schema, parsed.
#[derive(Debug, Clone, Default)]
pub struct Schema {
    pub files: Vec<SchemaAst>,
}

#[derive(Debug, Clone)]
pub enum Top {
    /// `model X { … }` or `view X { … }` (see `Model::is_view`).
    Model(Model),
    Enum(Enum),
    /// `type X { … }` (composite type; MongoDB only).
    CompositeType(CompositeType),
    /// `datasource db { … }`
    Source(ConfigBlock),
    /// `generator client { … }`
    Generator(ConfigBlock),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identifier {
    pub name: String,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comment {
    /// The text of the `///` lines, without the slashes, joined with `\n`.
    pub text: String,
}

#[derive(Debug, Clone)]
pub struct Model {
    pub name: Identifier,
    pub fields: Vec<Field>,
    /// Block attributes (`@@…`).
    pub attributes: Vec<Attribute>,
    pub documentation: Option<Comment>,
    pub is_view: bool,
    /// The whole block, keyword to closing brace.
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldArity {
    Required,
    Optional,
    List,
}

#[derive(Debug, Clone, PartialEq)]
pub enum FieldType {
    /// A type name: a scalar (`String`), an enum, a model or a composite type.
    Supported(Identifier),
    /// `Unsupported("…")`.
    Unsupported(String, Span),
}

impl FieldType {
    pub fn span(&self) -> Span {
        match self {
            FieldType::Supported(id) => id.span,
            FieldType::Unsupported(_, span) => *span,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Field {
    pub name: Identifier,
    pub field_type: FieldType,
    pub arity: FieldArity,
    /// Field attributes (`@…`).
    pub attributes: Vec<Attribute>,
    pub documentation: Option<Comment>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct Attribute {
    /// The name without `@` / `@@`, possibly dotted (`db.VarChar`).
    pub name: Identifier,
    pub arguments: ArgumentsList,
    pub span: Span,
}

#[derive(Debug, Clone, Default)]
pub struct ArgumentsList {
    pub arguments: Vec<Argument>,
    /// Named arguments written without a value (`name:`), kept for diagnostics.
    pub empty_arguments: Vec<Identifier>,
    pub trailing_comma: Option<Span>,
}

#[derive(Debug, Clone)]
pub struct Argument {
    pub name: Option<Identifier>,
    pub value: Expression,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub enum Expression {
    /// A number as written (`-1`, `3.14`).
    NumericValue(String, Span),
    /// A string literal, unescaped.
    StringValue(String, Span),
    /// A bare identifier or dotted path (`Cascade`, `true`, `db.VarChar`).
    ConstantValue(String, Span),
    /// `name(args)`.
    Function(String, ArgumentsList, Span),
    /// `[a, b]`.
    Array(Vec<Expression>, Span),
}

impl Expression {
    pub fn span(&self) -> Span {
        match self {
            Expression::NumericValue(_, s)
            | Expression::StringValue(_, s)
            | Expression::ConstantValue(_, s)
            | Expression::Function(_, _, s)
            | Expression::Array(_, s) => *s,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Enum {
    pub name: Identifier,
    pub values: Vec<EnumValue>,
    pub attributes: Vec<Attribute>,
    pub documentation: Option<Comment>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct EnumValue {
    pub name: Identifier,
    pub attributes: Vec<Attribute>,
    pub documentation: Option<Comment>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct CompositeType {
    pub name: Identifier,
    pub fields: Vec<Field>,
    pub attributes: Vec<Attribute>,
    pub documentation: Option<Comment>,
    pub span: Span,
}

/// A `datasource` or `generator` block.
#[derive(Debug, Clone)]
pub struct ConfigBlock {
    pub name: Identifier,
    pub properties: Vec<ConfigBlockProperty>,
    pub documentation: Option<Comment>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct ConfigBlockProperty {
    pub name: Identifier,
    /// `None` when the property has no `= value` (an error reported by validation).
    pub value: Option<Expression>,
    pub span: Span,
}
