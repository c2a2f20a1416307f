//! The router and the handlers of the document's 13 operations (plus the cross-project
//! repository list of its example).
//!
//! Every answer, including rejected input, unknown paths and wrong methods, is the JSON envelope.

use std::collections::HashMap;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{FromRequest, FromRequestParts, Path, Query, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode, Uri, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get, post};
use secrecy::{ExposeSecret, SecretString};
use serde::de::DeserializeOwned;
use tokio::io::AsyncWriteExt;
use tokio_util::io::ReaderStream;

use super::DEFAULT_INSTANCE_ID;
use super::auth::{self, Caller, Writer};
use super::charts;
use super::envelope::{self, ApiError, Code, Empty, Success};
use super::host_check;
use super::paging::{self, Paging};
use super::state::AppState;
use super::store::{self, Kind, Store, StoreError};
use super::time::now_ms;
use super::wire;
use crate::contract as validate;

/// Path prefix of every operation.
pub const BASE_PATH: &str = "/api/ccr/v1.0/instances/ccr-manager";
/// Path prefix up to the instance id.
const INSTANCES_PATH: &str = "/api/ccr/v1.0/instances/";
/// Bytes per body frame when a chart archive is streamed.
const DOWNLOAD_READ_BYTES: usize = 256 * 1024;

impl From<StoreError> for ApiError {
    fn from(err: StoreError) -> Self {
        match err {
            StoreError::NotFound { kind, name } => {
                Self::not_found(format!("{}不存在：{name}", kind.chinese()))
            }
            StoreError::AlreadyExists { kind, name } => Self::new(
                Code::AlreadyExists,
                format!("{}已存在：{name}", kind.chinese()),
            ),
            StoreError::ProjectNotEmpty {
                project,
                repositories,
                charts,
            } => Self::new(
                Code::ForbidOperate,
                format!(
                    "项目 {project} 下仍有 {repositories} 个镜像仓库和 {charts} 个 chart，请先删除后再删除项目"
                ),
            ),
            StoreError::ReferencedByIndex { digest } => Self::new(
                Code::ForbidOperate,
                format!("镜像 {digest} 被多架构镜像引用，不能单独删除"),
            ),
            StoreError::QuotaExceeded { project, .. } => Self::new(
                Code::ForbidOperate,
                format!("项目 {project} 的存储配额不足"),
            ),
            StoreError::InvalidChart(e) => Self::param(format!("chart 包无效：{e}")),
            other => Self::internal(&other),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// extractors that answer the envelope when they reject

/// Path parameters; a rejection is a 400 envelope.
struct Segments<T>(T);

impl<S: Send + Sync, T: DeserializeOwned + Send> FromRequestParts<S> for Segments<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        Path::<T>::from_request_parts(parts, state)
            .await
            .map(|Path(value)| Self(value))
            .map_err(|e| ApiError::param(format!("路径参数无效（{}）", e.body_text())))
    }
}

/// Query parameters as text; a rejection is a 400 envelope.
struct QueryMap(HashMap<String, String>);

impl<S: Send + Sync> FromRequestParts<S> for QueryMap {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        Query::<HashMap<String, String>>::from_request_parts(parts, state)
            .await
            .map(|Query(map)| Self(map))
            .map_err(|e| ApiError::param(format!("查询参数无效（{}）", e.body_text())))
    }
}

/// A JSON body, read whatever the `Content-Type`; a missing or malformed body is a 400 envelope.
struct JsonBody<T>(T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for JsonBody<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let bytes = Bytes::from_request(req, state)
            .await
            .map_err(|e| ApiError::param(format!("无法读取请求体（{}）", e.body_text())))?;
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Err(ApiError::param("缺少 JSON 请求体"));
        }
        serde_json::from_slice(&bytes)
            .map(Self)
            .map_err(|e| ApiError::param(format!("请求体不是有效的 JSON（{e}）")))
    }
}

fn required(value: Option<String>, field: &str) -> Result<String, ApiError> {
    value.ok_or_else(|| ApiError::param(format!("缺少必填参数 {field}")))
}

// ---------------------------------------------------------------------------------------------
// router

/// The whole application: the operations under [`BASE_PATH`], the loopback `Host` check,
/// authentication, request ids, and envelope answers for unknown paths and wrong methods.
pub fn router(state: AppState) -> Router {
    let api = Router::new()
        .route("/projects", get(list_projects).post(create_project))
        .route(
            "/projects/charts",
            get(list_charts).delete(delete_charts_project),
        )
        .route("/projects/{project}", delete(delete_project))
        .route(
            "/projects/{project}/repositories",
            get(list_repositories).post(create_repository),
        )
        .route(
            "/projects/{project}/repositories/{repository}",
            get(repository_detail).delete(delete_repository),
        )
        .route(
            "/projects/{project}/repositories/{repository}/artifacts",
            get(list_artifacts),
        )
        .route(
            "/projects/{project}/repositories/{repository}/artifacts/{digest}",
            delete(delete_artifact),
        )
        .route(
            "/projects/{project}/charts/{chart}/delete",
            delete(delete_chart),
        )
        .route(
            "/projects/{project}/charts/{chart}/download",
            get(download_chart),
        )
        .route("/repositories", get(list_all_repositories))
        .route("/account/reset", post(reset_password))
        .method_not_allowed_fallback(method_not_allowed);
    Router::new()
        .nest(BASE_PATH, api)
        .fallback(unknown_path)
        .layer(middleware::from_fn_with_state(
            state.clone(),
            auth::require_user,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            host_check::require_loopback_host,
        ))
        .layer(middleware::from_fn(request_id))
        .with_state(state)
}

/// Gives every request a fresh id (envelope `requestId` and header `X-Request-Id`) and logs the
/// request line and status (never headers: they may carry credentials).
async fn request_id(req: Request, next: Next) -> Response {
    let id = envelope::new_request_id();
    let method = req.method().clone();
    let path = req.uri().path().to_owned();
    let started = std::time::Instant::now();
    let mut response = envelope::with_request_id(id.clone(), next.run(req)).await;
    if let Ok(value) = HeaderValue::from_str(&id) {
        response
            .headers_mut()
            .insert(envelope::REQUEST_ID_HEADER, value);
    }
    tracing::info!(
        request_id = %id,
        status = response.status().as_u16(),
        elapsed_ms = started.elapsed().as_millis() as u64,
        "{method} {path}"
    );
    response
}

async fn method_not_allowed() -> ApiError {
    ApiError::method_not_allowed()
}

async fn unknown_path(uri: Uri) -> ApiError {
    if let Some(rest) = uri.path().strip_prefix(INSTANCES_PATH) {
        let instance = rest.split('/').next().unwrap_or_default();
        if instance != DEFAULT_INSTANCE_ID {
            let instance = percent_encoding::percent_decode_str(instance).decode_utf8_lossy();
            return ApiError::not_found(format!("实例不存在：{instance}"));
        }
    }
    ApiError::not_found(format!("接口不存在：{}", uri.path()))
}

// ---------------------------------------------------------------------------------------------
// projects

async fn create_project(
    _writer: Writer,
    State(state): State<AppState>,
    JsonBody(body): JsonBody<wire::CreateProject>,
) -> Result<Success<wire::ProjectCreated>, ApiError> {
    let name = required(body.name, "name")?;
    validate::project_name(&name)?;
    let quota = body.quota.unwrap_or(-1);
    if quota != -1 && quota <= 0 {
        return Err(ApiError::param(format!(
            "quota 必须为 -1（不限制）或大于 0 的字节数（收到 {quota}）"
        )));
    }
    let is_public = body.is_public.unwrap_or(false);
    let project_id = state
        .store
        .run(move |c| store::create_project(c, &name, is_public, quota, now_ms()))
        .await?;
    Ok(Success::new(wire::ProjectCreated { project_id }))
}

async fn delete_project(
    writer: Writer,
    State(state): State<AppState>,
    Segments(project): Segments<String>,
) -> Result<Success<Empty>, ApiError> {
    remove_project(writer, state, project).await
}

/// `DELETE /projects/charts`: the static chart-list route shadows a project named `charts`.
async fn delete_charts_project(
    writer: Writer,
    State(state): State<AppState>,
) -> Result<Success<Empty>, ApiError> {
    remove_project(writer, state, "charts".to_owned()).await
}

async fn remove_project(
    _writer: Writer,
    state: AppState,
    project: String,
) -> Result<Success<Empty>, ApiError> {
    validate::project_name(&project)?;
    state
        .store
        .run(move |c| store::delete_project(c, &project))
        .await?;
    Ok(Success::empty())
}

async fn list_projects(
    State(state): State<AppState>,
    QueryMap(query): QueryMap,
) -> Result<Success<wire::ProjectList>, ApiError> {
    let paging = Paging::from_query(&query, &["pageNo", "page"])?;
    let name_has = paging::name_has(&query);
    let (total, rows) = state
        .store
        .run(move |c| store::list_projects(c, &name_has, paging.window()))
        .await?;
    let (page, page_size) = paging.answered();
    Ok(Success::new(wire::ProjectList {
        page,
        page_size,
        projects: rows
            .into_iter()
            .map(|row| wire::Project::new(row, DEFAULT_INSTANCE_ID))
            .collect(),
        total,
    }))
}

// ---------------------------------------------------------------------------------------------
// repositories

async fn repositories(
    state: AppState,
    project: Option<String>,
    query: &HashMap<String, String>,
) -> Result<Success<wire::RepositoryList>, ApiError> {
    if let Some(project) = &project {
        validate::project_name(project)?;
    }
    let paging = Paging::from_query(query, &["pageNo", "page"])?;
    let name_has = paging::name_has(query);
    let (total, rows) = state
        .store
        .run(move |c| store::list_repositories(c, project.as_deref(), &name_has, paging.window()))
        .await?;
    Ok(Success::new(wire::RepositoryList {
        data: rows
            .into_iter()
            .map(|row| wire::RepositorySummary::new(row, DEFAULT_INSTANCE_ID))
            .collect(),
        total_count: total,
    }))
}

async fn list_repositories(
    State(state): State<AppState>,
    Segments(project): Segments<String>,
    QueryMap(query): QueryMap,
) -> Result<Success<wire::RepositoryList>, ApiError> {
    repositories(state, Some(project), &query).await
}

async fn list_all_repositories(
    State(state): State<AppState>,
    QueryMap(query): QueryMap,
) -> Result<Success<wire::RepositoryList>, ApiError> {
    repositories(state, None, &query).await
}

async fn create_repository(
    _writer: Writer,
    State(state): State<AppState>,
    Segments(project): Segments<String>,
    JsonBody(body): JsonBody<wire::CreateRepository>,
) -> Result<Success<Empty>, ApiError> {
    validate::project_name(&project)?;
    let name = required(body.repository_name, "repositoryName")?;
    validate::repository_name(&name)?;
    let summary = body.summary.unwrap_or_default();
    validate::repository_summary(&summary)?;
    let detail = body.detail.unwrap_or_default();
    validate::repository_detail(&detail)?;
    state
        .store
        .run(move |c| store::create_repository(c, &project, &name, &summary, &detail, now_ms()))
        .await?;
    Ok(Success::empty())
}

/// The repository name of a path as the server reads it. By default the segment is decoded
/// once (`sub%2Frepo` → `sub/repo`). With `double_encoded_paths` the server behaves like
/// Harbor: a `/` must come as `%252F`, which the first decoding leaves as `%2F` and a second one
/// turns into `/`; a singly encoded `/` splits the path for Harbor's router and finds nothing.
fn path_repository(state: &AppState, repository: String) -> Result<String, ApiError> {
    if !state.double_encoded_paths {
        return Ok(repository);
    }
    if repository.contains('/') {
        return Err(StoreError::NotFound {
            kind: Kind::Repository,
            name: repository,
        }
        .into());
    }
    percent_encoding::percent_decode_str(&repository)
        .decode_utf8()
        .map(std::borrow::Cow::into_owned)
        .map_err(|_| ApiError::param(format!("仓库名称不是有效的 UTF-8：{repository}")))
}

fn check_repository_path(project: &str, repository: &str) -> Result<(), ApiError> {
    validate::project_name(project)?;
    validate::repository_name(repository)?;
    Ok(())
}

async fn delete_repository(
    _writer: Writer,
    State(state): State<AppState>,
    Segments((project, repository)): Segments<(String, String)>,
) -> Result<Success<Empty>, ApiError> {
    let repository = path_repository(&state, repository)?;
    check_repository_path(&project, &repository)?;
    state
        .store
        .run(move |c| store::delete_repository(c, &project, &repository, now_ms()))
        .await?;
    Ok(Success::empty())
}

async fn repository_detail(
    State(state): State<AppState>,
    Segments((project, repository)): Segments<(String, String)>,
) -> Result<Success<wire::RepositoryAnswer>, ApiError> {
    let repository = path_repository(&state, repository)?;
    check_repository_path(&project, &repository)?;
    let row = state
        .store
        .run(move |c| store::repository(c, &project, &repository))
        .await?;
    Ok(Success::new(wire::RepositoryAnswer {
        data: wire::RepositoryDetail::new(row, DEFAULT_INSTANCE_ID),
    }))
}

// ---------------------------------------------------------------------------------------------
// artifacts

async fn list_artifacts(
    State(state): State<AppState>,
    Segments((project, repository)): Segments<(String, String)>,
    QueryMap(query): QueryMap,
) -> Result<Success<wire::ArtifactList>, ApiError> {
    let repository = path_repository(&state, repository)?;
    check_repository_path(&project, &repository)?;
    let paging = Paging::from_query(&query, &["page", "pageNo"])?;
    let (total, rows) = state
        .store
        .run(move |c| store::list_artifacts(c, &project, &repository, paging.window()))
        .await?;
    let (page, page_size) = paging.answered();
    Ok(Success::new(wire::ArtifactList {
        page,
        page_size,
        total,
        artifacts: rows.into_iter().map(wire::Artifact::from).collect(),
    }))
}

async fn delete_artifact(
    _writer: Writer,
    State(state): State<AppState>,
    Segments((project, repository, digest)): Segments<(String, String, String)>,
) -> Result<Success<Empty>, ApiError> {
    let repository = path_repository(&state, repository)?;
    check_repository_path(&project, &repository)?;
    validate::digest(&digest)?;
    state
        .store
        .run(move |c| store::delete_artifact(c, &project, &repository, &digest, now_ms()))
        .await?;
    Ok(Success::empty())
}

// ---------------------------------------------------------------------------------------------
// charts

async fn list_charts(
    State(state): State<AppState>,
    QueryMap(query): QueryMap,
) -> Result<Success<wire::ChartList>, ApiError> {
    let paging = Paging::from_query(&query, &["pageNo", "page"])?;
    let name_has = paging::name_has(&query);
    let (total, rows) = state
        .store
        .run(move |c| store::list_charts(c, &name_has, paging.window()))
        .await?;
    let (page_no, page_size) = paging.answered();
    Ok(Success::new(wire::ChartList {
        page_no,
        page_size,
        total,
        charts: rows.into_iter().map(wire::Chart::from).collect(),
    }))
}

async fn delete_chart(
    _writer: Writer,
    State(state): State<AppState>,
    Segments((project, chart)): Segments<(String, String)>,
) -> Result<Success<Empty>, ApiError> {
    validate::project_name(&project)?;
    validate::chart_name(&chart)?;
    state
        .store
        .run(move |c| store::delete_chart(c, &project, &chart, now_ms()))
        .await?;
    Ok(Success::empty())
}

async fn download_chart(
    State(state): State<AppState>,
    Segments((project, file_name)): Segments<(String, String)>,
) -> Result<Response, ApiError> {
    validate::project_name(&project)?;
    let candidates: Vec<(String, String)> = charts::file_name_candidates(&file_name)
        .filter(|c| !c.is_empty())
        .ok_or_else(|| {
            ApiError::param(format!(
                "fileName 必须是 {{chart名称}}-{{版本}}.tgz 的形式（收到 {file_name}）"
            ))
        })?
        .into_iter()
        .map(|(n, v)| (n.to_owned(), v.to_owned()))
        .collect();
    let found = state
        .store
        .run(move |c| {
            let project_id = store::project_id(c, &project)?;
            for (name, version) in &candidates {
                if let Some(found) = store::find_chart_version(c, project_id, name, version)? {
                    return Ok(Some(found));
                }
            }
            Ok(None)
        })
        .await?;
    let Some(archive) = found else {
        return Err(ApiError::not_found(format!(
            "{}不存在：{file_name}",
            Kind::ChartVersion.chinese()
        )));
    };
    let body = stream_archive(state.store.clone(), archive);
    let disposition = HeaderValue::from_str(&format!("attachment; filename=\"{file_name}\""))
        .unwrap_or_else(|_| HeaderValue::from_static("attachment"));
    Ok((
        StatusCode::OK,
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/gzip"),
            ),
            (
                header::CONTENT_LENGTH,
                HeaderValue::from(archive.size_bytes),
            ),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        body,
    )
        .into_response())
}

/// Streams a stored archive chunk by chunk: each chunk (one row) is read on a blocking thread
/// and handed to the response through a bounded pipe, so memory stays small whatever the size and
/// no transaction stays open. A failed read ends the body early (the client sees a short body).
fn stream_archive(store: Store, archive: store::ArchiveRef) -> Body {
    let (mut writer, reader) = tokio::io::duplex(store::ARCHIVE_CHUNK_BYTES);
    tokio::spawn(async move {
        let mut sent = 0_u64;
        for seq in 0_i64.. {
            let chunk = store
                .run(move |c| store::read_archive_chunk(c, archive.row_id, seq))
                .await;
            match chunk {
                Ok(Some(bytes)) => {
                    if writer.write_all(&bytes).await.is_err() {
                        return; // the client went away
                    }
                    sent += bytes.len() as u64;
                }
                Ok(None) => break,
                Err(e) => {
                    tracing::warn!("reading chart archive {} failed: {e}", archive.row_id);
                    return;
                }
            }
        }
        if i64::try_from(sent).is_ok_and(|sent| sent == archive.size_bytes) {
            let _ = writer.shutdown().await;
        } else {
            tracing::warn!("chart archive {} ended early", archive.row_id);
        }
    });
    Body::from_stream(ReaderStream::with_capacity(reader, DOWNLOAD_READ_BYTES))
}

// ---------------------------------------------------------------------------------------------
// account

async fn reset_password(
    caller: Caller,
    State(state): State<AppState>,
    JsonBody(body): JsonBody<wire::ResetPassword>,
) -> Result<Success<Empty>, ApiError> {
    let username = required(body.username, "username")?;
    validate::username(&username)?;
    if !caller.is_admin && caller.username != username {
        return Err(ApiError::permission_denied(format!(
            "权限不足：用户 {} 只能重置自己的访问凭证密码",
            caller.username
        )));
    }
    let password = SecretString::from(required(body.new_password, "new_password")?);
    validate::credential_password(password.expose_secret())?;
    // Hash on a blocking thread without a store connection (an in-memory store has only one),
    // then write the hash in a short store call.
    let hash = tokio::task::spawn_blocking(move || auth::hash_password(password.expose_secret()))
        .await
        .map_err(|e| StoreError::Task(e.to_string()))?
        .map_err(|e| StoreError::Task(e.to_string()))?;
    state
        .store
        .run(move |c| store::set_user_password(c, &username, &hash, false))
        .await?;
    Ok(Success::empty())
}
