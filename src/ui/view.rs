//! What every screen shares with the app: the context it draws and loads with, the [`View`]
//! trait the app drives every connected screen through, and the error lines of a dialog.

use std::collections::{BTreeSet, HashMap};
use std::future::Future;
use std::path::Path;
use std::sync::Arc;

use egui::{RichText, Ui};

use super::commands::{Command, Commands};
use super::describe::Describe as _;
use super::screen::Screen;
use super::widgets::error_details;
use crate::activity::{Actor, Operation, PendingChange, Via};
use crate::api::{ApiError, CcrClient, ChangeRequest, Reply};
use crate::file_chooser::FileChooser;
use crate::session::IndexStatus;
use crate::tasks::{Job, TaskLabel, Tasks};

/// What a screen needs to load data and talk to the app.
pub struct ViewContext<'a> {
    /// Runs the screen's requests.
    pub tasks: &'a Tasks,
    /// The connected client.
    pub client: &'a Arc<CcrClient>,
    /// Where the screen asks the app for things.
    pub commands: &'a mut Commands,
    /// Asks the user for files (the native dialogs, or the tests' answers).
    pub file_chooser: &'a Arc<dyn FileChooser>,
    /// The folder suggested for the next download (the last one used).
    pub download_folder: &'a Path,
    /// The connected profile and its user, who the changes made are recorded as.
    pub actor: &'a Actor,
    /// The cleanup rule sets saved by name.
    pub saved_rules: &'a [crate::cleanup::SavedRules],
    /// Whether a keyring can hold passwords in this session.
    pub keyring_available: bool,
    /// What the screens remember across views and profiles this session.
    pub remembered: &'a mut Remembered,
    /// The registry index of the profile, when open.
    pub index: Option<IndexStatus<'a>>,
    /// The server cannot be reached: the screens show what the index holds, read-only.
    pub offline: bool,
    /// Why the index could not be opened, when it could not.
    pub index_problem: Option<&'a crate::index::IndexError>,
}

/// What the screens remember for as long as the app runs, whichever view or profile is shown.
#[derive(Debug, Default)]
pub struct Remembered {
    /// The page size chosen for each kind of list ("projects", "repositories", …).
    pub page_sizes: HashMap<&'static str, u32>,
    /// For each chart (`project/name`), the versions known to exist: downloaded, or found when
    /// a typed version was checked.
    pub chart_versions: HashMap<String, BTreeSet<String>>,
}

impl ViewContext<'_> {
    /// Reports a failure the app must react to (a refused password).
    pub fn report(&mut self, error: Option<&ApiError>) {
        if error.is_some_and(ApiError::is_auth_failure) {
            self.commands.push(Command::AskPassword);
        }
    }

    /// Runs `call`, a change of `operation` on `target` sending `request`, and records it in
    /// the activity log as the connected user's.
    pub fn change<T: Send + 'static>(
        &self,
        label: impl Into<TaskLabel>,
        operation: Operation,
        target: String,
        request: ChangeRequest,
        call: impl Future<Output = Result<Reply<T>, ApiError>> + Send + 'static,
    ) -> Job<Result<T, ApiError>> {
        let change = PendingChange {
            actor: self.actor.clone(),
            operation,
            target,
            via: Via::Single,
            request: Some(request),
        };
        self.tasks
            .change_recorded(label, Arc::clone(self.client), change, call)
    }
}

/// A screen of the central panel that shows the connected registry. The app keeps one view per
/// kind of [`Screen`], asks it to load, tells it when the user leaves, and draws it.
pub trait View {
    /// Points the view at `screen` (a screen of its kind); false when it cannot show it (another
    /// project, say), and the app then makes a new view.
    fn open(&mut self, screen: &Screen) -> bool;

    /// Asks the server for what the screen shows, again.
    fn reload(&mut self, cx: &ViewContext<'_>);

    /// The user left the screen: answers still on their way are dropped.
    fn leave(&mut self);

    /// Draws the screen, its title line included.
    fn ui(&mut self, ui: &mut Ui, cx: &mut ViewContext<'_>);

    /// Selects the item `key` (a digest, a chart's name) that a search result pointed at,
    /// with `filter` in the screen's filter when given, so that it is on the page shown.
    fn reveal(&mut self, _key: &str, _filter: Option<&str>) {}

    /// Runs every frame on whichever screen is shown, for work that outlives the screen (a
    /// password change whose answer must be taken wherever the user went).
    fn background(&mut self, _ctx: &egui::Context, _cx: &mut ViewContext<'_>) {}
}

/// What a dialog's frame ended with.
pub enum DialogOutcome<T> {
    /// Still open.
    Open,
    /// Closed without doing anything.
    Cancelled,
    /// Do this.
    Submit(T),
}

/// An error inside a dialog: the message (with the server's own message, marked as the
/// server's), then code, status and request id.
pub fn error_lines_ui(ui: &mut Ui, error: &ApiError) {
    ui.label(RichText::new(error.describe()).color(ui.visuals().error_fg_color));
    let details = error_details(error, true);
    if !details.is_empty() {
        ui.label(RichText::new(details.join(" · ")).small().weak());
    }
}
