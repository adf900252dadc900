use axum::extract::State;
use axum::http::StatusCode;

use app::storage::Db;

/// For load balancers: 200 when the database answers, 503 when it does not.
pub async fn healthz(State(db): State<Db>) -> (StatusCode, &'static str) {
    if db.ping().await {
        (StatusCode::OK, "ok\n")
    } else {
        (StatusCode::SERVICE_UNAVAILABLE, "database unavailable\n")
    }
}
