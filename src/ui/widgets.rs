//! Small widgets the screens share: labelled fields, the error box, the pager, the debounced
//! filter, the quota bar, the delete confirmation, and value formatting.

use chrono::Datelike as _;
use egui::{Align, Color32, Layout, Response, RichText, TextEdit, Ui};

use super::describe::Describe as _;
use super::feedback::{Notice, copy_and_confirm};
use super::focus::{Region, anchor};
use super::paged_list::ListKind;
use super::theme::Level;
use crate::api::ApiError;
use crate::api::models::{Project, Quota, Timestamp};

/// The page sizes offered everywhere.
pub const PAGE_SIZES: [u32; 4] = [10, 25, 50, 100];

/// How long the filter waits after the last keystroke before asking the server.
pub const FILTER_DEBOUNCE_SECS: f64 = 0.35;

/// A one-line text field with a label the screen reader (and kittest) knows it by.
pub fn text_field(ui: &mut Ui, label: &str, text: &mut String, hint: &str) -> Response {
    let label = ui.label(label);
    ui.add(
        TextEdit::singleline(text)
            .hint_text(hint)
            .desired_width(f32::INFINITY),
    )
    .labelled_by(label.id)
}

/// A password field with a "Show" toggle. It keeps no undo history, so a password typed and
/// then cleared cannot be brought back with Ctrl+Z.
pub fn password_field(ui: &mut Ui, label: &str, text: &mut String, show: &mut bool) -> Response {
    let label = ui.label(label);
    ui.horizontal(|ui| {
        let response = ui
            .add(
                TextEdit::singleline(text)
                    .password(!*show)
                    .desired_width(ui.available_width() - 60.0),
            )
            .labelled_by(label.id);
        forget_undo_history(ui.ctx(), response.id);
        ui.toggle_value(show, tr!("widget-password-show"));
        response
    })
    .inner
}

/// Drops the undo history of the text field `id` (a password's), kept by egui in its memory.
pub fn forget_undo_history(ctx: &egui::Context, id: egui::Id) {
    if let Some(mut state) = egui::text_edit::TextEditState::load(ctx, id) {
        state.clear_undoer();
        state.store(ctx, id);
    }
}

/// A validation message under a field, in the error colour; nothing when the field is fine.
pub fn field_problem_ui(ui: &mut Ui, problem: Option<&str>) {
    if let Some(problem) = problem {
        ui.label(RichText::new(problem).color(ui.visuals().error_fg_color));
    }
}

/// What the user did with an error box.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorAction {
    /// Nothing.
    None,
    /// Asked to try again.
    Retry,
}

/// Shows an API error where it happened: the plain message (with the server's own message,
/// marked as the server's), then the CCR code, HTTP status and request id (copyable), and a
/// Retry button.
pub fn error_box_ui(ui: &mut Ui, title: &str, error: &ApiError) -> ErrorAction {
    let mut action = ErrorAction::None;
    let stroke_color = ui.visuals().error_fg_color;
    egui::Frame::group(ui.style())
        .stroke(egui::Stroke::new(1.0, stroke_color))
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(RichText::new(title).strong().color(stroke_color));
            ui.label(error.describe());
            let details = error_details(error, false);
            ui.horizontal_wrapped(|ui| {
                if !details.is_empty() {
                    ui.label(RichText::new(details.join(" · ")).small().weak());
                }
                if let Some(request_id) = error.request_id() {
                    ui.label(
                        RichText::new(tr!("widget-error-request-id", id = request_id))
                            .small()
                            .weak()
                            .family(egui::FontFamily::Monospace),
                    );
                    if ui
                        .small_button(tr!("common-copy"))
                        .on_hover_text(tr!("widget-copy-request-id-hint"))
                        .clicked()
                    {
                        copy_and_confirm(
                            ui.ctx(),
                            request_id,
                            Notice::words(|| tr!("notice-copied-request-id")),
                        );
                    }
                }
            });
            if ui.button(tr!("common-retry")).clicked() {
                action = ErrorAction::Retry;
            }
        });
    action
}

/// The facts of an error for its details line: "CCR code …", "HTTP …", and with
/// `with_request_id` "request id …"; each a whole item, joined by " · " when shown.
pub fn error_details(error: &ApiError, with_request_id: bool) -> Vec<String> {
    let mut details = Vec::new();
    if let Some(code) = error.code() {
        details.push(tr!("widget-error-code", code = code.as_str()));
    }
    if let Some(status) = error.http_status() {
        details.push(tr!("widget-error-http", status = status));
    }
    if with_request_id && let Some(request_id) = error.request_id() {
        details.push(tr!("widget-error-request-id", id = request_id));
    }
    details
}

/// What a profile that accepts invalid certificates is marked with ("Certificates not checked").
pub fn insecure_short() -> String {
    tr!("widget-insecure-short")
}

/// Why accepting invalid certificates matters.
pub fn insecure_why() -> String {
    tr!("widget-insecure-why")
}

/// The warning shown with a profile that accepts invalid certificates.
pub fn insecure_warning_ui(ui: &mut Ui) {
    ui.label(RichText::new(tr!("widget-insecure-warning")).color(ui.visuals().warn_fg_color));
}

/// Draws `add` left to right at the right end of a horizontal `ui` (its width is remembered from
/// the frame before), so its widgets take the keyboard in reading order, which a right-to-left
/// layout would reverse.
pub fn right_aligned_ui(ui: &mut Ui, salt: &str, add: impl FnOnce(&mut Ui)) {
    let id = ui.scope_id().with(salt);
    let width: f32 = ui.data(|d| d.get_temp(id)).unwrap_or(0.0);
    let spare = ui.available_width() - width;
    if spare > 0.0 {
        ui.add_space(spare);
    }
    let start = ui.cursor().min.x;
    add(ui);
    let used = ui.min_rect().max.x - start;
    if (used - width).abs() > 0.5 {
        ui.data_mut(|d| d.insert_temp(id, used));
        ui.ctx().request_repaint();
    }
}

/// A small filled circle in `color`, for a state (connected, failed).
pub fn status_dot_ui(ui: &mut Ui, color: Color32) {
    let size = ui.spacing().interact_size.y * 0.4;
    let (rect, _) = ui.allocate_exact_size(egui::vec2(size, size), egui::Sense::hover());
    ui.painter().circle_filled(rect.center(), size / 2.0, color);
}

/// A short message in a frame, for empty lists and notices.
pub fn notice_ui(ui: &mut Ui, text: impl Into<egui::WidgetText>) {
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.label(text);
    });
}

/// The paging state of a list: 1-based page and page size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pager {
    /// The current page, from 1.
    pub page: u32,
    /// Items per page, one of [`PAGE_SIZES`].
    pub page_size: u32,
}

impl Default for Pager {
    fn default() -> Self {
        Self {
            page: 1,
            page_size: PAGE_SIZES[0],
        }
    }
}

impl Pager {
    /// How many pages `total` items fill (at least one).
    pub fn page_count(self, total: u64) -> u32 {
        let size = u64::from(self.page_size.max(1));
        u32::try_from(total.div_ceil(size).max(1)).unwrap_or(u32::MAX)
    }

    /// The paging controls: page size, first/previous/next/last and "Page N of M, T things"
    /// for a list of `kind`. Returns true when the user changed the page or its size.
    pub fn ui(&mut self, ui: &mut Ui, total: Option<u64>, kind: ListKind) -> bool {
        let before = *self;
        let pages = total.map(|t| self.page_count(t));
        ui.horizontal(|ui| {
            self.buttons_ui(ui, pages);
            self.position_ui(ui, pages, total, kind);
            ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
                self.page_size_ui(ui, kind);
            });
        });
        // A page past the end (after a deletion) moves back to the last page.
        if let Some(pages) = pages
            && self.page > pages
        {
            self.page = pages;
        }
        *self != before
    }

    /// First, previous, next and last.
    fn buttons_ui(&mut self, ui: &mut Ui, pages: Option<u32>) {
        let first = ui.add_enabled(self.page > 1, egui::Button::new(tr!("pager-first")));
        if first.on_hover_text(tr!("pager-first-hint")).clicked() {
            self.page = 1;
        }
        let previous = ui.add_enabled(self.page > 1, egui::Button::new(tr!("pager-previous")));
        if previous.clicked() {
            self.page -= 1;
        }
        let has_next = pages.is_some_and(|p| self.page < p);
        if ui
            .add_enabled(has_next, egui::Button::new(tr!("pager-next")))
            .clicked()
        {
            self.page += 1;
        }
        if ui
            .add_enabled(has_next, egui::Button::new(tr!("pager-last")))
            .on_hover_text(tr!("pager-last-hint"))
            .clicked()
            && let Some(pages) = pages
        {
            self.page = pages;
        }
    }

    /// "Page N of M, T things", or "Page N" while the total is not known.
    fn position_ui(self, ui: &mut Ui, pages: Option<u32>, total: Option<u64>, kind: ListKind) {
        match (pages, total) {
            (Some(pages), Some(total)) => {
                ui.label(kind.position(self.page, pages, total));
            }
            _ => {
                ui.label(tr!("pager-page", page = self.page));
            }
        }
    }

    /// The page size picker; a new size goes back to the first page.
    fn page_size_ui(&mut self, ui: &mut Ui, kind: ListKind) {
        let mut size = self.page_size;
        let combo = egui::ComboBox::from_id_salt(("page size", kind))
            .selected_text(tr!("pager-per-page", size = size))
            .width(110.0)
            .show_ui(ui, |ui| {
                for option in PAGE_SIZES {
                    ui.selectable_value(&mut size, option, tr!("pager-per-page", size = option));
                }
            })
            .response;
        // "Page size" only where it fits whole beside the position (a small window, 简体中文).
        let text = egui::WidgetText::from(RichText::new(tr!("pager-page-size")).weak());
        let width = text
            .clone()
            .into_galley(
                ui,
                Some(egui::TextWrapMode::Extend),
                f32::INFINITY,
                egui::TextStyle::Body,
            )
            .size()
            .x;
        if width + ui.spacing().item_spacing.x <= ui.available_width() {
            let label = ui.label(text);
            combo.labelled_by(label.id);
        } else {
            combo.on_hover_text(tr!("pager-page-size"));
        }
        if size != self.page_size {
            self.page_size = size;
            self.page = 1;
        }
    }
}

/// A name filter applied as the user types, once typing pauses.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// What is in the field.
    pub text: String,
    applied: String,
    changed_at: Option<f64>,
}

impl Filter {
    /// The filter the current list was asked with.
    pub fn applied(&self) -> &str {
        &self.applied
    }

    /// Sets and applies a filter at once (after creating something that should be visible).
    pub fn set_now(&mut self, text: &str) {
        text.clone_into(&mut self.text);
        text.clone_into(&mut self.applied);
        self.changed_at = None;
    }

    /// The filter field. Returns true on the frame the typed text becomes the applied filter.
    pub fn ui(&mut self, ui: &mut Ui, label: &str, hint: &str) -> bool {
        let now = ui.input(|i| i.time);
        ui.horizontal(|ui| {
            let label = ui.label(label);
            let response = ui
                .add(
                    TextEdit::singleline(&mut self.text)
                        .hint_text(hint)
                        .desired_width(220.0),
                )
                .labelled_by(label.id);
            anchor(ui.ctx(), Region::Content, response.id);
            if response.changed() {
                self.changed_at = Some(now);
            }
            if !self.text.is_empty()
                && ui
                    .small_button("✖")
                    .on_hover_text(tr!("widget-filter-clear"))
                    .clicked()
            {
                self.text.clear();
                self.changed_at = Some(now - FILTER_DEBOUNCE_SECS);
            }
            // Enter applies at once.
            if response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                self.changed_at = Some(now - FILTER_DEBOUNCE_SECS);
            }
        });
        let Some(changed_at) = self.changed_at else {
            return false;
        };
        let waited = now - changed_at;
        if waited < FILTER_DEBOUNCE_SECS {
            ui.ctx()
                .request_repaint_after(std::time::Duration::from_secs_f64(
                    FILTER_DEBOUNCE_SECS - waited,
                ));
            return false;
        }
        self.changed_at = None;
        let typed = self.text.trim();
        if typed == self.applied {
            return false;
        }
        typed.clone_into(&mut self.applied);
        true
    }
}

/// Storage used against the quota, as a bar coloured by how full it is.
pub fn quota_bar_ui(ui: &mut Ui, project: &Project) {
    let used = project.storage_used_bytes();
    match (project.quota_limit(), used) {
        (Quota::Unlimited, Some(used)) => {
            ui.label(tr!("quota-used-unlimited", used = format_bytes(used)));
        }
        (Quota::Unlimited, None) => {
            ui.label(tr!("quota-unknown-used-unlimited"));
        }
        (Quota::Unknown, Some(used)) => {
            ui.label(tr!("quota-used-no-quota", used = format_bytes(used)));
        }
        (Quota::Unknown, None) => {
            ui.label(tr!("quota-unknown-used-no-quota"));
        }
        (Quota::Bytes(limit), used) => {
            let fraction = match used {
                Some(used) if limit > 0 => used as f32 / limit as f32,
                Some(_) => 1.0,
                None => 0.0,
            };
            let level = Level::of_fraction(fraction);
            let text = match used {
                Some(used) => tr!(
                    "quota-used-of-limit",
                    used = format_bytes(used),
                    limit = format_bytes(limit),
                    percent = format!("{:.0}", fraction * 100.0)
                ),
                None => tr!("quota-unknown-used-of-limit", limit = format_bytes(limit)),
            };
            let bar = egui::ProgressBar::new(fraction.clamp(0.0, 1.0))
                .fill(level.color(ui.visuals()))
                .text(RichText::new(text).color(bar_text_color(ui, level)))
                .desired_width(ui.available_width())
                .corner_radius(3.0);
            ui.add(bar).on_hover_text(match level {
                Level::Normal => tr!("quota-level-normal"),
                Level::Warning => tr!("quota-level-warning"),
                Level::Danger => tr!("quota-level-danger"),
            });
        }
    }
}

fn bar_text_color(ui: &Ui, level: Level) -> Color32 {
    match level {
        Level::Normal => ui.visuals().strong_text_color(),
        Level::Warning | Level::Danger => {
            if ui.visuals().dark_mode {
                Color32::BLACK
            } else {
                Color32::WHITE
            }
        }
    }
}

/// The top of a detail pane: its title, a close button (true when pressed) and, right-aligned
/// before it, whatever `buttons` adds; then a separator.
pub fn detail_header_ui(ui: &mut Ui, title: &str, buttons: impl FnOnce(&mut Ui)) -> bool {
    let mut closed = false;
    ui.add_space(6.0);
    ui.horizontal(|ui| {
        ui.heading(title);
        ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
            closed = ui
                .small_button("✖")
                .on_hover_text(tr!("widget-detail-close-hint"))
                .clicked();
            buttons(ui);
        });
    });
    ui.separator();
    closed
}

/// `shown` (the text `text` styled) with a Copy button hinted `hover` that copies `text` and
/// posts `copied`, the whole sentence that says so ("Copied the digest").
pub fn copyable_text_ui(
    ui: &mut Ui,
    shown: RichText,
    text: &str,
    hover: &str,
    copied: impl Into<Notice>,
) {
    ui.horizontal_wrapped(|ui| {
        ui.label(shown);
        if ui
            .small_button(tr!("common-copy"))
            .on_hover_text(hover)
            .clicked()
        {
            copy_and_confirm(ui.ctx(), text, copied);
        }
    });
}

/// Bytes in binary units ("1.5 GiB").
pub fn format_bytes(bytes: u64) -> String {
    format!("{:.2}", bytesize::ByteSize::b(bytes).display().iec())
}

/// How long ago a moment (ms since the Unix epoch) was, as [`format_time_ago`] says it.
pub fn format_time_ago_ms(ms: i64) -> String {
    match chrono::DateTime::from_timestamp_millis(ms) {
        Some(at) => format_time_ago(at.fixed_offset(), chrono::Utc::now()),
        None => tr!("time-unknown"),
    }
}

/// A moment (ms since the Unix epoch) in the user's local time, as a banner says it: "09:14,
/// 1 Dec", "12月1日 09:14". `None` for a time out of range.
pub fn moment_text(ms: i64) -> Option<String> {
    let at = chrono::DateTime::from_timestamp_millis(ms)?.with_timezone(&chrono::Local);
    let time = at.format("%H:%M").to_string();
    Some(tr!(
        "time-moment",
        time = time,
        day = at.day(),
        month = at.month()
    ))
}

/// A server time in the user's local time zone, `%Y-%m-%d %H:%M` in every language (as the
/// consoles show it); "—" (not known) when absent or the zero time. A pull time, whose zero
/// time means "never pulled", goes through [`format_pull_time`].
pub fn format_time(time: Option<&Timestamp>) -> String {
    match time {
        None | Some(Timestamp::Never) => tr!("time-unknown"),
        Some(Timestamp::At(at)) => at
            .with_timezone(&chrono::Local)
            .format("%Y-%m-%d %H:%M")
            .to_string(),
        Some(Timestamp::Unparsed(text)) => text.clone(),
    }
}

/// A last pull time: "never" for the zero time (the document's "never pulled"), else as
/// [`format_time`].
pub fn format_pull_time(time: Option<&Timestamp>) -> String {
    match time {
        Some(Timestamp::Never) => tr!("time-never"),
        other => format_time(other),
    }
}

/// How long ago `at` was, seen at `now`: "just now", "3 minutes ago", "2 days ago" (counted
/// with the language's plural rules); a time ahead of `now` (a clock that runs ahead) reads
/// "just now".
pub fn format_time_ago(
    at: chrono::DateTime<chrono::FixedOffset>,
    now: chrono::DateTime<chrono::Utc>,
) -> String {
    let seconds = (now - at.with_timezone(&chrono::Utc)).num_seconds().max(0);
    let minutes = seconds / 60;
    let hours = minutes / 60;
    let days = hours / 24;
    if minutes == 0 {
        tr!("time-just-now")
    } else if hours == 0 {
        tr!("time-minutes-ago", count = minutes)
    } else if days == 0 {
        tr!("time-hours-ago", count = hours)
    } else if days < 30 {
        tr!("time-days-ago", count = days)
    } else if days < 365 {
        let months = days / 30;
        tr!("time-months-ago", count = months)
    } else {
        let years = days / 365;
        tr!("time-years-ago", count = years)
    }
}

/// A time as [`format_time`] shows it, with a hover saying how long ago it was, or that it is
/// not known.
pub fn time_ui(ui: &mut Ui, time: Option<&Timestamp>) -> Response {
    let response = ui.label(format_time(time));
    match time {
        Some(Timestamp::At(at)) => response.on_hover_text(format_time_ago(*at, chrono::Utc::now())),
        None | Some(Timestamp::Never) => response.on_hover_text(tr!("time-unknown-hint")),
        Some(Timestamp::Unparsed(_)) => response.on_hover_text(tr!("time-unparsed-hint")),
    }
}

/// A last pull time as [`format_pull_time`] shows it, with a hover as [`time_ui`]'s; "never"
/// says the artifact was never pulled.
pub fn pull_time_ui(ui: &mut Ui, time: Option<&Timestamp>) -> Response {
    if matches!(time, Some(Timestamp::Never)) {
        ui.label(format_pull_time(time))
            .on_hover_text(tr!("time-never-hint"))
    } else {
        time_ui(ui, time)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_count_is_at_least_one() {
        let pager = Pager {
            page: 1,
            page_size: 25,
        };
        assert_eq!(pager.page_count(0), 1);
        assert_eq!(pager.page_count(25), 1);
        assert_eq!(pager.page_count(26), 2);
        assert_eq!(pager.page_count(10_000), 400);
    }

    #[test]
    fn bytes_are_shown_in_binary_units() {
        assert_eq!(format_bytes(0), "0 B");
        assert_eq!(format_bytes(1536), "1.50 KiB");
        assert_eq!(format_bytes(100 * 1024 * 1024), "100.00 MiB");
        assert_eq!(format_bytes(2_254_857_830), "2.10 GiB");
    }

    #[test]
    fn only_the_zero_pull_time_reads_never() {
        assert_eq!(format_pull_time(Some(&Timestamp::Never)), "never");
        assert_eq!(format_pull_time(None), "—");
        assert_eq!(format_time(Some(&Timestamp::Never)), "—");
        assert_eq!(format_time(None), "—");
    }

    #[test]
    fn times_ago_are_counted_in_whole_units() {
        let now = chrono::Utc::now();
        let ago = |seconds: i64| {
            format_time_ago(
                (now - chrono::Duration::seconds(seconds)).fixed_offset(),
                now,
            )
        };
        assert_eq!(ago(5), "just now");
        assert_eq!(ago(-30), "just now", "a clock ahead reads just now");
        assert_eq!(ago(60), "1 minute ago");
        assert_eq!(ago(3 * 60 + 20), "3 minutes ago");
        assert_eq!(ago(2 * 3600), "2 hours ago");
        assert_eq!(ago(86_400), "1 day ago");
        assert_eq!(ago(90 * 86_400), "3 months ago");
        assert_eq!(ago(800 * 86_400), "2 years ago");
    }
}
