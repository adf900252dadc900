//! What the organiser typed for a new or edited scan, before it is checked.

use serde::{Deserialize, Serialize};

use super::{Language, RaterGroup};

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
    /// The organiser's introduction for the informants, put into their invitations and on
    /// their welcome page.
    #[serde(default)]
    pub introduction: String,
    /// The organiser's introduction for the subject's own invitation and welcome page (self
    /// reads a different letter: "give feedback about him" does not fit). Empty: none.
    #[serde(default)]
    pub introduction_self: String,
    /// Who may read the report (email addresses of accounts).
    #[serde(default)]
    pub report_readers: Vec<String>,
    /// Send an automatic reminder this many days before the deadline (none when `None`).
    #[serde(default)]
    pub reminder_days: Option<u32>,
    /// Let the organiser see per informant whether they submitted the scan (never what). Off by
    /// default; never allowed when the organiser is the subject (see [`check_person_status`](super::check_person_status)).
    #[serde(default)]
    pub person_status: bool,
}
