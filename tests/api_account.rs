//! Authentication, the read-only user and the credential reset (1.14), against the sandbox.

mod common;

use ccr_desk::api::{CcrCode, NewProject, PageRequest};
use ccr_desk::sandbox;
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
                .to_string()
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
