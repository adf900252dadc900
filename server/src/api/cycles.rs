//! `/api/v1/cycles`: Maastricht's appraisal cycles (issue 22, "het goede gesprek") for HR systems
//! and scripts: the caller's cycles, a new cycle, one cycle as JSON with its assessments, one
//! door for every step (the same commands the page posts), and HR's overview. Thin: each handler
//! calls `app::appraisal`, which decides who may do what.
//!
//! The caller is their account (the Bearer token's): the cycle's manager, or its employee by the
//! account's address. Anyone else, administrators included, is told the cycle does not exist
//! (404). A refused step is 409 with the rule's message; invalid input 422 per field. `GET`
//! answers the revision as `ETag`; a step sent with `If-Match` is done only from that revision
//! (else 412).

use axum::Json;
use axum::extract::{Path, State};
use axum::http::header::{ETAG, LOCATION};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use app::appraisal::{self as service, AppraisalError, NewCycleInput};
use app::domain::appraisal::command::PostedCycleCommand;
use app::domain::appraisal::view::{CycleListLine, CycleView, Overview};
use app::state::{AppState, unix_now};

use super::extract::{ApiJson, ApiUser};
use super::links::{Op, insert, link_to};
use super::problem::{ApiError, FieldMessage, ProblemDocument};
use super::revision::{etag, expected_revision};

/// A cycle to start; the caller is its manager.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(examples(json!({
    "kind": "probation",
    "employee_name": "Mila Martens",
    "employee_email": "m.martens@maastricht.nl",
    "department": "Publiekszaken",
    "start_on": "2027-01-04",
    "decision_on": "2028-01-04"
})))]
pub struct CycleInput {
    /// `two_years`, `one_year`, `entrant` (a new employee) or `probation`.
    pub kind: CycleKindName,
    pub employee_name: String,
    /// The employee acts by signing in with this address.
    pub employee_email: String,
    #[serde(default)]
    pub department: String,
    /// `YYYY-MM-DD`: the day of entry for `entrant` and `probation`, any day of the first year
    /// otherwise.
    pub start_on: String,
    /// `YYYY-MM-DD`, probation only: the day of the decision on a permanent appointment.
    #[serde(default)]
    pub decision_on: Option<String>,
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum CycleKindName {
    TwoYears,
    OneYear,
    Entrant,
    Probation,
}

impl CycleKindName {
    fn code(self) -> &'static str {
        match self {
            CycleKindName::TwoYears => "two_years",
            CycleKindName::OneYear => "one_year",
            CycleKindName::Entrant => "entrant",
            CycleKindName::Probation => "probation",
        }
    }
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CycleCreated {
    pub id: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CycleList {
    pub items: Vec<CycleListLine>,
}

/// The steps of a cycle, as the page's forms name them.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum CommandName {
    AddWorkAgreement,
    AddDevelopmentAgreement,
    ChooseCompetencies,
    ChangeAgreement,
    DropAgreement,
    SavePlanning,
    SaveConcept,
    ReleaseConcept,
    HoldAssessment,
    SetFinal,
    Approve,
    SignSeen,
    HoldObjectionConversation,
    Settle,
    SettleWithoutObjections,
    AddAssessment,
    AttachScan,
    AddTopic,
    RecordProgress,
    RequestScan,
}

/// One rating of a concept: what the cycle's `ratings` list names as `agreement_id` (a work
/// agreement's id, or a chosen competency's id: every one is rated, art. 6 lid 5) and a
/// qualification.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RatingInput {
    pub agreement_id: String,
    /// `onvoldoende`, `enigszins_onvoldoende`, `normaal`, `goed` or `uitstekend` (art. 6 lid 5).
    pub qualification: String,
}

/// One step. Which fields a step reads: agreements `text`, `weight` (empty: equal, art. 4 lid 2),
/// `crucial`, `agreement_id`, and a development agreement's `competency` (one of the chosen);
/// the profile (`choose_competencies`, art. 3 lid 2–3): `profile_id`, `scale` (the job's salary
/// scale), `specific` (a Vakspecialist's four) and `own_choice` (at most two); planning `career`, `conditions`, `manager_decided`, `held_on`;
/// assessments `number` with `conversation_on`, `ratings`, `knowledge` (concept), `held_on`
/// (conversations), `choice` (`proposal`, `crucial` or a qualification) and `motivation` (final,
/// art. 6 lid 8), `objections` ("voor gezien", art. 6 lid 11), `settlement` (`changed` or
/// `kept`, art. 6 lid 12); `scan_id` to attach a closed scan; `text` of a topic either party
/// brings (`add_topic`); `held_on` and `notes` of the progress conversation (`record_progress`).
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(examples(json!({"command": "add_work_agreement", "text": "Klachten binnen vijf werkdagen beantwoord", "weight": "2"})))]
pub struct CommandInput {
    pub command: CommandName,
    #[serde(default)]
    pub number: Option<i64>,
    #[serde(default)]
    pub agreement_id: String,
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub weight: String,
    #[serde(default)]
    pub crucial: bool,
    #[serde(default)]
    pub career: String,
    #[serde(default)]
    pub conditions: String,
    #[serde(default)]
    pub manager_decided: String,
    #[serde(default)]
    pub held_on: String,
    #[serde(default)]
    pub conversation_on: String,
    #[serde(default)]
    pub ratings: Vec<RatingInput>,
    #[serde(default)]
    pub knowledge: String,
    /// The career agreements' evaluation (art. 6 lid 4): text, never weighed.
    #[serde(default)]
    pub career_evaluation: String,
    #[serde(default)]
    pub choice: String,
    #[serde(default)]
    pub motivation: String,
    #[serde(default)]
    pub objections: String,
    #[serde(default)]
    pub settlement: String,
    #[serde(default)]
    pub scan_id: String,
    #[serde(default)]
    pub notes: String,
    #[serde(default)]
    pub competency: String,
    #[serde(default)]
    pub profile_id: String,
    #[serde(default)]
    pub scale: Option<i64>,
    #[serde(default)]
    pub specific: Vec<String>,
    #[serde(default)]
    pub own_choice: Vec<String>,
}

impl CommandInput {
    fn posted(self) -> PostedCycleCommand {
        let command = serde_json::to_value(self.command)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default();
        PostedCycleCommand {
            command,
            number: self.number.map(|n| n.to_string()).unwrap_or_default(),
            agreement_id: self.agreement_id,
            text: self.text,
            weight: self.weight,
            crucial: if self.crucial {
                "on".into()
            } else {
                String::new()
            },
            career: self.career,
            conditions: self.conditions,
            manager_decided: self.manager_decided,
            held_on: self.held_on,
            conversation_on: self.conversation_on,
            rated_id: self
                .ratings
                .iter()
                .map(|r| r.agreement_id.clone())
                .collect(),
            rating: self.ratings.into_iter().map(|r| r.qualification).collect(),
            knowledge: self.knowledge,
            career_evaluation: self.career_evaluation,
            choice: self.choice,
            motivation: self.motivation,
            objections: self.objections,
            settlement: self.settlement,
            scan_id: self.scan_id,
            notes: self.notes,
            competency: self.competency,
            profile_id: self.profile_id,
            scale: self.scale.map(|s| s.to_string()).unwrap_or_default(),
            specific: self.specific,
            own_choice: self.own_choice,
        }
    }
}

fn unknown() -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        "unknown-cycle",
        "Deze cyclus bestaat niet, of u heeft er geen toegang toe",
        "This cycle does not exist, or you have no access to it",
    )
}

fn service_error(error: AppraisalError, conditional: bool) -> ApiError {
    match error {
        AppraisalError::Unknown => unknown(),
        AppraisalError::Refused(text) => ApiError::new(
            StatusCode::CONFLICT,
            "refused",
            "Dat kan nu niet in deze cyclus",
            "Not possible in this cycle now",
        )
        .fields(vec![FieldMessage {
            field: String::new(),
            nl: text.nl,
            en: text.en,
        }]),
        AppraisalError::Invalid(problems) => ApiError::validation(
            problems
                .into_iter()
                .map(|p| FieldMessage {
                    field: p.field,
                    nl: p.nl,
                    en: p.en,
                })
                .collect(),
        ),
        AppraisalError::Stale if conditional => ApiError::new(
            StatusCode::PRECONDITION_FAILED,
            "changed",
            "De cyclus is intussen gewijzigd; haal hem opnieuw op",
            "The cycle changed meanwhile; fetch it again",
        ),
        AppraisalError::Stale => ApiError::new(
            StatusCode::CONFLICT,
            "conflict",
            "De cyclus werd tegelijk door iemand anders gewijzigd; probeer het opnieuw",
            "The cycle was changed by someone else at the same time; try again",
        ),
        AppraisalError::Storage(error) => error.into(),
    }
}

/// The cycles the caller runs as manager or is assessed in, newest first.
#[utoipa::path(get, path = "/api/v1/cycles", tag = "cycles",
    responses((status = 200, body = CycleList), (status = 401, body = ProblemDocument)),
    security(("bearer" = [])))]
pub async fn list(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
) -> Result<Json<CycleList>, ApiError> {
    let items = service::list_for(&state.db, &user, unix_now())
        .await
        .map_err(|e| service_error(e, false))?;
    Ok(Json(CycleList { items }))
}

/// Start a cycle for an employee; the caller is its manager. Its conversations and deadlines
/// follow from the kind (art. 2, 4, 6).
#[utoipa::path(post, path = "/api/v1/cycles", tag = "cycles", request_body = CycleInput,
    responses((status = 201, body = CycleCreated, headers(("Location" = String))),
        (status = 401, body = ProblemDocument), (status = 413, body = ProblemDocument),
        (status = 415, body = ProblemDocument), (status = 422, body = ProblemDocument)),
    security(("bearer" = [])))]
pub async fn create(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiJson(input): ApiJson<CycleInput>,
) -> Result<Response, ApiError> {
    let input = NewCycleInput {
        kind: input.kind.code().into(),
        employee_name: input.employee_name,
        employee_email: input.employee_email,
        department: input.department,
        start_on: input.start_on,
        decision_on: input.decision_on.unwrap_or_default(),
    };
    let id = service::create(&state.db, &user, &input, unix_now())
        .await
        .map_err(|e| service_error(e, false))?;
    let mut response = (StatusCode::CREATED, Json(CycleCreated { id: id.clone() })).into_response();
    response.headers_mut().insert(
        LOCATION,
        HeaderValue::from_str(&format!("/api/v1/cycles/{id}")).expect("ids are hex"),
    );
    Ok(response)
}

/// The cycle as the caller sees it (the employee sees no concept before its release), with its
/// revision as `ETag`.
#[utoipa::path(get, path = "/api/v1/cycles/{id}", tag = "cycles", params(("id" = String, Path)),
    responses((status = 200, body = CycleView, headers(("ETag" = String))),
        (status = 401, body = ProblemDocument), (status = 404, body = ProblemDocument)),
    security(("bearer" = [])))]
pub async fn get(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let view = service::view_for(&state.db, &user, &id, unix_now())
        .await
        .map_err(|e| service_error(e, false))?;
    let revision = view.revision;
    let mut response = Json(view).into_response();
    response.headers_mut().insert(ETAG, etag(revision));
    Ok(response)
}

/// One step of the cycle (see `CommandInput`); 204 with the new revision as `ETag`.
#[utoipa::path(post, path = "/api/v1/cycles/{id}/commands", tag = "cycles",
    params(("id" = String, Path), ("If-Match" = Option<String>, Header,
        description = "The ETag of the cycle as last read: the step is done only from that revision")),
    request_body = CommandInput,
    responses((status = 204, description = "Done", headers(("ETag" = String, description = "The cycle's new revision"))),
        (status = 401, body = ProblemDocument), (status = 404, body = ProblemDocument),
        (status = 409, body = ProblemDocument), (status = 412, body = ProblemDocument),
        (status = 413, body = ProblemDocument), (status = 415, body = ProblemDocument),
        (status = 422, body = ProblemDocument)),
    security(("bearer" = [])))]
pub async fn command(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(id): Path<String>,
    headers: HeaderMap,
    ApiJson(input): ApiJson<CommandInput>,
) -> Result<Response, ApiError> {
    let command = input.posted().parse().map_err(|problems| {
        ApiError::validation(
            problems
                .into_iter()
                .map(|p| FieldMessage {
                    field: p.field,
                    nl: p.nl,
                    en: p.en,
                })
                .collect(),
        )
    })?;
    let expected = expected_revision(&headers);
    let revision = service::act(
        &state.db,
        &user,
        &id,
        expected,
        command,
        &state.settings.base_url,
        unix_now(),
    )
    .await
    .map_err(|e| service_error(e, expected.is_some()))?;
    Ok((StatusCode::NO_CONTENT, [(ETAG, etag(revision))]).into_response())
}

/// HR's overview: assessments per stage and overdue deadlines per department and manager;
/// final qualifications per department only where no cell names a person's (administrators).
#[utoipa::path(get, path = "/api/v1/appraisal-overview", tag = "cycles",
    responses((status = 200, body = Overview), (status = 401, body = ProblemDocument),
        (status = 404, body = ProblemDocument)),
    security(("bearer" = [])))]
pub async fn overview(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
) -> Result<Json<Overview>, ApiError> {
    let overview = service::overview(&state.db, &user, unix_now())
        .await
        .map_err(|e| service_error(e, false))?;
    Ok(Json(overview))
}

const ON_A_CYCLE: [Op; 2] = [
    ("GetCycle", "get", "/api/v1/cycles/{id}", "200"),
    (
        "CycleCommand",
        "post",
        "/api/v1/cycles/{id}/commands",
        "204",
    ),
];
const CREATE_CYCLE: Op = ("CreateCycle", "post", "/api/v1/cycles", "201");

/// The OpenAPI links: from a created cycle to reading it and its steps; from the cycle as read,
/// its `ETag` as the step's `If-Match`.
pub fn add_links(document: &mut utoipa::openapi::OpenApi) {
    let mut sources = vec![CREATE_CYCLE];
    sources.extend(ON_A_CYCLE);
    for source in &sources {
        let read = source.0 == "GetCycle";
        let id = match source.0 {
            "CreateCycle" | "GetCycle" => "$response.body#/id",
            _ => "$request.path.id",
        };
        let mut links = Vec::new();
        for target in &ON_A_CYCLE {
            let mut link = link_to(target).parameter("path.id", id);
            if read && target.1 == "post" {
                link = link.parameter("header.If-Match", "$response.header.ETag");
            }
            links.push((target.0, link.build()));
        }
        insert(document, source, links);
    }
}
