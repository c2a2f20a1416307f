//! Applying what the screens asked for ([`Command`]s) and what the session reported
//! ([`SessionEvent`]s), and moving between screens.

use std::sync::Arc;

use super::CcrDeskApp;
use crate::activity::{Actor, Via};
use crate::profile::ProfileId;
use crate::session::{ConnectFailure, ConnectionState, SessionEvent};
use crate::ui::bulk_dialog::BulkDeleteDialog;
use crate::ui::commands::{Command, Commands};
use crate::ui::describe::Describe as _;
use crate::ui::feedback::{Notice, notify};
use crate::ui::screen::Screen;
use crate::ui::view::ViewContext;

impl CcrDeskApp {
    /// Applies the commands the screens pushed this frame, oldest first.
    pub(super) fn apply_commands(&mut self) {
        for command in self.commands.take() {
            match command {
                Command::Navigate(screen) => {
                    // Going somewhere new ends the way forward.
                    self.nav.forward.clear();
                    self.navigate(screen);
                }
                Command::Reload => self.reload(),
                Command::Connect(id) => self.session.connect(id),
                Command::AskPassword => {
                    if let ConnectionState::Connected { profile, .. } = self.session.connection() {
                        let profile = profile.clone();
                        self.open_password_dialog(&profile, tr!("app-password-refused-401"));
                    }
                }
                Command::AskPasswordFor(profile) => {
                    self.open_password_dialog(&profile, tr!("app-password-needed"));
                }
                Command::SaveProfile { profile, password } => {
                    self.session.save_profile(profile, password);
                }
                Command::DeleteProfile(id) => self.session.delete_profile(&id),
                Command::DeleteMany(items) => {
                    self.views.bulk = Some(BulkDeleteDialog::new(items, Via::BulkDelete));
                }
                Command::SaveCleanupRules(saved) => self.session.save_cleanup_rules(saved),
                Command::DeleteCleanupRules(name) => self.session.delete_cleanup_rules(&name),
                Command::ProjectDeleted(name) => {
                    if self.nav.last_project.as_deref() == Some(name.as_str()) {
                        self.nav.last_project = None;
                    }
                }
                Command::UseNewPassword { password, save } => {
                    self.session.use_new_password(password, save);
                }
                Command::RememberDownloadFolder(folder) => {
                    self.session.remember_download_folder(folder);
                }
                Command::Crawl(scope) => self.session.start_crawl(scope),
                Command::CancelCrawls => self.session.cancel_crawls(),
                Command::SetIndexSettings(settings) => self.session.set_index_settings(settings),
                Command::ClearIndex => self.session.clear_index(),
                Command::Reveal {
                    screen,
                    key,
                    filter,
                } => {
                    self.nav.forward.clear();
                    self.navigate(screen.clone());
                    if let Some(view) = self.views.screens.view(&screen) {
                        view.reveal(&key, filter.as_deref());
                    }
                }
            }
        }
    }

    /// Reacts to what the session reported: a new connection makes the screens stale.
    pub(super) fn apply_session_events(&mut self, ctx: &egui::Context) {
        for event in self.session.take_events() {
            match event {
                SessionEvent::Reconnecting { switched: true } => {
                    // Another registry: its projects are not this one's.
                    self.nav.last_project = None;
                    if self.nav.screen.project().is_some() {
                        self.nav.screen = Screen::Projects;
                    }
                    self.views.screens.clear();
                }
                SessionEvent::Reconnecting { switched: false } | SessionEvent::Disconnected => {
                    self.views.screens.clear_lists();
                }
                SessionEvent::Recovered => self.reload(),
                SessionEvent::LearnedDoubleEncoding => {
                    notify(ctx, Notice::words(|| tr!("notice-learned-double-encoding")));
                }
                SessionEvent::NeedsPassword(profile) => {
                    let reason = match self.session.connection() {
                        ConnectionState::Failed {
                            failure: ConnectFailure::PasswordRefused(_),
                            ..
                        } => tr!("app-password-stored-refused"),
                        ConnectionState::Failed { failure, .. } => failure.describe(),
                        _ => continue,
                    };
                    self.open_password_dialog(&profile, reason);
                }
            }
        }
    }

    /// Escape (when no dialog or field has the keyboard), Alt+Left and the mouse's back button
    /// go up one level; Alt+Right and the forward button go back down again. Read before the
    /// screens draw (a dialog closed by this Escape must not also move the screen); carried out
    /// after them by [`Self::go_back_or_forward`].
    pub(super) fn back_and_forward_asked(&self, ctx: &egui::Context) -> BackForward {
        // egui drops a field's focus on Escape before this runs: a field that had the keyboard
        // last frame keeps its Escape.
        let free = !self.keyboard_taken
            && ctx.memory(|m| m.focused().is_none() && m.top_modal_layer().is_none());
        ctx.input(|i| {
            // The keys only while no field has the keyboard: Alt+arrows move by words there.
            let alt = free && i.modifiers.alt;
            let escape = free && i.key_pressed(egui::Key::Escape);
            let other_back = (alt && i.key_pressed(egui::Key::ArrowLeft))
                || i.pointer.button_pressed(egui::PointerButton::Extra1);
            BackForward {
                back: escape || other_back,
                by_escape_only: escape && !other_back,
                forward: (alt && i.key_pressed(egui::Key::ArrowRight))
                    || i.pointer.button_pressed(egui::PointerButton::Extra2),
            }
        })
    }

    /// Goes where [`Self::back_and_forward_asked`] said, unless a screen took the Escape for
    /// itself meanwhile (chosen rows let go first).
    pub(super) fn go_back_or_forward(&mut self, ctx: &egui::Context, asked: BackForward) {
        let escape_taken = asked.by_escape_only && !ctx.input(|i| i.key_pressed(egui::Key::Escape));
        if asked.back
            && !escape_taken
            && let Some(parent) = self.nav.screen.parent()
        {
            self.nav.forward.push(self.nav.screen.clone());
            self.navigate(parent);
        } else if asked.forward
            && let Some(next) = self.nav.forward.pop()
        {
            self.navigate(next);
        }
    }

    /// Shows `screen`; a connected app loads it (reconnecting is for Retry, Refresh and
    /// Connect).
    fn navigate(&mut self, screen: Screen) {
        if screen == self.nav.screen {
            return;
        }
        // Answers for the screen being left are dropped.
        self.views.screens.leave(&self.nav.screen);
        if let Some(project) = screen.project() {
            self.nav.last_project = Some(project.to_owned());
        }
        self.nav.screen = screen;
        if self.session.connected().is_some() {
            self.reload();
        }
        self.session.remember_screen(self.nav.screen.route());
    }

    /// Loads the current screen again, or connects when not connected.
    pub(super) fn reload(&mut self) {
        let Some(connected) = self.session.connected() else {
            self.session.reconnect();
            return;
        };
        let client = Arc::clone(&connected.client);
        let download_folder = self.session.download_folder();
        let actor = self.actor();
        let saved_rules = self.session.settings().cleanup_rules.clone();
        let mut commands = Commands::default();
        let cx = ViewContext {
            tasks: &self.tasks,
            client: &client,
            commands: &mut commands,
            file_chooser: &self.file_chooser,
            download_folder: &download_folder,
            actor: &actor,
            saved_rules: &saved_rules,
            keyring_available: self.session.secret_store().is_some(),
            remembered: &mut self.remembered,
            index: self.session.index_status(),
            index_problem: self.session.registry_index().problem(),
            offline: self.session.offline().is_some(),
        };
        if let Some(view) = self.views.screens.view(&self.nav.screen) {
            view.reload(&cx);
        }
    }

    /// Who the changes made now are recorded as: the profile in use and its user.
    pub(super) fn actor(&self) -> Actor {
        self.session.current_profile().map_or_else(
            || Actor {
                profile_id: ProfileId::new_random(),
                profile_name: String::new(),
                user: String::new(),
            },
            Actor::of,
        )
    }
}

/// Which way the keys and the mouse's buttons asked to go this frame.
#[derive(Debug, Clone, Copy)]
pub(super) struct BackForward {
    back: bool,
    /// The back came from Escape alone (a screen may take it for itself).
    by_escape_only: bool,
    forward: bool,
}
