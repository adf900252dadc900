//! The report as files for other documents: the charts as SVG or PNG, the aggregated figures
//! as CSV and the whole report as PDF. The same readers and the same moment as the report page (`app::report`):
//! anyone else gets 404, whatever the URL, so scan ids cannot be probed.

use axum::extract::{Path, Query, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use app::charts::{ChartError, ChartFormat, ChartKind};
use app::domain::language::Language;
use app::domain::report_view::ReportView;
use app::report::ReportError;
use app::state::AppState;

#[derive(Deserialize)]
pub struct LanguageQuery {
    /// `en` for English labels; Dutch otherwise (or the reader's language cookie).
    lang: Option<String>,
}

fn text(status: StatusCode, message: &str) -> Response {
    (
        status,
        [(CONTENT_TYPE, "text/plain; charset=utf-8")],
        message.to_owned(),
    )
        .into_response()
}

fn refused(error: &ReportError) -> Response {
    match error {
        ReportError::NotYetReadable => text(
            StatusCode::CONFLICT,
            "Het rapport is te lezen zodra de scan gesloten of vrijgegeven is.\n\
             The report is readable once the scan is closed or released.\n",
        ),
        ReportError::Scoring(_) | ReportError::Storage(_) => {
            tracing::error!(%error, "report file");
            text(
                StatusCode::INTERNAL_SERVER_ERROR,
                "Interne fout.\nInternal error.\n",
            )
        }
        _ => not_found(),
    }
}

fn not_found() -> Response {
    text(
        StatusCode::NOT_FOUND,
        "Dit rapport bestaat niet, of u heeft er geen toegang toe.\n\
         This report does not exist, or you have no access to it.\n",
    )
}

/// The report view for the signed-in reader, or the response that refuses it.
async fn view_for(state: &AppState, headers: &HeaderMap, id: &str) -> Result<ReportView, Response> {
    let user = match state.signed_in(headers).await {
        Ok(Some(user)) => user,
        _ => {
            return Err(text(
                StatusCode::UNAUTHORIZED,
                "Log in om dit rapport te zien.\nSign in to see this report.\n",
            ));
        }
    };
    app::report::view(&state.db, &user, id)
        .await
        .map_err(|e| refused(&e))
}

/// `?lang=en` for English, any other `?lang=` for Dutch, else the request's language.
fn language(query: &LanguageQuery, headers: &HeaderMap) -> Language {
    match query.lang.as_deref() {
        Some("en") => Language::En,
        Some(_) => Language::Nl,
        None => app::request_language::of_request(headers),
    }
}

/// Which chart a file name asks for: `verschil`, `heatmap` or `niveaus`, `.svg` or `.png`.
fn chart_of(file: &str) -> Option<(ChartKind, ChartFormat)> {
    let (name, extension) = file.rsplit_once('.')?;
    let kind = match name {
        "verschil" => ChartKind::Gap,
        "heatmap" => ChartKind::Heatmap,
        "niveaus" => ChartKind::Levels,
        _ => return None,
    };
    let format = match extension {
        "svg" => ChartFormat::Svg,
        "png" => ChartFormat::Png,
        _ => return None,
    };
    Some((kind, format))
}

/// `GET /scans/{id}/rapport/grafiek/{verschil|heatmap|niveaus}.{svg|png}[?lang=en]`
pub async fn chart(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path((id, file)): Path<(String, String)>,
    Query(query): Query<LanguageQuery>,
) -> Response {
    let Some((kind, format)) = chart_of(&file) else {
        return not_found();
    };
    let view = match view_for(&state, &headers, &id).await {
        Ok(view) => view,
        Err(response) => return response,
    };
    let language = language(&query, &headers);
    // Drawing is CPU work of a few milliseconds; keep it off the async workers.
    let drawn =
        tokio::task::spawn_blocking(move || app::charts::render(kind, &view, language, format))
            .await;
    match drawn {
        Ok(Ok(bytes)) => (
            [
                (CONTENT_TYPE, format.content_type()),
                // Personal data: never in a shared cache.
                (CACHE_CONTROL, "private, no-store"),
            ],
            bytes,
        )
            .into_response(),
        Ok(Err(ChartError::NotApplicable)) => not_found(),
        Ok(Err(error)) => {
            tracing::error!(%error, "chart");
            text(
                StatusCode::INTERNAL_SERVER_ERROR,
                "Interne fout.\nInternal error.\n",
            )
        }
        Err(error) => {
            tracing::error!(%error, "chart task");
            text(
                StatusCode::INTERNAL_SERVER_ERROR,
                "Interne fout.\nInternal error.\n",
            )
        }
    }
}

/// `GET /scans/{id}/rapport/cijfers.csv`: the aggregated figures, one line per published line.
pub async fn csv(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    match view_for(&state, &headers, &id).await {
        Ok(view) => (
            [
                (CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
                (CACHE_CONTROL, "private, no-store".to_owned()),
                (
                    CONTENT_DISPOSITION,
                    format!("attachment; filename=\"rapport-{id}.csv\""),
                ),
            ],
            app::report::csv::to_csv(&view),
        )
            .into_response(),
        Err(response) => response,
    }
}

/// `GET /scans/{id}/rapport/rapport.pdf[?lang=en]`: the report as an A4 PDF, laid out by
/// `app::report::pdf` from the same view as the page, to download.
pub async fn pdf(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    Query(query): Query<LanguageQuery>,
) -> Response {
    let view = match view_for(&state, &headers, &id).await {
        Ok(view) => view,
        Err(response) => return response,
    };
    let language = language(&query, &headers);
    let today = app::state::unix_now();
    // Laying out and subsetting fonts is CPU work; keep it off the async workers.
    let made =
        tokio::task::spawn_blocking(move || app::report::pdf::render(&view, language, today)).await;
    match made {
        Ok(Ok(bytes)) => (
            [
                (CONTENT_TYPE, "application/pdf".to_owned()),
                // Personal data: never in a shared cache.
                (CACHE_CONTROL, "private, no-store".to_owned()),
                (
                    CONTENT_DISPOSITION,
                    format!("attachment; filename=\"rapport-{id}.pdf\""),
                ),
            ],
            bytes,
        )
            .into_response(),
        Ok(Err(error)) => {
            tracing::error!(%error, "report pdf");
            text(
                StatusCode::INTERNAL_SERVER_ERROR,
                "Interne fout.\nInternal error.\n",
            )
        }
        Err(error) => {
            tracing::error!(%error, "report pdf task");
            text(
                StatusCode::INTERNAL_SERVER_ERROR,
                "Interne fout.\nInternal error.\n",
            )
        }
    }
}
