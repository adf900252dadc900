//! Personal scan links. The token in a link is HMAC-SHA256(server secret, invitation id and
//! link generation): 256 bits nobody can guess without the secret, and the same link every time
//! the server mails it, so a reminder carries the link of the invitation. The database stores
//! only the token's SHA-256 (see [`super::token::hash_token`]); the secret is derived from the
//! server's SECRET_KEY (an environment variable or a file in the data directory, never the
//! database), so a copy of the database opens no questionnaire. Revoking and re-sending moves to the next generation: a new link.

use hmac::{Hmac, KeyInit, Mac};
use rand::RngCore;
use sha2::Sha256;

/// The server secret links are derived from.
#[derive(Clone)]
pub struct LinkSecret([u8; 32]);

impl std::fmt::Debug for LinkSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("LinkSecret(..)")
    }
}

impl LinkSecret {
    /// A fresh random secret (tests, tools).
    pub fn generate() -> Self {
        let mut bytes = [0u8; 32];
        rand::rng().fill_bytes(&mut bytes);
        Self(bytes)
    }

    /// The link secret belonging to a server secret key: a separate key per purpose, so the
    /// link secret reveals nothing about the key it came from.
    pub fn derive(secret_key: &str) -> Self {
        use sha2::Digest;
        let mut hasher = Sha256::new();
        hasher.update(b"ontwikkelscan link secret v1\0");
        hasher.update(secret_key.as_bytes());
        Self(hasher.finalize().into())
    }

    /// The token of an invitation's link in a generation: 64 lowercase hex characters, the
    /// same shape as every other token (see [`super::token::looks_like_token`]).
    pub fn token(&self, invitation_id: &str, generation: i64) -> String {
        let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(&self.0)
            .expect("HMAC accepts keys of any length");
        mac.update(b"ontwikkelscan scan link v1\0");
        mac.update(invitation_id.as_bytes());
        mac.update(b"\0");
        mac.update(&generation.to_be_bytes());
        hex::encode(mac.finalize().into_bytes())
    }

    /// The marker that records that an invitation has submitted: HMAC(secret, invitation id).
    /// Stored instead of a `submitted_at` on the invitation, so a submission writes nothing that
    /// names the invitation; only the server, holding the secret, can tell whose marker it is.
    /// Stable across link generations: revoking and re-sending a link does not reopen it.
    pub fn submission_marker(&self, invitation_id: &str) -> String {
        let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(&self.0)
            .expect("HMAC accepts keys of any length");
        mac.update(b"ontwikkelscan submission marker v1\0");
        mac.update(invitation_id.as_bytes());
        hex::encode(mac.finalize().into_bytes())
    }
}

/// The path of a personal link, appended to the public base address.
pub fn link_path(token: &str) -> String {
    format!("/s/{token}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::token::looks_like_token;

    #[test]
    fn tokens_are_stable_per_generation_and_differ_otherwise() {
        let secret = LinkSecret::generate();
        let a = secret.token("inv-1", 0);
        assert!(looks_like_token(&a));
        assert_eq!(
            a,
            secret.token("inv-1", 0),
            "a reminder carries the same link"
        );
        assert_ne!(a, secret.token("inv-1", 1), "a re-sent revoked link is new");
        assert_ne!(a, secret.token("inv-2", 0));
        assert_ne!(
            a,
            LinkSecret::generate().token("inv-1", 0),
            "other secret, other link"
        );
    }

    #[test]
    fn the_secret_is_derived_from_the_server_key_and_never_printed() {
        let key = "een-geheime-sleutel-van-minstens-32-tekens";
        let a = LinkSecret::derive(key);
        assert_eq!(
            a.token("x", 3),
            LinkSecret::derive(key).token("x", 3),
            "stable per key"
        );
        assert_ne!(
            a.token("x", 3),
            LinkSecret::derive("een andere sleutel").token("x", 3)
        );
        assert_eq!(format!("{a:?}"), "LinkSecret(..)");
    }

    #[test]
    fn submission_markers_are_keyed_per_invitation_and_unlike_links() {
        let secret = LinkSecret::generate();
        let marker = secret.submission_marker("inv-1");
        assert_eq!(marker, secret.submission_marker("inv-1"));
        assert_ne!(marker, secret.submission_marker("inv-2"));
        assert_ne!(marker, LinkSecret::generate().submission_marker("inv-1"));
        assert!(!marker.contains("inv-1"));
        for generation in 0..3 {
            assert_ne!(marker, secret.token("inv-1", generation));
        }
    }
}
