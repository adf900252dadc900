//! Drafts and submitted responses. See the migration for why a response carries no link to its
//! invitation and why a submission rewrites the scan's responses in random order.

use rand::seq::SliceRandom;
use sqlx::Row;

use super::{Db, StorageError};

/// What became of a submission.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SubmitOutcome {
    Stored,
    /// Submitted before: nothing changed.
    AlreadySubmitted,
    /// The scan is not open (any more), or the link was revoked: nothing changed.
    NotOpen,
}

/// A stored response: its scan, group and answers (JSON), nothing else.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredResponse {
    pub scan_id: String,
    pub group_id: String,
    pub answers: String,
}

impl Db {
    /// Stores the draft answers (JSON) of an invitation that has not submitted yet; false when
    /// it has (then nothing is stored).
    pub async fn save_draft(
        &self,
        invitation_id: &str,
        answers: &str,
        now: i64,
    ) -> Result<bool, StorageError> {
        let changed = sqlx::query(
            "INSERT INTO response_drafts (invitation_id, answers, updated_at) \
             SELECT $1, $2, $3 WHERE EXISTS (SELECT 1 FROM scan_invitations \
               WHERE id = $1 AND status = 'invited' AND submitted_at IS NULL) \
             ON CONFLICT (invitation_id) DO UPDATE SET answers = excluded.answers, \
               updated_at = excluded.updated_at",
        )
        .bind(invitation_id)
        .bind(answers)
        .bind(now)
        .execute(self.pool())
        .await?
        .rows_affected();
        Ok(changed == 1)
    }

    /// Changes the draft of an invitation that has not submitted yet, in one transaction that
    /// first takes the draft's row (so concurrent changes of one respondent's draft — a form
    /// post and an answer saved as it is given — run one after the other, each on the latest
    /// state). `change` gets the stored answers (JSON, `None` for a new draft) and returns the
    /// new ones or an error that leaves everything as it was. `Ok(None)` when the invitation
    /// has submitted (or cannot answer): nothing is stored.
    pub async fn change_draft<E>(
        &self,
        invitation_id: &str,
        now: i64,
        change: impl FnOnce(Option<String>) -> Result<String, E>,
    ) -> Result<Option<Result<(), E>>, StorageError> {
        let mut tx = self.pool().begin().await?;
        // Take the row first (insert or touch): the lock that orders concurrent changes.
        let taken = sqlx::query(
            "INSERT INTO response_drafts (invitation_id, answers, updated_at) \
             SELECT $1, '{}', $2 WHERE EXISTS (SELECT 1 FROM scan_invitations \
               WHERE id = $1 AND status = 'invited' AND submitted_at IS NULL) \
             ON CONFLICT (invitation_id) DO UPDATE SET updated_at = excluded.updated_at",
        )
        .bind(invitation_id)
        .bind(now)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if taken != 1 {
            tx.rollback().await?;
            return Ok(None);
        }
        // Read under the lock: the latest committed state.
        let current: Option<String> =
            sqlx::query("SELECT answers FROM response_drafts WHERE invitation_id = $1")
                .bind(invitation_id)
                .fetch_optional(&mut *tx)
                .await?
                .map(|r| r.try_get("answers"))
                .transpose()?
                .filter(|json| json != "{}");
        match change(current) {
            Ok(json) => {
                sqlx::query("UPDATE response_drafts SET answers = $2 WHERE invitation_id = $1")
                    .bind(invitation_id)
                    .bind(&json)
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await?;
                Ok(Some(Ok(())))
            }
            Err(error) => {
                tx.rollback().await?;
                Ok(Some(Err(error)))
            }
        }
    }

    /// Submits once, in one transaction: marks the invitation submitted (only if it is invited,
    /// not yet submitted, and its scan is open before its deadline), stores the response among
    /// the scan's others in a fresh random order, and removes the draft.
    pub async fn submit_response(
        &self,
        invitation_id: &str,
        scan_id: &str,
        group_id: &str,
        answers: &str,
        now: i64,
    ) -> Result<SubmitOutcome, StorageError> {
        let mut tx = self.pool().begin().await?;
        let marked = sqlx::query(
            "UPDATE scan_invitations SET submitted_at = $3 \
             WHERE id = $1 AND scan_id = $2 AND status = 'invited' AND submitted_at IS NULL \
             AND EXISTS (SELECT 1 FROM scans WHERE id = $2 AND status = 'open' AND deadline > $3)",
        )
        .bind(invitation_id)
        .bind(scan_id)
        .bind(now)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if marked != 1 {
            let submitted: Option<Option<i64>> =
                sqlx::query("SELECT submitted_at FROM scan_invitations WHERE id = $1")
                    .bind(invitation_id)
                    .fetch_optional(&mut *tx)
                    .await?
                    .map(|r| r.try_get("submitted_at"))
                    .transpose()?;
            tx.rollback().await?;
            return Ok(match submitted {
                Some(Some(_)) => SubmitOutcome::AlreadySubmitted,
                _ => SubmitOutcome::NotOpen,
            });
        }
        let mut all: Vec<(String, String)> =
            sqlx::query("SELECT group_id, answers FROM responses WHERE scan_id = $1")
                .bind(scan_id)
                .fetch_all(&mut *tx)
                .await?
                .iter()
                .map(|r| Ok((r.try_get("group_id")?, r.try_get("answers")?)))
                .collect::<Result<_, StorageError>>()?;
        all.push((group_id.to_owned(), answers.to_owned()));
        all.shuffle(&mut rand::rng());
        sqlx::query("DELETE FROM responses WHERE scan_id = $1")
            .bind(scan_id)
            .execute(&mut *tx)
            .await?;
        for (group, answers) in &all {
            sqlx::query(
                "INSERT INTO responses (id, scan_id, group_id, answers) VALUES ($1, $2, $3, $4)",
            )
            .bind(super::new_id())
            .bind(scan_id)
            .bind(group)
            .bind(answers)
            .execute(&mut *tx)
            .await?;
        }
        sqlx::query("DELETE FROM response_drafts WHERE invitation_id = $1")
            .bind(invitation_id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(SubmitOutcome::Stored)
    }

    /// The responses of a scan, ordered by their random id (so in no meaningful order).
    pub async fn list_responses(&self, scan_id: &str) -> Result<Vec<StoredResponse>, StorageError> {
        sqlx::query(
            "SELECT scan_id, group_id, answers FROM responses WHERE scan_id = $1 ORDER BY id",
        )
        .bind(scan_id)
        .fetch_all(self.pool())
        .await?
        .iter()
        .map(response_from_row)
        .collect()
    }

    /// The responses of every closed scan, in one query: ordered by scan, and within a scan
    /// by random id as in [`Db::list_responses`]. For the organisation-wide report run
    /// (`report::organisation`), which would otherwise ask once per scan.
    pub async fn responses_of_closed_scans(&self) -> Result<Vec<StoredResponse>, StorageError> {
        sqlx::query(
            "SELECT r.scan_id, r.group_id, r.answers FROM responses r \
             JOIN scans s ON s.id = r.scan_id WHERE s.status = 'closed' \
             ORDER BY r.scan_id, r.id",
        )
        .fetch_all(self.pool())
        .await?
        .iter()
        .map(response_from_row)
        .collect()
    }
}

fn response_from_row(row: &sqlx::any::AnyRow) -> Result<StoredResponse, StorageError> {
    Ok(StoredResponse {
        scan_id: row.try_get("scan_id")?,
        group_id: row.try_get("group_id")?,
        answers: row.try_get("answers")?,
    })
}
