//! Hand-built schemas and a minimal differ flavour for the diff tests.
#![allow(dead_code)]

use sql_schema::*;

/// Prisma's defaults with PostgreSQL-like capabilities, plus switches for the behaviours the
/// tests exercise. Types compare by family (a family change is risky, Int → String is not
/// castable).
#[derive(Default)]
pub struct TestFlavour {
    pub enums: bool,
    pub redefine: bool,
    pub recreate_fks: bool,
    pub inline_indexes: bool,
}

impl DiffFlavour for TestFlavour {
    fn column_type_change(
        &self,
        columns: Pair<&Column>,
        _: Pair<&SqlSchema>,
    ) -> Option<TypeChange> {
        let (p, n) = (&columns.previous.tpe, &columns.next.tpe);
        if p.family == n.family && p.native == n.native {
            return None;
        }
        match (&p.family, &n.family) {
            (ColumnTypeFamily::Int, ColumnTypeFamily::String) => Some(TypeChange::NotCastable),
            (ColumnTypeFamily::Int, ColumnTypeFamily::BigInt) => Some(TypeChange::SafeCast),
            _ => Some(TypeChange::RiskyCast),
        }
    }

    fn has_enum_types(&self) -> bool {
        self.enums
    }

    fn can_rename_foreign_key(&self) -> bool {
        true
    }

    fn redefines_changed_tables(&self) -> bool {
        self.redefine
    }

    fn should_recreate_fks_covered_by_deleted_indexes(&self) -> bool {
        self.recreate_fks
    }

    fn foreign_keys_create_indexes(&self) -> bool {
        self.recreate_fks
    }

    fn should_create_indexes_from_created_tables(&self) -> bool {
        !self.inline_indexes
    }
}

pub fn col(name: &str, family: ColumnTypeFamily, arity: ColumnArity) -> Column {
    Column {
        name: name.into(),
        tpe: ColumnType {
            family,
            arity,
            native: None,
        },
        default: None,
        auto_increment: false,
    }
}

pub fn int(name: &str) -> Column {
    col(name, ColumnTypeFamily::Int, ColumnArity::Required)
}

pub fn text(name: &str) -> Column {
    col(name, ColumnTypeFamily::String, ColumnArity::Required)
}

pub fn opt_text(name: &str) -> Column {
    col(name, ColumnTypeFamily::String, ColumnArity::Nullable)
}

pub fn with_default(mut column: Column, kind: DefaultKind) -> Column {
    column.default = Some(ColumnDefault {
        kind,
        constraint_name: None,
    });
    column
}

pub fn table(name: &str, columns: Vec<Column>, pk: &[&str]) -> Table {
    Table {
        namespace: None,
        name: name.into(),
        columns,
        primary_key: (!pk.is_empty()).then(|| PrimaryKey {
            name: Some(format!("{name}_pkey")),
            columns: pk.iter().map(|c| IndexColumn::new(c)).collect(),
        }),
        indexes: Vec::new(),
        foreign_keys: Vec::new(),
    }
}

pub fn index(name: &str, kind: IndexKind, columns: &[&str]) -> Index {
    Index {
        name: name.into(),
        kind,
        columns: columns.iter().map(|c| IndexColumn::new(c)).collect(),
        algorithm: None,
        predicate: None,
    }
}

pub fn fk(name: &str, columns: &[&str], table: &str, referenced: &[&str]) -> ForeignKey {
    ForeignKey {
        name: Some(name.into()),
        columns: columns.iter().map(|c| c.to_string()).collect(),
        referenced_namespace: None,
        referenced_table: table.into(),
        referenced_columns: referenced.iter().map(|c| c.to_string()).collect(),
        on_delete: ForeignKeyAction::Restrict,
        on_update: ForeignKeyAction::Cascade,
    }
}

pub fn schema(tables: Vec<Table>) -> SqlSchema {
    SqlSchema {
        tables,
        ..Default::default()
    }
}

/// The step names, for compact assertions.
pub fn kinds(migration: &Migration) -> Vec<&'static str> {
    migration.steps.iter().map(Step::description).collect()
}

/// `n` tables of a few columns, an index and a foreign key each; `variant` changes a column
/// in every tenth table.
pub fn generated(n: usize, variant: bool) -> SqlSchema {
    let tables = (0..n)
        .map(|i| {
            let name = format!("Table{i}");
            let mut columns = vec![
                int("id"),
                text("name"),
                opt_text("description"),
                int("parentId"),
            ];
            if variant && i % 10 == 0 {
                columns.push(opt_text("extra"));
                columns[2] = text("description");
            }
            let mut t = table(&name, columns, &["id"]);
            t.indexes.push(index(
                &format!("{name}_name_key"),
                IndexKind::Unique,
                &["name"],
            ));
            let parent = format!("Table{}", i.saturating_sub(1));
            t.foreign_keys.push(fk(
                &format!("{name}_parentId_fkey"),
                &["parentId"],
                &parent,
                &["id"],
            ));
            t
        })
        .collect();
    schema(tables)
}
