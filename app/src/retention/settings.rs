//! The organisation's scan retention period: read by everyone who needs the date (the job, the
//! scan page), changed by administrators only, between 1 and 120 months (default 36). Changing
//! it moves the date of every closed scan that is not removed yet, earlier or later: the job
//! asks the period at each run.

use thiserror::Error;

use crate::domain::account::CurrentUser;
use crate::domain::retention::{
    RetentionMonthsError, parse_retention_months, scan_kept_until, stored_retention_months,
};
use crate::storage::{Db, StorageError};

/// The key of the period in `organisation_settings`.
pub const SCAN_RETENTION_KEY: &str = "scan_retention_months";

#[derive(Debug, Error)]
pub enum RetentionSettingError {
    /// Only administrators change the organisation's settings.
    #[error("only administrators change the retention period")]
    NotAllowed,
    #[error("invalid retention period: {0:?}")]
    Invalid(RetentionMonthsError),
    #[error(transparent)]
    Storage(#[from] StorageError),
}

/// The period in months (the default when never set).
pub async fn scan_retention_months(db: &Db) -> Result<u32, StorageError> {
    Ok(stored_retention_months(
        db.organisation_setting(SCAN_RETENTION_KEY)
            .await?
            .as_deref(),
    ))
}

/// Sets the period from what an administrator typed; answers the period stored.
pub async fn set_scan_retention_months(
    db: &Db,
    user: &CurrentUser,
    typed: &str,
    now: i64,
) -> Result<u32, RetentionSettingError> {
    if !user.is_admin() {
        return Err(RetentionSettingError::NotAllowed);
    }
    let months = parse_retention_months(typed).map_err(RetentionSettingError::Invalid)?;
    db.set_organisation_setting(SCAN_RETENTION_KEY, &months.to_string(), now)
        .await?;
    tracing::info!(months, "scan retention period changed");
    Ok(months)
}

/// A scan's retention as its page shows it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ScanRetention {
    /// Until when the closed scan is kept (the end of that day, Dutch time): its own date or
    /// the latest of the records holding it, approved or not; `None` while it is not closed, or
    /// removed.
    pub kept_until: Option<i64>,
    /// When its content was removed.
    pub removed_at: Option<i64>,
}

/// Until when a scan is kept, or when it was removed. The caller has checked who may see the
/// scan.
pub async fn scan_retention(db: &Db, scan_id: &str) -> Result<ScanRetention, StorageError> {
    let Some(line) = db.scan_retention_line(scan_id).await? else {
        return Ok(ScanRetention::default());
    };
    if line.removed_at.is_some() {
        return Ok(ScanRetention {
            kept_until: None,
            removed_at: line.removed_at,
        });
    }
    let months = scan_retention_months(db).await?;
    let records = super::records::RecordDates::new(db)
        .all(&line.records)
        .await?;
    Ok(ScanRetention {
        kept_until: Some(scan_kept_until(line.closed_at, months, &records)),
        removed_at: None,
    })
}
