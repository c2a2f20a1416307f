//! The message files: both languages define the same messages, the code uses every one of them,
//! every message formats with its variables in both languages, and the Chinese text keeps the
//! glossary's style rules.

#![allow(clippy::expect_used)] // a test that cannot go on says why, and fails

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use ccr_desk::i18n::{Language, loader_for, message_ids};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn ftl_text(language: Language) -> String {
    let path = root()
        .join("assets/i18n")
        .join(language.tag())
        .join("ccr_desk.ftl");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Each message's id and its text (the lines from `id =` to the next message), from the file.
fn messages(language: Language) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let mut current: Option<(String, String)> = None;
    for line in ftl_text(language).lines() {
        let starts_message =
            line.starts_with(|c: char| c.is_ascii_alphabetic()) && line.contains('=');
        if starts_message {
            if let Some((id, text)) = current.take() {
                out.insert(id, text);
            }
            let (id, rest) = line.split_once('=').expect("an = in the line");
            current = Some((id.trim().to_owned(), rest.to_owned()));
        } else if let Some((_, text)) = current.as_mut()
            && (line.starts_with([' ', '}']))
        {
            text.push('\n');
            text.push_str(line);
        }
    }
    if let Some((id, text)) = current {
        out.insert(id, text);
    }
    out
}

/// The `$variables` a message's text names.
fn variables(text: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let mut rest = text;
    while let Some(at) = rest.find('$') {
        let name: String = rest[at + 1..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
            .collect();
        if !name.is_empty() {
            found.insert(name.clone());
        }
        rest = &rest[at + 1 + name.len()..];
    }
    found
}

fn rust_files(dir: &Path, into: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("a source folder lists") {
        let path = entry.expect("a folder entry").path();
        if path.is_dir() {
            rust_files(&path, into);
        } else if path.extension().is_some_and(|e| e == "rs") {
            into.push(path);
        }
    }
}

/// Every message id the code names in `tr!("…"` (the only way it reads a message).
fn ids_in_code() -> BTreeSet<String> {
    let mut files = Vec::new();
    rust_files(&root().join("src"), &mut files);
    let mut ids = BTreeSet::new();
    for file in files {
        let text = std::fs::read_to_string(&file).expect("source reads");
        // Comments (doc examples) name ids that are not uses.
        let code: String = text
            .lines()
            .filter(|line| !line.trim_start().starts_with("//"))
            .collect::<Vec<_>>()
            .join("\n");
        let mut rest = code.as_str();
        while let Some(at) = rest.find("tr!(") {
            // `tr!(`, not the end of `include_str!(` or another macro's name.
            let own_name = rest[..at]
                .chars()
                .next_back()
                .is_none_or(|c| !(c.is_alphanumeric() || c == '_'));
            rest = &rest[at + 4..];
            if !own_name {
                continue;
            }
            let trimmed = rest.trim_start();
            if let Some(literal) = trimmed.strip_prefix('"')
                && let Some(end) = literal.find('"')
            {
                ids.insert(literal[..end].to_owned());
            }
        }
    }
    ids
}

#[test]
fn both_languages_define_the_same_messages() {
    let english: BTreeSet<String> = message_ids(Language::English).into_iter().collect();
    let chinese: BTreeSet<String> = message_ids(Language::SimplifiedChinese)
        .into_iter()
        .collect();
    assert!(
        english.len() > 30,
        "only {} English messages loaded",
        english.len()
    );
    let only_english: Vec<_> = english.difference(&chinese).collect();
    let only_chinese: Vec<_> = chinese.difference(&english).collect();
    assert!(
        only_english.is_empty(),
        "missing in zh-CN: {only_english:?}"
    );
    assert!(
        only_chinese.is_empty(),
        "missing in en-US: {only_chinese:?}"
    );
    // The file reading here sees what the loader sees.
    assert_eq!(
        messages(Language::English)
            .keys()
            .cloned()
            .collect::<BTreeSet<_>>(),
        english
    );
}

#[test]
fn the_code_uses_every_message_and_names_no_other() {
    let in_code = ids_in_code();
    let in_files: BTreeSet<String> = message_ids(Language::English).into_iter().collect();
    let unused: Vec<_> = in_files.difference(&in_code).collect();
    let unknown: Vec<_> = in_code.difference(&in_files).collect();
    assert!(unused.is_empty(), "messages no code uses: {unused:?}");
    assert!(
        unknown.is_empty(),
        "ids the code names but no file has: {unknown:?}"
    );
}

#[test]
fn every_message_formats_with_its_variables_in_both_languages() {
    let english = messages(Language::English);
    for language in Language::ALL {
        let loader = loader_for(language);
        for (id, text) in messages(language) {
            let wanted = variables(english.get(&id).map_or(&text, |t| t));
            let own = variables(&text);
            assert!(
                own.is_subset(&wanted),
                "{} {id} names variables English does not pass: {:?}",
                language.tag(),
                own.difference(&wanted).collect::<Vec<_>>()
            );
            for value in ["7", "1"] {
                let args: HashMap<String, String> = wanted
                    .iter()
                    .map(|name| (name.clone(), value.to_owned()))
                    .collect();
                let formatted = loader.get_args(&id, args);
                assert!(
                    !formatted.trim().is_empty(),
                    "{} {id} is empty",
                    language.tag()
                );
                assert!(
                    !formatted.contains("{$") && !formatted.contains("{ $"),
                    "{} {id} leaves a variable raw: {formatted}",
                    language.tag()
                );
                assert!(
                    !formatted.contains('\u{2068}'),
                    "{id}: isolation marks are drawn as boxes"
                );
            }
        }
    }
}

#[test]
fn counts_follow_each_languages_plural_rules() {
    let english = loader_for(Language::English);
    let chinese = loader_for(Language::SimplifiedChinese);
    let count = |loader: &i18n_embed::fluent::FluentLanguageLoader, n: u64| {
        loader.get_args(
            "pager-position-projects",
            HashMap::from([("page", 1), ("pages", 3), ("total", n)]),
        )
    };
    assert_eq!(count(english, 1), "Page 1 of 3, 1 project");
    assert_eq!(count(english, 25), "Page 1 of 3, 25 projects");
    assert_eq!(count(chinese, 1), "第 1 页，共 3 页，1 个项目");
    assert_eq!(count(chinese, 25), "第 1 页，共 3 页，25 个项目");
}

/// Chinese text uses full-width punctuation and no space between two Chinese characters.
#[test]
fn chinese_text_keeps_the_glossarys_style() {
    let is_han = |c: char| ('\u{4e00}'..='\u{9fff}').contains(&c);
    for (id, text) in messages(Language::SimplifiedChinese) {
        let chars: Vec<char> = text.chars().collect();
        for (at, pair) in chars.windows(3).enumerate() {
            assert!(
                !(is_han(pair[0]) && pair[1] == ' ' && is_han(pair[2])),
                "{id}: a space between Chinese characters at {at}: {text}"
            );
            assert!(
                !(is_han(pair[0]) && matches!(pair[1], ',' | ':' | ';' | '?' | '!' | '(')),
                "{id}: half-width punctuation after a Chinese character: {text}"
            );
        }
        let trimmed = text.trim_end();
        assert!(
            !(trimmed.ends_with('.') && trimmed.chars().rev().nth(1).is_some_and(is_han)),
            "{id}: ends in a half-width full stop: {text}"
        );
    }
}
