//! The cleanup planner on a generated registry crawled into an index: each rule alone and in
//! combinations selects exactly the set computed here independently from the server's own
//! listing; the scopes; the protections on indexes listed with their children; the check just
//! before a delete (a tag pushed in between, an artifact deleted in between, a pull in
//! between); where the index does not hold all of a scope.

#![allow(clippy::expect_used)] // a test that cannot go on says why, and fails
#![allow(clippy::too_many_lines)] // a test reads best as one story
#![allow(clippy::cast_possible_wrap)] // counts of a few thousand

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::time::Instant;

use ccr_desk::api::models::{Artifact, Page, Reference, Tag, Timestamp};
use ccr_desk::api::{CcrClient, PageRequest};
use ccr_desk::cleanup::{
    self, DAY_MS, IndexGap, Plan, Protection, RuleKind, Rules, RulesError, Scope, SkipReason,
    Verdict, make_plan, reread_repository, verify,
};
use ccr_desk::index::{self, CrawlOutcome, CrawlScope, CrawlSettings, Index};
use ccr_desk::sandbox::{self, GenerateConfig, RunningSandbox, SandboxConfig, Storage};
use common::admin;
use tokio_util::sync::CancellationToken;

/// The generated registry's first day (2023-09-19 14:18:52 +08:00); its history is two years.
const GENERATED_START_MS: i64 = 1_695_104_332_000;
/// The plans' time: ten days after the generated history ends.
const NOW_MS: i64 = GENERATED_START_MS + 740 * DAY_MS;
const PAGE: u32 = 100;

// ---- the registry as the server lists it, and the rules applied in plain code ------------------

/// One artifact as the server listed it.
#[derive(Debug, Clone)]
struct Listed {
    digest: String,
    tags: Vec<String>,
    size: Option<i64>,
    push_ms: Option<i64>,
    /// `None`: never pulled.
    pull_ms: Option<i64>,
    children: Vec<String>,
    tags_unreadable: bool,
}

/// `(project, repository)` → its artifacts, every page read through the client.
type Registry = BTreeMap<(String, String), Vec<Listed>>;

/// An artifact's identity in a plan: `(project/repository, digest)`.
type Key = (String, String);

fn millis(time: Option<&Timestamp>) -> Option<i64> {
    match time {
        Some(Timestamp::At(at)) => Some(at.timestamp_millis()),
        _ => None,
    }
}

fn listed(artifact: &Artifact) -> Listed {
    Listed {
        digest: artifact.digest.clone(),
        tags: artifact.tags.iter().map(|t| t.name.clone()).collect(),
        size: artifact.size,
        push_ms: millis(artifact.push_time.as_ref()),
        pull_ms: millis(artifact.pull_time.as_ref()),
        children: artifact
            .references
            .iter()
            .map(|r| r.child_digest.clone())
            .collect(),
        tags_unreadable: artifact.tags_unreadable,
    }
}

/// Every project, repository and artifact, straight from the server, page by page.
async fn registry_of(client: &CcrClient) -> Registry {
    let projects = client
        .list_projects(&PageRequest::everything())
        .await
        .expect("projects")
        .value;
    let mut registry = Registry::new();
    for project in projects.items {
        let project = project.project_name;
        let mut repositories = Vec::new();
        for page in 1.. {
            let listed = client
                .list_repositories(&project, &PageRequest::new(page, PAGE))
                .await
                .expect("repositories")
                .value;
            let short = listed.items.len() < PAGE as usize;
            repositories.extend(listed.items.into_iter().map(|r| r.repository_name));
            if short {
                break;
            }
        }
        for repository in repositories {
            let mut artifacts = Vec::new();
            for page in 1.. {
                let page = client
                    .list_artifacts(&project, &repository, &PageRequest::new(page, PAGE))
                    .await
                    .expect("artifacts")
                    .value;
                let short = page.items.len() < PAGE as usize;
                artifacts.extend(page.items.iter().map(listed));
                if short {
                    break;
                }
            }
            registry.insert((project.clone(), repository), artifacts);
        }
    }
    registry
}

/// `*` and `?` globbing, recursive (the planner's is iterative).
fn glob(pattern: &[char], text: &[char]) -> bool {
    match (pattern.first(), text.first()) {
        (None, None) => true,
        (Some('*'), _) => {
            glob(&pattern[1..], text) || (!text.is_empty() && glob(pattern, &text[1..]))
        }
        (Some('?'), Some(_)) => glob(&pattern[1..], &text[1..]),
        (Some(p), Some(t)) if p == t => glob(&pattern[1..], &text[1..]),
        _ => false,
    }
}

fn any_tag_matches(pattern: &str, tags: &[String]) -> bool {
    let pattern: Vec<char> = pattern.chars().collect();
    tags.iter()
        .any(|tag| glob(&pattern, &tag.chars().collect::<Vec<_>>()))
}

/// Whether every enabled selection rule holds for `a`, written from the rules' definitions.
fn selected(rules: &Rules, a: &Listed) -> bool {
    let older_than =
        |time: Option<i64>, days: u32| time.is_some_and(|t| NOW_MS - t > i64::from(days) * DAY_MS);
    (!rules.untagged || a.tags.is_empty())
        && rules
            .pushed_more_than_days
            .is_none_or(|days| older_than(a.push_ms, days))
        && rules
            .not_pulled_for_days
            .is_none_or(|days| older_than(a.pull_ms.or(a.push_ms), days))
        && rules
            .tag_matches
            .as_deref()
            .is_none_or(|p| any_tag_matches(p, &a.tags))
        && rules
            .tag_does_not_match
            .as_deref()
            .is_none_or(|p| !any_tag_matches(p, &a.tags))
}

/// What a plan of `rules` must choose in one repository, and what it must protect: selection,
/// minus the newest N, minus the protections applied in full passes until nothing changes.
fn expected_in(rules: &Rules, artifacts: &[Listed]) -> (BTreeSet<String>, BTreeSet<String>) {
    let mut newest: Vec<&Listed> = artifacts.iter().collect();
    newest.sort_by(|a, b| {
        let by_push = match (a.push_ms, b.push_ms) {
            (None, None) => std::cmp::Ordering::Equal,
            (None, Some(_)) => std::cmp::Ordering::Less,
            (Some(_), None) => std::cmp::Ordering::Greater,
            (Some(x), Some(y)) => y.cmp(&x),
        };
        by_push.then(a.digest.cmp(&b.digest))
    });
    let kept_newest: BTreeSet<&str> = newest
        .iter()
        .take(rules.keep_newest.map_or(0, |n| n as usize))
        .map(|a| a.digest.as_str())
        .collect();
    let candidates: BTreeSet<String> = artifacts
        .iter()
        .filter(|a| selected(rules, a) && !kept_newest.contains(a.digest.as_str()))
        .map(|a| a.digest.clone())
        .collect();
    let mut plan: BTreeSet<String> = artifacts
        .iter()
        .filter(|a| candidates.contains(&a.digest) && !a.tags_unreadable)
        .map(|a| a.digest.clone())
        .collect();
    let listed: BTreeSet<&str> = artifacts.iter().map(|a| a.digest.as_str()).collect();
    loop {
        let before = plan.len();
        let kept = |digest: &str| listed.contains(digest) && !plan.contains(digest);
        let spared: Vec<String> = artifacts
            .iter()
            .filter(|a| plan.contains(&a.digest))
            .filter(|a| {
                let child_of_kept_index = artifacts
                    .iter()
                    .any(|index| index.children.contains(&a.digest) && kept(&index.digest));
                let tagged_index_with_kept_child =
                    !a.tags.is_empty() && a.children.iter().any(|c| c != &a.digest && kept(c));
                child_of_kept_index || tagged_index_with_kept_child
            })
            .map(|a| a.digest.clone())
            .collect();
        for digest in spared {
            plan.remove(&digest);
        }
        if plan.len() == before {
            break;
        }
    }
    let protected = candidates.difference(&plan).cloned().collect();
    (plan, protected)
}

/// The keys a plan of `rules` must choose and protect over `registry`, limited to `keep`.
fn expected(
    rules: &Rules,
    registry: &Registry,
    keep: impl Fn(&str, &str) -> bool,
) -> (BTreeSet<Key>, BTreeSet<Key>) {
    let mut chosen = BTreeSet::new();
    let mut protected = BTreeSet::new();
    for ((project, repository), artifacts) in registry {
        if !keep(project, repository) {
            continue;
        }
        let (c, p) = expected_in(rules, artifacts);
        let name = format!("{project}/{repository}");
        chosen.extend(c.into_iter().map(|d| (name.clone(), d)));
        protected.extend(p.into_iter().map(|d| (name.clone(), d)));
    }
    (chosen, protected)
}

fn chosen_keys(plan: &Plan) -> BTreeSet<Key> {
    plan.chosen()
        .map(|a| (format!("{}/{}", a.project, a.repository), a.digest.clone()))
        .collect()
}

fn protected_keys(plan: &Plan) -> BTreeSet<Key> {
    plan.protected()
        .map(|p| {
            let a = &p.artifact;
            (format!("{}/{}", a.project, a.repository), a.digest.clone())
        })
        .collect()
}

// ---- set-up -------------------------------------------------------------------------------------

/// A registry generated with a fixed seed into a new folder, served, and crawled into a new
/// index in the same folder.
struct Generated {
    dir: tempfile::TempDir,
    sandbox: RunningSandbox,
    client: CcrClient,
    index: Index,
}

async fn generated(projects: u32, repositories: u32, artifacts: u32) -> Generated {
    let dir = tempfile::tempdir().expect("temporary folder");
    let data = dir.path().to_owned();
    let config = GenerateConfig {
        projects,
        repositories,
        artifacts,
        charts: 0,
        seed: 14,
        largest: None,
    };
    tokio::task::spawn_blocking(move || sandbox::generate(&data, &config))
        .await
        .expect("the generator ran")
        .expect("the registry is generated");
    let sandbox = sandbox::start(SandboxConfig {
        storage: Storage::Data(dir.path().to_owned()),
        ..SandboxConfig::ephemeral_loopback()
    })
    .await
    .expect("the sandbox starts on the generated folder");
    let client = admin(&sandbox);
    let index = Index::open(dir.path().join("index.sqlite")).expect("the index opens");
    crawl(&index, &client, CrawlScope::Registry).await;
    Generated {
        dir,
        sandbox,
        client,
        index,
    }
}

async fn crawl(index: &Index, client: &CcrClient, scope: CrawlScope) {
    let report = index::crawl(
        index.clone(),
        client.clone(),
        scope,
        CrawlSettings::default(),
        CancellationToken::new(),
        |_: &index::CrawlProgress| {},
    )
    .await
    .expect("the crawl ends without an error");
    assert_eq!(report.outcome, CrawlOutcome::Finished);
}

async fn plan(index: &Index, scope: Scope, rules: Rules) -> Plan {
    index
        .run(move |index| {
            make_plan(index, &scope, &rules, NOW_MS).map_err(|error| match error {
                cleanup::CleanupError::Index(error) => error,
                cleanup::CleanupError::Rules(error) => panic!("rules refused: {error}"),
            })
        })
        .await
        .expect("the plan is made")
}

fn rules(edit: impl FnOnce(&mut Rules)) -> Rules {
    let mut rules = Rules::default();
    edit(&mut rules);
    rules
}

// ---- each rule and combinations -----------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_rule_and_combinations_choose_exactly_the_set_computed_from_the_listing() {
    let g = generated(3, 20, 2000).await;
    let registry = registry_of(&g.client).await;
    let all: usize = registry.values().map(Vec::len).sum();
    assert_eq!(all, 2000, "the listing holds the generated artifacts");

    let cases: Vec<(&str, Rules)> = vec![
        ("untagged", rules(|r| r.untagged = true)),
        (
            "pushed > 365 days",
            rules(|r| r.pushed_more_than_days = Some(365)),
        ),
        (
            "not pulled for 180 days",
            rules(|r| r.not_pulled_for_days = Some(180)),
        ),
        ("keep newest 3", rules(|r| r.keep_newest = Some(3))),
        (
            "tag matches *-*",
            rules(|r| r.tag_matches = Some("*-*".to_owned())),
        ),
        (
            "tag matches ?.?.*",
            rules(|r| r.tag_matches = Some("?.?.*".to_owned())),
        ),
        (
            "tag does not match *.*",
            rules(|r| r.tag_does_not_match = Some("*.*".to_owned())),
        ),
        (
            "untagged, pushed > 180 days",
            rules(|r| {
                r.untagged = true;
                r.pushed_more_than_days = Some(180);
            }),
        ),
        (
            "not pulled for 90 days, keep newest 5",
            rules(|r| {
                r.not_pulled_for_days = Some(90);
                r.keep_newest = Some(5);
            }),
        ),
        (
            "not latest, pushed > 100 days, keep newest 2",
            rules(|r| {
                r.tag_does_not_match = Some("latest".to_owned());
                r.pushed_more_than_days = Some(100);
                r.keep_newest = Some(2);
            }),
        ),
        (
            "tag matches *-*, not pulled for 30 days",
            rules(|r| {
                r.tag_matches = Some("*-*".to_owned());
                r.not_pulled_for_days = Some(30);
            }),
        ),
        (
            "every rule",
            Rules {
                untagged: false,
                pushed_more_than_days: Some(60),
                not_pulled_for_days: Some(60),
                keep_newest: Some(1),
                tag_matches: Some("*".to_owned()),
                tag_does_not_match: Some("latest".to_owned()),
            },
        ),
    ];
    for (name, rules) in cases {
        let plan = plan(&g.index, Scope::Registry, rules.clone()).await;
        let (want, want_protected) = expected(&rules, &registry, |_, _| true);
        assert!(!want.is_empty(), "{name}: the case chooses something");
        assert!(want.len() < all, "{name}: the case keeps something");
        let got = chosen_keys(&plan);
        let extra: Vec<&Key> = got.difference(&want).collect();
        let missing: Vec<&Key> = want.difference(&got).collect();
        assert!(
            extra.is_empty() && missing.is_empty(),
            "{name}: {} chosen but not expected, first {:?}; {} expected but not chosen, first {:?}",
            extra.len(),
            extra.iter().take(5).collect::<Vec<_>>(),
            missing.len(),
            missing.iter().take(5).collect::<Vec<_>>(),
        );
        assert_eq!(protected_keys(&plan), want_protected, "{name}: protected");
        assert!(plan.gaps.is_empty(), "{name}: a full crawl leaves no gap");

        // The facts and totals of what goes, from the listing.
        let by_key: BTreeMap<Key, &Listed> = registry
            .iter()
            .flat_map(|((p, r), artifacts)| {
                artifacts
                    .iter()
                    .map(move |a| ((format!("{p}/{r}"), a.digest.clone()), a))
            })
            .collect();
        let mut kinds = rules.selection_kinds();
        if rules.keep_newest.is_some() {
            kinds.push(RuleKind::OutsideNewest);
        }
        let mut bytes = 0_u64;
        let mut tags = 0_u64;
        for artifact in plan.chosen() {
            let key = (
                format!("{}/{}", artifact.project, artifact.repository),
                artifact.digest.clone(),
            );
            let listed = by_key[&key];
            assert_eq!(artifact.tags, listed.tags, "{name}: tags of {key:?}");
            assert_eq!(artifact.size_bytes, listed.size, "{name}: size of {key:?}");
            assert_eq!(artifact.push_ms, listed.push_ms, "{name}: push of {key:?}");
            assert_eq!(artifact.pull_ms, listed.pull_ms, "{name}: pull of {key:?}");
            assert_eq!(artifact.children, listed.children.len());
            assert_eq!(artifact.chosen_by, kinds, "{name}: which rules chose it");
            bytes += u64::try_from(listed.size.expect("a size")).expect("a positive size");
            tags += listed.tags.len() as u64;
        }
        assert_eq!(plan.totals.artifacts, want.len() as u64, "{name}");
        assert_eq!(plan.totals.size_bytes, bytes, "{name}: bytes freed");
        assert_eq!(plan.totals.tags, tags, "{name}: tags going");
        assert_eq!(plan.totals.artifacts_examined, all as u64, "{name}");
        assert_eq!(plan.totals.repositories_examined, registry.len() as u64);
        eprintln!("{name}: {} of {all} chosen", want.len());
    }

    // A contradiction chooses nothing; no rule at all is refused.
    let contradiction = rules(|r| {
        r.untagged = true;
        r.tag_matches = Some("*".to_owned());
    });
    let nothing = plan(&g.index, Scope::Registry, contradiction).await;
    assert_eq!(nothing.totals.artifacts, 0);
    assert!(matches!(
        make_plan(&g.index, &Scope::Registry, &Rules::default(), NOW_MS),
        Err(cleanup::CleanupError::Rules(RulesError::NoRule))
    ));

    // The scopes: a project, and the largest repository.
    let rules = rules(|r| {
        r.not_pulled_for_days = Some(120);
        r.keep_newest = Some(4);
    });
    let project = registry.keys().next().expect("a project").0.clone();
    let in_project = plan(
        &g.index,
        Scope::Project {
            project: project.clone(),
        },
        rules.clone(),
    )
    .await;
    let (want, _) = expected(&rules, &registry, |p, _| p == project);
    assert!(!want.is_empty());
    assert_eq!(chosen_keys(&in_project), want, "project {project}");
    let ((project, repository), _) = registry
        .iter()
        .max_by_key(|(_, artifacts)| artifacts.len())
        .expect("a repository");
    let in_repository = plan(
        &g.index,
        Scope::Repository {
            project: project.clone(),
            repository: repository.clone(),
        },
        rules.clone(),
    )
    .await;
    let (want, _) = expected(&rules, &registry, |p, r| p == project && r == repository);
    assert!(!want.is_empty());
    assert_eq!(chosen_keys(&in_repository), want, "{project}/{repository}");
    assert_eq!(in_repository.repositories.len(), 1);
    drop(g.sandbox);
    drop(g.dir);
}

// ---- protections --------------------------------------------------------------------------------

fn digest(name: &str) -> String {
    let hex: String = name
        .bytes()
        .flat_map(|b| [b >> 4, b & 0xf])
        .map(|nibble| char::from_digit(u32::from(nibble), 16).expect("a hex digit"))
        .collect();
    format!("sha256:{hex:0>64}")
}

fn at(ms: i64) -> Timestamp {
    Timestamp::At(
        chrono::DateTime::from_timestamp_millis(ms)
            .expect("a time")
            .fixed_offset(),
    )
}

/// An artifact as a listing that shows platform images on their own would give it.
fn artifact(name: &str, tags: &[&str], push_ms: i64, size: i64, children: &[&str]) -> Artifact {
    Artifact {
        digest: digest(name),
        manifest_media_type: if children.is_empty() {
            "application/vnd.oci.image.manifest.v1+json".to_owned()
        } else {
            "application/vnd.oci.image.index.v1+json".to_owned()
        },
        size: Some(size),
        push_time: Some(at(push_ms)),
        pull_time: Some(Timestamp::Never),
        tags: tags
            .iter()
            .map(|t| Tag {
                name: (*t).to_owned(),
                ..Tag::default()
            })
            .collect(),
        references: children
            .iter()
            .map(|c| Reference {
                child_digest: digest(c),
                ..Reference::default()
            })
            .collect(),
        ..Artifact::default()
    }
}

fn record(index: &Index, project: &str, repository: &str, artifacts: Vec<Artifact>, total: i64) {
    let page = Page::new(artifacts, Some(total));
    index
        .record_artifacts_page(project, repository, &page, &PageRequest::new(1, PAGE))
        .expect("the page is recorded");
}

fn names(plan: &Plan) -> BTreeSet<String> {
    plan.chosen().map(|a| a.digest.clone()).collect()
}

fn reasons_of<'a>(plan: &'a Plan, name: &str) -> &'a [Protection] {
    &plan
        .protected()
        .find(|p| p.artifact.digest == digest(name))
        .unwrap_or_else(|| panic!("{name} is protected"))
        .reasons
}

fn set(names: &[&str]) -> BTreeSet<String> {
    names.iter().map(|n| digest(n)).collect()
}

#[test]
fn protections_spare_children_of_kept_indexes_and_tagged_indexes_of_kept_children() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let index = Index::open(dir.path().join("index.sqlite")).expect("the index opens");
    let old = NOW_MS - 400 * DAY_MS;
    let new = NOW_MS - DAY_MS;
    let mut unreadable = artifact("u1", &[], old, 7, &[]);
    unreadable.tags_unreadable = true;
    let listing = vec![
        // A new tagged index whose old untagged children are listed on their own.
        artifact("i1", &["v1"], new, 2_000, &["c1", "c2"]),
        artifact("c1", &[], old, 1_000, &[]),
        artifact("c2", &[], old, 1_000, &[]),
        // An old tagged index with an old and a new child.
        artifact("i2", &["v2"], old, 2_000, &["c3", "c4"]),
        artifact("c3", &[], old, 1_000, &[]),
        artifact("c4", &[], new, 1_000, &[]),
        // An old untagged index with an old and a new child.
        artifact("i3", &[], old, 2_100, &["c5", "c6"]),
        artifact("c5", &[], old, 1_000, &[]),
        artifact("c6", &[], new, 1_100, &[]),
        // An old tagged index with an old child and a child not listed on its own.
        artifact("i4", &["v4"], old, 3_000, &["c7", "unlisted"]),
        artifact("c7", &[], old, 1_000, &[]),
        artifact("a1", &[], old, 500, &[]),
        unreadable,
    ];
    record(&index, "p", "r", listing.clone(), listing.len() as i64);
    let scope = Scope::Repository {
        project: "p".to_owned(),
        repository: "r".to_owned(),
    };

    let old_ones = rules(|r| r.pushed_more_than_days = Some(30));
    let plan = make_plan(&index, &scope, &old_ones, NOW_MS).expect("a plan");
    assert!(plan.is_complete(), "{:?}", plan.gaps);
    assert_eq!(names(&plan), set(&["i3", "c5", "i4", "c7", "a1"]));
    assert_eq!(
        reasons_of(&plan, "c1"),
        [Protection::ChildOfKeptIndex {
            indexes: vec![digest("i1")]
        }]
    );
    assert_eq!(
        reasons_of(&plan, "i2"),
        [Protection::TaggedIndexWithKeptChildren {
            kept_children: vec![digest("c3"), digest("c4")]
        }],
        "spared for c4; c3, spared in turn, is kept too in the final plan"
    );
    assert_eq!(
        reasons_of(&plan, "c3"),
        [Protection::ChildOfKeptIndex {
            indexes: vec![digest("i2")]
        }],
        "sparing i2 spares its old child too"
    );
    assert_eq!(reasons_of(&plan, "u1"), [Protection::TagsUnknown]);
    assert_eq!(plan.totals.protected, 5);
    assert_eq!(
        plan.totals.size_bytes,
        2_100 + 3_000 + 500,
        "children inside a chosen index's size are not added again"
    );
    let order: Vec<String> = plan.chosen().map(|a| a.digest.clone()).collect();
    let position = |name: &str| order.iter().position(|d| *d == digest(name));
    assert!(position("i3") < position("c5") && position("i4") < position("c7"));
    let c5 = plan
        .chosen()
        .find(|a| a.digest == digest("c5"))
        .expect("c5");
    assert_eq!(c5.planned_parents, [digest("i3")]);

    // The same computed independently.
    let listed_artifacts: Vec<Listed> = listing.iter().map(listed).collect();
    let (want, want_protected) = expected_in(&old_ones, &listed_artifacts);
    assert_eq!(names(&plan), want);
    assert_eq!(
        plan.protected()
            .map(|p| p.artifact.digest.clone())
            .collect::<BTreeSet<_>>(),
        want_protected
    );

    // Untagged: every child of a kept (tagged) index stays, even untagged.
    let untagged = rules(|r| r.untagged = true);
    let plan = make_plan(&index, &scope, &untagged, NOW_MS).expect("a plan");
    assert_eq!(names(&plan), set(&["i3", "c5", "c6", "a1"]));
    for child in ["c1", "c2", "c3", "c4", "c7"] {
        assert!(
            matches!(
                reasons_of(&plan, child),
                [Protection::ChildOfKeptIndex { .. }]
            ),
            "{child}"
        );
    }
    assert_eq!(names(&plan), expected_in(&untagged, &listed_artifacts).0);

    // At execution: a child is left while its index is listed, and is gone after it.
    let c5 = plan
        .chosen()
        .find(|a| a.digest == digest("c5"))
        .expect("c5")
        .clone();
    assert_eq!(
        verify(&c5, &listing),
        Verdict::Skip(SkipReason::ChildOfIndex {
            index: digest("i3")
        })
    );
    let without_i3: Vec<Artifact> = listing
        .iter()
        .filter(|a| a.digest != digest("i3") && a.digest != digest("c5"))
        .cloned()
        .collect();
    assert_eq!(verify(&c5, &without_i3), Verdict::Skip(SkipReason::Gone));
}

// ---- the check before each delete ---------------------------------------------------------------

/// Adds tag `name` to `digest` of `project/repository` in the sandbox's store file, as a
/// second client pushing a tag would.
fn tag_in_store(data: &Path, project: &str, repository: &str, digest: &str, name: &str) {
    let conn = rusqlite::Connection::open(data.join("ccr-sandbox.sqlite3")).expect("store");
    conn.busy_timeout(std::time::Duration::from_secs(10))
        .expect("busy timeout");
    let changed = conn
        .execute(
            "INSERT INTO tags (artifact_id, repository_id, name, push_time, pull_time)
             SELECT a.id, a.repository_id, ?4, ?5, NULL
             FROM artifacts a JOIN repositories r ON r.id = a.repository_id
             JOIN projects p ON p.id = r.project_id
             WHERE p.name = ?1 AND r.name = ?2 AND a.digest = ?3",
            rusqlite::params![project, repository, digest, name, NOW_MS],
        )
        .expect("tag inserted");
    assert_eq!(changed, 1);
}

/// Sets the pull time of `digest` in the sandbox's store file, as a pull would.
fn pull_in_store(data: &Path, project: &str, repository: &str, digest: &str, pull_ms: i64) {
    let conn = rusqlite::Connection::open(data.join("ccr-sandbox.sqlite3")).expect("store");
    conn.busy_timeout(std::time::Duration::from_secs(10))
        .expect("busy timeout");
    let changed = conn
        .execute(
            "UPDATE artifacts SET pull_time = ?4 WHERE digest = ?3 AND repository_id =
                 (SELECT r.id FROM repositories r JOIN projects p ON p.id = r.project_id
                  WHERE p.name = ?1 AND r.name = ?2)",
            rusqlite::params![project, repository, digest, pull_ms],
        )
        .expect("pull time set");
    assert_eq!(changed, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn execution_deletes_what_did_not_change_and_skips_what_did() {
    let g = generated(2, 8, 600).await;
    let untagged_old = rules(|r| {
        r.untagged = true;
        r.pushed_more_than_days = Some(90);
    });
    let first = plan(&g.index, Scope::Registry, untagged_old).await;
    let group = first
        .repositories
        .iter()
        .max_by_key(|r| r.chosen.len())
        .expect("a repository with chosen artifacts");
    assert!(group.chosen.len() >= 3, "{} chosen", group.chosen.len());
    let (project, repository) = (group.project.clone(), group.repository.clone());
    let [tagged, deleted, kept] = [0, 1, 2].map(|i| group.chosen[i].clone());

    let current = reread_repository(&g.client, &project, &repository)
        .await
        .expect("the repository is read again");
    let listed_total = g
        .client
        .list_artifacts(&project, &repository, &PageRequest::new(1, 1))
        .await
        .expect("a page")
        .value
        .total;
    assert_eq!(current.len() as u64, listed_total, "every page was read");
    for planned in [&tagged, &deleted, &kept] {
        assert_eq!(
            verify(planned, &current),
            Verdict::Delete,
            "{}",
            planned.digest
        );
    }

    // Between the plan and the execution: a tag pushed, an artifact deleted elsewhere.
    tag_in_store(
        g.dir.path(),
        &project,
        &repository,
        &tagged.digest,
        "pushed-in-between",
    );
    g.client
        .delete_artifact(&project, &repository, &deleted.digest)
        .await
        .expect("deleted by another client");

    let current = reread_repository(&g.client, &project, &repository)
        .await
        .expect("the repository is read again");
    assert_eq!(
        verify(&tagged, &current),
        Verdict::Skip(SkipReason::TagsChanged {
            before: Vec::new(),
            after: vec!["pushed-in-between".to_owned()],
        })
    );
    assert_eq!(verify(&deleted, &current), Verdict::Skip(SkipReason::Gone));
    assert_eq!(verify(&kept, &current), Verdict::Delete);
    g.client
        .delete_artifact(&project, &repository, &kept.digest)
        .await
        .expect("the delete the verdict allowed");
    let after = reread_repository(&g.client, &project, &repository)
        .await
        .expect("read again");
    assert!(after.iter().all(|a| a.digest != kept.digest));
    assert!(
        after
            .iter()
            .any(|a| a.digest == tagged.digest && a.tags.len() == 1),
        "the tag pushed in between survives, with its artifact"
    );

    // A pull in between spares what the not-pulled rule chose.
    let stale = rules(|r| r.not_pulled_for_days = Some(200));
    let stale_plan = plan(&g.index, Scope::Registry, stale).await;
    let pulled = stale_plan
        .chosen()
        .next()
        .expect("something not pulled")
        .clone();
    pull_in_store(
        g.dir.path(),
        &pulled.project,
        &pulled.repository,
        &pulled.digest,
        NOW_MS - DAY_MS,
    );
    let current = reread_repository(&g.client, &pulled.project, &pulled.repository)
        .await
        .expect("read again");
    assert!(
        matches!(
            verify(&pulled, &current),
            Verdict::Skip(SkipReason::PulledSincePlan { after_ms, .. })
                if after_ms == NOW_MS - DAY_MS
        ),
        "{:?}",
        verify(&pulled, &current)
    );
    drop(g.sandbox);
}

// ---- gaps ----------------------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_plan_names_what_the_index_does_not_hold() {
    let sandbox = common::sandbox().await;
    let client = admin(&sandbox);
    let registry = registry_of(&client).await;
    let ((project, repository), _) = registry
        .iter()
        .find(|(_, artifacts)| !artifacts.is_empty())
        .expect("a demo repository with artifacts");
    let dir = tempfile::tempdir().expect("temporary folder");
    let index = Index::open(dir.path().join("index.sqlite")).expect("the index opens");
    crawl(
        &index,
        &client,
        CrawlScope::Repository {
            project: project.clone(),
            repository: repository.clone(),
        },
    )
    .await;
    let any = rules(|r| r.keep_newest = Some(0));
    let whole = plan(&index, Scope::Registry, any.clone()).await;
    assert_eq!(
        whole.gaps,
        [
            IndexGap::ProjectsNotListed,
            IndexGap::RepositoriesNotListed {
                project: project.clone()
            }
        ]
    );
    let one = Scope::Repository {
        project: project.clone(),
        repository: repository.clone(),
    };
    let one_plan = plan(&index, one, any.clone()).await;
    assert!(one_plan.is_complete(), "{:?}", one_plan.gaps);
    assert_eq!(
        one_plan.totals.artifacts,
        registry[&(project.clone(), repository.clone())].len() as u64,
        "keep newest 0: everything in the repository"
    );
    let missing = Scope::Repository {
        project: project.clone(),
        repository: "not-there".to_owned(),
    };
    assert_eq!(
        plan(&index, missing, any.clone()).await.gaps,
        [IndexGap::NotInIndex]
    );

    // A repository whose listing was seen only in part.
    let partial = vec![artifact("x1", &[], NOW_MS, 1, &[])];
    record(&index, project, "partial", partial, 5);
    let in_project = Scope::Project {
        project: project.clone(),
    };
    assert_eq!(
        plan(&index, in_project, any).await.gaps,
        [
            IndexGap::RepositoriesNotListed {
                project: project.clone()
            },
            IndexGap::ArtifactsNotListed {
                project: project.clone(),
                repository: "partial".to_owned()
            }
        ]
    );
}

// ---- speed ----------------------------------------------------------------------------------------

/// 100,000 artifacts in 400 repositories (every tenth an index with two listed children):
/// a plan of the whole registry. Run with `cargo test --release --test cleanup -- --ignored`.
#[test]
#[ignore = "a measurement: fills an index with 100,000 artifacts"]
fn a_plan_over_100_000_artifacts_is_quick() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let index = Index::open(dir.path().join("index.sqlite")).expect("the index opens");
    let started = Instant::now();
    for r in 0..400 {
        let mut artifacts = Vec::new();
        for a in 0..250_i64 {
            let name = format!("r{r}a{a}");
            let push = NOW_MS - (a * 7 % 700) * DAY_MS;
            let tags: Vec<String> = if a % 3 == 0 {
                Vec::new()
            } else {
                vec![format!("1.{r}.{a}"), format!("build-{a}")]
            };
            let tags: Vec<&str> = tags.iter().map(String::as_str).collect();
            let children: Vec<String> = if a % 10 == 1 {
                vec![format!("r{r}a{}", a + 1), format!("r{r}a{}", a + 2)]
            } else {
                Vec::new()
            };
            let children: Vec<&str> = children.iter().map(String::as_str).collect();
            artifacts.push(artifact(&name, &tags, push, 1_000 + a, &children));
        }
        record(&index, "perf", &format!("repo-{r}"), artifacts, 250);
    }
    eprintln!("filled in {:?}", started.elapsed());
    let rules = rules(|r| {
        r.untagged = true;
        r.not_pulled_for_days = Some(30);
        r.keep_newest = Some(10);
    });
    let started = Instant::now();
    let plan = make_plan(&index, &Scope::Registry, &rules, NOW_MS).expect("a plan");
    let took = started.elapsed();
    eprintln!(
        "planned {} artifacts in {took:?}: {} chosen, {} protected",
        plan.totals.artifacts_examined, plan.totals.artifacts, plan.totals.protected
    );
    assert_eq!(plan.totals.artifacts_examined, 100_000);
    assert!(took.as_secs_f64() < 5.0, "{took:?}");
}

/// The same on a generated registry of 100,000 artifacts crawled over HTTP (slow to set up).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "a measurement: generates and crawls 100,000 artifacts"]
async fn a_plan_of_a_generated_registry_of_100_000_artifacts_is_quick() {
    let started = Instant::now();
    let g = generated(10, 400, 100_000).await;
    eprintln!("generated and crawled in {:?}", started.elapsed());
    let rules = rules(|r| {
        r.untagged = true;
        r.not_pulled_for_days = Some(30);
        r.keep_newest = Some(10);
    });
    let index = g.index.clone();
    let (plan, took) = tokio::task::spawn_blocking(move || {
        let started = Instant::now();
        let plan = make_plan(&index, &Scope::Registry, &rules, NOW_MS).expect("a plan");
        (plan, started.elapsed())
    })
    .await
    .expect("the plan task");
    eprintln!(
        "planned {} artifacts in {took:?}: {} chosen, {} protected",
        plan.totals.artifacts_examined, plan.totals.artifacts, plan.totals.protected
    );
    assert_eq!(plan.totals.artifacts_examined, 100_000);
    assert!(took.as_secs_f64() < 5.0, "{took:?}");
    drop(g.sandbox);
}
