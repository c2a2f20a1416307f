//! The panels of the window: the top bar (profile picker, connection state, refresh, theme),
//! the side panel, the status line and the central area with the current screen.

use std::sync::Arc;

use egui::{RichText, Ui};

use super::CcrDeskApp;
use crate::api::{ApiError, CcrClient};
use crate::i18n::Language;
use crate::index::Freshness;
use crate::profile::{Profile, ProfileId};
use crate::session::{ConnectFailure, ConnectionState, Health};
use crate::ui::bulk_dialog::{BulkEnd, bulk_dialog_ui};
use crate::ui::commands::{Command, Commands};
use crate::ui::describe::Describe;
use crate::ui::describe::{session_notice_text, shown_profile_name};
use crate::ui::export::SaveTo;
use crate::ui::focus::{Region, anchor};
use crate::ui::nav::nav_ui;
use crate::ui::read_only::set_reason as set_read_only_reason;
use crate::ui::screen::Screen;
use crate::ui::screens::ProfilesContext;
use crate::ui::status_bar::status_bar_ui;
use crate::ui::theme::success_color;
use crate::ui::view::ViewContext;
use crate::ui::widgets::{
    ErrorAction, error_box_ui, insecure_short, insecure_why, moment_text, notice_ui,
    right_aligned_ui, status_dot_ui,
};

/// Below this width (points) the top bar is the narrow one: see `top_bar_ui`.
const NARROW_TOP_BAR: f32 = 1000.0;

impl CcrDeskApp {
    /// Every panel of the window, the current screen in the middle.
    pub(super) fn panels_ui(&mut self, ui: &mut Ui) {
        egui::Panel::top("top bar").show(ui, |ui| {
            ui.add_space(4.0);
            self.top_bar_ui(ui);
            ui.add_space(2.0);
        });
        let keyring_problem = self.session.keyring_problem().map(Describe::describe);
        egui::Panel::bottom("status line").show(ui, |ui| {
            status_bar_ui(
                ui,
                &self.tasks.request_log(),
                self.views.last_notice.as_ref(),
                keyring_problem.as_deref(),
            );
        });
        egui::Panel::left("navigation")
            .resizable(true)
            .min_size(150.0)
            .default_size(180.0)
            .show(ui, |ui| {
                nav_ui(
                    ui,
                    &self.nav.screen,
                    self.nav.last_project.as_deref(),
                    &mut self.commands,
                );
            });
        egui::CentralPanel::default().show(ui, |ui| self.central_ui(ui));
    }

    fn top_bar_ui(&mut self, ui: &mut Ui) {
        ui.horizontal(|ui| {
            // In a narrow window the bar drops the app's name (the title bar has it) and says
            // less about the connection, so the language and theme stay in reach.
            let narrow = ui.available_width() < NARROW_TOP_BAR;
            if !narrow {
                ui.strong("ccr-desk");
                ui.separator();
            }
            self.profile_picker_ui(ui, narrow);
            connection_state_ui(
                ui,
                self.session.connection(),
                &self.session.health(),
                narrow,
            );
            let insecure = self
                .session
                .current_profile()
                .is_some_and(|p| p.tls.accept_invalid_certificates);
            if insecure && self.session.connected().is_some() {
                ui.label(RichText::new(insecure_short()).color(ui.visuals().warn_fg_color))
                    .on_hover_text(insecure_why());
            }
            ui.separator();
            let index = self.session.index_status();
            let folder = self.session.download_folder();
            let place = SaveTo {
                tasks: &self.tasks,
                file_chooser: &self.file_chooser,
                folder: &folder,
            };
            self.views
                .search
                .ui(ui, place, index.as_ref(), &mut self.commands);
            // At the right, but drawn left to right so Tab follows reading order.
            right_aligned_ui(ui, "top bar end", |ui| {
                if ui
                    .button(tr!("top-bar-refresh"))
                    .on_hover_text(tr!("top-bar-refresh-hint"))
                    .clicked()
                    || ui.input(|i| i.key_pressed(egui::Key::F5))
                {
                    self.commands.push(Command::Reload);
                }
                ui.separator();
                theme_buttons_ui(ui);
                ui.separator();
                self.language_picker_ui(ui);
            });
        });
    }

    /// English / 简体中文, each named in itself; the choice shows at once and is kept.
    fn language_picker_ui(&mut self, ui: &mut Ui) {
        let shown = self.language();
        let mut chosen = shown;
        egui::ComboBox::from_id_salt("language picker")
            .selected_text(shown.native_name())
            .width(90.0)
            .show_ui(ui, |ui| {
                for language in Language::ALL {
                    ui.selectable_value(&mut chosen, language, language.native_name());
                }
            })
            .response
            .on_hover_text(tr!("top-bar-language-hint"));
        if chosen != shown {
            self.choose_language(chosen);
        }
    }

    fn profile_picker_ui(&mut self, ui: &mut Ui, narrow: bool) {
        let current = self.session.connection().profile().cloned();
        let current_name = self
            .session
            .current_profile()
            .map_or_else(|| tr!("top-bar-no-profile"), shown_profile_name);
        let label = ui.label(tr!("top-bar-profile"));
        let mut chosen = None;
        let picker = egui::ComboBox::from_id_salt("profile picker")
            .selected_text(&current_name)
            .width(if narrow { 110.0 } else { 180.0 })
            .show_ui(ui, |ui| {
                let mut profiles: Vec<&Profile> = self.session.settings().profiles.iter().collect();
                profiles.sort_by_key(|p| shown_profile_name(p).to_lowercase());
                for profile in profiles {
                    let selected = current.as_ref() == Some(&profile.id);
                    if ui
                        .selectable_label(selected, shown_profile_name(profile))
                        .clicked()
                    {
                        chosen = Some(profile.id.clone());
                    }
                }
                ui.separator();
                if ui
                    .selectable_label(false, tr!("top-bar-manage-profiles"))
                    .clicked()
                {
                    self.commands.push(Command::Navigate(Screen::Profiles));
                }
            })
            .response
            .labelled_by(label.id);
        anchor(ui.ctx(), Region::TopBar, picker.id);
        if let Some(id) = chosen {
            self.commands.push(Command::Connect(id));
        }
    }

    fn central_ui(&mut self, ui: &mut Ui) {
        self.notices_ui(ui);
        if self.nav.screen == Screen::Profiles {
            self.profiles_ui(ui);
            return;
        }
        if let Some(offline) = self.session.offline() {
            let at = self
                .session
                .registry_index()
                .freshness()
                .and_then(indexed_at_ms);
            offline_banner_ui(ui, at, &offline.reason, &mut self.commands);
            self.screen_ui(ui, &offline.client, true);
            return;
        }
        let client = match self.session.connection() {
            ConnectionState::Connected { session, .. } => Arc::clone(&session.client),
            ConnectionState::NoProfile => {
                if self.session.sandbox_starting() {
                    spinner_line_ui(ui, &tr!("app-sandbox-starting"));
                } else {
                    notice_ui(ui, tr!("app-no-profile-in-use"));
                    if ui.button(tr!("app-open-profiles")).clicked() {
                        self.commands.push(Command::Navigate(Screen::Profiles));
                    }
                }
                return;
            }
            ConnectionState::Waiting { .. } | ConnectionState::Connecting { .. } => {
                spinner_line_ui(ui, &tr!("app-connecting"));
                return;
            }
            ConnectionState::Failed { profile, failure } => {
                let name = self
                    .session
                    .settings()
                    .profile(profile)
                    .map(shown_profile_name);
                connection_failure_ui(ui, name.as_deref(), profile, failure, &mut self.commands);
                return;
            }
        };
        self.screen_ui(ui, &client, false);
    }

    fn notices_ui(&mut self, ui: &mut Ui) {
        let notices = self.session.notices();
        for notice in notices {
            ui.label(RichText::new(session_notice_text(notice)).color(ui.visuals().warn_fg_color));
        }
        if !notices.is_empty() {
            if ui.small_button(tr!("app-notices-dismiss")).clicked() {
                self.session.dismiss_notices();
            }
            ui.add_space(4.0);
        }
    }

    fn profiles_ui(&mut self, ui: &mut Ui) {
        let secrets_problem = self.session.keyring_problem().map(Describe::describe);
        let mut cx = ProfilesContext {
            tasks: &self.tasks,
            settings: self.session.settings(),
            secrets: self.session.secret_store(),
            secrets_problem: secrets_problem.as_deref(),
            session_passwords: self.session.session_passwords(),
            active: self.session.connection().profile(),
            connected: self.session.connected_profile(),
            file_chooser: &self.file_chooser,
            commands: &mut self.commands,
        };
        self.views.profiles.ui(ui, &mut cx);
    }

    /// The current screen, connected (or `offline`: from the index, read-only).
    fn screen_ui(&mut self, ui: &mut Ui, client: &Arc<CcrClient>, offline: bool) {
        let download_folder = self.session.download_folder();
        let actor = self.actor();
        let saved_rules = self.session.settings().cleanup_rules.clone();
        let mut cx = ViewContext {
            tasks: &self.tasks,
            client,
            commands: &mut self.commands,
            file_chooser: &self.file_chooser,
            download_folder: &download_folder,
            actor: &actor,
            saved_rules: &saved_rules,
            keyring_available: self.session.secret_store().is_some(),
            remembered: &mut self.remembered,
            index: self.session.index_status(),
            index_problem: self.session.registry_index().problem(),
            offline,
        };
        let read_only = offline.then(|| tr!("offline-read-only-hint"));
        set_read_only_reason(ui.ctx(), read_only);
        self.views.screens.background(ui.ctx(), &mut cx);
        // From the server to the index or back, or the index just opened (the pages shown
        // before it opened were not recorded): what the screen shows comes anew.
        let index_open = cx.index.is_some();
        let source_changed = std::mem::replace(&mut self.views.offline_shown, offline) != offline
            || std::mem::replace(&mut self.views.index_open_shown, index_open) != index_open;
        if let Some(view) = self.views.screens.view(&self.nav.screen) {
            if source_changed {
                view.reload(&cx);
            }
            view.ui(ui, &mut cx);
            if let BulkEnd::Ran(_) = bulk_dialog_ui(&mut self.views.bulk, ui.ctx(), &cx) {
                self.views.search.refresh();
                view.reload(&cx);
            }
        }
        set_read_only_reason(ui.ctx(), None);
    }
}

/// Follow the system, dark or light: three small buttons, the chosen one highlighted, each
/// saying what it does when hovered.
fn theme_buttons_ui(ui: &mut Ui) {
    use egui::ThemePreference;
    let shown = ui.ctx().options(|o| o.theme_preference);
    let mut chosen = shown;
    ui.horizontal(|ui| {
        ui.spacing_mut().item_spacing.x = 2.0;
        for (preference, hint) in [
            (ThemePreference::System, tr!("top-bar-theme-system-hint")),
            (ThemePreference::Dark, tr!("top-bar-theme-dark-hint")),
            (ThemePreference::Light, tr!("top-bar-theme-light-hint")),
        ] {
            ui.selectable_value(&mut chosen, preference, preference.icon())
                .on_hover_text(hint);
        }
    });
    if chosen != shown {
        ui.ctx().set_theme(chosen);
    }
}

/// When the index last saw the whole registry, or failing that its projects.
fn indexed_at_ms(freshness: &Freshness) -> Option<i64> {
    freshness
        .last_complete_crawl_ms
        .or(freshness.projects_listed_ms)
        .or(freshness.oldest_seen_ms)
}

/// "Offline: showing what was indexed at 09:14, 1 Dec", why, and Retry.
fn offline_banner_ui(
    ui: &mut Ui,
    indexed_at_ms: Option<i64>,
    reason: &ApiError,
    commands: &mut Commands,
) {
    let warn = ui.visuals().warn_fg_color;
    egui::Frame::new()
        .fill(ui.visuals().faint_bg_color)
        .stroke(egui::Stroke::new(1.0, warn))
        .corner_radius(4.0)
        .inner_margin(egui::Margin::symmetric(8, 4))
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal_wrapped(|ui| {
                let text = match indexed_at_ms.and_then(moment_text) {
                    Some(at) => tr!("offline-banner", at = at),
                    None => tr!("offline-banner-unknown-time"),
                };
                ui.label(RichText::new(text).strong().color(warn))
                    .on_hover_text(reason.describe());
                ui.label(RichText::new(tr!("offline-banner-read-only")).weak());
                if ui.small_button(tr!("common-retry")).clicked() {
                    commands.push(Command::Reload);
                }
            });
        });
    ui.add_space(4.0);
}

/// A spinner and what the app waits for.
fn spinner_line_ui(ui: &mut Ui, text: &str) {
    ui.horizontal(|ui| {
        ui.spinner();
        ui.label(text);
    });
}

/// The top bar's connection state: a coloured dot, the user and the latency; while requests
/// cannot reach the server, that, and that the app checks again.
fn connection_state_ui(ui: &mut Ui, connection: &ConnectionState, health: &Health, narrow: bool) {
    if let (ConnectionState::Connected { .. }, Health::Unreachable { reason }) =
        (connection, health)
    {
        status_dot_ui(ui, ui.visuals().error_fg_color);
        ui.label(RichText::new(tr!("top-bar-unreachable")).color(ui.visuals().error_fg_color))
            .on_hover_text(reason.describe());
        ui.spinner();
        ui.label(RichText::new(tr!("top-bar-reconnecting")).weak());
        return;
    }
    match connection {
        ConnectionState::NoProfile => {
            ui.label(RichText::new(tr!("top-bar-not-connected")).weak());
        }
        ConnectionState::Waiting { .. } | ConnectionState::Connecting { .. } => {
            ui.spinner();
            ui.label(tr!("top-bar-connecting"));
        }
        ConnectionState::Connected { session, .. } => {
            status_dot_ui(ui, success_color(ui.visuals()));
            let ms = u64::try_from(session.latency.as_millis().max(1)).unwrap_or(u64::MAX);
            let user = session.client.username();
            let full = tr!("top-bar-connected", user = user, ms = ms);
            let (shown, hover) = if narrow {
                let short = tr!("top-bar-connected-short", user = user, ms = ms);
                (short, format!("{full}\n{}", session.client.host()))
            } else {
                (full, session.client.host().to_owned())
            };
            ui.label(RichText::new(shown).color(success_color(ui.visuals())))
                .on_hover_text(hover);
        }
        ConnectionState::Failed { failure, .. } => {
            status_dot_ui(ui, ui.visuals().error_fg_color);
            ui.label(
                RichText::new(tr!("top-bar-not-connected")).color(ui.visuals().error_fg_color),
            )
            .on_hover_text(failure.describe());
        }
    }
}

/// The central panel when the connection failed: the error, Retry, and ways to fix it.
fn connection_failure_ui(
    ui: &mut Ui,
    profile_name: Option<&str>,
    profile: &ProfileId,
    failure: &ConnectFailure,
    commands: &mut Commands,
) {
    let title = match profile_name {
        Some(name) => tr!("app-connect-failed-title", profile = name),
        None => tr!("app-connect-failed-title-unnamed"),
    };
    let retry = if let Some(error) = failure.api_error() {
        error_box_ui(ui, &title, error) == ErrorAction::Retry
    } else {
        let mut retry = false;
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(
                RichText::new(&title)
                    .strong()
                    .color(ui.visuals().error_fg_color),
            );
            ui.label(failure.describe());
            retry = ui.button(tr!("common-retry")).clicked();
        });
        retry
    };
    if retry {
        commands.push(Command::Connect(profile.clone()));
    }
    ui.horizontal(|ui| {
        if failure.needs_password() && ui.button(tr!("app-enter-password")).clicked() {
            commands.push(Command::AskPasswordFor(profile.clone()));
        }
        if ui.button(tr!("app-edit-profile")).clicked() {
            commands.push(Command::Navigate(Screen::Profiles));
        }
    });
}
