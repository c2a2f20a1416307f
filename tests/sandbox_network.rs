//! The sandbox as a server others can reach: what a web page may not do through DNS rebinding
//! (a `Host` that is not this computer's name), how large a page may be, and how many failed
//! logins one client may cost the server.

#![allow(clippy::expect_used)] // a test that cannot go on says why, and fails

use ccr_desk::sandbox::{self, LoginLimit, RunningSandbox, SandboxConfig};
use serde_json::Value;
use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};

const PROJECTS: &str = "/api/ccr/v1.0/instances/ccr-manager/projects";

/// `admin:Harbor12345` in Basic form.
const ADMIN_BASIC: &str = "YWRtaW46SGFyYm9yMTIzNDU=";

/// The status and the JSON body of a raw HTTP/1.1 GET of `path` with this `Host` header and
/// `Authorization: Basic basic`.
async fn raw_get(sandbox: &RunningSandbox, host: &str, path: &str, basic: &str) -> (u16, Value) {
    let mut stream = tokio::net::TcpStream::connect(sandbox.local_addr())
        .await
        .expect("connect");
    let request = format!(
        "GET {path} HTTP/1.1\r\nHost: {host}\r\nAuthorization: Basic {basic}\r\nConnection: close\r\n\r\n"
    );
    stream
        .write_all(request.as_bytes())
        .await
        .expect("send request");
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).await.expect("read answer");
    let answer = String::from_utf8(answer).expect("UTF-8 answer");
    let status = answer
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .expect("a status line");
    let (head, body) = answer.split_once("\r\n\r\n").expect("head and body");
    // The body is short: hyper sends it with Content-Length (no chunks) here.
    assert!(
        head.to_ascii_lowercase().contains("content-length"),
        "{head}"
    );
    (status, serde_json::from_str(body).unwrap_or(Value::Null))
}

#[tokio::test]
async fn on_loopback_a_foreign_host_name_is_refused_before_authentication() {
    let sandbox = sandbox::start(SandboxConfig::ephemeral_loopback())
        .await
        .expect("sandbox");
    let port = sandbox.local_addr().port();

    for host in [
        "evil.example",
        "evil.example:80",
        "localhost.evil.example",
        "10.0.0.1",
    ] {
        let (status, body) = raw_get(&sandbox, host, PROJECTS, ADMIN_BASIC).await;
        assert_eq!(status, 403, "{host}: {body}");
        assert_eq!(body["code"], "CCR.RespPermissionDenied", "{host}: {body}");
        assert!(body["requestId"].as_str().is_some_and(|id| !id.is_empty()));
        assert!(body["message"].as_str().is_some_and(|m| m.contains("Host")));
    }
    for host in [
        format!("127.0.0.1:{port}"),
        "127.0.0.1".to_owned(),
        format!("localhost:{port}"),
        "LOCALHOST".to_owned(),
        format!("[::1]:{port}"),
        "[::1]".to_owned(),
    ] {
        let (status, body) = raw_get(&sandbox, &host, PROJECTS, ADMIN_BASIC).await;
        assert_eq!(status, 200, "{host}: {body}");
    }
}

#[tokio::test]
async fn a_page_is_at_most_100_items_and_says_so() {
    let sandbox = sandbox::start(SandboxConfig::ephemeral_loopback())
        .await
        .expect("sandbox");
    let host = sandbox.local_addr().to_string();
    let (status, body) = raw_get(
        &sandbox,
        &host,
        &format!("{PROJECTS}?pageNo=1&pageSize=5000"),
        ADMIN_BASIC,
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["pageSize"], 100, "{body}");
    let (_, body) = raw_get(
        &sandbox,
        &host,
        "/api/ccr/v1.0/instances/ccr-manager/projects/charts?pageNo=1&pageSize=101",
        ADMIN_BASIC,
    )
    .await;
    assert_eq!(body["pageSize"], 100, "{body}");
}

/// `admin:wrong-password` in Basic form.
const WRONG_BASIC: &str = "YWRtaW46d3JvbmctcGFzc3dvcmQ=";

#[tokio::test]
async fn a_client_that_failed_too_often_gets_429_without_a_password_check() {
    // 127.0.0.1 is loopback, where the limit is off by default: the config turns it on, as if
    // the server listened on a network address (binding one is not possible in every sandbox
    // this test runs in).
    let sandbox = sandbox::start(SandboxConfig {
        login_limit: LoginLimit {
            max_failures: 2,
            window: std::time::Duration::from_hours(1),
        },
        limit_logins_on_loopback: true,
        ..SandboxConfig::ephemeral_loopback()
    })
    .await
    .expect("sandbox");
    let host = sandbox.local_addr().to_string();
    for _ in 0..2 {
        let (status, body) = raw_get(&sandbox, &host, PROJECTS, WRONG_BASIC).await;
        assert_eq!(status, 401, "{body}");
    }
    // Even the right password is not checked now.
    let (status, body) = raw_get(&sandbox, &host, PROJECTS, ADMIN_BASIC).await;
    assert_eq!(status, 429, "{body}");
    assert_eq!(body["code"], "CCR.RespAuthFailed", "{body}");
    assert!(body["requestId"].as_str().is_some_and(|id| !id.is_empty()));
}

#[tokio::test]
async fn on_loopback_failed_logins_are_not_limited_by_default() {
    let sandbox = sandbox::start(SandboxConfig::ephemeral_loopback())
        .await
        .expect("sandbox");
    let host = sandbox.local_addr().to_string();
    let defaults = LoginLimit::default();
    for _ in 0..=defaults.max_failures {
        let (status, body) = raw_get(&sandbox, &host, PROJECTS, WRONG_BASIC).await;
        assert_eq!(status, 401, "{body}");
    }
    let (status, body) = raw_get(&sandbox, &host, PROJECTS, ADMIN_BASIC).await;
    assert_eq!(status, 200, "{body}");
}
