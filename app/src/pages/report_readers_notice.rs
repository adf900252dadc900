//! On the organiser's scan page, beside "Scan sluiten": who will hear that the report is ready
//! and how — a link for a reader with an account, an invitation to create one for a reader
//! without — and a warning when nobody but the organiser reads it (issue 20). What it lists is
//! computed by the same rule the closing applies (`domain::report_readers::plan`), and comes
//! with the page's own data (`ScanPage::readers_notice`): a resource of its own, nested in the
//! page's transition, did not hydrate.

use leptos::prelude::*;

use crate::domain::report_readers::ReaderNotice;
use crate::domain::scan::ScanStatus;
use crate::i18n::*;
use crate::server_fns::scans::ScanPage as ScanData;

#[component]
pub fn ReportReadersNotice(scan: ScanData) -> impl IntoView {
    let i18n = use_i18n();
    let readable = scan.status == ScanStatus::Closed || scan.released;
    let notice = scan.readers_notice;
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
        <section class="card" id="readers" aria-labelledby="readers-notice" data-testid="readers-notice">
            <h2 id="readers-notice">{t!(i18n, readers_notice_title)}</h2>
            {notice.only_organiser.then(|| view! {
                <p class="message message-info" role="note">{t!(i18n, readers_notice_only_organiser)}</p>
            })}
            {any.then(|| view! {
                <p class="help">
                    {if readable { t_string!(i18n, readers_notice_after) } else { t_string!(i18n, readers_notice_before) }.to_string()}
                </p>
                <ul>{lines}</ul>
            })}
            {invites.then(|| view! {
                <p class="help">{t_string!(i18n, readers_notice_why_account, days).to_string()}</p>
            })}
        </section>
    }
}
