//! Without a keyring the app says so in one line, keeps passwords for the session only and
//! never writes them to disk.

#![allow(clippy::expect_used)] // a test that cannot go on says why, and fails

mod ui_support;

use ccr_desk::ui::SecretsSource;
use ui_support::{Desk, click, shows, shows_text, type_into, wait_for};

const NO_KEYRING: &str = "No keyring is available: passwords are kept for this session only";

#[test]
fn the_sandbox_works_without_a_keyring_and_says_so() {
    let desk = Desk::first_run();
    let mut app = desk.harness_with(SecretsSource::Disabled("test".to_owned()));
    wait_for(&mut app, "the sandbox's projects", |h| shows(h, "library"));
    assert!(shows(&app, NO_KEYRING), "the one-line notice is on screen");
    wait_for(&mut app, "the profile on disk", |_| {
        !desk.saved_settings().profiles.is_empty()
    });
    let file = std::fs::read_to_string(desk.profile_file().path()).expect("profiles file");
    assert!(!file.contains("Harbor12345"), "{file}");
    let id = &desk.saved_settings().profiles[0].id;
    assert!(
        desk.secrets.load(id).expect("mock answers").is_none(),
        "nothing went to any keyring"
    );
}

#[test]
fn a_profile_without_a_keyring_asks_for_its_password_and_keeps_it_for_the_session() {
    let (desk, _profile) = Desk::with_profile("Harbor12345");
    let mut app = desk.harness_with(SecretsSource::Disabled("test".to_owned()));
    wait_for(&mut app, "the password dialog", |h| {
        shows(h, "Password needed")
    });
    assert!(
        !shows(&app, "Save the password in the keyring"),
        "no keyring, no offer to save"
    );
    type_into(&mut app, "Password", "Harbor12345");
    click(&mut app, "Connect");
    wait_for(&mut app, "the projects", |h| {
        shows(h, "library") && !shows(h, "Password needed")
    });
    // Reconnecting in the same session does not ask again.
    click(&mut app, "⟳ Refresh");
    wait_for(&mut app, "the projects again", |h| shows(h, "library"));
    assert!(!shows(&app, "Password needed"));
    assert!(shows_text(&app, "passwords are kept for this session only"));
    let file = std::fs::read_to_string(desk.profile_file().path()).expect("profiles file");
    assert!(!file.contains("Harbor12345"), "{file}");
}
