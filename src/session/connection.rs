//! Connecting a profile: find its password (given, or from the keyring), build the client and
//! prove the connection with a one-item project list. Runs as a task; the UI shows the result.

use std::sync::Arc;
use std::time::{Duration, Instant};

use secrecy::SecretString;

use crate::api::{ApiError, CcrClient, PageRequest};
use crate::profile::{NoKeyring, Profile, ProfileError, SecretError, SecretStore};
use crate::tasks::{Fallback, run_blocking};

/// The longest wait for the keyring before the app says it is not answering.
pub const KEYRING_TIMEOUT: Duration = Duration::from_secs(10);

/// A working connection.
#[derive(Clone)]
pub struct Connected {
    /// The client, shared with every screen's tasks.
    pub client: Arc<CcrClient>,
    /// How long the test request took.
    pub latency: Duration,
    /// The password that worked (kept in memory for this session only when the keyring is
    /// unavailable or the user chose not to save it).
    pub password: SecretString,
}

/// Why a profile could not connect.
#[derive(Debug, thiserror::Error)]
pub enum ConnectFailure {
    /// No password is known for the profile (nothing in the keyring, or no keyring).
    #[error("no password stored{}", .0.as_ref().map(|p| format!(" ({p})")).unwrap_or_default())]
    NoPassword(Option<SecretError>),
    /// The server refused the user name and password.
    #[error("password refused: {0}")]
    PasswordRefused(ApiError),
    /// The profile's settings cannot be used.
    #[error("{0}")]
    Profile(#[from] ProfileError),
    /// The very first request answered 404: the endpoint is not a CCR API, or it has no instance
    /// with the profile's instance id. (The error's own advice, "refresh the list", does not fit
    /// here; the UI words this variant on its own.)
    #[error("no registry instance at the endpoint: {0}")]
    WrongInstance(ApiError),
    /// The server answered with an error.
    #[error("{0}")]
    Api(ApiError),
    /// The server could not be reached (network failure, or a gateway's 502–504). The client
    /// was built, so what the registry index holds can be shown offline and the server checked
    /// again.
    #[error("{0}")]
    Unreachable(Arc<ApiError>, UnreachableClient),
}

/// The client of a connection whose server could not be reached.
#[derive(Clone)]
pub struct UnreachableClient(pub Arc<CcrClient>);

impl std::fmt::Debug for UnreachableClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("UnreachableClient")
            .field(&self.0.host())
            .finish()
    }
}

impl<T> Fallback for Result<T, ConnectFailure> {
    fn after_panic() -> Self {
        Err(ConnectFailure::Api(ApiError::Internal(
            "connection task panicked".to_owned(),
        )))
    }
}

impl ConnectFailure {
    /// The API error behind the failure, for the error box's code, status and request id.
    /// `None` for [`ConnectFailure::WrongInstance`] too: its own wording carries the facts and
    /// the advice that fits, which the error's would not (see [`ConnectFailure::wrong_instance`]).
    pub fn api_error(&self) -> Option<&ApiError> {
        match self {
            Self::PasswordRefused(error) | Self::Api(error) => Some(error),
            Self::Unreachable(error, _) => Some(error),
            Self::NoPassword(_) | Self::Profile(_) | Self::WrongInstance(_) => None,
        }
    }

    /// The 404 behind a [`ConnectFailure::WrongInstance`].
    pub fn wrong_instance(&self) -> Option<&ApiError> {
        match self {
            Self::WrongInstance(error) => Some(error),
            _ => None,
        }
    }

    /// Whether asking the user for the password is the way forward.
    pub fn needs_password(&self) -> bool {
        matches!(self, Self::NoPassword(_) | Self::PasswordRefused(_))
    }
}

/// Where the password for a connection comes from.
pub enum PasswordSource {
    /// The user typed it (or the session remembers it).
    Given(SecretString),
    /// Read it from this keyring.
    Keyring(SecretStore),
    /// There is no keyring and no password.
    Unknown(Option<SecretError>),
}

/// Connects `profile`: resolves the password, builds the client and lists one project.
pub async fn connect(
    profile: Profile,
    source: PasswordSource,
) -> Result<Connected, ConnectFailure> {
    let password = match source {
        PasswordSource::Given(password) => password,
        PasswordSource::Unknown(problem) => return Err(ConnectFailure::NoPassword(problem)),
        PasswordSource::Keyring(store) => {
            let id = profile.id.clone();
            let loaded = run_blocking(
                KEYRING_TIMEOUT,
                || Err(SecretError::Unavailable(NoKeyring::NoAnswer)),
                move || store.load(&id),
            )
            .await;
            match loaded {
                Ok(Some(password)) => password,
                Ok(None) => return Err(ConnectFailure::NoPassword(None)),
                Err(problem) => return Err(ConnectFailure::NoPassword(Some(problem))),
            }
        }
    };
    let config = profile.connection_config(password.clone())?;
    let client = CcrClient::new(&config).map_err(ConnectFailure::Api)?;
    let started = Instant::now();
    match client.list_projects(&PageRequest::new(1, 1)).await {
        Ok(_) => Ok(Connected {
            client: Arc::new(client),
            latency: started.elapsed(),
            password,
        }),
        Err(error) if error.is_auth_failure() => Err(ConnectFailure::PasswordRefused(error)),
        Err(error) if error.http_status() == Some(404) => Err(ConnectFailure::WrongInstance(error)),
        Err(error) if error.is_unreachable() => Err(ConnectFailure::Unreachable(
            Arc::new(error),
            UnreachableClient(Arc::new(client)),
        )),
        Err(error) => Err(ConnectFailure::Api(error)),
    }
}

/// Latency in words: "12 ms".
pub fn format_latency(latency: Duration) -> String {
    format!("{} ms", latency.as_millis().max(1))
}
