//! Framework files out: the export of a framework as a file (the administrator's import is the
//! server function `app::server_fns::framework_import`).

use axum::extract::{Path, Query, State};
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use app::catalog;
use app::domain::catalog::Format;
use app::state::AppState;

/// A minimal RFC 9457 problem document.
fn problem(status: StatusCode, title: &str) -> Response {
    let body = serde_json::json!({
        "type": "about:blank",
        "title": title,
        "status": status.as_u16(),
    });
    (
        status,
        [(CONTENT_TYPE, "application/problem+json")],
        body.to_string(),
    )
        .into_response()
}

fn storage_failure(error: app::storage::StorageError) -> Response {
    tracing::error!(%error, "storage failure in frameworks API");
    problem(
        StatusCode::INTERNAL_SERVER_ERROR,
        "Internal error / Interne fout",
    )
}

#[derive(Deserialize)]
pub struct VersionQuery {
    version: Option<u32>,
    format: Option<String>,
}

/// `GET /frameworks/{id}/export?format=toml|json[&version=N]`: the framework as a file that
/// imports back to the same framework.
pub async fn export(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    Query(query): Query<VersionQuery>,
) -> Response {
    if !matches!(state.signed_in(&headers).await, Ok(Some(_))) {
        return Redirect::to("/login").into_response();
    }
    let (format, extension, mime) = match query.format.as_deref() {
        Some("json") => (Format::Json, "json", "application/json"),
        None | Some("toml") => (Format::Toml, "toml", "application/toml"),
        Some(_) => {
            return problem(
                StatusCode::BAD_REQUEST,
                "format must be toml or json / formaat moet toml of json zijn",
            );
        }
    };
    match catalog::export(&state.db, &id, query.version, format).await {
        Ok(Some(text)) => {
            let disposition = format!("attachment; filename=\"{id}.{extension}\"");
            (
                [
                    (CONTENT_TYPE, mime.to_owned()),
                    (CONTENT_DISPOSITION, disposition),
                ],
                text,
            )
                .into_response()
        }
        Ok(None) => problem(StatusCode::NOT_FOUND, "Unknown framework / Onbekend kader"),
        Err(e) => storage_failure(e),
    }
}
