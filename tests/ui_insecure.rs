//! A profile that accepts invalid certificates says so where it matters: in the top bar while it
//! is connected, in the profile list and the form, and on its duplicate.

#![allow(clippy::expect_used)] // a test that cannot go on says why, and fails

mod ui_support;

use ui_support::{Desk, click, shows, shows_text, wait_for};

#[test]
fn a_profile_that_does_not_check_certificates_is_marked_wherever_it_shows() {
    let (desk, profile) = Desk::with_profile("Harbor12345");
    let mut settings = desk.saved_settings();
    settings.profiles[0].tls.accept_invalid_certificates = true;
    desk.profile_file().save(&settings).expect("profiles saved");

    let mut app = desk.harness();
    wait_for(&mut app, "the projects", |h| shows(h, "library"));
    assert!(
        shows(&app, "Certificates not checked"),
        "the top bar warns while the insecure profile is connected"
    );

    click(&mut app, "Profiles");
    wait_for(&mut app, "the profiles screen", |h| {
        shows(h, "Connection profiles")
    });
    click(&mut app, &profile.name);
    wait_for(&mut app, "the profile's form", |h| {
        shows_text(h, "accepts invalid certificates")
    });
    click(&mut app, "Duplicate");
    wait_for(&mut app, "the duplicate's form", |h| {
        ui_support::field_text(h, "Profile name").as_deref()
            == Some(&*format!("{} (copy)", profile.name))
    });
    assert!(
        shows_text(&app, "accepts invalid certificates"),
        "the duplicate carries the warning"
    );
}
