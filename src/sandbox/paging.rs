//! The document's paging and filter parameters: `pageNo` (or `page`), `pageSize`, `noPaging`,
//! `nameHas`.
//!
//! Page 0 and 1 both mean the first page; a missing or zero page size means 10; a page size
//! above 100 means 100 (Harbor's maximum; the document names none), and the answer's `pageSize`
//! says so; negative or non-numeric values are refused; `noPaging=true` answers everything.

use std::collections::HashMap;

use super::envelope::ApiError;
use super::store::Window;

/// Page size when none (or 0) is given.
pub const DEFAULT_PAGE_SIZE: i64 = 10;
/// Largest page size answered; a larger one is answered as this (as Harbor caps `page_size`).
pub const MAX_PAGE_SIZE: i64 = 100;

/// A list request's paging.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paging {
    /// 1-based page.
    pub page: i64,
    /// Items per page.
    pub page_size: i64,
    /// Everything in one answer.
    pub everything: bool,
}

fn non_negative(query: &HashMap<String, String>, key: &str) -> Result<Option<i64>, ApiError> {
    let Some(raw) = query.get(key).map(|v| v.trim()).filter(|v| !v.is_empty()) else {
        return Ok(None);
    };
    let value: i64 = raw
        .parse()
        .map_err(|_| ApiError::param(format!("{key} 必须是整数（收到 {raw:?}）")))?;
    if value < 0 {
        return Err(ApiError::param(format!("{key} 不能为负数（收到 {value}）")));
    }
    Ok(Some(value))
}

impl Paging {
    /// Reads the paging of `query`; the page number is the first of `page_keys` present.
    pub fn from_query(
        query: &HashMap<String, String>,
        page_keys: &[&str],
    ) -> Result<Self, ApiError> {
        let mut page = None;
        for key in page_keys {
            if let Some(value) = non_negative(query, key)? {
                page = Some(value);
                break;
            }
        }
        let page = page.unwrap_or(1).max(1);
        let page_size = match non_negative(query, "pageSize")? {
            None | Some(0) => DEFAULT_PAGE_SIZE,
            Some(size) => size.min(MAX_PAGE_SIZE),
        };
        let no_paging = match query.get("noPaging").map(|v| v.trim().to_ascii_lowercase()) {
            None => false,
            Some(v) if v.is_empty() || v == "false" || v == "0" => false,
            Some(v) if v == "true" || v == "1" => true,
            Some(v) => {
                return Err(ApiError::param(format!(
                    "noPaging 必须是 true 或 false（收到 {v:?}）"
                )));
            }
        };
        Ok(Self {
            page,
            page_size,
            everything: no_paging,
        })
    }

    /// The slice of the list to answer.
    pub fn window(self) -> Window {
        if self.everything {
            return Window::ALL;
        }
        Window {
            offset: (self.page - 1)
                .checked_mul(self.page_size)
                .unwrap_or(i64::MAX),
            limit: Some(self.page_size),
        }
    }

    /// The page number and size to answer: 0 and 0 with `noPaging`.
    pub fn answered(self) -> (i64, i64) {
        if self.everything {
            (0, 0)
        } else {
            (self.page, self.page_size)
        }
    }
}

/// The `nameHas` filter (empty: no filter).
pub fn name_has(query: &HashMap<String, String>) -> String {
    query.get("nameHas").cloned().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn query(pairs: &[(&str, &str)]) -> HashMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn defaults_and_first_pages() {
        let p = Paging::from_query(&query(&[]), &["pageNo"]).unwrap();
        assert_eq!((p.page, p.page_size, p.everything), (1, 10, false));
        let zero = Paging::from_query(&query(&[("pageNo", "0"), ("pageSize", "0")]), &["pageNo"]);
        assert_eq!(
            zero.unwrap().window(),
            Window {
                offset: 0,
                limit: Some(10)
            }
        );
        let third = Paging::from_query(&query(&[("pageNo", "3"), ("pageSize", "5")]), &["pageNo"]);
        assert_eq!(
            third.unwrap().window(),
            Window {
                offset: 10,
                limit: Some(5)
            }
        );
        let artifacts = Paging::from_query(&query(&[("page", "2")]), &["page", "pageNo"]).unwrap();
        assert_eq!(artifacts.page, 2);
    }

    #[test]
    fn page_sizes_above_the_maximum_answer_the_maximum() {
        for (asked, answered) in [("100", 100), ("101", 100), ("1000", 100), ("99", 99)] {
            let p =
                Paging::from_query(&query(&[("pageNo", "2"), ("pageSize", asked)]), &["pageNo"])
                    .unwrap();
            assert_eq!(p.answered(), (2, answered), "{asked}");
            assert_eq!(
                p.window(),
                Window {
                    offset: answered,
                    limit: Some(answered)
                },
                "{asked}"
            );
        }
        let huge = Paging::from_query(&query(&[("pageSize", &i64::MAX.to_string())]), &["pageNo"]);
        assert_eq!(huge.unwrap().page_size, MAX_PAGE_SIZE);
    }

    #[test]
    fn bad_values_are_refused() {
        for bad in [
            [("pageNo", "-1")],
            [("pageSize", "-5")],
            [("pageSize", "ten")],
            [("noPaging", "maybe")],
        ] {
            assert!(
                Paging::from_query(&query(&bad), &["pageNo"]).is_err(),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn no_paging_answers_everything() {
        let p = Paging::from_query(
            &query(&[("noPaging", "true"), ("pageNo", "4")]),
            &["pageNo"],
        )
        .unwrap();
        assert_eq!(p.window(), Window::ALL);
        assert_eq!(p.answered(), (0, 0));
        let huge = Paging::from_query(
            &query(&[("pageNo", &i64::MAX.to_string()), ("pageSize", "1000")]),
            &["pageNo"],
        )
        .unwrap();
        assert_eq!(huge.window().offset, i64::MAX);
    }
}
