//! What the client needs to reach one CCR instance: endpoint, instance id, credential, TLS and
//! timeouts.

use std::net::IpAddr;
use std::path::PathBuf;
use std::time::Duration;

use reqwest::Url;
use secrecy::SecretString;

/// The instance id the vendor's document always uses.
pub const DEFAULT_INSTANCE_ID: &str = "ccr-manager";
/// Connect timeout used when a profile does not set one.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// Read timeout (longest silence while waiting for bytes) used when a profile does not set one.
pub const DEFAULT_READ_TIMEOUT: Duration = Duration::from_secs(30);

/// The longest a JSON request may take from start to its whole answer, when a profile does not
/// set one (downloads are not bound by it: they have their own progress and Cancel).
pub const DEFAULT_REQUEST_DEADLINE: Duration = Duration::from_mins(1);

/// How the client treats the server's TLS certificate.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TlsOptions {
    /// A PEM file with one or more extra CA certificates to trust besides the system's.
    pub extra_ca_file: Option<PathBuf>,
    /// Accept any certificate, even an invalid or self-signed one. Dangerous: anyone on the path
    /// can read the credential. Off by default.
    pub accept_invalid_certificates: bool,
}

/// How the client proves who it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AuthMethod {
    /// HTTP Basic with the user name and password (the document's decision).
    #[default]
    Basic,
    /// `Authorization: Bearer TOKEN`; the secret is the token.
    Bearer,
}

/// How `/` inside a multi-level repository name is sent in a request path.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RepositoryPathEncoding {
    /// Single first; when a multi-level name answers 404 that way and the double form finds
    /// it, double from then on (see [`crate::api::CcrClient::path_encoding_learned`]).
    #[default]
    Automatic,
    /// Always `%2F` (the document's contract).
    Single,
    /// Always `%252F` (Harbor's own API).
    Double,
}

/// Everything needed to talk to one CCR instance. The password never prints.
#[derive(Debug, Clone)]
pub struct ConnectionConfig {
    /// The server's base URL, `https://host[:port]` (http only for loopback hosts).
    pub endpoint: Url,
    /// The instance id in every path, `ccr-manager` by default.
    pub instance_id: String,
    /// User name of the access credential.
    pub username: String,
    /// Password of the access credential, or the token with [`AuthMethod::Bearer`].
    pub password: SecretString,
    /// How the credential is sent.
    pub auth: AuthMethod,
    /// The registry's own `host[:port]` for pull commands; `None`: the endpoint's host.
    pub registry_address: Option<String>,
    /// How multi-level repository names are encoded in paths.
    pub repository_path_encoding: RepositoryPathEncoding,
    /// TLS verification settings.
    pub tls: TlsOptions,
    /// Longest wait for a TCP (and TLS) connection.
    pub connect_timeout: Duration,
    /// Longest silence while waiting for the next bytes of an answer.
    pub read_timeout: Duration,
    /// Longest time a JSON request may take, start to whole answer.
    pub request_deadline: Duration,
}

/// Why an endpoint URL cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EndpointError {
    /// The text does not parse as a URL; what the URL parser said.
    #[error("endpoint is not a URL: {0}")]
    Unparsable(String),
    /// The scheme is neither https nor (for loopback) http.
    #[error("endpoint scheme is not https")]
    Scheme,
    /// Plain http to a host that is not this computer.
    #[error("endpoint uses plain http to a remote host")]
    InsecureRemote,
    /// The URL has no host name.
    #[error("endpoint has no host")]
    NoHost,
    /// The URL carries a path, query, fragment or credentials that the client would ignore.
    #[error("endpoint has a path, query, fragment or credentials")]
    ExtraParts,
}

/// True when `url` points at this computer (`localhost`, `127.0.0.0/8` or `::1`).
pub fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(domain)) => domain.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => IpAddr::V4(ip).is_loopback(),
        Some(url::Host::Ipv6(ip)) => IpAddr::V6(ip).is_loopback(),
        None => false,
    }
}

/// Parses and checks an endpoint as a profile holds it: `https://host[:port]`, or http for a
/// loopback host. A trailing slash is accepted.
pub fn parse_endpoint(text: &str) -> Result<Url, EndpointError> {
    let url = Url::parse(text.trim()).map_err(|e| EndpointError::Unparsable(e.to_string()))?;
    if url.host().is_none() {
        return Err(EndpointError::NoHost);
    }
    match url.scheme() {
        "https" => {}
        "http" if is_loopback(&url) => {}
        "http" => return Err(EndpointError::InsecureRemote),
        _ => return Err(EndpointError::Scheme),
    }
    if url.path() != "/"
        || url.query().is_some()
        || url.fragment().is_some()
        || !url.username().is_empty()
        || url.password().is_some()
    {
        return Err(EndpointError::ExtraParts);
    }
    Ok(url)
}

impl ConnectionConfig {
    /// A configuration with the default instance id, verified TLS and default timeouts.
    pub fn new(endpoint: Url, username: impl Into<String>, password: SecretString) -> Self {
        Self {
            endpoint,
            instance_id: DEFAULT_INSTANCE_ID.to_owned(),
            username: username.into(),
            password,
            auth: AuthMethod::default(),
            registry_address: None,
            repository_path_encoding: RepositoryPathEncoding::default(),
            tls: TlsOptions::default(),
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            read_timeout: DEFAULT_READ_TIMEOUT,
            request_deadline: DEFAULT_REQUEST_DEADLINE,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use secrecy::ExposeSecret as _;

    #[test]
    fn endpoints_are_https_or_loopback_http() {
        assert!(parse_endpoint("https://registry.example.com").is_ok());
        assert!(parse_endpoint("https://registry.example.com:8443/").is_ok());
        assert!(parse_endpoint("http://127.0.0.1:8480").is_ok());
        assert!(parse_endpoint("http://localhost:8480").is_ok());
        assert!(parse_endpoint("http://[::1]:8480").is_ok());
        assert_eq!(
            parse_endpoint("http://registry.example.com"),
            Err(EndpointError::InsecureRemote)
        );
        assert_eq!(parse_endpoint("ftp://x"), Err(EndpointError::Scheme));
        assert_eq!(
            parse_endpoint("https://x/api"),
            Err(EndpointError::ExtraParts)
        );
        assert_eq!(
            parse_endpoint("https://u:p@x"),
            Err(EndpointError::ExtraParts)
        );
        assert!(matches!(
            parse_endpoint("not a url"),
            Err(EndpointError::Unparsable(_))
        ));
    }

    #[test]
    fn debug_output_hides_the_password() {
        let url = parse_endpoint("https://x").unwrap();
        let config = ConnectionConfig::new(url, "admin", SecretString::from("Sup3rSecret!"));
        let shown = format!("{config:?}");
        assert!(!shown.contains("Sup3rSecret!"), "{shown}");
        assert_eq!(config.password.expose_secret(), "Sup3rSecret!");
    }
}
