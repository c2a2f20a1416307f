//! The dialogs' shared parts: the button row, the checked name field, the delete confirmation,
//! and the one loop every dialog that sends a request runs (take the answer, draw, send).

use egui::{Color32, Id, RichText, Ui};

use super::describe::Describe as _;
use super::view::{DialogOutcome, ViewContext};
use super::widgets::{field_problem_ui, text_field};
use crate::api::ApiError;
use crate::contract::ValidationError;
use crate::tasks::{Job, Remote};

/// A request a dialog sends: the promise of its answer.
pub type Sent = Job<Result<(), ApiError>>;

/// A dialog with a form that sends one request when submitted (New project, New repository).
pub trait FormDialog {
    /// What the form submits.
    type Output;

    /// Draws the dialog for one frame.
    fn ui(&mut self, ctx: &egui::Context) -> DialogOutcome<Self::Output>;

    /// The request the dialog sent, shown inside it while it runs and when it failed.
    fn request(&mut self) -> &mut Remote<()>;
}

/// Runs the form dialog in `slot` for one frame: takes its request's answer, draws it, and
/// calls `send` with what was submitted. Returns the dialog on the frame its request succeeded
/// (the slot is then empty); Cancel empties the slot.
pub fn form_dialog_ui<D: FormDialog>(
    slot: &mut Option<D>,
    ctx: &egui::Context,
    cx: &mut ViewContext<'_>,
    send: impl FnOnce(&ViewContext<'_>, D::Output) -> Sent,
) -> Option<D> {
    let dialog = slot.as_mut()?;
    if dialog.request().poll() {
        cx.report(dialog.request().error());
        if dialog.request().value().is_some() {
            return slot.take();
        }
    }
    match dialog.ui(ctx) {
        DialogOutcome::Open => {}
        DialogOutcome::Cancelled => *slot = None,
        DialogOutcome::Submit(output) => {
            let request = send(cx, output);
            dialog.request().request(request);
        }
    }
    None
}

/// The words of a delete confirmation.
pub struct DeleteTexts<'a> {
    /// The title, like "Delete project".
    pub title: &'a str,
    /// What goes with the item, a whole sentence of its own (shown under "“x” will be
    /// deleted.").
    pub consequence: &'a str,
    /// Words a failed deletion; `None` for the error and its request id in one line.
    pub explain: Option<fn(&ApiError) -> String>,
}

/// Runs the delete confirmation in `slot` for one frame: takes the deletion's answer, draws the
/// dialog, and calls `send` once the user confirmed. Returns the confirmation on the frame the
/// item was deleted (the slot is then empty); Cancel empties the slot.
pub fn delete_dialog_ui<T>(
    slot: &mut Option<DeleteConfirmation<T>>,
    ctx: &egui::Context,
    cx: &mut ViewContext<'_>,
    texts: &DeleteTexts<'_>,
    send: impl FnOnce(&ViewContext<'_>, &DeleteConfirmation<T>) -> Sent,
) -> Option<DeleteConfirmation<T>> {
    let confirmation = slot.as_mut()?;
    if confirmation.poll_deleted(cx) {
        return slot.take();
    }
    let problem = match texts.explain {
        Some(explain) => confirmation.request.error().map(explain),
        None => confirmation.problem(),
    };
    match confirmation.ui(ctx, texts.title, texts.consequence, problem.as_deref()) {
        Confirmation::Open => {}
        Confirmation::Cancelled => *slot = None,
        Confirmation::Confirmed => {
            let request = send(cx, confirmation);
            confirmation.request.request(request);
        }
    }
    None
}

/// Whether Escape was pressed this frame: it closes a dialog. A click beside a dialog does not,
/// so nothing typed into it is lost by a stray click.
pub fn escape_pressed(ctx: &egui::Context) -> bool {
    ctx.input(|i| i.key_pressed(egui::Key::Escape))
}

/// Which of a dialog's buttons the user pressed this frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DialogButton {
    /// Neither.
    None,
    /// The submit button (or Enter).
    Submit,
    /// Cancel (or Escape).
    Cancel,
}

/// A dialog's button row: `submit` is enabled when `ready` and not `busy`, and Enter presses it
/// when `enter_submits`; Cancel, or Escape while not `busy`, cancels; while `busy` a spinner
/// shows `busy_text`.
pub fn dialog_buttons_ui(
    ui: &mut Ui,
    submit: &str,
    ready: bool,
    enter_submits: bool,
    busy: bool,
    busy_text: &str,
) -> DialogButton {
    steady_height_ui(ui);
    let mut pressed = DialogButton::None;
    ui.horizontal(|ui| {
        let enabled = ready && !busy;
        let enter = enabled && enter_submits && ui.input(|i| i.key_pressed(egui::Key::Enter));
        if ui.add_enabled(enabled, egui::Button::new(submit)).clicked() || enter {
            pressed = DialogButton::Submit;
        }
        if ui.button(tr!("common-cancel")).clicked() {
            pressed = DialogButton::Cancel;
        }
        if busy {
            ui.spinner();
            ui.label(busy_text);
        }
    });
    if pressed == DialogButton::None && !busy && escape_pressed(ui.ctx()) {
        pressed = DialogButton::Cancel;
    }
    pressed
}

/// Lines of body text kept free above a dialog's buttons for the error lines that may appear.
const ERROR_ROOM_LINES: f32 = 4.0;

/// Keeps a dialog's size, and its buttons where they are, when error lines appear above them:
/// egui's `Modal` is centred on its size, so a dialog that grows jumps. The space above the
/// buttons is the least it held since the dialog opened plus room for [`ERROR_ROOM_LINES`]; an
/// error fills that room instead of growing the dialog (only a longer one still grows it).
fn steady_height_ui(ui: &mut Ui) {
    let used = ui.min_rect().height();
    let id = ui.scope_id().with("height above the buttons");
    let pass = ui.ctx().cumulative_pass_nr();
    let least = ui.data_mut(|data| {
        // (least height, last pass drawn): a pass without the dialog means it was closed.
        let (least, last_pass) = data.get_temp_mut_or(id, (used, pass));
        if *last_pass + 1 < pass {
            *least = used;
        }
        *least = least.min(used);
        *last_pass = pass;
        *least
    });
    let room = ERROR_ROOM_LINES * ui.text_style_height(&egui::TextStyle::Body);
    ui.add_space((least + room - used).max(0.0));
}

/// A dialog's name field, focused when the dialog opens, checked by `check` as the user types,
/// with the rule it must follow under it. Returns the problem with the name, if any.
pub fn checked_name_field_ui(
    ui: &mut Ui,
    label: &str,
    name: &mut String,
    hint: &str,
    focused: &mut bool,
    check: impl Fn(&str) -> Result<(), ValidationError>,
    rule: &str,
) -> Option<String> {
    let field = text_field(ui, label, name, hint);
    let problem = if name.is_empty() {
        None
    } else {
        check(name.trim()).err().map(|e| e.describe())
    };
    let invalid = name.trim().is_empty() || problem.is_some();
    if !*focused || (enter_left(ui, &field) && invalid) {
        // Enter with a name that cannot be sent keeps the field, and the name, in place.
        field.request_focus();
        *focused = true;
    }
    ui.scope(|ui| {
        // The problem's line is there when there is none, so what follows does not move.
        ui.set_min_height(ui.text_style_height(&egui::TextStyle::Body));
        field_problem_ui(ui, problem.as_deref());
    });
    ui.label(RichText::new(rule).weak());
    problem
}

/// Whether `field` lost the keyboard to Enter this frame (egui's single-line fields let go of
/// it on Enter).
fn enter_left(ui: &Ui, field: &egui::Response) -> bool {
    field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter))
}

/// Characters that show nothing: zero-width spaces and joiners, the byte order mark, the soft
/// hyphen, and the bidirectional controls that reorder what is shown.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}'
            | '\u{FEFF}'
    )
}

/// `name` with every invisible character marked as `[U+200B]`, so the user sees it is there.
pub fn visible_name(name: &str) -> String {
    name.chars()
        .map(|c| {
            if is_invisible(c) {
                format!("[U+{:04X}]", u32::from(c))
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// `text` without its invisible characters: what a user can type of it.
pub fn without_invisible(text: &str) -> String {
    text.chars().filter(|c| !is_invisible(*c)).collect()
}

/// What the user did in a confirmation dialog.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Confirmation {
    /// Still deciding.
    Open,
    /// Confirmed.
    Confirmed,
    /// Cancelled (button, Escape or a click outside).
    Cancelled,
}

/// State of a delete confirmation: what is deleted (its name, and `target`, what the request
/// needs to name it) and, when the user must type its name, what they typed so far.
pub struct DeleteConfirmation<T = ()> {
    /// The name of what is deleted.
    pub name: String,
    /// What the deletion request names (a digest and its tags, a chart), beyond the name.
    pub target: T,
    /// Whether the name must be typed to enable Delete.
    pub type_to_confirm: bool,
    /// What the user typed.
    pub typed: String,
    /// The deletion request, once confirmed.
    pub request: Remote<()>,
    focused: bool,
}

impl DeleteConfirmation {
    /// A confirmation for deleting `name`.
    pub fn new(name: impl Into<String>, type_to_confirm: bool) -> Self {
        Self::with_target(name, (), type_to_confirm)
    }
}

impl<T> DeleteConfirmation<T> {
    /// A confirmation for deleting `name`, which the request names by `target`.
    pub fn with_target(name: impl Into<String>, target: T, type_to_confirm: bool) -> Self {
        Self {
            name: name.into(),
            target,
            type_to_confirm,
            typed: String::new(),
            request: Remote::default(),
            focused: false,
        }
    }

    /// Takes the deletion's answer when it arrives (a refused password goes to the app); true
    /// on the frame the item was deleted.
    pub fn poll_deleted(&mut self, cx: &mut ViewContext<'_>) -> bool {
        if !self.request.poll() {
            return false;
        }
        cx.report(self.request.error());
        self.request.value().is_some()
    }

    /// The last failure in one line, with its request id.
    pub fn problem(&self) -> Option<String> {
        self.request.error().map(|e| {
            let mut text = e.describe();
            if let Some(id) = e.request_id() {
                // The request id is a fact of its own, joined as the error box joins its details.
                text.push_str(" · ");
                text.push_str(&tr!("widget-error-request-id", id = id));
            }
            text
        })
    }

    /// The modal dialog. `title` like "Delete project", `consequence` says what goes with it
    /// (a sentence of its own, shown under "“x” will be deleted.").
    /// `error` is the last failure, shown inside the dialog.
    pub fn ui(
        &mut self,
        ctx: &egui::Context,
        title: &str,
        consequence: &str,
        error: Option<&str>,
    ) -> Confirmation {
        let mut outcome = Confirmation::Open;
        let busy = self.request.is_pending();
        egui::Modal::new(Id::unique(("delete confirmation", title))).show(ctx, |ui| {
            ui.set_width(420.0);
            ui.heading(title);
            ui.add_space(4.0);
            ui.label(tr!(
                "dialog-delete-will-be-deleted",
                name = visible_name(&self.name)
            ));
            if !consequence.is_empty() {
                ui.label(consequence);
            }
            ui.label(RichText::new(tr!("dialog-delete-cannot-undo")).strong());
            ui.add_space(6.0);
            let can_delete = !self.type_to_confirm || self.typed_name_ui(ui);
            if let Some(error) = error {
                ui.add_space(4.0);
                ui.label(RichText::new(error).color(ui.visuals().error_fg_color));
            }
            steady_height_ui(ui);
            ui.add_space(8.0);
            outcome = Self::buttons_ui(ui, can_delete && !busy, busy);
        });
        if escape_pressed(ctx) && outcome == Confirmation::Open && !busy {
            outcome = Confirmation::Cancelled;
        }
        outcome
    }

    /// The field the name is typed into; true once it holds the name.
    fn typed_name_ui(&mut self, ui: &mut Ui) -> bool {
        let shown = without_invisible(&self.name);
        let response = text_field(
            ui,
            &tr!("dialog-delete-type-to-confirm", name = shown.as_str()),
            &mut self.typed,
            &shown,
        );
        let matches = without_invisible(self.typed.trim()) == shown;
        if !self.focused || (enter_left(ui, &response) && !matches) {
            // Enter before the name matches keeps the field, and what was typed, in place.
            response.request_focus();
            self.focused = true;
        }
        matches
    }

    /// Delete (enabled when `enabled`), Cancel, and a spinner while `busy`.
    fn buttons_ui(ui: &mut Ui, enabled: bool, busy: bool) -> Confirmation {
        let mut outcome = Confirmation::Open;
        ui.horizontal(|ui| {
            // Red only when it can be pressed, so a disabled Delete does not look ready.
            let delete = if enabled {
                egui::Button::new(RichText::new(tr!("common-delete")).color(Color32::WHITE))
                    .fill(ui.visuals().error_fg_color)
            } else {
                egui::Button::new(tr!("common-delete"))
            };
            // Enter confirms whenever Delete can be pressed (after the name was typed, when
            // it must be).
            let read_only = crate::ui::read_only::reason(ui.ctx());
            let enabled = enabled && read_only.is_none();
            let enter = enabled && ui.input(|i| i.key_pressed(egui::Key::Enter));
            let response = ui.add_enabled(enabled, delete);
            let response = match read_only {
                Some(reason) => response.on_disabled_hover_text(reason),
                None => response,
            };
            if response.clicked() || enter {
                outcome = Confirmation::Confirmed;
            }
            if ui.button(tr!("common-cancel")).clicked() {
                outcome = Confirmation::Cancelled;
            }
            if busy {
                ui.spinner();
                ui.label(tr!("dialog-deleting"));
            }
        });
        outcome
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invisible_characters_are_marked_and_need_not_be_typed() {
        let sneaky = "walk\u{200B}-test\u{202E}";
        assert_eq!(visible_name(sneaky), "walk[U+200B]-test[U+202E]");
        assert_eq!(without_invisible(sneaky), "walk-test");
        assert_eq!(visible_name("plain"), "plain");
    }
}
