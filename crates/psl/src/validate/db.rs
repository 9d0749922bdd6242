//! The generic, provider-independent analysis of a schema (Prisma's "parser database"):
//! name resolution, type resolution, attribute resolution and relation inference. Each pass
//! only runs when the previous ones found no error, as in Prisma.

use super::attrs::{attribute_error, AttrSet, Args};
use super::connector::{action_from_str, scalar_from_str};
use super::expr;
use crate::ast::{self, Attribute, Expression, FieldArity, Span};
use crate::datamodel::{IndexKind, ReferentialAction, ScalarType, SortOrder};
use crate::diagnostics::{Diagnostic, Diagnostics};
use std::collections::HashMap;

pub(crate) type ModelIdx = usize;
pub(crate) type FieldIdx = usize;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TopRef {
    Model(ModelIdx),
    Enum(usize),
    Composite(usize),
}

pub(crate) struct Db<'a> {
    pub(crate) models: Vec<ModelData<'a>>,
    pub(crate) enums: Vec<EnumData<'a>>,
    pub(crate) composites: Vec<CompositeData<'a>>,
    pub(crate) sources: Vec<&'a ast::ConfigBlock>,
    pub(crate) generators: Vec<&'a ast::ConfigBlock>,
    pub(crate) relations: Vec<Relation>,
    pub(crate) tops: HashMap<&'a str, TopRef>,
    /// Tops in source order, for passes that walk "all blocks".
    pub(crate) order: Vec<TopRef>,
}

pub(crate) struct ModelData<'a> {
    pub(crate) ast: &'a ast::Model,
    pub(crate) fields: Vec<FieldData<'a>>,
    pub(crate) field_names: HashMap<&'a str, FieldIdx>,
    pub(crate) attrs: ModelAttrs<'a>,
}

impl<'a> ModelData<'a> {
    pub(crate) fn name(&self) -> &'a str {
        &self.ast.name.name
    }

    pub(crate) fn is_view(&self) -> bool {
        self.ast.is_view
    }

    pub(crate) fn container(&self) -> &'static str {
        if self.ast.is_view {
            "view"
        } else {
            "model"
        }
    }

    pub(crate) fn database_name(&self) -> &str {
        self.attrs.mapped_name.as_deref().unwrap_or(&self.ast.name.name)
    }

    pub(crate) fn scalar(&self, f: FieldIdx) -> Option<&ScalarData<'a>> {
        match &self.fields.get(f)?.kind {
            FieldKind::Scalar(s) => Some(s),
            _ => None,
        }
    }

    pub(crate) fn relation(&self, f: FieldIdx) -> Option<&RelationData<'a>> {
        match &self.fields.get(f)?.kind {
            FieldKind::Relation(r) => Some(r),
            _ => None,
        }
    }

    pub(crate) fn field_name(&self, f: FieldIdx) -> &'a str {
        &self.ast.fields[f].name.name
    }

    pub(crate) fn field_db_name(&self, f: FieldIdx) -> &str {
        self.scalar(f)
            .and_then(|s| s.mapped_name.as_deref())
            .unwrap_or(&self.ast.fields[f].name.name)
    }

    pub(crate) fn scalar_fields(&self) -> impl Iterator<Item = (FieldIdx, &ScalarData<'a>)> {
        self.fields.iter().enumerate().filter_map(|(i, f)| match &f.kind {
            FieldKind::Scalar(s) => Some((i, s)),
            _ => None,
        })
    }

    pub(crate) fn relation_fields(&self) -> impl Iterator<Item = (FieldIdx, &RelationData<'a>)> {
        self.fields.iter().enumerate().filter_map(|(i, f)| match &f.kind {
            FieldKind::Relation(r) => Some((i, r)),
            _ => None,
        })
    }
}

pub(crate) struct FieldData<'a> {
    pub(crate) ast: &'a ast::Field,
    pub(crate) kind: FieldKind<'a>,
}

pub(crate) enum FieldKind<'a> {
    Scalar(ScalarData<'a>),
    Relation(RelationData<'a>),
    /// Its type resolves to nothing (already reported). Kept so that field indices stay those
    /// of the AST; like Prisma, it is neither a scalar nor a relation field.
    Unresolved,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum ScalarKind {
    BuiltIn(ScalarType),
    Enum(usize),
    Composite(usize),
    Unsupported(String),
}

pub(crate) struct ScalarData<'a> {
    pub(crate) ty: ScalarKind,
    pub(crate) mapped_name: Option<String>,
    pub(crate) ignored: bool,
    pub(crate) updated_at: bool,
    pub(crate) default: Option<DefaultData<'a>>,
    pub(crate) native: Option<&'a Attribute>,
    pub(crate) shard_key: bool,
}

pub(crate) struct DefaultData<'a> {
    pub(crate) value: &'a Expression,
    pub(crate) mapped_name: Option<String>,
    pub(crate) attr: &'a Attribute,
}

pub(crate) struct RelationData<'a> {
    pub(crate) target: ModelIdx,
    pub(crate) name: Option<String>,
    pub(crate) fields: Option<Vec<FieldIdx>>,
    pub(crate) references: Option<Vec<FieldIdx>>,
    pub(crate) on_delete: Option<(ReferentialAction, Span)>,
    pub(crate) on_update: Option<(ReferentialAction, Span)>,
    pub(crate) mapped_name: Option<String>,
    pub(crate) ignored: bool,
    pub(crate) attr: Option<&'a Attribute>,
}

#[derive(Default)]
pub(crate) struct ModelAttrs<'a> {
    pub(crate) ignored: bool,
    pub(crate) pk: Option<PkData<'a>>,
    pub(crate) mapped_name: Option<String>,
    pub(crate) schema: Option<(String, Span)>,
    pub(crate) indexes: Vec<IndexData<'a>>,
    pub(crate) shard_key: Option<ShardKey<'a>>,
}

pub(crate) struct ShardKey<'a> {
    pub(crate) attr: &'a Attribute,
    pub(crate) source_field: Option<FieldIdx>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum OpClass {
    Named(String),
    Raw(String),
}

#[derive(Debug, Clone)]
pub(crate) struct IdxField {
    pub(crate) field: FieldIdx,
    pub(crate) sort: Option<SortOrder>,
    pub(crate) length: Option<u32>,
    pub(crate) ops: Option<OpClass>,
    /// `a.b.c` paths into composite types (MongoDB): the remaining path.
    pub(crate) path: Vec<String>,
    /// Arguments were given (`a(sort: Desc)`).
    pub(crate) has_args: bool,
}

pub(crate) struct IndexData<'a> {
    pub(crate) kind: IndexKind,
    pub(crate) fields: Vec<IdxField>,
    pub(crate) name: Option<String>,
    pub(crate) mapped_name: Option<String>,
    pub(crate) algorithm: Option<String>,
    pub(crate) clustered: Option<bool>,
    pub(crate) where_clause: Option<String>,
    pub(crate) attr: &'a Attribute,
    pub(crate) source_field: Option<FieldIdx>,
}

impl IndexData<'_> {
    pub(crate) fn attribute_name(&self) -> &'static str {
        match (self.kind, self.source_field.is_some()) {
            (IndexKind::Unique, true) => "@unique",
            (IndexKind::Unique, false) => "@@unique",
            (IndexKind::Normal, _) => "@@index",
            (IndexKind::Fulltext, _) => "@@fulltext",
        }
    }
}

pub(crate) struct PkData<'a> {
    pub(crate) fields: Vec<IdxField>,
    pub(crate) name: Option<String>,
    pub(crate) mapped_name: Option<String>,
    pub(crate) clustered: Option<bool>,
    pub(crate) attr: &'a Attribute,
    pub(crate) source_field: Option<FieldIdx>,
}

impl PkData<'_> {
    pub(crate) fn attribute_name(&self) -> &'static str {
        if self.source_field.is_some() {
            "@id"
        } else {
            "@@id"
        }
    }
}

pub(crate) struct EnumData<'a> {
    pub(crate) ast: &'a ast::Enum,
    pub(crate) mapped_name: Option<String>,
    pub(crate) value_names: Vec<Option<String>>,
    pub(crate) schema: Option<(String, Span)>,
}

impl EnumData<'_> {
    pub(crate) fn database_name(&self) -> &str {
        self.mapped_name.as_deref().unwrap_or(&self.ast.name.name)
    }
}

pub(crate) struct CompositeData<'a> {
    pub(crate) ast: &'a ast::CompositeType,
    pub(crate) field_types: Vec<Option<ScalarKind>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RelKind {
    ImplicitManyToMany,
    TwoWayEmbeddedManyToMany,
    OneToOne,
    OneToMany,
}

/// A relation between two models. For 1:1 and 1:n, `field_a` is the forward side (the one
/// that can hold `fields`/`references`), `field_b` the back side.
#[derive(Debug, Clone)]
pub(crate) struct Relation {
    pub(crate) kind: RelKind,
    pub(crate) model_a: ModelIdx,
    pub(crate) model_b: ModelIdx,
    pub(crate) field_a: Option<FieldIdx>,
    pub(crate) field_b: Option<FieldIdx>,
    pub(crate) name: Option<String>,
}

const RESERVED_NAMES: &[&str] = &[
    "PrismaClient", "break", "case", "catch", "class", "const", "continue", "debugger", "default", "delete",
    "do", "else", "enum", "export", "extends", "false", "finally", "for", "function", "if", "implements",
    "import", "in", "instanceof", "interface", "let", "new", "null", "package", "private", "protected",
    "public", "return", "super", "switch", "this", "throw", "true", "try", "typeof", "var", "void", "while",
    "with", "yield",
];

/// Runs the generic passes. Prisma 6.19 goes on to the attributes after name and type errors
/// (a field of an unknown type is then neither scalar nor relation); only the validation
/// pipeline after them stops on errors.
pub(crate) fn build<'a>(schema: &'a ast::Schema, diags: &mut Diagnostics) -> Option<Db<'a>> {
    let mut db = Db {
        models: Vec::new(),
        enums: Vec::new(),
        composites: Vec::new(),
        sources: Vec::new(),
        generators: Vec::new(),
        relations: Vec::new(),
        tops: HashMap::new(),
        order: Vec::new(),
    };
    resolve_names(schema, &mut db, diags);
    resolve_types(&mut db, diags);
    resolve_attributes(&mut db, diags);
    infer_relations(&mut db);
    Some(db)
}

// ---------------------------------------------------------------------------------------
// Names

fn validate_identifier(ident: &ast::Identifier, item: &str, diags: &mut Diagnostics) {
    let Some(first) = ident.name.chars().next() else {
        diags.push(validation_error(&format!("The name of a {item} must not be empty."), ident.span));
        return;
    };
    if first.is_numeric() {
        diags.push(validation_error(&format!("The name of a {item} must not start with a number."), ident.span));
    } else if ident.name.contains('-') {
        diags.push(validation_error(&format!("The character `-` is not allowed in {item} names."), ident.span));
    }
}

pub(crate) fn validation_error(message: &str, span: Span) -> Diagnostic {
    Diagnostic::error(format!("Error validating: {message}"), span)
}

pub(crate) fn model_error(message: &str, container: &str, name: &str, span: Span) -> Diagnostic {
    Diagnostic::error(format!("Error validating {container} \"{name}\": {message}"), span)
}

pub(crate) fn field_error(message: &str, container: &str, model: &str, field: &str, span: Span) -> Diagnostic {
    Diagnostic::error(format!("Error validating field `{field}` in {container} `{model}`: {message}"), span)
}

fn duplicate_field(model: &str, field: &str, container: &str, span: Span) -> Diagnostic {
    Diagnostic::error(format!("Field \"{field}\" is already defined on {container} \"{model}\"."), span)
}

fn top_kind(top: &ast::Top) -> &'static str {
    match top {
        ast::Top::Model(m) if m.is_view => "view",
        ast::Top::Model(_) => "model",
        ast::Top::Enum(_) => "enum",
        ast::Top::CompositeType(_) => "composite type",
        ast::Top::Source(_) => "datasource",
        ast::Top::Generator(_) => "generator",
    }
}

fn top_ident(top: &ast::Top) -> &ast::Identifier {
    match top {
        ast::Top::Model(m) => &m.name,
        ast::Top::Enum(e) => &e.name,
        ast::Top::CompositeType(c) => &c.name,
        ast::Top::Source(s) | ast::Top::Generator(s) => &s.name,
    }
}

fn resolve_names<'a>(schema: &'a ast::Schema, db: &mut Db<'a>, diags: &mut Diagnostics) {
    let mut tops: HashMap<&str, &ast::Top> = HashMap::new();
    let mut sources: HashMap<&str, &ast::Top> = HashMap::new();
    let mut generators: HashMap<&str, &ast::Top> = HashMap::new();

    for file in &schema.files {
        for top in &file.tops {
            let ident = top_ident(top);
            if !matches!(top, ast::Top::Source(_) | ast::Top::Generator(_)) && scalar_from_str(&ident.name).is_some() {
                diags.push(Diagnostic::error(
                    format!("\"{}\" is a reserved scalar type name and cannot be used.", ident.name),
                    ident.span,
                ));
            }
            let namespace = match top {
                ast::Top::Enum(e) => {
                    names_of_enum(e, diags);
                    db.tops.entry(&e.name.name).or_insert(TopRef::Enum(db.enums.len()));
                    db.order.push(TopRef::Enum(db.enums.len()));
                    db.enums.push(EnumData {
                        ast: e,
                        mapped_name: None,
                        value_names: vec![None; e.values.len()],
                        schema: None,
                    });
                    &mut tops
                }
                ast::Top::Model(m) => {
                    let field_names = names_of_model(m, diags);
                    let idx = db.models.len();
                    db.tops.entry(&m.name.name).or_insert(TopRef::Model(idx));
                    db.order.push(TopRef::Model(idx));
                    db.models.push(ModelData { ast: m, fields: Vec::new(), field_names, attrs: ModelAttrs::default() });
                    &mut tops
                }
                ast::Top::CompositeType(c) => {
                    validate_identifier(&c.name, "Composite type", diags);
                    let mut seen: HashMap<&str, ()> = HashMap::new();
                    for f in &c.fields {
                        if seen.insert(&f.name.name, ()).is_some() {
                            diags.push(Diagnostic::error(
                                format!("Field \"{}\" is already defined on composite type \"{}\".", f.name.name, c.name.name),
                                f.name.span,
                            ));
                        }
                    }
                    let idx = db.composites.len();
                    db.tops.entry(&c.name.name).or_insert(TopRef::Composite(idx));
                    db.order.push(TopRef::Composite(idx));
                    db.composites.push(CompositeData { ast: c, field_types: Vec::new() });
                    &mut tops
                }
                ast::Top::Source(s) => {
                    duplicate_properties(top, s, diags);
                    db.sources.push(s);
                    &mut sources
                }
                ast::Top::Generator(g) => {
                    duplicate_properties(top, g, diags);
                    db.generators.push(g);
                    &mut generators
                }
            };
            if let Some(existing) = namespace.insert(&ident.name, top) {
                diags.push(Diagnostic::error(
                    format!(
                        "The {} \"{}\" cannot be defined because a {} with that name already exists.",
                        top_kind(top),
                        ident.name,
                        top_kind(existing)
                    ),
                    ident.span,
                ));
            }
        }
    }
}

fn names_of_enum(e: &ast::Enum, diags: &mut Diagnostics) {
    validate_identifier(&e.name, "Enum", diags);
    if RESERVED_NAMES.contains(&e.name.name.as_str()) {
        diags.push(Diagnostic::error(
            format!(
                "Error validating enum `{0}`: The enum name `{0}` is invalid. It is a reserved name. Please change it. Read more at https://www.prisma.io/docs/reference/tools-and-interfaces/prisma-schema/data-model#naming-enums",
                e.name.name
            ),
            e.span,
        ));
    }
    for a in &e.attributes {
        validate_identifier(&a.name, "Attribute", diags);
    }
    let mut seen: HashMap<&str, ()> = HashMap::new();
    for v in &e.values {
        validate_identifier(&v.name, "Enum Value", diags);
        for a in &v.attributes {
            validate_identifier(&a.name, "Attribute", diags);
        }
        if seen.insert(&v.name.name, ()).is_some() {
            diags.push(Diagnostic::error(
                format!("Value \"{}\" is already defined on enum \"{}\".", v.name.name, e.name.name),
                v.span,
            ));
        }
    }
}

fn names_of_model<'a>(m: &'a ast::Model, diags: &mut Diagnostics) -> HashMap<&'a str, FieldIdx> {
    let (item, field_item, container) = if m.is_view { ("view", "field", "view") } else { ("Model", "Field", "model") };
    validate_identifier(&m.name, item, diags);
    if RESERVED_NAMES.contains(&m.name.name.as_str()) {
        let block = if m.is_view { "view" } else { "model" };
        diags.push(model_error(
            &format!(
                "The {block} name `{}` is invalid. It is a reserved name. Please change it. Read more at https://pris.ly/d/naming-models",
                m.name.name
            ),
            "model",
            &m.name.name,
            m.span,
        ));
    }
    for a in &m.attributes {
        validate_identifier(&a.name, "Attribute", diags);
    }
    let mut names = HashMap::new();
    for (i, f) in m.fields.iter().enumerate() {
        validate_identifier(&f.name, field_item, diags);
        for a in &f.attributes {
            validate_identifier(&a.name, "Attribute", diags);
        }
        if names.insert(f.name.name.as_str(), i).is_some() {
            diags.push(duplicate_field(&m.name.name, &f.name.name, container, f.name.span));
        }
    }
    names
}

fn duplicate_properties(top: &ast::Top, block: &ast::ConfigBlock, diags: &mut Diagnostics) {
    let mut seen: HashMap<&str, ()> = HashMap::new();
    for p in &block.properties {
        if seen.insert(&p.name.name, ()).is_some() {
            diags.push(Diagnostic::error(
                format!(
                    "Key \"{}\" is already defined in {} \"{}\".",
                    p.name.name,
                    top_kind(top),
                    block.name.name
                ),
                p.name.span,
            ));
        }
    }
}

// ---------------------------------------------------------------------------------------
// Types

fn resolve_types(db: &mut Db<'_>, diags: &mut Diagnostics) {
    let tops = db.tops.clone();
    let resolve = |ft: &ast::FieldType, diags: &mut Diagnostics| -> Option<Result<ScalarKind, ModelIdx>> {
        match ft {
            ast::FieldType::Unsupported(s, _) => Some(Ok(ScalarKind::Unsupported(s.clone()))),
            ast::FieldType::Supported(id) => {
                if let Some(s) = scalar_from_str(&id.name) {
                    return Some(Ok(ScalarKind::BuiltIn(s)));
                }
                match tops.get(id.name.as_str()) {
                    Some(TopRef::Model(m)) => Some(Err(*m)),
                    Some(TopRef::Enum(e)) => Some(Ok(ScalarKind::Enum(*e))),
                    Some(TopRef::Composite(c)) => Some(Ok(ScalarKind::Composite(*c))),
                    None => {
                        diags.push(Diagnostic::error(
                            format!(
                                "Type \"{}\" is neither a built-in type, nor refers to another model, composite type, or enum.",
                                id.name
                            ),
                            id.span,
                        ));
                        None
                    }
                }
            }
        }
    };

    for model in &mut db.models {
        for f in &model.ast.fields {
            let kind = match resolve(&f.field_type, diags) {
                Some(Ok(ty)) => FieldKind::Scalar(ScalarData {
                    ty,
                    mapped_name: None,
                    ignored: false,
                    updated_at: false,
                    default: None,
                    native: None,
                    shard_key: false,
                }),
                Some(Err(target)) => FieldKind::Relation(RelationData {
                    target,
                    name: None,
                    fields: None,
                    references: None,
                    on_delete: None,
                    on_update: None,
                    mapped_name: None,
                    ignored: false,
                    attr: None,
                }),
                None => FieldKind::Unresolved,
            };
            model.fields.push(FieldData { ast: f, kind });
        }
    }
    for ct in &mut db.composites {
        for f in &ct.ast.fields {
            let ty = match resolve(&f.field_type, diags) {
                Some(Ok(ty)) => Some(ty),
                Some(Err(_)) => {
                    diags.push(Diagnostic::error(
                        format!(
                            "Error validating composite type \"{}\": {} refers to a model, making this a relation field. Relation fields inside composite types are not supported.",
                            ct.ast.name.name,
                            f.name.name
                        ),
                        f.field_type.span(),
                    ));
                    None
                }
                None => None,
            };
            ct.field_types.push(ty);
        }
    }
}

// ---------------------------------------------------------------------------------------
// Attributes

fn resolve_attributes(db: &mut Db<'_>, diags: &mut Diagnostics) {
    // Relation fields first, all models, as Prisma does.
    for m in 0..db.models.len() {
        for f in 0..db.models[m].fields.len() {
            if matches!(db.models[m].fields[f].kind, FieldKind::Relation(_)) {
                relation_field_attributes(db, m, f, diags);
            }
        }
    }
    for top in db.order.clone() {
        match top {
            TopRef::Model(m) => model_attributes(db, m, diags),
            TopRef::Enum(e) => enum_attributes(db, e, diags),
            TopRef::Composite(c) => composite_attributes(db, c, diags),
        }
    }
}

fn relation_field_attributes(db: &mut Db<'_>, m: ModelIdx, f: FieldIdx, diags: &mut Diagnostics) {
    let ast_field = db.models[m].fields[f].ast;
    let mut set = AttrSet::new(&ast_field.attributes);

    if let Some(mut args) = set.single("relation", diags) {
        visit_relation(db, m, f, &mut args, diags);
        args.finish(diags);
    }
    if let Some(args) = set.single("id", diags) {
        diags.push(args.error(&format!(
            "The field `{}` is a relation field and cannot be marked with `@id`. Only scalar fields can be declared as id.",
            ast_field.name.name
        )));
        args.discard();
    }
    if let Some(args) = set.single("ignore", diags) {
        if let FieldKind::Relation(r) = &mut db.models[m].fields[f].kind {
            r.ignored = true;
        }
        args.finish(diags);
    }
    if let Some(args) = set.single("default", diags) {
        diags.push(args.error("Cannot set a default value on a relation field."));
        args.discard();
    }
    if let Some(mut args) = set.single("map", diags) {
        diags.push(args.error("The attribute `@map` cannot be used on relation fields."));
        if let Err(e) = args.default_arg("name") {
            diags.push(e);
        }
        args.discard();
    }
    if let Some(args) = set.single("unique", diags) {
        let model = &db.models[m];
        let suggested: Vec<&str> = model
            .relation(f)
            .and_then(|r| r.fields.as_ref())
            .map(|fs| fs.iter().map(|&i| model.field_name(i)).collect())
            .unwrap_or_default();
        let suggestion = match suggested.len() {
            0 => String::new(),
            1 => format!(" Did you mean to put it on `{}`?", suggested[0]),
            _ => format!(" Did you mean to provide `@@unique([{}])`?", suggested.join(", ")),
        };
        diags.push(args.error(&format!(
            "The field `{}` is a relation field and cannot be marked with `unique`. Only scalar fields can be made unique.{suggestion}",
            ast_field.name.name
        )));
        args.discard();
    }
    set.finish(diags);
}

enum Problem<'a> {
    Unknown(&'a str),
    Relation(&'a str),
}

/// Resolves `fields: [a, b]` (no per-field arguments) against model `m`.
fn resolve_plain_fields<'a>(
    db: &Db<'a>,
    m: ModelIdx,
    value: &'a Expression,
    attr_span: Span,
    diags: &mut Diagnostics,
) -> Result<Vec<FieldIdx>, Option<Vec<Problem<'a>>>> {
    let names = expr::array(value, diags, expr::constant).ok_or(None)?;
    let model = &db.models[m];
    let mut out = Vec::new();
    let mut problems = Vec::new();
    for name in names {
        let Some(&fi) = model.field_names.get(name).filter(|_| !name.contains('.')) else {
            problems.push(Problem::Unknown(name));
            continue;
        };
        if model.scalar(fi).is_none() {
            problems.push(Problem::Relation(name));
            continue;
        }
        if out.contains(&fi) {
            diags.push(model_error(
                &format!("The unique index definition refers to the field {name} multiple times."),
                "model",
                model.name(),
                attr_span,
            ));
            return Err(None);
        }
        out.push(fi);
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(Some(problems))
    }
}

/// Prisma's `@@id` messages: "field `a`", or "fields `a`, `b`" (its index messages differ).
fn quoted_field_list(names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    let noun = if names.len() == 1 { "field" } else { "fields" };
    format!("{noun} {}", quoted.join(", "))
}

fn visit_relation<'a>(db: &mut Db<'a>, m: ModelIdx, f: FieldIdx, args: &mut Args<'a>, diags: &mut Diagnostics) {
    let attr = args.attr;
    let target = match &db.models[m].fields[f].kind {
        FieldKind::Relation(r) => r.target,
        FieldKind::Scalar(_) | FieldKind::Unresolved => return,
    };
    let mut fields = None;
    if let Some(value) = args.optional("fields") {
        fields = Some(match resolve_plain_fields(db, m, value, attr.span, diags) {
            Ok(fs) => fs,
            Err(None) => Vec::new(),
            Err(Some(problems)) => {
                let unknown: Vec<&str> = problems.iter().filter_map(|p| match p { Problem::Unknown(n) => Some(*n), _ => None }).collect();
                let rel: Vec<&str> = problems.iter().filter_map(|p| match p { Problem::Relation(n) => Some(*n), _ => None }).collect();
                if !unknown.is_empty() {
                    diags.push(validation_error(
                        &format!("The argument fields must refer only to existing fields. The following fields do not exist in this model: {}", unknown.join(", ")),
                        value.span(),
                    ));
                }
                if !rel.is_empty() {
                    diags.push(validation_error(
                        &format!("The argument fields must refer only to scalar fields. But it is referencing the following relation fields: {}", rel.join(", ")),
                        value.span(),
                    ));
                }
                Vec::new()
            }
        });
    }
    let mut references = None;
    if let Some(value) = args.optional("references") {
        references = Some(match resolve_plain_fields(db, target, value, attr.span, diags) {
            Ok(fs) => fs,
            Err(None) => Vec::new(),
            Err(Some(problems)) => {
                let target_name = db.models[target].name();
                let unknown: Vec<&str> = problems.iter().filter_map(|p| match p { Problem::Unknown(n) => Some(*n), _ => None }).collect();
                let rel: Vec<&str> = problems.iter().filter_map(|p| match p { Problem::Relation(n) => Some(*n), _ => None }).collect();
                if !unknown.is_empty() {
                    diags.push(validation_error(
                        &format!("The argument `references` must refer only to existing fields in the related model `{target_name}`. The following fields do not exist in the related model: {}", unknown.join(", ")),
                        attr.span,
                    ));
                }
                if !rel.is_empty() {
                    diags.push(validation_error(
                        &format!("The argument `references` must refer only to scalar fields in the related model `{target_name}`. But it is referencing the following relation fields: {}", rel.join(", ")),
                        attr.span,
                    ));
                }
                Vec::new()
            }
        });
    }
    let mut name = None;
    if let Ok(value) = args.default_arg("name") {
        match expr::string(value, diags) {
            Some("") => diags.push(args.error("A relation cannot have an empty name.")),
            Some(n) => name = Some(n.to_owned()),
            None => {}
        }
    }
    let on_delete = args.optional("onDelete").and_then(|e| referential_action(e, args, diags));
    let on_update = args.optional("onUpdate").and_then(|e| referential_action(e, args, diags));
    let mapped_name = mapped_name_arg(args, diags);

    if let FieldKind::Relation(r) = &mut db.models[m].fields[f].kind {
        r.attr = Some(attr);
        r.fields = fields;
        r.references = references;
        r.name = name;
        r.on_delete = on_delete;
        r.on_update = on_update;
        r.mapped_name = mapped_name;
    }
}

fn referential_action(e: &Expression, args: &Args<'_>, diags: &mut Diagnostics) -> Option<(ReferentialAction, Span)> {
    let c = expr::constant(e, diags)?;
    match action_from_str(c) {
        Some(a) => Some((a, e.span())),
        None => {
            diags.push(attribute_error(
                &format!("@{}", args.attr.name.name),
                &format!("Invalid referential action: `{c}`"),
                e.span(),
            ));
            None
        }
    }
}

/// `map: "…"` with Prisma's empty-string check.
fn mapped_name_arg(args: &mut Args<'_>, diags: &mut Diagnostics) -> Option<String> {
    match args.optional("map").and_then(|e| expr::string(e, diags)) {
        Some("") => {
            diags.push(args.error("The `map` argument cannot be an empty string."));
            None
        }
        Some(s) => Some(s.to_owned()),
        None => None,
    }
}

fn name_arg(args: &mut Args<'_>, diags: &mut Diagnostics) -> Option<String> {
    match args.optional("name").and_then(|e| expr::string(e, diags)) {
        Some("") => {
            diags.push(args.error("The `name` argument cannot be an empty string."));
            None
        }
        Some(s) => Some(s.to_owned()),
        None => None,
    }
}

fn sort_arg(args: &mut Args<'_>, diags: &mut Diagnostics) -> Option<SortOrder> {
    match args.optional("sort").and_then(|e| expr::constant(e, diags)) {
        Some("Desc") => Some(SortOrder::Desc),
        Some("Asc") => Some(SortOrder::Asc),
        Some(other) => {
            diags.push(args.error(&format!("The `sort` argument can only be `Asc` or `Desc` you provided: {other}.")));
            None
        }
        None => None,
    }
}

fn clustered_arg(args: &mut Args<'_>, diags: &mut Diagnostics) -> Option<bool> {
    args.optional("clustered").and_then(|e| expr::boolean(e, diags))
}

fn visit_map(args: &mut Args<'_>, diags: &mut Diagnostics) -> Option<String> {
    match args.default_arg("name") {
        Ok(value) => expr::string(value, diags).map(str::to_owned),
        Err(e) => {
            diags.push(e);
            None
        }
    }
}

fn model_attributes(db: &mut Db<'_>, m: ModelIdx, diags: &mut Diagnostics) {
    let mut attrs = ModelAttrs::default();
    let mut mapped_fields: HashMap<String, FieldIdx> = HashMap::new();
    for f in 0..db.models[m].fields.len() {
        if matches!(db.models[m].fields[f].kind, FieldKind::Scalar(_)) {
            scalar_field_attributes(db, m, f, &mut attrs, &mut mapped_fields, diags);
        }
    }

    let ast_model = db.models[m].ast;
    let mut set = AttrSet::new(&ast_model.attributes);

    if let Some(args) = set.single("ignore", diags) {
        for (fi, sf) in db.models[m].scalar_fields() {
            if sf.ignored {
                diags.push(attribute_error(
                    "@ignore",
                    "Fields on an already ignored Model do not need an `@ignore` annotation.",
                    ast_model.fields[fi].span,
                ));
            }
        }
        attrs.ignored = true;
        args.finish(diags);
    }
    if let Some(mut args) = set.single("id", diags) {
        if db.models[m].is_view() {
            diags.push(validation_error("Views cannot have primary keys.", args.attr.span));
            args.discard();
        } else {
            model_id(db, m, &mut args, &mut attrs, diags);
            args.finish(diags);
        }
    }
    if let Some(mut args) = set.single("map", diags) {
        attrs.mapped_name = visit_map(&mut args, diags);
        args.finish(diags);
    }
    if let Some(mut args) = set.single("schema", diags) {
        attrs.schema = schema_arg(&mut args, diags);
        args.finish(diags);
    }
    for mut args in set.repeated("index", diags) {
        if db.models[m].is_view() {
            diags.push(validation_error("Views cannot have indexes.", args.attr.span));
            args.discard();
            continue;
        }
        model_index(db, m, &mut args, IndexKind::Normal, &mut attrs, diags);
        args.finish(diags);
    }
    for mut args in set.repeated("unique", diags) {
        model_index(db, m, &mut args, IndexKind::Unique, &mut attrs, diags);
        args.finish(diags);
    }
    for mut args in set.repeated("fulltext", diags) {
        if db.models[m].is_view() {
            diags.push(validation_error("Views cannot have indexes.", args.attr.span));
            args.discard();
            continue;
        }
        model_index(db, m, &mut args, IndexKind::Fulltext, &mut attrs, diags);
        args.finish(diags);
    }
    for mut args in set.repeated("shardKey", diags) {
        model_shard_key(db, m, &mut args, &mut attrs, diags);
        args.finish(diags);
    }

    if let Some(sk) = &attrs.shard_key {
        if let Some(fi) = sk.source_field {
            if !attrs.ignored && ast_model.fields[fi].arity != FieldArity::Required {
                diags.push(attribute_error("@shardKey", "Fields that are marked as shard keys must be required.", sk.attr.span));
            }
        }
    }

    // Field-level @id must be on a required field.
    if !attrs.ignored {
        if let Some(pk) = &attrs.pk {
            if let Some(fi) = pk.source_field {
                if ast_model.fields[fi].arity != FieldArity::Required {
                    diags.push(attribute_error("@id", "Fields that are marked as id must be required.", pk.attr.span));
                }
            }
        }
    }

    db.models[m].attrs = attrs;
    set.finish(diags);
}

fn schema_arg(args: &mut Args<'_>, diags: &mut Diagnostics) -> Option<(String, Span)> {
    match args.default_arg("map") {
        Ok(value) => expr::string(value, diags).map(|s| (s.to_owned(), value.span())),
        Err(e) => {
            diags.push(e);
            None
        }
    }
}

fn scalar_field_attributes<'a>(
    db: &mut Db<'a>,
    m: ModelIdx,
    f: FieldIdx,
    model_attrs: &mut ModelAttrs<'a>,
    mapped_fields: &mut HashMap<String, FieldIdx>,
    diags: &mut Diagnostics,
) {
    let ast_model = db.models[m].ast;
    let ast_field = db.models[m].fields[f].ast;
    let container = db.models[m].container();
    let mut set = AttrSet::new(&ast_field.attributes);

    if let Some(mut args) = set.single("map", diags) {
        if let Some(mapped) = visit_map(&mut args, diags) {
            scalar_map_clashes(db, m, f, &mapped, mapped_fields, diags);
            if let FieldKind::Scalar(s) = &mut db.models[m].fields[f].kind {
                s.mapped_name = Some(mapped);
            }
        }
        args.finish(diags);
    }
    let ty = match &db.models[m].fields[f].kind {
        FieldKind::Scalar(s) => s.ty.clone(),
        FieldKind::Relation(_) | FieldKind::Unresolved => return,
    };
    if let Some(args) = set.single("ignore", diags) {
        if matches!(ty, ScalarKind::Unsupported(_)) {
            diags.push(args.error("Fields of type `Unsupported` cannot take an `@ignore` attribute. They are already treated as ignored by the client due to their type."));
        } else if let FieldKind::Scalar(s) = &mut db.models[m].fields[f].kind {
            s.ignored = true;
        }
        args.finish(diags);
    }
    if let Some(args) = set.single("relation", diags) {
        diags.push(args.error("Invalid field type, not a relation."));
        args.finish(diags);
    }
    if let Some(mut args) = set.single("id", diags) {
        if db.models[m].is_view() {
            diags.push(validation_error("Views cannot have primary keys.", args.attr.span));
            args.discard();
        } else {
            field_id(db, m, f, &mut args, model_attrs, diags);
            args.finish(diags);
        }
    }
    if let Some(args) = set.single("updatedAt", diags) {
        if ty != ScalarKind::BuiltIn(ScalarType::DateTime) {
            diags.push(args.error("Fields that are marked with @updatedAt must be of type DateTime."));
        }
        if ast_field.arity == FieldArity::List {
            diags.push(args.error("Fields that are marked with @updatedAt cannot be lists."));
        }
        if let FieldKind::Scalar(s) = &mut db.models[m].fields[f].kind {
            s.updated_at = true;
        }
        args.finish(diags);
    }
    if let Some(mut args) = set.single("default", diags) {
        let default = super::defaults::visit_default(db, m, f, &ty, &mut args, diags);
        if let (Some(d), FieldKind::Scalar(s)) = (default, &mut db.models[m].fields[f].kind) {
            s.default = Some(d);
        }
        args.finish(diags);
    }
    if matches!(ty, ScalarKind::BuiltIn(_)) {
        if let Some(native) = set.native_type(diags) {
            if let FieldKind::Scalar(s) = &mut db.models[m].fields[f].kind {
                s.native = Some(native);
            }
        }
    }
    if let Some(mut args) = set.single("unique", diags) {
        let mapped_name = mapped_name_arg(&mut args, diags);
        let length = args.optional("length").and_then(|e| expr::integer(e, diags)).map(|l| l as u32);
        let sort = sort_arg(&mut args, diags);
        let clustered = clustered_arg(&mut args, diags);
        if db.models[m].is_view() && view_unique_rejected(mapped_name.is_some(), clustered.is_some(), false, args.attr.span, diags) {
            args.finish(diags);
            set.finish(diags);
            return;
        }
        model_attrs.indexes.push(IndexData {
            kind: IndexKind::Unique,
            fields: vec![IdxField { field: f, sort, length, ops: None, path: Vec::new(), has_args: false }],
            name: None,
            mapped_name,
            algorithm: None,
            clustered,
            where_clause: None,
            attr: args.attr,
            source_field: Some(f),
        });
        args.finish(diags);
    }
    if let Some(args) = set.single("shardKey", diags) {
        if model_attrs.shard_key.is_some() {
            diags.push(model_error(
                "At most one field must be marked as the shard key with the `@shardKey` attribute.",
                "model",
                &ast_model.name.name,
                ast_model.span,
            ));
        } else {
            model_attrs.shard_key = Some(ShardKey { attr: args.attr, source_field: Some(f) });
        }
        if let FieldKind::Scalar(s) = &mut db.models[m].fields[f].kind {
            s.shard_key = true;
        }
        args.finish(diags);
    }
    let _ = (ast_model, container);
    set.finish(diags);
}

fn scalar_map_clashes(
    db: &Db<'_>,
    m: ModelIdx,
    f: FieldIdx,
    mapped: &str,
    mapped_fields: &mut HashMap<String, FieldIdx>,
    diags: &mut Diagnostics,
) {
    let model = &db.models[m];
    let ast_field = model.fields[f].ast;
    let dup = || duplicate_field(model.name(), &ast_field.name.name, model.container(), ast_field.span);
    if mapped_fields.insert(mapped.to_owned(), f).is_some() {
        diags.push(dup());
    }
    let Some(&other) = model.field_names.get(mapped) else { return };
    if other == f {
        return;
    }
    match model.scalar(other) {
        // @map only conflicts with scalar fields.
        None => {}
        Some(s) => match &s.mapped_name {
            Some(other_mapped) if other_mapped != mapped => {}
            _ => diags.push(dup()),
        },
    }
}

fn field_id<'a>(
    db: &Db<'a>,
    m: ModelIdx,
    f: FieldIdx,
    args: &mut Args<'a>,
    attrs: &mut ModelAttrs<'a>,
    diags: &mut Diagnostics,
) {
    let model = &db.models[m];
    if attrs.pk.is_some() {
        diags.push(model_error(
            "At most one field must be marked as the id field with the `@id` attribute.",
            "model",
            model.name(),
            model.ast.span,
        ));
        return;
    }
    let mapped_name = mapped_name_arg(args, diags);
    let length = args.optional("length").and_then(|e| expr::integer(e, diags)).map(|l| l as u32);
    let sort = sort_arg(args, diags);
    let clustered = clustered_arg(args, diags);
    attrs.pk = Some(PkData {
        fields: vec![IdxField { field: f, sort, length, ops: None, path: Vec::new(), has_args: false }],
        name: None,
        mapped_name,
        clustered,
        attr: args.attr,
        source_field: Some(f),
    });
}

fn model_id<'a>(db: &Db<'a>, m: ModelIdx, args: &mut Args<'a>, attrs: &mut ModelAttrs<'a>, diags: &mut Diagnostics) {
    let model = &db.models[m];
    let attr = args.attr;
    let value = match args.default_arg("fields") {
        Ok(v) => v,
        Err(e) => return diags.push(e),
    };
    let fields = match resolve_index_fields(db, m, value, attr.span, false, diags) {
        Ok(fs) => fs,
        Err(None) => return,
        Err(Some(problems)) => {
            let unknown: Vec<&str> = problems.iter().filter_map(|p| match p { Problem::Unknown(n) => Some(*n), _ => None }).collect();
            let rel: Vec<&str> = problems.iter().filter_map(|p| match p { Problem::Relation(n) => Some(*n), _ => None }).collect();
            if !unknown.is_empty() {
                diags.push(model_error(
                    &format!("The multi field id declaration refers to the unknown {}.", quoted_field_list(&unknown)),
                    "model",
                    model.name(),
                    value.span(),
                ));
            }
            if !rel.is_empty() {
                diags.push(model_error(
                    &format!("The id definition refers to the relation {}. ID definitions must reference only scalar fields.", quoted_field_list(&rel)),
                    "model",
                    model.name(),
                    attr.span,
                ));
            }
            return;
        }
    };
    let optional: Vec<&str> = fields
        .iter()
        .filter(|f| model.ast.fields[f.field].arity != FieldArity::Required)
        .map(|f| model.field_name(f.field))
        .collect();
    if !optional.is_empty() {
        diags.push(model_error(
            &format!("The id definition refers to the optional fields {}. ID definitions must reference only required fields.", optional.join(", ")),
            "model",
            model.name(),
            attr.span,
        ));
    }
    if attrs.pk.is_some() {
        diags.push(model_error(
            "Each model must have at most one id criteria. You can't have `@id` and `@@id` at the same time.",
            "model",
            model.name(),
            model.ast.span,
        ));
    }
    let mapped_name = mapped_name_arg(args, diags);
    let name = name_arg(args, diags);
    if let Some(n) = &name {
        validate_client_name(attr.span, model.name(), n, "@@id", diags);
    }
    let clustered = clustered_arg(args, diags);
    attrs.pk = Some(PkData { fields, name, mapped_name, clustered, attr, source_field: None });
}

fn validate_client_name(span: Span, model: &str, name: &str, attribute: &str, diags: &mut Diagnostics) {
    if name.chars().all(|c| c == '_' || c.is_ascii_alphanumeric()) {
        return;
    }
    diags.push(model_error(
        &format!("The `name` property within the `{attribute}` attribute only allows for the following characters: `_a-zA-Z0-9`."),
        "model",
        model,
        span,
    ));
}

/// Resolves `[a, b(sort: Desc, length: 10, ops: X)]` against model `m`.
fn resolve_index_fields<'a>(
    db: &Db<'a>,
    m: ModelIdx,
    value: &'a Expression,
    attr_span: Span,
    follow_composites: bool,
    diags: &mut Diagnostics,
) -> Result<Vec<IdxField>, Option<Vec<Problem<'a>>>> {
    let items = expr::array(value, diags, |e, diags| match e {
        Expression::ConstantValue(name, _) => Some((name.as_str(), None)),
        Expression::Function(name, args, _) => Some((name.as_str(), Some(args))),
        other => {
            diags.push(expr::type_mismatch("constant literal", other));
            None
        }
    })
    .ok_or(None)?;
    let model = &db.models[m];
    let mut out: Vec<IdxField> = Vec::new();
    let mut problems = Vec::new();
    for (name, fargs) in items {
        let (head, rest) = match name.split_once('.') {
            Some((h, r)) => (h, Some(r)),
            None => (name, None),
        };
        if rest.is_some() && !follow_composites {
            problems.push(Problem::Unknown(name));
            continue;
        }
        let Some(&fi) = model.field_names.get(head) else {
            problems.push(Problem::Unknown(if rest.is_some() { head } else { name }));
            continue;
        };
        let Some(sf) = model.scalar(fi) else {
            problems.push(Problem::Relation(head));
            continue;
        };
        let path: Vec<String> = rest.map(|r| r.split('.').map(str::to_owned).collect()).unwrap_or_default();
        if !path.is_empty() && !matches!(sf.ty, ScalarKind::Composite(_)) {
            problems.push(Problem::Unknown(name));
            continue;
        }
        if out.iter().any(|o| o.field == fi && o.path == path) {
            diags.push(model_error(
                &format!("The unique index definition refers to the field {name} multiple times."),
                "model",
                model.name(),
                attr_span,
            ));
            return Err(None);
        }
        let mut field = IdxField { field: fi, sort: None, length: None, ops: None, path, has_args: fargs.is_some() };
        if let Some(fargs) = fargs {
            index_field_args(fargs, &mut field, diags);
        }
        out.push(field);
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(Some(problems))
    }
}

fn index_field_args(fargs: &ast::ArgumentsList, field: &mut IdxField, diags: &mut Diagnostics) {
    let find = |n: &str| fargs.arguments.iter().find(|a| a.name.as_ref().is_some_and(|x| x.name == n));
    if let Some(arg) = find("sort") {
        match expr::constant(&arg.value, diags) {
            Some("Asc") => field.sort = Some(SortOrder::Asc),
            Some("Desc") => field.sort = Some(SortOrder::Desc),
            Some(_) => diags.push(Diagnostic::error("Unexpected token. Expected one of: Asc, Desc", arg.span)),
            None => {}
        }
    }
    if let Some(arg) = find("length") {
        field.length = expr::integer(&arg.value, diags).filter(|i| *i >= 0).map(|i| i as u32);
    }
    if let Some(arg) = find("ops") {
        field.ops = match &arg.value {
            Expression::ConstantValue(s, span) => {
                if super::indexes::is_known_op_class(s) {
                    Some(OpClass::Named(s.clone()))
                } else {
                    diags.push(Diagnostic::error(format!("Unexpected token. Expected one of: Invalid operator class: {s}"), *span));
                    None
                }
            }
            Expression::Function(fun, args, span) if fun == "raw" => match args.arguments.as_slice() {
                [a] => match &a.value {
                    Expression::StringValue(s, _) => Some(OpClass::Raw(s.clone())),
                    _ => {
                        diags.push(Diagnostic::error("Unexpected token. Expected one of: Invalid parameter type: expected string", *span));
                        None
                    }
                },
                other => {
                    diags.push(Diagnostic::error(
                        format!("Unexpected token. Expected one of: Wrong number of arguments. Expected: 1, got: {}", other.len()),
                        *span,
                    ));
                    None
                }
            },
            _ => {
                diags.push(Diagnostic::error("Unexpected token. Expected one of: operator class", arg.span));
                None
            }
        };
    }
}

fn index_field_problems(
    db: &Db<'_>,
    m: ModelIdx,
    kind: IndexKind,
    problems: Vec<Problem<'_>>,
    attr_span: Span,
    diags: &mut Diagnostics,
) {
    let model = &db.models[m];
    let prefix = if kind == IndexKind::Unique { "unique " } else { "" };
    let unknown: Vec<&str> = problems.iter().filter_map(|p| match p { Problem::Unknown(n) => Some(*n), _ => None }).collect();
    let rel: Vec<&str> = problems.iter().filter_map(|p| match p { Problem::Relation(n) => Some(*n), _ => None }).collect();
    if !unknown.is_empty() {
        diags.push(model_error(
            &format!("The {prefix}index definition refers to the unknown fields: {}.", unknown.join(", ")),
            "model",
            model.name(),
            attr_span,
        ));
    }
    if !rel.is_empty() {
        let mut suggested = Vec::new();
        for name in &rel {
            let Some(&fi) = model.field_names.get(name) else { continue };
            if let Some(fs) = model.relation(fi).and_then(|r| r.fields.as_ref()) {
                suggested.extend(fs.iter().map(|&i| model.field_name(i)));
            }
        }
        let suggestion = if suggested.is_empty() {
            String::new()
        } else {
            let attr = if kind == IndexKind::Unique { "unique" } else { "index" };
            format!(" Did you mean `@@{attr}([{}])`?", suggested.join(", "))
        };
        diags.push(model_error(
            &format!(
                "The {prefix}index definition refers to the relation fields {}. Index definitions must reference only scalar fields.{suggestion}",
                rel.join(", ")
            ),
            "model",
            model.name(),
            attr_span,
        ));
    }
}

fn model_index<'a>(
    db: &Db<'a>,
    m: ModelIdx,
    args: &mut Args<'a>,
    kind: IndexKind,
    attrs: &mut ModelAttrs<'a>,
    diags: &mut Diagnostics,
) {
    let attr = args.attr;
    let mut fields = Vec::new();
    match args.default_arg("fields") {
        Err(e) => diags.push(e),
        Ok(value) => match resolve_index_fields(db, m, value, attr.span, true, diags) {
            Ok(fs) => fields = fs,
            Err(None) => {}
            Err(Some(problems)) => index_field_problems(db, m, kind, problems, attr.span, diags),
        },
    }
    let mut index = IndexData {
        kind,
        fields,
        name: None,
        mapped_name: None,
        algorithm: None,
        clustered: None,
        where_clause: None,
        attr,
        source_field: None,
    };
    match kind {
        IndexKind::Fulltext => {
            index.mapped_name = mapped_name_arg(args, diags);
        }
        IndexKind::Normal => {
            let name = name_arg(args, diags);
            let mapped = mapped_name_arg(args, diags);
            index.mapped_name = match (name, mapped) {
                (Some(_), Some(_)) => {
                    diags.push(args.error("The `@@index` attribute accepts the `name` argument as an alias for the `map` argument for legacy reasons. It does not accept both though. Please use the `map` argument to specify the database name of the index."));
                    None
                }
                (Some(n), None) => Some(n),
                (None, m) => m,
            };
            index.algorithm = match args.optional("type").and_then(|e| expr::constant(e, diags)) {
                Some(a @ ("BTree" | "Hash" | "Gist" | "Gin" | "SpGist" | "Brin")) => Some(a.to_owned()),
                Some(other) => {
                    diags.push(args.error(&format!("Unknown index type: {other}.")));
                    None
                }
                None => None,
            };
            index.clustered = clustered_arg(args, diags);
            index.where_clause = where_arg(args, diags);
        }
        IndexKind::Unique => {
            let name = name_arg(args, diags);
            index.mapped_name = mapped_name_arg(args, diags);
            if let Some(n) = &name {
                validate_client_name(attr.span, db.models[m].name(), n, "@@unique", diags);
            }
            index.name = name;
            index.clustered = clustered_arg(args, diags);
            index.where_clause = where_arg(args, diags);
        }
    }
    if db.models[m].is_view()
        && kind == IndexKind::Unique
        && view_unique_rejected(
            index.mapped_name.is_some(),
            index.clustered.is_some(),
            index.fields.iter().any(|f| f.has_args),
            attr.span,
            diags,
        )
    {
        return;
    }
    attrs.indexes.push(index);
}

/// `@unique`/`@@unique` on views are client-side only: no database name, clustering nor
/// per-field arguments. Returns true when the attribute was rejected.
fn view_unique_rejected(mapped: bool, clustered: bool, field_args: bool, span: Span, diags: &mut Diagnostics) -> bool {
    if mapped {
        diags.push(validation_error(
            "@@unique annotations on views are not backed by unique indexes in the database and cannot specify a mapped database name.",
            span,
        ));
    }
    if clustered {
        diags.push(validation_error(
            "@@unique annotations on views are not backed by unique indexes in the database and cannot be clustered.",
            span,
        ));
    }
    if field_args {
        diags.push(attribute_error("@@unique", "Scalar fields in @@unique attributes in views cannot have arguments.", span));
    }
    mapped || clustered || field_args
}

fn where_arg(args: &mut Args<'_>, diags: &mut Diagnostics) -> Option<String> {
    args.optional("where").and_then(|e| expr::string(e, diags)).map(str::to_owned)
}

fn model_shard_key<'a>(
    db: &Db<'a>,
    m: ModelIdx,
    args: &mut Args<'a>,
    attrs: &mut ModelAttrs<'a>,
    diags: &mut Diagnostics,
) {
    let attr = args.attr;
    let model = &db.models[m];
    let value = match args.default_arg("fields") {
        Ok(v) => v,
        Err(e) => return diags.push(e),
    };
    let Some(names) = expr::array(value, diags, expr::constant) else { return };
    if attrs.shard_key.is_some() {
        diags.push(model_error(
            "Each model must have at most one shard key. You can't have `@shardKey` and `@@shardKey` at the same time.",
            "model",
            model.name(),
            model.ast.span,
        ));
        return;
    }
    if names.is_empty() {
        diags.push(attribute_error(
            "@@shardKey",
            "The list of fields in a `@@shardKey()` attribute cannot be empty. Please specify at least one field.",
            attr.span,
        ));
        return;
    }
    let mut fields = Vec::new();
    let mut unknown = Vec::new();
    for name in names {
        match model.field_names.get(name) {
            None => unknown.push(format!("`{name}`")),
            Some(&fi) if model.scalar(fi).is_none() => {
                diags.push(model_error(
                    &format!("The shard key definition refers to the relation field `{name}`. Shard key definitions must reference only scalar fields."),
                    "model",
                    model.name(),
                    attr.span,
                ));
                return;
            }
            Some(&fi) => fields.push(fi),
        }
    }
    if !unknown.is_empty() {
        diags.push(model_error(
            &format!("The multi field shard key declaration refers to the unknown fields {}.", unknown.join(", ")),
            "model",
            model.name(),
            value.span(),
        ));
        return;
    }
    let optional: Vec<&str> = fields
        .iter()
        .filter(|&&f| model.ast.fields[f].arity != FieldArity::Required)
        .map(|&f| model.field_name(f))
        .collect();
    if !optional.is_empty() && !attrs.ignored {
        diags.push(model_error(
            &format!("The shard key definition refers to the optional field `{}`. Shard key definitions must reference only required fields.", optional.join("`, `")),
            "model",
            model.name(),
            attr.span,
        ));
    }
    attrs.shard_key = Some(ShardKey { attr, source_field: None });
}

fn enum_attributes(db: &mut Db<'_>, e: usize, diags: &mut Diagnostics) {
    let ast_enum = db.enums[e].ast;
    for (vi, v) in ast_enum.values.iter().enumerate() {
        let mut set = AttrSet::new(&v.attributes);
        if let Some(mut args) = set.single("map", diags) {
            db.enums[e].value_names[vi] = visit_map(&mut args, diags);
            args.finish(diags);
        }
        set.finish(diags);
    }
    let mut set = AttrSet::new(&ast_enum.attributes);
    if let Some(mut args) = set.single("map", diags) {
        db.enums[e].mapped_name = visit_map(&mut args, diags);
        args.finish(diags);
    }
    if let Some(mut args) = set.single("schema", diags) {
        db.enums[e].schema = schema_arg(&mut args, diags);
        args.finish(diags);
    }
    set.finish(diags);
}

fn composite_attributes(db: &mut Db<'_>, c: usize, diags: &mut Diagnostics) {
    let ct = db.composites[c].ast;
    for f in &ct.fields {
        let mut set = AttrSet::new(&f.attributes);
        let _ = set.native_type(diags);
        if let Some(mut args) = set.single("map", diags) {
            let _ = visit_map(&mut args, diags);
            args.finish(diags);
        }
        if let Some(args) = set.single("default", diags) {
            args.discard();
        }
        set.finish(diags);
    }
}

// ---------------------------------------------------------------------------------------
// Relations

fn infer_relations(db: &mut Db<'_>) {
    let mut relations = Vec::new();
    for m in 0..db.models.len() {
        for f in 0..db.models[m].fields.len() {
            if let Some(rel) = infer_one(db, m, f) {
                relations.push(rel);
            }
        }
    }
    db.relations = relations;
}

/// Prisma's `ingest_relation`: each relation is created once, from its forward side.
fn infer_one(db: &Db<'_>, m: ModelIdx, f: FieldIdx) -> Option<Relation> {
    let model = &db.models[m];
    let rf = model.relation(f)?;
    let target = &db.models[rf.target];
    let is_self = rf.target == m;
    let arity = model.ast.fields[f].arity;
    let opposite = target
        .relation_fields()
        .filter(|(_, o)| o.target == m)
        .filter(|(oi, _)| !is_self || *oi != f)
        .find(|(_, o)| o.name == rf.name);
    let rel = |kind, a: Option<FieldIdx>, b: Option<FieldIdx>| Relation {
        kind,
        model_a: m,
        model_b: rf.target,
        field_a: a,
        field_b: b,
        name: rf.name.clone(),
    };
    let key = |mi: ModelIdx, fi: FieldIdx| (db.models[mi].name().to_owned(), db.models[mi].field_name(fi).to_owned());

    let Some((oi, orf)) = opposite else {
        return Some(match arity {
            FieldArity::List => Relation {
                kind: RelKind::OneToMany,
                model_a: rf.target,
                model_b: m,
                field_a: None,
                field_b: Some(f),
                name: rf.name.clone(),
            },
            _ => {
                let unique = rf.fields.as_ref().is_some_and(|fs| {
                    model.attrs.indexes.iter().any(|i| {
                        i.kind == IndexKind::Unique
                            && i.fields.len() == fs.len()
                            && i.fields.iter().zip(fs).all(|(x, y)| x.field == *y && x.path.is_empty())
                    })
                });
                rel(if unique { RelKind::OneToOne } else { RelKind::OneToMany }, Some(f), None)
            }
        });
    };
    let opp_arity = target.ast.fields[oi].arity;
    Some(match (arity, opp_arity) {
        (FieldArity::List, FieldArity::List) => {
            if model.name() > target.name() || (is_self && model.field_name(f) > target.field_name(oi)) {
                return None;
            }
            let embedded = rf.fields.is_some() || orf.fields.is_some();
            rel(if embedded { RelKind::TwoWayEmbeddedManyToMany } else { RelKind::ImplicitManyToMany }, Some(f), Some(oi))
        }
        (FieldArity::Required, FieldArity::Optional) => rel(RelKind::OneToOne, Some(f), Some(oi)),
        (FieldArity::Required, FieldArity::Required) => {
            if key(m, f) > key(rf.target, oi) {
                return None;
            }
            rel(RelKind::OneToOne, Some(f), Some(oi))
        }
        (FieldArity::Optional, FieldArity::Required) => return None,
        (FieldArity::Optional, FieldArity::Optional) => {
            if rf.fields.is_some() {
                rel(RelKind::OneToOne, Some(f), Some(oi))
            } else if orf.fields.is_none() {
                if key(m, f) > key(rf.target, oi) {
                    return None;
                }
                rel(RelKind::OneToOne, Some(f), Some(oi))
            } else {
                return None;
            }
        }
        (FieldArity::List, _) => return None,
        (_, FieldArity::List) => rel(RelKind::OneToMany, Some(f), Some(oi)),
    })
}
