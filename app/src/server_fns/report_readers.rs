//! What the organiser's scan page shows about the report's readers before the report becomes
//! readable: who will be told, and how (`scans::notify_readers`).

use leptos::prelude::*;

use super::action_error::ActionError;
use crate::domain::report_readers::ReadersNotice;

/// The readers of a scan the signed-in user manages, each with the message they get (or got).
#[server]
pub async fn load_readers_notice(id: String) -> Result<ReadersNotice, ActionError> {
    let (state, user) = super::signed_in().await?;
    let stored = crate::scans::service::load_for(&state.db, &user, &id).await?;
    Ok(crate::scans::notify_readers::readers_notice(&state.db, &stored).await?)
}
