//! Everything egui: the app shell, the screens, and the widgets they share. Nothing here
//! touches the network, the disk or the keyring; it asks [`crate::tasks`] to run functions of
//! [`crate::api`] and [`crate::session`] and shows their results (`tests/architecture.rs`
//! keeps it so).
//!
//! - [`app`](CcrDeskApp): the shell; `app/panels.rs` draws the window, `app/command_handling.rs`
//!   applies what screens ask for.
//! - `screens/`: one file per screen (`charts/` is a folder: list, download, saved archive) and
//!   the registry that maps a [`Screen`] to its view.
//! - `view.rs` (the [`View`] trait and its context), `dialogs.rs`, `list_table.rs`,
//!   `paged_list.rs`, `breadcrumb.rs`, `widgets.rs`, `theme.rs`: what screens share.

mod app;
mod breadcrumb;
mod bulk_dialog;
mod commands;
mod curl_copy;
pub mod describe;
mod dialogs;
pub mod export;
mod export_rows;
mod feedback;
mod focus;
mod list_table;
pub mod multi_select;
mod nav;
mod paged_list;
mod password_dialog;
mod read_only;
mod screen;
mod screens;
mod search;
mod sources;
mod status_bar;
mod theme;
mod view;
mod widgets;

pub use crate::session::{IndexPlan, SandboxPlan, SecretsSource};
pub use app::{AppDeps, CcrDeskApp};
pub use screen::{ProjectTab, Screen};
pub use screens::{SortColumn, TableOutcome, projects_table_ui};
pub use theme::install_fonts;
pub use widgets::{ErrorAction, error_box_ui};
