//! Replays a migrations folder through `Connection::apply_script` on a fresh database:
//! `cargo run -p db --example replay -- <migrations dir> <server URL or file: URL>`.
//! A development aid for checking the script executor against real histories.

use std::path::Path;
use std::process::ExitCode;

use db::{Connection, ConnectionInfo, DbKind};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [dir, url] = args.as_slice() else {
        eprintln!("usage: replay <migrations dir> <database URL>");
        return ExitCode::from(2);
    };
    let mut names: Vec<_> = match std::fs::read_dir(dir) {
        Ok(entries) => entries.filter_map(Result::ok).filter(|e| e.path().join("migration.sql").exists()).map(|e| e.file_name()).collect(),
        Err(e) => {
            eprintln!("{dir}: {e}");
            return ExitCode::from(2);
        }
    };
    names.sort();
    let info = match ConnectionInfo::parse(url, Path::new(".")) {
        Ok(info) => info,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let info = match info.kind() {
        DbKind::Sqlite => info,
        _ => info.with_database(&format!("strata_replay_{}", std::process::id())),
    };
    let _ = db::drop_database(&info);
    if let Err(e) = db::create_database(&info) {
        eprintln!("{e}");
        return ExitCode::from(2);
    }
    let result = replay(&info, Path::new(dir), &names);
    let _ = db::drop_database(&info);
    match result {
        Ok(n) => {
            println!("ok: {n} migrations");
            ExitCode::SUCCESS
        }
        Err(message) => {
            println!("FAILED: {message}");
            ExitCode::FAILURE
        }
    }
}

fn replay(info: &ConnectionInfo, dir: &Path, names: &[std::ffi::OsString]) -> Result<usize, String> {
    let mut conn = Connection::connect(info).map_err(|e| e.to_string())?;
    for name in names {
        let path = dir.join(name).join("migration.sql");
        let script = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        conn.apply_script(&script).map_err(|e| {
            format!("{}: [{}] {}", name.to_string_lossy(), e.database_error_code.as_deref().unwrap_or("none"), e.database_error)
        })?;
    }
    Ok(names.len())
}
