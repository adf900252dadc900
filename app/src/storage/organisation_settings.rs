//! The organisation's settings (issue 21): one row per key in `organisation_settings`, the
//! value as text that the service owning the key parses (with its own default when the row is
//! missing). Written with an upsert that SQLite and PostgreSQL both understand.

use sqlx::Row;

use super::{Db, StorageError};

impl Db {
    /// The stored value of `key`, `None` when it was never set.
    pub async fn organisation_setting(&self, key: &str) -> Result<Option<String>, StorageError> {
        let row = sqlx::query("SELECT value FROM organisation_settings WHERE key = $1")
            .bind(key)
            .fetch_optional(self.pool())
            .await?;
        Ok(row.map(|row| row.try_get("value")).transpose()?)
    }

    /// Sets `key` to `value` (inserted or replaced).
    pub async fn set_organisation_setting(
        &self,
        key: &str,
        value: &str,
        now: i64,
    ) -> Result<(), StorageError> {
        sqlx::query(
            "INSERT INTO organisation_settings (key, value, updated_at) VALUES ($1, $2, $3) \
             ON CONFLICT (key) DO UPDATE SET value = excluded.value, \
             updated_at = excluded.updated_at",
        )
        .bind(key)
        .bind(value)
        .bind(now)
        .execute(self.pool())
        .await?;
        Ok(())
    }
}
