//! Conversation records (issue 21): the record, its parties, personal links, agenda, sections,
//! agreements, attached scans and audit trail. Plain rows with the state as its stored text;
//! the rules live in `domain::conversation`, the use cases in `crate::conversations`.
//!
//! Every change of a record starts with [`claim_change_in`]: a conditional update
//! (`WHERE id = $1 AND state = $2 AND revision = $3`) that bumps the revision and, for a state
//! change, moves the state. Of two concurrent changes made from the same revision exactly one
//! gets its row; the other finds nothing to update and its transaction is rolled back, so it
//! changes nothing. Functions named `*_in` run on the caller's connection (its transaction).

use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

use super::{Db, StorageError, enqueue_email_in};
use crate::email::OutgoingEmail;

/// The columns of `conversations`, in the order [`conversation_from_row`] reads them.
const CONVERSATION_COLUMNS: &str = "id, type_id, type_version, state, created_by, subject_name, \
    starts_at, place, duration_minutes, settings, previous_id, revision, created_at, updated_at, \
    agenda_sent_at, held_at, proposed_at, approved_at, shared_at, archived_at, keep_until, \
    removed_at";

const PARTY_COLUMNS: &str =
    "id, conversation_id, role, is_subject, name, email, shared_at, signed_at, created_at";

/// The role of a reader party (not a role of the conversation type).
pub const READER_ROLE: &str = "reader";

/// A conversation row as stored. `state` is the stored text (`RecordState::as_str`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredConversation {
    pub id: String,
    pub type_id: String,
    pub type_version: i64,
    pub state: String,
    pub created_by: Option<String>,
    pub subject_name: String,
    pub starts_at: Option<i64>,
    pub place: String,
    pub duration_minutes: Option<i64>,
    /// The answers to the type's preparation questions, JSON object (question id -> answer).
    pub settings: String,
    pub previous_id: Option<String>,
    pub revision: i64,
    pub created_at: i64,
    pub updated_at: i64,
    pub agenda_sent_at: Option<i64>,
    pub held_at: Option<i64>,
    pub proposed_at: Option<i64>,
    pub approved_at: Option<i64>,
    pub shared_at: Option<i64>,
    pub archived_at: Option<i64>,
    pub keep_until: Option<i64>,
    pub removed_at: Option<i64>,
}

/// Someone the record names: a participant, the person discussed, or a reader.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredParty {
    pub id: String,
    pub conversation_id: String,
    /// A role id of the conversation type, or [`READER_ROLE`].
    pub role: String,
    pub is_subject: bool,
    pub name: String,
    pub email: String,
    pub shared_at: Option<i64>,
    pub signed_at: Option<i64>,
    pub created_at: i64,
}

impl StoredParty {
    pub fn is_reader(&self) -> bool {
        self.role == READER_ROLE
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredAgendaItem {
    pub id: String,
    pub position: i64,
    pub text: String,
    pub added_by_party: Option<String>,
    pub created_at: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredSection {
    pub section_id: String,
    pub text: String,
    pub updated_by_party: Option<String>,
    pub updated_at: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredAgreement {
    pub id: String,
    pub position: i64,
    pub what: String,
    pub who: String,
    /// `YYYY-MM-DD` or empty.
    pub due_on: String,
    /// '', 'done', 'partly', 'not_done', 'continued' (set when the next conversation looks back).
    pub outcome: String,
    pub outcome_note: String,
}

/// A scan attached to a record, with its report frozen as JSON (`ReportView`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredAttachedScan {
    pub scan_id: String,
    pub report_view: String,
    pub attached_at: i64,
}

/// One line of a record's audit trail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredAuditLine {
    pub at: i64,
    pub actor: String,
    pub action: String,
    pub detail: String,
}

/// A whole record as stored: what a view, a document or a use case needs, read in one go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredRecord {
    pub conversation: StoredConversation,
    /// Participants, the person discussed and readers, in the order they were added.
    pub parties: Vec<StoredParty>,
    pub agenda: Vec<StoredAgendaItem>,
    pub sections: Vec<StoredSection>,
    pub agreements: Vec<StoredAgreement>,
    pub scans: Vec<StoredAttachedScan>,
}

impl StoredRecord {
    pub fn party(&self, party_id: &str) -> Option<&StoredParty> {
        self.parties.iter().find(|p| p.id == party_id)
    }

    pub fn subject(&self) -> Option<&StoredParty> {
        self.parties.iter().find(|p| p.is_subject)
    }
}

/// What a new record holds.
#[derive(Debug, Clone)]
pub struct NewConversationRow<'a> {
    pub id: &'a str,
    pub type_id: &'a str,
    pub type_version: i64,
    pub created_by: Option<&'a str>,
    pub subject_name: &'a str,
    pub settings_json: &'a str,
    pub previous_id: Option<&'a str>,
    pub now: i64,
}

/// A party of a new record (or a reader added later).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewParty {
    pub role: String,
    pub is_subject: bool,
    pub name: String,
    pub email: String,
}

/// An agreement to store (its id is made here).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgreementRow {
    pub what: String,
    pub who: String,
    pub due_on: String,
}

/// One line of someone's list of conversations: the record and the party they are in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConversationListRow {
    pub conversation: StoredConversation,
    pub party: StoredParty,
}

/// Which dates a state change stamps (besides `updated_at`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stamps {
    pub agenda_sent: bool,
    pub held: bool,
    pub proposed: bool,
    pub approved: bool,
    pub shared: bool,
    pub archived: bool,
    /// Set on approval: when the retention job may remove the content.
    pub keep_until: Option<i64>,
}

impl Stamps {
    /// The stamp that belongs to arriving in `state` (stored text).
    pub fn for_state(state: &str) -> Self {
        Self {
            agenda_sent: state == "agenda_sent",
            held: state == "held",
            proposed: state == "summary_proposed",
            approved: state == "approved",
            archived: state == "archived",
            ..Self::default()
        }
    }
}

/// Stores a new record with its parties and the type's sample agenda. Returns the party ids in
/// the order given.
pub async fn insert_conversation_in(
    conn: &mut AnyConnection,
    new: &NewConversationRow<'_>,
    parties: &[NewParty],
    sample_agenda: &[String],
) -> Result<Vec<String>, StorageError> {
    sqlx::query(
        "INSERT INTO conversations (id, type_id, type_version, state, created_by, subject_name, \
         settings, previous_id, revision, created_at, updated_at) \
         VALUES ($1, $2, $3, 'planned', $4, $5, $6, $7, 1, $8, $8)",
    )
    .bind(new.id)
    .bind(new.type_id)
    .bind(new.type_version)
    .bind(new.created_by)
    .bind(new.subject_name)
    .bind(new.settings_json)
    .bind(new.previous_id)
    .bind(new.now)
    .execute(&mut *conn)
    .await?;
    let mut ids = Vec::with_capacity(parties.len());
    for (index, party) in parties.iter().enumerate() {
        // Ids that sort in the order given (the parties share `created_at`), still 120 random bits.
        let id = format!("{:02x}{}", index.min(255), &super::new_id()[2..]);
        insert_party_with_id_in(conn, &id, new.id, party, None, new.now).await?;
        ids.push(id);
    }
    for (position, text) in sample_agenda.iter().enumerate() {
        sqlx::query(
            "INSERT INTO conversation_agenda_items (id, conversation_id, position, text, \
             added_by_party, created_at) VALUES ($1, $2, $3, $4, NULL, $5)",
        )
        .bind(super::new_id())
        .bind(new.id)
        .bind(position as i64 + 1)
        .bind(text)
        .bind(new.now)
        .execute(&mut *conn)
        .await?;
    }
    Ok(ids)
}

/// Adds one party; the address is stored in lower case (addresses are compared that way).
pub async fn insert_party_in(
    conn: &mut AnyConnection,
    conversation_id: &str,
    party: &NewParty,
    shared_at: Option<i64>,
    now: i64,
) -> Result<String, StorageError> {
    let id = format!("ff{}", &super::new_id()[2..]);
    insert_party_with_id_in(conn, &id, conversation_id, party, shared_at, now).await?;
    Ok(id)
}

async fn insert_party_with_id_in(
    conn: &mut AnyConnection,
    id: &str,
    conversation_id: &str,
    party: &NewParty,
    shared_at: Option<i64>,
    now: i64,
) -> Result<(), StorageError> {
    sqlx::query(
        "INSERT INTO conversation_parties (id, conversation_id, role, is_subject, name, email, \
         shared_at, signed_at, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, NULL, $8)",
    )
    .bind(id)
    .bind(conversation_id)
    .bind(&party.role)
    .bind(i64::from(party.is_subject))
    .bind(&party.name)
    .bind(party.email.trim().to_lowercase())
    .bind(shared_at)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// A whole record, or `None` for an unknown id.
pub async fn load_record_in(
    conn: &mut AnyConnection,
    id: &str,
) -> Result<Option<StoredRecord>, StorageError> {
    let row = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT {CONVERSATION_COLUMNS} FROM conversations WHERE id = $1"
    )))
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    let conversation = conversation_from_row(&row, "")?;
    let parties = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT {PARTY_COLUMNS} FROM conversation_parties WHERE conversation_id = $1 \
         ORDER BY created_at, id"
    )))
    .bind(id)
    .fetch_all(&mut *conn)
    .await?
    .iter()
    .map(|row| party_from_row(row, ""))
    .collect::<Result<Vec<_>, _>>()?;
    let agenda = sqlx::query(
        "SELECT id, position, text, added_by_party, created_at FROM conversation_agenda_items \
         WHERE conversation_id = $1 ORDER BY position, id",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?
    .iter()
    .map(|row| {
        Ok(StoredAgendaItem {
            id: row.try_get("id")?,
            position: row.try_get("position")?,
            text: row.try_get("text")?,
            added_by_party: row.try_get("added_by_party")?,
            created_at: row.try_get("created_at")?,
        })
    })
    .collect::<Result<Vec<_>, StorageError>>()?;
    let sections = sqlx::query(
        "SELECT section_id, text, updated_by_party, updated_at FROM conversation_sections \
         WHERE conversation_id = $1 ORDER BY section_id",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?
    .iter()
    .map(|row| {
        Ok(StoredSection {
            section_id: row.try_get("section_id")?,
            text: row.try_get("text")?,
            updated_by_party: row.try_get("updated_by_party")?,
            updated_at: row.try_get("updated_at")?,
        })
    })
    .collect::<Result<Vec<_>, StorageError>>()?;
    let agreements = agreements_in(conn, id).await?;
    let scans = sqlx::query(
        "SELECT scan_id, report_view, attached_at FROM conversation_scans \
         WHERE conversation_id = $1 ORDER BY attached_at, scan_id",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?
    .iter()
    .map(|row| {
        Ok(StoredAttachedScan {
            scan_id: row.try_get("scan_id")?,
            report_view: row.try_get("report_view")?,
            attached_at: row.try_get("attached_at")?,
        })
    })
    .collect::<Result<Vec<_>, StorageError>>()?;
    Ok(Some(StoredRecord {
        conversation,
        parties,
        agenda,
        sections,
        agreements,
        scans,
    }))
}

/// A record's agreements in their order.
pub async fn agreements_in(
    conn: &mut AnyConnection,
    conversation_id: &str,
) -> Result<Vec<StoredAgreement>, StorageError> {
    sqlx::query(
        "SELECT id, position, what, who, due_on, outcome, outcome_note \
         FROM conversation_agreements WHERE conversation_id = $1 ORDER BY position, id",
    )
    .bind(conversation_id)
    .fetch_all(&mut *conn)
    .await?
    .iter()
    .map(|row| {
        Ok(StoredAgreement {
            id: row.try_get("id")?,
            position: row.try_get("position")?,
            what: row.try_get("what")?,
            who: row.try_get("who")?,
            due_on: row.try_get("due_on")?,
            outcome: row.try_get("outcome")?,
            outcome_note: row.try_get("outcome_note")?,
        })
    })
    .collect()
}

/// The one gate of every change: bumps the revision (and moves the state to `to`, stamping its
/// date) only if the record is still in `from` at `revision`. False when someone else changed it
/// first; the caller then rolls back.
pub async fn claim_change_in(
    conn: &mut AnyConnection,
    id: &str,
    from: &str,
    revision: i64,
    to: &str,
    stamps: Stamps,
    now: i64,
) -> Result<bool, StorageError> {
    let stamp = |on: bool| if on { Some(now) } else { None };
    let changed = sqlx::query(
        "UPDATE conversations SET state = $4, revision = revision + 1, updated_at = $5, \
         agenda_sent_at = COALESCE($6, agenda_sent_at), held_at = COALESCE($7, held_at), \
         proposed_at = COALESCE($8, proposed_at), approved_at = COALESCE($9, approved_at), \
         shared_at = COALESCE(shared_at, $10), archived_at = COALESCE($11, archived_at), \
         keep_until = COALESCE($12, keep_until) \
         WHERE id = $1 AND state = $2 AND revision = $3",
    )
    .bind(id)
    .bind(from)
    .bind(revision)
    .bind(to)
    .bind(now)
    .bind(stamp(stamps.agenda_sent))
    .bind(stamp(stamps.held))
    .bind(stamp(stamps.proposed))
    .bind(stamp(stamps.approved))
    .bind(stamp(stamps.shared))
    .bind(stamp(stamps.archived))
    .bind(stamps.keep_until)
    .execute(&mut *conn)
    .await?
    .rows_affected();
    Ok(changed == 1)
}

/// Sets the plan: start (unix seconds), place, duration.
pub async fn update_plan_in(
    conn: &mut AnyConnection,
    id: &str,
    starts_at: i64,
    place: &str,
    duration_minutes: i64,
) -> Result<(), StorageError> {
    sqlx::query(
        "UPDATE conversations SET starts_at = $2, place = $3, duration_minutes = $4 WHERE id = $1",
    )
    .bind(id)
    .bind(starts_at)
    .bind(place)
    .bind(duration_minutes)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Adds a topic at the end of the agenda.
pub async fn add_agenda_item_in(
    conn: &mut AnyConnection,
    conversation_id: &str,
    text: &str,
    party_id: Option<&str>,
    now: i64,
) -> Result<String, StorageError> {
    let last: Option<i64> = sqlx::query(
        "SELECT MAX(position) AS last FROM conversation_agenda_items WHERE conversation_id = $1",
    )
    .bind(conversation_id)
    .fetch_one(&mut *conn)
    .await?
    .try_get("last")?;
    let id = super::new_id();
    sqlx::query(
        "INSERT INTO conversation_agenda_items (id, conversation_id, position, text, \
         added_by_party, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(&id)
    .bind(conversation_id)
    .bind(last.unwrap_or(0) + 1)
    .bind(text)
    .bind(party_id)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(id)
}

/// Saves the text of the given sections (others stay as they are).
pub async fn save_sections_in(
    conn: &mut AnyConnection,
    conversation_id: &str,
    sections: &[(String, String)],
    party_id: Option<&str>,
    now: i64,
) -> Result<(), StorageError> {
    for (section_id, text) in sections {
        sqlx::query(
            "INSERT INTO conversation_sections (conversation_id, section_id, text, \
             updated_by_party, updated_at) VALUES ($1, $2, $3, $4, $5) \
             ON CONFLICT (conversation_id, section_id) DO UPDATE SET text = excluded.text, \
             updated_by_party = excluded.updated_by_party, updated_at = excluded.updated_at",
        )
        .bind(conversation_id)
        .bind(section_id)
        .bind(text)
        .bind(party_id)
        .bind(now)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// Replaces a record's agreements with `agreements`, in that order.
pub async fn replace_agreements_in(
    conn: &mut AnyConnection,
    conversation_id: &str,
    agreements: &[AgreementRow],
) -> Result<(), StorageError> {
    sqlx::query("DELETE FROM conversation_agreements WHERE conversation_id = $1")
        .bind(conversation_id)
        .execute(&mut *conn)
        .await?;
    for (position, agreement) in agreements.iter().enumerate() {
        sqlx::query(
            "INSERT INTO conversation_agreements (id, conversation_id, position, what, who, \
             due_on, outcome, outcome_note) VALUES ($1, $2, $3, $4, $5, $6, '', '')",
        )
        .bind(super::new_id())
        .bind(conversation_id)
        .bind(position as i64 + 1)
        .bind(&agreement.what)
        .bind(&agreement.who)
        .bind(&agreement.due_on)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// Records how an agreement of `conversation_id` (the previous conversation) turned out. False
/// when that record has no such agreement.
pub async fn set_agreement_outcome_in(
    conn: &mut AnyConnection,
    conversation_id: &str,
    agreement_id: &str,
    outcome: &str,
    note: &str,
) -> Result<bool, StorageError> {
    let changed = sqlx::query(
        "UPDATE conversation_agreements SET outcome = $3, outcome_note = $4 \
         WHERE id = $2 AND conversation_id = $1",
    )
    .bind(conversation_id)
    .bind(agreement_id)
    .bind(outcome)
    .bind(note)
    .execute(&mut *conn)
    .await?
    .rows_affected();
    Ok(changed == 1)
}

/// Signs the summary 'voor akkoord' for one party (the first signature's time is kept).
pub async fn sign_in(
    conn: &mut AnyConnection,
    party_id: &str,
    now: i64,
) -> Result<(), StorageError> {
    sqlx::query(
        "UPDATE conversation_parties SET signed_at = COALESCE(signed_at, $2) WHERE id = $1",
    )
    .bind(party_id)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Clears every signature but `except_party`'s: the summary they signed changed.
pub async fn clear_signatures_in(
    conn: &mut AnyConnection,
    conversation_id: &str,
    except_party: Option<&str>,
) -> Result<(), StorageError> {
    sqlx::query(
        "UPDATE conversation_parties SET signed_at = NULL \
         WHERE conversation_id = $1 AND id <> $2",
    )
    .bind(conversation_id)
    // No party has the empty id: `None` clears every signature.
    .bind(except_party.unwrap_or(""))
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Gives every reader not shared with yet read access; returns their party ids.
pub async fn share_with_readers_in(
    conn: &mut AnyConnection,
    conversation_id: &str,
    now: i64,
) -> Result<Vec<String>, StorageError> {
    let ids: Vec<String> = sqlx::query(
        "SELECT id FROM conversation_parties \
         WHERE conversation_id = $1 AND role = $2 AND shared_at IS NULL ORDER BY created_at, id",
    )
    .bind(conversation_id)
    .bind(READER_ROLE)
    .fetch_all(&mut *conn)
    .await?
    .iter()
    .map(|row| row.try_get::<String, _>("id"))
    .collect::<Result<_, _>>()?;
    for id in &ids {
        sqlx::query("UPDATE conversation_parties SET shared_at = $2 WHERE id = $1")
            .bind(id)
            .bind(now)
            .execute(&mut *conn)
            .await?;
    }
    Ok(ids)
}

/// Attaches a scan with its report frozen as JSON. False when it was attached already.
pub async fn attach_scan_in(
    conn: &mut AnyConnection,
    conversation_id: &str,
    scan_id: &str,
    report_view_json: &str,
    now: i64,
) -> Result<bool, StorageError> {
    let inserted = sqlx::query(
        "INSERT INTO conversation_scans (conversation_id, scan_id, report_view, attached_at) \
         VALUES ($1, $2, $3, $4) ON CONFLICT (conversation_id, scan_id) DO NOTHING",
    )
    .bind(conversation_id)
    .bind(scan_id)
    .bind(report_view_json)
    .bind(now)
    .execute(&mut *conn)
    .await?
    .rows_affected();
    Ok(inserted == 1)
}

/// Stores a personal link: only the token's hash, and until when it works.
pub async fn insert_link_in(
    conn: &mut AnyConnection,
    token_hash: &str,
    party_id: &str,
    now: i64,
    expires_at: i64,
) -> Result<(), StorageError> {
    sqlx::query(
        "INSERT INTO conversation_links (token_hash, party_id, created_at, expires_at) \
         VALUES ($1, $2, $3, $4)",
    )
    .bind(token_hash)
    .bind(party_id)
    .bind(now)
    .bind(expires_at)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Audit ids sort in the order the lines were written (time, then a process-wide counter), so
/// lines written within one second keep their order.
fn audit_id(at: i64) -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static SEQUENCE: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(0);
    let previous = SEQUENCE
        .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |last| {
            Some(nanos.max(last + 1))
        })
        .unwrap_or(0);
    let sequence = nanos.max(previous + 1);
    format!("{:016x}{sequence:020}{}", at.max(0), &super::new_id()[..8])
}

/// Writes one line of the audit trail.
pub async fn insert_audit_in(
    conn: &mut AnyConnection,
    conversation_id: &str,
    at: i64,
    actor: &str,
    action: &str,
    detail: &str,
) -> Result<(), StorageError> {
    sqlx::query(
        "INSERT INTO conversation_audit (id, conversation_id, at, actor, action, detail) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(audit_id(at))
    .bind(conversation_id)
    .bind(at)
    .bind(actor)
    .bind(action)
    .bind(detail)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The latest approved or archived conversation of `type_id` whose subject has `subject_email`
/// and in which `participant_email` took part (not as the person discussed, not as a reader):
/// the one a new conversation looks back on. Only a participant of that record may bring its
/// agreements into a new one; anybody else starting a conversation about the same person finds
/// nothing, as for any record they are no party to.
pub async fn previous_conversation_in(
    conn: &mut AnyConnection,
    type_id: &str,
    subject_email: &str,
    participant_email: &str,
) -> Result<Option<String>, StorageError> {
    let row = sqlx::query(
        "SELECT c.id FROM conversations c \
         JOIN conversation_parties p ON p.conversation_id = c.id AND p.is_subject = 1 \
         WHERE c.type_id = $1 AND LOWER(p.email) = LOWER($2) \
           AND c.state IN ('approved', 'archived') \
           AND EXISTS (SELECT 1 FROM conversation_parties q \
                       WHERE q.conversation_id = c.id AND q.is_subject = 0 AND q.role <> $4 \
                         AND LOWER(q.email) = LOWER($3)) \
         ORDER BY c.approved_at DESC, c.created_at DESC, c.id LIMIT 1",
    )
    .bind(type_id)
    .bind(subject_email.trim())
    .bind(participant_email.trim())
    .bind(READER_ROLE)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(match row {
        Some(row) => Some(row.try_get("id")?),
        None => None,
    })
}

/// Queues a message about a record (`about` = `conversation:<id>`), in the caller's transaction.
pub async fn enqueue_about_in(
    conn: &mut AnyConnection,
    email: &OutgoingEmail,
    conversation_id: &str,
    now: i64,
) -> Result<String, StorageError> {
    let id = enqueue_email_in(conn, email, now).await?;
    sqlx::query("UPDATE outbox SET about = $2 WHERE id = $1")
        .bind(&id)
        .bind(about(conversation_id))
        .execute(&mut *conn)
        .await?;
    Ok(id)
}

/// The outbox's `about` of a record's messages.
pub fn about(conversation_id: &str) -> String {
    format!("conversation:{conversation_id}")
}

impl Db {
    /// A whole record, or `None` for an unknown id.
    pub async fn load_conversation(&self, id: &str) -> Result<Option<StoredRecord>, StorageError> {
        let mut conn = self.pool().acquire().await?;
        load_record_in(&mut conn, id).await
    }

    /// The parties of one record with this address (case-insensitive): a person may be named
    /// more than once (a participant who is also a reader).
    pub async fn parties_by_email(
        &self,
        conversation_id: &str,
        email: &str,
    ) -> Result<Vec<StoredParty>, StorageError> {
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {PARTY_COLUMNS} FROM conversation_parties \
             WHERE conversation_id = $1 AND LOWER(email) = LOWER($2) ORDER BY created_at, id"
        )))
        .bind(conversation_id)
        .bind(email.trim())
        .fetch_all(self.pool())
        .await?
        .iter()
        .map(|row| party_from_row(row, ""))
        .collect()
    }

    /// The party a personal link belongs to, while the link works (`expires_at` after `now`).
    pub async fn party_by_link(
        &self,
        token_hash: &str,
        now: i64,
    ) -> Result<Option<StoredParty>, StorageError> {
        let row = sqlx::query(
            "SELECT p.id, p.conversation_id, p.role, p.is_subject, p.name, p.email, \
             p.shared_at, p.signed_at, p.created_at \
             FROM conversation_links l JOIN conversation_parties p ON p.id = l.party_id \
             WHERE l.token_hash = $1 AND l.expires_at > $2",
        )
        .bind(token_hash)
        .bind(now)
        .fetch_optional(self.pool())
        .await?;
        row.as_ref().map(|row| party_from_row(row, "")).transpose()
    }

    /// Every record an address is named in, with the party it is there, newest first.
    pub async fn conversations_for_email(
        &self,
        email: &str,
    ) -> Result<Vec<ConversationListRow>, StorageError> {
        let columns = CONVERSATION_COLUMNS
            .split(", ")
            .map(|c| format!("c.{c} AS c_{c}"))
            .chain(PARTY_COLUMNS.split(", ").map(|c| format!("p.{c} AS p_{c}")))
            .collect::<Vec<_>>()
            .join(", ");
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {columns} FROM conversation_parties p \
             JOIN conversations c ON c.id = p.conversation_id \
             WHERE LOWER(p.email) = LOWER($1) ORDER BY c.created_at DESC, c.id, p.created_at"
        )))
        .bind(email.trim())
        .fetch_all(self.pool())
        .await?
        .iter()
        .map(|row| {
            Ok(ConversationListRow {
                conversation: conversation_from_row(row, "c_")?,
                party: party_from_row(row, "p_")?,
            })
        })
        .collect()
    }

    /// A record's audit trail in the order it was written.
    pub async fn conversation_audit(
        &self,
        conversation_id: &str,
    ) -> Result<Vec<StoredAuditLine>, StorageError> {
        sqlx::query(
            "SELECT at, actor, action, detail FROM conversation_audit \
             WHERE conversation_id = $1 ORDER BY at, id",
        )
        .bind(conversation_id)
        .fetch_all(self.pool())
        .await?
        .iter()
        .map(|row| {
            Ok(StoredAuditLine {
                at: row.try_get("at")?,
                actor: row.try_get("actor")?,
                action: row.try_get("action")?,
                detail: row.try_get("detail")?,
            })
        })
        .collect()
    }

    /// The agreements of a record (the previous conversation's, for looking back).
    pub async fn conversation_agreements(
        &self,
        conversation_id: &str,
    ) -> Result<Vec<StoredAgreement>, StorageError> {
        let mut conn = self.pool().acquire().await?;
        agreements_in(&mut conn, conversation_id).await
    }
}

fn conversation_from_row(row: &AnyRow, prefix: &str) -> Result<StoredConversation, StorageError> {
    let col = |name: &str| format!("{prefix}{name}");
    Ok(StoredConversation {
        id: row.try_get(col("id").as_str())?,
        type_id: row.try_get(col("type_id").as_str())?,
        type_version: row.try_get(col("type_version").as_str())?,
        state: row.try_get(col("state").as_str())?,
        created_by: row.try_get(col("created_by").as_str())?,
        subject_name: row.try_get(col("subject_name").as_str())?,
        starts_at: row.try_get(col("starts_at").as_str())?,
        place: row.try_get(col("place").as_str())?,
        duration_minutes: row.try_get(col("duration_minutes").as_str())?,
        settings: row.try_get(col("settings").as_str())?,
        previous_id: row.try_get(col("previous_id").as_str())?,
        revision: row.try_get(col("revision").as_str())?,
        created_at: row.try_get(col("created_at").as_str())?,
        updated_at: row.try_get(col("updated_at").as_str())?,
        agenda_sent_at: row.try_get(col("agenda_sent_at").as_str())?,
        held_at: row.try_get(col("held_at").as_str())?,
        proposed_at: row.try_get(col("proposed_at").as_str())?,
        approved_at: row.try_get(col("approved_at").as_str())?,
        shared_at: row.try_get(col("shared_at").as_str())?,
        archived_at: row.try_get(col("archived_at").as_str())?,
        keep_until: row.try_get(col("keep_until").as_str())?,
        removed_at: row.try_get(col("removed_at").as_str())?,
    })
}

fn party_from_row(row: &AnyRow, prefix: &str) -> Result<StoredParty, StorageError> {
    let col = |name: &str| format!("{prefix}{name}");
    let is_subject: i64 = row.try_get(col("is_subject").as_str())?;
    Ok(StoredParty {
        id: row.try_get(col("id").as_str())?,
        conversation_id: row.try_get(col("conversation_id").as_str())?,
        role: row.try_get(col("role").as_str())?,
        is_subject: is_subject == 1,
        name: row.try_get(col("name").as_str())?,
        email: row.try_get(col("email").as_str())?,
        shared_at: row.try_get(col("shared_at").as_str())?,
        signed_at: row.try_get(col("signed_at").as_str())?,
        created_at: row.try_get(col("created_at").as_str())?,
    })
}
