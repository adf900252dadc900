//! Why a conversation type file was refused.
//!
//! One [`TypeError`] per file; an invalid file lists every [`TypeProblem`] at once, so an
//! administrator fixes an import in one go. `Display` is English (logs, the API's second
//! language); `message_nl` gives the Dutch text shown first.

use std::fmt;

/// What an id belongs to, for messages about ids and empty texts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ItemKind {
    /// The type itself.
    Type,
    /// A role.
    Role,
    /// A section.
    Section,
    /// A preparation question.
    Question,
}

impl ItemKind {
    fn en(self) -> &'static str {
        match self {
            ItemKind::Type => "conversation type",
            ItemKind::Role => "role",
            ItemKind::Section => "section",
            ItemKind::Question => "preparation question",
        }
    }

    fn nl(self) -> &'static str {
        match self {
            ItemKind::Type => "gesprekstype",
            ItemKind::Role => "rol",
            ItemKind::Section => "onderdeel",
            ItemKind::Question => "voorbereidingsvraag",
        }
    }
}

impl fmt::Display for ItemKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.en())
    }
}

/// Why a conversation type file could not be read or written.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum TypeError {
    /// Larger than [`super::MAX_FILE_BYTES`]; refused before parsing.
    #[error("{file}: file is {size} bytes, more than the limit of {limit} bytes")]
    TooLarge {
        /// File name as given by the caller.
        file: String,
        /// Size in bytes.
        size: usize,
        /// The limit in bytes.
        limit: usize,
    },
    /// Not TOML, or not the shape of a conversation type (unknown or missing field, wrong kind).
    #[error("{file}: not a valid conversation type file: {message}")]
    Syntax {
        /// File name.
        file: String,
        /// The parser's message (English, with line and column).
        message: String,
    },
    /// The file parsed but breaks one or more rules; all are listed.
    #[error("{file}: {} problem(s) found: {}", problems.len(), join(problems, |p| p.to_string()))]
    Invalid {
        /// File name.
        file: String,
        /// Every problem, in file order.
        problems: Vec<TypeProblem>,
    },
    /// Writing the type as TOML failed (should not happen for a validated type).
    #[error("conversation type {id}: could not write TOML: {message}")]
    Export {
        /// Type id.
        id: String,
        /// The serializer's message.
        message: String,
    },
}

fn join(problems: &[TypeProblem], text: impl Fn(&TypeProblem) -> String) -> String {
    problems.iter().map(text).collect::<Vec<_>>().join("; ")
}

impl TypeError {
    /// The message in Dutch.
    pub fn message_nl(&self) -> String {
        match self {
            TypeError::TooLarge { file, size, limit } => {
                format!("{file}: het bestand is {size} bytes, meer dan de grens van {limit} bytes")
            }
            TypeError::Syntax { file, message } => {
                format!("{file}: geen geldig TOML-bestand met een gesprekstype: {message}")
            }
            TypeError::Invalid { file, problems } => format!(
                "{file}: {} fout(en) gevonden: {}",
                problems.len(),
                join(problems, TypeProblem::message_nl)
            ),
            TypeError::Export { id, message } => {
                format!("gesprekstype {id}: kan niet als TOML worden opgeslagen: {message}")
            }
        }
    }

    /// The individual problems, when the file parsed but was invalid.
    pub fn problems(&self) -> &[TypeProblem] {
        match self {
            TypeError::Invalid { problems, .. } => problems,
            _ => &[],
        }
    }

    /// Every message for a list on a page: one per problem, or the one message otherwise.
    pub fn messages(&self, dutch: bool) -> Vec<String> {
        match self {
            TypeError::Invalid { problems, .. } => problems
                .iter()
                .map(|p| if dutch { p.message_nl() } else { p.to_string() })
                .collect(),
            other => vec![if dutch {
                other.message_nl()
            } else {
                other.to_string()
            }],
        }
    }
}

/// One rule a conversation type breaks.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum TypeProblem {
    /// Ids are lowercase ASCII slugs, safe in URLs and databases.
    #[error("{kind} id {id:?} is not a slug (a-z, 0-9 and '-' between them)")]
    InvalidId {
        /// What the id belongs to.
        kind: ItemKind,
        /// The id.
        id: String,
    },
    /// Two items of one kind share an id, so references would be ambiguous.
    #[error("{kind} id {id:?} is used more than once")]
    DuplicateId {
        /// What the id belongs to.
        kind: ItemKind,
        /// The repeated id.
        id: String,
    },
    /// A text that screens show is empty.
    #[error("{kind} {id:?}: {field} is empty")]
    EmptyText {
        /// What the text belongs to.
        kind: ItemKind,
        /// Its id.
        id: String,
        /// The field's name in the file ("name", "prompts", …).
        field: &'static str,
    },
    /// Version 0 is not a version.
    #[error("version must be 1 or higher")]
    VersionZero,
    /// A type without roles has nobody to hold the conversation.
    #[error("the type has no roles")]
    NoRoles,
    /// A type without sections has no form.
    #[error("the type has no sections")]
    NoSections,
    /// `reader` is the record's own role for people given read access.
    #[error("role id {0:?} is reserved for readers of an approved record")]
    ReservedRole(String),
    /// `subject_role` names no role.
    #[error("subject_role {0:?} is not one of the roles")]
    UnknownSubjectRole(String),
    /// Exactly one person is discussed, and there must be one.
    #[error("the subject's role {0:?} must be required and not repeatable")]
    SubjectRoleShape(String),
    /// Someone must plan the conversation.
    #[error("planner_roles is empty")]
    NoPlannerRoles,
    /// A planner role names no role.
    #[error("planner role {0:?} is not one of the roles")]
    UnknownPlannerRole(String),
    /// The person discussed does not plan their own conversation (seed 001 D).
    #[error("the subject's role {0:?} cannot be a planner role")]
    SubjectPlans(String),
    /// Sections are numbered 1, 2, 3 … in file order.
    #[error("section {id:?} has number {found}, expected {expected} (1, 2, 3 … in order)")]
    SectionNumber {
        /// Section id.
        id: String,
        /// The number it should have.
        expected: u32,
        /// The number it has.
        found: u32,
    },
    /// Only one section of a kind other than text.
    #[error("{count} sections have kind {kind}; at most one may")]
    TooManyOfKind {
        /// The kind's file name ("agreements", "sign_off", "look_back").
        kind: &'static str,
        /// How many there are.
        count: usize,
    },
    /// A sign-off block holds signatures, not text.
    #[error("sign-off section {0:?} cannot have prompts or a notes_label")]
    SignOffWithText(String),
    /// `subject_may_change` refers to a preparation question that does not exist.
    #[error("subject_may_change refers to preparation question {0:?}, which does not exist")]
    UnknownSetting(String),
    /// `subject_may_change` refers to a question that is not answered yes or no.
    #[error("subject_may_change refers to preparation question {0:?}, which is not yes_no")]
    SettingNotYesNo(String),
    /// Retention outside 1..=120 months.
    #[error("retention_months is {0}; it must be 1 to 120")]
    Retention(u32),
    /// A minimum duration outside what a plan may have (15..=600 minutes).
    #[error("min_duration_minutes is {0}; it must be 15 to 600")]
    MinDuration(u32),
    /// Ratings in a record are not supported.
    #[error("is_assessment = true is not supported: a conversation record has no ratings")]
    Assessment,
}

impl TypeProblem {
    /// The problem in Dutch.
    pub fn message_nl(&self) -> String {
        match self {
            TypeProblem::InvalidId { kind, id } => format!(
                "{} {id:?}: de id is geen slug (a-z, 0-9 en '-' ertussen)",
                kind.nl()
            ),
            TypeProblem::DuplicateId { kind, id } => {
                format!("{} {id:?} komt meer dan eens voor", kind.nl())
            }
            TypeProblem::EmptyText { kind, id, field } => {
                format!("{} {id:?}: {field} is leeg", kind.nl())
            }
            TypeProblem::VersionZero => "het versienummer moet 1 of hoger zijn".into(),
            TypeProblem::NoRoles => "het gesprekstype heeft geen rollen".into(),
            TypeProblem::NoSections => "het gesprekstype heeft geen onderdelen".into(),
            TypeProblem::ReservedRole(id) => format!(
                "rol {id:?} is gereserveerd voor lezers van een vastgesteld verslag"
            ),
            TypeProblem::UnknownSubjectRole(id) => {
                format!("subject_role {id:?} is geen van de rollen")
            }
            TypeProblem::SubjectRoleShape(id) => format!(
                "de rol van wie besproken wordt ({id:?}) moet verplicht zijn en niet herhaalbaar"
            ),
            TypeProblem::NoPlannerRoles => "planner_roles is leeg".into(),
            TypeProblem::UnknownPlannerRole(id) => {
                format!("planner-rol {id:?} is geen van de rollen")
            }
            TypeProblem::SubjectPlans(id) => format!(
                "de rol van wie besproken wordt ({id:?}) kan geen planner-rol zijn"
            ),
            TypeProblem::SectionNumber {
                id,
                expected,
                found,
            } => format!(
                "onderdeel {id:?} heeft nummer {found}, verwacht {expected} (1, 2, 3 … op volgorde)"
            ),
            TypeProblem::TooManyOfKind { kind, count } => {
                format!("{count} onderdelen hebben soort {kind}; hooguit één mag dat")
            }
            TypeProblem::SignOffWithText(id) => format!(
                "ondertekeningsonderdeel {id:?} kan geen vragen (prompts) of notes_label hebben"
            ),
            TypeProblem::UnknownSetting(id) => format!(
                "subject_may_change verwijst naar voorbereidingsvraag {id:?}, die niet bestaat"
            ),
            TypeProblem::SettingNotYesNo(id) => format!(
                "subject_may_change verwijst naar voorbereidingsvraag {id:?}, die geen ja/nee-vraag (yes_no) is"
            ),
            TypeProblem::Retention(months) => format!(
                "retention_months is {months}; dat moet 1 tot en met 120 maanden zijn"
            ),
            TypeProblem::MinDuration(minutes) => format!(
                "min_duration_minutes is {minutes}; dat moet 15 tot en met 600 minuten zijn"
            ),
            TypeProblem::Assessment => {
                "is_assessment = true wordt niet ondersteund: een gespreksverslag bevat geen beoordelingen"
                    .into()
            }
        }
    }
}
