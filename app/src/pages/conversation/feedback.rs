//! What the conversation pages say back: a refusal at the top of the page (announced, with
//! the problems of a refused form listed), the problem under the field it is about (linked to
//! the field with `aria-describedby`), and the outcome the address reports after an action.

use leptos::prelude::*;
use leptos_i18n::I18nContext;
use leptos_router::hooks::use_query_map;

use crate::components::localized::pick;
use crate::i18n::*;
use crate::server_fns::conversations::RecordError;

/// A short code per error, for tests and styling (`data-error`).
pub fn error_code(error: &RecordError) -> &'static str {
    match error {
        RecordError::Unknown => "unknown_conversation",
        RecordError::SignIn => "sign_in",
        RecordError::Refused { .. } => "refused",
        RecordError::Invalid(_) => "invalid",
        RecordError::Stale => "stale",
        RecordError::Internal => "internal",
    }
}

/// The error's sentence in the page's language.
pub fn error_text(i18n: I18nContext<Locale>, error: &RecordError) -> String {
    match error {
        RecordError::Unknown => t_string!(i18n, conv_error_unknown).to_string(),
        RecordError::SignIn => t_string!(i18n, conv_error_sign_in).to_string(),
        RecordError::Refused { nl, en } => pick(i18n, nl, en),
        RecordError::Invalid(_) => t_string!(i18n, conv_error_invalid).to_string(),
        RecordError::Stale => t_string!(i18n, conv_error_stale).to_string(),
        RecordError::Internal => t_string!(i18n, error_internal).to_string(),
    }
}

/// The refusal at the top of a page or section (role="alert"): its sentence, and for a refused
/// form each problem (those of a named field also stand under that field).
#[component]
pub fn RecordErrorMessage(error: RecordError) -> impl IntoView {
    let i18n = use_i18n();
    let problems = match &error {
        RecordError::Invalid(problems) => problems
            .iter()
            .map(|p| view! { <li>{pick(i18n, &p.nl, &p.en)}</li> })
            .collect_view()
            .into_any(),
        _ => ().into_any(),
    };
    let has_list = matches!(&error, RecordError::Invalid(p) if !p.is_empty());
    view! {
        <div class="message message-error" role="alert" data-error=error_code(&error)>
            <p>{error_text(i18n, &error)}</p>
            {has_list.then(|| view! { <ul>{problems}</ul> })}
        </div>
    }
}

/// The id of the element that holds the problem of `field` in the form `form`.
pub fn problem_id(form: &str, field: &str) -> String {
    let field: String = field
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    format!("{form}-{field}-problem")
}

/// `aria-describedby` for a field: its help text (if any) and its problem (if it has one now).
pub fn described_by(
    error: Signal<Option<RecordError>>,
    form: &'static str,
    field: String,
    help: Option<String>,
) -> impl Fn() -> Option<String> + Send + Sync + 'static {
    move || {
        let problem = error
            .get()
            .and_then(|e| e.field(&field).map(|_| problem_id(form, &field)));
        let ids: Vec<String> = help.iter().cloned().chain(problem).collect();
        (!ids.is_empty()).then(|| ids.join(" "))
    }
}

/// `aria-invalid` for a field with a problem now.
pub fn invalid_flag(
    error: Signal<Option<RecordError>>,
    field: String,
) -> impl Fn() -> Option<&'static str> + Send + Sync + 'static {
    move || error.get().and_then(|e| e.field(&field).map(|_| "true"))
}

/// The problem of one field, under it.
#[component]
pub fn FieldProblemText(
    error: Signal<Option<RecordError>>,
    form: &'static str,
    #[prop(into)] field: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = problem_id(form, &field);
    move || {
        error.get().and_then(|e| {
            e.field(&field).map(|p| {
                view! { <p class="field-error" id=id.clone()>{pick(i18n, &p.nl, &p.en)}</p> }
            })
        })
    }
}

/// The outcome the address reports (`?gedaan=<command>`), as a status line.
#[component]
pub fn DoneMessage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    move || {
        let done = query.read().get("gedaan")?;
        let text = match done.as_str() {
            "aangemaakt" => t_string!(i18n, conv_done_created),
            "plan" => t_string!(i18n, conv_done_plan),
            "add_topic" => t_string!(i18n, conv_done_add_topic),
            "send_agenda" => t_string!(i18n, conv_done_send_agenda),
            "mark_held" => t_string!(i18n, conv_done_mark_held),
            "save_summary" | "change_summary" | "look_back" => t_string!(i18n, conv_done_saved),
            "propose_summary" => t_string!(i18n, conv_done_propose),
            "approve" => t_string!(i18n, conv_done_approve),
            "sign_off" => t_string!(i18n, conv_done_sign_off),
            "share" => t_string!(i18n, conv_done_share),
            "add_reader" => t_string!(i18n, conv_done_add_reader),
            "archive" => t_string!(i18n, conv_done_archive),
            "attach_scan" => t_string!(i18n, conv_done_attach_scan),
            _ => return None,
        };
        Some(
            view! { <div class="message message-ok" role="status" data-testid="record-done">{text.to_string()}</div> },
        )
    }
}
