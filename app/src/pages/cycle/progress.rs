//! Input both parties bring to a conversation (art. 4 lid 3, 5 lid 2) and the progress
//! conversation (art. 5): the topics with who brought them, a form for either party to add one,
//! and for the manager the day the progress conversation was held with what was said.

use leptos::prelude::*;

use crate::components::action::SubmitButton;
use crate::components::localized::pick;
use crate::domain::appraisal::view::CycleView;
use crate::i18n::*;

use super::feedback::FieldText;
use super::{CommandFields, CycleCtx};

#[component]
pub(super) fn InputSection(view: CycleView, ctx: CycleCtx) -> impl IntoView {
    let i18n = use_i18n();
    let topics = view
        .topics
        .iter()
        .map(|topic| {
            let by = if topic.added_by == "manager" {
                pick(i18n, "leidinggevende", "manager")
            } else {
                pick(i18n, "medewerker", "employee")
            };
            let text = topic.text.clone();
            view! { <li>{text}" ("{by}")"</li> }
        })
        .collect_view();
    let act = ctx.act;
    let error = ctx.error;
    let topic_ctx = ctx.clone();
    let topic_form = view! {
        <ActionForm action=act attr:class="no-print stacked-form" attr:data-testid="add-topic">
            <CommandFields ctx=topic_ctx command="add_topic" />
            <div class="field">
                <label for="topic-text">{pick(i18n, "Inbreng voor het volgende gesprek", "Input for the next conversation")}</label>
                <textarea id="topic-text" name="text" rows="2" required aria-describedby="topic-text-problem"></textarea>
                <FieldText error field="text" id="topic-text-problem".to_string() />
            </div>
            <SubmitButton pending=act.pending() label=pick(i18n, "Inbreng toevoegen", "Add input") class="button" />
        </ActionForm>
    };
    let progress = if ctx.manager {
        let progress_ctx = ctx.clone();
        let held = view.progress_held_on.clone().unwrap_or_default();
        let notes = view.progress_notes.clone();
        view! {
            <ActionForm action=act attr:class="no-print stacked-form" attr:data-testid="record-progress">
                <CommandFields ctx=progress_ctx command="record_progress" />
                <div class="field">
                    <label for="progress-held">{pick(i18n, "Voortgangsgesprek gevoerd op", "Progress conversation held on")}</label>
                    <input id="progress-held" name="held_on" type="date" required value=held aria-describedby="progress-held-problem" />
                    <FieldText error field="held_on" id="progress-held-problem".to_string() />
                </div>
                <div class="field">
                    <label for="progress-notes">{pick(i18n, "Voortgang per afspraak (wijzigingen legt u hierboven vast)", "Progress per agreement (record changes above)")}</label>
                    <textarea id="progress-notes" name="notes" rows="4">{notes}</textarea>
                </div>
                <SubmitButton pending=act.pending() label=pick(i18n, "Voortgangsgesprek vastleggen", "Record the progress conversation") class="button" />
            </ActionForm>
        }
        .into_any()
    } else {
        let held = view.progress_held_on.clone().unwrap_or_else(|| "—".into());
        let notes = view.progress_notes.clone();
        view! {
            <dl class="facts">
                <dt>{pick(i18n, "Voortgangsgesprek", "Progress conversation")}</dt><dd>{held}</dd>
                <dt>{pick(i18n, "Voortgang", "Progress")}</dt><dd>{notes}</dd>
            </dl>
        }
        .into_any()
    };
    view! {
        <section class="card" aria-labelledby="cycle-input">
            <h2 id="cycle-input">{pick(i18n, "Inbreng en voortgang", "Input and progress")}</h2>
            <ul data-testid="cycle-topics">{topics}</ul>
            {topic_form}
            {progress}
        </section>
    }
}
