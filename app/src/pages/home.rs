//! The organiser's home page: a dashboard of what needs attention now, the scans running with
//! their response and deadline, the reports that can be read and the drafts
//! (`domain::scan::dashboard`).

use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::error_message::ErrorMessage;
use crate::components::localized::{date_text, pick};
use crate::components::require_user::RequireUser;
use crate::components::table_wrap::TableWrap;
use crate::domain::account::Role;
use crate::domain::scan::dashboard::{Attention, AttentionReason, Dashboard, ScanFacts};
use crate::i18n::*;
use crate::pages::scan::reach_lines;
use crate::server_fns::dashboard::load_dashboard;
use leptos_i18n::I18nContext;

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
                <DashboardLoader />
            }
        } />
    }
}

#[component]
fn DashboardLoader() -> impl IntoView {
    let i18n = use_i18n();
    let board = Resource::new(|| (), |_| load_dashboard());
    view! {
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match board.await {
                    Ok(board) if board.is_empty() => view! {
                        <section class="card">
                            <p>{t!(i18n, home_next)}</p>
                            <p><a class="button button-primary" href="/scans/new">{t!(i18n, scans_new)}</a></p>
                        </section>
                    }.into_any(),
                    Ok(board) => view! { <DashboardView board /> }.into_any(),
                    Err(e) => view! { <ErrorMessage error=e.user_error() /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn attention_text(i18n: I18nContext<Locale>, item: &Attention) -> String {
    match &item.reason {
        AttentionReason::NoInformants => t_string!(i18n, home_attention_no_informants).to_string(),
        AttentionReason::GroupsBelowK(reach) => reach_lines(i18n, reach).join("; "),
        AttentionReason::DeadlineSoon { deadline } => {
            let date = date_text(i18n, *deadline);
            t_string!(i18n, home_attention_deadline, date).to_string()
        }
        AttentionReason::FailedDeliveries { failed: 1 } => {
            t_string!(i18n, home_attention_failed_one).to_string()
        }
        AttentionReason::FailedDeliveries { failed } => {
            t_string!(i18n, home_attention_failed, count = *failed).to_string()
        }
    }
}

#[component]
fn DashboardView(board: Dashboard) -> impl IntoView {
    let i18n = use_i18n();
    let attention = if board.attention.is_empty() {
        view! { <p>{t!(i18n, home_attention_none)}</p> }.into_any()
    } else {
        let items = board
            .attention
            .iter()
            .map(|item| {
                view! {
                    <li>
                        <a href=format!("/scans/{}", item.scan_id)>{item.subject_name.clone()}</a>
                        ": " {attention_text(i18n, item)}
                    </li>
                }
            })
            .collect_view();
        view! { <ul class="dashboard-list attention-list">{items}</ul> }.into_any()
    };
    let reports = (!board.reports.is_empty()).then(|| {
        let items = board
            .reports
            .iter()
            .map(|scan| {
                view! {
                    <li>
                        <a href=format!("/scans/{}/rapport", scan.id)>{scan.subject_name.clone()}</a>
                        " — " {pick(i18n, &scan.framework_nl, &scan.framework_en)}
                    </li>
                }
            })
            .collect_view();
        view! {
            <section class="card" aria-labelledby="home-reports" data-testid="home-reports">
                <h2 id="home-reports">{t!(i18n, home_reports_title)}</h2>
                <ul class="dashboard-list">{items}</ul>
            </section>
        }
    });
    let drafts = (!board.drafts.is_empty()).then(|| {
        let items = board
            .drafts
            .iter()
            .map(|scan| {
                view! {
                    <li>
                        <a href=format!("/scans/{}", scan.id)>{scan.subject_name.clone()}</a>
                        " — " {t_string!(i18n, scan_step_informants, count = scan.informants).to_string()}
                    </li>
                }
            })
            .collect_view();
        view! {
            <section class="card" aria-labelledby="home-drafts" data-testid="home-drafts">
                <h2 id="home-drafts">{t!(i18n, home_drafts_title)}</h2>
                <ul class="dashboard-list">{items}</ul>
            </section>
        }
    });
    view! {
        <section class="card" aria-labelledby="home-attention" data-testid="home-attention">
            <h2 id="home-attention">{t!(i18n, home_attention_title)}</h2>
            {attention}
        </section>
        <section class="card" aria-labelledby="home-open" data-testid="home-open">
            <h2 id="home-open">{t!(i18n, home_open_title)}</h2>
            {if board.open.is_empty() {
                view! { <p>{t!(i18n, home_none_open)}</p> }.into_any()
            } else {
                view! { <OpenScans scans=board.open.clone() /> }.into_any()
            }}
        </section>
        {reports}
        {drafts}
        <p class="actions">
            <a class="button button-primary" href="/scans/new">{t!(i18n, scans_new)}</a>
            <a href="/scans">{t!(i18n, home_all_scans)}</a>
        </p>
    }
}

#[component]
fn OpenScans(scans: Vec<ScanFacts>) -> impl IntoView {
    let i18n = use_i18n();
    let rows = scans
        .into_iter()
        .map(|s| {
            let response = t_string!(
                i18n,
                home_response,
                submitted = s.submitted,
                invited = s.invited
            )
            .to_string();
            view! {
                <tr>
                    <th scope="row"><a href=format!("/scans/{}", s.id)>{s.subject_name.clone()}</a></th>
                    <td>{pick(i18n, &s.framework_nl, &s.framework_en)}</td>
                    <td>{response}</td>
                    <td>{date_text(i18n, s.deadline)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <TableWrap label=t_string!(i18n, home_open_title).to_string()>
            <table>
                <caption class="visually-hidden">{t!(i18n, home_open_title)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, scans_col_subject)}</th>
                        <th scope="col">{t!(i18n, scans_col_framework)}</th>
                        <th scope="col">{t!(i18n, home_col_response)}</th>
                        <th scope="col">{t!(i18n, scans_col_deadline)}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </TableWrap>
    }
}
