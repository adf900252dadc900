use leptos::prelude::*;

use super::action_error::ActionError;
use crate::domain::account::AccountSummary;

/// The accounts page's table; administrators only.
#[server]
pub async fn list_accounts() -> Result<Vec<AccountSummary>, ActionError> {
    let (state, actor) = super::signed_in().await?;
    Ok(crate::auth::service::list_accounts(&state.db, &actor).await?)
}

/// The email address an organiser's invitation link is for, or an error code when the link
/// cannot be used.
#[server]
pub async fn invitation_email(token: String) -> Result<String, ActionError> {
    use crate::state::{AppState, unix_now};

    let state = expect_context::<AppState>();
    Ok(crate::auth::service::invitation_email(&state.db, &token, unix_now()).await?)
}
