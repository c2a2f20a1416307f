//! The main flows in every language the app has, one test body each: what a test clicks, types
//! into and reads is looked up in the shown language's messages (`Desk::text`), and the rules and
//! errors it expects are worded by the app's own `describe` in that language. In Chinese, every
//! checkpoint also looks for English left on screen (an English message of the app, or a
//! sentence of English words that no message and no data explains): the test fails at its end
//! naming each one.

#![allow(clippy::expect_used)] // a test that cannot go on says why, and fails

mod ui_support;

use std::collections::BTreeSet;
use std::path::Path;
use std::sync::LazyLock;

use egui::accesskit::Role;
use egui_kittest::kittest::{NodeT as _, Queryable as _, by};

use ccr_desk::api::{ApiError, NewProject};
use ccr_desk::contract::ValidationError;
use ccr_desk::i18n::{Language, loader_for, set_language};
use ccr_desk::sandbox;
use ccr_desk::ui::describe::Describe as _;
use ui_support::{
    Desk, ScriptedFiles, click, click_first, click_still, field_text, shows, shows_text, type_into,
    wait_for,
};

type App = egui_kittest::Harness<'static, ccr_desk::ui::CcrDeskApp>;

// ---- running a body in every language ----------------------------------------------------------

/// Runs `test` once in every language, each on a first run (the app's own sandbox).
fn in_every_language(test: impl Fn(Desk)) {
    for language in Language::ALL {
        eprintln!("— in {}", language.tag());
        test(Desk::first_run().in_language(language));
    }
}

/// Runs `test` once in every language, each against a sandbox of its own with a saved profile
/// for the administrator (for tests that also talk to the sandbox themselves).
fn in_every_language_with_profile(test: impl Fn(Desk)) {
    for language in Language::ALL {
        eprintln!("— in {}", language.tag());
        let (desk, _profile) = Desk::with_profile(sandbox::DEFAULT_ADMIN_PASSWORD);
        test(desk.in_language(language));
    }
}

/// What `words` makes in `language` (the app's `describe` writes in the thread's language; the
/// app sets it again at the start of each frame).
fn worded_in<T>(language: Language, words: impl FnOnce() -> T) -> T {
    let before = ccr_desk::i18n::language();
    set_language(language);
    let worded = words();
    set_language(before);
    worded
}

/// Message `id` in English, for the checks that it is not what a Chinese desk shows.
fn english(id: &str) -> String {
    loader_for(Language::English).get(id)
}

/// Message `id` in English with text variables.
fn english_s(id: &str, args: &[(&str, &str)]) -> String {
    let args: std::collections::HashMap<&str, &str> = args.iter().copied().collect();
    loader_for(Language::English).get_args(id, args)
}

fn is_chinese(desk: &Desk) -> bool {
    desk.shown_language() == Language::SimplifiedChinese
}

/// Whether `text` holds a CJK ideograph.
fn has_chinese(text: &str) -> bool {
    text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// In a Chinese desk, asserts that `english_text` (what the English desk shows at this place)
/// is not on screen.
fn assert_not_english(app: &App, desk: &Desk, english_text: &str) {
    if is_chinese(desk) {
        assert!(
            !shows_text(app, english_text),
            "the Chinese desk shows the English {english_text:?}"
        );
    }
}

/// Whether the node labelled `label` (the one button or field of that name) is disabled.
fn is_disabled(app: &App, label: &str) -> bool {
    app.get_by_label(label).accesskit_node().is_disabled()
}

/// Waits for the first run's projects: the sandbox's four demo projects.
fn wait_for_projects(app: &mut App) {
    wait_for(app, "the sandbox's projects", |h| {
        shows(h, "library") && shows(h, "playground")
    });
}

/// The status line's "Last change: `what` · ok · " (its time left out).
fn last_change_ok(desk: &Desk, what: &str) -> String {
    let marker = "\u{2063}MS\u{2063}";
    let line = desk.text_s("status-last-change-ok", &[("what", what), ("ms", marker)]);
    line.split(marker).next().unwrap_or_default().to_owned()
}

// ---- English left on a Chinese screen -----------------------------------------------------------

/// Pieces of the app's English messages that the Chinese file does not also hold (placeables
/// and selectors cut out): a label made of one of them is English the app forgot to translate.
static ENGLISH_PIECES: LazyLock<BTreeSet<String>> = LazyLock::new(|| {
    let english_file = include_str!("../assets/i18n/en-US/ccr_desk.ftl");
    let chinese_file = include_str!("../assets/i18n/zh-CN/ccr_desk.ftl");
    let mut pieces = BTreeSet::new();
    for line in english_file.lines() {
        if line.starts_with([' ', '#', '-']) {
            continue;
        }
        let Some((_, value)) = line.split_once(" = ") else {
            continue;
        };
        // Text between placeables: `Page { $page } of …` gives "Page", "of".
        let mut depth = 0_u32;
        let mut piece = String::new();
        for c in value.chars().chain(['{']) {
            match c {
                '{' => {
                    depth += 1;
                    let piece = std::mem::take(&mut piece);
                    let piece = piece.trim();
                    let words = piece
                        .split_whitespace()
                        .filter(|w| w.chars().filter(char::is_ascii_alphabetic).count() >= 3)
                        .count();
                    if words >= 1 && !chinese_file.contains(piece) {
                        pieces.insert(piece.to_owned());
                    }
                }
                '}' => depth = depth.saturating_sub(1),
                _ if depth == 0 => piece.push(c),
                _ => {}
            }
        }
    }
    pieces
});

/// Whether `text` holds three English words in a row (numbers may stand between them), like
/// "Deleted project demo" or "Page 1 of 3, 30 projects".
fn reads_as_english_sentence(text: &str) -> bool {
    let mut words = 0;
    for token in text.split_whitespace() {
        let token = token.trim_matches(|c: char| ",.;:!?…“”()\"'".contains(c));
        let is_word = token.len() >= 2
            && token
                .chars()
                .all(|c| c.is_ascii_alphabetic() || c == '-' || c == '\'')
            && token.chars().any(|c| c.is_ascii_lowercase());
        let is_number = !token.is_empty() && token.chars().all(|c| c.is_ascii_digit());
        if is_word {
            words += 1;
            if words >= 3 {
                return true;
            }
        } else if !is_number {
            words = 0;
        }
    }
    false
}

/// What a flow found wrong without stopping (English on a Chinese desk's screens, a notice
/// that is not shown), gathered at each checkpoint and asserted at the end, so that the rest of
/// the flow still runs and every finding is reported at once.
#[derive(Default)]
struct Findings {
    seen: BTreeSet<String>,
}

impl Findings {
    /// On a Chinese desk, notes every label on screen that reads as English once the `data`
    /// (names and texts that come from the registry or the user) is taken out of it.
    fn scan(&mut self, app: &App, desk: &Desk, screen: &str, data: &[&str]) {
        if !is_chinese(desk) {
            return;
        }
        for node in app.query_all(by()) {
            let node = node.accesskit_node();
            let text = if node.role() == Role::Label {
                node.value()
            } else {
                node.label()
            };
            let Some(text) = text else { continue };
            let mut rest = text.clone();
            for known in data {
                // Data stands for a word of its own: "Deleted project demo" stays three words.
                rest = rest.replace(known, " data ");
            }
            let rest = rest.trim();
            let is_piece = ENGLISH_PIECES.iter().any(|piece| {
                let multi_word = piece.split_whitespace().count() >= 2;
                rest == piece || (multi_word && rest.contains(piece.as_str()))
            });
            if is_piece || reads_as_english_sentence(rest) {
                self.seen.insert(format!("{screen}: {text:?}"));
            }
        }
    }

    /// Notes `text` under `what` was wrong with it.
    fn note(&mut self, what: &str, text: &str) {
        self.seen.insert(format!("{what}: {text:?}"));
    }

    fn assert_none(&self) {
        assert!(
            self.seen.is_empty(),
            "found on the screens (a screen's name: English left on the Chinese desk):\n{}",
            self.seen.iter().cloned().collect::<Vec<_>>().join("\n")
        );
    }
}

/// The seeded projects' names, and other data the first run's screens show.
const SEEDED: &[&str] = &[
    "library",
    "demo",
    "ml-models",
    "playground",
    "Local sandbox",
    "Test registry",
];

// ---- 1. a name the document's rules refuse ------------------------------------------------------

/// Types each of `refused` into the field labelled `label` of the dialog `screen`: the rule `check` says it breaks is
/// shown beside the field in the desk's language (Chinese in Chinese, and not the English
/// rule), and Create stays disabled.
fn check_refused_names(
    app: &mut App,
    desk: &Desk,
    screen: &str,
    label: &str,
    refused: &[&str],
    check: fn(&str) -> Result<(), ValidationError>,
    findings: &mut Findings,
) {
    for &name in refused {
        type_into(app, label, name);
        let invalid = check(name).expect_err("the document's rules refuse the name");
        let rule = worded_in(desk.shown_language(), || invalid.describe());
        assert!(
            shows(app, &rule),
            "{name}: the rule {rule:?} beside the field:\n{:#?}",
            app.root()
        );
        let english_rule = worded_in(Language::English, || invalid.describe());
        if is_chinese(desk) {
            assert!(has_chinese(&rule), "{name}: the rule is Chinese: {rule}");
            assert_ne!(rule, english_rule);
            assert!(!shows(app, &english_rule), "{name}: no English rule");
        } else {
            assert_eq!(rule, english_rule);
        }
        assert!(
            is_disabled(app, &desk.text("common-create")),
            "{name}: the name cannot be sent"
        );
        findings.scan(app, desk, screen, &[name]);
    }
}

#[test]
fn a_refused_project_name_shows_the_rule_in_the_desks_language_and_a_valid_one_creates_it() {
    in_every_language(|desk| {
        let mut findings = Findings::default();
        let mut app = desk.harness();
        wait_for_projects(&mut app);
        findings.scan(&app, &desk, "projects", SEEDED);
        click(&mut app, &desk.text("projects-new"));
        let name_label = desk.text("projects-create-name");
        wait_for(&mut app, "the New project dialog", |h| {
            shows(h, &name_label)
        });
        assert!(shows(&app, &desk.text("projects-create-title")));
        assert_not_english(&app, &desk, &english("projects-create-name"));

        check_refused_names(
            &mut app,
            &desk,
            "New project dialog",
            &name_label,
            &["测试项目", "Team_A", "-team", "team..a"],
            ccr_desk::contract::project_name,
            &mut findings,
        );

        type_into(&mut app, &name_label, "team-alpha");
        assert!(!is_disabled(&app, &desk.text("common-create")));
        click(&mut app, &desk.text("common-create"));
        wait_for(&mut app, "the new project in the list", |h| {
            shows(h, "team-alpha") && !shows(h, &name_label)
        });
        let pager = desk.text_n(
            "pager-position-projects",
            &[("page", 1), ("pages", 1), ("total", 1)],
        );
        wait_for(&mut app, "the list filtered to the new project", |h| {
            shows_text(h, &pager)
        });
        let task = desk.text_s("projects-task-create", &[("name", "team-alpha")]);
        wait_for(&mut app, "the create in the status line", |h| {
            shows_text(h, &last_change_ok(&desk, &task))
        });
        check_notice(
            &app,
            &desk,
            "notice-created-project",
            "team-alpha",
            &mut findings,
        );
        findings.scan(&app, &desk, "projects after a create", &["team-alpha"]);
        findings.assert_none();
    });
}

#[test]
fn a_refused_repository_name_shows_the_rule_in_the_desks_language_and_a_valid_one_creates_it() {
    in_every_language(|desk| {
        let mut findings = Findings::default();
        let mut app = desk.harness();
        wait_for_projects(&mut app);
        click(&mut app, "demo");
        wait_for(&mut app, "demo's repositories", |h| {
            shows(h, "tools/ci-runner")
        });
        click(&mut app, &desk.text("repositories-new"));
        let name_label = desk.text("repositories-create-name");
        wait_for(&mut app, "the New repository dialog", |h| {
            shows(h, &name_label)
        });
        assert!(shows(
            &app,
            &desk.text_s("repositories-create-title", &[("project", "demo")])
        ));
        check_refused_names(
            &mut app,
            &desk,
            "New repository dialog",
            &name_label,
            &["测试/仓库", "Team/Bad", "/team", "team//a"],
            ccr_desk::contract::repository_name,
            &mut findings,
        );

        type_into(&mut app, &name_label, "team/payments/ledger");
        click(&mut app, &desk.text("common-create"));
        wait_for(&mut app, "the new repository's detail", |h| {
            shows(h, "demo/team/payments/ledger") && !shows(h, &name_label)
        });
        check_notice(
            &app,
            &desk,
            "notice-created-repository",
            "demo/team/payments/ledger",
            &mut findings,
        );
        findings.scan(
            &app,
            &desk,
            "repositories after a create",
            &["demo/team/payments/ledger", "team/payments/ledger"],
        );
        findings.assert_none();
    });
}

// ---- 2. delete through the confirmation ---------------------------------------------------------

/// Checks that the notice `id` for `name` is on screen, in the desk's language (it is posted on
/// the frame the change ends, before the list shows the change); notes it when it is not, so
/// that the rest of the flow still runs.
fn check_notice(app: &App, desk: &Desk, id: &str, name: &str, findings: &mut Findings) {
    let notice = desk.text_s(id, &[("name", name)]);
    if !shows_text(app, &notice) {
        findings.note("a notice missing", &notice);
    }
    let english_notice = english_s(id, &[("name", name)]);
    if is_chinese(desk) && shows_text(app, &english_notice) {
        findings.note("the notice in English", &english_notice);
    }
}

/// Deletes the project `playground` through the toolbar's Delete… and the typed name.
fn delete_playground(app: &mut App, desk: &Desk, findings: &mut Findings) {
    // A click on the row (on its storage cell) selects it for the toolbar's Delete….
    click(
        app,
        &desk.text_s("quota-used-unlimited", &[("used", "0 B")]),
    );
    click(app, &desk.text("list-delete"));
    let type_to_confirm = desk.text_s("dialog-delete-type-to-confirm", &[("name", "playground")]);
    wait_for(app, "the confirmation", |h| shows(h, &type_to_confirm));
    assert!(shows(app, &desk.text("projects-delete-title")));
    let will_go = desk.text_s("dialog-delete-will-be-deleted", &[("name", "playground")]);
    assert!(shows(app, &will_go), "the confirmation names it: {will_go}");
    assert!(shows(app, &desk.text("dialog-delete-cannot-undo")));
    assert_not_english(
        app,
        desk,
        &english_s("dialog-delete-will-be-deleted", &[("name", "playground")]),
    );
    let delete = desk.text("common-delete");
    assert!(is_disabled(app, &delete), "Delete waits for the typed name");
    findings.scan(app, desk, "Delete project dialog", &["playground"]);

    type_into(app, &type_to_confirm, "playground");
    assert!(!is_disabled(app, &delete), "the typed name enables Delete");
    click(app, &delete);
    wait_for(app, "playground gone", |h| {
        !shows(h, "playground") && shows(h, "library") && !shows(h, &type_to_confirm)
    });
    let task = desk.text_s("projects-task-delete", &[("name", "playground")]);
    let last_change = last_change_ok(desk, &task);
    wait_for(app, "the delete in the status line", |h| {
        shows_text(h, &last_change)
    });
    let pager = desk.text_n(
        "pager-position-projects",
        &[("page", 1), ("pages", 1), ("total", 3)],
    );
    wait_for(app, "three projects left", |h| shows_text(h, &pager));
    check_notice(app, desk, "notice-deleted-project", "playground", findings);
    findings.scan(app, desk, "projects after a delete", SEEDED);
}

/// Deletes the repository `tools/ci-runner` of `demo` through its detail's Delete….
fn delete_ci_runner(app: &mut App, desk: &Desk, findings: &mut Findings) {
    click(app, "demo");
    wait_for(app, "demo's repositories", |h| {
        shows(h, "team/backend/api") && shows(h, "tools/ci-runner")
    });
    // A click on the row (on its tag count) selects it.
    click(app, "0");
    wait_for(app, "the repository's detail", |h| {
        shows(h, "demo/tools/ci-runner")
    });
    findings.scan(app, desk, "repositories", &["demo/tools/ci-runner"]);
    click(app, &desk.text("list-delete"));
    let title = desk.text("repositories-delete-title");
    wait_for(app, "the confirmation", |h| shows(h, &title));
    let will_go = desk.text_s(
        "dialog-delete-will-be-deleted",
        &[("name", "tools/ci-runner")],
    );
    assert!(shows(app, &will_go), "the confirmation names it: {will_go}");
    assert!(shows(app, &desk.text("repositories-delete-consequence")));
    findings.scan(app, desk, "Delete repository dialog", &["tools/ci-runner"]);
    click(app, &desk.text("common-delete"));
    wait_for(app, "tools/ci-runner gone", |h| {
        !shows(h, "tools/ci-runner") && !shows(h, &title) && shows(h, "team/backend/api")
    });
    let task = desk.text_s(
        "repositories-task-delete",
        &[("project", "demo"), ("name", "tools/ci-runner")],
    );
    let last_change = last_change_ok(desk, &task);
    wait_for(app, "the delete in the status line", |h| {
        shows_text(h, &last_change)
    });
    check_notice(
        app,
        desk,
        "notice-deleted-repository",
        "demo/tools/ci-runner",
        findings,
    );
    findings.scan(app, desk, "repositories after a delete", &["demo"]);
}

#[test]
fn deleting_through_the_confirmation_names_the_item_and_says_it_is_gone() {
    in_every_language(|desk| {
        let mut findings = Findings::default();
        let mut app = desk.harness();
        wait_for_projects(&mut app);
        delete_playground(&mut app, &desk, &mut findings);
        delete_ci_runner(&mut app, &desk, &mut findings);
        findings.assert_none();
    });
}

// ---- 3. a chart download through the save dialog ------------------------------------------------

/// The chart texts of the seeded sandbox the charts screens show.
const CHART_DATA: &[&str] = &[
    "web-app",
    "postgresql",
    "redis",
    "demo/web-app",
    "library",
    "demo",
    "A stateless web application behind a ClusterIP service",
];

#[test]
fn a_chart_downloaded_through_the_save_dialog_is_saved_and_says_so() {
    in_every_language(|desk| {
        let mut findings = Findings::default();
        let folder = tempfile::tempdir().expect("download folder");
        let target = folder.path().join("web-app-1.0.0-rc.1.tgz");
        let files = ScriptedFiles::new([Some(target.clone())]);
        let mut app = desk.harness_with_files(files.clone());
        wait_for_projects(&mut app);
        click(&mut app, &desk.text("nav-helm-charts"));
        wait_for(&mut app, "every project's charts", |h| {
            shows(h, "web-app") && shows(h, "postgresql") && shows(h, "redis")
        });
        let pager = desk.text_n(
            "pager-position-charts",
            &[("page", 1), ("pages", 1), ("total", 3)],
        );
        assert!(shows_text(&app, &pager), "the pager reads {pager:?}");
        assert_not_english(&app, &desk, "Page 1 of 1, 3 charts");

        click_first(&mut app, "web-app");
        wait_for(&mut app, "the chart's detail", |h| shows(h, "demo/web-app"));
        assert!(shows(&app, &desk.text("charts-detail-latest")));
        findings.scan(&app, &desk, "Helm charts", CHART_DATA);

        click(&mut app, &desk.text("charts-detail-download"));
        let title = desk.text("chart-download-title");
        wait_for(&mut app, "the download dialog", |h| shows(h, &title));
        assert_eq!(
            field_text(&app, &desk.text("chart-download-version")).as_deref(),
            Some("1.0.0-rc.1"),
            "the version field starts at the latest version"
        );
        findings.scan(&app, &desk, "Download chart dialog", CHART_DATA);
        click_still(&mut app, &desk.text("chart-download-save-as"));
        let done = desk.text("chart-download-title-done");
        wait_for(&mut app, "the file saved and the finished text", |h| {
            target.exists() && shows(h, &done) && shows(h, "values.yaml")
        });
        assert!(shows(&app, &desk.text("chart-saved-saved-to")));
        assert!(shows(&app, target.display().to_string().as_str()));
        assert_not_english(&app, &desk, &english("chart-download-title-done"));

        let asked = files.asked();
        assert_eq!(asked.len(), 1, "one save dialog");
        assert_eq!(
            asked[0].title,
            desk.text("chart-download-save-dialog-title")
        );
        assert_eq!(asked[0].file_name, "web-app-1.0.0-rc.1.tgz");
        assert!(
            std::fs::metadata(&target).expect("the archive").len() > 0,
            "the archive has content"
        );
        assert_eq!(files_in(folder.path()), ["web-app-1.0.0-rc.1.tgz"]);
        let target_text = target.display().to_string();
        let mut data = CHART_DATA.to_vec();
        data.push(&target_text);
        findings.scan(&app, &desk, "Chart saved dialog", &data);

        click_still(&mut app, &desk.text("common-close"));
        wait_for(&mut app, "the dialog closed", |h| !shows(h, &done));
        findings.assert_none();
    });
}

/// The files in `folder` (temporary `.part` files included), sorted.
fn files_in(folder: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(folder)
        .expect("folder readable")
        .map(|entry| {
            entry
                .expect("entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    names.sort();
    names
}

// ---- 4. the account form's checklist ------------------------------------------------------------

/// The checklist's line for `rule_id`, ticked or crossed.
fn checklist_line(desk: &Desk, rule_id: &str, met: bool) -> String {
    let rule = if rule_id == "account-rule-length" {
        desk.text_n(rule_id, &[("min", 8), ("max", 128)])
    } else {
        desk.text(rule_id)
    };
    format!("{} {rule}", if met { "✔" } else { "✖" })
}

/// Whether `new` (confirmed by `confirm`) meets the rule `rule_id`, as the document says.
fn meets(rule_id: &str, new: &str, confirm: &str) -> bool {
    match rule_id {
        "account-rule-length" => (8..=128).contains(&new.chars().count()),
        "account-rule-upper" => new.chars().any(char::is_uppercase),
        "account-rule-lower" => new.chars().any(char::is_lowercase),
        "account-rule-digit" => new.chars().any(|c| c.is_ascii_digit()),
        _ => new == confirm,
    }
}

const RULES: [&str; 5] = [
    "account-rule-length",
    "account-rule-upper",
    "account-rule-lower",
    "account-rule-digit",
    "account-rule-match",
];

#[test]
fn the_password_checklist_reads_in_the_desks_language() {
    in_every_language_with_profile(|desk| {
        let mut findings = Findings::default();
        let mut app = desk.harness();
        wait_for(&mut app, "the projects", |h| shows(h, "library"));
        click_first(&mut app, &desk.text("nav-account"));
        wait_for(&mut app, "the account screen", |h| {
            shows(h, &desk.text("account-heading"))
        });
        let change = desk.text("account-change");
        let new_password = desk.text("account-new-password");
        let confirm = desk.text("account-confirm-password");
        assert!(is_disabled(&app, &change), "an empty form");
        assert!(shows(&app, &desk.text("account-rules-heading")));
        findings.scan(&app, &desk, "Account", &[sandbox::ADMIN_USER]);

        for (weak, unmet) in [
            ("short", "account-rule-length"),
            ("alllowercase1", "account-rule-upper"),
            ("ALLUPPERCASE1", "account-rule-lower"),
            ("NoDigitsHere", "account-rule-digit"),
        ] {
            type_into(&mut app, &new_password, weak);
            type_into(&mut app, &confirm, weak);
            assert!(!meets(unmet, weak, weak), "{weak} breaks {unmet}");
            for rule in RULES {
                let line = checklist_line(&desk, rule, meets(rule, weak, weak));
                assert!(shows(&app, &line), "{weak}: the checklist shows {line:?}");
            }
            assert!(is_disabled(&app, &change), "{weak}: cannot be sent");
            findings.scan(&app, &desk, "Account with a weak password", &[]);
        }
        if is_chinese(&desk) {
            for rule in RULES {
                let line = loader_for(Language::English).get(rule);
                assert!(
                    !shows_text(&app, &line),
                    "the English {line:?} is not shown"
                );
            }
            assert!(!shows_text(&app, "8 to 128 characters"));
        }

        type_into(&mut app, &new_password, "Strong-Pass-42");
        type_into(&mut app, &confirm, "Strong-Pass-43");
        assert!(shows(
            &app,
            &checklist_line(&desk, "account-rule-match", false)
        ));
        assert!(is_disabled(&app, &change), "a mismatch");
        type_into(&mut app, &confirm, "Strong-Pass-42");
        for rule in RULES {
            let line = checklist_line(&desk, rule, true);
            assert!(shows(&app, &line), "a strong password: {line:?}");
        }
        assert!(!is_disabled(&app, &change), "a valid form can be sent");
        findings.scan(&app, &desk, "Account with a valid password", &[]);
        findings.assert_none();
    });
}

// ---- 5. errors with the server's own message ----------------------------------------------------

/// The error the administrator gets from the sandbox for `request`.
fn sandbox_error<T: std::fmt::Debug>(
    desk: &Desk,
    request: impl std::future::Future<Output = Result<T, ApiError>>,
) -> ApiError {
    desk.runtime
        .block_on(request)
        .expect_err("the sandbox refuses the request")
}

/// Asserts that `shown` (the app's words for a server error) holds the server's own Chinese
/// `server` message labelled as the server's, in the desk's language.
fn assert_labels_the_servers_words(desk: &Desk, shown: &str, server: &str) {
    assert!(has_chinese(server), "the sandbox speaks Chinese: {server}");
    let labelled = if is_chinese(desk) {
        format!("服务器消息：{server}")
    } else {
        format!("server: {server}")
    };
    assert!(shown.contains(&labelled), "{shown:?} holds {labelled:?}");
}

/// "Create" for a name that exists: the dialog shows the advice and the server's words.
fn create_an_existing_project(app: &mut App, desk: &Desk, findings: &mut Findings) {
    let client = desk.admin_client();
    let error = sandbox_error(
        desk,
        client.create_project(&NewProject {
            name: "library".to_owned(),
            is_public: false,
            quota: -1,
        }),
    );
    let server = error
        .server_message()
        .expect("the server's message")
        .to_owned();
    let advice = worded_in(desk.shown_language(), || error.describe());
    assert_eq!(
        advice,
        desk.text_s("error-ccr-already-exists-server", &[("server", &server)]),
        "the sandbox says the project exists"
    );
    assert_labels_the_servers_words(desk, &advice, &server);

    click(app, &desk.text("projects-new"));
    let name_label = desk.text("projects-create-name");
    wait_for(app, "the New project dialog", |h| shows(h, &name_label));
    type_into(app, &name_label, "library");
    click(app, &desk.text("common-create"));
    wait_for(app, "the server's refusal", |h| shows(h, &advice));
    let code = error.code().expect("a CCR code").as_str().to_owned();
    assert!(shows_text(
        app,
        &desk.text_s("widget-error-code", &[("code", &code)])
    ));
    let status = i64::from(error.http_status().expect("a status"));
    assert!(shows_text(
        app,
        &desk.text_n("widget-error-http", &[("status", status)])
    ));
    let request_id = desk.text_s("widget-error-request-id", &[("id", "")]);
    assert!(
        shows_text(app, request_id.trim()),
        "the request id, labelled"
    );
    assert_not_english(app, desk, "Something with that name already exists");
    assert_not_english(app, desk, "request id");
    assert!(shows(app, &name_label), "the dialog stays open");
    findings.scan(
        app,
        desk,
        "New project dialog with an error",
        &[&server, &code],
    );
    click(app, &desk.text("common-cancel"));
    wait_for(app, "the dialog closed", |h| !shows(h, &name_label));
}

/// "Delete" for a project with repositories: the confirmation says to empty it first and
/// quotes the server.
fn delete_a_full_project(app: &mut App, desk: &Desk, findings: &mut Findings) {
    let client = desk.admin_client();
    let error = sandbox_error(desk, client.delete_project("library"));
    let server = error
        .server_message()
        .expect("the server's message")
        .to_owned();
    let problem = desk.text_s("projects-delete-not-empty-server", &[("message", &server)]);
    assert_labels_the_servers_words(desk, &problem, &server);

    app.get_by_label("library").click_secondary();
    let menu = desk.text("projects-menu-delete");
    wait_for(app, "the row's menu", |h| shows(h, &menu));
    click(app, &menu);
    let type_to_confirm = desk.text_s("dialog-delete-type-to-confirm", &[("name", "library")]);
    wait_for(app, "the confirmation", |h| shows(h, &type_to_confirm));
    type_into(app, &type_to_confirm, "library");
    click(app, &desk.text("common-delete"));
    wait_for(app, "the refusal", |h| shows_text(h, &problem));
    assert_not_english(app, desk, "Delete its repositories and charts first");
    findings.scan(
        app,
        desk,
        "Delete project dialog with an error",
        &[&server, "library"],
    );
    click(app, &desk.text("common-cancel"));
    wait_for(app, "the confirmation closed", |h| {
        !shows(h, &type_to_confirm)
    });
}

/// A repository deleted behind the app's back: its detail's error box.
fn open_a_deleted_repository(app: &mut App, desk: &Desk, findings: &mut Findings) {
    click(app, "demo");
    wait_for(app, "demo's repositories", |h| shows(h, "tools/ci-runner"));
    let client = desk.admin_client();
    desk.runtime
        .block_on(client.delete_repository("demo", "tools/ci-runner"))
        .expect("deleted behind the app's back");
    let error = sandbox_error(desk, client.repository("demo", "tools/ci-runner"));
    let server = error
        .server_message()
        .expect("the server's message")
        .to_owned();
    let advice = worded_in(desk.shown_language(), || error.describe());
    assert_labels_the_servers_words(desk, &advice, &server);

    // The list still shows it: a click on its row (its tag count) asks for its detail.
    click(app, "0");
    let title = desk.text("repositories-detail-load-error");
    wait_for(app, "the error box", |h| {
        shows(h, &title) && shows(h, &advice)
    });
    assert!(
        shows(app, &desk.text("common-retry")),
        "the box offers to try again"
    );
    let status = i64::from(error.http_status().expect("a status"));
    assert!(shows_text(
        app,
        &desk.text_n("widget-error-http", &[("status", status)])
    ));
    assert_not_english(app, desk, &english("repositories-detail-load-error"));
    assert_not_english(app, desk, "It does not exist (any more) on the server");
    let code = error.code().expect("a CCR code").as_str().to_owned();
    findings.scan(
        app,
        desk,
        "repository detail error box",
        &[&server, &code, "demo", "tools/ci-runner"],
    );
}

#[test]
fn server_errors_show_the_advice_in_the_desks_language_and_the_servers_own_words() {
    in_every_language_with_profile(|desk| {
        let mut findings = Findings::default();
        let mut app = desk.harness();
        wait_for_projects(&mut app);
        create_an_existing_project(&mut app, &desk, &mut findings);
        delete_a_full_project(&mut app, &desk, &mut findings);
        open_a_deleted_repository(&mut app, &desk, &mut findings);
        findings.assert_none();
    });
}

// ---- 6. the pager -------------------------------------------------------------------------------

#[test]
fn the_pager_reads_in_the_desks_language_on_every_page() {
    in_every_language_with_profile(|desk| {
        let mut findings = Findings::default();
        desk.add_bulk_projects();
        let mut app = desk.harness();
        let position = |page: i64| {
            desk.text_n(
                "pager-position-projects",
                &[("page", page), ("pages", 3), ("total", 30)],
            )
        };
        let first = position(1);
        wait_for(&mut app, "the first page", |h| shows_text(h, &first));
        if is_chinese(&desk) {
            assert_eq!(first, "第 1 页，共 3 页，30 个项目");
        } else {
            assert_eq!(first, "Page 1 of 3, 30 projects");
        }
        assert_not_english(&app, &desk, "Page 1 of 3, 30 projects");
        let names: Vec<String> = (1..=26).map(|n| format!("bulk-{n:02}")).collect();
        let mut data: Vec<&str> = names.iter().map(String::as_str).collect();
        data.extend_from_slice(SEEDED);
        findings.scan(&app, &desk, "projects, page 1", &data);

        click(&mut app, &desk.text("pager-next"));
        let second = position(2);
        wait_for(&mut app, "page 2", |h| {
            shows_text(h, &second) && shows(h, "bulk-20")
        });
        assert_not_english(&app, &desk, "Page 2 of 3, 30 projects");
        click(&mut app, &desk.text("pager-last"));
        let third = position(3);
        wait_for(&mut app, "page 3", |h| {
            shows_text(h, &third) && shows(h, "playground")
        });
        if is_chinese(&desk) {
            assert_eq!(third, "第 3 页，共 3 页，30 个项目");
        }
        assert_not_english(&app, &desk, "Page 3 of 3, 30 projects");
        findings.scan(&app, &desk, "projects, page 3", &data);

        click(&mut app, &desk.text("pager-first"));
        wait_for(&mut app, "page 1 again", |h| shows_text(h, &first));
        findings.assert_none();
    });
}
