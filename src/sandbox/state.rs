//! What every handler and the authentication middleware share.

use std::sync::Arc;

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
}
