use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::components::error_message::ErrorMessage;
use crate::components::localized::{date_text, pick, user_error_of};
use crate::i18n::*;
use crate::server_fns::respond::{LinkState, Welcome, open_link};

/// `/s/:token`: the page a personal link opens. It says who the scan is about, what the
/// organiser wrote, the deadline, and plainly what is anonymous and what is not.
#[component]
pub fn RespondPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let state = Resource::new(
        move || params.read().get("token").unwrap_or_default(),
        open_link,
    );
    view! {
        <Title text=move || t_string!(i18n, respond_title).to_string() />
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match state.await {
                    Ok(LinkState::Open(welcome)) => view! { <WelcomeView welcome /> }.into_any(),
                    Ok(LinkState::NotValid) => view! {
                        <h1>{t!(i18n, respond_invalid_title)}</h1>
                        <p data-testid="link-invalid">{t!(i18n, respond_invalid)}</p>
                    }.into_any(),
                    Ok(LinkState::Closed { subject_name }) => view! {
                        <h1>{t!(i18n, respond_closed_title)}</h1>
                        <p>{t_string!(i18n, respond_closed, subject_name).to_string()}</p>
                    }.into_any(),
                    Ok(LinkState::Submitted { subject_name }) => view! {
                        <h1>{t!(i18n, respond_submitted_title)}</h1>
                        <p>{t_string!(i18n, respond_submitted, subject_name).to_string()}</p>
                    }.into_any(),
                    Err(e) => view! { <ErrorMessage error=user_error_of(&e) /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn WelcomeView(welcome: Welcome) -> impl IntoView {
    let i18n = use_i18n();
    let subject = welcome.subject_name.clone();
    let k = welcome.k;
    let group = pick(i18n, &welcome.group_nl, &welcome.group_en);
    let promise = if welcome.is_self {
        t_string!(i18n, respond_promise_self).to_string()
    } else if welcome.identifiable {
        t_string!(i18n, respond_promise_identifiable, group = group.clone()).to_string()
    } else {
        t_string!(i18n, respond_promise_anonymous, group = group.clone(), k).to_string()
    };
    let intro_paragraphs = welcome
        .introduction
        .split("\n\n")
        .filter(|p| !p.trim().is_empty())
        .map(|p| view! { <p>{p.trim().to_owned()}</p> })
        .collect_view();
    view! {
        <h1>{if welcome.is_self {
            t_string!(i18n, respond_welcome_self).to_string()
        } else {
            t_string!(i18n, respond_welcome, subject).to_string()
        }}</h1>
        {(!welcome.subject_job_title.is_empty()).then(|| view! { <p class="lead">{welcome.subject_job_title.clone()}</p> })}
        {(!welcome.introduction.is_empty()).then(|| view! {
            <section class="card" aria-labelledby="respond-intro">
                <h2 id="respond-intro">{t_string!(i18n, respond_intro_from, organiser = welcome.organiser.clone()).to_string()}</h2>
                {intro_paragraphs}
            </section>
        })}
        <section class="card" aria-labelledby="respond-facts">
            <h2 id="respond-facts">{t!(i18n, respond_facts)}</h2>
            <ul>
                <li>{t_string!(i18n, respond_deadline, date = date_text(i18n, welcome.deadline)).to_string()}</li>
                <li>{t_string!(i18n, respond_duration, count = welcome.competencies).to_string()}</li>
                <li>{t_string!(i18n, respond_group, group).to_string()}</li>
            </ul>
            <p data-testid="anonymity-promise"><strong>{t!(i18n, respond_anonymity)}</strong> " " {promise}</p>
        </section>
    }
}
