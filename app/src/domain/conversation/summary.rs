//! Checking a posted summary against the type's form: every text belongs to a section of the
//! type, once, within the length limit; the sign-off section ("Voor akkoord") holds signatures,
//! not text. The texts come back trimmed and in the form's order, so the service stores exactly
//! what the record shows.

use super::SectionText;
use super::SectionViewKind;
use super::field_error::{FieldError, FieldProblem, char_count};

/// Limit of one section's text, in characters.
pub const MAX_SECTION_CHARS: usize = 20_000;

/// The posted sections, trimmed, in the order of `form` (the type's sections with their kind),
/// empty texts of sign-off sections dropped; or every problem, named `sections.<id>`.
pub fn validate_summary(
    posted: &[SectionText],
    form: &[(&str, SectionViewKind)],
) -> Result<Vec<SectionText>, Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut seen: Vec<&str> = Vec::new();
    let mut kept: Vec<(usize, SectionText)> = Vec::new();
    for section in posted {
        let id = section.section_id.trim();
        let field = format!("sections.{id}");
        let text = section.text.trim();
        let Some(position) = form.iter().position(|(form_id, _)| *form_id == id) else {
            errors.push(FieldError::new(field, FieldProblem::UnknownSection));
            continue;
        };
        if seen.contains(&id) {
            errors.push(FieldError::new(field, FieldProblem::Repeated));
            continue;
        }
        seen.push(id);
        if form[position].1 == SectionViewKind::SignOff {
            if !text.is_empty() {
                errors.push(FieldError::new(field, FieldProblem::TakesNoText));
            }
            continue;
        }
        if char_count(text) > MAX_SECTION_CHARS {
            errors.push(FieldError::new(
                field,
                FieldProblem::TooLong {
                    max: MAX_SECTION_CHARS,
                },
            ));
            continue;
        }
        kept.push((
            position,
            SectionText {
                section_id: id.to_string(),
                text: text.to_string(),
            },
        ));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    kept.sort_by_key(|(position, _)| *position);
    Ok(kept.into_iter().map(|(_, section)| section).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    const FORM: [(&str, SectionViewKind); 4] = [
        ("terugblik", SectionViewKind::Text),
        ("afspraken", SectionViewKind::Agreements),
        ("vorige", SectionViewKind::LookBack),
        ("akkoord", SectionViewKind::SignOff),
    ];

    fn text(id: &str, text: &str) -> SectionText {
        SectionText {
            section_id: id.into(),
            text: text.into(),
        }
    }

    fn fields(errors: Vec<FieldError>) -> Vec<(String, FieldProblem)> {
        errors.into_iter().map(|e| (e.field, e.problem)).collect()
    }

    #[test]
    fn texts_come_back_trimmed_in_the_forms_order() {
        let posted = [
            text("vorige", " Goed verlopen "),
            text("terugblik", "\nEen goed jaar.\n"),
            text("afspraken", "Toelichting"),
            text("akkoord", "  "),
        ];
        assert_eq!(
            validate_summary(&posted, &FORM).unwrap(),
            [
                text("terugblik", "Een goed jaar."),
                text("afspraken", "Toelichting"),
                text("vorige", "Goed verlopen"),
            ]
        );
        assert_eq!(validate_summary(&[], &FORM).unwrap(), []);
    }

    #[test]
    fn unknown_and_repeated_sections_are_refused() {
        let posted = [
            text("terugblik", "a"),
            text("onbekend", "b"),
            text("terugblik", "c"),
        ];
        assert_eq!(
            fields(validate_summary(&posted, &FORM).unwrap_err()),
            [
                (
                    "sections.onbekend".to_string(),
                    FieldProblem::UnknownSection
                ),
                ("sections.terugblik".to_string(), FieldProblem::Repeated),
            ]
        );
        assert!(validate_summary(&[text("Terugblik", "a")], &FORM).is_err());
    }

    #[test]
    fn the_sign_off_section_takes_no_text() {
        assert_eq!(
            fields(validate_summary(&[text("akkoord", "Gezien")], &FORM).unwrap_err()),
            [("sections.akkoord".to_string(), FieldProblem::TakesNoText)]
        );
    }

    #[test]
    fn a_section_holds_at_most_20000_characters() {
        let full = "é".repeat(MAX_SECTION_CHARS);
        assert_eq!(
            validate_summary(&[text("terugblik", &full)], &FORM).unwrap()[0]
                .text
                .chars()
                .count(),
            20_000
        );
        assert_eq!(
            fields(validate_summary(&[text("terugblik", &format!("{full}x"))], &FORM).unwrap_err()),
            [(
                "sections.terugblik".to_string(),
                FieldProblem::TooLong { max: 20_000 }
            )]
        );
    }

    #[test]
    fn every_field_error_has_both_messages() {
        let problems = [
            FieldProblem::Missing,
            FieldProblem::TooLong { max: 5 },
            FieldProblem::BadDate,
            FieldProblem::BadTime,
            FieldProblem::TimeDoesNotExist,
            FieldProblem::NotInFuture,
            FieldProblem::OutOfRange { min: 1, max: 2 },
            FieldProblem::TooMany { max: 3 },
            FieldProblem::UnknownSection,
            FieldProblem::TakesNoText,
            FieldProblem::Repeated,
            FieldProblem::UnknownOutcome,
        ];
        let mut seen = std::collections::HashSet::new();
        for problem in problems {
            let error = FieldError::new("x", problem);
            let nl = error.message(crate::domain::language::Language::Nl);
            let en = error.message(crate::domain::language::Language::En);
            assert_ne!(nl, en);
            assert!(seen.insert(nl.clone()), "{nl}");
            assert!(seen.insert(en));
        }
        assert_eq!(
            FieldError::new("place", FieldProblem::TooLong { max: 200 })
                .message(crate::domain::language::Language::Nl),
            "Gebruik ten hoogste 200 tekens."
        );
    }
}
