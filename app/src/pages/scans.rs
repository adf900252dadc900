use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::action::done_in_address;
use crate::components::error_message::ErrorMessage;
use crate::components::localized::{date_text, pick};
use crate::components::require_user::RequireUser;
use crate::components::table_wrap::TableWrap;
use crate::domain::scan::ScanStatus;
use crate::i18n::*;
use crate::server_fns::outcome::Done;
use crate::server_fns::scans::{ScanRow, list_scans};
use leptos_i18n::I18nContext;

/// The organiser's scans, newest first, with their response counts.
#[component]
pub fn ScansPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Title text=t_string!(i18n, scans_title).to_string() />
        <RequireUser children=move |_| view! { <ScanList /> } />
    }
}

pub fn status_text(i18n: I18nContext<Locale>, status: ScanStatus) -> String {
    match status {
        ScanStatus::Draft => t_string!(i18n, scan_status_draft).to_string(),
        ScanStatus::Open => t_string!(i18n, scan_status_open).to_string(),
        ScanStatus::Closed => t_string!(i18n, scan_status_closed).to_string(),
    }
}

#[component]
fn ScanList() -> impl IntoView {
    let i18n = use_i18n();
    let done = done_in_address();
    let scans = Resource::new(|| (), |_| list_scans());
    let deleted = move || done.get() == Some(Done::Deleted);
    view! {
        <h1>{t!(i18n, scans_title)}</h1>
        <p>{t!(i18n, scans_intro)}</p>
        <Show when=deleted>
            <div class="message message-ok" role="status">{t!(i18n, scans_deleted)}</div>
        </Show>
        <p><a class="button button-primary" href="/scans/new">{t!(i18n, scans_new)}</a></p>
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match scans.await {
                    Ok(list) if list.is_empty() => view! { <p>{t!(i18n, scans_none)}</p> }.into_any(),
                    Ok(list) => view! { <ScanTable list /> }.into_any(),
                    Err(e) => view! { <ErrorMessage error=e.user_error() /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ScanTable(list: Vec<ScanRow>) -> impl IntoView {
    let i18n = use_i18n();
    let rows = list
        .into_iter()
        .map(|s| {
            view! {
                <tr>
                    <td><a href=format!("/scans/{}", s.id)>{s.subject_name.clone()}</a></td>
                    <td>{pick(i18n, &s.framework_nl, &s.framework_en)}</td>
                    <td><span class=format!("badge badge-{}", s.status.as_str())>{status_text(i18n, s.status)}</span></td>
                    <td>{date_text(i18n, s.deadline)}</td>
                    <td>{format!("{} / {}", s.submitted, s.invited)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <TableWrap label=t_string!(i18n, scans_title).to_string()>
            <table>
                <caption class="visually-hidden">{t!(i18n, scans_title)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, scans_col_subject)}</th>
                        <th scope="col">{t!(i18n, scans_col_framework)}</th>
                        <th scope="col">{t!(i18n, scans_col_status)}</th>
                        <th scope="col">{t!(i18n, scans_col_deadline)}</th>
                        <th scope="col">{t!(i18n, scans_col_responses)}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </TableWrap>
    }
}
