use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::action::{ActionOutcome, SubmitButton, latest_refusal};
use crate::components::layout::reload_session_after;
use crate::components::session::SessionResource;
use crate::i18n::*;
use crate::server_fns::sign_in::Setup;

/// First-run setup: creates the first administrator with the one-time code the server printed;
/// closed once any account exists. Posted to the `setup` server function, which goes on to
/// the login page.
#[component]
pub fn SetupPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = expect_context::<SessionResource>();
    let setup = ServerAction::<Setup>::new();
    let refusal = latest_refusal(&[setup.value()]);
    reload_session_after(setup.value());
    view! {
        <Title text=t_string!(i18n, setup_title).to_string() />
        <section class="card narrow">
            <h1>{t!(i18n, setup_title)}</h1>
            <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
                {move || Suspend::new(async move {
                    let open = session.await.map(|s| s.setup_open).unwrap_or(false);
                    if open {
                        view! {
                            <p>{t!(i18n, setup_intro)}</p>
                            <ActionOutcome refusal />
                            <ActionForm action=setup attr:class="stack">
                                <div class="field">
                                    <label for="setup_code">{t!(i18n, field_setup_code)}</label>
                                    <input id="setup_code" name="setup_code" type="text" autocomplete="off"
                                        required maxlength="64" spellcheck="false"
                                        aria-describedby="setup-code-hint" />
                                    <p class="hint" id="setup-code-hint">{t!(i18n, setup_code_hint)}</p>
                                </div>
                                <div class="field">
                                    <label for="email">{t!(i18n, field_email)}</label>
                                    <input id="email" name="email" type="email" autocomplete="username"
                                        required maxlength="254" />
                                </div>
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
                                <SubmitButton pending=setup.pending() class="button-primary"
                                    label=t_string!(i18n, setup_submit).to_string() />
                            </ActionForm>
                        }.into_any()
                    } else {
                        view! {
                            <div class="message message-info" role="status">{t!(i18n, setup_closed)}</div>
                            <p><a href="/login">{t!(i18n, login_title)}</a></p>
                        }.into_any()
                    }
                })}
            </Suspense>
        </section>
    }
}
