//! `/cycli/:id`: one appraisal cycle (issue 22) for its two parties, the manager who runs it and
//! the employee (signed in with the cycle's address); everybody else gets 404. In the order of
//! the cycle: its schedule with deadlines, the planning conversation (work agreements with their
//! weights, development agreements, career and conditions), the 360° scan, each assessment from
//! concept to final setting, and every step with its date. Every form posts to the one door
//! `cycle_act` through `ActionForm`: without JavaScript a plain post and a redirect back (a
//! refused form comes back with its refusal), with it the same without a reload. The forms
//! shown follow the view's `allowed` list and role: nothing is decided here.

pub mod feedback;

mod assessment;
mod planning;
mod profile;
mod progress;

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::components::action::SubmitButton;
use crate::components::localized::language;
use crate::components::table_wrap::TableWrap;
use crate::domain::appraisal::command::PostedCycleCommand;
use crate::domain::appraisal::view::CycleView;
use crate::i18n::*;
use crate::server_fns::cycles::{CycleAct, CycleError, CyclePage as CyclePageData, load_cycle};
use feedback::{CycleErrorMessage, CycleRefusal};

/// What every form of the cycle needs.
#[derive(Clone)]
pub struct CycleCtx {
    pub id: String,
    pub revision: Signal<i64>,
    pub act: ServerAction<CycleAct>,
    pub error: Signal<Option<CycleError>>,
    pub posted: Option<PostedCycleCommand>,
    pub manager: bool,
}

impl CycleCtx {
    /// The typed value of a refused post of `command`, if this page shows one.
    pub fn typed(&self, command: &str) -> Option<&PostedCycleCommand> {
        self.posted.as_ref().filter(|p| p.command == command)
    }
}

/// The hidden fields every cycle form posts.
#[component]
pub fn CommandFields(ctx: CycleCtx, command: &'static str) -> impl IntoView {
    let revision = ctx.revision;
    view! {
        <input type="hidden" name="id" value=ctx.id.clone() />
        <input type="hidden" name="revision" value=move || revision.get().to_string() />
        <input type="hidden" name="command" value=command />
    }
}

/// A form with one button that does `command`, with extra hidden fields.
#[component]
pub fn CommandButton(
    ctx: CycleCtx,
    command: &'static str,
    label: String,
    #[prop(optional)] hidden: Vec<(&'static str, String)>,
    #[prop(optional)] class: &'static str,
) -> impl IntoView {
    let act = ctx.act;
    let class = if class.is_empty() { "button" } else { class };
    let hidden = hidden
        .into_iter()
        .map(|(name, value)| view! { <input type="hidden" name=name value=value /> })
        .collect_view();
    view! {
        <ActionForm action=act attr:class="inline-form no-print">
            <CommandFields ctx command />
            {hidden}
            <SubmitButton pending=act.pending() label class />
        </ActionForm>
    }
}

#[component]
pub fn CyclePage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Title text=t_string!(i18n, cycle_title).to_string() />
        <CycleLoader />
    }
}

#[component]
fn CycleLoader() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let query = use_query_map();
    let act = ServerAction::<CycleAct>::new();
    let done = RwSignal::new(0_usize);
    Effect::new(move |_| {
        if let Some(Ok(_)) = act.value().get() {
            done.update(|n| *n += 1);
        }
    });
    let page = Resource::new(
        move || {
            (
                params.read().get("id").unwrap_or_default(),
                query.read().get("flash").unwrap_or_default(),
                done.get(),
            )
        },
        |(id, flash, _)| load_cycle(id, flash),
    );
    #[cfg(feature = "ssr")]
    let response = use_context::<leptos_axum::ResponseOptions>();
    view! {
        <p class="no-print"><a href="/cycli">{t!(i18n, cycle_back)}</a></p>
        <Transition fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || {
                #[cfg(feature = "ssr")]
                let response = response.clone();
                Suspend::new(async move {
                    match page.await {
                        Ok(page) => view! { <Cycle page act /> }.into_any(),
                        Err(error) => {
                            #[cfg(feature = "ssr")]
                            if let (Some(response), CycleError::Unknown | CycleError::SignIn) = (&response, &error) {
                                response.set_status(axum::http::StatusCode::NOT_FOUND);
                            }
                            view! {
                                <h1>{t!(i18n, cycle_title)}</h1>
                                <CycleErrorMessage error />
                            }
                            .into_any()
                        }
                    }
                })
            }}
        </Transition>
    }
}

#[component]
fn Cycle(page: CyclePageData, act: ServerAction<CycleAct>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = language(i18n);
    let view = page.view.clone();
    let flash_error = page.flash.as_ref().map(|f| f.error.clone());
    let error = Signal::derive(move || match act.value().get() {
        Some(Err(error)) => Some(error),
        Some(Ok(_)) => None,
        None => flash_error.clone(),
    });
    let loaded = view.revision;
    let revision = Signal::derive(move || match act.value().get() {
        Some(Ok(done)) => done.revision.max(loaded),
        _ => loaded,
    });
    let ctx = CycleCtx {
        id: view.id.clone(),
        revision,
        act,
        error,
        posted: page.flash.as_ref().map(|f| f.posted.clone()),
        manager: view.you == "manager",
    };
    let query = use_query_map();
    let done = move || {
        query.read().get("gedaan").filter(|_| error.get().is_none()).map(|_| {
            view! { <div class="message message-ok" role="status">{t!(i18n, cycle_recorded)}</div> }
        })
    };
    let you = if ctx.manager {
        t_string!(i18n, cycle_role_manager).to_string()
    } else {
        t_string!(i18n, cycle_role_employee).to_string()
    };
    let assessments = view
        .assessments
        .iter()
        .cloned()
        .map(|a| view! { <assessment::AssessmentSection a=a cycle=view.clone() ctx=ctx.clone() /> })
        .collect_view();
    let add_assessment = ctx.manager.then(|| {
        view! {
            <CommandButton ctx=ctx.clone() command="add_assessment"
                label=t_string!(i18n, cycle_add_assessment).to_string() />
        }
    });
    let pdf = format!("/cycli/{}/cyclus.pdf", view.id);
    // `data-revision` is the revision the page was rendered from, as on a conversation record:
    // it moves on only once the reloaded cycle has rendered (the forms post `revision`, which a
    // done command moves on at once), so a test can wait for the reload before using a form.
    view! {
        <article class="cycle" data-testid="cycle" data-revision=loaded.to_string()>
            <h1>{t!(i18n, cycle_title)}": "{view.employee_name.clone()}</h1>
            {done}
            <CycleRefusal error />
            <dl class="facts">
                <dt>{t!(i18n, cycle_kind)}</dt><dd data-testid="cycle-kind">{view.kind_label.pick(lang).to_string()}</dd>
                <dt>{t!(i18n, cycle_period)}</dt><dd>{format!("{} – {}", view.starts, view.ends)}</dd>
                <dt>{t!(i18n, cycle_department)}</dt><dd>{view.department.clone()}</dd>
                <dt>{t!(i18n, cycle_you_are)}</dt><dd>{you}</dd>
            </dl>
            <p class="actions no-print"><a class="button" href=pdf download="" data-testid="cycle-pdf">{t!(i18n, cycle_download_pdf)}</a></p>
            <Schedule view=view.clone() />
            <planning::PlanningSection view=view.clone() ctx=ctx.clone() />
            <progress::InputSection view=view.clone() ctx=ctx.clone() />
            <planning::ScanSection view=view.clone() ctx=ctx.clone() attachable=page.attachable.clone() chart=page.chart.clone() />
            {assessments}
            {add_assessment}
            <Steps view=view.clone() />
        </article>
    }
}

#[component]
fn Schedule(view: CycleView) -> impl IntoView {
    let i18n = use_i18n();
    let lang = language(i18n);
    let rows = view
        .schedule
        .iter()
        .map(|line| {
            let state = match (&line.done_on, line.overdue) {
                (Some(on), _) => t_string!(i18n, cycle_schedule_held_on, date = on).to_string(),
                (None, true) => t_string!(i18n, cycle_schedule_overdue).to_string(),
                (None, false) => String::new(),
            };
            let by = if line.is_deadline {
                t_string!(i18n, cycle_schedule_by, date = &line.by).to_string()
            } else {
                t_string!(i18n, cycle_schedule_around, date = &line.by).to_string()
            };
            view! {
                <tr class=if line.overdue { "overdue" } else { "" }>
                    <td>{line.label.pick(lang).to_string()}</td>
                    <td>{by}</td>
                    <td>{state}</td>
                </tr>
            }
        })
        .collect_view();
    let caption = t_string!(i18n, cycle_schedule_caption).to_string();
    view! {
        <section class="card" aria-labelledby="cycle-schedule">
            <h2 id="cycle-schedule">{caption.clone()}</h2>
            <TableWrap label=caption.clone()>
                <table data-testid="cycle-schedule">
                    <thead><tr>
                        <th scope="col">{t!(i18n, cycle_schedule_conversation)}</th>
                        <th scope="col">{t!(i18n, cycle_schedule_deadline)}</th>
                        <th scope="col">{t!(i18n, cycle_schedule_status)}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </TableWrap>
        </section>
    }
}

#[component]
fn Steps(view: CycleView) -> impl IntoView {
    let i18n = use_i18n();
    let lang = language(i18n);
    let items = view
        .events
        .iter()
        .map(|e| {
            let when = crate::components::localized::date_text(i18n, e.at);
            view! { <li><span class="step-date">{when}</span>" — "{e.action.pick(lang).to_string()}" ("{e.actor.clone()}")"</li> }
        })
        .collect_view();
    view! {
        <section class="card" aria-labelledby="cycle-steps">
            <h2 id="cycle-steps">{t!(i18n, cycle_steps)}</h2>
            <ol class="cycle-steps" data-testid="cycle-steps">{items}</ol>
        </section>
    }
}
