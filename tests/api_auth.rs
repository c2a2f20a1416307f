//! How the client authenticates: HTTP Basic (the default) or a bearer token, against a sandbox
//! started with a token; a wrong token and a token the server does not know get 401.

#![allow(clippy::expect_used)] // a test that cannot go on says why, and fails

mod common;

use ccr_desk::api::{AuthMethod, CcrClient, NewProject, PageRequest};
use ccr_desk::sandbox::{self, RunningSandbox, SandboxConfig};
use secrecy::SecretString;

const TOKEN: &str = "ccr-test-token-7f3a9c";

async fn sandbox_with_token() -> RunningSandbox {
    sandbox::start(SandboxConfig {
        bearer_token: Some(SecretString::from(TOKEN)),
        ..SandboxConfig::ephemeral_loopback()
    })
    .await
    .expect("the sandbox starts with a token")
}

fn bearer(sandbox: &RunningSandbox, token: &str) -> CcrClient {
    let mut config = common::config_for(sandbox, sandbox::ADMIN_USER, token);
    config.auth = AuthMethod::Bearer;
    CcrClient::new(&config).expect("client")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn basic_stays_the_default_and_works_beside_a_token() {
    let sandbox = sandbox_with_token().await;
    let client = common::admin(&sandbox);
    assert_eq!(client.auth(), AuthMethod::Basic);
    let page = client
        .list_projects(&PageRequest::new(1, 10))
        .await
        .expect("Basic is accepted");
    assert!(page.value.total > 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_right_token_reads_and_writes_as_the_administrator() {
    let sandbox = sandbox_with_token().await;
    let client = bearer(&sandbox, TOKEN);
    assert_eq!(client.auth(), AuthMethod::Bearer);
    let page = client
        .list_projects(&PageRequest::new(1, 10))
        .await
        .expect("the token is accepted");
    assert!(page.value.total > 0);
    client
        .create_project(&NewProject {
            name: "made-with-a-token".into(),
            is_public: false,
            quota: -1,
        })
        .await
        .expect("the token may write");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_token_gets_401() {
    let sandbox = sandbox_with_token().await;
    let error = bearer(&sandbox, "ccr-test-token-7f3a9d")
        .list_projects(&PageRequest::new(1, 1))
        .await
        .expect_err("a wrong token is refused");
    assert!(error.is_auth_failure(), "{error:?}");
    assert_eq!(error.http_status(), Some(401));
    let shown = format!("{error} {error:?}");
    assert!(!shown.contains("ccr-test-token"), "{shown}");

    // The password is no token, and a token is no password.
    let error = bearer(&sandbox, sandbox::DEFAULT_ADMIN_PASSWORD)
        .list_projects(&PageRequest::new(1, 1))
        .await
        .expect_err("the password as a token is refused");
    assert_eq!(error.http_status(), Some(401));
    let error = common::client_as(&sandbox, sandbox::ADMIN_USER, TOKEN)
        .list_projects(&PageRequest::new(1, 1))
        .await
        .expect_err("the token as a password is refused");
    assert_eq!(error.http_status(), Some(401));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_without_a_token_refuses_bearer() {
    let sandbox = common::sandbox().await;
    let error = bearer(&sandbox, TOKEN)
        .list_projects(&PageRequest::new(1, 1))
        .await
        .expect_err("no token configured");
    assert_eq!(error.http_status(), Some(401));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_empty_token_does_not_start_the_sandbox() {
    let started = sandbox::start(SandboxConfig {
        bearer_token: Some(SecretString::from("")),
        ..SandboxConfig::ephemeral_loopback()
    })
    .await;
    assert!(
        matches!(started, Err(sandbox::SandboxError::InvalidToken(_))),
        "{started:?}"
    );
}
