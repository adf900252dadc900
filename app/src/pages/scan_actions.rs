//! The organiser's actions on one scan's page, through `ActionForm`: without JavaScript each is
//! a plain form post that comes back to the page (the outcome in the address, a refusal in the
//! `__err` that Leptos adds); with the WebAssembly loaded it is sent without a reload, its
//! button shows that it is busy, and a refusal appears in place.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::components::action::{Answer, SubmitButton, latest_refusal};
use crate::domain::scan::ScanStatus;
use crate::domain::scan::group_reach::reach_of_lines;
use crate::domain::scan::progress::InvitationStatus;
use crate::i18n::*;
use crate::pages::scan::ReachNotice;
use crate::server_fns::action_error::ActionError;
use crate::server_fns::invitation_actions::{ResendInvitation, RevokeInvitation};
use crate::server_fns::outcome::Done;
use crate::server_fns::scan_forms::{AddInformant, CheckInformantList};
use crate::server_fns::scan_lifecycle::{
    CloseScan, DeleteScan, OpenScan, ReleaseReport, RemindInformants, ReopenScan,
};
use crate::server_fns::scans::ScanPage as ScanData;

/// Every action of the scan page, made once by the page so that it can reload after any of
/// them and show the latest refusal in one place.
#[derive(Clone, Copy)]
pub struct ScanActions {
    pub open: ServerAction<OpenScan>,
    pub remind: ServerAction<RemindInformants>,
    pub release: ServerAction<ReleaseReport>,
    pub close: ServerAction<CloseScan>,
    pub reopen: ServerAction<ReopenScan>,
    pub delete: ServerAction<DeleteScan>,
    pub revoke: ServerAction<RevokeInvitation>,
    pub resend: ServerAction<ResendInvitation>,
    /// The informant forms: one informant, or a pasted list to check (and save).
    pub add: ServerAction<AddInformant>,
    pub list: ServerAction<CheckInformantList>,
    /// The refusal to show: the latest action's, or the one a plain form post came back with.
    refusal: Signal<Option<ActionError>>,
    /// The latest refusal of an informant form, shown beside those forms.
    informant_refusal: Signal<Option<ActionError>>,
    /// Informants added through the forms: the page reloads after each, but not after a
    /// refusal, which would empty the form the organiser is correcting.
    informant_successes: RwSignal<usize>,
}

impl ScanActions {
    pub fn new() -> Self {
        let actions = Self {
            open: ServerAction::new(),
            remind: ServerAction::new(),
            release: ServerAction::new(),
            close: ServerAction::new(),
            reopen: ServerAction::new(),
            delete: ServerAction::new(),
            revoke: ServerAction::new(),
            resend: ServerAction::new(),
            add: ServerAction::new(),
            list: ServerAction::new(),
            refusal: Signal::default(),
            informant_refusal: Signal::default(),
            informant_successes: RwSignal::new(0),
        };
        let answers = actions.answers().map(|(answer, _)| answer);
        let informant_answers = [actions.add.value(), actions.list.value()];
        for answer in informant_answers {
            let successes = actions.informant_successes;
            Effect::new(move |_| {
                // A checked list's preview comes with a new flash key in the address, which
                // reloads the page by itself; a second load would find the entry taken.
                if let Some(Ok(Done::Added { .. })) = answer.get() {
                    successes.update(|n| *n += 1);
                }
            });
        }
        Self {
            refusal: latest_refusal(&answers),
            informant_refusal: latest_refusal(&informant_answers),
            ..actions
        }
    }

    /// Grows with every answered action: the page reloads its data when it changes.
    pub fn version(&self) -> usize {
        self.answers()
            .iter()
            .map(|(_, version)| version.get())
            .sum::<usize>()
            + self.informant_successes.get()
    }

    /// The refusal to show, for [`crate::components::action::ActionOutcome`].
    pub fn refusal(&self) -> Signal<Option<ActionError>> {
        self.refusal
    }

    /// The refusal of the latest informant form, for the informants section.
    pub fn informant_refusal(&self) -> Signal<Option<ActionError>> {
        self.informant_refusal
    }

    fn answers(&self) -> [(MappedSignal<Answer>, RwSignal<usize>); 8] {
        macro_rules! each {
            ($($action:ident),*) => { [$((self.$action.value(), self.$action.version())),*] };
        }
        each!(open, remind, release, close, reopen, delete, revoke, resend)
    }
}

impl Default for ScanActions {
    fn default() -> Self {
        Self::new()
    }
}

/// The life-cycle buttons. Each first links to `?confirm=<action>`, which shows the question
/// and the real button: a confirmation that needs no JavaScript. A draft's section is its
/// checklist (settings, informants, open) with opening as the one main button; deleting the
/// draft is a separate, quieter section at the end of the page ([`DeleteDraft`]).
#[component]
pub fn LifecycleActions(scan: ScanData, actions: ScanActions) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let status = scan.status;
    let help = match status {
        ScanStatus::Draft => t_string!(i18n, scan_actions_draft_help),
        ScanStatus::Open => t_string!(i18n, scan_actions_open_help),
        ScanStatus::Closed => t_string!(i18n, scan_actions_closed_help),
    };
    let id = scan.id.clone();
    let invitations = scan.invitations.len();
    let pending = scan.total.invited.saturating_sub(scan.total.submitted);
    let (released, k) = (scan.released, scan.k);
    let reach = reach_of_lines(&scan.groups, &scan.invitations, scan.k);
    let content = move || {
        let confirm = query.read().get("confirm");
        let base = format!("/scans/{id}");
        let asked = |what: &str| confirm.as_deref() == Some(what);
        // ($what, $action, ask label, question, confirm button, danger, ask class, extra view)
        macro_rules! step {
            ($what:literal, $action:expr, $label:expr, $question:expr, $button:expr, $danger:expr, $ask_class:expr, $extra:expr) => {
                if asked($what) {
                    let action = $action;
                    let (id, base) = (id.clone(), base.clone());
                    view! {
                        <ActionForm action attr:class="confirm-box" attr:role="group"
                            attr:aria-labelledby=concat!("confirm-", $what)>
                            <input type="hidden" name="id" value=id />
                            <p id=concat!("confirm-", $what)>{$question}</p>
                            {$extra}
                            <SubmitButton pending=action.pending() label=$button
                                class=if $danger { "button-danger" } else { "button-primary" } />
                            " "
                            <a href=base>{t!(i18n, users_cancel)}</a>
                        </ActionForm>
                    }
                    .into_any()
                } else {
                    view! {
                        <a class=$ask_class href=format!("{base}?confirm={}#actions", $what)>{$label}</a>
                    }
                    .into_any()
                }
            };
        }
        match status {
            ScanStatus::Draft => {
                // Before opening, the organiser sees once more which groups cannot be shown.
                let warning = (!reach.is_empty()).then(|| {
                    let reach = reach.clone();
                    view! { <ReachNotice reach testid="reach-warning-confirm" /> }
                });
                let question = if invitations == 1 {
                    t_string!(i18n, scan_confirm_open_one).to_string()
                } else {
                    t_string!(i18n, scan_confirm_open, count = invitations).to_string()
                };
                step!(
                    "open",
                    actions.open,
                    t_string!(i18n, scan_action_open).to_string(),
                    question,
                    t_string!(i18n, scan_confirm_open_button).to_string(),
                    false,
                    "button button-primary",
                    warning
                )
            }
            ScanStatus::Open => {
                let question = if pending == 1 {
                    t_string!(i18n, scan_confirm_remind_one).to_string()
                } else {
                    t_string!(i18n, scan_confirm_remind, count = pending).to_string()
                };
                view! {
                    {step!("remind", actions.remind,
                        t_string!(i18n, scan_action_remind).to_string(),
                        question,
                        t_string!(i18n, scan_confirm_remind_button).to_string(), false,
                        "button", ())}
                    " "
                    {(!released).then(|| step!("release", actions.release,
                        t_string!(i18n, scan_action_release).to_string(),
                        t_string!(i18n, scan_confirm_release, k).to_string(),
                        t_string!(i18n, scan_confirm_release_button).to_string(), false,
                        "button", ()))}
                    " "
                    {step!("close", actions.close,
                        t_string!(i18n, scan_action_close).to_string(),
                        t_string!(i18n, scan_confirm_close).to_string(),
                        t_string!(i18n, scan_confirm_close_button).to_string(), true,
                        "button", ())}
                }
                .into_any()
            }
            ScanStatus::Closed => {
                let action = actions.reopen;
                let id = id.clone();
                view! {
                    <ActionForm action attr:class="inline-form stack">
                        <input type="hidden" name="id" value=id />
                        <div class="field">
                            <label for="reopen-deadline">{t!(i18n, scan_reopen_deadline)}</label>
                            <input id="reopen-deadline" name="deadline" type="date" required />
                        </div>
                        <SubmitButton pending=action.pending()
                            label=t_string!(i18n, scan_action_reopen).to_string() />
                    </ActionForm>
                }
                .into_any()
            }
        }
    };
    let heading = match status {
        ScanStatus::Draft => t_string!(i18n, scan_checklist_title).to_string(),
        _ => t_string!(i18n, scan_section_actions).to_string(),
    };
    let checklist = (status == ScanStatus::Draft).then(|| view! { <DraftChecklist scan /> });
    view! {
        <section class="card" id="actions" aria-labelledby="scan-actions">
            <h2 id="scan-actions">{heading}</h2>
            <p class="help">{help}</p>
            {checklist}
            <div class="actions">{content}</div>
        </section>
    }
}

/// A draft's steps: settings (saved, so done), informants (how many), open.
#[component]
fn DraftChecklist(scan: ScanData) -> impl IntoView {
    let i18n = use_i18n();
    let self_groups: Vec<&str> = scan
        .groups
        .iter()
        .filter(|g| g.is_self)
        .map(|g| g.id.as_str())
        .collect();
    let informants = scan
        .invitations
        .iter()
        .filter(|l| l.status != InvitationStatus::Revoked)
        .filter(|l| !self_groups.contains(&l.group_id.as_str()))
        .count();
    let mark = move |done: bool, number: usize| {
        let state = if done {
            t_string!(i18n, scan_step_done).to_string()
        } else {
            t_string!(i18n, scan_step_todo).to_string()
        };
        view! {
            <span class="step-mark" aria-hidden="true">{if done { "✓".to_owned() } else { number.to_string() }}</span>
            <span class="visually-hidden">{state} ": "</span>
        }
    };
    let step_class = |done: bool| {
        if done {
            "step step-done"
        } else {
            "step step-todo"
        }
    };
    view! {
        <ol class="steps" data-testid="checklist">
            <li class=step_class(true)>
                {mark(true, 1)}
                <span>
                    {t!(i18n, scan_step_settings)} " — "
                    <a href=format!("/scans/{}/edit", scan.id)>{t!(i18n, scan_step_settings_edit)}</a>
                </span>
            </li>
            <li class=step_class(informants > 0)>
                {mark(informants > 0, 2)}
                <span>
                    {t_string!(i18n, scan_step_informants, count = informants).to_string()} " — "
                    <a href="#add-one">{t!(i18n, scan_step_informants_add)}</a>
                </span>
            </li>
            <li class=step_class(false)>
                {mark(false, 3)}
                <span>{t!(i18n, scan_step_open)}</span>
            </li>
        </ol>
    }
}

/// Deleting a draft: at the end of the page, a quiet button that asks first.
#[component]
pub fn DeleteDraft(scan: ScanData, actions: ScanActions) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let id = scan.id.clone();
    let content = move || {
        let base = format!("/scans/{id}");
        let asked = query.read().get("confirm").as_deref() == Some("delete");
        if asked {
            let action = actions.delete;
            let id = id.clone();
            view! {
                <ActionForm action attr:class="confirm-box" attr:role="group"
                    attr:aria-labelledby="confirm-delete">
                    <input type="hidden" name="id" value=id />
                    <p id="confirm-delete">{t!(i18n, scan_confirm_delete)}</p>
                    <SubmitButton pending=action.pending()
                        label=t_string!(i18n, scan_confirm_delete_button).to_string()
                        class="button-danger" />
                    " "
                    <a href=base>{t!(i18n, users_cancel)}</a>
                </ActionForm>
            }
            .into_any()
        } else {
            view! {
                <a class="button button-quiet-danger" href=format!("{base}?confirm=delete#delete")>
                    {t!(i18n, scan_action_delete)}
                </a>
            }
            .into_any()
        }
    };
    view! {
        <section class="card card-quiet" id="delete" aria-labelledby="scan-delete">
            <h2 id="scan-delete">{t!(i18n, scan_section_delete)}</h2>
            <p class="help">{t!(i18n, scan_delete_help)}</p>
            <div class="actions">{content}</div>
        </section>
    }
}
