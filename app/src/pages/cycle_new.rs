//! `/cycli/nieuw`: a manager starts an employee's cycle: who, which kind (two years, one year,
//! a new employee, probation) and from when. The service checks everything (a probation needs
//! the decision day and enough room for two assessments); a refused plain post comes back typed.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::components::action::SubmitButton;
use crate::components::localized::language;
use crate::components::require_user::RequireUser;
use crate::domain::appraisal::cycle_plan::CycleKind;
use crate::i18n::*;
use crate::pages::cycle::feedback::{CycleErrorMessage, CycleRefusal, FieldText};
use crate::server_fns::cycles::{CreateCycle, NewCycleForm, load_new_cycle_flash};

#[component]
pub fn NewCyclePage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Title text=t_string!(i18n, cycle_new_title).to_string() />
        <RequireUser children=move |_| view! { <NewCycleLoader /> } />
    }
}

#[component]
fn NewCycleLoader() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let create = ServerAction::<CreateCycle>::new();
    let flash = Resource::new(
        move || query.read().get("flash").unwrap_or_default(),
        load_new_cycle_flash,
    );
    view! {
        <p><a href="/cycli">{t!(i18n, cycle_back)}</a></p>
        <h1>{t!(i18n, cycle_new_title)}</h1>
        <Transition fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match flash.await {
                    Ok(flash) => view! { <NewCycleFormView flash create /> }.into_any(),
                    Err(error) => view! { <CycleErrorMessage error /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn NewCycleFormView(
    flash: Option<crate::server_fns::cycles::NewCycleFlash>,
    create: ServerAction<CreateCycle>,
) -> impl IntoView {
    let i18n = use_i18n();
    let lang = language(i18n);
    let posted: NewCycleForm = flash.as_ref().map(|f| f.posted.clone()).unwrap_or_default();
    let flash_error = flash.map(|f| f.error);
    let error = Signal::derive(move || match create.value().get() {
        Some(Err(error)) => Some(error),
        Some(Ok(_)) => None,
        None => flash_error.clone(),
    });
    let chosen = if posted.kind.is_empty() {
        "two_years".to_string()
    } else {
        posted.kind.clone()
    };
    let kinds = CycleKind::ALL
        .into_iter()
        .map(|kind| {
            let id = format!("kind-{}", kind.code());
            view! {
                <div class="choice">
                    <input type="radio" id=id.clone() name="kind" value=kind.code() checked=chosen == kind.code() />
                    <label for=id>{kind.label(lang)}</label>
                </div>
            }
        })
        .collect_view();
    let field = move |name: &'static str,
                      label: String,
                      value: String,
                      kind: &'static str,
                      required: bool| {
        view! {
            <div class="field">
                <label for=format!("cycle-{name}")>{label}</label>
                <input id=format!("cycle-{name}") name=name type=kind value=value required=required
                    aria-invalid=move || error.get().and_then(|e| e.field(name).cloned()).map(|_| "true")
                    aria-describedby=format!("cycle-{name}-problem") />
                <FieldText error field=name id=format!("cycle-{name}-problem") />
            </div>
        }
    };
    view! {
        <ActionForm action=create attr:class="card" attr:data-testid="new-cycle">
            <CycleRefusal error />
            <fieldset>
                <legend>{t!(i18n, cycle_new_kind)}</legend>
                {kinds}
                <FieldText error field="kind" id="cycle-kind-problem".to_string() />
            </fieldset>
            {field("employee_name", t_string!(i18n, cycle_new_employee_name).to_string(), posted.employee_name.clone(), "text", true)}
            {field("employee_email", t_string!(i18n, cycle_new_employee_email).to_string(), posted.employee_email.clone(), "email", true)}
            {field("department", t_string!(i18n, cycle_department).to_string(), posted.department.clone(), "text", false)}
            {field("start_on", t_string!(i18n, cycle_new_start_on).to_string(), posted.start_on.clone(), "date", true)}
            {field("decision_on", t_string!(i18n, cycle_new_decision_on).to_string(), posted.decision_on.clone(), "date", false)}
            <SubmitButton pending=create.pending() label=t_string!(i18n, cycle_new_submit).to_string() class="button button-primary" />
        </ActionForm>
    }
}
