//! `ccr-desk`: the desktop client for the CCR management API.
//!
//! The window arrives with the app shell; for now the binary answers `--help` and `--version`.

use clap::Parser;

/// Desktop client for the `CeaKE` 5.2.0 container registry (CCR) management API.
#[derive(Debug, Parser)]
#[command(name = "ccr-desk", version, about, long_about = None)]
struct Args {}

fn main() {
    let _args = Args::parse();
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::from_default_env())
        .with_writer(std::io::stderr)
        .init();
    tracing::info!(
        "ccr-desk {}: the desktop window is not built yet; run ccr-sandbox for the registry",
        env!("CARGO_PKG_VERSION")
    );
}
