//! The server's Chinese messages render as Chinese with the fonts the app ships, on a machine
//! without CJK system fonts: an image snapshot of the error box showing a real sandbox error.

#![allow(clippy::expect_used)] // a test that cannot go on says why, and fails

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
