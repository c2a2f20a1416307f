//! TLS with the sandbox's own CA, transport failures, and answers that are not the envelope.

#![allow(clippy::expect_used)] // a test that cannot go on says why, and fails

mod common;

use std::time::Duration;

use ccr_desk::api::config::parse_endpoint;
use ccr_desk::api::{ApiError, CcrClient, ConnectionConfig, PageRequest, TransportKind};
use ccr_desk::sandbox::{self, SandboxConfig, Storage};
use ccr_desk::ui::describe::Describe as _;
use common::raw_http::{Behaviour, http, raw_server};
use common::{config_for, files_in};
use secrecy::SecretString;
use tokio_util::sync::CancellationToken;

async fn tls_sandbox() -> sandbox::RunningSandbox {
    sandbox::start(SandboxConfig {
        tls: true,
        storage: Storage::Ephemeral,
        ..SandboxConfig::ephemeral_loopback()
    })
    .await
    .expect("TLS sandbox")
}

fn client(config: &ConnectionConfig) -> CcrClient {
    CcrClient::new(config).expect("client")
}

#[track_caller]
fn assert_transport(error: &ApiError, expected: &TransportKind) {
    match error {
        ApiError::Transport { kind, .. } => assert_eq!(kind, expected, "{error}"),
        other => panic!("expected a transport error {expected:?}, got {other:?}"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tls_with_the_sandbox_ca_is_accepted_and_without_it_refused() {
    let sandbox = tls_sandbox().await;
    assert!(
        sandbox.base_url().starts_with("https://127.0.0.1:"),
        "{}",
        sandbox.base_url()
    );
    let ca = sandbox
        .ca_certificate_path()
        .expect("a CA file")
        .to_path_buf();
    let mut config = config_for(
        &sandbox,
        sandbox::ADMIN_USER,
        sandbox::DEFAULT_ADMIN_PASSWORD,
    );

    let refused = client(&config)
        .list_projects(&PageRequest::default())
        .await
        .unwrap_err();
    assert_transport(&refused, &TransportKind::Tls);
    assert!(
        refused
            .describe()
            .contains("add its CA file to the profile"),
        "{refused}"
    );

    config.tls.extra_ca_file = Some(ca.clone());
    let page = client(&config)
        .list_projects(&PageRequest::default())
        .await
        .expect("trusted through the CA file");
    assert!(page.value.total > 0);

    // The certificate names localhost too.
    let port = sandbox.local_addr().port();
    let mut by_name = config.clone();
    by_name.endpoint = parse_endpoint(&format!("https://localhost:{port}")).unwrap();
    client(&by_name)
        .list_projects(&PageRequest::default())
        .await
        .expect("localhost is in the certificate");

    let mut reckless = config_for(
        &sandbox,
        sandbox::ADMIN_USER,
        sandbox::DEFAULT_ADMIN_PASSWORD,
    );
    reckless.tls.accept_invalid_certificates = true;
    client(&reckless)
        .list_projects(&PageRequest::default())
        .await
        .expect("the dangerous switch accepts anything");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unusable_ca_files_are_configuration_errors() {
    let endpoint = parse_endpoint("https://127.0.0.1:1").unwrap();
    let mut config = ConnectionConfig::new(endpoint, "admin", SecretString::from("x"));
    config.tls.extra_ca_file = Some("/no/such/ca.pem".into());
    assert!(matches!(CcrClient::new(&config), Err(ApiError::Config(_))));
    let garbage = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(garbage.path(), "not a certificate").unwrap();
    config.tls.extra_ca_file = Some(garbage.path().to_path_buf());
    let error = CcrClient::new(&config).unwrap_err();
    assert!(matches!(error, ApiError::Config(_)), "{error:?}");
}

fn client_for_port(port: u16) -> CcrClient {
    let endpoint = parse_endpoint(&format!("http://127.0.0.1:{port}")).expect("endpoint");
    let mut config = ConnectionConfig::new(endpoint, "admin", SecretString::from("pw"));
    config.read_timeout = Duration::from_millis(400);
    config.connect_timeout = Duration::from_secs(2);
    CcrClient::new(&config).expect("client")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn connection_refused_dns_and_timeout_are_told_apart() {
    let free = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = free.local_addr().unwrap().port();
    drop(free);
    let refused = client_for_port(port)
        .list_projects(&PageRequest::default())
        .await
        .unwrap_err();
    assert_transport(&refused, &TransportKind::ConnectionRefused);
    assert!(refused.describe().contains(&format!("127.0.0.1:{port}")));

    let endpoint = parse_endpoint("https://no-such-host.invalid").unwrap();
    let dns = CcrClient::new(&ConnectionConfig::new(
        endpoint,
        "a",
        SecretString::from("b"),
    ))
    .unwrap()
    .list_projects(&PageRequest::default())
    .await
    .unwrap_err();
    assert_transport(&dns, &TransportKind::Dns);

    // A server that accepts and never answers.
    let silent = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = silent.local_addr().unwrap().port();
    let holder = tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((socket, _)) = silent.accept().await {
            held.push(socket);
        }
    });
    let timeout = client_for_port(port)
        .list_projects(&PageRequest::default())
        .await
        .unwrap_err();
    assert_transport(&timeout, &TransportKind::Timeout);
    assert!(timeout.is_transient());
    holder.abort();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn answers_that_are_not_the_envelope_are_explained() {
    let proxy_page = format!(
        "<html><head><title>502 Bad Gateway</title></head><body>{}</body></html>",
        "nginx ".repeat(5000)
    );
    let cases: Vec<(Vec<u8>, u16, &str)> = vec![
        (
            http(
                "502 Bad Gateway",
                "text/html",
                proxy_page.as_bytes(),
                "X-Request-Id: proxy-7\r\n",
            ),
            502,
            "Bad Gateway",
        ),
        (
            http("200 OK", "application/json", b"", ""),
            200,
            "empty body",
        ),
        (
            http(
                "200 OK",
                "application/json",
                br#"{"code":"CCR.Success","projects":[{"#,
                "",
            ),
            200,
            "CCR.Success",
        ),
        (http("200 OK", "application/json", b"[]", ""), 200, "[]"),
        (
            http("503 Service Unavailable", "text/plain", b"try later", ""),
            503,
            "try later",
        ),
        (
            http("404 Not Found", "text/html", b"<h1>Not Found</h1>", ""),
            404,
            "instance id",
        ),
        (
            http("401 Unauthorized", "text/html", b"<h1>Login</h1>", ""),
            401,
            "user name and password",
        ),
    ];
    for (response, status, needle) in cases {
        let port = raw_server(Behaviour::send(response)).await;
        let error = client_for_port(port)
            .list_projects(&PageRequest::default())
            .await
            .unwrap_err();
        let ApiError::NotEnvelope {
            status: got,
            excerpt,
            ..
        } = &error
        else {
            panic!("{needle}: {error:?}");
        };
        assert_eq!(*got, status);
        assert!(
            excerpt.len() <= ccr_desk::api::error::EXCERPT_MAX_BYTES + 3,
            "{}",
            excerpt.len()
        );
        let text = error.describe();
        assert!(text.contains(needle), "{text}");
        let advice = match status {
            502 | 503 => "Try again later",
            404 => "Check the endpoint URL",
            401 => "Check the user name and password",
            _ => "Check that the endpoint",
        };
        assert!(text.contains(advice), "{text}");
        if status == 502 {
            assert_eq!(error.request_id(), Some("proxy-7"));
        }
    }

    // A body cut off by a closed connection.
    let mut cut =
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n"
            .to_vec();
    cut.extend_from_slice(br#"{"code":"CCR.Success","#);
    let port = raw_server(Behaviour::send(cut)).await;
    let error = client_for_port(port)
        .list_projects(&PageRequest::default())
        .await
        .unwrap_err();
    assert_transport(&error, &TransportKind::Other);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_envelope_or_other_bytes_are_never_saved_as_a_chart() {
    let folder = tempfile::tempdir().unwrap();
    let target = folder.path().join("c-1.0.0.tgz");
    let success_envelope = r#"{"code":"CCR.Success","message":"调用成功","requestId":""}"#;
    let cases = [
        http(
            "200 OK",
            "application/json",
            success_envelope.as_bytes(),
            "",
        ),
        http(
            "200 OK",
            "application/gzip",
            b"PK\x03\x04 this is a zip",
            "",
        ),
        http("200 OK", "text/html", b"<html>login</html>", ""),
    ];
    for response in cases {
        let port = raw_server(Behaviour::send(response)).await;
        let error = client_for_port(port)
            .download_chart_to_file(
                "p",
                "c",
                "1.0.0",
                &target,
                |_| {},
                &CancellationToken::new(),
            )
            .await
            .unwrap_err();
        assert!(matches!(error, ApiError::NotAChart { .. }), "{error:?}");
        assert!(error.describe().contains("Nothing was saved"), "{error}");
        assert!(files_in(folder.path()).is_empty());
    }
    let error_envelope =
        r#"{"code":"CCR.CodeErrNotExists","message":"chart 不存在","requestId":"r-9"}"#;
    let port = raw_server(Behaviour::send(http(
        "404 Not Found",
        "application/json",
        error_envelope.as_bytes(),
        "",
    )))
    .await;
    let error = client_for_port(port)
        .download_chart_to_file(
            "p",
            "c",
            "1.0.0",
            &target,
            |_| {},
            &CancellationToken::new(),
        )
        .await
        .unwrap_err();
    assert_eq!(error.request_id(), Some("r-9"));
    assert_eq!(error.http_status(), Some(404));
    assert!(files_in(folder.path()).is_empty());

    // A transfer that stops short of its Content-Length is an error, and leaves nothing.
    let mut short =
        b"HTTP/1.1 200 OK\r\nContent-Type: application/gzip\r\nContent-Length: 100000\r\n\r\n"
            .to_vec();
    short.extend_from_slice(&[0x1f, 0x8b, 8, 0, 0, 0, 0, 0]);
    short.extend_from_slice(&[7u8; 5000]);
    let port = raw_server(Behaviour::send(short)).await;
    let error = client_for_port(port)
        .download_chart_to_file(
            "p",
            "c",
            "1.0.0",
            &target,
            |_| {},
            &CancellationToken::new(),
        )
        .await
        .unwrap_err();
    assert!(matches!(error, ApiError::Transport { .. }), "{error:?}");
    assert!(files_in(folder.path()).is_empty());
}
