//! The CCR client: typed async calls for the 14 operations of the vendor's document, the models
//! of their answers, errors a person can act on, and the document's input rules.
//!
//! Knows HTTP and JSON, nothing of egui.

mod client;
pub mod config;
mod download;
pub mod error;
pub mod models;
pub mod paths;
pub mod validate;

pub use client::{CcrClient, NewProject, NewRepository, PageRequest};
pub use config::{ConnectionConfig, TlsOptions};
pub use download::{AtomicFile, DownloadSummary, Progress};
pub use error::{ApiError, CcrCode, TransportKind};
pub use models::{Page, Reply};
