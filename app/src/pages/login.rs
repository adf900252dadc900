use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::components::error_message::QueryError;
use crate::i18n::*;

/// A plain HTML form posted to `/login`, so it works with and without JavaScript.
#[component]
pub fn LoginPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let notice = move || match query.read().get("done").as_deref() {
        Some("logout") => Some(t_string!(i18n, login_logged_out).to_string()),
        Some("setup") => Some(t_string!(i18n, setup_done).to_string()),
        Some("invite") => Some(t_string!(i18n, invite_done).to_string()),
        _ => None,
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
            <QueryError />
            <form method="post" action="/login" class="stack">
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
                <button type="submit" class="button-primary">{t!(i18n, login_submit)}</button>
            </form>
        </section>
    }
}
