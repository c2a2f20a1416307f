//! Chart download (1.13): streamed to a caller's destination with progress and cancellation, and
//! a file writer that only puts a complete download in place.

use std::io;
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::task::{Context, Poll};

use reqwest::{Method, Response};
use tempfile::TempPath;
use tokio::io::{AsyncWrite, AsyncWriteExt as _, BufWriter};
use tokio_util::sync::CancellationToken;

use super::client::{CcrClient, content_type, header_request_id, parse_answer, read_limited};
use super::error::{ApiError, excerpt, transport_error};
use super::paths::Part;
use crate::chart_archive::{self, ArchiveError};
use crate::contract as validate;

/// The two first bytes of every gzip stream.
const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];
/// Most bytes of an error answer read to explain it.
const MAX_ERROR_BYTES: usize = 64 * 1024;
/// Buffer between the network and the destination file.
const FILE_BUFFER_BYTES: usize = 1024 * 1024;

/// How far a transfer has come.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Progress {
    /// Bytes received and written so far.
    pub bytes_done: u64,
    /// Size of the whole archive, when the server announced it.
    pub bytes_total: Option<u64>,
}

/// What a finished download delivered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DownloadSummary {
    /// Bytes written.
    pub bytes: u64,
    /// The server's request id, when it sent one.
    pub request_id: Option<String>,
}

/// A chart download whose answer has been checked (status, Content-Type, gzip magic) and whose
/// body has not been consumed yet.
#[derive(Debug)]
pub struct ChartDownload {
    response: Response,
    first_bytes: Vec<u8>,
    bytes_total: Option<u64>,
    request_id: Option<String>,
    host: String,
}

fn is_archive_type(content_type: &str) -> bool {
    let essence = content_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    matches!(
        essence.as_str(),
        "application/gzip"
            | "application/x-gzip"
            | "application/x-tar"
            | "application/x-compressed-tar"
            | "application/tar+gzip"
            | "application/octet-stream"
    )
}

impl CcrClient {
    /// Starts downloading `{chart}-{version}.tgz` of `project` and checks the answer before any
    /// byte is handed on: an error envelope, a non-archive Content-Type or a body without the
    /// gzip magic is an error, never a chart.
    pub async fn open_chart_download(
        &self,
        project: &str,
        chart: &str,
        version: &str,
    ) -> Result<ChartDownload, ApiError> {
        let file_name = validate::chart_file_name(chart, version)?;
        let url = self.url(
            &[
                Part::Fixed("projects"),
                Part::Value(project),
                Part::Fixed("charts"),
                Part::Value(&file_name),
                Part::Fixed("download"),
            ],
            &[],
        )?;
        let mut response = self.send(self.request(Method::GET, url)).await?;
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let request_id = header_request_id(&headers);
        let declared_type = content_type(&headers);
        let archive_typed = declared_type.as_deref().is_none_or(is_archive_type);
        if !(200..300).contains(&status) || !archive_typed {
            let body = read_limited(response, MAX_ERROR_BYTES, &self.host).await?;
            return Err(
                match parse_answer::<serde::de::IgnoredAny>(status, &headers, &body) {
                    Err(error @ ApiError::Ccr { .. }) => error,
                    Err(error) if !(200..300).contains(&status) => error,
                    // A success envelope, or any other body, where an archive should be.
                    _ => ApiError::NotAChart {
                        content_type: declared_type,
                        excerpt: excerpt(&body),
                        request_id,
                    },
                },
            );
        }
        let bytes_total = response.content_length();
        let mut first_bytes = Vec::new();
        while first_bytes.len() < GZIP_MAGIC.len() {
            match response
                .chunk()
                .await
                .map_err(|e| transport_error(&self.host, &e))?
            {
                Some(chunk) => first_bytes.extend_from_slice(&chunk),
                None => break,
            }
        }
        if !first_bytes.starts_with(&GZIP_MAGIC) {
            return Err(ApiError::NotAChart {
                content_type: declared_type,
                excerpt: excerpt(&first_bytes),
                request_id,
            });
        }
        Ok(ChartDownload {
            response,
            first_bytes,
            bytes_total,
            request_id,
            host: self.host.clone(),
        })
    }

    async fn open_chart_download_or_cancel(
        &self,
        project: &str,
        chart: &str,
        version: &str,
        cancel: &CancellationToken,
    ) -> Result<ChartDownload, ApiError> {
        tokio::select! {
            () = cancel.cancelled() => Err(ApiError::Cancelled),
            opened = self.open_chart_download(project, chart, version) => opened,
        }
    }

    /// Downloads a chart version into `destination`, reporting progress after each chunk.
    /// Stops with [`ApiError::Cancelled`] as soon as `cancel` fires.
    pub async fn download_chart<W: AsyncWrite + Unpin>(
        &self,
        project: &str,
        chart: &str,
        version: &str,
        destination: &mut W,
        on_progress: impl FnMut(Progress),
        cancel: &CancellationToken,
    ) -> Result<DownloadSummary, ApiError> {
        let download = self
            .open_chart_download_or_cancel(project, chart, version, cancel)
            .await?;
        download.write_to(destination, on_progress, cancel).await
    }

    /// Downloads a chart version to `path` through an [`AtomicFile`]: the file appears only when
    /// the transfer is complete and the archive reads to its end (gzip trailer included); a
    /// failed, cancelled or damaged transfer leaves nothing behind
    /// ([`ApiError::ArchiveDamaged`] for a damaged one).
    pub async fn download_chart_to_file(
        &self,
        project: &str,
        chart: &str,
        version: &str,
        path: &Path,
        on_progress: impl FnMut(Progress),
        cancel: &CancellationToken,
    ) -> Result<DownloadSummary, ApiError> {
        let download = self
            .open_chart_download_or_cancel(project, chart, version, cancel)
            .await?;
        let mut file = AtomicFile::create(path)
            .await
            .map_err(ApiError::Destination)?;
        let summary = download.write_to(&mut file, on_progress, cancel).await?;
        verify_before_commit(&file, summary.request_id.as_ref(), cancel).await?;
        file.commit().await.map_err(ApiError::Destination)?;
        Ok(summary)
    }
}

impl ChartDownload {
    /// The archive's size, when the server announced it.
    pub fn bytes_total(&self) -> Option<u64> {
        self.bytes_total
    }

    /// Streams the body into `destination` and flushes it.
    pub async fn write_to<W: AsyncWrite + Unpin>(
        mut self,
        destination: &mut W,
        mut on_progress: impl FnMut(Progress),
        cancel: &CancellationToken,
    ) -> Result<DownloadSummary, ApiError> {
        let mut progress = Progress {
            bytes_done: 0,
            bytes_total: self.bytes_total,
        };
        on_progress(progress);
        let first = std::mem::take(&mut self.first_bytes);
        write_chunk(destination, &first, cancel).await?;
        progress.bytes_done += first.len() as u64;
        on_progress(progress);
        loop {
            let chunk = tokio::select! {
                () = cancel.cancelled() => return Err(ApiError::Cancelled),
                chunk = self.response.chunk() => chunk.map_err(|e| transport_error(&self.host, &e))?,
            };
            let Some(chunk) = chunk else { break };
            write_chunk(destination, &chunk, cancel).await?;
            progress.bytes_done += chunk.len() as u64;
            on_progress(progress);
        }
        if let Some(total) = self.bytes_total
            && progress.bytes_done != total
        {
            return Err(ApiError::Transport {
                kind: super::error::TransportKind::Truncated {
                    received: progress.bytes_done,
                    expected: total,
                },
                host: self.host,
                detail: String::new(),
            });
        }
        destination.flush().await.map_err(ApiError::Destination)?;
        Ok(DownloadSummary {
            bytes: progress.bytes_done,
            request_id: self.request_id,
        })
    }
}

/// Reads the written (flushed) archive to its end before it may be renamed into place: a
/// transfer that ended early without a Content-Length looks complete to HTTP, not to gzip.
async fn verify_before_commit(
    file: &AtomicFile,
    request_id: Option<&String>,
    cancel: &CancellationToken,
) -> Result<(), ApiError> {
    let partial = file.partial_path().to_path_buf();
    let stop = cancel.clone();
    let check = tokio::task::spawn_blocking(move || {
        chart_archive::verify_complete(&partial, || stop.is_cancelled())
    });
    let verdict = tokio::select! {
        () = cancel.cancelled() => return Err(ApiError::Cancelled),
        joined = check => joined.map_err(|e| ApiError::Internal(format!("archive check task: {e}")))?,
    };
    match verdict {
        Ok(()) => Ok(()),
        Err(ArchiveError::Io { .. }) if cancel.is_cancelled() => Err(ApiError::Cancelled),
        Err(ArchiveError::Io { source, .. }) => Err(ApiError::Destination(source)),
        Err(ArchiveError::NotAnArchive(defect)) => Err(ApiError::ArchiveDamaged {
            defect,
            request_id: request_id.cloned(),
        }),
        // The complete check reads no Chart.yaml: these cannot come from it.
        Err(other) => Err(ApiError::Internal(format!("archive check: {other}"))),
    }
}

async fn write_chunk<W: AsyncWrite + Unpin>(
    destination: &mut W,
    chunk: &[u8],
    cancel: &CancellationToken,
) -> Result<(), ApiError> {
    tokio::select! {
        () = cancel.cancelled() => Err(ApiError::Cancelled),
        written = destination.write_all(chunk) => written.map_err(ApiError::Destination),
    }
}

/// A file written under a temporary name in its target folder and renamed into place by
/// [`AtomicFile::commit`]. Dropped without commit, it removes the temporary file, so the target
/// is either the complete new content or untouched.
///
/// When the target already exists, the new content is synced to disk before the rename, so a
/// power cut cannot replace the user's file with an empty one. A new file is not synced: the
/// worst a power cut can do to it is leave it incomplete, and nothing the user had is lost.
#[derive(Debug)]
pub struct AtomicFile {
    writer: BufWriter<tokio::fs::File>,
    temp_path: TempPath,
    target: PathBuf,
    replaces_existing: bool,
}

impl AtomicFile {
    /// Opens a temporary file beside `target` (`.{name}.XXXXXX.part`).
    pub async fn create(target: &Path) -> io::Result<Self> {
        let folder = match target.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let name = target
            .file_name()
            .ok_or_else(|| {
                io::Error::new(io::ErrorKind::InvalidInput, "the path has no file name")
            })?
            .to_string_lossy()
            .into_owned();
        let existing = target.to_path_buf();
        let (file, temp_path, replaces_existing) = tokio::task::spawn_blocking(move || {
            let replaces_existing = existing.exists();
            let prefix = format!(".{name}.");
            let mut builder = tempfile::Builder::new();
            builder.prefix(&prefix).suffix(".part");
            // The saved file gets the permissions any new file gets (0666 less the umask) or,
            // replacing a file, that file's; not the private 0600 of a temporary file.
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt as _;
                let permissions = std::fs::metadata(&existing).map_or_else(
                    |_| std::fs::Permissions::from_mode(0o666),
                    |meta| meta.permissions(),
                );
                builder.permissions(permissions);
            }
            builder
                .tempfile_in(folder)
                .map(tempfile::NamedTempFile::into_parts)
                .map(|(file, path)| (file, path, replaces_existing))
        })
        .await
        .map_err(io::Error::other)??;
        Ok(Self {
            writer: BufWriter::with_capacity(FILE_BUFFER_BYTES, tokio::fs::File::from_std(file)),
            temp_path,
            target: target.to_path_buf(),
            replaces_existing,
        })
    }

    /// The temporary file's path, for reading back what was written (after a flush).
    pub fn partial_path(&self) -> &Path {
        &self.temp_path
    }

    /// The path the file will have once committed.
    pub fn target(&self) -> &Path {
        &self.target
    }

    /// Flushes and renames the file into place, replacing an existing file (synced to disk first
    /// in that case).
    pub async fn commit(mut self) -> io::Result<()> {
        self.writer.flush().await?;
        let file = self.writer.into_inner();
        if self.replaces_existing {
            file.sync_all().await?;
        }
        drop(file);
        let temp_path = self.temp_path;
        let target = self.target;
        tokio::task::spawn_blocking(move || temp_path.persist(&target).map_err(|e| e.error))
            .await
            .map_err(io::Error::other)?
    }
}

impl AsyncWrite for AtomicFile {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.writer).poll_write(cx, buf)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.writer).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.writer).poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn committed_files_appear_and_dropped_ones_vanish() {
        let folder = tempfile::tempdir().unwrap();
        let target = folder.path().join("chart-1.0.0.tgz");

        let mut file = AtomicFile::create(&target).await.unwrap();
        file.write_all(b"partial").await.unwrap();
        drop(file);
        assert_eq!(std::fs::read_dir(folder.path()).unwrap().count(), 0);

        let mut file = AtomicFile::create(&target).await.unwrap();
        file.write_all(b"complete").await.unwrap();
        assert!(!target.exists(), "nothing at the target before commit");
        file.commit().await.unwrap();
        assert_eq!(std::fs::read(&target).unwrap(), b"complete");
        assert_eq!(std::fs::read_dir(folder.path()).unwrap().count(), 1);

        // Replacing: the old content stays until the new one is committed.
        let mut file = AtomicFile::create(&target).await.unwrap();
        assert!(file.replaces_existing);
        file.write_all(b"newer").await.unwrap();
        assert_eq!(std::fs::read(&target).unwrap(), b"complete");
        drop(file);
        assert_eq!(
            std::fs::read(&target).unwrap(),
            b"complete",
            "a dropped replacement changes nothing"
        );
        let mut file = AtomicFile::create(&target).await.unwrap();
        file.write_all(b"newer").await.unwrap();
        file.commit().await.unwrap();
        assert_eq!(std::fs::read(&target).unwrap(), b"newer");
        assert_eq!(std::fs::read_dir(folder.path()).unwrap().count(), 1);
    }

    #[test]
    fn archive_content_types() {
        assert!(is_archive_type("application/gzip"));
        assert!(is_archive_type("application/x-gzip; charset=binary"));
        assert!(is_archive_type("application/octet-stream"));
        assert!(!is_archive_type("application/json"));
        assert!(!is_archive_type("text/html; charset=utf-8"));
    }
}
