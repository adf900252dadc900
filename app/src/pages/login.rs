use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::components::action::{ActionOutcome, SubmitButton, latest_refusal};
use crate::components::layout::reload_session_after;
use crate::i18n::*;
use crate::server_fns::sign_in::{Login, NOTICE, SignInDone};

/// The login form, posted to the `login` server function: without JavaScript a plain post
/// (back here with the refusal, or on to the overview), with it no reload.
#[component]
pub fn LoginPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let login = ServerAction::<Login>::new();
    let refusal = latest_refusal(&[login.value()]);
    reload_session_after(login.value());
    // What brought the visitor here (logged out, set up, invitation accepted), unless the
    // page now shows a refused login.
    let notice = move || {
        if refusal.get().is_some() {
            return None;
        }
        let done = query
            .read()
            .get(NOTICE)
            .and_then(|code| SignInDone::from_notice(&code))?;
        Some(match done {
            SignInDone::SignedOut => t_string!(i18n, login_logged_out).to_string(),
            SignInDone::SetUp => t_string!(i18n, setup_done).to_string(),
            SignInDone::InvitationAccepted => t_string!(i18n, invite_done).to_string(),
            SignInDone::SignedIn => return None,
        })
    };
    let email = move || query.read().get("email").unwrap_or_default();
    view! {
        <Title text=t_string!(i18n, login_title).to_string() />
        <section class="card narrow">
            <h1>{t!(i18n, login_title)}</h1>
            <p>{t!(i18n, login_intro)}</p>
            {move || notice().map(|text| view! {
                <div class="message message-ok" role="status">{text}</div>
            })}
            // A refusal another page sent here with (`?error=forbidden`).
            <ActionOutcome refusal />
            <ActionForm action=login attr:class="stack">
                <div class="field">
                    <label for="email">{t!(i18n, field_email)}</label>
                    <input id="email" name="email" type="email" autocomplete="username" required
                        maxlength="254" prop:value=email />
                </div>
                <div class="field">
                    <label for="password">{t!(i18n, field_password)}</label>
                    <input id="password" name="password" type="password"
                        autocomplete="current-password" required maxlength="200" />
                </div>
                <SubmitButton pending=login.pending() class="button-primary"
                    label=t_string!(i18n, login_submit).to_string() />
            </ActionForm>
        </section>
    }
}
