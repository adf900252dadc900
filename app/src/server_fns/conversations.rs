//! The doors of the conversation pages (issue 21): the list, the new-conversation form, one
//! record, and ONE action door, [`conversation_act`], that takes a record's id, the revision its
//! form was made from and a [`RecordCommand`] posted as plain form fields ([`PostedCommand`]).
//! Each calls `crate::conversations` (the service decides everything) and answers with the page
//! to show next: without JavaScript a plain post and a redirect (a refused form travels back as
//! typed in a session-bound flash entry, else in the `__err` Leptos adds), with the WebAssembly
//! the same typed answer without a reload.
//!
//! Who is asking: the signed-in account and the personal link's cookie
//! (`ontwikkelscan_gesprek`, set by `GET /g/{token}`), both or either. Somebody who is no party
//! of a record gets [`RecordError::Unknown`], and the page answers 404.

use leptos::prelude::*;
use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

use crate::domain::conversation::{
    AgreementInput, FieldError, FieldProblem, RecordCommand, RecordState, RecordView, SectionText,
};
use crate::domain::conversation_type::ConversationType;
use crate::domain::language::Language;

/// A problem with one posted field, in both languages. `field` names the form field
/// ("starts_on", "sections.terugblik", "agreements.2.what").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldMessage {
    pub field: String,
    pub nl: String,
    pub en: String,
}

impl FieldMessage {
    /// The problem as the service named it, in both languages.
    pub fn of(error: &FieldError) -> Self {
        FieldMessage {
            field: error.field.clone(),
            nl: error.message(Language::Nl),
            en: error.message(Language::En),
        }
    }
}

/// The one error of the conversation doors.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum RecordError {
    /// No such record, or the visitor is no party to it: the same answer (404).
    #[error("unknown conversation")]
    Unknown,
    /// Only a signed-in account may do this (the list, a new conversation).
    #[error("sign in first")]
    SignIn,
    /// A party may not do this (now): the reason in both languages.
    #[error("refused: {en}")]
    Refused { nl: String, en: String },
    /// The form has problems, field by field.
    #[error("{} problems in the form", .0.len())]
    Invalid(Vec<FieldMessage>),
    /// Somebody changed the record since this form was made.
    #[error("the record changed meanwhile")]
    Stale,
    /// The server failed (logged where it happened).
    #[error("internal error")]
    Internal,
}

impl RecordError {
    /// The problem posted for `field`, if any.
    pub fn field(&self, field: &str) -> Option<&FieldMessage> {
        match self {
            RecordError::Invalid(problems) => problems.iter().find(|p| p.field == field),
            _ => None,
        }
    }
}

impl FromServerFnError for RecordError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Args(_)
            | ServerFnErrorErr::MissingArg(_)
            | ServerFnErrorErr::Deserialization(_) => RecordError::Invalid(vec![FieldMessage {
                field: String::new(),
                nl: "Het formulier is niet compleet.".into(),
                en: "The form is incomplete.".into(),
            }]),
            _ => RecordError::Internal,
        }
    }
}

/// A refusal is the visitor's doing: a WebAssembly call gets 404 for an unknown record and 422
/// for the rest (a server error keeps its 500); a plain form post keeps its redirect back.
#[cfg(feature = "ssr")]
fn answer_status(error: &RecordError) {
    use axum::http::StatusCode;
    if *error == RecordError::Internal || super::plain_form_post() {
        return;
    }
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(match error {
            RecordError::Unknown => StatusCode::NOT_FOUND,
            RecordError::SignIn => StatusCode::FORBIDDEN,
            _ => StatusCode::UNPROCESSABLE_ENTITY,
        });
    }
}

#[cfg(feature = "ssr")]
impl From<crate::conversations::ConversationError> for RecordError {
    fn from(error: crate::conversations::ConversationError) -> Self {
        use crate::conversations::ConversationError as E;
        let error = match error {
            E::Unknown => RecordError::Unknown,
            E::Refused(refusal) if refusal.hides_the_record() => RecordError::Unknown,
            E::Refused(refusal) => RecordError::Refused {
                nl: refusal.message(Language::Nl),
                en: refusal.message(Language::En),
            },
            E::Invalid(problems) => {
                RecordError::Invalid(problems.iter().map(FieldMessage::of).collect())
            }
            E::Stale => RecordError::Stale,
            E::Storage(error) => {
                tracing::error!(%error, "storage failure behind a conversation page");
                RecordError::Internal
            }
        };
        answer_status(&error);
        error
    }
}

/// Field problems found before the service is asked (a command the form did not name, a
/// duration that is no number, an approval without its confirmation).
#[cfg(feature = "ssr")]
fn invalid(problems: Vec<FieldError>) -> RecordError {
    let error = RecordError::Invalid(problems.iter().map(FieldMessage::of).collect());
    #[cfg(feature = "ssr")]
    answer_status(&error);
    error
}

/// One line of the visitor's list of conversations.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConversationRow {
    pub id: String,
    pub type_name: String,
    pub state: RecordState,
    pub subject_name: String,
    /// The viewer's role in it ("Burgemeester", "Meelezer").
    pub viewer_role: String,
    pub starts_at: Option<i64>,
    pub updated_at: i64,
}

/// A closed scan the visitor may attach to a record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScanChoice {
    pub id: String,
    pub subject_name: String,
    /// The deadline (unix seconds), to tell rounds apart.
    pub deadline: i64,
}

/// An attached scan's gap chart, drawn on the server from the frozen report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttachedChart {
    pub scan_id: String,
    /// The chart as SVG (`role="img"` with its title), or empty when it does not apply.
    pub svg: String,
}

/// What a refused plain post leaves for the page to show once: the form as typed and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordFlash {
    pub posted: PostedCommand,
    pub error: RecordError,
}

/// Everything the record page shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecordPage {
    pub view: RecordView,
    /// Closed scans about the same person the visitor may attach (only when they may attach).
    pub attachable: Vec<ScanChoice>,
    pub charts: Vec<AttachedChart>,
    /// Whether the visitor is signed in (a personal link's visitor is not).
    pub signed_in: bool,
    /// A refused plain post's form, once.
    pub flash: Option<RecordFlash>,
}

/// What a done command answers: the page that reports it and the record's new revision. With
/// JavaScript the page stays, and its forms carry that revision at once, before the record has
/// loaded again, so a command sent in between is not refused as stale.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActDone {
    pub page: String,
    pub revision: i64,
}

/// A conversation type the form offers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TypeChoice {
    pub id: String,
    pub name: String,
    pub name_en: String,
    pub description: String,
}

/// The new-conversation form as posted. Participants come as three parallel lists
/// (`role[]`, `participant_name[]`, `participant_email[]`), one row per role (a row left
/// empty is no participant); the preparation answers as `question[]` and `answer[]`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PostedConversation {
    pub type_id: String,
    pub subject_name: String,
    pub subject_email: String,
    pub role: Vec<String>,
    pub participant_name: Vec<String>,
    pub participant_email: Vec<String>,
    pub question: Vec<String>,
    pub answer: Vec<String>,
}

/// A refused plain post of the new-conversation form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewConversationFlash {
    pub posted: PostedConversation,
    pub error: RecordError,
}

/// The new-conversation form: the types, and the chosen one whole (step two).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewConversationPage {
    pub types: Vec<TypeChoice>,
    pub chosen: Option<ConversationType>,
    /// The signed-in account's address: the creator is one of the participants.
    pub own_email: String,
    pub flash: Option<NewConversationFlash>,
}

/// A command as a form posts it: `command` names the [`RecordCommand`] (its snake_case tag),
/// the other fields are its data. Lists come as parallel `name[]` fields: the summary's
/// sections as `section_id[]` and `section_text[]`, the agreements as `what[]`, `who[]` and
/// `due_on[]` (a row left empty is no agreement). Approving asks a ticked `confirm`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PostedCommand {
    pub command: String,
    pub starts_on: String,
    pub starts_at: String,
    pub place: String,
    pub duration_minutes: String,
    pub text: String,
    pub section_id: Vec<String>,
    pub section_text: Vec<String>,
    pub what: Vec<String>,
    pub who: Vec<String>,
    pub due_on: Vec<String>,
    pub scan_id: String,
    pub name: String,
    pub email: String,
    pub agreement_id: String,
    pub outcome: String,
    pub note: String,
    /// `on` when the confirmation box is ticked.
    pub confirm: String,
}

impl PostedCommand {
    /// The command this post asks for, or the problems of its fields.
    pub fn command(&self) -> Result<RecordCommand, Vec<FieldError>> {
        let sections = || {
            self.section_id
                .iter()
                .zip(
                    self.section_text
                        .iter()
                        .chain(std::iter::repeat(&String::new())),
                )
                .map(|(id, text)| SectionText {
                    section_id: id.clone(),
                    text: text.clone(),
                })
                .collect::<Vec<_>>()
        };
        let agreements = || {
            let rows = self.what.len().max(self.who.len()).max(self.due_on.len());
            let at = |list: &[String], i: usize| list.get(i).cloned().unwrap_or_default();
            (0..rows)
                .map(|i| AgreementInput {
                    what: at(&self.what, i),
                    who: at(&self.who, i),
                    due_on: at(&self.due_on, i),
                })
                .collect::<Vec<_>>()
        };
        Ok(match self.command.trim() {
            "plan" => {
                let Ok(duration_minutes) = self.duration_minutes.trim().parse::<u32>() else {
                    return Err(vec![FieldError::new(
                        "duration_minutes",
                        FieldProblem::OutOfRange { min: 15, max: 600 },
                    )]);
                };
                RecordCommand::Plan {
                    starts_on: self.starts_on.clone(),
                    starts_at: self.starts_at.clone(),
                    place: self.place.clone(),
                    duration_minutes,
                }
            }
            "add_topic" => RecordCommand::AddTopic {
                text: self.text.clone(),
            },
            "send_agenda" => RecordCommand::SendAgenda,
            "mark_held" => RecordCommand::MarkHeld,
            "save_summary" => RecordCommand::SaveSummary {
                sections: sections(),
                agreements: agreements(),
            },
            "propose_summary" => RecordCommand::ProposeSummary,
            "change_summary" => RecordCommand::ChangeSummary {
                sections: sections(),
                agreements: agreements(),
            },
            "approve" if self.confirm.trim().is_empty() => {
                return Err(vec![FieldError::new("confirm", FieldProblem::Missing)]);
            }
            "approve" => RecordCommand::Approve,
            "sign_off" => RecordCommand::SignOff,
            "share" => RecordCommand::Share,
            "archive" => RecordCommand::Archive,
            "attach_scan" => RecordCommand::AttachScan {
                scan_id: self.scan_id.clone(),
            },
            "add_reader" => RecordCommand::AddReader {
                name: self.name.clone(),
                email: self.email.clone(),
            },
            "look_back" => RecordCommand::LookBack {
                agreement_id: self.agreement_id.clone(),
                outcome: self.outcome.clone(),
                note: self.note.clone(),
            },
            _ => return Err(vec![FieldError::new("command", FieldProblem::Missing)]),
        })
    }
}

/// Where the page shows the outcome of `command`: its section's anchor.
pub fn anchor_of(command: &str) -> &'static str {
    match command {
        "plan" => "plan",
        "add_topic" | "send_agenda" => "agenda",
        "attach_scan" => "scans",
        "save_summary" | "change_summary" | "propose_summary" | "look_back" => "summary",
        "approve" | "sign_off" => "sign-off",
        "add_reader" | "share" => "readers",
        _ => "state",
    }
}

/// The page that reports a done `command` on record `id`.
pub fn done_page(id: &str, command: &str) -> String {
    let code: String = command
        .chars()
        .filter(|c| c.is_ascii_lowercase() || *c == '_')
        .collect();
    format!("/gesprekken/{id}?gedaan={code}#{}", anchor_of(&code))
}

/// The app state and who is asking: the account signed in on the request and the personal
/// link's token from its cookie.
#[cfg(feature = "ssr")]
async fn record_visitor() -> Result<
    (
        crate::state::AppState,
        crate::conversations::Visitor,
        axum::http::HeaderMap,
    ),
    RecordError,
> {
    let state = expect_context::<crate::state::AppState>();
    let headers: axum::http::HeaderMap = leptos_axum::extract()
        .await
        .map_err(|_| RecordError::Internal)?;
    let account = state
        .signed_in(&headers)
        .await
        .map_err(|_| RecordError::Internal)?;
    let link_token = crate::state::cookie_value(&headers, crate::conversations::links::LINK_COOKIE)
        .filter(|token| !token.is_empty());
    Ok((
        state,
        crate::conversations::Visitor {
            account,
            link_token,
        },
        headers,
    ))
}

/// What a flash entry of this visitor is bound to: their session cookie, else their personal
/// link's token (empty with neither: nothing is stored).
#[cfg(feature = "ssr")]
async fn flash_session(visitor: &crate::conversations::Visitor) -> String {
    let session = super::session().await;
    if session.is_empty() {
        visitor.link_token.clone().unwrap_or_default()
    } else {
        session
    }
}

/// The signed-in account, or [`RecordError::SignIn`].
#[cfg(feature = "ssr")]
async fn signed_in_account()
-> Result<(crate::state::AppState, crate::domain::account::CurrentUser), RecordError> {
    let (state, visitor, _) = record_visitor().await?;
    match visitor.account {
        Some(user) => Ok((state, user)),
        None => {
            let error = RecordError::SignIn;
            answer_status(&error);
            Err(error)
        }
    }
}

/// The conversations the signed-in account is a party to, newest first.
#[server(endpoint = "conversations/list")]
pub async fn list_conversations() -> Result<Vec<ConversationRow>, RecordError> {
    let (state, user) = signed_in_account().await?;
    let items = crate::conversations::list_for(&state.db, &user).await?;
    Ok(items
        .into_iter()
        .map(|item| ConversationRow {
            id: item.id,
            type_name: item.type_name,
            state: item.state,
            subject_name: item.subject_name,
            viewer_role: item.viewer_role,
            starts_at: item.starts_at,
            updated_at: item.updated_at,
        })
        .collect())
}

/// The new-conversation form: step one lists the types, step two (`type_id` set) the chosen
/// type's participants and questions; a refused plain post's form when `flash` names one.
#[server(endpoint = "conversations/new-form")]
pub async fn load_new_conversation(
    type_id: String,
    flash: String,
) -> Result<NewConversationPage, RecordError> {
    let (state, user) = signed_in_account().await?;
    let known = crate::conversations::types::list(&state.db)
        .await
        .map_err(|error| {
            tracing::error!(%error, "conversation types");
            RecordError::Internal
        })?;
    let types: Vec<ConversationType> = known.into_iter().map(|k| k.conversation_type).collect();
    let flash = crate::flash::take_in_server_fn(&state.flash, &flash)
        .await
        .and_then(|payload| serde_json::from_str::<NewConversationFlash>(&payload).ok());
    let wanted = flash
        .as_ref()
        .map_or(type_id.as_str(), |f| f.posted.type_id.as_str())
        .trim()
        .to_owned();
    Ok(NewConversationPage {
        chosen: types.iter().find(|t| t.id == wanted).cloned(),
        types: types
            .into_iter()
            .map(|t| TypeChoice {
                id: t.id,
                name: t.name,
                name_en: t.name_en,
                description: t.description,
            })
            .collect(),
        own_email: user.email.to_string(),
        flash,
    })
}

/// Creates a conversation from the form; the creator is one of its participants.
#[server(endpoint = "conversations/create")]
pub async fn create_conversation(
    #[server(flatten)] form: PostedConversation,
) -> Result<String, RecordError> {
    use crate::conversations::{NewConversation, NewParticipant};

    let (state, user) = signed_in_account().await?;
    let at = |list: &[String], i: usize| list.get(i).cloned().unwrap_or_default();
    // A row left empty is no participant (a repeatable role's spare row); `rows` keeps where
    // each participant was on the form, to put a problem under the right row.
    let (rows, participants): (Vec<usize>, Vec<NewParticipant>) = (0..form.role.len())
        .map(|i| {
            let participant = NewParticipant {
                role: at(&form.role, i),
                name: at(&form.participant_name, i),
                email: at(&form.participant_email, i),
            };
            (i, participant)
        })
        .filter(|(_, p)| !(p.name.trim().is_empty() && p.email.trim().is_empty()))
        .unzip();
    let settings = form
        .question
        .iter()
        .enumerate()
        .map(|(i, q)| (q.clone(), at(&form.answer, i)))
        .filter(|(_, answer)| !answer.trim().is_empty())
        .collect();
    let new = NewConversation {
        type_id: form.type_id.clone(),
        subject_name: form.subject_name.clone(),
        subject_email: form.subject_email.clone(),
        participants,
        settings,
    };
    match crate::conversations::create(
        &state.db,
        &state.settings,
        &user,
        new,
        crate::state::unix_now(),
    )
    .await
    {
        Ok(id) => {
            let next = format!("/gesprekken/{id}?gedaan=aangemaakt");
            leptos_axum::redirect(&next);
            Ok(next)
        }
        Err(error) => {
            let error = match RecordError::from(error) {
                RecordError::Invalid(problems) => RecordError::Invalid(
                    problems
                        .into_iter()
                        .map(|p| FieldMessage {
                            field: form_row_field(&p.field, &rows),
                            ..p
                        })
                        .collect(),
                ),
                other => other,
            };
            if super::plain_form_post() && !super::session().await.is_empty() {
                let page = format!(
                    "/gesprekken/nieuw?soort={}",
                    url_encode(form.type_id.trim())
                );
                let flash = NewConversationFlash {
                    posted: form,
                    error: error.clone(),
                };
                super::show_with_flash(&state, &page, &flash).await;
            }
            Err(error)
        }
    }
}

/// A participant's field as the service names it (`participants.<n>.email`, `n` counting the
/// participants it got) as the form names it (`n` counting the form's rows, empty ones too).
pub fn form_row_field(field: &str, rows: &[usize]) -> String {
    let mut parts = field.splitn(3, '.');
    match (parts.next(), parts.next(), parts.next()) {
        (Some("participants"), Some(n), Some(rest)) => match n.parse::<usize>() {
            Ok(n) => format!("participants.{}.{rest}", rows.get(n).copied().unwrap_or(n)),
            Err(_) => field.to_owned(),
        },
        _ => field.to_owned(),
    }
}

#[cfg(feature = "ssr")]
fn url_encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// One record as the visitor may see it (the service writes a "read" line to its audit trail),
/// with the scans they may attach and the attached scans' gap charts.
#[server(endpoint = "conversations/record")]
pub async fn load_record(id: String, flash: String) -> Result<RecordPage, RecordError> {
    use crate::domain::conversation::RecordAction;

    let (state, visitor, headers) = record_visitor().await?;
    let now = crate::state::unix_now();
    let view = crate::conversations::view(&state.db, &visitor, &id, now).await?;
    let attachable = match &visitor.account {
        Some(user) if view.allowed.contains(&RecordAction::AttachScan) => {
            attachable_scans(&state, user, &view).await
        }
        _ => Vec::new(),
    };
    let language = crate::request_language::of_request(&headers);
    let reports: Vec<_> = view
        .scans
        .iter()
        .map(|s| (s.scan_id.clone(), s.report.clone()))
        .collect();
    // Drawing is CPU work of a few milliseconds per chart; keep it off the async workers.
    let charts = tokio::task::spawn_blocking(move || {
        reports
            .into_iter()
            .map(|(scan_id, report)| {
                let svg = crate::charts::render(
                    crate::charts::ChartKind::Gap,
                    &report,
                    language,
                    crate::charts::ChartFormat::Svg,
                )
                .ok()
                .and_then(|bytes| String::from_utf8(bytes).ok())
                .unwrap_or_default();
                AttachedChart { scan_id, svg }
            })
            .collect::<Vec<_>>()
    })
    .await
    .unwrap_or_default();
    let session = flash_session(&visitor).await;
    let flash = crate::flash::take_in_server_fn_as(&state.flash, &session, &flash)
        .await
        .and_then(|payload| serde_json::from_str::<RecordFlash>(&payload).ok());
    Ok(RecordPage {
        view,
        attachable,
        charts,
        signed_in: visitor.account.is_some(),
        flash,
    })
}

/// The closed scans of `user` about the record's person that are not attached yet. The
/// service checks again when one is attached (its report readable to `user`, the same person).
#[cfg(feature = "ssr")]
async fn attachable_scans(
    state: &crate::state::AppState,
    user: &crate::domain::account::CurrentUser,
    view: &RecordView,
) -> Vec<ScanChoice> {
    use crate::domain::scan::ScanStatus;

    let person = view.subject_name.trim().to_lowercase();
    match crate::scans::service::list_for(&state.db, user).await {
        Ok(scans) => scans
            .into_iter()
            .filter(|s| s.status == ScanStatus::Closed)
            .filter(|s| s.subject_name.trim().to_lowercase() == person)
            .filter(|s| !view.scans.iter().any(|a| a.scan_id == s.id))
            .map(|s| ScanChoice {
                id: s.id,
                subject_name: s.subject_name,
                deadline: s.deadline,
            })
            .collect(),
        Err(error) => {
            tracing::error!(%error, "scans to attach");
            Vec::new()
        }
    }
}

/// Does one thing to record `id`: the command the form names ([`PostedCommand`]), from the
/// record's `revision` the form was made from (empty: whatever the record is now). Answers the
/// page that reports it (`/gesprekken/{id}?gedaan=<command>#<section>`) and the new revision.
#[server(endpoint = "conversations/act")]
pub async fn conversation_act(
    id: String,
    #[server(default)] revision: String,
    #[server(flatten)] form: PostedCommand,
) -> Result<ActDone, RecordError> {
    let (state, visitor, _) = record_visitor().await?;
    let outcome = match form.command() {
        Err(problems) => Err(invalid(problems)),
        Ok(command) => {
            let expected = revision.trim().parse::<i64>().ok();
            crate::conversations::act(
                &state.db,
                &state.settings,
                &visitor,
                &id,
                command,
                expected,
                crate::state::unix_now(),
            )
            .await
            .map_err(RecordError::from)
        }
    };
    match outcome {
        Ok(revision) => {
            let page = done_page(&id, &form.command);
            leptos_axum::redirect(&page);
            Ok(ActDone { page, revision })
        }
        // A stranger learns nothing, not even through a flash entry.
        Err(RecordError::Unknown) => Err(RecordError::Unknown),
        Err(error) => {
            // A plain post goes back with the form as typed (a summary is long text), in a
            // flash entry bound to the visitor's session, or for a personal link's visitor to
            // the link's token; with neither the refusal travels in the address instead.
            let session = flash_session(&visitor).await;
            if super::plain_form_post() && !session.is_empty() {
                let flash = RecordFlash {
                    posted: form.clone(),
                    error: error.clone(),
                };
                let payload = serde_json::to_string(&flash).unwrap_or_default();
                let key = state.flash.put(&session, payload).await;
                let anchor = anchor_of(form.command.trim());
                leptos_axum::redirect(&format!("/gesprekken/{id}?flash={key}#{anchor}"));
            }
            Err(error)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn posted(command: &str) -> PostedCommand {
        PostedCommand {
            command: command.into(),
            ..PostedCommand::default()
        }
    }

    #[test]
    fn a_plan_needs_a_number_of_minutes() {
        let mut form = PostedCommand {
            command: "plan".into(),
            starts_on: "2027-03-01".into(),
            starts_at: "10:00".into(),
            place: "Raadhuis".into(),
            duration_minutes: "90".into(),
            ..PostedCommand::default()
        };
        assert_eq!(
            form.command().unwrap(),
            RecordCommand::Plan {
                starts_on: "2027-03-01".into(),
                starts_at: "10:00".into(),
                place: "Raadhuis".into(),
                duration_minutes: 90,
            }
        );
        form.duration_minutes = "anderhalf uur".into();
        assert_eq!(form.command().unwrap_err()[0].field, "duration_minutes");
    }

    #[test]
    fn the_summary_pairs_its_parallel_lists() {
        let form = PostedCommand {
            command: "save_summary".into(),
            section_id: vec!["a".into(), "b".into()],
            section_text: vec!["tekst a".into()],
            what: vec!["Cursus".into(), String::new()],
            who: vec!["Secretaris".into(), String::new()],
            due_on: vec!["2027-06-01".into()],
            ..PostedCommand::default()
        };
        let RecordCommand::SaveSummary {
            sections,
            agreements,
        } = form.command().unwrap()
        else {
            panic!("not a summary");
        };
        assert_eq!(sections.len(), 2);
        assert_eq!(sections[0].text, "tekst a");
        assert_eq!(sections[1].text, "", "a missing text is empty, not dropped");
        assert_eq!(agreements.len(), 2);
        assert_eq!(agreements[0].due_on, "2027-06-01");
        assert_eq!(agreements[1], AgreementInput::default());
    }

    #[test]
    fn approving_asks_the_ticked_confirmation() {
        assert_eq!(posted("approve").command().unwrap_err()[0].field, "confirm");
        let ticked = PostedCommand {
            confirm: "on".into(),
            ..posted("approve")
        };
        assert_eq!(ticked.command().unwrap(), RecordCommand::Approve);
    }

    #[test]
    fn every_command_without_data_and_no_unknown_one() {
        for (code, command) in [
            ("send_agenda", RecordCommand::SendAgenda),
            ("mark_held", RecordCommand::MarkHeld),
            ("propose_summary", RecordCommand::ProposeSummary),
            ("sign_off", RecordCommand::SignOff),
            ("share", RecordCommand::Share),
            ("archive", RecordCommand::Archive),
        ] {
            assert_eq!(posted(code).command().unwrap(), command, "{code}");
        }
        for code in ["", "Approve", "delete", "remove"] {
            assert_eq!(posted(code).command().unwrap_err()[0].field, "command");
        }
    }

    #[test]
    fn a_participant_problem_lands_under_its_row_on_the_form() {
        // The form's rows 0 and 2 were filled in, row 1 left empty.
        let rows = [0, 2];
        assert_eq!(
            form_row_field("participants.1.email", &rows),
            "participants.2.email"
        );
        assert_eq!(
            form_row_field("participants.0.name", &rows),
            "participants.0.name"
        );
        assert_eq!(
            form_row_field("participants.wethouder", &rows),
            "participants.wethouder"
        );
        assert_eq!(form_row_field("subject_email", &rows), "subject_email");
    }

    #[test]
    fn the_next_page_names_the_command_and_its_section() {
        assert_eq!(
            done_page("abc", "add_topic"),
            "/gesprekken/abc?gedaan=add_topic#agenda"
        );
        assert_eq!(
            done_page("abc", "x&y=<b>"),
            "/gesprekken/abc?gedaan=xyb#state",
            "nothing but the code's letters reaches the address"
        );
    }
}
