//! The cleanup planner: the user picks a scope (the whole registry, a project or one
//! repository) and combines rules (`rules_form.rs`); the plan is made from the index off the
//! UI thread and shown before anything happens (`plan_table.rs`: every artifact that would go
//! with its tags, size, times and the rules that chose it; what the protections spare and why;
//! the totals; export). Deleting is a second, explicit step: "Delete N artifacts…" opens the
//! bulk delete's confirmation, and each artifact is checked against the server just before its
//! delete. Rule sets can be saved by name and run again.

mod plan_table;
mod rules_form;

use egui::{RichText, Ui};
use poll_promise::Promise;

use crate::activity::Via;
use crate::bulk_delete::DeleteItem;
use crate::cleanup::{CleanupError, IndexGap, Plan, RulesError, Scope, make_plan};
use crate::index::IndexError;
use crate::tasks::Fallback;
use crate::ui::bulk_dialog::{BulkDeleteDialog, BulkEnd, bulk_dialog_ui};
use crate::ui::commands::Command;
use crate::ui::export::Exporter;
use crate::ui::read_only::change_button;
use crate::ui::screen::Screen;
use crate::ui::view::{View, ViewContext};
use crate::ui::widgets::{format_bytes, moment_text, notice_ui};

use plan_table::{PlanList, plan_export, plan_table_ui, protected_table_ui};
use rules_form::RulesForm;

/// Why a plan could not be made.
enum PlanFailure {
    Cleanup(CleanupError),
    Index(IndexError),
    Stopped,
}

impl<T> Fallback for Result<T, PlanFailure> {
    fn after_panic() -> Self {
        Err(PlanFailure::Stopped)
    }
}

/// Which scope the user picked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum ScopeKind {
    #[default]
    Registry,
    Project,
    Repository,
}

/// The cleanup planner's state.
#[derive(Default)]
pub struct CleanupView {
    scope_kind: ScopeKind,
    project: String,
    repository: String,
    form: RulesForm,
    planning: Option<Promise<Result<Plan, PlanFailure>>>,
    plan: Option<Plan>,
    failure: Option<PlanFailure>,
    /// What the plan's table lists.
    list: PlanList,
    /// The execution: the bulk delete of the plan's artifacts.
    bulk: Option<BulkDeleteDialog>,
    /// Whether the plan shown has been executed (its list is then out of date).
    executed: bool,
    exporter: Exporter,
}

impl CleanupView {
    fn scope(&self) -> Option<Scope> {
        let (project, repository) = (self.project.trim(), self.repository.trim());
        match self.scope_kind {
            ScopeKind::Registry => Some(Scope::Registry),
            ScopeKind::Project if !project.is_empty() => Some(Scope::Project {
                project: project.to_owned(),
            }),
            ScopeKind::Repository if !project.is_empty() && !repository.is_empty() => {
                Some(Scope::Repository {
                    project: project.to_owned(),
                    repository: repository.to_owned(),
                })
            }
            _ => None,
        }
    }

    fn start_plan(&mut self, cx: &ViewContext<'_>) {
        let (Some(status), Some(scope)) = (cx.index.as_ref(), self.scope()) else {
            return;
        };
        let rules = self.form.rules();
        let index = status.index.clone();
        let now = crate::activity::now_ms();
        self.planning = Some(cx.tasks.spawn(async move {
            match index
                .run(move |index| Ok(make_plan(index, &scope, &rules, now)))
                .await
            {
                Ok(Ok(plan)) => Ok(plan),
                Ok(Err(error)) => Err(PlanFailure::Cleanup(error)),
                Err(error) => Err(PlanFailure::Index(error)),
            }
        }));
        self.failure = None;
    }

    fn poll(&mut self) {
        let Some(promise) = self.planning.take() else {
            return;
        };
        match promise.try_take() {
            Ok(Ok(plan)) => {
                self.plan = Some(plan);
                self.executed = false;
                self.list = PlanList::default();
            }
            Ok(Err(failure)) => self.failure = Some(failure),
            Err(promise) => self.planning = Some(promise),
        }
    }

    fn scope_ui(&mut self, ui: &mut Ui) {
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(tr!("cleanup-scope")).strong());
            ui.radio_value(
                &mut self.scope_kind,
                ScopeKind::Registry,
                tr!("cleanup-scope-registry"),
            );
            ui.radio_value(
                &mut self.scope_kind,
                ScopeKind::Project,
                tr!("cleanup-scope-project"),
            );
            ui.radio_value(
                &mut self.scope_kind,
                ScopeKind::Repository,
                tr!("cleanup-scope-repository"),
            );
            if self.scope_kind != ScopeKind::Registry {
                let label = ui.label(tr!("cleanup-project"));
                ui.add(egui::TextEdit::singleline(&mut self.project).desired_width(140.0))
                    .labelled_by(label.id);
            }
            if self.scope_kind == ScopeKind::Repository {
                let label = ui.label(tr!("cleanup-repository"));
                ui.add(egui::TextEdit::singleline(&mut self.repository).desired_width(200.0))
                    .labelled_by(label.id);
            }
        });
    }

    fn plan_button_ui(&mut self, ui: &mut Ui, cx: &ViewContext<'_>) {
        let problem = match (self.scope(), self.form.rules().check()) {
            (None, _) => Some(tr!("cleanup-scope-missing")),
            (_, Err(error)) => Some(rules_error_text(&error)),
            _ => None,
        };
        ui.horizontal(|ui| {
            let busy = self.planning.is_some();
            let button = ui
                .add_enabled(
                    problem.is_none() && !busy && cx.index.is_some(),
                    egui::Button::new(RichText::new(tr!("cleanup-make-plan")).strong()),
                )
                .on_hover_text(tr!("cleanup-make-plan-hint"));
            if button.clicked() {
                self.start_plan(cx);
            }
            if busy {
                ui.spinner();
                ui.label(tr!("cleanup-planning"));
            } else if let Some(problem) = problem {
                ui.label(RichText::new(problem).weak());
            }
        });
    }

    fn plan_ui(&mut self, ui: &mut Ui, cx: &mut ViewContext<'_>) {
        if let Some(failure) = &self.failure {
            let text = match failure {
                PlanFailure::Cleanup(CleanupError::Rules(error)) => rules_error_text(error),
                PlanFailure::Cleanup(CleanupError::Index(error)) | PlanFailure::Index(error) => {
                    tr!("cleanup-index-failed", detail = error.to_string())
                }
                PlanFailure::Stopped => tr!("cleanup-stopped"),
            };
            ui.colored_label(ui.visuals().error_fg_color, text);
        }
        let Some(plan) = &self.plan else {
            notice_ui(ui, tr!("cleanup-no-plan"));
            return;
        };
        plan_summary_ui(ui, plan, self.executed);
        let totals = plan.totals;
        let mut execute = false;
        ui.horizontal(|ui| {
            ui.selectable_value(
                &mut self.list,
                PlanList::Chosen,
                tr!("cleanup-list-chosen", count = totals.artifacts),
            );
            ui.selectable_value(
                &mut self.list,
                PlanList::Protected,
                tr!("cleanup-list-protected", count = totals.protected),
            );
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                let can = totals.artifacts > 0 && !self.executed && !cx.offline;
                if change_button(ui, can, tr!("cleanup-execute", count = totals.artifacts))
                    .on_hover_text(tr!("cleanup-execute-hint"))
                    .clicked()
                {
                    execute = true;
                }
                let export_plan = plan.clone();
                self.exporter.menu_ui(
                    ui,
                    cx,
                    totals.artifacts > 0 || totals.protected > 0,
                    move || plan_export(&export_plan),
                );
            });
        });
        ui.separator();
        match self.list {
            PlanList::Chosen => plan_table_ui(ui, plan),
            PlanList::Protected => protected_table_ui(ui, plan),
        }
        if execute {
            let items = plan
                .chosen()
                .map(|planned| DeleteItem::Planned(Box::new(planned.clone())))
                .collect();
            self.bulk = Some(BulkDeleteDialog::new(items, Via::Cleanup));
        }
    }
}

impl View for CleanupView {
    fn open(&mut self, screen: &Screen) -> bool {
        *screen == Screen::Cleanup
    }

    fn reload(&mut self, _cx: &ViewContext<'_>) {}

    fn leave(&mut self) {}

    fn reveal(&mut self, key: &str, _filter: Option<&str>) {
        // `project` or `project/repository`: the scope to plan for.
        match key.split_once('/') {
            Some((project, repository)) => {
                self.scope_kind = ScopeKind::Repository;
                project.clone_into(&mut self.project);
                repository.clone_into(&mut self.repository);
            }
            None if key.is_empty() => self.scope_kind = ScopeKind::Registry,
            None => {
                self.scope_kind = ScopeKind::Project;
                key.clone_into(&mut self.project);
            }
        }
    }

    fn ui(&mut self, ui: &mut Ui, cx: &mut ViewContext<'_>) {
        self.poll();
        ui.heading(tr!("nav-cleanup"));
        ui.label(RichText::new(tr!("cleanup-explain")).weak());
        if cx.index.is_none() {
            notice_ui(ui, tr!("cleanup-no-index"));
            return;
        }
        ui.add_space(4.0);
        self.scope_ui(ui);
        if let Some(command) = self.form.ui(ui, cx.saved_rules) {
            cx.commands.push(command);
        }
        self.plan_button_ui(ui, cx);
        ui.separator();
        self.plan_ui(ui, cx);
        if let BulkEnd::Ran(_) = bulk_dialog_ui(&mut self.bulk, ui.ctx(), cx) {
            self.executed = true;
            cx.commands.push(Command::Reload);
        }
    }
}

/// A plan's totals and its warnings: unknown sizes, shared layers, indexes that take their
/// platform images, the parts of the scope the index holds only partly, a plan carried out.
fn plan_summary_ui(ui: &mut Ui, plan: &Plan, executed: bool) {
    let totals = plan.totals;
    let made = moment_text(plan.made_at_ms).unwrap_or_default();
    ui.label(
        RichText::new(tr!(
            "cleanup-totals",
            count = totals.artifacts,
            repositories = plan
                .repositories
                .iter()
                .filter(|r| !r.chosen.is_empty())
                .count(),
            size = format_bytes(totals.size_bytes),
            tags = totals.tags
        ))
        .heading(),
    );
    ui.label(
        RichText::new(tr!(
            "cleanup-totals-more",
            examined = totals.artifacts_examined,
            protected = totals.protected,
            kept = totals.kept_newest,
            made = made
        ))
        .weak(),
    );
    if totals.unknown_sizes > 0 {
        ui.label(RichText::new(tr!("cleanup-unknown-sizes", count = totals.unknown_sizes)).weak());
    }
    ui.label(RichText::new(tr!("cleanup-shared-layers")).weak().small());
    let indexes = plan
        .chosen()
        .filter(|artifact| artifact.is_index && artifact.children > 0)
        .count();
    if indexes > 0 {
        ui.colored_label(
            ui.visuals().warn_fg_color,
            tr!("cleanup-indexes-take-children", count = indexes),
        );
    }
    for gap in plan.gaps.iter().take(5) {
        ui.colored_label(ui.visuals().warn_fg_color, gap_text(gap));
    }
    if plan.gaps.len() > 5 {
        let more = plan.gaps.len() - 5;
        ui.colored_label(
            ui.visuals().warn_fg_color,
            tr!("cleanup-gaps-more", count = more),
        );
    }
    if executed {
        ui.colored_label(ui.visuals().warn_fg_color, tr!("cleanup-executed"));
    }
}

/// Why the rules cannot make a plan, in words.
fn rules_error_text(error: &RulesError) -> String {
    match error {
        RulesError::NoRule => tr!("cleanup-no-rule"),
        RulesError::EmptyPattern(_) => tr!("cleanup-empty-pattern"),
    }
}

/// Where the index does not hold the whole scope, in words.
fn gap_text(gap: &IndexGap) -> String {
    match gap {
        IndexGap::NotInIndex => tr!("cleanup-gap-not-in-index"),
        IndexGap::ProjectsNotListed => tr!("cleanup-gap-projects"),
        IndexGap::RepositoriesNotListed { project } => {
            tr!("cleanup-gap-repositories", project = project.as_str())
        }
        IndexGap::ArtifactsNotListed {
            project,
            repository,
        } => tr!(
            "cleanup-gap-artifacts",
            project = project.as_str(),
            repository = repository.as_str()
        ),
    }
}
