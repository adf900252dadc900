//! The competency profile of the planning conversation (art. 3 lid 2–3): the job's profile from
//! Maastricht's competency guide at the level of its salary scale, the competencies development
//! agreements are made on (3 core, 4 job-specific, at most 2 of the manager's choice; a
//! Vakspecialist's four set by the manager; a management profile's six fixed), each with its
//! behaviours at that level. The manager chooses in one form that works without JavaScript; the
//! service checks the count rule and answers every problem under its field.

use leptos::prelude::*;

use crate::components::action::SubmitButton;
use crate::components::localized::pick;
use crate::domain::appraisal::view::{CompetencyOptions, CycleView, ProfileLine};
use crate::i18n::*;

use super::feedback::FieldText;
use super::{CommandFields, CycleCtx};

const CHOOSE: &str = "choose_competencies";

#[component]
pub(super) fn ProfileSection(view: CycleView, ctx: CycleCtx) -> impl IntoView {
    let i18n = use_i18n();
    let shown = match &view.profile {
        Some(profile) => chosen_profile(i18n, profile),
        None => view! {
            <p class="record-empty" data-testid="no-profile">{t!(i18n, cycle_profile_none)}</p>
        }
        .into_any(),
    };
    let form = match (&view.options, ctx.manager) {
        (Some(options), true) => Some(choose_form(
            i18n,
            ctx.clone(),
            options.clone(),
            view.profile.clone(),
        )),
        _ => None,
    };
    view! {
        <h3 id="cycle-profile">{t!(i18n, cycle_profile_heading)}</h3>
        {shown}
        {form}
    }
}

fn chosen_profile(i18n: leptos_i18n::I18nContext<Locale>, profile: &ProfileLine) -> AnyView {
    let heading = format!(
        "{} · {} {} ({})",
        profile.name,
        t_string!(i18n, cycle_profile_scale),
        profile.scale,
        profile.level
    );
    let items = profile
        .competencies
        .iter()
        .map(|c| {
            let source = pick(i18n, &c.source_label.nl, &c.source_label.en);
            let state = if c.agreed {
                t_string!(i18n, cycle_profile_agreed).to_string()
            } else {
                t_string!(i18n, cycle_profile_not_agreed).to_string()
            };
            let behaviours = c
                .behaviours
                .iter()
                .map(|b| view! { <li>{b.clone()}</li> })
                .collect_view();
            let (name, definition) = (c.name.clone(), c.definition.clone());
            view! {
                <li data-testid="profile-competency">
                    <details>
                        <summary><strong>{name}</strong>" "<span class="badge">{source}</span>" · "{state}</summary>
                        <p>{definition}</p>
                        <p>{t!(i18n, cycle_profile_behaviour)}</p>
                        <ul>{behaviours}</ul>
                    </details>
                </li>
            }
        })
        .collect_view();
    view! {
        <p data-testid="cycle-profile">{heading}</p>
        <ul class="profile-competencies">{items}</ul>
    }
    .into_any()
}

fn choose_form(
    i18n: leptos_i18n::I18nContext<Locale>,
    ctx: CycleCtx,
    options: CompetencyOptions,
    current: Option<ProfileLine>,
) -> AnyView {
    let act = ctx.act;
    let error = ctx.error;
    let typed = ctx.typed(CHOOSE).cloned();
    let picked_profile = typed
        .as_ref()
        .map(|t| t.profile_id.clone())
        .or_else(|| current.as_ref().map(|p| p.id.clone()))
        .unwrap_or_default();
    let scale = typed
        .as_ref()
        .map(|t| t.scale.clone())
        .or_else(|| current.as_ref().map(|p| p.scale.to_string()))
        .unwrap_or_default();
    let ticked = |source: &str, posted: Option<&Vec<String>>| -> Vec<String> {
        match posted {
            Some(list) => list.clone(),
            None => current
                .as_ref()
                .map(|p| {
                    p.competencies
                        .iter()
                        .filter(|c| c.source == source)
                        .map(|c| c.id.clone())
                        .collect()
                })
                .unwrap_or_default(),
        }
    };
    let vakspecialist = current
        .as_ref()
        .and_then(|p| options.profiles.iter().find(|o| o.id == p.id))
        .is_some_and(|o| o.kind == "vakspecialist");
    let specific_ticked = match typed.as_ref() {
        Some(t) => t.specific.clone(),
        None if vakspecialist => ticked("specific", None),
        None => Vec::new(),
    };
    let choice_ticked = ticked("choice", typed.as_ref().map(|t| &t.own_choice));
    let profile_options = options
        .profiles
        .iter()
        .map(|p| {
            let note = match p.kind.as_str() {
                "vakspecialist" => t_string!(i18n, cycle_profile_note_vakspecialist).to_string(),
                "management" => t_string!(i18n, cycle_profile_note_management).to_string(),
                _ => String::new(),
            };
            let selected = p.id == picked_profile;
            view! { <option value=p.id.clone() selected=selected>{format!("{}{note}", p.name)}</option> }
        })
        .collect_view();
    let boxes = |name: &'static str, prefix: &'static str, ticked: Vec<String>| {
        options
            .competencies
            .iter()
            .map(|c| {
                let id = format!("{prefix}-{}", c.id);
                let for_id = id.clone();
                let checked = ticked.contains(&c.id);
                view! {
                    <div class="choice">
                        <input id=id type="checkbox" name=name value=c.id.clone() checked=checked />
                        <label for=for_id>{c.name.clone()}</label>
                    </div>
                }
            })
            .collect_view()
    };
    let specific_boxes = boxes("specific[]", "specific", specific_ticked);
    let choice_boxes = boxes("own_choice[]", "own-choice", choice_ticked);
    let open = current.is_none() || typed.is_some();
    let summary = if current.is_none() {
        t_string!(i18n, cycle_profile_choose).to_string()
    } else {
        t_string!(i18n, cycle_profile_change).to_string()
    };
    let scales = options.scales.clone();
    view! {
        <details class="no-print" open=open>
            <summary>{summary}</summary>
            <ActionForm action=act attr:class="stacked-form" attr:data-testid="choose-competencies">
                <CommandFields ctx command=CHOOSE />
                <div class="field">
                    <label for="profile-id">{t!(i18n, cycle_profile_job_profile)}</label>
                    <select id="profile-id" name="profile_id" required aria-describedby="profile-id-problem">
                        <option value="">{t!(i18n, cycle_profile_pick_placeholder)}</option>
                        {profile_options}
                    </select>
                    <FieldText error field="profile_id" id="profile-id-problem".to_string() />
                </div>
                <div class="field">
                    <label for="profile-scale">{t!(i18n, cycle_profile_salary_scale)}</label>
                    <input id="profile-scale" name="scale" type="number" min="1" max="18" required value=scale
                        aria-describedby="profile-scale-hint profile-scale-problem" />
                    <p class="field-hint" id="profile-scale-hint">{t_string!(i18n, cycle_profile_scale_hint, scales).to_string()}</p>
                    <FieldText error field="scale" id="profile-scale-problem".to_string() />
                </div>
                <fieldset aria-describedby="specific-problem">
                    <legend>{t!(i18n, cycle_profile_specific)}</legend>
                    <FieldText error field="specific" id="specific-problem".to_string() />
                    <div class="choice-columns">{specific_boxes}</div>
                </fieldset>
                <fieldset aria-describedby="own-choice-problem">
                    <legend>{t!(i18n, cycle_profile_own_choice)}</legend>
                    <FieldText error field="own_choice" id="own-choice-problem".to_string() />
                    <div class="choice-columns">{choice_boxes}</div>
                </fieldset>
                <SubmitButton pending=act.pending() label=t_string!(i18n, cycle_profile_submit).to_string() class="button" />
            </ActionForm>
        </details>
    }
    .into_any()
}
