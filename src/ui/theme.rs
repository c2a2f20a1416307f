//! Fonts and the few colours the app adds to egui's light and dark themes.

use egui::epaint::text::{FontInsert, FontPriority, InsertFontFamily};
use egui::{Color32, FontData, FontFamily, FontId, TextStyle, Theme, Visuals};

/// The CJK fallback font shipped in `assets/fonts` (Apache-2.0, licence beside it), so the
/// server's Chinese messages render on every machine.
const CJK_FALLBACK: &[u8] = include_bytes!("../../assets/fonts/DroidSansFallbackFull.ttf");

/// The smallest text the app draws (egui's `Small` style, 9 px by default): hints, "Saved",
/// counters, request ids stay readable.
pub const SMALL_TEXT_PX: f32 = 11.0;

/// Link colours with a contrast of at least 4.5:1 (WCAG AA) against both the panel and a
/// selected row's fill; egui's own (90, 170, 255) and (0, 155, 255) fall short on a selected
/// row, and the light one on the panel too.
const DARK_LINK: Color32 = Color32::from_rgb(165, 213, 255);
const LIGHT_LINK: Color32 = Color32::from_rgb(0, 72, 150);

/// Adds the CJK fallback font behind egui's own fonts, for both proportional and monospace text,
/// and sets the app's text sizes ([`SMALL_TEXT_PX`]) and link colours in both themes.
pub fn install_fonts(ctx: &egui::Context) {
    ctx.all_styles_mut(|style| {
        style
            .text_styles
            .insert(TextStyle::Small, FontId::proportional(SMALL_TEXT_PX));
    });
    ctx.style_mut_of(Theme::Dark, |style| {
        style.visuals.hyperlink_color = DARK_LINK;
    });
    ctx.style_mut_of(Theme::Light, |style| {
        style.visuals.hyperlink_color = LIGHT_LINK;
    });
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
    use super::{Level, install_fonts};
    use egui::{Color32, TextStyle, Theme};

    /// WCAG 2 relative luminance of an opaque colour.
    fn luminance(color: Color32) -> f64 {
        let channel = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.040_45 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(color.r()) + 0.7152 * channel(color.g()) + 0.0722 * channel(color.b())
    }

    /// WCAG 2 contrast ratio, from 1 to 21.
    fn contrast(a: Color32, b: Color32) -> f64 {
        let (a, b) = (luminance(a), luminance(b));
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }

    fn installed() -> egui::Context {
        let ctx = egui::Context::default();
        install_fonts(&ctx);
        ctx
    }

    #[test]
    fn small_text_is_at_least_11_px_in_both_themes() {
        let ctx = installed();
        for theme in [Theme::Dark, Theme::Light] {
            let size = ctx.style_of(theme).text_styles[&TextStyle::Small].size;
            assert!(size >= 11.0, "{theme:?}: {size} px");
        }
    }

    #[test]
    fn links_keep_4_5_to_1_on_a_selected_row_and_on_the_panel() {
        let ctx = installed();
        for theme in [Theme::Dark, Theme::Light] {
            let visuals = ctx.style_of(theme).visuals.clone();
            let selected = visuals.selection.bg_fill;
            let checks = [
                ("link on a selected row", visuals.hyperlink_color, selected),
                (
                    "link on the panel",
                    visuals.hyperlink_color,
                    visuals.panel_fill,
                ),
                (
                    "link on a window",
                    visuals.hyperlink_color,
                    visuals.window_fill,
                ),
                // The repositories' paths on a selected row (`name_as_path`).
                (
                    "path on a selected row",
                    visuals.selection.stroke.color,
                    selected,
                ),
            ];
            for (what, fg, bg) in checks {
                let ratio = contrast(fg, bg);
                assert!(ratio >= 4.5, "{theme:?}: {what} is {ratio:.2}:1");
            }
        }
    }

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
