//! The server's clock, read in one place.

/// Seconds since the Unix epoch: the one clock the storage layer is given.
pub fn unix_now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}
