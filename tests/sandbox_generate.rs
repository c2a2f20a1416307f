//! `ccr-sandbox generate`: a generated registry served by the sandbox shows exactly the totals
//! asked for through the client's lists, with the content of a real one (multi-level names,
//! indexes with platform images, untagged artifacts, several and version-like tags, sizes from
//! KiB to GiB, two years of pushes); `--largest` fills one repository; the same seed gives the
//! same registry; the binary generates a folder its server then serves.

#![allow(clippy::expect_used)] // a test that cannot go on says why, and fails

mod common;

use std::collections::BTreeMap;
use std::io::{BufRead as _, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};

use ccr_desk::api::models::{Artifact, Timestamp};
use ccr_desk::api::{CcrClient, PageRequest};
use ccr_desk::sandbox::{
    self, GenerateConfig, GenerateError, GenerateSummary, RunningSandbox, SandboxConfig, Storage,
};

const BIN: &str = env!("CARGO_BIN_EXE_ccr-sandbox");
const BASE: &str = "/api/ccr/v1.0/instances/ccr-manager";
const MIB: i64 = 1024 * 1024;
const PAGE: u32 = 100;

fn counts(projects: u32, repositories: u32, artifacts: u32, charts: u32) -> GenerateConfig {
    GenerateConfig {
        projects,
        repositories,
        artifacts,
        charts,
        seed: 7,
        largest: None,
    }
}

/// Generates `config` into a new temporary folder.
async fn generated(config: GenerateConfig) -> (tempfile::TempDir, GenerateSummary) {
    let dir = tempfile::tempdir().expect("temporary folder");
    let path = dir.path().to_owned();
    let summary = tokio::task::spawn_blocking(move || sandbox::generate(&path, &config))
        .await
        .expect("the generator ran")
        .expect("the registry is generated");
    (dir, summary)
}

/// The sandbox served from `dir`.
async fn serve(dir: &Path) -> RunningSandbox {
    sandbox::start(SandboxConfig {
        storage: Storage::Data(dir.to_owned()),
        ..SandboxConfig::ephemeral_loopback()
    })
    .await
    .expect("the sandbox starts on the generated folder")
}

/// One repository as the client lists it: the total its list reported and every artifact.
struct Listed {
    project: String,
    name: String,
    total: u64,
    artifacts: Vec<Artifact>,
}

/// An artifact's digest and tag names.
type Fingerprint = (String, Vec<String>);

/// What the client's lists show of the whole registry.
struct Registry {
    projects: Vec<ccr_desk::api::models::Project>,
    repositories: Vec<Listed>,
    /// `(project, chart)` → versions.
    charts: BTreeMap<(String, String), i64>,
}

impl Registry {
    /// Every repository's name with its artifacts' digests and tags, in list order.
    fn fingerprint(&self) -> Vec<(String, Vec<Fingerprint>)> {
        self.repositories
            .iter()
            .map(|r| {
                let artifacts = r
                    .artifacts
                    .iter()
                    .map(|a| {
                        let tags = a.tags.iter().map(|t| t.name.clone()).collect();
                        (a.digest.clone(), tags)
                    })
                    .collect();
                (format!("{}/{}", r.project, r.name), artifacts)
            })
            .collect()
    }

    fn artifacts(&self) -> impl Iterator<Item = &Artifact> {
        self.repositories.iter().flat_map(|r| &r.artifacts)
    }
}

/// Reads every project, repository, artifact and chart through the client, page by page.
async fn read(client: &CcrClient) -> Registry {
    let projects = client
        .list_projects(&PageRequest::everything())
        .await
        .expect("projects")
        .value;
    assert_eq!(projects.total, projects.items.len() as u64);
    let mut repositories = Vec::new();
    for project in &projects.items {
        let name = &project.project_name;
        let mut names = Vec::new();
        for page in 1.. {
            let listed = client
                .list_repositories(name, &PageRequest::new(page, PAGE))
                .await
                .expect("repositories")
                .value;
            let short = listed.items.len() < PAGE as usize;
            names.extend(listed.items.into_iter().map(|r| r.repository_name));
            if short {
                assert_eq!(names.len() as u64, listed.total, "{name}");
                break;
            }
        }
        for repository in names {
            let mut artifacts = Vec::new();
            let mut total = 0;
            for page in 1.. {
                let listed = client
                    .list_artifacts(name, &repository, &PageRequest::new(page, PAGE))
                    .await
                    .expect("artifacts")
                    .value;
                total = listed.total;
                let short = listed.items.len() < PAGE as usize;
                artifacts.extend(listed.items);
                if short {
                    break;
                }
            }
            repositories.push(Listed {
                project: name.clone(),
                name: repository,
                total,
                artifacts,
            });
        }
    }
    let charts = client
        .list_charts(&PageRequest::everything())
        .await
        .expect("charts")
        .value;
    assert_eq!(charts.total, charts.items.len() as u64);
    let charts = charts
        .items
        .into_iter()
        .map(|c| {
            let versions = c.total_versions.expect("a version count");
            ((c.project_name, c.name), versions)
        })
        .collect();
    Registry {
        projects: projects.items,
        repositories,
        charts,
    }
}

/// `1.4.2`, `v1.4.2`, `1.5.0-rc.1`: three dot-separated numbers.
fn version_like(tag: &str) -> bool {
    let release = tag.trim_start_matches('v');
    let release = release.split_once("-rc.").map_or(release, |(r, _)| r);
    let parts: Vec<&str> = release.split('.').collect();
    parts.len() == 3
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
}

fn push_ms(artifact: &Artifact) -> i64 {
    match &artifact.push_time {
        Some(Timestamp::At(at)) => at.timestamp_millis(),
        other => panic!("a push time: {other:?}"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_generated_registry_shows_exactly_the_totals_asked_for() {
    let (dir, summary) = generated(counts(5, 20, 300, 6)).await;
    assert_eq!(
        (
            summary.projects,
            summary.repositories,
            summary.artifacts,
            summary.charts
        ),
        (5, 20, 300, 6)
    );
    let server = serve(dir.path()).await;
    let registry = read(&common::admin(&server)).await;

    assert_eq!(registry.projects.len(), 5, "no demo data beside it");
    assert_eq!(registry.repositories.len(), 20);
    let listed: u64 = registry.repositories.iter().map(|r| r.total).sum();
    assert_eq!(listed, 300);
    for repository in &registry.repositories {
        assert_eq!(repository.total, repository.artifacts.len() as u64);
    }
    assert_eq!(registry.charts.len(), 6);
    let versions: i64 = registry.charts.values().sum();
    assert_eq!(u64::try_from(versions), Ok(summary.chart_versions));
    assert!(registry.charts.values().all(|&v| v >= 1));

    // A real registry's skew: the largest repository holds several times the mean, and some
    // repository is empty.
    let largest = registry
        .repositories
        .iter()
        .max_by_key(|r| r.total)
        .expect("repositories");
    assert!(largest.total >= 3 * 300 / 20, "{}", largest.total);
    let reported = summary.largest_repository.as_ref().expect("a largest");
    assert_eq!(reported.artifacts, largest.total);
    assert!(registry.repositories.iter().any(|r| r.total == 0));
    assert_eq!(summary.empty_repositories, 1);

    // Multi-level names, down to three levels and more.
    let levels = |r: &Listed| r.name.matches('/').count();
    assert!(registry.repositories.iter().any(|r| levels(r) == 0));
    assert!(registry.repositories.iter().any(|r| levels(r) >= 1));
    assert!(registry.repositories.iter().any(|r| levels(r) >= 2));

    // Indexes with their platform images, untagged artifacts, several tags on one artifact,
    // version-like tags and others.
    let indexes: Vec<&Artifact> = registry.artifacts().filter(|a| a.is_index()).collect();
    assert!(!indexes.is_empty());
    assert!(indexes.iter().all(|a| a.references.len() >= 2));
    assert_eq!(indexes.len() as u64, summary.indexes);
    let untagged = registry.artifacts().filter(|a| a.tags.is_empty()).count();
    assert!(untagged > 0);
    assert_eq!(untagged as u64, summary.untagged_artifacts);
    assert!(registry.artifacts().any(|a| a.tags.len() >= 3));
    let tags: Vec<&str> = registry
        .artifacts()
        .flat_map(|a| a.tags.iter().map(|t| t.name.as_str()))
        .collect();
    assert_eq!(tags.len() as u64, summary.tags);
    assert!(tags.iter().any(|t| version_like(t)), "{tags:?}");
    assert!(tags.contains(&"latest"));
    assert!(tags.iter().any(|t| !version_like(t) && *t != "latest"));

    // Sizes from KiB to GiB, pushes spread over two years, some never pulled.
    let sizes: Vec<i64> = registry.artifacts().filter_map(|a| a.size).collect();
    assert!(sizes.iter().any(|&s| s < MIB), "{sizes:?}");
    assert!(sizes.iter().any(|&s| s > 1024 * MIB), "{sizes:?}");
    let pushes: Vec<i64> = registry.artifacts().map(push_ms).collect();
    let span_days = (pushes.iter().max().expect("pushes") - pushes.iter().min().expect("pushes"))
        / (24 * 3600 * 1000);
    assert!((365..=730).contains(&span_days), "{span_days} days");
    assert!(
        registry
            .artifacts()
            .any(|a| matches!(a.pull_time, Some(Timestamp::Never) | None))
    );
    assert!(
        registry
            .artifacts()
            .any(|a| matches!(a.pull_time, Some(Timestamp::At(_))))
    );

    // Quotas hold what the projects hold.
    for project in &registry.projects {
        if let (Some(quota), Some(used)) = (project.quota, project.storage_used)
            && quota >= 0
        {
            assert!(used <= quota, "{}: {used} of {quota}", project.project_name);
        }
    }
    server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn largest_puts_that_many_artifacts_into_one_repository() {
    let (dir, summary) = generated(GenerateConfig {
        largest: Some(120),
        ..counts(5, 20, 300, 0)
    })
    .await;
    let server = serve(dir.path()).await;
    let registry = read(&common::admin(&server)).await;
    let mut totals: Vec<u64> = registry.repositories.iter().map(|r| r.total).collect();
    totals.sort_unstable();
    assert_eq!(totals.iter().sum::<u64>(), 300);
    assert_eq!(totals.last(), Some(&120), "{totals:?}");
    assert_eq!(
        summary.largest_repository.map(|r| r.artifacts),
        Some(120),
        "{totals:?}"
    );
    server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_same_seed_gives_the_same_registry() {
    let config = counts(3, 8, 60, 2);
    let mut seen = Vec::new();
    for config in [config, config, GenerateConfig { seed: 8, ..config }] {
        let (dir, summary) = generated(config).await;
        let server = serve(dir.path()).await;
        let registry = read(&common::admin(&server)).await;
        server.shutdown().await;
        let summary = GenerateSummary {
            store_file: std::path::PathBuf::new(),
            ..summary
        };
        seen.push((registry.fingerprint(), registry.charts, summary));
    }
    assert!(seen[0].0.iter().any(|(_, artifacts)| !artifacts.is_empty()));
    assert_eq!(seen[0], seen[1], "the same seed");
    assert_ne!(seen[0].0, seen[2].0, "another seed");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_folder_that_holds_a_registry_is_refused() {
    let (dir, _) = generated(counts(2, 3, 10, 1)).await;
    let again = sandbox::generate(dir.path(), &counts(2, 3, 10, 1));
    assert!(
        matches!(again, Err(GenerateError::NotEmpty { projects: 2, .. })),
        "{again:?}"
    );

    // A folder the server has seeded with its demo data.
    let demo = tempfile::tempdir().expect("temporary folder");
    serve(demo.path()).await.shutdown().await;
    let refused = sandbox::generate(demo.path(), &counts(2, 3, 10, 0));
    assert!(
        matches!(refused, Err(GenerateError::NotEmpty { .. })),
        "{refused:?}"
    );

    let impossible = sandbox::generate(demo.path(), &counts(0, 3, 10, 0));
    assert!(
        matches!(impossible, Err(GenerateError::NothingToHold { .. })),
        "{impossible:?}"
    );
}

/// The binary's server, killed when dropped.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_binary_generates_a_folder_that_its_server_serves() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let data = dir.path().join("generated");
    let generate = || {
        Command::new(BIN)
            .args(["generate", "--projects", "3", "--repositories", "6"])
            .args(["--artifacts", "40", "--charts", "2", "--seed", "3"])
            .args(["--largest", "20", "--data"])
            .arg(&data)
            .env("RUST_LOG", "warn")
            .output()
            .expect("ccr-sandbox runs")
    };
    let output = generate();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stdout}{stderr}");
    assert!(
        stdout.starts_with("generated 3 projects, 6 repositories"),
        "{stdout}"
    );
    assert!(stdout.contains("with 20 artifacts"), "{stdout}");

    let again = generate();
    assert!(!again.status.success());
    let stderr = String::from_utf8_lossy(&again.stderr);
    assert!(stderr.contains("already holds 3 projects"), "{stderr}");

    let mut child = Command::new(BIN)
        .args(["--listen", "127.0.0.1:0", "--data"])
        .arg(&data)
        .env("RUST_LOG", "warn")
        .env_remove("CCR_SANDBOX_ADMIN_PASSWORD")
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("ccr-sandbox starts");
    let stdout = child.stdout.take().expect("stdout is piped");
    let _server = Server(child);
    let mut first = String::new();
    BufReader::new(stdout)
        .read_line(&mut first)
        .expect("the first line");
    let base_url = first
        .trim()
        .strip_prefix("ccr-sandbox listening on ")
        .unwrap_or_else(|| panic!("unexpected first line {first:?}"))
        .to_owned();
    let http = reqwest::Client::builder()
        .no_proxy()
        .build()
        .expect("client");
    let get = async |path: &str| -> serde_json::Value {
        http.get(format!("{base_url}{BASE}{path}"))
            .basic_auth("admin", Some("Harbor12345"))
            .send()
            .await
            .expect("an answer")
            .json()
            .await
            .expect("JSON")
    };
    let projects = get("/projects?pageSize=100").await;
    assert_eq!(projects["total"], 3, "{projects}");
    let mut repositories = 0;
    let mut artifacts = 0;
    for project in projects["projects"].as_array().expect("projects") {
        let name = project["projectName"].as_str().expect("a name");
        let listed = get(&format!("/projects/{name}/repositories?pageSize=100")).await;
        for repository in listed["data"].as_array().expect("repositories") {
            let repository = repository["repositoryName"].as_str().expect("a name");
            let encoded = repository.replace('/', "%2F");
            let listed = get(&format!(
                "/projects/{name}/repositories/{encoded}/artifacts?pageSize=1"
            ))
            .await;
            artifacts += listed["total"].as_u64().expect("a total");
            repositories += 1;
        }
    }
    assert_eq!((repositories, artifacts), (6, 40));
    let charts = get("/projects/charts?pageSize=100").await;
    assert_eq!(charts["total"], 2, "{charts}");
}
