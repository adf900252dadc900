use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::components::error_message::ErrorMessage;
use crate::components::require_user::RequireUser;
use crate::domain::user_error::UserError;
use crate::i18n::*;
use crate::server_fns::frameworks::{CompetencyView, load_competency};

/// A competency with its definition and, per level, behaviours and development tips. The level
/// is chosen with links (`?level=8-10`), so it works without JavaScript.
#[component]
pub fn CompetencyPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Title text=t_string!(i18n, frameworks_title).to_string() />
        <RequireUser children=move |_| view! { <CompetencyDetail /> } />
    }
}

#[component]
fn CompetencyDetail() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let key = move || {
        let p = params.read();
        (
            p.get("id").unwrap_or_default(),
            p.get("competency").unwrap_or_default(),
        )
    };
    let competency = Resource::new(key, |(framework, competency)| {
        load_competency(framework, competency)
    });
    view! {
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match competency.await {
                    Ok(Some(c)) => view! { <Competency c /> }.into_any(),
                    Ok(None) => view! {
                        <div class="message message-error" role="alert">{t!(i18n, competency_not_found)}</div>
                    }.into_any(),
                    Err(_) => view! { <ErrorMessage error=UserError::Internal /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Competency(c: CompetencyView) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let levels = c.levels.clone();
    let first_level = levels.first().map(|l| l.id.clone()).unwrap_or_default();
    // A memo is `Copy`, so every level link can read it.
    let selected = Memo::new(move |_| {
        query
            .read()
            .get("level")
            .unwrap_or_else(|| first_level.clone())
    });
    let cluster = c.cluster.clone();
    let level_nav = (!levels.is_empty()).then(|| {
        let links = levels.clone();
        view! {
            <nav class="level-nav" aria-label=move || t_string!(i18n, competency_level_nav).to_string()>
                <ul>
                    {links.into_iter().map(|level| {
                        let id = level.id.clone();
                        let current = {
                            let id = id.clone();
                            move || (selected.get() == id).then_some("page")
                        };
                        view! {
                            <li><a href=format!("?level={id}") aria-current=current>{level.name}</a></li>
                        }
                    }).collect_view()}
                </ul>
            </nav>
        }
    });
    let level_content = move || {
        let chosen = selected.get();
        levels.iter().find(|l| l.id == chosen).cloned().map(|level| view! {
            <section class="card" aria-labelledby="level-heading">
                <h2 id="level-heading">{level.name}</h2>
                <h3>{t!(i18n, competency_behaviours)}</h3>
                <ul data-testid="behaviours">
                    {level.behaviours.into_iter().map(|b| view! { <li>{b}</li> }).collect_view()}
                </ul>
                <h3>{t!(i18n, competency_tips)}</h3>
                <ul>{level.tips.into_iter().map(|t| view! { <li>{t}</li> }).collect_view()}</ul>
            </section>
        })
    };
    view! {
        <p><a href=format!("/frameworks/{}", c.framework.id)>{t!(i18n, back_to_framework)} ": " {c.framework.name.clone()}</a></p>
        <h1>{c.name.clone()}</h1>
        <p class="hint">{move || t_string!(i18n, competency_cluster, cluster = cluster.clone()).to_string()}</p>
        <h2>{t!(i18n, competency_definition)}</h2>
        <p>{c.definition.clone()}</p>
        {level_nav}
        {level_content}
        {(!c.items.is_empty()).then(|| view! {
            <h2>{t!(i18n, competency_items)}</h2>
            <ul>{c.items.iter().map(|i| view! { <li>{i.clone()}</li> }).collect_view()}</ul>
        })}
    }
}
