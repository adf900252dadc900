//! The web surface's defences (issue 19), as layers around every route: cross-site writes are
//! refused (`same_origin`), every response carries the security headers (`headers`), and no
//! request body is read beyond its limit (`body_limit`).

pub mod body_limit;
pub mod headers;
pub mod same_origin;

use axum::Router;
use axum::middleware::from_fn_with_state;

use app::state::AppState;

/// `router` with both layers; the headers layer is outside, so a refusal carries them too.
pub fn harden(router: Router<AppState>, state: &AppState) -> Router<AppState> {
    let origin = same_origin::SameOrigin::of(&state.settings.base_url);
    let policy = headers::HeaderPolicy::new(state);
    router
        .layer(axum::middleware::from_fn(body_limit::limit_body))
        .layer(from_fn_with_state(origin, same_origin::refuse_cross_site))
        .layer(from_fn_with_state(policy, headers::add_security_headers))
}
