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

/// A stored response: its group and answers (JSON), nothing else.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredResponse {
    pub group_id: String,
    pub answers: String,
}

impl Db {
    /// The draft answers (JSON) of an invitation.
    pub async fn load_draft(&self, invitation_id: &str) -> Result<Option<String>, StorageError> {
        let row = sqlx::query("SELECT answers FROM response_drafts WHERE invitation_id = $1")
            .bind(invitation_id)
            .fetch_optional(self.pool())
            .await?;
        row.map(|r| r.try_get("answers").map_err(Into::into))
            .transpose()
    }

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
        sqlx::query("SELECT group_id, answers FROM responses WHERE scan_id = $1 ORDER BY id")
            .bind(scan_id)
            .fetch_all(self.pool())
            .await?
            .iter()
            .map(|r| {
                Ok(StoredResponse {
                    group_id: r.try_get("group_id")?,
                    answers: r.try_get("answers")?,
                })
            })
            .collect()
    }
}
