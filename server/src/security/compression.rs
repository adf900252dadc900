//! Compression of the server's pages and JSON (issue 23), where it cannot leak a secret.
//!
//! A compressed response's length reveals how well its parts repeat each other. When a page
//! holds a secret and text the attacker chose, an attacker who can make a victim's browser
//! send many requests and watch their lengths on the wire can guess the secret piece by piece
//! (BREACH). So a response is compressed only when one of these holds:
//!
//! - the request was started by the site itself or by the person (`Sec-Fetch-Site:
//!   same-origin` or `none`): another site cannot make the browser send it;
//! - the request carries no sign-in (no session cookie, no conversation-link cookie): the
//!   answer holds nothing of anyone's;
//!
//! and never for a respondent's pages (`/s/…`, and their saves under `/api/respond/`) or a
//! conversation link (`/g/…`): their address holds the personal secret itself, and the
//! respondent's own answers are on them. The compiled
//! assets under `/pkg` are compressed ahead of time and not here.

use axum::extract::Request;
use axum::http::HeaderMap;
use axum::middleware::Next;
use axum::response::Response;
use tower_http::compression::predicate::{DefaultPredicate, Predicate};
use tower_http::compression::{CompressionLayer, CompressionLevel};

use app::auth::SESSION_COOKIE;
use app::conversations::links::LINK_COOKIE;
use app::state::cookie_value;

/// Marks a response that must go out as it is.
#[derive(Clone, Copy, Debug)]
struct Uncompressed;

/// Whether the answer to this request may be compressed (see the module's text).
pub fn may_compress(path: &str, headers: &HeaderMap) -> bool {
    const NEVER: [&str; 4] = ["/s/", "/g/", "/api/respond/", "/pkg/"];
    if NEVER.iter().any(|prefix| path.starts_with(prefix)) {
        return false;
    }
    let started_here = headers
        .get("sec-fetch-site")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|site| site == "same-origin" || site == "none");
    let signed_in = cookie_value(headers, SESSION_COOKIE).is_some()
        || cookie_value(headers, LINK_COOKIE).is_some();
    started_here || !signed_in
}

/// The middleware that applies [`may_compress`]; runs inside [`layer`].
pub async fn mark_uncompressed(request: Request, next: Next) -> Response {
    let allowed = may_compress(request.uri().path(), request.headers());
    let mut response = next.run(request).await;
    if !allowed {
        response.extensions_mut().insert(Uncompressed);
    }
    response
}

/// Brotli or gzip, as the browser accepts, at a quick level (Brotli 4), for text that
/// compresses: HTML, JSON, CSV, SVG and plain text.
pub fn layer() -> CompressionLayer<impl Predicate> {
    let allowed = |_: axum::http::StatusCode,
                   _: axum::http::Version,
                   headers: &HeaderMap,
                   extensions: &axum::http::Extensions| {
        let compressible = headers
            .get(axum::http::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|kind| {
                [
                    "text/html",
                    "application/json",
                    "text/csv",
                    "image/svg+xml",
                    "text/plain",
                ]
                .iter()
                .any(|compressible| kind.starts_with(compressible))
            });
        compressible && extensions.get::<Uncompressed>().is_none()
    };
    CompressionLayer::new()
        .br(true)
        .gzip(true)
        .quality(CompressionLevel::Default)
        .compress_when(DefaultPredicate::new().and(allowed))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.append(*name, value.parse().unwrap());
        }
        map
    }

    const SESSION: &str = "ontwikkelscan_session=abc";

    #[test]
    fn the_sites_own_requests_are_compressed_signed_in_or_not() {
        for site in ["same-origin", "none"] {
            let h = headers(&[("sec-fetch-site", site), ("cookie", SESSION)]);
            assert!(may_compress("/scans", &h), "{site}");
            assert!(may_compress("/api/v1/scans", &h), "{site}");
        }
    }

    #[test]
    fn a_signed_in_request_another_site_may_have_started_is_not() {
        for site in ["cross-site", "same-site"] {
            let h = headers(&[("sec-fetch-site", site), ("cookie", SESSION)]);
            assert!(!may_compress("/scans", &h), "{site}");
        }
        // No Sec-Fetch-Site (an older browser): it cannot be told apart, so not compressed.
        assert!(!may_compress("/scans", &headers(&[("cookie", SESSION)])));
        let link = headers(&[("cookie", "ontwikkelscan_gesprek=xyz")]);
        assert!(!may_compress("/gesprekken/1", &link));
    }

    #[test]
    fn a_request_without_sign_in_is_compressed() {
        assert!(may_compress("/login", &HeaderMap::new()));
        let language_only = headers(&[("sec-fetch-site", "cross-site"), ("cookie", "locale=en")]);
        assert!(may_compress("/login", &language_only));
        let api_token = headers(&[("authorization", "Bearer abc")]);
        assert!(may_compress("/api/v1/scans", &api_token));
    }

    #[test]
    fn personal_links_are_never_compressed() {
        let h = headers(&[("sec-fetch-site", "none")]);
        for path in [
            "/s/0123abcd",
            "/s/0123abcd/q/0",
            "/api/respond/save",
            "/g/xyz",
            "/pkg/ontwikkelscan.css",
        ] {
            assert!(!may_compress(path, &h), "{path}");
            assert!(!may_compress(path, &HeaderMap::new()), "{path}");
        }
    }
}
