use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::components::action::{ActionOutcome, SubmitButton, latest_refusal};
use crate::components::error_message::ErrorMessage;
use crate::components::localized::date_text;
use crate::components::require_user::RequireUser;
use crate::components::table_wrap::TableWrap;
use crate::i18n::*;
use crate::server_fns::action_error::ActionError;
use crate::server_fns::token_actions::{CreateApiToken, RevokeApiToken};
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

/// The page's actions, made once so the list reloads after any of them.
#[derive(Clone, Copy)]
struct TokenActions {
    create: ServerAction<CreateApiToken>,
    revoke: ServerAction<RevokeApiToken>,
    refusal: Signal<Option<ActionError>>,
}

impl TokenActions {
    fn new() -> Self {
        let (create, revoke) = (ServerAction::new(), ServerAction::new());
        Self {
            create,
            revoke,
            refusal: latest_refusal(&[create.value(), revoke.value()]),
        }
    }

    fn version(&self) -> usize {
        self.create.version().get() + self.revoke.version().get()
    }
}

#[component]
fn Tokens() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let actions = TokenActions::new();
    let data = Resource::new(
        move || {
            (
                query.read().get("flash").unwrap_or_default(),
                actions.version(),
            )
        },
        |(flash, _)| load_tokens(flash),
    );
    let create = actions.create;
    view! {
        <h1>{t!(i18n, tokens_title)}</h1>
        <p>{t!(i18n, tokens_intro)} " " <a href="/api/v1/docs" rel="external">{t!(i18n, tokens_docs)}</a></p>
        <ActionOutcome refusal=actions.refusal />
        <Transition fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(data) => view! { <TokenList data actions /> }.into_any(),
                    Err(e) => view! { <ErrorMessage error=e.user_error() /> }.into_any(),
                }
            })}
        </Transition>
        <section class="card">
            <h2>{t!(i18n, tokens_new)}</h2>
            <ActionForm action=create attr:class="stack">
                <div class="field">
                    <label for="token-name">{t!(i18n, tokens_name)}</label>
                    <input id="token-name" name="name" required maxlength="100" aria-describedby="token-name-help" />
                    <p id="token-name-help" class="help">{t!(i18n, tokens_name_help)}</p>
                </div>
                <SubmitButton pending=create.pending() class="button-primary"
                    label=t_string!(i18n, tokens_create).to_string() />
            </ActionForm>
        </section>
    }
}

#[component]
fn TokenList(data: TokensPageData, actions: TokenActions) -> impl IntoView {
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
                        <ActionForm action=actions.revoke attr:class="inline-form">
                            <input type="hidden" name="id" value=t.id.clone() />
                            <SubmitButton pending=actions.revoke.pending()
                                label=t_string!(i18n, tokens_revoke).to_string()
                                aria_label=format!("{} {}", t_string!(i18n, tokens_revoke), t.name) />
                        </ActionForm>
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        {created}
        <TableWrap label=t_string!(i18n, tokens_title).to_string()>
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
        </TableWrap>
    }
}
