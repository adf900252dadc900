//! Imported conversation types: the file text per id and version, exactly as uploaded.
//!
//! The shipped types are compiled in and never stored here. A stored version never changes (a
//! record names the type version it was made with), so storing refuses to overwrite; the
//! service decides what counts as the same content (it parses both texts).

use sqlx::Row;

use super::{Db, StorageError};

/// One stored type version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredTypeText {
    pub id: String,
    pub version: u32,
    /// The TOML file as it was imported (validated at import).
    pub source_text: String,
    /// The id of the administrator account that imported it.
    pub imported_by: Option<String>,
    pub imported_at: i64,
}

impl Db {
    /// Inserts one type version. `Ok(false)` when this id and version are already stored
    /// (nothing is changed then; the caller compares contents).
    pub async fn insert_conversation_type(
        &self,
        id: &str,
        version: u32,
        source_text: &str,
        imported_by: Option<&str>,
        now: i64,
    ) -> Result<bool, StorageError> {
        let mut tx = self.begin().await?;
        let exists =
            sqlx::query("SELECT 1 AS one FROM conversation_types WHERE id = $1 AND version = $2")
                .bind(id)
                .bind(i64::from(version))
                .fetch_optional(&mut *tx)
                .await?
                .is_some();
        if exists {
            return Ok(false);
        }
        sqlx::query(
            "INSERT INTO conversation_types (id, version, source_text, imported_by, imported_at) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(id)
        .bind(i64::from(version))
        .bind(source_text)
        .bind(imported_by)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(true)
    }

    /// The newest stored version of every imported type, by id.
    pub async fn latest_conversation_types(&self) -> Result<Vec<StoredTypeText>, StorageError> {
        let rows = sqlx::query(
            "SELECT t.id, t.version, t.source_text, t.imported_by, t.imported_at \
             FROM conversation_types t \
             WHERE t.version = (SELECT MAX(u.version) FROM conversation_types u WHERE u.id = t.id) \
             ORDER BY t.id",
        )
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(decode).collect()
    }

    /// One stored type: the given version, or the newest when `version` is `None`.
    pub async fn find_conversation_type(
        &self,
        id: &str,
        version: Option<u32>,
    ) -> Result<Option<StoredTypeText>, StorageError> {
        let row = match version {
            Some(v) => {
                sqlx::query(
                    "SELECT id, version, source_text, imported_by, imported_at \
                     FROM conversation_types WHERE id = $1 AND version = $2",
                )
                .bind(id)
                .bind(i64::from(v))
                .fetch_optional(self.pool())
                .await?
            }
            None => {
                sqlx::query(
                    "SELECT id, version, source_text, imported_by, imported_at \
                     FROM conversation_types WHERE id = $1 ORDER BY version DESC LIMIT 1",
                )
                .bind(id)
                .fetch_optional(self.pool())
                .await?
            }
        };
        row.as_ref().map(decode).transpose()
    }

    /// How many type versions are stored (all ids).
    pub async fn count_conversation_type_versions(&self) -> Result<i64, StorageError> {
        let row = sqlx::query("SELECT COUNT(*) AS n FROM conversation_types")
            .fetch_one(self.pool())
            .await?;
        Ok(row.try_get::<i64, _>("n")?)
    }
}

fn decode(row: &sqlx::any::AnyRow) -> Result<StoredTypeText, StorageError> {
    Ok(StoredTypeText {
        id: row.try_get("id")?,
        version: row.try_get::<i64, _>("version")? as u32,
        source_text: row.try_get("source_text")?,
        imported_by: row.try_get("imported_by")?,
        imported_at: row.try_get("imported_at")?,
    })
}
