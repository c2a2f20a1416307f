//! Helm charts: the list of every project's charts and a project's Charts tab, the detail pane,
//! delete through the confirmation, and downloads through the save dialog (answered by the
//! test) or a typed path, with cancel, a missing version and what the saved archive holds.

#![allow(clippy::expect_used)] // a test that cannot go on says why, and fails

mod ui_support;

use std::net::SocketAddr;
use std::path::Path;

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};

use ccr_desk::ui::CcrDeskApp;
use ui_support::{
    Desk, ScriptedFiles, click, click_first, click_still, field_text, shows, shows_text, type_into,
    wait_for,
};

type App = Harness<'static, CcrDeskApp>;

/// The files in `folder` (temporary `.part` files included), sorted.
fn files_in(folder: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(folder)
        .expect("folder readable")
        .map(|entry| {
            entry
                .expect("entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    names.sort();
    names
}

/// Opens "Helm charts" from the navigation and waits for the seeded charts.
fn open_all_charts(app: &mut App) {
    wait_for(app, "the projects", |h| shows(h, "demo"));
    click(app, "Helm charts");
    wait_for(app, "every project's charts", |h| {
        shows(h, "web-app") && shows(h, "postgresql") && shows(h, "redis")
    });
}

/// Selects the chart named `name` by a click on its row, and waits for its detail.
fn select_chart(app: &mut App, name: &str, full_name: &str) {
    click_first(app, name);
    wait_for(app, "the chart's detail", |h| shows(h, full_name));
}

/// Points the saved profile at `endpoint` and, when given, suggests `folder` for downloads.
fn edit_settings(desk: &Desk, endpoint: Option<String>, folder: Option<&Path>) {
    let mut settings = desk.saved_settings();
    if let Some(endpoint) = endpoint {
        settings.profiles[0].endpoint = endpoint;
    }
    if let Some(folder) = folder {
        settings.last_download_folder = Some(folder.to_path_buf());
    }
    desk.profile_file().save(&settings).expect("settings saved");
}

fn stored_archive(desk: &Desk, project: &str, chart: &str, version: &str) -> Vec<u8> {
    let sandbox = desk.sandbox.as_ref().expect("a test sandbox");
    desk.runtime
        .block_on(sandbox.chart_archive(project, chart, version))
        .expect("the sandbox answers")
        .expect("the version exists")
}

#[test]
fn download_a_typed_version_and_see_what_the_archive_holds() {
    let (desk, _profile) = Desk::with_profile("Harbor12345");
    let folder = tempfile::tempdir().expect("download folder");
    let target = folder.path().join("web-app-0.2.0.tgz");
    let files = ScriptedFiles::new([Some(target.clone())]);
    let mut app = desk.harness_with_files(files.clone());
    open_all_charts(&mut app);
    assert!(shows_text(&app, "Page 1 of 1, 3 charts"));
    // The all-projects list names each chart's project.
    assert!(shows(&app, "library") && shows(&app, "demo"));

    select_chart(&mut app, "web-app", "demo/web-app");
    assert!(shows(&app, "Latest version"));
    click(&mut app, "Download…");
    wait_for(&mut app, "the download dialog", |h| {
        shows(h, "Download chart")
    });
    assert_eq!(
        field_text(&app, "Version").as_deref(),
        Some("1.0.0-rc.1"),
        "the version field starts at the latest version"
    );
    // A version with a slash cannot be downloaded.
    type_into(&mut app, "Version", "0.2/0");
    assert!(
        app.get_by_label("Save as…").accesskit_node().is_disabled(),
        "an invalid version cannot be saved"
    );
    type_into(&mut app, "Version", "0.2.0");
    click_still(&mut app, "Save as…");
    wait_for(&mut app, "the saved chart and its content", |h| {
        shows(h, "Chart saved") && shows(h, "values.yaml")
    });

    let asked = files.asked();
    assert_eq!(asked.len(), 1);
    assert_eq!(asked[0].file_name, "web-app-0.2.0.tgz");
    assert_eq!(asked[0].title, "Save chart archive");
    let saved = std::fs::read(&target).expect("the archive was saved");
    assert_eq!(saved, stored_archive(&desk, "demo", "web-app", "0.2.0"));
    assert_eq!(files_in(folder.path()), ["web-app-0.2.0.tgz"]);

    // Chart.yaml's fields and values.yaml as the archive holds them.
    assert!(shows(&app, target.display().to_string().as_str()));
    assert!(shows_text(&app, &format!("({} bytes)", saved.len())));
    assert!(shows(&app, "0.2.0"));
    assert!(shows(&app, "1.25.2"), "the app version");
    assert!(shows(
        &app,
        "A stateless web application behind a ClusterIP service"
    ));
    let values = field_text(&app, "values.yaml").expect("values.yaml shown");
    assert!(values.contains("replicaCount: 2"), "{values}");

    // The folder is suggested next time.
    wait_for(&mut app, "the download folder remembered", |_| {
        desk.saved_settings().last_download_folder.as_deref() == Some(folder.path())
    });
    click_still(&mut app, "Close");
    wait_for(&mut app, "the dialog closed", |h| !shows(h, "Chart saved"));
}

#[test]
fn a_version_that_does_not_exist_shows_the_error_and_writes_nothing() {
    let desk = Desk::first_run();
    let folder = tempfile::tempdir().expect("download folder");
    let files = ScriptedFiles::new([Some(folder.path().join("web-app-9.9.9.tgz"))]);
    let mut app = desk.harness_with_files(files);
    open_all_charts(&mut app);
    select_chart(&mut app, "web-app", "demo/web-app");
    click(&mut app, "Download…");
    wait_for(&mut app, "the download dialog", |h| {
        shows(h, "Download chart")
    });
    type_into(&mut app, "Version", "9.9.9");
    click_still(&mut app, "Save as…");
    wait_for(&mut app, "the server's error", |h| {
        shows(h, "The download failed")
    });
    assert!(shows_text(&app, "HTTP 404"), "{:#?}", app.root());
    assert!(shows_text(&app, "It does not exist"));
    assert!(shows(&app, "Nothing was written"));
    assert!(
        files_in(folder.path()).is_empty(),
        "no file, not even a temporary one: {:?}",
        files_in(folder.path())
    );
    // The dialog stays open for another try; Cancel closes it.
    click_still(&mut app, "Cancel");
    wait_for(&mut app, "the dialog closed", |h| {
        !shows(h, "Download chart")
    });
}

/// A chart archive of `size_bytes` of incompressible (xorshift) bytes besides its Chart.yaml.
fn big_chart(name: &str, version: &str, size_bytes: usize) -> Vec<u8> {
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut blob = Vec::with_capacity(size_bytes);
    while blob.len() < size_bytes {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        blob.extend_from_slice(&state.to_le_bytes());
    }
    blob.truncate(size_bytes);
    let chart_yaml = format!("apiVersion: v2\nname: {name}\nversion: {version}\n");
    let encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    let mut tar = tar::Builder::new(encoder);
    for (path, content) in [
        (format!("{name}/Chart.yaml"), chart_yaml.as_bytes()),
        (format!("{name}/blob.bin"), blob.as_slice()),
    ] {
        let mut header = tar::Header::new_gnu();
        header.set_size(content.len() as u64);
        header.set_mode(0o644);
        header.set_cksum();
        tar.append_data(&mut header, path, content)
            .expect("archive entry");
    }
    tar.into_inner().expect("tar").finish().expect("gzip")
}

/// When a [`proxy`] stops passing the server's bytes, for good, on each connection.
#[derive(Clone, Copy)]
enum Stall {
    /// After this many of them: a download through it stays in progress until it is
    /// cancelled, however fast the machine.
    AfterBytes(usize),
    /// Once a request for a chart download went through: its answer never arrives.
    AfterDownloadRequest,
}

/// A TCP proxy to `upstream` that passes everything both ways until `stall` says to stop.
fn proxy(desk: &Desk, upstream: SocketAddr, stall: Stall) -> SocketAddr {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};
    use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
    let listener = desk
        .runtime
        .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
        .expect("proxy listens");
    let address = listener.local_addr().expect("proxy address");
    desk.runtime.spawn(async move {
        while let Ok((client, _)) = listener.accept().await {
            tokio::spawn(async move {
                let Ok(server) = tokio::net::TcpStream::connect(upstream).await else {
                    return;
                };
                let (mut client_read, mut client_write) = client.into_split();
                let (mut server_read, mut server_write) = server.into_split();
                let download_asked = Arc::new(AtomicBool::new(false));
                let asked = Arc::clone(&download_asked);
                tokio::spawn(async move {
                    let mut buffer = vec![0_u8; 16 * 1024];
                    while let Ok(read) = client_read.read(&mut buffer).await {
                        if read == 0 {
                            return;
                        }
                        if buffer[..read].windows(9).any(|w| w == b"/download") {
                            asked.store(true, Ordering::SeqCst);
                        }
                        if server_write.write_all(&buffer[..read]).await.is_err() {
                            return;
                        }
                    }
                });
                let mut passed = 0;
                let mut buffer = vec![0_u8; 64 * 1024];
                loop {
                    let room = match stall {
                        Stall::AfterBytes(limit) => buffer.len().min(limit - passed),
                        Stall::AfterDownloadRequest => buffer.len(),
                    };
                    if room == 0 {
                        break;
                    }
                    let read = match server_read.read(&mut buffer[..room]).await {
                        Ok(0) | Err(_) => return,
                        Ok(read) => read,
                    };
                    if matches!(stall, Stall::AfterDownloadRequest)
                        && download_asked.load(Ordering::SeqCst)
                    {
                        break;
                    }
                    if client_write.write_all(&buffer[..read]).await.is_err() {
                        return;
                    }
                    passed += read;
                }
                // Stalled: keep the connection open and pass nothing more.
                std::future::pending::<()>().await;
            });
        }
    });
    address
}

#[test]
fn a_cancelled_download_leaves_no_file() {
    let (desk, _profile) = Desk::with_profile("Harbor12345");
    let sandbox = desk.sandbox.as_ref().expect("a test sandbox");
    let archive = big_chart("big-chart", "3.0.0", 6 * 1024 * 1024);
    desk.runtime
        .block_on(sandbox.import_chart(archive.clone(), "demo"))
        .expect("big chart imported");
    let proxy = proxy(&desk, sandbox.local_addr(), Stall::AfterBytes(1024 * 1024));
    edit_settings(&desk, Some(format!("http://{proxy}")), None);

    let folder = tempfile::tempdir().expect("download folder");
    let target = folder.path().join("big-chart-3.0.0.tgz");
    let files = ScriptedFiles::new([Some(target.clone())]);
    let mut app = desk.harness_with_files(files);
    open_all_charts(&mut app);
    wait_for(&mut app, "the big chart", |h| shows(h, "big-chart"));
    select_chart(&mut app, "big-chart", "demo/big-chart");
    click(&mut app, "Download…");
    wait_for(&mut app, "the download dialog", |h| {
        shows(h, "Download chart")
    });
    assert_eq!(field_text(&app, "Version").as_deref(), Some("3.0.0"));
    click_still(&mut app, "Save as…");

    // The proxy holds the transfer after 1 MiB: the progress shows, the file is not there yet.
    wait_for(&mut app, "the transfer's progress", |h| {
        h.query_all_by_role(Role::ProgressIndicator).any(|bar| {
            bar.accesskit_node()
                .numeric_value()
                .is_some_and(|v| v >= 10.0)
        })
    });
    assert!(shows(&app, "Downloading chart"));
    assert!(shows_text(&app, "of 6.01 MiB"), "{:#?}", app.root());
    assert!(!target.exists(), "the file appears only when complete");

    click_still(&mut app, "Cancel");
    wait_for(&mut app, "the cancel confirmed", |h| {
        shows(h, "The download was cancelled; nothing was written")
    });
    assert!(
        files_in(folder.path()).is_empty(),
        "no file, not even a temporary one: {:?}",
        files_in(folder.path())
    );
    // Nothing appears later either: the transfer has stopped, not gone on in the background.
    for _ in 0..20 {
        app.step();
    }
    assert!(files_in(folder.path()).is_empty());
}

#[test]
fn without_a_save_dialog_a_typed_path_is_used_and_replacing_asks_first() {
    let (desk, _profile) = Desk::with_profile("Harbor12345");
    let folder = tempfile::tempdir().expect("download folder");
    edit_settings(&desk, None, Some(folder.path()));
    // No answers: every save dialog comes back without a file, as on a desktop without one.
    let files = ScriptedFiles::new([]);
    let mut app = desk.harness_with_files(files.clone());
    open_all_charts(&mut app);
    select_chart(&mut app, "redis", "library/redis");
    click(&mut app, "Download…");
    wait_for(&mut app, "the download dialog", |h| {
        shows(h, "Download chart")
    });
    click_still(&mut app, "Save as…");
    wait_for(&mut app, "the path field", |h| {
        h.query_all_by_label("Save to").next().is_some()
    });
    assert!(shows_text(&app, "No file was chosen"));
    let suggested = folder.path().join("redis-18.1.5.tgz");
    assert_eq!(
        field_text(&app, "Save to"),
        Some(suggested.display().to_string())
    );
    let asked = files.asked();
    assert_eq!(asked.len(), 1);
    assert_eq!(asked[0].folder, folder.path());
    assert_eq!(asked[0].file_name, "redis-18.1.5.tgz");

    // A relative path is refused before anything is asked of the disk.
    type_into(&mut app, "Save to", "mine.tgz");
    assert!(app.get_by_label("Download").accesskit_node().is_disabled());
    let mine = folder.path().join("my-redis.tgz");
    type_into(&mut app, "Save to", &mine.display().to_string());
    click_still(&mut app, "Download");
    wait_for(&mut app, "the saved chart", |h| {
        shows(h, "Chart saved") && shows(h, "values.yaml")
    });
    let expected = stored_archive(&desk, "library", "redis", "18.1.5");
    assert_eq!(std::fs::read(&mine).expect("saved"), expected);
    assert_eq!(files_in(folder.path()), ["my-redis.tgz"]);
    click_still(&mut app, "Close");
    wait_for(&mut app, "the dialog closed", |h| !shows(h, "Chart saved"));

    // The same path again: the app asks before replacing the file.
    std::fs::write(&mine, b"older content").expect("file changed");
    click(&mut app, "Download…");
    wait_for(&mut app, "the download dialog", |h| {
        shows(h, "Download chart")
    });
    click_still(&mut app, "Save as…");
    wait_for(&mut app, "the path field", |h| {
        h.query_all_by_label("Save to").next().is_some()
    });
    type_into(&mut app, "Save to", &mine.display().to_string());
    click_still(&mut app, "Download");
    wait_for(&mut app, "the question", |h| shows(h, "Replace the file?"));
    click_still(&mut app, "Keep it");
    wait_for(&mut app, "back to the dialog", |h| {
        shows(h, "Download chart")
    });
    assert_eq!(std::fs::read(&mine).expect("kept"), b"older content");
    click_still(&mut app, "Download");
    wait_for(&mut app, "the question", |h| shows(h, "Replace the file?"));
    click_still(&mut app, "Replace");
    wait_for(&mut app, "the saved chart", |h| shows(h, "Chart saved"));
    assert_eq!(std::fs::read(&mine).expect("replaced"), expected);
    assert_eq!(files_in(folder.path()), ["my-redis.tgz"]);
}

#[test]
fn delete_a_chart_with_every_version() {
    let desk = Desk::first_run();
    let mut app = desk.harness();
    open_all_charts(&mut app);
    select_chart(&mut app, "postgresql", "library/postgresql");
    assert!(shows(&app, "2"), "postgresql has two versions");
    click_first(&mut app, "Delete…");
    wait_for(&mut app, "the confirmation", |h| shows(h, "Delete chart"));
    assert!(shows_text(&app, "“library/postgresql” will be deleted"));
    assert!(shows_text(
        &app,
        "Every version of the chart goes with it (all 2)"
    ));
    click_still(&mut app, "Delete");
    wait_for(&mut app, "postgresql gone", |h| {
        !shows(h, "postgresql") && !shows(h, "Delete chart") && shows(h, "redis")
    });
    assert!(shows_text(&app, "Page 1 of 1, 2 charts"));
    assert!(
        !shows(&app, "library/postgresql"),
        "the detail pane closed with the chart"
    );
}

#[test]
fn a_projects_charts_tab_keeps_its_charts_and_says_so() {
    let desk = Desk::first_run();
    let mut app = desk.harness();
    wait_for(&mut app, "the projects", |h| shows(h, "demo"));
    click(&mut app, "demo");
    wait_for(&mut app, "demo's repositories", |h| {
        shows(h, "team/backend/api")
    });
    // "Charts" is both the project's tab and its entry in the navigation.
    click_first(&mut app, "Charts");
    wait_for(&mut app, "demo's charts", |h| {
        shows(h, "web-app")
            && shows(
                h,
                "Page 1 of 1 lists 3 charts of all projects; 1 of them is in demo",
            )
    });
    assert!(!shows(&app, "postgresql") && !shows(&app, "redis"));
    // The server's pager stays: it counts the charts of all projects.
    assert!(shows_text(&app, "Page 1 of 1, 3 charts"));

    // A project name in the all-projects list opens that project's tab.
    click(&mut app, "Helm charts");
    wait_for(&mut app, "every project's charts", |h| {
        shows(h, "postgresql") && shows(h, "web-app")
    });
    app.query_all_by_role_and_label(Role::Link, "library")
        .next()
        .expect("a link to library")
        .click();
    app.step();
    wait_for(&mut app, "library's charts", |h| {
        shows(
            h,
            "Page 1 of 1 lists 3 charts of all projects; 2 of them are in library",
        )
    });
    assert!(shows(&app, "postgresql") && shows(&app, "redis"));
    assert!(!shows(&app, "web-app"));
}

#[test]
fn a_project_without_charts_on_the_page_says_where_to_look() {
    let desk = Desk::first_run();
    let mut app = desk.harness();
    wait_for(&mut app, "the projects", |h| shows(h, "playground"));
    click(&mut app, "playground");
    wait_for(&mut app, "playground opened", |h| {
        h.query_all_by_label("Charts").next().is_some()
    });
    click_first(&mut app, "Charts");
    wait_for(&mut app, "the notice", |h| {
        shows_text(h, "None of the 3 charts on page 1 of 1")
    });
    assert!(shows_text(&app, "playground has no Helm charts"));
    assert!(shows_text(&app, "Page 1 of 1, 3 charts"), "the pager stays");
}

#[test]
fn the_keyboard_selects_opens_the_download_dialog_and_asks_to_delete() {
    let desk = Desk::first_run();
    let files = ScriptedFiles::new([]);
    let mut app = desk.harness_with_files(files.clone());
    open_all_charts(&mut app);
    app.key_press(egui::Key::ArrowDown);
    app.step();
    wait_for(&mut app, "the first chart selected", |h| {
        shows(h, "Download…")
    });
    // Enter opens the download dialog, and only that: the save dialog is not asked for yet.
    app.key_press(egui::Key::Enter);
    wait_for(&mut app, "the download dialog", |h| {
        shows(h, "Download chart")
    });
    for _ in 0..5 {
        app.step();
    }
    assert!(files.asked().is_empty(), "{:?}", files.asked());
    assert!(!shows_text(&app, "No file was chosen"));
    app.key_press(egui::Key::Escape);
    wait_for(&mut app, "the dialog closed", |h| {
        !shows(h, "Download chart")
    });
    app.key_press(egui::Key::Delete);
    wait_for(&mut app, "the confirmation", |h| shows(h, "Delete chart"));
    app.key_press(egui::Key::Escape);
    wait_for(&mut app, "the confirmation closed", |h| {
        !shows(h, "Delete chart")
    });
    assert!(shows_text(&app, "Page 1 of 1, 3 charts"));
}

// Chart versions: the server lists only the latest, so a typed version is checked before the
// save dialog opens, and the versions known to exist are offered in the dialog.

/// Opens the download dialog of `name` (selected first) and waits for it.
fn open_download(app: &mut App, name: &str, full_name: &str) {
    select_chart(app, name, full_name);
    click(app, "Download…");
    wait_for(app, "the download dialog", |h| shows(h, "Download chart"));
}

/// The button that fills in `version` (a version is also a label in the table behind).
fn version_chip<'h>(app: &'h App, version: &'h str) -> Option<egui_kittest::Node<'h>> {
    app.query_all_by_role_and_label(Role::Button, version)
        .next()
}

#[test]
fn a_version_the_chart_does_not_have_is_said_so_without_a_save_dialog() {
    let desk = Desk::first_run();
    let folder = tempfile::tempdir().expect("download folder");
    let files = ScriptedFiles::new([Some(folder.path().join("web-app-9.9.9.tgz"))]);
    let mut app = desk.harness_with_files(files.clone());
    open_all_charts(&mut app);
    open_download(&mut app, "web-app", "demo/web-app");
    type_into(&mut app, "Version", "9.9.9");
    click_still(&mut app, "Save as…");
    wait_for(&mut app, "the missing version", |h| {
        shows(h, "Version 9.9.9 of web-app does not exist")
    });
    assert!(
        files.asked().is_empty(),
        "no save dialog for a missing version: {:?}",
        files.asked()
    );
    assert!(shows_text(&app, "HTTP 404"), "{:#?}", app.root());
    assert!(files_in(folder.path()).is_empty());
    // Another version: the note about 9.9.9 goes.
    type_into(&mut app, "Version", "0.1.0");
    assert!(!shows(&app, "Version 9.9.9 of web-app does not exist"));
}

#[test]
fn a_version_that_exists_opens_the_save_dialog_and_is_offered_next_time() {
    let desk = Desk::first_run();
    // No answers: the save dialog comes back without a file.
    let files = ScriptedFiles::new([]);
    let mut app = desk.harness_with_files(files.clone());
    open_all_charts(&mut app);
    open_download(&mut app, "web-app", "demo/web-app");
    type_into(&mut app, "Version", "0.1.0");
    click_still(&mut app, "Save as…");
    wait_for(&mut app, "the save dialog asked for", |_| {
        !files.asked().is_empty()
    });
    assert_eq!(files.asked()[0].file_name, "web-app-0.1.0.tgz");
    // The typed-path fallback still follows a save dialog that answered nothing.
    wait_for(&mut app, "the path field", |h| {
        h.query_all_by_label("Save to").next().is_some()
    });
    click_still(&mut app, "Cancel");
    wait_for(&mut app, "the dialog closed", |h| {
        !shows(h, "Download chart")
    });

    click(&mut app, "Download…");
    wait_for(&mut app, "the known versions", |h| {
        version_chip(h, "0.1.0").is_some()
    });
    assert!(shows(&app, "Known versions"));
    assert!(
        version_chip(&app, "1.0.0-rc.1").is_some(),
        "the latest version is offered too"
    );
    assert_eq!(field_text(&app, "Version").as_deref(), Some("1.0.0-rc.1"));
    version_chip(&app, "0.1.0").expect("0.1.0 offered").click();
    wait_for(&mut app, "the version filled in", |h| {
        field_text(h, "Version").as_deref() == Some("0.1.0")
    });
}

#[test]
fn a_downloaded_version_is_offered_in_every_charts_view() {
    let desk = Desk::first_run();
    let folder = tempfile::tempdir().expect("download folder");
    let files = ScriptedFiles::new([Some(folder.path().join("web-app-0.2.0.tgz"))]);
    let mut app = desk.harness_with_files(files);
    open_all_charts(&mut app);
    open_download(&mut app, "web-app", "demo/web-app");
    assert!(
        version_chip(&app, "0.2.0").is_none(),
        "nothing known of 0.2.0 yet"
    );
    type_into(&mut app, "Version", "0.2.0");
    click_still(&mut app, "Save as…");
    wait_for(&mut app, "the saved chart", |h| shows(h, "Chart saved"));
    click_still(&mut app, "Close");
    wait_for(&mut app, "the dialog closed", |h| !shows(h, "Chart saved"));

    // demo's Charts tab is another view: it knows the version too.
    app.query_all_by_role_and_label(Role::Link, "demo")
        .next()
        .expect("a link to demo")
        .click();
    app.step();
    wait_for(&mut app, "demo's charts", |h| {
        shows(
            h,
            "Page 1 of 1 lists 3 charts of all projects; 1 of them is in demo",
        )
    });
    open_download(&mut app, "web-app", "demo/web-app");
    wait_for(&mut app, "the downloaded version offered", |h| {
        version_chip(h, "0.2.0").is_some()
    });
    assert_eq!(field_text(&app, "Version").as_deref(), Some("1.0.0-rc.1"));
    version_chip(&app, "0.2.0").expect("0.2.0 offered").click();
    wait_for(&mut app, "the version filled in", |h| {
        field_text(h, "Version").as_deref() == Some("0.2.0")
    });
}

#[test]
fn an_unreachable_server_is_shown_in_the_dialog_without_a_save_dialog() {
    let (mut desk, _profile) = Desk::with_profile("Harbor12345");
    let files = ScriptedFiles::new([]);
    let mut app = desk.harness_with_files(files.clone());
    open_all_charts(&mut app);
    open_download(&mut app, "web-app", "demo/web-app");
    let sandbox = desk.sandbox.take().expect("a test sandbox");
    desk.runtime.block_on(sandbox.shutdown());
    click_still(&mut app, "Save as…");
    wait_for(&mut app, "the failure", |h| shows(h, "The download failed"));
    // Refused, or (on a connection kept from before) closed under the request.
    assert!(
        shows_text(&app, "Nothing is listening at") || shows_text(&app, "The connection to"),
        "{:#?}",
        app.root()
    );
    assert!(files.asked().is_empty(), "{:?}", files.asked());
    assert!(!shows_text(&app, "does not exist"));
}

#[test]
fn while_a_version_is_checked_the_field_is_fixed_and_cancel_closes() {
    let (desk, _profile) = Desk::with_profile("Harbor12345");
    let sandbox = desk.sandbox.as_ref().expect("a test sandbox");
    let proxy = proxy(&desk, sandbox.local_addr(), Stall::AfterDownloadRequest);
    edit_settings(&desk, Some(format!("http://{proxy}")), None);
    let files = ScriptedFiles::new([]);
    let mut app = desk.harness_with_files(files.clone());
    open_all_charts(&mut app);
    open_download(&mut app, "web-app", "demo/web-app");
    type_into(&mut app, "Version", "0.1.0");
    click_still(&mut app, "Save as…");
    wait_for(&mut app, "the check under way", |h| {
        shows(h, "Checking that version 0.1.0 exists…")
    });
    let field = app
        .query_all_by_role_and_label(Role::TextInput, "Version")
        .next()
        .expect("the version field");
    assert!(field.accesskit_node().is_disabled(), "the version is fixed");
    assert!(app.get_by_label("Save as…").accesskit_node().is_disabled());
    assert!(files.asked().is_empty());
    click_still(&mut app, "Cancel");
    wait_for(&mut app, "the dialog closed", |h| {
        !shows(h, "Download chart")
    });
    assert!(files.asked().is_empty(), "{:?}", files.asked());
}
