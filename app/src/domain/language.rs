//! The product's two languages: the one language type outside the Leptos view layer. A scan's
//! invitations and questionnaire, e-mail, a request's language (`request_language::of_request`),
//! the respondent's pages, charts, the API's problem documents and the report files all take a
//! [`Language`]; only the view layer uses leptos_i18n's `Locale`, converted with `From` in
//! `request_language.rs`.

use serde::{Deserialize, Serialize};

/// Dutch or English.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    /// Dutch, the default: the product is Dutch first.
    #[default]
    Nl,
    /// English.
    En,
}

impl Language {
    /// The BCP 47 code.
    pub fn code(self) -> &'static str {
        match self {
            Language::Nl => "nl",
            Language::En => "en",
        }
    }

    /// Parses "nl" or "en" (any case); anything else is `None`.
    pub fn parse(code: &str) -> Option<Self> {
        match code.trim().to_ascii_lowercase().as_str() {
            "nl" | "nl-nl" | "nl-be" => Some(Language::Nl),
            "en" | "en-gb" | "en-us" => Some(Language::En),
            _ => None,
        }
    }

    /// The other language (the target of the language switch).
    pub fn other(self) -> Language {
        match self {
            Language::Nl => Language::En,
            Language::En => Language::Nl,
        }
    }

    /// The text in this language, of a Dutch and an English one.
    pub fn pick<'a>(self, nl: &'a str, en: &'a str) -> &'a str {
        match self {
            Language::Nl => nl,
            Language::En => en,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_parses_and_defaults_to_dutch() {
        assert_eq!(Language::default(), Language::Nl);
        assert_eq!(Language::parse(" EN "), Some(Language::En));
        assert_eq!(Language::parse("nl"), Some(Language::Nl));
        assert_eq!(Language::parse("de"), None);
        assert_eq!(Language::En.code(), "en");
    }

    #[test]
    fn pick_and_other_follow_the_language() {
        assert_eq!(Language::Nl.pick("ja", "yes"), "ja");
        assert_eq!(Language::En.pick("ja", "yes"), "yes");
        assert_eq!(Language::Nl.other(), Language::En);
        assert_eq!(Language::En.other(), Language::Nl);
    }
}
