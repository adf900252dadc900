use leptos::prelude::*;

use crate::domain::account::AccountSummary;

/// The accounts page's table; administrators only.
#[server]
pub async fn list_accounts() -> Result<Vec<AccountSummary>, ServerFnError> {
    use crate::auth::service;

    let (state, actor) = super::require_user().await?;
    service::list_accounts(&state.db, &actor)
        .await
        .map_err(|e| ServerFnError::new(e.code()))
}

/// The email address an organiser's invitation link is for, or an error code when the link
/// cannot be used.
#[server]
pub async fn invitation_email(token: String) -> Result<String, ServerFnError> {
    use crate::auth::service;
    use crate::state::{AppState, unix_now};

    let state = expect_context::<AppState>();
    service::invitation_email(&state.db, &token, unix_now())
        .await
        .map_err(|e| ServerFnError::new(e.code()))
}
