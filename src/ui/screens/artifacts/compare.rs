//! Two artifacts of a repository side by side: digest, tags, size, type, media types,
//! platforms, labels, author, created, push and pull time, each line marked where they differ.

use egui::{Id, RichText, Ui};

use super::{kind_text, or_dash, platforms_text, size_text};
use crate::api::models::Artifact;
use crate::ui::widgets::{format_pull_time, format_time};

/// One compared fact: its name and the two values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct ComparedFact {
    /// The fact's name, in the shown language.
    pub name: String,
    /// The first artifact's value.
    pub left: String,
    /// The second artifact's value.
    pub right: String,
}

impl ComparedFact {
    /// Whether the two values differ.
    pub fn differs(&self) -> bool {
        self.left != self.right
    }
}

/// How a fact is read from an artifact.
type FactOf = fn(&Artifact) -> String;

/// The facts of `left` and `right`, in the order shown.
pub(super) fn compared_facts(left: &Artifact, right: &Artifact) -> Vec<ComparedFact> {
    let facts: [(String, FactOf); 12] = [
        (tr!("compare-fact-digest"), |a| a.digest.clone()),
        (tr!("compare-fact-tags"), tags_text),
        (tr!("artifacts-fact-size"), size_text),
        (tr!("artifacts-fact-type"), kind_text),
        (tr!("artifacts-fact-media-type"), |a| or_dash(&a.media_type)),
        (tr!("artifacts-fact-manifest"), |a| {
            or_dash(&a.manifest_media_type)
        }),
        (tr!("artifacts-fact-platforms"), platforms_text),
        (tr!("artifacts-fact-labels"), |a| {
            if a.labels.is_empty() {
                or_dash("")
            } else {
                a.labels.join(", ")
            }
        }),
        (tr!("artifacts-fact-author"), |a| {
            or_dash(&a.extra_attrs.author)
        }),
        (tr!("artifacts-fact-created"), |a| {
            format_time(a.extra_attrs.created.as_ref())
        }),
        (tr!("artifacts-fact-pushed"), |a| {
            format_time(a.push_time.as_ref())
        }),
        (tr!("artifacts-fact-pulled"), |a| {
            format_pull_time(a.pull_time.as_ref())
        }),
    ];
    facts
        .into_iter()
        .map(|(name, value)| ComparedFact {
            name,
            left: value(left),
            right: value(right),
        })
        .collect()
}

/// An artifact's tags, sorted, or "untagged".
fn tags_text(artifact: &Artifact) -> String {
    let mut tags: Vec<&str> = artifact.tags.iter().map(|t| t.name.as_str()).collect();
    if tags.is_empty() {
        return tr!("bulk-untagged");
    }
    tags.sort_unstable();
    tags.join(", ")
}

/// The comparison window of two artifacts; false once the user closed it.
pub(super) fn compare_window_ui(ctx: &egui::Context, left: &Artifact, right: &Artifact) -> bool {
    let mut open = true;
    let facts = compared_facts(left, right);
    let differing = facts.iter().filter(|f| f.differs()).count();
    egui::Modal::new(Id::unique("artifact comparison")).show(ctx, |ui| {
        ui.set_max_width(900.0);
        ui.heading(tr!("compare-title"));
        ui.label(RichText::new(tr!("compare-differences", count = differing)).weak());
        ui.add_space(6.0);
        egui::ScrollArea::vertical()
            .max_height(520.0)
            .show(ui, |ui| {
                facts_grid_ui(ui, &facts);
            });
        ui.add_space(8.0);
        if ui.button(tr!("common-close")).clicked()
            || ui.input(|i| i.key_pressed(egui::Key::Escape))
        {
            open = false;
        }
    });
    open
}

/// The facts in three columns, each differing line marked and its values stressed.
fn facts_grid_ui(ui: &mut Ui, facts: &[ComparedFact]) {
    egui::Grid::new("artifact comparison grid")
        .num_columns(4)
        .spacing([12.0, 6.0])
        .striped(true)
        .show(ui, |ui| {
            ui.label("");
            ui.label("");
            ui.strong(tr!("compare-first"));
            ui.strong(tr!("compare-second"));
            ui.end_row();
            for fact in facts {
                if fact.differs() {
                    ui.label(
                        RichText::new("≠")
                            .color(ui.visuals().warn_fg_color)
                            .strong(),
                    )
                    .on_hover_text(tr!("compare-differs"));
                } else {
                    ui.label(RichText::new("=").weak())
                        .on_hover_text(tr!("compare-same"));
                }
                ui.label(RichText::new(fact.name.as_str()).weak());
                for value in [&fact.left, &fact.right] {
                    let text = RichText::new(value.as_str());
                    let text = if fact.differs() {
                        text.color(ui.visuals().warn_fg_color)
                    } else {
                        text
                    };
                    ui.add(egui::Label::new(text).wrap());
                }
                ui.end_row();
            }
        });
}
