//! The app's languages: which one is shown, and the Fluent messages of each, embedded in the
//! binary (`assets/i18n/{en-US,zh-CN}/ccr_desk.ftl`). Text for people is written with [`tr!`],
//! whose message ids and arguments are checked against the English file at compile time.
//!
//! The shown language belongs to the thread that draws the window: the app sets it at the start
//! of every frame, so two windows (or two UI tests on their threads) can each have their own.
//! Library layers (`api`, `profile`, `sandbox`) never call [`tr!`]: they return typed facts and
//! the UI words them.

use std::cell::Cell;
use std::sync::LazyLock;

use i18n_embed::LanguageLoader;
use i18n_embed::fluent::{FluentLanguageLoader, fluent_language_loader};
use i18n_embed::unic_langid::LanguageIdentifier;
use rust_embed::RustEmbed;

/// The message files, embedded.
#[derive(RustEmbed)]
#[folder = "assets/i18n/"]
struct Messages;

/// A language the app is translated into.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Language {
    /// English (`en-US`), the language the source is written against.
    #[default]
    English,
    /// Simplified Chinese (`zh-CN`).
    SimplifiedChinese,
}

impl Language {
    /// Every language, in the order the picker shows them.
    pub const ALL: [Self; 2] = [Self::English, Self::SimplifiedChinese];

    /// The BCP 47 tag the settings file and `--lang` use.
    pub fn tag(self) -> &'static str {
        match self {
            Self::English => "en-US",
            Self::SimplifiedChinese => "zh-CN",
        }
    }

    /// The language's name in itself, as the picker shows it.
    pub fn native_name(self) -> &'static str {
        match self {
            Self::English => "English",
            Self::SimplifiedChinese => "简体中文",
        }
    }

    /// The language a tag names exactly (`en`, `en-US`, `zh-CN`, `zh-Hans`, case and `_` or `-`
    /// as written by people and by POSIX locales), or `None` for any other tag.
    pub fn from_tag(tag: &str) -> Option<Self> {
        let tag = tag
            .split(['.', '@'])
            .next()
            .unwrap_or_default()
            .replace('_', "-");
        let lower = tag.to_ascii_lowercase();
        if lower == "en" || lower.starts_with("en-") {
            Some(Self::English)
        } else if is_simplified_chinese(&lower) {
            Some(Self::SimplifiedChinese)
        } else {
            None
        }
    }

    /// The language to show for an OS locale: Simplified Chinese for `zh-Hans`, `zh-CN` and
    /// `zh-SG` (and a bare `zh`), English for anything else.
    pub fn for_os_locale(locale: &str) -> Self {
        match Self::from_tag(locale) {
            Some(Self::SimplifiedChinese) => Self::SimplifiedChinese,
            _ => Self::English,
        }
    }

    /// The language of the OS's locale (see [`Self::for_os_locale`]); English when there is none.
    pub fn of_os() -> Self {
        sys_locale::get_locale().map_or(Self::English, |locale| Self::for_os_locale(&locale))
    }
}

/// `zh`, `zh-hans…`, `zh-cn`, `zh-sg` (lower case, `-` separated), not `zh-hant`, `zh-tw`, `zh-hk`.
fn is_simplified_chinese(lower: &str) -> bool {
    let mut parts = lower.split('-');
    if parts.next() != Some("zh") {
        return false;
    }
    let rest: Vec<&str> = parts.collect();
    if rest.contains(&"hant") {
        return false;
    }
    rest.is_empty()
        || rest
            .iter()
            .any(|part| matches!(*part, "hans" | "cn" | "sg"))
}

fn loader_of(language: Language) -> FluentLanguageLoader {
    let loader: FluentLanguageLoader = fluent_language_loader!();
    let mut wanted: Vec<LanguageIdentifier> = Vec::new();
    if let Ok(id) = language.tag().parse() {
        wanted.push(id);
    }
    if let Err(error) = loader.load_languages(&Messages, &wanted) {
        tracing::error!(%error, language = language.tag(), "the messages cannot be loaded");
    }
    // Bidi isolation marks around arguments are drawn as boxes by egui's fonts: left out. Every
    // argument the app passes is left-to-right text in both of its languages.
    loader.set_use_isolating(false);
    loader
}

static ENGLISH: LazyLock<FluentLanguageLoader> = LazyLock::new(|| loader_of(Language::English));
static SIMPLIFIED_CHINESE: LazyLock<FluentLanguageLoader> =
    LazyLock::new(|| loader_of(Language::SimplifiedChinese));

/// The messages of `language` (English where a message is missing in it).
pub fn loader_for(language: Language) -> &'static FluentLanguageLoader {
    match language {
        Language::English => &ENGLISH,
        Language::SimplifiedChinese => &SIMPLIFIED_CHINESE,
    }
}

thread_local! {
    static SHOWN: Cell<Language> = const { Cell::new(Language::English) };
}

/// Makes `language` the one [`tr!`] writes in on this thread.
pub fn set_language(language: Language) {
    SHOWN.with(|shown| shown.set(language));
}

/// The language [`tr!`] writes in on this thread.
pub fn language() -> Language {
    SHOWN.with(Cell::get)
}

/// The messages of this thread's language, for [`tr!`].
pub fn loader() -> &'static FluentLanguageLoader {
    loader_for(language())
}

/// The message ids `language`'s own file defines (not those it falls back to English for), for
/// the tests that compare the languages.
pub fn message_ids(language: Language) -> Vec<String> {
    let loader = loader_for(language);
    let mut ids = loader.with_message_iter(&loader.current_language(), |messages| {
        messages
            .map(|message| message.id.name.to_owned())
            .collect::<Vec<_>>()
    });
    ids.sort();
    ids
}

/// A message in the shown language: `tr!("projects-title")`, `tr!("pager-page", page = 2, pages = 3)`.
/// The id and its arguments are checked against `assets/i18n/en-US/ccr_desk.ftl` at compile time.
#[macro_export]
macro_rules! tr {
    ($id:literal) => {
        i18n_embed_fl::fl!($crate::i18n::loader(), $id)
    };
    ($id:literal, $($args:tt)*) => {
        i18n_embed_fl::fl!($crate::i18n::loader(), $id, $($args)*)
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn os_locales_choose_the_language() {
        for chinese in [
            "zh-CN",
            "zh_CN.UTF-8",
            "zh-Hans",
            "zh-Hans-CN",
            "zh-SG",
            "zh",
            "ZH-cn",
        ] {
            assert_eq!(
                Language::for_os_locale(chinese),
                Language::SimplifiedChinese,
                "{chinese}"
            );
        }
        for other in [
            "en-US",
            "en_GB.UTF-8",
            "de-DE",
            "zh-TW",
            "zh-Hant",
            "zh-Hant-HK",
            "zh-HK",
            "C",
            "",
        ] {
            assert_eq!(Language::for_os_locale(other), Language::English, "{other}");
        }
    }

    #[test]
    fn tags_round_trip() {
        for language in Language::ALL {
            assert_eq!(Language::from_tag(language.tag()), Some(language));
        }
        assert_eq!(Language::from_tag("fr"), None);
    }
}
