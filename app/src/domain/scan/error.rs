//! Every problem a scan can have, in English (`Display`, for logs) and in Dutch (for the
//! organiser).

use serde::{Deserialize, Serialize};

use super::ScanStatus;

/// A free-text field of the scan form with a length limit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum TextField {
    /// The subject's name.
    SubjectName,
    /// The subject's job title.
    JobTitle,
    /// The introduction text for the informants.
    Introduction,
    /// The introduction text for the subject.
    IntroductionSelf,
}

impl TextField {
    fn en(self) -> &'static str {
        match self {
            TextField::SubjectName => "the subject's name",
            TextField::JobTitle => "the job title",
            TextField::Introduction => "the introduction",
            TextField::IntroductionSelf => "the introduction for the subject",
        }
    }

    fn nl(self) -> &'static str {
        match self {
            TextField::SubjectName => "de naam van de beoordeelde",
            TextField::JobTitle => "de functienaam",
            TextField::Introduction => "de introductietekst",
            TextField::IntroductionSelf => "de introductietekst voor de beoordeelde",
        }
    }
}

/// One problem with a scan. `Display` is English (logs); [`ScanError::message_nl`] is the
/// Dutch text shown to the organiser.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ScanError {
    /// Without a name the invitations cannot say whom they are about.
    #[error("the subject's name is missing")]
    SubjectNameMissing,
    /// The subject's email address is not a valid address.
    #[error("the subject's email address {input:?} is malformed")]
    InvalidSubjectEmail {
        /// What was typed.
        input: String,
    },
    /// A text is longer than its limit.
    #[error("{} is {found} characters long, at most {max} allowed", field.en())]
    TooLong {
        /// Which field.
        field: TextField,
        /// The limit in characters.
        max: usize,
        /// The length found.
        found: usize,
    },
    /// The draft names another framework (or version) than the one it is checked against,
    /// e.g. because the framework was updated while the organiser was filling in the form.
    #[error(
        "the scan asks framework {requested:?} version {requested_version}, but the available one is {found:?} version {found_version}"
    )]
    FrameworkMismatch {
        /// Framework id in the draft.
        requested: String,
        /// Version in the draft.
        requested_version: u32,
        /// Id of the framework checked against.
        found: String,
        /// Its version.
        found_version: u32,
    },
    /// k below the floor would let a single answer be read off the report.
    #[error("the anonymity minimum must be at least {min}, not {k}")]
    KTooSmall {
        /// The value given.
        k: usize,
        /// The floor, [`MIN_K`](super::MIN_K).
        min: usize,
    },
    /// Nobody could answer before a deadline that has passed.
    #[error("the deadline ({deadline}) is not in the future (now: {now})")]
    DeadlineNotInFuture {
        /// The deadline given, unix seconds.
        deadline: i64,
        /// The time of the check, unix seconds.
        now: i64,
    },
    /// A scan without competencies has nothing to ask.
    #[error("no competencies chosen")]
    NoCompetencies,
    /// A chosen competency is not in the framework.
    #[error("competency {id:?} is not part of framework {framework:?}")]
    UnknownCompetency {
        /// The unknown id.
        id: String,
        /// The framework id.
        framework: String,
    },
    /// A competency is chosen twice.
    #[error("competency {id:?} is chosen more than once")]
    DuplicateCompetency {
        /// The repeated id.
        id: String,
    },
    /// A levelled framework asks the behaviours of one level, so a level must be chosen.
    #[error("framework {framework:?} needs a level; choose one of {}", known.join(", "))]
    LevelRequired {
        /// The framework id.
        framework: String,
        /// The framework's level ids.
        known: Vec<String>,
    },
    /// The chosen level is not one of the framework's.
    #[error("level {id:?} does not exist; choose one of {}", known.join(", "))]
    UnknownLevel {
        /// The unknown id.
        id: String,
        /// The framework's level ids.
        known: Vec<String>,
    },
    /// A level (or next level) was chosen for a framework without levels.
    #[error("framework {framework:?} has no levels, so no level can be chosen")]
    LevelNotApplicable {
        /// The framework id.
        framework: String,
    },
    /// The next level was asked but the chosen level is the highest (or none was chosen).
    #[error("there is no level above {level:?}")]
    NoNextLevel {
        /// The chosen level id.
        level: String,
    },
    /// The profile is not one of the framework's.
    #[error("profile {id:?} does not exist in framework {framework:?}")]
    UnknownProfile {
        /// The unknown id.
        id: String,
        /// The framework id.
        framework: String,
    },
    /// A competency the profile prescribes is missing: core and specific competencies are
    /// what the job asks (seed 004 art. 3), so they cannot be left out.
    #[error("profile {profile:?} requires competency {competency:?}")]
    ProfileCompetencyMissing {
        /// Profile id.
        profile: String,
        /// The missing competency id.
        competency: String,
    },
    /// A fixed (management) profile is complete; nothing may be added.
    #[error("profile {profile:?} is fixed; remove {}", extras.join(", "))]
    FixedProfileExtras {
        /// Profile id.
        profile: String,
        /// The added competency ids.
        extras: Vec<String>,
    },
    /// More own choices than the profile allows.
    #[error("profile {profile:?} allows at most {allowed} own choice(s), found {found}: {}", extras.join(", "))]
    TooManyOwnChoices {
        /// Profile id.
        profile: String,
        /// The profile's own-choice allowance.
        allowed: usize,
        /// How many were chosen.
        found: usize,
        /// The own choices, in the organiser's order.
        extras: Vec<String>,
    },
    /// Every scan needs the self group, in which the subject is invited automatically.
    #[error("there is no self group")]
    NoSelfGroup,
    /// The subject can be in one self group only.
    #[error("more than one self group: {}", ids.join(", "))]
    MultipleSelfGroups {
        /// Ids of the groups marked as self.
        ids: Vec<String>,
    },
    /// Two groups share an id, so answers could not be told apart.
    #[error("rater group id {id:?} is used more than once")]
    DuplicateGroup {
        /// The repeated id.
        id: String,
    },
    /// A group id must be a slug so it is safe in URLs and storage.
    #[error("rater group id {id:?} is not a slug (a-z, 0-9 and '-' between them)")]
    InvalidGroupId {
        /// The offending id.
        id: String,
    },
    /// A group without a label would show as nothing on screen.
    #[error("rater group {id:?} has an empty label")]
    EmptyGroupLabel {
        /// The group id.
        id: String,
    },
    /// A report reader's address is malformed.
    #[error("report reader address {input:?} is malformed")]
    InvalidReaderEmail {
        /// What was typed.
        input: String,
    },
    /// The automatic reminder must fall between one day and
    /// [`MAX_REMINDER_DAYS`](super::MAX_REMINDER_DAYS) before the
    /// deadline.
    #[error("the reminder is set {days} days before the deadline; allowed are 1 to {max}")]
    ReminderDaysOutOfRange {
        /// What was chosen.
        days: u32,
        /// The limit.
        max: u32,
    },
    /// The organiser is the subject: seeing who answered would undo the anonymity of the
    /// informants towards the very person they judge.
    #[error("the organiser is the subject and may not see who responded")]
    PersonStatusForSubject,
    /// A status change that the life cycle does not allow.
    #[error("a {from} scan cannot become {to}")]
    InvalidTransition {
        /// Current status.
        from: ScanStatus,
        /// Requested status.
        to: ScanStatus,
    },
    /// An edit that the scan's status does not allow (see [`check_edit`](super::check_edit)).
    #[error("{} cannot be changed while the scan is {status}", what.en())]
    Locked {
        /// The status of the scan.
        status: ScanStatus,
        /// What the edit tried to change.
        what: LockedField,
    },
}

/// What an edit of an open or closed scan may not change.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum LockedField {
    /// Framework, profile, level, next level or competencies: the questions.
    Questions,
    /// Removing or changing a rater group that invitations may already use.
    Groups,
    /// Lowering k, which would break the anonymity promised to those who answered.
    KLowered,
    /// The subject.
    Subject,
    /// Anything else after closing (only the report readers may change then).
    Closed,
    /// Turning on per-person response status once informants were invited without it.
    PersonStatus,
}

impl LockedField {
    fn en(self) -> &'static str {
        match self {
            LockedField::Questions => "the questions",
            LockedField::Groups => "an existing rater group",
            LockedField::KLowered => "the anonymity minimum (lowering it)",
            LockedField::Subject => "the subject",
            LockedField::Closed => "this setting",
            LockedField::PersonStatus => "showing who responded (turning it on)",
        }
    }

    fn nl(self) -> &'static str {
        match self {
            LockedField::Questions => "de vragen",
            LockedField::Groups => "een bestaande beoordelaarsgroep",
            LockedField::KLowered => "de anonimiteitsgrens (verlagen)",
            LockedField::Subject => "de beoordeelde",
            LockedField::Closed => "deze instelling",
            LockedField::PersonStatus => "tonen wie heeft gereageerd (aanzetten)",
        }
    }
}

impl ScanError {
    /// The message in Dutch, for the organiser.
    pub fn message_nl(&self) -> String {
        use ScanError as E;
        match self {
            E::SubjectNameMissing => "de naam van de beoordeelde ontbreekt".into(),
            E::InvalidSubjectEmail { input } => {
                format!("het e-mailadres van de beoordeelde ({input:?}) is ongeldig")
            }
            E::TooLong { field, max, found } => format!(
                "{} is {found} tekens lang, maximaal {max} toegestaan",
                field.nl()
            ),
            E::FrameworkMismatch {
                requested,
                requested_version,
                found,
                found_version,
            } => format!(
                "de scan vraagt kader {requested:?} versie {requested_version}, maar beschikbaar is {found:?} versie {found_version}"
            ),
            E::KTooSmall { k, min } => {
                format!("de anonimiteitsgrens moet minstens {min} zijn, niet {k}")
            }
            E::DeadlineNotInFuture { .. } => "de deadline moet in de toekomst liggen".into(),
            E::NoCompetencies => "er zijn geen competenties gekozen".into(),
            E::UnknownCompetency { id, framework } => {
                format!("competentie {id:?} hoort niet bij kader {framework:?}")
            }
            E::DuplicateCompetency { id } => {
                format!("competentie {id:?} is meer dan één keer gekozen")
            }
            E::LevelRequired { framework, known } => format!(
                "kader {framework:?} vraagt een niveau; kies uit {}",
                known.join(", ")
            ),
            E::UnknownLevel { id, known } => {
                format!("niveau {id:?} bestaat niet; kies uit {}", known.join(", "))
            }
            E::LevelNotApplicable { framework } => {
                format!(
                    "kader {framework:?} kent geen niveaus, dus er kan geen niveau gekozen worden"
                )
            }
            E::NoNextLevel { level } => format!("er is geen niveau boven {level:?}"),
            E::UnknownProfile { id, framework } => {
                format!("profiel {id:?} bestaat niet in kader {framework:?}")
            }
            E::ProfileCompetencyMissing {
                profile,
                competency,
            } => format!(
                "het functieprofiel {profile:?} vraagt altijd de competentie {competency:?}: vink die weer aan"
            ),
            E::FixedProfileExtras { profile, extras } => format!(
                "het functieprofiel {profile:?} ligt vast; verwijder {}",
                extras.join(", ")
            ),
            E::TooManyOwnChoices {
                profile,
                allowed,
                found,
                extras,
            } => format!(
                "het functieprofiel {profile:?} staat maximaal {allowed} {} toe, gekozen zijn er {found}: {}",
                if *allowed == 1 {
                    "eigen keuze"
                } else {
                    "eigen keuzes"
                },
                extras.join(", ")
            ),
            E::NoSelfGroup => "er is geen groep 'zelf'".into(),
            E::MultipleSelfGroups { ids } => {
                format!("meer dan één groep 'zelf': {}", ids.join(", "))
            }
            E::DuplicateGroup { id } => {
                format!("de id {id:?} van een beoordelaarsgroep komt meer dan één keer voor")
            }
            E::InvalidGroupId { id } => format!(
                "de id {id:?} van een beoordelaarsgroep is ongeldig (alleen a-z, 0-9 en '-' ertussen)"
            ),
            E::EmptyGroupLabel { id } => {
                format!("beoordelaarsgroep {id:?} heeft een lege naam")
            }
            E::InvalidReaderEmail { input } => {
                format!("het e-mailadres van lezer {input:?} is ongeldig")
            }
            E::ReminderDaysOutOfRange { days, max } => format!(
                "de herinnering staat op {days} dagen voor de deadline; kies 1 tot en met {max}"
            ),
            E::PersonStatusForSubject => "u bent zelf de beoordeelde: u ziet alleen aantallen per \
                groep, niet wie heeft gereageerd"
                .into(),
            E::InvalidTransition { from, to } => format!(
                "een scan met status {} kan niet {} worden",
                from.nl(),
                to.nl()
            ),
            E::Locked { status, what } => format!(
                "{} kan niet meer worden gewijzigd nu de scan {} is",
                what.nl(),
                status.nl()
            ),
        }
    }
}
#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::scan::RaterGroup;
    use crate::domain::scan::test_fixtures::{draft, errors_of, maastricht, strings};

    #[test]
    fn every_error_has_dutch_and_english_text() {
        let fw = maastricht();
        let mut d = draft();
        d.subject_name.clear();
        d.subject_email = "x".into();
        d.subject_job_title = "t".repeat(300);
        d.framework_version = 99;
        d.k = 0;
        d.deadline = 0;
        d.include_next_level = true;
        d.level_id = Some("nope".into());
        d.competency_ids = strings(&["x", "x", "motiveren"]);
        d.groups = vec![RaterGroup {
            id: "A".into(),
            label_nl: String::new(),
            label_en: String::new(),
            identifiable: false,
            is_self: false,
        }];
        d.report_readers = vec!["y".into()];
        let mut errors = errors_of(&d, &fw);
        errors.extend([
            ScanError::NoCompetencies,
            ScanError::LevelRequired {
                framework: "f".into(),
                known: strings(&["a"]),
            },
            ScanError::LevelNotApplicable {
                framework: "f".into(),
            },
            ScanError::NoNextLevel { level: "a".into() },
            ScanError::UnknownProfile {
                id: "p".into(),
                framework: "f".into(),
            },
            ScanError::FixedProfileExtras {
                profile: "p".into(),
                extras: strings(&["c"]),
            },
            ScanError::TooManyOwnChoices {
                profile: "p".into(),
                allowed: 1,
                found: 2,
                extras: strings(&["c", "d"]),
            },
            ScanError::MultipleSelfGroups {
                ids: strings(&["a", "b"]),
            },
            ScanError::DuplicateGroup { id: "a".into() },
            ScanError::InvalidTransition {
                from: ScanStatus::Closed,
                to: ScanStatus::Open,
            },
            ScanError::Locked {
                status: ScanStatus::Open,
                what: LockedField::Questions,
            },
        ]);
        assert!(errors.len() >= 25, "{}", errors.len());
        for e in &errors {
            let en = e.to_string();
            let nl = e.message_nl();
            assert!(!en.is_empty() && !nl.is_empty());
            assert_ne!(en, nl, "{e:?}");
        }
        assert_eq!(
            ScanError::InvalidTransition {
                from: ScanStatus::Closed,
                to: ScanStatus::Open
            }
            .message_nl(),
            "een scan met status gesloten kan niet open worden"
        );
    }
}
