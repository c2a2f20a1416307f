//! Search across the index: projects, repositories (by name or by full path, so
//! `team/backend` and `demo/team/backend/api` both find `demo`'s `team/backend/api`), tags
//! (`1.25`, or `nginx:1.25` for tags starting with `1.25` in repositories matching `nginx`),
//! digests (a prefix of at least [`MIN_DIGEST_PREFIX`] hex digits, with or without `sha256:`,
//! also finding an index by one of its platform images) and charts; each kind with where it
//! lives and how many matched in all, and how fresh the index is.
//!
//! Names match as substrings ignoring ASCII case; exact matches come first, then prefixes,
//! then the rest by name.

use rusqlite::{OptionalExtension as _, Transaction, params};

use super::query::{contains_pattern, count, escape_like, limit, tags_of, unsigned};
use super::{Index, IndexError};

/// The shortest digest prefix searched for, in hex digits.
pub const MIN_DIGEST_PREFIX: usize = 4;

/// The most matches of one kind a search counts: beyond it, [`Hits::at_least`] says so.
pub const COUNT_CAP: u64 = 1000;

/// Some hits of one kind, and how many matched in all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hits<T> {
    /// The first hits, best first.
    pub items: Vec<T>,
    /// How many matched in all (at most [`COUNT_CAP`] for tags, see `at_least`).
    pub total: u64,
    /// More than `total` matched: counting stopped at [`COUNT_CAP`].
    pub at_least: bool,
}

impl<T> Default for Hits<T> {
    fn default() -> Self {
        Self {
            items: Vec::new(),
            total: 0,
            at_least: false,
        }
    }
}

/// A project whose name matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProjectHit {
    /// The project.
    pub project: String,
    /// When the server last answered with it (ms since the Unix epoch).
    pub last_seen_ms: i64,
}

/// A repository whose name or full path matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RepositoryHit {
    /// The project holding it.
    pub project: String,
    /// The repository, possibly multi-level.
    pub repository: String,
    /// When the server last answered with it.
    pub last_seen_ms: i64,
}

/// A tag that matched, with the artifact it names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TagHit {
    /// The project.
    pub project: String,
    /// The repository.
    pub repository: String,
    /// The tag.
    pub tag: String,
    /// The digest of the artifact it names.
    pub digest: String,
    /// Every tag of that artifact (what goes with it when it is deleted).
    pub tags: Vec<String>,
    /// The artifact's size in bytes, when known.
    pub size_bytes: Option<i64>,
    /// When the server last answered with the artifact.
    pub last_seen_ms: i64,
}

/// An artifact whose digest (or one of whose platform images' digests) matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DigestHit {
    /// The project.
    pub project: String,
    /// The repository.
    pub repository: String,
    /// The artifact's digest.
    pub digest: String,
    /// The artifact's tags.
    pub tags: Vec<String>,
    /// The artifact's size in bytes, when known.
    pub size_bytes: Option<i64>,
    /// When the match was a platform image of this index: that image's digest.
    pub child_digest: Option<String>,
    /// When the server last answered with the artifact.
    pub last_seen_ms: i64,
}

/// A chart whose name (or `project/name`) matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChartHit {
    /// The project.
    pub project: String,
    /// The chart.
    pub chart: String,
    /// Its newest version.
    pub latest_version: Option<String>,
    /// When the server last answered with it.
    pub last_seen_ms: i64,
}

/// How fresh the index is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Freshness {
    /// When the last complete registry crawl finished (ms since the Unix epoch).
    pub last_complete_crawl_ms: Option<i64>,
    /// When the last registry crawl run started.
    pub crawl_started_ms: Option<i64>,
    /// The last registry crawl run did not finish (cancelled, failed, or the app closed): a
    /// crawl continues it.
    pub crawl_unfinished: bool,
    /// When the projects were last completely listed.
    pub projects_listed_ms: Option<i64>,
    /// When the charts were last completely listed.
    pub charts_listed_ms: Option<i64>,
    /// The oldest "last seen" of any project, repository, artifact or chart.
    pub oldest_seen_ms: Option<i64>,
    /// Projects held.
    pub projects: u64,
    /// Repositories held.
    pub repositories: u64,
    /// Repositories whose artifacts were never completely listed.
    pub repositories_not_listed: u64,
    /// Artifacts held.
    pub artifacts: u64,
    /// Tags held.
    pub tags: u64,
    /// Charts held.
    pub charts: u64,
}

/// What a search found, by kind.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchResults {
    /// Projects.
    pub projects: Hits<ProjectHit>,
    /// Repositories.
    pub repositories: Hits<RepositoryHit>,
    /// Tags.
    pub tags: Hits<TagHit>,
    /// Digests (searched only for a hex prefix of at least [`MIN_DIGEST_PREFIX`] digits).
    pub digests: Hits<DigestHit>,
    /// Charts.
    pub charts: Hits<ChartHit>,
}

impl SearchResults {
    /// Whether nothing matched.
    pub fn is_empty(&self) -> bool {
        self.projects.total == 0
            && self.repositories.total == 0
            && self.tags.total == 0
            && self.digests.total == 0
            && self.charts.total == 0
    }
}

/// The hex digits of a digest search (`sha256:` dropped, lower case), when `text` is one.
pub fn digest_prefix(text: &str) -> Option<String> {
    let text = text.trim();
    let hex = match text.get(..7) {
        Some(prefix) if prefix.eq_ignore_ascii_case("sha256:") => &text[7..],
        _ => text,
    };
    (hex.len() >= MIN_DIGEST_PREFIX
        && hex.len() <= 64
        && hex.bytes().all(|b| b.is_ascii_hexdigit()))
    .then(|| hex.to_ascii_lowercase())
}

impl Index {
    /// Searches every kind for `text`, returning at most `limit_per_kind` hits of each
    /// (at most [`super::MAX_WINDOW_ROWS`]).
    pub fn search(&self, text: &str, limit_per_kind: u32) -> Result<SearchResults, IndexError> {
        let text = text.trim().to_owned();
        let digest = digest_prefix(&text);
        let max = limit(limit_per_kind);
        self.read(|tx| {
            if text.is_empty() {
                return Ok(SearchResults::default());
            }
            Ok(SearchResults {
                projects: projects(tx, &text, max)?,
                repositories: repositories(tx, &text, max)?,
                tags: tags(tx, &text, digest.is_some(), max)?,
                digests: match &digest {
                    Some(hex) => digests(tx, hex, max)?,
                    None => Hits::default(),
                },
                charts: charts(tx, &text, max)?,
            })
        })
    }

    /// How fresh the index is.
    pub fn freshness(&self) -> Result<Freshness, IndexError> {
        self.read(freshness)
    }
}

/// The patterns of a name search: contains, exact (lower case) and starts with.
struct Patterns {
    contains: String,
    exact: String,
    prefix: String,
}

impl Patterns {
    fn new(text: &str) -> Self {
        Self {
            contains: contains_pattern(text),
            exact: text.to_ascii_lowercase(),
            prefix: format!("{}%", escape_like(text)),
        }
    }
}

fn projects(tx: &Transaction<'_>, text: &str, max: i64) -> rusqlite::Result<Hits<ProjectHit>> {
    let p = Patterns::new(text);
    let filter = "FROM projects WHERE name LIKE ?1 ESCAPE '\\'";
    let total = count(tx, &format!("SELECT count(*) {filter}"), &[&p.contains])?;
    let items = tx
        .prepare(&format!(
            "SELECT name, last_seen_ms {filter}
             ORDER BY lower(name) = ?2 DESC, name LIKE ?3 ESCAPE '\\' DESC, name LIMIT ?4"
        ))?
        .query_map(params![p.contains, p.exact, p.prefix, max], |row| {
            Ok(ProjectHit {
                project: row.get(0)?,
                last_seen_ms: row.get(1)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(Hits {
        items,
        total,
        at_least: false,
    })
}

fn repositories(
    tx: &Transaction<'_>,
    text: &str,
    max: i64,
) -> rusqlite::Result<Hits<RepositoryHit>> {
    let p = Patterns::new(text);
    let filter = "FROM repositories r JOIN projects p ON p.id = r.project_id
         WHERE r.name LIKE ?1 ESCAPE '\\' OR (p.name || '/' || r.name) LIKE ?1 ESCAPE '\\'";
    let total = count(tx, &format!("SELECT count(*) {filter}"), &[&p.contains])?;
    let items = tx
        .prepare(&format!(
            "SELECT p.name, r.name, r.last_seen_ms {filter}
             ORDER BY lower(r.name) = ?2 OR lower(p.name || '/' || r.name) = ?2 DESC,
                 r.name LIKE ?3 ESCAPE '\\' DESC, p.name, r.name
             LIMIT ?4"
        ))?
        .query_map(params![p.contains, p.exact, p.prefix, max], |row| {
            Ok(RepositoryHit {
                project: row.get(0)?,
                repository: row.get(1)?,
                last_seen_ms: row.get(2)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(Hits {
        items,
        total,
        at_least: false,
    })
}

/// Tags containing `text`, exact matches first, then in the order the index met them (a
/// repository's newest pushes first); `repository:tag` finds tags starting with `tag` in
/// repositories whose full path contains `repository`. A digest (`sha256:…`) is not a tag
/// search. Counting stops at [`COUNT_CAP`]: a frequent text ("main", "1") costs no more than a
/// rare one.
fn tags(
    tx: &Transaction<'_>,
    text: &str,
    looks_like_digest: bool,
    max: i64,
) -> rusqlite::Result<Hits<TagHit>> {
    let (repository_pattern, tag_pattern, exact) = match text.rsplit_once(':') {
        Some((_, _)) if looks_like_digest => return Ok(Hits::default()),
        Some((repository, tag)) => (
            Some(contains_pattern(repository)),
            format!("{}%", escape_like(tag.trim())),
            tag.trim().to_owned(),
        ),
        None => (None, contains_pattern(text), text.to_owned()),
    };
    let cap = i64::try_from(COUNT_CAP).unwrap_or(i64::MAX) + 1;
    // Every match in row order, up to the cap (one scan that stops early when the text is
    // frequent), then the exact name through its index in case it lies beyond the cap.
    let candidate = |row: &rusqlite::Row<'_>| -> rusqlite::Result<Candidate> {
        Ok(Candidate {
            id: row.get(0)?,
            repository_id: row.get(1)?,
            sort_key: row.get(2)?,
            exact: row.get(3)?,
        })
    };
    let mut matched: Vec<Candidate> = match &repository_pattern {
        None => tx
            .prepare_cached(
                "SELECT id, repository_id, sort_key, name = ?2 FROM tags
                 WHERE name LIKE ?1 ESCAPE '\\' LIMIT ?3",
            )?
            .query_map(params![tag_pattern, exact, cap], candidate)?
            .collect::<rusqlite::Result<_>>()?,
        Some(repository_pattern) => tx
            .prepare_cached(
                "SELECT t.id, t.repository_id, t.sort_key, t.name = ?3 FROM tags t
                 JOIN repositories r ON r.id = t.repository_id
                 JOIN projects p ON p.id = r.project_id
                 WHERE t.name LIKE ?1 ESCAPE '\\'
                     AND (p.name || '/' || r.name) LIKE ?2 ESCAPE '\\'
                 LIMIT ?4",
            )?
            .query_map(
                params![tag_pattern, repository_pattern, exact, cap],
                candidate,
            )?
            .collect::<rusqlite::Result<_>>()?,
    };
    let counted = matched.len() as u64;
    if repository_pattern.is_none() && counted > COUNT_CAP {
        let exact_ones: Vec<Candidate> = tx
            .prepare_cached(
                "SELECT id, repository_id, sort_key, 1 FROM tags WHERE name = ?1 LIMIT ?2",
            )?
            .query_map(params![exact, max], candidate)?
            .collect::<rusqlite::Result<_>>()?;
        for one in exact_ones {
            if !matched.iter().any(|m| m.id == one.id) {
                matched.push(one);
            }
        }
    }
    // Exact names first, then by repository, highest version first.
    matched.sort_by(|a, b| {
        b.exact
            .cmp(&a.exact)
            .then(a.repository_id.cmp(&b.repository_id))
            .then(b.sort_key.cmp(&a.sort_key))
    });
    let shown = usize::try_from(max).unwrap_or(usize::MAX);
    let ids: Vec<i64> = matched.iter().take(shown).map(|m| m.id).collect();
    let mut lookup = tx.prepare_cached(
        "SELECT p.name, r.name, t.name, a.digest, a.last_seen_ms, a.id, a.size_bytes
         FROM tags t JOIN artifacts a ON a.id = t.artifact_id
         JOIN repositories r ON r.id = t.repository_id JOIN projects p ON p.id = r.project_id
         WHERE t.id = ?1",
    )?;
    let mut items = Vec::with_capacity(ids.len());
    for id in ids {
        let (artifact_id, mut hit) = lookup.query_row([id], |row| {
            Ok((
                row.get::<_, i64>(5)?,
                TagHit {
                    project: row.get(0)?,
                    repository: row.get(1)?,
                    tag: row.get(2)?,
                    digest: row.get(3)?,
                    tags: Vec::new(),
                    size_bytes: row.get(6)?,
                    last_seen_ms: row.get(4)?,
                },
            ))
        })?;
        hit.tags = tags_of(tx, artifact_id)?
            .into_iter()
            .map(|t| t.name)
            .collect();
        items.push(hit);
    }
    Ok(Hits {
        items,
        total: counted.min(COUNT_CAP),
        at_least: counted > COUNT_CAP,
    })
}

/// A tag that matched, before it is looked up.
struct Candidate {
    id: i64,
    repository_id: i64,
    sort_key: Vec<u8>,
    exact: bool,
}

fn digests(tx: &Transaction<'_>, hex: &str, max: i64) -> rusqlite::Result<Hits<DigestHit>> {
    // Hex digits hold no GLOB wildcard; GLOB is case-sensitive and uses the digest index.
    let pattern = format!("sha256:{hex}*");
    let total = count(
        tx,
        "SELECT (SELECT count(*) FROM artifacts WHERE digest GLOB ?1)
              + (SELECT count(*) FROM artifact_references WHERE child_digest GLOB ?1)",
        &[&pattern],
    )?;
    let found = tx
        .prepare(
            "SELECT p.name, r.name, a.digest, NULL, a.id, a.last_seen_ms, a.size_bytes
             FROM artifacts a JOIN repositories r ON r.id = a.repository_id
             JOIN projects p ON p.id = r.project_id
             WHERE a.digest GLOB ?1
             UNION ALL
             SELECT p.name, r.name, a.digest, ar.child_digest, a.id, a.last_seen_ms, a.size_bytes
             FROM artifact_references ar JOIN artifacts a ON a.id = ar.artifact_id
             JOIN repositories r ON r.id = a.repository_id
             JOIN projects p ON p.id = r.project_id
             WHERE ar.child_digest GLOB ?1
             ORDER BY 4 IS NOT NULL, 1, 2, 3
             LIMIT ?2",
        )?
        .query_map(params![pattern, max], |row| {
            Ok((
                row.get::<_, i64>(4)?,
                DigestHit {
                    project: row.get(0)?,
                    repository: row.get(1)?,
                    digest: row.get(2)?,
                    tags: Vec::new(),
                    size_bytes: row.get(6)?,
                    child_digest: row.get(3)?,
                    last_seen_ms: row.get(5)?,
                },
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut items = Vec::with_capacity(found.len());
    for (artifact_id, mut hit) in found {
        hit.tags = tags_of(tx, artifact_id)?
            .into_iter()
            .map(|t| t.name)
            .collect();
        items.push(hit);
    }
    Ok(Hits {
        items,
        total,
        at_least: false,
    })
}

fn charts(tx: &Transaction<'_>, text: &str, max: i64) -> rusqlite::Result<Hits<ChartHit>> {
    let p = Patterns::new(text);
    let filter = "FROM charts WHERE name LIKE ?1 ESCAPE '\\'
         OR (project_name || '/' || name) LIKE ?1 ESCAPE '\\'";
    let total = count(tx, &format!("SELECT count(*) {filter}"), &[&p.contains])?;
    let items = tx
        .prepare(&format!(
            "SELECT project_name, name, latest_version, last_seen_ms {filter}
             ORDER BY lower(name) = ?2 DESC, name LIKE ?3 ESCAPE '\\' DESC, name, project_name
             LIMIT ?4"
        ))?
        .query_map(params![p.contains, p.exact, p.prefix, max], |row| {
            Ok(ChartHit {
                project: row.get(0)?,
                chart: row.get(1)?,
                latest_version: row.get(2)?,
                last_seen_ms: row.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(Hits {
        items,
        total,
        at_least: false,
    })
}

fn freshness(tx: &Transaction<'_>) -> rusqlite::Result<Freshness> {
    let state = tx
        .query_row(
            "SELECT last_complete_crawl_ms, run_started_ms,
                 run_generation IS NOT NULL AND run_finished_ms IS NULL,
                 projects_listed_ms, charts_listed_ms
             FROM state WHERE id = 1",
            [],
            |row| {
                Ok((
                    row.get::<_, Option<i64>>(0)?,
                    row.get::<_, Option<i64>>(1)?,
                    row.get::<_, bool>(2)?,
                    row.get::<_, Option<i64>>(3)?,
                    row.get::<_, Option<i64>>(4)?,
                ))
            },
        )
        .optional()?
        .unwrap_or_default();
    let oldest_seen_ms: Option<i64> = tx.query_row(
        "SELECT min(m) FROM (
             SELECT min(last_seen_ms) AS m FROM projects
             UNION ALL SELECT min(last_seen_ms) FROM repositories
             UNION ALL SELECT min(last_seen_ms) FROM artifacts
             UNION ALL SELECT min(last_seen_ms) FROM charts)",
        [],
        |row| row.get(0),
    )?;
    let n = |sql: &str| -> rusqlite::Result<u64> {
        tx.query_row(sql, [], |row| row.get::<_, i64>(0))
            .map(unsigned)
    };
    Ok(Freshness {
        last_complete_crawl_ms: state.0,
        crawl_started_ms: state.1,
        crawl_unfinished: state.2,
        projects_listed_ms: state.3,
        charts_listed_ms: state.4,
        oldest_seen_ms,
        projects: n("SELECT count(*) FROM projects")?,
        repositories: n("SELECT count(*) FROM repositories")?,
        repositories_not_listed: n(
            "SELECT count(*) FROM repositories WHERE artifacts_listed_ms IS NULL",
        )?,
        artifacts: n("SELECT count(*) FROM artifacts")?,
        tags: n("SELECT count(*) FROM tags")?,
        charts: n("SELECT count(*) FROM charts")?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digest_prefixes_need_four_hex_digits() {
        assert_eq!(digest_prefix("sha256:ABCD"), Some("abcd".to_owned()));
        assert_eq!(digest_prefix("  abcd12 "), Some("abcd12".to_owned()));
        assert_eq!(digest_prefix("abc"), None);
        assert_eq!(digest_prefix("sha256:abc"), None);
        assert_eq!(digest_prefix("nginx"), None);
        assert_eq!(digest_prefix(&"a".repeat(65)), None);
    }
}
