//! The versions of a chart known to exist this session: the latest the server lists, and those
//! downloaded or found when a typed version was checked (the server lists no others). The
//! download dialog offers them as chips beside the Version field.

use crate::version_order::compare_versions;
use egui::{RichText, Ui};

use super::ChartRef;
use crate::ui::view::Remembered;

/// The versions known for `chart` (the latest included), oldest first.
pub(super) fn known_versions(
    remembered: &Remembered,
    chart: &ChartRef,
    latest: Option<&str>,
) -> Vec<String> {
    let mut versions: Vec<String> = remembered
        .chart_versions
        .get(&chart.key())
        .into_iter()
        .flatten()
        .cloned()
        .collect();
    if let Some(latest) = latest
        && !versions.iter().any(|v| v == latest)
    {
        versions.push(latest.to_owned());
    }
    versions.sort_by(|a, b| compare_versions(a, b));
    versions
}

/// Remembers that `version` of `chart` exists.
pub(super) fn remember(remembered: &mut Remembered, chart: &ChartRef, version: &str) {
    remembered
        .chart_versions
        .entry(chart.key())
        .or_default()
        .insert(version.to_owned());
}

/// Forgets `version` of `chart`: the server says it does not exist (any more).
pub(super) fn forget(remembered: &mut Remembered, chart: &ChartRef, version: &str) {
    if let Some(versions) = remembered.chart_versions.get_mut(&chart.key()) {
        versions.remove(version);
    }
}

/// "Known versions" and a chip for each; returns the version clicked. The chip of `current`
/// shows as selected.
pub(super) fn known_versions_ui(
    ui: &mut Ui,
    versions: &[String],
    current: &str,
    enabled: bool,
) -> Option<String> {
    if versions.is_empty() {
        return None;
    }
    let mut clicked = None;
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(tr!("chart-download-known-versions")).weak())
            .on_hover_text(tr!("chart-download-known-versions-hint"));
        for version in versions {
            let chip = egui::Button::selectable(version == current, version.as_str()).small();
            if ui
                .add_enabled(enabled, chip)
                .on_hover_text(tr!(
                    "chart-download-known-version-hint",
                    version = version.as_str()
                ))
                .clicked()
            {
                clicked = Some(version.clone());
            }
        }
    });
    clicked
}

#[cfg(test)]
mod tests {
    use super::*;

    fn web_app() -> ChartRef {
        ChartRef {
            project: "demo".to_owned(),
            name: "web-app".to_owned(),
        }
    }

    #[test]
    fn versions_are_in_semver_order() {
        let mut versions = ["1.0.0", "0.10.0", "1.0.0-rc.1", "0.2.0", "0.1.0+build.7"];
        versions.sort_by(|a, b| compare_versions(a, b));
        assert_eq!(
            versions,
            ["0.1.0+build.7", "0.2.0", "0.10.0", "1.0.0-rc.1", "1.0.0"]
        );
        assert_eq!(
            compare_versions("1.0.0-rc.2", "1.0.0-rc.10"),
            std::cmp::Ordering::Less
        );
    }

    #[test]
    fn the_latest_is_known_and_forgotten_versions_go() {
        let mut remembered = Remembered::default();
        let chart = web_app();
        assert_eq!(
            known_versions(&remembered, &chart, None),
            Vec::<String>::new()
        );
        remember(&mut remembered, &chart, "0.2.0");
        remember(&mut remembered, &chart, "0.10.0");
        remember(&mut remembered, &chart, "1.0.0-rc.1");
        assert_eq!(
            known_versions(&remembered, &chart, Some("1.0.0-rc.1")),
            ["0.2.0", "0.10.0", "1.0.0-rc.1"]
        );
        forget(&mut remembered, &chart, "0.10.0");
        assert_eq!(
            known_versions(&remembered, &chart, Some("2.0.0")),
            ["0.2.0", "1.0.0-rc.1", "2.0.0"]
        );
        let other = ChartRef {
            project: "library".to_owned(),
            name: "web-app".to_owned(),
        };
        assert_eq!(
            known_versions(&remembered, &other, None),
            Vec::<String>::new()
        );
    }
}
