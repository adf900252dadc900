//! `/api/v1/outbox`: the delivery state of outgoing email, for administrators. Reminders go
//! to exactly the informants who have not answered, so they are never listed per recipient:
//! `/api/v1/outbox` leaves them out and `/api/v1/outbox/reminders` counts them per scan.

use axum::Json;
use axum::extract::State;
use serde::Serialize;
use utoipa::ToSchema;

use app::state::AppState;

use super::dto::{OutboxList, OutboxOutput};
use super::extract::{ApiQuery, ApiUser, Page};
use super::problem::{ApiError, ProblemDocument};

/// Outgoing email, newest first (the latest 10,000); reminders are counted only, see
/// `/api/v1/outbox/reminders`.
#[utoipa::path(get, path = "/api/v1/outbox", tag = "outbox", params(Page),
    responses((status = 200, body = OutboxList), (status = 401, body = ProblemDocument),
        (status = 403, body = ProblemDocument), (status = 422, body = ProblemDocument)),
    security(("bearer" = [])))]
pub async fn list(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiQuery(page): ApiQuery<Page>,
) -> Result<Json<OutboxList>, ApiError> {
    let all = app::email::outbox_read::messages(&state.db, &user, 10_000).await?;
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

/// The reminders of one scan, counted per delivery state (never listed per recipient: they go
/// to exactly those who have not answered).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ReminderCounts {
    /// The scan the reminders were sent for (absent for reminders queued before this was
    /// recorded).
    pub scan_id: Option<String>,
    pub queued: i64,
    pub sending: i64,
    pub sent: i64,
    pub failed: i64,
    /// When the newest of them was queued (seconds since 1970).
    pub last_created_at: i64,
}

/// Reminders per scan, as counts: newest first.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ReminderCountsList {
    pub items: Vec<ReminderCounts>,
}

/// Reminder emails counted per scan and delivery state, newest first.
#[utoipa::path(get, path = "/api/v1/outbox/reminders", tag = "outbox",
    responses((status = 200, body = ReminderCountsList), (status = 401, body = ProblemDocument),
        (status = 403, body = ProblemDocument)),
    security(("bearer" = [])))]
pub async fn reminders(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
) -> Result<Json<ReminderCountsList>, ApiError> {
    let counts = app::email::outbox_read::reminder_counts(&state.db, &user).await?;
    Ok(Json(ReminderCountsList {
        items: counts
            .into_iter()
            .map(|c| ReminderCounts {
                scan_id: c.reference,
                queued: c.queued,
                sending: c.sending,
                sent: c.sent,
                failed: c.failed,
                last_created_at: c.last_created_at,
            })
            .collect(),
    }))
}
