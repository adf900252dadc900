use leptos::prelude::*;

use crate::domain::user_error::UserError;
use crate::i18n::*;
use leptos_i18n::I18nContext;

/// The translated text for an error a user caused.
pub fn user_error_text(i18n: I18nContext<Locale>, error: &UserError) -> String {
    match error {
        UserError::BadCredentials => t_string!(i18n, error_bad_credentials).to_string(),
        UserError::RateLimited { minutes } => {
            let minutes = *minutes;
            t_string!(i18n, error_rate_limited, minutes).to_string()
        }
        UserError::InvalidEmail => t_string!(i18n, error_invalid_email).to_string(),
        UserError::PasswordTooShort => t_string!(i18n, error_password_too_short).to_string(),
        UserError::PasswordTooLong => t_string!(i18n, error_password_too_long).to_string(),
        UserError::PasswordMismatch => t_string!(i18n, error_password_mismatch).to_string(),
        UserError::EmailTaken => t_string!(i18n, error_email_taken).to_string(),
        UserError::Forbidden => t_string!(i18n, error_forbidden).to_string(),
        UserError::CannotDeactivateSelf => {
            t_string!(i18n, error_cannot_deactivate_self).to_string()
        }
        UserError::UnknownAccount => t_string!(i18n, error_unknown_account).to_string(),
        UserError::SetupClosed => t_string!(i18n, setup_closed).to_string(),
        UserError::BadSetupCode => t_string!(i18n, error_bad_setup_code).to_string(),
        UserError::InvalidInvitation => t_string!(i18n, invite_invalid).to_string(),
        UserError::BadForm => t_string!(i18n, error_bad_form).to_string(),
        UserError::UnknownScan => t_string!(i18n, error_unknown_scan).to_string(),
        UserError::ScanChanged => t_string!(i18n, error_scan_changed).to_string(),
        UserError::ScanWrongStatus => t_string!(i18n, error_scan_wrong_status).to_string(),
        UserError::UnknownInvitation => t_string!(i18n, error_unknown_invitation).to_string(),
        UserError::DeadlineInPast => t_string!(i18n, error_deadline_in_past).to_string(),
        UserError::ReleaseTooEarly => t_string!(i18n, error_release_too_early).to_string(),
        UserError::Internal => t_string!(i18n, error_internal).to_string(),
    }
}

/// An error summary announced to screen readers (role="alert") and placed before the form.
#[component]
pub fn ErrorMessage(error: UserError) -> impl IntoView {
    let i18n = use_i18n();
    let text = user_error_text(i18n, &error);
    view! {
        <div class="message message-error" role="alert" data-error=error.code()>
            {text}
        </div>
    }
}
