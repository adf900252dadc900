//! Sealed drafts. A respondent's unsent answers are kept under an id and encrypted with a key,
//! both derived from their link token alone. The database keeps only the token's SHA-256, from
//! which neither can be computed, so whoever holds the database, a backup or its WAL can neither
//! read a draft nor tell whose it is. Only the respondent's link (and the server, which can
//! derive any link from its secret key) opens it.
//!
//! The cipher is XChaCha20-Poly1305 with a random 192-bit nonce per save (random nonces of that
//! size do not collide in practice); the scan id and the draft id are bound in as associated data,
//! so a sealed draft copied to another row or scan does not open.

use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use hmac::{Hmac, Mac};
use rand::RngCore;
use sha2::Sha256;

const NONCE_LEN: usize = 24;

/// The id and key of one link's draft.
#[derive(Clone)]
pub struct DraftSeal {
    id: String,
    key: [u8; 32],
}

impl std::fmt::Debug for DraftSeal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DraftSeal")
            .field("id", &self.id)
            .finish_non_exhaustive()
    }
}

/// A stored draft that did not open: tampered with, or sealed for another link or scan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("a sealed draft did not open")]
pub struct BrokenSeal;

fn derive(token: &str, purpose: &[u8]) -> [u8; 32] {
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(token.as_bytes())
        .expect("HMAC accepts keys of any length");
    mac.update(purpose);
    mac.finalize().into_bytes().into()
}

impl DraftSeal {
    /// The seal of the draft behind a link token.
    pub fn for_token(token: &str) -> Self {
        Self {
            id: hex::encode(derive(token, b"ontwikkelscan draft id v1")),
            key: derive(token, b"ontwikkelscan draft key v1"),
        }
    }

    /// The row id the draft is stored under.
    pub fn id(&self) -> &str {
        &self.id
    }

    fn cipher(&self) -> XChaCha20Poly1305 {
        XChaCha20Poly1305::new_from_slice(&self.key).expect("a 32-byte key")
    }

    fn aad(&self, scan_id: &str) -> Vec<u8> {
        [self.id.as_bytes(), b"\0", scan_id.as_bytes()].concat()
    }

    /// `plaintext` sealed for this link and scan, as hex (nonce, then ciphertext and tag).
    pub fn seal(&self, scan_id: &str, plaintext: &str) -> String {
        let mut nonce = [0u8; NONCE_LEN];
        rand::rng().fill_bytes(&mut nonce);
        let aad = self.aad(scan_id);
        let sealed = self
            .cipher()
            .encrypt(
                &XNonce::from(nonce),
                Payload {
                    msg: plaintext.as_bytes(),
                    aad: &aad,
                },
            )
            .expect("encrypting in memory cannot fail");
        let mut out = Vec::with_capacity(NONCE_LEN + sealed.len());
        out.extend_from_slice(&nonce);
        out.extend_from_slice(&sealed);
        hex::encode(out)
    }

    /// The plaintext of a sealed draft of this link and scan.
    pub fn open(&self, scan_id: &str, sealed: &str) -> Result<String, BrokenSeal> {
        let bytes = hex::decode(sealed).map_err(|_| BrokenSeal)?;
        if bytes.len() < NONCE_LEN {
            return Err(BrokenSeal);
        }
        let (nonce, ciphertext) = bytes.split_at(NONCE_LEN);
        let nonce: [u8; NONCE_LEN] = nonce.try_into().map_err(|_| BrokenSeal)?;
        let aad = self.aad(scan_id);
        let plain = self
            .cipher()
            .decrypt(
                &XNonce::from(nonce),
                Payload {
                    msg: ciphertext,
                    aad: &aad,
                },
            )
            .map_err(|_| BrokenSeal)?;
        String::from_utf8(plain).map_err(|_| BrokenSeal)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::token::{hash_token, new_token};

    #[test]
    fn a_draft_opens_with_its_own_link_only() {
        let token = new_token();
        let seal = DraftSeal::for_token(&token);
        let sealed = seal.seal("scan-1", r#"{"comment":"vertrouwelijk"}"#);
        assert_eq!(
            DraftSeal::for_token(&token)
                .open("scan-1", &sealed)
                .unwrap(),
            r#"{"comment":"vertrouwelijk"}"#
        );
        assert_eq!(
            DraftSeal::for_token(&new_token()).open("scan-1", &sealed),
            Err(BrokenSeal),
            "another link's key"
        );
        assert_eq!(
            seal.open("scan-2", &sealed),
            Err(BrokenSeal),
            "another scan"
        );
    }

    #[test]
    fn the_stored_form_shows_nothing_of_the_text_the_token_or_its_hash() {
        let token = new_token();
        let seal = DraftSeal::for_token(&token);
        let sealed = seal.seal("scan-1", "vertrouwelijk commentaar");
        let shown = hex::encode("vertrouwelijk");
        assert!(!sealed.contains(&shown));
        assert!(!sealed.contains("vertrouwelijk"));
        assert_ne!(seal.id(), token);
        assert_ne!(seal.id(), hash_token(&token));
        assert_eq!(seal.id().len(), 64);
        assert_ne!(
            sealed,
            seal.seal("scan-1", "vertrouwelijk commentaar"),
            "a fresh nonce per save"
        );
        assert!(!format!("{seal:?}").contains(&hex::encode(seal.key)));
    }

    #[test]
    fn tampering_is_detected() {
        let seal = DraftSeal::for_token(&new_token());
        let sealed = seal.seal("s", "{}");
        let mut bytes = hex::decode(&sealed).unwrap();
        let last = bytes.len() - 1;
        bytes[last] ^= 1;
        assert_eq!(seal.open("s", &hex::encode(bytes)), Err(BrokenSeal));
        assert_eq!(seal.open("s", "zz"), Err(BrokenSeal));
        assert_eq!(seal.open("s", ""), Err(BrokenSeal));
    }
}
