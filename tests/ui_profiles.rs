//! Profiles and passwords: a refused password opens the dialog and a corrected one proceeds (and
//! is saved), a profile saved through the form keeps its password out of the file.

#![allow(clippy::expect_used)] // a test that cannot go on says why, and fails

mod ui_support;

use secrecy::ExposeSecret;
use ui_support::{Desk, click, shows, shows_text, type_into, wait_for};

#[test]
fn a_wrong_password_opens_the_dialog_and_the_corrected_one_proceeds_and_is_saved() {
    let (desk, profile) = Desk::with_profile("not-the-password");
    let mut app = desk.harness();
    wait_for(&mut app, "the password dialog", |h| {
        shows(h, "Password needed")
    });
    assert!(shows_text(&app, "refused"));

    type_into(&mut app, "Password", "still-wrong");
    click(&mut app, "Connect");
    // A refused attempt empties the field so the password is typed again.
    wait_for(&mut app, "the second refusal", |h| {
        ui_support::field_text(h, "Password").as_deref() == Some("")
    });
    assert!(
        shows_text(&app, "认证失败"),
        "the server's own words are shown"
    );
    assert!(shows(&app, "Password needed"), "the dialog stays open");

    type_into(&mut app, "Password", "Harbor12345");
    click(&mut app, "Connect");
    wait_for(&mut app, "the projects", |h| {
        shows(h, "library") && !shows(h, "Password needed")
    });
    wait_for(&mut app, "the corrected password saved", |_| {
        desk.secrets
            .load(&profile.id)
            .ok()
            .flatten()
            .is_some_and(|p| p.expose_secret() == "Harbor12345")
    });
}

#[test]
fn a_profile_saved_through_the_form_keeps_its_password_in_the_keyring_only() {
    let (desk, _profile) = Desk::with_profile("Harbor12345");
    let mut app = desk.harness();
    ui_support::open_new_profile_form(&mut app);

    type_into(&mut app, "Profile name", "Staging");
    type_into(&mut app, "Endpoint URL", "http://registry.example.com");
    assert!(
        shows_text(&app, "allowed only for this computer"),
        "plain http to another host is refused beside the field"
    );
    type_into(
        &mut app,
        "Endpoint URL",
        "https://registry.example.com:8443",
    );
    type_into(&mut app, "User name", "robot");
    type_into(&mut app, "Password", "S3cret-Staging-pw");
    click(&mut app, "Save");

    wait_for(&mut app, "the profile on disk", |_| {
        desk.saved_settings()
            .profiles
            .iter()
            .any(|p| p.name == "Staging")
    });
    let settings = desk.saved_settings();
    let staging = settings
        .profiles
        .iter()
        .find(|p| p.name == "Staging")
        .expect("saved");
    assert_eq!(staging.endpoint, "https://registry.example.com:8443");
    assert_eq!(staging.username, "robot");
    let file = std::fs::read_to_string(desk.profile_file().path()).expect("file");
    assert!(!file.contains("S3cret-Staging-pw"), "{file}");
    wait_for(&mut app, "the password in the keyring", |_| {
        desk.secrets
            .load(&staging.id)
            .ok()
            .flatten()
            .is_some_and(|p| p.expose_secret() == "S3cret-Staging-pw")
    });

    // A second profile with the same name is refused beside the field.
    click(&mut app, "Duplicate");
    type_into(&mut app, "Profile name", "staging");
    assert!(shows_text(&app, "already"), "duplicate names are refused");

    // Leaving a form with unsaved changes asks first.
    click(&mut app, "Add profile");
    wait_for(&mut app, "the question", |h| shows(h, "Discard changes?"));
    click(&mut app, "Keep editing");
    wait_for(&mut app, "the form kept", |h| !shows(h, "Discard changes?"));
    assert_eq!(
        ui_support::field_text(&app, "Profile name").as_deref(),
        Some("staging")
    );
    click(&mut app, "Add profile");
    wait_for(&mut app, "the question again", |h| {
        shows(h, "Discard changes?")
    });
    click(&mut app, "Discard changes");
    wait_for(&mut app, "an empty form", |h| {
        !shows(h, "Discard changes?")
            && ui_support::field_text(h, "Profile name").as_deref() == Some("")
    });
}

#[test]
fn after_cancelling_the_password_dialog_navigation_does_not_retry_the_refused_password() {
    let (desk, _profile) = Desk::with_profile("not-the-password");
    let mut app = desk.harness();
    wait_for(&mut app, "the password dialog", |h| {
        shows(h, "Password needed")
    });
    app.key_press(egui::Key::Escape);
    wait_for(&mut app, "the dialog closed by Escape", |h| {
        !shows(h, "Password needed")
    });
    // The screen says what went wrong and how to go on.
    assert!(shows_text(&app, "Could not connect with Test registry"));
    assert!(shows(&app, "Try again") && shows(&app, "Enter password…"));

    click(&mut app, "Profiles");
    wait_for(&mut app, "the profiles screen", |h| {
        shows(h, "Connection profiles")
    });
    click(&mut app, "Projects");
    for _ in 0..10 {
        app.step();
    }
    assert!(
        !shows(&app, "Password needed"),
        "moving around does not send the refused password again"
    );
    click(&mut app, "Enter password…");
    wait_for(&mut app, "the dialog on request", |h| {
        shows(h, "Password needed")
    });
}
