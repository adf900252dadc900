//! The respondent's form posts: save a section (and go back, on, or to the summary), and submit
//! once. Thin: the checks live in `app::respond` and `domain::questionnaire`.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, Uri};
use axum::response::{IntoResponse, Redirect, Response};

use app::auth::client_address::ClientAddress;
use app::auth::token::looks_like_token;
use app::respond::pages::RespondentPage;
use app::respond::{self, LinkError, RespondError};
use app::state::{AppState, unix_now};

use super::respond_pages::{page_response, refusal};

fn to(page: &str) -> Response {
    Redirect::to(page).into_response()
}

/// A link that shows no questionnaire goes back to its own page, which says why; a storage
/// failure says so at once (nothing was changed).
fn unavailable(
    state: &AppState,
    headers: &HeaderMap,
    uri: &Uri,
    token: &str,
    error: RespondError,
) -> Response {
    match error {
        RespondError::Storage(_) => page_response(state, headers, uri, &refusal(error)),
        // Not something to put in a `Location` header (it may hold any character).
        _ if !looks_like_token(token) => page_response(
            state,
            headers,
            uri,
            &RespondentPage::Unavailable(LinkError::NotValid),
        ),
        _ => to(&format!("/s/{token}")),
    }
}

/// `POST /s/{token}/q/{n}` with `action` = `next` or `prev`.
pub async fn save_section(
    State(state): State<AppState>,
    ClientAddress(client): ClientAddress,
    // Read as text: a malformed number is an unknown part, not a plain-text 400.
    Path((token, index)): Path<(String, String)>,
    headers: HeaderMap,
    uri: Uri,
    body: Bytes,
) -> Response {
    let Ok(index) = index.parse::<usize>() else {
        return unavailable(&state, &headers, &uri, &token, RespondError::NoSuchSection);
    };
    let mut respondent = match state.respondent(client, &token).await {
        Ok(r) => r,
        Err(error) => return unavailable(&state, &headers, &uri, &token, error),
    };
    let pairs: Vec<(String, String)> = url::form_urlencoded::parse(&body).into_owned().collect();
    let action = pairs
        .iter()
        .find(|(k, _)| k == "action")
        .map(|(_, v)| v.as_str())
        .unwrap_or("next");
    let total = respondent.questionnaire.sections.len();
    match respond::save_section(&state.db, &mut respondent, index, &pairs, &["action"]).await {
        Ok(()) => {}
        Err(RespondError::Answers(problems)) => {
            let messages: Vec<(String, String)> = problems
                .iter()
                .map(|p| (p.message_nl(), p.to_string()))
                .collect();
            // The respondent has no session: the personal link is what the entry is bound to.
            let key = state
                .flash
                .put(&token, serde_json::to_string(&messages).unwrap_or_default())
                .await;
            return to(&format!("/s/{token}/q/{index}?flash={key}"));
        }
        Err(RespondError::NoSuchSection) => return to(&format!("/s/{token}")),
        Err(error) => return unavailable(&state, &headers, &uri, &token, error),
    }
    match action {
        "prev" if index > 0 => to(&format!("/s/{token}/q/{}", index - 1)),
        "prev" => to(&format!("/s/{token}")),
        _ if index + 1 < total => to(&format!("/s/{token}/q/{}", index + 1)),
        _ => to(&format!("/s/{token}/overzicht")),
    }
}

/// `POST /s/{token}/versturen`: stores the response durably, then shows the thanks.
pub async fn submit(
    State(state): State<AppState>,
    ClientAddress(client): ClientAddress,
    Path(token): Path<String>,
    headers: HeaderMap,
    uri: Uri,
) -> Response {
    let now = unix_now();
    let respondent = match state.respondent(client, &token).await {
        Ok(r) => r,
        Err(error) => return unavailable(&state, &headers, &uri, &token, error),
    };
    match respond::submit(&state.db, &respondent, now).await {
        Ok(()) => to(&format!("/s/{token}/bedankt")),
        Err(RespondError::Link(LinkError::Submitted { .. } | LinkError::Closed { .. })) => {
            to(&format!("/s/{token}"))
        }
        Err(error) => unavailable(&state, &headers, &uri, &token, error),
    }
}
