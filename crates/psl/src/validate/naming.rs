//! Default constraint names (spec §6.2) and the namespaces they must be unique in.

use super::connector::Connector;
use super::db::{Db, FieldIdx, IndexData, ModelIdx, RelKind};
use crate::datamodel::{IndexKind, Provider};
use std::collections::HashMap;

fn max_len(connector: Connector) -> usize {
    connector.provider.map(|p| p.max_identifier_length()).unwrap_or(10_000)
}

fn truncate(s: &mut String, limit: usize) {
    if s.len() <= limit {
        return;
    }
    let mut cut = limit;
    while !s.is_char_boundary(cut) {
        cut -= 1;
    }
    s.truncate(cut);
}

pub(crate) fn primary_key_name(table: &str, connector: Connector) -> String {
    let limit = max_len(connector);
    let mut out = table.to_owned();
    if out.len() >= limit - 5 {
        truncate(&mut out, limit - 5);
    }
    out.push_str("_pkey");
    out
}

fn with_columns(table: &str, columns: &[&str], suffix: &str, connector: Connector) -> String {
    let limit = max_len(connector);
    let mut out = format!("{table}_{}", columns.join("_"));
    if out.len() >= limit - suffix.len() {
        truncate(&mut out, limit - suffix.len());
    }
    out.push_str(suffix);
    out
}

pub(crate) fn unique_name(table: &str, columns: &[&str], connector: Connector) -> String {
    with_columns(table, columns, "_key", connector)
}

pub(crate) fn index_name(table: &str, columns: &[&str], connector: Connector) -> String {
    with_columns(table, columns, "_idx", connector)
}

pub(crate) fn foreign_key_name(table: &str, columns: &[&str], connector: Connector) -> String {
    with_columns(table, columns, "_fkey", connector)
}

pub(crate) fn default_constraint_name(table: &str, column: &str, connector: Connector) -> String {
    with_columns(table, &[column], "_df", connector)
}

/// Column names of index fields (composite paths joined with `.`'s database names).
fn index_columns<'a>(db: &'a Db<'_>, m: ModelIdx, fields: impl Iterator<Item = (FieldIdx, &'a [String])>) -> Vec<String> {
    let model = &db.models[m];
    fields
        .map(|(f, path)| {
            let mut name = model.field_db_name(f).to_owned();
            for p in path {
                name.push('_');
                name.push_str(p);
            }
            name
        })
        .collect()
}

pub(crate) fn index_constraint_name(db: &Db<'_>, m: ModelIdx, index: &IndexData<'_>, connector: Connector) -> String {
    if let Some(name) = &index.mapped_name {
        return name.clone();
    }
    let model = &db.models[m];
    let cols = index_columns(db, m, index.fields.iter().map(|f| (f.field, f.path.as_slice())));
    let cols: Vec<&str> = cols.iter().map(String::as_str).collect();
    match index.kind {
        IndexKind::Unique => unique_name(model.database_name(), &cols, connector),
        IndexKind::Normal | IndexKind::Fulltext => index_name(model.database_name(), &cols, connector),
    }
}

/// `None` when the provider has no named primary keys.
pub(crate) fn pk_constraint_name(db: &Db<'_>, m: ModelIdx, connector: Connector) -> Option<String> {
    let model = &db.models[m];
    let pk = model.attrs.pk.as_ref()?;
    if !connector.supports_named_primary_keys() {
        return None;
    }
    Some(pk.mapped_name.clone().unwrap_or_else(|| primary_key_name(model.database_name(), connector)))
}

/// The foreign key name of an inline relation, from its forward field.
pub(crate) fn fk_constraint_name(db: &Db<'_>, m: ModelIdx, f: FieldIdx, connector: Connector) -> String {
    let model = &db.models[m];
    let rf = model.relation(f);
    if let Some(name) = rf.and_then(|r| r.mapped_name.clone()) {
        return name;
    }
    let cols: Vec<&str> = rf
        .and_then(|r| r.fields.as_ref())
        .map(|fs| fs.iter().map(|&i| model.field_db_name(i)).collect())
        .unwrap_or_default();
    foreign_key_name(model.database_name(), &cols, connector)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Scope {
    GlobalKeyIndex,
    GlobalForeignKey,
    GlobalPrimaryKeyKeyIndex,
    GlobalPrimaryKeyForeignKeyDefault,
    ModelKeyIndex,
    ModelPrimaryKeyKeyIndex,
    ModelPrimaryKeyKeyIndexForeignKey,
}

impl Scope {
    pub(crate) fn description(self, model: &str) -> String {
        match self {
            Scope::GlobalKeyIndex => "global for indexes and unique constraints".into(),
            Scope::GlobalForeignKey => "global for foreign keys".into(),
            Scope::GlobalPrimaryKeyKeyIndex => "global for primary key, indexes and unique constraints".into(),
            Scope::GlobalPrimaryKeyForeignKeyDefault => "global for primary keys, foreign keys and default constraints".into(),
            Scope::ModelKeyIndex => format!("on model `{model}` for indexes and unique constraints"),
            Scope::ModelPrimaryKeyKeyIndex => format!("on model `{model}` for primary key, indexes and unique constraints"),
            Scope::ModelPrimaryKeyKeyIndexForeignKey => {
                format!("on model `{model}` for primary key, indexes, unique constraints and foreign keys")
            }
        }
    }

    fn is_global(self) -> bool {
        matches!(
            self,
            Scope::GlobalKeyIndex | Scope::GlobalForeignKey | Scope::GlobalPrimaryKeyKeyIndex | Scope::GlobalPrimaryKeyForeignKeyDefault
        )
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ConstraintKind {
    Index,
    Relation,
    Default,
    PrimaryKey,
}

impl ConstraintKind {
    fn scopes(self) -> &'static [Scope] {
        use Scope::*;
        match self {
            ConstraintKind::Index => &[GlobalKeyIndex, GlobalPrimaryKeyKeyIndex, ModelKeyIndex, ModelPrimaryKeyKeyIndex],
            ConstraintKind::Relation => &[GlobalForeignKey, GlobalPrimaryKeyForeignKeyDefault, ModelPrimaryKeyKeyIndexForeignKey],
            ConstraintKind::Default => &[GlobalPrimaryKeyForeignKeyDefault],
            ConstraintKind::PrimaryKey => &[
                GlobalPrimaryKeyForeignKeyDefault,
                GlobalPrimaryKeyKeyIndex,
                ModelPrimaryKeyKeyIndex,
                ModelPrimaryKeyKeyIndexForeignKey,
            ],
        }
    }
}

fn connector_scopes(connector: Connector) -> &'static [Scope] {
    use Scope::*;
    match connector.provider {
        Some(Provider::Postgres | Provider::Cockroach) => &[GlobalPrimaryKeyKeyIndex, ModelPrimaryKeyKeyIndexForeignKey],
        Some(Provider::Mysql) => &[GlobalForeignKey, ModelKeyIndex],
        Some(Provider::Sqlite) => &[GlobalKeyIndex],
        Some(Provider::SqlServer) => &[GlobalPrimaryKeyForeignKeyDefault, ModelPrimaryKeyKeyIndex],
        Some(Provider::Mongo) => &[ModelKeyIndex],
        None => &[],
    }
}

/// One counted occurrence group of a constraint name: in a global scope (per schema) or in a
/// model's local scope.
struct Entry {
    scope: Scope,
    schema: Option<String>,
    model: Option<ModelIdx>,
    count: usize,
}

/// Counts of constraint names per scope, keyed by name so lookups need no allocation.
#[derive(Default)]
pub(crate) struct Namespace {
    /// Database names of each model's indexes, in `attrs.indexes` order.
    pub(crate) index_names: Vec<Vec<String>>,
    by_name: HashMap<String, Vec<Entry>>,
    custom: HashMap<String, Vec<(ModelIdx, usize)>>,
}

impl Namespace {
    pub(crate) fn build(db: &Db<'_>, connector: Connector) -> Self {
        let mut ns = Namespace::default();
        let mut fks: Vec<Vec<String>> = vec![Vec::new(); db.models.len()];
        for r in &db.relations {
            if let (Some(fa), RelKind::OneToOne | RelKind::OneToMany) = (r.field_a, r.kind) {
                fks[r.model_a].push(fk_constraint_name(db, r.model_a, fa, connector));
            }
        }
        ns.index_names = db
            .models
            .iter()
            .enumerate()
            .map(|(m, model)| model.attrs.indexes.iter().map(|i| index_constraint_name(db, m, i, connector)).collect())
            .collect();
        let scopes = connector_scopes(connector);
        for (m, model_fks) in fks.iter().enumerate() {
            let model = &db.models[m];
            let mut names: Vec<(ConstraintKind, String)> = Vec::new();
            names.extend(ns.index_names[m].iter().map(|n| (ConstraintKind::Index, n.clone())));
            names.extend(pk_constraint_name(db, m, connector).map(|n| (ConstraintKind::PrimaryKey, n)));
            names.extend(model_fks.iter().map(|n| (ConstraintKind::Relation, n.clone())));
            if connector.supports_named_default_values() {
                for (f, sf) in model.scalar_fields() {
                    if let Some(d) = &sf.default {
                        let name = d.mapped_name.clone().unwrap_or_else(|| {
                            default_constraint_name(model.database_name(), model.field_db_name(f), connector)
                        });
                        names.push((ConstraintKind::Default, name));
                    }
                }
            }
            let schema = model.attrs.schema.as_ref().map(|(s, _)| s.clone());
            for (kind, name) in names {
                for &scope in scopes.iter().filter(|s| scope_kinds(**s).contains(&kind)) {
                    let (schema, owner) = if scope.is_global() { (schema.clone(), None) } else { (None, Some(m)) };
                    let entries = ns.by_name.entry(name.clone()).or_default();
                    match entries.iter_mut().find(|e| e.scope == scope && e.schema == schema && e.model == owner) {
                        Some(e) => e.count += 1,
                        None => entries.push(Entry { scope, schema, model: owner, count: 1 }),
                    }
                }
            }
        }
        for (m, model) in db.models.iter().enumerate() {
            let custom = model.attrs.pk.iter().filter_map(|pk| pk.name.clone()).chain(model.attrs.indexes.iter().filter_map(|i| i.name.clone()));
            for name in custom {
                let entries = ns.custom.entry(name).or_default();
                match entries.iter_mut().find(|(x, _)| *x == m) {
                    Some((_, c)) => *c += 1,
                    None => entries.push((m, 1)),
                }
            }
        }
        ns
    }

    /// Scopes in which `name` of `kind` in model `m` is not unique: global ones first.
    pub(crate) fn violations(&self, db: &Db<'_>, m: ModelIdx, kind: ConstraintKind, name: &str) -> Vec<Scope> {
        let Some(entries) = self.by_name.get(name) else { return Vec::new() };
        let schema = db.models[m].attrs.schema.as_ref().map(|(s, _)| s.as_str());
        let clash = |scope: Scope| {
            entries.iter().any(|e| {
                e.scope == scope
                    && e.count > 1
                    && if scope.is_global() { e.schema.as_deref() == schema } else { e.model == Some(m) }
            })
        };
        let globals = kind.scopes().iter().copied().filter(|s| s.is_global());
        let locals = kind.scopes().iter().copied().filter(|s| !s.is_global());
        globals.chain(locals).filter(|&s| clash(s)).collect()
    }

    pub(crate) fn custom_name_clash(&self, m: ModelIdx, name: &str) -> bool {
        self.custom.get(name).is_some_and(|entries| entries.iter().any(|(x, c)| *x == m && *c > 1))
    }
}

fn scope_kinds(scope: Scope) -> &'static [ConstraintKind] {
    use ConstraintKind::*;
    match scope {
        Scope::GlobalKeyIndex | Scope::ModelKeyIndex => &[Index],
        Scope::GlobalForeignKey => &[Relation],
        Scope::GlobalPrimaryKeyKeyIndex | Scope::ModelPrimaryKeyKeyIndex => &[Index, PrimaryKey],
        Scope::GlobalPrimaryKeyForeignKeyDefault => &[PrimaryKey, Relation, Default],
        Scope::ModelPrimaryKeyKeyIndexForeignKey => &[Index, PrimaryKey, Relation],
    }
}
