//! Login and link rate limit: after `max_failures` failed attempts for one key (an email
//! address, a client address) within `window`, further attempts are refused until the window
//! has passed.
//!
//! Kept in memory, per process: a restart forgives, and with several server processes a client
//! gets that many tries per process. Both are acceptable for a brake on guessing (passwords are
//! hashed with argon2, links carry 256 random bits); nothing a user relies on lives here.
//! The map is bounded: at most `max_keys` keys, the expired ones dropped first, then the one
//! whose last failure is oldest, so a spray of distinct keys cannot grow it without end.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The default hard cap on remembered keys (a few hundred kilobytes at most).
pub const MAX_KEYS: usize = 10_000;

#[derive(Debug)]
pub struct LoginLimiter {
    max_failures: usize,
    window: Duration,
    max_keys: usize,
    failures: Mutex<HashMap<String, Vec<Instant>>>,
}

impl LoginLimiter {
    pub fn new(max_failures: usize, window: Duration) -> Self {
        Self::with_max_keys(max_failures, window, MAX_KEYS)
    }

    /// A limiter remembering at most `max_keys` keys (at least one).
    pub fn with_max_keys(max_failures: usize, window: Duration, max_keys: usize) -> Self {
        Self {
            max_failures,
            window,
            max_keys: max_keys.max(1),
            failures: Mutex::new(HashMap::new()),
        }
    }

    /// `Err(wait)` when any of the keys has used up its attempts.
    pub fn check(&self, keys: &[String], now: Instant) -> Result<(), Duration> {
        let mut failures = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        let mut wait = Duration::ZERO;
        for key in keys {
            if let Some(times) = failures.get_mut(key) {
                times.retain(|t| now.duration_since(*t) < self.window);
                if times.len() >= self.max_failures {
                    let oldest = times[times.len() - self.max_failures];
                    wait = wait.max(self.window - now.duration_since(oldest));
                }
            }
        }
        if wait.is_zero() { Ok(()) } else { Err(wait) }
    }

    pub fn record_failure(&self, keys: &[String], now: Instant) {
        let mut failures = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        for key in keys {
            if !failures.contains_key(key) && failures.len() >= self.max_keys {
                self.make_room(&mut failures, now);
            }
            let times = failures.entry(key.clone()).or_default();
            times.retain(|t| now.duration_since(*t) < self.window);
            // More than `max_failures` times say nothing more; keep the newest.
            if times.len() >= self.max_failures.max(1) {
                times.remove(0);
            }
            times.push(now);
        }
    }

    pub fn record_success(&self, keys: &[String]) {
        let mut failures = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        for key in keys {
            failures.remove(key);
        }
    }

    /// How many keys are remembered (for tests of the bound).
    pub fn len(&self) -> usize {
        self.failures
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Drops expired keys; if none were, the key whose last failure is oldest.
    fn make_room(&self, failures: &mut HashMap<String, Vec<Instant>>, now: Instant) {
        failures.retain(|_, times| times.iter().any(|t| now.duration_since(*t) < self.window));
        if failures.len() < self.max_keys {
            return;
        }
        let oldest = failures
            .iter()
            .min_by_key(|(_, times)| times.last().copied())
            .map(|(key, _)| key.clone());
        if let Some(oldest) = oldest {
            failures.remove(&oldest);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(email: &str) -> Vec<String> {
        vec![format!("email:{email}"), "ip:127.0.0.1".to_owned()]
    }

    #[test]
    fn blocks_after_the_limit_and_recovers_after_the_window() {
        let limiter = LoginLimiter::new(3, Duration::from_secs(60));
        let t0 = Instant::now();
        for i in 0..3 {
            assert!(limiter.check(&keys("a@b.nl"), t0).is_ok(), "attempt {i}");
            limiter.record_failure(&keys("a@b.nl"), t0);
        }
        let wait = limiter.check(&keys("a@b.nl"), t0).unwrap_err();
        assert_eq!(wait, Duration::from_secs(60));
        // The client address is blocked for other emails too.
        assert!(limiter.check(&keys("c@d.nl"), t0).is_err());
        assert!(
            limiter
                .check(&keys("a@b.nl"), t0 + Duration::from_secs(61))
                .is_ok()
        );
    }

    #[test]
    fn success_clears_the_count() {
        let limiter = LoginLimiter::new(2, Duration::from_secs(60));
        let t0 = Instant::now();
        limiter.record_failure(&keys("a@b.nl"), t0);
        limiter.record_success(&keys("a@b.nl"));
        limiter.record_failure(&keys("a@b.nl"), t0);
        assert!(limiter.check(&keys("a@b.nl"), t0).is_ok());
    }

    #[test]
    fn the_map_is_bounded_and_forgets_the_oldest_first() {
        let limiter = LoginLimiter::with_max_keys(2, Duration::from_secs(60), 100);
        let t0 = Instant::now();
        let key = |i: usize| vec![format!("link:{i}")];
        limiter.record_failure(&key(0), t0);
        limiter.record_failure(&key(0), t0);
        assert!(limiter.check(&key(0), t0).is_err());
        for i in 1..1000 {
            limiter.record_failure(&key(i), t0 + Duration::from_millis(i as u64));
        }
        assert!(limiter.len() <= 100, "{} keys", limiter.len());
        assert!(
            limiter.check(&key(0), t0).is_ok(),
            "the oldest key made room"
        );
        limiter.record_failure(&key(998), t0 + Duration::from_secs(1));
        assert!(
            limiter
                .check(&key(998), t0 + Duration::from_secs(1))
                .is_err()
        );
    }

    #[test]
    fn expired_keys_make_room_before_live_ones() {
        let limiter = LoginLimiter::with_max_keys(1, Duration::from_secs(60), 2);
        let t0 = Instant::now();
        limiter.record_failure(&["old".to_owned()], t0);
        let later = t0 + Duration::from_secs(30);
        limiter.record_failure(&["live".to_owned()], later);
        limiter.record_failure(&["new".to_owned()], t0 + Duration::from_secs(61));
        assert_eq!(limiter.len(), 2);
        assert!(
            limiter
                .check(&["live".to_owned()], t0 + Duration::from_secs(61))
                .is_err(),
            "the live key stayed"
        );
    }
}
