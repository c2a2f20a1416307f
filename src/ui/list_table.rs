//! The tables of the list screens, and the layout of a list beside its detail pane, from one
//! place: striped, resizable tables whose rows are selected by a click and opened by a double
//! click; a name cell that opens its item, with a menu; a detail pane at the right that nothing
//! is drawn under, the columns scrolling sideways when they do not fit beside it.

use egui::{AsIdSalt, Response, Ui, WidgetText};
use egui_extras::TableBuilder;

/// The height of a list row.
pub fn row_height(ui: &Ui) -> f32 {
    ui.spacing().interact_size.y + 4.0
}

/// A list's table, named by `salt`, scrolled to row `scroll_to` (after a keyboard move).
pub fn list_table(ui: &mut Ui, salt: impl AsIdSalt, scroll_to: Option<usize>) -> TableBuilder<'_> {
    // Selectable text would take the clicks that select a row.
    ui.style_mut().interaction.selectable_labels = false;
    let mut table = TableBuilder::new(ui)
        .id_salt(salt)
        .striped(true)
        .resizable(true)
        .sense(egui::Sense::click())
        .cell_layout(egui::Layout::left_to_right(egui::Align::Center));
    if let Some(row) = scroll_to {
        table = table.scroll_to_row(row, None);
    }
    table
}

/// What a click on a row asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowClick {
    /// Nothing.
    None,
    /// Select the row (a click).
    Select,
    /// Open its item (a double click).
    Open,
}

/// What the user did with a row, from its response.
pub fn row_click(response: &Response) -> RowClick {
    if response.double_clicked() {
        RowClick::Open
    } else if response.clicked() {
        RowClick::Select
    } else {
        RowClick::None
    }
}

/// What the user did with a name cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameAction {
    /// Clicked the name, or chose the menu's first entry: open the item.
    Open,
    /// Chose entry `n` (from 1) of the menu.
    Menu(usize),
}

/// An item's name, drawn as a link that opens the item (`hover` says what opens), with a
/// right-click menu whose first entry is "Open" and then `menu` (each in the shown language).
pub fn name_link_ui(
    ui: &mut Ui,
    name: impl Into<WidgetText>,
    hover: &str,
    menu: &[&str],
) -> Option<NameAction> {
    let link = ui.add(egui::Link::new(name)).on_hover_text(hover);
    let mut action = link.clicked().then_some(NameAction::Open);
    link.context_menu(|ui| {
        if ui.button(tr!("table-open")).clicked() {
            action = Some(NameAction::Open);
            ui.close();
        }
        for (n, entry) in menu.iter().enumerate() {
            if ui.button(*entry).clicked() {
                action = Some(NameAction::Menu(n + 1));
                ui.close();
            }
        }
    });
    action
}

/// The default and the range of a detail pane's width.
#[derive(Debug, Clone, Copy)]
pub struct PaneWidth {
    /// Its width when it first opens.
    pub default: f32,
    /// The narrowest the user can make it.
    pub min: f32,
    /// The widest.
    pub max: f32,
}

/// The detail pane at the right of `area`, named by `salt`, scrolling when it is taller than
/// the window. Draw it before the list, which then gets what is left.
pub fn detail_pane_ui<R>(
    area: &mut Ui,
    salt: impl AsIdSalt,
    width: PaneWidth,
    add: impl FnOnce(&mut Ui) -> R,
) -> R {
    egui::Panel::right(("detail pane", salt))
        .default_size(width.default)
        .size_range(width.min..=width.max)
        .show(area, |ui| {
            egui::ScrollArea::vertical()
                .auto_shrink([false, false])
                .show(ui, add)
                .inner
        })
        .inner
}

/// The list's columns in what is left of `area` beside a detail pane: when they do not fit,
/// they scroll sideways instead of running under the pane.
pub fn columns_ui<R>(area: &mut Ui, salt: impl AsIdSalt, add: impl FnOnce(&mut Ui) -> R) -> R {
    // Full height, so the scroll bar sits at the bottom of the list and not over its rows.
    egui::ScrollArea::horizontal()
        .id_salt(("columns", salt))
        .auto_shrink([false, false])
        .show(area, add)
        .inner
}
