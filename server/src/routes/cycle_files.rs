//! `GET /cycli/{id}/cyclus.pdf`: an appraisal cycle as an A4 PDF (issue 22), for the same
//! visitors as its page — the manager and the employee, signed in; the employee's copy has no
//! concept that was not released. Anyone else gets 404, whatever the id. Personal data: never
//! kept in a cache.

use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;

use super::personal_pdf::{internal, text};
use serde::Deserialize;

use app::appraisal::AppraisalError;
use app::domain::language::Language;
use app::state::AppState;

#[derive(Deserialize)]
pub struct LanguageQuery {
    /// `en` for English labels; Dutch otherwise (or the reader's language cookie).
    lang: Option<String>,
}

/// `GET /cycli/{id}/cyclus.pdf[?lang=en]`
pub async fn pdf(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    Query(query): Query<LanguageQuery>,
) -> Response {
    let not_found = || {
        text(
            StatusCode::NOT_FOUND,
            "Deze cyclus bestaat niet, of u heeft er geen toegang toe.\n\
             This cycle does not exist, or you have no access to it.\n",
        )
    };
    let Some(user) = state.signed_in(&headers).await.ok().flatten() else {
        return not_found();
    };
    let view = match app::appraisal::view_for(&state.db, &user, &id, app::state::unix_now()).await {
        Ok(view) => view,
        Err(AppraisalError::Storage(error)) => {
            tracing::error!(%error, "cycle pdf");
            return internal();
        }
        Err(_) => return not_found(),
    };
    let language = match query.lang.as_deref() {
        Some("en") => Language::En,
        Some(_) => Language::Nl,
        None => app::request_language::of_request(&headers),
    };
    super::personal_pdf::download("gesprekscyclus", &id, move || {
        app::appraisal::pdf::cycle_pdf(&view, language)
    })
    .await
}
