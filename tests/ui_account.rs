//! The account screen against the sandbox: changing the connected user's own password (saved in
//! the keyring, or for this session only) keeps the app working with the new one; weak passwords
//! and a mismatched confirmation keep the form from being sent; a refusal keeps the user name and
//! clears the passwords; another user's password leaves the keyring alone.

#![allow(clippy::expect_used)] // a test that cannot go on says why, and fails

mod ui_support;

use egui_kittest::kittest::{NodeT as _, Queryable as _};
use secrecy::{ExposeSecret as _, SecretString};

use ccr_desk::api::{CcrClient, ConnectionConfig, PageRequest};
use ccr_desk::profile::Profile;
use ccr_desk::sandbox;
use ccr_desk::ui::CcrDeskApp;
use egui_kittest::Harness;
use ui_support::{Desk, click, field_text, shows, shows_text, type_into, wait_for};

/// A client of the test's sandbox signing in as `user` with `password`.
fn client_as(desk: &Desk, user: &str, password: &str) -> CcrClient {
    let sandbox = desk.sandbox.as_ref().expect("a test sandbox");
    let endpoint = url::Url::parse(sandbox.base_url()).expect("sandbox url");
    let config = ConnectionConfig::new(endpoint, user, SecretString::from(password.to_owned()));
    CcrClient::new(&config).expect("client")
}

/// Whether `user` with `password` is refused by the sandbox as an authentication failure.
fn is_refused(desk: &Desk, user: &str, password: &str) -> bool {
    let client = client_as(desk, user, password);
    match desk
        .runtime
        .block_on(client.list_projects(&PageRequest::default()))
    {
        Ok(_) => false,
        Err(error) => error.is_auth_failure(),
    }
}

/// What the keyring holds for `profile` now.
fn stored_password(desk: &Desk, profile: &Profile) -> Option<String> {
    desk.secrets
        .load(&profile.id)
        .expect("the mock keyring answers")
        .map(|p| p.expose_secret().to_owned())
}

/// Whether the button labelled `label` is disabled.
fn is_disabled(app: &Harness<'static, CcrDeskApp>, label: &str) -> bool {
    app.get_by_label(label).accesskit_node().is_disabled()
}

/// Starts the app, waits for the projects, and opens the account screen.
fn open_account(desk: &Desk) -> Harness<'static, CcrDeskApp> {
    let mut app = desk.harness();
    wait_for(&mut app, "the projects", |h| shows(h, "library"));
    click(&mut app, "Account");
    wait_for(&mut app, "the account screen", |h| {
        shows(h, "Access credential password")
    });
    app
}

/// Waits until the account screen shows `label` again after the change: a change of the own
/// password makes the app reconnect, so the screen is briefly replaced by "Connecting…".
fn wait_for_after_reconnect(app: &mut Harness<'static, CcrDeskApp>, what: &str, label: &str) {
    wait_for(app, what, |h| shows(h, label));
    wait_for(app, what, |h| {
        shows(h, label) && !shows(h, "Connecting…") && !shows(h, "Changing…")
    });
}

/// Browses to the projects and checks they load with whatever password the app uses now,
/// without asking for one.
fn projects_still_load(app: &mut Harness<'static, CcrDeskApp>) {
    click(app, "Projects");
    wait_for(app, "the projects list", |h| {
        shows(h, "library") || shows(h, "Password needed")
    });
    assert!(
        !shows(app, "Password needed"),
        "the app still used the old password"
    );
}

#[test]
fn changing_the_own_password_and_saving_it_keeps_the_app_working_with_the_new_one() {
    let (desk, profile) = Desk::with_profile(sandbox::DEFAULT_ADMIN_PASSWORD);
    let mut app = open_account(&desk);
    assert_eq!(
        field_text(&app, "Username").as_deref(),
        Some(sandbox::ADMIN_USER),
        "the profile's user is the default"
    );

    type_into(&mut app, "New password", "Sturdy-Pass-2024");
    type_into(&mut app, "Confirm password", "Sturdy-Pass-2024");
    assert!(!is_disabled(&app, "Change password"));
    click(&mut app, "Change password");
    wait_for_after_reconnect(
        &mut app,
        "the offer to save the new password",
        "Save in keyring and use it",
    );
    assert!(shows(&app, "The password of admin was changed"));
    assert!(shows(&app, "Use for this session only"));
    assert_eq!(field_text(&app, "New password").as_deref(), Some(""));
    assert_eq!(field_text(&app, "Confirm password").as_deref(), Some(""));
    // Until the user chooses, the new password is in use and the outdated one is not kept.
    wait_for(&mut app, "the outdated password removed", |_| {
        stored_password(&desk, &profile).is_none()
    });

    click(&mut app, "Save in keyring and use it");
    wait_for_after_reconnect(
        &mut app,
        "the password saved",
        "The new password is in use and saved in the keyring",
    );
    assert!(!shows(&app, "Save in keyring and use it"));
    wait_for(&mut app, "the keyring holding the new password", |_| {
        stored_password(&desk, &profile).as_deref() == Some("Sturdy-Pass-2024")
    });

    projects_still_load(&mut app);
    assert!(
        is_refused(&desk, sandbox::ADMIN_USER, sandbox::DEFAULT_ADMIN_PASSWORD),
        "the old password no longer signs in"
    );
    assert!(!is_refused(&desk, sandbox::ADMIN_USER, "Sturdy-Pass-2024"));
}

#[test]
fn using_the_new_password_for_this_session_only_leaves_nothing_in_the_keyring() {
    let (desk, profile) = Desk::with_profile(sandbox::DEFAULT_ADMIN_PASSWORD);
    let mut app = open_account(&desk);

    type_into(&mut app, "New password", "Session-Only-7");
    type_into(&mut app, "Confirm password", "Session-Only-7");
    // Enter in the field submits a valid form.
    app.key_press(egui::Key::Enter);
    wait_for_after_reconnect(&mut app, "the change", "The password of admin was changed");
    click(&mut app, "Use for this session only");
    wait_for(&mut app, "the session-only notice", |h| {
        shows_text(h, "used for this session only")
    });
    assert!(!shows(&app, "Save in keyring and use it"));
    wait_for(&mut app, "the keyring entry removed", |_| {
        stored_password(&desk, &profile).is_none()
    });

    projects_still_load(&mut app);
    assert!(is_refused(
        &desk,
        sandbox::ADMIN_USER,
        sandbox::DEFAULT_ADMIN_PASSWORD
    ));
    assert_eq!(stored_password(&desk, &profile), None);
}

#[test]
fn weak_or_mismatched_passwords_keep_the_form_from_being_sent() {
    let (desk, _profile) = Desk::with_profile(sandbox::DEFAULT_ADMIN_PASSWORD);
    let mut app = open_account(&desk);
    assert!(is_disabled(&app, "Change password"), "an empty form");

    for (weak, unmet) in [
        ("short", "✖ 8 to 128 characters"),
        ("alllowercase1", "✖ At least one upper-case letter"),
        ("ALLUPPERCASE1", "✖ At least one lower-case letter"),
        ("NoDigitsHere", "✖ At least one digit"),
    ] {
        type_into(&mut app, "New password", weak);
        type_into(&mut app, "Confirm password", weak);
        assert!(shows(&app, unmet), "{weak}: the unmet rule is shown");
        assert!(shows(&app, "✔ The two passwords match"), "{weak}");
        assert!(is_disabled(&app, "Change password"), "{weak}");
    }

    type_into(&mut app, "New password", "Strong-Pass-42");
    assert!(shows(&app, "✔ 8 to 128 characters"));
    assert!(shows(&app, "✔ At least one upper-case letter"));
    assert!(shows(&app, "✔ At least one lower-case letter"));
    assert!(shows(&app, "✔ At least one digit"));
    type_into(&mut app, "Confirm password", "Strong-Pass-43");
    assert!(shows(&app, "✖ The two passwords match"));
    assert!(is_disabled(&app, "Change password"), "a mismatch");
    // Enter does not send an invalid form either.
    app.key_press(egui::Key::Enter);
    app.step();
    assert!(!shows(&app, "Changing…"));

    type_into(&mut app, "Confirm password", "Strong-Pass-42");
    assert!(shows(&app, "✔ The two passwords match"));
    assert!(!is_disabled(&app, "Change password"), "a valid form");

    type_into(&mut app, "Username", "bad:name");
    assert!(shows_text(&app, "must not hold a colon"));
    assert!(is_disabled(&app, "Change password"), "an invalid user name");

    // "Show" reveals both passwords; nothing was sent.
    click(&mut app, "Show");
    wait_for(&mut app, "the passwords shown", |h| {
        field_text(h, "Confirm password").as_deref() == Some("Strong-Pass-42")
    });
    assert_eq!(
        field_text(&app, "New password").as_deref(),
        Some("Strong-Pass-42")
    );
    assert!(!is_refused(
        &desk,
        sandbox::ADMIN_USER,
        sandbox::DEFAULT_ADMIN_PASSWORD
    ));
}

#[test]
fn a_refused_change_keeps_the_user_name_clears_the_passwords_and_shows_the_error() {
    // The read-only user may change only their own password: the sandbox answers 403 for
    // the administrator's. (An unknown user is no failure: 1.14 sets a password for them.)
    let (desk, profile) = Desk::with_profile(sandbox::VIEWER_PASSWORD);
    let mut settings = desk.saved_settings();
    for saved in &mut settings.profiles {
        sandbox::VIEWER_USER.clone_into(&mut saved.username);
    }
    desk.profile_file().save(&settings).expect("profile saved");
    let mut app = open_account(&desk);
    assert_eq!(
        field_text(&app, "Username").as_deref(),
        Some(sandbox::VIEWER_USER)
    );

    type_into(&mut app, "Username", sandbox::ADMIN_USER);
    type_into(&mut app, "New password", "Takeover-123");
    type_into(&mut app, "Confirm password", "Takeover-123");
    click(&mut app, "Change password");
    wait_for(&mut app, "the refusal", |h| {
        shows(h, "The password of admin was not changed")
    });
    assert!(shows_text(&app, "权限不足"), "the server's own words");
    assert!(shows_text(&app, "HTTP 403"));
    assert!(shows_text(&app, "request id"));
    assert_eq!(
        field_text(&app, "Username").as_deref(),
        Some(sandbox::ADMIN_USER)
    );
    assert_eq!(field_text(&app, "New password").as_deref(), Some(""));
    assert_eq!(field_text(&app, "Confirm password").as_deref(), Some(""));
    assert!(is_disabled(&app, "Change password"));
    assert!(
        !shows(&app, "Password needed"),
        "a 403 is not a wrong password"
    );
    assert_eq!(
        stored_password(&desk, &profile).as_deref(),
        Some(sandbox::VIEWER_PASSWORD)
    );
    assert!(!is_refused(
        &desk,
        sandbox::ADMIN_USER,
        sandbox::DEFAULT_ADMIN_PASSWORD
    ));
}

#[test]
fn another_users_password_is_changed_without_touching_the_keyring() {
    let (desk, profile) = Desk::with_profile(sandbox::DEFAULT_ADMIN_PASSWORD);
    let mut app = open_account(&desk);

    type_into(&mut app, "Username", sandbox::VIEWER_USER);
    type_into(&mut app, "New password", "Viewer-Renewed-1");
    type_into(&mut app, "Confirm password", "Viewer-Renewed-1");
    click(&mut app, "Change password");
    wait_for(&mut app, "the change", |h| {
        shows(h, "The password of viewer was changed")
    });
    assert!(!shows(&app, "Save in keyring and use it"));
    assert!(!shows(&app, "Use for this session only"));
    assert_eq!(
        field_text(&app, "Username").as_deref(),
        Some(sandbox::VIEWER_USER),
        "the typed user stays"
    );
    assert_eq!(field_text(&app, "New password").as_deref(), Some(""));
    assert!(is_refused(
        &desk,
        sandbox::VIEWER_USER,
        sandbox::VIEWER_PASSWORD
    ));
    assert!(!is_refused(&desk, sandbox::VIEWER_USER, "Viewer-Renewed-1"));
    assert_eq!(
        stored_password(&desk, &profile).as_deref(),
        Some(sandbox::DEFAULT_ADMIN_PASSWORD)
    );
    projects_still_load(&mut app);
}
