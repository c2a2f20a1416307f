//! Drawing a chart diff: a summary line, then each file that differs under a collapsing header
//! with its status, and for a changed text file its unified diff in monospace, added lines
//! tinted green and removed lines red, with the line numbers in a weak column.

use egui::text::LayoutJob;
use egui::{Align, Color32, FontSelection, RichText, TextStyle, Ui};

use crate::chart_diff::{
    ChangedContent, ChangedFile, ChartDiff, DiffLine, FileChange, FileDiff, FileFacts, LineKind,
    MAX_DIFF_FILE_BYTES, NotDiffed, TextChanges,
};
use crate::ui::feedback::{Notice, copy_and_confirm};
use crate::ui::theme::success_color;
use crate::ui::widgets::{format_bytes, notice_ui};

/// Files whose diff is longer than this many lines start collapsed.
const OPEN_UP_TO_LINES: usize = 400;
/// The most diff lines drawn for one file; the rest are in the copied diff.
const MAX_DRAWN_LINES: usize = 2_000;
/// How strongly an added or removed line's background is tinted with its colour.
const TINT: f32 = 0.18;

/// The diff of two chart versions: the summary line, then every file that differs, in the
/// order of [`ChartDiff::files`] (`values.yaml`, `Chart.yaml`, then by path), in a scroll area.
pub(crate) fn chart_diff_ui(ui: &mut Ui, diff: &ChartDiff) {
    ui.label(
        RichText::new(tr!(
            "chart-diff-summary",
            changed = diff.changed_count(),
            added = diff.added_count(),
            removed = diff.removed_count(),
            unchanged = diff.unchanged
        ))
        .strong(),
    );
    if diff.is_identical() {
        notice_ui(ui, tr!("chart-diff-identical"));
        return;
    }
    ui.add_space(4.0);
    egui::ScrollArea::vertical()
        .id_salt("chart diff")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for file in &diff.files {
                file_ui(ui, file);
            }
        });
}

/// What a file's status looks like: its word and its colour.
fn badge(change: &FileChange, ui: &Ui) -> (String, Color32) {
    let visuals = ui.visuals();
    match change {
        FileChange::Added(_) => (tr!("chart-diff-badge-added"), success_color(visuals)),
        FileChange::Removed(_) => (tr!("chart-diff-badge-removed"), visuals.error_fg_color),
        FileChange::Changed(_) => (tr!("chart-diff-badge-changed"), visuals.warn_fg_color),
    }
}

/// One file: a collapsing header with its status and path (and line counts), its diff or a
/// note inside.
fn file_ui(ui: &mut Ui, file: &FileDiff) {
    let text = match &file.change {
        FileChange::Changed(ChangedFile {
            content: ChangedContent::Text(changes),
            ..
        }) => Some(changes),
        _ => None,
    };
    let (word, color) = badge(&file.change, ui);
    let mut header = LayoutJob::default();
    let append = |text: RichText, job: &mut LayoutJob| {
        text.append_to(job, ui.style(), FontSelection::Default, Align::Center);
    };
    append(
        RichText::new(format!(" {word} "))
            .small()
            .color(color)
            .background_color(color.gamma_multiply(TINT)),
        &mut header,
    );
    append(RichText::new("  "), &mut header);
    append(RichText::new(&file.path).monospace(), &mut header);
    if let Some(changes) = text {
        append(RichText::new("  "), &mut header);
        append(
            RichText::new(tr!(
                "chart-diff-line-counts",
                added = changes.lines_added,
                removed = changes.lines_removed
            ))
            .small()
            .weak(),
            &mut header,
        );
    }
    let open = text.is_some_and(|changes| line_count(changes) <= OPEN_UP_TO_LINES);
    let response = egui::CollapsingHeader::new(header)
        .id_salt(("chart diff file", file.path.as_str()))
        .default_open(open)
        .show(ui, |ui| match &file.change {
            FileChange::Added(facts) => facts_ui(ui, facts, true),
            FileChange::Removed(facts) => facts_ui(ui, facts, false),
            FileChange::Changed(changed) => changed_ui(ui, &file.path, changed),
        });
    if let Some(changes) = text {
        response.header_response.on_hover_text(tr!(
            "chart-diff-line-counts-hint",
            added = changes.lines_added,
            removed = changes.lines_removed
        ));
    }
}

fn line_count(changes: &TextChanges) -> usize {
    changes.hunks.iter().map(|hunk| hunk.lines.len()).sum()
}

/// A file only one version has: its kind and size.
fn facts_ui(ui: &mut Ui, facts: &FileFacts, added: bool) {
    let size = format_bytes(facts.bytes);
    let note = match (added, facts.is_text) {
        (true, true) => tr!("chart-diff-added-text", size = size),
        (true, false) => tr!("chart-diff-added-binary", size = size),
        (false, true) => tr!("chart-diff-removed-text", size = size),
        (false, false) => tr!("chart-diff-removed-binary", size = size),
    };
    ui.label(RichText::new(note).weak());
}

/// A changed file: its diff, or why it is not shown.
fn changed_ui(ui: &mut Ui, path: &str, file: &ChangedFile) {
    let (old, new) = (format_bytes(file.old_bytes), format_bytes(file.new_bytes));
    match &file.content {
        ChangedContent::Text(changes) => text_changes_ui(ui, path, changes),
        ChangedContent::NotDiffed(NotDiffed::Binary) => {
            ui.label(RichText::new(tr!("chart-diff-binary", old = old, new = new)).weak());
        }
        ChangedContent::NotDiffed(NotDiffed::TooBig { .. }) => {
            ui.label(
                RichText::new(tr!(
                    "chart-diff-too-big",
                    limit = format_bytes(MAX_DIFF_FILE_BYTES),
                    old = old,
                    new = new
                ))
                .weak(),
            );
        }
    }
}

/// The hunks of a changed text file, and a button that copies its unified diff.
fn text_changes_ui(ui: &mut Ui, path: &str, changes: &TextChanges) {
    if ui
        .small_button(tr!("chart-diff-copy"))
        .on_hover_text(tr!("chart-diff-copy-hint", path = path))
        .clicked()
    {
        copy_and_confirm(
            ui.ctx(),
            changes.unified.as_str(),
            Notice::words(|| tr!("chart-diff-copied")),
        );
    }
    let digits = changes
        .hunks
        .iter()
        .flat_map(|hunk| &hunk.lines)
        .filter_map(|line| line.old_number.max(line.new_number))
        .max()
        .unwrap_or(1)
        .to_string()
        .len();
    let total = line_count(changes);
    let mut drawn = 0;
    ui.scope(|ui| {
        ui.spacing_mut().item_spacing.y = 0.0;
        'hunks: for hunk in &changes.hunks {
            ui.add_space(4.0);
            ui.label(RichText::new(hunk.header()).monospace().weak());
            for line in &hunk.lines {
                if drawn == MAX_DRAWN_LINES {
                    break 'hunks;
                }
                drawn += 1;
                line_ui(ui, line, digits);
            }
        }
    });
    if drawn < total {
        ui.add_space(4.0);
        ui.label(RichText::new(tr!("chart-diff-lines-cut", shown = drawn, total = total)).weak());
    }
}

/// One diff line: the old and new line numbers (weak), the sign, the text, on a tinted row for
/// an added or removed line.
fn line_ui(ui: &mut Ui, line: &DiffLine, digits: usize) {
    let visuals = ui.visuals();
    let (sign, color) = match line.kind {
        LineKind::Context => (' ', None),
        LineKind::Added => ('+', Some(success_color(visuals))),
        LineKind::Removed => ('-', Some(visuals.error_fg_color)),
    };
    let number = |n: Option<usize>| n.map_or_else(String::new, |n| n.to_string());
    let numbers = format!(
        "{:>digits$} {:>digits$} ",
        number(line.old_number),
        number(line.new_number)
    );
    let font = TextStyle::Monospace.resolve(ui.style());
    let mut job = LayoutJob::default();
    job.append(
        &numbers,
        0.0,
        egui::TextFormat::simple(font.clone(), visuals.weak_text_color()),
    );
    job.append(
        &sign.to_string(),
        0.0,
        egui::TextFormat::simple(font, color.unwrap_or_else(|| visuals.weak_text_color())),
    );
    let fill = color.map_or(Color32::TRANSPARENT, |c| c.gamma_multiply(TINT));
    egui::Frame::NONE.fill(fill).show(ui, |ui| {
        ui.set_min_width(ui.available_width());
        ui.horizontal_top(|ui| {
            ui.spacing_mut().item_spacing.x = 4.0;
            ui.add(egui::Label::new(job).selectable(false));
            ui.add(egui::Label::new(RichText::new(&line.text).monospace()).wrap());
        });
    });
    if line.missing_newline {
        ui.horizontal(|ui| {
            ui.add_space(ui.spacing().indent);
            ui.label(RichText::new(tr!("chart-diff-no-newline")).small().weak());
        });
    }
}

#[cfg(test)]
mod tests {
    use egui_kittest::Harness;
    use egui_kittest::kittest::Queryable as _;

    use super::*;
    use crate::chart_diff::Hunk;

    fn line(kind: LineKind, old: Option<usize>, new: Option<usize>, text: &str) -> DiffLine {
        DiffLine {
            kind,
            old_number: old,
            new_number: new,
            text: text.to_owned(),
            missing_newline: false,
        }
    }

    /// values.yaml with one changed line, a binary change, an added and a removed file.
    fn sample() -> ChartDiff {
        let changed = |content| {
            FileChange::Changed(ChangedFile {
                old_bytes: 10,
                new_bytes: 12,
                content,
            })
        };
        let values = TextChanges {
            unified: "--- a/values.yaml\n+++ b/values.yaml\n@@ -1,2 +1,2 @@\n a: 1\n-replicaCount: 2\n+replicaCount: 4\n".to_owned(),
            hunks: vec![Hunk {
                old_start: 1,
                old_lines: 2,
                new_start: 1,
                new_lines: 2,
                lines: vec![
                    line(LineKind::Context, Some(1), Some(1), "a: 1"),
                    line(LineKind::Removed, Some(2), None, "replicaCount: 2"),
                    line(LineKind::Added, None, Some(2), "replicaCount: 4"),
                ],
            }],
            lines_added: 1,
            lines_removed: 1,
        };
        let file = |path: &str, change| FileDiff {
            path: path.to_owned(),
            change,
        };
        ChartDiff {
            old_folder: Some("app".to_owned()),
            new_folder: Some("app".to_owned()),
            files: vec![
                file("values.yaml", changed(ChangedContent::Text(values))),
                file(
                    "gone.txt",
                    FileChange::Removed(FileFacts {
                        bytes: 4,
                        is_text: true,
                    }),
                ),
                file(
                    "logo.png",
                    changed(ChangedContent::NotDiffed(NotDiffed::Binary)),
                ),
                file(
                    "new.bin",
                    FileChange::Added(FileFacts {
                        bytes: 3,
                        is_text: false,
                    }),
                ),
            ],
            unchanged: 4,
        }
    }

    #[test]
    fn the_summary_the_lines_and_the_notes_show_in_both_themes() {
        let diff = sample();
        for theme in [egui::Theme::Dark, egui::Theme::Light] {
            let mut harness = Harness::new_ui(|ui| chart_diff_ui(ui, &diff));
            harness.ctx.set_theme(theme);
            harness.run();
            harness.get_by_label("2 files changed, 1 added, 1 removed, 4 unchanged");
            // A short text diff is open at once.
            harness.get_by_label("replicaCount: 2");
            harness.get_by_label("replicaCount: 4");
            assert!(harness.query_by_label_contains("Binary file").is_none());
            for path in ["logo.png", "new.bin", "gone.txt"] {
                harness.get_by_label_contains(path).click();
                harness.run();
            }
            harness.get_by_label_contains("Binary file, not shown");
            harness.get_by_label_contains("Binary file only in the new version");
            harness.get_by_label_contains("Text file only in the old version");
        }
    }

    #[test]
    fn identical_versions_say_so() {
        let diff = ChartDiff {
            unchanged: 6,
            ..ChartDiff::default()
        };
        let mut harness = Harness::new_ui(|ui| chart_diff_ui(ui, &diff));
        harness.run();
        harness.get_by_label("Both versions hold the same files, byte for byte");
    }
}
