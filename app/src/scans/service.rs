//! The scan services. Every function takes the signed-in user and checks they may manage the
//! scan (its organiser, or an administrator); an unknown scan and a scan of someone else give
//! the same answer, so ids cannot be probed.

use std::collections::HashSet;

use sqlx::AnyConnection;

use super::ScanServiceError;
use super::mail::{self, LinkMaker, ScanMail};
use crate::auth::draft_seal::DraftSeal;
use crate::auth::scan_link::LinkSecret;
use crate::auth::token::hash_token;
use crate::domain::account::{CurrentUser, Email};
use crate::domain::catalog::Framework;
use crate::domain::informants::{Informant, InformantContext, InformantError, subject_invitation};
use crate::domain::scan::error_names::with_names;
use crate::domain::scan::progress::{
    GroupProgress, InvitationLine, InvitationStatus, invitation_lines, progress_by_group,
};
use crate::domain::scan::{
    ScanDraft, ScanError, ScanStatus, ValidScan, check_edit, check_person_status, validate_scan,
};
use crate::domain::user_error::UserError;
use crate::storage::responses::{delete_scan_drafts_in, submission_markers_in};
use crate::storage::scans::{
    change_status_in, claim_reminder_in, insert_invitations_in, insert_scan_in,
    invitation_targets_in, mark_invited_in, reissue_in,
};
use crate::storage::{Db, InvitationTarget, StoredScan, enqueue_email_about_in};

type Result<T> = std::result::Result<T, ScanServiceError>;

/// Everything the organiser's scan page shows.
#[derive(Debug, Clone)]
pub struct ScanOverview {
    pub stored: StoredScan,
    pub invitations: Vec<InvitationLine>,
    pub progress: Vec<GroupProgress>,
}

fn may_manage(user: &CurrentUser, stored: &StoredScan) -> bool {
    user.is_admin() || user.id == stored.organiser_id
}

/// The scans `user` manages, newest first: their own, or every scan for an administrator.
pub async fn list_for(db: &Db, user: &CurrentUser) -> Result<Vec<crate::storage::ScanListItem>> {
    let owner = (!user.is_admin()).then_some(user.id.as_str());
    Ok(db.list_scans(owner).await?)
}

/// [`list_for`], each scan with its framework's Dutch and English name (the id when the
/// framework is gone), for lists a person reads.
pub async fn list_named_for(
    db: &Db,
    user: &CurrentUser,
) -> Result<Vec<(crate::storage::ScanListItem, String, String)>> {
    let list = list_for(db, user).await?;
    let frameworks = if list.is_empty() {
        Vec::new()
    } else {
        db.latest_frameworks().await?
    };
    Ok(list
        .into_iter()
        .map(|item| {
            let (nl, en) = frameworks
                .iter()
                .find(|f| f.id == item.framework_id)
                .map(|f| (f.name.clone(), f.name_en.clone()))
                .unwrap_or_else(|| (item.framework_id.clone(), item.framework_id.clone()));
            (item, nl, en)
        })
        .collect())
}

/// The scan, if it exists and `user` may manage it.
pub async fn load_for(db: &Db, user: &CurrentUser, scan_id: &str) -> Result<StoredScan> {
    match db.find_scan(scan_id).await? {
        Some(stored) if may_manage(user, &stored) => Ok(stored),
        _ => Err(UserError::UnknownScan.into()),
    }
}

async fn framework_for(db: &Db, draft: &ScanDraft) -> Result<Framework> {
    db.find_framework(&draft.framework_id, Some(draft.framework_version))
        .await?
        .ok_or_else(|| {
            ScanServiceError::Invalid(vec![ScanError::FrameworkMismatch {
                requested: draft.framework_id.clone(),
                requested_version: draft.framework_version,
                found: String::new(),
                found_version: 0,
            }])
        })
}

fn organiser_email(user: &CurrentUser) -> Result<Email> {
    Email::parse(&user.email).map_err(|_| UserError::Internal.into())
}

/// Checks a draft; returns the scan or every problem.
async fn validated(db: &Db, draft: &ScanDraft, organiser: &Email, now: i64) -> Result<ValidScan> {
    let framework = framework_for(db, draft).await?;
    // The organiser reads the framework's names, not its ids.
    let scan = validate_scan(draft, &framework, now).map_err(|errors| {
        ScanServiceError::Invalid(
            errors
                .into_iter()
                .map(|e| with_names(e, &framework))
                .collect(),
        )
    })?;
    check_person_status(&scan, organiser).map_err(|e| ScanServiceError::Invalid(vec![e]))?;
    Ok(scan)
}

/// Creates a draft scan with the subject already invited in the self group; returns its id.
pub async fn create_scan(
    db: &Db,
    user: &CurrentUser,
    draft: &ScanDraft,
    now: i64,
) -> Result<String> {
    let scan = validated(db, draft, &organiser_email(user)?, now).await?;
    let mut tx = db.begin().await?;
    let id = insert_scan_in(&mut tx, &user.id, &scan, now).await?;
    if let Some(subject) = subject_invitation(&scan.subject_name, &scan.subject_email, &scan.groups)
    {
        insert_invitations_in(&mut tx, &id, &[subject], InvitationStatus::Pending, now).await?;
    }
    tx.commit().await?;
    Ok(id)
}

/// Replaces a scan's settings, if the edit is allowed in its status and nobody changed the
/// scan since `revision` was read.
pub async fn update_scan(
    db: &Db,
    user: &CurrentUser,
    scan_id: &str,
    revision: i64,
    draft: &ScanDraft,
    now: i64,
) -> Result<()> {
    let stored = load_for(db, user, scan_id).await?;
    if stored.revision != revision {
        return Err(UserError::ScanChanged.into());
    }
    let organiser = Email::parse(&stored.organiser_email).map_err(|_| UserError::Internal)?;
    let scan = validated(db, draft, &organiser, now).await?;
    check_edit(stored.status, &stored.scan, &scan).map_err(ScanServiceError::Invalid)?;
    if !db
        .update_scan_settings(scan_id, stored.status, revision, &scan, now)
        .await?
    {
        return Err(UserError::ScanChanged.into());
    }
    Ok(())
}

/// Deletes a draft (only drafts: an open scan has invitations out).
pub async fn delete_draft(db: &Db, user: &CurrentUser, scan_id: &str) -> Result<()> {
    let stored = load_for(db, user, scan_id).await?;
    if stored.status != ScanStatus::Draft || !db.delete_draft_scan(scan_id).await? {
        return Err(UserError::ScanWrongStatus.into());
    }
    Ok(())
}

/// The addresses already invited to a scan (for the duplicate check of new informants).
pub async fn existing_addresses(db: &Db, scan_id: &str) -> Result<HashSet<Email>> {
    Ok(db
        .list_invitations(scan_id)
        .await?
        .into_iter()
        .filter_map(|i| Email::parse(&i.email).ok())
        .collect())
}

/// The context the informant parser checks against.
pub fn informant_context<'a>(
    stored: &'a StoredScan,
    existing: &'a HashSet<Email>,
) -> InformantContext<'a> {
    InformantContext {
        groups: &stored.scan.groups,
        subject_email: &stored.scan.subject_email,
        existing,
    }
}

/// Queues one message for an invitation inside the caller's transaction.
async fn queue(
    conn: &mut AnyConnection,
    kind: ScanMail,
    stored: &StoredScan,
    target: &InvitationTarget,
    links: &LinkMaker<'_>,
    now: i64,
) -> Result<bool> {
    match mail::build(kind, stored, target, links) {
        Some(email) => {
            let about = crate::domain::retention::scan_about(&stored.id);
            enqueue_email_about_in(conn, &email, Some(&about), now).await?;
            Ok(true)
        }
        None => Ok(false),
    }
}

/// Sends every pending invitation of an open scan: marks it invited with its link's hash and
/// queues the invitation email, in the caller's transaction. Returns how many were queued.
async fn send_pending_in(
    conn: &mut AnyConnection,
    stored: &StoredScan,
    links: &LinkMaker<'_>,
    now: i64,
) -> Result<usize> {
    let mut sent = 0;
    for target in invitation_targets_in(conn, &stored.id, InvitationStatus::Pending).await? {
        let token = links.token(&target);
        if mark_invited_in(
            conn,
            &target.id,
            target.link_generation,
            &hash_token(&token),
            now,
        )
        .await?
            && queue(conn, ScanMail::Invitation, stored, &target, links, now).await?
        {
            sent += 1;
        }
    }
    Ok(sent)
}

/// Adds informants. On a draft they wait until the scan opens; on an open scan their
/// invitations go out at once, in the same transaction. Everything is checked first: one bad
/// informant and nothing is saved.
pub async fn add_informants(
    db: &Db,
    links: &LinkMaker<'_>,
    user: &CurrentUser,
    scan_id: &str,
    informants: &[Informant],
    now: i64,
) -> Result<usize> {
    let stored = load_for(db, user, scan_id).await?;
    if stored.status == ScanStatus::Closed {
        return Err(UserError::ScanWrongStatus.into());
    }
    let existing = existing_addresses(db, scan_id).await?;
    let mut seen = HashSet::new();
    let mut problems = Vec::new();
    for informant in informants {
        if stored.scan.group(&informant.group).is_none() {
            problems.push(InformantError::UnknownGroup {
                line: 0,
                given: informant.group.clone(),
                known_nl: stored
                    .scan
                    .groups
                    .iter()
                    .map(|g| g.label_nl.clone())
                    .collect(),
                known_en: stored
                    .scan
                    .groups
                    .iter()
                    .map(|g| g.label_en.clone())
                    .collect(),
            });
        } else if existing.contains(&informant.email) || !seen.insert(informant.email.clone()) {
            problems.push(InformantError::AlreadyInvited {
                line: 0,
                email: informant.email.clone(),
            });
        }
    }
    if !problems.is_empty() {
        return Err(ScanServiceError::Informants(problems));
    }
    let mut tx = db.begin().await?;
    let inserted =
        insert_invitations_in(&mut tx, scan_id, informants, InvitationStatus::Pending, now)
            .await
            .map_err(|e| {
                if e.is_unique_violation() {
                    // Someone added the same address a moment ago.
                    ScanServiceError::User(UserError::ScanChanged)
                } else {
                    e.into()
                }
            })?;
    if stored.status == ScanStatus::Open {
        send_pending_in(&mut tx, &stored, links, now).await?;
    }
    tx.commit().await?;
    Ok(inserted.len())
}

/// Opens a draft: the questions are fixed from now on and every pending informant is invited.
/// Returns how many invitations were queued.
pub async fn open_scan(
    db: &Db,
    links: &LinkMaker<'_>,
    user: &CurrentUser,
    scan_id: &str,
    now: i64,
) -> Result<usize> {
    let stored = load_for(db, user, scan_id).await?;
    stored
        .status
        .transition(ScanStatus::Open)
        .map_err(|_| UserError::ScanWrongStatus)?;
    if stored.scan.deadline <= now {
        return Err(UserError::DeadlineInPast.into());
    }
    let mut tx = db.begin().await?;
    if !change_status_in(
        &mut tx,
        scan_id,
        ScanStatus::Draft,
        ScanStatus::Open,
        None,
        now,
    )
    .await?
    {
        return Err(UserError::ScanChanged.into());
    }
    let sent = send_pending_in(&mut tx, &stored, links, now).await?;
    tx.commit().await?;
    Ok(sent)
}

/// Mails a reminder, with the same personal link, to every invited informant who has not
/// submitted. Returns how many were queued.
pub async fn remind(
    db: &Db,
    links: &LinkMaker<'_>,
    user: &CurrentUser,
    scan_id: &str,
    now: i64,
) -> Result<usize> {
    let stored = load_for(db, user, scan_id).await?;
    if stored.status != ScanStatus::Open {
        return Err(UserError::ScanWrongStatus.into());
    }
    let mut tx = db.begin().await?;
    let sent = remind_in(&mut tx, &stored, links, now).await?;
    tx.commit().await?;
    Ok(sent)
}

async fn remind_in(
    conn: &mut AnyConnection,
    stored: &StoredScan,
    links: &LinkMaker<'_>,
    now: i64,
) -> Result<usize> {
    queue_for_invited(conn, ScanMail::Reminder, stored, true, links, now).await
}

/// Queues one kind of message for every invited (link-holding) informant, or only for those
/// who have not submitted; returns how many were queued.
async fn queue_for_invited(
    conn: &mut AnyConnection,
    kind: ScanMail,
    stored: &StoredScan,
    only_unsubmitted: bool,
    links: &LinkMaker<'_>,
    now: i64,
) -> Result<usize> {
    let mut targets = invitation_targets_in(conn, &stored.id, InvitationStatus::Invited).await?;
    if only_unsubmitted {
        // Only the server can tell whose the markers are: it computes each invitation's.
        let markers = submission_markers_in(conn, &stored.id).await?;
        targets.retain(|t| !markers.contains(&links.secret.submission_marker(&t.id)));
    }
    let mut sent = 0;
    for target in targets {
        if queue(conn, kind, stored, &target, links, now).await? {
            sent += 1;
        }
    }
    Ok(sent)
}

/// Closes an open scan and thanks everyone invited (all of them, answered or not, so the
/// outbox does not tell who answered). The drafts of those who did not send are deleted (nobody
/// can send them any more), and on SQLite the WAL is emptied into the file afterwards.
pub async fn close_scan(
    db: &Db,
    links: &LinkMaker<'_>,
    user: &CurrentUser,
    scan_id: &str,
    now: i64,
) -> Result<usize> {
    let stored = load_for(db, user, scan_id).await?;
    close_stored(db, links, &stored, now).await
}

async fn close_stored(
    db: &Db,
    links: &LinkMaker<'_>,
    stored: &StoredScan,
    now: i64,
) -> Result<usize> {
    if stored.status != ScanStatus::Open {
        return Err(UserError::ScanWrongStatus.into());
    }
    let mut tx = db.begin().await?;
    if !change_status_in(
        &mut tx,
        &stored.id,
        ScanStatus::Open,
        ScanStatus::Closed,
        None,
        now,
    )
    .await?
    {
        return Err(UserError::ScanChanged.into());
    }
    let sent = queue_for_invited(&mut tx, ScanMail::Closed, stored, false, links, now).await?;
    // The report is readable now: its readers are told, once, with the closing.
    super::notify_readers::notify_in(&mut tx, stored, links, now).await?;
    delete_scan_drafts_in(&mut tx, &stored.id).await?;
    tx.commit().await?;
    db.checkpoint().await?;
    Ok(sent)
}

/// Reopens a closed scan until `deadline` (in the future). The links work again; nobody is
/// mailed (the organiser can send a reminder).
pub async fn reopen_scan(
    db: &Db,
    user: &CurrentUser,
    scan_id: &str,
    deadline: i64,
    now: i64,
) -> Result<()> {
    let stored = load_for(db, user, scan_id).await?;
    stored
        .status
        .transition(ScanStatus::Open)
        .map_err(|_| UserError::ScanWrongStatus)?;
    if stored.status != ScanStatus::Closed {
        return Err(UserError::ScanWrongStatus.into());
    }
    if deadline <= now {
        return Err(UserError::DeadlineInPast.into());
    }
    let scan = ValidScan {
        deadline,
        ..(*stored.scan).clone()
    };
    // Readers keep seeing the figures of the closing while answers come in again.
    crate::report::freeze_before_reopen(db, &stored, now)
        .await
        .map_err(|e| ScanServiceError::from(e.user_error()))?;
    let mut tx = db.begin().await?;
    if !change_status_in(
        &mut tx,
        scan_id,
        ScanStatus::Closed,
        ScanStatus::Open,
        Some(&scan),
        now,
    )
    .await?
    {
        return Err(UserError::ScanChanged.into());
    }
    tx.commit().await?;
    Ok(())
}

/// Withdraws one invitation's link (removes it from a draft) and deletes the draft saved
/// through that link.
pub async fn revoke_invitation(
    db: &Db,
    secret: &LinkSecret,
    user: &CurrentUser,
    scan_id: &str,
    invitation_id: &str,
    now: i64,
) -> Result<()> {
    load_for(db, user, scan_id).await?;
    let (target, _) = db
        .find_invitation_target(scan_id, invitation_id)
        .await?
        .ok_or(UserError::UnknownInvitation)?;
    let draft = DraftSeal::for_token(&secret.token(&target.id, target.link_generation));
    if !db
        .revoke_invitation(scan_id, invitation_id, draft.id(), now)
        .await?
    {
        return Err(UserError::UnknownInvitation.into());
    }
    Ok(())
}

/// Sends an invitation again: the same link while it works, a new one after a revoke.
pub async fn resend_invitation(
    db: &Db,
    links: &LinkMaker<'_>,
    user: &CurrentUser,
    scan_id: &str,
    invitation_id: &str,
    now: i64,
) -> Result<()> {
    let stored = load_for(db, user, scan_id).await?;
    if stored.status != ScanStatus::Open {
        return Err(UserError::ScanWrongStatus.into());
    }
    let (target, status) = db
        .find_invitation_target(scan_id, invitation_id)
        .await?
        .ok_or(UserError::UnknownInvitation)?;
    let mut tx = db.begin().await?;
    let target = match status {
        InvitationStatus::Invited => target,
        InvitationStatus::Revoked => {
            let next = InvitationTarget {
                link_generation: target.link_generation + 1,
                ..target.clone()
            };
            let token = links.token(&next);
            if !reissue_in(
                &mut tx,
                &target.id,
                target.link_generation,
                &hash_token(&token),
                now,
            )
            .await?
            {
                return Err(UserError::ScanChanged.into());
            }
            next
        }
        InvitationStatus::Pending => return Err(UserError::ScanWrongStatus.into()),
    };
    queue(&mut tx, ScanMail::Invitation, &stored, &target, links, now).await?;
    tx.commit().await?;
    Ok(())
}

/// The organiser's view of a scan: settings, invitations (per person only as allowed) and
/// counts per group.
pub async fn overview(
    db: &Db,
    secret: &LinkSecret,
    user: &CurrentUser,
    scan_id: &str,
) -> Result<ScanOverview> {
    let stored = load_for(db, user, scan_id).await?;
    let mut records = db.list_invitations(scan_id).await?;
    let viewer = organiser_email(user)?;
    if crate::domain::scan::progress::may_see_person_status(&stored.scan, &viewer) {
        let markers = db.submission_markers(scan_id).await?;
        for record in &mut records {
            record.submitted = markers.contains(&secret.submission_marker(&record.id));
        }
    }
    let responses = db.response_counts(scan_id).await?;
    Ok(ScanOverview {
        invitations: invitation_lines(&records, &stored.scan, &viewer),
        progress: progress_by_group(&stored.scan.groups, &records, &responses),
        stored,
    })
}

/// What one scheduler round did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ScheduledWork {
    pub closed: usize,
    pub reminded: usize,
}

/// Closes open scans whose deadline passed and sends due automatic reminders. Safe to run in
/// several processes at once: every step is a conditional update, and the loser skips.
pub async fn run_scheduled(db: &Db, links: &LinkMaker<'_>, now: i64) -> Result<ScheduledWork> {
    let mut work = ScheduledWork::default();
    for id in db.scans_past_deadline(now).await? {
        let Some(stored) = db.find_scan(&id).await? else {
            continue;
        };
        match close_stored(db, links, &stored, now).await {
            Ok(_) => work.closed += 1,
            Err(ScanServiceError::User(_)) => {} // closed by someone else meanwhile
            Err(e) => return Err(e),
        }
    }
    for id in db.scans_due_for_reminder(now).await? {
        let Some(stored) = db.find_scan(&id).await? else {
            continue;
        };
        let mut tx = db.begin().await?;
        if claim_reminder_in(&mut tx, &id).await? {
            remind_in(&mut tx, &stored, links, now).await?;
            tx.commit().await?;
            work.reminded += 1;
        }
    }
    Ok(work)
}
