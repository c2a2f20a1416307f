//! Short notices that confirm what happened ("Deleted repository team/app/api", "Copied the
//! digest"): any widget posts one, the app shows it as a toast that fades and keeps the last one
//! in the status line, where a screen reader (and a test) finds it.

use egui::Id;

fn notices_id() -> Id {
    Id::unique("ccr-desk notices")
}

/// Tells the user that `text` happened.
pub fn notify(ctx: &egui::Context, text: impl Into<String>) {
    let text = text.into();
    ctx.data_mut(|data| {
        data.get_temp_mut_or_default::<Vec<String>>(notices_id())
            .push(text);
    });
}

/// Copies `text` to the clipboard and says so: "Copied {what}" ("Copied the digest").
pub fn copy_and_notify(ctx: &egui::Context, text: impl Into<String>, what: &str) {
    ctx.copy_text(text.into());
    notify(ctx, format!("Copied {what}"));
}

/// The notices posted since the last call, oldest first.
pub fn take_notices(ctx: &egui::Context) -> Vec<String> {
    ctx.data_mut(|data| data.remove_temp::<Vec<String>>(notices_id()))
        .unwrap_or_default()
}
