//! What the UI tests share: the app built on a mock keyring and a private config folder, against
//! the sandbox (the app's own in-process one, or one the test starts), and a bounded wait.

#![allow(dead_code)]

pub mod combo;

use std::sync::Arc;
use std::time::{Duration, Instant};

use ccr_desk::api::{CcrClient, ConnectionConfig};
use ccr_desk::file_chooser::{Chosen, FileChooser};
use ccr_desk::i18n::{Language, loader_for};
use ccr_desk::profile::{Profile, ProfileFile, SecretStore, Settings};
use ccr_desk::sandbox::{self, RunningSandbox, SandboxConfig, Storage};
use ccr_desk::ui::{AppDeps, CcrDeskApp, IndexPlan, SandboxPlan, SecretsSource};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable};
use secrecy::SecretString;

/// How long a test waits for the app to show something before it fails.
pub const DEADLINE: Duration = Duration::from_secs(30);

/// A file chooser that answers nothing (the tests here never need a file).
struct NoFiles;

impl FileChooser for NoFiles {
    fn pick_file(&self, _title: &str) -> Chosen {
        Box::pin(async { None })
    }

    fn save_file(&self, _title: &str, _folder: &std::path::Path, _file_name: &str) -> Chosen {
        Box::pin(async { None })
    }
}

/// One app under test: its runtime, config folder, keyring and (optionally) a sandbox the test
/// started itself.
pub struct Desk {
    pub runtime: tokio::runtime::Runtime,
    pub config_dir: tempfile::TempDir,
    pub secrets: SecretStore,
    pub sandbox: Option<RunningSandbox>,
    /// The language the app is shown in (`--lang`); English unless a test asks for another,
    /// so a machine's own locale never changes what the tests read.
    pub language: Option<Language>,
    /// Whether the app crawls the registry by itself ([`Self::crawling_automatically`]).
    pub automatic_crawls: bool,
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("tokio runtime")
}

fn mock_secrets() -> SecretStore {
    SecretStore::from_store(keyring_core::mock::Store::new().expect("mock store"))
}

impl Desk {
    /// A first run: no profile, the app starts its own (in-memory) sandbox.
    pub fn first_run() -> Self {
        Self {
            runtime: runtime(),
            config_dir: tempfile::tempdir().expect("config dir"),
            secrets: mock_secrets(),
            sandbox: None,
            language: Some(Language::English),
            automatic_crawls: false,
        }
    }

    /// The language the app is shown in.
    pub fn shown_language(&self) -> Language {
        self.language.unwrap_or_default()
    }

    /// Message `id` in the app's language, as the app shows it: tests find what they click by
    /// it, so one test body runs in every language.
    pub fn text(&self, id: &str) -> String {
        loader_for(self.shown_language()).get(id)
    }

    /// Message `id` with number variables (they choose the plural form).
    pub fn text_n(&self, id: &str, args: &[(&str, i64)]) -> String {
        let args: std::collections::HashMap<&str, i64> = args.iter().copied().collect();
        loader_for(self.shown_language()).get_args(id, args)
    }

    /// Message `id` with text variables.
    pub fn text_s(&self, id: &str, args: &[(&str, &str)]) -> String {
        let args: std::collections::HashMap<&str, &str> = args.iter().copied().collect();
        loader_for(self.shown_language()).get_args(id, args)
    }

    /// This desk with its app shown in `language`.
    #[must_use]
    pub fn in_language(mut self, language: Language) -> Self {
        self.language = Some(language);
        self
    }

    /// A sandbox started by the test and one saved profile for it, whose keyring entry holds
    /// `stored_password`.
    pub fn with_profile(stored_password: &str) -> (Self, Profile) {
        Self::with_profile_on(SandboxConfig::ephemeral_loopback(), stored_password)
    }

    /// Like [`Self::with_profile`], with a sandbox started from `config`.
    pub fn with_profile_on(config: SandboxConfig, stored_password: &str) -> (Self, Profile) {
        let desk = Self::first_run();
        let sandbox = desk
            .runtime
            .block_on(sandbox::start(config))
            .expect("sandbox starts");
        let mut profile = Profile::new_blank();
        "Test registry".clone_into(&mut profile.name);
        sandbox.base_url().clone_into(&mut profile.endpoint);
        sandbox::ADMIN_USER.clone_into(&mut profile.username);
        let settings = Settings {
            profiles: vec![profile.clone()],
            last_profile: Some(profile.id.clone()),
            last_screen: None,
            last_download_folder: None,
            language: None,
            index: ccr_desk::profile::IndexSettings::default(),
            cleanup_rules: Vec::new(),
        };
        desk.profile_file().save(&settings).expect("profiles saved");
        desk.secrets
            .save(&profile.id, &SecretString::from(stored_password.to_owned()))
            .expect("password stored");
        (
            Self {
                sandbox: Some(sandbox),
                ..desk
            },
            profile,
        )
    }

    /// The index files in this app's config folder; crawls start only when a test asks.
    pub fn index_plan(&self) -> IndexPlan {
        IndexPlan {
            folder: Some(self.config_dir.path().join("index")),
            automatic: self.automatic_crawls,
        }
    }

    /// The activity log file of this app.
    pub fn activity_log_path(&self) -> std::path::PathBuf {
        self.config_dir.path().join("activity.jsonl")
    }

    /// The index file the app keeps for `profile`.
    pub fn index_path(&self, profile: &Profile) -> std::path::PathBuf {
        self.config_dir
            .path()
            .join("index")
            .join(format!("{}.sqlite", profile.id.as_str()))
    }

    /// The app crawls the registry by itself, as the settings say (off unless a test asks).
    pub fn crawling_automatically(mut self) -> Self {
        self.automatic_crawls = true;
        self
    }

    /// The profiles file of this app.
    pub fn profile_file(&self) -> ProfileFile {
        ProfileFile::in_dir(self.config_dir.path())
    }

    /// The settings as saved on disk now.
    pub fn saved_settings(&self) -> Settings {
        self.profile_file().load().expect("profiles load").settings
    }

    /// The app, built as `main` builds it but with the mock keyring and this config folder.
    pub fn harness(&self) -> Harness<'static, CcrDeskApp> {
        self.harness_with(SecretsSource::Given(self.secrets.clone()))
    }

    /// The app in a window of `width` × `height` points.
    pub fn harness_sized(&self, width: f32, height: f32) -> Harness<'static, CcrDeskApp> {
        let mut harness = self.harness();
        harness.set_size(egui::vec2(width, height));
        harness.step();
        harness
    }

    /// The app with the given keyring.
    pub fn harness_with(&self, secrets: SecretsSource) -> Harness<'static, CcrDeskApp> {
        let deps = AppDeps {
            runtime: self.runtime.handle().clone(),
            profile_file: self.profile_file(),
            secrets,
            sandbox: SandboxPlan {
                storage: Storage::Ephemeral,
                start_now: false,
            },
            file_chooser: Arc::new(NoFiles),
            language: self.language,
            index: self.index_plan(),
            activity_log: Some(self.activity_log_path()),
        };
        Harness::builder()
            .with_size([1280.0, 800.0])
            .build_eframe(move |cc| CcrDeskApp::new(cc, deps))
    }

    /// The app as [`Self::harness`] builds it, drawn by wgpu in a window of `width` × `height`
    /// points, for image snapshots.
    pub fn harness_rendered(&self, width: f32, height: f32) -> Harness<'static, CcrDeskApp> {
        let deps = AppDeps {
            runtime: self.runtime.handle().clone(),
            profile_file: self.profile_file(),
            secrets: SecretsSource::Given(self.secrets.clone()),
            sandbox: SandboxPlan {
                storage: Storage::Ephemeral,
                start_now: false,
            },
            file_chooser: Arc::new(NoFiles),
            language: self.language,
            index: self.index_plan(),
            activity_log: Some(self.activity_log_path()),
        };
        Harness::builder()
            .with_size([width, height])
            .wgpu()
            .build_eframe(move |cc| CcrDeskApp::new(cc, deps))
    }

    /// Creates repository `name` in `project` through the administrator's client.
    pub fn create_repository(&self, project: &str, name: &str) {
        let client = self.admin_client();
        self.runtime.block_on(async {
            client
                .create_repository(
                    project,
                    &ccr_desk::api::NewRepository {
                        repository_name: name.to_owned(),
                        summary: String::new(),
                        detail: String::new(),
                    },
                )
                .await
                .expect("repository created");
        });
    }

    /// Adds projects bulk-01 … bulk-26 (every second one public) to the test's sandbox, so its
    /// 4 demo projects become 30: three pages of ten.
    pub fn add_bulk_projects(&self) {
        let client = self.admin_client();
        self.runtime.block_on(async {
            for n in 1..=26 {
                client
                    .create_project(&ccr_desk::api::NewProject {
                        name: format!("bulk-{n:02}"),
                        is_public: n % 2 == 0,
                        quota: -1,
                    })
                    .await
                    .expect("project created");
            }
            let all = client
                .list_projects(&ccr_desk::api::PageRequest::new(1, 100))
                .await
                .expect("list");
            assert_eq!(all.value.total, 30);
        });
    }

    /// The names of the test sandbox's projects now, as the server lists them.
    pub fn project_names(&self) -> Vec<String> {
        let client = self.admin_client();
        self.runtime.block_on(async {
            client
                .list_projects(&ccr_desk::api::PageRequest::everything())
                .await
                .expect("projects listed")
                .value
                .items
                .into_iter()
                .map(|p| p.project_name)
                .collect()
        })
    }

    /// The artifacts of `project`/`repository` the server lists on its first page of 100.
    pub fn artifacts(
        &self,
        project: &str,
        repository: &str,
    ) -> Vec<ccr_desk::api::models::Artifact> {
        let client = self.admin_client();
        self.runtime
            .block_on(client.list_artifacts(
                project,
                repository,
                &ccr_desk::api::PageRequest::new(1, 100),
            ))
            .expect("artifacts listed")
            .value
            .items
    }

    /// Creates empty private projects named `names` in the test sandbox.
    pub fn create_projects(&self, names: &[&str]) {
        let client = self.admin_client();
        self.runtime.block_on(async {
            for name in names {
                client
                    .create_project(&ccr_desk::api::NewProject {
                        name: (*name).to_owned(),
                        is_public: false,
                        quota: -1,
                    })
                    .await
                    .expect("project created");
            }
        });
    }

    /// An administrator client for the test's own sandbox.
    pub fn admin_client(&self) -> CcrClient {
        let sandbox = self.sandbox.as_ref().expect("a test sandbox");
        let endpoint = url::Url::parse(sandbox.base_url()).expect("sandbox url");
        let config = ConnectionConfig::new(
            endpoint,
            sandbox::ADMIN_USER,
            SecretString::from(sandbox::DEFAULT_ADMIN_PASSWORD),
        );
        CcrClient::new(&config).expect("client")
    }
}

/// Waits for the app's index file of `profile` and for a complete crawl in it; the index,
/// opened by the test too.
pub fn crawled_index(
    harness: &mut Harness<'static, CcrDeskApp>,
    desk: &Desk,
    profile: &Profile,
) -> ccr_desk::index::Index {
    let path = desk.index_path(profile);
    wait_for(harness, "the index file", |_| path.exists());
    let index = ccr_desk::index::Index::open(&path).expect("the index opens");
    wait_for(harness, "a complete crawl", |_| {
        let fresh = index.freshness().expect("freshness");
        fresh.last_complete_crawl_ms.is_some() && !fresh.crawl_unfinished
    });
    index
}

/// Creates the private project `name` through the projects screen's New project dialog, and
/// waits for it in the list.
pub fn create_project_through_the_dialog(
    harness: &mut Harness<'static, CcrDeskApp>,
    desk: &Desk,
    name: &str,
) {
    click(harness, &desk.text("projects-new"));
    let name_field = desk.text("projects-create-name");
    wait_for(harness, "the dialog", |h| shows(h, &name_field));
    type_into(harness, &name_field, name);
    click(harness, &desk.text("common-create"));
    wait_for(harness, "the new project", |h| {
        shows(h, name) && !shows(h, &name_field)
    });
}

/// Steps the app until `condition` holds; fails the test after [`DEADLINE`] naming `what`.
pub fn wait_for(
    harness: &mut Harness<'static, CcrDeskApp>,
    what: &str,
    condition: impl Fn(&Harness<'static, CcrDeskApp>) -> bool,
) {
    let started = Instant::now();
    loop {
        harness.step();
        if condition(harness) {
            // One more frame so that what the condition saw is laid out for clicking.
            harness.step();
            return;
        }
        assert!(
            started.elapsed() < DEADLINE,
            "timed out waiting for {what}; the screen shows:\n{:#?}",
            harness.root()
        );
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// The texts the last frame put on the clipboard.
pub fn copied(harness: &Harness<'static, CcrDeskApp>) -> Vec<String> {
    harness
        .output()
        .platform_output
        .commands
        .iter()
        .filter_map(|command| match command {
            egui::OutputCommand::CopyText(text) => Some(text.clone()),
            _ => None,
        })
        .collect()
}

/// Whether some node is labelled exactly `label`.
pub fn shows(harness: &Harness<'static, CcrDeskApp>, label: &str) -> bool {
    harness.query_all_by_label(label).next().is_some()
}

/// Whether some node's label contains `text`.
pub fn shows_text(harness: &Harness<'static, CcrDeskApp>, text: &str) -> bool {
    harness.query_all_by_label_contains(text).next().is_some()
}

/// The text field labelled `label` (other nodes with the same text, like a detail pane's
/// caption, are not fields).
fn field<'h>(harness: &'h Harness<'static, CcrDeskApp>, label: &'h str) -> egui_kittest::Node<'h> {
    let mut fields = harness.query_all_by_label(label).filter(|node| {
        matches!(
            node.accesskit_node().role(),
            egui::accesskit::Role::TextInput
                | egui::accesskit::Role::MultilineTextInput
                | egui::accesskit::Role::PasswordInput
        )
    });
    let Some(found) = fields.next() else {
        panic!("no text field labelled {label:?}:\n{:#?}", harness.root());
    };
    assert!(
        fields.next().is_none(),
        "two text fields labelled {label:?}"
    );
    found
}

/// Focuses the field labelled `label`, replaces its text with `text`.
pub fn type_into(harness: &mut Harness<'static, CcrDeskApp>, label: &str, text: &str) {
    field(harness, label).focus();
    harness.step();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.step();
    field(harness, label).type_text(text);
    // One frame takes the text, the next shows what depends on it (validation, counters).
    harness.step();
    harness.step();
}

/// From a connected app: the profiles screen, then an empty "New profile" form.
pub fn open_new_profile_form(harness: &mut Harness<'static, CcrDeskApp>) {
    wait_for(harness, "the projects", |h| shows(h, "library"));
    click(harness, "Profiles");
    wait_for(harness, "the profiles screen", |h| {
        shows(h, "Connection profiles")
    });
    click(harness, "Add profile");
    wait_for(harness, "the empty form", |h| shows(h, "New profile"));
}

/// Fills the open profile form with a profile named "Staging" for `robot` at
/// registry.example.com, with `password`.
pub fn fill_staging_profile(harness: &mut Harness<'static, CcrDeskApp>, password: &str) {
    type_into(harness, "Profile name", "Staging");
    type_into(harness, "Endpoint URL", "https://registry.example.com");
    type_into(harness, "User name", "robot");
    type_into(harness, "Password", password);
}

/// The text in the field labelled `label`.
pub fn field_text(harness: &Harness<'static, CcrDeskApp>, label: &str) -> Option<String> {
    field(harness, label).value()
}

/// Clicks the one node labelled `label` and runs a frame.
pub fn click(harness: &mut Harness<'static, CcrDeskApp>, label: &str) {
    harness.get_by_label(label).click();
    harness.step();
}

/// Clicks the first of the nodes labelled `label` (a label the screen shows more than once).
pub fn click_first(harness: &mut Harness<'static, CcrDeskApp>, label: &str) {
    harness
        .query_all_by_label(label)
        .next()
        .unwrap_or_else(|| panic!("nothing labelled {label:?}:\n{:#?}", harness.root()))
        .click();
    harness.step();
}

/// Clicks the one node labelled `label` once it stays in place for two frames: a dialog
/// re-centres itself while its content grows, and a click aimed at the old place would miss.
pub fn click_still(harness: &mut Harness<'static, CcrDeskApp>, label: &str) {
    let last = std::cell::Cell::new(None);
    wait_for(harness, &format!("“{label}” to stay in place"), |h| {
        let now = h.query_by_label(label).map(|node| node.rect());
        let still = now.is_some() && last.get() == now;
        last.set(now);
        still
    });
    click(harness, label);
}

/// Clicks `button` until `done` shows: a click that missed (the button moved, or was not yet
/// enabled) is made again while the button is enabled and `done` is not shown.
pub fn click_until(harness: &mut Harness<'static, CcrDeskApp>, button: &str, done: &str) {
    let started = Instant::now();
    while !shows(harness, done) {
        let enabled = harness
            .query_by_label(button)
            .is_some_and(|node| !node.accesskit_node().is_disabled());
        if enabled {
            click_still(harness, button);
        }
        harness.step();
        assert!(
            started.elapsed() < DEADLINE,
            "timed out waiting for {done:?} after clicking {button:?}; the screen shows:\n{:#?}",
            harness.root()
        );
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// What the app asked a [`ScriptedFiles`] chooser when it wanted to save a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SaveAsked {
    /// The dialog's title.
    pub title: String,
    /// The folder suggested.
    pub folder: std::path::PathBuf,
    /// The file name suggested.
    pub file_name: String,
}

/// A file chooser whose save dialog answers from a queue the test fills (`None` stands for a
/// cancelled dialog, or a desktop without one); an empty queue answers `None`. It records what
/// the app suggested.
#[derive(Default)]
pub struct ScriptedFiles {
    answers: std::sync::Mutex<std::collections::VecDeque<Option<std::path::PathBuf>>>,
    asked: std::sync::Mutex<Vec<SaveAsked>>,
}

impl ScriptedFiles {
    /// A chooser that gives these answers to the save dialogs, in order.
    pub fn new(answers: impl IntoIterator<Item = Option<std::path::PathBuf>>) -> Arc<Self> {
        Arc::new(Self {
            answers: std::sync::Mutex::new(answers.into_iter().collect()),
            asked: std::sync::Mutex::default(),
        })
    }

    /// Adds an answer for a later save dialog.
    pub fn push(&self, answer: Option<std::path::PathBuf>) {
        self.answers.lock().expect("answers").push_back(answer);
    }

    /// Every save dialog the app opened so far, oldest first.
    pub fn asked(&self) -> Vec<SaveAsked> {
        self.asked.lock().expect("asked").clone()
    }
}

impl FileChooser for ScriptedFiles {
    fn pick_file(&self, _title: &str) -> Chosen {
        Box::pin(async { None })
    }

    fn save_file(&self, title: &str, folder: &std::path::Path, file_name: &str) -> Chosen {
        self.asked.lock().expect("asked").push(SaveAsked {
            title: title.to_owned(),
            folder: folder.to_path_buf(),
            file_name: file_name.to_owned(),
        });
        let answer = self.answers.lock().expect("answers").pop_front().flatten();
        Box::pin(async move { answer })
    }
}

impl Desk {
    /// The app with the mock keyring and `files` answering its file dialogs.
    pub fn harness_with_files(&self, files: Arc<dyn FileChooser>) -> Harness<'static, CcrDeskApp> {
        let deps = AppDeps {
            runtime: self.runtime.handle().clone(),
            profile_file: self.profile_file(),
            secrets: SecretsSource::Given(self.secrets.clone()),
            sandbox: SandboxPlan {
                storage: Storage::Ephemeral,
                start_now: false,
            },
            file_chooser: files,
            language: self.language,
            index: self.index_plan(),
            activity_log: Some(self.activity_log_path()),
        };
        Harness::builder()
            .with_size([1280.0, 800.0])
            .build_eframe(move |cc| CcrDeskApp::new(cc, deps))
    }
}
