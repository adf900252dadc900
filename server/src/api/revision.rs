//! A resource's revision on the wire: answered as a strong `ETag` (`"7"`), sent back as
//! `If-Match` so a change is made only from the revision the client read.

use axum::http::header::IF_MATCH;
use axum::http::{HeaderMap, HeaderValue};

/// The revision as an `ETag` value.
pub fn etag(revision: i64) -> HeaderValue {
    HeaderValue::from_str(&format!("\"{revision}\"")).expect("digits are a valid header")
}

/// The revision `If-Match` names, if it is sent. A value that is no revision matches none (the
/// service then answers stale, after deciding whether the resource exists for the caller).
pub fn expected_revision(headers: &HeaderMap) -> Option<i64> {
    let value = headers.get(IF_MATCH)?;
    Some(
        value
            .to_str()
            .ok()
            .map(|v| v.trim().trim_start_matches("W/").trim_matches('"'))
            .and_then(|v| v.parse().ok())
            .unwrap_or(i64::MIN),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn if_match_reads_strong_weak_and_bare_revisions_and_nothing_else() {
        let with = |value: &str| {
            let mut headers = HeaderMap::new();
            headers.insert(IF_MATCH, HeaderValue::from_str(value).unwrap());
            expected_revision(&headers)
        };
        assert_eq!(with("\"7\""), Some(7));
        assert_eq!(with("W/\"7\""), Some(7));
        assert_eq!(with("7"), Some(7));
        assert_eq!(with("\"x\""), Some(i64::MIN));
        assert_eq!(expected_revision(&HeaderMap::new()), None);
        assert_eq!(etag(12), "\"12\"");
    }
}
