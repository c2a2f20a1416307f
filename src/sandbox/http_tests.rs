//! The sandbox over real HTTP on loopback: envelope on every error path, multi-level names in
//! one percent-encoded segment, the `/projects/charts` collision, roles, index deletion.

use serde_json::{Value, json};

use super::{RunningSandbox, SandboxConfig, start};

const BASE: &str = "/api/ccr/v1.0/instances/ccr-manager";

struct Call {
    status: u16,
    request_id_header: String,
    body: Value,
}

async fn call(
    sandbox: &RunningSandbox,
    method: reqwest::Method,
    path: &str,
    user: Option<(&str, &str)>,
    body: Option<&str>,
) -> Call {
    let client = reqwest::Client::builder().no_proxy().build().unwrap();
    let mut request = client.request(method, format!("{}{path}", sandbox.base_url()));
    if let Some((user, password)) = user {
        request = request.basic_auth(user, Some(password));
    }
    if let Some(body) = body {
        request = request
            .header("content-type", "application/json")
            .body(body.to_owned());
    }
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    let request_id_header = response
        .headers()
        .get("x-request-id")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    let bytes = response.bytes().await.unwrap();
    let body = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
    Call {
        status,
        request_id_header,
        body,
    }
}

const ADMIN: Option<(&str, &str)> = Some(("admin", "Harbor12345"));
const VIEWER: Option<(&str, &str)> = Some(("viewer", "Viewer12345"));

async fn admin_get(sandbox: &RunningSandbox, path: &str) -> Call {
    call(
        sandbox,
        reqwest::Method::GET,
        &format!("{BASE}{path}"),
        ADMIN,
        None,
    )
    .await
}

fn assert_error(call: &Call, status: u16, code: &str) {
    assert_eq!(call.status, status, "{}", call.body);
    assert_eq!(call.body["code"], code, "{}", call.body);
    assert!(!call.body["message"].as_str().unwrap().is_empty());
    assert_eq!(call.body["requestId"], call.request_id_header.as_str());
}

#[tokio::test]
async fn multi_level_names_travel_as_one_encoded_segment() {
    use reqwest::Method;
    let sandbox = start(SandboxConfig::ephemeral_loopback()).await.unwrap();
    let created = call(
        &sandbox,
        Method::POST,
        &format!("{BASE}/projects/playground/repositories"),
        ADMIN,
        Some(r#"{"repositoryName":"sub1/sub2/repo","summary":"概要","detail":"详细"}"#),
    )
    .await;
    assert_eq!(created.status, 200, "{}", created.body);
    assert_eq!(created.body["code"], "CCR.Success");
    assert_eq!(created.body["message"], "调用成功");
    let detail = admin_get(
        &sandbox,
        "/projects/playground/repositories/sub1%2Fsub2%2Frepo",
    )
    .await;
    assert_eq!(detail.status, 200, "{}", detail.body);
    assert_eq!(detail.body["data"]["repositoryName"], "sub1/sub2/repo");
    assert_eq!(detail.body["data"]["summary"], "概要");
    assert!(
        detail.body["data"]["createdAt"]
            .as_str()
            .unwrap()
            .ends_with(" +0800 CST")
    );
    let dup = call(
        &sandbox,
        Method::POST,
        &format!("{BASE}/projects/playground/repositories"),
        ADMIN,
        Some(r#"{"repositoryName":"sub1/sub2/repo"}"#),
    )
    .await;
    assert_error(&dup, 409, "CCR.CodeErrAlreadyExists");
    let artifacts = admin_get(
        &sandbox,
        "/projects/playground/repositories/sub1%2Fsub2%2Frepo/artifacts?page=1&pageSize=10",
    )
    .await;
    assert_eq!(artifacts.body["total"], 0);
    let deleted = call(
        &sandbox,
        Method::DELETE,
        &format!("{BASE}/projects/playground/repositories/sub1%2Fsub2%2Frepo"),
        ADMIN,
        None,
    )
    .await;
    assert_eq!(deleted.status, 200);
    let gone = admin_get(
        &sandbox,
        "/projects/playground/repositories/sub1%2Fsub2%2Frepo",
    )
    .await;
    assert_error(&gone, 404, "CCR.CodeErrNotExists");
}

#[tokio::test]
async fn every_error_is_an_envelope() {
    use reqwest::Method;
    let sandbox = start(SandboxConfig::ephemeral_loopback()).await.unwrap();
    let s = &sandbox;
    assert_error(
        &call(s, Method::GET, &format!("{BASE}/projects"), None, None).await,
        401,
        "CCR.RespAuthFailed",
    );
    assert_error(
        &call(
            s,
            Method::GET,
            &format!("{BASE}/projects"),
            Some(("admin", "wrong")),
            None,
        )
        .await,
        401,
        "CCR.RespAuthFailed",
    );
    assert_error(
        &call(s, Method::PUT, &format!("{BASE}/projects"), ADMIN, None).await,
        405,
        "CCR.CodeParamError",
    );
    assert_error(
        &admin_get(s, "/nothing/here").await,
        404,
        "CCR.CodeErrNotExists",
    );
    assert_error(
        &call(
            s,
            Method::GET,
            "/api/ccr/v1.0/instances/other/projects",
            ADMIN,
            None,
        )
        .await,
        404,
        "CCR.CodeErrNotExists",
    );
}

#[tokio::test]
async fn bad_input_is_a_param_error() {
    use reqwest::Method;
    let sandbox = start(SandboxConfig::ephemeral_loopback()).await.unwrap();
    let s = &sandbox;
    for body in [
        "",
        "{",
        r#"{"name":5}"#,
        r#"{"isPublic":true}"#,
        r#"{"name":"Bad"}"#,
        r#"{"name":"q","quota":0}"#,
    ] {
        let created = call(
            s,
            Method::POST,
            &format!("{BASE}/projects"),
            ADMIN,
            Some(body),
        )
        .await;
        assert_error(&created, 400, "CCR.CodeParamError");
    }
    assert_error(
        &admin_get(s, "/projects?pageSize=-1").await,
        400,
        "CCR.CodeParamError",
    );
    assert_error(
        &admin_get(s, "/projects?pageNo=x").await,
        400,
        "CCR.CodeParamError",
    );
    assert_error(
        &admin_get(s, "/projects/nope/repositories").await,
        404,
        "CCR.CodeErrNotExists",
    );
    assert_error(
        &admin_get(s, "/projects/library/repositories/nope").await,
        404,
        "CCR.CodeErrNotExists",
    );
    assert_error(
        &admin_get(s, "/projects/library/repositories/a%2F%2Fb").await,
        400,
        "CCR.CodeParamError",
    );
    assert_error(
        &call(
            s,
            Method::DELETE,
            &format!("{BASE}/projects/library/repositories/nginx/artifacts/sha256:12"),
            ADMIN,
            None,
        )
        .await,
        400,
        "CCR.CodeParamError",
    );
    assert_error(
        &call(
            s,
            Method::DELETE,
            &format!("{BASE}/projects/library"),
            ADMIN,
            None,
        )
        .await,
        403,
        "CCR.CodeForbidOperate",
    );
    assert_error(
        &call(
            s,
            Method::DELETE,
            &format!("{BASE}/projects/playground"),
            VIEWER,
            None,
        )
        .await,
        403,
        "CCR.RespPermissionDenied",
    );
    assert_error(
        &admin_get(s, "/projects/demo/charts/web-app-9.9.9.tgz/download").await,
        404,
        "CCR.CodeErrNotExists",
    );
    assert_error(
        &admin_get(s, "/projects/demo/charts/web-app.zip/download").await,
        400,
        "CCR.CodeParamError",
    );
}

#[tokio::test]
async fn a_page_past_the_end_is_empty() {
    let sandbox = start(SandboxConfig::ephemeral_loopback()).await.unwrap();
    let s = &sandbox;
    let past = admin_get(s, "/projects?pageNo=99&pageSize=10").await;
    assert_eq!(past.status, 200);
    assert_eq!(past.body["projects"], json!([]));
    assert_eq!(past.body["total"], 4);
}

#[tokio::test]
async fn a_project_named_charts_is_still_reachable() {
    use reqwest::Method;
    let sandbox = start(SandboxConfig::ephemeral_loopback()).await.unwrap();
    let s = &sandbox;
    let created = call(
        s,
        Method::POST,
        &format!("{BASE}/projects"),
        ADMIN,
        Some(r#"{"name":"charts"}"#),
    )
    .await;
    assert_eq!(created.status, 200);
    assert!(created.body["projectId"].is_i64());
    let archive = super::charts::build_archive(&super::charts::REDIS, "1.0.0").unwrap();
    sandbox
        .import_chart(archive.clone(), "charts")
        .await
        .unwrap();
    let listed = admin_get(s, "/projects/charts?noPaging=true").await;
    assert_eq!(listed.body["pageNo"], 0);
    assert_eq!(listed.body["pageSize"], 0);
    assert_eq!(listed.body["total"], 4);
    let download = reqwest::Client::builder()
        .no_proxy()
        .build()
        .unwrap()
        .get(format!(
            "{}{BASE}/projects/charts/charts/redis-1.0.0.tgz/download",
            s.base_url()
        ))
        .basic_auth("viewer", Some("Viewer12345"))
        .send()
        .await
        .unwrap();
    assert_eq!(download.status(), 200);
    assert_eq!(
        download.headers()["content-length"],
        archive.len().to_string().as_str()
    );
    assert_eq!(download.bytes().await.unwrap().as_ref(), archive.as_slice());
    assert_eq!(
        sandbox
            .chart_archive("charts", "redis", "1.0.0")
            .await
            .unwrap(),
        Some(archive)
    );
    let refused = call(
        s,
        Method::DELETE,
        &format!("{BASE}/projects/charts"),
        ADMIN,
        None,
    )
    .await;
    assert_error(&refused, 403, "CCR.CodeForbidOperate");
    let chart_deleted = call(
        s,
        Method::DELETE,
        &format!("{BASE}/projects/charts/charts/redis/delete"),
        ADMIN,
        None,
    )
    .await;
    assert_eq!(chart_deleted.status, 200);
    let deleted = call(
        s,
        Method::DELETE,
        &format!("{BASE}/projects/charts"),
        ADMIN,
        None,
    )
    .await;
    assert_eq!(deleted.status, 200, "{}", deleted.body);
    sandbox.shutdown().await;
}

#[tokio::test]
async fn deleting_an_index_removes_its_children_but_not_a_child_alone() {
    use reqwest::Method;
    let sandbox = start(SandboxConfig::ephemeral_loopback()).await.unwrap();
    let s = &sandbox;
    let listed = admin_get(s, "/projects/library/repositories/busybox/artifacts").await;
    let index = &listed.body["artifacts"][0];
    assert_eq!(
        index["media_type"],
        "application/vnd.oci.image.index.v1+json"
    );
    let child = index["references"][0]["child_digest"]
        .as_str()
        .unwrap()
        .to_owned();
    let digest = index["digest"].as_str().unwrap().to_owned();
    let path = |d: &str| format!("{BASE}/projects/library/repositories/busybox/artifacts/{d}");
    assert_error(
        &call(s, Method::DELETE, &path(&child), ADMIN, None).await,
        403,
        "CCR.CodeForbidOperate",
    );
    let deleted = call(s, Method::DELETE, &path(&digest), ADMIN, None).await;
    assert_eq!(deleted.status, 200);
    assert_error(
        &call(s, Method::DELETE, &path(&child), ADMIN, None).await,
        404,
        "CCR.CodeErrNotExists",
    );
    let repo = admin_get(s, "/projects/library/repositories/busybox").await;
    assert_eq!(repo.body["data"]["imageTagCount"], 0);
}

#[tokio::test]
async fn reset_password_replaces_the_old_one() {
    use reqwest::Method;
    let sandbox = start(SandboxConfig::ephemeral_loopback()).await.unwrap();
    let s = &sandbox;
    let path = format!("{BASE}/account/reset");
    let other = call(
        s,
        Method::POST,
        &path,
        VIEWER,
        Some(r#"{"username":"admin","new_password":"Newpass123"}"#),
    )
    .await;
    assert_error(&other, 403, "CCR.RespPermissionDenied");
    let weak = call(
        s,
        Method::POST,
        &path,
        VIEWER,
        Some(r#"{"username":"viewer","new_password":"weak"}"#),
    )
    .await;
    assert_error(&weak, 400, "CCR.CodeParamError");
    let own = call(
        s,
        Method::POST,
        &path,
        VIEWER,
        Some(r#"{"username":"viewer","new_password":"Newpass123"}"#),
    )
    .await;
    assert_eq!(own.status, 200);
    let old = call(s, Method::GET, &format!("{BASE}/projects"), VIEWER, None).await;
    assert_error(&old, 401, "CCR.RespAuthFailed");
    let new = call(
        s,
        Method::GET,
        &format!("{BASE}/projects"),
        Some(("viewer", "Newpass123")),
        None,
    )
    .await;
    assert_eq!(new.status, 200);
    let created = call(
        s,
        Method::POST,
        &path,
        ADMIN,
        Some(r#"{"username":"ci-bot","new_password":"Robot12345"}"#),
    )
    .await;
    assert_eq!(created.status, 200);
    let bot_write = call(
        s,
        Method::POST,
        &format!("{BASE}/projects"),
        Some(("ci-bot", "Robot12345")),
        Some(r#"{"name":"x"}"#),
    )
    .await;
    assert_error(&bot_write, 403, "CCR.RespPermissionDenied");
}
