//! What every handler and the authentication middleware share.

use std::sync::Arc;

use secrecy::SecretString;

use super::login_limit::FailedLogins;
use super::store::Store;
use super::verified::VerifiedCache;

/// What every handler shares.
#[derive(Clone)]
pub struct AppState {
    /// The store.
    pub store: Store,
    /// Successful password checks.
    pub verified: Arc<VerifiedCache>,
    /// The server listens on loopback: requests must name a loopback host (DNS rebinding).
    pub loopback_hosts_only: bool,
    /// Failed logins per client address; `None`: unlimited (on loopback).
    pub failed_logins: Option<Arc<FailedLogins>>,
    /// The bearer token accepted besides Basic (as the administrator); `None`: Basic only.
    pub bearer_token: Option<Arc<SecretString>>,
    /// Behave like Harbor: `/` in a repository name must come as `%252F`.
    pub double_encoded_paths: bool,
}
