//! Input both parties bring to a conversation (art. 4 lid 3, 5 lid 2) and the progress
//! conversations (art. 5): the topics with who brought them, a form for either party to add one,
//! the progress conversations held (one at least, more on request), each with its day and what
//! was said, and for the manager a form to record the next.

use leptos::prelude::*;

use crate::components::action::SubmitButton;
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
                t_string!(i18n, cycle_role_manager).to_string()
            } else {
                t_string!(i18n, cycle_role_employee).to_string()
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
                <label for="topic-text">{t!(i18n, cycle_topic_label)}</label>
                <textarea id="topic-text" name="text" rows="2" required aria-describedby="topic-text-problem"></textarea>
                <FieldText error field="text" id="topic-text-problem".to_string() />
            </div>
            <SubmitButton pending=act.pending() label=t_string!(i18n, cycle_topic_submit).to_string() class="button" />
        </ActionForm>
    };
    let held = view
        .progress
        .iter()
        .enumerate()
        .map(|(index, p)| {
            let heading = format!(
                "{} {}",
                t_string!(i18n, cycle_progress_conversation),
                index + 1
            );
            let (day, notes) = (p.held_on.clone(), p.notes.clone());
            view! {
                <li data-testid="progress-conversation">
                    <strong>{heading}</strong>" · "{t!(i18n, cycle_progress_held_on_prefix)}{day}
                    <p class="record-text">{notes}</p>
                </li>
            }
        })
        .collect_view();
    let none_yet = view.progress.is_empty().then(|| {
        view! { <p class="record-empty">{t!(i18n, cycle_progress_none)}</p> }
    });
    let progress_form = ctx.manager.then(|| {
        let progress_ctx = ctx.clone();
        let form = NodeRef::new();
        super::planning::empty_when_done(act, [form]);
        let label = if view.progress.is_empty() {
            t_string!(i18n, cycle_progress_submit).to_string()
        } else {
            t_string!(i18n, cycle_progress_submit_another).to_string()
        };
        view! {
            <ActionForm action=act node_ref=form attr:class="no-print stacked-form" attr:data-testid="record-progress">
                <CommandFields ctx=progress_ctx command="record_progress" />
                <div class="field">
                    <label for="progress-held">{t!(i18n, cycle_progress_held_on)}</label>
                    <input id="progress-held" name="held_on" type="date" required aria-describedby="progress-held-problem" />
                    <FieldText error field="held_on" id="progress-held-problem".to_string() />
                </div>
                <div class="field">
                    <label for="progress-notes">{t!(i18n, cycle_progress_notes)}</label>
                    <textarea id="progress-notes" name="notes" rows="4"></textarea>
                </div>
                <SubmitButton pending=act.pending() label=label class="button" />
            </ActionForm>
        }
    });
    let progress = view! {
        <h3>{t!(i18n, cycle_progress_heading)}</h3>
        <ol class="progress-conversations" data-testid="progress-conversations">{held}</ol>
        {none_yet}
        {progress_form}
    };
    view! {
        <section class="card" aria-labelledby="cycle-input">
            <h2 id="cycle-input">{t!(i18n, cycle_input_heading)}</h2>
            <ul data-testid="cycle-topics">{topics}</ul>
            {topic_form}
            {progress}
        </section>
    }
}
