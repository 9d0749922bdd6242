//! `prisma.config.ts` (Prisma 6.6+, required by Prisma 7): where a project keeps its schema path,
//! migrations folder, seed command and (7.x) datasource URLs.
//!
//! strata runs no JavaScript. It reads the object literal passed to `defineConfig(…)` (or
//! exported as default) and evaluates the value shapes projects write: string literals,
//! `env("X")`, `process.env.X`, `path.join(__dirname, …)`, `a ?? b` and `a || b`. A setting
//! written any other way is an error when a command needs it, naming the file and the flag that
//! replaces it.

use std::path::{Path, PathBuf};

use anyhow::bail;

/// The names Prisma looks for in the working directory, in its order.
const FILE_NAMES: [&str; 12] = [
    "prisma.config.ts",
    "prisma.config.mts",
    "prisma.config.cts",
    "prisma.config.js",
    "prisma.config.mjs",
    "prisma.config.cjs",
    ".config/prisma.ts",
    ".config/prisma.mts",
    ".config/prisma.cts",
    ".config/prisma.js",
    ".config/prisma.mjs",
    ".config/prisma.cjs",
];

/// A value in the configuration object, as far as it can be known without running it.
#[derive(Debug, Clone, PartialEq)]
enum Value {
    Str(String),
    /// `env("X")` or `process.env.X`.
    Env(String),
    /// `__dirname` or `import.meta.dirname`: the config file's folder.
    Dirname,
    /// `path.join(…)` / `path.resolve(…)`.
    Join(Vec<Value>),
    /// `a ?? b` and `a || b`: the first that is set and not empty.
    Or(Box<Value>, Box<Value>),
    Object(Vec<(String, Value)>),
    Array(Vec<Value>),
    /// Anything else, as written.
    Other(String),
}

#[derive(Debug)]
pub struct PrismaConfig {
    pub file: PathBuf,
    /// The file loads `.env` itself (`import "dotenv/config"`, `require("dotenv").config()`).
    pub loads_dotenv: bool,
    root: Vec<(String, Value)>,
}

impl PrismaConfig {
    /// `--config PATH`, else the first of Prisma's file names in the working directory.
    pub fn find(explicit: Option<&Path>) -> anyhow::Result<Option<PrismaConfig>> {
        let file = match explicit {
            Some(path) if !path.is_file() => bail!("Config file not found at \"{}\"", path.display()),
            Some(path) => path.to_path_buf(),
            None => match FILE_NAMES.iter().map(PathBuf::from).find(|p| p.is_file()) {
                Some(path) => path,
                None => return Ok(None),
            },
        };
        let text = std::fs::read_to_string(&file)
            .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", file.display()))?;
        PrismaConfig::parse(&text, file).map(Some)
    }

    pub fn parse(text: &str, file: PathBuf) -> anyhow::Result<PrismaConfig> {
        let tokens = tokenize(text);
        let Some(start) = config_object_start(&tokens) else {
            bail!(
                "strata cannot read {}: no `defineConfig({{ … }})` or `export default {{ … }}` object in it. Pass --schema, --migrations-dir and --url instead, or point --config at another file.",
                file.display()
            );
        };
        let mut parser = Parser { tokens: &tokens, text, pos: start };
        let Value::Object(root) = parser.object() else { unreachable!("object() returns objects") };
        let loads_dotenv = tokens.iter().any(|t| matches!(&t.tok, Tok::Str(s) if s == "dotenv/config" || s == "dotenv"));
        Ok(PrismaConfig { file, loads_dotenv, root })
    }

    /// The folder relative paths in the file start from.
    fn dir(&self) -> PathBuf {
        match self.file.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        }
    }

    /// `schema`: the schema file or folder.
    pub fn schema(&self) -> anyhow::Result<Option<PathBuf>> {
        self.path(&["schema"], "--schema")
    }

    /// `migrations.path`: the migrations folder.
    pub fn migrations_path(&self) -> anyhow::Result<Option<PathBuf>> {
        self.path(&["migrations", "path"], "--migrations-dir")
    }

    /// `migrations.seed`: the seed command.
    pub fn seed(&self) -> anyhow::Result<Option<String>> {
        self.string(&["migrations", "seed"], "package.json `prisma.seed`")
    }

    /// `datasource.url` (Prisma 7).
    pub fn datasource_url(&self) -> anyhow::Result<Option<String>> {
        self.string(&["datasource", "url"], "--url")
    }

    /// `datasource.shadowDatabaseUrl` (Prisma 7).
    pub fn shadow_database_url(&self) -> anyhow::Result<Option<String>> {
        self.string(&["datasource", "shadowDatabaseUrl"], "--shadow-database-url")
    }

    fn get(&self, keys: &[&str]) -> Option<&Value> {
        let (first, rest) = keys.split_first()?;
        let mut value = lookup(&self.root, first)?;
        for key in rest {
            let Value::Object(entries) = value else { return None };
            value = lookup(entries, key)?;
        }
        Some(value)
    }

    fn string(&self, keys: &[&str], instead: &str) -> anyhow::Result<Option<String>> {
        let Some(value) = self.get(keys) else { return Ok(None) };
        match self.eval(value) {
            Ok(result) => Ok(result),
            Err(written) => bail!(
                "strata cannot evaluate `{}: {written}` in {}: it reads string literals, env(\"VAR\"), process.env.VAR, path.join(__dirname, …), `??` and `||`. Use {instead} instead.",
                keys.join("."),
                self.file.display()
            ),
        }
    }

    fn path(&self, keys: &[&str], instead: &str) -> anyhow::Result<Option<PathBuf>> {
        Ok(self.string(keys, instead)?.map(|p| tidy(&self.dir().join(p))))
    }

    /// `Ok(None)` for an unset variable; `Err(text)` for what cannot be evaluated.
    fn eval(&self, value: &Value) -> Result<Option<String>, String> {
        match value {
            Value::Str(s) => Ok(Some(s.clone())),
            Value::Env(var) => Ok(std::env::var(var).ok()),
            Value::Dirname => {
                let cwd = std::env::current_dir().unwrap_or_default();
                Ok(Some(cwd.join(self.dir()).to_string_lossy().into_owned()))
            }
            Value::Join(parts) => {
                let mut path = PathBuf::new();
                for part in parts {
                    let Some(part) = self.eval(part)? else { return Ok(None) };
                    path.push(part);
                }
                Ok(Some(path.to_string_lossy().into_owned()))
            }
            Value::Or(a, b) => match self.eval(a)? {
                Some(s) if !s.is_empty() => Ok(Some(s)),
                _ => self.eval(b),
            },
            Value::Object(_) => Err("{ … }".to_owned()),
            Value::Array(_) => Err("[ … ]".to_owned()),
            Value::Other(text) => Err(text.clone()),
        }
    }
}

/// Without `.` components, and relative to the working directory when under it, so that
/// messages show the short path Prisma shows.
fn tidy(path: &Path) -> PathBuf {
    let clean: PathBuf = path.components().filter(|c| !matches!(c, std::path::Component::CurDir)).collect();
    let cwd = std::env::current_dir().unwrap_or_default();
    match clean.strip_prefix(&cwd) {
        Ok(rel) if !rel.as_os_str().is_empty() => rel.to_path_buf(),
        _ if clean.as_os_str().is_empty() => PathBuf::from("."),
        _ => clean,
    }
}

fn lookup<'v>(entries: &'v [(String, Value)], key: &str) -> Option<&'v Value> {
    entries.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v)
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Ident(String),
    Str(String),
    /// A template literal with `${…}` in it.
    Template,
    Punct(&'static str),
    Other,
}

#[derive(Debug)]
struct Token {
    tok: Tok,
    start: usize,
    end: usize,
}

const PUNCTS: [&str; 17] = ["...", "??", "||", "&&", "=>", "?.", "{", "}", "(", ")", "[", "]", ",", ":", ".", "!", "?"];

fn tokenize(text: &str) -> Vec<Token> {
    let bytes = text.as_bytes();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        let start = i;
        let tok = if c.is_ascii_whitespace() {
            i += 1;
            continue;
        } else if text[i..].starts_with("//") {
            i = text[i..].find('\n').map_or(bytes.len(), |n| i + n);
            continue;
        } else if text[i..].starts_with("/*") {
            i = text[i + 2..].find("*/").map_or(bytes.len(), |n| i + 2 + n + 2);
            continue;
        } else if matches!(c, b'"' | b'\'' | b'`') {
            let (tok, end) = string_literal(text, i);
            i = end;
            tok
        } else if c.is_ascii_alphanumeric() || c == b'_' || c == b'$' {
            while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_' || bytes[i] == b'$') {
                i += 1;
            }
            Tok::Ident(text[start..i].to_owned())
        } else if let Some(p) = PUNCTS.iter().find(|p| text[i..].starts_with(**p)) {
            i += p.len();
            Tok::Punct(p)
        } else {
            i += text[i..].chars().next().map_or(1, char::len_utf8);
            Tok::Other
        };
        tokens.push(Token { tok, start, end: i });
    }
    tokens
}

/// A string or template literal starting at `start`: its value and the offset after it.
fn string_literal(text: &str, start: usize) -> (Tok, usize) {
    let quote = text.as_bytes()[start] as char;
    let mut value = String::new();
    let mut chars = text[start + 1..].char_indices();
    let mut interpolated = false;
    while let Some((offset, c)) = chars.next() {
        match c {
            _ if c == quote => {
                let tok = if interpolated { Tok::Template } else { Tok::Str(value) };
                return (tok, start + 1 + offset + 1);
            }
            '\\' => match chars.next() {
                Some((_, 'n')) => value.push('\n'),
                Some((_, 't')) => value.push('\t'),
                Some((_, other)) => value.push(other),
                None => break,
            },
            '$' if quote == '`' && text[start + 1 + offset..].starts_with("${") => {
                interpolated = true;
                value.push(c);
            }
            _ => value.push(c),
        }
    }
    (Tok::Other, text.len())
}

/// The token after `defineConfig(`, or after `export default` / `module.exports =`, when it
/// opens an object.
fn config_object_start(tokens: &[Token]) -> Option<usize> {
    let opens_object = |i: usize| matches!(tokens.get(i), Some(Token { tok: Tok::Punct("{"), .. }));
    let ident = |i: usize, name: &str| matches!(tokens.get(i), Some(Token { tok: Tok::Ident(n), .. }) if n == name);
    let punct = |i: usize, p: &str| matches!(tokens.get(i), Some(Token { tok: Tok::Punct(q), .. }) if *q == p);
    for i in 0..tokens.len() {
        if ident(i, "defineConfig") && punct(i + 1, "(") && opens_object(i + 2) {
            return Some(i + 2);
        }
    }
    (0..tokens.len()).find_map(|i| {
        if ident(i, "export") && ident(i + 1, "default") && opens_object(i + 2) {
            return Some(i + 2);
        }
        let exports = ident(i, "module") && punct(i + 1, ".") && ident(i + 2, "exports");
        (exports && matches!(tokens.get(i + 3), Some(Token { tok: Tok::Other, .. })) && opens_object(i + 4)).then_some(i + 4)
    })
}

struct Parser<'t> {
    tokens: &'t [Token],
    text: &'t str,
    pos: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<&Tok> {
        self.tokens.get(self.pos).map(|t| &t.tok)
    }

    fn at(&self, p: &str) -> bool {
        matches!(self.peek(), Some(Tok::Punct(q)) if *q == p)
    }

    fn eat(&mut self, p: &str) -> bool {
        let found = self.at(p);
        if found {
            self.pos += 1;
        }
        found
    }

    /// `{ key: value, … }` starting at `{`; entries it cannot read are skipped.
    fn object(&mut self) -> Value {
        self.eat("{");
        let mut entries = Vec::new();
        while self.peek().is_some() && !self.eat("}") {
            let before = self.pos;
            if let Some(entry) = self.entry() {
                entries.push(entry);
            }
            if !self.eat(",") && !self.at("}") {
                self.skip_to_separator();
                self.eat(",");
            }
            self.ensure_progress(before);
        }
        Value::Object(entries)
    }

    fn entry(&mut self) -> Option<(String, Value)> {
        let key = match self.peek()? {
            Tok::Ident(name) | Tok::Str(name) => name.clone(),
            _ => {
                self.skip_to_separator();
                return None;
            }
        };
        self.pos += 1;
        if !self.eat(":") {
            // Shorthand `key`, or a method `key() { … }`: not evaluable.
            let start = self.pos - 1;
            self.skip_to_separator();
            return Some((key, Value::Other(self.source(start, self.pos))));
        }
        Some((key, self.expression()))
    }

    /// `a ?? b`, `a || b`, or a single operand.
    fn expression(&mut self) -> Value {
        let start = self.pos;
        let mut value = self.operand();
        while self.eat("??") || self.eat("||") {
            let right = self.operand();
            value = Value::Or(Box::new(value), Box::new(right));
        }
        if self.at(",") || self.at("}") || self.at("]") || self.at(")") || self.peek().is_none() {
            return value;
        }
        // A ternary, arithmetic or any other operator: keep the text.
        self.skip_to_separator();
        Value::Other(self.source(start, self.pos))
    }

    fn operand(&mut self) -> Value {
        let start = self.pos;
        let value = match self.peek() {
            Some(Tok::Str(s)) => {
                let s = s.clone();
                self.pos += 1;
                Value::Str(s)
            }
            Some(Tok::Punct("{")) => self.object(),
            Some(Tok::Punct("[")) => self.array(),
            Some(Tok::Punct("(")) => {
                self.pos += 1;
                let inner = self.expression();
                self.eat(")");
                inner
            }
            Some(Tok::Ident(_)) => self.reference(),
            _ => {
                self.skip_to_separator();
                return Value::Other(self.source(start, self.pos));
            }
        };
        self.eat("!");
        self.skip_type_assertion();
        value
    }

    fn array(&mut self) -> Value {
        self.eat("[");
        let mut items = Vec::new();
        while self.peek().is_some() && !self.eat("]") {
            let before = self.pos;
            items.push(self.expression());
            self.eat(",");
            self.ensure_progress(before);
        }
        Value::Array(items)
    }

    /// `a.b["c"](args)`: `env(…)`, `process.env.X`, `__dirname`, `path.join(…)`, else text.
    fn reference(&mut self) -> Value {
        let start = self.pos;
        let mut path: Vec<String> = Vec::new();
        if let Some(Tok::Ident(name)) = self.peek() {
            path.push(name.clone());
            self.pos += 1;
        }
        let mut call: Option<Vec<Value>> = None;
        while call.is_none() {
            if self.eat(".") || self.eat("?.") {
                match self.peek() {
                    Some(Tok::Ident(name)) => path.push(name.clone()),
                    _ => break,
                }
                self.pos += 1;
            } else if self.eat("[") {
                let key = match self.expression() {
                    Value::Str(key) => key,
                    _ => "[?]".to_owned(),
                };
                path.push(key);
                self.eat("]");
            } else if self.eat("(") {
                let mut args = Vec::new();
                while self.peek().is_some() && !self.eat(")") {
                    let before = self.pos;
                    args.push(self.expression());
                    self.eat(",");
                    self.ensure_progress(before);
                }
                call = Some(args);
            } else {
                break;
            }
        }
        if self.at("(") || self.at(".") || self.at("[") {
            // A chain that goes on after a call: not one of the shapes below.
            self.skip_to_separator();
            return Value::Other(self.source(start, self.pos));
        }
        let names: Vec<&str> = path.iter().map(String::as_str).collect();
        match (names.as_slice(), call) {
            (["env"], Some(args)) => match args.as_slice() {
                [Value::Str(var)] => Value::Env(var.clone()),
                _ => Value::Other(self.source(start, self.pos)),
            },
            (["process", "env", var], None) => Value::Env((*var).to_owned()),
            (["__dirname"] | ["import", "meta", "dirname"], None) => Value::Dirname,
            (["path", "join" | "resolve"] | ["join" | "resolve"] | ["path", "posix", "join" | "resolve"], Some(args)) => {
                Value::Join(args)
            }
            _ => Value::Other(self.source(start, self.pos)),
        }
    }

    /// Steps over a token nothing could read (a stray closing bracket), so that every loop ends.
    fn ensure_progress(&mut self, before: usize) {
        if self.pos == before {
            self.pos += 1;
        }
    }

    /// `as T` / `satisfies T` after an operand.
    fn skip_type_assertion(&mut self) {
        if matches!(self.peek(), Some(Tok::Ident(k)) if k == "as" || k == "satisfies") {
            self.skip_to_separator();
        }
    }

    /// Moves to the next `,`, `}`, `]` or `)` outside brackets (or past an `??` / `||` chain
    /// start, which `expression` handles).
    fn skip_to_separator(&mut self) {
        let mut depth = 0usize;
        while let Some(tok) = self.peek() {
            match tok {
                Tok::Punct("{" | "[" | "(") => depth += 1,
                Tok::Punct("}" | "]" | ")") if depth == 0 => return,
                Tok::Punct("}" | "]" | ")") => depth -= 1,
                Tok::Punct(",") if depth == 0 => return,
                _ => {}
            }
            self.pos += 1;
        }
    }

    /// The source text of tokens `from..to`.
    fn source(&self, from: usize, to: usize) -> String {
        match (self.tokens.get(from), to.checked_sub(1).and_then(|t| self.tokens.get(t))) {
            (Some(first), Some(last)) if to > from => self.text[first.start..last.end].to_owned(),
            _ => String::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> PrismaConfig {
        PrismaConfig::parse(text, PathBuf::from("app/prisma.config.ts")).expect("parses")
    }

    #[test]
    fn reads_literals_relative_to_the_config_file() {
        let config = parse(
            "import 'dotenv/config';\nimport { defineConfig } from \"prisma/config\";\n\nexport default defineConfig({\n  // the schema\n  schema: \"./schema.prisma\",\n  migrations: {\n    path: './db/migrations', /* here */\n    seed: `tsx prisma/seed.ts`,\n  },\n});\n",
        );
        assert_eq!(config.schema().unwrap(), Some(PathBuf::from("app/schema.prisma")));
        assert_eq!(config.migrations_path().unwrap(), Some(PathBuf::from("app/db/migrations")));
        assert_eq!(config.seed().unwrap().as_deref(), Some("tsx prisma/seed.ts"));
        assert_eq!(config.datasource_url().unwrap(), None);
    }

    #[test]
    fn evaluates_env_dirname_and_fallbacks() {
        std::env::set_var("STRATA_CFG_TEST_SET", "postgresql://u@h/db");
        std::env::remove_var("STRATA_CFG_TEST_UNSET");
        let config = parse(
            "import path from 'node:path'\nexport default defineConfig({\n  schema: path.join(__dirname, 'prisma'),\n  datasource: {\n    url: process.env.STRATA_CFG_TEST_UNSET || process.env.STRATA_CFG_TEST_SET!,\n    shadowDatabaseUrl: env('STRATA_CFG_TEST_UNSET') ?? 'file:./shadow.db',\n  },\n} satisfies PrismaConfig)\n",
        );
        assert_eq!(config.schema().unwrap(), Some(PathBuf::from("app/prisma")));
        assert_eq!(config.datasource_url().unwrap().as_deref(), Some("postgresql://u@h/db"));
        assert_eq!(config.shadow_database_url().unwrap().as_deref(), Some("file:./shadow.db"));
    }

    #[test]
    fn unevaluable_setting_is_an_error_only_when_needed() {
        let config = parse("export default {\n  schema: getSchemaPath(),\n  migrations: { path: `${root}/m` },\n  earlyAccess: true,\n}\n");
        let err = config.schema().unwrap_err().to_string();
        assert!(err.contains("`schema: getSchemaPath()`") && err.contains("--schema"), "{err}");
        assert!(config.migrations_path().is_err());
        assert_eq!(config.seed().unwrap(), None);
    }

    #[test]
    fn a_file_without_a_config_object_is_an_error() {
        let err = PrismaConfig::parse("export default config;\n", PathBuf::from("prisma.config.ts")).unwrap_err();
        assert!(err.to_string().contains("no `defineConfig({ … })`"), "{err}");
    }

    #[test]
    fn truncated_and_garbled_files_never_panic() {
        let sample = "import { defineConfig, env } from 'prisma/config'\nexport default defineConfig({\n  schema: path.join(__dirname, \"prisma\"), // c\n  migrations: { path: `m/${x}`, seed: 'tsx s.ts' },\n  datasource: { url: env('U') ?? process.env['V']! as string },\n  /* é */ views: [1, { a: b ? c : d }],\n})\n";
        let insertions = ["", "{", "}", "(", "\"", "'", "`", "??", "/*", "//", "é", ",", "["];
        for cut in (0..=sample.len()).filter(|&i| sample.is_char_boundary(i)) {
            for extra in insertions {
                let text = format!("{}{extra}{}", &sample[..cut], &sample[cut..]);
                if let Ok(config) = PrismaConfig::parse(&text, PathBuf::from("prisma.config.ts")) {
                    let _ = (config.schema(), config.migrations_path(), config.seed(), config.datasource_url());
                }
            }
        }
    }
}
