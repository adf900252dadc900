//! `/admin/cycli`: HR's overview of the appraisal cycles (issue 22): per department and manager
//! the assessments per stage and how many wait past a deadline; final qualifications per
//! department only where a cell cannot name one person's qualification (at least
//! `overview::MIN_CELL` final assessments, and not all the same). No employee's name, rating or
//! text: HR reads counts, the cycle belongs to its manager and employee.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::localized::{language, pick};
use crate::components::require_user::RequireUser;
use crate::components::table_wrap::TableWrap;
use crate::domain::appraisal::qualification::Qualification;
use crate::domain::appraisal::view::Overview;
use crate::i18n::*;
use crate::pages::cycle::feedback::CycleErrorMessage;
use crate::server_fns::cycles::load_appraisal_overview;

#[component]
pub fn AppraisalOverviewPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Title text=t_string!(i18n, cycle_overview_title).to_string() />
        <RequireUser children=move |_| view! { <OverviewLoader /> } />
    }
}

#[component]
fn OverviewLoader() -> impl IntoView {
    let i18n = use_i18n();
    let data = Resource::new(|| (), |_| load_appraisal_overview());
    view! {
        <h1>{t!(i18n, cycle_overview_heading)}</h1>
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(overview) => view! { <OverviewTables overview /> }.into_any(),
                    Err(error) => view! { <CycleErrorMessage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn OverviewTables(overview: Overview) -> impl IntoView {
    let i18n = use_i18n();
    let lang = language(i18n);
    let stage_heads = overview.rows.first().map(|row| {
        row.stages
            .iter()
            .map(|s| view! { <th scope="col">{s.label.pick(lang).to_string()}</th> })
            .collect_view()
    });
    let rows = overview
        .rows
        .iter()
        .map(|row| {
            let cells = row.stages.iter().map(|s| view! { <td>{s.count}</td> }).collect_view();
            view! { <tr><th scope="row">{row.department.clone()}</th><td>{row.manager.clone()}</td>{cells}<td data-testid="overdue">{row.overdue}</td></tr> }
        })
        .collect_view();
    let label_heads = Qualification::ALL
        .iter()
        .map(|q| view! { <th scope="col">{pick(i18n, q.label().nl, q.label().en)}</th> })
        .collect_view();
    let qualification_rows = overview
        .qualifications
        .iter()
        .map(|q| {
            let cells = match &q.counts {
                Some(counts) => counts.iter().map(|c| view! { <td>{c.count}</td> }).collect_view().into_any(),
                None => view! { <td colspan="5" data-testid="suppressed">{t_string!(i18n, cycle_overview_suppressed, min_cell = overview.min_cell).to_string()}</td> }.into_any(),
            };
            view! { <tr><th scope="row">{q.department.clone()}</th><td>{q.final_assessments}</td>{cells}</tr> }
        })
        .collect_view();
    let stages_caption = t_string!(i18n, cycle_overview_stages_caption).to_string();
    let labels_caption = t_string!(i18n, cycle_overview_labels_caption).to_string();
    view! {
        <section class="card">
            <h2>{stages_caption.clone()}</h2>
            <TableWrap label=stages_caption.clone()>
                <table data-testid="overview-stages">
                    <thead><tr><th scope="col">{t!(i18n, cycle_department)}</th><th scope="col">{t!(i18n, cycle_overview_manager)}</th>{stage_heads}<th scope="col">{t!(i18n, cycle_overview_overdue)}</th></tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </TableWrap>
        </section>
        <section class="card">
            <h2>{labels_caption.clone()}</h2>
            <TableWrap label=labels_caption.clone()>
                <table data-testid="overview-qualifications">
                    <thead><tr><th scope="col">{t!(i18n, cycle_department)}</th><th scope="col">{t!(i18n, cycle_overview_final_assessments)}</th>{label_heads}</tr></thead>
                    <tbody>{qualification_rows}</tbody>
                </table>
            </TableWrap>
        </section>
    }
}
