//! The per-database hooks of the differ. Every hook has Prisma's default behaviour; a
//! flavour overrides only where its database differs.

use crate::migration::{AlterColumnChecks, Pair, TypeChange};
use crate::schema::{Column, Index, SqlSchema};

pub trait DiffFlavour {
    /// How a column's type change can be carried out; `None` when the type did not change.
    fn column_type_change(
        &self,
        columns: Pair<&Column>,
        schemas: Pair<&SqlSchema>,
    ) -> Option<TypeChange>;

    /// Whether enums are standalone types with their own steps (PostgreSQL). Elsewhere they
    /// are column types and change with the column.
    fn has_enum_types(&self) -> bool {
        false
    }

    /// Whether `ALTER INDEX … RENAME` exists; otherwise renames become drop + create.
    fn can_rename_index(&self) -> bool {
        true
    }

    fn can_rename_foreign_key(&self) -> bool;

    /// Whether a table referenced by foreign keys can be redefined without dropping them.
    fn can_redefine_tables_with_inbound_foreign_keys(&self) -> bool {
        false
    }

    /// Whether an optional foreign key column may become required while its constraint stays.
    fn can_cope_with_foreign_key_column_becoming_non_nullable(&self) -> bool {
        true
    }

    fn column_autoincrement_changed(&self, columns: Pair<&Column>) -> bool {
        columns.previous.auto_increment != columns.next.auto_increment
    }

    /// Database-specific equality of two indexes with the same columns and kind.
    fn indexes_match(&self, _previous: &Index, _next: &Index) -> bool {
        true
    }

    /// Whether dropping a column drops the indexes on it: they are then dropped before a
    /// drop-and-recreate of the column and recreated after it.
    fn indexes_should_be_recreated_after_column_drop(&self) -> bool {
        false
    }

    /// Whether table names compare case-insensitively.
    fn lower_cases_table_names(&self) -> bool {
        false
    }

    /// Whether a created table's indexes are separate `CreateIndex` steps (not inline).
    fn should_create_indexes_from_created_tables(&self) -> bool {
        true
    }

    /// Whether a dropped table's indexes are dropped first (SQLite, when redefining).
    fn should_drop_indexes_from_dropped_tables(&self) -> bool {
        false
    }

    /// Whether a dropped table's foreign keys are dropped first.
    fn should_drop_foreign_keys_from_dropped_tables(&self) -> bool {
        true
    }

    /// Whether JSON column defaults are ignored (MySQL cannot hold them).
    fn should_ignore_json_defaults(&self) -> bool {
        false
    }

    /// Whether a created table's foreign keys are separate `AddForeignKey` steps.
    fn should_push_foreign_keys_from_created_tables(&self) -> bool {
        true
    }

    /// MySQL: foreign keys whose index is dropped must be dropped and re-added around it.
    fn should_recreate_fks_covered_by_deleted_indexes(&self) -> bool {
        false
    }

    /// MySQL: a foreign key without an index gets one named after the constraint, so an
    /// index of that name on the key's columns already exists when the key does.
    fn foreign_keys_create_indexes(&self) -> bool {
        false
    }

    /// SQLite: any change but an added optional column rebuilds the table.
    fn redefines_changed_tables(&self) -> bool {
        false
    }

    /// Whether foreign keys may have no name (so renames are not tracked).
    fn has_unnamed_foreign_keys(&self) -> bool {
        false
    }

    /// System tables the differ never touches (PostGIS, SpatiaLite).
    fn table_should_be_ignored(&self, _name: &str) -> bool {
        false
    }

    /// The destructive-change rules for altered columns.
    fn alter_column_checks(&self) -> AlterColumnChecks {
        AlterColumnChecks::Standard
    }

    /// Whether a string default (as the database prints it) stands for these bytes.
    fn string_matches_bytes(&self, string: &str, bytes: &[u8]) -> bool {
        string.as_bytes() == bytes
    }
}
