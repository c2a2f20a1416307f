//! A CCR-compatible server with real persistence, for tests, benchmarks, demos and the desktop
//! app's "try it" mode.
//!
//! It answers the 13 operations of the vendor's document (`CeaKE` 5.2.0 container registry `OpenAPI`)
//! under `/api/ccr/v1.0/instances/ccr-manager`, with the document's envelope and error codes,
//! HTTP Basic authentication (an administrator and a read-only user; optionally a bearer token), demo data seeded on first
//! start, and state kept in `SQLite` in a data folder (or in memory).
//!
//! - [`start`] runs it on the current tokio runtime and answers a [`RunningSandbox`].
//! - [`import_chart_file`] adds a chart archive to a data folder, also while a server runs on it.
//! - [`generate`] fills a new data folder with a generated registry of given totals.
//!
//! Modules: `routes` (router and handlers), `wire` (JSON shapes), `envelope` (codes, envelope,
//! request ids), `paging`, `auth`, `host_check` (DNS rebinding guard), `login_limit` (failed logins per client), `state` (what handlers share), `verified` (remembered password
//! checks), `store` (`SQLite`), `seed` (demo data), `generate` (generated registries), `charts` (archives),
//! `tls` (certificates), `time` (timestamp formats).

mod auth;
mod charts;
mod envelope;
mod generate;
mod host_check;
#[cfg(test)]
mod http_tests;
mod login_limit;
mod paging;
mod routes;
mod seed;
mod state;
mod store;
mod time;
mod tls;
mod verified;
mod wire;

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use axum_server::tls_rustls::RustlsConfig;
use secrecy::{ExposeSecret, SecretString};
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use crate::contract as validate;
use store::{ArchiveSource, Store, StoreError};

pub use generate::{
    GenerateConfig, GenerateError, GenerateSummary, RepositoryCount, ZIPF_EXPONENT, generate,
};
pub use login_limit::LoginLimit;

/// Address the server listens on when none is given.
pub const DEFAULT_LISTEN: &str = "127.0.0.1:8480";
/// The instance id of every path (`/api/ccr/v1.0/instances/{instanceId}`).
pub const DEFAULT_INSTANCE_ID: &str = "ccr-manager";
/// The administrator's user name.
pub const ADMIN_USER: &str = "admin";
/// The administrator's password unless set otherwise (Harbor's well-known default).
pub const DEFAULT_ADMIN_PASSWORD: &str = "Harbor12345";
/// The read-only user's name.
pub const VIEWER_USER: &str = "viewer";
/// The read-only user's initial password.
pub const VIEWER_PASSWORD: &str = "Viewer12345";

/// How long [`RunningSandbox::shutdown`] lets open requests finish.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(5);

/// Where the sandbox keeps its state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Storage {
    /// In this folder (`ccr-sandbox.sqlite3`, and `tls/` with `--tls`); survives restarts.
    Data(PathBuf),
    /// In memory; gone when the server stops.
    Ephemeral,
}

/// How to run the sandbox.
#[derive(Debug, Clone)]
pub struct SandboxConfig {
    /// Address to listen on; port 0 picks a free port.
    pub listen: SocketAddr,
    /// Where the state lives.
    pub storage: Storage,
    /// Serve HTTPS with a self-made CA (see [`RunningSandbox::ca_certificate_path`]).
    pub tls: bool,
    /// The administrator's password: `None` keeps the stored one (the default on creation).
    /// A [`SecretString`], so `Debug` never shows it.
    pub admin_password: Option<SecretString>,
    /// Failed logins allowed per client address (5 a minute by default). Applied only when
    /// the server listens on an address other than loopback, unless
    /// [`Self::limit_logins_on_loopback`].
    pub login_limit: LoginLimit,
    /// Apply [`Self::login_limit`] on loopback too (tests; off by default, so tests and the
    /// app that hammer a local sandbox are never refused).
    pub limit_logins_on_loopback: bool,
    /// A bearer token accepted besides Basic, as the administrator (`--token-file`); `None`:
    /// Basic only. Compared in constant time; `Debug` never shows it.
    pub bearer_token: Option<SecretString>,
    /// Behave like Harbor (`--double-encoded-paths`): `/` inside a repository name in a path
    /// must be sent doubly encoded (`%252F`); a singly encoded multi-level name answers 404.
    pub double_encoded_paths: bool,
}

impl SandboxConfig {
    /// `127.0.0.1:0`, in memory, plain HTTP, default passwords: what tests want.
    pub fn ephemeral_loopback() -> Self {
        Self {
            listen: SocketAddr::from(([127, 0, 0, 1], 0)),
            storage: Storage::Ephemeral,
            tls: false,
            admin_password: None,
            login_limit: LoginLimit::default(),
            limit_logins_on_loopback: false,
            bearer_token: None,
            double_encoded_paths: false,
        }
    }
}

/// The OS data folder for the sandbox (`$XDG_DATA_HOME/ccr-desk/sandbox` on Linux), if the OS
/// has one.
pub fn default_data_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "ccr-desk").map(|dirs| dirs.data_dir().join("sandbox"))
}

/// A chart version that was imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedChart {
    /// Chart name (from its `Chart.yaml`).
    pub name: String,
    /// Chart version (from its `Chart.yaml`).
    pub version: String,
    /// Archive size in bytes.
    pub size_bytes: u64,
}

/// Why the sandbox could not start or do what was asked.
#[derive(Debug, thiserror::Error)]
pub enum SandboxError {
    /// The listening socket could not be opened.
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        /// The address.
        addr: SocketAddr,
        /// What failed.
        source: std::io::Error,
    },
    /// A file or folder could not be read or written.
    #[error("cannot {action}: {source}")]
    Io {
        /// What was being done, e.g. "read chart.tgz".
        action: String,
        /// What failed.
        source: std::io::Error,
    },
    /// The OS has no data folder and none was given.
    #[error("the OS has no data folder for this user; pass --data DIR or --ephemeral")]
    NoDataDir,
    /// The data folder holds no store yet.
    #[error(
        "there is no sandbox store in {}; start ccr-sandbox once with --data pointing there first",
        .0.display()
    )]
    MissingStore(PathBuf),
    /// The given administrator password breaks the password rules.
    #[error("the administrator password is not acceptable: {0}")]
    InvalidAdminPassword(String),
    /// The given bearer token cannot be used.
    #[error("the bearer token is not acceptable: {0}")]
    InvalidToken(String),
    /// The file is not a Helm chart archive.
    #[error("{0}")]
    NotAChart(String),
    /// A project, chart or other named thing does not exist.
    #[error("{what} {name} does not exist")]
    NotFound {
        /// What is missing ("project", "chart version", …).
        what: &'static str,
        /// Its name.
        name: String,
    },
    /// The named thing exists already.
    #[error("{what} {name} already exists")]
    AlreadyExists {
        /// What exists ("chart version", …).
        what: &'static str,
        /// Its name.
        name: String,
    },
    /// The store refused the change (quota exceeded, resource still in use).
    #[error("{0}")]
    Refused(String),
    /// The certificates could not be made or loaded.
    #[error("TLS setup failed: {0}")]
    Tls(String),
    /// The database failed.
    #[error("the sandbox store failed: {0}")]
    Store(String),
}

impl From<StoreError> for SandboxError {
    fn from(err: StoreError) -> Self {
        match err {
            StoreError::NotFound { kind, name } => Self::NotFound {
                what: kind.english(),
                name,
            },
            StoreError::AlreadyExists { kind, name } => Self::AlreadyExists {
                what: kind.english(),
                name,
            },
            StoreError::InvalidChart(e) => Self::NotAChart(e.to_string()),
            StoreError::Missing(path) => Self::MissingStore(path),
            e @ (StoreError::ProjectNotEmpty { .. }
            | StoreError::ReferencedByIndex { .. }
            | StoreError::QuotaExceeded { .. }) => Self::Refused(e.to_string()),
            e @ (StoreError::Sqlite(_) | StoreError::Io(_) | StoreError::Task(_)) => {
                Self::Store(e.to_string())
            }
        }
    }
}

impl From<seed::UserSetupError> for SandboxError {
    fn from(err: seed::UserSetupError) -> Self {
        match err {
            seed::UserSetupError::Store(e) => e.into(),
            seed::UserSetupError::Hash(e) => Self::Store(e.to_string()),
        }
    }
}

async fn blocking<R: Send + 'static>(
    f: impl FnOnce() -> Result<R, SandboxError> + Send + 'static,
) -> Result<R, SandboxError> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| SandboxError::Store(format!("a blocking task failed: {e}")))?
}

/// A sandbox server running on a tokio runtime; dropping it stops the server.
#[derive(Debug)]
pub struct RunningSandbox {
    base_url: String,
    local_addr: SocketAddr,
    ca_certificate: Option<PathBuf>,
    admin_password_is_default: bool,
    store: Store,
    stop: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<()>>,
    /// With `--tls --ephemeral`: the folder holding the certificates, removed on drop.
    _tls_dir: Option<tempfile::TempDir>,
}

impl RunningSandbox {
    /// `http://127.0.0.1:PORT` (`https://` with TLS), without a trailing slash.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// The address the server listens on.
    pub fn local_addr(&self) -> SocketAddr {
        self.local_addr
    }

    /// With TLS: the PEM file of the CA that signed the server certificate.
    pub fn ca_certificate_path(&self) -> Option<&Path> {
        self.ca_certificate.as_deref()
    }

    /// Whether the administrator still has the default password (checked at start).
    pub fn admin_password_is_default(&self) -> bool {
        self.admin_password_is_default
    }

    /// Imports a chart archive (`.tgz`) into `project`; name and version come from its
    /// `Chart.yaml`.
    pub async fn import_chart(
        &self,
        archive: Vec<u8>,
        project: &str,
    ) -> Result<ImportedChart, SandboxError> {
        let store = self.store.clone();
        let project = project.to_owned();
        blocking(move || {
            let meta = charts::read_meta(archive.as_slice())
                .map_err(|e| SandboxError::NotAChart(e.to_string()))?;
            store_imported(&store, &project, meta, ArchiveSource::Bytes(&archive))
        })
        .await
    }

    /// The stored archive of `chart` `version` in `project`, or `None` if there is none.
    pub async fn chart_archive(
        &self,
        project: &str,
        chart: &str,
        version: &str,
    ) -> Result<Option<Vec<u8>>, SandboxError> {
        let (project, chart, version) = (project.to_owned(), chart.to_owned(), version.to_owned());
        let found = self
            .store
            .run(move |c| store::chart_archive(c, &project, &chart, &version))
            .await;
        match found {
            Ok(bytes) => Ok(bytes),
            Err(StoreError::NotFound { .. }) => Ok(None),
            Err(e) => Err(e.into()),
        }
    }

    /// Stops the server: no new connections, open requests get a few seconds to finish.
    pub async fn shutdown(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(mut task) = self.task.take()
            && tokio::time::timeout(SHUTDOWN_GRACE * 2, &mut task)
                .await
                .is_err()
        {
            task.abort();
        }
    }
}

impl Drop for RunningSandbox {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

/// Opens the store in `storage`, seeds it on first start and sets up the users; answers the
/// store and whether the administrator has the default password.
async fn prepare_store(
    storage: &Storage,
    admin_password: Option<SecretString>,
) -> Result<(Store, bool), SandboxError> {
    let store = match storage {
        Storage::Data(dir) => {
            let dir = dir.clone();
            blocking(move || Store::open_dir(&dir).map_err(SandboxError::from)).await?
        }
        Storage::Ephemeral => Store::in_memory()?,
    };
    let setup_store = store.clone();
    let is_default = blocking(move || {
        setup_store.with_conn(|c| {
            if seed::seed_once(c)? {
                tracing::info!("seeded the demo data");
            }
            Ok(())
        })?;
        let admin_password = admin_password.as_ref().map(ExposeSecret::expose_secret);
        setup_store.with_conn(|c| Ok(seed::ensure_users(c, admin_password)))??;
        Ok(setup_store.with_conn(|c| seed::admin_password_is_default(c))?)
    })
    .await?;
    Ok((store, is_default))
}

/// What `--tls` needs to serve.
struct PreparedTls {
    /// The certificate files.
    files: tls::CertificateFiles,
    /// The server's TLS configuration, loaded from them.
    config: RustlsConfig,
    /// With an in-memory store: the temporary folder holding the files.
    temp: Option<tempfile::TempDir>,
}

/// The certificates for `--tls`, with the server's TLS configuration loaded from them: in
/// `{data}/tls`, or in a temporary folder (answered too, so it lives as long as the server) when
/// the store is in memory. Files that exist but do not load are replaced by new ones.
async fn prepare_tls(storage: &Storage) -> Result<PreparedTls, SandboxError> {
    let (dir, temp) = match storage {
        Storage::Data(dir) => (dir.join("tls"), None),
        Storage::Ephemeral => {
            let temp = tempfile::Builder::new()
                .prefix("ccr-sandbox-tls-")
                .tempdir()
                .map_err(|source| SandboxError::Io {
                    action: "create a temporary folder for the certificates".to_owned(),
                    source,
                })?;
            (temp.path().to_owned(), Some(temp))
        }
    };
    let tls_error = |e: &dyn std::fmt::Display| SandboxError::Tls(e.to_string());
    let ensure_dir = dir.clone();
    let files =
        blocking(move || tls::ensure_certificates(&ensure_dir).map_err(|e| tls_error(&e))).await?;
    let loaded = RustlsConfig::from_pem_file(&files.server_cert, &files.server_key).await;
    let config = match loaded {
        Ok(config) => config,
        Err(e) => {
            tracing::warn!(
                "the certificates in {} do not load ({e}); making new ones",
                dir.display()
            );
            let files = blocking(move || tls::regenerate(&dir).map_err(|e| tls_error(&e))).await?;
            RustlsConfig::from_pem_file(&files.server_cert, &files.server_key)
                .await
                .map_err(|e| tls_error(&e))?
        }
    };
    Ok(PreparedTls {
        files,
        config,
        temp,
    })
}

/// Spawns the server on `listener`: HTTPS with `tls`, else HTTP; it stops gracefully when `stop`
/// fires or is dropped.
fn spawn_server(
    listener: std::net::TcpListener,
    app: axum::Router,
    tls: Option<RustlsConfig>,
    stop: oneshot::Receiver<()>,
) -> Result<JoinHandle<()>, std::io::Error> {
    if let Some(rustls) = tls {
        let handle = axum_server::Handle::new();
        let server = axum_server::from_tcp_rustls(listener, rustls)?.handle(handle.clone());
        tokio::spawn(async move {
            let _ = stop.await;
            handle.graceful_shutdown(Some(SHUTDOWN_GRACE));
        });
        Ok(tokio::spawn(async move {
            let service = app.into_make_service_with_connect_info::<SocketAddr>();
            if let Err(e) = server.serve(service).await {
                tracing::error!("the sandbox server failed: {e}");
            }
        }))
    } else {
        let listener = tokio::net::TcpListener::from_std(listener)?;
        Ok(tokio::spawn(async move {
            let service = app.into_make_service_with_connect_info::<SocketAddr>();
            let served = axum::serve(listener, service)
                .with_graceful_shutdown(async move {
                    let _ = stop.await;
                })
                .await;
            if let Err(e) = served {
                tracing::error!("the sandbox server failed: {e}");
            }
        }))
    }
}

/// Opens the store, seeds it on first start, sets up the users and (with TLS) the certificates,
/// binds the socket and spawns the server on the current tokio runtime. When this returns, the
/// socket is bound and accepting.
pub async fn start(config: SandboxConfig) -> Result<RunningSandbox, SandboxError> {
    if let Some(password) = &config.admin_password {
        validate::credential_password(password.expose_secret())
            .map_err(|e| SandboxError::InvalidAdminPassword(e.to_string()))?;
    }
    if let Some(token) = &config.bearer_token {
        let token = token.expose_secret();
        if token.is_empty() || token.contains(char::is_whitespace) {
            return Err(SandboxError::InvalidToken(
                "it must not be empty or hold spaces".to_owned(),
            ));
        }
    }
    let (store, admin_password_is_default) =
        prepare_store(&config.storage, config.admin_password.clone()).await?;
    let (tls_files, rustls, tls_dir) = if config.tls {
        let prepared = prepare_tls(&config.storage).await?;
        (Some(prepared.files), Some(prepared.config), prepared.temp)
    } else {
        (None, None, None)
    };

    let bind_error = |source| SandboxError::Bind {
        addr: config.listen,
        source,
    };
    let listener = std::net::TcpListener::bind(config.listen).map_err(bind_error)?;
    listener.set_nonblocking(true).map_err(bind_error)?;
    let local_addr = listener.local_addr().map_err(bind_error)?;

    let app = routes::router(state::AppState {
        store: store.clone(),
        verified: Arc::new(verified::VerifiedCache::default()),
        loopback_hosts_only: local_addr.ip().is_loopback(),
        failed_logins: (config.limit_logins_on_loopback || !local_addr.ip().is_loopback())
            .then(|| Arc::new(login_limit::FailedLogins::new(config.login_limit))),
        bearer_token: config.bearer_token.map(Arc::new),
        double_encoded_paths: config.double_encoded_paths,
    });
    let (stop, stopped) = oneshot::channel::<()>();
    let task = spawn_server(listener, app, rustls, stopped).map_err(|e| {
        if tls_files.is_some() {
            SandboxError::Tls(e.to_string())
        } else {
            bind_error(e)
        }
    })?;
    let scheme = if config.tls { "https" } else { "http" };
    Ok(RunningSandbox {
        base_url: format!("{scheme}://{local_addr}"),
        local_addr,
        ca_certificate: tls_files.map(|f| f.ca),
        admin_password_is_default,
        store,
        stop: Some(stop),
        task: Some(task),
        _tls_dir: tls_dir,
    })
}

/// Imports the chart archive `file` into `project` of the store in `data_dir` (which must
/// exist); works while a server runs on the same folder. Runs on the calling thread.
pub fn import_chart_file(
    data_dir: &Path,
    file: &Path,
    project: &str,
) -> Result<ImportedChart, SandboxError> {
    let io_error = |action: &str| {
        let action = format!("{action} {}", file.display());
        move |source| SandboxError::Io { action, source }
    };
    let mut reader = std::fs::File::open(file).map_err(io_error("open"))?;
    let size_bytes = reader.metadata().map_err(io_error("read"))?.len();
    let meta = charts::read_meta(std::io::BufReader::new(&mut reader))
        .map_err(|e| SandboxError::NotAChart(e.to_string()))?;
    std::io::Seek::rewind(&mut reader).map_err(io_error("read"))?;
    let store = Store::open_existing(data_dir)?;
    store_imported(
        &store,
        project,
        meta,
        ArchiveSource::File {
            file: &mut reader,
            size_bytes,
        },
    )
}

/// Stores an archive whose `Chart.yaml` said `meta` as a new version in `project`, on the
/// calling thread.
fn store_imported(
    store: &Store,
    project: &str,
    meta: charts::ChartMeta,
    source: ArchiveSource<'_>,
) -> Result<ImportedChart, SandboxError> {
    let size_bytes = store.with_conn(|c| {
        store::insert_chart_version(
            c,
            project,
            &meta.name,
            &meta.version,
            source,
            time::now_ms(),
        )
    })?;
    Ok(ImportedChart {
        name: meta.name,
        version: meta.version,
        size_bytes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_config_never_shows_the_password() {
        let config = SandboxConfig {
            admin_password: Some(SecretString::from("Sup3rSecretPw")),
            ..SandboxConfig::ephemeral_loopback()
        };
        let shown = format!("{config:?}");
        assert!(!shown.contains("Sup3rSecretPw"), "{shown}");
        assert!(shown.contains("admin_password"), "{shown}");
    }

    async fn https_status(sandbox: &RunningSandbox) -> u16 {
        let pem = std::fs::read(sandbox.ca_certificate_path().unwrap()).unwrap();
        let ca = reqwest::Certificate::from_pem(&pem).unwrap();
        let client = reqwest::Client::builder()
            .no_proxy()
            .tls_certs_only([ca])
            .connect_timeout(Duration::from_secs(10))
            .timeout(Duration::from_secs(30))
            .build()
            .unwrap();
        client
            .get(format!(
                "{}/api/ccr/v1.0/instances/ccr-manager/projects",
                sandbox.base_url()
            ))
            .basic_auth(VIEWER_USER, Some(VIEWER_PASSWORD))
            .send()
            .await
            .unwrap()
            .status()
            .as_u16()
    }

    #[tokio::test]
    async fn broken_certificates_are_replaced_at_start() {
        let data = tempfile::tempdir().unwrap();
        let config = || SandboxConfig {
            storage: Storage::Data(data.path().to_owned()),
            tls: true,
            ..SandboxConfig::ephemeral_loopback()
        };
        let first = start(config()).await.unwrap();
        assert_eq!(https_status(&first).await, 200);
        first.shutdown().await;

        // a key that parses but belongs to another certificate
        let other = tempfile::tempdir().unwrap();
        let other = tls::ensure_certificates(other.path()).unwrap();
        let files = tls::ensure_certificates(&data.path().join("tls")).unwrap();
        std::fs::copy(&other.server_key, &files.server_key).unwrap();
        let second = start(config()).await.unwrap();
        assert_eq!(https_status(&second).await, 200);
        second.shutdown().await;

        // a truncated certificate
        std::fs::write(&files.server_cert, "-----BEGIN CERTIFICATE-----\nMIIB").unwrap();
        let third = start(config()).await.unwrap();
        assert_eq!(https_status(&third).await, 200);
        third.shutdown().await;
    }
}
