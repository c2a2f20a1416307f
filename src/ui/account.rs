//! The account screen: set or reset the registry access credential password.

use egui::Ui;

use super::projects::ViewContext;
use super::widgets::notice_ui;

/// What the account screen knows about the connection.
pub struct AccountContext<'a> {
    /// The user name of the connected profile (the form's default).
    pub profile_username: &'a str,
    /// Whether a keyring can store the new password.
    pub keyring_available: bool,
}

/// The account screen.
#[derive(Default)]
pub struct AccountView {}

impl AccountView {
    /// The account screen.
    pub fn ui(&mut self, ui: &mut Ui, _cx: &mut ViewContext<'_>, _account: &AccountContext<'_>) {
        notice_ui(ui, "The account form is being built");
    }
}
