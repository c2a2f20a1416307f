//! The keyring queue under a slow keyring: a write that takes longer than the keyring's
//! patience is waited for, never overtaken, and the user is told the keyring is slow.

#![allow(clippy::expect_used)] // a test that cannot go on says why, and fails

use std::any::Any;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use ccr_desk::profile::{ProfileId, SecretStore};
use ccr_desk::session::SessionNotice;
use ccr_desk::session::keyring::{Keyring, SecretsSource};
use ccr_desk::tasks::Tasks;
use keyring_core::api::{CredentialApi, CredentialStoreApi};
use keyring_core::{Credential, Entry, Error, Result};
use secrecy::SecretString;

type Secrets = Arc<Mutex<HashMap<(String, String), Vec<u8>>>>;

/// How many keyring calls are running inside the store right now.
type InFlight = Arc<std::sync::atomic::AtomicUsize>;

/// An in-memory keyring whose writes of a secret take `delay`.
#[derive(Debug)]
struct SlowStore {
    secrets: Secrets,
    in_flight: InFlight,
    delay: Duration,
}

#[derive(Debug)]
struct SlowCredential {
    secrets: Secrets,
    in_flight: InFlight,
    key: (String, String),
    delay: Duration,
}

impl CredentialApi for SlowCredential {
    fn set_secret(&self, secret: &[u8]) -> Result<()> {
        use std::sync::atomic::Ordering;
        self.in_flight.fetch_add(1, Ordering::SeqCst);
        std::thread::sleep(self.delay);
        self.secrets
            .lock()
            .expect("secrets")
            .insert(self.key.clone(), secret.to_vec());
        self.in_flight.fetch_sub(1, Ordering::SeqCst);
        Ok(())
    }

    fn get_secret(&self) -> Result<Vec<u8>> {
        let secrets = self.secrets.lock().expect("secrets");
        secrets.get(&self.key).cloned().ok_or(Error::NoEntry)
    }

    fn delete_credential(&self) -> Result<()> {
        let removed = self.secrets.lock().expect("secrets").remove(&self.key);
        removed.map(|_| ()).ok_or(Error::NoEntry)
    }

    fn get_credential(&self) -> Result<Option<Arc<Credential>>> {
        Ok(None)
    }

    fn get_specifiers(&self) -> Option<(String, String)> {
        Some(self.key.clone())
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

impl CredentialStoreApi for SlowStore {
    fn vendor(&self) -> String {
        "slow test store".to_owned()
    }

    fn id(&self) -> String {
        "slow".to_owned()
    }

    fn build(&self, service: &str, user: &str, _: Option<&HashMap<&str, &str>>) -> Result<Entry> {
        Ok(Entry::new_with_credential(Arc::new(SlowCredential {
            secrets: Arc::clone(&self.secrets),
            in_flight: Arc::clone(&self.in_flight),
            key: (service.to_owned(), user.to_owned()),
            delay: self.delay,
        })))
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

#[test]
fn a_delete_after_a_slow_save_runs_after_it_and_the_user_hears_of_the_delay() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    let tasks = Tasks::new(runtime.handle().clone(), egui::Context::default());
    let secrets = Secrets::default();
    let in_flight = InFlight::default();
    // The save takes well past the keyring's patience.
    let store = SecretStore::from_store(Arc::new(SlowStore {
        secrets: Arc::clone(&secrets),
        in_flight: Arc::clone(&in_flight),
        delay: Duration::from_millis(600),
    }));
    let patience = Duration::from_millis(100);
    let mut keyring = Keyring::open(SecretsSource::Given(store), &tasks, patience);
    let id = ProfileId::new_random();
    keyring.save(&tasks, &id, SecretString::from("first"));
    keyring.delete(&tasks, &id);
    assert_eq!(keyring.pending_writes(), 2);

    let mut notices = Vec::new();
    let deadline = Instant::now() + Duration::from_secs(30);
    // The queue is empty, and no keyring call is still running behind its back.
    while keyring.pending_writes() > 0 || in_flight.load(std::sync::atomic::Ordering::SeqCst) > 0 {
        assert!(Instant::now() < deadline, "the keyring queue never emptied");
        keyring.poll(&tasks, &mut notices);
        std::thread::sleep(Duration::from_millis(5));
    }
    assert!(
        secrets.lock().expect("secrets").is_empty(),
        "the delete ran after the save, so no entry is left"
    );
    assert!(
        notices
            .iter()
            .any(|n| matches!(n, SessionNotice::KeyringSlow { .. })),
        "the slow keyring was reported: {notices:?}"
    );
}
