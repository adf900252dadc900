use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::components::error_message::ErrorMessage;
use crate::components::localized::{date_text, pick};
use crate::components::require_user::RequireUser;
use crate::components::table_wrap::TableWrap;
use crate::domain::report_view::print_style::{RunningText, running_style};
use crate::i18n::*;
use crate::pages::report_sections::{
    AgendaSection, Attention, Comments, CompetencyTable, Details, GapChart, Method, MoreCharts,
    number, signed,
};
use crate::server_fns::report::{
    BehaviourRow, ReportBasis, ReportHeader, ReportView, Summary, load_report,
};

/// `/scans/:id/rapport`: the report of a closed (or released) scan for its organiser and named
/// readers. It starts with the answer — who and when, the response, a summary in words, the gap
/// chart and a compact table — then what to talk about, the behaviours, comments and every
/// figure, and ends with the method. Only what the anonymity rules publish is shown; the print
/// stylesheet lays it out on A4 with a running header and footer.
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

/// Opens the browser's print dialog. An island: the one part of the report that runs in the
/// browser. Hidden until the WebAssembly runs (an effect runs only in the browser): without
/// JavaScript a button that does nothing would mislead, and the help text beside it says to
/// print from the browser's menu. The label comes from the server, so the island carries no
/// translations.
#[island]
fn PrintButton(label: String) -> impl IntoView {
    let ready = RwSignal::new(false);
    Effect::new(move |_| ready.set(true));
    view! {
        <button type="button" class="button" data-testid="report-print" hidden=move || !ready.get()
            on:click=move |_| {
                #[cfg(feature = "hydrate")]
                if let Some(window) = web_sys::window() {
                    let _ = window.print();
                }
            }>
            {label}
        </button>
    }
}

/// The words of the printed page's running header and footer (see `print_style`).
#[component]
fn RunningStyle(subject: String, figures_at: i64) -> impl IntoView {
    let i18n = use_i18n();
    let date = date_text(i18n, figures_at);
    let css = running_style(&RunningText {
        person: &subject,
        date: &date,
        confidential: t_string!(i18n, report_confidential),
        page: t_string!(i18n, report_print_page),
        of: t_string!(i18n, report_print_of),
    });
    view! { <style>{css}</style> }
}

/// Whose report, on what, over which period, and the response per group.
#[component]
fn Header(view: ReportView) -> impl IntoView {
    let i18n = use_i18n();
    let ReportHeader {
        job_title,
        framework_name_nl,
        framework_name_en,
        level_nl,
        level_en,
        next_level_nl,
        next_level_en,
        opened_at,
        deadline,
        closed_at,
        released_at,
        ..
    } = view.header;
    let level = (!level_nl.is_empty()).then(|| {
        let mut text = pick(i18n, &level_nl, &level_en);
        if !next_level_nl.is_empty() {
            text = format!(
                "{text} ({}: {})",
                t_string!(i18n, report_header_next_level),
                pick(i18n, &next_level_nl, &next_level_en)
            );
        }
        text
    });
    let to = date_text(i18n, deadline);
    let period = match opened_at {
        Some(opened) => {
            let from = date_text(i18n, opened);
            t_string!(i18n, report_header_period_text, from, to = to.clone()).to_string()
        }
        None => to,
    };
    let progress = view
        .progress
        .iter()
        .map(|p| view! { <li>{format!("{}: {}", pick(i18n, &p.label_nl, &p.label_en), pick(i18n, &p.text_nl, &p.text_en))}</li> })
        .collect_view();
    view! {
        <header class="report-header">
            <h1 id="report-heading">{t_string!(i18n, report_heading, subject = view.subject_name.clone()).to_string()}</h1>
            <dl class="facts report-facts" data-testid="report-facts">
                {(!job_title.is_empty()).then(|| view! {
                    <dt>{t!(i18n, report_header_function)}</dt><dd>{job_title}</dd>
                })}
                <dt>{t!(i18n, report_header_framework)}</dt>
                <dd>{pick(i18n, &framework_name_nl, &framework_name_en)}</dd>
                {level.map(|level| view! { <dt>{t!(i18n, report_header_level)}</dt><dd>{level}</dd> })}
                <dt>{t!(i18n, report_header_period)}</dt><dd>{period}</dd>
                {closed_at.map(|at| view! {
                    <dt>{t!(i18n, report_header_closed)}</dt><dd>{date_text(i18n, at)}</dd>
                })}
                {released_at.map(|at| view! {
                    <dt>{t!(i18n, report_header_released)}</dt><dd>{date_text(i18n, at)}</dd>
                })}
                <dt>{t!(i18n, report_response)}</dt>
                <dd><ul class="plain" data-testid="report-response">{progress}</ul></dd>
            </dl>
        </header>
    }
}

/// The answer in words, built in `domain::report_view::summary`.
#[component]
fn SummarySection(summary: Summary) -> impl IntoView {
    let i18n = use_i18n();
    let lines = summary
        .lines
        .iter()
        .map(|line| view! { <li>{pick(i18n, &line.text_nl, &line.text_en)}</li> })
        .collect_view();
    let response = pick(i18n, &summary.response_nl, &summary.response_en);
    view! {
        <section class="card report-summary" aria-labelledby="report-summary" data-testid="report-summary">
            <h2 id="report-summary">{t!(i18n, report_summary)}</h2>
            <p>{pick(i18n, &summary.lead_nl, &summary.lead_en)}</p>
            {(!summary.lines.is_empty()).then(|| view! { <ul>{lines}</ul> })}
            {(!response.is_empty()).then(|| view! { <p>{response}</p> })}
            <p class="help no-print"><a href="#report-categories">{t!(i18n, report_summary_method)}</a></p>
        </section>
    }
}

#[component]
fn Behaviours(title: String, rows: Vec<BehaviourRow>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <h3>{title.clone()}</h3>
        <TableWrap label=title>
            <table class="figures">
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, report_col_behaviour)}</th>
                        <th scope="col" class="num">{t!(i18n, report_col_self)}</th>
                        <th scope="col" class="num">{t!(i18n, report_col_others)}</th>
                        <th scope="col" class="num">{t!(i18n, report_col_gap)}</th>
                    </tr>
                </thead>
                <tbody>
                    {rows.into_iter().map(|b| view! {
                        <tr>
                            <td>{b.text} <br /><small class="help">{b.competency}</small></td>
                            <td class="num">{number(b.self_mean)}</td>
                            <td class="num">{format!("{} (n={})", number(Some(b.others_mean)), b.others_n)}</td>
                            <td class="num">{signed(b.gap)}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </TableWrap>
    }
}

#[component]
fn ReportView(view: ReportView) -> impl IntoView {
    let i18n = use_i18n();
    let basis = match view.basis {
        ReportBasis::Final => None,
        ReportBasis::Released => Some(t_string!(i18n, report_basis_released).to_string()),
        ReportBasis::FrozenAtRelease => Some(t_string!(i18n, report_basis_frozen).to_string()),
    };
    let id = view.scan_id.clone();
    view! {
        <RunningStyle subject=view.subject_name.clone() figures_at=view.header.figures_at />
        <div class="report">
            <p class="no-print"><a href=format!("/scans/{id}")>{t!(i18n, scan_back)}</a></p>
            <Header view=view.clone() />
            {basis.map(|text| view! { <p class="notice" role="status" data-testid="report-basis">{text}</p> })}
            <p class="actions no-print" data-testid="report-actions">
                <PrintButton label=t_string!(i18n, report_print).to_string() />
                <a class="button" href=format!("/scans/{id}/rapport/rapport.pdf") download="" data-testid="report-pdf">{t!(i18n, report_download_pdf)}</a>
                <a class="button" href=format!("/scans/{id}/rapport/cijfers.csv") download="" aria-describedby="report-csv-format">{t!(i18n, report_download_csv)}</a>
                // The CSV is for other programs: a decimal point, whatever the page's language.
                <span class="help" id="report-csv-format">{t!(i18n, report_csv_format)}</span>
                <span class="help">{t!(i18n, report_print_help)}</span>
            </p>
            <SummarySection summary=view.summary.clone() />
            <GapChart scan_id=view.scan_id.clone() />
            <CompetencyTable view=view.clone() />
            <Attention items=view.attention.clone() />
            <AgendaSection agenda=view.agenda.clone() />
            <MoreCharts view=view.clone() />
            <section aria-labelledby="report-behaviours">
                <h2 id="report-behaviours">{t!(i18n, report_behaviours)}</h2>
                <Behaviours title=t_string!(i18n, report_highest).to_string() rows=view.highest.clone() />
                <Behaviours title=t_string!(i18n, report_lowest).to_string() rows=view.lowest.clone() />
                <Behaviours title=t_string!(i18n, report_gaps).to_string() rows=view.largest_gaps.clone() />
            </section>
            <Comments blocks=view.comments.clone() />
            <Details rows=view.rows.clone() />
            <Method k=view.k threshold=view.threshold />
        </div>
    }
}
