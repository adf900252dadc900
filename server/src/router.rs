use std::sync::OnceLock;

use axum::Router;
use axum::routing::{get, post};
use leptos::prelude::provide_context;
use leptos_axum::{AxumRouteListing, LeptosRoutes, generate_route_list};

use app::app::{App, shell};
use app::state::AppState;

use crate::routes::{
    conversation_files, conversation_links, cycle_files, frameworks, health, language,
    report_files, respond_forms, respond_pages,
};
use crate::telemetry;

/// The app's page routes, generated once per process and shared by every router built in it.
///
/// Generating them renders the app with resource loading switched off by a flag leptos keeps
/// for the whole process (`SuppressResourceLoad`): a resource that first polls while it is up
/// waits for ever, and a generation that ends lowers it under one still running. With several
/// servers in one process (the HTTP tests), a page rendered while another server was being
/// built never finished, or that other generation loaded the session without the app state
/// ("expected context of type AppState"). Generated before the first router exists, no page
/// can overlap it.
fn page_routes() -> Vec<AxumRouteListing> {
    static ROUTES: OnceLock<Vec<AxumRouteListing>> = OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

/// Every route the server answers: plain HTTP handlers, Leptos server functions, the pages,
/// and the compiled assets under `/pkg`.
pub fn build(state: AppState) -> Router {
    let pages = page_routes();
    let context = {
        let state = state.clone();
        move || {
            provide_context(state.clone());
            // One request's flash entries, taken once however often a page's loader runs.
            provide_context(app::flash::TakenInRequest::default());
            crate::security::headers::csp_with_leptos_nonce();
        }
    };
    let render_shell = {
        let options = state.leptos_options.clone();
        move || shell(options.clone())
    };
    let server_fn_context = context.clone();
    let fallback_context = context.clone();
    let static_files = crate::routes::static_files::service(&state.leptos_options);
    let router = Router::new()
        .route("/healthz", get(health::healthz))
        .route("/language", get(language::switch_language))
        // The respondent's pages are plain HTML, outside the Leptos app (`app::respond::html`).
        .route("/s/{token}", get(respond_pages::welcome))
        .route(
            "/s/{token}/q/{n}",
            get(respond_pages::section).post(respond_forms::save_section),
        )
        .route("/s/{token}/overzicht", get(respond_pages::summary))
        .route("/s/{token}/bedankt", get(respond_pages::thanks))
        .route("/s/{token}/versturen", post(respond_forms::submit))
        .route(
            "/scans/{id}/rapport/grafiek/{file}",
            get(report_files::chart),
        )
        .route("/scans/{id}/rapport/cijfers.csv", get(report_files::csv))
        .route("/scans/{id}/rapport/rapport.pdf", get(report_files::pdf))
        .route("/frameworks/{id}/export", get(frameworks::export))
        // A party's personal link to a conversation record (logged as the pattern only).
        .route("/g/{token}", get(conversation_links::open))
        .route("/gesprekken/{id}/verslag.pdf", get(conversation_files::pdf))
        .route("/cycli/{id}/cyclus.pdf", get(cycle_files::pdf))
        .merge(crate::api::router())
        .route(
            "/api/{*fn_name}",
            post(move |request| {
                leptos_axum::handle_server_fns_with_context(server_fn_context.clone(), request)
            }),
        )
        .nest_service(
            &format!("/{}", state.leptos_options.site_pkg_dir),
            static_files,
        )
        .leptos_routes_with_context(&state, pages, context, render_shell)
        .fallback(leptos_axum::file_and_error_handler_with_context::<
            AppState,
            _,
        >(fallback_context, shell));
    // No request may hang a connection for ever (a render that never finishes answers 408 and
    // is logged); generous, since a 10,000-line informant list is also a request.
    let router = router.layer(tower_http::timeout::TimeoutLayer::with_status_code(
        axum::http::StatusCode::REQUEST_TIMEOUT,
        std::time::Duration::from_secs(60),
    ));
    // Cross-site writes refused and security headers on every response, errors included.
    let router = crate::security::harden(router, &state);
    telemetry::with_request_logging(router).with_state(state)
}
