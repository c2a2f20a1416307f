//! The demo data a new store starts with (once: the store remembers it was seeded), and the two
//! built-in users.
//!
//! Digests are SHA-256 of deterministic text, times are fixed (September 2023, like the
//! document's examples), and chart archives are built from the embedded chart sources.

use std::fmt::Write as _;

use rusqlite::Connection;
use sha2::{Digest, Sha256};

use super::auth::{self, HashError};
use super::charts::{self, ChartSource};
use super::store::{self, ArchiveSource, NewArtifact, StoreError};
use super::{ADMIN_USER, DEFAULT_ADMIN_PASSWORD, VIEWER_PASSWORD, VIEWER_USER};

/// 2023-09-19 14:18:52 UTC+08:00, the document's first project creation time.
const BASE_MS: i64 = 1_695_104_332_000;
const MINUTE_MS: i64 = 60_000;
const HOUR_MS: i64 = 60 * MINUTE_MS;
const DAY_MS: i64 = 24 * HOUR_MS;
const MIB: i64 = 1024 * 1024;

const OCI_MANIFEST: &str = "application/vnd.oci.image.manifest.v1+json";
const OCI_INDEX: &str = "application/vnd.oci.image.index.v1+json";
const DOCKER_MANIFEST: &str = "application/vnd.docker.distribution.manifest.v2+json";

/// The digest of a demo artifact: SHA-256 of a text naming it.
pub fn demo_digest(label: &str) -> String {
    let digest = Sha256::digest(format!("ccr-sandbox demo manifest: {label}").as_bytes());
    let mut out = String::with_capacity(71);
    out.push_str("sha256:");
    for byte in digest {
        let _ = write!(out, "{byte:02x}");
    }
    out
}

/// A single-platform image with its tags.
struct Image {
    label: &'static str,
    media_type: &'static str,
    size: i64,
    os: &'static str,
    architecture: &'static str,
    author: &'static str,
    pushed_ms: i64,
    pulled_ms: Option<i64>,
    tags: &'static [&'static str],
}

impl Image {
    fn new_artifact<'a>(&'a self, digest: &'a str) -> NewArtifact<'a> {
        NewArtifact {
            digest,
            media_type: self.media_type,
            is_index: false,
            size: self.size,
            os: self.os,
            architecture: self.architecture,
            author: self.author,
            created_ms: Some(self.pushed_ms - 3 * HOUR_MS + 123),
            push_ms: self.pushed_ms,
            pull_ms: self.pulled_ms,
        }
    }
}

fn add_image(tx: &Connection, repository_id: i64, image: &Image) -> Result<i64, StoreError> {
    let digest = demo_digest(image.label);
    let id = store::insert_artifact(tx, repository_id, &image.new_artifact(&digest))?;
    for (i, tag) in (0_i64..).zip(image.tags) {
        let tag_push = image.pushed_ms + 1091 + i;
        store::insert_tag(tx, repository_id, id, tag, tag_push, image.pulled_ms)?;
    }
    Ok(id)
}

/// A multi-platform index over linux/amd64 and linux/arm64 images.
fn add_index(
    tx: &Connection,
    repository_id: i64,
    label: &'static str,
    sizes: [i64; 2],
    pushed_ms: i64,
    tags: &'static [&'static str],
) -> Result<i64, StoreError> {
    let mut children = Vec::new();
    for (arch, size) in ["arm64", "amd64"].into_iter().zip(sizes) {
        let child_label = format!("{label} linux/{arch}");
        let digest = demo_digest(&child_label);
        let child = NewArtifact {
            digest: &digest,
            media_type: OCI_MANIFEST,
            is_index: false,
            size,
            os: "linux",
            architecture: arch,
            author: "",
            created_ms: Some(pushed_ms - 2 * HOUR_MS + 456),
            push_ms: pushed_ms,
            pull_ms: None,
        };
        children.push((store::insert_artifact(tx, repository_id, &child)?, arch));
    }
    let digest = demo_digest(label);
    let index = NewArtifact {
        digest: &digest,
        media_type: OCI_INDEX,
        is_index: true,
        size: sizes.iter().sum::<i64>() + 1_609,
        os: "",
        architecture: "",
        author: "",
        created_ms: None,
        push_ms: pushed_ms,
        pull_ms: None,
    };
    let id = store::insert_artifact(tx, repository_id, &index)?;
    for (child, arch) in children {
        store::insert_reference(tx, id, child, "linux", arch)?;
    }
    for (i, tag) in (0_i64..).zip(tags) {
        store::insert_tag(tx, repository_id, id, tag, pushed_ms + 1091 + i, None)?;
    }
    Ok(id)
}

fn add_chart(
    tx: &Connection,
    project: &str,
    source: &ChartSource,
    versions: &[(&str, i64)],
) -> Result<(), StoreError> {
    for (version, at_ms) in versions {
        let archive = charts::build_archive(source, version)?;
        store::store_chart_version(
            tx,
            project,
            source.name,
            version,
            ArchiveSource::Bytes(&archive),
            *at_ms,
        )?;
    }
    Ok(())
}

const NGINX_AUTHOR: &str = "NGINX Docker Maintainers <docker-maint@nginx.com>";
const BACKEND_AUTHOR: &str = "Backend Team <backend@example.com>";
const ML_AUTHOR: &str = "ML Platform <ml-platform@example.com>";

/// Seeds the demo data unless the store was seeded before; answers whether it seeded now.
pub fn seed_once(conn: &mut Connection) -> Result<bool, StoreError> {
    let tx = store::write_tx(conn)?;
    if store::is_seeded(&tx)? {
        return Ok(false);
    }
    seed_library(&tx)?;
    seed_demo(&tx)?;
    seed_ml_models(&tx)?;
    // playground: public, empty, for trying deletions.
    store::create_project(&tx, "playground", true, -1, t(3, 0))?;
    store::mark_seeded(&tx, super::time::now_ms())?;
    tx.commit()?;
    Ok(true)
}

/// A fixed demo time: `days` and `minutes` after the document's first project creation.
fn t(days: i64, minutes: i64) -> i64 {
    BASE_MS + days * DAY_MS + minutes * MINUTE_MS
}

/// library: public, unlimited; single-platform images with several tags, an untagged one, a
/// multi-platform index; charts with several versions.
fn seed_library(tx: &Connection) -> Result<(), StoreError> {
    let library = store::create_project(tx, "library", true, -1, BASE_MS)?;
    let nginx = store::insert_repository(
        tx,
        library,
        "nginx",
        "Official NGINX image",
        "NGINX is a web server, reverse proxy and load balancer. Built from the upstream Debian image.",
        t(0, 1),
    )?;
    add_image(
        tx,
        nginx,
        &Image {
            label: "library/nginx 1.25.1",
            media_type: DOCKER_MANIFEST,
            size: 67_124_503,
            os: "linux",
            architecture: "amd64",
            author: NGINX_AUTHOR,
            pushed_ms: t(1, 0),
            pulled_ms: None,
            tags: &[],
        },
    )?;
    add_image(
        tx,
        nginx,
        &Image {
            label: "library/nginx 1.25.2",
            media_type: DOCKER_MANIFEST,
            size: 67_305_472,
            os: "linux",
            architecture: "amd64",
            author: NGINX_AUTHOR,
            pushed_ms: t(7, 93),
            pulled_ms: Some(t(8, 600)),
            tags: &["1.25.2", "1.25", "latest"],
        },
    )?;
    let busybox = store::insert_repository(
        tx,
        library,
        "busybox",
        "BusyBox for linux/amd64 and linux/arm64",
        "",
        t(0, 2),
    )?;
    add_index(
        tx,
        busybox,
        "library/busybox 1.36.1",
        [1_920_313, 2_216_004],
        t(7, 5 * 60 + 33),
        &["1.36.1", "latest"],
    )?;
    let postgres =
        store::insert_repository(tx, library, "postgres", "PostgreSQL server", "", t(1, 20))?;
    add_image(
        tx,
        postgres,
        &Image {
            label: "library/postgres 15.4",
            media_type: OCI_MANIFEST,
            size: 151_004_432,
            os: "linux",
            architecture: "amd64",
            author: "",
            pushed_ms: t(1, 25),
            pulled_ms: Some(t(2, 0)),
            tags: &["15.4", "15"],
        },
    )?;
    add_chart(
        tx,
        "library",
        &charts::POSTGRESQL,
        &[("12.1.0", t(0, 56)), ("12.2.7", t(0, 20 * 60 + 48))],
    )?;
    add_chart(tx, "library", &charts::REDIS, &[("18.1.5", t(2, 3 * 60))])?;
    Ok(())
}

/// demo: private, 10 GiB; multi-level repository names, an empty repository, a chart whose name
/// and versions hold dashes.
fn seed_demo(tx: &Connection) -> Result<(), StoreError> {
    let demo = store::create_project(tx, "demo", false, 10 * 1024 * MIB, t(0, 10))?;
    let api = store::insert_repository(
        tx,
        demo,
        "team/backend/api",
        "Order service REST API",
        "Go service behind the public API gateway. Images are built by CI from the main branch.",
        t(0, 12),
    )?;
    for (label, size, day, tags) in [
        ("demo/team/backend/api 1.3.9", 23_117_824_i64, 2, &[][..]),
        (
            "demo/team/backend/api 1.4.0",
            24_395_776,
            4,
            &["v1.4.0"][..],
        ),
        (
            "demo/team/backend/api 1.4.1",
            24_401_920,
            6,
            &["v1.4.1", "stable"][..],
        ),
    ] {
        add_image(
            tx,
            api,
            &Image {
                label,
                media_type: OCI_MANIFEST,
                size,
                os: "linux",
                architecture: "amd64",
                author: BACKEND_AUTHOR,
                pushed_ms: t(day, 9 * 60),
                pulled_ms: if tags.is_empty() {
                    None
                } else {
                    Some(t(day + 1, 0))
                },
                tags,
            },
        )?;
    }
    let web = store::insert_repository(
        tx,
        demo,
        "team/frontend/web",
        "Web front end (static files served by nginx)",
        "",
        t(0, 14),
    )?;
    add_image(
        tx,
        web,
        &Image {
            label: "demo/team/frontend/web 1.9.3",
            media_type: DOCKER_MANIFEST,
            size: 18_874_368,
            os: "linux",
            architecture: "amd64",
            author: "",
            pushed_ms: t(3, 0),
            pulled_ms: None,
            tags: &["1.9.3"],
        },
    )?;
    add_index(
        tx,
        web,
        "demo/team/frontend/web 2.0.0",
        [19_202_048, 19_660_800],
        t(5, 11 * 60),
        &["2.0.0"],
    )?;
    store::insert_repository(tx, demo, "tools/ci-runner", "", "", t(6, 0))?;
    add_chart(
        tx,
        "demo",
        &charts::WEB_APP,
        &[
            ("0.1.0", t(1, 0)),
            ("0.2.0", t(3, 0)),
            ("1.0.0-rc.1", t(6, 30)),
        ],
    )?;

    Ok(())
}

/// ml-models: private, 100 MiB quota, 92 MiB used.
fn seed_ml_models(tx: &Connection) -> Result<(), StoreError> {
    let ml = store::create_project(tx, "ml-models", false, 100 * MIB, t(2, 0))?;
    let server = store::insert_repository(
        tx,
        ml,
        "inference/server",
        "Model server with the ONNX runtime",
        "",
        t(2, 5),
    )?;
    add_image(
        tx,
        server,
        &Image {
            label: "ml-models/inference/server 2.0.0",
            media_type: OCI_MANIFEST,
            size: 32 * MIB,
            os: "linux",
            architecture: "amd64",
            author: ML_AUTHOR,
            pushed_ms: t(2, 30),
            pulled_ms: None,
            tags: &["v2.0.0"],
        },
    )?;
    add_image(
        tx,
        server,
        &Image {
            label: "ml-models/inference/server 2.1.0",
            media_type: OCI_MANIFEST,
            size: 60 * MIB,
            os: "linux",
            architecture: "amd64",
            author: ML_AUTHOR,
            pushed_ms: t(5, 30),
            pulled_ms: Some(t(6, 0)),
            tags: &["v2.1.0", "latest"],
        },
    )?;
    Ok(())
}

/// Makes sure the administrator and the read-only user exist: a missing user gets the default
/// password (the administrator `admin_password` when given), and a given `admin_password`
/// replaces the stored one.
pub fn ensure_users(conn: &Connection, admin_password: Option<&str>) -> Result<(), UserSetupError> {
    match (store::user(conn, ADMIN_USER)?, admin_password) {
        (_, Some(password)) => {
            let hash = auth::hash_password(password)?;
            store::set_user_password(conn, ADMIN_USER, &hash, true)?;
        }
        (None, None) => {
            let hash = auth::hash_password(DEFAULT_ADMIN_PASSWORD)?;
            store::set_user_password(conn, ADMIN_USER, &hash, true)?;
        }
        (Some(_), None) => {}
    }
    if store::user(conn, VIEWER_USER)?.is_none() {
        let hash = auth::hash_password(VIEWER_PASSWORD)?;
        store::set_user_password(conn, VIEWER_USER, &hash, false)?;
    }
    Ok(())
}

/// Whether the administrator's stored password is still the default one.
pub fn admin_password_is_default(conn: &Connection) -> Result<bool, StoreError> {
    Ok(store::user(conn, ADMIN_USER)?
        .is_some_and(|row| auth::verify_password(&row.password_hash, DEFAULT_ADMIN_PASSWORD)))
}

/// Why the users could not be set up.
#[derive(Debug, thiserror::Error)]
pub enum UserSetupError {
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Hashing failed.
    #[error(transparent)]
    Hash(#[from] HashError),
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sandbox::store::{Store, Window};

    #[test]
    fn seeding_happens_once_and_fills_every_kind() {
        let store = Store::in_memory().unwrap();
        assert!(store.with_conn(seed_once).unwrap());
        assert!(!store.with_conn(seed_once).unwrap());
        let (total, projects) = store
            .with_conn(|c| store::list_projects(c, "", Window::ALL))
            .unwrap();
        assert_eq!(total, 4);
        let names: Vec<_> = projects.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["demo", "library", "ml-models", "playground"]);
        let ml = projects.iter().find(|p| p.name == "ml-models").unwrap();
        assert_eq!(ml.used_bytes, 92 * MIB);
        let (_, busybox) = store
            .with_conn(|c| store::list_artifacts(c, "library", "busybox", Window::ALL))
            .unwrap();
        assert_eq!(busybox.len(), 1, "children are not listed at top level");
        assert_eq!(busybox[0].references.len(), 2);
        let (charts_total, charts) = store
            .with_conn(|c| store::list_charts(c, "", Window::ALL))
            .unwrap();
        assert_eq!(charts_total, 3);
        assert!(charts.iter().any(|c| c.versions.len() == 3));
        let (_, repos) = store
            .with_conn(|c| store::list_repositories(c, Some("demo"), "backend", Window::ALL))
            .unwrap();
        assert_eq!(repos[0].name, "team/backend/api");
        assert_eq!(repos[0].tag_count, 3);
    }

    #[test]
    fn digests_look_real() {
        let d = demo_digest("x");
        assert_eq!(d.len(), 71);
        assert_eq!(crate::contract::digest(&d), Ok(()));
    }
}
