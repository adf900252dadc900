//! Framework files in and out: the JSON API, file export and the administrator's import.

use axum::extract::{Multipart, Path, Query, State};
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use app::catalog::{self, ImportError};
use app::domain::account::CurrentUser;
use app::domain::catalog::Format;
use app::server_fns::frameworks::ImportReport;
use app::state::{AppState, unix_now};

async fn signed_in(state: &AppState, headers: &HeaderMap) -> Option<CurrentUser> {
    state.signed_in(headers).await.ok().flatten()
}

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
    if signed_in(&state, &headers).await.is_none() {
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

/// `POST /admin/frameworks/import` (multipart, field `file`), administrators only.
pub async fn import(
    State(state): State<AppState>,
    headers: HeaderMap,
    multipart: Multipart,
) -> Response {
    match signed_in(&state, &headers).await {
        Some(user) if user.is_admin() => {}
        Some(_) => return Redirect::to("/admin/frameworks?error=forbidden").into_response(),
        None => return Redirect::to("/login?error=forbidden").into_response(),
    }
    let report = match read_upload(multipart).await {
        Some((file_name, bytes)) => {
            match catalog::import(&state.db, &file_name, &bytes, unix_now()).await {
                Ok(framework) => {
                    tracing::info!(id = %framework.id, version = framework.version, "framework imported");
                    ImportReport::Imported {
                        name: framework.name,
                        version: framework.version,
                    }
                }
                Err(error) => rejected(&error),
            }
        }
        None => return Redirect::to("/admin/frameworks?error=bad_form").into_response(),
    };
    let key = state
        .flash
        .put(
            &app::flash::session_of(&headers),
            serde_json::to_string(&report).unwrap_or_default(),
        )
        .await;
    Redirect::to(&format!("/admin/frameworks?report={key}")).into_response()
}

fn rejected(error: &ImportError) -> ImportReport {
    tracing::info!(%error, "framework import refused");
    ImportReport::Rejected {
        messages_nl: error.messages(true),
        messages_en: error.messages(false),
    }
}

/// The uploaded file's name and bytes, or `None` for a form without a file.
async fn read_upload(mut multipart: Multipart) -> Option<(String, Vec<u8>)> {
    while let Ok(Some(field)) = multipart.next_field().await {
        if field.name() == Some("file") {
            let name = field.file_name().unwrap_or("upload").to_owned();
            let bytes = field.bytes().await.ok()?;
            if bytes.is_empty() {
                return None;
            }
            return Some((name, bytes.to_vec()));
        }
    }
    None
}

/// Largest request body the import route reads.
pub const UPLOAD_LIMIT_BYTES: usize = 8 * 1024 * 1024;
