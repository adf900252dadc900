//! `GET /g/{token}`: a party's personal link to a conversation record (issue 21). A working link
//! leaves its token in an HttpOnly cookie (`ontwikkelscan_gesprek`, Path=/ because the record's
//! forms post to `/api/…`; one link at a time) and sends the browser on to the record, so the
//! token leaves the address bar at once. The token is never logged: the request log names the
//! route's pattern (`/g/{token}`, see `telemetry`), and this handler logs nothing about it.
//! A malformed, unknown or expired link answers one Dutch page that says only that.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE, LOCATION, REFERRER_POLICY, SET_COOKIE};
use axum::response::{IntoResponse, Response};

use app::conversations::ConversationError;
use app::conversations::links::{LINK_COOKIE, LINK_TTL_SECS};
use app::state::AppState;

/// `Set-Cookie` for a personal link's token: HttpOnly (no script reads it), SameSite=Lax (no
/// cross-site post carries it), Path=/ (the forms post to the server functions), Secure when
/// the public address is https; it lasts as long as a link does.
pub fn link_cookie(token: &str, secure: bool) -> String {
    let secure = if secure { "; Secure" } else { "" };
    format!(
        "{LINK_COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={LINK_TTL_SECS}{secure}"
    )
}

/// A token as a cookie value may hold it: the links are URL-safe base64 or hex; anything else
/// cannot be a link and is not echoed into a header.
fn cookie_safe(token: &str) -> bool {
    !token.is_empty()
        && token.len() <= 200
        && token
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// The page for a link that does not (or no longer) work. It names no record and no person.
/// `stylesheet` is the stylesheet's address (`SiteAssets`), made of a path and hexadecimal only.
fn unavailable(stylesheet: &str) -> Response {
    let head = "<!DOCTYPE html>\n<html lang=\"nl\"><head><meta charset=\"utf-8\">\
        <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
        <title>Link werkt niet – Ontwikkelscan</title>";
    let body =
        format!("{head}<link rel=\"stylesheet\" href=\"{stylesheet}\"></head>{UNAVAILABLE_BODY}");
    (
        StatusCode::NOT_FOUND,
        [
            (CONTENT_TYPE, "text/html; charset=utf-8"),
            (CACHE_CONTROL, "no-store"),
            (REFERRER_POLICY, "no-referrer"),
        ],
        body,
    )
        .into_response()
}

const UNAVAILABLE_BODY: &str = "<body><main id=\"main\" class=\"content\">\
        <h1>Deze link werkt niet</h1>\
        <div class=\"message message-error\" role=\"alert\" data-testid=\"link-unavailable\">\
        <p>Deze link naar een gesprek is niet (meer) geldig. Een persoonlijke link werkt 30 dagen. \
        Vraag degene die het gesprek plant om een nieuwe link, of log in als u een account heeft.</p>\
        </div><p><a href=\"/login\">Inloggen</a></p></main></body></html>\n";

/// `GET /g/{token}`: opens the record the link belongs to.
pub async fn open(State(state): State<AppState>, Path(token): Path<String>) -> Response {
    if !cookie_safe(&token) {
        return unavailable(state.assets.stylesheet());
    }
    match app::conversations::open_link(&state.db, &token, app::state::unix_now()).await {
        Ok(id) => {
            let cookie = link_cookie(&token, state.settings.secure_cookies);
            (
                StatusCode::SEE_OTHER,
                [
                    (LOCATION, format!("/gesprekken/{id}")),
                    (SET_COOKIE, cookie),
                    (CACHE_CONTROL, "no-store".to_owned()),
                    (REFERRER_POLICY, "no-referrer".to_owned()),
                ],
            )
                .into_response()
        }
        Err(ConversationError::Storage(error)) => {
            tracing::error!(%error, "storage failure opening a conversation link");
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                [
                    (CONTENT_TYPE, "text/plain; charset=utf-8"),
                    (CACHE_CONTROL, "no-store"),
                ],
                "Interne fout.\nInternal error.\n",
            )
                .into_response()
        }
        Err(_) => unavailable(state.assets.stylesheet()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cookie_is_http_only_lax_for_the_whole_site_and_secure_on_https() {
        let cookie = link_cookie("abc", false);
        assert!(
            cookie.starts_with("ontwikkelscan_gesprek=abc; Path=/;"),
            "{cookie}"
        );
        assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"));
        assert!(!cookie.contains("Secure"));
        assert!(link_cookie("abc", true).ends_with("; Secure"));
    }

    #[test]
    fn only_link_shaped_tokens_reach_a_header() {
        assert!(cookie_safe("Ab-9_x"));
        for token in [
            "",
            "a;b",
            "a b",
            "a\r\nSet-Cookie: x",
            "ä",
            &"a".repeat(201),
        ] {
            assert!(!cookie_safe(token), "{token:?}");
        }
    }
}
