//! A problem with one field of a posted form (plan, summary, agreements), with its message in
//! both languages, so the form can be shown again with the text under the field that needs it.

use serde::{Deserialize, Serialize};

use crate::domain::language::Language;

/// What is wrong with a field.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(tag = "problem", rename_all = "snake_case")]
pub enum FieldProblem {
    /// Required and empty (after trimming).
    Missing,
    /// Longer than `max` characters.
    TooLong { max: usize },
    /// Not a `YYYY-MM-DD` calendar date.
    BadDate,
    /// Not an `HH:MM` time of day.
    BadTime,
    /// The clock skips this time on that day (summer time starts).
    TimeDoesNotExist,
    /// The moment has passed.
    NotInFuture,
    /// A number outside `min..=max`.
    OutOfRange { min: u32, max: u32 },
    /// More than `max` rows.
    TooMany { max: usize },
    /// The form has no section with this id.
    UnknownSection,
    /// The section only collects signatures.
    TakesNoText,
    /// The section appears twice in one post.
    Repeated,
    /// Not one of the outcome codes.
    UnknownOutcome,
}

/// One field and its problem. `field` names the form field: "starts_on", "place",
/// "agreements.2.what", "sections.terugblik".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct FieldError {
    pub field: String,
    pub problem: FieldProblem,
}

impl FieldError {
    pub fn new(field: impl Into<String>, problem: FieldProblem) -> FieldError {
        FieldError {
            field: field.into(),
            problem,
        }
    }

    /// The message shown under the field.
    pub fn message(&self, language: Language) -> String {
        use FieldProblem::*;
        match (&self.problem, language) {
            (Missing, Language::Nl) => "Vul dit veld in.".into(),
            (Missing, Language::En) => "Please fill in this field.".into(),
            (TooLong { max }, Language::Nl) => format!("Gebruik ten hoogste {max} tekens."),
            (TooLong { max }, Language::En) => format!("Use at most {max} characters."),
            (BadDate, Language::Nl) => "Geef een datum als JJJJ-MM-DD.".into(),
            (BadDate, Language::En) => "Give a date as YYYY-MM-DD.".into(),
            (BadTime, Language::Nl) => "Geef een tijd als UU:MM.".into(),
            (BadTime, Language::En) => "Give a time as HH:MM.".into(),
            (TimeDoesNotExist, Language::Nl) => {
                "Die tijd bestaat niet op die dag: de klok gaat dan een uur vooruit.".into()
            }
            (TimeDoesNotExist, Language::En) => {
                "That time does not exist on that day: the clocks go forward an hour.".into()
            }
            (NotInFuture, Language::Nl) => "Kies een moment in de toekomst.".into(),
            (NotInFuture, Language::En) => "Choose a moment in the future.".into(),
            (OutOfRange { min, max }, Language::Nl) => {
                format!("Geef een getal van {min} tot en met {max}.")
            }
            (OutOfRange { min, max }, Language::En) => {
                format!("Give a number from {min} to {max}.")
            }
            (TooMany { max }, Language::Nl) => format!("Ten hoogste {max} regels."),
            (TooMany { max }, Language::En) => format!("At most {max} rows."),
            (UnknownSection, Language::Nl) => "Dit onderdeel hoort niet bij dit formulier.".into(),
            (UnknownSection, Language::En) => "This section is not part of this form.".into(),
            (TakesNoText, Language::Nl) => {
                "Dit onderdeel is alleen voor de handtekeningen en heeft geen tekst.".into()
            }
            (TakesNoText, Language::En) => {
                "This section only holds the signatures and takes no text.".into()
            }
            (Repeated, Language::Nl) => "Dit onderdeel staat er twee keer in.".into(),
            (Repeated, Language::En) => "This section appears twice.".into(),
            (UnknownOutcome, Language::Nl) => "Kies een van de uitkomsten.".into(),
            (UnknownOutcome, Language::En) => "Choose one of the outcomes.".into(),
        }
    }
}

/// The number of characters (not bytes) of a text, as the limits count them.
pub(crate) fn char_count(text: &str) -> usize {
    text.chars().count()
}
