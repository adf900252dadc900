//! A scan's report: who may read it, when, and which figures they see. Server-only. The
//! numbers come from the pure scoring engine, the rules for early release and frozen figures
//! from `domain::scoring::release`, the readers' view from `domain::report_view`.

pub mod csv;
pub mod organisation;
pub mod pdf;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::domain::account::CurrentUser;
use crate::domain::questionnaire::scoring_input::{Submitted, scan_config, scoring_input};
use crate::domain::questionnaire::{self, Answers};
use crate::domain::report_view::{
    self, GroupResponse, ReportBasis, ReportSources, ReportView, ScanDates, group_response,
};
use crate::domain::scan::ScanStatus;
use crate::domain::scan::progress::{InvitationRecord, InvitationStatus};
use crate::domain::scoring::release::release_shortfall;
use crate::domain::scoring::{
    Report, ScanConfig, ScanState, ScoringError, Shown, Version, build_version, readers_see,
};
use crate::domain::user_error::UserError;
use crate::storage::responses::StoredResponse;
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

/// The published figures at one moment: what a frozen report keeps. Stored as JSON; the
/// fields added later default when an older snapshot is read.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Snapshot {
    /// Figures, comments and who is in each line (see `domain::scoring::release`).
    #[serde(flatten)]
    pub version: Version,
    /// The response per group readers see with these figures; absent in older snapshots.
    #[serde(default)]
    pub response: Option<Vec<GroupResponse>>,
}

/// The scan's figures from every stored response, now, with the responses per group.
async fn current(
    db: &Db,
    stored: &StoredScan,
) -> Result<(ScanConfig, Snapshot, BTreeMap<String, usize>), ReportError> {
    let framework = framework_of(db, stored).await?;
    let questionnaire = questionnaire::build(&framework, &stored.scan, false);
    let responses = submitted(&db.list_responses(&stored.id).await?);
    let input = scoring_input(&questionnaire, &stored.scan, &responses)?;
    let version = build_version(&input.config, &input.items, &input.responses)?;
    let mut responded: BTreeMap<String, usize> = BTreeMap::new();
    for response in &input.responses {
        *responded.entry(response.group.clone()).or_default() += 1;
    }
    let invitations = db.list_invitations(&stored.id).await?;
    let response = group_response(
        &stored.scan.groups,
        input.config.min_group_size(),
        &invited_per_group(&invitations),
        &responded,
    );
    let snapshot = Snapshot {
        version,
        response: Some(response),
    };
    Ok((input.config, snapshot, responded))
}

/// The stored responses as the scoring input takes them; an unreadable answer set scores as
/// empty rather than failing the whole report.
pub(crate) fn submitted(responses: &[StoredResponse]) -> Vec<Submitted> {
    responses
        .iter()
        .map(|r| Submitted {
            id: r.id.clone(),
            group: r.group_id.clone(),
            answers: serde_json::from_str::<Answers>(&r.answers).unwrap_or_default(),
        })
        .collect()
}

/// Invitations whose link works, per group.
fn invited_per_group(invitations: &[InvitationRecord]) -> BTreeMap<String, usize> {
    let mut invited: BTreeMap<String, usize> = BTreeMap::new();
    for invitation in invitations
        .iter()
        .filter(|i| i.status == InvitationStatus::Invited)
    {
        *invited.entry(invitation.group_id.clone()).or_default() += 1;
    }
    invited
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

/// The frozen snapshot, if any; one frozen before the spread rule loses the figures it withholds.
async fn frozen(db: &Db, scan_id: &str) -> Result<Option<Snapshot>, ReportError> {
    let snapshot: Option<Snapshot> = db
        .released_report(scan_id)
        .await?
        .map(|json| serde_json::from_str(&json))
        .transpose()
        .map_err(|e| StorageError::Corrupt(format!("released report: {e}")))?;
    Ok(snapshot.map(|mut snapshot| {
        snapshot.version.withhold_old_spread();
        snapshot
    }))
}

/// The figures readers see now, and on what basis: the decision is
/// `domain::scoring::release::readers_see`.
async fn shown(db: &Db, stored: &StoredScan) -> Result<(Snapshot, ReportBasis), ReportError> {
    let now = match stored.status {
        ScanStatus::Open => None,
        ScanStatus::Closed => Some(current(db, stored).await?.1),
        _ => return Err(ReportError::NotYetReadable),
    };
    let frozen = frozen(db, &stored.id).await?;
    let config = scan_config(&stored.scan)?;
    let state = match &now {
        Some(now) => ScanState::Closed {
            current: &now.version,
        },
        None => ScanState::Open,
    };
    let basis = match readers_see(&config, state, frozen.as_ref().map(|f| &f.version)) {
        Shown::NotReadable => return Err(ReportError::NotYetReadable),
        Shown::Released => ReportBasis::Released,
        Shown::FrozenAtRelease => ReportBasis::FrozenAtRelease,
        Shown::Final => ReportBasis::Final,
    };
    let snapshot = match basis {
        ReportBasis::Final => now,
        ReportBasis::Released | ReportBasis::FrozenAtRelease => frozen,
    };
    Ok((snapshot.ok_or(ReportError::NotYetReadable)?, basis))
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
    Ok((stored, snapshot.version.report))
}

/// The whole report as its readers see it. The response per group comes from the snapshot, so
/// it is frozen with the figures (and absent for snapshots frozen before it was kept).
pub async fn view(db: &Db, user: &CurrentUser, scan_id: &str) -> Result<ReportView, ReportError> {
    let stored = readable(db, user, scan_id).await?;
    let (snapshot, basis) = shown(db, &stored).await?;
    let framework = framework_of(db, &stored).await?;
    let questionnaire = questionnaire::build(&framework, &stored.scan, false);
    Ok(report_view::build(ReportSources {
        scan_id: &stored.id,
        scan: &stored.scan,
        framework: &framework,
        questionnaire: &questionnaire,
        report: &snapshot.version.report,
        comments: &snapshot.version.comments,
        progress: snapshot.response.unwrap_or_default(),
        basis,
        dates: ScanDates {
            opened_at: stored.opened_at,
            closed_at: stored.closed_at,
            released_at: stored.released_at,
        },
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
    let (config, snapshot, responded) = current(db, &stored).await?;
    let submitted: BTreeMap<String, usize> = invited_per_group(&invitations)
        .into_keys()
        .map(|group| {
            let count = responded.get(&group).copied().unwrap_or(0);
            (group, count)
        })
        .collect();
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

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::domain::rating::Rating;
    use crate::domain::scoring::{ItemStructure, Response};

    fn version() -> Version {
        let cell = BTreeMap::from([("l".to_owned(), vec!["b1".to_owned()])]);
        let items = ItemStructure::new(BTreeMap::from([("c".to_owned(), cell)])).unwrap();
        let responses: Vec<Response> = (0..3)
            .map(|i| Response::new(format!("r{i}"), "staff", [("b1", Rating::CannotJudge)]))
            .collect();
        build_version(&ScanConfig::new("self"), &items, &responses).unwrap()
    }

    #[test]
    fn a_snapshot_round_trips_and_an_old_one_still_loads() {
        let snapshot = Snapshot {
            version: version(),
            response: Some(Vec::new()),
        };
        let json = serde_json::to_string(&snapshot).unwrap();
        let back: Snapshot = serde_json::from_str(&json).unwrap();
        assert_eq!(back.version, snapshot.version);
        assert_eq!(back.response, Some(Vec::new()));
        // As frozen before issue 18: only the report and the comments.
        let old = serde_json::json!({
            "report": snapshot.version.report,
            "comments": snapshot.version.comments,
        });
        let old: Snapshot = serde_json::from_value(old).unwrap();
        assert_eq!(old.version.membership, None);
        assert_eq!(old.response, None);
    }
}
