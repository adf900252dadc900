//! Structured logs: one line per request with its id, method, route, status and latency.
//!
//! The route is the pattern the request matched (axum's [`MatchedPath`], e.g. `/s/{token}`),
//! never the path itself: paths carry personal scan links (`/s/<token>…`,
//! `/api/v1/respond/<token>…`) and account invitations (`/invite/<token>`), which must not reach
//! a log. A request no route matched (static files, unknown addresses: the fallback) is logged
//! as [`UNMATCHED_ROUTE`]. Neither the query string nor any header but the request id is logged.

use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::MatchedPath;
use axum::http::{Request, Response};
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::trace::TraceLayer;
use tracing::Span;
use tracing_subscriber::EnvFilter;

use crate::config::LogFormat;

/// What is logged unless `RUST_LOG` says otherwise.
pub const DEFAULT_FILTER: &str = "info,sqlx=warn,tower_http=warn";

/// Installs the global subscriber; `RUST_LOG` overrides the default level.
pub fn init(format: LogFormat) {
    let filter =
        EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(DEFAULT_FILTER));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_target(false);
    let result = match format {
        LogFormat::Json => builder.json().flatten_event(true).try_init(),
        LogFormat::Text => builder.try_init(),
    };
    // A second init (tests starting several servers) is harmless.
    let _ = result;
}

/// What the log says for a request that matched no route (the fallback).
pub const UNMATCHED_ROUTE: &str = "(fallback)";

/// Wraps every route: assigns an `x-request-id`, logs one line per response, and returns the id.
pub fn with_request_logging<S: Clone + Send + Sync + 'static>(router: Router<S>) -> Router<S> {
    router
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(|request: &Request<Body>| {
                    let request_id = request
                        .headers()
                        .get("x-request-id")
                        .and_then(|v| v.to_str().ok())
                        .unwrap_or("-");
                    let route = request
                        .extensions()
                        .get::<MatchedPath>()
                        .map_or(UNMATCHED_ROUTE, MatchedPath::as_str);
                    tracing::info_span!(
                        "request",
                        request_id = %request_id,
                        method = %request.method(),
                        route = %route,
                    )
                })
                .on_request(())
                .on_response(
                    |response: &Response<Body>, latency: Duration, _span: &Span| {
                        tracing::info!(
                            status = response.status().as_u16(),
                            latency_ms = latency.as_secs_f64() * 1000.0,
                            "request done"
                        );
                    },
                )
                .on_failure(()),
        )
        .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
}
