//! Nothing stale, nothing shown against the wrong registry: a selection the page no longer
//! shows cannot be deleted, a list keeps its page size across a profile switch, and one
//! registry's messages do not follow the user to another.

#![allow(clippy::expect_used)] // a test that cannot go on says why, and fails

mod ui_support;

use ccr_desk::profile::Profile;
use ccr_desk::sandbox;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use secrecy::SecretString;
use ui_support::combo::{combo_value, pick};
use ui_support::{Desk, click, shows, type_into, wait_for};

type App = egui_kittest::Harness<'static, ccr_desk::ui::CcrDeskApp>;

fn is_disabled(app: &App, label: &str) -> bool {
    app.get_by_label(label).accesskit_node().is_disabled()
}

/// A second profile for the same sandbox, its password in the keyring.
fn add_second_profile(desk: &Desk, first: &Profile) -> Profile {
    let mut second = Profile::new_blank();
    "Second registry".clone_into(&mut second.name);
    second.endpoint.clone_from(&first.endpoint);
    second.username.clone_from(&first.username);
    let mut settings = desk.saved_settings();
    settings.profiles.push(second.clone());
    desk.profile_file().save(&settings).expect("profiles saved");
    desk.secrets
        .save(
            &second.id,
            &SecretString::from(sandbox::DEFAULT_ADMIN_PASSWORD),
        )
        .expect("password stored");
    second
}

#[test]
fn a_selection_the_filter_hides_cannot_be_deleted() {
    let (desk, _profile) = Desk::with_profile(sandbox::DEFAULT_ADMIN_PASSWORD);
    let mut app = desk.harness();
    wait_for(&mut app, "the projects", |h| shows(h, "demo"));
    app.key_press(egui::Key::ArrowDown);
    app.step();
    assert!(!is_disabled(&app, "Delete…"), "demo is selected and shown");
    type_into(&mut app, "Filter", "lib");
    wait_for(&mut app, "the filtered list", |h| {
        shows(h, "library") && !shows(h, "demo")
    });
    assert!(
        is_disabled(&app, "Delete…"),
        "demo is no longer on screen, so it cannot be deleted from here"
    );
    app.key_press(egui::Key::Delete);
    app.step();
    app.step();
    assert!(
        !shows(&app, "Delete project"),
        "no confirmation for a hidden row"
    );
}

#[test]
fn the_page_size_stays_after_a_profile_switch() {
    let (desk, first) = Desk::with_profile(sandbox::DEFAULT_ADMIN_PASSWORD);
    let second = add_second_profile(&desk, &first);
    let mut app = desk.harness();
    wait_for(&mut app, "the projects", |h| shows(h, "demo"));
    pick(&mut app, "Page size", "25 per page");
    wait_for(&mut app, "25 per page", |h| {
        combo_value(h, "Page size").as_deref() == Some("25 per page")
    });
    pick(&mut app, "Profile", &second.name);
    wait_for(&mut app, "the second profile's projects", |h| {
        ui_support::shows_text(h, "Connected as") && shows(h, "demo")
    });
    assert_eq!(
        combo_value(&app, "Page size").as_deref(),
        Some("25 per page"),
        "the list kept its page size"
    );
}

#[test]
fn one_registrys_account_message_does_not_follow_to_another() {
    let (desk, first) = Desk::with_profile(sandbox::DEFAULT_ADMIN_PASSWORD);
    let second = add_second_profile(&desk, &first);
    let mut app = desk.harness();
    wait_for(&mut app, "the projects", |h| shows(h, "demo"));
    click(&mut app, "Account");
    wait_for(&mut app, "the account form", |h| {
        shows(h, "Change password")
    });
    type_into(&mut app, "Username", sandbox::VIEWER_USER);
    type_into(&mut app, "New password", "Viewer-Renewed-1");
    type_into(&mut app, "Confirm password", "Viewer-Renewed-1");
    click(&mut app, "Change password");
    wait_for(&mut app, "the change", |h| {
        shows(h, "The password of viewer was changed")
    });
    pick(&mut app, "Profile", &second.name);
    wait_for(&mut app, "the second profile connected", |h| {
        ui_support::shows_text(h, "Connected as")
    });
    click(&mut app, "Account");
    wait_for(&mut app, "the account form", |h| {
        shows(h, "Change password")
    });
    assert!(
        !shows(&app, "The password of viewer was changed"),
        "the other registry's message is gone"
    );
}

#[test]
fn a_failed_connection_test_goes_once_the_profile_has_connected() {
    let (desk, _profile) = Desk::with_profile("not-the-password");
    let mut app = desk.harness();
    wait_for(&mut app, "the password dialog", |h| {
        shows(h, "Password needed")
    });
    app.key_press(egui::Key::Escape);
    wait_for(&mut app, "the dialog closed", |h| {
        !shows(h, "Password needed")
    });
    click(&mut app, "Profiles");
    wait_for(&mut app, "the profile's form", |h| {
        shows(h, "Test connection")
    });
    click(&mut app, "Test connection");
    wait_for(&mut app, "the failed test", |h| {
        ui_support::shows_text(h, "Connection failed")
    });

    click(&mut app, "Projects");
    wait_for(&mut app, "the way to type the password", |h| {
        shows(h, "Enter password…")
    });
    click(&mut app, "Enter password…");
    wait_for(&mut app, "the password dialog", |h| {
        shows(h, "Password needed")
    });
    type_into(&mut app, "Password", sandbox::DEFAULT_ADMIN_PASSWORD);
    click(&mut app, "Connect");
    wait_for(&mut app, "the projects", |h| shows(h, "demo"));
    click(&mut app, "Profiles");
    wait_for(&mut app, "the profile's form", |h| {
        shows(h, "Test connection")
    });
    assert!(
        !ui_support::shows_text(&app, "Connection failed"),
        "the old attempt's failure is gone"
    );
}
