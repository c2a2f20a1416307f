//! The `curl` command equivalent to a recorded request.

use super::{ActivityEntry, RequestShape};

/// The `curl` command that sends `entry`'s request again as `username`, quoted for a POSIX
/// shell:
///
/// ```text
/// curl -u USER -X METHOD 'URL' -H 'Content-Type: application/json' --data-raw '{…}'
/// ```
///
/// The header and the body appear only when the request had a body; `--globoff` is added when
/// the URL holds `[]{}`, which curl would otherwise read as a glob. The password is never
/// written: with `-u USER` and no colon, curl asks for it. Redacted body fields stay redacted,
/// so such a command cannot be replayed as it is: for a password reset the user must put the
/// new password into the body by hand.
///
/// `None` when the entry has no request, when `username` holds a colon (curl would take the
/// rest as the password), or when a word holds a nul byte (no shell can pass it).
pub fn curl_command(entry: &ActivityEntry, username: &str) -> Option<String> {
    curl_for(entry.request.as_ref()?, username)
}

/// The `curl` command that sends `request` as `username`, as [`curl_command`] writes it;
/// `None` when `username` holds a colon or a word holds a nul byte.
pub fn curl_for(request: &RequestShape, username: &str) -> Option<String> {
    if username.contains(':') {
        return None;
    }
    let mut words = vec![
        "curl".to_owned(),
        "-u".to_owned(),
        username.to_owned(),
        "-X".to_owned(),
        request.method().to_owned(),
    ];
    if request.url().contains(['[', ']', '{', '}']) {
        words.push("--globoff".to_owned());
    }
    words.push(request.url().to_owned());
    if let Some(body) = request.body() {
        words.push("-H".to_owned());
        words.push("Content-Type: application/json".to_owned());
        words.push("--data-raw".to_owned());
        words.push(body.to_string());
    }
    shlex::try_join(words.iter().map(String::as_str)).ok()
}
