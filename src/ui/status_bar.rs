//! The bottom status line: what is running, and the last request with its request id.

use std::fmt::Write as _;

use egui::{RichText, Ui};

use crate::tasks::RequestLog;

/// The one line that says there is no keyring.
pub const NO_KEYRING: &str = "No keyring is available: passwords are kept for this session only";

/// Draws the status line from the request log; `keyring_problem` when there is no keyring.
pub fn status_bar_ui(ui: &mut Ui, log: &RequestLog, keyring_problem: Option<&str>) {
    ui.horizontal(|ui| {
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
        ui.separator();
        match log.last() {
            Some(last) => {
                let outcome = if last.failed { "failed" } else { "ok" };
                let mut text = format!(
                    "Last request: {} · {outcome} · {} ms",
                    last.label,
                    last.elapsed.as_millis()
                );
                if let Some(id) = &last.request_id {
                    let _ = write!(text, " · request id {id}");
                }
                let label = if last.failed {
                    RichText::new(text).color(ui.visuals().error_fg_color)
                } else {
                    RichText::new(text).weak()
                };
                let response = ui.label(label);
                if let Some(id) = &last.request_id {
                    response.context_menu(|ui| {
                        if ui.button("Copy request id").clicked() {
                            ui.ctx().copy_text(id.clone());
                            ui.close();
                        }
                    });
                }
            }
            None => {
                ui.label(RichText::new("No request yet").weak());
            }
        }
        if let Some(problem) = keyring_problem {
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                ui.label(RichText::new(NO_KEYRING).color(ui.visuals().warn_fg_color))
                    .on_hover_text(problem);
            });
        }
    });
}
