//! Fonts and the few colours the app adds to egui's light and dark themes.

use egui::epaint::text::{FontInsert, FontPriority, InsertFontFamily};
use egui::{Color32, FontData, FontFamily, Visuals};

/// The CJK fallback font shipped in `assets/fonts` (Apache-2.0, licence beside it), so the
/// server's Chinese messages render on every machine.
const CJK_FALLBACK: &[u8] = include_bytes!("../../assets/fonts/DroidSansFallbackFull.ttf");

/// Adds the CJK fallback font behind egui's own fonts, for both proportional and monospace text.
pub fn install_fonts(ctx: &egui::Context) {
    ctx.add_font(FontInsert::new(
        "droid-sans-fallback",
        FontData::from_static(CJK_FALLBACK),
        vec![
            InsertFontFamily {
                family: FontFamily::Proportional,
                priority: FontPriority::Lowest,
            },
            InsertFontFamily {
                family: FontFamily::Monospace,
                priority: FontPriority::Lowest,
            },
        ],
    ));
}

/// How full something is, for the colour of its bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// Below 70 %.
    Normal,
    /// From 70 %.
    Warning,
    /// From 90 %.
    Danger,
}

impl Level {
    /// The level of a fraction between 0 and 1 (or beyond).
    pub fn of_fraction(fraction: f32) -> Self {
        if fraction >= 0.9 {
            Self::Danger
        } else if fraction >= 0.7 {
            Self::Warning
        } else {
            Self::Normal
        }
    }

    /// The fill colour for this level in the current theme.
    pub fn color(self, visuals: &Visuals) -> Color32 {
        match self {
            Self::Normal => visuals.selection.bg_fill,
            Self::Warning => visuals.warn_fg_color,
            Self::Danger => visuals.error_fg_color,
        }
    }
}

/// Text colour for things that went well (a successful connection test).
pub fn success_color(visuals: &Visuals) -> Color32 {
    if visuals.dark_mode {
        Color32::from_rgb(0x6c, 0xcb, 0x5f)
    } else {
        Color32::from_rgb(0x1a, 0x7f, 0x37)
    }
}

#[cfg(test)]
mod tests {
    use super::Level;

    #[test]
    fn quota_levels_start_at_70_and_90_percent() {
        assert_eq!(Level::of_fraction(0.0), Level::Normal);
        assert_eq!(Level::of_fraction(0.699), Level::Normal);
        assert_eq!(Level::of_fraction(0.7), Level::Warning);
        assert_eq!(Level::of_fraction(0.899), Level::Warning);
        assert_eq!(Level::of_fraction(0.9), Level::Danger);
        assert_eq!(Level::of_fraction(1.5), Level::Danger);
    }
}
