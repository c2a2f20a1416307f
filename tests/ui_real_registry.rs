//! Ready for a real registry: pull commands name the profile's registry address, a profile signs
//! in with a bearer token, and the form edits both.

#![allow(clippy::expect_used)] // a test that cannot go on says why, and fails

mod ui_support;

use ccr_desk::api::AuthMethod;
use ccr_desk::profile::{Profile, Settings};
use ccr_desk::sandbox::{self, SandboxConfig};
use egui_kittest::kittest::Queryable as _;
use secrecy::SecretString;
use ui_support::{Desk, click, copied, shows, shows_text, type_into, wait_for};

/// Saves `profile` as the only, last used profile of `desk`.
fn save_only(desk: &Desk, profile: &Profile) {
    let settings = Settings {
        profiles: vec![profile.clone()],
        last_profile: Some(profile.id.clone()),
        ..Settings::default()
    };
    desk.profile_file().save(&settings).expect("profiles saved");
}

#[test]
fn pull_commands_name_the_profiles_registry_address() {
    let (desk, mut profile) = Desk::with_profile(sandbox::DEFAULT_ADMIN_PASSWORD);
    "registry.example.com:5000".clone_into(&mut profile.registry_address);
    save_only(&desk, &profile);
    let mut app = desk.harness();
    wait_for(&mut app, "the projects", |h| shows(h, "library"));
    click(&mut app, "library");
    wait_for(&mut app, "library's repositories", |h| shows(h, "busybox"));
    click(&mut app, "busybox");
    wait_for(&mut app, "busybox's artifacts", |h| shows(h, "INDEX"));

    app.get_by_label("INDEX").click_secondary();
    app.step();
    wait_for(&mut app, "the row's menu", |h| {
        shows(h, "Copy docker pull by tag 1.36.1")
    });
    click(&mut app, "Copy docker pull by tag 1.36.1");
    assert_eq!(
        copied(&app),
        vec!["docker pull registry.example.com:5000/library/busybox:1.36.1".to_owned()]
    );

    // The detail pane's command names it too.
    wait_for(&mut app, "the detail", |h| shows(h, "Pull command"));
    app.get_by_label("Copy command").click();
    app.step();
    let commands = copied(&app);
    assert_eq!(commands.len(), 1);
    assert!(
        commands[0].starts_with("docker pull registry.example.com:5000/library/busybox"),
        "{commands:?}"
    );
}

#[test]
fn a_bearer_profile_connects_and_the_test_names_the_token() {
    const TOKEN: &str = "ui-test-token-51c2";
    let desk = Desk::first_run();
    let sandbox = desk
        .runtime
        .block_on(sandbox::start(SandboxConfig {
            bearer_token: Some(SecretString::from(TOKEN)),
            ..SandboxConfig::ephemeral_loopback()
        }))
        .expect("sandbox with a token");
    let mut profile = Profile::new_blank();
    "Token registry".clone_into(&mut profile.name);
    sandbox.base_url().clone_into(&mut profile.endpoint);
    sandbox::ADMIN_USER.clone_into(&mut profile.username);
    profile.auth = AuthMethod::Bearer;
    save_only(&desk, &profile);
    desk.secrets
        .save(&profile.id, &SecretString::from(TOKEN))
        .expect("token stored");
    let desk = Desk {
        sandbox: Some(sandbox),
        ..desk
    };
    let file = std::fs::read_to_string(desk.profile_file().path()).expect("profiles file");
    assert!(!file.contains(TOKEN), "{file}");
    assert!(file.contains("auth = \"bearer\""), "{file}");

    let mut app = desk.harness();
    wait_for(&mut app, "the projects", |h| shows(h, "library"));
    click(&mut app, "Profiles");
    wait_for(&mut app, "the profiles screen", |h| {
        shows(h, "Connection profiles")
    });
    assert!(
        app.query_all_by_label("Token").count() >= 2,
        "the secret's field is the token's"
    );
    click(&mut app, "Test connection");
    wait_for(&mut app, "the test's result", |h| {
        shows_text(h, "as admin (token)")
    });
}

#[test]
fn the_form_checks_and_saves_the_registry_address_and_the_sign_in() {
    let (desk, profile) = Desk::with_profile(sandbox::DEFAULT_ADMIN_PASSWORD);
    let mut app = desk.harness();
    wait_for(&mut app, "the projects", |h| shows(h, "library"));
    click(&mut app, "Profiles");
    wait_for(&mut app, "the profiles screen", |h| {
        shows(h, "Connection profiles")
    });
    click(&mut app, "Test connection");
    wait_for(&mut app, "the test's result", |h| {
        shows_text(h, "as admin (password)")
    });

    type_into(&mut app, "Registry address", "https://registry.example.com");
    assert!(shows_text(&app, "Registry address must be a host name"));
    type_into(&mut app, "Registry address", "registry.example.com:5000");
    assert!(!shows_text(&app, "Registry address must be a host name"));
    click(&mut app, "Token");
    wait_for(&mut app, "the token field", |h| {
        h.query_all_by_label("Token").count() == 2
    });
    click(&mut app, "Save");
    wait_for(&mut app, "the profile on disk", |_| {
        desk.saved_settings()
            .profile(&profile.id)
            .is_some_and(|p| p.registry_address == "registry.example.com:5000")
    });
    let saved = desk.saved_settings();
    assert_eq!(
        saved.profile(&profile.id).map(|p| p.auth),
        Some(AuthMethod::Bearer)
    );
}

#[test]
fn a_harbor_like_server_is_learned_said_and_remembered_in_the_profile() {
    use ccr_desk::api::config::RepositoryPathEncoding;
    let config = SandboxConfig {
        double_encoded_paths: true,
        ..SandboxConfig::ephemeral_loopback()
    };
    let (desk, profile) = Desk::with_profile_on(config, sandbox::DEFAULT_ADMIN_PASSWORD);
    desk.create_repository("library", "team/api");
    // The app opens on the repository's artifacts, whose request names it: the single form
    // answers 404, the double one finds it.
    let mut settings = desk.saved_settings();
    settings.last_screen = Some("projects/library/repositories/team/api".to_owned());
    desk.profile_file().save(&settings).expect("settings saved");
    let mut app = desk.harness();
    wait_for(&mut app, "the notice", |h| {
        shows_text(h, "doubly encoded (%252F)")
    });
    wait_for(&mut app, "the profile saved with it", |_| {
        desk.saved_settings()
            .profile(&profile.id)
            .is_some_and(|p| p.repository_path_encoding == RepositoryPathEncoding::Double)
    });
}
