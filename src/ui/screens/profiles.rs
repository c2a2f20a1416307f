//! The profiles screen: the list of connection profiles and a form to add, edit, duplicate,
//! delete and test them.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::Arc;

use egui::{Id, RichText, Ui};
use poll_promise::Promise;
use secrecy::SecretString;
use zeroize::Zeroize as _;

use crate::api::{AuthMethod, RepositoryPathEncoding};
use crate::file_chooser::FileChooser;
use crate::profile::{Profile, ProfileField, ProfileId, SecretStore, Settings, validate_profile};
use crate::session::{ConnectFailure, Connected, PasswordSource, connect};
use crate::tasks::{Remote, Tasks};
use crate::ui::commands::{Command, Commands};
use crate::ui::describe::Describe as _;
use crate::ui::describe::shown_profile_name;
use crate::ui::dialogs::{Confirmation, DeleteConfirmation, escape_pressed};
use crate::ui::focus::{Region, anchor};
use crate::ui::status_bar::no_keyring_text;
use crate::ui::theme::success_color;
use crate::ui::widgets::{
    field_problem_ui, insecure_short, insecure_warning_ui, password_field, text_field,
};

/// What the profiles screen reads from the app.
pub struct ProfilesContext<'a> {
    /// Runs the connection test and the file dialog.
    pub tasks: &'a Tasks,
    /// The saved profiles.
    pub settings: &'a Settings,
    /// The keyring, when there is one.
    pub secrets: Option<&'a SecretStore>,
    /// Why there is no keyring (while it is still being opened: `None` and no store).
    pub secrets_problem: Option<&'a str>,
    /// Passwords kept for this session only.
    pub session_passwords: &'a HashMap<ProfileId, SecretString>,
    /// The profile in use.
    pub active: Option<&'a ProfileId>,
    /// The connected profile and the number of its connection (see
    /// `Session::connected_profile`).
    pub connected: Option<(&'a ProfileId, u64)>,
    /// Asks for a CA file.
    pub file_chooser: &'a Arc<dyn FileChooser>,
    /// Where the screen asks the app for things.
    pub commands: &'a mut Commands,
}

/// The profiles screen's state.
#[derive(Default)]
pub struct ProfilesView {
    draft: Option<Draft>,
    delete: Option<DeleteConfirmation>,
    /// The form to open once the user agreed to discard unsaved changes.
    discard: Option<Draft>,
}

/// A profile being edited.
struct Draft {
    profile: Profile,
    is_new: bool,
    password: String,
    show_password: bool,
    test: Remote<Connected, ConnectFailure>,
    /// How many connections the app had made when the test started.
    test_after_connections: u64,
    ca_pick: Option<Promise<Option<PathBuf>>>,
    ca_file_text: String,
    saved_once: bool,
    /// The fields typed in, and those with a problem when Save was tried: a new profile shows
    /// its problems only there.
    touched: HashSet<ProfileField>,
}

impl Drop for Draft {
    fn drop(&mut self) {
        // The typed password does not linger in freed memory.
        self.password.zeroize();
    }
}

impl Draft {
    fn editing(profile: &Profile) -> Self {
        Self {
            ca_file_text: profile
                .tls
                .ca_file
                .as_ref()
                .map(|p| p.display().to_string())
                .unwrap_or_default(),
            profile: profile.clone(),
            is_new: false,
            password: String::new(),
            show_password: false,
            test: Remote::default(),
            test_after_connections: 0,
            ca_pick: None,
            saved_once: false,
            touched: HashSet::new(),
        }
    }

    fn new_profile(profile: &Profile) -> Self {
        let mut draft = Self::editing(profile);
        draft.is_new = true;
        draft
    }

    fn profile_from_form(&self) -> Profile {
        let mut profile = self.profile.clone();
        profile.name = profile.name.trim().to_owned();
        profile.endpoint = profile.endpoint.trim().to_owned();
        profile.username = profile.username.trim().to_owned();
        profile.instance_id = profile.instance_id.trim().to_owned();
        profile.registry_address = profile.registry_address.trim().to_owned();
        let ca = self.ca_file_text.trim();
        profile.tls.ca_file = if ca.is_empty() {
            None
        } else {
            Some(PathBuf::from(ca))
        };
        profile
    }

    /// Whether the form holds something the saved profile does not (or, for a new profile,
    /// anything typed at all).
    fn has_changes(&self, settings: &Settings) -> bool {
        if !self.password.is_empty() {
            return true;
        }
        let edited = self.profile_from_form();
        if self.is_new {
            let blank = Profile {
                id: edited.id.clone(),
                ..Profile::new_blank()
            };
            edited != blank
        } else {
            settings.profile(&edited.id) != Some(&edited)
        }
    }

    fn typed_password(&self) -> Option<SecretString> {
        (!self.password.is_empty()).then(|| SecretString::from(self.password.clone()))
    }
}

impl ProfilesView {
    /// The profiles screen.
    pub fn ui(&mut self, ui: &mut Ui, cx: &mut ProfilesContext<'_>) {
        self.poll_draft();
        self.forget_stale_test(cx);
        self.follow_settings(cx);

        ui.heading(tr!("profiles-list-heading"));
        ui.add_space(4.0);
        keyring_line_ui(ui, cx);
        ui.add_space(6.0);

        egui::Panel::left("profile list")
            .resizable(true)
            .default_size(220.0)
            .show(ui, |ui| self.list_ui(ui, cx));

        egui::ScrollArea::vertical().show(ui, |ui| {
            ui.add_space(4.0);
            if let Some(draft) = &mut self.draft {
                if let Some(action) = form_ui(ui, draft, cx) {
                    self.apply(&action, cx);
                }
            } else {
                ui.label(tr!("profiles-list-empty"));
            }
        });

        self.discard_dialog_ui(ui.ctx());
        self.delete_dialog_ui(ui.ctx(), cx);
    }

    /// A failed test goes once the profile has connected since: the result belongs to the
    /// attempt that made it.
    fn forget_stale_test(&mut self, cx: &ProfilesContext<'_>) {
        if let Some(draft) = &mut self.draft
            && draft.test.error().is_some()
            && let Some((id, connections)) = cx.connected
            && *id == draft.profile.id
            && connections > draft.test_after_connections
        {
            draft.test.clear();
        }
    }

    /// Takes the answers that arrived for the form: the connection test and the chosen CA file.
    fn poll_draft(&mut self) {
        if let Some(draft) = &mut self.draft {
            draft.test.poll();
            if let Some(pick) = draft.ca_pick.take() {
                match pick.try_take() {
                    Ok(Some(path)) => draft.ca_file_text = path.display().to_string(),
                    Ok(None) => {}
                    Err(pick) => draft.ca_pick = Some(pick),
                }
            }
        }
    }

    /// Keeps the form in step with the saved profiles: the sandbox's address, a profile deleted
    /// elsewhere, and a first profile to show when the form is empty.
    fn follow_settings(&mut self, cx: &ProfilesContext<'_>) {
        // The app moves its sandbox's address at each start: the form follows it.
        if let Some(draft) = &mut self.draft
            && draft.profile.builtin_sandbox
            && let Some(saved) = cx.settings.profile(&draft.profile.id)
            && draft.profile.endpoint != saved.endpoint
        {
            draft.profile.endpoint.clone_from(&saved.endpoint);
        }
        // A draft of a profile deleted elsewhere is closed.
        if let Some(draft) = &self.draft
            && !draft.is_new
            && cx.settings.profile(&draft.profile.id).is_none()
        {
            self.draft = None;
        }
        if self.draft.is_none() {
            let first = cx
                .active
                .and_then(|id| cx.settings.profile(id))
                .or_else(|| cx.settings.profiles.first());
            if let Some(profile) = first {
                self.draft = Some(Draft::editing(profile));
            }
        }
    }

    /// The "Delete profile" confirmation, while it is open.
    fn delete_dialog_ui(&mut self, ctx: &egui::Context, cx: &mut ProfilesContext<'_>) {
        if let Some(confirmation) = &mut self.delete {
            match confirmation.ui(
                ctx,
                &tr!("profiles-list-delete-title"),
                &tr!("profiles-list-delete-consequence"),
                None,
            ) {
                Confirmation::Open => {}
                Confirmation::Cancelled => self.delete = None,
                Confirmation::Confirmed => {
                    if let Some(draft) = self.draft.take() {
                        cx.commands
                            .push(Command::DeleteProfile(draft.profile.id.clone()));
                    }
                    self.delete = None;
                }
            }
        }
    }

    /// Opens `next` in the form, after asking when the form holds unsaved changes.
    fn open(&mut self, next: Draft, settings: &Settings) {
        if self.draft.as_ref().is_some_and(|d| d.has_changes(settings)) {
            self.discard = Some(next);
        } else {
            self.draft = Some(next);
        }
    }

    fn discard_dialog_ui(&mut self, ctx: &egui::Context) {
        let Some(next) = self.discard.take() else {
            return;
        };
        let body = match self
            .draft
            .as_ref()
            .map(|d| d.profile.name.trim().to_owned())
            .filter(|n| !n.is_empty())
        {
            Some(name) => tr!("profiles-form-discard-body", profile = name),
            None => tr!("profiles-form-discard-body-new"),
        };
        let mut choice = None;
        egui::Modal::new(Id::unique("discard profile changes")).show(ctx, |ui| {
            ui.set_width(380.0);
            ui.heading(tr!("profiles-form-discard-title"));
            ui.label(body);
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                if ui.button(tr!("profiles-form-discard")).clicked() {
                    choice = Some(true);
                }
                if ui.button(tr!("profiles-form-keep-editing")).clicked() || escape_pressed(ctx) {
                    choice = Some(false);
                }
            });
        });
        match choice {
            Some(true) => self.draft = Some(next),
            Some(false) => {}
            None => self.discard = Some(next),
        }
    }

    fn list_ui(&mut self, ui: &mut Ui, cx: &ProfilesContext<'_>) {
        ui.add_space(4.0);
        let add = ui.button(tr!("profiles-list-add"));
        anchor(ui.ctx(), Region::Content, add.id);
        if add.clicked() {
            self.open(Draft::new_profile(&Profile::new_blank()), cx.settings);
        }
        ui.add_space(4.0);
        let mut opened = None;
        egui::ScrollArea::vertical().show(ui, |ui| {
            let mut profiles: Vec<&Profile> = cx.settings.profiles.iter().collect();
            profiles.sort_by_key(|p| shown_profile_name(p).to_lowercase());
            for profile in profiles {
                let selected = self
                    .draft
                    .as_ref()
                    .is_some_and(|d| !d.is_new && d.profile.id == profile.id);
                let shown_name = shown_profile_name(profile);
                let mut text = RichText::new(&shown_name);
                if cx.active == Some(&profile.id) {
                    text = text.strong();
                }
                // A long name is cut short on its one line; the hover shows it whole.
                let response = ui
                    .add(egui::Button::selectable(selected, text).truncate())
                    .on_hover_text(format!("{shown_name}\n{}", profile.endpoint));
                if response.clicked() && !selected {
                    opened = Some(Draft::editing(profile));
                }
                if profile.tls.accept_invalid_certificates {
                    ui.label(
                        RichText::new(insecure_short())
                            .small()
                            .color(ui.visuals().warn_fg_color),
                    );
                }
            }
        });
        if let Some(next) = opened {
            self.open(next, cx.settings);
        }
    }

    fn apply(&mut self, action: &FormAction, cx: &mut ProfilesContext<'_>) {
        let Some(draft) = &mut self.draft else {
            return;
        };
        match action {
            FormAction::Save => {
                let profile = draft.profile_from_form();
                cx.commands.push(Command::SaveProfile {
                    profile: profile.clone(),
                    password: draft.typed_password(),
                });
                draft.profile = profile;
                draft.is_new = false;
                draft.password.zeroize();
                draft.saved_once = true;
            }
            FormAction::Test => {
                let profile = draft.profile_from_form();
                let source = match draft.typed_password() {
                    Some(password) => PasswordSource::Given(password),
                    None => password_source(cx, &profile.id),
                };
                draft.test.request(cx.tasks.spawn(connect(profile, source)));
                draft.test_after_connections = cx.connected.map_or(0, |(_, n)| n);
            }
            FormAction::Duplicate => {
                let copy = draft.profile_from_form().duplicate(&cx.settings.profiles);
                self.draft = Some(Draft::new_profile(&copy));
            }
            FormAction::Delete => {
                self.delete = Some(DeleteConfirmation::new(
                    shown_profile_name(&draft.profile),
                    false,
                ));
            }
            FormAction::Connect => {
                cx.commands.push(Command::Connect(draft.profile.id.clone()));
            }
            FormAction::PickCaFile => {
                let chosen = cx
                    .file_chooser
                    .pick_file(&tr!("profiles-form-ca-dialog-title"));
                draft.ca_pick = Some(cx.tasks.spawn(chosen));
            }
        }
    }
}

/// Where a stored profile's password comes from: the session, else the keyring.
pub fn password_source(cx: &ProfilesContext<'_>, id: &ProfileId) -> PasswordSource {
    if let Some(password) = cx.session_passwords.get(id) {
        return PasswordSource::Given(password.clone());
    }
    match cx.secrets {
        Some(store) => PasswordSource::Keyring(store.clone()),
        None => PasswordSource::Unknown(None),
    }
}

fn keyring_line_ui(ui: &mut Ui, cx: &ProfilesContext<'_>) {
    match (cx.secrets, cx.secrets_problem) {
        (Some(store), _) => {
            ui.label(RichText::new(tr!("profiles-form-keyring-in-use")).weak())
                .on_hover_text(store.description());
        }
        (None, Some(problem)) => {
            ui.label(RichText::new(no_keyring_text()).color(ui.visuals().warn_fg_color))
                .on_hover_text(problem);
        }
        (None, None) => {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label(tr!("profiles-form-keyring-opening"));
            });
        }
    }
}

/// A button the form's user pressed.
enum FormAction {
    Save,
    Test,
    Duplicate,
    Delete,
    Connect,
    PickCaFile,
}

fn form_ui(ui: &mut Ui, draft: &mut Draft, cx: &ProfilesContext<'_>) -> Option<FormAction> {
    let mut action = None;
    let edited = draft.profile_from_form();
    let problems: HashMap<ProfileField, String> = validate_profile(&edited, &cx.settings.profiles)
        .into_iter()
        .map(|(field, problem)| (field, problem.describe()))
        .collect();
    // A new profile says what a field needs once it was typed in, or Save was tried.
    let is_new = draft.is_new;
    let touched = draft.touched.clone();
    let problem = |field| {
        problems
            .get(&field)
            .filter(|_| !is_new || touched.contains(&field))
            .map(String::as_str)
    };

    form_heading_ui(ui, draft);
    ui.add_space(6.0);
    ui.set_max_width(560.0);
    connection_fields_ui(ui, draft, &problem);
    ui.add_space(4.0);
    password_ui(ui, draft, cx);

    ui.add_space(8.0);
    if tls_and_timeouts_ui(ui, draft, &problem) {
        action = Some(FormAction::PickCaFile);
    }
    compatibility_ui(ui, draft);

    ui.add_space(10.0);
    let action = buttons_and_test_ui(ui, draft, cx, &problems, &edited).or(action);
    if matches!(action, Some(FormAction::Save)) && !problems.is_empty() {
        draft.touched.extend(problems.keys().copied());
        return None;
    }
    action
}

/// "New profile" or "Edit profile", and a note on the sandbox's profile.
fn form_heading_ui(ui: &mut Ui, draft: &Draft) {
    ui.heading(if draft.is_new {
        tr!("profiles-form-new-heading")
    } else {
        tr!("profiles-form-edit-heading")
    });
    if draft.profile.builtin_sandbox {
        ui.label(RichText::new(tr!("profiles-form-sandbox-note")).weak());
    }
}

/// The profile's name, endpoint, instance id and user name, each with its problem.
fn connection_fields_ui<'p>(
    ui: &mut Ui,
    draft: &mut Draft,
    problem: &impl Fn(ProfileField) -> Option<&'p str>,
) {
    let profile = &mut draft.profile;
    let touched = &mut draft.touched;
    let mut field = |ui: &mut Ui, field, label: &str, text: &mut String, hint: &str| {
        let response = text_field(ui, label, text, hint);
        if response.changed() {
            touched.insert(field);
        }
        field_problem_ui(ui, problem(field));
        ui.add_space(4.0);
        response
    };
    field(
        ui,
        ProfileField::Name,
        &tr!("profiles-form-name"),
        &mut profile.name,
        &tr!("profiles-form-name-hint"),
    );
    // The app manages where its own sandbox listens and who signs in to it.
    ui.add_enabled_ui(!profile.builtin_sandbox, |ui| {
        field(
            ui,
            ProfileField::Endpoint,
            &tr!("profiles-form-endpoint"),
            &mut profile.endpoint,
            "https://registry.example.com",
        );
        let placeholder = endpoint_host(&profile.endpoint);
        field(
            ui,
            ProfileField::RegistryAddress,
            &tr!("profiles-form-registry-address"),
            &mut profile.registry_address,
            &placeholder,
        )
        .on_hover_text(tr!("profiles-form-registry-address-hint"));
        field(
            ui,
            ProfileField::InstanceId,
            &tr!("profiles-form-instance-id"),
            &mut profile.instance_id,
            "ccr-manager",
        );
        field(
            ui,
            ProfileField::Username,
            &tr!("profiles-form-username"),
            &mut profile.username,
            "admin",
        );
        sign_in_ui(ui, &mut profile.auth);
    });
}

/// `host[:port]` of an endpoint, the registry address's placeholder.
fn endpoint_host(endpoint: &str) -> String {
    crate::api::config::parse_endpoint(endpoint)
        .ok()
        .and_then(|url| {
            let host = url.host_str()?.to_owned();
            Some(
                url.port()
                    .map_or_else(|| host.clone(), |port| format!("{host}:{port}")),
            )
        })
        .unwrap_or_else(|| tr!("profiles-form-registry-address-placeholder"))
}

/// Password (HTTP Basic) or token (bearer).
fn sign_in_ui(ui: &mut Ui, auth: &mut AuthMethod) {
    ui.horizontal(|ui| {
        ui.label(tr!("profiles-form-sign-in-with"));
        ui.radio_value(auth, AuthMethod::Basic, tr!("profiles-form-auth-password"))
            .on_hover_text(tr!("profiles-form-auth-password-hint"));
        ui.radio_value(auth, AuthMethod::Bearer, tr!("profiles-form-auth-token"))
            .on_hover_text(tr!("profiles-form-auth-token-hint"));
    });
}

/// How the server wants multi-level repository names in paths.
fn compatibility_ui(ui: &mut Ui, draft: &mut Draft) {
    egui::CollapsingHeader::new(tr!("profiles-form-compatibility"))
        .id_salt("server compatibility")
        .show(ui, |ui| {
            ui.horizontal(|ui| {
                let label = ui.label(tr!("profiles-form-path-encoding"));
                let encoding = &mut draft.profile.repository_path_encoding;
                egui::ComboBox::from_id_salt("repository path encoding")
                    .selected_text(path_encoding_text(*encoding))
                    .show_ui(ui, |ui| {
                        for choice in [
                            RepositoryPathEncoding::Automatic,
                            RepositoryPathEncoding::Single,
                            RepositoryPathEncoding::Double,
                        ] {
                            ui.selectable_value(encoding, choice, path_encoding_text(choice));
                        }
                    })
                    .response
                    .labelled_by(label.id)
                    .on_hover_text(tr!("profiles-form-path-encoding-hint"));
            });
        });
}

fn path_encoding_text(encoding: RepositoryPathEncoding) -> String {
    match encoding {
        RepositoryPathEncoding::Automatic => tr!("profiles-form-path-encoding-automatic"),
        RepositoryPathEncoding::Single => tr!("profiles-form-path-encoding-single"),
        RepositoryPathEncoding::Double => tr!("profiles-form-path-encoding-double"),
    }
}

/// The password field and where the password is kept.
fn password_ui(ui: &mut Ui, draft: &mut Draft, cx: &ProfilesContext<'_>) {
    let token = draft.profile.auth == AuthMethod::Bearer;
    let label = if token {
        tr!("profiles-form-token")
    } else {
        tr!("profiles-form-password")
    };
    password_field(ui, &label, &mut draft.password, &mut draft.show_password);
    let stored_note = if token && draft.is_new && cx.secrets.is_some() {
        tr!("profiles-form-token-note-new")
    } else if token {
        tr!("profiles-form-token-note-keep")
    } else if draft.is_new && cx.secrets.is_none() {
        tr!("profiles-form-password-note-session")
    } else if draft.is_new {
        tr!("profiles-form-password-note-new")
    } else if cx.session_passwords.contains_key(&draft.profile.id) && cx.secrets.is_none() {
        tr!("profiles-form-password-note-keep-session")
    } else {
        tr!("profiles-form-password-note-keep")
    };
    ui.label(RichText::new(stored_note).small().weak());
}

/// The collapsible TLS and timeouts part of the form; true when "Choose…" was clicked.
fn tls_and_timeouts_ui<'p>(
    ui: &mut Ui,
    draft: &mut Draft,
    problem: &impl Fn(ProfileField) -> Option<&'p str>,
) -> bool {
    let mut pick = false;
    if draft.profile.tls.accept_invalid_certificates {
        insecure_warning_ui(ui);
    }
    egui::CollapsingHeader::new(tr!("profiles-form-tls"))
        .id_salt("tls and timeouts")
        .show(ui, |ui| {
            ui.horizontal(|ui| {
                let label = ui.label(tr!("profiles-form-ca-file"));
                ui.add(
                    egui::TextEdit::singleline(&mut draft.ca_file_text)
                        .hint_text(tr!("profiles-form-ca-file-hint"))
                        .desired_width(300.0),
                )
                .labelled_by(label.id);
                if ui
                    .add_enabled(
                        draft.ca_pick.is_none(),
                        egui::Button::new(tr!("profiles-form-ca-choose")),
                    )
                    .clicked()
                {
                    pick = true;
                }
            });
            let warn = ui.visuals().warn_fg_color;
            ui.checkbox(
                &mut draft.profile.tls.accept_invalid_certificates,
                RichText::new(tr!("profiles-form-accept-invalid")).color(warn),
            )
            .on_hover_text(tr!("profiles-form-accept-invalid-hint"));
            ui.horizontal(|ui| {
                let label = ui.label(tr!("profiles-form-connect-timeout"));
                ui.add(
                    egui::DragValue::new(&mut draft.profile.connect_timeout_secs).range(1..=600),
                )
                .labelled_by(label.id);
                let label = ui.label(tr!("profiles-form-read-timeout"));
                ui.add(egui::DragValue::new(&mut draft.profile.read_timeout_secs).range(1..=600))
                    .labelled_by(label.id);
            });
            ui.horizontal(|ui| {
                let label = ui.label(tr!("profiles-form-request-deadline"));
                ui.add(
                    egui::DragValue::new(&mut draft.profile.request_deadline_secs).range(5..=3600),
                )
                .labelled_by(label.id)
                .on_hover_text(tr!("profiles-form-request-deadline-hint"));
            });
            field_problem_ui(ui, problem(ProfileField::ConnectTimeout));
            field_problem_ui(ui, problem(ProfileField::ReadTimeout));
            field_problem_ui(ui, problem(ProfileField::RequestDeadline));
        });
    pick
}

/// The form's buttons and the connection test's result.
fn buttons_and_test_ui(
    ui: &mut Ui,
    draft: &Draft,
    cx: &ProfilesContext<'_>,
    problems: &HashMap<ProfileField, String>,
    edited: &Profile,
) -> Option<FormAction> {
    let valid = problems.is_empty();
    let changed = draft.is_new
        || cx.settings.profile(&edited.id) != Some(edited)
        || !draft.password.is_empty();
    // Save is there to try while a new profile hides a problem: trying shows it.
    let hides_a_problem = draft.is_new && problems.keys().any(|f| !draft.touched.contains(f));
    let action = form_buttons_ui(ui, draft, cx, valid || hides_a_problem, valid, changed);
    if draft.saved_once && !changed {
        ui.label(RichText::new(tr!("profiles-form-saved")).small().weak());
    }

    ui.add_space(6.0);
    test_result_ui(ui, &draft.test);
    action
}

/// Save (when `may_save`), Test connection, Connect, Duplicate and Delete…, each enabled when it
/// can act.
fn form_buttons_ui(
    ui: &mut Ui,
    draft: &Draft,
    cx: &ProfilesContext<'_>,
    may_save: bool,
    valid: bool,
    changed: bool,
) -> Option<FormAction> {
    let mut action = None;
    // Until the keyring has opened, a stored password cannot be read for a test.
    let keyring_settled =
        cx.secrets.is_some() || cx.secrets_problem.is_some() || !draft.password.is_empty();
    ui.horizontal(|ui| {
        if ui
            .add_enabled(may_save && changed, egui::Button::new(tr!("common-save")))
            .clicked()
        {
            action = Some(FormAction::Save);
        }
        if ui
            .add_enabled(
                valid && !draft.test.is_pending() && keyring_settled,
                egui::Button::new(tr!("profiles-form-test")),
            )
            .on_disabled_hover_text(tr!("profiles-form-test-waiting-keyring"))
            .clicked()
        {
            action = Some(FormAction::Test);
        }
        let saved = !draft.is_new;
        if ui
            .add_enabled(
                saved && !changed && valid,
                egui::Button::new(tr!("profiles-form-connect")),
            )
            .on_disabled_hover_text(tr!("profiles-form-connect-save-first"))
            .clicked()
        {
            action = Some(FormAction::Connect);
        }
        if ui
            .add_enabled(saved, egui::Button::new(tr!("profiles-form-duplicate")))
            .clicked()
        {
            action = Some(FormAction::Duplicate);
        }
        if ui
            .add_enabled(
                saved && !draft.profile.builtin_sandbox,
                egui::Button::new(tr!("profiles-form-delete")),
            )
            .on_disabled_hover_text(tr!("profiles-form-delete-sandbox-hint"))
            .clicked()
        {
            action = Some(FormAction::Delete);
        }
    });
    action
}

/// The connection test: running, failed, or connected in how long and as whom.
fn test_result_ui(ui: &mut Ui, test: &Remote<Connected, ConnectFailure>) {
    if test.is_pending() {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label(tr!("profiles-form-testing"));
        });
    } else if let Some(error) = test.error() {
        if let Some(api) = error.api_error() {
            ui.label(RichText::new(tr!("profiles-form-test-failed")).strong());
            crate::ui::view::error_lines_ui(ui, api);
        } else {
            ui.label(
                RichText::new(tr!(
                    "profiles-form-test-failed-because",
                    error = error.describe()
                ))
                .color(ui.visuals().error_fg_color),
            );
        }
    } else if let Some(connected) = test.value() {
        let ms = u64::try_from(connected.latency.as_millis().max(1)).unwrap_or(u64::MAX);
        let user = connected.client.username();
        let connected_text = match connected.client.auth() {
            AuthMethod::Basic => tr!(
                "profiles-form-test-connected-password",
                ms = ms,
                user = user
            ),
            AuthMethod::Bearer => tr!("profiles-form-test-connected-token", ms = ms, user = user),
        };
        ui.label(RichText::new(connected_text).color(success_color(ui.visuals())));
    }
}
