use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::components::error_message::ErrorMessage;
use crate::components::localized::pick;
use crate::components::require_user::RequireUser;
use crate::domain::scoring::AgreementCategory;
use crate::i18n::*;
use crate::pages::report_sections::{
    AgendaSection, Attention, Charts, Comments, Details, number, signed,
};
use crate::server_fns::report::{BehaviourRow, ReportBasis, ReportView, load_report};

/// `/scans/:id/rapport`: the report of a closed (or released) scan for its organiser and named
/// readers: charts with text tables, every figure, comments, tips and a suggested agenda. Only
/// what the anonymity rules publish is shown; the print stylesheet lays it out on A4.
#[component]
pub fn ReportPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Title text=t_string!(i18n, report_title).to_string() />
        <RequireUser children=move |_| view! { <ReportLoader /> } />
    }
}

#[component]
fn ReportLoader() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let report = Resource::new(
        move || params.read().get("id").unwrap_or_default(),
        load_report,
    );
    // Read before any await: a context read after an async boundary may find no owner.
    #[cfg(feature = "ssr")]
    let response = use_context::<leptos_axum::ResponseOptions>();
    view! {
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || {
                #[cfg(feature = "ssr")]
                let response = response.clone();
                Suspend::new(async move {
                match report.await {
                    Ok(view) => view! { <ReportView view /> }.into_any(),
                    Err(e) => {
                        // Unknown scan or no access: a real 404, the same for both.
                        #[cfg(feature = "ssr")]
                        if let (Some(response), crate::domain::user_error::UserError::UnknownScan) =
                            (&response, e.user_error())
                        {
                            response.set_status(axum::http::StatusCode::NOT_FOUND);
                        }
                        view! {
                        <h1>{t!(i18n, report_title)}</h1>
                        <ErrorMessage error=e.user_error() />
                        <p class="help">{t!(i18n, report_when)}</p>
                    }.into_any()
                    }
                }
            })}}
        </Suspense>
    }
}

#[component]
fn Behaviours(title: String, rows: Vec<BehaviourRow>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <h3>{title}</h3>
        <div class="table-wrap">
            <table>
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, report_col_behaviour)}</th>
                        <th scope="col">{t!(i18n, report_col_self)}</th>
                        <th scope="col">{t!(i18n, report_col_others)}</th>
                        <th scope="col">{t!(i18n, report_col_gap)}</th>
                    </tr>
                </thead>
                <tbody>
                    {rows.into_iter().map(|b| view! {
                        <tr>
                            <td>{b.text} <br /><small class="help">{b.competency}</small></td>
                            <td>{number(b.self_mean)}</td>
                            <td>{format!("{} (n={})", number(Some(b.others_mean)), b.others_n)}</td>
                            <td>{signed(b.gap)}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[component]
fn ReportView(view: ReportView) -> impl IntoView {
    let i18n = use_i18n();
    let subject = view.subject_name.clone();
    let k = view.k;
    let threshold = crate::domain::number_text::decimal(
        view.threshold,
        1,
        crate::components::localized::language(i18n),
    );
    let rows = view
        .rows
        .iter()
        .map(|r| {
            let groups = r
                .groups
                .iter()
                .map(|g| format!("{}: {} (n={})", pick(i18n, &g.label_nl, &g.label_en), number(g.mean), g.n))
                .chain(r.pooled.map(|(n, mean)| {
                    format!("{}: {} (n={n})", t_string!(i18n, report_pooled), number(mean))
                }))
                .collect::<Vec<_>>()
                .join("; ");
            let category = r.category.clone().map(|(nl, en, enl, een)| {
                view! { <strong>{pick(i18n, &nl, &en)}</strong> <br /><small>{pick(i18n, &enl, &een)}</small> }
            });
            view! {
                <tr>
                    <th scope="row">{r.name.clone()} {(!r.level.is_empty()).then(|| view! { <br /><small class="help">{r.level.clone()}</small> })}</th>
                    <td>{number(r.self_mean)}</td>
                    <td>{format!("{} (n={})", number(r.others_mean), r.others_n)}</td>
                    <td>{number(r.others_sd)}</td>
                    <td>{signed(r.gap)}</td>
                    <td>{groups}</td>
                    <td>{category}</td>
                </tr>
            }
        })
        .collect_view();
    let progress = view
        .progress
        .iter()
        .map(|p| view! { <li>{format!("{}: {}", pick(i18n, &p.label_nl, &p.label_en), pick(i18n, &p.text_nl, &p.text_en))}</li> })
        .collect_view();
    let basis = match view.basis {
        ReportBasis::Final => None,
        ReportBasis::Released => Some(t_string!(i18n, report_basis_released).to_string()),
        ReportBasis::FrozenAtRelease => Some(t_string!(i18n, report_basis_frozen).to_string()),
    };
    let id = view.scan_id.clone();
    view! {
        <p class="no-print"><a href=format!("/scans/{}", view.scan_id)>{t!(i18n, scan_back)}</a></p>
        <h1>{t_string!(i18n, report_heading, subject).to_string()}</h1>
        {basis.map(|text| view! { <p class="notice" role="status" data-testid="report-basis">{text}</p> })}
        <p class="actions no-print">
            <a class="button" href=format!("/scans/{id}/rapport/cijfers.csv") download="">{t!(i18n, report_download_csv)}</a>
            " "
            <span class="help">{t!(i18n, report_print_help)}</span>
        </p>
        <section class="card" aria-labelledby="report-method">
            <h2 id="report-method">{t!(i18n, report_method_title)}</h2>
            <p>{t_string!(i18n, report_method, k, threshold = threshold.clone()).to_string()}</p>
            <h3>{t!(i18n, report_categories)}</h3>
            <dl class="categories">
                {AgreementCategory::ALL.iter().map(|c| {
                    let (name, explanation) = (c.name(), c.explanation());
                    view! {
                        <dt>{pick(i18n, name.nl, name.en)}</dt>
                        <dd>{pick(i18n, explanation.nl, explanation.en)}</dd>
                    }
                }).collect_view()}
            </dl>
            <h3>{t!(i18n, report_response)}</h3>
            <ul data-testid="report-response">{progress}</ul>
        </section>
        <section aria-labelledby="report-competencies">
            <h2 id="report-competencies">{t!(i18n, report_competencies)}</h2>
            <p class="help">{t!(i18n, report_order)}</p>
            <div class="table-wrap">
                <table data-testid="report-table">
                    <thead>
                        <tr>
                            <th scope="col">{t!(i18n, report_col_competency)}</th>
                            <th scope="col">{t!(i18n, report_col_self)}</th>
                            <th scope="col">{t!(i18n, report_col_others)}</th>
                            <th scope="col">{t!(i18n, report_col_sd)}</th>
                            <th scope="col">{t!(i18n, report_col_gap)}</th>
                            <th scope="col">{t!(i18n, report_col_groups)}</th>
                            <th scope="col">{t!(i18n, report_col_category)}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
        <Charts view=view.clone() />
        <Attention items=view.attention.clone() />
        <AgendaSection agenda=view.agenda.clone() />
        <section aria-labelledby="report-behaviours" class="page-break">
            <h2 id="report-behaviours">{t!(i18n, report_behaviours)}</h2>
            <Behaviours title=t_string!(i18n, report_highest).to_string() rows=view.highest.clone() />
            <Behaviours title=t_string!(i18n, report_lowest).to_string() rows=view.lowest.clone() />
            <Behaviours title=t_string!(i18n, report_gaps).to_string() rows=view.largest_gaps.clone() />
        </section>
        <Comments blocks=view.comments.clone() />
        <Details rows=view.rows.clone() />
    }
}
