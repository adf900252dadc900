//! One-time results of a form post, shown on the page the browser is redirected to
//! (post/redirect/get) without putting them in the URL: the handler stores the payload under a
//! random key, the page reads it. Kept in memory for ten minutes at most. Reading does not
//! remove the entry: a page may render (and so read) more than once, e.g. on reload.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

#[derive(Debug, Default)]
pub struct FlashStore {
    entries: Mutex<HashMap<String, (Instant, String)>>,
}

const TTL: Duration = Duration::from_secs(600);
const MAX_ENTRIES: usize = 1000;

impl FlashStore {
    /// Stores a payload and returns the key to put in the redirect.
    pub fn put(&self, payload: String) -> String {
        let key = crate::storage::new_id();
        let now = Instant::now();
        let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        entries.retain(|_, (at, _)| now.duration_since(*at) < TTL);
        if entries.len() >= MAX_ENTRIES {
            // Drop the oldest rather than grow without bound.
            if let Some(oldest) = entries
                .iter()
                .min_by_key(|(_, (at, _))| *at)
                .map(|(k, _)| k.clone())
            {
                entries.remove(&oldest);
            }
        }
        entries.insert(key.clone(), (now, payload));
        key
    }

    /// The payload stored under `key`, while it has not expired.
    pub fn get(&self, key: &str) -> Option<String> {
        let entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        let (at, payload) = entries.get(key)?;
        (at.elapsed() < TTL).then(|| payload.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn read_by_key() {
        let store = FlashStore::default();
        let key = store.put("hallo".into());
        assert_eq!(store.get(&key).as_deref(), Some("hallo"));
        assert_eq!(
            store.get(&key).as_deref(),
            Some("hallo"),
            "a reload shows it again"
        );
        assert_eq!(store.get("onbekend"), None);
        assert_ne!(
            key,
            store.put("hallo".into()),
            "every put gets its own random key"
        );
    }

    #[test]
    fn bounded() {
        let store = FlashStore::default();
        let first = store.put("0".into());
        for i in 1..=MAX_ENTRIES {
            store.put(i.to_string());
        }
        assert_eq!(store.get(&first), None, "the oldest entry made room");
    }
}
