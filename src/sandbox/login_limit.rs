//! Failed logins per client address, for a sandbox others can reach: each failed check costs an
//! 8 MiB Argon2 hash, so after a few failures in a short time a client gets 429 without one.

use std::collections::{HashMap, VecDeque};
use std::net::IpAddr;
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

/// How many failed logins one client address may make within a window before its requests are
/// answered 429 (without checking the password) until the oldest failure leaves the window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoginLimit {
    /// Failures allowed within [`Self::window`]; the next request is refused.
    pub max_failures: u32,
    /// How long a failure counts.
    pub window: Duration,
}

impl Default for LoginLimit {
    /// 5 failures a minute.
    fn default() -> Self {
        Self {
            max_failures: 5,
            window: Duration::from_mins(1),
        }
    }
}

/// Clients tracked at most; beyond it, those whose failures all left the window are forgotten.
const PRUNE_ABOVE_CLIENTS: usize = 1024;

/// The recent failures of each client address.
#[derive(Debug)]
pub struct FailedLogins {
    limit: LoginLimit,
    clients: Mutex<HashMap<IpAddr, VecDeque<Instant>>>,
}

impl FailedLogins {
    /// No failures yet, counted against `limit`.
    pub fn new(limit: LoginLimit) -> Self {
        Self {
            limit,
            clients: Mutex::default(),
        }
    }

    /// `Some(wait)` when `client` has used up its failures at `now`: how long until one leaves
    /// the window.
    pub fn blocked(&self, client: IpAddr, now: Instant) -> Option<Duration> {
        let mut clients = self.clients.lock().unwrap_or_else(PoisonError::into_inner);
        let failures = clients.get_mut(&client)?;
        self.forget_old(failures, now);
        let max = usize::try_from(self.limit.max_failures).unwrap_or(usize::MAX);
        if failures.len() < max {
            return None;
        }
        let oldest = failures.front()?;
        Some(
            self.limit
                .window
                .saturating_sub(now.duration_since(*oldest)),
        )
    }

    /// Counts a failed login of `client` at `now`.
    pub fn record_failure(&self, client: IpAddr, now: Instant) {
        let mut clients = self.clients.lock().unwrap_or_else(PoisonError::into_inner);
        if clients.len() > PRUNE_ABOVE_CLIENTS {
            clients.retain(|_, failures| {
                self.forget_old(failures, now);
                !failures.is_empty()
            });
        }
        let failures = clients.entry(client).or_default();
        self.forget_old(failures, now);
        failures.push_back(now);
    }

    fn forget_old(&self, failures: &mut VecDeque<Instant>, now: Instant) {
        while failures
            .front()
            .is_some_and(|at| now.duration_since(*at) >= self.limit.window)
        {
            failures.pop_front();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_client_is_blocked_after_its_failures_until_they_leave_the_window() {
        let limits = FailedLogins::new(LoginLimit {
            max_failures: 3,
            window: Duration::from_mins(1),
        });
        let me: IpAddr = [192, 0, 2, 1].into();
        let other: IpAddr = [192, 0, 2, 2].into();
        let t0 = Instant::now();
        let at = |secs| t0 + Duration::from_secs(secs);
        for secs in [0, 10, 20] {
            assert_eq!(limits.blocked(me, at(secs)), None);
            limits.record_failure(me, at(secs));
        }
        assert_eq!(limits.blocked(me, at(20)), Some(Duration::from_secs(40)));
        assert_eq!(limits.blocked(me, at(59)), Some(Duration::from_secs(1)));
        assert_eq!(limits.blocked(other, at(30)), None, "per client");
        // The first failure leaves the window: one more try.
        assert_eq!(limits.blocked(me, at(60)), None);
        limits.record_failure(me, at(60));
        assert_eq!(limits.blocked(me, at(61)), Some(Duration::from_secs(9)));
        // Everything cools down.
        assert_eq!(limits.blocked(me, at(200)), None);
    }
}
