//! The organiser's scan services: create and edit scans, invite informants, open, remind,
//! close and reopen. Each service checks who is asking, applies the domain rules
//! (`domain::scan`, `domain::informants`), and writes through `storage` in one transaction
//! together with the emails it causes. Server-only; HTTP handlers and server functions stay
//! thin wrappers around these.

pub mod dashboard;
pub mod forms;
pub mod mail;
pub mod notify_readers;
pub mod scheduler;
pub mod service;

use crate::domain::informants::InformantError;
use crate::domain::scan::ScanError;
use crate::domain::user_error::UserError;
use crate::storage::StorageError;

/// Why a scan service refused or failed.
#[derive(Debug, thiserror::Error)]
pub enum ScanServiceError {
    /// Not allowed, unknown scan, wrong status, changed meanwhile...: one translated code.
    #[error("{0}")]
    User(UserError),
    /// The scan settings break the rules; every problem is listed.
    #[error("invalid scan settings ({} problems)", .0.len())]
    Invalid(Vec<ScanError>),
    /// Informants that cannot be invited; every problem is listed.
    #[error("invalid informants ({} problems)", .0.len())]
    Informants(Vec<InformantError>),
    #[error(transparent)]
    Storage(#[from] StorageError),
}

impl From<sqlx::Error> for ScanServiceError {
    fn from(error: sqlx::Error) -> Self {
        ScanServiceError::Storage(error.into())
    }
}

impl From<UserError> for ScanServiceError {
    fn from(error: UserError) -> Self {
        ScanServiceError::User(error)
    }
}

impl ScanServiceError {
    /// The problems as (Dutch, English) message pairs, for forms and API responses. Storage
    /// failures are logged here and shown as the generic internal error.
    pub fn messages(&self) -> Vec<(String, String)> {
        match self {
            ScanServiceError::User(e) => vec![(e.code(), e.code())],
            ScanServiceError::Invalid(list) => list
                .iter()
                .map(|e| (e.message_nl(), e.to_string()))
                .collect(),
            ScanServiceError::Informants(list) => list
                .iter()
                .map(|e| (e.message_nl(), e.to_string()))
                .collect(),
            ScanServiceError::Storage(e) => {
                tracing::error!(error = %e, "storage failure in a scan service");
                vec![(UserError::Internal.code(), UserError::Internal.code())]
            }
        }
    }

    /// The single refusal a door shows for this error: form-level problems travel separately.
    pub fn user_error(&self) -> UserError {
        match self {
            ScanServiceError::User(e) => e.clone(),
            ScanServiceError::Invalid(_) | ScanServiceError::Informants(_) => UserError::BadForm,
            ScanServiceError::Storage(e) => {
                tracing::error!(error = %e, "storage failure in a scan service");
                UserError::Internal
            }
        }
    }
}
