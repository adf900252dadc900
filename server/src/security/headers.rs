//! Security headers on every response: pages, the API, the respondent's pages, static files,
//! refusals and errors.
//!
//! - `Content-Security-Policy`: scripts only from this server, plus WebAssembly
//!   (`'wasm-unsafe-eval'`). Leptos writes its hydration start-up and the data of the resources
//!   it rendered as inline `<script>`s; each page gets a fresh nonce for them (leptos_axum makes
//!   one per render; [`csp_for_leptos_page`] puts it in the header, see `router.rs`). The
//!   respondent's pages have one fixed inline start-up script, allowed by its hash. Styles may be
//!   inline (`'unsafe-inline'` for styles only): the API reference page and the SVG charts carry
//!   style attributes, and a style cannot run code. No framing (`frame-ancestors 'none'`), forms
//!   post only here, no plugins, no `<base>` from elsewhere.
//! - `X-Content-Type-Options: nosniff`, `X-Frame-Options: DENY` (for browsers without
//!   `frame-ancestors`).
//! - `Referrer-Policy: same-origin`: server functions posted by a plain HTML form redirect back
//!   to the `Referer`, so it must reach this server; no other site ever gets it, so the token
//!   in a respondent's address (`/s/<token>`) never leaks.
//! - `Strict-Transport-Security` when `BASE_URL` is https.
//! - `Cache-Control: no-store` on what is personal: any response to a request with the session
//!   cookie, the API (`/api/…`, also the server functions) and the respondent's pages (`/s/…`).
//!   The compiled assets under `/pkg` keep their caching.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::header::{
    CACHE_CONTROL, CONTENT_SECURITY_POLICY, REFERRER_POLICY, STRICT_TRANSPORT_SECURITY,
    X_CONTENT_TYPE_OPTIONS, X_FRAME_OPTIONS,
};
use axum::http::{HeaderMap, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;

use app::auth::SESSION_COOKIE;
use app::respond::html::Assets;
use app::state::{AppState, cookie_value};

/// The policy with `script_source` as the one inline-script allowance (a nonce or a hash).
pub fn content_security_policy(script_source: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' {script_source}; \
         style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; \
         object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
    )
}

/// The policy of a page Leptos renders, whose inline scripts carry `nonce`.
pub fn csp_for_leptos_page(nonce: &str) -> String {
    content_security_policy(&format!("'nonce-{nonce}'"))
}

/// Run in the Leptos context of every render (`router.rs`): the policy of this page, naming
/// the nonce leptos_axum gave its inline scripts. Outside a page render (server functions)
/// there is no nonce and the layer's default policy applies.
pub fn csp_with_leptos_nonce() {
    let nonce = leptos::nonce::use_nonce();
    let options = leptos::prelude::use_context::<leptos_axum::ResponseOptions>();
    if let (Some(nonce), Some(options)) = (nonce, options)
        && let Ok(value) = HeaderValue::from_str(&csp_for_leptos_page(&nonce))
    {
        options.insert_header(CONTENT_SECURITY_POLICY, value);
    }
}

/// What the layer adds; built once per router.
#[derive(Debug, Clone)]
pub struct HeaderPolicy(Arc<Policy>);

#[derive(Debug)]
struct Policy {
    /// For responses that did not set their own (all but Leptos' pages).
    default_csp: HeaderValue,
    hsts: bool,
}

impl HeaderPolicy {
    pub fn new(state: &AppState) -> Self {
        let hash = Assets::new(&state.assets).start_script_source();
        let default_csp = HeaderValue::from_str(&content_security_policy(&hash))
            .expect("the policy is plain ASCII");
        HeaderPolicy(Arc::new(Policy {
            default_csp,
            hsts: state.settings.base_url.starts_with("https://"),
        }))
    }
}

/// Whether the response to this request must not be stored by any cache.
fn is_personal(path: &str, headers: &HeaderMap) -> bool {
    if path.starts_with("/pkg/") {
        return false;
    }
    path.starts_with("/api/")
        || path.starts_with("/s/")
        || cookie_value(headers, SESSION_COOKIE).is_some()
}

/// The middleware.
pub async fn add_security_headers(
    State(policy): State<HeaderPolicy>,
    request: Request,
    next: Next,
) -> Response {
    let personal = is_personal(request.uri().path(), request.headers());
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    if !headers.contains_key(CONTENT_SECURITY_POLICY) {
        headers.insert(CONTENT_SECURITY_POLICY, policy.0.default_csp.clone());
    }
    headers.insert(X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    if !headers.contains_key(REFERRER_POLICY) {
        headers.insert(REFERRER_POLICY, HeaderValue::from_static("same-origin"));
    }
    if policy.0.hsts {
        headers.insert(
            STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000"),
        );
    }
    if personal {
        headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn personal_responses_are_recognised() {
        let none = HeaderMap::new();
        let mut signed_in = HeaderMap::new();
        signed_in.insert(
            axum::http::header::COOKIE,
            HeaderValue::from_static("ontwikkelscan_session=abc"),
        );
        assert!(is_personal("/api/v1/scans", &none));
        assert!(is_personal("/api/session_info", &none));
        assert!(is_personal("/s/abc", &none));
        assert!(is_personal("/scans", &signed_in));
        assert!(!is_personal("/login", &none));
        assert!(!is_personal("/pkg/ontwikkelscan.js", &signed_in));
    }

    #[test]
    fn the_policy_allows_own_scripts_and_webassembly_only() {
        let policy = csp_for_leptos_page("abc");
        assert!(policy.contains("script-src 'self' 'wasm-unsafe-eval' 'nonce-abc';"));
        assert!(policy.contains("frame-ancestors 'none'"));
        assert!(!policy.contains("script-src 'self' 'unsafe-inline'"));
    }
}
