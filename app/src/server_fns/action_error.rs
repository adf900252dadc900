//! The one error every server function returns (an organiser's action, or a page's data): it
//! goes to the page as JSON to the browser's WebAssembly, or in the redirect URL of a plain
//! form post, and the page translates it (`ActionError::user_error`). Internal details never travel: they are
//! logged where the error is made and arrive here as [`UserError::Internal`].

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

use crate::domain::scan::form::FormProblem;
use crate::domain::user_error::UserError;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum ActionError {
    /// One refusal the page translates from its code (not allowed, unknown scan, wrong status…).
    #[error("{0}")]
    Refused(UserError),
    /// Every problem of a refused form, already in both languages.
    #[error("{} problems in the form", .0.len())]
    Problems(Vec<FormProblem>),
}

impl ActionError {
    /// The single refusal a page shows at its top (form problems count as a refused form).
    pub fn user_error(&self) -> UserError {
        match self {
            ActionError::Refused(error) => error.clone(),
            ActionError::Problems(_) => UserError::BadForm,
        }
    }
}

impl From<UserError> for ActionError {
    fn from(error: UserError) -> Self {
        #[cfg(feature = "ssr")]
        answer_as_refusal(&error);
        ActionError::Refused(error)
    }
}

/// A refusal is the user's doing, not the server's: a WebAssembly call gets 422 instead of the
/// 500 server functions answer errors with (the internal error keeps its 500). A plain form post
/// keeps its redirect back.
#[cfg(feature = "ssr")]
fn answer_as_refusal(error: &UserError) {
    use leptos::prelude::use_context;
    if *error == UserError::Internal || super::plain_form_post() {
        return;
    }
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(axum::http::StatusCode::UNPROCESSABLE_ENTITY);
    }
}

/// What the server-function machinery itself can fail with: arguments that do not decode are a
/// malformed form; anything else (a lost connection, a server that does not answer) is shown as
/// the internal error.
impl FromServerFnError for ActionError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Args(_)
            | ServerFnErrorErr::MissingArg(_)
            | ServerFnErrorErr::Deserialization(_) => ActionError::Refused(UserError::BadForm),
            _ => ActionError::Refused(UserError::Internal),
        }
    }
}

/// A scan service's refusal: the problems of settings or informants, or one refusal (a storage
/// failure is logged once, by `refusal_of`).
#[cfg(feature = "ssr")]
impl From<crate::scans::ScanServiceError> for ActionError {
    fn from(error: crate::scans::ScanServiceError) -> Self {
        ActionError::from(crate::scans::forms::refusal_of(error))
    }
}

/// A refused form: its problems, or its one refusal.
impl From<crate::domain::scan::form::FormRefusal> for ActionError {
    fn from(refusal: crate::domain::scan::form::FormRefusal) -> Self {
        use crate::domain::scan::form::FormRefusal;
        match refusal {
            FormRefusal::Problems(problems) => {
                #[cfg(feature = "ssr")]
                answer_as_refusal(&UserError::BadForm);
                ActionError::Problems(problems)
            }
            FormRefusal::Refused(error) => ActionError::from(error),
        }
    }
}

/// A storage failure: logged once, here, and shown as the internal error.
#[cfg(feature = "ssr")]
impl From<crate::storage::StorageError> for ActionError {
    fn from(error: crate::storage::StorageError) -> Self {
        tracing::error!(%error, "storage failure behind a server function");
        ActionError::from(UserError::Internal)
    }
}

#[cfg(feature = "ssr")]
impl From<crate::report::ReportError> for ActionError {
    fn from(error: crate::report::ReportError) -> Self {
        ActionError::from(error.user_error())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use leptos::server_fn::error::ServerFnUrlError;

    #[test]
    fn survives_the_redirect_url_of_a_plain_form_post() {
        for error in [
            ActionError::Refused(UserError::ScanWrongStatus),
            ActionError::Refused(UserError::RateLimited { minutes: 3 }),
            ActionError::Problems(vec![FormProblem {
                nl: "de deadline ligt in het verleden".into(),
                en: "the deadline is in the past".into(),
            }]),
        ] {
            let url = ServerFnUrlError::new("/api/scans/open", error.clone())
                .to_url("http://127.0.0.1:3000/scans/abc?confirm=open")
                .unwrap();
            let encoded = url
                .query_pairs()
                .find(|(key, _)| key == "__err")
                .map(|(_, value)| value.into_owned())
                .unwrap();
            assert_eq!(ServerFnUrlError::<ActionError>::decode_err(&encoded), error);
        }
    }

    #[test]
    fn machinery_failures_become_a_bad_form_or_the_internal_error() {
        assert_eq!(
            ActionError::from_server_fn_error(ServerFnErrorErr::Args("deadline".into())),
            ActionError::Refused(UserError::BadForm)
        );
        assert_eq!(
            ActionError::from_server_fn_error(ServerFnErrorErr::Request("offline".into())),
            ActionError::Refused(UserError::Internal)
        );
        assert_eq!(
            ActionError::Problems(Vec::new()).user_error(),
            UserError::BadForm
        );
    }
}
