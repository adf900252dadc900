use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::components::action::ActionOutcome;
use crate::components::error_message::ErrorMessage;
use crate::components::localized::{date_text, pick};
use crate::components::require_user::RequireUser;
use crate::components::table_wrap::TableWrap;
use crate::domain::scan::ScanStatus;
use crate::domain::scan::group_reach::{ReachWarning, reach_of_lines};
use crate::domain::scan::progress::GroupProgress;
use crate::i18n::*;
use crate::pages::scan_actions::{DeleteDraft, LifecycleActions, ScanActions};
use crate::pages::scan_informants::Informants;
use crate::pages::scans::status_text;
use crate::server_fns::scans::{ScanPage as ScanData, load_scan_page};
use leptos_i18n::I18nContext;

/// One scan for its organiser: a draft as a checklist with opening as its main action, a
/// running scan with its settings, life-cycle actions (each confirmed on a second step that
/// works without JavaScript; pages/scan_actions.rs) and response rate per group; the
/// informants; and, until it closes, a warning for groups that can never be shown.
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
    let actions = ScanActions::new();
    // Loaded again after every answered action (a WebAssembly call stays on the page).
    let args = move || {
        (
            params.read().get("id").unwrap_or_default(),
            query.read().get("flash").unwrap_or_default(),
            actions.version(),
        )
    };
    let page = Resource::new(args, |(id, flash, _)| load_scan_page(id, flash));
    // A transition, not a suspense: after an action the page keeps showing (and its button
    // stays busy) until the new figures are there.
    view! {
        <Transition fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(scan) => view! { <ScanView scan actions /> }.into_any(),
                    Err(e) => view! {
                        <h1>{t!(i18n, scan_title)}</h1>
                        <ErrorMessage error=e.user_error() />
                        <p><a href="/scans">{t!(i18n, scan_back)}</a></p>
                    }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn ScanView(scan: ScanData, actions: ScanActions) -> impl IntoView {
    let i18n = use_i18n();
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
    let draft = scan.status == ScanStatus::Draft;
    // Warned from the first save until the scan closes (the report then says it itself).
    let reach = reach_of_lines(&scan.groups, &scan.invitations, scan.k);
    let reach_notice = (scan.status != ScanStatus::Closed && !reach.is_empty())
        .then(|| view! { <ReachNotice reach testid="reach-warning" /> });
    let settings = view! {
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
    };
    // A draft starts with what to do next; a running scan with its settings and actions.
    let top = if draft {
        view! { <LifecycleActions scan=scan.clone() actions /> {settings} }.into_any()
    } else {
        view! { {settings} <LifecycleActions scan=scan.clone() actions /> }.into_any()
    };
    view! {
        <p><a href="/scans">{t!(i18n, scan_back)}</a></p>
        <h1>{if scan.removed_at.is_some() { t_string!(i18n, scan_removed_title).to_string() } else { scan.subject_name.clone() }} " "
            <span class=format!("badge badge-{}", scan.status.as_str())>{status_text(i18n, scan.status)}</span>
        </h1>
        <RetentionNotice scan=scan.clone() />
        <ActionOutcome refusal=actions.refusal() />
        {reach_notice}
        {top}
        <crate::pages::report_readers_notice::ReportReadersNotice scan=scan.clone() />
        {(!draft).then(|| view! { <Progress rows=scan.progress.clone() total=scan.total.clone() /> })}
        <Informants scan=scan.clone() actions />
        {draft.then(|| view! { <DeleteDraft scan actions /> })}
    }
}

/// One line per group that cannot reach `k`, in the page's language:
/// "Collega's: 1 uitgenodigd, minimaal 3 nodig om getoond te worden".
pub fn reach_lines(i18n: I18nContext<Locale>, reach: &ReachWarning) -> Vec<String> {
    reach
        .groups
        .iter()
        .map(|g| {
            let group = pick(i18n, &g.label_nl, &g.label_en);
            t_string!(
                i18n,
                scan_reach_group,
                group,
                invited = g.invited,
                k = reach.k
            )
            .to_string()
        })
        .collect()
}

/// The warning for groups that can never be shown: which, why, and that opening is still
/// allowed. Not a live region: it is part of the page, not news.
#[component]
pub fn ReachNotice(reach: ReachWarning, testid: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    let k = reach.k;
    let why = if reach.may_pool {
        t_string!(i18n, scan_reach_pooled, k).to_string()
    } else {
        t_string!(i18n, scan_reach_lost, k).to_string()
    };
    view! {
        <div class="message message-warning" data-testid=testid>
            <p><strong>{t!(i18n, scan_reach_title)}</strong></p>
            <ul>{reach_lines(i18n, &reach).into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}</ul>
            <p>{why}</p>
            <p>{t!(i18n, scan_reach_may_open)}</p>
        </div>
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
            <TableWrap label=t_string!(i18n, scan_section_progress).to_string()>
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
            </TableWrap>
        </section>
    }
}

/// A closed scan's retention (issue 21): until when it is kept, or when its content was removed.
#[component]
fn RetentionNotice(scan: ScanData) -> impl IntoView {
    let i18n = use_i18n();
    let text = match (scan.removed_at, scan.kept_until) {
        (Some(at), _) => {
            Some(t_string!(i18n, scan_removed_on, date = date_text(i18n, at)).to_string())
        }
        (None, Some(until)) => {
            Some(t_string!(i18n, scan_retention_until, date = date_text(i18n, until)).to_string())
        }
        (None, None) => None,
    };
    text.map(|text| view! { <p class="help" data-testid="scan-retention">{text}</p> })
}
