//! Authentication, the read-only user and the credential reset (1.14), against the sandbox.

#![allow(clippy::expect_used)] // a test that cannot go on says why, and fails

mod common;

use ccr_desk::api::{CcrCode, NewProject, PageRequest};
use ccr_desk::sandbox;
use ccr_desk::ui::describe::Describe as _;
use common::{admin, client_as, sandbox};
use secrecy::SecretString;

fn secret(text: &str) -> SecretString {
    SecretString::from(text.to_owned())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn wrong_or_unknown_credentials_get_401() {
    let sandbox = sandbox().await;
    for (user, password) in [
        (sandbox::ADMIN_USER, "wrong-password"),
        ("nobody", "Whatever123"),
        (sandbox::ADMIN_USER, ""),
    ] {
        let error = client_as(&sandbox, user, password)
            .list_projects(&PageRequest::default())
            .await
            .unwrap_err();
        assert!(error.is_auth_failure(), "{user}: {error:?}");
        assert_eq!(error.code(), Some(&CcrCode::AuthFailed));
        assert_eq!(error.http_status(), Some(401));
        assert!(
            error
                .describe()
                .contains("Check the user name and password in the profile")
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_read_only_user_reads_but_cannot_write() {
    let sandbox = sandbox().await;
    let viewer = client_as(&sandbox, sandbox::VIEWER_USER, sandbox::VIEWER_PASSWORD);
    let projects = viewer
        .list_projects(&PageRequest::default())
        .await
        .expect("read");
    assert!(projects.value.total > 0);
    let name = projects.value.items[0].project_name.clone();

    let denied = viewer
        .create_project(&NewProject {
            name: "by-viewer".into(),
            is_public: false,
            quota: -1,
        })
        .await
        .unwrap_err();
    assert_eq!(
        denied.code(),
        Some(&CcrCode::PermissionDenied),
        "{denied:?}"
    );
    assert_eq!(denied.http_status(), Some(403));

    let denied = viewer.delete_project(&name).await.unwrap_err();
    assert_eq!(
        denied.code(),
        Some(&CcrCode::PermissionDenied),
        "{denied:?}"
    );
    let denied = viewer
        .reset_password(sandbox::ADMIN_USER, &secret("Takeover123"))
        .await
        .unwrap_err();
    assert_eq!(
        denied.code(),
        Some(&CcrCode::PermissionDenied),
        "{denied:?}"
    );
    // The admin's password still works.
    admin(&sandbox)
        .list_projects(&PageRequest::default())
        .await
        .expect("admin unaffected");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reset_password_replaces_the_old_one() {
    let sandbox = sandbox().await;
    let admin_client = admin(&sandbox);

    // The admin resets the viewer's password.
    admin_client
        .reset_password(sandbox::VIEWER_USER, &secret("NewViewer456"))
        .await
        .expect("reset");
    let old = client_as(&sandbox, sandbox::VIEWER_USER, sandbox::VIEWER_PASSWORD)
        .list_projects(&PageRequest::default())
        .await
        .unwrap_err();
    assert!(old.is_auth_failure(), "{old:?}");
    client_as(&sandbox, sandbox::VIEWER_USER, "NewViewer456")
        .list_projects(&PageRequest::default())
        .await
        .expect("the new password works");

    // The viewer resets its own password.
    client_as(&sandbox, sandbox::VIEWER_USER, "NewViewer456")
        .reset_password(sandbox::VIEWER_USER, &secret("Again789xyz"))
        .await
        .expect("own reset");
    client_as(&sandbox, sandbox::VIEWER_USER, "Again789xyz")
        .list_projects(&PageRequest::default())
        .await
        .expect("after own reset");

    // The admin resets its own password: the next request with the old one gets 401.
    admin_client
        .reset_password(sandbox::ADMIN_USER, &secret("Rotated2026"))
        .await
        .expect("own reset");
    let stale = admin_client
        .list_projects(&PageRequest::default())
        .await
        .unwrap_err();
    assert!(stale.is_auth_failure(), "{stale:?}");
    client_as(&sandbox, sandbox::ADMIN_USER, "Rotated2026")
        .list_projects(&PageRequest::default())
        .await
        .expect("the new admin password works");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reset_for_a_new_user_sets_a_credential() {
    let sandbox = sandbox().await;
    admin(&sandbox)
        .reset_password("ci-robot", &secret("Robot2026x"))
        .await
        .expect("set");
    client_as(&sandbox, "ci-robot", "Robot2026x")
        .list_projects(&PageRequest::default())
        .await
        .expect("the new user can read");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn weak_passwords_and_bad_usernames_are_rejected() {
    let sandbox = sandbox().await;
    let client = admin(&sandbox);
    for weak in [
        "short1A",
        "alllowercase1",
        "ALLUPPERCASE1",
        "NoDigitsAtAll",
        "",
    ] {
        let error = client
            .reset_password(sandbox::VIEWER_USER, &secret(weak))
            .await
            .unwrap_err();
        assert_eq!(
            error.code(),
            Some(&CcrCode::ParamError),
            "{weak}: {error:?}"
        );
        assert_eq!(error.http_status(), Some(400));
    }
    let error = client
        .reset_password("", &secret("Valid12345"))
        .await
        .unwrap_err();
    assert_eq!(error.code(), Some(&CcrCode::ParamError), "{error:?}");
    // Nothing changed.
    client_as(&sandbox, sandbox::VIEWER_USER, sandbox::VIEWER_PASSWORD)
        .list_projects(&PageRequest::default())
        .await
        .expect("old password still valid");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_write_by_the_read_only_user_is_denied() {
    let sandbox = sandbox().await;
    let admin_client = admin(&sandbox);
    let viewer = client_as(&sandbox, sandbox::VIEWER_USER, sandbox::VIEWER_PASSWORD);

    let repositories = viewer
        .list_repositories("library", &PageRequest::default())
        .await
        .expect("the viewer reads repositories")
        .value;
    let repository = repositories.items[0].repository_name.clone();
    let artifacts = viewer
        .list_artifacts("library", &repository, &PageRequest::default())
        .await
        .expect("the viewer reads artifacts")
        .value;
    let digest = artifacts.items[0].digest.clone();
    let chart = viewer
        .list_charts(&PageRequest::default().filtered(""))
        .await
        .expect("the viewer reads charts")
        .value
        .items
        .into_iter()
        .find(|c| c.project_name == "library")
        .expect("a chart in library");

    let new_repository = ccr_desk::api::NewRepository {
        repository_name: "by-viewer".into(),
        summary: String::new(),
        detail: String::new(),
    };
    let denials = [
        viewer
            .create_repository("library", &new_repository)
            .await
            .unwrap_err(),
        viewer
            .delete_repository("library", &repository)
            .await
            .unwrap_err(),
        viewer
            .delete_artifact("library", &repository, &digest)
            .await
            .unwrap_err(),
        viewer
            .delete_chart("library", &chart.name)
            .await
            .unwrap_err(),
    ];
    for denied in &denials {
        assert_eq!(
            denied.code(),
            Some(&CcrCode::PermissionDenied),
            "{denied:?}"
        );
        assert_eq!(denied.http_status(), Some(403));
        assert!(denied.describe().contains("not allowed"), "{denied}");
    }
    // Nothing changed.
    let after = admin_client
        .list_artifacts("library", &repository, &PageRequest::default())
        .await
        .expect("list")
        .value;
    assert_eq!(after.total, artifacts.total);
    let charts = admin_client
        .list_charts(&PageRequest::default().filtered(&chart.name))
        .await
        .expect("charts")
        .value;
    assert!(charts.items.iter().any(|c| c.name == chart.name));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_operation_answers_401_to_a_wrong_password() {
    let sandbox = sandbox().await;
    let stranger = client_as(&sandbox, sandbox::ADMIN_USER, "Wrong-password-1");
    let digest = format!("sha256:{}", "a".repeat(64));
    let new_project = NewProject {
        name: "x".into(),
        is_public: false,
        quota: -1,
    };
    let new_repository = ccr_desk::api::NewRepository {
        repository_name: "xy".into(),
        summary: String::new(),
        detail: String::new(),
    };
    let mut sink = Vec::new();
    let cancel = tokio_util::sync::CancellationToken::new();
    let failures = [
        stranger
            .create_project(&new_project)
            .await
            .map(|_| ())
            .unwrap_err(),
        stranger
            .delete_project("library")
            .await
            .map(|_| ())
            .unwrap_err(),
        stranger
            .list_repositories("library", &PageRequest::default())
            .await
            .map(|_| ())
            .unwrap_err(),
        stranger
            .create_repository("library", &new_repository)
            .await
            .map(|_| ())
            .unwrap_err(),
        stranger
            .repository("library", "nginx")
            .await
            .map(|_| ())
            .unwrap_err(),
        stranger
            .delete_repository("library", "nginx")
            .await
            .map(|_| ())
            .unwrap_err(),
        stranger
            .list_artifacts("library", "nginx", &PageRequest::default())
            .await
            .map(|_| ())
            .unwrap_err(),
        stranger
            .delete_artifact("library", "nginx", &digest)
            .await
            .map(|_| ())
            .unwrap_err(),
        stranger
            .list_charts(&PageRequest::default())
            .await
            .map(|_| ())
            .unwrap_err(),
        stranger
            .delete_chart("library", "redis")
            .await
            .map(|_| ())
            .unwrap_err(),
        stranger
            .download_chart("library", "redis", "18.1.5", &mut sink, |_| {}, &cancel)
            .await
            .map(|_| ())
            .unwrap_err(),
        stranger
            .reset_password("viewer", &secret("Another123"))
            .await
            .map(|_| ())
            .unwrap_err(),
    ];
    for error in &failures {
        assert!(error.is_auth_failure(), "{error:?}");
        assert_eq!(error.http_status(), Some(401));
    }
    assert!(sink.is_empty(), "no envelope was written as a chart");
}
