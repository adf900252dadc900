//! When and where: the plan as facts, the warning when less time is planned than the type asks
//! (a warning, never a refusal), and for the planner the form that sets or changes it.

use leptos::prelude::*;

use crate::components::action::SubmitButton;
use crate::components::localized::date_text;
use crate::domain::conversation::{RecordAction, RecordView};
use crate::i18n::*;

use super::feedback::{FieldProblemText, described_by, invalid_flag};
use super::{CommandFields, RecordCtx};

const FORM: &str = "plan";

#[component]
pub(super) fn PlanSection(view: RecordView, ctx: RecordCtx) -> impl IntoView {
    let i18n = use_i18n();
    let plan = view.plan.clone();
    let facts = match &plan {
        Some(plan) => view! {
            <dl class="facts" data-testid="record-plan">
                <dt>{t!(i18n, conv_plan_date)}</dt><dd>{date_text(i18n, plan.starts_at)}</dd>
                <dt>{t!(i18n, conv_plan_time)}</dt><dd>{plan.start_time.clone()}</dd>
                <dt>{t!(i18n, conv_plan_place)}</dt><dd>{plan.place.clone()}</dd>
                <dt>{t!(i18n, conv_plan_duration)}</dt>
                <dd>{t_string!(i18n, conv_minutes, minutes = plan.duration_minutes).to_string()}</dd>
            </dl>
        }
        .into_any(),
        None => view! { <p class="record-empty">{t!(i18n, conv_plan_none)}</p> }.into_any(),
    };
    let warning = view.duration_warning.clone().map(|text| {
        view! { <div class="message message-warning" data-testid="duration-warning"><p>{text}</p></div> }
    });
    let form = ctx.may(RecordAction::Plan).then(|| {
        let typed = ctx.typed("plan").cloned();
        let value = |typed_value: Option<&str>, stored: String| {
            typed_value.map(str::to_owned).unwrap_or(stored)
        };
        let starts_on = value(
            typed.as_ref().map(|t| t.starts_on.as_str()),
            plan.as_ref().map(|p| p.starts_on.clone()).unwrap_or_default(),
        );
        let starts_at = value(
            typed.as_ref().map(|t| t.starts_at.as_str()),
            plan.as_ref().map(|p| p.start_time.clone()).unwrap_or_default(),
        );
        let place = value(
            typed.as_ref().map(|t| t.place.as_str()),
            plan.as_ref().map(|p| p.place.clone()).unwrap_or_default(),
        );
        let duration = value(
            typed.as_ref().map(|t| t.duration_minutes.as_str()),
            plan.as_ref()
                .map(|p| p.duration_minutes.to_string())
                .unwrap_or_else(|| "90".to_owned()),
        );
        let error = ctx.error;
        let act = ctx.act;
        let field = |name: &str| name.to_owned();
        let form_ctx = ctx.clone();
        view! {
            <ActionForm action=act attr:class="no-print stack" attr:novalidate="">
                <CommandFields ctx=form_ctx command="plan" />
                <h3>{t!(i18n, conv_plan_form)}</h3>
                <div class="field">
                    <label for="plan-starts-on">{t!(i18n, conv_plan_date)}</label>
                    <input id="plan-starts-on" type="date" name="starts_on" value=starts_on required
                        aria-invalid=invalid_flag(error, field("starts_on"))
                        aria-describedby=described_by(error, FORM, field("starts_on"), None) />
                    <FieldProblemText error form=FORM field="starts_on" />
                </div>
                <div class="field">
                    <label for="plan-starts-at">{t!(i18n, conv_plan_time)}</label>
                    <input id="plan-starts-at" type="time" name="starts_at" value=starts_at required
                        aria-invalid=invalid_flag(error, field("starts_at"))
                        aria-describedby=described_by(error, FORM, field("starts_at"), None) />
                    <FieldProblemText error form=FORM field="starts_at" />
                </div>
                <div class="field">
                    <label for="plan-place">{t!(i18n, conv_plan_place)}</label>
                    <input id="plan-place" type="text" name="place" value=place required
                        aria-invalid=invalid_flag(error, field("place"))
                        aria-describedby=described_by(error, FORM, field("place"), None) />
                    <FieldProblemText error form=FORM field="place" />
                </div>
                <div class="field">
                    <label for="plan-duration">{t!(i18n, conv_plan_duration_minutes)}</label>
                    <input id="plan-duration" type="number" name="duration_minutes" min="15" max="600"
                        step="5" value=duration required
                        aria-invalid=invalid_flag(error, field("duration_minutes"))
                        aria-describedby=described_by(error, FORM, field("duration_minutes"),
                            Some("plan-duration-help".to_owned())) />
                    <p class="help" id="plan-duration-help">{t!(i18n, conv_plan_duration_help)}</p>
                    <FieldProblemText error form=FORM field="duration_minutes" />
                </div>
                <SubmitButton pending=act.pending() class="button-primary"
                    label=t_string!(i18n, conv_plan_save).to_string() />
            </ActionForm>
        }
    });
    view! {
        <section class="card" id="plan" aria-labelledby="record-plan-heading">
            <h2 id="record-plan-heading">{t!(i18n, conv_plan)}</h2>
            {facts}
            {warning}
            {form}
        </section>
    }
}
