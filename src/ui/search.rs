//! Search everywhere: the top bar's field (Ctrl+K) and its results, found in the registry index
//! as the user types and grouped by kind with where each lives; Enter or a click opens the
//! screen that shows it.

use egui::{Key, Modifiers, RichText, TextEdit, Ui};
use poll_promise::Promise;

use crate::bulk_delete::DeleteItem;
use crate::export::{Cell, Column, Table};
use crate::index::{Freshness, IndexError, SearchResults};
use crate::session::IndexStatus;
use crate::tasks::Tasks;
use crate::ui::commands::{Command, Commands};
use crate::ui::export::{ExportRequest, Exporter, SaveTo};
use crate::ui::multi_select::{ChosenAction, Marks, chosen_ui, click_modifiers};
use crate::ui::screen::Screen;
use crate::ui::widgets::format_time_ago_ms;

/// Hits of each kind shown.
const HITS_PER_KIND: u32 = 8;

/// The room the field leaves for the top bar's right end.
const FIELD_ROOM: f32 = 370.0;

/// The width of the results.
const RESULTS_WIDTH: f32 = 460.0;

/// One result the user can open.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Hit {
    /// What the row says.
    text: String,
    /// Where it lives, weaker.
    place: String,
    /// What opening it does.
    open: Target,
    /// What deleting it would delete, for a bulk delete of chosen hits.
    delete: DeleteItem,
}

impl Hit {
    /// The hit's name among the chosen ones: what it deletes.
    fn key(&self) -> String {
        self.delete.target()
    }
}

/// The screen a hit opens, and the item to select there.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Target {
    screen: Screen,
    /// The item to select (a digest, a chart's name); `None`: the screen itself is the item.
    key: Option<String>,
    /// A filter that shows the item (its tag, the chart's name).
    filter: Option<String>,
}

impl Target {
    fn screen(screen: Screen) -> Self {
        Self {
            screen,
            key: None,
            filter: None,
        }
    }

    fn command(self) -> Command {
        match self.key {
            None => Command::Navigate(self.screen),
            Some(key) => Command::Reveal {
                screen: self.screen,
                key,
                filter: self.filter,
            },
        }
    }
}

/// A group of hits of one kind.
struct Group {
    title: String,
    total: u64,
    /// More than `total` matched.
    at_least: bool,
    hits: Vec<Hit>,
}

/// The search field and its results.
#[derive(Default)]
pub struct SearchBox {
    text: String,
    /// The text the shown results are for.
    searched: Option<String>,
    running: Option<(String, Promise<Result<SearchResults, IndexError>>)>,
    results: Option<Result<SearchResults, String>>,
    /// The highlighted hit (keyboard), counted across groups.
    highlighted: usize,
    open: bool,
    /// Exports the hits shown.
    exporter: Exporter,
    /// The hits chosen with Ctrl+click or Shift+click, by [`Hit::key`].
    marks: Marks,
}

impl SearchBox {
    /// The field, and under it the results while it is in use. `index` is the index of the
    /// profile in use, if open.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        place: SaveTo<'_>,
        index: Option<&IndexStatus<'_>>,
        commands: &mut Commands,
    ) {
        let tasks = place.tasks;
        let focus_asked = ui.input_mut(|i| i.consume_key(Modifiers::COMMAND, Key::K));
        let id = ui.make_persistent_id("search everywhere");
        // The keys that move in the results, taken before the field sees them.
        let focused = ui.memory(|m| m.has_focus(id) || m.had_focus_last_frame(id));
        let (down, up, escape) = if focused && self.open {
            ui.input_mut(|i| {
                (
                    i.consume_key(Modifiers::NONE, Key::ArrowDown),
                    i.consume_key(Modifiers::NONE, Key::ArrowUp),
                    i.consume_key(Modifiers::NONE, Key::Escape),
                )
            })
        } else {
            (false, false, false)
        };
        let field = ui.add(
            TextEdit::singleline(&mut self.text)
                .id(id)
                .hint_text(tr!("search-field-hint"))
                // What the top bar's right end (refresh, theme, language) leaves it.
                .desired_width((ui.available_width() - FIELD_ROOM).clamp(110.0, 260.0)),
        );
        let field = if self.open {
            field
        } else {
            field.on_hover_text(tr!("search-field-hover"))
        };
        if focus_asked {
            field.request_focus();
            self.open = true;
        }
        if field.gained_focus() || field.changed() {
            self.open = true;
        }
        if field.changed() {
            self.highlighted = 0;
        }
        self.poll(tasks, index);
        if escape {
            self.open = false;
            field.surrender_focus();
        }
        if !self.open || self.text.trim().is_empty() {
            return;
        }
        let groups = self.groups();
        let count: usize = groups.iter().map(|group| group.hits.len()).sum();
        if down && count > 0 {
            self.highlighted = (self.highlighted + 1).min(count - 1);
        }
        if up {
            self.highlighted = self.highlighted.saturating_sub(1);
        }
        // Enter in a single-line field ends its focus on the same frame.
        let enter =
            (field.has_focus() || field.lost_focus()) && ui.input(|i| i.key_pressed(Key::Enter));
        let mut chosen = if enter {
            groups
                .iter()
                .flat_map(|group| &group.hits)
                .nth(self.highlighted)
                .cloned()
        } else {
            None
        };
        let mut delete = None;
        let area = egui::Area::new(egui::Id::unique("search results"))
            .order(egui::Order::Foreground)
            .fixed_pos(field.rect.left_bottom() + egui::vec2(0.0, 4.0))
            .show(ui.ctx(), |ui| {
                egui::Frame::popup(ui.style()).show(ui, |ui| {
                    ui.set_width(RESULTS_WIDTH);
                    if let Some(hit) = self.results_ui(ui, &groups, index, place, &mut delete) {
                        chosen = Some(hit);
                    }
                });
            });
        // The Export menu opens over the results: a click in it is not elsewhere.
        let clicked_elsewhere = ui.input(|i| i.pointer.any_pressed())
            && !area.response.contains_pointer()
            && !field.contains_pointer()
            && !egui::Popup::is_any_open(ui.ctx())
            && !self.exporter.is_running();
        if clicked_elsewhere {
            self.open = false;
        }
        if let Some(hit) = chosen {
            self.open = false;
            field.surrender_focus();
            commands.push(hit.open.command());
        }
        if let Some(items) = delete {
            self.open = false;
            self.marks.clear();
            field.surrender_focus();
            commands.push(Command::DeleteMany(items));
        }
    }

    /// The line over the results while some are chosen: how many, Clear selection and Delete
    /// selected…; the items to delete when that was pressed.
    fn chosen_bar_ui(&mut self, ui: &mut Ui, groups: &[Group]) -> Option<Vec<DeleteItem>> {
        if self.marks.is_empty() {
            return None;
        }
        let mut delete = None;
        ui.horizontal(|ui| {
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if chosen_ui(ui, &mut self.marks, false) == ChosenAction::Delete {
                    delete = Some(
                        groups
                            .iter()
                            .flat_map(|group| &group.hits)
                            .filter(|hit| self.marks.contains(&hit.key()))
                            .map(|hit| hit.delete.clone())
                            .collect(),
                    );
                }
            });
        });
        ui.separator();
        delete
    }

    /// Searches again (what the results showed was deleted).
    pub fn refresh(&mut self) {
        self.searched = None;
    }

    /// Asks the index for the text when it changed and no search runs; takes the answer.
    fn poll(&mut self, tasks: &Tasks, index: Option<&IndexStatus<'_>>) {
        if let Some((text, running)) = self.running.take() {
            match running.try_take() {
                Err(running) => {
                    self.running = Some((text, running));
                    return;
                }
                Ok(result) => {
                    self.searched = Some(text);
                    self.results = Some(result.map_err(|error| {
                        tracing::warn!(%error, "search failed");
                        error.to_string()
                    }));
                }
            }
        }
        let text = self.text.trim().to_owned();
        if text.is_empty() || self.searched.as_deref() == Some(text.as_str()) {
            return;
        }
        let Some(index) = index.map(|status| status.index.clone()) else {
            return;
        };
        let asked = text.clone();
        self.running = Some((
            text,
            tasks.spawn(async move {
                index
                    .run(move |index| index.search(&asked, HITS_PER_KIND))
                    .await
            }),
        ));
    }

    /// The results as groups of hits, in the order shown.
    fn groups(&self) -> Vec<Group> {
        let Some(Ok(results)) = &self.results else {
            return Vec::new();
        };
        let mut groups = vec![
            project_group(results),
            repository_group(results),
            tag_group(results),
            digest_group(results),
            chart_group(results),
        ];
        groups.retain(|group| !group.hits.is_empty());
        groups
    }

    /// The groups, the freshness line and the keys; the hit clicked, if any.
    fn results_ui(
        &mut self,
        ui: &mut Ui,
        groups: &[Group],
        index: Option<&IndexStatus<'_>>,
        place: SaveTo<'_>,
        delete: &mut Option<Vec<DeleteItem>>,
    ) -> Option<Hit> {
        let mut clicked = None;
        let Some(index) = index else {
            ui.label(tr!("search-no-index"));
            return None;
        };
        match &self.results {
            None => {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.label(tr!("search-searching"));
                });
            }
            Some(Err(_)) => {
                ui.label(RichText::new(tr!("search-failed")).color(ui.visuals().error_fg_color));
            }
            Some(Ok(_)) if groups.is_empty() => {
                let text = self.searched.clone().unwrap_or_default();
                ui.label(tr!("search-no-results", text = text.as_str()));
            }
            Some(Ok(_)) => {
                let shown: Vec<String> = groups
                    .iter()
                    .flat_map(|group| &group.hits)
                    .map(Hit::key)
                    .collect();
                let shown: Vec<&str> = shown.iter().map(String::as_str).collect();
                self.marks.retain_shown(&shown);
                if let Some(items) = self.chosen_bar_ui(ui, groups) {
                    *delete = Some(items);
                }
                let mut position = 0;
                egui::ScrollArea::vertical()
                    .max_height(420.0)
                    .show(ui, |ui| {
                        for group in groups {
                            ui.horizontal(|ui| {
                                ui.label(RichText::new(&group.title).strong());
                                let more = if group.at_least {
                                    Some(tr!(
                                        "search-group-more-at-least",
                                        shown = group.hits.len(),
                                        total = group.total
                                    ))
                                } else {
                                    (group.total > group.hits.len() as u64).then(|| {
                                        tr!(
                                            "search-group-more",
                                            shown = group.hits.len(),
                                            total = group.total
                                        )
                                    })
                                };
                                if let Some(more) = more {
                                    ui.label(RichText::new(more).weak());
                                }
                            });
                            for hit in &group.hits {
                                let highlighted = position == self.highlighted;
                                let chosen = self.marks.contains(&hit.key());
                                let row = ui.horizontal(|ui| {
                                    let response =
                                        ui.selectable_label(highlighted || chosen, &hit.text);
                                    if !hit.place.is_empty() {
                                        ui.label(RichText::new(&hit.place).weak());
                                    }
                                    response
                                });
                                if highlighted {
                                    row.inner.scroll_to_me(None);
                                }
                                if row.inner.clicked() {
                                    let modifiers = click_modifiers(ui);
                                    if modifiers.command || modifiers.shift {
                                        let cursor = shown.get(self.highlighted).copied();
                                        self.marks.click(&shown, &hit.key(), cursor, modifiers);
                                    } else {
                                        clicked = Some(hit.clone());
                                    }
                                }
                                if row.inner.hovered() {
                                    self.highlighted = position;
                                }
                                position += 1;
                            }
                            ui.add_space(4.0);
                        }
                    });
            }
        }
        ui.separator();
        freshness_ui(ui, index.freshness);
        ui.horizontal(|ui| {
            ui.label(RichText::new(tr!("search-keys-hint")).small().weak());
            let has_rows = groups.iter().any(|group| !group.hits.is_empty());
            self.exporter.menu_in_ui(ui, place, has_rows, || {
                ExportRequest::new("search", std::future::ready(Ok(results_table(groups))))
            });
        });
        clicked
    }
}

/// The hits shown, as a table: kind, what, where.
fn results_table(groups: &[Group]) -> Table {
    let mut table = Table::new(vec![
        Column::new("kind", tr!("export-column-kind")),
        Column::new("name", tr!("export-column-name")),
        Column::new("place", tr!("export-column-place")),
    ]);
    for group in groups {
        for hit in &group.hits {
            table.push_row(vec![
                Cell::from(group.title.as_str()),
                Cell::from(hit.text.as_str()),
                Cell::from(hit.place.as_str()),
            ]);
        }
    }
    table
}

/// Projects whose name matched.
fn project_group(results: &SearchResults) -> Group {
    Group {
        title: tr!("search-group-projects"),
        total: results.projects.total,
        at_least: results.projects.at_least,
        hits: results
            .projects
            .items
            .iter()
            .map(|hit| Hit {
                text: hit.project.clone(),
                place: String::new(),
                open: Target::screen(Screen::Repositories {
                    project: hit.project.clone(),
                }),
                delete: DeleteItem::Project {
                    project: hit.project.clone(),
                },
            })
            .collect(),
    }
}

/// Repositories whose name or path matched.
fn repository_group(results: &SearchResults) -> Group {
    Group {
        title: tr!("search-group-repositories"),
        total: results.repositories.total,
        at_least: results.repositories.at_least,
        hits: results
            .repositories
            .items
            .iter()
            .map(|hit| Hit {
                text: hit.repository.clone(),
                place: hit.project.clone(),
                open: Target::screen(Screen::Repository {
                    project: hit.project.clone(),
                    name: hit.repository.clone(),
                }),
                delete: DeleteItem::Repository {
                    project: hit.project.clone(),
                    repository: hit.repository.clone(),
                },
            })
            .collect(),
    }
}

/// The artifact a tag or digest hit names.
struct FoundArtifact<'a> {
    project: &'a str,
    repository: &'a str,
    digest: &'a str,
    tags: &'a [String],
    size_bytes: Option<i64>,
}

impl FoundArtifact<'_> {
    /// The hit worded `text` that opens the artifact in its repository's whole list (filtered
    /// by `filter`, when given) and deletes it with its tags.
    fn hit(&self, text: String, filter: Option<String>) -> Hit {
        Hit {
            text,
            place: format!("{}/{}", self.project, self.repository),
            open: Target {
                screen: Screen::Repository {
                    project: self.project.to_owned(),
                    name: self.repository.to_owned(),
                },
                key: Some(self.digest.to_owned()),
                filter,
            },
            delete: DeleteItem::Artifact {
                project: self.project.to_owned(),
                repository: self.repository.to_owned(),
                digest: self.digest.to_owned(),
                tags: self.tags.to_vec(),
                size_bytes: self.size_bytes,
            },
        }
    }
}

/// Tags that matched, each opening its artifact.
fn tag_group(results: &SearchResults) -> Group {
    Group {
        title: tr!("search-group-tags"),
        total: results.tags.total,
        at_least: results.tags.at_least,
        hits: results
            .tags
            .items
            .iter()
            .map(|hit| {
                let artifact = FoundArtifact {
                    project: &hit.project,
                    repository: &hit.repository,
                    digest: &hit.digest,
                    tags: &hit.tags,
                    size_bytes: hit.size_bytes,
                };
                let text = tr!("search-hit-tag", tag = hit.tag.as_str());
                artifact.hit(text, Some(hit.tag.clone()))
            })
            .collect(),
    }
}

/// Artifacts whose digest matched.
fn digest_group(results: &SearchResults) -> Group {
    Group {
        title: tr!("search-group-digests"),
        total: results.digests.total,
        at_least: results.digests.at_least,
        hits: results
            .digests
            .items
            .iter()
            .map(|hit| {
                let artifact = FoundArtifact {
                    project: &hit.project,
                    repository: &hit.repository,
                    digest: &hit.digest,
                    tags: &hit.tags,
                    size_bytes: hit.size_bytes,
                };
                let text = match &hit.child_digest {
                    Some(child) => tr!(
                        "search-hit-platform-image",
                        digest = short_digest(child),
                        index = short_digest(&hit.digest)
                    ),
                    None => short_digest(&hit.digest),
                };
                artifact.hit(text, None)
            })
            .collect(),
    }
}

/// Charts whose name matched.
fn chart_group(results: &SearchResults) -> Group {
    Group {
        title: tr!("search-group-charts"),
        total: results.charts.total,
        at_least: results.charts.at_least,
        hits: results
            .charts
            .items
            .iter()
            .map(|hit| Hit {
                text: match &hit.latest_version {
                    Some(version) => format!("{} {version}", hit.chart),
                    None => hit.chart.clone(),
                },
                place: hit.project.clone(),
                open: Target {
                    screen: Screen::ProjectCharts {
                        project: hit.project.clone(),
                    },
                    key: Some(hit.chart.clone()),
                    filter: Some(hit.chart.clone()),
                },
                delete: DeleteItem::Chart {
                    project: hit.project.clone(),
                    chart: hit.chart.clone(),
                },
            })
            .collect(),
    }
}

/// How fresh the index is, in one weak line.
fn freshness_ui(ui: &mut Ui, freshness: Option<&Freshness>) {
    let Some(freshness) = freshness else {
        return;
    };
    let text = match freshness.last_complete_crawl_ms {
        _ if freshness.projects == 0 => tr!("search-index-empty"),
        Some(ms) => tr!(
            "search-freshness",
            artifacts = freshness.artifacts,
            ago = format_time_ago_ms(ms)
        ),
        None => tr!("search-freshness-never", artifacts = freshness.artifacts),
    };
    ui.label(RichText::new(text).small().weak());
}

/// `sha256:0123456789ab`: enough of a digest to recognise it.
fn short_digest(digest: &str) -> String {
    digest.chars().take(7 + 12).collect()
}
