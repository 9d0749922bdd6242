//! `datasource` and `generator` blocks, and preview features.

use super::connector::provider_from_str;
use super::expr;
use crate::ast::{ConfigBlock, Expression, Span};
use crate::datamodel::{Datasource, Extension, Generator, Provider, RelationMode, StringFromEnv};
use crate::diagnostics::{Diagnostic, Diagnostics};
use std::collections::BTreeMap;

/// Preview features Prisma knows and accepts silently.
const ACTIVE_FEATURES: &[&str] = &[
    "metrics",
    "nativeDistinct",
    "postgresqlExtensions",
    "relationJoins",
    "schemaEngineDriverAdapters",
    "shardKeys",
    "strictUndefinedChecks",
    "views",
];

/// Valid but left out of the "Expected one of" list.
const HIDDEN_FEATURES: &[&str] = &["reactNative", "typedSql", "partialIndexes"];

/// Features that will be removed: accepted with a warning.
const SOON_REMOVED: &[&str] = &["metrics"];

/// Stabilised features: accepted with a warning.
const STABILISED: &[&str] = &[
    "aggregateApi", "atomicNumberOperations", "clientExtensions", "cockroachdb", "connectOrCreate",
    "createMany", "dataProxy", "deno", "distinct", "driverAdapters", "extendedIndexes", "extendedWhereUnique",
    "fieldReference", "filteredRelationCount", "filterJson", "fullTextIndex", "fullTextSearch", "groupBy",
    "improvedQueryRaw", "interactiveTransactions", "jsonProtocol", "microsoftSqlServer", "middlewares",
    "mongoDb", "multiSchema", "namedConstraints", "nApi", "nativeTypes", "omitApi", "orderByAggregateGroup",
    "orderByNulls", "orderByRelation", "prismaSchemaFolder", "queryCompiler", "referentialActions",
    "referentialIntegrity", "selectRelationCount", "tracing", "transactionApi", "uncheckedScalarInputs",
];

pub(crate) struct Config {
    pub(crate) datasource: Option<Datasource>,
    /// Span of `schemas = …` (for later checks).
    pub(crate) schemas_span: Option<Span>,
    pub(crate) schema_spans: Vec<(String, Span)>,
    pub(crate) extensions_span: Option<Span>,
    pub(crate) generators: Vec<Generator>,
    /// (feature, span of the generator's previewFeatures) from all generators.
    pub(crate) preview_features: Vec<String>,
    preview_spans: Vec<(String, Span)>,
}

impl Config {
    pub(crate) fn has_feature(&self, name: &str) -> bool {
        self.preview_features.iter().any(|f| f.eq_ignore_ascii_case(name))
    }
}

pub(crate) fn load(generators: &[&ConfigBlock], sources: &[&ConfigBlock], diags: &mut Diagnostics) -> Config {
    let mut config = Config {
        datasource: None,
        schemas_span: None,
        schema_spans: Vec::new(),
        extensions_span: None,
        generators: Vec::new(),
        preview_features: Vec::new(),
        preview_spans: Vec::new(),
    };
    for g in generators {
        if let Some(gen) = lift_generator(g, &mut config, diags) {
            config.generators.push(gen);
        }
    }
    let mut loaded = Vec::new();
    for s in sources {
        if let Some(ds) = lift_datasource(s, &mut config, diags) {
            loaded.push(ds);
        }
    }
    if loaded.len() > 1 {
        for s in sources {
            diags.push(Diagnostic::error(
                format!("Error validating datasource `{}`: You defined more than one datasource. This is not allowed yet because support for multiple databases has not been implemented yet.", s.name.name),
                s.span,
            ));
        }
    }
    config.datasource = loaded.into_iter().next();
    let provider = config.datasource.as_ref().map(|d| d.provider);
    validate_preview_features(&config.preview_spans, provider, diags);
    config
}

fn string_from_env(e: &Expression, diags: &mut Diagnostics) -> Option<StringFromEnv> {
    match e {
        Expression::Function(name, args, span) if name == "env" => {
            if args.arguments.len() != 1 || !args.empty_arguments.is_empty() {
                diags.push(Diagnostic::error("The env function expects a singular, unnamed, string argument.", *span));
                return None;
            }
            let arg = &args.arguments[0];
            if arg.name.is_some() {
                diags.push(Diagnostic::warning("The env function doesn't expect named arguments", arg.span));
            }
            expr::string(&arg.value, diags).map(|s| StringFromEnv::Env(s.to_owned()))
        }
        other => expr::string(other, diags).map(|s| StringFromEnv::Literal(s.to_owned())),
    }
}

fn lift_generator(g: &ConfigBlock, config: &mut Config, diags: &mut Diagnostics) -> Option<Generator> {
    let mut values = BTreeMap::new();
    for p in &g.properties {
        match &p.value {
            Some(v) => {
                values.insert(p.name.name.as_str(), v);
            }
            None => {
                diags.push(Diagnostic::error(
                    format!("Property {} in generator {} needs to be assigned a value", p.name.name, g.name.name),
                    g.span,
                ));
                return None;
            }
        }
    }
    if let Some(e) = values.get("engineType") {
        if expr::as_string(e).is_none() {
            diags.push(expr::type_mismatch("String", e));
        }
    }
    let provider = match values.get("provider") {
        Some(v) => Some(string_from_env(v, diags)?),
        None => {
            diags.push(Diagnostic::error(
                format!("Argument \"provider\" is missing in generator block \"{}\".", g.name.name),
                g.span,
            ));
            return None;
        }
    };
    let output = values.get("output").and_then(|v| string_from_env(v, diags));
    if let Some(v) = values.get("binaryTargets") {
        let _ = expr::array(v, diags, string_from_env);
    }
    let mut preview_features = Vec::new();
    if let Some(v) = values.get("previewFeatures") {
        if let Some(list) = expr::array(v, diags, expr::string) {
            for f in list {
                preview_features.push(f.to_owned());
                config.preview_spans.push((f.to_owned(), v.span()));
                if !config.preview_features.iter().any(|x| x == f) {
                    config.preview_features.push(f.to_owned());
                }
            }
        }
    }
    let config_values = g
        .properties
        .iter()
        .filter(|p| !matches!(p.name.name.as_str(), "provider" | "output" | "binaryTargets" | "previewFeatures"))
        .filter_map(|p| p.value.as_ref().map(|v| (p.name.name.clone(), expr::render(v))))
        .collect();
    Some(Generator { name: g.name.name.clone(), provider, output, preview_features, config: config_values, span: g.span })
}

fn validate_preview_features(features: &[(String, Span)], provider: Option<Provider>, diags: &mut Diagnostics) {
    for (f, span) in features {
        let canonical = |list: &[&'static str]| list.iter().find(|k| k.eq_ignore_ascii_case(f)).copied();
        if provider == Some(Provider::Postgres) && f.eq_ignore_ascii_case("fullTextSearch") {
            diags.push(Diagnostic::warning(
                format!("On `provider = \"postgresql\"`, preview feature \"{f}\" has been renamed to \"fullTextSearchPostgres\". Learn more at https://pris.ly/d/fts-postgres."),
                *span,
            ));
            continue;
        }
        if provider == Some(Provider::Postgres) && f.eq_ignore_ascii_case("fullTextSearchPostgres") {
            continue;
        }
        if canonical(STABILISED).is_some() {
            diags.push(Diagnostic::warning(
                format!("Preview feature \"{f}\" is deprecated. The functionality can be used without specifying it as a preview feature."),
                *span,
            ));
            continue;
        }
        if canonical(SOON_REMOVED).is_some() {
            diags.push(Diagnostic::warning(
                format!("Preview feature \"{f}\" is deprecated. It will be removed in a future version of Prisma."),
                *span,
            ));
            continue;
        }
        if canonical(ACTIVE_FEATURES).is_some() || canonical(HIDDEN_FEATURES).is_some() {
            continue;
        }
        let mut expected: Vec<&str> = ACTIVE_FEATURES.to_vec();
        if provider == Some(Provider::Postgres) {
            expected.push("fullTextSearchPostgres");
            expected.sort_unstable_by_key(|s| s.to_ascii_lowercase());
        }
        diags.push(Diagnostic::error(
            format!("The preview feature \"{f}\" is not known. Expected one of: {}", expected.join(", ")),
            *span,
        ));
    }
}

fn lift_datasource(s: &ConfigBlock, config: &mut Config, diags: &mut Diagnostics) -> Option<Datasource> {
    let name = s.name.name.as_str();
    let mut args: BTreeMap<&str, (Span, &Expression)> = BTreeMap::new();
    let mut missing = false;
    for p in &s.properties {
        match &p.value {
            Some(v) => {
                args.insert(p.name.name.as_str(), (p.span, v));
            }
            None => {
                diags.push(Diagnostic::error(
                    format!("Property {} in datasource {name} needs to be assigned a value", p.name.name),
                    s.span,
                ));
                missing = true;
            }
        }
    }
    if missing {
        return None;
    }
    let Some((_, provider_arg)) = args.remove("provider") else {
        diags.push(Diagnostic::error(
            format!("Argument \"provider\" is missing in data source block \"{name}\"."),
            s.span,
        ));
        return None;
    };
    if expr::is_env(provider_arg) {
        diags.push(Diagnostic::error("A datasource must not use the env() function in the provider argument.", s.span));
        return None;
    }
    let provider_str = match expr::as_string(provider_arg) {
        Some("") => {
            diags.push(source_error(name, "The provider argument in a datasource must not be empty", provider_arg.span()));
            return None;
        }
        Some(p) => p,
        None => {
            diags.push(source_error(name, "The provider argument in a datasource must be a string literal", provider_arg.span()));
            return None;
        }
    };
    let Some(provider) = provider_from_str(provider_str) else {
        diags.push(Diagnostic::error(
            format!("Datasource provider not known: \"{provider_str}\"."),
            provider_arg.span(),
        ));
        return None;
    };

    let relation_mode = relation_mode(&mut args, s, provider, diags);

    let mut extensions = Vec::new();
    if provider == Provider::Postgres {
        if let Some((span, value)) = args.remove("extensions") {
            config.extensions_span = Some(span);
            extensions = parse_extensions(value, diags);
        }
    }

    let url = match args.remove("url") {
        Some((_, v)) => Some(string_from_env(v, diags)?).map(|u| (u, v.span())),
        // Prisma 7 style schemas keep the URL in a config file: no URL is fine here. A schema
        // using the Prisma 6-only `schemaEngineDriverAdapters` feature is a Prisma 6 schema,
        // and Prisma 6 then still requires the URL for every provider but SQLite.
        None if provider != Provider::Sqlite && config.has_feature("schemaEngineDriverAdapters") => {
            diags.push(Diagnostic::error(
                format!("Argument \"url\" is missing in data source block \"{name}\"."),
                s.span,
            ));
            return None;
        }
        None => None,
    };
    let shadow = args
        .remove("shadowDatabaseUrl")
        .and_then(|(_, v)| string_from_env(v, diags).map(|u| (u, v.span())))
        .filter(|(u, _)| !matches!(u, StringFromEnv::Literal(l) if l.is_empty()));
    let direct = args.remove("directUrl").and_then(|(_, v)| string_from_env(v, diags).map(|u| (u, v.span())));

    if let Some((shadow_url, _)) = &shadow {
        if let Some((direct_url, direct_span)) = &direct {
            if shadow_url == direct_url {
                diags.push(Diagnostic::error(
                    format!("shadowDatabaseUrl is the same as directUrl for datasource \"{name}\". Please specify a different database as shadow database to avoid data loss."),
                    *direct_span,
                ));
            }
        }
        if let Some((url, url_span)) = &url {
            if shadow_url == url {
                diags.push(Diagnostic::error(
                    format!("shadowDatabaseUrl is the same as url for datasource \"{name}\". Please specify a different database as shadow database to avoid data loss."),
                    *url_span,
                ));
            }
        }
    }

    if let Some((span, _)) = args.remove("previewFeatures") {
        diags.push(Diagnostic::error(
            "Preview features are only supported in the generator block. Please move this field to the generator block.",
            span,
        ));
    }

    let mut schemas = Vec::new();
    if let Some((_, value)) = args.remove("schemas") {
        if let Some(mut list) = expr::array(value, diags, expr::string_with_span) {
            if list.is_empty() {
                diags.push(Diagnostic::error("If provided, the schemas array can not be empty.", value.span()));
            } else {
                config.schemas_span = Some(value.span());
                schemas = list.iter().map(|(s, _)| s.to_string()).collect();
                config.schema_spans = list.iter().map(|(s, sp)| (s.to_string(), *sp)).collect();
                list.sort_by(|a, b| a.0.cmp(b.0));
                for pair in list.windows(2) {
                    if pair[0].0 == pair[1].0 {
                        diags.push(Diagnostic::error("Duplicated schema names are not allowed", pair[0].1));
                    }
                }
            }
        }
    }

    for (prop, (span, _)) in args {
        diags.push(Diagnostic::error(format!("Property not known: \"{prop}\"."), span));
    }

    Some(Datasource {
        name: name.to_owned(),
        provider,
        provider_str: provider_str.to_owned(),
        url: url.map(|(u, _)| u),
        direct_url: direct.map(|(u, _)| u),
        shadow_database_url: shadow.map(|(u, _)| u),
        relation_mode: relation_mode.unwrap_or_else(|| default_relation_mode(provider)),
        schemas,
        extensions,
        span: s.span,
    })
}

fn default_relation_mode(provider: Provider) -> RelationMode {
    if provider == Provider::Mongo {
        RelationMode::Prisma
    } else {
        RelationMode::ForeignKeys
    }
}

fn source_error(name: &str, message: &str, span: Span) -> Diagnostic {
    Diagnostic::error(format!("Error validating datasource `{name}`: {message}"), span)
}

fn relation_mode(
    args: &mut BTreeMap<&str, (Span, &Expression)>,
    s: &ConfigBlock,
    provider: Provider,
    diags: &mut Diagnostics,
) -> Option<RelationMode> {
    if let Some((span, _)) = args.get("referentialIntegrity") {
        diags.push(Diagnostic::warning(
            "The `referentialIntegrity` attribute is deprecated. Please use `relationMode` instead. Learn more at https://pris.ly/d/relation-mode",
            *span,
        ));
    }
    let (_, value) = match (args.remove("relationMode"), args.remove("referentialIntegrity")) {
        (None, None) => return None,
        (Some(_), Some((span, _))) => {
            diags.push(Diagnostic::error(
                "The `referentialIntegrity` and `relationMode` attributes cannot be used together. Please use only `relationMode` instead.",
                span,
            ));
            return None;
        }
        (Some(v), None) | (None, Some(v)) => v,
    };
    let mode = match expr::string(value, diags)? {
        "prisma" => RelationMode::Prisma,
        "foreignKeys" => RelationMode::ForeignKeys,
        other => {
            diags.push(source_error(
                "relationMode",
                &format!("Invalid relation mode setting: \"{other}\". Supported values: \"prisma\", \"foreignKeys\""),
                s.span,
            ));
            return None;
        }
    };
    if provider == Provider::Mongo && mode == RelationMode::ForeignKeys {
        diags.push(source_error(
            "relationMode",
            "Invalid relation mode setting: \"foreignKeys\". Supported values: \"prisma\"",
            value.span(),
        ));
    }
    Some(mode)
}

fn parse_extensions(value: &Expression, diags: &mut Diagnostics) -> Vec<Extension> {
    let Some(items) = expr::array(value, diags, |e, diags| match e {
        Expression::ConstantValue(n, span) => Some((n.as_str(), None, *span)),
        Expression::Function(n, args, span) => Some((n.as_str(), Some(args), *span)),
        other => {
            diags.push(expr::type_mismatch("constant or function", other));
            None
        }
    }) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (name, args, span) in items {
        if name.contains('-') {
            diags.push(Diagnostic::error(
                "Error validating: The character `-` is not allowed in extension names.",
                span,
            ));
            continue;
        }
        let mut ext = Extension { name: name.to_owned(), db_name: None, schema: None, version: None };
        let mut ok = true;
        for arg in args.map(|a| a.arguments.as_slice()).unwrap_or_default() {
            let Some(arg_name) = &arg.name else {
                diags.push(Diagnostic::error("Error validating: The argument must have a name", arg.span));
                ok = false;
                continue;
            };
            let slot = match arg_name.name.as_str() {
                "map" => &mut ext.db_name,
                "schema" => &mut ext.schema,
                "version" => &mut ext.version,
                other => {
                    diags.push(Diagnostic::error(format!("Argument not known: \"{other}\"."), arg.span));
                    ok = false;
                    continue;
                }
            };
            if slot.is_some() {
                diags.push(Diagnostic::error(
                    format!("Error validating: The argument `{}` can only be defined once", arg_name.name),
                    arg.span,
                ));
                ok = false;
                continue;
            }
            match expr::string(&arg.value, diags) {
                Some(v) => *slot = Some(v.to_owned()),
                None => {
                    diags.push(Diagnostic::error(
                        format!("Error validating: The `{}` argument must be a string literal", arg_name.name),
                        arg.span,
                    ));
                    ok = false;
                }
            }
        }
        if ok {
            out.push(ext);
        }
    }
    out
}
