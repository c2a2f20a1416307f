//! The timestamp forms the CCR document uses, all computed from UTC milliseconds since the epoch.
//!
//! The server's zone is UTC+08:00 (the document's artifact `push_time` 19:52:34 matches its tag
//! `push_time` 11:52:35Z), "never" is `None`.

use chrono::{DateTime, FixedOffset, Utc};

/// Seconds east of UTC of the zone the document's local timestamps are written in.
const ZONE_EAST_SECS: i32 = 8 * 3600;

/// `0001-01-01 00:00:00`: the document's local "never".
pub const NEVER_LOCAL: &str = "0001-01-01 00:00:00";
/// `0001-01-01T00:00:00Z`: the document's RFC 3339 "never".
pub const NEVER_RFC3339: &str = "0001-01-01T00:00:00Z";

/// Milliseconds since the Unix epoch, now.
pub fn now_ms() -> i64 {
    Utc::now().timestamp_millis()
}

fn local(ms: i64) -> Option<DateTime<FixedOffset>> {
    let zone = FixedOffset::east_opt(ZONE_EAST_SECS)?;
    Some(DateTime::<Utc>::from_timestamp_millis(ms)?.with_timezone(&zone))
}

/// `2023-09-19 14:18:52` in UTC+08:00; `0001-01-01 00:00:00` for never.
pub fn local_seconds(ms: Option<i64>) -> String {
    ms.and_then(local).map_or_else(
        || NEVER_LOCAL.to_owned(),
        |t| t.format("%Y-%m-%d %H:%M:%S").to_string(),
    )
}

/// Fractional seconds the way Go prints them: a dot and the milliseconds without trailing zeros,
/// or nothing when they are zero.
fn go_fraction(ms: i64) -> String {
    let millis = ms.rem_euclid(1000);
    if millis == 0 {
        return String::new();
    }
    let digits = format!("{millis:03}");
    format!(".{}", digits.trim_end_matches('0'))
}

/// Go's `time.Time.String()` in the server's zone: `2023-09-19 14:19:46.727 +0800 CST`.
pub fn go_local(ms: i64) -> String {
    local(ms).map_or_else(
        || "0001-01-01 00:00:00 +0000 UTC".to_owned(),
        |t| {
            format!(
                "{}{} +0800 CST",
                t.format("%Y-%m-%d %H:%M:%S"),
                go_fraction(ms)
            )
        },
    )
}

/// RFC 3339 in UTC as Go's `RFC3339Nano` prints it: `2023-09-26T11:52:35.091Z`;
/// `0001-01-01T00:00:00Z` for never.
pub fn rfc3339(ms: Option<i64>) -> String {
    let Some(ms) = ms else {
        return NEVER_RFC3339.to_owned();
    };
    DateTime::<Utc>::from_timestamp_millis(ms).map_or_else(
        || NEVER_RFC3339.to_owned(),
        |t| format!("{}{}Z", t.format("%Y-%m-%dT%H:%M:%S"), go_fraction(ms)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 2023-09-26T11:52:35.091Z
    const TAG_PUSH_MS: i64 = 1_695_729_155_091;

    #[test]
    fn formats_match_the_document() {
        assert_eq!(rfc3339(Some(TAG_PUSH_MS)), "2023-09-26T11:52:35.091Z");
        assert_eq!(local_seconds(Some(TAG_PUSH_MS)), "2023-09-26 19:52:35");
        assert_eq!(local_seconds(None), "0001-01-01 00:00:00");
        assert_eq!(rfc3339(None), "0001-01-01T00:00:00Z");
        // 2023-09-19 14:19:46.727 +0800
        assert_eq!(
            go_local(1_695_104_386_727),
            "2023-09-19 14:19:46.727 +0800 CST"
        );
        assert_eq!(
            go_local(1_695_104_386_720),
            "2023-09-19 14:19:46.72 +0800 CST"
        );
        assert_eq!(go_local(1_695_104_386_000), "2023-09-19 14:19:46 +0800 CST");
        assert_eq!(rfc3339(Some(1_695_104_386_000)), "2023-09-19T06:19:46Z");
    }
}
