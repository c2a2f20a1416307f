//! The app in 简体中文 as image snapshots: the server's Chinese messages render in the fonts the
//! app ships, on a machine without CJK system fonts, and the projects screen and the chart
//! download dialog read as Chinese users see them.

#![allow(clippy::expect_used)] // a test that cannot go on says why, and fails

mod ui_support;

use ccr_desk::api::{ApiError, ConnectionConfig};
use ccr_desk::sandbox::{self, SandboxConfig};
use ccr_desk::ui::{error_box_ui, install_fonts};
use egui_kittest::Harness;
use secrecy::SecretString;

/// A real "project does not exist" error from the sandbox, with its random request id replaced
/// so that the picture is the same on every run.
fn chinese_server_error() -> ApiError {
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    runtime.block_on(async {
        let server = sandbox::start(SandboxConfig::ephemeral_loopback())
            .await
            .expect("sandbox");
        let config = ConnectionConfig::new(
            url::Url::parse(server.base_url()).expect("url"),
            sandbox::ADMIN_USER,
            SecretString::from(sandbox::DEFAULT_ADMIN_PASSWORD),
        );
        let client = ccr_desk::api::CcrClient::new(&config).expect("client");
        let error = client
            .delete_project("no-such-project")
            .await
            .expect_err("the project does not exist");
        match error {
            ApiError::Ccr {
                code,
                status,
                server_message,
                ..
            } => ApiError::Ccr {
                code,
                status,
                server_message,
                request_id: Some("req-0001".to_owned()),
            },
            other => panic!("expected a CCR error, got {other:?}"),
        }
    })
}

#[test]
fn a_chinese_server_message_renders_in_the_shipped_cjk_font() {
    let error = chinese_server_error();
    let server_message = error.server_message().expect("a server message").to_owned();
    assert!(
        server_message.contains("不存在"),
        "the sandbox speaks Chinese: {server_message}"
    );
    let mut harness = Harness::builder()
        .with_size([560.0, 150.0])
        .wgpu()
        .build_ui(move |ui| {
            install_fonts(ui.ctx());
            error_box_ui(ui, "Could not delete the project", &error);
        });
    harness.run();
    harness.snapshot("chinese_server_message");
}

/// What changes from run to run in a whole window: the measured latency in the top bar and the
/// random request id in the status line. A few hundred pixels; a label in another language, a
/// cut-off button or a moved column changes thousands.
fn whole_window() -> egui_kittest::SnapshotOptions {
    egui_kittest::SnapshotOptions::new().max_failed_pixels(900)
}

/// The projects screen in 简体中文, as a user on a Chinese desktop first sees it.
#[test]
fn the_projects_screen_in_simplified_chinese() {
    let (desk, _) = ui_support::Desk::with_profile(sandbox::DEFAULT_ADMIN_PASSWORD);
    let desk = desk.in_language(ccr_desk::i18n::Language::SimplifiedChinese);
    let mut app = desk.harness_rendered(1024.0, 700.0);
    ui_support::wait_for(&mut app, "the projects", |h| {
        ui_support::shows_text(h, "第 1 页，共 1 页，4 个项目")
    });
    app.run();
    app.snapshot_options("projects_zh_cn", &whole_window());
}

/// The chart download dialog in 简体中文, before the save dialog is asked for.
#[test]
fn the_chart_download_dialog_in_simplified_chinese() {
    let (desk, _) = ui_support::Desk::with_profile(sandbox::DEFAULT_ADMIN_PASSWORD);
    let desk = desk.in_language(ccr_desk::i18n::Language::SimplifiedChinese);
    let mut app = desk.harness_rendered(1024.0, 700.0);
    ui_support::wait_for(&mut app, "the projects", |h| {
        ui_support::shows(h, "library")
    });
    ui_support::click(&mut app, &desk.text("nav-helm-charts"));
    ui_support::wait_for(&mut app, "the charts", |h| ui_support::shows(h, "web-app"));
    ui_support::click(&mut app, "web-app");
    let download = desk.text("charts-detail-download");
    ui_support::wait_for(&mut app, "the chart's detail", |h| {
        ui_support::shows(h, &download)
    });
    ui_support::click(&mut app, &download);
    let title = desk.text("chart-download-title");
    ui_support::wait_for(&mut app, "the download dialog", |h| {
        ui_support::shows(h, &title)
    });
    app.run();
    app.snapshot_options("chart_download_zh_cn", &whole_window());
}
