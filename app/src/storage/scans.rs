//! Scans and their invitations. Status changes are conditional updates (`WHERE status = ...`),
//! so of two organisers pressing "open" at once only one opens the scan. Functions named `*_in`
//! run on a connection the caller holds inside a transaction, so a status change, the
//! invitations it touches and the emails it queues commit or roll back together.

use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

use std::sync::Arc;

use super::columns::Columns;
use super::settings_cache::{self, SettingsCache};
use super::{Db, StorageError};
use crate::domain::informants::Informant;
use crate::domain::scan::progress::{Delivery, InvitationRecord, InvitationStatus};
use crate::domain::scan::{ScanStatus, ValidScan};

/// A scan as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredScan {
    pub id: String,
    pub organiser_id: String,
    pub organiser_email: String,
    pub status: ScanStatus,
    /// Shared: the respondent's pages reuse one parse of unchanged settings.
    pub scan: Arc<ValidScan>,
    pub revision: i64,
    pub reminder_sent: bool,
    pub created_at: i64,
    pub opened_at: Option<i64>,
    pub closed_at: Option<i64>,
    /// When the report's figures were frozen for readers (released early, or reopened).
    pub released_at: Option<i64>,
}

/// What a working personal link leads to, read in one query: the invitation fields a
/// respondent's pages need, its scan and its draft. Every questionnaire page asks it, so it is
/// one statement instead of three, and on SQLite it is read on the calling thread
/// (`direct_read`).
#[derive(Debug, Clone, PartialEq)]
pub struct LinkTarget {
    pub invitation: LinkInvitation,
    pub scan: StoredScan,
    /// The link's sealed draft, when the respondent saved any (`auth::draft_seal`).
    pub sealed_draft: Option<String>,
}

/// The invitation behind a link, as far as its respondent's pages need it (not its name,
/// address or delivery state).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkInvitation {
    pub id: String,
    pub group_id: String,
}

/// One line of the scans overview.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ScanListItem {
    pub id: String,
    pub subject_name: String,
    pub framework_id: String,
    pub status: ScanStatus,
    pub deadline: i64,
    pub invited: i64,
    pub submitted: i64,
}

/// An invitation to (re)send: who, and which generation of link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvitationTarget {
    pub id: String,
    pub name: String,
    pub email: String,
    pub group_id: String,
    pub link_generation: i64,
}

const SCAN_COLUMNS: &str = "s.id, s.organiser_id, a.email AS organiser_email, s.status, \
    s.settings, s.revision, s.reminder_sent, s.created_at, s.opened_at, s.closed_at, s.released_at";

fn corrupt(what: impl std::fmt::Display) -> StorageError {
    StorageError::Corrupt(what.to_string())
}

fn scan_from_row(row: &impl Columns) -> Result<StoredScan, StorageError> {
    scan_from_row_with(row, |_, settings| {
        Ok(Arc::new(settings_cache::parse(settings)?))
    })
}

/// A scan row, its settings JSON read by `parse(scan id, settings)`.
fn scan_from_row_with(
    row: &impl Columns,
    parse: impl FnOnce(&str, &str) -> Result<Arc<ValidScan>, StorageError>,
) -> Result<StoredScan, StorageError> {
    let id = row.text("id")?;
    let status = row.text("status")?;
    let scan = parse(&id, &row.text("settings")?)?;
    Ok(StoredScan {
        organiser_id: row.text("organiser_id")?,
        organiser_email: row.text("organiser_email")?,
        status: ScanStatus::parse(&status).ok_or_else(|| corrupt(format!("status {status}")))?,
        scan,
        revision: row.int("revision")?,
        reminder_sent: row.int("reminder_sent")? == 1,
        created_at: row.int("created_at")?,
        opened_at: row.optional_int("opened_at")?,
        closed_at: row.optional_int("closed_at")?,
        released_at: row.optional_int("released_at")?,
        id,
    })
}

// The parameters are numbered in the order they appear: rusqlite (the direct reader) binds
// `$N` names by first appearance, not by number.
static FIND_LINK_SQL: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    format!(
        "SELECT {SCAN_COLUMNS}, i.id AS invitation_id, i.group_id AS invitation_group, \
           d.sealed AS draft \
         FROM scan_invitations i JOIN scans s ON s.id = i.scan_id \
         JOIN accounts a ON a.id = s.organiser_id \
         LEFT JOIN sealed_drafts d ON d.id = $1 AND d.scan_id = s.id \
         WHERE i.token_hash = $2 AND i.status = 'invited'"
    )
});

fn link_from_row(row: &impl Columns, settings: &SettingsCache) -> Result<LinkTarget, StorageError> {
    Ok(LinkTarget {
        invitation: LinkInvitation {
            id: row.text("invitation_id")?,
            group_id: row.text("invitation_group")?,
        },
        scan: scan_from_row_with(row, |id, text| settings.parse(id, text))?,
        sealed_draft: row
            .optional_text("draft")?
            .filter(|sealed| !sealed.is_empty()),
    })
}

fn settings_json(scan: &ValidScan) -> String {
    serde_json::to_string(scan).expect("a ValidScan always serialises")
}

/// When the automatic reminder is due, if the scan asks for one.
fn reminder_at(scan: &ValidScan) -> Option<i64> {
    scan.reminder_days
        .map(|days| scan.deadline - i64::from(days) * 86_400)
}

const INVITATION_COLUMNS: &str = "i.id, i.name, i.email, i.group_id, i.status, i.invited_at, \
    i.link_generation, \
    (SELECT o.status FROM outbox o WHERE o.reference = i.id \
       ORDER BY o.created_at DESC, o.id DESC LIMIT 1) AS delivery, \
    (SELECT o.last_error FROM outbox o WHERE o.reference = i.id \
       ORDER BY o.created_at DESC, o.id DESC LIMIT 1) AS delivery_error";

fn invitation_from_row(row: &AnyRow) -> Result<InvitationRecord, StorageError> {
    let status: String = row.try_get("status")?;
    let delivery: Option<String> = row.try_get("delivery")?;
    Ok(InvitationRecord {
        id: row.try_get("id")?,
        name: row.try_get("name")?,
        email: row.try_get("email")?,
        group_id: row.try_get("group_id")?,
        status: InvitationStatus::parse(&status)
            .ok_or_else(|| corrupt(format!("invitation status {status}")))?,
        invited_at: row.try_get("invited_at")?,
        submitted: false,
        delivery: delivery.as_deref().map(|d| match d {
            "sent" => Delivery::Sent,
            "failed" => Delivery::Failed,
            _ => Delivery::Queued,
        }),
        delivery_error: row.try_get("delivery_error")?,
    })
}

fn target_from_row(row: &AnyRow) -> Result<InvitationTarget, StorageError> {
    Ok(InvitationTarget {
        id: row.try_get("id")?,
        name: row.try_get("name")?,
        email: row.try_get("email")?,
        group_id: row.try_get("group_id")?,
        link_generation: row.try_get("link_generation")?,
    })
}

/// Inserts a draft scan; returns its id.
pub async fn insert_scan_in(
    conn: &mut AnyConnection,
    organiser_id: &str,
    scan: &ValidScan,
    now: i64,
) -> Result<String, StorageError> {
    let id = super::new_id();
    sqlx::query(
        "INSERT INTO scans (id, organiser_id, status, subject_name, framework_id, \
         framework_version, deadline, settings, reminder_at, reminder_sent, revision, \
         created_at, updated_at) \
         VALUES ($1, $2, 'draft', $3, $4, $5, $6, $7, $8, 0, 1, $9, $9)",
    )
    .bind(&id)
    .bind(organiser_id)
    .bind(&scan.subject_name)
    .bind(&scan.framework_id)
    .bind(i64::from(scan.framework_version))
    .bind(scan.deadline)
    .bind(settings_json(scan))
    .bind(reminder_at(scan))
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(id)
}

/// Inserts invitations with the given status; returns their ids in order. A repeated address
/// violates the (scan, email) unique constraint and fails the whole call.
pub async fn insert_invitations_in(
    conn: &mut AnyConnection,
    scan_id: &str,
    informants: &[Informant],
    status: InvitationStatus,
    now: i64,
) -> Result<Vec<String>, StorageError> {
    let mut ids = Vec::with_capacity(informants.len());
    for informant in informants {
        let id = super::new_id();
        sqlx::query(
            "INSERT INTO scan_invitations (id, scan_id, name, email, group_id, status, \
             link_generation, created_at) VALUES ($1, $2, $3, $4, $5, $6, 0, $7)",
        )
        .bind(&id)
        .bind(scan_id)
        .bind(&informant.name)
        .bind(informant.email.as_str())
        .bind(&informant.group)
        .bind(status.as_str())
        .bind(now)
        .execute(&mut *conn)
        .await?;
        ids.push(id);
    }
    Ok(ids)
}

/// Moves a scan from `from` to `to` if it is still in `from`; true when it moved. Opening
/// sets `opened_at` the first time, closing sets `closed_at`; `new_deadline` (reopening)
/// replaces the deadline in both the column and the settings, and re-arms the reminder.
pub async fn change_status_in(
    conn: &mut AnyConnection,
    scan_id: &str,
    from: ScanStatus,
    to: ScanStatus,
    new_settings: Option<&ValidScan>,
    now: i64,
) -> Result<bool, StorageError> {
    let changed = match new_settings {
        None => sqlx::query(
            "UPDATE scans SET status = $3, revision = revision + 1, updated_at = $4, \
             opened_at = CASE WHEN $3 = 'open' AND opened_at IS NULL THEN $4 ELSE opened_at END, \
             closed_at = CASE WHEN $3 = 'closed' THEN $4 ELSE closed_at END \
             WHERE id = $1 AND status = $2",
        )
        .bind(scan_id)
        .bind(from.as_str())
        .bind(to.as_str())
        .bind(now)
        .execute(&mut *conn)
        .await?
        .rows_affected(),
        Some(scan) => sqlx::query(
            "UPDATE scans SET status = $3, revision = revision + 1, updated_at = $4, \
             opened_at = CASE WHEN $3 = 'open' AND opened_at IS NULL THEN $4 ELSE opened_at END, \
             closed_at = CASE WHEN $3 = 'closed' THEN $4 ELSE closed_at END, \
             deadline = $5, settings = $6, reminder_at = $7, reminder_sent = 0 \
             WHERE id = $1 AND status = $2",
        )
        .bind(scan_id)
        .bind(from.as_str())
        .bind(to.as_str())
        .bind(now)
        .bind(scan.deadline)
        .bind(settings_json(scan))
        .bind(reminder_at(scan))
        .execute(&mut *conn)
        .await?
        .rows_affected(),
    };
    Ok(changed == 1)
}

/// Invitations of a scan in one status, for sending. (Who has submitted is told by the
/// submission markers, which only the server can match to invitations.)
pub async fn invitation_targets_in(
    conn: &mut AnyConnection,
    scan_id: &str,
    status: InvitationStatus,
) -> Result<Vec<InvitationTarget>, StorageError> {
    sqlx::query(
        "SELECT id, name, email, group_id, link_generation FROM scan_invitations \
         WHERE scan_id = $1 AND status = $2 ORDER BY created_at, id",
    )
    .bind(scan_id)
    .bind(status.as_str())
    .fetch_all(&mut *conn)
    .await?
    .iter()
    .map(target_from_row)
    .collect()
}

/// Marks an invitation as sent with the hash of its current link. Conditional on the
/// generation, so a concurrent revoke-and-resend is not overwritten; true when it changed.
pub async fn mark_invited_in(
    conn: &mut AnyConnection,
    invitation_id: &str,
    generation: i64,
    token_hash: &str,
    now: i64,
) -> Result<bool, StorageError> {
    let changed = sqlx::query(
        "UPDATE scan_invitations SET status = 'invited', token_hash = $3, \
         invited_at = COALESCE(invited_at, $4), revoked_at = NULL \
         WHERE id = $1 AND link_generation = $2 AND status <> 'revoked'",
    )
    .bind(invitation_id)
    .bind(generation)
    .bind(token_hash)
    .bind(now)
    .execute(&mut *conn)
    .await?
    .rows_affected();
    Ok(changed == 1)
}

/// Gives a revoked invitation its next link generation and makes it invited again with that
/// link's hash; the old link stays dead. True when it changed.
pub async fn reissue_in(
    conn: &mut AnyConnection,
    invitation_id: &str,
    old_generation: i64,
    token_hash: &str,
    now: i64,
) -> Result<bool, StorageError> {
    let changed = sqlx::query(
        "UPDATE scan_invitations SET status = 'invited', token_hash = $3, \
         link_generation = link_generation + 1, invited_at = $4, revoked_at = NULL \
         WHERE id = $1 AND link_generation = $2 AND status = 'revoked'",
    )
    .bind(invitation_id)
    .bind(old_generation)
    .bind(token_hash)
    .bind(now)
    .execute(&mut *conn)
    .await?
    .rows_affected();
    Ok(changed == 1)
}

/// Records that the automatic reminder went out; false when another process did it first.
pub async fn claim_reminder_in(
    conn: &mut AnyConnection,
    scan_id: &str,
) -> Result<bool, StorageError> {
    let changed = sqlx::query(
        "UPDATE scans SET reminder_sent = 1 WHERE id = $1 AND status = 'open' \
         AND reminder_sent = 0",
    )
    .bind(scan_id)
    .execute(&mut *conn)
    .await?
    .rows_affected();
    Ok(changed == 1)
}

/// Freezes the figures readers see (`report_json`) while the scan is open; only an open scan,
/// and only when the caller read it at `revision` (so a concurrent close or release wins).
pub async fn freeze_report_in(
    conn: &mut AnyConnection,
    scan_id: &str,
    revision: i64,
    report_json: &str,
    now: i64,
) -> Result<bool, StorageError> {
    let changed = sqlx::query(
        "UPDATE scans SET released_at = $4, released_report = $3, revision = revision + 1, \
         updated_at = $4 WHERE id = $1 AND revision = $2",
    )
    .bind(scan_id)
    .bind(revision)
    .bind(report_json)
    .bind(now)
    .execute(&mut *conn)
    .await?
    .rows_affected();
    Ok(changed == 1)
}

impl Db {
    /// The frozen figures of a scan's report (see `freeze_report_in`), if any.
    pub async fn released_report(&self, scan_id: &str) -> Result<Option<String>, StorageError> {
        let row = sqlx::query("SELECT released_report FROM scans WHERE id = $1")
            .bind(scan_id)
            .fetch_optional(self.pool())
            .await?;
        Ok(match row {
            Some(row) => row.try_get("released_report")?,
            None => None,
        })
    }

    /// A scan by id.
    pub async fn find_scan(&self, id: &str) -> Result<Option<StoredScan>, StorageError> {
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {SCAN_COLUMNS} FROM scans s JOIN accounts a ON a.id = s.organiser_id \
             WHERE s.id = $1"
        )))
        .bind(id)
        .fetch_optional(self.pool())
        .await?;
        row.as_ref().map(scan_from_row).transpose()
    }

    /// Every closed scan, in one query, ordered by id (the order of
    /// [`Db::responses_of_closed_scans`]).
    pub async fn closed_scans(&self) -> Result<Vec<StoredScan>, StorageError> {
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {SCAN_COLUMNS} FROM scans s JOIN accounts a ON a.id = s.organiser_id \
             WHERE s.status = 'closed' ORDER BY s.id"
        )))
        .fetch_all(self.pool())
        .await?
        .iter()
        .map(scan_from_row)
        .collect()
    }

    /// The scans an organiser made (all scans for `None`), newest first, with counts of
    /// working invitations and of submissions.
    pub async fn list_scans(
        &self,
        organiser_id: Option<&str>,
    ) -> Result<Vec<ScanListItem>, StorageError> {
        // Two fixed statements rather than `$1 IS NULL OR ...`: PostgreSQL cannot infer the
        // type of a parameter that is only compared with NULL.
        let filter = if organiser_id.is_some() {
            "WHERE s.organiser_id = $1"
        } else {
            ""
        };
        let sql = format!(
            "SELECT s.id, s.subject_name, s.framework_id, s.status, s.deadline, \
             (SELECT COUNT(*) FROM scan_invitations i WHERE i.scan_id = s.id \
                AND i.status = 'invited') AS invited, \
             (SELECT COUNT(*) FROM responses r WHERE r.scan_id = s.id) AS submitted \
             FROM scans s {filter} ORDER BY s.created_at DESC, s.id"
        );
        let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
        if let Some(organiser_id) = organiser_id {
            query = query.bind(organiser_id);
        }
        let rows = query.fetch_all(self.pool()).await?;
        rows.iter()
            .map(|row| {
                let status: String = row.try_get("status")?;
                Ok(ScanListItem {
                    id: row.try_get("id")?,
                    subject_name: row.try_get("subject_name")?,
                    framework_id: row.try_get("framework_id")?,
                    status: ScanStatus::parse(&status)
                        .ok_or_else(|| corrupt(format!("status {status}")))?,
                    deadline: row.try_get("deadline")?,
                    invited: row.try_get("invited")?,
                    submitted: row.try_get("submitted")?,
                })
            })
            .collect()
    }

    /// Replaces the settings if the scan is still at `revision` and in `status`; true when it
    /// changed. The caller has checked the edit against the status rules.
    pub async fn update_scan_settings(
        &self,
        id: &str,
        status: ScanStatus,
        revision: i64,
        scan: &ValidScan,
        now: i64,
    ) -> Result<bool, StorageError> {
        let changed = sqlx::query(
            "UPDATE scans SET subject_name = $4, framework_id = $5, framework_version = $6, \
             deadline = $7, settings = $8, reminder_at = $9, \
             reminder_sent = CASE WHEN deadline = $7 THEN reminder_sent ELSE 0 END, \
             revision = revision + 1, updated_at = $10 \
             WHERE id = $1 AND status = $2 AND revision = $3",
        )
        .bind(id)
        .bind(status.as_str())
        .bind(revision)
        .bind(&scan.subject_name)
        .bind(&scan.framework_id)
        .bind(i64::from(scan.framework_version))
        .bind(scan.deadline)
        .bind(settings_json(scan))
        .bind(reminder_at(scan))
        .bind(now)
        .execute(self.pool())
        .await?
        .rows_affected();
        Ok(changed == 1)
    }

    /// Deletes a scan that is still a draft (with its invitations); true when deleted.
    pub async fn delete_draft_scan(&self, id: &str) -> Result<bool, StorageError> {
        let mut tx = self.begin().await?;
        sqlx::query(
            "DELETE FROM scan_invitations WHERE scan_id = $1 \
             AND EXISTS (SELECT 1 FROM scans WHERE id = $1 AND status = 'draft')",
        )
        .bind(id)
        .execute(&mut *tx)
        .await?;
        let deleted = sqlx::query("DELETE FROM scans WHERE id = $1 AND status = 'draft'")
            .bind(id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        tx.commit().await?;
        Ok(deleted == 1)
    }

    /// Every invitation of a scan with its latest email's state, by group then address.
    pub async fn list_invitations(
        &self,
        scan_id: &str,
    ) -> Result<Vec<InvitationRecord>, StorageError> {
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {INVITATION_COLUMNS} FROM scan_invitations i WHERE i.scan_id = $1 \
             ORDER BY i.group_id, i.email"
        )))
        .bind(scan_id)
        .fetch_all(self.pool())
        .await?
        .iter()
        .map(invitation_from_row)
        .collect()
    }

    /// One invitation of a scan, for revoke and resend.
    pub async fn find_invitation_target(
        &self,
        scan_id: &str,
        invitation_id: &str,
    ) -> Result<Option<(InvitationTarget, InvitationStatus)>, StorageError> {
        let row = sqlx::query(
            "SELECT id, name, email, group_id, link_generation, status FROM scan_invitations \
             WHERE scan_id = $1 AND id = $2",
        )
        .bind(scan_id)
        .bind(invitation_id)
        .fetch_optional(self.pool())
        .await?;
        match row {
            None => Ok(None),
            Some(row) => {
                let status: String = row.try_get("status")?;
                let status = InvitationStatus::parse(&status)
                    .ok_or_else(|| corrupt(format!("invitation status {status}")))?;
                Ok(Some((target_from_row(&row)?, status)))
            }
        }
    }

    /// Withdraws an invitation's link (it stops working at once) and deletes the link's draft
    /// (`draft_id`); true when it changed. Pending invitations of a draft are simply removed
    /// instead.
    pub async fn revoke_invitation(
        &self,
        scan_id: &str,
        invitation_id: &str,
        draft_id: &str,
        now: i64,
    ) -> Result<bool, StorageError> {
        let mut tx = self.begin().await?;
        sqlx::query("DELETE FROM sealed_drafts WHERE id = $1 AND scan_id = $2")
            .bind(draft_id)
            .bind(scan_id)
            .execute(&mut *tx)
            .await?;
        let removed = sqlx::query(
            "DELETE FROM scan_invitations WHERE scan_id = $1 AND id = $2 AND status = 'pending'",
        )
        .bind(scan_id)
        .bind(invitation_id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        let revoked = sqlx::query(
            "UPDATE scan_invitations SET status = 'revoked', token_hash = NULL, revoked_at = $3 \
             WHERE scan_id = $1 AND id = $2 AND status = 'invited'",
        )
        .bind(scan_id)
        .bind(invitation_id)
        .bind(now)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        tx.commit().await?;
        Ok(removed + revoked == 1)
    }

    /// Open scans whose deadline has passed, for the automatic close.
    pub async fn scans_past_deadline(&self, now: i64) -> Result<Vec<String>, StorageError> {
        ids(
            self,
            "SELECT id FROM scans WHERE status = 'open' AND deadline <= $1",
            now,
        )
        .await
    }

    /// Open scans whose automatic reminder is due and not yet sent.
    pub async fn scans_due_for_reminder(&self, now: i64) -> Result<Vec<String>, StorageError> {
        ids(
            self,
            "SELECT id FROM scans WHERE status = 'open' AND reminder_sent = 0 \
             AND reminder_at IS NOT NULL AND reminder_at <= $1 AND deadline > $1",
            now,
        )
        .await
    }

    /// The invitation, scan and sealed draft (`draft_id`) a personal link's token hash leads
    /// to, while the link works (invited, not revoked). On a SQLite file this reads on the
    /// calling thread (`direct_read`): every page of a respondent asks it.
    pub async fn find_link(
        &self,
        token_hash: &str,
        draft_id: &str,
    ) -> Result<Option<LinkTarget>, StorageError> {
        let sql = FIND_LINK_SQL.as_str();
        let direct = self.read_directly(|connection| {
            let mut statement = connection.prepare_cached(sql)?;
            let mut rows = statement.query([draft_id, token_hash])?;
            let row = rows.next()?;
            row.map(|row| link_from_row(row, &self.settings_cache))
                .transpose()
        })?;
        if let Some(found) = direct {
            return Ok(found);
        }
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(draft_id)
            .bind(token_hash)
            .fetch_optional(self.pool())
            .await?;
        row.as_ref()
            .map(|row| link_from_row(row, &self.settings_cache))
            .transpose()
    }

    /// Copies what the SQLite WAL holds into the database file and empties the WAL, so pages
    /// freed by deleted drafts (zeroed by `secure_delete`) leave no older copy behind in it.
    /// Run after a scan closes; nothing to do on PostgreSQL.
    pub async fn checkpoint(&self) -> Result<(), StorageError> {
        if self.backend() == super::Backend::Sqlite {
            sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
                .fetch_all(self.pool())
                .await?;
        }
        Ok(())
    }
}

async fn ids(db: &Db, sql: &'static str, now: i64) -> Result<Vec<String>, StorageError> {
    sqlx::query(sql)
        .bind(now)
        .fetch_all(db.pool())
        .await?
        .iter()
        .map(|row| Ok(row.try_get("id")?))
        .collect()
}
