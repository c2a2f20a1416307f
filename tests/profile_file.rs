//! The profiles file with more than one app open: each save merges with what is on disk instead
//! of replacing it, and keeps the keys this version does not know.

#![allow(clippy::expect_used)] // a test that cannot go on says why, and fails

use ccr_desk::profile::{Profile, ProfileFile, Settings};

fn profile(name: &str) -> Profile {
    Profile {
        name: name.to_owned(),
        endpoint: "https://registry.example.com".to_owned(),
        username: "admin".to_owned(),
        ..Profile::new_blank()
    }
}

fn names(settings: &Settings) -> Vec<&str> {
    settings.profiles.iter().map(|p| p.name.as_str()).collect()
}

/// A folder with a profiles file holding `profiles`, and two app instances that loaded it.
fn two_windows(
    profiles: Vec<Profile>,
) -> (
    tempfile::TempDir,
    ProfileFile,
    Settings,
    ProfileFile,
    Settings,
) {
    let dir = tempfile::tempdir().expect("temporary folder");
    let settings = Settings {
        profiles,
        last_screen: Some("projects".to_owned()),
        ..Settings::default()
    };
    ProfileFile::in_dir(dir.path())
        .save(&settings)
        .expect("first save");
    let a = ProfileFile::in_dir(dir.path());
    let a_settings = a.load().expect("A loads").settings;
    let b = ProfileFile::in_dir(dir.path());
    let b_settings = b.load().expect("B loads").settings;
    (dir, a, a_settings, b, b_settings)
}

#[test]
fn a_profile_added_in_one_window_survives_a_save_in_the_other() {
    let (dir, a, mut a_settings, b, mut b_settings) = two_windows(vec![profile("Existing")]);

    a_settings.profiles.push(profile("Added by A"));
    a.save(&a_settings).unwrap();
    b_settings.last_screen = Some("projects/demo/repositories".to_owned());
    b.save(&b_settings).unwrap();

    let on_disk = ProfileFile::in_dir(dir.path()).load().unwrap().settings;
    assert_eq!(names(&on_disk), ["Existing", "Added by A"]);
    assert_eq!(
        on_disk.last_screen.as_deref(),
        Some("projects/demo/repositories")
    );

    // And A's next, unrelated save keeps B's screen (A did not change it).
    a_settings.last_download_folder = Some("/tmp/charts".into());
    a.save(&a_settings).unwrap();
    let on_disk = ProfileFile::in_dir(dir.path()).load().unwrap().settings;
    assert_eq!(
        on_disk.last_screen.as_deref(),
        Some("projects/demo/repositories")
    );
    assert_eq!(names(&on_disk), ["Existing", "Added by A"]);
}

#[test]
fn a_deletion_in_one_window_is_not_undone_by_the_other() {
    let (dir, a, mut a_settings, b, mut b_settings) =
        two_windows(vec![profile("Keep"), profile("Delete me")]);

    a_settings.profiles.retain(|p| p.name != "Delete me");
    a.save(&a_settings).unwrap();
    b_settings.last_screen = Some("account".to_owned());
    b.save(&b_settings).unwrap();

    let on_disk = ProfileFile::in_dir(dir.path()).load().unwrap().settings;
    assert_eq!(names(&on_disk), ["Keep"]);
    assert_eq!(on_disk.last_screen.as_deref(), Some("account"));
}

#[test]
fn a_deletion_here_stays_deleted_and_edits_of_different_profiles_both_land() {
    let (dir, a, mut a_settings, b, mut b_settings) =
        two_windows(vec![profile("One"), profile("Two"), profile("Three")]);

    // A renames One; B deletes Three and edits Two's timeout.
    a_settings.profiles[0].name = "One renamed".to_owned();
    a.save(&a_settings).unwrap();
    b_settings.profiles.pop();
    b_settings.profiles[1].read_timeout_secs = 99;
    b.save(&b_settings).unwrap();

    let on_disk = ProfileFile::in_dir(dir.path()).load().unwrap().settings;
    assert_eq!(names(&on_disk), ["One renamed", "Two"]);
    assert_eq!(on_disk.profiles[1].read_timeout_secs, 99);

    // A saves again (another change): the profile B deleted does not come back.
    a_settings.last_screen = None;
    a.save(&a_settings).unwrap();
    let on_disk = ProfileFile::in_dir(dir.path()).load().unwrap().settings;
    assert_eq!(names(&on_disk), ["One renamed", "Two"]);
    assert_eq!(on_disk.last_screen, None);
}

#[test]
fn keys_this_version_does_not_know_are_kept() {
    let dir = tempfile::tempdir().unwrap();
    let file = ProfileFile::in_dir(dir.path());
    std::fs::write(
        file.path(),
        r#"future_key = 1
last_screen = "projects"

[future_table]
colour = "blue"

[[profiles]]
id = "abc"
name = "Mine"
endpoint = "https://r.example.com"
username = "me"
future_profile_field = "kept"

[profiles.tls]
accept_invalid_certificates = false
future_tls_field = true
"#,
    )
    .unwrap();

    let mut settings = file.load().unwrap().settings;
    settings.last_screen = Some("account".to_owned());
    settings.profiles[0].name = "Mine, renamed".to_owned();
    settings.profiles[0].tls.accept_invalid_certificates = true;
    file.save(&settings).unwrap();

    let text = std::fs::read_to_string(file.path()).unwrap();
    let table: toml::Table = text.parse().unwrap();
    assert_eq!(table["future_key"].as_integer(), Some(1), "{text}");
    assert_eq!(
        table["future_table"]["colour"].as_str(),
        Some("blue"),
        "{text}"
    );
    let saved = &table["profiles"][0];
    assert_eq!(
        saved["future_profile_field"].as_str(),
        Some("kept"),
        "{text}"
    );
    assert_eq!(
        saved["tls"]["future_tls_field"].as_bool(),
        Some(true),
        "{text}"
    );
    // This version's changes landed too.
    assert_eq!(saved["name"].as_str(), Some("Mine, renamed"), "{text}");
    assert_eq!(
        saved["tls"]["accept_invalid_certificates"].as_bool(),
        Some(true)
    );
    assert_eq!(table["last_screen"].as_str(), Some("account"));
    assert_eq!(file.load().unwrap().settings, settings);
}

#[test]
fn many_windows_saving_at_once_lose_no_profile() {
    let dir = tempfile::tempdir().unwrap();
    let windows = 6;
    let barrier = std::sync::Barrier::new(windows);
    std::thread::scope(|scope| {
        for n in 0..windows {
            let barrier = &barrier;
            let path = dir.path();
            scope.spawn(move || {
                let file = ProfileFile::in_dir(path);
                let mut settings = file.load().unwrap().settings;
                barrier.wait();
                for round in 0..5 {
                    settings.profiles.push(profile(&format!("W{n} R{round}")));
                    file.save(&settings).unwrap();
                }
            });
        }
    });
    let on_disk = ProfileFile::in_dir(dir.path()).load().unwrap().settings;
    assert_eq!(on_disk.profiles.len(), windows * 5, "{:?}", names(&on_disk));
}

#[test]
fn a_save_without_a_load_only_adds_and_overwrites() {
    // Tools and tests that write a file without loading it first: nothing on disk is lost.
    let (dir, _a, _a_settings, _b, _b_settings) = two_windows(vec![profile("On disk")]);
    let fresh = ProfileFile::in_dir(dir.path());
    fresh
        .save(&Settings {
            profiles: vec![profile("New")],
            ..Settings::default()
        })
        .unwrap();
    let on_disk = ProfileFile::in_dir(dir.path()).load().unwrap().settings;
    assert_eq!(names(&on_disk), ["New", "On disk"]);
    assert_eq!(on_disk.last_screen.as_deref(), Some("projects"));
}
