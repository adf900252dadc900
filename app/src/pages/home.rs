use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::require_user::RequireUser;
use crate::domain::account::Role;
use crate::i18n::*;

#[component]
pub fn HomePage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Title text=t_string!(i18n, home_title).to_string() />
        <RequireUser children=move |user| {
            let role = match user.role {
                Role::Admin => t_string!(i18n, role_admin).to_string(),
                Role::Organiser => t_string!(i18n, role_organiser).to_string(),
            };
            let email = user.email.clone();
            view! {
                <h1>{t!(i18n, home_title)}</h1>
                <p data-testid="welcome">{t_string!(i18n, home_welcome, email).to_string()}</p>
                <p>{t_string!(i18n, home_role, role).to_string()}</p>
                <p>{t!(i18n, home_next)}</p>
            }
        } />
    }
}
