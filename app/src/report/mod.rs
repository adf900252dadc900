//! A scan's report: who may read it, when, and which figures they see. Server-only. The
//! numbers come from the pure scoring engine, the rules for early release and frozen figures
//! from `domain::scoring::release`, the readers' view from `domain::report_view`.

pub mod csv;
pub mod organisation;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::domain::account::CurrentUser;
use crate::domain::questionnaire::scoring_input::scoring_input;
use crate::domain::questionnaire::{self, Answers};
use crate::domain::report_view::{self, ReportBasis, ReportSources, ReportView};
use crate::domain::scan::ScanStatus;
use crate::domain::scan::progress::progress_by_group;
use crate::domain::scoring::release::{release_shortfall, update_is_safe};
use crate::domain::scoring::{
    CommentInput, CompetencyComments, Report, ScanConfig, ScoringError, build_report,
    publish_comments,
};
use crate::domain::user_error::UserError;
use crate::storage::scans::freeze_report_in;
use crate::storage::{Db, StorageError, StoredScan};

#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    /// Unknown scan, or one this user may not read (the same answer, so ids cannot be probed).
    #[error("unknown scan")]
    Unknown,
    /// Readable once the scan is closed or released: a report that changes answer by answer
    /// while the scan is open would show who answered.
    #[error("the report is readable once the scan is closed or released")]
    NotYetReadable,
    /// Released early only when every group has k responses.
    #[error("too few responses to release the report")]
    TooEarly,
    /// Someone else changed the scan meanwhile.
    #[error("the scan changed meanwhile")]
    Changed,
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
            ReportError::TooEarly => UserError::ReleaseTooEarly,
            ReportError::Changed => UserError::ScanChanged,
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

/// Whether `user` may release the report or freeze it: the organiser or an administrator.
fn may_manage(user: &CurrentUser, stored: &StoredScan) -> bool {
    user.is_admin() || user.id == stored.organiser_id
}

/// The published figures at one moment: what a frozen report keeps.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Snapshot {
    pub report: Report,
    pub comments: Vec<CompetencyComments>,
}

/// The scan's figures from every stored response, now.
async fn current(db: &Db, stored: &StoredScan) -> Result<(ScanConfig, Snapshot), ReportError> {
    let framework = framework_of(db, stored).await?;
    let questionnaire = questionnaire::build(&framework, &stored.scan, false);
    let responses: Vec<(String, Answers)> = db
        .list_responses(&stored.id)
        .await?
        .into_iter()
        .map(|r| {
            let answers = serde_json::from_str(&r.answers).unwrap_or_default();
            (r.group_id, answers)
        })
        .collect();
    let input = scoring_input(&questionnaire, &stored.scan, &responses)?;
    let report = build_report(&input.config, &input.items, &input.responses)?;
    let comment_inputs: Vec<CommentInput> = responses
        .into_iter()
        .map(|(group, answers)| CommentInput {
            group,
            comments: answers.comments,
        })
        .collect();
    let comments = publish_comments(&input.config, &report, &comment_inputs);
    Ok((input.config, Snapshot { report, comments }))
}

async fn framework_of(
    db: &Db,
    stored: &StoredScan,
) -> Result<std::sync::Arc<crate::domain::catalog::Framework>, ReportError> {
    Ok(db
        .framework_version(&stored.scan.framework_id, stored.scan.framework_version)
        .await?
        .ok_or_else(|| StorageError::Corrupt("a scan's framework is missing".into()))?)
}

async fn frozen(db: &Db, scan_id: &str) -> Result<Option<Snapshot>, ReportError> {
    Ok(db
        .released_report(scan_id)
        .await?
        .map(|json| serde_json::from_str(&json))
        .transpose()
        .map_err(|e| StorageError::Corrupt(format!("released report: {e}")))?)
}

/// The figures readers see now, and on what basis (see `domain::scoring::release`).
async fn shown(db: &Db, stored: &StoredScan) -> Result<(Snapshot, ReportBasis), ReportError> {
    let frozen = frozen(db, &stored.id).await?;
    match (stored.status, frozen) {
        (ScanStatus::Open, Some(snapshot)) => Ok((snapshot, ReportBasis::Released)),
        (ScanStatus::Closed, frozen) => {
            let (config, now) = current(db, stored).await?;
            match frozen {
                Some(before) if !update_is_safe(&config, &before.report, &now.report) => {
                    Ok((before, ReportBasis::FrozenAtRelease))
                }
                _ => Ok((now, ReportBasis::Final)),
            }
        }
        _ => Err(ReportError::NotYetReadable),
    }
}

async fn readable(db: &Db, user: &CurrentUser, scan_id: &str) -> Result<StoredScan, ReportError> {
    match db.find_scan(scan_id).await? {
        Some(stored) if may_read(user, &stored) => Ok(stored),
        _ => Err(ReportError::Unknown),
    }
}

/// The scoring report readers see, for someone who may read it.
pub async fn figures(
    db: &Db,
    user: &CurrentUser,
    scan_id: &str,
) -> Result<(StoredScan, Report), ReportError> {
    let stored = readable(db, user, scan_id).await?;
    let (snapshot, _) = shown(db, &stored).await?;
    Ok((stored, snapshot.report))
}

/// The whole report as its readers see it.
pub async fn view(db: &Db, user: &CurrentUser, scan_id: &str) -> Result<ReportView, ReportError> {
    let stored = readable(db, user, scan_id).await?;
    let (snapshot, basis) = shown(db, &stored).await?;
    let framework = framework_of(db, &stored).await?;
    let questionnaire = questionnaire::build(&framework, &stored.scan, false);
    let invitations = db.list_invitations(&stored.id).await?;
    Ok(report_view::build(ReportSources {
        scan_id: &stored.id,
        scan: &stored.scan,
        framework: &framework,
        questionnaire: &questionnaire,
        report: &snapshot.report,
        comments: &snapshot.comments,
        progress: progress_by_group(&stored.scan.groups, &invitations),
        basis,
    }))
}

/// Releases the report of an open scan early, freezing its figures for readers. Allowed once
/// every invited group (self and identifiable groups excepted) has at least k responses.
pub async fn release(
    db: &Db,
    user: &CurrentUser,
    scan_id: &str,
    now: i64,
) -> Result<(), ReportError> {
    let stored = match db.find_scan(scan_id).await? {
        Some(stored) if may_manage(user, &stored) => stored,
        _ => return Err(ReportError::Unknown),
    };
    if stored.status != ScanStatus::Open || stored.released_at.is_some() {
        return Err(ReportError::NotYetReadable);
    }
    let invitations = db.list_invitations(scan_id).await?;
    let mut submitted: BTreeMap<String, usize> = BTreeMap::new();
    for progress in progress_by_group(&stored.scan.groups, &invitations) {
        if progress.invited > 0 {
            submitted.insert(progress.group_id, progress.submitted);
        }
    }
    let (config, snapshot) = current(db, &stored).await?;
    if !release_shortfall(&config, &submitted).is_empty() {
        return Err(ReportError::TooEarly);
    }
    freeze(db, &stored, &snapshot, now).await
}

/// Before a closed scan reopens: keeps what readers saw at closing as the frozen figures.
pub async fn freeze_before_reopen(
    db: &Db,
    stored: &StoredScan,
    now: i64,
) -> Result<(), ReportError> {
    let (snapshot, _) = shown(db, stored).await?;
    freeze(db, stored, &snapshot, now).await
}

async fn freeze(
    db: &Db,
    stored: &StoredScan,
    snapshot: &Snapshot,
    now: i64,
) -> Result<(), ReportError> {
    let json = serde_json::to_string(snapshot).expect("a snapshot always serialises");
    let mut tx = db.begin().await?;
    if !freeze_report_in(&mut tx, &stored.id, stored.revision, &json, now).await? {
        return Err(ReportError::Changed);
    }
    tx.commit().await.map_err(StorageError::from)?;
    Ok(())
}
