use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::components::error_message::{ErrorMessage, QueryError};
use crate::components::localized::{date_text, user_error_of};
use crate::components::require_user::RequireUser;
use crate::i18n::*;
use crate::server_fns::tokens::{TokensPageData, load_tokens};

/// `/account/tokens`: personal API tokens for HR systems and scripts. A new token is shown once;
/// afterwards only its name and when it was last used.
#[component]
pub fn TokensPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Title text=t_string!(i18n, tokens_title).to_string() />
        <RequireUser children=move |_| view! { <Tokens /> } />
    }
}

#[component]
fn Tokens() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let data = Resource::new(
        move || query.read().get("flash").unwrap_or_default(),
        load_tokens,
    );
    let revoked = move || query.read().get("done").as_deref() == Some("revoked");
    view! {
        <h1>{t!(i18n, tokens_title)}</h1>
        <p>{t!(i18n, tokens_intro)} " " <a href="/api/v1/docs" rel="external">{t!(i18n, tokens_docs)}</a></p>
        <QueryError />
        <Show when=revoked>
            <div class="message message-ok" role="status">{t!(i18n, tokens_revoked)}</div>
        </Show>
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(data) => view! { <TokenList data /> }.into_any(),
                    Err(e) => view! { <ErrorMessage error=user_error_of(&e) /> }.into_any(),
                }
            })}
        </Suspense>
        <section class="card">
            <h2>{t!(i18n, tokens_new)}</h2>
            <form method="post" action="/account/tokens" class="stack">
                <div class="field">
                    <label for="token-name">{t!(i18n, tokens_name)}</label>
                    <input id="token-name" name="name" required maxlength="100" aria-describedby="token-name-help" />
                    <p id="token-name-help" class="help">{t!(i18n, tokens_name_help)}</p>
                </div>
                <button type="submit" class="button-primary">{t!(i18n, tokens_create)}</button>
            </form>
        </section>
    }
}

#[component]
fn TokenList(data: TokensPageData) -> impl IntoView {
    let i18n = use_i18n();
    let created = data.created.map(|token| {
        view! {
            <div class="message message-ok" role="status">
                <p>{t!(i18n, tokens_created)}</p>
                <p><code data-testid="new-token">{token}</code></p>
            </div>
        }
    });
    let rows = data
        .tokens
        .into_iter()
        .map(|t| {
            let last = match t.last_used_at {
                Some(at) => date_text(i18n, at),
                None => t_string!(i18n, tokens_never).to_string(),
            };
            view! {
                <tr>
                    <td>{t.name.clone()}</td>
                    <td>{date_text(i18n, t.created_at)}</td>
                    <td>{last}</td>
                    <td>
                        <form method="post" action=format!("/account/tokens/{}/revoke", t.id) class="inline-form">
                            <button type="submit" aria-label=format!("{} {}", t_string!(i18n, tokens_revoke), t.name)>
                                {t!(i18n, tokens_revoke)}
                            </button>
                        </form>
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        {created}
        <div class="table-wrap">
            <table>
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, tokens_name)}</th>
                        <th scope="col">{t!(i18n, tokens_created_at)}</th>
                        <th scope="col">{t!(i18n, tokens_last_used)}</th>
                        <th scope="col">{t!(i18n, users_col_actions)}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}
