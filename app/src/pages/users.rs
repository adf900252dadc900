use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::components::action::{ActionOutcome, SubmitButton, latest_refusal};
use crate::components::error_message::ErrorMessage;
use crate::components::require_user::RequireUser;
use crate::components::table_wrap::TableWrap;
use crate::domain::account::{AccountStatus, AccountSummary, CurrentUser, Role};
use crate::domain::user_error::UserError;
use crate::i18n::*;
use crate::server_fns::account_admin::{
    ActivateAccount, DeactivateAccount, InviteOrganiser, InvitedOrganiser, load_invited,
};
use crate::server_fns::accounts::list_accounts;
use crate::server_fns::action_error::ActionError;
use leptos_i18n::I18nContext;

/// The account actions of the page, made once so the table reloads after any of them.
#[derive(Clone, Copy)]
struct AccountActions {
    invite: ServerAction<InviteOrganiser>,
    deactivate: ServerAction<DeactivateAccount>,
    activate: ServerAction<ActivateAccount>,
    refusal: Signal<Option<ActionError>>,
}

impl AccountActions {
    fn new() -> Self {
        let invite = ServerAction::new();
        let (deactivate, activate) = (ServerAction::new(), ServerAction::new());
        Self {
            invite,
            deactivate,
            activate,
            refusal: latest_refusal(&[invite.value(), deactivate.value(), activate.value()]),
        }
    }

    fn version(&self) -> usize {
        self.invite.version().get()
            + self.deactivate.version().get()
            + self.activate.version().get()
    }
}

/// Administrators invite organisers and (de)activate accounts. Deactivation asks for
/// confirmation on a second step, which works without JavaScript.
#[component]
pub fn UsersPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Title text=t_string!(i18n, users_title).to_string() />
        <RequireUser children=move |user| {
            if user.is_admin() {
                view! { <AccountsAdmin user /> }.into_any()
            } else {
                view! { <ErrorMessage error=UserError::Forbidden /> }.into_any()
            }
        } />
    }
}

#[component]
fn AccountsAdmin(user: CurrentUser) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let actions = AccountActions::new();
    // Loaded again after every answered action (a WebAssembly call stays on the page).
    let accounts = Resource::new(move || actions.version(), |_| list_accounts());
    // The invitation just made, once (its link travels in a flash entry, never the address).
    let invited = Resource::new(
        move || query.read().get("flash").unwrap_or_default(),
        load_invited,
    );
    let confirm = move || query.read().get("confirm");
    let me = user.id.clone();
    view! {
        <h1>{t!(i18n, users_title)}</h1>
        <p>{t!(i18n, users_intro)}</p>
        <ActionOutcome refusal=actions.refusal />
        <Transition>
            {move || Suspend::new(async move {
                invited.await.ok().flatten().map(|InvitedOrganiser { email, link }| view! {
                    <div class="message message-ok" role="status">
                        <p>{t_string!(i18n, users_invite_created, email).to_string()}</p>
                        <p><code class="invite-link" data-testid="invite-link">{link}</code></p>
                    </div>
                })
            })}
        </Transition>
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {
                let me = me.clone();
                move || {
                    let me = me.clone();
                    Suspend::new(async move {
                        match accounts.await {
                            Ok(list) => view! { <AccountsTable list me confirm=confirm() actions /> }.into_any(),
                            Err(_) => view! { <ErrorMessage error=UserError::Internal /> }.into_any(),
                        }
                    })
                }
            }
        </Suspense>
        <section class="card">
            <h2>{t!(i18n, users_invite_title)}</h2>
            <ActionForm action=actions.invite attr:class="stack">
                <div class="field">
                    <label for="invite-email">{t!(i18n, field_email)}</label>
                    <input id="invite-email" name="email" type="email" required maxlength="254" />
                </div>
                <SubmitButton pending=actions.invite.pending() class="button-primary"
                    label=t_string!(i18n, users_invite_submit).to_string() />
            </ActionForm>
        </section>
    }
}

#[component]
fn AccountsTable(
    list: Vec<AccountSummary>,
    me: String,
    confirm: Option<String>,
    actions: AccountActions,
) -> impl IntoView {
    let i18n = use_i18n();
    let rows = list
        .into_iter()
        .map(|account| {
            let is_me = account.id == me;
            let role = match account.role {
                Role::Admin => t_string!(i18n, role_admin).to_string(),
                Role::Organiser => t_string!(i18n, role_organiser).to_string(),
            };
            let status = match account.status {
                AccountStatus::Active => t_string!(i18n, users_status_active).to_string(),
                AccountStatus::Inactive => t_string!(i18n, users_status_inactive).to_string(),
                AccountStatus::Invited => t_string!(i18n, users_status_invited).to_string(),
            };
            let confirming = confirm.as_deref() == Some(account.id.as_str());
            let action = account_action(i18n, actions, &account, is_me, confirming);
            view! {
                <tr>
                    <td>{account.email.clone()} {is_me.then(|| format!(" {}", t_string!(i18n, users_you)))}</td>
                    <td>{role}</td>
                    <td>{status}</td>
                    <td>{action}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <TableWrap label=t_string!(i18n, users_title).to_string()>
            <table>
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, users_col_email)}</th>
                        <th scope="col">{t!(i18n, users_col_role)}</th>
                        <th scope="col">{t!(i18n, users_col_status)}</th>
                        <th scope="col">{t!(i18n, users_col_actions)}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </TableWrap>
    }
}

fn account_action(
    i18n: I18nContext<Locale>,
    actions: AccountActions,
    account: &AccountSummary,
    is_me: bool,
    confirming: bool,
) -> AnyView {
    let id = account.id.clone();
    let email = account.email.clone();
    match (account.status, is_me, confirming) {
        (_, true, _) => ().into_any(),
        (AccountStatus::Inactive, _, _) => {
            let action = actions.activate;
            view! {
                <ActionForm action attr:class="inline-form">
                    <input type="hidden" name="id" value=id />
                    <SubmitButton pending=action.pending()
                        label=t_string!(i18n, users_activate).to_string() />
                </ActionForm>
            }
            .into_any()
        }
        (_, false, true) => {
            let action = actions.deactivate;
            view! {
                <ActionForm action attr:class="confirm-box" attr:role="group"
                    attr:aria-labelledby="confirm-text">
                    <p id="confirm-text">{t_string!(i18n, users_deactivate_confirm, email).to_string()}</p>
                    <input type="hidden" name="id" value=id />
                    <SubmitButton pending=action.pending() class="button-danger"
                        label=t_string!(i18n, users_deactivate_confirm_button).to_string() />
                    " "
                    <a href="/admin/users">{t!(i18n, users_cancel)}</a>
                </ActionForm>
            }
            .into_any()
        }
        (_, false, false) => view! {
            <a href=format!("/admin/users?confirm={id}") aria-label=format!("{} {}", t_string!(i18n, users_deactivate), email)>
                {t!(i18n, users_deactivate)}
            </a>
        }
        .into_any(),
    }
}
