//! Errors of the JSON API as `application/problem+json` (RFC 9457): a stable `type`, a `title`
//! in the request's language, the status, and per-field details for validation errors.
//!
//! A handler returns an [`ApiError`]; its response carries the problem in an extension, and
//! [`localize_problems`] (a middleware around the whole API) writes the body in the language of
//! the request's `Accept-Language`. The same middleware turns every other error response of
//! the API (unknown route, wrong method, body too large) into a problem document, so clients
//! never see a bare text error.

use axum::body::Body;
use axum::extract::Request;
use axum::http::header::{CONTENT_TYPE, WWW_AUTHENTICATE};
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::ToSchema;

use app::domain::language::Language;
use app::domain::user_error::UserError;

/// The problem document.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ProblemDocument {
    /// A stable URI naming the kind of problem, e.g. `urn:ontwikkelscan:problem:validation`.
    #[serde(rename = "type")]
    pub kind: String,
    /// A short summary in the request's language (nl or en).
    pub title: String,
    /// The HTTP status code.
    pub status: u16,
    /// More about this occurrence, when there is something to say.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// Per-field problems of a validation error.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldProblem>,
}

/// One problem with one field of the request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct FieldProblem {
    /// The field, as a path into the request body (`subject_email`, `informants[2].email`);
    /// empty when the problem concerns the request as a whole.
    pub field: String,
    /// What is wrong, in the request's language.
    pub message: String,
}

/// A field problem before the language is known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldMessage {
    pub field: String,
    pub nl: String,
    pub en: String,
}

/// An API error: status, kind and texts in both languages.
#[derive(Debug, Clone)]
pub struct ApiError {
    pub status: StatusCode,
    pub kind: &'static str,
    pub title_nl: &'static str,
    pub title_en: &'static str,
    pub detail: Option<String>,
    pub errors: Vec<FieldMessage>,
}

impl ApiError {
    pub fn new(status: StatusCode, kind: &'static str, nl: &'static str, en: &'static str) -> Self {
        Self {
            status,
            kind,
            title_nl: nl,
            title_en: en,
            detail: None,
            errors: Vec::new(),
        }
    }

    pub fn detail(mut self, detail: impl Into<String>) -> Self {
        self.detail = Some(detail.into());
        self
    }

    pub fn fields(mut self, errors: Vec<FieldMessage>) -> Self {
        self.errors = errors;
        self
    }

    pub fn unauthorized() -> Self {
        Self::new(
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            "Niet aangemeld: stuur een geldig API-token als Authorization: Bearer",
            "Not signed in: send a valid API token as Authorization: Bearer",
        )
    }

    pub fn forbidden() -> Self {
        Self::new(
            StatusCode::FORBIDDEN,
            "forbidden",
            "Geen toegang",
            "Not allowed",
        )
    }

    pub fn not_found() -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            "not-found",
            "Niet gevonden",
            "Not found",
        )
    }

    pub fn validation(errors: Vec<FieldMessage>) -> Self {
        Self::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation",
            "De invoer is ongeldig",
            "The input is not valid",
        )
        .fields(errors)
    }

    pub fn bad_request(detail: impl Into<String>) -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            "bad-request",
            "Ongeldig verzoek",
            "Bad request",
        )
        .detail(detail)
    }

    pub fn internal() -> Self {
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            "Interne fout; de beheerder vindt de details in het logboek",
            "Internal error; the administrator finds the details in the log",
        )
    }

    /// The document in `language`.
    pub fn document(&self, language: Language) -> ProblemDocument {
        ProblemDocument {
            kind: format!("urn:ontwikkelscan:problem:{}", self.kind),
            title: language.pick(self.title_nl, self.title_en).to_owned(),
            status: self.status.as_u16(),
            detail: self.detail.clone(),
            errors: self
                .errors
                .iter()
                .map(|e| FieldProblem {
                    field: e.field.clone(),
                    message: language.pick(&e.nl, &e.en).to_owned(),
                })
                .collect(),
        }
    }
}

impl From<UserError> for ApiError {
    fn from(error: UserError) -> Self {
        use UserError as U;
        match error {
            U::Forbidden => ApiError::forbidden(),
            U::UnknownScan => Self::new(
                StatusCode::NOT_FOUND,
                "unknown-scan",
                "Deze scan bestaat niet, of u heeft er geen toegang toe",
                "This scan does not exist, or you have no access to it",
            ),
            U::UnknownInvitation => Self::new(
                StatusCode::NOT_FOUND,
                "unknown-invitation",
                "Deze uitnodiging bestaat niet",
                "This invitation does not exist",
            ),
            U::ScanChanged => Self::new(
                StatusCode::PRECONDITION_FAILED,
                "changed",
                "De scan is intussen gewijzigd; haal hem opnieuw op",
                "The scan changed meanwhile; fetch it again",
            ),
            U::ScanWrongStatus => Self::new(
                StatusCode::CONFLICT,
                "wrong-status",
                "Dat kan niet in de huidige status van de scan",
                "Not possible in the scan's current status",
            ),
            U::DeadlineInPast => ApiError::validation(vec![FieldMessage {
                field: "deadline".into(),
                nl: "kies een deadline in de toekomst".into(),
                en: "choose a deadline in the future".into(),
            }]),
            U::ReleaseTooEarly => Self::new(
                StatusCode::CONFLICT,
                "release-too-early",
                "Vrijgeven kan pas als elke groep ten minste k antwoorden heeft",
                "The report can be released once every group has at least k responses",
            ),
            U::Internal => ApiError::internal(),
            other => ApiError::bad_request(other.to_string()),
        }
    }
}

impl From<app::storage::StorageError> for ApiError {
    fn from(error: app::storage::StorageError) -> Self {
        tracing::error!(%error, "storage failure in the API");
        ApiError::internal()
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut response = self.status.into_response();
        if self.status == StatusCode::UNAUTHORIZED {
            response
                .headers_mut()
                .insert(WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        response.extensions_mut().insert(self);
        response
    }
}

/// The generic problem for an error response that did not come from an [`ApiError`].
fn generic(status: StatusCode) -> ApiError {
    match status {
        StatusCode::NOT_FOUND => ApiError::not_found(),
        StatusCode::METHOD_NOT_ALLOWED => ApiError::new(
            status,
            "method-not-allowed",
            "Deze methode is hier niet toegestaan",
            "This method is not allowed here",
        ),
        StatusCode::PAYLOAD_TOO_LARGE => ApiError::new(
            status,
            "too-large",
            "Het verzoek is te groot",
            "The request body is too large",
        ),
        StatusCode::UNSUPPORTED_MEDIA_TYPE => ApiError::new(
            status,
            "unsupported-media-type",
            "Stuur JSON (Content-Type: application/json)",
            "Send JSON (Content-Type: application/json)",
        ),
        s if s.is_server_error() => ApiError::internal(),
        s => ApiError::new(s, "error", "Fout in het verzoek", "Error in the request"),
    }
}

/// Middleware around the API: renders problems in the request's language.
pub async fn localize_problems(request: Request, next: Next) -> Response {
    // The same rule as every other door's (`app::request_language`): API clients name their
    // language in `Accept-Language`.
    let language = app::request_language::of_request(request.headers());
    let mut response = next.run(request).await;
    let status = response.status();
    let error = match response.extensions_mut().remove::<ApiError>() {
        Some(error) => error,
        None if status.is_client_error() || status.is_server_error() => {
            let is_problem = response
                .headers()
                .get(CONTENT_TYPE)
                .is_some_and(|v| v.as_bytes().starts_with(b"application/problem+json"));
            if is_problem {
                return response;
            }
            generic(status)
        }
        None => return response,
    };
    let body = serde_json::to_vec(&error.document(language)).unwrap_or_default();
    let (mut parts, _) = response.into_parts();
    parts.headers.insert(
        CONTENT_TYPE,
        HeaderValue::from_static("application/problem+json"),
    );
    parts.headers.remove(axum::http::header::CONTENT_LENGTH);
    Response::from_parts(parts, Body::from(body))
}
