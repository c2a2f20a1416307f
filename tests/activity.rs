//! The activity log (issue 14 §4): entries written to the JSON Lines file and read back newest
//! first through filters, a torn last line skipped and counted, appends from two threads kept
//! whole, no password ever on the disk, and the `curl` command quoted for a POSIX shell.

#![allow(clippy::expect_used)] // a helper that cannot go on says why, and fails

use std::io::Write;
use std::path::PathBuf;

use ccr_desk::activity::{
    ActivityEntry, ActivityError, ActivityFilter, ActivityLog, ActivityRead, Operation, Outcome,
    REDACTED, RequestShape, Via, curl_command,
};
use ccr_desk::profile::ProfileId;
use serde_json::json;

const SECRET: &str = "Secret-Pass1";

const ARTIFACT_URL: &str = "https://ccr.example.com:8443/api/ccr/v1.0/instances/ccr-manager/projects/demo/repositories/team%2Fsub%2Fapi/artifacts/sha256%3Aabcd?force=true&x=a%26b";

fn log_in(dir: &tempfile::TempDir) -> (ActivityLog, PathBuf) {
    let path = dir.path().join("data").join("activity.jsonl");
    let log = ActivityLog::open(&path).expect("the log opens");
    (log, path)
}

/// An entry with every optional field filled.
fn full_entry(profile: &ProfileId, at_ms: i64) -> ActivityEntry {
    ActivityEntry {
        at_ms,
        profile_id: profile.clone(),
        profile_name: "Demo 沙盒".to_owned(),
        user: "admin".to_owned(),
        operation: Operation::DeleteArtifact,
        target: "demo/team/sub/api@sha256:abcd".to_owned(),
        via: Via::BulkDelete,
        result: Outcome::Failed,
        http_status: Some(404),
        ccr_code: Some("ResourceNotFound".to_owned()),
        request_id: Some("req-1234".to_owned()),
        request: Some(RequestShape::new("DELETE", ARTIFACT_URL, None)),
    }
}

/// An entry with no optional field.
fn bare_entry(
    profile: &ProfileId,
    at_ms: i64,
    operation: Operation,
    result: Outcome,
) -> ActivityEntry {
    ActivityEntry {
        at_ms,
        profile_id: profile.clone(),
        profile_name: "Demo".to_owned(),
        user: "admin".to_owned(),
        operation,
        target: format!("target-{at_ms}"),
        via: Via::Single,
        result,
        http_status: None,
        ccr_code: None,
        request_id: None,
        request: None,
    }
}

fn times(entries: &[ActivityEntry]) -> Vec<i64> {
    entries.iter().map(|e| e.at_ms).collect()
}

#[test]
fn entries_read_back_newest_first_with_every_field() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let (log, path) = log_in(&dir);
    assert_eq!(log.path(), path);
    assert_eq!(
        log.read(&ActivityFilter::default()).expect("reads"),
        ActivityRead::default()
    );

    let profile = ProfileId::new_random();
    let created = ActivityEntry {
        request: Some(RequestShape::new(
            "POST",
            "https://ccr.example.com/api/ccr/v1.0/instances/ccr-manager/projects",
            Some(json!({"projectName": "demo", "public": false, "quota": [1, 2]})),
        )),
        http_status: Some(200),
        request_id: Some("req-0001".to_owned()),
        ..bare_entry(
            &profile,
            1_000,
            Operation::CreateProject,
            Outcome::Succeeded,
        )
    };
    let deleted = full_entry(&profile, 3_000);
    let saved = bare_entry(&profile, 2_000, Operation::SaveProfile, Outcome::Succeeded);
    let same_time_later = bare_entry(&profile, 2_000, Operation::DeleteProfile, Outcome::Failed);
    for entry in [&created, &deleted, &saved, &same_time_later] {
        log.append(entry).expect("appends");
    }

    let read = log.read(&ActivityFilter::default()).expect("reads");
    assert_eq!(read.unreadable_lines, 0);
    assert_eq!(read.entries, vec![deleted, same_time_later, saved, created]);

    let text = std::fs::read_to_string(&path).expect("the file reads");
    assert_eq!(text.lines().count(), 4, "one line per entry:\n{text}");
    assert!(text.ends_with('\n'));
    assert!(text.contains(r#""operation":"delete-artifact""#), "{text}");
    assert!(text.contains(r#""result":"failed""#), "{text}");

    // A second value on the same file sees the same entries.
    let again = ActivityLog::open(&path).expect("opens again");
    assert_eq!(again.read(&ActivityFilter::default()).expect("reads"), read);
}

#[test]
fn operations_are_written_kebab_case() {
    for operation in Operation::ALL {
        let written = serde_json::to_string(&operation).expect("encodes");
        assert_eq!(written, format!("\"{}\"", operation.as_str()));
        let back: Operation = serde_json::from_str(&written).expect("decodes");
        assert_eq!(back, operation);
    }
    assert_eq!(Operation::ResetPassword.as_str(), "reset-password");
    assert_eq!(
        serde_json::to_string(&Outcome::Succeeded).expect("encodes"),
        "\"succeeded\""
    );
}

#[test]
fn filters_select_by_profile_operation_result_time_and_limit() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let (log, _) = log_in(&dir);
    let one = ProfileId::new_random();
    let two = ProfileId::new_random();
    let entries = [
        bare_entry(&one, 100, Operation::CreateProject, Outcome::Succeeded),
        bare_entry(&two, 200, Operation::DeleteArtifact, Outcome::Succeeded),
        bare_entry(&one, 300, Operation::DeleteArtifact, Outcome::Failed),
        bare_entry(&two, 400, Operation::ResetPassword, Outcome::Failed),
        bare_entry(&one, 500, Operation::DeleteArtifact, Outcome::Succeeded),
    ];
    for entry in &entries {
        log.append(entry).expect("appends");
    }
    let found = |filter: ActivityFilter| {
        let read = log.read(&filter).expect("reads");
        assert_eq!(read.unreadable_lines, 0);
        times(&read.entries)
    };

    assert_eq!(found(ActivityFilter::default()), [500, 400, 300, 200, 100]);
    assert_eq!(
        found(ActivityFilter {
            profile_id: Some(one.clone()),
            ..Default::default()
        }),
        [500, 300, 100]
    );
    assert_eq!(
        found(ActivityFilter {
            operation: Some(Operation::DeleteArtifact),
            ..Default::default()
        }),
        [500, 300, 200]
    );
    assert_eq!(
        found(ActivityFilter {
            result: Some(Outcome::Failed),
            ..Default::default()
        }),
        [400, 300]
    );
    // From is inclusive, to exclusive.
    assert_eq!(
        found(ActivityFilter {
            from_ms: Some(200),
            to_ms: Some(400),
            ..Default::default()
        }),
        [300, 200]
    );
    assert_eq!(
        found(ActivityFilter {
            from_ms: Some(401),
            ..Default::default()
        }),
        [500]
    );
    assert_eq!(
        found(ActivityFilter {
            to_ms: Some(100),
            ..Default::default()
        }),
        Vec::<i64>::new()
    );
    assert_eq!(
        found(ActivityFilter {
            limit: Some(2),
            ..Default::default()
        }),
        [500, 400]
    );
    assert_eq!(
        found(ActivityFilter {
            limit: Some(0),
            ..Default::default()
        }),
        Vec::<i64>::new()
    );
    assert_eq!(
        found(ActivityFilter {
            profile_id: Some(one),
            operation: Some(Operation::DeleteArtifact),
            result: Some(Outcome::Succeeded),
            limit: Some(5),
            ..Default::default()
        }),
        [500]
    );
    assert_eq!(
        found(ActivityFilter {
            profile_id: Some(ProfileId::new_random()),
            ..Default::default()
        }),
        Vec::<i64>::new()
    );
}

#[test]
fn a_torn_last_line_is_skipped_and_counted_and_the_others_survive() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let (log, path) = log_in(&dir);
    let profile = ProfileId::new_random();
    let first = full_entry(&profile, 1_000);
    let second = bare_entry(&profile, 2_000, Operation::DeleteChart, Outcome::Succeeded);
    log.append(&first).expect("appends");
    log.append(&second).expect("appends");

    // A crash in the middle of writing the third entry: half a line, no line end.
    let torn = serde_json::to_string(&full_entry(&profile, 3_000)).expect("encodes");
    let mut file = std::fs::OpenOptions::new()
        .append(true)
        .open(&path)
        .expect("opens");
    file.write_all(&torn.as_bytes()[..torn.len() / 2])
        .expect("writes");
    drop(file);

    let read = log.read(&ActivityFilter::default()).expect("reads");
    assert_eq!(read.unreadable_lines, 1);
    assert_eq!(read.entries, vec![second.clone(), first.clone()]);

    // The next append starts a line of its own: the torn one stays one unreadable line.
    let third = bare_entry(
        &profile,
        4_000,
        Operation::DeleteRepository,
        Outcome::Failed,
    );
    log.append(&third).expect("appends");
    let read = log.read(&ActivityFilter::default()).expect("reads");
    assert_eq!(read.unreadable_lines, 1);
    assert_eq!(read.entries, vec![third, second, first]);

    // Garbage and blank lines: garbage counted whatever the filter, blank lines ignored.
    let mut file = std::fs::OpenOptions::new()
        .append(true)
        .open(&path)
        .expect("opens");
    file.write_all(b"\n   \nnot json\n{\"at_ms\":1}\n\xff\xfe\n")
        .expect("writes");
    drop(file);
    let filter = ActivityFilter {
        operation: Some(Operation::DeleteChart),
        ..Default::default()
    };
    let read = log.read(&filter).expect("reads");
    assert_eq!(read.unreadable_lines, 4);
    assert_eq!(times(&read.entries), [2_000]);
}

#[test]
fn two_threads_appending_200_entries_each_leave_400_whole_lines() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let (log, path) = log_in(&dir);
    let profiles = [ProfileId::new_random(), ProfileId::new_random()];
    std::thread::scope(|scope| {
        for (thread, profile) in profiles.iter().enumerate() {
            let log = &log;
            scope.spawn(move || {
                for i in 0..200 {
                    let mut entry = full_entry(profile, i);
                    entry.target = format!("thread-{thread}/entry-{i}");
                    log.append(&entry).expect("appends");
                }
            });
        }
    });

    let text = std::fs::read_to_string(&path).expect("the file reads");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 400);
    for line in &lines {
        serde_json::from_str::<ActivityEntry>(line)
            .unwrap_or_else(|e| panic!("an interleaved line ({e}): {line}"));
    }
    let read = log.read(&ActivityFilter::default()).expect("reads");
    assert_eq!(read.unreadable_lines, 0);
    assert_eq!(read.entries.len(), 400);
    for profile in &profiles {
        let mine = ActivityFilter {
            profile_id: Some(profile.clone()),
            ..Default::default()
        };
        assert_eq!(log.read(&mine).expect("reads").entries.len(), 200);
    }
}

#[test]
fn no_password_reaches_the_file() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let (log, path) = log_in(&dir);
    let shape = RequestShape::new(
        "PUT",
        format!(
            "https://admin:{SECRET}@ccr.example.com/api/ccr/v1.0/instances/ccr-manager/credential"
        ),
        Some(json!({
            "username": "admin",
            "password": SECRET,
            "confirm": {"NewPassword": SECRET, "accessToken": SECRET, "client_secret": {"v": SECRET}},
            "list": [{"TOKEN": SECRET}, {"keep": "visible"}],
        })),
    );
    assert_eq!(
        shape.body(),
        Some(&json!({
            "username": "admin",
            "password": REDACTED,
            "confirm": {"NewPassword": REDACTED, "accessToken": REDACTED, "client_secret": REDACTED},
            "list": [{"TOKEN": REDACTED}, {"keep": "visible"}],
        }))
    );
    assert!(!shape.url().contains(SECRET), "{}", shape.url());
    assert!(
        shape.url().starts_with("https://admin@ccr.example.com/"),
        "{}",
        shape.url()
    );

    let entry = ActivityEntry {
        request: Some(shape),
        ..bare_entry(
            &ProfileId::new_random(),
            1,
            Operation::ResetPassword,
            Outcome::Succeeded,
        )
    };
    log.append(&entry).expect("appends");
    let text = std::fs::read_to_string(&path).expect("the file reads");
    assert!(!text.contains(SECRET), "a password in the log file: {text}");
    assert!(text.contains(REDACTED), "{text}");
    assert!(!format!("{entry:?}").contains(SECRET));
    let command = curl_command(&entry, "admin").expect("a command");
    assert!(!command.contains(SECRET), "{command}");
}

#[test]
fn the_curl_command_is_quoted_for_a_posix_shell() {
    let profile = ProfileId::new_random();
    let url = "https://ccr.example.com:8443/api/ccr/v1.0/instances/ccr-manager/projects/demo/repositories/team%2Fsub%2Fapi?pageNo=1&nameHas=a%26b+c";
    let entry = ActivityEntry {
        request: Some(RequestShape::new(
            "PUT",
            url,
            Some(json!({"description": "it's the \"api\" repo; $(rm -rf ~) `x` !"})),
        )),
        ..bare_entry(&profile, 1, Operation::CreateRepository, Outcome::Succeeded)
    };
    let command = curl_command(&entry, "ops user").expect("a command");
    let argv = shlex::split(&command).expect("the command splits");
    assert_eq!(
        argv,
        [
            "curl",
            "-u",
            "ops user",
            "-X",
            "PUT",
            url,
            "-H",
            "Content-Type: application/json",
            "--data-raw",
            r#"{"description":"it's the \"api\" repo; $(rm -rf ~) `x` !"}"#,
        ],
        "{command}"
    );
    assert!(
        command.starts_with("curl -u 'ops user' -X PUT "),
        "{command}"
    );

    // No body: no header, no data.
    let deleted = full_entry(&profile, 2);
    let command = curl_command(&deleted, "admin").expect("a command");
    assert_eq!(
        shlex::split(&command).expect("splits"),
        ["curl", "-u", "admin", "-X", "DELETE", ARTIFACT_URL],
        "{command}"
    );

    // A URL curl would read as a glob (an IPv6 host) is passed with --globoff.
    let ipv6 = ActivityEntry {
        request: Some(RequestShape::new("DELETE", "http://[::1]:8080/api/x", None)),
        ..full_entry(&profile, 3)
    };
    let command = curl_command(&ipv6, "admin").expect("a command");
    assert_eq!(
        shlex::split(&command).expect("splits"),
        [
            "curl",
            "-u",
            "admin",
            "-X",
            "DELETE",
            "--globoff",
            "http://[::1]:8080/api/x"
        ],
        "{command}"
    );
}

#[test]
fn no_curl_command_without_a_request_or_for_an_unsayable_user() {
    let profile = ProfileId::new_random();
    let saved = bare_entry(&profile, 1, Operation::SaveProfile, Outcome::Succeeded);
    assert_eq!(curl_command(&saved, "admin"), None);
    // A colon would make curl take the rest of the user name as the password.
    assert_eq!(curl_command(&full_entry(&profile, 2), "admin:pw"), None);
    assert_eq!(curl_command(&full_entry(&profile, 2), "ad\0min"), None);
}

#[test]
fn errors_name_the_file() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let blocker = dir.path().join("a-file");
    std::fs::write(&blocker, b"x").expect("writes");
    let error = ActivityLog::open(blocker.join("activity.jsonl")).expect_err("a file is no folder");
    assert!(
        matches!(error, ActivityError::Io { ref path, .. } if *path == blocker),
        "{error:?}"
    );
    assert!(error.to_string().starts_with("activity log "), "{error}");
    assert!(error.to_string().contains("a-file"), "{error}");
    assert_eq!(
        ActivityError::NoDataDir.to_string(),
        "no per-user data folder"
    );
}

#[test]
fn the_default_path_is_in_the_data_folder() {
    if let Some(path) = ccr_desk::activity::default_path() {
        assert!(path.ends_with("activity.jsonl"), "{}", path.display());
        assert!(
            path.parent()
                .is_some_and(|p| p.to_string_lossy().contains("ccr-desk")),
            "{}",
            path.display()
        );
    }
}
