//! Agreements: what is agreed, who does it, by when. They are the part of a record the next
//! conversation starts from, so they are structured rather than free text: the next record of
//! the same person and type shows them in its look-back section ([`look_back`]), each with how
//! it turned out ([`AgreementOutcome`]); the ones that continue return as draft agreements of
//! the new record ([`carried_forward`]).
//!
//! Forms post a fixed number of rows; a row left entirely empty is no agreement and is dropped.

use serde::{Deserialize, Serialize};

use super::AgreementInput;
use super::field_error::{FieldError, FieldProblem, char_count};
use crate::domain::calendar::Date;
use crate::domain::language::Language;

/// At most this many agreements per record.
pub const MAX_AGREEMENTS: usize = 50;
/// Limits of the agreement's texts, in characters.
pub const MAX_WHAT_CHARS: usize = 2_000;
pub const MAX_WHO_CHARS: usize = 200;
/// Limit of a look-back note, in characters.
pub const MAX_OUTCOME_NOTE_CHARS: usize = 2_000;

/// How an agreement turned out, filled in when the next conversation looks back. Its OpenAPI
/// schema is written by hand (below): utoipa drops the empty `rename` of `Open` and would
/// document "open", which the JSON never holds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AgreementOutcome {
    /// Not looked back on yet (stored as '').
    #[default]
    #[serde(rename = "")]
    Open,
    Done,
    Partly,
    NotDone,
    /// Still running: carried into the new record's agreements.
    Continued,
}

#[cfg(feature = "ssr")]
impl utoipa::PartialSchema for AgreementOutcome {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use utoipa::openapi::schema::{ObjectBuilder, Type};
        ObjectBuilder::new()
            .schema_type(Type::String)
            .enum_values(Some(AgreementOutcome::ALL.map(AgreementOutcome::as_str)))
            .description(Some(
                "How an agreement turned out: '' (not looked back on yet), done, partly, \
                 not_done, continued",
            ))
            .into()
    }
}

#[cfg(feature = "ssr")]
impl utoipa::ToSchema for AgreementOutcome {}

#[cfg(all(test, feature = "ssr"))]
#[test]
fn the_documented_outcomes_are_the_serialised_ones() {
    let schema =
        serde_json::to_value(<AgreementOutcome as utoipa::PartialSchema>::schema()).unwrap();
    let documented: Vec<serde_json::Value> = schema["enum"].as_array().unwrap().clone();
    let serialised: Vec<serde_json::Value> = AgreementOutcome::ALL
        .iter()
        .map(|o| serde_json::to_value(o).unwrap())
        .collect();
    assert_eq!(documented, serialised);
    assert_eq!(documented[0], "");
}

impl AgreementOutcome {
    pub const ALL: [AgreementOutcome; 5] = [
        AgreementOutcome::Open,
        AgreementOutcome::Done,
        AgreementOutcome::Partly,
        AgreementOutcome::NotDone,
        AgreementOutcome::Continued,
    ];

    /// The code stored in `conversation_agreements.outcome`.
    pub fn as_str(self) -> &'static str {
        match self {
            AgreementOutcome::Open => "",
            AgreementOutcome::Done => "done",
            AgreementOutcome::Partly => "partly",
            AgreementOutcome::NotDone => "not_done",
            AgreementOutcome::Continued => "continued",
        }
    }

    /// The inverse of [`AgreementOutcome::as_str`] (surrounding space ignored).
    pub fn parse(code: &str) -> Option<AgreementOutcome> {
        let code = code.trim();
        AgreementOutcome::ALL
            .into_iter()
            .find(|outcome| outcome.as_str() == code)
    }

    pub fn label(self, language: Language) -> &'static str {
        let (nl, en) = match self {
            AgreementOutcome::Open => ("Nog niet besproken", "Not discussed yet"),
            AgreementOutcome::Done => ("Uitgevoerd", "Done"),
            AgreementOutcome::Partly => ("Gedeeltelijk uitgevoerd", "Partly done"),
            AgreementOutcome::NotDone => ("Niet uitgevoerd", "Not done"),
            AgreementOutcome::Continued => ("Loopt door", "Continued"),
        };
        language.pick(nl, en)
    }
}

/// A stored agreement (a `conversation_agreements` row).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Agreement {
    pub id: String,
    pub position: i64,
    pub what: String,
    pub who: String,
    /// `YYYY-MM-DD` or ''.
    pub due_on: String,
    pub outcome: AgreementOutcome,
    pub outcome_note: String,
}

/// An agreement as a party sees it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct AgreementView {
    pub id: String,
    pub what: String,
    pub who: String,
    /// `YYYY-MM-DD` or ''.
    pub due_on: String,
    pub outcome: AgreementOutcome,
    pub outcome_note: String,
}

impl From<&Agreement> for AgreementView {
    fn from(agreement: &Agreement) -> AgreementView {
        AgreementView {
            id: agreement.id.clone(),
            what: agreement.what.clone(),
            who: agreement.who.clone(),
            due_on: agreement.due_on.clone(),
            outcome: agreement.outcome,
            outcome_note: agreement.outcome_note.clone(),
        }
    }
}

/// The posted agreements, trimmed, without entirely empty rows, in the order posted; or every
/// problem found, named `agreements.<index>.<what|who|due_on>` by the row's index as posted.
pub fn validate_agreements(
    rows: &[AgreementInput],
) -> Result<Vec<AgreementInput>, Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut kept = Vec::new();
    for (index, row) in rows.iter().enumerate() {
        let trimmed = AgreementInput {
            what: row.what.trim().to_string(),
            who: row.who.trim().to_string(),
            due_on: row.due_on.trim().to_string(),
        };
        if trimmed.what.is_empty() && trimmed.who.is_empty() && trimmed.due_on.is_empty() {
            continue;
        }
        let field = |name: &str| format!("agreements.{index}.{name}");
        for (name, text, max) in [
            ("what", &trimmed.what, MAX_WHAT_CHARS),
            ("who", &trimmed.who, MAX_WHO_CHARS),
        ] {
            if text.is_empty() {
                errors.push(FieldError::new(field(name), FieldProblem::Missing));
            } else if char_count(text) > max {
                errors.push(FieldError::new(field(name), FieldProblem::TooLong { max }));
            }
        }
        if !trimmed.due_on.is_empty() && Date::parse_iso(&trimmed.due_on).is_none() {
            errors.push(FieldError::new(field("due_on"), FieldProblem::BadDate));
        }
        kept.push(trimmed);
    }
    if kept.len() > MAX_AGREEMENTS {
        errors.push(FieldError::new(
            "agreements",
            FieldProblem::TooMany {
                max: MAX_AGREEMENTS,
            },
        ));
    }
    if errors.is_empty() {
        Ok(kept)
    } else {
        Err(errors)
    }
}

/// The previous record's agreements as the new record's look-back section shows them: in their
/// order (by position, then id), each with its outcome so far.
pub fn look_back(previous: &[Agreement]) -> Vec<AgreementView> {
    let mut ordered: Vec<&Agreement> = previous.iter().collect();
    ordered.sort_by(|a, b| a.position.cmp(&b.position).then_with(|| a.id.cmp(&b.id)));
    ordered.into_iter().map(AgreementView::from).collect()
}

/// The previous agreements that continue ([`AgreementOutcome::Continued`]), as draft
/// agreements of the new record, in their order; the due date is kept only if it is still to
/// come on `today` (a passed date would be a new agreement's first problem).
pub fn carried_forward(previous: &[Agreement], today: Date) -> Vec<AgreementInput> {
    let mut ordered: Vec<&Agreement> = previous
        .iter()
        .filter(|a| a.outcome == AgreementOutcome::Continued)
        .collect();
    ordered.sort_by(|a, b| a.position.cmp(&b.position).then_with(|| a.id.cmp(&b.id)));
    ordered
        .into_iter()
        .map(|a| AgreementInput {
            what: a.what.clone(),
            who: a.who.clone(),
            due_on: Date::parse_iso(&a.due_on)
                .filter(|due| *due >= today)
                .map(|due| due.iso())
                .unwrap_or_default(),
        })
        .collect()
}

/// A validated look-back entry: the outcome code and its trimmed note.
pub fn validate_look_back(
    outcome: &str,
    note: &str,
) -> Result<(AgreementOutcome, String), Vec<FieldError>> {
    let mut errors = Vec::new();
    let parsed = AgreementOutcome::parse(outcome);
    if parsed.is_none() {
        errors.push(FieldError::new("outcome", FieldProblem::UnknownOutcome));
    }
    let note = note.trim();
    if char_count(note) > MAX_OUTCOME_NOTE_CHARS {
        errors.push(FieldError::new(
            "note",
            FieldProblem::TooLong {
                max: MAX_OUTCOME_NOTE_CHARS,
            },
        ));
    }
    match parsed {
        Some(outcome) if errors.is_empty() => Ok((outcome, note.to_string())),
        _ => Err(errors),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(what: &str, who: &str, due_on: &str) -> AgreementInput {
        AgreementInput {
            what: what.into(),
            who: who.into(),
            due_on: due_on.into(),
        }
    }

    fn stored(id: &str, position: i64, outcome: AgreementOutcome, due_on: &str) -> Agreement {
        Agreement {
            id: id.into(),
            position,
            what: format!("Afspraak {id}"),
            who: "Secretaris".into(),
            due_on: due_on.into(),
            outcome,
            outcome_note: String::new(),
        }
    }

    fn fields(errors: Vec<FieldError>) -> Vec<(String, FieldProblem)> {
        errors.into_iter().map(|e| (e.field, e.problem)).collect()
    }

    #[test]
    fn rows_are_trimmed_and_empty_rows_dropped() {
        let rows = [
            row("", "", ""),
            row("  Cursus leidinggeven ", " Secretaris ", " 2027-06-01 "),
            row(" ", "\t", " "),
            row("Overleg", "Burgemeester", ""),
        ];
        assert_eq!(
            validate_agreements(&rows).unwrap(),
            [
                row("Cursus leidinggeven", "Secretaris", "2027-06-01"),
                row("Overleg", "Burgemeester", "")
            ]
        );
        assert_eq!(validate_agreements(&[]).unwrap(), []);
    }

    #[test]
    fn what_and_who_are_required_and_the_date_must_be_real() {
        let rows = [
            row("Cursus", "", ""),
            row("", "Secretaris", "2027-02-30"),
            row("", "", "morgen"),
        ];
        assert_eq!(
            fields(validate_agreements(&rows).unwrap_err()),
            [
                ("agreements.0.who".to_string(), FieldProblem::Missing),
                ("agreements.1.what".to_string(), FieldProblem::Missing),
                ("agreements.1.due_on".to_string(), FieldProblem::BadDate),
                ("agreements.2.what".to_string(), FieldProblem::Missing),
                ("agreements.2.who".to_string(), FieldProblem::Missing),
                ("agreements.2.due_on".to_string(), FieldProblem::BadDate),
            ]
        );
    }

    #[test]
    fn texts_are_limited_in_characters() {
        assert!(validate_agreements(&[row(&"é".repeat(2_000), &"ü".repeat(200), "")]).is_ok());
        assert_eq!(
            fields(
                validate_agreements(&[row(&"a".repeat(2_001), &"b".repeat(201), "")]).unwrap_err()
            ),
            [
                (
                    "agreements.0.what".to_string(),
                    FieldProblem::TooLong { max: 2_000 }
                ),
                (
                    "agreements.0.who".to_string(),
                    FieldProblem::TooLong { max: 200 }
                ),
            ]
        );
    }

    #[test]
    fn at_most_fifty_agreements() {
        let mut rows = vec![row("Iets", "Iemand", ""); 50];
        rows.push(row("", "", ""));
        assert_eq!(validate_agreements(&rows).unwrap().len(), 50);
        rows.push(row("Nog iets", "Iemand", ""));
        assert_eq!(
            fields(validate_agreements(&rows).unwrap_err()),
            [("agreements".to_string(), FieldProblem::TooMany { max: 50 })]
        );
    }

    #[test]
    fn outcome_codes_are_the_stored_ones() {
        let codes: Vec<&str> = AgreementOutcome::ALL.iter().map(|o| o.as_str()).collect();
        assert_eq!(codes, ["", "done", "partly", "not_done", "continued"]);
        for outcome in AgreementOutcome::ALL {
            assert_eq!(AgreementOutcome::parse(outcome.as_str()), Some(outcome));
            let json = serde_json::to_string(&outcome).unwrap();
            assert_eq!(json, format!("\"{}\"", outcome.as_str()));
            assert_eq!(
                serde_json::from_str::<AgreementOutcome>(&json).unwrap(),
                outcome
            );
            assert_ne!(outcome.label(Language::Nl), outcome.label(Language::En));
        }
        assert_eq!(
            AgreementOutcome::parse(" done "),
            Some(AgreementOutcome::Done)
        );
        assert_eq!(AgreementOutcome::parse("Done"), None);
        assert_eq!(AgreementOutcome::parse("klaar"), None);
    }

    #[test]
    fn looking_back_shows_the_previous_agreements_in_order() {
        let previous = [
            stored("c", 3, AgreementOutcome::Open, ""),
            stored("a", 1, AgreementOutcome::Done, "2026-06-01"),
            stored("b", 2, AgreementOutcome::Continued, ""),
            stored("a2", 1, AgreementOutcome::Partly, ""),
        ];
        let ids: Vec<String> = look_back(&previous).into_iter().map(|v| v.id).collect();
        assert_eq!(ids, ["a", "a2", "b", "c"]);
        let first = &look_back(&previous)[0];
        assert_eq!(first.what, "Afspraak a");
        assert_eq!(first.due_on, "2026-06-01");
        assert_eq!(first.outcome, AgreementOutcome::Done);
        assert_eq!(look_back(&[]), []);
    }

    #[test]
    fn continued_agreements_come_back_as_drafts() {
        let today = Date::parse_iso("2027-01-10").unwrap();
        let previous = [
            stored("late", 4, AgreementOutcome::Continued, "2026-12-31"),
            stored("done", 1, AgreementOutcome::Done, ""),
            stored("open", 2, AgreementOutcome::Continued, ""),
            stored("soon", 3, AgreementOutcome::Continued, "2027-01-10"),
            stored("not", 5, AgreementOutcome::NotDone, ""),
        ];
        assert_eq!(
            carried_forward(&previous, today),
            [
                row("Afspraak open", "Secretaris", ""),
                row("Afspraak soon", "Secretaris", "2027-01-10"),
                row("Afspraak late", "Secretaris", ""),
            ]
        );
        assert!(validate_agreements(&carried_forward(&previous, today)).is_ok());
    }

    #[test]
    fn a_look_back_needs_a_known_outcome_and_a_short_note() {
        assert_eq!(
            validate_look_back("partly", "  Half af  "),
            Ok((AgreementOutcome::Partly, "Half af".to_string()))
        );
        assert_eq!(
            validate_look_back("", ""),
            Ok((AgreementOutcome::Open, String::new()))
        );
        assert_eq!(
            fields(validate_look_back("bijna", &"x".repeat(2_001)).unwrap_err()),
            [
                ("outcome".to_string(), FieldProblem::UnknownOutcome),
                ("note".to_string(), FieldProblem::TooLong { max: 2_000 }),
            ]
        );
        assert!(validate_look_back("done", &"x".repeat(2_000)).is_ok());
    }
}
