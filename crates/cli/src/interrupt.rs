//! Ctrl-C (SIGINT): drop the temporary shadow databases this process created, then exit 130 as
//! Prisma does. Without this a replay interrupted mid-way would leave a
//! `prisma_migrate_shadow_db_<uuid>` database behind on the server.

use std::io::Write;
use std::time::Duration;

/// How long the clean-up may take before the process exits anyway (an unreachable server must
/// not make Ctrl-C hang).
const CLEAN_UP_LIMIT: Duration = Duration::from_secs(10);

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
    let (done, finished) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        migrate::replay::drop_live_shadow_databases();
        let _ = done.send(());
    });
    let _ = finished.recv_timeout(CLEAN_UP_LIMIT);
    let _ = err.flush();
    std::process::exit(130);
}
