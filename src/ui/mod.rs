//! Everything egui: the app shell and one file per screen. Nothing here touches the network, the
//! disk or the keyring; it asks [`crate::tasks`] to run functions of [`crate::api`] and
//! [`crate::profile`] and shows their results.

mod account;
mod app;
mod artifacts;
mod charts;
mod commands;
mod connection;
mod nav;
mod paged_list;
mod password_dialog;
mod profiles;
mod projects;
mod repositories;
mod screen;
mod status_bar;
mod theme;
mod widgets;

pub use app::{AppDeps, CcrDeskApp, SandboxPlan, SecretsSource};
pub use projects::{SortColumn, TableOutcome, projects_table_ui};
pub use screen::{ProjectTab, Screen};
pub use theme::install_fonts;
pub use widgets::{ErrorAction, error_box_ui};
