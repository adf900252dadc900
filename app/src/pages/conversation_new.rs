//! `/gesprekken/nieuw`: a new conversation in two steps that need no JavaScript. Step one lists
//! the conversation types (plain links, `?soort=<id>`); step two asks who is discussed, who
//! takes part (one row per role of the type, a spare row for a role that may occur twice) and
//! the type's preparation questions. The creator must be one of the participants, so the first
//! planning role starts with their own address. A refused plain post comes back as typed.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::components::action::SubmitButton;
use crate::components::localized::pick;
use crate::components::require_user::RequireUser;
use crate::domain::conversation_type::{AnswerKind, ConversationType};
use crate::i18n::*;
use crate::pages::conversation::feedback::{
    FieldProblemText, RecordErrorMessage, described_by, invalid_flag,
};
use crate::server_fns::conversations::{
    CreateConversation, NewConversationPage, RecordError, TypeChoice, load_new_conversation,
};

const FORM: &str = "new";

#[component]
pub fn NewConversationPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Title text=t_string!(i18n, conv_new_title).to_string() />
        <RequireUser children=move |_| view! { <NewConversationLoader /> } />
    }
}

#[component]
fn NewConversationLoader() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let create = ServerAction::<CreateConversation>::new();
    let page = Resource::new(
        move || {
            let query = query.read();
            (
                query.get("soort").unwrap_or_default(),
                query.get("flash").unwrap_or_default(),
            )
        },
        |(type_id, flash)| load_new_conversation(type_id, flash),
    );
    view! {
        <p><a href="/gesprekken">{t!(i18n, conv_back_to_list)}</a></p>
        <h1>{t!(i18n, conv_new_title)}</h1>
        <Transition fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(page) => match page.chosen.clone() {
                        Some(kind) => view! { <NewConversationForm page kind create /> }.into_any(),
                        None => view! { <TypeList types=page.types /> }.into_any(),
                    },
                    Err(error) => view! { <RecordErrorMessage error /> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// Step one: which kind of conversation.
#[component]
fn TypeList(types: Vec<TypeChoice>) -> impl IntoView {
    let i18n = use_i18n();
    let items = types
        .into_iter()
        .map(|t| {
            view! {
                <li>
                    <a href=format!("/gesprekken/nieuw?soort={}", t.id)>{pick(i18n, &t.name, &t.name_en)}</a>
                    {(!t.description.is_empty()).then(|| view! { <p class="help">{t.description.clone()}</p> })}
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="card" aria-labelledby="conv-new-types">
            <h2 id="conv-new-types">{t!(i18n, conv_new_choose_type)}</h2>
            <ul class="dashboard-list" data-testid="conversation-types">{items}</ul>
        </section>
    }
}

/// One text field of the form with its label and problem.
#[component]
fn TextField(
    id: String,
    name: &'static str,
    /// The field's name in the service's problems.
    problem_field: String,
    label: String,
    value: String,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] required: bool,
    #[prop(optional)] autocomplete: &'static str,
    error: Signal<Option<RecordError>>,
) -> impl IntoView {
    let autocomplete = (!autocomplete.is_empty()).then_some(autocomplete);
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <input id=id type=kind name=name value=value required=required autocomplete=autocomplete
                aria-invalid=invalid_flag(error, problem_field.clone())
                aria-describedby=described_by(error, FORM, problem_field.clone(), None) />
            <FieldProblemText error form=FORM field=problem_field />
        </div>
    }
}

/// Step two: the chosen type's form.
#[component]
fn NewConversationForm(
    page: NewConversationPage,
    kind: ConversationType,
    create: ServerAction<CreateConversation>,
) -> impl IntoView {
    let i18n = use_i18n();
    let flashed = page.flash.clone();
    let posted = flashed
        .as_ref()
        .map(|f| f.posted.clone())
        .unwrap_or_default();
    let typed = flashed.is_some();
    let flash_error = flashed.map(|f| f.error);
    let error = Signal::derive(move || match create.value().get() {
        Some(Err(error)) => Some(error),
        Some(Ok(_)) => None,
        None => flash_error.clone(),
    });
    // One row per participating role; a repeatable role gets a spare row.
    let mut rows: Vec<(String, String)> = Vec::new();
    for role in kind.roles.iter().filter(|r| r.id != kind.subject_role) {
        let name = pick(i18n, &role.name, &role.name_en);
        rows.push((role.id.clone(), name.clone()));
        if role.repeatable {
            rows.push((role.id.clone(), name));
        }
    }
    let first_planner = rows
        .iter()
        .position(|(role, _)| kind.planner_roles.contains(role));
    let row_value = |list: &[String], i: usize| list.get(i).cloned().unwrap_or_default();
    let participant_rows = rows
        .iter()
        .enumerate()
        .map(|(i, (role, role_name))| {
            let email = if typed {
                row_value(&posted.participant_email, i)
            } else if Some(i) == first_planner {
                page.own_email.clone()
            } else {
                String::new()
            };
            let required = kind.role(role).is_some_and(|r| r.required)
                && rows.iter().position(|(r, _)| r == role) == Some(i);
            view! {
                <fieldset class="stack" data-testid=format!("participant-{role}")>
                    <legend>{role_name.clone()}</legend>
                    <input type="hidden" name="role[]" value=role.clone() />
                    <TextField id=format!("new-participant-{i}-name") name="participant_name[]"
                        problem_field=format!("participants.{i}.name")
                        label=t_string!(i18n, conv_field_name).to_string()
                        value=row_value(&posted.participant_name, i) required=required autocomplete="off" error />
                    <TextField id=format!("new-participant-{i}-email") name="participant_email[]"
                        problem_field=format!("participants.{i}.email")
                        label=t_string!(i18n, field_email).to_string() kind="email"
                        value=email required=required autocomplete="off" error />
                    <FieldProblemText error form=FORM field=format!("participants.{role}") />
                </fieldset>
            }
        })
        .collect_view();
    let questions = kind
        .preparation
        .iter()
        .map(|q| {
            let answered = posted
                .question
                .iter()
                .position(|id| id == &q.id)
                .map(|i| row_value(&posted.answer, i))
                .unwrap_or_default();
            let id = format!("new-question-{}", q.id);
            let field = format!("settings.{}", q.id);
            let input = match q.answer {
                AnswerKind::YesNo => {
                    let selected = |v: &str| answered == v;
                    view! {
                        <select id=id.clone() name="answer[]"
                            aria-describedby=described_by(error, FORM, field.clone(), None)>
                            <option value="" selected=selected("")>{t!(i18n, conv_answer_none)}</option>
                            <option value="ja" selected=selected("ja")>{t!(i18n, conv_answer_yes)}</option>
                            <option value="nee" selected=selected("nee")>{t!(i18n, conv_answer_no)}</option>
                        </select>
                    }
                    .into_any()
                }
                AnswerKind::Text => view! {
                    <textarea id=id.clone() name="answer[]" rows="3"
                        aria-describedby=described_by(error, FORM, field.clone(), None)>{answered}</textarea>
                }
                .into_any(),
            };
            view! {
                <div class="field">
                    <input type="hidden" name="question[]" value=q.id.clone() />
                    <label for=id>{q.text.clone()}</label>
                    {input}
                    <FieldProblemText error form=FORM field />
                </div>
            }
        })
        .collect_view();
    let has_questions = !kind.preparation.is_empty();
    let subject_role = kind
        .subject()
        .map(|r| pick(i18n, &r.name, &r.name_en))
        .unwrap_or_default();
    let min_duration = kind.min_duration_minutes;
    view! {
        <p class="help">
            {pick(i18n, &kind.name, &kind.name_en)} " — "
            <a href="/gesprekken/nieuw">{t!(i18n, conv_new_other_type)}</a>
        </p>
        {(!kind.description.is_empty()).then(|| view! { <p>{kind.description.clone()}</p> })}
        {min_duration.map(|minutes| view! {
            <p class="help">{t_string!(i18n, conv_new_min_duration, minutes).to_string()}</p>
        })}
        {move || error.get().map(|error| view! { <RecordErrorMessage error /> })}
        <ActionForm action=create attr:class="stack" attr:novalidate="">
            <input type="hidden" name="type_id" value=kind.id.clone() />
            <fieldset class="card stack">
                <legend>{t_string!(i18n, conv_new_subject, role = subject_role).to_string()}</legend>
                <TextField id="new-subject-name".to_owned() name="subject_name"
                    problem_field="subject_name".to_owned()
                    label=t_string!(i18n, conv_field_name).to_string()
                    value=posted.subject_name.clone() required=true autocomplete="off" error />
                <TextField id="new-subject-email".to_owned() name="subject_email"
                    problem_field="subject_email".to_owned()
                    label=t_string!(i18n, field_email).to_string() kind="email"
                    value=posted.subject_email.clone() required=true autocomplete="off" error />
            </fieldset>
            <fieldset class="card stack">
                <legend>{t!(i18n, conv_new_participants)}</legend>
                <p class="help" id="new-participants-help">
                    {t!(i18n, conv_new_participants_help)}
                </p>
                <FieldProblemText error form=FORM field="participants" />
                {participant_rows}
            </fieldset>
            {has_questions.then(|| view! {
                <fieldset class="card stack">
                    <legend>{t!(i18n, conv_new_preparation)}</legend>
                    {questions}
                </fieldset>
            })}
            <SubmitButton pending=create.pending() class="button-primary"
                label=t_string!(i18n, conv_new_submit).to_string() />
        </ActionForm>
    }
}
