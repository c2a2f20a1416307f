//! A password typed and then cleared cannot be brought back with Ctrl+Z: no password field keeps
//! an undo history (the password dialog, the profile form).

#![allow(clippy::expect_used)] // a test that cannot go on says why, and fails

mod ui_support;

use egui_kittest::kittest::{NodeT as _, Queryable as _};
use ui_support::{Desk, click, field_text, shows, type_into, wait_for};

/// A person's pause after typing: more than egui's one second before a text becomes an undo
/// point (each harness frame is a quarter of a second).
fn pause(app: &mut egui_kittest::Harness<'static, ccr_desk::ui::CcrDeskApp>) {
    for _ in 0..8 {
        app.step();
    }
}

/// Presses Ctrl+Z in the field labelled `label` and gives the app two frames.
fn undo_in(app: &mut egui_kittest::Harness<'static, ccr_desk::ui::CcrDeskApp>, label: &str) {
    app.query_all_by_label(label)
        .find(|n| n.accesskit_node().role() == egui::accesskit::Role::PasswordInput)
        .expect("the password field")
        .focus();
    app.step();
    app.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    app.step();
    app.step();
}

#[test]
fn a_refused_password_cannot_be_undone_back_into_the_dialog() {
    let (desk, _profile) = Desk::with_profile("not-the-password");
    let mut app = desk.harness();
    wait_for(&mut app, "the password dialog", |h| {
        shows(h, "Password needed")
    });
    type_into(&mut app, "Password", "still-wrong");
    pause(&mut app);
    click(&mut app, "Connect");
    wait_for(&mut app, "the refusal empties the field", |h| {
        field_text(h, "Password").as_deref() == Some("")
    });
    undo_in(&mut app, "Password");
    assert_eq!(field_text(&app, "Password").as_deref(), Some(""));
}

#[test]
fn a_saved_profile_password_cannot_be_undone_back_into_the_form() {
    let (desk, _profile) = Desk::with_profile("Harbor12345");
    let mut app = desk.harness();
    ui_support::open_new_profile_form(&mut app);
    ui_support::fill_staging_profile(&mut app, "S3cret-Staging-pw");
    pause(&mut app);
    click(&mut app, "Save");
    wait_for(&mut app, "the saved form with an empty password", |h| {
        field_text(h, "Password").as_deref() == Some("")
    });
    undo_in(&mut app, "Password");
    assert_eq!(field_text(&app, "Password").as_deref(), Some(""));
}
