//! The email outbox table. A message is written here first — inside the caller's transaction
//! when it has one, so an invitation and its email commit or roll back together — and a worker
//! claims, sends and marks it. Claims are conditional updates checked by `rows_affected`, so two
//! server processes sharing one database never both take the same message.

use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

use super::{Db, StorageError};
use crate::email::OutgoingEmail;

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

/// A message's delivery state, for status pages (no bodies).
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
}

const ENTRY_COLUMNS: &str = "id, recipient, subject, status, attempts, next_attempt_at, \
                             last_error, created_at, sent_at, reference";

/// Queues a message on a connection the caller holds, typically `&mut *tx` of an open
/// transaction: the message exists exactly when the transaction commits. Returns its id.
pub async fn enqueue_email_in(
    conn: &mut AnyConnection,
    email: &OutgoingEmail,
    now: i64,
) -> Result<String, StorageError> {
    let id = super::new_id();
    sqlx::query(
        "INSERT INTO outbox (id, recipient, subject, text_body, html_body, status, attempts, \
         next_attempt_at, created_at, reference) \
         VALUES ($1, $2, $3, $4, $5, 'queued', 0, $6, $6, $7)",
    )
    .bind(&id)
    .bind(email.to.as_str())
    .bind(&email.subject)
    .bind(&email.text)
    .bind(&email.html)
    .bind(now)
    .bind(email.reference.as_deref())
    .execute(&mut *conn)
    .await?;
    Ok(id)
}

impl Db {
    /// Opens a transaction, for callers outside this module that must write their own rows and
    /// queue an email atomically (see [`enqueue_email_in`]).
    pub async fn begin(&self) -> Result<sqlx::Transaction<'static, sqlx::Any>, StorageError> {
        Ok(self.pool().begin().await?)
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
                 RETURNING id, recipient, subject, text_body, html_body, attempts, reference",
            )
            .bind(&id)
            .bind(worker_id)
            .bind(now + lease_secs)
            .bind(now)
            .fetch_optional(self.pool())
            .await?;
            if let Some(row) = row {
                claimed.push(ClaimedMessage {
                    id: row.try_get("id")?,
                    recipient: row.try_get("recipient")?,
                    subject: row.try_get("subject")?,
                    text_body: row.try_get("text_body")?,
                    html_body: row.try_get("html_body")?,
                    attempts: row.try_get("attempts")?,
                    reference: row.try_get("reference")?,
                });
            }
        }
        Ok(claimed)
    }

    /// Records a delivery. Unconditional on purpose: once the server accepted the message it
    /// is sent, even if this worker's lease had run out meanwhile. False for an unknown id.
    pub async fn mark_sent(&self, id: &str, now: i64) -> Result<bool, StorageError> {
        let changed = sqlx::query(
            "UPDATE outbox SET status = 'sent', sent_at = $2, claimed_by = NULL, \
             claimed_until = NULL, last_error = NULL WHERE id = $1",
        )
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

    /// Gives a claimed message up for good, keeping the reason for the organiser to see.
    /// Only the worker holding the claim may do so (false otherwise).
    pub async fn mark_failed(
        &self,
        id: &str,
        worker_id: &str,
        error: &str,
    ) -> Result<bool, StorageError> {
        let changed = sqlx::query(
            "UPDATE outbox SET status = 'failed', last_error = $3, claimed_by = NULL, \
             claimed_until = NULL \
             WHERE id = $1 AND status = 'sending' AND claimed_by = $2",
        )
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

    /// The newest `limit` messages, newest first, for the administrator's overview.
    pub async fn list_outbox(&self, limit: i64) -> Result<Vec<OutboxEntry>, StorageError> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {ENTRY_COLUMNS} FROM outbox ORDER BY created_at DESC, id LIMIT $1"
        )))
        .bind(limit)
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(outbox_entry).collect()
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
