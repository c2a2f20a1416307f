//! The vendor document's input rules (name syntax, lengths, the password policy), in a neutral
//! place: the client checks them before it sends a request and the sandbox on receipt, so
//! neither side depends on the other. Their tests quote the document's own wording.
//!
//! Each check returns a [`ValidationError`] whose message can be shown beside the field as is.

/// Why a value does not satisfy the document's rules; the message is meant for the user.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ValidationError {
    /// The value is empty but the field is required.
    #[error("{field} is required")]
    Empty {
        /// The field's name as shown to the user.
        field: &'static str,
    },
    /// The value is shorter or longer than the rule allows.
    #[error("{field} must be {min} to {max} characters long (it has {actual})")]
    Length {
        /// The field's name as shown to the user.
        field: &'static str,
        /// Fewest characters allowed.
        min: usize,
        /// Most characters allowed.
        max: usize,
        /// Characters the value has.
        actual: usize,
    },
    /// The value holds a character or arrangement the rule forbids.
    #[error("{field} {rule}")]
    Syntax {
        /// The field's name as shown to the user.
        field: &'static str,
        /// What the rule requires, phrased to follow the field name.
        rule: &'static str,
    },
}

/// The rule for project names, in words, for showing beside the field.
pub const PROJECT_NAME_RULE: &str = "1 to 255 characters: lower-case letters and digits, \
     optionally separated by single . _ or - (not at the start or the end)";

/// The rule for repository names, in words, for showing beside the field.
pub const REPOSITORY_NAME_RULE: &str = "2 to 64 characters: lower-case letters, digits and the separators . _ - /; \
     no separator at the start, at the end or twice in a row (sub1/sub2/repo is allowed)";

/// The rule for credential passwords, in words, for showing beside the field.
pub const PASSWORD_RULE: &str =
    "8 to 128 characters with at least one upper-case letter, one lower-case letter and one digit";

/// Longest repository summary, in characters.
pub const SUMMARY_MAX_CHARS: usize = 100;
/// Longest repository detail, in characters.
pub const DETAIL_MAX_CHARS: usize = 256;

fn length(field: &'static str, value: &str, min: usize, max: usize) -> Result<(), ValidationError> {
    let actual = value.chars().count();
    if actual == 0 && min > 0 {
        return Err(ValidationError::Empty { field });
    }
    if actual < min || actual > max {
        return Err(ValidationError::Length {
            field,
            min,
            max,
            actual,
        });
    }
    Ok(())
}

/// A project name as Harbor accepts it (`[a-z0-9]+(?:[._-][a-z0-9]+)*`, 1–255 characters):
/// lower-case letters and digits, separated by single `.`, `_` or `-`.
pub fn project_name(name: &str) -> Result<(), ValidationError> {
    const FIELD: &str = "Project name";
    length(FIELD, name, 1, 255)?;
    if !name
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-'))
    {
        return Err(ValidationError::Syntax {
            field: FIELD,
            rule: "may hold only lower-case letters, digits and . _ -",
        });
    }
    let is_separator = |c: char| matches!(c, '.' | '_' | '-');
    if name.starts_with(is_separator) || name.ends_with(is_separator) {
        return Err(ValidationError::Syntax {
            field: FIELD,
            rule: "must start and end with a lower-case letter or a digit",
        });
    }
    if name
        .chars()
        .zip(name.chars().skip(1))
        .any(|(a, b)| is_separator(a) && is_separator(b))
    {
        return Err(ValidationError::Syntax {
            field: FIELD,
            rule: "must not have two of . _ - in a row",
        });
    }
    Ok(())
}

/// A value that goes into a request path as one segment: not empty, and not `.` or `..`, which
/// URL rules would resolve and so address another resource.
pub fn path_segment(value: &str) -> Result<(), ValidationError> {
    const FIELD: &str = "A name in the request path";
    if value.is_empty() {
        return Err(ValidationError::Empty { field: FIELD });
    }
    if value == "." || value == ".." {
        return Err(ValidationError::Syntax {
            field: FIELD,
            rule: "must not be . or ..",
        });
    }
    Ok(())
}

fn is_repository_separator(c: char) -> bool {
    matches!(c, '.' | '_' | '-' | '/')
}

/// A repository name as the document's section 1.6 states it: 2–64 characters of lower-case
/// letters, digits and the separators `._-/`, not starting or ending with a separator, and no two
/// separators in a row. Multi-level names such as `sub1/sub2/repo` are allowed.
pub fn repository_name(name: &str) -> Result<(), ValidationError> {
    const FIELD: &str = "Repository name";
    length(FIELD, name, 2, 64)?;
    if !name
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || is_repository_separator(c))
    {
        return Err(ValidationError::Syntax {
            field: FIELD,
            rule: "may hold only lower-case letters, digits and the separators . _ - /",
        });
    }
    if name.starts_with(is_repository_separator) || name.ends_with(is_repository_separator) {
        return Err(ValidationError::Syntax {
            field: FIELD,
            rule: "must not start or end with a separator",
        });
    }
    let doubled = name
        .chars()
        .zip(name.chars().skip(1))
        .any(|(a, b)| is_repository_separator(a) && is_repository_separator(b));
    if doubled {
        return Err(ValidationError::Syntax {
            field: FIELD,
            rule: "must not have two separators in a row",
        });
    }
    Ok(())
}

/// A repository summary: at most [`SUMMARY_MAX_CHARS`] characters (may be empty).
pub fn repository_summary(summary: &str) -> Result<(), ValidationError> {
    length("Summary", summary, 0, SUMMARY_MAX_CHARS)
}

/// A repository detail: at most [`DETAIL_MAX_CHARS`] characters (may be empty).
pub fn repository_detail(detail: &str) -> Result<(), ValidationError> {
    length("Detail", detail, 0, DETAIL_MAX_CHARS)
}

/// A credential password as Harbor requires it: 8–128 characters with at least one upper-case
/// letter, one lower-case letter and one digit.
pub fn credential_password(password: &str) -> Result<(), ValidationError> {
    type Check = (fn(&char) -> bool, &'static str);
    const FIELD: &str = "Password";
    length(FIELD, password, 8, 128)?;
    let checks: [Check; 3] = [
        (
            char::is_ascii_uppercase,
            "needs at least one upper-case letter",
        ),
        (
            char::is_ascii_lowercase,
            "needs at least one lower-case letter",
        ),
        (char::is_ascii_digit, "needs at least one digit"),
    ];
    for (holds, rule) in checks {
        if !password.chars().any(|c| holds(&c)) {
            return Err(ValidationError::Syntax { field: FIELD, rule });
        }
    }
    Ok(())
}

/// A user name for the access credential: 1–255 characters, no control characters, no colon
/// (HTTP Basic authentication cannot carry one).
pub fn username(name: &str) -> Result<(), ValidationError> {
    const FIELD: &str = "User name";
    length(FIELD, name, 1, 255)?;
    if name.chars().any(|c| c.is_control() || c == ':') {
        return Err(ValidationError::Syntax {
            field: FIELD,
            rule: "must not hold a colon or control characters",
        });
    }
    Ok(())
}

/// An artifact digest: `algorithm:hex`, as OCI defines it (`sha256:` followed by 64 lower-case
/// hex digits, or `sha384`/`sha512` with their lengths).
pub fn digest(digest: &str) -> Result<(), ValidationError> {
    const FIELD: &str = "Digest";
    let Some((algorithm, hex)) = digest.split_once(':') else {
        return Err(ValidationError::Syntax {
            field: FIELD,
            rule: "must look like sha256:<64 hex digits>",
        });
    };
    let hex_len = match algorithm {
        "sha256" => 64,
        "sha384" => 96,
        "sha512" => 128,
        _ => {
            return Err(ValidationError::Syntax {
                field: FIELD,
                rule: "must use the sha256, sha384 or sha512 algorithm",
            });
        }
    };
    if hex.len() != hex_len || !hex.chars().all(|c| matches!(c, '0'..='9' | 'a'..='f')) {
        return Err(ValidationError::Syntax {
            field: FIELD,
            rule: "must look like sha256:<64 lower-case hex digits>",
        });
    }
    Ok(())
}

/// A chart name: 1–250 characters of letters, digits and `._-`, starting with a letter or digit
/// (Helm's rule for chart names).
pub fn chart_name(name: &str) -> Result<(), ValidationError> {
    const FIELD: &str = "Chart name";
    length(FIELD, name, 1, 250)?;
    if !name
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
        || !name.starts_with(|c: char| c.is_ascii_alphanumeric())
    {
        return Err(ValidationError::Syntax {
            field: FIELD,
            rule: "may hold only letters, digits and . _ -, starting with a letter or digit",
        });
    }
    Ok(())
}

/// A chart version: 1–128 characters of letters, digits and `.+-_` (`SemVer` with build metadata).
pub fn chart_version(version: &str) -> Result<(), ValidationError> {
    const FIELD: &str = "Chart version";
    length(FIELD, version, 1, 128)?;
    if !version
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '+' | '-' | '_'))
    {
        return Err(ValidationError::Syntax {
            field: FIELD,
            rule: "may hold only letters, digits and . + - _",
        });
    }
    Ok(())
}

/// The file name of a chart version as the download operation takes it: `{chart}-{version}.tgz`.
pub fn chart_file_name(chart: &str, version: &str) -> Result<String, ValidationError> {
    chart_name(chart)?;
    chart_version(version)?;
    Ok(format!("{chart}-{version}.tgz"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn project_names_follow_harbor() {
        for ok in [
            "a",
            "library",
            "team-a",
            "0day",
            "x.y_z-1",
            "ml-models",
            &"a".repeat(255),
        ] {
            assert_eq!(project_name(ok), Ok(()), "{ok}");
        }
        for bad in [
            "",
            "Library",
            "-lead",
            ".dot",
            "_u",
            "a-",
            "x.",
            "a..b",
            "a_-b",
            "has space",
            "ümlaut",
            &"a".repeat(256),
        ] {
            assert!(project_name(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn repository_names_follow_the_document() {
        for ok in [
            "ab",
            "test01",
            "sub1/sub2/repo",
            "a.b_c-d/e",
            &"a".repeat(64),
        ] {
            assert_eq!(repository_name(ok), Ok(()), "{ok}");
        }
        for bad in [
            "a",
            "",
            &"a".repeat(65),
            "/lead",
            "trail/",
            "a//b",
            "a.-b",
            "Upper",
            "a b",
            "-x",
            "x_",
        ] {
            assert!(repository_name(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn texts_count_characters_not_bytes() {
        assert_eq!(repository_summary(&"摘".repeat(100)), Ok(()));
        assert!(repository_summary(&"摘".repeat(101)).is_err());
        assert_eq!(repository_detail(&"x".repeat(256)), Ok(()));
        assert!(repository_detail(&"x".repeat(257)).is_err());
        assert_eq!(repository_summary(""), Ok(()));
    }

    #[test]
    fn passwords_follow_harbor() {
        assert_eq!(credential_password("Admin134"), Ok(()));
        assert_eq!(credential_password("Harbor12345"), Ok(()));
        for bad in [
            "Short1A",
            "alllower1",
            "ALLUPPER1",
            "NoDigitsHere",
            &format!("Aa1{}", "x".repeat(126)),
        ] {
            assert!(credential_password(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn digests_and_chart_files() {
        let good = format!("sha256:{}", "ab".repeat(32));
        assert_eq!(digest(&good), Ok(()));
        assert!(digest("sha256:abc").is_err());
        assert!(digest(&format!("sha256:{}", "AB".repeat(32))).is_err());
        assert!(digest(&format!("md5:{}", "ab".repeat(32))).is_err());
        assert!(digest("sha256:../../etc").is_err());
        assert_eq!(
            chart_file_name("postgresql", "12.2.7").as_deref(),
            Ok("postgresql-12.2.7.tgz")
        );
        assert!(chart_file_name("../x", "1.0").is_err());
        assert!(chart_file_name("x", "1/0").is_err());
        assert!(chart_file_name("x", "").is_err());
    }

    #[test]
    fn path_segments_refuse_dot_segments() {
        assert_eq!(path_segment("library"), Ok(()));
        assert_eq!(path_segment("..."), Ok(()));
        assert_eq!(
            path_segment("a/.."),
            Ok(()),
            "one encoded segment, not a dot segment"
        );
        for bad in ["", ".", ".."] {
            assert!(path_segment(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn usernames_refuse_colons() {
        assert_eq!(username("admin"), Ok(()));
        assert!(username("a:b").is_err());
        assert!(username("").is_err());
    }
}
