//! Multi-level repository names in paths: the document's single encoding (`%2F`) and Harbor's
//! double one (`%252F`), against the sandbox in both modes, for every operation that names a
//! repository in its path; and automatic mode, which learns the double form from a 404.

#![allow(clippy::expect_used)] // a test that cannot go on says why, and fails

mod common;

use ccr_desk::api::paths::SegmentEncoding;
use ccr_desk::api::{ApiError, CcrClient, NewRepository, PageRequest, RepositoryPathEncoding};
use ccr_desk::sandbox::{self, RunningSandbox, SandboxConfig};

/// A seeded multi-level repository with three plain images.
const PROJECT: &str = "demo";
const NESTED: &str = "team/backend/api";
/// A well-formed digest (the wrong form never gets as far as looking it up).
const DIGEST: &str = "sha256:4346ae1f487f6c1652a164518db7c6c9e75939051fc5adc9064380e1c258b596";

async fn sandbox_in(double_encoded_paths: bool) -> RunningSandbox {
    sandbox::start(SandboxConfig {
        double_encoded_paths,
        ..SandboxConfig::ephemeral_loopback()
    })
    .await
    .expect("the sandbox starts")
}

fn client(sandbox: &RunningSandbox, encoding: RepositoryPathEncoding) -> CcrClient {
    let mut config = common::config_for(
        sandbox,
        sandbox::ADMIN_USER,
        sandbox::DEFAULT_ADMIN_PASSWORD,
    );
    config.repository_path_encoding = encoding;
    CcrClient::new(&config).expect("client")
}

/// Every operation on a multi-level name: create (name in the body), detail, list artifacts,
/// delete an artifact, delete the repository; then the deleted repository is gone.
async fn every_operation_works(client: &CcrClient) {
    client
        .create_repository(
            PROJECT,
            &NewRepository {
                repository_name: "made/by/test".into(),
                summary: String::new(),
                detail: String::new(),
            },
        )
        .await
        .expect("create (the name is in the body)");
    let detail = client
        .repository(PROJECT, NESTED)
        .await
        .expect("detail")
        .value;
    assert_eq!(detail.repository_name, NESTED);
    let artifacts = client
        .list_artifacts(PROJECT, NESTED, &PageRequest::new(1, 10))
        .await
        .expect("list artifacts")
        .value;
    assert_eq!(artifacts.total, 3);
    let digest = artifacts.items[0].digest.clone();
    client
        .delete_artifact(PROJECT, NESTED, &digest)
        .await
        .expect("delete artifact");
    let left = client
        .list_artifacts(PROJECT, NESTED, &PageRequest::new(1, 10))
        .await
        .expect("list again")
        .value;
    assert_eq!(left.total, 2);
    assert!(left.items.iter().all(|a| a.digest != digest));
    client
        .delete_repository(PROJECT, "made/by/test")
        .await
        .expect("delete repository");
    let gone = client
        .repository(PROJECT, "made/by/test")
        .await
        .expect_err("deleted");
    assert_eq!(gone.http_status(), Some(404), "{gone:?}");
    // A one-level name is the same in both forms.
    client
        .repository("library", "busybox")
        .await
        .expect("a one-level name");
}

fn refused(error: &ApiError) -> bool {
    matches!(error.http_status(), Some(400 | 404))
}

/// Every operation that names the repository in its path fails in the wrong form.
async fn every_path_operation_fails(client: &CcrClient) {
    let error = client
        .repository(PROJECT, NESTED)
        .await
        .expect_err("detail");
    assert!(refused(&error), "{error:?}");
    let error = client
        .list_artifacts(PROJECT, NESTED, &PageRequest::new(1, 10))
        .await
        .expect_err("list artifacts");
    assert!(refused(&error), "{error:?}");
    let error = client
        .delete_artifact(PROJECT, NESTED, DIGEST)
        .await
        .expect_err("delete artifact");
    assert!(refused(&error), "{error:?}");
    let error = client
        .delete_repository(PROJECT, NESTED)
        .await
        .expect_err("delete repository");
    assert!(refused(&error), "{error:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn single_encoding_against_the_documents_server() {
    let sandbox = sandbox_in(false).await;
    let client = client(&sandbox, RepositoryPathEncoding::Single);
    every_operation_works(&client).await;
    assert_eq!(client.path_encoding_learned(), None);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn double_encoding_against_a_harbor_like_server() {
    let sandbox = sandbox_in(true).await;
    let client = client(&sandbox, RepositoryPathEncoding::Double);
    every_operation_works(&client).await;
    assert_eq!(client.path_encoding_learned(), None, "fixed, not learned");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_wrong_fixed_form_finds_nothing() {
    let harbor = sandbox_in(true).await;
    every_path_operation_fails(&client(&harbor, RepositoryPathEncoding::Single)).await;
    let error = client(&harbor, RepositoryPathEncoding::Single)
        .repository(PROJECT, NESTED)
        .await
        .expect_err("single on Harbor");
    assert_eq!(error.http_status(), Some(404), "Harbor answers 404");

    let document = sandbox_in(false).await;
    every_path_operation_fails(&client(&document, RepositoryPathEncoding::Double)).await;

    // Nothing was deleted by the wrong form.
    for sandbox in [&harbor, &document] {
        let artifacts = common::admin(sandbox)
            .list_artifacts(PROJECT, NESTED, &PageRequest::new(1, 10))
            .await;
        // The admin client is automatic: it reads both servers.
        assert_eq!(artifacts.expect("still there").value.total, 3);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn automatic_learns_the_double_form_from_a_404_and_keeps_it() {
    let sandbox = sandbox_in(true).await;
    let client = client(&sandbox, RepositoryPathEncoding::Automatic);
    let clone = client.clone();
    assert_eq!(client.path_encoding_learned(), None);
    client
        .repository("library", "busybox")
        .await
        .expect("a one-level name needs no choice");
    assert_eq!(client.path_encoding_learned(), None);

    let detail = client
        .repository(PROJECT, NESTED)
        .await
        .expect("found in the double form");
    assert_eq!(detail.value.repository_name, NESTED);
    assert_eq!(
        client.path_encoding_learned(),
        Some(SegmentEncoding::Double)
    );
    assert_eq!(
        clone.path_encoding_learned(),
        Some(SegmentEncoding::Double),
        "clones share what was learned"
    );
    every_operation_works(&clone).await;

    // A multi-level name that does not exist is still a plain 404.
    let error = client
        .repository(PROJECT, "no/such/repo")
        .await
        .expect_err("missing");
    assert_eq!(error.http_status(), Some(404));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn automatic_stays_single_on_the_documents_server() {
    let sandbox = sandbox_in(false).await;
    let client = client(&sandbox, RepositoryPathEncoding::Automatic);
    // A missing multi-level name first: the double probe finds nothing, the 404 stands.
    let error = client
        .repository(PROJECT, "no/such/repo")
        .await
        .expect_err("missing");
    assert_eq!(error.http_status(), Some(404), "{error:?}");
    assert_eq!(client.path_encoding_learned(), None);
    every_operation_works(&client).await;
    assert_eq!(client.path_encoding_learned(), None);

    // Each operation on its own learns the double form on a Harbor-like server.
    let harbor = sandbox_in(true).await;
    let artifacts = client_for_harbor(&harbor)
        .list_artifacts(PROJECT, NESTED, &PageRequest::new(1, 10))
        .await
        .expect("list artifacts learns");
    assert_eq!(artifacts.value.total, 3);
    let deleting = client_for_harbor(&harbor);
    deleting
        .delete_artifact(PROJECT, NESTED, &artifacts.value.items[0].digest)
        .await
        .expect("delete artifact learns");
    assert_eq!(
        deleting.path_encoding_learned(),
        Some(SegmentEncoding::Double)
    );
    let deleting = client_for_harbor(&harbor);
    deleting
        .delete_repository(PROJECT, NESTED)
        .await
        .expect("delete repository learns");
    assert_eq!(
        deleting.path_encoding_learned(),
        Some(SegmentEncoding::Double)
    );
}

fn client_for_harbor(sandbox: &RunningSandbox) -> CcrClient {
    client(sandbox, RepositoryPathEncoding::Automatic)
}
