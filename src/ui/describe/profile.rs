//! The words for profiles, their file and their passwords, and for connecting one.

use super::Describe;
use crate::api::ApiError;
use crate::profile::{
    KeyringFailure, MovedAside, NoKeyring, ProfileError, ProfileProblem, SecretError,
    TimeoutSetting, UnreadableSettings,
};
use crate::session::ConnectFailure;

impl Describe for ProfileProblem {
    fn describe(&self) -> String {
        match self {
            Self::NameRequired => tr!("error-profile-name-required"),
            Self::NameTaken => tr!("error-profile-name-taken"),
            Self::EndpointRequired => tr!("error-profile-endpoint-required"),
            Self::Endpoint(endpoint) => endpoint.describe(),
            Self::InstanceIdRequired => tr!("error-profile-instance-id-required"),
            Self::InstanceIdDotSegment => tr!("error-profile-instance-id-dot"),
            Self::Username(invalid) => invalid.describe(),
            Self::RegistryAddress => tr!("error-profile-registry-address"),
            Self::Timeout { setting, min, max } => match setting {
                TimeoutSetting::Connect => {
                    tr!("error-profile-connect-timeout", min = min, max = max)
                }
                TimeoutSetting::Read => tr!("error-profile-read-timeout", min = min, max = max),
                TimeoutSetting::RequestDeadline => {
                    tr!("error-profile-request-deadline", min = min, max = max)
                }
            },
        }
    }
}

impl Describe for ProfileError {
    fn describe(&self) -> String {
        match self {
            Self::NoConfigDir => tr!("error-profile-no-config-dir"),
            Self::Read { path, source } => tr!(
                "error-profile-read",
                path = path.display().to_string(),
                detail = source.to_string()
            ),
            Self::Write { path, source } => tr!(
                "error-profile-write",
                path = path.display().to_string(),
                detail = source.to_string()
            ),
            Self::Encode(detail) => tr!("error-profile-encode", detail = detail),
            Self::Endpoint(endpoint) => {
                tr!("error-profile-endpoint", problem = endpoint.describe())
            }
            Self::Invalid(problem) => tr!("error-profile-invalid", problem = problem.describe()),
        }
    }
}

impl Describe for MovedAside {
    fn describe(&self) -> String {
        let path = self.kept.display().to_string();
        match &self.problem {
            UnreadableSettings::NotUtf8 => tr!("error-settings-moved-aside-not-utf8", path = path),
            UnreadableSettings::Toml {
                line: Some(line),
                message,
            } => tr!(
                "error-settings-moved-aside-line",
                line = line,
                detail = message,
                path = path
            ),
            UnreadableSettings::Toml {
                line: None,
                message,
            } => tr!("error-settings-moved-aside", detail = message, path = path),
        }
    }
}

impl Describe for SecretError {
    fn describe(&self) -> String {
        match self {
            Self::Unavailable(no_keyring) => no_keyring.describe(),
            Self::Failed(failure) => failure.describe(),
        }
    }
}

impl Describe for NoKeyring {
    fn describe(&self) -> String {
        match self {
            Self::NoService(detail) => tr!("error-keyring-unavailable", detail = detail),
            Self::TurnedOff(how) => tr!("error-keyring-turned-off", how = how),
            Self::OpenPanicked => tr!("error-keyring-open-failed"),
            Self::NoAnswer => tr!("error-keyring-no-answer"),
        }
    }
}

impl Describe for KeyringFailure {
    fn describe(&self) -> String {
        match self {
            Self::Locked(detail) => tr!("error-keyring-locked", detail = detail),
            Self::Platform(detail) => tr!("error-keyring-platform", detail = detail),
            Self::Unreadable => tr!("error-keyring-unreadable"),
            Self::Damaged(detail) => tr!("error-keyring-damaged", detail = detail),
            Self::TooLong { attribute, limit } => tr!(
                "error-keyring-too-long",
                attribute = attribute,
                limit = limit
            ),
            Self::Invalid { attribute, reason } => tr!(
                "error-keyring-invalid",
                attribute = attribute,
                reason = reason
            ),
            Self::Ambiguous { count } => tr!("error-keyring-ambiguous", count = count),
            Self::Stopped => tr!("error-keyring-stopped"),
            Self::Other(detail) => tr!("error-keyring-other", detail = detail),
        }
    }
}

impl Describe for ConnectFailure {
    fn describe(&self) -> String {
        match self {
            Self::NoPassword(None) => tr!("error-no-password"),
            Self::NoPassword(Some(problem)) => {
                tr!("error-no-password-keyring", problem = problem.describe())
            }
            Self::PasswordRefused(error) | Self::Api(error) => error.describe(),
            Self::Unreachable(error, _) => error.describe(),
            Self::Profile(error) => error.describe(),
            Self::WrongInstance(error) => wrong_instance_text(error),
        }
    }
}

/// The first request's 404: the endpoint has no instance with the profile's id. The error's own
/// advice ("refresh the list") does not fit; its facts are kept.
fn wrong_instance_text(error: &ApiError) -> String {
    let status = error.http_status().unwrap_or(404);
    let facts = match error.code() {
        Some(code) => format!("HTTP {status}, {code}"),
        None => format!("HTTP {status}"),
    };
    match (error.server_message(), error.request_id()) {
        (None, None) => tr!("error-wrong-instance", facts = facts),
        (Some(server), None) => tr!(
            "error-wrong-instance-server",
            facts = facts,
            server = server
        ),
        (None, Some(request_id)) => tr!(
            "error-wrong-instance-request",
            facts = facts,
            request_id = request_id
        ),
        (Some(server), Some(request_id)) => tr!(
            "error-wrong-instance-server-request",
            facts = facts,
            server = server,
            request_id = request_id
        ),
    }
}
