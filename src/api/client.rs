//! The typed async client: one method per operation of the document.

use std::sync::Arc;
use std::sync::atomic::{AtomicU8, Ordering};

use reqwest::header::{CONTENT_TYPE, HeaderMap};
use reqwest::{Method, RequestBuilder, Response, Url};
use secrecy::{ExposeSecret as _, SecretString};
use serde::Serialize;
use serde::de::DeserializeOwned;
use tracing::debug;

use super::answer::{ListFields, ListShape, read_shape};
use super::config::{AuthMethod, ConnectionConfig, RepositoryPathEncoding, parse_endpoint};
use super::error::{AnswerProblem, ApiError, CcrCode, ConfigError, excerpt, transport_error};
use super::models::{
    Artifact, ArtifactList, Chart, ChartList, Page, Project, ProjectCreated, ProjectList, Reply,
    Repository, RepositoryDetail, RepositoryList,
};
use super::paths::{Endpoints, Part, SegmentEncoding, UrlError};
use crate::contract as validate;

/// Largest JSON answer read into memory; a longer one is [`ApiError::AnswerTooLarge`].
pub const MAX_JSON_BYTES: usize = 32 * 1024 * 1024;
/// Most items accepted in one answer to a request of everything (`noPaging`).
pub const MAX_ITEMS_WITHOUT_PAGING: u32 = 100_000;

/// Which page of a list to fetch, and how to filter it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageRequest {
    /// 1-based page number.
    pub page: u32,
    /// Items per page.
    pub page_size: u32,
    /// Only names containing this text (empty: no filter).
    pub name_filter: String,
    /// Ask for everything at once (projects and charts only; `page`/`page_size` are then ignored).
    pub no_paging: bool,
}

impl Default for PageRequest {
    fn default() -> Self {
        Self {
            page: 1,
            page_size: 10,
            name_filter: String::new(),
            no_paging: false,
        }
    }
}

impl PageRequest {
    /// Page `page` (1-based) of `page_size` items, unfiltered.
    pub fn new(page: u32, page_size: u32) -> Self {
        Self {
            page,
            page_size,
            ..Self::default()
        }
    }

    /// The same request with a name filter.
    #[must_use]
    pub fn filtered(mut self, name_filter: impl Into<String>) -> Self {
        self.name_filter = name_filter.into();
        self
    }

    /// Every item in one answer.
    pub fn everything() -> Self {
        Self {
            no_paging: true,
            ..Self::default()
        }
    }

    /// How a list answer to this request is checked: its fields, the page size and the most
    /// entries accepted (twice the page size, at least the page size and 100; for everything
    /// at once, [`MAX_ITEMS_WITHOUT_PAGING`]).
    fn list_fields(
        &self,
        items: &'static str,
        total: &'static str,
        with_no_paging: bool,
    ) -> ListFields {
        let page_size = if with_no_paging && self.no_paging {
            MAX_ITEMS_WITHOUT_PAGING
        } else {
            self.page_size.max(1)
        };
        let slack = if with_no_paging && self.no_paging {
            0
        } else {
            u64::from(page_size).max(100)
        };
        ListFields {
            items,
            total,
            page_size,
            most_items: u64::from(page_size) + slack,
        }
    }

    fn query(
        &self,
        page_key: &'static [&'static str],
        with_no_paging: bool,
    ) -> Vec<(&'static str, String)> {
        let mut query: Vec<(&'static str, String)> = page_key
            .iter()
            .map(|key| (*key, self.page.max(1).to_string()))
            .collect();
        query.push(("pageSize", self.page_size.max(1).to_string()));
        if with_no_paging && self.no_paging {
            query.push(("noPaging", "true".to_owned()));
        }
        let filter = self.name_filter.trim();
        if !filter.is_empty() {
            query.push(("nameHas", filter.to_owned()));
        }
        query
    }
}

/// The body of "create project" (1.2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NewProject {
    /// Project name (see [`validate::project_name`]).
    pub name: String,
    /// Whether anyone may pull without credentials.
    pub is_public: bool,
    /// Storage quota in bytes, -1 for unlimited.
    pub quota: i64,
}

/// The body of "create repository" (1.6).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NewRepository {
    /// Repository name, possibly multi-level (see [`validate::repository_name`]).
    pub repository_name: String,
    /// Short description, ≤100 characters.
    pub summary: String,
    /// Long description, ≤256 characters.
    pub detail: String,
}

#[derive(Serialize)]
pub(super) struct PasswordReset<'a> {
    pub(super) username: &'a str,
    pub(super) new_password: &'a str,
}

/// Evaluates `$call` with `$encoding` bound to the encoding of repository names. In automatic
/// mode a multi-level name that answers 404 in the single form is tried once doubly encoded;
/// when that succeeds, double is kept for every later request of every clone (a success in the
/// single form fixes single). Otherwise the first answer stands.
macro_rules! by_repository_encoding {
    ($client:expr, $repository:expr, |$encoding:ident| $call:expr) => {{
        let client = $client;
        if let Some($encoding) = client.decided_repository_encoding($repository) {
            $call
        } else {
            let first = {
                let $encoding = SegmentEncoding::Single;
                $call
            };
            match first {
                Err(not_found) if not_found.http_status() == Some(404) => {
                    let second = {
                        let $encoding = SegmentEncoding::Double;
                        $call
                    };
                    client.double_answered(second, not_found)
                }
                other => {
                    client.single_answered(&other);
                    other
                }
            }
        }
    }};
}

/// What the client knows of the server's encoding of multi-level repository names, shared by
/// its clones: [`UNDECIDED`] until automatic mode has seen a multi-level name answer.
const UNDECIDED: u8 = 0;
/// Single encoding, fixed by the profile or seen to work.
const SINGLE: u8 = 1;
/// Double encoding, fixed by the profile.
const DOUBLE: u8 = 2;
/// Double encoding, learned: the single form answered 404 and the double one found the name.
const DOUBLE_LEARNED: u8 = 3;

/// A client for one CCR instance. Cheap to clone; clones share connections.
#[derive(Clone)]
pub struct CcrClient {
    pub(super) http: reqwest::Client,
    endpoints: Endpoints,
    pub(super) host: String,
    /// The `host[:port]` of pull commands.
    registry_host: String,
    username: String,
    password: SecretString,
    auth: AuthMethod,
    /// How multi-level repository names are encoded: one of [`UNDECIDED`], [`SINGLE`],
    /// [`DOUBLE`], [`DOUBLE_LEARNED`]; shared across clones.
    path_encoding: Arc<AtomicU8>,
    /// The longest a JSON call may take, request to whole answer (not chart downloads).
    request_deadline: std::time::Duration,
}

impl std::fmt::Debug for CcrClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CcrClient")
            .field("host", &self.host)
            .field("username", &self.username)
            .finish_non_exhaustive()
    }
}

impl CcrClient {
    /// A client for `config`. Checks the endpoint again (https, or http only for this computer)
    /// and reads the extra CA file, if any (call it off the UI thread).
    pub fn new(config: &ConnectionConfig) -> Result<Self, ApiError> {
        let endpoint = parse_endpoint(config.endpoint.as_str()).map_err(ConfigError::from)?;
        let mut builder = reqwest::Client::builder()
            .connect_timeout(config.connect_timeout)
            .read_timeout(config.read_timeout)
            .user_agent(concat!("ccr-desk/", env!("CARGO_PKG_VERSION")))
            .redirect(reqwest::redirect::Policy::none());
        if let Some(path) = &config.tls.extra_ca_file {
            let pem = std::fs::read(path).map_err(|source| ConfigError::CaFileUnreadable {
                path: path.clone(),
                source,
            })?;
            let certs = reqwest::Certificate::from_pem_bundle(&pem).map_err(|e| {
                ConfigError::CaFileInvalid {
                    path: path.clone(),
                    detail: Some(e.to_string()),
                }
            })?;
            if certs.is_empty() {
                return Err(ConfigError::CaFileInvalid {
                    path: path.clone(),
                    detail: None,
                }
                .into());
            }
            builder = builder.tls_certs_merge(certs);
        }
        if config.tls.accept_invalid_certificates {
            builder = builder.tls_danger_accept_invalid_certs(true);
        }
        if super::config::is_loopback(&endpoint) {
            builder = builder.no_proxy();
        }
        let http = builder
            .build()
            .map_err(|e| ConfigError::HttpClient(e.to_string()))?;
        let host = match (endpoint.host_str(), endpoint.port()) {
            (Some(host), Some(port)) => format!("{host}:{port}"),
            (Some(host), None) => host.to_owned(),
            (None, _) => endpoint.to_string(),
        };
        let registry_host = config
            .registry_address
            .as_deref()
            .map(str::trim)
            .filter(|address| !address.is_empty())
            .map_or_else(|| host.clone(), str::to_owned);
        let path_encoding = match config.repository_path_encoding {
            RepositoryPathEncoding::Automatic => UNDECIDED,
            RepositoryPathEncoding::Single => SINGLE,
            RepositoryPathEncoding::Double => DOUBLE,
        };
        Ok(Self {
            http,
            endpoints: Endpoints::new(&endpoint, &config.instance_id, SegmentEncoding::Single),
            host,
            registry_host,
            username: config.username.clone(),
            password: config.password.clone(),
            auth: config.auth,
            path_encoding: Arc::new(AtomicU8::new(path_encoding)),
            request_deadline: config.request_deadline,
        })
    }

    /// The user name this client authenticates as.
    pub fn username(&self) -> &str {
        &self.username
    }

    /// The `host[:port]` this client talks to.
    pub fn host(&self) -> &str {
        &self.host
    }

    /// The registry's `host[:port]` for pull commands: the profile's registry address, else
    /// the endpoint's host.
    pub fn registry_host(&self) -> &str {
        &self.registry_host
    }

    /// How this client sends its credential.
    pub fn auth(&self) -> AuthMethod {
        self.auth
    }

    /// `Some(SegmentEncoding::Double)` once automatic mode found that this server wants
    /// multi-level repository names doubly encoded (the single form answered 404, the double
    /// one found the name); every clone uses it from then on. `None` otherwise, also when the
    /// profile fixed the encoding. Meant for a one-time notice and for saving the choice.
    pub fn path_encoding_learned(&self) -> Option<SegmentEncoding> {
        (self.path_encoding.load(Ordering::Acquire) == DOUBLE_LEARNED)
            .then_some(SegmentEncoding::Double)
    }

    /// The encoding of `repository` when it is decided: fixed by the profile, learned, or a
    /// name without `/` (for which both forms are the same). `None`: automatic mode has to try.
    pub(super) fn decided_repository_encoding(&self, repository: &str) -> Option<SegmentEncoding> {
        match self.path_encoding.load(Ordering::Acquire) {
            DOUBLE | DOUBLE_LEARNED => Some(SegmentEncoding::Double),
            SINGLE => Some(SegmentEncoding::Single),
            _ if !repository.contains('/') => Some(SegmentEncoding::Single),
            _ => None,
        }
    }

    /// A multi-level name answered in the single form: single it is, from now on.
    fn single_answered<T>(&self, result: &Result<T, ApiError>) {
        if result.is_ok() {
            let _ = self.path_encoding.compare_exchange(
                UNDECIDED,
                SINGLE,
                Ordering::AcqRel,
                Ordering::Acquire,
            );
        }
    }

    /// The answer to the double form after the single one answered `not_found`: a success
    /// makes double the encoding from now on; a failure gives back the first answer.
    fn double_answered<T>(
        &self,
        result: Result<T, ApiError>,
        not_found: ApiError,
    ) -> Result<T, ApiError> {
        match result {
            Ok(value) => {
                debug!("multi-level repository names are doubly encoded from now on");
                let _ = self.path_encoding.compare_exchange(
                    UNDECIDED,
                    DOUBLE_LEARNED,
                    Ordering::AcqRel,
                    Ordering::Acquire,
                );
                Ok(value)
            }
            Err(_) => Err(not_found),
        }
    }

    pub(super) fn repository_url(
        &self,
        parts: &[Part<'_>],
        query: &[(&str, String)],
        encoding: SegmentEncoding,
    ) -> Result<Url, ApiError> {
        self.endpoints
            .url_with(parts, query, encoding)
            .map_err(url_error)
    }

    pub(super) fn url(
        &self,
        parts: &[Part<'_>],
        query: &[(&str, String)],
    ) -> Result<Url, ApiError> {
        self.endpoints.url(parts, query).map_err(url_error)
    }

    pub(super) fn request(&self, method: Method, url: Url) -> RequestBuilder {
        debug!(%method, path = url.path(), "request");
        let request = self.http.request(method, url);
        let request = match self.auth {
            AuthMethod::Basic => {
                request.basic_auth(&self.username, Some(self.password.expose_secret()))
            }
            AuthMethod::Bearer => request.bearer_auth(self.password.expose_secret()),
        };
        request.header(CONTENT_TYPE, "application/json")
    }

    pub(super) async fn send(&self, request: RequestBuilder) -> Result<Response, ApiError> {
        request
            .send()
            .await
            .map_err(|e| transport_error(&self.host, &e))
    }

    /// Sends `request` and reads the envelope and its payload `T`, all within the request
    /// deadline (reqwest's per-request timeout covers the body too; a timeout is
    /// [`TransportKind::Timeout`](super::TransportKind::Timeout)).
    async fn call<T: DeserializeOwned + Default>(
        &self,
        request: RequestBuilder,
    ) -> Result<Reply<T>, ApiError> {
        let (status, headers, body) = self.fetch(request).await?;
        parse_answer(status, &headers, &body)
    }

    /// Sends a list request and reads its answer, checking the list's shape (see
    /// [`parse_answer_with`]).
    async fn call_list<T: DeserializeOwned + Default>(
        &self,
        request: RequestBuilder,
        fields: ListFields,
    ) -> Result<Reply<T>, ApiError> {
        let (status, headers, body) = self.fetch(request).await?;
        parse_answer_with(status, &headers, &body, Some(fields))
    }

    /// Sends a JSON request within the request deadline and reads its status, headers and body.
    async fn fetch(&self, request: RequestBuilder) -> Result<(u16, HeaderMap, Vec<u8>), ApiError> {
        let response = self.send(request.timeout(self.request_deadline)).await?;
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let body = read_capped(response, MAX_JSON_BYTES, &self.host).await?;
        Ok((status, headers, body))
    }

    /// Sends a DELETE. Besides the envelope, a 200 or 204 with an empty body is a success:
    /// Harbor-based servers acknowledge a delete that way.
    async fn call_delete(&self, request: RequestBuilder) -> Result<Reply<()>, ApiError> {
        let (status, headers, body) = self.fetch(request).await?;
        if matches!(status, 200 | 204) && body.iter().all(u8::is_ascii_whitespace) {
            debug!(
                status,
                "empty acknowledgement of a delete, taken as success"
            );
            return Ok(Reply {
                value: (),
                request_id: header_request_id(&headers),
                status: Some(status),
            });
        }
        let reply: Reply<serde::de::IgnoredAny> = parse_answer(status, &headers, &body)?;
        Ok(reply.map(|_| ()))
    }

    // ---- projects -------------------------------------------------------------------------

    /// Creates a project (1.2); returns its id when the server sends one.
    pub async fn create_project(
        &self,
        project: &NewProject,
    ) -> Result<Reply<Option<i64>>, ApiError> {
        let url = self.url(&[Part::Fixed("projects")], &[])?;
        let reply: Reply<ProjectCreated> = self
            .call(self.request(Method::POST, url).json(project))
            .await?;
        Ok(Reply {
            value: reply.value.project_id,
            request_id: reply.request_id,
            status: reply.status,
        })
    }

    /// Deletes an empty project (1.3).
    pub async fn delete_project(&self, project: &str) -> Result<Reply<()>, ApiError> {
        let url = self.url(&[Part::Fixed("projects"), Part::Value(project)], &[])?;
        self.call_delete(self.request(Method::DELETE, url)).await
    }

    /// Lists projects (1.4).
    pub async fn list_projects(
        &self,
        page: &PageRequest,
    ) -> Result<Reply<Page<Project>>, ApiError> {
        let url = self.url(&[Part::Fixed("projects")], &page.query(&["pageNo"], true))?;
        let reply: Reply<ProjectList> = self
            .call_list(
                self.request(Method::GET, url),
                page.list_fields("projects", "total", true),
            )
            .await?;
        Ok(reply.map(|list| Page::new(list.projects, list.total)))
    }

    // ---- repositories ---------------------------------------------------------------------

    /// Lists a project's repositories (1.5).
    pub async fn list_repositories(
        &self,
        project: &str,
        page: &PageRequest,
    ) -> Result<Reply<Page<Repository>>, ApiError> {
        let url = self.url(
            &[
                Part::Fixed("projects"),
                Part::Value(project),
                Part::Fixed("repositories"),
            ],
            &page.query(&["pageNo"], false),
        )?;
        let reply: Reply<RepositoryList> = self
            .call_list(
                self.request(Method::GET, url),
                page.list_fields("data", "totalCount", false),
            )
            .await?;
        Ok(reply.map(|list| Page::new(list.data, list.total_count)))
    }

    /// Creates a repository in a project (1.6).
    pub async fn create_repository(
        &self,
        project: &str,
        repository: &NewRepository,
    ) -> Result<Reply<()>, ApiError> {
        let url = self.url(
            &[
                Part::Fixed("projects"),
                Part::Value(project),
                Part::Fixed("repositories"),
            ],
            &[],
        )?;
        self.call_ack(self.request(Method::POST, url).json(repository))
            .await
    }

    /// Fetches one repository's detail (1.8).
    pub async fn repository(
        &self,
        project: &str,
        repository: &str,
    ) -> Result<Reply<Repository>, ApiError> {
        let reply: Reply<RepositoryDetail> =
            by_repository_encoding!(self, repository, |encoding| {
                let url =
                    self.repository_url(&repository_parts(project, repository), &[], encoding)?;
                self.call(self.request(Method::GET, url)).await
            })?;
        let (request_id, status) = (reply.request_id, reply.status);
        let Some(value) = reply.value.data else {
            return Err(ApiError::IncompleteAnswer {
                problem: AnswerProblem::ObjectMissing { field: "data" },
                request_id,
            });
        };
        Ok(Reply {
            value,
            request_id,
            status,
        })
    }

    /// Deletes a repository with everything in it (1.7).
    pub async fn delete_repository(
        &self,
        project: &str,
        repository: &str,
    ) -> Result<Reply<()>, ApiError> {
        by_repository_encoding!(self, repository, |encoding| {
            let url = self.repository_url(&repository_parts(project, repository), &[], encoding)?;
            self.call_delete(self.request(Method::DELETE, url)).await
        })
    }

    // ---- artifacts ------------------------------------------------------------------------

    /// Lists a repository's artifacts (1.9). Sends both `page` and `pageNo` (the document uses
    /// both names).
    pub async fn list_artifacts(
        &self,
        project: &str,
        repository: &str,
        page: &PageRequest,
    ) -> Result<Reply<Page<Artifact>>, ApiError> {
        let mut parts = repository_parts(project, repository).to_vec();
        parts.push(Part::Fixed("artifacts"));
        let query = page.query(&["page", "pageNo"], false);
        let reply: Reply<ArtifactList> = by_repository_encoding!(self, repository, |encoding| {
            let url = self.repository_url(&parts, &query, encoding)?;
            self.call_list(
                self.request(Method::GET, url),
                page.list_fields("artifacts", "total", false),
            )
            .await
        })?;
        Ok(reply.map(|list| Page::new(list.artifacts, list.total)))
    }

    /// Deletes an artifact by digest (1.10). A malformed digest is refused before any request.
    pub async fn delete_artifact(
        &self,
        project: &str,
        repository: &str,
        digest: &str,
    ) -> Result<Reply<()>, ApiError> {
        validate::digest(digest)?;
        let mut parts = repository_parts(project, repository).to_vec();
        parts.extend([Part::Fixed("artifacts"), Part::Value(digest)]);
        by_repository_encoding!(self, repository, |encoding| {
            let url = self.repository_url(&parts, &[], encoding)?;
            self.call_delete(self.request(Method::DELETE, url)).await
        })
    }

    // ---- charts ---------------------------------------------------------------------------

    /// Lists charts across all projects (1.11).
    pub async fn list_charts(&self, page: &PageRequest) -> Result<Reply<Page<Chart>>, ApiError> {
        let url = self.url(
            &[Part::Fixed("projects"), Part::Fixed("charts")],
            &page.query(&["pageNo"], true),
        )?;
        let reply: Reply<ChartList> = self
            .call_list(
                self.request(Method::GET, url),
                page.list_fields("charts", "total", true),
            )
            .await?;
        Ok(reply.map(|list| Page::new(list.charts, list.total)))
    }

    /// Deletes a chart with all its versions (1.12).
    pub async fn delete_chart(&self, project: &str, chart: &str) -> Result<Reply<()>, ApiError> {
        validate::chart_name(chart)?;
        let url = self.url(
            &[
                Part::Fixed("projects"),
                Part::Value(project),
                Part::Fixed("charts"),
                Part::Value(chart),
                Part::Fixed("delete"),
            ],
            &[],
        )?;
        self.call_delete(self.request(Method::DELETE, url)).await
    }

    // ---- account --------------------------------------------------------------------------

    /// Sets or resets the access credential password of `username` (1.14).
    pub async fn reset_password(
        &self,
        username: &str,
        new_password: &SecretString,
    ) -> Result<Reply<()>, ApiError> {
        let url = self.url(&[Part::Fixed("account"), Part::Fixed("reset")], &[])?;
        let body = PasswordReset {
            username,
            new_password: new_password.expose_secret(),
        };
        self.call_ack(self.request(Method::POST, url).json(&body))
            .await
    }

    async fn call_ack(&self, request: RequestBuilder) -> Result<Reply<()>, ApiError> {
        let reply: Reply<serde::de::IgnoredAny> = self.call(request).await?;
        Ok(reply.map(|_| ()))
    }
}

pub(super) fn repository_parts<'a>(project: &'a str, repository: &'a str) -> [Part<'a>; 4] {
    [
        Part::Fixed("projects"),
        Part::Value(project),
        Part::Fixed("repositories"),
        Part::Repository(repository),
    ]
}

fn url_error(error: UrlError) -> ApiError {
    match error {
        UrlError::Segment(invalid) => ApiError::InvalidInput(invalid),
        UrlError::Parse(parse) => ConfigError::Url(parse).into(),
    }
}

/// The request id from the `X-Request-Id` header, for answers without an envelope.
pub(super) fn header_request_id(headers: &HeaderMap) -> Option<String> {
    headers
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .filter(|v| !v.is_empty())
        .map(str::to_owned)
}

pub(super) fn content_type(headers: &HeaderMap) -> Option<String> {
    headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
}

/// Reads a whole JSON body of at most `limit` bytes; a longer one (announced or sent) is
/// [`ApiError::AnswerTooLarge`], read no further.
async fn read_capped(
    mut response: Response,
    limit: usize,
    host: &str,
) -> Result<Vec<u8>, ApiError> {
    let too_large = |headers: &HeaderMap| ApiError::AnswerTooLarge {
        limit_bytes: limit as u64,
        request_id: header_request_id(headers),
    };
    if response
        .content_length()
        .is_some_and(|length| length > limit as u64)
    {
        return Err(too_large(response.headers()));
    }
    let mut body = Vec::new();
    while let Some(chunk) = response
        .chunk()
        .await
        .map_err(|e| transport_error(host, &e))?
    {
        if body.len() + chunk.len() > limit {
            return Err(too_large(response.headers()));
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

/// Reads a body up to `limit` bytes; a longer body is cut (and will then fail to parse).
pub(super) async fn read_limited(
    mut response: Response,
    limit: usize,
    host: &str,
) -> Result<Vec<u8>, ApiError> {
    let mut body = Vec::new();
    while let Some(chunk) = response
        .chunk()
        .await
        .map_err(|e| transport_error(host, &e))?
    {
        let room = limit.saturating_sub(body.len());
        body.extend_from_slice(&chunk[..chunk.len().min(room)]);
        if body.len() >= limit {
            break;
        }
    }
    Ok(body)
}

/// Turns a status and body into the payload `T`, a CCR error, or "not an envelope".
pub(super) fn parse_answer<T: DeserializeOwned + Default>(
    status: u16,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<Reply<T>, ApiError> {
    parse_answer_with(status, headers, body, None)
}

/// [`parse_answer`] for a list answer: a list field of the wrong type, or a missing list where
/// the total says there are items, is an [`ApiError::IncompleteAnswer`], never an empty page.
///
/// The bytes are read twice, never into a JSON tree: once for the envelope and the list's shape,
/// once straight into `T`.
pub(super) fn parse_answer_with<T: DeserializeOwned + Default>(
    status: u16,
    headers: &HeaderMap,
    body: &[u8],
    list: Option<ListFields>,
) -> Result<Reply<T>, ApiError> {
    let not_envelope = || ApiError::NotEnvelope {
        status,
        content_type: content_type(headers),
        excerpt: excerpt(body),
        request_id: header_request_id(headers),
    };
    let Some(shape) = read_shape(body, list) else {
        return Err(not_envelope());
    };
    let Some(code) = shape.code.as_deref() else {
        return Err(not_envelope());
    };
    let request_id = shape
        .request_id
        .filter(|id| !id.is_empty())
        .or_else(|| header_request_id(headers));
    let code = CcrCode::parse(code);
    if !code.is_success() || !(200..300).contains(&status) {
        return Err(ApiError::Ccr {
            code: if code.is_success() {
                code_for_status(status)
            } else {
                code
            },
            status,
            server_message: excerpt(shape.message.as_bytes()),
            request_id,
        });
    }
    if let Some(fields) = list {
        let problem = match shape.list {
            ListShape::WrongType => Some(AnswerProblem::ListUnreadable {
                field: fields.items,
            }),
            ListShape::Absent | ListShape::Null => {
                shape
                    .total
                    .filter(|total| *total > 0)
                    .map(|total| AnswerProblem::ListMissing {
                        field: fields.items,
                        total,
                    })
            }
            ListShape::Entries(received) if received > fields.most_items => {
                return Err(ApiError::TooManyItems {
                    received,
                    page_size: fields.page_size,
                    request_id,
                });
            }
            ListShape::Entries(_) => None,
        };
        if let Some(problem) = problem {
            return Err(ApiError::IncompleteAnswer {
                problem,
                request_id,
            });
        }
    }
    let payload = match serde_json::from_slice::<T>(body) {
        Ok(payload) => payload,
        Err(_) if list.is_none() => T::default(),
        Err(_) => {
            return Err(ApiError::IncompleteAnswer {
                problem: AnswerProblem::ListUnreadable {
                    field: list.map_or("", |fields| fields.items),
                },
                request_id,
            });
        }
    };
    Ok(Reply {
        value: payload,
        request_id,
        status: Some(status),
    })
}

/// The code of section 1.15 that goes with an HTTP status, for an error answer that claims success.
fn code_for_status(status: u16) -> CcrCode {
    match status {
        400 => CcrCode::ParamError,
        401 => CcrCode::AuthFailed,
        403 => CcrCode::PermissionDenied,
        404 => CcrCode::NotExists,
        409 => CcrCode::AlreadyExists,
        _ => CcrCode::InternalError,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers() -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert("x-request-id", "hdr-1".parse().unwrap());
        headers
    }

    #[test]
    fn an_error_envelope_becomes_a_ccr_error() {
        let body =
            r#"{"code":"CCR.CodeErrNotExists","message":"项目不存在","requestId":17}"#.as_bytes();
        let error = parse_answer::<ProjectList>(404, &headers(), body).unwrap_err();
        assert_eq!(error.code(), Some(&CcrCode::NotExists));
        assert_eq!(error.request_id(), Some("17"));
        assert_eq!(error.server_message(), Some("项目不存在"));
    }

    #[test]
    fn html_and_empty_bodies_are_not_envelopes() {
        for body in [
            &b"<html><body>Bad gateway</body></html>"[..],
            b"",
            b"{\"code\":",
            b"[1,2]",
        ] {
            let error = parse_answer::<ProjectList>(502, &headers(), body).unwrap_err();
            assert!(
                matches!(error, ApiError::NotEnvelope { status: 502, .. }),
                "{error:?}"
            );
            assert_eq!(error.request_id(), Some("hdr-1"));
        }
    }

    #[test]
    fn success_code_with_error_status_is_an_error() {
        let body = br#"{"code":"CCR.Success","message":"","requestId":""}"#;
        let error = parse_answer::<ProjectList>(401, &HeaderMap::new(), body).unwrap_err();
        assert!(error.is_auth_failure());
    }

    #[test]
    fn page_queries_use_the_documented_names() {
        let request = PageRequest::new(0, 25).filtered(" lib ");
        assert_eq!(
            request.query(&["page", "pageNo"], false),
            vec![
                ("page", "1".to_owned()),
                ("pageNo", "1".to_owned()),
                ("pageSize", "25".to_owned()),
                ("nameHas", "lib".to_owned())
            ]
        );
        assert!(
            PageRequest::everything()
                .query(&["pageNo"], true)
                .contains(&("noPaging", "true".to_owned()))
        );
    }
}
