//! With a real Secret Service (CI runs gnome-keyring under dbus-run-session), the password the
//! app stores for its sandbox profile is found by `secret-tool`, under service `ccr-desk` and
//! the profile's id.
//!
//! Without a session bus the test has nothing to talk to and says so; CI sets
//! `CCR_DESK_REQUIRE_SECRET_SERVICE=1` so that a missing service fails there instead.

#![allow(clippy::expect_used)] // a test that cannot go on says why, and fails

mod ui_support;

use std::process::Command;

use ccr_desk::profile::{SECRET_SERVICE_NAME, SecretStore};
use ccr_desk::ui::SecretsSource;
use ui_support::{Desk, shows, wait_for};

fn secret_service_expected() -> bool {
    std::env::var_os("CCR_DESK_REQUIRE_SECRET_SERVICE").is_some()
}

#[test]
fn secret_tool_finds_the_password_the_app_stored() {
    if std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_none() {
        assert!(
            !secret_service_expected(),
            "CCR_DESK_REQUIRE_SECRET_SERVICE is set but there is no D-Bus session"
        );
        eprintln!("skipped: no D-Bus session bus, so no Secret Service to test against");
        return;
    }
    let store = match SecretStore::platform() {
        Ok(store) => store,
        Err(problem) => {
            assert!(!secret_service_expected(), "no Secret Service: {problem}");
            eprintln!("skipped: no Secret Service ({problem})");
            return;
        }
    };

    let desk = Desk::first_run();
    let mut app = desk.harness_with(SecretsSource::Platform);
    wait_for(&mut app, "the sandbox's projects", |h| shows(h, "library"));
    wait_for(&mut app, "the profile on disk", |_| {
        !desk.saved_settings().profiles.is_empty()
    });
    let id = desk.saved_settings().profiles[0].id.clone();
    wait_for(&mut app, "the password in the keyring", |_| {
        store.load(&id).ok().flatten().is_some()
    });

    let output = Command::new("secret-tool")
        .args([
            "lookup",
            "service",
            SECRET_SERVICE_NAME,
            "username",
            id.as_str(),
        ])
        .output()
        .expect("secret-tool runs (Debian package libsecret-tools)");
    assert!(
        output.status.success(),
        "secret-tool lookup failed: {output:?}"
    );
    assert_eq!(String::from_utf8_lossy(&output.stdout), "Harbor12345");

    store.delete(&id).expect("clean up the entry");
    assert!(store.load(&id).expect("keyring answers").is_none());
}
