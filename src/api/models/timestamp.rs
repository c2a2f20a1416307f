//! The server's timestamps: three textual forms and a "never" zero time.

use chrono::{DateTime, FixedOffset, NaiveDateTime, Utc};
use serde::{Deserialize, Deserializer};
use std::fmt;

/// Offset of timestamps sent without a zone (`2023-09-19 14:18:52`): the server's local time,
/// UTC+08:00. The document's artifact example shows `push_time` `2023-09-26 19:52:34` for a tag
/// pushed at `2023-09-26T11:52:35.091Z`.
pub const SERVER_OFFSET_SECS: i32 = 8 * 3600;

/// A point in time as the server reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Timestamp {
    /// The zero time (`0001-01-01 00:00:00`): the event never happened (an artifact never pulled).
    Never,
    /// A real instant, with the offset the server gave (or UTC+08:00 when it gave none).
    At(DateTime<FixedOffset>),
    /// Text in no known form, kept to be shown as is.
    Unparsed(String),
}

impl Timestamp {
    /// Reads one of the server's forms: `2023-09-19 14:18:52`, Go's
    /// `2023-09-19 14:19:46.727 +0800 CST`, or RFC 3339 `2023-09-26T11:52:35.091Z`.
    pub fn parse(text: &str) -> Self {
        let trimmed = text.trim();
        if trimmed.starts_with("0001-01-01") {
            return Self::Never;
        }
        if let Ok(at) = DateTime::parse_from_rfc3339(trimmed) {
            return Self::At(at);
        }
        let server_zone = FixedOffset::east_opt(SERVER_OFFSET_SECS);
        if let (Ok(naive), Some(zone)) = (
            NaiveDateTime::parse_from_str(trimmed, "%Y-%m-%d %H:%M:%S%.f"),
            server_zone,
        ) && let Some(at) = naive.and_local_timezone(zone).single()
        {
            return Self::At(at);
        }
        // Go's time.String(): date, time, numeric offset, zone abbreviation, maybe "m=+0.1".
        let mut words = trimmed.split_whitespace();
        if let (Some(date), Some(time), Some(offset)) = (words.next(), words.next(), words.next())
            && let Ok(at) = DateTime::parse_from_str(
                &format!("{date} {time} {offset}"),
                "%Y-%m-%d %H:%M:%S%.f %z",
            )
        {
            return Self::At(at);
        }
        Self::Unparsed(text.to_owned())
    }

    /// The instant in UTC, when known.
    pub fn utc(&self) -> Option<DateTime<Utc>> {
        match self {
            Self::At(at) => Some(at.with_timezone(&Utc)),
            _ => None,
        }
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Never => f.write_str("never"),
            Self::At(at) => write!(f, "{}", at.format("%Y-%m-%d %H:%M:%S %:z")),
            Self::Unparsed(text) => f.write_str(text),
        }
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Ok(Self::parse(&text))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(text: &str) -> String {
        Timestamp::parse(text)
            .utc()
            .map(|t| t.format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string())
            .unwrap_or_default()
    }

    #[test]
    fn the_three_forms_and_never() {
        assert_eq!(utc("2023-09-19 14:18:52"), "2023-09-19T06:18:52.000Z");
        assert_eq!(
            utc("2023-09-19 14:19:46.727 +0800 CST"),
            "2023-09-19T06:19:46.727Z"
        );
        assert_eq!(
            utc("2023-09-19 14:19:46.727 +0800 CST m=+0.000000001"),
            "2023-09-19T06:19:46.727Z"
        );
        assert_eq!(utc("2023-09-26T11:52:35.091Z"), "2023-09-26T11:52:35.091Z");
        assert_eq!(Timestamp::parse("0001-01-01 00:00:00"), Timestamp::Never);
        assert_eq!(Timestamp::parse("0001-01-01T00:00:00Z"), Timestamp::Never);
        assert_eq!(
            Timestamp::parse("yesterday"),
            Timestamp::Unparsed("yesterday".into())
        );
    }

    #[test]
    fn naive_times_are_the_servers_zone() {
        // The document's artifact: push_time 19:52:34 (no zone) vs. its tag 11:52:35.091Z.
        let artifact = Timestamp::parse("2023-09-26 19:52:34").utc().unwrap();
        let tag = Timestamp::parse("2023-09-26T11:52:35.091Z").utc().unwrap();
        assert!((tag - artifact).num_seconds().abs() <= 1);
    }
}
