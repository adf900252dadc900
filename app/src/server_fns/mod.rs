//! Server functions, one small file per domain. Each is a thin wrapper: extract the request
//! context, call a service, map the error.

pub mod account_admin;
pub mod accounts;
pub mod action_error;
pub mod frameworks;
pub mod invitation_actions;
pub mod outbox;
pub mod outcome;
pub mod report;
pub mod respond;
pub mod scan_lifecycle;
pub mod scans;
pub mod session;
pub mod token_actions;
pub mod tokens;

/// The app state and the signed-in account (if any) of the request a server function serves.
#[cfg(feature = "ssr")]
pub(crate) async fn request_user() -> Result<
    (
        crate::state::AppState,
        Option<crate::domain::account::CurrentUser>,
    ),
    leptos::prelude::ServerFnError,
> {
    use leptos::prelude::*;
    let state = expect_context::<crate::state::AppState>();
    let headers: axum::http::HeaderMap = leptos_axum::extract().await?;
    let user = state
        .signed_in(&headers)
        .await
        .map_err(|e| ServerFnError::new(e.code()))?;
    Ok((state, user))
}

/// Like [`request_user`], but an error for visitors who are not signed in.
#[cfg(feature = "ssr")]
pub(crate) async fn require_user() -> Result<
    (crate::state::AppState, crate::domain::account::CurrentUser),
    leptos::prelude::ServerFnError,
> {
    use crate::domain::user_error::UserError;
    let (state, user) = request_user().await?;
    let user =
        user.ok_or_else(|| leptos::prelude::ServerFnError::new(UserError::Forbidden.code()))?;
    Ok((state, user))
}

/// The signed-in organiser (or administrator) an action is done by, with the app state: the
/// door every organiser write goes through. Not signed in: refused as not allowed.
#[cfg(feature = "ssr")]
pub(crate) async fn organiser()
-> Result<(crate::state::AppState, crate::domain::account::CurrentUser), action_error::ActionError>
{
    use crate::domain::user_error::UserError;
    let state = leptos::prelude::expect_context::<crate::state::AppState>();
    let headers: axum::http::HeaderMap = leptos_axum::extract()
        .await
        .map_err(|_| UserError::Internal)?;
    let user = state
        .signed_in(&headers)
        .await?
        .ok_or(UserError::Forbidden)?;
    Ok((state, user))
}

/// Sends the browser to the page that reports `done` (a redirect for a plain form post, a
/// client-side navigation for a WebAssembly call) and returns it.
#[cfg(feature = "ssr")]
pub(crate) fn finish(scan_id: &str, done: outcome::Done) -> outcome::Done {
    leptos_axum::redirect(&done.next_page(scan_id));
    done
}

/// The session cookie of the request a server function answers (empty without one): what a
/// flash entry is bound to.
#[cfg(feature = "ssr")]
pub(crate) async fn session() -> String {
    let headers: axum::http::HeaderMap = leptos_axum::extract().await.unwrap_or_default();
    crate::flash::session_of(&headers)
}
