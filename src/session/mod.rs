//! The app's session, outside the UI: the settings and their file, the keyring, the built-in
//! sandbox, and the connection to the current profile. The UI drives it once a frame
//! ([`Session::poll`]) and through its methods; every slow call runs through [`Tasks`], so
//! nothing here blocks a frame. What the UI must react to comes back as [`SessionEvent`]s.

mod builtin_sandbox;
mod connection;
pub mod keyring;
mod registry_index;
mod settings_store;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use secrecy::SecretString;

pub use builtin_sandbox::{SandboxPlan, SandboxStartError};
pub use connection::{
    ConnectFailure, Connected, KEYRING_TIMEOUT, PasswordSource, UnreachableClient, connect,
    format_latency,
};
pub use keyring::{KeyringProblem, KeyringWrite, SecretsSource};
pub use registry_index::{CrawlEnd, IndexPlan, IndexStatus, Recordings, RegistryIndex};
pub use settings_store::SaveProblem;

use builtin_sandbox::BuiltinSandbox;
use keyring::Keyring;
use settings_store::SettingsStore;

use crate::activity::{Actor, Operation, PendingChange, Via};
use crate::api::config::RepositoryPathEncoding;
use crate::api::paths::SegmentEncoding;
use crate::api::{ApiError, CcrClient, PageRequest};
use crate::cleanup::SavedRules;
use crate::index::{CrawlProgress, CrawlScope};
use crate::profile::{
    IndexSettings, MovedAside, Profile, ProfileError, ProfileFile, ProfileId, SecretError,
    SecretStore, Settings,
};
use crate::sandbox;
use crate::tasks::{Job, RequestRecord, Tasks};

/// What the index of the built-in sandbox's profile is tied to, whatever port it runs on.
const BUILTIN_SANDBOX_SERVER: &str = "built-in sandbox";

/// The name of the profile the app creates for its built-in sandbox.
pub const SANDBOX_PROFILE_NAME: &str = "Local sandbox";

/// Where the connection to the current profile stands.
pub enum ConnectionState {
    /// No profile is in use.
    NoProfile,
    /// Waiting for the keyring or the built-in sandbox before connecting.
    Waiting {
        /// The profile to connect.
        profile: ProfileId,
    },
    /// The connection test is running.
    Connecting {
        /// The profile being connected.
        profile: ProfileId,
        /// The attempt.
        attempt: poll_promise::Promise<Result<Connected, ConnectFailure>>,
        /// When the attempt succeeded while the profile's index was still opening: the
        /// connection waits for it (at most [`INDEX_OPEN_WAIT`]) so that the first pages the
        /// screens show are recorded too.
        answered: Option<Instant>,
    },
    /// Connected.
    Connected {
        /// The profile connected.
        profile: ProfileId,
        /// The working connection.
        session: Connected,
    },
    /// The last attempt failed.
    Failed {
        /// The profile that failed.
        profile: ProfileId,
        /// Why.
        failure: ConnectFailure,
    },
}

impl ConnectionState {
    /// The profile this state is about.
    pub fn profile(&self) -> Option<&ProfileId> {
        match self {
            Self::NoProfile => None,
            Self::Waiting { profile }
            | Self::Connecting { profile, .. }
            | Self::Connected { profile, .. }
            | Self::Failed { profile, .. } => Some(profile),
        }
    }
}

/// What the UI must react to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SessionEvent {
    /// A connection attempt started: what the screens show is stale. `switched` when it is
    /// another profile's registry, whose projects are not the last one's.
    Reconnecting {
        /// Whether the profile changed.
        switched: bool,
    },
    /// The profile's password must be typed: none is stored, or the server refused it.
    NeedsPassword(ProfileId),
    /// The current profile was deleted: nothing is connected any more.
    Disconnected,
    /// The server answers again after requests could not reach it: the screen can reload.
    Recovered,
    /// The server wants multi-level repository names doubly encoded (as Harbor does); the
    /// profile now says so, and the client does it from now on.
    LearnedDoubleEncoding,
}

/// Something the user should be told (a file that could not be read, a keyring write that
/// failed), as facts: the UI words it each time it draws it, in the language shown then.
#[derive(Debug)]
pub enum SessionNotice {
    /// The profiles file exists but cannot be read: profiles start empty, and nothing is saved
    /// over the file until it can be read.
    ProfilesUnreadable(ProfileError),
    /// The profiles file could not be understood and was moved aside: the app started without
    /// profiles.
    ProfilesMovedAside(MovedAside),
    /// The built-in sandbox could not start.
    SandboxFailed(SandboxStartError),
    /// A keyring write has not ended after the keyring's patience; later writes wait for it.
    KeyringSlow {
        /// How long the app has waited, in seconds.
        waited_secs: u64,
    },
    /// A keyring write failed.
    KeyringWriteFailed {
        /// What the write did.
        write: KeyringWrite,
        /// Why it failed.
        problem: KeyringProblem,
    },
    /// Saving the profiles file failed.
    SaveFailed(SaveProblem),
}

/// A profile's name as the app shows it: the name the user gave, or the built-in sandbox's
/// own name while it keeps the one the app gave it, which the UI words in the shown language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProfileName {
    /// The profile's own name.
    Named(String),
    /// The built-in sandbox's profile, still named [`SANDBOX_PROFILE_NAME`].
    Sandbox,
}

impl ProfileName {
    /// How `profile` is named.
    pub fn of(profile: &Profile) -> Self {
        if profile.builtin_sandbox && profile.name == SANDBOX_PROFILE_NAME {
            Self::Sandbox
        } else {
            Self::Named(profile.name.clone())
        }
    }
}

/// The session's own work, as the status line names it; the UI words it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SessionWork {
    /// Checking whether a server that could not be reached answers again.
    CheckConnection,
    /// Connecting a profile (while it runs).
    Connecting {
        /// The profile.
        profile: ProfileName,
    },
    /// The connection test of a profile (once it ended).
    Connect {
        /// The profile.
        profile: ProfileName,
    },
    /// Starting the built-in sandbox.
    StartSandbox,
    /// Walking the registry (or part of it) into the index.
    Indexing(CrawlWatch),
}

/// How far the crawl shown in the status line has come, read when the line is drawn.
#[derive(Clone, Default)]
pub struct CrawlWatch(pub Arc<std::sync::Mutex<CrawlProgress>>);

impl CrawlWatch {
    /// The progress now.
    pub fn now(&self) -> CrawlProgress {
        self.0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
    }
}

impl std::fmt::Debug for CrawlWatch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("CrawlWatch").field(&self.now()).finish()
    }
}

impl PartialEq for CrawlWatch {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl Eq for CrawlWatch {}

/// Whether the connected server answers, as the last requests saw it.
#[derive(Debug, Clone)]
pub enum Health {
    /// The last request reached the server.
    Answering,
    /// The last request could not reach it; a check runs again soon.
    Unreachable {
        /// Why: the last request's error.
        reason: Arc<ApiError>,
    },
}

/// How long a connection that answered waits for its profile's index to finish opening
/// (a rebuild or a migration can take a moment) before the screens start without it.
const INDEX_OPEN_WAIT: Duration = Duration::from_secs(5);

/// The first wait before checking an unreachable server again, and the longest.
const PROBE_FIRST_WAIT: Duration = Duration::from_secs(1);
const PROBE_LONGEST_WAIT: Duration = Duration::from_secs(30);

/// The session: settings, keyring, built-in sandbox and connection.
pub struct Session {
    tasks: Tasks,
    settings: Settings,
    store: SettingsStore,
    keyring: Keyring,
    /// Passwords known for this session only (typed, or no keyring to keep them).
    typed_passwords: HashMap<ProfileId, SecretString>,
    sandbox: BuiltinSandbox,
    /// Connect to the built-in sandbox as soon as it runs (first run, `--sandbox`).
    connect_sandbox_when_ready: bool,
    connection: ConnectionState,
    /// A profile to connect once the keyring (and for the sandbox, the sandbox) is ready.
    pending_connect: Option<ProfileId>,
    notices: Vec<SessionNotice>,
    events: Vec<SessionEvent>,
    default_download_folder: PathBuf,
    /// The check of an unreachable server that runs now, and the wait before the next one.
    probe: Option<Job<Result<(), ApiError>>>,
    probe_wait: Duration,
    /// How many connections were made so far: a result older than the last one is stale.
    connections_made: u64,
    /// The registry index of the profile in use.
    index: RegistryIndex,
}

/// The registry cannot be reached and the index holds what it had: the screens show that,
/// read-only.
#[derive(Clone)]
pub struct Offline {
    /// The client of the profile in use (its requests fail now; the server is checked again).
    pub client: Arc<CcrClient>,
    /// Why the server cannot be reached.
    pub reason: Arc<ApiError>,
}

impl Session {
    /// Loads the profiles, starts opening the keyring, and starts the built-in sandbox (first
    /// run, or `plan.start_now`) or plans to connect the last profile.
    pub fn start(
        tasks: Tasks,
        profile_file: ProfileFile,
        secrets: SecretsSource,
        plan: SandboxPlan,
        index: IndexPlan,
    ) -> Self {
        let mut notices = Vec::new();
        let (store, settings) = SettingsStore::load(profile_file, &mut notices);
        let keyring = Keyring::open(secrets, &tasks, KEYRING_TIMEOUT);
        let mut session = Self {
            tasks,
            settings,
            store,
            keyring,
            typed_passwords: HashMap::new(),
            sandbox: BuiltinSandbox::new(plan),
            connect_sandbox_when_ready: false,
            connection: ConnectionState::NoProfile,
            pending_connect: None,
            notices,
            events: Vec::new(),
            default_download_folder: default_download_folder(),
            probe: None,
            probe_wait: PROBE_FIRST_WAIT,
            connections_made: 0,
            index: RegistryIndex::new(index),
        };
        session.plan_first_connection();
        session
    }

    fn plan_first_connection(&mut self) {
        let first = self
            .settings
            .last_profile
            .clone()
            .filter(|id| self.settings.profile(id).is_some())
            .or_else(|| self.settings.profiles.first().map(|p| p.id.clone()));
        if self.settings.profiles.is_empty() || self.sandbox.start_now() {
            self.sandbox.start(&self.tasks);
            self.connect_sandbox_when_ready = true;
            if let Some(id) = self.sandbox_profile().map(|p| p.id.clone()) {
                self.wait_to_connect(id);
            }
        }
        if self.pending_connect.is_none()
            && let Some(id) = first
        {
            self.wait_to_connect(id);
        }
    }

    fn wait_to_connect(&mut self, id: ProfileId) {
        self.pending_connect = Some(id.clone());
        self.connection = ConnectionState::Waiting { profile: id };
    }

    /// The profiles and what is remembered.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// Where the connection stands.
    pub fn connection(&self) -> &ConnectionState {
        &self.connection
    }

    /// The connected profile and how many connections were made so far, when connected: a
    /// result from before the latest connection is stale.
    pub fn connected_profile(&self) -> Option<(&ProfileId, u64)> {
        match &self.connection {
            ConnectionState::Connected { profile, .. } => Some((profile, self.connections_made)),
            _ => None,
        }
    }

    /// The profile in use (connected or not).
    pub fn current_profile(&self) -> Option<&Profile> {
        self.settings.profile(self.connection.profile()?)
    }

    /// The working connection, when connected.
    pub fn connected(&self) -> Option<&Connected> {
        match &self.connection {
            ConnectionState::Connected { session, .. } => Some(session),
            _ => None,
        }
    }

    /// Notices for the user (a file that could not be read, a keyring write that failed).
    pub fn notices(&self) -> &[SessionNotice] {
        &self.notices
    }

    /// The user dismissed the notices.
    pub fn dismiss_notices(&mut self) {
        self.notices.clear();
    }

    /// What the UI must react to since the last call, oldest first.
    pub fn take_events(&mut self) -> Vec<SessionEvent> {
        std::mem::take(&mut self.events)
    }

    /// The open keyring, if any.
    pub fn secret_store(&self) -> Option<&SecretStore> {
        self.keyring.store()
    }

    /// Why there is no keyring, once known.
    pub fn keyring_problem(&self) -> Option<&SecretError> {
        self.keyring.problem()
    }

    /// The passwords known for this session only.
    pub fn session_passwords(&self) -> &HashMap<ProfileId, SecretString> {
        &self.typed_passwords
    }

    /// The address of the built-in sandbox while it runs in this app.
    pub fn sandbox_url(&self) -> Option<&str> {
        self.sandbox.url()
    }

    /// Whether the built-in sandbox is starting.
    pub fn sandbox_starting(&self) -> bool {
        self.sandbox.is_starting()
    }

    /// The folder suggested for the next download: the last one used, else the user's
    /// download folder.
    pub fn download_folder(&self) -> PathBuf {
        self.settings
            .last_download_folder
            .clone()
            .unwrap_or_else(|| self.default_download_folder.clone())
    }

    fn sandbox_profile(&self) -> Option<&Profile> {
        self.settings.profiles.iter().find(|p| p.builtin_sandbox)
    }

    /// Advances everything that runs in the background; call once a frame.
    pub fn poll(&mut self) {
        self.keyring.poll(&self.tasks, &mut self.notices);
        self.poll_sandbox();
        self.poll_pending_connect();
        self.poll_connection();
        self.poll_health();
        self.poll_learned_encoding();
        self.poll_index();
        self.store
            .poll(&self.tasks, &self.settings, &mut self.notices);
    }

    /// When the client has learned that the server wants multi-level names doubly encoded,
    /// the profile keeps it, so the next connection starts with it.
    fn poll_learned_encoding(&mut self) {
        let Some(connected) = self.connected() else {
            return;
        };
        if connected.client.path_encoding_learned() != Some(SegmentEncoding::Double) {
            return;
        }
        let Some(id) = self.connection.profile().cloned() else {
            return;
        };
        if let Some(profile) = self.settings.profile_mut(&id)
            && profile.repository_path_encoding == RepositoryPathEncoding::Automatic
        {
            profile.repository_path_encoding = RepositoryPathEncoding::Double;
            self.store.mark_changed();
            self.events.push(SessionEvent::LearnedDoubleEncoding);
        }
    }

    fn poll_index(&mut self) {
        self.index
            .use_profile(&self.tasks, self.connection.profile());
        let server = self.current_profile().map(|profile| {
            if profile.builtin_sandbox {
                // Its port changes from run to run; its data stays.
                BUILTIN_SANDBOX_SERVER.to_owned()
            } else {
                profile.endpoint.clone()
            }
        });
        let connected = match (&self.connection, &server) {
            (ConnectionState::Connected { session, .. }, Some(server)) => {
                Some((&session.client, self.connections_made, server.as_str()))
            }
            _ => None,
        };
        self.index
            .poll(&self.tasks, connected, &self.settings.index);
    }

    /// What the screens see of the registry index, when one is open.
    pub fn index_status(&self) -> Option<IndexStatus<'_>> {
        self.index.status(&self.settings.index)
    }

    /// The registry index of the profile in use.
    pub fn registry_index(&self) -> &RegistryIndex {
        &self.index
    }

    /// Stops every crawl (a registry crawl resumes next time).
    pub fn cancel_crawls(&mut self) {
        self.index.cancel_all();
    }

    /// Starts a crawl of `scope` with the connected client (nothing when not connected).
    pub fn start_crawl(&mut self, scope: CrawlScope) {
        if let ConnectionState::Connected { session, .. } = &self.connection {
            self.index
                .start_crawl(&self.tasks, &session.client, scope, &self.settings.index);
        }
    }

    /// Forgets everything the index holds (stopping its crawls).
    pub fn clear_index(&mut self) {
        self.index.clear(&self.tasks);
    }

    /// The index settings changed (kept for the next run).
    pub fn set_index_settings(&mut self, settings: IndexSettings) {
        if self.settings.index != settings {
            self.settings.index = settings;
            self.store.mark_changed();
            self.index.settings_changed();
        }
    }

    /// When the server cannot be reached and the index holds something of it: the client and
    /// why. The screens then show the index, read-only.
    pub fn offline(&self) -> Option<Offline> {
        let holds_something = self
            .index
            .freshness()
            .is_some_and(|freshness| freshness.projects > 0);
        if !holds_something {
            return None;
        }
        match (&self.connection, self.health()) {
            (ConnectionState::Connected { session, .. }, Health::Unreachable { reason }) => {
                Some(Offline {
                    client: Arc::clone(&session.client),
                    reason,
                })
            }
            (
                ConnectionState::Failed {
                    failure: ConnectFailure::Unreachable(error, client),
                    ..
                },
                _,
            ) => Some(Offline {
                client: Arc::clone(&client.0),
                reason: Arc::clone(error),
            }),
            _ => None,
        }
    }

    /// Whether the connected server answers, as the last request saw it.
    pub fn health(&self) -> Health {
        let log = self.tasks.request_log();
        match log.last().and_then(|record| record.unreachable.clone()) {
            Some(reason) if self.connected().is_some() => Health::Unreachable { reason },
            _ => Health::Answering,
        }
    }

    /// While the server cannot be reached, checks it again with growing waits; the first
    /// answer makes the screens reload.
    fn poll_health(&mut self) {
        if let Some(probe) = self.probe.take() {
            match probe.try_take() {
                Err(probe) => self.probe = Some(probe),
                Ok(Ok(())) => {
                    self.probe_wait = PROBE_FIRST_WAIT;
                    if matches!(self.connection, ConnectionState::Failed { .. }) {
                        // The first connection could not reach the server: connect now.
                        self.reconnect();
                    } else {
                        self.events.push(SessionEvent::Recovered);
                    }
                }
                Ok(Err(_)) => self.probe_wait = (self.probe_wait * 2).min(PROBE_LONGEST_WAIT),
            }
            return;
        }
        let client = match &self.connection {
            ConnectionState::Connected { session, .. } => {
                if matches!(self.health(), Health::Answering) {
                    self.probe_wait = PROBE_FIRST_WAIT;
                    return;
                }
                Arc::clone(&session.client)
            }
            // Offline from the start: the index is shown, and the server checked again.
            ConnectionState::Failed {
                failure: ConnectFailure::Unreachable(_, client),
                ..
            } if self.offline().is_some() => Arc::clone(&client.0),
            _ => return,
        };
        let wait = self.probe_wait;
        self.probe = Some(self.tasks.api(SessionWork::CheckConnection, async move {
            tokio::time::sleep(wait).await;
            client
                .list_projects(&PageRequest::new(1, 1))
                .await
                .map(|reply| reply.map(|_| ()))
        }));
    }

    fn poll_sandbox(&mut self) {
        match self.sandbox.poll() {
            None => {}
            Some(Ok(started)) => {
                let id = self.adopt_sandbox(&started.base_url, started.default_password);
                if std::mem::take(&mut self.connect_sandbox_when_ready)
                    || (self.pending_connect.is_none()
                        && matches!(self.connection, ConnectionState::NoProfile))
                {
                    self.pending_connect = Some(id);
                }
            }
            Some(Err(problem)) => {
                self.notices.push(SessionNotice::SandboxFailed(problem));
            }
        }
    }

    fn poll_pending_connect(&mut self) {
        let Some(id) = self.pending_connect.clone() else {
            return;
        };
        let builtin = self
            .settings
            .profile(&id)
            .is_some_and(|p| p.builtin_sandbox);
        if builtin && self.sandbox.has_failed() {
            self.pending_connect = None;
            self.connection = ConnectionState::NoProfile;
        } else if !(self.keyring.is_opening() || builtin && self.sandbox.is_starting()) {
            self.connect(id);
        }
    }

    fn poll_connection(&mut self) {
        let ConnectionState::Connecting {
            profile,
            attempt,
            answered,
        } = &mut self.connection
        else {
            return;
        };
        let Some(result) = attempt.ready_mut() else {
            return;
        };
        if result.is_ok() && !self.index.has_opened(profile) {
            let since = *answered.get_or_insert_with(Instant::now);
            if since.elapsed() < INDEX_OPEN_WAIT {
                return;
            }
            tracing::warn!("the registry index is still opening: connected without it");
        }
        let profile = profile.clone();
        let result = std::mem::replace(result, Err(ConnectFailure::NoPassword(None)));
        self.record_connection_test(&profile, &result);
        self.connection = match result {
            Ok(session) => {
                self.connections_made += 1;
                ConnectionState::Connected { profile, session }
            }
            Err(failure) => {
                if failure.needs_password() {
                    self.events
                        .push(SessionEvent::NeedsPassword(profile.clone()));
                }
                ConnectionState::Failed { profile, failure }
            }
        };
    }

    /// The connection test is the session's first request: the status line shows it.
    fn record_connection_test(
        &self,
        profile: &ProfileId,
        result: &Result<Connected, ConnectFailure>,
    ) {
        let name = self
            .settings
            .profile(profile)
            .map_or_else(|| ProfileName::Named(String::new()), ProfileName::of);
        let label = SessionWork::Connect { profile: name };
        let record = match result {
            Ok(session) => RequestRecord::succeeded(label, session.latency, None),
            Err(failure) => match failure.api_error() {
                Some(error) => RequestRecord::failed(label, Duration::ZERO, error),
                None => return,
            },
        };
        self.tasks.record(record);
    }

    /// Makes sure the sandbox profile exists and points at `base_url`; returns its id. While
    /// the sandbox's administrator keeps the default password, the app knows it.
    fn adopt_sandbox(&mut self, base_url: &str, default_password: bool) -> ProfileId {
        let keyring_open = self.keyring.store().is_some();
        if let Some(profile) = self
            .settings
            .profiles
            .iter_mut()
            .find(|p| p.builtin_sandbox)
        {
            let id = profile.id.clone();
            if profile.endpoint != base_url {
                base_url.clone_into(&mut profile.endpoint);
                self.store.mark_changed();
            }
            if default_password && !keyring_open {
                // No keyring to remember it across runs: the session knows the default.
                self.typed_passwords
                    .entry(id.clone())
                    .or_insert_with(|| SecretString::from(sandbox::DEFAULT_ADMIN_PASSWORD));
            }
            return id;
        }
        let mut profile = Profile::new_blank();
        SANDBOX_PROFILE_NAME.clone_into(&mut profile.name);
        base_url.clone_into(&mut profile.endpoint);
        sandbox::ADMIN_USER.clone_into(&mut profile.username);
        profile.builtin_sandbox = true;
        let id = profile.id.clone();
        self.settings.profiles.push(profile);
        if self.settings.last_profile.is_none() {
            self.settings.last_profile = Some(id.clone());
        }
        self.store.mark_changed();
        if default_password {
            self.store_password(&id, SecretString::from(sandbox::DEFAULT_ADMIN_PASSWORD));
        }
        id
    }

    fn store_password(&mut self, id: &ProfileId, password: SecretString) {
        self.keyring.save(&self.tasks, id, password.clone());
        // Kept for the session as well: the keyring write may still be running when the next
        // connection needs the password, and without a keyring this is the only copy.
        self.typed_passwords.insert(id.clone(), password);
    }

    fn password_source(&self, id: &ProfileId) -> Option<PasswordSource> {
        if let Some(password) = self.typed_passwords.get(id) {
            return Some(PasswordSource::Given(password.clone()));
        }
        if self.keyring.is_opening() {
            return None;
        }
        Some(match self.keyring.store() {
            Some(store) => PasswordSource::Keyring(store.clone()),
            None => PasswordSource::Unknown(self.keyring.problem().cloned()),
        })
    }

    /// Connects `id` now, or as soon as the keyring (and for the sandbox profile, the sandbox)
    /// is ready.
    pub fn connect(&mut self, id: ProfileId) {
        let Some(profile) = self.settings.profile(&id).cloned() else {
            self.pending_connect = None;
            return;
        };
        let switched = self
            .connection
            .profile()
            .is_some_and(|current| current != &id);
        if self.settings.last_profile.as_ref() != Some(&id) {
            self.settings.last_profile = Some(id.clone());
            self.store.mark_changed();
        }
        self.events.push(SessionEvent::Reconnecting { switched });
        self.probe = None;
        self.probe_wait = PROBE_FIRST_WAIT;
        if profile.builtin_sandbox && !self.sandbox.is_running() {
            self.sandbox.start(&self.tasks);
            self.wait_to_connect(id);
            return;
        }
        let Some(source) = self.password_source(&id) else {
            self.wait_to_connect(id);
            return;
        };
        self.pending_connect = None;
        let activity = self.tasks.activity(SessionWork::Connecting {
            profile: ProfileName::of(&profile),
        });
        let attempt = self.tasks.spawn(async move {
            let _activity = activity;
            connect(profile, source).await
        });
        self.connection = ConnectionState::Connecting {
            profile: id,
            attempt,
            answered: None,
        };
    }

    /// Connects the current profile again (Refresh or Retry while not connected).
    pub fn reconnect(&mut self) {
        if let Some(id) = self.connection.profile().cloned() {
            self.connect(id);
        }
    }

    /// The password dialog connected `id` with a typed password: use that connection, and keep
    /// the password in the keyring when `save` (for the session otherwise). True when `id` was
    /// already the current profile (the screens can stay as they are).
    pub fn accept_typed_password(&mut self, id: ProfileId, session: Connected, save: bool) -> bool {
        if save {
            self.store_password(&id, session.password.clone());
        } else {
            self.typed_passwords
                .insert(id.clone(), session.password.clone());
        }
        let same_profile = self.connection.profile() == Some(&id);
        self.connections_made += 1;
        self.connection = ConnectionState::Connected {
            profile: id,
            session,
        };
        same_profile
    }

    /// Saves a new or edited profile; a given password goes to the keyring. Reconnects when
    /// the profile in use changed how it connects.
    pub fn save_profile(&mut self, profile: Profile, password: Option<SecretString>) {
        let id = profile.id.clone();
        self.record_profile_change(&profile, Operation::SaveProfile);
        let connection_changed = self.settings.profile(&id).is_none_or(|old| {
            old.endpoint != profile.endpoint
                || old.instance_id != profile.instance_id
                || old.username != profile.username
                || old.tls != profile.tls
                || old.connect_timeout_secs != profile.connect_timeout_secs
                || old.read_timeout_secs != profile.read_timeout_secs
                || old.request_deadline_secs != profile.request_deadline_secs
        });
        match self.settings.profile_mut(&id) {
            Some(existing) => *existing = profile,
            None => self.settings.profiles.push(profile),
        }
        self.store.mark_changed();
        let had_password = password.is_some();
        if let Some(password) = password {
            self.store_password(&id, password);
        }
        let active = self.connection.profile() == Some(&id);
        let idle = matches!(self.connection, ConnectionState::NoProfile);
        if idle || (active && (connection_changed || had_password)) {
            self.connect(id);
        }
    }

    /// The connected user's password changed on the server: reconnect with the new one,
    /// saved in the keyring or kept for the session, and never keep the old one.
    pub fn use_new_password(&mut self, password: SecretString, save: bool) {
        let Some(id) = self.connection.profile().cloned() else {
            return;
        };
        if save {
            self.store_password(&id, password);
        } else {
            self.keyring.delete(&self.tasks, &id);
            self.typed_passwords.insert(id.clone(), password);
        }
        self.connect(id);
    }

    /// Deletes a profile and its stored password.
    pub fn delete_profile(&mut self, id: &ProfileId) {
        if let Some(profile) = self.settings.profile(id).cloned() {
            self.record_profile_change(&profile, Operation::DeleteProfile);
        }
        self.settings.profiles.retain(|p| &p.id != id);
        if self.settings.last_profile.as_ref() == Some(id) {
            self.settings.last_profile = None;
        }
        self.store.mark_changed();
        self.typed_passwords.remove(id);
        self.keyring.delete(&self.tasks, id);
        if self.pending_connect.as_ref() == Some(id) {
            self.pending_connect = None;
        }
        if self.connection.profile() == Some(id) {
            self.connection = ConnectionState::NoProfile;
            self.events.push(SessionEvent::Disconnected);
        }
    }

    /// Records in the activity log that `profile` was saved or deleted.
    fn record_profile_change(&self, profile: &Profile, operation: Operation) {
        let change = PendingChange {
            actor: Actor::of(profile),
            operation,
            target: profile.name.clone(),
            via: Via::Single,
            request: None,
        };
        self.tasks.record_activity(change.done_locally());
    }

    /// Remembers the screen shown (a route string), so the next run opens there.
    pub fn remember_screen(&mut self, route: String) {
        if self.settings.last_screen.as_ref() != Some(&route) {
            self.settings.last_screen = Some(route);
            self.store.mark_changed();
        }
    }

    /// A chart was saved in `folder`: suggest it for the next download.
    pub fn remember_download_folder(&mut self, folder: PathBuf) {
        if self.settings.last_download_folder.as_ref() != Some(&folder) {
            self.settings.last_download_folder = Some(folder);
            self.store.mark_changed();
        }
    }

    /// Saves `saved` under its name (replacing a rule set of that name), for the next run too.
    pub fn save_cleanup_rules(&mut self, saved: SavedRules) {
        let rules = &mut self.settings.cleanup_rules;
        match rules.iter_mut().find(|r| r.name == saved.name) {
            Some(existing) => *existing = saved,
            None => rules.push(saved),
        }
        self.store.mark_changed();
    }

    /// Forgets the rule set saved as `name`.
    pub fn delete_cleanup_rules(&mut self, name: &str) {
        let before = self.settings.cleanup_rules.len();
        self.settings.cleanup_rules.retain(|r| r.name != name);
        if self.settings.cleanup_rules.len() != before {
            self.store.mark_changed();
        }
    }

    /// The user chose the language shown (a tag such as `zh-CN`): kept for the next run.
    pub fn remember_language(&mut self, tag: &str) {
        if self.settings.language.as_deref() != Some(tag) {
            self.settings.language = Some(tag.to_owned());
            self.store.mark_changed();
        }
    }

    /// Whether keyring writes or a settings save are still to be done.
    pub fn has_unsaved_work(&self) -> bool {
        self.keyring.pending_writes() > 0 || !self.store.is_saved()
    }

    /// The app is closing: finishes the queued keyring writes and the settings save, waiting at
    /// most `limit` (the UI thread may block here, the window is going), then stops the
    /// built-in sandbox. Returns false when work was still left at the limit.
    pub fn finish(&mut self, limit: Duration) -> bool {
        let deadline = Instant::now() + limit;
        loop {
            self.keyring.poll(&self.tasks, &mut self.notices);
            self.store
                .poll(&self.tasks, &self.settings, &mut self.notices);
            if !self.has_unsaved_work() || Instant::now() >= deadline {
                break;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        let finished = !self.has_unsaved_work();
        if !finished {
            tracing::warn!(
                keyring_writes = self.keyring.pending_writes(),
                "closing with keyring or settings work unfinished"
            );
        }
        for notice in &self.notices {
            tracing::warn!(?notice, "a notice was not seen before closing");
        }
        self.sandbox.stop();
        finished
    }
}

/// The user's download folder, or the home folder, or the working folder.
fn default_download_folder() -> PathBuf {
    directories::UserDirs::new().map_or_else(
        || PathBuf::from("."),
        |dirs| {
            dirs.download_dir()
                .unwrap_or_else(|| dirs.home_dir())
                .to_path_buf()
        },
    )
}
