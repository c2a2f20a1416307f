//! The keyboard: Enter confirms a dialog whose button is enabled and keeps an invalid name in
//! its field, Escape and Alt+arrows go up and back down, Tab follows reading order in the top
//! bar, F6 moves between the top bar, the side panel and the content.

#![allow(clippy::expect_used)] // a test that cannot go on says why, and fails

mod ui_support;

use ccr_desk::sandbox;
use egui::accesskit::Role;
use egui_kittest::kittest::{NodeT as _, Queryable as _, by};
use ui_support::{Desk, click, field_text, shows, shows_text, type_into, wait_for};

type App = egui_kittest::Harness<'static, ccr_desk::ui::CcrDeskApp>;

/// Whether the node labelled `label` with `role` has the keyboard.
fn has_focus(app: &App, label: &str, role: Role) -> bool {
    app.query_all_by_label(label)
        .any(|n| n.accesskit_node().role() == role && n.is_focused())
}

fn press(app: &mut App, key: egui::Key) {
    app.key_press(key);
    app.step();
    app.step();
}

fn press_with(app: &mut App, modifiers: egui::Modifiers, key: egui::Key) {
    app.key_press_modifiers(modifiers, key);
    app.step();
    app.step();
}

#[test]
fn enter_deletes_a_repository_once_the_confirmation_is_open() {
    let (desk, _profile) = Desk::with_profile(sandbox::DEFAULT_ADMIN_PASSWORD);
    desk.create_repository("library", "walk-test");
    let mut app = desk.harness();
    wait_for(&mut app, "the projects", |h| shows(h, "library"));
    click(&mut app, "library");
    wait_for(&mut app, "library's repositories", |h| {
        shows(h, "walk-test")
    });
    type_into(&mut app, "Filter", "walk");
    wait_for(&mut app, "the filtered list", |h| !shows(h, "busybox"));
    // Select the row (a click on its tag count), ask to delete it, and confirm with Enter.
    click(&mut app, "0");
    wait_for(&mut app, "the detail", |h| shows(h, "library/walk-test"));
    click(&mut app, "Delete…");
    wait_for(&mut app, "the confirmation", |h| {
        shows(h, "Delete repository")
    });
    press(&mut app, egui::Key::Enter);
    wait_for(&mut app, "the repository deleted", |h| {
        !shows(h, "Delete repository") && shows_text(h, "Deleted repository library/walk-test")
    });
}

#[test]
fn enter_with_an_invalid_name_keeps_the_field_and_what_was_typed() {
    let (desk, _profile) = Desk::with_profile(sandbox::DEFAULT_ADMIN_PASSWORD);
    let mut app = desk.harness();
    wait_for(&mut app, "the projects", |h| shows(h, "library"));
    click(&mut app, "New project…");
    wait_for(&mut app, "the dialog", |h| shows(h, "Project name"));
    type_into(&mut app, "Project name", "Bad Name");
    press(&mut app, egui::Key::Enter);
    assert!(shows(&app, "New project"), "the dialog stays");
    assert_eq!(
        field_text(&app, "Project name").as_deref(),
        Some("Bad Name")
    );
    assert!(
        has_focus(&app, "Project name", Role::TextInput),
        "the field keeps the keyboard"
    );
}

#[test]
fn escape_and_alt_arrows_go_up_and_back_down() {
    let (desk, _profile) = Desk::with_profile(sandbox::DEFAULT_ADMIN_PASSWORD);
    let mut app = desk.harness();
    wait_for(&mut app, "the projects", |h| shows(h, "library"));
    click(&mut app, "library");
    wait_for(&mut app, "library's repositories", |h| shows(h, "busybox"));
    click(&mut app, "busybox");
    wait_for(&mut app, "busybox's artifacts", |h| shows_text(h, "1.36.1"));

    press(&mut app, egui::Key::Escape);
    wait_for(&mut app, "back to the repositories", |h| {
        shows(h, "busybox") && shows(h, "New repository…")
    });
    press_with(&mut app, egui::Modifiers::ALT, egui::Key::ArrowLeft);
    wait_for(&mut app, "back to the projects", |h| {
        shows(h, "New project…")
    });
    press_with(&mut app, egui::Modifiers::ALT, egui::Key::ArrowRight);
    wait_for(&mut app, "forward to the repositories", |h| {
        shows(h, "New repository…")
    });
    press_with(&mut app, egui::Modifiers::ALT, egui::Key::ArrowRight);
    wait_for(&mut app, "forward to the artifacts", |h| {
        shows_text(h, "1.36.1")
    });
}

#[test]
fn f6_moves_between_regions_and_tab_follows_reading_order_in_the_top_bar() {
    let (desk, _profile) = Desk::with_profile(sandbox::DEFAULT_ADMIN_PASSWORD);
    let mut app = desk.harness();
    wait_for(&mut app, "the projects", |h| shows(h, "library"));
    press(&mut app, egui::Key::F6);
    assert!(
        has_focus(&app, "Profile", Role::ComboBox),
        "F6: the top bar"
    );
    press(&mut app, egui::Key::Tab);
    assert!(
        app.query_all(by().predicate(|node| {
            node.role() == Role::TextInput && node.data().placeholder() == Some("Search (Ctrl+K)")
        }))
        .any(|node| node.is_focused()),
        "Tab goes left to right: the profile picker, then the search field"
    );
    press(&mut app, egui::Key::Tab);
    assert!(has_focus(&app, "⟳ Refresh", Role::Button), "then Refresh");
    press(&mut app, egui::Key::F6);
    assert!(
        has_focus(&app, "Projects", Role::Button),
        "F6: the side panel"
    );
    press(&mut app, egui::Key::F6);
    assert!(
        has_focus(&app, "Filter", Role::TextInput),
        "F6: the content"
    );
    press(&mut app, egui::Key::F6);
    assert!(
        has_focus(&app, "Profile", Role::ComboBox),
        "F6: round again"
    );
}
