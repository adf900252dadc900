//! One-time codes of the first-run setup (see `crate::auth::setup_code`); only their hashes.

use super::{Db, StorageError};

impl Db {
    pub async fn add_setup_code(&self, code_hash: &str, now: i64) -> Result<(), StorageError> {
        sqlx::query("INSERT INTO setup_codes (code_hash, created_at) VALUES ($1, $2)")
            .bind(code_hash)
            .bind(now)
            .execute(self.pool())
            .await?;
        Ok(())
    }
}
