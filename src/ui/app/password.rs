//! The password dialog over every screen: opened when a profile needs its password, it tries
//! the typed one and hands a working connection to the session.

use super::CcrDeskApp;
use crate::api::AuthMethod;
use crate::profile::ProfileId;
use crate::session::{PasswordSource, connect};
use crate::ui::describe::shown_profile_name;
use crate::ui::password_dialog::{PasswordDialog, PasswordOutcome};

impl CcrDeskApp {
    /// Asks for the password of `id`, saying `reason`, unless the dialog already asks for it.
    pub(super) fn open_password_dialog(&mut self, id: &ProfileId, reason: String) {
        if self
            .views
            .password_dialog
            .as_ref()
            .is_some_and(|d| &d.profile == id)
        {
            return;
        }
        let Some(profile) = self.session.settings().profile(id) else {
            return;
        };
        self.views.password_dialog = Some(
            PasswordDialog::new(
                id.clone(),
                &shown_profile_name(profile),
                &profile.username,
                &profile.endpoint,
                reason,
                self.session.secret_store().is_some(),
            )
            .for_token(profile.auth == AuthMethod::Bearer),
        );
    }

    /// Takes the answer of the dialog's attempt: a refused password is typed again, a working
    /// one becomes the connection.
    pub(super) fn poll_password_dialog(&mut self) {
        let Some(dialog) = &mut self.views.password_dialog else {
            return;
        };
        if !dialog.attempt.poll() {
            return;
        }
        if dialog.attempt.error().is_some() {
            dialog.clear_password();
            return;
        }
        let Some(session) = dialog.attempt.value().cloned() else {
            return;
        };
        let id = dialog.profile.clone();
        let save = dialog.save == Some(true);
        self.views.password_dialog = None;
        if self.session.accept_typed_password(id, session, save) {
            // Keep the screen (filter, page, selection) and load it with the new client.
            self.reload();
        } else {
            self.views.screens.clear_lists();
        }
    }

    /// Draws the dialog and tries a submitted password.
    pub(super) fn password_dialog_ui(&mut self, ctx: &egui::Context) {
        let Some(dialog) = &mut self.views.password_dialog else {
            return;
        };
        match dialog.ui(ctx) {
            PasswordOutcome::Open => {}
            PasswordOutcome::Cancelled => self.views.password_dialog = None,
            PasswordOutcome::Submit { password } => {
                if let Some(profile) = self.session.settings().profile(&dialog.profile).cloned() {
                    let source = PasswordSource::Given(password);
                    dialog
                        .attempt
                        .request(self.tasks.spawn(connect(profile, source)));
                }
            }
        }
    }
}
