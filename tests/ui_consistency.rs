//! Consistent and readable: one word for one thing (an index is INDEX in the table and in its
//! detail), "—" for a time that is not known and "never" only for a zero pull time, no
//! "… is required" on a form nobody has typed in, nothing that jumps (the sort hint, a dialog's
//! error lines) and profile names that stay on one line.

#![allow(clippy::expect_used)] // a test that cannot go on says why, and fails

mod ui_support;

use ccr_desk::ui::CcrDeskApp;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};

use ui_support::{Desk, click, shows, shows_text, type_into, wait_for};

type App = Harness<'static, CcrDeskApp>;

/// A node's text: a label's is its value (as kittest's queries read it), others' their label.
fn text_of(node: &egui_kittest::Node<'_>) -> Option<String> {
    let node = node.accesskit_node();
    if node.role() == egui::accesskit::Role::Label {
        node.value()
    } else {
        node.label()
    }
}

/// The labels of the screen in reading order (the accessibility tree, depth first).
fn labels_in_order(app: &App) -> Vec<String> {
    app.root()
        .children_recursive()
        .filter_map(|node| text_of(&node))
        .filter(|label| !label.is_empty())
        .collect()
}

/// What follows each label `name` in reading order: for a detail grid, the fact's value.
fn values_after(app: &App, name: &str) -> Vec<String> {
    let labels = labels_in_order(app);
    labels
        .windows(2)
        .filter(|pair| pair[0] == name)
        .map(|pair| pair[1].clone())
        .collect()
}

/// Where the one node labelled `label` is on the screen.
fn rect_of(app: &App, label: &str) -> egui::Rect {
    app.get_by_label(label).rect()
}

fn open_busybox_detail(app: &mut App) {
    wait_for(app, "the projects", |h| shows(h, "library"));
    click(app, "library");
    wait_for(app, "library's repositories", |h| shows(h, "busybox"));
    click(app, "busybox");
    wait_for(app, "busybox's artifacts", |h| shows(h, "INDEX"));
    click(app, "INDEX");
    wait_for(app, "the artifact's detail", |h| shows(h, "References (2)"));
}

#[test]
fn an_index_is_index_in_its_detail_too_and_its_unknown_creation_time_is_a_dash() {
    let desk = Desk::first_run();
    let mut app = desk.harness();
    open_busybox_detail(&mut app);

    // "Type" is the table's column title (followed by the next title) and the detail's fact.
    let types = values_after(&app, "Type");
    assert!(
        types.contains(&"INDEX".to_owned()),
        "the detail's type: {types:?}"
    );
    assert!(!types.contains(&"IMAGE".to_owned()), "{types:?}");
    // An index has no creation time of its own (the server sends the zero time): not known,
    // so "—", while its zero pull time means it was never pulled.
    assert_eq!(values_after(&app, "Created"), ["—"]);
    let pulled = values_after(&app, "Pulled");
    assert!(pulled.contains(&"never".to_owned()), "{pulled:?}");
}

#[test]
fn an_empty_new_profile_form_says_nothing_is_required_until_save_is_tried() {
    let (desk, _profile) = Desk::with_profile("Harbor12345");
    let mut app = desk.harness();
    ui_support::open_new_profile_form(&mut app);
    assert!(
        !shows_text(&app, "is required"),
        "nothing typed, nothing tried: no complaint"
    );

    // A field typed in and emptied again says what it needs; the others still do not.
    type_into(&mut app, "Profile name", "x");
    app.key_press(egui::Key::Backspace);
    app.step();
    wait_for(&mut app, "the name's problem", |h| {
        shows(h, "Name is required")
    });
    assert!(!shows(&app, "Endpoint is required"));

    // Save tried: every field says what it needs, and nothing is saved.
    click(&mut app, "Save");
    wait_for(&mut app, "every problem", |h| {
        shows(h, "Endpoint is required") && shows(h, "Name is required")
    });
    assert_eq!(desk.saved_settings().profiles.len(), 1, "nothing saved");
}

#[test]
fn the_sort_hint_does_not_push_the_table_down() {
    let desk = Desk::first_run();
    let mut app = desk.harness();
    wait_for(&mut app, "the projects", |h| shows(h, "library"));
    let before = rect_of(&app, "Name");
    click(&mut app, "Name");
    wait_for(&mut app, "the page sorted by name", |h| {
        shows_text(h, "Sorted by name (ascending) on this page only")
    });
    let after = rect_of(&app, "Name ⏶");
    assert!(
        (after.top() - before.top()).abs() < 0.5,
        "the header moved from {before:?} to {after:?}"
    );
}

#[test]
fn a_dialog_stays_put_when_its_error_lines_appear() {
    let desk = Desk::first_run();
    let mut app = desk.harness();
    wait_for(&mut app, "the projects", |h| shows(h, "library"));

    click(&mut app, "New project…");
    wait_for(&mut app, "the dialog", |h| shows(h, "Project name"));
    let heading = rect_of(&app, "New project");
    let create = rect_of(&app, "Create");
    // A name against the rules: its problem line appears.
    type_into(&mut app, "Project name", "Team_A");
    assert!(shows_text(&app, "lower-case letters, digits"));
    assert_eq!(rect_of(&app, "New project"), heading, "name problem");
    assert_eq!(rect_of(&app, "Create"), create, "name problem");
    // A name the server refuses: its error, code and request id appear.
    type_into(&mut app, "Project name", "library");
    click(&mut app, "Create");
    wait_for(&mut app, "the server's refusal", |h| {
        shows_text(h, "already exists")
    });
    app.step();
    assert_eq!(rect_of(&app, "New project"), heading, "server error");
    assert_eq!(rect_of(&app, "Create"), create, "server error");
    click(&mut app, "Cancel");
    wait_for(&mut app, "the dialog closed", |h| !shows(h, "Project name"));

    // The delete confirmation: library holds repositories, so the server refuses.
    app.get_by_label("library").click_secondary();
    wait_for(&mut app, "the row's menu", |h| shows(h, "Delete project…"));
    click(&mut app, "Delete project…");
    wait_for(&mut app, "the confirmation", |h| {
        shows(h, "Type library to confirm")
    });
    let title = rect_of(&app, "Delete project");
    let delete = rect_of(&app, "Delete");
    type_into(&mut app, "Type library to confirm", "library");
    click(&mut app, "Delete");
    wait_for(&mut app, "the refusal", |h| {
        shows_text(h, "Delete its repositories and charts first")
    });
    app.step();
    assert_eq!(rect_of(&app, "Delete project"), title, "delete refused");
    assert_eq!(rect_of(&app, "Delete"), delete, "delete refused");
}

#[test]
fn a_long_profile_name_stays_on_one_line_with_the_full_name_on_hover() {
    let (desk, _profile) = Desk::with_profile("Harbor12345");
    let long_name = "Second sandbox on the build machine in the basement";
    let mut settings = desk.saved_settings();
    let mut second = settings.profiles[0].clone();
    second.id = ccr_desk::profile::Profile::new_blank().id;
    long_name.clone_into(&mut second.name);
    settings.profiles.push(second);
    desk.profile_file().save(&settings).expect("profiles saved");

    let mut app = desk.harness();
    wait_for(&mut app, "the projects", |h| shows(h, "library"));
    click(&mut app, "Profiles");
    wait_for(&mut app, "the profile list", |h| {
        shows(h, long_name) && shows(h, "Test registry")
    });
    let long = rect_of(&app, long_name);
    let short = rect_of(&app, "Test registry");
    assert!(
        (long.height() - short.height()).abs() < 0.5,
        "one line each: {long:?} and {short:?}"
    );

    app.get_by_label(long_name).hover();
    wait_for(&mut app, "the full name on hover", |h| {
        h.query_all_by_label_contains(long_name)
            .any(|node| text_of(&node).is_some_and(|text| text != long_name))
    });
}
