//! Personal API tokens: created by a signed-in organiser or administrator (or with the command
//! line), shown once, stored as a hash, revoked at will. A token acts as its account.

use super::token;
use crate::domain::account::{CurrentUser, Email};
use crate::domain::user_error::UserError;
use crate::storage::Db;
use crate::storage::api_tokens::ApiTokenInfo;

/// Tokens start with this, so a leaked one is easy to recognise (and to search for).
pub const PREFIX: &str = "osk_";
/// Longest token name, in characters.
pub const MAX_NAME_CHARS: usize = 100;

fn internal(error: crate::storage::StorageError) -> UserError {
    tracing::error!(%error, "storage failure in the API token service");
    UserError::Internal
}

/// Creates a token named `name` for `owner`; returns the token, the only time it is seen.
pub async fn create(
    db: &Db,
    owner: &CurrentUser,
    name: &str,
    now: i64,
) -> Result<String, UserError> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > MAX_NAME_CHARS {
        return Err(UserError::BadForm);
    }
    let secret = format!("{PREFIX}{}", token::new_token());
    db.create_api_token(&owner.id, name, &token::hash_token(&secret), now)
        .await
        .map_err(internal)?;
    Ok(secret)
}

/// The owner's active tokens.
pub async fn list(db: &Db, owner: &CurrentUser) -> Result<Vec<ApiTokenInfo>, UserError> {
    db.list_api_tokens(&owner.id).await.map_err(internal)
}

/// Revokes one of the owner's tokens.
pub async fn revoke(db: &Db, owner: &CurrentUser, id: &str, now: i64) -> Result<(), UserError> {
    match db
        .revoke_api_token(&owner.id, id, now)
        .await
        .map_err(internal)?
    {
        true => Ok(()),
        false => Err(UserError::UnknownAccount),
    }
}

/// For the command line: a token for the active account with this address.
pub async fn create_for_email(
    db: &Db,
    email: &str,
    name: &str,
    now: i64,
) -> Result<String, UserError> {
    let email = Email::parse(email)?;
    let record = db
        .find_login(&email)
        .await
        .map_err(internal)?
        .ok_or(UserError::UnknownAccount)?;
    let account = db.find_account(&record.id).await.map_err(internal)?;
    match account {
        Some(account) if record.active => {
            let owner = CurrentUser {
                id: account.id,
                email: account.email,
                role: account.role,
            };
            create(db, &owner, name, now).await
        }
        _ => Err(UserError::UnknownAccount),
    }
}
