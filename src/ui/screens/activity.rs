//! The activity log screen: every change made from the app, newest first, filtered by profile,
//! operation, result and time range; an entry's details with its request as a `curl` command
//! to copy; and the filtered list exported to CSV or JSON. The log is read off the UI thread,
//! and again whenever the app records a new entry.

use std::sync::Arc;

use egui::{Color32, RichText, Ui};
use egui_extras::Column;

use crate::activity::{
    ActivityEntry, ActivityFilter, ActivityRead, Operation, Outcome, Via, curl_command,
};
use crate::export::{Cell, Column as ExportColumn, Table};
use crate::profile::ProfileId;
use crate::session::{ProfileName, SANDBOX_PROFILE_NAME};
use crate::tasks::{Remote, Tasks};
use crate::ui::describe::profile_name_text;
use crate::ui::export::{ExportRequest, Exporter};
use crate::ui::feedback::Notice;
use crate::ui::list_table::{PaneWidth, columns_ui, detail_pane_ui, list_table, row_height};
use crate::ui::screen::Screen;
use crate::ui::view::{View, ViewContext};
use crate::ui::widgets::{copyable_text_ui, detail_header_ui, notice_ui};

/// The most entries the screen reads at once (the newest ones).
const SHOWN_AT_MOST: usize = 5_000;

/// The time ranges the filter offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum Range {
    /// The last hour.
    Hour,
    /// The last 24 hours.
    Day,
    /// The last 7 days.
    Week,
    /// The last 30 days.
    Month,
    /// Everything.
    #[default]
    All,
}

impl Range {
    const ALL: [Self; 5] = [Self::Hour, Self::Day, Self::Week, Self::Month, Self::All];

    /// How far back the range reaches, in milliseconds; `None` for everything.
    fn span_ms(self) -> Option<i64> {
        const HOUR: i64 = 3_600_000;
        match self {
            Self::Hour => Some(HOUR),
            Self::Day => Some(24 * HOUR),
            Self::Week => Some(7 * 24 * HOUR),
            Self::Month => Some(30 * 24 * HOUR),
            Self::All => None,
        }
    }

    fn text(self) -> String {
        match self {
            Self::Hour => tr!("activity-range-hour"),
            Self::Day => tr!("activity-range-day"),
            Self::Week => tr!("activity-range-week"),
            Self::Month => tr!("activity-range-month"),
            Self::All => tr!("activity-range-all"),
        }
    }
}

/// What the user filters by.
#[derive(Debug, Clone, Default, PartialEq)]
struct Filters {
    profile: Option<(ProfileId, String)>,
    operation: Option<Operation>,
    result: Option<Outcome>,
    range: Range,
}

impl Filters {
    fn to_filter(&self) -> ActivityFilter {
        ActivityFilter {
            profile_id: self.profile.as_ref().map(|(id, _)| id.clone()),
            operation: self.operation,
            result: self.result,
            from_ms: self
                .range
                .span_ms()
                .map(|span| crate::activity::now_ms() - span),
            to_ms: None,
            limit: Some(SHOWN_AT_MOST),
        }
    }
}

/// The activity log screen's state.
#[derive(Default)]
pub struct ActivityView {
    filters: Filters,
    /// The filters the shown entries were read with.
    loaded_with: Option<Filters>,
    /// The app's count of entries written when the log was last read.
    loaded_written: Option<u64>,
    entries: Remote<ActivityRead, String>,
    /// The profiles seen in the log, for the profile filter.
    profiles: Vec<(ProfileId, String)>,
    /// The entry whose details are open, by its place in the list.
    selected: Option<usize>,
    exporter: Exporter,
}

impl ActivityView {
    fn load(&mut self, tasks: &Tasks) {
        let Some(log) = tasks
            .activity_log()
            .map(|recorder| Arc::clone(recorder.log()))
        else {
            return;
        };
        let filter = self.filters.to_filter();
        self.loaded_with = Some(self.filters.clone());
        self.loaded_written = Some(tasks.activity_written());
        self.selected = None;
        self.entries.request(tasks.spawn_blocking(
            std::time::Duration::from_secs(30),
            || Err(tr!("activity-read-slow")),
            move || log.read(&filter).map_err(|error| error.to_string()),
        ));
    }

    fn poll(&mut self) {
        if self.entries.poll()
            && let Some(read) = self.entries.value()
        {
            for entry in &read.entries {
                if !self.profiles.iter().any(|(id, _)| *id == entry.profile_id) {
                    self.profiles
                        .push((entry.profile_id.clone(), shown_profile(entry)));
                }
            }
        }
    }

    fn filters_ui(&mut self, ui: &mut Ui) {
        ui.horizontal_wrapped(|ui| {
            let profiles: Vec<((ProfileId, String), String)> = self
                .profiles
                .iter()
                .map(|profile| (profile.clone(), profile.1.clone()))
                .collect();
            any_of_ui(
                ui,
                &tr!("activity-filter-profile"),
                &mut self.filters.profile,
                profiles,
            );
            let operations = Operation::ALL.map(|op| (op, operation_text(op)));
            any_of_ui(
                ui,
                &tr!("activity-filter-operation"),
                &mut self.filters.operation,
                operations,
            );
            let outcomes = [Outcome::Succeeded, Outcome::Failed].map(|o| (o, outcome_text(o)));
            any_of_ui(
                ui,
                &tr!("activity-filter-result"),
                &mut self.filters.result,
                outcomes,
            );
            let label = ui.label(tr!("activity-filter-time"));
            egui::ComboBox::from_id_salt("activity time filter")
                .selected_text(self.filters.range.text())
                .show_ui(ui, |ui| {
                    for range in Range::ALL {
                        ui.selectable_value(&mut self.filters.range, range, range.text());
                    }
                })
                .response
                .labelled_by(label.id);
        });
    }

    fn toolbar_ui(&mut self, ui: &mut Ui, cx: &ViewContext<'_>) {
        ui.horizontal(|ui| {
            let count = self.entries.value().map_or(0, |read| read.entries.len());
            ui.label(tr!("activity-count", count = count));
            if self.entries.is_pending() {
                ui.spinner();
            }
            let entries = self
                .entries
                .value()
                .map(|read| read.entries.clone())
                .unwrap_or_default();
            self.exporter.menu_ui(ui, cx, !entries.is_empty(), move || {
                let table = export_table(&entries);
                ExportRequest::new("activity", async move { Ok(table) })
            });
        });
    }
}

impl View for ActivityView {
    fn open(&mut self, screen: &Screen) -> bool {
        *screen == Screen::Activity
    }

    fn reload(&mut self, cx: &ViewContext<'_>) {
        self.load(cx.tasks);
    }

    fn leave(&mut self) {
        self.entries.abandon();
        self.loaded_written = None;
    }

    fn ui(&mut self, ui: &mut Ui, cx: &mut ViewContext<'_>) {
        ui.heading(tr!("nav-activity"));
        if cx.tasks.activity_log().is_none() {
            notice_ui(ui, tr!("activity-no-log"));
            return;
        }
        self.poll();
        if self.loaded_with.as_ref() != Some(&self.filters)
            || self.loaded_written != Some(cx.tasks.activity_written())
        {
            self.load(cx.tasks);
        }
        ui.label(RichText::new(tr!("activity-explain")).weak());
        self.filters_ui(ui);
        self.toolbar_ui(ui, cx);
        if let Some(error) = self.entries.error() {
            ui.colored_label(
                ui.visuals().error_fg_color,
                tr!("activity-read-failed", detail = error.as_str()),
            );
        }
        let Some(read) = self.entries.value() else {
            return;
        };
        if read.unreadable_lines > 0 {
            ui.colored_label(
                ui.visuals().warn_fg_color,
                tr!("activity-unreadable", count = read.unreadable_lines),
            );
        }
        if read.entries.is_empty() {
            notice_ui(ui, tr!("activity-empty"));
            return;
        }
        ui.separator();
        let entries = read.entries.clone();
        let mut close = false;
        if let Some(entry) = self.selected.and_then(|n| entries.get(n)) {
            detail_pane_ui(
                ui,
                "activity",
                PaneWidth {
                    default: 380.0,
                    min: 260.0,
                    max: 640.0,
                },
                |ui| close = entry_detail_ui(ui, entry),
            );
        }
        if close {
            self.selected = None;
        }
        let mut clicked = None;
        columns_ui(ui, "activity", |ui| {
            clicked = entries_table_ui(ui, &entries, self.selected);
        });
        if let Some(n) = clicked {
            self.selected = Some(n);
        }
    }
}

/// A filter's combo box named `label`: "Any" (`None`) or one of `options` (a value and its
/// words).
fn any_of_ui<T: Clone + PartialEq>(
    ui: &mut Ui,
    label: &str,
    value: &mut Option<T>,
    options: impl IntoIterator<Item = (T, String)>,
) {
    let label = ui.label(label);
    let options: Vec<(T, String)> = options.into_iter().collect();
    let shown = value
        .as_ref()
        .and_then(|v| options.iter().find(|(o, _)| o == v))
        .map_or_else(|| tr!("activity-filter-any"), |(_, text)| text.clone());
    egui::ComboBox::from_id_salt(("activity filter", label.id))
        .selected_text(shown)
        .show_ui(ui, |ui| {
            ui.selectable_value(value, None, tr!("activity-filter-any"));
            for (option, text) in options {
                ui.selectable_value(value, Some(option), text);
            }
        })
        .response
        .labelled_by(label.id);
}

/// The table of entries; the row clicked, if any.
fn entries_table_ui(
    ui: &mut Ui,
    entries: &[ActivityEntry],
    selected: Option<usize>,
) -> Option<usize> {
    let mut clicked = None;
    let height = row_height(ui);
    list_table(ui, "activity table", None)
        .column(Column::initial(130.0).at_least(110.0))
        .column(Column::initial(120.0).at_least(80.0).clip(true))
        .column(Column::initial(150.0).at_least(100.0).clip(true))
        .column(Column::initial(260.0).at_least(120.0).clip(true))
        .column(Column::initial(90.0).at_least(70.0))
        .column(Column::remainder().at_least(120.0).clip(true))
        .header(24.0, |mut header| {
            for title in [
                tr!("activity-column-time"),
                tr!("activity-column-profile"),
                tr!("activity-column-operation"),
                tr!("activity-column-target"),
                tr!("activity-column-result"),
                tr!("activity-column-answer"),
            ] {
                header.col(|ui| {
                    ui.strong(title);
                });
            }
        })
        .body(|body| {
            body.rows(height, entries.len(), |mut row| {
                let n = row.index();
                let Some(entry) = entries.get(n) else {
                    return;
                };
                row.set_selected(selected == Some(n));
                row.col(|ui| {
                    ui.label(time_text(entry.at_ms));
                });
                row.col(|ui| {
                    ui.label(format!("{} · {}", shown_profile(entry), entry.user));
                });
                row.col(|ui| {
                    ui.label(operation_with_via(entry));
                });
                row.col(|ui| {
                    ui.label(entry.target.as_str());
                });
                row.col(|ui| {
                    outcome_ui(ui, entry.result);
                });
                row.col(|ui| {
                    ui.label(answer_text(entry));
                });
                if row.response().clicked() {
                    clicked = Some(n);
                }
            });
        });
    clicked
}

/// One entry's details, with its request as a `curl` command; true when the user closed it.
fn entry_detail_ui(ui: &mut Ui, entry: &ActivityEntry) -> bool {
    let closed = detail_header_ui(ui, &operation_with_via(entry), |_| {});
    egui::Grid::new("activity entry grid")
        .num_columns(2)
        .spacing([12.0, 6.0])
        .show(ui, |ui| {
            let fact = |ui: &mut Ui, name: String, value: String| {
                ui.label(RichText::new(name).weak());
                ui.add(egui::Label::new(value).wrap());
                ui.end_row();
            };
            fact(ui, tr!("activity-column-time"), time_text(entry.at_ms));
            fact(ui, tr!("activity-fact-profile"), shown_profile(entry));
            fact(ui, tr!("activity-fact-user"), entry.user.clone());
            fact(ui, tr!("activity-column-target"), entry.target.clone());
            fact(
                ui,
                tr!("activity-column-result"),
                outcome_text(entry.result),
            );
            fact(
                ui,
                tr!("activity-fact-http-status"),
                entry
                    .http_status
                    .map_or_else(|| tr!("time-unknown"), |s| s.to_string()),
            );
            fact(
                ui,
                tr!("activity-fact-ccr-code"),
                entry
                    .ccr_code
                    .clone()
                    .unwrap_or_else(|| tr!("time-unknown")),
            );
            fact(
                ui,
                tr!("activity-fact-request-id"),
                entry
                    .request_id
                    .clone()
                    .unwrap_or_else(|| tr!("time-unknown")),
            );
        });
    ui.add_space(8.0);
    match curl_command(entry, &entry.user) {
        Some(command) => {
            ui.label(RichText::new(tr!("activity-curl-title")).strong());
            copyable_text_ui(
                ui,
                RichText::new(command.as_str()).monospace(),
                &command,
                &tr!("activity-curl-copy-hint"),
                Notice::words(|| tr!("notice-copied-curl")),
            );
            ui.label(RichText::new(tr!("activity-curl-explain")).weak().small());
        }
        None => {
            ui.label(RichText::new(tr!("activity-curl-none")).weak());
        }
    }
    closed
}

/// The entries as an export table, in the order shown.
fn export_table(entries: &[ActivityEntry]) -> Table {
    let mut table = Table::new(vec![
        ExportColumn::new("time", tr!("activity-column-time")),
        ExportColumn::new("profile", tr!("activity-fact-profile")),
        ExportColumn::new("user", tr!("activity-fact-user")),
        ExportColumn::new("operation", tr!("activity-column-operation")),
        ExportColumn::new("target", tr!("activity-column-target")),
        ExportColumn::new("result", tr!("activity-column-result")),
        ExportColumn::new("http_status", tr!("activity-fact-http-status")),
        ExportColumn::new("ccr_code", tr!("activity-fact-ccr-code")),
        ExportColumn::new("request_id", tr!("activity-fact-request-id")),
    ]);
    let optional = |value: Option<String>| value.map_or(Cell::Missing, Cell::Text);
    for entry in entries {
        table.push_row(vec![
            Cell::Text(iso_time(entry.at_ms)),
            Cell::Text(shown_profile(entry)),
            Cell::Text(entry.user.clone()),
            Cell::Text(operation_with_via(entry)),
            Cell::Text(entry.target.clone()),
            Cell::Text(outcome_text(entry.result)),
            entry
                .http_status
                .map_or(Cell::Missing, |s| Cell::Integer(i64::from(s))),
            optional(entry.ccr_code.clone()),
            optional(entry.request_id.clone()),
        ]);
    }
    table
}

/// The name of the entry's profile as the app shows it (the built-in sandbox's in the shown
/// language).
fn shown_profile(entry: &ActivityEntry) -> String {
    if entry.profile_name == SANDBOX_PROFILE_NAME {
        profile_name_text(&ProfileName::Sandbox)
    } else {
        entry.profile_name.clone()
    }
}

/// An entry's time in the user's local time zone, to the second.
fn time_text(ms: i64) -> String {
    chrono::DateTime::from_timestamp_millis(ms).map_or_else(
        || tr!("time-unknown"),
        |at| {
            at.with_timezone(&chrono::Local)
                .format("%Y-%m-%d %H:%M:%S")
                .to_string()
        },
    )
}

/// An entry's time as RFC 3339 in UTC, for an export.
fn iso_time(ms: i64) -> String {
    chrono::DateTime::from_timestamp_millis(ms).map_or_else(String::new, |at| at.to_rfc3339())
}

/// The status, code and request id of the answer, in one cell.
fn answer_text(entry: &ActivityEntry) -> String {
    let parts: Vec<String> = [
        entry.http_status.map(|s| s.to_string()),
        entry.ccr_code.clone(),
        entry.request_id.clone(),
    ]
    .into_iter()
    .flatten()
    .collect();
    if parts.is_empty() {
        tr!("time-unknown")
    } else {
        parts.join(" · ")
    }
}

/// The result, coloured.
fn outcome_ui(ui: &mut Ui, outcome: Outcome) {
    let color = match outcome {
        Outcome::Succeeded => Color32::from_rgb(0x3c, 0xa0, 0x5a),
        Outcome::Failed => ui.visuals().error_fg_color,
    };
    ui.label(RichText::new(outcome_text(outcome)).color(color));
}

/// An operation in words, with what it was part of.
fn operation_with_via(entry: &ActivityEntry) -> String {
    let operation = operation_text(entry.operation);
    match entry.via {
        Via::Single => operation,
        Via::BulkDelete => tr!("activity-via-bulk", operation = operation),
        Via::Cleanup => tr!("activity-via-cleanup", operation = operation),
    }
}

/// An operation in words.
fn operation_text(operation: Operation) -> String {
    match operation {
        Operation::CreateProject => tr!("activity-op-create-project"),
        Operation::DeleteProject => tr!("activity-op-delete-project"),
        Operation::CreateRepository => tr!("activity-op-create-repository"),
        Operation::DeleteRepository => tr!("activity-op-delete-repository"),
        Operation::DeleteArtifact => tr!("activity-op-delete-artifact"),
        Operation::DeleteChart => tr!("activity-op-delete-chart"),
        Operation::ResetPassword => tr!("activity-op-reset-password"),
        Operation::SaveProfile => tr!("activity-op-save-profile"),
        Operation::DeleteProfile => tr!("activity-op-delete-profile"),
    }
}

/// A result in words.
fn outcome_text(outcome: Outcome) -> String {
    match outcome {
        Outcome::Succeeded => tr!("activity-result-succeeded"),
        Outcome::Failed => tr!("activity-result-failed"),
    }
}
