//! The chart comparison's failures, in words.

use super::Describe;
use crate::chart_archive::ArchiveError;
use crate::chart_diff::{ChartDiffError, Side};

/// "the first version" / "the second version".
fn side_text(side: Side) -> String {
    match side {
        Side::Old => tr!("chart-compare-side-old"),
        Side::New => tr!("chart-compare-side-new"),
    }
}

impl Describe for ChartDiffError {
    fn describe(&self) -> String {
        match self {
            Self::NotAnArchive { side, defect } => tr!(
                "error-chart-compare-archive",
                side = side_text(*side),
                reason = ArchiveError::NotAnArchive(defect.clone()).describe()
            ),
            Self::TooLarge { side, .. } => tr!(
                "error-chart-compare-archive",
                side = side_text(*side),
                reason = ArchiveError::TooLarge.describe()
            ),
            Self::TooManyEntries { side, limit } => {
                let limit = *limit;
                tr!(
                    "error-chart-compare-too-many-files",
                    side = side_text(*side),
                    limit = limit
                )
            }
            Self::Io { side, path, source } => tr!(
                "error-chart-compare-archive",
                side = side_text(*side),
                reason = tr!(
                    "error-archive-unreadable",
                    path = path.display().to_string(),
                    detail = source.to_string()
                )
            ),
            Self::Download {
                version, source, ..
            } => tr!(
                "error-chart-compare-download",
                version = version.as_str(),
                reason = source.describe()
            ),
            Self::NotAChart {
                version, source, ..
            } => tr!(
                "error-chart-compare-not-chart",
                version = version.as_str(),
                reason = source.describe()
            ),
            Self::TempFolder { folder, source } => tr!(
                "error-chart-compare-temp-folder",
                folder = folder.display().to_string(),
                detail = source.to_string()
            ),
            Self::Cancelled => tr!("chart-compare-cancelled"),
            Self::Stopped(detail) => {
                tr!("error-chart-compare-stopped", detail = detail.as_str())
            }
        }
    }
}
