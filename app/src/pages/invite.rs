use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::components::action::{ActionOutcome, SubmitButton, latest_refusal};
use crate::components::error_message::ErrorMessage;
use crate::domain::user_error::UserError;
use crate::i18n::*;
use crate::server_fns::accounts::invitation_email;
use crate::server_fns::sign_in::AcceptInvitation;

/// Where an invited organiser chooses a password, posted to the `invite` server function,
/// which goes on to the login page.
#[component]
pub fn InvitePage() -> impl IntoView {
    let i18n = use_i18n();
    let accept = ServerAction::<AcceptInvitation>::new();
    let refusal = latest_refusal(&[accept.value()]);
    let params = use_params_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let email = Resource::new(token, invitation_email);
    view! {
        <Title text=t_string!(i18n, invite_title).to_string() />
        <section class="card narrow">
            <h1>{t!(i18n, invite_title)}</h1>
            <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
                {move || Suspend::new(async move {
                    match email.await {
                        Ok(email) => view! {
                            <p>{t_string!(i18n, invite_intro, email).to_string()}</p>
                            <ActionOutcome refusal />
                            <ActionForm action=accept attr:class="stack">
                                <input type="hidden" name="token" value=token() />
                                <div class="field">
                                    <label for="password">{t!(i18n, field_password)}</label>
                                    <input id="password" name="password" type="password"
                                        autocomplete="new-password" required minlength="12" maxlength="200"
                                        aria-describedby="password-hint" />
                                    <p class="hint" id="password-hint">{t!(i18n, password_hint)}</p>
                                </div>
                                <div class="field">
                                    <label for="password_repeat">{t!(i18n, field_password_repeat)}</label>
                                    <input id="password_repeat" name="password_repeat" type="password"
                                        autocomplete="new-password" required minlength="12" maxlength="200" />
                                </div>
                                <SubmitButton pending=accept.pending() class="button-primary"
                                    label=t_string!(i18n, invite_submit).to_string() />
                            </ActionForm>
                        }.into_any(),
                        Err(_) => view! { <ErrorMessage error=UserError::InvalidInvitation /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}
