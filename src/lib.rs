//! ccr-desk: a desktop client for the CCR management API, and a CCR-compatible sandbox server.
//!
//! [`ui`] is the egui app. It never touches the network, the disk or the keyring itself: it asks
//! [`tasks`] to run functions of [`api`] (a typed client for the CCR management API) and
//! [`profile`] (connection profiles in a TOML file, passwords in the OS keyring) on tokio, and
//! shows their results. [`sandbox`] is a CCR-compatible server with real persistence that tests
//! and the app's first run talk to over real HTTP on loopback. [`file_chooser`] puts the native
//! file dialogs behind a trait tests can answer. [`index`] is the local registry index: a
//! `SQLite` file per profile that crawls and search read from. [`export`] writes tables to CSV
//! and JSON atomically. [`activity`] is the local record of the changes the app makes (an
//! append-only JSON Lines file, never a password), with the equivalent `curl` command.
//! [`chart_diff`] compares two versions of a Helm chart, file by file, with unified diffs.

pub mod activity;
pub mod api;
/// Deleting many things at once (a selection, a cleanup plan) with progress, Cancel and a report.
pub mod bulk_delete;
pub mod chart_archive;
pub mod chart_diff;
pub mod cleanup;
pub mod contract;
pub mod export;
pub mod file_chooser;
#[macro_use]
pub mod i18n;
pub mod index;
pub mod profile;
pub mod pull_command;
pub mod sandbox;
pub mod save_path;
pub mod session;
pub mod tasks;
pub mod ui;
pub mod version_order;
