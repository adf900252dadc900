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
        .then(|| view! { <option value="">{t!(i18n, cycle_assessment_not_yet)}</option> });
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
        let overdue = d.overdue.then(|| t_string!(i18n, cycle_assessment_overdue).to_string());
        view! { <p class=if d.overdue { "message message-warning" } else { "help" } data-testid="assessment-deadline">
            {t!(i18n, cycle_assessment_deadline)}{d.label.pick(lang).to_string()}", "{d.by.clone()}{overdue}
        </p> }
    });
    let dates = view! {
        <dl class="facts">
            <dt>{t!(i18n, cycle_stage)}</dt><dd data-testid="assessment-stage">{a.stage_label.pick(lang).to_string()}</dd>
            <dt>{t!(i18n, cycle_assessment_planned_on)}</dt><dd>{a.conversation_on.clone().unwrap_or_else(|| "—".into())}</dd>
            <dt>{t!(i18n, cycle_assessment_released_on)}</dt><dd data-testid="released-on">{a.released_on.clone().unwrap_or_else(|| "—".into())}</dd>
            <dt>{t!(i18n, cycle_assessment_held_on)}</dt><dd>{a.held_on.clone().unwrap_or_else(|| "—".into())}</dd>
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
            <summary>{t!(i18n, cycle_assessment_definitions)}</summary>
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
            .map(|r| view! { <tr><td>{r.text.clone()}{r.crucial.then(|| t_string!(i18n, cycle_assessment_crucial_mark).to_string())}</td><td>{label(i18n, &r.qualification)}</td></tr> })
            .collect_view();
        let career = (!a.career_evaluation.is_empty()).then(|| {
            let text = a.career_evaluation.clone();
            view! {
                <p data-testid=format!("career-{number}")>
                    <strong>{t!(i18n, cycle_assessment_career_evaluated)}</strong>
                    {text}
                </p>
            }
        });
        view! {
            <table class="ratings" data-testid=format!("ratings-{number}")>
                <thead><tr><th scope="col">{t!(i18n, cycle_assessment_agreement_or_competency)}</th><th scope="col">{t!(i18n, cycle_assessment_qualification)}</th></tr></thead>
                <tbody>
                    {rows}
                    <tr><td>{t!(i18n, cycle_knowledge_level)}</td><td>{label(i18n, &a.knowledge)}</td></tr>
                </tbody>
            </table>
            {career}
        }
        .into_any()
    };
    let proposal = match (&a.proposal, &a.proposal_missing) {
        (Some(p), _) => {
            let crucial = (!p.crucial_offered.is_empty()).then(|| view! {
                <p class="message message-warning">{t_string!(i18n, cycle_assessment_crucial_insufficient, competencies = p.crucial_offered.join(", ")).to_string()}</p>
            });
            view! {
                <p data-testid=format!("proposal-{number}")>
                    {t!(i18n, cycle_assessment_proposal_work)}{p.work_agreements.clone()}
                    {t!(i18n, cycle_assessment_proposal_knowledge)}{p.knowledge_and_competencies.clone()}
                    {t!(i18n, cycle_assessment_proposal_together)}{p.score.clone()}" → "<strong>{label(i18n, &p.qualification)}</strong>
                </p>
                {crucial}
            }
            .into_any()
        }
        (None, Some(missing)) => view! { <p class="help">{t!(i18n, cycle_assessment_no_proposal)}{missing.pick(lang).to_string()}</p> }.into_any(),
        (None, None) => ().into_any(),
    };
    let release = if ctx.manager && may("release_concept") {
        let c = ctx.clone();
        Some(view! {
            <CommandButton ctx=c command="release_concept" hidden=n()
                label=t_string!(i18n, cycle_assessment_release).to_string() class="button button-primary" />
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
            t_string!(i18n, cycle_assessment_hold_label).to_string(),
            t_string!(i18n, cycle_assessment_hold_submit).to_string(),
        )
    });
    let set_final = (ctx.manager && may("set_final"))
        .then(|| final_form(i18n, ctx.clone(), a.clone(), "set_final", false));
    let final_facts = a.final_qualification.as_ref().map(|q| {
        let deviation = a.deviation.as_ref().map(|d| d.pick(lang).to_string());
        let basis = a.basis.as_ref().map(|b| b.pick(lang).to_string());
        let reward = a.extra_reward_possible.then(|| view! {
            <p class="message message-ok" data-testid="extra-reward">{t!(i18n, cycle_assessment_extra_reward)}</p>
        });
        view! {
            <dl class="facts" data-testid=format!("final-{number}")>
                <dt>{t!(i18n, cycle_final_qualification)}</dt><dd><strong>{label(i18n, q)}</strong></dd>
                <dt>{t!(i18n, cycle_assessment_basis)}</dt><dd>{basis}</dd>
                <dt>{t!(i18n, cycle_assessment_deviation)}</dt><dd data-testid="deviation">{deviation}</dd>
                <dt>{t!(i18n, cycle_assessment_motivation)}</dt><dd>{a.motivation.clone()}</dd>
                <dt>{t!(i18n, cycle_assessment_set_on)}</dt><dd>{a.set_on.clone().unwrap_or_default()}</dd>
                <dt>{t!(i18n, cycle_assessment_approved_on)}</dt><dd>{a.approved_on.clone().unwrap_or_else(|| "—".into())}</dd>
                <dt>{t!(i18n, cycle_assessment_seen_on)}</dt><dd>{a.seen_on.clone().unwrap_or_else(|| "—".into())}</dd>
                <dt>{t!(i18n, cycle_assessment_objections)}</dt><dd data-testid="objections">{a.objections.clone()}</dd>
                <dt>{t!(i18n, cycle_assessment_objection_held_on)}</dt><dd>{a.objection_held_on.clone().unwrap_or_else(|| "—".into())}</dd>
                <dt>{t!(i18n, cycle_assessment_settled_on)}</dt><dd data-testid="settled-on">{a.settled_on.clone().or_else(|| a.approved_on.clone()).unwrap_or_else(|| "—".into())}</dd>
                <dt>{t!(i18n, cycle_assessment_settlement)}</dt>
                <dd>{a.settlement.as_deref().map(|s| if s == "changed" { t_string!(i18n, cycle_assessment_settlement_changed).to_string() } else { t_string!(i18n, cycle_assessment_settlement_kept).to_string() })}" "{a.settlement_motivation.clone()}</dd>
            </dl>
            {reward}
        }
    });
    let approve = if !ctx.manager && may("approve") {
        let c = ctx.clone();
        Some(view! {
            <CommandButton ctx=c command="approve" hidden=n() label=t_string!(i18n, cycle_assessment_approve).to_string() class="button button-primary" />
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
            t_string!(i18n, cycle_assessment_objection_label).to_string(),
            t_string!(i18n, cycle_assessment_objection_submit).to_string(),
        )
    });
    let settle = (ctx.manager && may("settle"))
        .then(|| final_form(i18n, ctx.clone(), a.clone(), "settle", true));
    let settle_plain = if ctx.manager && may("settle_without_objections") {
        let c = ctx.clone();
        Some(view! {
            <CommandButton ctx=c command="settle_without_objections" hidden=n()
                label=t_string!(i18n, cycle_assessment_settle_plain).to_string() />
        })
    } else {
        None
    };
    let title = if cycle.kind == "probation" || cycle.assessments.len() > 1 {
        t_string!(i18n, cycle_assessment_title_numbered, number).to_string()
    } else {
        t_string!(i18n, cycle_assessment_title).to_string()
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
    let label_text = t_string!(i18n, cycle_assessment_seen_label).to_string();
    let button = t_string!(i18n, cycle_assessment_seen_submit).to_string();
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
                t_string!(i18n, cycle_assessment_kind_work).to_string()
            } else {
                t_string!(i18n, cycle_assessment_kind_competency).to_string()
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
    let day_label = t_string!(i18n, cycle_assessment_conversation_day).to_string();
    let knowledge_label = t_string!(i18n, cycle_knowledge_level).to_string();
    let career_id = format!("career-evaluation-{number}");
    let career_for = career_id.clone();
    let career_label = t_string!(i18n, cycle_assessment_career_label).to_string();
    let career_value = a.career_evaluation.clone();
    let button = t_string!(i18n, cycle_assessment_save_concept).to_string();
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
        let legend = t_string!(i18n, cycle_assessment_settlement_legend).to_string();
        let kept = radio(
            format!("{id}-kept"),
            "settlement",
            "kept",
            true,
            t_string!(i18n, cycle_assessment_keep).to_string(),
        );
        let changed = radio(
            format!("{id}-changed"),
            "settlement",
            "changed",
            false,
            t_string!(i18n, cycle_assessment_change).to_string(),
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
            t_string!(i18n, cycle_assessment_as_proposed),
            proposal_label
        ),
    );
    let crucial_radio = crucial.then(|| {
        radio(
            format!("{id}-crucial"),
            "choice",
            "crucial",
            false,
            t_string!(i18n, cycle_assessment_crucial_choice).to_string(),
        )
    });
    let legend = if after_objections {
        t_string!(i18n, cycle_assessment_final_when_changing).to_string()
    } else {
        t_string!(i18n, cycle_final_qualification).to_string()
    };
    let choice_problem = format!("{id}-choice-problem");
    let motivation_id = format!("{id}-motivation");
    let motivation_for = motivation_id.clone();
    let motivation_problem = format!("{id}-motivation-problem");
    let motivation_label = t_string!(i18n, cycle_assessment_motivation_label).to_string();
    let button = if after_objections {
        t_string!(i18n, cycle_assessment_settle_submit).to_string()
    } else {
        t_string!(i18n, cycle_assessment_final_submit).to_string()
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
