//! The `strata` binary: parses arguments, runs a command, prints its report, maps errors to exit
//! codes. The only crate that prints or reads the environment.

mod args;
mod commands;
mod config;
mod interrupt;
mod output;
#[allow(dead_code)] // Read by the schema, migrations, URL and seed lookup once wired in.
mod prisma_config;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = args::Cli::parse();
    interrupt::install();
    match commands::run(cli.command) {
        Ok(code) => ExitCode::from(code),
        Err(err) => {
            output::print_error(&err);
            ExitCode::from(output::exit_code(&err))
        }
    }
}
