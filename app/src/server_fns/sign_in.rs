//! The sign-in doors: log in, log out, the first-run setup and accepting an account invitation.
//! Thin doors onto `auth::service`, used through `ActionForm` (pages/login.rs, setup.rs,
//! invite.rs and the logout button of components/layout.rs): without JavaScript a plain post
//! and a redirect, with it no reload. A refusal goes back to the form's page as an
//! [`ActionError`]; a success sends the browser to the page [`SignInDone::next_page`] names.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::action_error::ActionError;

/// What a sign-in door achieved. The login page reports the last three from its address
/// (`/login?done=logout`); encoded and decoded only here.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SignInDone {
    SignedIn,
    SignedOut,
    SetUp,
    InvitationAccepted,
}

/// The login page's query parameter that names a [`SignInDone`].
pub const NOTICE: &str = "done";

impl SignInDone {
    fn code(self) -> Option<&'static str> {
        match self {
            SignInDone::SignedIn => None,
            SignInDone::SignedOut => Some("logout"),
            SignInDone::SetUp => Some("setup"),
            SignInDone::InvitationAccepted => Some("invite"),
        }
    }

    /// Where the browser goes next: the overview once signed in, else the login page with the
    /// notice.
    pub fn next_page(self) -> String {
        match self.code() {
            None => "/".to_owned(),
            Some(code) => format!("/login?{NOTICE}={code}"),
        }
    }

    /// The outcome the login page's `done` parameter names, if it names a known one.
    pub fn from_notice(code: &str) -> Option<Self> {
        [
            SignInDone::SignedOut,
            SignInDone::SetUp,
            SignInDone::InvitationAccepted,
        ]
        .into_iter()
        .find(|done| done.code() == Some(code))
    }
}

/// Sends the browser on (a redirect for a plain form post, a navigation for a WebAssembly
/// call) and returns the outcome.
#[cfg(feature = "ssr")]
fn finish(done: SignInDone) -> SignInDone {
    leptos_axum::redirect(&done.next_page());
    done
}

/// Adds a `Set-Cookie` for the session cookie to the answer.
#[cfg(feature = "ssr")]
fn set_session_cookie(cookie: String) -> Result<(), ActionError> {
    use crate::domain::user_error::UserError;
    let value = axum::http::HeaderValue::from_str(&cookie).map_err(|_| UserError::Internal)?;
    expect_context::<leptos_axum::ResponseOptions>()
        .append_header(axum::http::header::SET_COOKIE, value);
    Ok(())
}

/// Signs in with email and password (rate limited per address and per client) and sets the
/// session cookie.
#[server(endpoint = "login")]
pub async fn login(email: String, password: String) -> Result<SignInDone, ActionError> {
    use crate::auth::client_address::ClientAddress;
    use crate::auth::{service, session_cookie};
    use crate::domain::user_error::UserError;
    use crate::state::{AppState, unix_now};

    let state = expect_context::<AppState>();
    let ClientAddress(client) = leptos_axum::extract_with_state(&state)
        .await
        .map_err(|_| UserError::Internal)?;
    let ttl = state.settings.session_ttl;
    let session = service::login(
        &state.db,
        &state.login_limiter,
        &email,
        &password,
        &client.to_string(),
        unix_now(),
        ttl,
    )
    .await
    .inspect_err(|error| tracing::info!(code = %error.code(), "login refused"))?;
    set_session_cookie(session_cookie::set(
        &session.token,
        ttl.as_secs(),
        state.settings.secure_cookies,
    ))?;
    Ok(finish(SignInDone::SignedIn))
}

/// Ends the session of this browser and removes its cookie.
#[server(endpoint = "logout")]
pub async fn logout() -> Result<SignInDone, ActionError> {
    use crate::auth::{SESSION_COOKIE, service, session_cookie};
    use crate::domain::user_error::UserError;
    use crate::state::{AppState, cookie_value};

    let state = expect_context::<AppState>();
    let headers: axum::http::HeaderMap = leptos_axum::extract()
        .await
        .map_err(|_| UserError::Internal)?;
    let token = cookie_value(&headers, SESSION_COOKIE);
    service::logout(&state.db, token.as_deref()).await?;
    set_session_cookie(session_cookie::clear(state.settings.secure_cookies))?;
    Ok(finish(SignInDone::SignedOut))
}

/// Creates the first administrator with the one-time code the server printed (an absent code
/// is a wrong one); closed once any account exists.
#[server(endpoint = "setup")]
pub async fn setup(
    email: String,
    password: String,
    password_repeat: String,
    setup_code: Option<String>,
) -> Result<SignInDone, ActionError> {
    use crate::state::{AppState, unix_now};

    let state = expect_context::<AppState>();
    crate::auth::service::setup_first_admin(
        &state.db,
        &email,
        &password,
        &password_repeat,
        setup_code.as_deref().unwrap_or_default(),
        unix_now(),
    )
    .await?;
    Ok(finish(SignInDone::SetUp))
}

/// An invited organiser chooses a password; they log in next.
#[server(endpoint = "invite")]
pub async fn accept_invitation(
    token: String,
    password: String,
    password_repeat: String,
) -> Result<SignInDone, ActionError> {
    use crate::state::{AppState, unix_now};

    let state = expect_context::<AppState>();
    crate::auth::service::accept_invitation(
        &state.db,
        &token,
        &password,
        &password_repeat,
        unix_now(),
    )
    .await?;
    Ok(finish(SignInDone::InvitationAccepted))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_notice_reads_back_from_its_page() {
        for done in [
            SignInDone::SignedOut,
            SignInDone::SetUp,
            SignInDone::InvitationAccepted,
        ] {
            let page = done.next_page();
            let code = page.rsplit_once(&format!("{NOTICE}=")).unwrap().1;
            assert_eq!(SignInDone::from_notice(code), Some(done), "{page}");
        }
        assert_eq!(SignInDone::SignedIn.next_page(), "/");
        assert_eq!(SignInDone::SignedOut.next_page(), "/login?done=logout");
        assert_eq!(SignInDone::from_notice("gehackt"), None);
    }
}
