//! While the registry cannot be changed (offline, showing the index), every button that would
//! change it is disabled and says why. The app sets the reason once a frame; the buttons and
//! dialogs that change the registry ask for it.

use egui::{Id, Response, Ui, WidgetText};

fn key() -> Id {
    Id::unique("ccr-desk read-only reason")
}

/// Sets why the registry cannot be changed this frame (`None`: it can).
pub fn set_reason(ctx: &egui::Context, reason: Option<String>) {
    ctx.data_mut(|data| match reason {
        Some(reason) => {
            data.insert_temp(key(), reason);
        }
        None => data.remove::<String>(key()),
    });
}

/// Why the registry cannot be changed now, if it cannot.
pub fn reason(ctx: &egui::Context) -> Option<String> {
    ctx.data(|data| data.get_temp::<String>(key()))
}

/// A button that changes the registry: disabled, with the reason on hover, while it cannot be
/// changed; `enabled` is the button's own condition.
pub fn change_button(ui: &mut Ui, enabled: bool, text: impl Into<WidgetText>) -> Response {
    let reason = reason(ui.ctx());
    let response = ui.add_enabled(enabled && reason.is_none(), egui::Button::new(text));
    match reason {
        Some(reason) => response.on_disabled_hover_text(reason),
        None => response,
    }
}
