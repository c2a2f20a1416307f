//! Making a plan: the scope's artifacts from the index, one repository at a time, through the
//! rules and the protections (the semantics are in [`crate::cleanup`]).

use std::cmp::Ordering;
use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::rules::{DAY_MS, RuleKind, Rules, TagPattern};
use super::{CleanupError, IndexGap};
use crate::index::Index;
use crate::index::cleanup_rows::{ScanScope, ScannedArtifact, ScannedRepository};

/// What a plan covers.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Scope {
    /// Every repository the index holds.
    Registry,
    /// Every repository of one project.
    Project {
        /// The project.
        project: String,
    },
    /// One repository.
    Repository {
        /// Its project.
        project: String,
        /// Its name, possibly multi-level.
        repository: String,
    },
}

impl Scope {
    fn scan_scope(&self) -> ScanScope<'_> {
        match self {
            Self::Registry => ScanScope::Registry,
            Self::Project { project } => ScanScope::Project(project),
            Self::Repository {
                project,
                repository,
            } => ScanScope::Repository {
                project,
                repository,
            },
        }
    }
}

/// An artifact a plan chose (or would have chosen, for a [`ProtectedArtifact`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlannedArtifact {
    /// Its project.
    pub project: String,
    /// Its repository.
    pub repository: String,
    /// `sha256:…`.
    pub digest: String,
    /// Its tags when the plan was made, in the server's order (what goes with it).
    pub tags: Vec<String>,
    /// Its size in bytes, when known (an index's includes its platform images').
    pub size_bytes: Option<i64>,
    /// When it was pushed (ms since the Unix epoch), when known.
    pub push_ms: Option<i64>,
    /// When it was last pulled (ms since the Unix epoch); `None` when never or not known
    /// ([`Self::never_pulled`] tells which).
    pub pull_ms: Option<i64>,
    /// True when the server said it was never pulled.
    pub never_pulled: bool,
    /// Whether it is an image index.
    pub is_index: bool,
    /// How many children (platform images) it references.
    pub children: usize,
    /// The digests of the indexes of this plan that reference it: deleting them may delete it
    /// with them (sorted).
    pub planned_parents: Vec<String>,
    /// The rules that chose it, in [`RuleKind`] order.
    pub chosen_by: Vec<RuleKind>,
}

/// Why an artifact the rules chose is spared.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Protection {
    /// The index could not read its tags: what a delete would take is not known.
    TagsUnknown,
    /// It is a child of these kept indexes of its repository (sorted digests).
    ChildOfKeptIndex {
        /// The kept indexes referencing it.
        indexes: Vec<String>,
    },
    /// It is a tagged index and these of its children, listed as artifacts of the repository,
    /// are kept (sorted digests).
    TaggedIndexWithKeptChildren {
        /// The kept children.
        kept_children: Vec<String>,
    },
}

/// An artifact the rules chose that a protection spares.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProtectedArtifact {
    /// The artifact, with the rules that chose it.
    pub artifact: PlannedArtifact,
    /// Every protection that applies to it in the final plan (at least one).
    pub reasons: Vec<Protection>,
}

/// One repository's part of a plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RepositoryPlan {
    /// Its project.
    pub project: String,
    /// Its name.
    pub repository: String,
    /// When the index last listed its artifacts completely, if ever.
    pub artifacts_listed_ms: Option<i64>,
    /// Its artifacts the plan looked at (what the index holds).
    pub examined: u64,
    /// Selected artifacts kept as among the newest ([`Rules::keep_newest`]).
    pub kept_newest: u64,
    /// What goes: artifacts referenced by a planned index after the indexes, then oldest push
    /// first (unknown push last), then by digest.
    pub chosen: Vec<PlannedArtifact>,
    /// What the protections spare, in the same order.
    pub protected: Vec<ProtectedArtifact>,
}

/// A plan's totals.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanTotals {
    /// Repositories looked at.
    pub repositories_examined: u64,
    /// Artifacts looked at.
    pub artifacts_examined: u64,
    /// Artifacts chosen.
    pub artifacts: u64,
    /// Tags on them (what goes with them).
    pub tags: u64,
    /// Their sizes added up, in bytes, each artifact once: an artifact referenced by a chosen
    /// index of its repository is inside the index's size and is not added again; unknown and
    /// negative sizes add nothing. Blobs shared with what stays make the space really freed
    /// smaller.
    pub size_bytes: u64,
    /// Chosen artifacts whose size is unknown (not in [`Self::size_bytes`]).
    pub unknown_sizes: u64,
    /// Artifacts the protections spared.
    pub protected: u64,
    /// Selected artifacts kept as among their repository's newest.
    pub kept_newest: u64,
}

/// A cleanup plan: what would be deleted, what is spared and why, made at one time from the
/// index.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Plan {
    /// What it covers.
    pub scope: Scope,
    /// The rules it applied.
    pub rules: Rules,
    /// The time its ages are measured from (ms since the Unix epoch).
    pub made_at_ms: i64,
    /// The repositories with something chosen or protected, by project then name.
    pub repositories: Vec<RepositoryPlan>,
    /// The totals.
    pub totals: PlanTotals,
    /// Where the index does not hold all of the scope (sorted): the plan may miss artifacts
    /// there, so the UI warns.
    pub gaps: Vec<IndexGap>,
}

impl Plan {
    /// Every chosen artifact, repository by repository.
    pub fn chosen(&self) -> impl Iterator<Item = &PlannedArtifact> {
        self.repositories.iter().flat_map(|r| r.chosen.iter())
    }

    /// Every protected artifact, repository by repository.
    pub fn protected(&self) -> impl Iterator<Item = &ProtectedArtifact> {
        self.repositories.iter().flat_map(|r| r.protected.iter())
    }

    /// True when the index held all of the scope.
    pub fn is_complete(&self) -> bool {
        self.gaps.is_empty()
    }
}

/// Makes the plan of `rules` over `scope` from `index`, with ages measured from `now_ms`.
/// Blocking: reads the index (one repository at a time) on the calling thread; run it off
/// the UI thread.
pub fn make_plan(
    index: &Index,
    scope: &Scope,
    rules: &Rules,
    now_ms: i64,
) -> Result<Plan, CleanupError> {
    rules.check()?;
    let compiled = Compiled::new(rules, now_ms);
    let mut repositories = Vec::new();
    let mut totals = PlanTotals::default();
    let gaps = index.scan_for_cleanup(scope.scan_scope(), |scanned| {
        let planned = plan_repository(scanned, &compiled);
        add_totals(&mut totals, &planned);
        if !(planned.chosen.is_empty() && planned.protected.is_empty()) {
            repositories.push(planned);
        }
    })?;
    Ok(Plan {
        scope: scope.clone(),
        rules: rules.clone(),
        made_at_ms: now_ms,
        repositories,
        totals,
        gaps,
    })
}

/// The rules ready to apply: patterns parsed, ages turned into cut-off times.
struct Compiled {
    untagged: bool,
    pushed_before_ms: Option<i64>,
    last_used_before_ms: Option<i64>,
    keep_newest: Option<usize>,
    tag_matches: Option<TagPattern>,
    tag_does_not_match: Option<TagPattern>,
    chosen_by: Vec<RuleKind>,
}

impl Compiled {
    fn new(rules: &Rules, now_ms: i64) -> Self {
        let cutoff = |days: u32| now_ms.saturating_sub(i64::from(days).saturating_mul(DAY_MS));
        let mut chosen_by = rules.selection_kinds();
        if rules.keep_newest.is_some() {
            chosen_by.push(RuleKind::OutsideNewest);
        }
        Self {
            untagged: rules.untagged,
            pushed_before_ms: rules.pushed_more_than_days.map(cutoff),
            last_used_before_ms: rules.not_pulled_for_days.map(cutoff),
            keep_newest: rules
                .keep_newest
                .map(|n| usize::try_from(n).unwrap_or(usize::MAX)),
            tag_matches: rules.tag_matches.as_deref().map(TagPattern::new),
            tag_does_not_match: rules.tag_does_not_match.as_deref().map(TagPattern::new),
            chosen_by,
        }
    }

    /// Whether every enabled selection rule holds for `artifact`.
    fn selects(&self, artifact: &ScannedArtifact) -> bool {
        if self.untagged && !artifact.tags.is_empty() {
            return false;
        }
        if let Some(before) = self.pushed_before_ms
            && artifact.push_ms.is_none_or(|push| push >= before)
        {
            return false;
        }
        if let Some(before) = self.last_used_before_ms
            && artifact
                .pull_ms
                .or(artifact.push_ms)
                .is_none_or(|used| used >= before)
        {
            return false;
        }
        if let Some(pattern) = &self.tag_matches
            && !pattern.matches_any(&artifact.tags)
        {
            return false;
        }
        if let Some(pattern) = &self.tag_does_not_match
            && pattern.matches_any(&artifact.tags)
        {
            return false;
        }
        true
    }
}

/// Newest first: unknown push times before known ones, then later pushes first, then smaller
/// digests first.
fn newest_first(a: &ScannedArtifact, b: &ScannedArtifact) -> Ordering {
    match (a.push_ms, b.push_ms) {
        (None, None) => Ordering::Equal,
        (None, Some(_)) => Ordering::Less,
        (Some(_), None) => Ordering::Greater,
        (Some(x), Some(y)) => y.cmp(&x),
    }
    .then_with(|| a.digest.cmp(&b.digest))
}

/// Where an artifact stands while a repository is planned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Standing {
    /// Not selected, or kept as among the newest.
    Kept,
    /// Selected, and in the plan so far.
    InPlan,
    /// Selected, and spared by a protection.
    Protected,
}

fn plan_repository(scanned: ScannedRepository, rules: &Compiled) -> RepositoryPlan {
    let ScannedRepository {
        project,
        repository,
        artifacts_listed_ms,
        artifacts,
    } = scanned;
    let (mut standing, kept_newest) = select(&artifacts, rules);
    let graph = Graph::of(&artifacts);
    protect(&artifacts, &graph, &mut standing);
    let records = records(&artifacts, &graph, &standing);
    drop(graph);
    let examined = artifacts.len() as u64;
    let mut chosen = Vec::new();
    let mut protected = Vec::new();
    for ((artifact, record), standing) in artifacts.into_iter().zip(records).zip(standing) {
        let Some((planned_parents, reasons)) = record else {
            continue;
        };
        let artifact = planned(&project, &repository, artifact, planned_parents, rules);
        if standing == Standing::Protected {
            protected.push(ProtectedArtifact { artifact, reasons });
        } else {
            chosen.push(artifact);
        }
    }
    chosen.sort_by(plan_order);
    protected.sort_by(|a, b| plan_order(&a.artifact, &b.artifact));
    RepositoryPlan {
        project,
        repository,
        artifacts_listed_ms,
        examined,
        kept_newest,
        chosen,
        protected,
    }
}

/// Steps 1 and 2 and the unreadable tags: where each artifact stands before the protections
/// between indexes and their children, and how many selected ones keep-newest kept.
fn select(artifacts: &[ScannedArtifact], rules: &Compiled) -> (Vec<Standing>, u64) {
    let selected: Vec<bool> = artifacts.iter().map(|a| rules.selects(a)).collect();
    let mut standing: Vec<Standing> = selected
        .iter()
        .map(|s| if *s { Standing::InPlan } else { Standing::Kept })
        .collect();
    let mut kept_newest = 0;
    if let Some(keep) = rules.keep_newest {
        let mut order: Vec<usize> = (0..artifacts.len()).collect();
        order.sort_by(|x, y| newest_first(&artifacts[*x], &artifacts[*y]));
        for &i in order.iter().take(keep) {
            if selected[i] {
                kept_newest += 1;
                standing[i] = Standing::Kept;
            }
        }
    }
    for (artifact, standing) in artifacts.iter().zip(standing.iter_mut()) {
        if artifact.tags_unreadable && *standing == Standing::InPlan {
            *standing = Standing::Protected;
        }
    }
    (standing, kept_newest)
}

/// The references between a repository's own artifacts, by position in its list.
struct Graph {
    /// For each artifact, the indexes of the repository that reference it.
    parents: Vec<Vec<usize>>,
    /// For each index, its children that the repository lists as artifacts.
    listed_children: Vec<Vec<usize>>,
}

impl Graph {
    fn of(artifacts: &[ScannedArtifact]) -> Self {
        let by_digest: HashMap<&str, usize> = artifacts
            .iter()
            .enumerate()
            .map(|(i, a)| (a.digest.as_str(), i))
            .collect();
        let mut parents: Vec<Vec<usize>> = vec![Vec::new(); artifacts.len()];
        let mut listed_children: Vec<Vec<usize>> = vec![Vec::new(); artifacts.len()];
        for (parent, artifact) in artifacts.iter().enumerate() {
            for child in &artifact.children {
                if let Some(&child) = by_digest.get(child.as_str())
                    && child != parent
                    && !listed_children[parent].contains(&child)
                {
                    listed_children[parent].push(child);
                    parents[child].push(parent);
                }
            }
        }
        Self {
            parents,
            listed_children,
        }
    }
}

/// Step 3 to its fixed point: each artifact that is or becomes kept is looked at once, and
/// spares its children in the plan (a kept index) and its tagged parents in the plan (a kept
/// child). Linear in artifacts and references.
fn protect(artifacts: &[ScannedArtifact], graph: &Graph, standing: &mut [Standing]) {
    let mut to_visit: Vec<usize> = (0..standing.len())
        .filter(|&i| standing[i] != Standing::InPlan)
        .collect();
    while let Some(kept) = to_visit.pop() {
        for &child in &graph.listed_children[kept] {
            if standing[child] == Standing::InPlan {
                standing[child] = Standing::Protected;
                to_visit.push(child);
            }
        }
        for &parent in &graph.parents[kept] {
            if standing[parent] == Standing::InPlan && !artifacts[parent].tags.is_empty() {
                standing[parent] = Standing::Protected;
                to_visit.push(parent);
            }
        }
    }
}

/// What each chosen or protected artifact records (`None` for the kept): its planned parents
/// and, when protected, every protection that applies in the final plan.
fn records(
    artifacts: &[ScannedArtifact],
    graph: &Graph,
    standing: &[Standing],
) -> Vec<Option<(Vec<String>, Vec<Protection>)>> {
    let digests_where = |list: &[usize], in_plan: bool| {
        let mut digests: Vec<String> = list
            .iter()
            .filter(|&&i| (standing[i] == Standing::InPlan) == in_plan)
            .map(|&i| artifacts[i].digest.clone())
            .collect();
        digests.sort();
        digests
    };
    artifacts
        .iter()
        .enumerate()
        .map(|(i, artifact)| {
            let planned_parents = digests_where(&graph.parents[i], true);
            match standing[i] {
                Standing::Kept => None,
                Standing::InPlan => Some((planned_parents, Vec::new())),
                Standing::Protected => {
                    let mut reasons = Vec::new();
                    if artifact.tags_unreadable {
                        reasons.push(Protection::TagsUnknown);
                    }
                    let indexes = digests_where(&graph.parents[i], false);
                    if !indexes.is_empty() {
                        reasons.push(Protection::ChildOfKeptIndex { indexes });
                    }
                    if !artifact.tags.is_empty() {
                        let kept_children = digests_where(&graph.listed_children[i], false);
                        if !kept_children.is_empty() {
                            reasons.push(Protection::TaggedIndexWithKeptChildren { kept_children });
                        }
                    }
                    Some((planned_parents, reasons))
                }
            }
        })
        .collect()
}

fn planned(
    project: &str,
    repository: &str,
    artifact: ScannedArtifact,
    planned_parents: Vec<String>,
    rules: &Compiled,
) -> PlannedArtifact {
    PlannedArtifact {
        project: project.to_owned(),
        repository: repository.to_owned(),
        is_index: artifact.is_index(),
        children: artifact.children.len(),
        digest: artifact.digest,
        tags: artifact.tags,
        size_bytes: artifact.size_bytes,
        push_ms: artifact.push_ms,
        pull_ms: artifact.pull_ms,
        never_pulled: artifact.never_pulled,
        planned_parents,
        chosen_by: rules.chosen_by.clone(),
    }
}

/// Artifacts a planned index references after the others, then oldest push first (unknown
/// last), then by digest.
fn plan_order(a: &PlannedArtifact, b: &PlannedArtifact) -> Ordering {
    let push = match (a.push_ms, b.push_ms) {
        (None, None) => Ordering::Equal,
        (None, Some(_)) => Ordering::Greater,
        (Some(_), None) => Ordering::Less,
        (Some(x), Some(y)) => x.cmp(&y),
    };
    a.planned_parents
        .is_empty()
        .cmp(&b.planned_parents.is_empty())
        .reverse()
        .then(push)
        .then_with(|| a.digest.cmp(&b.digest))
}

fn add_totals(totals: &mut PlanTotals, planned: &RepositoryPlan) {
    totals.repositories_examined += 1;
    totals.artifacts_examined += planned.examined;
    totals.kept_newest += planned.kept_newest;
    totals.protected += planned.protected.len() as u64;
    for artifact in &planned.chosen {
        totals.artifacts += 1;
        totals.tags += artifact.tags.len() as u64;
        if !artifact.planned_parents.is_empty() {
            continue; // inside a chosen index's size
        }
        match artifact.size_bytes {
            Some(size) => totals.size_bytes += u64::try_from(size).unwrap_or(0),
            None => totals.unknown_sizes += 1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn artifact(digest: &str, tags: &[&str], push_ms: i64, children: &[&str]) -> ScannedArtifact {
        ScannedArtifact {
            digest: digest.to_owned(),
            size_bytes: Some(10),
            push_ms: Some(push_ms),
            pull_ms: None,
            never_pulled: true,
            manifest_media_type: String::new(),
            tags_unreadable: false,
            tags: tags.iter().map(|t| (*t).to_owned()).collect(),
            children: children.iter().map(|c| (*c).to_owned()).collect(),
        }
    }

    fn plan_of(artifacts: Vec<ScannedArtifact>, rules: &Rules) -> RepositoryPlan {
        plan_repository(
            ScannedRepository {
                project: "p".to_owned(),
                repository: "r".to_owned(),
                artifacts_listed_ms: Some(1),
                artifacts,
            },
            &Compiled::new(rules, 100 * DAY_MS),
        )
    }

    fn digests(list: &[PlannedArtifact]) -> Vec<&str> {
        let mut out: Vec<&str> = list.iter().map(|a| a.digest.as_str()).collect();
        out.sort_unstable();
        out
    }

    #[test]
    fn protections_cascade_to_their_fixed_point() {
        // i1 (tagged, old) → c1 (old), c2 (new); i0 (tagged, old) → i1. Old: pushed on day 1.
        let old = DAY_MS;
        let new = 99 * DAY_MS;
        let rules = Rules {
            pushed_more_than_days: Some(30),
            ..Rules::default()
        };
        let plan = plan_of(
            vec![
                artifact("c1", &[], old, &[]),
                artifact("c2", &[], new, &[]),
                artifact("i1", &["v1"], old, &["c1", "c2"]),
                artifact("i0", &["v0"], old, &["i1"]),
                artifact("a", &[], old, &[]),
            ],
            &rules,
        );
        // c2 kept → i1 spared (tagged, kept child) → c1 spared (child of kept i1), and i0
        // spared (tagged, kept child i1). Reasons are those of the final plan: i1 keeps c1 too.
        assert_eq!(digests(&plan.chosen), ["a"]);
        let reasons: HashMap<&str, &[Protection]> = plan
            .protected
            .iter()
            .map(|p| (p.artifact.digest.as_str(), p.reasons.as_slice()))
            .collect();
        let names = |list: &[&str]| list.iter().map(|n| (*n).to_owned()).collect::<Vec<_>>();
        assert_eq!(
            reasons["i1"],
            [
                Protection::ChildOfKeptIndex {
                    indexes: names(&["i0"])
                },
                Protection::TaggedIndexWithKeptChildren {
                    kept_children: names(&["c1", "c2"])
                }
            ]
        );
        assert_eq!(
            reasons["c1"],
            [Protection::ChildOfKeptIndex {
                indexes: names(&["i1"])
            }]
        );
        assert_eq!(
            reasons["i0"],
            [Protection::TaggedIndexWithKeptChildren {
                kept_children: names(&["i1"])
            }]
        );
        assert_eq!(plan.protected.len(), 3);
    }

    #[test]
    fn an_untagged_index_goes_and_its_kept_children_stay() {
        let rules = Rules {
            pushed_more_than_days: Some(30),
            ..Rules::default()
        };
        let plan = plan_of(
            vec![
                artifact("c1", &[], DAY_MS, &[]),
                artifact("c2", &[], 99 * DAY_MS, &[]),
                artifact("i", &[], DAY_MS, &["c1", "c2"]),
            ],
            &rules,
        );
        assert_eq!(digests(&plan.chosen), ["c1", "i"]);
        assert!(plan.protected.is_empty());
        assert_eq!(plan.chosen[0].digest, "i", "the index before its child");
        assert_eq!(plan.chosen[1].planned_parents, ["i"]);
        let mut totals = PlanTotals::default();
        add_totals(&mut totals, &plan);
        assert_eq!(
            totals.size_bytes, 10,
            "the child is inside the index's size"
        );
    }

    #[test]
    fn keep_newest_keeps_by_push_time_then_digest() {
        let rules = Rules {
            keep_newest: Some(2),
            ..Rules::default()
        };
        let plan = plan_of(
            vec![
                artifact("b", &[], 5, &[]),
                artifact("a", &[], 5, &[]),
                artifact("c", &[], 9, &[]),
                artifact("d", &[], 1, &[]),
            ],
            &rules,
        );
        assert_eq!(digests(&plan.chosen), ["b", "d"]);
        assert_eq!(plan.kept_newest, 2);
        assert_eq!(plan.chosen[0].chosen_by, [RuleKind::OutsideNewest]);
    }
}
