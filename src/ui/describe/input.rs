//! The words for what is wrong with a value or a file: the document's input rules, chart
//! archives on disk, a path to save to. (A name that cannot go into a pull command is worded
//! where the pull menu is, in the artifacts screen.)

use super::Describe;
use crate::chart_archive::{ArchiveDefect, ArchiveError, ChartYamlProblem, MAX_UNPACKED_BYTES};
use crate::contract::{Field, Rule, ValidationError};
use crate::save_path::PathCheckError;

impl Describe for ValidationError {
    fn describe(&self) -> String {
        match self {
            Self::Empty { field } => required_text(*field),
            Self::Length {
                field,
                min,
                max,
                actual,
            } => length_text(*field, *min, *max, *actual),
            Self::Syntax { rule, .. } => rule_text(*rule),
        }
    }
}

fn required_text(field: Field) -> String {
    match field {
        Field::ProjectName => tr!("error-required-project-name"),
        Field::RepositoryName => tr!("error-required-repository-name"),
        Field::PathSegment => tr!("error-required-path-segment"),
        Field::Summary => tr!("error-required-summary"),
        Field::Detail => tr!("error-required-detail"),
        Field::Password => tr!("error-required-password"),
        Field::Username => tr!("error-required-username"),
        Field::Digest => tr!("error-required-digest"),
        Field::ChartName => tr!("error-required-chart-name"),
        Field::ChartVersion => tr!("error-required-chart-version"),
    }
}

fn length_text(field: Field, min: usize, max: usize, actual: usize) -> String {
    match field {
        Field::ProjectName => tr!(
            "error-length-project-name",
            min = min,
            max = max,
            actual = actual
        ),
        Field::RepositoryName => tr!(
            "error-length-repository-name",
            min = min,
            max = max,
            actual = actual
        ),
        Field::PathSegment => tr!(
            "error-length-path-segment",
            min = min,
            max = max,
            actual = actual
        ),
        Field::Summary => tr!(
            "error-length-summary",
            min = min,
            max = max,
            actual = actual
        ),
        Field::Detail => tr!("error-length-detail", min = min, max = max, actual = actual),
        Field::Password => tr!(
            "error-length-password",
            min = min,
            max = max,
            actual = actual
        ),
        Field::Username => tr!(
            "error-length-username",
            min = min,
            max = max,
            actual = actual
        ),
        Field::Digest => tr!("error-length-digest", min = min, max = max, actual = actual),
        Field::ChartName => tr!(
            "error-length-chart-name",
            min = min,
            max = max,
            actual = actual
        ),
        Field::ChartVersion => tr!(
            "error-length-chart-version",
            min = min,
            max = max,
            actual = actual
        ),
    }
}

/// A broken rule, with the name of the field it belongs to.
fn rule_text(rule: Rule) -> String {
    match rule {
        Rule::ProjectCharacters => tr!("error-rule-project-characters"),
        Rule::ProjectEnds => tr!("error-rule-project-ends"),
        Rule::ProjectDoubledSeparator => tr!("error-rule-project-doubled"),
        Rule::NotDotSegment => tr!("error-rule-not-dot-segment"),
        Rule::RepositoryCharacters => tr!("error-rule-repository-characters"),
        Rule::RepositoryEnds => tr!("error-rule-repository-ends"),
        Rule::RepositoryDoubledSeparator => tr!("error-rule-repository-doubled"),
        Rule::PasswordUpper => tr!("error-rule-password-upper"),
        Rule::PasswordLower => tr!("error-rule-password-lower"),
        Rule::PasswordDigit => tr!("error-rule-password-digit"),
        Rule::UsernameCharacters => tr!("error-rule-username-characters"),
        Rule::DigestForm => tr!("error-rule-digest-form"),
        Rule::DigestAlgorithm => tr!("error-rule-digest-algorithm"),
        Rule::DigestHex => tr!("error-rule-digest-hex"),
        Rule::ChartNameCharacters => tr!("error-rule-chart-name-characters"),
        Rule::ChartVersionCharacters => tr!("error-rule-chart-version-characters"),
    }
}

impl Describe for ArchiveError {
    fn describe(&self) -> String {
        match self {
            Self::NotAnArchive(ArchiveDefect::Empty) => tr!("error-archive-empty"),
            Self::NotAnArchive(ArchiveDefect::NotGzip) => tr!("error-archive-not-gzip"),
            Self::NotAnArchive(ArchiveDefect::CompressedDataDamaged(detail)) => {
                tr!("error-archive-compressed-damaged", detail = detail)
            }
            Self::NotAnArchive(ArchiveDefect::NotTar(detail)) => {
                tr!("error-archive-not-tar", detail = detail)
            }
            Self::NoChartYaml => tr!("error-archive-no-chart-yaml"),
            Self::BadChartYaml(ChartYamlProblem::TooLarge { limit_bytes }) => {
                let kib = limit_bytes / 1024;
                tr!("error-chart-yaml-too-large", kib = kib)
            }
            Self::BadChartYaml(ChartYamlProblem::NotUtf8) => tr!("error-chart-yaml-not-utf8"),
            Self::BadChartYaml(ChartYamlProblem::NotYaml(detail)) => {
                tr!("error-chart-yaml-invalid", detail = detail)
            }
            Self::BadChartYaml(ChartYamlProblem::NotFields) => tr!("error-chart-yaml-not-fields"),
            Self::TooLarge => {
                let mib = MAX_UNPACKED_BYTES / (1024 * 1024);
                tr!("error-archive-too-large", mib = mib)
            }
            Self::Io { path, source } => tr!(
                "error-archive-unreadable",
                path = path.display().to_string(),
                detail = source.to_string()
            ),
        }
    }
}

impl Describe for PathCheckError {
    fn describe(&self) -> String {
        tr!(
            "error-path-check",
            path = self.path.display().to_string(),
            detail = self.source.to_string()
        )
    }
}
