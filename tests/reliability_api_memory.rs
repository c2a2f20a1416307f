//! A huge answer to a small page costs little memory: the client refuses it instead of building
//! a tree of a million items. In a test binary of its own, so that the peak memory measured is
//! this test's alone.

#![allow(clippy::expect_used)] // a test that cannot go on says why, and fails

mod common;

use std::time::Duration;

use ccr_desk::api::config::parse_endpoint;
use ccr_desk::api::{ApiError, CcrClient, ConnectionConfig, PageRequest};
use ccr_desk::ui::describe::Describe as _;
use common::raw_http::{Behaviour, raw_server};
use secrecy::SecretString;

/// The process's peak resident memory so far (`VmHWM`), in KiB.
fn peak_resident_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").expect("/proc/self/status");
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("a VmHWM line")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_million_items_for_a_page_of_ten_is_refused_in_little_memory() {
    const ITEMS: usize = 1_000_000;
    let mut body =
        br#"{"code":"CCR.Success","message":"","requestId":"","total":1000000,"projects":["#
            .to_vec();
    for i in 0..ITEMS {
        if i > 0 {
            body.push(b',');
        }
        body.extend_from_slice(b"{}");
    }
    body.extend_from_slice(b"]}");
    let mut response = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    )
    .into_bytes();
    response.extend_from_slice(&body);
    drop(body);
    let port = raw_server(Behaviour::send(response)).await;

    let endpoint = parse_endpoint(&format!("http://127.0.0.1:{port}")).expect("endpoint");
    let mut config = ConnectionConfig::new(endpoint, "admin", SecretString::from("pw"));
    config.read_timeout = Duration::from_secs(30);
    let client = CcrClient::new(&config).expect("client");

    let before = peak_resident_kib();
    let result = client.list_projects(&PageRequest::new(1, 10)).await;
    let after = peak_resident_kib();
    let grown_mib = after.saturating_sub(before) / 1024;
    assert!(
        grown_mib < 200,
        "the peak memory grew by {grown_mib} MiB ({before} KiB → {after} KiB)"
    );
    let error = result
        .map(|reply| reply.value.items.len())
        .expect_err("a page of 10 with a million items is refused");
    assert!(
        matches!(
            error,
            ApiError::TooManyItems {
                received: 1_000_000,
                page_size: 10,
                ..
            }
        ),
        "{error:?}"
    ); // NEW-API
    let text = error.describe();
    assert!(text.contains("1000000") && text.contains("10"), "{text}");
}
