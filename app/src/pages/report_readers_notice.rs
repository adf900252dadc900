//! On the organiser's scan page, beside "Scan sluiten": who will hear that the report is ready
//! and how — a link for a reader with an account, an invitation to create one for a reader
//! without — and a warning when nobody but the organiser reads it (issue 20). What it lists is
//! computed by the same rule the closing applies (`domain::report_readers::plan`).

use leptos::prelude::*;

use crate::components::error_message::ErrorMessage;
use crate::domain::report_readers::{ReaderNotice, ReadersNotice};
use crate::domain::scan::ScanStatus;
use crate::i18n::*;
use crate::server_fns::report_readers::load_readers_notice;
use crate::server_fns::scans::ScanPage as ScanData;

#[component]
pub fn ReportReadersNotice(scan: ScanData) -> impl IntoView {
    let i18n = use_i18n();
    let readable = scan.status == ScanStatus::Closed || scan.released;
    let id = scan.id.clone();
    let notice = Resource::new(move || id.clone(), load_readers_notice);
    view! {
        <section class="card" id="readers" aria-labelledby="readers-notice" data-testid="readers-notice">
            <h2 id="readers-notice">{t!(i18n, readers_notice_title)}</h2>
            <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
                {move || Suspend::new(async move {
                    match notice.await {
                        Ok(notice) => view! { <Readers notice readable /> }.into_any(),
                        Err(e) => view! { <ErrorMessage error=e.user_error() /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn Readers(notice: ReadersNotice, readable: bool) -> impl IntoView {
    let i18n = use_i18n();
    let days = notice.invitation_days;
    let any = !notice.lines.is_empty();
    let invites = notice
        .lines
        .iter()
        .any(|l| l.notice == ReaderNotice::AccountInvitation);
    let lines = notice
        .lines
        .into_iter()
        .map(|line| {
            let what = match line.notice {
                ReaderNotice::ReportLink => t_string!(i18n, readers_notice_link),
                ReaderNotice::AccountInvitation => t_string!(i18n, readers_notice_invitation),
                ReaderNotice::NoneInactive => t_string!(i18n, readers_notice_inactive),
                ReaderNotice::AlreadyNotified => t_string!(i18n, readers_notice_sent),
            };
            view! { <li><strong>{line.email}</strong> " — " {what.to_string()}</li> }
        })
        .collect_view();
    view! {
        {notice.only_organiser.then(|| view! {
            <p class="message message-info" role="note">{t!(i18n, readers_notice_only_organiser)}</p>
        })}
        {any.then(|| view! {
            <p class="help">
                {if readable { t!(i18n, readers_notice_after).into_any() } else { t!(i18n, readers_notice_before).into_any() }}
            </p>
        })}
        <ul>{lines}</ul>
        {invites.then(|| view! {
            <p class="help">{t_string!(i18n, readers_notice_why_account, days).to_string()}</p>
        })}
    }
}
