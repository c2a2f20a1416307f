//! The words for what the CCR API and its client report: the server's error envelope, answers
//! that are not the envelope, the network, the connection settings.

use super::Describe;
use crate::api::config::EndpointError;
use crate::api::{AnswerProblem, ApiError, CcrCode, ConfigError, TransportKind};
use crate::chart_archive::ArchiveDefect;

impl Describe for ApiError {
    fn describe(&self) -> String {
        match self {
            Self::Ccr {
                code,
                status,
                server_message,
                ..
            } => ccr_text(code, *status, server_message),
            Self::NotEnvelope {
                status,
                content_type,
                excerpt,
                ..
            } => not_envelope_text(*status, content_type.as_deref(), excerpt),
            Self::IncompleteAnswer { problem, .. } => problem.describe(),
            Self::TooManyItems {
                received,
                page_size,
                ..
            } => tr!(
                "error-too-many-items",
                received = received,
                page_size = page_size
            ),
            Self::AnswerTooLarge { limit_bytes, .. } => {
                let mib = limit_bytes / (1024 * 1024);
                tr!("error-answer-too-large", mib = mib)
            }
            Self::NotAChart {
                content_type,
                excerpt,
                ..
            } => match (content_type, excerpt.is_empty()) {
                (None, true) => tr!("error-not-a-chart"),
                (Some(content_type), true) => {
                    tr!("error-not-a-chart-typed", content_type = content_type)
                }
                (None, false) => tr!("error-not-a-chart-excerpt", excerpt = excerpt),
                (Some(content_type), false) => tr!(
                    "error-not-a-chart-typed-excerpt",
                    content_type = content_type,
                    excerpt = excerpt
                ),
            },
            Self::ArchiveDamaged { defect, .. } => match defect {
                ArchiveDefect::Empty => tr!("error-download-damaged-empty"),
                ArchiveDefect::NotGzip => tr!("error-download-damaged-not-gzip"),
                ArchiveDefect::CompressedDataDamaged(detail) => {
                    tr!("error-download-damaged-compressed", detail = detail)
                }
                ArchiveDefect::NotTar(detail) => {
                    tr!("error-download-damaged-not-tar", detail = detail)
                }
            },
            Self::Transport { kind, host, detail } => transport_text(kind, host, detail),
            Self::InvalidInput(invalid) => invalid.describe(),
            Self::Config(config) => config.describe(),
            Self::Cancelled => tr!("error-cancelled"),
            Self::Destination(source) => tr!("error-write-file", detail = source.to_string()),
            Self::Internal(detail) => tr!("error-internal", detail = detail),
        }
    }
}

/// The advice for a CCR error envelope, with the server's own message when it sent one.
fn ccr_text(code: &CcrCode, status: u16, server: &str) -> String {
    let with_server = !server.is_empty();
    match code {
        _ if status == 407 => {
            if with_server {
                tr!("error-ccr-proxy-auth-server", server = server)
            } else {
                tr!("error-ccr-proxy-auth")
            }
        }
        CcrCode::AuthFailed => {
            if with_server {
                tr!("error-ccr-auth-failed-server", server = server)
            } else {
                tr!("error-ccr-auth-failed")
            }
        }
        CcrCode::PermissionDenied => {
            if with_server {
                tr!("error-ccr-permission-denied-server", server = server)
            } else {
                tr!("error-ccr-permission-denied")
            }
        }
        CcrCode::ForbidOperate => {
            if with_server {
                tr!("error-ccr-forbid-operate-server", server = server)
            } else {
                tr!("error-ccr-forbid-operate")
            }
        }
        CcrCode::NotExists => {
            if with_server {
                tr!("error-ccr-not-exists-server", server = server)
            } else {
                tr!("error-ccr-not-exists")
            }
        }
        CcrCode::AlreadyExists => {
            if with_server {
                tr!("error-ccr-already-exists-server", server = server)
            } else {
                tr!("error-ccr-already-exists")
            }
        }
        CcrCode::ParamError => {
            if with_server {
                tr!("error-ccr-param-error-server", server = server)
            } else {
                tr!("error-ccr-param-error")
            }
        }
        CcrCode::InternalError => {
            if with_server {
                tr!("error-ccr-internal-error-server", server = server)
            } else {
                tr!("error-ccr-internal-error")
            }
        }
        CcrCode::Success => {
            if with_server {
                tr!("error-ccr-success-server", server = server)
            } else {
                tr!("error-ccr-success")
            }
        }
        CcrCode::Other(_) => {
            if with_server {
                tr!("error-ccr-unknown-code-server", server = server)
            } else {
                tr!("error-ccr-unknown-code")
            }
        }
    }
}

/// The answer's facts as data: `HTTP 502` or `HTTP 502, text/html`.
fn answer_facts(status: u16, content_type: Option<&str>) -> String {
    match content_type {
        Some(content_type) => format!("HTTP {status}, {content_type}"),
        None => format!("HTTP {status}"),
    }
}

/// An answer that is not the CCR envelope: what it probably is, and what to check.
fn not_envelope_text(status: u16, content_type: Option<&str>, excerpt: &str) -> String {
    let answer = answer_facts(status, content_type);
    let empty = excerpt.is_empty();
    match status {
        429 | 500..=599 if empty => tr!("error-answer-unavailable-empty", answer = answer),
        429 | 500..=599 => tr!(
            "error-answer-unavailable",
            answer = answer,
            excerpt = excerpt
        ),
        407 if empty => tr!("error-answer-proxy-auth-empty", answer = answer),
        407 => tr!(
            "error-answer-proxy-auth",
            answer = answer,
            excerpt = excerpt
        ),
        401 if empty => tr!("error-answer-refused-empty", answer = answer),
        401 => tr!("error-answer-refused", answer = answer, excerpt = excerpt),
        404 if empty => tr!("error-answer-not-found-empty", answer = answer),
        404 => tr!("error-answer-not-found", answer = answer, excerpt = excerpt),
        _ if empty => tr!("error-answer-not-ccr-empty", answer = answer),
        _ => tr!("error-answer-not-ccr", answer = answer, excerpt = excerpt),
    }
}

fn transport_text(kind: &TransportKind, host: &str, detail: &str) -> String {
    match kind {
        TransportKind::Timeout => tr!("error-transport-timeout", host = host),
        TransportKind::ConnectionRefused => tr!("error-transport-refused", host = host),
        TransportKind::Dns => tr!("error-transport-dns", host = host),
        TransportKind::Tls => tr!("error-transport-tls", host = host, detail = detail),
        TransportKind::Truncated { received, expected } => tr!(
            "error-transport-truncated",
            host = host,
            received = received,
            expected = expected
        ),
        TransportKind::Other => tr!("error-transport-other", host = host, detail = detail),
    }
}

impl Describe for AnswerProblem {
    fn describe(&self) -> String {
        // `tr!` takes plain expressions: the field's name is read into a binding first.
        match *self {
            Self::ListMissing { field, total } => {
                tr!(
                    "error-incomplete-list-missing",
                    total = total,
                    field = field
                )
            }
            Self::ListUnreadable { field } => {
                tr!("error-incomplete-list-unreadable", field = field)
            }
            Self::ObjectMissing { field } => {
                tr!("error-incomplete-object-missing", field = field)
            }
        }
    }
}

impl Describe for ConfigError {
    fn describe(&self) -> String {
        match self {
            Self::Endpoint(endpoint) => endpoint.describe(),
            Self::CaFileUnreadable { path, source } => tr!(
                "error-ca-file-unreadable",
                path = path.display().to_string(),
                detail = source.to_string()
            ),
            Self::CaFileInvalid { path, detail: None } => {
                tr!("error-ca-file-invalid", path = path.display().to_string())
            }
            Self::CaFileInvalid {
                path,
                detail: Some(detail),
            } => tr!(
                "error-ca-file-invalid-detail",
                path = path.display().to_string(),
                detail = detail
            ),
            Self::HttpClient(detail) => tr!("error-http-client", detail = detail),
            Self::Url(parse) => tr!("error-request-url", detail = parse.to_string()),
        }
    }
}

impl Describe for EndpointError {
    fn describe(&self) -> String {
        match self {
            Self::Unparsable(detail) => tr!("error-endpoint-unparsable", detail = detail),
            Self::Scheme => tr!("error-endpoint-scheme"),
            Self::InsecureRemote => tr!("error-endpoint-insecure"),
            Self::NoHost => tr!("error-endpoint-no-host"),
            Self::ExtraParts => tr!("error-endpoint-extra-parts"),
        }
    }
}
