//! The output of `diff`: a list of migration steps between two schemas.
//!
//! Steps name schema items by position (`usize` indexes into the `tables`, `enums`, …
//! vectors, and into a table's `columns`, `indexes` and `foreign_keys`). Each field's doc says
//! which of the two schemas it points into. A step never copies schema data, so renderers and
//! checks always read the authoritative `before` / `after`.
//!
//! The variant order of [`Step`] is Prisma's execution order, and the derived `Ord` (variant,
//! then positions) is the sort `diff` applies: keep both when adding a variant.

use crate::schema::SqlSchema;

/// A pair of the same thing in the `before` and the `after` schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Pair<T> {
    pub previous: T,
    pub next: T,
}

impl<T> Pair<T> {
    pub fn new(previous: T, next: T) -> Self {
        Pair { previous, next }
    }

    pub fn map<U>(self, mut f: impl FnMut(T) -> U) -> Pair<U> {
        Pair {
            previous: f(self.previous),
            next: f(self.next),
        }
    }

    pub fn as_ref(&self) -> Pair<&T> {
        Pair {
            previous: &self.previous,
            next: &self.next,
        }
    }
}

/// Two schemas and the steps that turn the first into the second.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Migration {
    pub before: SqlSchema,
    pub after: SqlSchema,
    pub steps: Vec<Step>,
    /// How the destructive-change check judges altered columns (set by `diff` from the flavour).
    pub alter_column_checks: AlterColumnChecks,
}

/// The destructive-change rules for an altered column differ per database in Prisma.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum AlterColumnChecks {
    /// PostgreSQL (and the generic rules): arity, scalar-to-list and cast checks.
    #[default]
    Standard,
    /// MySQL: a default-only change is safe; becoming required is the only check of an arity
    /// change; an enum change warns only about removed values.
    Mysql,
}

impl Migration {
    pub fn is_empty(&self) -> bool {
        self.steps.is_empty()
    }

    pub fn schemas(&self) -> Pair<&SqlSchema> {
        Pair::new(&self.before, &self.after)
    }
}

/// How a column type change can be carried out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TypeChange {
    /// The database converts every value.
    SafeCast,
    /// The database converts values, but some may fail or lose precision.
    RiskyCast,
    /// No conversion exists: the column is dropped and recreated.
    NotCastable,
}

/// What differs between two versions of a column. The field order is the order in which
/// renderers emit the clauses (Prisma's bit order: arity, default, type, autoincrement).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ColumnChanges {
    pub arity: bool,
    pub default: bool,
    pub type_changed: bool,
    pub autoincrement: bool,
    pub type_change: Option<TypeChange>,
}

impl ColumnChanges {
    pub fn differs_in_something(&self) -> bool {
        self.arity || self.default || self.type_changed || self.autoincrement
    }

    pub fn only_default_changed(&self) -> bool {
        self.default && !self.arity && !self.type_changed && !self.autoincrement
    }
}

/// A column by table position and column position (in the schema the field names).
pub type ColumnPos = (usize, usize);

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Step {
    /// A namespace of `after`, by name.
    CreateSchema(String),
    /// Index into `before.extensions`.
    DropExtension(usize),
    /// Index into `after.extensions`.
    CreateExtension(usize),
    AlterExtension {
        extension: Pair<usize>,
        changes: Vec<ExtensionChange>,
    },
    /// Index into `before.views`.
    DropView(usize),
    /// Index into `after.enums`.
    CreateEnum(usize),
    AlterEnum(AlterEnum),
    /// Table and foreign key positions in `before`.
    DropForeignKey {
        table: usize,
        foreign_key: usize,
    },
    /// Table and index positions in `before`.
    DropIndex {
        table: usize,
        index: usize,
    },
    AlterTable(AlterTable),
    /// Index into `before.tables`.
    DropTable(usize),
    /// Index into `before.enums`.
    DropEnum(usize),
    /// Index into `after.tables`.
    CreateTable(usize),
    RedefineTables(Vec<RedefineTable>),
    /// `table` is (position in `before` when the table already existed, position in `after`);
    /// `index` is a position in the `after` table.
    CreateIndex {
        table: (Option<usize>, usize),
        index: usize,
        from_drop_and_recreate: bool,
    },
    RenameForeignKey {
        table: Pair<usize>,
        foreign_key: Pair<usize>,
    },
    /// Table and foreign key positions in `after`.
    AddForeignKey {
        table: usize,
        foreign_key: usize,
    },
    RenameIndex {
        table: Pair<usize>,
        index: Pair<usize>,
    },
    /// An index rename done as drop + create, where the database cannot rename.
    RedefineIndex {
        table: Pair<usize>,
        index: Pair<usize>,
    },
}

impl Step {
    /// The header comment of the step in a script (`-- CreateTable`).
    pub fn description(&self) -> &'static str {
        match self {
            Step::CreateSchema(_) => "CreateSchema",
            Step::DropExtension(_) => "DropExtension",
            Step::CreateExtension(_) => "CreateExtension",
            Step::AlterExtension { .. } => "AlterExtension",
            Step::DropView(_) => "DropView",
            Step::CreateEnum(_) => "CreateEnum",
            Step::AlterEnum(_) => "AlterEnum",
            Step::DropForeignKey { .. } => "DropForeignKey",
            Step::DropIndex { .. } => "DropIndex",
            Step::AlterTable(_) => "AlterTable",
            Step::DropTable(_) => "DropTable",
            Step::DropEnum(_) => "DropEnum",
            Step::CreateTable(_) => "CreateTable",
            Step::RedefineTables(_) => "RedefineTables",
            Step::CreateIndex { .. } => "CreateIndex",
            Step::RenameForeignKey { .. } => "RenameForeignKey",
            Step::AddForeignKey { .. } => "AddForeignKey",
            Step::RenameIndex { .. } => "RenameIndex",
            Step::RedefineIndex { .. } => "RedefineIndex",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ExtensionChange {
    AlterVersion,
    AlterSchema,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct AlterEnum {
    pub enum_id: Pair<usize>,
    pub created_variants: Vec<String>,
    pub dropped_variants: Vec<String>,
    /// Columns of `before` using the enum with a default (they must lose it while the type is
    /// swapped), with the same column in `after` when it still uses the enum with a default.
    pub previous_usages_as_default: Vec<(ColumnPos, Option<ColumnPos>)>,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct AlterTable {
    pub table: Pair<usize>,
    /// In execution order.
    pub changes: Vec<TableChange>,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TableChange {
    DropPrimaryKey,
    RenamePrimaryKey,
    /// Column position in the `before` table.
    DropColumn {
        column: usize,
    },
    /// Column position in the `after` table.
    AddColumn {
        column: usize,
        has_virtual_default: bool,
    },
    AlterColumn(AlterColumn),
    DropAndRecreateColumn {
        column: Pair<usize>,
        changes: ColumnChanges,
    },
    AddPrimaryKey,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct AlterColumn {
    pub column: Pair<usize>,
    pub changes: ColumnChanges,
    pub type_change: Option<TypeChange>,
}

/// A table rebuilt as create-new / copy / drop-old / rename (SQLite).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RedefineTable {
    pub table: Pair<usize>,
    pub dropped_primary_key: bool,
    /// Column positions in the `after` table.
    pub added_columns: Vec<usize>,
    pub added_columns_with_virtual_defaults: Vec<usize>,
    /// Column positions in the `before` table.
    pub dropped_columns: Vec<usize>,
    /// Columns present in both, sorted by name (the copy statement's column order).
    pub column_pairs: Vec<(Pair<usize>, ColumnChanges, Option<TypeChange>)>,
}
