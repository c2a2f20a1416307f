//! Helm charts (document section 1.11).

use super::Timestamp;
use super::lenient::{IntOrText, LenientList, TextOrNumber};
use serde::Deserialize;
use serde_with::{DefaultOnError, serde_as};

/// A chart as listed by section 1.11: one entry per chart, with its latest version.
#[serde_as]
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct Chart {
    /// The chart's name.
    #[serde_as(as = "DefaultOnError")]
    pub name: String,
    /// The project holding it.
    #[serde_as(as = "DefaultOnError")]
    pub project_name: String,
    /// Its newest version.
    #[serde_as(as = "DefaultOnError<Option<TextOrNumber>>")]
    pub latest_version: Option<String>,
    /// How many versions it has.
    #[serde_as(as = "DefaultOnError<Option<IntOrText>>")]
    pub total_versions: Option<i64>,
    /// Creation time.
    #[serde_as(as = "DefaultOnError")]
    pub created: Option<Timestamp>,
    /// Last update time (`never` when not updated since creation).
    #[serde_as(as = "DefaultOnError")]
    pub updated: Option<Timestamp>,
}

/// The answer of section 1.11 (without the envelope).
#[serde_as]
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct ChartList {
    /// Total number of matching charts.
    #[serde_as(as = "DefaultOnError<Option<IntOrText>>")]
    pub total: Option<i64>,
    /// The charts; an entry that is not an object is skipped.
    #[serde_as(as = "LenientList")]
    pub charts: Vec<Chart>,
}
