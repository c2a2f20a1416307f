//! The bottom status line: what is running, and the last request with its request id.

use egui::{RichText, Ui};

use crate::tasks::RequestLog;
use crate::ui::describe::task_label_text;
use crate::ui::feedback::{Notice, copy_and_confirm};
use crate::ui::theme::success_color;

/// The one line that says there is no keyring, in the shown language.
pub fn no_keyring_text() -> String {
    tr!("status-no-keyring")
}

/// Draws the status line from the request log, with the last notice (what the user's last
/// action did) and `keyring_problem` when there is no keyring.
pub fn status_bar_ui(
    ui: &mut Ui,
    log: &RequestLog,
    notice: Option<&Notice>,
    keyring_problem: Option<&str>,
) {
    // The keyring line first, from the right, so the rest is cut short instead of running under it.
    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
        if let Some(problem) = keyring_problem {
            ui.label(RichText::new(no_keyring_text()).color(ui.visuals().warn_fg_color))
                .on_hover_text(problem);
            ui.separator();
        }
        ui.with_layout(egui::Layout::left_to_right(egui::Align::Center), |ui| {
            running_ui(ui, log);
            ui.separator();
            if let Some(notice) = notice {
                let text = RichText::new(notice.text()).color(success_color(ui.visuals()));
                ui.add(egui::Label::new(text).truncate());
                ui.separator();
            }
            last_request_ui(ui, log);
        });
    });
}

/// What is running now, or "Idle".
fn running_ui(ui: &mut Ui, log: &RequestLog) {
    let mut running = log.running();
    if let Some(first) = running.next() {
        ui.spinner();
        let what = task_label_text(first);
        let more = running.count();
        if more > 0 {
            ui.label(tr!("status-running-more", what = what, more = more));
        } else {
            ui.label(tr!("status-running", what = what));
        }
    } else {
        ui.label(RichText::new(tr!("status-idle")).weak());
    }
}

/// The last change (while the reads after it succeeded) or the last request, with its result
/// and request id (copyable from its menu); cut short when the line is narrow.
fn last_request_ui(ui: &mut Ui, log: &RequestLog) {
    let Some((last, change)) = log.shown() else {
        ui.label(RichText::new(tr!("status-no-request")).weak());
        return;
    };
    let what = task_label_text(&last.label);
    let ms = u64::try_from(last.elapsed.as_millis()).unwrap_or(u64::MAX);
    let mut text = match (change, last.failed) {
        (false, false) => tr!("status-last-request-ok", what = what, ms = ms),
        (false, true) => tr!("status-last-request-failed", what = what, ms = ms),
        (true, false) => tr!("status-last-change-ok", what = what, ms = ms),
        (true, true) => tr!("status-last-change-failed", what = what, ms = ms),
    };
    if let Some(id) = &last.request_id {
        // The facts of the line are joined by " · ", as the error box joins its details.
        text.push_str(" · ");
        text.push_str(&tr!("status-request-id", id = id.as_str()));
    }
    let shown = if last.failed {
        RichText::new(&text).color(ui.visuals().error_fg_color)
    } else {
        RichText::new(&text).weak()
    };
    let response = ui
        .add(egui::Label::new(shown).truncate())
        .on_hover_text(&text);
    if let Some(id) = &last.request_id {
        response.context_menu(|ui| {
            if ui.button(tr!("status-copy-request-id")).clicked() {
                copy_and_confirm(
                    ui.ctx(),
                    id.as_str(),
                    Notice::words(|| tr!("notice-copied-request-id")),
                );
                ui.close();
            }
        });
    }
}
