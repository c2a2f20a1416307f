//! The projects screen against the sandbox: create through the dialog, a name the server
//! refuses, delete with the typed confirmation (and the 403 for a project that is not empty),
//! filter and paging.

#![allow(clippy::expect_used)] // a test that cannot go on says why, and fails

mod ui_support;

use egui_kittest::kittest::{NodeT as _, Queryable as _};

use ui_support::{Desk, click, shows, shows_text, type_into, wait_for};

#[test]
fn a_project_created_through_the_dialog_appears_in_the_table() {
    let desk = Desk::first_run();
    let mut app = desk.harness();
    wait_for(&mut app, "the projects", |h| shows(h, "library"));

    click(&mut app, "New project…");
    wait_for(&mut app, "the dialog", |h| shows(h, "Project name"));
    // A name against the rules is flagged as it is typed, and Create stays disabled.
    type_into(&mut app, "Project name", "Team_A");
    assert!(shows_text(&app, "lower-case letters, digits"));
    assert!(app.get_by_label("Create").accesskit_node().is_disabled());
    type_into(&mut app, "Project name", "team-alpha");
    assert!(!app.get_by_label("Create").accesskit_node().is_disabled());
    click(&mut app, "Create");
    wait_for(&mut app, "the new project in the table", |h| {
        shows(h, "team-alpha") && !shows(h, "Project name")
    });
    // The list is filtered on the new project so that it is visible.
    assert!(shows_text(&app, "Page 1 of 1, 1 project"));
}

#[test]
fn a_name_the_server_refuses_shows_the_servers_error_in_the_dialog() {
    let desk = Desk::first_run();
    let mut app = desk.harness();
    wait_for(&mut app, "the projects", |h| shows(h, "library"));
    click(&mut app, "New project…");
    wait_for(&mut app, "the dialog", |h| shows(h, "Project name"));
    type_into(&mut app, "Project name", "library");
    click(&mut app, "Create");
    wait_for(&mut app, "the server's refusal", |h| {
        shows_text(h, "already exists")
    });
    // The server's own (Chinese) words, its code and the status are all there.
    assert!(shows_text(&app, "项目已存在"));
    assert!(shows_text(&app, "HTTP 409") || shows_text(&app, "HTTP 400"));
    assert!(shows_text(&app, "request id"));
    // The dialog stays open with the input kept.
    assert!(shows(&app, "Project name"));
}

#[test]
fn delete_asks_for_the_name_and_explains_the_403_for_a_project_with_content() {
    let desk = Desk::first_run();
    let mut app = desk.harness();
    wait_for(&mut app, "the projects", |h| shows(h, "library"));

    // library holds repositories: the server refuses and the dialog says what to do.
    app.get_by_label("library").click_secondary();
    wait_for(&mut app, "the row's menu", |h| shows(h, "Delete project…"));
    click(&mut app, "Delete project…");
    wait_for(&mut app, "the confirmation", |h| {
        shows(h, "Type library to confirm")
    });
    assert!(
        app.get_by_label("Delete").accesskit_node().is_disabled(),
        "Delete waits for the typed name"
    );
    type_into(&mut app, "Type library to confirm", "library");
    click(&mut app, "Delete");
    wait_for(&mut app, "the refusal", |h| {
        shows_text(h, "Delete its repositories and charts first")
    });
    click(&mut app, "Cancel");

    // playground is empty: it goes.
    // A click on the row (on its storage cell) selects it for the toolbar's Delete….
    click(&mut app, "0 B used · Unlimited");
    click(&mut app, "Delete…");
    wait_for(&mut app, "the confirmation", |h| {
        shows(h, "Type playground to confirm")
    });
    type_into(&mut app, "Type playground to confirm", "playground");
    click(&mut app, "Delete");
    wait_for(&mut app, "playground gone", |h| {
        !shows(h, "playground") && shows(h, "library")
    });
    assert!(shows_text(&app, "3 projects"));
}

#[test]
fn the_filter_and_the_pager_walk_through_thirty_projects() {
    let (desk, _profile) = Desk::with_profile("Harbor12345");
    desk.add_bulk_projects();
    let mut app = desk.harness();
    wait_for(&mut app, "the first page", |h| {
        shows_text(h, "Page 1 of 3, 30 projects")
    });
    click(&mut app, "Next ▶");
    wait_for(&mut app, "page 2", |h| {
        shows_text(h, "Page 2 of 3, 30 projects") && shows(h, "bulk-20")
    });
    click(&mut app, "Last ⏭");
    // Sorted by name on the server: the last page holds the last ten names.
    wait_for(&mut app, "page 3", |h| {
        shows_text(h, "Page 3 of 3, 30 projects") && shows(h, "playground")
    });
    assert!(!shows(&app, "bulk-20"), "page 3 starts at bulk-21");

    type_into(&mut app, "Filter", "bulk-1");
    wait_for(&mut app, "the filtered list", |h| {
        shows_text(h, "Page 1 of 1, 10 projects") && shows(h, "bulk-10")
    });
    assert!(shows(&app, "bulk-10") && shows(&app, "bulk-19"));

    // A header sorts the page it shows, and says that it is only this page.
    click(&mut app, "Name");
    wait_for(&mut app, "the page sorted by name", |h| {
        shows_text(h, "Sorted by name (ascending) on this page only")
    });
    click(&mut app, "Name ⏶");
    wait_for(&mut app, "the page sorted the other way", |h| {
        shows_text(h, "Sorted by name (descending) on this page only") && shows(h, "Name ⏷")
    });
    assert!(!shows(&app, "bulk-20") && !shows(&app, "library"));
}

#[test]
fn the_keyboard_moves_the_selection_opens_a_project_and_asks_to_delete() {
    let desk = Desk::first_run();
    let mut app = desk.harness();
    wait_for(&mut app, "the projects", |h| shows(h, "demo"));
    // Down selects the first row, Enter opens it.
    app.key_press(egui::Key::ArrowDown);
    app.step();
    app.key_press(egui::Key::Enter);
    wait_for(&mut app, "demo's repositories", |h| {
        shows(h, "tools/ci-runner")
    });
    // Down twice: the second repository, with its detail.
    app.key_press(egui::Key::ArrowDown);
    app.step();
    app.key_press(egui::Key::ArrowDown);
    wait_for(&mut app, "the second repository's detail", |h| {
        shows(h, "demo/team/frontend/web")
    });
    // Delete asks first; Escape keeps everything.
    app.key_press(egui::Key::Delete);
    wait_for(&mut app, "the confirmation", |h| {
        shows(h, "Delete repository")
    });
    app.key_press(egui::Key::Escape);
    wait_for(&mut app, "the confirmation closed", |h| {
        !shows(h, "Delete repository")
    });
    assert!(shows(&app, "team/frontend/web"));
}
