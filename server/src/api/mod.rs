//! The versioned JSON API under `/api/v1`, for HR systems and scripts. The router and the
//! OpenAPI document are built from the same handler declarations (utoipa-axum), so the document
//! at `/api/v1/openapi.json` always describes exactly what the server serves. Errors are
//! `application/problem+json` in the request's language (see [`problem`]).

pub mod conversation_types;
pub mod conversations;
pub mod cycles;
pub mod docs;
pub mod dto;
pub mod extract;
pub mod frameworks;
pub mod invitations;
pub mod links;
pub mod outbox;
pub mod problem;
pub mod report;
pub mod respond;
mod revision;
pub mod scans;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::get;
use utoipa::openapi::OpenApi as OpenApiDocument;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use app::state::AppState;

/// Largest JSON body the API reads (a framework file is at most 2 MiB).
pub const BODY_LIMIT_BYTES: usize = 4 * 1024 * 1024;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Ontwikkelscan API",
        version = "1",
        description = "Scans, invitations, frameworks and outbox status of Ontwikkelscan. \
            Authenticate with a personal API token (`Authorization: Bearer <token>`), created on \
            the page 'API-tokens' in the app; a signed-in browser's session cookie is accepted \
            for reads only. Writes sent by a browser for another site (a foreign `Origin` or \
            `Sec-Fetch-Site`) are refused with 403. Errors are `application/problem+json` (RFC 9457) \
            with a `title` in the language of `Accept-Language` (nl or en)."
    ),
    modifiers(&BearerAuth),
    tags(
        (name = "scans", description = "Scans and their life cycle"),
        (name = "invitations", description = "Informants of a scan"),
        (name = "frameworks", description = "The competency catalog"),
        (name = "conversation-types", description = "Conversation types: the forms of conversation records"),
        (name = "conversations", description = "Conversation records: plan, agenda, summary, approval, sharing, PDF and audit trail"),
        (name = "cycles", description = "Appraisal cycles (het goede gesprek): agreements, assessments, final qualification, objections, HR overview"),
        (name = "outbox", description = "Outgoing email (administrators)"),
        (name = "respond", description = "The respondent's questionnaire, by personal link"),
        (name = "reports", description = "A scan's report: figures, CSV, charts and early release")
    )
)]
struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut OpenApiDocument) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

/// The API's routes and the document describing them.
pub fn routes() -> (Router<AppState>, OpenApiDocument) {
    let (router, mut document) = OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(scans::list, scans::create))
        .routes(routes!(scans::get, scans::update, scans::delete))
        .routes(routes!(scans::open))
        .routes(routes!(scans::remind))
        .routes(routes!(scans::close))
        .routes(routes!(scans::reopen))
        .routes(routes!(scans::progress))
        .routes(routes!(report::get))
        .routes(routes!(report::csv))
        .routes(routes!(report::chart))
        .routes(routes!(report::release))
        .routes(routes!(invitations::list, invitations::add))
        .routes(routes!(invitations::revoke))
        .routes(routes!(invitations::resend))
        .routes(routes!(frameworks::list, frameworks::import))
        .routes(routes!(frameworks::get))
        .routes(routes!(frameworks::export))
        .routes(routes!(
            conversation_types::list,
            conversation_types::import
        ))
        .routes(routes!(conversation_types::get))
        .routes(routes!(conversations::list, conversations::create))
        .routes(routes!(conversations::get))
        .routes(routes!(conversations::plan))
        .routes(routes!(conversations::add_topic))
        .routes(routes!(conversations::send_agenda))
        .routes(routes!(conversations::mark_held))
        .routes(routes!(conversations::save_summary))
        .routes(routes!(conversations::propose_summary))
        .routes(routes!(conversations::change_summary))
        .routes(routes!(conversations::approve))
        .routes(routes!(conversations::sign))
        .routes(routes!(conversations::add_reader))
        .routes(routes!(conversations::share))
        .routes(routes!(conversations::archive))
        .routes(routes!(conversations::attach_scan))
        .routes(routes!(conversations::look_back))
        .routes(routes!(conversations::pdf))
        .routes(routes!(conversations::audit))
        .routes(routes!(cycles::list, cycles::create))
        .routes(routes!(cycles::get))
        .routes(routes!(cycles::command))
        .routes(routes!(cycles::overview))
        .routes(routes!(outbox::list))
        .routes(routes!(outbox::reminders))
        .routes(routes!(respond::get))
        .routes(routes!(respond::save_section))
        .routes(routes!(respond::submit))
        .split_for_parts();
    ProblemResponses.modify(&mut document);
    links::add(&mut document);
    conversations::add_links(&mut document);
    cycles::add_links(&mut document);
    (router, document)
}

/// Documents the problem responses every operation can give, with their real media type:
/// every error response is `application/problem+json`; every operation may answer 401 (no or
/// a bad token; a write with only the session cookie) and 422 (malformed query); operations
/// with a body also 413 and 415; writes without a token (the respondent's) 403 when a browser
/// sent them for another site (`crate::security::same_origin`).
struct ProblemResponses;

impl Modify for ProblemResponses {
    fn modify(&self, openapi: &mut OpenApiDocument) {
        use utoipa::openapi::path::Operation;
        use utoipa::openapi::{Content, Ref, RefOr, ResponseBuilder};

        let problem = || Content::new(Some(RefOr::Ref(Ref::from_schema_name("ProblemDocument"))));
        let fix = |operation: &mut Operation, writes: bool| {
            for (status, response) in operation.responses.responses.iter_mut() {
                let is_error = status.parse::<u16>().is_ok_and(|s| s >= 400);
                if let (true, RefOr::T(response)) = (is_error, response) {
                    response.content.clear();
                    response
                        .content
                        .insert("application/problem+json".into(), problem());
                }
            }
            let mut extra = vec![("422", "Invalid parameters")];
            if operation.security.is_some() {
                extra.push(("401", "Not signed in"));
            } else if writes {
                extra.push(("403", "Refused: sent by a browser for another site"));
            }
            if operation.request_body.is_some() {
                extra.push(("413", "Request body too large"));
                extra.push(("415", "Not JSON"));
            }
            for (status, description) in extra {
                operation
                    .responses
                    .responses
                    .entry(status.into())
                    .or_insert_with(|| {
                        RefOr::T(
                            ResponseBuilder::new()
                                .description(description)
                                .content("application/problem+json", problem())
                                .build(),
                        )
                    });
            }
        };
        for item in openapi.paths.paths.values_mut() {
            for (operation, writes) in [
                (&mut item.get, false),
                (&mut item.post, true),
                (&mut item.put, true),
                (&mut item.patch, true),
                (&mut item.delete, true),
            ] {
                if let Some(operation) = operation {
                    fix(operation, writes);
                }
            }
        }
    }
}

/// The API router (absolute `/api/v1/...` paths, to merge into the app's router): the documented
/// routes, the document and its page, a problem document for every error, and the body limit.
pub fn router() -> Router<AppState> {
    let (api, document) = routes();
    let json = serde_json::to_string_pretty(&document).expect("the OpenAPI document serialises");
    let page = docs::render(&document);
    api.route(
        "/api/v1/openapi.json",
        get(move || async move {
            (
                [(axum::http::header::CONTENT_TYPE, "application/json")],
                json,
            )
        }),
    )
    .route(
        "/api/v1/docs",
        get(move || async move { axum::response::Html(page) }),
    )
    .route(
        "/api/v1/{*rest}",
        axum::routing::any(|| async { problem::ApiError::not_found() }),
    )
    .layer(DefaultBodyLimit::max(BODY_LIMIT_BYTES))
    .layer(axum::middleware::from_fn(problem::localize_problems))
}
