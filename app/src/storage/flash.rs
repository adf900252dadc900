//! Flash entries (see `crate::flash`): stored bound to a session's hash, taken once.

use sqlx::Row;

use super::{Db, StorageError};

impl Db {
    /// Stores a flash entry and removes every expired one (there is no other sweeper: each
    /// entry lives ten minutes at most, so the table stays small).
    pub async fn put_flash(
        &self,
        key: &str,
        session_hash: &str,
        payload: &str,
        now: i64,
        expires_at: i64,
    ) -> Result<(), StorageError> {
        sqlx::query("DELETE FROM flash_entries WHERE expires_at <= $1")
            .bind(now)
            .execute(self.pool())
            .await?;
        sqlx::query(
            "INSERT INTO flash_entries (flash_key, session_hash, payload, expires_at) \
             VALUES ($1, $2, $3, $4)",
        )
        .bind(key)
        .bind(session_hash)
        .bind(payload)
        .bind(expires_at)
        .execute(self.pool())
        .await?;
        Ok(())
    }

    /// The payload under `key` if this session stored it and it has not expired, deleted in
    /// the same statement, so two simultaneous reads cannot both get it. A key of another
    /// session is left alone (and shows nothing).
    pub async fn take_flash(
        &self,
        key: &str,
        session_hash: &str,
        now: i64,
    ) -> Result<Option<String>, StorageError> {
        let row = sqlx::query(
            "DELETE FROM flash_entries \
             WHERE flash_key = $1 AND session_hash = $2 AND expires_at > $3 \
             RETURNING payload",
        )
        .bind(key)
        .bind(session_hash)
        .bind(now)
        .fetch_optional(self.pool())
        .await?;
        Ok(match row {
            Some(row) => Some(row.try_get::<String, _>("payload")?),
            None => None,
        })
    }

    /// The payload under `key` for this session, left in place (see `flash::take_in_server_fn_as`).
    pub async fn peek_flash(
        &self,
        key: &str,
        session_hash: &str,
        now: i64,
    ) -> Result<Option<String>, StorageError> {
        let row = sqlx::query(
            "SELECT payload FROM flash_entries \
             WHERE flash_key = $1 AND session_hash = $2 AND expires_at > $3",
        )
        .bind(key)
        .bind(session_hash)
        .bind(now)
        .fetch_optional(self.pool())
        .await?;
        Ok(match row {
            Some(row) => Some(row.try_get::<String, _>("payload")?),
            None => None,
        })
    }
}
