//! The agenda: its items (the type's sample agenda first, then what the parties added, each
//! with who added it), the form to add a topic (the person discussed and the participants,
//! until the conversation is held) and, for the planner, sending it to every party.

use leptos::prelude::*;

use crate::components::action::SubmitButton;
use crate::domain::conversation::{RecordAction, RecordView};
use crate::i18n::*;

use super::feedback::{FieldProblemText, described_by, invalid_flag};
use super::{CommandButton, CommandFields, RecordCtx};

const FORM: &str = "agenda";

#[component]
pub(super) fn AgendaPart(view: RecordView, ctx: RecordCtx) -> impl IntoView {
    let i18n = use_i18n();
    let items = view
        .agenda
        .iter()
        .map(|item| {
            let by = item
                .added_by
                .clone()
                .map(|by| view! { " " <small class="help">{format!("({by})")}</small> });
            view! { <li>{item.text.clone()}{by}</li> }
        })
        .collect_view();
    let empty = view.agenda.is_empty();
    let add = ctx.may(RecordAction::AddTopic).then(|| {
        let act = ctx.act;
        let error = ctx.error;
        let typed = ctx
            .typed("add_topic")
            .map(|t| t.text.clone())
            .unwrap_or_default();
        let form_ctx = ctx.clone();
        view! {
            <ActionForm action=act attr:class="no-print stack">
                <CommandFields ctx=form_ctx command="add_topic" />
                <div class="field">
                    <label for="agenda-topic">{t!(i18n, conv_agenda_topic)}</label>
                    <textarea id="agenda-topic" name="text" rows="2" required
                        aria-invalid=invalid_flag(error, "text".to_owned())
                        aria-describedby=described_by(error, FORM, "text".to_owned(),
                            Some("agenda-topic-help".to_owned()))>{typed}</textarea>
                    <p class="help" id="agenda-topic-help">{t!(i18n, conv_agenda_topic_help)}</p>
                    <FieldProblemText error form=FORM field="text" />
                </div>
                <SubmitButton pending=act.pending()
                    label=t_string!(i18n, conv_agenda_add).to_string() />
            </ActionForm>
        }
    });
    let send = ctx.may(RecordAction::SendAgenda).then(|| {
        view! {
            <p class="help no-print">{t!(i18n, conv_agenda_send_help)}</p>
            <CommandButton ctx=ctx.clone() command="send_agenda"
                label=t_string!(i18n, conv_agenda_send).to_string() class="button button-primary" />
        }
    });
    view! {
        <section class="card" id="agenda" aria-labelledby="record-agenda">
            <h2 id="record-agenda">{t!(i18n, conv_agenda)}</h2>
            {if empty {
                view! { <p class="record-empty">{t!(i18n, conv_agenda_empty)}</p> }.into_any()
            } else {
                view! { <ol data-testid="record-agenda">{items}</ol> }.into_any()
            }}
            {add}
            {send}
        </section>
    }
}
