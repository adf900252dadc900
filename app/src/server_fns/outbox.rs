use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::action_error::ActionError;

/// One outgoing email as the administrator's outbox page lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OutboxRow {
    pub recipient: String,
    pub subject: String,
    /// queued, sending, sent or failed.
    pub status: String,
    pub attempts: i64,
    pub last_error: Option<String>,
    pub created_at: i64,
}

/// The reminders of one scan, counted: a reminder goes to exactly those who have not answered,
/// so who received one is never listed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReminderCountRow {
    pub scan_id: Option<String>,
    /// Queued or being sent.
    pub waiting: i64,
    pub sent: i64,
    pub failed: i64,
}

/// What the outbox page shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OutboxOverview {
    /// The newest 200 messages whose recipients may be listed (not the reminders).
    pub rows: Vec<OutboxRow>,
    /// The reminders, counted per scan, newest first.
    pub reminders: Vec<ReminderCountRow>,
}

/// The newest 200 messages and the reminder counts; administrators only.
#[server]
pub async fn list_outbox_rows() -> Result<OutboxOverview, ActionError> {
    use crate::storage::OutboxStatus;

    use crate::email::outbox_read;

    let (state, user) = super::signed_in().await?;
    let entries = outbox_read::messages(&state.db, &user, 200).await?;
    let reminders = outbox_read::reminder_counts(&state.db, &user).await?;
    Ok(OutboxOverview {
        rows: entries
            .into_iter()
            .map(|e| OutboxRow {
                recipient: e.recipient,
                subject: e.subject,
                status: match e.status {
                    OutboxStatus::Queued => "queued",
                    OutboxStatus::Sending => "sending",
                    OutboxStatus::Sent => "sent",
                    OutboxStatus::Failed => "failed",
                }
                .to_owned(),
                attempts: e.attempts,
                last_error: e.last_error,
                created_at: e.created_at,
            })
            .collect(),
        reminders: reminders
            .into_iter()
            .map(|c| ReminderCountRow {
                scan_id: c.reference,
                waiting: c.queued + c.sending,
                sent: c.sent,
                failed: c.failed,
            })
            .collect(),
    })
}
