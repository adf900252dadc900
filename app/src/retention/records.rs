//! Until when a conversation record is kept, approved or not, as the job and the scan page need
//! it: approved, its `keep_until`; not approved, its type's `retention_months` after its last
//! change (`domain::conversation::retention::record_keep_until`). The months are the type
//! version's the record was made with, looked up once per version.

use std::collections::HashMap;

use crate::domain::conversation::record_keep_until;
use crate::storage::retention::RecordRetentionLine;
use crate::storage::{Db, StorageError};

/// The months of a type that cannot be found any more, as the approval counts them
/// (`conversations::service`): the secretary's 36 (seed 001 K).
pub const UNKNOWN_TYPE_MONTHS: u32 = 36;

/// Dates of records, with the months of each type version they use.
pub struct RecordDates<'a> {
    db: &'a Db,
    months: HashMap<(String, i64), u32>,
}

impl<'a> RecordDates<'a> {
    pub fn new(db: &'a Db) -> Self {
        Self {
            db,
            months: HashMap::new(),
        }
    }

    /// The months a record of `type_id` version `type_version` is kept.
    pub async fn months(&mut self, type_id: &str, type_version: i64) -> Result<u32, StorageError> {
        let key = (type_id.to_owned(), type_version);
        if let Some(&months) = self.months.get(&key) {
            return Ok(months);
        }
        let version = u32::try_from(type_version).ok();
        let months = crate::conversations::types::find(self.db, type_id, version)
            .await?
            .map_or(UNKNOWN_TYPE_MONTHS, |known| {
                known.conversation_type.retention_months
            });
        self.months.insert(key, months);
        Ok(months)
    }

    /// Until when the record is kept (the end of that Dutch day).
    pub async fn kept_until(&mut self, line: &RecordRetentionLine) -> Result<i64, StorageError> {
        if let Some(until) = line.keep_until {
            return Ok(until);
        }
        let months = self.months(&line.type_id, line.type_version).await?;
        Ok(record_keep_until(None, line.updated_at, months))
    }

    /// The dates of `lines`, in order.
    pub async fn all(&mut self, lines: &[RecordRetentionLine]) -> Result<Vec<i64>, StorageError> {
        let mut out = Vec::with_capacity(lines.len());
        for line in lines {
            out.push(self.kept_until(line).await?);
        }
        Ok(out)
    }
}
