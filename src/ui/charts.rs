//! Helm charts: the charts of every project (or of one project), delete, and download to disk.

use egui::Ui;

use super::projects::ViewContext;
use super::widgets::notice_ui;

/// The charts screen (all projects) or a project's Charts tab.
pub struct ChartsView {
    project: Option<String>,
}

impl ChartsView {
    /// The view of every project's charts (`None`) or of one project's.
    pub fn new(project: Option<String>) -> Self {
        Self { project }
    }

    /// The project whose charts are shown, or `None` for every project.
    pub fn project(&self) -> Option<&str> {
        self.project.as_deref()
    }

    /// Asks the server for the current page again.
    pub fn reload(&mut self, _cx: &ViewContext<'_>) {}

    /// The user left the screen: answers still on their way are dropped.
    pub fn leave(&mut self) {}

    /// The charts screen.
    pub fn ui(&mut self, ui: &mut Ui, _cx: &mut ViewContext<'_>) {
        notice_ui(ui, "Helm charts are being built");
    }
}
