//! The client's view of the server's answers. Every field is forgiving: missing, null or of the
//! wrong type, it takes its default and the rest of the answer survives.

mod artifact;
mod chart;
pub mod lenient;
mod project;
mod repository;
mod timestamp;

pub use artifact::{Artifact, ArtifactList, ExtraAttrs, Platform, Reference, Tag};
pub use chart::{Chart, ChartList};
pub use project::{Project, ProjectCreated, ProjectList, Quota};
pub use repository::{Repository, RepositoryDetail, RepositoryList};
pub use timestamp::{SERVER_OFFSET_SECS, Timestamp};

use lenient::TextOrNumber;
use serde::Deserialize;
use serde_with::{DefaultOnError, serde_as};

/// The fields every answer carries: `code`, `message`, `requestId`.
#[serde_as]
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Envelope {
    /// `CCR.Success` or an error code of section 1.15.
    #[serde_as(as = "DefaultOnError")]
    pub code: String,
    /// The server's message, often Chinese (`调用成功`).
    #[serde_as(as = "DefaultOnError<TextOrNumber>")]
    pub message: String,
    /// The request id (string or number); empty when the server sent `""`.
    #[serde_as(as = "DefaultOnError<Option<TextOrNumber>>")]
    pub request_id: Option<String>,
    /// The HTTP status of the answer, when known (a reply built from a stream or a cache
    /// knows none).
    pub status: Option<u16>,
}

impl Envelope {
    /// The request id, unless absent or empty.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref().filter(|id| !id.is_empty())
    }
}

/// One page of a list, with the total the server reports.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Page<T> {
    /// The items of this page, in the server's order.
    pub items: Vec<T>,
    /// How many items match in all (falls back to the items received when the server omits it).
    pub total: u64,
}

impl<T> Page<T> {
    /// A page from the items and the total the server reported (or did not).
    pub fn new(items: Vec<T>, total: Option<i64>) -> Self {
        let received = items.len() as u64;
        let total = total
            .and_then(|t| u64::try_from(t).ok())
            .map_or(received, |t| t.max(received));
        Self { items, total }
    }

    /// Number of pages of `page_size` needed for [`Page::total`] (at least 1).
    pub fn page_count(&self, page_size: u32) -> u64 {
        self.total.div_ceil(u64::from(page_size.max(1))).max(1)
    }
}

/// What a successful call returns: its value and the server's request id.
#[derive(Debug, Clone, PartialEq)]
pub struct Reply<T> {
    /// The answer's content.
    pub value: T,
    /// The server's request id, when it sent a non-empty one.
    pub request_id: Option<String>,
    /// The HTTP status of the answer, when known (a reply made up locally knows none).
    pub status: Option<u16>,
}

impl<T> Reply<T> {
    /// The same reply (and request id) with its value changed by `f`.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Reply<U> {
        Reply {
            value: f(self.value),
            request_id: self.request_id,
            status: self.status,
        }
    }
}
