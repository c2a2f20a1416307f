//! `ccr-sandbox`: the CCR-compatible sandbox registry as a standalone server.
//!
//! ```text
//! ccr-sandbox [--listen ADDR] [--data DIR | --ephemeral] [--tls]
//!             [--admin-password-file FILE | --admin-password PW]
//!             [--token-file FILE] [--double-encoded-paths]
//! ccr-sandbox import-chart FILE --project P [--data DIR]
//! ccr-sandbox generate --projects P --repositories R --artifacts A [--charts C] [--seed N]
//!                      [--largest N] [--data DIR]
//! ```
//!
//! The server's options before a subcommand are an error (exit code 2), not silently ignored.
//!
//! `generate` fills a new (or empty) data folder with a generated registry: the counts are
//! totals, spread with a real registry's skew; `--largest N` puts N of the artifacts into one
//! repository; the same seed gives the same registry. Start the server on the folder afterwards.
//!
//! The administrator password comes from `--admin-password-file` (its first line), else
//! `CCR_SANDBOX_ADMIN_PASSWORD`, else `--admin-password` (kept for compatibility; it warns on
//! stderr, since every user of the machine sees a command line in `ps`).
//!
//! `--token-file` accepts `Authorization: Bearer TOKEN` (the file's first line) besides Basic, as
//! the administrator. `--double-encoded-paths` behaves like Harbor: `/` in a repository name
//! must come as `%252F`.
//!
//! The first line on stdout is `ccr-sandbox listening on http://ADDR` (`https://` with `--tls`,
//! followed by `ccr-sandbox CA certificate: PATH`), printed once the socket accepts connections.

use std::io::Write as _;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use ccr_desk::sandbox::{
    self, GenerateConfig, GenerateError, LoginLimit, SandboxConfig, SandboxError, Storage,
};
use clap::{Parser, Subcommand};
use secrecy::SecretString;

/// Environment variable that sets the administrator password when `--admin-password` is absent.
const ADMIN_PASSWORD_ENV: &str = "CCR_SANDBOX_ADMIN_PASSWORD";

// No `Debug`: it holds the administrator password. The server's options are refused together
// with a subcommand (`ccr-sandbox --data X import-chart …` is an error, not an import into the
// default folder): `import-chart` takes its own `--data`.
/// A CCR-compatible registry sandbox with demo data, for trying ccr-desk and for tests.
#[derive(Parser)]
#[command(name = "ccr-sandbox", version, args_conflicts_with_subcommands = true)]
struct Cli {
    /// Address to listen on; port 0 picks a free port.
    #[arg(long, value_name = "ADDR", default_value = sandbox::DEFAULT_LISTEN)]
    listen: SocketAddr,
    /// Folder for the state (default: the OS data folder, ccr-desk/sandbox).
    #[arg(long, value_name = "DIR", conflicts_with = "ephemeral")]
    data: Option<PathBuf>,
    /// Keep everything in memory; nothing survives a restart.
    #[arg(long)]
    ephemeral: bool,
    /// Serve HTTPS with a self-made CA (its certificate path is printed on the second line).
    #[arg(long)]
    tls: bool,
    #[arg(
        long,
        value_name = "PW",
        value_parser = secret,
        help = "The administrator's password (also from CCR_SANDBOX_ADMIN_PASSWORD); without it \
                the stored one is kept (Harbor12345 on a new store). Other users see it in ps: \
                prefer --admin-password-file or the variable",
        conflicts_with = "admin_password_file"
    )]
    admin_password: Option<SecretString>,
    /// Read the administrator's password from the first line of FILE (not shown by ps).
    #[arg(long, value_name = "FILE")]
    admin_password_file: Option<PathBuf>,
    /// Also accept `Authorization: Bearer TOKEN`, as the administrator; TOKEN is the first line
    /// of FILE.
    #[arg(long, value_name = "FILE")]
    token_file: Option<PathBuf>,
    /// Behave like Harbor: `/` inside a repository name must be sent as %252F (a single %2F
    /// answers 404).
    #[arg(long)]
    double_encoded_paths: bool,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Import a Helm chart archive (.tgz) into a project of a data folder; works while a server
    /// runs on it.
    ImportChart {
        /// The chart archive.
        file: PathBuf,
        /// The project to import into.
        #[arg(long)]
        project: String,
        /// The data folder (default: the OS data folder, ccr-desk/sandbox).
        #[arg(long, value_name = "DIR")]
        data: Option<PathBuf>,
    },
    /// Fill a new or empty data folder with a generated registry: the counts are totals, spread
    /// with a real registry's skew (a few repositories hold most artifacts).
    Generate {
        /// Projects in all.
        #[arg(long, value_name = "P")]
        projects: u32,
        /// Repositories in all, spread over the projects.
        #[arg(long, value_name = "R")]
        repositories: u32,
        /// Artifacts in all (images and multi-platform indexes), spread over the repositories.
        #[arg(long, value_name = "A")]
        artifacts: u32,
        /// Helm charts in all (one to eight versions each), spread over the projects.
        #[arg(long, value_name = "C", default_value_t = 0)]
        charts: u32,
        /// The same seed and counts give the same registry.
        #[arg(long, value_name = "N", default_value_t = 1)]
        seed: u64,
        /// Put N of the artifacts into one repository.
        #[arg(long, value_name = "N")]
        largest: Option<u32>,
        /// The data folder (default: the OS data folder, ccr-desk/sandbox); it must hold no
        /// project yet.
        #[arg(long, value_name = "DIR")]
        data: Option<PathBuf>,
    },
}

/// Parses a secret argument (never fails; wraps it so it cannot be printed by accident).
#[allow(clippy::unnecessary_wraps)] // clap's value parsers answer a Result
fn secret(value: &str) -> Result<SecretString, std::convert::Infallible> {
    Ok(SecretString::from(value))
}

/// The first line of `file` (without its line ending) as the administrator password; an empty
/// one is an error.
fn read_password_file(file: &std::path::Path) -> Result<SecretString, SandboxError> {
    let text = std::fs::read_to_string(file).map_err(|source| SandboxError::Io {
        action: format!("read the administrator password file {}", file.display()),
        source,
    })?;
    let line = text.lines().next().unwrap_or_default();
    if line.is_empty() {
        return Err(SandboxError::InvalidAdminPassword(format!(
            "the first line of {} is empty",
            file.display()
        )));
    }
    Ok(SecretString::from(line))
}

/// The first line of `file` (without its line ending) as the bearer token; an empty one, or one
/// with spaces, is an error.
fn read_token_file(file: &std::path::Path) -> Result<SecretString, SandboxError> {
    let text = std::fs::read_to_string(file).map_err(|source| SandboxError::Io {
        action: format!("read the token file {}", file.display()),
        source,
    })?;
    let line = text.lines().next().unwrap_or_default().trim();
    if line.is_empty() || line.contains(char::is_whitespace) {
        return Err(SandboxError::InvalidToken(format!(
            "the first line of {} must be the token, without spaces",
            file.display()
        )));
    }
    Ok(SecretString::from(line))
}

fn data_dir(given: Option<PathBuf>) -> Result<PathBuf, SandboxError> {
    given
        .or_else(sandbox::default_data_dir)
        .ok_or(SandboxError::NoDataDir)
}

fn import_chart(
    file: &std::path::Path,
    project: &str,
    data: Option<PathBuf>,
) -> Result<(), SandboxError> {
    let dir = data_dir(data)?;
    let imported = sandbox::import_chart_file(&dir, file, project)?;
    let mut out = std::io::stdout().lock();
    let _ = writeln!(
        out,
        "imported {} {} into {project} ({} bytes)",
        imported.name, imported.version, imported.size_bytes
    );
    let _ = out.flush();
    Ok(())
}

fn generate(config: &GenerateConfig, data: Option<PathBuf>) -> Result<(), GenerateError> {
    let dir = data_dir(data)?;
    let started = Instant::now();
    let done = sandbox::generate(&dir, config)?;
    let secs = started.elapsed().as_secs_f64();
    let mut out = std::io::stdout().lock();
    let _ = writeln!(
        out,
        "generated {} projects, {} repositories ({} empty), {} artifacts ({} indexes with {} \
         platform images, {} untagged), {} tags, {} charts ({} versions), {} in {} in {secs:.1} s",
        done.projects,
        done.repositories,
        done.empty_repositories,
        done.artifacts,
        done.indexes,
        done.platform_images,
        done.untagged_artifacts,
        done.tags,
        done.charts,
        done.chart_versions,
        bytesize::ByteSize::b(done.stored_bytes).display().iec(),
        done.store_file.display(),
    );
    if let Some(largest) = &done.largest_repository {
        let _ = writeln!(
            out,
            "largest repository: {}/{} with {} artifacts",
            largest.project, largest.repository, largest.artifacts
        );
    }
    let _ = out.flush();
    Ok(())
}

async fn wait_for_stop_signal() {
    #[cfg(unix)]
    {
        let Ok(mut term) =
            tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        else {
            let _ = tokio::signal::ctrl_c().await;
            return;
        };
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            _ = term.recv() => {}
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}

async fn serve(cli: Cli) -> Result<(), SandboxError> {
    let storage = if cli.ephemeral {
        Storage::Ephemeral
    } else {
        Storage::Data(data_dir(cli.data)?)
    };
    if let Storage::Data(dir) = &storage {
        tracing::info!("data folder: {}", dir.display());
    }
    let admin_password = match (&cli.admin_password_file, cli.admin_password) {
        (Some(file), _) => Some(read_password_file(file)?),
        (None, from_command_line) => {
            let from_env = std::env::var(ADMIN_PASSWORD_ENV)
                .ok()
                .filter(|p| !p.is_empty())
                .map(SecretString::from);
            if from_command_line.is_some() {
                eprintln!(
                    "ccr-sandbox: warning: --admin-password is visible to every user of this \
                     computer (ps, /proc); use --admin-password-file FILE or {ADMIN_PASSWORD_ENV}"
                );
            }
            from_command_line.or(from_env)
        }
    };
    let bearer_token = cli.token_file.as_deref().map(read_token_file).transpose()?;
    let running = sandbox::start(SandboxConfig {
        listen: cli.listen,
        storage,
        tls: cli.tls,
        admin_password,
        login_limit: LoginLimit::default(),
        limit_logins_on_loopback: false,
        bearer_token,
        double_encoded_paths: cli.double_encoded_paths,
    })
    .await?;
    {
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "ccr-sandbox listening on {}", running.base_url());
        if let Some(ca) = running.ca_certificate_path() {
            let _ = writeln!(out, "ccr-sandbox CA certificate: {}", ca.display());
        }
        let _ = out.flush();
    }
    if !running.local_addr().ip().is_loopback() && running.admin_password_is_default() {
        eprintln!(
            "ccr-sandbox: warning: listening on {} with the default administrator password; \
             set --admin-password or {ADMIN_PASSWORD_ENV}",
            running.local_addr()
        );
    }
    wait_for_stop_signal().await;
    tracing::info!("stopping");
    running.shutdown().await;
    Ok(())
}

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .init();
    let result = match &cli.command {
        Some(Command::ImportChart {
            file,
            project,
            data,
        }) => import_chart(file, project, data.clone()).map_err(|e| e.to_string()),
        Some(Command::Generate {
            projects,
            repositories,
            artifacts,
            charts,
            seed,
            largest,
            data,
        }) => {
            let config = GenerateConfig {
                projects: *projects,
                repositories: *repositories,
                artifacts: *artifacts,
                charts: *charts,
                seed: *seed,
                largest: *largest,
            };
            generate(&config, data.clone()).map_err(|e| e.to_string())
        }
        None => serve(cli).await.map_err(|e| e.to_string()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("ccr-sandbox: error: {e}");
            ExitCode::FAILURE
        }
    }
}
