//! The CCR answer envelope (`code`, `message`, `requestId`), the error codes of the document's
//! section 1.15 with their HTTP status, and the request id every answer carries.

use std::sync::atomic::{AtomicU64, Ordering};

use axum::Json;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use crate::contract::{Field, Rule, ValidationError};

/// The success code the document's examples send.
pub const SUCCESS_CODE: &str = "CCR.Success";
/// The success message the document's examples send ("call succeeded").
pub const SUCCESS_MESSAGE: &str = "调用成功";
/// Header that repeats the envelope's `requestId`.
pub const REQUEST_ID_HEADER: &str = "x-request-id";

tokio::task_local! {
    /// The id of the request being answered, set by the request-id middleware.
    static REQUEST_ID: String;
}

/// A fresh request id: 16 lower-case hex digits, unique within the process.
pub fn new_request_id() -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    static SEED: std::sync::OnceLock<u64> = std::sync::OnceLock::new();
    let seed = *SEED.get_or_init(|| {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos() as u64);
        nanos ^ (u64::from(std::process::id()) << 32)
    });
    // splitmix64: a bijection, so distinct counters give distinct ids.
    let mut z = seed.wrapping_add(
        COUNTER
            .fetch_add(1, Ordering::Relaxed)
            .wrapping_mul(0x9E37_79B9_7F4A_7C15),
    );
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    format!("{:016x}", z ^ (z >> 31))
}

/// Runs `fut` with `id` as the request id that envelopes built inside it carry.
pub async fn with_request_id<F: Future>(id: String, fut: F) -> F::Output {
    REQUEST_ID.scope(id, fut).await
}

/// The id of the request being answered (empty outside a request).
pub fn current_request_id() -> String {
    REQUEST_ID.try_with(Clone::clone).unwrap_or_default()
}

/// A success answer: the envelope with `body`'s fields beside `code`, `message` and `requestId`.
#[derive(Debug, Serialize)]
pub struct Success<T: Serialize> {
    code: &'static str,
    message: &'static str,
    #[serde(rename = "requestId")]
    request_id: String,
    #[serde(flatten)]
    body: T,
}

/// No fields besides the envelope's.
#[derive(Debug, Serialize)]
pub struct Empty {}

impl<T: Serialize> Success<T> {
    /// The success envelope around `body`.
    pub fn new(body: T) -> Self {
        Self {
            code: SUCCESS_CODE,
            message: SUCCESS_MESSAGE,
            request_id: current_request_id(),
            body,
        }
    }
}

impl Success<Empty> {
    /// The bare success envelope.
    pub fn empty() -> Self {
        Self::new(Empty {})
    }
}

impl<T: Serialize> IntoResponse for Success<T> {
    fn into_response(self) -> Response {
        Json(self).into_response()
    }
}

/// The error codes of the document's section 1.15.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Code {
    /// 500 `CCR.CodeInternalError`.
    Internal,
    /// 400 `CCR.CodeParamError`.
    Param,
    /// 404 `CCR.CodeErrNotExists`.
    NotExists,
    /// 409 `CCR.CodeErrAlreadyExists`.
    AlreadyExists,
    /// 403 `CCR.CodeForbidOperate`.
    ForbidOperate,
    /// 401 `CCR.RespAuthFailed`.
    AuthFailed,
    /// 403 `CCR.RespPermissionDenied`.
    PermissionDenied,
}

impl Code {
    /// The code string the envelope carries.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Internal => "CCR.CodeInternalError",
            Self::Param => "CCR.CodeParamError",
            Self::NotExists => "CCR.CodeErrNotExists",
            Self::AlreadyExists => "CCR.CodeErrAlreadyExists",
            Self::ForbidOperate => "CCR.CodeForbidOperate",
            Self::AuthFailed => "CCR.RespAuthFailed",
            Self::PermissionDenied => "CCR.RespPermissionDenied",
        }
    }

    /// The HTTP status the document pairs with the code.
    pub fn status(self) -> StatusCode {
        match self {
            Self::Internal => StatusCode::INTERNAL_SERVER_ERROR,
            Self::Param => StatusCode::BAD_REQUEST,
            Self::NotExists => StatusCode::NOT_FOUND,
            Self::AlreadyExists => StatusCode::CONFLICT,
            Self::ForbidOperate | Self::PermissionDenied => StatusCode::FORBIDDEN,
            Self::AuthFailed => StatusCode::UNAUTHORIZED,
        }
    }
}

/// An error answer: a code of section 1.15 and a short Chinese message for the user.
#[derive(Debug, Clone)]
pub struct ApiError {
    code: Code,
    status: StatusCode,
    message: String,
}

#[derive(Serialize)]
struct ErrorBody<'a> {
    code: &'static str,
    message: &'a str,
    #[serde(rename = "requestId")]
    request_id: String,
}

impl ApiError {
    /// An error with the status the document pairs with `code`.
    pub fn new(code: Code, message: impl Into<String>) -> Self {
        Self {
            code,
            status: code.status(),
            message: message.into(),
        }
    }

    /// 400 `CCR.CodeParamError`: `参数错误：{detail}`.
    pub fn param(detail: impl std::fmt::Display) -> Self {
        Self::new(Code::Param, format!("参数错误：{detail}"))
    }

    /// 404 `CCR.CodeErrNotExists`.
    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(Code::NotExists, message)
    }

    /// 403 `CCR.RespPermissionDenied`.
    pub fn permission_denied(message: impl Into<String>) -> Self {
        Self::new(Code::PermissionDenied, message)
    }

    /// 401 `CCR.RespAuthFailed`.
    pub fn auth_failed(message: impl Into<String>) -> Self {
        Self::new(Code::AuthFailed, message)
    }

    /// 500 `CCR.CodeInternalError`; the cause is logged, not sent.
    pub fn internal(cause: &dyn std::fmt::Display) -> Self {
        tracing::error!(request_id = %current_request_id(), "internal error: {cause}");
        Self::new(Code::Internal, "内部错误")
    }

    /// Wrong method on a known path: 405 with `CCR.CodeParamError`.
    pub fn method_not_allowed() -> Self {
        Self {
            code: Code::Param,
            status: StatusCode::METHOD_NOT_ALLOWED,
            message: "参数错误：该路径不支持此请求方法".to_owned(),
        }
    }

    /// Too many failed logins from this client: 429 with `CCR.RespAuthFailed` (the document
    /// has no code of its own for it).
    pub fn too_many_failed_logins() -> Self {
        Self {
            code: Code::AuthFailed,
            status: StatusCode::TOO_MANY_REQUESTS,
            message: "认证失败：登录失败次数过多，请稍后再试".to_owned(),
        }
    }

    /// The error's code.
    #[cfg(test)]
    pub fn code(&self) -> Code {
        self.code
    }

    /// The error's message.
    #[cfg(test)]
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = ErrorBody {
            code: self.code.as_str(),
            message: &self.message,
            request_id: current_request_id(),
        };
        let mut response = (self.status, Json(body)).into_response();
        if self.status == StatusCode::UNAUTHORIZED {
            response.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Basic realm=\"ccr\""),
            );
        }
        response
    }
}

/// The Chinese name of a field the validation rules check, as this server words it.
fn field_zh(field: Field) -> &'static str {
    match field {
        Field::ProjectName => "项目名称",
        Field::RepositoryName => "仓库名称",
        Field::PathSegment => "路径中的名称",
        Field::Summary => "仓库概要（summary）",
        Field::Detail => "仓库详细说明（detail）",
        Field::Password => "密码（new_password）",
        Field::Username => "用户名（username）",
        Field::Digest => "镜像摘要（digest）",
        Field::ChartName => "chart 包名称",
        Field::ChartVersion => "chart 包版本",
    }
}

/// The Chinese wording of a rule, as this server words it (to follow the field's name).
fn rule_zh(rule: Rule) -> &'static str {
    match rule {
        Rule::ProjectCharacters => "只能包含小写字母、数字及 . _ -",
        Rule::ProjectEnds => "必须以小写字母或数字开头和结尾",
        Rule::ProjectDoubledSeparator => "不能包含连续的 . _ -",
        Rule::NotDotSegment => "不能是 . 或 ..",
        Rule::RepositoryCharacters => "只能包含小写字母、数字及分隔符 . _ - /",
        Rule::RepositoryEnds => "不能以分隔符开头或结尾",
        Rule::RepositoryDoubledSeparator => "不能包含连续的分隔符",
        Rule::PasswordUpper => "至少需要一个大写字母",
        Rule::PasswordLower => "至少需要一个小写字母",
        Rule::PasswordDigit => "至少需要一个数字",
        Rule::UsernameCharacters => "不能包含冒号或控制字符",
        Rule::DigestForm | Rule::DigestHex => "格式必须为 sha256:<64 位小写十六进制数>",
        Rule::DigestAlgorithm => "必须使用 sha256、sha384 或 sha512 算法",
        Rule::ChartNameCharacters => "只能包含字母、数字及 . _ -，且必须以字母或数字开头",
        Rule::ChartVersionCharacters => "只能包含字母、数字及 . + - _",
    }
}

impl From<ValidationError> for ApiError {
    fn from(err: ValidationError) -> Self {
        let detail = match err {
            ValidationError::Empty { field } => format!("{}不能为空", field_zh(field)),
            ValidationError::Length {
                field,
                min,
                max,
                actual,
            } => format!(
                "{}长度必须为 {min} 到 {max} 个字符（当前 {actual} 个）",
                field_zh(field)
            ),
            ValidationError::Syntax { field, rule } => {
                format!("{}{}", field_zh(field), rule_zh(rule))
            }
        };
        Self::param(detail)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_ids_are_unique_hex() {
        let ids: std::collections::HashSet<String> = (0..1000).map(|_| new_request_id()).collect();
        assert_eq!(ids.len(), 1000);
        assert!(
            ids.iter()
                .all(|id| id.len() == 16 && id.chars().all(|c| c.is_ascii_hexdigit()))
        );
    }

    #[test]
    fn validation_errors_read_in_chinese() {
        let err = ApiError::from(crate::contract::repository_name("a//b").unwrap_err());
        assert_eq!(err.code(), Code::Param);
        assert_eq!(err.message(), "参数错误：仓库名称不能包含连续的分隔符");
        let err =
            ApiError::from(crate::contract::repository_summary(&"x".repeat(101)).unwrap_err());
        assert!(err.message().contains("101"), "{}", err.message());
    }
}
