//! The signed-in user's personal API tokens: create one (shown once) and revoke one. Thin doors
//! onto `auth::api_tokens`, used through `ActionForm` (pages/tokens.rs).

use leptos::prelude::*;

use super::action_error::ActionError;
use super::outcome::Done;

/// Creates a token and sends the browser to the tokens page, which shows it this once: the
/// token travels in a flash entry of this session, never in the address.
#[server(endpoint = "account/tokens/create")]
pub async fn create_api_token(name: String) -> Result<Done, ActionError> {
    let (state, user) = super::signed_in().await?;
    let token =
        crate::auth::api_tokens::create(&state.db, &user, &name, crate::state::unix_now()).await?;
    let key = state.flash.put(&super::session().await, token).await;
    leptos_axum::redirect(&format!("/account/tokens?flash={key}"));
    Ok(Done::TokenCreated)
}

/// Makes a token stop working at once.
#[server(endpoint = "account/tokens/revoke")]
pub async fn revoke_api_token(id: String) -> Result<Done, ActionError> {
    let (state, user) = super::signed_in().await?;
    crate::auth::api_tokens::revoke(&state.db, &user, &id, crate::state::unix_now()).await?;
    Ok(super::finish(&id, Done::TokenRevoked))
}
