use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::components::action::{ActionOutcome, SubmitButton, latest_refusal};
use crate::components::error_message::ErrorMessage;
use crate::components::localized::pick;
use crate::components::require_user::RequireUser;
use crate::domain::scan::ScanStatus;
use crate::domain::scan::form::{FormProblem, ScanForm};
use crate::domain::user_error::UserError;
use crate::i18n::*;
use crate::server_fns::scan_forms::{CreateScan, UpdateScan};
use crate::server_fns::scans::{FormOutline, FrameworkChoice, ScanFormPage, load_scan_form};

/// `/scans/new`: step one chooses the framework (and a job-group profile, which ticks its
/// competencies), step two is the whole form. The first is a plain GET form, the second an
/// `ActionForm` of the server function `create_scan` (`update_scan` when editing).
#[component]
pub fn NewScanPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Title text=t_string!(i18n, scan_new_title).to_string() />
        <RequireUser children=move |_| view! { <ScanFormLoader editing=false /> } />
    }
}

/// `/scans/:id/edit`: the same form with the scan's values; what the status locks is shown but
/// not editable.
#[component]
pub fn EditScanPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Title text=t_string!(i18n, scan_edit_title).to_string() />
        <RequireUser children=move |_| view! { <ScanFormLoader editing=true /> } />
    }
}

#[component]
fn ScanFormLoader(editing: bool) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let params = use_params_map();
    let args = move || {
        let q = query.read();
        let get = |name: &str| q.get(name).unwrap_or_default();
        let scan_id = if editing {
            params.read().get("id").unwrap_or_default()
        } else {
            String::new()
        };
        (
            get("framework"),
            get("profile"),
            scan_id,
            get("flash"),
            get("cycle"),
        )
    };
    let page = Resource::new(args, |(framework, profile, scan_id, flash, cycle)| {
        load_scan_form(framework, profile, scan_id, flash, cycle)
    });
    view! {
        <h1>{move || if editing { t_string!(i18n, scan_edit_title) } else { t_string!(i18n, scan_new_title) }}</h1>
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(page) => view! { <ScanFormSteps page /> }.into_any(),
                    Err(e) => view! { <ErrorMessage error=e.user_error() /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ScanFormSteps(page: ScanFormPage) -> impl IntoView {
    match (page.outline.clone(), page.form.clone()) {
        (Some(outline), Some(form)) => view! {
            <ScanFormFields
                outline
                form
                problems=page.problems.clone()
                refused=page.refused.clone()
                scan_id=page.scan_id.clone()
                status=page.status
            />
        }
        .into_any(),
        _ => view! { <FrameworkStep frameworks=page.frameworks.clone() /> }.into_any(),
    }
}

#[component]
fn FrameworkStep(frameworks: Vec<FrameworkChoice>) -> impl IntoView {
    let i18n = use_i18n();
    let options = frameworks
        .iter()
        .map(|f| view! { <option value=f.id.clone()>{f.name.clone()}</option> })
        .collect_view();
    let profiles = frameworks
        .iter()
        .filter(|f| !f.profiles.is_empty())
        .map(|f| {
            view! {
                <optgroup label=f.name.clone()>
                    {f.profiles.iter().map(|p| view! { <option value=p.id.clone()>{p.name.clone()}</option> }).collect_view()}
                </optgroup>
            }
        })
        .collect_view();
    view! {
        <form method="get" action="/scans/new" class="card stack">
            <h2>{t!(i18n, scan_step_framework)}</h2>
            <div class="field">
                <label for="scan-framework">{t!(i18n, scan_field_framework)}</label>
                <select id="scan-framework" name="framework" required>{options}</select>
            </div>
            <div class="field">
                <label for="scan-profile">{t!(i18n, scan_field_profile)}</label>
                <select id="scan-profile" name="profile" aria-describedby="scan-profile-help">
                    <option value="">{t!(i18n, scan_profile_none)}</option>
                    {profiles}
                </select>
                <p id="scan-profile-help" class="help">{t!(i18n, scan_profile_help)}</p>
            </div>
            <button type="submit" class="button-primary">{t!(i18n, scan_step_next)}</button>
        </form>
    }
}

#[component]
fn Problems(problems: Vec<FormProblem>) -> impl IntoView {
    let i18n = use_i18n();
    (!problems.is_empty()).then(|| {
        view! {
            <div class="message message-error" role="alert" id="form-problems" tabindex="-1">
                <p>{t!(i18n, scan_form_problems)}</p>
                <ul>
                    {problems.into_iter().map(|p| view! { <li>{pick(i18n, &p.nl, &p.en)}</li> }).collect_view()}
                </ul>
            </div>
        }
    })
}

#[component]
fn ScanFormFields(
    outline: FormOutline,
    form: ScanForm,
    problems: Vec<FormProblem>,
    refused: Option<UserError>,
    scan_id: Option<String>,
    status: Option<ScanStatus>,
) -> impl IntoView {
    let i18n = use_i18n();
    let questions_locked = status.is_some_and(|s| s != ScanStatus::Draft);
    let subject_locked = questions_locked;
    let revision = form.revision.map(|r| r.to_string()).unwrap_or_default();
    let fields = view! {
        <input type="hidden" name="framework_id" value=outline.id.clone() />
        <input type="hidden" name="framework_version" value=outline.version.to_string() />
        <input type="hidden" name="revision" value=revision />
        <p class="help">{t!(i18n, scan_form_framework)} " " <strong>{outline.name.clone()}</strong></p>

        <fieldset class="card">
            <legend>{t!(i18n, scan_section_subject)}</legend>
            <div class="field">
                <label for="subject-name">{t!(i18n, scan_field_subject_name)}</label>
                <input id="subject-name" name="subject_name" required maxlength="200" value=form.subject_name.clone() />
            </div>
            <div class="field">
                <label for="subject-email">{t!(i18n, scan_field_subject_email)}</label>
                <input id="subject-email" name="subject_email" type="email" required maxlength="254"
                    value=form.subject_email.clone() readonly=subject_locked aria-describedby="subject-email-help" />
                <p id="subject-email-help" class="help">{t!(i18n, scan_subject_email_help)}</p>
            </div>
            <div class="field">
                <label for="subject-job">{t!(i18n, scan_field_subject_job)}</label>
                <input id="subject-job" name="subject_job_title" maxlength="200" value=form.subject_job_title.clone() />
            </div>
        </fieldset>

        <QuestionFields outline=outline.clone() form=form.clone() locked=questions_locked />
        <GroupFields form=form.clone() />
        <SettingsFields form=form.clone() />
    };
    // The problems of a refused plain post come with the page (from the flash store); with
    // WebAssembly the action's answer shows them, above the form that still holds the text.
    match scan_id {
        Some(id) => {
            let action = ServerAction::<UpdateScan>::new();
            let refusal = latest_refusal(&[action.value()]);
            view! {
                <Problems problems />
                {refused.clone().map(|error| view! { <ErrorMessage error /> })}
                <ActionOutcome refusal />
                <ActionForm action attr:class="stack scan-form" attr:novalidate=true>
                    <input type="hidden" name="id" value=id />
                    {fields}
                    <SubmitButton pending=action.pending() label=t_string!(i18n, scan_save).to_string()
                        class="button-primary" />
                </ActionForm>
            }
            .into_any()
        }
        None => {
            let action = ServerAction::<CreateScan>::new();
            let refusal = latest_refusal(&[action.value()]);
            view! {
                <Problems problems />
                {refused.clone().map(|error| view! { <ErrorMessage error /> })}
                <ActionOutcome refusal />
                <ActionForm action attr:class="stack scan-form" attr:novalidate=true>
                    {fields}
                    <SubmitButton pending=action.pending() label=t_string!(i18n, scan_create).to_string()
                        class="button-primary" />
                </ActionForm>
            }
            .into_any()
        }
    }
}

#[component]
fn QuestionFields(outline: FormOutline, form: ScanForm, locked: bool) -> impl IntoView {
    let i18n = use_i18n();
    if locked {
        // The questions of an open scan are fixed: sent back unchanged, shown as text.
        let chosen: Vec<String> = outline
            .clusters
            .iter()
            .flat_map(|c| c.competencies.iter())
            .filter(|c| form.competency_ids.contains(&c.id))
            .map(|c| c.name.clone())
            .collect();
        return view! {
            <fieldset class="card">
                <legend>{t!(i18n, scan_section_questions)}</legend>
                <p class="help">{t!(i18n, scan_questions_locked)}</p>
                <input type="hidden" name="profile_id" value=form.profile_id.clone() />
                <input type="hidden" name="level_id" value=form.level_id.clone() />
                {form.include_next_level.then(|| view! { <input type="hidden" name="include_next_level" value="on" /> })}
                {form.competency_ids.iter().map(|id| view! { <input type="hidden" name="competency[]" value=id.clone() /> }).collect_view()}
                <ul>{chosen.into_iter().map(|name| view! { <li>{name}</li> }).collect_view()}</ul>
            </fieldset>
        }
        .into_any();
    }
    let profile_field = (!outline.profiles.is_empty()).then(|| {
        let current = form.profile_id.clone();
        view! {
            <div class="field">
                <label for="scan-profile-2">{t!(i18n, scan_field_profile)}</label>
                <select id="scan-profile-2" name="profile_id" aria-describedby="scan-profile-2-help">
                    <option value="" selected=current.is_empty()>{t!(i18n, scan_profile_none)}</option>
                    {outline.profiles.iter().map(|p| view! {
                        <option value=p.id.clone() selected=p.id == current>{p.name.clone()}</option>
                    }).collect_view()}
                </select>
                <p id="scan-profile-2-help" class="help">
                    {t!(i18n, scan_profile_change_help)} " "
                    <a href=format!("/scans/new?framework={}", outline.id)>{t!(i18n, scan_profile_restart)}</a>
                </p>
            </div>
        }
    });
    let level_field = (!outline.levels.is_empty()).then(|| {
        let current = form.level_id.clone();
        view! {
            <div class="field">
                <label for="scan-level">{t!(i18n, scan_field_level)}</label>
                <select id="scan-level" name="level_id" required>
                    <option value="" selected=current.is_empty()>{t!(i18n, scan_level_choose)}</option>
                    {outline.levels.iter().map(|l| view! {
                        <option value=l.id.clone() selected=l.id == current>{l.name.clone()}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field field-check">
                <input id="scan-next-level" name="include_next_level" type="checkbox" checked=form.include_next_level />
                <label for="scan-next-level">{t!(i18n, scan_field_next_level)}</label>
            </div>
        }
    });
    let clusters = outline
        .clusters
        .iter()
        .enumerate()
        .map(|(ci, cluster)| {
            let boxes = cluster
                .competencies
                .iter()
                .map(|c| {
                    let id = format!("competency-{}", c.id);
                    view! {
                        <li class="field-check">
                            <input id=id.clone() name="competency[]" type="checkbox" value=c.id.clone()
                                checked=form.competency_ids.contains(&c.id) />
                            <label for=id>{c.name.clone()}</label>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <fieldset class="competency-cluster" id=format!("cluster-{ci}")>
                    <legend>{cluster.name.clone()}</legend>
                    <ul class="checklist">{boxes}</ul>
                </fieldset>
            }
        })
        .collect_view();
    view! {
        <fieldset class="card">
            <legend>{t!(i18n, scan_section_questions)}</legend>
            {profile_field}
            {level_field}
            <p class="help">{t!(i18n, scan_competencies_help)}</p>
            {clusters}
        </fieldset>
    }
    .into_any()
}

#[component]
fn GroupFields(form: ScanForm) -> impl IntoView {
    let i18n = use_i18n();
    let rows = form
        .groups
        .iter()
        .map(|choice| {
            let g = &choice.group;
            let include_id = format!("group-{}", g.id);
            let identifiable_id = format!("identifiable-{}", g.id);
            let label = pick(i18n, &g.label_nl, &g.label_en);
            let include = if g.is_self {
                view! {
                    <input type="hidden" name="group[]" value=g.id.clone() />
                    <input id=include_id.clone() type="checkbox" checked=true disabled=true />
                }
                .into_any()
            } else {
                view! {
                    <input id=include_id.clone() name="group[]" type="checkbox" value=g.id.clone() checked=choice.included />
                }
                .into_any()
            };
            let identifiable = (!g.is_self).then(|| {
                view! {
                    <input id=identifiable_id.clone() name="identifiable[]" type="checkbox" value=g.id.clone()
                        checked=g.identifiable aria-label=format!("{}: {}", label, t_string!(i18n, scan_group_identifiable)) />
                }
            });
            view! {
                <tr>
                    <td class="field-check">{include} <label for=include_id>{label.clone()}</label></td>
                    <td>{identifiable}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <fieldset class="card">
            <legend>{t!(i18n, scan_section_groups)}</legend>
            <p class="help">{t!(i18n, scan_groups_help)}</p>
            <div class="table-wrap">
                <table>
                    <thead>
                        <tr>
                            <th scope="col">{t!(i18n, scan_group_included)}</th>
                            <th scope="col">{t!(i18n, scan_group_identifiable)}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </fieldset>
    }
}

#[component]
fn SettingsFields(form: ScanForm) -> impl IntoView {
    let i18n = use_i18n();
    let english = form.language == "en";
    view! {
        <fieldset class="card">
            <legend>{t!(i18n, scan_section_settings)}</legend>
            <div class="field">
                <label for="scan-k">{t!(i18n, scan_field_k)}</label>
                <input id="scan-k" name="k" type="number" min="2" max="50" required value=form.k.clone()
                    aria-describedby="scan-k-help" />
                <p id="scan-k-help" class="help">{t!(i18n, scan_k_help)}</p>
            </div>
            <div class="field">
                <label for="scan-deadline">{t!(i18n, scan_field_deadline)}</label>
                <input id="scan-deadline" name="deadline" type="date" required value=form.deadline.clone()
                    aria-describedby="scan-deadline-help" />
                <p id="scan-deadline-help" class="help">{t!(i18n, scan_deadline_help)}</p>
            </div>
            <div class="field">
                <label for="scan-reminder">{t!(i18n, scan_field_reminder)}</label>
                <input id="scan-reminder" name="reminder_days" type="number" min="1" max="30"
                    value=form.reminder_days.clone() aria-describedby="scan-reminder-help" />
                <p id="scan-reminder-help" class="help">{t!(i18n, scan_reminder_help)}</p>
            </div>
            <div class="field">
                <label for="scan-language">{t!(i18n, scan_field_language)}</label>
                <select id="scan-language" name="language">
                    <option value="nl" selected=!english>"Nederlands"</option>
                    <option value="en" selected=english>"English"</option>
                </select>
            </div>
            <div class="field">
                <label for="scan-intro">{t!(i18n, scan_field_introduction)}</label>
                <textarea id="scan-intro" name="introduction" rows="6" maxlength="4000"
                    aria-describedby="scan-intro-help"
                    placeholder=move || t_string!(i18n, scan_intro_placeholder).to_string()>{form.introduction.clone()}</textarea>
                <p id="scan-intro-help" class="help">{t!(i18n, scan_intro_help)}</p>
            </div>
            // Self reads a different letter than the informants ("give feedback about him"
            // does not fit the subject).
            <div class="field">
                <label for="scan-intro-self">{t!(i18n, scan_field_introduction_self)}</label>
                <textarea id="scan-intro-self" name="introduction_self" rows="4" maxlength="4000"
                    aria-describedby="scan-intro-self-help"
                    placeholder=move || t_string!(i18n, scan_intro_self_placeholder).to_string()>{form.introduction_self.clone()}</textarea>
                <p id="scan-intro-self-help" class="help">{t!(i18n, scan_intro_self_help)}</p>
            </div>
            <div class="field">
                <label for="scan-readers">{t!(i18n, scan_field_readers)}</label>
                <textarea id="scan-readers" name="report_readers" rows="2" aria-describedby="scan-readers-help">{form.report_readers.clone()}</textarea>
                <p id="scan-readers-help" class="help">{t!(i18n, scan_readers_help)}</p>
            </div>
            <div class="field field-check">
                <input id="scan-person-status" name="person_status" type="checkbox" checked=form.person_status
                    aria-describedby="scan-person-status-help" />
                <label for="scan-person-status">{t!(i18n, scan_field_person_status)}</label>
                <p id="scan-person-status-help" class="help">{t!(i18n, scan_person_status_help)}</p>
            </div>
        </fieldset>
    }
}
