//! The one-time code that opens the first-run setup page. Without it, whoever reaches a fresh
//! server first would become its administrator. The server prints a code on start while no
//! account exists (and `server setup-code` prints a new one); the database keeps only its hash,
//! so every server process on one database accepts it, and using it deletes it.

use rand::Rng;
use sha2::{Digest, Sha256};

use crate::storage::{Db, StorageError};

/// Letters and digits that cannot be mistaken for one another (no I, L, O, U, 0, 1).
const ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTVWXYZ23456789";

/// A new code: 20 characters in groups of four (about 98 random bits), e.g. `K7QX-…`.
pub fn new_code() -> String {
    let mut rng = rand::rng();
    let chars: Vec<char> = (0..20)
        .map(|_| ALPHABET[rng.random_range(0..ALPHABET.len())] as char)
        .collect();
    chars
        .chunks(4)
        .map(|group| group.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join("-")
}

/// What the database keeps of a code as typed: case, spaces and dashes do not matter.
pub fn hash_code(typed: &str) -> String {
    let normalised: String = typed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| c.to_ascii_uppercase())
        .collect();
    hex::encode(Sha256::digest(normalised.as_bytes()))
}

/// A new code for the setup page, or `None` once an account exists (setup is closed).
pub async fn issue(db: &Db, now: i64) -> Result<Option<String>, StorageError> {
    if db.any_account().await? {
        return Ok(None);
    }
    let code = new_code();
    db.add_setup_code(&hash_code(&code), now).await?;
    Ok(Some(code))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_random_readable_and_forgiving_to_type() {
        let code = new_code();
        assert_eq!(code.len(), 24, "{code}");
        assert_eq!(code.matches('-').count(), 4);
        assert_ne!(code, new_code());
        let typed = format!(" {} ", code.to_lowercase().replace('-', " "));
        assert_eq!(hash_code(&typed), hash_code(&code));
        assert_ne!(hash_code(&code), hash_code(&new_code()));
        assert_ne!(hash_code(&code), code);
    }
}
