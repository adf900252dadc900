//! Login rate limit: after `max_failures` failed attempts for one email address or from one
//! client address within `window`, further attempts are refused until the window has passed.
//! Kept in memory: a restart forgives, which is acceptable for a brute-force brake.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

#[derive(Debug)]
pub struct LoginLimiter {
    max_failures: usize,
    window: Duration,
    failures: Mutex<HashMap<String, Vec<Instant>>>,
}

impl LoginLimiter {
    pub fn new(max_failures: usize, window: Duration) -> Self {
        Self {
            max_failures,
            window,
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
        // Bound memory under a spray of distinct keys: drop entries whose window has passed.
        if failures.len() > 10_000 {
            failures.retain(|_, times| times.iter().any(|t| now.duration_since(*t) < self.window));
        }
        for key in keys {
            failures.entry(key.clone()).or_default().push(now);
        }
    }

    pub fn record_success(&self, keys: &[String]) {
        let mut failures = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        for key in keys {
            failures.remove(key);
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
}
