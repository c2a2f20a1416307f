//! Remembered successful password checks, so that repeated requests do not pay for Argon2 each
//! time. A check is remembered as a SHA-256 of user, stored hash and password.

use std::collections::HashSet;
use std::sync::{Mutex, PoisonError};

use sha2::{Digest, Sha256};

/// Remembered successful checks before the memory is cleared.
const VERIFIED_CACHE_MAX: usize = 4096;

/// Remembered successful checks. Its `Debug` shows only how many: the keys are fast hashes of
/// passwords.
#[derive(Default)]
pub struct VerifiedCache {
    seen: Mutex<HashSet<[u8; 32]>>,
}

impl std::fmt::Debug for VerifiedCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let remembered = self.seen.lock().map_or(0, |seen| seen.len());
        f.debug_struct("VerifiedCache")
            .field("remembered", &remembered)
            .finish()
    }
}

impl VerifiedCache {
    /// The remembered form of one successful check.
    pub fn key(username: &str, stored: &str, password: &str) -> [u8; 32] {
        let mut hasher = Sha256::new();
        for part in [username, stored, password] {
            hasher.update((part.len() as u64).to_le_bytes());
            hasher.update(part.as_bytes());
        }
        hasher.finalize().into()
    }

    /// Whether this check succeeded before.
    pub fn contains(&self, key: &[u8; 32]) -> bool {
        self.seen
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .contains(key)
    }

    /// Remembers a successful check (forgetting all once [`VERIFIED_CACHE_MAX`] are held).
    pub fn insert(&self, key: [u8; 32]) {
        let mut seen = self.seen.lock().unwrap_or_else(PoisonError::into_inner);
        if seen.len() >= VERIFIED_CACHE_MAX {
            seen.clear();
        }
        seen.insert(key);
    }
}
