//! `ccr-desk`: the desktop client for the CCR management API.
//!
//! The window arrives with the app shell; for now the binary answers `--help` and `--version`
//! and, run plainly, says what it is and how to reach the sandbox.

use std::io::Write as _;

use clap::Parser;

/// Desktop client for the `CeaKE` 5.2.0 container registry (CCR) management API.
#[derive(Debug, Parser)]
#[command(name = "ccr-desk", version, about, long_about = None)]
struct Args {}

fn main() {
    let _args = Args::parse();
    let mut out = std::io::stdout().lock();
    let _ = writeln!(
        out,
        "ccr-desk {}: the desktop window is not built yet.\n\
         Run the sandbox registry with: cargo run --bin ccr-sandbox -- --ephemeral",
        env!("CARGO_PKG_VERSION")
    );
}
