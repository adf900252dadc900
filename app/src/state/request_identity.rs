//! Who is behind a request: the respondent of a personal link, or the account of a session
//! cookie. Methods of [`AppState`], since both need its database, secret and limiters.

use super::{AppState, cookie_value, unix_now};
use crate::auth::{SESSION_COOKIE, service};
use crate::domain::account::CurrentUser;
use crate::domain::user_error::UserError;

impl AppState {
    /// The respondent behind a personal link, as asked from `client`: the one place every
    /// respondent's page, form and API call looks a link up (and counts unknown links).
    pub async fn respondent(
        &self,
        client: std::net::IpAddr,
        token: &str,
    ) -> Result<crate::respond::Respondent, crate::respond::RespondError> {
        crate::respond::respondent_from(
            &self.db,
            &self.settings.link_secret,
            &self.link_limiter,
            client,
            token,
            unix_now(),
        )
        .await
    }

    /// The signed-in account behind a request's session cookie, if any. The one place every
    /// handler and server function asks "who is this?".
    pub async fn signed_in(
        &self,
        headers: &axum::http::HeaderMap,
    ) -> Result<Option<CurrentUser>, UserError> {
        let token = cookie_value(headers, SESSION_COOKIE);
        service::current_user(&self.db, token.as_deref(), unix_now()).await
    }
}
