//! Combo boxes in the UI tests: the one that shows a value, its value, and picking a choice.

use ccr_desk::ui::CcrDeskApp;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _, by};

use super::wait_for;

/// Opens the one combo box whose shown value is `value`.
pub fn open_combo_showing(app: &mut Harness<'static, CcrDeskApp>, value: &str) {
    app.query_all(by().role(Role::ComboBox))
        .find(|node| node.value().as_deref() == Some(value))
        .unwrap_or_else(|| panic!("no combo box shows {value:?}:\n{:#?}", app.root()))
        .click();
    app.step();
    app.step();
}

/// Whether a combo box shows `value`.
pub fn combo_shows(app: &Harness<'static, CcrDeskApp>, value: &str) -> bool {
    app.query_all(by().role(Role::ComboBox))
        .any(|node| node.value().as_deref() == Some(value))
}

/// What the combo box labelled `label` shows.
pub fn combo_value(app: &Harness<'static, CcrDeskApp>, label: &str) -> Option<String> {
    app.query_all_by_label(label)
        .find(|node| node.accesskit_node().role() == Role::ComboBox)
        .and_then(|node| node.value())
}

/// Opens the combo box labelled `label` and picks `option` from its list (not a label or a
/// table cell that says the same words).
pub fn pick(app: &mut Harness<'static, CcrDeskApp>, label: &str, option: &str) {
    app.query_all_by_label(label)
        .find(|node| node.accesskit_node().role() == Role::ComboBox)
        .unwrap_or_else(|| panic!("no combo box labelled {label:?}:\n{:#?}", app.root()))
        .click();
    let is_choice = |role: Role| !matches!(role, Role::Label | Role::ComboBox);
    wait_for(app, &format!("the choices of “{label}”"), |h| {
        h.query_all_by_label(option)
            .any(|node| is_choice(node.accesskit_node().role()))
    });
    app.query_all_by_label(option)
        .find(|node| is_choice(node.accesskit_node().role()))
        .expect("the choice")
        .click();
    app.step();
    app.step();
}
