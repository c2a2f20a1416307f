//! Everything that can go wrong talking to a CCR server, as typed facts: status, code, request
//! id, the server's own message, what was wrong with an answer. `Display` is a terse technical
//! line for logs; the UI words each error for people (`ui::describe`).

use std::fmt;

use std::path::PathBuf;

use super::config::EndpointError;
use crate::chart_archive::ArchiveDefect;
use crate::contract::ValidationError;

/// Why the connection settings cannot be used; found before any request.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The endpoint URL breaks the rules (https, or http only for this computer).
    #[error("endpoint refused: {0}")]
    Endpoint(#[from] EndpointError),
    /// The extra CA file cannot be read.
    #[error("CA file {} unreadable: {source}", path.display())]
    CaFileUnreadable {
        /// The file.
        path: PathBuf,
        /// Why it cannot be read.
        source: std::io::Error,
    },
    /// The extra CA file holds no usable certificate.
    #[error("CA file {} holds no usable PEM certificate{}", path.display(), detail.as_deref().map(|d| format!(": {d}")).unwrap_or_default())]
    CaFileInvalid {
        /// The file.
        path: PathBuf,
        /// What the parser said, when it said something.
        detail: Option<String>,
    },
    /// The HTTP stack could not be set up (the TLS configuration was refused); what it said.
    #[error("HTTP client setup failed: {0}")]
    HttpClient(String),
    /// A request URL could not be built from the endpoint.
    #[error("request URL cannot be built: {0}")]
    Url(#[from] url::ParseError),
}

/// A status code of the CCR envelope (document section 1.15).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum CcrCode {
    /// `CCR.Success` / `CCR.CodeSuccess`.
    Success,
    /// `CCR.CodeInternalError` (HTTP 500).
    InternalError,
    /// `CCR.CodeParamError` (HTTP 400).
    ParamError,
    /// `CCR.CodeErrNotExists` (HTTP 404).
    NotExists,
    /// `CCR.CodeErrAlreadyExists` (HTTP 409).
    AlreadyExists,
    /// `CCR.CodeForbidOperate` (HTTP 403): the resource does not allow this operation.
    ForbidOperate,
    /// `CCR.RespAuthFailed` (HTTP 401).
    AuthFailed,
    /// `CCR.RespPermissionDenied` (HTTP 403): the user lacks the right.
    PermissionDenied,
    /// A code the document does not list, kept as sent.
    Other(String),
}

impl CcrCode {
    /// Reads a code as the server sends it.
    pub fn parse(code: &str) -> Self {
        match code {
            "CCR.Success" | "CCR.CodeSuccess" => Self::Success,
            "CCR.CodeInternalError" => Self::InternalError,
            "CCR.CodeParamError" => Self::ParamError,
            "CCR.CodeErrNotExists" => Self::NotExists,
            "CCR.CodeErrAlreadyExists" => Self::AlreadyExists,
            "CCR.CodeForbidOperate" => Self::ForbidOperate,
            "CCR.RespAuthFailed" => Self::AuthFailed,
            "CCR.RespPermissionDenied" => Self::PermissionDenied,
            other => Self::Other(other.to_owned()),
        }
    }

    /// The code as the document writes it.
    pub fn as_str(&self) -> &str {
        match self {
            Self::Success => "CCR.Success",
            Self::InternalError => "CCR.CodeInternalError",
            Self::ParamError => "CCR.CodeParamError",
            Self::NotExists => "CCR.CodeErrNotExists",
            Self::AlreadyExists => "CCR.CodeErrAlreadyExists",
            Self::ForbidOperate => "CCR.CodeForbidOperate",
            Self::AuthFailed => "CCR.RespAuthFailed",
            Self::PermissionDenied => "CCR.RespPermissionDenied",
            Self::Other(code) => code,
        }
    }

    /// Whether the code means success.
    pub fn is_success(&self) -> bool {
        *self == Self::Success
    }
}

impl fmt::Display for CcrCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The transport failed before an answer arrived.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TransportKind {
    /// No answer within the connect or read timeout.
    Timeout,
    /// The host refused the connection: nothing listens there.
    ConnectionRefused,
    /// The host name does not resolve.
    Dns,
    /// The TLS handshake failed (untrusted or invalid certificate, protocol mismatch).
    Tls,
    /// A download ended before the length it announced.
    Truncated {
        /// Bytes that arrived.
        received: u64,
        /// Bytes the answer announced.
        expected: u64,
    },
    /// Any other network failure (reset, unreachable, broken body).
    Other,
}

impl fmt::Display for TransportKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Timeout => f.write_str("timeout"),
            Self::ConnectionRefused => f.write_str("connection refused"),
            Self::Dns => f.write_str("DNS"),
            Self::Tls => f.write_str("TLS"),
            Self::Truncated { received, expected } => {
                write!(f, "ended after {received} of {expected} bytes")
            }
            Self::Other => f.write_str("network"),
        }
    }
}

/// Longest excerpt of an unexpected answer kept in an error, in bytes.
pub const EXCERPT_MAX_BYTES: usize = 240;

/// A short, printable excerpt of a body that is not what was expected (never more than
/// [`EXCERPT_MAX_BYTES`] bytes, control characters replaced, cut on a character boundary).
pub fn excerpt(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(&body[..body.len().min(EXCERPT_MAX_BYTES * 2)]);
    let mut out = String::new();
    for c in text.chars() {
        let c = if c.is_control() { ' ' } else { c };
        if out.len() + c.len_utf8() > EXCERPT_MAX_BYTES {
            out.push('…');
            break;
        }
        out.push(c);
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// What was missing or unreadable in an answer that claimed success.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AnswerProblem {
    /// The list field is missing or null although the answer's total says there are items.
    ListMissing {
        /// The list field's name (`projects`, `data`, `artifacts`, `charts`).
        field: &'static str,
        /// The total the answer reported.
        total: i64,
    },
    /// The list field is not a list (an object, a string, a number).
    ListUnreadable {
        /// The list field's name.
        field: &'static str,
    },
    /// The object the answer should hold (`data` of a repository's detail) is missing.
    ObjectMissing {
        /// The object's field name.
        field: &'static str,
    },
}

impl fmt::Display for AnswerProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::ListMissing { field, total } => {
                write!(f, "total {total} but no \"{field}\" list")
            }
            Self::ListUnreadable { field } => write!(f, "\"{field}\" is not a list"),
            Self::ObjectMissing { field } => write!(f, "no \"{field}\" object"),
        }
    }
}

/// Everything a call to the CCR API can fail with, as facts. `Display` is a terse technical
/// line for logs; the UI words the error (`ui::describe`) and shows it together with
/// [`ApiError::code`], [`ApiError::http_status`] and [`ApiError::request_id`].
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// The server answered with a CCR error envelope.
    #[error("CCR error {code} (HTTP {status}){}", server_suffix(server_message))]
    Ccr {
        /// The envelope's code.
        code: CcrCode,
        /// The HTTP status of the answer.
        status: u16,
        /// The server's own message (often Chinese), shown as it came.
        server_message: String,
        /// The server's request id, when it sent one.
        request_id: Option<String>,
    },
    /// The server answered something that is not the CCR envelope (a proxy's page, an empty or
    /// truncated body, an unexpected status without envelope).
    #[error("not a CCR answer (HTTP {status}{}): {excerpt:?}", content_type.as_deref().map(|t| format!(", {t}")).unwrap_or_default())]
    NotEnvelope {
        /// The HTTP status of the answer.
        status: u16,
        /// The answer's Content-Type, when it had one.
        content_type: Option<String>,
        /// A short excerpt of the body (at most [`EXCERPT_MAX_BYTES`] bytes).
        excerpt: String,
        /// The request id from the `X-Request-Id` header, when present.
        request_id: Option<String>,
    },
    /// The server answered with success, but the answer's list is missing or unreadable: shown
    /// as an error, never as an empty page.
    #[error("incomplete answer: {problem}")]
    IncompleteAnswer {
        /// What was wrong.
        problem: AnswerProblem,
        /// The server's request id, when it sent one.
        request_id: Option<String>,
    },
    /// A list answer holds far more entries than the page asked for; refused before its
    /// entries are read, so a huge answer cannot exhaust memory.
    #[error("answer refused: {received} items for a page of {page_size}")]
    TooManyItems {
        /// Entries in the answer's list.
        received: u64,
        /// The page size asked for (for a request of everything, the most items accepted).
        page_size: u32,
        /// The server's request id, when it sent one.
        request_id: Option<String>,
    },
    /// A JSON answer is longer than the client reads into memory.
    #[error("answer larger than {limit_bytes} bytes, not read")]
    AnswerTooLarge {
        /// The most bytes read for a JSON answer.
        limit_bytes: u64,
        /// The request id from the `X-Request-Id` header, when present.
        request_id: Option<String>,
    },
    /// A chart download answered with success but the body is not a gzip archive.
    #[error("download is not a chart archive ({}): {excerpt:?}", content_type.as_deref().unwrap_or("no Content-Type"))]
    NotAChart {
        /// The answer's Content-Type, when it had one.
        content_type: Option<String>,
        /// A short excerpt of the body.
        excerpt: String,
        /// The request id, when the server sent one.
        request_id: Option<String>,
    },
    /// A chart download ended, but the archive it delivered is cut short or damaged (checked to
    /// the end of its gzip stream before anything is saved).
    #[error("downloaded chart archive damaged: {defect}")]
    ArchiveDamaged {
        /// What the check found.
        defect: ArchiveDefect,
        /// The request id, when the server sent one.
        request_id: Option<String>,
    },
    /// The network failed before an answer arrived.
    #[error("transport failure ({kind}) reaching {host}{}", if detail.is_empty() { String::new() } else { format!(": {detail}") })]
    Transport {
        /// What kind of failure.
        kind: TransportKind,
        /// The host (and port) that was being reached.
        host: String,
        /// The underlying error's own words (the innermost message), for the details line;
        /// empty when there is none.
        detail: String,
    },
    /// A value was refused by the document's rules before any request was sent.
    #[error("invalid input: {0}")]
    InvalidInput(#[from] ValidationError),
    /// The connection settings cannot be used (unreadable CA file, bad endpoint).
    #[error(transparent)]
    Config(#[from] ConfigError),
    /// The user cancelled the operation.
    #[error("cancelled")]
    Cancelled,
    /// Writing the downloaded file failed.
    #[error("writing the file failed: {0}")]
    Destination(#[source] std::io::Error),
    /// The work failed inside ccr-desk itself (a bug), not on the server or the network; the
    /// technical detail, for a bug report.
    #[error("internal error: {0}")]
    Internal(String),
}

fn server_suffix(server_message: &str) -> String {
    if server_message.is_empty() {
        String::new()
    } else {
        format!(": {server_message}")
    }
}

impl ApiError {
    /// The CCR code, when the server sent an envelope.
    pub fn code(&self) -> Option<&CcrCode> {
        match self {
            Self::Ccr { code, .. } => Some(code),
            _ => None,
        }
    }

    /// The HTTP status of the answer, when there was one.
    pub fn http_status(&self) -> Option<u16> {
        match self {
            Self::Ccr { status, .. } | Self::NotEnvelope { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// The server's request id, when it sent one.
    pub fn request_id(&self) -> Option<&str> {
        match self {
            Self::Ccr { request_id, .. }
            | Self::NotEnvelope { request_id, .. }
            | Self::NotAChart { request_id, .. }
            | Self::ArchiveDamaged { request_id, .. }
            | Self::IncompleteAnswer { request_id, .. }
            | Self::TooManyItems { request_id, .. }
            | Self::AnswerTooLarge { request_id, .. } => request_id.as_deref(),
            _ => None,
        }
    }

    /// The server's own message, when it sent an envelope.
    pub fn server_message(&self) -> Option<&str> {
        match self {
            Self::Ccr { server_message, .. } if !server_message.is_empty() => Some(server_message),
            _ => None,
        }
    }

    /// True for a rejected credential (HTTP 401), which the UI answers by asking for the password.
    /// Never for a proxy's 407: the proxy wants its own password, not the profile's.
    pub fn is_auth_failure(&self) -> bool {
        match self {
            Self::Ccr { status: 407, .. } => false,
            Self::Ccr {
                code: CcrCode::AuthFailed,
                ..
            }
            | Self::NotEnvelope { status: 401, .. } => true,
            _ => false,
        }
    }

    /// True when the error came from the user's cancel.
    pub fn is_cancelled(&self) -> bool {
        matches!(self, Self::Cancelled)
    }

    /// True when the server could not be reached: a network failure, or a gateway's 502, 503
    /// or 504 without the server's envelope.
    pub fn is_unreachable(&self) -> bool {
        match self {
            Self::Transport { .. } => true,
            Self::NotEnvelope { status, .. } => matches!(status, 502..=504),
            _ => false,
        }
    }

    /// True when retrying the same call may succeed (network trouble, server errors).
    pub fn is_transient(&self) -> bool {
        match self {
            Self::Transport { kind, .. } => *kind != TransportKind::Dns,
            Self::Ccr { status, .. } | Self::NotEnvelope { status, .. } => *status >= 500,
            _ => false,
        }
    }
}

/// Classifies a reqwest failure into a [`ApiError::Transport`].
pub(crate) fn transport_error(host: &str, error: &reqwest::Error) -> ApiError {
    let kind = if error.is_timeout() {
        TransportKind::Timeout
    } else if is_tls_failure(error) {
        TransportKind::Tls
    } else if error.is_dns() {
        TransportKind::Dns
    } else if is_refused(error) {
        TransportKind::ConnectionRefused
    } else {
        TransportKind::Other
    };
    ApiError::Transport {
        kind,
        host: host.to_owned(),
        detail: innermost_message(error),
    }
}

/// Walks the source chain, looking into `io::Error` wrappers too (their `source()` skips the
/// wrapped error itself).
fn chain<'a>(
    error: &'a (dyn std::error::Error + 'static),
) -> Vec<&'a (dyn std::error::Error + 'static)> {
    let mut out = Vec::new();
    let mut next = Some(error);
    while let Some(current) = next {
        out.push(current);
        next = match current
            .downcast_ref::<std::io::Error>()
            .and_then(|io| io.get_ref())
        {
            Some(inner) => Some(inner as &(dyn std::error::Error + 'static)),
            None => current.source(),
        };
        if out.len() > 16 {
            break;
        }
    }
    out
}

fn is_tls_failure(error: &reqwest::Error) -> bool {
    chain(error)
        .iter()
        .any(|e| e.downcast_ref::<rustls::Error>().is_some())
}

fn is_refused(error: &reqwest::Error) -> bool {
    chain(error).iter().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::ConnectionRefused)
    })
}

fn innermost_message(error: &reqwest::Error) -> String {
    chain(error)
        .last()
        .map_or_else(|| error.to_string(), ToString::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for text in [
            "CCR.CodeInternalError",
            "CCR.CodeParamError",
            "CCR.CodeErrNotExists",
            "CCR.CodeErrAlreadyExists",
            "CCR.CodeForbidOperate",
            "CCR.RespAuthFailed",
            "CCR.RespPermissionDenied",
            "CCR.Whatever",
        ] {
            assert_eq!(CcrCode::parse(text).as_str(), text);
        }
        assert!(CcrCode::parse("CCR.CodeSuccess").is_success());
        assert!(CcrCode::parse("CCR.Success").is_success());
    }

    #[test]
    fn excerpts_are_short_and_printable() {
        let html = format!("<html>\n<body>{}</body></html>", "x".repeat(10_000));
        let cut = excerpt(html.as_bytes());
        assert!(
            cut.len() <= EXCERPT_MAX_BYTES + '…'.len_utf8(),
            "{}",
            cut.len()
        );
        assert!(cut.starts_with("<html> <body>"));
        assert!(cut.ends_with('…'));
        assert_eq!(
            excerpt("调用成功".repeat(200).as_bytes()).chars().last(),
            Some('…')
        );
        assert_eq!(excerpt(b""), "");
    }

    #[test]
    fn errors_keep_their_facts_and_display_them_tersely() {
        let error = ApiError::Ccr {
            code: CcrCode::AuthFailed,
            status: 401,
            server_message: "认证失败".into(),
            request_id: Some("abc123".into()),
        };
        assert_eq!(
            error.to_string(),
            "CCR error CCR.RespAuthFailed (HTTP 401): 认证失败"
        );
        assert_eq!(error.server_message(), Some("认证失败"));
        assert_eq!(error.request_id(), Some("abc123"));
        assert!(error.is_auth_failure());
        assert_eq!(error.http_status(), Some(401));
    }
}
