//! A repository's artifacts: a multi-platform index with both platforms and its children, pull
//! commands copied to the clipboard, and deleting an artifact through the confirmation.

#![allow(clippy::expect_used)] // a test that cannot go on says why, and fails

mod ui_support;

use ccr_desk::ui::CcrDeskApp;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

use ui_support::{Desk, click, copied, shows, shows_text, wait_for};

type App = Harness<'static, CcrDeskApp>;

/// Opens library/busybox (one OCI index over linux/arm64 and linux/amd64, tags 1.36.1 and
/// latest) from the projects list.
fn open_busybox(app: &mut App) {
    wait_for(app, "the projects", |h| shows(h, "library"));
    click(app, "library");
    wait_for(app, "library's repositories", |h| shows(h, "busybox"));
    click(app, "busybox");
    wait_for(app, "busybox's artifacts", |h| shows(h, "INDEX"));
}

/// The `host:port` pull commands name: the app's own sandbox.
fn registry_host(app: &App) -> String {
    let url = app.state().sandbox_url().expect("the sandbox runs");
    url.trim_start_matches("http://").to_owned()
}

#[test]
fn a_multi_platform_image_shows_both_platforms_and_expands_to_its_children() {
    let desk = Desk::first_run();
    let mut app = desk.harness();
    open_busybox(&mut app);

    // One row: both platforms, its two tags as chips, the size in MiB with two decimals.
    assert!(shows(&app, "linux/arm64, linux/amd64"));
    assert!(shows(&app, "1.36.1") && shows(&app, "latest"));
    assert!(
        shows(&app, "3.95 MiB"),
        "1 920 313 + 2 216 004 + 1 609 bytes"
    );
    assert!(!shows(&app, "linux/amd64"), "children are hidden at first");

    click(&mut app, "⏵");
    wait_for(&mut app, "the index's children", |h| {
        shows(h, "linux/amd64") && shows(h, "linux/arm64")
    });

    // The row's detail lists the references and the tags with their times.
    click(&mut app, "INDEX");
    wait_for(&mut app, "the artifact's detail", |h| {
        shows(h, "References (2)") && shows(h, "Tags (2)")
    });
    assert!(shows_text(&app, "application/vnd.oci.image.index.v1+json"));
    assert!(shows(&app, "never"), "the zero pull time reads “never”");

    // Folded again, the platform stays only in the detail's references.
    let count = |h: &App| h.query_all_by_label("linux/amd64").count();
    assert_eq!(count(&app), 2, "a child row and a reference");
    click(&mut app, "⏷");
    wait_for(&mut app, "the children hidden again", |h| count(h) == 1);
}

#[test]
fn pull_commands_by_tag_and_by_digest_reach_the_clipboard() {
    let desk = Desk::first_run();
    let mut app = desk.harness();
    open_busybox(&mut app);
    let host = registry_host(&app);

    // The row's menu: docker by its first tag.
    app.get_by_label("INDEX").click_secondary();
    app.step();
    wait_for(&mut app, "the row's menu", |h| {
        shows(h, "Copy docker pull by tag 1.36.1")
    });
    click(&mut app, "Copy docker pull by tag 1.36.1");
    assert_eq!(
        copied(&app),
        vec![format!("docker pull {host}/library/busybox:1.36.1")]
    );

    // The detail pane: podman, by digest.
    wait_for(&mut app, "the detail after the menu", |h| {
        shows(h, "Pull command")
    });
    click(&mut app, "podman");
    let digest = app
        .query_all_by_label_contains("sha256:")
        .filter_map(|node| node.value())
        .find(|text| text.len() == "sha256:".len() + 64)
        .expect("the full digest in the detail");
    let command = format!("podman pull {host}/library/busybox@{digest}");
    wait_for(&mut app, "the podman command", |h| shows(h, &command));
    app.get_by_label("Copy command").click();
    app.step();
    assert_eq!(copied(&app), vec![command]);
}

#[test]
fn deleting_an_artifact_lists_its_tags_first_and_removes_it() {
    let desk = Desk::first_run();
    let mut app = desk.harness();
    open_busybox(&mut app);

    app.get_by_label("INDEX").click_secondary();
    app.step();
    wait_for(&mut app, "the row's menu", |h| shows(h, "Delete artifact…"));
    click(&mut app, "Delete artifact…");
    wait_for(&mut app, "the confirmation", |h| {
        shows(h, "Delete artifact")
    });
    assert!(
        shows_text(&app, "Its tags go with it: 1.36.1, latest."),
        "the confirmation names every tag"
    );
    click(&mut app, "Cancel");
    wait_for(&mut app, "the confirmation closed", |h| {
        !shows(h, "Delete artifact")
    });
    assert!(shows(&app, "INDEX"), "cancelled: nothing deleted");

    // The keyboard: the row is selected, Delete asks again.
    app.key_press(egui::Key::Delete);
    wait_for(&mut app, "the confirmation again", |h| {
        shows(h, "Delete artifact")
    });
    click(&mut app, "Delete");
    wait_for(&mut app, "the artifact gone", |h| {
        !shows(h, "INDEX") && shows_text(h, "This repository has no artifacts")
    });
}
