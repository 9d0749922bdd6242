//! Ctrl-C (SIGINT): drop the temporary shadow databases this process created, then exit 130 as
//! Prisma does. Without this a replay interrupted mid-way would leave a
//! `prisma_migrate_shadow_db_<uuid>` database behind on the server.

use std::io::Write;

/// Installs the handler (once, at start-up). Failing to install it is not fatal: the command
/// still works, it only loses the clean-up on Ctrl-C.
pub fn install() {
    let _ = ctrlc::set_handler(on_interrupt);
}

fn on_interrupt() {
    // Hold both streams so the main thread, whose replay is about to fail because its database
    // is dropped under it, cannot print that failure before the process exits.
    let stdout = std::io::stdout();
    let stderr = std::io::stderr();
    let _out = stdout.lock();
    let mut err = stderr.lock();
    migrate::replay::drop_live_shadow_databases();
    let _ = err.flush();
    std::process::exit(130);
}
