//! The chart diff: two demo versions downloaded from the sandbox and compared, a version made
//! from the demo sources with known changes, and archives built here for binary, too big, added
//! and removed files.

#![allow(clippy::expect_used)] // a test that cannot go on says why, and fails

mod common;

use std::path::{Path, PathBuf};

use ccr_desk::api::CcrCode;
use ccr_desk::chart_archive::ArchiveDefect;
use ccr_desk::chart_diff::{
    ChangedContent, ChartDiff, ChartDiffError, FileChange, FileFacts, LineKind,
    MAX_DIFF_FILE_BYTES, NotDiffed, Side, TextChanges, compare, download_and_compare,
};
use common::{admin, files_in, sandbox};
use tokio_util::sync::CancellationToken;

/// The demo chart the sandbox seeds in project `demo` with versions 0.1.0, 0.2.0, 1.0.0-rc.1.
const CHART: &str = "web-app";
const PROJECT: &str = "demo";

/// The demo chart's source files (path below the chart folder, content), sorted by path.
fn demo_sources() -> Vec<(String, Vec<u8>)> {
    fn walk(root: &Path, dir: &Path, into: &mut Vec<(String, Vec<u8>)>) {
        for entry in std::fs::read_dir(dir).expect("the chart sources list") {
            let path = entry.expect("an entry").path();
            if path.is_dir() {
                walk(root, &path, into);
            } else {
                let inner = path
                    .strip_prefix(root)
                    .expect("below the root")
                    .to_string_lossy()
                    .replace('\\', "/");
                into.push((inner, std::fs::read(&path).expect("a source reads")));
            }
        }
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets/charts")
        .join(CHART);
    let mut files = Vec::new();
    walk(&root, &root, &mut files);
    files.sort();
    files
}

/// `text` with its `version:` line set to `version`, as the seed builds each demo version.
fn with_version(text: &str, version: &str) -> String {
    let mut out = String::new();
    for line in text.lines() {
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

/// A `.tgz` of `files` (path inside the archive, content).
fn tgz(files: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut tar = tar::Builder::new(flate2::write::GzEncoder::new(
        Vec::new(),
        flate2::Compression::fast(),
    ));
    for (path, content) in files {
        let mut header = tar::Header::new_gnu();
        header.set_size(content.len() as u64);
        header.set_mode(0o644);
        header.set_entry_type(tar::EntryType::Regular);
        header.set_cksum();
        tar.append_data(&mut header, path, content.as_slice())
            .expect("a tar entry");
    }
    tar.into_inner()
        .expect("the tar ends")
        .finish()
        .expect("the gzip stream ends")
}

/// The content of the demo source at `path`.
fn source<'a>(sources: &'a [(String, Vec<u8>)], path: &str) -> &'a [u8] {
    sources.iter().find(|(p, _)| p == path).map_or_else(
        || panic!("the demo chart has {path}"),
        |(_, text)| text.as_slice(),
    )
}

/// The config map that version 0.3.0 adds.
const CONFIG_MAP: &[u8] = b"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\n";

/// Version 0.3.0 of the demo chart: its sources with two more replicas, without NOTES.txt and
/// with a new config map.
fn version_0_3_0(sources: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut files: Vec<(String, Vec<u8>)> = sources
        .iter()
        .filter(|(p, _)| p != "templates/NOTES.txt")
        .map(|(p, text)| {
            let text = match p.as_str() {
                "Chart.yaml" => with_version(&String::from_utf8_lossy(text), "0.3.0").into_bytes(),
                "values.yaml" => String::from_utf8_lossy(text)
                    .replace("replicaCount: 2", "replicaCount: 4")
                    .into_bytes(),
                _ => text.clone(),
            };
            (format!("{CHART}/{p}"), text)
        })
        .collect();
    files.push((
        format!("{CHART}/templates/configmap.yaml"),
        CONFIG_MAP.to_vec(),
    ));
    tgz(&files)
}

fn saved(folder: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = folder.join(name);
    std::fs::write(&path, bytes).expect("the archive is written");
    path
}

/// The text lines of `kind` in a text diff.
fn lines_of(changes: &TextChanges, kind: LineKind) -> Vec<&str> {
    changes
        .hunks
        .iter()
        .flat_map(|hunk| &hunk.lines)
        .filter(|line| line.kind == kind)
        .map(|line| line.text.as_str())
        .collect()
}

/// The text diff of the changed text file at `path`.
fn text_changes<'a>(diff: &'a ChartDiff, path: &str) -> &'a TextChanges {
    match &diff.file(path).expect("the file differs").change {
        FileChange::Changed(file) => match &file.content {
            ChangedContent::Text(changes) => changes,
            other @ ChangedContent::NotDiffed(_) => panic!("{path} is not diffed: {other:?}"),
        },
        other => panic!("{path} is not changed: {other:?}"),
    }
}

fn paths(diff: &ChartDiff) -> Vec<&str> {
    diff.files.iter().map(|file| file.path.as_str()).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_demo_versions_differ_in_their_version_line_only() {
    let sandbox = sandbox().await;
    let client = admin(&sandbox);
    let folder = tempfile::tempdir().expect("a folder");
    let sources = demo_sources();
    let chart_yaml = sources
        .iter()
        .find(|(path, _)| path == "Chart.yaml")
        .map(|(_, text)| String::from_utf8(text.clone()).expect("text"))
        .expect("the demo chart has a Chart.yaml");
    assert!(chart_yaml.lines().any(|l| l.starts_with("version:")));

    let diff = download_and_compare(
        &client,
        PROJECT,
        CHART,
        "0.1.0",
        "0.2.0",
        folder.path(),
        &CancellationToken::new(),
    )
    .await
    .expect("both versions compare");

    assert_eq!(paths(&diff), ["Chart.yaml"], "{diff:#?}");
    assert_eq!(diff.unchanged, sources.len() - 1);
    assert_eq!(diff.old_folder.as_deref(), Some(CHART));
    assert_eq!(diff.new_folder.as_deref(), Some(CHART));
    assert_eq!(
        (
            diff.changed_count(),
            diff.added_count(),
            diff.removed_count()
        ),
        (1, 0, 0)
    );
    let changes = text_changes(&diff, "Chart.yaml");
    assert_eq!(lines_of(changes, LineKind::Removed), ["version: 0.1.0"]);
    assert_eq!(lines_of(changes, LineKind::Added), ["version: 0.2.0"]);
    assert_eq!((changes.lines_added, changes.lines_removed), (1, 1));
    let at = with_version(&chart_yaml, "0.1.0")
        .lines()
        .position(|l| l == "version: 0.1.0")
        .expect("the version line")
        + 1;
    let removed = changes.hunks[0]
        .lines
        .iter()
        .find(|l| l.kind == LineKind::Removed)
        .expect("a removed line");
    assert_eq!((removed.old_number, removed.new_number), (Some(at), None));
    assert!(
        changes
            .unified
            .contains("--- a/Chart.yaml\n+++ b/Chart.yaml\n"),
        "{}",
        changes.unified
    );
    assert!(
        changes
            .unified
            .contains("-version: 0.1.0\n+version: 0.2.0\n"),
        "{}",
        changes.unified
    );
    assert!(
        files_in(folder.path()).is_empty(),
        "the temporary folder is gone: {:?}",
        files_in(folder.path())
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn values_yaml_and_chart_yaml_come_first_with_added_and_removed_files() {
    let sandbox = sandbox().await;
    let client = admin(&sandbox);
    let folder = tempfile::tempdir().expect("a folder");
    let sources = demo_sources();
    let values = String::from_utf8(source(&sources, "values.yaml").to_vec()).expect("text");
    assert!(values.contains("replicaCount: 2\n"), "the demo values");
    let values_line = values
        .lines()
        .position(|l| l == "replicaCount: 2")
        .expect("the line")
        + 1;
    let notes_bytes = source(&sources, "templates/NOTES.txt").len() as u64;
    let imported = sandbox
        .import_chart(version_0_3_0(&sources), PROJECT)
        .await
        .expect("0.3.0 is imported");
    assert_eq!(imported.version, "0.3.0");

    let diff = download_and_compare(
        &client,
        PROJECT,
        CHART,
        "0.2.0",
        "0.3.0",
        folder.path(),
        &CancellationToken::new(),
    )
    .await
    .expect("both versions compare");

    assert_eq!(
        paths(&diff),
        [
            "values.yaml",
            "Chart.yaml",
            "templates/NOTES.txt",
            "templates/configmap.yaml"
        ]
    );
    assert_eq!(diff.unchanged, sources.len() - 3);
    let values_changes = text_changes(&diff, "values.yaml");
    assert_eq!(
        lines_of(values_changes, LineKind::Removed),
        ["replicaCount: 2"]
    );
    assert_eq!(
        lines_of(values_changes, LineKind::Added),
        ["replicaCount: 4"]
    );
    let added = values_changes.hunks[0]
        .lines
        .iter()
        .find(|l| l.kind == LineKind::Added)
        .expect("the added line");
    assert_eq!(added.new_number, Some(values_line));
    assert_eq!(
        lines_of(text_changes(&diff, "Chart.yaml"), LineKind::Added),
        ["version: 0.3.0"]
    );
    assert_eq!(
        diff.file("templates/NOTES.txt").expect("NOTES.txt").change,
        FileChange::Removed(FileFacts {
            bytes: notes_bytes,
            is_text: true
        })
    );
    assert_eq!(
        diff.file("templates/configmap.yaml")
            .expect("the config map")
            .change,
        FileChange::Added(FileFacts {
            bytes: CONFIG_MAP.len() as u64,
            is_text: true
        })
    );
    assert_eq!(
        (
            diff.changed_count(),
            diff.added_count(),
            diff.removed_count()
        ),
        (2, 1, 1)
    );
    assert!(
        files_in(folder.path()).is_empty(),
        "the temporary folder is gone"
    );
}

#[test]
fn binary_and_too_big_files_are_named_not_diffed() {
    let folder = tempfile::tempdir().expect("a folder");
    let big = |changed_line: usize| -> Vec<u8> {
        let mut text = String::new();
        let mut n = 0;
        while text.len() as u64 <= MAX_DIFF_FILE_BYTES {
            n += 1;
            if n == changed_line {
                text.push_str("a changed line\n");
            } else {
                text.push_str("line ");
                text.push_str(&n.to_string());
                text.push('\n');
            }
        }
        text.into_bytes()
    };
    let file =
        |root: &str, path: &str, content: &[u8]| (format!("{root}/{path}"), content.to_vec());
    let old = tgz(&[
        file("app", "Chart.yaml", b"name: app\nversion: 1.0.0\n"),
        file("app", "values.yaml", b"a: 1\n"),
        file("app", "logo.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
        file("app", "latin1.txt", b"caf\xe9\n"),
        file("app", "big.txt", &big(0)),
        file("app", "same-big.txt", &big(0)),
        file("app", "gone.txt", b"bye\n"),
    ]);
    let added_bin = b"\0\x01\x02".to_vec();
    let new = tgz(&[
        file("app-next", "Chart.yaml", b"name: app\nversion: 1.1.0\n"),
        file("app-next", "values.yaml", b"a: 1\n"),
        file("app-next", "logo.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDX"),
        file("app-next", "latin1.txt", b"caf\xe9s\n"),
        file("app-next", "big.txt", &big(7)),
        file("app-next", "same-big.txt", &big(0)),
        file("app-next", "added.bin", &added_bin),
    ]);
    let old_path = saved(folder.path(), "old.tgz", &old);
    let new_path = saved(folder.path(), "new.tgz", &new);

    let diff = compare(&old_path, &new_path).expect("the archives compare");

    assert_eq!(diff.old_folder.as_deref(), Some("app"));
    assert_eq!(diff.new_folder.as_deref(), Some("app-next"));
    assert_eq!(
        paths(&diff),
        [
            "Chart.yaml",
            "added.bin",
            "big.txt",
            "gone.txt",
            "latin1.txt",
            "logo.png"
        ],
        "the top folders are stripped, values.yaml and same-big.txt are unchanged"
    );
    assert_eq!(diff.unchanged, 2);
    let not_diffed = |path: &str| match &diff.file(path).expect("differs").change {
        FileChange::Changed(changed) => match changed.content {
            ChangedContent::NotDiffed(reason) => reason,
            ChangedContent::Text(_) => panic!("{path} was diffed"),
        },
        other => panic!("{path} is not changed: {other:?}"),
    };
    assert_eq!(not_diffed("logo.png"), NotDiffed::Binary);
    assert_eq!(not_diffed("latin1.txt"), NotDiffed::Binary, "not UTF-8");
    let big_bytes = big(7).len().max(big(0).len()) as u64;
    assert!(big_bytes > MAX_DIFF_FILE_BYTES);
    assert_eq!(
        not_diffed("big.txt"),
        NotDiffed::TooBig { bytes: big_bytes }
    );
    assert_eq!(
        diff.file("added.bin").expect("added").change,
        FileChange::Added(FileFacts {
            bytes: added_bin.len() as u64,
            is_text: false
        })
    );
    assert_eq!(
        diff.file("gone.txt").expect("removed").change,
        FileChange::Removed(FileFacts {
            bytes: 4,
            is_text: true
        })
    );
    assert_eq!(
        lines_of(text_changes(&diff, "Chart.yaml"), LineKind::Added),
        ["version: 1.1.0"]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_version_that_does_not_exist_is_a_typed_error() {
    let sandbox = sandbox().await;
    let client = admin(&sandbox);
    let folder = tempfile::tempdir().expect("a folder");
    for (old, new, side, missing) in [
        ("0.1.0", "9.9.9", Side::New, "9.9.9"),
        ("9.9.8", "0.2.0", Side::Old, "9.9.8"),
    ] {
        let error = download_and_compare(
            &client,
            PROJECT,
            CHART,
            old,
            new,
            folder.path(),
            &CancellationToken::new(),
        )
        .await
        .expect_err("a missing version");
        let ChartDiffError::Download {
            side: failed,
            version,
            source,
        } = &error
        else {
            panic!("not a download error: {error:?}");
        };
        assert_eq!((*failed, version.as_str()), (side, missing));
        assert_eq!(source.code(), Some(&CcrCode::NotExists), "{source:?}");
        assert_eq!(source.http_status(), Some(404));
        assert!(files_in(folder.path()).is_empty(), "nothing is left behind");
    }

    let cancelled = CancellationToken::new();
    cancelled.cancel();
    let error = download_and_compare(
        &client,
        PROJECT,
        CHART,
        "0.1.0",
        "0.2.0",
        folder.path(),
        &cancelled,
    )
    .await
    .expect_err("cancelled");
    assert!(matches!(error, ChartDiffError::Cancelled), "{error:?}");
    assert!(files_in(folder.path()).is_empty(), "nothing is left behind");
}

#[test]
fn a_file_that_is_not_an_archive_is_a_typed_error() {
    let folder = tempfile::tempdir().expect("a folder");
    let good = saved(
        folder.path(),
        "good.tgz",
        &tgz(&[("app/Chart.yaml".to_owned(), b"name: app\n".to_vec())]),
    );
    let html = saved(folder.path(), "page.tgz", b"<html>not found</html>");
    let error = compare(&html, &good).expect_err("not gzip");
    assert!(
        matches!(
            error,
            ChartDiffError::NotAnArchive {
                side: Side::Old,
                defect: ArchiveDefect::NotGzip
            }
        ),
        "{error:?}"
    );
    let error = compare(&good, &folder.path().join("gone.tgz")).expect_err("missing");
    assert!(
        matches!(
            error,
            ChartDiffError::Io {
                side: Side::New,
                ..
            }
        ),
        "{error:?}"
    );
    let mut cut = std::fs::read(&good).expect("reads");
    cut.truncate(cut.len() / 2);
    let cut = saved(folder.path(), "cut.tgz", &cut);
    let error = compare(&good, &cut).expect_err("cut short");
    assert!(
        matches!(
            error,
            ChartDiffError::NotAnArchive {
                side: Side::New,
                ..
            }
        ),
        "{error:?}"
    );
}
