//! The email outbox table. A message is written here first — inside the caller's transaction
//! when it has one, so an invitation and its email commit or roll back together — and a worker
//! claims, sends and marks it. Claims are conditional updates checked by `rows_affected`, so two
//! server processes sharing one database never both take the same message.
//!
//! No working link is kept here: a message with a personal scan link holds a placeholder and
//! names the invitation and link generation (`link_invitation`, `link_generation`), from which
//! the worker renders the link at sending time. Once a message is sent or given up, its bodies
//! and link columns are blanked (older rows, queued before this, may hold a link in clear until
//! then). A message whose recipient must not be listed (`hide_recipient`: reminders, which go to
//! exactly the non-responders) is counted, never listed, and loses its address and subject as
//! well once sent or given up.

use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

use super::{Db, StorageError};
use crate::email::{HiddenMessageCounts, OutgoingEmail, PersonalLink};

/// Where a message stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutboxStatus {
    /// Waiting for its first or next attempt (`next_attempt_at`).
    Queued,
    /// Claimed by a worker that is sending it now.
    Sending,
    Sent,
    /// Given up: refused permanently, or too many temporary failures. `last_error` says why.
    Failed,
}

impl OutboxStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            OutboxStatus::Queued => "queued",
            OutboxStatus::Sending => "sending",
            OutboxStatus::Sent => "sent",
            OutboxStatus::Failed => "failed",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "queued" => Some(OutboxStatus::Queued),
            "sending" => Some(OutboxStatus::Sending),
            "sent" => Some(OutboxStatus::Sent),
            "failed" => Some(OutboxStatus::Failed),
            _ => None,
        }
    }
}

/// A message's delivery state, for status pages (no bodies). For a message with a hidden
/// recipient, `recipient` is empty.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxEntry {
    pub id: String,
    pub recipient: String,
    pub subject: String,
    pub status: OutboxStatus,
    pub attempts: i64,
    pub next_attempt_at: i64,
    pub last_error: Option<String>,
    pub created_at: i64,
    pub sent_at: Option<i64>,
    pub reference: Option<String>,
}

/// A message a worker has claimed and must now send, then mark.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimedMessage {
    pub id: String,
    pub recipient: String,
    pub subject: String,
    pub text_body: String,
    pub html_body: String,
    /// Attempts including this one.
    pub attempts: i64,
    pub reference: Option<String>,
    /// The personal link whose token replaces the bodies' placeholder.
    pub link: Option<PersonalLink>,
    /// Not to be listed or logged per recipient (see [`OutgoingEmail::hide_recipient`]).
    pub hide_recipient: bool,
}

const ENTRY_COLUMNS: &str = "id, \
    CASE WHEN hide_recipient = 1 THEN '' ELSE recipient END AS recipient, \
    CASE WHEN hide_recipient = 1 THEN '' ELSE subject END AS subject, \
    status, attempts, next_attempt_at, last_error, created_at, sent_at, reference";

/// What a finished (sent or given up) message keeps: no bodies, no link, and for a hidden
/// recipient neither address nor subject.
const BLANK_FINISHED: &str = "text_body = '', html_body = '', link_invitation = NULL, \
    link_generation = NULL, \
    recipient = CASE WHEN hide_recipient = 1 THEN '' ELSE recipient END, \
    subject = CASE WHEN hide_recipient = 1 THEN '' ELSE subject END";

/// Queues a message on a connection the caller holds, typically `&mut *tx` of an open
/// transaction: the message exists exactly when the transaction commits. Returns its id.
pub async fn enqueue_email_in(
    conn: &mut AnyConnection,
    email: &OutgoingEmail,
    now: i64,
) -> Result<String, StorageError> {
    enqueue_email_about_in(conn, email, None, now).await
}

/// [`enqueue_email_in`] for a message about a scan or a conversation record: `about` is
/// `domain::retention::scan_about` or `conversation_about`, by which the retention job finds
/// the message (and its `.eml` file) when the scan's or record's time is up.
pub async fn enqueue_email_about_in(
    conn: &mut AnyConnection,
    email: &OutgoingEmail,
    about: Option<&str>,
    now: i64,
) -> Result<String, StorageError> {
    let id = super::new_id();
    sqlx::query(
        "INSERT INTO outbox (id, recipient, subject, text_body, html_body, status, attempts, \
         next_attempt_at, created_at, reference, link_invitation, link_generation, \
         hide_recipient, about) \
         VALUES ($1, $2, $3, $4, $5, 'queued', 0, $6, $6, $7, $8, $9, $10, $11)",
    )
    .bind(&id)
    .bind(email.to.as_str())
    .bind(&email.subject)
    .bind(&email.text)
    .bind(&email.html)
    .bind(now)
    .bind(email.reference.as_deref())
    .bind(email.link.as_ref().map(|l| l.invitation_id.as_str()))
    .bind(email.link.as_ref().map(|l| l.generation))
    .bind(i64::from(email.hide_recipient))
    .bind(about)
    .execute(&mut *conn)
    .await?;
    Ok(id)
}

impl Db {
    /// Opens a write transaction: every storage transaction starts here, and so do the
    /// services' that must write their own rows and queue an email atomically (see
    /// [`enqueue_email_in`]).
    ///
    /// On SQLite the transaction takes the write lock at once (`BEGIN IMMEDIATE`): these
    /// transactions read, then write, and a deferred one whose snapshot another connection (the
    /// outbox worker) overtook between the two fails with SQLITE_BUSY_SNAPSHOT, which no busy
    /// timeout waits out (the API fuzz run saw remind answer 500 that way).
    pub async fn begin(&self) -> Result<sqlx::Transaction<'static, sqlx::Any>, StorageError> {
        Ok(match self.backend() {
            super::Backend::Sqlite => self.pool().begin_with("BEGIN IMMEDIATE").await?,
            _ => self.pool().begin().await?,
        })
    }

    /// Queues a message on its own; due at once. Returns its id.
    pub async fn enqueue_email(
        &self,
        email: &OutgoingEmail,
        now: i64,
    ) -> Result<String, StorageError> {
        let mut conn = self.pool().acquire().await?;
        enqueue_email_in(&mut conn, email, now).await
    }

    /// Claims up to `limit` due messages for `worker_id` for `lease_secs`: queued ones whose
    /// `next_attempt_at` has come, and 'sending' ones whose worker's lease ran out. Every claim
    /// is a conditional update that repeats the due test, so of two workers racing for a
    /// message exactly one gets a row back; the loser skips it. The attempt is counted here, so
    /// a message that crashes its worker still runs out of attempts.
    pub async fn claim_due(
        &self,
        worker_id: &str,
        now: i64,
        lease_secs: i64,
        limit: i64,
    ) -> Result<Vec<ClaimedMessage>, StorageError> {
        let candidates: Vec<String> = sqlx::query(
            "SELECT id FROM outbox \
             WHERE (status = 'queued' AND next_attempt_at <= $1) \
                OR (status = 'sending' AND claimed_until < $1) \
             ORDER BY next_attempt_at, created_at LIMIT $2",
        )
        .bind(now)
        .bind(limit)
        .fetch_all(self.pool())
        .await?
        .iter()
        .map(|row| row.try_get::<String, _>("id"))
        .collect::<Result<_, _>>()?;

        let mut claimed = Vec::with_capacity(candidates.len());
        for id in candidates {
            let row = sqlx::query(
                "UPDATE outbox SET status = 'sending', claimed_by = $2, claimed_until = $3, \
                 attempts = attempts + 1 \
                 WHERE id = $1 \
                   AND ((status = 'queued' AND next_attempt_at <= $4) \
                     OR (status = 'sending' AND claimed_until < $4)) \
                 RETURNING id, recipient, subject, text_body, html_body, attempts, reference, \
                   link_invitation, link_generation, hide_recipient",
            )
            .bind(&id)
            .bind(worker_id)
            .bind(now + lease_secs)
            .bind(now)
            .fetch_optional(self.pool())
            .await?;
            if let Some(row) = row {
                let link_invitation: Option<String> = row.try_get("link_invitation")?;
                let link_generation: Option<i64> = row.try_get("link_generation")?;
                let hide_recipient: i64 = row.try_get("hide_recipient")?;
                claimed.push(ClaimedMessage {
                    id: row.try_get("id")?,
                    recipient: row.try_get("recipient")?,
                    subject: row.try_get("subject")?,
                    text_body: row.try_get("text_body")?,
                    html_body: row.try_get("html_body")?,
                    attempts: row.try_get("attempts")?,
                    reference: row.try_get("reference")?,
                    link: link_invitation.map(|invitation_id| PersonalLink {
                        invitation_id,
                        generation: link_generation.unwrap_or(0),
                    }),
                    hide_recipient: hide_recipient != 0,
                });
            }
        }
        Ok(claimed)
    }

    /// Records a delivery and blanks what the row no longer needs (bodies, link; address and
    /// subject of a hidden recipient). Unconditional on purpose: once the server accepted the
    /// message it is sent, even if this worker's lease had run out meanwhile. False for an
    /// unknown id.
    pub async fn mark_sent(&self, id: &str, now: i64) -> Result<bool, StorageError> {
        let changed = sqlx::query(sqlx::AssertSqlSafe(format!(
            "UPDATE outbox SET status = 'sent', sent_at = $2, claimed_by = NULL, \
             claimed_until = NULL, last_error = NULL, {BLANK_FINISHED} WHERE id = $1"
        )))
        .bind(id)
        .bind(now)
        .execute(self.pool())
        .await?
        .rows_affected();
        Ok(changed == 1)
    }

    /// Puts a claimed message back in the queue for `next_attempt_at`, keeping the reason.
    /// Only the worker holding the claim may do so (false otherwise: someone else has it now).
    pub async fn mark_retry(
        &self,
        id: &str,
        worker_id: &str,
        error: &str,
        next_attempt_at: i64,
    ) -> Result<bool, StorageError> {
        let changed = sqlx::query(
            "UPDATE outbox SET status = 'queued', next_attempt_at = $3, last_error = $4, \
             claimed_by = NULL, claimed_until = NULL \
             WHERE id = $1 AND status = 'sending' AND claimed_by = $2",
        )
        .bind(id)
        .bind(worker_id)
        .bind(next_attempt_at)
        .bind(error)
        .execute(self.pool())
        .await?
        .rows_affected();
        Ok(changed == 1)
    }

    /// Gives a claimed message up for good, keeping the reason for the organiser to see, and
    /// blanks what the row no longer needs, as [`Db::mark_sent`] does (the caller keeps a
    /// hidden recipient's address out of `error`). Only the worker holding the claim may do so
    /// (false otherwise).
    pub async fn mark_failed(
        &self,
        id: &str,
        worker_id: &str,
        error: &str,
    ) -> Result<bool, StorageError> {
        let changed = sqlx::query(sqlx::AssertSqlSafe(format!(
            "UPDATE outbox SET status = 'failed', last_error = $3, claimed_by = NULL, \
             claimed_until = NULL, {BLANK_FINISHED} \
             WHERE id = $1 AND status = 'sending' AND claimed_by = $2"
        )))
        .bind(id)
        .bind(worker_id)
        .bind(error)
        .execute(self.pool())
        .await?
        .rows_affected();
        Ok(changed == 1)
    }

    /// Every message queued for `reference` (e.g. one invitation), oldest first.
    pub async fn outbox_status(&self, reference: &str) -> Result<Vec<OutboxEntry>, StorageError> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {ENTRY_COLUMNS} FROM outbox WHERE reference = $1 ORDER BY created_at, id"
        )))
        .bind(reference)
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(outbox_entry).collect()
    }

    /// The newest `limit` messages whose recipients may be listed, newest first, for the
    /// administrator's overview. Messages with hidden recipients (reminders) are left out: see
    /// [`Db::hidden_outbox_counts`].
    pub async fn list_outbox(&self, limit: i64) -> Result<Vec<OutboxEntry>, StorageError> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {ENTRY_COLUMNS} FROM outbox WHERE hide_recipient = 0 \
             ORDER BY created_at DESC, id LIMIT $1"
        )))
        .bind(limit)
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(outbox_entry).collect()
    }

    /// The messages with hidden recipients (reminders), counted per reference (their scan) and
    /// state, newest first: who they went to is never listed.
    pub async fn hidden_outbox_counts(&self) -> Result<Vec<HiddenMessageCounts>, StorageError> {
        let rows = sqlx::query(
            "SELECT reference, status, COUNT(*) AS messages, MAX(created_at) AS last_created \
             FROM outbox WHERE hide_recipient = 1 GROUP BY reference, status",
        )
        .fetch_all(self.pool())
        .await?;
        let mut counts: Vec<HiddenMessageCounts> = Vec::new();
        for row in &rows {
            let reference: Option<String> = row.try_get("reference")?;
            let status: String = row.try_get("status")?;
            let messages: i64 = row.try_get("messages")?;
            let last_created: i64 = row.try_get("last_created")?;
            let index = match counts.iter().position(|c| c.reference == reference) {
                Some(index) => index,
                None => {
                    counts.push(HiddenMessageCounts {
                        reference,
                        ..HiddenMessageCounts::default()
                    });
                    counts.len() - 1
                }
            };
            let entry = &mut counts[index];
            entry.last_created_at = entry.last_created_at.max(last_created);
            match OutboxStatus::parse(&status) {
                Some(OutboxStatus::Queued) => entry.queued += messages,
                Some(OutboxStatus::Sending) => entry.sending += messages,
                Some(OutboxStatus::Sent) => entry.sent += messages,
                Some(OutboxStatus::Failed) => entry.failed += messages,
                None => {
                    return Err(StorageError::Database(sqlx::Error::Decode(
                        format!("unknown status {status:?} in outbox table").into(),
                    )));
                }
            }
        }
        counts.sort_by(|a, b| {
            b.last_created_at
                .cmp(&a.last_created_at)
                .then_with(|| a.reference.cmp(&b.reference))
        });
        Ok(counts)
    }

    /// How many messages each status holds (`queued`, `sending`, `sent`, `failed`), in that
    /// column's order; a status without messages is left out. For monitoring and benchmarks.
    pub async fn count_outbox_by_status(&self) -> Result<Vec<(String, i64)>, StorageError> {
        let rows = sqlx::query(
            "SELECT status, COUNT(*) AS messages FROM outbox GROUP BY status ORDER BY status",
        )
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|row| Ok((row.try_get("status")?, row.try_get("messages")?)))
            .collect()
    }

    /// One message's state, or `None` for an unknown id.
    pub async fn find_outbox(&self, id: &str) -> Result<Option<OutboxEntry>, StorageError> {
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {ENTRY_COLUMNS} FROM outbox WHERE id = $1"
        )))
        .bind(id)
        .fetch_optional(self.pool())
        .await?;
        row.as_ref().map(outbox_entry).transpose()
    }
}

fn outbox_entry(row: &AnyRow) -> Result<OutboxEntry, StorageError> {
    let status: String = row.try_get("status")?;
    Ok(OutboxEntry {
        id: row.try_get("id")?,
        recipient: row.try_get("recipient")?,
        subject: row.try_get("subject")?,
        status: OutboxStatus::parse(&status).ok_or_else(|| {
            StorageError::Database(sqlx::Error::Decode(
                format!("unknown status {status:?} in outbox table").into(),
            ))
        })?,
        attempts: row.try_get("attempts")?,
        next_attempt_at: row.try_get("next_attempt_at")?,
        last_error: row.try_get("last_error")?,
        created_at: row.try_get("created_at")?,
        sent_at: row.try_get("sent_at")?,
        reference: row.try_get("reference")?,
    })
}
