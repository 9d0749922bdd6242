//! CST → AST, with the diagnostics Prisma's parser reports (invalid lines, legacy syntax,
//! bad string escapes, composite-type restrictions).

use super::cst::{self, BlockItem, BlockKind, CommentKind, TopItem, TypeShape};
use super::strings::unescape;
use crate::ast::*;
use crate::diagnostics::{Diagnostic, Diagnostics};

pub(crate) fn lower(cst: &cst::Cst, text: &str, file: FileId, diags: &mut Diagnostics) -> SchemaAst {
    let mut lower = Lower { text, file, diags };
    SchemaAst { file, tops: lower.tops(&cst.items) }
}

struct Lower<'a> {
    text: &'a str,
    file: FileId,
    diags: &'a mut Diagnostics,
}

fn validation_error(message: &str) -> String {
    format!("Error validating: {message}")
}

impl Lower<'_> {
    fn str(&self, span: Span) -> &str {
        self.text.get(span.start..span.end).unwrap_or("")
    }

    fn ident(&self, span: Span) -> Identifier {
        Identifier { name: self.str(span).to_owned(), span }
    }

    fn error(&mut self, message: impl Into<String>, span: Span) {
        self.diags.push(Diagnostic::error(message, span));
    }

    fn tops(&mut self, items: &[TopItem]) -> Vec<Top> {
        let mut tops = Vec::new();
        // Prisma attaches a comment block to the block right after it (no empty line between);
        // only models, views, composite types and enums take it.
        let mut pending_doc: Option<&cst::CommentBlock> = None;
        for (i, item) in items.iter().enumerate() {
            match item {
                TopItem::Block(block) => {
                    let takes_doc = !matches!(block.kind, BlockKind::Datasource | BlockKind::Generator);
                    let doc = if takes_doc { pending_doc.take() } else { None };
                    tops.push(self.block(block, doc));
                }
                TopItem::Comments(comments) => {
                    if matches!(items.get(i + 1), Some(TopItem::Block(_))) {
                        pending_doc = Some(comments);
                    }
                }
                TopItem::TypeAlias(span) => self.error(
                    validation_error(
                        "Invalid type definition. Please check the documentation in https://pris.ly/d/composite-types",
                    ),
                    *span,
                ),
                TopItem::ArbitraryBlock(span) => self.error(
                    validation_error(
                        "This block is invalid. It does not start with any known Prisma schema keyword. Valid keywords include 'model', 'enum', 'type', 'datasource' and 'generator'.",
                    ),
                    *span,
                ),
                TopItem::CatchAll(span) => self.error(
                    validation_error("This line is invalid. It does not start with any known Prisma schema keyword."),
                    *span,
                ),
                TopItem::EmptyLines(_) => {}
            }
        }
        tops
    }

    fn block(&mut self, block: &cst::Block, doc: Option<&cst::CommentBlock>) -> Top {
        let documentation = doc.and_then(|d| self.comment_block(d));
        match block.kind {
            BlockKind::Model | BlockKind::View => Top::Model(self.model(block, documentation)),
            BlockKind::Type => Top::CompositeType(self.composite_type(block, documentation)),
            BlockKind::Enum => Top::Enum(self.enumeration(block, documentation)),
            BlockKind::Datasource => Top::Source(self.config_block(block)),
            BlockKind::Generator => Top::Generator(self.config_block(block)),
        }
    }

    fn model(&mut self, block: &cst::Block, documentation: Option<Comment>) -> Model {
        let name = self.ident(block.name);
        let container = if block.kind == BlockKind::View { "view" } else { "model" };
        let mut fields = Vec::new();
        let mut attributes = Vec::new();
        let mut pending_doc = None;
        for item in &block.items {
            match item {
                BlockItem::Field(decl) => {
                    if let Some(field) = self.field(decl, container, &name.name, pending_doc.take()) {
                        fields.push(field);
                    }
                }
                BlockItem::Attribute(attr) => attributes.push(self.attribute(attr)),
                BlockItem::Comments(comments) => pending_doc = Some(comments),
                BlockItem::CatchAll(span) => {
                    self.error(validation_error("This line is not a valid field or attribute definition."), *span)
                }
                BlockItem::EmptyLines(_) | BlockItem::EnumValue(_) | BlockItem::KeyValue(_) => {}
            }
        }
        Model {
            name,
            fields,
            attributes,
            documentation,
            is_view: block.kind == BlockKind::View,
            span: block.span,
        }
    }

    fn composite_type(&mut self, block: &cst::Block, documentation: Option<Comment>) -> CompositeType {
        let name = self.ident(block.name);
        let mut fields = Vec::new();
        let mut attributes = Vec::new();
        let mut pending_doc = None;
        for item in &block.items {
            match item {
                BlockItem::Field(decl) => {
                    let Some(field) = self.field(decl, "type", &name.name, pending_doc.take()) else {
                        continue;
                    };
                    for attr in &field.attributes {
                        if matches!(attr.name.name.as_str(), "relation" | "unique" | "id") {
                            let message = format!(
                                "Defining `@{}` attribute for a field in a composite type is not allowed.",
                                attr.name.name
                            );
                            self.error(validation_error(&message), decl.span);
                        }
                    }
                    fields.push(field);
                }
                BlockItem::Attribute(attr) => {
                    let attribute = self.attribute(attr);
                    let message = match attribute.name.name.as_str() {
                        "map" => "The name of a composite type is not persisted in the database, therefore it does not need a mapped database name.",
                        "unique" => "A unique constraint should be defined in the model containing the embed.",
                        "index" => "An index should be defined in the model containing the embed.",
                        "fulltext" => "A fulltext index should be defined in the model containing the embed.",
                        "id" => "A composite type cannot define an id.",
                        _ => "A composite type cannot have block-level attributes.",
                    };
                    self.error(validation_error(message), attr.span);
                    attributes.push(attribute);
                }
                BlockItem::Comments(comments) => pending_doc = Some(comments),
                BlockItem::CatchAll(span) => {
                    self.error(validation_error("This line is not a valid field or attribute definition."), *span)
                }
                BlockItem::EmptyLines(_) | BlockItem::EnumValue(_) | BlockItem::KeyValue(_) => {}
            }
        }
        CompositeType { name, fields, attributes, documentation, span: block.span }
    }

    fn enumeration(&mut self, block: &cst::Block, documentation: Option<Comment>) -> Enum {
        let name = self.ident(block.name);
        let mut values = Vec::new();
        let mut attributes = Vec::new();
        let mut pending_doc = None;
        for item in &block.items {
            match item {
                BlockItem::EnumValue(decl) => {
                    let doc = pending_doc.take().and_then(|c| self.comment_block(c));
                    let documentation = self.with_trailing_doc(doc, decl.trailing_comment.as_ref());
                    let attrs = decl.attributes.iter().map(|a| self.attribute(a)).collect();
                    values.push(EnumValue {
                        name: self.ident(decl.name),
                        attributes: attrs,
                        documentation,
                        span: decl.span,
                    });
                }
                BlockItem::Attribute(attr) => attributes.push(self.attribute(attr)),
                BlockItem::Comments(comments) => pending_doc = Some(comments),
                BlockItem::CatchAll(span) => {
                    self.error(validation_error("This line is not an enum value definition."), *span)
                }
                BlockItem::EmptyLines(_) | BlockItem::Field(_) | BlockItem::KeyValue(_) => {}
            }
        }
        Enum { name, values, attributes, documentation, span: block.span }
    }

    fn config_block(&mut self, block: &cst::Block) -> ConfigBlock {
        let keyword = block.kind.keyword();
        let mut properties = Vec::new();
        // As in Prisma, a config block's documentation is the last comment block inside it.
        let mut documentation = None;
        for item in &block.items {
            match item {
                BlockItem::KeyValue(kv) => {
                    let value = kv.value.as_ref().map(|v| self.expression(v));
                    properties.push(ConfigBlockProperty { name: self.ident(kv.name), value, span: kv.span });
                }
                BlockItem::Comments(comments) => documentation = self.comment_block(comments),
                BlockItem::CatchAll(span) => {
                    let message = format!("This line is not a valid definition within a {keyword}.");
                    self.error(validation_error(&message), *span)
                }
                BlockItem::EmptyLines(_)
                | BlockItem::Field(_)
                | BlockItem::EnumValue(_)
                | BlockItem::Attribute(_) => {}
            }
        }
        ConfigBlock { name: self.ident(block.name), properties, documentation, span: block.span }
    }

    fn field(
        &mut self,
        decl: &cst::FieldDecl,
        container: &str,
        container_name: &str,
        doc: Option<&cst::CommentBlock>,
    ) -> Option<Field> {
        if let Some(colon) = decl.colon {
            self.error("Field declarations don't require a `:`.", colon);
            return None;
        }
        let Some(ty) = &decl.ty else {
            let message = format!(
                "Error validating {container} \"{container_name}\": This field declaration is invalid. It is either missing a name or a type."
            );
            self.error(message, decl.span);
            return None;
        };
        let legacy = match ty.shape {
            TypeShape::LegacyRequired => Some("Fields are required by default, `!` is no longer required."),
            TypeShape::LegacyList => Some("To specify a list, please use `Type[]` instead of `[Type]`."),
            TypeShape::OptionalList => Some("Optional lists are not supported. Use either `Type[]` or `Type?`."),
            TypeShape::Required | TypeShape::Optional | TypeShape::List => None,
        };
        // Prisma reads the attributes before the type only when they come first in the tree,
        // which they never do; the type error wins and the field is dropped.
        if let Some(message) = legacy {
            self.error(message, ty.span);
            return None;
        }
        let arity = match ty.shape {
            TypeShape::Optional => FieldArity::Optional,
            TypeShape::List => FieldArity::List,
            _ => FieldArity::Required,
        };
        let field_type = match &ty.base {
            cst::BaseType::Named(span) => FieldType::Supported(self.ident(*span)),
            cst::BaseType::Unsupported { literal, .. } => {
                FieldType::Unsupported(self.string(literal), literal.span)
            }
        };
        let attributes = decl.attributes.iter().map(|a| self.attribute(a)).collect();
        let doc = doc.and_then(|c| self.comment_block(c));
        let documentation = self.with_trailing_doc(doc, decl.trailing_comment.as_ref());
        Some(Field { name: self.ident(decl.name), field_type, arity, attributes, documentation, span: decl.span })
    }

    fn attribute(&mut self, attr: &cst::Attr) -> Attribute {
        let arguments = match &attr.args {
            Some(args) => self.arguments(args),
            None => ArgumentsList::default(),
        };
        Attribute { name: self.ident(attr.path), arguments, span: attr.span }
    }

    fn arguments(&mut self, list: &cst::ArgList) -> ArgumentsList {
        let mut out = ArgumentsList { trailing_comma: list.trailing_comma, ..Default::default() };
        for arg in &list.args {
            match arg {
                cst::Arg::Named { name, value, span } => out.arguments.push(Argument {
                    name: Some(self.ident(*name)),
                    value: self.expression(value),
                    span: *span,
                }),
                cst::Arg::Empty { name, .. } => out.empty_arguments.push(self.ident(*name)),
                cst::Arg::Positional(value) => {
                    let span = value.span();
                    out.arguments.push(Argument { name: None, value: self.expression(value), span });
                }
            }
        }
        out
    }

    fn expression(&mut self, expr: &cst::Expr) -> Expression {
        match expr {
            cst::Expr::Function { path, args, span } => {
                Expression::Function(self.str(*path).to_owned(), self.arguments(args), *span)
            }
            cst::Expr::Array { items, span } => {
                Expression::Array(items.iter().map(|e| self.expression(e)).collect(), *span)
            }
            cst::Expr::Number(span) => Expression::NumericValue(self.str(*span).to_owned(), *span),
            cst::Expr::Str(lit) => Expression::StringValue(self.string(lit), lit.span),
            cst::Expr::Path(span) => Expression::ConstantValue(self.str(*span).to_owned(), *span),
        }
    }

    fn string(&mut self, lit: &cst::StrLit) -> String {
        let content = self.text.get(lit.content.start..lit.content.end).unwrap_or("");
        unescape(content, lit.content.start, self.file, self.diags)
    }

    /// The documentation in a comment block: its `///` lines and `/* */` comments.
    fn comment_block(&self, block: &cst::CommentBlock) -> Option<Comment> {
        let lines: Vec<&str> = block.comments.iter().filter_map(|c| self.doc_text(c)).collect();
        (!lines.is_empty()).then(|| Comment { text: lines.join("\n") })
    }

    fn doc_text(&self, comment: &cst::CommentNode) -> Option<&str> {
        match comment.kind {
            CommentKind::Doc => Some(self.str(comment.content).trim_start()),
            CommentKind::Multi => {
                let text = self.str(comment.span);
                Some(text.get(2..text.len().saturating_sub(2)).unwrap_or("").trim())
            }
            CommentKind::Plain => None,
        }
    }

    /// A `///` trailing comment adds a line to the item's documentation.
    fn with_trailing_doc(&self, doc: Option<Comment>, trailing: Option<&cst::CommentNode>) -> Option<Comment> {
        let Some(extra) = trailing.and_then(|c| self.doc_text(c)) else {
            return doc;
        };
        Some(match doc {
            Some(existing) => Comment { text: format!("{}\n{}", existing.text, extra) },
            None => Comment { text: extra.to_owned() },
        })
    }
}
