//! Choosing several rows and acting on them through the app: Ctrl+A and Delete selected… in
//! the projects list (one confirmation, then a report with each failure's reason), Ctrl+click
//! of two artifacts and Compare (the differing facts marked), and the range and keyboard
//! choices: Shift+click, Space and Esc.

#![allow(clippy::expect_used)] // a test that cannot go on says why, and fails

mod ui_support;

use ccr_desk::sandbox;
use egui::Modifiers;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

use ui_support::{Desk, click, shows, shows_text, wait_for};

#[test]
fn ctrl_a_and_delete_selected_delete_what_they_can_and_report_the_rest() {
    let (desk, _profile) = Desk::with_profile(sandbox::DEFAULT_ADMIN_PASSWORD);
    desk.create_projects(&["extra-a", "extra-b"]);
    let mut app = desk.harness();
    wait_for(&mut app, "the projects", |h| {
        shows(h, "library") && shows(h, "extra-b")
    });
    app.key_press_modifiers(Modifiers::COMMAND, egui::Key::A);
    wait_for(&mut app, "every project chosen", |h| shows(h, "6 selected"));
    click(&mut app, "Delete selected…");
    wait_for(&mut app, "the one confirmation", |h| {
        shows(h, "Delete 6 items?")
    });
    assert!(shows(&app, "library") && shows(&app, "extra-a"));
    click(&mut app, "Delete 6 items");
    wait_for(&mut app, "the report", |h| shows(h, "Bulk delete finished"));
    // playground and the two extra ones were empty; library, demo and ml-models are not.
    assert!(shows(&app, "3 deleted"), "{:#?}", app.root());
    assert!(shows(&app, "3 failed"));
    assert!(
        shows_text(&app, "request id"),
        "each failure names its request"
    );
    click(&mut app, "Close");

    let left = desk.project_names();
    assert_eq!(left.len(), 3, "{left:?}");
    assert!(
        !left
            .iter()
            .any(|n| n.starts_with("extra-") || n == "playground")
    );
    wait_for(&mut app, "the list read again", |h| {
        !shows(h, "extra-a") && shows(h, "library")
    });
}

#[test]
fn two_artifacts_chosen_with_ctrl_click_are_compared_with_the_differences_marked() {
    let (desk, _profile) = Desk::with_profile(sandbox::DEFAULT_ADMIN_PASSWORD);
    let artifacts = desk.artifacts("library", "nginx");
    assert_eq!(artifacts.len(), 2);
    let (a, b) = (&artifacts[0], &artifacts[1]);
    let tags = |x: &ccr_desk::api::models::Artifact| {
        let mut t: Vec<String> = x.tags.iter().map(|t| t.name.clone()).collect();
        t.sort();
        t
    };
    // The facts the comparison shows, compared as the server sent them.
    let differing = [
        a.digest != b.digest,
        tags(a) != tags(b),
        a.size != b.size,
        a.artifact_type != b.artifact_type,
        a.media_type != b.media_type,
        a.manifest_media_type != b.manifest_media_type,
        a.extra_attrs.os != b.extra_attrs.os
            || a.extra_attrs.architecture != b.extra_attrs.architecture,
        a.labels != b.labels,
        a.extra_attrs.author != b.extra_attrs.author,
        a.extra_attrs.created != b.extra_attrs.created,
        a.push_time != b.push_time,
        a.pull_time != b.pull_time,
    ]
    .iter()
    .filter(|d| **d)
    .count();

    let mut app = desk.harness();
    wait_for(&mut app, "the projects", |h| shows(h, "library"));
    click(&mut app, "library");
    wait_for(&mut app, "library's repositories", |h| shows(h, "nginx"));
    click(&mut app, "nginx");
    wait_for(&mut app, "nginx's artifacts", |h| {
        h.query_all_by_label("1.25.2").count() > 0 && shows_text(h, "2 artifacts")
    });
    let rows: Vec<_> = app.query_all_by_label("linux/amd64").collect();
    assert_eq!(rows.len(), 2, "one platform cell per row");
    rows[0].click();
    app.step();
    let rows: Vec<_> = app.query_all_by_label("linux/amd64").collect();
    rows[1].click_modifiers(Modifiers::COMMAND);
    app.step();
    wait_for(&mut app, "two chosen", |h| shows(h, "2 selected"));
    click(&mut app, "Compare");
    wait_for(&mut app, "the comparison", |h| {
        shows(h, "Compare artifacts")
    });
    assert_eq!(
        app.query_all_by_label("≠").count(),
        differing,
        "{:#?}",
        app.root()
    );
    assert_eq!(app.query_all_by_label("=").count(), 12 - differing);
    assert!(shows_text(&app, &format!("{differing} facts differ")));
    assert!(shows(&app, "1.25, 1.25.2, latest") && shows(&app, "untagged"));
}

/// The project rows shown, top to bottom.
fn shown_projects(app: &Harness<'static, ccr_desk::ui::CcrDeskApp>, desk: &Desk) -> Vec<String> {
    let mut rows: Vec<(f32, String)> = desk
        .project_names()
        .into_iter()
        .filter_map(|name| {
            let top = app.query_by_label(&name)?.rect().min.y;
            Some((top, name))
        })
        .collect();
    rows.sort_by(|a, b| a.0.total_cmp(&b.0));
    rows.into_iter().map(|(_, name)| name).collect()
}

/// Clicks the row of project `name` beside its name (on its Public or Private cell: the name
/// itself is a link that opens the project) with `modifiers`.
fn click_row(
    app: &mut Harness<'static, ccr_desk::ui::CcrDeskApp>,
    name: &str,
    modifiers: Modifiers,
) {
    let row = app.get_by_label(name).rect();
    let cell = app
        .query_all_by_label("Private")
        .chain(app.query_all_by_label("Public"))
        .find(|cell| {
            let middle = cell.rect().center().y;
            row.min.y <= middle && middle <= row.max.y
        })
        .unwrap_or_else(|| panic!("no visibility cell in the row of {name}"));
    cell.click_modifiers(modifiers);
    app.step();
}

#[test]
fn shift_click_takes_a_range_space_toggles_the_keyboards_row_and_esc_lets_go() {
    let (desk, _profile) = Desk::with_profile(sandbox::DEFAULT_ADMIN_PASSWORD);
    let mut app = desk.harness();
    wait_for(&mut app, "the projects", |h| {
        shows(h, "library") && shows(h, "playground")
    });
    let rows = shown_projects(&app, &desk);
    assert!(rows.len() >= 4, "the sandbox's projects: {rows:?}");

    click_row(&mut app, &rows[0], Modifiers::NONE);
    assert!(
        !shows(&app, "Clear selection"),
        "a plain click chooses one row"
    );
    click_row(&mut app, &rows[2], Modifiers::SHIFT);
    wait_for(&mut app, "the range of three", |h| shows(h, "3 selected"));
    // A Shift+click further down takes the range from the same first row.
    click_row(&mut app, &rows[3], Modifiers::SHIFT);
    wait_for(&mut app, "the range of four", |h| shows(h, "4 selected"));

    // Space takes the keyboard's row (the last clicked) out, and puts it back.
    app.key_press(egui::Key::Space);
    wait_for(&mut app, "one row less", |h| shows(h, "3 selected"));
    app.key_press(egui::Key::Space);
    wait_for(&mut app, "the row back", |h| shows(h, "4 selected"));

    click(&mut app, "Delete selected…");
    wait_for(&mut app, "the confirmation names the range", |h| {
        shows(h, "Delete 4 items?")
    });
    click(&mut app, "Cancel");
    wait_for(&mut app, "the confirmation gone", |h| {
        !shows(h, "Delete 4 items?")
    });

    app.key_press(egui::Key::Escape);
    wait_for(&mut app, "nothing chosen", |h| !shows(h, "Clear selection"));
    assert_eq!(
        desk.project_names().len(),
        rows.len(),
        "nothing was deleted"
    );
}

/// Esc lets go of the chosen rows first, and only the next Esc goes up a level.
#[test]
fn esc_lets_go_of_the_chosen_rows_before_it_goes_up() {
    let (desk, _profile) = Desk::with_profile(sandbox::DEFAULT_ADMIN_PASSWORD);
    let mut app = desk.harness();
    wait_for(&mut app, "the projects", |h| shows(h, "library"));
    click(&mut app, "library");
    wait_for(&mut app, "library's repositories", |h| {
        shows(h, "nginx") && shows(h, "busybox") && shows(h, "postgres")
    });
    app.key_press_modifiers(Modifiers::COMMAND, egui::Key::A);
    wait_for(&mut app, "every repository chosen", |h| {
        shows(h, "3 selected")
    });

    app.key_press(egui::Key::Escape);
    wait_for(&mut app, "nothing chosen", |h| !shows(h, "Clear selection"));
    for _ in 0..3 {
        app.step();
    }
    assert!(
        shows(&app, "nginx") && shows(&app, "postgres"),
        "still on library's repositories"
    );

    app.key_press(egui::Key::Escape);
    wait_for(&mut app, "the projects again", |h| {
        shows(h, "playground") && !shows(h, "nginx")
    });
}
