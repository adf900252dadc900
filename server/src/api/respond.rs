//! `/api/v1/respond/{token}`: the respondent's questionnaire through the API, authorised by the
//! personal link's token alone (no account). Unknown, malformed and revoked tokens all get the
//! same 404; repeated misses from one client address are refused for a while.

use std::collections::BTreeMap;
use std::net::IpAddr;

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use app::auth::client_address::ClientAddress;
use app::respond::{self, LinkError, RespondError, Respondent};
use app::state::{AppState, unix_now};

use super::extract::ApiJson;
use super::problem::{ApiError, FieldMessage, ProblemDocument};

/// A statement to rate.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ItemOutput {
    /// Use as the key in `answers`.
    pub key: String,
    pub text: String,
    pub level_id: Option<String>,
    /// A statement of the next level up (career conversation).
    pub next_level: bool,
}

/// One competency of the questionnaire.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SectionOutput {
    pub competency_id: String,
    pub name: String,
    pub definition: String,
    pub items: Vec<ItemOutput>,
}

/// The questionnaire with the answers saved so far.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct QuestionnaireOutput {
    pub subject_name: String,
    pub group: String,
    /// The respondent rates themselves (statements in the first person).
    pub is_self: bool,
    /// `YYYY-MM-DD`, the last day answers are accepted.
    pub deadline: String,
    pub sections: Vec<SectionOutput>,
    /// Saved answers by item key: `1`–`5`, or `x` for "cannot judge".
    pub answers: BTreeMap<String, String>,
    /// Saved comments by competency id.
    pub comments: BTreeMap<String, String>,
}

/// The answers of one section; replaces what was saved for it.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SectionInput {
    /// By item key: `1`–`5`, or `x` for "cannot judge". Items left out stay unanswered.
    #[serde(default)]
    pub answers: BTreeMap<String, String>,
    /// At most 4,000 characters.
    #[serde(default)]
    pub comment: Option<String>,
}

fn link_error(error: LinkError) -> ApiError {
    match error {
        LinkError::NotValid => ApiError::new(
            StatusCode::NOT_FOUND,
            "link-not-valid",
            "Deze link is onbekend of niet meer geldig",
            "This link is unknown or no longer valid",
        ),
        LinkError::Closed { .. } => ApiError::new(
            StatusCode::CONFLICT,
            "scan-closed",
            "De scan is gesloten",
            "The scan is closed",
        ),
        LinkError::Submitted { .. } => ApiError::new(
            StatusCode::CONFLICT,
            "already-submitted",
            "Deze vragenlijst is al ingestuurd",
            "This questionnaire was already submitted",
        ),
    }
}

fn error(error: RespondError) -> ApiError {
    match error {
        RespondError::Link(e) => link_error(e),
        RespondError::Answers(list) => ApiError::validation(
            list.iter()
                .map(|e| FieldMessage {
                    field: match e {
                        app::domain::questionnaire::AnswerError::OutOfScale { key, .. }
                        | app::domain::questionnaire::AnswerError::UnknownItem { key } => {
                            format!("answers.{key}")
                        }
                        app::domain::questionnaire::AnswerError::CommentTooLong { .. } => {
                            "comment".into()
                        }
                        app::domain::questionnaire::AnswerError::UnknownField { .. } => {
                            String::new()
                        }
                    },
                    nl: e.message_nl(),
                    en: e.to_string(),
                })
                .collect(),
        ),
        RespondError::NoSuchSection => ApiError::not_found(),
        RespondError::RateLimited => ApiError::new(
            StatusCode::TOO_MANY_REQUESTS,
            "too-many-links",
            "Te veel onbekende links vanaf dit adres; probeer het later opnieuw",
            "Too many unknown links from this address; try again later",
        ),
        RespondError::Storage(e) => e.into(),
    }
}

async fn open(state: &AppState, client: IpAddr, token: &str) -> Result<Respondent, ApiError> {
    state.respondent(client, token).await.map_err(error)
}

/// The questionnaire of a personal link, with the answers saved so far.
#[utoipa::path(get, path = "/api/v1/respond/{token}", tag = "respond",
    params(("token" = String, Path, description = "The token of the personal link")),
    responses((status = 200, body = QuestionnaireOutput), (status = 404, body = ProblemDocument),
        (status = 409, body = ProblemDocument), (status = 429, body = ProblemDocument)))]
pub async fn get(
    State(state): State<AppState>,
    ClientAddress(client): ClientAddress,
    Path(token): Path<String>,
) -> Result<Json<QuestionnaireOutput>, ApiError> {
    let r = open(&state, client, &token).await?;
    let scan = &r.scan.scan;
    Ok(Json(QuestionnaireOutput {
        subject_name: scan.subject_name.clone(),
        group: r.invitation.group_id.clone(),
        is_self: r.is_self,
        deadline: app::domain::calendar::amsterdam_date(scan.deadline).iso(),
        sections: r
            .questionnaire
            .sections
            .iter()
            .map(|s| SectionOutput {
                competency_id: s.competency_id.clone(),
                name: s.name.clone(),
                definition: s.definition.clone(),
                items: s
                    .items
                    .iter()
                    .map(|i| ItemOutput {
                        key: i.key.clone(),
                        text: i.text.clone(),
                        level_id: i.level_id.clone(),
                        next_level: i.next_level,
                    })
                    .collect(),
            })
            .collect(),
        answers: r
            .answers
            .ratings
            .iter()
            .map(|(k, a)| (k.clone(), a.form_value()))
            .collect(),
        comments: r.answers.comments.clone(),
    }))
}

/// Save the answers of one section (0-based) as the draft.
#[utoipa::path(put, path = "/api/v1/respond/{token}/sections/{index}", tag = "respond",
    params(("token" = String, Path), ("index" = usize, Path, description = "0-based section")),
    request_body = SectionInput,
    responses((status = 204), (status = 404, body = ProblemDocument), (status = 409, body = ProblemDocument),
        (status = 422, body = ProblemDocument), (status = 429, body = ProblemDocument)))]
pub async fn save_section(
    State(state): State<AppState>,
    ClientAddress(client): ClientAddress,
    // Read as text: a malformed index is an unknown section (404), not a bare 400.
    Path((token, index)): Path<(String, String)>,
    ApiJson(input): ApiJson<SectionInput>,
) -> Result<StatusCode, ApiError> {
    let mut r = open(&state, client, &token).await?;
    let index: usize = index.parse().map_err(|_| ApiError::not_found())?;
    let competency = r
        .questionnaire
        .sections
        .get(index)
        .map(|s| s.competency_id.clone())
        .ok_or_else(ApiError::not_found)?;
    let mut pairs: Vec<(String, String)> = input
        .answers
        .into_iter()
        .map(|(k, v)| (format!("r:{k}"), v))
        .collect();
    if let Some(comment) = input.comment {
        pairs.push((format!("c:{competency}"), comment));
    }
    respond::save_section(&state.db, &mut r, index, &pairs, &[])
        .await
        .map_err(error)?;
    Ok(StatusCode::NO_CONTENT)
}

/// Submit the saved answers, once. The stored response has no link to this token.
#[utoipa::path(post, path = "/api/v1/respond/{token}/submit", tag = "respond",
    params(("token" = String, Path)),
    responses((status = 204), (status = 404, body = ProblemDocument), (status = 409, body = ProblemDocument),
        (status = 429, body = ProblemDocument)))]
pub async fn submit(
    State(state): State<AppState>,
    ClientAddress(client): ClientAddress,
    Path(token): Path<String>,
) -> Result<StatusCode, ApiError> {
    let r = open(&state, client, &token).await?;
    respond::submit(&state.db, &r, unix_now())
        .await
        .map_err(error)?;
    Ok(StatusCode::NO_CONTENT)
}
