//! The SQL of the retention job (issue 21, `crate::retention`): which conversation records and
//! closed scans are due, and removing their content while their row stays as a content-free line
//! (type or framework, dates, `removed_at`).
//!
//! Each removal starts with a conditional update that claims the row (`removed_at IS NULL` and
//! the due test repeated), in the caller's transaction: of two server processes running the job
//! at once exactly one removes a given record or scan, and a run repeated changes nothing. The
//! deletes follow in the same transaction and hand back the ids of the outbox messages they
//! deleted, whose `.eml` files (`<outbox id>.eml`) the job then deletes. Deleted content is not
//! left readable in the SQLite file: the pool runs with `secure_delete`, and the job empties the
//! WAL afterwards (`Db::checkpoint`).

use sqlx::{AnyConnection, Row};

use super::{Db, StorageError};
use crate::domain::retention::{conversation_about, scan_about, scrub_scan_settings};

/// A record, not removed, as retention weighs it: approved, its `keep_until`; not approved,
/// its last change and its type (whose `retention_months` count from that change,
/// `domain::conversation::retention::record_keep_until`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordRetentionLine {
    pub id: String,
    pub type_id: String,
    pub type_version: i64,
    /// `conversations.updated_at`: the last change.
    pub updated_at: i64,
    /// Set on approval; `None` while not approved.
    pub keep_until: Option<i64>,
}

/// A closed scan the job considers: when it closed, and every record that attached it and is
/// not removed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScanRetentionLine {
    pub scan_id: String,
    pub closed_at: i64,
    pub removed_at: Option<i64>,
    /// One entry per holding record.
    pub records: Vec<RecordRetentionLine>,
}

/// The columns of a [`RecordRetentionLine`], from `conversations c`.
macro_rules! record_line_select {
    () => {
        "SELECT c.id, c.type_id, c.type_version, c.updated_at, c.keep_until FROM conversations c "
    };
}

fn record_line(row: &sqlx::any::AnyRow) -> Result<RecordRetentionLine, StorageError> {
    Ok(RecordRetentionLine {
        id: row.try_get("id")?,
        type_id: row.try_get("type_id")?,
        type_version: row.try_get("type_version")?,
        updated_at: row.try_get("updated_at")?,
        keep_until: row.try_get("keep_until")?,
    })
}

/// A record's content, in the order it is deleted (children before the rows they refer to).
const CONVERSATION_CONTENT: [&str; 7] = [
    "DELETE FROM conversation_links WHERE party_id IN \
     (SELECT id FROM conversation_parties WHERE conversation_id = $1)",
    "DELETE FROM conversation_agenda_items WHERE conversation_id = $1",
    "DELETE FROM conversation_sections WHERE conversation_id = $1",
    "DELETE FROM conversation_agreements WHERE conversation_id = $1",
    "DELETE FROM conversation_scans WHERE conversation_id = $1",
    "DELETE FROM conversation_audit WHERE conversation_id = $1",
    "DELETE FROM conversation_parties WHERE conversation_id = $1",
];

/// A scan's content, deleted after its messages (which are found through its invitations).
const SCAN_CONTENT: [&str; 7] = [
    "DELETE FROM response_drafts WHERE invitation_id IN \
     (SELECT id FROM scan_invitations WHERE scan_id = $1)",
    "DELETE FROM scan_invitations WHERE scan_id = $1",
    "DELETE FROM responses WHERE scan_id = $1",
    "DELETE FROM submission_markers WHERE scan_id = $1",
    "DELETE FROM sealed_drafts WHERE scan_id = $1",
    "DELETE FROM report_reader_notices WHERE scan_id = $1",
    // The report as an appraisal cycle's manager received it (art. 6 lid 10) goes with the scan:
    // the cycle keeps that a scan was attached, not the informants' figures and words.
    "UPDATE appraisal_cycles SET scan_report = NULL WHERE scan_id = $1",
];

impl Db {
    /// Records whose content is still there and that may be due at `now`: approved ones whose
    /// `keep_until` has passed, and ones not approved whose last change was before
    /// `changed_before` (a coarse bound: the job decides with the type's months and the
    /// calendar).
    pub async fn conversations_for_retention(
        &self,
        now: i64,
        changed_before: i64,
    ) -> Result<Vec<RecordRetentionLine>, StorageError> {
        sqlx::query(concat!(
            record_line_select!(),
            "WHERE c.removed_at IS NULL AND \
             ((c.keep_until IS NOT NULL AND c.keep_until < $1) \
              OR (c.keep_until IS NULL AND c.updated_at < $2)) ORDER BY c.id"
        ))
        .bind(now)
        .bind(changed_before)
        .fetch_all(self.pool())
        .await?
        .iter()
        .map(record_line)
        .collect()
    }

    /// Closed scans, not removed, that closed before `closed_before` (a coarse bound: the job
    /// decides with the calendar rule), with the records that hold them.
    pub async fn scans_for_retention(
        &self,
        closed_before: i64,
    ) -> Result<Vec<ScanRetentionLine>, StorageError> {
        let rows = sqlx::query(
            "SELECT id, closed_at FROM scans \
             WHERE status = 'closed' AND removed_at IS NULL AND closed_at IS NOT NULL \
               AND closed_at < $1 ORDER BY closed_at, id",
        )
        .bind(closed_before)
        .fetch_all(self.pool())
        .await?;
        let mut lines = Vec::with_capacity(rows.len());
        for row in rows {
            let scan_id: String = row.try_get("id")?;
            let records = self.holding_records(&scan_id).await?;
            lines.push(ScanRetentionLine {
                closed_at: row.try_get("closed_at")?,
                removed_at: None,
                scan_id,
                records,
            });
        }
        Ok(lines)
    }

    /// One scan's retention facts (`None` for an unknown scan or one that never closed).
    pub async fn scan_retention_line(
        &self,
        scan_id: &str,
    ) -> Result<Option<ScanRetentionLine>, StorageError> {
        let row = sqlx::query("SELECT closed_at, removed_at FROM scans WHERE id = $1")
            .bind(scan_id)
            .fetch_optional(self.pool())
            .await?;
        let Some(row) = row else { return Ok(None) };
        let Some(closed_at) = row.try_get::<Option<i64>, _>("closed_at")? else {
            return Ok(None);
        };
        Ok(Some(ScanRetentionLine {
            scan_id: scan_id.to_owned(),
            closed_at,
            removed_at: row.try_get("removed_at")?,
            records: self.holding_records(scan_id).await?,
        }))
    }

    /// Every record, not removed, that attached the scan.
    async fn holding_records(
        &self,
        scan_id: &str,
    ) -> Result<Vec<RecordRetentionLine>, StorageError> {
        sqlx::query(concat!(
            record_line_select!(),
            "JOIN conversation_scans cs ON cs.conversation_id = c.id \
             WHERE cs.scan_id = $1 AND c.removed_at IS NULL ORDER BY c.id"
        ))
        .bind(scan_id)
        .fetch_all(self.pool())
        .await?
        .iter()
        .map(record_line)
        .collect()
    }

    /// When the retention job removed the scan's content, if it did.
    pub async fn scan_removed_at(&self, scan_id: &str) -> Result<Option<i64>, StorageError> {
        let row = sqlx::query("SELECT removed_at FROM scans WHERE id = $1")
            .bind(scan_id)
            .fetch_optional(self.pool())
            .await?;
        Ok(match row {
            Some(row) => row.try_get("removed_at")?,
            None => None,
        })
    }
}

/// Claims a record that is due and blanks its own row: subject, place and settings emptied,
/// state 'removed', `removed_at` set; type and dates kept. Approved, it is due when its
/// `keep_until` has passed; not approved, the job decided from its last change `seen_updated_at`,
/// and the claim holds only while the record is still unapproved and unchanged since (a change
/// or an approval in between moves its date on). False when it is not due, changed, or another
/// run took it.
pub async fn claim_conversation_removal_in(
    conn: &mut AnyConnection,
    conversation_id: &str,
    seen_updated_at: i64,
    now: i64,
) -> Result<bool, StorageError> {
    let changed = sqlx::query(
        "UPDATE conversations SET subject_name = '', place = '', settings = '{}', \
         state = 'removed', removed_at = $2, updated_at = $2, revision = revision + 1 \
         WHERE id = $1 AND removed_at IS NULL AND ((keep_until IS NOT NULL AND keep_until < $2) \
           OR (keep_until IS NULL AND updated_at = $3))",
    )
    .bind(conversation_id)
    .bind(now)
    .bind(seen_updated_at)
    .execute(&mut *conn)
    .await?
    .rows_affected();
    Ok(changed == 1)
}

/// Deletes a claimed record's content: its parties (names, addresses) and their links, agenda,
/// sections, agreements, attached scan reports, audit trail and messages. Returns the ids of the
/// messages deleted.
pub async fn delete_conversation_content_in(
    conn: &mut AnyConnection,
    conversation_id: &str,
) -> Result<Vec<String>, StorageError> {
    let about = conversation_about(conversation_id);
    let messages = delete_messages_in(
        conn,
        "DELETE FROM outbox WHERE about = $1 RETURNING id",
        &[&about],
    )
    .await?;
    for sql in CONVERSATION_CONTENT {
        sqlx::query(sql)
            .bind(conversation_id)
            .execute(&mut *conn)
            .await?;
    }
    Ok(messages)
}

/// Claims a closed scan for removal and blanks its own row: the subject's name, the settings'
/// names, addresses and free text, the released report. The claim repeats what the job decided:
/// still closed at the same moment, not removed, and no record that is not removed holds it:
/// none approved and kept beyond `now`, and none unapproved at all. The job removes the records
/// due at `now` first, so an unapproved record still there is kept beyond `now` (or changed
/// meanwhile): it holds the scan, and the next run weighs it again. False when it no longer
/// qualifies or another run took it.
pub async fn claim_scan_removal_in(
    conn: &mut AnyConnection,
    scan_id: &str,
    closed_at: i64,
    now: i64,
) -> Result<bool, StorageError> {
    let Some(row) = sqlx::query("SELECT settings FROM scans WHERE id = $1")
        .bind(scan_id)
        .fetch_optional(&mut *conn)
        .await?
    else {
        return Ok(false);
    };
    let settings: String = row.try_get("settings")?;
    // Unreadable settings cannot be kept in part; what would name someone goes with the rest.
    let scrubbed = scrub_scan_settings(&settings).unwrap_or_else(|_| "{}".to_owned());
    let changed = sqlx::query(
        "UPDATE scans SET subject_name = '', settings = $4, released_report = NULL, \
         reminder_at = NULL, removed_at = $3, updated_at = $3, revision = revision + 1 \
         WHERE id = $1 AND status = 'closed' AND closed_at = $2 AND removed_at IS NULL \
           AND NOT EXISTS (SELECT 1 FROM conversation_scans cs \
               JOIN conversations c ON c.id = cs.conversation_id \
               WHERE cs.scan_id = scans.id AND c.removed_at IS NULL \
                 AND (c.keep_until IS NULL OR c.keep_until >= $3))",
    )
    .bind(scan_id)
    .bind(closed_at)
    .bind(now)
    .bind(&scrubbed)
    .execute(&mut *conn)
    .await?
    .rows_affected();
    Ok(changed == 1)
}

/// Deletes a claimed scan's content: its messages (about the scan, or referring to it or one of
/// its invitations), invitations (names, addresses), drafts, responses (answers and comments),
/// submission markers and the readers' notices (addresses). Returns the ids of the messages
/// deleted.
pub async fn delete_scan_content_in(
    conn: &mut AnyConnection,
    scan_id: &str,
) -> Result<Vec<String>, StorageError> {
    let about = scan_about(scan_id);
    // The readers' messages name the scan so (`scans::notify_readers::reference`).
    let readers = format!("reader:{scan_id}");
    let messages = delete_messages_in(
        conn,
        "DELETE FROM outbox WHERE about = $1 OR reference = $2 OR reference = $3 \
            OR reference IN (SELECT id FROM scan_invitations WHERE scan_id = $2) \
         RETURNING id",
        &[&about, scan_id, &readers],
    )
    .await?;
    for sql in SCAN_CONTENT {
        sqlx::query(sql).bind(scan_id).execute(&mut *conn).await?;
    }
    Ok(messages)
}

async fn delete_messages_in(
    conn: &mut AnyConnection,
    sql: &'static str,
    binds: &[&str],
) -> Result<Vec<String>, StorageError> {
    let mut query = sqlx::query(sql);
    for value in binds {
        query = query.bind(*value);
    }
    query
        .fetch_all(&mut *conn)
        .await?
        .iter()
        .map(|row| Ok(row.try_get("id")?))
        .collect()
}
