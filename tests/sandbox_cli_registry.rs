//! `ccr-sandbox --token-file FILE --double-encoded-paths`: a bearer token besides Basic, and
//! Harbor's `%252F` for `/` in repository names, over real HTTP to the real binary.

#![allow(clippy::expect_used)] // a test that cannot go on says why, and fails

use std::io::{BufRead as _, BufReader};
use std::process::{Child, Command, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_ccr-sandbox");
const BASE: &str = "/api/ccr/v1.0/instances/ccr-manager";

/// The running binary, killed when dropped.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts the binary with `args` and answers it with its base URL (from the first line).
fn start(args: &[&str]) -> (Server, String) {
    let mut child = Command::new(BIN)
        .args(["--listen", "127.0.0.1:0", "--ephemeral"])
        .args(args)
        .env("RUST_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("ccr-sandbox starts");
    let stdout = child.stdout.take().expect("stdout is piped");
    let server = Server(child);
    let mut first = String::new();
    BufReader::new(stdout)
        .read_line(&mut first)
        .expect("the first line");
    let url = first
        .trim()
        .strip_prefix("ccr-sandbox listening on ")
        .unwrap_or_else(|| panic!("unexpected first line {first:?}"))
        .to_owned();
    (server, url)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_token_file_and_double_encoded_paths() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let token_file = dir.path().join("token");
    std::fs::write(&token_file, "cli-token-93be\n").expect("token file");
    let token_arg = token_file.to_str().expect("UTF-8 path");
    let (_server, base_url) = start(&["--token-file", token_arg, "--double-encoded-paths"]);
    let http = reqwest::Client::builder()
        .no_proxy()
        .build()
        .expect("client");
    let get = |path: &str| http.get(format!("{base_url}{BASE}{path}"));

    let status = |response: reqwest::Response| response.status().as_u16();
    let ok = get("/projects").bearer_auth("cli-token-93be").send().await;
    assert_eq!(ok.map(status).expect("answer"), 200);
    let wrong = get("/projects").bearer_auth("cli-token-93bf").send().await;
    assert_eq!(wrong.map(status).expect("answer"), 401);
    let basic = get("/projects")
        .basic_auth("admin", Some("Harbor12345"))
        .send()
        .await;
    assert_eq!(basic.map(status).expect("answer"), 200, "Basic still works");

    let single = get("/projects/demo/repositories/team%2Fbackend%2Fapi")
        .bearer_auth("cli-token-93be")
        .send()
        .await;
    assert_eq!(single.map(status).expect("answer"), 404);
    let double = get("/projects/demo/repositories/team%252Fbackend%252Fapi")
        .bearer_auth("cli-token-93be")
        .send()
        .await
        .expect("answer");
    assert_eq!(double.status().as_u16(), 200);
    let body: serde_json::Value = double.json().await.expect("JSON");
    assert_eq!(body["data"]["repositoryName"], "team/backend/api");
}

#[test]
fn an_empty_token_file_is_refused() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let token_file = dir.path().join("token");
    std::fs::write(&token_file, "\n").expect("token file");
    let output = Command::new(BIN)
        .args(["--listen", "127.0.0.1:0", "--ephemeral", "--token-file"])
        .arg(&token_file)
        .output()
        .expect("ccr-sandbox runs");
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("token"), "{stderr}");
}
