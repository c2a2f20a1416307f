//! The top bar's connection state follows what the last requests saw: a server that goes away
//! shows as not reachable, and the app recovers by itself when it answers again. The status line
//! shows the connection test as the first request.

#![allow(clippy::expect_used)] // a test that cannot go on says why, and fails

mod ui_support;

use ccr_desk::sandbox::{self, SandboxConfig};
use ui_support::{Desk, shows, shows_text, wait_for};

#[test]
fn a_server_that_goes_away_shows_as_unreachable_and_the_app_recovers_when_it_is_back() {
    let (mut desk, _profile) = Desk::with_profile(sandbox::DEFAULT_ADMIN_PASSWORD);
    let mut app = desk.harness();
    wait_for(&mut app, "the projects", |h| shows(h, "demo"));
    assert!(shows_text(&app, "Connected as admin"));

    let running = desk.sandbox.take().expect("the test's sandbox");
    let address = running.local_addr();
    desk.runtime.block_on(running.shutdown());
    app.key_press(egui::Key::F5);
    wait_for(&mut app, "the unreachable state", |h| {
        shows(h, "Server not reachable")
    });
    assert!(
        !shows_text(&app, "Connected as admin"),
        "the top bar no longer claims a working connection"
    );

    let again = desk
        .runtime
        .block_on(sandbox::start(SandboxConfig {
            listen: address,
            ..SandboxConfig::ephemeral_loopback()
        }))
        .expect("the sandbox starts again on the same address");
    desk.sandbox = Some(again);
    wait_for(&mut app, "the connection back by itself", |h| {
        shows_text(h, "Connected as admin") && !shows(h, "Server not reachable")
    });
    wait_for(&mut app, "the screen reloaded", |h| shows(h, "demo"));
}

#[test]
fn after_a_restart_the_status_line_shows_the_connection_test() {
    let (desk, _profile) = Desk::with_profile(sandbox::DEFAULT_ADMIN_PASSWORD);
    let mut settings = desk.saved_settings();
    settings.last_screen = Some("account".to_owned());
    desk.profile_file().save(&settings).expect("settings saved");
    let mut app = desk.harness();
    wait_for(&mut app, "connected", |h| {
        shows_text(h, "Connected as admin")
    });
    assert!(
        shows_text(&app, "Connect to Test registry"),
        "the connection test is the last request"
    );
    assert!(!shows_text(&app, "No request yet"));
}
