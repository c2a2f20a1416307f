//! The registry index against the sandbox over real HTTP: a crawl equals the registry, cancel
//! and resume, deletions made elsewhere, changes made from the app, search, version order,
//! storage totals, backoff, and files that are corrupt or of another version.

#![allow(clippy::expect_used)] // a test that cannot go on says why, and fails

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use ccr_desk::api::models::{Artifact, Page, Tag, Timestamp};
use ccr_desk::api::{CcrClient, ConnectionConfig, NewProject, NewRepository, PageRequest};
use ccr_desk::index::storage::{StorageColumn, StorageTableQuery};
use ccr_desk::index::{
    self, ArtifactOrder, ArtifactQuery, ChartQuery, CrawlError, CrawlOutcome, CrawlProgress,
    CrawlReport, CrawlScope, CrawlSettings, Index, ListingTarget, Opened, ProjectQuery,
    RebuildReason, RepositoryQuery, SortDirection,
};
use ccr_desk::sandbox::{self, RunningSandbox};
use ccr_desk::version_order::compare_versions;
use common::{admin, chart_archive, sandbox};
use secrecy::SecretString;
use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
use tokio_util::sync::CancellationToken;

// ---- what the registry holds, read two ways -------------------------------------------------

/// An artifact's facts that the index must keep.
#[derive(Debug, Clone, PartialEq, Eq)]
struct ArtifactFacts {
    size: Option<i64>,
    tags: Vec<String>,
    platforms: Vec<String>,
    references: Vec<String>,
    push: String,
    pull: String,
    media_type: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct RepositoryFacts {
    tag_count: Option<i64>,
    artifacts: BTreeMap<String, ArtifactFacts>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct ProjectFacts {
    storage_used: Option<i64>,
    quota: Option<i64>,
    repositories: BTreeMap<String, RepositoryFacts>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
struct Registry {
    projects: BTreeMap<String, ProjectFacts>,
    charts: BTreeSet<(String, String, Option<String>, Option<i64>)>,
}

fn time(t: Option<&Timestamp>) -> String {
    match t {
        Some(Timestamp::At(at)) => at.timestamp_millis().to_string(),
        Some(Timestamp::Never) => "never".to_owned(),
        Some(Timestamp::Unparsed(_)) | None => "unknown".to_owned(),
    }
}

fn facts(artifact: &Artifact) -> ArtifactFacts {
    ArtifactFacts {
        size: artifact.size,
        tags: artifact.tags.iter().map(|t| t.name.clone()).collect(),
        platforms: artifact.platforms(),
        references: artifact
            .references
            .iter()
            .map(|r| r.child_digest.clone())
            .collect(),
        push: time(artifact.push_time.as_ref()),
        pull: time(artifact.pull_time.as_ref()),
        media_type: artifact.manifest_media_type.clone(),
    }
}

/// Every page of a listing, straight from the server, 100 at a time.
async fn all<T, F, Fut>(mut list: F) -> Vec<T>
where
    F: FnMut(PageRequest) -> Fut,
    Fut: std::future::Future<Output = Page<T>>,
{
    let mut items = Vec::new();
    let mut page_number = 1;
    loop {
        let page = list(PageRequest::new(page_number, 100)).await;
        let total = page.total;
        let empty = page.items.is_empty();
        items.extend(page.items);
        if empty || items.len() as u64 >= total {
            return items;
        }
        page_number += 1;
    }
}

/// The registry as the server lists it, read independently of the index.
async fn registry_of(client: &CcrClient) -> Registry {
    let mut registry = Registry::default();
    let projects = all(|request| async move {
        client
            .list_projects(&request)
            .await
            .expect("projects")
            .value
    })
    .await;
    for project in projects {
        let name = project.project_name.clone();
        let repositories = all(|request| {
            let name = name.clone();
            async move {
                client
                    .list_repositories(&name, &request)
                    .await
                    .expect("repositories")
                    .value
            }
        })
        .await;
        let mut facts_of_repositories = BTreeMap::new();
        for repository in repositories {
            let repository_name = repository.repository_name.clone();
            let artifacts = all(|request| {
                let (name, repository_name) = (name.clone(), repository_name.clone());
                async move {
                    client
                        .list_artifacts(&name, &repository_name, &request)
                        .await
                        .expect("artifacts")
                        .value
                }
            })
            .await;
            facts_of_repositories.insert(
                repository_name,
                RepositoryFacts {
                    tag_count: repository.image_tag_count,
                    artifacts: artifacts
                        .iter()
                        .map(|a| (a.digest.clone(), facts(a)))
                        .collect(),
                },
            );
        }
        registry.projects.insert(
            name,
            ProjectFacts {
                storage_used: project.storage_used,
                quota: project.quota,
                repositories: facts_of_repositories,
            },
        );
    }
    let charts =
        all(|request| async move { client.list_charts(&request).await.expect("charts").value })
            .await;
    registry.charts = charts
        .into_iter()
        .map(|c| (c.project_name, c.name, c.latest_version, c.total_versions))
        .collect();
    registry
}

/// The registry as the index holds it, read through its windows.
fn registry_in(index: &Index) -> Registry {
    let mut registry = Registry::default();
    let projects = index
        .projects(&ProjectQuery {
            limit: 1000,
            ..ProjectQuery::default()
        })
        .expect("projects");
    assert!(projects.total < 1000, "the test registry fits one window");
    for project in projects.rows {
        let name = project.project.project_name.clone();
        let repositories = index
            .repositories(
                &name,
                &RepositoryQuery {
                    limit: 1000,
                    ..RepositoryQuery::default()
                },
            )
            .expect("repositories");
        let mut facts_of_repositories = BTreeMap::new();
        for repository in repositories.rows {
            let repository_name = repository.repository.repository_name.clone();
            let artifacts = index
                .artifacts(
                    &name,
                    &repository_name,
                    &ArtifactQuery {
                        limit: 1000,
                        ..ArtifactQuery::default()
                    },
                )
                .expect("artifacts");
            assert_eq!(artifacts.total as usize, artifacts.rows.len());
            facts_of_repositories.insert(
                repository_name,
                RepositoryFacts {
                    tag_count: repository.repository.image_tag_count,
                    artifacts: artifacts
                        .rows
                        .iter()
                        .map(|a| (a.artifact.digest.clone(), facts(&a.artifact)))
                        .collect(),
                },
            );
        }
        registry.projects.insert(
            name,
            ProjectFacts {
                storage_used: project.project.storage_used,
                quota: project.project.quota,
                repositories: facts_of_repositories,
            },
        );
    }
    registry.charts = index
        .charts(&ChartQuery {
            limit: 1000,
            ..ChartQuery::default()
        })
        .expect("charts")
        .rows
        .into_iter()
        .map(|c| {
            (
                c.chart.project_name,
                c.chart.name,
                c.chart.latest_version,
                c.chart.total_versions,
            )
        })
        .collect();
    registry
}

// ---- helpers ----------------------------------------------------------------------------------

/// Small pages so that every listing of the demo registry takes several.
fn small_pages() -> CrawlSettings {
    CrawlSettings {
        page_size: 2,
        first_backoff: Duration::from_millis(5),
        max_backoff: Duration::from_millis(20),
        ..CrawlSettings::default()
    }
}

async fn crawl(
    index: &Index,
    client: &CcrClient,
    scope: CrawlScope,
    settings: CrawlSettings,
) -> CrawlReport {
    // Spawned as the app spawns it: the crawl is a task of its own.
    tokio::spawn(index::crawl(
        index.clone(),
        client.clone(),
        scope,
        settings,
        CancellationToken::new(),
        |_: &CrawlProgress| {},
    ))
    .await
    .expect("the crawl task ends")
    .expect("the crawl ends without an error")
}

async fn crawled(sandbox: &RunningSandbox, dir: &Path) -> (Index, CcrClient) {
    let client = admin(sandbox);
    let index = Index::open(dir.join("index.sqlite")).expect("open");
    let report = crawl(&index, &client, CrawlScope::Registry, small_pages()).await;
    assert_eq!(report.outcome, CrawlOutcome::Finished);
    (index, client)
}

fn new_project(name: &str) -> NewProject {
    NewProject {
        name: name.to_owned(),
        is_public: false,
        quota: 5 * 1024 * 1024 * 1024,
    }
}

fn new_repository(name: &str) -> NewRepository {
    NewRepository {
        repository_name: name.to_owned(),
        summary: "made by a test".to_owned(),
        detail: String::new(),
    }
}

fn artifacts_of(index: &Index, project: &str, repository: &str) -> Vec<Artifact> {
    index
        .artifacts(
            project,
            repository,
            &ArtifactQuery {
                limit: 1000,
                ..ArtifactQuery::default()
            },
        )
        .expect("artifacts")
        .rows
        .into_iter()
        .map(|a| a.artifact)
        .collect()
}

fn tagged<'a>(artifacts: &'a [Artifact], tag: &str) -> &'a Artifact {
    artifacts
        .iter()
        .find(|a| a.tags.iter().any(|t| t.name == tag))
        .expect("an artifact with the tag")
}

fn tag_count(index: &Index, project: &str, repository: &str) -> Option<i64> {
    index
        .repositories(
            project,
            &RepositoryQuery {
                name_contains: repository.to_owned(),
                limit: 1,
                ..RepositoryQuery::default()
            },
        )
        .expect("repositories")
        .rows[0]
        .repository
        .image_tag_count
}

fn files_hold(dir: &Path, needle: &[u8]) -> Vec<String> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).expect("read_dir") {
        let path = entry.expect("entry").path();
        let bytes = std::fs::read(&path).expect("read");
        if bytes.windows(needle.len()).any(|w| w == needle) {
            found.push(path.display().to_string());
        }
    }
    found
}

// ---- the tests --------------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_crawl_of_the_registry_equals_the_registry() {
    let sandbox = sandbox().await;
    let client = admin(&sandbox);
    // More repositories than one page holds, a multi-level one among them, and another chart.
    client
        .create_project(&new_project("crowded"))
        .await
        .expect("project");
    for name in ["aa", "bb/cc", "dd/ee/ff", "gg", "hh"] {
        client
            .create_repository("crowded", &new_repository(name))
            .await
            .expect("repository");
    }
    sandbox
        .import_chart(chart_archive("crowd-chart", "0.3.1", 0), "crowded")
        .await
        .expect("chart");

    let dir = tempfile::tempdir().expect("tempdir");
    let index = Index::open(dir.path().join("index.sqlite")).expect("open");
    assert_eq!(index.opened(), &Opened::Created);
    let mut seen = Vec::new();
    let report = index::crawl(
        index.clone(),
        client.clone(),
        CrawlScope::Registry,
        small_pages(),
        CancellationToken::new(),
        |progress: &CrawlProgress| seen.push(progress.clone()),
    )
    .await
    .expect("crawl");

    assert_eq!(report.outcome, CrawlOutcome::Finished);
    assert!(!report.resumed);
    assert_eq!(report.inconsistent_listings, 0);
    let expected = registry_of(&client).await;
    let indexed = registry_in(&index);
    assert_eq!(
        indexed, expected,
        "every project, repository, artifact, tag and size"
    );
    assert!(
        expected.projects["demo"].repositories["team/backend/api"]
            .artifacts
            .len()
            > 2,
        "a listing of several pages"
    );

    let last = &report.progress;
    assert!(last.totals_final);
    assert_eq!(last.items_done(), last.items_expected());
    let artifact_count: usize = expected
        .projects
        .values()
        .flat_map(|p| p.repositories.values())
        .map(|r| r.artifacts.len())
        .sum();
    assert_eq!(last.artifacts.done as usize, artifact_count);
    assert_eq!(last.projects.done as usize, expected.projects.len());
    assert_eq!(last.charts.done as usize, expected.charts.len());
    assert_eq!(last.retries, 0);
    assert!(
        seen.windows(2)
            .all(|w| w[0].items_done() <= w[1].items_done()),
        "progress only moves forward"
    );
    assert!(seen.len() > 10, "progress after every page: {}", seen.len());

    let freshness = index.freshness().expect("freshness");
    assert!(freshness.last_complete_crawl_ms.is_some());
    assert!(!freshness.crawl_unfinished);
    assert_eq!(freshness.repositories_not_listed, 0);

    // Never a password in the file, open or closed.
    for password in [sandbox::DEFAULT_ADMIN_PASSWORD, sandbox::VIEWER_PASSWORD] {
        assert!(files_hold(dir.path(), password.as_bytes()).is_empty());
    }
    drop(index);
    for password in [sandbox::DEFAULT_ADMIN_PASSWORD, sandbox::VIEWER_PASSWORD] {
        assert!(files_hold(dir.path(), password.as_bytes()).is_empty());
    }
    let reopened = Index::open(dir.path().join("index.sqlite")).expect("reopen");
    assert_eq!(reopened.opened(), &Opened::Existing);
    assert_eq!(
        registry_in(&reopened),
        expected,
        "the index outlives the process"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cancelled_crawl_resumes_where_it_stopped() {
    let sandbox = sandbox().await;
    let client = admin(&sandbox);
    let one_by_one = CrawlSettings {
        page_size: 1,
        concurrency: 1,
        ..small_pages()
    };

    // The cost of a whole crawl, for comparison.
    let dir = tempfile::tempdir().expect("tempdir");
    let whole = Index::open(dir.path().join("whole.sqlite")).expect("open");
    let full = crawl(&whole, &client, CrawlScope::Registry, one_by_one.clone()).await;

    let index = Index::open(dir.path().join("index.sqlite")).expect("open");
    let cancel = CancellationToken::new();
    let trigger = cancel.clone();
    let report = index::crawl(
        index.clone(),
        client.clone(),
        CrawlScope::Registry,
        one_by_one.clone(),
        cancel,
        move |progress: &CrawlProgress| {
            if progress.artifacts.done >= 4 {
                trigger.cancel();
            }
        },
    )
    .await
    .expect("crawl");
    assert_eq!(report.outcome, CrawlOutcome::Cancelled);
    assert!(report.progress.artifacts.done >= 4);
    let stopped = index.freshness().expect("freshness");
    assert!(stopped.crawl_unfinished);
    assert!(stopped.last_complete_crawl_ms.is_none());
    assert!(stopped.repositories_not_listed > 0, "{stopped:?}");
    assert!(stopped.artifacts > 0, "what was written stays");

    let resumed = crawl(&index, &client, CrawlScope::Registry, one_by_one).await;
    assert_eq!(resumed.outcome, CrawlOutcome::Finished);
    assert!(resumed.resumed);
    assert!(resumed.progress.listings_skipped > 0, "{resumed:?}");
    assert!(
        resumed.progress.requests < full.progress.requests,
        "the resumed run skips finished listings: {} of {}",
        resumed.progress.requests,
        full.progress.requests
    );
    assert_eq!(
        resumed.progress.items_done(),
        resumed.progress.items_expected()
    );
    assert_eq!(
        resumed.progress.artifacts.done,
        full.progress.artifacts.done
    );
    let expected = registry_of(&client).await;
    assert_eq!(registry_in(&index), expected);
    assert_eq!(registry_in(&whole), expected);
    let done = index.freshness().expect("freshness");
    assert!(!done.crawl_unfinished);
    assert!(done.last_complete_crawl_ms.is_some());

    // A finished run is not resumed: the next crawl starts over.
    let again = crawl(&index, &client, CrawlScope::Registry, small_pages()).await;
    assert!(!again.resumed);
    assert_eq!(again.progress.listings_skipped, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn deletions_made_elsewhere_disappear_after_a_reindex() {
    let sandbox = sandbox().await;
    let dir = tempfile::tempdir().expect("tempdir");
    let (index, client) = crawled(&sandbox, dir.path()).await;
    let elsewhere = admin(&sandbox);

    let nginx = artifacts_of(&index, "library", "nginx");
    let latest = tagged(&nginx, "latest").digest.clone();
    elsewhere
        .delete_artifact("library", "nginx", &latest)
        .await
        .expect("delete artifact");
    elsewhere
        .delete_repository("demo", "tools/ci-runner")
        .await
        .expect("delete repository");
    elsewhere
        .delete_project("playground")
        .await
        .expect("delete project");
    assert_eq!(
        artifacts_of(&index, "library", "nginx").len(),
        nginx.len(),
        "the index does not know yet"
    );

    // One repository.
    let report = crawl(
        &index,
        &client,
        CrawlScope::Repository {
            project: "library".into(),
            repository: "nginx".into(),
        },
        small_pages(),
    )
    .await;
    assert_eq!(report.outcome, CrawlOutcome::Finished);
    assert_eq!(report.removed, 1);
    let left = artifacts_of(&index, "library", "nginx");
    assert_eq!(left.len(), nginx.len() - 1);
    assert!(left.iter().all(|a| a.digest != latest));

    // One project.
    let in_demo = |index: &Index| -> Vec<String> {
        index
            .repositories(
                "demo",
                &RepositoryQuery {
                    limit: 100,
                    ..RepositoryQuery::default()
                },
            )
            .expect("repositories")
            .rows
            .into_iter()
            .map(|r| r.repository.repository_name)
            .collect()
    };
    assert!(in_demo(&index).contains(&"tools/ci-runner".to_owned()));
    let report = crawl(
        &index,
        &client,
        CrawlScope::Project("demo".into()),
        small_pages(),
    )
    .await;
    assert_eq!(report.outcome, CrawlOutcome::Finished);
    assert_eq!(in_demo(&index), ["team/backend/api", "team/frontend/web"]);

    // A repository that is gone, re-indexed by name.
    let gone = crawl(
        &index,
        &client,
        CrawlScope::Repository {
            project: "library".into(),
            repository: "no-such-repository".into(),
        },
        small_pages(),
    )
    .await;
    assert_eq!(gone.outcome, CrawlOutcome::Gone);

    // The whole registry.
    let names = |index: &Index| -> Vec<String> {
        index
            .projects(&ProjectQuery {
                limit: 100,
                ..ProjectQuery::default()
            })
            .expect("projects")
            .rows
            .into_iter()
            .map(|p| p.project.project_name)
            .collect()
    };
    assert!(names(&index).contains(&"playground".to_owned()));
    let report = crawl(&index, &client, CrawlScope::Registry, small_pages()).await;
    assert_eq!(report.outcome, CrawlOutcome::Finished);
    assert!(!names(&index).contains(&"playground".to_owned()));
    assert_eq!(registry_in(&index), registry_of(&client).await);

    // A project that is gone, re-indexed by name.
    let gone = crawl(
        &index,
        &client,
        CrawlScope::Project("playground".into()),
        small_pages(),
    )
    .await;
    assert_eq!(gone.outcome, CrawlOutcome::Gone);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn changes_from_the_app_are_in_the_index_at_once() {
    let sandbox = sandbox().await;
    let dir = tempfile::tempdir().expect("tempdir");
    let (index, client) = crawled(&sandbox, dir.path()).await;

    // Create a project and a multi-level repository.
    let project = new_project("fresh-one");
    let id = client.create_project(&project).await.expect("create").value;
    index.project_created(&project, id).expect("record");
    let found = index
        .projects(&ProjectQuery {
            name_contains: "FRESH".into(),
            limit: 10,
            ..ProjectQuery::default()
        })
        .expect("projects");
    assert_eq!(found.total, 1);
    assert_eq!(found.rows[0].project.quota, Some(project.quota));
    assert_eq!(found.rows[0].project.id, id);
    let repository = new_repository("a/b/c");
    client
        .create_repository("fresh-one", &repository)
        .await
        .expect("create");
    index
        .repository_created("fresh-one", &repository)
        .expect("record");
    let hits = index.search("fresh-one/a/b", 10).expect("search");
    assert_eq!(hits.repositories.items.len(), 1);
    assert_eq!(hits.repositories.items[0].repository, "a/b/c");

    // Delete an artifact: gone from its window, the repository's tag count follows.
    let nginx = artifacts_of(&index, "library", "nginx");
    let tagged_latest = tagged(&nginx, "latest");
    let tag_count_before = tag_count(&index, "library", "nginx");
    client
        .delete_artifact("library", "nginx", &tagged_latest.digest)
        .await
        .expect("delete");
    let recorded = index
        .artifact_deleted("library", "nginx", &tagged_latest.digest)
        .expect("record");
    assert_eq!(recorded.removed, 1);
    let left = artifacts_of(&index, "library", "nginx");
    assert_eq!(left.len(), nginx.len() - 1);
    let deleted_tags = i64::try_from(tagged_latest.tags.len()).expect("few tags");
    assert_eq!(
        tag_count(&index, "library", "nginx"),
        tag_count_before.map(|n| n - deleted_tags)
    );
    assert!(index.search("1.25.2", 10).expect("search").tags.total == 0);

    // Delete a chart, a repository and the project.
    client
        .delete_chart("library", "redis")
        .await
        .expect("delete");
    index.chart_deleted("library", "redis").expect("record");
    assert_eq!(index.search("redis", 10).expect("search").charts.total, 0);
    client
        .delete_repository("fresh-one", "a/b/c")
        .await
        .expect("delete");
    index
        .repository_deleted("fresh-one", "a/b/c")
        .expect("record");
    client.delete_project("fresh-one").await.expect("delete");
    index.project_deleted("fresh-one").expect("record");
    assert_eq!(
        index
            .search("fresh-one", 10)
            .expect("search")
            .projects
            .total,
        0
    );
}

/// A page the app shows refreshes the index: a whole list removes what another client deleted;
/// a partial page only writes what it holds.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_page_the_app_shows_refreshes_its_rows() {
    let sandbox = sandbox().await;
    let dir = tempfile::tempdir().expect("tempdir");
    let (index, client) = crawled(&sandbox, dir.path()).await;
    let api = artifacts_of(&index, "demo", "team/backend/api");
    let untagged = api
        .iter()
        .find(|a| a.tags.is_empty())
        .expect("an untagged artifact")
        .digest
        .clone();
    admin(&sandbox)
        .delete_artifact("demo", "team/backend/api", &untagged)
        .await
        .expect("delete elsewhere");
    let partial = PageRequest::new(1, 1);
    let page = client
        .list_artifacts("demo", "team/backend/api", &partial)
        .await
        .expect("page")
        .value;
    let recorded = index
        .record_artifacts_page("demo", "team/backend/api", &page, &partial)
        .expect("record");
    assert_eq!((recorded.written, recorded.removed), (1, 0));
    assert_eq!(
        artifacts_of(&index, "demo", "team/backend/api").len(),
        api.len()
    );
    let whole = PageRequest::new(1, 100);
    let page = client
        .list_artifacts("demo", "team/backend/api", &whole)
        .await
        .expect("page")
        .value;
    let recorded = index
        .record_artifacts_page("demo", "team/backend/api", &page, &whole)
        .expect("record");
    assert_eq!((recorded.written, recorded.removed), (api.len() - 1, 1));
    assert!(
        artifacts_of(&index, "demo", "team/backend/api")
            .iter()
            .all(|a| a.digest != untagged)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn search_finds_tags_digest_prefixes_multi_level_repositories_and_charts() {
    let sandbox = sandbox().await;
    let dir = tempfile::tempdir().expect("tempdir");
    let (index, _client) = crawled(&sandbox, dir.path()).await;

    let hits = index.search("1.25.2", 10).expect("search");
    assert_eq!(hits.tags.total, 1);
    let tag = &hits.tags.items[0];
    assert_eq!(
        (
            tag.project.as_str(),
            tag.repository.as_str(),
            tag.tag.as_str()
        ),
        ("library", "nginx", "1.25.2")
    );
    let nginx = artifacts_of(&index, "library", "nginx");
    assert_eq!(tag.digest, tagged(&nginx, "1.25.2").digest);
    let freshness = index.freshness().expect("freshness");
    assert!(freshness.last_complete_crawl_ms.is_some());
    assert!(freshness.artifacts > 0);

    // repository:tag
    let hits = index.search("nginx:1.25", 10).expect("search");
    let tags: BTreeSet<&str> = hits.tags.items.iter().map(|t| t.tag.as_str()).collect();
    assert_eq!(tags, BTreeSet::from(["1.25", "1.25.2"]));

    // A digest prefix, with and without sha256:, any case.
    let digest = tag.digest.clone();
    let hex = digest.strip_prefix("sha256:").expect("sha256 digest");
    for query in [
        format!("sha256:{}", &hex[..8]),
        hex[..6].to_ascii_uppercase(),
        hex[..4].to_owned(),
    ] {
        let hits = index.search(&query, 50).expect("search");
        assert!(
            hits.digests
                .items
                .iter()
                .any(|d| d.digest == digest && d.repository == "nginx" && d.child_digest.is_none()),
            "{query}: {hits:?}"
        );
        let hit = hits
            .digests
            .items
            .iter()
            .find(|d| d.digest == digest)
            .expect("hit");
        assert!(hit.tags.contains(&"latest".to_owned()));
    }
    assert_eq!(
        index.search(&hex[..3], 10).expect("search").digests.total,
        0,
        "three digits are too few"
    );

    // A platform image of an index finds the index.
    let busybox = artifacts_of(&index, "library", "busybox");
    let child = busybox[0].references[0].child_digest.clone();
    let hits = index
        .search(&child["sha256:".len()..][..12], 10)
        .expect("search");
    let hit = hits
        .digests
        .items
        .iter()
        .find(|d| d.child_digest.as_deref() == Some(child.as_str()))
        .expect("the index of the platform image");
    assert_eq!(hit.digest, busybox[0].digest);
    assert_eq!(hit.repository, "busybox");

    // Multi-level repositories, by a middle part and by the full path.
    let hits = index.search("backend", 10).expect("search");
    assert_eq!(hits.repositories.total, 1);
    assert_eq!(
        (
            hits.repositories.items[0].project.as_str(),
            hits.repositories.items[0].repository.as_str()
        ),
        ("demo", "team/backend/api")
    );
    let hits = index.search("demo/team/frontend", 10).expect("search");
    assert_eq!(hits.repositories.items[0].repository, "team/frontend/web");

    // Projects and charts.
    let hits = index.search("ml-", 10).expect("search");
    assert_eq!(hits.projects.items[0].project, "ml-models");
    let hits = index.search("web-app", 10).expect("search");
    assert_eq!(hits.charts.total, 1);
    assert_eq!(hits.charts.items[0].project, "demo");
    assert_eq!(
        hits.charts.items[0].latest_version.as_deref(),
        Some("1.0.0-rc.1")
    );

    assert!(
        index
            .search("no-such-thing-anywhere", 10)
            .expect("search")
            .is_empty()
    );
    let empty = index.search("   ", 10).expect("search");
    assert!(empty.is_empty());
}

fn artifact(digest_seed: u32, tags: &[&str], size: i64, pull: Option<Timestamp>) -> Artifact {
    let at = |minutes: i64| {
        Timestamp::At(
            chrono::DateTime::from_timestamp(1_700_000_000 + minutes * 60, 0)
                .expect("time")
                .fixed_offset(),
        )
    };
    Artifact {
        digest: format!("sha256:{digest_seed:064x}"),
        artifact_type: "IMAGE".into(),
        manifest_media_type: "application/vnd.oci.image.manifest.v1+json".into(),
        size: Some(size),
        push_time: Some(at(i64::from(digest_seed))),
        pull_time: pull,
        tags: tags
            .iter()
            .map(|name| Tag {
                name: (*name).to_owned(),
                ..Tag::default()
            })
            .collect(),
        ..Artifact::default()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_registry_sorts_by_each_artifacts_greatest_tag() {
    // The demo registry: greatest tag per artifact in version order, untagged last.
    let sandbox = sandbox().await;
    let dir = tempfile::tempdir().expect("tempdir");
    let (index, _client) = crawled(&sandbox, dir.path()).await;
    let by_tag = |direction| -> Vec<Vec<String>> {
        index
            .artifacts(
                "demo",
                "team/backend/api",
                &ArtifactQuery {
                    order: ArtifactOrder::Tag,
                    direction,
                    limit: 10,
                    ..ArtifactQuery::default()
                },
            )
            .expect("artifacts")
            .rows
            .into_iter()
            .map(|a| {
                let mut tags: Vec<String> = a.artifact.tags.into_iter().map(|t| t.name).collect();
                tags.sort();
                tags
            })
            .collect()
    };
    let empty: Vec<String> = Vec::new();
    // "stable" is text, after every number: the artifact's greatest tag.
    assert_eq!(
        by_tag(SortDirection::Ascending),
        [
            vec!["v1.4.0".to_owned()],
            vec!["stable".into(), "v1.4.1".into()],
            empty.clone()
        ]
    );
    assert_eq!(
        by_tag(SortDirection::Descending),
        [
            vec!["stable".to_owned(), "v1.4.1".into()],
            vec!["v1.4.0".into()],
            empty
        ]
    );
}

/// A repository recorded page by page, without a server: tags whose text order is not their
/// version order, untagged artifacts, never-pulled and unknown pull times.
fn local_repository(dir: &Path) -> Index {
    let local = Index::open(dir.join("local.sqlite")).expect("open");
    let never = Some(Timestamp::Never);
    let mut artifacts: Vec<Artifact> = LOCAL_TAGS
        .iter()
        .zip(1_u32..)
        .map(|(tag, seed)| {
            let pull = if seed % 3 == 0 { never.clone() } else { None };
            artifact(seed, &[tag], i64::from(seed) * 1000 % 7001, pull)
        })
        .collect();
    artifacts.push(artifact(100, &[], 50, never.clone()));
    artifacts.push(artifact(101, &[], 60, None));
    let total = i64::try_from(artifacts.len()).expect("few");
    for (page_number, chunk) in (1..).zip(artifacts.chunks(3)) {
        let page = Page::new(chunk.to_vec(), Some(total));
        local
            .record_artifacts_page("p", "r", &page, &PageRequest::new(page_number, 3))
            .expect("record");
    }
    local
}

const LOCAL_TAGS: [&str; 8] = [
    "1.9.0",
    "1.10.0",
    "1.10.0-rc.1",
    "v1.2.0",
    "0.10.1",
    "latest",
    "2.0.0-alpha",
    "1.10.0-rc.2",
];

fn window_of(local: &Index, query: ArtifactQuery) -> index::Window<index::IndexedArtifact> {
    local
        .artifacts(
            "p",
            "r",
            &ArtifactQuery {
                limit: if query.limit == 0 { 100 } else { query.limit },
                ..query
            },
        )
        .expect("artifacts")
}

fn first_tags(local: &Index, query: ArtifactQuery) -> Vec<String> {
    window_of(local, query)
        .rows
        .into_iter()
        .filter_map(|a| a.artifact.tags.first().map(|t| t.name.clone()))
        .collect()
}

#[test]
fn a_whole_repository_sorts_by_version() {
    let dir = tempfile::tempdir().expect("tempdir");
    let local = local_repository(dir.path());
    let window = |query| window_of(&local, query);
    let first_tags = |query| first_tags(&local, query);
    let tags = LOCAL_TAGS;
    let mut in_version_order: Vec<String> = tags.iter().map(|t| (*t).to_owned()).collect();
    in_version_order.sort_by(|a, b| compare_versions(a, b));
    let ascending = first_tags(ArtifactQuery {
        order: ArtifactOrder::Tag,
        ..ArtifactQuery::default()
    });
    assert_eq!(ascending, in_version_order);
    assert_eq!(
        ascending[..4],
        ["0.10.1", "v1.2.0", "1.9.0", "1.10.0-rc.1"],
        "numbers as numbers, a pre-release before its release"
    );
    let descending = first_tags(ArtifactQuery {
        order: ArtifactOrder::Tag,
        direction: SortDirection::Descending,
        ..ArtifactQuery::default()
    });
    in_version_order.reverse();
    assert_eq!(descending, in_version_order);
    let all_rows = window(ArtifactQuery {
        order: ArtifactOrder::Tag,
        direction: SortDirection::Descending,
        ..ArtifactQuery::default()
    });
    assert_eq!(all_rows.total, 10);
    assert!(
        all_rows.rows[8..]
            .iter()
            .all(|a| a.artifact.tags.is_empty()),
        "untagged last in both directions"
    );

    // A window is a slice of the whole order.
    let slice = window(ArtifactQuery {
        order: ArtifactOrder::Tag,
        offset: 2,
        limit: 3,
        ..ArtifactQuery::default()
    });
    assert_eq!(slice.total, 10);
    assert_eq!(slice.offset, 2);
    let in_version_order: Vec<String> = in_version_order.into_iter().rev().collect();
    assert_eq!(
        slice
            .rows
            .iter()
            .map(|a| a.artifact.tags[0].name.clone())
            .collect::<Vec<_>>(),
        in_version_order[2..5]
    );
}

#[test]
fn a_whole_repository_sorts_by_size_push_and_pull_time_and_filters_by_tag() {
    let dir = tempfile::tempdir().expect("tempdir");
    let local = local_repository(dir.path());
    let window = |query| window_of(&local, query);
    let never = Some(Timestamp::Never);
    let sizes: Vec<i64> = window(ArtifactQuery {
        order: ArtifactOrder::Size,
        direction: SortDirection::Descending,
        ..ArtifactQuery::default()
    })
    .rows
    .iter()
    .filter_map(|a| a.artifact.size)
    .collect();
    let mut sorted = sizes.clone();
    sorted.sort_unstable_by(|a, b| b.cmp(a));
    assert_eq!(sizes, sorted);
    assert_eq!(sizes.len(), 10);
    let pushes: Vec<i64> = window(ArtifactQuery::default())
        .rows
        .iter()
        .filter_map(|a| a.artifact.push_time.as_ref().and_then(Timestamp::utc))
        .map(|t| t.timestamp())
        .collect();
    assert!(pushes.windows(2).all(|w| w[0] <= w[1]));
    assert_eq!(pushes.len(), 10);
    let pulls: Vec<Option<Timestamp>> = window(ArtifactQuery {
        order: ArtifactOrder::PullTime,
        ..ArtifactQuery::default()
    })
    .rows
    .into_iter()
    .map(|a| a.artifact.pull_time)
    .collect();
    let nevers = pulls.iter().filter(|p| **p == never).count();
    assert!(nevers >= 3);
    assert!(
        pulls[..nevers].iter().all(|p| *p == never),
        "never pulled first: {pulls:?}"
    );
    assert!(pulls[nevers..].iter().all(Option::is_none), "unknown last");

    // The tag filter, and untagged only.
    let filtered = window(ArtifactQuery {
        tag_contains: "1.10".into(),
        order: ArtifactOrder::Tag,
        ..ArtifactQuery::default()
    });
    assert_eq!(filtered.total, 3);
    assert_eq!(filtered.rows[0].artifact.tags[0].name, "1.10.0-rc.1");
    let untagged = window(ArtifactQuery {
        untagged_only: true,
        ..ArtifactQuery::default()
    });
    assert_eq!(untagged.total, 2);

    // A tag the server now puts on another artifact moves there.
    let moved = artifact(200, &["latest"], 1, None);
    local
        .record_artifacts_page(
            "p",
            "r",
            &Page::new(vec![moved], Some(11)),
            &PageRequest::new(4, 3),
        )
        .expect("record");
    let latest = window(ArtifactQuery {
        tag_contains: "latest".into(),
        ..ArtifactQuery::default()
    });
    assert_eq!(latest.total, 1);
    assert_eq!(
        latest.rows[0].artifact.digest,
        format!("sha256:{:064x}", 200)
    );
    assert_eq!(
        window(ArtifactQuery {
            untagged_only: true,
            ..ArtifactQuery::default()
        })
        .total,
        3,
        "the artifact that lost its only tag is untagged now"
    );
}

/// Totals computed in the test from what the server lists.
#[derive(Debug, Default, PartialEq, Eq, Clone, Copy)]
struct Sums {
    artifacts: u64,
    tags: u64,
    untagged: u64,
    size: u64,
}

impl Sums {
    fn of(totals: &index::StorageTotals) -> Self {
        Self {
            artifacts: totals.artifacts,
            tags: totals.tags,
            untagged: totals.untagged_artifacts,
            size: totals.size_bytes,
        }
    }
}

fn sums_of<'a>(repositories: impl IntoIterator<Item = &'a RepositoryFacts>) -> Sums {
    let mut sums = Sums::default();
    for repository in repositories {
        for artifact in repository.artifacts.values() {
            sums.artifacts += 1;
            sums.tags += artifact.tags.len() as u64;
            sums.untagged += u64::from(artifact.tags.is_empty());
            sums.size += u64::try_from(artifact.size.unwrap_or(0)).expect("size");
        }
    }
    sums
}

fn assert_repository_storage(index: &Index, registry: &Registry) {
    for (project, facts) in &registry.projects {
        let rows = index
            .storage_by_repository(
                project,
                &StorageTableQuery {
                    column: StorageColumn::Artifacts,
                    limit: 100,
                    ..StorageTableQuery::default()
                },
            )
            .expect("storage");
        assert_eq!(rows.total as usize, facts.repositories.len());
        assert!(
            rows.rows
                .windows(2)
                .all(|w| (w[0].totals.artifacts, &w[0].repository)
                    <= (w[1].totals.artifacts, &w[1].repository))
        );
        for row in rows.rows {
            let repository = &facts.repositories[&row.repository];
            let expected = sums_of(std::iter::once(repository));
            assert_eq!(
                Sums::of(&row.totals),
                expected,
                "{project}/{}",
                row.repository
            );
            assert_eq!(row.server_tag_count, repository.tag_count);
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn storage_totals_equal_sums_computed_from_the_server() {
    let sandbox = sandbox().await;
    let dir = tempfile::tempdir().expect("tempdir");
    let (index, client) = crawled(&sandbox, dir.path()).await;
    let registry = registry_of(&client).await;

    let storage = index
        .storage_by_project(&StorageTableQuery {
            limit: 100,
            ..StorageTableQuery::default()
        })
        .expect("storage");
    assert_eq!(storage.total as usize, registry.projects.len());
    for row in &storage.rows {
        let facts = &registry.projects[&row.project];
        let expected = sums_of(facts.repositories.values());
        let got = Sums::of(&row.totals);
        assert_eq!(got, expected, "{}", row.project);
        assert_eq!(row.repositories as usize, facts.repositories.len());
        assert_eq!(row.storage_used_mib, facts.storage_used);
        assert_eq!(row.quota_bytes, facts.quota);
        assert!(row.complete);
    }
    assert!(storage.rows.iter().any(|r| r.totals.untagged_artifacts > 0));

    // Sorted by summed size, largest first, ties by name the same way.
    let by_size = index
        .storage_by_project(&StorageTableQuery {
            column: StorageColumn::Size,
            direction: SortDirection::Descending,
            limit: 100,
            ..StorageTableQuery::default()
        })
        .expect("storage");
    let mut expected: Vec<(u64, String)> = registry
        .projects
        .iter()
        .map(|(name, p)| (sums_of(p.repositories.values()).size, name.clone()))
        .collect();
    expected.sort_by(|a, b| b.cmp(a));
    let got: Vec<(u64, String)> = by_size
        .rows
        .iter()
        .map(|r| (r.totals.size_bytes, r.project.clone()))
        .collect();
    assert_eq!(got, expected);
    let by_quota = index
        .storage_by_project(&StorageTableQuery {
            column: StorageColumn::Quota,
            direction: SortDirection::Descending,
            limit: 1,
            ..StorageTableQuery::default()
        })
        .expect("storage");
    assert_eq!(
        by_quota.rows[0].quota_bytes,
        Some(-1),
        "unlimited is the largest"
    );

    assert_repository_storage(&index, &registry);
}

/// A proxy in front of `target` that answers the first `failures` connections with a 503, a
/// 429 or an HTML 502 in turn (and closes them), and passes every later one through.
async fn flaky_proxy(target: SocketAddr, failures: usize) -> (u16, Arc<AtomicUsize>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let port = listener.local_addr().expect("address").port();
    let failed = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&failed);
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            let counter = Arc::clone(&counter);
            tokio::spawn(async move {
                let mut head = Vec::new();
                let mut buf = [0_u8; 4096];
                while !head.windows(4).any(|w| w == b"\r\n\r\n") {
                    match socket.read(&mut buf).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => head.extend_from_slice(&buf[..n]),
                    }
                }
                let n = counter.fetch_add(1, Ordering::SeqCst);
                if n < failures {
                    let envelope =
                        r#"{"code":"CCR.CodeInternalError","message":"busy","requestId":"proxy"}"#;
                    let (status, content_type, body) = match n % 3 {
                        0 => ("503 Service Unavailable", "application/json", envelope),
                        1 => ("429 Too Many Requests", "application/json", envelope),
                        _ => ("502 Bad Gateway", "text/html", "<html>bad gateway</html>"),
                    };
                    let answer = format!(
                        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                        body.len()
                    );
                    let _ = socket.write_all(answer.as_bytes()).await;
                    let _ = socket.shutdown().await;
                    return;
                }
                let Ok(mut upstream) = tokio::net::TcpStream::connect(target).await else {
                    return;
                };
                if upstream.write_all(&head).await.is_err() {
                    return;
                }
                let _ = tokio::io::copy_bidirectional(&mut socket, &mut upstream).await;
            });
        }
    });
    (port, failed)
}

fn client_through(port: u16) -> CcrClient {
    let endpoint = ccr_desk::api::config::parse_endpoint(&format!("http://127.0.0.1:{port}"))
        .expect("endpoint");
    let config = ConnectionConfig::new(
        endpoint,
        sandbox::ADMIN_USER,
        SecretString::from(sandbox::DEFAULT_ADMIN_PASSWORD.to_owned()),
    );
    CcrClient::new(&config).expect("client")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_crawl_backs_off_on_429_and_5xx_and_gives_up_after_its_attempts() {
    let sandbox = sandbox().await;
    let dir = tempfile::tempdir().expect("tempdir");

    let (port, _) = flaky_proxy(sandbox.local_addr(), 5).await;
    let index = Index::open(dir.path().join("flaky.sqlite")).expect("open");
    let report = crawl(
        &index,
        &client_through(port),
        CrawlScope::Registry,
        small_pages(),
    )
    .await;
    assert_eq!(report.outcome, CrawlOutcome::Finished);
    assert_eq!(report.progress.retries, 5, "{report:?}");
    assert_eq!(registry_in(&index), registry_of(&admin(&sandbox)).await);

    let (port, _) = flaky_proxy(sandbox.local_addr(), usize::MAX).await;
    let index = Index::open(dir.path().join("down.sqlite")).expect("open");
    let error = index::crawl(
        index.clone(),
        client_through(port),
        CrawlScope::Registry,
        CrawlSettings {
            max_attempts: 3,
            ..small_pages()
        },
        CancellationToken::new(),
        |_: &CrawlProgress| {},
    )
    .await
    .expect_err("a server that never answers well ends the crawl");
    let CrawlError::Api {
        target,
        page,
        source,
    } = error
    else {
        panic!("an API error: {error:?}");
    };
    assert_eq!((target, page), (ListingTarget::Projects, 1));
    assert!(
        matches!(source.http_status(), Some(429 | 502 | 503)),
        "{source:?}"
    );
    assert!(index.freshness().expect("freshness").crawl_unfinished);
}

/// reqwest opens a connection only when every open one is busy, so the connections a
/// pass-through proxy accepts bound the requests that were in flight at once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_crawl_keeps_at_most_its_setting_of_requests_in_flight() {
    let sandbox = sandbox().await;
    let dir = tempfile::tempdir().expect("tempdir");
    let (port, connections) = flaky_proxy(sandbox.local_addr(), 0).await;
    let index = Index::open(dir.path().join("index.sqlite")).expect("open");
    let settings = CrawlSettings {
        concurrency: 3,
        page_size: 1,
        ..small_pages()
    };
    let report = crawl(
        &index,
        &client_through(port),
        CrawlScope::Registry,
        settings,
    )
    .await;
    assert_eq!(report.outcome, CrawlOutcome::Finished);
    let opened = connections.load(Ordering::SeqCst);
    assert!(report.progress.requests > 20, "{report:?}");
    assert!(
        opened <= 3,
        "{opened} connections for at most 3 requests at once"
    );
    assert!(
        opened >= 2,
        "requests ran in parallel: {opened} connection(s)"
    );
    assert_eq!(registry_in(&index), registry_of(&admin(&sandbox)).await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_corrupt_or_old_version_index_file_is_rebuilt() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("index.sqlite");
    let usable = |index: &Index| {
        let page = Page::new(vec![artifact(1, &["v1"], 10, None)], Some(1));
        index
            .record_artifacts_page("p", "r", &page, &PageRequest::new(1, 10))
            .expect("write");
        assert_eq!(artifacts_of(index, "p", "r").len(), 1);
    };

    // Not a database at all.
    std::fs::write(
        &path,
        b"this is not a database, it is a text file".repeat(200),
    )
    .expect("write");
    let index = Index::open(&path).expect("open");
    assert_eq!(
        index.opened(),
        &Opened::Rebuilt {
            reason: RebuildReason::Corrupt
        }
    );
    usable(&index);
    drop(index);

    // Reopened as it is.
    let index = Index::open(&path).expect("open");
    assert_eq!(index.opened(), &Opened::Existing);
    assert_eq!(artifacts_of(&index, "p", "r").len(), 1);
    // Enough rows for several pages, then a page overwritten with junk.
    let many: Vec<Artifact> = (10..400).map(|n| artifact(n, &["x"], 1, None)).collect();
    index
        .record_artifacts_page(
            "p",
            "big",
            &Page::new(many, Some(390)),
            &PageRequest::new(1, 500),
        )
        .expect("write");
    drop(index);
    let mut bytes = std::fs::read(&path).expect("read");
    assert!(bytes.len() > 8 * 4096, "{}", bytes.len());
    bytes[3 * 4096..5 * 4096].fill(0xA5);
    std::fs::write(&path, &bytes).expect("write");
    let index = Index::open(&path).expect("open");
    assert_eq!(
        index.opened(),
        &Opened::Rebuilt {
            reason: RebuildReason::Corrupt
        }
    );
    usable(&index);
    drop(index);

    // Another program's database, an older and a newer version of ours.
    for (setup, reason) in [
        (
            "CREATE TABLE notes (text TEXT); PRAGMA user_version = 3;",
            RebuildReason::NotAnIndex,
        ),
        (
            "CREATE TABLE projects (name TEXT); PRAGMA application_id = 1128485449; PRAGMA user_version = 0;",
            RebuildReason::UnsupportedVersion { found: 0 },
        ),
        (
            "CREATE TABLE future (x); PRAGMA application_id = 1128485449; PRAGMA user_version = 99;",
            RebuildReason::UnsupportedVersion { found: 99 },
        ),
    ] {
        std::fs::remove_file(&path).expect("remove");
        let connection = rusqlite::Connection::open(&path).expect("sqlite");
        connection.execute_batch(setup).expect("setup");
        drop(connection);
        let index = Index::open(&path).expect("open");
        assert_eq!(index.opened(), &Opened::Rebuilt { reason }, "{setup}");
        usable(&index);
        drop(index);
    }

    // A folder that does not exist yet is made.
    let nested = dir.path().join("cache/ccr-desk/index/some-profile.sqlite");
    let index = Index::open(&nested).expect("open");
    assert_eq!(index.opened(), &Opened::Created);
    usable(&index);
}

/// Every artifact a filter matches is read at once, past the largest window, in the order
/// asked for: what Ctrl+A in the whole repository chooses.
#[test]
fn all_artifacts_reads_every_match_past_the_largest_window() {
    let dir = tempfile::tempdir().expect("tempdir");
    let local = Index::open(dir.path().join("many.sqlite")).expect("open");
    let names: Vec<String> = (1..=2_500_u32).map(|seed| format!("keep-{seed}")).collect();
    // Every fifth artifact is tagged.
    let artifacts: Vec<Artifact> = (1..=2_500_u32)
        .zip(&names)
        .map(|(seed, name)| {
            let tags: &[&str] = if seed % 5 == 0 { &[name.as_str()] } else { &[] };
            artifact(seed, tags, i64::from(seed), None)
        })
        .collect();
    for (page_number, chunk) in (1..).zip(artifacts.chunks(100)) {
        let page = Page::new(chunk.to_vec(), Some(2_500));
        local
            .record_artifacts_page("p", "r", &page, &PageRequest::new(page_number, 100))
            .expect("record");
    }
    let digests = |query: ArtifactQuery| -> Vec<String> {
        local
            .all_artifacts("p", "r", &query)
            .expect("all artifacts")
            .into_iter()
            .map(|row| row.artifact.digest)
            .collect()
    };
    let untagged = digests(ArtifactQuery {
        untagged_only: true,
        order: ArtifactOrder::PushTime,
        direction: SortDirection::Ascending,
        // Offset and limit do not apply: every match is read.
        offset: 7,
        limit: 3,
        ..ArtifactQuery::default()
    });
    let expected: Vec<String> = (1..=2_500_u32)
        .filter(|seed| seed % 5 != 0)
        .map(|seed| format!("sha256:{seed:064x}"))
        .collect();
    assert_eq!(untagged, expected, "every untagged one, oldest first");

    let tagged = digests(ArtifactQuery {
        tag_contains: "keep-1".to_owned(),
        order: ArtifactOrder::Size,
        direction: SortDirection::Descending,
        ..ArtifactQuery::default()
    });
    let mut expected: Vec<u32> = (1..=2_500_u32)
        .filter(|seed| seed % 5 == 0 && format!("keep-{seed}").contains("keep-1"))
        .collect();
    expected.reverse();
    let expected: Vec<String> = expected
        .into_iter()
        .map(|seed| format!("sha256:{seed:064x}"))
        .collect();
    assert_eq!(tagged, expected, "the tag filter applies, largest first");
    assert!(
        digests(ArtifactQuery {
            tag_contains: "no-such-tag".to_owned(),
            ..ArtifactQuery::default()
        })
        .is_empty()
    );
}
