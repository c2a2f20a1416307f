//! The dialog that asks for a profile's password when none is stored or the server refused it.

use egui::{Id, RichText};
use secrecy::SecretString;
use zeroize::Zeroize as _;

use crate::profile::ProfileId;
use crate::session::{ConnectFailure, Connected};
use crate::tasks::Remote;
use crate::ui::describe::Describe;
use crate::ui::dialogs::{DialogButton, dialog_buttons_ui};
use crate::ui::view::error_lines_ui;
use crate::ui::widgets::password_field;

/// What the user did with the dialog this frame.
pub enum PasswordOutcome {
    /// Still open.
    Open,
    /// Closed without a password.
    Cancelled,
    /// Try this password (saved in the keyring once it works, when [`PasswordDialog::save`]
    /// is set).
    Submit {
        /// The typed password.
        password: SecretString,
    },
}

/// The password dialog's state.
pub struct PasswordDialog {
    /// The profile the password is for.
    pub profile: ProfileId,
    profile_name: String,
    username: String,
    endpoint: String,
    reason: String,
    password: String,
    show: bool,
    /// Whether to save the password in the keyring; `None` when there is no keyring.
    pub save: Option<bool>,
    /// The connection attempt with the typed password.
    pub attempt: Remote<Connected, ConnectFailure>,
    focused: bool,
    /// The profile signs in with a token, not a password: the dialog says so.
    token: bool,
}

impl Drop for PasswordDialog {
    fn drop(&mut self) {
        // The typed password does not linger in freed memory.
        self.password.zeroize();
    }
}

impl PasswordDialog {
    /// A dialog for `profile`, explaining `reason`; `can_save` when a keyring is available.
    /// Call [`Self::for_token`] for a profile that signs in with a token.
    pub fn new(
        profile: ProfileId,
        profile_name: &str,
        username: &str,
        endpoint: &str,
        reason: String,
        can_save: bool,
    ) -> Self {
        Self {
            profile,
            profile_name: profile_name.to_owned(),
            username: username.to_owned(),
            endpoint: endpoint.to_owned(),
            reason,
            password: String::new(),
            show: false,
            save: can_save.then_some(true),
            attempt: Remote::default(),
            focused: false,
            token: false,
        }
    }

    /// The same dialog asking for the profile's token instead of a password.
    #[must_use]
    pub fn for_token(mut self, token: bool) -> Self {
        self.token = token;
        self
    }

    /// The modal dialog.
    pub fn ui(&mut self, ctx: &egui::Context) -> PasswordOutcome {
        let mut outcome = PasswordOutcome::Open;
        let busy = self.attempt.is_pending();
        egui::Modal::new(Id::unique("password dialog")).show(ctx, |ui| {
            ui.set_width(440.0);
            ui.heading(if self.token {
                tr!("password-dialog-title-token")
            } else {
                tr!("password-dialog-title")
            });
            ui.add_space(4.0);
            ui.label(&self.reason);
            ui.label(
                RichText::new(tr!(
                    "password-dialog-target",
                    profile = self.profile_name.as_str(),
                    username = self.username.as_str(),
                    endpoint = self.endpoint.as_str()
                ))
                .weak(),
            );
            ui.add_space(6.0);
            let label = if self.token {
                tr!("password-dialog-token")
            } else {
                tr!("password-dialog-password")
            };
            let field = password_field(ui, &label, &mut self.password, &mut self.show);
            if !self.focused {
                field.request_focus();
                self.focused = true;
            }
            if let Some(save) = &mut self.save {
                let text = if self.token {
                    tr!("password-dialog-save-token")
                } else {
                    tr!("password-dialog-save-password")
                };
                ui.checkbox(save, text);
            } else {
                let text = if self.token {
                    tr!("password-dialog-no-keyring-token")
                } else {
                    tr!("password-dialog-no-keyring")
                };
                ui.label(RichText::new(text).weak());
            }
            if let Some(error) = self.attempt.error() {
                ui.add_space(4.0);
                if let Some(api) = error.api_error() {
                    error_lines_ui(ui, api);
                } else {
                    ui.label(RichText::new(error.describe()).color(ui.visuals().error_fg_color));
                }
            }
            ui.add_space(8.0);
            let ready = !self.password.is_empty();
            let (connect, connecting) = (
                tr!("password-dialog-connect"),
                tr!("password-dialog-connecting"),
            );
            outcome = match dialog_buttons_ui(ui, &connect, ready, true, busy, &connecting) {
                DialogButton::None => PasswordOutcome::Open,
                DialogButton::Cancel => PasswordOutcome::Cancelled,
                DialogButton::Submit => PasswordOutcome::Submit {
                    password: SecretString::from(self.password.clone()),
                },
            };
        });
        outcome
    }

    /// Forgets the typed password after a failed attempt, so it is typed again.
    pub fn clear_password(&mut self) {
        self.password.zeroize();
        self.focused = false;
    }
}
