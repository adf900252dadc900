//! The outbox as an administrator reads it, in every door (the outbox page, the JSON API): the
//! messages whose recipients may be listed, and the reminders, counted per scan (a reminder
//! goes to exactly those who have not answered, so who got one is never listed). Only
//! administrators read it; the check is here, once.

use crate::domain::account::CurrentUser;
use crate::domain::user_error::UserError;
use crate::email::HiddenMessageCounts;
use crate::storage::{Db, OutboxEntry, StorageError};

fn administrator(actor: &CurrentUser) -> Result<(), UserError> {
    if actor.is_admin() {
        Ok(())
    } else {
        Err(UserError::Forbidden)
    }
}

fn internal(error: StorageError) -> UserError {
    tracing::error!(%error, "storage failure while reading the outbox");
    UserError::Internal
}

/// The newest `limit` messages that may be listed, newest first.
pub async fn messages(
    db: &Db,
    actor: &CurrentUser,
    limit: i64,
) -> Result<Vec<OutboxEntry>, UserError> {
    administrator(actor)?;
    db.list_outbox(limit).await.map_err(internal)
}

/// The reminders, counted per scan and delivery state.
pub async fn reminder_counts(
    db: &Db,
    actor: &CurrentUser,
) -> Result<Vec<HiddenMessageCounts>, UserError> {
    administrator(actor)?;
    db.hidden_outbox_counts().await.map_err(internal)
}
