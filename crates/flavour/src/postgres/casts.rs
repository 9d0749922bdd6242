//! postgres: native types, and which column type changes are safe, risky or impossible
//! (Prisma's PostgreSQL cast matrix), as the differ's [`DiffFlavour`].

use sql_schema::{
    Column, ColumnArity, ColumnTypeFamily, DiffFlavour, Index, NativeType, Pair, SqlSchema,
    TypeChange,
};

/// A PostgreSQL native type, parsed from the schema's `NativeType`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum PgType {
    SmallInt,
    Integer,
    BigInt,
    Decimal(Option<(u32, u32)>),
    Money,
    Inet,
    Oid,
    Citext,
    Real,
    DoublePrecision,
    VarChar(Option<u32>),
    Char(Option<u32>),
    Text,
    ByteA,
    Timestamp(Option<u32>),
    Timestamptz(Option<u32>),
    Date,
    Time(Option<u32>),
    Timetz(Option<u32>),
    Boolean,
    Bit(Option<u32>),
    VarBit(Option<u32>),
    Uuid,
    Xml,
    Json,
    JsonB,
    /// A name outside Prisma's list, rendered as written.
    Unknown(String, Vec<String>),
}

impl PgType {
    pub(crate) fn parse(native: &NativeType) -> PgType {
        let arg = |i: usize| {
            native
                .args
                .get(i)
                .and_then(|a| a.trim().parse::<u32>().ok())
        };
        match native.name.as_str() {
            "SmallInt" => PgType::SmallInt,
            "Integer" => PgType::Integer,
            "BigInt" => PgType::BigInt,
            "Decimal" => PgType::Decimal(arg(0).map(|p| (p, arg(1).unwrap_or(0)))),
            "Money" => PgType::Money,
            "Inet" => PgType::Inet,
            "Oid" => PgType::Oid,
            "Citext" => PgType::Citext,
            "Real" => PgType::Real,
            "DoublePrecision" => PgType::DoublePrecision,
            "VarChar" => PgType::VarChar(arg(0)),
            "Char" => PgType::Char(arg(0)),
            "Text" => PgType::Text,
            "ByteA" => PgType::ByteA,
            "Timestamp" => PgType::Timestamp(arg(0)),
            "Timestamptz" => PgType::Timestamptz(arg(0)),
            "Date" => PgType::Date,
            "Time" => PgType::Time(arg(0)),
            "Timetz" => PgType::Timetz(arg(0)),
            "Boolean" => PgType::Boolean,
            "Bit" => PgType::Bit(arg(0)),
            "VarBit" => PgType::VarBit(arg(0)),
            "Uuid" => PgType::Uuid,
            "Xml" => PgType::Xml,
            "Json" => PgType::Json,
            "JsonB" => PgType::JsonB,
            other => PgType::Unknown(other.to_owned(), native.args.clone()),
        }
    }
}

/// The PostgreSQL differ hooks.
#[derive(Debug, Clone, Copy, Default)]
pub struct PostgresDiffFlavour;

/// PostGIS keeps these (as tables or views); they are never ours to migrate.
const POSTGIS_TABLES: &[&str] = &[
    "spatial_ref_sys",
    "geometry_columns",
    "geography_columns",
    "raster_columns",
    "raster_overviews",
];

impl DiffFlavour for PostgresDiffFlavour {
    fn column_type_change(
        &self,
        columns: Pair<&Column>,
        schemas: Pair<&SqlSchema>,
    ) -> Option<TypeChange> {
        let enums = Pair::new(
            enum_key(columns.previous, schemas.previous),
            enum_key(columns.next, schemas.next),
        );
        match (enums.previous, enums.next) {
            (Some(p), Some(n)) if p == n => return None,
            (Some(_), _) | (_, Some(_)) => return Some(TypeChange::NotCastable),
            (None, None) => {}
        }
        postgres_column_type_change(columns)
    }

    fn has_enum_types(&self) -> bool {
        true
    }

    fn can_rename_foreign_key(&self) -> bool {
        true
    }

    fn indexes_match(&self, previous: &Index, next: &Index) -> bool {
        let algorithm = |i: &Index| {
            i.algorithm
                .as_deref()
                .unwrap_or("BTree")
                .to_ascii_lowercase()
        };
        let algo = algorithm(previous);
        // A schema often leaves out the operator class the database reports: the type's default.
        // Describe reports no class on BTree and Hash indexes (as Prisma's describer), so a class
        // written there is not compared. Prisma 6.19.3 recreates such an index on every diff;
        // that endless drift is not copied.
        let compared = !matches!(algo.as_str(), "btree" | "hash");
        let same_class = |a: &Option<String>, b: &Option<String>| match (a, b) {
            _ if !compared => true,
            (Some(a), Some(b)) => a == b,
            (None, None) => true,
            (None, Some(c)) | (Some(c), None) => is_default_operator_class(&algo, c),
        };
        algo == algorithm(next)
            && previous
                .columns
                .iter()
                .zip(&next.columns)
                .all(|(a, b)| same_class(&a.operator_class, &b.operator_class))
    }

    fn indexes_should_be_recreated_after_column_drop(&self) -> bool {
        true
    }

    fn table_should_be_ignored(&self, name: &str) -> bool {
        POSTGIS_TABLES.iter().any(|t| t.eq_ignore_ascii_case(name))
    }

    fn string_matches_bytes(&self, string: &str, bytes: &[u8]) -> bool {
        let Some(hex) = string.strip_prefix("\\x") else {
            return false;
        };
        hex.len() == bytes.len() * 2
            && hex.is_ascii()
            && bytes
                .iter()
                .enumerate()
                .all(|(i, b)| u8::from_str_radix(&hex[i * 2..i * 2 + 2], 16) == Ok(*b))
    }
}

/// Whether PostgreSQL picks this operator class when an index names none (`pg_opclass.opcdefault`
/// for the types Prisma indexes). Unknown names are taken as explicit choices.
fn is_default_operator_class(algorithm: &str, class: &str) -> bool {
    match algorithm {
        "gin" => matches!(class, "jsonb_ops" | "array_ops" | "tsvector_ops"),
        "gist" => matches!(
            class,
            "tsvector_ops"
                | "tsquery_ops"
                | "range_ops"
                | "multirange_ops"
                | "point_ops"
                | "box_ops"
                | "poly_ops"
                | "circle_ops"
        ),
        "spgist" => matches!(
            class,
            "inet_ops" | "text_ops" | "range_ops" | "quad_point_ops" | "box_ops" | "poly_ops"
        ),
        "brin" => class.ends_with("_minmax_ops") || class.ends_with("_inclusion_ops"),
        _ => false,
    }
}

/// The (namespace, name) of the enum a column uses, if it is an enum column.
fn enum_key<'a>(column: &'a Column, schema: &'a SqlSchema) -> Option<(Option<&'a str>, &'a str)> {
    let ColumnTypeFamily::Enum(name) = &column.tpe.family else {
        return None;
    };
    let namespace = schema
        .enums
        .iter()
        .find(|e| &e.name == name)
        .and_then(|e| e.namespace.as_deref());
    Some((namespace, name.as_str()))
}

fn postgres_column_type_change(columns: Pair<&Column>) -> Option<TypeChange> {
    use TypeChange::*;
    let arities = columns.map(|c| c.tpe.arity);
    let list_to_scalar = arities.previous == ColumnArity::List && arities.next != ColumnArity::List;
    let scalar_to_list = arities.previous != ColumnArity::List && arities.next == ColumnArity::List;
    let types = columns.map(|c| c.tpe.native.as_ref().map(PgType::parse));

    match (&types.previous, &types.next) {
        (_, Some(PgType::Text) | Some(PgType::VarChar(None))) if list_to_scalar => Some(SafeCast),
        (_, Some(PgType::VarChar(_)) | Some(PgType::Char(_))) if list_to_scalar => Some(RiskyCast),
        _ if scalar_to_list || list_to_scalar => Some(NotCastable),
        (Some(previous), Some(next)) => native_type_change(previous, next),
        (None, Some(_)) | (Some(_), None) => Some(RiskyCast),
        // Unsupported types carry no native type: compare the database's spelling.
        (None, None) if columns.previous.tpe.family == columns.next.tpe.family => None,
        (None, None) => Some(RiskyCast),
    }
}

/// Prisma's PostgreSQL cast matrix. `None` means no change at all.
fn native_type_change(previous: &PgType, next: &PgType) -> Option<TypeChange> {
    use PgType::*;
    use TypeChange::*;

    if previous == next {
        return None;
    }
    let next_is_char = matches!(next, Char(_));
    // Fits the rendered value in a `(VAR)CHAR(len)`; an unsized CHAR holds one character.
    let string_of = |min_len: u32| match next {
        VarChar(Some(len)) | Char(Some(len)) if *len < min_len => RiskyCast,
        Char(None) => RiskyCast,
        _ => SafeCast,
    };

    let change = match previous {
        Inet | Money if matches!(next, Citext | Text | VarChar(_)) => SafeCast,
        Inet => NotCastable,
        Money => RiskyCast,
        Citext => match next {
            Text | VarChar(_) => SafeCast,
            _ => RiskyCast,
        },
        Oid => match next {
            Text | VarChar(_) | BigInt | Integer => SafeCast,
            _ => NotCastable,
        },
        SmallInt => match next {
            Integer | BigInt | Real | DoublePrecision | Text => SafeCast,
            Decimal(Some((p, s))) if p.saturating_sub(*s) < 3 => RiskyCast,
            Decimal(_) => SafeCast,
            VarChar(_) | Char(_) => string_of(4),
            _ => NotCastable,
        },
        Integer => match next {
            SmallInt => RiskyCast,
            BigInt | Real | DoublePrecision | Text => SafeCast,
            Decimal(Some((p, s))) if p.saturating_sub(*s) < 10 => RiskyCast,
            Decimal(_) => SafeCast,
            VarChar(_) | Char(_) => string_of(11),
            _ => NotCastable,
        },
        BigInt => match next {
            SmallInt | Integer => RiskyCast,
            Real | DoublePrecision | Text => SafeCast,
            Decimal(Some((p, s))) if p.saturating_sub(*s) < 19 => RiskyCast,
            Decimal(_) => SafeCast,
            VarChar(_) | Char(_) => string_of(20),
            _ => NotCastable,
        },
        Decimal(old) => decimal_change(*old, next),
        Real => match next {
            SmallInt | Integer | BigInt | Decimal(_) => RiskyCast,
            DoublePrecision | Text => SafeCast,
            VarChar(_) | Char(_) => string_of(47),
            _ => NotCastable,
        },
        DoublePrecision => match next {
            SmallInt | Integer | BigInt | Decimal(_) | Real => RiskyCast,
            Text => SafeCast,
            VarChar(_) | Char(_) => string_of(317),
            _ => NotCastable,
        },
        VarChar(old) => match next {
            Text => SafeCast,
            VarChar(new) | Char(new) => match (old, new) {
                (None, None) if next_is_char => RiskyCast,
                (None, Some(_)) => RiskyCast,
                (Some(1), None) => SafeCast,
                (Some(_), None) if next_is_char => RiskyCast,
                (Some(o), Some(n)) if o > n => RiskyCast,
                _ => SafeCast,
            },
            _ => NotCastable,
        },
        Char(old) => match next {
            Text => SafeCast,
            VarChar(new) | Char(new) => match (old, new) {
                (None, _) | (Some(1), None) => SafeCast,
                (Some(_), None) if next_is_char => RiskyCast,
                (Some(o), Some(n)) if o > n => RiskyCast,
                _ => SafeCast,
            },
            _ => NotCastable,
        },
        Text => match next {
            VarChar(None) | Citext => SafeCast,
            VarChar(_) | Char(_) => RiskyCast,
            _ => NotCastable,
        },
        ByteA => match next {
            Text | VarChar(None) => SafeCast,
            VarChar(Some(len)) | Char(Some(len)) if *len > 2 => RiskyCast,
            _ => NotCastable,
        },
        Timestamp(a) => match next {
            Text | VarChar(None) => SafeCast,
            Char(Some(len)) | VarChar(Some(len)) if *len > 22 => SafeCast,
            Timestamp(None) => return None,
            Timestamp(Some(b)) if a.is_none() || *a == Some(*b) => return None,
            Timestamp(_) | Timestamptz(_) | Date | Time(_) | Timetz(_) => SafeCast,
            _ => NotCastable,
        },
        Timestamptz(a) => match next {
            Text | VarChar(None) => SafeCast,
            Char(Some(len)) | VarChar(Some(len)) if *len > 27 => SafeCast,
            Timestamptz(None) => return None,
            Timestamptz(Some(b)) if a.is_none() || *a == Some(*b) => return None,
            Timestamp(_) | Timestamptz(_) | Date | Time(_) | Timetz(_) => SafeCast,
            _ => NotCastable,
        },
        Date => match next {
            Text | VarChar(None) => SafeCast,
            Char(Some(len)) | VarChar(Some(len)) if *len > 27 => SafeCast,
            Timestamp(_) | Timestamptz(_) => SafeCast,
            _ => NotCastable,
        },
        Time(a) => match next {
            Text | VarChar(None) => SafeCast,
            Char(Some(len)) | VarChar(Some(len)) if *len > 13 => SafeCast,
            Time(None) => return None,
            Time(Some(b)) if a.is_none() || *a == Some(*b) => return None,
            Timetz(_) => SafeCast,
            _ => NotCastable,
        },
        Timetz(a) => match next {
            Text | VarChar(None) => SafeCast,
            Char(Some(len)) | VarChar(Some(len)) if *len > 18 => SafeCast,
            Timetz(None) => return None,
            Timetz(Some(b)) if a.is_none() || *a == Some(*b) => return None,
            Timetz(_) | Time(_) => SafeCast,
            _ => NotCastable,
        },
        Boolean => match next {
            Text | VarChar(_) => SafeCast,
            Char(Some(len)) if *len > 4 => SafeCast,
            Char(Some(len)) if *len > 3 => RiskyCast,
            _ => NotCastable,
        },
        Bit(None) => match next {
            Text | VarChar(_) | Char(_) | VarBit(_) => SafeCast,
            _ => NotCastable,
        },
        Bit(Some(len)) => match next {
            Text | VarChar(None) | VarBit(None) => SafeCast,
            VarChar(Some(n)) | VarBit(Some(n)) | Char(Some(n)) if n >= len => SafeCast,
            _ => NotCastable,
        },
        VarBit(None) => match next {
            Text | VarChar(None) => SafeCast,
            VarChar(_) | Char(_) | Bit(_) => RiskyCast,
            _ => NotCastable,
        },
        VarBit(Some(len)) => match next {
            Text | VarChar(None) | VarBit(None) => SafeCast,
            VarBit(Some(n)) if n > len => SafeCast,
            VarChar(Some(n)) | Char(Some(n)) if n >= len => SafeCast,
            Bit(Some(n)) if n <= len => RiskyCast,
            Bit(None) | Char(_) | VarChar(_) => RiskyCast,
            _ => NotCastable,
        },
        Uuid => match next {
            Text | VarChar(None) => SafeCast,
            VarChar(Some(len)) | Char(Some(len)) if *len > 31 => SafeCast,
            _ => NotCastable,
        },
        Xml => match next {
            Text | VarChar(None) => SafeCast,
            VarChar(_) | Char(_) => RiskyCast,
            _ => NotCastable,
        },
        Json => match next {
            Text | JsonB | VarChar(None) => SafeCast,
            VarChar(_) | Char(_) => RiskyCast,
            _ => NotCastable,
        },
        JsonB => match next {
            Text | Json | VarChar(None) => SafeCast,
            VarChar(_) | Char(_) => RiskyCast,
            _ => NotCastable,
        },
        Unknown(..) => RiskyCast,
    };
    Some(change)
}

fn decimal_change(old: Option<(u32, u32)>, next: &PgType) -> TypeChange {
    use PgType::*;
    use TypeChange::*;

    let to_int = |max_digits: u32| match old {
        None => RiskyCast,
        Some((_, s)) if s > 0 => RiskyCast,
        Some((p, _)) if p > max_digits => RiskyCast,
        _ => SafeCast,
    };
    match next {
        SmallInt => to_int(2),
        Integer => to_int(9),
        BigInt => to_int(18),
        Decimal(new) => match (old, new) {
            (Some(_), None) => SafeCast,
            (None, Some((p, s))) if *p < 131072 || *s < 16383 => RiskyCast,
            (Some((po, so)), Some((pn, sn)))
                if po.saturating_sub(so) > pn.saturating_sub(*sn) || so > *sn =>
            {
                RiskyCast
            }
            _ => SafeCast,
        },
        Real | DoublePrecision => RiskyCast,
        VarChar(len) | Char(len) => match (len, old) {
            (Some(len), Some((p, 0))) if p + 1 > *len => RiskyCast,
            (Some(len), Some((p, s))) if s > 0 && p + 2 > *len => RiskyCast,
            (Some(len), None) if *len < 131073 => RiskyCast,
            (None, _) if matches!(next, Char(_)) => RiskyCast,
            _ => SafeCast,
        },
        Text => SafeCast,
        _ => NotCastable,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sql_schema::{IndexColumn, IndexKind};

    fn gin(class: Option<&str>) -> Index {
        let mut column = IndexColumn::new("properties");
        column.operator_class = class.map(Into::into);
        Index {
            name: "i".into(),
            kind: IndexKind::Normal,
            columns: vec![column],
            algorithm: Some("Gin".into()),
            predicate: None,
        }
    }

    #[test]
    fn default_operator_classes_match_none() {
        let flavour = PostgresDiffFlavour;
        assert!(flavour.indexes_match(&gin(None), &gin(Some("jsonb_ops"))));
        assert!(flavour.indexes_match(&gin(Some("jsonb_ops")), &gin(None)));
        assert!(!flavour.indexes_match(&gin(None), &gin(Some("jsonb_path_ops"))));
        assert!(!flavour.indexes_match(&gin(Some("jsonb_ops")), &gin(Some("jsonb_path_ops"))));
    }

    #[test]
    fn btree_operator_classes_are_not_compared() {
        let flavour = PostgresDiffFlavour;
        let btree = |class: Option<&str>| Index { algorithm: None, ..gin(class) };
        assert!(flavour.indexes_match(&btree(Some("text_pattern_ops")), &btree(None)));
        assert!(flavour.indexes_match(&btree(None), &btree(Some("varchar_pattern_ops"))));
    }

    fn change(
        previous: &str,
        previous_args: &[&str],
        next: &str,
        next_args: &[&str],
    ) -> Option<TypeChange> {
        native_type_change(
            &PgType::parse(&NativeType::new(previous, previous_args)),
            &PgType::parse(&NativeType::new(next, next_args)),
        )
    }

    #[test]
    fn cast_matrix_samples() {
        assert_eq!(
            change("Integer", &[], "BigInt", &[]),
            Some(TypeChange::SafeCast)
        );
        assert_eq!(
            change("BigInt", &[], "Integer", &[]),
            Some(TypeChange::RiskyCast)
        );
        assert_eq!(
            change("Integer", &[], "Timestamp", &["3"]),
            Some(TypeChange::NotCastable)
        );
        assert_eq!(
            change("VarChar", &["10"], "VarChar", &["5"]),
            Some(TypeChange::RiskyCast)
        );
        assert_eq!(
            change("VarChar", &["5"], "Text", &[]),
            Some(TypeChange::SafeCast)
        );
        assert_eq!(change("Timestamp", &[], "Timestamp", &["3"]), None);
        assert_eq!(
            change("Decimal", &["65", "30"], "Decimal", &["10", "2"]),
            Some(TypeChange::RiskyCast)
        );
        assert_eq!(change("Text", &[], "Text", &[]), None);
    }
}
