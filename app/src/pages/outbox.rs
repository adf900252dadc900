use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::error_message::ErrorMessage;
use crate::components::require_user::RequireUser;
use crate::domain::user_error::UserError;
use crate::i18n::*;
use crate::server_fns::outbox::list_outbox_rows;

/// Administrators see every outgoing email and whether it was sent, is waiting for a retry, or
/// failed and why. Without SMTP the messages are also written as .eml files in the data folder.
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
    let rows = Resource::new(|| (), |_| list_outbox_rows());
    view! {
        <h1>{t!(i18n, outbox_title)}</h1>
        <p>{t!(i18n, outbox_intro)}</p>
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match rows.await {
                    Ok(rows) if rows.is_empty() => view! { <p>{t!(i18n, outbox_empty)}</p> }.into_any(),
                    Ok(rows) => view! {
                        <div class="table-wrap">
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
                        </div>
                    }.into_any(),
                    Err(_) => view! { <ErrorMessage error=UserError::Internal /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
