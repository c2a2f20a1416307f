//! DNS rebinding guard: a sandbox that listens on loopback answers only requests addressed to
//! a loopback name.
//!
//! A web page can point a name it controls (`evil.example`) at 127.0.0.1 and then make the
//! browser send requests to the sandbox; the browser still sends `Host: evil.example`. Such a
//! request is refused with 403 before authentication (so it costs no password check).

use std::net::{Ipv4Addr, Ipv6Addr};

use axum::extract::{Request, State};
use axum::http::header;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::envelope::ApiError;
use super::state::AppState;

/// Whether `authority` (`host[:port]`, as in a `Host` header) names this computer: `localhost`
/// (any case, an optional final dot), an IPv4 loopback address (`127.0.0.0/8`) or `[::1]`, with
/// any port or none.
pub fn is_loopback_authority(authority: &str) -> bool {
    let authority = authority.trim();
    if let Some(rest) = authority.strip_prefix('[') {
        let Some((inside, after)) = rest.split_once(']') else {
            return false;
        };
        let port_ok = after.is_empty() || after.strip_prefix(':').is_some_and(is_port);
        return port_ok && inside.parse::<Ipv6Addr>().is_ok_and(|ip| ip.is_loopback());
    }
    let host = match authority.rsplit_once(':') {
        Some((host, port)) if is_port(port) => host,
        Some(_) => return false,
        None => authority,
    };
    let host = host.strip_suffix('.').unwrap_or(host);
    host.eq_ignore_ascii_case("localhost")
        || host.parse::<Ipv4Addr>().is_ok_and(|ip| ip.is_loopback())
}

fn is_port(text: &str) -> bool {
    !text.is_empty() && text.len() <= 5 && text.bytes().all(|b| b.is_ascii_digit())
}

/// Middleware: when the server listens on loopback, answers 403 (`CCR.RespPermissionDenied`)
/// to a request whose `Host` (or HTTP/2 `:authority`) is not a loopback name. A request without
/// either (HTTP/1.0) is let through: browsers always send one.
pub async fn require_loopback_host(
    State(state): State<AppState>,
    req: Request,
    next: Next,
) -> Response {
    if !state.loopback_hosts_only {
        return next.run(req).await;
    }
    let host = req
        .headers()
        .get(header::HOST)
        .map(|value| value.to_str().unwrap_or("\u{fffd}").to_owned())
        .or_else(|| req.uri().authority().map(|a| a.as_str().to_owned()));
    match host {
        Some(host) if !is_loopback_authority(&host) => {
            tracing::warn!("refused a request for Host {host:?}: this sandbox listens on loopback");
            ApiError::permission_denied(
                "禁止访问：Host 请求头不是本机名称（localhost、127.0.0.1 或 [::1]），该沙箱只在本机监听",
            )
            .into_response()
        }
        _ => next.run(req).await,
    }
}

#[cfg(test)]
mod tests {
    use super::is_loopback_authority;

    #[test]
    fn loopback_names_with_and_without_ports() {
        for ok in [
            "localhost",
            "LocalHost:8480",
            "localhost.",
            "127.0.0.1",
            "127.0.0.1:1",
            "127.1.2.3:65535",
            "[::1]",
            "[::1]:8480",
        ] {
            assert!(is_loopback_authority(ok), "{ok}");
        }
        for refused in [
            "evil.example",
            "evil.example:8480",
            "localhost.evil.example",
            "evillocalhost",
            "10.0.0.1",
            "0.0.0.0",
            "[::]",
            "[::1",
            "[::1]x",
            "::1",
            "127.0.0.1:port",
            "localhost:",
            "",
        ] {
            assert!(!is_loopback_authority(refused), "{refused}");
        }
    }
}
