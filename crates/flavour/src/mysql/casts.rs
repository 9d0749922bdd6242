//! mysql: native types, and which column type changes are safe, risky or impossible
//! (Prisma's MySQL cast matrix), as the differ's [`DiffFlavour`].

use sql_schema::{
    AlterColumnChecks, Column, ColumnTypeFamily, DiffFlavour, NativeType, Pair, SqlSchema,
    TypeChange,
};

/// The kind of a MySQL native type; the parameters live in [`MyType`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum K {
    Int,
    UnsignedInt,
    SmallInt,
    UnsignedSmallInt,
    TinyInt,
    UnsignedTinyInt,
    MediumInt,
    UnsignedMediumInt,
    BigInt,
    UnsignedBigInt,
    Decimal,
    Float,
    Double,
    Bit,
    Char,
    VarChar,
    Binary,
    VarBinary,
    TinyBlob,
    Blob,
    MediumBlob,
    LongBlob,
    TinyText,
    Text,
    MediumText,
    LongText,
    Date,
    Time,
    DateTime,
    Timestamp,
    Year,
    Json,
}

/// A MySQL native type: kind, length / precision argument, decimal precision and scale.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct MyType {
    pub(crate) kind: K,
    pub(crate) arg: Option<u32>,
    pub(crate) decimal: Option<(u32, u32)>,
}

impl MyType {
    /// None for a name outside Prisma's list.
    pub(crate) fn parse(native: &NativeType) -> Option<MyType> {
        let arg = |i: usize| {
            native
                .args
                .get(i)
                .and_then(|a| a.trim().parse::<u32>().ok())
        };
        let kind = match native.name.as_str() {
            "Int" => K::Int,
            "UnsignedInt" => K::UnsignedInt,
            "SmallInt" => K::SmallInt,
            "UnsignedSmallInt" => K::UnsignedSmallInt,
            "TinyInt" => K::TinyInt,
            "UnsignedTinyInt" => K::UnsignedTinyInt,
            "MediumInt" => K::MediumInt,
            "UnsignedMediumInt" => K::UnsignedMediumInt,
            "BigInt" => K::BigInt,
            "UnsignedBigInt" => K::UnsignedBigInt,
            "Decimal" => K::Decimal,
            "Float" => K::Float,
            "Double" => K::Double,
            "Bit" => K::Bit,
            "Char" => K::Char,
            "VarChar" => K::VarChar,
            "Binary" => K::Binary,
            "VarBinary" => K::VarBinary,
            "TinyBlob" => K::TinyBlob,
            "Blob" => K::Blob,
            "MediumBlob" => K::MediumBlob,
            "LongBlob" => K::LongBlob,
            "TinyText" => K::TinyText,
            "Text" => K::Text,
            "MediumText" => K::MediumText,
            "LongText" => K::LongText,
            "Date" => K::Date,
            "Time" => K::Time,
            "DateTime" => K::DateTime,
            "Timestamp" => K::Timestamp,
            "Year" => K::Year,
            "Json" => K::Json,
            _ => return None,
        };
        let decimal = (kind == K::Decimal)
            .then(|| arg(0).map(|p| (p, arg(1).unwrap_or(0))))
            .flatten();
        Some(MyType {
            kind,
            arg: if kind == K::Decimal { None } else { arg(0) },
            decimal,
        })
    }
}

/// The MySQL / MariaDB differ hooks.
#[derive(Debug, Clone, Copy, Default)]
pub struct MysqlDiffFlavour {
    /// MariaDB: JSON is an alias of LONGTEXT, and indexes cannot be renamed.
    pub is_mariadb: bool,
}

impl DiffFlavour for MysqlDiffFlavour {
    /// MySQL drops an index with the last of its columns: a dropped-and-recreated column needs
    /// its indexes created again, as Prisma's MySQL differ does.
    fn indexes_should_be_recreated_after_column_drop(&self) -> bool {
        true
    }

    fn column_type_change(
        &self,
        columns: Pair<&Column>,
        schemas: Pair<&SqlSchema>,
    ) -> Option<TypeChange> {
        let natives = columns.map(|c| c.tpe.native.as_ref().and_then(MyType::parse));
        if self.is_mariadb && is_mariadb_json_alias(columns, &natives) {
            return None;
        }

        let values = |c: &Column, s: &SqlSchema| match &c.tpe.family {
            ColumnTypeFamily::Enum(name) => Some(
                s.enums
                    .iter()
                    .find(|e| &e.name == name)
                    .map(|e| e.values.clone())
                    .unwrap_or_default(),
            ),
            _ => None,
        };
        match (
            values(columns.previous, schemas.previous),
            values(columns.next, schemas.next),
        ) {
            (Some(p), Some(n)) if p == n => return None,
            (Some(p), Some(n)) => {
                let keeps_all = p.iter().all(|v| n.contains(v));
                return Some(if keeps_all {
                    TypeChange::SafeCast
                } else {
                    TypeChange::RiskyCast
                });
            }
            (Some(_), None) | (None, Some(_)) => return Some(TypeChange::RiskyCast),
            (None, None) => {}
        }

        // As Prisma's MySQL differ: without a native type on both sides (an `Unsupported`
        // column) no type change is seen at all, whatever the families.
        match (&natives.previous, &natives.next) {
            (Some(p), Some(n)) => native_type_change(p, n),
            _ => None,
        }
    }

    fn can_rename_foreign_key(&self) -> bool {
        false
    }

    fn can_rename_index(&self) -> bool {
        !self.is_mariadb
    }

    fn can_cope_with_foreign_key_column_becoming_non_nullable(&self) -> bool {
        false
    }

    fn should_create_indexes_from_created_tables(&self) -> bool {
        false
    }

    fn should_ignore_json_defaults(&self) -> bool {
        true
    }

    fn should_recreate_fks_covered_by_deleted_indexes(&self) -> bool {
        true
    }

    fn foreign_keys_create_indexes(&self) -> bool {
        true
    }

    fn alter_column_checks(&self) -> AlterColumnChecks {
        AlterColumnChecks::Mysql
    }
}

fn is_mariadb_json_alias(columns: Pair<&Column>, natives: &Pair<Option<MyType>>) -> bool {
    match (&natives.previous, &natives.next) {
        (Some(p), Some(n)) => p.kind == K::LongText && n.kind == K::Json,
        _ => {
            columns.previous.tpe.family == ColumnTypeFamily::String
                && columns.next.tpe.family == ColumnTypeFamily::Json
        }
    }
}

use K::*;

const TEXTS: &[K] = &[TinyText, Text, MediumText, LongText];
const BLOBS: &[K] = &[TinyBlob, Blob, MediumBlob, LongBlob];
const SIZED_STRINGS: &[K] = &[Char, VarChar, Binary, VarBinary];
const UNSIGNED: &[K] = &[
    UnsignedTinyInt,
    UnsignedSmallInt,
    UnsignedMediumInt,
    UnsignedInt,
    UnsignedBigInt,
];

fn any_of(k: K, sets: &[&[K]]) -> bool {
    sets.iter().any(|set| set.contains(&k))
}

fn is_string_like(k: K) -> bool {
    any_of(k, &[TEXTS, BLOBS, SIZED_STRINGS])
}

/// Prisma's MySQL cast matrix. `None` means no change.
fn native_type_change(previous: &MyType, next: &MyType) -> Option<TypeChange> {
    use TypeChange::*;

    let (p, n) = (previous.kind, next.kind);
    let (pa, na) = (previous.arg, next.arg);
    if previous == next {
        return None;
    }

    let change = match p {
        BigInt => match n {
            Decimal
                if next
                    .decimal
                    .is_some_and(|(pr, sc)| pr.saturating_sub(sc) >= 20) =>
            {
                SafeCast
            }
            Decimal | Date | DateTime | Timestamp | Json => NotCastable,
            Int | MediumInt | SmallInt | TinyInt | Year => RiskyCast,
            _ if UNSIGNED.contains(&n) => RiskyCast,
            _ => SafeCast,
        },
        Binary => match n {
            Binary if na > pa => SafeCast,
            Binary => RiskyCast,
            Bit if na.unwrap_or(0) >= pa.unwrap_or(0) * 8 => SafeCast,
            Date | DateTime | Json | Timestamp => NotCastable,
            BigInt | Bit | Int | SmallInt | Time | TinyInt | Year => RiskyCast,
            _ if UNSIGNED.contains(&n) => RiskyCast,
            _ => SafeCast,
        },
        Bit => match n {
            Bit if pa < na => SafeCast,
            Bit => RiskyCast,
            BigInt | UnsignedBigInt if pa == Some(64) => SafeCast,
            BigInt | UnsignedBigInt => RiskyCast,
            Binary if pa.unwrap_or(0) >= 8 * na.unwrap_or(0) => SafeCast,
            Binary => NotCastable,
            Decimal | Double | Float => RiskyCast,
            Date | DateTime | Time | Timestamp | Json => NotCastable,
            _ => SafeCast,
        },
        TinyBlob | Blob | MediumBlob | LongBlob => match n {
            _ if BLOBS.contains(&n) => SafeCast,
            Binary | Bit | Char | VarBinary | VarChar => RiskyCast,
            _ if TEXTS.contains(&n) => RiskyCast,
            _ => NotCastable,
        },
        Char | VarChar => match n {
            Char | VarChar if na == pa => SafeCast,
            _ if SIZED_STRINGS.contains(&n) && na >= pa => SafeCast,
            _ if SIZED_STRINGS.contains(&n) => RiskyCast,
            _ if any_of(n, &[TEXTS, BLOBS]) => SafeCast,
            _ => RiskyCast,
        },
        Date => match n {
            TinyInt | UnsignedTinyInt | Year | SmallInt | MediumInt | Time | Timestamp | Json
            | UnsignedMediumInt | UnsignedSmallInt => NotCastable,
            _ => SafeCast,
        },
        DateTime | Timestamp if n == p => {
            if pa < na {
                SafeCast
            } else if pa > na {
                RiskyCast
            } else {
                return None;
            }
        }
        DateTime | Timestamp => match n {
            _ if is_string_like(n) => SafeCast,
            BigInt | UnsignedBigInt => SafeCast,
            Bit if na == Some(64) => SafeCast,
            DateTime | Timestamp | Time | Date => SafeCast,
            _ => NotCastable,
        },
        Decimal => match n {
            Decimal => RiskyCast,
            _ if is_string_like(n) => SafeCast,
            DateTime | Timestamp | Date => NotCastable,
            _ => RiskyCast,
        },
        Double | Float => match n {
            Double | Float => SafeCast,
            Bit if (p == Double && na == Some(64)) || (p == Float && na.unwrap_or(0) >= 32) => {
                SafeCast
            }
            Bit => NotCastable,
            _ if SIZED_STRINGS.contains(&n) => {
                if na.unwrap_or(0) >= 32 {
                    RiskyCast
                } else {
                    NotCastable
                }
            }
            Timestamp | DateTime | Date => NotCastable,
            _ => SafeCast,
        },
        Int | MediumInt => match n {
            Bit if na.unwrap_or(0) >= 32 => SafeCast,
            Bit => RiskyCast,
            BigInt => SafeCast,
            _ if is_string_like(n) => SafeCast,
            Date | DateTime | Timestamp | Time | Json => NotCastable,
            _ => RiskyCast,
        },
        Json => match n {
            _ if is_string_like(n) => SafeCast,
            _ => NotCastable,
        },
        TinyText | Text | MediumText | LongText => match n {
            TinyText | TinyBlob => RiskyCast,
            Binary | Bit | Char | VarBinary | VarChar | Blob | MediumBlob | LongBlob | Text
            | MediumText | LongText => SafeCast,
            _ => RiskyCast,
        },
        SmallInt | TinyInt => match n {
            _ if is_string_like(n) || n == Bit => RiskyCast,
            SmallInt | MediumInt | Int | BigInt | Time => SafeCast,
            Decimal | Date | DateTime | Timestamp | Json => NotCastable,
            _ => RiskyCast,
        },
        Time if n == Time => {
            if (na.is_none() && pa.unwrap_or(0) == 0) || pa == na {
                return None;
            }
            SafeCast
        }
        Time => match n {
            Date | DateTime | Timestamp => RiskyCast,
            Json | Year => NotCastable,
            _ => SafeCast,
        },
        UnsignedTinyInt | UnsignedSmallInt | UnsignedMediumInt | UnsignedInt | UnsignedBigInt => {
            let rank = |k: K| UNSIGNED.iter().position(|u| *u == k);
            let widening = matches!(p, UnsignedTinyInt | UnsignedSmallInt) && rank(n) > rank(p);
            match n {
                _ if widening => SafeCast,
                Decimal | Date | DateTime | Timestamp | Json => NotCastable,
                _ => RiskyCast,
            }
        }
        VarBinary => match n {
            VarBinary if pa > na => RiskyCast,
            VarBinary => SafeCast,
            Blob | MediumBlob | LongBlob => SafeCast,
            Binary if na > pa => SafeCast,
            Binary | Bit | Char | LongText | MediumText | TinyBlob | Text | TinyText | VarChar => {
                RiskyCast
            }
            _ => NotCastable,
        },
        Year => match n {
            Decimal | Json => RiskyCast,
            Date | DateTime | Time | TinyInt | Timestamp | UnsignedTinyInt => NotCastable,
            _ => SafeCast,
        },
    };
    Some(change)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(
        previous: &str,
        previous_args: &[&str],
        next: &str,
        next_args: &[&str],
    ) -> Option<TypeChange> {
        let parse =
            |n: &str, a: &[&str]| MyType::parse(&NativeType::new(n, a)).expect("known type");
        native_type_change(&parse(previous, previous_args), &parse(next, next_args))
    }

    #[test]
    fn cast_matrix_samples() {
        assert_eq!(
            change("Int", &[], "BigInt", &[]),
            Some(TypeChange::SafeCast)
        );
        assert_eq!(
            change("BigInt", &[], "Int", &[]),
            Some(TypeChange::RiskyCast)
        );
        assert_eq!(
            change("Int", &[], "DateTime", &["3"]),
            Some(TypeChange::NotCastable)
        );
        assert_eq!(
            change("VarChar", &["191"], "VarChar", &["100"]),
            Some(TypeChange::RiskyCast)
        );
        assert_eq!(
            change("VarChar", &["100"], "Text", &[]),
            Some(TypeChange::SafeCast)
        );
        assert_eq!(
            change("DateTime", &["3"], "DateTime", &["6"]),
            Some(TypeChange::SafeCast)
        );
        assert_eq!(
            change("Double", &[], "VarChar", &["10"]),
            Some(TypeChange::NotCastable)
        );
        assert_eq!(
            change("UnsignedSmallInt", &[], "UnsignedInt", &[]),
            Some(TypeChange::SafeCast)
        );
        assert_eq!(change("Time", &["0"], "Time", &[]), None);
        assert_eq!(change("Json", &[], "Json", &[]), None);
    }
}
