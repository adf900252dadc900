use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::components::error_message::{ErrorMessage, QueryError};
use crate::components::localized::{date_text, pick, user_error_of};
use crate::components::require_user::RequireUser;
use crate::domain::scan::ScanStatus;
use crate::domain::scan::progress::GroupProgress;
use crate::i18n::*;
use crate::pages::scan_informants::Informants;
use crate::pages::scans::status_text;
use crate::server_fns::scans::{ScanPage as ScanData, load_scan_page};
use leptos_i18n::I18nContext;

/// One scan for its organiser: settings, the life-cycle actions (each confirmed on a second
/// step that works without JavaScript), the response rate per group and the informants.
#[component]
pub fn ScanPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Title text=t_string!(i18n, scan_title).to_string() />
        <RequireUser children=move |_| view! { <ScanLoader /> } />
    }
}

#[component]
fn ScanLoader() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let query = use_query_map();
    let args = move || {
        (
            params.read().get("id").unwrap_or_default(),
            query.read().get("flash").unwrap_or_default(),
        )
    };
    let page = Resource::new(args, |(id, flash)| load_scan_page(id, flash));
    view! {
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(scan) => view! { <ScanView scan /> }.into_any(),
                    Err(e) => view! {
                        <h1>{t!(i18n, scan_title)}</h1>
                        <ErrorMessage error=user_error_of(&e) />
                        <p><a href="/scans">{t!(i18n, scan_back)}</a></p>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn notice(i18n: I18nContext<Locale>, done: &str, n: usize) -> Option<String> {
    Some(match done {
        "created" => t_string!(i18n, scan_done_created).to_string(),
        "saved" => t_string!(i18n, scan_done_saved).to_string(),
        "opened" => t_string!(i18n, scan_done_opened, n).to_string(),
        "reminded" => t_string!(i18n, scan_done_reminded, n).to_string(),
        "closed" => t_string!(i18n, scan_done_closed).to_string(),
        "released" => t_string!(i18n, scan_done_released).to_string(),
        "reopened" => t_string!(i18n, scan_done_reopened).to_string(),
        "added" => t_string!(i18n, scan_done_added, n).to_string(),
        "revoked" => t_string!(i18n, scan_done_revoked).to_string(),
        "resent" => t_string!(i18n, scan_done_resent).to_string(),
        _ => return None,
    })
}

#[component]
fn ScanView(scan: ScanData) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let done = move || {
        let q = query.read();
        let n = q.get("n").and_then(|n| n.parse().ok()).unwrap_or(0);
        q.get("done").and_then(|d| notice(i18n, &d, n))
    };
    let groups_text = scan
        .groups
        .iter()
        .map(|g| {
            let label = pick(i18n, &g.label_nl, &g.label_en);
            if g.identifiable && !g.is_self {
                format!(
                    "{label} ({})",
                    t_string!(i18n, scan_group_identifiable_short)
                )
            } else {
                label
            }
        })
        .collect::<Vec<_>>()
        .join(", ");
    let level_text = scan.levels.join(" + ");
    view! {
        <p><a href="/scans">{t!(i18n, scan_back)}</a></p>
        <h1>{scan.subject_name.clone()} " "
            <span class=format!("badge badge-{}", scan.status.as_str())>{status_text(i18n, scan.status)}</span>
        </h1>
        <QueryError />
        {move || done().map(|text| view! { <div class="message message-ok" role="status">{text}</div> })}
        <section class="card" aria-labelledby="scan-settings">
            <h2 id="scan-settings">{t!(i18n, scan_section_overview)}</h2>
            <dl class="facts">
                <dt>{t!(i18n, scan_field_subject_email)}</dt><dd>{scan.subject_email.clone()}</dd>
                {(!scan.subject_job_title.is_empty()).then(|| view! {
                    <dt>{t!(i18n, scan_field_subject_job)}</dt><dd>{scan.subject_job_title.clone()}</dd>
                })}
                <dt>{t!(i18n, scan_field_framework)}</dt><dd>{scan.framework_name.clone()}</dd>
                {scan.profile_name.clone().map(|p| view! { <dt>{t!(i18n, scan_field_profile)}</dt><dd>{p}</dd> })}
                {(!level_text.is_empty()).then(|| view! { <dt>{t!(i18n, scan_field_level)}</dt><dd>{level_text.clone()}</dd> })}
                <dt>{t!(i18n, scan_field_competencies)}</dt><dd>{scan.competencies.join(", ")}</dd>
                <dt>{t!(i18n, scan_section_groups)}</dt><dd>{groups_text}</dd>
                <dt>{t!(i18n, scan_field_k)}</dt><dd>{scan.k}</dd>
                <dt>{t!(i18n, scan_field_deadline)}</dt><dd>{date_text(i18n, scan.deadline)}</dd>
                <dt>{t!(i18n, scan_field_reminder)}</dt>
                <dd>{match scan.reminder_days {
                    Some(days) => t_string!(i18n, scan_reminder_days, days).to_string(),
                    None => t_string!(i18n, scan_reminder_none).to_string(),
                }}</dd>
                <dt>{t!(i18n, scan_field_readers)}</dt>
                <dd>{if scan.report_readers.is_empty() { "—".to_owned() } else { scan.report_readers.join(", ") }}</dd>
            </dl>
            {(scan.status != ScanStatus::Closed).then(|| view! {
                <p><a href=format!("/scans/{}/edit", scan.id)>{t!(i18n, scan_edit)}</a></p>
            })}
            {(scan.status == ScanStatus::Closed || scan.released).then(|| view! {
                <p><a class="button button-primary" href=format!("/scans/{}/rapport", scan.id)>{t!(i18n, report_open)}</a></p>
            })}
        </section>
        <Actions scan=scan.clone() />
        <Progress rows=scan.progress.clone() total=scan.total.clone() />
        <Informants scan />
    }
}

/// The life-cycle buttons. Each first links to `?confirm=<action>`, which shows the question
/// and the real (POST) button: a confirmation that needs no JavaScript.
#[component]
fn Actions(scan: ScanData) -> impl IntoView {
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
    let content = move || {
        let confirm = query.read().get("confirm");
        let base = format!("/scans/{id}");
        let step = |what: &'static str,
                    label: String,
                    question: String,
                    button: String,
                    danger: bool| {
            if confirm.as_deref() == Some(what) {
                view! {
                    <form method="post" action=format!("{base}/do/{what}") class="confirm-box" role="group"
                        aria-labelledby=format!("confirm-{what}")>
                        <p id=format!("confirm-{what}")>{question}</p>
                        <button type="submit" class=if danger { "button-danger" } else { "button-primary" }>{button}</button>
                        " "
                        <a href=base.clone()>{t!(i18n, users_cancel)}</a>
                    </form>
                }
                .into_any()
            } else {
                view! { <a class="button" href=format!("{base}?confirm={what}#actions")>{label}</a> }.into_any()
            }
        };
        match status {
            ScanStatus::Draft => view! {
                {step(
                    "open",
                    t_string!(i18n, scan_action_open).to_string(),
                    t_string!(i18n, scan_confirm_open, count = invitations).to_string(),
                    t_string!(i18n, scan_confirm_open_button).to_string(),
                    false,
                )}
                " "
                {step(
                    "delete",
                    t_string!(i18n, scan_action_delete).to_string(),
                    t_string!(i18n, scan_confirm_delete).to_string(),
                    t_string!(i18n, scan_confirm_delete_button).to_string(),
                    true,
                )}
            }
            .into_any(),
            ScanStatus::Open => view! {
                {step(
                    "remind",
                    t_string!(i18n, scan_action_remind).to_string(),
                    t_string!(i18n, scan_confirm_remind, count = pending).to_string(),
                    t_string!(i18n, scan_confirm_remind_button).to_string(),
                    false,
                )}
                " "
                {(!released).then(|| step(
                    "release",
                    t_string!(i18n, scan_action_release).to_string(),
                    t_string!(i18n, scan_confirm_release, k).to_string(),
                    t_string!(i18n, scan_confirm_release_button).to_string(),
                    false,
                ))}
                " "
                {step(
                    "close",
                    t_string!(i18n, scan_action_close).to_string(),
                    t_string!(i18n, scan_confirm_close).to_string(),
                    t_string!(i18n, scan_confirm_close_button).to_string(),
                    true,
                )}
            }
            .into_any(),
            ScanStatus::Closed => view! {
                <form method="post" action=format!("{base}/do/reopen") class="inline-form stack">
                    <div class="field">
                        <label for="reopen-deadline">{t!(i18n, scan_reopen_deadline)}</label>
                        <input id="reopen-deadline" name="deadline" type="date" required />
                    </div>
                    <button type="submit">{t!(i18n, scan_action_reopen)}</button>
                </form>
            }
            .into_any(),
        }
    };
    view! {
        <section class="card" id="actions" aria-labelledby="scan-actions">
            <h2 id="scan-actions">{t!(i18n, scan_section_actions)}</h2>
            <p class="help">{help}</p>
            <div class="actions">{content}</div>
        </section>
    }
}

#[component]
fn Progress(rows: Vec<GroupProgress>, total: GroupProgress) -> impl IntoView {
    let i18n = use_i18n();
    let percent = |r: &GroupProgress| {
        (r.submitted * 100)
            .checked_div(r.invited)
            .map_or_else(|| "—".to_owned(), |p| format!("{p} %"))
    };
    let body = rows
        .iter()
        .map(|r| {
            view! {
                <tr>
                    <th scope="row">{pick(i18n, &r.label_nl, &r.label_en)}</th>
                    <td>{r.invited}</td>
                    <td>{r.submitted}</td>
                    <td>{percent(r)}</td>
                    <td>{r.failed}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="card" id="progress" aria-labelledby="scan-progress">
            <h2 id="scan-progress">{t!(i18n, scan_section_progress)}</h2>
            <p class="help">{t!(i18n, scan_progress_help)}</p>
            <div class="table-wrap">
                <table data-testid="progress">
                    <thead>
                        <tr>
                            <th scope="col">{t!(i18n, scan_col_group)}</th>
                            <th scope="col">{t!(i18n, scan_col_invited)}</th>
                            <th scope="col">{t!(i18n, scan_col_submitted)}</th>
                            <th scope="col">{t!(i18n, scan_col_rate)}</th>
                            <th scope="col">{t!(i18n, scan_col_failed)}</th>
                        </tr>
                    </thead>
                    <tbody>{body}</tbody>
                    <tfoot>
                        <tr>
                            <th scope="row">{t!(i18n, scan_total)}</th>
                            <td>{total.invited}</td>
                            <td>{total.submitted}</td>
                            <td>{percent(&total)}</td>
                            <td>{total.failed}</td>
                        </tr>
                    </tfoot>
                </table>
            </div>
        </section>
    }
}
