//! The HTML shell and the router. The session context every page reads is provided here and
//! defined in `components/session.rs`.

use leptos::prelude::*;
use leptos_meta::{MetaTags, provide_meta_context};
use leptos_router::{
    SsrMode,
    components::{Route, Router, Routes},
    path,
};

use crate::components::layout::Layout;
use crate::components::session::provide_session;
use crate::i18n::*;
use crate::pages::{
    admin_conversation_types::AdminConversationTypesPage,
    admin_frameworks::AdminFrameworksPage,
    appraisal_overview::AppraisalOverviewPage,
    competency::CompetencyPage,
    conversation::ConversationPage,
    conversation_new::NewConversationPage,
    conversation_type::ConversationTypePage,
    conversations::ConversationsPage,
    cycle::CyclePage,
    cycle_new::NewCyclePage,
    cycles::CyclesPage,
    framework::FrameworkPage,
    frameworks::FrameworksPage,
    home::HomePage,
    invite::InvitePage,
    login::LoginPage,
    not_found::NotFound,
    outbox::OutboxPage,
    report::ReportPage,
    retention::RetentionPage,
    scan::ScanPage,
    scan_form::{EditScanPage, NewScanPage},
    scans::ScansPage,
    setup::SetupPage,
    tokens::TokensPage,
    users::UsersPage,
};

/// The organiser's forms posted in the background, their answer swapped in (see the script).
const ENHANCE_FORMS: &str = include_str!("components/enhance_forms.js");

/// The document around the app, rendered on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let stylesheet = stylesheet_address(&options);
    view! {
        <!DOCTYPE html>
        // `lang` and `dir` are set by the I18nContextProvider from the visitor's language.
        <html>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="color-scheme" content="light" />
                // In the server-only shell rather than a <Stylesheet/> in the app: nothing to
                // hydrate, and the CSS is requested before any script runs.
                <link rel="stylesheet" href=stylesheet />
                <link rel="icon" href="data:," />
                <AutoReload options=options.clone() />
                // Islands: only the `#[island]` parts load the WebAssembly (issue 23).
                <HydrationScripts options islands=true />
                <script type="module" nonce=leptos::nonce::use_nonce()>{ENHANCE_FORMS}</script>
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// The stylesheet's content-hashed address from the server's state (`crate::site_assets`);
/// the plain name where there is no state (the browser never renders the shell).
fn stylesheet_address(options: &LeptosOptions) -> String {
    #[cfg(feature = "ssr")]
    if let Some(state) = use_context::<crate::state::AppState>() {
        return state.assets.stylesheet().to_owned();
    }
    format!("/{}/{}.css", options.site_pkg_dir, options.output_name)
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    provide_session();

    view! {
        <I18nContextProvider>
            <Router>
                <Layout>
                    // Async: pages wait for their data, so a redirect (to login, say) can still
                    // set the HTTP status instead of arriving after the page began to stream.
                    <Routes fallback=|| view! { <NotFound /> }>
                        <Route path=path!("/") view=HomePage ssr=SsrMode::Async />
                        <Route path=path!("/login") view=LoginPage ssr=SsrMode::Async />
                        <Route path=path!("/setup") view=SetupPage ssr=SsrMode::Async />
                        <Route path=path!("/admin/users") view=UsersPage ssr=SsrMode::Async />
                        <Route path=path!("/invite/:token") view=InvitePage ssr=SsrMode::Async />
                        <Route path=path!("/frameworks") view=FrameworksPage ssr=SsrMode::Async />
                        <Route path=path!("/frameworks/:id") view=FrameworkPage ssr=SsrMode::Async />
                        <Route
                            path=path!("/frameworks/:id/:competency")
                            view=CompetencyPage
                            ssr=SsrMode::Async
                        />
                        <Route path=path!("/admin/outbox") view=OutboxPage ssr=SsrMode::Async />
                        <Route path=path!("/admin/bewaartermijnen") view=RetentionPage ssr=SsrMode::Async />
                        <Route path=path!("/scans") view=ScansPage ssr=SsrMode::Async />
                        <Route path=path!("/scans/new") view=NewScanPage ssr=SsrMode::Async />
                        <Route path=path!("/scans/:id") view=ScanPage ssr=SsrMode::Async />
                        <Route path=path!("/scans/:id/edit") view=EditScanPage ssr=SsrMode::Async />
                        <Route path=path!("/scans/:id/rapport") view=ReportPage ssr=SsrMode::Async />
                        <Route path=path!("/gesprekken") view=ConversationsPage ssr=SsrMode::Async />
                        <Route
                            path=path!("/gesprekken/nieuw")
                            view=NewConversationPage
                            ssr=SsrMode::Async
                        />
                        <Route path=path!("/gesprekken/:id") view=ConversationPage ssr=SsrMode::Async />
                        <Route path=path!("/cycli") view=CyclesPage ssr=SsrMode::Async />
                        <Route path=path!("/cycli/nieuw") view=NewCyclePage ssr=SsrMode::Async />
                        <Route path=path!("/cycli/:id") view=CyclePage ssr=SsrMode::Async />
                        <Route path=path!("/admin/cycli") view=AppraisalOverviewPage ssr=SsrMode::Async />
                        <Route path=path!("/account/tokens") view=TokensPage ssr=SsrMode::Async />
                        <Route
                            path=path!("/admin/frameworks")
                            view=AdminFrameworksPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/admin/conversation-types")
                            view=AdminConversationTypesPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/conversation-types/:id")
                            view=ConversationTypePage
                            ssr=SsrMode::Async
                        />
                    </Routes>
                </Layout>
            </Router>
        </I18nContextProvider>
    }
}
