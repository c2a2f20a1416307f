//! HTTP Basic authentication against the users in the store, password hashing, and roles.
//!
//! Passwords are stored as Argon2id PHC strings. A successful check is remembered (as a SHA-256
//! of user, stored hash and password) so that repeated requests do not pay for Argon2 each time;
//! a changed password changes the stored hash, so the old one stops working at once.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Instant;

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use axum::extract::{ConnectInfo, FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use base64::Engine;
use secrecy::{ExposeSecret, SecretString};

use super::envelope::ApiError;
use super::state::AppState;
use super::store::{self, Store, StoreError, UserRow};
use super::verified::VerifiedCache;

/// Argon2id memory cost in KiB: 8 MiB with 2 passes verifies in about 10 ms with optimised
/// dependencies (below OWASP's 19 MiB minimum, a trade-off for a local sandbox that checks the
/// password of every request; successful checks are remembered anyway).
const ARGON2_M_COST_KIB: u32 = 8 * 1024;
/// Argon2id passes.
const ARGON2_T_COST: u32 = 2;
/// What unknown users' passwords are verified against: the Argon2id hash, with this module's
/// parameters, of a random password nobody knows (it never matches; it only costs the same time
/// as a real check).
const DUMMY_HASH: &str = "$argon2id$v=19$m=8192,t=2,p=1$k6WI9MUN1iBFj48PHWjsxg$fOlrepPVLA41TwClwGUADlQWslrQ9TCFQEFWw4qXGfY";

fn argon2() -> Result<Argon2<'static>, argon2::Error> {
    let params = Params::new(ARGON2_M_COST_KIB, ARGON2_T_COST, 1, None)?;
    Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
}

/// Why a password could not be hashed.
#[derive(Debug, thiserror::Error)]
#[error("hashing the password failed: {0}")]
pub struct HashError(String);

/// The Argon2id PHC string of `password`.
pub fn hash_password(password: &str) -> Result<String, HashError> {
    let salt = SaltString::generate(&mut argon2::password_hash::rand_core::OsRng);
    let hasher = argon2().map_err(|e| HashError(e.to_string()))?;
    hasher
        .hash_password(password.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|e| HashError(e.to_string()))
}

/// Whether `password` matches the PHC string `stored` (a malformed hash never matches).
pub fn verify_password(stored: &str, password: &str) -> bool {
    let Ok(parsed) = PasswordHash::new(stored) else {
        return false;
    };
    // The parameters come from the stored hash itself.
    Argon2::default()
        .verify_password(password.as_bytes(), &parsed)
        .is_ok()
}

/// Who is calling, once authenticated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Caller {
    /// User name.
    pub username: String,
    /// Administrator (may write) or read-only.
    pub is_admin: bool,
}

/// The bearer token of `Authorization: Bearer …`, if the header has that scheme.
fn bearer_token(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.trim().split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then_some(token.trim())
}

/// Whether `given` is `expected`, in time that depends on neither: both are hashed first, and
/// the hashes compared without stopping at the first difference.
fn same_token(expected: &str, given: &str) -> bool {
    use sha2::{Digest, Sha256};
    let expected = Sha256::digest(expected.as_bytes());
    let given = Sha256::digest(given.as_bytes());
    expected
        .iter()
        .zip(given.iter())
        .fold(0_u8, |diff, (a, b)| diff | (a ^ b))
        == 0
}

/// Reads `Authorization: Basic …` into user and password.
fn basic_credentials(headers: &HeaderMap) -> Result<(String, SecretString), ApiError> {
    let Some(value) = headers.get(header::AUTHORIZATION) else {
        return Err(ApiError::auth_failed("认证失败：缺少用户名和密码"));
    };
    let malformed = || ApiError::auth_failed("认证失败：Authorization 请求头格式不正确");
    let value = value.to_str().map_err(|_| malformed())?;
    let Some((scheme, encoded)) = value.trim().split_once(' ') else {
        return Err(malformed());
    };
    if !scheme.eq_ignore_ascii_case("basic") {
        return Err(ApiError::auth_failed("认证失败：仅支持 Basic 认证"));
    }
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(encoded.trim())
        .map_err(|_| malformed())?;
    let decoded = String::from_utf8(decoded).map_err(|_| malformed())?;
    let Some((user, password)) = decoded.split_once(':') else {
        return Err(malformed());
    };
    Ok((user.to_owned(), SecretString::from(password)))
}

/// Checks `password` against the stored user `row` (`None`: no such user) on the calling thread:
/// Argon2 is slow, so call it on a blocking thread and never while holding a store connection.
/// An unknown user still costs one verification (against [`DUMMY_HASH`]), so the answer's timing
/// does not tell which user names exist.
fn check_blocking(
    cache: &VerifiedCache,
    user: &str,
    password: &str,
    row: Option<UserRow>,
) -> Option<Caller> {
    let Some(row) = row else {
        let _ = verify_password(DUMMY_HASH, password);
        return None;
    };
    let key = VerifiedCache::key(user, &row.password_hash, password);
    if !cache.contains(&key) {
        if !verify_password(&row.password_hash, password) {
            return None;
        }
        cache.insert(key);
    }
    Some(Caller {
        username: user.to_owned(),
        is_admin: row.is_admin,
    })
}

/// Authenticates `headers` against the store: the user's row is read in one short store call,
/// the password is verified afterwards on a blocking thread (an in-memory store has a single
/// connection that Argon2 must not hold).
///
/// With `token`, `Authorization: Bearer TOKEN` is accepted too, as the administrator.
pub async fn authenticate(
    store: &Store,
    cache: &Arc<VerifiedCache>,
    token: Option<&SecretString>,
    headers: &HeaderMap,
) -> Result<Caller, ApiError> {
    if let (Some(expected), Some(given)) = (token, bearer_token(headers)) {
        return if same_token(expected.expose_secret(), given) {
            Ok(Caller {
                username: super::ADMIN_USER.to_owned(),
                is_admin: true,
            })
        } else {
            Err(ApiError::auth_failed("认证失败：令牌无效"))
        };
    }
    let (user, password) = basic_credentials(headers)?;
    let lookup = user.clone();
    let row = store
        .run(move |conn| store::user(conn, &lookup))
        .await
        .map_err(|e| ApiError::internal(&e))?;
    let cache = Arc::clone(cache);
    let found = tokio::task::spawn_blocking(move || {
        check_blocking(&cache, &user, password.expose_secret(), row)
    })
    .await
    .map_err(|e| ApiError::internal(&StoreError::Task(e.to_string())))?;
    found.ok_or_else(|| ApiError::auth_failed("认证失败：用户名或密码错误"))
}

/// Middleware: answers 401 unless the request carries valid credentials, and hands the
/// [`Caller`] to the handlers. With a login limit, a client that used up its failed logins gets
/// 429 (with `Retry-After`) before any password check.
pub async fn require_user(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let limited = state.failed_logins.as_ref().and_then(|limits| {
        let ConnectInfo(peer) = req.extensions().get::<ConnectInfo<SocketAddr>>()?;
        Some((limits, peer.ip()))
    });
    if let Some((limits, client)) = limited
        && let Some(wait) = limits.blocked(client, Instant::now())
    {
        let mut response = ApiError::too_many_failed_logins().into_response();
        let secs = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from(secs.max(1)));
        return response;
    }
    let token = state.bearer_token.as_deref();
    match authenticate(&state.store, &state.verified, token, req.headers()).await {
        Ok(caller) => {
            req.extensions_mut().insert(caller);
            next.run(req).await
        }
        Err(err) => {
            // Only a request with credentials cost a password check.
            if let Some((limits, client)) = limited
                && req.headers().contains_key(header::AUTHORIZATION)
            {
                limits.record_failure(client, Instant::now());
            }
            err.into_response()
        }
    }
}

/// Extractor for handlers that change state: refuses read-only users with 403.
#[derive(Debug, Clone)]
pub struct Writer;

impl<S: Send + Sync> FromRequestParts<S> for Writer {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let caller = parts
            .extensions
            .get::<Caller>()
            .cloned()
            .ok_or_else(|| ApiError::auth_failed("认证失败：缺少用户名和密码"))?;
        if caller.is_admin {
            Ok(Self)
        } else {
            Err(ApiError::permission_denied(format!(
                "权限不足：用户 {} 只有只读权限",
                caller.username
            )))
        }
    }
}

/// Extractor for any authenticated caller.
impl<S: Send + Sync> FromRequestParts<S> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        parts
            .extensions
            .get::<Caller>()
            .cloned()
            .ok_or_else(|| ApiError::auth_failed("认证失败：缺少用户名和密码"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn hashes_verify_and_differ() {
        let started = std::time::Instant::now();
        let a = hash_password("Harbor12345").unwrap();
        let hash_time = started.elapsed();
        let b = hash_password("Harbor12345").unwrap();
        assert_ne!(a, b, "salts differ");
        let started = std::time::Instant::now();
        assert!(verify_password(&a, "Harbor12345"));
        eprintln!("argon2 hash {hash_time:?}, verify {:?}", started.elapsed());
        assert!(!verify_password(&a, "Harbor12346"));
        assert!(!verify_password("not a hash", "Harbor12345"));
    }

    #[test]
    fn the_dummy_hash_costs_what_a_real_one_does() {
        let dummy = PasswordHash::new(DUMMY_HASH).unwrap();
        let real = hash_password("Harbor12345").unwrap();
        let real = PasswordHash::new(&real).unwrap();
        assert_eq!(dummy.algorithm, real.algorithm);
        assert_eq!(dummy.version, real.version);
        assert_eq!(dummy.params, real.params);
        assert!(!verify_password(DUMMY_HASH, "Harbor12345"));
        assert!(!verify_password(DUMMY_HASH, ""));
    }

    #[test]
    fn unknown_users_and_wrong_passwords_fail() {
        let cache = VerifiedCache::default();
        assert_eq!(check_blocking(&cache, "nobody", "Harbor12345", None), None);
        let row = || UserRow {
            password_hash: hash_password("Harbor12345").unwrap(),
            is_admin: true,
        };
        assert_eq!(
            check_blocking(&cache, "admin", "Harbor12346", Some(row())),
            None
        );
        let stored = row();
        let caller = check_blocking(&cache, "admin", "Harbor12345", Some(stored.clone()));
        assert_eq!(
            caller,
            Some(Caller {
                username: "admin".to_owned(),
                is_admin: true
            })
        );
        // remembered: a second check of the same hash is answered from the cache
        let key = VerifiedCache::key("admin", &stored.password_hash, "Harbor12345");
        assert!(cache.contains(&key));
    }

    #[test]
    fn basic_credentials_are_parsed() {
        let mut headers = HeaderMap::new();
        assert!(basic_credentials(&headers).is_err());
        headers.insert(
            header::AUTHORIZATION,
            HeaderValue::from_static("Basic YWRtaW46SGFyYm9yMTIzNDU="),
        );
        let (user, password) = basic_credentials(&headers).unwrap();
        assert_eq!(user, "admin");
        assert_eq!(password.expose_secret(), "Harbor12345");
        headers.insert(header::AUTHORIZATION, HeaderValue::from_static("Bearer x"));
        assert!(basic_credentials(&headers).is_err());
        assert_eq!(bearer_token(&headers), Some("x"));
    }

    #[test]
    fn tokens_compare_whole() {
        assert!(same_token("s3cret-token", "s3cret-token"));
        assert!(!same_token("s3cret-token", "s3cret-tokem"));
        assert!(!same_token("s3cret-token", "s3cret"));
        assert!(!same_token("s3cret-token", ""));
    }
}
