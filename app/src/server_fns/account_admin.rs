//! An administrator's actions on accounts: deactivate and activate. Thin doors onto
//! `auth::service`, used through `ActionForm` (pages/users.rs).

use leptos::prelude::*;

use super::action_error::ActionError;
use super::outcome::Done;

/// Stops an account from signing in (its scans stay).
#[server(endpoint = "accounts/deactivate")]
pub async fn deactivate_account(id: String) -> Result<Done, ActionError> {
    let (state, actor) = super::organiser().await?;
    crate::auth::service::set_account_active(&state.db, &actor, &id, false).await?;
    Ok(super::finish(&id, Done::Deactivated))
}

/// Lets a deactivated account sign in again.
#[server(endpoint = "accounts/activate")]
pub async fn activate_account(id: String) -> Result<Done, ActionError> {
    let (state, actor) = super::organiser().await?;
    crate::auth::service::set_account_active(&state.db, &actor, &id, true).await?;
    Ok(super::finish(&id, Done::Activated))
}
