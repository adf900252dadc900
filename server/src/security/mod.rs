//! The web surface's defences (issue 19), as layers around every route: cross-site writes are
//! refused (`same_origin`), and every response carries the security headers (`headers`).

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
        .layer(from_fn_with_state(origin, same_origin::refuse_cross_site))
        .layer(from_fn_with_state(policy, headers::add_security_headers))
}
