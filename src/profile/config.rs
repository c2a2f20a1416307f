//! Connection profiles, their validation, and the settings they are saved in (the file itself
//! is [`super::ProfileFile`]).
//!
//! A profile names one CCR instance: endpoint, instance id, user name, TLS and timeouts. It has
//! no password field: passwords live in the OS keyring ([`super::SecretStore`]).

use std::fmt;
use std::io;
use std::path::PathBuf;
use std::time::Duration;

use secrecy::SecretString;
use serde::{Deserialize, Serialize};

use crate::api::config::{
    AuthMethod, ConnectionConfig, DEFAULT_CONNECT_TIMEOUT, DEFAULT_INSTANCE_ID,
    DEFAULT_READ_TIMEOUT, DEFAULT_REQUEST_DEADLINE, EndpointError, RepositoryPathEncoding,
    TlsOptions, parse_endpoint,
};
use crate::contract as validate;

/// Shortest and longest timeout a profile may set, in seconds.
const TIMEOUT_RANGE_SECS: std::ops::RangeInclusive<u64> = 1..=600;

/// Shortest and longest request deadline a profile may set, in seconds: long enough for a slow
/// link to answer a large listing, short enough that a hung request ends within the hour.
const REQUEST_DEADLINE_RANGE_SECS: std::ops::RangeInclusive<u64> = 5..=3600;

/// The stable identity of a profile: a random UUID, also the keyring account of its password.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ProfileId(String);

impl ProfileId {
    /// A new, random id (UUID v4).
    pub fn new_random() -> Self {
        Self(uuid::Uuid::new_v4().to_string())
    }

    /// The id as text, as it appears in the settings file and the keyring.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ProfileId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// How a profile treats the server's TLS certificate.
#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ProfileTls {
    /// A PEM file with extra CA certificates to trust besides the system's.
    #[serde(default)]
    pub ca_file: Option<PathBuf>,
    /// Accept any certificate, even an invalid or self-signed one. Off by default.
    #[serde(default)]
    pub accept_invalid_certificates: bool,
}

/// One saved connection: where the CCR instance is and who logs in. The password is not here.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    /// Stable identity; also the keyring account of the password.
    pub id: ProfileId,
    /// The name shown in the profile list, unique among profiles.
    pub name: String,
    /// The server's base URL, `https://host[:port]` (http only for this computer).
    pub endpoint: String,
    /// The instance id in every request path, `ccr-manager` by default.
    #[serde(default = "default_instance_id")]
    pub instance_id: String,
    /// User name of the access credential.
    pub username: String,
    /// How the credential is sent: HTTP Basic (default) or a bearer token. With a token, the
    /// keyring's password slot of the profile holds the token.
    #[serde(default)]
    pub auth: AuthMethod,
    /// The registry's own `host[:port]` in pull commands; empty: the endpoint's host.
    #[serde(default)]
    pub registry_address: String,
    /// How `/` in multi-level repository names is sent: automatic (default), single or double.
    #[serde(default)]
    pub repository_path_encoding: RepositoryPathEncoding,
    /// TLS verification settings.
    #[serde(default)]
    pub tls: ProfileTls,
    /// Longest wait for a connection, in seconds.
    #[serde(default = "default_connect_timeout_secs")]
    pub connect_timeout_secs: u64,
    /// Longest silence while waiting for the next bytes of an answer, in seconds.
    #[serde(default = "default_read_timeout_secs")]
    pub read_timeout_secs: u64,
    /// Longest time a whole JSON request may take, answer included, in seconds (60 by
    /// default). Downloads are not bound by it.
    #[serde(default = "default_request_deadline_secs")]
    pub request_deadline_secs: u64,
    /// True for the "Local sandbox" profile that the app creates and manages itself.
    #[serde(default)]
    pub builtin_sandbox: bool,
}

fn default_instance_id() -> String {
    DEFAULT_INSTANCE_ID.to_owned()
}

fn default_connect_timeout_secs() -> u64 {
    DEFAULT_CONNECT_TIMEOUT.as_secs()
}

fn default_read_timeout_secs() -> u64 {
    DEFAULT_READ_TIMEOUT.as_secs()
}

fn default_request_deadline_secs() -> u64 {
    DEFAULT_REQUEST_DEADLINE.as_secs()
}

impl Profile {
    /// A new profile with a random id, empty name, endpoint and user name, the default instance
    /// id and the default timeouts: the starting point of "New profile".
    pub fn new_blank() -> Self {
        Self {
            id: ProfileId::new_random(),
            name: String::new(),
            endpoint: String::new(),
            instance_id: default_instance_id(),
            username: String::new(),
            auth: AuthMethod::default(),
            registry_address: String::new(),
            repository_path_encoding: RepositoryPathEncoding::default(),
            tls: ProfileTls::default(),
            connect_timeout_secs: default_connect_timeout_secs(),
            read_timeout_secs: default_read_timeout_secs(),
            request_deadline_secs: default_request_deadline_secs(),
            builtin_sandbox: false,
        }
    }

    /// A copy of this profile with a new id and a name like "Name (copy)", made unique among
    /// `existing` ("Name (copy 2)", …). The copy is never the built-in sandbox profile. The
    /// password is not copied: it belongs to the original's id in the keyring.
    #[must_use]
    pub fn duplicate(&self, existing: &[Profile]) -> Profile {
        let base = self.name.trim();
        let taken = |candidate: &str| existing.iter().any(|p| same_name(&p.name, candidate));
        let mut name = format!("{base} (copy)");
        let mut n = 2_u32;
        while taken(&name) {
            name = format!("{base} (copy {n})");
            n += 1;
        }
        Profile {
            id: ProfileId::new_random(),
            name,
            builtin_sandbox: false,
            ..self.clone()
        }
    }

    /// The client configuration for this profile with the given password: the endpoint is
    /// parsed and checked, the other fields copied, timeouts turned into durations.
    ///
    /// Fails when the endpoint, instance id, user name or a timeout does not pass
    /// [`validate_profile`] (the name does not matter for connecting).
    pub fn connection_config(
        &self,
        password: SecretString,
    ) -> Result<ConnectionConfig, ProfileError> {
        let endpoint = parse_endpoint(&self.endpoint)?;
        let problem = connection_problems(self)
            .into_iter()
            .find(|(field, _)| *field != ProfileField::Endpoint);
        if let Some((_, problem)) = problem {
            return Err(ProfileError::Invalid(problem));
        }
        let ca_file = self
            .tls
            .ca_file
            .clone()
            .filter(|path| !path.as_os_str().is_empty());
        Ok(ConnectionConfig {
            endpoint,
            instance_id: self.instance_id.trim().to_owned(),
            username: self.username.clone(),
            password,
            auth: self.auth,
            registry_address: Some(self.registry_address.trim().to_owned())
                .filter(|address| !address.is_empty()),
            repository_path_encoding: self.repository_path_encoding,
            tls: TlsOptions {
                extra_ca_file: ca_file,
                accept_invalid_certificates: self.tls.accept_invalid_certificates,
            },
            connect_timeout: Duration::from_secs(self.connect_timeout_secs),
            read_timeout: Duration::from_secs(self.read_timeout_secs),
            request_deadline: Duration::from_secs(self.request_deadline_secs),
        })
    }
}

/// A field of the profile editor, so a problem can be shown beside the field it is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ProfileField {
    /// The profile's display name.
    Name,
    /// The endpoint URL.
    Endpoint,
    /// The instance id.
    InstanceId,
    /// The user name.
    Username,
    /// The registry address of pull commands.
    RegistryAddress,
    /// The extra CA file.
    CaFile,
    /// The connect timeout.
    ConnectTimeout,
    /// The read timeout.
    ReadTimeout,
    /// The deadline of a whole request.
    RequestDeadline,
}

/// True when two profile names count as the same: trimmed, ignoring case.
fn same_name(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

/// A timeout setting of a profile.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TimeoutSetting {
    /// The connect timeout.
    Connect,
    /// The read timeout.
    Read,
    /// The deadline of a whole request.
    RequestDeadline,
}

/// What is wrong with a profile as edited, as facts; the UI words it beside its field.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ProfileProblem {
    /// The name is empty.
    #[error("name empty")]
    NameRequired,
    /// Another profile has the same name (trimmed, ignoring case).
    #[error("name taken")]
    NameTaken,
    /// The endpoint is empty.
    #[error("endpoint empty")]
    EndpointRequired,
    /// The endpoint cannot be used.
    #[error("endpoint: {0}")]
    Endpoint(EndpointError),
    /// The instance id is empty.
    #[error("instance id empty")]
    InstanceIdRequired,
    /// The instance id is `.` or `..`.
    #[error("instance id is a dot segment")]
    InstanceIdDotSegment,
    /// The user name breaks the document's rules.
    #[error("user name: {0}")]
    Username(validate::ValidationError),
    /// The registry address is not `host[:port]`.
    #[error("registry address is not host[:port]")]
    RegistryAddress,
    /// A timeout is outside its range.
    #[error("{setting:?} outside {min}..={max} s")]
    Timeout {
        /// Which timeout.
        setting: TimeoutSetting,
        /// Fewest seconds allowed.
        min: u64,
        /// Most seconds allowed.
        max: u64,
    },
}

/// The problems of the fields that matter for connecting (all but the name).
fn connection_problems(profile: &Profile) -> Vec<(ProfileField, ProfileProblem)> {
    let mut problems = Vec::new();

    if profile.endpoint.trim().is_empty() {
        problems.push((ProfileField::Endpoint, ProfileProblem::EndpointRequired));
    } else if let Err(error) = parse_endpoint(&profile.endpoint) {
        problems.push((ProfileField::Endpoint, ProfileProblem::Endpoint(error)));
    }

    let instance_id = profile.instance_id.trim();
    if instance_id.is_empty() {
        problems.push((ProfileField::InstanceId, ProfileProblem::InstanceIdRequired));
    } else if validate::path_segment(instance_id).is_err() {
        problems.push((
            ProfileField::InstanceId,
            ProfileProblem::InstanceIdDotSegment,
        ));
    }

    if let Err(error) = validate::username(&profile.username) {
        problems.push((ProfileField::Username, ProfileProblem::Username(error)));
    }

    let registry_address = profile.registry_address.trim();
    if !registry_address.is_empty() && !crate::pull_command::is_host(registry_address) {
        problems.push((
            ProfileField::RegistryAddress,
            ProfileProblem::RegistryAddress,
        ));
    }

    for (field, setting, secs, range) in [
        (
            ProfileField::ConnectTimeout,
            TimeoutSetting::Connect,
            profile.connect_timeout_secs,
            TIMEOUT_RANGE_SECS,
        ),
        (
            ProfileField::ReadTimeout,
            TimeoutSetting::Read,
            profile.read_timeout_secs,
            TIMEOUT_RANGE_SECS,
        ),
        (
            ProfileField::RequestDeadline,
            TimeoutSetting::RequestDeadline,
            profile.request_deadline_secs,
            REQUEST_DEADLINE_RANGE_SECS,
        ),
    ] {
        if !range.contains(&secs) {
            problems.push((
                field,
                ProfileProblem::Timeout {
                    setting,
                    min: *range.start(),
                    max: *range.end(),
                },
            ));
        }
    }
    problems
}

/// Problems with a profile as edited, each tied to its field. Empty when the profile can be
/// saved.
///
/// `all` is every saved profile; the name must differ (trimmed, ignoring case) from those with
/// another id. The CA file is not checked here: it is read when connecting.
pub fn validate_profile(profile: &Profile, all: &[Profile]) -> Vec<(ProfileField, ProfileProblem)> {
    let mut problems = Vec::new();
    if profile.name.trim().is_empty() {
        problems.push((ProfileField::Name, ProfileProblem::NameRequired));
    } else if all
        .iter()
        .any(|other| other.id != profile.id && same_name(&other.name, &profile.name))
    {
        problems.push((ProfileField::Name, ProfileProblem::NameTaken));
    }
    problems.extend(connection_problems(profile));
    problems
}

/// Everything the settings file holds: the profiles and where the user left off.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settings {
    /// The saved connection profiles, in the order the user sees them.
    #[serde(default)]
    pub profiles: Vec<Profile>,
    /// The profile that was open when the app last closed.
    #[serde(default)]
    pub last_profile: Option<ProfileId>,
    /// The screen that was open when the app last closed, as a route string owned by the UI
    /// (e.g. `projects/demo/repositories`).
    #[serde(default)]
    pub last_screen: Option<String>,
    /// The folder the last chart download was saved in, suggested for the next one.
    #[serde(default)]
    pub last_download_folder: Option<std::path::PathBuf>,
    /// The language the user chose in the app (a tag such as `zh-CN`); none until they choose,
    /// and the OS's locale decides.
    #[serde(default)]
    pub language: Option<String>,
    /// How the registry index is kept up to date.
    #[serde(default)]
    pub index: IndexSettings,
    /// The cleanup rule sets the user saved by name, in the order saved.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cleanup_rules: Vec<crate::cleanup::SavedRules>,
}

/// When the registry index walks the whole registry by itself.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CrawlWhen {
    /// After every connection, and on the schedule if one is set.
    #[default]
    OnConnect,
    /// Only when the user asks (and on the schedule if one is set).
    WhenAsked,
}

/// The registry index's settings: when it walks the registry, how many requests it keeps in
/// flight, and how often it walks again.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct IndexSettings {
    /// When a registry walk starts by itself.
    pub crawl: CrawlWhen,
    /// Most requests a walk keeps in flight ([`INDEX_CONCURRENCY_RANGE`]).
    pub concurrency: u32,
    /// Walk the registry again this many minutes after the last walk ended; `None`: never by
    /// itself.
    pub every_minutes: Option<u32>,
}

/// The requests in flight a walk of the registry may be given.
pub const INDEX_CONCURRENCY_RANGE: std::ops::RangeInclusive<u32> = 1..=16;

impl Default for IndexSettings {
    fn default() -> Self {
        Self {
            crawl: CrawlWhen::OnConnect,
            concurrency: 4,
            every_minutes: None,
        }
    }
}

impl IndexSettings {
    /// The concurrency, within [`INDEX_CONCURRENCY_RANGE`] whatever the file said.
    pub fn concurrency(&self) -> usize {
        let n = self.concurrency.clamp(
            *INDEX_CONCURRENCY_RANGE.start(),
            *INDEX_CONCURRENCY_RANGE.end(),
        );
        usize::try_from(n).unwrap_or(4)
    }

    /// The schedule as a wait, when one is set (at least a minute).
    pub fn every(&self) -> Option<Duration> {
        self.every_minutes
            .map(|minutes| Duration::from_secs(u64::from(minutes.max(1)) * 60))
    }
}

impl Settings {
    /// The profile with this id, if there is one.
    pub fn profile(&self, id: &ProfileId) -> Option<&Profile> {
        self.profiles.iter().find(|p| &p.id == id)
    }

    /// The profile with this id for editing, if there is one.
    pub fn profile_mut(&mut self, id: &ProfileId) -> Option<&mut Profile> {
        self.profiles.iter_mut().find(|p| &p.id == id)
    }
}

/// What loading found: the settings, and a notice when the file was unreadable and was moved
/// aside.
#[derive(Debug)]
pub struct LoadedSettings {
    /// The settings read (default settings when there was no usable file).
    pub settings: Settings,
    /// Set when the file could not be understood and was kept under another name; meant to be
    /// shown to the user once.
    pub notice: Option<MovedAside>,
}

/// The settings file could not be understood, so it was kept under another name and the app
/// started without profiles.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("settings file not understood ({problem}); kept as {}", kept.display())]
pub struct MovedAside {
    /// Where the file was kept.
    pub kept: PathBuf,
    /// Why it could not be understood.
    pub problem: UnreadableSettings,
}

/// Why the settings file could not be understood.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UnreadableSettings {
    /// The file is not UTF-8 text.
    #[error("not UTF-8")]
    NotUtf8,
    /// The TOML parser refused it.
    #[error("{}{message}", line.map(|l| format!("line {l}: ")).unwrap_or_default())]
    Toml {
        /// The line the parser stopped at, when it said.
        line: Option<usize>,
        /// What the parser said.
        message: String,
    },
}

/// Why profiles could not be loaded, saved or used.
#[derive(Debug, thiserror::Error)]
pub enum ProfileError {
    /// The platform gives no folder for per-user settings.
    #[error("no per-user settings folder")]
    NoConfigDir,
    /// The settings file exists but cannot be read.
    #[error("cannot read {}: {source}", path.display())]
    Read {
        /// The file that could not be read.
        path: PathBuf,
        /// What the operating system said.
        source: io::Error,
    },
    /// The settings file (or its folder) cannot be written.
    #[error("cannot write {}: {source}", path.display())]
    Write {
        /// The file or folder that could not be written.
        path: PathBuf,
        /// What the operating system said.
        source: io::Error,
    },
    /// The settings cannot be written as TOML (for example a CA file path that is not UTF-8);
    /// what the encoder said.
    #[error("cannot encode the settings as TOML: {0}")]
    Encode(String),
    /// The profile's endpoint cannot be used.
    #[error("profile endpoint: {0}")]
    Endpoint(#[from] EndpointError),
    /// Another field of the profile is not usable.
    #[error("profile unusable: {0}")]
    Invalid(ProfileProblem),
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use secrecy::ExposeSecret as _;

    /// A valid profile named `name`.
    pub(crate) fn profile(name: &str) -> Profile {
        Profile {
            name: name.to_owned(),
            endpoint: "https://registry.example.com".to_owned(),
            username: "admin".to_owned(),
            ..Profile::new_blank()
        }
    }

    /// Settings with the sandbox's profile and a remote one.
    pub(crate) fn sample_settings() -> Settings {
        let mut sandbox = profile("Local sandbox");
        sandbox.endpoint = "http://127.0.0.1:8480".to_owned();
        sandbox.builtin_sandbox = true;
        let mut remote = profile("Production 生产");
        remote.tls = ProfileTls {
            ca_file: Some(PathBuf::from("/etc/ssl/company-ca.pem")),
            accept_invalid_certificates: true,
        };
        remote.connect_timeout_secs = 5;
        remote.read_timeout_secs = 120;
        Settings {
            last_profile: Some(remote.id.clone()),
            last_screen: Some("projects/demo/repositories".to_owned()),
            profiles: vec![sandbox, remote],
            last_download_folder: Some(PathBuf::from("/home/me/Downloads/charts")),
            language: Some("zh-CN".to_owned()),
            index: IndexSettings {
                crawl: CrawlWhen::WhenAsked,
                concurrency: 8,
                every_minutes: Some(90),
            },
            cleanup_rules: vec![crate::cleanup::SavedRules {
                name: "old untagged".to_owned(),
                rules: crate::cleanup::Rules {
                    untagged: true,
                    pushed_more_than_days: Some(30),
                    keep_newest: Some(5),
                    tag_does_not_match: Some("release-*".to_owned()),
                    ..crate::cleanup::Rules::default()
                },
            }],
        }
    }

    fn messages_for(
        problems: &[(ProfileField, ProfileProblem)],
        field: ProfileField,
    ) -> Vec<&ProfileProblem> {
        problems
            .iter()
            .filter(|(f, _)| *f == field)
            .map(|(_, m)| m)
            .collect()
    }

    #[test]
    fn a_valid_profile_has_no_problems() {
        let p = profile("Production");
        assert_eq!(validate_profile(&p, std::slice::from_ref(&p)), vec![]);
    }

    #[test]
    fn names_are_required_and_unique_ignoring_case() {
        let existing = profile("Production");
        let mut edited = profile("  production ");
        let problems = validate_profile(&edited, std::slice::from_ref(&existing));
        assert_eq!(
            messages_for(&problems, ProfileField::Name),
            [&ProfileProblem::NameTaken]
        );
        // The same profile being edited does not clash with itself.
        edited.id = existing.id.clone();
        assert!(validate_profile(&edited, std::slice::from_ref(&existing)).is_empty());

        edited.name = "   ".to_owned();
        let problems = validate_profile(&edited, &[]);
        assert_eq!(
            messages_for(&problems, ProfileField::Name),
            [&ProfileProblem::NameRequired]
        );
    }

    #[test]
    fn endpoints_must_be_https_except_on_this_computer() {
        let mut p = profile("P");
        p.endpoint = "http://registry.example.com".to_owned();
        let problems = validate_profile(&p, &[]);
        let messages = messages_for(&problems, ProfileField::Endpoint);
        assert_eq!(messages.len(), 1);
        assert_eq!(
            messages[0],
            &ProfileProblem::Endpoint(EndpointError::InsecureRemote)
        );

        p.endpoint = "http://127.0.0.1:8480".to_owned();
        assert!(validate_profile(&p, &[]).is_empty());
        p.endpoint = "https://r.example.com:8443/".to_owned();
        assert!(validate_profile(&p, &[]).is_empty());

        p.endpoint = String::new();
        let problems = validate_profile(&p, &[]);
        assert_eq!(
            messages_for(&problems, ProfileField::Endpoint),
            [&ProfileProblem::EndpointRequired]
        );
        p.endpoint = "https://r.example.com/api".to_owned();
        assert_eq!(
            messages_for(&validate_profile(&p, &[]), ProfileField::Endpoint).len(),
            1
        );
    }

    #[test]
    fn username_instance_id_and_timeouts_are_checked() {
        let mut p = profile("P");
        p.username = String::new();
        p.instance_id = " ".to_owned();
        p.connect_timeout_secs = 0;
        p.read_timeout_secs = 601;
        let problems = validate_profile(&p, &[]);
        assert_eq!(
            messages_for(&problems, ProfileField::Username),
            [&ProfileProblem::Username(
                validate::ValidationError::Empty {
                    field: validate::Field::Username
                }
            )]
        );
        assert_eq!(
            messages_for(&problems, ProfileField::InstanceId),
            [&ProfileProblem::InstanceIdRequired]
        );
        assert_eq!(
            messages_for(&problems, ProfileField::ConnectTimeout),
            [&ProfileProblem::Timeout {
                setting: TimeoutSetting::Connect,
                min: 1,
                max: 600
            }]
        );
        assert_eq!(
            messages_for(&problems, ProfileField::ReadTimeout),
            [&ProfileProblem::Timeout {
                setting: TimeoutSetting::Read,
                min: 1,
                max: 600
            }]
        );

        p.username = "a:b".to_owned();
        p.instance_id = "..".to_owned();
        let problems = validate_profile(&p, &[]);
        assert_eq!(messages_for(&problems, ProfileField::Username).len(), 1);
        assert_eq!(
            messages_for(&problems, ProfileField::InstanceId),
            [&ProfileProblem::InstanceIdDotSegment]
        );
    }

    #[test]
    fn registry_address_auth_and_encoding_are_checked_saved_and_passed_on() {
        let mut p = profile("P");
        let config = p.connection_config(SecretString::from("x")).unwrap();
        assert_eq!(config.registry_address, None);
        assert_eq!(config.auth, AuthMethod::Basic);
        assert_eq!(
            config.repository_path_encoding,
            RepositoryPathEncoding::Automatic
        );

        for good in [
            "registry.example.com:5000",
            "r.io",
            "10.0.0.1:443",
            "[::1]:5000",
        ] {
            p.registry_address = format!(" {good} ");
            assert!(validate_profile(&p, &[]).is_empty(), "{good}");
        }
        for bad in [
            "https://registry.example.com",
            "r.io/path",
            "r.io:port",
            "r.io;id",
            "-r.io",
        ] {
            p.registry_address = bad.to_owned();
            let problems = validate_profile(&p, &[]);
            assert_eq!(
                messages_for(&problems, ProfileField::RegistryAddress).len(),
                1,
                "{bad}"
            );
            assert!(p.connection_config(SecretString::from("x")).is_err());
        }

        p.registry_address = " registry.example.com:5000 ".to_owned();
        p.auth = AuthMethod::Bearer;
        p.repository_path_encoding = RepositoryPathEncoding::Double;
        let config = p.connection_config(SecretString::from("x")).unwrap();
        assert_eq!(
            config.registry_address.as_deref(),
            Some("registry.example.com:5000")
        );
        assert_eq!(config.auth, AuthMethod::Bearer);
        assert_eq!(
            config.repository_path_encoding,
            RepositoryPathEncoding::Double
        );

        let settings = Settings {
            profiles: vec![p],
            ..Settings::default()
        };
        let text = toml::to_string(&settings).unwrap();
        assert!(text.contains("auth = \"bearer\""), "{text}");
        assert!(
            text.contains("repository_path_encoding = \"double\""),
            "{text}"
        );
        assert!(!text.to_lowercase().contains("token"), "{text}");
        assert_eq!(toml::from_str::<Settings>(&text).unwrap(), settings);
    }

    #[test]
    fn duplicates_get_unique_copy_names_and_new_ids() {
        let mut original = profile("Sandbox");
        original.builtin_sandbox = true;
        let mut all = vec![original.clone()];

        let first = original.duplicate(&all);
        assert_eq!(first.name, "Sandbox (copy)");
        assert_ne!(first.id, original.id);
        assert!(!first.builtin_sandbox);
        assert_eq!(first.endpoint, original.endpoint);
        assert_eq!(first.username, original.username);
        all.push(first);

        let second = original.duplicate(&all);
        assert_eq!(second.name, "Sandbox (copy 2)");
        all.push(second);
        let mut odd = profile("sandbox (COPY 3)");
        odd.id = ProfileId::new_random();
        all.push(odd);
        assert_eq!(original.duplicate(&all).name, "Sandbox (copy 4)");

        // Every copy passes validation against the list it was made for.
        let third = original.duplicate(&all);
        all.push(third.clone());
        assert!(validate_profile(&third, &all).is_empty());
    }

    #[test]
    fn new_blank_uses_defaults() {
        let a = Profile::new_blank();
        let b = Profile::new_blank();
        assert_ne!(a.id, b.id);
        assert_eq!(a.id.as_str().len(), 36);
        assert_eq!(a.id.to_string(), a.id.as_str());
        assert_eq!(a.instance_id, DEFAULT_INSTANCE_ID);
        assert_eq!(a.connect_timeout_secs, 10);
        assert_eq!(a.read_timeout_secs, 30);
        assert!(a.name.is_empty() && a.endpoint.is_empty() && a.username.is_empty());
        assert!(!a.builtin_sandbox);
    }

    #[test]
    fn connection_config_carries_tls_and_timeouts() {
        let mut p = profile("P");
        p.instance_id = " my-instance ".to_owned();
        p.connect_timeout_secs = 3;
        p.read_timeout_secs = 90;
        p.tls = ProfileTls {
            ca_file: Some(PathBuf::from("/tmp/ca.pem")),
            accept_invalid_certificates: true,
        };
        let config = p
            .connection_config(SecretString::from("Sup3rSecret!"))
            .unwrap();
        assert_eq!(config.endpoint.as_str(), "https://registry.example.com/");
        assert_eq!(config.instance_id, "my-instance");
        assert_eq!(config.username, "admin");
        assert_eq!(config.password.expose_secret(), "Sup3rSecret!");
        assert_eq!(config.connect_timeout, Duration::from_secs(3));
        assert_eq!(config.read_timeout, Duration::from_secs(90));
        assert_eq!(
            config.tls,
            TlsOptions {
                extra_ca_file: Some(PathBuf::from("/tmp/ca.pem")),
                accept_invalid_certificates: true,
            }
        );

        p.tls.ca_file = Some(PathBuf::new());
        let config = p.connection_config(SecretString::from("x")).unwrap();
        assert_eq!(config.tls.extra_ca_file, None);
    }

    #[test]
    fn request_deadline_defaults_is_checked_and_reaches_the_client() {
        let mut p = profile("P");
        assert_eq!(p.request_deadline_secs, 60);
        let config = p.connection_config(SecretString::from("x")).unwrap();
        assert_eq!(
            config.request_deadline,
            crate::api::config::DEFAULT_REQUEST_DEADLINE
        );

        p.request_deadline_secs = 300;
        let config = p.connection_config(SecretString::from("x")).unwrap();
        assert_eq!(config.request_deadline, Duration::from_mins(5));

        for (secs, ok) in [
            (4, false),
            (5, true),
            (3600, true),
            (3601, false),
            (0, false),
        ] {
            p.request_deadline_secs = secs;
            let problems = validate_profile(&p, &[]);
            let messages = messages_for(&problems, ProfileField::RequestDeadline);
            if ok {
                assert!(messages.is_empty(), "{secs}: {messages:?}");
            } else {
                assert_eq!(
                    messages,
                    [&ProfileProblem::Timeout {
                        setting: TimeoutSetting::RequestDeadline,
                        min: 5,
                        max: 3600
                    }],
                    "{secs}"
                );
                let error = p.connection_config(SecretString::from("x")).unwrap_err();
                assert!(
                    matches!(
                        error,
                        ProfileError::Invalid(ProfileProblem::Timeout {
                            setting: TimeoutSetting::RequestDeadline,
                            ..
                        })
                    ),
                    "{error:?}"
                );
            }
        }

        // A file written before the setting existed gets the default; a set value round-trips.
        let text = r#"
            [[profiles]]
            id = "abc"
            name = "Mine"
            endpoint = "https://r.example.com"
            username = "me"
        "#;
        let settings: Settings = toml::from_str(text).unwrap();
        assert_eq!(settings.profiles[0].request_deadline_secs, 60);
        p.request_deadline_secs = 120;
        let settings = Settings {
            profiles: vec![p],
            ..Settings::default()
        };
        let text = toml::to_string(&settings).unwrap();
        assert!(text.contains("request_deadline_secs = 120"), "{text}");
        assert_eq!(toml::from_str::<Settings>(&text).unwrap(), settings);
    }

    #[test]
    fn connection_config_refuses_unusable_profiles() {
        let mut p = profile("");
        // The name does not matter for connecting.
        assert!(p.connection_config(SecretString::from("x")).is_ok());

        p.endpoint = "http://registry.example.com".to_owned();
        let error = p.connection_config(SecretString::from("x")).unwrap_err();
        assert!(matches!(
            error,
            ProfileError::Endpoint(EndpointError::InsecureRemote)
        ));

        p.endpoint = "https://registry.example.com".to_owned();
        p.read_timeout_secs = 0;
        let error = p
            .connection_config(SecretString::from("Sup3rSecret!"))
            .unwrap_err();
        let shown = format!("{error} {error:?}");
        assert!(
            matches!(
                error,
                ProfileError::Invalid(ProfileProblem::Timeout {
                    setting: TimeoutSetting::Read,
                    ..
                })
            ),
            "{shown}"
        );
        assert!(!shown.contains("Sup3rSecret!"), "{shown}");
    }

    #[test]
    fn settings_find_profiles_by_id() {
        let mut settings = sample_settings();
        let id = settings.profiles[1].id.clone();
        assert_eq!(settings.profile(&id).unwrap().name, "Production 生产");
        settings.profile_mut(&id).unwrap().name = "Renamed".to_owned();
        assert_eq!(settings.profiles[1].name, "Renamed");
        assert!(settings.profile(&ProfileId::new_random()).is_none());
    }
}
