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

/// The first few words (upper-cased keywords, punctuation dropped) of every statement in the
/// script. Statement boundaries, strings (including `E'…'` escapes), quoted identifiers,
/// comments and dollar-quoted or `BEGIN … END` bodies come from the `db` crate's lexer, the
/// same one that executes the script, so a `COMMIT` can never hide inside a misread string.
pub fn statement_heads(kind: DbKind, script: &str) -> Vec<Vec<String>> {
    db::split_statements(script, kind)
        .iter()
        .map(|statement| head_words(&statement.text, kind))
        .filter(|words| !words.is_empty())
        .collect()
}

fn head_words(text: &str, kind: DbKind) -> Vec<String> {
    const HEAD_WORDS: usize = 8;
    if kind == DbKind::Sqlite {
        if let Some(words) = pragma_words(text) {
            return words;
        }
    }
    db::keywords(text, kind).into_iter().filter(|w| !w.is_empty()).take(HEAD_WORDS).collect()
}

/// `PRAGMA [schema.]name [= value | (value)]` as `["PRAGMA", "SCHEMA.NAME", "VALUE"]`: the
/// keyword lexer drops numbers, and `PRAGMA foreign_keys = 0` must still be recognised.
fn pragma_words(text: &str) -> Option<Vec<String>> {
    let text = text.trim_start();
    let rest = text.get(..6).filter(|head| head.eq_ignore_ascii_case("PRAGMA")).and(text.get(6..))?;
    let (name, value) = match rest.find(['=', '(']) {
        Some(at) => (&rest[..at], &rest[at + 1..]),
        None => (rest, ""),
    };
    let value = value.trim().trim_end_matches(')').trim().trim_matches(['\'', '"']).to_uppercase();
    let mut words = vec!["PRAGMA".to_owned(), name.trim().to_uppercase()];
    if !value.is_empty() {
        words.push(value);
    }
    Some(words)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tx(kind: DbKind, script: &str) -> bool {
        matches!(execution(kind, script), Execution::Transactional { .. })
    }

    #[test]
    fn an_escaped_quote_in_an_e_string_does_not_hide_a_commit() {
        let script = "INSERT INTO t VALUES (E'it\\'s');\nCOMMIT;\nCREATE TABLE a (id int);\n";
        assert!(!tx(DbKind::Postgres, script));
    }

    #[test]
    fn sqlite_foreign_keys_off_is_seen_with_a_number_and_a_schema() {
        for script in ["PRAGMA foreign_keys=0;", "PRAGMA main.foreign_keys = OFF;", "pragma foreign_keys=off;"] {
            assert_eq!(execution(DbKind::Sqlite, script), Execution::Transactional { foreign_keys_off: true }, "{script}");
        }
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
