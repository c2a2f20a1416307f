//! The left side panel: Projects (and the open project's Repositories and Charts), Helm charts,
//! Account and Profiles.

use egui::{RichText, Ui};

use crate::ui::commands::{Command, Commands};
use crate::ui::focus::{Region, anchor};
use crate::ui::screen::{ProjectTab, Screen};

/// Draws the navigation for `screen`; the last project opened stays listed under Projects.
pub fn nav_ui(ui: &mut Ui, screen: &Screen, last_project: Option<&str>, commands: &mut Commands) {
    ui.add_space(6.0);
    let mut go = |ui: &mut Ui, selected: bool, text: RichText, target: Screen| {
        let item = ui.selectable_label(selected, text);
        // F6 lands on the first item.
        anchor(ui.ctx(), Region::Side, item.id);
        if item.clicked() && !selected {
            commands.push(Command::Navigate(target));
        }
    };
    go(
        ui,
        *screen == Screen::Projects,
        RichText::new(tr!("nav-projects")),
        Screen::Projects,
    );
    let project = screen.project().or(last_project);
    if let Some(project) = project {
        ui.indent("open project", |ui| {
            let on_project = screen.project() == Some(project);
            ui.label(RichText::new(project).strong().color(if on_project {
                ui.visuals().strong_text_color()
            } else {
                ui.visuals().weak_text_color()
            }));
            for (tab, label) in [
                (ProjectTab::Repositories, tr!("nav-repositories")),
                (ProjectTab::Charts, tr!("nav-charts")),
            ] {
                let target = Screen::project_tab(project, tab);
                go(ui, *screen == target, RichText::new(label), target);
            }
        });
    }
    go(
        ui,
        *screen == Screen::Charts,
        RichText::new(tr!("nav-helm-charts")),
        Screen::Charts,
    );
    go(
        ui,
        *screen == Screen::Storage,
        RichText::new(tr!("nav-storage")),
        Screen::Storage,
    );
    go(
        ui,
        *screen == Screen::Cleanup,
        RichText::new(tr!("nav-cleanup")),
        Screen::Cleanup,
    );
    go(
        ui,
        *screen == Screen::Activity,
        RichText::new(tr!("nav-activity")),
        Screen::Activity,
    );
    ui.add_space(8.0);
    go(
        ui,
        *screen == Screen::Account,
        RichText::new(tr!("nav-account")),
        Screen::Account,
    );
    go(
        ui,
        *screen == Screen::Profiles,
        RichText::new(tr!("nav-profiles")),
        Screen::Profiles,
    );
}
