//! Short notices that confirm what happened ("Deleted repository team/app/api", "Copied the
//! digest"): any widget posts one, the app shows it as a toast that fades and keeps the last one
//! in the status line, where a screen reader (and a test) finds it.

use std::sync::Arc;

use egui::Id;

/// A notice's words: made once when posted, or made each time the notice is shown (the status
/// line keeps the last one, and re-words it after a language switch).
#[derive(Clone)]
pub enum Notice {
    /// Words made once.
    Text(String),
    /// Words made each time the notice is shown, on the UI thread (a closure calling `tr!`).
    Words(Arc<dyn Fn() -> String + Send + Sync>),
}

impl Notice {
    /// A notice worded by `words` each time it is shown.
    pub fn words(words: impl Fn() -> String + Send + Sync + 'static) -> Self {
        Self::Words(Arc::new(words))
    }

    /// The notice's words now, in the shown language.
    pub fn text(&self) -> String {
        match self {
            Self::Text(text) => text.clone(),
            Self::Words(words) => words(),
        }
    }
}

impl From<String> for Notice {
    fn from(text: String) -> Self {
        Self::Text(text)
    }
}

impl From<&str> for Notice {
    fn from(text: &str) -> Self {
        Self::Text(text.to_owned())
    }
}

fn notices_id() -> Id {
    Id::unique("ccr-desk notices")
}

/// Tells the user that something happened: `notice` is the whole sentence ("Deleted project
/// demo"), a `String` worded now or a [`Notice::words`] worded when shown.
pub fn notify(ctx: &egui::Context, notice: impl Into<Notice>) {
    let notice = notice.into();
    ctx.data_mut(|data| {
        data.get_temp_mut_or_default::<Vec<Notice>>(notices_id())
            .push(notice);
    });
}

/// Copies `text` to the clipboard and posts `notice`, the whole sentence that says so ("Copied
/// the digest": `Notice::words(|| tr!("…-copied"))`).
pub fn copy_and_confirm(ctx: &egui::Context, text: impl Into<String>, notice: impl Into<Notice>) {
    ctx.copy_text(text.into());
    notify(ctx, notice);
}

/// The notices posted since the last call, oldest first.
pub fn take_notices(ctx: &egui::Context) -> Vec<Notice> {
    ctx.data_mut(|data| data.remove_temp::<Vec<Notice>>(notices_id()))
        .unwrap_or_default()
}
