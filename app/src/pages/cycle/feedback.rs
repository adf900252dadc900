//! How the cycle pages say what went wrong: a refusal or a stale form as one alert, a field's
//! problem under the field (linked by `aria-describedby`), and an unknown cycle as "not found".

use leptos::prelude::*;

use crate::components::localized::pick;
use crate::i18n::*;
use crate::server_fns::cycles::CycleError;

fn message(i18n: leptos_i18n::I18nContext<Locale>, error: &CycleError) -> String {
    match error {
        CycleError::Unknown => t_string!(i18n, cycle_error_unknown).to_string(),
        CycleError::SignIn => t_string!(i18n, cycle_error_sign_in).to_string(),
        CycleError::Refused { nl, en } => pick(i18n, nl, en),
        CycleError::Invalid(problems) if problems.iter().all(|p| p.field.is_empty()) => problems
            .iter()
            .map(|p| pick(i18n, &p.nl, &p.en))
            .collect::<Vec<_>>()
            .join(" "),
        CycleError::Invalid(_) => t_string!(i18n, cycle_error_invalid).to_string(),
        CycleError::Stale => t_string!(i18n, cycle_error_stale).to_string(),
        CycleError::Internal => t_string!(i18n, error_internal).to_string(),
    }
}

/// A static error (a page that could not load).
#[component]
pub fn CycleErrorMessage(error: CycleError) -> impl IntoView {
    let i18n = use_i18n();
    view! { <div class="message message-error" role="alert" data-testid="cycle-error">{message(i18n, &error)}</div> }
}

/// The latest refusal of a form, if any.
#[component]
pub fn CycleRefusal(#[prop(into)] error: Signal<Option<CycleError>>) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        error.get().map(|error| {
            view! { <div class="message message-error" role="alert" data-testid="cycle-error">{message(i18n, &error)}</div> }
        })
    }
}

/// The problem of one field, if the latest refusal names it.
#[component]
pub fn FieldText(
    #[prop(into)] error: Signal<Option<CycleError>>,
    #[prop(into)] field: String,
    id: String,
) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        error.get().and_then(|e| e.field(&field).cloned()).map(|p| {
            view! { <p class="field-error" id=id.clone()>{pick(i18n, &p.nl, &p.en)}</p> }
        })
    }
}
