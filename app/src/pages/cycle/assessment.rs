//! One assessment (art. 6) as it stands: its stage and the deadline it waits on, the ratings on
//! the five qualifications with their definitions (lid 5), the proposal from the weights (lid 6,
//! arithmetic in the README) and the manager's setting with its motivation and any deviation
//! (lid 8), the crucial-competency choice (lid 7), the employee's approval or "voor gezien" with
//! objections (lid 11), the objection conversation and the final setting (lid 12). Forms appear
//! as the view's `allowed` list says.

use leptos::prelude::*;

use crate::components::action::SubmitButton;
use crate::components::localized::{language, pick};
use crate::domain::appraisal::qualification::Qualification;
use crate::domain::appraisal::view::{AssessmentView, CycleView};
use crate::i18n::*;

use super::feedback::FieldText;
use super::{CommandButton, CommandFields, CycleCtx};

fn label(i18n: leptos_i18n::I18nContext<Locale>, code: &str) -> String {
    match Qualification::parse(code) {
        Ok(q) => pick(i18n, q.label().nl, q.label().en),
        Err(_) => "—".into(),
    }
}

/// A select of the five qualifications, the current one chosen.
fn qualification_select(
    i18n: leptos_i18n::I18nContext<Locale>,
    id: String,
    name: &'static str,
    current: &str,
    with_empty: bool,
) -> AnyView {
    let options = Qualification::ALL
        .into_iter()
        .map(|q| {
            let selected = q.code() == current;
            view! { <option value=q.code() selected=selected title=pick(i18n, q.definition().nl, q.definition().en)>{pick(i18n, q.label().nl, q.label().en)}</option> }
        })
        .collect_view();
    let empty = with_empty
        .then(|| view! { <option value="">{pick(i18n, "— nog niet —", "— not yet —")}</option> });
    view! { <select id=id name=name>{empty}{options}</select> }.into_any()
}

#[component]
pub(super) fn AssessmentSection(
    a: AssessmentView,
    cycle: CycleView,
    ctx: CycleCtx,
) -> impl IntoView {
    let i18n = use_i18n();
    let lang = language(i18n);
    let number = a.number;
    let heading_id = format!("assessment-{number}");
    let may = |command: &str| a.allowed.iter().any(|c| c == command);
    let n = || vec![("number", number.to_string())];
    let deadline = a.next_deadline.as_ref().map(|d| {
        let overdue = d.overdue.then(|| pick(i18n, " — verlopen", " — overdue"));
        view! { <p class=if d.overdue { "message message-warning" } else { "help" } data-testid="assessment-deadline">
            {pick(i18n, "Termijn: ", "Deadline: ")}{d.label.pick(lang).to_string()}", "{d.by.clone()}{overdue}
        </p> }
    });
    let dates = view! {
        <dl class="facts">
            <dt>{pick(i18n, "Fase", "Stage")}</dt><dd data-testid="assessment-stage">{a.stage_label.pick(lang).to_string()}</dd>
            <dt>{pick(i18n, "Gesprek gepland", "Conversation planned")}</dt><dd>{a.conversation_on.clone().unwrap_or_else(|| "—".into())}</dd>
            <dt>{pick(i18n, "Concept vrijgegeven", "Concept released")}</dt><dd data-testid="released-on">{a.released_on.clone().unwrap_or_else(|| "—".into())}</dd>
            <dt>{pick(i18n, "Gesprek gevoerd", "Conversation held")}</dt><dd>{a.held_on.clone().unwrap_or_else(|| "—".into())}</dd>
        </dl>
    };
    // The five qualifications with their definitions (art. 6 lid 5), beside the ratings.
    let definitions = Qualification::ALL
        .into_iter()
        .map(|q| {
            view! {
                <dt>{pick(i18n, q.label().nl, q.label().en)}</dt>
                <dd>{pick(i18n, q.definition().nl, q.definition().en)}</dd>
            }
        })
        .collect_view();
    let definitions = view! {
        <details class="qualification-definitions" data-testid=format!("definitions-{number}")>
            <summary>{pick(i18n, "De vijf kwalificaties en wat ze betekenen (art. 6 lid 5)", "The five qualifications and what they mean (art. 6(5))")}</summary>
            <dl class="facts">{definitions}</dl>
        </details>
    };
    // The ratings: a form while the concept may be edited, else a table.
    let ratings = if ctx.manager && may("save_concept") {
        concept_form(i18n, ctx.clone(), a.clone())
    } else {
        let rows = a
            .ratings
            .iter()
            .map(|r| view! { <tr><td>{r.text.clone()}{r.crucial.then(|| pick(i18n, " (cruciaal)", " (crucial)"))}</td><td>{label(i18n, &r.qualification)}</td></tr> })
            .collect_view();
        let career = (!a.career_evaluation.is_empty()).then(|| {
            let text = a.career_evaluation.clone();
            view! {
                <p data-testid=format!("career-{number}")>
                    <strong>{pick(i18n, "Loopbaanafspraken (geëvalueerd, wegen niet mee, art. 6 lid 4): ", "Career agreements (evaluated, never weighed, art. 6(4)): ")}</strong>
                    {text}
                </p>
            }
        });
        view! {
            <table class="ratings" data-testid=format!("ratings-{number}")>
                <thead><tr><th scope="col">{pick(i18n, "Afspraak of competentie", "Agreement or competency")}</th><th scope="col">{pick(i18n, "Kwalificatie", "Qualification")}</th></tr></thead>
                <tbody>
                    {rows}
                    <tr><td>{pick(i18n, "Kennisniveau", "Knowledge level")}</td><td>{label(i18n, &a.knowledge)}</td></tr>
                </tbody>
            </table>
            {career}
        }
        .into_any()
    };
    let proposal = match (&a.proposal, &a.proposal_missing) {
        (Some(p), _) => {
            let crucial = (!p.crucial_offered.is_empty()).then(|| view! {
                <p class="message message-warning">{pick(
                    i18n,
                    &format!("Een cruciale competentie is onvoldoende beoordeeld ({}): de leidinggevende kan de eindkwalificatie onvoldoende geven (art. 6 lid 7).", p.crucial_offered.join(", ")),
                    &format!("A crucial competency is rated insufficient ({}): the manager may give insufficient as final (art. 6(7)).", p.crucial_offered.join(", ")),
                )}</p>
            });
            view! {
                <p data-testid=format!("proposal-{number}")>
                    {pick(i18n, "Voorstel (art. 6 lid 6): werkafspraken ", "Proposal (art. 6(6)): work agreements ")}{p.work_agreements.clone()}
                    {pick(i18n, ", kennis en competenties ", ", knowledge and competencies ")}{p.knowledge_and_competencies.clone()}
                    {pick(i18n, ", samen (50/50) ", ", together (50/50) ")}{p.score.clone()}" → "<strong>{label(i18n, &p.qualification)}</strong>
                </p>
                {crucial}
            }
            .into_any()
        }
        (None, Some(missing)) => view! { <p class="help">{pick(i18n, "Nog geen voorstel: ", "No proposal yet: ")}{missing.pick(lang).to_string()}</p> }.into_any(),
        (None, None) => ().into_any(),
    };
    let release = if ctx.manager && may("release_concept") {
        let c = ctx.clone();
        Some(view! {
            <CommandButton ctx=c command="release_concept" hidden=n()
                label=pick(i18n, "Concept vrijgeven aan de medewerker", "Release the concept to the employee") class="button button-primary" />
        })
    } else {
        None
    };
    let hold = (ctx.manager && may("hold_assessment")).then(|| {
        date_form(
            i18n,
            ctx.clone(),
            number,
            "hold_assessment",
            pick(
                i18n,
                "Beoordelingsgesprek gevoerd op",
                "Assessment conversation held on",
            ),
            pick(i18n, "Gesprek vastleggen", "Record the conversation"),
        )
    });
    let set_final = (ctx.manager && may("set_final"))
        .then(|| final_form(i18n, ctx.clone(), a.clone(), "set_final", false));
    let final_facts = a.final_qualification.as_ref().map(|q| {
        let deviation = a.deviation.as_ref().map(|d| d.pick(lang).to_string());
        let basis = a.basis.as_ref().map(|b| b.pick(lang).to_string());
        let reward = a.extra_reward_possible.then(|| view! {
            <p class="message message-ok" data-testid="extra-reward">{pick(i18n, "Bij deze eindkwalificatie kan een extra beloning worden toegekend (art. 6 lid 9).", "With this final qualification an extra reward may be granted (art. 6(9)).")}</p>
        });
        view! {
            <dl class="facts" data-testid=format!("final-{number}")>
                <dt>{pick(i18n, "Eindkwalificatie", "Final qualification")}</dt><dd><strong>{label(i18n, q)}</strong></dd>
                <dt>{pick(i18n, "Grond", "Basis")}</dt><dd>{basis}</dd>
                <dt>{pick(i18n, "Ten opzichte van het voorstel", "Against the proposal")}</dt><dd data-testid="deviation">{deviation}</dd>
                <dt>{pick(i18n, "Motivering", "Motivation")}</dt><dd>{a.motivation.clone()}</dd>
                <dt>{pick(i18n, "Gegeven op", "Given on")}</dt><dd>{a.set_on.clone().unwrap_or_default()}</dd>
                <dt>{pick(i18n, "Akkoord medewerker", "Employee's approval")}</dt><dd>{a.approved_on.clone().unwrap_or_else(|| "—".into())}</dd>
                <dt>{pick(i18n, "Voor gezien getekend", "Signed as seen")}</dt><dd>{a.seen_on.clone().unwrap_or_else(|| "—".into())}</dd>
                <dt>{pick(i18n, "Bedenkingen", "Objections")}</dt><dd data-testid="objections">{a.objections.clone()}</dd>
                <dt>{pick(i18n, "Bedenkingengesprek", "Objection conversation")}</dt><dd>{a.objection_held_on.clone().unwrap_or_else(|| "—".into())}</dd>
                <dt>{pick(i18n, "Vastgesteld", "Set")}</dt><dd data-testid="settled-on">{a.settled_on.clone().or_else(|| a.approved_on.clone()).unwrap_or_else(|| "—".into())}</dd>
                <dt>{pick(i18n, "Besluit na bedenkingen", "Decision after objections")}</dt>
                <dd>{a.settlement.as_deref().map(|s| if s == "changed" { pick(i18n, "gewijzigd", "changed") } else { pick(i18n, "gehandhaafd", "kept") })}" "{a.settlement_motivation.clone()}</dd>
            </dl>
            {reward}
        }
    });
    let approve = if !ctx.manager && may("approve") {
        let c = ctx.clone();
        Some(view! {
            <CommandButton ctx=c command="approve" hidden=n() label=pick(i18n, "Akkoord", "Approve") class="button button-primary" />
        })
    } else {
        None
    };
    let seen = (!ctx.manager && may("sign_seen")).then(|| seen_form(i18n, ctx.clone(), number));
    let objection = (ctx.manager && may("hold_objection_conversation")).then(|| {
        date_form(
            i18n,
            ctx.clone(),
            number,
            "hold_objection_conversation",
            pick(
                i18n,
                "Bedenkingengesprek gevoerd op",
                "Objection conversation held on",
            ),
            pick(
                i18n,
                "Bedenkingengesprek vastleggen",
                "Record the objection conversation",
            ),
        )
    });
    let settle = (ctx.manager && may("settle"))
        .then(|| final_form(i18n, ctx.clone(), a.clone(), "settle", true));
    let settle_plain = if ctx.manager && may("settle_without_objections") {
        let c = ctx.clone();
        Some(view! {
            <CommandButton ctx=c command="settle_without_objections" hidden=n()
                label=pick(i18n, "Vaststellen (geen bedenkingen binnen twee weken)", "Set (no objections within two weeks)") />
        })
    } else {
        None
    };
    let title = if cycle.kind == "probation" || cycle.assessments.len() > 1 {
        pick(
            i18n,
            &format!("Beoordeling {number}"),
            &format!("Assessment {number}"),
        )
    } else {
        pick(i18n, "Beoordeling", "Assessment")
    };
    let section_id = format!("assessment-{number}");
    let stage = a.stage.clone();
    let labelled_by = heading_id.clone();
    view! {
        <section class="card assessment" aria-labelledby=labelled_by data-testid=section_id data-stage=stage>
            <h2 id=heading_id>{title}</h2>
            {deadline}
            {dates}
            {definitions}
            {ratings}
            {proposal}
            {release}
            {hold}
            {set_final}
            {final_facts}
            {approve}
            {seen}
            {objection}
            {settle}
            {settle_plain}
        </section>
    }
}

fn date_form(
    i18n: leptos_i18n::I18nContext<Locale>,
    ctx: CycleCtx,
    number: i64,
    command: &'static str,
    label_text: String,
    button: String,
) -> AnyView {
    let _ = i18n;
    let act = ctx.act;
    let error = ctx.error;
    let form_id = format!("{command}-{number}");
    let input_id = format!("{form_id}-on");
    let problem_id = format!("{form_id}-problem");
    let label_for = input_id.clone();
    let number = number.to_string();
    view! {
        <ActionForm action=act attr:class="no-print stacked-form" attr:data-testid=form_id>
            <CommandFields ctx command />
            <input type="hidden" name="number" value=number />
            <div class="field">
                <label for=label_for>{label_text}</label>
                <input id=input_id name="held_on" type="date" required />
                <FieldText error field="held_on" id=problem_id />
            </div>
            <SubmitButton pending=act.pending() label=button class="button" />
        </ActionForm>
    }
    .into_any()
}

/// The employee's "voor gezien" with objections (art. 6 lid 11).
fn seen_form(i18n: leptos_i18n::I18nContext<Locale>, ctx: CycleCtx, number: i64) -> AnyView {
    let act = ctx.act;
    let error = ctx.error;
    let form_id = format!("seen-form-{number}");
    let input_id = format!("objections-{number}");
    let label_for = input_id.clone();
    let problem_id = format!("objections-{number}-problem");
    let label_text = pick(
        i18n,
        "Niet akkoord? Teken voor gezien en schrijf uw bedenkingen (binnen twee weken na het gesprek, art. 6 lid 11)",
        "Not agreed? Sign as seen and write your objections (within two weeks of the conversation, art. 6(11))",
    );
    let button = pick(
        i18n,
        "Voor gezien tekenen en bedenkingen indienen",
        "Sign as seen and file objections",
    );
    let number = number.to_string();
    view! {
        <ActionForm action=act attr:class="no-print stacked-form" attr:data-testid=form_id>
            <CommandFields ctx command="sign_seen" />
            <input type="hidden" name="number" value=number />
            <div class="field">
                <label for=label_for>{label_text}</label>
                <textarea id=input_id name="objections" rows="4" required></textarea>
                <FieldText error field="objections" id=problem_id />
            </div>
            <SubmitButton pending=act.pending() label=button class="button" />
        </ActionForm>
    }
    .into_any()
}

/// The concept's ratings: a select of the five qualifications per agreement and the knowledge
/// level, and the conversation day (art. 6 lid 3, 5).
fn concept_form(
    i18n: leptos_i18n::I18nContext<Locale>,
    ctx: CycleCtx,
    a: AssessmentView,
) -> AnyView {
    let act = ctx.act;
    let error = ctx.error;
    let number = a.number;
    let rows = a
        .ratings
        .iter()
        .map(|r| {
            let id = format!("rate-{number}-{}", r.agreement_id);
            let label_for = id.clone();
            let problem_id = format!("{id}-problem");
            let field = format!("rating_{}", r.agreement_id);
            let kind = if r.kind == "work" {
                pick(i18n, "werkafspraak", "work agreement")
            } else {
                pick(i18n, "competentie", "competency")
            };
            let select = qualification_select(i18n, id, "rating[]", &r.qualification, true);
            let rated = r.agreement_id.clone();
            let text = r.text.clone();
            view! {
                <div class="field">
                    <input type="hidden" name="rated_id[]" value=rated />
                    <label for=label_for>{text}" ("{kind}")"</label>
                    {select}
                    <FieldText error field id=problem_id />
                </div>
            }
        })
        .collect_view();
    let form_id = format!("concept-form-{number}");
    let day_id = format!("conversation-on-{number}");
    let day_for = day_id.clone();
    let day_problem = format!("conversation-on-{number}-problem");
    let day_value = a.conversation_on.clone().unwrap_or_default();
    let knowledge_id = format!("knowledge-{number}");
    let knowledge_for = knowledge_id.clone();
    let knowledge_problem = format!("knowledge-{number}-problem");
    let knowledge = qualification_select(i18n, knowledge_id, "knowledge", &a.knowledge, true);
    let day_label = pick(
        i18n,
        "Dag van het beoordelingsgesprek",
        "Day of the assessment conversation",
    );
    let knowledge_label = pick(i18n, "Kennisniveau", "Knowledge level");
    let career_id = format!("career-evaluation-{number}");
    let career_for = career_id.clone();
    let career_label = pick(
        i18n,
        "Evaluatie van de loopbaanafspraken (weegt niet mee in de eindbeoordeling, art. 6 lid 4)",
        "Evaluation of the career agreements (not weighed in the final assessment, art. 6(4))",
    );
    let career_value = a.career_evaluation.clone();
    let button = pick(i18n, "Concept opslaan", "Save the concept");
    let number = number.to_string();
    view! {
        <ActionForm action=act attr:class="no-print stacked-form" attr:data-testid=form_id>
            <CommandFields ctx command="save_concept" />
            <input type="hidden" name="number" value=number />
            <div class="field">
                <label for=day_for>{day_label}</label>
                <input id=day_id name="conversation_on" type="date" required value=day_value />
                <FieldText error field="conversation_on" id=day_problem />
            </div>
            {rows}
            <div class="field">
                <label for=knowledge_for>{knowledge_label}</label>
                {knowledge}
                <FieldText error field="knowledge" id=knowledge_problem />
            </div>
            <div class="field">
                <label for=career_for>{career_label}</label>
                <textarea id=career_id name="career_evaluation" rows="3">{career_value}</textarea>
            </div>
            <SubmitButton pending=act.pending() label=button class="button" />
        </ActionForm>
    }
    .into_any()
}

/// The manager's setting: the proposal, another label, or the crucial rule, with a motivation.
/// After objections (`settle`), first whether the assessment changes or stays.
fn final_form(
    i18n: leptos_i18n::I18nContext<Locale>,
    ctx: CycleCtx,
    a: AssessmentView,
    command: &'static str,
    after_objections: bool,
) -> AnyView {
    let act = ctx.act;
    let error = ctx.error;
    let number = a.number;
    let id = format!("{command}-{number}");
    let proposal_label = a
        .proposal
        .as_ref()
        .map(|p| label(i18n, &p.qualification))
        .unwrap_or_default();
    let crucial = a
        .proposal
        .as_ref()
        .is_some_and(|p| !p.crucial_offered.is_empty());
    let radio = |rid: String,
                 name: &'static str,
                 value: &'static str,
                 checked: bool,
                 text: String| {
        let rfor = rid.clone();
        view! { <div class="choice"><input type="radio" id=rid name=name value=value checked=checked /><label for=rfor>{text}</label></div> }
    };
    let labels = Qualification::ALL
        .into_iter()
        .map(|q| {
            radio(
                format!("{id}-choice-{}", q.code()),
                "choice",
                q.code(),
                false,
                pick(i18n, q.label().nl, q.label().en),
            )
        })
        .collect_view();
    let settlement = after_objections.then(|| {
        let legend = pick(
            i18n,
            "Na het bedenkingengesprek (art. 6 lid 12)",
            "After the objection conversation (art. 6(12))",
        );
        let kept = radio(
            format!("{id}-kept"),
            "settlement",
            "kept",
            true,
            pick(
                i18n,
                "Beoordeling handhaven, met schriftelijke motivering",
                "Keep the assessment, with written reasons",
            ),
        );
        let changed = radio(
            format!("{id}-changed"),
            "settlement",
            "changed",
            false,
            pick(i18n, "Beoordeling wijzigen", "Change the assessment"),
        );
        let problem_id = format!("{id}-settlement-problem");
        view! {
            <fieldset>
                <legend>{legend}</legend>
                {kept}
                {changed}
                <FieldText error field="settlement" id=problem_id />
            </fieldset>
        }
    });
    let proposal_radio = radio(
        format!("{id}-proposal"),
        "choice",
        "proposal",
        true,
        format!(
            "{}{}",
            pick(i18n, "Zoals voorgesteld: ", "As proposed: "),
            proposal_label
        ),
    );
    let crucial_radio = crucial.then(|| {
        radio(
            format!("{id}-crucial"),
            "choice",
            "crucial",
            false,
            pick(
                i18n,
                "Onvoldoende op grond van een cruciale competentie (art. 6 lid 7)",
                "Insufficient because of a crucial competency (art. 6(7))",
            ),
        )
    });
    let legend = if after_objections {
        pick(
            i18n,
            "Eindkwalificatie bij wijzigen",
            "Final qualification when changing",
        )
    } else {
        pick(i18n, "Eindkwalificatie", "Final qualification")
    };
    let choice_problem = format!("{id}-choice-problem");
    let motivation_id = format!("{id}-motivation");
    let motivation_for = motivation_id.clone();
    let motivation_problem = format!("{id}-motivation-problem");
    let motivation_label = pick(
        i18n,
        "Motivering (verplicht, art. 6 lid 8)",
        "Motivation (required, art. 6(8))",
    );
    let button = if after_objections {
        pick(i18n, "Beoordeling vaststellen", "Set the assessment")
    } else {
        pick(
            i18n,
            "Eindkwalificatie geven",
            "Give the final qualification",
        )
    };
    let number = number.to_string();
    view! {
        <ActionForm action=act attr:class="no-print stacked-form" attr:data-testid=id>
            <CommandFields ctx command />
            <input type="hidden" name="number" value=number />
            {settlement}
            <fieldset>
                <legend>{legend}</legend>
                {proposal_radio}
                {labels}
                {crucial_radio}
                <FieldText error field="choice" id=choice_problem />
            </fieldset>
            <div class="field">
                <label for=motivation_for>{motivation_label}</label>
                <textarea id=motivation_id name="motivation" rows="4" required></textarea>
                <FieldText error field="motivation" id=motivation_problem />
            </div>
            <SubmitButton pending=act.pending() label=button class="button button-primary" />
        </ActionForm>
    }
    .into_any()
}
