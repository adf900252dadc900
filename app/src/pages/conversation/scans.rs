//! Attached scans: the closed scans about the same person whose report prepares the
//! conversation, each with its report as frozen when attached — the gap chart (the report's
//! chart, drawn on the server from the same rows), the competencies that need attention with
//! their tips, and the suggested agenda — and the form to attach another.

use leptos::prelude::*;

use crate::components::action::SubmitButton;
use crate::components::localized::date_text;
use crate::domain::conversation::{AttachedScanView, RecordAction, RecordView};
use crate::i18n::*;
use crate::pages::report_sections::{SuggestedAgendaList, number, signed};
use crate::server_fns::conversations::{AttachedChart, ScanChoice};

use super::feedback::{FieldProblemText, described_by};
use super::{CommandFields, RecordCtx};

const FORM: &str = "scans";

#[component]
pub(super) fn ScansPart(
    view: RecordView,
    attachable: Vec<ScanChoice>,
    charts: Vec<AttachedChart>,
    ctx: RecordCtx,
) -> impl IntoView {
    let i18n = use_i18n();
    let may_attach = ctx.may(RecordAction::AttachScan);
    if view.scans.is_empty() && !may_attach {
        return ().into_any();
    }
    let attached = view
        .scans
        .iter()
        .enumerate()
        .map(|(i, scan)| {
            let svg = charts
                .iter()
                .find(|c| c.scan_id == scan.scan_id)
                .map(|c| c.svg.clone())
                .unwrap_or_default();
            view! { <AttachedScan scan=scan.clone() svg index=i /> }
        })
        .collect_view();
    let form = may_attach.then(|| {
        let act = ctx.act;
        let error = ctx.error;
        if attachable.is_empty() {
            return view! { <p class="help no-print">{t!(i18n, conv_scans_none_to_attach)}</p> }
                .into_any();
        }
        let options = attachable
            .iter()
            .map(|s| {
                let text = t_string!(
                    i18n,
                    conv_scan_choice,
                    person = s.subject_name.clone(),
                    date = date_text(i18n, s.deadline)
                )
                .to_string();
                view! { <option value=s.id.clone()>{text}</option> }
            })
            .collect_view();
        let form_ctx = ctx.clone();
        view! {
            <ActionForm action=act attr:class="no-print stack">
                <CommandFields ctx=form_ctx command="attach_scan" />
                <div class="field">
                    <label for="scans-scan-id">{t!(i18n, conv_scans_attach_label)}</label>
                    <select id="scans-scan-id" name="scan_id"
                        aria-describedby=described_by(error, FORM, "scan_id".to_owned(),
                            Some("scans-scan-id-help".to_owned()))>
                        {options}
                    </select>
                    <p class="help" id="scans-scan-id-help">{t!(i18n, conv_scans_attach_help)}</p>
                    <FieldProblemText error form=FORM field="scan_id" />
                </div>
                <SubmitButton pending=act.pending()
                    label=t_string!(i18n, conv_scans_attach).to_string() />
            </ActionForm>
        }
        .into_any()
    });
    view! {
        <section class="card" id="scans" aria-labelledby="record-scans">
            <h2 id="record-scans">{t!(i18n, conv_scans)}</h2>
            {view.scans.is_empty().then(|| view! { <p class="record-empty">{t!(i18n, conv_scans_empty)}</p> })}
            {attached}
            {form}
        </section>
    }
    .into_any()
}

/// One attached scan: its chart and what to talk about.
#[component]
fn AttachedScan(scan: AttachedScanView, svg: String, index: usize) -> impl IntoView {
    let i18n = use_i18n();
    let report = scan.report;
    let heading_id = format!("record-scan-{index}");
    let labelled_by = heading_id.clone();
    let closed = report.header.closed_at.unwrap_or(report.header.deadline);
    let title = t_string!(
        i18n,
        conv_scan_title,
        person = report.subject_name.clone(),
        date = date_text(i18n, closed)
    )
    .to_string();
    let chart = (!svg.is_empty()).then(|| {
        view! {
            <figure class="chart" data-testid="record-gap-chart">
                <figcaption>
                    <strong>{t!(i18n, report_chart_gap)}</strong> " "
                    <span class="help">{t!(i18n, report_chart_gap_help)}</span>
                </figcaption>
                // The server draws the SVG (role="img" with its title), as the report's chart.
                <div class="chart-svg" inner_html=svg></div>
            </figure>
        }
    });
    let attention = report
        .attention
        .iter()
        .map(|item| {
            let name = if item.level.is_empty() {
                item.name.clone()
            } else {
                format!("{} ({})", item.name, item.level)
            };
            let tips = item
                .tips
                .iter()
                .map(|tip| view! { <li>{tip.clone()}</li> })
                .collect_view();
            view! {
                <li>
                    <strong>{name}</strong> " — "
                    {t!(i18n, report_col_others)} ": " {number(item.others_mean)} " · "
                    {t!(i18n, report_col_self)} ": " {number(item.self_mean)} " · "
                    {t!(i18n, report_col_gap)} ": " {signed(item.gap)}
                    {(!item.tips.is_empty()).then(|| view! {
                        <p class="help">{t!(i18n, report_tips)}</p>
                        <ul>{tips}</ul>
                    })}
                </li>
            }
        })
        .collect_view();
    let has_attention = !report.attention.is_empty();
    view! {
        <div class="record-attachment" aria-labelledby=labelled_by role="group"
            data-testid="record-attached-scan">
            <h3 id=heading_id>{title}</h3>
            <p class="help">{t_string!(i18n, conv_scan_attached_at, date = date_text(i18n, scan.attached_at)).to_string()}</p>
            {chart}
            <h4>{t!(i18n, report_attention)}</h4>
            {if has_attention {
                view! { <ul data-testid="record-attention">{attention}</ul> }.into_any()
            } else {
                view! { <p class="record-empty">{t!(i18n, conv_scan_no_attention)}</p> }.into_any()
            }}
            <h4>{t!(i18n, report_agenda)}</h4>
            <SuggestedAgendaList agenda=report.agenda.clone() test_id="record-suggested-agenda" />
        </div>
    }
}
