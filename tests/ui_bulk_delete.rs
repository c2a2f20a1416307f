//! Choosing several rows and acting on them through the app: Ctrl+A and Delete selected… in
//! the projects list (one confirmation, then a report with each failure's reason), Ctrl+click
//! of two artifacts and Compare (the differing facts marked).

#![allow(clippy::expect_used)] // a test that cannot go on says why, and fails

mod ui_support;

use ccr_desk::api::PageRequest;
use ccr_desk::sandbox;
use egui::Modifiers;
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
    let client = desk.admin_client();
    let artifacts = desk.runtime.block_on(async {
        client
            .list_artifacts("library", "nginx", &PageRequest::new(1, 10))
            .await
            .expect("list")
            .value
            .items
    });
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
