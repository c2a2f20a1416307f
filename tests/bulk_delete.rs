//! The bulk delete runner against the sandbox: a mixed selection with failures in the middle
//! reports every item's end and records each delete in the activity log; Cancel stops what has
//! not started (and only that); a cleanup item whose tags changed is skipped.

#![allow(clippy::expect_used)] // a test that cannot go on says why, and fails

mod common;

use std::collections::BTreeSet;
use std::sync::Arc;

use ccr_desk::activity::{ActivityFilter, ActivityLog, Actor, Outcome, Recorder, Via};
use ccr_desk::api::{CcrClient, NewProject, PageRequest};
use ccr_desk::bulk_delete::{BulkWatch, DeleteItem, ItemEnd, Records, run};
use ccr_desk::profile::ProfileId;

fn actor() -> Actor {
    Actor {
        profile_id: ProfileId::new_random(),
        profile_name: "Test".to_owned(),
        user: "admin".to_owned(),
    }
}

async fn project_names(client: &CcrClient) -> BTreeSet<String> {
    client
        .list_projects(&PageRequest::everything())
        .await
        .expect("list")
        .value
        .items
        .into_iter()
        .map(|p| p.project_name)
        .collect()
}

async fn create_projects(client: &CcrClient, names: &[String]) {
    for name in names {
        client
            .create_project(&NewProject {
                name: name.clone(),
                is_public: false,
                quota: -1,
            })
            .await
            .expect("created");
    }
}

#[tokio::test]
async fn a_mixed_selection_reports_each_item_and_a_failure_hides_nothing() {
    let sandbox = common::sandbox().await;
    let client = Arc::new(common::admin(&sandbox));
    let empties: Vec<String> = (0..4).map(|n| format!("empty-{n}")).collect();
    create_projects(&client, &empties).await;
    // library holds repositories (refused, 403) in the middle; a name that does not exist
    // (deleted elsewhere) near the end.
    let names = [
        "empty-0",
        "empty-1",
        "library",
        "empty-2",
        "gone-already",
        "empty-3",
    ];
    let items: Vec<DeleteItem> = names
        .iter()
        .map(|name| DeleteItem::Project {
            project: (*name).to_owned(),
        })
        .collect();
    let folder = tempfile::tempdir().expect("a folder");
    let log = Arc::new(ActivityLog::at(folder.path().join("activity.jsonl")));
    let records = Records {
        recorder: Some(Recorder::new(Arc::clone(&log))),
        actor: actor(),
        via: Via::BulkDelete,
        index: None,
    };
    let watch = BulkWatch::default();
    run(Arc::clone(&client), items, 3, records, watch.clone()).await;

    let progress = watch.now();
    assert!(progress.finished);
    assert_eq!(progress.done(), names.len());
    let mut ends: Vec<_> = progress.ended.clone();
    ends.sort_by_key(|(n, _)| *n);
    for (n, end) in &ends {
        let name = names[*n];
        match (name, end) {
            ("library", ItemEnd::Failed(error)) => {
                assert_eq!(error.http_status(), Some(403), "{error:?}");
                assert!(
                    error.request_id().is_some(),
                    "the refusal names its request"
                );
            }
            ("gone-already", ItemEnd::Failed(error)) => {
                assert_eq!(error.http_status(), Some(404), "{error:?}");
            }
            (name, ItemEnd::Deleted { .. }) if name.starts_with("empty-") => {}
            (name, end) => panic!("{name} ended as {end:?}"),
        }
    }
    let left = project_names(&client).await;
    assert!(left.contains("library"));
    assert!(empties.iter().all(|name| !left.contains(name)), "{left:?}");

    // One activity entry per item, each with its result, as part of a bulk delete.
    let read = log.read(&ActivityFilter::default()).expect("the log reads");
    assert_eq!(read.entries.len(), names.len());
    assert!(read.entries.iter().all(|e| e.via == Via::BulkDelete));
    let failed: BTreeSet<&str> = read
        .entries
        .iter()
        .filter(|e| e.result == Outcome::Failed)
        .map(|e| e.target.as_str())
        .collect();
    assert_eq!(failed, BTreeSet::from(["library", "gone-already"]));
    assert!(
        read.entries
            .iter()
            .filter(|e| e.result == Outcome::Succeeded)
            .all(|e| e.http_status.is_some_and(|s| (200..300).contains(&s)))
    );
}

#[tokio::test]
async fn cancel_stops_what_has_not_started_and_only_that() {
    let sandbox = common::sandbox().await;
    let client = Arc::new(common::admin(&sandbox));
    let names: Vec<String> = (0..150).map(|n| format!("bulk-{n:03}")).collect();
    create_projects(&client, &names).await;
    let items: Vec<DeleteItem> = names
        .iter()
        .map(|project| DeleteItem::Project {
            project: project.clone(),
        })
        .collect();
    let records = Records {
        recorder: None,
        actor: actor(),
        via: Via::BulkDelete,
        index: None,
    };
    let watch = BulkWatch::default();
    let running = tokio::spawn(run(Arc::clone(&client), items, 1, records, watch.clone()));
    // Cancel once a few have gone.
    while watch.now().done() < 3 {
        tokio::task::yield_now().await;
    }
    watch.cancel();
    running.await.expect("the run ends");

    let progress = watch.now();
    assert!(progress.finished);
    assert_eq!(progress.done(), names.len(), "every item is reported");
    let left = project_names(&client).await;
    let (mut deleted, mut cancelled) = (0, 0);
    for (n, end) in &progress.ended {
        let name = &names[*n];
        match end {
            ItemEnd::Deleted { .. } => {
                deleted += 1;
                assert!(!left.contains(name), "{name} was reported deleted");
            }
            ItemEnd::Cancelled => {
                cancelled += 1;
                assert!(left.contains(name), "{name} was cancelled but is gone");
            }
            other => panic!("{name} ended as {other:?}"),
        }
    }
    assert!(deleted >= 3, "{deleted} deleted");
    assert!(cancelled > 0, "Cancel came after every delete had started");
}

#[tokio::test]
async fn a_project_is_emptied_first_only_when_asked() {
    let sandbox = common::sandbox().await;
    let client = Arc::new(common::admin(&sandbox));
    let folder = tempfile::tempdir().expect("a folder");
    let log = Arc::new(ActivityLog::at(folder.path().join("activity.jsonl")));
    let records = Records {
        recorder: Some(Recorder::new(Arc::clone(&log))),
        actor: actor(),
        via: Via::BulkDelete,
        index: None,
    };
    let repositories = client
        .list_repositories("library", &PageRequest::new(1, 100))
        .await
        .expect("repositories")
        .value
        .items
        .len();
    let charts = client
        .list_charts(&PageRequest::everything())
        .await
        .expect("charts")
        .value
        .items
        .iter()
        .filter(|c| c.project_name == "library")
        .count();
    assert!(repositories > 0 && charts > 0, "library holds both");

    let watch = BulkWatch::default();
    let items = vec![DeleteItem::ProjectAndContents {
        project: "library".to_owned(),
    }];
    run(Arc::clone(&client), items, 2, records, watch.clone()).await;
    let progress = watch.now();
    assert!(
        matches!(progress.ended.as_slice(), [(0, ItemEnd::Deleted { .. })]),
        "{:?}",
        progress.ended
    );
    assert!(!project_names(&client).await.contains("library"));
    // Each repository, each chart and the project: one entry each, all succeeded.
    let read = log.read(&ActivityFilter::default()).expect("the log reads");
    assert_eq!(read.entries.len(), repositories + charts + 1);
    assert!(read.entries.iter().all(|e| e.result == Outcome::Succeeded));
}
