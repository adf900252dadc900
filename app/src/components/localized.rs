//! Small helpers for text that comes from the server in both languages.

use leptos::prelude::ServerFnError;
use leptos_i18n::I18nContext;

use crate::domain::calendar::format_deadline;
use crate::domain::scan::Language;
use crate::domain::user_error::UserError;
use crate::i18n::Locale;

/// The page's language as the domain's language type.
pub fn language(i18n: I18nContext<Locale>) -> Language {
    language_of(i18n.get_locale())
}

/// A locale as the domain's language type.
pub fn language_of(locale: Locale) -> Language {
    match locale {
        Locale::nl => Language::Nl,
        Locale::en => Language::En,
    }
}

/// The text in the page's language.
pub fn pick(i18n: I18nContext<Locale>, nl: &str, en: &str) -> String {
    match language(i18n) {
        Language::Nl => nl.to_owned(),
        Language::En => en.to_owned(),
    }
}

/// A deadline as a date in Dutch time, in the page's language.
pub fn date_text(i18n: I18nContext<Locale>, unix: i64) -> String {
    format_deadline(unix, language(i18n))
}

/// The user error a server function failed with (its message is the error's code); anything
/// unrecognisable is the generic internal error.
pub fn user_error_of(error: &ServerFnError) -> UserError {
    match error {
        ServerFnError::ServerError(code) => {
            UserError::from_code(code).unwrap_or(UserError::Internal)
        }
        _ => UserError::Internal,
    }
}
