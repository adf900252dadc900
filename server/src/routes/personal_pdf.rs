//! A PDF of personal data (a conversation record, an appraisal cycle) as a download: drawn off
//! the async workers (laying out and subsetting fonts is CPU work), never kept in a shared
//! cache, named after its id, and a failure logged and answered as a plain 500.

use axum::http::StatusCode;
use axum::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};

/// Draws the PDF with `draw` on a blocking thread and answers it as `<prefix>-<id>.pdf`.
pub async fn download<E: std::fmt::Display + Send + 'static>(
    prefix: &str,
    id: &str,
    draw: impl FnOnce() -> Result<Vec<u8>, E> + Send + 'static,
) -> Response {
    match tokio::task::spawn_blocking(draw).await {
        Ok(Ok(bytes)) => (
            [
                (CONTENT_TYPE, "application/pdf".to_owned()),
                (CACHE_CONTROL, "private, no-store".to_owned()),
                (
                    CONTENT_DISPOSITION,
                    format!("attachment; filename=\"{prefix}-{}.pdf\"", safe_name(id)),
                ),
            ],
            bytes,
        )
            .into_response(),
        Ok(Err(error)) => {
            tracing::error!(%error, prefix, "pdf");
            internal()
        }
        Err(error) => {
            tracing::error!(%error, prefix, "pdf task");
            internal()
        }
    }
}

/// A plain-text answer that is never cached.
pub fn text(status: StatusCode, message: &str) -> Response {
    (
        status,
        [
            (CONTENT_TYPE, "text/plain; charset=utf-8"),
            (CACHE_CONTROL, "no-store"),
        ],
        message.to_owned(),
    )
        .into_response()
}

pub fn internal() -> Response {
    text(
        StatusCode::INTERNAL_SERVER_ERROR,
        "Interne fout.\nInternal error.\n",
    )
}

/// The id as it may stand in a file name (ids are generated; this only guards the header).
fn safe_name(id: &str) -> String {
    id.chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect()
}
