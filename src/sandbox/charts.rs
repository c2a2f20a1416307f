//! Helm chart archives: building the demo charts from the sources embedded from
//! `assets/charts/`, and reading the name and version of any chart archive.

use crate::version_order::compare_versions;
use std::io::Read;

use flate2::Compression;
use flate2::read::GzDecoder;
use serde::Deserialize;

use crate::contract as validate;

/// The modification time written into every entry of a built archive (2023-09-20 10:06:51
/// UTC+08:00), so the same version always has the same bytes.
const ARCHIVE_MTIME_SECS: u64 = 1_695_175_611;
/// The largest `Chart.yaml` read from an archive.
const CHART_YAML_MAX_BYTES: u64 = 1024 * 1024;

/// One embedded demo chart: its name and its files (path inside the chart folder, contents).
#[derive(Debug, Clone, Copy)]
pub struct ChartSource {
    /// Chart name (the folder under `assets/charts/`).
    pub name: &'static str,
    /// Files, by path relative to the chart folder.
    pub files: &'static [(&'static str, &'static str)],
}

macro_rules! chart_files {
    ($chart:literal: $($path:literal),+ $(,)?) => {
        &[$(($path, include_str!(concat!("../../assets/charts/", $chart, "/", $path)))),+]
    };
}

/// A web application: deployment, service, helpers and notes.
pub const WEB_APP: ChartSource = ChartSource {
    name: "web-app",
    files: chart_files!("web-app":
        "Chart.yaml",
        "values.yaml",
        "templates/_helpers.tpl",
        "templates/deployment.yaml",
        "templates/service.yaml",
        "templates/NOTES.txt",
    ),
};

/// `PostgreSQL` in a stateful set.
pub const POSTGRESQL: ChartSource = ChartSource {
    name: "postgresql",
    files: chart_files!("postgresql":
        "Chart.yaml",
        "values.yaml",
        "templates/_helpers.tpl",
        "templates/secret.yaml",
        "templates/service.yaml",
        "templates/statefulset.yaml",
        "templates/NOTES.txt",
    ),
};

/// A single Redis instance.
pub const REDIS: ChartSource = ChartSource {
    name: "redis",
    files: chart_files!("redis":
        "Chart.yaml",
        "values.yaml",
        "templates/_helpers.tpl",
        "templates/deployment.yaml",
        "templates/service.yaml",
    ),
};

/// Why a chart archive cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum ChartError {
    /// Not a gzip-compressed tar file.
    #[error("not a chart archive (a gzip-compressed tar file): {0}")]
    NotAnArchive(String),
    /// The archive holds no `NAME/Chart.yaml`.
    #[error("the archive holds no top-level */Chart.yaml, so it is not a Helm chart")]
    NoChartYaml,
    /// `Chart.yaml` cannot be parsed or lacks a field.
    #[error("Chart.yaml is not valid: {0}")]
    BadChartYaml(String),
    /// Writing the archive failed.
    #[error("building the chart archive failed: {0}")]
    Build(#[from] std::io::Error),
}

/// A chart's name and version, as its `Chart.yaml` states them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChartMeta {
    /// Chart name.
    pub name: String,
    /// Chart version.
    pub version: String,
}

#[derive(Deserialize)]
struct ChartYaml {
    name: Option<serde_yaml_ng::Value>,
    version: Option<serde_yaml_ng::Value>,
}

fn yaml_string(value: Option<serde_yaml_ng::Value>, field: &str) -> Result<String, ChartError> {
    match value {
        Some(serde_yaml_ng::Value::String(s)) => Ok(s),
        Some(serde_yaml_ng::Value::Number(n)) => Ok(n.to_string()),
        _ => Err(ChartError::BadChartYaml(format!("it has no {field}"))),
    }
}

/// Replaces the `version:` line of a `Chart.yaml`.
fn with_version(chart_yaml: &str, version: &str) -> String {
    let mut out = String::with_capacity(chart_yaml.len() + 16);
    for line in chart_yaml.lines() {
        if line.starts_with("version:") {
            out.push_str("version: ");
            out.push_str(version);
        } else {
            out.push_str(line);
        }
        out.push('\n');
    }
    out
}

/// Builds the `.tgz` archive of `source` at `version`: entries `{name}/…` sorted by path, fixed
/// modification time and owner, so the bytes depend only on the sources and the version.
pub fn build_archive(source: &ChartSource, version: &str) -> Result<Vec<u8>, ChartError> {
    let files: Vec<(String, String)> = source
        .files
        .iter()
        .map(|(path, text)| {
            let text = if *path == "Chart.yaml" {
                with_version(text, version)
            } else {
                (*text).to_owned()
            };
            (format!("{}/{path}", source.name), text)
        })
        .collect();
    Ok(pack_archive(files)?)
}

/// The `.tgz` of `files` (path inside the archive, text): entries sorted by path, with a fixed
/// time and owner, so the same files always give the same bytes (and digest).
pub fn pack_archive(mut files: Vec<(String, String)>) -> Result<Vec<u8>, std::io::Error> {
    files.sort();
    let encoder = flate2::GzBuilder::new()
        .mtime(0)
        .write(Vec::new(), Compression::default());
    let mut tar = tar::Builder::new(encoder);
    for (path, text) in &files {
        let mut header = tar::Header::new_ustar();
        header.set_size(text.len() as u64);
        header.set_mode(0o644);
        header.set_mtime(ARCHIVE_MTIME_SECS);
        header.set_uid(0);
        header.set_gid(0);
        header.set_entry_type(tar::EntryType::Regular);
        tar.append_data(&mut header, path, text.as_bytes())?;
    }
    tar.into_inner()?.finish()
}

/// Reads the name and version from the top-level `*/Chart.yaml` of a chart archive, checking
/// both against the document's rules.
pub fn read_meta(archive: impl Read) -> Result<ChartMeta, ChartError> {
    let mut tar = tar::Archive::new(GzDecoder::new(archive));
    let entries = tar
        .entries()
        .map_err(|e| ChartError::NotAnArchive(e.to_string()))?;
    for entry in entries {
        let entry = entry.map_err(|e| ChartError::NotAnArchive(e.to_string()))?;
        let is_chart_yaml = {
            let path = entry
                .path()
                .map_err(|e| ChartError::NotAnArchive(e.to_string()))?;
            let parts: Vec<_> = path.components().collect();
            parts.len() == 2 && parts[1].as_os_str() == "Chart.yaml"
        };
        if !is_chart_yaml {
            continue;
        }
        let mut text = String::new();
        entry
            .take(CHART_YAML_MAX_BYTES)
            .read_to_string(&mut text)
            .map_err(|e| ChartError::BadChartYaml(e.to_string()))?;
        let yaml: ChartYaml =
            serde_yaml_ng::from_str(&text).map_err(|e| ChartError::BadChartYaml(e.to_string()))?;
        let name = yaml_string(yaml.name, "name")?;
        let version = yaml_string(yaml.version, "version")?;
        validate::chart_name(&name).map_err(|e| ChartError::BadChartYaml(e.to_string()))?;
        validate::chart_version(&version).map_err(|e| ChartError::BadChartYaml(e.to_string()))?;
        return Ok(ChartMeta { name, version });
    }
    Err(ChartError::NoChartYaml)
}

/// The ways to read `{chart}-{version}.tgz`: every split at a `-` whose halves are a valid chart
/// name and version, the longest name first. `None` when the name does not end in `.tgz`.
pub fn file_name_candidates(file_name: &str) -> Option<Vec<(&str, &str)>> {
    let stem = file_name.strip_suffix(".tgz")?;
    let mut out: Vec<(&str, &str)> = stem
        .match_indices('-')
        .map(|(i, _)| (&stem[..i], &stem[i + 1..]))
        .filter(|(name, version)| {
            validate::chart_name(name).is_ok() && validate::chart_version(version).is_ok()
        })
        .collect();
    out.reverse();
    Some(out)
}

/// The highest of `versions`.
pub fn latest_version(versions: &[String]) -> Option<&str> {
    versions
        .iter()
        .max_by(|a, b| compare_versions(a, b))
        .map(String::as_str)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn archives_are_deterministic_and_readable() {
        let a = build_archive(&WEB_APP, "1.0.0-rc.1").unwrap();
        let b = build_archive(&WEB_APP, "1.0.0-rc.1").unwrap();
        assert_eq!(a, b);
        assert_ne!(a, build_archive(&WEB_APP, "0.2.0").unwrap());
        let meta = read_meta(a.as_slice()).unwrap();
        assert_eq!(meta.name, "web-app");
        assert_eq!(meta.version, "1.0.0-rc.1");
        for source in [POSTGRESQL, REDIS] {
            let archive = build_archive(&source, "9.9.9").unwrap();
            assert_eq!(read_meta(archive.as_slice()).unwrap().name, source.name);
            let mut tar = tar::Archive::new(GzDecoder::new(archive.as_slice()));
            let paths: Vec<String> = tar
                .entries()
                .unwrap()
                .map(|e| e.unwrap().path().unwrap().display().to_string())
                .collect();
            assert!(paths.contains(&format!("{}/values.yaml", source.name)));
            assert!(
                paths
                    .iter()
                    .any(|p| p.starts_with(&format!("{}/templates/", source.name)))
            );
        }
    }

    #[test]
    fn non_archives_are_refused() {
        assert!(matches!(
            read_meta(&b"hello, not a chart"[..]),
            Err(ChartError::NotAnArchive(_))
        ));
        // a gzip tar without Chart.yaml
        let encoder = flate2::GzBuilder::new().write(Vec::new(), Compression::default());
        let mut tar = tar::Builder::new(encoder);
        let mut header = tar::Header::new_ustar();
        header.set_size(2);
        tar.append_data(&mut header, "x/values.yaml", &b"{}"[..])
            .unwrap();
        let bytes = tar.into_inner().unwrap().finish().unwrap();
        assert!(matches!(
            read_meta(bytes.as_slice()),
            Err(ChartError::NoChartYaml)
        ));
    }

    #[test]
    fn file_names_split_at_every_dash() {
        assert_eq!(
            file_name_candidates("postgresql-12.2.7.tgz").unwrap(),
            [("postgresql", "12.2.7")]
        );
        assert_eq!(
            file_name_candidates("web-app-1.0.0-rc.1.tgz").unwrap(),
            [
                ("web-app-1.0.0", "rc.1"),
                ("web-app", "1.0.0-rc.1"),
                ("web", "app-1.0.0-rc.1")
            ]
        );
        assert!(file_name_candidates("postgresql-12.2.7.zip").is_none());
        assert!(file_name_candidates("nodash.tgz").unwrap().is_empty());
    }

    #[test]
    fn versions_order_like_semver() {
        let versions: Vec<String> = ["0.2.0", "1.0.0-rc.1", "0.10.0", "0.1.0"]
            .map(String::from)
            .to_vec();
        assert_eq!(latest_version(&versions), Some("1.0.0-rc.1"));
        assert_eq!(latest_version(&[]), None);
    }
}
