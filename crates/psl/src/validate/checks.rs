//! Prisma's validation pipeline: the checks that need the provider, run only when the generic
//! passes found no error. The order of checks follows Prisma's, so that diagnostics come out
//! in the same order.

use super::config::Config;
use super::connector::{action_str, find_native_type, scalar_str, Connector};
use super::db::{field_error, model_error, validation_error, Db, FieldIdx, ModelIdx, RelKind, Relation, ScalarKind};
use super::defaults::KNOWN_FUNCTIONS;
use super::naming::{self, ConstraintKind, Namespace};
use super::attrs::{arg_span, attribute_error};
use crate::ast::{Expression, FieldArity, Span};
use crate::datamodel::{IndexKind, Provider, ReferentialAction, RelationMode, ScalarType};
use crate::diagnostics::{Diagnostic, Diagnostics};
use std::collections::HashMap;

pub(crate) struct Ctx<'c, 'a> {
    pub(crate) db: &'c Db<'a>,
    pub(crate) connector: Connector,
    pub(crate) config: &'c Config,
    pub(crate) diags: &'c mut Diagnostics,
    pub(crate) names: Namespace,
    /// (model, related model, relation name) → relation fields of `model`.
    relation_names: HashMap<(ModelIdx, ModelIdx, RelName), Vec<FieldIdx>>,
    /// Per model, the complete inline relations it holds the forward side of.
    relations_from: Vec<Vec<usize>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum RelName {
    Explicit(String),
    Generated(String),
}

pub(crate) fn generated_relation_name(a: &str, b: &str) -> String {
    if a < b {
        format!("{a}To{b}")
    } else {
        format!("{b}To{a}")
    }
}

impl Ctx<'_, '_> {
    fn push(&mut self, d: Diagnostic) {
        self.diags.push(d);
    }

    fn has_feature(&self, f: &str) -> bool {
        self.config.has_feature(f)
    }
}

pub(crate) fn run(db: &Db<'_>, connector: Connector, config: &Config, names: Namespace, diags: &mut Diagnostics) -> Namespace {
    let mut relation_names: HashMap<(ModelIdx, ModelIdx, RelName), Vec<FieldIdx>> = HashMap::new();
    for (m, model) in db.models.iter().enumerate() {
        for (f, rf) in model.relation_fields() {
            let name = match &rf.name {
                Some(n) => RelName::Explicit(n.clone()),
                None => RelName::Generated(generated_relation_name(model.name(), db.models[rf.target].name())),
            };
            relation_names.entry((m, rf.target, name)).or_default().push(f);
        }
    }
    let mut relations_from = vec![Vec::new(); db.models.len()];
    for (i, r) in db.relations.iter().enumerate() {
        let inline = matches!(r.kind, RelKind::OneToOne | RelKind::OneToMany);
        if inline && r.field_a.is_some() && r.field_b.is_some() {
            relations_from[r.model_a].push(i);
        }
    }
    let mut ctx = Ctx { db, connector, config, diags, names, relation_names, relations_from };

    composite_types(&mut ctx);
    unknown_default_functions(&mut ctx);
    datasource(&mut ctx);
    database_name_clashes(&mut ctx);

    let order: Vec<ModelIdx> = (0..db.models.len())
        .filter(|&m| !db.models[m].is_view())
        .chain((0..db.models.len()).filter(|&m| db.models[m].is_view()))
        .collect();
    for m in order {
        if !model_checks(&mut ctx, m) {
            return ctx.names;
        }
    }

    enums(&mut ctx);
    relations(&mut ctx);
    ctx.names
}

fn composite_types(ctx: &mut Ctx<'_, '_>) {
    for ct in &ctx.db.composites {
        if ctx.connector.provider != Some(Provider::Mongo) {
            ctx.diags.push(validation_error(
                &format!("Composite types are not supported on {}.", ctx.connector.name()),
                ct.ast.span,
            ));
            continue;
        }
        if ctx.diags.has_errors() {
            continue;
        }
        if ct.ast.fields.is_empty() {
            ctx.diags.push(validation_error("A type must have at least one field defined.", ct.ast.span));
        }
        for (i, f) in ct.ast.fields.iter().enumerate() {
            if let (Some(ScalarKind::BuiltIn(st)), Some(native)) = (
                ct.field_types.get(i).cloned().flatten(),
                f.attributes.iter().find(|a| a.name.name.contains('.')),
            ) {
                native_type_arguments(ctx, st, native);
            }
        }
    }
}

fn unknown_default_functions(ctx: &mut Ctx<'_, '_>) {
    for model in &ctx.db.models {
        for (_, sf) in model.scalar_fields() {
            let Some(d) = &sf.default else { continue };
            let Expression::Function(name, _, span) = d.value else { continue };
            if KNOWN_FUNCTIONS.contains(&name.as_str()) {
                continue;
            }
            if name == "sequence" && ctx.connector.provider == Some(Provider::Cockroach) {
                continue;
            }
            ctx.diags.push(Diagnostic::error(
                format!("Unknown function in @default(): `{name}` is not known. You can read about the available functions here: https://pris.ly/d/attribute-functions"),
                *span,
            ));
        }
    }
}

fn datasource(ctx: &mut Ctx<'_, '_>) {
    if ctx.config.datasource.is_none() {
        return;
    }
    if let Some(span) = ctx.config.schemas_span {
        if !ctx.connector.supports_multi_schema() {
            ctx.push(Diagnostic::error("The `schemas` property is not supported on the current connector.", span));
        }
    }
    if let Some(span) = ctx.config.extensions_span {
        if !ctx.has_feature("postgresqlExtensions") {
            ctx.push(Diagnostic::error(
                "The `extensions` property is only available with the `postgresqlExtensions` preview feature.",
                span,
            ));
        }
    }
}

fn database_name_clashes(ctx: &mut Ctx<'_, '_>) {
    let db = ctx.db;
    let mut seen: HashMap<(Option<&str>, &str), ModelIdx> = HashMap::new();
    for (m, model) in db.models.iter().enumerate() {
        let key = (model.attrs.schema.as_ref().map(|(s, _)| s.as_str()), model.database_name());
        let Some(existing) = seen.insert(key, m) else { continue };
        let map_span = |mi: ModelIdx| db.models[mi].ast.attributes.iter().find(|a| a.name.name == "map").map(|a| a.span);
        let (span, other) = if model.attrs.mapped_name.is_some() {
            (map_span(m), db.models[existing].name())
        } else {
            (map_span(existing), model.name())
        };
        let what = if model.is_view() { "view" } else { "model" };
        ctx.diags.push(Diagnostic::error(
            format!(
                "The {what} with database name \"{}\" could not be defined because another model or view with this name exists: \"{other}\"",
                model.database_name()
            ),
            span.unwrap_or(model.ast.span),
        ));
    }
}

/// Returns false when validation must stop (ambiguous relations).
fn model_checks(ctx: &mut Ctx<'_, '_>, m: ModelIdx) -> bool {
    let db = ctx.db;
    let model = &db.models[m];
    if model.is_view() && !ctx.has_feature("views") {
        ctx.push(validation_error("View definitions are only available with the `views` preview feature.", model.ast.span));
    }
    strict_unique_criteria(ctx, m);
    primary_key_checks(ctx, m);
    only_one_fulltext(ctx, m);
    schema_attribute(ctx, m);
    super::indexes::model_connector_checks(ctx, m);
    shard_key_checks(ctx, m);
    autoincrement(ctx, m);
    primary_key_late_checks(ctx, m);

    for (f, _) in model.scalar_fields() {
        scalar_field_checks(ctx, m, f);
    }
    let relation_fields: Vec<FieldIdx> = model.relation_fields().map(|(f, _)| f).collect();
    for f in relation_fields {
        if let Some(err) = ambiguity(ctx, m, f) {
            ctx.push(err);
            return false;
        }
        client_name(ctx, m, f);
        relation_field_checks(ctx, m, f);
    }
    for i in 0..model.attrs.indexes.len() {
        index_checks(ctx, m, i);
    }
    true
}

fn strict_unique_criteria(ctx: &mut Ctx<'_, '_>, m: ModelIdx) {
    let model = &ctx.db.models[m];
    if model.attrs.ignored || model.is_view() {
        return;
    }
    let criteria = unique_criteria(ctx.db, m);
    let strict = criteria.iter().any(|c| {
        c.iter().all(|&f| {
            model.ast.fields[f].arity == FieldArity::Required
                && !matches!(model.scalar(f).map(|s| &s.ty), Some(ScalarKind::Unsupported(_)))
        })
    });
    if strict {
        return;
    }
    let mut msg = String::from("Each model must have at least one unique criteria that has only required fields. Either mark a single field with `@id`, `@unique` or add a multi field criterion with `@@id([])` or `@@unique([])` to the model.");
    if !criteria.is_empty() {
        let loose: Vec<String> = criteria
            .iter()
            .map(|c| format!("- {}", c.iter().map(|&f| model.field_name(f)).collect::<Vec<_>>().join(", ")))
            .collect();
        msg.push_str(&format!(
            " The following unique criterias were not considered as they contain fields that are not required:\n{}",
            loose.join("\n")
        ));
    }
    ctx.push(model_error(&msg, "model", model.name(), model.ast.span));
}

/// Primary key and unique indexes, as lists of fields (no composite paths).
pub(crate) fn unique_criteria(db: &Db<'_>, m: ModelIdx) -> Vec<Vec<FieldIdx>> {
    let model = &db.models[m];
    let mut out = Vec::new();
    if let Some(pk) = &model.attrs.pk {
        out.push(pk.fields.iter().map(|f| f.field).collect());
    }
    for idx in &model.attrs.indexes {
        if idx.kind == IndexKind::Unique && idx.fields.iter().all(|f| f.path.is_empty()) && !idx.fields.is_empty() {
            out.push(idx.fields.iter().map(|f| f.field).collect());
        }
    }
    out
}

fn db_name_too_long(ctx: &mut Ctx<'_, '_>, model: &str, attr_name: &str, name: Option<&str>, span: Span, double_at: bool) {
    let Some(name) = name else { return };
    let limit = ctx.connector.provider.map(|p| p.max_identifier_length()).unwrap_or(usize::MAX);
    if name.len() <= limit {
        return;
    }
    let at = if double_at { "@@" } else { "@" };
    ctx.push(model_error(
        &format!(
            "The constraint name '{name}' specified in the `map` argument for the `{at}{attr_name}` constraint is too long for your chosen provider. The maximum allowed length is {limit} bytes."
        ),
        "model",
        model,
        span,
    ));
}

fn primary_key_checks(ctx: &mut Ctx<'_, '_>, m: ModelIdx) {
    let db = ctx.db;
    let model = &db.models[m];
    let Some(pk) = &model.attrs.pk else { return };
    if let Some(name) = naming::pk_constraint_name(db, m, ctx.connector) {
        db_name_too_long(ctx, model.name(), &pk.attr.name.name, pk.mapped_name.as_deref(), pk.attr.span, pk.source_field.is_none());
        for scope in ctx.names.violations(db, m, ConstraintKind::PrimaryKey, &name) {
            let span = arg_span(pk.attr, "map").unwrap_or(pk.attr.span);
            ctx.push(attribute_error(
                pk.attribute_name(),
                &format!(
                    "The given constraint name `{name}` has to be unique in the following namespace: {}. Please provide a different name using the `map` argument.",
                    scope.description(model.name())
                ),
                span,
            ));
        }
    }
    if let Some(name) = &pk.name {
        if ctx.names.custom_name_clash(m, name) {
            ctx.push(attribute_error(
                pk.attribute_name(),
                &format!("The given custom name `{name}` has to be unique on the model. Please provide a different name for the `name` argument."),
                arg_span(pk.attr, "name").unwrap_or(pk.attr.span),
            ));
        }
    }
    if pk.fields.is_empty() {
        ctx.push(attribute_error(
            pk.attribute_name(),
            "The list of fields in an `@@id()` attribute cannot be empty. Please specify at least one field.",
            pk.attr.span,
        ));
    }
    if pk.fields.len() > 1 {
        let client_name = pk.fields.iter().map(|f| model.field_name(f.field)).collect::<Vec<_>>().join("_");
        if model.scalar_fields().any(|(f, _)| model.field_name(f) == client_name) {
            ctx.push(model_error(
                &format!("The field `{client_name}` clashes with the `@@id` attribute's name. Please resolve the conflict by providing a custom id name: `@@id([...], name: \"custom_name\")`"),
                "model",
                model.name(),
                pk.attr.span,
            ));
        }
    }
    if pk.mapped_name.is_some() && !ctx.connector.supports_named_primary_keys() {
        ctx.push(model_error(
            "You defined a database name for the primary key on the model. This is not supported by the provider.",
            "model",
            model.name(),
            model.ast.span,
        ));
    }
    if !ctx.connector.supports_length_prefix() && pk.fields.iter().any(|f| f.length.is_some()) {
        ctx.push(attribute_error(
            pk.attribute_name(),
            "The length argument is not supported in the primary key with the current connector",
            pk.attr.span,
        ));
    }
    if !ctx.connector.supports_pk_sort_order() && pk.fields.iter().any(|f| f.sort.is_some()) {
        ctx.push(attribute_error(
            pk.attribute_name(),
            "The sort argument is not supported in the primary key with the current connector",
            pk.attr.span,
        ));
    }
}

/// Primary key checks Prisma runs after the connector's model checks.
fn primary_key_late_checks(ctx: &mut Ctx<'_, '_>, m: ModelIdx) {
    let model = &ctx.db.models[m];
    let Some(pk) = &model.attrs.pk else { return };
    if ctx.connector.supports_length_prefix() {
        for f in &pk.fields {
            if f.length.is_none() {
                continue;
            }
            match model.scalar(f.field).map(|s| &s.ty) {
                Some(ScalarKind::Unsupported(_)) | Some(ScalarKind::BuiltIn(ScalarType::String | ScalarType::Bytes)) => {}
                _ => ctx.push(attribute_error(
                    pk.attribute_name(),
                    "The length argument is only allowed with field types `String` or `Bytes`.",
                    pk.attr.span,
                )),
            }
        }
    }
    if !ctx.connector.supports_clustering() {
        if pk.clustered.is_some() {
            ctx.push(attribute_error(pk.attribute_name(), "Defining clustering is not supported in the current connector.", pk.attr.span));
        }
        return;
    }
    if pk.clustered == Some(false) {
        return;
    }
    if model.attrs.indexes.iter().any(|i| i.clustered == Some(true)) {
        ctx.push(attribute_error(pk.attribute_name(), "A model can only hold one clustered index or id.", pk.attr.span));
    }
}

/// Only MySQL allows several `@@fulltext` per model (MongoDB allows one).
fn only_one_fulltext(ctx: &mut Ctx<'_, '_>, m: ModelIdx) {
    if !ctx.connector.supports_fulltext() || ctx.connector.supports_multiple_fulltext() {
        return;
    }
    let model = &ctx.db.models[m];
    let spans: Vec<Span> = model.attrs.indexes.iter().filter(|i| i.kind == IndexKind::Fulltext).map(|i| i.attr.span).collect();
    if spans.len() > 1 {
        for span in spans {
            ctx.push(attribute_error("@@fulltext", "The current connector only allows one fulltext attribute per model", span));
        }
    }
}

fn shard_key_checks(ctx: &mut Ctx<'_, '_>, m: ModelIdx) {
    let model = &ctx.db.models[m];
    let Some(sk) = &model.attrs.shard_key else { return };
    let name = if sk.source_field.is_some() { "@shardKey" } else { "@@shardKey" };
    if !ctx.has_feature("shardKeys") {
        ctx.push(attribute_error(name, "Defining shard keys requires enabling the `shardKeys` preview feature", sk.attr.span));
    } else if ctx.connector.provider != Some(Provider::Mysql) {
        ctx.push(attribute_error(
            name,
            &format!("Shard keys are not currently supported for provider {}", ctx.connector.provider_name()),
            sk.attr.span,
        ));
    }
}

fn schema_attribute(ctx: &mut Ctx<'_, '_>, m: ModelIdx) {
    let model = &ctx.db.models[m];
    // Without a datasource Prisma's empty connector has no multi-schema support either.
    if !ctx.connector.supports_multi_schema() {
        // With a `schemas` property, its own error says it all.
        if let (Some((_, span)), None) = (&model.attrs.schema, ctx.config.schemas_span) {
            ctx.push(Diagnostic::error("@@schema is not supported on the current datasource provider", *span));
        }
        return;
    }
    match &model.attrs.schema {
        Some((name, span)) => {
            let defined = ctx.config.datasource.as_ref().is_some_and(|d| d.schemas.iter().any(|s| s == name));
            if !defined {
                ctx.push(Diagnostic::error(
                    "This schema is not defined in the datasource. Read more on `@@schema` at https://pris.ly/d/multi-schema",
                    *span,
                ));
            }
        }
        None if ctx.config.schemas_span.is_some() => {
            let container = model.container();
            ctx.push(model_error(
                &format!("This {container} is missing an `@@schema` attribute."),
                container,
                model.name(),
                model.ast.span,
            ));
        }
        None => {}
    }
}

fn is_autoincrement(sf: &super::db::ScalarData<'_>) -> bool {
    matches!(sf.default.as_ref().map(|d| d.value), Some(Expression::Function(n, _, _)) if n == "autoincrement")
}

fn autoincrement(ctx: &mut Ctx<'_, '_>, m: ModelIdx) {
    let db = ctx.db;
    let model = &db.models[m];
    let fields: Vec<FieldIdx> = model.scalar_fields().filter(|(_, s)| is_autoincrement(s)).map(|(f, _)| f).collect();
    if fields.is_empty() {
        return;
    }
    if !ctx.connector.supports_autoincrement() {
        for &f in &fields {
            let span = model.scalar(f).and_then(|s| s.default.as_ref()).map(|d| d.attr.span).unwrap_or(model.ast.span);
            ctx.push(attribute_error(
                "@default",
                "The `autoincrement()` default value is used with a datasource that does not support it.",
                span,
            ));
        }
        return;
    }
    if ctx.connector.autoincrement_only_once() && fields.len() > 1 {
        ctx.push(attribute_error(
            "@default",
            "The `autoincrement()` default value is used multiple times on this model even though the underlying datasource only supports one instance per table.",
            model.ast.span,
        ));
    }
    for &f in &fields {
        let single_pk = model.attrs.pk.as_ref().is_some_and(|pk| pk.fields.len() == 1 && pk.fields[0].field == f);
        if ctx.connector.autoincrement_only_on_id() && !single_pk {
            ctx.push(attribute_error(
                "@default",
                "The `autoincrement()` default value is used on a non-id field even though the datasource does not support this.",
                model.ast.fields[f].span,
            ));
        }
        let indexed = model.attrs.pk.as_ref().is_some_and(|pk| pk.fields.first().is_some_and(|x| x.field == f))
            || model.attrs.indexes.iter().any(|i| i.fields.first().is_some_and(|x| x.field == f));
        if ctx.connector.autoincrement_needs_index() && !indexed {
            ctx.push(attribute_error(
                "@default",
                "The `autoincrement()` default value is used on a non-indexed field even though the datasource does not support this.",
                model.ast.fields[f].span,
            ));
        }
    }
}

fn scalar_field_checks(ctx: &mut Ctx<'_, '_>, m: ModelIdx, f: FieldIdx) {
    let db = ctx.db;
    let model = &db.models[m];
    let Some(sf) = model.scalar(f) else { return };
    let ast_field = &model.ast.fields[f];
    let container = model.container();
    let fname = model.field_name(f);

    // Connector support for Json, Decimal and lists.
    match sf.ty {
        ScalarKind::BuiltIn(ScalarType::Json) => {
            if !ctx.connector.supports_json() {
                ctx.push(field_error(
                    &format!("Field `{fname}` in {container} `{}` can't be of type Json. The current connector does not support the Json type.", model.name()),
                    container,
                    model.name(),
                    fname,
                    ast_field.span,
                ));
            }
            if ast_field.arity == FieldArity::List && !ctx.connector.supports_json_lists() {
                ctx.push(field_error(
                    &format!("Field `{fname}` in {container} `{}` can't be of type Json[]. The current connector does not support the Json List type.", model.name()),
                    container,
                    model.name(),
                    fname,
                    ast_field.span,
                ));
            }
        }
        ScalarKind::BuiltIn(ScalarType::Decimal) if !ctx.connector.supports_decimal() => {
            ctx.push(field_error(
                &format!("Field `{fname}` in {container} `{}` can't be of type Decimal. The current connector does not support the Decimal type.", model.name()),
                container,
                model.name(),
                fname,
                ast_field.span,
            ));
        }
        _ => {}
    }
    if ast_field.arity == FieldArity::List && !ctx.connector.supports_scalar_lists() {
        ctx.push(Diagnostic::error(
            format!("Field \"{fname}\" in {container} \"{}\" can't be a list. The current connector does not support lists of primitive types.", model.name()),
            ast_field.span,
        ));
    }

    client_name(ctx, m, f);

    // Named default constraints (SQL Server).
    if let Some(d) = &sf.default {
        if ctx.connector.supports_named_default_values() {
            let name = d.mapped_name.clone().unwrap_or_else(|| {
                naming::default_constraint_name(model.database_name(), model.field_db_name(f), ctx.connector)
            });
            for scope in ctx.names.violations(db, m, ConstraintKind::Default, &name) {
                ctx.push(attribute_error(
                    "@default",
                    &format!(
                        "The given constraint name `{name}` has to be unique in the following namespace: {}. Please provide a different name using the `map` argument.",
                        scope.description(model.name())
                    ),
                    arg_span(d.attr, "map").unwrap_or(ast_field.span),
                ));
            }
        }
    }

    if let (ScalarKind::BuiltIn(st), Some(native)) = (&sf.ty, sf.native) {
        native_type_arguments(ctx, *st, native);
    }

    if let Some(d) = &sf.default {
        if d.mapped_name.is_some() && !ctx.connector.supports_named_default_values() {
            ctx.push(attribute_error(
                "@default",
                "You defined a database name for the default value of a field on the model. This is not supported by the provider.",
                d.attr.span,
            ));
        }
        if d.mapped_name.is_some() {
            db_name_too_long(ctx, model.name(), "default", d.mapped_name.as_deref(), d.attr.span, false);
        }
        if let ScalarKind::BuiltIn(st) = sf.ty {
            default_value_literal(ctx, st, d.value);
        }
        if let Expression::Function(name, _, span) = d.value {
            if name == "auto" && ctx.connector.provider != Some(Provider::Mongo) {
                ctx.push(attribute_error("@default", "The current connector does not support the `auto()` function.", *span));
            }
        }
    }

    unsupported_type_suggestion(ctx, m, f);
}

fn default_value_literal(ctx: &mut Ctx<'_, '_>, st: ScalarType, value: &Expression) {
    if let Expression::Array(items, _) = value {
        for item in items {
            default_value_literal(ctx, st, item);
        }
        return;
    }
    match (st, value) {
        (ScalarType::DateTime, Expression::StringValue(v, span)) => {
            if let Err(details) = super::values::parse_rfc3339(v) {
                ctx.push(attribute_error(
                    "@default",
                    &format!("Parse error: \"{v}\" is not a valid rfc3339 datetime string. ({details})"),
                    *span,
                ));
            }
        }
        (ScalarType::Int | ScalarType::BigInt, Expression::NumericValue(v, span)) => {
            if let Err(e) = v.parse::<i64>() {
                ctx.push(attribute_error("@default", &format!("Parse error: \"{v}\" is not a valid integer. ({e})"), *span));
            }
        }
        (ScalarType::Bytes, Expression::StringValue(v, span)) => {
            if let Err(details) = super::values::check_base64(v) {
                ctx.push(attribute_error(
                    "@default",
                    &format!("Parse error: \"{v}\" is not a valid base64 string. ({details})"),
                    *span,
                ));
            }
        }
        (ScalarType::Json, Expression::StringValue(v, span)) => {
            if let Err(details) = super::values::check_json(v) {
                ctx.push(attribute_error(
                    "@default",
                    &format!("Parse error: \"{v}\" is not a valid JSON string. ({details})"),
                    *span,
                ));
            }
        }
        _ => {}
    }
}

fn unsupported_type_suggestion(ctx: &mut Ctx<'_, '_>, m: ModelIdx, f: FieldIdx) {
    let model = &ctx.db.models[m];
    let Some(ScalarKind::Unsupported(lit)) = model.scalar(f).map(|s| &s.ty) else { return };
    let Some(ds) = &ctx.config.datasource else { return };
    let (prefix, rest) = match lit.split_once('(') {
        Some((p, r)) => (p.trim(), Some(r)),
        None => (lit.trim(), None),
    };
    let args: Vec<String> = match rest.and_then(|r| r.split_once(')')) {
        Some((params, suffix)) if suffix.trim().is_empty() => {
            if params.trim().is_empty() {
                Vec::new()
            } else {
                params.split(',').map(|s| s.trim().to_owned()).collect()
            }
        }
        Some(_) => return,
        None if rest.is_some() => return,
        None => Vec::new(),
    };
    let Some(def) = find_native_type(ctx.connector.provider, prefix) else { return };
    if args.len() < def.required_args || args.len() > def.required_args + def.optional_args {
        return;
    }
    if args.iter().any(|a| a.parse::<i64>().is_err() && a != "Max") {
        return;
    }
    let st = def.prisma_types[0];
    let rendered = if args.is_empty() { def.name.to_owned() } else { format!("{}({})", def.name, args.join(", ")) };
    ctx.push(validation_error(
        &format!(
            "The type `Unsupported(\"{lit}\")` you specified in the type definition for the field `{}` is supported as a native type by Prisma. Please use the native type notation `{} @{}.{}` for full support.",
            model.field_name(f),
            scalar_str(st),
            ds.name,
            rendered
        ),
        model.ast.fields[f].span,
    ));
}

/// `@db.X(args)`: prefix, name, argument count and type compatibility.
fn native_type_arguments(ctx: &mut Ctx<'_, '_>, st: ScalarType, attr: &crate::ast::Attribute) {
    let Some((scope, type_name)) = attr.name.name.split_once('.') else { return };
    let span = attr.span;
    if let Some(ds) = &ctx.config.datasource {
        if ds.name != scope {
            ctx.push(Diagnostic::error(
                format!(
                    "The prefix {scope} is invalid. It must be equal to the name of an existing datasource e.g. {0}. Did you mean to use {0}.{type_name}?",
                    ds.name
                ),
                span,
            ));
        }
    }
    let Some(def) = find_native_type(ctx.connector.provider, type_name) else {
        ctx.push(Diagnostic::error(
            format!("Native type {type_name} is not supported for {} connector.", ctx.connector.provider_name()),
            span,
        ));
        return;
    };
    let args: Vec<&Expression> = attr.arguments.arguments.iter().map(|a| &a.value).collect();
    let n = args.len();
    if n < def.required_args || (n > def.required_args && def.optional_args == 0) {
        ctx.push(Diagnostic::error(
            format!("Function \"{type_name}\" takes {} arguments, but received {n}.", def.required_args),
            span,
        ));
        return;
    }
    if n > def.required_args + def.optional_args && def.optional_args > 0 {
        ctx.push(Diagnostic::error(
            format!("Native type {type_name} takes {} optional arguments, but received {n}.", def.optional_args),
            span,
        ));
        return;
    }
    if !def.prisma_types.contains(&st) {
        let expected = def.prisma_types.iter().map(|t| scalar_str(*t)).collect::<Vec<_>>().join(" or ");
        ctx.push(Diagnostic::error(
            format!(
                "Native type {type_name} is not compatible with declared field type {}, expected field type {expected}.",
                scalar_str(st)
            ),
            span,
        ));
        return;
    }
    super::values::native_type_args(ctx.connector, type_name, &args, span, ctx.diags);
}

fn client_name(ctx: &mut Ctx<'_, '_>, m: ModelIdx, f: FieldIdx) {
    let model = &ctx.db.models[m];
    let fname = model.field_name(f);
    let container = model.container();
    let mut errors = Vec::new();
    for idx in &model.attrs.indexes {
        if idx.name.as_deref() == Some(fname) {
            let attr = if idx.kind == IndexKind::Unique { "@@unique" } else { "@@index" };
            errors.push(model_error(
                &format!("The custom name `{fname}` specified for the `{attr}` attribute is already used as a name for a field. Please choose a different name."),
                container,
                model.name(),
                model.ast.span,
            ));
        }
    }
    if model.attrs.pk.as_ref().and_then(|p| p.name.as_deref()) == Some(fname) {
        errors.push(model_error(
            &format!("The custom name `{fname}` specified for the `@@id` attribute is already used as a name for a field. Please choose a different name."),
            container,
            model.name(),
            model.ast.span,
        ));
    }
    for e in errors {
        ctx.push(e);
    }
}

fn ambiguity(ctx: &Ctx<'_, '_>, m: ModelIdx, f: FieldIdx) -> Option<Diagnostic> {
    let db = ctx.db;
    let model = &db.models[m];
    let rf = model.relation(f)?;
    let related = &db.models[rf.target];
    let name = match &rf.name {
        Some(n) => RelName::Explicit(n.clone()),
        None => RelName::Generated(generated_relation_name(model.name(), related.name())),
    };
    let fields = ctx.relation_names.get(&(m, rf.target, name.clone()))?;
    if fields.len() < 2 {
        return None;
    }
    let is_self = m == rf.target;
    let names: Vec<String> = fields.iter().map(|&i| format!("`{}`", model.field_name(i))).collect();
    let joined = match names.len() {
        0 | 1 => names.join(", "),
        2 => names.join(" and "),
        n => format!("{} and {}", names[..n - 1].join(", "), names[n - 1]),
    };
    let message = match (&name, is_self, fields.len()) {
        (RelName::Generated(_), true, 2) => format!(
            "Ambiguous self relation detected. The fields {joined} in model `{}` both refer to `{}`. If they are part of the same relation add the same relation name for them with `@relation(<name>)`.",
            model.name(),
            related.name()
        ),
        (RelName::Generated(_), true, _) => format!(
            "Unnamed self relation detected. The fields {joined} in model `{}` have no relation name. Please provide a relation name for one of them by adding `@relation(<name>).",
            model.name()
        ),
        (RelName::Explicit(_), true, n) if n > 2 => format!(
            "Wrongly named self relation detected. The fields {joined} in model `{}` have the same relation name. At most two relation fields can belong to the same relation and therefore have the same name. Please assign a different relation name to one of them.",
            model.name()
        ),
        (RelName::Explicit(_), true, _) => return None,
        (RelName::Generated(_), false, _) => format!(
            "Ambiguous relation detected. The fields {joined} in model `{}` both refer to `{}`. Please provide different relation names for them by adding `@relation(<name>).",
            model.name(),
            related.name()
        ),
        (RelName::Explicit(_), false, _) => format!(
            "Wrongly named relation detected. The fields {joined} in model `{}` both use the same relation name. Please provide different relation names for them through `@relation(<name>).",
            model.name()
        ),
    };
    Some(model_error(&message, model.container(), model.name(), model.ast.fields[f].span))
}

fn relation_field_checks(ctx: &mut Ctx<'_, '_>, m: ModelIdx, f: FieldIdx) {
    let db = ctx.db;
    let model = &db.models[m];
    let Some(rf) = model.relation(f) else { return };
    let related = &db.models[rf.target];
    let ast_field = &model.ast.fields[f];

    if related.attrs.ignored && !rf.ignored && !model.attrs.ignored {
        ctx.push(attribute_error(
            "@ignore",
            &format!(
                "The relation field `{}` on Model `{}` must specify the `@ignore` attribute, because the model {} it is pointing to is marked ignored.",
                model.field_name(f),
                model.name(),
                related.name()
            ),
            ast_field.span,
        ));
    }

    // Action errors point at the whole `onDelete: X` argument.
    let action_span = |name: &str, value_span: Span| rf.attr.and_then(|a| arg_span(a, name)).unwrap_or(value_span);
    let actions = [
        rf.on_delete.map(|(a, s)| (a, action_span("onDelete", s))),
        rf.on_update.map(|(a, s)| (a, action_span("onUpdate", s))),
    ];
    for (action, span) in actions.into_iter().flatten() {
        if !ctx.connector.supports_action(action) {
            ctx.push(validation_error(&invalid_action_message(ctx.connector, action), span));
        }
    }

    if rf.mapped_name.is_some() {
        if !ctx.connector.supports_named_foreign_keys() {
            ctx.push(attribute_error(
                "@relation",
                "Your provider does not support named foreign keys.",
                rf.attr.map(|a| a.span).unwrap_or(ast_field.span),
            ));
        } else if let Some(attr) = rf.attr {
            db_name_too_long(ctx, model.name(), "relation", rf.mapped_name.as_deref(), attr.span, false);
        }
    }

    missing_relation_index(ctx, m, f);
    mongo_same_native_types(ctx, m, f);

    // MySQL: SetDefault is accepted but not really supported.
    if ctx.connector.provider == Some(Provider::Mysql) && ctx.connector.relation_mode == RelationMode::ForeignKeys {
        for (action, span) in actions.into_iter().flatten() {
            if action == ReferentialAction::SetDefault {
                ctx.push(Diagnostic::warning(
                    "MySQL does not actually support the `SetDefault` referential action, so using it may result in unexpected errors. Read more at https://pris.ly/d/mysql-set-default ",
                    span,
                ));
            }
        }
    }
}

/// MongoDB joins need both sides of a relation to have the same native type (a warning).
fn mongo_same_native_types(ctx: &mut Ctx<'_, '_>, m: ModelIdx, f: FieldIdx) {
    if ctx.connector.provider != Some(Provider::Mongo) {
        return;
    }
    let db = ctx.db;
    let model = &db.models[m];
    let Some(rf) = model.relation(f) else { return };
    let (Some(fields), Some(refs)) = (&rf.fields, &rf.references) else { return };
    let target = &db.models[rf.target];
    let prefix = ctx.config.datasource.as_ref().map(|d| d.name.as_str()).unwrap_or("db");
    let native = |md: &super::db::ModelData<'_>, i: FieldIdx| {
        md.scalar(i).and_then(|s| s.native).and_then(|a| a.name.name.split_once('.')).map(|(_, n)| n.to_owned())
    };
    for (&a, &b) in fields.iter().zip(refs) {
        let (na, nb) = (native(model, a), native(target, b));
        if na == nb {
            continue;
        }
        let (fa, fb) = (format!("{}.{}", model.name(), model.field_name(a)), format!("{}.{}", target.name(), target.field_name(b)));
        let advice = match (&na, &nb) {
            (None, Some(t)) => format!("Consider either removing {fb}'s native type attribute or adding '@{prefix}.{t}' to {fa}."),
            (Some(t), None) => format!("Consider either removing {fa}'s native type attribute or adding '@{prefix}.{t}' to {fb}."),
            (Some(x), Some(y)) => format!("Consider updating those fields to either use '@{prefix}.{x}' or '@{prefix}.{y}'."),
            (None, None) => continue,
        };
        ctx.push(Diagnostic::warning(
            format!(
                "Warning validating field `{}` in model `{}`: Field {fa} and {fb} must have the same native type for MongoDB to join those collections correctly. {advice} Beware that this will become an error in the future.",
                model.field_name(f),
                model.name()
            ),
            model.ast.fields[a].span,
        ));
    }
}

fn invalid_action_message(connector: Connector, action: ReferentialAction) -> String {
    let allowed = connector.referential_actions().iter().map(|a| format!("`{}`", action_str(*a))).collect::<Vec<_>>().join(", ");
    let mut msg = format!("Invalid referential action: `{}`. Allowed values: ({allowed})", action_str(action));
    if connector.relation_mode == RelationMode::Prisma
        && action == ReferentialAction::NoAction
        && connector.referential_actions().contains(&ReferentialAction::Restrict)
    {
        msg.push_str(&format!(
            ". `NoAction` is not implemented for {} when using `relationMode = \"prisma\"`, you could try using `Restrict` instead. Learn more at https://pris.ly/d/relation-mode",
            connector.name()
        ));
    }
    msg
}

fn missing_relation_index(ctx: &mut Ctx<'_, '_>, m: ModelIdx, f: FieldIdx) {
    if !ctx.connector.should_suggest_missing_indexes() {
        return;
    }
    let model = &ctx.db.models[m];
    let Some(fields) = model.relation(f).and_then(|r| r.fields.as_ref()) else { return };
    let leftwise = |group: &[FieldIdx]| group.len() >= fields.len() && group[..fields.len()] == fields[..];
    for idx in &model.attrs.indexes {
        let group: Vec<FieldIdx> = idx.fields.iter().map(|x| x.field).collect();
        if leftwise(&group) {
            return;
        }
    }
    if let Some(pk) = &model.attrs.pk {
        let group: Vec<FieldIdx> = pk.fields.iter().map(|x| x.field).collect();
        if leftwise(&group) {
            return;
        }
    }
    let span = model.relation(f).and_then(|r| r.attr).map(|a| a.span).unwrap_or(model.ast.fields[f].span);
    ctx.push(Diagnostic::warning(
        "With `relationMode = \"prisma\"`, no foreign keys are used, so relation fields will not benefit from the index usually created by the relational database under the hood. This can lead to poor performance when querying these fields. We recommend adding an index manually. Learn more at https://pris.ly/d/relation-mode-prisma-indexes\" ",
        span,
    ));
}

fn index_checks(ctx: &mut Ctx<'_, '_>, m: ModelIdx, i: usize) {
    let db = ctx.db;
    let model = &db.models[m];
    let index = &model.attrs.indexes[i];
    let attr_name = index.attribute_name();
    let span = index.attr.span;

    if index.fields.is_empty() {
        ctx.push(attribute_error(attr_name, "The list of fields in an index cannot be empty. Please specify at least one field.", span));
    }
    let name = ctx.names.index_names[m][i].clone();
    for scope in ctx.names.violations(db, m, ConstraintKind::Index, &name) {
        let s = arg_span(index.attr, "map").or_else(|| arg_span(index.attr, "name")).unwrap_or(span);
        ctx.push(attribute_error(
            attr_name,
            &format!(
                "The given constraint name `{name}` has to be unique in the following namespace: {}. Please provide a different name using the `map` argument.",
                scope.description(model.name())
            ),
            s,
        ));
    }
    if index.kind == IndexKind::Unique && index.fields.len() > 1 {
        let client = index
            .fields
            .iter()
            .map(|f| {
                let mut n = model.field_name(f.field).to_owned();
                for p in &f.path {
                    n.push('_');
                    n.push_str(p);
                }
                n
            })
            .collect::<Vec<_>>()
            .join("_");
        if model.scalar_fields().any(|(f, _)| model.field_name(f) == client) {
            ctx.push(model_error(
                &format!("The field `{client}` clashes with the `{attr_name}` name. Please resolve the conflict by providing a custom id name: `{attr_name}([...], name: \"custom_name\")`"),
                model.container(),
                model.name(),
                span,
            ));
        }
    }
    if let Some(n) = &index.name {
        if ctx.names.custom_name_clash(m, n) {
            ctx.push(attribute_error(
                attr_name,
                &format!("The given custom name `{n}` has to be unique on the model. Please provide a different name for the `name` argument."),
                arg_span(index.attr, "name").unwrap_or(span),
            ));
        }
    }
    if !ctx.connector.supports_length_prefix() && index.fields.iter().any(|f| f.length.is_some()) {
        ctx.push(attribute_error(
            attr_name,
            "The length argument is not supported in an index definition with the current connector",
            span,
        ));
    }
    if let Some(algo) = &index.algorithm {
        if !ctx.connector.supports_index_type(algo) {
            ctx.push(attribute_error(
                attr_name,
                "The given index type is not supported with the current connector",
                arg_span(index.attr, "type").unwrap_or(span),
            ));
        }
        if algo == "Hash" && ctx.connector.supports_index_type("Hash") && index.fields.iter().any(|f| f.sort.is_some()) {
            ctx.push(attribute_error(attr_name, "Hash type does not support sort option.", span));
        }
    }
    if index.kind == IndexKind::Fulltext {
        if !ctx.connector.supports_fulltext() {
            ctx.push(attribute_error(attr_name, "Defining fulltext indexes is not supported with the current connector.", span));
        } else {
            if index.fields.iter().any(|f| f.length.is_some()) {
                ctx.push(attribute_error(attr_name, "The length argument is not supported in a @@fulltext attribute.", span));
            }
            if !ctx.connector.supports_fulltext_sort() && index.fields.iter().any(|f| f.sort.is_some()) {
                ctx.push(attribute_error(
                    attr_name,
                    "The sort argument is not supported in a @@fulltext attribute in the current connector.",
                    span,
                ));
            }
        }
    }
    db_name_too_long(ctx, model.name(), &index.attr.name.name, index.mapped_name.as_deref(), span, index.source_field.is_none());
    if index.clustered.is_some() && !ctx.connector.supports_clustering() {
        ctx.push(attribute_error(attr_name, "Defining clustering is not supported in the current connector.", span));
    }
    if ctx.connector.supports_clustering() && index.clustered == Some(true) {
        if let Some(pk) = &model.attrs.pk {
            if matches!(pk.clustered, Some(true) | None) {
                ctx.push(attribute_error(attr_name, "A model can only hold one clustered index or key.", span));
            }
        }
        let others = model.attrs.indexes.iter().enumerate().any(|(j, o)| j != i && o.clustered == Some(true));
        if others {
            ctx.push(attribute_error(attr_name, "A model can only hold one clustered index.", span));
        }
    }
    if index.kind != IndexKind::Normal && index.fields.iter().any(|f| f.ops.is_some()) {
        ctx.push(attribute_error(attr_name, "Operator classes can only be defined to fields in an @@index attribute.", span));
    }
    if ctx.connector.supports_length_prefix() {
        for f in &index.fields {
            if f.length.is_none() {
                continue;
            }
            match model.scalar(f.field).map(|s| &s.ty) {
                Some(ScalarKind::Unsupported(_)) | Some(ScalarKind::BuiltIn(ScalarType::String | ScalarType::Bytes)) => {}
                _ => ctx.push(attribute_error(
                    attr_name,
                    "The length argument is only allowed with field types `String` or `Bytes`.",
                    span,
                )),
            }
        }
    }
}

fn enums(ctx: &mut Ctx<'_, '_>) {
    let db = ctx.db;
    if ctx.connector.supports_enums() {
        let mut seen: HashMap<(Option<&str>, &str), usize> = HashMap::new();
        for (e, en) in db.enums.iter().enumerate() {
            let key = (en.schema.as_ref().map(|(s, _)| s.as_str()), en.database_name());
            if seen.insert(key, e).is_some() {
                ctx.push(Diagnostic::error("An enum with the same database name is already defined.", en.ast.span));
            }
        }
    }
    for en in &db.enums {
        if !ctx.connector.supports_multi_schema() && ctx.config.schemas_span.is_none() {
            if let Some((_, span)) = &en.schema {
                ctx.push(Diagnostic::error("@@schema is not supported on the current datasource provider", *span));
            }
        }
        if !ctx.connector.supports_enums() {
            ctx.push(validation_error(
                &format!("You defined the enum `{}`. But the current connector does not support enums.", en.ast.name.name),
                en.ast.span,
            ));
            continue;
        }
        if ctx.connector.supports_multi_schema() && ctx.config.datasource.is_some() {
            match &en.schema {
                Some((name, span)) => {
                    let defined = ctx.config.datasource.as_ref().is_some_and(|d| d.schemas.iter().any(|s| s == name));
                    if !defined {
                        ctx.push(Diagnostic::error(
                            "This schema is not defined in the datasource. Read more on `@@schema` at https://pris.ly/d/multi-schema",
                            *span,
                        ));
                    }
                }
                None if ctx.config.schemas_span.is_some() => {
                    ctx.push(Diagnostic::error("This enum is missing an `@@schema` attribute.", en.ast.span));
                }
                None => {}
            }
        }
        if en.ast.values.is_empty() && ctx.connector.is_sql() {
            ctx.push(validation_error("An enum must have at least one value.", en.ast.span));
        }
    }
}

// ---------------------------------------------------------------------------------------
// Relations

/// The effective onDelete of an inline relation.
pub(crate) fn effective_on_delete(db: &Db<'_>, connector: Connector, m: ModelIdx, f: FieldIdx) -> ReferentialAction {
    let model = &db.models[m];
    let rf = model.relation(f);
    if let Some((a, _)) = rf.and_then(|r| r.on_delete) {
        return a;
    }
    if referential_arity_required(db, m, f) {
        if connector.supports_action(ReferentialAction::Restrict) {
            ReferentialAction::Restrict
        } else {
            ReferentialAction::NoAction
        }
    } else {
        ReferentialAction::SetNull
    }
}

pub(crate) fn effective_on_update(db: &Db<'_>, m: ModelIdx, f: FieldIdx) -> ReferentialAction {
    db.models[m].relation(f).and_then(|r| r.on_update).map(|(a, _)| a).unwrap_or(ReferentialAction::Cascade)
}

/// Required if the relation field is, or any of its scalar fields is.
fn referential_arity_required(db: &Db<'_>, m: ModelIdx, f: FieldIdx) -> bool {
    let model = &db.models[m];
    let any_required = model
        .relation(f)
        .and_then(|r| r.fields.as_ref())
        .is_some_and(|fs| fs.iter().any(|&i| model.ast.fields[i].arity == FieldArity::Required));
    any_required || model.ast.fields[f].arity == FieldArity::Required
}

fn triggers(a: ReferentialAction) -> bool {
    !matches!(a, ReferentialAction::NoAction | ReferentialAction::Restrict)
}

fn relations(ctx: &mut Ctx<'_, '_>) {
    let db = ctx.db;
    for rel in &db.relations {
        match rel.kind {
            RelKind::OneToOne | RelKind::OneToMany => inline_relation(ctx, rel),
            RelKind::ImplicitManyToMany => implicit_m2m(ctx, rel),
            RelKind::TwoWayEmbeddedManyToMany => {
                if ctx.connector.provider != Some(Provider::Mongo) {
                    let (m, f) = (rel.model_a, rel.field_a.unwrap_or(0));
                    ctx.push(validation_error(
                        "Embedded many-to-many relations are not supported on the current connector.",
                        db.models[m].ast.fields.get(f).map(|x| x.span).unwrap_or(db.models[m].ast.span),
                    ));
                }
            }
        }
    }
}

fn forward_fields<'a>(db: &'a Db<'_>, rel: &Relation) -> Option<(&'a [FieldIdx], &'a [FieldIdx])> {
    let fa = rel.field_a?;
    let rf = db.models[rel.model_a].relation(fa)?;
    Some((rf.fields.as_deref()?, rf.references.as_deref()?))
}

fn inline_relation(ctx: &mut Ctx<'_, '_>, rel: &Relation) {
    let db = ctx.db;
    let complete = rel.field_a.is_some() && rel.field_b.is_some();
    if complete {
        cycles(ctx, rel);
        multiple_cascading_paths(ctx, rel);
    }
    references_unique_fields(ctx, rel);
    if let (Some(fa), Some((fields, refs))) = (rel.field_a, forward_fields(db, rel)) {
        let model = &db.models[rel.model_a];
        if fields.len() != refs.len() {
            let span = model.relation(fa).and_then(|r| r.attr).map(|a| a.span).unwrap_or(model.ast.fields[fa].span);
            ctx.push(validation_error("You must specify the same number of fields in `fields` and `references`.", span));
        }
    }
    field_arity(ctx, rel);
    referencing_types(ctx, rel);
    fk_name_unique(ctx, rel);
    set_null_on_required(ctx, rel);
    if rel.kind == RelKind::OneToOne {
        super::relations::one_to_one(ctx, rel);
    } else {
        super::relations::one_to_many(ctx, rel);
    }
}

fn relation_triggers(ctx: &Ctx<'_, '_>, rel: &Relation) -> bool {
    let Some(fa) = rel.field_a else { return false };
    triggers(effective_on_delete(ctx.db, ctx.connector, rel.model_a, fa)) || triggers(effective_on_update(ctx.db, rel.model_a, fa))
}

/// Cascading actions that loop back to where they started (Prisma's `cycles`): checked by SQL
/// Server, and by every provider when Prisma emulates relations.
fn cycles(ctx: &mut Ctx<'_, '_>, rel: &Relation) {
    let db = ctx.db;
    let uses_fks = ctx.connector.relation_mode == RelationMode::ForeignKeys;
    if !ctx.connector.reference_cycle_detection() && uses_fks {
        return;
    }
    let Some(root_field) = rel.field_a else { return };
    let parent = rel.model_a;
    let mut visited: std::collections::HashSet<(ModelIdx, FieldIdx)> = std::collections::HashSet::new();
    let mut stack: Vec<(&Relation, Vec<(ModelIdx, FieldIdx)>)> = vec![(rel, vec![(rel.model_a, root_field)])];
    while let Some((next, path)) = stack.pop() {
        let Some(nf) = next.field_a else { continue };
        visited.insert((next.model_a, nf));
        if !relation_triggers(ctx, next) {
            continue;
        }
        let related = next.model_b;
        if next.model_a == related {
            let msg = "A self-relation must have `onDelete` and `onUpdate` referential actions set to `NoAction` in one of the @relation attributes.";
            let err = cascade_error(ctx, rel.model_a, root_field, msg);
            ctx.push(err);
            return;
        }
        if related == parent {
            let rendered = path
                .iter()
                .map(|&(m, f)| format!("{}.{}", db.models[m].name(), db.models[m].field_name(f)))
                .collect::<Vec<_>>()
                .join(" → ");
            let msg = format!(
                "Reference causes a cycle. One of the @relation attributes in this cycle must have `onDelete` and `onUpdate` referential actions set to `NoAction`. Cycle path: {rendered}."
            );
            let err = cascade_error(ctx, rel.model_a, root_field, &msg);
            ctx.push(err);
            return;
        }
        for r in ctx.relations_from[related].iter().map(|&i| &db.relations[i]) {
            let key = (r.model_a, r.field_a.unwrap_or_default());
            if visited.contains(&key) {
                continue;
            }
            let mut p = path.clone();
            p.push(key);
            stack.push((r, p));
        }
    }
}

/// SQL Server rejects foreign keys that cascade to a table through more than one path
/// (Prisma's `multiple_cascading_paths`).
fn multiple_cascading_paths(ctx: &mut Ctx<'_, '_>, rel: &Relation) {
    let db = ctx.db;
    if !ctx.connector.reference_cycle_detection() || ctx.connector.relation_mode == RelationMode::Prisma {
        return;
    }
    let Some(root_field) = rel.field_a else { return };
    if !relation_triggers(ctx, rel) {
        return;
    }
    let parent = rel.model_a;
    let triggering_from = |m: ModelIdx| -> Vec<usize> {
        ctx.relations_from[m].iter().copied().filter(|&i| relation_triggers(ctx, &db.relations[i])).collect()
    };
    // Every path (as relation indices, root first) from the parent model.
    let mut paths: Vec<Vec<usize>> = Vec::new();
    // (relation, path so far, forward fields walked on this path)
    type Walk = (usize, Vec<usize>, Vec<(ModelIdx, Option<FieldIdx>)>);
    let mut stack: Vec<Walk> = triggering_from(parent).into_iter().map(|i| (i, vec![i], Vec::new())).collect();
    while let Some((i, path, mut current)) = stack.pop() {
        let r = &db.relations[i];
        current.push((r.model_a, r.field_a));
        if r.model_a == r.model_b || r.model_b == parent {
            continue;
        }
        let forward: Vec<usize> = triggering_from(r.model_b)
            .into_iter()
            .filter(|&j| !current.contains(&(db.relations[j].model_a, db.relations[j].field_a)))
            .collect();
        if forward.is_empty() {
            paths.push(path);
            continue;
        }
        for j in forward {
            let mut p = path.clone();
            p.push(j);
            stack.push((j, p, current.clone()));
        }
    }
    // Models reachable from each of the parent's relation fields.
    let mut seen: HashMap<&str, std::collections::HashSet<&str>> = HashMap::new();
    for path in &paths {
        let Some(&first) = path.first() else { continue };
        let fr = &db.relations[first];
        let entry = seen.entry(db.models[fr.model_a].field_name(fr.field_a.unwrap_or_default())).or_default();
        for &i in path {
            entry.insert(db.models[db.relations[i].model_b].name());
        }
    }
    let mut reachable: std::collections::BTreeSet<&str> = std::collections::BTreeSet::new();
    if let Some(from_parent) = seen.remove(db.models[parent].field_name(root_field)) {
        for other in seen.values() {
            reachable.extend(from_parent.intersection(other));
        }
    }
    let models = reachable.iter().map(|m| format!("`{m}`")).collect::<Vec<_>>().join(", ");
    let target = db.models[parent].name();
    let msg = match reachable.len() {
        0 => return,
        1 => format!("When any of the records in model {models} is updated or deleted, the referential actions on the relations cascade to model `{target}` through multiple paths. Please break one of these paths by setting the `onUpdate` and `onDelete` to `NoAction`."),
        _ => format!("When any of the records in models {models} are updated or deleted, the referential actions on the relations cascade to model `{target}` through multiple paths. Please break one of these paths by setting the `onUpdate` and `onDelete` to `NoAction`."),
    };
    let err = cascade_error(ctx, parent, root_field, &msg);
    ctx.push(err);
}

fn cascade_error(ctx: &Ctx<'_, '_>, m: ModelIdx, f: FieldIdx, msg: &str) -> Diagnostic {
    let db = ctx.db;
    let rf = db.models[m].relation(f);
    let on_delete = effective_on_delete(db, ctx.connector, m, f);
    let on_update = effective_on_update(db, m, f);
    let implicit_delete = rf.and_then(|r| r.on_delete).is_none() && triggers(on_delete);
    let implicit_update = rf.and_then(|r| r.on_update).is_none() && triggers(on_update);
    let mut msg = match (implicit_delete, implicit_update) {
        (true, true) => format!(
            "{msg} (Implicit default `onDelete`: `{}`, and `onUpdate`: `{}`)",
            action_str(on_delete),
            action_str(on_update)
        ),
        (true, false) => format!("{msg} (Implicit default `onDelete`: `{}`)", action_str(on_delete)),
        (false, true) => format!("{msg} (Implicit default `onUpdate`: `{}`)", action_str(on_update)),
        (false, false) => msg.to_owned(),
    };
    msg.push_str(" Read more at https://pris.ly/d/cyclic-referential-actions");
    validation_error(&msg, db.models[m].ast.fields[f].span)
}

fn references_unique_fields(ctx: &mut Ctx<'_, '_>, rel: &Relation) {
    let db = ctx.db;
    let Some(fa) = rel.field_a else { return };
    let Some(refs) = db.models[rel.model_a].relation(fa).and_then(|r| r.references.as_ref()) else { return };
    if refs.is_empty() {
        return;
    }
    let target = &db.models[rel.model_b];
    let criteria = unique_criteria(db, rel.model_b);
    let mut sorted_refs: Vec<&str> = refs.iter().map(|&f| target.field_name(f)).collect();
    sorted_refs.sort_unstable();
    let matches = criteria.iter().any(|c| {
        let mut names: Vec<&str> = c.iter().map(|&f| target.field_name(f)).collect();
        names.sort_unstable();
        names == sorted_refs
    });
    let span = db.models[rel.model_a].ast.fields[fa].span;
    if matches {
        if refs.len() > 1 && !ctx.connector.allows_relation_fields_in_arbitrary_order() {
            let in_order = criteria.iter().any(|c| c.len() == refs.len() && c.iter().zip(refs).all(|(a, b)| a == b));
            if !in_order {
                ctx.push(validation_error(
                    &format!(
                        "The argument `references` must refer to a unique criterion in the related model `{}` using the same order of fields. Please check the ordering in the following fields: `{}`.",
                        target.name(),
                        refs.iter().map(|&f| target.field_name(f)).collect::<Vec<_>>().join(", ")
                    ),
                    span,
                ));
            }
        }
        return;
    }
    let names: Vec<&str> = refs.iter().map(|&f| target.field_name(f)).collect();
    let message = if names.len() == 1 {
        format!("The argument `references` must refer to a unique criterion in the related model. Consider adding an `@unique` attribute to the field `{}` in the model `{}`.", names[0], target.name())
    } else {
        format!("The argument `references` must refer to a unique criterion in the related model. Consider adding an `@@unique([{}])` attribute to the model `{}`.", names.join(", "), target.name())
    };
    ctx.push(attribute_error("@relation", &message, span));
}

fn field_arity(ctx: &mut Ctx<'_, '_>, rel: &Relation) {
    let db = ctx.db;
    let Some(fa) = rel.field_a else { return };
    let model = &db.models[rel.model_a];
    if model.ast.fields[fa].arity != FieldArity::Required {
        return;
    }
    let Some(fields) = model.relation(fa).and_then(|r| r.fields.as_ref()) else { return };
    if fields.iter().all(|&f| model.ast.fields[f].arity != FieldArity::Optional) {
        return;
    }
    let names: Vec<&str> = fields.iter().map(|&f| model.field_name(f)).collect();
    ctx.push(validation_error(
        &format!(
            "The relation field `{}` uses the scalar fields {}. At least one of those fields is optional. Hence the relation field must be optional as well.",
            model.field_name(fa),
            names.join(", ")
        ),
        model.ast.fields[fa].span,
    ));
}

fn referencing_types(ctx: &mut Ctx<'_, '_>, rel: &Relation) {
    let db = ctx.db;
    let Some(fa) = rel.field_a else { return };
    let model = &db.models[rel.model_a];
    let target = &db.models[rel.model_b];
    let Some(rf) = model.relation(fa) else { return };
    let (Some(fields), Some(refs)) = (&rf.fields, &rf.references) else { return };
    for (&a, &b) in fields.iter().zip(refs) {
        let ta = model.scalar(a).map(|s| &s.ty);
        let tb = target.scalar(b).map(|s| &s.ty);
        if ta != tb {
            ctx.push(attribute_error(
                "@relation",
                &format!(
                    "The type of the field `{}` in the model `{}` is not matching the type of the referenced field `{}` in model `{}`.",
                    model.field_name(a),
                    model.name(),
                    target.field_name(b),
                    target.name()
                ),
                model.ast.fields[fa].span,
            ));
        }
    }
}

fn fk_name_unique(ctx: &mut Ctx<'_, '_>, rel: &Relation) {
    let db = ctx.db;
    let Some(fa) = rel.field_a else { return };
    let name = naming::fk_constraint_name(db, rel.model_a, fa, ctx.connector);
    let model = &db.models[rel.model_a];
    for scope in ctx.names.violations(db, rel.model_a, ConstraintKind::Relation, &name) {
        let span = model
            .relation(fa)
            .and_then(|r| r.attr)
            .and_then(|a| arg_span(a, "map"))
            .unwrap_or(model.ast.fields[fa].span);
        ctx.push(attribute_error(
            "@relation",
            &format!(
                "The given constraint name `{name}` has to be unique in the following namespace: {}. Please provide a different name using the `map` argument.",
                scope.description(model.name())
            ),
            span,
        ));
    }
}

fn set_null_on_required(ctx: &mut Ctx<'_, '_>, rel: &Relation) {
    let db = ctx.db;
    let Some(fa) = rel.field_a else { return };
    let model = &db.models[rel.model_a];
    let Some(rf) = model.relation(fa) else { return };
    let Some(fields) = &rf.fields else { return };
    if fields.iter().all(|&f| model.ast.fields[f].arity != FieldArity::Required) {
        return;
    }
    let span = model.ast.fields[fa].span;
    for (kind, action) in [("onDelete", rf.on_delete), ("onUpdate", rf.on_update)] {
        if !matches!(action, Some((ReferentialAction::SetNull, _))) {
            continue;
        }
        if ctx.connector.allows_set_null_on_non_nullable() {
            ctx.push(Diagnostic::warning(
                format!("The `{kind}` referential action of a relation should not be set to `SetNull` when a referenced field is required. We recommend either to choose another referential action, or to make the referenced fields optional. Read more at https://pris.ly/d/postgres-set-null "),
                span,
            ));
        } else {
            ctx.push(attribute_error(
                "@relation",
                &format!("The `{kind}` referential action of a relation must not be set to `SetNull` when a referenced field is required.\nEither choose another referential action, or make the referenced fields optional.\n"),
                span,
            ));
        }
    }
}

fn implicit_m2m(ctx: &mut Ctx<'_, '_>, rel: &Relation) {
    let db = ctx.db;
    let sides = [(rel.model_a, rel.field_a, rel.model_b), (rel.model_b, rel.field_b, rel.model_a)];
    if ctx.connector.provider == Some(Provider::Mongo) {
        for (m, f, _) in sides {
            let Some(f) = f else { continue };
            ctx.push(validation_error(
                "Implicit many-to-many relations are not supported on MongoDB. Please use the syntax defined in https://pris.ly/d/document-database-many-to-many",
                db.models[m].ast.fields[f].span,
            ));
        }
        return;
    }
    if sides.iter().any(|(m, _, _)| db.models[*m].is_view()) {
        for (m, f, _) in sides {
            let Some(f) = f else { continue };
            ctx.push(validation_error(
                "Implicit many-to-many relations are not supported for views.",
                db.models[m].ast.fields[f].span,
            ));
        }
    }
    for (m, f, other) in sides {
        let Some(f) = f else { continue };
        let model = &db.models[m];
        let related = &db.models[other];
        let container = if model.is_view() || related.is_view() { "view" } else { "model" };
        if !matches!(&related.attrs.pk, Some(pk) if pk.fields.len() == 1) {
            ctx.push(field_error(
                &format!(
                    "The relation field `{}` on {container} `{}` references `{}` which does not have an `@id` field. Models without `@id` cannot be part of a many to many relation. Use an explicit intermediate Model to represent this relationship.",
                    model.field_name(f),
                    model.name(),
                    related.name()
                ),
                container,
                model.name(),
                model.field_name(f),
                model.ast.fields[f].span,
            ));
        }
    }
    for (m, f, _) in sides {
        let Some(f) = f else { continue };
        let model = &db.models[m];
        let Some(rf) = model.relation(f) else { continue };
        for (_, span) in [rf.on_delete, rf.on_update].into_iter().flatten() {
            ctx.push(validation_error("Referential actions on implicit many-to-many relations are not supported", span));
        }
        if rf.references.is_some() {
            ctx.push(field_error(
                "Implicit many-to-many relation fields must not define references. Please remove the `references` argument from the @relation attribute.",
                model.container(),
                model.name(),
                model.field_name(f),
                model.ast.fields[f].span,
            ));
        }
    }
}
