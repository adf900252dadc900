//! Personal links to a conversation record, for parties without an account (`/g/<token>`).
//!
//! A link is made the way the reader's account invitation is (issue 20): every message that
//! carries one names a fresh key (`conversation-link:` + 256 random bits from the OS-seeded
//! generator, `auth::token::new_token`), and the token is HMAC-SHA256(server link secret, key):
//! 64 hex characters, 256 bits nobody can compute without the secret. The outbox keeps the
//! key and a placeholder in the bodies; the worker puts the token into the message only when it
//! sends it ([`crate::email::PersonalLink`]) and then blanks the key. The database keeps only
//! the token's SHA-256 (`conversation_links.token_hash`), so a copy of the database (or of its
//! WAL) opens no record. A link works for 30 days after it was made.

use sqlx::AnyConnection;

use crate::auth::token::{hash_token, looks_like_token, new_token};
use crate::email::{LINK_TOKEN_PLACEHOLDER, PersonalLink};
use crate::scans::mail::LinkMaker;
use crate::storage::StorageError;
use crate::storage::conversations::insert_link_in;

/// How long a personal link works: 30 days from when it was made (and mailed).
pub const LINK_TTL_SECS: i64 = 30 * 86_400;

/// The cookie the link's route sets (HttpOnly, SameSite=Lax, Path=/: server functions post elsewhere), holding the
/// token, so the record's pages know the visitor without putting the token in their address.
pub const LINK_COOKIE: &str = "ontwikkelscan_gesprek";

/// The path of a personal link.
pub fn link_path(token: &str) -> String {
    format!("/g/{token}")
}

/// The path of a record's page.
pub fn record_path(conversation_id: &str) -> String {
    format!("/gesprekken/{conversation_id}")
}

/// A personal link for one message: the key the outbox keeps, and the address with the
/// placeholder the worker replaces by the token.
#[derive(Debug, Clone)]
pub struct IssuedLink {
    pub link: PersonalLink,
    pub url: String,
}

/// Makes a personal link for `party_id`, storing only its token's hash, in the caller's
/// transaction. The token exists only as HMAC(secret, key) until the worker sends the message.
pub async fn issue_in(
    conn: &mut AnyConnection,
    links: &LinkMaker<'_>,
    party_id: &str,
    now: i64,
) -> Result<IssuedLink, StorageError> {
    let link = PersonalLink {
        invitation_id: format!("conversation-link:{}", new_token()),
        generation: 0,
    };
    let token = links.secret.token(&link.invitation_id, link.generation);
    insert_link_in(
        conn,
        &hash_token(&token),
        party_id,
        now,
        now + LINK_TTL_SECS,
    )
    .await?;
    let base = links.base_url.trim_end_matches('/');
    Ok(IssuedLink {
        link,
        url: format!("{base}{}", link_path(LINK_TOKEN_PLACEHOLDER)),
    })
}

/// The hash to look a presented token up by, or `None` for anything that cannot be a token
/// (refused before any database lookup).
pub fn lookup_hash(token: &str) -> Option<String> {
    looks_like_token(token).then(|| hash_token(token))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_well_formed_tokens_are_looked_up() {
        assert!(lookup_hash("abc").is_none());
        assert!(lookup_hash(&"A".repeat(64)).is_none());
        let token = new_token();
        let hash = lookup_hash(&token).unwrap();
        assert_eq!(hash.len(), 64);
        assert_ne!(hash, token);
    }

    #[test]
    fn paths() {
        assert_eq!(link_path("t"), "/g/t");
        assert_eq!(record_path("c1"), "/gesprekken/c1");
    }
}
