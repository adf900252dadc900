//! A scan (ontwikkelscan): one round of feedback about one subject. This module checks what an
//! organiser typed into the "new scan" form ([`ScanDraft`]) against the chosen framework and
//! the product rules, and returns either a [`ValidScan`] or *every* problem at once, so the form
//! can mark all fields in one round trip instead of one error per submit.
//!
//! Pure code: the caller passes the framework and the current time, nothing is read or stored.

use std::collections::HashSet;
use std::fmt;

use serde::{Deserialize, Serialize};

use super::account::Email;
use super::catalog::{Framework, Level, is_slug};
use super::informants::parse_address;

/// The id of the rater group in which the subject rates themselves.
pub const SELF_GROUP_ID: &str = "self";
/// The product rule: a group's results need at least this many answers, never fewer, or a
/// single answer could be read off the report. Matches the floor of the scoring module.
pub const MIN_K: usize = 2;
/// The default anonymity minimum k (product brief).
pub const DEFAULT_K: usize = 3;
/// Longest introduction text, in characters: long enough for a personal letter, short enough
/// to fit in an invitation email that people still read.
pub const MAX_INTRODUCTION_CHARS: usize = 4000;
/// Longest subject name or job title, in characters; they appear in email subjects.
pub const MAX_SHORT_TEXT_CHARS: usize = 200;
/// The earliest automatic reminder, in days before the deadline: scans rarely run longer.
pub const MAX_REMINDER_DAYS: u32 = 30;

/// A group of informants whose answers are reported together (e.g. "colleagues").
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RaterGroup {
    /// Stable ASCII slug; invitations and responses refer to it.
    pub id: String,
    /// Dutch label, shown first.
    pub label_nl: String,
    /// English label.
    pub label_en: String,
    /// Shown regardless of k. Its members are told before they answer, so a small group that
    /// cannot reach k (a board of two, a single manager) is not silently dropped from the report.
    #[serde(default)]
    pub identifiable: bool,
    /// The group in which the subject rates themselves; exactly one per scan. A flag rather
    /// than a fixed id so organisations can name their groups freely.
    #[serde(default)]
    pub is_self: bool,
}

impl RaterGroup {
    fn new(id: &str, label_nl: &str, label_en: &str, identifiable: bool) -> Self {
        Self {
            id: id.to_owned(),
            label_nl: label_nl.to_owned(),
            label_en: label_en.to_owned(),
            identifiable,
            is_self: id == SELF_GROUP_ID,
        }
    }

    /// The label in the given language.
    pub fn label(&self, language: Language) -> &str {
        match language {
            Language::Nl => &self.label_nl,
            Language::En => &self.label_en,
        }
    }
}

fn self_group() -> RaterGroup {
    // Self is shown as self, whatever k is: it is one known person.
    RaterGroup::new(SELF_GROUP_ID, "Zelf", "Self", true)
}

fn board_group() -> RaterGroup {
    RaterGroup::new(
        "board",
        "College (burgemeester en wethouders)",
        "Board (mayor and aldermen)",
        false,
    )
}

fn manager_group() -> RaterGroup {
    // Usually one person, who could never reach k; identifiable by default so the manager's
    // view is not lost, and the manager is told so before answering.
    RaterGroup::new("manager", "Leidinggevende", "Manager", true)
}

fn colleagues_group(label_nl: &str, label_en: &str) -> RaterGroup {
    RaterGroup::new("colleagues", label_nl, label_en, false)
}

fn staff_group() -> RaterGroup {
    RaterGroup::new("staff", "Medewerkers", "Staff", false)
}

fn others_group() -> RaterGroup {
    RaterGroup::new("others", "Informanten (extern)", "Others (external)", false)
}

/// The rater groups a new scan starts with, suited to the framework; the organiser may change
/// them. Unknown (organisation's own) frameworks get all six standard groups.
pub fn default_groups(framework_id: &str) -> Vec<RaterGroup> {
    match framework_id {
        // Seed 000: the secretary asks the board, the management team, staff and partners.
        "gemeentesecretaris" => vec![
            self_group(),
            board_group(),
            colleagues_group("Collega's (MT)", "Colleagues (management team)"),
            staff_group(),
            others_group(),
        ],
        // Seed 004: an employee's manager, colleagues, staff (for managers) and others.
        "maastricht-2014" => vec![
            self_group(),
            manager_group(),
            colleagues_group("Collega's", "Colleagues"),
            staff_group(),
            others_group(),
        ],
        // Seed 003: a council member is discussed by the group chair or party board and the
        // fellow group members; there is no manager or staff.
        "raadslid" => vec![
            self_group(),
            RaterGroup::new(
                "board",
                "Fractievoorzitter / partijbestuur",
                "Group chair / party board",
                false,
            ),
            colleagues_group("Fractie", "Council group"),
            others_group(),
        ],
        _ => vec![
            self_group(),
            board_group(),
            manager_group(),
            colleagues_group("Collega's (MT)", "Colleagues (management team)"),
            staff_group(),
            others_group(),
        ],
    }
}

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

/// Where a scan is in its life: draft → open → closed, and closed → open again when the organiser
/// reopens it with a new deadline (the report is unreadable again until it closes).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ScanStatus {
    /// Being prepared; everything can still be edited and nobody is invited yet.
    Draft,
    /// Invitations are out; the questions are fixed.
    Open,
    /// No more answers; the report is final.
    Closed,
}

impl ScanStatus {
    /// The stored form.
    pub fn as_str(self) -> &'static str {
        match self {
            ScanStatus::Draft => "draft",
            ScanStatus::Open => "open",
            ScanStatus::Closed => "closed",
        }
    }

    /// The inverse of [`ScanStatus::as_str`].
    pub fn parse(value: &str) -> Option<Self> {
        match value {
            "draft" => Some(ScanStatus::Draft),
            "open" => Some(ScanStatus::Open),
            "closed" => Some(ScanStatus::Closed),
            _ => None,
        }
    }

    /// Whether the scan may move from `self` to `next`: draft → open → closed, closed → open.
    /// A draft never comes back: once invitations exist, the questions stay fixed.
    pub fn can_become(self, next: ScanStatus) -> bool {
        matches!(
            (self, next),
            (ScanStatus::Draft, ScanStatus::Open)
                | (ScanStatus::Open, ScanStatus::Closed)
                | (ScanStatus::Closed, ScanStatus::Open)
        )
    }

    /// Moves to `next`, or says why that is not allowed.
    pub fn transition(self, next: ScanStatus) -> Result<ScanStatus, ScanError> {
        if self.can_become(next) {
            Ok(next)
        } else {
            Err(ScanError::InvalidTransition {
                from: self,
                to: next,
            })
        }
    }

    /// True while everything about the scan may change.
    pub fn is_editable(self) -> bool {
        self == ScanStatus::Draft
    }

    /// True once invitations may have been answered: the questions must stay as they were
    /// asked, or answers would be compared across different questionnaires.
    pub fn questions_fixed(self) -> bool {
        self != ScanStatus::Draft
    }

    fn nl(self) -> &'static str {
        match self {
            ScanStatus::Draft => "concept",
            ScanStatus::Open => "open",
            ScanStatus::Closed => "gesloten",
        }
    }
}

impl fmt::Display for ScanStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The organiser's input for a new or edited scan, as it comes from the form: unchecked.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScanDraft {
    /// Name of the person the scan is about.
    pub subject_name: String,
    /// Their email address; they are invited in the self group.
    pub subject_email: String,
    /// Their job title, shown in the invitation (may be empty).
    #[serde(default)]
    pub subject_job_title: String,
    /// The framework the questions come from.
    pub framework_id: String,
    /// The framework version the organiser saw, so a framework updated meanwhile is noticed.
    pub framework_version: u32,
    /// The job-group profile that pre-selected the competencies, if any.
    #[serde(default)]
    pub profile_id: Option<String>,
    /// The level (band) the job asks; required exactly for levelled frameworks.
    #[serde(default)]
    pub level_id: Option<String>,
    /// Also ask the behaviours of the next level up, for a career conversation.
    #[serde(default)]
    pub include_next_level: bool,
    /// The chosen competencies (ids).
    pub competency_ids: Vec<String>,
    /// The rater groups, in display order.
    pub groups: Vec<RaterGroup>,
    /// The anonymity minimum: a group is shown only with at least this many answers.
    pub k: usize,
    /// Deadline for answers, unix seconds.
    pub deadline: i64,
    /// Language of the invitations.
    #[serde(default)]
    pub language: Language,
    /// The organiser's introduction, put into the invitations.
    #[serde(default)]
    pub introduction: String,
    /// Who may read the report (email addresses of accounts).
    #[serde(default)]
    pub report_readers: Vec<String>,
    /// Send an automatic reminder this many days before the deadline (none when `None`).
    #[serde(default)]
    pub reminder_days: Option<u32>,
    /// Let the organiser see per informant whether they submitted the scan (never what). Off by
    /// default; never allowed when the organiser is the subject (see [`check_person_status`]).
    #[serde(default)]
    pub person_status: bool,
}

/// A scan whose input passed [`validate_scan`]: normalised and consistent with its framework.
///
/// Only [`validate_scan`] should build one from user input; the fields are public so storage
/// can persist and load it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ValidScan {
    /// Trimmed subject name.
    pub subject_name: String,
    /// Normalised subject email.
    pub subject_email: Email,
    /// Trimmed job title (may be empty).
    pub subject_job_title: String,
    /// Framework id.
    pub framework_id: String,
    /// Framework version the questions come from.
    pub framework_version: u32,
    /// The profile used, if any.
    pub profile_id: Option<String>,
    /// The level asked (levelled frameworks only).
    pub level_id: Option<String>,
    /// The next level up, when asked as well.
    pub next_level_id: Option<String>,
    /// Chosen competencies, without repeats, in the framework's display order so the
    /// questionnaire and the report follow the framework's clusters.
    pub competency_ids: Vec<String>,
    /// Rater groups, in the organiser's order, with labels trimmed.
    pub groups: Vec<RaterGroup>,
    /// Anonymity minimum, at least [`MIN_K`].
    pub k: usize,
    /// Deadline, unix seconds, in the future when validated.
    pub deadline: i64,
    /// Language of the invitations.
    pub language: Language,
    /// Trimmed introduction text.
    pub introduction: String,
    /// Report readers, normalised, without repeats, in the organiser's order.
    pub report_readers: Vec<Email>,
    /// Days before the deadline for the automatic reminder, within [`MAX_REMINDER_DAYS`].
    #[serde(default)]
    pub reminder_days: Option<u32>,
    /// Whether the organiser may see per informant who submitted.
    #[serde(default)]
    pub person_status: bool,
}

impl ValidScan {
    /// The levels whose behaviours are asked: the job's level, then the next one if asked.
    pub fn levels(&self) -> Vec<&str> {
        self.level_id
            .iter()
            .chain(self.next_level_id.iter())
            .map(String::as_str)
            .collect()
    }

    /// The group the subject rates themselves in.
    pub fn self_group(&self) -> Option<&RaterGroup> {
        self.groups.iter().find(|g| g.is_self)
    }

    /// Looks a group up by id.
    pub fn group(&self, id: &str) -> Option<&RaterGroup> {
        self.groups.iter().find(|g| g.id == id)
    }
}

/// A free-text field of the scan form with a length limit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum TextField {
    /// The subject's name.
    SubjectName,
    /// The subject's job title.
    JobTitle,
    /// The introduction text.
    Introduction,
}

impl TextField {
    fn en(self) -> &'static str {
        match self {
            TextField::SubjectName => "the subject's name",
            TextField::JobTitle => "the job title",
            TextField::Introduction => "the introduction",
        }
    }

    fn nl(self) -> &'static str {
        match self {
            TextField::SubjectName => "de naam van de beoordeelde",
            TextField::JobTitle => "de functienaam",
            TextField::Introduction => "de introductietekst",
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
        /// The floor, [`MIN_K`].
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
    /// The automatic reminder must fall between one day and [`MAX_REMINDER_DAYS`] before the
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
    /// An edit that the scan's status does not allow (see [`check_edit`]).
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
            } => format!("profiel {profile:?} vereist competentie {competency:?}"),
            E::FixedProfileExtras { profile, extras } => format!(
                "profiel {profile:?} ligt vast; verwijder {}",
                extras.join(", ")
            ),
            E::TooManyOwnChoices {
                profile,
                allowed,
                found,
                extras,
            } => format!(
                "profiel {profile:?} staat maximaal {allowed} eigen keuze(s) toe, gekozen zijn er {found}: {}",
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

/// The next level up from `level_id`, or `None` at the top or for an unknown level.
pub fn next_level<'a>(framework: &'a Framework, level_id: &str) -> Option<&'a Level> {
    let index = framework.levels.iter().position(|l| l.id == level_id)?;
    framework.levels.get(index + 1)
}

/// The competencies a job-group profile prescribes (core first, then specific), for the form
/// to tick in advance. Empty for an unknown profile.
pub fn preselect_from_profile(framework: &Framework, profile_id: &str) -> Vec<String> {
    framework
        .profile(profile_id)
        .map(|p| p.competency_ids().map(str::to_owned).collect())
        .unwrap_or_default()
}

/// Checks a draft against its framework at time `now` (unix seconds) and returns the
/// normalised scan, or every problem found, in form order.
pub fn validate_scan(
    draft: &ScanDraft,
    framework: &Framework,
    now: i64,
) -> Result<ValidScan, Vec<ScanError>> {
    let mut errors = Vec::new();

    // Subject.
    let subject_name = draft.subject_name.trim();
    if subject_name.is_empty() {
        errors.push(ScanError::SubjectNameMissing);
    }
    check_length(
        &mut errors,
        TextField::SubjectName,
        subject_name,
        MAX_SHORT_TEXT_CHARS,
    );
    let subject_email = parse_address(&draft.subject_email);
    if subject_email.is_none() {
        errors.push(ScanError::InvalidSubjectEmail {
            input: draft.subject_email.clone(),
        });
    }
    let job_title = draft.subject_job_title.trim();
    check_length(
        &mut errors,
        TextField::JobTitle,
        job_title,
        MAX_SHORT_TEXT_CHARS,
    );

    // Framework and questions.
    if draft.framework_id != framework.id || draft.framework_version != framework.version {
        errors.push(ScanError::FrameworkMismatch {
            requested: draft.framework_id.clone(),
            requested_version: draft.framework_version,
            found: framework.id.clone(),
            found_version: framework.version,
        });
    }
    let (level_id, next_level_id) = check_levels(&mut errors, draft, framework);
    let competency_ids = check_competencies(&mut errors, draft, framework);

    // Groups and settings.
    let groups = check_groups(&mut errors, &draft.groups);
    if draft.k < MIN_K {
        errors.push(ScanError::KTooSmall {
            k: draft.k,
            min: MIN_K,
        });
    }
    if draft.deadline <= now {
        errors.push(ScanError::DeadlineNotInFuture {
            deadline: draft.deadline,
            now,
        });
    }
    let introduction = draft.introduction.trim();
    check_length(
        &mut errors,
        TextField::Introduction,
        introduction,
        MAX_INTRODUCTION_CHARS,
    );

    if let Some(days) = draft.reminder_days
        && !(1..=MAX_REMINDER_DAYS).contains(&days)
    {
        errors.push(ScanError::ReminderDaysOutOfRange {
            days,
            max: MAX_REMINDER_DAYS,
        });
    }

    let mut report_readers: Vec<Email> = Vec::new();
    for input in draft.report_readers.iter().filter(|r| !r.trim().is_empty()) {
        match parse_address(input) {
            // A reader listed twice is harmless: keep one.
            Some(email) if report_readers.contains(&email) => {}
            Some(email) => report_readers.push(email),
            None => errors.push(ScanError::InvalidReaderEmail {
                input: input.clone(),
            }),
        }
    }

    match subject_email {
        Some(subject_email) if errors.is_empty() => Ok(ValidScan {
            subject_name: subject_name.to_owned(),
            subject_email,
            subject_job_title: job_title.to_owned(),
            framework_id: framework.id.clone(),
            framework_version: framework.version,
            profile_id: draft.profile_id.clone(),
            level_id,
            next_level_id,
            competency_ids,
            groups,
            k: draft.k,
            deadline: draft.deadline,
            language: draft.language,
            introduction: introduction.to_owned(),
            report_readers,
            reminder_days: draft.reminder_days,
            person_status: draft.person_status,
        }),
        _ => Err(errors),
    }
}

fn check_length(errors: &mut Vec<ScanError>, field: TextField, text: &str, max: usize) {
    let found = text.chars().count();
    if found > max {
        errors.push(ScanError::TooLong { field, max, found });
    }
}

/// Returns the level and next level ids when they are valid.
fn check_levels(
    errors: &mut Vec<ScanError>,
    draft: &ScanDraft,
    framework: &Framework,
) -> (Option<String>, Option<String>) {
    if !framework.is_levelled() {
        if draft.level_id.is_some() || draft.include_next_level {
            errors.push(ScanError::LevelNotApplicable {
                framework: framework.id.clone(),
            });
        }
        return (None, None);
    }
    let known = || framework.levels.iter().map(|l| l.id.clone()).collect();
    let Some(level_id) = draft.level_id.as_deref() else {
        errors.push(ScanError::LevelRequired {
            framework: framework.id.clone(),
            known: known(),
        });
        return (None, None);
    };
    if !framework.levels.iter().any(|l| l.id == level_id) {
        errors.push(ScanError::UnknownLevel {
            id: level_id.to_owned(),
            known: known(),
        });
        return (None, None);
    }
    let next = if draft.include_next_level {
        match next_level(framework, level_id) {
            Some(next) => Some(next.id.clone()),
            None => {
                errors.push(ScanError::NoNextLevel {
                    level: level_id.to_owned(),
                });
                None
            }
        }
    } else {
        None
    };
    (Some(level_id.to_owned()), next)
}

/// Returns the known chosen competencies in framework order, without repeats.
fn check_competencies(
    errors: &mut Vec<ScanError>,
    draft: &ScanDraft,
    framework: &Framework,
) -> Vec<String> {
    if draft.competency_ids.is_empty() {
        errors.push(ScanError::NoCompetencies);
    }
    let mut seen = HashSet::new();
    for id in &draft.competency_ids {
        if !seen.insert(id.as_str()) {
            errors.push(ScanError::DuplicateCompetency { id: id.clone() });
        } else if framework.competency(id).is_none() {
            errors.push(ScanError::UnknownCompetency {
                id: id.clone(),
                framework: framework.id.clone(),
            });
        }
    }

    if let Some(profile_id) = draft.profile_id.as_deref() {
        match framework.profile(profile_id) {
            None => errors.push(ScanError::UnknownProfile {
                id: profile_id.to_owned(),
                framework: framework.id.clone(),
            }),
            Some(profile) => {
                for required in profile.competency_ids() {
                    if !seen.contains(required) {
                        errors.push(ScanError::ProfileCompetencyMissing {
                            profile: profile.id.clone(),
                            competency: required.to_owned(),
                        });
                    }
                }
                let prescribed: HashSet<&str> = profile.competency_ids().collect();
                let mut extras: Vec<String> = Vec::new();
                for id in &draft.competency_ids {
                    if !prescribed.contains(id.as_str()) && !extras.contains(id) {
                        extras.push(id.clone());
                    }
                }
                let allowed = usize::from(profile.own_choice);
                if profile.fixed && !extras.is_empty() {
                    errors.push(ScanError::FixedProfileExtras {
                        profile: profile.id.clone(),
                        extras,
                    });
                } else if extras.len() > allowed {
                    errors.push(ScanError::TooManyOwnChoices {
                        profile: profile.id.clone(),
                        allowed,
                        found: extras.len(),
                        extras,
                    });
                }
            }
        }
    }

    framework
        .competencies
        .iter()
        .filter(|c| seen.contains(c.id.as_str()))
        .map(|c| c.id.clone())
        .collect()
}

/// Returns the groups with trimmed labels.
fn check_groups(errors: &mut Vec<ScanError>, groups: &[RaterGroup]) -> Vec<RaterGroup> {
    let mut seen = HashSet::new();
    let mut out = Vec::with_capacity(groups.len());
    for group in groups {
        if !is_slug(&group.id) {
            errors.push(ScanError::InvalidGroupId {
                id: group.id.clone(),
            });
        } else if !seen.insert(group.id.as_str()) {
            errors.push(ScanError::DuplicateGroup {
                id: group.id.clone(),
            });
            continue;
        }
        let label_nl = group.label_nl.trim();
        let label_en = group.label_en.trim();
        if label_nl.is_empty() || label_en.is_empty() {
            errors.push(ScanError::EmptyGroupLabel {
                id: group.id.clone(),
            });
        }
        out.push(RaterGroup {
            id: group.id.clone(),
            label_nl: label_nl.to_owned(),
            label_en: label_en.to_owned(),
            identifiable: group.identifiable,
            is_self: group.is_self,
        });
    }
    let selves: Vec<String> = out
        .iter()
        .filter(|g| g.is_self)
        .map(|g| g.id.clone())
        .collect();
    match selves.len() {
        0 => errors.push(ScanError::NoSelfGroup),
        1 => {}
        _ => errors.push(ScanError::MultipleSelfGroups { ids: selves }),
    }
    out
}

/// Checks that per-person response status is not asked by an organiser who is the subject.
pub fn check_person_status(scan: &ValidScan, organiser: &Email) -> Result<(), ScanError> {
    if scan.person_status && scan.subject_email == *organiser {
        Err(ScanError::PersonStatusForSubject)
    } else {
        Ok(())
    }
}

/// Checks whether a scan in `status` may be changed from `old` to `new` (both validated).
///
/// A draft may change freely. An open scan keeps its subject and its questions (answers would
/// otherwise belong to different questionnaires), keeps every existing group unchanged
/// (invitations use them, and identifiable groups were told so) and may not lower k (those who
/// answered were promised it); it may get new groups, a new deadline, introduction, language
/// and report readers. A closed scan may only change its report readers.
pub fn check_edit(
    status: ScanStatus,
    old: &ValidScan,
    new: &ValidScan,
) -> Result<(), Vec<ScanError>> {
    let mut locked = Vec::new();
    match status {
        ScanStatus::Draft => {}
        ScanStatus::Open => {
            if old.subject_email != new.subject_email {
                locked.push(LockedField::Subject);
            }
            if old.framework_id != new.framework_id
                || old.framework_version != new.framework_version
                || old.profile_id != new.profile_id
                || old.level_id != new.level_id
                || old.next_level_id != new.next_level_id
                || old.competency_ids != new.competency_ids
            {
                locked.push(LockedField::Questions);
            }
            if !old.groups.iter().all(|g| new.groups.contains(g)) {
                locked.push(LockedField::Groups);
            }
            if new.k < old.k {
                locked.push(LockedField::KLowered);
            }
            if new.person_status && !old.person_status {
                locked.push(LockedField::PersonStatus);
            }
        }
        ScanStatus::Closed => {
            let same_apart_from_readers = ValidScan {
                report_readers: old.report_readers.clone(),
                ..new.clone()
            } == *old;
            if !same_apart_from_readers {
                locked.push(LockedField::Closed);
            }
        }
    }
    if locked.is_empty() {
        Ok(())
    } else {
        Err(locked
            .into_iter()
            .map(|what| ScanError::Locked { status, what })
            .collect())
    }
}

pub mod example;
pub mod form;
pub mod progress;

#[cfg(test)]
mod tests;
