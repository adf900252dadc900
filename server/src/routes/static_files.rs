//! The compiled stylesheet, JavaScript and WebAssembly under `/pkg` (issue 23): served from the
//! site root with the Brotli or gzip copy the build made beside each file (`precompress_site` in
//! `.ci/tools.sh`) when the browser accepts it, and `Vary: Accept-Encoding`.
//!
//! A name with a content hash (`ontwikkelscan.<hash>.wasm`, `.ci/build_site.sh`) never changes
//! its bytes, so a browser keeps it for a year without asking (`immutable`). Any other file
//! (a site built without hashes, `hash.txt`) is cached but revalidated with `Last-Modified`.

use axum::Router;
use axum::extract::Request;
use axum::http::HeaderValue;
use axum::http::header::{CACHE_CONTROL, VARY};
use axum::middleware::Next;
use axum::response::Response;
use leptos::config::LeptosOptions;
use tower_http::services::ServeDir;

use app::site_assets::is_hashed_file_name;

/// For files whose name changes with their content.
const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// For files whose name stays when their content changes: check with the server before use.
const REVALIDATE: &str = "public, no-cache";

/// The `/pkg` directory as a service, for `Router::nest_service`.
pub fn service(options: &LeptosOptions) -> Router {
    let dir = std::path::Path::new(options.site_root.as_ref()).join(options.site_pkg_dir.as_ref());
    Router::new()
        .fallback_service(ServeDir::new(dir).precompressed_br().precompressed_gzip())
        .layer(axum::middleware::from_fn(caching_headers))
}

async fn caching_headers(request: Request, next: Next) -> Response {
    let file_name = request
        .uri()
        .path()
        .rsplit('/')
        .next()
        .unwrap_or_default()
        .to_owned();
    let mut response = next.run(request).await;
    if response.status().is_success() || response.status().as_u16() == 304 {
        let policy = if is_hashed_file_name(&file_name) {
            IMMUTABLE
        } else {
            REVALIDATE
        };
        let headers = response.headers_mut();
        headers.insert(CACHE_CONTROL, HeaderValue::from_static(policy));
        // Which copy was sent depends on the request's Accept-Encoding: a shared cache must
        // keep them apart.
        headers.insert(VARY, HeaderValue::from_static("accept-encoding"));
    }
    response
}
