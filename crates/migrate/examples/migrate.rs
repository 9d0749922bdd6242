//! A minimal driver for the library, for manual interop checks against Prisma:
//!
//! ```text
//! cargo run -p migrate --example migrate -- deploy|status|reset <url> <migrations-dir>
//! cargo run -p migrate --example migrate -- resolve-applied|resolve-rolled-back <url> <migrations-dir> <name>
//! ```

use std::path::Path;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [command, url, dir, rest @ ..] = args.as_slice() else {
        eprintln!("usage: migrate <deploy|status|reset|resolve-applied|resolve-rolled-back> <url> <migrations-dir> [name]");
        return ExitCode::from(2);
    };
    match run(command, url, Path::new(dir), rest.first().map(String::as_str)) {
        Ok(code) => ExitCode::from(code),
        Err(err) => {
            eprintln!("Error: {}\n\n{err}", err.code().unwrap_or(""));
            ExitCode::FAILURE
        }
    }
}

fn run(command: &str, url: &str, dir: &Path, name: Option<&str>) -> Result<u8, migrate::MigrateError> {
    let base = dir.parent().unwrap_or(Path::new("."));
    let target = migrate::Target::new(url, base)?;
    let folder = migrate::MigrationsFolder::read(dir)?;
    let name = || name.unwrap_or_default();
    match command {
        "deploy" => println!("{:#?}", migrate::deploy(&target, &folder, &mut |p| eprintln!("{p:?}"))?),
        "status" => {
            let report = migrate::status(&target, &folder)?;
            println!("{report:#?}");
            return Ok(report.exit_code() as u8);
        }
        "reset" => println!("{:#?}", migrate::reset(&target, &folder, &mut |p| eprintln!("{p:?}"))?),
        "resolve-applied" => migrate::resolve_applied(&target, &folder, name())?,
        "resolve-rolled-back" => migrate::resolve_rolled_back(&target, name())?,
        other => {
            eprintln!("unknown command {other}");
            return Ok(2);
        }
    }
    Ok(0)
}
