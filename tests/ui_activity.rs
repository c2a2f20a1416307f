//! The activity log through the app: the changes made from its screens are recorded with their
//! result, survive a restart, never hold the password, and an entry's copied `curl` command,
//! run against the sandbox with the password on stdin, does what the app did.

#![allow(clippy::expect_used)] // a test that cannot go on says why, and fails

mod ui_support;

use std::io::Write as _;
use std::process::{Command, Stdio};

use ccr_desk::activity::{ActivityEntry, ActivityLog, Operation, Outcome, Via};
use ccr_desk::profile::Profile;
use ccr_desk::sandbox;
use ccr_desk::ui::CcrDeskApp;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

use ui_support::combo::pick;
use ui_support::{
    Desk, click, click_first, copied, create_project_through_the_dialog, shows, shows_text,
    type_into, wait_for,
};

/// Runs `command` in a new session (no terminal, so curl asks for the password on stdin) with
/// the sandbox's password on stdin; fails the test when curl fails.
fn run_curl(command: &str) {
    let mut curl = Command::new("setsid")
        .args([
            "-w",
            "sh",
            "-c",
            &format!("{command} --silent --show-error --fail"),
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("curl runs");
    curl.stdin
        .take()
        .expect("stdin")
        .write_all(format!("{}\n", sandbox::DEFAULT_ADMIN_PASSWORD).as_bytes())
        .expect("password written");
    let output = curl.wait_with_output().expect("curl ends");
    assert!(
        output.status.success(),
        "curl failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// Deletes `project` through the toolbar's Delete… of the projects screen.
fn delete_through_the_app(app: &mut Harness<'static, CcrDeskApp>, desk: &Desk, project: &str) {
    app.get_by_label(project).click_secondary();
    wait_for(app, "the row's menu", |h| shows(h, "Delete project…"));
    click(app, "Delete project…");
    let confirm = format!("Type {project} to confirm");
    wait_for(app, "the confirmation", |h| shows(h, &confirm));
    type_into(app, &confirm, project);
    click(app, "Delete");
    let _ = desk;
}

/// Writes an entry made `days` ago through `profile` into the log, as an earlier run would.
fn write_old_entry(desk: &Desk, profile: &Profile, days: i64, target: &str) {
    let at_ms = ccr_desk::activity::now_ms() - days * 24 * 3_600_000;
    ActivityLog::at(desk.activity_log_path())
        .append(&ActivityEntry {
            at_ms,
            profile_id: profile.id.clone(),
            profile_name: profile.name.clone(),
            user: profile.username.clone(),
            operation: Operation::DeleteChart,
            target: target.to_owned(),
            via: Via::Single,
            result: Outcome::Succeeded,
            http_status: Some(200),
            ccr_code: None,
            request_id: None,
            request: None,
        })
        .expect("an old entry written");
}

/// Two changes through the projects screen: a delete the server refuses (library is not
/// empty), then one that works (playground).
fn refused_then_deleted(app: &mut Harness<'static, CcrDeskApp>, desk: &Desk) {
    delete_through_the_app(app, desk, "library");
    wait_for(app, "the refusal", |h| {
        shows_text(h, "Delete its repositories and charts first")
    });
    click(app, "Cancel");
    delete_through_the_app(app, desk, "playground");
    wait_for(app, "playground gone", |h| !shows(h, "playground"));
}

/// Opens the activity log from the side panel (the first "Activity log": the heading is the
/// second, when the app opened on the screen).
fn open_activity(app: &mut Harness<'static, CcrDeskApp>) {
    click_first(app, "Activity log");
    wait_for(app, "the activity log", |h| {
        shows_text(h, "Every change made from this app")
    });
}

#[test]
fn changes_are_recorded_with_their_result_survive_a_restart_and_hold_no_password() {
    let (desk, _profile) = Desk::with_profile(sandbox::DEFAULT_ADMIN_PASSWORD);
    {
        let mut app = desk.harness();
        wait_for(&mut app, "the projects", |h| shows(h, "library"));
        refused_then_deleted(&mut app, &desk);

        open_activity(&mut app);
        wait_for(&mut app, "both entries", |h| {
            shows_text(h, "2 entries") && shows(h, "playground") && shows(h, "library")
        });
        assert!(shows(&app, "Failed") && shows(&app, "Succeeded"));
        assert!(
            shows_text(&app, "403"),
            "the refusal's HTTP status is shown"
        );
    }

    // A new run of the app reads the same log.
    let mut app = desk.harness();
    wait_for(&mut app, "the activity log, where the app was left", |h| {
        shows_text(h, "Every change made from this app")
    });
    wait_for(&mut app, "the entries again", |h| {
        shows_text(h, "2 entries") && shows(h, "playground")
    });

    let file = std::fs::read_to_string(desk.activity_log_path()).expect("the log file");
    assert_eq!(file.lines().count(), 2, "{file}");
    assert!(
        !file.contains(sandbox::DEFAULT_ADMIN_PASSWORD),
        "the password is in the log: {file}"
    );
    assert!(file.contains("delete-project") && file.contains("Test registry"));
}

#[test]
fn a_copied_curl_command_does_what_the_app_did() {
    let (desk, _profile) = Desk::with_profile(sandbox::DEFAULT_ADMIN_PASSWORD);
    let mut app = desk.harness();
    wait_for(&mut app, "the projects", |h| shows(h, "library"));
    delete_through_the_app(&mut app, &desk, "playground");
    wait_for(&mut app, "playground gone", |h| !shows(h, "playground"));
    assert!(!desk.project_names().contains(&"playground".to_owned()));

    open_activity(&mut app);
    wait_for(&mut app, "the entry", |h| shows(h, "playground"));
    click(&mut app, "playground");
    wait_for(&mut app, "the entry's details", |h| {
        shows_text(h, "The same request with curl")
    });
    click(&mut app, "Copy");
    let command = copied(&app)
        .into_iter()
        .find(|text| text.starts_with("curl "))
        .expect("a curl command was copied");
    assert!(command.starts_with("curl -u admin -X DELETE "), "{command}");
    assert!(!command.contains(sandbox::DEFAULT_ADMIN_PASSWORD));

    // The project again, then the command: curl asks for the password (on stdin, as there
    // is no terminal in a new session) and deletes it as the app did.
    desk.create_projects(&["playground"]);
    assert!(desk.project_names().contains(&"playground".to_owned()));
    run_curl(&command);
    assert!(!desk.project_names().contains(&"playground".to_owned()));
}

#[test]
fn the_artifact_detail_copies_its_delete_as_a_curl_command_that_works() {
    let (desk, _profile) = Desk::with_profile(sandbox::DEFAULT_ADMIN_PASSWORD);
    let listed = |desk: &Desk| -> Vec<String> {
        desk.artifacts("library", "nginx")
            .into_iter()
            .map(|a| a.digest)
            .collect()
    };
    let before = listed(&desk);
    let mut app = desk.harness();
    wait_for(&mut app, "the projects", |h| shows(h, "library"));
    click(&mut app, "library");
    wait_for(&mut app, "library's repositories", |h| shows(h, "nginx"));
    click(&mut app, "nginx");
    wait_for(&mut app, "nginx's artifacts", |h| {
        shows_text(h, "2 artifacts")
    });
    app.query_all_by_label("linux/amd64")
        .next()
        .expect("a row")
        .click();
    app.step();
    wait_for(&mut app, "the artifact's detail", |h| {
        shows(h, "Copy as curl")
    });
    click(&mut app, "Copy as curl");
    let command = copied(&app)
        .into_iter()
        .find(|text| text.starts_with("curl "))
        .expect("a curl command was copied");
    let digest = before
        .iter()
        .find(|d| command.contains(d.trim_start_matches("sha256:")))
        .expect("the command names a listed digest")
        .clone();
    assert!(command.starts_with("curl -u admin -X DELETE "), "{command}");
    run_curl(&command);
    let after = listed(&desk);
    assert_eq!(after.len(), before.len() - 1);
    assert!(!after.contains(&digest), "the command deleted {digest}");
}

#[test]
fn the_filters_narrow_the_log_by_result_operation_and_time() {
    let (desk, profile) = Desk::with_profile(sandbox::DEFAULT_ADMIN_PASSWORD);
    if let Some(folder) = desk.activity_log_path().parent() {
        std::fs::create_dir_all(folder).expect("the log's folder");
    }
    write_old_entry(&desk, &profile, 40, "demo/old-chart");
    let mut app = desk.harness();
    wait_for(&mut app, "the projects", |h| shows(h, "library"));
    // A refused delete, one that works, and a project created through the dialog.
    refused_then_deleted(&mut app, &desk);
    create_project_through_the_dialog(&mut app, &desk, "team-alpha");

    open_activity(&mut app);
    wait_for(&mut app, "every entry", |h| {
        shows_text(h, "4 entries") && shows(h, "demo/old-chart")
    });

    pick(&mut app, "Result", "Failed");
    wait_for(&mut app, "the failure alone", |h| {
        shows_text(h, "1 entry") && shows(h, "library") && !shows(h, "team-alpha")
    });
    assert!(!shows(&app, "Succeeded"), "no success is listed");

    pick(&mut app, "Result", "Any");
    pick(&mut app, "Operation", "Create project");
    wait_for(&mut app, "the creation alone", |h| {
        shows_text(h, "1 entry") && shows(h, "team-alpha") && !shows(h, "playground")
    });

    // The entry of 40 days ago is outside the last 30 days, and back with all time.
    pick(&mut app, "Operation", "Any");
    pick(&mut app, "Time", "Last 30 days");
    wait_for(&mut app, "this month's entries", |h| {
        shows_text(h, "3 entries") && !shows(h, "demo/old-chart")
    });
    pick(&mut app, "Time", "All time");
    wait_for(&mut app, "every entry again", |h| {
        shows_text(h, "4 entries") && shows(h, "demo/old-chart")
    });
}
