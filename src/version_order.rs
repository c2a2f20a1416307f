//! Chart versions in order: the `SemVer` way (numeric parts as numbers, a pre-release before its
//! release, build metadata ignored, a leading `v` allowed), falling back to text order for odd
//! versions. The sandbox picks a chart's latest version with it; the app sorts the versions it
//! offers.

use std::cmp::Ordering;

fn split_version(version: &str) -> (&str, Option<&str>) {
    let version = version.split('+').next().unwrap_or(version);
    match version.split_once('-') {
        Some((core, pre)) => (core, Some(pre)),
        None => (version, None),
    }
}

fn compare_dotted(a: &str, b: &str) -> Ordering {
    let mut left = a.split('.');
    let mut right = b.split('.');
    loop {
        match (left.next(), right.next()) {
            (None, None) => return Ordering::Equal,
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(x), Some(y)) => {
                let order = match (x.parse::<u64>(), y.parse::<u64>()) {
                    (Ok(x), Ok(y)) => x.cmp(&y),
                    (Ok(_), Err(_)) => Ordering::Less,
                    (Err(_), Ok(_)) => Ordering::Greater,
                    (Err(_), Err(_)) => x.cmp(y),
                };
                if order != Ordering::Equal {
                    return order;
                }
            }
        }
    }
}

/// Orders chart versions the `SemVer` way (numeric parts as numbers, a pre-release before its
/// release, build metadata ignored), falling back to text order for odd versions.
pub fn compare_versions(a: &str, b: &str) -> Ordering {
    let (a_core, a_pre) = split_version(a.trim_start_matches('v'));
    let (b_core, b_pre) = split_version(b.trim_start_matches('v'));
    compare_dotted(a_core, b_core)
        .then_with(|| match (a_pre, b_pre) {
            (None, None) => Ordering::Equal,
            (None, Some(_)) => Ordering::Greater,
            (Some(_), None) => Ordering::Less,
            (Some(x), Some(y)) => compare_dotted(x, y),
        })
        .then_with(|| a.cmp(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_order_like_semver() {
        assert_eq!(compare_versions("1.0.0-rc.1", "1.0.0"), Ordering::Less);
        assert_eq!(compare_versions("0.10.0", "0.9.0"), Ordering::Greater);
        assert_eq!(compare_versions("v1.2.0", "1.10.0"), Ordering::Less);
        assert_eq!(
            compare_versions("1.0.0+build.1", "1.0.0+build.2"),
            Ordering::Less,
            "then as text"
        );
        assert_eq!(
            compare_versions("1.0.0-alpha", "1.0.0-beta"),
            Ordering::Less
        );
        assert_eq!(compare_versions("1.0.0-2", "1.0.0-10"), Ordering::Less);
    }
}
