//! `db pull`: SqlSchema → Prisma schema text, as Prisma's introspection renders it.
//!
//! The generic part lives here: which tables become models, names (sanitized with `@map` /
//! `@@map`, or kept from the previous schema on re-introspection), ids, indexes, relations
//! inferred from foreign keys (with back-relation fields and disambiguating names), implicit
//! many-to-many join tables, enums, views and `@@ignore`. The flavour folders decide scalar
//! types, `@db.*` attributes and default expressions.
//!
//! The output is the models, views and enums only (no datasource or generator blocks), laid out
//! by the formatter; the caller puts the config blocks in front.

use std::collections::{HashMap, HashSet};

use psl::datamodel::{self as dm, Datamodel};
use sql_schema::{
    Column, ColumnArity, ColumnTypeFamily, ForeignKey, ForeignKeyAction, Index, IndexColumn, IndexKind, SortOrder,
    SqlSchema, Table,
};

use crate::Flavour;

/// Prisma's comment on a table it cannot handle.
pub const NO_UNIQUE_COMMENT: &str = "The underlying table does not contain a valid unique identifier and can therefore currently not be handled by Prisma Client.";
/// Prisma's comment on a table with an expression index describe does not see.
pub const CHECK_CONSTRAINTS_COMMENT: &str = "This table contains check constraints and requires additional setup for migrations. Visit https://pris.ly/d/check-constraints for more info.";
pub const DATABASE_COMMENTS_COMMENT: &str = "This model or at least one of its fields has comments in the database, and requires an additional setup for migrations: Read more: https://pris.ly/d/database-comments";
pub const ROW_LEVEL_SECURITY_COMMENT: &str = "This model contains row level security and requires additional setup for migrations. Visit https://pris.ly/d/row-level-security for more info.";
pub const DEFERRING_COMMENT: &str = "This model has constraints using non-default deferring rules and requires additional setup for migrations. Visit https://pris.ly/d/constraint-deferring for more info.";
pub const EXPRESSION_INDEX_COMMENT: &str = "This model contains an expression index which requires additional setup for migrations. Visit https://pris.ly/d/expression-indexes for more info.";
pub const PARTITION_COMMENT: &str = "This table is a partition table and requires additional setup for migrations. Visit https://pris.ly/d/partition-tables for more info.";
pub const SUBCLASS_COMMENT: &str = "This table has subclasses and requires additional setup for migrations. Visit https://pris.ly/d/table-inheritance for more info.";
pub const NULL_ORDERING_COMMENT: &str = "This model contains an index with non-default null sort order and requires additional setup for migrations. Visit https://pris.ly/d/default-index-null-ordering for more info.";

/// Prisma's note on a table without columns, which it comments out (PostgreSQL allows such
/// tables; elsewhere it is a matter of privileges).
pub const NO_COLUMNS_COMMENT_POSTGRES: &str = "We could not retrieve columns for the underlying table. Either it has none or you are missing rights to see them. Please check your privileges.";
pub const NO_COLUMNS_COMMENT: &str = "We could not retrieve columns for the underlying table. You probably have no rights to see them. Please check your privileges.";

const NULL_ORDERING_WARNING: &str = "These index columns are having a non-default null sort order, which is not yet fully supported. Read more: https://pris.ly/d/non-default-index-null-ordering";

/// Names the Prisma Client reserves (`parser-database`'s list): introspection renames such a
/// model to `Renamed{name}`.
const RESERVED_NAMES: &[&str] = &[
    "PrismaClient", "break", "case", "catch", "class", "const", "continue", "debugger", "default", "delete", "do",
    "else", "enum", "export", "extends", "false", "finally", "for", "function", "if", "implements", "import", "in",
    "instanceof", "interface", "let", "new", "null", "package", "private", "protected", "public", "return", "super",
    "switch", "this", "throw", "true", "try", "typeof", "var", "void", "while", "with", "yield",
];

/// What the caller knows besides the described schema.
#[derive(Debug, Clone, Copy)]
pub struct PullOptions<'a> {
    pub flavour: Flavour,
    /// The schema being re-introspected (None with `--force` or an empty schema): its names,
    /// `@map`s, relation field names and model order are kept.
    pub previous: Option<&'a Datamodel>,
    /// The `views` preview feature: views become `view` blocks.
    pub views: bool,
    /// The datasource lists `schemas`: models get `@@schema`.
    pub multi_schema: bool,
    /// The datasource block's name: the native type prefix (`@db.VarChar`).
    pub datasource_name: &'a str,
    /// The previous schema's text: an `@map` / `@@map` the user wrote is kept even where it
    /// repeats the name.
    pub previous_sources: Option<&'a psl::ast::SourceFiles>,
}

/// Facts describe does not report, read by the flavour's `extras` query.
#[derive(Debug, Clone, Default)]
pub struct PullExtras {
    /// Columns of each view, by `(namespace, name)` as in `SqlSchema::views`.
    pub view_columns: HashMap<(Option<String>, String), Vec<Column>>,
    /// Tables with an expression index (describe leaves those indexes out).
    pub expression_index_tables: HashSet<(Option<String>, String)>,
    /// Expression index names per table.
    pub expression_indexes: HashMap<(Option<String>, String), Vec<String>>,
    /// Check constraint names per table.
    pub check_constraints: HashMap<(Option<String>, String), Vec<String>>,
    /// Deferrable primary key, unique and foreign key constraint names per table.
    pub deferrable_constraints: HashMap<(Option<String>, String), Vec<String>>,
    /// Index names in the catalog's order, where Prisma keeps that order (SQLite).
    pub index_order: HashMap<(Option<String>, String), Vec<String>>,
    /// Tables with row level security.
    pub row_level_security: HashSet<(Option<String>, String)>,
    /// Partitioned tables that have partitions.
    pub partition_tables: HashSet<(Option<String>, String)>,
    /// Plain tables that other tables inherit from.
    pub inherited_tables: HashSet<(Option<String>, String)>,
    /// `(index, column)` of index columns whose null ordering is not the default for their
    /// direction (`ASC NULLS FIRST`, `DESC NULLS LAST`), per table, by index name then key order.
    pub null_ordering: HashMap<TableKey, Vec<(String, String)>>,
    /// Database comments per table: `None` for the table's own comment, else the column.
    pub comments: HashMap<(Option<String>, String), Vec<Option<String>>>,
    /// The schema of each enum-typed column's enum, by `(table, column)`; multi-schema pulls
    /// only (`ColumnTypeFamily::Enum` names the enum without its schema).
    pub column_enum_namespaces: HashMap<(TableKey, String), String>,
}

/// The result of a pull.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Pulled {
    /// Models, views and enums, formatted, ending in a newline (empty when there are none).
    pub text: String,
    /// With a previous schema that has blocks: the same blocks split by the file that held them
    /// (`None`: new blocks), each part formatted; in file order, new blocks last. Empty
    /// otherwise.
    pub by_file: Vec<(Option<usize>, String)>,
    /// Models (tables, not views) rendered.
    pub models: usize,
    /// Views rendered.
    pub views: usize,
    /// Models newly marked `@@ignore` for lacking a unique criterion, by model name.
    pub ignored_models: Vec<String>,
    /// `(model, field, database type)` of `Unsupported(…)` fields.
    pub unsupported_fields: Vec<(String, String, String)>,
    /// Prisma's introspection warnings, in its order.
    pub warnings: Vec<Warning>,
}

/// One warning section: Prisma's message and the affected items, already spelled as Prisma
/// lists them (`"Model"`, `Model: "A", field: "b"`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    pub message: &'static str,
    pub items: Vec<String>,
}

impl Pulled {
    /// The warnings as Prisma prints them (`*** WARNING ***`, then each section after a blank
    /// line); empty when there are none.
    pub fn warnings_text(&self) -> String {
        if self.warnings.is_empty() {
            return String::new();
        }
        let mut out = String::from("*** WARNING ***\n");
        for warning in &self.warnings {
            out.push('\n');
            out.push_str(warning.message);
            out.push('\n');
            for item in &warning.items {
                out.push_str("  - ");
                out.push_str(item);
                out.push('\n');
            }
        }
        out
    }
}

/// Renders `schema` as Prisma schema models, views and enums.
pub fn pull(schema: &SqlSchema, extras: &PullExtras, options: &PullOptions<'_>) -> Pulled {
    let ctx = Context::new(schema, extras, options);
    ctx.render()
}

// ------------------------------------------------------------------------------------------
// Naming

/// Prisma's identifier sanitizing: leading non-letters dropped, other invalid characters
/// become `_`.
pub fn sanitize_name(name: &str) -> String {
    let trimmed = name.trim_start_matches(|c: char| !c.is_ascii_alphabetic());
    replace_invalid(trimmed)
}

fn replace_invalid(name: &str) -> String {
    name.chars().map(|c| if c.is_ascii_alphanumeric() || c == '_' { c } else { '_' }).collect()
}

/// Enum values keep leading digits; an empty value gets Prisma's placeholder.
/// Enum values follow the identifier rules; an empty database value gets Prisma's
/// placeholder. A value with nothing valid left is commented out (empty result).
pub fn sanitize_enum_value(value: &str) -> String {
    if value.is_empty() {
        return "EMPTY_ENUM_VALUE".to_owned();
    }
    sanitize_name(value)
}

/// Prisma's note on a field whose name has nothing valid left.
pub const INVALID_FIELD_NAME_COMMENT: &str =
    "This field was commented out because of an invalid name. Please provide a valid one that matches [a-zA-Z][a-zA-Z0-9_]*";

/// `{prefix}_{suffix}` cut to the flavour's identifier limit (spec §6.2).
pub fn constraint_name(flavour: Flavour, table: &str, columns: &[&str], suffix: &str) -> String {
    let limit = match flavour {
        Flavour::Postgres => 63,
        Flavour::Mysql => 64,
        Flavour::Sqlite => 10_000,
    };
    let mut base = table.to_owned();
    for column in columns {
        base.push('_');
        base.push_str(column);
    }
    let max = limit - suffix.len() - 1;
    let mut cut = base.len().min(max);
    while !base.is_char_boundary(cut) {
        cut -= 1;
    }
    format!("{}_{suffix}", &base[..cut])
}

/// A string literal in the schema language.
pub fn quote(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A table by `(namespace, name)`, as `SqlSchema` names it.
pub type TableKey = (Option<String>, String);

fn key_of(table: &Table) -> TableKey {
    (table.namespace.clone(), table.name.clone())
}

// ------------------------------------------------------------------------------------------
// Rendered items

#[derive(Debug, Default)]
struct Field {
    /// Written as a `//` comment (a name with nothing valid left).
    commented: bool,
    docs: Vec<String>,
    name: String,
    tpe: String,
    attrs: Vec<String>,
}

#[derive(Debug, Default)]
struct Block {
    /// Written as `//` comments below its documentation (a table without columns).
    commented: bool,
    /// The previous schema's file that held this block (multi-file schemas keep it there).
    file: Option<usize>,
    keyword: &'static str,
    name: String,
    docs: Vec<String>,
    fields: Vec<Field>,
    attrs: Vec<String>,
}

impl Block {
    fn write(&self, out: &mut String) {
        for doc in &self.docs {
            out.push_str("/// ");
            out.push_str(doc);
            out.push('\n');
        }
        if self.commented {
            let mut body = String::new();
            self.write_body(&mut body);
            for line in body.lines() {
                out.push_str("// ");
                out.push_str(line);
                out.push('\n');
            }
            return;
        }
        self.write_body(out);
    }

    fn write_body(&self, out: &mut String) {
        out.push_str(&format!("{} {} {{\n", self.keyword, self.name));
        // Prisma writes commented-out fields that end a model with attributes after the blank
        // line that opens the attribute section, not before it.
        let trailing = self.fields.iter().rev().take_while(|f| f.commented).count();
        let split = self.fields.len() - trailing;
        let commented_tail = trailing > 0 && split > 0 && !self.attrs.is_empty();
        for (i, field) in self.fields.iter().enumerate() {
            if commented_tail && i == split {
                out.push('\n');
            }
            for doc in &field.docs {
                out.push_str("  /// ");
                out.push_str(doc);
                out.push('\n');
            }
            out.push_str(if field.commented { "  // " } else { "  " });
            out.push_str(&field.name);
            // Enum values have no type.
            if !field.tpe.is_empty() {
                out.push(' ');
                out.push_str(&field.tpe);
            }
            for attr in &field.attrs {
                out.push(' ');
                out.push_str(attr);
            }
            out.push('\n');
        }
        if !self.attrs.is_empty() {
            if !commented_tail {
                out.push('\n');
            }
            for attr in &self.attrs {
                out.push_str("  ");
                out.push_str(attr);
                out.push('\n');
            }
        }
        out.push_str("}\n");
    }
}

// ------------------------------------------------------------------------------------------
// The pull

/// An implicit many-to-many join table: `_Name` with columns A and B.
struct JoinTable<'a> {
    relation_name: String,
    a: &'a Table,
    b: &'a Table,
}

/// One foreign key seen as a relation, with both field names decided.
struct Relation<'a> {
    table: &'a Table,
    fk: &'a ForeignKey,
    target: &'a Table,
    name: String,
    render_name: bool,
    forward_field: String,
    back_field: String,
}

struct Context<'a> {
    schema: &'a SqlSchema,
    extras: &'a PullExtras,
    options: &'a PullOptions<'a>,
    previous: Option<&'a Datamodel>,
    /// Tables that become models (join tables excluded).
    tables: Vec<&'a Table>,
    joins: Vec<JoinTable<'a>>,
    model_names: HashMap<TableKey, String>,
    /// Renamed reserved names: the doc comment they get.
    renamed: HashMap<TableKey, String>,
    /// Models renamed `{schema}_{table}` because their names clashed, in table order.
    deduplicated: Vec<String>,
    /// Enums renamed `{schema}_{enum}` likewise, in the describer's order.
    deduplicated_enums: Vec<String>,
    enum_names: HashMap<TableKey, String>,
    ignored: HashSet<TableKey>,
}

impl<'a> Context<'a> {
    fn new(schema: &'a SqlSchema, extras: &'a PullExtras, options: &'a PullOptions<'a>) -> Self {
        let mut ctx = Context {
            schema,
            extras,
            options,
            previous: options.previous,
            tables: Vec::new(),
            joins: Vec::new(),
            model_names: HashMap::new(),
            renamed: HashMap::new(),
            deduplicated: Vec::new(),
            deduplicated_enums: Vec::new(),
            enum_names: HashMap::new(),
            ignored: HashSet::new(),
        };
        for table in &schema.tables {
            match join_table(schema, table) {
                Some(join) => ctx.joins.push(join),
                None => ctx.tables.push(table),
            }
        }
        ctx.joins.sort_by(|a, b| a.relation_name.cmp(&b.relation_name));
        ctx.name_models();
        ctx.name_enums();
        for table in &ctx.tables {
            // A table without columns is commented out instead.
            if !has_unique_criterion(table) && !table.columns.is_empty() {
                ctx.ignored.insert(key_of(table));
            }
        }
        ctx
    }

    fn previous_model(&self, namespace: Option<&str>, db_name: &str) -> Option<&'a dm::Model> {
        let previous = self.previous?;
        previous.models.iter().find(|m| m.database_name == db_name && namespace.is_none_or(|ns| m.schema.as_deref() == Some(ns) || m.schema.is_none()))
    }

    fn name_models(&mut self) {
        let mut keys: Vec<(TableKey, bool)> = self.tables.iter().map(|t| (key_of(t), false)).collect();
        if self.options.views {
            keys.extend(self.schema.views.iter().map(|v| ((v.namespace.clone(), v.name.clone()), true)));
        }
        let mut fresh = Vec::new();
        for (key, _) in keys {
            if let Some(model) = self.previous_model(key.0.as_deref(), &key.1) {
                self.model_names.insert(key, model.name.clone());
                continue;
            }
            fresh.push(key.clone());
            let mut name = sanitize_name(&key.1);
            if RESERVED_NAMES.contains(&name.as_str()) {
                let renamed = format!("Renamed{name}");
                self.renamed.insert(key.clone(), format!(
                    "This model has been renamed to '{renamed}' during introspection, because the original name '{}' is reserved.",
                    key.1
                ));
                name = renamed;
            }
            self.model_names.insert(key, name);
        }
        self.deduplicate_model_names(fresh);
    }

    /// Tables of the same name in two schemas: a new model whose name another model has is
    /// called `{schema}_{table}` (sanitized) with `@@map`, as Prisma does; names kept from the
    /// previous schema stay.
    fn deduplicate_model_names(&mut self, mut fresh: Vec<TableKey>) {
        fresh.sort();
        let clashes: Vec<TableKey> = fresh
            .into_iter()
            .filter(|key| key.0.is_some())
            .filter(|key| {
                let name = &self.model_names[key];
                self.model_names.iter().any(|(other, other_name)| other != key && other_name == name)
            })
            .collect();
        for key in clashes {
            let Some(namespace) = &key.0 else { continue };
            let name = sanitize_name(&format!("{namespace}_{}", key.1));
            self.deduplicated.push(format!("Type: \"model\", name: \"{name}\""));
            self.model_names.insert(key, name);
        }
    }

    fn name_enums(&mut self) {
        for e in &self.schema.enums {
            let previous = self.previous.and_then(|p| p.enums.iter().find(|pe| pe.database_name == e.name));
            let name = previous.map(|pe| pe.name.clone()).unwrap_or_else(|| sanitize_name(&e.name));
            self.enum_names.insert((e.namespace.clone(), e.name.clone()), name);
        }
        self.deduplicate_enum_names();
    }

    /// Enums of the same name in two schemas, named as models are (`deduplicate_model_names`).
    fn deduplicate_enum_names(&mut self) {
        let fresh = |e: &sql_schema::Enum| {
            e.namespace.is_some() && !self.previous.is_some_and(|p| p.enums.iter().any(|pe| pe.database_name == e.name))
        };
        let clashes: Vec<TableKey> = self
            .schema
            .enums
            .iter()
            .filter(|e| fresh(e))
            .map(|e| (e.namespace.clone(), e.name.clone()))
            .filter(|key| {
                let name = &self.enum_names[key];
                self.enum_names.iter().any(|(other, other_name)| other != key && other_name == name)
            })
            .collect();
        for key in clashes {
            let Some(namespace) = &key.0 else { continue };
            let name = sanitize_name(&format!("{namespace}_{}", key.1));
            self.deduplicated_enums.push(format!("Type: \"enum\", name: \"{name}\""));
            self.enum_names.insert(key, name);
        }
    }

    /// The name of a column's enum: the one in the column's enum schema when known.
    fn column_enum_name(&self, table: &TableKey, column: &str, enum_db_name: &str) -> String {
        let namespace = self.extras.column_enum_namespaces.get(&(table.clone(), column.to_owned()));
        namespace
            .and_then(|ns| self.enum_names.get(&(Some(ns.clone()), enum_db_name.to_owned())))
            .cloned()
            .unwrap_or_else(|| self.enum_type_name(enum_db_name))
    }

    fn model_name(&self, namespace: &Option<String>, name: &str) -> String {
        self.model_names.get(&(namespace.clone(), name.to_owned())).cloned().unwrap_or_else(|| sanitize_name(name))
    }

    fn field_name(&self, table: &Table, column: &str) -> String {
        let previous = self.previous_model(table.namespace.as_deref(), &table.name);
        previous
            .and_then(|m| m.scalar_fields.iter().find(|f| f.database_name == column))
            .map(|f| f.name.clone())
            .unwrap_or_else(|| sanitize_name(column))
    }

    fn render(&self) -> Pulled {
        let relations = self.relations();
        let mut blocks: Vec<(TableKey, Block)> =
            self.tables.iter().map(|t| (key_of(t), self.model_block(t, &relations))).collect();
        // Prisma counts the `model` blocks it writes, not commented-out ones.
        let models = blocks.iter().filter(|(_, b)| !b.commented).count();
        let mut view_blocks = Vec::new();
        if self.options.views {
            // A view without columns is left out, as Prisma does.
            for view in self.schema.views.iter().filter(|v| self.has_view_columns(v)) {
                view_blocks.push(((view.namespace.clone(), view.name.clone()), self.view_block(view)));
            }
        }
        let views = view_blocks.len();
        self.order(&mut blocks, false);
        self.order(&mut view_blocks, true);
        let mut enums: Vec<(TableKey, Block)> =
            self.schema.enums.iter().map(|e| ((e.namespace.clone(), e.name.clone()), self.enum_block(e))).collect();
        self.order_enums(&mut enums);

        let mut text = String::new();
        for block in blocks.iter().map(|(_, b)| b).chain(view_blocks.iter().map(|(_, b)| b)).chain(enums.iter().map(|(_, b)| b)) {
            if !text.is_empty() {
                text.push('\n');
            }
            block.write(&mut text);
        }
        let text = if text.is_empty() { text } else { psl::format::format_layout(&text) };
        let all_blocks: Vec<&Block> =
            blocks.iter().map(|(_, b)| b).chain(view_blocks.iter().map(|(_, b)| b)).chain(enums.iter().map(|(_, b)| b)).collect();
        // Only a previous schema with blocks has files to keep them in.
        let multi_file = self.options.previous_sources.is_some()
            && self.previous.is_some_and(|p| !p.models.is_empty() || !p.enums.is_empty());
        let by_file = if multi_file { split_by_file(&all_blocks) } else { Vec::new() };
        let mut pulled = Pulled { text, by_file, models, views, ..Pulled::default() };
        self.collect_warnings(&blocks, &mut pulled);
        pulled
    }

    /// Prisma's warnings, in its order: enums, then tables in the describer's order (by
    /// namespace and name, whatever the models are called), each table's items in column or
    /// catalog order. Only the commented-out fields are sorted (Prisma groups them by model).
    fn collect_warnings(&self, blocks: &[(TableKey, Block)], pulled: &mut Pulled) {
        let mut lists = WarningLists::default();
        self.enum_warnings(&mut lists);
        let blocks: HashMap<&TableKey, &Block> = blocks.iter().map(|(key, block)| (key, block)).collect();
        let mut tables = self.tables.clone();
        tables.sort_by(|a, b| (&a.namespace, &a.name).cmp(&(&b.namespace, &b.name)));
        for table in &tables {
            if let Some(block) = blocks.get(&key_of(table)) {
                self.table_warnings(table, block, &mut lists, pulled);
            }
        }
        // Prisma lists these by table, then index, then column in key order.
        for table in &tables {
            for (index, column) in self.null_ordering(table) {
                lists.null_ordering.push(format!("Index: \"{index}\", column: \"{column}\""));
            }
        }
        lists.commented_fields.sort();
        let commented_fields = lists
            .commented_fields
            .chunk_by(|a, b| a.0 == b.0)
            .map(|group| {
                let fields: Vec<String> = group.iter().map(|(_, field)| format!("\"{field}\"")).collect();
                format!("Model: \"{}\", field(s): [{}]", group[0].0, fields.join(", "))
            })
            .collect();
        let unsupported = pulled
            .unsupported_fields
            .iter()
            .map(|(m, f, t)| format!("Model: \"{m}\", field: \"{f}\", original data type: \"{t}\""))
            .collect();
        let ignored = pulled.ignored_models.iter().map(|m| format!("\"{m}\"")).collect();
        let sections: [(&'static str, Vec<String>); 18] = [
            ("These fields were commented out because their names are currently not supported by Prisma. Please provide valid ones that match [a-zA-Z][a-zA-Z0-9_]* using the `@map` attribute:", commented_fields),
            ("These fields were enriched with `@map` information taken from the previous Prisma schema:", lists.remapped_fields),
            ("These enum values were commented out because their names are currently not supported by Prisma. Please provide valid ones that match [a-zA-Z][a-zA-Z0-9_]* using the `@map` attribute:", lists.commented_values),
            ("The following models were commented out as we could not retrieve columns for them. Please check your privileges:", lists.without_columns),
            ("The following models were ignored as they do not have a valid unique identifier or id. This is currently not supported by Prisma Client:", ignored),
            ("These fields are not supported by Prisma Client, because Prisma currently does not support their types:", unsupported),
            ("These models were enriched with `@@map` information taken from the previous Prisma schema:", lists.remapped_models),
            ("These enum values were enriched with `@map` information taken from the previous Prisma schema:", lists.remapped_values),
            ("These enums were enriched with `@@map` information taken from the previous Prisma schema:", lists.remapped_enums),
            ("These items were renamed due to their names being duplicates in the Prisma schema:", self.deduplicated_enums.iter().chain(&self.deduplicated).cloned().collect()),
            ("These tables are partition tables, which are not yet fully supported:", lists.partitions),
            ("These tables are inherited tables, which are not yet fully supported:", lists.inherited),
            (NULL_ORDERING_WARNING, lists.null_ordering),
            ("These tables contain row level security, which is not yet fully supported. Read more: https://pris.ly/d/row-level-security", lists.rls),
            ("These constraints are not supported by Prisma Client, because Prisma currently does not fully support check constraints. Read more: https://pris.ly/d/check-constraints", lists.checks),
            ("These primary key, foreign key or unique constraints are using non-default deferring in the database, which is not yet fully supported. Read more: https://pris.ly/d/constraint-deferring", lists.deferred),
            ("These objects have comments defined in the database, which is not yet fully supported. Read more: https://pris.ly/d/database-comments", lists.comments),
            ("These indexes are not supported by Prisma Client, because Prisma currently does not fully support expression indexes. Read more: https://pris.ly/d/expression-indexes", lists.expression),
        ];
        pulled.warnings = sections
            .into_iter()
            .filter(|(_, items)| !items.is_empty())
            .map(|(message, items)| Warning { message, items })
            .collect();
    }

    /// Commented-out and remapped enum values in the database's order, remapped enums.
    fn enum_warnings(&self, lists: &mut WarningLists) {
        for e in &self.schema.enums {
            let enum_name = self.enum_names.get(&(e.namespace.clone(), e.name.clone())).cloned().unwrap_or_else(|| self.enum_type_name(&e.name));
            for value in e.values.iter().filter(|v| self.enum_value_name(&e.name, v).is_empty()) {
                lists.commented_values.push(format!("Enum: \"{enum_name}\", value: \"{value}\""));
            }
            let Some(previous) = self.previous.and_then(|p| p.enums.iter().find(|pe| pe.database_name == e.name)) else { continue };
            for value in &e.values {
                let kept = previous.values.iter().find(|v| v.database_name == *value && v.name != v.database_name);
                if let Some(kept) = kept {
                    lists.remapped_values.push(format!("Enum: \"{}\", value: \"{}\"", previous.name, kept.name));
                }
            }
            if previous.name != previous.database_name {
                lists.remapped_enums.push(format!("\"{}\"", previous.name));
            }
        }
    }

    /// One table's warning items (Prisma's `generate_warnings` for a model, then the flavour's
    /// constraint warnings).
    fn table_warnings(&self, table: &Table, block: &Block, lists: &mut WarningLists, pulled: &mut Pulled) {
        let key = key_of(table);
        let model = format!("\"{}\"", block.name);
        let previous = self.previous_model(table.namespace.as_deref(), &table.name);
        if table.columns.is_empty() {
            lists.without_columns.push(model.clone());
        } else if self.ignored.contains(&key) && !previous.is_some_and(|m| m.ignored) {
            pulled.ignored_models.push(block.name.clone());
        }
        if self.extras.partition_tables.contains(&key) {
            lists.partitions.push(model.clone());
        }
        if self.extras.inherited_tables.contains(&key) {
            lists.inherited.push(model.clone());
        }
        if self.extras.row_level_security.contains(&key) {
            lists.rls.push(model.clone());
        }
        // A model the user mapped, even to its own name, is listed.
        if previous.is_some_and(|m| m.name != m.database_name || self.written(m.span, "@@map(")) {
            lists.remapped_models.push(model.clone());
        }
        let comments = self.extras.comments.get(&key);
        let commented = |column: Option<&str>| comments.is_some_and(|c| c.iter().any(|c| c.as_deref() == column));
        if commented(None) {
            lists.comments.push(format!("Type: \"model\", name: {model}"));
        }
        for name in self.extras.check_constraints.get(&key).into_iter().flatten() {
            lists.checks.push(format!("Model: {model}, constraint: \"{name}\""));
        }
        for column in &table.columns {
            let field = self.field_name(table, &column.name);
            // A field with nothing valid left of its name goes by the column's.
            let field = if field.is_empty() { column.name.clone() } else { field };
            let kept = previous.and_then(|m| m.scalar_fields.iter().find(|f| f.database_name == column.name));
            if kept.is_some_and(|f| f.name != f.database_name || self.written(f.span, "@map(")) {
                lists.remapped_fields.push(format!("Model: {model}, field: \"{field}\""));
            }
            if let ColumnTypeFamily::Unsupported(raw) = &column.tpe.family {
                pulled.unsupported_fields.push((block.name.clone(), field.clone(), raw.clone()));
            }
            if sanitize_name(&column.name).is_empty() {
                lists.commented_fields.push((block.name.clone(), column.name.clone()));
            }
            if commented(Some(&column.name)) {
                lists.comments.push(format!("Type: \"field\", name: \"{}.{field}\"", block.name));
            }
        }
        for name in self.extras.deferrable_constraints.get(&key).into_iter().flatten() {
            lists.deferred.push(format!("Model: {model}, constraint: \"{name}\""));
        }
        for name in self.extras.expression_indexes.get(&key).into_iter().flatten() {
            lists.expression.push(format!("Model: {model}, constraint: \"{name}\""));
        }
    }

    /// New models keep the describer's order (by namespace, then table name, not model name:
    /// table `1x` (model `x`) comes before `aa`), new views are sorted by name (checked with
    /// Prisma 6.19.3); on re-introspection, blocks the previous schema had keep its order and new
    /// ones follow.
    fn order(&self, blocks: &mut [(TableKey, Block)], by_name: bool) {
        let position = |name: &str| -> usize {
            self.previous
                .and_then(|p| p.models.iter().position(|m| m.name == name))
                .unwrap_or(usize::MAX)
        };
        blocks.sort_by(|(ka, a), (kb, b)| {
            position(&a.name).cmp(&position(&b.name)).then_with(|| ka.0.cmp(&kb.0)).then_with(|| if by_name { a.name.cmp(&b.name) } else { ka.1.cmp(&kb.1) })
        });
    }

    /// Enums of the previous schema first, in its order; new ones by schema and database name
    /// (a `{schema}_{enum}` name from `deduplicate_enum_names` keeps its database name's place).
    fn order_enums(&self, blocks: &mut [(TableKey, Block)]) {
        let position = |name: &str| -> usize {
            self.previous.and_then(|p| p.enums.iter().position(|e| e.name == name)).unwrap_or(usize::MAX)
        };
        blocks.sort_by(|(ka, a), (kb, b)| {
            position(&a.name).cmp(&position(&b.name)).then_with(|| ka.0.cmp(&kb.0)).then_with(|| ka.1.cmp(&kb.1))
        });
    }

    // --------------------------------------------------------------------------------------
    // Relations

    fn relations(&self) -> Vec<Relation<'a>> {
        // How many relations join each unordered pair of tables: more than one makes names
        // ambiguous.
        let mut pair_counts: HashMap<(TableKey, TableKey), usize> = HashMap::new();
        let pair = |a: TableKey, b: TableKey| if a <= b { (a, b) } else { (b, a) };
        let mut fks = Vec::new();
        // Tables by (namespace, name), so that each key finds its target at once.
        let by_name: HashMap<(Option<&str>, &str), &'a Table> =
            self.tables.iter().map(|t| ((t.namespace.as_deref(), t.name.as_str()), *t)).collect();
        let mut tables = self.tables.clone();
        tables.sort_by(|a, b| (&a.namespace, &a.name).cmp(&(&b.namespace, &b.name)));
        for table in tables {
            let mut keys: Vec<&ForeignKey> = table.foreign_keys.iter().collect();
            // SQLite keys have no catalog names: Prisma keeps the catalog's order there.
            if self.options.flavour != Flavour::Sqlite {
                keys.sort_by(|a, b| a.name.cmp(&b.name));
            }
            for fk in keys {
                let namespace = fk.referenced_namespace.as_deref().or(table.namespace.as_deref());
                let Some(target) = by_name
                    .get(&(namespace, fk.referenced_table.as_str()))
                    .or_else(|| by_name.get(&(fk.referenced_namespace.as_deref(), fk.referenced_table.as_str())))
                else {
                    continue;
                };
                *pair_counts.entry(pair(key_of(table), key_of(target))).or_default() += 1;
                fks.push((table, fk, *target));
            }
        }
        for join in &self.joins {
            *pair_counts.entry(pair(key_of(join.a), key_of(join.b))).or_default() += 1;
        }
        let mut relations = Vec::new();
        for (table, fk, target) in fks {
            let ambiguous = pair_counts.get(&pair(key_of(table), key_of(target))).copied().unwrap_or(0) > 1;
            relations.push(self.relation(table, fk, target, ambiguous));
        }
        relations
    }

    fn relation(&self, table: &'a Table, fk: &'a ForeignKey, target: &'a Table, ambiguous: bool) -> Relation<'a> {
        // Generated relation and field names are built from the table names, as Prisma does
        // (a model kept under another name on re-introspection does not rename them).
        let model = sanitize_name(&table.name);
        let target_model = sanitize_name(&target.name);
        let self_relation = key_of(table) == key_of(target);
        if let Some(kept) = self.previous_relation(table, fk, target) {
            return Relation { table, fk, target, name: kept.0, render_name: kept.1, forward_field: kept.2, back_field: kept.3 };
        }
        // A default field name taken by a scalar field makes Prisma name the relation as if it
        // were ambiguous.
        let has_scalar = |t: &Table, name: &str| t.columns.iter().any(|c| self.field_name(t, &c.name) == name);
        let clash = !self_relation && (has_scalar(table, &target_model) || has_scalar(target, &model));
        let ambiguous = ambiguous || clash;
        let (name, render_name) = if ambiguous {
            (format!("{model}_{}To{target_model}", fk.columns.join("_")), true)
        } else {
            let mut pair = [model.clone(), target_model.clone()];
            pair.sort();
            (format!("{}To{}", pair[0], pair[1]), self_relation)
        };
        let (forward_field, back_field) = if ambiguous && self_relation {
            (format!("{target_model}_{name}"), format!("other_{model}_{name}"))
        } else if ambiguous {
            (format!("{target_model}_{name}"), format!("{model}_{name}"))
        } else if self_relation {
            (target_model.clone(), format!("other_{model}"))
        } else {
            (target_model.clone(), model.clone())
        };
        Relation { table, fk, target, name, render_name, forward_field, back_field }
    }

    /// The previous schema's names for this foreign key's relation: (relation name, whether to
    /// render it, forward field, back field).
    fn previous_relation(&self, table: &Table, fk: &ForeignKey, target: &Table) -> Option<(String, bool, String, String)> {
        let previous = self.previous?;
        let model_id = previous.models.iter().position(|m| m.database_name == table.name)?;
        let model = &previous.models[model_id];
        let target_id = previous.models.iter().position(|m| m.database_name == target.name)?;
        let forward = model.relation_fields.iter().find(|rf| {
            rf.related_model == target_id
                && rf.fields.len() == fk.columns.len()
                && rf.fields.iter().zip(&fk.columns).all(|(f, c)| model.scalar_fields.get(*f).is_some_and(|sf| &sf.database_name == c))
        })?;
        let back = previous.models[target_id]
            .relation_fields
            .iter()
            .find(|rf| rf.relation_name == forward.relation_name && rf.related_model == model_id && rf.fields.is_empty() && rf.name != forward.name)?;
        let mut pair = [model.name.clone(), previous.models[target_id].name.clone()];
        pair.sort();
        let default_name = format!("{}To{}", pair[0], pair[1]);
        let render = forward.relation_name != default_name || model_id == target_id;
        Some((forward.relation_name.clone(), render, forward.name.clone(), back.name.clone()))
    }

    // --------------------------------------------------------------------------------------
    // Models

    fn model_block(&self, table: &'a Table, relations: &[Relation<'a>]) -> Block {
        let key = key_of(table);
        let name = self.model_name(&table.namespace, &table.name);
        let mut block = Block { keyword: "model", name: name.clone(), commented: table.columns.is_empty(), ..Block::default() };
        let ignored = self.ignored.contains(&key);
        let previous = self.previous_model(table.namespace.as_deref(), &table.name);
        block.file = previous.map(|m| m.span.file);
        // The previous documentation stays as written, stale notes included (as in Prisma).
        if let Some(doc) = previous.and_then(|m| m.documentation.as_deref()) {
            block.docs.extend(doc.lines().map(str::to_owned));
        }
        if let Some(doc) = self.renamed.get(&key) {
            block.docs.push(doc.clone());
        }
        let indexes = dedup_indexes(self.options.flavour, table, self.extras.index_order.get(&key));
        for note in self.notes(table, previous) {
            if !block.docs.iter().any(|d| d.trim() == note) {
                block.docs.push(note.to_owned());
            }
        }
        for column in &table.columns {
            block.fields.push(self.scalar_field(table, column, &indexes, previous));
        }
        self.relation_fields(table, relations, &mut block);
        self.model_attrs(table, &indexes, &mut block);
        if name != table.name || previous.is_some_and(|m| self.written(m.span, "@@map(")) {
            block.attrs.push(format!("@@map({})", quote(&table.name)));
        }
        // A model the user ignored stays ignored.
        if ignored || previous.is_some_and(|m| m.ignored) {
            block.attrs.push("@@ignore".to_owned());
        }
        if self.options.multi_schema {
            if let Some(ns) = &table.namespace {
                block.attrs.push(format!("@@schema({})", quote(ns)));
            }
        }
        self.fix_field_clashes(&mut block);
        block
    }

    /// The notes Prisma writes on a model, in its order (`render_model`). Most are written only
    /// on a model new to the schema; the null ordering note for an index new to it; the
    /// expression index note always (never twice).
    fn notes(&self, table: &Table, previous: Option<&dm::Model>) -> Vec<&'static str> {
        let key = key_of(table);
        let new = previous.is_none();
        let new_index = |index: &str| previous.is_none_or(|m| m.indexes.iter().all(|i| i.database_name != index));
        let notes = [
            (new && self.extras.partition_tables.contains(&key), PARTITION_COMMENT),
            (new && self.extras.inherited_tables.contains(&key), SUBCLASS_COMMENT),
            (new && self.extras.check_constraints.contains_key(&key), CHECK_CONSTRAINTS_COMMENT),
            (table.columns.is_empty() && self.options.flavour == Flavour::Postgres, NO_COLUMNS_COMMENT_POSTGRES),
            (table.columns.is_empty() && self.options.flavour != Flavour::Postgres, NO_COLUMNS_COMMENT),
            (self.ignored.contains(&key) && !previous.is_some_and(|m| m.ignored), NO_UNIQUE_COMMENT),
            (new && self.extras.comments.contains_key(&key), DATABASE_COMMENTS_COMMENT),
            (new && self.extras.deferrable_constraints.contains_key(&key), DEFERRING_COMMENT),
            (new && self.extras.row_level_security.contains(&key), ROW_LEVEL_SECURITY_COMMENT),
            (self.null_ordering(table).iter().any(|(index, _)| new_index(index)), NULL_ORDERING_COMMENT),
            (self.extras.expression_index_tables.contains(&key), EXPRESSION_INDEX_COMMENT),
        ];
        notes.into_iter().filter(|(applies, _)| *applies).map(|(_, note)| note).collect()
    }

    /// `(index, column)` pairs with a non-default null ordering, of the indexes describe kept
    /// (the primary key and indexes on columns; partial ones only where they are described).
    fn null_ordering(&self, table: &Table) -> Vec<&'a (String, String)> {
        let described = |index: &str| {
            table.primary_key.as_ref().is_some_and(|pk| pk.name.as_deref() == Some(index))
                || table.indexes.iter().any(|i| i.name == index)
        };
        let Some(pairs) = self.extras.null_ordering.get(&key_of(table)) else { return Vec::new() };
        pairs.iter().filter(|(index, _)| described(index)).collect()
    }

    fn scalar_field(&self, table: &Table, column: &Column, indexes: &[&Index], previous: Option<&dm::Model>) -> Field {
        let name = self.field_name(table, &column.name);
        let previous_field = previous.and_then(|m| m.scalar_fields.iter().find(|f| f.database_name == column.name));
        let mut field = Field { name: name.clone(), tpe: self.field_type(&key_of(table), column), ..Field::default() };
        if let Some(doc) = previous_field.and_then(|f| f.documentation.as_deref()) {
            field.docs.extend(doc.lines().map(str::to_owned));
        }
        // Prisma's argument order: `@unique(map:, sort:, length:)`, `@id(sort:, length:, map:)`.
        if let Some(unique) = single_unique(indexes, &column.name) {
            let mut args = Vec::new();
            let default = constraint_name(self.options.flavour, &table.name, &[&column.name], "key");
            if unique.name != default {
                args.push(format!("map: {}", quote(&unique.name)));
            }
            push_field_args(&mut args, &unique.columns[0]);
            field.attrs.push(attr_with_args("@unique", &args));
        }
        if let Some(pk) = table.primary_key.as_ref().filter(|pk| pk.columns.len() == 1 && pk.columns[0].name == column.name) {
            let mut args = Vec::new();
            push_field_args(&mut args, &pk.columns[0]);
            if let Some(pk_name) = self.non_default_pk_name(table) {
                args.push(format!("map: {}", quote(pk_name)));
            }
            field.attrs.push(attr_with_args("@id", &args));
        }
        if let Some(default) = self.default_attr(column, previous_field) {
            field.attrs.push(default);
        }
        if previous_field.is_some_and(|f| f.is_updated_at) {
            field.attrs.push("@updatedAt".to_owned());
        }
        if name.is_empty() {
            // Nothing valid left of the name: Prisma comments the field out.
            return Field {
                commented: true,
                docs: vec![INVALID_FIELD_NAME_COMMENT.to_owned()],
                name: column.name.clone(),
                tpe: field.tpe,
                attrs: vec![format!("@map({})", quote(&column.name))],
            };
        }
        if name != column.name || previous_field.is_some_and(|f| self.written(f.span, "@map(")) {
            field.attrs.push(format!("@map({})", quote(&column.name)));
        }
        if let Some(native) = native_type_attr(self.options.flavour, column) {
            field.attrs.push(format!("@{}.{native}", self.options.datasource_name));
        }
        field
    }

    fn field_type(&self, table: &TableKey, column: &Column) -> String {
        let base = match &column.tpe.family {
            ColumnTypeFamily::Int => "Int".to_owned(),
            ColumnTypeFamily::BigInt => "BigInt".to_owned(),
            ColumnTypeFamily::Float => "Float".to_owned(),
            ColumnTypeFamily::Decimal => "Decimal".to_owned(),
            ColumnTypeFamily::Boolean => "Boolean".to_owned(),
            ColumnTypeFamily::String | ColumnTypeFamily::Uuid => "String".to_owned(),
            ColumnTypeFamily::DateTime => "DateTime".to_owned(),
            ColumnTypeFamily::Binary => "Bytes".to_owned(),
            ColumnTypeFamily::Json => "Json".to_owned(),
            ColumnTypeFamily::Enum(name) => self.column_enum_name(table, &column.name, name),
            ColumnTypeFamily::Unsupported(raw) => format!("Unsupported({})", quote(raw)),
        };
        match column.tpe.arity {
            ColumnArity::Required => base,
            ColumnArity::Nullable => format!("{base}?"),
            ColumnArity::List => format!("{base}[]"),
        }
    }

    fn enum_type_name(&self, db_name: &str) -> String {
        self.enum_names
            .iter()
            .find(|((_, name), _)| name == db_name)
            .map(|(_, n)| n.clone())
            .unwrap_or_else(|| sanitize_name(db_name))
    }

    fn enum_value_name(&self, enum_db_name: &str, value: &str) -> String {
        let previous = self.previous.and_then(|p| p.enums.iter().find(|e| e.database_name == enum_db_name));
        previous
            .and_then(|e| e.values.iter().find(|v| v.database_name == value))
            .map(|v| v.name.clone())
            .unwrap_or_else(|| sanitize_enum_value(value))
    }

    fn default_attr(&self, column: &Column, previous: Option<&dm::ScalarField>) -> Option<String> {
        if column.auto_increment {
            return Some("@default(autoincrement())".to_owned());
        }
        let Some(default) = &column.default else {
            // Client-side generators have no database default: keep what the user wrote.
            let kept = previous.and_then(|f| f.default.as_ref()).and_then(|d| match d.kind {
                dm::DefaultKind::Cuid => Some("cuid()"),
                dm::DefaultKind::Uuid => Some("uuid()"),
                dm::DefaultKind::Nanoid => Some("nanoid()"),
                dm::DefaultKind::Ulid => Some("ulid()"),
                _ => None,
            });
            return kept.map(|f| format!("@default({f})"));
        };
        // A commented-out enum value can only be named by the database's expression.
        let enum_value = |value: &str| {
            let name = match &column.tpe.family {
                ColumnTypeFamily::Enum(e) => self.enum_value_name(e, value),
                _ => sanitize_enum_value(value),
            };
            if name.is_empty() {
                dbgenerated(value)
            } else {
                name
            }
        };
        let value = match self.options.flavour {
            Flavour::Postgres => crate::postgres::pull::default_value(column, &default.kind, &enum_value),
            Flavour::Mysql => crate::mysql::pull::default_value(column, &default.kind, &enum_value),
            Flavour::Sqlite => crate::sqlite::pull::default_value(column, &default.kind, &enum_value),
        }?;
        Some(format!("@default({value})"))
    }

    /// Whether the previous schema's text at `span` contains `needle` (outside comments).
    fn written(&self, span: psl::ast::Span, needle: &str) -> bool {
        let Some(file) = self.options.previous_sources.and_then(|s| s.files.get(span.file)) else { return false };
        let Some(text) = file.text.get(span.start..span.end) else { return false };
        text.lines().any(|line| line.split("//").next().is_some_and(|code| code.contains(needle)))
    }

    fn non_default_pk_name<'t>(&self, table: &'t Table) -> Option<&'t str> {
        let pk = table.primary_key.as_ref()?;
        let name = pk.name.as_deref()?;
        // Only PostgreSQL keeps primary key names Prisma can render (MySQL: PRIMARY).
        if self.options.flavour != Flavour::Postgres {
            return None;
        }
        (name != constraint_name(self.options.flavour, &table.name, &[], "pkey")).then_some(name)
    }

    fn index_field_list(&self, table: &Table, columns: &[IndexColumn]) -> String {
        let items: Vec<String> = columns
            .iter()
            .map(|c| {
                let mut args = Vec::new();
                push_column_args(&mut args, c);
                if let Some(class) = &c.operator_class {
                    args.push(format!("ops: {}", operator_class_psl(class)));
                }
                let name = self.field_name(table, &c.name);
                if args.is_empty() {
                    name
                } else {
                    format!("{name}({})", args.join(", "))
                }
            })
            .collect();
        format!("[{}]", items.join(", "))
    }

    fn model_attrs(&self, table: &Table, indexes: &[&Index], block: &mut Block) {
        if let Some(pk) = table.primary_key.as_ref().filter(|pk| pk.columns.len() > 1) {
            let mut args = vec![self.index_field_list(table, &pk.columns)];
            if let Some(name) = self.non_default_pk_name(table) {
                args.push(format!("map: {}", quote(name)));
            }
            block.attrs.push(format!("@@id({})", args.join(", ")));
        }
        // Prisma lists `@@unique`s, then `@@index`es, then `@@fulltext`s, each by name.
        let rank = |kind: IndexKind| match kind {
            IndexKind::Unique => 0,
            IndexKind::Normal => 1,
            IndexKind::Fulltext => 2,
        };
        let mut ordered: Vec<&Index> = indexes.to_vec();
        ordered.sort_by_key(|i| rank(i.kind));
        // Re-introspection keeps the previous schema's index order; new indexes follow.
        if let Some(previous) = self.previous_model(table.namespace.as_deref(), &table.name) {
            let position = |i: &Index| previous.indexes.iter().position(|p| p.database_name == i.name).unwrap_or(usize::MAX);
            ordered.sort_by_key(|i| position(i));
        }
        for index in ordered {
            if index.kind == IndexKind::Unique && index.columns.len() == 1 {
                continue;
            }
            let column_names: Vec<&str> = index.columns.iter().map(|c| c.name.as_str()).collect();
            let (attr, suffix) = match index.kind {
                IndexKind::Unique => ("@@unique", "key"),
                IndexKind::Normal => ("@@index", "idx"),
                IndexKind::Fulltext => ("@@fulltext", "idx"),
            };
            let mut args = vec![self.index_field_list(table, &index.columns)];
            if index.name != constraint_name(self.options.flavour, &table.name, &column_names, suffix) {
                args.push(format!("map: {}", quote(&index.name)));
            }
            if let Some(algorithm) = index.algorithm.as_deref().filter(|a| *a != "BTree") {
                args.push(format!("type: {algorithm}"));
            }
            if let Some(predicate) = &index.predicate {
                args.push(format!("where: raw({})", quote(predicate)));
            }
            block.attrs.push(format!("{attr}({})", args.join(", ")));
        }
    }

    fn relation_fields(&self, table: &'a Table, relations: &[Relation<'a>], block: &mut Block) {
        // Prisma walks every foreign key once (tables by name, keys by name) and adds the
        // forward field to one model and the back-relation field to the other.
        let key = key_of(table);
        for rel in relations {
            if std::ptr::eq(rel.table, table) {
                block.fields.push(self.forward_field(rel));
            }
            if std::ptr::eq(rel.target, table) {
                block.fields.push(self.back_field(rel));
            }
        }
        for join in &self.joins {
            self.join_fields(join, &key, block);
        }
    }

    fn forward_field(&self, rel: &Relation<'_>) -> Field {
        let target_model = self.model_name(&rel.target.namespace, &rel.target.name);
        let optional = rel
            .fk
            .columns
            .iter()
            .any(|c| rel.table.column(c).is_none_or(|col| col.tpe.arity != ColumnArity::Required));
        let tpe = if optional { format!("{target_model}?") } else { target_model };
        let mut args = Vec::new();
        if rel.render_name {
            args.push(quote(&rel.name));
        }
        let fields: Vec<String> = rel.fk.columns.iter().map(|c| self.field_name(rel.table, c)).collect();
        let references: Vec<String> = rel.fk.referenced_columns.iter().map(|c| self.field_name(rel.target, c)).collect();
        args.push(format!("fields: [{}]", fields.join(", ")));
        args.push(format!("references: [{}]", references.join(", ")));
        // The field is optional if any column is nullable, but Prisma's default `onDelete` is
        // SetNull only when all of them are.
        let all_nullable = rel
            .fk
            .columns
            .iter()
            .all(|c| rel.table.column(c).is_none_or(|col| col.tpe.arity != ColumnArity::Required));
        let default_delete = if all_nullable { ForeignKeyAction::SetNull } else { ForeignKeyAction::Restrict };
        if rel.fk.on_delete != default_delete {
            args.push(format!("onDelete: {}", action_name(rel.fk.on_delete)));
        }
        if rel.fk.on_update != ForeignKeyAction::Cascade {
            args.push(format!("onUpdate: {}", action_name(rel.fk.on_update)));
        }
        if let Some(fk_name) = &rel.fk.name {
            let columns: Vec<&str> = rel.fk.columns.iter().map(String::as_str).collect();
            if self.options.flavour != Flavour::Sqlite
                && *fk_name != constraint_name(self.options.flavour, &rel.table.name, &columns, "fkey")
            {
                args.push(format!("map: {}", quote(fk_name)));
            }
        }
        let mut attrs = vec![format!("@relation({})", args.join(", "))];
        if self.ignored.contains(&key_of(rel.target)) && !self.ignored.contains(&key_of(rel.table)) {
            attrs.push("@ignore".to_owned());
        }
        Field { name: rel.forward_field.clone(), tpe, attrs, ..Field::default() }
    }

    fn back_field(&self, rel: &Relation<'_>) -> Field {
        let model = self.model_name(&rel.table.namespace, &rel.table.name);
        let one_to_one = is_unique_set(rel.table, &rel.fk.columns);
        let tpe = if one_to_one { format!("{model}?") } else { format!("{model}[]") };
        let mut attrs = Vec::new();
        if rel.render_name {
            attrs.push(format!("@relation({})", quote(&rel.name)));
        }
        Field { name: rel.back_field.clone(), tpe, attrs, ..Field::default() }
    }

    fn join_fields(&self, join: &JoinTable<'_>, key: &TableKey, block: &mut Block) {
        let (a_key, b_key) = (key_of(join.a), key_of(join.b));
        if a_key != *key && b_key != *key {
            return;
        }
        let a_model = self.model_name(&join.a.namespace, &join.a.name);
        let b_model = self.model_name(&join.b.namespace, &join.b.name);
        let pair = |x: &TableKey, y: &TableKey| if x <= y { (x.clone(), y.clone()) } else { (y.clone(), x.clone()) };
        let ambiguous = self.pair_relation_count(&pair(&a_key, &b_key)) > 1;
        // The relation name is only written where it is not the default one (`AToB`, by model
        // name) or where a self-relation needs it.
        let mut sorted = [a_model.clone(), b_model.clone()];
        sorted.sort();
        let default_name = format!("{}To{}", sorted[0], sorted[1]);
        let attrs = if a_key != b_key && !ambiguous && join.relation_name == default_name {
            Vec::new()
        } else {
            vec![format!("@relation({})", quote(&join.relation_name))]
        };
        // Field names come from the table names and are not kept on re-introspection.
        let (a_table, b_table) = (sanitize_name(&join.a.name), sanitize_name(&join.b.name));
        if a_key == b_key {
            let names = if ambiguous {
                [format!("{a_table}_{}_A", join.relation_name), format!("{a_table}_{}_B", join.relation_name)]
            } else {
                [format!("{a_table}_A"), format!("{a_table}_B")]
            };
            for name in names {
                block.fields.push(Field { name, tpe: format!("{a_model}[]"), attrs: attrs.clone(), ..Field::default() });
            }
            return;
        }
        let (other_model, other_table) = if a_key == *key { (&b_model, &b_table) } else { (&a_model, &a_table) };
        let this_model = if a_key == *key { &a_model } else { &b_model };
        // Re-introspection keeps the field names of a many-to-many relation between two
        // models, and then always names the relation.
        if let Some(kept) = self.previous_join_field(&join.relation_name, this_model, other_model) {
            let attrs = vec![format!("@relation({})", quote(&join.relation_name))];
            block.fields.push(Field { name: kept, tpe: format!("{other_model}[]"), attrs, ..Field::default() });
            return;
        }
        let name = if ambiguous { format!("{other_table}_{}", join.relation_name) } else { other_table.clone() };
        block.fields.push(Field { name, tpe: format!("{other_model}[]"), attrs, ..Field::default() });
    }

    fn previous_join_field(&self, relation_name: &str, model: &str, other: &str) -> Option<String> {
        let previous = self.previous?;
        let other_id = previous.models.iter().position(|m| m.name == other)?;
        let m = previous.models.iter().find(|m| m.name == model)?;
        m.relation_fields
            .iter()
            .find(|rf| rf.relation_name == relation_name && rf.related_model == other_id && rf.arity == dm::Arity::List && rf.fields.is_empty())
            .map(|rf| rf.name.clone())
    }

    fn pair_relation_count(&self, pair: &(TableKey, TableKey)) -> usize {
        let mut count = 0;
        let key_pair = |x: TableKey, y: TableKey| if x <= y { (x, y) } else { (y, x) };
        for table in &self.tables {
            for fk in &table.foreign_keys {
                let target = (fk.referenced_namespace.clone().or_else(|| table.namespace.clone()), fk.referenced_table.clone());
                if key_pair(key_of(table), target) == *pair {
                    count += 1;
                }
            }
        }
        count + self.joins.iter().filter(|j| key_pair(key_of(j.a), key_of(j.b)) == *pair).count()
    }

    /// A relation field named like a scalar field (or another relation field) gets the
    /// relation's name appended, as Prisma's introspection does, so the schema stays valid.
    fn fix_field_clashes(&self, block: &mut Block) {
        let mut seen: HashSet<String> = HashSet::new();
        for field in &mut block.fields {
            if seen.contains(&field.name) {
                let relation = field
                    .attrs
                    .iter()
                    .find_map(|a| a.strip_prefix("@relation(\"").and_then(|r| r.split('"').next()))
                    .map(str::to_owned);
                let mut candidate = match relation {
                    Some(r) => format!("{}_{r}", field.name),
                    None => format!("{}_relation", field.name),
                };
                while seen.contains(&candidate) {
                    candidate.push('_');
                }
                field.name = candidate;
            }
            seen.insert(field.name.clone());
        }
    }

    // --------------------------------------------------------------------------------------
    // Views and enums

    fn has_view_columns(&self, view: &sql_schema::View) -> bool {
        self.extras.view_columns.get(&(view.namespace.clone(), view.name.clone())).is_some_and(|c| !c.is_empty())
    }

    fn view_block(&self, view: &sql_schema::View) -> Block {
        let key = (view.namespace.clone(), view.name.clone());
        let name = self.model_names.get(&key).cloned().unwrap_or_else(|| sanitize_name(&view.name));
        let mut block = Block { keyword: "view", name: name.clone(), ..Block::default() };
        block.file = self.previous_model(view.namespace.as_deref(), &view.name).map(|m| m.span.file);
        let table = Table { namespace: view.namespace.clone(), name: view.name.clone(), ..Table::default() };
        let previous = self.previous_model(view.namespace.as_deref(), &view.name);
        for column in self.extras.view_columns.get(&key).into_iter().flatten() {
            let mut column = column.clone();
            // Views have no constraints: Prisma makes every view column optional.
            if column.tpe.arity == ColumnArity::Required {
                column.tpe.arity = ColumnArity::Nullable;
            }
            let mut field = self.scalar_field(&table, &column, &[], previous);
            if field.name != column.name && previous.is_none() {
                field.name = sanitize_name(&column.name);
            }
            block.fields.push(field);
        }
        if name != view.name {
            block.attrs.push(format!("@@map({})", quote(&view.name)));
        }
        if self.options.multi_schema {
            if let Some(ns) = &view.namespace {
                block.attrs.push(format!("@@schema({})", quote(ns)));
            }
        }
        block
    }

    fn enum_block(&self, e: &sql_schema::Enum) -> Block {
        let name = self.enum_names.get(&(e.namespace.clone(), e.name.clone())).cloned().unwrap_or_else(|| sanitize_name(&e.name));
        let mut block = Block { keyword: "enum", name: name.clone(), ..Block::default() };
        block.file = self.previous.and_then(|p| p.enums.iter().find(|pe| pe.database_name == e.name)).map(|pe| pe.span.file);
        for value in &e.values {
            let value_name = self.enum_value_name(&e.name, value);
            if value_name.is_empty() {
                block.fields.push(Field { commented: true, name: value.clone(), attrs: vec![format!("@map({})", quote(value))], ..Field::default() });
                continue;
            }
            let mut attrs = Vec::new();
            if value_name != *value {
                attrs.push(format!("@map({})", quote(value)));
            }
            block.fields.push(Field { name: value_name, tpe: String::new(), attrs, ..Field::default() });
        }
        if name != e.name {
            block.attrs.push(format!("@@map({})", quote(&e.name)));
        }
        if self.options.multi_schema {
            if let Some(ns) = &e.namespace {
                block.attrs.push(format!("@@schema({})", quote(ns)));
            }
        }
        block
    }
}

/// Warning items by section, in Prisma's order.
#[derive(Debug, Default)]
struct WarningLists {
    /// `(model, column)`: Prisma sorts these.
    commented_fields: Vec<(String, String)>,
    remapped_fields: Vec<String>,
    commented_values: Vec<String>,
    without_columns: Vec<String>,
    remapped_models: Vec<String>,
    remapped_values: Vec<String>,
    remapped_enums: Vec<String>,
    partitions: Vec<String>,
    inherited: Vec<String>,
    null_ordering: Vec<String>,
    rls: Vec<String>,
    checks: Vec<String>,
    deferred: Vec<String>,
    comments: Vec<String>,
    expression: Vec<String>,
}

/// Blocks grouped by their previous file, each group formatted on its own.
fn split_by_file(blocks: &[&Block]) -> Vec<(Option<usize>, String)> {
    let mut files: Vec<Option<usize>> = blocks.iter().map(|b| b.file).collect();
    files.sort_by_key(|f| f.unwrap_or(usize::MAX));
    files.dedup();
    files
        .into_iter()
        .map(|file| {
            let mut text = String::new();
            for block in blocks.iter().filter(|b| b.file == file) {
                if !text.is_empty() {
                    text.push('\n');
                }
                block.write(&mut text);
            }
            (file, psl::format::format_layout(&text))
        })
        .collect()
}

// ------------------------------------------------------------------------------------------
// Table facts

/// `_Name` with exactly columns A and B, each a foreign key, and a unique criterion on (A, B):
/// Prisma's implicit many-to-many join table.
fn join_table<'a>(schema: &'a SqlSchema, table: &'a Table) -> Option<JoinTable<'a>> {
    let relation_name = table.name.strip_prefix('_')?;
    if relation_name.is_empty() || table.columns.len() != 2 || table.foreign_keys.len() != 2 {
        return None;
    }
    let names: Vec<&str> = table.columns.iter().map(|c| c.name.as_str()).collect();
    if names != ["A", "B"] && names != ["B", "A"] {
        return None;
    }
    let ab_unique = table.indexes.iter().any(|i| i.kind == IndexKind::Unique && index_columns_are(i, &["A", "B"]))
        || table.primary_key.as_ref().is_some_and(|pk| pk.columns.iter().map(|c| c.name.as_str()).eq(["A", "B"]));
    let b_index = table.indexes.iter().any(|i| i.kind == IndexKind::Normal && index_columns_are(i, &["B"]));
    if !ab_unique || !b_index {
        return None;
    }
    let target = |column: &str| -> Option<&'a Table> {
        let fk = table.foreign_keys.iter().find(|fk| fk.columns.len() == 1 && fk.columns[0] == column)?;
        let ns = fk.referenced_namespace.clone().or_else(|| table.namespace.clone());
        schema.tables.iter().find(|t| t.name == fk.referenced_table && (t.namespace == ns || t.namespace == fk.referenced_namespace))
    };
    Some(JoinTable { relation_name: relation_name.to_owned(), a: target("A")?, b: target("B")? })
}

fn index_columns_are(index: &Index, names: &[&str]) -> bool {
    index.columns.len() == names.len() && index.columns.iter().zip(names).all(|(c, n)| c.name == *n)
}

/// A primary key or a unique index whose columns are all required and of supported types (as
/// Prisma's `has_usable_identifier`: an SQLite key over a nullable column, or over FTS5's
/// typeless columns, is no identifier).
fn has_unique_criterion(table: &Table) -> bool {
    let usable = |columns: &[IndexColumn]| {
        !columns.is_empty()
            && columns.iter().all(|c| {
                table.column(&c.name).is_some_and(|col| {
                    col.tpe.arity == ColumnArity::Required && !matches!(col.tpe.family, ColumnTypeFamily::Unsupported(_))
                })
            })
    };
    table.primary_key.iter().map(|pk| pk.columns.as_slice()).any(usable)
        || table.indexes.iter().filter(|i| i.kind == IndexKind::Unique).any(|i| usable(&i.columns))
}

/// Whether `columns` (in any order) contain the primary key or a unique index: Prisma then
/// makes the back relation one-to-one.
fn is_unique_set(table: &Table, columns: &[String]) -> bool {
    let wanted: HashSet<&str> = columns.iter().map(String::as_str).collect();
    let covered = |cols: &[IndexColumn]| !cols.is_empty() && cols.iter().all(|c| wanted.contains(c.name.as_str()));
    table.primary_key.as_ref().is_some_and(|pk| covered(&pk.columns))
        || table.indexes.iter().any(|i| i.kind == IndexKind::Unique && i.predicate.is_none() && covered(&i.columns))
}

/// The indexes to render: one unique index per column set, the one with the default name if
/// there is one (nothing to `map:`), else the first by name (as Prisma keeps `unq1` of
/// `unq1..unq3`).
fn dedup_indexes<'t>(flavour: Flavour, table: &'t Table, catalog_order: Option<&Vec<String>>) -> Vec<&'t Index> {
    let mut sorted: Vec<&Index> = table.indexes.iter().collect();
    // PostgreSQL and MySQL list indexes by name; SQLite keeps its catalog's order.
    match catalog_order {
        Some(order) => sorted.sort_by_key(|i| order.iter().position(|n| *n == i.name).unwrap_or(usize::MAX)),
        None => sorted.sort_by(|a, b| a.name.cmp(&b.name)),
    }
    let has_default_name = |index: &Index| {
        let columns: Vec<&str> = index.columns.iter().map(|c| c.name.as_str()).collect();
        index.name == constraint_name(flavour, &table.name, &columns, "key")
    };
    // Only single-column uniques compete (a field has one `@unique`); Prisma keeps every
    // compound one.
    let single_unique = |index: &Index| index.kind == IndexKind::Unique && index.columns.len() == 1;
    let mut chosen: HashMap<&str, &Index> = HashMap::new();
    for index in sorted.iter().copied().filter(|i| single_unique(i)) {
        let column = index.columns[0].name.as_str();
        match chosen.get(column) {
            Some(current) if has_default_name(current) || !has_default_name(index) => {}
            _ => {
                chosen.insert(column, index);
            }
        }
    }
    sorted
        .into_iter()
        .filter(|index| !single_unique(index) || chosen.get(index.columns[0].name.as_str()).is_some_and(|c| std::ptr::eq(*c, *index)))
        .collect()
}

fn single_unique<'i>(indexes: &[&'i Index], column: &str) -> Option<&'i Index> {
    indexes.iter().copied().find(|i| i.kind == IndexKind::Unique && i.columns.len() == 1 && i.columns[0].name == column)
}

/// `length:` then `sort:`, as the fields of `@@index([…])` and the other block attributes write them.
fn push_column_args(args: &mut Vec<String>, column: &IndexColumn) {
    if let Some(length) = column.length {
        args.push(format!("length: {length}"));
    }
    if column.sort_order == Some(SortOrder::Desc) {
        args.push("sort: Desc".to_owned());
    }
}

/// `sort:` then `length:`, as field-level `@id` and `@unique` write them.
fn push_field_args(args: &mut Vec<String>, column: &IndexColumn) {
    if column.sort_order == Some(SortOrder::Desc) {
        args.push("sort: Desc".to_owned());
    }
    if let Some(length) = column.length {
        args.push(format!("length: {length}"));
    }
}

fn attr_with_args(name: &str, args: &[String]) -> String {
    if args.is_empty() {
        name.to_owned()
    } else {
        format!("{name}({})", args.join(", "))
    }
}

fn action_name(action: ForeignKeyAction) -> &'static str {
    match action {
        ForeignKeyAction::NoAction => "NoAction",
        ForeignKeyAction::Restrict => "Restrict",
        ForeignKeyAction::Cascade => "Cascade",
        ForeignKeyAction::SetNull => "SetNull",
        ForeignKeyAction::SetDefault => "SetDefault",
    }
}

/// A PostgreSQL operator class in the schema language: Prisma's named classes (`JsonbPathOps`,
/// `Int4MinMaxOps`, …) by name, anything else as `raw("…")`.
fn operator_class_psl(class: &str) -> String {
    let pascal: String = class
        .split('_')
        .map(|part| match part {
            "minmax" => "MinMax".to_owned(),
            _ => {
                let mut chars = part.chars();
                chars.next().map(|c| c.to_ascii_uppercase().to_string() + chars.as_str()).unwrap_or_default()
            }
        })
        .collect();
    let known = matches!(pascal.as_str(), "InetOps" | "JsonbOps" | "JsonbPathOps" | "ArrayOps" | "TextOps")
        || pascal.ends_with("MinMaxOps")
        || pascal.ends_with("MinMaxMultiOps")
        || pascal.ends_with("BloomOps")
        || pascal.ends_with("InclusionOps");
    if known {
        pascal
    } else {
        format!("raw({})", quote(class))
    }
}

/// The `@db.*` attribute (without the prefix) where the native type differs from the
/// provider's default for the field's scalar type.
fn native_type_attr(flavour: Flavour, column: &Column) -> Option<String> {
    let provider_default = match flavour {
        Flavour::Postgres => crate::postgres::pull::provider_default,
        Flavour::Mysql => crate::mysql::pull::provider_default,
        Flavour::Sqlite => return None,
    };
    let native = column.tpe.native.as_ref()?;
    (provider_default(&column.tpe.family).as_ref() != Some(native)).then(|| native_text(native))
}

/// The `@default(…)` argument for a described default, shared by the flavours; `now` is how the
/// database spells the current time on a column that is not a DateTime.
pub(crate) fn default_argument(
    column: &Column,
    kind: &sql_schema::DefaultKind,
    enum_value: &dyn Fn(&str) -> String,
    now: &str,
) -> String {
    use sql_schema::DefaultKind as K;
    match kind {
        K::Value(literal) => literal_text(literal, enum_value),
        K::Now if column.tpe.family == ColumnTypeFamily::DateTime => "now()".to_owned(),
        K::Now => dbgenerated(now),
        K::Sequence(_) => "autoincrement()".to_owned(),
        K::DbGenerated(expr) => dbgenerated(expr),
    }
}

/// `Name(args)` or `Name`.
pub(crate) fn native_text(native: &sql_schema::NativeType) -> String {
    if native.args.is_empty() {
        native.name.clone()
    } else {
        format!("{}({})", native.name, native.args.join(", "))
    }
}

/// A literal default in the schema language (shared by the flavours).
pub(crate) fn literal_text(literal: &sql_schema::Literal, enum_value: &dyn Fn(&str) -> String) -> String {
    use sql_schema::Literal as L;
    match literal {
        L::String(s) | L::Json(s) | L::DateTime(s) => quote(s),
        L::Int(i) => i.to_string(),
        L::Float(f) => f.clone(),
        L::Boolean(b) => b.to_string(),
        L::Enum(e) => enum_value(e),
        L::Bytes(bytes) => quote(&base64(bytes)),
        L::List(items) => {
            let items: Vec<String> = items.iter().map(|i| literal_text(i, enum_value)).collect();
            format!("[{}]", items.join(", "))
        }
    }
}

/// `dbgenerated("…")`, or `dbgenerated()` for an empty expression.
pub(crate) fn dbgenerated(expr: &str) -> String {
    if expr.is_empty() {
        "dbgenerated()".to_owned()
    } else {
        format!("dbgenerated({})", quote(expr))
    }
}

fn base64(bytes: &[u8]) -> String {
    const TABLE: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = (u32::from(chunk[0]) << 16)
            | (u32::from(*chunk.get(1).unwrap_or(&0)) << 8)
            | u32::from(*chunk.get(2).unwrap_or(&0));
        let sextets = [(n >> 18) & 63, (n >> 12) & 63, (n >> 6) & 63, n & 63];
        for (i, s) in sextets.iter().enumerate() {
            if i <= chunk.len() {
                out.push(TABLE[*s as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Reads what `pull` needs beyond the described schema (view columns with `views`, expression
/// indexes, comments, partitioned tables, …), with a constant number of queries. `schemas`: the
/// datasource's explicit PostgreSQL schemas (empty: the connection's schema).
pub fn extras(conn: &mut db::Connection, schemas: &[String], views: bool) -> Result<PullExtras, crate::describe::DescribeError> {
    let default_schema = conn.info().schema_name().unwrap_or("public").to_owned();
    let unavailable = || crate::describe::DescribeError::Catalog("the connection has no driver handle".into());
    match conn.kind() {
        db::DbKind::Postgres => {
            let explicit = !schemas.is_empty();
            let scope = if explicit { schemas.to_vec() } else { vec![default_schema] };
            crate::postgres::pull::extras(conn.postgres_client().ok_or_else(unavailable)?, &scope, explicit, views)
        }
        db::DbKind::Mysql => {
            let database = conn.info().database_name().to_owned();
            crate::mysql::pull::extras(conn.mysql_conn().ok_or_else(unavailable)?, &database)
        }
        db::DbKind::Sqlite => crate::sqlite::pull::extras(conn.sqlite_conn().ok_or_else(unavailable)?, views),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sanitizing() {
        assert_eq!(sanitize_name("1bad"), "bad");
        assert_eq!(sanitize_name("my-col"), "my_col");
        assert_eq!(sanitize_name("_CatToPost"), "CatToPost");
        assert_eq!(sanitize_enum_value("don't know"), "don_t_know");
        assert_eq!(sanitize_enum_value(""), "EMPTY_ENUM_VALUE");
    }

    #[test]
    fn names_and_literals() {
        assert_eq!(constraint_name(Flavour::Postgres, "User", &["email"], "key"), "User_email_key");
        assert_eq!(quote("a \" b\"c d"), "\"a \\\" b\\\"c d\"");
        assert_eq!(base64(&[1, 2, 3, 4]), "AQIDBA==");
        assert_eq!(operator_class_psl("jsonb_path_ops"), "JsonbPathOps");
        assert_eq!(operator_class_psl("int4_minmax_ops"), "Int4MinMaxOps");
        assert_eq!(operator_class_psl("gin_trgm_ops"), "raw(\"gin_trgm_ops\")");
    }
}
