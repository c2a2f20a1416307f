//! The local registry index on a registry of 100 000 artifacts: crawl throughput against `curl`
//! fetching the same pages, search latency, the crawling process's peak memory and the index's
//! size on disk.
//!
//! `cargo bench --bench index` generates a registry with `ccr-sandbox generate` (20 projects,
//! 400 repositories, 100 000 artifacts of which 30 000 in one repository, 200 charts) into a
//! temporary data folder and serves it with `ccr-sandbox` as its own process on loopback. Then,
//! alternating, `BENCH_ROUNDS` times (default 3):
//!
//! - a registry crawl ([`ccr_desk::index::crawl`], default settings: 4 requests in flight, 100
//!   items a page) into a fresh index file, in a fresh process (this binary re-invoked with
//!   `--index-crawl-child`), which reports the crawl's seconds, its peak resident memory
//!   (`VmHWM`) and the index file's size (with its WAL);
//! - one `curl --parallel --parallel-max 4` process fetching exactly the pages the crawl fetched
//!   (the list is derived from the first crawl's index), with the client's page size and
//!   headers.
//!
//! Then 200 searches taken from the index itself (tags, tag fragments, `repository:tag`, digest
//! prefixes with and without `sha256:`, repository names and paths, charts, and misses), one
//! warm-up pass, one timed pass.
//!
//! Last, the artifacts screen in Whole repository mode in the real app (`CcrDeskApp` in
//! `egui_kittest`'s harness, no GPU, a mock keyring, crawls off). A second generated registry
//! holds one repository of 100 000 artifacts and one of 100; served by its own sandbox, it is
//! crawled into an index tied to the profile's endpoint as the app ties it, and each app's
//! config folder gets a copy as its index file. Each app opens on the repository's artifacts
//! screen (`last_screen`), shows its first live page, and is switched to Whole repository:
//!
//! - frame ratio: the large repository jumped to row 50 000 (one large wheel delta), then both
//!   scrolled by a trackpad wheel event of 10 rows every frame, frames paced at 60 Hz so that
//!   window reads have the time they have in the app: the large one down (a new window of 300
//!   rows every 20 frames or so), the small one down and up within its rows. A warm-up round
//!   each, then 7 alternating rounds of 60 timed frames; the median frame of each and their
//!   ratio. It checks that rows are drawn and that the top row moved as far as scrolled;
//! - first page: in 5 fresh apps, from the click on Whole repository of the large repository to
//!   its count and first rows drawn; the median.
//!
//! It prints a table of medians and, last, one line per figure.
#![allow(clippy::print_stdout, clippy::unwrap_used, clippy::expect_used)]

use std::collections::{BTreeMap, HashMap};
use std::io::{BufRead as _, BufReader, Write as _};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use ccr_desk::api::config::{DEFAULT_INSTANCE_ID, parse_endpoint};
use ccr_desk::api::paths::{Endpoints, Part, SegmentEncoding};
use ccr_desk::api::{CcrClient, ConnectionConfig};
use ccr_desk::file_chooser::{Chosen, FileChooser};
use ccr_desk::i18n::{Language, loader_for};
use ccr_desk::index::{
    self, ArtifactOrder, ArtifactQuery, CrawlOutcome, CrawlScope, CrawlSettings, Index,
    MAX_WINDOW_ROWS, SortDirection,
};
use ccr_desk::profile::{IndexSettings, Profile, ProfileFile, SecretStore, Settings};
use ccr_desk::sandbox::{ADMIN_USER, DEFAULT_ADMIN_PASSWORD, Storage};
use ccr_desk::ui::{AppDeps, CcrDeskApp, IndexPlan, SandboxPlan, Screen, SecretsSource};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{Queryable as _, by};
use rusqlite::{Connection, OpenFlags};

const CHILD_FLAG: &str = "--index-crawl-child";
const PROJECTS: u32 = 20;
const REPOSITORIES: u32 = 400;
const ARTIFACTS: u32 = 100_000;
const LARGEST: u32 = 30_000;
const CHARTS: u32 = 200;
const QUERIES: usize = 200;
const SEARCH_LIMIT: u32 = 20;
const CONCURRENCY: usize = 4;
const MIB: f64 = 1024.0 * 1024.0;

const GOAL_RATIO: &str = "<= 1.3";
const GOAL_SEARCH_MEDIAN: &str = "<= 10 ms";
const GOAL_SEARCH_P99: &str = "<= 50 ms";

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(at) = args.iter().position(|a| a == CHILD_FLAG) {
        crawl_child(&args[at + 1..]);
        return;
    }
    let started = Instant::now();
    let rounds: usize = std::env::var("BENCH_ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(3)
        .max(1);
    let sandbox_bin = PathBuf::from(env!("CARGO_BIN_EXE_ccr-sandbox"));
    let work = tempfile::tempdir().expect("temporary folder");
    let data = work.path().join("data");
    generate(&sandbox_bin, &data);
    let server = Sandbox::start(&sandbox_bin, &data);

    let settings = CrawlSettings::default();
    assert_eq!(
        settings.concurrency, CONCURRENCY,
        "curl runs as many in parallel"
    );
    let first_index = work.path().join("index-1.sqlite");
    let mut crawls = Vec::new();
    let mut curls = Vec::new();
    let mut curl_config = None;
    for round in 1..=rounds {
        let index_file = work.path().join(format!("index-{round}.sqlite"));
        crawls.push(run_crawl_child(&server.base_url, &index_file));
        if round > 1 {
            remove_index(&index_file);
        }
        let config = curl_config.get_or_insert_with(|| {
            let urls = page_urls(&first_index, &server.base_url, settings.page_size);
            write_curl_config(&work.path().join("curl.cfg"), &urls)
        });
        curls.push(run_curl(config));
    }
    let search = measure_search(&first_index);
    drop(server);
    let ui = measure_ui(&sandbox_bin, work.path());

    let urls = curl_config.map_or(0, |config| config.urls);
    report(&crawls, &curls, urls, &search, &ui);
    println!(
        "(bench took {:.0} s; curl: {CURL_MODE})",
        started.elapsed().as_secs_f64()
    );
    print_figures(&crawls, &curls, &search, &ui);
}

// ---- the sandbox --------------------------------------------------------------------------

fn generate(binary: &Path, data: &Path) {
    generate_registry(
        binary,
        data,
        &[
            ("--projects", PROJECTS),
            ("--repositories", REPOSITORIES),
            ("--artifacts", ARTIFACTS),
            ("--largest", LARGEST),
            ("--charts", CHARTS),
        ],
    );
}

fn generate_registry(binary: &Path, data: &Path, counts: &[(&str, u32)]) {
    let mut command = Command::new(binary);
    command.arg("generate");
    for (flag, count) in counts {
        command.args([*flag, &count.to_string()]);
    }
    let status = command
        .arg("--data")
        .arg(data)
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .status()
        .expect("ccr-sandbox generate runs");
    assert!(status.success(), "ccr-sandbox generate failed");
}

/// The sandbox server process; killed when dropped (also on a panic).
struct Sandbox {
    child: Child,
    base_url: String,
}

impl Sandbox {
    fn start(binary: &Path, data: &Path) -> Self {
        let mut child = Command::new(binary)
            .args(["--listen", "127.0.0.1:0", "--data"])
            .arg(data)
            .env("RUST_LOG", "warn")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("ccr-sandbox starts");
        let stdout = child.stdout.take().expect("stdout");
        let mut first = String::new();
        BufReader::new(stdout)
            .read_line(&mut first)
            .expect("first line");
        let base_url = first
            .trim()
            .strip_prefix("ccr-sandbox listening on ")
            .unwrap_or_else(|| panic!("unexpected first line: {first}"))
            .to_owned();
        Self { child, base_url }
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

// ---- the crawl, in its own process --------------------------------------------------------

/// What one crawl child reported.
#[derive(Debug, Clone, Copy)]
struct CrawlRun {
    seconds: f64,
    artifacts: u64,
    requests: u64,
    peak_kib: u64,
    index_bytes: u64,
}

fn run_crawl_child(base_url: &str, index_file: &Path) -> CrawlRun {
    let output = Command::new(std::env::current_exe().expect("bench binary"))
        .arg(CHILD_FLAG)
        .arg(base_url)
        .arg(index_file)
        .stderr(Stdio::inherit())
        .output()
        .expect("crawl child runs");
    assert!(output.status.success(), "crawl child failed");
    let text = String::from_utf8_lossy(&output.stdout);
    let fields: BTreeMap<&str, &str> = text
        .split_whitespace()
        .filter_map(|pair| pair.split_once('='))
        .collect();
    let field = |name: &str| -> &str {
        fields
            .get(name)
            .unwrap_or_else(|| panic!("crawl child printed no {name}: {text}"))
    };
    let number = |name: &str| -> u64 {
        field(name)
            .parse()
            .unwrap_or_else(|_| panic!("crawl child's {name} is not a number: {text}"))
    };
    CrawlRun {
        seconds: field("seconds").parse().expect("crawl child's seconds"),
        artifacts: number("artifacts"),
        requests: number("requests"),
        peak_kib: number("vmhwm_kib"),
        index_bytes: number("index_bytes"),
    }
}

/// The measured process: crawls the registry at `BASE_URL` into a fresh index at `INDEX`, the
/// way the app does (a multi-thread runtime, the crawl as a task), and prints what it measured.
fn crawl_child(args: &[String]) {
    let [base_url, index_file] = args else {
        panic!("usage: {CHILD_FLAG} BASE_URL INDEX");
    };
    let index_file = Path::new(index_file);
    remove_index(index_file);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let endpoint = parse_endpoint(base_url).expect("endpoint");
    let config = ConnectionConfig::new(
        endpoint,
        ADMIN_USER,
        secrecy::SecretString::from(DEFAULT_ADMIN_PASSWORD),
    );
    let client = CcrClient::new(&config).expect("client");
    let started = Instant::now();
    let index = Index::open(index_file).expect("fresh index");
    let report = runtime
        .block_on(async {
            tokio::spawn(index::crawl(
                index.clone(),
                client,
                CrawlScope::Registry,
                CrawlSettings::default(),
                tokio_util::sync::CancellationToken::new(),
                |_| {},
            ))
            .await
        })
        .expect("crawl task ends")
        .expect("crawl succeeds");
    let seconds = started.elapsed().as_secs_f64();
    assert_eq!(report.outcome, CrawlOutcome::Finished, "crawl finished");
    // Measured while the index is still open: the WAL is still there.
    let index_bytes = file_len(index_file) + file_len(&with_suffix(index_file, "-wal"));
    let peak_kib = vm_hwm_kib();
    println!(
        "seconds={seconds} artifacts={} requests={} vmhwm_kib={peak_kib} index_bytes={index_bytes}",
        report.progress.artifacts.done, report.progress.requests
    );
    drop(index);
}

/// This process's peak resident memory (`VmHWM` of /proc/self/status), in KiB.
fn vm_hwm_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").expect("/proc/self/status");
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("VmHWM in /proc/self/status")
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

fn file_len(path: &Path) -> u64 {
    std::fs::metadata(path).map_or(0, |m| m.len())
}

fn remove_index(path: &Path) {
    for suffix in ["", "-wal", "-shm", "-journal"] {
        std::fs::remove_file(with_suffix(path, suffix)).ok();
    }
}

// ---- the peer: curl fetching the same pages -----------------------------------------------

const CURL_MODE: &str = "one `curl --parallel --parallel-max 4` process, URL list in a -K file";

/// Every page URL a registry crawl with `page_size` fetches, derived from the crawled index:
/// the projects' pages, every project's repository pages, every repository's artifact pages
/// and the charts' pages (a listing of nothing still asks for its first page). Built with the
/// client's own URL builder and query keys (`src/api/client.rs`).
fn page_urls(index_file: &Path, base_url: &str, page_size: u32) -> Vec<String> {
    let db = Connection::open_with_flags(index_file, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .expect("index opens read-only");
    let counts = |sql: &str| -> Vec<(String, String, u64)> {
        db.prepare(sql)
            .expect("count query")
            .query_map([], |row| {
                let count: i64 = row.get(2)?;
                Ok((row.get(0)?, row.get(1)?, u64::try_from(count).unwrap_or(0)))
            })
            .expect("count rows")
            .collect::<rusqlite::Result<_>>()
            .expect("counts")
    };
    let count = |sql: &str| -> u64 {
        let count: i64 = db.query_row(sql, [], |row| row.get(0)).expect("count");
        u64::try_from(count).unwrap_or(0)
    };
    let projects = count("SELECT count(*) FROM projects");
    let charts = count("SELECT count(*) FROM charts");
    let repositories = counts(
        "SELECT p.name, '', count(r.id) FROM projects p
         LEFT JOIN repositories r ON r.project_id = p.id GROUP BY p.id ORDER BY p.name",
    );
    let artifacts = counts(
        "SELECT p.name, r.name, count(a.id) FROM repositories r
         JOIN projects p ON p.id = r.project_id LEFT JOIN artifacts a ON a.repository_id = r.id
         GROUP BY r.id ORDER BY p.name, r.name",
    );

    let endpoint = parse_endpoint(base_url).expect("endpoint");
    let endpoints = Endpoints::new(&endpoint, DEFAULT_INSTANCE_ID, SegmentEncoding::Single);
    let pages = |items: u64| {
        1..=u32::try_from(items.div_ceil(u64::from(page_size)).max(1)).unwrap_or(u32::MAX)
    };
    let url = |parts: &[Part<'_>], keys: &[&'static str], page: u32| {
        let mut query: Vec<(&str, String)> = keys.iter().map(|k| (*k, page.to_string())).collect();
        query.push(("pageSize", page_size.to_string()));
        endpoints.url(parts, &query).expect("page url").to_string()
    };
    let mut urls = Vec::new();
    for page in pages(projects) {
        urls.push(url(&[Part::Fixed("projects")], &["pageNo"], page));
    }
    for (project, _, count) in &repositories {
        let parts = [
            Part::Fixed("projects"),
            Part::Value(project),
            Part::Fixed("repositories"),
        ];
        urls.extend(pages(*count).map(|page| url(&parts, &["pageNo"], page)));
    }
    for page in pages(charts) {
        urls.push(url(
            &[Part::Fixed("projects"), Part::Fixed("charts")],
            &["pageNo"],
            page,
        ));
    }
    for (project, repository, count) in &artifacts {
        let parts = [
            Part::Fixed("projects"),
            Part::Value(project),
            Part::Fixed("repositories"),
            Part::Repository(repository),
            Part::Fixed("artifacts"),
        ];
        urls.extend(pages(*count).map(|page| url(&parts, &["page", "pageNo"], page)));
    }
    urls
}

/// A curl config: the client's credential and header once, then every URL to /dev/null.
fn write_curl_config(path: &Path, urls: &[String]) -> CurlConfig {
    let mut file = std::io::BufWriter::new(std::fs::File::create(path).expect("curl config"));
    writeln!(file, "user = \"{ADMIN_USER}:{DEFAULT_ADMIN_PASSWORD}\"").expect("curl config");
    writeln!(file, "header = \"Content-Type: application/json\"").expect("curl config");
    for url in urls {
        writeln!(file, "url = \"{url}\"\noutput = \"/dev/null\"").expect("curl config");
    }
    file.flush().expect("curl config written");
    CurlConfig {
        path: path.to_path_buf(),
        urls: urls.len(),
    }
}

struct CurlConfig {
    path: PathBuf,
    urls: usize,
}

/// Seconds for one curl process to fetch every page (process start included), checking that
/// every answer was 200.
fn run_curl(config: &CurlConfig) -> f64 {
    let started = Instant::now();
    let output = Command::new("curl")
        .args(["--parallel", "--parallel-max", &CONCURRENCY.to_string()])
        .args(["--no-progress-meter", "-S", "-w", "%{http_code}\\n", "-K"])
        .arg(&config.path)
        .stderr(Stdio::inherit())
        .output()
        .expect("curl runs");
    let seconds = started.elapsed().as_secs_f64();
    assert!(output.status.success(), "curl failed");
    let codes = String::from_utf8_lossy(&output.stdout);
    let ok = codes.lines().filter(|code| *code == "200").count();
    assert_eq!(ok, config.urls, "curl got 200 for every page");
    seconds
}

// ---- search -------------------------------------------------------------------------------

struct SearchFigures {
    median_ms: f64,
    p99_ms: f64,
    queries: usize,
    misses: usize,
}

fn measure_search(index_file: &Path) -> SearchFigures {
    let queries = search_queries(index_file);
    let index = Index::open(index_file).expect("crawled index");
    for query in &queries {
        index.search(query, SEARCH_LIMIT).expect("warm-up search");
    }
    let mut millis = Vec::with_capacity(queries.len());
    let mut misses = 0;
    for query in &queries {
        let started = Instant::now();
        let results = index.search(query, SEARCH_LIMIT).expect("search");
        millis.push(started.elapsed().as_secs_f64() * 1000.0);
        if results.is_empty() {
            misses += 1;
        }
    }
    millis.sort_by(f64::total_cmp);
    // Nearest rank.
    let p99 = millis[(millis.len() * 99).div_ceil(100).saturating_sub(1)];
    SearchFigures {
        median_ms: median(&millis),
        p99_ms: p99,
        queries: queries.len(),
        misses,
    }
}

/// `QUERIES` search texts taken from the index, shuffled with a fixed seed.
fn search_queries(index_file: &Path) -> Vec<String> {
    let db = Connection::open_with_flags(index_file, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .expect("index opens read-only");
    let pairs = |sql: &str| -> Vec<(String, String)> {
        db.prepare(sql)
            .expect("sample query")
            .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))
            .expect("sample rows")
            .collect::<rusqlite::Result<_>>()
            .expect("samples")
    };
    let tags =
        pairs("SELECT r.name, t.name FROM tags t JOIN repositories r ON r.id = t.repository_id");
    let digests = pairs("SELECT digest, '' FROM artifacts");
    let children = pairs("SELECT child_digest, '' FROM artifact_references");
    let repositories =
        pairs("SELECT p.name, r.name FROM repositories r JOIN projects p ON p.id = r.project_id");
    let charts = pairs("SELECT project_name, name FROM charts");
    assert!(
        !tags.is_empty() && !digests.is_empty() && !children.is_empty(),
        "the index holds tags and digests"
    );
    assert!(
        !repositories.is_empty() && !charts.is_empty(),
        "the index holds repositories and charts"
    );

    let mut rng = fastrand::Rng::with_seed(20_240_312);
    let mut queries = Vec::with_capacity(QUERIES);
    add_tag_queries(&mut queries, &mut rng, &tags);
    add_digest_queries(&mut queries, &mut rng, &digests, &children);
    add_name_queries(&mut queries, &mut rng, &repositories, &charts);
    add_misses(&mut queries, &mut rng, &digests, &children);
    assert_eq!(queries.len(), QUERIES, "query mix adds up");
    rng.shuffle(&mut queries);
    queries
}

fn pick<'a, T>(rng: &mut fastrand::Rng, items: &'a [T]) -> &'a T {
    &items[rng.usize(..items.len())]
}

fn last_segment(repository: &str) -> &str {
    repository.rsplit('/').next().unwrap_or(repository)
}

/// 60: tag fragments, exact tags and `repository:tag` prefixes.
fn add_tag_queries(queries: &mut Vec<String>, rng: &mut fastrand::Rng, tags: &[(String, String)]) {
    for fragment in [
        "1.2", "v3", "latest", "stable", "main", "rc", "2024.03", "pr-4", "1", "develop",
    ] {
        queries.push(fragment.to_owned());
    }
    for _ in 0..40 {
        queries.push(pick(rng, tags).1.clone());
    }
    for _ in 0..10 {
        let (repository, tag) = pick(rng, tags);
        let prefix: String = tag.chars().take(3).collect();
        queries.push(format!("{}:{prefix}", last_segment(repository)));
    }
}

/// 45: prefixes of 4 to 12 hex digits of artifacts' and platform images' digests, a third with
/// `sha256:`.
fn add_digest_queries(
    queries: &mut Vec<String>,
    rng: &mut fastrand::Rng,
    digests: &[(String, String)],
    children: &[(String, String)],
) {
    for n in 0..45 {
        let source = if n % 9 == 8 { children } else { digests };
        let digest = &pick(rng, source).0;
        let hex = digest.strip_prefix("sha256:").unwrap_or(digest);
        let length = 4 + n % 9;
        let prefix = hex.get(..length).unwrap_or(hex);
        queries.push(if n % 3 == 0 {
            format!("sha256:{prefix}")
        } else {
            prefix.to_owned()
        });
    }
}

/// 70: repository names, full multi-level names, `project/repository` paths, partial paths,
/// chart names, `project/chart` and chart name prefixes.
fn add_name_queries(
    queries: &mut Vec<String>,
    rng: &mut fastrand::Rng,
    repositories: &[(String, String)],
    charts: &[(String, String)],
) {
    let multi: Vec<&(String, String)> = repositories
        .iter()
        .filter(|(_, r)| r.contains('/'))
        .collect();
    for _ in 0..15 {
        queries.push(last_segment(&pick(rng, repositories).1).to_owned());
    }
    for _ in 0..10 {
        queries.push(if multi.is_empty() {
            pick(rng, repositories).1.clone()
        } else {
            pick(rng, &multi).1.clone()
        });
    }
    for _ in 0..10 {
        let (project, repository) = pick(rng, repositories);
        queries.push(format!("{project}/{repository}"));
    }
    for _ in 0..10 {
        let (project, repository) = if multi.is_empty() {
            pick(rng, repositories)
        } else {
            *pick(rng, &multi)
        };
        let first = repository.split('/').next().unwrap_or(repository);
        queries.push(format!("{project}/{first}"));
    }
    for _ in 0..15 {
        queries.push(pick(rng, charts).1.clone());
    }
    for _ in 0..5 {
        let (project, chart) = pick(rng, charts);
        queries.push(format!("{project}/{chart}"));
    }
    for _ in 0..5 {
        queries.push(pick(rng, charts).1.chars().take(4).collect());
    }
}

/// 25: words that name nothing, and hex prefixes that are no digest's.
fn add_misses(
    queries: &mut Vec<String>,
    rng: &mut fastrand::Rng,
    digests: &[(String, String)],
    children: &[(String, String)],
) {
    for n in 0..10 {
        queries.push(format!("nothing-here-{n}"));
    }
    for n in 0..5 {
        queries.push(format!("no/such/path-{n}"));
    }
    for n in 0..5 {
        queries.push(format!("qq{n}:zz"));
    }
    let taken = |hex: &str| {
        digests
            .iter()
            .chain(children)
            .any(|(d, _)| d.strip_prefix("sha256:").unwrap_or(d).starts_with(hex))
    };
    let mut added = 0;
    while added < 5 {
        let hex: String = (0..12)
            .map(|_| {
                rng.choice(b"0123456789abcdef".iter())
                    .map_or('0', |b| char::from(*b))
            })
            .collect();
        if !taken(&hex) {
            queries.push(if added % 2 == 0 {
                format!("sha256:{hex}")
            } else {
                hex
            });
            added += 1;
        }
    }
}

// ---- the artifacts screen over the index, in the real app ---------------------------------

/// The UI registry: one project, a repository of `UI_LARGE` artifacts and one of the rest.
const UI_LARGE: u32 = 100_000;
const UI_SMALL: u32 = 100;
const UI_FRAMES_PER_ROUND: usize = 60;
const UI_ROUNDS: usize = 7;
const FIRST_PAGE_RUNS: usize = 5;
/// Rows a frame's wheel event scrolls.
const ROWS_PER_FRAME: u16 = 10;
/// Frames the small repository scrolls one way before it turns (70 of its 100 rows).
const BOUNCE_FRAMES: usize = 7;
/// Where the large repository's timed scrolling starts.
const DEEP_ROW: usize = 50_000;
/// Frames are paced like a 60 Hz display: a window read has the time it has in the app.
const FRAME_PACE: Duration = Duration::from_micros(16_667);
const UI_DEADLINE: Duration = Duration::from_mins(1);
const UI_WIDTH: f32 = 1280.0;
const UI_HEIGHT: f32 = 800.0;

const GOAL_FRAME_RATIO: &str = "<= 1.5";
const GOAL_FIRST_PAGE: &str = "<= 500 ms";

type App = Harness<'static, CcrDeskApp>;

struct UiFigures {
    large_ms: f64,
    small_ms: f64,
    frames: usize,
    /// Timed frames that drew some row not read from the index yet (`…`).
    large_unread_frames: usize,
    small_unread_frames: usize,
    /// The large repository's top row before and after the timed frames.
    large_rows: (usize, usize),
    /// The small repository's deepest top row while timed.
    small_deepest: usize,
    first_page_ms: f64,
}

impl UiFigures {
    fn frame_ratio(&self) -> f64 {
        self.large_ms / self.small_ms
    }
}

/// A file chooser that answers nothing (the bench opens no file).
struct NoFiles;

impl FileChooser for NoFiles {
    fn pick_file(&self, _title: &str) -> Chosen {
        Box::pin(async { None })
    }

    fn save_file(&self, _title: &str, _folder: &Path, _file_name: &str) -> Chosen {
        Box::pin(async { None })
    }
}

/// One app's config folder: a profile for the UI sandbox, its password in a mock keyring, the
/// artifacts screen of `repository` as the last screen, and a copy of the crawled index as its
/// index file.
struct Desk {
    config: tempfile::TempDir,
    secrets: SecretStore,
}

impl Desk {
    fn new(base_url: &str, project: &str, repository: &str, crawled: &Path) -> Self {
        let config = tempfile::tempdir().expect("config folder");
        let mut profile = Profile::new_blank();
        "Bench registry".clone_into(&mut profile.name);
        base_url.clone_into(&mut profile.endpoint);
        ADMIN_USER.clone_into(&mut profile.username);
        let route = Screen::Repository {
            project: project.to_owned(),
            name: repository.to_owned(),
        }
        .route();
        let settings = Settings {
            profiles: vec![profile.clone()],
            last_profile: Some(profile.id.clone()),
            last_screen: Some(route),
            last_download_folder: None,
            language: None,
            index: IndexSettings::default(),
            cleanup_rules: Vec::new(),
        };
        ProfileFile::in_dir(config.path())
            .save(&settings)
            .expect("profiles saved");
        let secrets =
            SecretStore::from_store(keyring_core::mock::Store::new().expect("mock store"));
        secrets
            .save(
                &profile.id,
                &secrecy::SecretString::from(DEFAULT_ADMIN_PASSWORD),
            )
            .expect("password stored");
        let folder = config.path().join("index");
        std::fs::create_dir_all(&folder).expect("index folder");
        let index_file = index::path_in(&folder, &profile.id);
        for suffix in ["", "-wal"] {
            let from = with_suffix(crawled, suffix);
            if from.exists() {
                std::fs::copy(&from, with_suffix(&index_file, suffix)).expect("index copied");
            }
        }
        Self { config, secrets }
    }

    /// A fresh app on this folder, as `main` builds it but with the mock keyring, crawls off.
    fn app(&self, runtime: &tokio::runtime::Runtime) -> App {
        let deps = AppDeps {
            runtime: runtime.handle().clone(),
            profile_file: ProfileFile::in_dir(self.config.path()),
            secrets: SecretsSource::Given(self.secrets.clone()),
            sandbox: SandboxPlan {
                storage: Storage::Ephemeral,
                start_now: false,
            },
            file_chooser: Arc::new(NoFiles),
            language: Some(Language::English),
            index: IndexPlan {
                folder: Some(self.config.path().join("index")),
                automatic: false,
            },
            activity_log: None,
        };
        Harness::builder()
            .with_size([UI_WIDTH, UI_HEIGHT])
            .with_step_dt(FRAME_PACE.as_secs_f32())
            .build_eframe(move |cc| CcrDeskApp::new(cc, deps))
    }
}

/// A repository of the UI registry: its names and its rows' positions in the whole list as it
/// opens (newest push first), by short digest.
struct Repository {
    project: String,
    name: String,
    total: usize,
    positions: HashMap<String, usize>,
    first: String,
}

/// A digest as a row shows it: `sha256:` and 12 hex digits.
fn short(digest: &str) -> String {
    digest.chars().take(19).collect()
}

fn read_repository(index: &Index, project: &str, name: &str) -> Repository {
    let mut positions = HashMap::new();
    let mut first = None;
    let mut offset = 0;
    loop {
        let window = index
            .artifacts(
                project,
                name,
                &ArtifactQuery {
                    order: ArtifactOrder::PushTime,
                    direction: SortDirection::Descending,
                    offset,
                    limit: MAX_WINDOW_ROWS,
                    ..ArtifactQuery::default()
                },
            )
            .expect("index window");
        for row in &window.rows {
            let at = positions.len();
            first.get_or_insert_with(|| short(&row.artifact.digest));
            positions.insert(short(&row.artifact.digest), at);
        }
        offset += window.rows.len() as u64;
        if window.rows.is_empty() || offset >= window.total {
            assert_eq!(offset, window.total, "every row of {project}/{name} read");
            break;
        }
    }
    let total = usize::try_from(offset).expect("row count");
    assert_eq!(positions.len(), total, "short digests are unique in {name}");
    Repository {
        project: project.to_owned(),
        name: name.to_owned(),
        total,
        positions,
        first: first.expect("a first row"),
    }
}

/// The repositories of the crawled UI index: the large one and one of 80 to 120 artifacts.
fn ui_repositories(index_file: &Path) -> (Repository, Repository) {
    let db = Connection::open_with_flags(index_file, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .expect("index opens read-only");
    let counts: Vec<(String, String, i64)> = db
        .prepare(
            "SELECT p.name, r.name, count(a.id) FROM repositories r
             JOIN projects p ON p.id = r.project_id LEFT JOIN artifacts a ON a.repository_id = r.id
             GROUP BY r.id ORDER BY count(a.id) DESC",
        )
        .expect("count query")
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))
        .expect("count rows")
        .collect::<rusqlite::Result<_>>()
        .expect("counts");
    drop(db);
    let find = |wanted: std::ops::RangeInclusive<i64>| {
        counts
            .iter()
            .find(|(_, _, count)| wanted.contains(count))
            .unwrap_or_else(|| panic!("no repository of {wanted:?} artifacts in {counts:?}"))
    };
    let large = find(i64::from(UI_LARGE)..=i64::from(UI_LARGE));
    let small = find(80..=120);
    let index = Index::open(index_file).expect("crawled UI index");
    let repositories = (
        read_repository(&index, &large.0, &large.1),
        read_repository(&index, &small.0, &small.1),
    );
    drop(index);
    repositories
}

/// Generates the UI registry, serves it, crawls it into an index tied to the server the way the
/// app ties it (the profile's endpoint), then times the artifacts screen of the real app.
fn measure_ui(sandbox_bin: &Path, work: &Path) -> UiFigures {
    let data = work.join("data-ui");
    generate_registry(
        sandbox_bin,
        &data,
        &[
            ("--projects", 1),
            ("--repositories", 2),
            ("--artifacts", UI_LARGE + UI_SMALL),
            ("--largest", UI_LARGE),
            ("--charts", 0),
        ],
    );
    let server = Sandbox::start(sandbox_bin, &data);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    let crawled = work.join("ui-index.sqlite");
    crawl_for_app(&runtime, &server.base_url, &crawled);
    let (large, small) = ui_repositories(&crawled);

    let frames = frame_times(&runtime, &server.base_url, &crawled, &large, &small);
    let first_page_ms = first_page(&runtime, &server.base_url, &crawled, &large);
    drop(server);
    UiFigures {
        first_page_ms,
        ..frames
    }
}

/// A registry crawl into `index_file`, tied to `base_url` as the app ties a profile's index to
/// its endpoint (`Session::poll_index`), so the app keeps what it finds.
fn crawl_for_app(runtime: &tokio::runtime::Runtime, base_url: &str, index_file: &Path) {
    remove_index(index_file);
    let endpoint = parse_endpoint(base_url).expect("endpoint");
    let config = ConnectionConfig::new(
        endpoint,
        ADMIN_USER,
        secrecy::SecretString::from(DEFAULT_ADMIN_PASSWORD),
    );
    let client = CcrClient::new(&config).expect("client");
    let index = Index::open(index_file).expect("fresh index");
    let settings = CrawlSettings {
        server: Some(base_url.to_owned()),
        ..CrawlSettings::default()
    };
    let report = runtime
        .block_on(runtime.spawn(index::crawl(
            index.clone(),
            client,
            CrawlScope::Registry,
            settings,
            tokio_util::sync::CancellationToken::new(),
            |_| {},
        )))
        .expect("crawl task ends")
        .expect("crawl succeeds");
    assert_eq!(report.outcome, CrawlOutcome::Finished, "UI crawl finished");
    drop(index);
}

/// Steps `app` until `condition` holds (then one more frame); panics after [`UI_DEADLINE`].
fn wait_for(app: &mut App, what: &str, condition: impl Fn(&App) -> bool) {
    let started = Instant::now();
    loop {
        app.step();
        if condition(app) {
            app.step();
            return;
        }
        assert!(
            started.elapsed() < UI_DEADLINE,
            "timed out waiting for {what}; the screen shows:\n{:#?}",
            app.root()
        );
        std::thread::sleep(Duration::from_millis(2));
    }
}

fn labels(app: &App) -> impl Iterator<Item = egui_kittest::Node<'_>> {
    app.query_all(by().role(Role::Label))
}

fn shows(app: &App, label: &str) -> bool {
    app.query_all_by_label(label).next().is_some()
}

/// Whether some drawn row is not read from the index yet.
fn shows_unread(app: &App) -> bool {
    labels(app).any(|node| node.value().as_deref() == Some("…"))
}

/// The drawn rows of `repository`, by position in its list, with their places.
fn rows_drawn(app: &App, repository: &Repository) -> Vec<(usize, egui::Rect)> {
    let mut rows: Vec<(usize, egui::Rect)> = labels(app)
        .filter_map(|node| {
            let position = *repository.positions.get(&node.value()?)?;
            Some((position, node.rect()))
        })
        .collect();
    rows.sort_by_key(|(position, _)| *position);
    rows
}

/// Points from one drawn row to the next (the row's height and the spacing between rows).
fn row_pitch(app: &App, repository: &Repository) -> f32 {
    let rows = rows_drawn(app, repository);
    rows.windows(2)
        .find(|pair| pair[1].0 == pair[0].0 + 1)
        .map(|pair| pair[1].1.min.y - pair[0].1.min.y)
        .filter(|pitch| *pitch > 1.0)
        .expect("two adjacent rows drawn")
}

fn top_row(app: &App, repository: &Repository) -> Option<usize> {
    rows_drawn(app, repository)
        .first()
        .map(|(position, _)| *position)
}

fn count_text(total: usize) -> String {
    let args: HashMap<&str, i64> = HashMap::from([("total", i64::try_from(total).unwrap_or(0))]);
    loader_for(Language::English).get_args("artifacts-index-count", args)
}

/// From the app opened on `repository`'s artifacts screen: waits for the first live page and
/// lets the app settle (the index open and tied, the page recorded).
fn wait_for_live_page(app: &mut App, repository: &Repository) {
    let whole = loader_for(Language::English).get("artifacts-mode-whole");
    wait_for(app, "the first live page", |h| {
        shows(h, &whole) && shows(h, &repository.first)
    });
    let settle = Instant::now();
    while settle.elapsed() < Duration::from_millis(300) {
        app.step();
        std::thread::sleep(Duration::from_millis(10));
    }
}

fn click_whole_repository(app: &mut App) {
    let whole = loader_for(Language::English).get("artifacts-mode-whole");
    app.get_by_label(&whole).click();
    app.step();
}

/// Whether the whole repository's first rows are drawn: its count (shown only in that mode,
/// once rows are read) and its first row.
fn first_rows_drawn(app: &App, repository: &Repository, count: &str) -> bool {
    shows(app, count)
        && top_row(app, repository) == Some(0)
        && rows_drawn(app, repository).len() >= 10
}

/// An app on `repository` in Whole repository mode, its rows drawn, the pointer over its table
/// (on the platforms column, which has no tooltip) and a trackpad scroll begun.
fn open_for_scrolling(
    runtime: &tokio::runtime::Runtime,
    desk: &Desk,
    repository: &Repository,
) -> App {
    let mut app = desk.app(runtime);
    wait_for_live_page(&mut app, repository);
    click_whole_repository(&mut app);
    let count = count_text(repository.total);
    wait_for(&mut app, "the whole repository", |h| {
        first_rows_drawn(h, repository, &count)
    });
    let (_, first) = rows_drawn(&app, repository)[0];
    let pitch = row_pitch(&app, repository);
    app.hover_at(egui::pos2(
        first.min.x + 580.0,
        first.center().y + 4.0 * pitch,
    ));
    app.step();
    app.event(wheel(egui::TouchPhase::Start, 0.0));
    app.step();
    app
}

fn wheel(phase: egui::TouchPhase, dy: f32) -> egui::Event {
    egui::Event::MouseWheel {
        unit: egui::MouseWheelUnit::Point,
        delta: egui::vec2(0.0, dy),
        phase,
        source: egui::MouseWheelSource::Trackpad,
        modifiers: egui::Modifiers::NONE,
    }
}

/// One app being scrolled a wheel event a frame.
struct Scrolled<'r> {
    app: App,
    repository: &'r Repository,
    /// Points a row takes.
    pitch: f32,
    /// Down only (the large repository), or down and up within the rows (the small one).
    bounce: bool,
    frames_sent: usize,
    millis: Vec<f64>,
    unread_frames: usize,
    deepest: usize,
}

impl Scrolled<'_> {
    fn frames(&mut self, count: usize, timed: bool) {
        let step = f32::from(ROWS_PER_FRAME) * self.pitch;
        for _ in 0..count {
            let down = !self.bounce || (self.frames_sent / BOUNCE_FRAMES).is_multiple_of(2);
            self.frames_sent += 1;
            // Content moving up: scrolling down the list.
            self.app.event(wheel(
                egui::TouchPhase::Move,
                if down { -step } else { step },
            ));
            let started = Instant::now();
            self.app.step();
            let took = started.elapsed();
            if timed {
                self.millis.push(took.as_secs_f64() * 1000.0);
                if shows_unread(&self.app) {
                    self.unread_frames += 1;
                }
                if let Some(top) = top_row(&self.app, self.repository) {
                    self.deepest = self.deepest.max(top);
                }
            }
            std::thread::sleep(FRAME_PACE.saturating_sub(started.elapsed()));
        }
    }
}

/// The median frame of the large and the small repository, scrolled a wheel event a frame in
/// alternating rounds.
fn frame_times(
    runtime: &tokio::runtime::Runtime,
    base_url: &str,
    crawled: &Path,
    large: &Repository,
    small: &Repository,
) -> UiFigures {
    let large_desk = Desk::new(base_url, &large.project, &large.name, crawled);
    let small_desk = Desk::new(base_url, &small.project, &small.name, crawled);
    let mut large_app = open_for_scrolling(runtime, &large_desk, large);
    let small_app = open_for_scrolling(runtime, &small_desk, small);

    // Deep into the large repository at once, then its rows read and drawn there.
    let pitch = row_pitch(&large_app, large);
    let jump = DEEP_ROW as f32 * pitch;
    large_app.event(wheel(egui::TouchPhase::Move, -jump));
    large_app.step();
    wait_for(
        &mut large_app,
        "the rows deep in the large repository",
        |h| !shows_unread(h) && top_row(h, large).is_some_and(|top| top >= DEEP_ROW - 100),
    );
    let deep_start = top_row(&large_app, large).expect("a row drawn");

    let mut large_run = Scrolled {
        app: large_app,
        repository: large,
        pitch,
        bounce: false,
        frames_sent: 0,
        millis: Vec::new(),
        unread_frames: 0,
        deepest: 0,
    };
    let small_pitch = row_pitch(&small_app, small);
    let mut small_run = Scrolled {
        app: small_app,
        pitch: small_pitch,
        repository: small,
        bounce: true,
        frames_sent: 0,
        millis: Vec::new(),
        unread_frames: 0,
        deepest: 0,
    };
    // A warm-up round each (untimed), then alternating timed rounds.
    large_run.frames(UI_FRAMES_PER_ROUND, false);
    small_run.frames(UI_FRAMES_PER_ROUND, false);
    for _ in 0..UI_ROUNDS {
        large_run.frames(UI_FRAMES_PER_ROUND, true);
        small_run.frames(UI_FRAMES_PER_ROUND, true);
    }
    let frames = UI_ROUNDS * UI_FRAMES_PER_ROUND;
    let timed_rows = frames * usize::from(ROWS_PER_FRAME);
    wait_for(&mut large_run.app, "the last rows read", |h| {
        !shows_unread(h)
    });
    let deep_end = top_row(&large_run.app, large).expect("a row drawn");
    assert!(
        deep_end >= deep_start + timed_rows * 9 / 10,
        "the large repository scrolled from row {deep_start} to only {deep_end}"
    );
    assert!(
        small_run.deepest >= usize::from(ROWS_PER_FRAME) * BOUNCE_FRAMES * 9 / 10,
        "the small repository scrolled to row {} only",
        small_run.deepest
    );
    UiFigures {
        large_ms: median(&large_run.millis),
        small_ms: median(&small_run.millis),
        frames,
        large_unread_frames: large_run.unread_frames,
        small_unread_frames: small_run.unread_frames,
        large_rows: (deep_start, deep_end),
        small_deepest: small_run.deepest,
        first_page_ms: f64::NAN,
    }
}

/// The median, over fresh apps, of the time from the click on Whole repository (the artifacts
/// screen of the large repository open, its index filled) to its first rows drawn.
fn first_page(
    runtime: &tokio::runtime::Runtime,
    base_url: &str,
    crawled: &Path,
    large: &Repository,
) -> f64 {
    let desk = Desk::new(base_url, &large.project, &large.name, crawled);
    let count = count_text(large.total);
    let millis: Vec<f64> = (0..FIRST_PAGE_RUNS)
        .map(|_| {
            let mut app = desk.app(runtime);
            wait_for_live_page(&mut app, large);
            let started = Instant::now();
            click_whole_repository(&mut app);
            while !first_rows_drawn(&app, large, &count) {
                assert!(
                    started.elapsed() < UI_DEADLINE,
                    "timed out waiting for the first rows:\n{:#?}",
                    app.root()
                );
                std::thread::sleep(Duration::from_millis(1));
                app.step();
            }
            started.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    median(&millis)
}

// ---- report -------------------------------------------------------------------------------

fn median(sorted_or_not: &[f64]) -> f64 {
    let mut values = sorted_or_not.to_vec();
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

/// The medians of the crawl runs and the curl runs.
struct Medians {
    crawl_seconds: f64,
    curl_seconds: f64,
    ratio: f64,
    rate: f64,
    rss_mib: f64,
    bytes_per_artifact: f64,
    index_mib: f64,
}

impl Medians {
    fn of(crawls: &[CrawlRun], curls: &[f64]) -> Self {
        let of = |f: fn(&CrawlRun) -> f64| median(&crawls.iter().map(f).collect::<Vec<_>>());
        let crawl_seconds = of(|r| r.seconds);
        let curl_seconds = median(curls);
        Self {
            crawl_seconds,
            curl_seconds,
            ratio: crawl_seconds / curl_seconds,
            rate: of(|r| r.artifacts as f64 / r.seconds),
            rss_mib: of(|r| r.peak_kib as f64 / 1024.0),
            bytes_per_artifact: of(|r| r.index_bytes as f64 / r.artifacts.max(1) as f64),
            index_mib: of(|r| r.index_bytes as f64 / MIB),
        }
    }
}

fn report(crawls: &[CrawlRun], curls: &[f64], urls: usize, search: &SearchFigures, ui: &UiFigures) {
    let Medians {
        crawl_seconds,
        curl_seconds,
        ratio,
        rate,
        rss_mib,
        bytes_per_artifact,
        index_mib,
    } = Medians::of(crawls, curls);
    let runs = crawls.len().to_string();
    let queries = format!("{} q", search.queries);
    let frames = format!("{} f", ui.frames);
    let first_runs = FIRST_PAGE_RUNS.to_string();
    let rows: Vec<(&str, &str, String, &str)> = vec![
        ("crawl artifacts/s", &runs, format!("{rate:.0}"), ""),
        ("crawl seconds", &runs, format!("{crawl_seconds:.2}"), ""),
        (
            "curl same pages seconds",
            &runs,
            format!("{curl_seconds:.2}"),
            "",
        ),
        ("ratio crawl/curl", &runs, format!("{ratio:.2}"), GOAL_RATIO),
        (
            "search median ms",
            &queries,
            format!("{:.2}", search.median_ms),
            GOAL_SEARCH_MEDIAN,
        ),
        (
            "search p99 ms",
            &queries,
            format!("{:.2}", search.p99_ms),
            GOAL_SEARCH_P99,
        ),
        ("app peak RSS MiB", &runs, format!("{rss_mib:.1}"), ""),
        ("index MiB (+ wal)", &runs, format!("{index_mib:.1}"), ""),
        (
            "index bytes per artifact",
            &runs,
            format!("{bytes_per_artifact:.0}"),
            "",
        ),
        (
            "artifacts view frame ms, 100k",
            &frames,
            format!("{:.3}", ui.large_ms),
            "",
        ),
        (
            "artifacts view frame ms, 100",
            &frames,
            format!("{:.3}", ui.small_ms),
            "",
        ),
        (
            "artifacts view frame 100k/100 ratio",
            &frames,
            format!("{:.2}", ui.frame_ratio()),
            GOAL_FRAME_RATIO,
        ),
        (
            "first page ms",
            &first_runs,
            format!("{:.0}", ui.first_page_ms),
            GOAL_FIRST_PAGE,
        ),
    ];
    println!();
    println!(
        "registry index: {} artifacts, {} requests a crawl, {urls} page URLs for curl, \
         {} of {} queries matched nothing; medians",
        crawls[0].artifacts, crawls[0].requests, search.misses, search.queries
    );
    println!(
        "{:<37} {:>6} {:>14} {:>10}",
        "figure", "runs", "median", "goal"
    );
    for (figure, runs, value, goal) in &rows {
        println!("{figure:<37} {runs:>6} {value:>14} {goal:>10}");
    }
    println!(
        "(artifacts view: Whole repository, {} rows a frame; 100k scrolled rows {} to {}, 100 \
         bounced between rows 0 and {}; frames drawing unread rows: 100k {}, 100 {})",
        ROWS_PER_FRAME,
        ui.large_rows.0,
        ui.large_rows.1,
        ui.small_deepest,
        ui.large_unread_frames,
        ui.small_unread_frames
    );
}

/// Last: one line per figure.
fn print_figures(crawls: &[CrawlRun], curls: &[f64], search: &SearchFigures, ui: &UiFigures) {
    let Medians {
        ratio,
        rate,
        rss_mib,
        bytes_per_artifact,
        ..
    } = Medians::of(crawls, curls);
    println!();
    println!("crawl artifacts/s: {rate:.0}");
    println!("crawl/curl ratio: {ratio:.2}");
    println!("search median ms: {:.2}", search.median_ms);
    println!("search p99 ms: {:.2}", search.p99_ms);
    println!("app peak RSS MiB: {rss_mib:.1}");
    println!("index bytes per artifact: {bytes_per_artifact:.0}");
    println!(
        "artifacts view frame 100k/100 ratio: {:.2}",
        ui.frame_ratio()
    );
    println!("first page ms: {:.0}", ui.first_page_ms);
}
