//! "Copy as curl" beside an action of a detail pane: the request the action would send, as a
//! `curl -u USER …` command quoted for a POSIX shell (curl asks for the password).

use egui::Ui;

use super::feedback::{Notice, copy_and_confirm};
use super::view::ViewContext;
use crate::activity::{RequestShape, curl_for};
use crate::api::{CcrClient, ChangeRequest};

/// Who a copied command runs as: the connected client (its URLs) and user.
pub struct CurlAs<'a> {
    /// The client whose URLs the command uses.
    pub client: &'a CcrClient,
    /// The user the command signs in as.
    pub user: &'a str,
}

impl<'a> CurlAs<'a> {
    /// The connected client and user of a screen.
    pub fn of(cx: &'a ViewContext<'_>) -> Self {
        Self {
            client: cx.client,
            user: &cx.actor.user,
        }
    }
}

/// A small "Copy as curl" button for `request`, sent by `client` as `user`; a click copies the
/// command and says so. Nothing is drawn when the request cannot be written as a command.
pub fn copy_as_curl_ui(ui: &mut Ui, client: &CcrClient, user: &str, request: &ChangeRequest) {
    let Some(command) = client
        .sent_request(request)
        .ok()
        .map(|sent| RequestShape::new(sent.method, sent.url, sent.body))
        .and_then(|shape| curl_for(&shape, user))
    else {
        return;
    };
    if ui
        .small_button(tr!("curl-copy"))
        .on_hover_text(tr!("curl-copy-hint", command = command.as_str()))
        .clicked()
    {
        copy_and_confirm(
            ui.ctx(),
            command,
            Notice::words(|| tr!("notice-copied-curl")),
        );
    }
}
