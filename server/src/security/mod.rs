//! The web surface's defences (issue 19), as layers around every route: cross-site writes are
//! refused (`same_origin`), every response carries the security headers (`headers`), no
//! request body is read beyond its limit (`body_limit`), and pages and JSON are compressed only
//! where that cannot leak a secret (`compression`).

pub mod body_limit;
pub mod compression;
pub mod headers;
pub mod same_origin;

use axum::Router;
use axum::middleware::from_fn_with_state;

use app::state::AppState;

/// `router` with the layers; the headers layer is outside, so a refusal carries them too.
pub fn harden(router: Router<AppState>, state: &AppState) -> Router<AppState> {
    let origin = same_origin::SameOrigin::of(&state.settings.base_url);
    let policy = headers::HeaderPolicy::new(state);
    router
        .layer(axum::middleware::from_fn(compression::mark_uncompressed))
        .layer(compression::layer())
        .layer(axum::middleware::from_fn(body_limit::limit_body))
        .layer(from_fn_with_state(origin, same_origin::refuse_cross_site))
        .layer(from_fn_with_state(policy, headers::add_security_headers))
}
