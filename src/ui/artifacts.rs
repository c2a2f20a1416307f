//! One repository's artifacts: tags, digests, sizes and platforms, pull commands, delete.

use egui::Ui;

use super::projects::ViewContext;
use super::widgets::notice_ui;

/// The artifacts of one repository.
pub struct ArtifactsView {
    project: String,
    repository: String,
}

impl ArtifactsView {
    /// The view of `project`/`repository`'s artifacts (nothing loaded yet).
    pub fn new(project: impl Into<String>, repository: impl Into<String>) -> Self {
        Self {
            project: project.into(),
            repository: repository.into(),
        }
    }

    /// The project and repository shown.
    pub fn shows(&self, project: &str, repository: &str) -> bool {
        self.project == project && self.repository == repository
    }

    /// Asks the server for the current page again.
    pub fn reload(&mut self, _cx: &ViewContext<'_>) {}

    /// The user left the screen: answers still on their way are dropped.
    pub fn leave(&mut self) {}

    /// The artifacts screen.
    pub fn ui(&mut self, ui: &mut Ui, _cx: &mut ViewContext<'_>) {
        notice_ui(ui, "Artifacts are being built");
    }
}
