//! Request extractors of the API: the signed-in user (a Bearer token, or the browser's session),
//! a strict JSON body, and list pagination.

use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::header::{AUTHORIZATION, CONTENT_TYPE};
use axum::http::request::Parts;
use axum::http::{Method, StatusCode};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use utoipa::IntoParams;

use app::auth::token::hash_token;
use app::domain::account::CurrentUser;
use app::state::{AppState, unix_now};

use super::problem::{ApiError, FieldMessage};

/// The account a request acts for: `Authorization: Bearer <token>` (a personal API token), or,
/// for reads only, the session cookie of a signed-in browser. A write (POST, PUT, PATCH, DELETE)
/// must carry the token: a browser attaches its cookie to whatever another site makes it send,
/// but never a Bearer header, so no other site can make a signed-in browser change anything
/// through the API (issue 19).
pub struct ApiUser(pub CurrentUser);

/// A write through the API with only the browser's session cookie.
fn bearer_required() -> ApiError {
    ApiError::new(
        StatusCode::UNAUTHORIZED,
        "bearer-required",
        "Wijzigen via de API vraagt een API-token (Authorization: Bearer); de sessiecookie van \
         de browser geldt alleen voor lezen",
        "Changes through the API need an API token (Authorization: Bearer); the browser's \
         session cookie is accepted for reads only",
    )
}

fn is_write(method: &Method) -> bool {
    !matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

impl FromRequestParts<AppState> for ApiUser {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        if let Some(header) = parts.headers.get(AUTHORIZATION) {
            let token = header
                .to_str()
                .ok()
                .and_then(|v| v.strip_prefix("Bearer "))
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .ok_or_else(ApiError::unauthorized)?;
            return match state
                .db
                .api_token_user(&hash_token(token), unix_now())
                .await?
            {
                Some(user) => Ok(ApiUser(user)),
                None => Err(ApiError::unauthorized()),
            };
        }
        if is_write(&parts.method) {
            return Err(bearer_required());
        }
        match state.signed_in(&parts.headers).await {
            Ok(Some(user)) => Ok(ApiUser(user)),
            _ => Err(ApiError::unauthorized()),
        }
    }
}

/// A JSON body that must be `application/json`, within the size limit, and name only known
/// fields (the types deny unknown fields).
pub struct ApiJson<T>(pub T);

impl<T: DeserializeOwned> FromRequest<AppState> for ApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &AppState) -> Result<Self, ApiError> {
        let is_json = request
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(';').next())
            .is_some_and(|v| v.trim().eq_ignore_ascii_case("application/json"));
        if !is_json {
            return Err(ApiError::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported-media-type",
                "Stuur JSON (Content-Type: application/json)",
                "Send JSON (Content-Type: application/json)",
            ));
        }
        let bytes = Bytes::from_request(request, state)
            .await
            .map_err(|rejection| {
                if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
                    ApiError::new(
                        StatusCode::PAYLOAD_TOO_LARGE,
                        "too-large",
                        "Het verzoek is te groot",
                        "The request body is too large",
                    )
                } else {
                    ApiError::bad_request(rejection.body_text())
                }
            })?;
        serde_json::from_slice(&bytes).map(ApiJson).map_err(|e| {
            let message = e.to_string();
            ApiError::validation(vec![FieldMessage {
                field: String::new(),
                nl: format!("de JSON kan niet worden gelezen: {message}"),
                en: format!("the JSON cannot be read: {message}"),
            }])
        })
    }
}

/// `?limit=&cursor=` of a list.
#[derive(Debug, Clone, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct Page {
    /// How many items at most (1–100, default 50).
    pub limit: Option<u32>,
    /// The `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

impl Page {
    /// The items of this page and the cursor of the next, over an already ordered list.
    pub fn slice<T: Clone>(&self, all: &[T]) -> Result<(Vec<T>, Option<String>), ApiError> {
        let limit = self.limit.unwrap_or(50);
        if !(1..=100).contains(&limit) {
            return Err(ApiError::validation(vec![FieldMessage {
                field: "limit".into(),
                nl: "limit moet tussen 1 en 100 liggen".into(),
                en: "limit must lie between 1 and 100".into(),
            }]));
        }
        let start = match self.cursor.as_deref() {
            None | Some("") => 0,
            Some(cursor) => cursor.parse::<usize>().map_err(|_| {
                ApiError::validation(vec![FieldMessage {
                    field: "cursor".into(),
                    nl: "onbekende cursor".into(),
                    en: "unknown cursor".into(),
                }])
            })?,
        };
        let end = start.saturating_add(limit as usize).min(all.len());
        let items = all
            .get(start.min(all.len())..end)
            .unwrap_or_default()
            .to_vec();
        let next = (end < all.len()).then(|| end.to_string());
        Ok((items, next))
    }
}

/// Query parameters that must all be known and well-formed; a problem is a 422 naming them.
pub struct ApiQuery<T>(pub T);

impl<T: DeserializeOwned + Send> FromRequestParts<AppState> for ApiQuery<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &AppState) -> Result<Self, ApiError> {
        let query = parts.uri.query().unwrap_or("");
        serde_urlencoded::from_str(query)
            .map(ApiQuery)
            .map_err(|e| {
                ApiError::validation(vec![FieldMessage {
                    field: String::new(),
                    nl: format!("ongeldige queryparameters: {e}"),
                    en: format!("invalid query parameters: {e}"),
                }])
            })
    }
}
