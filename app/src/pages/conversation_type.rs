use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::components::error_message::ErrorMessage;
use crate::components::require_user::RequireUser;
use crate::domain::conversation_type::{
    AnswerKind, ConversationType, FormSection, SectionKind, SubjectMayChange,
};
use crate::domain::user_error::UserError;
use crate::i18n::*;
use crate::server_fns::conversation_types::load_conversation_type;

/// One conversation type, read-only: its parties, agenda, preparation questions, form and how
/// long a record is kept. Plain HTML; nothing on it needs JavaScript.
#[component]
pub fn ConversationTypePage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Title text=t_string!(i18n, conversation_types_title).to_string() />
        <RequireUser children=move |_| view! { <TypeDetailView /> } />
    }
}

#[component]
fn TypeDetailView() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = move || params.read().get("id").unwrap_or_default();
    let detail = Resource::new(id, load_conversation_type);
    view! {
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match detail.await {
                    Ok(Some(d)) => view! { <TypeOverview t=d.conversation_type builtin=d.builtin /> }.into_any(),
                    Ok(None) => view! {
                        <div class="message message-error" role="alert">{t!(i18n, conversation_type_not_found)}</div>
                    }.into_any(),
                    Err(_) => view! { <ErrorMessage error=UserError::Internal /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn TypeOverview(t: ConversationType, builtin: bool) -> impl IntoView {
    let i18n = use_i18n();
    let origin = if builtin {
        t_string!(i18n, conversation_types_builtin).to_string()
    } else {
        t_string!(i18n, conversation_types_imported_origin).to_string()
    };
    let version = t.version;
    let source = t.source.clone();
    let retention = t.retention_months;
    let duration = t.min_duration_minutes.map(|minutes| {
        view! { <li>{t_string!(i18n, conversation_type_min_duration, minutes).to_string()}</li> }
    });
    let may_change = match &t.subject_may_change {
        SubjectMayChange::Always => {
            t_string!(i18n, conversation_type_may_change_always).to_string()
        }
        SubjectMayChange::Never => t_string!(i18n, conversation_type_may_change_never).to_string(),
        SubjectMayChange::Setting(id) => {
            let question = t
                .preparation_question(id)
                .map(|q| q.text.clone())
                .unwrap_or_else(|| id.clone());
            t_string!(i18n, conversation_type_may_change_setting, question).to_string()
        }
    };
    let roles = t
        .roles
        .iter()
        .map(|role| {
            let mut marks = Vec::new();
            if role.id == t.subject_role {
                marks.push(t_string!(i18n, conversation_type_role_subject).to_string());
            }
            if t.is_planner_role(&role.id) {
                marks.push(t_string!(i18n, conversation_type_role_plans).to_string());
            }
            if role.required {
                marks.push(t_string!(i18n, conversation_type_role_required).to_string());
            }
            if role.signs_off {
                marks.push(t_string!(i18n, conversation_type_role_signs).to_string());
            }
            if role.repeatable {
                marks.push(t_string!(i18n, conversation_type_role_repeatable).to_string());
            }
            let name = match i18n.get_locale() {
                Locale::nl => role.name.clone(),
                Locale::en => role.name_en.clone(),
            };
            let marks = if marks.is_empty() {
                String::new()
            } else {
                format!(" ({})", marks.join(", "))
            };
            view! { <li>{name}{marks}</li> }
        })
        .collect_view();
    let agenda = (!t.sample_agenda.is_empty()).then(|| {
        let items = t.sample_agenda.clone();
        view! {
            <section class="card" aria-labelledby="type-agenda">
                <h2 id="type-agenda">{t!(i18n, conversation_type_agenda)}</h2>
                <ol>{items.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}</ol>
            </section>
        }
    });
    let preparation = (!t.preparation.is_empty()).then(|| {
        let questions = t.preparation.clone();
        view! {
            <section class="card" aria-labelledby="type-preparation">
                <h2 id="type-preparation">{t!(i18n, conversation_type_preparation)}</h2>
                <ol>
                    {questions.into_iter().map(|q| {
                        let kind = match q.answer {
                            AnswerKind::Text => t_string!(i18n, conversation_type_answer_text).to_string(),
                            AnswerKind::YesNo => t_string!(i18n, conversation_type_answer_yes_no).to_string(),
                        };
                        view! { <li>{q.text}" ("{kind}")"</li> }
                    }).collect_view()}
                </ol>
            </section>
        }
    });
    let sections = t
        .sections
        .clone()
        .into_iter()
        .map(|section| view! { <SectionBlock section /> })
        .collect_view();
    view! {
        <h1>{t.name.clone()}</h1>
        <p>{t.description.clone()}</p>
        <ul>
            <li>{t_string!(i18n, conversation_type_version, version, origin).to_string()}</li>
            <li>{t_string!(i18n, conversation_type_source, source).to_string()}</li>
            {duration}
            <li>{t_string!(i18n, conversation_type_retention, months = retention).to_string()}</li>
            <li>{may_change}</li>
        </ul>
        <section class="card" aria-labelledby="type-roles">
            <h2 id="type-roles">{t!(i18n, conversation_type_roles)}</h2>
            <ul>{roles}</ul>
        </section>
        {agenda}
        {preparation}
        <h2>{t!(i18n, conversation_type_form)}</h2>
        {sections}
    }
}

#[component]
fn SectionBlock(section: FormSection) -> impl IntoView {
    let i18n = use_i18n();
    let kind_note = match section.kind {
        SectionKind::Text => None,
        SectionKind::Agreements => {
            Some(t_string!(i18n, conversation_type_kind_agreements).to_string())
        }
        SectionKind::LookBack => {
            Some(t_string!(i18n, conversation_type_kind_look_back).to_string())
        }
        SectionKind::SignOff => Some(t_string!(i18n, conversation_type_kind_sign_off).to_string()),
    };
    let prompts = (!section.prompts.is_empty()).then(|| {
        view! { <ul>{section.prompts.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul> }
    });
    view! {
        <section class="card">
            <h3>{section.number}". "{section.title}</h3>
            {section.intro.map(|intro| view! { <p>{intro}</p> })}
            {prompts}
            {section.notes_label.map(|label| view! { <p><em>{label}</em></p> })}
            {kind_note.map(|note| view! { <p class="hint">{note}</p> })}
        </section>
    }
}
