//! The largest request body any route reads: 2 MiB, and the framework import's 8 MiB. Leptos
//! reads a file upload to a server function as a stream, which axum's `DefaultBodyLimit` does
//! not bound (it bounds the extractors that read a body whole), so the limit is put on the
//! body itself, here, for every route.

use axum::body::Body;
use axum::extract::Request;
use axum::http::StatusCode;
use axum::http::header::CONTENT_LENGTH;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http_body_util::Limited;

use app::server_fns::framework_import::{IMPORT_ENDPOINT, UPLOAD_LIMIT_BYTES};

/// What every route but the framework import reads at most (axum's own default).
pub const BODY_LIMIT_BYTES: usize = 2 * 1024 * 1024;

/// The limit for a request to `path`.
pub fn limit_for(path: &str) -> usize {
    match path.strip_prefix("/api/") {
        Some(endpoint) if endpoint == IMPORT_ENDPOINT => UPLOAD_LIMIT_BYTES,
        _ => BODY_LIMIT_BYTES,
    }
}

/// Refuses a body that announces more than the limit at once (413), and cuts off one that
/// turns out longer while it is read (its reader fails, which the routes answer as a bad form).
pub async fn limit_body(request: Request, next: Next) -> Response {
    let limit = limit_for(request.uri().path());
    let announced = request
        .headers()
        .get(CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if announced.is_some_and(|length| length > limit as u64) {
        return (
            StatusCode::PAYLOAD_TOO_LARGE,
            "Te groot / Too large: het verzoek is groter dan toegestaan / the request is larger than allowed",
        )
            .into_response();
    }
    let (parts, body) = request.into_parts();
    let request = Request::from_parts(parts, Body::new(Limited::new(body, limit)));
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_framework_import_reads_more_than_the_default() {
        assert_eq!(limit_for("/api/frameworks/import"), UPLOAD_LIMIT_BYTES);
        for path in [
            "/api/scans/informants/upload",
            "/api/v1/scans",
            "/s/abc/q/0",
            "/",
        ] {
            assert_eq!(limit_for(path), BODY_LIMIT_BYTES, "{path}");
        }
    }
}
