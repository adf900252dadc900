use leptos::prelude::*;
use serde::{Deserialize, Serialize};

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

/// The newest 200 messages; administrators only.
#[server]
pub async fn list_outbox_rows() -> Result<Vec<OutboxRow>, ServerFnError> {
    use crate::domain::user_error::UserError;
    use crate::storage::OutboxStatus;

    let (state, user) = super::require_user().await?;
    if !user.is_admin() {
        return Err(ServerFnError::new(UserError::Forbidden.code()));
    }
    let entries = state.db.list_outbox(200).await.map_err(|error| {
        tracing::error!(%error, "cannot list the outbox");
        ServerFnError::new(UserError::Internal.code())
    })?;
    Ok(entries
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
        .collect())
}
