//! The app in each of its languages: the main flows run once per language with the same test
//! body (the harness is parametrised by `Desk::in_language`, and what a test clicks or reads is
//! looked up in that language's messages), the language switches live and is kept, and Chinese
//! typed through an input method lands once.

#![allow(clippy::expect_used)] // a test that cannot go on says why, and fails

mod ui_support;

use ccr_desk::i18n::Language;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use ui_support::combo::open_combo_showing;
use ui_support::{Desk, field_text, shows, shows_text, wait_for};

type App = egui_kittest::Harness<'static, ccr_desk::ui::CcrDeskApp>;

/// Runs `test` once in every language the app has.
fn in_every_language(test: impl Fn(Desk)) {
    for language in Language::ALL {
        test(Desk::first_run().in_language(language));
    }
}

/// Waits for the first run's projects: the sandbox's four demo projects.
fn wait_for_projects(app: &mut App) {
    wait_for(app, "the sandbox's projects", |h| {
        shows(h, "library") && shows(h, "ml-models")
    });
}

#[test]
fn the_first_run_reads_in_each_language() {
    in_every_language(|desk| {
        let mut app = desk.harness();
        wait_for_projects(&mut app);
        let pager = desk.text_n(
            "pager-position-projects",
            &[("page", 1), ("pages", 1), ("total", 4)],
        );
        wait_for(&mut app, "the pager", |h| shows_text(h, &pager));
        assert!(
            shows(&app, &desk.text("projects-new")),
            "the New project button"
        );
        assert!(shows(&app, &desk.text("list-filter")), "the filter");
        if desk.shown_language() == Language::SimplifiedChinese {
            assert_eq!(pager, "第 1 页，共 1 页，4 个项目");
        } else {
            assert_eq!(pager, "Page 1 of 1, 4 projects");
        }
    });
}

#[test]
fn switching_the_language_changes_the_texts_at_once_and_is_kept_for_the_next_start() {
    let mut desk = Desk::first_run();
    // As on a real first start: no --lang, the settings have no choice yet.
    desk.language = None;
    let mut app = desk.harness();
    wait_for_projects(&mut app);
    let english = "Page 1 of 1, 4 projects";
    let chinese = "第 1 页，共 1 页，4 个项目";
    let starting = app.state().language();
    let (before, after, target) = if starting == Language::English {
        (english, chinese, Language::SimplifiedChinese)
    } else {
        (chinese, english, Language::English)
    };
    wait_for(&mut app, "the pager in the OS's language", |h| {
        shows_text(h, before)
    });

    open_combo_showing(&mut app, starting.native_name());
    app.get_by_label(target.native_name()).click();
    app.step();
    app.step();
    assert!(
        shows_text(&app, after),
        "the pager reads {after:?} on the next frame"
    );
    assert!(
        !shows_text(&app, before),
        "no text of the old language is left"
    );
    assert_eq!(app.state().language(), target);

    wait_for(&mut app, "the choice saved", |_| {
        desk.saved_settings().language.as_deref() == Some(target.tag())
    });
    drop(app);
    let mut again = desk.harness();
    wait_for_projects(&mut again);
    assert_eq!(
        again.state().language(),
        target,
        "the choice survives a restart"
    );
    wait_for(&mut again, "the pager in the chosen language", |h| {
        shows_text(h, after)
    });
}

#[test]
fn lang_on_the_command_line_wins_over_the_saved_choice_for_that_run_only() {
    let mut desk = Desk::first_run();
    desk.language = None;
    {
        let mut app = desk.harness();
        wait_for_projects(&mut app);
        app.state_mut().choose_language(Language::SimplifiedChinese);
        wait_for(&mut app, "the choice saved", |_| {
            desk.saved_settings().language.as_deref() == Some("zh-CN")
        });
    }
    let desk = desk.in_language(Language::English);
    let mut app = desk.harness();
    wait_for_projects(&mut app);
    wait_for(&mut app, "the English pager", |h| {
        shows_text(h, "Page 1 of 1, 4 projects")
    });
    assert_eq!(
        desk.saved_settings().language.as_deref(),
        Some("zh-CN"),
        "--lang is not kept"
    );
}

/// Chinese typed through an input method: the preedit shows in the field while composing, the
/// committed text lands once, and the list is filtered by it.
#[test]
fn chinese_typed_with_an_input_method_filters_the_list() {
    in_every_language(|desk| {
        let mut app = desk.harness();
        wait_for_projects(&mut app);
        let filter = desk.text("list-filter");
        app.query_all_by_label(&filter)
            .find(|n| n.accesskit_node().role() == egui::accesskit::Role::TextInput)
            .expect("the filter field")
            .focus();
        app.step();
        #[allow(deprecated)] // egui 0.37 no longer needs it; a platform still sends it first
        app.event(egui::Event::Ime(egui::ImeEvent::Enabled));
        app.event(egui::Event::Ime(egui::ImeEvent::Preedit {
            text: "ce'shi".to_owned(),
            active_range_chars: Some(0..6),
        }));
        app.step();
        app.step();
        assert_eq!(
            field_text(&app, &filter).as_deref(),
            Some("ce'shi"),
            "the preedit shows"
        );
        app.event(egui::Event::Ime(egui::ImeEvent::Commit("测试".to_owned())));
        app.step();
        app.step();
        assert_eq!(
            field_text(&app, &filter).as_deref(),
            Some("测试"),
            "committed once"
        );
        let no_match = desk.text_s("list-no-match-projects", &[("filter", "测试")]);
        wait_for(&mut app, "the list filtered by 测试", |h| {
            shows_text(h, &no_match)
        });
        assert!(!shows(&app, "library"), "no project name contains 测试");
    });
}

/// Every button, field and combo box of `screen` lies wholly inside the window and none two of
/// them overlap: nothing is cut off or drawn over another in this language at this size.
fn assert_controls_fit(app: &App, screen: &str, language: Language, width: f32, height: f32) {
    let window = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(width, height));
    assert_controls_fit_in(app, screen, language, window, window);
}

/// Like [`assert_controls_fit`], for the controls that begin in `part` of `window`.
fn assert_controls_fit_in(
    app: &App,
    screen: &str,
    language: Language,
    window: egui::Rect,
    part: egui::Rect,
) {
    use egui::accesskit::Role;
    let (width, height) = (window.width(), window.height());
    let controls: Vec<(String, egui::Rect)> = app
        .query_all(egui_kittest::kittest::by())
        .filter(|node| {
            matches!(
                node.accesskit_node().role(),
                Role::Button
                    | Role::ComboBox
                    | Role::TextInput
                    | Role::CheckBox
                    | Role::RadioButton
            ) && part.contains(node.rect().min)
        })
        .map(|node| {
            let name = node.accesskit_node().label().unwrap_or_default();
            (name, node.rect())
        })
        .collect();
    assert!(
        controls.len() >= 5,
        "{screen}: the screen shows its controls"
    );
    let mut problems = Vec::new();
    for (name, rect) in &controls {
        if !window.expand(0.5).contains_rect(*rect) {
            problems.push(format!("{name:?} at {rect:?} is outside the window"));
        }
    }
    for (i, (a_name, a)) in controls.iter().enumerate() {
        for (b_name, b) in &controls[i + 1..] {
            let overlap = a.intersect(*b);
            if overlap.width() > 1.0 && overlap.height() > 1.0 {
                problems.push(format!("{a_name:?} and {b_name:?} overlap"));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "{screen} in {} at {width}×{height}: {problems:#?}",
        language.tag()
    );
}

/// The screens at 1280×800 and at 1024×700, in both languages: no control cut off or overlapping.
#[test]
fn every_screen_fits_in_both_languages_at_both_sizes() {
    for (width, height) in [(1280.0, 800.0), (1024.0, 700.0)] {
        in_every_language(|desk| {
            let language = desk.shown_language();
            let mut app = desk.harness_sized(width, height);
            wait_for_projects(&mut app);
            assert_controls_fit(&app, "projects", language, width, height);

            ui_support::click(&mut app, "library");
            wait_for(&mut app, "library's repositories", |h| shows(h, "busybox"));
            assert_controls_fit(&app, "repositories", language, width, height);

            ui_support::click(&mut app, "busybox");
            wait_for(&mut app, "busybox's artifacts", |h| shows(h, "INDEX"));
            assert_controls_fit(&app, "artifacts", language, width, height);

            for (entry, screen) in [
                ("nav-helm-charts", "charts"),
                ("nav-account", "account"),
                ("nav-profiles", "profiles"),
            ] {
                ui_support::click(&mut app, &desk.text(entry));
                for _ in 0..20 {
                    app.step();
                }
                assert_controls_fit(&app, screen, language, width, height);
            }
        });
    }
}

/// The smallest window the app allows (800×560), in both languages: every control of the top
/// bar, the language picker and the theme buttons among them, lies in the window, none over
/// another.
#[test]
fn the_top_bar_fits_the_smallest_window_in_both_languages() {
    use egui::accesskit::Role;
    in_every_language(|desk| {
        let language = desk.shown_language();
        let mut app = desk.harness_sized(800.0, 560.0);
        wait_for_projects(&mut app);
        let picker = app
            .query_all(egui_kittest::kittest::by().role(Role::ComboBox))
            .find(|node| node.value().as_deref() == Some(language.native_name()))
            .map(|node| node.rect())
            .expect("the language picker");
        let window = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(800.0, 560.0));
        let top_bar = egui::Rect::from_min_max(
            egui::Pos2::ZERO,
            egui::pos2(f32::INFINITY, picker.bottom() + 1.0),
        );
        assert_controls_fit_in(&app, "the top bar", language, window, top_bar);
    });
}

/// 40 points less than the smallest window: the room a pager has there beside a count as long
/// as "Page 1 of 157, 1562 artifacts", with the first run's busybox (one artifact).
const PAGER_WIDTH: f32 = 760.0;

/// A small window, in both languages: on the pager's line the buttons, the position, the
/// "Page size" label (where it is shown) and the page size picker lie side by side, none drawn
/// over another.
#[test]
fn the_pager_fits_the_smallest_window_in_both_languages() {
    use egui::accesskit::Role;
    in_every_language(|desk| {
        let mut app = desk.harness_sized(PAGER_WIDTH, 560.0);
        wait_for_projects(&mut app);
        ui_support::click(&mut app, "library");
        wait_for(&mut app, "library's repositories", |h| shows(h, "busybox"));
        ui_support::click(&mut app, "busybox");
        wait_for(&mut app, "busybox's artifacts", |h| shows(h, "INDEX"));
        let per_page = desk.text_n("pager-per-page", &[("size", 10)]);
        let picker = app
            .query_all(egui_kittest::kittest::by().role(Role::ComboBox))
            .find(|node| node.value().as_deref() == Some(per_page.as_str()))
            .map(|node| node.rect())
            .expect("the page size picker");
        let parts: Vec<(String, egui::Rect)> = app
            .query_all(egui_kittest::kittest::by())
            .filter(|node| {
                matches!(
                    node.accesskit_node().role(),
                    Role::Label | Role::Button | Role::ComboBox
                ) && (picker.top()..=picker.bottom()).contains(&node.rect().center().y)
            })
            .map(|node| {
                let name = node.accesskit_node().label().or_else(|| node.value());
                (name.unwrap_or_default(), node.rect())
            })
            .collect();
        assert!(parts.len() >= 6, "the pager's line: {parts:?}");
        for (i, (a_name, a)) in parts.iter().enumerate() {
            for (b_name, b) in &parts[i + 1..] {
                let overlap = a.intersect(*b);
                assert!(
                    overlap.width() <= 1.0 || overlap.height() <= 1.0,
                    "{a_name:?} and {b_name:?} overlap in {}",
                    desk.shown_language().tag()
                );
            }
        }
    });
}

/// The top bar's own theme buttons (egui's have English hover texts): each sets the theme.
#[test]
fn the_theme_buttons_switch_the_theme() {
    in_every_language(|desk| {
        let mut app = desk.harness();
        wait_for_projects(&mut app);
        for preference in [
            egui::ThemePreference::Light,
            egui::ThemePreference::Dark,
            egui::ThemePreference::System,
        ] {
            ui_support::click(&mut app, preference.icon());
            app.step();
            assert_eq!(
                app.ctx.options(|o| o.theme_preference),
                preference,
                "after clicking {}",
                preference.icon()
            );
        }
    });
}
