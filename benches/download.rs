//! Chart download throughput and memory: the ccr-desk client against `curl`, same server, same
//! file, alternating, several rounds.
//!
//! `cargo bench --bench download` starts `ccr-sandbox` as its own process on a temporary data
//! folder, imports a 16 MiB and a 256 MiB chart with `ccr-sandbox import-chart`, then downloads
//! each one `BENCH_ROUNDS` times (default 5) with the client and with curl, alternating. Each
//! download runs in a fresh process under GNU `time`, which reports its peak resident memory; the
//! sandbox never shares the measured process. Throughput is the tool's own transfer time (request
//! start to last byte written). It prints a table of medians and, last,
//! `ratio client/curl: X.XX` for the largest chart, both writing a new file. A third row shows
//! the client replacing an existing file, which it syncs to disk first and curl never does.
#![allow(clippy::print_stdout, clippy::unwrap_used, clippy::expect_used)]

use std::io::{BufRead as _, BufReader, Read, Write as _};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Instant;

use ccr_desk::api::paths::{Endpoints, Part, SegmentEncoding};
use ccr_desk::api::{CcrClient, ConnectionConfig};
use ccr_desk::sandbox::{ADMIN_USER, DEFAULT_ADMIN_PASSWORD};

const MIB: u64 = 1024 * 1024;
const SIZES_MIB: [u64; 2] = [16, 256];
const CHILD_FLAG: &str = "--download-child";

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(at) = args.iter().position(|a| a == CHILD_FLAG) {
        download_child(&args[at + 1..]);
        return;
    }
    let rounds: usize = std::env::var("BENCH_ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(5)
        .max(1);
    let sandbox_bin = PathBuf::from(env!("CARGO_BIN_EXE_ccr-sandbox"));
    let work = tempfile::tempdir().expect("temporary folder");
    let data = work.path().join("data");

    let (mut server, base_url) = start_sandbox(&sandbox_bin, &data);
    let mut rows = Vec::new();
    let mut final_ratio = None;
    for size_mib in SIZES_MIB {
        let name = format!("bench{size_mib}");
        let archive = work.path().join(format!("{name}-1.0.0.tgz"));
        write_chart(&archive, &name, size_mib * MIB);
        let archive_bytes = std::fs::metadata(&archive).expect("archive").len();
        let imported = Command::new(&sandbox_bin)
            .args(["import-chart"])
            .arg(&archive)
            .args(["--project", "library", "--data"])
            .arg(&data)
            .status()
            .expect("import-chart runs");
        assert!(imported.success(), "import-chart failed");

        let url = download_url(&base_url, &name);
        let target = work.path().join("downloaded.tgz");
        let mut client_runs = Vec::new();
        let mut curl_runs = Vec::new();
        let mut replace_runs = Vec::new();
        for _ in 0..rounds {
            client_runs.push(measure_client(
                &base_url,
                &name,
                &target,
                archive_bytes,
                false,
            ));
            curl_runs.push(measure_curl(&url, &target, archive_bytes));
            replace_runs.push(measure_client(
                &base_url,
                &name,
                &target,
                archive_bytes,
                true,
            ));
        }
        let client = Summary::of(&client_runs);
        let curl = Summary::of(&curl_runs);
        rows.push(("ccr-desk client", size_mib, client));
        rows.push(("curl", size_mib, curl));
        rows.push(("client, replacing", size_mib, Summary::of(&replace_runs)));
        final_ratio = Some(client.median_mib_s / curl.median_mib_s);
        std::fs::remove_file(&archive).ok();
    }
    let _ = server.kill();
    let _ = server.wait();

    println!();
    println!("chart download, {rounds} rounds each, alternating; medians");
    println!(
        "{:<18} {:>9} {:>14} {:>16}",
        "tool", "size", "MiB/s", "peak memory"
    );
    for (tool, size_mib, summary) in &rows {
        println!(
            "{:<18} {:>5} MiB {:>14.1} {:>12.1} MiB",
            tool,
            size_mib,
            summary.median_mib_s,
            summary.median_peak_kib as f64 / 1024.0
        );
    }
    for group in rows.chunks(3) {
        if let [(_, size, client), (_, _, curl), _] = group {
            println!(
                "{size} MiB: client/curl throughput {:.2}, client peak memory {:.1} MiB",
                client.median_mib_s / curl.median_mib_s,
                client.median_peak_kib as f64 / 1024.0
            );
        }
    }
    println!("ratio client/curl: {:.2}", final_ratio.unwrap_or(0.0));
}

#[derive(Clone, Copy)]
struct Run {
    seconds: f64,
    bytes: u64,
    peak_kib: u64,
}

#[derive(Clone, Copy)]
struct Summary {
    median_mib_s: f64,
    median_peak_kib: u64,
}

impl Summary {
    fn of(runs: &[Run]) -> Self {
        let mut speeds: Vec<f64> = runs
            .iter()
            .map(|r| r.bytes as f64 / MIB as f64 / r.seconds)
            .collect();
        speeds.sort_by(f64::total_cmp);
        let mut peaks: Vec<u64> = runs.iter().map(|r| r.peak_kib).collect();
        peaks.sort_unstable();
        Self {
            median_mib_s: speeds[speeds.len() / 2],
            median_peak_kib: peaks[peaks.len() / 2],
        }
    }
}

fn start_sandbox(binary: &Path, data: &Path) -> (Child, String) {
    let mut child = Command::new(binary)
        .args(["--listen", "127.0.0.1:0", "--data"])
        .arg(data)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("ccr-sandbox starts");
    let stdout = child.stdout.take().expect("stdout");
    let mut first = String::new();
    BufReader::new(stdout)
        .read_line(&mut first)
        .expect("first line");
    let url = first
        .trim()
        .strip_prefix("ccr-sandbox listening on ")
        .unwrap_or_else(|| panic!("unexpected first line: {first}"))
        .to_owned();
    (child, url)
}

fn download_url(base_url: &str, chart: &str) -> String {
    let endpoint = ccr_desk::api::config::parse_endpoint(base_url).expect("endpoint");
    let endpoints = Endpoints::new(&endpoint, "ccr-manager", SegmentEncoding::Single);
    let file = format!("{chart}-1.0.0.tgz");
    endpoints
        .url(
            &[
                Part::Fixed("projects"),
                Part::Value("library"),
                Part::Fixed("charts"),
                Part::Value(&file),
                Part::Fixed("download"),
            ],
            &[],
        )
        .expect("url")
        .to_string()
}

/// Runs `command` under GNU time; returns its stdout and peak resident memory in KiB.
fn run_timed(command: &Command) -> (String, u64) {
    let report = tempfile::NamedTempFile::new().expect("report file");
    let mut timed = Command::new("/usr/bin/time");
    timed.args(["-f", "%M", "-o"]).arg(report.path());
    timed.arg(command.get_program()).args(command.get_args());
    let output = timed
        .stderr(Stdio::inherit())
        .output()
        .expect("/usr/bin/time runs");
    assert!(
        output.status.success(),
        "{} failed",
        command.get_program().display()
    );
    let peak = std::fs::read_to_string(report.path())
        .expect("time report")
        .lines()
        .last()
        .and_then(|l| l.trim().parse().ok())
        .expect("peak memory");
    (String::from_utf8_lossy(&output.stdout).into_owned(), peak)
}

/// One client download into `target`; with `replace`, over an existing file (which the client
/// syncs to disk before renaming, as curl never does).
fn measure_client(base_url: &str, chart: &str, target: &Path, expected: u64, replace: bool) -> Run {
    if replace {
        std::fs::write(target, b"an older download").expect("placeholder");
    }
    let mut command = Command::new(std::env::current_exe().expect("bench binary"));
    command.arg(CHILD_FLAG).arg(base_url).arg(chart).arg(target);
    let (stdout, peak_kib) = run_timed(&command);
    let seconds: f64 = stdout.trim().parse().expect("child prints its seconds");
    let bytes = std::fs::metadata(target).expect("downloaded file").len();
    assert_eq!(bytes, expected, "client download is complete");
    std::fs::remove_file(target).ok();
    Run {
        seconds,
        bytes,
        peak_kib,
    }
}

fn measure_curl(url: &str, target: &Path, expected: u64) -> Run {
    let mut command = Command::new("curl");
    command
        .args(["-sS", "--fail", "-u"])
        .arg(format!("{ADMIN_USER}:{DEFAULT_ADMIN_PASSWORD}"))
        .args(["-H", "Content-Type: application/json", "-o"])
        .arg(target)
        .args(["-w", "%{time_total}"])
        .arg(url);
    let (stdout, peak_kib) = run_timed(&command);
    let seconds: f64 = stdout.trim().parse().expect("curl prints time_total");
    let bytes = std::fs::metadata(target).expect("downloaded file").len();
    assert_eq!(bytes, expected, "curl download is complete");
    std::fs::remove_file(target).ok();
    Run {
        seconds,
        bytes,
        peak_kib,
    }
}

/// The measured process: downloads one chart with the client through the temporary-file writer
/// and prints the transfer's seconds.
fn download_child(args: &[String]) {
    let [base_url, chart, target] = args else {
        panic!("usage: {CHILD_FLAG} BASE_URL CHART TARGET");
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let endpoint = ccr_desk::api::config::parse_endpoint(base_url).expect("endpoint");
    let config = ConnectionConfig::new(
        endpoint,
        ADMIN_USER,
        secrecy::SecretString::from(DEFAULT_ADMIN_PASSWORD),
    );
    let client = CcrClient::new(&config).expect("client");
    let cancel = tokio_util::sync::CancellationToken::new();
    let seconds = runtime.block_on(async {
        let started = Instant::now();
        client
            .download_chart_to_file(
                "library",
                chart,
                "1.0.0",
                Path::new(target),
                |_| {},
                &cancel,
            )
            .await
            .expect("download");
        started.elapsed().as_secs_f64()
    });
    println!("{seconds}");
}

/// A reader of incompressible, reproducible bytes.
struct Noise {
    state: u64,
    left: u64,
}

impl Read for Noise {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = buf
            .len()
            .min(usize::try_from(self.left).unwrap_or(usize::MAX));
        for chunk in buf[..n].chunks_mut(8) {
            self.state ^= self.state << 13;
            self.state ^= self.state >> 7;
            self.state ^= self.state << 17;
            let bytes = self.state.to_le_bytes();
            chunk.copy_from_slice(&bytes[..chunk.len()]);
        }
        self.left -= n as u64;
        Ok(n)
    }
}

/// Writes a Helm chart archive of about `filler` bytes: Chart.yaml, values.yaml, a template and
/// an incompressible file (gzip without compression, so building it is fast).
fn write_chart(path: &Path, name: &str, filler: u64) {
    let file = std::io::BufWriter::new(std::fs::File::create(path).expect("create archive"));
    let gzip = flate2::write::GzEncoder::new(file, flate2::Compression::none());
    let mut tar = tar::Builder::new(gzip);
    let mut add = |entry: String, size: u64, data: &mut dyn Read| {
        let mut header = tar::Header::new_gnu();
        header.set_size(size);
        header.set_mode(0o644);
        header.set_mtime(1_700_000_000);
        header.set_cksum();
        tar.append_data(&mut header, entry, data)
            .expect("tar entry");
    };
    let chart_yaml =
        format!("apiVersion: v2\nname: {name}\nversion: 1.0.0\ndescription: benchmark chart\n");
    add(
        format!("{name}/Chart.yaml"),
        chart_yaml.len() as u64,
        &mut chart_yaml.as_bytes(),
    );
    add(
        format!("{name}/values.yaml"),
        12,
        &mut &b"replicas: 1\n"[..],
    );
    let template = b"apiVersion: v1\nkind: ConfigMap\n";
    add(
        format!("{name}/templates/cm.yaml"),
        template.len() as u64,
        &mut &template[..],
    );
    add(
        format!("{name}/files/blob.bin"),
        filler,
        &mut Noise {
            state: 0x2545_F491_4F6C_DD1D,
            left: filler,
        },
    );
    let gzip = tar.into_inner().expect("tar");
    let mut file = gzip.finish().expect("gzip");
    file.flush().expect("flush");
}
