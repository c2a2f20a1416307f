//! Profile passwords in the OS keyring: the Secret Service on Linux, the login keychain on
//! macOS, the Credential Manager on Windows; a mock store in tests.
//!
//! Every call blocks (D-Bus, Security framework, Win32): run them off the UI thread.

use std::fmt;
use std::sync::Arc;

use keyring_core::{CredentialStore, Entry};
use secrecy::{ExposeSecret as _, SecretString};

use super::ProfileId;

/// The keyring service name under which every profile password is stored; the account is the
/// profile id.
pub const SECRET_SERVICE_NAME: &str = "ccr-desk";

/// The OS keyring (or a test's mock) where profile passwords live: service `ccr-desk`, account =
/// profile id. Cheap to clone; every clone talks to the same store.
#[derive(Clone)]
pub struct SecretStore {
    store: Arc<CredentialStore>,
    label: String,
}

/// Why a password could not be read, saved or deleted. Never carries the password.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SecretError {
    /// There is no keyring service to talk to on this computer.
    #[error("no keyring: {0}")]
    Unavailable(NoKeyring),
    /// The keyring is there but refused or failed the operation.
    #[error("keyring failed: {0}")]
    Failed(KeyringFailure),
}

/// Why there is no keyring.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NoKeyring {
    /// The platform has no keyring service, or it cannot be reached; what the keyring said.
    #[error("{0}")]
    NoService(String),
    /// Opening the keyring failed unexpectedly (it panicked).
    #[error("opening the keyring panicked")]
    OpenPanicked,
    /// The keyring did not answer within the time allowed.
    #[error("the keyring did not answer in time")]
    NoAnswer,
    /// The keyring was turned off (`--no-keyring`); the reason as the caller gave it.
    #[error("turned off: {0}")]
    TurnedOff(String),
}

/// How the keyring failed an operation. Never carries the password.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeyringFailure {
    /// The keyring is locked or refused access; what it said.
    #[error("locked or access refused: {0}")]
    Locked(String),
    /// The keyring's platform service failed; what it said.
    #[error("platform failure: {0}")]
    Platform(String),
    /// The stored password cannot be read (bad encoding or format).
    #[error("the stored password cannot be decoded")]
    Unreadable,
    /// The keyring's own data is damaged; what it said.
    #[error("store damaged: {0}")]
    Damaged(String),
    /// An attribute of the entry is longer than the keyring allows.
    #[error("{attribute} longer than {limit} characters")]
    TooLong {
        /// The attribute (as the keyring names it).
        attribute: String,
        /// Its most characters.
        limit: u32,
    },
    /// An attribute of the entry is refused; the keyring's reason.
    #[error("{attribute} invalid: {reason}")]
    Invalid {
        /// The attribute (as the keyring names it).
        attribute: String,
        /// Why, as the keyring said it.
        reason: String,
    },
    /// The keyring holds several entries for the profile.
    #[error("{count} entries for one profile")]
    Ambiguous {
        /// How many.
        count: usize,
    },
    /// The keyring operation stopped unexpectedly (a bug).
    #[error("the keyring operation stopped unexpectedly")]
    Stopped,
    /// Any other failure; what the keyring said.
    #[error("{0}")]
    Other(String),
}

impl SecretStore {
    /// Opens the platform's keyring: the Secret Service (D-Bus) on Linux, the login keychain on
    /// macOS, the Credential Manager on Windows; `Unavailable` elsewhere or when the service
    /// cannot be reached. Blocks (on Linux it connects to D-Bus), so callers run it off the UI
    /// thread and may put a timeout around it.
    pub fn platform() -> Result<Self, SecretError> {
        let opened = std::panic::catch_unwind(platform_store)
            .map_err(|_| SecretError::Unavailable(NoKeyring::OpenPanicked))?;
        match opened {
            Ok(store) => {
                let this = Self::from_store(store);
                tracing::debug!(store = %this.label, "keyring opened");
                Ok(this)
            }
            // The caller reports it (once): the app logs it and says so in the status line.
            Err(error) => Err(SecretError::Unavailable(NoKeyring::NoService(
                error.to_string(),
            ))),
        }
    }

    /// Uses the given store; tests pass `keyring_core::mock::Store::new()`.
    pub fn from_store(store: Arc<CredentialStore>) -> Self {
        let vendor = store.vendor();
        // Vendors read like "Secret Service store, https://crates.io/…": keep the name part.
        let label = vendor
            .split_once(", ")
            .map_or(vendor.as_str(), |(name, _)| name)
            .trim()
            .to_owned();
        Self { store, label }
    }

    /// A short name of the store, for a tooltip (e.g. "Secret Service store").
    pub fn description(&self) -> String {
        self.label.clone()
    }

    fn entry(&self, id: &ProfileId) -> Result<Entry, SecretError> {
        Entry::new_in_store(&self.store, SECRET_SERVICE_NAME, id.as_str()).map_err(failed)
    }

    /// The saved password of a profile, or `None` when the keyring holds none.
    pub fn load(&self, id: &ProfileId) -> Result<Option<SecretString>, SecretError> {
        match self.entry(id)?.get_password() {
            Ok(password) => Ok(Some(SecretString::from(password))),
            Err(keyring_core::Error::NoEntry) => Ok(None),
            Err(error) => Err(failed(error)),
        }
    }

    /// Saves (or replaces) the password of a profile.
    pub fn save(&self, id: &ProfileId, password: &SecretString) -> Result<(), SecretError> {
        self.entry(id)?
            .set_password(password.expose_secret())
            .map_err(failed)
    }

    /// Removes the password of a profile; succeeds when there was none.
    pub fn delete(&self, id: &ProfileId) -> Result<(), SecretError> {
        match self.entry(id)?.delete_credential() {
            Ok(()) | Err(keyring_core::Error::NoEntry) => Ok(()),
            Err(error) => Err(failed(error)),
        }
    }
}

impl fmt::Debug for SecretStore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SecretStore")
            .field("store", &self.label)
            .finish_non_exhaustive()
    }
}

/// Turns a keyring error into typed facts. Variants that carry secret bytes (`BadEncoding`,
/// `BadDataFormat`) are kept without them.
fn failed(error: keyring_core::Error) -> SecretError {
    use keyring_core::Error as E;
    let failure = match error {
        E::NoStorageAccess(detail) => KeyringFailure::Locked(detail.to_string()),
        E::PlatformFailure(detail) => KeyringFailure::Platform(detail.to_string()),
        E::NoDefaultStore | E::NotSupportedByStore(_) => {
            return SecretError::Unavailable(NoKeyring::NoService(error.to_string()));
        }
        E::BadEncoding(_) | E::BadDataFormat(..) => KeyringFailure::Unreadable,
        E::BadStoreFormat(detail) => KeyringFailure::Damaged(detail),
        E::TooLong(attribute, limit) => KeyringFailure::TooLong { attribute, limit },
        E::Invalid(attribute, reason) => KeyringFailure::Invalid { attribute, reason },
        E::Ambiguous(entries) => KeyringFailure::Ambiguous {
            count: entries.len(),
        },
        other => KeyringFailure::Other(other.to_string()),
    };
    tracing::warn!("keyring: {failure}");
    SecretError::Failed(failure)
}

/// Opens the store of this platform.
#[cfg(target_os = "linux")]
fn platform_store() -> keyring_core::Result<Arc<CredentialStore>> {
    let store: Arc<CredentialStore> = zbus_secret_service_keyring_store::Store::new()?;
    Ok(store)
}

/// Opens the store of this platform.
#[cfg(target_os = "macos")]
fn platform_store() -> keyring_core::Result<Arc<CredentialStore>> {
    let store: Arc<CredentialStore> = apple_native_keyring_store::keychain::Store::new()?;
    Ok(store)
}

/// Opens the store of this platform.
#[cfg(windows)]
fn platform_store() -> keyring_core::Result<Arc<CredentialStore>> {
    let store: Arc<CredentialStore> = windows_native_keyring_store::Store::new()?;
    Ok(store)
}

/// Opens the store of this platform: there is none supported here.
#[cfg(not(any(target_os = "linux", target_os = "macos", windows)))]
fn platform_store() -> keyring_core::Result<Arc<CredentialStore>> {
    Err(keyring_core::Error::NotSupportedByStore(
        "this operating system has no supported keyring".to_owned(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mock() -> SecretStore {
        SecretStore::from_store(keyring_core::mock::Store::new().unwrap())
    }

    #[test]
    fn passwords_round_trip_through_the_store() {
        let store = mock();
        let id = ProfileId::new_random();
        let other = ProfileId::new_random();
        assert!(store.load(&id).unwrap().is_none());

        store
            .save(&id, &SecretString::from("Sup3rSecret!"))
            .unwrap();
        let loaded = store.load(&id).unwrap().unwrap();
        assert_eq!(loaded.expose_secret(), "Sup3rSecret!");
        assert!(store.load(&other).unwrap().is_none());

        store.save(&id, &SecretString::from("N3wSecret")).unwrap();
        assert_eq!(
            store.load(&id).unwrap().unwrap().expose_secret(),
            "N3wSecret"
        );

        store.delete(&id).unwrap();
        assert!(store.load(&id).unwrap().is_none());
        // Deleting what is not there is fine.
        store.delete(&id).unwrap();
        store.delete(&other).unwrap();
    }

    #[test]
    fn clones_share_the_store_and_separate_stores_do_not() {
        let store = mock();
        let clone = store.clone();
        let separate = mock();
        let id = ProfileId::new_random();
        store.save(&id, &SecretString::from("pw-one")).unwrap();
        assert_eq!(clone.load(&id).unwrap().unwrap().expose_secret(), "pw-one");
        assert!(separate.load(&id).unwrap().is_none());
    }

    #[test]
    fn the_entry_uses_the_service_name_and_profile_id() {
        let store = mock();
        let id = ProfileId::new_random();
        let entry = store.entry(&id).unwrap();
        assert_eq!(
            entry.get_specifiers(),
            Some((SECRET_SERVICE_NAME.to_owned(), id.as_str().to_owned()))
        );
    }

    #[test]
    fn debug_and_description_show_no_secret() {
        let store = mock();
        let id = ProfileId::new_random();
        store
            .save(&id, &SecretString::from("Sup3rSecret!"))
            .unwrap();
        let shown = format!("{store:?} {}", store.description());
        assert!(!shown.contains("Sup3rSecret!"), "{shown}");
        assert_eq!(store.description(), "Mock store");
    }

    #[test]
    fn errors_are_mapped_to_plain_messages() {
        let locked = failed(keyring_core::Error::NoStorageAccess("locked".into()));
        assert!(
            matches!(&locked, SecretError::Failed(KeyringFailure::Locked(m)) if m.contains("locked")),
            "{locked:?}"
        );
        let bad = failed(keyring_core::Error::BadEncoding(
            b"Sup3rSecret!\xff".to_vec(),
        ));
        let shown = format!("{bad} {bad:?}");
        assert!(!shown.contains("Sup3rSecret"), "{shown}");
        let missing = failed(keyring_core::Error::NoDefaultStore);
        assert!(matches!(
            missing,
            SecretError::Unavailable(NoKeyring::NoService(_))
        ));
    }

    #[test]
    fn platform_store_opens_or_says_why_not() {
        // On a machine without a keyring service this must be a clear error, not a panic.
        match SecretStore::platform() {
            Ok(store) => assert!(!store.description().is_empty()),
            Err(error) => assert!(!error.to_string().is_empty()),
        }
    }
}
