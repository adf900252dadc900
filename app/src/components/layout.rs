use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::components::action::{SubmitButton, latest_refusal};
use crate::components::error_message::ErrorMessage;
use crate::components::session::SessionResource;
use crate::domain::language::Language;
use crate::i18n::*;
use crate::request_language::{page_address, switch_address};
use crate::server_fns::action_error::ActionError;
use crate::server_fns::sign_in::Logout;

/// Page frame: skip link, header with navigation and language switch, main landmark, footer.
#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <a class="skip-link" href="#main">{t!(i18n, skip_to_content)}</a>
        <header class="site-header">
            <div class="site-header-inner">
                <a class="brand" href="/">{t!(i18n, app_name)}</a>
                <Navigation />
                <LanguageSwitch />
            </div>
        </header>
        <main id="main" class="content" tabindex="-1">
            {children()}
        </main>
        <footer class="site-footer">
            <p>{t!(i18n, tagline)}</p>
        </footer>
    }
}

/// Loads the visitor's session again once `answer` reports a success: a sign-in door changed
/// it, and with JavaScript the page it goes on to is reached without a reload, so the header
/// and the pages would otherwise still show the old one.
pub fn reload_session_after<T>(answer: MappedSignal<Option<Result<T, ActionError>>>)
where
    T: Clone + Send + Sync + 'static,
{
    let session = expect_context::<SessionResource>();
    Effect::new(move |_| {
        if matches!(answer.get(), Some(Ok(_))) {
            session.refetch();
        }
    });
}

/// The signed-in header: the three places an organiser works in as links, the
/// administrator's pages and the account's own pages each in a small menu (a `<details>`, so
/// it opens without JavaScript), and the logout button always in view. Fits one line at
/// 1280 px; on a phone it wraps.
#[component]
fn Navigation() -> impl IntoView {
    let i18n = use_i18n();
    let session = expect_context::<SessionResource>();
    // Made outside the session's Suspense, so the answer outlives the header it re-renders.
    let logout = ServerAction::<Logout>::new();
    let refusal = latest_refusal(&[logout.value()]);
    reload_session_after(logout.value());
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                let user = session.await.ok().and_then(|s| s.user)?;
                let email = user.email.clone();
                Some(view! {
                    <nav class="main-nav" aria-label=move || t_string!(i18n, nav_main_label).to_string()>
                        <ul>
                            <li><a href="/">{t!(i18n, nav_home)}</a></li>
                            <li><a href="/scans">{t!(i18n, nav_scans)}</a></li>
                            <li><a href="/gesprekken">{t!(i18n, nav_conversations)}</a></li>
                            <li><a href="/frameworks">{t!(i18n, nav_frameworks)}</a></li>
                            {user.is_admin().then(|| view! {
                                <li>
                                    <NavMenu label=t_string!(i18n, nav_admin).to_string()>
                                        <li><a href="/admin/users">{t!(i18n, nav_users)}</a></li>
                                        <li><a href="/admin/frameworks">{t!(i18n, nav_framework_admin)}</a></li>
                                        <li><a href="/admin/conversation-types">{t!(i18n, nav_conversation_types)}</a></li>
                                        <li><a href="/admin/outbox">{t!(i18n, nav_outbox)}</a></li>
                                        <li><a href="/admin/bewaartermijnen">{t!(i18n, nav_retention)}</a></li>
                                        <li><a href="/admin/cycli">{t!(i18n, nav_cycles_overview)}</a></li>
                                    </NavMenu>
                                </li>
                            })}
                            <li>
                                <NavMenu label=t_string!(i18n, nav_account).to_string()>
                                    <li class="nav-menu-note">{t_string!(i18n, nav_signed_in_as, email).to_string()}</li>
                                    <li><a href="/account/tokens">{t!(i18n, nav_tokens)}</a></li>
                                </NavMenu>
                            </li>
                        </ul>
                        <ActionForm action=logout attr:class="inline-form">
                            <SubmitButton pending=logout.pending() class="link-button"
                                label=t_string!(i18n, nav_logout).to_string() />
                        </ActionForm>
                        {move || refusal.get().map(|refusal| view! {
                            <ErrorMessage error=refusal.user_error() />
                        })}
                    </nav>
                })
            })}
        </Suspense>
    }
}

/// A small menu in the header (a disclosure, so it opens without JavaScript). Every page
/// change loads or swaps in a whole new page, which closes it again.
#[component]
fn NavMenu(label: String, children: Children) -> impl IntoView {
    view! {
        <details class="nav-menu">
            <summary>{label}</summary>
            <ul class="nav-menu-list">{children()}</ul>
        </details>
    }
}

/// A plain link to the server, so switching works without JavaScript; `rel="external"` keeps
/// the client-side router from intercepting it.
#[component]
fn LanguageSwitch() -> impl IntoView {
    let i18n = use_i18n();
    let location = use_location();
    let href = move || {
        let next = page_address(&location.pathname.get(), &location.search.get());
        switch_address(Language::from(i18n.get_locale()).other(), &next)
    };
    let hreflang = move || match i18n.get_locale() {
        Locale::nl => "en",
        Locale::en => "nl",
    };
    view! {
        <a
            class="language-switch"
            rel="external"
            href=href
            hreflang=hreflang
            title=move || t_string!(i18n, switch_to_other_language_hint).to_string()
        >
            {t!(i18n, switch_to_other_language)}
        </a>
    }
}
