use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::components::error_message::ErrorMessage;
use crate::components::require_user::RequireUser;
use crate::components::table_wrap::TableWrap;
use crate::domain::user_error::UserError;
use crate::i18n::*;
use crate::server_fns::frameworks::{FrameworkOverview, HitKind, load_framework_overview};

/// One framework: its clusters and competencies, levels, profiles, and a word search that is a
/// plain GET form (works without JavaScript; instant with it).
#[component]
pub fn FrameworkPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Title text=t_string!(i18n, frameworks_title).to_string() />
        <RequireUser children=move |_| view! { <FrameworkDetail /> } />
    }
}

#[component]
fn FrameworkDetail() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let query = use_query_map();
    let id = move || params.read().get("id").unwrap_or_default();
    let q = move || query.read().get("q").unwrap_or_default();
    let overview = Resource::new(
        move || (id(), q()),
        |(id, q)| load_framework_overview(id, q),
    );
    view! {
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match overview.await {
                    Ok(Some(f)) => view! { <Overview f query=q() /> }.into_any(),
                    Ok(None) => view! {
                        <div class="message message-error" role="alert">{t!(i18n, framework_not_found)}</div>
                    }.into_any(),
                    Err(_) => view! { <ErrorMessage error=UserError::Internal /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Overview(f: FrameworkOverview, query: String) -> impl IntoView {
    let i18n = use_i18n();
    let base = format!("/frameworks/{}", f.id);
    let version = f.version;
    let source = f.source.clone();
    let hits = f.hits.clone().map(|hits| {
        let heading_query = query.clone();
        let empty = hits.is_empty();
        let base = base.clone();
        view! {
            <section class="card" aria-labelledby="search-results">
                <h2 id="search-results">
                    {move || if empty {
                        t_string!(i18n, framework_search_none, query = heading_query.clone()).to_string()
                    } else {
                        t_string!(i18n, framework_search_results, query = heading_query.clone()).to_string()
                    }}
                </h2>
                <ul class="hits">
                    {hits.into_iter().map(|hit| {
                        let kind = match hit.kind {
                            HitKind::Name => t_string!(i18n, framework_hit_name).to_string(),
                            HitKind::Definition => t_string!(i18n, framework_hit_definition).to_string(),
                            HitKind::Behaviour => t_string!(i18n, framework_hit_behaviour).to_string(),
                            HitKind::Tip => t_string!(i18n, framework_hit_tip).to_string(),
                            HitKind::Item => t_string!(i18n, framework_hit_item).to_string(),
                        };
                        let href = match &hit.level {
                            Some(level) => format!("{base}/{}?level={}", hit.competency.id, level.id),
                            None => format!("{base}/{}", hit.competency.id),
                        };
                        let level = hit.level.map(|l| format!(", {}", l.name));
                        view! {
                            <li>
                                <a href=href>{hit.competency.name}</a>
                                <span class="hit-kind">" (" {kind} {level} ")"</span>
                                <p>{hit.text}</p>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </section>
        }
    });
    view! {
        <h1>{f.name.clone()}</h1>
        <p class="hint">
            {move || t_string!(i18n, framework_version, version).to_string()} " · "
            {move || t_string!(i18n, framework_source, source = source.clone()).to_string()}
        </p>
        <form method="get" action=base.clone() class="search-form" role="search">
            <label for="q">{t!(i18n, framework_search_label)}</label>
            <div class="search-row">
                <input id="q" name="q" type="search" value=query maxlength="200" />
                <button type="submit">{t!(i18n, framework_search_submit)}</button>
            </div>
        </form>
        {hits}
        {(!f.levels.is_empty()).then(|| view! {
            <h2>{t!(i18n, framework_levels)}</h2>
            <ul>{f.levels.iter().map(|l| view! { <li>{l.name.clone()}</li> }).collect_view()}</ul>
        })}
        {f.clusters.iter().map(|cluster| view! {
            <section class="card">
                <h2>{cluster.name.clone()}</h2>
                <ul class="columns">
                    {cluster.competencies.iter().map(|c| view! {
                        <li><a href=format!("{base}/{}", c.id)>{c.name.clone()}</a></li>
                    }).collect_view()}
                </ul>
            </section>
        }).collect_view()}
        {(!f.profiles.is_empty()).then(|| view! {
            <h2>{t!(i18n, framework_profiles)}</h2>
            <TableWrap label=t_string!(i18n, framework_profiles).to_string()>
                <table>
                    <tbody>
                        {f.profiles.iter().map(|p| {
                            let own_choice = p.own_choice;
                            let rule = if p.fixed {
                                t_string!(i18n, framework_profile_fixed).to_string()
                            } else {
                                t_string!(i18n, framework_profile_own_choice, count = own_choice).to_string()
                            };
                            view! {
                                <tr>
                                    <th scope="row">{p.name.clone()}</th>
                                    <td>
                                        {p.competencies.iter().map(|c| c.name.clone()).collect::<Vec<_>>().join(", ")}
                                        <span class="hint">" (" {rule} ")"</span>
                                    </td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </TableWrap>
        })}
    }
}
