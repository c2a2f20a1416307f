//! `ccr-desk`: the desktop client for the CCR management API. Parses the arguments, sets up
//! logging and the tokio runtime, and runs the eframe window. Thin on purpose.

use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use ccr_desk::file_chooser::NativeFileChooser;
use ccr_desk::i18n::Language;
use ccr_desk::profile::ProfileFile;
use ccr_desk::sandbox::{self, Storage};
use ccr_desk::ui::{AppDeps, CcrDeskApp, IndexPlan, SandboxPlan, SecretsSource};
use clap::Parser;

/// Desktop client for the `CeaKE` 5.2.0 container registry (CCR) management API.
///
/// On first run (no connection profile yet) it starts a local sandbox registry and connects to
/// it, so there is something to browse at once.
#[derive(Debug, Parser)]
#[command(name = "ccr-desk", version, about, long_about = None)]
struct Args {
    /// Start the built-in sandbox registry and connect to it, even when profiles exist.
    #[arg(long)]
    sandbox: bool,
    /// Keep the sandbox's data in memory only: nothing is written, everything is gone on exit.
    #[arg(long)]
    ephemeral_sandbox: bool,
    /// Never use the OS keyring: passwords are asked for and kept for this session only.
    #[arg(long)]
    no_keyring: bool,
    /// Show the app in this language for this run, whatever was chosen in it: `en` or `zh-CN`.
    #[arg(long, value_name = "LANG", value_parser = parse_language)]
    lang: Option<Language>,
}

/// A `--lang` value: `en`, `en-US`, `zh-CN` (also `zh`, `zh-Hans`).
fn parse_language(tag: &str) -> Result<Language, String> {
    Language::from_tag(tag).ok_or_else(|| format!("unknown language {tag:?}: use en or zh-CN"))
}

fn main() -> ExitCode {
    let args = Args::parse();
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn,ccr_desk=info")),
        )
        .with_writer(std::io::stderr)
        .init();

    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .thread_name("ccr-desk-worker")
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            tracing::error!(%error, "cannot start the async runtime");
            return ExitCode::FAILURE;
        }
    };
    let profile_file = match ProfileFile::default_location() {
        Ok(file) => file,
        Err(error) => {
            tracing::error!(%error, "no configuration folder");
            return ExitCode::FAILURE;
        }
    };
    let storage = match sandbox::default_data_dir() {
        Some(dir) if !args.ephemeral_sandbox => Storage::Data(dir),
        _ => Storage::Ephemeral,
    };
    let mut deps = AppDeps {
        runtime: runtime.handle().clone(),
        profile_file,
        secrets: if args.no_keyring {
            SecretsSource::Disabled("--no-keyring".to_owned())
        } else {
            SecretsSource::Platform
        },
        sandbox: SandboxPlan {
            storage,
            start_now: args.sandbox || args.ephemeral_sandbox,
        },
        // Replaced once the window exists, by dialogs that open over it.
        file_chooser: Arc::new(NativeFileChooser::new()),
        language: args.lang,
        index: IndexPlan::default_folder(),
        activity_log: ccr_desk::activity::default_path(),
    };

    let mut viewport = egui::ViewportBuilder::default()
        .with_title("ccr-desk")
        .with_app_id("ccr-desk")
        .with_inner_size([1200.0, 760.0])
        .with_min_inner_size([800.0, 560.0]);
    match eframe::icon_data::from_png_bytes(include_bytes!("../assets/icon/ccr-desk-256.png")) {
        Ok(icon) => viewport = viewport.with_icon(icon),
        Err(error) => tracing::warn!(%error, "the window icon cannot be read"),
    }
    let options = eframe::NativeOptions {
        viewport,
        persist_window: true,
        ..eframe::NativeOptions::default()
    };
    let outcome = eframe::run_native(
        "ccr-desk",
        options,
        Box::new(move |cc| {
            // The save dialogs open over the main window, so they cannot hide behind it.
            let over_window = rfd::AsyncFileDialog::new().set_parent(cc);
            deps.file_chooser = Arc::new(NativeFileChooser::with_template(over_window));
            Ok(Box::new(CcrDeskApp::new(cc, deps)))
        }),
    );
    // Lets the sandbox finish open requests and close its store.
    runtime.shutdown_timeout(Duration::from_secs(3));
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            // Said once, where the person who started it looks: the terminal.
            eprintln!("ccr-desk: the window could not be opened: {error}");
            ExitCode::FAILURE
        }
    }
}
