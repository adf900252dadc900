//! The respondent's form posts: save a section (and go back, on, or to the summary), and submit
//! once. Thin: the checks live in `app::respond` and `domain::questionnaire`.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};

use app::respond::{self, LinkError, RespondError};
use app::state::{AppState, unix_now};

fn to(page: &str) -> Response {
    Redirect::to(page).into_response()
}

/// A link that shows no questionnaire goes back to its own page, which says why.
fn unavailable(token: &str, error: RespondError) -> Response {
    match error {
        RespondError::Storage(error) => {
            tracing::error!(%error, "storage failure on a respondent's form");
            to(&format!("/s/{token}?error=internal"))
        }
        _ => to(&format!("/s/{token}")),
    }
}

/// `POST /s/{token}/q/{n}` with `action` = `next` or `prev`.
pub async fn save_section(
    State(state): State<AppState>,
    Path((token, index)): Path<(String, usize)>,
    body: Bytes,
) -> Response {
    let now = unix_now();
    let mut respondent = match respond::respondent(&state.db, &token, now).await {
        Ok(r) => r,
        Err(error) => return unavailable(&token, error),
    };
    let pairs: Vec<(String, String)> = url::form_urlencoded::parse(&body).into_owned().collect();
    let action = pairs
        .iter()
        .find(|(k, _)| k == "action")
        .map(|(_, v)| v.as_str())
        .unwrap_or("next");
    let total = respondent.questionnaire.sections.len();
    match respond::save_section(&state.db, &mut respondent, index, &pairs, &["action"], now).await {
        Ok(()) => {}
        Err(RespondError::Answers(problems)) => {
            let messages: Vec<(String, String)> = problems
                .iter()
                .map(|p| (p.message_nl(), p.to_string()))
                .collect();
            let key = state
                .flash
                .put(serde_json::to_string(&messages).unwrap_or_default());
            return to(&format!("/s/{token}/q/{index}?flash={key}"));
        }
        Err(RespondError::NoSuchSection) => return to(&format!("/s/{token}")),
        Err(error) => return unavailable(&token, error),
    }
    match action {
        "prev" if index > 0 => to(&format!("/s/{token}/q/{}", index - 1)),
        "prev" => to(&format!("/s/{token}")),
        _ if index + 1 < total => to(&format!("/s/{token}/q/{}", index + 1)),
        _ => to(&format!("/s/{token}/overzicht")),
    }
}

/// `POST /s/{token}/versturen`: stores the response durably, then shows the thanks.
pub async fn submit(State(state): State<AppState>, Path(token): Path<String>) -> Response {
    let now = unix_now();
    let respondent = match respond::respondent(&state.db, &token, now).await {
        Ok(r) => r,
        Err(error) => return unavailable(&token, error),
    };
    match respond::submit(&state.db, &respondent, now).await {
        Ok(()) => to(&format!("/s/{token}/bedankt")),
        Err(RespondError::Link(LinkError::Submitted { .. } | LinkError::Closed { .. })) => {
            to(&format!("/s/{token}"))
        }
        Err(error) => unavailable(&token, error),
    }
}
