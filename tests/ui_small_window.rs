//! The smallest window the app allows (800 × 560): a 255-character project name in the
//! breadcrumb and a repository's detail pane leave every control in reach.

#![allow(clippy::expect_used)] // a test that cannot go on says why, and fails

mod ui_support;

use ccr_desk::api::{NewProject, NewRepository};
use ccr_desk::sandbox;
use egui_kittest::kittest::Queryable as _;
use ui_support::{Desk, click, shows, wait_for};

type App = egui_kittest::Harness<'static, ccr_desk::ui::CcrDeskApp>;

const WIDTH: f32 = 800.0;
const HEIGHT: f32 = 560.0;

/// Every node labelled `label` lies inside the window.
fn in_window(app: &App, label: &str) -> bool {
    let window = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(WIDTH, HEIGHT));
    let mut nodes = app.query_all_by_label(label).peekable();
    nodes.peek().is_some() && nodes.all(|node| window.contains_rect(node.rect()))
}

#[test]
fn a_long_project_name_and_the_detail_pane_keep_every_control_in_the_window() {
    let (desk, _profile) = Desk::with_profile(sandbox::DEFAULT_ADMIN_PASSWORD);
    let long = "p".repeat(255);
    let client = desk.admin_client();
    desk.runtime.block_on(async {
        client
            .create_project(&NewProject {
                name: long.clone(),
                is_public: false,
                quota: -1,
            })
            .await
            .expect("project created");
        client
            .create_repository(
                &long,
                &NewRepository {
                    repository_name: "team/app".to_owned(),
                    summary: String::new(),
                    detail: String::new(),
                },
            )
            .await
            .expect("repository created");
    });
    let mut app = desk.harness_sized(WIDTH, HEIGHT);
    wait_for(&mut app, "the projects", |h| shows(h, "demo"));
    for control in ["⟳ Refresh", "New project…", "Delete…", "Next ▶"] {
        assert!(in_window(&app, control), "{control} is in the window");
    }
    click(&mut app, &long);
    wait_for(&mut app, "the project's repositories", |h| {
        shows(h, "team/app")
    });
    // A click on the row (its tag count) selects it and opens the detail pane.
    click(&mut app, "0");
    wait_for(&mut app, "the detail", |h| shows(h, "Artifacts ▶"));
    for control in [
        "⟳ Refresh",
        "New repository…",
        "Delete…",
        "✖",
        "Artifacts ▶",
        "Charts",
    ] {
        assert!(in_window(&app, control), "{control} is in the window");
    }
}
