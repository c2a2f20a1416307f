//! The account screen: set or reset the registry access credential password (section 1.14).
//!
//! The form checks the password rules as the user types. When the connected user's own password
//! changes, the app switches to the new password at once for this session (the old stored one is
//! removed, so it is never kept), and the screen then offers to save the new one in the keyring.

use std::sync::Arc;

use crate::tasks::{Job, TaskLabel};
use egui::{Id, RichText, TextEdit, Ui};
use secrecy::SecretString;
use zeroize::Zeroize as _;

use crate::activity::Operation;
use crate::api::{ApiError, ChangeRequest};
use crate::contract as validate;
use crate::ui::commands::Command;
use crate::ui::describe::Describe;
use crate::ui::feedback::{Notice, notify};
use crate::ui::focus::{Region, anchor};
use crate::ui::screen::Screen;
use crate::ui::theme::success_color;
use crate::ui::view::{View, ViewContext, error_lines_ui};
use crate::ui::widgets::{field_problem_ui, forget_undo_history, text_field};

/// The fewest characters a credential password has.
const MIN_CHARS: usize = 8;
/// The most characters a credential password has.
const MAX_CHARS: usize = 128;

/// What the account screen knows about the connection.
struct AccountContext<'a> {
    /// The user name of the connected profile (the form's default).
    profile_username: &'a str,
    /// Whether a keyring can store the new password.
    keyring_available: bool,
}

impl<'a> AccountContext<'a> {
    fn of(cx: &ViewContext<'a>) -> Self {
        Self {
            profile_username: &cx.actor.user,
            keyring_available: cx.keyring_available,
        }
    }
}

/// The account screen. It holds typed passwords, so it has no `Debug` and wipes them when it
/// is dropped.
#[derive(Default)]
pub struct AccountView {
    username: String,
    username_edited: bool,
    username_focused: bool,
    new_password: String,
    confirm_password: String,
    show: bool,
    submitted: Option<Submitted>,
    outcome: Option<Outcome>,
}

impl Drop for AccountView {
    fn drop(&mut self) {
        // Typed passwords do not linger in freed memory.
        self.new_password.zeroize();
        self.confirm_password.zeroize();
    }
}

/// A change that was sent and whose answer has not been handled yet.
struct Submitted {
    target: Target,
    promise: Job<Result<(), ApiError>>,
}

/// Whose password is changed, and what is needed to use it afterwards.
struct Target {
    username: String,
    /// The new password, kept only when it is the connected user's own.
    own_password: Option<SecretString>,
    /// The connection the change was made on: `host[:port]` and user.
    connection: (String, String),
}

/// What the last change ended in.
enum Outcome {
    /// The server refused, or the request failed.
    Failed { username: String, error: ApiError },
    /// Another user's password was changed.
    Other { username: String },
    /// The connected user's own password was changed; the app uses it for this session.
    Own {
        username: String,
        connection: (String, String),
        choice: OwnChoice,
    },
    /// The own password was changed, but the app had switched to another connection before
    /// the answer arrived: it could not be put to use.
    Elsewhere { username: String },
}

/// What the user chose to do with their new password.
enum OwnChoice {
    /// Not chosen yet: in use for this session; kept here so it can still be saved.
    Pending(SecretString),
    /// Saved in the keyring.
    Saved,
    /// Used for this session only.
    SessionOnly,
}

/// A rule of the password checklist.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rule {
    /// Between [`MIN_CHARS`] and [`MAX_CHARS`] characters.
    Length,
    /// An upper-case letter.
    Upper,
    /// A lower-case letter.
    Lower,
    /// A digit.
    Digit,
    /// The confirmation equals the password.
    Match,
}

impl Rule {
    /// The checklist line, in the shown language.
    fn text(self) -> String {
        match self {
            Self::Length => tr!("account-rule-length", min = MIN_CHARS, max = MAX_CHARS),
            Self::Upper => tr!("account-rule-upper"),
            Self::Lower => tr!("account-rule-lower"),
            Self::Digit => tr!("account-rule-digit"),
            Self::Match => tr!("account-rule-match"),
        }
    }
}

/// One rule of the password checklist and whether the typed password meets it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct RuleCheck {
    rule: Rule,
    met: bool,
    /// Whether the rule is about the confirmation rather than the password alone.
    about_confirmation: bool,
}

/// The checklist for `password` and its confirmation: Harbor's rules, then the match.
fn password_checks(password: &str, confirmation: &str) -> [RuleCheck; 5] {
    let chars = password.chars().count();
    [
        RuleCheck {
            rule: Rule::Length,
            met: (MIN_CHARS..=MAX_CHARS).contains(&chars),
            about_confirmation: false,
        },
        RuleCheck {
            rule: Rule::Upper,
            met: password.chars().any(|c| c.is_ascii_uppercase()),
            about_confirmation: false,
        },
        RuleCheck {
            rule: Rule::Lower,
            met: password.chars().any(|c| c.is_ascii_lowercase()),
            about_confirmation: false,
        },
        RuleCheck {
            rule: Rule::Digit,
            met: password.chars().any(|c| c.is_ascii_digit()),
            about_confirmation: false,
        },
        RuleCheck {
            rule: Rule::Match,
            met: !password.is_empty() && password == confirmation,
            about_confirmation: true,
        },
    ]
}

fn new_password_id() -> Id {
    Id::unique("account new password")
}

fn confirm_password_id() -> Id {
    Id::unique("account confirm password")
}

impl View for AccountView {
    fn open(&mut self, screen: &Screen) -> bool {
        *screen == Screen::Account
    }

    fn reload(&mut self, _cx: &ViewContext<'_>) {}

    fn leave(&mut self) {}

    fn ui(&mut self, ui: &mut Ui, cx: &mut ViewContext<'_>) {
        let account = AccountContext::of(cx);
        self.page_ui(ui, cx, &account);
    }

    /// The answer to a password change is taken wherever the user went meanwhile.
    fn background(&mut self, ctx: &egui::Context, cx: &mut ViewContext<'_>) {
        self.poll(ctx, cx);
    }
}

impl AccountView {
    /// The account screen.
    fn page_ui(&mut self, ui: &mut Ui, cx: &mut ViewContext<'_>, account: &AccountContext<'_>) {
        self.prefill(account);

        ui.heading(tr!("account-heading"));
        ui.label(tr!("account-intro"));
        ui.add_space(8.0);

        let busy = self.submitted.is_some();
        let ready = self.is_ready();
        let mut submit = false;
        ui.horizontal_top(|ui| {
            ui.vertical(|ui| {
                ui.set_width(380.0);
                submit = self.form_ui(ui, busy, ready);
            });
            ui.add_space(24.0);
            ui.vertical(|ui| self.checklist_ui(ui));
        });
        if submit && ready && !busy {
            self.submit(cx, account);
        }

        ui.add_space(12.0);
        self.outcome_ui(ui, cx, account);
    }

    /// Puts the profile's user into the username field until the user types another one (and
    /// again when they left the field empty).
    fn prefill(&mut self, account: &AccountContext<'_>) {
        let keep_in_sync = !self.username_edited;
        let left_empty = self.username.is_empty() && !self.username_focused;
        if (keep_in_sync || left_empty) && self.username != account.profile_username {
            account.profile_username.clone_into(&mut self.username);
            self.username_edited = false;
        }
    }

    /// Whether the form may be sent: a valid user name, the rules met, the confirmation equal.
    fn is_ready(&self) -> bool {
        validate::username(self.username.trim()).is_ok()
            && validate::credential_password(&self.new_password).is_ok()
            && password_checks(&self.new_password, &self.confirm_password)
                .iter()
                .all(|check| check.met)
    }

    /// The fields and the submit button. Returns true when the user asked to submit (the
    /// button, or Enter in a field).
    fn form_ui(&mut self, ui: &mut Ui, busy: bool, ready: bool) -> bool {
        let mut enter = false;
        ui.add_enabled_ui(!busy, |ui| {
            let field = text_field(
                ui,
                &tr!("account-username"),
                &mut self.username,
                &tr!("account-username-hint"),
            );
            anchor(ui.ctx(), Region::Content, field.id);
            if field.changed() {
                self.username_edited = true;
            }
            self.username_focused = field.has_focus();
            enter |= field.lost_focus();
            let problem = if self.username.is_empty() {
                None
            } else {
                validate::username(self.username.trim())
                    .err()
                    .map(|e| e.describe())
            };
            field_problem_ui(ui, problem.as_deref());
            ui.add_space(4.0);

            enter |= self.password_fields_ui(ui);
            ui.toggle_value(&mut self.show, tr!("account-show"))
                .on_hover_text(tr!("account-show-hint"));
        });
        let enter = enter && ui.input(|i| i.key_pressed(egui::Key::Enter));
        ui.add_space(8.0);
        let mut clicked = false;
        ui.horizontal(|ui| {
            let text = if busy {
                tr!("account-changing")
            } else {
                tr!("account-change")
            };
            clicked = crate::ui::read_only::change_button(ui, ready && !busy, text).clicked();
            if busy {
                ui.spinner();
            }
        });
        clicked || (enter && ready && !busy)
    }

    /// The new password and its confirmation, neither keeping an undo history (see
    /// `password_field`); true when one let go of the keyboard (Enter, or a click elsewhere).
    fn password_fields_ui(&mut self, ui: &mut Ui) -> bool {
        let mut left = false;
        let rule = tr!(
            "account-new-password-hint",
            min = MIN_CHARS,
            max = MAX_CHARS
        );
        for (label, text, id, hover) in [
            (
                tr!("account-new-password"),
                &mut self.new_password,
                new_password_id(),
                Some(rule),
            ),
            (
                tr!("account-confirm-password"),
                &mut self.confirm_password,
                confirm_password_id(),
                None,
            ),
        ] {
            let label = ui.label(label);
            let field = ui
                .add(
                    TextEdit::singleline(text)
                        .id(id)
                        .password(!self.show)
                        .desired_width(f32::INFINITY),
                )
                .labelled_by(label.id);
            let field = match hover {
                Some(hover) => field.on_hover_text(hover),
                None => field,
            };
            left |= field.lost_focus();
            forget_undo_history(ui.ctx(), id);
            ui.add_space(4.0);
        }
        left
    }

    /// The rules beside the fields, each ticked as it is met.
    fn checklist_ui(&self, ui: &mut Ui) {
        ui.label(RichText::new(tr!("account-rules-heading")).strong());
        for check in password_checks(&self.new_password, &self.confirm_password) {
            let typed = if check.about_confirmation {
                !self.confirm_password.is_empty()
            } else {
                !self.new_password.is_empty()
            };
            let line = check.rule.text();
            let text = if check.met {
                RichText::new(format!("✔ {line}")).color(success_color(ui.visuals()))
            } else if typed {
                RichText::new(format!("✖ {line}")).color(ui.visuals().error_fg_color)
            } else {
                RichText::new(format!("✖ {line}")).weak()
            };
            ui.label(text);
        }
    }

    /// Sends the change.
    fn submit(&mut self, cx: &ViewContext<'_>, account: &AccountContext<'_>) {
        let username = self.username.trim().to_owned();
        let password = SecretString::from(self.new_password.clone());
        let own = username == account.profile_username;
        let client = Arc::clone(cx.client);
        let sent_username = username.clone();
        let sent_password = password.clone();
        let request = ChangeRequest::ResetPassword {
            username: username.clone(),
        };
        let promise = cx.change(
            TaskLabel::words(|| tr!("account-task-change")),
            Operation::ResetPassword,
            username.clone(),
            request,
            async move { client.reset_password(&sent_username, &sent_password).await },
        );
        self.submitted = Some(Submitted {
            target: Target {
                username,
                own_password: own.then_some(password),
                connection: connection_of(cx),
            },
            promise,
        });
        self.outcome = None;
    }

    /// Takes the answer when it has arrived; the app calls it on every screen, so a changed
    /// password is used (and the old one dropped) even when the user has moved on.
    fn poll(&mut self, ctx: &egui::Context, cx: &mut ViewContext<'_>) {
        let Some(Submitted { target, promise }) = self.submitted.take() else {
            return;
        };
        let result = match promise.try_take() {
            Ok(result) => result,
            Err(promise) => {
                self.submitted = Some(Submitted { target, promise });
                return;
            }
        };
        self.clear_passwords(ctx);
        let Target {
            username,
            own_password,
            connection,
        } = target;
        if result.is_ok() {
            notify(
                ctx,
                Notice::words({
                    let username = username.clone();
                    move || tr!("account-changed-toast", username = username.as_str())
                }),
            );
        }
        self.outcome = Some(match (result, own_password) {
            (Err(error), _) => {
                cx.report(Some(&error));
                Outcome::Failed { username, error }
            }
            (Ok(()), None) => Outcome::Other { username },
            (Ok(()), Some(password)) if connection == connection_of(cx) => {
                // The server no longer takes the old password: use the new one right away,
                // for this session only until the user chooses to save it. This also removes
                // the outdated stored password.
                cx.commands.push(Command::UseNewPassword {
                    password: password.clone(),
                    save: false,
                });
                Outcome::Own {
                    username,
                    connection,
                    choice: OwnChoice::Pending(password),
                }
            }
            (Ok(()), Some(_)) => Outcome::Elsewhere { username },
        });
    }

    /// Wipes both password fields and what egui remembers of them for undo.
    fn clear_passwords(&mut self, ctx: &egui::Context) {
        self.new_password.zeroize();
        self.confirm_password.zeroize();
        self.show = false;
        for id in [new_password_id(), confirm_password_id()] {
            forget_undo_history(ctx, id);
        }
    }

    /// What the last change ended in, with the choice for a new own password.
    fn outcome_ui(&mut self, ui: &mut Ui, cx: &mut ViewContext<'_>, account: &AccountContext<'_>) {
        let Some(outcome) = &mut self.outcome else {
            return;
        };
        let success = success_color(ui.visuals());
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            match outcome {
                Outcome::Failed { username, error } => {
                    ui.label(
                        RichText::new(tr!("account-not-changed", username = username.as_str()))
                            .strong()
                            .color(ui.visuals().error_fg_color),
                    );
                    error_lines_ui(ui, error);
                }
                Outcome::Other { username } => {
                    changed_ui(ui, username, success);
                    ui.label(tr!("account-other-unchanged"));
                }
                Outcome::Elsewhere { username } => {
                    changed_ui(ui, username, success);
                    ui.label(tr!("account-elsewhere"));
                }
                Outcome::Own {
                    username,
                    connection,
                    choice,
                } => {
                    changed_ui(ui, username, success);
                    // A password for another connection is never saved to this one's profile.
                    if matches!(choice, OwnChoice::Pending(_)) && *connection != connection_of(cx) {
                        *choice = OwnChoice::SessionOnly;
                    }
                    own_choice_ui(ui, cx, choice, account.keyring_available);
                }
            }
        });
    }
}

/// `host[:port]` and user of the connected client.
fn connection_of(cx: &ViewContext<'_>) -> (String, String) {
    (cx.client.host().to_owned(), cx.client.username().to_owned())
}

fn changed_ui(ui: &mut Ui, username: &str, color: egui::Color32) {
    ui.label(
        RichText::new(tr!("account-changed", username = username))
            .strong()
            .color(color),
    );
}

/// The choice between saving the new own password and using it for this session only.
fn own_choice_ui(
    ui: &mut Ui,
    cx: &mut ViewContext<'_>,
    choice: &mut OwnChoice,
    keyring_available: bool,
) {
    match choice {
        OwnChoice::Pending(password) => {
            if keyring_available {
                ui.label(tr!("account-own-pending"));
            } else {
                ui.label(tr!("account-own-no-keyring"));
            }
            let mut chosen = None;
            ui.horizontal(|ui| {
                if keyring_available && ui.button(tr!("account-save-and-use")).clicked() {
                    chosen = Some(true);
                }
                if ui.button(tr!("account-session-only")).clicked() {
                    chosen = Some(false);
                }
            });
            match chosen {
                Some(true) => {
                    cx.commands.push(Command::UseNewPassword {
                        password: password.clone(),
                        save: true,
                    });
                    *choice = OwnChoice::Saved;
                }
                // Already in use for the session: only the kept copy goes.
                Some(false) => *choice = OwnChoice::SessionOnly,
                None => {}
            }
        }
        OwnChoice::Saved => {
            ui.label(tr!("account-own-saved"));
        }
        OwnChoice::SessionOnly => {
            ui.label(tr!("account-own-session-only"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_checklist_agrees_with_the_password_rule() {
        for password in [
            "",
            "short",
            "Short1A",
            "alllowercase1",
            "ALLUPPER1",
            "NoDigitsHere",
            "Harbor12345",
            "Admin134",
            "密码Aa1密码密码",
            &format!("Aa1{}", "x".repeat(125)),
            &format!("Aa1{}", "x".repeat(126)),
        ] {
            let rules_met = password_checks(password, password)[..4]
                .iter()
                .all(|check| check.met);
            assert_eq!(
                rules_met,
                validate::credential_password(password).is_ok(),
                "{password:?}"
            );
        }
    }

    #[test]
    fn the_confirmation_must_match_a_typed_password() {
        let checks = |p, c| password_checks(p, c)[4].met;
        assert!(checks("Harbor12345", "Harbor12345"));
        assert!(!checks("Harbor12345", "Harbor1234"));
        assert!(!checks("", ""));
    }
}
