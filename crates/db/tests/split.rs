//! Statement splitter cases.

use db::{script_needs_no_transaction, split_statements, statement_needs_no_transaction, DbKind};

fn texts(script: &str, kind: DbKind) -> Vec<String> {
    split_statements(script, kind).into_iter().map(|s| s.text).collect()
}

#[test]
fn simple_statements_with_offsets_and_lines() {
    let script = "CREATE TABLE a (id INT);\n\n  DROP TABLE b;\nSELECT 1";
    let stmts = split_statements(script, DbKind::Postgres);
    assert_eq!(stmts.len(), 3);
    assert_eq!(stmts[0].text, "CREATE TABLE a (id INT)");
    assert_eq!((stmts[0].start, stmts[0].line), (0, 1));
    assert_eq!(stmts[1].text, "DROP TABLE b");
    assert_eq!((stmts[1].start, stmts[1].line), (28, 3));
    assert_eq!(&script[stmts[1].start..stmts[1].start + 4], "DROP");
    assert_eq!(stmts[2].text, "SELECT 1");
    assert_eq!(stmts[2].line, 4);
}

#[test]
fn semicolons_in_strings_and_identifiers() {
    let script = r#"INSERT INTO "we;ird" VALUES ('a;b', 'it''s; fine');SELECT ';'"#;
    assert_eq!(texts(script, DbKind::Postgres), vec![r#"INSERT INTO "we;ird" VALUES ('a;b', 'it''s; fine')"#, "SELECT ';'"]);
}

#[test]
fn escape_strings_on_postgres() {
    let script = r"SELECT E'it\'s; here'; SELECT 'plain\'; SELECT 2";
    // In E'' strings a backslash escapes the quote; in standard strings it does not.
    assert_eq!(texts(script, DbKind::Postgres), vec![r"SELECT E'it\'s; here'", r"SELECT 'plain\'", "SELECT 2"]);
}

#[test]
fn comments_are_skipped_between_statements() {
    let script = "-- a comment; with semicolon\nCREATE TABLE a (id INT); -- trailing;\n/* block; */ DROP TABLE a;\n-- only a comment at the end;\n";
    assert_eq!(texts(script, DbKind::Postgres), vec!["CREATE TABLE a (id INT)", "DROP TABLE a"]);
}

#[test]
fn nested_block_comments_on_postgres() {
    let script = "/* outer /* inner; */ still comment; */ SELECT 1; SELECT 2";
    assert_eq!(texts(script, DbKind::Postgres), vec!["SELECT 1", "SELECT 2"]);
}

#[test]
fn block_comments_do_not_nest_on_mysql() {
    let script = "/* outer /* inner */ SELECT 1; SELECT 2";
    assert_eq!(texts(script, DbKind::Mysql), vec!["SELECT 1", "SELECT 2"]);
}

#[test]
fn dollar_quoted_bodies() {
    let script = "DO $$ BEGIN RAISE NOTICE 'x;'; END $$;\nCREATE FUNCTION f() RETURNS trigger AS $body$\nBEGIN\n  NEW.a := 1; -- $$ inside\n  RETURN NEW;\nEND;\n$body$ LANGUAGE plpgsql;\nSELECT 1";
    let stmts = texts(script, DbKind::Postgres);
    assert_eq!(stmts.len(), 3, "{stmts:#?}");
    assert_eq!(stmts[0], "DO $$ BEGIN RAISE NOTICE 'x;'; END $$");
    assert!(stmts[1].starts_with("CREATE FUNCTION f()") && stmts[1].ends_with("$body$ LANGUAGE plpgsql"));
    assert_eq!(stmts[2], "SELECT 1");
}

#[test]
fn dollar_tags_do_not_match_other_tags() {
    let script = "SELECT $a$ text $b$ ; still $b$ inside $a$; SELECT $1";
    assert_eq!(texts(script, DbKind::Postgres), vec!["SELECT $a$ text $b$ ; still $b$ inside $a$", "SELECT $1"]);
}

#[test]
fn positional_parameters_are_not_dollar_quotes() {
    let script = "PREPARE p AS SELECT $1, $2; EXECUTE p(1, 2)";
    assert_eq!(texts(script, DbKind::Postgres), vec!["PREPARE p AS SELECT $1, $2", "EXECUTE p(1, 2)"]);
}

#[test]
fn identifiers_with_dollars() {
    let script = "SELECT a$b$c FROM t; SELECT 2";
    assert_eq!(texts(script, DbKind::Postgres), vec!["SELECT a$b$c FROM t", "SELECT 2"]);
}

#[test]
fn begin_atomic_function_bodies() {
    let script = "CREATE FUNCTION f(a int) RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT CASE WHEN a > 0 THEN 1 ELSE 0 END; SELECT 2; END;\nSELECT 3";
    let stmts = texts(script, DbKind::Postgres);
    assert_eq!(stmts.len(), 2, "{stmts:#?}");
    assert!(stmts[0].ends_with("SELECT 2; END"));
}

#[test]
fn transaction_blocks_split_normally() {
    let script = "BEGIN;\nCREATE TABLE a (id INT);\nCOMMIT;";
    assert_eq!(texts(script, DbKind::Postgres), vec!["BEGIN", "CREATE TABLE a (id INT)", "COMMIT"]);
}

#[test]
fn sqlite_triggers_keep_their_body() {
    let script = "CREATE TABLE a (id INTEGER);\nCREATE TRIGGER t AFTER INSERT ON a BEGIN\n  UPDATE a SET id = CASE WHEN id > 0 THEN id ELSE 0 END;\n  DELETE FROM a WHERE id < 0;\nEND;\nINSERT INTO a VALUES (1);";
    let stmts = texts(script, DbKind::Sqlite);
    assert_eq!(stmts.len(), 3, "{stmts:#?}");
    assert!(stmts[1].starts_with("CREATE TRIGGER") && stmts[1].ends_with("END"));
}

#[test]
fn sqlite_quoting_forms() {
    let script = "SELECT [a;b], `c;d`, \"e;f\", 'g;h'; SELECT 2";
    assert_eq!(texts(script, DbKind::Sqlite), vec!["SELECT [a;b], `c;d`, \"e;f\", 'g;h'", "SELECT 2"]);
}

#[test]
fn mysql_quoting_and_comments() {
    let script = "SELECT 'a\\';b', \"c;\\\"d\", `e;f`; # hash comment;\nSELECT 2; -- dash comment;\nSELECT 3--4;\n";
    assert_eq!(texts(script, DbKind::Mysql), vec!["SELECT 'a\\';b', \"c;\\\"d\", `e;f`", "SELECT 2", "SELECT 3--4"]);
}

#[test]
fn empty_statements_and_unterminated_input() {
    assert_eq!(texts(";;  ;\n", DbKind::Postgres), Vec::<String>::new());
    assert_eq!(texts("SELECT 'unterminated; string", DbKind::Postgres), vec!["SELECT 'unterminated; string"]);
    assert_eq!(texts("SELECT $$ unterminated; body", DbKind::Postgres), vec!["SELECT $$ unterminated; body"]);
    assert_eq!(texts("SELECT 1 /* unterminated; comment", DbKind::Postgres), vec!["SELECT 1"]);
}

#[test]
fn multibyte_text() {
    let script = "INSERT INTO t VALUES ('héllo; wörld'); SELECT 'ß'";
    let stmts = split_statements(script, DbKind::Postgres);
    assert_eq!(stmts[0].text, "INSERT INTO t VALUES ('héllo; wörld')");
    assert_eq!(&script[stmts[1].start..], "SELECT 'ß'");
}

#[test]
fn non_transactional_statements() {
    for sql in [
        "CREATE INDEX CONCURRENTLY i ON t (a)",
        "create unique index concurrently if not exists i on t (a)",
        "DROP INDEX CONCURRENTLY i",
        "REINDEX INDEX CONCURRENTLY i",
        "REINDEX (VERBOSE) TABLE CONCURRENTLY t",
        "REINDEX DATABASE d",
        "VACUUM",
        "VACUUM (ANALYZE) t",
        "CREATE DATABASE d",
        "DROP DATABASE d",
        "ALTER SYSTEM SET work_mem = '4MB'",
        "CREATE TABLESPACE ts LOCATION '/x'",
        "ALTER TABLE p DETACH PARTITION c CONCURRENTLY",
        "/* leading comment */ CREATE INDEX CONCURRENTLY i ON t (a)",
    ] {
        assert!(statement_needs_no_transaction(sql, None), "{sql}");
    }
    for sql in [
        "CREATE INDEX i ON t (a)",
        "CREATE TABLE concurrently (a INT)",
        "COMMENT ON TABLE t IS 'CREATE INDEX CONCURRENTLY'",
        "ALTER TYPE e ADD VALUE 'x'",
        "SELECT 'VACUUM'",
        "ALTER TABLE p DETACH PARTITION c",
    ] {
        assert!(!statement_needs_no_transaction(sql, None), "{sql}");
    }
    assert!(statement_needs_no_transaction("ALTER TYPE e ADD VALUE 'x'", Some(110_005)));
    assert!(!statement_needs_no_transaction("ALTER TYPE e ADD VALUE 'x'", Some(120_000)));
    assert!(script_needs_no_transaction("CREATE TABLE t (a INT);\nCREATE INDEX CONCURRENTLY i ON t (a);"));
    assert!(!script_needs_no_transaction("CREATE TABLE t (a INT);\n-- CREATE INDEX CONCURRENTLY i ON t (a);"));
}

/// Random scripts from a hostile alphabet: the splitter never panics, and every statement is
/// the script text at its offset.
#[test]
fn random_scripts_never_panic() {
    let alphabet = ["'", "\"", "`", "$", "$a$", "$$", "\\", ";", "--", "/*", "*/", "#", "[", "]", "E'", "é", "ß", "日本", " ", "\n", "BEGIN", "END", "CASE", "ATOMIC", "CREATE", "TRIGGER", "x", "1"];
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    for _ in 0..3000 {
        let mut script = String::new();
        for _ in 0..(seed % 40) {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            script.push_str(alphabet[(seed >> 33) as usize % alphabet.len()]);
        }
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
        for kind in [DbKind::Postgres, DbKind::Mysql, DbKind::Sqlite] {
            for s in split_statements(&script, kind) {
                assert_eq!(&script[s.start..s.start + s.text.len()], s.text);
            }
            let _ = db::keywords(&script, kind);
        }
        let _ = script_needs_no_transaction(&script);
        let _ = db::format_pg_error_position(&script, (seed % 50) as usize);
    }
}

#[test]
fn pg_position_excerpt_layout() {
    let script = "a\r\nb\nc;\nd\ne\nf\ng";
    // Position 9 falls on line 4 ("d") by Prisma's count of line lengths + 1.
    let out = db::format_pg_error_position(script, 9);
    assert_eq!(out, "\n\nPosition:\n\x1b[1m  0\x1b[0m\n\x1b[1m  1\x1b[0m a\n\x1b[1m  2\x1b[0m b\n\x1b[1m  3\x1b[0m c;\n\x1b[1m  4\x1b[1;31m d\x1b[0m");
    assert_eq!(db::format_pg_error_position(script, 1000), "");
}

#[test]
fn semicolons_inside_parentheses_do_not_end_statements() {
    let rule = "CREATE RULE \"log\" AS ON INSERT TO t DO ALSO (INSERT INTO a VALUES (1); INSERT INTO b VALUES (2))";
    let script = format!("{rule};\nCREATE INDEX CONCURRENTLY i ON t (a);");
    assert_eq!(texts(&script, DbKind::Postgres), vec![rule.to_string(), "CREATE INDEX CONCURRENTLY i ON t (a)".into()]);
    // A stray `)` does not swallow later statements.
    assert_eq!(texts("SELECT 1);SELECT 2", DbKind::Postgres), vec!["SELECT 1)", "SELECT 2"]);
    // Parentheses in strings, identifiers, comments and dollar bodies do not count.
    let quoted = "SELECT '(', \"(\", $$(;$$ /* ( */;SELECT 3";
    assert_eq!(texts(quoted, DbKind::Postgres), vec!["SELECT '(', \"(\", $$(;$$", "SELECT 3"]);
}
