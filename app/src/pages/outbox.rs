use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::error_message::ErrorMessage;
use crate::components::require_user::RequireUser;
use crate::components::table_wrap::TableWrap;
use crate::domain::user_error::UserError;
use crate::i18n::*;
use crate::server_fns::outbox::{OutboxRow, ReminderCountRow, list_outbox_rows};

/// Administrators see every outgoing email and whether it was sent, is waiting for a retry, or
/// failed and why — except reminders, which go to exactly those who have not answered and are
/// therefore shown as counts per scan only. Without SMTP the messages are also written as .eml
/// files in the data folder (a development transport).
#[component]
pub fn OutboxPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Title text=t_string!(i18n, outbox_title).to_string() />
        <RequireUser children=move |user| {
            if user.is_admin() {
                view! { <OutboxTable /> }.into_any()
            } else {
                view! { <ErrorMessage error=UserError::Forbidden /> }.into_any()
            }
        } />
    }
}

#[component]
fn OutboxTable() -> impl IntoView {
    let i18n = use_i18n();
    let overview = Resource::new(|| (), |_| list_outbox_rows());
    view! {
        <h1>{t!(i18n, outbox_title)}</h1>
        <p>{t!(i18n, outbox_intro)}</p>
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match overview.await {
                    Ok(overview) => view! {
                        <MessageTable rows=overview.rows />
                        <h2>{t!(i18n, outbox_reminders_title)}</h2>
                        <p>{t!(i18n, outbox_reminders_intro)}</p>
                        <ReminderTable reminders=overview.reminders />
                    }.into_any(),
                    Err(_) => view! { <ErrorMessage error=UserError::Internal /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The messages whose recipients may be listed.
#[component]
fn MessageTable(rows: Vec<OutboxRow>) -> impl IntoView {
    let i18n = use_i18n();
    if rows.is_empty() {
        return view! { <p>{t!(i18n, outbox_empty)}</p> }.into_any();
    }
    view! {
        <TableWrap label=t_string!(i18n, outbox_title).to_string()>
            <table>
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, outbox_col_recipient)}</th>
                        <th scope="col">{t!(i18n, outbox_col_subject)}</th>
                        <th scope="col">{t!(i18n, outbox_col_status)}</th>
                        <th scope="col">{t!(i18n, outbox_col_attempts)}</th>
                    </tr>
                </thead>
                <tbody>
                    {rows.into_iter().map(|row| {
                        let status = match row.status.as_str() {
                            "sent" => t_string!(i18n, outbox_status_sent).to_string(),
                            "failed" => t_string!(i18n, outbox_status_failed).to_string(),
                            "sending" => t_string!(i18n, outbox_status_sending).to_string(),
                            _ => t_string!(i18n, outbox_status_queued).to_string(),
                        };
                        view! {
                            <tr>
                                <td>{row.recipient}</td>
                                <td>{row.subject}</td>
                                <td>{status} {row.last_error.map(|e| view! { <br /><span class="hint">{e}</span> })}</td>
                                <td>{row.attempts}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </TableWrap>
    }
    .into_any()
}

/// The reminders, as counts per scan: never who received one.
#[component]
fn ReminderTable(reminders: Vec<ReminderCountRow>) -> impl IntoView {
    let i18n = use_i18n();
    if reminders.is_empty() {
        return view! { <p>{t!(i18n, outbox_reminders_empty)}</p> }.into_any();
    }
    view! {
        <TableWrap label=t_string!(i18n, outbox_reminders_title).to_string()>
            <table data-testid="outbox-reminders">
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, outbox_col_scan)}</th>
                        <th scope="col">{t!(i18n, outbox_col_waiting)}</th>
                        <th scope="col">{t!(i18n, outbox_col_sent)}</th>
                        <th scope="col">{t!(i18n, outbox_col_failed)}</th>
                    </tr>
                </thead>
                <tbody>
                    {reminders.into_iter().map(|row| {
                        let scan = match row.scan_id {
                            Some(id) => view! { <a href={format!("/scans/{id}")}>{id.clone()}</a> }.into_any(),
                            None => view! { {t!(i18n, outbox_unknown_scan)} }.into_any(),
                        };
                        view! {
                            <tr>
                                <td>{scan}</td>
                                <td>{row.waiting}</td>
                                <td>{row.sent}</td>
                                <td>{row.failed}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </TableWrap>
    }
    .into_any()
}
