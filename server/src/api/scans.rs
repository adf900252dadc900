//! `/api/v1/scans`: the organiser's scans and their life cycle. Thin: translate JSON to the
//! domain's draft, call the scan services, translate back.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::header::{ETAG, IF_MATCH, LOCATION};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use utoipa::IntoParams;

use app::domain::calendar::{Date, amsterdam_date, end_of_day_amsterdam};
use app::domain::scan::{
    DEFAULT_K, Language, RaterGroup, ScanDraft, ScanError, TextField, default_groups,
};
use app::domain::user_error::UserError;
use app::scans::ScanServiceError;
use app::scans::service;
use app::state::{AppState, unix_now};
use app::storage::StoredScan;

use super::dto::{
    GroupOutput, GroupProgressOutput, Queued, ReopenInput, ScanInput, ScanList, ScanOutput,
    ScanSummary,
};
use super::extract::{ApiJson, ApiQuery, ApiUser, Page};
use super::problem::{ApiError, FieldMessage};
use super::revision::etag;

fn field_of(error: &ScanError) -> &'static str {
    use ScanError as E;
    match error {
        E::SubjectNameMissing => "subject_name",
        E::InvalidSubjectEmail { .. } => "subject_email",
        E::TooLong { field, .. } => match field {
            TextField::SubjectName => "subject_name",
            TextField::JobTitle => "subject_job_title",
            TextField::Introduction => "introduction",
            TextField::IntroductionSelf => "introduction_self",
        },
        E::FrameworkMismatch { .. } => "framework_id",
        E::KTooSmall { .. } => "k",
        E::DeadlineNotInFuture { .. } => "deadline",
        E::NoCompetencies
        | E::UnknownCompetency { .. }
        | E::DuplicateCompetency { .. }
        | E::ProfileCompetencyMissing { .. }
        | E::FixedProfileExtras { .. }
        | E::TooManyOwnChoices { .. } => "competency_ids",
        E::LevelRequired { .. } | E::UnknownLevel { .. } | E::LevelNotApplicable { .. } => {
            "level_id"
        }
        E::NoNextLevel { .. } => "include_next_level",
        E::UnknownProfile { .. } => "profile_id",
        E::NoSelfGroup
        | E::MultipleSelfGroups { .. }
        | E::DuplicateGroup { .. }
        | E::InvalidGroupId { .. }
        | E::EmptyGroupLabel { .. } => "groups",
        E::InvalidReaderEmail { .. } => "report_readers",
        E::ReminderDaysOutOfRange { .. } => "reminder_days",
        E::PersonStatusForSubject => "person_status",
        E::InvalidTransition { .. } | E::Locked { .. } => "",
    }
}

/// A service error as an API error; validation problems keep their fields.
pub fn service_error(error: ScanServiceError) -> ApiError {
    match error {
        ScanServiceError::Invalid(list) => ApiError::validation(
            list.iter()
                .map(|e| FieldMessage {
                    field: field_of(e).to_owned(),
                    nl: e.message_nl(),
                    en: e.to_string(),
                })
                .collect(),
        ),
        ScanServiceError::Informants(list) => ApiError::validation(
            list.iter()
                .map(|e| FieldMessage {
                    field: "informants".into(),
                    nl: e.message_nl(),
                    en: e.to_string(),
                })
                .collect(),
        ),
        ScanServiceError::User(e) => e.into(),
        ScanServiceError::Storage(e) => e.into(),
    }
}

/// For actions that are not conditional requests: losing a race with another change of the
/// same scan is a 409 conflict (try again), not a failed precondition.
pub fn action_error(error: ScanServiceError) -> ApiError {
    match error {
        ScanServiceError::User(UserError::ScanChanged) => ApiError::new(
            StatusCode::CONFLICT,
            "conflict",
            "De scan werd tegelijk door iemand anders gewijzigd; probeer het opnieuw",
            "The scan was changed by someone else at the same time; try again",
        ),
        other => service_error(other),
    }
}

pub fn parse_date(field: &str, text: &str) -> Result<i64, ApiError> {
    Date::parse_iso(text)
        .map(end_of_day_amsterdam)
        .ok_or_else(|| {
            ApiError::validation(vec![FieldMessage {
                field: field.to_owned(),
                nl: format!("{text:?} is geen datum (jjjj-mm-dd)"),
                en: format!("{text:?} is not a date (yyyy-mm-dd)"),
            }])
        })
}

fn to_draft(input: ScanInput) -> Result<ScanDraft, ApiError> {
    let deadline = parse_date("deadline", &input.deadline)?;
    let language = match input.language.as_deref() {
        None => Language::Nl,
        Some(code) => Language::parse(code).ok_or_else(|| {
            ApiError::validation(vec![FieldMessage {
                field: "language".into(),
                nl: "taal is nl of en".into(),
                en: "language is nl or en".into(),
            }])
        })?,
    };
    let groups = match input.groups {
        None => default_groups(&input.framework_id),
        Some(list) => list
            .into_iter()
            .map(|g| RaterGroup {
                id: g.id,
                label_nl: g.label_nl,
                label_en: g.label_en,
                identifiable: g.identifiable,
                is_self: g.is_self,
            })
            .collect(),
    };
    Ok(ScanDraft {
        subject_name: input.subject_name,
        subject_email: input.subject_email,
        subject_job_title: input.subject_job_title,
        framework_id: input.framework_id,
        framework_version: input.framework_version,
        profile_id: input.profile_id,
        level_id: input.level_id,
        include_next_level: input.include_next_level,
        competency_ids: input.competency_ids,
        groups,
        k: input.k.map(|k| k as usize).unwrap_or(DEFAULT_K),
        deadline,
        language,
        introduction: input.introduction,
        introduction_self: input.introduction_self,
        report_readers: input.report_readers,
        reminder_days: input.reminder_days,
        person_status: input.person_status,
    })
}

fn output(stored: &StoredScan) -> ScanOutput {
    let scan = &stored.scan;
    ScanOutput {
        id: stored.id.clone(),
        status: stored.status.as_str().to_owned(),
        revision: stored.revision,
        subject_name: scan.subject_name.clone(),
        subject_email: scan.subject_email.as_str().to_owned(),
        subject_job_title: scan.subject_job_title.clone(),
        framework_id: scan.framework_id.clone(),
        framework_version: scan.framework_version,
        profile_id: scan.profile_id.clone(),
        level_id: scan.level_id.clone(),
        next_level_id: scan.next_level_id.clone(),
        competency_ids: scan.competency_ids.clone(),
        groups: scan
            .groups
            .iter()
            .map(|g| GroupOutput {
                id: g.id.clone(),
                label_nl: g.label_nl.clone(),
                label_en: g.label_en.clone(),
                identifiable: g.identifiable,
                is_self: g.is_self,
            })
            .collect(),
        k: scan.k as u32,
        deadline: amsterdam_date(scan.deadline).iso(),
        language: scan.language.code().to_owned(),
        introduction: scan.introduction.clone(),
        introduction_self: scan.introduction_self.clone(),
        report_readers: scan
            .report_readers
            .iter()
            .map(|e| e.as_str().to_owned())
            .collect(),
        reminder_days: scan.reminder_days,
        person_status: scan.person_status,
    }
}

fn with_etag(status: StatusCode, stored: &StoredScan) -> Response {
    let mut response = (status, Json(output(stored))).into_response();
    response.headers_mut().insert(ETAG, etag(stored.revision));
    response
}

async fn reload(
    state: &AppState,
    user: &app::domain::account::CurrentUser,
    id: &str,
) -> Result<StoredScan, ApiError> {
    service::load_for(&state.db, user, id)
        .await
        .map_err(service_error)
}

/// List the caller's scans (all scans for an administrator), newest first.
#[utoipa::path(get, path = "/api/v1/scans", tag = "scans", params(Page),
    responses((status = 200, body = ScanList), (status = 401, body = super::problem::ProblemDocument),
        (status = 422, body = super::problem::ProblemDocument)),
    security(("bearer" = [])))]
pub async fn list(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiQuery(page): ApiQuery<Page>,
) -> Result<Json<ScanList>, ApiError> {
    let all = service::list_for(&state.db, &user)
        .await
        .map_err(service_error)?;
    let (items, next_cursor) = page.slice(&all)?;
    Ok(Json(ScanList {
        items: items
            .into_iter()
            .map(|s| ScanSummary {
                id: s.id,
                subject_name: s.subject_name,
                framework_id: s.framework_id,
                status: s.status.as_str().to_owned(),
                deadline: amsterdam_date(s.deadline).iso(),
                invited: s.invited,
                submitted: s.submitted,
            })
            .collect(),
        next_cursor,
    }))
}

/// Create a draft scan; the subject is invited in the self group automatically.
#[utoipa::path(post, path = "/api/v1/scans", tag = "scans", request_body = ScanInput,
    responses((status = 201, body = ScanOutput, headers(("ETag" = String), ("Location" = String))),
        (status = 401, body = super::problem::ProblemDocument), (status = 413, body = super::problem::ProblemDocument),
        (status = 415, body = super::problem::ProblemDocument), (status = 422, body = super::problem::ProblemDocument)),
    security(("bearer" = [])))]
pub async fn create(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiJson(input): ApiJson<ScanInput>,
) -> Result<Response, ApiError> {
    let draft = to_draft(input)?;
    let id = service::create_scan(&state.db, &user, &draft, unix_now())
        .await
        .map_err(service_error)?;
    let stored = reload(&state, &user, &id).await?;
    let mut response = with_etag(StatusCode::CREATED, &stored);
    response.headers_mut().insert(
        LOCATION,
        HeaderValue::from_str(&format!("/api/v1/scans/{id}")).expect("ids are hex"),
    );
    Ok(response)
}

/// One scan, with its revision as `ETag`.
#[utoipa::path(get, path = "/api/v1/scans/{id}", tag = "scans", params(("id" = String, Path)),
    responses((status = 200, body = ScanOutput, headers(("ETag" = String))),
        (status = 401, body = super::problem::ProblemDocument), (status = 404, body = super::problem::ProblemDocument)),
    security(("bearer" = [])))]
pub async fn get(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    Ok(with_etag(
        StatusCode::OK,
        &reload(&state, &user, &id).await?,
    ))
}

fn if_match(headers: &HeaderMap) -> Result<i64, ApiError> {
    let value = headers.get(IF_MATCH).ok_or_else(|| {
        ApiError::new(
            StatusCode::PRECONDITION_REQUIRED,
            "if-match-required",
            "Stuur de ETag van de scan mee als If-Match",
            "Send the scan's ETag as If-Match",
        )
    })?;
    value
        .to_str()
        .ok()
        .map(|v| v.trim().trim_start_matches("W/").trim_matches('"'))
        .and_then(|v| v.parse().ok())
        .ok_or_else(|| UserError::ScanChanged.into())
}

/// Replace a scan's settings (what its status allows). Needs `If-Match` with the current ETag.
#[utoipa::path(put, path = "/api/v1/scans/{id}", tag = "scans", params(("id" = String, Path),
        ("If-Match" = String, Header, description = "The ETag of the scan as last read")),
    request_body = ScanInput,
    responses((status = 200, body = ScanOutput, headers(("ETag" = String))),
        (status = 401, body = super::problem::ProblemDocument), (status = 404, body = super::problem::ProblemDocument),
        (status = 412, body = super::problem::ProblemDocument), (status = 413, body = super::problem::ProblemDocument),
        (status = 415, body = super::problem::ProblemDocument), (status = 422, body = super::problem::ProblemDocument),
        (status = 428, body = super::problem::ProblemDocument)),
    security(("bearer" = [])))]
pub async fn update(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(id): Path<String>,
    headers: HeaderMap,
    ApiJson(input): ApiJson<ScanInput>,
) -> Result<Response, ApiError> {
    // An unknown scan is a 404 whatever the headers say.
    reload(&state, &user, &id).await?;
    let revision = if_match(&headers)?;
    let draft = to_draft(input)?;
    service::update_scan(&state.db, &user, &id, revision, &draft, unix_now())
        .await
        .map_err(service_error)?;
    // A reader added once the report is readable is told now (issue 20).
    app::scans::notify_readers::notify_if_readable(
        &state.db,
        &state.settings.links(),
        &id,
        unix_now(),
    )
    .await;
    Ok(with_etag(
        StatusCode::OK,
        &reload(&state, &user, &id).await?,
    ))
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct Confirm {
    /// Must be `true`: deleting cannot be undone.
    pub confirm: Option<bool>,
}

/// Delete a draft scan. Needs `?confirm=true`.
#[utoipa::path(delete, path = "/api/v1/scans/{id}", tag = "scans", params(("id" = String, Path), Confirm),
    responses((status = 204), (status = 400, body = super::problem::ProblemDocument),
        (status = 401, body = super::problem::ProblemDocument), (status = 404, body = super::problem::ProblemDocument),
        (status = 409, body = super::problem::ProblemDocument)),
    security(("bearer" = [])))]
pub async fn delete(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(id): Path<String>,
    ApiQuery(confirm): ApiQuery<Confirm>,
) -> Result<StatusCode, ApiError> {
    reload(&state, &user, &id).await?;
    if confirm.confirm != Some(true) {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "confirmation-required",
            "Bevestig het verwijderen met ?confirm=true",
            "Confirm the deletion with ?confirm=true",
        ));
    }
    service::delete_draft(&state.db, &user, &id)
        .await
        .map_err(action_error)?;
    Ok(StatusCode::NO_CONTENT)
}

macro_rules! scan_action {
    ($name:ident, $path:literal, $doc:literal, |$state:ident, $user:ident, $id:ident| $body:expr) => {
        #[doc = $doc]
        #[utoipa::path(post, path = $path, tag = "scans", params(("id" = String, Path)),
            responses((status = 200, body = Queued), (status = 401, body = super::problem::ProblemDocument),
                (status = 404, body = super::problem::ProblemDocument), (status = 409, body = super::problem::ProblemDocument),
                (status = 422, body = super::problem::ProblemDocument)),
            security(("bearer" = [])))]
        pub async fn $name(State($state): State<AppState>, ApiUser($user): ApiUser, Path($id): Path<String>) -> Result<Json<Queued>, ApiError> {
            let queued = $body.await.map_err(action_error)?;
            Ok(Json(Queued { queued }))
        }
    };
}

scan_action!(
    open,
    "/api/v1/scans/{id}/open",
    "Open a draft: the questions are fixed and every pending informant is invited.",
    |state, user, id| service::open_scan(
        &state.db,
        &state.settings.links(),
        &user,
        &id,
        unix_now()
    )
);
scan_action!(
    remind,
    "/api/v1/scans/{id}/remind",
    "Mail a reminder, with their own link, to every informant who has not submitted.",
    |state, user, id| service::remind(&state.db, &state.settings.links(), &user, &id, unix_now())
);
scan_action!(
    close,
    "/api/v1/scans/{id}/close",
    "Close an open scan; everyone invited gets the same thank-you message.",
    |state, user, id| service::close_scan(
        &state.db,
        &state.settings.links(),
        &user,
        &id,
        unix_now()
    )
);

/// Reopen a closed scan with a new deadline.
#[utoipa::path(post, path = "/api/v1/scans/{id}/reopen", tag = "scans", params(("id" = String, Path)),
    request_body = ReopenInput,
    responses((status = 200, body = ScanOutput, headers(("ETag" = String))),
        (status = 401, body = super::problem::ProblemDocument), (status = 404, body = super::problem::ProblemDocument),
        (status = 409, body = super::problem::ProblemDocument), (status = 413, body = super::problem::ProblemDocument),
        (status = 415, body = super::problem::ProblemDocument), (status = 422, body = super::problem::ProblemDocument)),
    security(("bearer" = [])))]
pub async fn reopen(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(id): Path<String>,
    ApiJson(input): ApiJson<ReopenInput>,
) -> Result<Response, ApiError> {
    reload(&state, &user, &id).await?;
    let deadline = parse_date("deadline", &input.deadline)?;
    service::reopen_scan(&state.db, &user, &id, deadline, unix_now())
        .await
        .map_err(action_error)?;
    Ok(with_etag(
        StatusCode::OK,
        &reload(&state, &user, &id).await?,
    ))
}

/// Response counts per group (never who responded).
#[utoipa::path(get, path = "/api/v1/scans/{id}/progress", tag = "scans", params(("id" = String, Path)),
    responses((status = 200, body = Vec<GroupProgressOutput>), (status = 401, body = super::problem::ProblemDocument),
        (status = 404, body = super::problem::ProblemDocument)),
    security(("bearer" = [])))]
pub async fn progress(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(id): Path<String>,
) -> Result<Json<Vec<GroupProgressOutput>>, ApiError> {
    let overview = service::overview(&state.db, &state.settings.link_secret, &user, &id)
        .await
        .map_err(service_error)?;
    Ok(Json(
        overview
            .progress
            .into_iter()
            .map(|p| GroupProgressOutput {
                group: p.group_id,
                label_nl: p.label_nl,
                label_en: p.label_en,
                invited: p.invited,
                submitted: p.submitted,
                failed: p.failed,
            })
            .collect(),
    ))
}
