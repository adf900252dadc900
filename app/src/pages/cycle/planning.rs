//! The planning conversation (art. 3–4) and its changes in progress conversations (art. 5):
//! work agreements with their weights and shares, development agreements on competencies (a
//! crucial one marked, art. 6 lid 7), career and conditions, where the manager decided, and
//! earlier versions kept. Also the 360° scan the manager attached (art. 6 lid 10): its gap chart
//! is what the manager received, and the employee sees the same.

use leptos::prelude::*;

use crate::components::action::SubmitButton;
use crate::domain::appraisal::view::{AgreementLine, CycleView};
use crate::i18n::*;
use crate::server_fns::cycles::{AttachableScan, CycleAct};

use super::feedback::FieldText;
use super::{CommandButton, CommandFields, CycleCtx};

#[component]
pub(super) fn PlanningSection(view: CycleView, ctx: CycleCtx) -> impl IntoView {
    let i18n = use_i18n();
    let manager = ctx.manager;
    let work = agreement_list(i18n, &view.work_agreements, true, &ctx);
    let development = agreement_list(i18n, &view.development_agreements, false, &ctx);
    let history = (!view.history.is_empty()).then(|| {
        let items = view
            .history
            .iter()
            .map(|a| {
                let status = if a.status == "dropped" {
                    t_string!(i18n, cycle_history_dropped).to_string()
                } else {
                    t_string!(i18n, cycle_history_earlier).to_string()
                };
                view! { <li>{a.text.clone()}" ("{status}", "{a.since.clone()}")"</li> }
            })
            .collect_view();
        view! {
            <details class="agreement-history">
                <summary>{t!(i18n, cycle_history_summary)}</summary>
                <ul data-testid="agreement-history">{items}</ul>
            </details>
        }
    });
    let add_forms = manager.then(|| add_forms(i18n, ctx.clone(), &view));
    let profile_view = view.clone();
    let profile_ctx = ctx.clone();
    let planning_form = if manager {
        let act = ctx.act;
        let error = ctx.error;
        let c = ctx.clone();
        let (career, conditions, decided) = (
            view.career.clone(),
            view.conditions.clone(),
            view.manager_decided.clone(),
        );
        let held = view.planning_held_on.clone().unwrap_or_default();
        view! {
            <ActionForm action=act attr:class="no-print stacked-form" attr:data-testid="planning-form">
                <CommandFields ctx=c command="save_planning" />
                <div class="field">
                    <label for="planning-career">{t!(i18n, cycle_planning_career)}</label>
                    <textarea id="planning-career" name="career" rows="3">{career}</textarea>
                </div>
                <div class="field">
                    <label for="planning-conditions">{t!(i18n, cycle_planning_conditions)}</label>
                    <textarea id="planning-conditions" name="conditions" rows="3">{conditions}</textarea>
                </div>
                <div class="field">
                    <label for="planning-decided">{t!(i18n, cycle_planning_decided_label)}</label>
                    <textarea id="planning-decided" name="manager_decided" rows="2">{decided}</textarea>
                </div>
                <div class="field">
                    <label for="planning-held">{t!(i18n, cycle_planning_held_on)}</label>
                    <input id="planning-held" name="held_on" type="date" value=held aria-describedby="planning-held-problem" />
                    <FieldText error field="held_on" id="planning-held-problem".to_string() />
                </div>
                <SubmitButton pending=act.pending() label=t_string!(i18n, cycle_planning_submit).to_string() class="button" />
            </ActionForm>
        }
        .into_any()
    } else {
        view! {
            <dl class="facts">
                <dt>{t!(i18n, cycle_planning_career)}</dt><dd>{view.career.clone()}</dd>
                <dt>{t!(i18n, cycle_planning_conditions)}</dt><dd>{view.conditions.clone()}</dd>
                <dt>{t!(i18n, cycle_planning_decided)}</dt><dd>{view.manager_decided.clone()}</dd>
            </dl>
        }
        .into_any()
    };
    view! {
        <section class="card" aria-labelledby="cycle-planning">
            <h2 id="cycle-planning">{t!(i18n, cycle_planning_heading)}</h2>
            <h3>{t!(i18n, cycle_planning_work)}</h3>
            {work}
            <super::profile::ProfileSection view=profile_view ctx=profile_ctx />
            <h3>{t!(i18n, cycle_planning_development)}</h3>
            {development}
            {add_forms}
            {history}
            <h3>{t!(i18n, cycle_planning_career_heading)}</h3>
            {planning_form}
        </section>
    }
}

/// With JavaScript a done command leaves the page and its forms in place (the reloaded cycle
/// is rendered into the same elements), so the add forms are emptied as a fresh page after a
/// plain post shows them: the next agreement does not start from the previous one's text, its
/// weight or its "crucial" tick. A refused post keeps what was typed, to correct.
pub(super) fn empty_when_done<const N: usize>(
    act: ServerAction<CycleAct>,
    forms: [NodeRef<leptos::html::Form>; N],
) {
    Effect::new(move |seen: Option<()>| {
        let done = matches!(act.value().get(), Some(Ok(_)));
        // Not on the first run: that is the cycle rendered after the command, not a new one.
        if seen.is_some() && done {
            for form in forms {
                if let Some(form) = form.get_untracked() {
                    form.reset();
                }
            }
        }
    });
}

fn add_forms(i18n: leptos_i18n::I18nContext<Locale>, ctx: CycleCtx, view: &CycleView) -> AnyView {
    let act = ctx.act;
    let error = ctx.error;
    let (work_ctx, development_ctx) = (ctx.clone(), ctx);
    let (work_form, development_form) = (NodeRef::new(), NodeRef::new());
    empty_when_done(act, [work_form, development_form]);
    // Development agreements are made on the chosen competencies that have none yet.
    let open: Vec<(String, String)> = view
        .profile
        .iter()
        .flat_map(|p| p.competencies.iter())
        .filter(|c| !c.agreed)
        .map(|c| (c.id.clone(), c.name.clone()))
        .collect();
    let development = if view.profile.is_none() {
        view! { <p class="record-empty">{t!(i18n, cycle_development_no_profile)}</p> }.into_any()
    } else if open.is_empty() {
        view! { <p class="record-empty">{t!(i18n, cycle_development_all_agreed)}</p> }.into_any()
    } else {
        let options = open
            .into_iter()
            .map(|(id, name)| view! { <option value=id>{name}</option> })
            .collect_view();
        view! {
            <ActionForm action=act node_ref=development_form attr:class="no-print stacked-form" attr:data-testid="add-development-agreement">
                <CommandFields ctx=development_ctx command="add_development_agreement" />
                <div class="field">
                    <label for="development-competency">{t!(i18n, cycle_development_competency)}</label>
                    <select id="development-competency" name="competency" required aria-describedby="development-competency-problem">{options}</select>
                    <FieldText error field="competency" id="development-competency-problem".to_string() />
                </div>
                <div class="field">
                    <label for="development-text">{t!(i18n, cycle_development_text)}</label>
                    <textarea id="development-text" name="text" rows="2" required></textarea>
                </div>
                <div class="choice">
                    <input id="development-crucial" name="crucial" type="checkbox" />
                    <label for="development-crucial">{t!(i18n, cycle_development_crucial)}</label>
                </div>
                <SubmitButton pending=act.pending() label=t_string!(i18n, cycle_development_submit).to_string() class="button" />
            </ActionForm>
        }
        .into_any()
    };
    view! {
        <ActionForm action=act node_ref=work_form attr:class="no-print stacked-form" attr:data-testid="add-work-agreement">
            <CommandFields ctx=work_ctx command="add_work_agreement" />
            <div class="field">
                <label for="work-text">{t!(i18n, cycle_work_text)}</label>
                <textarea id="work-text" name="text" rows="2" required></textarea>
            </div>
            <div class="field">
                <label for="work-weight">{t!(i18n, cycle_work_weight)}</label>
                <input id="work-weight" name="weight" type="text" inputmode="decimal" aria-describedby="work-weight-problem" />
                <FieldText error field="weight" id="work-weight-problem".to_string() />
            </div>
            <SubmitButton pending=act.pending() label=t_string!(i18n, cycle_work_submit).to_string() class="button" />
        </ActionForm>
        {development}
    }
    .into_any()
}

fn agreement_list(
    i18n: leptos_i18n::I18nContext<Locale>,
    list: &[AgreementLine],
    work: bool,
    ctx: &CycleCtx,
) -> AnyView {
    if list.is_empty() {
        return view! { <p class="record-empty">{t!(i18n, cycle_agreements_none)}</p> }.into_any();
    }
    let items = list
        .iter()
        .map(|a| {
            let weight = work.then(|| {
                let weight = if a.weight.is_empty() { t_string!(i18n, cycle_agreement_weight_equal).to_string() } else { a.weight.clone() };
                view! { <span class="agreement-weight">{t!(i18n, cycle_agreement_weight_prefix)}{weight}" · "{a.share.clone()}</span> }
            });
            let crucial = a.crucial.then(|| view! { <span class="badge">{t!(i18n, cycle_agreement_crucial)}</span> });
            let competency = (!a.competency.is_empty()).then(|| view! { <strong>{a.competency.clone()}": "</strong> });
            let change = ctx.manager.then(|| change_form(i18n, ctx.clone(), a.clone(), work));
            let text = a.text.clone();
            view! { <li data-testid="agreement">{competency}{text}" "{weight}{crucial}{change}</li> }
        })
        .collect_view();
    view! { <ul class="agreements">{items}</ul> }.into_any()
}

/// Change an agreement (a new version; the old one is kept) or drop it (art. 5).
fn change_form(
    i18n: leptos_i18n::I18nContext<Locale>,
    ctx: CycleCtx,
    a: AgreementLine,
    work: bool,
) -> AnyView {
    let act = ctx.act;
    let drop_ctx = ctx.clone();
    let text_id = format!("change-{}", a.id);
    let text_for = text_id.clone();
    let weight_id = format!("change-weight-{}", a.id);
    let weight_for = weight_id.clone();
    let weight_label = t_string!(i18n, cycle_change_weight).to_string();
    let weight = work.then(move || view! {
        <div class="field">
            <label for=weight_for>{weight_label}</label>
            <input id=weight_id name="weight" type="text" inputmode="decimal" value=a.weight.clone() />
        </div>
    });
    let id = a.id.clone();
    let drop_id = a.id.clone();
    let text = a.text.clone();
    view! {
        <details class="no-print">
            <summary>{t!(i18n, cycle_change_summary)}</summary>
            <ActionForm action=act attr:class="stacked-form">
                <CommandFields ctx command="change_agreement" />
                <input type="hidden" name="agreement_id" value=id />
                <div class="field">
                    <label for=text_for>{t!(i18n, cycle_change_text)}</label>
                    <textarea id=text_id name="text" rows="2" required>{text}</textarea>
                </div>
                {weight}
                <SubmitButton pending=act.pending() label=t_string!(i18n, cycle_change_submit).to_string() class="button" />
            </ActionForm>
            <CommandButton ctx=drop_ctx command="drop_agreement" hidden=vec![("agreement_id", drop_id)]
                label=t_string!(i18n, cycle_change_drop).to_string() />
        </details>
    }
    .into_any()
}

#[component]
pub(super) fn ScanSection(
    view: CycleView,
    ctx: CycleCtx,
    attachable: Vec<AttachableScan>,
    chart: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let body = match &view.scan {
        Some(scan) => {
            // Attached reports are always closed ones: no report left means the scan's
            // retention period removed it, the cycle's copy with it.
            let figures = match scan.report.as_ref() {
                Some(r) => t_string!(
                    i18n,
                    cycle_scan_report,
                    subject = &r.subject_name,
                    number = r.rows.len()
                )
                .to_string(),
                None => t_string!(i18n, cycle_scan_report_removed).to_string(),
            };
            // The figures per competency and group under the report's own anonymity rules:
            // what the manager received, the employee sees (art. 6 lid 10).
            let table = scan.report.clone().map(|report| {
                view! {
                    <crate::pages::report_sections::CompetencyTable view=report />
                }
            });
            view! {
                <p>{figures}</p>
                <div class="chart" data-testid="cycle-scan-chart" inner_html=chart.clone()></div>
                {table}
            }
            .into_any()
        }
        None if ctx.manager => {
            // The new-scan form filled in from the cycle: the employee as subject, the chosen
            // profile's competencies at the scale's level.
            let start_scan = format!("/scans/new?cycle={}", view.id);
            let act = ctx.act;
            let options = attachable
                .iter()
                .map(|s| view! { <option value=s.id.clone()>{format!("{} ({})", s.subject_name, &s.id[..8.min(s.id.len())])}</option> })
                .collect_view();
            let c = ctx.clone();
            let form = (!attachable.is_empty()).then(move || view! {
                <ActionForm action=act attr:class="no-print stacked-form" attr:data-testid="attach-scan">
                    <CommandFields ctx=c command="attach_scan" />
                    <div class="field">
                        <label for="cycle-scan">{t!(i18n, cycle_scan_closed)}</label>
                        <select id="cycle-scan" name="scan_id">{options}</select>
                    </div>
                    <SubmitButton pending=act.pending() label=t_string!(i18n, cycle_scan_attach).to_string() class="button" />
                </ActionForm>
            });
            view! {
                <p>{t!(i18n, cycle_scan_manager_intro)}</p>
                <p class="no-print"><a class="button" href=start_scan data-testid="start-cycle-scan">{t!(i18n, cycle_scan_start)}</a></p>
                {form}
            }
            .into_any()
        }
        None => {
            let c = ctx.clone();
            let requested = view
                .events
                .iter()
                .any(|e| e.action.en.starts_with("360° scan requested"));
            let ask = (!requested).then(move || {
                view! {
                    <CommandButton ctx=c command="request_scan"
                        label=t_string!(i18n, cycle_scan_request).to_string() />
                }
            });
            let asked = requested.then(|| {
                view! {
                    <p data-testid="scan-requested">{t!(i18n, cycle_scan_requested)}</p>
                }
            });
            view! {
                <p>{t!(i18n, cycle_scan_none)}</p>
                {asked}
                {ask}
            }
            .into_any()
        }
    };
    view! {
        <section class="card" aria-labelledby="cycle-scan-heading">
            <h2 id="cycle-scan-heading">{t!(i18n, cycle_scan_heading)}</h2>
            {body}
        </section>
    }
}
