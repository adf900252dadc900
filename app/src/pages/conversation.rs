//! `/gesprekken/:id`: one conversation record for its parties — the organiser who plans it, the
//! other participants, the person discussed and, once it is shared, its readers. Reached signed
//! in, or through a personal link (`/g/{token}` leaves a cookie), so it needs no account; every
//! other visitor, administrators included, gets 404 as if the record did not exist.
//!
//! The page shows the record in the order of its life (state as steps, plan, parties, agenda,
//! attached scans, the summary form, approval, readers, audit trail) and, per part, the forms
//! the view's `allowed` actions name: nothing is decided here. Every form posts to the one door
//! `conversation_act` through `ActionForm`: without JavaScript a plain post and a redirect
//! back (a refused form comes back as typed), with it the same without a reload. Confirmations
//! (approving, archiving) need no JavaScript either. On paper only the record remains: the
//! forms are `no-print`, the record carries the print stylesheet's `record-*` classes.

pub mod feedback;

mod agenda;
mod audit;
mod plan;
mod scans;
mod sharing;
mod summary;

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::components::action::SubmitButton;
use crate::components::localized::{date_text, language};
use crate::components::table_wrap::TableWrap;
use crate::domain::conversation::{RecordAction, RecordState, RecordView};
use crate::domain::report_view::print_style::{RunningText, running_style};
use crate::i18n::*;
use crate::server_fns::conversations::{
    ConversationAct, PostedCommand, RecordError, RecordPage, load_record,
};
use feedback::{DoneMessage, RecordErrorMessage};

/// What every form of the record needs: where it posts, from which revision, what the visitor
/// may do, the refusal to show and, after a refused plain post, the form as typed.
#[derive(Clone)]
pub struct RecordCtx {
    pub id: String,
    /// The newest revision the page knows: the loaded record's, or the one the last done
    /// command answered while the record loads again.
    pub revision: Signal<i64>,
    pub act: ServerAction<ConversationAct>,
    pub allowed: Vec<RecordAction>,
    pub error: Signal<Option<RecordError>>,
    /// The refused plain post's fields, if the page came back with them.
    pub posted: Option<PostedCommand>,
}

impl RecordCtx {
    pub fn may(&self, action: RecordAction) -> bool {
        self.allowed.contains(&action)
    }

    /// The typed value of a refused post of `command`, if this page shows one.
    pub fn typed(&self, command: &str) -> Option<&PostedCommand> {
        self.posted.as_ref().filter(|p| p.command == command)
    }
}

/// The hidden fields every record form posts: the record, its revision, the command.
#[component]
pub fn CommandFields(ctx: RecordCtx, command: &'static str) -> impl IntoView {
    let revision = ctx.revision;
    view! {
        <input type="hidden" name="id" value=ctx.id.clone() />
        <input type="hidden" name="revision" value=move || revision.get().to_string() />
        <input type="hidden" name="command" value=command />
    }
}

/// A form with one button that does `command` (send the agenda, mark held, share …).
#[component]
pub fn CommandButton(
    ctx: RecordCtx,
    command: &'static str,
    label: String,
    #[prop(optional)] class: &'static str,
) -> impl IntoView {
    let act = ctx.act;
    let class = if class.is_empty() { "button" } else { class };
    view! {
        <ActionForm action=act attr:class="inline-form no-print">
            <CommandFields ctx command />
            <SubmitButton pending=act.pending() label class />
        </ActionForm>
    }
}

#[component]
pub fn ConversationPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Title text=t_string!(i18n, conv_record_title).to_string() />
        <RecordLoader />
    }
}

#[component]
fn RecordLoader() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let query = use_query_map();
    let act = ServerAction::<ConversationAct>::new();
    // Loaded again after every action done with the WebAssembly (the page stays), but not
    // after a refusal, which would empty the form the visitor is correcting.
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
        |(id, flash, _)| load_record(id, flash),
    );
    // Read before any await: a context read after an async boundary may find no owner.
    #[cfg(feature = "ssr")]
    let response = use_context::<leptos_axum::ResponseOptions>();
    view! {
        <Transition fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || {
                #[cfg(feature = "ssr")]
                let response = response.clone();
                Suspend::new(async move {
                    match page.await {
                        Ok(page) => view! { <Record page act /> }.into_any(),
                        Err(error) => {
                            // A stranger and an unknown id get the same real 404.
                            #[cfg(feature = "ssr")]
                            if let (Some(response), RecordError::Unknown | RecordError::SignIn) =
                                (&response, &error)
                            {
                                response.set_status(axum::http::StatusCode::NOT_FOUND);
                            }
                            let error = match error {
                                RecordError::SignIn => RecordError::Unknown,
                                other => other,
                            };
                            view! {
                                <h1>{t!(i18n, conv_record_title)}</h1>
                                <RecordErrorMessage error />
                            }
                            .into_any()
                        }
                    }
                })
            }}
        </Transition>
    }
}

/// The words of the printed page's running header and footer: the person, "Vertrouwelijk",
/// the date the record is kept until (or, before approval, the day it was made), page x of y.
#[component]
fn RunningStyle(view: RecordView) -> impl IntoView {
    let i18n = use_i18n();
    let date = match view.keep_until {
        Some(at) => t_string!(i18n, conv_kept_until, date = date_text(i18n, at)).to_string(),
        None => date_text(i18n, view.dates.created_at),
    };
    let css = running_style(&RunningText {
        person: &view.subject_name,
        date: &date,
        confidential: t_string!(i18n, report_confidential),
        page: t_string!(i18n, report_print_page),
        of: t_string!(i18n, report_print_of),
    });
    view! { <style>{css}</style> }
}

#[component]
fn Record(page: RecordPage, act: ServerAction<ConversationAct>) -> impl IntoView {
    let i18n = use_i18n();
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
    let ctx = RecordCtx {
        id: view.id.clone(),
        revision,
        act,
        allowed: view.allowed.clone(),
        error,
        posted: page.flash.as_ref().map(|f| f.posted.clone()),
    };
    let lang = language(i18n);
    let may_pdf = ctx.may(RecordAction::DownloadPdf);
    let id = view.id.clone();
    let kept = match (view.keep_until, view.removal_unless_approved) {
        (Some(at), _) => Some(view! {
            <dt>{t!(i18n, conv_retention)}</dt>
            <dd data-testid="record-kept-until">{t_string!(i18n, conv_kept_until, date = date_text(i18n, at)).to_string()}</dd>
        }.into_any()),
        // Not approved: kept for the type's months after the last change, then removed.
        (None, Some(at)) => Some(view! {
            <dt>{t!(i18n, conv_retention)}</dt>
            <dd data-testid="record-removal-unless-approved">{t_string!(i18n, conv_removal_unless_approved, date = date_text(i18n, at)).to_string()}</dd>
        }.into_any()),
        (None, None) => None,
    };
    view! {
        <RunningStyle view=view.clone() />
        <div class="record record-print" data-state=view.state.as_str()
            data-revision=loaded.to_string()>
            <p class="no-print"><a href="/gesprekken">{t!(i18n, conv_back_to_list)}</a></p>
            <header class="record-header">
                <h1 id="record-heading">{view.type_name.clone()} ": " {view.subject_name.clone()}</h1>
                <dl class="facts" data-testid="record-facts">
                    <dt>{t!(i18n, conv_subject)}</dt><dd>{view.subject_name.clone()}</dd>
                    <dt>{t!(i18n, conv_type)}</dt><dd>{view.type_name.clone()}</dd>
                    <dt>{t!(i18n, conv_your_role)}</dt><dd>{view.viewer_role.clone()}</dd>
                    <dt>{t!(i18n, conv_state)}</dt>
                    <dd><span class=format!("badge badge-{}", view.state.as_str())>{view.state.label(lang)}</span></dd>
                    {kept}
                </dl>
                {may_pdf.then(|| view! {
                    <p class="actions no-print">
                        <a class="button" href=format!("/gesprekken/{id}/verslag.pdf") download=""
                            data-testid="record-pdf">{t!(i18n, conv_download_pdf)}</a>
                        <span class="help">{t!(i18n, conv_print_help)}</span>
                    </p>
                })}
            </header>
            <DoneMessage />
            {move || error.get().map(|error| view! { <RecordErrorMessage error /> })}
            <Steps view=view.clone() ctx=ctx.clone() />
            <plan::PlanSection view=view.clone() ctx=ctx.clone() />
            <Parties view=view.clone() />
            <Preparation view=view.clone() />
            <agenda::AgendaPart view=view.clone() ctx=ctx.clone() />
            <scans::ScansPart view=view.clone() attachable=page.attachable.clone()
                charts=page.charts.clone() ctx=ctx.clone() />
            <summary::SummaryPart view=view.clone() ctx=ctx.clone() />
            <sharing::SharingPart view=view.clone() ctx=ctx.clone() />
            <audit::AuditPart view=view.clone() />
        </div>
    }
}

/// The states of a record's life as steps, the current one marked (`aria-current="step"`),
/// with the one step forward the visitor may take from here (the conversation was held).
#[component]
fn Steps(view: RecordView, ctx: RecordCtx) -> impl IntoView {
    let i18n = use_i18n();
    let lang = language(i18n);
    let current = view.state;
    let dates = view.dates.clone();
    let when = move |state: RecordState| match state {
        RecordState::Planned => Some(dates.created_at),
        RecordState::AgendaSent => dates.agenda_sent_at,
        RecordState::Held => dates.held_at,
        RecordState::SummaryProposed => dates.proposed_at,
        RecordState::Approved => dates.approved_at,
        RecordState::Archived => dates.archived_at,
        RecordState::Removed => None,
    };
    let steps = RecordState::ALL
        .into_iter()
        .filter(|s| *s != RecordState::Removed || current == RecordState::Removed)
        .enumerate()
        .map(|(i, state)| {
            let done = state < current;
            let is_current = state == current;
            let class = if done {
                "step step-done"
            } else if is_current {
                "step step-current"
            } else {
                "step step-todo"
            };
            let status = if done {
                t_string!(i18n, scan_step_done).to_string()
            } else if is_current {
                t_string!(i18n, conv_step_current).to_string()
            } else {
                t_string!(i18n, scan_step_todo).to_string()
            };
            let date = when(state).filter(|_| done || is_current);
            view! {
                <li class=class aria-current=is_current.then_some("step")>
                    <span class="step-mark" aria-hidden="true">
                        {if done { "✓".to_owned() } else { (i + 1).to_string() }}
                    </span>
                    <span class="visually-hidden">{status} ": "</span>
                    <span>
                        {state.label(lang)}
                        {date.map(|at| view! { " — " <span class="help">{date_text(i18n, at)}</span> })}
                    </span>
                </li>
            }
        })
        .collect_view();
    let mark_held = ctx.may(RecordAction::MarkHeld).then(|| {
        view! {
            <p class="help no-print">{t!(i18n, conv_mark_held_help)}</p>
            <CommandButton ctx=ctx.clone() command="mark_held"
                label=t_string!(i18n, conv_mark_held).to_string() class="button button-primary" />
        }
    });
    view! {
        <section class="card" id="state" aria-labelledby="record-state">
            <h2 id="record-state">{t!(i18n, conv_steps)}</h2>
            <ol class="steps" data-testid="record-steps">{steps}</ol>
            {mark_held}
        </section>
    }
}

/// Who takes part, and whether they signed "voor akkoord".
#[component]
fn Parties(view: RecordView) -> impl IntoView {
    let i18n = use_i18n();
    let rows = view
        .parties
        .iter()
        .map(|p| {
            let subject = p
                .is_subject
                .then(|| view! { " " <small class="help">{t!(i18n, conv_is_subject)}</small> });
            view! {
                <tr>
                    <td>{p.role_name.clone()}{subject}</td>
                    <td>{p.name.clone()}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="card" id="parties" aria-labelledby="record-parties">
            <h2 id="record-parties">{t!(i18n, conv_parties)}</h2>
            <TableWrap label=t_string!(i18n, conv_parties).to_string()>
                <table data-testid="record-parties">
                    <thead>
                        <tr>
                            <th scope="col">{t!(i18n, conv_col_role)}</th>
                            <th scope="col">{t!(i18n, conv_field_name)}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </TableWrap>
        </section>
    }
}

/// The answers to the type's preparation questions, the record's settings (the council
/// member's: who conducts it, may the member change the record, is it shared …).
#[component]
fn Preparation(view: RecordView) -> impl IntoView {
    let i18n = use_i18n();
    if view.settings.is_empty() {
        return ().into_any();
    }
    let answers = view
        .settings
        .iter()
        .map(|s| {
            let answer = match s.answer.trim() {
                "ja" => t_string!(i18n, conv_answer_yes).to_string(),
                "nee" => t_string!(i18n, conv_answer_no).to_string(),
                other => other.to_owned(),
            };
            view! { <dt>{s.question.clone()}</dt><dd>{answer}</dd> }
        })
        .collect_view();
    view! {
        <section class="card" id="preparation" aria-labelledby="record-preparation">
            <h2 id="record-preparation">{t!(i18n, conv_new_preparation)}</h2>
            <dl class="facts" data-testid="record-settings">{answers}</dl>
        </section>
    }
    .into_any()
}
