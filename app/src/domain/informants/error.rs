//! Why an informant cannot be used, in English (`Display`, for logs) and in Dutch (for the
//! organiser), with the line it is on.

use crate::domain::account::Email;

/// Why an informant (a line of a list) cannot be used. Every line-level variant names its
/// line; `line` 0 means the informant was entered on its own, not in a list.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum InformantError {
    /// The text is larger than [`MAX_INPUT_BYTES`](super::MAX_INPUT_BYTES); nothing was read.
    #[error("the list is {bytes} bytes, more than the limit of {max} bytes")]
    InputTooLarge {
        /// Size in bytes.
        bytes: usize,
        /// The limit.
        max: usize,
    },
    /// The list has more than [`MAX_LINES`](super::MAX_LINES) informants; `line` is the first one too many.
    #[error("line {line}: the list has more than {max} informants")]
    TooManyLines {
        /// The first line over the limit.
        line: usize,
        /// The limit.
        max: usize,
    },
    /// The line could not be read as CSV.
    #[error("{}could not be read as CSV", at(*line))]
    Unreadable {
        /// Line number.
        line: usize,
    },
    /// No email address on the line.
    #[error("{}no email address", at(*line))]
    MissingEmail {
        /// Line number.
        line: usize,
    },
    /// The email address is malformed.
    #[error("{}malformed email address {address:?}", at(*line))]
    MalformedAddress {
        /// Line number.
        line: usize,
        /// The address as given.
        address: String,
    },
    /// No group on the line.
    #[error("{}no group given", at(*line))]
    MissingGroup {
        /// Line number.
        line: usize,
    },
    /// The group is not one of the scan's; the known ones are listed so the fix is obvious.
    #[error("{}unknown group {given:?}; known groups: {}", at(*line), known_en.join(", "))]
    UnknownGroup {
        /// Line number.
        line: usize,
        /// The group as given.
        given: String,
        /// Dutch labels of the groups that may be used.
        known_nl: Vec<String>,
        /// English labels of the groups that may be used.
        known_en: Vec<String>,
    },
    /// Nobody is added to the self group: the subject is invited there automatically.
    #[error("{}the self group is only for the subject, who is invited automatically", at(*line))]
    SelfGroupReserved {
        /// Line number.
        line: usize,
    },
    /// The subject cannot also rate themselves as someone else, which would skew that group.
    #[error("{}{email} is the subject's own address, which belongs in the self group only", at(*line))]
    SubjectInOtherGroup {
        /// Line number.
        line: usize,
        /// The subject's address.
        email: Email,
    },
    /// The same address appears earlier in the list (case is ignored).
    #[error("{}{email} is already on line {first_line}", at(*line))]
    DuplicateInList {
        /// Line number.
        line: usize,
        /// The repeated address.
        email: Email,
        /// Where it first appeared.
        first_line: usize,
    },
    /// The address is already invited to this scan.
    #[error("{}{email} is already invited", at(*line))]
    AlreadyInvited {
        /// Line number.
        line: usize,
        /// The address.
        email: Email,
    },
    /// The name is longer than [`MAX_NAME_CHARS`](super::MAX_NAME_CHARS).
    #[error("{}the name is longer than {max} characters", at(*line))]
    NameTooLong {
        /// Line number.
        line: usize,
        /// The limit.
        max: usize,
    },
}

fn at(line: usize) -> String {
    if line == 0 {
        String::new()
    } else {
        format!("line {line}: ")
    }
}

fn regel(line: usize) -> String {
    if line == 0 {
        String::new()
    } else {
        format!("regel {line}: ")
    }
}

impl InformantError {
    /// The line the problem is on (0 for a single entry or the whole input).
    pub fn line(&self) -> usize {
        use InformantError as E;
        match self {
            E::InputTooLarge { .. } => 0,
            E::TooManyLines { line, .. }
            | E::Unreadable { line }
            | E::MissingEmail { line }
            | E::MalformedAddress { line, .. }
            | E::MissingGroup { line }
            | E::UnknownGroup { line, .. }
            | E::SelfGroupReserved { line }
            | E::SubjectInOtherGroup { line, .. }
            | E::DuplicateInList { line, .. }
            | E::AlreadyInvited { line, .. }
            | E::NameTooLong { line, .. } => *line,
        }
    }

    /// The message in Dutch, for the organiser.
    pub fn message_nl(&self) -> String {
        use InformantError as E;
        match self {
            E::InputTooLarge { bytes, max } => {
                format!("de lijst is {bytes} bytes, meer dan de grens van {max} bytes")
            }
            E::TooManyLines { line, max } => {
                format!("regel {line}: de lijst bevat meer dan {max} informanten")
            }
            E::Unreadable { line } => format!("{}niet leesbaar als CSV", regel(*line)),
            E::MissingEmail { line } => format!("{}geen e-mailadres", regel(*line)),
            E::MalformedAddress { line, address } => {
                format!("{}ongeldig e-mailadres {address:?}", regel(*line))
            }
            E::MissingGroup { line } => format!("{}geen groep opgegeven", regel(*line)),
            E::UnknownGroup {
                line,
                given,
                known_nl,
                ..
            } => format!(
                "{}onbekende groep {given:?}; bekende groepen: {}",
                regel(*line),
                known_nl.join(", ")
            ),
            E::SelfGroupReserved { line } => format!(
                "{}de groep 'zelf' is alleen voor de beoordeelde, die automatisch wordt uitgenodigd",
                regel(*line)
            ),
            E::SubjectInOtherGroup { line, email } => format!(
                "{}{email} is het adres van de beoordeelde zelf en hoort alleen in de groep 'zelf'",
                regel(*line)
            ),
            E::DuplicateInList {
                line,
                email,
                first_line,
            } => format!("{}{email} staat al op regel {first_line}", regel(*line)),
            E::AlreadyInvited { line, email } => {
                format!("{}{email} is al uitgenodigd", regel(*line))
            }
            E::NameTooLong { line, max } => {
                format!("{}de naam is langer dan {max} tekens", regel(*line))
            }
        }
    }
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_error_has_a_line_and_both_languages() {
        let email = Email::parse("gs@gemeente.nl").unwrap();
        let all = [
            InformantError::InputTooLarge { bytes: 9, max: 8 },
            InformantError::TooManyLines { line: 7, max: 1000 },
            InformantError::Unreadable { line: 7 },
            InformantError::MissingEmail { line: 7 },
            InformantError::MalformedAddress {
                line: 7,
                address: "x@".into(),
            },
            InformantError::MissingGroup { line: 7 },
            InformantError::UnknownGroup {
                line: 7,
                given: "x".into(),
                known_nl: vec!["Medewerkers".into()],
                known_en: vec!["Staff".into()],
            },
            InformantError::SelfGroupReserved { line: 7 },
            InformantError::SubjectInOtherGroup {
                line: 7,
                email: email.clone(),
            },
            InformantError::DuplicateInList {
                line: 7,
                email: email.clone(),
                first_line: 2,
            },
            InformantError::AlreadyInvited { line: 7, email },
            InformantError::NameTooLong { line: 7, max: 200 },
        ];
        for e in &all[1..] {
            assert_eq!(e.line(), 7);
            assert!(e.to_string().starts_with("line 7: "), "{e}");
            assert!(
                e.message_nl().starts_with("regel 7: "),
                "{}",
                e.message_nl()
            );
            assert_ne!(e.to_string(), e.message_nl());
        }
        assert_eq!(all[0].line(), 0);
        assert!(all[0].message_nl().contains("bytes"));
    }
}
