//! `/api/v1/conversations`: conversation records (issue 21) for HR systems and scripts, one
//! documented operation per step of a record's life (plan, agenda, held, summary, approval,
//! signatures, readers, sharing, archive, attached scans, looking back), the record as JSON, PDF
//! and audit trail. Thin: each handler turns its body into a `RecordCommand` and calls the one
//! door `app::conversations` (which decides who may do what, validates and audits), so the API
//! can do exactly what the pages can, no more.
//!
//! The caller is their account (the Bearer token's): they act as the party with the account's
//! address. Anyone else, administrators included, is told the record does not exist (404, never
//! 403), so ids cannot be probed. A refused step is 409 with the rule's message; invalid input
//! 422 with per-field messages. Concurrency as on a scan: `GET` answers the revision as `ETag`;
//! a step sent with `If-Match` is done only from that revision (else 412); without it, losing a
//! race with another change is a 409.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE, ETAG, LOCATION};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use utoipa::ToSchema;

use app::conversations::{
    self as service, ConversationError, ConversationListItem, NewConversation, NewParticipant,
    Visitor,
};
use app::domain::account::CurrentUser;
use app::domain::conversation::{
    Actor, AgreementInput, AuditLine, FieldError, RecordCommand, RecordState, RecordView,
    SectionText,
};
use app::domain::language::Language;
use app::state::{AppState, unix_now};

use super::extract::{ApiJson, ApiQuery, ApiUser, Page};
use super::links::{Op, insert, link_to};
use super::problem::{ApiError, FieldMessage, ProblemDocument};
use super::revision::{etag, expected_revision};

/// A participant of a new conversation (not the person discussed).
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ParticipantInput {
    /// A role id of the conversation type other than its subject role (`burgemeester`).
    pub role: String,
    pub name: String,
    pub email: String,
}

/// A conversation to create. The caller must be one of the participants (by the account's
/// address): a record is visible to its parties only.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(examples(json!({
    "type_id": "functioneringsgesprek-secretaris",
    "subject_name": "J. Jansen",
    "subject_email": "j.jansen@gemeente.nl",
    "participants": [
        {"role": "burgemeester", "name": "A. de Vries", "email": "burgemeester@gemeente.nl"},
        {"role": "wethouder-po", "name": "B. Bakker", "email": "wethouder@gemeente.nl"}
    ]
})))]
pub struct ConversationInput {
    /// A conversation type's id (`GET /api/v1/conversation-types`).
    pub type_id: String,
    /// The person discussed.
    pub subject_name: String,
    pub subject_email: String,
    pub participants: Vec<ParticipantInput>,
    /// Answers to the type's preparation questions: question id → answer (`ja`/`nee` for
    /// yes/no questions).
    #[serde(default)]
    pub settings: BTreeMap<String, String>,
}

/// A created conversation.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ConversationCreated {
    pub id: String,
}

/// One conversation in the caller's list.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ConversationSummary {
    pub id: String,
    pub type_id: String,
    pub type_name: String,
    pub state: RecordState,
    pub subject_name: String,
    /// The caller's role in it ("Burgemeester", "Meelezer").
    pub viewer_role: String,
    pub viewer: Actor,
    /// When it is planned (unix seconds).
    pub starts_at: Option<i64>,
    /// Last change (unix seconds).
    pub updated_at: i64,
}

/// One page of the caller's conversations, newest first.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ConversationList {
    pub items: Vec<ConversationSummary>,
    pub next_cursor: Option<String>,
}

/// A record's audit trail, oldest first.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AuditTrail {
    pub items: Vec<AuditLine>,
}

/// Date, time (Dutch time), place and duration of the conversation.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(examples(json!({"starts_on": "2099-03-10", "starts_at": "10:00",
    "place": "Raadhuis, kamer 2", "duration_minutes": 90})))]
pub struct PlanInput {
    /// `YYYY-MM-DD`, in the future.
    pub starts_on: String,
    /// `HH:MM`.
    pub starts_at: String,
    pub place: String,
    /// 15 to 600 minutes; below the type's minimum the record shows a warning.
    pub duration_minutes: u32,
}

/// A topic for the agenda.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(examples(json!({"text": "De samenwerking met het nieuwe college"})))]
pub struct TopicInput {
    pub text: String,
}

/// The summary: the text of the form's sections and the agreements (what, who, by when).
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(examples(json!({
    "sections": [{"section_id": "resultaten", "text": "Het afgelopen jaar ..."}],
    "agreements": [{"what": "Leergang bestuurlijke sensitiviteit", "who": "Secretaris",
        "due_on": "2099-06-01"}]
})))]
pub struct SummaryInput {
    #[serde(default)]
    pub sections: Vec<SectionText>,
    #[serde(default)]
    pub agreements: Vec<AgreementInput>,
}

/// A reader of the record: once it is shared they read it (and get a message).
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(examples(json!({"name": "C. Claassen", "email": "p-en-o@gemeente.nl"})))]
pub struct ReaderInput {
    pub name: String,
    pub email: String,
}

/// A closed scan about the same person whose report the caller reads, to attach.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(examples(json!({"scan_id": "0f3c9a2e5b7d4e1f8a6c2b9d0e4f7a13"})))]
pub struct AttachScanInput {
    pub scan_id: String,
}

/// How an agreement of the previous conversation turned out.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(examples(json!({"outcome": "done", "note": "Afgerond in mei"})))]
pub struct LookBackInput {
    /// `done`, `partly`, `not_done`, `continued`, or empty (not yet judged).
    pub outcome: String,
    #[serde(default)]
    pub note: String,
}

fn unknown() -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        "unknown-conversation",
        "Dit gesprek bestaat niet, of u heeft er geen toegang toe",
        "This conversation does not exist, or you have no access to it",
    )
}

fn field_messages(errors: &[FieldError]) -> Vec<FieldMessage> {
    errors
        .iter()
        .map(|e| FieldMessage {
            field: e.field.clone(),
            nl: e.message(Language::Nl),
            en: e.message(Language::En),
        })
        .collect()
}

/// A service error as an API error. `conditional`: the request named the revision it was made
/// from (`If-Match`), so a changed record is a failed precondition; otherwise a conflict.
fn service_error(error: ConversationError, conditional: bool) -> ApiError {
    match error {
        ConversationError::Unknown => unknown(),
        ConversationError::Refused(refusal) if refusal.hides_the_record() => unknown(),
        ConversationError::Refused(refusal) => ApiError::new(
            StatusCode::CONFLICT,
            "refused",
            "Dat kan nu niet in dit gesprek",
            "Not possible in this conversation now",
        )
        .fields(vec![FieldMessage {
            field: String::new(),
            nl: refusal.message(Language::Nl),
            en: refusal.message(Language::En),
        }]),
        ConversationError::Invalid(errors) => ApiError::validation(field_messages(&errors)),
        ConversationError::Stale if conditional => ApiError::new(
            StatusCode::PRECONDITION_FAILED,
            "changed",
            "Het gesprek is intussen gewijzigd; haal het opnieuw op",
            "The conversation changed meanwhile; fetch it again",
        ),
        ConversationError::Stale => ApiError::new(
            StatusCode::CONFLICT,
            "conflict",
            "Het gesprek werd tegelijk door iemand anders gewijzigd; probeer het opnieuw",
            "The conversation was changed by someone else at the same time; try again",
        ),
        ConversationError::Storage(error) => error.into(),
    }
}

/// For reads: a party who may not read (a reader before sharing, a removed record) is told what
/// a stranger is told.
fn read_error(error: ConversationError) -> ApiError {
    match error {
        ConversationError::Refused(_) => unknown(),
        other => service_error(other, false),
    }
}

/// Does `command` as the caller; 204 when done, with the record's new revision as `ETag`, so a
/// client can send its next step with `If-Match` without reading the record again.
async fn act(
    state: &AppState,
    user: &CurrentUser,
    id: &str,
    headers: &HeaderMap,
    command: RecordCommand,
) -> Result<Response, ApiError> {
    let expected = expected_revision(headers);
    let revision = service::act(
        &state.db,
        &state.settings,
        &Visitor::account(user),
        id,
        command,
        expected,
        unix_now(),
    )
    .await
    .map_err(|e| service_error(e, expected.is_some()))?;
    Ok((StatusCode::NO_CONTENT, [(ETAG, etag(revision))]).into_response())
}

fn summary(item: ConversationListItem) -> ConversationSummary {
    ConversationSummary {
        id: item.id,
        type_id: item.type_id,
        type_name: item.type_name,
        state: item.state,
        subject_name: item.subject_name,
        viewer_role: item.viewer_role,
        viewer: item.viewer,
        starts_at: item.starts_at,
        updated_at: item.updated_at,
    }
}

/// The conversations the caller is a party to and may read now, newest first.
#[utoipa::path(get, path = "/api/v1/conversations", tag = "conversations", params(Page),
    responses((status = 200, body = ConversationList), (status = 401, body = ProblemDocument),
        (status = 422, body = ProblemDocument)),
    security(("bearer" = [])))]
pub async fn list(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiQuery(page): ApiQuery<Page>,
) -> Result<Json<ConversationList>, ApiError> {
    let all = service::list_for(&state.db, &user)
        .await
        .map_err(read_error)?;
    let all: Vec<ConversationSummary> = all.into_iter().map(summary).collect();
    let (items, next_cursor) = page.slice(&all)?;
    Ok(Json(ConversationList { items, next_cursor }))
}

/// Create a conversation record: the participants (the caller among them), the person discussed,
/// the type's sample agenda. Nobody is mailed yet; planning tells the other participants.
#[utoipa::path(post, path = "/api/v1/conversations", tag = "conversations",
    request_body = ConversationInput,
    responses((status = 201, body = ConversationCreated, headers(("Location" = String))),
        (status = 401, body = ProblemDocument), (status = 413, body = ProblemDocument),
        (status = 415, body = ProblemDocument), (status = 422, body = ProblemDocument)),
    security(("bearer" = [])))]
pub async fn create(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiJson(input): ApiJson<ConversationInput>,
) -> Result<Response, ApiError> {
    let form = NewConversation {
        type_id: input.type_id,
        subject_name: input.subject_name,
        subject_email: input.subject_email,
        participants: input
            .participants
            .into_iter()
            .map(|p| NewParticipant {
                role: p.role,
                name: p.name,
                email: p.email,
            })
            .collect(),
        settings: input.settings,
    };
    let id = service::create(&state.db, &state.settings, &user, form, unix_now())
        .await
        .map_err(|e| service_error(e, false))?;
    let mut response = (
        StatusCode::CREATED,
        Json(ConversationCreated { id: id.clone() }),
    )
        .into_response();
    response.headers_mut().insert(
        LOCATION,
        HeaderValue::from_str(&format!("/api/v1/conversations/{id}")).expect("ids are hex"),
    );
    Ok(response)
}

/// The record as the caller sees it, with what they may do now (`allowed`) and its revision as
/// `ETag`. Reading is written to the record's audit trail.
#[utoipa::path(get, path = "/api/v1/conversations/{id}", tag = "conversations",
    params(("id" = String, Path)),
    responses((status = 200, body = RecordView, headers(("ETag" = String))),
        (status = 401, body = ProblemDocument), (status = 404, body = ProblemDocument)),
    security(("bearer" = [])))]
pub async fn get(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let view = service::view(&state.db, &Visitor::account(&user), &id, unix_now())
        .await
        .map_err(read_error)?;
    let revision = view.revision;
    let mut response = Json(view).into_response();
    response.headers_mut().insert(ETAG, etag(revision));
    Ok(response)
}

/// Declares a step without a body: `POST` on `$path`, doing `$command`.
macro_rules! step {
    ($name:ident, $path:literal, $doc:literal, $command:expr) => {
        #[doc = $doc]
        #[utoipa::path(post, path = $path, tag = "conversations",
            params(("id" = String, Path), ("If-Match" = Option<String>, Header,
                description = "The ETag of the record as last read: the step is done only from that revision")),
            responses((status = 204, description = "Done", headers(("ETag" = String, description = "The record's new revision, for the next step's If-Match"))), (status = 401, body = ProblemDocument),
                (status = 404, body = ProblemDocument), (status = 409, body = ProblemDocument),
                (status = 412, body = ProblemDocument), (status = 422, body = ProblemDocument)),
            security(("bearer" = [])))]
        pub async fn $name(
            State(state): State<AppState>,
            ApiUser(user): ApiUser,
            Path(id): Path<String>,
            headers: HeaderMap,
        ) -> Result<Response, ApiError> {
            act(&state, &user, &id, &headers, $command).await
        }
    };
}

/// Declares a step with a JSON body: `POST` on `$path`, the body `$input` turned into a command.
macro_rules! step_with_body {
    ($name:ident, $path:literal, $doc:literal, $input:ty, |$body:ident| $command:expr) => {
        #[doc = $doc]
        #[utoipa::path(post, path = $path, tag = "conversations",
            params(("id" = String, Path), ("If-Match" = Option<String>, Header,
                description = "The ETag of the record as last read: the step is done only from that revision")),
            request_body = $input,
            responses((status = 204, description = "Done", headers(("ETag" = String, description = "The record's new revision, for the next step's If-Match"))), (status = 401, body = ProblemDocument),
                (status = 404, body = ProblemDocument), (status = 409, body = ProblemDocument),
                (status = 412, body = ProblemDocument), (status = 413, body = ProblemDocument),
                (status = 415, body = ProblemDocument), (status = 422, body = ProblemDocument)),
            security(("bearer" = [])))]
        pub async fn $name(
            State(state): State<AppState>,
            ApiUser(user): ApiUser,
            Path(id): Path<String>,
            headers: HeaderMap,
            ApiJson($body): ApiJson<$input>,
        ) -> Result<Response, ApiError> {
            act(&state, &user, &id, &headers, $command).await
        }
    };
}

step_with_body!(
    plan,
    "/api/v1/conversations/{id}/plan",
    "Plan (or move) the conversation: date, time, place, duration. The other participants are \
     mailed. Planners only, before the conversation is held.",
    PlanInput,
    |input| RecordCommand::Plan {
        starts_on: input.starts_on,
        starts_at: input.starts_at,
        place: input.place,
        duration_minutes: input.duration_minutes,
    }
);
step_with_body!(
    add_topic,
    "/api/v1/conversations/{id}/agenda",
    "Add a topic to the agenda (participants and the person discussed, before the conversation \
     is held).",
    TopicInput,
    |input| RecordCommand::AddTopic { text: input.text }
);
step!(
    send_agenda,
    "/api/v1/conversations/{id}/agenda/send",
    "Send the invitation with the agenda to the person discussed (planners, once planned).",
    RecordCommand::SendAgenda
);
step!(
    mark_held,
    "/api/v1/conversations/{id}/held",
    "Record that the conversation took place (participants).",
    RecordCommand::MarkHeld
);
step_with_body!(
    save_summary,
    "/api/v1/conversations/{id}/summary",
    "Save the writer's draft of the summary and the agreements (participants, after the \
     conversation). Replaces the agreements and the texts of the sections sent.",
    SummaryInput,
    |input| RecordCommand::SaveSummary {
        sections: input.sections,
        agreements: input.agreements,
    }
);
step!(
    propose_summary,
    "/api/v1/conversations/{id}/summary/propose",
    "Propose the summary to the person discussed, who is mailed (participants).",
    RecordCommand::ProposeSummary
);
step_with_body!(
    change_summary,
    "/api/v1/conversations/{id}/summary/change",
    "The person discussed changes the proposed summary (when the type allows it); the others' \
     signatures are cleared.",
    SummaryInput,
    |input| RecordCommand::ChangeSummary {
        sections: input.sections,
        agreements: input.agreements,
    }
);
step!(
    approve,
    "/api/v1/conversations/{id}/approve",
    "The person discussed approves the proposed summary (and signs it); the retention period \
     starts.",
    RecordCommand::Approve
);
step!(
    sign,
    "/api/v1/conversations/{id}/sign",
    "Sign the summary 'voor akkoord' (participants and the person discussed).",
    RecordCommand::SignOff
);
step_with_body!(
    add_reader,
    "/api/v1/conversations/{id}/readers",
    "Add a reader to an approved record; they can read it at once and are mailed.",
    ReaderInput,
    |input| RecordCommand::AddReader {
        name: input.name,
        email: input.email,
    }
);
step!(
    share,
    "/api/v1/conversations/{id}/share",
    "Share the approved record with every reader not yet shared with; each is mailed.",
    RecordCommand::Share
);
step!(
    archive,
    "/api/v1/conversations/{id}/archive",
    "Archive the approved record (participants).",
    RecordCommand::Archive
);
step_with_body!(
    attach_scan,
    "/api/v1/conversations/{id}/scans",
    "Attach a closed scan about the same person whose report the caller reads; the report is \
     frozen into the record as it is now.",
    AttachScanInput,
    |input| RecordCommand::AttachScan {
        scan_id: input.scan_id,
    }
);

/// Record how an agreement of the previous conversation turned out (participants, while
/// writing the summary).
#[utoipa::path(post, path = "/api/v1/conversations/{id}/agreements/{agreement_id}/look-back",
    tag = "conversations",
    params(("id" = String, Path), ("agreement_id" = String, Path,
            description = "An agreement of the previous record (`previous_agreements`)"),
        ("If-Match" = Option<String>, Header,
            description = "The ETag of the record as last read: the step is done only from that revision")),
    request_body = LookBackInput,
    responses((status = 204, description = "Done", headers(("ETag" = String, description = "The record's new revision, for the next step's If-Match"))), (status = 401, body = ProblemDocument),
        (status = 404, body = ProblemDocument), (status = 409, body = ProblemDocument),
        (status = 412, body = ProblemDocument), (status = 413, body = ProblemDocument),
        (status = 415, body = ProblemDocument), (status = 422, body = ProblemDocument)),
    security(("bearer" = [])))]
pub async fn look_back(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path((id, agreement_id)): Path<(String, String)>,
    headers: HeaderMap,
    ApiJson(input): ApiJson<LookBackInput>,
) -> Result<Response, ApiError> {
    let command = RecordCommand::LookBack {
        agreement_id,
        outcome: input.outcome,
        note: input.note,
    };
    act(&state, &user, &id, &headers, command).await
}

/// The record as an A4 PDF in the language of `Accept-Language`. The download is written to the
/// record's audit trail; the file is personal data and never cached.
#[utoipa::path(get, path = "/api/v1/conversations/{id}/record.pdf", tag = "conversations",
    params(("id" = String, Path)),
    responses((status = 200, content_type = "application/pdf", body = Vec<u8>),
        (status = 401, body = ProblemDocument), (status = 404, body = ProblemDocument)),
    security(("bearer" = [])))]
pub async fn pdf(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let document = service::document(&state.db, &Visitor::account(&user), &id, unix_now())
        .await
        .map_err(read_error)?;
    let language = app::request_language::of_request(&headers);
    // Laying out and subsetting fonts is CPU work; keep it off the async workers.
    let bytes = tokio::task::spawn_blocking(move || {
        app::conversations::pdf::record_pdf(&document, language)
    })
    .await
    .map_err(|error| {
        tracing::error!(%error, "conversation pdf task");
        ApiError::internal()
    })?
    .map_err(|error| {
        tracing::error!(%error, "conversation pdf");
        ApiError::internal()
    })?;
    let name: String = id
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect();
    Ok((
        [
            (CONTENT_TYPE, "application/pdf".to_owned()),
            (CACHE_CONTROL, "private, no-store".to_owned()),
            (
                CONTENT_DISPOSITION,
                format!("attachment; filename=\"gespreksverslag-{name}.pdf\""),
            ),
        ],
        bytes,
    )
        .into_response())
}

/// The record's audit trail: who did and read what, when (the person discussed and the
/// participants; readers get 404).
#[utoipa::path(get, path = "/api/v1/conversations/{id}/audit", tag = "conversations",
    params(("id" = String, Path)),
    responses((status = 200, body = AuditTrail), (status = 401, body = ProblemDocument),
        (status = 404, body = ProblemDocument)),
    security(("bearer" = [])))]
pub async fn audit(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(id): Path<String>,
) -> Result<Json<AuditTrail>, ApiError> {
    let view = service::view(&state.db, &Visitor::account(&user), &id, unix_now())
        .await
        .map_err(read_error)?;
    let items = view.audit.ok_or_else(unknown)?;
    Ok(Json(AuditTrail { items }))
}

/// Every operation on one record by its id alone: each can follow each other.
const ON_A_RECORD: [Op; 17] = [
    (
        "GetConversation",
        "get",
        "/api/v1/conversations/{id}",
        "200",
    ),
    (
        "PlanConversation",
        "post",
        "/api/v1/conversations/{id}/plan",
        "204",
    ),
    (
        "AddTopic",
        "post",
        "/api/v1/conversations/{id}/agenda",
        "204",
    ),
    (
        "SendAgenda",
        "post",
        "/api/v1/conversations/{id}/agenda/send",
        "204",
    ),
    ("MarkHeld", "post", "/api/v1/conversations/{id}/held", "204"),
    (
        "SaveSummary",
        "post",
        "/api/v1/conversations/{id}/summary",
        "204",
    ),
    (
        "ProposeSummary",
        "post",
        "/api/v1/conversations/{id}/summary/propose",
        "204",
    ),
    (
        "ChangeSummary",
        "post",
        "/api/v1/conversations/{id}/summary/change",
        "204",
    ),
    (
        "ApproveSummary",
        "post",
        "/api/v1/conversations/{id}/approve",
        "204",
    ),
    (
        "SignSummary",
        "post",
        "/api/v1/conversations/{id}/sign",
        "204",
    ),
    (
        "AddReader",
        "post",
        "/api/v1/conversations/{id}/readers",
        "204",
    ),
    (
        "ShareRecord",
        "post",
        "/api/v1/conversations/{id}/share",
        "204",
    ),
    (
        "ArchiveRecord",
        "post",
        "/api/v1/conversations/{id}/archive",
        "204",
    ),
    (
        "AttachScan",
        "post",
        "/api/v1/conversations/{id}/scans",
        "204",
    ),
    (
        "GetRecordPdf",
        "get",
        "/api/v1/conversations/{id}/record.pdf",
        "200",
    ),
    (
        "GetAuditTrail",
        "get",
        "/api/v1/conversations/{id}/audit",
        "200",
    ),
    (
        "LookBack",
        "post",
        "/api/v1/conversations/{id}/agreements/{agreement_id}/look-back",
        "204",
    ),
];

const CREATE_CONVERSATION: Op = ("CreateConversation", "post", "/api/v1/conversations", "201");
const LIST_CONVERSATIONS: Op = ("ListConversations", "get", "/api/v1/conversations", "200");

/// The OpenAPI links between the conversation operations (see [`super::links`]): from a created
/// record, the caller's list (its newest record) and every operation on a record to every
/// operation on it; from the record as read, its `ETag` as `If-Match` of the steps. (Looking back
/// takes the agreement's id from `previous_agreements`; a link cannot point into a list that is
/// mostly empty, so the fuzz test generates it.) The fuzz test's stateful phase follows them
/// through a record's life.
pub fn add_links(document: &mut utoipa::openapi::OpenApi) {
    let mut sources = vec![CREATE_CONVERSATION, LIST_CONVERSATIONS];
    sources.extend(ON_A_RECORD);
    for source in &sources {
        let read = source.0 == "GetConversation";
        let id = match source.0 {
            "CreateConversation" | "GetConversation" => "$response.body#/id",
            "ListConversations" => "$response.body#/items/0/id",
            _ => "$request.path.id",
        };
        let mut links = Vec::new();
        for target in &ON_A_RECORD {
            let mut link = link_to(target).parameter("path.id", id);
            let is_step = target.1 == "post";
            if read && is_step {
                link = link.parameter("header.If-Match", "$response.header.ETag");
            }
            links.push((target.0, link.build()));
        }
        insert(document, source, links);
    }
}
