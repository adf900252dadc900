//! Tells a scan's named report readers that its report can be read (issue 20): when the scan
//! closes (by its organiser or the scheduler at the deadline), when the report is released
//! early, and when a reader is added to a scan whose report is readable. Nobody has to act for
//! it. A reader with an account gets a link to the report; a reader
//! without one gets an invitation to create an account, after which the same link opens it.
//!
//! Why an account invitation and not a personal read link: the report is the most sensitive
//! page of the product (what colleagues and staff said about someone, before a conversation
//! about their functioning). A read link would open it to whoever holds the email, forwarded or
//! found in a shared mailbox, for as long as it works; the invitation link only lets someone
//! choose a password once, within a week, and the report stays behind a login. An account can
//! be switched off by an administrator at once, is checked against the scan's readers on every
//! visit (so removing a reader takes effect), and every session belongs to one named person.
//!
//! Each reader is told once per scan: the record that they were (`report_reader_notices`) is
//! written in the same transaction as their message, conditionally, so closing again, a
//! scheduler round or a release followed by the closing sends nothing twice. The invitation's
//! token is never stored: like a respondent's link, the message names a key from which the
//! outbox worker derives the token with the server secret when it sends
//! ([`crate::email::PersonalLink`]), and the database keeps only the token's hash.

use sqlx::AnyConnection;

use super::mail::LinkMaker;
use crate::auth::service::INVITATION_TTL_SECS;
use crate::auth::token::hash_token;
use crate::domain::report_readers::{ReaderAccount, ReaderNotice, plan};
use crate::domain::scan::ScanStatus;
use crate::email::reader_templates::{
    ReaderInvitationMail, ReportReadyMail, reader_invitation, report_ready,
};
use crate::email::{LINK_TOKEN_PLACEHOLDER, PersonalLink};
use crate::storage::report_readers::{
    ensure_reader_account_in, insert_account_invitation_in, notified_readers_in,
    reader_accounts_in, record_reader_notice_in,
};
use crate::storage::{Db, StorageError, StoredScan, enqueue_email_about_in};

/// The outbox reference of a reader's message: the scan, marked as a readers' message (an
/// invitation's messages have the invitation id).
pub fn reference(scan_id: &str) -> String {
    format!("reader:{scan_id}")
}

/// The path of a scan's report.
pub fn report_path(scan_id: &str) -> String {
    format!("/scans/{scan_id}/rapport")
}

/// Whether readers can open the report: the scan is closed, or its figures were released (or
/// frozen at a reopening).
pub fn readable(stored: &StoredScan) -> bool {
    stored.status == ScanStatus::Closed || stored.released_at.is_some()
}

/// Queues the message of every named reader not told yet, in the caller's transaction (the
/// closing's). Returns how many were queued.
pub async fn notify_in(
    conn: &mut AnyConnection,
    stored: &StoredScan,
    links: &LinkMaker<'_>,
    now: i64,
) -> Result<usize, StorageError> {
    let readers = &stored.scan.report_readers;
    if readers.is_empty() {
        return Ok(0);
    }
    let accounts = reader_accounts_in(conn, readers).await?;
    let notified = notified_readers_in(conn, &stored.id).await?;
    let lines = plan(
        readers,
        |e| accounts.get(e).map_or(ReaderAccount::None, |a| a.state),
        |e| notified.contains(e.as_str()),
    );
    let base = links.base_url.trim_end_matches('/');
    let report_link = format!("{base}{}", report_path(&stored.id));
    let report = ReportReadyMail {
        subject_name: &stored.scan.subject_name,
        organiser: &stored.organiser_email,
        report_link: &report_link,
    };
    let language = stored.scan.language;
    let mut queued = 0;
    for (reader, line) in readers.iter().zip(&lines) {
        let Some(kind) = line.notice.stored_kind() else {
            continue;
        };
        if !record_reader_notice_in(conn, &stored.id, reader, kind, now).await? {
            continue; // told meanwhile by another closing
        }
        let email = if line.notice == ReaderNotice::ReportLink {
            report_ready(language, &report).into_email(reader.clone(), Some(reference(&stored.id)))
        } else {
            let account_id = match accounts.get(reader).and_then(|a| a.id.clone()) {
                Some(id) => id,
                None => ensure_reader_account_in(conn, reader, now).await?,
            };
            // A key of its own per invitation; the token is derived from it when sending.
            let link = PersonalLink {
                invitation_id: format!("account-invitation:{}", crate::storage::new_id()),
                generation: 0,
            };
            let token = links.secret.token(&link.invitation_id, link.generation);
            insert_account_invitation_in(
                conn,
                &hash_token(&token),
                &account_id,
                now + INVITATION_TTL_SECS,
            )
            .await?;
            let invitation_link = format!("{base}/invite/{LINK_TOKEN_PLACEHOLDER}");
            let mut email = reader_invitation(
                language,
                &ReaderInvitationMail {
                    report,
                    invitation_link: &invitation_link,
                    valid_days: (INVITATION_TTL_SECS / 86_400) as u32,
                },
            )
            .into_email(reader.clone(), Some(reference(&stored.id)));
            email.link = Some(link);
            email
        };
        let about = crate::domain::retention::scan_about(&stored.id);
        enqueue_email_about_in(conn, &email, Some(&about), now).await?;
        queued += 1;
    }
    if queued > 0 {
        // Counts only: the readers' addresses are personal data.
        tracing::info!(scan = %stored.id, queued, "report readers notified");
    }
    Ok(queued)
}

/// Tells the readers not told yet of a scan whose report is readable, outside the closing (after
/// a release or a change of readers), in a transaction of its own. Nothing happens while the report is not readable.
pub async fn notify(
    db: &Db,
    links: &LinkMaker<'_>,
    scan_id: &str,
    now: i64,
) -> Result<usize, StorageError> {
    let Some(stored) = db.find_scan(scan_id).await? else {
        return Ok(0);
    };
    if !readable(&stored) {
        return Ok(0);
    }
    let mut tx = db.begin().await?;
    let queued = notify_in(&mut tx, &stored, links, now).await?;
    tx.commit().await?;
    Ok(queued)
}

/// The notice for the organiser's scan page: what each reader gets (or got) and whether nobody
/// but the organiser reads the report.
pub async fn readers_notice(
    db: &Db,
    stored: &StoredScan,
) -> Result<crate::domain::report_readers::ReadersNotice, StorageError> {
    let readers = &stored.scan.report_readers;
    let (accounts, notified) = db.report_reader_states(&stored.id, readers).await?;
    Ok(crate::domain::report_readers::ReadersNotice {
        lines: plan(
            readers,
            |e| accounts.get(e).map_or(ReaderAccount::None, |a| a.state),
            |e| notified.contains(e.as_str()),
        ),
        only_organiser: crate::domain::report_readers::only_organiser_reads(
            readers,
            &stored.organiser_email,
        ),
        invitation_days: (INVITATION_TTL_SECS / 86_400) as u32,
    })
}

/// After an early release, and after the scan's settings were saved (a reader added to a
/// closed scan is told at once); both doors, the page and the API, call it. The release or the
/// change stands whatever happens here: a failure is logged, and the readers not told are told
/// at the closing or the next save, which tell everyone not told yet.
pub async fn notify_if_readable(db: &Db, links: &LinkMaker<'_>, scan_id: &str, now: i64) {
    if let Err(error) = notify(db, links, scan_id, now).await {
        tracing::error!(scan = %scan_id, %error, "could not notify the report's readers");
    }
}
