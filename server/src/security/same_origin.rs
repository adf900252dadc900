//! Cross-site request forgery defence: a state-changing request (POST, PUT, PATCH, DELETE) that
//! a browser sent for another site is refused before any handler runs, so nothing changes.
//!
//! A browser attaches the session cookie (and a personal link is in the address) whatever site
//! makes it send a form; `SameSite=Lax` keeps the cookie off most cross-site posts, not all
//! (same-site subdomains, older browsers). What a browser cannot fake is `Origin` and
//! `Sec-Fetch-Site`: a request is refused when `Sec-Fetch-Site` is present and is not
//! `same-origin` or `none`, or when `Origin` is present and is not the origin of `BASE_URL`
//! (`Origin: null` passes only with `Sec-Fetch-Site: same-origin`/`none`). Requests
//! without either header (scripts, curl, HR systems) are not browsers acting for another site
//! and pass. The rule covers every write whether or not it carries a cookie: the organiser's
//! forms and Leptos server functions (`/api/{fn}`), the login and setup forms (no one can sign a
//! visitor in to someone else's account) and the respondent's forms (no other site can submit
//! for someone holding a link). Only a request with `Authorization: Bearer` is exempt: browsers
//! never add that header on their own, so it cannot be forged across sites.

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::header::{AUTHORIZATION, CACHE_CONTROL, CONTENT_TYPE, HeaderValue, ORIGIN};
use axum::http::{HeaderMap, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::api::problem::ApiError;

/// The origin (`scheme://host[:port]`) the server's pages are served from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SameOrigin(String);

impl SameOrigin {
    /// From the public address, `BASE_URL`.
    pub fn of(base_url: &str) -> Self {
        let origin = url::Url::parse(base_url)
            .map(|url| url.origin().ascii_serialization())
            .unwrap_or_else(|_| base_url.trim_end_matches('/').to_owned());
        SameOrigin(origin)
    }

    /// Whether a browser sent this request on behalf of another site.
    pub fn is_cross_site(&self, headers: &HeaderMap) -> bool {
        let bearer = headers
            .get(AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("Bearer "));
        if bearer {
            return false;
        }
        let fetch_site = headers.get("sec-fetch-site").map(|site| site.as_bytes());
        if fetch_site.is_some_and(|site| !matches!(site, b"same-origin" | b"none")) {
            return true;
        }
        match headers.get(ORIGIN).map(|origin| origin.as_bytes()) {
            None => false,
            // A form on a page with `Referrer-Policy: no-referrer` (or under some privacy
            // settings) posts `Origin: null`, even to its own site: believed only when the
            // browser's fetch metadata, which no page can set, said same-origin above.
            Some(b"null") => fetch_site.is_none(),
            Some(origin) => origin != self.0.as_bytes(),
        }
    }
}

fn is_state_changing(method: &Method) -> bool {
    !matches!(
        *method,
        Method::GET | Method::HEAD | Method::OPTIONS | Method::TRACE
    )
}

/// The middleware: refuses cross-site writes with 403 (a problem document under `/api/v1/`).
pub async fn refuse_cross_site(
    State(origin): State<SameOrigin>,
    request: Request,
    next: Next,
) -> Response {
    if !is_state_changing(request.method()) || !origin.is_cross_site(request.headers()) {
        return next.run(request).await;
    }
    tracing::warn!(method = %request.method(), "cross-site write refused");
    if request.uri().path().starts_with("/api/v1/") {
        return problem(request.headers());
    }
    (
        StatusCode::FORBIDDEN,
        [
            (CONTENT_TYPE, "text/plain; charset=utf-8"),
            (CACHE_CONTROL, "no-store"),
        ],
        "Geweigerd: dit verzoek kwam van een andere website. Open de pagina in Ontwikkelscan \
         zelf en probeer het opnieuw.\n\
         Refused: this request came from another website. Open the page in Ontwikkelscan itself \
         and try again.\n",
    )
        .into_response()
}

/// The API's refusal, as the API's other errors: `application/problem+json` in the request's
/// language.
fn problem(headers: &HeaderMap) -> Response {
    let error = ApiError::new(
        StatusCode::FORBIDDEN,
        "cross-site",
        "Geweigerd: dit verzoek kwam van een andere website",
        "Refused: this request came from another website",
    );
    let language = app::request_language::of_request(headers);
    let body = serde_json::to_vec(&error.document(language)).unwrap_or_default();
    let mut response = (StatusCode::FORBIDDEN, Body::from(body)).into_response();
    response.headers_mut().insert(
        CONTENT_TYPE,
        HeaderValue::from_static("application/problem+json"),
    );
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut headers = HeaderMap::new();
        for (name, value) in pairs {
            headers.insert(*name, HeaderValue::from_static(value));
        }
        headers
    }

    #[test]
    fn judges_by_origin_and_fetch_metadata() {
        let own = SameOrigin::of("https://scan.gemeente.nl/");
        assert_eq!(own, SameOrigin("https://scan.gemeente.nl".into()));
        assert!(!own.is_cross_site(&headers(&[])), "no browser headers");
        assert!(!own.is_cross_site(&headers(&[("origin", "https://scan.gemeente.nl")])));
        assert!(!own.is_cross_site(&headers(&[("sec-fetch-site", "same-origin")])));
        assert!(!own.is_cross_site(&headers(&[("sec-fetch-site", "none")])));
        assert!(own.is_cross_site(&headers(&[("origin", "https://kwaad.example")])));
        assert!(own.is_cross_site(&headers(&[("origin", "http://scan.gemeente.nl")])));
        assert!(own.is_cross_site(&headers(&[("origin", "null")])));
        assert!(!own.is_cross_site(&headers(&[
            ("origin", "null"),
            ("sec-fetch-site", "same-origin"),
        ])));
        assert!(own.is_cross_site(&headers(&[
            ("origin", "null"),
            ("sec-fetch-site", "cross-site"),
        ])));
        assert!(own.is_cross_site(&headers(&[("sec-fetch-site", "cross-site")])));
        assert!(own.is_cross_site(&headers(&[("sec-fetch-site", "same-site")])));
        assert!(own.is_cross_site(&headers(&[
            ("origin", "https://scan.gemeente.nl"),
            ("sec-fetch-site", "cross-site"),
        ])));
        assert!(!own.is_cross_site(&headers(&[
            ("origin", "https://kwaad.example"),
            ("authorization", "Bearer osk_x"),
        ])));
        assert!(own.is_cross_site(&headers(&[
            ("origin", "https://kwaad.example"),
            ("authorization", "Basic eDp5"),
        ])));
    }

    #[test]
    fn reads_are_never_refused() {
        assert!(!is_state_changing(&Method::GET));
        assert!(!is_state_changing(&Method::HEAD));
        for method in [Method::POST, Method::PUT, Method::PATCH, Method::DELETE] {
            assert!(is_state_changing(&method), "{method}");
        }
    }
}
