//! The storage screen against a generated registry, in a 1024 × 700 window and in every
//! language: "Index the registry now" walks the registry into the local index; the per-project
//! totals shown (artifacts, tags, untagged, summed sizes) equal what the test adds up from the
//! server's own lists; sorting by size puts the largest project first over the whole list (and
//! the smallest first the other way round); clicking a project shows its repositories with their
//! totals; the bars show the largest repositories, the largest first.

#![allow(clippy::expect_used)] // a test that cannot go on says why, and fails

mod ui_support;

use std::collections::BTreeMap;

use egui::accesskit::Role;
use egui_kittest::kittest::{NodeT as _, Queryable as _, by};

use ccr_desk::api::{CcrClient, PageRequest};
use ccr_desk::i18n::Language;
use ccr_desk::index::storage::{StorageColumn, StorageTableQuery};
use ccr_desk::index::{Index, MAX_WINDOW_ROWS, SortDirection, Window};
use ccr_desk::profile::{CrawlWhen, Profile};
use ccr_desk::sandbox::{self, GenerateConfig, SandboxConfig, Storage};
use ui_support::{Desk, click, click_until, shows, wait_for};

type App = egui_kittest::Harness<'static, ccr_desk::ui::CcrDeskApp>;

const PAGE: u32 = 100;

// ---- what the server holds, added up by the test ---------------------------------------------

/// Totals of a project or a repository, as the server's lists give them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Totals {
    repositories: u64,
    artifacts: u64,
    tags: u64,
    untagged: u64,
    size: u64,
}

/// Every project's and repository's totals.
struct Registry {
    projects: BTreeMap<String, Totals>,
    /// `(project, repository)` → totals.
    repositories: BTreeMap<(String, String), Totals>,
}

/// Lists every project, repository and artifact through the administrator's client and adds
/// them up.
async fn added_up(client: &CcrClient) -> Registry {
    let projects = client
        .list_projects(&PageRequest::everything())
        .await
        .expect("projects")
        .value;
    assert_eq!(projects.total, projects.items.len() as u64);
    let mut registry = Registry {
        projects: BTreeMap::new(),
        repositories: BTreeMap::new(),
    };
    for project in &projects.items {
        let name = &project.project_name;
        let mut repositories = Vec::new();
        for page in 1.. {
            let listed = client
                .list_repositories(name, &PageRequest::new(page, PAGE))
                .await
                .expect("repositories")
                .value;
            let short = listed.items.len() < PAGE as usize;
            repositories.extend(listed.items.into_iter().map(|r| r.repository_name));
            if short {
                break;
            }
        }
        let mut project_totals = Totals {
            repositories: repositories.len() as u64,
            ..Totals::default()
        };
        for repository in repositories {
            let mut totals = Totals::default();
            for page in 1.. {
                let listed = client
                    .list_artifacts(name, &repository, &PageRequest::new(page, PAGE))
                    .await
                    .expect("artifacts")
                    .value;
                let short = listed.items.len() < PAGE as usize;
                for artifact in listed.items {
                    totals.artifacts += 1;
                    totals.tags += artifact.tags.len() as u64;
                    totals.untagged += u64::from(artifact.tags.is_empty());
                    totals.size += u64::try_from(artifact.size.unwrap_or(0)).unwrap_or(0);
                }
                if short {
                    break;
                }
            }
            project_totals.artifacts += totals.artifacts;
            project_totals.tags += totals.tags;
            project_totals.untagged += totals.untagged;
            project_totals.size += totals.size;
            registry
                .repositories
                .insert((name.clone(), repository), totals);
        }
        registry.projects.insert(name.clone(), project_totals);
    }
    registry
}

/// Bytes as the app shows them.
fn bytes(size: u64) -> String {
    format!("{:.2}", bytesize::ByteSize::b(size).display().iec())
}

// ---- reading the tables off the screen ---------------------------------------------------------

/// What a node shows: a label's text, a button's or link's name.
fn text_of(node: &egui_kittest::Node<'_>) -> String {
    let node = node.accesskit_node();
    node.value().or_else(|| node.label()).unwrap_or_default()
}

/// The header buttons of the table above `row_y` named `headers`, by their left edge (an arrow
/// follows the one sorted by).
fn header_edges(app: &App, headers: &[String], row_y: f32) -> Vec<(String, f32)> {
    let mut edges = Vec::new();
    for header in headers {
        let sorted = [format!("{header} ⏶"), format!("{header} ⏷")];
        let best = app
            .query_all(by().role(Role::Button))
            .filter(|node| {
                let text = text_of(node);
                (text == *header || sorted.contains(&text)) && node.rect().center().y < row_y
            })
            .map(|node| node.rect())
            .max_by(|a, b| a.center().y.total_cmp(&b.center().y));
        let Some(rect) = best else {
            panic!("no header {header:?} above {row_y}:\n{:#?}", app.root());
        };
        edges.push((header.clone(), rect.min.x));
    }
    edges
}

/// The cells of the row whose name node (of `role`) reads `name`, under the headers
/// `headers`: header → text. `None` while no such row is on screen.
fn row_cells(
    app: &App,
    role: Role,
    name: &str,
    headers: &[String],
) -> Option<BTreeMap<String, String>> {
    let name_rect = app
        .query_all(by().role(role))
        .find(|node| text_of(node) == name)?
        .rect();
    let y = name_rect.center().y;
    let edges = header_edges(app, headers, y);
    let mut cells = BTreeMap::new();
    for (n, (header, left)) in edges.iter().enumerate() {
        let right = edges.get(n + 1).map_or(f32::INFINITY, |(_, x)| *x);
        let cell = app
            .query_all(by().role(Role::Label))
            .find(|node| {
                let rect = node.rect();
                (rect.center().y - y).abs() < name_rect.height() / 2.0
                    && rect.center().x > *left
                    && rect.center().x < right
            })
            .map(|node| text_of(&node));
        cells.insert(header.clone(), cell.unwrap_or_default());
    }
    Some(cells)
}

/// The totals a row must show, by header.
fn expected_cells(desk: &Desk, totals: Totals, repositories: bool) -> BTreeMap<String, String> {
    let mut cells = BTreeMap::from([
        (
            desk.text("storage-column-artifacts"),
            totals.artifacts.to_string(),
        ),
        (desk.text("storage-column-tags"), totals.tags.to_string()),
        (
            desk.text("storage-column-untagged"),
            totals.untagged.to_string(),
        ),
        (desk.text("storage-column-size"), bytes(totals.size)),
    ]);
    if repositories {
        cells.insert(
            desk.text("storage-column-repositories"),
            totals.repositories.to_string(),
        );
    }
    cells
}

/// Every column's header of the projects table (`projects`) or of a repositories table, in
/// order, the name's first.
fn all_headers(desk: &Desk, projects: bool) -> Vec<String> {
    let ids: &[&str] = if projects {
        &[
            "storage-column-project",
            "storage-column-repositories",
            "storage-column-artifacts",
            "storage-column-tags",
            "storage-column-untagged",
            "storage-column-size",
            "storage-column-storage-used",
            "storage-column-quota",
            "storage-column-complete",
        ]
    } else {
        &[
            "storage-column-repository",
            "storage-column-artifacts",
            "storage-column-tags",
            "storage-column-server-tags",
            "storage-column-untagged",
            "storage-column-size",
            "storage-column-complete",
        ]
    };
    ids.iter().map(|id| desk.text(id)).collect()
}

/// The cells of a row that `expected` names.
fn compared_cells(
    mut cells: BTreeMap<String, String>,
    expected: &BTreeMap<String, String>,
) -> BTreeMap<String, String> {
    cells.retain(|header, _| expected.contains_key(header));
    cells
}

/// The projects whose rows are on screen, top to bottom.
fn project_rows(app: &App, registry: &Registry) -> Vec<String> {
    let mut rows: Vec<(f32, String)> = app
        .query_all(by().role(Role::Button))
        .filter_map(|node| {
            let text = text_of(&node);
            registry
                .projects
                .contains_key(&text)
                .then(|| (node.rect().center().y, text))
        })
        .collect();
    rows.sort_by(|a, b| a.0.total_cmp(&b.0));
    rows.into_iter().map(|(_, name)| name).collect()
}

/// Every project row on screen whose cells differ from the registry's totals, with what it
/// shows; and how many rows were compared.
fn project_mismatches(app: &App, desk: &Desk, registry: &Registry) -> (Vec<String>, usize) {
    let headers = all_headers(desk, true);
    let shown = project_rows(app, registry);
    let mut wrong = Vec::new();
    for project in &shown {
        let cells = row_cells(app, Role::Button, project, &headers).unwrap_or_default();
        let expected = expected_cells(desk, registry.projects[project], true);
        let cells = compared_cells(cells, &expected);
        if cells != expected {
            wrong.push(format!(
                "{project}: shows {cells:?}, the server adds up to {expected:?}"
            ));
        }
    }
    (wrong, shown.len())
}

// ---- the index's storage tables -------------------------------------------------------------

/// Every row of a storage table ordered by `column` in `direction`, read whole and in windows of
/// five rows; asserts that the windows join up into the whole.
fn read_whole<T: PartialEq + std::fmt::Debug>(
    column: StorageColumn,
    direction: SortDirection,
    read: impl Fn(&StorageTableQuery) -> Window<T>,
) -> Vec<T> {
    let query = |offset, limit| StorageTableQuery {
        column,
        direction,
        offset,
        limit,
    };
    let whole = read(&query(0, MAX_WINDOW_ROWS));
    assert_eq!(whole.total, whole.rows.len() as u64, "{column:?}");
    let mut joined = Vec::new();
    let mut offset = 0;
    while offset < whole.total {
        let window = read(&query(offset, 5));
        assert_eq!(window.offset, offset);
        assert_eq!(window.total, whole.total);
        joined.extend(window.rows);
        offset += 5;
    }
    assert_eq!(
        joined, whole.rows,
        "{column:?} {direction:?}: the windows join up"
    );
    whole.rows
}

/// Asserts that `rows` (sort key, name) are in `direction`'s order, rows without a key last,
/// ties by name in the same direction.
fn assert_ordered(rows: &[(Option<i64>, String)], column: StorageColumn, direction: SortDirection) {
    for pair in rows.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        let ordered = match (a.0, b.0) {
            (None, Some(_)) => false,
            (Some(_), None) => true,
            _ => match direction {
                SortDirection::Ascending => a <= b,
                SortDirection::Descending => a >= b,
            },
        };
        assert!(ordered, "{column:?} {direction:?}: {a:?} before {b:?}");
    }
}

const BOTH_WAYS: [SortDirection; 2] = [SortDirection::Ascending, SortDirection::Descending];

/// The projects' storage table: the totals of every project equal the server's, and every
/// column orders the whole list both ways.
fn check_project_orders(index: &Index, registry: &Registry) {
    let columns = [
        StorageColumn::Name,
        StorageColumn::Repositories,
        StorageColumn::Artifacts,
        StorageColumn::Tags,
        StorageColumn::Untagged,
        StorageColumn::Size,
        StorageColumn::StorageUsed,
        StorageColumn::Quota,
        StorageColumn::ServerTags,
        StorageColumn::Complete,
    ];
    for column in columns {
        for direction in BOTH_WAYS {
            let rows = read_whole(column, direction, |query| {
                index.storage_by_project(query).expect("project storage")
            });
            assert_eq!(rows.len(), registry.projects.len());
            for row in &rows {
                let expected = registry.projects[&row.project];
                let shown = Totals {
                    repositories: row.repositories,
                    artifacts: row.totals.artifacts,
                    tags: row.totals.tags,
                    untagged: row.totals.untagged_artifacts,
                    size: row.totals.size_bytes,
                };
                assert_eq!(shown, expected, "{}", row.project);
                assert!(
                    row.complete,
                    "{} is complete after a whole walk",
                    row.project
                );
            }
            let keys: Vec<(Option<i64>, String)> = rows
                .iter()
                .map(|row| {
                    let count = |n: u64| Some(i64::try_from(n).expect("a count"));
                    let key = match column {
                        StorageColumn::Name => Some(0),
                        StorageColumn::Repositories => count(row.repositories),
                        StorageColumn::Artifacts => count(row.totals.artifacts),
                        StorageColumn::Tags | StorageColumn::ServerTags => count(row.totals.tags),
                        StorageColumn::Untagged => count(row.totals.untagged_artifacts),
                        StorageColumn::Size => count(row.totals.size_bytes),
                        StorageColumn::StorageUsed => row.storage_used_mib,
                        StorageColumn::Quota => {
                            row.quota_bytes.map(|q| if q < 0 { i64::MAX } else { q })
                        }
                        StorageColumn::Complete => Some(i64::from(row.complete)),
                    };
                    (key, row.project.clone())
                })
                .collect();
            assert_ordered(&keys, column, direction);
        }
    }
}

/// `project`'s repositories' storage table: every repository's totals equal the server's, and
/// every column of the table orders the whole list both ways.
fn check_repository_orders(index: &Index, registry: &Registry, project: &str) {
    let columns = [
        StorageColumn::Name,
        StorageColumn::Artifacts,
        StorageColumn::Tags,
        StorageColumn::ServerTags,
        StorageColumn::Untagged,
        StorageColumn::Size,
        StorageColumn::Complete,
    ];
    let held = registry
        .repositories
        .keys()
        .filter(|(p, _)| p == project)
        .count();
    for column in columns {
        for direction in BOTH_WAYS {
            let rows = read_whole(column, direction, |query| {
                index
                    .storage_by_repository(project, query)
                    .expect("repository storage")
            });
            assert_eq!(rows.len(), held);
            for row in &rows {
                let expected = registry.repositories[&(project.to_owned(), row.repository.clone())];
                assert_eq!(
                    row.totals.artifacts, expected.artifacts,
                    "{}",
                    row.repository
                );
                assert_eq!(row.totals.tags, expected.tags, "{}", row.repository);
                assert_eq!(
                    row.totals.untagged_artifacts, expected.untagged,
                    "{}",
                    row.repository
                );
                assert_eq!(row.totals.size_bytes, expected.size, "{}", row.repository);
            }
            let keys: Vec<(Option<i64>, String)> = rows
                .iter()
                .map(|row| {
                    let count = |n: u64| Some(i64::try_from(n).expect("a count"));
                    let key = match column {
                        StorageColumn::Artifacts => count(row.totals.artifacts),
                        StorageColumn::Tags => count(row.totals.tags),
                        StorageColumn::ServerTags => row.server_tag_count,
                        StorageColumn::Untagged => count(row.totals.untagged_artifacts),
                        StorageColumn::Size => count(row.totals.size_bytes),
                        StorageColumn::Complete => Some(i64::from(row.complete)),
                        _ => Some(0),
                    };
                    (key, row.repository.clone())
                })
                .collect();
            assert_ordered(&keys, column, direction);
        }
    }
}

// ---- the flow ----------------------------------------------------------------------------------

/// A generated registry served by the test's sandbox, a profile for it, and the app in
/// `language` at 1024 × 700.
fn generated(language: Language) -> (Desk, Profile, tempfile::TempDir) {
    let data = tempfile::tempdir().expect("sandbox data dir");
    let config = GenerateConfig {
        projects: 24,
        repositories: 60,
        artifacts: 360,
        charts: 3,
        seed: 20_240_312,
        largest: None,
    };
    sandbox::generate(data.path(), &config).expect("the registry is generated");
    let sandbox_config = SandboxConfig {
        storage: Storage::Data(data.path().to_path_buf()),
        ..SandboxConfig::ephemeral_loopback()
    };
    let (desk, profile) = Desk::with_profile_on(sandbox_config, sandbox::DEFAULT_ADMIN_PASSWORD);
    (desk.in_language(language), profile, data)
}

fn storage_screen_body(language: Language) {
    let (desk, profile, _data) = generated(language);
    let registry = desk.runtime.block_on(added_up(&desk.admin_client()));
    assert!(
        registry.projects.len() >= 10,
        "a list longer than the table's rows"
    );

    let mut app = desk.harness_sized(1024.0, 700.0);
    let first = registry.projects.keys().next().expect("a project").clone();
    wait_for(&mut app, "the projects screen", |h| shows(h, &first));

    click(&mut app, &desk.text("nav-storage"));
    let crawl = desk.text("storage-crawl-now");
    wait_for(&mut app, "the storage screen", |h| shows(h, &crawl));

    // Index the whole registry (the panel moves beside the bars once the storage table has
    // projects: a click that missed is made again).
    let finished = desk.text("storage-last-finished");
    click_until(&mut app, &crawl, &finished);

    // The index's storage tables, sorted by every column over the whole list.
    let index_file = desk
        .config_dir
        .path()
        .join("index")
        .join(format!("{}.sqlite", profile.id.as_str()));
    let index = Index::open(index_file).expect("the app's index opens");
    check_project_orders(&index, &registry);

    projects_add_up(&mut app, &desk, &registry);
    let project = sorting_by_size(&mut app, &desk, &registry);
    repositories_of(&mut app, &desk, &registry, &project);
    check_repository_orders(&index, &registry, &project);
    bars_of_the_largest(&app, &desk, &registry);
    settings_and_clearing(&mut app, &desk, &project);
}

/// Every project row on screen adds up as the server's lists do.
fn projects_add_up(app: &mut App, desk: &Desk, registry: &Registry) {
    wait_for(app, "the totals of the indexed registry", |h| {
        let (wrong, compared) = project_mismatches(h, desk, registry);
        wrong.is_empty() && compared >= 3
    });
    let (wrong, compared) = project_mismatches(app, desk, registry);
    assert!(wrong.is_empty(), "{wrong:#?}");
    assert!(
        compared < registry.projects.len(),
        "the table shows a window of the list ({compared} of {} rows)",
        registry.projects.len()
    );
    assert!(
        !shows(app, &desk.text("storage-partial")),
        "every project is complete after a whole walk"
    );
}

/// The projects by summed size, ties by name the same way round.
fn by_size(registry: &Registry, descending: bool) -> Vec<String> {
    let mut projects: Vec<(&String, &Totals)> = registry.projects.iter().collect();
    projects.sort_by(|a, b| (a.1.size, a.0).cmp(&(b.1.size, b.0)));
    if descending {
        projects.reverse();
    }
    projects.into_iter().map(|(name, _)| name.clone()).collect()
}

/// Sorting by size puts the largest project first, over the whole list, and the smallest first
/// the other way round. Returns the largest project.
fn sorting_by_size(app: &mut App, desk: &Desk, registry: &Registry) -> String {
    click(app, &desk.text("storage-column-size"));
    let largest_first = by_size(registry, true);
    wait_for(app, "the largest project first", |h| {
        project_rows(h, registry).first() == largest_first.first()
    });
    let shown = project_rows(app, registry);
    assert_eq!(
        shown,
        largest_first[..shown.len()],
        "the rows in size order"
    );
    assert!(shows(
        app,
        &desk.text_s(
            "storage-sort-hint",
            &[("column", "size"), ("order", "descending")]
        )
    ));
    let (wrong, _) = project_mismatches(app, desk, registry);
    assert!(wrong.is_empty(), "{wrong:#?}");

    // The other way round, the smallest comes first.
    click(app, &format!("{} ⏷", desk.text("storage-column-size")));
    let smallest_first = by_size(registry, false);
    wait_for(app, "the smallest project first", |h| {
        project_rows(h, registry).first() == smallest_first.first()
    });
    click(app, &format!("{} ⏶", desk.text("storage-column-size")));
    wait_for(app, "the largest project first again", |h| {
        project_rows(h, registry).first() == largest_first.first()
    });
    largest_first[0].clone()
}

/// Clicking `project` shows its repositories with their totals.
fn repositories_of(app: &mut App, desk: &Desk, registry: &Registry, project: &str) {
    click(app, project);
    let heading = desk.text_s("storage-repositories-heading", &[("project", project)]);
    let repositories: Vec<(&String, &Totals)> = registry
        .repositories
        .iter()
        .filter(|((p, _), _)| p == project)
        .map(|((_, r), totals)| (r, totals))
        .collect();
    assert!(
        !repositories.is_empty(),
        "the largest project has repositories"
    );
    let headers = all_headers(desk, false);
    let repository_mismatches = |h: &App| {
        let mut wrong = Vec::new();
        let mut shown = 0;
        for (repository, totals) in &repositories {
            let Some(cells) = row_cells(h, Role::Link, repository, &headers) else {
                continue;
            };
            shown += 1;
            let expected = expected_cells(desk, **totals, false);
            let cells = compared_cells(cells, &expected);
            if cells != expected {
                wrong.push(format!(
                    "{repository}: shows {cells:?}, expected {expected:?}"
                ));
            }
        }
        (wrong, shown)
    };
    wait_for(app, "the project's repositories", |h| {
        let (wrong, shown) = repository_mismatches(h);
        shows(h, &heading) && wrong.is_empty() && shown >= repositories.len().min(3)
    });
}

/// The bars: the ten largest repositories of the registry, the largest first, all in the
/// window.
fn bars_of_the_largest(app: &App, desk: &Desk, registry: &Registry) {
    let mut largest: Vec<(&(String, String), &Totals)> = registry
        .repositories
        .iter()
        .filter(|(_, totals)| totals.size > 0)
        .collect();
    largest.sort_by(|a, b| b.1.size.cmp(&a.1.size).then_with(|| a.0.cmp(b.0)));
    largest.truncate(10);
    let bar_labels: Vec<String> = largest
        .iter()
        .map(|((project, repository), totals)| {
            desk.text_s(
                "storage-bar-label",
                &[
                    ("repository", &format!("{project}/{repository}")),
                    ("size", &bytes(totals.size)),
                ],
            )
        })
        .collect();
    let ys: Vec<Option<f32>> = bar_labels
        .iter()
        .map(|label| app.query_by_label(label).map(|node| node.rect().center().y))
        .collect();
    assert!(
        ys.iter().all(Option::is_some),
        "every bar is shown: {bar_labels:#?}\n{:#?}",
        app.root()
    );
    let ys: Vec<f32> = ys.into_iter().flatten().collect();
    assert!(
        ys.windows(2).all(|pair| pair[0] < pair[1]),
        "the bars go from the largest down: {bar_labels:#?} at {ys:?}"
    );
    let window = app.ctx.content_rect();
    assert!(
        ys.iter().all(|y| window.y_range().contains(*y)),
        "the bars fit in the window: {ys:?} in {window:?}"
    );
}

/// The settings are kept as they are changed; clearing forgets the local copy after a
/// confirmation, and nothing is indexed any more.
fn settings_and_clearing(app: &mut App, desk: &Desk, project: &str) {
    click(app, &desk.text("storage-settings"));
    click(app, &desk.text("storage-settings-when-asked"));
    click(app, &desk.text("storage-settings-repeat"));
    wait_for(app, "the settings saved", |_| {
        let saved = desk.saved_settings().index;
        saved.crawl == CrawlWhen::WhenAsked && saved.every_minutes == Some(60)
    });

    click(app, &desk.text("storage-clear"));
    let title = desk.text("storage-clear-title");
    wait_for(app, "the confirmation", |h| shows(h, &title));
    click(app, &desk.text("common-delete"));
    let never = desk.text("storage-never-indexed");
    wait_for(app, "the index cleared", |h| {
        shows(h, &never) && !app_shows_button(h, project)
    });
}

/// Whether a button (a project's row) reads `name`.
fn app_shows_button(app: &App, name: &str) -> bool {
    app.query_all(by().role(Role::Button))
        .any(|node| text_of(&node) == name)
}

#[test]
fn the_storage_screen_adds_up_sorts_and_charts_the_indexed_registry() {
    for language in Language::ALL {
        eprintln!("— in {}", language.tag());
        storage_screen_body(language);
    }
}
