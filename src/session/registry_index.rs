//! The registry index of the profile in use, as the session keeps it: opened when a profile is
//! used (connected or not, so that an unreachable server can still be browsed), tied to the
//! profile's server, walked by crawls (after connecting, when asked, on a schedule), and handed
//! to the screens.

use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use poll_promise::Promise;
use tokio_util::sync::CancellationToken;

use crate::api::CcrClient;
use crate::index::{
    CrawlError, CrawlProgress, CrawlReport, CrawlScope, CrawlSettings, Freshness, Index,
    IndexError, Opened, crawl,
};
use crate::profile::{CrawlWhen, IndexSettings, ProfileId};
use crate::tasks::{ActivityGuard, Fallback, Tasks};

use super::{CrawlWatch, SessionWork};

/// The longest the app waits for the index file to open (a rebuild included).
const OPEN_LIMIT: Duration = Duration::from_mins(1);

/// How often, at most, a running crawl tells the screens that the index changed.
const CHANGE_EVERY: Duration = Duration::from_secs(1);

impl<T> Fallback for Result<T, IndexError> {
    fn after_panic() -> Self {
        Err(IndexError::Task)
    }
}

impl<T> Fallback for Result<T, CrawlError> {
    fn after_panic() -> Self {
        Err(CrawlError::Task)
    }
}

/// Where the index files live and whether crawls start by themselves.
#[derive(Debug, Clone)]
pub struct IndexPlan {
    /// The folder of the index files (`<profile-id>.sqlite` each); `None`: no index this run
    /// (the OS has no cache folder).
    pub folder: Option<PathBuf>,
    /// Whether crawls start by themselves (after connecting, on the schedule) as the settings
    /// say. Tests turn it off to keep the requests they count their own.
    pub automatic: bool,
}

impl IndexPlan {
    /// The OS cache folder (`~/.cache/ccr-desk/index` on Linux), crawls as the settings say.
    pub fn default_folder() -> Self {
        Self {
            folder: crate::index::default_folder(),
            automatic: true,
        }
    }
}

/// How the last crawl ended.
#[derive(Debug, Clone)]
pub enum CrawlEnd {
    /// It walked its scope, was cancelled, or found its scope gone.
    Reported(CrawlReport),
    /// It stopped on an error.
    Failed(Arc<CrawlError>),
}

/// A crawl that runs now.
struct RunningCrawl {
    scope: CrawlScope,
    cancel: CancellationToken,
    progress: Arc<Mutex<CrawlProgress>>,
    job: Promise<Result<CrawlReport, CrawlError>>,
}

/// What the screens see of the index.
#[derive(Debug, Clone)]
pub struct IndexStatus<'a> {
    /// The index.
    pub index: &'a Index,
    /// How fresh it is, once read.
    pub freshness: Option<&'a Freshness>,
    /// Bumped whenever crawls changed what the index holds: a screen showing the index reloads
    /// when it moved.
    pub changes: u64,
    /// What the screens bump when they recorded a page or a change ([`Recordings::note`]).
    pub recordings: &'a Recordings,
    /// The crawl that runs now (the registry's first) and how far it is.
    pub crawl: Option<(CrawlScope, CrawlProgress)>,
    /// Every scope being walked now.
    pub crawling: Vec<CrawlScope>,
    /// How the last crawl ended.
    pub last_crawl: Option<&'a CrawlEnd>,
    /// The index settings.
    pub settings: &'a IndexSettings,
    /// What opening the file found (a rebuild, say).
    pub opened: &'a Opened,
}

/// Counts the pages and changes the screens recorded in the index, from their tasks; the
/// session reads the freshness again when it moved.
#[derive(Debug, Clone, Default)]
pub struct Recordings(Arc<AtomicU64>);

impl Recordings {
    /// A page or a change was recorded.
    pub fn note(&self) {
        self.0.fetch_add(1, Ordering::Relaxed);
    }

    fn count(&self) -> u64 {
        self.0.load(Ordering::Relaxed)
    }
}

/// The index of the profile in use and its crawls.
pub struct RegistryIndex {
    plan: IndexPlan,
    profile: Option<ProfileId>,
    opening: Option<Promise<Result<Index, IndexError>>>,
    index: Option<Index>,
    problem: Option<Arc<IndexError>>,
    crawls: Vec<RunningCrawl>,
    last_crawl: Option<CrawlEnd>,
    freshness: Option<Freshness>,
    freshness_job: Option<Promise<Result<Freshness, IndexError>>>,
    /// The index changed since the freshness was read.
    freshness_stale: bool,
    changes: u64,
    last_change_sent: Option<Instant>,
    /// The connection whose automatic crawl was decided (started or not).
    decided_for: Option<u64>,
    /// When the schedule's next crawl is due.
    next_scheduled: Option<Instant>,
    /// Wakes the UI when the next scheduled crawl is due.
    schedule_wake: Option<Promise<Option<()>>>,
    /// What the index is tied to for the connection in use.
    server: Option<String>,
    /// The screens' recordings, and how many were seen.
    recordings: Recordings,
    recordings_seen: u64,
    /// Forgetting everything the index holds.
    clearing: Option<Promise<Result<(), IndexError>>>,
    /// Tying the index to the connected server (clearing another server's rows).
    binding: Option<Promise<Result<bool, IndexError>>>,
    /// Shown in the status line while a crawl runs.
    activity: Option<ActivityGuard>,
}

impl RegistryIndex {
    /// No index open yet; files go where `plan` says.
    pub fn new(plan: IndexPlan) -> Self {
        Self {
            plan,
            profile: None,
            opening: None,
            index: None,
            problem: None,
            crawls: Vec::new(),
            last_crawl: None,
            freshness: None,
            freshness_job: None,
            freshness_stale: true,
            changes: 0,
            last_change_sent: None,
            decided_for: None,
            next_scheduled: None,
            schedule_wake: None,
            binding: None,
            clearing: None,
            server: None,
            recordings: Recordings::default(),
            recordings_seen: 0,
            activity: None,
        }
    }

    /// The open index, if any.
    pub fn index(&self) -> Option<&Index> {
        self.index.as_ref()
    }

    /// What the screens see of the index, when one is open.
    pub fn status<'a>(&'a self, settings: &'a IndexSettings) -> Option<IndexStatus<'a>> {
        Some(IndexStatus {
            index: self.index.as_ref()?,
            freshness: self.freshness.as_ref(),
            changes: self.changes,
            recordings: &self.recordings,
            crawl: self.crawl_progress(),
            crawling: self
                .crawls
                .iter()
                .map(|crawl| crawl.scope.clone())
                .collect(),
            last_crawl: self.last_crawl.as_ref(),
            settings,
            opened: self.index.as_ref()?.opened(),
        })
    }

    /// True once opening the index of `profile` has ended (opened, failed, or there is no
    /// index folder).
    pub fn has_opened(&self, profile: &ProfileId) -> bool {
        self.profile.as_ref() == Some(profile) && self.opening.is_none()
    }

    /// Why the index could not be opened, if it could not.
    pub fn problem(&self) -> Option<&IndexError> {
        self.problem.as_deref()
    }

    /// How fresh the index is, once read.
    pub fn freshness(&self) -> Option<&Freshness> {
        self.freshness.as_ref()
    }

    /// The registry crawl that runs now: its progress.
    pub fn crawl_progress(&self) -> Option<(CrawlScope, CrawlProgress)> {
        self.crawls.first().map(|crawl| {
            let progress = crawl
                .progress
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .clone();
            (crawl.scope.clone(), progress)
        })
    }

    /// Whether a crawl of `scope` runs now.
    pub fn is_crawling(&self, scope: &CrawlScope) -> bool {
        self.crawls.iter().any(|crawl| &crawl.scope == scope)
    }

    /// How the last crawl ended.
    pub fn last_crawl(&self) -> Option<&CrawlEnd> {
        self.last_crawl.as_ref()
    }

    /// Opens the index of `profile` when it is not the one open (closing the other and
    /// cancelling its crawls).
    pub fn use_profile(&mut self, tasks: &Tasks, profile: Option<&ProfileId>) {
        if self.profile.as_ref() == profile {
            return;
        }
        self.cancel_all();
        self.crawls.clear();
        self.activity = None;
        self.profile = profile.cloned();
        self.index = None;
        self.problem = None;
        self.freshness = None;
        self.freshness_stale = true;
        self.last_crawl = None;
        self.decided_for = None;
        self.next_scheduled = None;
        self.server = None;
        self.changes += 1;
        let (Some(profile), Some(folder)) = (profile, self.plan.folder.clone()) else {
            self.opening = None;
            return;
        };
        let path = crate::index::path_in(&folder, profile);
        self.opening = Some(tasks.spawn_blocking(
            OPEN_LIMIT,
            || Err(IndexError::Task),
            move || Index::open(path),
        ));
    }

    /// Advances opening, crawls and the schedule; `connected` is the working client, the
    /// number of the connection and the server's identity (what the index is tied to), when
    /// connected.
    pub fn poll(
        &mut self,
        tasks: &Tasks,
        connected: Option<(&Arc<CcrClient>, u64, &str)>,
        settings: &IndexSettings,
    ) {
        self.poll_opening();
        self.poll_binding();
        self.poll_clearing();
        self.poll_recordings();
        self.poll_crawls();
        self.poll_freshness(tasks);
        let (Some(_), Some((client, connection, server))) = (&self.index, connected) else {
            return;
        };
        if self.decided_for != Some(connection) {
            self.decided_for = Some(connection);
            self.server = Some(server.to_owned());
            let bind = self.index.clone().map(|index| (index, server.to_owned()));
            if let Some((index, host)) = bind {
                // The pages the screens record go to this server's index from now on.
                self.binding = Some(
                    tasks.spawn(async move { index.run(move |i| i.bind_server(&host)).await }),
                );
            }
            if self.plan.automatic && settings.crawl == CrawlWhen::OnConnect {
                self.start_crawl(tasks, client, CrawlScope::Registry, settings);
            }
        }
        if self.next_scheduled.is_none() && !self.is_crawling(&CrawlScope::Registry) {
            self.schedule(tasks, settings);
        }
        if self.plan.automatic
            && self.next_scheduled.is_some_and(|due| Instant::now() >= due)
            && !self.is_crawling(&CrawlScope::Registry)
        {
            self.next_scheduled = None;
            self.start_crawl(tasks, client, CrawlScope::Registry, settings);
        }
    }

    /// Starts a crawl of `scope` with `client` (nothing when the index is not open, or the same
    /// scope is already being walked).
    pub fn start_crawl(
        &mut self,
        tasks: &Tasks,
        client: &Arc<CcrClient>,
        scope: CrawlScope,
        settings: &IndexSettings,
    ) {
        let Some(index) = self.index.clone() else {
            return;
        };
        if self.is_crawling(&scope) {
            return;
        }
        let registry = scope == CrawlScope::Registry;
        let cancel = CancellationToken::new();
        let progress = Arc::new(Mutex::new(CrawlProgress::default()));
        let crawl_settings = CrawlSettings {
            concurrency: settings.concurrency(),
            server: self.server.clone(),
            ..CrawlSettings::default()
        };
        let client = CcrClient::clone(client);
        let (token, shared, walked) = (cancel.clone(), Arc::clone(&progress), scope.clone());
        let job = tasks.spawn(async move {
            crawl(index, client, walked, crawl_settings, token, move |now| {
                *shared.lock().unwrap_or_else(PoisonError::into_inner) = now.clone();
            })
            .await
        });
        if self.activity.is_none() || registry {
            let watch = CrawlWatch(Arc::clone(&progress));
            self.activity = Some(tasks.activity(SessionWork::Indexing(watch)));
        }
        let crawl = RunningCrawl {
            scope,
            cancel,
            progress,
            job,
        };
        // The registry crawl first: its progress is the one shown.
        if registry {
            self.crawls.insert(0, crawl);
        } else {
            self.crawls.push(crawl);
        }
    }

    /// Stops every crawl; a registry crawl continues where it stopped next time.
    pub fn cancel_all(&mut self) {
        for crawl in &self.crawls {
            crawl.cancel.cancel();
        }
    }

    /// Forgets everything the index holds (and stops its crawls).
    pub fn clear(&mut self, tasks: &Tasks) {
        self.cancel_all();
        if let Some(index) = self.index.clone() {
            // Writes are serialised: a crawl's page written before it saw the cancel goes first.
            self.clearing = Some(tasks.spawn(async move { index.run(Index::clear).await }));
        }
    }

    fn poll_clearing(&mut self) {
        let Some(clearing) = self.clearing.take() else {
            return;
        };
        match clearing.try_take() {
            Err(clearing) => self.clearing = Some(clearing),
            Ok(result) => {
                if let Err(error) = result {
                    tracing::warn!(%error, "the index could not be cleared");
                }
                self.last_crawl = None;
                self.note_change();
            }
        }
    }

    /// The screens changed the index (a page recorded, a create or delete): read its freshness
    /// again.
    pub fn note_change(&mut self) {
        self.changes += 1;
        self.freshness_stale = true;
        self.last_change_sent = None;
    }

    fn poll_opening(&mut self) {
        let Some(opening) = self.opening.take() else {
            return;
        };
        match opening.try_take() {
            Err(opening) => self.opening = Some(opening),
            Ok(Ok(index)) => {
                tracing::info!(path = %index.path().display(), opened = ?index.opened(), "registry index open");
                self.index = Some(index);
                self.changes += 1;
                self.freshness_stale = true;
            }
            Ok(Err(error)) => {
                tracing::warn!(%error, "the registry index could not be opened");
                self.problem = Some(Arc::new(error));
            }
        }
    }

    fn poll_binding(&mut self) {
        let Some(binding) = self.binding.take() else {
            return;
        };
        match binding.try_take() {
            Err(binding) => self.binding = Some(binding),
            Ok(Ok(cleared)) => {
                if cleared {
                    tracing::info!("the index held another server's registry: cleared");
                    self.note_change();
                }
            }
            Ok(Err(error)) => tracing::warn!(%error, "the index could not be tied to the server"),
        }
    }

    /// Pages and changes recorded by the screens count as changes, at most once a second.
    fn poll_recordings(&mut self) {
        let count = self.recordings.count();
        let due = self
            .last_change_sent
            .is_none_or(|sent| sent.elapsed() >= CHANGE_EVERY);
        if count != self.recordings_seen && due {
            self.recordings_seen = count;
            self.changes += 1;
            self.freshness_stale = true;
            self.last_change_sent = Some(Instant::now());
        }
    }

    fn poll_crawls(&mut self) {
        let mut ended = false;
        let mut still = Vec::new();
        for crawl in std::mem::take(&mut self.crawls) {
            let RunningCrawl {
                scope,
                cancel,
                progress,
                job,
            } = crawl;
            match job.try_take() {
                Err(job) => still.push(RunningCrawl {
                    scope,
                    cancel,
                    progress,
                    job,
                }),
                Ok(result) => {
                    ended = true;
                    self.last_crawl = Some(match result {
                        Ok(report) => {
                            tracing::info!(?scope, outcome = ?report.outcome, items = report.progress.items_done(), "crawl ended");
                            CrawlEnd::Reported(report)
                        }
                        Err(error) => {
                            tracing::warn!(?scope, %error, "crawl failed");
                            CrawlEnd::Failed(Arc::new(error))
                        }
                    });
                    if scope == CrawlScope::Registry {
                        // The schedule counts from the end of the last walk.
                        self.next_scheduled = None;
                        self.schedule_wake = None;
                    }
                }
            }
        }
        self.crawls = still;
        if self.crawls.is_empty() {
            self.activity = None;
        }
        let due = self
            .last_change_sent
            .is_none_or(|sent| sent.elapsed() >= CHANGE_EVERY);
        if ended || (!self.crawls.is_empty() && due) {
            self.changes += 1;
            self.last_change_sent = Some(Instant::now());
            self.freshness_stale = true;
        }
        if ended {
            self.last_change_sent = None;
        }
    }

    /// Reads the freshness again after a change (one read at a time).
    fn poll_freshness(&mut self, tasks: &Tasks) {
        if let Some(job) = self.freshness_job.take() {
            match job.try_take() {
                Err(job) => self.freshness_job = Some(job),
                Ok(Ok(freshness)) => self.freshness = Some(freshness),
                Ok(Err(error)) => tracing::debug!(%error, "index freshness not read"),
            }
            return;
        }
        if std::mem::take(&mut self.freshness_stale)
            && let Some(index) = self.index.clone()
        {
            self.freshness_job =
                Some(tasks.spawn(async move { index.run(Index::freshness).await }));
        }
    }

    /// Plans the next scheduled crawl, when the settings set a schedule.
    fn schedule(&mut self, tasks: &Tasks, settings: &IndexSettings) {
        let Some(every) = settings.every().filter(|_| self.plan.automatic) else {
            self.next_scheduled = None;
            return;
        };
        self.next_scheduled = Some(Instant::now() + every);
        self.schedule_wake = Some(tasks.spawn(async move {
            tokio::time::sleep(every).await;
            Some(())
        }));
    }

    /// The settings changed: the schedule starts again from now.
    pub fn settings_changed(&mut self) {
        self.next_scheduled = None;
        self.schedule_wake = None;
    }
}
