//! An administrator's actions on accounts: invite an organiser, deactivate and activate. Thin
//! doors onto `auth::service`, used through `ActionForm` (pages/users.rs).

use leptos::prelude::*;

use serde::{Deserialize, Serialize};

use super::action_error::ActionError;
use super::outcome::Done;

/// An invitation just made: the administrator sees its link once (it was also emailed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitedOrganiser {
    pub email: String,
    pub link: String,
}

/// Invites an organiser by email, in the administrator's language, and sends the browser to
/// the accounts page, which shows the link once: it travels in a flash entry of this session,
/// never in the address.
#[server(endpoint = "accounts/invite")]
pub async fn invite_organiser(email: String) -> Result<Done, ActionError> {
    let (state, actor) = super::signed_in().await?;
    let headers: axum::http::HeaderMap = leptos_axum::extract().await.unwrap_or_default();
    let language = crate::request_language::of_request(&headers);
    let base_url = &state.settings.base_url;
    let (email, token) = crate::auth::service::invite_organiser(
        &state.db,
        &actor,
        &email,
        base_url,
        language,
        crate::state::unix_now(),
    )
    .await?;
    let invited = InvitedOrganiser {
        email: email.as_str().to_owned(),
        link: format!("{base_url}/invite/{token}"),
    };
    let payload = serde_json::to_string(&invited)
        .map_err(|_| ActionError::from(crate::domain::user_error::UserError::Internal))?;
    let key = state.flash.put(&super::session().await, payload).await;
    leptos_axum::redirect(&format!("/admin/users?flash={key}"));
    Ok(Done::Invited)
}

/// The invitation the accounts page shows once, if `flash` names one of this session.
#[server]
pub async fn load_invited(flash: String) -> Result<Option<InvitedOrganiser>, ActionError> {
    let (state, _) = super::signed_in().await?;
    Ok(crate::flash::take_in_server_fn(&state.flash, &flash)
        .await
        .and_then(|payload| serde_json::from_str(&payload).ok()))
}

/// Stops an account from signing in (its scans stay).
#[server(endpoint = "accounts/deactivate")]
pub async fn deactivate_account(id: String) -> Result<Done, ActionError> {
    let (state, actor) = super::signed_in().await?;
    crate::auth::service::set_account_active(&state.db, &actor, &id, false).await?;
    Ok(super::finish(&id, Done::Deactivated))
}

/// Lets a deactivated account sign in again.
#[server(endpoint = "accounts/activate")]
pub async fn activate_account(id: String) -> Result<Done, ActionError> {
    let (state, actor) = super::signed_in().await?;
    crate::auth::service::set_account_active(&state.db, &actor, &id, true).await?;
    Ok(super::finish(&id, Done::Activated))
}
