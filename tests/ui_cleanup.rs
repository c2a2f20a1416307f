//! The cleanup planner through the app, against a sandbox whose store the test can write: the
//! registry is indexed, the plan of "untagged" over the whole registry lists exactly the
//! untagged artifacts the server lists, and its execution deletes them, except one tagged
//! between the plan and the execution (by a second writer), which is skipped and survives.
//! Every delete is in the activity log as part of a cleanup.

#![allow(clippy::expect_used)] // a test that cannot go on says why, and fails

mod ui_support;

use std::collections::BTreeSet;
use std::path::Path;

use ccr_desk::api::{CcrClient, PageRequest};
use ccr_desk::cleanup::{Rules, SavedRules};
use ccr_desk::sandbox::{self, SandboxConfig, Storage};
use ccr_desk::ui::CcrDeskApp;
use egui::accesskit::{Role, Toggled};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};

use ui_support::combo::{combo_shows, open_combo_showing};
use ui_support::{
    Desk, click, click_first, click_until, field_text, shows, shows_text, type_into, wait_for,
};

/// Every (project/repository, digest, untagged) the server lists.
fn listed(desk: &Desk, client: &CcrClient) -> Vec<(String, String, bool)> {
    desk.runtime.block_on(async {
        let mut all = Vec::new();
        let projects = client
            .list_projects(&PageRequest::everything())
            .await
            .expect("projects")
            .value
            .items;
        for project in projects {
            let name = project.project_name;
            let repositories = client
                .list_repositories(&name, &PageRequest::new(1, 100))
                .await
                .expect("repositories")
                .value
                .items;
            for repository in repositories {
                let artifacts = client
                    .list_artifacts(
                        &name,
                        &repository.repository_name,
                        &PageRequest::new(1, 100),
                    )
                    .await
                    .expect("artifacts")
                    .value
                    .items;
                for artifact in artifacts {
                    all.push((
                        format!("{name}/{}", repository.repository_name),
                        artifact.digest,
                        artifact.tags.is_empty(),
                    ));
                }
            }
        }
        all
    })
}

/// Walks the whole registry into the index from Storage & index, and waits for the end.
fn index_the_registry(app: &mut Harness<'static, CcrDeskApp>, desk: &Desk) {
    click(app, "Storage & index");
    wait_for(app, "the storage screen", |h| {
        shows(h, "Index the registry now")
    });
    // The panel moves beside the bars once the storage table has projects: a click that
    // missed is made again.
    click_until(
        app,
        "Index the registry now",
        &desk.text("storage-last-finished"),
    );
}

/// Whether the checkbox labelled `label` is ticked.
fn ticked(app: &Harness<'static, CcrDeskApp>, label: &str) -> bool {
    app.query_all_by_label(label)
        .find(|node| node.accesskit_node().role() == Role::CheckBox)
        .unwrap_or_else(|| panic!("no checkbox labelled {label:?}:\n{:#?}", app.root()))
        .accesskit_node()
        .toggled()
        == Some(Toggled::True)
}

/// Tags `digest` of `project`/`repository` in the sandbox's store, as a push from elsewhere
/// would (the sandbox has no push; its store is `SQLite` in WAL mode, read afresh by the server).
fn tag_in_store(store: &Path, project: &str, repository: &str, digest: &str, tag: &str) {
    let conn = rusqlite::Connection::open(store.join("ccr-sandbox.sqlite3")).expect("store");
    conn.busy_timeout(std::time::Duration::from_secs(10))
        .expect("busy timeout");
    let changed = conn
        .execute(
            "INSERT INTO tags (artifact_id, repository_id, name, push_time, pull_time)
             SELECT a.id, a.repository_id, ?4, 1780000000000, NULL
             FROM artifacts a JOIN repositories r ON r.id = a.repository_id
             JOIN projects p ON p.id = r.project_id
             WHERE p.name = ?1 AND r.name = ?2 AND a.digest = ?3",
            rusqlite::params![project, repository, digest, tag],
        )
        .expect("tag inserted");
    assert_eq!(changed, 1);
}

#[test]
fn a_plan_of_untagged_artifacts_is_shown_then_carried_out_skipping_one_tagged_meanwhile() {
    let store = tempfile::tempdir().expect("store folder");
    let config = SandboxConfig {
        storage: Storage::Data(store.path().to_owned()),
        ..SandboxConfig::ephemeral_loopback()
    };
    let (desk, _profile) = Desk::with_profile_on(config, sandbox::DEFAULT_ADMIN_PASSWORD);
    let client = desk.admin_client();
    let before = listed(&desk, &client);
    let expected: BTreeSet<(String, String)> = before
        .iter()
        .filter(|(_, _, untagged)| *untagged)
        .map(|(repository, digest, _)| (repository.clone(), digest.clone()))
        .collect();
    assert!(
        expected.len() >= 2,
        "the seed has untagged artifacts: {expected:?}"
    );
    let repositories: BTreeSet<&String> = expected.iter().map(|(r, _)| r).collect();

    let mut app = desk.harness();
    wait_for(&mut app, "the projects", |h| shows(h, "library"));
    index_the_registry(&mut app, &desk);

    click(&mut app, "Cleanup planner");
    wait_for(&mut app, "the planner", |h| shows(h, "Make the plan"));
    // Untagged (on by default) alone: keep-newest off.
    click(&mut app, "Keep the newest");
    click(&mut app, "Make the plan");
    let totals = format!(
        "{} artifacts in {} repositories would go",
        expected.len(),
        repositories.len()
    );
    wait_for(&mut app, "the plan", |h| shows_text(h, &totals));
    assert!(
        !shows_text(&app, "partly indexed"),
        "the index holds it all"
    );
    // Every chosen digest is listed (by its first 19 characters), and nothing else.
    for (_, digest) in &expected {
        let short: String = digest.chars().take(19).collect();
        assert!(shows(&app, &short), "{short} is in the plan");
    }
    let tagged_digests: Vec<String> = before
        .iter()
        .filter(|(_, _, untagged)| !*untagged)
        .map(|(_, d, _)| d.chars().take(19).collect())
        .collect();
    assert!(tagged_digests.iter().all(|short| !shows(&app, short)));

    // A tag pushed between the plan and its execution.
    let (first_repository, first_digest) = expected.iter().next().expect("one").clone();
    let (project, repository) = first_repository
        .split_once('/')
        .expect("project/repository");
    tag_in_store(
        store.path(),
        project,
        repository,
        &first_digest,
        "pushed-in-between",
    );

    let execute = format!("Delete {} artifacts…", expected.len());
    click(&mut app, &execute);
    let confirm = format!("Delete {} items", expected.len());
    wait_for(&mut app, "the confirmation", |h| shows(h, &confirm));
    click(&mut app, &confirm);
    wait_for(&mut app, "the report", |h| shows(h, "Cleanup finished"));
    let deleted = format!("{} deleted", expected.len() - 1);
    assert!(shows(&app, &deleted), "{:#?}", app.root());
    assert!(shows_text(&app, "1 skipped"));
    assert!(shows_text(&app, "its tags changed since the plan"));

    let after = listed(&desk, &client);
    let survivors: BTreeSet<(String, String)> = after
        .iter()
        .map(|(r, d, _)| (r.clone(), d.clone()))
        .filter(|pair| expected.contains(pair))
        .collect();
    assert_eq!(
        survivors,
        BTreeSet::from([(first_repository.clone(), first_digest.clone())]),
        "only the artifact tagged in between survives"
    );
    assert_eq!(after.len(), before.len() - (expected.len() - 1));

    let log = std::fs::read_to_string(desk.activity_log_path()).expect("the activity log");
    let cleanup_lines = log
        .lines()
        .filter(|l| l.contains("\"via\":\"cleanup\""))
        .count();
    assert_eq!(cleanup_lines, expected.len() - 1, "{log}");
}

#[test]
fn a_plan_that_takes_an_index_warns_that_its_platform_images_may_go_with_it() {
    let (desk, _profile) = Desk::with_profile(sandbox::DEFAULT_ADMIN_PASSWORD);
    let mut app = desk.harness();
    wait_for(&mut app, "the projects", |h| shows(h, "library"));
    index_the_registry(&mut app, &desk);
    click(&mut app, "Projects");
    wait_for(&mut app, "the projects", |h| shows(h, "library"));
    click(&mut app, "library");
    wait_for(&mut app, "library's repositories", |h| shows(h, "busybox"));
    click(&mut app, "busybox");
    wait_for(&mut app, "busybox's artifacts", |h| shows(h, "INDEX"));
    // The planner opens on this repository.
    click(&mut app, "Plan a cleanup…");
    wait_for(&mut app, "the planner", |h| shows(h, "Make the plan"));
    // Pushed more than 30 days ago, alone: the seed's tagged index is years old.
    click(&mut app, "Untagged");
    click(&mut app, "Keep the newest");
    click(&mut app, "Pushed more than");
    click(&mut app, "Make the plan");
    wait_for(&mut app, "the plan", |h| {
        shows_text(h, "1 artifact in 1 repository would go")
    });
    assert!(
        shows_text(&app, "1 multi-platform image index would go"),
        "{:#?}",
        app.root()
    );
}

#[test]
fn a_rule_set_is_saved_by_name_loaded_in_a_new_run_and_forgotten() {
    let (desk, _profile) = Desk::with_profile(sandbox::DEFAULT_ADMIN_PASSWORD);
    let expected = SavedRules {
        name: "monthly old".to_owned(),
        rules: Rules {
            pushed_more_than_days: Some(30),
            keep_newest: Some(10),
            ..Rules::default()
        },
    };
    {
        let mut app = desk.harness();
        wait_for(&mut app, "the projects", |h| shows(h, "library"));
        click_first(&mut app, "Cleanup planner");
        wait_for(&mut app, "the planner", |h| shows(h, "Make the plan"));
        assert!(combo_shows(&app, "No saved rules"));
        // Not the defaults: pushed more than 30 days ago instead of untagged.
        click(&mut app, "Untagged");
        click(&mut app, "Pushed more than");
        type_into(&mut app, "Name", "monthly old");
        click(&mut app, "Save rules");
        wait_for(&mut app, "the rule set in the profiles file", |_| {
            desk.saved_settings().cleanup_rules == vec![expected.clone()]
        });
        wait_for(&mut app, "the saved count", |h| {
            combo_shows(h, "1 saved rule set")
        });
    }

    // A new run opens where the app was left, with the form's defaults; the saved set loads.
    let mut app = desk.harness();
    wait_for(&mut app, "the planner again", |h| shows(h, "Make the plan"));
    wait_for(&mut app, "the saved count", |h| {
        combo_shows(h, "1 saved rule set")
    });
    assert!(ticked(&app, "Untagged") && !ticked(&app, "Pushed more than"));
    open_combo_showing(&mut app, "1 saved rule set");
    click(&mut app, "monthly old");
    app.step();
    assert!(!ticked(&app, "Untagged"), "loaded: untagged is off");
    assert!(ticked(&app, "Pushed more than"), "loaded: pushed is on");
    assert!(
        ticked(&app, "Keep the newest"),
        "loaded: keep the newest is on"
    );
    assert_eq!(field_text(&app, "Name").as_deref(), Some("monthly old"));

    // Forget takes it out of the file.
    click(&mut app, "Forget");
    wait_for(&mut app, "the rule set gone from the profiles file", |_| {
        desk.saved_settings().cleanup_rules.is_empty()
    });
    wait_for(&mut app, "no saved rules", |h| {
        combo_shows(h, "No saved rules")
    });
}
