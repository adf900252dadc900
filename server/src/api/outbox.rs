//! `/api/v1/outbox`: the delivery state of outgoing email, for administrators.

use axum::Json;
use axum::extract::State;

use app::state::AppState;

use super::dto::{OutboxList, OutboxOutput};
use super::extract::{ApiQuery, ApiUser, Page};
use super::problem::{ApiError, ProblemDocument};

/// Outgoing email, newest first (the latest 10,000).
#[utoipa::path(get, path = "/api/v1/outbox", tag = "outbox", params(Page),
    responses((status = 200, body = OutboxList), (status = 401, body = ProblemDocument),
        (status = 403, body = ProblemDocument), (status = 422, body = ProblemDocument)),
    security(("bearer" = [])))]
pub async fn list(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiQuery(page): ApiQuery<Page>,
) -> Result<Json<OutboxList>, ApiError> {
    if !user.is_admin() {
        return Err(ApiError::forbidden());
    }
    let all = state.db.list_outbox(10_000).await?;
    let (items, next_cursor) = page.slice(&all)?;
    Ok(Json(OutboxList {
        items: items
            .into_iter()
            .map(|e| OutboxOutput {
                id: e.id,
                recipient: e.recipient,
                subject: e.subject,
                status: e.status.as_str().to_owned(),
                attempts: e.attempts,
                last_error: e.last_error,
                created_at: e.created_at,
                sent_at: e.sent_at,
            })
            .collect(),
        next_cursor,
    }))
}
