//! The app shell: the session, where the user is, and the screens' views; each frame it takes
//! what the session's tasks answered, draws the panels ([`panels`]) and then applies what the
//! screens asked for ([`command_handling`]).
//!
//! What survives a restart is the session's settings (`profiles.toml`: profiles, the last
//! profile, screen and download folder) and eframe's window state; everything else here is
//! rebuilt on start.

mod command_handling;
mod panels;
mod password;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use egui::Ui;

use super::bulk_dialog::BulkDeleteDialog;
use super::commands::Commands;
use super::describe::shown_profile_name;
use super::feedback::{Notice, take_notices};
use super::focus::{cycle_regions, focus_ring_ui};
use super::password_dialog::PasswordDialog;
use super::screen::Screen;
use super::screens::{ProfilesView, ScreenViews};
use super::search::SearchBox;
use super::theme::install_fonts;
use super::view::Remembered;
use crate::activity::{ActivityLog, Recorder};
use crate::file_chooser::FileChooser;
use crate::i18n::{self, Language};
use crate::profile::ProfileFile;
use crate::session::{IndexPlan, SandboxPlan, SecretsSource, Session};
use crate::tasks::Tasks;

/// The longest the window waits, when it closes, for keyring writes and the settings save.
const EXIT_WORK_LIMIT: Duration = Duration::from_secs(3);

/// How long a notice stays in its toast.
const NOTICE_DURATION: Duration = Duration::from_secs(4);

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
    /// The language to show this run whatever the settings say (`--lang`, tests); `None` takes
    /// the user's choice, or the OS's locale until they chose.
    pub language: Option<Language>,
    /// Where the registry index files live and whether crawls start by themselves.
    pub index: IndexPlan,
    /// The activity log file (the changes made from the app); `None` records nothing.
    pub activity_log: Option<PathBuf>,
}

/// Where the user is: the screen shown, the last project opened (listed in the side panel), and
/// the screens gone up from, for going forward again.
struct Navigation {
    screen: Screen,
    last_project: Option<String>,
    forward: Vec<Screen>,
}

/// What the screens show: one view per kind of connected screen, the profiles screen, and the
/// password dialog over them.
#[derive(Default)]
struct Views {
    screens: ScreenViews,
    profiles: ProfilesView,
    password_dialog: Option<PasswordDialog>,
    /// The notices fading in a corner.
    toasts: egui_notify::Toasts,
    /// The last notice, kept in the status line (worded when drawn).
    last_notice: Option<Notice>,
    /// Search everywhere, in the top bar.
    search: SearchBox,
    /// Whether the screen shown last frame showed the index offline.
    offline_shown: bool,
    /// Whether the index was open when the screen was last drawn.
    index_open_shown: bool,
    /// The bulk delete of search results chosen together.
    bulk: Option<BulkDeleteDialog>,
}

/// The ccr-desk application.
pub struct CcrDeskApp {
    /// Settings (the persisted part), keyring, built-in sandbox and connection.
    session: Session,
    tasks: Tasks,
    file_chooser: Arc<dyn FileChooser>,
    nav: Navigation,
    views: Views,
    /// What the screens asked for this frame, applied after drawing.
    commands: Commands,
    /// What the screens remember this session (page sizes, known chart versions).
    remembered: Remembered,
    /// The window title last sent.
    title: String,
    /// The language every text is shown in.
    language: Language,
    /// Whether a widget had the keyboard at the end of the last frame.
    keyboard_taken: bool,
}

impl CcrDeskApp {
    /// Builds the app: loads the profiles, starts opening the keyring, and starts the sandbox
    /// or connects the last profile.
    pub fn new(cc: &eframe::CreationContext<'_>, deps: AppDeps) -> Self {
        install_fonts(&cc.egui_ctx);
        let activity_log = deps
            .activity_log
            .map(|path| Recorder::new(Arc::new(ActivityLog::at(path))));
        let tasks = Tasks::new(deps.runtime, cc.egui_ctx.clone()).with_activity_log(activity_log);
        let session = Session::start(
            tasks.clone(),
            deps.profile_file,
            deps.secrets,
            deps.sandbox,
            deps.index,
        );
        let language = deps.language.unwrap_or_else(|| {
            session
                .settings()
                .language
                .as_deref()
                .and_then(Language::from_tag)
                .unwrap_or_else(Language::of_os)
        });
        i18n::set_language(language);
        let screen = session
            .settings()
            .last_screen
            .as_deref()
            .and_then(Screen::from_route)
            .unwrap_or(Screen::Projects);
        Self {
            session,
            tasks,
            file_chooser: deps.file_chooser,
            nav: Navigation {
                last_project: screen.project().map(str::to_owned),
                screen,
                forward: Vec::new(),
            },
            views: Views {
                // Above the status line, where the same notice then stays.
                toasts: egui_notify::Toasts::new()
                    .with_anchor(egui_notify::Anchor::BottomRight)
                    .with_margin(egui::vec2(12.0, 40.0)),
                ..Views::default()
            },
            commands: Commands::default(),
            remembered: Remembered::default(),
            title: String::new(),
            language,
            keyboard_taken: false,
        }
    }

    /// The language shown.
    pub fn language(&self) -> Language {
        self.language
    }

    /// Shows every text in `language` from the next frame on, and keeps the choice.
    pub fn choose_language(&mut self, language: Language) {
        self.language = language;
        i18n::set_language(language);
        self.session.remember_language(language.tag());
    }

    /// The address of the built-in sandbox while it runs in this app.
    pub fn sandbox_url(&self) -> Option<&str> {
        self.session.sandbox_url()
    }

    /// Shows the notices posted this frame as toasts that fade; the last stays in the status
    /// line.
    fn toasts_ui(&mut self, ctx: &egui::Context) {
        for notice in take_notices(ctx) {
            // The toast fades in seconds: worded now. The status line words it when drawn.
            self.views
                .toasts
                .success(notice.text())
                .duration(NOTICE_DURATION);
            self.views.last_notice = Some(notice);
        }
        self.views.toasts.show(ctx);
    }

    /// Keeps the window title on the profile in use.
    fn title_ui(&mut self, ctx: &egui::Context) {
        let title = match self.session.current_profile() {
            Some(profile) => tr!("app-window-title", profile = shown_profile_name(profile)),
            None => "ccr-desk".to_owned(),
        };
        if title != self.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }
    }
}

impl eframe::App for CcrDeskApp {
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        i18n::set_language(self.language);
        self.session.poll();
        self.apply_session_events(ctx);
        self.poll_password_dialog();
    }

    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        i18n::set_language(self.language);
        self.title_ui(ui.ctx());
        if ui.input_mut(|i| i.consume_key(egui::Modifiers::COMMAND, egui::Key::Q)) {
            ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
        }
        let back_or_forward = self.back_and_forward_asked(ui.ctx());
        cycle_regions(ui.ctx());
        self.panels_ui(ui);
        self.go_back_or_forward(ui.ctx(), back_or_forward);
        if self.session.registry_index().crawl_progress().is_some() {
            // The status line counts the crawl's items.
            ui.ctx().request_repaint_after(Duration::from_millis(500));
        }
        self.password_dialog_ui(ui.ctx());
        self.toasts_ui(ui.ctx());
        focus_ring_ui(ui.ctx());
        self.apply_commands();
        self.apply_session_events(ui.ctx());
        self.keyboard_taken = ui.ctx().memory(|m| m.focused().is_some());
    }

    fn on_exit(&mut self) {
        // Queued keyring writes and an unsaved settings change are finished first (bounded);
        // then the sandbox stops, and main gives the runtime time to close it.
        self.session.finish(EXIT_WORK_LIMIT);
    }
}
