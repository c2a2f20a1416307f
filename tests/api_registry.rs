//! Projects, repositories and artifacts: every client operation against the sandbox over real
//! HTTP, with success, each error code it can produce, paging edges and filters.

#![allow(clippy::expect_used)] // a test that cannot go on says why, and fails

mod common;

use ccr_desk::api::models::Artifact;
use ccr_desk::api::{ApiError, CcrClient, CcrCode, NewProject, NewRepository, PageRequest};
use common::{admin, sandbox};

fn project(name: &str) -> NewProject {
    NewProject {
        name: name.to_owned(),
        is_public: false,
        quota: -1,
    }
}

fn repository(name: &str) -> NewRepository {
    NewRepository {
        repository_name: name.to_owned(),
        summary: String::new(),
        detail: String::new(),
    }
}

#[track_caller]
fn assert_ccr(error: &ApiError, code: &CcrCode, status: u16) {
    assert_eq!(error.code(), Some(code), "{error:?}");
    assert_eq!(error.http_status(), Some(status), "{error:?}");
    assert!(
        error.request_id().is_some_and(|id| !id.is_empty()),
        "every error keeps the request id: {error:?}"
    );
}

async fn project_names(client: &CcrClient, request: &PageRequest) -> (Vec<String>, u64) {
    let page = client.list_projects(request).await.expect("list").value;
    (
        page.items.into_iter().map(|p| p.project_name).collect(),
        page.total,
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn projects_are_created_listed_and_deleted() {
    let sandbox = sandbox().await;
    let client = admin(&sandbox);

    let created = client
        .create_project(&NewProject {
            name: "alpha".into(),
            is_public: true,
            quota: 10 * 1024 * 1024 * 1024,
        })
        .await
        .expect("create");
    assert!(created.value.is_some_and(|id| id > 0), "{created:?}");
    assert!(created.request_id.is_some());

    let listed = client
        .list_projects(&PageRequest::default().filtered("alpha"))
        .await
        .expect("list")
        .value;
    assert_eq!(listed.total, 1);
    let alpha = &listed.items[0];
    assert_eq!(alpha.project_name, "alpha");
    assert!(alpha.is_public);
    assert_eq!(alpha.quota, Some(10 * 1024 * 1024 * 1024));
    assert_eq!(alpha.storage_used, Some(0));
    assert_eq!(alpha.instance_id, "ccr-manager");
    assert!(matches!(
        alpha.created_at,
        Some(ccr_desk::api::models::Timestamp::At(_))
    ));

    client.delete_project("alpha").await.expect("delete");
    let (names, total) = project_names(&client, &PageRequest::default().filtered("alpha")).await;
    assert!(names.is_empty());
    assert_eq!(total, 0);

    let again = client.delete_project("alpha").await.unwrap_err();
    assert_ccr(&again, &CcrCode::NotExists, 404);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn project_creation_errors() {
    let sandbox = sandbox().await;
    let client = admin(&sandbox);
    for bad in ["Bad Name", "-lead", "UPPER", ""] {
        let error = client.create_project(&project(bad)).await.unwrap_err();
        assert_ccr(&error, &CcrCode::ParamError, 400);
    }
    let zero_quota = client
        .create_project(&NewProject {
            quota: 0,
            ..project("zero")
        })
        .await
        .unwrap_err();
    assert_ccr(&zero_quota, &CcrCode::ParamError, 400);

    client
        .create_project(&project("twice"))
        .await
        .expect("first");
    let duplicate = client.create_project(&project("twice")).await.unwrap_err();
    assert_ccr(&duplicate, &CcrCode::AlreadyExists, 409);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_project_that_holds_something_cannot_be_deleted() {
    let sandbox = sandbox().await;
    let client = admin(&sandbox);
    client
        .create_project(&project("holder"))
        .await
        .expect("project");
    client
        .create_repository("holder", &repository("app"))
        .await
        .expect("repository");
    let refused = client.delete_project("holder").await.unwrap_err();
    assert_ccr(&refused, &CcrCode::ForbidOperate, 403);

    client
        .delete_repository("holder", "app")
        .await
        .expect("repo delete");
    client.delete_project("holder").await.expect("now empty");

    // A project that holds only charts is refused too.
    let charts = client
        .list_charts(&PageRequest::everything())
        .await
        .expect("charts")
        .value;
    let with_chart = &charts
        .items
        .first()
        .expect("the demo data has charts")
        .project_name;
    let refused = client.delete_project(with_chart).await.unwrap_err();
    assert_ccr(&refused, &CcrCode::ForbidOperate, 403);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn project_paging_edges_and_filters() {
    let sandbox = sandbox().await;
    let client = admin(&sandbox);
    let mut expected: Vec<String> = (0..23).map(|i| format!("paged-{i:02}")).collect();
    for name in &expected {
        client.create_project(&project(name)).await.expect("create");
    }
    expected.sort();
    let filter = |page, size| PageRequest::new(page, size).filtered("paged-");

    let (first, total) = project_names(&client, &filter(1, 10)).await;
    assert_eq!((first.len(), total), (10, 23));
    let (zeroth, _) = project_names(&client, &filter(0, 10)).await;
    assert_eq!(zeroth, first, "page 0 and page 1 are both the first page");
    let (second, _) = project_names(&client, &filter(2, 10)).await;
    let (last, total) = project_names(&client, &filter(3, 10)).await;
    assert_eq!((last.len(), total), (3, 23), "the last page holds the rest");
    let (past, total) = project_names(&client, &filter(4, 10)).await;
    assert_eq!((past.len(), total), (0, 23), "a page past the end is empty");

    let walked: Vec<String> = [first, second, last].concat();
    assert_eq!(
        walked, expected,
        "pages are stable, ordered and do not overlap"
    );

    let (everything, total) =
        project_names(&client, &PageRequest::everything().filtered("paged-")).await;
    assert_eq!((everything.len(), total), (23, 23));

    let (one, _) = project_names(&client, &PageRequest::default().filtered("PAGED-07")).await;
    assert_eq!(one, ["paged-07"], "the filter ignores case");
    let (none, total) =
        project_names(&client, &PageRequest::default().filtered("no-such-thing")).await;
    assert!(none.is_empty());
    assert_eq!(total, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn multi_level_repositories_round_trip() {
    let sandbox = sandbox().await;
    let client = admin(&sandbox);
    client
        .create_project(&project("team"))
        .await
        .expect("project");
    client
        .create_repository(
            "team",
            &NewRepository {
                repository_name: "backend/api/server".into(),
                summary: "API server".into(),
                detail: "摘要 and detail, up to 256 characters".into(),
            },
        )
        .await
        .expect("create");
    client
        .create_repository("team", &repository("frontend"))
        .await
        .expect("create");

    let listed = client
        .list_repositories("team", &PageRequest::default())
        .await
        .expect("list")
        .value;
    assert_eq!(listed.total, 2);
    let names: Vec<&str> = listed
        .items
        .iter()
        .map(|r| r.repository_name.as_str())
        .collect();
    assert_eq!(names, ["backend/api/server", "frontend"]);

    let detail = client
        .repository("team", "backend/api/server")
        .await
        .expect("detail")
        .value;
    assert_eq!(detail.repository_name, "backend/api/server");
    assert_eq!(detail.project_name, "team");
    assert_eq!(detail.summary, "API server");
    assert_eq!(detail.detail, "摘要 and detail, up to 256 characters");
    assert_eq!(detail.image_tag_count, Some(0));

    let filtered = client
        .list_repositories("team", &PageRequest::default().filtered("api"))
        .await
        .expect("filter")
        .value;
    assert_eq!(filtered.total, 1);
    let paged = client
        .list_repositories("team", &PageRequest::new(2, 1))
        .await
        .expect("page 2")
        .value;
    assert_eq!(paged.items.len(), 1);
    assert_eq!(paged.items[0].repository_name, "frontend");
    let past = client
        .list_repositories("team", &PageRequest::new(3, 1))
        .await
        .expect("past the end")
        .value;
    assert!(past.items.is_empty());
    assert_eq!(past.total, 2);

    client
        .delete_repository("team", "backend/api/server")
        .await
        .expect("delete");
    let gone = client
        .repository("team", "backend/api/server")
        .await
        .unwrap_err();
    assert_ccr(&gone, &CcrCode::NotExists, 404);
    let again = client
        .delete_repository("team", "backend/api/server")
        .await
        .unwrap_err();
    assert_ccr(&again, &CcrCode::NotExists, 404);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn repository_errors() {
    let sandbox = sandbox().await;
    let client = admin(&sandbox);
    client
        .create_project(&project("rules"))
        .await
        .expect("project");

    let missing_project = client
        .create_repository("no-such-project", &repository("app"))
        .await
        .unwrap_err();
    assert_ccr(&missing_project, &CcrCode::NotExists, 404);
    let missing_list = client
        .list_repositories("no-such-project", &PageRequest::default())
        .await
        .unwrap_err();
    assert_ccr(&missing_list, &CcrCode::NotExists, 404);

    for bad in ["a", "a//b", "/lead", "trail-", "Upper", "has space"] {
        let error = client
            .create_repository("rules", &repository(bad))
            .await
            .unwrap_err();
        assert_ccr(&error, &CcrCode::ParamError, 400);
    }
    let long_summary = NewRepository {
        summary: "s".repeat(101),
        ..repository("texts")
    };
    let error = client
        .create_repository("rules", &long_summary)
        .await
        .unwrap_err();
    assert_ccr(&error, &CcrCode::ParamError, 400);
    let long_detail = NewRepository {
        detail: "d".repeat(257),
        ..repository("texts")
    };
    let error = client
        .create_repository("rules", &long_detail)
        .await
        .unwrap_err();
    assert_ccr(&error, &CcrCode::ParamError, 400);
    let longest = NewRepository {
        summary: "摘".repeat(100),
        detail: "d".repeat(256),
        ..repository("texts")
    };
    client
        .create_repository("rules", &longest)
        .await
        .expect("limits are inclusive");

    let duplicate = client
        .create_repository("rules", &repository("texts"))
        .await
        .unwrap_err();
    assert_ccr(&duplicate, &CcrCode::AlreadyExists, 409);
}

/// Every artifact of the demo data, with its project and repository.
async fn all_artifacts(client: &CcrClient) -> Vec<(String, String, Artifact)> {
    let mut out = Vec::new();
    let projects = client
        .list_projects(&PageRequest::everything())
        .await
        .expect("projects");
    for project in projects.value.items {
        let repositories = client
            .list_repositories(&project.project_name, &PageRequest::new(1, 100))
            .await
            .expect("repositories");
        for repository in repositories.value.items {
            let artifacts = client
                .list_artifacts(
                    &project.project_name,
                    &repository.repository_name,
                    &PageRequest::new(1, 100),
                )
                .await
                .expect("artifacts");
            for artifact in artifacts.value.items {
                out.push((
                    project.project_name.clone(),
                    repository.repository_name.clone(),
                    artifact,
                ));
            }
        }
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn demo_artifacts_show_platforms_tags_and_untagged_images() {
    let sandbox = sandbox().await;
    let client = admin(&sandbox);
    let artifacts = all_artifacts(&client).await;

    let index = artifacts
        .iter()
        .map(|(_, _, a)| a)
        .find(|a| a.is_index())
        .expect("the demo data has a multi-platform index");
    let platforms = index.platforms();
    assert!(
        platforms.contains(&"linux/amd64".to_owned()),
        "{platforms:?}"
    );
    assert!(
        platforms.contains(&"linux/arm64".to_owned()),
        "{platforms:?}"
    );
    assert!(
        index
            .references
            .iter()
            .all(|r| ccr_desk::contract::digest(&r.child_digest).is_ok())
    );

    let single = artifacts
        .iter()
        .map(|(_, _, a)| a)
        .find(|a| !a.is_index() && !a.platforms().is_empty())
        .expect("a single-platform image");
    assert_eq!(single.platforms().len(), 1);
    assert!(
        artifacts.iter().any(|(_, _, a)| a.tags.is_empty()),
        "an untagged artifact"
    );
    assert!(
        artifacts.iter().any(|(_, _, a)| a.tags.len() >= 2),
        "several tags on one artifact"
    );
    assert!(
        artifacts.iter().any(|(_, r, _)| r.contains('/')),
        "a multi-level repository"
    );
    for (_, _, artifact) in &artifacts {
        assert!(
            ccr_desk::contract::digest(&artifact.digest).is_ok(),
            "{}",
            artifact.digest
        );
        assert!(artifact.size.is_some_and(|s| s > 0));
        assert!(
            artifact
                .push_time
                .as_ref()
                .and_then(ccr_desk::api::models::Timestamp::utc)
                .is_some()
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn artifacts_page_and_delete_by_digest() {
    let sandbox = sandbox().await;
    let client = admin(&sandbox);
    let artifacts = all_artifacts(&client).await;
    // The repository with the most artifacts, to page through it.
    let mut counts = std::collections::BTreeMap::<(String, String), usize>::new();
    for (p, r, _) in &artifacts {
        *counts.entry((p.clone(), r.clone())).or_default() += 1;
    }
    let ((project, repo), count) = counts
        .into_iter()
        .max_by_key(|(_, n)| *n)
        .expect("a repository with artifacts");
    assert!(
        count >= 2,
        "the demo data has a repository with several artifacts"
    );

    let first = client
        .list_artifacts(&project, &repo, &PageRequest::new(1, 1))
        .await
        .expect("page 1")
        .value;
    assert_eq!(first.items.len(), 1);
    assert_eq!(first.total, count as u64);
    let past = client
        .list_artifacts(&project, &repo, &PageRequest::new(count as u32 + 1, 1))
        .await
        .expect("past the end")
        .value;
    assert!(past.items.is_empty());

    let victim = first.items[0].digest.clone();
    client
        .delete_artifact(&project, &repo, &victim)
        .await
        .expect("delete by digest");
    let after = client
        .list_artifacts(&project, &repo, &PageRequest::new(1, 100))
        .await
        .expect("list")
        .value;
    assert_eq!(after.total, count as u64 - 1);
    assert!(after.items.iter().all(|a| a.digest != victim));

    let again = client
        .delete_artifact(&project, &repo, &victim)
        .await
        .unwrap_err();
    assert_ccr(&again, &CcrCode::NotExists, 404);
    let missing_repo = client
        .list_artifacts(&project, "no/such/repo", &PageRequest::default())
        .await
        .unwrap_err();
    assert_ccr(&missing_repo, &CcrCode::NotExists, 404);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_malformed_digest_is_refused_before_any_request() {
    // Nothing listens on this client's port: had a request been sent, the error would be a
    // transport error.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    let endpoint =
        ccr_desk::api::config::parse_endpoint(&format!("http://127.0.0.1:{port}")).unwrap();
    let client = CcrClient::new(&ccr_desk::api::ConnectionConfig::new(
        endpoint,
        "admin",
        secrecy::SecretString::from("x"),
    ))
    .unwrap();
    for bad in ["sha256:xyz", "../../etc/passwd", "sha256:", "latest"] {
        let error = client.delete_artifact("p", "r", bad).await.unwrap_err();
        assert!(
            matches!(error, ApiError::InvalidInput(_)),
            "{bad}: {error:?}"
        );
    }
    let sane = format!("sha256:{}", "0".repeat(64));
    let error = client.delete_artifact("p", "r", &sane).await.unwrap_err();
    assert!(matches!(error, ApiError::Transport { .. }), "{error:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dot_segments_and_empty_names_never_reach_the_server() {
    // `..` as a repository name would resolve to the project's own URL and delete it.
    let sandbox = sandbox().await;
    let client = admin(&sandbox);
    client
        .create_project(&project("victim"))
        .await
        .expect("project");
    for (project_name, repository_name) in [("victim", ".."), ("victim", "."), ("victim", "")] {
        let error = client
            .delete_repository(project_name, repository_name)
            .await
            .unwrap_err();
        assert!(
            matches!(error, ApiError::InvalidInput(_)),
            "{repository_name:?}: {error:?}"
        );
    }
    for name in ["..", ".", ""] {
        let error = client.delete_project(name).await.unwrap_err();
        assert!(
            matches!(error, ApiError::InvalidInput(_)),
            "{name:?}: {error:?}"
        );
        let error = client
            .list_repositories(name, &PageRequest::default())
            .await
            .unwrap_err();
        assert!(
            matches!(error, ApiError::InvalidInput(_)),
            "{name:?}: {error:?}"
        );
    }
    let (names, _) = project_names(&client, &PageRequest::default().filtered("victim")).await;
    assert_eq!(names, ["victim"], "the project is untouched");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn invalid_names_in_paths_are_the_servers_400() {
    let sandbox = sandbox().await;
    let client = admin(&sandbox);
    let error = client
        .repository("library", "UPPER/Case")
        .await
        .unwrap_err();
    assert_ccr(&error, &CcrCode::ParamError, 400);
    let error = client
        .list_artifacts("library", "a//b", &PageRequest::default())
        .await
        .unwrap_err();
    assert_ccr(&error, &CcrCode::ParamError, 400);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_child_of_an_index_cannot_be_deleted_alone() {
    let sandbox = sandbox().await;
    let client = admin(&sandbox);
    let (project, repo, index) = all_artifacts(&client)
        .await
        .into_iter()
        .find(|(_, _, a)| a.is_index())
        .expect("an index in the demo data");
    let child = &index.references[0].child_digest;
    let refused = client
        .delete_artifact(&project, &repo, child)
        .await
        .unwrap_err();
    assert_ccr(&refused, &CcrCode::ForbidOperate, 403);

    client
        .delete_artifact(&project, &repo, &index.digest)
        .await
        .expect("the index itself can go");
    let gone = client
        .delete_artifact(&project, &repo, child)
        .await
        .unwrap_err();
    assert_ccr(&gone, &CcrCode::NotExists, 404);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn another_instance_id_is_not_found() {
    let sandbox = sandbox().await;
    let mut config = common::config_for(
        &sandbox,
        ccr_desk::sandbox::ADMIN_USER,
        ccr_desk::sandbox::DEFAULT_ADMIN_PASSWORD,
    );
    config.instance_id = "other-instance".into();
    let error = CcrClient::new(&config)
        .expect("client")
        .list_projects(&PageRequest::default())
        .await
        .unwrap_err();
    assert_ccr(&error, &CcrCode::NotExists, 404);
    assert!(
        error
            .server_message()
            .is_some_and(|m| m.contains("other-instance")),
        "{error:?}"
    );
}

#[test]
fn an_endpoint_built_by_hand_is_checked_again() {
    // Plain http to a remote host would send the password in clear text.
    let remote = reqwest::Url::parse("http://registry.example.com").expect("url");
    let config =
        ccr_desk::api::ConnectionConfig::new(remote, "admin", secrecy::SecretString::from("pw"));
    let error = CcrClient::new(&config).unwrap_err();
    assert!(
        matches!(
            error,
            ApiError::Config(ccr_desk::api::ConfigError::Endpoint(_))
        ),
        "{error:?}"
    );
    let with_query = reqwest::Url::parse("https://registry.example.com/?x=1").expect("url");
    let config = ccr_desk::api::ConnectionConfig::new(
        with_query,
        "admin",
        secrecy::SecretString::from("pw"),
    );
    assert!(CcrClient::new(&config).is_err());
}
