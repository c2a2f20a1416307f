//! Every action confirms what happened in a short notice (kept in the status line): a copied
//! pull command, a created project (and that the list is filtered to it).

#![allow(clippy::expect_used)] // a test that cannot go on says why, and fails

mod ui_support;

use ui_support::{Desk, click, shows, shows_text, type_into, wait_for};

#[test]
fn a_copied_pull_command_and_a_created_project_are_confirmed() {
    let desk = Desk::first_run();
    let mut app = desk.harness();
    wait_for(&mut app, "the projects", |h| shows(h, "library"));

    click(&mut app, "New project…");
    wait_for(&mut app, "the dialog", |h| shows(h, "Project name"));
    type_into(&mut app, "Project name", "feedback-test");
    click(&mut app, "Create");
    wait_for(&mut app, "the notice", |h| {
        shows_text(
            h,
            "Created project feedback-test; the list is filtered to show it",
        )
    });
    assert!(shows_text(
        &app,
        "Last change: Create project feedback-test · ok"
    ));

    type_into(&mut app, "Filter", "lib");
    wait_for(&mut app, "library", |h| shows(h, "library"));
    click(&mut app, "library");
    wait_for(&mut app, "library's repositories", |h| shows(h, "busybox"));
    click(&mut app, "busybox");
    wait_for(&mut app, "the artifacts", |h| shows_text(h, "1.36.1"));
    app.key_press(egui::Key::ArrowDown);
    wait_for(&mut app, "the detail pane", |h| shows(h, "Copy command"));
    click(&mut app, "Copy command");
    wait_for(&mut app, "the copy confirmed", |h| {
        shows(h, "Copied the docker pull command")
    });
}
