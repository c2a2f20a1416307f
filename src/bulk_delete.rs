//! Deleting many things at once: a bulk delete from a selection, or the execution of a cleanup
//! plan. A bounded number of deletes are in flight; Cancel stops what has not started; each
//! item ends deleted, failed (with the server's reason and request id) or skipped, and one
//! failure never hides the others' results. Every delete is recorded in the activity log and
//! the index as it ends.
//!
//! A cleanup's artifacts are checked just before their delete: their repository is read again
//! from the server (at most [`REREAD_AFTER`] before the delete) and an artifact whose tags or
//! presence changed is skipped ([`crate::cleanup::verify`]). Indexes go first, then the rest,
//! with a fresh read in between, so a child whose index was just deleted is judged on what the
//! server holds then.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use tokio::sync::Semaphore;

use crate::activity::{Actor, Operation, PendingChange, Recorder, Via};
use crate::api::models::Artifact;
use crate::api::{ApiError, CcrClient, ChangeRequest, PageRequest, Reply};
use crate::cleanup::{PlannedArtifact, SkipReason, Verdict, reread_repository, verify};
use crate::index::Index;

/// The longest a repository's listing read for the check of a cleanup is used before it is
/// read again.
pub const REREAD_AFTER: Duration = Duration::from_secs(10);

/// The most deletes in flight the settings allow.
pub const MAX_IN_FLIGHT: usize = 16;

/// One thing to delete.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DeleteItem {
    /// An empty project.
    Project {
        /// Its name.
        project: String,
    },
    /// A project with everything in it: its repositories and charts are deleted first (each
    /// recorded), then the project.
    ProjectAndContents {
        /// Its name.
        project: String,
    },
    /// A repository with everything in it.
    Repository {
        /// Its project.
        project: String,
        /// Its name.
        repository: String,
    },
    /// An artifact with its tags.
    Artifact {
        /// Its project.
        project: String,
        /// Its repository.
        repository: String,
        /// Its digest.
        digest: String,
        /// Its tags, which go with it.
        tags: Vec<String>,
        /// Its size in bytes, when known.
        size_bytes: Option<i64>,
    },
    /// A chart with all its versions.
    Chart {
        /// Its project.
        project: String,
        /// Its name.
        chart: String,
    },
    /// An artifact of a cleanup plan, checked against the server just before its delete.
    Planned(Box<PlannedArtifact>),
}

impl DeleteItem {
    /// What the item is, as the activity log and the report name it.
    pub fn target(&self) -> String {
        match self {
            Self::Project { project } | Self::ProjectAndContents { project } => project.clone(),
            Self::Repository {
                project,
                repository,
            } => format!("{project}/{repository}"),
            Self::Artifact {
                project,
                repository,
                digest,
                ..
            } => format!("{project}/{repository}@{digest}"),
            Self::Planned(planned) => {
                format!(
                    "{}/{}@{}",
                    planned.project, planned.repository, planned.digest
                )
            }
            Self::Chart { project, chart } => format!("{project}/{chart}"),
        }
    }

    /// Its size in bytes, when it is an artifact of known size.
    pub fn size_bytes(&self) -> Option<i64> {
        match self {
            Self::Artifact { size_bytes, .. } => *size_bytes,
            Self::Planned(planned) => planned.size_bytes,
            _ => None,
        }
    }

    fn operation(&self) -> Operation {
        match self {
            Self::Project { .. } | Self::ProjectAndContents { .. } => Operation::DeleteProject,
            Self::Repository { .. } => Operation::DeleteRepository,
            Self::Artifact { .. } | Self::Planned(_) => Operation::DeleteArtifact,
            Self::Chart { .. } => Operation::DeleteChart,
        }
    }

    fn request(&self) -> ChangeRequest {
        match self.clone() {
            Self::Project { project } | Self::ProjectAndContents { project } => {
                ChangeRequest::DeleteProject { project }
            }
            Self::Repository {
                project,
                repository,
            } => ChangeRequest::DeleteRepository {
                project,
                repository,
            },
            Self::Artifact {
                project,
                repository,
                digest,
                ..
            } => ChangeRequest::DeleteArtifact {
                project,
                repository,
                digest,
            },
            Self::Planned(planned) => ChangeRequest::DeleteArtifact {
                project: planned.project,
                repository: planned.repository,
                digest: planned.digest,
            },
            Self::Chart { project, chart } => ChangeRequest::DeleteChart { project, chart },
        }
    }

    /// Whether it is a planned image index (deleted before the rest).
    fn is_planned_index(&self) -> bool {
        matches!(self, Self::Planned(planned) if planned.is_index)
    }
}

/// How one item ended.
#[derive(Debug, Clone)]
pub enum ItemEnd {
    /// It was deleted; the server's request id, when it sent one.
    Deleted {
        /// The request id of the answer.
        request_id: Option<String>,
    },
    /// The server refused or the request failed.
    Failed(Arc<ApiError>),
    /// Cancel was pressed before it started.
    Cancelled,
    /// The check before the delete left it.
    Skipped(SkipReason),
    /// The repository could not be read again for the check, so it was left.
    CheckFailed(Arc<ApiError>),
}

/// What a bulk delete has done so far, for its progress bar, and at the end its report.
#[derive(Debug, Clone, Default)]
pub struct BulkProgress {
    /// How many items there are.
    pub total: usize,
    /// How each ended item ended, by its place in the list.
    pub ended: Vec<(usize, ItemEnd)>,
    /// Whether the run is over (every item ended).
    pub finished: bool,
}

impl BulkProgress {
    /// How many items have ended.
    pub fn done(&self) -> usize {
        self.ended.len()
    }

    /// How many ended in `kind` (compared by variant only).
    pub fn count(&self, kind: fn(&ItemEnd) -> bool) -> usize {
        self.ended.iter().filter(|(_, end)| kind(end)).count()
    }
}

/// A running bulk delete's handle: its progress, and Cancel.
#[derive(Debug, Clone, Default)]
pub struct BulkWatch {
    progress: Arc<Mutex<BulkProgress>>,
    cancel: Arc<AtomicBool>,
}

impl BulkWatch {
    /// What has been done so far.
    pub fn now(&self) -> BulkProgress {
        self.progress
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// Stops the run: what has not started is not deleted (what is in flight ends).
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Release);
    }

    /// Whether Cancel was pressed.
    pub fn is_cancelled(&self) -> bool {
        self.cancel.load(Ordering::Acquire)
    }

    fn end(&self, n: usize, end: ItemEnd) {
        self.progress
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .ended
            .push((n, end));
    }
}

/// Where a bulk delete records what it did.
#[derive(Clone)]
pub struct Records {
    /// The activity log, when there is one.
    pub recorder: Option<Recorder>,
    /// Who deletes.
    pub actor: Actor,
    /// What the deletes are part of.
    pub via: Via,
    /// The registry index, kept in step with each delete.
    pub index: Option<Index>,
}

/// Deletes `items` with at most `in_flight` deletes at once (1 to [`MAX_IN_FLIGHT`]),
/// reporting into `watch`; returns when every item ended. Planned indexes go before the rest.
pub async fn run(
    client: Arc<CcrClient>,
    items: Vec<DeleteItem>,
    in_flight: usize,
    records: Records,
    watch: BulkWatch,
) {
    {
        let mut progress = watch
            .progress
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        progress.total = items.len();
    }
    let limit = Arc::new(Semaphore::new(in_flight.clamp(1, MAX_IN_FLIGHT)));
    let items: Vec<(usize, DeleteItem)> = items.into_iter().enumerate().collect();
    let (indexes, rest): (Vec<_>, Vec<_>) = items
        .into_iter()
        .partition(|(_, item)| item.is_planned_index());
    for phase in [indexes, rest] {
        let listings = Arc::new(Listings::default());
        let mut running = tokio::task::JoinSet::new();
        for (n, item) in phase {
            let Ok(permit) = Arc::clone(&limit).acquire_owned().await else {
                break;
            };
            if watch.is_cancelled() {
                watch.end(n, ItemEnd::Cancelled);
                continue;
            }
            let (client, records, watch, listings) = (
                Arc::clone(&client),
                records.clone(),
                watch.clone(),
                Arc::clone(&listings),
            );
            running.spawn(async move {
                let _permit = permit;
                let end = delete_one(&client, &item, &records, &listings).await;
                watch.end(n, end);
            });
        }
        while let Some(joined) = running.join_next().await {
            if let Err(error) = joined {
                tracing::warn!(%error, "a delete of a bulk delete stopped unexpectedly");
            }
        }
    }
    watch
        .progress
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .finished = true;
}

/// One repository's listing slot: empty until read; one reader at a time.
type ListingSlot = Arc<tokio::sync::Mutex<Option<Listing>>>;

/// The repositories' listings read for the checks of one phase, each with when it was read.
#[derive(Default)]
struct Listings {
    read: Mutex<HashMap<(String, String), ListingSlot>>,
}

/// One repository's artifacts as the server listed them, and when.
struct Listing {
    at: Instant,
    artifacts: Arc<Vec<Artifact>>,
}

impl Listings {
    /// The artifacts of `project`/`repository` now: read again when the last read is older
    /// than [`REREAD_AFTER`]; one read at a time per repository.
    async fn current(
        &self,
        client: &CcrClient,
        project: &str,
        repository: &str,
    ) -> Result<Arc<Vec<Artifact>>, ApiError> {
        let slot = {
            let mut read = self.read.lock().unwrap_or_else(PoisonError::into_inner);
            Arc::clone(
                read.entry((project.to_owned(), repository.to_owned()))
                    .or_default(),
            )
        };
        let mut listing = slot.lock().await;
        if let Some(fresh) = listing.as_ref().filter(|l| l.at.elapsed() < REREAD_AFTER) {
            return Ok(Arc::clone(&fresh.artifacts));
        }
        let artifacts = Arc::new(reread_repository(client, project, repository).await?);
        *listing = Some(Listing {
            at: Instant::now(),
            artifacts: Arc::clone(&artifacts),
        });
        Ok(artifacts)
    }
}

/// Checks (a planned artifact), deletes and records one item.
async fn delete_one(
    client: &CcrClient,
    item: &DeleteItem,
    records: &Records,
    listings: &Listings,
) -> ItemEnd {
    if let DeleteItem::Planned(planned) = item {
        match listings
            .current(client, &planned.project, &planned.repository)
            .await
        {
            Ok(current) => {
                if let Verdict::Skip(reason) = verify(planned, &current) {
                    return ItemEnd::Skipped(reason);
                }
            }
            Err(error) => return ItemEnd::CheckFailed(Arc::new(error)),
        }
    }
    if let DeleteItem::ProjectAndContents { project } = item
        && let Err(error) = empty_project(client, project, records).await
    {
        return ItemEnd::Failed(Arc::new(error));
    }
    match delete_recorded(client, item, records).await {
        Ok(reply) => ItemEnd::Deleted {
            request_id: reply.request_id,
        },
        Err(error) => ItemEnd::Failed(Arc::new(error)),
    }
}

/// Deletes every repository and chart of `project`, each recorded; the first failure ends it.
async fn empty_project(
    client: &CcrClient,
    project: &str,
    records: &Records,
) -> Result<(), ApiError> {
    let mut repositories = Vec::new();
    for page_number in 1.. {
        let page = client
            .list_repositories(project, &PageRequest::new(page_number, 100))
            .await?
            .value;
        let count = page.items.len();
        repositories.extend(page.items.into_iter().map(|r| r.repository_name));
        if count == 0 || repositories.len() as u64 >= page.total {
            break;
        }
    }
    for repository in repositories {
        let item = DeleteItem::Repository {
            project: project.to_owned(),
            repository,
        };
        delete_recorded(client, &item, records).await?;
    }
    let charts = client.list_charts(&PageRequest::everything()).await?.value;
    for chart in charts
        .items
        .into_iter()
        .filter(|c| c.project_name == project)
    {
        let item = DeleteItem::Chart {
            project: project.to_owned(),
            chart: chart.name,
        };
        delete_recorded(client, &item, records).await?;
    }
    Ok(())
}

/// Sends the delete of `item`, records it in the activity log and, when it succeeded, in the
/// index.
async fn delete_recorded(
    client: &CcrClient,
    item: &DeleteItem,
    records: &Records,
) -> Result<Reply<()>, ApiError> {
    let result = send_delete(client, item).await;
    if let Some(recorder) = &records.recorder {
        let change = PendingChange {
            actor: records.actor.clone(),
            operation: item.operation(),
            target: item.target(),
            via: records.via,
            request: Some(item.request()),
        };
        recorder.append(change.ended(client, &result)).await;
    }
    if result.is_ok()
        && let Some(index) = &records.index
    {
        record_in_index(index, item).await;
    }
    result
}

/// Sends the delete of `item`.
async fn send_delete(client: &CcrClient, item: &DeleteItem) -> Result<Reply<()>, ApiError> {
    match item {
        DeleteItem::Project { project } | DeleteItem::ProjectAndContents { project } => {
            client.delete_project(project).await
        }
        DeleteItem::Repository {
            project,
            repository,
        } => client.delete_repository(project, repository).await,
        DeleteItem::Artifact {
            project,
            repository,
            digest,
            ..
        } => client.delete_artifact(project, repository, digest).await,
        DeleteItem::Planned(planned) => {
            client
                .delete_artifact(&planned.project, &planned.repository, &planned.digest)
                .await
        }
        DeleteItem::Chart { project, chart } => client.delete_chart(project, chart).await,
    }
}

/// Takes a deleted item out of the index; a failure is logged (the next crawl corrects it).
async fn record_in_index(index: &Index, item: &DeleteItem) {
    let item = item.clone();
    let recorded = index
        .run(move |index| match &item {
            DeleteItem::Project { project } | DeleteItem::ProjectAndContents { project } => {
                index.project_deleted(project)
            }
            DeleteItem::Repository {
                project,
                repository,
            } => index.repository_deleted(project, repository),
            DeleteItem::Artifact {
                project,
                repository,
                digest,
                ..
            } => index.artifact_deleted(project, repository, digest),
            DeleteItem::Planned(planned) => {
                index.artifact_deleted(&planned.project, &planned.repository, &planned.digest)
            }
            DeleteItem::Chart { project, chart } => index.chart_deleted(project, chart),
        })
        .await;
    if let Err(error) = recorded {
        tracing::warn!(%error, "could not record a delete in the index");
    }
}
