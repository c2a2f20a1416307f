//! The bottom status line: what is running, and the last request with its request id.

use std::fmt::Write as _;

use egui::{RichText, Ui};

use crate::tasks::RequestLog;
use crate::ui::feedback::copy_and_notify;
use crate::ui::theme::success_color;

/// The one line that says there is no keyring.
pub const NO_KEYRING: &str = "No keyring is available: passwords are kept for this session only";

/// Draws the status line from the request log, with the last notice (what the user's last
/// action did) and `keyring_problem` when there is no keyring.
pub fn status_bar_ui(
    ui: &mut Ui,
    log: &RequestLog,
    notice: Option<&str>,
    keyring_problem: Option<&str>,
) {
    // The keyring line first, from the right, so the rest is cut short instead of running under it.
    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
        if let Some(problem) = keyring_problem {
            ui.label(RichText::new(NO_KEYRING).color(ui.visuals().warn_fg_color))
                .on_hover_text(problem);
            ui.separator();
        }
        ui.with_layout(egui::Layout::left_to_right(egui::Align::Center), |ui| {
            running_ui(ui, log);
            ui.separator();
            if let Some(notice) = notice {
                let text = RichText::new(notice).color(success_color(ui.visuals()));
                ui.add(egui::Label::new(text).truncate());
                ui.separator();
            }
            last_request_ui(ui, log);
        });
    });
}

/// What is running now, or "Idle".
fn running_ui(ui: &mut Ui, log: &RequestLog) {
    let running: Vec<&str> = log.running().collect();
    if let Some(first) = running.first() {
        ui.spinner();
        let more = running.len() - 1;
        if more > 0 {
            ui.label(format!("{first}… (+{more} more)"));
        } else {
            ui.label(format!("{first}…"));
        }
    } else {
        ui.label(RichText::new("Idle").weak());
    }
}

/// The last change (while the reads after it succeeded) or the last request, with its result
/// and request id (copyable from its menu); cut short when the line is narrow.
fn last_request_ui(ui: &mut Ui, log: &RequestLog) {
    let Some((last, change)) = log.shown() else {
        ui.label(RichText::new("No request yet").weak());
        return;
    };
    let outcome = if last.failed { "failed" } else { "ok" };
    let what = if change {
        "Last change"
    } else {
        "Last request"
    };
    let mut text = format!(
        "{what}: {} · {outcome} · {} ms",
        last.label,
        last.elapsed.as_millis()
    );
    if let Some(id) = &last.request_id {
        let _ = write!(text, " · request id {id}");
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
            if ui.button("Copy request id").clicked() {
                copy_and_notify(ui.ctx(), id.as_str(), "the request id");
                ui.close();
            }
        });
    }
}
