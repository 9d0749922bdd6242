//! The `strata` binary: parses arguments, runs a command, prints its report, maps errors to exit
//! codes. The only crate that prints or reads the environment.

mod args;
mod commands;
mod config;
mod interrupt;
mod output;
mod prisma_config;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = args::Cli::parse();
    interrupt::install();
    config::set_prisma_config_path(cli.config.clone());
    match commands::run(cli.command) {
        Ok(code) => ExitCode::from(code),
        Err(err) => {
            output::print_error(&err);
            ExitCode::from(output::exit_code(&err))
        }
    }
}
