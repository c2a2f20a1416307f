//! A screen's title line: where the user is (Projects › project › repository), every level
//! above a link back to it, and a project's two tabs under its name.

use egui::Ui;

use super::commands::{Command, Commands};
use super::screen::{ProjectTab, Screen};

/// The trail `links` (each a label and the screen it opens), then `here` as the heading.
pub fn breadcrumb_ui(ui: &mut Ui, links: &[(&str, Screen)], here: &str, commands: &mut Commands) {
    ui.horizontal(|ui| {
        for (label, target) in links {
            if ui.link(*label).clicked() {
                commands.push(Command::Navigate(target.clone()));
            }
            ui.label("›");
        }
        ui.heading(here);
    });
}

/// A project's title line with its two tabs, `tab` selected.
pub fn project_header_ui(ui: &mut Ui, project: &str, tab: ProjectTab, commands: &mut Commands) {
    breadcrumb_ui(ui, &[("Projects", Screen::Projects)], project, commands);
    ui.horizontal(|ui| {
        for (target, label) in [
            (ProjectTab::Repositories, "Repositories"),
            (ProjectTab::Charts, "Charts"),
        ] {
            if ui.selectable_label(tab == target, label).clicked() && tab != target {
                commands.push(Command::Navigate(Screen::project_tab(project, target)));
            }
        }
    });
    ui.separator();
}

/// A repository's title line: Projects › project › repository.
pub fn repository_header_ui(ui: &mut Ui, project: &str, repository: &str, commands: &mut Commands) {
    breadcrumb_ui(
        ui,
        &[
            ("Projects", Screen::Projects),
            (
                project,
                Screen::project_tab(project, ProjectTab::Repositories),
            ),
        ],
        repository,
        commands,
    );
    ui.separator();
}
