//! The sandbox's raw answers carry every field name that the document's examples carry.
//!
//! This reads the wire with plain reqwest, not the client's models, so a field the sandbox forgets
//! cannot be hidden by the client's forgiving parsing.

#![allow(clippy::expect_used)] // a test that cannot go on says why, and fails

mod common;

use ccr_desk::sandbox::{self, RunningSandbox};
use serde_json::Value;

fn seed(name: &str) -> Value {
    let path = format!("{}/tests/fixtures/seed/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Paths of keys present in `expected` but missing in `actual`. For arrays, the first example
/// element must be covered by at least one actual element.
fn missing_keys(expected: &Value, actual: &Value, path: &str) -> Vec<String> {
    match (expected, actual) {
        (Value::Object(want), Value::Object(have)) => want
            .iter()
            .flat_map(|(key, value)| match have.get(key) {
                Some(found) => missing_keys(value, found, &format!("{path}.{key}")),
                None => vec![format!("{path}.{key}")],
            })
            .collect(),
        (Value::Array(want), Value::Array(have)) => {
            let Some(example) = want.first() else {
                return Vec::new();
            };
            let candidates: Vec<Vec<String>> = have
                .iter()
                .map(|item| missing_keys(example, item, &format!("{path}[]")))
                .collect();
            if candidates.iter().any(Vec::is_empty) {
                Vec::new()
            } else {
                candidates
                    .into_iter()
                    .min_by_key(Vec::len)
                    .unwrap_or_else(|| vec![format!("{path}[] (no element to compare)")])
            }
        }
        _ => Vec::new(),
    }
}

struct Raw {
    http: reqwest::Client,
    base: String,
}

impl Raw {
    fn new(sandbox: &RunningSandbox) -> Self {
        Self {
            http: reqwest::Client::builder()
                .no_proxy()
                .build()
                .expect("client"),
            base: format!("{}/api/ccr/v1.0/instances/ccr-manager", sandbox.base_url()),
        }
    }

    async fn call(&self, method: reqwest::Method, path: &str, body: Option<Value>) -> Value {
        let mut request = self
            .http
            .request(method, format!("{}{path}", self.base))
            .basic_auth(sandbox::ADMIN_USER, Some(sandbox::DEFAULT_ADMIN_PASSWORD))
            .header("Content-Type", "application/json");
        if let Some(body) = body {
            request = request.body(body.to_string());
        }
        let response = request.send().await.expect("send");
        assert!(
            response.status().is_success(),
            "{path}: {}",
            response.status()
        );
        let content_type = response
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned();
        assert!(
            content_type.starts_with("application/json"),
            "{path}: {content_type}"
        );
        response.json().await.expect("JSON")
    }
}

#[track_caller]
fn assert_covers(seed_file: &str, actual: &Value) {
    let missing = missing_keys(&seed(seed_file), actual, "");
    assert!(
        missing.is_empty(),
        "{seed_file}: the sandbox omits {missing:?} in {actual:#}"
    );
    assert_eq!(actual["code"], "CCR.Success");
    assert_eq!(actual["message"], "调用成功");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sandbox_answers_carry_every_field_of_the_examples() {
    use reqwest::Method;
    let sandbox = common::sandbox().await;
    let raw = Raw::new(&sandbox);

    let created = raw
        .call(
            Method::POST,
            "/projects",
            Some(serde_json::json!({"isPublic": false, "name": "test04", "quota": 102_400})),
        )
        .await;
    assert_covers("create-project.json", &created);
    assert!(created["projectId"].is_i64(), "{created}");

    let projects = raw
        .call(Method::GET, "/projects?pageNo=1&pageSize=10", None)
        .await;
    assert_covers("list-projects.json", &projects);

    let created_repo = raw
        .call(
            Method::POST,
            "/projects/test04/repositories",
            Some(serde_json::json!({"repositoryName": "test01"})),
        )
        .await;
    assert_covers("success.json", &created_repo);
    let repositories = raw
        .call(
            Method::GET,
            "/projects/test04/repositories?pageNo=0&pageSize=10",
            None,
        )
        .await;
    assert_covers("list-repositories.json", &repositories);
    let detail = raw
        .call(Method::GET, "/projects/test04/repositories/test01", None)
        .await;
    assert_covers("repository-detail.json", &detail);

    // The artifacts example is a multi-platform index: compare with the demo data's index.
    let mut index_answer = None;
    let all_projects = raw.call(Method::GET, "/projects?noPaging=true", None).await;
    'search: for project in all_projects["projects"].as_array().expect("projects") {
        let name = project["projectName"].as_str().expect("name");
        let repos = raw
            .call(
                Method::GET,
                &format!("/projects/{name}/repositories?pageNo=1&pageSize=100"),
                None,
            )
            .await;
        for repo in repos["data"].as_array().expect("data") {
            let repo_name = repo["repositoryName"].as_str().expect("repo name");
            let encoded = repo_name.replace('/', "%2F");
            let artifacts = raw
                .call(
                    Method::GET,
                    &format!(
                        "/projects/{name}/repositories/{encoded}/artifacts?page=1&pageSize=100"
                    ),
                    None,
                )
                .await;
            let has_index = artifacts["artifacts"].as_array().is_some_and(|list| {
                list.iter()
                    .any(|a| a["references"].as_array().is_some_and(|r| !r.is_empty()))
            });
            if has_index {
                index_answer = Some(artifacts);
                break 'search;
            }
        }
    }
    let artifacts = index_answer.expect("the demo data has an index");
    assert_covers("list-artifacts.json", &artifacts);

    let charts = raw
        .call(Method::GET, "/projects/charts?pageNo=1&pageSize=10", None)
        .await;
    assert_covers("list-charts.json", &charts);

    let deleted = raw
        .call(Method::DELETE, "/projects/test04/repositories/test01", None)
        .await;
    assert_covers("success.json", &deleted);
    let deleted = raw.call(Method::DELETE, "/projects/test04", None).await;
    assert_covers("success.json", &deleted);
}

#[test]
fn the_key_comparison_itself_notices_a_missing_field() {
    let example = serde_json::json!({"a": 1, "list": [{"x": 1, "y": {"z": 2}}]});
    let complete = serde_json::json!({"a": 5, "b": 6, "list": [{"x": 0}, {"x": 2, "y": {"z": 0}}]});
    let partial = serde_json::json!({"a": 5, "list": [{"x": 0, "y": {}}]});
    assert!(missing_keys(&example, &complete, "").is_empty());
    assert_eq!(missing_keys(&example, &partial, ""), [".list[].y.z"]);
    assert_eq!(
        missing_keys(&example, &serde_json::json!({"list": []}), ""),
        [".a", ".list[] (no element to compare)"]
    );
}
