//! `/api/v1/conversation-types`: the conversation types (shipped and imported, newest version
//! per id) and, for administrators, importing a type file (TOML, the format of
//! `app/conversation_types/README.md`). Thin: the service `app::conversations::types` decides.

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::http::header::CONTENT_TYPE;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use app::conversations::types::{self, ImportOutcome, KnownType, TypeImportError};
use app::domain::conversation_type::ConversationType;
use app::state::{AppState, unix_now};

use super::extract::{ApiQuery, ApiUser, Page};
use super::problem::{ApiError, FieldMessage, ProblemDocument};

/// A conversation type in the list.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ConversationTypeSummaryOutput {
    pub id: String,
    pub version: u32,
    /// Dutch name.
    pub name: String,
    pub name_en: String,
    /// `builtin` (shipped with the product) or `imported`.
    pub origin: String,
    pub sections: usize,
    /// Calendar months an approved record is kept.
    pub retention_months: u32,
}

/// One page of conversation types.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ConversationTypeList {
    pub items: Vec<ConversationTypeSummaryOutput>,
    pub next_cursor: Option<String>,
}

/// One conversation type with its roles, sections, agenda and preparation questions: the fields
/// of the type file (see `app/conversation_types/README.md`) plus `origin`.
#[derive(Debug, Clone, Serialize)]
pub struct ConversationTypeOutput {
    /// `builtin` or `imported`.
    pub origin: &'static str,
    #[serde(flatten)]
    pub conversation_type: ConversationType,
}

/// The result of an import.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ConversationTypeImportOutput {
    pub id: String,
    pub version: u32,
    /// `stored`, or `unchanged` when this exact version was known already.
    pub outcome: String,
}

fn summary(known: &KnownType) -> ConversationTypeSummaryOutput {
    let t = &known.conversation_type;
    ConversationTypeSummaryOutput {
        id: t.id.clone(),
        version: t.version,
        name: t.name.clone(),
        name_en: t.name_en.clone(),
        origin: known.origin.as_str().to_owned(),
        sections: t.sections.len(),
        retention_months: t.retention_months,
    }
}

/// The newest version of every conversation type, shipped ones first.
#[utoipa::path(get, path = "/api/v1/conversation-types", tag = "conversation-types",
    params(Page),
    responses((status = 200, body = ConversationTypeList), (status = 401, body = ProblemDocument),
        (status = 422, body = ProblemDocument)),
    security(("bearer" = [])))]
pub async fn list(
    State(state): State<AppState>,
    _user: ApiUser,
    ApiQuery(page): ApiQuery<Page>,
) -> Result<Json<ConversationTypeList>, ApiError> {
    let all: Vec<ConversationTypeSummaryOutput> =
        types::list(&state.db).await?.iter().map(summary).collect();
    let (items, next_cursor) = page.slice(&all)?;
    Ok(Json(ConversationTypeList { items, next_cursor }))
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct TypeVersionQuery {
    /// A known version; the newest when left out.
    pub version: Option<u32>,
}

/// One conversation type: roles, sections with their prompts, sample agenda, preparation
/// questions, minimum duration and retention.
#[utoipa::path(get, path = "/api/v1/conversation-types/{id}", tag = "conversation-types",
    params(("id" = String, Path), TypeVersionQuery),
    responses((status = 200, body = Object), (status = 401, body = ProblemDocument),
        (status = 404, body = ProblemDocument)),
    security(("bearer" = [])))]
pub async fn get(
    State(state): State<AppState>,
    _user: ApiUser,
    Path(id): Path<String>,
    ApiQuery(query): ApiQuery<TypeVersionQuery>,
) -> Result<Json<ConversationTypeOutput>, ApiError> {
    match types::find(&state.db, &id, query.version).await? {
        Some(known) => Ok(Json(ConversationTypeOutput {
            origin: known.origin.as_str(),
            conversation_type: known.conversation_type,
        })),
        None => Err(ApiError::new(
            StatusCode::NOT_FOUND,
            "unknown-conversation-type",
            "Dit gesprekstype bestaat niet",
            "This conversation type does not exist",
        )),
    }
}

/// Import a conversation type file (TOML); administrators only. A refused file stores nothing
/// and every problem is listed.
#[utoipa::path(post, path = "/api/v1/conversation-types", tag = "conversation-types",
    request_body(content = String, content_type = "application/toml",
        description = "A conversation type file, as described in app/conversation_types/README.md",
        example = json!(app::domain::conversation_type::EXAMPLE_TOML)),
    responses((status = 201, body = ConversationTypeImportOutput),
        (status = 200, body = ConversationTypeImportOutput),
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
    let is_toml = headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            let media = v.split(';').next().unwrap_or("").trim();
            media.eq_ignore_ascii_case("application/toml")
        });
    if !is_toml {
        return Err(ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported-media-type",
            "Stuur TOML (Content-Type: application/toml)",
            "Send TOML (Content-Type: application/toml)",
        ));
    }
    match types::import_by(&state.db, &user, "upload.toml", &body, unix_now()).await {
        Ok((imported, outcome)) => {
            let (status, outcome) = match outcome {
                ImportOutcome::Stored => (StatusCode::CREATED, "stored"),
                ImportOutcome::Unchanged => (StatusCode::OK, "unchanged"),
            };
            let output = ConversationTypeImportOutput {
                id: imported.id,
                version: imported.version,
                outcome: outcome.to_owned(),
            };
            Ok((status, Json(output)).into_response())
        }
        Err(error) => Err(import_error(&error)),
    }
}

fn import_error(error: &TypeImportError) -> ApiError {
    if matches!(error, TypeImportError::NotAllowed) {
        return ApiError::forbidden();
    }
    if matches!(error, TypeImportError::Internal) {
        return ApiError::internal();
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
