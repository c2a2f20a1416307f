//! The largest repositories of the registry as horizontal bars: one line each, the name at the
//! left and the summed size at the right, over a bar as long against the line as the size
//! against the largest one's. Each bar opens its repository.

use egui::text::{LayoutJob, TextWrapping};
use egui::{Rect, RichText, Sense, TextFormat, TextStyle, Ui, vec2};

use super::index_panel::index_error_text;
use crate::index::{IndexError, RepositoryStorage};
use crate::tasks::Remote;
use crate::ui::screen::Screen;
use crate::ui::widgets::format_bytes;

/// Space around a bar's text.
const PADDING: f32 = 2.0;

/// The bars of `largest` under their heading; returns the repository clicked.
pub fn largest_bars_ui(
    ui: &mut Ui,
    largest: &Remote<Vec<RepositoryStorage>, IndexError>,
) -> Option<Screen> {
    ui.strong(tr!("storage-largest-heading"));
    if let Some(error) = largest.error() {
        ui.label(RichText::new(tr!("storage-load-error")).color(ui.visuals().error_fg_color));
        ui.label(RichText::new(index_error_text(error)).small());
    }
    let repositories = largest.value()?;
    if repositories.is_empty() {
        ui.label(RichText::new(tr!("storage-largest-empty")).weak());
        return None;
    }
    let largest_bytes = repositories
        .iter()
        .map(|r| r.totals.size_bytes)
        .max()
        .unwrap_or(1)
        .max(1);
    let mut open = None;
    ui.spacing_mut().item_spacing.y = 2.0;
    for repository in repositories {
        if bar_ui(ui, repository, largest_bytes) {
            open = Some(Screen::Repository {
                project: repository.project.clone(),
                name: repository.repository.clone(),
            });
        }
    }
    open
}

/// One repository's bar; true when clicked.
fn bar_ui(ui: &mut Ui, repository: &RepositoryStorage, largest_bytes: u64) -> bool {
    let name = format!("{}/{}", repository.project, repository.repository);
    let size = format_bytes(repository.totals.size_bytes);
    let label = tr!(
        "storage-bar-label",
        repository = name.as_str(),
        size = size.as_str()
    );
    let font = TextStyle::Body.resolve(ui.style());
    let line = ui.text_style_height(&TextStyle::Body);
    let width = ui.available_width();
    let (rect, response) =
        ui.allocate_exact_size(vec2(width, line + 2.0 * PADDING), Sense::click());
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &label));
    if ui.is_rect_visible(rect) {
        let visuals = ui.visuals();
        let painter = ui.painter();
        let track = if response.hovered() {
            visuals.widgets.hovered.weak_bg_fill
        } else {
            visuals.faint_bg_color
        };
        painter.rect_filled(rect, 3.0, track);
        let share = repository.totals.size_bytes as f32 / largest_bytes as f32;
        let bar = Rect::from_min_size(
            rect.min,
            vec2((rect.width() * share).max(3.0), rect.height()),
        );
        painter.rect_filled(bar, 3.0, visuals.selection.bg_fill.gamma_multiply(0.7));

        let text_color = visuals.text_color();
        let size_galley = painter.layout_no_wrap(size, font.clone(), text_color);
        let size_width = size_galley.size().x;
        let size_at = rect.right_top() + vec2(-size_width - PADDING * 2.0, PADDING);
        painter.galley(size_at, size_galley, text_color);
        let mut job = LayoutJob::single_section(name, TextFormat::simple(font, text_color));
        job.wrap = TextWrapping::truncate_at_width((width - size_width - PADDING * 6.0).max(20.0));
        let name_galley = painter.layout_job(job);
        painter.galley(
            rect.left_top() + vec2(PADDING * 2.0, PADDING),
            name_galley,
            text_color,
        );
    }
    response
        .on_hover_ui(|ui| {
            ui.label(&label);
            ui.label(RichText::new(tr!("storage-bar-hover")).weak());
        })
        .clicked()
}
