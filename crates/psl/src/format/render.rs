//! Prints a concrete syntax tree in Prisma's layout: blocks indented, the lines of a block
//! aligned in columns (name, type, attributes) that restart after an empty line, block
//! attributes moved to the end of their block in canonical order, comments kept, invalid lines
//! kept verbatim.

use super::table::{Renderer, Table};
use crate::ast::Span;
use crate::parser::cst::*;

const NAME_COLUMN: usize = 0;
const TYPE_COLUMN: usize = 1;
const ATTRIBUTES_COLUMN: usize = 2;

/// Formats one file's text.
pub(super) fn render_file(text: &str, cst: &Cst, indent_width: usize) -> String {
    let mut printer = Printer { text, out: Renderer::new(indent_width, text.len() + text.len() / 2) };
    printer.top(&cst.items);
    let mut out = printer.out.out;
    if !out.ends_with('\n') {
        out.push('\n');
    }
    out
}

struct Printer<'a> {
    text: &'a str,
    out: Renderer,
}

impl<'a> Printer<'a> {
    fn src(&self, span: Span) -> &'a str {
        self.text.get(span.start..span.end).unwrap_or("")
    }

    fn top(&mut self, items: &[TopItem]) {
        let start = usize::from(matches!(items.first(), Some(TopItem::EmptyLines(_))));
        for (i, item) in items.iter().enumerate().skip(start) {
            match item {
                TopItem::Block(block) => self.block(block),
                TopItem::Comments(comments) => {
                    let mut table = Table::default();
                    self.comment_block(comments, &mut table);
                    table.render(&mut self.out);
                }
                // Empty lines collapse to one; none at the end of the file.
                TopItem::EmptyLines(_) => {
                    if i + 1 < items.len() {
                        self.out.end_line();
                    }
                }
                TopItem::TypeAlias(span) | TopItem::ArbitraryBlock(span) | TopItem::CatchAll(span) => {
                    let text = self.src(*span);
                    self.out.write(text);
                }
            }
        }
    }

    fn block(&mut self, block: &Block) {
        self.out.write(block.kind.keyword());
        self.out.write(" ");
        let name = self.src(block.name);
        self.out.write(name);
        self.out.write(" {");
        self.out.end_line();
        self.out.indent_up();
        self.block_contents(&block.items);
        self.out.indent_down();
        self.out.write("}");
        self.out.end_line();
    }

    fn block_contents(&mut self, items: &[BlockItem]) {
        // Block attributes go last, each with the comment right above it.
        let mut attributes: Vec<(Option<&CommentBlock>, &Attr)> = Vec::new();
        let mut table = Table::default();
        let mut pending_comment = None;
        let mut i = usize::from(matches!(items.first(), Some(BlockItem::EmptyLines(_))));

        loop {
            let ate_empty_lines = matches!(items.get(i), Some(BlockItem::EmptyLines(_)));
            if ate_empty_lines {
                i += 1;
                // Empty lines restart the column layout, except at the end of the block and
                // before attributes and comments (which handle them themselves).
                if !matches!(items.get(i), None | Some(BlockItem::Attribute(_) | BlockItem::Comments(_))) {
                    table.render(&mut self.out);
                    table.start_new_line();
                }
            }
            let Some(item) = items.get(i) else {
                break;
            };
            i += 1;
            match item {
                BlockItem::Comments(comments) => {
                    if matches!(items.get(i), Some(BlockItem::Attribute(_))) {
                        pending_comment = Some(comments);
                    } else {
                        if ate_empty_lines {
                            table.render(&mut self.out);
                            table.start_new_line();
                        }
                        self.comment_block(comments, &mut table);
                    }
                }
                BlockItem::Field(field) => self.field(field, &mut table),
                BlockItem::KeyValue(kv) => self.key_value(kv, &mut table),
                BlockItem::EnumValue(value) => self.enum_value(value, &mut table),
                BlockItem::Attribute(attr) => attributes.push((pending_comment.take(), attr)),
                BlockItem::CatchAll(span) => {
                    let line = self.src(*span).trim_end_matches('\n');
                    table.interleave(line);
                }
                BlockItem::EmptyLines(_) => {}
            }
        }

        table.render(&mut self.out);
        if !attributes.is_empty() {
            table.start_new_line();
        }
        attributes.sort_by_key(|(_, attr)| attribute_rank(self.src(attr.path)));
        for (comment, attr) in attributes {
            if let Some(comment) = comment {
                self.comment_block(comment, &mut table);
            }
            self.block_attribute(attr, &mut table);
        }
        table.render(&mut self.out);
    }

    fn field(&mut self, field: &FieldDecl, table: &mut Table) {
        table.start_new_line();
        table.column(NAME_COLUMN).push_str(self.src(field.name));
        if let Some(ty) = &field.ty {
            let rendered = self.field_type(ty);
            table.column(TYPE_COLUMN).push_str(&rendered);
        }
        if let Some(comment) = &field.trailing_comment {
            table.append_suffix(self.src(comment.span));
        }
        let mut attributes: Vec<&Attr> = field.attributes.iter().collect();
        attributes.sort_by_key(|attr| attribute_rank(self.src(attr.path)));
        let rendered: Vec<String> = attributes.iter().map(|attr| format!("@{}", self.call(attr))).collect();
        table.column(ATTRIBUTES_COLUMN).push_str(&rendered.join(" "));
    }

    fn field_type(&self, ty: &TypeNode) -> String {
        let base = self.src(ty.base.span());
        let suffix = match ty.shape {
            TypeShape::Required | TypeShape::LegacyRequired => "",
            TypeShape::Optional => "?",
            TypeShape::List | TypeShape::LegacyList => "[]",
            TypeShape::OptionalList => "[]?",
        };
        format!("{base}{suffix}")
    }

    fn enum_value(&mut self, value: &EnumValueDecl, table: &mut Table) {
        table.start_new_line();
        table.column(NAME_COLUMN).push_str(self.src(value.name));
        // Prisma writes enum value attributes into one cell, unsorted and unseparated.
        for attr in &value.attributes {
            let rendered = format!("@{}", self.call(attr));
            table.column(1).push_str(&rendered);
        }
        if let Some(comment) = &value.trailing_comment {
            table.append_suffix(self.src(comment.span));
        }
    }

    fn key_value(&mut self, kv: &KeyValue, table: &mut Table) {
        table.start_new_line();
        table.column(0).push_str(self.src(kv.name));
        if let Some(value) = &kv.value {
            let rendered = format!("= {}", self.expression(value));
            table.column(1).push_str(&rendered);
        }
        if let Some(comment) = &kv.trailing_comment {
            table.append_suffix(self.src(comment.span));
        }
    }

    fn block_attribute(&mut self, attr: &Attr, table: &mut Table) {
        table.start_new_line();
        let rendered = format!("@@{}", self.call(attr));
        table.column(0).push_str(&rendered);
        if let Some(comment) = &attr.trailing_comment {
            table.append_suffix(self.src(comment.span));
        }
    }

    /// `path(args)` of an attribute.
    fn call(&self, attr: &Attr) -> String {
        let mut out = self.src(attr.path).to_owned();
        if let Some(args) = &attr.args {
            self.arguments(args, &mut out);
        }
        out
    }

    fn arguments(&self, args: &ArgList, out: &mut String) {
        out.push('(');
        for (i, arg) in args.args.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            match arg {
                Arg::Named { name, value, .. } => {
                    out.push_str(self.src(*name));
                    out.push_str(": ");
                    self.expression_into(value, out);
                }
                Arg::Empty { name, .. } => {
                    out.push_str(self.src(*name));
                    out.push_str(": ");
                }
                Arg::Positional(value) => self.expression_into(value, out),
            }
        }
        out.push(')');
    }

    fn expression(&self, expr: &Expr) -> String {
        let mut out = String::new();
        self.expression_into(expr, &mut out);
        out
    }

    fn expression_into(&self, expr: &Expr, out: &mut String) {
        match expr {
            Expr::Number(span) | Expr::Path(span) => out.push_str(self.src(*span)),
            Expr::Str(lit) => out.push_str(self.src(lit.span)),
            Expr::Function { path, args, .. } => {
                out.push_str(self.src(*path));
                self.arguments(args, out);
            }
            Expr::Array { items, .. } => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    self.expression_into(item, out);
                }
                out.push(']');
            }
        }
    }

    fn comment_block(&self, block: &CommentBlock, table: &mut Table) {
        for comment in &block.comments {
            match comment.kind {
                CommentKind::Doc | CommentKind::Plain => {
                    table.start_new_line();
                    let prefix = if comment.kind == CommentKind::Doc { "///" } else { "//" };
                    table.append_suffix(prefix);
                    table.append_suffix(self.src(comment.content));
                }
                CommentKind::Multi => self.multi_line_comment(self.src(comment.span), table),
            }
        }
    }

    /// `/* … */` in canonical form: `/**`, one ` * line` per non-empty line, ` */`.
    fn multi_line_comment(&self, text: &str, table: &mut Table) {
        table.start_new_line();
        table.append_suffix("/**");
        let inner = text.get(2..text.len().saturating_sub(2)).unwrap_or("");
        for line in inner.lines() {
            let line = line.trim();
            let line = line.strip_prefix('*').map_or(line, str::trim_start);
            if !line.is_empty() {
                table.start_new_line();
                table.append_suffix(" * ");
                table.append_suffix(line);
            }
        }
        table.start_new_line();
        table.append_suffix(" */");
    }
}

/// Prisma's canonical order of attributes; unknown ones keep their order, at the end.
fn attribute_rank(path: &str) -> usize {
    const ORDER: [&str; 9] = ["id", "unique", "default", "updatedAt", "index", "fulltext", "map", "relation", "ignore"];
    ORDER.iter().position(|name| *name == path).unwrap_or(usize::MAX)
}
