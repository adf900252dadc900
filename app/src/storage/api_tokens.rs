//! Personal API tokens: stored as a hash, with a name and the time of last use.

use sqlx::Row;

use super::{Db, StorageError};
use crate::domain::account::{CurrentUser, Role};

/// A token as its owner sees it in the list (never the token itself).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ApiTokenInfo {
    pub id: String,
    pub name: String,
    pub created_at: i64,
    pub last_used_at: Option<i64>,
}

impl Db {
    /// Stores a new token's hash for an account; returns the token's id.
    pub async fn create_api_token(
        &self,
        account_id: &str,
        name: &str,
        token_hash: &str,
        now: i64,
    ) -> Result<String, StorageError> {
        let id = super::new_id();
        sqlx::query(
            "INSERT INTO api_tokens (id, account_id, name, token_hash, created_at) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(&id)
        .bind(account_id)
        .bind(name)
        .bind(token_hash)
        .bind(now)
        .execute(self.pool())
        .await?;
        Ok(id)
    }

    /// An account's tokens that are not revoked, newest first.
    pub async fn list_api_tokens(
        &self,
        account_id: &str,
    ) -> Result<Vec<ApiTokenInfo>, StorageError> {
        let rows = sqlx::query(
            "SELECT id, name, created_at, last_used_at FROM api_tokens \
             WHERE account_id = $1 AND revoked_at IS NULL ORDER BY created_at DESC, id",
        )
        .bind(account_id)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|row| {
                Ok(ApiTokenInfo {
                    id: row.try_get("id")?,
                    name: row.try_get("name")?,
                    created_at: row.try_get("created_at")?,
                    last_used_at: row.try_get("last_used_at")?,
                })
            })
            .collect()
    }

    /// Revokes one of an account's tokens; true when it was active.
    pub async fn revoke_api_token(
        &self,
        account_id: &str,
        token_id: &str,
        now: i64,
    ) -> Result<bool, StorageError> {
        let changed = sqlx::query(
            "UPDATE api_tokens SET revoked_at = $3 \
             WHERE id = $1 AND account_id = $2 AND revoked_at IS NULL",
        )
        .bind(token_id)
        .bind(account_id)
        .bind(now)
        .execute(self.pool())
        .await?
        .rows_affected();
        Ok(changed == 1)
    }

    /// The active account behind a token hash, recording the use. Revoked tokens and
    /// deactivated accounts open nothing.
    pub async fn api_token_user(
        &self,
        token_hash: &str,
        now: i64,
    ) -> Result<Option<CurrentUser>, StorageError> {
        let row = sqlx::query(
            "SELECT t.id AS token_id, a.id, a.email, a.role FROM api_tokens t \
             JOIN accounts a ON a.id = t.account_id \
             WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND a.active = 1",
        )
        .bind(token_hash)
        .fetch_optional(self.pool())
        .await?;
        let Some(row) = row else { return Ok(None) };
        let token_id: String = row.try_get("token_id")?;
        // Last use to the minute is enough, and spares a write per request.
        sqlx::query(
            "UPDATE api_tokens SET last_used_at = $2 WHERE id = $1 \
             AND (last_used_at IS NULL OR last_used_at < $3)",
        )
        .bind(&token_id)
        .bind(now)
        .bind(now - 60)
        .execute(self.pool())
        .await?;
        let role: String = row.try_get("role")?;
        Ok(Some(CurrentUser {
            id: row.try_get("id")?,
            email: row.try_get("email")?,
            role: match role.as_str() {
                "admin" => Role::Admin,
                "organiser" => Role::Organiser,
                other => return Err(StorageError::Corrupt(format!("role {other}"))),
            },
        }))
    }
}
