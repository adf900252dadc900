//! The planning conversation (art. 3–4) and its changes in progress conversations (art. 5):
//! work agreements with their weights and shares, development agreements on competencies (a
//! crucial one marked, art. 6 lid 7), career and conditions, where the manager decided, and
//! earlier versions kept. Also the 360° scan the manager attached (art. 6 lid 10): its gap chart
//! is what the manager received, and the employee sees the same.

use leptos::prelude::*;

use crate::components::action::SubmitButton;
use crate::components::localized::pick;
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
                let status = if a.status == "dropped" { pick(i18n, "vervallen", "dropped") } else { pick(i18n, "eerdere versie", "earlier version") };
                view! { <li>{a.text.clone()}" ("{status}", "{a.since.clone()}")"</li> }
            })
            .collect_view();
        view! {
            <details class="agreement-history">
                <summary>{pick(i18n, "Eerdere versies en vervallen afspraken", "Earlier versions and dropped agreements")}</summary>
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
                    <label for="planning-career">{pick(i18n, "Loopbaan en levensfase", "Career and life phase")}</label>
                    <textarea id="planning-career" name="career" rows="3">{career}</textarea>
                </div>
                <div class="field">
                    <label for="planning-conditions">{pick(i18n, "Randvoorwaarden", "Conditions")}</label>
                    <textarea id="planning-conditions" name="conditions" rows="3">{conditions}</textarea>
                </div>
                <div class="field">
                    <label for="planning-decided">{pick(i18n, "Waar u het niet eens werd: wat de leidinggevende besliste (art. 4 lid 3)", "Where you disagreed: what the manager decided (art. 4(3))")}</label>
                    <textarea id="planning-decided" name="manager_decided" rows="2">{decided}</textarea>
                </div>
                <div class="field">
                    <label for="planning-held">{pick(i18n, "Planningsgesprek gevoerd op", "Planning conversation held on")}</label>
                    <input id="planning-held" name="held_on" type="date" value=held aria-describedby="planning-held-problem" />
                    <FieldText error field="held_on" id="planning-held-problem".to_string() />
                </div>
                <SubmitButton pending=act.pending() label=pick(i18n, "Planning vastleggen", "Record the planning") class="button" />
            </ActionForm>
        }
        .into_any()
    } else {
        view! {
            <dl class="facts">
                <dt>{pick(i18n, "Loopbaan en levensfase", "Career and life phase")}</dt><dd>{view.career.clone()}</dd>
                <dt>{pick(i18n, "Randvoorwaarden", "Conditions")}</dt><dd>{view.conditions.clone()}</dd>
                <dt>{pick(i18n, "Besluit van de leidinggevende", "The manager's decision")}</dt><dd>{view.manager_decided.clone()}</dd>
            </dl>
        }
        .into_any()
    };
    view! {
        <section class="card" aria-labelledby="cycle-planning">
            <h2 id="cycle-planning">{pick(i18n, "Planning: afspraken", "Planning: agreements")}</h2>
            <h3>{pick(i18n, "Werkafspraken", "Work agreements")}</h3>
            {work}
            <super::profile::ProfileSection view=profile_view ctx=profile_ctx />
            <h3>{pick(i18n, "Ontwikkelafspraken (competenties)", "Development agreements (competencies)")}</h3>
            {development}
            {add_forms}
            {history}
            <h3>{pick(i18n, "Loopbaan, randvoorwaarden en besluiten", "Career, conditions and decisions")}</h3>
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
        view! { <p class="record-empty">{pick(i18n, "Kies eerst het competentieprofiel; dan maakt u hier de ontwikkelafspraken.", "Choose the competency profile first; then make the development agreements here.")}</p> }.into_any()
    } else if open.is_empty() {
        view! { <p class="record-empty">{pick(i18n, "Over elke gekozen competentie is een afspraak gemaakt.", "Every chosen competency has an agreement.")}</p> }.into_any()
    } else {
        let options = open
            .into_iter()
            .map(|(id, name)| view! { <option value=id>{name}</option> })
            .collect_view();
        view! {
            <ActionForm action=act node_ref=development_form attr:class="no-print stacked-form" attr:data-testid="add-development-agreement">
                <CommandFields ctx=development_ctx command="add_development_agreement" />
                <div class="field">
                    <label for="development-competency">{pick(i18n, "Competentie", "Competency")}</label>
                    <select id="development-competency" name="competency" required aria-describedby="development-competency-problem">{options}</select>
                    <FieldText error field="competency" id="development-competency-problem".to_string() />
                </div>
                <div class="field">
                    <label for="development-text">{pick(i18n, "Ontwikkelafspraak: wat de medewerker ontwikkelt of laat zien", "Development agreement: what the employee develops or shows")}</label>
                    <textarea id="development-text" name="text" rows="2" required></textarea>
                </div>
                <div class="choice">
                    <input id="development-crucial" name="crucial" type="checkbox" />
                    <label for="development-crucial">{pick(i18n, "Cruciaal voor de functie (art. 6 lid 7)", "Crucial for the job (art. 6(7))")}</label>
                </div>
                <SubmitButton pending=act.pending() label=pick(i18n, "Ontwikkelafspraak toevoegen", "Add development agreement") class="button" />
            </ActionForm>
        }
        .into_any()
    };
    view! {
        <ActionForm action=act node_ref=work_form attr:class="no-print stacked-form" attr:data-testid="add-work-agreement">
            <CommandFields ctx=work_ctx command="add_work_agreement" />
            <div class="field">
                <label for="work-text">{pick(i18n, "Nieuwe werkafspraak (SMART)", "New work agreement (SMART)")}</label>
                <textarea id="work-text" name="text" rows="2" required></textarea>
            </div>
            <div class="field">
                <label for="work-weight">{pick(i18n, "Gewicht (leeg: gelijk gewicht, art. 4 lid 2)", "Weight (empty: equal weight, art. 4(2))")}</label>
                <input id="work-weight" name="weight" type="text" inputmode="decimal" aria-describedby="work-weight-problem" />
                <FieldText error field="weight" id="work-weight-problem".to_string() />
            </div>
            <SubmitButton pending=act.pending() label=pick(i18n, "Werkafspraak toevoegen", "Add work agreement") class="button" />
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
        return view! { <p class="record-empty">{pick(i18n, "Nog geen afspraken.", "No agreements yet.")}</p> }.into_any();
    }
    let items = list
        .iter()
        .map(|a| {
            let weight = work.then(|| {
                let weight = if a.weight.is_empty() { pick(i18n, "gelijk", "equal") } else { a.weight.clone() };
                view! { <span class="agreement-weight">{pick(i18n, "gewicht ", "weight ")}{weight}" · "{a.share.clone()}</span> }
            });
            let crucial = a.crucial.then(|| view! { <span class="badge">{pick(i18n, "cruciaal", "crucial")}</span> });
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
    let weight_label = pick(i18n, "Gewicht", "Weight");
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
            <summary>{pick(i18n, "Wijzigen of laten vervallen", "Change or drop")}</summary>
            <ActionForm action=act attr:class="stacked-form">
                <CommandFields ctx command="change_agreement" />
                <input type="hidden" name="agreement_id" value=id />
                <div class="field">
                    <label for=text_for>{pick(i18n, "Nieuwe tekst (de vorige versie blijft bewaard)", "New text (the previous version is kept)")}</label>
                    <textarea id=text_id name="text" rows="2" required>{text}</textarea>
                </div>
                {weight}
                <SubmitButton pending=act.pending() label=pick(i18n, "Wijziging vastleggen", "Record the change") class="button" />
            </ActionForm>
            <CommandButton ctx=drop_ctx command="drop_agreement" hidden=vec![("agreement_id", drop_id)]
                label=pick(i18n, "Laten vervallen", "Drop") />
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
            let figures = scan.report.as_ref().map(|r| {
                pick(
                    i18n,
                    &format!("Rapport van de 360°-scan over {} ({} competenties), zoals de leidinggevende het ontving; dezelfde anonimiteitsregels gelden.", r.subject_name, r.rows.len()),
                    &format!("Report of the 360° scan about {} ({} competencies), as the manager received it; the same anonymity rules apply.", r.subject_name, r.rows.len()),
                )
            });
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
                        <label for="cycle-scan">{pick(i18n, "Gesloten scan over deze medewerker", "Closed scan about this employee")}</label>
                        <select id="cycle-scan" name="scan_id">{options}</select>
                    </div>
                    <SubmitButton pending=act.pending() label=pick(i18n, "Scan bijvoegen", "Attach the scan") class="button" />
                </ActionForm>
            });
            view! {
                <p>{pick(i18n, "De informanten geven hun input met een 360°-scan (art. 6 lid 10). Start er een over deze medewerker; na het sluiten voegt u het rapport hier bij, en de medewerker ziet wat u ontving.", "Informants give their input through a 360° scan (art. 6(10)). Start one about this employee; once closed, attach its report here, and the employee sees what you received.")}</p>
                <p class="no-print"><a class="button" href="/scans/new">{pick(i18n, "360°-scan starten", "Start a 360° scan")}</a></p>
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
            let ask = (!requested).then(move || view! {
                <CommandButton ctx=c command="request_scan"
                    label=pick(i18n, "Mijn leidinggevende om een 360°-scan vragen", "Ask my manager for a 360° scan") />
            });
            let asked = requested.then(|| view! {
                <p data-testid="scan-requested">{pick(i18n, "U hebt om een 360°-scan gevraagd.", "You asked for a 360° scan.")}</p>
            });
            view! {
                <p>{pick(i18n, "Er is (nog) geen 360°-scan bijgevoegd. U kunt uw leidinggevende om een scan vragen (art. 6 lid 10).", "No 360° scan is attached (yet). You may ask your manager for one (art. 6(10)).")}</p>
                {asked}
                {ask}
            }
            .into_any()
        }
    };
    view! {
        <section class="card" aria-labelledby="cycle-scan-heading">
            <h2 id="cycle-scan-heading">{pick(i18n, "Input van informanten (360°-scan)", "Informants' input (360° scan)")}</h2>
            {body}
        </section>
    }
}
