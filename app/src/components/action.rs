//! What every organiser action shows, whatever page it is on: a submit button that says it is
//! busy, the refusal of the latest action (announced to screen readers), or else the outcome
//! the page's address reports. The actions themselves are server functions used through
//! `ActionForm` (see `server_fns`).

use std::collections::BTreeMap;

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::components::error_message::ErrorMessage;
use crate::components::localized::pick;
use crate::i18n::*;
use crate::server_fns::action_error::ActionError;
use crate::server_fns::outcome::Done;
use leptos_i18n::I18nContext;

/// What an action last answered, if it has answered.
pub type Answer = Option<Result<Done, ActionError>>;

/// The refusal a page shows for its actions: at first the one a plain form post came back with
/// (each action finds its own in the address), then in the browser whatever the latest answer
/// says (a success clears it). Actions answer a [`Done`], or another typed outcome (`T`).
pub fn latest_refusal<T>(
    answers: &[MappedSignal<Option<Result<T, ActionError>>>],
) -> Signal<Option<ActionError>>
where
    T: Clone + Send + Sync + 'static,
{
    let returned = answers
        .iter()
        .find_map(|answer| answer.get_untracked()?.err());
    let refusal = RwSignal::new(returned);
    for &answer in answers {
        Effect::new(move |_| {
            if let Some(result) = answer.get() {
                refusal.set(result.err());
            }
        });
    }
    refusal.into()
}

/// The text that reports an outcome (none where the page shows the result itself).
pub fn done_text(i18n: I18nContext<Locale>, done: Done) -> Option<String> {
    Some(match done {
        Done::Created => t_string!(i18n, scan_done_created).to_string(),
        Done::Saved => t_string!(i18n, scan_done_saved).to_string(),
        // Dutch and English say one thing differently from several.
        Done::Added { added: 1 } => t_string!(i18n, scan_done_added_one).to_string(),
        Done::Added { added: n } => t_string!(i18n, scan_done_added, n).to_string(),
        Done::Opened { invited: 1 } => t_string!(i18n, scan_done_opened_one).to_string(),
        Done::Opened { invited: n } => t_string!(i18n, scan_done_opened, n).to_string(),
        Done::Reminded { reminded: 1 } => t_string!(i18n, scan_done_reminded_one).to_string(),
        Done::Reminded { reminded: n } => t_string!(i18n, scan_done_reminded, n).to_string(),
        Done::Closed => t_string!(i18n, scan_done_closed).to_string(),
        Done::Released => t_string!(i18n, scan_done_released).to_string(),
        Done::Reopened => t_string!(i18n, scan_done_reopened).to_string(),
        Done::Deleted => t_string!(i18n, scans_deleted).to_string(),
        Done::Revoked => t_string!(i18n, scan_done_revoked).to_string(),
        Done::Resent => t_string!(i18n, scan_done_resent).to_string(),
        Done::Deactivated => t_string!(i18n, users_done_deactivated).to_string(),
        Done::Activated => t_string!(i18n, users_done_activated).to_string(),
        Done::TokenRevoked => t_string!(i18n, tokens_revoked).to_string(),
        Done::TokenCreated | Done::Invited | Done::Checked => return None,
    })
}

/// The outcome the page's address reports, if any.
pub fn done_in_address() -> Memo<Option<Done>> {
    let query = use_query_map();
    Memo::new(move |_| {
        let query = query.read();
        let pairs: BTreeMap<String, String> = ["gedaan", "aantal"]
            .into_iter()
            .filter_map(|key| Some((key.to_owned(), query.get(key)?)))
            .collect();
        Done::from_query(&pairs)
    })
}

/// The result of a page's latest action: its refusal (role="alert"), or else the outcome the
/// address reports (role="status").
#[component]
pub fn ActionOutcome(refusal: Signal<Option<ActionError>>) -> impl IntoView {
    let i18n = use_i18n();
    let done = done_in_address();
    move || {
        match refusal.get() {
        Some(ActionError::Refused(error)) => view! { <ErrorMessage error /> }.into_any(),
        Some(ActionError::Problems(problems)) => view! {
            <div class="message message-error" role="alert">
                <ul>{problems.iter().map(|p| view! { <li>{pick(i18n, &p.nl, &p.en)}</li> }).collect_view()}</ul>
            </div>
        }
        .into_any(),
        None => done
            .get()
            .and_then(|done| done_text(i18n, done))
            .map(|text| view! { <div class="message message-ok" role="status">{text}</div> })
            .into_any(),
    }
    }
}

/// A submit button; while its form is posted in the background it says it is busy (its
/// `data-busy` text) and cannot be pressed twice (`enhance_forms.js`).
#[component]
pub fn SubmitButton(
    #[prop(into)] pending: Signal<bool>,
    label: String,
    #[prop(optional)] class: &'static str,
    #[prop(optional, into)] aria_label: Option<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <button type="submit" class=class aria-label=aria_label
            data-busy=t_string!(i18n, action_pending).to_string()
            disabled=move || pending.get() aria-busy=move || pending.get().then_some("true")>
            {move || if pending.get() { t_string!(i18n, action_pending).to_string() } else { label.clone() }}
        </button>
    }
}
