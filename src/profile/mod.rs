//! Connection profiles and their passwords: the settings file ([`ProfileFile`], TOML in the
//! user's configuration folder) and the OS keyring ([`SecretStore`]).
//!
//! Plain blocking functions, no egui and no async: the UI runs them through `tasks` on a
//! blocking thread. A [`Profile`] has no password field; passwords live only in the keyring.

pub mod config;
mod file;
mod merge;
pub mod secrets;

pub use config::{
    CrawlWhen, INDEX_CONCURRENCY_RANGE, IndexSettings, LoadedSettings, MovedAside, Profile,
    ProfileError, ProfileField, ProfileId, ProfileProblem, ProfileTls, Settings, TimeoutSetting,
    UnreadableSettings, validate_profile,
};
pub use file::ProfileFile;
pub use secrets::{KeyringFailure, NoKeyring, SECRET_SERVICE_NAME, SecretError, SecretStore};
