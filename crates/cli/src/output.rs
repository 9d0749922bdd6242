//! Printing: Prisma's `Error: …` layout, colour only on a terminal (anstream strips it otherwise
//! and honours `NO_COLOR`).

use std::io::Write;

use anstyle::{AnsiColor, Style};

const ERROR: Style = AnsiColor::Red.on_default().bold();

/// An error that ends the command with a specific exit code and, possibly, nothing more to say
/// (e.g. `migrate diff --exit-code` finding changes, or a cancelled prompt: 130).
#[derive(Debug)]
pub struct Exit {
    pub code: u8,
    pub message: Option<String>,
}

impl std::fmt::Display for Exit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.message.as_deref().unwrap_or(""))
    }
}

impl std::error::Error for Exit {}

pub fn exit_code(err: &anyhow::Error) -> u8 {
    err.downcast_ref::<Exit>().map_or(1, |e| e.code)
}

pub fn print_error(err: &anyhow::Error) {
    let mut stderr = anstream::stderr();
    if let Some(exit) = err.downcast_ref::<Exit>() {
        if let Some(message) = &exit.message {
            let _ = writeln!(stderr, "{message}");
        }
        return;
    }
    if let Some(Preflight(inner)) = err.downcast_ref::<Preflight>() {
        let _ = match inner.code() {
            Some(code) => writeln!(stderr, "{ERROR}Error:{ERROR:#} {code}: {inner}"),
            None => writeln!(stderr, "{ERROR}Error:{ERROR:#} {inner}"),
        };
        return;
    }
    // The engine's errors end in a newline of their own (`SchemaEngineCLI.ts`), so Prisma
    // prints a blank line after them; its CLI-side errors have none.
    let engine_newline = if is_engine_error(err) { "\n" } else { "" };
    if let Some(code) = prisma_code(err) {
        let _ = writeln!(stderr, "{ERROR}Error:{ERROR:#} {code}\n\n{}{engine_newline}", chain(err));
        return;
    }
    let _ = writeln!(stderr, "{ERROR}Error:{ERROR:#} {}{engine_newline}", chain(err));
}

/// A failed connection check before the command's work. Prisma runs it outside the schema
/// engine (`canConnectToDatabase` / `ensureDatabaseExists`) and prints `Error: P1001: <message>`.
#[derive(Debug)]
pub struct Preflight(pub migrate::MigrateError);

impl std::fmt::Display for Preflight {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for Preflight {}

/// Errors that Prisma gets from the schema engine (the migrate and database errors, except
/// reading files, which its CLI does itself).
fn is_engine_error(err: &anyhow::Error) -> bool {
    if let Some(e) = err.downcast_ref::<migrate::MigrateError>() {
        return !matches!(e, migrate::MigrateError::Io { .. });
    }
    err.downcast_ref::<db::DbError>().is_some()
}

/// Errors with a Prisma code print as `Error: P3005` and a blank line before the message.
fn prisma_code(err: &anyhow::Error) -> Option<&'static str> {
    if let Some(e) = err.downcast_ref::<migrate::MigrateError>() {
        return e.code();
    }
    err.downcast_ref::<db::DbError>().and_then(db::DbError::code)
}

/// A yes/no question on the terminal; only called when `is_interactive()`.
pub fn confirm(question: &str) -> anyhow::Result<bool> {
    let mut stdout = anstream::stdout();
    write!(stdout, "? {question} › (y/N) ")?;
    stdout.flush()?;
    let mut answer = String::new();
    std::io::stdin().read_line(&mut answer)?;
    Ok(matches!(answer.trim().to_ascii_lowercase().as_str(), "y" | "yes"))
}

/// The error and its causes, one per line, without repeating a cause the message already holds.
fn chain(err: &anyhow::Error) -> String {
    let mut out = err.to_string();
    for cause in err.chain().skip(1) {
        let text = cause.to_string();
        if !out.contains(&text) {
            out.push('\n');
            out.push_str(&text);
        }
    }
    out
}

/// Lines that Prisma prints on stdout as status (e.g. `Prisma schema loaded from …`).
pub fn info(line: &str) {
    let _ = writeln!(anstream::stdout(), "{line}");
}

/// Prisma's `Environment variables loaded from .env` lines, on stderr.
pub fn env_loaded(lines: &[String]) {
    for line in lines {
        note(line);
    }
}

/// A line Prisma writes on stderr (config and `.env` notices).
pub fn note(line: &str) {
    let _ = writeln!(anstream::stderr(), "{line}");
}

/// `Error:` in bold red, for reports built as one message.
pub fn error_label() -> String {
    format!("{ERROR}Error:{ERROR:#}")
}


/// Whether prompts may be shown: both standard input and output are terminals, and not in CI.
pub fn is_interactive() -> bool {
    use std::io::IsTerminal;
    std::io::stdin().is_terminal() && std::io::stdout().is_terminal() && std::env::var_os("CI").is_none()
}

/// Colour for diagnostics rendered by `psl`: only when stderr is a terminal and `NO_COLOR` is unset.
pub fn color_stderr() -> bool {
    use std::io::IsTerminal;
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}
