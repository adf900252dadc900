use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::action::{ActionOutcome, SubmitButton, latest_refusal};
use crate::components::error_message::ErrorMessage;
use crate::components::require_user::RequireUser;
use crate::domain::user_error::UserError;
use crate::i18n::*;
use crate::server_fns::retention::{SaveRetentionSetting, load_retention_setting};

/// "Bewaartermijnen": administrators read and change how long a closed scan is kept (1 to 120
/// months, default 36). A plain form: without JavaScript it posts and comes back here saying it
/// was saved; a refused value comes back as a refusal.
#[component]
pub fn RetentionPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Title text=t_string!(i18n, retention_title).to_string() />
        <RequireUser children=move |user| {
            if user.is_admin() {
                view! { <RetentionAdmin /> }.into_any()
            } else {
                view! { <ErrorMessage error=UserError::Forbidden /> }.into_any()
            }
        } />
    }
}

#[component]
fn RetentionAdmin() -> impl IntoView {
    let i18n = use_i18n();
    let save = ServerAction::<SaveRetentionSetting>::new();
    let refusal = latest_refusal(&[save.value()]);
    let setting = Resource::new(move || save.version().get(), |_| load_retention_setting());
    view! {
        <h1>{t!(i18n, retention_title)}</h1>
        <p>{t!(i18n, retention_intro)}</p>
        <ActionOutcome refusal />
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match setting.await {
                    Ok(setting) => {
                        let help = t_string!(i18n, retention_help,
                            min = setting.min_months, max = setting.max_months,
                            default = setting.default_months).to_string();
                        let current = t_string!(i18n, retention_current, months = setting.months).to_string();
                        view! {
                            <section class="card">
                                <p data-testid="retention-current">{current}</p>
                                <ActionForm action=save attr:class="stack">
                                    <div class="field">
                                        <label for="retention-months">{t!(i18n, retention_field_months)}</label>
                                        <input id="retention-months" name="months" type="number" required
                                            inputmode="numeric"
                                            min=setting.min_months max=setting.max_months step="1"
                                            value=setting.months aria-describedby="retention-help" />
                                        <p class="help" id="retention-help">{help}</p>
                                    </div>
                                    <SubmitButton pending=save.pending() class="button-primary"
                                        label=t_string!(i18n, retention_submit).to_string() />
                                </ActionForm>
                            </section>
                        }.into_any()
                    }
                    Err(e) => view! { <ErrorMessage error=e.user_error() /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
