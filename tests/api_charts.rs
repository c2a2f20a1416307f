//! Helm charts: listing, deleting and downloading through the client, against the sandbox.

#![allow(clippy::expect_used)] // a test that cannot go on says why, and fails

mod common;

use ccr_desk::api::models::Timestamp;
use ccr_desk::api::{ApiError, CcrCode, PageRequest, Progress};
use common::{admin, chart_archive, chart_yaml_of, files_in, sandbox};
use tokio_util::sync::CancellationToken;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn charts_are_listed_with_versions_paging_and_filter() {
    let sandbox = sandbox().await;
    let client = admin(&sandbox);
    let all = client
        .list_charts(&PageRequest::everything())
        .await
        .expect("list")
        .value;
    assert!(all.total >= 2, "the demo data has several charts");
    assert_eq!(all.items.len() as u64, all.total);
    assert!(
        all.items.iter().any(|c| c.total_versions.unwrap_or(0) > 1),
        "a chart with more than one version"
    );
    for chart in &all.items {
        assert!(!chart.name.is_empty() && !chart.project_name.is_empty());
        assert!(
            chart
                .latest_version
                .as_deref()
                .is_some_and(|v| !v.is_empty())
        );
        assert!(chart.created.as_ref().and_then(Timestamp::utc).is_some());
    }

    let first = client
        .list_charts(&PageRequest::new(1, 1))
        .await
        .expect("page 1")
        .value;
    assert_eq!(first.items.len(), 1);
    assert_eq!(first.total, all.total);
    let last = client
        .list_charts(&PageRequest::new(u32::try_from(all.total).unwrap(), 1))
        .await
        .expect("last page")
        .value;
    assert_eq!(last.items.len(), 1);
    assert_eq!(
        last.items[0].name,
        all.items.last().unwrap().name,
        "the same order paged and unpaged"
    );
    let past = client
        .list_charts(&PageRequest::new(u32::try_from(all.total).unwrap() + 1, 1))
        .await
        .expect("past the end")
        .value;
    assert!(past.items.is_empty());

    let name = &all.items[0].name;
    let filtered = client
        .list_charts(&PageRequest::default().filtered(name.to_uppercase()))
        .await
        .expect("filter")
        .value;
    assert!(
        filtered
            .items
            .iter()
            .all(|c| c.name.to_lowercase().contains(&name.to_lowercase()))
    );
    assert!(filtered.items.iter().any(|c| &c.name == name));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_downloaded_chart_is_byte_identical_and_a_real_archive() {
    let sandbox = sandbox().await;
    let client = admin(&sandbox);
    let folder = tempfile::tempdir().unwrap();

    // A demo chart, compared with the bytes the sandbox stores.
    let chart = client
        .list_charts(&PageRequest::everything())
        .await
        .expect("list")
        .value
        .items
        .into_iter()
        .next()
        .expect("a demo chart");
    let version = chart.latest_version.clone().expect("latest version");
    let stored = sandbox
        .chart_archive(&chart.project_name, &chart.name, &version)
        .await
        .expect("store")
        .expect("stored archive");
    let target = folder.path().join(format!("{}-{version}.tgz", chart.name));
    let mut seen = Vec::<Progress>::new();
    let summary = client
        .download_chart_to_file(
            &chart.project_name,
            &chart.name,
            &version,
            &target,
            |p| seen.push(p),
            &CancellationToken::new(),
        )
        .await
        .expect("download");
    let saved = std::fs::read(&target).unwrap();
    assert_eq!(saved, stored, "byte-identical to the sandbox's archive");
    assert_eq!(summary.bytes, saved.len() as u64);
    assert_eq!(seen.last().map(|p| p.bytes_done), Some(saved.len() as u64));
    assert_eq!(
        seen.last().and_then(|p| p.bytes_total),
        Some(saved.len() as u64)
    );
    #[cfg(unix)]
    {
        // Saved like any new file (0666 less the umask), not private like a temporary file.
        use std::os::unix::fs::PermissionsExt as _;
        let mode = |path: &std::path::Path| std::fs::metadata(path).unwrap().permissions().mode();
        let reference = folder.path().join("reference");
        std::fs::write(&reference, b"").unwrap();
        assert_eq!(mode(&target) & 0o777, mode(&reference) & 0o777);
        std::fs::remove_file(&reference).unwrap();
    }
    let chart_yaml = chart_yaml_of(&saved).expect("a tar with Chart.yaml");
    assert!(
        chart_yaml.contains(&format!("name: {}", chart.name)),
        "{chart_yaml}"
    );
    assert!(chart_yaml.contains(&version), "{chart_yaml}");

    // An imported chart with a dash in its name and a pre-release version.
    let archive = chart_archive("my-web-app", "2.0.0-rc.1", 300_000);
    let imported = sandbox
        .import_chart(archive.clone(), "library")
        .await
        .expect("import");
    assert_eq!(
        (imported.name.as_str(), imported.version.as_str()),
        ("my-web-app", "2.0.0-rc.1")
    );
    let target = folder.path().join("my-web-app-2.0.0-rc.1.tgz");
    client
        .download_chart_to_file(
            "library",
            "my-web-app",
            "2.0.0-rc.1",
            &target,
            |_| {},
            &CancellationToken::new(),
        )
        .await
        .expect("download");
    assert_eq!(std::fs::read(&target).unwrap(), archive);
    let mut expected = vec![
        format!("{}-{version}.tgz", chart.name),
        "my-web-app-2.0.0-rc.1.tgz".to_owned(),
    ];
    expected.sort();
    assert_eq!(
        files_in(folder.path()),
        expected,
        "no temporary files are left"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_missing_version_is_a_404_and_leaves_no_file() {
    let sandbox = sandbox().await;
    let client = admin(&sandbox);
    let folder = tempfile::tempdir().unwrap();
    let chart = client
        .list_charts(&PageRequest::everything())
        .await
        .expect("list")
        .value
        .items
        .into_iter()
        .next()
        .expect("a demo chart");
    let target = folder.path().join("missing.tgz");
    let error = client
        .download_chart_to_file(
            &chart.project_name,
            &chart.name,
            "99.99.99",
            &target,
            |_| {},
            &CancellationToken::new(),
        )
        .await
        .unwrap_err();
    assert_eq!(error.code(), Some(&CcrCode::NotExists), "{error:?}");
    assert_eq!(error.http_status(), Some(404));
    assert!(files_in(folder.path()).is_empty(), "nothing written");

    let error = client
        .download_chart_to_file(
            "no-such-project",
            &chart.name,
            "1.0.0",
            &target,
            |_| {},
            &CancellationToken::new(),
        )
        .await
        .unwrap_err();
    assert_eq!(error.code(), Some(&CcrCode::NotExists), "{error:?}");
    assert!(files_in(folder.path()).is_empty(), "nothing written");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cancelled_download_leaves_no_file() {
    let sandbox = sandbox().await;
    let client = admin(&sandbox);
    let folder = tempfile::tempdir().unwrap();
    sandbox
        .import_chart(chart_archive("big", "1.0.0", 8 * 1024 * 1024), "library")
        .await
        .expect("import");
    let cancel = CancellationToken::new();
    let target = folder.path().join("big-1.0.0.tgz");
    let trigger = cancel.clone();
    let error = client
        .download_chart_to_file(
            "library",
            "big",
            "1.0.0",
            &target,
            move |p| {
                if p.bytes_done > 0 {
                    trigger.cancel();
                }
            },
            &cancel,
        )
        .await
        .unwrap_err();
    assert!(error.is_cancelled(), "{error:?}");
    assert!(
        files_in(folder.path()).is_empty(),
        "no partial or temporary file"
    );

    // Cancelled before it starts.
    let cancelled = CancellationToken::new();
    cancelled.cancel();
    let error = client
        .download_chart_to_file("library", "big", "1.0.0", &target, |_| {}, &cancelled)
        .await
        .unwrap_err();
    assert!(error.is_cancelled());
    assert!(files_in(folder.path()).is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_chart_file_names_are_refused_before_any_request() {
    let sandbox = sandbox().await;
    let client = admin(&sandbox);
    let mut sink = Vec::new();
    for (chart, version) in [
        ("../etc", "1.0.0"),
        ("ok", "1/0"),
        ("", "1.0.0"),
        ("ok", ""),
    ] {
        let error = client
            .download_chart(
                "library",
                chart,
                version,
                &mut sink,
                |_| {},
                &CancellationToken::new(),
            )
            .await
            .unwrap_err();
        assert!(
            matches!(error, ApiError::InvalidInput(_)),
            "{chart} {version}: {error:?}"
        );
    }
    assert!(sink.is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_deleted_chart_is_gone_with_all_versions() {
    let sandbox = sandbox().await;
    let client = admin(&sandbox);
    for version in ["1.0.0", "1.1.0"] {
        sandbox
            .import_chart(chart_archive("short-lived", version, 0), "library")
            .await
            .expect("import");
    }
    let listed = client
        .list_charts(&PageRequest::default().filtered("short-lived"))
        .await
        .expect("list")
        .value;
    assert_eq!(listed.total, 1);
    assert_eq!(listed.items[0].total_versions, Some(2));
    assert_eq!(listed.items[0].latest_version.as_deref(), Some("1.1.0"));

    client
        .delete_chart("library", "short-lived")
        .await
        .expect("delete");
    let listed = client
        .list_charts(&PageRequest::default().filtered("short-lived"))
        .await
        .expect("list")
        .value;
    assert_eq!(listed.total, 0);
    for version in ["1.0.0", "1.1.0"] {
        let mut sink = Vec::new();
        let error = client
            .download_chart(
                "library",
                "short-lived",
                version,
                &mut sink,
                |_| {},
                &CancellationToken::new(),
            )
            .await
            .unwrap_err();
        assert_eq!(error.code(), Some(&CcrCode::NotExists), "{error:?}");
        assert!(sink.is_empty());
    }
    let again = client
        .delete_chart("library", "short-lived")
        .await
        .unwrap_err();
    assert_eq!(again.code(), Some(&CcrCode::NotExists));
    assert_eq!(again.http_status(), Some(404));
}
