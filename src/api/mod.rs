//! The CCR client: typed async calls for the 13 operations of the vendor's document (sections
//! 1.2–1.14), the models
//! of their answers, errors a person can act on, and the document's input rules.
//!
//! Knows HTTP and JSON, nothing of egui.

mod answer;
mod change_request;
mod client;
pub mod config;
mod download;
pub mod error;
pub mod models;
pub mod paths;

pub use change_request::{ChangeRequest, SentRequest};
pub use client::{
    CcrClient, MAX_ITEMS_WITHOUT_PAGING, MAX_JSON_BYTES, NewProject, NewRepository, PageRequest,
};
pub use config::{AuthMethod, ConnectionConfig, RepositoryPathEncoding, TlsOptions};
pub use download::{AtomicFile, ChartDownload, DownloadSummary, Progress};
pub use error::{AnswerProblem, ApiError, CcrCode, ConfigError, TransportKind};
pub use models::{Page, Reply};
