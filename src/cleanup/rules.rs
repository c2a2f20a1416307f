//! The rules a cleanup plan combines, saved by name, and the tag patterns they match with.

use serde::{Deserialize, Serialize};

/// One day in milliseconds.
pub const DAY_MS: i64 = 24 * 60 * 60 * 1000;

/// The rules of a cleanup, every one optional (see [`crate::cleanup`] for how they combine).
/// Serialisable, so that a rule set can be saved by name ([`SavedRules`]).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(default)]
pub struct Rules {
    /// Selection: the artifact has no tag.
    pub untagged: bool,
    /// Selection: it was pushed more than this many days before the plan's time.
    pub pushed_more_than_days: Option<u32>,
    /// Selection: it was last pulled more than this many days before the plan's time; an
    /// artifact never pulled counts from its push time.
    pub not_pulled_for_days: Option<u32>,
    /// Keep: in each repository, the newest this many artifacts by push time are kept whatever
    /// the selection rules say.
    pub keep_newest: Option<u32>,
    /// Selection: one of its tags matches this pattern (`*` any run of characters, `?` one
    /// character, everything else itself, case-sensitive, the whole tag).
    pub tag_matches: Option<String>,
    /// Selection: none of its tags matches this pattern (an untagged artifact has none that
    /// does).
    pub tag_does_not_match: Option<String>,
}

/// A rule set saved under a name, to be run again later.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct SavedRules {
    /// The name the user gave it.
    pub name: String,
    /// The rules.
    pub rules: Rules,
}

/// A rule, without its parameter: what chose an artifact, or which rule is wrong. The UI words
/// them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum RuleKind {
    /// [`Rules::untagged`].
    Untagged,
    /// [`Rules::pushed_more_than_days`].
    PushedMoreThanDays,
    /// [`Rules::not_pulled_for_days`].
    NotPulledForDays,
    /// [`Rules::tag_matches`].
    TagMatches,
    /// [`Rules::tag_does_not_match`].
    TagDoesNotMatch,
    /// [`Rules::keep_newest`]: the artifact is not among its repository's newest.
    OutsideNewest,
}

/// Why a rule set cannot make a plan.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RulesError {
    /// No rule is enabled: the plan would choose everything in scope.
    #[error("no rule is enabled")]
    NoRule,
    /// A pattern is empty (or only spaces); it would match no tag.
    #[error("the pattern of {0:?} is empty")]
    EmptyPattern(RuleKind),
}

impl Rules {
    /// The enabled selection rules, in [`RuleKind`] order ([`RuleKind::OutsideNewest`] is not
    /// a selection rule and is not among them).
    pub fn selection_kinds(&self) -> Vec<RuleKind> {
        let mut kinds = Vec::new();
        if self.untagged {
            kinds.push(RuleKind::Untagged);
        }
        if self.pushed_more_than_days.is_some() {
            kinds.push(RuleKind::PushedMoreThanDays);
        }
        if self.not_pulled_for_days.is_some() {
            kinds.push(RuleKind::NotPulledForDays);
        }
        if self.tag_matches.is_some() {
            kinds.push(RuleKind::TagMatches);
        }
        if self.tag_does_not_match.is_some() {
            kinds.push(RuleKind::TagDoesNotMatch);
        }
        kinds
    }

    /// Checks that the rules can make a plan: at least one rule enabled, no empty pattern.
    pub fn check(&self) -> Result<(), RulesError> {
        if self.selection_kinds().is_empty() && self.keep_newest.is_none() {
            return Err(RulesError::NoRule);
        }
        for (pattern, kind) in [
            (&self.tag_matches, RuleKind::TagMatches),
            (&self.tag_does_not_match, RuleKind::TagDoesNotMatch),
        ] {
            if pattern.as_deref().is_some_and(|p| p.trim().is_empty()) {
                return Err(RulesError::EmptyPattern(kind));
            }
        }
        Ok(())
    }
}

/// A tag pattern: `*` matches any run of characters (none included), `?` exactly one
/// character, every other character itself; case-sensitive, and the whole tag must match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TagPattern {
    chars: Vec<char>,
}

impl TagPattern {
    /// The pattern `pattern` (leading and trailing spaces are not part of it).
    pub fn new(pattern: &str) -> Self {
        Self {
            chars: pattern.trim().chars().collect(),
        }
    }

    /// Whether `tag` matches the pattern.
    pub fn matches(&self, tag: &str) -> bool {
        let text: Vec<char> = tag.chars().collect();
        glob(&self.chars, &text)
    }

    /// Whether any of `tags` matches.
    pub fn matches_any<S: AsRef<str>>(&self, tags: &[S]) -> bool {
        tags.iter().any(|tag| self.matches(tag.as_ref()))
    }
}

/// Greedy glob with backtracking to the last `*`: linear in practice, O(pattern × text) at
/// worst.
fn glob(pattern: &[char], text: &[char]) -> bool {
    let (mut p, mut t) = (0, 0);
    // The last `*` seen and the text position it is currently made to end at.
    let mut star: Option<(usize, usize)> = None;
    while t < text.len() {
        match pattern.get(p) {
            Some('*') => {
                star = Some((p, t));
                p += 1;
            }
            Some(c) if *c == '?' || Some(c) == text.get(t) => {
                p += 1;
                t += 1;
            }
            _ => match star {
                Some((star_p, star_t)) => {
                    p = star_p + 1;
                    t = star_t + 1;
                    star = Some((star_p, star_t + 1));
                }
                None => return false,
            },
        }
    }
    pattern
        .get(p..)
        .is_some_and(|rest| rest.iter().all(|c| *c == '*'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_match_whole_tags() {
        let m = |p: &str, t: &str| TagPattern::new(p).matches(t);
        assert!(m("v1.*", "v1.2.3"));
        assert!(!m("v1.*", "xv1.2"));
        assert!(m("*", ""));
        assert!(m("*", "latest"));
        assert!(m("main-*", "main-3f2a9c1"));
        assert!(!m("main-*", "develop-3f2a9c1"));
        assert!(m("pr-???", "pr-482"));
        assert!(!m("pr-???", "pr-48"));
        assert!(!m("pr-???", "pr-4821"));
        assert!(m("*rc*", "1.2.0-rc.1"));
        assert!(m("a*b*c", "aXXbYYbc"));
        assert!(!m("a*b*c", "aXXbYYbd"));
        assert!(m("**x", "x"));
        assert!(!m("Latest", "latest"), "case-sensitive");
        assert!(m("2024.0?.*", "2024.03.12-2"));
        assert!(m("版本*", "版本一"));
        assert!(!m("", "x"));
    }

    #[test]
    fn a_rule_set_needs_a_rule_and_no_empty_pattern() {
        assert_eq!(Rules::default().check(), Err(RulesError::NoRule));
        let keep = Rules {
            keep_newest: Some(3),
            ..Rules::default()
        };
        assert_eq!(keep.check(), Ok(()));
        let empty = Rules {
            tag_does_not_match: Some("  ".to_owned()),
            ..Rules::default()
        };
        assert_eq!(
            empty.check(),
            Err(RulesError::EmptyPattern(RuleKind::TagDoesNotMatch))
        );
    }

    #[test]
    fn saved_rules_round_trip_through_json_and_miss_nothing() {
        let saved = SavedRules {
            name: "nightly".to_owned(),
            rules: Rules {
                untagged: true,
                pushed_more_than_days: Some(30),
                not_pulled_for_days: Some(90),
                keep_newest: Some(5),
                tag_matches: Some("pr-*".to_owned()),
                tag_does_not_match: Some("v*".to_owned()),
            },
        };
        let json = serde_json::to_string(&saved).unwrap();
        assert_eq!(serde_json::from_str::<SavedRules>(&json).unwrap(), saved);
        let partial: Rules = serde_json::from_str(r#"{"untagged":true}"#).unwrap();
        assert!(partial.untagged && partial.keep_newest.is_none());
    }
}
