//! Every error the app shows, worded for people in the shown language. Library layers return
//! typed facts (status, code, request id, which rule failed, which file); this is the one place
//! that turns them into sentences, so each failure reads the same wherever it appears.
//!
//! The server's own message is passed on as it came, labelled as the server's; texts of the
//! operating system and of parsers (`detail`) are passed on as they were written.

mod api;
mod chart_diff;
mod input;
mod profile;
mod session;

pub use session::{profile_name_text, session_notice_text, shown_profile_name, task_label_text};

/// An error (or problem) that can be shown to the user.
pub trait Describe {
    /// What went wrong and what the user can do, in the shown language.
    fn describe(&self) -> String;
}

#[cfg(test)]
mod tests {
    use super::Describe as _;
    use crate::api::{ApiError, CcrCode};
    use crate::i18n::{Language, set_language};

    fn auth_failure() -> ApiError {
        ApiError::Ccr {
            code: CcrCode::AuthFailed,
            status: 401,
            server_message: "认证失败".into(),
            request_id: Some("abc123".into()),
        }
    }

    #[test]
    fn messages_say_what_to_do_and_keep_the_server_message() {
        set_language(Language::English);
        let text = auth_failure().describe();
        assert!(
            text.contains("Check the user name and password in the profile"),
            "{text}"
        );
        assert!(text.contains("(server: 认证失败)"), "{text}");
    }

    #[test]
    fn chinese_auth_failures_name_the_user_name_and_quote_the_server() {
        set_language(Language::SimplifiedChinese);
        let text = auth_failure().describe();
        set_language(Language::English);
        assert!(text.contains("用户名"), "{text}");
        assert!(text.contains("服务器消息：认证失败"), "{text}");
    }

    #[test]
    fn rules_and_answers_read_as_they_did() {
        set_language(Language::English);
        let invalid = crate::contract::repository_name("a//b").unwrap_err();
        assert_eq!(
            invalid.describe(),
            "Repository name must not have two separators in a row"
        );
        let proxy_page = ApiError::NotEnvelope {
            status: 502,
            content_type: Some("text/html".into()),
            excerpt: "<html>Bad gateway</html>".into(),
            request_id: None,
        };
        assert_eq!(
            proxy_page.describe(),
            "The registry, or a proxy in front of it, is not available (HTTP 502, text/html: “<html>Bad gateway</html>”). Try again later"
        );
        let problem = crate::profile::ProfileProblem::Timeout {
            setting: crate::profile::TimeoutSetting::Read,
            min: 1,
            max: 600,
        };
        assert_eq!(problem.describe(), "Read timeout must be 1 to 600 seconds");
    }
}
