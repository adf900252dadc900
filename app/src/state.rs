//! The one piece of shared server state: handed to axum handlers as `State`, and to server
//! functions as Leptos context. No globals, so tests build their own.

use std::sync::Arc;
use std::time::Duration;

use axum::extract::FromRef;
use leptos::config::LeptosOptions;

use crate::auth::rate_limit::LoginLimiter;
use crate::auth::scan_link::LinkSecret;
use crate::auth::{SESSION_COOKIE, service};
use crate::domain::account::CurrentUser;
use crate::domain::user_error::UserError;
use crate::flash::FlashStore;
use crate::storage::Db;

/// Settings the request handlers need (the rest of the configuration stays in the server).
#[derive(Debug, Clone)]
pub struct Settings {
    /// Public address, e.g. `https://scan.gemeente.nl`; used in links sent to people.
    pub base_url: String,
    /// Cookies get `Secure` when the public address is https.
    pub secure_cookies: bool,
    pub session_ttl: Duration,
    /// The secret personal scan links are derived from (kept outside the database).
    pub link_secret: LinkSecret,
    /// Proxies whose `X-Forwarded-For` names the client (`TRUSTED_PROXIES`).
    pub trusted_proxies: crate::auth::client_address::TrustedProxies,
}

impl Settings {
    /// How personal links are made for this server.
    pub fn links(&self) -> crate::scans::mail::LinkMaker<'_> {
        crate::scans::mail::LinkMaker {
            base_url: &self.base_url,
            secret: &self.link_secret,
        }
    }
}

/// Cheap to clone (one reference count): axum clones the state for every request, and the
/// respondent's pages are served tens of thousands of times a second.
#[derive(Clone)]
pub struct AppState(Arc<Shared>);

/// What [`AppState`] shares; its fields are read through the state (`state.db`).
pub struct Shared {
    pub leptos_options: LeptosOptions,
    pub db: Db,
    pub settings: Arc<Settings>,
    pub login_limiter: Arc<LoginLimiter>,
    /// Slows down clients that try many unknown personal links.
    pub link_limiter: Arc<LoginLimiter>,
    /// One-time results of form posts, in the database (`crate::flash`).
    pub flash: FlashStore,
}

impl AppState {
    pub fn new(shared: Shared) -> Self {
        Self(Arc::new(shared))
    }
}

impl std::ops::Deref for AppState {
    type Target = Shared;

    fn deref(&self) -> &Shared {
        &self.0
    }
}

/// Leptos' own handlers take their options from the state.
impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

impl FromRef<AppState> for Db {
    fn from_ref(state: &AppState) -> Self {
        state.db.clone()
    }
}

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

/// Seconds since the Unix epoch: the one clock the storage layer is given.
pub fn unix_now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

/// The cookie that keeps the visitor's language: leptos_i18n reads it on the server and in the
/// browser.
pub const LOCALE_COOKIE: &str = "i18n_pref_locale";

/// The value of one cookie from a `Cookie` request header.
pub fn cookie_value(headers: &axum::http::HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(axum::http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::{HeaderMap, HeaderValue, header::COOKIE};

    #[test]
    fn finds_cookie_among_others() {
        let mut headers = HeaderMap::new();
        headers.append(
            COOKIE,
            HeaderValue::from_static("a=1; ontwikkelscan_session=abc"),
        );
        headers.append(COOKIE, HeaderValue::from_static("b=2"));
        assert_eq!(
            cookie_value(&headers, "ontwikkelscan_session").as_deref(),
            Some("abc")
        );
        assert_eq!(cookie_value(&headers, "b").as_deref(), Some("2"));
        assert_eq!(cookie_value(&headers, "c"), None);
    }
}
