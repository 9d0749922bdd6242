//! sqlite: which column type changes are safe or risky (SQLite converts anything, so nothing
//! is impossible), as the differ's [`DiffFlavour`]. SQLite alters almost nothing in place:
//! changed tables are redefined.

use sql_schema::{Column, ColumnTypeFamily, DiffFlavour, Pair, SqlSchema, TypeChange};

/// The SQLite differ hooks.
#[derive(Debug, Clone, Copy, Default)]
pub struct SqliteDiffFlavour;

/// SpatiaLite's bookkeeping tables (prefix match on the families it creates).
const SPATIALITE_TABLES: &[&str] = &[
    "data_licenses",
    "elementarygeometries",
    "geometry_columns",
    "geometry_columns_auth",
    "geometry_columns_field_infos",
    "geometry_columns_statistics",
    "geometry_columns_time",
    "geom_cols_ref_sys",
    "spatial_ref_sys",
    "spatial_ref_sys_aux",
    "spatialite_history",
    "sql_statements_log",
    "views_geometry_columns",
    "views_geometry_columns_auth",
    "views_geometry_columns_field_infos",
    "views_geometry_columns_statistics",
    "virts_geometry_columns",
    "virts_geometry_columns_auth",
    "virts_geometry_columns_field_infos",
    "virts_geometry_columns_statistics",
];

impl DiffFlavour for SqliteDiffFlavour {
    fn column_type_change(
        &self,
        columns: Pair<&Column>,
        _schemas: Pair<&SqlSchema>,
    ) -> Option<TypeChange> {
        match (&columns.previous.tpe.family, &columns.next.tpe.family) {
            (a, b) if a == b => None,
            (_, ColumnTypeFamily::String) => Some(TypeChange::SafeCast),
            _ => Some(TypeChange::RiskyCast),
        }
    }

    fn can_rename_foreign_key(&self) -> bool {
        false
    }

    fn can_redefine_tables_with_inbound_foreign_keys(&self) -> bool {
        true
    }

    fn can_rename_index(&self) -> bool {
        false
    }

    fn column_autoincrement_changed(&self, _columns: Pair<&Column>) -> bool {
        false
    }

    fn should_drop_indexes_from_dropped_tables(&self) -> bool {
        true
    }

    fn should_drop_foreign_keys_from_dropped_tables(&self) -> bool {
        false
    }

    fn should_push_foreign_keys_from_created_tables(&self) -> bool {
        false
    }

    fn redefines_changed_tables(&self) -> bool {
        true
    }

    fn has_unnamed_foreign_keys(&self) -> bool {
        true
    }

    fn table_should_be_ignored(&self, name: &str) -> bool {
        SPATIALITE_TABLES
            .iter()
            .any(|t| t.eq_ignore_ascii_case(name))
    }
}
