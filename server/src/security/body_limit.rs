//! The largest request body any route reads: 2 MiB, and the framework import's 8 MiB. Leptos
//! reads a file upload to a server function as a stream, which axum's `DefaultBodyLimit` does
//! not bound (it bounds the extractors that read a body whole), so the limit is put on the
//! body itself, here, for every route.

use axum::body::Body;
use axum::extract::Request;
use axum::http::StatusCode;
use axum::http::header::{CONTENT_LENGTH, CONTENT_TYPE};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http_body_util::{BodyExt, Limited};

use crate::api::problem::ApiError;
use app::domain::language::Language;

use app::catalog::{IMPORT_PATH, UPLOAD_LIMIT_BYTES};

/// What every route but the framework import reads at most (axum's own default).
pub const BODY_LIMIT_BYTES: usize = 2 * 1024 * 1024;

/// The limit for a request to `path`.
pub fn limit_for(path: &str) -> usize {
    if path == IMPORT_PATH {
        UPLOAD_LIMIT_BYTES
    } else {
        BODY_LIMIT_BYTES
    }
}

/// How much of an oversized body is read and thrown away before it is refused: a client that is
/// still sending when the answer comes would otherwise fail on a closed connection (a broken
/// pipe) instead of reading the 413. Beyond this the connection is simply closed.
const DRAIN_LIMIT_BYTES: usize = 64 * 1024 * 1024;

/// Refuses a body that announces more than the limit (413, after reading it away; a problem
/// document on the JSON API), and cuts off one that turns out longer while it is read (its
/// reader fails, which the routes answer as a bad request).
pub async fn limit_body(request: Request, next: Next) -> Response {
    let limit = limit_for(request.uri().path());
    let announced = request
        .headers()
        .get(CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if announced.is_some_and(|length| length > limit as u64) {
        let for_api = request.uri().path().starts_with("/api/v1/");
        let language = app::request_language::of_request(request.headers());
        drain(request.into_body()).await;
        return too_large(for_api, language);
    }
    let (parts, body) = request.into_parts();
    let request = Request::from_parts(parts, Body::new(Limited::new(body, limit)));
    next.run(request).await
}

async fn drain(mut body: Body) {
    let mut read = 0;
    while let Some(Ok(frame)) = body.frame().await {
        read += frame.data_ref().map_or(0, |data| data.len());
        if read > DRAIN_LIMIT_BYTES {
            break;
        }
    }
}

fn too_large(for_api: bool, language: Language) -> Response {
    if for_api {
        let problem = ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "too-large",
            "Het verzoek is te groot",
            "The request body is too large",
        );
        let body = serde_json::to_vec(&problem.document(language)).unwrap_or_default();
        return (
            StatusCode::PAYLOAD_TOO_LARGE,
            [(CONTENT_TYPE, "application/problem+json")],
            body,
        )
            .into_response();
    }
    (
        StatusCode::PAYLOAD_TOO_LARGE,
        language.pick(
            "Het verzoek is groter dan toegestaan.",
            "The request is larger than allowed.",
        ),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_import_path_is_where_the_import_is_served() {
        use leptos::server_fn::ServerFn;
        assert_eq!(
            <app::server_fns::framework_import::ImportFramework as ServerFn>::PATH,
            IMPORT_PATH
        );
    }

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
