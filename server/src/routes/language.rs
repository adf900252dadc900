use axum::extract::Query;
use axum::http::header::SET_COOKIE;
use axum::response::{AppendHeaders, IntoResponse, Redirect};
use serde::Deserialize;

use app::state::LOCALE_COOKIE;

#[derive(Deserialize)]
pub struct SwitchLanguage {
    to: Option<String>,
    next: Option<String>,
}

/// `GET /language?to=en&next=/login`: remembers the choice for a year and goes back.
pub async fn switch_language(Query(query): Query<SwitchLanguage>) -> impl IntoResponse {
    let locale = match query.to.as_deref() {
        Some("en") => "en",
        _ => "nl",
    };
    let next = safe_next(query.next.as_deref());
    let cookie = format!("{LOCALE_COOKIE}={locale}; Path=/; Max-Age=31536000; SameSite=Lax");
    (AppendHeaders([(SET_COOKIE, cookie)]), Redirect::to(&next))
}

/// Only same-site paths: `//evil.example` or `https://…` would make this an open redirect.
pub fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(path)
            if path.starts_with('/')
                && !path.starts_with("//")
                && !path.starts_with("/\\")
                && !path.chars().any(char::is_control) =>
        {
            path.to_owned()
        }
        _ => "/".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn only_local_paths_are_followed() {
        assert_eq!(safe_next(Some("/admin/users?x=1")), "/admin/users?x=1");
        for bad in [
            "//evil.example",
            "https://evil.example",
            "/\\evil",
            "evil",
            "/\nx",
        ] {
            assert_eq!(safe_next(Some(bad)), "/", "{bad:?}");
        }
        assert_eq!(safe_next(None), "/");
    }
}
