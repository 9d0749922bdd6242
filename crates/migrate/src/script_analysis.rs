//! Decides whether a migration script can run inside one transaction together with its
//! history row, which makes a deploy killed at any moment leave either the migration applied
//! and recorded, or neither.

use db::DbKind;

/// How a script may be executed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Execution {
    /// Inside `BEGIN … COMMIT` with the history row.
    Transactional {
        /// SQLite: the script turns foreign keys off (a table redefinition). That pragma is a
        /// no-op inside a transaction, so the connection must turn them off before `BEGIN`,
        /// or `DROP TABLE` would fire `ON DELETE CASCADE` on the rows that reference it.
        foreign_keys_off: bool,
    },
    /// Prisma's sequence: insert the row, run the script, update the row.
    NonTransactional,
}

pub fn execution(kind: DbKind, script: &str) -> Execution {
    // MySQL commits implicitly around every DDL statement: a transaction would be a lie.
    if kind == DbKind::Mysql {
        return Execution::NonTransactional;
    }
    // The db crate's splitter knows the statements it will run one by one; never wrap those.
    if kind == DbKind::Postgres && db::script_needs_no_transaction(script) {
        return Execution::NonTransactional;
    }
    let statements = statement_heads(kind, script);
    if kind == DbKind::Postgres && may_control_transactions(&statements, script) {
        return Execution::NonTransactional;
    }
    let mut foreign_keys_off = false;
    for words in &statements {
        let blocks = match kind {
            DbKind::Postgres => postgres_blocks_transaction(words),
            DbKind::Sqlite => sqlite_blocks_transaction(words, &mut foreign_keys_off),
            DbKind::Mysql => true,
        };
        if blocks {
            return Execution::NonTransactional;
        }
    }
    Execution::Transactional { foreign_keys_off }
}

/// Procedures (`CALL`) and `DO` blocks may COMMIT inside their body, which PostgreSQL refuses
/// inside an explicit transaction block. Bodies are dollar-quoted, so look at the raw text.
fn may_control_transactions(statements: &[Vec<String>], script: &str) -> bool {
    let has_call = statements.iter().any(|words| words.first().is_some_and(|w| w == "CALL"));
    let has_do = statements.iter().any(|words| words.first().is_some_and(|w| w == "DO"));
    if has_call {
        return true;
    }
    if !has_do {
        return false;
    }
    let upper = script.to_uppercase();
    upper.contains("COMMIT") || upper.contains("ROLLBACK")
}

const TRANSACTION_CONTROL: &[&str] =
    &["BEGIN", "START", "COMMIT", "END", "ROLLBACK", "ABORT", "SAVEPOINT", "RELEASE", "PREPARE"];

fn postgres_blocks_transaction(words: &[String]) -> bool {
    let Some(first) = words.first() else { return false };
    if TRANSACTION_CONTROL.contains(&first.as_str()) {
        return true;
    }
    if words.iter().any(|w| w == "CONCURRENTLY") {
        return true;
    }
    let second = words.get(1).map(String::as_str).unwrap_or("");
    match first.as_str() {
        "VACUUM" | "CLUSTER" => true,
        "CREATE" | "DROP" => matches!(second, "DATABASE" | "TABLESPACE") || words.iter().take(4).any(|w| w == "SUBSCRIPTION"),
        "ALTER" => second == "SYSTEM" || (second == "SUBSCRIPTION"),
        "REINDEX" => matches!(second, "DATABASE" | "SYSTEM"),
        _ => false,
    }
}

/// PRAGMAs that keep their meaning inside a transaction.
const SQLITE_TRANSACTIONAL_PRAGMAS: &[&str] = &[
    "DEFER_FOREIGN_KEYS",
    "FOREIGN_KEY_CHECK",
    "FOREIGN_KEY_LIST",
    "TABLE_INFO",
    "TABLE_XINFO",
    "INDEX_LIST",
    "INDEX_INFO",
    "INDEX_XINFO",
    "INTEGRITY_CHECK",
    "QUICK_CHECK",
    "USER_VERSION",
    "APPLICATION_ID",
    "LEGACY_ALTER_TABLE",
];

fn sqlite_blocks_transaction(words: &[String], foreign_keys_off: &mut bool) -> bool {
    let Some(first) = words.first() else { return false };
    if TRANSACTION_CONTROL.contains(&first.as_str()) {
        return true;
    }
    match first.as_str() {
        "VACUUM" | "ATTACH" | "DETACH" => true,
        "PRAGMA" => {
            let name = words.get(1).map(String::as_str).unwrap_or("");
            // `PRAGMA main.x`: the schema name is a separate word before the dot.
            let name = name.rsplit('.').next().unwrap_or(name);
            if name == "FOREIGN_KEYS" {
                let value = words.get(2).map(String::as_str).unwrap_or("");
                if matches!(value, "OFF" | "0" | "FALSE" | "NO") {
                    *foreign_keys_off = true;
                }
                return false;
            }
            !SQLITE_TRANSACTIONAL_PRAGMAS.contains(&name)
        }
        _ => false,
    }
}

/// The first few words (upper-cased keywords / identifiers, punctuation dropped) of every
/// statement in the script. Comments, string literals, quoted identifiers and dollar-quoted
/// bodies are skipped; `;` inside `BEGIN … END` / `CASE … END` of a `CREATE` statement
/// (trigger and function bodies) does not end the statement.
pub fn statement_heads(kind: DbKind, script: &str) -> Vec<Vec<String>> {
    const HEAD_WORDS: usize = 8;
    let chars: Vec<char> = script.chars().collect();
    let mut statements = Vec::new();
    let mut words: Vec<String> = Vec::new();
    let mut all_words_in_statement = 0usize;
    let mut block_depth = 0usize;
    let mut is_create = false;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        match c {
            '-' if next == Some('-') => i = skip_until_newline(&chars, i),
            '#' if kind == DbKind::Mysql => i = skip_until_newline(&chars, i),
            '/' if next == Some('*') => i = skip_block_comment(&chars, i, kind == DbKind::Postgres),
            '\'' => i = skip_quoted(&chars, i, '\''),
            '"' => i = skip_quoted(&chars, i, '"'),
            '`' => i = skip_quoted(&chars, i, '`'),
            '[' if kind == DbKind::Sqlite => i = skip_quoted(&chars, i, ']'),
            '$' if kind == DbKind::Postgres => i = skip_dollar_quoted(&chars, i),
            ';' if block_depth == 0 => {
                if !words.is_empty() {
                    statements.push(std::mem::take(&mut words));
                }
                all_words_in_statement = 0;
                is_create = false;
                i += 1;
            }
            c if c.is_alphanumeric() || c == '_' => {
                let start = i;
                while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_' || chars[i] == '.') {
                    i += 1;
                }
                let word: String = chars[start..i].iter().collect::<String>().to_uppercase();
                if all_words_in_statement == 0 {
                    is_create = word == "CREATE";
                }
                all_words_in_statement += 1;
                if is_create {
                    match word.as_str() {
                        "BEGIN" | "CASE" => block_depth += 1,
                        "END" => block_depth = block_depth.saturating_sub(1),
                        _ => {}
                    }
                }
                if words.len() < HEAD_WORDS {
                    words.push(word);
                }
            }
            _ => i += 1,
        }
    }
    if !words.is_empty() {
        statements.push(words);
    }
    statements
}

fn skip_until_newline(chars: &[char], mut i: usize) -> usize {
    while i < chars.len() && chars[i] != '\n' {
        i += 1;
    }
    i
}

fn skip_block_comment(chars: &[char], mut i: usize, nested: bool) -> usize {
    let mut depth = 0usize;
    while i < chars.len() {
        if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
            depth = if nested { depth + 1 } else { 1 };
            i += 2;
        } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
            depth -= 1;
            i += 2;
            if depth == 0 {
                return i;
            }
        } else {
            i += 1;
        }
    }
    i
}

/// Skips a quoted run; a doubled closing quote is an escaped quote.
fn skip_quoted(chars: &[char], mut i: usize, close: char) -> usize {
    i += 1;
    while i < chars.len() {
        if chars[i] == close {
            if chars.get(i + 1) == Some(&close) && close != ']' {
                i += 2;
                continue;
            }
            return i + 1;
        }
        // Backslash escapes (MySQL strings, PostgreSQL E'' strings): skipping the next
        // character is harmless for standard strings except `'\'`, which is rare in DDL.
        i += 1;
    }
    i
}

/// `$tag$ … $tag$`; a lone `$` (e.g. `$1`) is just skipped.
fn skip_dollar_quoted(chars: &[char], i: usize) -> usize {
    let mut j = i + 1;
    while j < chars.len() && (chars[j].is_alphanumeric() || chars[j] == '_') {
        j += 1;
    }
    if chars.get(j) != Some(&'$') || chars[i + 1..j].first().is_some_and(|c| c.is_ascii_digit()) {
        return i + 1;
    }
    let tag: Vec<char> = chars[i..=j].to_vec();
    let mut k = j + 1;
    while k + tag.len() <= chars.len() {
        if chars[k..k + tag.len()] == tag[..] {
            return k + tag.len();
        }
        k += 1;
    }
    chars.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tx(kind: DbKind, script: &str) -> bool {
        matches!(execution(kind, script), Execution::Transactional { .. })
    }

    #[test]
    fn plain_ddl_is_transactional() {
        let script = "-- CreateTable\nCREATE TABLE \"A\" (\"id\" INTEGER NOT NULL);\n\n-- CreateIndex\nCREATE INDEX \"a\" ON \"A\"(\"id\");\n";
        assert!(tx(DbKind::Postgres, script));
        assert!(tx(DbKind::Sqlite, script));
        assert!(!tx(DbKind::Mysql, script));
    }

    #[test]
    fn transaction_control_and_concurrently_are_not() {
        assert!(!tx(DbKind::Postgres, "BEGIN;\nCREATE TABLE a (id int);\nCOMMIT;"));
        assert!(!tx(DbKind::Postgres, "CREATE INDEX CONCURRENTLY a_idx ON a(id);"));
        assert!(!tx(DbKind::Postgres, "DROP INDEX CONCURRENTLY a_idx;"));
        assert!(!tx(DbKind::Postgres, "VACUUM;"));
        assert!(!tx(DbKind::Sqlite, "BEGIN TRANSACTION; CREATE TABLE a (id int); COMMIT;"));
        assert!(!tx(DbKind::Sqlite, "PRAGMA journal_mode=WAL;"));
    }

    #[test]
    fn procedures_and_committing_do_blocks_are_not() {
        assert!(!tx(DbKind::Postgres, "CALL refresh_all();"));
        assert!(!tx(DbKind::Postgres, "DO $$ BEGIN PERFORM 1; COMMIT; END $$;"));
        assert!(tx(DbKind::Postgres, "DO $$ BEGIN PERFORM 1; END $$;"));
    }

    #[test]
    fn keywords_in_strings_comments_and_bodies_do_not_count() {
        let fun = "CREATE FUNCTION f() RETURNS trigger AS $$\nBEGIN\n  NEW.x := 1; RETURN NEW;\nEND;\n$$ LANGUAGE plpgsql;\n-- BEGIN;\n/* COMMIT; */ SELECT 'BEGIN; CONCURRENTLY';";
        assert!(tx(DbKind::Postgres, fun));
        let trigger = "CREATE TRIGGER t AFTER INSERT ON a BEGIN\n  UPDATE b SET n = CASE WHEN n > 0 THEN n + 1 ELSE 1 END;\n  DELETE FROM c;\nEND;\nCREATE TABLE d (id int);";
        assert!(tx(DbKind::Sqlite, trigger));
        assert_eq!(statement_heads(DbKind::Sqlite, trigger).len(), 2);
    }

    #[test]
    fn sqlite_redefinitions_turn_foreign_keys_off_first() {
        let script = "PRAGMA defer_foreign_keys=ON;\nPRAGMA foreign_keys=OFF;\nCREATE TABLE \"new_A\" (\"id\" INTEGER);\nINSERT INTO \"new_A\" SELECT * FROM \"A\";\nDROP TABLE \"A\";\nALTER TABLE \"new_A\" RENAME TO \"A\";\nPRAGMA foreign_keys=ON;\nPRAGMA defer_foreign_keys=OFF;\n";
        assert_eq!(execution(DbKind::Sqlite, script), Execution::Transactional { foreign_keys_off: true });
        assert_eq!(execution(DbKind::Sqlite, "PRAGMA foreign_keys=off; DROP TABLE \"t\"; PRAGMA foreign_keys=on;"), Execution::Transactional { foreign_keys_off: true });
        assert_eq!(execution(DbKind::Sqlite, "CREATE TABLE a (id int);"), Execution::Transactional { foreign_keys_off: false });
    }
}
