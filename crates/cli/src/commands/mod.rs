//! One module per command family. Each returns the process exit code on success; errors are
//! printed by `main`.

mod context;
mod db;
mod dev;
mod diff;
mod migrate;
mod pull;
mod push;
mod schema;
mod seed;

use crate::args::{Command, DbCommand, MigrateCommand};

pub fn run(command: Command) -> anyhow::Result<u8> {
    match command {
        Command::Validate(args) => schema::validate(&args),
        Command::Format(args) => schema::format(&args),
        Command::Migrate(cmd) => run_migrate(cmd),
        Command::Db(cmd) => run_db(cmd),
    }
}

fn run_migrate(cmd: MigrateCommand) -> anyhow::Result<u8> {
    match cmd {
        MigrateCommand::Deploy(args) => migrate::deploy(&args),
        MigrateCommand::Status(args) => migrate::status(&args),
        MigrateCommand::Resolve(args) => migrate::resolve(&args),
        MigrateCommand::Reset(args) => migrate::reset(&args),
        MigrateCommand::Diff(args) => diff::diff(&args),
        MigrateCommand::Dev(args) => dev::dev(&args),
    }
}

fn run_db(cmd: DbCommand) -> anyhow::Result<u8> {
    match cmd {
        DbCommand::Execute(args) => db::execute(&args),
        DbCommand::Push(args) => push::push(&args),
        DbCommand::Pull(args) => pull::pull(&args),
        DbCommand::Seed(args) => seed::seed(&args),
    }
}
