//! Drafts, submission markers and submitted responses (see the migration
//! `20261204000008_anonymous_submissions.sql` for why each has the shape it has).
//!
//! What a submission writes: one marker row (a keyed hash of the invitation id), one response
//! row (a random id, the scan, the group and the answers; no time) and the deletion of one sealed
//! draft (an id derived from the link token). Nothing that names the invitation is inserted,
//! updated or deleted, and no response is ever rewritten, so neither the database nor its WAL,
//! backups or replicas tie a response to a person without the server's secret key.
//!
//! Submissions of one scan are serialised, and a submission never commits after its scan was
//! closed: on PostgreSQL the scan's row is locked `FOR UPDATE` as the first statement (closing
//! updates that row, so the two wait for each other; taken later, after the marker insert's
//! foreign-key check had share-locked the row, two submissions deadlocked); SQLite has one
//! writer at a time, and the first statement of a submission is a write, so it holds the write
//! lock before it reads anything. Either way the draft is read under that lock, so an answer
//! saved a moment before the submission is part of it.

use std::collections::{BTreeMap, HashSet};

use sqlx::{AnyConnection, Row};

use super::{Backend, Db, StorageError};

/// What became of a submission.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SubmitOutcome {
    Stored,
    /// Submitted before: nothing changed.
    AlreadySubmitted,
    /// The scan is not open (any more): nothing changed.
    NotOpen,
    /// The link was revoked meanwhile: nothing changed.
    Revoked,
}

/// A submission as the storage receives it: everything keyed or sealed by the caller.
#[derive(Debug, Clone, Copy)]
pub struct Submission<'a> {
    /// The invitation, only to check that its link still works: it is read, never written.
    pub invitation_id: &'a str,
    /// The invitation's submission marker (`LinkSecret::submission_marker`).
    pub marker: &'a str,
    /// The id of the link's sealed draft, deleted with the submission.
    pub draft_id: &'a str,
    pub scan_id: &'a str,
    pub group_id: &'a str,
}

/// A stored response: its random id, scan, group and answers (JSON), nothing else.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredResponse {
    pub id: String,
    pub scan_id: String,
    pub group_id: String,
    pub answers: String,
}

/// A draft in the form the schema before issue 18 kept it (in clear, under the invitation id),
/// still to be sealed by the server at start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LegacyDraft {
    pub invitation_id: String,
    pub scan_id: String,
    pub link_generation: i64,
    pub answers: String,
}

/// `FOR UPDATE`/`FOR SHARE` where the database has row locks (PostgreSQL); SQLite serialises
/// writers on its own.
fn row_lock(backend: Backend, lock: &str) -> &str {
    match backend {
        Backend::Postgres => lock,
        Backend::Sqlite => "",
    }
}

/// Whether the scan is open before its deadline, read with `lock` (as [`scan_is_open`]).
async fn open_before_deadline(
    conn: &mut AnyConnection,
    scan_id: &str,
    now: i64,
    lock: &str,
) -> Result<bool, StorageError> {
    Ok(sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT 1 FROM scans WHERE id = $1 AND status = 'open' AND deadline > $2 {lock}"
    )))
    .bind(scan_id)
    .bind(now)
    .fetch_optional(&mut *conn)
    .await?
    .is_some())
}

/// Whether the scan is open, read with `lock` (PostgreSQL row lock, or "" for none).
async fn scan_is_open(
    conn: &mut AnyConnection,
    scan_id: &str,
    lock: &str,
) -> Result<bool, StorageError> {
    Ok(sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT 1 FROM scans WHERE id = $1 AND status = 'open' {lock}"
    )))
    .bind(scan_id)
    .fetch_optional(&mut *conn)
    .await?
    .is_some())
}

impl Db {
    /// Changes the sealed draft `draft_id` of scan `scan_id`, in one transaction that first
    /// takes the draft's row (so concurrent changes of one respondent's draft run one after the
    /// other, each on the latest state). `change` gets the stored sealed draft (`None` for a new
    /// draft) and returns the new one, or an error that leaves everything as it was. `Ok(None)`
    /// when the invitation has submitted (its `marker` exists) or the scan is not open: nothing
    /// is stored.
    pub async fn change_draft<E>(
        &self,
        draft_id: &str,
        scan_id: &str,
        marker: &str,
        change: impl FnOnce(Option<String>) -> Result<String, E>,
    ) -> Result<Option<Result<(), E>>, StorageError> {
        let mut tx = self.begin().await?;
        // PostgreSQL: first a shared lock on the scan's row, so a submission (which locks it for
        // update) and a save of the same respondent cannot interleave and no draft is left
        // behind a submission; saves of different respondents do not wait for each other.
        // SQLite: first a write, which takes the write lock before anything is read (a read
        // first could not be upgraded once another write committed).
        let postgres = self.backend() == Backend::Postgres;
        if postgres && !scan_is_open(&mut tx, scan_id, "FOR SHARE").await? {
            tx.rollback().await?;
            return Ok(None);
        }
        // Take the row (insert an empty one, or touch it): the lock that orders changes.
        let taken = sqlx::query(
            "INSERT INTO sealed_drafts (id, scan_id, sealed) \
             SELECT $1, $2, '' WHERE NOT EXISTS \
               (SELECT 1 FROM submission_markers WHERE marker = $3) \
             ON CONFLICT (id) DO UPDATE SET sealed = sealed_drafts.sealed",
        )
        .bind(draft_id)
        .bind(scan_id)
        .bind(marker)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if taken != 1 || (!postgres && !scan_is_open(&mut tx, scan_id, "").await?) {
            tx.rollback().await?;
            return Ok(None);
        }
        let current: Option<String> =
            sqlx::query("SELECT sealed FROM sealed_drafts WHERE id = $1 AND scan_id = $2")
                .bind(draft_id)
                .bind(scan_id)
                .fetch_optional(&mut *tx)
                .await?
                .map(|r| r.try_get("sealed"))
                .transpose()?
                .filter(|sealed: &String| !sealed.is_empty());
        match change(current) {
            Ok(sealed) => {
                sqlx::query("UPDATE sealed_drafts SET sealed = $2 WHERE id = $1")
                    .bind(draft_id)
                    .bind(&sealed)
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

    /// Submits once, in one transaction: takes the scan's lock (see the module doc), records
    /// the marker (only if it is new), checks that the scan is open before its deadline and the
    /// link still works, reads the link's sealed draft, inserts the response `answers` makes of
    /// it (JSON) and deletes the draft.
    pub async fn submit_response(
        &self,
        submission: &Submission<'_>,
        now: i64,
        answers: impl FnOnce(Option<String>) -> String,
    ) -> Result<SubmitOutcome, StorageError> {
        let mut tx = self.begin().await?;
        let postgres = self.backend() == Backend::Postgres;
        let lock = row_lock(self.backend(), "FOR UPDATE");
        if postgres && !open_before_deadline(&mut tx, submission.scan_id, now, lock).await? {
            tx.rollback().await?;
            return Ok(SubmitOutcome::NotOpen);
        }
        // On SQLite the first statement: a write takes the write lock before anything is read.
        let marked = sqlx::query(
            "INSERT INTO submission_markers (marker, scan_id) VALUES ($1, $2) \
             ON CONFLICT (marker) DO NOTHING",
        )
        .bind(submission.marker)
        .bind(submission.scan_id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if marked != 1 {
            tx.rollback().await?;
            return Ok(SubmitOutcome::AlreadySubmitted);
        }
        if !postgres && !open_before_deadline(&mut tx, submission.scan_id, now, lock).await? {
            tx.rollback().await?;
            return Ok(SubmitOutcome::NotOpen);
        }
        // A plain read, no row lock: on PostgreSQL a lock would stamp the invitation's row with
        // this transaction's id, the same id the response row carries.
        let invited = sqlx::query(
            "SELECT 1 FROM scan_invitations WHERE id = $1 AND scan_id = $2 AND status = 'invited'",
        )
        .bind(submission.invitation_id)
        .bind(submission.scan_id)
        .fetch_optional(&mut *tx)
        .await?;
        if invited.is_none() {
            tx.rollback().await?;
            return Ok(SubmitOutcome::Revoked);
        }
        let draft: Option<String> =
            sqlx::query("SELECT sealed FROM sealed_drafts WHERE id = $1 AND scan_id = $2")
                .bind(submission.draft_id)
                .bind(submission.scan_id)
                .fetch_optional(&mut *tx)
                .await?
                .map(|r| r.try_get("sealed"))
                .transpose()?
                .filter(|sealed: &String| !sealed.is_empty());
        sqlx::query(
            "INSERT INTO responses (id, scan_id, group_id, answers) VALUES ($1, $2, $3, $4)",
        )
        .bind(super::new_id())
        .bind(submission.scan_id)
        .bind(submission.group_id)
        .bind(answers(draft))
        .execute(&mut *tx)
        .await?;
        sqlx::query("DELETE FROM sealed_drafts WHERE id = $1")
            .bind(submission.draft_id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(SubmitOutcome::Stored)
    }

    /// Whether the invitation with this submission marker has submitted.
    pub async fn has_submitted(&self, marker: &str) -> Result<bool, StorageError> {
        const SQL: &str = "SELECT 1 FROM submission_markers WHERE marker = $1";
        let direct = self.read_directly(|connection| {
            let mut statement = connection.prepare_cached(SQL)?;
            Ok(statement.exists([marker])?)
        })?;
        if let Some(found) = direct {
            return Ok(found);
        }
        Ok(sqlx::query(SQL)
            .bind(marker)
            .fetch_optional(self.pool())
            .await?
            .is_some())
    }

    /// The submission markers of a scan: the server tells whose they are by computing each
    /// invitation's marker (reminders, per-person status where the scan allows it).
    pub async fn submission_markers(&self, scan_id: &str) -> Result<HashSet<String>, StorageError> {
        let mut conn = self.pool().acquire().await?;
        submission_markers_in(&mut conn, scan_id).await
    }

    /// How many responses each group of a scan has. Counted from the responses themselves, so
    /// revoking an invitation (after it submitted or not) changes no count.
    pub async fn response_counts(
        &self,
        scan_id: &str,
    ) -> Result<BTreeMap<String, usize>, StorageError> {
        sqlx::query(
            "SELECT group_id, COUNT(*) AS n FROM responses WHERE scan_id = $1 GROUP BY group_id",
        )
        .bind(scan_id)
        .fetch_all(self.pool())
        .await?
        .iter()
        .map(|r| Ok((r.try_get("group_id")?, r.try_get::<i64, _>("n")? as usize)))
        .collect()
    }

    /// Deletes one link's draft (the link was revoked).
    pub async fn delete_draft(&self, draft_id: &str) -> Result<(), StorageError> {
        sqlx::query("DELETE FROM sealed_drafts WHERE id = $1")
            .bind(draft_id)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// The responses of a scan, ordered by their random id (so in no meaningful order).
    pub async fn list_responses(&self, scan_id: &str) -> Result<Vec<StoredResponse>, StorageError> {
        sqlx::query(
            "SELECT id, scan_id, group_id, answers FROM responses WHERE scan_id = $1 ORDER BY id",
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
            "SELECT r.id, r.scan_id, r.group_id, r.answers FROM responses r \
             JOIN scans s ON s.id = r.scan_id WHERE s.status = 'closed' \
             ORDER BY r.scan_id, r.id",
        )
        .fetch_all(self.pool())
        .await?
        .iter()
        .map(response_from_row)
        .collect()
    }

    /// Invitations marked submitted the old way (`submitted_at`), with their scans.
    pub async fn legacy_submissions(&self) -> Result<Vec<(String, String)>, StorageError> {
        sqlx::query("SELECT id, scan_id FROM scan_invitations WHERE submitted_at IS NOT NULL")
            .fetch_all(self.pool())
            .await?
            .iter()
            .map(|r| Ok((r.try_get("id")?, r.try_get("scan_id")?)))
            .collect()
    }

    /// Replaces an old-style `submitted_at` by the invitation's marker, in one transaction.
    pub async fn replace_legacy_submission(
        &self,
        invitation_id: &str,
        scan_id: &str,
        marker: &str,
    ) -> Result<(), StorageError> {
        let mut tx = self.begin().await?;
        sqlx::query(
            "INSERT INTO submission_markers (marker, scan_id) VALUES ($1, $2) \
             ON CONFLICT (marker) DO NOTHING",
        )
        .bind(marker)
        .bind(scan_id)
        .execute(&mut *tx)
        .await?;
        sqlx::query("UPDATE scan_invitations SET submitted_at = NULL WHERE id = $1")
            .bind(invitation_id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Drafts kept in clear the old way, with what it takes to derive their links.
    pub async fn legacy_drafts(&self) -> Result<Vec<LegacyDraft>, StorageError> {
        sqlx::query(
            "SELECT d.invitation_id, i.scan_id, i.link_generation, d.answers \
             FROM response_drafts d JOIN scan_invitations i ON i.id = d.invitation_id",
        )
        .fetch_all(self.pool())
        .await?
        .iter()
        .map(|r| {
            Ok(LegacyDraft {
                invitation_id: r.try_get("invitation_id")?,
                scan_id: r.try_get("scan_id")?,
                link_generation: r.try_get("link_generation")?,
                answers: r.try_get("answers")?,
            })
        })
        .collect()
    }

    /// Replaces an old-style draft by its sealed form (`None`: just delete it), in one
    /// transaction.
    pub async fn replace_legacy_draft(
        &self,
        invitation_id: &str,
        sealed: Option<(&str, &str, &str)>,
    ) -> Result<(), StorageError> {
        let mut tx = self.begin().await?;
        if let Some((draft_id, scan_id, sealed)) = sealed {
            sqlx::query(
                "INSERT INTO sealed_drafts (id, scan_id, sealed) VALUES ($1, $2, $3) \
                 ON CONFLICT (id) DO NOTHING",
            )
            .bind(draft_id)
            .bind(scan_id)
            .bind(sealed)
            .execute(&mut *tx)
            .await?;
        }
        sqlx::query("DELETE FROM response_drafts WHERE invitation_id = $1")
            .bind(invitation_id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }
}

/// [`Db::submission_markers`] on a connection the caller holds (inside a transaction).
pub async fn submission_markers_in(
    conn: &mut AnyConnection,
    scan_id: &str,
) -> Result<HashSet<String>, StorageError> {
    sqlx::query("SELECT marker FROM submission_markers WHERE scan_id = $1")
        .bind(scan_id)
        .fetch_all(&mut *conn)
        .await?
        .iter()
        .map(|r| Ok(r.try_get("marker")?))
        .collect()
}

/// Deletes every draft of a scan (it closed: nobody can send one any more).
pub async fn delete_scan_drafts_in(
    conn: &mut AnyConnection,
    scan_id: &str,
) -> Result<(), StorageError> {
    sqlx::query("DELETE FROM sealed_drafts WHERE scan_id = $1")
        .bind(scan_id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

fn response_from_row(row: &sqlx::any::AnyRow) -> Result<StoredResponse, StorageError> {
    Ok(StoredResponse {
        id: row.try_get("id")?,
        scan_id: row.try_get("scan_id")?,
        group_id: row.try_get("group_id")?,
        answers: row.try_get("answers")?,
    })
}
