//! The one place where request URLs are built, and the one path-segment encoder.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use reqwest::Url;

use crate::contract::{self as validate, ValidationError};

/// Why a request URL cannot be built.
#[derive(Debug, thiserror::Error)]
pub enum UrlError {
    /// A value for the path is empty or a dot segment.
    #[error(transparent)]
    Segment(#[from] ValidationError),
    /// The text does not parse as a URL (a broken endpoint).
    #[error("request URL cannot be built: {0}")]
    Parse(#[from] url::ParseError),
}

/// Bytes encoded in a path segment: everything except RFC 3986's unreserved characters, so `/`
/// inside a repository name becomes `%2F` and the whole name stays one segment.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// How a path segment is encoded. The document's contract is [`SegmentEncoding::Single`];
/// Harbor's own API expects `/` twice encoded (`%252F`), which [`SegmentEncoding::Double`] gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SegmentEncoding {
    /// Percent-encode once: `sub1/repo` → `sub1%2Frepo`.
    #[default]
    Single,
    /// Percent-encode twice: `sub1/repo` → `sub1%252Frepo`.
    Double,
}

/// Encodes `value` as one path segment.
pub fn encode_segment(value: &str, encoding: SegmentEncoding) -> String {
    let once = utf8_percent_encode(value, SEGMENT).to_string();
    match encoding {
        SegmentEncoding::Single => once,
        SegmentEncoding::Double => utf8_percent_encode(&once, SEGMENT).to_string(),
    }
}

/// Builds the URLs of one instance: `{endpoint}/api/ccr/v1.0/instances/{instanceId}/…`.
/// Values are encoded once; a [`Part::Repository`] with the builder's encoding (or the one given
/// to [`Endpoints::url_with`]).
#[derive(Debug, Clone)]
pub struct Endpoints {
    base: String,
    encoding: SegmentEncoding,
}

/// One piece of a request path: fixed text of the document, or a value to encode.
#[derive(Debug, Clone, Copy)]
pub enum Part<'a> {
    /// A literal path piece from the document (`projects`, `repositories` …), never encoded.
    Fixed(&'static str),
    /// A name, digest or file name, encoded once as exactly one segment.
    Value(&'a str),
    /// A (possibly multi-level) repository name: one segment, in the chosen encoding.
    Repository(&'a str),
}

impl Endpoints {
    /// The URL builder for `instance_id` on `endpoint`.
    pub fn new(endpoint: &Url, instance_id: &str, encoding: SegmentEncoding) -> Self {
        let root = endpoint.as_str().trim_end_matches('/');
        let base = format!(
            "{root}/api/ccr/v1.0/instances/{}",
            encode_segment(instance_id, SegmentEncoding::Single)
        );
        Self { base, encoding }
    }

    /// The URL of `parts` below the instance base, with `query` pairs appended (values encoded).
    /// A value that is empty, `.` or `..` is refused: URL rules would resolve it and address
    /// another resource (`DELETE …/repositories/..` would mean the project).
    pub fn url(&self, parts: &[Part<'_>], query: &[(&str, String)]) -> Result<Url, UrlError> {
        self.url_with(parts, query, self.encoding)
    }

    /// [`Self::url`] with `repository` as the encoding of [`Part::Repository`].
    pub fn url_with(
        &self,
        parts: &[Part<'_>],
        query: &[(&str, String)],
        repository: SegmentEncoding,
    ) -> Result<Url, UrlError> {
        let mut text = self.base.clone();
        for part in parts {
            text.push('/');
            let (value, encoding) = match part {
                Part::Fixed(fixed) => {
                    text.push_str(fixed);
                    continue;
                }
                Part::Value(value) => (value, SegmentEncoding::Single),
                Part::Repository(value) => (value, repository),
            };
            validate::path_segment(value)?;
            text.push_str(&encode_segment(value, encoding));
        }
        let mut url = Url::parse(&text)?;
        if !query.is_empty() {
            let mut pairs = url.query_pairs_mut();
            for (key, value) in query {
                pairs.append_pair(key, value);
            }
        }
        Ok(url)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn multi_level_names_stay_one_segment() {
        assert_eq!(
            encode_segment("sub1/sub2/repo", SegmentEncoding::Single),
            "sub1%2Fsub2%2Frepo"
        );
        assert_eq!(
            encode_segment("sub1/repo", SegmentEncoding::Double),
            "sub1%252Frepo"
        );
        assert_eq!(
            encode_segment("a.b_c-d~e", SegmentEncoding::Single),
            "a.b_c-d~e"
        );
        assert_eq!(
            encode_segment("a b?#%", SegmentEncoding::Single),
            "a%20b%3F%23%25"
        );
    }

    #[test]
    fn dot_segments_and_empty_values_are_refused() {
        let endpoint = Url::parse("https://ccr.example.com/").unwrap();
        let endpoints = Endpoints::new(&endpoint, "ccr-manager", SegmentEncoding::Single);
        for bad in ["..", ".", ""] {
            let parts = [
                Part::Fixed("projects"),
                Part::Value("lib"),
                Part::Fixed("repositories"),
                Part::Value(bad),
            ];
            let result = endpoints.url(&parts, &[]);
            assert!(
                matches!(result, Err(UrlError::Segment(_))),
                "{bad:?}: {result:?}"
            );
        }
        let url = endpoints
            .url(&[Part::Fixed("projects"), Part::Value("a..b")], &[])
            .unwrap();
        assert!(url.path().ends_with("/projects/a..b"), "{url}");
    }

    #[test]
    fn only_repository_names_take_the_double_encoding() {
        let endpoint = Url::parse("https://ccr.example.com/").unwrap();
        let endpoints = Endpoints::new(&endpoint, "ccr-manager", SegmentEncoding::Double);
        let parts = [
            Part::Fixed("projects"),
            Part::Value("library"),
            Part::Fixed("repositories"),
            Part::Repository("team/api"),
            Part::Fixed("artifacts"),
            Part::Value("sha256:abcd"),
        ];
        let url = endpoints.url(&parts, &[]).unwrap();
        assert!(
            url.path()
                .ends_with("/projects/library/repositories/team%252Fapi/artifacts/sha256%3Aabcd"),
            "{url}"
        );
        let url = endpoints
            .url_with(&parts, &[], SegmentEncoding::Single)
            .unwrap();
        assert!(url.path().contains("/team%2Fapi/"), "{url}");
    }

    #[test]
    fn urls_are_built_below_the_instance() {
        let endpoint = Url::parse("https://ccr.example.com:8443/").unwrap();
        let endpoints = Endpoints::new(&endpoint, "ccr-manager", SegmentEncoding::Single);
        let url = endpoints
            .url(
                &[
                    Part::Fixed("projects"),
                    Part::Value("library"),
                    Part::Fixed("repositories"),
                    Part::Value("team/api"),
                    Part::Fixed("artifacts"),
                    Part::Value("sha256:abcd"),
                ],
                &[("pageNo", "1".into()), ("nameHas", "a&b c".into())],
            )
            .unwrap();
        assert_eq!(
            url.as_str(),
            "https://ccr.example.com:8443/api/ccr/v1.0/instances/ccr-manager/projects/library/repositories/team%2Fapi/artifacts/sha256%3Aabcd?pageNo=1&nameHas=a%26b+c"
        );
    }
}
