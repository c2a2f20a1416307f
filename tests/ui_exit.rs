//! Closing the window: what was asked for just before (a keyring write, a settings change) is
//! finished before the app goes, not dropped.

#![allow(clippy::expect_used)] // a test that cannot go on says why, and fails

mod ui_support;

use secrecy::ExposeSecret;
use ui_support::{Desk, click};

#[test]
fn a_profile_saved_just_before_closing_is_on_disk_and_in_the_keyring() {
    let (desk, _profile) = Desk::with_profile("Harbor12345");
    let mut app = desk.harness();
    ui_support::open_new_profile_form(&mut app);
    ui_support::fill_staging_profile(&mut app, "S3cret-Staging-pw");
    // Save, and close in the same breath: no frame runs between the two.
    click(&mut app, "Save");
    eframe::App::on_exit(app.state_mut());

    let settings = desk.saved_settings();
    let staging = settings
        .profiles
        .iter()
        .find(|p| p.name == "Staging")
        .expect("the new profile was saved before the app closed");
    let stored = desk
        .secrets
        .load(&staging.id)
        .expect("keyring answers")
        .expect("the password was stored before the app closed");
    assert_eq!(stored.expose_secret(), "S3cret-Staging-pw");
    assert_eq!(
        settings.last_screen.as_deref(),
        Some("profiles"),
        "the last screen too"
    );
}
