//! Server functions, one small file per domain. Each is a thin wrapper: extract the request
//! context, call a service, map the error.

pub mod account_admin;
pub mod accounts;
pub mod action_error;
pub mod conversation_types;
pub mod conversations;
pub mod cycles;
pub mod dashboard;
pub mod framework_import;
pub mod frameworks;
pub mod invitation_actions;
#[cfg(feature = "ssr")]
pub mod multipart;
pub mod outbox;
pub mod outcome;
pub mod report;
pub mod respond;
pub mod retention;
pub mod scan_forms;
pub mod scan_lifecycle;
pub mod scans;
pub mod session;
pub mod sign_in;
pub mod token_actions;
pub mod tokens;

/// The app state and the account (if any) signed in on the request a server function answers:
/// the one place a server function asks "who is this?" (through the session cookie;
/// `AppState::signed_in` is the one rule for that, shared with the API's cookie reads).
#[cfg(feature = "ssr")]
pub(crate) async fn visitor() -> Result<
    (
        crate::state::AppState,
        Option<crate::domain::account::CurrentUser>,
    ),
    action_error::ActionError,
> {
    use crate::domain::user_error::UserError;
    let state = leptos::prelude::expect_context::<crate::state::AppState>();
    let headers: axum::http::HeaderMap = leptos_axum::extract()
        .await
        .map_err(|_| UserError::Internal)?;
    let user = state.signed_in(&headers).await?;
    Ok((state, user))
}

/// Like [`visitor`], for what only a signed-in account may do or see (an organiser's action, a
/// page's data): a visitor who is not signed in is refused as not allowed.
#[cfg(feature = "ssr")]
pub(crate) async fn signed_in()
-> Result<(crate::state::AppState, crate::domain::account::CurrentUser), action_error::ActionError>
{
    let (state, user) = visitor().await?;
    let user = user.ok_or(crate::domain::user_error::UserError::Forbidden)?;
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

/// Whether the request a server function answers is a browser's plain form post (no
/// WebAssembly): its answer is a redirect, and a refusal must travel with it.
#[cfg(feature = "ssr")]
pub(crate) fn plain_form_post() -> bool {
    leptos::prelude::use_context::<axum::http::request::Parts>().is_some_and(|parts| {
        parts
            .headers
            .get(axum::http::header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.contains("text/html"))
    })
}

/// Sends the browser to `page` (`/scans/x#anchor`) with `payload` in a flash entry bound to
/// this session, so the page shows it once: a redirect for a plain form post, a client-side
/// navigation for a WebAssembly call.
#[cfg(feature = "ssr")]
pub(crate) async fn show_with_flash(
    state: &crate::state::AppState,
    page: &str,
    payload: &impl serde::Serialize,
) {
    let key = state
        .flash
        .put(
            &session().await,
            serde_json::to_string(payload).unwrap_or_default(),
        )
        .await;
    let (path, anchor) = page.split_once('#').unwrap_or((page, ""));
    let separator = if path.contains('?') { '&' } else { '?' };
    let anchor = if anchor.is_empty() {
        String::new()
    } else {
        format!("#{anchor}")
    };
    leptos_axum::redirect(&format!("{path}{separator}flash={key}{anchor}"));
}

/// A refused form. A plain form post goes back to `page` with the form as typed and the
/// refusal (`flash`), since the browser would otherwise show the form empty; with WebAssembly
/// the typed form is still on the page, which shows the returned error in place.
#[cfg(feature = "ssr")]
pub(crate) async fn refuse(
    state: &crate::state::AppState,
    refusal: crate::domain::scan::form::FormRefusal,
    page: &str,
    flash: &impl serde::Serialize,
) -> action_error::ActionError {
    if plain_form_post() {
        show_with_flash(state, page, flash).await;
    }
    action_error::ActionError::from(refusal)
}

/// A refused form's problems (field by field) and its one refusal, as a flash entry keeps them.
#[cfg(feature = "ssr")]
pub(crate) fn parts_of(
    refusal: &crate::domain::scan::form::FormRefusal,
) -> (
    Vec<crate::domain::scan::form::FormProblem>,
    Option<crate::domain::user_error::UserError>,
) {
    match refusal {
        crate::domain::scan::form::FormRefusal::Problems(problems) => (problems.clone(), None),
        crate::domain::scan::form::FormRefusal::Refused(error) => (Vec::new(), Some(error.clone())),
    }
}
