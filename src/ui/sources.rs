//! Where a list screen's page comes from: the server, with every page it answers recorded in
//! the registry index, or — while the server cannot be reached — the index itself, read-only.
//! The screens ask here instead of calling the client, so that both ways give the same
//! [`Page`] and the index stays as fresh as what the user has seen.

use std::future::Future;
use std::sync::Arc;

use crate::api::models::{Artifact, Chart, Page, Project, Repository};
use crate::api::{ApiError, CcrClient, PageRequest, Reply};
use crate::index::{
    ArtifactOrder, ArtifactQuery, ChartQuery, Index, IndexError, ProjectQuery, Recorded,
    RepositoryQuery, SortDirection, Window,
};
use crate::session::Recordings;
use crate::tasks::{Job, TaskLabel, Tasks};
use crate::ui::view::ViewContext;

/// The index read while offline, and the client and task runner of the connection.
struct Source {
    tasks: Tasks,
    client: Arc<CcrClient>,
    index: Option<Recorder>,
    offline: bool,
}

/// The index and what is told when something was recorded in it.
#[derive(Clone)]
pub struct Recorder {
    index: Index,
    recordings: Recordings,
}

impl Source {
    fn of(cx: &ViewContext<'_>) -> Self {
        Self {
            tasks: cx.tasks.clone(),
            client: Arc::clone(cx.client),
            index: index_of(cx),
            offline: cx.offline,
        }
    }

    /// From the index when offline (and there is one), else from the server with the answer
    /// recorded.
    /// `shown` turns the page into the rows the screen keeps.
    fn page<T, U, S, A, R>(
        self,
        label: TaskLabel,
        from_index: S,
        from_server: impl FnOnce(Arc<CcrClient>) -> A,
        record: R,
        shown: fn(T) -> U,
    ) -> Job<Result<Page<U>, ApiError>>
    where
        T: Send + 'static,
        U: Send + 'static,
        S: FnOnce(&Index) -> Result<Page<T>, IndexError> + Send + 'static,
        A: Future<Output = Result<Reply<Page<T>>, ApiError>> + Send + 'static,
        R: FnOnce(&Index, &Page<T>) -> Result<Recorded, IndexError> + Send + 'static,
        Page<T>: Clone,
    {
        if self.offline
            && let Some(recorder) = self.index
        {
            return Job::from(self.tasks.spawn(async move {
                let page = recorder
                    .index
                    .run(from_index)
                    .await
                    .map_err(|error| index_failure(&error))?;
                Ok(rows_of(page, shown))
            }));
        }
        let call = from_server(self.client);
        let index = self.index;
        self.tasks.api(label, async move {
            let reply = call.await?;
            if let Some(index) = index {
                let page = reply.value.clone();
                record_quietly(&index, move |index| record(index, &page)).await;
            }
            Ok(reply.map(|page| rows_of(page, shown)))
        })
    }
}

/// The projects page `request` asks for.
pub fn projects_page(
    cx: &ViewContext<'_>,
    label: TaskLabel,
    request: PageRequest,
) -> Job<Result<Page<Project>, ApiError>> {
    let query = ProjectQuery {
        name_contains: request.name_filter.clone(),
        offset: offset_of(&request),
        limit: request.page_size,
        ..ProjectQuery::default()
    };
    let asked = request.clone();
    Source::of(cx).page(
        label,
        move |index| index.projects(&query).map(|w| page_of(w, |p| p.project)),
        move |client| async move { client.list_projects(&asked).await },
        move |index, page| index.record_projects_page(page, &request),
        std::convert::identity,
    )
}

/// The page of `project`'s repositories `request` asks for.
pub fn repositories_page(
    cx: &ViewContext<'_>,
    label: TaskLabel,
    project: String,
    request: PageRequest,
) -> Job<Result<Page<Repository>, ApiError>> {
    let query = RepositoryQuery {
        name_contains: request.name_filter.clone(),
        offset: offset_of(&request),
        limit: request.page_size,
        ..RepositoryQuery::default()
    };
    let (asked, listed, recorded) = (request.clone(), project.clone(), project.clone());
    Source::of(cx).page(
        label,
        move |index| {
            index
                .repositories(&project, &query)
                .map(|w| page_of(w, |r| r.repository))
        },
        move |client| async move { client.list_repositories(&listed, &asked).await },
        move |index, page| index.record_repositories_page(&recorded, page, &request),
        std::convert::identity,
    )
}

/// One repository as the server (or, offline, the index) describes it.
pub fn repository_detail(
    cx: &ViewContext<'_>,
    label: TaskLabel,
    project: String,
    name: String,
) -> Job<Result<Repository, ApiError>> {
    let source = Source::of(cx);
    if source.offline
        && let Some(Recorder { index, .. }) = source.index
    {
        return Job::from(source.tasks.spawn(async move {
            let query = RepositoryQuery {
                name_contains: name.clone(),
                limit: crate::index::MAX_WINDOW_ROWS,
                ..RepositoryQuery::default()
            };
            let window = index
                .run(move |index| index.repositories(&project, &query))
                .await
                .map_err(|error| index_failure(&error))?;
            window
                .rows
                .into_iter()
                .map(|row| row.repository)
                .find(|repository| repository.repository_name == name)
                .ok_or_else(|| ApiError::Internal(format!("{name} is not in the index")))
        }));
    }
    let (client, index) = (source.client, source.index);
    source.tasks.api(label, async move {
        let reply = client.repository(&project, &name).await?;
        if let Some(index) = index {
            let repository = reply.value.clone();
            record_quietly(&index, move |index| {
                index.record_repository(&project, &repository)
            })
            .await;
        }
        Ok(reply)
    })
}

/// The page of `project`/`repository`'s artifacts `request` asks for, newest push first as the
/// server lists them.
pub fn artifacts_page(
    cx: &ViewContext<'_>,
    label: TaskLabel,
    project: String,
    repository: String,
    request: PageRequest,
) -> Job<Result<Page<Artifact>, ApiError>> {
    let query = ArtifactQuery {
        order: ArtifactOrder::PushTime,
        direction: SortDirection::Descending,
        offset: offset_of(&request),
        limit: request.page_size,
        ..ArtifactQuery::default()
    };
    let names = (project.clone(), repository.clone());
    let recorded = (project.clone(), repository.clone());
    let asked = request.clone();
    Source::of(cx).page(
        label,
        move |index| {
            index
                .artifacts(&project, &repository, &query)
                .map(|w| page_of(w, |a| a.artifact))
        },
        move |client| async move { client.list_artifacts(&names.0, &names.1, &asked).await },
        move |index, page| index.record_artifacts_page(&recorded.0, &recorded.1, page, &request),
        std::convert::identity,
    )
}

/// The charts page `request` asks for (the server lists every project's charts), each chart
/// made a row by `row`.
pub fn charts_page<R: Send + 'static>(
    cx: &ViewContext<'_>,
    label: TaskLabel,
    request: PageRequest,
    row: fn(Chart) -> R,
) -> Job<Result<Page<R>, ApiError>> {
    let (offset, limit) = if request.no_paging {
        (0, crate::index::MAX_WINDOW_ROWS)
    } else {
        (offset_of(&request), request.page_size)
    };
    let query = ChartQuery {
        name_contains: request.name_filter.clone(),
        offset,
        limit,
        ..ChartQuery::default()
    };
    let asked = request.clone();
    Source::of(cx).page(
        label,
        move |index| index.charts(&query).map(|w| page_of(w, |c| c.chart)),
        move |client| async move { client.list_charts(&asked).await },
        move |index, page| index.record_charts_page(page, &request),
        row,
    )
}

/// The index a change task records its change in, if one is open.
pub fn index_of(cx: &ViewContext<'_>) -> Option<Recorder> {
    cx.index.as_ref().map(|status| Recorder {
        index: status.index.clone(),
        recordings: status.recordings.clone(),
    })
}

/// Applies a change the server accepted to the index at once, when there is one (a failure is
/// logged: the next listing corrects the index).
pub async fn apply_change(
    index: Option<Recorder>,
    change: impl FnOnce(&Index) -> Result<Recorded, IndexError> + Send + 'static,
) {
    if let Some(index) = index {
        record_quietly(&index, change).await;
    }
}

/// Runs `work` on the index; a failure is logged and goes no further: the index is a cache,
/// and the page the user asked for arrived.
async fn record_quietly(
    recorder: &Recorder,
    work: impl FnOnce(&Index) -> Result<Recorded, IndexError> + Send + 'static,
) {
    match recorder.index.run(work).await {
        Ok(_) => recorder.recordings.note(),
        Err(error) => tracing::warn!(%error, "the index did not take a page or a change"),
    }
}

/// An index failure, as the lists show errors.
fn index_failure(error: &IndexError) -> ApiError {
    ApiError::Internal(format!("registry index: {error}"))
}

fn offset_of(request: &PageRequest) -> u64 {
    u64::from(request.page.saturating_sub(1)) * u64::from(request.page_size)
}

fn rows_of<T, U>(page: Page<T>, row: fn(T) -> U) -> Page<U> {
    Page {
        items: page.items.into_iter().map(row).collect(),
        total: page.total,
    }
}

fn page_of<R, T>(window: Window<R>, item: impl Fn(R) -> T) -> Page<T> {
    Page {
        items: window.rows.into_iter().map(item).collect(),
        total: window.total,
    }
}
