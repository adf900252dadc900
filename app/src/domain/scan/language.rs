//! The language of a scan's invitations and questionnaire.

use serde::{Deserialize, Serialize};

/// The language of the invitations and of the questionnaire the respondents see.
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
}
