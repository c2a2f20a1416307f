//! The client under hostile or unusual servers (the "Reliability" issue): truncated archives,
//! wrong-shaped answers, a proxy asking for its password, a wrong instance id, a server that
//! drips bytes, empty acknowledgements. Each server here is a few lines of raw TCP on
//! 127.0.0.1:0, or the sandbox.

#![allow(clippy::expect_used)] // a test that cannot go on says why, and fails

mod common;

use common::raw_http::{Behaviour, http, raw_server};

use std::time::Duration;

use ccr_desk::api::config::parse_endpoint;
use ccr_desk::api::{ApiError, CcrClient, ConnectionConfig, PageRequest, TransportKind};
use ccr_desk::ui::describe::Describe as _;
use secrecy::SecretString;
use tokio_util::sync::CancellationToken;

fn config_for_port(port: u16) -> ConnectionConfig {
    let endpoint = parse_endpoint(&format!("http://127.0.0.1:{port}")).expect("endpoint");
    let mut config = ConnectionConfig::new(endpoint, "admin", SecretString::from("pw"));
    config.connect_timeout = Duration::from_secs(5);
    config.read_timeout = Duration::from_secs(5);
    config
}

fn client_for_port(port: u16) -> CcrClient {
    CcrClient::new(&config_for_port(port)).expect("client")
}

// ---- 2. a truncated chart is never saved ---------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn half_a_chart_without_content_length_is_not_saved() {
    let archive = common::chart_archive("web-app", "0.2.0", 200_000);
    let half = &archive[..archive.len() / 2];
    // The half still holds Chart.yaml and values.yaml (they come first), so only a check of
    // the whole stream can tell.
    assert!(common::chart_yaml_of(half).is_some(), "the test's premise");
    let mut response =
        b"HTTP/1.1 200 OK\r\nContent-Type: application/gzip\r\nConnection: close\r\n\r\n".to_vec();
    response.extend_from_slice(half);
    let port = raw_server(Behaviour::send(response)).await;

    let folder = tempfile::tempdir().expect("temp dir");
    let target = folder.path().join("web-app-0.2.0.tgz");
    let result = client_for_port(port)
        .download_chart_to_file(
            "library",
            "web-app",
            "0.2.0",
            &target,
            |_| {},
            &CancellationToken::new(),
        )
        .await;
    assert!(
        common::files_in(folder.path()).is_empty(),
        "nothing saved, no .part left: {:?}",
        common::files_in(folder.path())
    );
    let error = result.expect_err("a truncated archive is an error");
    assert!(
        matches!(error, ApiError::ArchiveDamaged { .. }),
        "{error:?}"
    ); // NEW-API
    let text = error.describe();
    assert!(text.contains("incomplete or damaged"), "{text}");
    assert!(text.contains("Nothing was saved"), "{text}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_whole_chart_without_content_length_is_saved() {
    let archive = common::chart_archive("web-app", "0.2.0", 200_000);
    let mut response =
        b"HTTP/1.1 200 OK\r\nContent-Type: application/gzip\r\nConnection: close\r\n\r\n".to_vec();
    response.extend_from_slice(&archive);
    let port = raw_server(Behaviour::send(response)).await;
    let folder = tempfile::tempdir().expect("temp dir");
    let target = folder.path().join("web-app-0.2.0.tgz");
    let summary = client_for_port(port)
        .download_chart_to_file(
            "library",
            "web-app",
            "0.2.0",
            &target,
            |_| {},
            &CancellationToken::new(),
        )
        .await
        .expect("a complete archive is saved");
    assert_eq!(summary.bytes, archive.len() as u64);
    assert_eq!(std::fs::read(&target).expect("saved"), archive);
    assert_eq!(common::files_in(folder.path()), ["web-app-0.2.0.tgz"]);
}

// ---- 7. advice that fits ---------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_proxy_asking_for_its_password_is_not_the_profiles_password() {
    let port = raw_server(Behaviour::send(http(
        "407 Proxy Authentication Required",
        "text/html",
        b"<html>proxy login</html>",
        "",
    )))
    .await;
    let error = client_for_port(port)
        .list_projects(&PageRequest::default())
        .await
        .expect_err("a 407 is an error");
    assert_eq!(error.http_status(), Some(407));
    assert!(!error.is_auth_failure(), "{error:?}");
    let text = error.describe();
    assert!(text.contains("proxy"), "{text}");
    assert!(!text.contains("password in the profile"), "{text}");

    // Even when it claims to be the registry's auth failure.
    let envelope = r#"{"code":"CCR.RespAuthFailed","message":"proxy","requestId":""}"#;
    let port = raw_server(Behaviour::send(http(
        "407 Proxy Authentication Required",
        "application/json",
        envelope.as_bytes(),
        "",
    )))
    .await;
    let error = client_for_port(port)
        .list_projects(&PageRequest::default())
        .await
        .expect_err("a 407 is an error");
    assert!(!error.is_auth_failure(), "{error:?}");
    assert!(error.describe().contains("proxy"), "{error}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_instance_id_on_connect_says_to_check_the_instance_id() {
    use ccr_desk::profile::Profile;
    use ccr_desk::session::{ConnectFailure, PasswordSource, connect};

    let sandbox = common::sandbox().await;
    let mut profile = Profile::new_blank();
    profile.name = "wrong instance".into();
    profile.endpoint = sandbox.base_url().to_owned();
    profile.username = ccr_desk::sandbox::ADMIN_USER.into();
    profile.instance_id = "other-instance".into();
    let password = SecretString::from(ccr_desk::sandbox::DEFAULT_ADMIN_PASSWORD);

    let Err(failure) = connect(profile.clone(), PasswordSource::Given(password.clone())).await
    else {
        panic!("connecting to another instance id must fail");
    };
    assert!(
        matches!(failure, ConnectFailure::WrongInstance(_)),
        "{failure:?}"
    ); // NEW-API
    assert!(!failure.needs_password());
    let text = failure.describe();
    assert!(text.contains("instance id"), "{text}");
    assert!(text.contains("endpoint"), "{text}");
    assert!(!text.contains("Refresh the list"), "{text}");

    // The right instance id connects.
    profile.instance_id = ccr_desk::api::config::DEFAULT_INSTANCE_ID.into();
    assert!(
        connect(profile, PasswordSource::Given(password))
            .await
            .is_ok()
    );
}

// ---- 9. deadlines ----------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_that_drips_its_answer_hits_the_deadline() {
    let body = br#"{"code":"CCR.Success","message":"","requestId":"","total":0,"projects":[]}"#;
    let head = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let port = raw_server(Behaviour::Trickle {
        head: head.into_bytes(),
        body: body.to_vec(),
        pieces: body.len(),
        pause: Duration::from_millis(300),
    })
    .await;
    let mut config = config_for_port(port);
    config.read_timeout = Duration::from_mins(10);
    config.request_deadline = Duration::from_secs(1);
    let error = CcrClient::new(&config)
        .expect("client")
        .list_projects(&PageRequest::default())
        .await
        .expect_err("the deadline ends the call");
    assert!(
        matches!(
            error,
            ApiError::Transport {
                kind: TransportKind::Timeout,
                ..
            }
        ),
        "{error:?}"
    );
    assert!(
        error.describe().contains("did not answer in time"),
        "{error}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_chart_download_is_not_bound_by_the_json_deadline() {
    let archive = common::chart_archive("slow", "1.0.0", 50_000);
    let head = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: application/gzip\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        archive.len()
    );
    let port = raw_server(Behaviour::Trickle {
        head: head.into_bytes(),
        body: archive.clone(),
        pieces: 6,
        pause: Duration::from_millis(400),
    })
    .await;
    let mut config = config_for_port(port);
    config.request_deadline = Duration::from_secs(1);
    let mut sink = Vec::new();
    let summary = CcrClient::new(&config)
        .expect("client")
        .download_chart(
            "p",
            "slow",
            "1.0.0",
            &mut sink,
            |_| {},
            &CancellationToken::new(),
        )
        .await
        .expect("a slow download goes on while bytes arrive");
    assert_eq!(summary.bytes, archive.len() as u64);
    assert_eq!(sink, archive);
}

// ---- 11. an empty acknowledgement ------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_empty_success_to_a_delete_is_a_success() {
    let digest = format!("sha256:{}", "0".repeat(64));
    for response in [
        b"HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n".to_vec(),
        b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\nX-Request-Id: del-1\r\nConnection: close\r\n\r\n"
            .to_vec(),
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n".to_vec(),
    ] {
        let port = raw_server(Behaviour::send(response.clone())).await;
        let client = client_for_port(port);
        let shown = String::from_utf8_lossy(&response).into_owned();
        client.delete_project("p").await.expect(&shown);
        client.delete_repository("p", "a/b").await.expect(&shown);
        client
            .delete_artifact("p", "a/b", &digest)
            .await
            .expect(&shown);
        let reply = client.delete_chart("p", "c").await.expect(&shown);
        if shown.contains("del-1") {
            assert_eq!(reply.request_id.as_deref(), Some("del-1"));
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_empty_answer_to_a_list_is_still_an_error() {
    for response in [
        b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".to_vec(),
        b"HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n".to_vec(),
    ] {
        let port = raw_server(Behaviour::send(response)).await;
        let error = client_for_port(port)
            .list_projects(&PageRequest::default())
            .await
            .expect_err("an empty list answer is not an empty list");
        assert!(matches!(error, ApiError::NotEnvelope { .. }), "{error:?}");
    }
    // A delete that answers an error status with an empty body is still an error.
    let port = raw_server(Behaviour::send(
        b"HTTP/1.1 500 Internal Server Error\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            .to_vec(),
    ))
    .await;
    let error = client_for_port(port)
        .delete_project("p")
        .await
        .expect_err("a 500 is an error");
    assert_eq!(error.http_status(), Some(500));
}

// ---- 5. wrong-shaped answers -------------------------------------------------------------

async fn list_projects_answering(
    body: &str,
) -> Result<ccr_desk::api::Page<ccr_desk::api::models::Project>, ApiError> {
    let port = raw_server(Behaviour::send(http(
        "200 OK",
        "application/json",
        body.as_bytes(),
        "",
    )))
    .await;
    client_for_port(port)
        .list_projects(&PageRequest::new(1, 10))
        .await
        .map(|reply| reply.value)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_list_of_the_wrong_type_or_missing_is_an_incomplete_answer() {
    for body in [
        r#"{"code":"CCR.Success","total":3,"projects":{"projectName":"a"}}"#,
        r#"{"code":"CCR.Success","total":3,"projects":"a,b,c"}"#,
        r#"{"code":"CCR.Success","projects":17}"#,
        r#"{"code":"CCR.Success","total":5}"#,
        r#"{"code":"CCR.Success","total":"5","projects":null}"#,
    ] {
        let error = list_projects_answering(body).await.expect_err(body);
        assert!(
            matches!(error, ApiError::IncompleteAnswer { .. }),
            "{body}: {error:?}"
        ); // NEW-API
        assert!(error.describe().contains("incomplete"), "{error}");
    }
    // What stays lenient: an empty list, a missing list with total 0, entries that are not
    // objects, a field of the wrong type.
    for (body, names) in [
        (r#"{"code":"CCR.Success","total":0}"#, vec![]),
        (r#"{"code":"CCR.Success","projects":[]}"#, vec![]),
        (
            r#"{"code":"CCR.Success","total":2,"projects":[{"projectName":"a","quota":"big"},7,"x",{"projectName":"b"}]}"#,
            vec!["a", "b"],
        ),
    ] {
        let page = list_projects_answering(body).await.expect(body);
        let got: Vec<&str> = page.items.iter().map(|p| p.project_name.as_str()).collect();
        assert_eq!(got, names, "{body}");
    }
}

// ---- 10. big answers -------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_answer_over_the_json_limit_is_refused() {
    let limit = ccr_desk::api::MAX_JSON_BYTES;
    // Announced too long.
    let head = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{{\"code\":",
        limit + 1
    );
    let port = raw_server(Behaviour::send(head.into_bytes())).await;
    let error = client_for_port(port)
        .list_projects(&PageRequest::default())
        .await
        .expect_err("too large");
    assert!(
        matches!(error, ApiError::AnswerTooLarge { .. }),
        "{error:?}"
    );
    assert!(error.describe().contains("32 MiB"), "{error}");

    // Sent too long, without a length.
    let mut response =
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n{\"code\":\"CCR.Success\",\"projects\":[]"
            .to_vec();
    response.resize(response.len() + limit, b' ');
    response.push(b'}');
    let port = raw_server(Behaviour::send(response)).await;
    let error = client_for_port(port)
        .list_projects(&PageRequest::default())
        .await
        .expect_err("too large");
    assert!(
        matches!(error, ApiError::AnswerTooLarge { .. }),
        "{error:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_page_with_a_little_more_than_asked_is_still_read() {
    let items = vec!["{\"projectName\":\"p\"}"; 15].join(",");
    let body = format!(r#"{{"code":"CCR.Success","total":15,"projects":[{items}]}}"#);
    let page = list_projects_answering(&body).await.expect("slack");
    assert_eq!(page.items.len(), 15);
    let items = vec!["{}"; 111].join(",");
    let body = format!(r#"{{"code":"CCR.Success","total":111,"projects":[{items}]}}"#);
    let error = list_projects_answering(&body).await.expect_err("too many");
    assert!(
        matches!(
            error,
            ApiError::TooManyItems {
                received: 111,
                page_size: 10,
                ..
            }
        ),
        "{error:?}"
    );
}
