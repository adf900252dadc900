//! `/gesprekken`: the conversations the signed-in account is a party to (as planner,
//! participant, the person discussed or a reader it was shared with), newest first, and the way
//! to a new one. Administrators see only their own: a record belongs to its parties.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::localized::{date_text, language};
use crate::components::require_user::RequireUser;
use crate::components::table_wrap::TableWrap;
use crate::i18n::*;
use crate::pages::conversation::feedback::RecordErrorMessage;
use crate::server_fns::conversations::{ConversationRow, list_conversations};

#[component]
pub fn ConversationsPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Title text=t_string!(i18n, conv_list_title).to_string() />
        <RequireUser children=move |_| view! { <ConversationList /> } />
    }
}

#[component]
fn ConversationList() -> impl IntoView {
    let i18n = use_i18n();
    let list = Resource::new(|| (), |_| list_conversations());
    view! {
        <h1>{t!(i18n, conv_list_title)}</h1>
        <p>{t!(i18n, conv_list_intro)}</p>
        <p><a class="button button-primary" href="/gesprekken/nieuw">{t!(i18n, conv_list_new)}</a></p>
        <p><a href="/cycli">{t!(i18n, conv_list_cycles)}</a></p>
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(rows) if rows.is_empty() => view! { <p>{t!(i18n, conv_list_none)}</p> }.into_any(),
                    Ok(rows) => view! { <ConversationTable rows /> }.into_any(),
                    Err(error) => view! { <RecordErrorMessage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ConversationTable(rows: Vec<ConversationRow>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = language(i18n);
    let body = rows
        .into_iter()
        .map(|row| {
            let planned = row
                .starts_at
                .map_or_else(|| "—".to_owned(), |at| date_text(i18n, at));
            view! {
                <tr>
                    <td><a href=format!("/gesprekken/{}", row.id)>{row.subject_name.clone()}</a></td>
                    <td>{row.type_name.clone()}</td>
                    <td>{row.viewer_role.clone()}</td>
                    <td><span class=format!("badge badge-{}", row.state.as_str())>{row.state.label(lang)}</span></td>
                    <td>{planned}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <TableWrap label=t_string!(i18n, conv_list_title).to_string()>
            <table data-testid="conversations">
                <caption class="visually-hidden">{t!(i18n, conv_list_title)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, conv_col_subject)}</th>
                        <th scope="col">{t!(i18n, conv_col_type)}</th>
                        <th scope="col">{t!(i18n, conv_col_role)}</th>
                        <th scope="col">{t!(i18n, conv_col_state)}</th>
                        <th scope="col">{t!(i18n, conv_col_date)}</th>
                    </tr>
                </thead>
                <tbody>{body}</tbody>
            </table>
        </TableWrap>
    }
}
