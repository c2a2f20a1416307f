//! Generated registries, for tests and benchmarks: [`generate`] fills a new data folder with as
//! many projects, repositories, artifacts and charts as asked for, spread and shaped like a real
//! registry's, the same for the same seed.
//!
//! - **Skew.** Repositories are spread over projects, artifacts over repositories and charts
//!   over projects by a Zipf law (exponent [`ZIPF_EXPONENT`] over a shuffled ranking), so a few
//!   repositories hold most artifacts; one in twenty repositories (rounded down) is empty.
//!   [`GenerateConfig::largest`] puts exactly that many artifacts into the top repository.
//! - **Names.** Single-level (`nginx`), two- and three-level (`backend/orders-api`,
//!   `core/batch/ledger-worker`) and mirrors (`mirror/quay.io/prometheus/node-exporter`), all
//!   within the document's rules.
//! - **Artifacts.** Single-platform images and multi-platform indexes with two to four platform
//!   images (a few repositories are mostly indexes); untagged artifacts, more of them among the
//!   old; tags in one of three styles per repository: semantic versions with release candidates
//!   and the floating `1.4`, `1`, `latest`, `stable`; dates (`2024.03.12`, `2024.03.12-2`); CI
//!   builds (`main-3f2a9c1`, `develop-…`, `pr-482`, `v1.2.3` releases, `main`, `latest`).
//! - **Sizes** per repository from KiB (configuration bundles) to GiB (models), drifting over its
//!   versions; **times** spread over two fixed years from 2023-09-19, pulls mostly recent and
//!   some artifacts never pulled; quotas unlimited or above what a project holds, one close to
//!   full.
//!
//! Everything goes in one write transaction through the store's own insert functions, so a
//! killed run leaves no half registry; the store is marked seeded, so the server adds no demo
//! data to it.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset};
use rusqlite::Connection;

use super::SandboxError;
use super::charts::{self, ChartSource};
use super::seed::demo_digest;
use super::store::{self, ArchiveSource, NewArtifact, Store, StoreError, Window};
use crate::contract;

/// 2023-09-19 14:18:52 UTC+08:00 (the document's first project creation): the generated
/// registry's first day.
const START_MS: i64 = 1_695_104_332_000;
const MINUTE_MS: i64 = 60_000;
const HOUR_MS: i64 = 60 * MINUTE_MS;
const DAY_MS: i64 = 24 * HOUR_MS;
/// The generated registry's history: two years.
const WINDOW_MS: i64 = 730 * DAY_MS;
/// Its last day; nothing is pushed or pulled later.
const END_MS: i64 = START_MS + WINDOW_MS;
const KIB: f64 = 1024.0;
const MIB: f64 = 1024.0 * KIB;
const GIB: f64 = 1024.0 * MIB;

/// The exponent of the Zipf law the counts follow: the item of rank `k` (from 1) weighs
/// `k^-ZIPF_EXPONENT`. With 400 repositories the top 4 hold about 39 % of the artifacts and the
/// top 40 about 72 %.
pub const ZIPF_EXPONENT: f64 = 1.1;
/// One repository in this many is empty.
const EMPTY_REPOSITORY_EVERY: usize = 20;
/// Page cache of the generating connection, in KiB (`PRAGMA cache_size` takes negative KiB).
const GENERATE_CACHE_KIB: i64 = 128 * 1024;

const OCI_MANIFEST: &str = "application/vnd.oci.image.manifest.v1+json";
const OCI_INDEX: &str = "application/vnd.oci.image.index.v1+json";
const DOCKER_MANIFEST: &str = "application/vnd.docker.distribution.manifest.v2+json";
const DOCKER_MANIFEST_LIST: &str = "application/vnd.docker.distribution.manifest.list.v2+json";

/// What to generate: totals across the registry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct GenerateConfig {
    /// Projects.
    pub projects: u32,
    /// Repositories, spread over the projects.
    pub repositories: u32,
    /// Top-level artifacts (what the artifact lists count: images and indexes, not the platform
    /// images inside an index), spread over the repositories.
    pub artifacts: u32,
    /// Helm charts (each with one to eight versions), spread over the projects.
    pub charts: u32,
    /// The seed: the same seed and counts give the same registry.
    pub seed: u64,
    /// Put exactly this many of the artifacts into one repository (the rest are spread over the
    /// others); `None`: the skew alone decides.
    pub largest: Option<u32>,
}

/// How many artifacts one repository holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RepositoryCount {
    /// Its project.
    pub project: String,
    /// Its name.
    pub repository: String,
    /// Its top-level artifacts.
    pub artifacts: u64,
}

/// What [`generate`] stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GenerateSummary {
    /// The store file written.
    pub store_file: PathBuf,
    /// Projects.
    pub projects: u64,
    /// Repositories.
    pub repositories: u64,
    /// Repositories without any artifact.
    pub empty_repositories: u64,
    /// Top-level artifacts (single-platform images and indexes).
    pub artifacts: u64,
    /// Of those, multi-platform indexes.
    pub indexes: u64,
    /// Platform images inside the indexes (not counted in [`Self::artifacts`]).
    pub platform_images: u64,
    /// Top-level artifacts without a tag.
    pub untagged_artifacts: u64,
    /// Tags.
    pub tags: u64,
    /// Charts.
    pub charts: u64,
    /// Chart versions.
    pub chart_versions: u64,
    /// What the images and chart archives take (what quotas count), in bytes.
    pub stored_bytes: u64,
    /// The repository with the most artifacts (the first such); `None` without artifacts.
    pub largest_repository: Option<RepositoryCount>,
}

/// Why a registry could not be generated.
#[derive(Debug, thiserror::Error)]
pub enum GenerateError {
    /// Things were asked for but nothing to hold them.
    #[error("{count} {what} need at least one {needs}")]
    NothingToHold {
        /// What was asked for ("repositories", "artifacts", "charts").
        what: &'static str,
        /// How many.
        count: u32,
        /// What would hold them ("project", "repository").
        needs: &'static str,
    },
    /// The largest repository would hold more than all artifacts.
    #[error("the largest repository cannot hold {largest} of {artifacts} artifacts")]
    LargestAboveTotal {
        /// Artifacts asked for in the largest repository.
        largest: u32,
        /// Artifacts asked for in all.
        artifacts: u32,
    },
    /// Artifacts are left beside the largest repository but there is no other repository.
    #[error("{left} artifacts are left beside the largest repository, but there is no other")]
    NoRoomBesideLargest {
        /// The artifacts not in the largest repository.
        left: u32,
    },
    /// The data folder already holds projects.
    #[error(
        "{} already holds {projects} projects; generate into a new or empty data folder",
        .store_file.display()
    )]
    NotEmpty {
        /// The store file.
        store_file: PathBuf,
        /// Projects it holds.
        projects: i64,
    },
    /// The store failed.
    #[error(transparent)]
    Sandbox(#[from] SandboxError),
}

impl From<StoreError> for GenerateError {
    fn from(err: StoreError) -> Self {
        Self::Sandbox(err.into())
    }
}

/// Fills the store in `data_dir` (created if missing; it must hold no project yet) with the
/// registry `config` asks for, in one transaction, and marks it seeded so that the server adds
/// no demo data. Runs on the calling thread.
pub fn generate(
    data_dir: &Path,
    config: &GenerateConfig,
) -> Result<GenerateSummary, GenerateError> {
    check(config)?;
    let store = Store::open_dir(data_dir)?;
    let store_file = data_dir.join(store::STORE_FILE_NAME);
    let (projects, _) = store.with_conn(|c| {
        store::list_projects(
            c,
            "",
            Window {
                offset: 0,
                limit: Some(0),
            },
        )
    })?;
    if projects > 0 {
        return Err(GenerateError::NotEmpty {
            store_file,
            projects,
        });
    }
    let mut rng = fastrand::Rng::with_seed(config.seed);
    let layout = plan(config, &mut rng);
    let mut summary = GenerateSummary {
        store_file,
        projects: 0,
        repositories: 0,
        empty_repositories: 0,
        artifacts: 0,
        indexes: 0,
        platform_images: 0,
        untagged_artifacts: 0,
        tags: 0,
        charts: 0,
        chart_versions: 0,
        stored_bytes: 0,
        largest_repository: None,
    };
    store.with_conn(|c| {
        c.pragma_update(None, "cache_size", -GENERATE_CACHE_KIB)?;
        let tx = store::write_tx(c)?;
        if !store::is_seeded(&tx)? {
            store::mark_seeded(&tx, super::time::now_ms())?;
        }
        let mut near_full_left = true;
        for (index, project) in layout.iter().enumerate() {
            let quota = QuotaChoice {
                first_project: index == 0,
                near_full_left: &mut near_full_left,
            };
            insert_project(&tx, project, config.seed, quota, &mut rng, &mut summary)?;
        }
        tx.commit()?;
        Ok(())
    })?;
    Ok(summary)
}

/// Refuses counts that cannot be met.
fn check(config: &GenerateConfig) -> Result<(), GenerateError> {
    let held = |what, count: u32, holders: u32, needs| {
        if count > 0 && holders == 0 {
            Err(GenerateError::NothingToHold { what, count, needs })
        } else {
            Ok(())
        }
    };
    held(
        "repositories",
        config.repositories,
        config.projects,
        "project",
    )?;
    held("charts", config.charts, config.projects, "project")?;
    held(
        "artifacts",
        config.artifacts,
        config.repositories,
        "repository",
    )?;
    if let Some(largest) = config.largest {
        if largest > config.artifacts {
            return Err(GenerateError::LargestAboveTotal {
                largest,
                artifacts: config.artifacts,
            });
        }
        if largest < config.artifacts && config.repositories < 2 {
            return Err(GenerateError::NoRoomBesideLargest {
                left: config.artifacts - largest,
            });
        }
    }
    Ok(())
}

// ---- numbers ------------------------------------------------------------------------------

/// `x` rounded down to a whole number (0 for negative or not finite; saturating).
#[allow(clippy::cast_sign_loss)] // negative values are answered as 0 first
fn floor_u64(x: f64) -> u64 {
    if x.is_finite() && x > 0.0 {
        x as u64
    } else {
        0
    }
}

/// `x` rounded down to a whole number (0 for negative or not finite; saturating).
fn floor_i64(x: f64) -> i64 {
    if x.is_finite() && x > 0.0 {
        x as i64
    } else {
        0
    }
}

/// `fraction` (0–1) of `span`, rounded down.
fn part_of(span: i64, fraction: f64) -> i64 {
    (span as f64 * fraction.clamp(0.0, 1.0)) as i64
}

/// A uniform time in `from..=to` (`from` when the span is empty).
fn time_between(rng: &mut fastrand::Rng, from: i64, to: i64) -> i64 {
    if to <= from { from } else { rng.i64(from..=to) }
}

/// A standard normal sample (Box–Muller).
fn normal(rng: &mut fastrand::Rng) -> f64 {
    let u1 = 1.0 - rng.f64();
    let u2 = rng.f64();
    (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
}

/// A log-uniform sample between `low` and `high`.
fn log_uniform(rng: &mut fastrand::Rng, low: f64, high: f64) -> f64 {
    (low.ln() + rng.f64() * (high.ln() - low.ln())).exp()
}

/// One of `items` (`""` when there is none).
fn pick<'a>(rng: &mut fastrand::Rng, items: &[&'a str]) -> &'a str {
    let len = u32::try_from(items.len()).unwrap_or(u32::MAX);
    if len == 0 {
        return "";
    }
    items[rng.u32(0..len) as usize]
}

/// The Zipf weights of ranks `0..n`.
fn zipf(n: usize) -> Vec<f64> {
    (1..=n).map(|k| (k as f64).powf(-ZIPF_EXPONENT)).collect()
}

/// `0..n` in a random order: `order[rank]` is the item of that rank.
fn shuffled(rng: &mut fastrand::Rng, n: usize) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    rng.shuffle(&mut order);
    order
}

/// Weights by item from weights by rank and a ranking (`order[rank]` = item).
fn by_item(order: &[usize], by_rank: &[f64]) -> Vec<f64> {
    let mut out = vec![0.0; order.len()];
    for (&item, &weight) in order.iter().zip(by_rank) {
        out[item] = weight;
    }
    out
}

/// Splits `total` into parts proportional to `weights` by the largest remainders (ties to the
/// first), in integers, so the parts add up to `total` exactly; all-zero weights count as
/// equal.
fn apportion(total: u64, weights: &[f64]) -> Vec<u64> {
    let max = weights.iter().copied().fold(0.0, f64::max);
    let scaled: Vec<u128> = if max > 0.0 {
        weights
            .iter()
            .map(|w| u128::from(floor_u64(w / max * 1_099_511_627_776.0)))
            .collect()
    } else {
        vec![1; weights.len()]
    };
    let sum: u128 = scaled.iter().sum();
    if sum == 0 {
        return vec![0; weights.len()];
    }
    let total_wide = u128::from(total);
    let mut parts = Vec::with_capacity(scaled.len());
    let mut remainders = Vec::with_capacity(scaled.len());
    for (i, weight) in scaled.iter().enumerate() {
        let share = total_wide * weight;
        parts.push((share / sum) as u64);
        remainders.push((share % sum, i));
    }
    let given: u64 = parts.iter().sum();
    remainders.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let left = usize::try_from(total.saturating_sub(given)).unwrap_or(usize::MAX);
    for &(_, i) in remainders.iter().take(left) {
        parts[i] += 1;
    }
    parts
}

/// [`apportion`], with one for every item of a positive weight first when there is enough.
fn apportion_at_least_one(total: u64, weights: &[f64]) -> Vec<u64> {
    let n = weights.iter().filter(|&&w| w > 0.0).count() as u64;
    if n == 0 || total < n {
        return apportion(total, weights);
    }
    apportion(total - n, weights)
        .into_iter()
        .zip(weights)
        .map(|(part, &w)| part + u64::from(w > 0.0))
        .collect()
}

// ---- the plan -----------------------------------------------------------------------------

/// A project to generate: its name and its repositories with their counts.
struct ProjectPlan {
    name: String,
    is_public: bool,
    created_ms: i64,
    repositories: Vec<RepositoryPlan>,
    charts: u64,
}

/// A repository to generate, with what its artifacts look like.
struct RepositoryPlan {
    name: String,
    summary: String,
    detail: String,
    author: String,
    created_ms: i64,
    artifacts: u64,
    profile: Profile,
}

/// How a repository's tags read.
#[derive(Debug, Clone, Copy)]
enum TagStyle {
    /// `1.4.2` (or `v1.4.2`), release candidates, `1.4`, `1`, `latest`, `stable`.
    Semver { v_prefix: bool, stable: bool },
    /// `2024.03.12`, `2024.03.12-2`, `latest`, `stable`.
    Dated,
    /// `main-3f2a9c1`, `develop-…`, `pr-482`, `v1.2.3`, `main`, `develop`, `latest`.
    Ci,
}

/// What a repository's artifacts look like.
struct Profile {
    /// Typical image size in bytes.
    base_bytes: f64,
    /// How much the size grows from the first version to the last (may be negative).
    growth: f64,
    /// Platforms of its indexes.
    platforms: &'static [&'static str],
    /// Share of its artifacts that are indexes.
    index_share: f64,
    /// OS and architecture of its single-platform images.
    single_platform: (&'static str, &'static str),
    /// Docker media types instead of OCI ones.
    docker: bool,
    /// Share of its artifacts without a tag (more of them among the old).
    untagged_share: f64,
    style: TagStyle,
}

const PLATFORM_SETS: [&[&str]; 3] = [
    &["amd64", "arm64"],
    &["amd64", "arm64", "arm"],
    &["amd64", "arm64", "ppc64le", "s390x"],
];

/// How much larger one platform's image is than the amd64 one.
fn platform_factor(architecture: &str) -> f64 {
    match architecture {
        "arm64" => 0.96,
        "arm" => 0.88,
        "ppc64le" => 1.05,
        "s390x" => 1.02,
        _ => 1.0,
    }
}

impl Profile {
    /// Replaced by [`Self::random`] once the repository's count is known.
    const PLACEHOLDER: Self = Self {
        base_bytes: MIB,
        growth: 0.0,
        platforms: PLATFORM_SETS[0],
        index_share: 0.0,
        single_platform: ("linux", "amd64"),
        docker: false,
        untagged_share: 0.0,
        style: TagStyle::Ci,
    };

    /// A repository's profile; `rank` 1 is always mostly indexes, 2 holds KiB-sized artifacts
    /// and 3 GiB-sized ones, so that a small registry shows every kind.
    fn random(rng: &mut fastrand::Rng, rank: usize, artifacts: u64) -> Self {
        let roll = rng.f64();
        let base_bytes = if rank == 2 || (rank > 3 && roll < 0.04) {
            log_uniform(rng, 2.0 * KIB, 900.0 * KIB)
        } else if rank == 3 || (rank > 3 && roll > 0.96) {
            log_uniform(rng, 1.2 * GIB, 14.0 * GIB)
        } else {
            (80.0 * MIB * (1.2 * normal(rng)).exp()).clamp(1.5 * MIB, 3.0 * GIB)
        };
        let multi_platform = rank == 1 || rng.f64() < 0.2;
        let platforms = PLATFORM_SETS[match rng.u32(0..20) {
            0..12 => 0,
            12..17 => 1,
            _ => 2,
        }];
        let single_platform = match rng.u32(0..40) {
            0 => ("windows", "amd64"),
            1..7 => ("linux", "arm64"),
            _ => ("linux", "amd64"),
        };
        let style = if artifacts > 1000 {
            TagStyle::Ci
        } else {
            match rng.u32(0..20) {
                0..11 => TagStyle::Semver {
                    v_prefix: rng.f64() < 0.4,
                    stable: rng.f64() < 0.3,
                },
                11..14 => TagStyle::Dated,
                _ => TagStyle::Ci,
            }
        };
        Self {
            base_bytes,
            growth: -0.1 + 0.7 * rng.f64(),
            platforms,
            index_share: if multi_platform { 0.75 } else { 0.02 },
            single_platform,
            docker: rng.f64() < 0.4,
            untagged_share: 0.05 + 0.3 * rng.f64(),
            style,
        }
    }
}

const PROJECT_NAMES: &[&str] = &[
    "library",
    "platform",
    "payments",
    "search",
    "data",
    "ml",
    "web",
    "mobile",
    "infra",
    "security",
    "identity",
    "billing",
    "analytics",
    "devops",
    "edge",
    "media",
    "logistics",
    "support",
    "marketing",
    "research",
    "finance",
    "retail",
    "gaming",
    "iot",
];

/// `n` distinct project names: the list, then the list again with `-2`, `-3`, …
fn project_names(n: usize) -> Vec<String> {
    (0..n)
        .map(|i| {
            let word = PROJECT_NAMES[i % PROJECT_NAMES.len()];
            match i / PROJECT_NAMES.len() {
                0 => word.to_owned(),
                round => format!("{word}-{}", round + 1),
            }
        })
        .collect()
}

/// Decides every count and name (the artifacts themselves come project by project).
fn plan(config: &GenerateConfig, rng: &mut fastrand::Rng) -> Vec<ProjectPlan> {
    let project_count = config.projects as usize;
    let project_ranks = shuffled(rng, project_count);
    let repository_weights = by_item(&project_ranks, &zipf(project_count));
    let repository_counts = if config.repositories >= config.projects {
        apportion_at_least_one(u64::from(config.repositories), &repository_weights)
    } else {
        apportion(u64::from(config.repositories), &repository_weights)
    };
    let chart_ranks = shuffled(rng, project_count);
    let chart_counts = apportion(
        u64::from(config.charts),
        &by_item(&chart_ranks, &zipf(project_count)),
    );

    let mut projects = Vec::with_capacity(project_count);
    for (i, name) in project_names(project_count).into_iter().enumerate() {
        let created_ms = START_MS + part_of(WINDOW_MS * 3 / 10, rng.f64());
        let is_public = i == 0 || rng.f64() < 0.3;
        let mut taken = HashSet::new();
        let repositories = (0..repository_counts[i])
            .map(|_| {
                let named = repository_name(rng, &mut taken);
                let created = time_between(
                    rng,
                    created_ms + HOUR_MS,
                    created_ms + (END_MS - created_ms) / 2,
                );
                RepositoryPlan {
                    summary: named.summary,
                    detail: named.detail,
                    author: author(rng, &name),
                    name: named.name,
                    created_ms: created,
                    artifacts: 0,
                    profile: Profile::PLACEHOLDER,
                }
            })
            .collect();
        projects.push(ProjectPlan {
            name,
            is_public,
            created_ms,
            repositories,
            charts: chart_counts[i],
        });
    }

    // Artifacts over every repository of the registry, by one ranking.
    let slots: Vec<(usize, usize)> = projects
        .iter()
        .enumerate()
        .flat_map(|(p, project)| (0..project.repositories.len()).map(move |r| (p, r)))
        .collect();
    let ranks = shuffled(rng, slots.len());
    let empty = slots.len() / EMPTY_REPOSITORY_EVERY;
    let mut weights = zipf(slots.len());
    for (rank, weight) in weights.iter_mut().enumerate() {
        if rank > 0 && rank >= slots.len() - empty {
            *weight = 0.0;
        }
    }
    let total = u64::from(config.artifacts);
    let counts_by_rank = match config.largest {
        Some(largest) if !weights.is_empty() => {
            let mut counts = vec![u64::from(largest)];
            counts.extend(apportion_at_least_one(
                total - u64::from(largest),
                &weights[1..],
            ));
            counts
        }
        _ => apportion_at_least_one(total, &weights),
    };
    for (rank, (&slot, &count)) in ranks.iter().zip(&counts_by_rank).enumerate() {
        let (p, r) = slots[slot];
        let repository = &mut projects[p].repositories[r];
        repository.artifacts = count;
        repository.profile = Profile::random(rng, rank, count);
    }
    projects
}

/// A repository's name with its summary and detail.
struct RepositoryName {
    name: String,
    summary: String,
    detail: String,
}

const BASE_IMAGES: &[&str] = &[
    "nginx",
    "redis",
    "postgres",
    "alpine",
    "busybox",
    "python",
    "node",
    "golang",
    "openjdk",
    "ubuntu",
    "debian",
    "mysql",
    "mongo",
    "rabbitmq",
    "kafka",
    "elasticsearch",
    "grafana",
    "prometheus",
    "traefik",
    "envoy",
    "haproxy",
    "memcached",
    "etcd",
    "vault",
    "minio",
];
const GROUPS: &[&str] = &[
    "backend", "frontend", "services", "tools", "base", "ci", "ops", "apps", "jobs", "internal",
];
const SQUADS: &[&str] = &["team", "core", "growth", "checkout", "squad-a", "squad-b"];
const LAYERS: &[&str] = &["backend", "frontend", "batch", "infra", "ml", "edge"];
const DOMAINS: &[&str] = &[
    "orders",
    "users",
    "payments",
    "catalog",
    "search",
    "inventory",
    "checkout",
    "auth",
    "billing",
    "notifications",
    "reports",
    "gateway",
    "ingest",
    "scheduler",
    "indexer",
    "recommender",
    "profile",
    "shipping",
    "pricing",
    "ledger",
    "fraud",
    "chat",
    "feed",
];
/// Component suffixes with how a summary calls them.
const COMPONENTS: &[(&str, &str)] = &[
    ("api", "REST API"),
    ("worker", "background worker"),
    ("service", "service"),
    ("web", "web front end"),
    ("cron", "scheduled jobs"),
    ("consumer", "event consumer"),
    ("proxy", "reverse proxy"),
    ("ui", "admin UI"),
    ("db-migrate", "database migrations"),
    ("sidecar", "sidecar"),
];
const MIRRORS: &[&str] = &[
    "docker.io/library/nginx",
    "docker.io/library/redis",
    "docker.io/library/postgres",
    "docker.io/library/alpine",
    "docker.io/library/python",
    "docker.io/grafana/grafana",
    "docker.io/bitnami/kafka",
    "quay.io/prometheus/prometheus",
    "quay.io/prometheus/node-exporter",
    "quay.io/jetstack/cert-manager-controller",
    "ghcr.io/fluxcd/source-controller",
    "registry.k8s.io/ingress-nginx/controller",
    "registry.k8s.io/kube-state-metrics/kube-state-metrics",
];
const DETAILS: &[&str] = &[
    "Built by CI from the main branch.",
    "Images are signed and scanned before release.",
    "Rebuilt every week on the latest base image.",
    "Owned by the on-call rotation; see the runbook before deleting tags.",
    "Release candidates are kept for 30 days.",
    "Runs as a non-root user with a read-only file system.",
    "Do not pull untagged digests in production.",
];

/// `orders` → `Orders`.
fn capitalized(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_ascii_uppercase().to_string() + chars.as_str()
    })
}

/// A new repository name within the document's rules, not in `taken`, with a summary and a
/// detail.
fn repository_name(rng: &mut fastrand::Rng, taken: &mut HashSet<String>) -> RepositoryName {
    let mut attempt = 0_u32;
    loop {
        attempt += 1;
        let domain = pick(rng, DOMAINS);
        let (suffix, role) = COMPONENTS[rng.u32(0..COMPONENTS.len() as u32) as usize];
        let component = if rng.f64() < 0.25 {
            domain.to_owned()
        } else {
            format!("{domain}-{suffix}")
        };
        let component_summary = if component == domain {
            format!("{} service", capitalized(domain))
        } else {
            format!("{} {role}", capitalized(domain))
        };
        let (mut name, summary) = match rng.u32(0..20) {
            0..4 => {
                let image = pick(rng, BASE_IMAGES);
                (image.to_owned(), format!("The {image} base image"))
            }
            4..13 => (
                format!("{}/{component}", pick(rng, GROUPS)),
                component_summary,
            ),
            13..18 => (
                format!("{}/{}/{component}", pick(rng, SQUADS), pick(rng, LAYERS)),
                component_summary,
            ),
            _ => {
                let upstream = pick(rng, MIRRORS);
                (
                    format!("mirror/{upstream}"),
                    format!("Mirror of {upstream}"),
                )
            }
        };
        if attempt > 8 {
            name = format!("{name}-{}", attempt - 7);
        }
        if contract::repository_name(&name).is_err() || !taken.insert(name.clone()) {
            continue;
        }
        let summary = if rng.f64() < 0.25 {
            String::new()
        } else {
            summary
        };
        let detail = match rng.u32(0..20) {
            0..11 => String::new(),
            11..17 => pick(rng, DETAILS).to_owned(),
            _ => format!("{} {}", pick(rng, DETAILS), pick(rng, DETAILS)),
        };
        return RepositoryName {
            name,
            summary,
            detail,
        };
    }
}

/// The author label of a repository's images in `project`: its team, CI, or none.
fn author(rng: &mut fastrand::Rng, project: &str) -> String {
    match rng.u32(0..20) {
        0..9 => format!("{} Team <{project}@example.com>", capitalized(project)),
        9..14 => "CI <ci@example.com>".to_owned(),
        _ => String::new(),
    }
}

// ---- artifacts ----------------------------------------------------------------------------

/// A tag to insert.
struct TagPlan {
    name: String,
    push_ms: i64,
    pull_ms: Option<i64>,
}

/// A platform image inside an index.
struct ChildPlan {
    digest: String,
    size: i64,
    architecture: &'static str,
    created_ms: i64,
    pull_ms: Option<i64>,
}

/// A top-level artifact to insert.
struct ArtifactPlan {
    digest: String,
    size: i64,
    push_ms: i64,
    pull_ms: Option<i64>,
    created_ms: i64,
    /// Platform images; empty for a single-platform image.
    children: Vec<ChildPlan>,
    tags: Vec<TagPlan>,
}

/// The next version of a semantic version line, with release candidates.
struct Versions {
    major: u32,
    minor: u32,
    patch: u32,
    started: bool,
    /// While release candidates of the current version are out: the last candidate number and
    /// how many more follow.
    candidates: Option<(u32, u32)>,
}

impl Versions {
    fn new(rng: &mut fastrand::Rng) -> Self {
        Self {
            major: rng.u32(0..=3),
            minor: rng.u32(0..=12),
            patch: 0,
            started: false,
            candidates: None,
        }
    }

    /// The next version: its text, and its `(major, minor)` line for a release (`None` for a
    /// release candidate).
    fn next(
        &mut self,
        rng: &mut fastrand::Rng,
        with_candidates: bool,
    ) -> (String, Option<(u32, u32)>) {
        let (major, minor, patch) = (self.major, self.minor, self.patch);
        if !self.started {
            self.started = true;
        } else if let Some((number, more)) = self.candidates {
            if more > 0 {
                self.candidates = Some((number + 1, more - 1));
                return (format!("{major}.{minor}.{patch}-rc.{}", number + 1), None);
            }
            self.candidates = None;
        } else {
            // 80 % patches, 17.5 % minor versions, 2.5 % major ones.
            let roll = rng.u32(0..40);
            match roll {
                0..32 => self.patch += 1,
                32..39 => (self.minor, self.patch) = (self.minor + 1, 0),
                _ => (self.major, self.minor, self.patch) = (self.major + 1, 0, 0),
            }
            let (major, minor, patch) = (self.major, self.minor, self.patch);
            if roll >= 32 && with_candidates && rng.f64() < 0.3 {
                self.candidates = Some((1, rng.u32(0..=2)));
                return (format!("{major}.{minor}.{patch}-rc.1"), None);
            }
        }
        let (major, minor, patch) = (self.major, self.minor, self.patch);
        (format!("{major}.{minor}.{patch}"), Some((major, minor)))
    }
}

/// The tag names of a repository's artifacts, oldest artifact first: each artifact's own tags,
/// then the floating ones that ended on it. Artifacts marked `untagged` get none of their own.
struct Tagger {
    tags: Vec<Vec<String>>,
    taken: HashSet<String>,
}

impl Tagger {
    fn add(&mut self, artifact: usize, name: String) {
        if self.taken.insert(name.clone()) {
            self.tags[artifact].push(name);
        }
    }

    fn names(
        rng: &mut fastrand::Rng,
        style: TagStyle,
        pushes: &[i64],
        untagged: &[bool],
    ) -> Vec<Vec<String>> {
        let mut tagger = Self {
            tags: vec![Vec::new(); pushes.len()],
            taken: HashSet::new(),
        };
        match style {
            TagStyle::Semver { v_prefix, stable } => {
                tagger.semver(rng, untagged, if v_prefix { "v" } else { "" }, stable);
            }
            TagStyle::Dated => tagger.dated(pushes, untagged),
            TagStyle::Ci => tagger.ci(rng, untagged),
        }
        tagger.tags
    }

    /// The artifacts that get tags of their own.
    fn tagged(untagged: &[bool]) -> impl Iterator<Item = usize> {
        untagged
            .iter()
            .enumerate()
            .filter(|(_, untagged)| !**untagged)
            .map(|(i, _)| i)
    }

    /// `1.4.2` (after `prefix`), release candidates, `1.4` for the newest three minor lines, `1`
    /// for the newest two majors, `latest`, and `stable` on the newest release of the minor line
    /// before the newest.
    fn semver(&mut self, rng: &mut fastrand::Rng, untagged: &[bool], prefix: &str, stable: bool) {
        let mut versions = Versions::new(rng);
        let mut lines = BTreeMap::<(u32, u32), usize>::new();
        let mut majors = BTreeMap::<u32, usize>::new();
        for i in Self::tagged(untagged) {
            let (version, release) = versions.next(rng, true);
            self.add(i, format!("{prefix}{version}"));
            if let Some((major, minor)) = release {
                lines.insert((major, minor), i);
                majors.insert(major, i);
            }
        }
        let newest_lines: Vec<((u32, u32), usize)> =
            lines.iter().rev().take(3).map(|(&k, &i)| (k, i)).collect();
        if let Some(&(_, latest)) = newest_lines.first() {
            self.add(latest, "latest".to_owned());
        }
        for &((major, minor), i) in &newest_lines {
            self.add(i, format!("{prefix}{major}.{minor}"));
        }
        for (major, &i) in majors.iter().rev().take(2) {
            if *major > 0 {
                self.add(i, format!("{prefix}{major}"));
            }
        }
        if let (true, Some(&(_, i))) = (stable, newest_lines.get(1)) {
            self.add(i, "stable".to_owned());
        }
    }

    /// The push day (`2024.03.12`, then `2024.03.12-2`), `latest`, and `stable` on the newest
    /// artifact a week older than the newest.
    fn dated(&mut self, pushes: &[i64], untagged: &[bool]) {
        let zone = FixedOffset::east_opt(8 * 3600);
        let mut newest = None;
        for i in Self::tagged(untagged) {
            let Some(day) = DateTime::from_timestamp_millis(pushes[i])
                .zip(zone)
                .map(|(t, zone)| t.with_timezone(&zone).format("%Y.%m.%d").to_string())
            else {
                continue;
            };
            let mut name = day.clone();
            for n in 2.. {
                if !self.taken.contains(&name) {
                    break;
                }
                name = format!("{day}-{n}");
            }
            self.add(i, name);
            newest = Some(i);
        }
        if let Some(latest) = newest {
            self.add(latest, "latest".to_owned());
            let week_before = pushes[latest] - 7 * DAY_MS;
            let stable = (0..latest)
                .rev()
                .find(|&i| !untagged[i] && pushes[i] <= week_before);
            if let Some(stable) = stable {
                self.add(stable, "stable".to_owned());
            }
        }
    }

    /// `main-3f2a9c1`, `develop-…`, `pr-482` on a pull request's newest build, a `v1.2.3`
    /// release every few dozen main builds, `main`, `develop` and `latest`.
    fn ci(&mut self, rng: &mut fastrand::Rng, untagged: &[bool]) {
        let mut shas = HashSet::new();
        let mut sha = |rng: &mut fastrand::Rng| loop {
            let value = rng.u32(0..1 << 28);
            if shas.insert(value) {
                break format!("{value:07x}");
            }
        };
        let release_every = rng.u32(15..=60);
        let mut since_release = 0;
        let mut versions = Versions::new(rng);
        let mut next_pr = rng.u32(100..=900);
        let mut open_pr = None;
        let (mut main, mut develop, mut release) = (None, None, None);
        let mut prs = BTreeMap::<u32, usize>::new();
        for i in Self::tagged(untagged) {
            match rng.u32(0..20) {
                0..14 => {
                    self.add(i, format!("main-{}", sha(rng)));
                    main = Some(i);
                    since_release += 1;
                    if since_release >= release_every {
                        since_release = 0;
                        let (version, _) = versions.next(rng, false);
                        self.add(i, format!("v{version}"));
                        release = Some(i);
                    }
                }
                14..17 => {
                    self.add(i, format!("develop-{}", sha(rng)));
                    develop = Some(i);
                }
                _ => {
                    // A build of a pull request: `pr-N` moves to its newest build, so
                    // the earlier ones end up untagged.
                    let pr = match open_pr {
                        Some(pr) if rng.bool() => pr,
                        _ => {
                            next_pr += rng.u32(1..=4);
                            next_pr
                        }
                    };
                    open_pr = Some(pr);
                    prs.insert(pr, i);
                }
            }
        }
        if let Some(i) = main {
            self.add(i, "main".to_owned());
        }
        if let Some(i) = develop {
            self.add(i, "develop".to_owned());
        }
        if let Some(i) = release.or(main) {
            self.add(i, "latest".to_owned());
        }
        // Merged pull requests lose their tags: the newest 30 keep them.
        for (pr, &i) in prs.iter().rev().take(30) {
            self.add(i, format!("pr-{pr}"));
        }
    }
}

/// The artifacts of `repository` in `project`, oldest first.
fn artifacts_of(
    rng: &mut fastrand::Rng,
    seed: u64,
    project: &str,
    repository: &RepositoryPlan,
) -> Vec<ArtifactPlan> {
    let n = usize::try_from(repository.artifacts).unwrap_or(usize::MAX);
    let profile = &repository.profile;
    let first = repository.created_ms + 10 * MINUTE_MS;
    let last = END_MS - HOUR_MS;
    let mut pushes: Vec<i64> = (0..n).map(|_| time_between(rng, first, last)).collect();
    pushes.sort_unstable();
    let age = |i: usize| {
        if n > 1 {
            1.0 - i as f64 / (n - 1) as f64
        } else {
            0.0
        }
    };
    let untagged: Vec<bool> = (0..n)
        .map(|i| i + 1 < n && rng.f64() < profile.untagged_share * 2.0 * age(i))
        .collect();
    let names = Tagger::names(rng, profile.style, &pushes, &untagged);
    let mut out = Vec::with_capacity(n);
    for (i, (tag_names, push_ms)) in names.into_iter().zip(pushes).enumerate() {
        let label = format!("generated {seed}: {project}/{} #{i}", repository.name);
        let drift = 1.0 + profile.growth * (1.0 - age(i)) + 0.06 * (rng.f64() - 0.5);
        let base = (profile.base_bytes * drift).max(KIB);
        let pulled_share =
            (0.3 + 0.6 * (1.0 - age(i))) * if tag_names.is_empty() { 0.5 } else { 1.0 };
        let pull_ms = (rng.f64() < pulled_share)
            .then(|| END_MS - part_of(END_MS - push_ms, rng.f64().powi(3)));
        let created_ms = push_ms - time_between(rng, 2 * MINUTE_MS, 2 * DAY_MS);
        let children: Vec<ChildPlan> = if rng.f64() < profile.index_share {
            profile
                .platforms
                .iter()
                .enumerate()
                .map(|(k, &architecture)| ChildPlan {
                    digest: demo_digest(&format!("{label} linux/{architecture}")),
                    size: floor_i64(
                        base * platform_factor(architecture) * (0.98 + 0.04 * rng.f64()),
                    ),
                    architecture,
                    created_ms,
                    pull_ms: pull_ms.filter(|_| k == 0 || rng.bool()),
                })
                .collect()
        } else {
            Vec::new()
        };
        let size = if children.is_empty() {
            floor_i64(base)
        } else {
            children.iter().map(|c| c.size).sum::<i64>() + 1_609
        };
        let tags = (0_i64..)
            .zip(tag_names)
            .map(|(k, name)| TagPlan {
                name,
                push_ms: push_ms + 1_091 + k,
                // The first tag was pulled last; another one maybe earlier, or never.
                pull_ms: match (pull_ms, k) {
                    (Some(pulled), 0) => Some(pulled),
                    (Some(pulled), _) if rng.bool() => {
                        Some(push_ms + part_of(pulled - push_ms, 0.5 + 0.5 * rng.f64()))
                    }
                    _ => None,
                },
            })
            .collect();
        out.push(ArtifactPlan {
            digest: demo_digest(&label),
            size,
            push_ms,
            pull_ms,
            created_ms,
            children,
            tags,
        });
    }
    out
}

// ---- charts -------------------------------------------------------------------------------

/// A chart version to store.
struct ChartVersionPlan {
    version: String,
    archive: Vec<u8>,
    at_ms: i64,
}

/// A chart to store, with its versions, oldest first.
struct ChartPlan {
    name: String,
    versions: Vec<ChartVersionPlan>,
}

const CHART_NAMES: &[&str] = &[
    "ingress-nginx",
    "cert-manager",
    "external-dns",
    "prometheus",
    "grafana",
    "loki",
    "fluent-bit",
    "metrics-server",
    "argo-cd",
    "keycloak",
    "vault",
    "minio",
    "rabbitmq",
    "kafka",
    "mongodb",
    "mysql",
    "postgresql",
    "redis",
    "memcached",
    "session-cache",
    "gitlab-runner",
    "velero",
];

/// The demo chart a generated chart is built from: a database, a cache or a web application.
fn template_for(name: &str) -> &'static ChartSource {
    if ["postgres", "mysql", "mongodb", "-db"]
        .iter()
        .any(|k| name.contains(k))
    {
        &charts::POSTGRESQL
    } else if ["redis", "memcached", "cache"]
        .iter()
        .any(|k| name.contains(k))
    {
        &charts::REDIS
    } else {
        &charts::WEB_APP
    }
}

/// A `Chart.yaml` with its `name:` and `version:` lines replaced.
fn chart_yaml(text: &str, name: &str, version: &str) -> String {
    let mut out = String::with_capacity(text.len() + 32);
    for line in text.lines() {
        if line.starts_with("name:") {
            out.push_str("name: ");
            out.push_str(name);
        } else if line.starts_with("version:") {
            out.push_str("version: ");
            out.push_str(version);
        } else {
            out.push_str(line);
        }
        out.push('\n');
    }
    out
}

/// The `.tgz` of chart `name` at `version`, built from `template`'s files the way the demo
/// charts are ([`charts::pack_archive`]), with `name` and `version` in its `Chart.yaml`.
fn chart_archive(
    template: &ChartSource,
    name: &str,
    version: &str,
) -> Result<Vec<u8>, std::io::Error> {
    let files: Vec<(String, String)> = template
        .files
        .iter()
        .map(|(path, text)| {
            let text = if *path == "Chart.yaml" {
                chart_yaml(text, name, version)
            } else {
                (*text).to_owned()
            };
            (format!("{name}/{path}"), text)
        })
        .collect();
    charts::pack_archive(files)
}

/// The charts of `project`, with their archives.
fn charts_of(
    rng: &mut fastrand::Rng,
    project: &ProjectPlan,
) -> Result<Vec<ChartPlan>, std::io::Error> {
    let mut taken = HashSet::new();
    let mut out = Vec::new();
    for i in 0..project.charts {
        let mut name = if rng.f64() < 0.6 {
            pick(rng, CHART_NAMES).to_owned()
        } else {
            let (suffix, _) = COMPONENTS[rng.u32(0..COMPONENTS.len() as u32) as usize];
            format!("{}-{suffix}", pick(rng, DOMAINS))
        };
        if !taken.insert(name.clone()) {
            name = format!("{name}-{}", i + 2);
            taken.insert(name.clone());
        }
        let count = 1 + rng.u32(0..3) + if rng.f64() < 0.3 { rng.u32(0..5) } else { 0 };
        let mut at_ms = time_between(
            rng,
            project.created_ms + HOUR_MS,
            project.created_ms + (END_MS - project.created_ms) / 2,
        );
        let mut versions = Versions::new(rng);
        let template = template_for(&name);
        let mut planned = Vec::new();
        for _ in 0..count {
            let (version, _) = versions.next(rng, true);
            planned.push(ChartVersionPlan {
                archive: chart_archive(template, &name, &version)?,
                version,
                at_ms,
            });
            at_ms = time_between(rng, at_ms + HOUR_MS, at_ms + (END_MS - at_ms) / 3);
        }
        out.push(ChartPlan {
            name,
            versions: planned,
        });
    }
    Ok(out)
}

// ---- storing ------------------------------------------------------------------------------

/// What decides a project's quota.
struct QuotaChoice<'a> {
    /// The first project (`library`) is always unlimited.
    first_project: bool,
    /// Whether the project close to its quota is still to come.
    near_full_left: &'a mut bool,
}

impl QuotaChoice<'_> {
    /// Unlimited (-1), about 92 % used for the first limited project that holds something, or
    /// a round number of GiB 1.5 to 4 times what it holds (at least 1 to 64 GiB).
    fn quota_bytes(self, rng: &mut fastrand::Rng, used_bytes: i64) -> i64 {
        if self.first_project || rng.f64() < 0.4 {
            return -1;
        }
        let used = used_bytes as f64;
        if used_bytes > 0 && *self.near_full_left {
            *self.near_full_left = false;
            return ((used / 0.92 / MIB).ceil() * MIB) as i64;
        }
        let at_least = GIB * f64::from(1_u32 << rng.u32(0..7));
        let wanted_gib = (used * (1.5 + 2.5 * rng.f64())).max(at_least) / GIB;
        let step = 10_f64.powf(wanted_gib.log10().floor());
        ((wanted_gib / step).ceil() * step * GIB) as i64
    }
}

/// Generates and stores one project with its charts, repositories and artifacts.
fn insert_project(
    tx: &Connection,
    project: &ProjectPlan,
    seed: u64,
    quota: QuotaChoice<'_>,
    rng: &mut fastrand::Rng,
    summary: &mut GenerateSummary,
) -> Result<(), StoreError> {
    let contents: Vec<Vec<ArtifactPlan>> = project
        .repositories
        .iter()
        .map(|repository| artifacts_of(rng, seed, &project.name, repository))
        .collect();
    let charts = charts_of(rng, project)?;
    let image_bytes: i64 = contents
        .iter()
        .flatten()
        .map(|a| {
            if a.children.is_empty() {
                a.size
            } else {
                a.children.iter().map(|c| c.size).sum()
            }
        })
        .sum();
    let chart_bytes: i64 = charts
        .iter()
        .flat_map(|c| &c.versions)
        .map(|v| i64::try_from(v.archive.len()).unwrap_or(i64::MAX))
        .sum();
    let used_bytes = image_bytes + chart_bytes;
    let quota_bytes = quota.quota_bytes(rng, used_bytes);
    let project_id = store::create_project(
        tx,
        &project.name,
        project.is_public,
        quota_bytes,
        project.created_ms,
    )?;
    summary.projects += 1;
    summary.stored_bytes += u64::try_from(used_bytes).unwrap_or(0);
    // Charts first: the quota check of each version then sums an empty project's images.
    for chart in &charts {
        for version in &chart.versions {
            store::store_chart_version(
                tx,
                &project.name,
                &chart.name,
                &version.version,
                ArchiveSource::Bytes(&version.archive),
                version.at_ms,
            )?;
            summary.chart_versions += 1;
        }
        summary.charts += 1;
    }
    for (repository, artifacts) in project.repositories.iter().zip(&contents) {
        let repository_id = store::insert_repository(
            tx,
            project_id,
            &repository.name,
            &repository.summary,
            &repository.detail,
            repository.created_ms,
        )?;
        for artifact in artifacts {
            insert_artifact(tx, repository_id, repository, artifact)?;
            summary.indexes += u64::from(!artifact.children.is_empty());
            summary.platform_images += artifact.children.len() as u64;
            summary.untagged_artifacts += u64::from(artifact.tags.is_empty());
            summary.tags += artifact.tags.len() as u64;
        }
        let count = artifacts.len() as u64;
        summary.repositories += 1;
        summary.artifacts += count;
        summary.empty_repositories += u64::from(count == 0);
        let larger = summary
            .largest_repository
            .as_ref()
            .is_none_or(|largest| count > largest.artifacts);
        if count > 0 && larger {
            summary.largest_repository = Some(RepositoryCount {
                project: project.name.clone(),
                repository: repository.name.clone(),
                artifacts: count,
            });
        }
    }
    Ok(())
}

/// Stores one artifact: its platform images first, then it, its references and its tags.
fn insert_artifact(
    tx: &Connection,
    repository_id: i64,
    repository: &RepositoryPlan,
    artifact: &ArtifactPlan,
) -> Result<(), StoreError> {
    let profile = &repository.profile;
    let (image_type, index_type) = if profile.docker {
        (DOCKER_MANIFEST, DOCKER_MANIFEST_LIST)
    } else {
        (OCI_MANIFEST, OCI_INDEX)
    };
    let mut children = Vec::with_capacity(artifact.children.len());
    for child in &artifact.children {
        let row = NewArtifact {
            digest: &child.digest,
            media_type: image_type,
            is_index: false,
            size: child.size,
            os: "linux",
            architecture: child.architecture,
            author: &repository.author,
            created_ms: Some(child.created_ms),
            push_ms: artifact.push_ms,
            pull_ms: child.pull_ms,
        };
        children.push((store::insert_artifact(tx, repository_id, &row)?, child));
    }
    let is_index = !children.is_empty();
    let (os, architecture) = if is_index {
        ("", "")
    } else {
        profile.single_platform
    };
    let row = NewArtifact {
        digest: &artifact.digest,
        media_type: if is_index { index_type } else { image_type },
        is_index,
        size: artifact.size,
        os,
        architecture,
        author: if is_index { "" } else { &repository.author },
        created_ms: (!is_index).then_some(artifact.created_ms),
        push_ms: artifact.push_ms,
        pull_ms: artifact.pull_ms,
    };
    let id = store::insert_artifact(tx, repository_id, &row)?;
    for (child_id, child) in children {
        store::insert_reference(tx, id, child_id, "linux", child.architecture)?;
    }
    for tag in &artifact.tags {
        store::insert_tag(tx, repository_id, id, &tag.name, tag.push_ms, tag.pull_ms)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn apportion_is_exact_and_skewed() {
        let parts = apportion(300, &zipf(20));
        assert_eq!(parts.iter().sum::<u64>(), 300);
        assert!(parts.windows(2).all(|w| w[0] >= w[1]), "{parts:?}");
        assert!(parts[0] > 5 * parts[19], "{parts:?}");
        assert_eq!(apportion(7, &[0.0, 0.0, 0.0]), [3, 2, 2]);
        assert_eq!(apportion(0, &[1.0, 2.0]), [0, 0]);
        assert!(apportion(5, &[]).is_empty());
        let at_least = apportion_at_least_one(10, &zipf(10));
        assert_eq!(at_least, [1; 10]);
        assert_eq!(
            apportion_at_least_one(3, &[0.0, 1.0, 0.5, 0.0]),
            [0, 2, 1, 0]
        );
        assert_eq!(apportion_at_least_one(1, &[1.0, 0.5]), [1, 0]);
        let parts = apportion(100_000, &zipf(400));
        assert_eq!(parts.iter().sum::<u64>(), 100_000);
        let top_tenth: u64 = parts[..40].iter().sum();
        assert!((70_000..75_000).contains(&top_tenth), "{top_tenth}");
    }

    #[test]
    fn names_follow_the_documents_rules() {
        let mut rng = fastrand::Rng::with_seed(3);
        let mut taken = HashSet::new();
        for _ in 0..2000 {
            let named = repository_name(&mut rng, &mut taken);
            assert_eq!(
                contract::repository_name(&named.name),
                Ok(()),
                "{}",
                named.name
            );
            assert_eq!(contract::repository_summary(&named.summary), Ok(()));
            assert_eq!(contract::repository_detail(&named.detail), Ok(()));
        }
        assert_eq!(taken.len(), 2000);
        for name in project_names(100) {
            assert_eq!(contract::project_name(&name), Ok(()), "{name}");
        }
        assert_eq!(project_names(26)[25], "platform-2");
    }

    #[test]
    fn tags_are_unique_and_version_like() {
        let mut rng = fastrand::Rng::with_seed(11);
        let pushes: Vec<i64> = (0..400).map(|i| START_MS + i * HOUR_MS).collect();
        let untagged: Vec<bool> = (0..400).map(|i| i % 7 == 3).collect();
        for style in [
            TagStyle::Semver {
                v_prefix: true,
                stable: true,
            },
            TagStyle::Dated,
            TagStyle::Ci,
        ] {
            let names = Tagger::names(&mut rng, style, &pushes, &untagged);
            let all: Vec<&String> = names.iter().flatten().collect();
            let unique: HashSet<&String> = all.iter().copied().collect();
            assert_eq!(all.len(), unique.len(), "{style:?}");
            assert!(all.iter().any(|t| *t == "latest"), "{style:?}");
            assert!(!names[399].is_empty(), "the newest is tagged: {style:?}");
        }
        let names = Tagger::names(
            &mut rng,
            TagStyle::Semver {
                v_prefix: false,
                stable: false,
            },
            &pushes,
            &untagged,
        );
        assert!(names[3].is_empty());
        let latest = names
            .iter()
            .find(|tags| tags.iter().any(|t| t == "latest"))
            .unwrap();
        assert!(
            latest.len() >= 3,
            "version, its minor line and latest: {latest:?}"
        );
        assert!(names[0][0].split('.').count() == 3, "{:?}", names[0]);
    }

    #[test]
    fn generated_charts_are_charts_of_their_name() {
        let archive = chart_archive(&charts::REDIS, "session-cache", "1.2.0-rc.1").unwrap();
        let meta = charts::read_meta(archive.as_slice()).unwrap();
        assert_eq!(meta.name, "session-cache");
        assert_eq!(meta.version, "1.2.0-rc.1");
        assert_eq!(
            archive,
            chart_archive(&charts::REDIS, "session-cache", "1.2.0-rc.1").unwrap()
        );
    }

    #[test]
    fn impossible_counts_are_refused() {
        let config = |projects, repositories, artifacts, largest| GenerateConfig {
            projects,
            repositories,
            artifacts,
            largest,
            ..GenerateConfig::default()
        };
        assert!(matches!(
            check(&config(0, 3, 0, None)),
            Err(GenerateError::NothingToHold {
                needs: "project",
                ..
            })
        ));
        assert!(matches!(
            check(&config(1, 0, 3, None)),
            Err(GenerateError::NothingToHold {
                needs: "repository",
                ..
            })
        ));
        assert!(matches!(
            check(&config(1, 2, 3, Some(4))),
            Err(GenerateError::LargestAboveTotal { .. })
        ));
        assert!(matches!(
            check(&config(1, 1, 3, Some(2))),
            Err(GenerateError::NoRoomBesideLargest { left: 1 })
        ));
        assert!(check(&config(1, 1, 3, Some(3))).is_ok());
        assert!(check(&config(0, 0, 0, None)).is_ok());
    }
}
