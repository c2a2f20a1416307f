//! A chart saved into a folder that cannot take it: a full disk and a folder that cannot be
//! written. The error says so in plain words and nothing is left behind, not even a part file.

#![allow(clippy::expect_used)] // a test that cannot go on says why, and fails

mod common;

use std::path::Path;
use std::process::Command;

use ccr_desk::api::{ApiError, CcrClient, ConnectionConfig};
use ccr_desk::sandbox::{self, RunningSandbox, SandboxConfig};
use ccr_desk::ui::describe::Describe as _;
use common::files_in;
use secrecy::SecretString;
use tokio_util::sync::CancellationToken;

async fn sandbox_with_big_chart() -> (RunningSandbox, CcrClient) {
    let sandbox = sandbox::start(SandboxConfig::ephemeral_loopback())
        .await
        .expect("sandbox");
    sandbox
        .import_chart(common::chart_archive("big", "1.0.0", 1 << 20), "library")
        .await
        .expect("imported");
    let endpoint = url::Url::parse(sandbox.base_url()).expect("url");
    let config = ConnectionConfig::new(
        endpoint,
        sandbox::ADMIN_USER,
        SecretString::from(sandbox::DEFAULT_ADMIN_PASSWORD),
    );
    let client = CcrClient::new(&config).expect("client");
    (sandbox, client)
}

async fn save(client: &CcrClient, target: &Path) -> Result<(), ApiError> {
    client
        .download_chart_to_file(
            "library",
            "big",
            "1.0.0",
            target,
            |_| {},
            &CancellationToken::new(),
        )
        .await
        .map(|_| ())
}

/// A 256 KiB file system of its own (tmpfs), unmounted when dropped; `None` where this machine
/// cannot mount one (not root, or no tmpfs).
struct TinyDisk(tempfile::TempDir);

impl TinyDisk {
    fn mount() -> Option<Self> {
        let dir = tempfile::tempdir().expect("temp dir");
        let mounted = Command::new("mount")
            .args(["-t", "tmpfs", "-o", "size=256k", "tmpfs"])
            .arg(dir.path())
            .status()
            .is_ok_and(|s| s.success());
        mounted.then(|| Self(dir))
    }
}

impl Drop for TinyDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(self.0.path()).status();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_full_disk_is_said_in_plain_words_and_leaves_nothing() {
    let Some(disk) = TinyDisk::mount() else {
        eprintln!("skipped: this machine cannot mount a small tmpfs (needs root)");
        return;
    };
    let (_sandbox, client) = sandbox_with_big_chart().await;
    let error = save(&client, &disk.0.path().join("big-1.0.0.tgz"))
        .await
        .expect_err("a 1 MiB chart does not fit on a 256 KiB disk");
    assert!(matches!(error, ApiError::Destination(_)), "{error:?}");
    let text = error.describe();
    assert!(text.contains("free space"), "{text}");
    assert!(files_in(disk.0.path()).is_empty(), "nothing left behind");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_folder_that_cannot_be_written_is_said_in_plain_words_and_leaves_nothing() {
    let (_sandbox, client) = sandbox_with_big_chart().await;
    let dir = tempfile::tempdir().expect("temp dir");
    // A "folder" that is a file: no permission trick, so it holds for root too.
    let not_a_folder = dir.path().join("downloads");
    std::fs::write(&not_a_folder, b"a file").expect("file");
    let error = save(&client, &not_a_folder.join("big-1.0.0.tgz"))
        .await
        .expect_err("nothing can be saved inside a file");
    assert!(matches!(error, ApiError::Destination(_)), "{error:?}");
    assert!(error.describe().contains("writable"), "{error}");
    assert_eq!(files_in(dir.path()), ["downloads"], "nothing else appeared");
}
