//! Small helpers for text that comes from the server in both languages.

use leptos_i18n::I18nContext;

use crate::domain::calendar::format_deadline;
use crate::domain::language::Language;
use crate::i18n::Locale;

/// The page's language as the domain's language type.
pub fn language(i18n: I18nContext<Locale>) -> Language {
    i18n.get_locale().into()
}

/// The text in the page's language.
pub fn pick(i18n: I18nContext<Locale>, nl: &str, en: &str) -> String {
    language(i18n).pick(nl, en).to_owned()
}

/// A deadline as a date in Dutch time, in the page's language.
pub fn date_text(i18n: I18nContext<Locale>, unix: i64) -> String {
    format_deadline(unix, language(i18n))
}
