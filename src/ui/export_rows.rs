//! What an exported list holds: for each kind of list, its columns (stable keys, titles in the
//! shown language) and each item's cells. Times go out as RFC 3339 in UTC, sizes in bytes.

use crate::api::models::{Chart, Project, Repository, Timestamp};
use crate::export::{Cell, Column, Table};

/// How the items of a list become rows of an exported file.
pub struct ExportRows<T> {
    /// The suggested file name without its extension.
    pub file_stem: String,
    /// The columns, in order.
    pub columns: fn() -> Vec<Column>,
    /// One item's cells, in the columns' order.
    pub cells: fn(&T) -> Vec<Cell>,
}

impl<T> ExportRows<T> {
    /// The table of `items`.
    pub fn table(&self, items: &[T]) -> Table {
        let mut table = Table::new((self.columns)());
        for item in items {
            table.push_row((self.cells)(item));
        }
        table
    }
}

/// A time for a file: RFC 3339 in UTC, or nothing when not known.
pub fn rfc3339(time: Option<&Timestamp>) -> Option<String> {
    match time {
        Some(Timestamp::At(at)) => Some(at.to_utc().to_rfc3339()),
        _ => None,
    }
}

/// The projects list's rows.
pub fn projects() -> ExportRows<Project> {
    ExportRows {
        file_stem: "projects".to_owned(),
        columns: || {
            vec![
                Column::new("project", tr!("export-column-project")),
                Column::new("public", tr!("projects-column-access")),
                Column::new("storage_used_mib", tr!("export-column-storage-used-mib")),
                Column::new("quota_bytes", tr!("export-column-quota-bytes")),
                Column::new("created", tr!("projects-column-created")),
                Column::new("updated", tr!("projects-column-updated")),
            ]
        },
        cells: |project| {
            vec![
                Cell::from(project.project_name.as_str()),
                Cell::from(project.is_public.to_string()),
                Cell::from(project.storage_used),
                Cell::from(project.quota),
                Cell::from(rfc3339(project.created_at.as_ref())),
                Cell::from(rfc3339(project.updated_at.as_ref())),
            ]
        },
    }
}

/// A project's repositories list's rows.
pub fn repositories(project: &str) -> ExportRows<Repository> {
    ExportRows {
        file_stem: format!("repositories-{project}"),
        columns: || {
            vec![
                Column::new("project", tr!("export-column-project")),
                Column::new("repository", tr!("export-column-repository")),
                Column::new("tags", tr!("export-column-tag-count")),
                Column::new("public", tr!("projects-column-access")),
                Column::new("created", tr!("projects-column-created")),
                Column::new("summary", tr!("export-column-summary")),
            ]
        },
        cells: |repository| {
            vec![
                Cell::from(repository.project_name.as_str()),
                Cell::from(repository.repository_name.as_str()),
                Cell::from(repository.image_tag_count),
                Cell::from(repository.public.to_string()),
                Cell::from(rfc3339(repository.created_at.as_ref())),
                Cell::from(repository.summary.as_str()),
            ]
        },
    }
}

/// The charts list's columns.
pub fn chart_columns() -> Vec<Column> {
    vec![
        Column::new("project", tr!("export-column-project")),
        Column::new("chart", tr!("export-column-chart")),
        Column::new("latest_version", tr!("export-column-latest-version")),
        Column::new("versions", tr!("export-column-versions")),
        Column::new("created", tr!("projects-column-created")),
        Column::new("updated", tr!("projects-column-updated")),
    ]
}

/// A chart's cells, in [`chart_columns`]' order.
pub fn chart_cells(chart: &Chart) -> Vec<Cell> {
    vec![
        Cell::from(chart.project_name.as_str()),
        Cell::from(chart.name.as_str()),
        Cell::from(chart.latest_version.clone()),
        Cell::from(chart.total_versions),
        Cell::from(rfc3339(chart.created.as_ref())),
        Cell::from(rfc3339(chart.updated.as_ref())),
    ]
}
