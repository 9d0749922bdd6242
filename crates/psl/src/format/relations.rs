//! Relation completion, as Prisma's formatter does it: when the schema parses and its names
//! resolve, every relation between two models that lacks a side gets it added:
//!
//! - a missing back-relation field (`posts Post[]`, or `user User?` for a one-to-one);
//! - a missing forward field with `@relation(fields: […], references: […])`;
//! - a missing `@relation(…)` on a forward field, or its missing `fields` / `references`;
//! - the scalar fields that `fields: […]` names, typed like the referenced fields (with their
//!   native type attribute).
//!
//! Additions are text insertions into the source ("missing bits"); the result is then parsed
//! and printed like any schema.

use super::inflect::{camel_case, plural};
use crate::ast::*;
use crate::parser;
use std::collections::{HashMap, HashSet};

/// Text to insert at a byte position of a file.
#[derive(Debug, Clone)]
pub(super) struct MissingBit {
    position: usize,
    content: String,
}

/// The insertions per file, each list in position order.
pub(super) fn missing_bits(files: &SourceFiles) -> HashMap<FileId, Vec<MissingBit>> {
    let (schema, diags) = parser::parse_schema(files);
    if diags.has_errors() || !super::checks::attributes_are_valid(&schema) {
        return HashMap::new();
    }
    let Some(db) = Db::new(&schema, files) else {
        return HashMap::new();
    };
    let mut bits: HashMap<FileId, Vec<MissingBit>> = HashMap::new();
    let mut add = |file: FileId, position: usize, content: String| {
        bits.entry(file).or_default().push(MissingBit { position, content });
    };
    for relation in &db.relations {
        db.missing_relation_fields(relation, &mut add);
        db.missing_scalar_fields(relation, &mut add);
    }
    for relation in &db.relations {
        db.missing_relation_attribute(relation, &mut add);
    }
    for relation in &db.relations {
        db.missing_relation_arguments(relation, &mut add);
    }
    for list in bits.values_mut() {
        list.sort_by_key(|bit| bit.position);
    }
    bits
}

/// `input` with the bits inserted.
pub(super) fn enrich(input: &str, bits: &[MissingBit]) -> String {
    let mut out = String::with_capacity(input.len() + bits.iter().map(|b| b.content.len()).sum::<usize>());
    let mut last = 0;
    for bit in bits {
        let position = floor_boundary(input, bit.position.max(last));
        out.push_str(&input[last..position]);
        out.push_str(&bit.content);
        last = position;
    }
    out.push_str(&input[last..]);
    out
}

fn floor_boundary(text: &str, mut index: usize) -> usize {
    index = index.min(text.len());
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

const SCALARS: [&str; 9] = ["String", "Boolean", "Int", "BigInt", "Float", "Decimal", "DateTime", "Json", "Bytes"];

type ModelId = usize;
/// (model, field index in the model)
type FieldId = (ModelId, usize);

/// A relation with at most one field on each side, stored on the referencing model.
struct Inline {
    /// The field on the referencing model (the one that holds `fields: […]`).
    forward: Option<FieldId>,
    /// The field on the referenced model.
    back: Option<FieldId>,
    referencing: ModelId,
    referenced: ModelId,
    one_to_one: bool,
}

struct RelationField<'a> {
    target: ModelId,
    name: Option<String>,
    attribute: Option<&'a Attribute>,
    fields: Option<Vec<String>>,
    references: Option<Vec<String>>,
}

/// The resolved names and relations of a schema.
struct Db<'a> {
    files: &'a SourceFiles,
    models: Vec<&'a Model>,
    relation_fields: HashMap<FieldId, RelationField<'a>>,
    relations: Vec<Inline>,
    datasources: Vec<&'a str>,
}

impl<'a> Db<'a> {
    /// Resolves the schema; `None` when names do not resolve (Prisma then only formats).
    fn new(schema: &'a Schema, files: &'a SourceFiles) -> Option<Self> {
        let mut models = Vec::new();
        let mut other_types = HashSet::new();
        let mut names = HashSet::new();
        let mut datasources = Vec::new();
        for top in schema.files.iter().flat_map(|f| &f.tops) {
            let name = match top {
                Top::Model(m) => {
                    models.push(m);
                    &m.name.name
                }
                Top::Enum(e) => {
                    other_types.insert(e.name.name.as_str());
                    &e.name.name
                }
                Top::CompositeType(c) => {
                    other_types.insert(c.name.name.as_str());
                    &c.name.name
                }
                Top::Source(s) => {
                    datasources.push(s.name.name.as_str());
                    continue;
                }
                Top::Generator(_) => continue,
            };
            if !names.insert(name.as_str()) {
                return None;
            }
        }
        let model_ids: HashMap<&str, ModelId> =
            models.iter().enumerate().map(|(i, m)| (m.name.name.as_str(), i)).collect();

        let mut relation_fields = HashMap::new();
        for (model_id, model) in models.iter().enumerate() {
            let mut field_names = HashSet::new();
            for (field_idx, field) in model.fields.iter().enumerate() {
                if !field_names.insert(field.name.name.as_str()) {
                    return None;
                }
                let FieldType::Supported(ty) = &field.field_type else {
                    continue;
                };
                if let Some(&target) = model_ids.get(ty.name.as_str()) {
                    relation_fields.insert((model_id, field_idx), relation_field(field, target));
                } else if !SCALARS.contains(&ty.name.as_str()) && !other_types.contains(ty.name.as_str()) {
                    return None;
                }
            }
        }

        let mut db = Db { files, models, relation_fields, relations: Vec::new(), datasources };
        if !db.relation_arguments_resolve() || !db.attributes_resolve() {
            return None;
        }
        db.relations = db.pair_relations()?;
        Some(db)
    }

    fn field(&self, (model, idx): FieldId) -> &'a Field {
        &self.models[model].fields[idx]
    }

    fn scalar_field(&self, model: ModelId, name: &str) -> Option<&'a Field> {
        self.models[model]
            .fields
            .iter()
            .enumerate()
            .find(|(i, f)| f.name.name == name && !self.relation_fields.contains_key(&(model, *i)))
            .map(|(_, f)| f)
    }

    /// `fields` and `references` must name scalar fields of the right models.
    fn relation_arguments_resolve(&self) -> bool {
        self.relation_fields.iter().all(|(&(model, _), rf)| {
            let fields_ok = rf.fields.iter().flatten().all(|name| self.scalar_field(model, name).is_some());
            let refs_ok = rf.references.iter().flatten().all(|name| self.scalar_field(rf.target, name).is_some());
            fields_ok && refs_ok
        })
    }

    /// The checks on attributes that Prisma makes while resolving names: block-level field
    /// lists name scalar fields, and relation fields have no `@map`.
    fn attributes_resolve(&self) -> bool {
        let bad_relation_field = self.relation_fields.iter().any(|(&id, rf)| {
            has_attribute(self.field(id), "map") || rf.attribute.is_some_and(|a| !relation_arguments_are_valid(a))
        });
        if bad_relation_field {
            return false;
        }
        self.models.iter().enumerate().all(|(model, m)| {
            m.attributes
                .iter()
                .filter(|a| matches!(a.name.name.as_str(), "id" | "unique" | "index" | "fulltext" | "shardKey"))
                .filter_map(|a| argument(&a.arguments, "fields").and_then(field_list))
                .flatten()
                .all(|name| name.contains('.') || self.scalar_field(model, &name).is_some())
        })
    }

    /// Pairs relation fields into relations, in model and field order. `None` when a field
    /// has several candidate opposite fields (an ambiguity Prisma rejects).
    fn pair_relations(&self) -> Option<Vec<Inline>> {
        let mut ids: Vec<FieldId> = self.relation_fields.keys().copied().collect();
        ids.sort_unstable();
        let mut done = HashSet::new();
        let mut relations = Vec::new();
        for id in ids {
            if done.contains(&id) {
                continue;
            }
            let opposite = self.opposite(id)?;
            done.insert(id);
            if let Some(opp) = opposite {
                done.insert(opp);
            }
            if let Some(relation) = self.inline_relation(id, opposite) {
                relations.push(relation);
            }
        }
        Some(relations)
    }

    /// The field on the other side: same relation name, pointing back. `Err`-like `None`
    /// when ambiguous; `Some(None)` when there is none.
    fn opposite(&self, id: FieldId) -> Option<Option<FieldId>> {
        let rf = &self.relation_fields[&id];
        let mut candidates = self
            .relation_fields
            .iter()
            .filter(|(other_id, other)| {
                **other_id != id && other_id.0 == rf.target && other.target == id.0 && other.name == rf.name
            })
            .map(|(other_id, _)| *other_id);
        let first = candidates.next();
        if candidates.next().is_some() {
            return None;
        }
        Some(first)
    }

    fn inline_relation(&self, id: FieldId, opposite: Option<FieldId>) -> Option<Inline> {
        let arity = self.field(id).arity;
        let Some(opp) = opposite else {
            let rf = &self.relation_fields[&id];
            return Some(if arity == FieldArity::List {
                Inline { forward: None, back: Some(id), referencing: rf.target, referenced: id.0, one_to_one: false }
            } else {
                let one_to_one = rf.fields.as_ref().is_some_and(|fields| self.is_unique(id.0, fields));
                Inline { forward: Some(id), back: None, referencing: id.0, referenced: rf.target, one_to_one }
            });
        };
        let opp_arity = self.field(opp).arity;
        let (forward, back, one_to_one) = match (arity == FieldArity::List, opp_arity == FieldArity::List) {
            (true, true) => return None, // implicit many-to-many
            (false, true) => (id, opp, false),
            (true, false) => (opp, id, false),
            (false, false) => {
                // A required side wins, then the side with `fields`, then the first model
                // (then field) name: that is the side Prisma completes.
                let has_fields = |f: FieldId| self.relation_fields[&f].fields.is_some();
                let required = |f: FieldId| self.field(f).arity == FieldArity::Required;
                let forward = if required(id) != required(opp) {
                    if required(id) {
                        id
                    } else {
                        opp
                    }
                } else if has_fields(id) {
                    id
                } else if has_fields(opp) {
                    opp
                } else {
                    let key = |f: FieldId| (self.models[f.0].name.name.as_str(), self.field(f).name.name.as_str());
                    if key(id) <= key(opp) {
                        id
                    } else {
                        opp
                    }
                };
                let back = if forward == id { opp } else { id };
                (forward, back, true)
            }
        };
        Some(Inline { forward: Some(forward), back: Some(back), referencing: forward.0, referenced: back.0, one_to_one })
    }

    /// Whether `fields` are, in order, the fields of a unique constraint (the primary key does
    /// not count: Prisma makes such a relation one-to-many).
    fn is_unique(&self, model: ModelId, fields: &[String]) -> bool {
        let m = self.models[model];
        let single = fields.len() == 1 && m.fields.iter().any(|f| f.name.name == fields[0] && has_attribute(f, "unique"));
        single
            || m.attributes.iter().filter(|a| a.name.name == "unique").any(|attr| {
                argument(&attr.arguments, "fields").and_then(field_list).is_some_and(|names| names == fields)
            })
    }

    /// Primary key first, then `@unique` fields, then `@@unique`s, as Prisma lists them.
    /// Criteria over anything but scalar fields of the model are left out.
    fn unique_criterias(&self, model: ModelId) -> Vec<Vec<&'a Field>> {
        let m = self.models[model];
        let mut out = Vec::new();
        let block_fields = |name: &str| -> Option<Vec<&'a Field>> {
            let attr = m.attributes.iter().find(|a| a.name.name == name)?;
            self.criteria_fields(model, attr)
        };
        if let Some(field) = m.fields.iter().find(|f| has_attribute(f, "id")) {
            out.push(vec![field]);
        } else if let Some(fields) = block_fields("id") {
            out.push(fields);
        }
        for field in m.fields.iter().filter(|f| has_attribute(f, "unique")) {
            out.push(vec![field]);
        }
        for attr in m.attributes.iter().filter(|a| a.name.name == "unique") {
            if let Some(fields) = self.criteria_fields(model, attr) {
                out.push(fields);
            }
        }
        out.retain(|criteria| {
            !criteria.is_empty() && criteria.iter().all(|f| self.scalar_field(model, &f.name.name).is_some())
        });
        out
    }

    fn criteria_fields(&self, model: ModelId, attr: &Attribute) -> Option<Vec<&'a Field>> {
        let names = field_list(argument(&attr.arguments, "fields")?)?;
        names.iter().map(|name| self.scalar_field(model, name)).collect()
    }

    // ---------------------------------------------------------------- inference

    /// The scalar fields `fields: […]` should name: one per field of the referenced model's
    /// first unique criteria, named `<referencedModel><Field>`.
    fn inferred_scalar_fields(&self, rel: &Inline) -> Vec<Inferred<'a>> {
        let referenced = self.models[rel.referenced];
        let Some(criteria) = self.unique_criterias(rel.referenced).into_iter().next() else {
            return Vec::new();
        };
        criteria
            .into_iter()
            .map(|blueprint| {
                let name = format!("{}{}", lower_first(&referenced.name.name), upper_first(&blueprint.name.name));
                match self.scalar_field(rel.referencing, &name) {
                    Some(existing) => Inferred { arity: existing.arity, ty: type_name(existing), blueprint, name },
                    None => Inferred {
                        arity: rel.forward.map_or(FieldArity::Optional, |f| self.field(f).arity),
                        ty: type_name(blueprint),
                        blueprint,
                        name,
                    },
                }
            })
            .collect()
    }

    fn fields_argument(&self, rel: &Inline) -> String {
        let names: Vec<String> = self.inferred_scalar_fields(rel).into_iter().map(|f| f.name).collect();
        format!("fields: [{}]", names.join(", "))
    }

    fn references_argument(&self, rel: &Inline) -> String {
        let explicit = rel.forward.and_then(|f| self.relation_fields[&f].references.clone());
        let names = explicit.unwrap_or_else(|| {
            self.unique_criterias(rel.referenced)
                .into_iter()
                .find(|criteria| criteria.iter().all(|f| f.arity == FieldArity::Required))
                .map(|criteria| criteria.iter().map(|f| f.name.name.clone()).collect())
                .unwrap_or_default()
        });
        format!("references: [{}]", names.join(", "))
    }

    /// The arity of the forward field, even when it does not exist yet.
    fn forward_arity(&self, rel: &Inline) -> FieldArity {
        if let Some(forward) = rel.forward {
            return self.field(forward).arity;
        }
        if self.inferred_scalar_fields(rel).iter().any(|f| f.arity == FieldArity::Optional) {
            FieldArity::Optional
        } else {
            FieldArity::Required
        }
    }

    /// Insertion point just before the closing brace of a model.
    fn before_close(&self, model: ModelId) -> (FileId, usize) {
        let span = self.models[model].span;
        (span.file, span.end.saturating_sub(1))
    }

    // ---------------------------------------------------------------- the missing bits

    fn missing_relation_fields(&self, rel: &Inline, add: &mut impl FnMut(FileId, usize, String)) {
        if rel.back.is_none() {
            let referencing = &self.models[rel.referencing].name.name;
            let ignore = if is_ignored(self.models[rel.referencing]) { "@ignore" } else { "" };
            let (arity, name) = if rel.one_to_one {
                ("?", camel_case(referencing))
            } else {
                ("[]", plural(&camel_case(referencing)))
            };
            let (file, position) = self.before_close(rel.referenced);
            add(file, position, format!("{name} {referencing}{arity} {ignore}\n"));
        }
        if rel.forward.is_none() {
            let referenced = &self.models[rel.referenced].name.name;
            let arity = render_arity(self.forward_arity(rel));
            let name = if arity == "[]" { plural(&camel_case(referenced)) } else { camel_case(referenced) };
            let fields = self.fields_argument(rel);
            let references = self.references_argument(rel);
            let (file, position) = self.before_close(rel.referencing);
            add(file, position, format!("{name} {referenced}{arity} @relation({fields}, {references})\n"));
        }
    }

    fn missing_scalar_fields(&self, rel: &Inline, add: &mut impl FnMut(FileId, usize, String)) {
        if rel.forward.is_some_and(|f| self.relation_fields[&f].fields.is_some()) {
            return;
        }
        let (file, position) = self.before_close(rel.referencing);
        for inferred in self.inferred_scalar_fields(rel) {
            if self.scalar_field(rel.referencing, &inferred.name).is_some() {
                continue;
            }
            // Prisma stops at the first field whose type is not a built-in scalar.
            let Some(ty) = inferred.ty.filter(|t| SCALARS.contains(t)) else {
                return;
            };
            let arity = render_arity(inferred.arity);
            let native_type = self.native_type_source(inferred.blueprint).unwrap_or("");
            add(file, position, format!("{} {ty}{arity} {native_type}\n", inferred.name));
        }
    }

    fn missing_relation_attribute(&self, rel: &Inline, add: &mut impl FnMut(FileId, usize, String)) {
        let Some(forward) = rel.forward else {
            return;
        };
        if self.relation_fields[&forward].attribute.is_some() {
            return;
        }
        let field = self.field(forward);
        let span = field.field_type.span();
        let text = self.text(span.file);
        let content =
            format!(" @relation({}, {})", self.fields_argument(rel), self.references_argument(rel));
        add(span.file, after_type(text, span.end), content);
    }

    fn missing_relation_arguments(&self, rel: &Inline, add: &mut impl FnMut(FileId, usize, String)) {
        let Some(forward) = rel.forward else {
            return;
        };
        let rf = &self.relation_fields[&forward];
        let Some(attribute) = rf.attribute else {
            return;
        };
        let mut extra = Vec::new();
        if rf.fields.is_none() {
            extra.push(self.fields_argument(rel));
        }
        if rf.references.is_none() {
            extra.push(self.references_argument(rel));
        }
        let extra = extra.join(", ");
        let span = attribute.span;
        let (content, position) = if attribute.arguments.arguments.is_empty() {
            (format!("({extra})"), span.end)
        } else {
            (format!(", {extra}"), span.end.saturating_sub(1))
        };
        add(span.file, position, content);
    }

    fn text(&self, file: FileId) -> &'a str {
        self.files.files.get(file).map_or("", |f| f.text.as_str())
    }

    /// The source of a field's native type attribute (`@db.VarChar(255)`), if any.
    fn native_type_source(&self, field: &Field) -> Option<&'a str> {
        let attr = field.attributes.iter().find(|a| {
            a.name.name.split_once('.').is_some_and(|(prefix, _)| self.datasources.contains(&prefix))
        })?;
        self.text(attr.span.file).get(attr.span.start..attr.span.end)
    }
}

struct Inferred<'a> {
    name: String,
    arity: FieldArity,
    ty: Option<&'a str>,
    blueprint: &'a Field,
}

fn relation_field(field: &Field, target: ModelId) -> RelationField<'_> {
    let attribute = field.attributes.iter().find(|a| a.name.name == "relation");
    let args = attribute.map(|a| &a.arguments);
    let name = args.and_then(|args| {
        let value = args
            .arguments
            .iter()
            .find(|a| a.name.as_ref().is_some_and(|n| n.name == "name"))
            .or_else(|| args.arguments.iter().find(|a| a.name.is_none()))?;
        match &value.value {
            Expression::StringValue(s, _) => Some(s.clone()),
            _ => None,
        }
    });
    let named_list = |key: &str| args.and_then(|args| named_argument(args, key)).and_then(field_list);
    RelationField { target, name, attribute, fields: named_list("fields"), references: named_list("references") }
}

/// `@relation` takes at most one positional argument, the name (a string), and the named
/// arguments `name`, `fields`, `references`, `map`, `onDelete`, `onUpdate`.
fn relation_arguments_are_valid(attr: &Attribute) -> bool {
    let mut positional = 0;
    attr.arguments.arguments.iter().all(|arg| match &arg.name {
        None => {
            positional += 1;
            positional == 1 && matches!(arg.value, Expression::StringValue(..))
        }
        Some(name) => match name.name.as_str() {
            "name" | "map" => matches!(arg.value, Expression::StringValue(..)),
            "fields" | "references" => field_list(&arg.value).is_some(),
            "onDelete" | "onUpdate" => matches!(arg.value, Expression::ConstantValue(..)),
            _ => false,
        },
    })
}

fn named_argument<'a>(args: &'a ArgumentsList, name: &str) -> Option<&'a Expression> {
    args.arguments.iter().find(|a| a.name.as_ref().is_some_and(|n| n.name == name)).map(|a| &a.value)
}

/// The named argument `name`, or else the first positional one.
fn argument<'a>(args: &'a ArgumentsList, name: &str) -> Option<&'a Expression> {
    named_argument(args, name).or_else(|| args.arguments.iter().find(|a| a.name.is_none()).map(|a| &a.value))
}

/// `[a, b(sort: Desc)]` → `["a", "b"]`.
fn field_list(expr: &Expression) -> Option<Vec<String>> {
    let Expression::Array(items, _) = expr else {
        return None;
    };
    items
        .iter()
        .map(|item| match item {
            Expression::ConstantValue(name, _) | Expression::Function(name, _, _) => Some(name.clone()),
            _ => None,
        })
        .collect()
}

fn has_attribute(field: &Field, name: &str) -> bool {
    field.attributes.iter().any(|a| a.name.name == name)
}

fn is_ignored(model: &Model) -> bool {
    model.attributes.iter().any(|a| a.name.name == "ignore")
}

fn type_name(field: &Field) -> Option<&str> {
    match &field.field_type {
        FieldType::Supported(id) => Some(id.name.as_str()),
        FieldType::Unsupported(..) => None,
    }
}

fn render_arity(arity: FieldArity) -> &'static str {
    match arity {
        FieldArity::Required => "",
        FieldArity::Optional => "?",
        FieldArity::List => "[]",
    }
}

fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map_or_else(String::new, |c| c.to_lowercase().chain(chars).collect())
}

fn upper_first(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

/// The position right after a field type's `[]`, `?` or `!`.
fn after_type(text: &str, type_end: usize) -> usize {
    let rest = text.get(type_end..).unwrap_or("");
    let skipped: usize = rest.chars().take_while(|c| matches!(c, '[' | ']' | '?' | '!')).map(char::len_utf8).sum();
    type_end + skipped
}
