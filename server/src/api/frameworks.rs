//! `/api/v1/frameworks`: the catalog (list, get, export) and, for administrators, import.

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use utoipa::IntoParams;

use app::catalog::api_view::FrameworkJson;
use app::catalog::{self, ImportError};
use app::domain::catalog::Format;
use app::state::{AppState, unix_now};

use super::dto::{FrameworkList, FrameworkSummaryOutput, ImportOutput};
use super::extract::{ApiQuery, ApiUser, Page};
use super::problem::{ApiError, FieldMessage, ProblemDocument};

/// The latest version of every framework.
#[utoipa::path(get, path = "/api/v1/frameworks", tag = "frameworks", params(Page),
    responses((status = 200, body = FrameworkList), (status = 401, body = ProblemDocument),
        (status = 422, body = ProblemDocument)),
    security(("bearer" = [])))]
pub async fn list(
    State(state): State<AppState>,
    _user: ApiUser,
    ApiQuery(page): ApiQuery<Page>,
) -> Result<Json<FrameworkList>, ApiError> {
    let all = state.db.latest_frameworks().await?;
    let (items, next_cursor) = page.slice(&all)?;
    Ok(Json(FrameworkList {
        items: items
            .iter()
            .map(|f| FrameworkSummaryOutput {
                id: f.id.clone(),
                name: f.name.clone(),
                version: f.version,
                competencies: f.competencies.len(),
                levels: f.levels.len(),
                profiles: f.profiles.len(),
            })
            .collect(),
        next_cursor,
    }))
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct VersionQuery {
    /// A stored version; the latest when left out.
    pub version: Option<u32>,
}

/// One framework with its competencies, behaviours per level, tips and profiles.
#[utoipa::path(get, path = "/api/v1/frameworks/{id}", tag = "frameworks",
    params(("id" = String, Path), VersionQuery),
    responses((status = 200, body = Object), (status = 401, body = ProblemDocument),
        (status = 404, body = ProblemDocument)),
    security(("bearer" = [])))]
pub async fn get(
    State(state): State<AppState>,
    _user: ApiUser,
    Path(id): Path<String>,
    ApiQuery(query): ApiQuery<VersionQuery>,
) -> Result<Json<FrameworkJson>, ApiError> {
    match state.db.find_framework(&id, query.version).await? {
        Some(f) => Ok(Json(FrameworkJson::from(&f))),
        None => Err(unknown_framework()),
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ExportQuery {
    /// `toml` (default) or `json`.
    pub format: Option<String>,
    pub version: Option<u32>,
}

/// A framework as a file that imports back to the same framework.
#[utoipa::path(get, path = "/api/v1/frameworks/{id}/export", tag = "frameworks",
    params(("id" = String, Path), ExportQuery),
    responses((status = 200, content_type = "application/toml", body = String),
        (status = 401, body = ProblemDocument), (status = 404, body = ProblemDocument),
        (status = 422, body = ProblemDocument)),
    security(("bearer" = [])))]
pub async fn export(
    State(state): State<AppState>,
    _user: ApiUser,
    Path(id): Path<String>,
    ApiQuery(query): ApiQuery<ExportQuery>,
) -> Result<Response, ApiError> {
    let (format, extension, mime) = match query.format.as_deref() {
        Some("json") => (Format::Json, "json", "application/json"),
        None | Some("toml") => (Format::Toml, "toml", "application/toml"),
        Some(_) => {
            return Err(ApiError::validation(vec![FieldMessage {
                field: "format".into(),
                nl: "formaat is toml of json".into(),
                en: "format is toml or json".into(),
            }]));
        }
    };
    match catalog::export(&state.db, &id, query.version, format).await? {
        Some(text) => Ok((
            [
                (CONTENT_TYPE, mime.to_owned()),
                (
                    CONTENT_DISPOSITION,
                    format!("attachment; filename=\"{id}.{extension}\""),
                ),
            ],
            text,
        )
            .into_response()),
        None => Err(unknown_framework()),
    }
}

fn unknown_framework() -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        "unknown-framework",
        "Dit kader bestaat niet",
        "This framework does not exist",
    )
}

/// Import a framework file (the JSON export format); administrators only.
#[utoipa::path(post, path = "/api/v1/frameworks", tag = "frameworks",
    request_body(content = Object, content_type = "application/json",
        description = "A framework in the JSON export format (`GET /api/v1/frameworks/{id}/export?format=json`)",
        example = json!({
            "id": "voorbeeld", "name": "Voorbeeldkader", "name_en": "Example framework", "version": 1,
            "source": "Een voorbeeld uit de API-documentatie", "derived": "Zelf geschreven",
            "clusters": [{"id": "samenwerking", "name": "Samenwerking", "name_en": "Cooperation"}],
            "competencies": [{"id": "samenwerken", "name": "Samenwerken", "name_en": "Cooperating",
                "cluster": "samenwerking",
                "definition": "Werkt met anderen aan een gezamenlijk resultaat.",
                "items": ["Deelt informatie met collega's", "Vraagt om hulp als dat nodig is"]}]
        })),
    responses((status = 201, body = ImportOutput), (status = 200, body = ImportOutput),
        (status = 401, body = ProblemDocument), (status = 403, body = ProblemDocument),
        (status = 413, body = ProblemDocument), (status = 415, body = ProblemDocument),
        (status = 422, body = ProblemDocument)),
    security(("bearer" = [])))]
pub async fn import(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    headers: axum::http::HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    let is_json = headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(';').next().unwrap_or("").trim() == "application/json");
    if !is_json {
        return Err(ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported-media-type",
            "Stuur JSON (Content-Type: application/json)",
            "Send JSON (Content-Type: application/json)",
        ));
    }
    let before = state.db.count_framework_versions().await?;
    match catalog::import_by(&state.db, &user, "upload.json", &body, unix_now()).await {
        Ok(framework) => {
            let stored = state.db.count_framework_versions().await? > before;
            let (status, outcome) = if stored {
                (StatusCode::CREATED, "stored")
            } else {
                (StatusCode::OK, "unchanged")
            };
            let output = ImportOutput {
                id: framework.id,
                version: framework.version,
                outcome: outcome.to_owned(),
            };
            Ok((status, Json(output)).into_response())
        }
        Err(error) => Err(import_error(&error)),
    }
}

fn import_error(error: &ImportError) -> ApiError {
    if matches!(error, ImportError::NotAllowed) {
        return ApiError::forbidden();
    }
    let nl = error.messages(true);
    let en = error.messages(false);
    ApiError::validation(
        nl.into_iter()
            .zip(en)
            .map(|(nl, en)| FieldMessage {
                field: String::new(),
                nl,
                en,
            })
            .collect(),
    )
}
