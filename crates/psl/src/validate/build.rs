//! Turns a validated schema into the resolved `Datamodel`.

use super::checks::{effective_on_delete, effective_on_update, generated_relation_name};
use super::config::Config;
use super::connector::Connector;
use super::db::{Db, FieldKind, IdxField, ModelIdx, OpClass, RelKind, ScalarKind};
use super::naming;
use crate::ast::{self, Expression};
use crate::datamodel::{
    self as dm, Arity, Datamodel, DefaultKind, DefaultValue, IndexField, ManyToMany, NativeType, ScalarType, Value,
};
use std::collections::HashMap;

/// `index_names`: the indexes' database names, as computed for validation.
pub(crate) fn datamodel(db: &Db<'_>, config: Config, connector: Connector, index_names: &[Vec<String>]) -> Datamodel {
    // AST field index → ScalarFieldId / RelationFieldId, per model.
    let ids: Vec<Vec<usize>> = db
        .models
        .iter()
        .map(|m| {
            let (mut s, mut r) = (0, 0);
            m.fields
                .iter()
                .map(|f| match f.kind {
                    FieldKind::Scalar(_) => {
                        s += 1;
                        s - 1
                    }
                    FieldKind::Relation(_) => {
                        r += 1;
                        r - 1
                    }
                    // Never built: an unresolved type is an error.
                    FieldKind::Unresolved => usize::MAX,
                })
                .collect()
        })
        .collect();
    let relation_of: HashMap<(ModelIdx, usize), usize> = db
        .relations
        .iter()
        .enumerate()
        .flat_map(|(i, r)| {
            [r.field_a.map(|f| ((r.model_a, f), i)), r.field_b.map(|f| ((r.model_b, f), i))].into_iter().flatten()
        })
        .collect();

    let models = (0..db.models.len()).map(|m| model(db, m, &ids, &relation_of, connector, &index_names[m])).collect();
    let enums = db
        .enums
        .iter()
        .map(|e| dm::Enum {
            name: e.ast.name.name.clone(),
            database_name: e.database_name().to_owned(),
            schema: e.schema.as_ref().map(|(s, _)| s.clone()),
            values: e
                .ast
                .values
                .iter()
                .zip(&e.value_names)
                .map(|(v, mapped)| dm::EnumValue {
                    name: v.name.name.clone(),
                    database_name: mapped.clone().unwrap_or_else(|| v.name.name.clone()),
                    documentation: doc(&v.documentation),
                })
                .collect(),
            documentation: doc(&e.ast.documentation),
            span: e.ast.span,
        })
        .collect();
    let many_to_many = db
        .relations
        .iter()
        .filter(|r| r.kind == RelKind::ImplicitManyToMany)
        .map(|r| {
            let name = relation_name(db, r.model_a, r.model_b, r.name.as_deref());
            ManyToMany {
                table_name: format!("_{name}"),
                relation_name: name,
                model_a: r.model_a,
                model_b: r.model_b,
                schema: db.models[r.model_a].attrs.schema.as_ref().map(|(s, _)| s.clone()),
            }
        })
        .collect();

    Datamodel {
        datasource: config.datasource,
        generators: config.generators,
        models,
        enums,
        many_to_many,
        preview_features: config.preview_features,
    }
}

fn doc(c: &Option<ast::Comment>) -> Option<String> {
    c.as_ref().map(|c| c.text.clone())
}

fn relation_name(db: &Db<'_>, a: ModelIdx, b: ModelIdx, explicit: Option<&str>) -> String {
    match explicit {
        Some(n) => n.to_owned(),
        None => generated_relation_name(db.models[a].name(), db.models[b].name()),
    }
}

fn arity(a: ast::FieldArity) -> Arity {
    match a {
        ast::FieldArity::Required => Arity::Required,
        ast::FieldArity::Optional => Arity::Optional,
        ast::FieldArity::List => Arity::List,
    }
}

fn index_fields(fields: &[IdxField], ids: &[usize]) -> Vec<IndexField> {
    fields
        .iter()
        .map(|f| IndexField {
            field: ids[f.field],
            sort_order: f.sort,
            length: f.length,
            operator_class: f.ops.as_ref().map(|o| match o {
                OpClass::Named(n) => n.clone(),
                OpClass::Raw(r) => format!("raw(\"{r}\")"),
            }),
        })
        .collect()
}

fn model(
    db: &Db<'_>,
    m: ModelIdx,
    ids: &[Vec<usize>],
    relation_of: &HashMap<(ModelIdx, usize), usize>,
    connector: Connector,
    index_names: &[String],
) -> dm::Model {
    let data = &db.models[m];
    let ids_m = &ids[m];
    let mut scalar_fields = Vec::new();
    let mut relation_fields = Vec::new();
    for (f, field) in data.fields.iter().enumerate() {
        match &field.kind {
            FieldKind::Scalar(s) => scalar_fields.push(dm::ScalarField {
                name: field.ast.name.name.clone(),
                database_name: data.field_db_name(f).to_owned(),
                arity: arity(field.ast.arity),
                r#type: match &s.ty {
                    ScalarKind::BuiltIn(st) => dm::FieldType::Scalar(*st),
                    ScalarKind::Enum(e) => dm::FieldType::Enum(*e),
                    ScalarKind::Unsupported(u) => dm::FieldType::Unsupported(u.clone()),
                    // Composite types never reach a valid SQL datamodel; keep the shape.
                    ScalarKind::Composite(_) => dm::FieldType::Unsupported(String::new()),
                },
                native_type: s.native.map(native_type),
                default: s.default.as_ref().map(|d| DefaultValue {
                    kind: default_kind(db, &s.ty, field.ast.arity, d.value),
                    map: d.mapped_name.clone(),
                }),
                is_updated_at: s.updated_at,
                ignored: s.ignored,
                documentation: doc(&field.ast.documentation),
                span: field.ast.span,
            }),
            FieldKind::Relation(r) => {
                let rel = relation_of.get(&(m, f)).map(|&i| &db.relations[i]);
                let holds_fields = r.fields.as_ref().is_some_and(|v| !v.is_empty());
                let inline = rel.is_some_and(|rel| matches!(rel.kind, RelKind::OneToOne | RelKind::OneToMany));
                let (on_delete, on_update, fk_name) = if holds_fields && inline {
                    (
                        Some(effective_on_delete(db, connector, m, f)),
                        Some(effective_on_update(db, m, f)),
                        Some(naming::fk_constraint_name(db, m, f, connector)),
                    )
                } else {
                    (None, None, None)
                };
                relation_fields.push(dm::RelationField {
                    name: field.ast.name.name.clone(),
                    arity: arity(field.ast.arity),
                    related_model: r.target,
                    relation_name: relation_name(db, m, r.target, r.name.as_deref()),
                    fields: r.fields.iter().flatten().map(|&i| ids_m[i]).collect(),
                    references: r.references.iter().flatten().map(|&i| ids[r.target][i]).collect(),
                    on_delete,
                    on_update,
                    fk_name,
                    ignored: r.ignored,
                    documentation: doc(&field.ast.documentation),
                    span: field.ast.span,
                });
            }
            // Never built: an unresolved type is an error.
            FieldKind::Unresolved => {}
        }
    }
    let primary_key = data.attrs.pk.as_ref().map(|pk| dm::PrimaryKey {
        fields: index_fields(&pk.fields, ids_m),
        name: pk.name.clone(),
        database_name: pk
            .mapped_name
            .clone()
            .unwrap_or_else(|| naming::primary_key_name(data.database_name(), connector)),
        clustered: pk.clustered,
        span: pk.attr.span,
    });
    let indexes = data
        .attrs
        .indexes
        .iter()
        .zip(index_names)
        .map(|(i, database_name)| dm::Index {
            kind: i.kind,
            fields: index_fields(&i.fields, ids_m),
            name: i.name.clone(),
            database_name: database_name.clone(),
            algorithm: i.algorithm.clone(),
            clustered: i.clustered,
            where_clause: i.where_clause.clone(),
            span: i.attr.span,
        })
        .collect();
    dm::Model {
        name: data.name().to_owned(),
        database_name: data.database_name().to_owned(),
        schema: data.attrs.schema.as_ref().map(|(s, _)| s.clone()),
        is_view: data.is_view(),
        ignored: data.attrs.ignored,
        documentation: doc(&data.ast.documentation),
        scalar_fields,
        relation_fields,
        primary_key,
        indexes,
        span: data.ast.span,
    }
}

fn native_type(attr: &ast::Attribute) -> NativeType {
    let name = attr.name.name.split_once('.').map(|(_, n)| n).unwrap_or(&attr.name.name).to_owned();
    let args = attr.arguments.arguments.iter().map(|a| super::expr::render(&a.value)).collect();
    NativeType { name, args }
}

fn default_kind(db: &Db<'_>, ty: &ScalarKind, arity: ast::FieldArity, value: &Expression) -> DefaultKind {
    if let Expression::Function(name, args, _) = value {
        return match name.as_str() {
            "autoincrement" => DefaultKind::Autoincrement,
            "now" => DefaultKind::Now,
            "dbgenerated" => DefaultKind::DbGenerated(
                args.arguments.first().and_then(|a| super::expr::as_string(&a.value)).map(str::to_owned),
            ),
            "sequence" => DefaultKind::Sequence,
            "auto" => DefaultKind::Auto,
            "cuid" => DefaultKind::Cuid,
            "uuid" => DefaultKind::Uuid,
            "nanoid" => DefaultKind::Nanoid,
            "ulid" => DefaultKind::Ulid,
            _ => DefaultKind::DbGenerated(None),
        };
    }
    let one = |e: &Expression| literal(db, ty, e);
    match (arity, value) {
        (ast::FieldArity::List, Expression::Array(items, _)) => DefaultKind::List(items.iter().map(one).collect()),
        _ => DefaultKind::Value(one(value)),
    }
}

fn literal(_db: &Db<'_>, ty: &ScalarKind, e: &Expression) -> Value {
    let text = match e {
        Expression::StringValue(s, _) | Expression::NumericValue(s, _) | Expression::ConstantValue(s, _) => s.clone(),
        other => super::expr::render(other),
    };
    match ty {
        ScalarKind::Enum(_) => Value::Enum(text),
        ScalarKind::BuiltIn(st) => match st {
            ScalarType::Int | ScalarType::BigInt => match text.parse::<i64>() {
                Ok(i) => Value::Int(i),
                Err(_) => Value::Float(text),
            },
            ScalarType::Float | ScalarType::Decimal => Value::Float(text),
            ScalarType::Boolean => Value::Boolean(text == "true"),
            ScalarType::String => Value::String(text),
            ScalarType::DateTime => Value::DateTime(text),
            ScalarType::Json => Value::Json(text),
            ScalarType::Bytes => Value::Bytes(text),
        },
        ScalarKind::Unsupported(_) | ScalarKind::Composite(_) => Value::String(text),
    }
}
