//! The planner's rules as a form: a checkbox per rule with its number or pattern, and the
//! rule sets saved by name (load, save, forget).

use egui::{RichText, Ui};

use crate::cleanup::{Rules, SavedRules};
use crate::ui::commands::Command;

/// What the form holds: every rule's switch and value, kept when a rule is switched off.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct RulesForm {
    untagged: bool,
    pushed: (bool, u32),
    not_pulled: (bool, u32),
    keep_newest: (bool, u32),
    tag_matches: (bool, String),
    tag_does_not_match: (bool, String),
    /// The name to save the rules under.
    name: String,
}

impl Default for RulesForm {
    fn default() -> Self {
        Self {
            untagged: true,
            pushed: (false, 30),
            not_pulled: (false, 90),
            keep_newest: (true, 10),
            tag_matches: (false, String::new()),
            tag_does_not_match: (false, "release-*".to_owned()),
            name: String::new(),
        }
    }
}

impl RulesForm {
    /// The rules the form says.
    pub(super) fn rules(&self) -> Rules {
        let on = |(on, value): &(bool, u32)| on.then_some(*value);
        let pattern = |(on, text): &(bool, String)| on.then(|| text.trim().to_owned());
        Rules {
            untagged: self.untagged,
            pushed_more_than_days: on(&self.pushed),
            not_pulled_for_days: on(&self.not_pulled),
            keep_newest: on(&self.keep_newest),
            tag_matches: pattern(&self.tag_matches),
            tag_does_not_match: pattern(&self.tag_does_not_match),
        }
    }

    /// Fills the form from `rules` (a saved set), keeping the values of rules it does not use.
    fn load(&mut self, saved: &SavedRules) {
        let rules = &saved.rules;
        self.untagged = rules.untagged;
        set_number(&mut self.pushed, rules.pushed_more_than_days);
        set_number(&mut self.not_pulled, rules.not_pulled_for_days);
        set_number(&mut self.keep_newest, rules.keep_newest);
        set_pattern(&mut self.tag_matches, rules.tag_matches.as_deref());
        set_pattern(
            &mut self.tag_does_not_match,
            rules.tag_does_not_match.as_deref(),
        );
        saved.name.clone_into(&mut self.name);
    }

    /// Draws the form; the command to save or forget a rule set, when asked.
    pub(super) fn ui(&mut self, ui: &mut Ui, saved: &[SavedRules]) -> Option<Command> {
        let mut command = None;
        ui.add_space(4.0);
        ui.label(RichText::new(tr!("cleanup-rules")).strong());
        egui::Grid::new("cleanup rules")
            .num_columns(2)
            .spacing([10.0, 4.0])
            .show(ui, |ui| {
                ui.checkbox(&mut self.untagged, tr!("cleanup-rule-untagged"));
                ui.label(RichText::new(tr!("cleanup-rule-untagged-hint")).weak());
                ui.end_row();
                number_rule_ui(
                    ui,
                    &mut self.pushed,
                    &tr!("cleanup-rule-pushed"),
                    &tr!("cleanup-days"),
                );
                ui.label(RichText::new(tr!("cleanup-rule-pushed-hint")).weak());
                ui.end_row();
                number_rule_ui(
                    ui,
                    &mut self.not_pulled,
                    &tr!("cleanup-rule-not-pulled"),
                    &tr!("cleanup-days"),
                );
                ui.label(RichText::new(tr!("cleanup-rule-not-pulled-hint")).weak());
                ui.end_row();
                number_rule_ui(
                    ui,
                    &mut self.keep_newest,
                    &tr!("cleanup-rule-keep-newest"),
                    &tr!("cleanup-per-repository"),
                );
                ui.label(RichText::new(tr!("cleanup-rule-keep-newest-hint")).weak());
                ui.end_row();
                pattern_rule_ui(ui, &mut self.tag_matches, &tr!("cleanup-rule-tag-matches"));
                ui.label(RichText::new(tr!("cleanup-rule-pattern-hint")).weak());
                ui.end_row();
                pattern_rule_ui(
                    ui,
                    &mut self.tag_does_not_match,
                    &tr!("cleanup-rule-tag-does-not-match"),
                );
                ui.label(RichText::new(tr!("cleanup-rule-pattern-hint")).weak());
                ui.end_row();
            });
        ui.horizontal_wrapped(|ui| {
            let chosen = saved.iter().find(|s| s.name == self.name.trim());
            egui::ComboBox::from_id_salt("cleanup saved rules")
                .selected_text(tr!("cleanup-saved", count = saved.len()))
                .show_ui(ui, |ui| {
                    for set in saved {
                        if ui.selectable_label(false, set.name.as_str()).clicked() {
                            self.load(set);
                        }
                    }
                })
                .response
                .on_hover_text(tr!("cleanup-saved-hint"));
            let label = ui.label(tr!("cleanup-save-name"));
            ui.add(
                egui::TextEdit::singleline(&mut self.name)
                    .hint_text(tr!("cleanup-save-name-hint"))
                    .desired_width(160.0),
            )
            .labelled_by(label.id);
            let named = !self.name.trim().is_empty();
            if ui
                .add_enabled(named, egui::Button::new(tr!("cleanup-save")))
                .on_hover_text(tr!("cleanup-save-hint"))
                .clicked()
            {
                command = Some(Command::SaveCleanupRules(SavedRules {
                    name: self.name.trim().to_owned(),
                    rules: self.rules(),
                }));
            }
            if let Some(set) = chosen
                && ui.button(tr!("cleanup-forget")).clicked()
            {
                command = Some(Command::DeleteCleanupRules(set.name.clone()));
            }
        });
        command
    }
}

fn set_number(field: &mut (bool, u32), value: Option<u32>) {
    field.0 = value.is_some();
    if let Some(value) = value {
        field.1 = value;
    }
}

fn set_pattern(field: &mut (bool, String), value: Option<&str>) {
    field.0 = value.is_some();
    if let Some(value) = value {
        value.clone_into(&mut field.1);
    }
}

/// A rule with a number: its checkbox, and the number with its unit beside it.
fn number_rule_ui(ui: &mut Ui, field: &mut (bool, u32), label: &str, unit: &str) {
    ui.horizontal(|ui| {
        ui.checkbox(&mut field.0, label);
        let value = ui.add_enabled(
            field.0,
            egui::DragValue::new(&mut field.1)
                .range(0..=36_500)
                .speed(1),
        );
        let unit = ui.label(unit);
        value.labelled_by(unit.id);
    });
}

/// A rule with a tag pattern: its checkbox and the pattern.
fn pattern_rule_ui(ui: &mut Ui, field: &mut (bool, String), label: &str) {
    ui.horizontal(|ui| {
        ui.checkbox(&mut field.0, label);
        let name = ui.label(RichText::new(tr!("cleanup-pattern")).weak());
        ui.add_enabled(
            field.0,
            egui::TextEdit::singleline(&mut field.1)
                .hint_text("v1.*")
                .desired_width(140.0),
        )
        .labelled_by(name.id);
    });
}
