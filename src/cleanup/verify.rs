//! The check made just before each delete: the repository read again from the server, and the
//! planned artifact compared with what it holds now.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use super::plan::PlannedArtifact;
use super::rules::RuleKind;
use crate::api::models::{Artifact, Timestamp};
use crate::api::{ApiError, CcrClient, PageRequest};

/// The page size [`reread_repository`] asks for.
pub const REREAD_PAGE_SIZE: u32 = 100;

/// What to do with a planned artifact, given what the server holds now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Verdict {
    /// Nothing that matters changed since the plan: delete it.
    Delete,
    /// Leave it.
    Skip(SkipReason),
}

/// Why a planned artifact is left. The UI words these.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum SkipReason {
    /// The repository no longer lists it (deleted elsewhere, or by deleting an index that held
    /// it).
    Gone,
    /// Its tags are not the ones of the plan (a tag was pushed, moved or deleted in between).
    TagsChanged {
        /// The tags when the plan was made.
        before: Vec<String>,
        /// The tags now, in the server's order.
        after: Vec<String>,
    },
    /// The server's answer had a tag list that could not be read.
    TagsUnknown,
    /// An index the repository lists now references it: the server keeps it for that index
    /// (delete the index first, when it is planned too).
    ChildOfIndex {
        /// The index's digest.
        index: String,
    },
    /// The not-pulled rule chose it, and it has been pulled since the plan was made.
    PulledSincePlan {
        /// The pull time of the plan (ms since the Unix epoch), if it had been pulled.
        before_ms: Option<i64>,
        /// The pull time now.
        after_ms: i64,
    },
}

/// Decides whether `planned` may be deleted, given `current`: its repository's artifacts as the
/// server lists them now ([`reread_repository`], just before the delete).
pub fn verify(planned: &PlannedArtifact, current: &[Artifact]) -> Verdict {
    let Some(now) = current.iter().find(|a| a.digest == planned.digest) else {
        return Verdict::Skip(SkipReason::Gone);
    };
    if now.tags_unreadable {
        return Verdict::Skip(SkipReason::TagsUnknown);
    }
    let after: Vec<String> = now.tags.iter().map(|t| t.name.clone()).collect();
    if sorted(&planned.tags) != sorted(&after) {
        return Verdict::Skip(SkipReason::TagsChanged {
            before: planned.tags.clone(),
            after,
        });
    }
    if let Some(index) = current.iter().find(|a| {
        a.digest != planned.digest
            && a.references
                .iter()
                .any(|r| r.child_digest == planned.digest)
    }) {
        return Verdict::Skip(SkipReason::ChildOfIndex {
            index: index.digest.clone(),
        });
    }
    if planned.chosen_by.contains(&RuleKind::NotPulledForDays)
        && let Some(Timestamp::At(at)) = &now.pull_time
    {
        let after_ms = at.timestamp_millis();
        if planned.pull_ms.is_none_or(|before| after_ms > before) {
            return Verdict::Skip(SkipReason::PulledSincePlan {
                before_ms: planned.pull_ms,
                after_ms,
            });
        }
    }
    Verdict::Delete
}

fn sorted(tags: &[String]) -> Vec<&str> {
    let mut names: Vec<&str> = tags.iter().map(String::as_str).collect();
    names.sort_unstable();
    names
}

/// Every artifact of `project`/`repository` as the server lists it now, every page of
/// [`REREAD_PAGE_SIZE`], each digest once. A listing that changes while it is read can miss an
/// artifact (one deleted elsewhere shifts the pages); [`verify`] then answers
/// [`SkipReason::Gone`] for it, which leaves it — the safe side.
pub async fn reread_repository(
    client: &CcrClient,
    project: &str,
    repository: &str,
) -> Result<Vec<Artifact>, ApiError> {
    let mut artifacts = Vec::new();
    let mut seen = HashSet::new();
    let mut received: u64 = 0;
    for page_number in 1.. {
        let page = client
            .list_artifacts(
                project,
                repository,
                &PageRequest::new(page_number, REREAD_PAGE_SIZE),
            )
            .await?
            .value;
        let count = page.items.len() as u64;
        received += count;
        for artifact in page.items {
            if seen.insert(artifact.digest.clone()) {
                artifacts.push(artifact);
            }
        }
        if count == 0 || received >= page.total {
            break;
        }
    }
    Ok(artifacts)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::models::{Reference, Tag};

    fn planned(tags: &[&str], chosen_by: Vec<RuleKind>) -> PlannedArtifact {
        PlannedArtifact {
            project: "p".to_owned(),
            repository: "r".to_owned(),
            digest: "sha256:aa".to_owned(),
            tags: tags.iter().map(|t| (*t).to_owned()).collect(),
            size_bytes: Some(1),
            push_ms: Some(0),
            pull_ms: None,
            never_pulled: true,
            is_index: false,
            children: 0,
            planned_parents: Vec::new(),
            chosen_by,
        }
    }

    fn listed(digest: &str, tags: &[&str]) -> Artifact {
        Artifact {
            digest: digest.to_owned(),
            tags: tags
                .iter()
                .map(|t| Tag {
                    name: (*t).to_owned(),
                    ..Tag::default()
                })
                .collect(),
            ..Artifact::default()
        }
    }

    #[test]
    fn each_change_has_its_verdict() {
        let plan = planned(&["b", "a"], vec![RuleKind::TagMatches]);
        assert_eq!(
            verify(&plan, &[listed("sha256:aa", &["a", "b"])]),
            Verdict::Delete
        );
        assert_eq!(
            verify(&plan, &[listed("sha256:bb", &[])]),
            Verdict::Skip(SkipReason::Gone)
        );
        assert_eq!(
            verify(&plan, &[listed("sha256:aa", &["a", "b", "c"])]),
            Verdict::Skip(SkipReason::TagsChanged {
                before: vec!["b".to_owned(), "a".to_owned()],
                after: vec!["a".to_owned(), "b".to_owned(), "c".to_owned()],
            })
        );
        let mut unreadable = listed("sha256:aa", &[]);
        unreadable.tags_unreadable = true;
        assert_eq!(
            verify(&plan, &[unreadable]),
            Verdict::Skip(SkipReason::TagsUnknown)
        );
        let mut index = listed("sha256:ii", &["v1"]);
        index.references.push(Reference {
            child_digest: "sha256:aa".to_owned(),
            ..Reference::default()
        });
        assert_eq!(
            verify(&plan, &[listed("sha256:aa", &["a", "b"]), index]),
            Verdict::Skip(SkipReason::ChildOfIndex {
                index: "sha256:ii".to_owned()
            })
        );
        let stale = planned(&[], vec![RuleKind::NotPulledForDays]);
        let mut pulled = listed("sha256:aa", &[]);
        pulled.pull_time = Some(Timestamp::parse("2025-01-01T00:00:00Z"));
        assert!(matches!(
            verify(&stale, std::slice::from_ref(&pulled)),
            Verdict::Skip(SkipReason::PulledSincePlan {
                before_ms: None,
                ..
            })
        ));
        pulled.pull_time = Some(Timestamp::Never);
        assert_eq!(verify(&stale, &[pulled]), Verdict::Delete);
    }
}
