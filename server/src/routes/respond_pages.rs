//! The respondent's pages: welcome, one section, the summary, the thanks. Plain HTML from
//! `app::respond::html`, without Leptos' render. Thin: look the link up (`app::respond`), pick
//! what the page shows (`respond::pages`), render.

use axum::extract::{Path, Query, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE, REFERRER_POLICY};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use app::auth::client_address::ClientAddress;
use app::domain::language::Language;
use app::respond::html::{self, Assets};
use app::respond::pages::{self, RespondentPage};
use app::respond::{LinkError, RespondError};
use app::state::AppState;

/// `page` as the response to a request with these headers for `uri`, in the language of the
/// page's scan unless the respondent switched.
pub fn page_response(
    state: &AppState,
    headers: &HeaderMap,
    uri: &Uri,
    page: &RespondentPage,
) -> Response {
    page_response_in(state, headers, uri, page, page.scan_language())
}

/// [`page_response`] for a page that does not know its scan's language itself.
fn page_response_in(
    state: &AppState,
    headers: &HeaderMap,
    uri: &Uri,
    page: &RespondentPage,
    scan_language: Option<Language>,
) -> Response {
    let language = app::request_language::of_respondent_request(headers, scan_language);
    let path = uri.path_and_query().map_or(uri.path(), |p| p.as_str());
    let body = html::render(&Assets::new(&state.assets), language, path, page);
    let status = if matches!(page, RespondentPage::Internal) {
        StatusCode::INTERNAL_SERVER_ERROR
    } else {
        StatusCode::OK
    };
    // Personal pages with answers on them: never kept by a shared computer's cache, and the
    // token in the address is never sent on to another site (`same-origin`: a referrer only
    // to this server; `no-referrer` made browsers post their forms with `Origin: null`).
    let headers = [
        (CONTENT_TYPE, "text/html; charset=utf-8"),
        (CACHE_CONTROL, "no-store"),
        (REFERRER_POLICY, "same-origin"),
    ];
    (status, headers, body).into_response()
}

/// What a failed lookup shows: the same page for unknown, malformed, revoked and rate-limited
/// links, so links cannot be probed.
pub fn refusal(error: RespondError) -> RespondentPage<'static> {
    match error {
        RespondError::Link(reason) => RespondentPage::Unavailable(reason),
        RespondError::Storage(error) => {
            tracing::error!(%error, "storage failure on a respondent's page");
            RespondentPage::Internal
        }
        RespondError::RateLimited | RespondError::Answers(_) | RespondError::NoSuchSection => {
            RespondentPage::Unavailable(LinkError::NotValid)
        }
    }
}

/// `GET /s/{token}`: the page the personal link opens (nothing is recorded about the visit).
pub async fn welcome(
    State(state): State<AppState>,
    ClientAddress(client): ClientAddress,
    Path(token): Path<String>,
    headers: HeaderMap,
    uri: Uri,
) -> Response {
    let page = match state.respondent(client, &token).await {
        Ok(r) => RespondentPage::Welcome(pages::welcome(&r, &token)),
        Err(error) => refusal(error),
    };
    page_response(&state, &headers, &uri, &page)
}

#[derive(Deserialize)]
pub struct SectionQuery {
    /// The key of the problems of this page's last post (`Flash`).
    flash: Option<String>,
}

/// `GET /s/{token}/q/{n}`: one competency, its statements and an optional comment.
pub async fn section(
    State(state): State<AppState>,
    ClientAddress(client): ClientAddress,
    // Read as text: a malformed number is an unknown page, like an unknown link.
    Path((token, index)): Path<(String, String)>,
    Query(query): Query<SectionQuery>,
    headers: HeaderMap,
    uri: Uri,
) -> Response {
    let r = match state.respondent(client, &token).await {
        Ok(r) => r,
        Err(error) => return page_response(&state, &headers, &uri, &refusal(error)),
    };
    let flashed = match query.flash {
        Some(key) => state.flash.take(&token, &key).await,
        None => None,
    };
    let problems: Vec<(String, String)> = flashed
        .and_then(|payload| serde_json::from_str(&payload).ok())
        .unwrap_or_default();
    let page = index
        .parse()
        .ok()
        .and_then(|index| pages::section(&r, &token, index, problems))
        .map_or(
            RespondentPage::Unavailable(LinkError::NotValid),
            RespondentPage::Section,
        );
    page_response(&state, &headers, &uri, &page)
}

/// `GET /s/{token}/overzicht`: what is still unanswered, and the button that submits.
pub async fn summary(
    State(state): State<AppState>,
    ClientAddress(client): ClientAddress,
    Path(token): Path<String>,
    headers: HeaderMap,
    uri: Uri,
) -> Response {
    let page = match state.respondent(client, &token).await {
        Ok(r) => RespondentPage::Summary(pages::summary(&r, &token)),
        Err(error) => refusal(error),
    };
    page_response(&state, &headers, &uri, &page)
}

/// `GET /s/{token}/bedankt`: shown once the response is stored. After the submission nothing
/// is left that belongs to this respondent; the link only still tells which scan it was for,
/// so the thanks speak the scan's language.
pub async fn thanks(
    State(state): State<AppState>,
    ClientAddress(client): ClientAddress,
    Path(token): Path<String>,
    headers: HeaderMap,
    uri: Uri,
) -> Response {
    let language = match state.respondent(client, &token).await {
        Err(RespondError::Link(reason)) => reason.scan_language(),
        Ok(r) => Some(r.scan.scan.language),
        Err(_) => None,
    };
    page_response_in(&state, &headers, &uri, &RespondentPage::Thanks, language)
}
