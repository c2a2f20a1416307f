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
//! warm-up pass, one timed pass. It prints a table of medians and, last, one line per figure.
#![allow(clippy::print_stdout, clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;
use std::io::{BufRead as _, BufReader, Write as _};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Instant;

use ccr_desk::api::config::{DEFAULT_INSTANCE_ID, parse_endpoint};
use ccr_desk::api::paths::{Endpoints, Part, SegmentEncoding};
use ccr_desk::api::{CcrClient, ConnectionConfig};
use ccr_desk::index::{self, CrawlOutcome, CrawlScope, CrawlSettings, Index};
use ccr_desk::sandbox::{ADMIN_USER, DEFAULT_ADMIN_PASSWORD};
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

    let urls = curl_config.map_or(0, |config| config.urls);
    report(&crawls, &curls, urls, &search);
    println!(
        "(bench took {:.0} s; curl: {CURL_MODE})",
        started.elapsed().as_secs_f64()
    );
    print_figures(&crawls, &curls, &search);
}

// ---- the sandbox --------------------------------------------------------------------------

fn generate(binary: &Path, data: &Path) {
    let status = Command::new(binary)
        .arg("generate")
        .args(["--projects", &PROJECTS.to_string()])
        .args(["--repositories", &REPOSITORIES.to_string()])
        .args(["--artifacts", &ARTIFACTS.to_string()])
        .args(["--largest", &LARGEST.to_string()])
        .args(["--charts", &CHARTS.to_string()])
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

// ---- figures needing the UI (pending) -----------------------------------------------------

/// PENDING: the artifacts screen over the index does not exist yet. Once it does, this times a
/// frame of the artifacts view over a 100 000-artifact repository against one over 100
/// artifacts and returns that ratio. Until then it measures nothing: `None` prints
/// `n/a (pending)`; no number is made up.
fn artifacts_view_frame_ratio() -> Option<f64> {
    None
}

/// PENDING: as [`artifacts_view_frame_ratio`]: will time, in ms, from opening the artifacts
/// screen of the 30 000-artifact repository to its first page drawn from the index. `None`
/// until the screen exists.
fn first_page_ms() -> Option<f64> {
    None
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

fn pending(value: Option<f64>) -> String {
    value.map_or_else(|| "n/a (pending)".to_owned(), |v| format!("{v:.2}"))
}

fn report(crawls: &[CrawlRun], curls: &[f64], urls: usize, search: &SearchFigures) {
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
            "artifacts view frame 100k/100 ratio",
            "-",
            pending(artifacts_view_frame_ratio()),
            "",
        ),
        ("first page ms", "-", pending(first_page_ms()), ""),
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
}

/// Last: one line per figure.
fn print_figures(crawls: &[CrawlRun], curls: &[f64], search: &SearchFigures) {
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
        "artifacts view frame 100k/100 ratio: {}",
        pending(artifacts_view_frame_ratio())
    );
    println!("first page ms: {}", pending(first_page_ms()));
}
