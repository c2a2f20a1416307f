//! Tags in version order inside SQL: a byte string per tag whose plain byte order
//! (`SQLite` compares BLOBs with `memcmp`) is exactly [`compare_versions`]' order, so the index
//! sorts a whole repository by tag with an ordinary `ORDER BY` and an index on the column.
//!
//! The key follows [`compare_versions`] step by step: a leading `v` dropped, build metadata
//! (`+…`) ignored, the dotted core compared part by part (numbers as numbers, a number before
//! text, a shorter list before a longer one), then no pre-release after a pre-release, the
//! pre-releases compared the same way, and at last the whole text. Each part is encoded so that
//! no encoding is a prefix of another, which makes byte order the order of the parts in turn.
//!
//! [`compare_versions`]: crate::version_order::compare_versions

/// Marks a numeric part; followed by its digit count and its digits without leading zeros.
const NUMBER: u8 = 1;
/// Marks a text part; followed by its bytes and [`END`].
const TEXT: u8 = 2;
/// Ends a text part and a dotted list (tags hold no NUL bytes).
const END: u8 = 0;
/// A version with a pre-release: sorts before [`RELEASE`].
const PRE_RELEASE: u8 = 1;
/// A version without a pre-release.
const RELEASE: u8 = 2;

/// The sort key of `tag`: comparing two keys byte by byte gives
/// [`crate::version_order::compare_versions`] of the two tags.
pub fn version_sort_key(tag: &str) -> Vec<u8> {
    let version = tag.trim_start_matches('v');
    let version = version.split('+').next().unwrap_or(version);
    let (core, pre) = match version.split_once('-') {
        Some((core, pre)) => (core, Some(pre)),
        None => (version, None),
    };
    let mut key = Vec::with_capacity(2 * tag.len() + 8);
    push_dotted(&mut key, core);
    match pre {
        None => key.push(RELEASE),
        Some(pre) => {
            key.push(PRE_RELEASE);
            push_dotted(&mut key, pre);
        }
    }
    key.extend_from_slice(tag.as_bytes());
    key
}

fn push_dotted(key: &mut Vec<u8>, text: &str) {
    for part in text.split('.') {
        if let Ok(number) = part.parse::<u64>() {
            let digits = number.to_string();
            key.push(NUMBER);
            // u64 has at most 20 digits.
            key.push(digits.len() as u8);
            key.extend_from_slice(digits.as_bytes());
        } else {
            key.push(TEXT);
            key.extend(part.bytes().filter(|b| *b != END));
            key.push(END);
        }
    }
    key.push(END);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::version_order::compare_versions;

    #[test]
    fn byte_order_of_keys_is_version_order() {
        let tags = [
            "1.0.0",
            "1.0.0-rc.1",
            "1.0.0-rc.2",
            "1.0.0-rc.10",
            "1.0.0-alpha",
            "1.0.0-alpha.beta",
            "1.0.0-2",
            "1.0.0-10",
            "1.0.0+build.1",
            "1.0.0+build.2",
            "v1.2.0",
            "1.10.0",
            "1.2",
            "1.2.0.0",
            "0.9.0",
            "0.10.0",
            "01.2",
            "1.02",
            "latest",
            "stable",
            "main",
            "v",
            "",
            "1",
            "1.",
            ".1",
            "1..2",
            "v1.4.0",
            "v1.4.1",
            "vv2",
            "2-",
            "2--1",
            "18446744073709551615",
            "18446744073709551616",
            "99999999999999999999999",
            "sha-abc123",
            "1.25.2",
            "1.25",
            "a.b",
            "a.1",
            "1.a",
            "1-a",
            "1_0",
            "1.0.0-rc.1+x",
        ];
        for a in tags {
            for b in tags {
                assert_eq!(
                    version_sort_key(a).cmp(&version_sort_key(b)),
                    compare_versions(a, b),
                    "{a:?} vs {b:?}"
                );
            }
        }
    }
}
