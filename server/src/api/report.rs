//! `/api/v1/scans/{id}/report`: the report as JSON, CSV or chart, for the readers the scan
//! names, once it is closed or released; and the organiser's early release. The same figures as
//! the report page (`app::report`): nothing here is computed separately.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

use app::charts::{ChartError, ChartFormat, ChartKind};
use app::domain::language::Language;
use app::domain::report_view::ReportView;
use app::report::ReportError;
use app::state::{AppState, unix_now};

use super::extract::{ApiQuery, ApiUser};
use super::problem::ApiError;

fn report_error(error: ReportError) -> ApiError {
    error.user_error().into()
}

async fn view(
    state: &AppState,
    user: &app::domain::account::CurrentUser,
    id: &str,
) -> Result<ReportView, ApiError> {
    app::report::view(&state.db, user, id)
        .await
        .map_err(report_error)
}

/// The report: every published figure, comments, points of attention and the agenda.
#[utoipa::path(get, path = "/api/v1/scans/{id}/report", tag = "reports", params(("id" = String, Path)),
    responses((status = 200, body = ReportView), (status = 401, body = super::problem::ProblemDocument),
        (status = 404, body = super::problem::ProblemDocument), (status = 409, body = super::problem::ProblemDocument)),
    security(("bearer" = [])))]
pub async fn get(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(id): Path<String>,
) -> Result<Json<ReportView>, ApiError> {
    Ok(Json(view(&state, &user, &id).await?))
}

/// The aggregated figures as CSV (one line per published line; never raw responses).
#[utoipa::path(get, path = "/api/v1/scans/{id}/report.csv", tag = "reports", params(("id" = String, Path)),
    responses((status = 200, content_type = "text/csv", body = String),
        (status = 401, body = super::problem::ProblemDocument), (status = 404, body = super::problem::ProblemDocument),
        (status = 409, body = super::problem::ProblemDocument)),
    security(("bearer" = [])))]
pub async fn csv(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let view = view(&state, &user, &id).await?;
    Ok((
        [
            (CONTENT_TYPE, "text/csv; charset=utf-8"),
            (CACHE_CONTROL, "private, no-store"),
        ],
        app::report::csv::to_csv(&view),
    )
        .into_response())
}

/// Which chart to draw.
#[derive(Debug, Clone, Copy, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ChartName {
    Gap,
    Heatmap,
    Levels,
}

/// The image format.
#[derive(Debug, Clone, Copy, Default, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ImageFormat {
    #[default]
    Svg,
    Png,
}

/// The chart's options.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ChartQuery {
    /// `svg` (default) or `png`.
    #[serde(default)]
    #[param(inline)]
    format: ImageFormat,
    /// `en` for English labels; Dutch otherwise.
    lang: Option<String>,
}

/// A chart of the report: `gap`, `heatmap` or `levels` (levels: only for scans with two levels).
#[utoipa::path(get, path = "/api/v1/scans/{id}/report/charts/{chart}", tag = "reports",
    params(("id" = String, Path), ("chart" = inline(ChartName), Path), ChartQuery),
    responses((status = 200, content((String = "image/svg+xml"), (Vec<u8> = "image/png"))),
        (status = 401, body = super::problem::ProblemDocument), (status = 404, body = super::problem::ProblemDocument),
        (status = 409, body = super::problem::ProblemDocument), (status = 422, body = super::problem::ProblemDocument)),
    security(("bearer" = [])))]
pub async fn chart(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path((id, chart)): Path<(String, String)>,
    ApiQuery(query): ApiQuery<ChartQuery>,
) -> Result<Response, ApiError> {
    let kind = match chart.as_str() {
        "gap" => ChartKind::Gap,
        "heatmap" => ChartKind::Heatmap,
        "levels" => ChartKind::Levels,
        _ => return Err(no_chart()),
    };
    let format = match query.format {
        ImageFormat::Svg => ChartFormat::Svg,
        ImageFormat::Png => ChartFormat::Png,
    };
    let language = if query.lang.as_deref() == Some("en") {
        Language::En
    } else {
        Language::Nl
    };
    let view = view(&state, &user, &id).await?;
    let drawn =
        tokio::task::spawn_blocking(move || app::charts::render(kind, &view, language, format))
            .await
            .map_err(|_| ApiError::internal())?;
    match drawn {
        Ok(bytes) => Ok((
            [
                (CONTENT_TYPE, format.content_type()),
                (CACHE_CONTROL, "private, no-store"),
            ],
            bytes,
        )
            .into_response()),
        Err(ChartError::NotApplicable) => Err(no_chart()),
        Err(error) => {
            tracing::error!(%error, "chart in the API");
            Err(ApiError::internal())
        }
    }
}

fn no_chart() -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        "unknown-chart",
        "Deze grafiek bestaat niet voor dit rapport",
        "This chart does not exist for this report",
    )
}

/// Release the report of an open scan early (organiser); allowed once every invited group,
/// self and identifiable groups excepted, has at least k responses. Readers then see the
/// figures of this moment until the scan closes.
#[utoipa::path(post, path = "/api/v1/scans/{id}/release", tag = "reports", params(("id" = String, Path)),
    responses((status = 204), (status = 401, body = super::problem::ProblemDocument),
        (status = 404, body = super::problem::ProblemDocument), (status = 409, body = super::problem::ProblemDocument)),
    security(("bearer" = [])))]
pub async fn release(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    app::report::release(&state.db, &user, &id, unix_now())
        .await
        .map_err(report_error)?;
    app::scans::notify_readers::notify_if_readable(
        &state.db,
        &state.settings.links(),
        &id,
        unix_now(),
    )
    .await;
    Ok(StatusCode::NO_CONTENT)
}
