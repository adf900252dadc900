use sqlx::Row;

use super::{Db, StorageError};
use crate::domain::catalog::Framework;
use crate::domain::questionnaire::Questionnaire;
use crate::domain::scan::ValidScan;

/// Where a stored framework came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FrameworkOrigin {
    Builtin,
    Import,
}

impl FrameworkOrigin {
    fn as_str(self) -> &'static str {
        match self {
            FrameworkOrigin::Builtin => "builtin",
            FrameworkOrigin::Import => "import",
        }
    }
}

/// What storing a framework did. Existing versions are never overwritten.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreOutcome {
    /// A new id, or a version newer than any stored.
    Stored,
    /// This exact version with this exact content is already there.
    Unchanged,
    /// This version exists with different content: the file must raise its version.
    VersionExists { latest: u32 },
    /// A newer version is already stored.
    Outdated { latest: u32 },
}

impl Db {
    /// Stores a (validated) framework unless that would change or shadow what is there.
    pub async fn store_framework(
        &self,
        framework: &Framework,
        content_json: &str,
        origin: FrameworkOrigin,
        now: i64,
    ) -> Result<StoreOutcome, StorageError> {
        let mut tx = self.begin().await?;
        let latest = sqlx::query(
            "SELECT version, content FROM frameworks WHERE id = $1 ORDER BY version DESC LIMIT 1",
        )
        .bind(&framework.id)
        .fetch_optional(&mut *tx)
        .await?;
        if let Some(row) = latest {
            let version = row.try_get::<i64, _>("version")? as u32;
            let content: String = row.try_get("content")?;
            if version > framework.version {
                return Ok(StoreOutcome::Outdated { latest: version });
            }
            if version == framework.version {
                let same = serde_json::from_str::<Framework>(&content)
                    .map(|stored| &stored == framework)
                    .unwrap_or(false);
                return Ok(if same {
                    StoreOutcome::Unchanged
                } else {
                    StoreOutcome::VersionExists { latest: version }
                });
            }
        }
        sqlx::query(
            "INSERT INTO frameworks (id, version, name, content, origin, loaded_at) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(&framework.id)
        .bind(i64::from(framework.version))
        .bind(&framework.name)
        .bind(content_json)
        .bind(origin.as_str())
        .bind(now)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(StoreOutcome::Stored)
    }

    /// The newest version of every framework, ordered by name.
    pub async fn latest_frameworks(&self) -> Result<Vec<Framework>, StorageError> {
        let rows = sqlx::query(
            "SELECT f.content FROM frameworks f \
             WHERE f.version = (SELECT MAX(g.version) FROM frameworks g WHERE g.id = f.id) \
             ORDER BY f.name",
        )
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(decode).collect()
    }

    /// One stored framework version, shared: parsed once per process (versions never change).
    pub async fn framework_version(
        &self,
        id: &str,
        version: u32,
    ) -> Result<Option<std::sync::Arc<Framework>>, StorageError> {
        let key = (id.to_owned(), version);
        if let Some(found) = self.framework_cache.get(&key) {
            return Ok(Some(found));
        }
        let Some(framework) = self.find_framework(id, Some(version)).await? else {
            return Ok(None);
        };
        let shared = std::sync::Arc::new(framework);
        self.framework_cache.put(key, shared.clone());
        Ok(Some(shared))
    }

    /// The questionnaire `scan` asks (in the first person for the self group), built once per
    /// framework version and choice of the scan; `None` when the scan's framework is missing.
    pub async fn questionnaire(
        &self,
        scan: &ValidScan,
        first_person: bool,
    ) -> Result<Option<std::sync::Arc<Questionnaire>>, StorageError> {
        let framework = self
            .framework_version(&scan.framework_id, scan.framework_version)
            .await?;
        Ok(framework.map(|framework| {
            self.questionnaire_cache
                .get_or_build(&framework, scan, first_person)
        }))
    }

    /// One framework: the given version, or the newest when `version` is `None`.
    pub async fn find_framework(
        &self,
        id: &str,
        version: Option<u32>,
    ) -> Result<Option<Framework>, StorageError> {
        let row =
            match version {
                Some(v) => {
                    sqlx::query("SELECT content FROM frameworks WHERE id = $1 AND version = $2")
                        .bind(id)
                        .bind(i64::from(v))
                        .fetch_optional(self.pool())
                        .await?
                }
                None => sqlx::query(
                    "SELECT content FROM frameworks WHERE id = $1 ORDER BY version DESC LIMIT 1",
                )
                .bind(id)
                .fetch_optional(self.pool())
                .await?,
            };
        row.as_ref().map(decode).transpose()
    }

    pub async fn count_framework_versions(&self) -> Result<i64, StorageError> {
        let row = sqlx::query("SELECT COUNT(*) AS n FROM frameworks")
            .fetch_one(self.pool())
            .await?;
        Ok(row.try_get::<i64, _>("n")?)
    }
}

fn decode(row: &sqlx::any::AnyRow) -> Result<Framework, StorageError> {
    let content: String = row.try_get("content")?;
    serde_json::from_str(&content).map_err(|e| {
        StorageError::Database(sqlx::Error::Decode(
            format!("stored framework is not valid JSON: {e}").into(),
        ))
    })
}

/// Parsed framework versions by (id, version).
type FrameworkMap = std::collections::HashMap<(String, u32), std::sync::Arc<Framework>>;

/// See [`Db::framework_version`].
#[derive(Clone, Debug, Default)]
pub struct FrameworkCache(std::sync::Arc<std::sync::RwLock<FrameworkMap>>);

impl FrameworkCache {
    fn get(&self, key: &(String, u32)) -> Option<std::sync::Arc<Framework>> {
        self.0
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .get(key)
            .cloned()
    }

    fn put(&self, key: (String, u32), framework: std::sync::Arc<Framework>) {
        let mut map = self.0.write().unwrap_or_else(|e| e.into_inner());
        // A handful of frameworks in practice; a bound against a flood of imports.
        if map.len() >= 256 {
            map.clear();
        }
        map.insert(key, framework);
    }
}
