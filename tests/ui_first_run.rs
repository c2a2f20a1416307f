//! First run: the app starts its own sandbox, creates the "Local sandbox" profile once, keeps
//! its password in the keyring (not the file), and shows the sandbox's projects.

#![allow(clippy::expect_used)] // a test that cannot go on says why, and fails

mod ui_support;

use secrecy::ExposeSecret;
use ui_support::{Desk, click, shows, wait_for};

#[test]
fn first_run_starts_the_sandbox_and_shows_its_projects() {
    let desk = Desk::first_run();
    let mut app = desk.harness();
    wait_for(&mut app, "the sandbox's projects", |h| {
        shows(h, "library") && shows(h, "ml-models") && shows(h, "playground")
    });
    assert!(
        app.state().sandbox_url().is_some(),
        "the sandbox runs inside the app"
    );
    // The quota column: unlimited for library, a bar in danger colour for ml-models (92 %).
    assert!(ui_support::shows_text(&app, "Unlimited"));
    assert!(ui_support::shows_text(&app, "(92 %)"));
    assert!(ui_support::shows_text(&app, "Page 1 of 1, 4 projects"));

    wait_for(&mut app, "the profile saved to disk", |_| {
        !desk.saved_settings().profiles.is_empty()
    });
    let settings = desk.saved_settings();
    assert_eq!(settings.profiles.len(), 1);
    let profile = &settings.profiles[0];
    assert_eq!(profile.name, "Local sandbox");
    assert!(profile.builtin_sandbox);
    assert_eq!(Some(profile.endpoint.as_str()), app.state().sandbox_url());
    let file = std::fs::read_to_string(desk.profile_file().path()).expect("profiles file");
    assert!(
        !file.contains("Harbor12345"),
        "no password in the file:\n{file}"
    );
    assert!(!file.to_lowercase().contains("password ="), "{file}");
    wait_for(&mut app, "the password in the keyring", |_| {
        desk.secrets.load(&profile.id).ok().flatten().is_some()
    });
    let stored = desk
        .secrets
        .load(&profile.id)
        .expect("keyring answers")
        .expect("an entry");
    assert_eq!(stored.expose_secret(), "Harbor12345");

    // Idle means idle: with nothing pending, the app stops asking for frames.
    app.try_run()
        .expect("the app settles once nothing is pending");
}

#[test]
fn the_sandbox_profile_is_created_once_and_reused_on_the_next_run() {
    let desk = Desk::first_run();
    {
        let mut app = desk.harness();
        wait_for(&mut app, "the first run to connect", |h| {
            shows(h, "library")
        });
        click(&mut app, "demo");
        wait_for(&mut app, "demo's repositories", |h| {
            shows(h, "tools/ci-runner")
        });
        wait_for(&mut app, "the screen remembered", |_| {
            desk.saved_settings().last_screen.as_deref() == Some("projects/demo/repositories")
        });
        wait_for(&mut app, "the profile saved to disk", |_| {
            !desk.saved_settings().profiles.is_empty()
        });
        let id = desk.saved_settings().profiles[0].id.clone();
        wait_for(&mut app, "the password in the keyring", |_| {
            desk.secrets.load(&id).ok().flatten().is_some()
        });
    }
    let first_id = desk.saved_settings().profiles[0].id.clone();
    // The second run finds the profile, starts the sandbox for it and connects again.
    // It opens where the user left: demo's repositories.
    let mut app = desk.harness();
    wait_for(&mut app, "the second run on the last screen", |h| {
        shows(h, "tools/ci-runner")
    });
    let url = app
        .state()
        .sandbox_url()
        .expect("sandbox running")
        .to_owned();
    wait_for(&mut app, "the new address saved", |_| {
        desk.saved_settings().profiles[0].endpoint == url
    });
    let settings = desk.saved_settings();
    assert_eq!(settings.profiles.len(), 1, "no second sandbox profile");
    assert_eq!(settings.profiles[0].id, first_id);
}
