use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::components::error_message::ErrorMessage;
use crate::components::localized::{date_text, pick, user_error_of};
use crate::i18n::*;
use crate::server_fns::respond::{
    Closed, LinkState, Page, SectionPage, SummaryPage, Welcome, load_section, load_summary,
    open_link, save_field,
};
use leptos_router::components::Form;

fn token() -> Memo<String> {
    let params = use_params_map();
    Memo::new(move |_| params.read().get("token").unwrap_or_default())
}

/// Why a link shows no questionnaire: unknown, closed or already submitted.
#[component]
fn Unavailable(closed: Closed) -> impl IntoView {
    let i18n = use_i18n();
    match closed {
        Closed::NotValid => view! {
            <h1>{t!(i18n, respond_invalid_title)}</h1>
            <p data-testid="link-invalid">{t!(i18n, respond_invalid)}</p>
        }
        .into_any(),
        Closed::Closed { subject_name } => view! {
            <h1>{t!(i18n, respond_closed_title)}</h1>
            <p>{t_string!(i18n, respond_closed, subject_name).to_string()}</p>
        }
        .into_any(),
        Closed::Submitted { subject_name } => view! {
            <h1>{t!(i18n, respond_submitted_title)}</h1>
            <p>{t_string!(i18n, respond_submitted, subject_name).to_string()}</p>
        }
        .into_any(),
    }
}

/// `/s/:token`: the page a personal link opens. It says who the scan is about, what the
/// organiser wrote, the deadline, and plainly what is anonymous and what is not.
#[component]
pub fn RespondPage() -> impl IntoView {
    let i18n = use_i18n();
    let token = token();
    let state = Resource::new(move || token.get(), open_link);
    view! {
        <Title text=t_string!(i18n, respond_title).to_string() />
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match state.await {
                    Ok(LinkState::Open(welcome)) => view! { <WelcomeView welcome /> }.into_any(),
                    Ok(LinkState::Unavailable(closed)) => view! { <Unavailable closed /> }.into_any(),
                    Err(e) => view! { <ErrorMessage error=user_error_of(&e) /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn WelcomeView(welcome: Welcome) -> impl IntoView {
    let i18n = use_i18n();
    let token = welcome.token.clone();
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
    let (start_href, start_label) = match (welcome.resume_at, welcome.started) {
        (Some(at), false) => (
            format!("/s/{token}/q/{at}"),
            t_string!(i18n, respond_start).to_string(),
        ),
        (Some(at), true) => (
            format!("/s/{token}/q/{at}"),
            t_string!(i18n, respond_resume).to_string(),
        ),
        (None, _) => (
            format!("/s/{token}/overzicht"),
            t_string!(i18n, respond_to_summary).to_string(),
        ),
    };
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
                <li>{t!(i18n, respond_drafts)}</li>
            </ul>
            <p data-testid="anonymity-promise"><strong>{t!(i18n, respond_anonymity)}</strong> " " {promise}</p>
        </section>
        <p><a class="button button-primary" href=start_href>{start_label}</a></p>
    }
}

/// `/s/:token/q/:n`: one competency, its statements on the five-point scale with "cannot
/// judge", and an optional comment. A real form, so it works without JavaScript.
#[component]
pub fn RespondSectionPage() -> impl IntoView {
    let i18n = use_i18n();
    let token = token();
    let params = use_params_map();
    let query = use_query_map();
    let args = move || {
        (
            token.get(),
            params
                .read()
                .get("n")
                .and_then(|n| n.parse::<usize>().ok())
                .unwrap_or(usize::MAX),
            query.read().get("flash").unwrap_or_default(),
        )
    };
    let page = Resource::new(args, |(token, index, flash)| {
        load_section(token, index, flash)
    });
    view! {
        <Title text=t_string!(i18n, respond_title).to_string() />
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(Page::Ready(section)) => view! { <SectionForm page=section /> }.into_any(),
                    Ok(Page::Unavailable(closed)) => view! { <Unavailable closed /> }.into_any(),
                    Err(e) => view! { <ErrorMessage error=user_error_of(&e) /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn scale(i18n: leptos_i18n::I18nContext<Locale>) -> Vec<(&'static str, String)> {
    vec![
        ("1", t_string!(i18n, rating_1).to_string()),
        ("2", t_string!(i18n, rating_2).to_string()),
        ("3", t_string!(i18n, rating_3).to_string()),
        ("4", t_string!(i18n, rating_4).to_string()),
        ("5", t_string!(i18n, rating_5).to_string()),
        ("x", t_string!(i18n, rating_cannot_judge).to_string()),
    ]
}

#[component]
fn SectionForm(page: SectionPage) -> impl IntoView {
    let i18n = use_i18n();
    let token = page.token.clone();
    let labels = scale(i18n);
    let last = page.index + 1 == page.total;
    let items = page
        .section
        .items
        .iter()
        .enumerate()
        .map(|(n, item)| {
            let chosen = page
                .answers
                .iter()
                .find(|(k, _)| *k == item.key)
                .map(|(_, v)| v.clone())
                .unwrap_or_default();
            let legend_id = format!("item-{n}");
            let options = labels
                .iter()
                .map(|(value, label)| {
                    let id = format!("item-{n}-{value}");
                    view! {
                        <span class=if *value == "x" { "choice choice-none" } else { "choice" }>
                            <input type="radio" id=id.clone() name=format!("r:{}", item.key) value=*value
                                checked=chosen == *value />
                            <label for=id>{label.clone()}</label>
                        </span>
                    }
                })
                .collect_view();
            view! {
                <fieldset class="item">
                    <legend id=legend_id>
                        {item.text.clone()}
                        {item.next_level.then(|| view! { " " <span class="badge">{t!(i18n, respond_next_level)}</span> })}
                    </legend>
                    <div class="scale">{options}</div>
                </fieldset>
            }
        })
        .collect_view();
    let problems = page.problems.clone();
    let comment_id = format!("comment-{}", page.section.competency_id);
    let saved = RwSignal::new(false);
    let save_as_you_go = {
        let token = token.clone();
        let index = page.index;
        move |ev: leptos::ev::Event| {
            use leptos::wasm_bindgen::JsCast;
            let Some(target) = ev.target() else { return };
            let (name, value) = if let Some(input) =
                target.dyn_ref::<leptos::web_sys::HtmlInputElement>()
            {
                (input.name(), input.value())
            } else if let Some(area) = target.dyn_ref::<leptos::web_sys::HtmlTextAreaElement>() {
                (area.name(), area.value())
            } else {
                return;
            };
            let token = token.clone();
            saved.set(false);
            leptos::task::spawn_local(async move {
                if let Ok(true) = save_field(token, index, name, value).await {
                    saved.set(true);
                }
            });
        }
    };
    view! {
        <p class="progress-text">{t_string!(i18n, respond_progress, n = page.index + 1, total = page.total).to_string()}</p>
        <progress value=(page.index + 1).to_string() max=page.total.to_string()
            aria-label=t_string!(i18n, respond_progress_label).to_string()></progress>
        <h1>{page.section.name.clone()}</h1>
        <p class="definition">{page.section.definition.clone()}</p>
        {(!problems.is_empty()).then(|| view! {
            <div class="message message-error" role="alert">
                <ul>{problems.iter().map(|(nl, en)| view! { <li>{pick(i18n, nl, en)}</li> }).collect_view()}</ul>
            </div>
        })}
        <p class="help">{if page.is_self { t_string!(i18n, respond_instruction_self) } else { t_string!(i18n, respond_instruction) }}</p>
        // A plain form without JavaScript; once hydrated, <Form> posts it in the background and
        // moves on without a full page load, and every change is saved as you go.
        <Form method="post" action=format!("/s/{token}/q/{}", page.index)>
          <div class="stack questionnaire" on:change=save_as_you_go>
            {items}
            <div class="field">
                <label for=comment_id.clone()>{t!(i18n, respond_comment)}</label>
                <textarea id=comment_id name=format!("c:{}", page.section.competency_id) rows="4" maxlength="4000"
                    aria-describedby="comment-help">{page.comment.clone()}</textarea>
                <p id="comment-help" class="help">{t!(i18n, respond_comment_help)}</p>
            </div>
            // The forward button comes first, so Enter moves on; the layout shows it on the right.
            <div class="actions actions-nav">
                <button type="submit" name="action" value="next" class="button-primary">
                    {if last { t_string!(i18n, respond_to_summary) } else { t_string!(i18n, respond_next) }}
                </button>
                {(page.index > 0).then(|| view! {
                    <button type="submit" name="action" value="prev">{t!(i18n, respond_previous)}</button>
                })}
                <span class="saved" role="status" aria-live="polite">
                    {move || saved.get().then(|| t_string!(i18n, respond_saved))}
                </span>
            </div>
          </div>
        </Form>
    }
}

/// `/s/:token/overzicht`: what is still unanswered, and the one button that submits.
#[component]
pub fn RespondSummaryPage() -> impl IntoView {
    let i18n = use_i18n();
    let token = token();
    let page = Resource::new(move || token.get(), load_summary);
    view! {
        <Title text=t_string!(i18n, respond_title).to_string() />
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(Page::Ready(summary)) => view! { <Summary summary /> }.into_any(),
                    Ok(Page::Unavailable(closed)) => view! { <Unavailable closed /> }.into_any(),
                    Err(e) => view! { <ErrorMessage error=user_error_of(&e) /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Summary(summary: SummaryPage) -> impl IntoView {
    let i18n = use_i18n();
    let token = summary.token.clone();
    let complete = summary.unanswered.is_empty();
    let list = summary
        .unanswered
        .iter()
        .map(|u| {
            let count = u.count;
            view! {
                <li>
                    <a href=format!("/s/{token}/q/{}", u.index)>{u.name.clone()}</a>
                    ": " {t_string!(i18n, respond_unanswered_count, count).to_string()}
                </li>
            }
        })
        .collect_view();
    view! {
        <h1>{t!(i18n, respond_summary_title)}</h1>
        <p data-testid="answered">{t_string!(i18n, respond_answered, answered = summary.answered, total = summary.total_items).to_string()}</p>
        {if complete {
            view! { <p>{t!(i18n, respond_all_answered)}</p> }.into_any()
        } else {
            view! {
                <section class="card" aria-labelledby="unanswered">
                    <h2 id="unanswered">{t!(i18n, respond_unanswered_title)}</h2>
                    <p class="help">{t!(i18n, respond_unanswered_help)}</p>
                    <ul data-testid="unanswered">{list}</ul>
                </section>
            }.into_any()
        }}
        <Form method="post" action=format!("/s/{token}/versturen")>
            <p>{t!(i18n, respond_submit_help)}</p>
            <div class="actions actions-nav">
                <button type="submit" class="button-primary">{t!(i18n, respond_submit)}</button>
                <a href=format!("/s/{token}/q/{}", summary.sections.saturating_sub(1))>{t!(i18n, respond_previous)}</a>
            </div>
        </Form>
    }
}

/// `/s/:token/bedankt`: shown once the response is stored.
#[component]
pub fn RespondThanksPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Title text=t_string!(i18n, respond_title).to_string() />
        <h1>{t!(i18n, respond_thanks_title)}</h1>
        <p data-testid="thanks">{t!(i18n, respond_thanks)}</p>
    }
}
