//! The keyboard across the window: F6 moves the focus to the next region (top bar, side panel,
//! content, and round again), as desktop apps do, and the focused widget wears a ring so the
//! user always sees where the keyboard is.

use std::collections::HashMap;

use egui::{Id, LayerId, Order, Stroke, StrokeKind};

/// A region of the window that F6 moves between.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Region {
    /// The top bar: the profile picker first.
    TopBar,
    /// The side panel: the navigation.
    Side,
    /// The central area: its first link or field.
    Content,
}

impl Region {
    const CYCLE: [Self; 3] = [Self::TopBar, Self::Side, Self::Content];

    fn next(self) -> Self {
        match self {
            Self::TopBar => Self::Side,
            Self::Side => Self::Content,
            Self::Content => Self::TopBar,
        }
    }
}

/// Each region's first focusable widget, as drawn in one frame.
#[derive(Clone, Default)]
struct Anchors {
    frame: u64,
    ids: HashMap<Region, Id>,
    /// The region F6 moved to last.
    current: Option<Region>,
}

fn anchors_id() -> Id {
    Id::unique("ccr-desk focus anchors")
}

/// Marks `id` as where F6 puts the focus in `region`; the first widget marked in a frame wins,
/// so a screen marks its breadcrumb, then its filter, and F6 lands on whichever comes first.
pub fn anchor(ctx: &egui::Context, region: Region, id: Id) {
    let frame = ctx.cumulative_frame_nr();
    ctx.data_mut(|data| {
        let anchors = data.get_temp_mut_or_default::<Anchors>(anchors_id());
        if anchors.frame != frame {
            anchors.frame = frame;
            anchors.ids.clear();
        }
        anchors.ids.entry(region).or_insert(id);
    });
}

/// On F6, moves the focus to the next region's first widget.
pub fn cycle_regions(ctx: &egui::Context) {
    if !ctx.input(|i| i.key_pressed(egui::Key::F6)) {
        return;
    }
    let focused = ctx.memory(egui::Memory::focused);
    let target = ctx.data_mut(|data| {
        let anchors = data.get_temp_mut_or_default::<Anchors>(anchors_id());
        let here = Region::CYCLE
            .into_iter()
            .find(|region| anchors.ids.get(region).copied() == focused)
            .or(anchors.current);
        let next = here.map_or(Region::TopBar, Region::next);
        anchors.current = Some(next);
        anchors.ids.get(&next).copied()
    });
    if let Some(id) = target {
        ctx.memory_mut(|m| m.request_focus(id));
    }
}

/// A ring around the focused widget (text fields draw their own, but a button or a link shows
/// its focus only faintly).
pub fn focus_ring_ui(ctx: &egui::Context) {
    let Some(focused) = ctx.memory(egui::Memory::focused) else {
        return;
    };
    let Some(response) = ctx.read_response(focused) else {
        return;
    };
    let color = ctx.global_style().visuals.selection.stroke.color;
    ctx.layer_painter(LayerId::new(
        Order::Foreground,
        Id::unique("ccr-desk focus ring"),
    ))
    .rect_stroke(
        response.rect.expand(2.0),
        3.0,
        Stroke::new(1.5, color),
        StrokeKind::Outside,
    );
}
