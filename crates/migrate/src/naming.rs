//! Names of new migration directories (spec §4.2): `YYYYMMDDHHMMSS_name` with the name
//! normalised the way Prisma's CLI does (`@sindresorhus/slugify` 1.x, separator `_`).

use crate::error::MigrateError;
use std::path::{Path, PathBuf};
use time::OffsetDateTime;

/// Longest migration name (the part after the timestamp) the CLI keeps.
pub const MAX_NAME_CHARS: usize = 200;
/// Longest directory name the engine accepts (P3010).
pub const MAX_DIRECTORY_NAME_BYTES: usize = 200;

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
/// P3010 when the result is longer than 200 bytes.
pub fn directory_name(now: OffsetDateTime, name: &str) -> Result<String, MigrateError> {
    let slug: String = slugify(name).chars().take(MAX_NAME_CHARS).collect();
    let ts = timestamp(now);
    let dir = if slug.is_empty() { ts } else { format!("{ts}_{slug}") };
    if dir.len() > MAX_DIRECTORY_NAME_BYTES {
        return Err(MigrateError::MigrationNameTooLong);
    }
    Ok(dir)
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

/// `@sindresorhus/slugify(name, { separator: '_' })` as of 1.1.x: built-in replacements, Latin
/// deburring, decamelize, lowercase, runs of anything else collapsed to `_`, trimmed.
/// Scripts other than Latin (and the library's Arabic/Vietnamese tables) are dropped.
pub fn slugify(input: &str) -> String {
    let replaced = transliterate(input);
    let lowered = decamelize(&replaced).to_lowercase();
    let mut out = String::with_capacity(lowered.len());
    let mut pending_separator = false;
    for c in lowered.chars() {
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
    let mut out = String::with_capacity(input.len());
    for c in input.chars() {
        match replacement(c) {
            Some(r) => out.push_str(r),
            // Combining marks disappear, as after lodash's deburr + NFKD.
            None if ('\u{300}'..='\u{36f}').contains(&c) => {}
            None => out.push(c),
        }
    }
    out
}

fn replacement(c: char) -> Option<&'static str> {
    Some(match c {
        '&' => " and ",
        '🦄' => " unicorn ",
        '♥' => " love ",
        'ß' => "ss",
        'ä' => "ae",
        'Ä' => "Ae",
        'ö' => "oe",
        'Ö' => "Oe",
        'ü' => "ue",
        'Ü' => "Ue",
        _ => return deburr(c),
    })
}

/// lodash `deburr` for Latin-1 Supplement and Latin Extended-A letters.
fn deburr(c: char) -> Option<&'static str> {
    const TABLE: &[(&str, &str)] = &[
        ("ÀÁÂÃÅĀĂĄ", "A"),
        ("àáâãåāăą", "a"),
        ("ÇĆĈĊČ", "C"),
        ("çćĉċč", "c"),
        ("ÐĎĐ", "D"),
        ("ðďđ", "d"),
        ("ÈÉÊËĒĔĖĘĚ", "E"),
        ("èéêëēĕėęě", "e"),
        ("ĜĞĠĢ", "G"),
        ("ĝğġģ", "g"),
        ("ĤĦ", "H"),
        ("ĥħ", "h"),
        ("ÌÍÎÏĨĪĬĮİ", "I"),
        ("ìíîïĩīĭįı", "i"),
        ("Ĵ", "J"),
        ("ĵ", "j"),
        ("Ķ", "K"),
        ("ķĸ", "k"),
        ("ĹĻĽĿŁ", "L"),
        ("ĺļľŀł", "l"),
        ("ÑŃŅŇŊ", "N"),
        ("ñńņňŋ", "n"),
        ("ÒÓÔÕØŌŎŐ", "O"),
        ("òóôõøōŏő", "o"),
        ("ŔŖŘ", "R"),
        ("ŕŗř", "r"),
        ("ŚŜŞŠ", "S"),
        ("śŝşšſ", "s"),
        ("ŢŤŦ", "T"),
        ("ţťŧ", "t"),
        ("ÙÚÛŨŪŬŮŰŲ", "U"),
        ("ùúûũūŭůűų", "u"),
        ("Ŵ", "W"),
        ("ŵ", "w"),
        ("ÝŶŸ", "Y"),
        ("ýÿŷ", "y"),
        ("ŹŻŽ", "Z"),
        ("źżž", "z"),
        ("Æ", "Ae"),
        ("æ", "ae"),
        ("Þ", "Th"),
        ("þ", "th"),
        ("Ĳ", "IJ"),
        ("ĳ", "ij"),
        ("Œ", "Oe"),
        ("œ", "oe"),
        ("ŉ", "'n"),
        ("×", " "),
        ("÷", " "),
    ];
    TABLE.iter().find(|(chars, _)| chars.contains(c)).map(|(_, r)| *r)
}

/// The library's decamelize: four regex passes, applied to ASCII letters and digits only.
fn decamelize(s: &str) -> String {
    let s = split_upper_run_then_lower(s);
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

/// `/([A-Z]{2,})([a-z\d]+)/g → '$1 $2'`
fn split_upper_run_then_lower(s: &str) -> String {
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
        if run >= 2 && i < chars.len() && is_low(chars[i]) {
            out.push(' ');
            while i < chars.len() && is_low(chars[i]) {
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

/// `/([A-Z]+)([A-Z][a-z\d]+)/g → '$1 $2'`
fn split_upper_run_before_word(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len() + 4);
    let mut i = 0;
    while i < chars.len() {
        let start = i;
        while i < chars.len() && is_up(chars[i]) {
            i += 1;
        }
        let run = i - start;
        let followed_by_word = i < chars.len() && is_low(chars[i]);
        if run >= 2 && followed_by_word {
            out.extend(&chars[start..i - 1]);
            out.push(' ');
            out.push(chars[i - 1]);
            while i < chars.len() && is_low(chars[i]) {
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

    #[test]
    fn slugify_like_prisma() {
        assert_eq!(slugify("some-Draft"), "some_draft");
        assert_eq!(slugify("init"), "init");
        assert_eq!(slugify("Add user table"), "add_user_table");
        assert_eq!(slugify("fooBar 123 $#%"), "foo_bar_123");
        assert_eq!(slugify("Déjà Vu!"), "deja_vu");
        assert_eq!(slugify("I ♥ Dogs & Cats"), "i_love_dogs_and_cats");
        assert_eq!(slugify("Größe"), "groesse");
        assert_eq!(slugify("  --__  "), "");
        assert_eq!(slugify("__init__"), "init");
        // 1.x's first decamelize pass splits after the whole capital run.
        assert_eq!(slugify("APIKey"), "apik_ey");
        assert_eq!(slugify("XMLHttpRequest"), "xmlh_ttp_request");
        assert_eq!(slugify("addUserIDs"), "add_user_id_s");
        assert_eq!(slugify("foo\\bar"), "foo_bar");
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
        let long = "a".repeat(300);
        let err = directory_name(now, &long).unwrap_err();
        assert_eq!(err.code(), Some("P3010"));
        assert_eq!(directory_name(now, &"a".repeat(185)).unwrap().len(), 200);
    }
}
