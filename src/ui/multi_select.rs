//! Several rows chosen in a list at once, as desktop lists do it: a click chooses one row,
//! Ctrl+click adds or removes a row, Shift+click chooses the range from the last row clicked,
//! Ctrl+A chooses every row shown and Space adds or removes the row the keyboard is on. Rows
//! are named by a string (a name, a digest), so the choice survives a reload of the same rows.

use std::collections::HashSet;

use egui::Modifiers;

/// The rows chosen beside the keyboard's row; empty while only one row (the keyboard's) is
/// selected.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Marks {
    /// The chosen rows, in the order they were chosen.
    names: Vec<String>,
    /// The same rows, to answer [`Self::contains`] at once when tens of thousands are chosen.
    set: HashSet<String>,
    /// Where a Shift+click range starts: the row clicked last without Shift.
    anchor: Option<String>,
}

impl Marks {
    /// Whether no row is chosen (the keyboard's row alone is the selection).
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// How many rows are chosen.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    /// Whether `name` is chosen.
    pub fn contains(&self, name: &str) -> bool {
        self.set.contains(name)
    }

    /// The chosen rows, in the order they were chosen.
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// Chooses nothing.
    pub fn clear(&mut self) {
        self.names.clear();
        self.set.clear();
        self.anchor = None;
    }

    /// A click on row `name` of `shown` (the rows as listed) with `modifiers`, while `cursor`
    /// was the keyboard's row: a plain click chooses only it (the marks go), Ctrl (⌘) adds or
    /// removes it, keeping the row selected before, and Shift chooses the range from the last
    /// row clicked.
    pub fn click(
        &mut self,
        shown: &[&str],
        name: &str,
        cursor: Option<&str>,
        modifiers: Modifiers,
    ) {
        if modifiers.shift {
            let anchor = self
                .anchor
                .clone()
                .or_else(|| cursor.map(str::to_owned))
                .unwrap_or_else(|| name.to_owned());
            let from = shown.iter().position(|n| *n == anchor);
            let to = shown.iter().position(|n| *n == name);
            if let (Some(from), Some(to)) = (from, to) {
                let (low, high) = (from.min(to), from.max(to));
                self.choose_only(&shown[low..=high]);
                self.anchor = Some(anchor);
            }
        } else if modifiers.command {
            if self.names.is_empty()
                && let Some(cursor) = cursor.filter(|c| *c != name)
            {
                self.toggle(cursor);
            }
            self.toggle(name);
            self.anchor = Some(name.to_owned());
        } else {
            self.clear();
            self.anchor = Some(name.to_owned());
        }
    }

    /// Adds `name` when it is not chosen, removes it when it is.
    pub fn toggle(&mut self, name: &str) {
        if self.set.remove(name) {
            self.names.retain(|n| n != name);
        } else {
            self.set.insert(name.to_owned());
            self.names.push(name.to_owned());
        }
    }

    /// Chooses every row of `shown`.
    pub fn select_all(&mut self, shown: &[&str]) {
        self.choose_only(shown);
    }

    /// Chooses the rows `names` and no others (each once).
    fn choose_only(&mut self, names: &[&str]) {
        self.names.clear();
        self.set.clear();
        for name in names {
            if self.set.insert((*name).to_owned()) {
                self.names.push((*name).to_owned());
            }
        }
    }

    /// Drops the chosen rows `shown` no longer lists.
    pub fn retain_shown(&mut self, shown: &[&str]) {
        let shown: HashSet<&str> = shown.iter().copied().collect();
        self.names.retain(|n| shown.contains(n.as_str()));
        self.set.retain(|n| shown.contains(n.as_str()));
    }
}

/// The modifiers held when the pointer was released this frame (a click), else those held now:
/// a quick Ctrl+click can press and release Ctrl within the frame of the click.
pub fn click_modifiers(ui: &egui::Ui) -> Modifiers {
    ui.input(|i| {
        i.events
            .iter()
            .rev()
            .find_map(|event| match event {
                egui::Event::PointerButton {
                    pressed: false,
                    modifiers,
                    ..
                } => Some(*modifiers),
                _ => None,
            })
            .unwrap_or(i.modifiers)
    })
}

/// What a table needs to draw its rows' selection: the keyboard's row and the chosen rows.
#[derive(Debug, Clone, Copy)]
pub struct RowSelection<'a> {
    /// The keyboard's row (the one whose detail shows).
    pub cursor: Option<&'a str>,
    /// The rows chosen beside it.
    pub marks: &'a Marks,
}

impl RowSelection<'_> {
    /// Whether row `name` is drawn selected: chosen, or the keyboard's row while none is.
    pub fn has(&self, name: &str) -> bool {
        if self.marks.is_empty() {
            self.cursor == Some(name)
        } else {
            self.marks.contains(name)
        }
    }
}

/// What the keys of a list asked of its chosen rows this frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MarkKey {
    /// Ctrl+A: every row shown.
    All,
    /// Space: add or remove the keyboard's row.
    Toggle,
    /// Escape: none.
    Clear,
}

/// The selection keys pressed this frame, when no text field has the keyboard and no dialog
/// is open; Escape only while some rows are chosen.
pub fn mark_key(ui: &egui::Ui, marks: &Marks) -> Option<MarkKey> {
    let free = ui
        .ctx()
        .memory(|m| m.focused().is_none() && m.top_modal_layer().is_none());
    if !free {
        return None;
    }
    ui.input_mut(|i| {
        if i.consume_key(Modifiers::COMMAND, egui::Key::A) {
            Some(MarkKey::All)
        } else if i.consume_key(Modifiers::NONE, egui::Key::Space) {
            Some(MarkKey::Toggle)
        } else if !marks.is_empty() && i.consume_key(Modifiers::NONE, egui::Key::Escape) {
            Some(MarkKey::Clear)
        } else {
            None
        }
    })
}

/// What the user asked of the chosen rows in a toolbar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChosenAction {
    /// Nothing.
    None,
    /// Delete them all (after one confirmation).
    Delete,
    /// Compare the two chosen.
    Compare,
}

/// The toolbar's part for chosen rows, drawn right to left: "Delete selected…", "Compare"
/// (when `compare` and exactly two are chosen), "Clear selection" and "3 selected".
pub fn chosen_ui(ui: &mut egui::Ui, marks: &mut Marks, compare: bool) -> ChosenAction {
    let mut action = ChosenAction::None;
    if crate::ui::read_only::change_button(ui, true, tr!("list-delete-chosen")).clicked() {
        action = ChosenAction::Delete;
    }
    if compare
        && ui
            .add_enabled(marks.len() == 2, egui::Button::new(tr!("list-compare")))
            .on_hover_text(tr!("list-compare-hint"))
            .on_disabled_hover_text(tr!("list-compare-two"))
            .clicked()
    {
        action = ChosenAction::Compare;
    }
    if ui
        .button(tr!("list-clear-chosen"))
        .on_hover_text(tr!("list-clear-chosen-hint"))
        .clicked()
    {
        marks.clear();
    }
    ui.label(egui::RichText::new(tr!("list-chosen", count = marks.len())).strong());
    action
}

#[cfg(test)]
mod tests {
    use super::*;

    const ROWS: [&str; 5] = ["a", "b", "c", "d", "e"];

    #[test]
    fn clicks_choose_like_a_desktop_list() {
        let mut marks = Marks::default();
        marks.click(&ROWS, "b", None, Modifiers::NONE);
        assert!(marks.is_empty(), "a plain click selects one row, no marks");
        marks.click(&ROWS, "d", Some("b"), Modifiers::COMMAND);
        assert_eq!(marks.names(), ["b", "d"]);
        marks.click(&ROWS, "b", Some("d"), Modifiers::COMMAND);
        assert_eq!(marks.names(), ["d"]);
        // Shift from the row clicked last without Shift (b, by Ctrl) to d.
        marks.click(&ROWS, "d", Some("b"), Modifiers::SHIFT);
        assert_eq!(marks.names(), ["b", "c", "d"]);
        // Shift again keeps the anchor: b to a.
        marks.click(&ROWS, "a", Some("d"), Modifiers::SHIFT);
        assert_eq!(marks.names(), ["a", "b"]);
        marks.click(&ROWS, "c", Some("e"), Modifiers::NONE);
        assert!(marks.is_empty());
        marks.select_all(&ROWS);
        assert_eq!(marks.len(), 5);
        marks.retain_shown(&["a", "e", "x"]);
        assert_eq!(marks.names(), ["a", "e"]);
        let shown = RowSelection {
            cursor: Some("c"),
            marks: &marks,
        };
        assert!(shown.has("a") && !shown.has("c"));
    }
}
