//! A screen's title line: where the user is (Projects › project › repository), every level
//! above a link back to it, and a project's two tabs under its name.

use egui::{RichText, Ui};

use super::commands::{Command, Commands};
use super::focus::{Region, anchor};
use super::screen::{ProjectTab, Screen};

/// The most characters of a name a link in the trail shows; the rest is elided, the full name
/// on hover.
const LINK_MAX_CHARS: usize = 40;

/// `text` cut to `max` characters with "…" when longer.
fn elided(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let mut cut: String = text.chars().take(max.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

/// The trail `links` (each a label and the screen it opens), then `here` as the heading. Long
/// names are elided, the full name on hover, so the line never grows past the window.
pub fn breadcrumb_ui(ui: &mut Ui, links: &[(&str, Screen)], here: &str, commands: &mut Commands) {
    ui.horizontal(|ui| {
        for (label, target) in links {
            let link = ui.link(elided(label, LINK_MAX_CHARS));
            let link = if label.chars().count() > LINK_MAX_CHARS {
                link.on_hover_text(*label)
            } else {
                link
            };
            anchor(ui.ctx(), Region::Content, link.id);
            if link.clicked() {
                commands.push(Command::Navigate(target.clone()));
            }
            ui.label("›");
        }
        let heading = egui::Label::new(RichText::new(here).heading()).truncate();
        ui.add(heading).on_hover_text(here);
    });
}

/// A project's title line with its two tabs, `tab` selected.
pub fn project_header_ui(ui: &mut Ui, project: &str, tab: ProjectTab, commands: &mut Commands) {
    let projects = tr!("breadcrumb-projects");
    breadcrumb_ui(
        ui,
        &[(projects.as_str(), Screen::Projects)],
        project,
        commands,
    );
    ui.horizontal(|ui| {
        for (target, label) in [
            (ProjectTab::Repositories, tr!("breadcrumb-tab-repositories")),
            (ProjectTab::Charts, tr!("breadcrumb-tab-charts")),
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
    let projects = tr!("breadcrumb-projects");
    breadcrumb_ui(
        ui,
        &[
            (projects.as_str(), Screen::Projects),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_names_are_elided_to_the_limit() {
        assert_eq!(elided("demo", 40), "demo");
        let long = "a".repeat(255);
        let cut = elided(&long, 40);
        assert_eq!(cut.chars().count(), 40);
        assert!(cut.ends_with('…'));
    }
}
