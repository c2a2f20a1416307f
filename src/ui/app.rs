//! The app shell: top bar, navigation, the current screen, the status line, and the state that
//! outlives screens (profiles, keyring, the built-in sandbox, the connection).

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use egui::{RichText, Ui};
use poll_promise::Promise;
use secrecy::SecretString;

use super::account::{AccountContext, AccountView};
use super::artifacts::ArtifactsView;
use super::charts::ChartsView;
use super::commands::{Command, Commands};
use super::connection::{
    ConnectFailure, Connected, KEYRING_TIMEOUT, PasswordSource, connect, format_latency,
};
use super::nav::nav_ui;
use super::password_dialog::{PasswordDialog, PasswordOutcome};
use super::profiles::{ProfilesContext, ProfilesView};
use super::projects::{ProjectsView, ViewContext};
use super::repositories::RepositoriesView;
use super::screen::{ProjectTab, Screen};
use super::status_bar::status_bar_ui;
use super::theme::{install_fonts, success_color};
use super::widgets::{ErrorAction, error_box_ui, notice_ui, status_dot_ui};
use crate::api::CcrClient;
use crate::file_chooser::FileChooser;
use crate::profile::{Profile, ProfileFile, ProfileId, SecretError, SecretStore, Settings};
use crate::sandbox::{self, RunningSandbox, SandboxConfig, Storage};
use crate::tasks::Tasks;

/// The name of the profile the app creates for its built-in sandbox.
pub const SANDBOX_PROFILE_NAME: &str = "Local sandbox";

/// Where the app's passwords live.
pub enum SecretsSource {
    /// The OS keyring, opened at start-up (Secret Service, Keychain, Credential Manager).
    Platform,
    /// A given store (tests: keyring-core's mock store).
    Given(SecretStore),
    /// No keyring (`--no-keyring`): passwords are kept for the session only; the text says why.
    Disabled(String),
}

/// When and where the built-in sandbox runs.
#[derive(Debug, Clone)]
pub struct SandboxPlan {
    /// Where its data lives (the OS data folder; tests: in memory).
    pub storage: Storage,
    /// Start it now even when profiles exist (`--sandbox`).
    pub start_now: bool,
}

/// What the app is built from; `main` passes the real ones, tests their own.
pub struct AppDeps {
    /// The tokio runtime every network, keyring and file call runs on.
    pub runtime: tokio::runtime::Handle,
    /// The profiles file.
    pub profile_file: ProfileFile,
    /// The keyring.
    pub secrets: SecretsSource,
    /// The built-in sandbox.
    pub sandbox: SandboxPlan,
    /// Native file dialogs (or a test's answers).
    pub file_chooser: Arc<dyn FileChooser>,
}

enum SecretsState {
    Opening(Promise<Result<SecretStore, SecretError>>),
    Ready(SecretStore),
    Unavailable(SecretError),
}

enum SandboxState {
    Off,
    Starting(Promise<Result<RunningSandbox, String>>),
    Running(RunningSandbox),
    Failed,
}

enum ConnectionState {
    NoProfile,
    Waiting {
        profile: ProfileId,
    },
    Connecting {
        profile: ProfileId,
        attempt: Promise<Result<Connected, ConnectFailure>>,
    },
    Connected {
        profile: ProfileId,
        session: Connected,
    },
    Failed {
        profile: ProfileId,
        failure: ConnectFailure,
    },
}

impl ConnectionState {
    fn profile(&self) -> Option<&ProfileId> {
        match self {
            Self::NoProfile => None,
            Self::Waiting { profile }
            | Self::Connecting { profile, .. }
            | Self::Connected { profile, .. }
            | Self::Failed { profile, .. } => Some(profile),
        }
    }
}

/// The ccr-desk application.
pub struct CcrDeskApp {
    tasks: Tasks,
    profile_file: ProfileFile,
    settings: Settings,
    notices: Vec<String>,
    secrets: SecretsState,
    session_passwords: HashMap<ProfileId, SecretString>,
    sandbox_plan: SandboxPlan,
    sandbox: SandboxState,
    connection: ConnectionState,
    pending_connect: Option<ProfileId>,
    screen: Screen,
    last_project: Option<String>,
    projects: ProjectsView,
    repositories: Option<RepositoriesView>,
    artifacts: Option<ArtifactsView>,
    charts: Option<ChartsView>,
    account: AccountView,
    profiles: ProfilesView,
    password_dialog: Option<PasswordDialog>,
    commands: Commands,
    background: Vec<(String, Promise<Result<(), String>>)>,
    /// False when the profiles file exists but could not be read: it is then never overwritten.
    settings_writable: bool,
    /// The settings changed since the last save started.
    settings_dirty: bool,
    /// The one save of the settings in flight; saves never overlap, so the last one wins.
    settings_save: Option<Promise<Result<(), String>>>,
    /// Keyring writes asked for while the keyring was still opening or another write ran.
    keyring_backlog: Vec<KeyringOp>,
    /// Connect to the built-in sandbox as soon as it runs (first run, `--sandbox`).
    connect_sandbox_when_ready: bool,
    file_chooser: Arc<dyn FileChooser>,
    /// Where downloads go when none was saved yet: the user's download folder, or home.
    default_download_folder: PathBuf,
    title: String,
}

/// A keyring write that waits for the keyring to open.
enum KeyringOp {
    Save(ProfileId, SecretString),
    Delete(ProfileId),
}

impl CcrDeskApp {
    /// Builds the app: loads the profiles, starts opening the keyring, and starts the sandbox
    /// or connects the last profile.
    pub fn new(cc: &eframe::CreationContext<'_>, deps: AppDeps) -> Self {
        install_fonts(&cc.egui_ctx);
        let tasks = Tasks::new(deps.runtime, cc.egui_ctx.clone());
        let mut notices = Vec::new();
        // The profiles file is small and read once before the first frame.
        let (settings, settings_writable) = match deps.profile_file.load() {
            Ok(loaded) => {
                notices.extend(loaded.notice);
                (loaded.settings, true)
            }
            Err(error) => {
                notices.push(format!(
                    "{error}. Profiles start empty, and nothing is saved over the file until it can be read: fix it and restart ccr-desk"
                ));
                (Settings::default(), false)
            }
        };
        let secrets = match deps.secrets {
            SecretsSource::Given(store) => SecretsState::Ready(store),
            SecretsSource::Disabled(reason) => {
                SecretsState::Unavailable(SecretError::Unavailable(reason))
            }
            SecretsSource::Platform => SecretsState::Opening(tasks.spawn_blocking(
                KEYRING_TIMEOUT,
                || {
                    Err(SecretError::Unavailable(
                        "the keyring did not answer in time".to_owned(),
                    ))
                },
                SecretStore::platform,
            )),
        };
        let screen = settings
            .last_screen
            .as_deref()
            .and_then(Screen::from_route)
            .unwrap_or(Screen::Projects);
        let mut app = Self {
            tasks,
            profile_file: deps.profile_file,
            settings,
            notices,
            secrets,
            session_passwords: HashMap::new(),
            sandbox_plan: deps.sandbox,
            sandbox: SandboxState::Off,
            connection: ConnectionState::NoProfile,
            pending_connect: None,
            last_project: screen.project().map(str::to_owned),
            screen,
            projects: ProjectsView::default(),
            repositories: None,
            artifacts: None,
            charts: None,
            account: AccountView::default(),
            profiles: ProfilesView::default(),
            password_dialog: None,
            commands: Commands::default(),
            background: Vec::new(),
            settings_writable,
            settings_dirty: false,
            settings_save: None,
            keyring_backlog: Vec::new(),
            connect_sandbox_when_ready: false,
            file_chooser: deps.file_chooser,
            default_download_folder: default_download_folder(),
            title: String::new(),
        };
        let first = app
            .settings
            .last_profile
            .clone()
            .filter(|id| app.settings.profile(id).is_some())
            .or_else(|| app.settings.profiles.first().map(|p| p.id.clone()));
        if app.settings.profiles.is_empty() || app.sandbox_plan.start_now {
            app.start_sandbox();
            app.connect_sandbox_when_ready = true;
            if let Some(id) = app.sandbox_profile().map(|p| p.id.clone()) {
                app.pending_connect = Some(id.clone());
                app.connection = ConnectionState::Waiting { profile: id };
            }
        }
        if app.pending_connect.is_none()
            && let Some(id) = first
        {
            app.pending_connect = Some(id.clone());
            app.connection = ConnectionState::Waiting { profile: id };
        }
        app
    }

    /// The address of the built-in sandbox while it runs in this app.
    pub fn sandbox_url(&self) -> Option<&str> {
        match &self.sandbox {
            SandboxState::Running(running) => Some(running.base_url()),
            _ => None,
        }
    }

    fn sandbox_profile(&self) -> Option<&Profile> {
        self.settings.profiles.iter().find(|p| p.builtin_sandbox)
    }

    fn secret_store(&self) -> Option<&SecretStore> {
        match &self.secrets {
            SecretsState::Ready(store) => Some(store),
            _ => None,
        }
    }

    fn secrets_problem(&self) -> Option<String> {
        match &self.secrets {
            SecretsState::Unavailable(problem) => Some(problem.to_string()),
            _ => None,
        }
    }

    fn start_sandbox(&mut self) {
        if matches!(
            self.sandbox,
            SandboxState::Starting(_) | SandboxState::Running(_)
        ) {
            return;
        }
        let storage = self.sandbox_plan.storage.clone();
        let activity = self.tasks.activity("Starting the local sandbox");
        self.sandbox = SandboxState::Starting(self.tasks.spawn(async move {
            let _activity = activity;
            let config = SandboxConfig {
                storage,
                ..SandboxConfig::ephemeral_loopback()
            };
            sandbox::start(config).await.map_err(|e| e.to_string())
        }));
    }

    /// Runs `job` on the blocking pool; a failure becomes a notice labelled `what`.
    fn in_background(
        &mut self,
        what: &str,
        job: impl FnOnce() -> Result<(), String> + Send + 'static,
    ) {
        let promise = self.tasks.spawn_blocking(
            KEYRING_TIMEOUT,
            || Err("it did not finish in time".to_owned()),
            job,
        );
        self.background.push((what.to_owned(), promise));
    }

    /// Marks the settings for saving; [`Self::poll_settings_save`] writes them, one save at a
    /// time so that an older snapshot never lands after a newer one.
    fn save_settings(&mut self) {
        if self.settings_writable {
            self.settings_dirty = true;
        }
    }

    fn poll_settings_save(&mut self) {
        if let Some(save) = &mut self.settings_save
            && let Some(result) = save.ready_mut()
        {
            if let Err(problem) = std::mem::replace(result, Ok(())) {
                self.notices
                    .push(format!("Saving the profiles failed: {problem}"));
            }
            self.settings_save = None;
        }
        if self.settings_dirty && self.settings_save.is_none() {
            self.settings_dirty = false;
            let file = self.profile_file.clone();
            let settings = self.settings.clone();
            self.settings_save = Some(self.tasks.spawn_blocking(
                KEYRING_TIMEOUT,
                || Err("it did not finish in time".to_owned()),
                move || file.save(&settings).map_err(|e| e.to_string()),
            ));
        }
    }

    fn store_password(&mut self, id: &ProfileId, password: SecretString) {
        self.run_keyring_op(KeyringOp::Save(id.clone(), password.clone()));
        // Kept for the session as well: the keyring write may still be running when the next
        // connection needs the password, and without a keyring this is the only copy.
        self.session_passwords.insert(id.clone(), password);
    }

    /// Runs a keyring write now, or once the keyring has opened and the write before it has
    /// finished (so a save never races an earlier delete); without a keyring, drops it.
    fn run_keyring_op(&mut self, op: KeyringOp) {
        let store = match &self.secrets {
            SecretsState::Opening(_) => {
                self.keyring_backlog.push(op);
                return;
            }
            SecretsState::Ready(_) if !self.background.is_empty() => {
                self.keyring_backlog.push(op);
                return;
            }
            SecretsState::Unavailable(_) => return,
            SecretsState::Ready(store) => store.clone(),
        };
        match op {
            KeyringOp::Save(id, secret) => {
                self.in_background("Saving the password in the keyring", move || {
                    store.save(&id, &secret).map_err(|e| e.to_string())
                });
            }
            KeyringOp::Delete(id) => {
                self.in_background("Removing the password from the keyring", move || {
                    store.delete(&id).map_err(|e| e.to_string())
                });
            }
        }
    }

    fn password_source(&self, id: &ProfileId) -> Option<PasswordSource> {
        if let Some(password) = self.session_passwords.get(id) {
            return Some(PasswordSource::Given(password.clone()));
        }
        match &self.secrets {
            SecretsState::Opening(_) => None,
            SecretsState::Ready(store) => Some(PasswordSource::Keyring(store.clone())),
            SecretsState::Unavailable(problem) => {
                Some(PasswordSource::Unknown(Some(problem.clone())))
            }
        }
    }

    /// Connects `id` now, or as soon as the keyring (and for the sandbox profile, the sandbox)
    /// is ready.
    fn connect(&mut self, id: ProfileId) {
        let Some(profile) = self.settings.profile(&id).cloned() else {
            self.pending_connect = None;
            return;
        };
        if self
            .connection
            .profile()
            .is_some_and(|current| current != &id)
        {
            // Another registry: its projects are not this one's.
            self.last_project = None;
            if matches!(
                self.screen,
                Screen::Project { .. } | Screen::Repository { .. }
            ) {
                self.screen = Screen::Projects;
            }
        }
        if self.settings.last_profile.as_ref() != Some(&id) {
            self.settings.last_profile = Some(id.clone());
            self.save_settings();
        }
        self.reset_views();
        if profile.builtin_sandbox && !matches!(self.sandbox, SandboxState::Running(_)) {
            self.start_sandbox();
            self.pending_connect = Some(id.clone());
            self.connection = ConnectionState::Waiting { profile: id };
            return;
        }
        let Some(source) = self.password_source(&id) else {
            self.pending_connect = Some(id.clone());
            self.connection = ConnectionState::Waiting { profile: id };
            return;
        };
        self.pending_connect = None;
        let activity = self
            .tasks
            .activity(format!("Connecting to {}", profile.name));
        let attempt = self.tasks.spawn(async move {
            let _activity = activity;
            connect(profile, source).await
        });
        self.connection = ConnectionState::Connecting {
            profile: id,
            attempt,
        };
    }

    fn reset_views(&mut self) {
        self.projects = ProjectsView::default();
        self.repositories = None;
        self.artifacts = None;
        self.charts = None;
    }

    /// The folder suggested for the next download.
    fn download_folder(&self) -> PathBuf {
        self.settings
            .last_download_folder
            .clone()
            .unwrap_or_else(|| self.default_download_folder.clone())
    }

    /// Makes sure the views the current screen needs exist (and show what it names).
    fn ensure_views(&mut self) {
        match &self.screen {
            Screen::Project {
                name,
                tab: ProjectTab::Repositories,
            } => {
                if self
                    .repositories
                    .as_ref()
                    .is_none_or(|r| r.project() != name)
                {
                    self.repositories = Some(RepositoriesView::new(name.clone()));
                }
            }
            Screen::Project {
                name,
                tab: ProjectTab::Charts,
            } => {
                if self
                    .charts
                    .as_ref()
                    .is_none_or(|c| c.project() != Some(name.as_str()))
                {
                    self.charts = Some(ChartsView::new(Some(name.clone())));
                }
            }
            Screen::Charts => {
                if self.charts.as_ref().is_none_or(|c| c.project().is_some()) {
                    self.charts = Some(ChartsView::new(None));
                }
            }
            Screen::Repository { project, name } => {
                if self
                    .artifacts
                    .as_ref()
                    .is_none_or(|a| !a.shows(project, name))
                {
                    self.artifacts = Some(ArtifactsView::new(project.clone(), name.clone()));
                }
            }
            Screen::Projects | Screen::Account | Screen::Profiles => {}
        }
    }

    fn open_password_dialog(&mut self, id: &ProfileId, reason: String) {
        if self
            .password_dialog
            .as_ref()
            .is_some_and(|d| &d.profile == id)
        {
            return;
        }
        let Some(profile) = self.settings.profile(id) else {
            return;
        };
        self.password_dialog = Some(PasswordDialog::new(
            id.clone(),
            &profile.name,
            &profile.username,
            &profile.endpoint,
            reason,
            self.secret_store().is_some(),
        ));
    }

    /// Advances everything that runs in the background; called before drawing.
    fn poll(&mut self) {
        self.poll_secrets();
        self.poll_sandbox();
        self.poll_pending_connect();
        self.poll_connection();
        self.poll_password_dialog();
        self.poll_background();
        self.poll_settings_save();
    }

    fn poll_secrets(&mut self) {
        if let SecretsState::Opening(promise) = &mut self.secrets
            && let Some(result) = promise.ready_mut()
        {
            let result = std::mem::replace(result, Err(SecretError::Unavailable(String::new())));
            self.secrets = match result {
                Ok(store) => SecretsState::Ready(store),
                Err(problem) => {
                    tracing::warn!(%problem, "no keyring");
                    SecretsState::Unavailable(problem)
                }
            };
            for op in std::mem::take(&mut self.keyring_backlog) {
                self.run_keyring_op(op);
            }
        }
    }

    fn poll_sandbox(&mut self) {
        if let SandboxState::Starting(promise) = &mut self.sandbox
            && let Some(result) = promise.ready_mut()
        {
            let result = std::mem::replace(result, Err(String::new()));
            match result {
                Ok(running) => {
                    let id =
                        self.adopt_sandbox(running.base_url(), running.admin_password_is_default());
                    self.sandbox = SandboxState::Running(running);
                    if std::mem::take(&mut self.connect_sandbox_when_ready)
                        || (self.pending_connect.is_none()
                            && matches!(self.connection, ConnectionState::NoProfile))
                    {
                        self.pending_connect = Some(id);
                    }
                }
                Err(problem) => {
                    self.notices
                        .push(format!("The local sandbox could not start: {problem}"));
                    self.sandbox = SandboxState::Failed;
                }
            }
        }
    }

    fn poll_pending_connect(&mut self) {
        if let Some(id) = self.pending_connect.clone() {
            let sandbox_pending = self
                .settings
                .profile(&id)
                .is_some_and(|p| p.builtin_sandbox)
                && matches!(self.sandbox, SandboxState::Starting(_));
            let sandbox_failed = self
                .settings
                .profile(&id)
                .is_some_and(|p| p.builtin_sandbox)
                && matches!(self.sandbox, SandboxState::Failed);
            if sandbox_failed {
                self.pending_connect = None;
                self.connection = ConnectionState::NoProfile;
            } else if !sandbox_pending && !matches!(self.secrets, SecretsState::Opening(_)) {
                self.connect(id);
            }
        }
    }

    fn poll_connection(&mut self) {
        if let ConnectionState::Connecting { profile, attempt } = &mut self.connection
            && let Some(result) = attempt.ready_mut()
        {
            let profile = profile.clone();
            let result = std::mem::replace(result, Err(ConnectFailure::NoPassword(None)));
            match result {
                Ok(session) => {
                    self.connection = ConnectionState::Connected { profile, session };
                }
                Err(failure) => {
                    if failure.needs_password() {
                        let reason = match &failure {
                            ConnectFailure::PasswordRefused(_) => {
                                "The server refused the stored password".to_owned()
                            }
                            other => other.to_string(),
                        };
                        self.open_password_dialog(&profile, reason);
                    }
                    self.connection = ConnectionState::Failed { profile, failure };
                }
            }
        }
    }

    fn poll_password_dialog(&mut self) {
        if let Some(dialog) = &mut self.password_dialog
            && dialog.attempt.poll()
        {
            if dialog.attempt.error().is_some() {
                dialog.clear_password();
            } else if let Some(session) = dialog.attempt.value().cloned() {
                let id = dialog.profile.clone();
                let save = dialog.save == Some(true);
                self.password_dialog = None;
                if save {
                    self.store_password(&id, session.password.clone());
                } else {
                    self.session_passwords
                        .insert(id.clone(), session.password.clone());
                }
                let same_profile = self.connection.profile() == Some(&id);
                self.connection = ConnectionState::Connected {
                    profile: id,
                    session,
                };
                if same_profile {
                    // Keep the screen (filter, page, selection) and load it with the new client.
                    self.reload();
                } else {
                    self.reset_views();
                }
            }
        }
    }

    fn poll_background(&mut self) {
        let mut finished = Vec::new();
        self.background.retain_mut(|(what, promise)| {
            if let Some(result) = promise.ready_mut() {
                if let Err(problem) = std::mem::replace(result, Ok(())) {
                    finished.push(format!("{what} failed: {problem}"));
                }
                false
            } else {
                true
            }
        });
        self.notices.extend(finished);
        if self.background.is_empty()
            && matches!(self.secrets, SecretsState::Ready(_))
            && !self.keyring_backlog.is_empty()
        {
            let next = self.keyring_backlog.remove(0);
            self.run_keyring_op(next);
        }
    }

    /// Makes sure the sandbox profile exists and points at `base_url`; returns its id. While
    /// the sandbox's administrator keeps the default password, the app knows it.
    fn adopt_sandbox(&mut self, base_url: &str, default_password: bool) -> ProfileId {
        if let Some(profile) = self
            .settings
            .profiles
            .iter_mut()
            .find(|p| p.builtin_sandbox)
        {
            let id = profile.id.clone();
            if profile.endpoint != base_url {
                base_url.clone_into(&mut profile.endpoint);
                self.save_settings();
            }
            if default_password && self.secret_store().is_none() {
                // No keyring to remember it across runs: the session knows the default.
                self.session_passwords
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
        self.save_settings();
        if default_password {
            self.store_password(&id, SecretString::from(sandbox::DEFAULT_ADMIN_PASSWORD));
        }
        id
    }

    fn apply_commands(&mut self) {
        for command in self.commands.take() {
            match command {
                Command::Navigate(screen) => self.navigate(screen),
                Command::Reload => self.reload(),
                Command::Connect(id) => self.connect(id),
                Command::AskPassword => {
                    if let ConnectionState::Connected { profile, .. } = &self.connection {
                        let profile = profile.clone();
                        self.open_password_dialog(
                            &profile,
                            "The server refused the password (HTTP 401)".to_owned(),
                        );
                    }
                }
                Command::AskPasswordFor(profile) => {
                    self.open_password_dialog(
                        &profile,
                        "Enter the password for this profile".to_owned(),
                    );
                }
                Command::SaveProfile { profile, password } => {
                    self.save_profile(profile, password);
                }
                Command::DeleteProfile(id) => self.delete_profile(&id),
                Command::ProjectDeleted(name) => {
                    if self.last_project.as_deref() == Some(name.as_str()) {
                        self.last_project = None;
                    }
                }
                Command::UseNewPassword { password, save } => self.use_new_password(password, save),
                Command::RememberDownloadFolder(folder) => {
                    if self.settings.last_download_folder.as_ref() != Some(&folder) {
                        self.settings.last_download_folder = Some(folder);
                        self.save_settings();
                    }
                }
            }
        }
    }

    fn navigate(&mut self, screen: Screen) {
        if screen == self.screen {
            return;
        }
        // Answers for the screen being left are dropped.
        self.projects.leave();
        if let Some(repositories) = &mut self.repositories {
            repositories.leave();
        }
        if let Some(artifacts) = &mut self.artifacts {
            artifacts.leave();
        }
        if let Some(charts) = &mut self.charts {
            charts.leave();
        }
        if let Some(project) = screen.project() {
            self.last_project = Some(project.to_owned());
        }
        self.screen = screen;
        self.ensure_views();
        // Only a connected app loads; reconnecting is for Retry, Refresh and Connect.
        if matches!(self.connection, ConnectionState::Connected { .. }) {
            self.reload();
        }
        self.settings.last_screen = Some(self.screen.route());
        self.save_settings();
    }

    fn reload(&mut self) {
        let ConnectionState::Connected { session, .. } = &self.connection else {
            if let Some(id) = self.connection.profile().cloned() {
                self.connect(id);
            }
            return;
        };
        let client = Arc::clone(&session.client);
        let download_folder = self.download_folder();
        let mut commands = Commands::default();
        let cx = ViewContext {
            tasks: &self.tasks,
            client: &client,
            commands: &mut commands,
            file_chooser: &self.file_chooser,
            download_folder: &download_folder,
        };
        match &self.screen {
            Screen::Projects => self.projects.reload(&cx),
            Screen::Project {
                tab: ProjectTab::Repositories,
                ..
            } => {
                if let Some(repositories) = &mut self.repositories {
                    repositories.reload(&cx);
                }
            }
            Screen::Project {
                tab: ProjectTab::Charts,
                ..
            }
            | Screen::Charts => {
                if let Some(charts) = &mut self.charts {
                    charts.reload(&cx);
                }
            }
            Screen::Repository { .. } => {
                if let Some(artifacts) = &mut self.artifacts {
                    artifacts.reload(&cx);
                }
            }
            Screen::Account | Screen::Profiles => {}
        }
    }

    fn save_profile(&mut self, profile: Profile, password: Option<SecretString>) {
        let id = profile.id.clone();
        let connection_changed = self.settings.profile(&id).is_none_or(|old| {
            old.endpoint != profile.endpoint
                || old.instance_id != profile.instance_id
                || old.username != profile.username
                || old.tls != profile.tls
                || old.connect_timeout_secs != profile.connect_timeout_secs
                || old.read_timeout_secs != profile.read_timeout_secs
        });
        match self.settings.profile_mut(&id) {
            Some(existing) => *existing = profile,
            None => self.settings.profiles.push(profile),
        }
        self.save_settings();
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
    fn use_new_password(&mut self, password: SecretString, save: bool) {
        let Some(id) = self.connection.profile().cloned() else {
            return;
        };
        if save {
            self.store_password(&id, password);
        } else {
            self.run_keyring_op(KeyringOp::Delete(id.clone()));
            self.session_passwords.insert(id.clone(), password);
        }
        self.connect(id);
    }

    fn delete_profile(&mut self, id: &ProfileId) {
        self.settings.profiles.retain(|p| &p.id != id);
        if self.settings.last_profile.as_ref() == Some(id) {
            self.settings.last_profile = None;
        }
        self.save_settings();
        self.session_passwords.remove(id);
        self.run_keyring_op(KeyringOp::Delete(id.clone()));
        if self.pending_connect.as_ref() == Some(id) {
            self.pending_connect = None;
        }
        if self.connection.profile() == Some(id) {
            self.connection = ConnectionState::NoProfile;
            self.reset_views();
        }
    }

    fn top_bar_ui(&mut self, ui: &mut Ui) {
        ui.horizontal(|ui| {
            ui.strong("ccr-desk");
            ui.separator();
            let current = self.connection.profile().cloned();
            let current_name = current
                .as_ref()
                .and_then(|id| self.settings.profile(id))
                .map_or_else(|| "No profile".to_owned(), |p| p.name.clone());
            let label = ui.label("Profile");
            let mut chosen = None;
            egui::ComboBox::from_id_salt("profile picker")
                .selected_text(&current_name)
                .width(180.0)
                .show_ui(ui, |ui| {
                    let mut profiles: Vec<&Profile> = self.settings.profiles.iter().collect();
                    profiles.sort_by_key(|p| p.name.to_lowercase());
                    for profile in profiles {
                        let selected = current.as_ref() == Some(&profile.id);
                        if ui.selectable_label(selected, &profile.name).clicked() {
                            chosen = Some(profile.id.clone());
                        }
                    }
                    ui.separator();
                    if ui.selectable_label(false, "Manage profiles…").clicked() {
                        self.commands.push(Command::Navigate(Screen::Profiles));
                    }
                })
                .response
                .labelled_by(label.id);
            if let Some(id) = chosen {
                self.commands.push(Command::Connect(id));
            }
            self.connection_state_ui(ui);
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                egui::widgets::global_theme_preference_buttons(ui);
                ui.separator();
                if ui
                    .button("⟳ Refresh")
                    .on_hover_text("Load this screen again (F5)")
                    .clicked()
                    || ui.input(|i| i.key_pressed(egui::Key::F5))
                {
                    self.commands.push(Command::Reload);
                }
            });
        });
    }

    fn connection_state_ui(&self, ui: &mut Ui) {
        match &self.connection {
            ConnectionState::NoProfile => {
                ui.label(RichText::new("Not connected").weak());
            }
            ConnectionState::Waiting { .. } | ConnectionState::Connecting { .. } => {
                ui.spinner();
                ui.label("Connecting…");
            }
            ConnectionState::Connected { session, .. } => {
                status_dot_ui(ui, success_color(ui.visuals()));
                ui.label(
                    RichText::new(format!(
                        "Connected as {} · {}",
                        session.client.username(),
                        format_latency(session.latency)
                    ))
                    .color(success_color(ui.visuals())),
                )
                .on_hover_text(session.client.host());
            }
            ConnectionState::Failed { failure, .. } => {
                status_dot_ui(ui, ui.visuals().error_fg_color);
                ui.label(RichText::new("Not connected").color(ui.visuals().error_fg_color))
                    .on_hover_text(failure.to_string());
            }
        }
    }

    fn central_ui(&mut self, ui: &mut Ui) {
        for notice in &self.notices {
            ui.label(RichText::new(notice).color(ui.visuals().warn_fg_color));
        }
        if !self.notices.is_empty() {
            if ui.small_button("Dismiss").clicked() {
                self.notices.clear();
            }
            ui.add_space(4.0);
        }
        if self.screen == Screen::Profiles {
            let secrets_problem = self.secrets_problem();
            let secrets = match &self.secrets {
                SecretsState::Ready(store) => Some(store),
                _ => None,
            };
            let mut cx = ProfilesContext {
                tasks: &self.tasks,
                settings: &self.settings,
                secrets,
                secrets_problem: secrets_problem.as_deref(),
                session_passwords: &self.session_passwords,
                active: self.connection.profile(),
                file_chooser: &self.file_chooser,
                commands: &mut self.commands,
            };
            self.profiles.ui(ui, &mut cx);
            return;
        }
        let session = match &self.connection {
            ConnectionState::Connected { session, .. } => session.client.clone(),
            ConnectionState::NoProfile => {
                if matches!(self.sandbox, SandboxState::Starting(_)) {
                    ui.horizontal(|ui| {
                        ui.spinner();
                        ui.label("Starting the local sandbox…");
                    });
                } else {
                    notice_ui(ui, "No connection profile is in use");
                    if ui.button("Open profiles").clicked() {
                        self.commands.push(Command::Navigate(Screen::Profiles));
                    }
                }
                return;
            }
            ConnectionState::Waiting { .. } | ConnectionState::Connecting { .. } => {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.label("Connecting…");
                });
                return;
            }
            ConnectionState::Failed { profile, failure } => {
                let name = self
                    .settings
                    .profile(profile)
                    .map_or_else(|| "the profile".to_owned(), |p| p.name.clone());
                connection_failure_ui(ui, &name, profile, failure, &mut self.commands);
                return;
            }
        };
        self.screen_ui(ui, &session);
    }

    /// The current screen, connected.
    fn screen_ui(&mut self, ui: &mut Ui, session: &Arc<CcrClient>) {
        self.ensure_views();
        let download_folder = self.download_folder();
        let keyring_available = self.secret_store().is_some();
        let profile_username = self
            .connection
            .profile()
            .and_then(|id| self.settings.profile(id))
            .map(|p| p.username.clone())
            .unwrap_or_default();
        let mut cx = ViewContext {
            tasks: &self.tasks,
            client: session,
            commands: &mut self.commands,
            file_chooser: &self.file_chooser,
            download_folder: &download_folder,
        };
        self.account.poll(ui.ctx(), &mut cx);
        match &self.screen {
            Screen::Projects => self.projects.ui(ui, &mut cx),
            Screen::Project { name, tab } => {
                project_header_ui(ui, name, *tab, cx.commands);
                match tab {
                    ProjectTab::Repositories => {
                        if let Some(view) = &mut self.repositories {
                            view.ui(ui, &mut cx);
                        }
                    }
                    ProjectTab::Charts => {
                        if let Some(view) = &mut self.charts {
                            view.ui(ui, &mut cx);
                        }
                    }
                }
            }
            Screen::Repository { project, name } => {
                repository_header_ui(ui, project, name, cx.commands);
                if let Some(view) = &mut self.artifacts {
                    view.ui(ui, &mut cx);
                }
            }
            Screen::Charts => {
                ui.heading("Helm charts");
                ui.add_space(4.0);
                if let Some(view) = &mut self.charts {
                    view.ui(ui, &mut cx);
                }
            }
            Screen::Account => {
                let account = AccountContext {
                    profile_username: &profile_username,
                    keyring_available,
                };
                self.account.ui(ui, &mut cx, &account);
            }
            Screen::Profiles => {}
        }
    }
}

/// The central panel when the connection failed: the error, Retry, and ways to fix it.
fn connection_failure_ui(
    ui: &mut Ui,
    profile_name: &str,
    profile: &ProfileId,
    failure: &ConnectFailure,
    commands: &mut Commands,
) {
    let title = format!("Could not connect with {profile_name}");
    let retry = if let Some(error) = failure.api_error() {
        error_box_ui(ui, &title, error) == ErrorAction::Retry
    } else {
        let mut retry = false;
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(
                RichText::new(&title)
                    .strong()
                    .color(ui.visuals().error_fg_color),
            );
            ui.label(failure.to_string());
            retry = ui.button("Retry").clicked();
        });
        retry
    };
    if retry {
        commands.push(Command::Connect(profile.clone()));
    }
    ui.horizontal(|ui| {
        if failure.needs_password() && ui.button("Enter password…").clicked() {
            commands.push(Command::AskPasswordFor(profile.clone()));
        }
        if ui.button("Edit profile…").clicked() {
            commands.push(Command::Navigate(Screen::Profiles));
        }
    });
}

/// The repository's title line: Projects › project › repository.
fn repository_header_ui(ui: &mut Ui, project: &str, repository: &str, commands: &mut Commands) {
    ui.horizontal(|ui| {
        if ui.link("Projects").clicked() {
            commands.push(Command::Navigate(Screen::Projects));
        }
        ui.label("›");
        if ui.link(project).clicked() {
            commands.push(Command::Navigate(Screen::Project {
                name: project.to_owned(),
                tab: ProjectTab::Repositories,
            }));
        }
        ui.label("›");
        ui.heading(repository);
    });
    ui.separator();
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

/// The project's title line with its two tabs.
fn project_header_ui(ui: &mut Ui, project: &str, tab: ProjectTab, commands: &mut Commands) {
    ui.horizontal(|ui| {
        if ui.link("Projects").clicked() {
            commands.push(Command::Navigate(Screen::Projects));
        }
        ui.label("›");
        ui.heading(project);
    });
    ui.horizontal(|ui| {
        for (target, label) in [
            (ProjectTab::Repositories, "Repositories"),
            (ProjectTab::Charts, "Charts"),
        ] {
            if ui.selectable_label(tab == target, label).clicked() && tab != target {
                commands.push(Command::Navigate(Screen::Project {
                    name: project.to_owned(),
                    tab: target,
                }));
            }
        }
    });
    ui.separator();
}

impl eframe::App for CcrDeskApp {
    fn logic(&mut self, _ctx: &egui::Context, _frame: &mut eframe::Frame) {
        self.poll();
    }

    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        let title = match self
            .connection
            .profile()
            .and_then(|id| self.settings.profile(id))
        {
            Some(profile) => format!("ccr-desk — {}", profile.name),
            None => "ccr-desk".to_owned(),
        };
        if title != self.title {
            ui.ctx()
                .send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }

        if ui.input_mut(|i| i.consume_key(egui::Modifiers::COMMAND, egui::Key::Q)) {
            ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
        }
        egui::Panel::top("top bar").show(ui, |ui| {
            ui.add_space(4.0);
            self.top_bar_ui(ui);
            ui.add_space(2.0);
        });
        let keyring_problem = self.secrets_problem();
        egui::Panel::bottom("status line").show(ui, |ui| {
            status_bar_ui(ui, &self.tasks.request_log(), keyring_problem.as_deref());
        });
        egui::Panel::left("navigation")
            .resizable(true)
            .min_size(150.0)
            .default_size(180.0)
            .show(ui, |ui| {
                nav_ui(
                    ui,
                    &self.screen,
                    self.last_project.as_deref(),
                    &mut self.commands,
                );
            });
        egui::CentralPanel::default().show(ui, |ui| self.central_ui(ui));

        if let Some(dialog) = &mut self.password_dialog {
            match dialog.ui(ui.ctx()) {
                PasswordOutcome::Open => {}
                PasswordOutcome::Cancelled => self.password_dialog = None,
                PasswordOutcome::Submit { password } => {
                    if let Some(profile) = self.settings.profile(&dialog.profile).cloned() {
                        let source = PasswordSource::Given(password);
                        dialog
                            .attempt
                            .request(self.tasks.spawn(connect(profile, source)));
                    }
                }
            }
        }
        self.apply_commands();
    }

    fn on_exit(&mut self) {
        // Dropping the handle stops the sandbox; main gives the runtime time to finish.
        self.sandbox = SandboxState::Off;
    }
}
