//! The doors of the cycle pages (issue 22): the list, the new-cycle form, one cycle, HR's
//! overview, and ONE action door, [`cycle_act`], that takes a cycle's id, the revision its form
//! was made from and a command posted as plain form fields ([`PostedCycleCommand`]). Each calls
//! `crate::appraisal` (the service decides everything): without JavaScript a plain post and a
//! redirect (a refused form travels back as typed in a session-bound flash entry), with the
//! WebAssembly the same typed answer without a reload. A visitor who is neither the cycle's
//! manager nor its employee gets [`CycleError::Unknown`]: the page answers 404.

use leptos::prelude::*;
use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

use crate::domain::appraisal::command::{FieldProblem, PostedCycleCommand};
use crate::domain::appraisal::view::{CycleListLine, CycleView, Overview};

/// The one error of the cycle doors.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum CycleError {
    /// No such cycle, or the visitor is no party to it (404).
    #[error("unknown cycle")]
    Unknown,
    #[error("sign in first")]
    SignIn,
    #[error("refused: {en}")]
    Refused { nl: String, en: String },
    #[error("{} problems in the form", .0.len())]
    Invalid(Vec<FieldProblem>),
    #[error("the cycle changed meanwhile")]
    Stale,
    #[error("internal error")]
    Internal,
}

impl CycleError {
    pub fn field(&self, field: &str) -> Option<&FieldProblem> {
        match self {
            CycleError::Invalid(problems) => problems.iter().find(|p| p.field == field),
            _ => None,
        }
    }
}

impl FromServerFnError for CycleError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Args(_)
            | ServerFnErrorErr::MissingArg(_)
            | ServerFnErrorErr::Deserialization(_) => CycleError::Invalid(vec![FieldProblem {
                field: String::new(),
                nl: "Het formulier is niet compleet.".into(),
                en: "The form is incomplete.".into(),
            }]),
            _ => CycleError::Internal,
        }
    }
}

#[cfg(feature = "ssr")]
impl From<crate::appraisal::AppraisalError> for CycleError {
    fn from(error: crate::appraisal::AppraisalError) -> Self {
        use crate::appraisal::AppraisalError as E;
        let error = match error {
            E::Unknown => CycleError::Unknown,
            E::Refused(text) => CycleError::Refused {
                nl: text.nl,
                en: text.en,
            },
            E::Invalid(problems) => CycleError::Invalid(problems),
            E::Stale => CycleError::Stale,
            E::Storage(error) => {
                tracing::error!(%error, "storage failure behind a cycle page");
                CycleError::Internal
            }
        };
        answer_status(&error);
        error
    }
}

/// A WebAssembly call gets 404 for an unknown cycle and 422 for a refusal; a plain form post
/// keeps its redirect back.
#[cfg(feature = "ssr")]
fn answer_status(error: &CycleError) {
    use axum::http::StatusCode;
    if *error == CycleError::Internal || super::plain_form_post() {
        return;
    }
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(match error {
            CycleError::Unknown => StatusCode::NOT_FOUND,
            CycleError::SignIn => StatusCode::FORBIDDEN,
            _ => StatusCode::UNPROCESSABLE_ENTITY,
        });
    }
}

#[cfg(feature = "ssr")]
async fn signed_in()
-> Result<(crate::state::AppState, crate::domain::account::CurrentUser), CycleError> {
    super::signed_in().await.map_err(|_| CycleError::SignIn)
}

/// A refused form as typed, with its refusal, kept for one showing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CycleFlash {
    pub posted: PostedCycleCommand,
    pub error: CycleError,
}

/// A scan the manager may attach: closed, about the employee.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttachableScan {
    pub id: String,
    pub subject_name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CyclePage {
    pub view: CycleView,
    pub flash: Option<CycleFlash>,
    pub attachable: Vec<AttachableScan>,
    /// The attached scan's gap chart (SVG), if any.
    pub chart: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CyclesPage {
    pub lines: Vec<CycleListLine>,
    pub is_admin: bool,
}

/// What a done command answers: the page that reports it and the cycle's new revision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CycleDone {
    pub page: String,
    pub revision: i64,
}

/// The new-cycle form as typed and why it was refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewCycleFlash {
    pub posted: NewCycleForm,
    pub error: CycleError,
}

/// The new-cycle form's fields (`crate::appraisal::NewCycleInput` on the server).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct NewCycleForm {
    pub kind: String,
    pub employee_name: String,
    pub employee_email: String,
    pub department: String,
    pub start_on: String,
    pub decision_on: String,
}

#[server(endpoint = "cycles/list")]
pub async fn load_cycles() -> Result<CyclesPage, CycleError> {
    let (state, user) = signed_in().await?;
    let lines = crate::appraisal::list_for(&state.db, &user, crate::state::unix_now()).await?;
    Ok(CyclesPage {
        lines,
        is_admin: user.is_admin(),
    })
}

#[server(endpoint = "cycles/new-form")]
pub async fn load_new_cycle_flash(flash: String) -> Result<Option<NewCycleFlash>, CycleError> {
    let (state, _user) = signed_in().await?;
    Ok(crate::flash::take_in_server_fn(&state.flash, &flash)
        .await
        .and_then(|payload| serde_json::from_str(&payload).ok()))
}

/// Starts a cycle; answers (and, for a plain post, redirects to) its page.
#[server(endpoint = "cycles/create")]
pub async fn create_cycle(#[server(flatten)] form: NewCycleForm) -> Result<String, CycleError> {
    let (state, user) = signed_in().await?;
    let input = crate::appraisal::NewCycleInput {
        kind: form.kind.clone(),
        employee_name: form.employee_name.clone(),
        employee_email: form.employee_email.clone(),
        department: form.department.clone(),
        start_on: form.start_on.clone(),
        decision_on: form.decision_on.clone(),
    };
    match crate::appraisal::create(&state.db, &user, &input, crate::state::unix_now()).await {
        Ok(id) => {
            let page = format!("/cycli/{id}");
            leptos_axum::redirect(&page);
            Ok(page)
        }
        Err(error) => {
            let error = CycleError::from(error);
            if super::plain_form_post() {
                let flash = NewCycleFlash {
                    posted: form,
                    error: error.clone(),
                };
                super::show_with_flash(&state, "/cycli/nieuw", &flash).await;
            }
            Err(error)
        }
    }
}

/// One cycle as the visitor may see it.
#[server(endpoint = "cycles/cycle")]
pub async fn load_cycle(id: String, flash: String) -> Result<CyclePage, CycleError> {
    let (state, user) = signed_in().await?;
    let headers: axum::http::HeaderMap = leptos_axum::extract().await.unwrap_or_default();
    let now = crate::state::unix_now();
    let view = crate::appraisal::view_for(&state.db, &user, &id, now).await?;
    let attachable = if view.you == "manager" && view.scan.is_none() {
        attachable_scans(&state, &user, &view).await
    } else {
        Vec::new()
    };
    let report = view.scan.as_ref().and_then(|s| s.report.clone());
    let language = crate::request_language::of_request(&headers);
    let chart = match report {
        Some(report) => tokio::task::spawn_blocking(move || {
            crate::charts::render(
                crate::charts::ChartKind::Gap,
                &report,
                language,
                crate::charts::ChartFormat::Svg,
            )
            .ok()
            .and_then(|bytes| String::from_utf8(bytes).ok())
            .unwrap_or_default()
        })
        .await
        .unwrap_or_default(),
        None => String::new(),
    };
    let flash = crate::flash::take_in_server_fn_as(
        &state.flash,
        &crate::flash::session_of(&headers),
        &flash,
    )
    .await
    .and_then(|payload| serde_json::from_str::<CycleFlash>(&payload).ok());
    Ok(CyclePage {
        view,
        flash,
        attachable,
        chart,
    })
}

#[cfg(feature = "ssr")]
async fn attachable_scans(
    state: &crate::state::AppState,
    user: &crate::domain::account::CurrentUser,
    view: &CycleView,
) -> Vec<AttachableScan> {
    use crate::domain::scan::ScanStatus;
    let person = view.employee_name.trim().to_lowercase();
    match crate::scans::service::list_for(&state.db, user).await {
        Ok(scans) => scans
            .into_iter()
            .filter(|s| {
                s.status == ScanStatus::Closed && s.subject_name.trim().to_lowercase() == person
            })
            .map(|s| AttachableScan {
                id: s.id,
                subject_name: s.subject_name,
            })
            .collect(),
        Err(error) => {
            tracing::error!(%error, "scans to attach to a cycle");
            Vec::new()
        }
    }
}

/// Does one thing to cycle `id` from `revision` (empty: whatever it is now). Answers the page
/// that reports it (`/cycli/{id}?gedaan=<command>`) and the new revision.
#[server(endpoint = "cycles/act")]
pub async fn cycle_act(
    id: String,
    #[server(default)] revision: String,
    #[server(flatten)] form: PostedCycleCommand,
) -> Result<CycleDone, CycleError> {
    let (state, user) = signed_in().await?;
    let outcome = match form.parse() {
        Err(problems) => Err(CycleError::Invalid(problems)),
        Ok(command) => crate::appraisal::act(
            &state.db,
            &user,
            &id,
            revision.trim().parse::<i64>().ok(),
            command,
            &state.settings.base_url,
            crate::state::unix_now(),
        )
        .await
        .map_err(CycleError::from),
    };
    match outcome {
        Ok(revision) => {
            let page = format!("/cycli/{id}?gedaan={}", form.command.trim());
            leptos_axum::redirect(&page);
            Ok(CycleDone { page, revision })
        }
        Err(CycleError::Unknown) => Err(CycleError::Unknown),
        Err(error) => {
            if super::plain_form_post() {
                let flash = CycleFlash {
                    posted: form.clone(),
                    error: error.clone(),
                };
                super::show_with_flash(&state, &format!("/cycli/{id}"), &flash).await;
            }
            Err(error)
        }
    }
}

/// HR's overview (administrators).
#[server(endpoint = "cycles/overview")]
pub async fn load_appraisal_overview() -> Result<Overview, CycleError> {
    let (state, user) = signed_in().await?;
    Ok(crate::appraisal::overview(&state.db, &user, crate::state::unix_now()).await?)
}
