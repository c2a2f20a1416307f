//! A project's repositories: open a project, create a multi-level repository through the
//! dialog, see its detail, delete it through the confirmation.

#![allow(clippy::expect_used)] // a test that cannot go on says why, and fails

mod ui_support;

use egui_kittest::kittest::{NodeT as _, Queryable as _};

use ui_support::{Desk, click, shows, shows_text, type_into, wait_for};

#[test]
fn create_see_and_delete_a_multi_level_repository() {
    let desk = Desk::first_run();
    let mut app = desk.harness();
    wait_for(&mut app, "the projects", |h| shows(h, "demo"));
    click(&mut app, "demo");
    wait_for(&mut app, "demo's repositories", |h| {
        shows(h, "team/backend/api") && shows(h, "tools/ci-runner")
    });

    // A click anywhere on a row selects it and opens its detail (here: on its tag count).
    click(&mut app, "0");
    wait_for(&mut app, "the selected repository's detail", |h| {
        shows(h, "demo/tools/ci-runner")
    });

    click(&mut app, "New repository…");
    wait_for(&mut app, "the dialog", |h| shows(h, "Repository name"));
    // The rule is on screen, and a bad name is flagged as it is typed.
    assert!(shows_text(&app, "2 to 64 characters"));
    type_into(&mut app, "Repository name", "Team/Bad");
    assert!(
        app.get_by_label("Create").accesskit_node().is_disabled(),
        "an upper-case name cannot be submitted"
    );
    type_into(&mut app, "Repository name", "team/payments/ledger");
    type_into(&mut app, "Summary", "Double-entry ledger");
    type_into(&mut app, "Detail", "Owned by the payments team");
    assert!(shows_text(&app, "19/100"));
    click(&mut app, "Create");

    wait_for(&mut app, "the new repository's detail", |h| {
        shows(h, "demo/team/payments/ledger") && shows(h, "Owned by the payments team")
    });
    assert!(shows(&app, "Double-entry ledger"));

    click(&mut app, "Delete…");
    wait_for(&mut app, "the confirmation", |h| {
        shows(h, "Delete repository")
    });
    click(&mut app, "Delete");
    wait_for(&mut app, "the repository gone", |h| {
        !shows(h, "team/payments/ledger") && !shows(h, "Delete repository")
    });
    // The filter set to show the new repository would now find nothing: it is cleared, and
    // the notice says so.
    wait_for(&mut app, "the rest of the repositories", |h| {
        shows(h, "tools/ci-runner")
    });
    assert!(!shows_text(&app, "No repository name contains"));
    assert!(shows_text(
        &app,
        "Deleted repository demo/team/payments/ledger; the filter is cleared to show the rest"
    ));
    assert_eq!(ui_support::field_text(&app, "Filter").as_deref(), Some(""));
    assert!(
        shows_text(
            &app,
            "Last change: Delete repository demo/team/payments/ledger · ok"
        ),
        "the status line shows the delete, not the list loaded after it"
    );
}
