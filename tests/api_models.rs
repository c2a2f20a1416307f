//! The client's models against the document's examples and against every quirk CCR-API.md lists.

#![allow(clippy::expect_used)] // a test that cannot go on says why, and fails

use ccr_desk::api::models::{
    Artifact, ArtifactList, ChartList, Envelope, ProjectCreated, ProjectList, Quota,
    RepositoryDetail, RepositoryList, Timestamp,
};
use serde::de::DeserializeOwned;
use serde_json::json;

fn seed(name: &str) -> String {
    let path = format!("{}/tests/fixtures/seed/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn parse<T: DeserializeOwned>(text: &str) -> T {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}: {text}"))
}

#[test]
fn every_seed_example_parses_with_its_envelope() {
    for file in [
        "create-project.json",
        "success.json",
        "list-projects.json",
        "list-repositories.json",
        "repository-detail.json",
        "list-artifacts.json",
        "list-charts.json",
    ] {
        let envelope: Envelope = parse(&seed(file));
        assert_eq!(envelope.code, "CCR.Success", "{file}");
        assert_eq!(envelope.message, "调用成功", "{file}");
        assert_eq!(
            envelope.request_id(),
            None,
            "{file}: an empty requestId is no id"
        );
    }
}

#[test]
fn seed_create_project() {
    let created: ProjectCreated = parse(&seed("create-project.json"));
    assert_eq!(created.project_id, Some(6));
}

#[test]
fn seed_list_projects() {
    let list: ProjectList = parse(&seed("list-projects.json"));
    assert_eq!(list.total, Some(1));
    let project = &list.projects[0];
    assert_eq!(project.project_name, "library");
    assert_eq!(project.id, Some(1));
    assert_eq!(project.project_id, Some(1));
    assert_eq!(project.instance_id, "ccr-manager");
    assert!(project.is_public);
    assert_eq!(project.quota_limit(), Quota::Unlimited);
    assert_eq!(project.storage_used_bytes(), Some(5 * 1024 * 1024));
    assert_eq!(project.tenant_id.as_deref(), Some("1744911969862835907"));
    assert_eq!(project.sync_status, Some(0));
    assert_eq!(
        project
            .created_at
            .as_ref()
            .map(ToString::to_string)
            .as_deref(),
        Some("2023-09-19 14:18:52 +08:00")
    );
}

#[test]
fn seed_list_repositories_and_detail() {
    let list: RepositoryList = parse(&seed("list-repositories.json"));
    assert_eq!(list.total_count, Some(1));
    assert_eq!(list.data[0].repository_name, "test");
    assert_eq!(list.data[0].project_name, "test01");
    assert_eq!(list.data[0].image_tag_count, Some(1));
    assert!(list.data[0].public);

    let detail: RepositoryDetail = parse(&seed("repository-detail.json"));
    let repository = detail.data.expect("data");
    assert_eq!(repository.repository_name, "test");
    assert_eq!(repository.summary, "");
    assert!(matches!(repository.created_at, Some(Timestamp::At(_))));
}

#[test]
fn seed_list_artifacts() {
    let list: ArtifactList = parse(&seed("list-artifacts.json"));
    assert_eq!(list.total, Some(1));
    let artifact = &list.artifacts[0];
    assert!(artifact.is_index());
    assert_eq!(artifact.platforms(), vec!["linux/arm64", "linux/amd64"]);
    assert_eq!(artifact.size, Some(547_620));
    assert_eq!(artifact.artifact_type, "IMAGE");
    assert_eq!(artifact.short_digest(), "sha256:a2c678b0067f");
    assert_eq!(artifact.pull_time, Some(Timestamp::Never));
    assert_eq!(artifact.extra_attrs.created, Some(Timestamp::Never));
    assert!(artifact.labels.is_empty());
    assert_eq!(artifact.tags.len(), 1);
    assert_eq!(artifact.tags[0].name, "v1");
    assert_eq!(artifact.tags[0].pull_time, Some(Timestamp::Never));
    assert!(!artifact.tags[0].immutable);
    assert_eq!(artifact.references[1].child_id, Some(3));
}

#[test]
fn seed_list_charts() {
    let list: ChartList = parse(&seed("list-charts.json"));
    assert_eq!(list.total, Some(1));
    let chart = &list.charts[0];
    assert_eq!(chart.name, "postgresql");
    assert_eq!(chart.latest_version.as_deref(), Some("12.2.7"));
    assert_eq!(chart.total_versions, Some(1));
    assert_eq!(chart.project_name, "library");
    assert_eq!(chart.updated, Some(Timestamp::Never));
}

// ---- one test per quirk of CCR-API.md -------------------------------------------------------

#[test]
fn quirk_request_id_as_number_or_string() {
    let as_number: Envelope = parse(r#"{"code":"CCR.Success","message":"ok","requestId":42}"#);
    let as_string: Envelope = parse(r#"{"code":"CCR.Success","message":"ok","requestId":"42"}"#);
    assert_eq!(as_number.request_id(), Some("42"));
    assert_eq!(as_string.request_id(), Some("42"));
    let missing: Envelope = parse(r#"{"code":"CCR.Success"}"#);
    assert_eq!(missing.request_id(), None);
}

#[test]
fn quirk_ids_as_number_or_string() {
    let created: ProjectCreated = parse(r#"{"projectId":"6"}"#);
    assert_eq!(created.project_id, Some(6));
    let list: ProjectList = parse(
        r#"{"total":"2","projects":[{"id":"7","projectId":7,"projectName":"a","quota":"1048576"},
            {"id":8.0,"projectName":"b","storageUsed":"3"}]}"#,
    );
    assert_eq!(list.total, Some(2));
    assert_eq!(list.projects[0].id, Some(7));
    assert_eq!(list.projects[0].quota_limit(), Quota::Bytes(1_048_576));
    assert_eq!(list.projects[1].id, Some(8));
    assert_eq!(list.projects[1].storage_used, Some(3));
}

#[test]
fn quirk_tags_or_tag() {
    let with_tags: Artifact = parse(r#"{"digest":"sha256:1","tags":[{"name":"v1"}]}"#);
    let with_tag: Artifact = parse(r#"{"digest":"sha256:1","tag":[{"name":"v1"},{"name":"v2"}]}"#);
    let with_both: Artifact = parse(
        r#"{"digest":"sha256:1","tags":[{"name":"v1"}],"tag":[{"name":"v1"},{"name":"v3"}]}"#,
    );
    assert_eq!(names(&with_tags), ["v1"]);
    assert_eq!(names(&with_tag), ["v1", "v2"]);
    assert_eq!(names(&with_both), ["v1", "v3"]);
}

fn names(artifact: &Artifact) -> Vec<&str> {
    artifact.tags.iter().map(|t| t.name.as_str()).collect()
}

#[test]
fn quirk_labels_as_string_or_list() {
    let cases = [
        (json!(""), vec![]),
        (json!("prod, team-a"), vec!["prod", "team-a"]),
        (json!(["prod"]), vec!["prod"]),
        (
            json!([{"id": 1, "name": "prod", "color": "#fff"}, 5]),
            vec!["prod"],
        ),
        (json!(null), vec![]),
        (json!(17), vec![]),
    ];
    for (labels, expected) in cases {
        let artifact: Artifact =
            serde_json::from_value(json!({"digest": "sha256:1", "labels": labels.clone()}))
                .unwrap();
        assert_eq!(artifact.labels, expected, "{labels}");
        assert_eq!(artifact.digest, "sha256:1", "{labels}: the rest survives");
    }
}

#[test]
fn quirk_missing_and_null_fields() {
    let list: ProjectList =
        parse(r#"{"projects":[{"projectName":null,"isPublic":null,"quota":null}]}"#);
    assert_eq!(list.total, None);
    let project = &list.projects[0];
    assert_eq!(project.project_name, "");
    assert!(!project.is_public);
    assert_eq!(project.quota_limit(), Quota::Unknown);
    let empty: ArtifactList = parse("{}");
    assert!(empty.artifacts.is_empty());
    let nulls: ArtifactList = parse(r#"{"artifacts":null,"total":null}"#);
    assert!(nulls.artifacts.is_empty());
}

#[test]
fn quirk_unknown_fields_are_ignored() {
    let list: ChartList = parse(
        r#"{"total":1,"future":{"x":[1,2]},"charts":[{"name":"c","home":"https://x","keywords":["a"]}]}"#,
    );
    assert_eq!(list.charts[0].name, "c");
}

#[test]
fn quirk_three_timestamp_forms_and_never() {
    let detail: RepositoryDetail =
        parse(r#"{"data":{"repositoryName":"r","createdAt":"2023-09-19 14:19:46.727 +0800 CST"}}"#);
    let go_form = detail.data.unwrap().created_at.unwrap().utc().unwrap();
    let list: RepositoryList = parse(r#"{"data":[{"createdAt":"2023-09-19 14:19:46"}]}"#);
    let plain = list.data[0].created_at.clone().unwrap().utc().unwrap();
    let artifact: Artifact =
        parse(r#"{"push_time":"2023-09-19T06:19:46.727Z","pull_time":"0001-01-01 00:00:00"}"#);
    let rfc3339 = artifact.push_time.unwrap().utc().unwrap();
    assert_eq!(go_form, rfc3339);
    assert_eq!((go_form - plain).num_milliseconds(), 727);
    assert_eq!(artifact.pull_time, Some(Timestamp::Never));
    let odd: Artifact = parse(r#"{"push_time":"last tuesday"}"#);
    assert_eq!(
        odd.push_time,
        Some(Timestamp::Unparsed("last tuesday".into()))
    );
}

#[test]
fn quirk_a_wrong_type_costs_the_field_not_the_page() {
    let list: ArtifactList = parse(
        r#"{"total":3,"artifacts":[
            {"digest":"sha256:a","size":"big","tags":{"not":"a list"},"extra_attrs":[1],"push_time":5},
            42,
            {"digest":"sha256:b","size":10,"references":[{"child_digest":"sha256:c","platform":"linux/amd64"}]}
        ]}"#,
    );
    assert_eq!(list.total, Some(3));
    assert_eq!(
        list.artifacts.len(),
        2,
        "the entry that is not an object is skipped"
    );
    let first = &list.artifacts[0];
    assert_eq!(first.digest, "sha256:a");
    assert_eq!(first.size, None);
    assert!(first.tags.is_empty());
    assert!(
        first.tags_unreadable,
        "tags of the wrong type are not \"no tags\""
    );
    assert_eq!(first.push_time, None);
    let second = &list.artifacts[1];
    assert_eq!(second.size, Some(10));
    assert_eq!(second.references[0].child_digest, "sha256:c");
    assert_eq!(second.references[0].platform, None);
}

#[test]
fn quirk_nested_single_platform_from_extra_attrs() {
    let artifact: Artifact = parse(
        r#"{"digest":"sha256:a","references":null,"extra_attrs":{"os":"linux","architecture":"amd64"}}"#,
    );
    assert!(!artifact.is_index());
    assert_eq!(artifact.platforms(), vec!["linux/amd64"]);
}

// ---- booleans and numbers as text -----------------------------------------------------------

#[test]
fn quirk_booleans_as_text_or_numbers() {
    use ccr_desk::api::models::{Project, Repository, Tag};
    let cases = [
        (json!(true), true),
        (json!("true"), true),
        (json!(" True "), true),
        (json!(1), true),
        (json!("1"), true),
        (json!(false), false),
        (json!("false"), false),
        (json!("FALSE"), false),
        (json!(0), false),
        (json!("0"), false),
        // Really unreadable: costs the field only.
        (json!("maybe"), false),
        (json!(2), false),
        (json!([true]), false),
        (json!({"v": true}), false),
        (json!(null), false),
    ];
    for (value, expected) in cases {
        let project: Project = serde_json::from_value(
            json!({"projectName": "p", "isPublic": value.clone(), "quota": 5}),
        )
        .unwrap();
        assert_eq!(project.is_public, expected, "isPublic {value}");
        assert_eq!(project.project_name, "p", "{value}: the rest survives");
        assert_eq!(project.quota, Some(5), "{value}: the rest survives");
        let repository: Repository =
            serde_json::from_value(json!({"repositoryName": "r", "public": value.clone()}))
                .unwrap();
        assert_eq!(repository.public, expected, "public {value}");
        let tag: Tag = serde_json::from_value(
            json!({"name": "v1", "immutable": value.clone(), "signed": value.clone()}),
        )
        .unwrap();
        assert_eq!(tag.immutable, expected, "immutable {value}");
        assert_eq!(tag.signed, expected, "signed {value}");
        assert_eq!(tag.name, "v1");
    }
}

#[test]
fn quirk_numbers_as_text() {
    let list: ProjectList = parse(
        r#"{"total":"2","projects":[{"id":" 7 ","quota":"-1","storageUsed":"3.0","syncStatus":"1"},
            {"id":"7.5","quota":"lots"}]}"#,
    );
    assert_eq!(list.total, Some(2));
    assert_eq!(list.projects[0].id, Some(7));
    assert_eq!(list.projects[0].quota_limit(), Quota::Unlimited);
    assert_eq!(list.projects[0].storage_used, Some(3));
    assert_eq!(list.projects[0].sync_status, Some(1));
    assert_eq!(list.projects[1].id, None, "not a whole number");
    assert_eq!(list.projects[1].quota_limit(), Quota::Unknown);
    let repositories: RepositoryList =
        parse(r#"{"totalCount":"4","data":[{"imageTagCount":"12"}]}"#);
    assert_eq!(repositories.total_count, Some(4));
    assert_eq!(repositories.data[0].image_tag_count, Some(12));
    let artifact: Artifact = parse(
        r#"{"size":"547620","id":"3","project_id":"1.0","tags":[{"id":"5","artifact_id":"3"}]}"#,
    );
    assert_eq!(artifact.size, Some(547_620));
    assert_eq!(artifact.id, Some(3));
    assert_eq!(artifact.project_id, Some(1));
    assert_eq!(artifact.tags[0].id, Some(5));
    let charts: ChartList = parse(r#"{"total":"1","charts":[{"total_versions":"2"}]}"#);
    assert_eq!(charts.total, Some(1));
    assert_eq!(charts.charts[0].total_versions, Some(2));
}

// ---- wrong-shaped lists ---------------------------------------------------------------------

#[test]
fn quirk_tags_of_the_wrong_type_are_unreadable_not_absent() {
    for tags in [json!({"not": "a list"}), json!("v1,v2"), json!(3)] {
        let artifact: Artifact =
            serde_json::from_value(json!({"digest": "sha256:a", "tags": tags.clone()})).unwrap();
        assert!(artifact.tags.is_empty(), "{tags}");
        assert!(artifact.tags_unreadable, "{tags}: not the same as no tags"); // NEW-API
        assert_eq!(artifact.digest, "sha256:a");
    }
    for body in [
        r#"{"digest":"sha256:a"}"#,
        r#"{"digest":"sha256:a","tags":null}"#,
        r#"{"digest":"sha256:a","tags":[]}"#,
        r#"{"digest":"sha256:a","tags":[5,{"name":"v1"}]}"#,
    ] {
        let artifact: Artifact = parse(body);
        assert!(!artifact.tags_unreadable, "{body}"); // NEW-API
    }
}
