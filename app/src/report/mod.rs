//! The report's figures for one scan: who may read them, when, and the scoring engine fed
//! from the stored responses. Server-only. (The report page, charts and CSV build on this.)

use crate::domain::account::CurrentUser;
use crate::domain::questionnaire::scoring_input::scoring_input;
use crate::domain::questionnaire::{self, Answers};
use crate::domain::scan::ScanStatus;
use crate::domain::scoring::{Report, ScoringError, build_report};
use crate::domain::user_error::UserError;
use crate::storage::{Db, StorageError, StoredScan};

#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    /// Unknown scan, or one this user may not read (the same answer, so ids cannot be probed).
    #[error("unknown scan")]
    Unknown,
    /// Readable only once the scan is closed: a report that changes answer by answer while the
    /// scan is open would show who answered.
    #[error("the report is readable once the scan is closed")]
    NotYetReadable,
    #[error(transparent)]
    Scoring(#[from] ScoringError),
    #[error(transparent)]
    Storage(#[from] StorageError),
}

impl ReportError {
    pub fn user_error(&self) -> UserError {
        match self {
            ReportError::Unknown => UserError::UnknownScan,
            ReportError::NotYetReadable => UserError::ScanWrongStatus,
            ReportError::Scoring(_) | ReportError::Storage(_) => {
                tracing::error!(error = %self, "report failure");
                UserError::Internal
            }
        }
    }
}

/// Whether `user` may read the scan's report: its organiser, an administrator, or a reader the
/// scan names.
pub fn may_read(user: &CurrentUser, stored: &StoredScan) -> bool {
    user.is_admin()
        || user.id == stored.organiser_id
        || stored
            .scan
            .report_readers
            .iter()
            .any(|reader| reader.as_str().eq_ignore_ascii_case(&user.email))
}

/// The report of a closed scan, for someone who may read it.
pub async fn figures(
    db: &Db,
    user: &CurrentUser,
    scan_id: &str,
) -> Result<(StoredScan, Report), ReportError> {
    let stored = match db.find_scan(scan_id).await? {
        Some(stored) if may_read(user, &stored) => stored,
        _ => return Err(ReportError::Unknown),
    };
    if stored.status != ScanStatus::Closed {
        return Err(ReportError::NotYetReadable);
    }
    let framework = db
        .framework_version(&stored.scan.framework_id, stored.scan.framework_version)
        .await?
        .ok_or_else(|| StorageError::Corrupt("a scan's framework is missing".into()))?;
    let questionnaire = questionnaire::build(&framework, &stored.scan, false);
    let responses: Vec<(String, Answers)> = db
        .list_responses(scan_id)
        .await?
        .into_iter()
        .map(|r| {
            let answers = serde_json::from_str(&r.answers).unwrap_or_default();
            (r.group_id, answers)
        })
        .collect();
    let input = scoring_input(&questionnaire, &stored.scan, &responses)?;
    let report = build_report(&input.config, &input.items, &input.responses)?;
    Ok((stored, report))
}
