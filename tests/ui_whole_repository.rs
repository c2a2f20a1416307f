//! The artifacts screen's "Whole repository" mode against a sandbox over loopback, on a
//! repository of 25 artifacts (more than a live page of 10): sorting by tag as versions across
//! the whole repository, the tag filter reaching past the first live page, a deletion made
//! elsewhere gone after Re-index and one made in the app gone at once, and exports to CSV and
//! JSON holding exactly the rows the filter shows.

#![allow(clippy::expect_used)] // a test that cannot go on says why, and fails

mod ui_support;

use std::fmt::Write as _;
use std::path::Path;
use std::sync::Arc;

use ccr_desk::i18n::Language;
use ccr_desk::index::{ArtifactOrder, ArtifactQuery, Index, MAX_WINDOW_ROWS, SortDirection};
use ccr_desk::profile::Profile;
use ccr_desk::sandbox::{self, SandboxConfig, Storage};
use egui::accesskit::{Role, Toggled};
use egui_kittest::kittest::{NodeT as _, Queryable as _, by};
use sha2::{Digest as _, Sha256};
use ui_support::{
    Desk, ScriptedFiles, click, crawled_index, field_text, shows, shows_text, type_into, wait_for,
};

type App = egui_kittest::Harness<'static, ccr_desk::ui::CcrDeskApp>;

const PROJECT: &str = "playground";
const REPOSITORY: &str = "apps/web/releases";

/// The artifacts made, oldest push first (`None`: untagged). The newest ten, the first live
/// page, hold none of 1.2.0, 1.9.0, 1.10.0 and v2.0.0.
const PUSHED: [Option<&str>; 25] = [
    Some("1.9.0"),
    Some("v2.0.0"),
    Some("1.2.0"),
    Some("1.10.0"),
    None,
    Some("1.15.0"),
    Some("0.9.0"),
    Some("1.3.0"),
    Some("1.20.0"),
    Some("1.0.0"),
    Some("1.7.0"),
    Some("1.11.0"),
    Some("1.5.0"),
    None,
    Some("1.19.0"),
    Some("1.1.0"),
    Some("1.13.0"),
    Some("1.4.0"),
    Some("1.16.0"),
    Some("1.8.0"),
    Some("1.12.0"),
    Some("1.18.0"),
    Some("1.6.0"),
    Some("1.14.0"),
    Some("1.17.0"),
];

/// The tags in version order, lowest first, written out by hand.
const ASCENDING: [&str; 23] = [
    "0.9.0", "1.0.0", "1.1.0", "1.2.0", "1.3.0", "1.4.0", "1.5.0", "1.6.0", "1.7.0", "1.8.0",
    "1.9.0", "1.10.0", "1.11.0", "1.12.0", "1.13.0", "1.14.0", "1.15.0", "1.16.0", "1.17.0",
    "1.18.0", "1.19.0", "1.20.0", "v2.0.0",
];

/// 2023-11-14 22:13:20 UTC, the first push.
const FIRST_PUSH_MS: i64 = 1_700_000_000_000;
const HOUR_MS: i64 = 3_600_000;

/// One artifact made for the test.
#[derive(Debug, Clone)]
struct Made {
    tag: Option<&'static str>,
    digest: String,
}

/// The test's sandbox (its store in a folder, so the test can add artifacts to it), its
/// profile, and the artifacts made in `playground/apps/web/releases`.
struct Setup {
    desk: Desk,
    profile: Profile,
    made: Vec<Made>,
    /// The sandbox's store; gone with the test.
    store: tempfile::TempDir,
}

impl Setup {
    fn new(language: Language) -> Self {
        let store = tempfile::tempdir().expect("store folder");
        let config = SandboxConfig {
            storage: Storage::Data(store.path().to_owned()),
            ..SandboxConfig::ephemeral_loopback()
        };
        let (desk, profile) = Desk::with_profile_on(config, sandbox::DEFAULT_ADMIN_PASSWORD);
        let desk = desk.in_language(language).crawling_automatically();
        desk.create_repository(PROJECT, REPOSITORY);
        let made = add_artifacts(store.path());
        let setup = Self {
            desk,
            profile,
            made,
            store,
        };
        let listed = setup.listed();
        assert_eq!(listed.len(), PUSHED.len(), "the server lists them all");
        setup
    }

    fn made(&self, tag: &str) -> &Made {
        self.made
            .iter()
            .find(|m| m.tag == Some(tag))
            .unwrap_or_else(|| panic!("an artifact tagged {tag}"))
    }

    /// The digests the server lists now.
    fn listed(&self) -> Vec<String> {
        self.desk
            .artifacts(PROJECT, REPOSITORY)
            .into_iter()
            .map(|a| a.digest)
            .collect()
    }

    /// The app (in a window tall enough for all 25 rows), connected, its crawl on connect
    /// finished; the index it keeps, opened by the test too.
    fn app(&self, files: Option<Arc<ScriptedFiles>>) -> (App, Index) {
        let mut app = match files {
            Some(files) => self.desk.harness_with_files(files),
            None => self.desk.harness(),
        };
        app.set_size(egui::vec2(1280.0, 1300.0));
        app.step();
        wait_for(&mut app, "the projects", |h| shows_link(h, PROJECT));
        let index = crawled_index(&mut app, &self.desk, &self.profile);
        (app, index)
    }
}

/// A digest made of `label`.
fn digest_of(label: &str) -> String {
    let hash = Sha256::digest(format!("ui_whole_repository: {label}").as_bytes());
    let hex: String = hash.iter().fold(String::new(), |mut hex, byte| {
        let _ = write!(hex, "{byte:02x}");
        hex
    });
    format!("sha256:{hex}")
}

/// Writes [`PUSHED`] into the sandbox's store (the sandbox has no push; its store is `SQLite` in
/// WAL mode, so the running server sees the rows at its next read).
fn add_artifacts(store: &Path) -> Vec<Made> {
    insert_artifacts(store, REPOSITORY, &PUSHED)
}

/// Writes one artifact per entry of `pushed` (its tag, or none) into `PROJECT`/`repository` of
/// the sandbox's store, an hour apart, oldest first.
fn insert_artifacts(store: &Path, repository: &str, pushed: &[Option<&'static str>]) -> Vec<Made> {
    let mut conn = rusqlite::Connection::open(store.join("ccr-sandbox.sqlite3")).expect("store");
    conn.busy_timeout(std::time::Duration::from_secs(10))
        .expect("busy timeout");
    let tx = conn.transaction().expect("transaction");
    let repository_id: i64 = tx
        .query_row(
            "SELECT r.id FROM repositories r JOIN projects p ON p.id = r.project_id
             WHERE p.name = ?1 AND r.name = ?2",
            rusqlite::params![PROJECT, repository],
            |row| row.get(0),
        )
        .expect("the repository's row");
    let mut made = Vec::new();
    for ((n, tag), push_ms) in (0_i64..)
        .zip(pushed.iter().copied())
        .zip((0_i64..).map(|h| FIRST_PUSH_MS + h * HOUR_MS))
    {
        let digest = digest_of(&format!("{repository} {n} {tag:?}"));
        tx.execute(
            "INSERT INTO artifacts (repository_id, digest, media_type, manifest_media_type, kind,
                is_index, size, icon, os, architecture, author, created_at, push_time, pull_time)
             VALUES (?1, ?2, 'application/vnd.oci.image.manifest.v1+json',
                'application/vnd.oci.image.manifest.v1+json', 'IMAGE', 0, ?3, '', 'linux',
                'amd64', 'Release Team <releases@example.com>', ?4, ?5, NULL)",
            rusqlite::params![
                repository_id,
                digest,
                1_000_000 + n * 4096,
                push_ms - 600_000,
                push_ms
            ],
        )
        .expect("artifact inserted");
        let artifact_id = tx.last_insert_rowid();
        if let Some(tag) = tag {
            tx.execute(
                "INSERT INTO tags (artifact_id, repository_id, name, push_time, pull_time)
                 VALUES (?1, ?2, ?3, ?4, NULL)",
                rusqlite::params![artifact_id, repository_id, tag, push_ms + 1],
            )
            .expect("tag inserted");
        }
        made.push(Made { tag, digest });
    }
    tx.commit().expect("commit");
    made
}

/// Runs `test` once in each language the app has.
fn in_every_language(test: impl Fn(Language)) {
    for language in Language::ALL {
        eprintln!("— in {}", language.tag());
        test(language);
    }
}

/// Whether `link` is shown as a link (a list's name, a breadcrumb's part).
fn shows_link(app: &App, link: &str) -> bool {
    app.query_all_by_label(link)
        .any(|node| node.accesskit_node().role() == Role::Link)
}

/// Clicks the link `link`.
fn open_link(app: &mut App, link: &str) {
    app.query_all_by_label(link)
        .find(|node| node.accesskit_node().role() == Role::Link)
        .unwrap_or_else(|| panic!("no link {link:?}:\n{:#?}", app.root()))
        .click();
    app.step();
}

/// Whether some toggle labelled `label` is on.
fn is_on(app: &App, label: &str) -> bool {
    app.query_all_by_label(label)
        .any(|node| node.accesskit_node().toggled() == Some(Toggled::True))
}

/// A digest as a table row shows it: `sha256:` and 12 hex digits.
fn short(digest: &str) -> String {
    digest.chars().take(19).collect()
}

/// The tags the rows on screen show, top to bottom (an untagged row as `-`): each made artifact
/// has one tag or none.
fn rows_shown(app: &App, desk: &Desk) -> Vec<String> {
    let untagged = desk.text("artifacts-untagged");
    let mut rows: Vec<(f32, String)> = app
        .query_all(by().role(Role::Label))
        .filter_map(|node| {
            let text = node.value()?;
            if text == untagged {
                Some((node.rect().min.y, "-".to_owned()))
            } else {
                ASCENDING
                    .contains(&text.as_str())
                    .then(|| (node.rect().min.y, text))
            }
        })
        .collect();
    rows.sort_by(|a, b| a.0.total_cmp(&b.0));
    rows.into_iter().map(|(_, text)| text).collect()
}

/// The short digests of the made artifacts the screen shows.
fn digests_shown(app: &App, setup: &Setup) -> Vec<String> {
    setup
        .made
        .iter()
        .map(|m| short(&m.digest))
        .filter(|s| shows(app, s))
        .collect()
}

/// From the projects: the repository's first live page, then "Whole repository" with every
/// artifact the index holds.
fn open_whole_repository(app: &mut App, desk: &Desk) {
    open_link(app, PROJECT);
    wait_for(app, "playground's repositories", |h| {
        shows_link(h, REPOSITORY)
    });
    open_link(app, REPOSITORY);
    // The first live page: the ten newest.
    wait_for(app, "the first live page", |h| {
        shows(h, "1.17.0") && shows(h, "1.1.0")
    });
    assert_eq!(
        rows_shown(app, desk).len(),
        10,
        "ten rows a page: {:?}",
        rows_shown(app, desk)
    );
    for tag in ["1.2.0", "1.9.0", "1.10.0", "v2.0.0"] {
        assert!(!shows(app, tag), "{tag} is not on the first live page");
    }
    click(app, &desk.text("artifacts-mode-whole"));
    let all = desk.text_n("artifacts-index-count", &[("total", 25)]);
    wait_for(app, "the whole repository", |h| {
        shows(h, &all) && rows_shown(h, desk).len() == 25
    });
    assert!(is_on(app, &desk.text("artifacts-mode-whole")));
    assert!(!is_on(app, &desk.text("artifacts-mode-pages")));
}

/// Chooses the order labelled `order` in the order box (showing `current` as its value).
fn choose_order(app: &mut App, current: &str, order: &str) {
    app.query_all(by().role(Role::ComboBox))
        .find(|node| node.value().as_deref() == Some(current))
        .unwrap_or_else(|| panic!("no order box showing {current:?}:\n{:#?}", app.root()))
        .click();
    app.step();
    let option = |h: &App| {
        h.query_all_by_label(order)
            .any(|node| node.accesskit_node().role() == Role::Button)
    };
    wait_for(app, "the orders", option);
    // A column title may read the same (推送时间): the option is the button.
    app.query_all_by_label(order)
        .find(|node| node.accesskit_node().role() == Role::Button)
        .expect("the option")
        .click();
    app.step();
    wait_for(app, "the order chosen and its list closed", |h| {
        h.query_all(by().role(Role::ComboBox))
            .any(|node| node.value().as_deref() == Some(order))
            && !option(h)
    });
}

/// Clicks the sort direction button showing `arrow`.
fn flip_direction(app: &mut App, arrow: &str) {
    app.query_all_by_label(arrow)
        .find(|node| node.accesskit_node().role() == Role::Button)
        .unwrap_or_else(|| panic!("no direction button {arrow:?}:\n{:#?}", app.root()))
        .click();
    app.step();
}

fn with_untagged_last(tags: impl IntoIterator<Item = &'static str>) -> Vec<String> {
    tags.into_iter()
        .map(str::to_owned)
        .chain(["-".to_owned(), "-".to_owned()])
        .collect()
}

/// Types `text` into the tag filter and waits for `total` rows.
fn filter_by_tag(app: &mut App, desk: &Desk, text: &str, total: i64) {
    type_into(app, &desk.text("artifacts-index-tag-filter"), text);
    let count = desk.text_n("artifacts-index-count", &[("total", total)]);
    wait_for(app, &format!("{total} rows for the filter {text:?}"), |h| {
        shows(h, &count) && rows_shown(h, desk).len() == usize::try_from(total).expect("count")
    });
}

#[test]
fn tags_sort_as_versions_across_the_whole_repository() {
    in_every_language(|language| {
        let setup = Setup::new(language);
        let desk = &setup.desk;
        let (mut app, _index) = setup.app(None);
        open_whole_repository(&mut app, desk);

        // Newest push first, as it opens.
        let mut by_push: Vec<String> = PUSHED
            .iter()
            .rev()
            .map(|tag| tag.unwrap_or("-").to_owned())
            .collect();
        assert_eq!(rows_shown(&app, desk), by_push, "newest push first");

        choose_order(
            &mut app,
            &desk.text("artifacts-index-order-pushed"),
            &desk.text("artifacts-index-order-tag"),
        );
        let descending = with_untagged_last(ASCENDING.iter().rev().copied());
        wait_for(&mut app, "the highest version first", |h| {
            rows_shown(h, desk) == descending
        });

        flip_direction(&mut app, "⏷");
        let ascending = with_untagged_last(ASCENDING);
        wait_for(&mut app, "the lowest version first", |h| {
            rows_shown(h, desk) == ascending
        });
        let shown = rows_shown(&app, desk);
        let at = |tag: &str| shown.iter().position(|t| t == tag).expect("shown");
        assert!(at("1.2.0") < at("1.9.0") && at("1.9.0") < at("1.10.0"));
        assert!(at("1.10.0") < at("1.20.0") && at("1.20.0") < at("v2.0.0"));

        flip_direction(&mut app, "⏶");
        wait_for(&mut app, "the highest version first again", |h| {
            rows_shown(h, desk) == descending
        });

        // Back to push time: the order it opened with.
        choose_order(
            &mut app,
            &desk.text("artifacts-index-order-tag"),
            &desk.text("artifacts-index-order-pushed"),
        );
        wait_for(&mut app, "newest push first again", |h| {
            rows_shown(h, desk) == by_push
        });
        flip_direction(&mut app, "⏷");
        by_push.reverse();
        wait_for(&mut app, "oldest push first", |h| {
            rows_shown(h, desk) == by_push
        });
    });
}

#[test]
fn the_tag_filter_finds_artifacts_beyond_the_first_live_page() {
    let setup = Setup::new(Language::English);
    let desk = &setup.desk;
    let (mut app, _index) = setup.app(None);
    open_whole_repository(&mut app, desk);

    // 1.2.0 is the third push of 25: 23rd newest, on the third live page.
    filter_by_tag(&mut app, desk, "1.2.0", 1);
    assert_eq!(rows_shown(&app, desk), vec!["1.2.0".to_owned()]);
    assert_eq!(
        digests_shown(&app, &setup),
        vec![short(&setup.made("1.2.0").digest)]
    );

    // Part of a tag, across all pages: 1.1.0 and 1.10.0 … 1.19.0.
    filter_by_tag(&mut app, desk, "1.1", 11);
    let mut shown = rows_shown(&app, desk);
    shown.sort();
    let mut expected: Vec<String> = ASCENDING
        .iter()
        .filter(|t| t.contains("1.1"))
        .map(|t| (*t).to_owned())
        .collect();
    expected.sort();
    assert_eq!(shown, expected);

    // Nothing matches.
    type_into(&mut app, &desk.text("artifacts-index-tag-filter"), "9.9.9");
    let none = desk.text("artifacts-index-no-match");
    wait_for(&mut app, "no match", |h| shows(h, &none));
    assert!(rows_shown(&app, desk).is_empty());

    // A filter only v2.0.0 (the second push) holds.
    type_into(&mut app, &desk.text("artifacts-index-tag-filter"), "v");
    let one = desk.text_n("artifacts-index-count", &[("total", 1)]);
    wait_for(&mut app, "v2.0.0 alone", |h| {
        shows(h, &one) && rows_shown(h, desk) == vec!["v2.0.0".to_owned()]
    });
}

#[test]
fn deletions_disappear_after_reindex_or_at_once_from_the_app() {
    let setup = Setup::new(Language::English);
    let desk = &setup.desk;
    let (mut app, index) = setup.app(None);
    open_whole_repository(&mut app, desk);

    // Deleted elsewhere: the index does not know until the repository is read again.
    let gone = setup.made("1.9.0").digest.clone();
    let client = desk.admin_client();
    desk.runtime
        .block_on(client.delete_artifact(PROJECT, REPOSITORY, &gone))
        .expect("deleted elsewhere");
    assert!(!setup.listed().contains(&gone), "the server deleted it");
    for _ in 0..10 {
        app.step();
    }
    assert!(
        shows(&app, &short(&gone)),
        "still shown: the index does not know"
    );

    click(&mut app, &desk.text("artifacts-index-reindex"));
    let left = desk.text_n("artifacts-index-count", &[("total", 24)]);
    wait_for(&mut app, "the deleted artifact gone after Re-index", |h| {
        !shows(h, &short(&gone)) && shows(h, &left) && rows_shown(h, desk).len() == 24
    });
    wait_for(&mut app, "the Re-index button back", |h| {
        shows(h, &desk.text("artifacts-index-reindex"))
    });

    // Deleted in the app: from its row's detail pane, through the confirmation.
    let deleted = setup.made("1.5.0").digest.clone();
    app.get_by_label(&short(&deleted)).click();
    app.step();
    wait_for(&mut app, "the artifact's detail", |h| shows(h, &deleted));
    click(&mut app, &desk.text("list-delete"));
    let title = desk.text("artifacts-delete-title");
    wait_for(&mut app, "the confirmation", |h| shows(h, &title));
    click(&mut app, &desk.text("common-delete"));
    let left = desk.text_n("artifacts-index-count", &[("total", 23)]);
    wait_for(&mut app, "the artifact deleted in the app gone", |h| {
        !shows(h, &title)
            && !shows(h, &short(&deleted))
            && shows(h, &left)
            && rows_shown(h, desk).len() == 23
    });
    assert!(!shows(&app, &deleted), "its detail pane closed");
    assert!(!setup.listed().contains(&deleted), "the server deleted it");
    let indexed: Vec<String> = index
        .artifacts(
            PROJECT,
            REPOSITORY,
            &ArtifactQuery {
                limit: MAX_WINDOW_ROWS,
                ..ArtifactQuery::default()
            },
        )
        .expect("index artifacts")
        .rows
        .into_iter()
        .map(|row| row.artifact.digest)
        .collect();
    assert_eq!(indexed.len(), 23);
    assert!(!indexed.contains(&gone) && !indexed.contains(&deleted));
}

/// The artifacts of the test's repository the index holds for `query`, in its order.
fn index_digests(index: &Index, query: ArtifactQuery) -> Vec<String> {
    let window = index
        .artifacts(
            PROJECT,
            REPOSITORY,
            &ArtifactQuery {
                limit: MAX_WINDOW_ROWS,
                ..query
            },
        )
        .expect("index artifacts");
    assert_eq!(
        window.total,
        window.rows.len() as u64,
        "one window holds all"
    );
    window.rows.into_iter().map(|r| r.artifact.digest).collect()
}

/// Opens Export ⏷ and chooses `format` ("CSV…" / "JSON…"), then waits for `path`.
fn export(app: &mut App, desk: &Desk, format: &str, path: &Path) {
    click(app, &desk.text("export-menu"));
    let choice = desk.text(format);
    wait_for(app, "the export menu", |h| shows(h, &choice));
    click(app, &choice);
    wait_for(app, &format!("{} written", path.display()), |_| {
        path.exists()
    });
}

/// The untagged ones only, exported as JSON: the file holds the rows shown, as the index
/// orders them, sizes as numbers.
fn export_the_untagged_as_json(
    app: &mut App,
    desk: &Desk,
    setup: &Setup,
    index: &Index,
    json_path: &Path,
) {
    // JSON: the untagged ones only.
    click(app, "✖");
    let all = desk.text_n("artifacts-index-count", &[("total", 25)]);
    wait_for(app, "the filter cleared", |h| shows(h, &all));
    click(app, &desk.text("artifacts-index-untagged-only"));
    let two = desk.text_n("artifacts-index-count", &[("total", 2)]);
    wait_for(app, "the untagged ones", |h| {
        shows(h, &two) && rows_shown(h, desk) == ["-", "-"]
    });
    assert_eq!(
        field_text(app, &desk.text("artifacts-index-tag-filter")).as_deref(),
        Some("")
    );
    export(app, desk, "export-json", json_path);
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(json_path).expect("the JSON file"))
            .expect("the JSON parses");
    let rows = json.as_array().expect("an array of rows");
    let json_digests: Vec<String> = rows
        .iter()
        .map(|row| row["digest"].as_str().expect("a digest").to_owned())
        .collect();
    let window = index_digests(
        index,
        ArtifactQuery {
            untagged_only: true,
            order: ArtifactOrder::Tag,
            direction: SortDirection::Ascending,
            ..ArtifactQuery::default()
        },
    );
    assert_eq!(json_digests, window, "the index's window, in its order");
    let mut untagged: Vec<String> = setup
        .made
        .iter()
        .filter(|m| m.tag.is_none())
        .map(|m| m.digest.clone())
        .collect();
    let mut sorted = json_digests.clone();
    untagged.sort();
    sorted.sort();
    assert_eq!(sorted, untagged, "exactly the untagged artifacts");
    for row in rows {
        assert_eq!(row["project"], PROJECT);
        assert_eq!(row["repository"], REPOSITORY);
        assert_eq!(row["tags"], "");
        assert!(row["size_bytes"].is_i64(), "sizes are numbers: {row}");
    }
    let mut shown = digests_shown(app, setup);
    let mut from_file: Vec<String> = json_digests.iter().map(|d| short(d)).collect();
    shown.sort();
    from_file.sort();
    assert_eq!(shown, from_file, "the rows shown are the rows written");
    let done = desk.text_s(
        "export-done",
        &[("count", "2"), ("rows", "2"), ("file", "releases.json")],
    );
    wait_for(app, "the notice", |h| shows_text(h, &done));
}

#[test]
fn exports_hold_exactly_the_rows_the_filter_shows() {
    in_every_language(|language| {
        let setup = Setup::new(language);
        let desk = &setup.desk;
        let out = tempfile::tempdir().expect("export folder");
        let (csv_path, json_path) = (
            out.path().join("releases.csv"),
            out.path().join("releases.json"),
        );
        let files = ScriptedFiles::new([Some(csv_path.clone()), Some(json_path.clone())]);
        let (mut app, index) = setup.app(Some(Arc::clone(&files)));
        open_whole_repository(&mut app, desk);

        // CSV: tags with "1.1", lowest version first.
        choose_order(
            &mut app,
            &desk.text("artifacts-index-order-pushed"),
            &desk.text("artifacts-index-order-tag"),
        );
        flip_direction(&mut app, "⏷");
        filter_by_tag(&mut app, desk, "1.1", 11);
        let expected_tags = [
            "1.1.0", "1.10.0", "1.11.0", "1.12.0", "1.13.0", "1.14.0", "1.15.0", "1.16.0",
            "1.17.0", "1.18.0", "1.19.0",
        ];
        assert_eq!(
            rows_shown(&app, desk),
            expected_tags,
            "shown in version order"
        );
        export(&mut app, desk, "export-csv", &csv_path);
        let asked = files.asked();
        assert_eq!(asked.len(), 1);
        assert_eq!(asked[0].title, desk.text("export-save-dialog-title-csv"));
        assert_eq!(asked[0].file_name, "artifacts-apps-web-releases.csv");

        let bytes = std::fs::read(&csv_path).expect("the CSV file");
        let text = bytes
            .strip_prefix(ccr_desk::export::UTF8_BOM)
            .expect("a UTF-8 BOM first");
        let mut reader = csv::Reader::from_reader(text);
        let headers = reader.headers().expect("a header row").clone();
        // The columns in the screen's order (their titles are checked last).
        let (project_at, repository_at, digest_at, tags_at) = (0, 1, 2, 3);
        let records: Vec<csv::StringRecord> = reader
            .records()
            .collect::<Result<_, _>>()
            .expect("every record parses");
        let csv_digests: Vec<String> = records.iter().map(|r| r[digest_at].to_owned()).collect();
        let window = index_digests(
            &index,
            ArtifactQuery {
                tag_contains: "1.1".to_owned(),
                order: ArtifactOrder::Tag,
                direction: SortDirection::Ascending,
                ..ArtifactQuery::default()
            },
        );
        assert_eq!(csv_digests, window, "the index's window, in its order");
        let csv_tags: Vec<&str> = records.iter().map(|r| &r[tags_at]).collect();
        assert_eq!(csv_tags, expected_tags);
        for record in &records {
            assert_eq!(
                (&record[project_at], &record[repository_at]),
                (PROJECT, REPOSITORY)
            );
        }
        let mut shown = digests_shown(&app, &setup);
        let mut from_file: Vec<String> = csv_digests.iter().map(|d| short(d)).collect();
        shown.sort();
        from_file.sort();
        assert_eq!(shown, from_file, "the rows shown are the rows written");

        export_the_untagged_as_json(&mut app, desk, &setup, &index, &json_path);

        // The CSV's header row: the titles the screen shows, in its language.
        let titles: Vec<String> = [
            "export-column-project",
            "export-column-repository",
            "artifacts-column-digest",
            "artifacts-column-tags",
            "artifacts-column-type",
            "artifacts-column-size",
            "artifacts-column-platforms",
            "artifacts-column-pushed",
            "artifacts-column-pulled",
        ]
        .into_iter()
        .map(|id| desk.text(id))
        .collect();
        assert_eq!(
            headers.iter().collect::<Vec<_>>(),
            titles,
            "the CSV's titles are the shown language's"
        );
    });
}

/// Ctrl+A in the whole repository chooses every artifact the filter matches, not only the
/// rows read around the visible ones, and one confirmation deletes them all.
#[test]
fn ctrl_a_in_the_whole_repository_chooses_every_artifact_the_filter_matches() {
    const NIGHTLY: &str = "apps/web/nightly";
    const UNTAGGED: i64 = 450;
    let setup = Setup::new(Language::English);
    let desk = &setup.desk;
    desk.create_repository(PROJECT, NIGHTLY);
    let mut pushed: Vec<Option<&'static str>> =
        vec![None; usize::try_from(UNTAGGED).expect("a count")];
    pushed.extend([Some("n-1"), Some("n-2"), Some("n-3")]);
    let made = insert_artifacts(setup.store.path(), NIGHTLY, &pushed);
    let (mut app, _index) = setup.app(None);

    open_link(&mut app, PROJECT);
    wait_for(&mut app, "the project's repositories", |h| {
        shows_link(h, NIGHTLY)
    });
    open_link(&mut app, NIGHTLY);
    wait_for(&mut app, "the first live page", |h| shows(h, "n-3"));
    click(&mut app, &desk.text("artifacts-mode-whole"));
    let all = desk.text_n("artifacts-index-count", &[("total", UNTAGGED + 3)]);
    wait_for(&mut app, "the whole repository", |h| shows(h, &all));
    click(&mut app, &desk.text("artifacts-index-untagged-only"));
    let untagged = desk.text_n("artifacts-index-count", &[("total", UNTAGGED)]);
    wait_for(&mut app, "the untagged ones", |h| shows(h, &untagged));

    let header = desk.text("artifacts-column-digest");
    let header_at = |app: &App| app.get_by_label(&header).rect();
    let before = header_at(&app);
    app.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    let chosen = desk.text_n("list-chosen", &[("count", UNTAGGED)]);
    wait_for(&mut app, "every untagged artifact chosen", |h| {
        shows(h, &chosen)
    });
    assert_eq!(
        header_at(&app),
        before,
        "the chosen rows' actions take no line of their own: the table stays where it was"
    );
    click(&mut app, &desk.text("list-delete-chosen"));
    let confirm = desk.text_n("bulk-confirm-delete", &[("count", UNTAGGED)]);
    wait_for(&mut app, "the one confirmation", |h| shows(h, &confirm));
    click(&mut app, &confirm);
    let deleted = desk.text_n("bulk-report-deleted", &[("count", UNTAGGED)]);
    wait_for(&mut app, "the report", |h| shows(h, &deleted));

    let mut left: Vec<String> = desk
        .artifacts(PROJECT, NIGHTLY)
        .into_iter()
        .map(|a| a.digest)
        .collect();
    left.sort();
    let mut tagged: Vec<String> = made
        .iter()
        .filter(|m| m.tag.is_some())
        .map(|m| m.digest.clone())
        .collect();
    tagged.sort();
    assert_eq!(left, tagged, "the tagged artifacts alone are left");
}
