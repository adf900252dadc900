//! `GET /gesprekken/{id}/verslag.pdf`: a conversation record as an A4 PDF (issue 21), for the
//! same visitors as the record's page — its parties, signed in or through their personal
//! link's cookie. Anyone else gets 404, whatever the id, so records cannot be probed. The
//! service writes the download to the record's audit trail; the file is personal data, so it
//! is never kept in a cache.

use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;

use super::personal_pdf::{internal, text};
use serde::Deserialize;

use app::conversations::links::LINK_COOKIE;
use app::conversations::{ConversationError, Visitor};
use app::domain::language::Language;
use app::state::AppState;

#[derive(Deserialize)]
pub struct LanguageQuery {
    /// `en` for English labels; Dutch otherwise (or the reader's language cookie).
    lang: Option<String>,
}

fn not_found() -> Response {
    text(
        StatusCode::NOT_FOUND,
        "Dit gesprek bestaat niet, of u heeft er geen toegang toe.\n\
         This conversation does not exist, or you have no access to it.\n",
    )
}

/// Who is asking: the signed-in account and the personal link's cookie.
async fn visitor(state: &AppState, headers: &HeaderMap) -> Visitor {
    Visitor {
        account: state.signed_in(headers).await.ok().flatten(),
        link_token: app::state::cookie_value(headers, LINK_COOKIE).filter(|t| !t.is_empty()),
    }
}

/// `?lang=en` for English, any other `?lang=` for Dutch, else the request's language.
fn language(query: &LanguageQuery, headers: &HeaderMap) -> Language {
    match query.lang.as_deref() {
        Some("en") => Language::En,
        Some(_) => Language::Nl,
        None => app::request_language::of_request(headers),
    }
}

/// `GET /gesprekken/{id}/verslag.pdf[?lang=en]`
pub async fn pdf(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    Query(query): Query<LanguageQuery>,
) -> Response {
    let visitor = visitor(&state, &headers).await;
    let now = app::state::unix_now();
    let document = match app::conversations::document(&state.db, &visitor, &id, now).await {
        Ok(document) => document,
        Err(ConversationError::Storage(error)) => {
            tracing::error!(%error, "conversation pdf");
            return internal();
        }
        Err(ConversationError::Refused(refusal)) if !refusal.hides_the_record() => {
            return text(
                StatusCode::CONFLICT,
                &format!(
                    "{}\n{}\n",
                    refusal.message(Language::Nl),
                    refusal.message(Language::En)
                ),
            );
        }
        Err(_) => return not_found(),
    };
    let language = language(&query, &headers);
    super::personal_pdf::download("gespreksverslag", &id, move || {
        app::conversations::pdf::record_pdf(&document, language)
    })
    .await
}
