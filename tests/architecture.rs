//! The design's dependency rules, checked on the source tree (README, "Architecture"):
//! - only `ui` (and `tasks`, the bridge that wakes the UI) names egui or eframe;
//! - nothing under `src/ui/` touches the disk, the network or the keyring itself;
//! - a screen never imports another screen: the registry in `ui/screens/mod.rs` composes them;
//! - `sandbox` and `api` both take the document's rules from `contract`, not from each other.

#![allow(clippy::expect_used)] // a test that cannot go on says why, and fails

use std::path::{Path, PathBuf};

/// Every `.rs` file under `dir`, sorted.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut folders = vec![dir.to_path_buf()];
    while let Some(folder) = folders.pop() {
        let entries = std::fs::read_dir(&folder)
            .unwrap_or_else(|e| panic!("cannot list {}: {e}", folder.display()));
        for entry in entries {
            let path = entry.expect("a folder entry").path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// The file's code with comments removed, so a doc comment that names a crate is no use of it.
fn code_of(path: &Path) -> String {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    text.lines()
        .map(|line| match line.find("//") {
            Some(at) => &line[..at],
            None => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Whether `code` names `name` as a path (`name::` or `use name`), not as part of a longer word.
fn names(code: &str, name: &str) -> bool {
    code.match_indices(name).any(|(at, _)| {
        let before = code[..at].chars().next_back();
        let after = &code[at + name.len()..];
        let starts_word = before.is_none_or(|c| !(c.is_alphanumeric() || c == '_'));
        starts_word && (after.starts_with("::") || after.starts_with(';'))
    })
}

/// `(file, forbidden name)` for every file under `dir` that names one of `forbidden`.
fn violations(dir: &Path, forbidden: &[&str]) -> Vec<String> {
    let mut found = Vec::new();
    for file in rust_files(dir) {
        let code = code_of(&file);
        for name in forbidden {
            if names(&code, name) {
                found.push(format!("{} names {name}", shown(&file)));
            }
        }
    }
    found
}

/// Every `.rs` file under `src/` outside the top-level entries named in `skip` (folders or
/// files).
fn rust_files_outside(skip: &[&str]) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(src()).expect("src lists") {
        let path = entry.expect("an entry").path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        if skip.contains(&name) {
            continue;
        }
        if path.is_dir() {
            files.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
    files
}

/// `file`'s path under `src/`, as the failures name it.
fn shown(file: &Path) -> String {
    file.strip_prefix(src())
        .unwrap_or(file)
        .display()
        .to_string()
}

#[test]
fn only_the_ui_and_the_bridge_name_egui_or_eframe() {
    let mut found = Vec::new();
    // `ui` draws; `tasks` is the bridge that wakes the UI when a result is ready; `main`
    // opens the window.
    for file in rust_files_outside(&["ui", "tasks.rs", "main.rs", "lib.rs"]) {
        let code = code_of(&file);
        for crate_name in ["egui", "eframe", "egui_extras"] {
            if names(&code, crate_name) {
                found.push(format!("{} names {crate_name}", shown(&file)));
            }
        }
    }
    assert!(found.is_empty(), "non-UI code names the UI: {found:#?}");
}

#[test]
fn the_ui_never_touches_the_disk_the_network_or_the_keyring() {
    let found = violations(
        &src().join("ui"),
        &[
            "std::fs",
            "tokio::fs",
            "keyring_core",
            "reqwest",
            "directories",
        ],
    );
    assert!(found.is_empty(), "the UI does I/O itself: {found:#?}");
}

#[test]
fn no_screen_imports_another_screen() {
    let screens_dir = src().join("ui").join("screens");
    let mut screens = Vec::new();
    for entry in std::fs::read_dir(&screens_dir).expect("screens list") {
        let path = entry.expect("an entry").path();
        let stem = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default();
        if stem != "mod" {
            screens.push((stem.to_owned(), path));
        }
    }
    assert!(
        screens.len() >= 6,
        "the screens folder holds the screens: {screens:?}"
    );
    let mut found = Vec::new();
    for (_, path) in &screens {
        let files = if path.is_dir() {
            rust_files(path)
        } else {
            vec![path.clone()]
        };
        for file in files {
            // A test module's `use super::*` is its own file.
            let code = code_of(&file).replace("use super::*;", "");
            // `super` of a screen's own file is the registry; of a file inside a screen's
            // folder, that screen.
            let inside_folder = path.is_dir() && file.file_name().is_some_and(|n| n != "mod.rs");
            let registry = if inside_folder {
                "super::super"
            } else {
                "super"
            };
            if names(&code, "screens") || names(&code, registry) {
                found.push(format!("{} reaches past its own screen", file.display()));
            }
        }
    }
    assert!(found.is_empty(), "screens import each other: {found:#?}");
}

#[test]
fn client_and_sandbox_take_the_documents_rules_from_the_contract() {
    let found = violations(
        &src().join("sandbox"),
        &["crate::api::validate", "api::validate"],
    );
    assert!(
        found.is_empty(),
        "the sandbox depends on the client: {found:#?}"
    );
    assert!(
        !src().join("api").join("validate.rs").exists(),
        "the document's rules live in src/contract.rs"
    );
    let contract = code_of(&src().join("contract.rs"));
    assert!(
        !names(&contract, "crate::api") && !names(&contract, "crate::sandbox"),
        "the contract depends on neither side"
    );
}

#[test]
fn the_rule_checker_sees_paths_and_not_words() {
    assert!(names("use egui::Ui;", "egui"));
    assert!(names("let x = std::fs::read(p);", "std::fs"));
    assert!(names("use directories;", "directories"));
    assert!(!names("use egui_extras::Column;", "egui"));
    assert!(!names("let eguiish = 1;", "egui"));
    assert!(names("use super::projects::X;", "super"));
    assert!(names("use super::super::charts::X;", "super::super"));
    assert!(!names("use super::ChartRef;", "super::super"));
    assert!(!names("use superb::X;", "super"));
}

/// The library layers hold no sentences for people: only the UI (and the session it drives on
/// the UI thread) writes messages in the shown language.
#[test]
fn only_the_ui_and_the_session_write_messages_for_people() {
    let mut found = Vec::new();
    for file in rust_files_outside(&["ui", "session", "i18n.rs", "main.rs", "lib.rs"]) {
        let code = code_of(&file);
        let calls_tr = code.match_indices("tr!(").any(|(at, _)| {
            code[..at]
                .chars()
                .next_back()
                .is_none_or(|c| !(c.is_alphanumeric() || c == '_'))
        });
        if calls_tr {
            found.push(shown(&file));
        }
    }
    assert!(found.is_empty(), "library code writes messages: {found:#?}");
}
