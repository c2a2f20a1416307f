//! The vendor document's input rules (name syntax, lengths, the password policy), in a neutral
//! place: the client checks them before it sends a request and the sandbox on receipt, so
//! neither side depends on the other. Their tests quote the document's own wording.
//!
//! Each check returns a [`ValidationError`]: which field, which rule, the numbers. The UI words
//! it for people (`ui::describe`); the sandbox answers with its own text, as a server would.

use std::fmt;

/// A value the document's rules check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    /// A project's name.
    ProjectName,
    /// A repository's (possibly multi-level) name.
    RepositoryName,
    /// Any name that goes into a request path as one segment.
    PathSegment,
    /// A repository's summary.
    Summary,
    /// A repository's detail.
    Detail,
    /// A credential password.
    Password,
    /// The user name of the access credential.
    Username,
    /// An artifact digest.
    Digest,
    /// A chart's name.
    ChartName,
    /// A chart's version.
    ChartVersion,
}

impl Field {
    /// The field's name in the document's API (for logs).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::ProjectName => "project name",
            Self::RepositoryName => "repository name",
            Self::PathSegment => "path segment",
            Self::Summary => "summary",
            Self::Detail => "detail",
            Self::Password => "password",
            Self::Username => "username",
            Self::Digest => "digest",
            Self::ChartName => "chart name",
            Self::ChartVersion => "chart version",
        }
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A syntax rule a value broke (each belongs to one [`Field`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Rule {
    /// Project names: only lower-case letters, digits and `. _ -`.
    ProjectCharacters,
    /// Project names: start and end with a lower-case letter or a digit.
    ProjectEnds,
    /// Project names: no two of `. _ -` in a row.
    ProjectDoubledSeparator,
    /// Path segments: not `.` or `..`.
    NotDotSegment,
    /// Repository names: only lower-case letters, digits and `. _ - /`.
    RepositoryCharacters,
    /// Repository names: no separator at the start or the end.
    RepositoryEnds,
    /// Repository names: no two separators in a row.
    RepositoryDoubledSeparator,
    /// Passwords: at least one upper-case letter.
    PasswordUpper,
    /// Passwords: at least one lower-case letter.
    PasswordLower,
    /// Passwords: at least one digit.
    PasswordDigit,
    /// User names: no colon, no control characters.
    UsernameCharacters,
    /// Digests: `algorithm:hex`.
    DigestForm,
    /// Digests: sha256, sha384 or sha512.
    DigestAlgorithm,
    /// Digests: the algorithm's number of lower-case hex digits.
    DigestHex,
    /// Chart names: letters, digits and `. _ -`, starting with a letter or digit.
    ChartNameCharacters,
    /// Chart versions: letters, digits and `. + - _`.
    ChartVersionCharacters,
}

impl Rule {
    /// The rule in the fewest technical words (for logs).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::ProjectCharacters => "[a-z0-9._-] only",
            Self::ProjectEnds => "starts and ends with [a-z0-9]",
            Self::ProjectDoubledSeparator => "no doubled [._-]",
            Self::NotDotSegment => "not . or ..",
            Self::RepositoryCharacters => "[a-z0-9._/-] only",
            Self::RepositoryEnds => "no separator at either end",
            Self::RepositoryDoubledSeparator => "no doubled separator",
            Self::PasswordUpper => "needs [A-Z]",
            Self::PasswordLower => "needs [a-z]",
            Self::PasswordDigit => "needs [0-9]",
            Self::UsernameCharacters => "no colon or control character",
            Self::DigestForm => "algorithm:hex",
            Self::DigestAlgorithm => "sha256, sha384 or sha512",
            Self::DigestHex => "lower-case hex of the algorithm's length",
            Self::ChartNameCharacters => "[A-Za-z0-9._-], starts with [A-Za-z0-9]",
            Self::ChartVersionCharacters => "[A-Za-z0-9.+_-] only",
        }
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why a value does not satisfy the document's rules: the field, and the rule or the numbers.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ValidationError {
    /// The value is empty but the field is required.
    #[error("{field}: empty")]
    Empty {
        /// The field.
        field: Field,
    },
    /// The value is shorter or longer than the rule allows.
    #[error("{field}: {actual} characters, {min}..={max} allowed")]
    Length {
        /// The field.
        field: Field,
        /// Fewest characters allowed.
        min: usize,
        /// Most characters allowed.
        max: usize,
        /// Characters the value has.
        actual: usize,
    },
    /// The value holds a character or arrangement the rule forbids.
    #[error("{field}: breaks rule {rule}")]
    Syntax {
        /// The field.
        field: Field,
        /// The rule it breaks.
        rule: Rule,
    },
}

/// Longest repository summary, in characters.
pub const SUMMARY_MAX_CHARS: usize = 100;
/// Longest repository detail, in characters.
pub const DETAIL_MAX_CHARS: usize = 256;

fn length(field: Field, value: &str, min: usize, max: usize) -> Result<(), ValidationError> {
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
    const FIELD: Field = Field::ProjectName;
    length(FIELD, name, 1, 255)?;
    if !name
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-'))
    {
        return Err(ValidationError::Syntax {
            field: FIELD,
            rule: Rule::ProjectCharacters,
        });
    }
    let is_separator = |c: char| matches!(c, '.' | '_' | '-');
    if name.starts_with(is_separator) || name.ends_with(is_separator) {
        return Err(ValidationError::Syntax {
            field: FIELD,
            rule: Rule::ProjectEnds,
        });
    }
    if name
        .chars()
        .zip(name.chars().skip(1))
        .any(|(a, b)| is_separator(a) && is_separator(b))
    {
        return Err(ValidationError::Syntax {
            field: FIELD,
            rule: Rule::ProjectDoubledSeparator,
        });
    }
    Ok(())
}

/// A value that goes into a request path as one segment: not empty, and not `.` or `..`, which
/// URL rules would resolve and so address another resource.
pub fn path_segment(value: &str) -> Result<(), ValidationError> {
    const FIELD: Field = Field::PathSegment;
    if value.is_empty() {
        return Err(ValidationError::Empty { field: FIELD });
    }
    if value == "." || value == ".." {
        return Err(ValidationError::Syntax {
            field: FIELD,
            rule: Rule::NotDotSegment,
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
    const FIELD: Field = Field::RepositoryName;
    length(FIELD, name, 2, 64)?;
    if !name
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || is_repository_separator(c))
    {
        return Err(ValidationError::Syntax {
            field: FIELD,
            rule: Rule::RepositoryCharacters,
        });
    }
    if name.starts_with(is_repository_separator) || name.ends_with(is_repository_separator) {
        return Err(ValidationError::Syntax {
            field: FIELD,
            rule: Rule::RepositoryEnds,
        });
    }
    let doubled = name
        .chars()
        .zip(name.chars().skip(1))
        .any(|(a, b)| is_repository_separator(a) && is_repository_separator(b));
    if doubled {
        return Err(ValidationError::Syntax {
            field: FIELD,
            rule: Rule::RepositoryDoubledSeparator,
        });
    }
    Ok(())
}

/// A repository summary: at most [`SUMMARY_MAX_CHARS`] characters (may be empty).
pub fn repository_summary(summary: &str) -> Result<(), ValidationError> {
    length(Field::Summary, summary, 0, SUMMARY_MAX_CHARS)
}

/// A repository detail: at most [`DETAIL_MAX_CHARS`] characters (may be empty).
pub fn repository_detail(detail: &str) -> Result<(), ValidationError> {
    length(Field::Detail, detail, 0, DETAIL_MAX_CHARS)
}

/// A credential password as Harbor requires it: 8–128 characters with at least one upper-case
/// letter, one lower-case letter and one digit.
pub fn credential_password(password: &str) -> Result<(), ValidationError> {
    type Check = (fn(&char) -> bool, Rule);
    const FIELD: Field = Field::Password;
    length(FIELD, password, 8, 128)?;
    let checks: [Check; 3] = [
        (char::is_ascii_uppercase, Rule::PasswordUpper),
        (char::is_ascii_lowercase, Rule::PasswordLower),
        (char::is_ascii_digit, Rule::PasswordDigit),
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
    const FIELD: Field = Field::Username;
    length(FIELD, name, 1, 255)?;
    if name.chars().any(|c| c.is_control() || c == ':') {
        return Err(ValidationError::Syntax {
            field: FIELD,
            rule: Rule::UsernameCharacters,
        });
    }
    Ok(())
}

/// An artifact digest: `algorithm:hex`, as OCI defines it (`sha256:` followed by 64 lower-case
/// hex digits, or `sha384`/`sha512` with their lengths).
pub fn digest(digest: &str) -> Result<(), ValidationError> {
    const FIELD: Field = Field::Digest;
    let Some((algorithm, hex)) = digest.split_once(':') else {
        return Err(ValidationError::Syntax {
            field: FIELD,
            rule: Rule::DigestForm,
        });
    };
    let hex_len = match algorithm {
        "sha256" => 64,
        "sha384" => 96,
        "sha512" => 128,
        _ => {
            return Err(ValidationError::Syntax {
                field: FIELD,
                rule: Rule::DigestAlgorithm,
            });
        }
    };
    if hex.len() != hex_len || !hex.chars().all(|c| matches!(c, '0'..='9' | 'a'..='f')) {
        return Err(ValidationError::Syntax {
            field: FIELD,
            rule: Rule::DigestHex,
        });
    }
    Ok(())
}

/// A chart name: 1–250 characters of letters, digits and `._-`, starting with a letter or digit
/// (Helm's rule for chart names).
pub fn chart_name(name: &str) -> Result<(), ValidationError> {
    const FIELD: Field = Field::ChartName;
    length(FIELD, name, 1, 250)?;
    if !name
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
        || !name.starts_with(|c: char| c.is_ascii_alphanumeric())
    {
        return Err(ValidationError::Syntax {
            field: FIELD,
            rule: Rule::ChartNameCharacters,
        });
    }
    Ok(())
}

/// A chart version: 1–128 characters of letters, digits and `.+-_` (`SemVer` with build metadata).
pub fn chart_version(version: &str) -> Result<(), ValidationError> {
    const FIELD: Field = Field::ChartVersion;
    length(FIELD, version, 1, 128)?;
    if !version
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '+' | '-' | '_'))
    {
        return Err(ValidationError::Syntax {
            field: FIELD,
            rule: Rule::ChartVersionCharacters,
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
    fn errors_name_the_field_and_the_rule() {
        assert_eq!(
            repository_name("a//b"),
            Err(ValidationError::Syntax {
                field: Field::RepositoryName,
                rule: Rule::RepositoryDoubledSeparator,
            })
        );
        assert_eq!(
            project_name(""),
            Err(ValidationError::Empty {
                field: Field::ProjectName
            })
        );
        assert_eq!(
            repository_summary(&"x".repeat(101)),
            Err(ValidationError::Length {
                field: Field::Summary,
                min: 0,
                max: SUMMARY_MAX_CHARS,
                actual: 101,
            })
        );
        assert_eq!(
            credential_password("alllower1"),
            Err(ValidationError::Syntax {
                field: Field::Password,
                rule: Rule::PasswordUpper,
            })
        );
    }

    #[test]
    fn usernames_refuse_colons() {
        assert_eq!(username("admin"), Ok(()));
        assert!(username("a:b").is_err());
        assert!(username("").is_err());
    }
}
