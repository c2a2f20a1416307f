//! The cleanup planner: which artifacts a cleanup would delete, chosen by rules from the
//! registry index, with the protections no rule overrides, and the check made just before each
//! delete. No UI and no deleting here: the screen shows a [`Plan`], the bulk delete runner asks
//! [`verify`] about each artifact right before deleting it.
//!
//! # How the rules combine
//!
//! Every rule of [`Rules`] is optional. For each repository of the [`Scope`], from the
//! artifacts the index holds:
//!
//! 1. **Selection (AND).** An artifact is *selected* when every enabled selection rule holds
//!    for it:
//!    - [`Rules::untagged`]: it has no tag;
//!    - [`Rules::pushed_more_than_days`] `N`: its push time is more than `N` days before the
//!      plan's time (`push < now − N days`); an unknown push time never holds;
//!    - [`Rules::not_pulled_for_days`] `N`: its last pull is more than `N` days before the
//!      plan's time; an artifact never pulled (or whose pull time is not known) counts from
//!      its push time; with neither known it never holds;
//!    - [`Rules::tag_matches`] `P`: at least one of its tags matches `P` ([`TagPattern`]);
//!      false for an untagged artifact;
//!    - [`Rules::tag_does_not_match`] `P`: none of its tags matches `P`; true for an untagged
//!      artifact.
//!
//!    With no selection rule enabled (only [`Rules::keep_newest`]), every artifact is
//!    selected. With no rule at all, [`make_plan`] refuses ([`RulesError::NoRule`]).
//! 2. **Keep newest (minus).** With [`Rules::keep_newest`] `N`, the repository's `N` newest
//!    artifacts by push time (an unknown push time counts as the newest; ties by digest,
//!    smaller first) are kept whatever the selection says. Selected artifacts kept this way
//!    are only counted ([`RepositoryPlan::kept_newest`]).
//! 3. **Protections (minus, to a fixed point).** From the rest, these are spared and listed
//!    with their reasons ([`ProtectedArtifact`]); *kept* means every artifact of the
//!    repository that is not (or no longer) in the plan:
//!    - [`Protection::TagsUnknown`]: the index could not read its tags;
//!    - [`Protection::ChildOfKeptIndex`]: it is a child (a reference) of an index of the same
//!      repository that is kept, even when untagged;
//!    - [`Protection::TaggedIndexWithKeptChildren`]: it is a tagged index and at least one of
//!      its children that the repository lists as an artifact of its own is kept. Children
//!      the index does not list on their own are part of the index and go with it.
//!
//!    Sparing one artifact can spare others (a spared index protects its children, a spared
//!    child protects its tagged indexes), so the protections are applied until nothing
//!    changes. Each step only takes artifacts out of the plan, so this ends, and the result —
//!    the largest subset of the artifacts left after steps 1–2 in which no protection applies
//!    — does not depend on the order the steps are taken in. Children of an index in the plan
//!    that are themselves not chosen simply stay kept (the index goes, they do not).
//!
//! The artifacts left are the plan; each records which rules chose it
//! ([`PlannedArtifact::chosen_by`]: every enabled selection rule, and
//! [`RuleKind::OutsideNewest`] when keep-newest is enabled).
//!
//! # At execution
//!
//! The runner re-reads the repository ([`reread_repository`]) just before deleting, and
//! [`verify`] decides for each planned artifact: gone, tags changed (a tag pushed in between
//! survives), tags unreadable, now referenced by an index, pulled since the plan when the
//! not-pulled rule chose it — each a [`SkipReason`]; otherwise [`Verdict::Delete`].
//! Within a repository the plan lists artifacts that a planned index references after
//! the indexes, which is the order to delete them in.

mod plan;
mod rules;
mod verify;

pub use crate::index::cleanup_rows::IndexGap;
pub use plan::{
    Plan, PlanTotals, PlannedArtifact, ProtectedArtifact, Protection, RepositoryPlan, Scope,
    make_plan,
};
pub use rules::{DAY_MS, RuleKind, Rules, RulesError, SavedRules, TagPattern};
pub use verify::{REREAD_PAGE_SIZE, SkipReason, Verdict, reread_repository, verify};

use crate::index::IndexError;

/// Why a plan could not be made. The UI words these; they carry facts only.
#[derive(Debug, thiserror::Error)]
pub enum CleanupError {
    /// The rules cannot make a plan.
    #[error(transparent)]
    Rules(#[from] RulesError),
    /// The index could not be read.
    #[error(transparent)]
    Index(#[from] IndexError),
}
