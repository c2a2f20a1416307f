//! Search everywhere (the top bar's field, Ctrl+K) against a sandbox over loopback, once the
//! app's crawl has indexed it: a tag opens the whole repository filtered by it with its artifact
//! selected, a digest prefix (with or without `sha256:`) opens its artifact, part of a
//! multi-level repository path opens the repository, a project its repositories, a chart the
//! project's charts filtered to it; the keyboard moves in the results and Escape closes them;
//! a text nothing matches says so.

#![allow(clippy::expect_used)] // a test that cannot go on says why, and fails

mod ui_support;

use ccr_desk::i18n::Language;
use ccr_desk::profile::Profile;
use ccr_desk::sandbox;
use egui::accesskit::{Role, Toggled};
use egui_kittest::kittest::{NodeT as _, Queryable as _, by};
use ui_support::{Desk, click, crawled_index, field_text, shows, wait_for};

type App = egui_kittest::Harness<'static, ccr_desk::ui::CcrDeskApp>;

/// The demo's multi-level repository (tags v1.4.0; v1.4.1 and stable; one untagged image).
const PROJECT: &str = "demo";
const REPOSITORY: &str = "team/backend/api";

/// Runs `test` once in each language the app has.
fn in_every_language(test: impl Fn(Language)) {
    for language in Language::ALL {
        eprintln!("— in {}", language.tag());
        test(language);
    }
}

/// A sandbox with its demo data and a saved profile for it, the app connected to it and its
/// crawl on connect finished, so the index holds the whole registry.
fn indexed_app(language: Language) -> (Desk, Profile, App) {
    let (desk, profile) = Desk::with_profile(sandbox::DEFAULT_ADMIN_PASSWORD);
    let desk = desk.in_language(language).crawling_automatically();
    let mut app = desk.harness();
    wait_for(&mut app, "the projects", |h| shows(h, "library"));
    crawled_index(&mut app, &desk, &profile);
    (desk, profile, app)
}

/// The digest of the demo repository's artifact tagged `tag`, as the server lists it.
fn digest_tagged(desk: &Desk, tag: &str) -> String {
    desk.artifacts(PROJECT, REPOSITORY)
        .into_iter()
        .find(|a| a.tags.iter().any(|t| t.name == tag))
        .unwrap_or_else(|| panic!("an artifact tagged {tag}"))
        .digest
}

/// The search field: the one text field whose placeholder is the search hint (kept while it
/// holds text, though only an empty field reports it as its placeholder).
fn search_field<'a>(app: &'a App, desk: &Desk) -> egui_kittest::Node<'a> {
    let hint = desk.text("search-field-hint");
    let mut fields = app.query_all(by().predicate(move |node| {
        node.role() == Role::TextInput && node.data().placeholder() == Some(hint.as_str())
    }));
    let field = fields
        .next()
        .unwrap_or_else(|| panic!("no search field:\n{:#?}", app.root()));
    assert!(fields.next().is_none(), "one search field");
    field
}

/// Clicks into the search field and replaces its text with `text`.
fn search_for(app: &mut App, desk: &Desk, text: &str) {
    search_field(app, desk).focus();
    app.step();
    app.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    app.step();
    search_field(app, desk).type_text(text);
    app.step();
}

/// The result row labelled `text` (a row can be toggled: highlighted or not), if shown.
fn hit<'a>(app: &'a App, text: &'a str) -> Option<egui_kittest::Node<'a>> {
    app.query_all_by_label(text)
        .find(|node| node.accesskit_node().toggled().is_some())
}

/// Whether the result row labelled `text` is shown and highlighted.
fn highlighted(app: &App, text: &str) -> bool {
    hit(app, text).is_some_and(|node| node.accesskit_node().toggled() == Some(Toggled::True))
}

/// Whether some toggle labelled `label` (a mode, a tab) is on.
fn is_on(app: &App, label: &str) -> bool {
    app.query_all_by_label(label)
        .any(|node| node.accesskit_node().toggled() == Some(Toggled::True))
}

/// Whether `link` is shown as a link (a breadcrumb's part, a list's name).
fn shows_link(app: &App, link: &str) -> bool {
    app.query_all_by_label(link)
        .any(|node| node.accesskit_node().role() == Role::Link)
}

/// The hit row of tag `tag`.
fn tag_hit(desk: &Desk, tag: &str) -> String {
    desk.text_s("search-hit-tag", &[("tag", tag)])
}

/// Waits for the artifacts screen of the demo repository in "Whole repository" mode, showing
/// the one artifact `digest` selected (its full digest in the detail pane).
fn wait_for_whole_repository_with(app: &mut App, desk: &Desk, digest: &str) {
    let whole = desk.text("artifacts-mode-whole");
    let one = desk.text_n("artifacts-index-count", &[("total", 1)]);
    wait_for(app, "the artifact in the whole repository", |h| {
        is_on(h, &whole) && shows(h, &one) && shows(h, digest)
    });
    // The path: Projects › demo › team/backend/api.
    assert!(shows_link(app, PROJECT), "the breadcrumb links the project");
    assert!(
        shows(app, REPOSITORY),
        "the breadcrumb names the repository"
    );
    assert!(
        !is_on(app, &desk.text("artifacts-mode-pages")),
        "not page by page"
    );
}

#[test]
fn a_tag_opens_the_whole_repository_with_its_artifact_selected() {
    in_every_language(|language| {
        let (desk, _profile, mut app) = indexed_app(language);
        let digest = digest_tagged(&desk, "v1.4.1");
        assert!(!shows(&app, &digest), "nothing is selected yet");

        search_for(&mut app, &desk, "v1.4.1");
        let row = tag_hit(&desk, "v1.4.1");
        let place = format!("{PROJECT}/{REPOSITORY}");
        wait_for(&mut app, "the tag found", |h| {
            hit(h, &row).is_some() && shows(h, &place)
        });
        assert!(
            hit(&app, &tag_hit(&desk, "v1.4.0")).is_none(),
            "only the tag searched for"
        );
        assert!(
            shows(&app, &desk.text("search-group-tags")),
            "the hit is in the tags group"
        );

        hit(&app, &row).expect("the hit").click();
        app.step();
        wait_for_whole_repository_with(&mut app, &desk, &digest);
        assert_eq!(
            field_text(&app, &desk.text("artifacts-index-tag-filter")).as_deref(),
            Some("v1.4.1"),
            "filtered by the tag"
        );
        assert!(hit(&app, &row).is_none(), "the results closed");
        // Both of its tags in the detail pane.
        assert!(shows(&app, "stable"), "the artifact's other tag");
    });
}

#[test]
fn a_digest_prefix_finds_the_artifact_and_enter_opens_it() {
    let (desk, _profile, mut app) = indexed_app(Language::English);
    let digest = digest_tagged(&desk, "v1.4.0");
    let hex = digest.strip_prefix("sha256:").expect("a sha256 digest");
    let short: String = digest.chars().take(19).collect();
    let only = desk.text_s("artifacts-index-digest-filter", &[("digest", &short)]);

    for text in [hex[..8].to_owned(), format!("sha256:{}", &hex[..8])] {
        eprintln!("— searching {text}");
        search_for(&mut app, &desk, &text);
        wait_for(&mut app, "the digest found", |h| {
            hit(h, &short).is_some() && shows(h, &format!("{PROJECT}/{REPOSITORY}"))
        });
        assert!(
            shows(&app, &desk.text("search-group-digests")),
            "in the digests group"
        );
        assert!(
            highlighted(&app, &short),
            "the only hit is highlighted for Enter"
        );

        app.key_press(egui::Key::Enter);
        app.step();
        wait_for_whole_repository_with(&mut app, &desk, &digest);
        assert!(shows(&app, &only), "filtered to the digest");
        assert!(hit(&app, &short).is_none(), "the results closed");
        assert_eq!(
            field_text(&app, &desk.text("artifacts-index-tag-filter")).as_deref(),
            Some(""),
            "no tag filter"
        );

        // Back to the projects for the next search.
        app.query_all_by_label(&desk.text("nav-projects"))
            .next()
            .expect("the navigation's Projects")
            .click();
        wait_for(&mut app, "the projects again", |h| shows_link(h, "library"));
    }
}

#[test]
fn part_of_a_multi_level_path_opens_the_repository() {
    let (desk, _profile, mut app) = indexed_app(Language::English);
    search_for(&mut app, &desk, "backend/api");
    wait_for(&mut app, "the repository found", |h| {
        hit(h, REPOSITORY).is_some()
    });
    assert!(
        hit(&app, "team/frontend/web").is_none(),
        "only the repository whose path holds the text"
    );
    hit(&app, REPOSITORY).expect("the hit").click();
    app.step();
    wait_for(&mut app, "the repository's artifacts, page by page", |h| {
        is_on(h, &desk.text("artifacts-mode-pages"))
            && shows(h, "v1.4.1")
            && shows(h, "v1.4.0")
            && shows(h, "stable")
    });
    assert!(
        shows_link(&app, PROJECT),
        "the breadcrumb links the project"
    );
    assert!(
        shows(&app, REPOSITORY),
        "the breadcrumb names the repository"
    );
    assert!(hit(&app, REPOSITORY).is_none(), "the results closed");

    // The full path finds it too.
    search_for(&mut app, &desk, "demo/team/backend");
    wait_for(&mut app, "the repository found by its full path", |h| {
        hit(h, REPOSITORY).is_some()
    });
}

#[test]
fn a_project_opens_its_repositories_and_a_chart_its_projects_charts() {
    in_every_language(|language| {
        let (desk, _profile, mut app) = indexed_app(language);

        search_for(&mut app, &desk, "ml-models");
        wait_for(&mut app, "the project found", |h| {
            hit(h, "ml-models").is_some()
        });
        hit(&app, "ml-models").expect("the hit").click();
        app.step();
        wait_for(&mut app, "ml-models' repositories", |h| {
            shows_link(h, "inference/server") && is_on(h, &desk.text("breadcrumb-tab-repositories"))
        });
        assert!(
            !shows_link(&app, "library"),
            "the projects list is gone: {:#?}",
            app.root()
        );

        search_for(&mut app, &desk, "postgres");
        let chart = "postgresql 12.2.7";
        wait_for(&mut app, "the chart found", |h| hit(h, chart).is_some());
        assert!(
            hit(&app, "postgres").is_some(),
            "library/postgres, a repository, is found too"
        );
        hit(&app, chart).expect("the hit").click();
        app.step();
        let filter = desk.text("list-filter");
        wait_for(&mut app, "library's charts, filtered to it", |h| {
            is_on(h, &desk.text("breadcrumb-tab-charts"))
                && shows(h, "postgresql")
                && field_text(h, &filter).as_deref() == Some("postgresql")
        });
        assert!(shows(&app, "library"), "library's charts");
        assert!(!shows(&app, "redis"), "only the chart found");
        assert!(hit(&app, chart).is_none(), "the results closed");
    });
}

#[test]
fn the_keyboard_opens_moves_in_and_closes_the_results() {
    let (desk, _profile, mut app) = indexed_app(Language::English);
    assert!(!search_field(&app, &desk).is_focused());

    // Ctrl+K, then typing without a click.
    app.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::K);
    app.step();
    wait_for(&mut app, "the search field focused", |h| {
        search_field(h, &desk).is_focused()
    });
    app.event(egui::Event::Text("v1.4".to_owned()));
    app.step();
    // Tags of one repository: the highest version first.
    let (first, second) = (tag_hit(&desk, "v1.4.1"), tag_hit(&desk, "v1.4.0"));
    wait_for(&mut app, "two tags found", |h| {
        hit(h, &first).is_some() && hit(h, &second).is_some()
    });
    assert_eq!(
        search_field(&app, &desk).value().as_deref(),
        Some("v1.4"),
        "typed into the search field"
    );
    let top = |h: &App, text: &str| hit(h, text).expect("the hit").rect().top();
    assert!(
        top(&app, &first) < top(&app, &second),
        "v1.4.1 above v1.4.0"
    );
    assert!(highlighted(&app, &first) && !highlighted(&app, &second));

    // The arrows move the highlight, and stop at the ends.
    app.key_press(egui::Key::ArrowDown);
    app.step();
    assert!(!highlighted(&app, &first) && highlighted(&app, &second));
    app.key_press(egui::Key::ArrowDown);
    app.step();
    assert!(highlighted(&app, &second), "the last hit stays highlighted");
    app.key_press(egui::Key::ArrowUp);
    app.step();
    assert!(highlighted(&app, &first) && !highlighted(&app, &second));
    assert!(
        search_field(&app, &desk).is_focused(),
        "the arrows leave the field focused"
    );

    // Escape closes the results.
    app.key_press(egui::Key::Escape);
    app.step();
    wait_for(&mut app, "the results closed", |h| {
        hit(h, &first).is_none() && hit(h, &second).is_none()
    });
    assert!(!search_field(&app, &desk).is_focused(), "the field let go");
    assert_eq!(
        search_field(&app, &desk).value().as_deref(),
        Some("v1.4"),
        "the text stays"
    );

    // Ctrl+K again: the results are back; ArrowDown and Enter open the second.
    app.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::K);
    app.step();
    wait_for(&mut app, "the results again", |h| {
        hit(h, &first).is_some() && search_field(h, &desk).is_focused()
    });
    app.key_press(egui::Key::ArrowDown);
    app.step();
    assert!(highlighted(&app, &second));
    app.key_press(egui::Key::Enter);
    app.step();
    let digest = digest_tagged(&desk, "v1.4.0");
    wait_for_whole_repository_with(&mut app, &desk, &digest);
    assert_eq!(
        field_text(&app, &desk.text("artifacts-index-tag-filter")).as_deref(),
        Some("v1.4.0"),
        "the highlighted hit was opened"
    );
}

/// Escape in the search field is the search's: it closes the results and leaves the screen
/// below them as it was (outside a field, Escape goes up a level).
#[test]
fn escape_in_the_search_field_stays_on_the_screen() {
    let (desk, _profile, mut app) = indexed_app(Language::English);
    app.query_all_by_label("library")
        .find(|node| node.accesskit_node().role() == Role::Link)
        .expect("library's link")
        .click();
    app.step();
    wait_for(&mut app, "library's repositories", |h| {
        shows_link(h, "nginx")
    });
    search_for(&mut app, &desk, "v1.4.1");
    let row = tag_hit(&desk, "v1.4.1");
    wait_for(&mut app, "the tag found", |h| hit(h, &row).is_some());

    app.key_press(egui::Key::Escape);
    app.step();
    wait_for(&mut app, "the results closed", |h| hit(h, &row).is_none());
    for _ in 0..5 {
        app.step();
    }
    assert!(
        shows_link(&app, "nginx") && shows(&app, "library"),
        "still library's repositories: Escape in the search did not go up a level:\n{:#?}",
        app.root()
    );
}

#[test]
fn a_text_nothing_matches_says_so() {
    in_every_language(|language| {
        let (desk, _profile, mut app) = indexed_app(language);
        let text = "no-such-thing-anywhere";
        search_for(&mut app, &desk, text);
        let nothing = desk.text_s("search-no-results", &[("text", text)]);
        wait_for(&mut app, "the no-results line", |h| shows(h, &nothing));
        assert!(
            !shows(&app, &desk.text("search-group-tags")),
            "no group of hits"
        );

        // A text that matches again replaces the line with hits.
        search_for(&mut app, &desk, "nginx");
        wait_for(&mut app, "nginx found", |h| {
            hit(h, "nginx").is_some() && !shows(h, &nothing)
        });
    });
}

/// Search results chosen with Ctrl+click are deleted together, after one confirmation, and the
/// search reads the index again.
#[test]
fn search_results_chosen_with_ctrl_click_are_deleted_together() {
    let (desk, profile) = Desk::with_profile(sandbox::DEFAULT_ADMIN_PASSWORD);
    desk.create_projects(&["extra-a", "extra-b"]);
    let desk = desk.crawling_automatically();
    let mut app = desk.harness();
    wait_for(&mut app, "the projects", |h| shows(h, "extra-a"));
    crawled_index(&mut app, &desk, &profile);

    search_for(&mut app, &desk, "extra");
    wait_for(&mut app, "both projects found", |h| {
        hit(h, "extra-a").is_some() && hit(h, "extra-b").is_some()
    });
    hit(&app, "extra-a")
        .expect("a hit")
        .click_modifiers(egui::Modifiers::COMMAND);
    app.step();
    hit(&app, "extra-b")
        .expect("a hit")
        .click_modifiers(egui::Modifiers::COMMAND);
    app.step();
    wait_for(&mut app, "two chosen", |h| shows(h, "2 selected"));
    click(&mut app, "Delete selected…");
    wait_for(&mut app, "the confirmation", |h| {
        shows(h, "Delete 2 items?")
    });
    click(&mut app, "Delete 2 items");
    wait_for(&mut app, "the report", |h| shows(h, "Bulk delete finished"));
    assert!(shows(&app, "2 deleted"), "{:#?}", app.root());
    let left = desk.project_names();
    assert!(!left.iter().any(|n| n.starts_with("extra-")), "{left:?}");
}
