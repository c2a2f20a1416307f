//! The line diff of one changed text file: the unified diff as text, and the same hunks as
//! structured lines for drawing.

use std::time::Duration;

use similar::{ChangeTag, DiffOp, TextDiff};

/// Lines of unchanged context around each change, as `diff -u` shows.
pub const CONTEXT_LINES: usize = 3;

/// How long the diff algorithm may search for the smallest diff before it settles for a larger
/// (still correct) one.
const DIFF_TIMEOUT: Duration = Duration::from_secs(2);

/// The changes of a text file between the two versions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextChanges {
    /// The unified diff (`--- a/PATH`, `+++ b/PATH`, `@@ … @@` hunks), as `diff -u` writes it.
    pub unified: String,
    /// The same hunks, line by line.
    pub hunks: Vec<Hunk>,
    /// Lines only the new version has.
    pub lines_added: usize,
    /// Lines only the old version has.
    pub lines_removed: usize,
}

/// A run of changed lines with up to [`CONTEXT_LINES`] of context on each side.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hunk {
    /// The first old line the hunk covers, from 1 (the line before it when it covers none).
    pub old_start: usize,
    /// How many old lines it covers.
    pub old_lines: usize,
    /// The first new line the hunk covers, from 1 (the line before it when it covers none).
    pub new_start: usize,
    /// How many new lines it covers.
    pub new_lines: usize,
    /// Its lines, in order.
    pub lines: Vec<DiffLine>,
}

impl Hunk {
    /// The hunk's header as a unified diff writes it: `@@ -3,7 +3,8 @@`.
    pub fn header(&self) -> String {
        let range = |start: usize, lines: usize| {
            if lines == 1 {
                start.to_string()
            } else {
                format!("{start},{lines}")
            }
        };
        format!(
            "@@ -{} +{} @@",
            range(self.old_start, self.old_lines),
            range(self.new_start, self.new_lines)
        )
    }
}

/// One line of a hunk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiffLine {
    /// Whether the line is in both versions, only the new one or only the old one.
    pub kind: LineKind,
    /// Its number in the old version, from 1 (none for an added line).
    pub old_number: Option<usize>,
    /// Its number in the new version, from 1 (none for a removed line).
    pub new_number: Option<usize>,
    /// The line's text without its line ending.
    pub text: String,
    /// True for a last line that has no line ending.
    pub missing_newline: bool,
}

/// What a line of a hunk is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    /// In both versions.
    Context,
    /// Only in the new version.
    Added,
    /// Only in the old version.
    Removed,
}

/// The line diff of `old` and `new`, named `path` in the unified header (`a/PATH`, `b/PATH`).
pub(super) fn diff_text(path: &str, old: &str, new: &str) -> TextChanges {
    let diff = TextDiff::configure()
        .timeout(DIFF_TIMEOUT)
        .diff_lines(old, new);
    let unified = diff
        .unified_diff()
        .context_radius(CONTEXT_LINES)
        .header(&format!("a/{path}"), &format!("b/{path}"))
        .to_string();
    let mut changes = TextChanges {
        unified,
        hunks: Vec::new(),
        lines_added: 0,
        lines_removed: 0,
    };
    for group in diff.grouped_ops(CONTEXT_LINES) {
        let (Some(first), Some(last)) = (group.first(), group.last()) else {
            continue;
        };
        let mut hunk = hunk_frame(first, last);
        for op in &group {
            for change in diff.iter_changes(op) {
                let kind = match change.tag() {
                    ChangeTag::Equal => LineKind::Context,
                    ChangeTag::Insert => {
                        changes.lines_added += 1;
                        LineKind::Added
                    }
                    ChangeTag::Delete => {
                        changes.lines_removed += 1;
                        LineKind::Removed
                    }
                };
                let value = change.value();
                let text = value.strip_suffix('\n').unwrap_or(value);
                let text = text.strip_suffix('\r').unwrap_or(text);
                hunk.lines.push(DiffLine {
                    kind,
                    old_number: change.old_index().map(|i| i + 1),
                    new_number: change.new_index().map(|i| i + 1),
                    text: text.to_owned(),
                    missing_newline: change.missing_newline(),
                });
            }
        }
        changes.hunks.push(hunk);
    }
    changes
}

/// A hunk's ranges, from its first and last operation, numbered as a unified diff numbers them.
fn hunk_frame(first: &DiffOp, last: &DiffOp) -> Hunk {
    let (old, new) = (first.old_range().start, first.new_range().start);
    let old_lines = last.old_range().end - old;
    let new_lines = last.new_range().end - new;
    // An empty range starts at the line before it.
    let start = |at: usize, lines: usize| if lines == 0 { at } else { at + 1 };
    Hunk {
        old_start: start(old, old_lines),
        old_lines,
        new_start: start(new, new_lines),
        new_lines,
        lines: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hunks_match_the_unified_text() {
        let mut old = String::new();
        for n in 1..=20 {
            old.push_str("line ");
            old.push_str(&n.to_string());
            old.push('\n');
        }
        let new = old
            .replace("line 5\n", "line five\n")
            .replace("line 18\n", "");
        let changes = diff_text("values.yaml", &old, &new);
        assert_eq!(changes.lines_added, 1);
        assert_eq!(changes.lines_removed, 2);
        assert_eq!(changes.hunks.len(), 2);
        let headers: Vec<String> = changes.hunks.iter().map(Hunk::header).collect();
        for header in &headers {
            assert!(changes.unified.contains(header.as_str()), "{header}");
        }
        assert_eq!(headers[0], "@@ -2,7 +2,7 @@");
        assert!(
            changes
                .unified
                .starts_with("--- a/values.yaml\n+++ b/values.yaml\n")
        );
        let first = &changes.hunks[0];
        let removed = first
            .lines
            .iter()
            .find(|l| l.kind == LineKind::Removed)
            .unwrap();
        assert_eq!(
            (
                removed.old_number,
                removed.new_number,
                removed.text.as_str()
            ),
            (Some(5), None, "line 5")
        );
        let added = first
            .lines
            .iter()
            .find(|l| l.kind == LineKind::Added)
            .unwrap();
        assert_eq!((added.old_number, added.new_number), (None, Some(5)));
        assert_eq!(first.lines.len(), 8, "3 + removed + added + 3");
    }

    #[test]
    fn a_missing_last_newline_is_marked() {
        let changes = diff_text("a", "x\n", "x");
        let flagged: Vec<_> = changes.hunks[0]
            .lines
            .iter()
            .map(|l| (l.kind, l.missing_newline))
            .collect();
        assert_eq!(
            flagged,
            [(LineKind::Removed, false), (LineKind::Added, true)]
        );
        assert!(changes.unified.contains("\\ No newline at end of file"));
    }
}
