//! The crawl: a background task that walks the registry (or one project, or one repository)
//! page by page and writes every page into the index as it arrives.
//!
//! # Design
//!
//! - **Phases.** Projects; then every project's repositories, and the charts (listed across
//!   projects); then every repository's artifacts. A phase starts when the one before it is
//!   written, so each reads the parents it needs from the index, in batches, never from a list
//!   held in memory. Only the open listings and the pages in flight are in memory.
//! - **Listings and pages.** A listing is every page of one parent's children. Its first page
//!   gives the server's total, and with it the pages still to fetch and the items to expect;
//!   those pages are then fetched alongside every other listing's.
//! - **Concurrency.** At most [`CrawlSettings::concurrency`] requests are in flight (pages of
//!   open listings first, so listings finish and leave memory, then new listings); the requests
//!   run as tokio tasks on clones of the client, and the pages are written, one transaction
//!   each, by this task through [`Index::run`].
//! - **Backoff.** An answer of 429, 5xx or a transport failure is retried after an exponential,
//!   jittered pause (from [`CrawlSettings::first_backoff`], doubling up to
//!   [`CrawlSettings::max_backoff`]) until [`CrawlSettings::max_attempts`]; a request waiting to
//!   retry keeps its place among those in flight, which slows the crawl down as the server
//!   asks. Any other error ends the crawl, except 404 for a project's repositories or a
//!   repository's artifacts: that parent is gone, and leaves the index.
//! - **Removal.** Each listing takes a generation number when it opens; when all its pages are
//!   written, and every page reported the same total and the items received add up to it, the
//!   parent's children of older generations are removed (a complete listing did not see them).
//! - **Resume.** A registry crawl is a *run* with a generation of its own, kept in the file. A
//!   complete listing marks its parent with its generation; a crawl that finds the last run
//!   unfinished (cancelled, failed, the app closed) continues it and skips every parent marked
//!   since the run began. [`CrawlSettings::restart`] starts a new run instead.
//! - **Cancel.** The [`CancellationToken`] stops the crawl at once, between two writes; every
//!   page written so far stays, and the run can be resumed.

use std::collections::{BTreeMap, VecDeque};
use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use rusqlite::{OptionalExtension as _, params};
use tokio::task::JoinSet;
use tokio_util::sync::CancellationToken;

use super::write::{
    Parent, ensure_project, mark_listed, next_generation, project_row, remove_unseen,
    upsert_artifacts, upsert_charts, upsert_projects, upsert_repositories,
};
use super::{Index, IndexError, now_ms};
use crate::api::models::{Artifact, Chart, Page, Project, Repository};
use crate::api::{ApiError, CcrClient, PageRequest, Reply};

/// Parents read from the index per batch when a phase needs new listings.
const SOURCE_BATCH: u32 = 64;

/// How a crawl runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CrawlSettings {
    /// Most requests in flight at once (at least 1).
    pub concurrency: usize,
    /// Items asked for per page (at least 1).
    pub page_size: u32,
    /// Most tries of one request, the first included (at least 1).
    pub max_attempts: u32,
    /// The pause before the first retry; each further retry doubles it.
    pub first_backoff: Duration,
    /// The longest pause before a retry.
    pub max_backoff: Duration,
    /// For a registry crawl: start a new run even when the last one is unfinished.
    pub restart: bool,
    /// What the index is tied to ([`Index::bind_server`]); `None`: the client's `host[:port]`.
    pub server: Option<String>,
}

impl Default for CrawlSettings {
    fn default() -> Self {
        Self {
            concurrency: 4,
            page_size: 100,
            max_attempts: 6,
            first_backoff: Duration::from_millis(500),
            max_backoff: Duration::from_secs(30),
            restart: false,
            server: None,
        }
    }
}

/// What a crawl walks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CrawlScope {
    /// Every project, its repositories and their artifacts, and every chart; resumable.
    Registry,
    /// One project: its row, its repositories and their artifacts, and the charts (which the
    /// server lists across projects only).
    Project(String),
    /// One repository: its row and its artifacts.
    Repository {
        /// The project holding it.
        project: String,
        /// The repository, possibly multi-level.
        repository: String,
    },
}

/// Where a crawl is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum CrawlPhase {
    /// Not started yet.
    #[default]
    Starting,
    /// Listing the projects (or looking up the scope's project or repository).
    Projects,
    /// Listing every project's repositories, and the charts.
    Repositories,
    /// Listing every repository's artifacts.
    Artifacts,
    /// Done (finished, cancelled, or the scope is gone).
    Done,
}

/// Items of one kind: how many are written and how many the servers' totals announced so far.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Items written into the index.
    pub done: u64,
    /// Items the server's totals announced (grows as listings open).
    pub expected: u64,
}

/// How far a crawl has come. Listings skipped by a resumed run count their indexed items as
/// both done and expected.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CrawlProgress {
    /// The current phase.
    pub phase: CrawlPhase,
    /// Projects.
    pub projects: Counts,
    /// Repositories.
    pub repositories: Counts,
    /// Top-level artifacts (an index's platform images are its references, not items).
    pub artifacts: Counts,
    /// Charts.
    pub charts: Counts,
    /// Listings completely written.
    pub listings_done: u64,
    /// Listings a resumed run skipped because the run had finished them before.
    pub listings_skipped: u64,
    /// Requests sent (retries included).
    pub requests: u64,
    /// Requests retried after a 429, a 5xx or a transport failure.
    pub retries: u64,
    /// True once every listing has reported its total: `items_expected` no longer grows.
    pub totals_final: bool,
}

impl CrawlProgress {
    /// Items written, all kinds together.
    pub fn items_done(&self) -> u64 {
        self.projects.done + self.repositories.done + self.artifacts.done + self.charts.done
    }

    /// Items announced by the servers' totals so far, all kinds together.
    pub fn items_expected(&self) -> u64 {
        self.projects.expected
            + self.repositories.expected
            + self.artifacts.expected
            + self.charts.expected
    }

    fn counts_mut(&mut self, kind: Kind) -> &mut Counts {
        match kind {
            Kind::Projects => &mut self.projects,
            Kind::Repositories => &mut self.repositories,
            Kind::Artifacts => &mut self.artifacts,
            Kind::Charts => &mut self.charts,
        }
    }
}

/// How a crawl ended without an error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CrawlOutcome {
    /// Everything in scope was walked.
    Finished,
    /// The token was cancelled; a registry crawl resumes where it stopped.
    Cancelled,
    /// The scope's project or repository no longer exists on the server; it left the index.
    Gone,
}

/// What a crawl did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CrawlReport {
    /// How it ended.
    pub outcome: CrawlOutcome,
    /// The last progress.
    pub progress: CrawlProgress,
    /// Whether this registry crawl continued an unfinished run.
    pub resumed: bool,
    /// Rows removed because a complete listing did not see them (or their parent was gone).
    pub removed: u64,
    /// Listings whose total changed while they were read (the registry changed meanwhile):
    /// written, but they removed nothing.
    pub inconsistent_listings: u64,
}

/// Which listing (or lookup) a request was for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ListingTarget {
    /// The projects.
    Projects,
    /// One project, looked up by name for a project crawl.
    Project {
        /// Its name.
        project: String,
    },
    /// One repository, fetched for a repository crawl.
    Repository {
        /// The project.
        project: String,
        /// The repository.
        repository: String,
    },
    /// A project's repositories.
    Repositories {
        /// The project.
        project: String,
    },
    /// A repository's artifacts.
    Artifacts {
        /// The project.
        project: String,
        /// The repository.
        repository: String,
    },
    /// The charts.
    Charts,
}

/// Why a crawl stopped before its end.
#[derive(Debug, thiserror::Error)]
pub enum CrawlError {
    /// A request failed for good (not retryable, or out of attempts).
    #[error("crawl request for {target:?} page {page} failed: {source}")]
    Api {
        /// The listing.
        target: ListingTarget,
        /// The page (1-based; 0 for a lookup).
        page: u32,
        /// What the client reported.
        #[source]
        source: ApiError,
    },
    /// The index failed.
    #[error(transparent)]
    Index(#[from] IndexError),
    /// A request task panicked or was aborted.
    #[error("crawl request task ended abnormally")]
    Task,
}

/// Walks `scope` with `client` and writes what it finds into `index`, calling `progress` after
/// every page. Returns when everything is walked, when `cancel` is cancelled, or at the first
/// request that fails for good. Needs a tokio runtime; spawn it as a task.
pub async fn crawl<P>(
    index: Index,
    client: CcrClient,
    scope: CrawlScope,
    settings: CrawlSettings,
    cancel: CancellationToken,
    mut progress: P,
) -> Result<CrawlReport, CrawlError>
where
    P: FnMut(&CrawlProgress) + Send,
{
    let stats = Arc::new(Stats::default());
    let context = Arc::new(Context {
        client,
        settings: CrawlSettings {
            concurrency: settings.concurrency.max(1),
            page_size: settings.page_size.max(1),
            max_attempts: settings.max_attempts.max(1),
            ..settings
        },
        cancel,
        stats,
    });
    let mut crawler = Crawler {
        index,
        context,
        progress: CrawlProgress::default(),
        report_to: &mut progress,
        removed: 0,
        inconsistent: 0,
        resumed: false,
    };
    let outcome = crawler.walk(&scope).await?;
    crawler.progress.phase = CrawlPhase::Done;
    crawler.emit();
    Ok(CrawlReport {
        outcome,
        progress: crawler.progress.clone(),
        resumed: crawler.resumed,
        removed: crawler.removed,
        inconsistent_listings: crawler.inconsistent,
    })
}

/// What the request tasks share.
struct Context {
    client: CcrClient,
    settings: CrawlSettings,
    cancel: CancellationToken,
    stats: Arc<Stats>,
}

#[derive(Default)]
struct Stats {
    requests: AtomicU64,
    retries: AtomicU64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Projects,
    Repositories,
    Artifacts,
    Charts,
}

/// A listing to walk: what to ask the server and where its rows go.
#[derive(Debug, Clone)]
enum Target {
    Projects,
    Charts,
    Repositories {
        project_id: i64,
        project: String,
    },
    Artifacts {
        repository_id: i64,
        project: String,
        repository: String,
    },
}

impl Target {
    fn parent(&self) -> Parent {
        match self {
            Self::Projects => Parent::Projects,
            Self::Charts => Parent::Charts,
            Self::Repositories { project_id, .. } => Parent::Repositories(*project_id),
            Self::Artifacts { repository_id, .. } => Parent::Artifacts(*repository_id),
        }
    }

    fn kind(&self) -> Kind {
        match self {
            Self::Projects => Kind::Projects,
            Self::Charts => Kind::Charts,
            Self::Repositories { .. } => Kind::Repositories,
            Self::Artifacts { .. } => Kind::Artifacts,
        }
    }

    fn public(&self) -> ListingTarget {
        match self {
            Self::Projects => ListingTarget::Projects,
            Self::Charts => ListingTarget::Charts,
            Self::Repositories { project, .. } => ListingTarget::Repositories {
                project: project.clone(),
            },
            Self::Artifacts {
                project,
                repository,
                ..
            } => ListingTarget::Artifacts {
                project: project.clone(),
                repository: repository.clone(),
            },
        }
    }
}

/// One page of a listing, as the server answered it.
enum Fetched {
    Projects(Page<Project>),
    Repositories(Page<Repository>),
    Artifacts(Page<Artifact>),
    Charts(Page<Chart>),
}

impl Fetched {
    fn total_and_len(&self) -> (u64, u64) {
        match self {
            Self::Projects(page) => (page.total, page.items.len() as u64),
            Self::Repositories(page) => (page.total, page.items.len() as u64),
            Self::Artifacts(page) => (page.total, page.items.len() as u64),
            Self::Charts(page) => (page.total, page.items.len() as u64),
        }
    }
}

/// A listing being walked.
struct Open {
    target: Target,
    generation: i64,
    /// The total page 1 reported; `None` until it answered.
    total: Option<u64>,
    /// Pages to fetch (known once page 1 answered).
    pages: u32,
    /// The next page to send.
    next_page: u32,
    /// Pages sent and not yet written.
    outstanding: u32,
    /// Items received so far.
    received: u64,
    /// Every page so far reported page 1's total.
    consistent: bool,
    /// The parent answered 404 or left the index: no more pages.
    gone: bool,
}

impl Open {
    fn pending_page(&self) -> Option<u32> {
        (self.total.is_some() && !self.gone && self.next_page <= self.pages)
            .then_some(self.next_page)
    }

    fn finished(&self) -> bool {
        self.outstanding == 0
            && (self.gone || (self.total.is_some() && self.next_page > self.pages))
    }
}

/// Where a phase gets its listings: a fixed list, or parents read from the index in batches.
enum Source {
    Fixed(VecDeque<Target>),
    /// Projects whose repositories were not listed since generation `run`.
    Projects {
        after: i64,
        run: i64,
        only: Option<i64>,
        buffer: VecDeque<Target>,
        exhausted: bool,
    },
    /// Repositories whose artifacts were not listed since generation `run`.
    Repositories {
        after: i64,
        run: i64,
        project: Option<i64>,
        only: Option<i64>,
        buffer: VecDeque<Target>,
        exhausted: bool,
    },
}

impl Source {
    async fn next(&mut self, index: &Index) -> Result<Option<Target>, IndexError> {
        match self {
            Self::Fixed(targets) => Ok(targets.pop_front()),
            Self::Projects {
                after,
                run,
                only,
                buffer,
                exhausted,
            } => {
                if buffer.is_empty() && !*exhausted {
                    let (after_id, run, only) = (*after, *run, *only);
                    let batch = index
                        .run(move |index| {
                            index.read(|tx| {
                                let mut statement = tx.prepare_cached(
                                    "SELECT id, name FROM projects WHERE id > ?1
                                     AND (repositories_listed_gen IS NULL
                                          OR repositories_listed_gen < ?2)
                                     AND (?3 IS NULL OR id = ?3)
                                     ORDER BY id LIMIT ?4",
                                )?;
                                statement
                                    .query_map(params![after_id, run, only, SOURCE_BATCH], |row| {
                                        Ok((row.get::<_, i64>(0)?, row.get::<_, String>(1)?))
                                    })?
                                    .collect::<rusqlite::Result<Vec<_>>>()
                            })
                        })
                        .await?;
                    *exhausted = batch.len() < SOURCE_BATCH as usize;
                    if let Some((last, _)) = batch.last() {
                        *after = *last;
                    }
                    buffer.extend(batch.into_iter().map(|(project_id, project)| {
                        Target::Repositories {
                            project_id,
                            project,
                        }
                    }));
                }
                Ok(buffer.pop_front())
            }
            Self::Repositories {
                after,
                run,
                project,
                only,
                buffer,
                exhausted,
            } => {
                if buffer.is_empty() && !*exhausted {
                    let (after_id, run, project, only) = (*after, *run, *project, *only);
                    let batch = index
                        .run(move |index| {
                            index.read(|tx| {
                                let mut statement = tx.prepare_cached(
                                    "SELECT r.id, p.name, r.name FROM repositories r
                                     JOIN projects p ON p.id = r.project_id
                                     WHERE r.id > ?1
                                     AND (r.artifacts_listed_gen IS NULL
                                          OR r.artifacts_listed_gen < ?2)
                                     AND (?3 IS NULL OR r.project_id = ?3)
                                     AND (?4 IS NULL OR r.id = ?4)
                                     ORDER BY r.id LIMIT ?5",
                                )?;
                                statement
                                    .query_map(
                                        params![after_id, run, project, only, SOURCE_BATCH],
                                        |row| {
                                            Ok(Target::Artifacts {
                                                repository_id: row.get(0)?,
                                                project: row.get(1)?,
                                                repository: row.get(2)?,
                                            })
                                        },
                                    )?
                                    .collect::<rusqlite::Result<Vec<_>>>()
                            })
                        })
                        .await?;
                    *exhausted = batch.len() < SOURCE_BATCH as usize;
                    if let Some(Target::Artifacts { repository_id, .. }) = batch.last() {
                        *after = *repository_id;
                    }
                    buffer.extend(batch);
                }
                Ok(buffer.pop_front())
            }
        }
    }
}

/// How a phase ended without an error.
enum PhaseEnd {
    Done,
    Cancelled,
}

struct Crawler<'p, P> {
    index: Index,
    context: Arc<Context>,
    progress: CrawlProgress,
    report_to: &'p mut P,
    removed: u64,
    inconsistent: u64,
    resumed: bool,
}

type PageResult = (u64, u32, Result<Fetched, ApiError>);

impl<P: FnMut(&CrawlProgress) + Send> Crawler<'_, P> {
    fn emit(&mut self) {
        self.progress.requests = self.context.stats.requests.load(Ordering::Relaxed);
        self.progress.retries = self.context.stats.retries.load(Ordering::Relaxed);
        (self.report_to)(&self.progress);
    }

    async fn walk(&mut self, scope: &CrawlScope) -> Result<CrawlOutcome, CrawlError> {
        let server = self
            .context
            .settings
            .server
            .clone()
            .unwrap_or_else(|| self.context.client.host().to_owned());
        self.index
            .run(move |index| index.bind_server(&server))
            .await?;
        if self.context.cancel.is_cancelled() {
            return Ok(CrawlOutcome::Cancelled);
        }
        match scope {
            CrawlScope::Registry => self.walk_registry().await,
            CrawlScope::Project(project) => self.walk_project(project).await,
            CrawlScope::Repository {
                project,
                repository,
            } => self.walk_repository(project, repository).await,
        }
    }

    async fn walk_registry(&mut self) -> Result<CrawlOutcome, CrawlError> {
        let restart = self.context.settings.restart;
        let run = self
            .index
            .run(move |index| index.write(|tx| begin_run(tx, restart)))
            .await?;
        self.resumed = run.resumed;
        let skipped = self
            .index
            .run(move |index| index.read(|tx| skipped_counts(tx, &run)))
            .await?;
        let generation = run.generation;

        self.progress.phase = CrawlPhase::Projects;
        let mut first = VecDeque::new();
        if run.projects_listed {
            self.skip(Kind::Projects, skipped.projects, 1);
        } else {
            first.push_back(Target::Projects);
        }
        self.emit();
        if let PhaseEnd::Cancelled = self.phase(Source::Fixed(first), false).await? {
            return Ok(CrawlOutcome::Cancelled);
        }

        self.progress.phase = CrawlPhase::Repositories;
        if run.charts_listed {
            self.skip(Kind::Charts, skipped.charts, 1);
        }
        self.skip(
            Kind::Repositories,
            skipped.repositories,
            skipped.repository_listings,
        );
        self.emit();
        let charts = (!run.charts_listed).then_some(Target::Charts);
        if let PhaseEnd::Cancelled = self.repositories_phase(generation, None, charts).await? {
            return Ok(CrawlOutcome::Cancelled);
        }

        self.progress.phase = CrawlPhase::Artifacts;
        self.skip(
            Kind::Artifacts,
            skipped.artifacts,
            skipped.artifact_listings,
        );
        self.emit();
        if let PhaseEnd::Cancelled = self.artifacts_phase(generation, None, None).await? {
            return Ok(CrawlOutcome::Cancelled);
        }

        self.index.run(|index| index.write(finish_run)).await?;
        Ok(CrawlOutcome::Finished)
    }

    async fn walk_project(&mut self, project: &str) -> Result<CrawlOutcome, CrawlError> {
        self.progress.phase = CrawlPhase::Projects;
        self.emit();
        let generation = self.new_generation().await?;
        let found = self.look_up_project(project).await?;
        let Some(found) = found else {
            let name = project.to_owned();
            let gone = self
                .index
                .run(move |index| index.project_deleted(&name))
                .await?;
            self.removed += gone.removed as u64;
            return Ok(CrawlOutcome::Gone);
        };
        let project_id = self
            .index
            .run(move |index| {
                index.write(|tx| {
                    let generation = next_generation(tx)?;
                    upsert_projects(tx, std::slice::from_ref(&found), generation, now_ms())?;
                    project_row(tx, &found.project_name)
                })
            })
            .await?;
        let Some(project_id) = project_id else {
            return Ok(CrawlOutcome::Gone);
        };
        self.progress.projects = Counts {
            done: 1,
            expected: 1,
        };
        self.progress.phase = CrawlPhase::Repositories;
        self.emit();
        let phase = self
            .repositories_phase(generation, Some(project_id), Some(Target::Charts))
            .await?;
        if let PhaseEnd::Cancelled = phase {
            return Ok(CrawlOutcome::Cancelled);
        }
        self.progress.phase = CrawlPhase::Artifacts;
        self.emit();
        let phase = self
            .artifacts_phase(generation, Some(project_id), None)
            .await?;
        Ok(match phase {
            PhaseEnd::Done => CrawlOutcome::Finished,
            PhaseEnd::Cancelled => CrawlOutcome::Cancelled,
        })
    }

    async fn walk_repository(
        &mut self,
        project: &str,
        repository: &str,
    ) -> Result<CrawlOutcome, CrawlError> {
        self.progress.phase = CrawlPhase::Projects;
        self.emit();
        let generation = self.new_generation().await?;
        let target = ListingTarget::Repository {
            project: project.to_owned(),
            repository: repository.to_owned(),
        };
        let context = Arc::clone(&self.context);
        let answer = with_retry(&context, || context.client.repository(project, repository)).await;
        let found = match answer {
            Ok(found) => found,
            Err(error) if error.http_status() == Some(404) => {
                let (project, repository) = (project.to_owned(), repository.to_owned());
                let gone = self
                    .index
                    .run(move |index| index.repository_deleted(&project, &repository))
                    .await?;
                self.removed += gone.removed as u64;
                return Ok(CrawlOutcome::Gone);
            }
            Err(error) if self.context.cancel.is_cancelled() && error.is_cancelled() => {
                return Ok(CrawlOutcome::Cancelled);
            }
            Err(source) => {
                return Err(CrawlError::Api {
                    target,
                    page: 0,
                    source,
                });
            }
        };
        let project_name = project.to_owned();
        let repository_id = self
            .index
            .run(move |index| {
                index.write(|tx| {
                    let generation = next_generation(tx)?;
                    let now = now_ms();
                    let project_id = ensure_project(tx, &project_name, generation, now)?;
                    upsert_repositories(
                        tx,
                        project_id,
                        std::slice::from_ref(&found),
                        generation,
                        now,
                    )?;
                    tx.query_row(
                        "SELECT id FROM repositories WHERE project_id = ?1 AND name = ?2",
                        params![project_id, found.repository_name],
                        |row| row.get::<_, i64>(0),
                    )
                    .optional()
                })
            })
            .await?;
        let Some(repository_id) = repository_id else {
            return Ok(CrawlOutcome::Gone);
        };
        self.progress.repositories = Counts {
            done: 1,
            expected: 1,
        };
        self.progress.phase = CrawlPhase::Artifacts;
        self.emit();
        Ok(
            match self
                .artifacts_phase(generation, None, Some(repository_id))
                .await?
            {
                PhaseEnd::Done => CrawlOutcome::Finished,
                PhaseEnd::Cancelled => CrawlOutcome::Cancelled,
            },
        )
    }

    /// Finds `project` by name through the filtered project list, page by page.
    async fn look_up_project(&mut self, project: &str) -> Result<Option<Project>, CrawlError> {
        let context = Arc::clone(&self.context);
        let page_size = context.settings.page_size;
        let mut page_number = 1;
        loop {
            let request = PageRequest::new(page_number, page_size).filtered(project);
            let answer = with_retry(&context, || context.client.list_projects(&request)).await;
            let page = match answer {
                Ok(page) => page,
                Err(source) => {
                    return Err(CrawlError::Api {
                        target: ListingTarget::Project {
                            project: project.to_owned(),
                        },
                        page: page_number,
                        source,
                    });
                }
            };
            let pages = page.page_count(page_size);
            if let Some(found) = page.items.into_iter().find(|p| p.project_name == project) {
                return Ok(Some(found));
            }
            if u64::from(page_number) >= pages {
                return Ok(None);
            }
            page_number += 1;
        }
    }

    async fn new_generation(&self) -> Result<i64, IndexError> {
        self.index.run(|index| index.write(next_generation)).await
    }

    fn skip(&mut self, kind: Kind, items: u64, listings: u64) {
        let counts = self.progress.counts_mut(kind);
        counts.done += items;
        counts.expected += items;
        self.progress.listings_skipped += listings;
    }

    async fn repositories_phase(
        &mut self,
        run: i64,
        only: Option<i64>,
        charts: Option<Target>,
    ) -> Result<PhaseEnd, CrawlError> {
        let projects = Source::Projects {
            after: 0,
            run,
            only,
            buffer: charts.into_iter().collect(),
            exhausted: false,
        };
        self.phase(projects, false).await
    }

    async fn artifacts_phase(
        &mut self,
        run: i64,
        project: Option<i64>,
        only: Option<i64>,
    ) -> Result<PhaseEnd, CrawlError> {
        let repositories = Source::Repositories {
            after: 0,
            run,
            project,
            only,
            buffer: VecDeque::new(),
            exhausted: false,
        };
        self.phase(repositories, true).await
    }

    /// Walks every listing of `source`, pages in parallel, until all are written.
    async fn phase(&mut self, mut source: Source, last: bool) -> Result<PhaseEnd, CrawlError> {
        if self.context.cancel.is_cancelled() {
            return Ok(PhaseEnd::Cancelled);
        }
        let mut open: BTreeMap<u64, Open> = BTreeMap::new();
        let mut requests: JoinSet<PageResult> = JoinSet::new();
        let mut next_id: u64 = 0;
        let mut source_done = false;
        loop {
            self.fill(
                &mut open,
                &mut requests,
                &mut source,
                &mut next_id,
                &mut source_done,
            )
            .await?;
            self.progress.totals_final =
                last && source_done && open.values().all(|listing| listing.total.is_some());
            if requests.is_empty() {
                return Ok(PhaseEnd::Done);
            }
            let joined = tokio::select! {
                () = self.context.cancel.cancelled() => {
                    requests.abort_all();
                    return Ok(PhaseEnd::Cancelled);
                }
                joined = requests.join_next() => joined,
            };
            let Some(joined) = joined else {
                continue;
            };
            // Every answer that is ready goes into one transaction: pages that arrive while
            // the index writes are written together, which costs less than one by one.
            let mut ready = vec![joined];
            while let Some(more) = requests.try_join_next() {
                ready.push(more);
            }
            let mut writes: Vec<(u64, Parent, i64, Fetched)> = Vec::with_capacity(ready.len());
            let mut touched: Vec<u64> = Vec::with_capacity(ready.len());
            for joined in ready {
                let (id, page, answer) = joined.map_err(|_| CrawlError::Task)?;
                let Some(listing) = open.get_mut(&id) else {
                    continue;
                };
                listing.outstanding = listing.outstanding.saturating_sub(1);
                touched.push(id);
                match answer {
                    Ok(fetched) => {
                        // The page's totals first, so that the free places are filled (with
                        // this listing's next pages, if any) while the pages are written.
                        self.accept(listing, page, &fetched);
                        writes.push((id, listing.target.parent(), listing.generation, fetched));
                    }
                    Err(error)
                        if error.http_status() == Some(404)
                            && matches!(
                                listing.target,
                                Target::Repositories { .. } | Target::Artifacts { .. }
                            ) =>
                    {
                        self.parent_gone(listing).await?;
                    }
                    Err(_) if self.context.cancel.is_cancelled() => {
                        requests.abort_all();
                        return Ok(PhaseEnd::Cancelled);
                    }
                    Err(source) => {
                        requests.abort_all();
                        return Err(CrawlError::Api {
                            target: listing.target.public(),
                            page,
                            source,
                        });
                    }
                }
            }
            self.fill(
                &mut open,
                &mut requests,
                &mut source,
                &mut next_id,
                &mut source_done,
            )
            .await?;
            for (id, parent_exists) in self.write_pages(writes).await? {
                if !parent_exists && let Some(listing) = open.get_mut(&id) {
                    listing.gone = true;
                }
            }
            for id in touched {
                if open.get(&id).is_some_and(Open::finished)
                    && let Some(listing) = open.remove(&id)
                {
                    self.finish_listing(listing).await?;
                }
            }
            self.emit();
        }
    }

    /// Fills the free places: pages of open listings first, then new listings (at most twice
    /// as many open as places).
    async fn fill(
        &mut self,
        open: &mut BTreeMap<u64, Open>,
        requests: &mut JoinSet<PageResult>,
        source: &mut Source,
        next_id: &mut u64,
        source_done: &mut bool,
    ) -> Result<(), CrawlError> {
        let concurrency = self.context.settings.concurrency;
        while requests.len() < concurrency {
            if let Some((id, page)) = open
                .iter()
                .find_map(|(id, listing)| listing.pending_page().map(|page| (*id, page)))
            {
                if let Some(listing) = open.get_mut(&id) {
                    listing.next_page += 1;
                    listing.outstanding += 1;
                    self.send(requests, id, &listing.target, page);
                }
                continue;
            }
            if *source_done || open.len() >= 2 * concurrency {
                break;
            }
            let Some(target) = source.next(&self.index).await? else {
                *source_done = true;
                break;
            };
            let generation = self.new_generation().await?;
            let id = *next_id;
            *next_id += 1;
            self.send(requests, id, &target, 1);
            open.insert(
                id,
                Open {
                    target,
                    generation,
                    total: None,
                    pages: 1,
                    next_page: 2,
                    outstanding: 1,
                    received: 0,
                    consistent: true,
                    gone: false,
                },
            );
        }
        Ok(())
    }

    fn send(&self, requests: &mut JoinSet<PageResult>, id: u64, target: &Target, page: u32) {
        let context = Arc::clone(&self.context);
        let target = target.clone();
        requests.spawn(async move {
            let answer = fetch_page(&context, &target, page).await;
            (id, page, answer)
        });
    }

    /// Counts a page that arrived and learns its listing's pages from page 1 (before the page
    /// is written, so that the next pages can be asked for meanwhile).
    fn accept(&mut self, listing: &mut Open, page: u32, fetched: &Fetched) {
        let (total, received) = fetched.total_and_len();
        listing.received += received;
        let kind = listing.target.kind();
        let counts = self.progress.counts_mut(kind);
        counts.done += received;
        if page == 1 {
            counts.expected += total;
            listing.total = Some(total);
            // A server that caps the page size answers page 1 with fewer items than asked for
            // while more remain: its pages are that long.
            let asked = u64::from(self.context.settings.page_size);
            let page_size = if received > 0 && received < asked && received < total {
                received
            } else {
                asked
            };
            listing.pages = u32::try_from(total.div_ceil(page_size).max(1)).unwrap_or(u32::MAX);
        } else if listing.total != Some(total) {
            listing.consistent = false;
        }
    }

    /// Writes pages into the index in one transaction; for each listing, false when its parent
    /// is no longer there.
    async fn write_pages(
        &self,
        pages: Vec<(u64, Parent, i64, Fetched)>,
    ) -> Result<Vec<(u64, bool)>, CrawlError> {
        if pages.is_empty() {
            return Ok(Vec::new());
        }
        Ok(self
            .index
            .run(move |index| {
                index.write(|tx| {
                    pages
                        .iter()
                        .map(|(id, parent, generation, fetched)| {
                            Ok((*id, write_page(tx, *parent, *generation, fetched)?))
                        })
                        .collect()
                })
            })
            .await?)
    }

    async fn parent_gone(&mut self, listing: &mut Open) -> Result<(), CrawlError> {
        listing.gone = true;
        let parent = listing.target.parent();
        let removed = self
            .index
            .run(move |index| {
                index.write(|tx| match parent {
                    Parent::Repositories(project_id) => {
                        tx.execute("DELETE FROM projects WHERE id = ?1", [project_id])
                    }
                    Parent::Artifacts(repository_id) => {
                        tx.execute("DELETE FROM repositories WHERE id = ?1", [repository_id])
                    }
                    Parent::Projects | Parent::Charts => Ok(0),
                })
            })
            .await?;
        self.removed += removed as u64;
        Ok(())
    }

    async fn finish_listing(&mut self, listing: Open) -> Result<(), CrawlError> {
        self.progress.listings_done += 1;
        if listing.gone {
            return Ok(());
        }
        let complete = listing.consistent && listing.total == Some(listing.received);
        if !complete {
            self.inconsistent += 1;
        }
        let (parent, generation) = (listing.target.parent(), listing.generation);
        let removed = self
            .index
            .run(move |index| {
                index.write(|tx| {
                    let removed = if complete {
                        remove_unseen(tx, parent, generation)?
                    } else {
                        0
                    };
                    mark_listed(tx, parent, generation, now_ms())?;
                    Ok(removed)
                })
            })
            .await?;
        self.removed += removed as u64;
        Ok(())
    }
}

/// Writes one page into the index; `false` when its parent is no longer in the index.
fn write_page(
    tx: &rusqlite::Transaction<'_>,
    parent: Parent,
    generation: i64,
    fetched: &Fetched,
) -> rusqlite::Result<bool> {
    let now = now_ms();
    let exists = |sql: &str, id: i64| -> rusqlite::Result<bool> {
        Ok(tx.query_row(sql, [id], |_| Ok(())).optional()?.is_some())
    };
    match (parent, fetched) {
        (Parent::Projects, Fetched::Projects(page)) => {
            upsert_projects(tx, &page.items, generation, now)?;
        }
        (Parent::Charts, Fetched::Charts(page)) => {
            upsert_charts(tx, &page.items, generation, now)?;
        }
        (Parent::Repositories(project_id), Fetched::Repositories(page)) => {
            if !exists("SELECT 1 FROM projects WHERE id = ?1", project_id)? {
                return Ok(false);
            }
            upsert_repositories(tx, project_id, &page.items, generation, now)?;
        }
        (Parent::Artifacts(repository_id), Fetched::Artifacts(page)) => {
            if !exists("SELECT 1 FROM repositories WHERE id = ?1", repository_id)? {
                return Ok(false);
            }
            upsert_artifacts(tx, repository_id, &page.items, generation, now)?;
        }
        _ => {}
    }
    Ok(true)
}

/// Fetches page `page` of `target`'s listing, retrying as the settings allow.
async fn fetch_page(context: &Context, target: &Target, page: u32) -> Result<Fetched, ApiError> {
    let request = PageRequest::new(page, context.settings.page_size);
    let client = &context.client;
    match target {
        Target::Projects => with_retry(context, || client.list_projects(&request))
            .await
            .map(Fetched::Projects),
        Target::Charts => with_retry(context, || client.list_charts(&request))
            .await
            .map(Fetched::Charts),
        Target::Repositories { project, .. } => {
            with_retry(context, || client.list_repositories(project, &request))
                .await
                .map(Fetched::Repositories)
        }
        Target::Artifacts {
            project,
            repository,
            ..
        } => with_retry(context, || {
            client.list_artifacts(project, repository, &request)
        })
        .await
        .map(Fetched::Artifacts),
    }
}

/// Whether a failed request is worth trying again: the server asked to slow down (429), had
/// trouble (5xx), or the connection failed.
fn should_retry(error: &ApiError) -> bool {
    error.http_status() == Some(429) || error.is_transient()
}

/// Runs `call` until it succeeds, fails for good, runs out of attempts, or the crawl is
/// cancelled (answered as [`ApiError::Cancelled`]).
async fn with_retry<T, F, Fut>(context: &Context, mut call: F) -> Result<T, ApiError>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<Reply<T>, ApiError>>,
{
    let settings = &context.settings;
    let mut attempt: u32 = 1;
    loop {
        context.stats.requests.fetch_add(1, Ordering::Relaxed);
        let answer = tokio::select! {
            () = context.cancel.cancelled() => return Err(ApiError::Cancelled),
            answer = call() => answer,
        };
        match answer {
            Ok(reply) => return Ok(reply.value),
            Err(error) if attempt < settings.max_attempts && should_retry(&error) => {
                context.stats.retries.fetch_add(1, Ordering::Relaxed);
                tracing::debug!(attempt, %error, "crawl request failed, retrying");
                let pause = backoff(settings, attempt);
                tokio::select! {
                    () = context.cancel.cancelled() => return Err(ApiError::Cancelled),
                    () = tokio::time::sleep(pause) => {}
                }
                attempt += 1;
            }
            Err(error) => return Err(error),
        }
    }
}

/// The pause before retry number `attempt` (1-based): the first backoff doubled per retry, at
/// most the maximum, times a random factor between ½ and 1 so that parallel requests spread.
fn backoff(settings: &CrawlSettings, attempt: u32) -> Duration {
    let doubled = settings
        .first_backoff
        .saturating_mul(1_u32 << attempt.saturating_sub(1).min(16));
    let capped = doubled.min(settings.max_backoff);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |since| since.subsec_nanos());
    // xorshift of the clock's nanoseconds: spread enough, no random crate needed.
    let mut x = u64::from(nanos) ^ (u64::from(attempt) << 32) ^ 0x9E37_79B9_7F4A_7C15;
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    let per_mille = 500 + (x % 501) as u32;
    capped * per_mille / 1000
}

/// The run a registry crawl works in.
#[derive(Debug, Clone, Copy)]
struct Run {
    generation: i64,
    resumed: bool,
    projects_listed: bool,
    charts_listed: bool,
}

/// Continues the last run when it is unfinished (and `restart` is false), else starts one.
fn begin_run(tx: &rusqlite::Transaction<'_>, restart: bool) -> rusqlite::Result<Run> {
    let (run, finished, projects, charts): (Option<i64>, Option<i64>, Option<i64>, Option<i64>) =
        tx.query_row(
            "SELECT run_generation, run_finished_ms, projects_listed_gen, charts_listed_gen
             FROM state WHERE id = 1",
            [],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?)),
        )?;
    if let (Some(generation), None, false) = (run, finished, restart) {
        return Ok(Run {
            generation,
            resumed: true,
            projects_listed: projects.is_some_and(|g| g >= generation),
            charts_listed: charts.is_some_and(|g| g >= generation),
        });
    }
    let generation = next_generation(tx)?;
    tx.execute(
        "UPDATE state SET run_generation = ?1, run_started_ms = ?2, run_finished_ms = NULL
         WHERE id = 1",
        params![generation, now_ms()],
    )?;
    Ok(Run {
        generation,
        resumed: false,
        projects_listed: false,
        charts_listed: false,
    })
}

fn finish_run(tx: &rusqlite::Transaction<'_>) -> rusqlite::Result<()> {
    let now = now_ms();
    tx.execute(
        "UPDATE state SET run_finished_ms = ?1, last_complete_crawl_ms = ?1 WHERE id = 1",
        [now],
    )?;
    Ok(())
}

/// What a resumed run finds already done.
#[derive(Debug, Default)]
struct Skipped {
    projects: u64,
    charts: u64,
    repositories: u64,
    repository_listings: u64,
    artifacts: u64,
    artifact_listings: u64,
}

fn skipped_counts(tx: &rusqlite::Transaction<'_>, run: &Run) -> rusqlite::Result<Skipped> {
    if !run.resumed {
        return Ok(Skipped::default());
    }
    let count = |sql: &str| -> rusqlite::Result<u64> {
        let n: i64 = tx.query_row(sql, [run.generation], |row| row.get(0))?;
        Ok(u64::try_from(n).unwrap_or(0))
    };
    Ok(Skipped {
        projects: count("SELECT count(*) FROM projects WHERE ?1 IS NOT NULL")?,
        charts: count("SELECT count(*) FROM charts WHERE ?1 IS NOT NULL")?,
        repositories: count(
            "SELECT count(*) FROM repositories r JOIN projects p ON p.id = r.project_id
             WHERE p.repositories_listed_gen >= ?1",
        )?,
        repository_listings: count(
            "SELECT count(*) FROM projects WHERE repositories_listed_gen >= ?1",
        )?,
        artifacts: count(
            "SELECT count(*) FROM artifacts a JOIN repositories r ON r.id = a.repository_id
             WHERE r.artifacts_listed_gen >= ?1",
        )?,
        artifact_listings: count(
            "SELECT count(*) FROM repositories WHERE artifacts_listed_gen >= ?1",
        )?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_up_to_the_maximum_with_jitter() {
        let settings = CrawlSettings {
            first_backoff: Duration::from_millis(100),
            max_backoff: Duration::from_secs(1),
            ..CrawlSettings::default()
        };
        for (attempt, full_ms) in [
            (1, 100),
            (2, 200),
            (3, 400),
            (4, 800),
            (5, 1000),
            (30, 1000),
        ] {
            let pause = backoff(&settings, attempt);
            assert!(
                pause >= Duration::from_millis(full_ms / 2)
                    && pause <= Duration::from_millis(full_ms),
                "attempt {attempt}: {pause:?}"
            );
        }
    }

    #[test]
    fn only_429_5xx_and_transport_failures_are_retried() {
        let ccr = |status| ApiError::Ccr {
            code: crate::api::CcrCode::InternalError,
            status,
            server_message: String::new(),
            request_id: None,
        };
        assert!(should_retry(&ccr(429)));
        assert!(should_retry(&ccr(503)));
        assert!(!should_retry(&ccr(404)));
        assert!(!should_retry(&ccr(401)));
        assert!(should_retry(&ApiError::Transport {
            kind: crate::api::TransportKind::Timeout,
            host: "h".into(),
            detail: String::new(),
        }));
    }
}
