//! What a saved Helm chart archive holds: the fields of its `Chart.yaml` and the text of its
//! `values.yaml`, read from the `.tgz` file without unpacking it to disk.
//!
//! Everything read is bounded: the archive is decompressed only up to
//! [`MAX_UNPACKED_BYTES`], `Chart.yaml` up to [`CHART_YAML_MAX_BYTES`] and `values.yaml` up
//! to [`VALUES_MAX_BYTES`], so a hostile or broken file costs little.

use std::fs::File;
use std::io::{self, BufRead as _, BufReader, Read};
use std::path::{Path, PathBuf};

use flate2::read::GzDecoder;

/// The most bytes the archive is decompressed to before reading stops.
pub const MAX_UNPACKED_BYTES: u64 = 64 * 1024 * 1024;
/// The most bytes of `values.yaml` kept; the rest is left out and the text marked truncated.
pub const VALUES_MAX_BYTES: u64 = 1024 * 1024;
/// The largest `Chart.yaml` read.
pub const CHART_YAML_MAX_BYTES: u64 = 1024 * 1024;

/// The two first bytes of every gzip stream.
pub(crate) const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];

/// What a chart archive holds.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ChartSummary {
    /// The archive's size on disk, in bytes.
    pub archive_bytes: u64,
    /// The folder inside the archive that holds `Chart.yaml` (the chart's name, by Helm's
    /// convention).
    pub folder: String,
    /// `name` from `Chart.yaml`.
    pub name: Option<String>,
    /// `version` from `Chart.yaml` (a number like `1.0` is read as written).
    pub version: Option<String>,
    /// `appVersion` from `Chart.yaml`.
    pub app_version: Option<String>,
    /// `description` from `Chart.yaml`.
    pub description: Option<String>,
    /// The chart's `values.yaml`, when it has one.
    pub values: Option<ValuesText>,
    /// True when the archive was read only up to [`MAX_UNPACKED_BYTES`] and `values.yaml` was
    /// not found in that part (it may still be further on).
    pub values_not_reached: bool,
}

/// The text of a `values.yaml`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ValuesText {
    /// The text (at most [`VALUES_MAX_BYTES`] bytes; bytes that are not UTF-8 are replaced).
    pub text: String,
    /// True when the file is longer and only its beginning is kept.
    pub truncated: bool,
    /// The file's full size in bytes, as the archive states it.
    pub full_bytes: u64,
}

/// What is wrong with a file that should be a `.tgz` chart archive.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ArchiveDefect {
    /// The file is empty.
    #[error("empty file")]
    Empty,
    /// The file does not start as a gzip stream.
    #[error("not gzip-compressed")]
    NotGzip,
    /// The compressed data is damaged or cut short; what the decoder said.
    #[error("compressed data damaged: {0}")]
    CompressedDataDamaged(String),
    /// The content is not a tar archive (or the tar is cut short); what the reader said.
    #[error("not a tar archive: {0}")]
    NotTar(String),
}

/// Why `Chart.yaml` cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ChartYamlProblem {
    /// The file is larger than [`CHART_YAML_MAX_BYTES`].
    #[error("larger than {limit_bytes} bytes")]
    TooLarge {
        /// The most bytes read.
        limit_bytes: u64,
    },
    /// The file is not UTF-8 text.
    #[error("not UTF-8")]
    NotUtf8,
    /// The YAML parser refused it; what it said.
    #[error("{0}")]
    NotYaml(String),
    /// The YAML is not a mapping of `key: value` fields.
    #[error("not a mapping")]
    NotFields,
}

/// Why an archive cannot be shown as a chart.
#[derive(Debug, thiserror::Error)]
pub enum ArchiveError {
    /// The file is not a gzip-compressed tar archive (or is damaged).
    #[error("not a chart archive: {0}")]
    NotAnArchive(ArchiveDefect),
    /// The archive holds no `NAME/Chart.yaml`.
    #[error("no Chart.yaml in the archive")]
    NoChartYaml,
    /// `Chart.yaml` cannot be read.
    #[error("Chart.yaml unreadable: {0}")]
    BadChartYaml(ChartYamlProblem),
    /// The archive unpacks to more than [`MAX_UNPACKED_BYTES`] before `Chart.yaml` was found.
    #[error("archive unpacks past {MAX_UNPACKED_BYTES} bytes without Chart.yaml")]
    TooLarge,
    /// The file could not be read.
    #[error("cannot read {}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        #[source]
        source: io::Error,
    },
}

/// Reads what the chart archive at `path` holds: `Chart.yaml`'s name, version, appVersion and
/// description, and `values.yaml`'s text, both from the archive's first folder level (Helm
/// archives hold `NAME/Chart.yaml`). Blocking: call it off the UI thread.
pub fn inspect(path: &Path) -> Result<ChartSummary, ArchiveError> {
    let io_error = |source: io::Error| ArchiveError::Io {
        path: path.to_path_buf(),
        source,
    };
    let file = File::open(path).map_err(io_error)?;
    let archive_bytes = file.metadata().map_err(io_error)?.len();
    let mut source = BufReader::new(Watched::new(file, u64::MAX));
    let head = source.fill_buf().map_err(io_error)?;
    if head.is_empty() {
        return Err(ArchiveError::NotAnArchive(ArchiveDefect::Empty));
    }
    if !head.starts_with(&GZIP_MAGIC) {
        return Err(ArchiveError::NotAnArchive(ArchiveDefect::NotGzip));
    }
    let mut archive = tar::Archive::new(Watched::new(GzDecoder::new(source), MAX_UNPACKED_BYTES));
    let mut found = Found::default();
    let stopped = read_entries(&mut archive, &mut found).err();
    let unpacked = archive.into_inner();
    if let Some(error) = stopped {
        if let Some(source) = unpacked.inner.into_inner().into_inner().failure {
            return Err(io_error(source));
        }
        if !unpacked.over_limit {
            return Err(ArchiveError::NotAnArchive(plain_tar_error(&error)));
        }
        // Past the limit: what was found before it is shown.
        found.over_limit = true;
    }
    summarize(&found, archive_bytes)
}

/// Reads the whole `.tgz` file at `path` to its end, keeping nothing: every tar entry up to the
/// end of the archive, then the rest of the gzip stream with its trailer (CRC-32 and length).
/// [`inspect`] stops once it has what it shows; this is the check that a file is complete.
///
/// A file cut short or damaged anywhere is [`ArchiveError::NotAnArchive`]; a failure to read
/// the file is [`ArchiveError::Io`]. `stop` is asked before each read: when it says yes, the check
/// ends with an [`ArchiveError::Io`]. Blocking: call it off the UI thread.
pub fn verify_complete(path: &Path, stop: impl Fn() -> bool) -> Result<(), ArchiveError> {
    let io_error = |source: io::Error| ArchiveError::Io {
        path: path.to_path_buf(),
        source,
    };
    let file = File::open(path).map_err(io_error)?;
    let mut source = BufReader::new(Watched::new(Stoppable { inner: file, stop }, u64::MAX));
    let head = source.fill_buf().map_err(io_error)?;
    if !head.starts_with(&GZIP_MAGIC) {
        return Err(ArchiveError::NotAnArchive(ArchiveDefect::NotGzip));
    }
    let mut archive = tar::Archive::new(GzDecoder::new(source));
    let walked = walk_to_the_end(&mut archive);
    let mut decoder = archive.into_inner();
    // The tar ends before the gzip stream does: read on to the trailer, which flate2 checks.
    let drained = walked.and_then(|()| io::copy(&mut decoder, &mut io::sink()).map(|_| ()));
    match drained {
        Ok(()) => Ok(()),
        Err(error) => match decoder.into_inner().into_inner().failure {
            Some(source) => Err(io_error(source)),
            None => Err(ArchiveError::NotAnArchive(plain_tar_error(&error))),
        },
    }
}

fn walk_to_the_end<R: Read>(archive: &mut tar::Archive<R>) -> io::Result<()> {
    for entry in archive.entries()? {
        // Reading the next header skips this entry's content, so a cut inside it shows.
        entry?;
    }
    Ok(())
}

/// A reader that fails (with an `Other` error) once `stop` says so.
struct Stoppable<R, F> {
    inner: R,
    stop: F,
}

impl<R: Read, F: Fn() -> bool> Read for Stoppable<R, F> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if (self.stop)() {
            return Err(io::Error::other("the check was stopped"));
        }
        self.inner.read(buf)
    }
}

/// What the walk through the archive found.
#[derive(Debug, Default)]
struct Found {
    /// The first `FOLDER/Chart.yaml`: its folder and text (or why the text is unusable).
    chart_yaml: Option<(String, Result<String, ChartYamlProblem>)>,
    /// Every `FOLDER/values.yaml` seen: its folder and text.
    values: Vec<(String, ValuesText)>,
    /// Reading stopped at [`MAX_UNPACKED_BYTES`].
    over_limit: bool,
}

impl Found {
    fn values_for(&self, folder: &str) -> Option<&ValuesText> {
        self.values
            .iter()
            .find(|(f, _)| f == folder)
            .map(|(_, values)| values)
    }

    fn complete(&self) -> bool {
        self.chart_yaml
            .as_ref()
            .is_some_and(|(folder, _)| self.values_for(folder).is_some())
    }
}

/// Walks the archive's entries into `found` until both files are found or the archive ends.
fn read_entries<R: Read>(archive: &mut tar::Archive<R>, found: &mut Found) -> io::Result<()> {
    for entry in archive.entries()? {
        let mut entry = entry?;
        if !matches!(
            entry.header().entry_type(),
            tar::EntryType::Regular | tar::EntryType::Continuous
        ) {
            continue;
        }
        let Some((folder, file)) = first_level_file(&entry.path()?) else {
            continue;
        };
        let declared = entry.size();
        match file.as_str() {
            "Chart.yaml" if found.chart_yaml.is_none() => {
                let mut bytes = Vec::new();
                (&mut entry)
                    .take(CHART_YAML_MAX_BYTES + 1)
                    .read_to_end(&mut bytes)?;
                let text = if bytes.len() as u64 > CHART_YAML_MAX_BYTES {
                    Err(ChartYamlProblem::TooLarge {
                        limit_bytes: CHART_YAML_MAX_BYTES,
                    })
                } else {
                    String::from_utf8(bytes).map_err(|_| ChartYamlProblem::NotUtf8)
                };
                found.chart_yaml = Some((folder, text));
            }
            "values.yaml" if found.values.iter().all(|(f, _)| *f != folder) => {
                let mut bytes = Vec::new();
                (&mut entry)
                    .take(VALUES_MAX_BYTES)
                    .read_to_end(&mut bytes)?;
                let truncated = declared > bytes.len() as u64;
                let text = String::from_utf8_lossy(&bytes).into_owned();
                found.values.push((
                    folder,
                    ValuesText {
                        text,
                        truncated,
                        full_bytes: declared,
                    },
                ));
            }
            _ => {}
        }
        if found.complete() {
            break;
        }
    }
    Ok(())
}

/// `FOLDER/FILE` at the first level of the archive (a leading `./` is ignored).
fn first_level_file(path: &Path) -> Option<(String, String)> {
    let parts: Vec<String> = path
        .components()
        .filter_map(|part| match part {
            std::path::Component::Normal(name) => Some(name.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect();
    match parts.as_slice() {
        [folder, file] => Some((folder.clone(), file.clone())),
        _ => None,
    }
}

fn summarize(found: &Found, archive_bytes: u64) -> Result<ChartSummary, ArchiveError> {
    let Some((folder, chart_yaml)) = &found.chart_yaml else {
        return Err(if found.over_limit {
            ArchiveError::TooLarge
        } else {
            ArchiveError::NoChartYaml
        });
    };
    let text = chart_yaml.clone().map_err(ArchiveError::BadChartYaml)?;
    let yaml: serde_yaml_ng::Value = serde_yaml_ng::from_str(&text)
        .map_err(|e| ArchiveError::BadChartYaml(ChartYamlProblem::NotYaml(e.to_string())))?;
    let fields = match yaml {
        serde_yaml_ng::Value::Mapping(fields) => fields,
        serde_yaml_ng::Value::Null => serde_yaml_ng::Mapping::new(),
        _ => {
            return Err(ArchiveError::BadChartYaml(ChartYamlProblem::NotFields));
        }
    };
    let field = |key: &str| scalar_text(fields.get(key), &text, key);
    let values = found.values_for(folder).cloned();
    Ok(ChartSummary {
        archive_bytes,
        folder: folder.clone(),
        name: field("name"),
        version: field("version"),
        app_version: field("appVersion"),
        description: field("description"),
        values_not_reached: values.is_none() && found.over_limit,
        values,
    })
}

/// A scalar field as text: strings as they are, numbers and booleans as written in the file
/// (`version: 1.10` is "1.10", not the number 1.1).
fn scalar_text(value: Option<&serde_yaml_ng::Value>, yaml: &str, key: &str) -> Option<String> {
    match value? {
        serde_yaml_ng::Value::String(text) => Some(text.clone()),
        serde_yaml_ng::Value::Number(number) => {
            Some(raw_scalar(yaml, key).unwrap_or_else(|| number.to_string()))
        }
        serde_yaml_ng::Value::Bool(flag) => Some(flag.to_string()),
        serde_yaml_ng::Value::Tagged(tagged) => scalar_text(Some(&tagged.value), yaml, key),
        _ => None,
    }
}

/// The text after `key:` on the top-level line that sets it, without a comment.
fn raw_scalar(yaml: &str, key: &str) -> Option<String> {
    let line = yaml
        .lines()
        .find_map(|line| line.strip_prefix(key)?.trim_start().strip_prefix(':'))?;
    let value = line.split(" #").next().unwrap_or_default().trim();
    (!value.is_empty()).then(|| value.to_owned())
}

/// What a read error of the unpacked stream says about the archive: damaged compressed data, or
/// a tar that is not one (or is cut short).
pub(crate) fn plain_tar_error(error: &io::Error) -> ArchiveDefect {
    let detail = error.to_string();
    if detail.contains("deflate") || detail.contains("gzip") || detail.contains("corrupt") {
        ArchiveDefect::CompressedDataDamaged(detail)
    } else {
        ArchiveDefect::NotTar(detail)
    }
}

/// A reader that counts the bytes it hands on, stops with an error past `limit`, and keeps a
/// failure of the reader below (so a broken disk is not mistaken for a broken archive).
pub(crate) struct Watched<R> {
    pub(crate) inner: R,
    read: u64,
    limit: u64,
    pub(crate) over_limit: bool,
    pub(crate) failure: Option<io::Error>,
}

impl<R> Watched<R> {
    pub(crate) fn new(inner: R, limit: u64) -> Self {
        Self {
            inner,
            read: 0,
            limit,
            over_limit: false,
            failure: None,
        }
    }
}

impl<R: Read> Read for Watched<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.read >= self.limit {
            self.over_limit = true;
            return Err(io::Error::other(
                "the archive unpacks to more than the limit",
            ));
        }
        let room = usize::try_from(self.limit - self.read).unwrap_or(usize::MAX);
        let wanted = buf.len().min(room);
        let Some(buf) = buf.get_mut(..wanted) else {
            return Ok(0);
        };
        match self.inner.read(buf) {
            Ok(n) => {
                self.read += n as u64;
                Ok(n)
            }
            Err(error) => {
                if self.failure.is_none() && error.kind() != io::ErrorKind::Interrupted {
                    self.failure = Some(io::Error::new(error.kind(), error.to_string()));
                }
                Err(error)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write as _;

    use flate2::Compression;
    use flate2::write::GzEncoder;

    use super::*;

    /// A `.tgz` holding `files` (path, content).
    fn tgz(files: &[(&str, &[u8])]) -> Vec<u8> {
        let mut tar = tar::Builder::new(GzEncoder::new(Vec::new(), Compression::fast()));
        for (path, content) in files {
            let mut header = tar::Header::new_gnu();
            header.set_size(content.len() as u64);
            header.set_mode(0o644);
            header.set_entry_type(tar::EntryType::Regular);
            header.set_cksum();
            tar.append_data(&mut header, path, *content).unwrap();
        }
        tar.into_inner().unwrap().finish().unwrap()
    }

    fn saved(bytes: &[u8]) -> (tempfile::TempDir, PathBuf) {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("chart.tgz");
        std::fs::write(&path, bytes).unwrap();
        (folder, path)
    }

    const CHART_YAML: &str = "apiVersion: v2\nname: web-app\ndescription: A web app\nversion: 0.2.0\nappVersion: \"1.25.2\"\n";

    #[test]
    fn a_chart_shows_its_fields_and_values() {
        let archive = tgz(&[
            ("web-app/Chart.yaml", CHART_YAML.as_bytes()),
            ("web-app/values.yaml", b"replicaCount: 2\n"),
            ("web-app/templates/deployment.yaml", b"kind: Deployment\n"),
            (
                "web-app/charts/sub/Chart.yaml",
                b"name: sub\nversion: 9.9.9\n",
            ),
        ]);
        let (_folder, path) = saved(&archive);
        let summary = inspect(&path).unwrap();
        assert_eq!(summary.folder, "web-app");
        assert_eq!(summary.name.as_deref(), Some("web-app"));
        assert_eq!(summary.version.as_deref(), Some("0.2.0"));
        assert_eq!(summary.app_version.as_deref(), Some("1.25.2"));
        assert_eq!(summary.description.as_deref(), Some("A web app"));
        assert_eq!(summary.archive_bytes, archive.len() as u64);
        let values = summary.values.unwrap();
        assert_eq!(values.text, "replicaCount: 2\n");
        assert!(!values.truncated);
    }

    #[test]
    fn values_before_chart_yaml_and_numbers_as_versions_are_read() {
        let archive = tgz(&[
            ("./app/values.yaml", b"a: 1\n"),
            ("other/values.yaml", b"b: 2\n"),
            (
                "app/Chart.yaml",
                b"name: app\nversion: 1.0\nappVersion: 1.10 # the app\n",
            ),
        ]);
        let (_folder, path) = saved(&archive);
        let summary = inspect(&path).unwrap();
        assert_eq!(summary.version.as_deref(), Some("1.0"));
        assert_eq!(summary.app_version.as_deref(), Some("1.10"));
        assert_eq!(summary.description, None);
        assert_eq!(summary.values.unwrap().text, "a: 1\n");
    }

    #[test]
    fn a_chart_without_values_yaml_says_so() {
        let archive = tgz(&[("app/Chart.yaml", b"name: app\nversion: 1.0.0\n")]);
        let (_folder, path) = saved(&archive);
        let summary = inspect(&path).unwrap();
        assert_eq!(summary.name.as_deref(), Some("app"));
        assert_eq!(summary.values, None);
        assert!(!summary.values_not_reached);
    }

    #[test]
    fn a_long_values_yaml_is_cut_at_the_limit() {
        let long = "x".repeat(usize::try_from(VALUES_MAX_BYTES).unwrap() + 10);
        let archive = tgz(&[
            ("app/Chart.yaml", b"name: app\nversion: 1.0.0\n"),
            ("app/values.yaml", long.as_bytes()),
        ]);
        let (_folder, path) = saved(&archive);
        let values = inspect(&path).unwrap().values.unwrap();
        assert!(values.truncated);
        assert_eq!(values.text.len() as u64, VALUES_MAX_BYTES);
        assert_eq!(values.full_bytes, VALUES_MAX_BYTES + 10);
    }

    #[test]
    fn a_file_that_is_not_gzip_is_not_a_chart_archive() {
        let (_folder, path) = saved(b"<html>not found</html>");
        let error = inspect(&path).unwrap_err();
        assert!(matches!(error, ArchiveError::NotAnArchive(_)), "{error:?}");
        assert!(
            matches!(error, ArchiveError::NotAnArchive(ArchiveDefect::NotGzip)),
            "{error:?}"
        );
        let (_folder, path) = saved(b"");
        assert!(matches!(inspect(&path), Err(ArchiveError::NotAnArchive(_))));
    }

    #[test]
    fn gzip_that_is_not_a_tar_is_not_a_chart_archive() {
        let mut gz = GzEncoder::new(Vec::new(), Compression::fast());
        gz.write_all(&[b'z'; 2000]).unwrap();
        let (_folder, path) = saved(&gz.finish().unwrap());
        let error = inspect(&path).unwrap_err();
        assert!(matches!(error, ArchiveError::NotAnArchive(_)), "{error:?}");
        // Damaged compressed data.
        let mut broken = tgz(&[("app/Chart.yaml", CHART_YAML.as_bytes())]);
        let middle = broken.len() / 2;
        broken.truncate(middle);
        let (_folder, path) = saved(&broken);
        assert!(matches!(inspect(&path), Err(ArchiveError::NotAnArchive(_))));
    }

    #[test]
    fn a_tgz_without_chart_yaml_is_not_a_helm_chart() {
        let archive = tgz(&[
            ("app/values.yaml", b"a: 1\n"),
            ("Chart.yaml", b"name: top-level-is-not-helm\n"),
        ]);
        let (_folder, path) = saved(&archive);
        let error = inspect(&path).unwrap_err();
        assert!(matches!(error, ArchiveError::NoChartYaml), "{error:?}");
    }

    #[test]
    fn chart_yaml_that_is_not_yaml_is_reported() {
        let archive = tgz(&[("app/Chart.yaml", b"name: [unclosed\nversion: 1\n")]);
        let (_folder, path) = saved(&archive);
        let error = inspect(&path).unwrap_err();
        assert!(matches!(error, ArchiveError::BadChartYaml(_)), "{error:?}");
        let archive = tgz(&[("app/Chart.yaml", b"- just\n- a list\n")]);
        let (_folder, path) = saved(&archive);
        assert!(matches!(inspect(&path), Err(ArchiveError::BadChartYaml(_))));
    }

    #[test]
    fn only_a_whole_archive_passes_the_complete_check() {
        let archive = tgz(&[
            ("app/Chart.yaml", CHART_YAML.as_bytes()),
            ("app/values.yaml", b"a: 1\n"),
            ("app/templates/big.yaml", "x: y\n".repeat(20_000).as_bytes()),
        ]);
        let (_folder, path) = saved(&archive);
        verify_complete(&path, || false).unwrap();

        // Cut anywhere after Chart.yaml and values.yaml: inspect still reads them, the check
        // does not pass.
        for keep in [archive.len() / 2, archive.len() - 8, archive.len() - 1] {
            let (_folder, path) = saved(&archive[..keep]);
            let error = verify_complete(&path, || false).unwrap_err();
            assert!(
                matches!(error, ArchiveError::NotAnArchive(_)),
                "{keep}: {error:?}"
            );
        }
        let (_folder, path) = saved(&archive[..archive.len() - 8]);
        assert!(inspect(&path).is_ok(), "inspect alone stops early");

        // A wrong CRC in the trailer.
        let mut damaged = archive.clone();
        let crc_at = damaged.len() - 8;
        damaged[crc_at] ^= 0xff;
        let (_folder, path) = saved(&damaged);
        assert!(matches!(
            verify_complete(&path, || false),
            Err(ArchiveError::NotAnArchive(_))
        ));

        let (_folder, path) = saved(b"<html>");
        assert!(matches!(
            verify_complete(&path, || false),
            Err(ArchiveError::NotAnArchive(_))
        ));
        let (_folder, path) = saved(&archive);
        assert!(matches!(
            verify_complete(&path, || true),
            Err(ArchiveError::Io { .. })
        ));
    }

    #[test]
    fn a_missing_file_is_an_io_error() {
        let folder = tempfile::tempdir().unwrap();
        let error = inspect(&folder.path().join("gone.tgz")).unwrap_err();
        assert!(matches!(error, ArchiveError::Io { .. }), "{error:?}");
        assert!(error.to_string().contains("gone.tgz"), "{error}");
    }

    #[test]
    fn reading_stops_at_the_unpacked_limit() {
        // Zeros compress to almost nothing: a small file that unpacks past the limit.
        let mut tar = tar::Builder::new(GzEncoder::new(Vec::new(), Compression::fast()));
        let mut header = tar::Header::new_gnu();
        header.set_size(MAX_UNPACKED_BYTES + 1024);
        header.set_mode(0o644);
        header.set_cksum();
        tar.append_data(
            &mut header,
            "app/big.bin",
            io::repeat(0).take(MAX_UNPACKED_BYTES + 1024),
        )
        .unwrap();
        let mut header = tar::Header::new_gnu();
        header.set_size(10);
        header.set_mode(0o644);
        header.set_cksum();
        tar.append_data(&mut header, "app/Chart.yaml", &b"name: app\n"[..])
            .unwrap();
        let archive = tar.into_inner().unwrap().finish().unwrap();
        let (_folder, path) = saved(&archive);
        let error = inspect(&path).unwrap_err();
        assert!(matches!(error, ArchiveError::TooLarge), "{error:?}");

        // Chart.yaml first: what was found is shown, values.yaml is marked as not reached.
        let mut tar = tar::Builder::new(GzEncoder::new(Vec::new(), Compression::fast()));
        let mut header = tar::Header::new_gnu();
        header.set_size(10);
        header.set_mode(0o644);
        header.set_cksum();
        tar.append_data(&mut header, "app/Chart.yaml", &b"name: app\n"[..])
            .unwrap();
        let mut header = tar::Header::new_gnu();
        header.set_size(MAX_UNPACKED_BYTES + 1024);
        header.set_mode(0o644);
        header.set_cksum();
        tar.append_data(
            &mut header,
            "app/big.bin",
            io::repeat(0).take(MAX_UNPACKED_BYTES + 1024),
        )
        .unwrap();
        let archive = tar.into_inner().unwrap().finish().unwrap();
        let (_folder, path) = saved(&archive);
        let summary = inspect(&path).unwrap();
        assert_eq!(summary.name.as_deref(), Some("app"));
        assert!(summary.values_not_reached);
    }
}
