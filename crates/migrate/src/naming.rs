//! Names of new migration directories (spec §4.2): `YYYYMMDDHHMMSS_name` with the name
//! normalised the way Prisma's CLI does (its bundled `@sindresorhus/slugify`, separator `_`).

use crate::error::MigrateError;
use std::path::{Path, PathBuf};
use time::OffsetDateTime;

/// Longest migration name (the part after the timestamp) the CLI keeps.
pub const MAX_NAME_CHARS: usize = 200;
/// Longest name the engine accepts (P3010); it checks the name, not the directory name with its
/// timestamp (Prisma 6.19.3 writes `<timestamp>_` + 200 characters).
pub const MAX_NAME_BYTES: usize = 200;

/// `YYYYMMDDHHMMSS` in UTC.
pub fn timestamp(now: OffsetDateTime) -> String {
    let now = now.to_offset(time::UtcOffset::UTC);
    format!(
        "{:04}{:02}{:02}{:02}{:02}{:02}",
        now.year(),
        u8::from(now.month()),
        now.day(),
        now.hour(),
        now.minute(),
        now.second()
    )
}

/// The directory name for a new migration: the timestamp alone when the slug is empty.
/// P3010 when the (truncated) name is longer than 200 bytes.
pub fn directory_name(now: OffsetDateTime, name: &str) -> Result<String, MigrateError> {
    let slug: String = slugify(name).chars().take(MAX_NAME_CHARS).collect();
    if slug.len() > MAX_NAME_BYTES {
        return Err(MigrateError::MigrationNameTooLong);
    }
    let ts = timestamp(now);
    Ok(if slug.is_empty() { ts } else { format!("{ts}_{slug}") })
}

/// Creates `<migrations_dir>/<directory_name>/migration.sql`. Refuses to overwrite an existing
/// directory, with Prisma's message.
pub fn write_migration(migrations_dir: &Path, directory_name: &str, script: &str) -> Result<PathBuf, MigrateError> {
    let dir = migrations_dir.join(directory_name);
    if dir.exists() {
        return Err(MigrateError::Other(format!("The migration directory already exists at {}", dir.display())));
    }
    std::fs::create_dir_all(&dir).map_err(|err| MigrateError::io(&dir, err))?;
    let file = dir.join(crate::migrations_dir::MIGRATION_FILE);
    std::fs::write(&file, script).map_err(|err| MigrateError::io(&file, err))?;
    Ok(file)
}

/// A migration written by [`create_migration`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CreatedMigration {
    pub directory_name: String,
    pub script_path: PathBuf,
}

/// Writes a new migration as Prisma's CLI does (`createMigration.ts`): the directory
/// `<timestamp>_<slug>` with its `migration.sql`, then `migration_lock.toml` rewritten for
/// `provider`.
pub fn create_migration(
    migrations_dir: &Path,
    name: &str,
    script: &str,
    provider: &str,
    now: OffsetDateTime,
) -> Result<CreatedMigration, MigrateError> {
    let directory_name = directory_name(now, name)?;
    let script_path = write_migration(migrations_dir, &directory_name, script)?;
    crate::migrations_dir::write_lock_file(migrations_dir, provider)?;
    Ok(CreatedMigration { directory_name, script_path })
}

/// `@sindresorhus/slugify(name, { separator: '_' })` as bundled in Prisma 6.19: transliterate
/// (built-in replacements, then accents stripped), decamelize, lowercase, drop the apostrophe
/// of `'s` / `'t` contractions, runs of anything but `[a-z0-9]` collapsed to `_`, trimmed.
///
/// Known gap: the library also transliterates non-Latin scripts (Cyrillic, Greek, Arabic, …);
/// here their letters are dropped, like any other character outside `[a-z0-9]`.
pub fn slugify(input: &str) -> String {
    let transliterated = transliterate(input);
    let lowered = decamelize(&transliterated).to_lowercase();
    let contracted = drop_contraction_apostrophes(&lowered);
    let mut out = String::with_capacity(contracted.len());
    let mut pending_separator = false;
    for c in contracted.chars() {
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            if pending_separator && !out.is_empty() {
                out.push('_');
            }
            pending_separator = false;
            out.push(c);
        } else {
            pending_separator = true;
        }
    }
    out
}

fn transliterate(input: &str) -> String {
    use unicode_normalization::char::is_combining_mark;
    use unicode_normalization::UnicodeNormalization;
    let mut replaced = String::with_capacity(input.len());
    for c in input.nfc() {
        match replacement(c) {
            Some(r) => replaced.push_str(r),
            None => replaced.push(c),
        }
    }
    // Accents: decompose, drop the diacritics, recompose.
    replaced.nfd().filter(|c| !is_combining_mark(*c) && !is_spacing_diacritic(*c)).nfc().collect()
}

/// Unicode `Diacritic` characters that are not combining marks (`^`, `` ` ``, `¨`, `´`, `¸`,
/// modifier letters …), which the library removes too.
fn is_spacing_diacritic(c: char) -> bool {
    matches!(c, '^' | '`' | '\u{a8}' | '\u{af}' | '\u{b4}' | '\u{b7}' | '\u{b8}') || ('\u{2b0}'..='\u{36f}').contains(&c)
}

/// Letters the library spells out instead of stripping an accent (German umlauts, ligatures,
/// letters with strokes), and its built-in symbol replacements.
fn replacement(c: char) -> Option<&'static str> {
    Some(match c {
        '&' => " and ",
        '🦄' => " unicorn ",
        '♥' => " love ",
        'ß' => "ss",
        'ẞ' => "SS",
        'ä' => "ae",
        'Ä' => "Ae",
        'ö' => "oe",
        'Ö' => "Oe",
        'ü' => "ue",
        'Ü' => "Ue",
        'Æ' => "AE",
        'æ' => "ae",
        'Þ' => "TH",
        'þ' => "th",
        'Ð' | 'Đ' => "D",
        'ð' | 'đ' => "d",
        'Ø' => "O",
        'ø' => "o",
        'Ł' => "L",
        'ł' => "l",
        'ı' => "i",
        'Ħ' => "H",
        'ħ' => "h",
        'Ĳ' => "IJ",
        '¢' => "c",
        '¥' => "Y",
        '€' => "E",
        'ĳ' => "ij",
        _ => return None,
    })
}

/// `([a-zA-Z\d]+)'([ts])(\s|$)` → `$1$2$3`: "it's" → "its", "don't" → "dont".
fn drop_contraction_apostrophes(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    for (i, &c) in chars.iter().enumerate() {
        let after_word = i > 0 && chars[i - 1].is_ascii_alphanumeric();
        let contraction = matches!(chars.get(i + 1), Some('t' | 's'))
            && chars.get(i + 2).is_none_or(|n| n.is_whitespace());
        if c == '\'' && after_word && contraction {
            continue;
        }
        out.push(c);
    }
    out
}

/// The library's decamelize: four regex passes over ASCII letters and digits.
fn decamelize(s: &str) -> String {
    let s = split_upper_run_then_digits(s);
    let s = split_lower_then_upper_run(&s);
    let s = split_lower_then_upper(&s);
    split_upper_run_before_word(&s)
}

fn is_up(c: char) -> bool {
    c.is_ascii_uppercase()
}
fn is_low(c: char) -> bool {
    c.is_ascii_lowercase() || c.is_ascii_digit()
}

/// `/([A-Z]{2,})(\d+)/g → '$1 $2'`
fn split_upper_run_then_digits(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len() + 4);
    let mut i = 0;
    while i < chars.len() {
        let start = i;
        while i < chars.len() && is_up(chars[i]) {
            i += 1;
        }
        let run = i - start;
        out.extend(&chars[start..i]);
        if run >= 2 && i < chars.len() && chars[i].is_ascii_digit() {
            out.push(' ');
            while i < chars.len() && chars[i].is_ascii_digit() {
                out.push(chars[i]);
                i += 1;
            }
        } else if run == 0 {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

/// `/([a-z\d]+)([A-Z]{2,})/g → '$1 $2'`
fn split_lower_then_upper_run(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len() + 4);
    let mut i = 0;
    while i < chars.len() {
        if !is_low(chars[i]) {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        while i < chars.len() && is_low(chars[i]) {
            out.push(chars[i]);
            i += 1;
        }
        let upper_start = i;
        while i < chars.len() && is_up(chars[i]) {
            i += 1;
        }
        if i - upper_start >= 2 {
            out.push(' ');
        }
        out.extend(&chars[upper_start..i]);
    }
    out
}

/// `/([a-z\d])([A-Z])/g → '$1 $2'`
fn split_lower_then_upper(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 4);
    let mut prev: Option<char> = None;
    let mut prev_consumed = false;
    for c in s.chars() {
        // A match consumes both characters, so an upper case letter that ended one match
        // cannot start the next.
        if let Some(p) = prev {
            if is_low(p) && is_up(c) && !prev_consumed {
                out.push(' ');
                out.push(c);
                prev = Some(c);
                prev_consumed = true;
                continue;
            }
        }
        out.push(c);
        prev = Some(c);
        prev_consumed = false;
    }
    out
}

/// `/([A-Z]+)([A-Z][a-rt-z\d]+)/g → '$1 $2'` (an `s` right after the run does not start a
/// word, so "APIs" stays whole).
fn split_upper_run_before_word(s: &str) -> String {
    let is_word = |c: char| is_low(c) && c != 's';
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len() + 4);
    let mut i = 0;
    while i < chars.len() {
        let start = i;
        while i < chars.len() && is_up(chars[i]) {
            i += 1;
        }
        let run = i - start;
        if run >= 2 && i < chars.len() && is_word(chars[i]) {
            out.extend(&chars[start..i - 1]);
            out.push(' ');
            out.push(chars[i - 1]);
            while i < chars.len() && is_word(chars[i]) {
                out.push(chars[i]);
                i += 1;
            }
        } else if run == 0 {
            out.push(chars[i]);
            i += 1;
        } else {
            out.extend(&chars[start..i]);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    /// Expected values produced by the slugify bundled in Prisma 6.19.3's CLI.
    #[test]
    fn slugify_like_prisma() {
        let cases = [
            ("some-Draft", "some_draft"),
            ("init", "init"),
            ("Add user table", "add_user_table"),
            ("fooBar 123 $#%", "foo_bar_123"),
            ("Déjà Vu!", "deja_vu"),
            ("I ♥ Dogs & Cats", "i_love_dogs_and_cats"),
            ("Größe", "groesse"),
            ("  --__  ", ""),
            ("__init__", "init"),
            ("APIKey", "api_key"),
            ("XMLHttpRequest", "xml_http_request"),
            ("addUserIDs", "add_user_ids"),
            ("foo\\bar", "foo_bar"),
            ("it's done", "its_done"),
            ("APIs", "apis"),
            ("Æther Þing", "a_ether_t_hing"),
            ("Ünïcödé çafé", "uenicoede_cafe"),
            ("add_Column2FOO", "add_column2_foo"),
            ("v2API", "v2_api"),
            ("CamelCaseURLs", "camel_case_urls"),
        ];
        for (input, expected) in cases {
            assert_eq!(slugify(input), expected, "{input:?}");
        }
    }

    #[test]
    fn creates_migrations_like_prisma() {
        let dir = tempfile::tempdir().unwrap();
        let now = datetime!(2024-03-05 07:08:09 UTC);
        let created = create_migration(dir.path(), "Add posts", "-- x\n", "postgresql", now).unwrap();
        assert_eq!(created.directory_name, "20240305070809_add_posts");
        assert_eq!(std::fs::read_to_string(&created.script_path).unwrap(), "-- x\n");
        let lock = std::fs::read_to_string(dir.path().join("migration_lock.toml")).unwrap();
        assert_eq!(lock, crate::migrations_dir::lock_file_contents("postgresql"));
        let err = create_migration(dir.path(), "Add posts", "-- y\n", "postgresql", now).unwrap_err();
        assert!(err.to_string().starts_with("The migration directory already exists at "));
    }

    #[test]
    fn directory_names() {
        let now = datetime!(2024-03-05 07:08:09 UTC);
        assert_eq!(directory_name(now, "Add posts").unwrap(), "20240305070809_add_posts");
        assert_eq!(directory_name(now, "").unwrap(), "20240305070809");
        assert_eq!(directory_name(now, "!!!").unwrap(), "20240305070809");
        // Cut to 200 characters, then the timestamp: 215 in all, as Prisma 6.19.3 writes it.
        assert_eq!(directory_name(now, &"a".repeat(300)).unwrap(), format!("20240305070809_{}", "a".repeat(200)));
    }
}
