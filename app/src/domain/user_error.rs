//! Errors a user can cause and must be told about in their own language. Each has a stable code
//! that travels in a redirect (`?error=bad_credentials`) so forms also work without JavaScript;
//! the pages translate the code, never a raw message.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum UserError {
    #[error("wrong email address or password")]
    BadCredentials,
    #[error("too many failed login attempts; retry in {minutes} minutes")]
    RateLimited { minutes: u32 },
    #[error("malformed email address")]
    InvalidEmail,
    #[error("password too short")]
    PasswordTooShort,
    #[error("password too long")]
    PasswordTooLong,
    #[error("passwords differ")]
    PasswordMismatch,
    #[error("email address already in use")]
    EmailTaken,
    #[error("not allowed")]
    Forbidden,
    #[error("cannot deactivate own account")]
    CannotDeactivateSelf,
    #[error("unknown account")]
    UnknownAccount,
    #[error("setup already done")]
    SetupClosed,
    /// The first-run setup needs the one-time code the server printed.
    #[error("wrong or used setup code")]
    BadSetupCode,
    #[error("invalid or expired invitation")]
    InvalidInvitation,
    #[error("malformed form submission")]
    BadForm,
    #[error("unknown scan")]
    UnknownScan,
    #[error("the scan was changed by someone else meanwhile")]
    ScanChanged,
    #[error("not possible in the scan's current status")]
    ScanWrongStatus,
    #[error("unknown invitation")]
    UnknownInvitation,
    #[error("the deadline must be a date in the future")]
    DeadlineInPast,
    /// A report may be released early only once every group has k responses.
    #[error("too few responses to release the report")]
    ReleaseTooEarly,
    /// Details are logged on the server, never shown.
    #[error("internal error")]
    Internal,
}

impl UserError {
    /// The code used in URLs; stable, so bookmarks and tests can rely on it.
    pub fn code(&self) -> String {
        match self {
            UserError::BadCredentials => "bad_credentials".into(),
            UserError::RateLimited { minutes } => format!("rate_limited_{minutes}"),
            UserError::InvalidEmail => "invalid_email".into(),
            UserError::PasswordTooShort => "password_too_short".into(),
            UserError::PasswordTooLong => "password_too_long".into(),
            UserError::PasswordMismatch => "password_mismatch".into(),
            UserError::EmailTaken => "email_taken".into(),
            UserError::Forbidden => "forbidden".into(),
            UserError::CannotDeactivateSelf => "cannot_deactivate_self".into(),
            UserError::UnknownAccount => "unknown_account".into(),
            UserError::SetupClosed => "setup_closed".into(),
            UserError::BadSetupCode => "bad_setup_code".into(),
            UserError::InvalidInvitation => "invalid_invitation".into(),
            UserError::BadForm => "bad_form".into(),
            UserError::UnknownScan => "unknown_scan".into(),
            UserError::ScanChanged => "scan_changed".into(),
            UserError::ScanWrongStatus => "scan_wrong_status".into(),
            UserError::UnknownInvitation => "unknown_invitation".into(),
            UserError::DeadlineInPast => "deadline_in_past".into(),
            UserError::ReleaseTooEarly => "release_too_early".into(),
            UserError::Internal => "internal".into(),
        }
    }

    /// The inverse of [`UserError::code`]; unknown codes become `None` so a tampered URL shows
    /// nothing rather than a wrong message.
    pub fn from_code(code: &str) -> Option<Self> {
        if let Some(minutes) = code.strip_prefix("rate_limited_") {
            return minutes
                .parse()
                .ok()
                .filter(|m| *m <= 24 * 60)
                .map(|minutes| UserError::RateLimited { minutes });
        }
        Some(match code {
            "bad_credentials" => UserError::BadCredentials,
            "invalid_email" => UserError::InvalidEmail,
            "password_too_short" => UserError::PasswordTooShort,
            "password_too_long" => UserError::PasswordTooLong,
            "password_mismatch" => UserError::PasswordMismatch,
            "email_taken" => UserError::EmailTaken,
            "forbidden" => UserError::Forbidden,
            "cannot_deactivate_self" => UserError::CannotDeactivateSelf,
            "unknown_account" => UserError::UnknownAccount,
            "setup_closed" => UserError::SetupClosed,
            "bad_setup_code" => UserError::BadSetupCode,
            "invalid_invitation" => UserError::InvalidInvitation,
            "bad_form" => UserError::BadForm,
            "unknown_scan" => UserError::UnknownScan,
            "scan_changed" => UserError::ScanChanged,
            "scan_wrong_status" => UserError::ScanWrongStatus,
            "unknown_invitation" => UserError::UnknownInvitation,
            "deadline_in_past" => UserError::DeadlineInPast,
            "release_too_early" => UserError::ReleaseTooEarly,
            "internal" => UserError::Internal,
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_round_trips() {
        let all = [
            UserError::BadCredentials,
            UserError::RateLimited { minutes: 15 },
            UserError::InvalidEmail,
            UserError::PasswordTooShort,
            UserError::PasswordTooLong,
            UserError::PasswordMismatch,
            UserError::EmailTaken,
            UserError::Forbidden,
            UserError::CannotDeactivateSelf,
            UserError::UnknownAccount,
            UserError::SetupClosed,
            UserError::BadSetupCode,
            UserError::InvalidInvitation,
            UserError::BadForm,
            UserError::UnknownScan,
            UserError::ScanChanged,
            UserError::ScanWrongStatus,
            UserError::UnknownInvitation,
            UserError::DeadlineInPast,
            UserError::ReleaseTooEarly,
            UserError::Internal,
        ];
        for error in all {
            assert_eq!(
                UserError::from_code(&error.code()),
                Some(error.clone()),
                "{error:?}"
            );
        }
    }

    #[test]
    fn tampered_codes_are_ignored() {
        for code in [
            "",
            "drop table",
            "rate_limited_",
            "rate_limited_-1",
            "rate_limited_999999",
        ] {
            assert_eq!(UserError::from_code(code), None, "{code:?}");
        }
    }
}
