//! The `ccr-sandbox` binary as scripts use it: its first stdout line, persistence across a
//! SIGKILL (idle and in the middle of a burst of writes), `import-chart` into a running server's
//! data folder (and its refusal of the server's options), and `--tls`.

#![allow(clippy::expect_used)] // a test that cannot go on says why, and fails

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_ccr-sandbox");
const BASE: &str = "/api/ccr/v1.0/instances/ccr-manager";
const LINE_DEADLINE: Duration = Duration::from_mins(1);

/// A running `ccr-sandbox` that is killed when dropped.
struct Server {
    child: Child,
    lines: mpsc::Receiver<String>,
    base_url: String,
}

impl Server {
    fn start(args: &[&str]) -> Self {
        Self::start_with(args, &[], Stdio::inherit()).0
    }

    /// Starts with extra environment variables; with `Stdio::piped()` the caller gets stderr
    /// (read it to the end after [`Self::kill`]).
    fn start_with(
        args: &[&str],
        envs: &[(&str, &str)],
        stderr: Stdio,
    ) -> (Self, Option<std::process::ChildStderr>) {
        let mut child = Command::new(BIN)
            .args(args)
            .env("RUST_LOG", "warn")
            .env_remove("CCR_SANDBOX_ADMIN_PASSWORD")
            .envs(envs.iter().copied())
            .stdout(Stdio::piped())
            .stderr(stderr)
            .spawn()
            .expect("ccr-sandbox starts");
        let stderr = child.stderr.take();
        let stdout = child.stdout.take().expect("stdout is piped");
        let (tx, lines) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let mut server = Self {
            child,
            lines,
            base_url: String::new(),
        };
        let first = server.next_line();
        let url = first
            .strip_prefix("ccr-sandbox listening on ")
            .unwrap_or_else(|| panic!("unexpected first line {first:?}"));
        url.clone_into(&mut server.base_url);
        (server, stderr)
    }

    fn next_line(&self) -> String {
        self.lines
            .recv_timeout(LINE_DEADLINE)
            .expect("ccr-sandbox printed a line in time")
    }

    fn url(&self, path: &str) -> String {
        format!("{}{BASE}{path}", self.base_url)
    }

    fn kill(mut self) {
        self.child.kill().expect("kill -9");
        self.child.wait().expect("reaped");
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .no_proxy()
        .connect_timeout(Duration::from_secs(10))
        .timeout(Duration::from_mins(1))
        .build()
        .expect("a reqwest client")
}

async fn get_json(server: &Server, path: &str) -> serde_json::Value {
    let response = client()
        .get(server.url(path))
        .basic_auth("admin", Some("Harbor12345"))
        .send()
        .await
        .expect("the request is answered");
    assert_eq!(response.status(), 200, "GET {path}");
    json(response).await
}

async fn json(response: reqwest::Response) -> serde_json::Value {
    let bytes = response.bytes().await.expect("a body");
    serde_json::from_slice(&bytes).expect("a JSON body")
}

fn import_chart(file: &Path, project: &str, data: &Path) -> std::process::Output {
    Command::new(BIN)
        .args(["import-chart"])
        .arg(file)
        .args(["--project", project, "--data"])
        .arg(data)
        .env("RUST_LOG", "warn")
        .output()
        .expect("ccr-sandbox import-chart runs")
}

/// A small chart archive as `helm package` would make it.
fn chart_archive(name: &str, version: &str) -> Vec<u8> {
    let encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    let mut tar = tar::Builder::new(encoder);
    for (path, text) in [
        (
            "Chart.yaml",
            format!("apiVersion: v2\nname: {name}\nversion: {version}\n"),
        ),
        ("values.yaml", "replicaCount: 1\n".to_owned()),
        (
            "templates/configmap.yaml",
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\n".to_owned(),
        ),
    ] {
        let mut header = tar::Header::new_gnu();
        header.set_size(text.len() as u64);
        header.set_mode(0o644);
        tar.append_data(&mut header, format!("{name}/{path}"), text.as_bytes())
            .expect("a tar entry");
    }
    tar.into_inner()
        .and_then(flate2::write::GzEncoder::finish)
        .expect("a gzip tar archive")
}

#[tokio::test]
async fn first_line_announces_the_address() {
    let server = Server::start(&["--listen", "127.0.0.1:0", "--ephemeral"]);
    let port = server
        .base_url
        .strip_prefix("http://127.0.0.1:")
        .unwrap_or_else(|| panic!("base url {}", server.base_url));
    assert!(port.parse::<u16>().unwrap() > 0);
    let projects = get_json(&server, "/projects?pageNo=1&pageSize=10").await;
    assert_eq!(projects["code"], "CCR.Success");
    assert!(projects["total"].as_i64().unwrap() >= 4);
    // no credentials: the envelope with 401 and the Basic challenge
    let response = client().get(server.url("/projects")).send().await.unwrap();
    assert_eq!(response.status(), 401);
    assert_eq!(
        response.headers()["www-authenticate"],
        "Basic realm=\"ccr\""
    );
    let body = json(response).await;
    assert_eq!(body["code"], "CCR.RespAuthFailed");
}

#[tokio::test]
async fn state_survives_sigkill_and_restart() {
    let data = tempfile::tempdir().unwrap();
    let data_arg = data.path().to_str().unwrap();
    let server = Server::start(&["--listen", "127.0.0.1:0", "--data", data_arg]);
    let created = client()
        .post(server.url("/projects"))
        .basic_auth("admin", Some("Harbor12345"))
        .header("content-type", "application/json")
        .body(serde_json::json!({"name": "kept", "isPublic": true, "quota": 1_048_576}).to_string())
        .send()
        .await
        .unwrap();
    assert_eq!(created.status(), 200);
    let deleted = client()
        .delete(server.url("/projects/playground"))
        .basic_auth("admin", Some("Harbor12345"))
        .send()
        .await
        .unwrap();
    assert_eq!(deleted.status(), 200);
    server.kill();

    let server = Server::start(&["--listen", "127.0.0.1:0", "--data", data_arg]);
    let kept = get_json(&server, "/projects?nameHas=kept").await;
    assert_eq!(kept["total"], 1, "{kept}");
    assert_eq!(kept["projects"][0]["projectName"], "kept");
    assert_eq!(kept["projects"][0]["quota"], 1_048_576);
    let gone = get_json(&server, "/projects?nameHas=playground").await;
    assert_eq!(
        gone["total"], 0,
        "demo data is seeded once, not again: {gone}"
    );
}

/// One write of the burst that was answered with success.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Written {
    Project(String),
    Repository(String, String),
}

/// Creates project `name`, then two repositories in it; reports every success on `done` and
/// stops at the first failure (the server is killed part-way).
async fn burst_writer(
    client: reqwest::Client,
    base: String,
    name: String,
    done: tokio::sync::mpsc::UnboundedSender<Written>,
) {
    let post = |path: String, body: serde_json::Value| {
        client
            .post(format!("{base}{BASE}{path}"))
            .basic_auth("admin", Some("Harbor12345"))
            .header("content-type", "application/json")
            .body(body.to_string())
            .send()
    };
    let created = post(
        "/projects".to_owned(),
        serde_json::json!({"name": name, "isPublic": false}),
    )
    .await;
    if !created.is_ok_and(|r| r.status() == 200)
        || done.send(Written::Project(name.clone())).is_err()
    {
        return;
    }
    for repository in ["app", "tools"] {
        let created = post(
            format!("/projects/{name}/repositories"),
            serde_json::json!({"repositoryName": repository}),
        )
        .await;
        if !created.is_ok_and(|r| r.status() == 200)
            || done
                .send(Written::Repository(name.clone(), repository.to_owned()))
                .is_err()
        {
            return;
        }
    }
}

/// `PRAGMA integrity_check` of the store in `data`, opened read-only.
fn integrity_check(data: &Path) -> String {
    let conn = rusqlite::Connection::open_with_flags(
        data.join("ccr-sandbox.sqlite3"),
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
    )
    .expect("the store opens read-only");
    conn.query_row("PRAGMA integrity_check", [], |row| row.get(0))
        .expect("integrity_check answers")
}

/// The project list is consistent (total = items with `noPaging=true`) and holds every project
/// and repository of `written`, each repository list consistent too.
async fn assert_lists_hold(server: &Server, written: &BTreeSet<Written>) {
    let projects = get_json(server, "/projects?noPaging=true").await;
    assert_eq!(projects["code"], "CCR.Success", "{projects}");
    let listed = projects["projects"].as_array().expect("a project array");
    assert_eq!(
        projects["total"].as_u64(),
        Some(listed.len() as u64),
        "{projects}"
    );
    let names: BTreeSet<&str> = listed
        .iter()
        .map(|p| p["projectName"].as_str().expect("a project name"))
        .collect();
    assert!(names.contains("library"), "the demo data is still there");
    for write in written {
        match write {
            Written::Project(name) => {
                assert!(
                    names.contains(name.as_str()),
                    "{name} is missing: {names:?}"
                );
            }
            Written::Repository(project, repository) => {
                let list = get_json(
                    server,
                    &format!("/projects/{project}/repositories?noPaging=true"),
                )
                .await;
                let data = list["data"].as_array().expect("a repository array");
                assert_eq!(
                    list["totalCount"].as_u64(),
                    Some(data.len() as u64),
                    "{list}"
                );
                assert!(
                    data.iter()
                        .any(|r| r["repositoryName"] == repository.as_str()),
                    "{project}/{repository} is missing: {list}"
                );
            }
        }
    }
}

#[tokio::test]
async fn state_survives_sigkill_during_a_burst_of_writes() {
    const WRITERS: usize = 40;
    const KILL_AFTER: usize = 10;
    let deadline = Instant::now() + Duration::from_mins(2);
    let data = tempfile::tempdir().unwrap();
    let data_arg = data.path().to_str().unwrap();
    let server = Server::start(&["--listen", "127.0.0.1:0", "--data", data_arg]);

    let (done, mut successes) = tokio::sync::mpsc::unbounded_channel();
    let burst_client = client();
    let writers: Vec<_> = (0..WRITERS)
        .map(|i| {
            tokio::spawn(burst_writer(
                burst_client.clone(),
                server.base_url.clone(),
                format!("burst{i:02}"),
                done.clone(),
            ))
        })
        .collect();
    drop(done);

    // SIGKILL as soon as the KILL_AFTER-th success is seen, with the rest still in flight.
    let mut written = BTreeSet::new();
    while written.len() < KILL_AFTER {
        let next = tokio::time::timeout_at(deadline.into(), successes.recv())
            .await
            .expect("the first writes succeed before the deadline");
        written.insert(next.expect("the writers succeed before the server is killed"));
    }
    server.kill();
    let killed_after = written.len();
    // Answers that arrived before the process died count too: each was committed first.
    for writer in writers {
        tokio::time::timeout_at(deadline.into(), writer)
            .await
            .expect("every writer ends before the deadline")
            .expect("no writer panics");
    }
    while let Ok(late) = successes.try_recv() {
        written.insert(late);
    }
    eprintln!(
        "killed after {killed_after} successes; {} writes were answered with success out of {}",
        written.len(),
        WRITERS * 3
    );
    assert!(
        written.len() < WRITERS * 3,
        "the kill came while writes were in flight"
    );
    assert_eq!(
        integrity_check(data.path()),
        "ok",
        "the store as the kill left it"
    );

    let server = Server::start(&["--listen", "127.0.0.1:0", "--data", data_arg]);
    assert_lists_hold(&server, &written).await;
    // the restarted server still takes writes
    let created = client()
        .post(server.url("/projects"))
        .basic_auth("admin", Some("Harbor12345"))
        .header("content-type", "application/json")
        .body(serde_json::json!({"name": "after-restart"}).to_string())
        .send()
        .await
        .unwrap();
    assert_eq!(created.status(), 200);
    server.kill();
    assert_eq!(
        integrity_check(data.path()),
        "ok",
        "the store after a restart"
    );
}

#[test]
fn server_options_before_import_chart_are_refused() {
    let data = tempfile::tempdir().unwrap();
    let files = tempfile::tempdir().unwrap();
    let chart = files.path().join("hello-chart-0.1.0.tgz");
    std::fs::write(&chart, chart_archive("hello-chart", "0.1.0")).unwrap();
    for option in [
        &["--data", data.path().to_str().unwrap()][..],
        &["--ephemeral"],
        &["--listen", "127.0.0.1:0"],
        &["--tls"],
        &["--admin-password", "Sup3rSecretPw"],
    ] {
        let output = Command::new(BIN)
            .args(option)
            .arg("import-chart")
            .arg(&chart)
            .args(["--project", "library"])
            .env("RUST_LOG", "warn")
            .output()
            .expect("ccr-sandbox runs");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{option:?}: {output:?}");
        assert!(
            stderr.contains("cannot be used with"),
            "{option:?}: {stderr}"
        );
        assert!(!stderr.contains("Sup3rSecretPw"), "{stderr}");
        assert!(output.stdout.is_empty(), "{option:?}: nothing was imported");
    }
    // nothing was created in the folder given before the subcommand
    assert_eq!(std::fs::read_dir(data.path()).unwrap().count(), 0);
    // the subcommand's own --data is the way
    let _server = Server::start(&[
        "--listen",
        "127.0.0.1:0",
        "--data",
        data.path().to_str().unwrap(),
    ]);
    let output = import_chart(&chart, "library", data.path());
    assert!(output.status.success(), "{output:?}");
}

#[tokio::test]
async fn import_chart_into_a_running_server() {
    let data = tempfile::tempdir().unwrap();
    let server = Server::start(&[
        "--listen",
        "127.0.0.1:0",
        "--data",
        data.path().to_str().unwrap(),
    ]);
    let files = tempfile::tempdir().unwrap();
    let chart = files.path().join("hello-chart-0.3.0-beta.1.tgz");
    let archive = chart_archive("hello-chart", "0.3.0-beta.1");
    std::fs::write(&chart, &archive).unwrap();

    let output = import_chart(&chart, "library", data.path());
    assert!(output.status.success(), "{output:?}");
    assert_eq!(
        String::from_utf8_lossy(&output.stdout).trim(),
        format!(
            "imported hello-chart 0.3.0-beta.1 into library ({} bytes)",
            archive.len()
        )
    );

    let charts = get_json(&server, "/projects/charts?nameHas=hello").await;
    assert_eq!(charts["total"], 1, "{charts}");
    assert_eq!(charts["charts"][0]["latest_version"], "0.3.0-beta.1");
    assert_eq!(charts["charts"][0]["project_name"], "library");
    let download = client()
        .get(server.url("/projects/library/charts/hello-chart-0.3.0-beta.1.tgz/download"))
        .basic_auth("admin", Some("Harbor12345"))
        .send()
        .await
        .unwrap();
    assert_eq!(download.status(), 200);
    assert_eq!(download.headers()["content-type"], "application/gzip");
    assert_eq!(download.bytes().await.unwrap().as_ref(), archive.as_slice());

    let again = import_chart(&chart, "library", data.path());
    assert!(!again.status.success());
    assert!(
        String::from_utf8_lossy(&again.stderr).contains("already exists"),
        "{again:?}"
    );

    let not_a_chart = files.path().join("notes.txt");
    std::fs::File::create(&not_a_chart)
        .unwrap()
        .write_all(b"this is not a chart archive\n")
        .unwrap();
    let refused = import_chart(&not_a_chart, "library", data.path());
    assert!(!refused.status.success());
    assert!(
        String::from_utf8_lossy(&refused.stderr).contains("not a chart archive"),
        "{refused:?}"
    );

    let no_project = import_chart(&chart, "no-such-project", data.path());
    assert!(!no_project.status.success());
    assert!(
        String::from_utf8_lossy(&no_project.stderr).contains("does not exist"),
        "{no_project:?}"
    );
}

#[tokio::test]
async fn tls_prints_https_and_the_ca() {
    let server = Server::start(&["--listen", "127.0.0.1:0", "--ephemeral", "--tls"]);
    assert!(
        server.base_url.starts_with("https://127.0.0.1:"),
        "{}",
        server.base_url
    );
    let second = server.next_line();
    let ca_path = second
        .strip_prefix("ccr-sandbox CA certificate: ")
        .unwrap_or_else(|| panic!("unexpected second line {second:?}"));
    let pem = std::fs::read(ca_path).unwrap();
    assert!(pem.starts_with(b"-----BEGIN CERTIFICATE-----"));
    let ca = reqwest::Certificate::from_pem(&pem).expect("the CA file is PEM");
    let https = reqwest::Client::builder()
        .no_proxy()
        .tls_certs_only([ca])
        .connect_timeout(Duration::from_secs(10))
        .timeout(Duration::from_mins(1))
        .build()
        .unwrap();
    let response = https
        .get(server.url("/projects"))
        .basic_auth("viewer", Some("Viewer12345"))
        .send()
        .await
        .expect("HTTPS with the printed CA works");
    assert_eq!(response.status(), 200);
}

/// The status of `GET /projects` as `admin` with `password`.
async fn admin_status(server: &Server, password: &str) -> u16 {
    client()
        .get(server.url("/projects"))
        .basic_auth("admin", Some(password))
        .send()
        .await
        .expect("the request is answered")
        .status()
        .as_u16()
}

/// Kills the server and answers everything it wrote to stderr.
fn stderr_after_kill(server: Server, stderr: Option<std::process::ChildStderr>) -> String {
    use std::io::Read as _;
    server.kill();
    let mut text = String::new();
    stderr
        .expect("stderr is piped")
        .read_to_string(&mut text)
        .expect("stderr is read");
    text
}

#[tokio::test]
async fn the_admin_password_comes_from_a_file_the_environment_or_with_a_warning_the_command_line() {
    let files = tempfile::tempdir().unwrap();
    let file = files.path().join("admin-password");
    std::fs::write(&file, "Filed-Pass-123\n").unwrap();
    let file_arg = file.to_str().unwrap();
    let ephemeral = ["--listen", "127.0.0.1:0", "--ephemeral"];

    // From a file (its final newline is not part of the password), without a warning.
    let args = [&ephemeral[..], &["--admin-password-file", file_arg]].concat();
    let (server, stderr) = Server::start_with(&args, &[], Stdio::piped());
    assert_eq!(admin_status(&server, "Filed-Pass-123").await, 200);
    assert_eq!(admin_status(&server, "Harbor12345").await, 401);
    let text = stderr_after_kill(server, stderr);
    assert!(!text.contains("warning"), "{text}");
    assert!(!text.contains("Filed-Pass-123"), "{text}");

    // From the environment, without a warning.
    let (server, stderr) = Server::start_with(
        &ephemeral,
        &[("CCR_SANDBOX_ADMIN_PASSWORD", "Env-Pass-456")],
        Stdio::piped(),
    );
    assert_eq!(admin_status(&server, "Env-Pass-456").await, 200);
    let text = stderr_after_kill(server, stderr);
    assert!(!text.contains("warning"), "{text}");

    // On the command line it still works, with a warning that names ps but not the password.
    let args = [&ephemeral[..], &["--admin-password", "Cli-Pass-789"]].concat();
    let (server, stderr) = Server::start_with(&args, &[], Stdio::piped());
    assert_eq!(admin_status(&server, "Cli-Pass-789").await, 200);
    let text = stderr_after_kill(server, stderr);
    assert!(text.contains("warning") && text.contains("ps"), "{text}");
    assert!(text.contains("--admin-password-file"), "{text}");
    assert!(!text.contains("Cli-Pass-789"), "{text}");

    // A missing or empty file is an error that names the file; both options together too.
    let empty = files.path().join("empty");
    std::fs::write(&empty, "\n").unwrap();
    for (path, expected) in [(files.path().join("missing"), "missing"), (empty, "empty")] {
        let output = Command::new(BIN)
            .args(ephemeral)
            .arg("--admin-password-file")
            .arg(&path)
            .env("RUST_LOG", "warn")
            .output()
            .expect("ccr-sandbox runs");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!output.status.success(), "{stderr}");
        assert!(stderr.contains(path.to_str().unwrap()), "{stderr}");
        assert!(stderr.contains(expected), "{stderr}");
        assert!(output.stdout.is_empty(), "it did not start: {output:?}");
    }
    let output = Command::new(BIN)
        .args(ephemeral)
        .args([
            "--admin-password",
            "Cli-Pass-789",
            "--admin-password-file",
            file_arg,
        ])
        .output()
        .expect("ccr-sandbox runs");
    assert_eq!(output.status.code(), Some(2), "{output:?}");
}
