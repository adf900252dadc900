//! The daily retention job: removes the content of every conversation record kept past its
//! date — approved, its `keep_until`; never approved, its type's months after its last change
//! (`records`) — and of every closed scan kept past its date (`domain::retention`), with their
//! messages and `.eml` files, leaving the rows as content-free lines.
//!
//! Records go first, so a scan that only such a record held is removed in the same run. Each
//! removal is one transaction that starts with a conditional claim (`storage::retention`): the
//! job may run in several server processes on one database, and a second run changes nothing.
//! The `.eml` files (the file transport's `<outbox id>.eml`) are deleted before the transaction
//! commits: if that fails the removal rolls back and the next run tries again, so no file is
//! left behind for a message whose row is gone. Afterwards the SQLite WAL is emptied, so the
//! deleted content (overwritten in the file by `secure_delete`) leaves no older copy there.

use std::path::{Path, PathBuf};
use std::time::Duration;

use thiserror::Error;

use super::records::RecordDates;
use crate::domain::retention::{record_due_for_removal, scan_due_for_removal};
use crate::email::transport::eml_file_name;
use crate::storage::retention::{
    claim_conversation_removal_in, claim_scan_removal_in, delete_conversation_content_in,
    delete_scan_content_in,
};
use crate::storage::{Db, StorageError};

/// Pause between runs (the first run is at start).
pub const INTERVAL: Duration = Duration::from_secs(24 * 60 * 60);

/// What one run removed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RetentionWork {
    pub records_removed: usize,
    pub scans_removed: usize,
    /// `.eml` files deleted.
    pub files_removed: usize,
}

#[derive(Debug, Error)]
pub enum RetentionError {
    #[error(transparent)]
    Storage(#[from] StorageError),
    #[error("cannot delete an email file: {0}")]
    File(#[from] std::io::Error),
}

/// Removes what is due at `now`. `mail_dir` is the file transport's directory (`None` with
/// SMTP: no files to delete).
pub async fn run_retention(
    db: &Db,
    mail_dir: Option<&Path>,
    now: i64,
) -> Result<RetentionWork, RetentionError> {
    let mut work = RetentionWork::default();
    let mut dates = RecordDates::new(db);
    // A type keeps a record at least one month (`conversation_type` validation), and no
    // calendar month is shorter than 28 days: a record changed after this is not due.
    let changed_before = now - 28 * 86_400;
    for line in db.conversations_for_retention(now, changed_before).await? {
        if !record_due_for_removal(dates.kept_until(&line).await?, now) {
            continue;
        }
        let mut tx = db.begin().await?;
        if !claim_conversation_removal_in(&mut tx, &line.id, line.updated_at, now).await? {
            continue;
        }
        let messages = delete_conversation_content_in(&mut tx, &line.id).await?;
        work.files_removed += delete_files(mail_dir, &messages).await?;
        tx.commit().await.map_err(StorageError::from)?;
        work.records_removed += 1;
    }

    let months = super::settings::scan_retention_months(db).await?;
    // No calendar month is shorter than 28 days: a scan closed after this is not due.
    let closed_before = now - i64::from(months) * 28 * 86_400;
    for line in db.scans_for_retention(closed_before).await? {
        let records = dates.all(&line.records).await?;
        if !scan_due_for_removal(line.closed_at, months, &records, now) {
            continue;
        }
        let mut tx = db.begin().await?;
        if !claim_scan_removal_in(&mut tx, &line.scan_id, line.closed_at, now).await? {
            continue;
        }
        let messages = delete_scan_content_in(&mut tx, &line.scan_id).await?;
        work.files_removed += delete_files(mail_dir, &messages).await?;
        tx.commit().await.map_err(StorageError::from)?;
        work.scans_removed += 1;
    }

    if work != RetentionWork::default() {
        db.checkpoint().await?;
    }
    Ok(work)
}

/// Deletes the `.eml` files of `messages` (a file already gone is fine); answers how many.
async fn delete_files(mail_dir: Option<&Path>, messages: &[String]) -> std::io::Result<usize> {
    let Some(dir) = mail_dir else { return Ok(0) };
    let paths: Vec<PathBuf> = messages
        .iter()
        .filter_map(|id| eml_file_name(id))
        .map(|name| dir.join(name))
        .collect();
    tokio::task::spawn_blocking(move || {
        let mut removed = 0;
        for path in paths {
            match std::fs::remove_file(&path) {
                Ok(()) => removed += 1,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(e),
            }
        }
        Ok(removed)
    })
    .await
    .map_err(std::io::Error::other)?
}

/// Starts the daily job (a run at once, then every [`INTERVAL`]); abort the handle to stop it.
/// Safe in several processes: every removal is claimed by a conditional update.
pub fn spawn_retention_job(db: Db, mail_dir: Option<PathBuf>) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut ticker = tokio::time::interval(INTERVAL);
        ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            ticker.tick().await;
            match run_retention(&db, mail_dir.as_deref(), crate::state::unix_now()).await {
                // Counts only: what was removed named people.
                Ok(work) if work != RetentionWork::default() => tracing::info!(
                    records = work.records_removed,
                    scans = work.scans_removed,
                    files = work.files_removed,
                    "retention job removed what was due"
                ),
                Ok(_) => {}
                Err(error) => tracing::warn!(%error, "retention job failed; trying again tomorrow"),
            }
        }
    })
}
