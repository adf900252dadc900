use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::components::error_message::{ErrorMessage, QueryError};
use crate::domain::user_error::UserError;
use crate::i18n::*;
use crate::server_fns::accounts::invitation_email;

/// Where an invited organiser chooses a password.
#[component]
pub fn InvitePage() -> impl IntoView {
    let i18n = use_i18n();
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
                            <QueryError />
                            <form method="post" action="/invite" class="stack">
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
                                <button type="submit" class="button-primary">{t!(i18n, invite_submit)}</button>
                            </form>
                        }.into_any(),
                        Err(_) => view! { <ErrorMessage error=UserError::InvalidInvitation /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}
