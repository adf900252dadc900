//! The compiled stylesheet, JavaScript and WebAssembly under `/pkg` (issue 23): served from the
//! site root with the Brotli or gzip copy the build made beside each file (`precompress_site` in
//! `.ci/tools.sh`) when the browser accepts it, `Vary: Accept-Encoding`, and `Last-Modified` so a
//! browser revalidates with a 304 instead of downloading again. The names carry no content hash
//! yet, so a browser must ask before reusing a copy (`no-cache`), never keep one unasked.

use axum::Router;
use axum::http::HeaderValue;
use axum::http::header::{CACHE_CONTROL, VARY};
use axum::response::Response;
use leptos::config::LeptosOptions;
use tower_http::services::ServeDir;

/// Cached, but checked with the server before each use: the file names do not change with
/// their content.
const STATIC_CACHE_CONTROL: &str = "public, no-cache";

/// The `/pkg` directory as a service, for `Router::nest_service`.
pub fn service(options: &LeptosOptions) -> Router {
    let dir = std::path::Path::new(options.site_root.as_ref()).join(options.site_pkg_dir.as_ref());
    Router::new()
        .fallback_service(ServeDir::new(dir).precompressed_br().precompressed_gzip())
        .layer(axum::middleware::map_response(cache_control))
}

async fn cache_control(mut response: Response) -> Response {
    if response.status().is_success() || response.status().as_u16() == 304 {
        response.headers_mut().insert(
            CACHE_CONTROL,
            HeaderValue::from_static(STATIC_CACHE_CONTROL),
        );
        // Which copy was sent depends on the request's Accept-Encoding: a shared cache must
        // keep them apart.
        response
            .headers_mut()
            .insert(VARY, HeaderValue::from_static("accept-encoding"));
    }
    response
}
