//! `/api/v1/scans/{id}/invitations`: add informants (per-item errors, all or nothing), list
//! them with delivery status, revoke and resend links.

use std::collections::HashSet;

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;

use app::domain::account::Email;
use app::domain::informants::check_informant;
use app::scans::service;
use app::state::{AppState, unix_now};

use super::dto::{Added, InformantsInput, InvitationList, InvitationOutput};
use super::extract::{ApiJson, ApiQuery, ApiUser, Page};
use super::problem::{ApiError, FieldMessage, ProblemDocument};
use super::scans::service_error;

/// The scan's invitations by group and address, with the state of each one's latest email.
#[utoipa::path(get, path = "/api/v1/scans/{id}/invitations", tag = "invitations",
    params(("id" = String, Path), Page),
    responses((status = 200, body = InvitationList), (status = 401, body = ProblemDocument),
        (status = 404, body = ProblemDocument), (status = 422, body = ProblemDocument)),
    security(("bearer" = [])))]
pub async fn list(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(id): Path<String>,
    ApiQuery(page): ApiQuery<Page>,
) -> Result<Json<InvitationList>, ApiError> {
    let overview = service::overview(&state.db, &state.settings.link_secret, &user, &id)
        .await
        .map_err(service_error)?;
    let (items, next_cursor) = page.slice(&overview.invitations)?;
    Ok(Json(InvitationList {
        items: items
            .into_iter()
            .map(|i| InvitationOutput {
                id: i.id,
                name: i.name,
                email: i.email,
                group: i.group_id,
                status: i.status.as_str().to_owned(),
                delivery: i.delivery.map(|d| {
                    match d {
                        app::domain::scan::progress::Delivery::Queued => "queued",
                        app::domain::scan::progress::Delivery::Sent => "sent",
                        app::domain::scan::progress::Delivery::Failed => "failed",
                    }
                    .to_owned()
                }),
                delivery_error: i.delivery_error,
                submitted: i.submitted,
            })
            .collect(),
        next_cursor,
    }))
}

/// Add informants. Every item is checked first; one bad item and nothing is added, with a
/// problem per bad item (`informants[2].email`). On an open scan the invitations go out at once.
#[utoipa::path(post, path = "/api/v1/scans/{id}/invitations", tag = "invitations",
    params(("id" = String, Path)), request_body = InformantsInput,
    responses((status = 201, body = Added), (status = 401, body = ProblemDocument),
        (status = 404, body = ProblemDocument), (status = 409, body = ProblemDocument),
        (status = 413, body = ProblemDocument), (status = 415, body = ProblemDocument),
        (status = 422, body = ProblemDocument)),
    security(("bearer" = [])))]
pub async fn add(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(id): Path<String>,
    ApiJson(input): ApiJson<InformantsInput>,
) -> Result<(StatusCode, Json<Added>), ApiError> {
    let stored = service::load_for(&state.db, &user, &id)
        .await
        .map_err(service_error)?;
    let existing = service::existing_addresses(&state.db, &id)
        .await
        .map_err(service_error)?;
    let context = service::informant_context(&stored, &existing);
    let mut problems = Vec::new();
    let mut informants = Vec::new();
    let mut seen: HashSet<Email> = HashSet::new();
    if input.informants.is_empty() {
        problems.push(FieldMessage {
            field: "informants".into(),
            nl: "geef minstens één informant".into(),
            en: "give at least one informant".into(),
        });
    }
    for (index, item) in input.informants.iter().enumerate() {
        match check_informant(&item.name, &item.email, &item.group, &context) {
            Ok(informant) if !seen.insert(informant.email.clone()) => problems.push(FieldMessage {
                field: format!("informants[{index}].email"),
                nl: format!(
                    "{} staat meer dan eens in de lijst",
                    informant.email.as_str()
                ),
                en: format!("{} is in the list more than once", informant.email.as_str()),
            }),
            Ok(informant) => informants.push(informant),
            Err(error) => problems.push(FieldMessage {
                field: format!("informants[{index}]"),
                nl: error.message_nl(),
                en: error.to_string(),
            }),
        }
    }
    if !problems.is_empty() {
        return Err(ApiError::validation(problems));
    }
    let added = service::add_informants(
        &state.db,
        &state.settings.links(),
        &user,
        &id,
        &informants,
        unix_now(),
    )
    .await
    .map_err(super::scans::action_error)?;
    Ok((StatusCode::CREATED, Json(Added { added })))
}

/// Withdraw an invitation's link (it stops working at once); on a draft, remove it.
#[utoipa::path(post, path = "/api/v1/scans/{id}/invitations/{invitation}/revoke", tag = "invitations",
    params(("id" = String, Path), ("invitation" = String, Path)),
    responses((status = 204), (status = 401, body = ProblemDocument), (status = 404, body = ProblemDocument),
        (status = 409, body = ProblemDocument)),
    security(("bearer" = [])))]
pub async fn revoke(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path((id, invitation)): Path<(String, String)>,
) -> Result<StatusCode, ApiError> {
    service::revoke_invitation(
        &state.db,
        &state.settings.link_secret,
        &user,
        &id,
        &invitation,
        unix_now(),
    )
    .await
    .map_err(super::scans::action_error)?;
    Ok(StatusCode::NO_CONTENT)
}

/// Send an invitation again: the same link while it works, a new one after a revoke.
#[utoipa::path(post, path = "/api/v1/scans/{id}/invitations/{invitation}/resend", tag = "invitations",
    params(("id" = String, Path), ("invitation" = String, Path)),
    responses((status = 204), (status = 401, body = ProblemDocument), (status = 404, body = ProblemDocument),
        (status = 409, body = ProblemDocument)),
    security(("bearer" = [])))]
pub async fn resend(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path((id, invitation)): Path<(String, String)>,
) -> Result<StatusCode, ApiError> {
    service::resend_invitation(
        &state.db,
        &state.settings.links(),
        &user,
        &id,
        &invitation,
        unix_now(),
    )
    .await
    .map_err(super::scans::action_error)?;
    Ok(StatusCode::NO_CONTENT)
}
