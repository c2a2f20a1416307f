//! The registry index behind the screens, end to end against a sandbox over loopback: every
//! page the screens are shown is recorded in the profile's index file, a change made in the app
//! is applied to it at once, a crawl on connect walks the whole registry into it, and when the
//! server cannot be reached the screens show it read-only — after a failure while connected, or
//! from the start — until the server answers again.

#![allow(clippy::expect_used)] // a test that cannot go on says why, and fails

mod ui_support;

use std::collections::{BTreeMap, BTreeSet};

use ccr_desk::api::{CcrClient, NewProject, PageRequest};
use ccr_desk::i18n::Language;
use ccr_desk::index::{
    ArtifactQuery, Freshness, Index, MAX_WINDOW_ROWS, ProjectQuery, RepositoryQuery,
};
use ccr_desk::profile::Profile;
use ccr_desk::sandbox::{self, SandboxConfig, Storage};
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use ui_support::{
    Desk, click, click_first, create_project_through_the_dialog, shows, shows_text, wait_for,
};

type App = egui_kittest::Harness<'static, ccr_desk::ui::CcrDeskApp>;

/// Digest → tag names: what an index or the server holds of one repository's artifacts.
type Artifacts = BTreeMap<String, BTreeSet<String>>;

// ---- the index file and the server, as the test reads them ---------------------------------

/// The index file the app keeps for `profile` (the same file, opened by the test).
fn open_index(desk: &Desk, profile: &Profile) -> Index {
    let path = desk.index_path(profile);
    assert!(
        path.exists(),
        "the app made its index at {}",
        path.display()
    );
    Index::open(path).expect("the index opens")
}

fn indexed_projects(index: &Index) -> BTreeSet<String> {
    let query = ProjectQuery {
        limit: MAX_WINDOW_ROWS,
        ..ProjectQuery::default()
    };
    let window = index.projects(&query).expect("index projects");
    window
        .rows
        .into_iter()
        .map(|row| row.project.project_name)
        .collect()
}

fn indexed_repositories(index: &Index, project: &str) -> BTreeSet<String> {
    let query = RepositoryQuery {
        limit: MAX_WINDOW_ROWS,
        ..RepositoryQuery::default()
    };
    let window = index
        .repositories(project, &query)
        .expect("index repositories");
    window
        .rows
        .into_iter()
        .map(|row| row.repository.repository_name)
        .collect()
}

fn indexed_artifacts(index: &Index, project: &str, repository: &str) -> Artifacts {
    let query = ArtifactQuery {
        limit: MAX_WINDOW_ROWS,
        ..ArtifactQuery::default()
    };
    let window = index
        .artifacts(project, repository, &query)
        .expect("index artifacts");
    window
        .rows
        .into_iter()
        .map(|row| {
            let tags = row.artifact.tags.into_iter().map(|t| t.name).collect();
            (row.artifact.digest, tags)
        })
        .collect()
}

fn freshness(index: &Index) -> Freshness {
    index.freshness().expect("index freshness")
}

/// Everything in one page.
fn all() -> PageRequest {
    PageRequest::new(1, 100)
}

fn listed_projects(desk: &Desk, client: &CcrClient) -> BTreeSet<String> {
    let page = desk
        .runtime
        .block_on(client.list_projects(&all()))
        .expect("projects listed")
        .value;
    assert!(page.items.len() as u64 == page.total, "one page holds all");
    page.items.into_iter().map(|p| p.project_name).collect()
}

fn listed_repositories(desk: &Desk, client: &CcrClient, project: &str) -> BTreeSet<String> {
    let page = desk
        .runtime
        .block_on(client.list_repositories(project, &all()))
        .expect("repositories listed")
        .value;
    assert!(page.items.len() as u64 == page.total, "one page holds all");
    page.items.into_iter().map(|r| r.repository_name).collect()
}

fn listed_artifacts(desk: &Desk, client: &CcrClient, project: &str, repository: &str) -> Artifacts {
    let page = desk
        .runtime
        .block_on(client.list_artifacts(project, repository, &all()))
        .expect("artifacts listed")
        .value;
    assert!(page.items.len() as u64 == page.total, "one page holds all");
    page.items
        .into_iter()
        .map(|a| (a.digest, a.tags.into_iter().map(|t| t.name).collect()))
        .collect()
}

// ---- the app ---------------------------------------------------------------------------------

/// Runs `test` once in each language the app has.
fn in_every_language(test: impl Fn(Language)) {
    for language in Language::ALL {
        eprintln!("— in {}", language.tag());
        test(language);
    }
}

/// The start of the offline banner, before the time it names.
fn banner_start(desk: &Desk) -> String {
    let marker = "\u{2063}AT\u{2063}";
    let banner = desk.text_s("offline-banner", &[("at", marker)]);
    banner
        .split(marker)
        .next()
        .unwrap_or_default()
        .trim_end()
        .to_owned()
}

/// Whether the offline banner is on screen (with the time of the index, or without one).
fn shows_banner(app: &App, desk: &Desk) -> bool {
    shows_text(app, &banner_start(desk)) || shows(app, &desk.text("offline-banner-unknown-time"))
}

fn is_disabled(app: &App, label: &str) -> bool {
    app.get_by_label(label).accesskit_node().is_disabled()
}

/// The app, started on the Storage & index screen; returns once it is connected and its index
/// is open (the screen says while it is not). Pages loaded before the index is open are not
/// recorded in it, so the tests browse only from here.
fn app_with_index_open(desk: &Desk) -> App {
    let mut settings = desk.saved_settings();
    settings.last_screen = Some("storage".to_owned());
    desk.profile_file().save(&settings).expect("settings saved");
    let mut app = desk.harness();
    let storage = desk.text("nav-storage");
    let no_index = desk.text("storage-no-index");
    wait_for(&mut app, "the index open", |h| {
        // The navigation's entry and the screen's heading: connected, on the screen.
        h.query_all_by_label(&storage).count() >= 2 && !shows_text(h, &no_index)
    });
    go_to_projects(&mut app, desk);
    app
}

/// Clicks the link named `name` (a project's or a repository's name in its list; a detail pane
/// may show the same name as a label).
fn open(app: &mut App, name: &str) {
    app.query_all_by_label(name)
        .find(|node| node.accesskit_node().role() == egui::accesskit::Role::Link)
        .unwrap_or_else(|| panic!("no link {name:?}:\n{:#?}", app.root()))
        .click();
    app.step();
}

/// Opens the Projects screen from the navigation.
fn go_to_projects(app: &mut App, desk: &Desk) {
    click_first(app, &desk.text("nav-projects"));
}

/// From the projects list: library's repositories, then library/nginx's artifacts (two images,
/// one untagged, one tagged 1.25.2, 1.25 and latest).
fn open_library_nginx(app: &mut App) {
    wait_for(app, "the projects", |h| shows(h, "library"));
    open(app, "library");
    wait_for(app, "library's repositories", |h| {
        shows(h, "nginx") && shows(h, "busybox") && shows(h, "postgres")
    });
    open(app, "nginx");
    wait_for(app, "nginx's artifacts", |h| {
        shows(h, "1.25.2") && shows(h, "latest")
    });
}

/// `what` is shown with the reason of read-only buttons when the node labelled `label` is
/// hovered (and the reason goes again when the pointer leaves it).
fn hover_shows_read_only_reason(app: &mut App, desk: &Desk, label: &str) {
    let hint = desk.text("offline-read-only-hint");
    app.get_by_label(label).hover();
    wait_for(
        app,
        &format!("the read-only reason on “{label}”"),
        |h| shows(h, &hint),
    );
    // The pointer leaves: the reason goes with it, so the next check sees its own.
    app.get_by_label(&desk.text("offline-banner-read-only"))
        .hover();
    wait_for(app, "the reason gone", |h| !shows(h, &hint));
}

// ---- tests -----------------------------------------------------------------------------------

#[test]
fn pages_seen_are_recorded_in_the_index() {
    let (desk, profile) = Desk::with_profile(sandbox::DEFAULT_ADMIN_PASSWORD);
    let mut app = app_with_index_open(&desk);
    open_library_nginx(&mut app);

    let client = desk.admin_client();
    let index = open_index(&desk, &profile);
    assert_eq!(
        indexed_projects(&index),
        listed_projects(&desk, &client),
        "the projects page seen is in the index"
    );
    assert_eq!(
        indexed_repositories(&index, "library"),
        listed_repositories(&desk, &client, "library"),
        "library's repositories seen are in the index"
    );
    let nginx = indexed_artifacts(&index, "library", "nginx");
    assert_eq!(nginx, listed_artifacts(&desk, &client, "library", "nginx"));
    assert_eq!(nginx.len(), 2, "nginx's two images");
    assert!(
        nginx.values().any(|tags| tags
            == &BTreeSet::from(["1.25.2".to_owned(), "1.25".to_owned(), "latest".to_owned()])),
        "the tags are recorded: {nginx:?}"
    );
    assert!(
        nginx.values().any(BTreeSet::is_empty),
        "and the untagged one"
    );

    // Nothing the screens were not shown: no crawl ran.
    for project in ["demo", "ml-models", "playground"] {
        assert!(
            indexed_repositories(&index, project).is_empty(),
            "{project}'s repositories were never shown"
        );
    }
    for repository in ["busybox", "postgres"] {
        assert!(
            indexed_artifacts(&index, "library", repository).is_empty(),
            "library/{repository}'s artifacts were never shown"
        );
    }
    let fresh = freshness(&index);
    assert_eq!(fresh.last_complete_crawl_ms, None, "no crawl: {fresh:?}");
    assert_eq!(
        (fresh.projects, fresh.repositories, fresh.artifacts),
        (4, 3, 2)
    );
}

#[test]
fn a_change_made_in_the_app_shows_in_the_index_at_once() {
    in_every_language(|language| {
        let (desk, profile) = Desk::with_profile(sandbox::DEFAULT_ADMIN_PASSWORD);
        let desk = desk.in_language(language);
        // Twelve repositories in playground: page 1 shows ten of them, so the list shown after
        // a delete is not a complete listing, and only the change itself takes one out.
        for n in 1..=12 {
            desk.create_repository("playground", &format!("r{n:02}"));
        }
        let mut app = app_with_index_open(&desk);
        wait_for(&mut app, "the projects", |h| shows(h, "playground"));

        // A repository deleted through the confirmation.
        open(&mut app, "playground");
        wait_for(&mut app, "playground's first page", |h| {
            shows(h, "r01") && shows(h, "r10")
        });
        assert!(!shows(&app, "r12"), "page 1 shows ten of twelve");
        let index = open_index(&desk, &profile);
        let before = indexed_repositories(&index, "playground");
        assert_eq!(before.len(), 10, "page 1 is recorded: {before:?}");
        app.key_press(egui::Key::ArrowDown);
        app.step();
        click(&mut app, &desk.text("list-delete"));
        let title = desk.text("repositories-delete-title");
        wait_for(&mut app, "the confirmation", |h| shows(h, &title));
        click(&mut app, &desk.text("common-delete"));
        wait_for(&mut app, "the repository gone", |h| {
            !shows(h, &title) && !shows(h, "r01") && shows(h, "r11")
        });
        assert!(
            !shows(&app, "r12"),
            "page 1 shows ten of the eleven left: not a complete listing"
        );

        // A project created through the dialog.
        go_to_projects(&mut app, &desk);
        wait_for(&mut app, "the projects again", |h| {
            shows(h, "playground") && !shows(h, "r02")
        });
        create_project_through_the_dialog(&mut app, &desk, "team-alpha");
        assert!(
            indexed_projects(&index).contains("team-alpha"),
            "the created project is in the index"
        );

        let client = desk.admin_client();
        let left = listed_repositories(&desk, &client, "playground");
        assert_eq!(left.len(), 11);
        assert!(!left.contains("r01"), "the first row was deleted: {left:?}");
        let now = indexed_repositories(&index, "playground");
        assert!(
            !now.contains("r01"),
            "the deleted repository left the index: {now:?}"
        );
        assert!(
            now.contains("r02") && now.contains("r11"),
            "the rest stays: {now:?}"
        );
        let fresh = freshness(&index);
        assert_eq!(fresh.last_complete_crawl_ms, None, "no crawl: {fresh:?}");
        assert_eq!(fresh.crawl_started_ms, None, "no crawl started: {fresh:?}");
    });
}

#[test]
fn a_crawl_on_connect_indexes_the_registry() {
    let (desk, profile) = Desk::with_profile(sandbox::DEFAULT_ADMIN_PASSWORD);
    let desk = desk.crawling_automatically();
    let mut app = desk.harness();
    wait_for(&mut app, "the projects", |h| shows(h, "library"));
    let index = open_index(&desk, &profile);
    wait_for(&mut app, "a complete crawl", |_| {
        let fresh = freshness(&index);
        fresh.last_complete_crawl_ms.is_some() && !fresh.crawl_unfinished
    });

    let client = desk.admin_client();
    let projects = listed_projects(&desk, &client);
    assert_eq!(indexed_projects(&index), projects);
    let (mut repositories, mut artifacts) = (0, 0);
    for project in &projects {
        let listed = listed_repositories(&desk, &client, project);
        assert_eq!(
            indexed_repositories(&index, project),
            listed,
            "{project}'s repositories"
        );
        repositories += listed.len() as u64;
        for repository in &listed {
            // The API names a repository with its project in front; the index by its own name.
            let short = repository
                .strip_prefix(&format!("{project}/"))
                .unwrap_or(repository);
            let listed = listed_artifacts(&desk, &client, project, short);
            assert_eq!(
                indexed_artifacts(&index, project, short),
                listed,
                "{project}/{short}'s artifacts"
            );
            artifacts += listed.len() as u64;
        }
    }
    let fresh = freshness(&index);
    assert_eq!(fresh.projects, projects.len() as u64, "{fresh:?}");
    assert_eq!(fresh.repositories, repositories, "{fresh:?}");
    assert_eq!(fresh.artifacts, artifacts, "{fresh:?}");
    assert_eq!(fresh.repositories_not_listed, 0, "{fresh:?}");
    assert!(
        artifacts > 0 && repositories > 0,
        "the demo registry has content"
    );
}

#[test]
fn offline_the_screens_show_the_index_read_only() {
    in_every_language(|language| {
        let (desk, _profile) = Desk::with_profile(sandbox::DEFAULT_ADMIN_PASSWORD);
        let mut desk = desk.in_language(language);
        let mut app = app_with_index_open(&desk);
        open_library_nginx(&mut app);
        go_to_projects(&mut app, &desk);
        wait_for(&mut app, "the projects again", |h| {
            shows(h, "demo") && !shows(h, "nginx")
        });

        let running = desk.sandbox.take().expect("the test's sandbox");
        desk.runtime.block_on(running.shutdown());
        app.key_press(egui::Key::F5);
        wait_for(&mut app, "the offline banner", |h| shows_banner(h, &desk));
        assert!(shows(&app, &desk.text("offline-banner-read-only")));
        wait_for(&mut app, "the indexed projects", |h| {
            ["demo", "library", "ml-models", "playground"]
                .iter()
                .all(|p| shows(h, p))
        });

        // Nothing that changes the registry can be done; the buttons say why.
        let new_project = desk.text("projects-new");
        let delete = desk.text("list-delete");
        app.key_press(egui::Key::ArrowDown);
        app.step();
        assert!(is_disabled(&app, &new_project), "New project… is disabled");
        assert!(
            is_disabled(&app, &delete),
            "Delete… is disabled, with a row selected"
        );
        hover_shows_read_only_reason(&mut app, &desk, &new_project);
        hover_shows_read_only_reason(&mut app, &desk, &delete);

        // A project and a repository open from the index.
        open(&mut app, "library");
        wait_for(&mut app, "library's indexed repositories", |h| {
            shows(h, "nginx") && shows(h, "busybox") && shows(h, "postgres")
        });
        assert!(shows_banner(&app, &desk), "still offline");
        let new_repository = desk.text("repositories-new");
        assert!(is_disabled(&app, &new_repository));
        hover_shows_read_only_reason(&mut app, &desk, &new_repository);
        open(&mut app, "nginx");
        wait_for(&mut app, "nginx's indexed artifacts", |h| {
            shows(h, "1.25.2") && shows(h, "latest")
        });
        assert!(shows_banner(&app, &desk), "still offline");
    });
}

#[test]
fn offline_from_the_start_then_recovery() {
    in_every_language(|language| {
        let data = tempfile::tempdir().expect("sandbox data dir");
        let config = SandboxConfig {
            storage: Storage::Data(data.path().to_path_buf()),
            ..SandboxConfig::ephemeral_loopback()
        };
        let (desk, _profile) =
            Desk::with_profile_on(config.clone(), sandbox::DEFAULT_ADMIN_PASSWORD);
        let mut desk = desk.in_language(language);

        // A first run indexes the projects and library's repositories.
        let mut app = app_with_index_open(&desk);
        wait_for(&mut app, "the projects", |h| shows(h, "library"));
        open(&mut app, "library");
        wait_for(&mut app, "library's repositories", |h| {
            shows(h, "nginx") && shows(h, "busybox")
        });
        go_to_projects(&mut app, &desk);
        wait_for(&mut app, "the projects again", |h| {
            shows(h, "demo") && !shows(h, "nginx")
        });
        drop(app);

        let running = desk.sandbox.take().expect("the test's sandbox");
        let address = running.local_addr();
        desk.runtime.block_on(running.shutdown());

        // The next run cannot reach the server: it shows the index, not only the failure.
        let mut app = desk.harness();
        wait_for(&mut app, "the offline banner", |h| shows_banner(h, &desk));
        go_to_projects(&mut app, &desk);
        wait_for(&mut app, "the indexed projects", |h| {
            ["demo", "library", "ml-models", "playground"]
                .iter()
                .all(|p| shows(h, p))
        });
        let failed = desk.text_s("app-connect-failed-title", &[("profile", "Test registry")]);
        assert!(
            !shows_text(&app, &failed),
            "the index instead of the connection error"
        );
        assert!(is_disabled(&app, &desk.text("projects-new")));
        open(&mut app, "library");
        wait_for(&mut app, "library's indexed repositories", |h| {
            shows(h, "nginx") && shows(h, "busybox") && shows(h, "postgres")
        });
        go_to_projects(&mut app, &desk);
        wait_for(&mut app, "the indexed projects again", |h| {
            shows(h, "demo") && !shows(h, "nginx")
        });

        // The server is back, on the same address with the same data, and has a new project:
        // the app finds it by itself and shows the live list.
        let again = desk
            .runtime
            .block_on(sandbox::start(SandboxConfig {
                listen: address,
                ..config
            }))
            .expect("the sandbox starts again on the same address");
        desk.sandbox = Some(again);
        let client = desk.admin_client();
        desk.runtime
            .block_on(client.create_project(&NewProject {
                name: "made-meanwhile".to_owned(),
                is_public: false,
                quota: -1,
            }))
            .expect("project created");
        wait_for(&mut app, "the live list", |h| {
            !shows_banner(h, &desk) && shows(h, "made-meanwhile") && shows(h, "library")
        });
        assert!(
            !is_disabled(&app, &desk.text("projects-new")),
            "writable again"
        );
    });
}

/// A damaged index file is rebuilt when the app opens it, never a crash, and the Storage &
/// index screen says so in the shown language.
#[test]
fn a_damaged_index_file_is_rebuilt_and_the_storage_screen_says_so() {
    for language in [Language::English, Language::SimplifiedChinese] {
        let (desk, profile) = Desk::with_profile(sandbox::DEFAULT_ADMIN_PASSWORD);
        let desk = desk.in_language(language);
        let folder = desk.config_dir.path().join("index");
        std::fs::create_dir_all(&folder).expect("index folder");
        let path = folder.join(format!("{}.sqlite", profile.id.as_str()));
        std::fs::write(
            &path,
            b"this is not a database, it is a damaged file ".repeat(200),
        )
        .expect("a damaged file");
        let mut app = desk.harness();
        wait_for(&mut app, "the projects", |h| shows(h, "library"));
        click(&mut app, &desk.text("nav-storage"));
        let why = desk.text("storage-rebuilt-corrupt");
        let said = desk.text_s("storage-rebuilt", &[("why", why.as_str())]);
        wait_for(&mut app, "the rebuild said", |h| shows_text(h, &said));
        let index = open_index(&desk, &profile);
        assert!(
            index.freshness().expect("the rebuilt index reads").projects > 0,
            "the rebuilt index takes the pages shown"
        );
    }
}
