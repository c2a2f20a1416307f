//! Comparing two versions of a chart through the app: both are downloaded and checked, and the
//! changed files are shown, Chart.yaml with its version line changed; a version that does not
//! exist is said so in plain words.

#![allow(clippy::expect_used)] // a test that cannot go on says why, and fails

mod ui_support;

use ui_support::{Desk, click, click_first, shows, shows_text, type_into, wait_for};

type App = egui_kittest::Harness<'static, ccr_desk::ui::CcrDeskApp>;

/// The Helm charts screen with demo/web-app selected and its comparison window open.
fn open_comparison(app: &mut App) {
    wait_for(app, "the projects", |h| shows(h, "demo"));
    click(app, "Helm charts");
    wait_for(app, "every project's charts", |h| shows(h, "web-app"));
    click_first(app, "web-app");
    wait_for(app, "the chart's detail", |h| shows(h, "demo/web-app"));
    click(app, "Compare versions…");
    wait_for(app, "the comparison window", |h| {
        shows(h, "Compare versions of demo/web-app")
    });
}

#[test]
fn two_demo_versions_show_the_changed_version_line_of_chart_yaml() {
    let (desk, _profile) = Desk::with_profile("Harbor12345");
    let mut app = desk.harness();
    open_comparison(&mut app);
    type_into(&mut app, "From", "0.1.0");
    type_into(&mut app, "To", "0.2.0");
    click(&mut app, "Compare");
    wait_for(&mut app, "the comparison's result", |h| {
        shows(h, "From 0.1.0 to 0.2.0")
    });
    // The demo versions differ in Chart.yaml's version line only.
    assert!(shows_text(&app, "Chart.yaml"), "{:#?}", app.root());
    assert!(shows_text(&app, "version: 0.1.0") && shows_text(&app, "version: 0.2.0"));
    assert!(
        !shows_text(&app, "values.yaml"),
        "values.yaml is the same in both"
    );
}

#[test]
fn a_version_that_does_not_exist_is_named() {
    let (desk, _profile) = Desk::with_profile("Harbor12345");
    let mut app = desk.harness();
    open_comparison(&mut app);
    type_into(&mut app, "From", "9.9.9");
    type_into(&mut app, "To", "0.2.0");
    click(&mut app, "Compare");
    wait_for(&mut app, "the failure", |h| {
        shows_text(h, "Version 9.9.9 could not be downloaded")
    });
}
